import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tieringFlagsBeside, WORKER_TIERING_FLAGS } from '../../pipeline/ingest/tiering.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/** The V8 tiering flags the reading workers get (pipeline/ingest/tiering.ts). */

const url = (path: string) => JSON.stringify(pathToFileURL(join(REPO_ROOT, path)).href);

// In a process of its own (V8's flags are the process's): how many calls a worker thread's hot
// function takes to be optimized, in a worker made before the pool starts and in one made after.
// Compiles are made synchronous so that the count does not depend on the background threads.
const PROBE = `
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
setFlagsFromString('--allow-natives-syntax');
setFlagsFromString('--no-concurrent-recompilation');
const HOT = \`
  const { parentPort } = require('node:worker_threads');
  function hot(s) { let n = 0; for (let i = 0; i < s.length; i++) n += s.charCodeAt(i); return n; }
  let calls = 0;
  while (!(%GetOptimizationStatus(hot) & 16) && calls < 1e7) { hot('abcdefgh'); calls++; }
  parentPort.postMessage(calls);\`;
const callsToOptimize = () => new Promise((resolve, reject) => {
  const w = new Worker(HOT, { eval: true, execArgv: [] });
  w.once('message', (calls) => void w.terminate().then(() => resolve(calls)));
  w.once('error', reject);
});
const before = await callsToOptimize();
const { IngestPool } = await import(${url('pipeline/ingest/pool.ts')});
const { configSchema } = await import(${url('pipeline/config.ts')});
const pool = await IngestPool.start(1, configSchema.parse({}).limits);
const after = await callsToOptimize();
await pool.destroy();
console.log(JSON.stringify({ before, after }));
`;

describe('V8 tiering flags for the reading workers', () => {
  it('are flags this Node knows (v8.setFlagsFromString ignores an unknown one without a word)', () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const flag of WORKER_TIERING_FLAGS) expect(known).toContain(`  ${flag.split('=')[0]} (`);
  });

  it('leave a flag given to node itself as it was given', () => {
    expect(tieringFlagsBeside([])).toEqual(WORKER_TIERING_FLAGS);
    expect(tieringFlagsBeside(['--max-old-space-size=900', '--import', 'tsx'])).toEqual(WORKER_TIERING_FLAGS);
    expect(tieringFlagsBeside(['--interrupt-budget=67584'])).toEqual([]);
    expect(tieringFlagsBeside(['--interrupt_budget=67584'])).toEqual([]);
  });

  it('reach the worker threads created once the pool has started: their functions are optimized later', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { cwd: REPO_ROOT, encoding: 'utf8' });
    const { before, after } = JSON.parse(out.trim().split('\n').at(-1)!) as { before: number; after: number };
    expect(before).toBeGreaterThan(0);
    // the budget is 4× V8's default: a function runs about four times as often before it is compiled
    expect(after).toBeGreaterThan(2 * before);
  }, 60_000);
});
