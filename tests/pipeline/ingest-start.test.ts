import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/jobs/build.ts';
import { configSchema } from '../../pipeline/config.ts';
import { acceptedByWorkers, IngestPool, workerExecArgv } from '../../pipeline/ingest/pool.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { inputsFingerprint } from '../../pipeline/ops/fingerprint.ts';
import { listReportFiles } from '../../pipeline/read/files.ts';
import { REPO_ROOT, SAMPLES_DIR, SEEDS_DIR } from '../helpers/paths.ts';

/** The job's start: workers without a TypeScript loader, started early, each file read and hashed once. */

const config = configSchema.parse({});

describe('worker options', () => {
  it('drops tsx in every form Node and npm scripts pass it, and keeps every other option', () => {
    expect(workerExecArgv(['--import', 'tsx', '--max-old-space-size=900'])).toEqual(['--max-old-space-size=900']);
    expect(workerExecArgv(['--import=tsx', '--cpu-prof'])).toEqual(['--cpu-prof']);
    expect(
      workerExecArgv([
        '--require',
        '/repo/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///repo/node_modules/tsx/dist/loader.mjs',
        '--enable-source-maps',
      ]),
    ).toEqual(['--enable-source-maps']);
    expect(workerExecArgv(['--loader', 'tsx/esm', '-r', './tsx/x.cjs'])).toEqual([]);
    // a module whose name merely contains the letters stays
    expect(workerExecArgv(['--import', './setup-tsxish.mjs', '--import', 'mytsx'])).toEqual(['--import', './setup-tsxish.mjs', '--import', 'mytsx']);
  });

  it('leaves out the V8 and process-wide options a worker thread refuses, keeping the rest in order', () => {
    expect(acceptedByWorkers([])).toEqual([]);
    expect(acceptedByWorkers(['--no-warnings', '--conditions', 'development'])).toEqual(['--no-warnings', '--conditions', 'development']);
    expect(
      acceptedByWorkers(['--max-old-space-size=4096', '--no-warnings', '--stack-trace-limit=50', '--conditions', 'development', '--title=jixiao', '--expose-gc']),
    ).toEqual(['--no-warnings', '--conditions', 'development']);
  });

  it('starts the build when node itself is given a V8 option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-v8-option-'));
    const r = spawnSync(process.execPath, ['--max-old-space-size=2048', join(REPO_ROOT, 'bin', 'jixiao.mjs'), 'build', '--input', SAMPLES_DIR, '--db', join(dir, 'w.duckdb')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr + r.stdout).not.toMatch(/execArgv/);
    expect(r.status).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a pool reads files after warming up, and hands a failing hand-over back as the error', async () => {
    const input = mkdtempSync(join(tmpdir(), 'jixiao-pool-'));
    for (const seed of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).slice(0, 3)) copyFileSync(join(SEEDS_DIR, seed), join(input, seed));
    const { files } = await listReportFiles(input);
    const pool = await IngestPool.start(2, config.limits);
    try {
      const seen: string[] = [];
      await pool.ingest(files, { workers: 2, limits: config.limits, cacheDir: null }, (r) => void seen.push(r.ok ? r.facts.path : r.relPath));
      expect(seen.sort()).toEqual(files.map((f) => f.relPath).sort());
      await expect(
        pool.ingest(files, { workers: 2, limits: config.limits, cacheDir: null }, () => {
          throw new Error('writer full');
        }),
      ).rejects.toThrow('writer full');
    } finally {
      await pool.destroy();
    }
  });
});

describe('inputs fingerprint from the workers', () => {
  it('equals the fingerprint of reading every file again, for read files, bad files and zip entries', async () => {
    const input = mkdtempSync(join(tmpdir(), 'jixiao-fp-'));
    const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.docx')).slice(0, 2);
    for (const f of samples) copyFileSync(join(SAMPLES_DIR, f), join(input, f));
    for (const seed of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).slice(0, 2)) copyFileSync(join(SEEDS_DIR, seed), join(input, seed));
    writeFileSync(join(input, 'empty.docx'), '');
    writeFileSync(join(input, 'broken.docx'), 'PK\u0003\u0004 not really a zip');
    mkdirSync(join(input, 'sub'));
    writeFileSync(join(input, 'sub', 'notes.rtf'), '{\\rtf1 text}');
    const zip = new JSZip();
    zip.file('a.txt', 'not a report at all');
    zip.file('b.docx', new Uint8Array(0));
    writeFileSync(join(input, 'bundle.zip'), await zip.generateAsync({ type: 'nodebuffer' }));

    const db = join(mkdtempSync(join(tmpdir(), 'jixiao-fp-db-')), 'w.duckdb');
    const first = await build({ input, db, config, workers: 2, cacheDir: null });
    expect(first.status).toBe('ok');
    expect(first.filesFailed).toBeGreaterThanOrEqual(3);
    const w = await openWarehouse(db);
    const [{ fingerprint }] = await w.query('select fingerprint from runs order by started desc limit 1');
    w.close();
    // the fingerprint the workers' lines gave is the one a separate pass over the files gives
    expect(fingerprint).toBe(await inputsFingerprint((await listReportFiles(input)).files, config));
    // so the next run with nothing changed keeps the warehouse
    expect((await build({ input, db, config, workers: 2, cacheDir: null })).unchanged).toBe(true);
    // and a changed file is noticed
    writeFileSync(join(input, 'sub', 'notes.rtf'), '{\\rtf1 other text}');
    expect((await build({ input, db, config, workers: 2, cacheDir: null })).unchanged).toBe(false);
  });
});
