import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * The pipeline's layers, lowest first: a module may import its own layer and the ones below, never
 * one above (read ← extract ← ingest ← warehouse ← models ← jobs ← cli). Files named here sit apart
 * from their folder: the settings schemas and the sidecar paths are used from every layer; the
 * record definitions (tables, the row and column mapping of a report) are what ingest hands to the
 * warehouse, so they sit between the two; the rule docs generator builds a warehouse, like a command.
 */
const LAYERS: [rank: number, prefix: string][] = [
  [0, 'config.ts'],
  [0, 'models/settings.ts'],
  [0, 'ops/paths.ts'],
  [0, 'ops/lock.ts'],
  [0, 'load/resources.ts'],
  // the reading phase's memory arithmetic: pure figures, whose smallest budget bounds the config
  [0, 'ingest/memory.ts'],
  [1, 'read/'],
  // a listed file's line in the inputs fingerprint: from the listing, used by ingest and the fingerprint
  [1.5, 'ops/input-entry.ts'],
  [2, 'extract/'],
  [2.5, 'load/spec.ts'],
  [2.5, 'load/tables.ts'],
  [2.5, 'load/columns.ts'],
  [3, 'ingest/'],
  [4, 'load/'],
  [4, 'ops/run-record.ts'],
  [5, 'models/'],
  [5, 'reviews/'],
  // site data reads the marts through load/query.ts, beside the models, never the jobs
  [5, 'site-data/'],
  [6, 'ops/fingerprint.ts'],
  [6, 'jobs/'],
  [7, 'cli/'],
  [7, 'serve.ts'],
  [7, 'bench/'],
  [7, 'corpus/'],
  [7, 'samples/'],
  [7, 'models/docs.ts'],
];

const PIPELINE = join(REPO_ROOT, 'pipeline');

/** The layer of a file under pipeline/: the longest matching prefix. */
function rankOf(file: string): number {
  const match = LAYERS.filter(([, prefix]) => file === prefix || file.startsWith(prefix)).sort((a, b) => b[1].length - a[1].length)[0];
  if (!match) throw new Error(`pipeline/${file} is in no layer: add it to LAYERS`);
  return match[0];
}

function importsOf(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return [...new Set(specifiers)];
}

describe('import layering', () => {
  const files = readdirSync(PIPELINE, { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|mjs)$/.test(f))
    .map((f) => f.split('\\').join('/'));

  it('finds the modules it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(importsOf(`import { a } from './a.ts';\nconst b = await import('../b/b.ts');\nimport './c.ts';`)).toEqual(['./a.ts', '../b/b.ts', './c.ts']);
  });

  it('has no import from a lower layer to a higher one', () => {
    const upward: string[] = [];
    for (const file of files) {
      const rank = rankOf(file);
      for (const spec of importsOf(readFileSync(join(PIPELINE, file), 'utf8'))) {
        const target = relative(PIPELINE, resolve(dirname(join(PIPELINE, file)), spec)).split('\\').join('/');
        if (target.startsWith('..')) continue;
        if (rankOf(target) > rank) upward.push(`${file} → ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
