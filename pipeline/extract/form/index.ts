export * from './labels.ts';
export * from './columns.ts';
export * from './sources.ts';
export * from './kinds.ts';
export * from './arithmetic.ts';
export * from './prose.ts';
export * from './indicators.ts';
