import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerEntry } from '../../pipeline/ingest/compiled-worker.ts';
import { compiledEntry } from '../../bin/compiled.mjs';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { WarehouseWriter } from '../../pipeline/load/warehouse.ts';
import { rowTable, type RowOf } from '../../pipeline/load/spec.ts';
import { REPORTS } from '../../pipeline/load/tables.ts';
import { configSchema } from '../../pipeline/config.ts';
import { IngestPool } from '../../pipeline/ingest/pool.ts';
import { listReportFiles } from '../../pipeline/read/files.ts';
import { docxWithBody, repeatedParagraphs } from '../helpers/hostile.ts';
import { REPO_ROOT, SAMPLES_DIR, SEEDS_DIR } from '../helpers/paths.ts';
import { duckdbLoadLimit, duckdbMegabytes, MIN_WORKER_HEAP_MB, readingMemory, readingTotalMb, SMALLEST_BUILD_MB } from '../../pipeline/ingest/memory.ts';

/** Worker threads load compiled JavaScript; the writer appends whole data chunks. */

describe('worker entry', () => {
  it('is one compiled JavaScript bundle in node_modules/.cache, not the TypeScript', async () => {
    const href = await workerEntry();
    expect(href).toMatch(/node_modules\/\.cache\/jixiao\/worker-[0-9a-f]{16}\.mjs$/);
    const code = readFileSync(new URL(href), 'utf8');
    expect(code).not.toMatch(/from ["'][^"']+\.ts["']/);
    expect(code).toContain('export {');
    // each module's own location is written in (modules that read files beside themselves still find them)
    expect(code).not.toContain('import.meta');
    // the same sources give the same file
    expect(await workerEntry()).toBe(href);
  });

  it('imports at start only what reading .docx and .txt needs; the CLI loads each command\'s heavy packages with it', async () => {
    const staticImports = (code: string) => new Set([...code.matchAll(/^import [^;]*? from ["']([^"']+)["']/gm)].map((m) => m[1]));
    const worker = staticImports(readFileSync(new URL(await workerEntry()), 'utf8'));
    for (const name of ['jszip', 'parse5', 'iconv-lite', 'yauzl', 'exceljs', 'mammoth', 'pdfjs-dist', 'zod']) expect(worker, name).not.toContain(name);
    const cli = staticImports(readFileSync(new URL(await compiledEntry(join(REPO_ROOT, 'pipeline/cli/main.ts'), 'cli')), 'utf8'));
    for (const name of ['exceljs', 'docx', 'sirv', 'jszip', 'mammoth']) expect(cli, name).not.toContain(name);
    // the check itself sees static imports: piscina stays one (its workers start from its own files)
    expect(cli).toContain('piscina');
  });
});

describe('warehouse writer', () => {
  it('writes rows handed over in pieces as whole chunks, every value as given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-chunks-'));
    const db = join(dir, 'w.duckdb');
    const writer = await WarehouseWriter.create(db);
    // the reports table as plain rows keyed by column name (columns not given are null)
    const asRows = rowTable('reports', REPORTS.comment, REPORTS.columns);
    const rows: RowOf<typeof REPORTS.columns>[] = Array.from({ length: 5000 }, (_, i) => ({
      report_id: `r${i}`,
      file_name: i % 7 === 0 ? null : `文件${i}.docx`,
      size_bytes: i,
      self_score: i % 3 === 0 ? null : i / 4,
      is_current: i % 2 === 0,
      report_date: i % 5 === 0 ? null : new Date(Date.UTC(2023, 0, 1 + (i % 365))),
      file_mtime: new Date(Date.UTC(2024, 5, 1, 12, 0, 0, i % 1000)),
    }));
    // pieces of uneven size, as reports come from the workers, crossing chunk boundaries
    for (let start = 0; start < rows.length; ) {
      const size = 1 + ((start * 37) % 900);
      await writer.appendColumns('reports', asRows.columnsOf(rows.slice(start, start + size)));
      start += size;
    }
    await writer.commit();
    const w = await openWarehouse(db);
    try {
      const back = await w.query(
        `select report_id, file_name, size_bytes, self_score, is_current, strftime(report_date, '%Y-%m-%d') as d, epoch_ms(file_mtime) as m from reports order by size_bytes`,
      );
      expect(back).toHaveLength(5000);
      back.forEach((r, i) => {
        const want = rows[i];
        expect(r.report_id).toBe(want.report_id);
        expect(r.file_name).toBe(want.file_name);
        expect(Number(r.size_bytes)).toBe(i);
        expect(r.self_score === null ? null : Number(r.self_score)).toBe(want.self_score);
        expect(r.is_current).toBe(want.is_current);
        expect(r.d).toBe(want.report_date ? (want.report_date as Date).toISOString().slice(0, 10) : null);
        expect(Number(r.m)).toBe((want.file_mtime as Date).getTime());
      });
    } finally {
      w.close();
    }
  });
});

