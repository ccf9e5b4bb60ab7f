// Types of search-index.js, for the builder (pipeline/site-data/search.ts) and the tests.
export const RESULT_ROWS: number;
export const SEARCH_FIELDS: readonly (string | ((row: Record<string, unknown>) => string))[];
export function searchChars(row: Record<string, unknown>): string[];
export function searchTerms(query: unknown): string[];
export function indexable(ch: string): boolean;
/** the 64 digits of the lists' numbers: 0–31 end a number, 32–63 carry 5 more bits */
export const DIGITS: string;
export function encodeNumber(n: number): string;
export function decodeNumbers(text: string): number[];
export function decodeRanks(text: string): number[];
export function decodeStarts(text: string): Map<number, number[]>;
export function bucketOf(key: string, buckets: number): number;
export function termKeys(term: string): { key: string; offset: number }[];
export function searchRanks(query: unknown, posting: (key: string) => Promise<string> | string): Promise<number[] | null>;
export function postingReader(
  index: { buckets: number },
  readJson: (path: string) => Promise<unknown> | unknown,
): (key: string) => Promise<string>;
export function blocksOf(ranks: number[], blockRows: number): number[];
