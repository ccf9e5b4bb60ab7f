import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildInto } from './build.ts';
import { SAMPLES_DIR, SEEDS_DIR } from './paths.ts';

interface SampleWarehouses {
  txt: string;
  docx: string;
}

const memo = globalThis as { jixiaoSampleWarehouses?: Promise<SampleWarehouses> };

/** Builds the two sample warehouses once (.txt seeds and .docx samples); tests open them read-only. */
async function sampleWarehouses(): Promise<SampleWarehouses> {
  const txt = await buildInto(SEEDS_DIR);
  const docx = existsSync(SAMPLES_DIR) ? await buildInto(SAMPLES_DIR) : null;
  return { txt: txt.db, docx: docx?.db ?? '' };
}

// the integration and browser projects both use them: built once per vitest process
export default async function setup(project: TestProject) {
  memo.jixiaoSampleWarehouses ??= sampleWarehouses();
  const { txt, docx } = await memo.jixiaoSampleWarehouses;
  project.provide('txtWarehouse', txt);
  project.provide('docxWarehouse', docx);
}

declare module 'vitest' {
  export interface ProvidedContext {
    txtWarehouse: string;
    docxWarehouse: string;
  }
}
