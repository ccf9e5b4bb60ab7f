import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerEntry } from '../../pipeline/ingest/compiled-worker.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { WarehouseWriter } from '../../pipeline/load/warehouse.ts';
import { rowTable, type RowOf } from '../../pipeline/load/spec.ts';
import { REPORTS } from '../../pipeline/load/tables.ts';

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