describe('memory budget of the reading phase', () => {
  it('gives N workers heap caps that, with the main thread and DuckDB, fit the budget', () => {
    const defaults = configSchema.parse({}).limits;
    expect(defaults.maxBuildMegabytes).toBe(1024);
    // two workers on the defaults: both start, each well under the old 768 MB cap, all within 1 GiB
    const two = readingMemory(defaults, 2);
    expect(two.threads).toBe(2);
    expect(two.workerHeapMb).toBeLessThan(defaults.maxMegabytesPerFile);
    expect(readingTotalMb(two)).toBeLessThanOrEqual(1024);
    for (const budget of [SMALLEST_BUILD_MB, 700, 1024, 1536, 4096, 16384]) {
      for (const perFile of [32, 160, 768, 4000]) {
        for (let wanted = 1; wanted <= 16; wanted++) {
          const m = readingMemory({ maxBuildMegabytes: budget, maxMegabytesPerFile: perFile }, wanted);
          const at = `budget ${budget}, per file ${perFile}, ${wanted} wanted`;
          expect(m.threads, at).toBeGreaterThanOrEqual(1);
          expect(m.threads, at).toBeLessThanOrEqual(wanted);
          expect(readingTotalMb(m), at).toBeLessThanOrEqual(budget);
          expect(m.workerHeapMb, at).toBeLessThanOrEqual(perFile);
          // a worker gets its per-file cap or at least the smallest useful heap
          expect(m.workerHeapMb, at).toBeGreaterThanOrEqual(Math.min(perFile, MIN_WORKER_HEAP_MB));
        }
      }
    }
    // a budget below what one worker needs is refused by the config
    expect(() => configSchema.parse({ limits: { maxBuildMegabytes: SMALLEST_BUILD_MB - 1 } })).toThrow();
  });

  it("lowers DuckDB's limit to its load share while reading, never raises it", () => {
    expect(duckdbMegabytes('1GB')).toBeCloseTo(953.67, 1);
    expect(duckdbMegabytes('512MiB')).toBe(512);
    const m = readingMemory(configSchema.parse({}).limits, 2);
    expect(duckdbLoadLimit(m, '1GB')).toBe(`${m.duckdbLoadMb}MiB`);
    expect(duckdbLoadLimit(m, '64MB')).toBe('64MB');
    expect(() => duckdbMegabytes('lots')).toThrow();
  });
});

describe('files read in batches', () => {
  it('a file stopped at its time limit fails alone: the rest of its batch is read by a new worker', async () => {
    const input = mkdtempSync(join(tmpdir(), 'jixiao-batch-'));
    const base = readFileSync(join(SAMPLES_DIR, readdirSync(SAMPLES_DIR).find((f) => f.endsWith('.docx'))!));
    // first in the listing, so it opens a batch; the reference reader takes tens of seconds over 8 MB of XML
    writeFileSync(join(input, '0-slow.docx'), await docxWithBody(base, repeatedParagraphs('很慢的段落', 8 * 1024 * 1024)));
    const seeds = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).slice(0, 7);
    for (const seed of seeds) copyFileSync(join(SEEDS_DIR, seed), join(input, seed));
    const { files } = await listReportFiles(input);
    expect(files[0].relPath).toBe('0-slow.docx');
    const limits = configSchema.parse({ limits: { maxDocumentXmlBytes: 32 * 1024 * 1024, maxSecondsPerFile: 3 } }).limits;
    const pool = await IngestPool.start(1, limits);
    try {
      const seen = new Map<number, string>();
      await pool.ingest(files, { workers: 1, limits, cacheDir: null, read: { docxReader: 'mammoth' } }, (r, i) => {
        // every file is handed over exactly once
        expect(seen.has(i)).toBe(false);
        seen.set(i, r.ok ? 'ok' : r.code);
      });
      expect(Object.fromEntries([...seen].map(([i, outcome]) => [files[i].relPath, outcome]))).toEqual({
        '0-slow.docx': 'timeout',
        ...Object.fromEntries(seeds.map((seed) => [seed, 'ok'])),
      });
    } finally {
      await pool.destroy();
    }
  }, 120_000);
});
