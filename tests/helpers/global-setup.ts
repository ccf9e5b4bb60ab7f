import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildInto } from './build.ts';
import { SAMPLES_DIR, SEEDS_DIR } from './paths.ts';

/** Builds the two sample warehouses once (.txt seeds and .docx samples); tests open them read-only. */
export default async function setup(project: TestProject) {
  const txt = await buildInto(SEEDS_DIR);
  project.provide('txtWarehouse', txt.db);
  const docx = existsSync(SAMPLES_DIR) ? await buildInto(SAMPLES_DIR) : null;
  project.provide('docxWarehouse', docx?.db ?? '');
}

declare module 'vitest' {
  export interface ProvidedContext {
    txtWarehouse: string;
    docxWarehouse: string;
  }
}
