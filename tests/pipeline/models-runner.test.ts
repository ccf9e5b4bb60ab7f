import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportColumns } from '../../pipeline/load/columns.ts';
import { WarehouseWriter } from '../../pipeline/load/warehouse.ts';
import { MODELS_DIR, runModels } from '../../pipeline/models/run.ts';
import { ruleSettingsSchema } from '../../pipeline/models/settings.ts';
import { line, report } from '../helpers/constructed.ts';
import type { Report } from '../../pipeline/extract/report.ts';

/**
 * A disabled rule does no work: the models runner gives its table the rule's columns and no rows
 * without computing the query. The rule's SQL is replaced by one that fails whenever it is computed.
 */
/** The reports as loaded files r0, r1, … of a writer's warehouse. */
async function appendReports(writer: WarehouseWriter, reports: Report[]): Promise<void> {
  for (const [i, r] of reports.entries()) {
    const facts = { reportId: `r${i}`, fileName: `r${i}.txt`, path: `r${i}.txt`, format: 'txt', encoding: 'utf-8', contentHash: `r${i}`, sizeBytes: 1, fileMtime: new Date(0), parserVersion: 'test' };
    await writer.appendReport(reportColumns(facts, r, null));
  }
}

describe('the models runner and a disabled rule', () => {
  const models = mkdtempSync(join(tmpdir(), 'jixiao-models-'));
  cpSync(MODELS_DIR, models, { recursive: true });
  const file = join(models, 'rules', 'duplicate_text.sql');
  const header = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('--'))
    .join('\n');
  // the columns every rule gives, and an error the moment a row is computed
  writeFileSync(
    file,
    `${header}\nselect error('duplicate_text was computed') as report_id, null as project, 'duplicate_text' as rule_id, 'warning' as severity,
  's' as subject, 1.0 as measured, '1' as measured_text, 1.0 as threshold, 'm' as message, 'e' as evidence, 'l' as location\nfrom range(1)\n`,
  );

  async function run(enabled: boolean): Promise<{ rows: number; columns: number }> {
    const db = join(mkdtempSync(join(tmpdir(), 'jixiao-models-db-')), 'w.duckdb');
    const writer = await WarehouseWriter.create(db);
    try {
      // on four connections: the failure of one model on any of them names the model
      await runModels(writer.connection, ruleSettingsSchema.parse({ duplicate_text: { enabled } }), models, { connect: () => writer.connect(), connections: 4 });
      const reader = await writer.connection.runAndReadAll(
        `select (select count(*) from rule_duplicate_text), (select count(*) from duckdb_columns() where table_name = 'rule_duplicate_text')`,
      );
      const [rows, columns] = reader.getRows()[0].map(Number);
      return { rows, columns };
    } finally {
      writer.abort();
    }
  }

  it('computes an enabled rule (the replaced SQL fails when computed)', async () => {
    await expect(run(true)).rejects.toThrow(/^模型 rules\/duplicate_text\.sql 运行失败：.*duplicate_text was computed/);
  });

  it('leaves a disabled rule’s table empty without computing it', async () => {
    expect(await run(false)).toEqual({ rows: 0, columns: 11 });
  });
});

describe('the models on several connections', () => {
  // execution rates 60–99% in 40 reports of 40 units; a changed threshold must reach every connection
  const reports = Array.from({ length: 40 }, (_, i) =>
    report({ unit: `第${i}镇人民政府`, unitKey: `测试县|第${i}镇人民政府`, budgetLines: [line({ fullYearBudget: 100, actual: 60 + i, initialBudget: 100 })] }),
  );
  const settings = ruleSettingsSchema.parse({ low_execution: { warning_pct: 95, critical_pct: 70 } });

  async function modelled(connections: number): Promise<{ anomalies: string[]; tables: string[]; lowExecution: number }> {
    const db = join(mkdtempSync(join(tmpdir(), 'jixiao-models-pool-')), 'w.duckdb');
    const writer = await WarehouseWriter.create(db);
    try {
      await appendReports(writer, reports);
      const connection = await writer.written();
      await runModels(connection, settings, MODELS_DIR, { connect: () => writer.connect(), connections });
      const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRows().map((r) => r.map(String).join('|'));
      return {
        // in the table's own order: anomalies is ordered explicitly, the catalog by the rule files
        anomalies: await rows(`select * from anomalies`),
        tables: await rows(`select r.rule_id, r.flags, r.reports_flagged from rules as r`),
        lowExecution: Number((await connection.runAndReadAll(`select count(*) from anomalies where rule_id = 'low_execution'`)).getRows()[0][0]),
      };
    } finally {
      writer.abort();
    }
  }

  it('gives the same tables, in the same order, on four connections as on one, with the settings on every connection', async () => {
    const one = await modelled(1);
    const four = await modelled(4);
    // rates 60–94% are under the changed 95%
    expect(one.lowExecution).toBe(35);
    expect(four).toEqual(one);
  }, 120_000);
});

describe('DuckDB while building', () => {
  it('runs under the configured memory limit and spills a query larger than it to the temp folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-spill-'));
    const writer = await WarehouseWriter.create(join(dir, 'w.duckdb'), { memoryLimit: '64MB', tempDirectory: join(dir, 'spill') });
    try {
      const limit = await writer.connection.runAndReadAll(`select current_setting('memory_limit'), current_setting('temp_directory')`);
      expect(limit.getRows()[0]).toEqual(['61.0 MiB', join(dir, 'spill')]);
      // about 100 MB of rows sorted under a 64 MB limit: it completes by spilling instead of failing
      const sorted = await writer.connection.runAndReadAll(
        `select count(*)::integer, max(s) from (select md5(range::varchar) || md5((range + 1)::varchar) as s from range(1200000) order by s)`,
      );
      expect(sorted.getRows()[0][0]).toBe(1_200_000);
    } finally {
      writer.abort();
    }
  }, 120_000);
});

describe('a view computed once while the models run', () => {
  // a mart that records what stg_reports is while it runs; its header says it reads stg_reports
  const models = mkdtempSync(join(tmpdir(), 'jixiao-models-staged-'));
  cpSync(MODELS_DIR, models, { recursive: true });
  writeFileSync(
    join(models, 'marts', 'zz_probe.sql'),
    `-- zz_probe: what stg_reports is while the models run\nselect (select count(*) from duckdb_tables() where table_name = 'stg_reports')::integer as staged, count(*)::integer as reports from stg_reports\n`,
  );
  const reports = Array.from({ length: 3 }, (_, i) => report({ unit: `第${i}镇人民政府`, unitKey: `测试县|第${i}镇人民政府` }));

  it('is a table while the models run and the same view, with its comments, afterwards; a second run on the warehouse works', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'jixiao-models-staged-db-')), 'w.duckdb');
    const writer = await WarehouseWriter.create(db);
    try {
      await appendReports(writer, reports);
      const connection = await writer.written();
      const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRows().map((r) => r.map(String).join('|'));
      const state = async () => ({
        probe: await rows(`select staged, reports from zz_probe`),
        kinds: await rows(`select table_name, table_type from information_schema.tables where table_name in ('stg_reports', 'int_report_versions', 'stg_indicators', 'stg_budget_lines') order by 1`),
        comments: await rows(`select view_name, comment from duckdb_views() where view_name in ('stg_reports', 'int_report_versions') order by 1`),
        columnComments: Number((await connection.runAndReadAll(`select count(*) from duckdb_columns() where table_name = 'stg_reports' and comment is not null`)).getRows()[0][0]),
        reports: await rows(`select report_id from stg_reports order by 1`),
      });
      await runModels(connection, ruleSettingsSchema.parse({}), models, { connect: () => writer.connect(), connections: 2 });
      const first = await state();
      expect(first.probe).toEqual(['1|3']);
      expect(first.kinds).toEqual(['int_report_versions|VIEW', 'stg_budget_lines|VIEW', 'stg_indicators|VIEW', 'stg_reports|VIEW']);
      expect(first.comments.map((c) => c.split('|')[0])).toEqual(['int_report_versions', 'stg_reports']);
      expect(first.comments.every((c) => c.split('|')[1].length > 10)).toBe(true);
      expect(first.columnComments).toBe(12);
      expect(first.reports).toEqual(['r0', 'r1', 'r2']);
      // the second run finds views where the first found nothing
      await runModels(connection, ruleSettingsSchema.parse({}), models, { connect: () => writer.connect(), connections: 2 });
      expect(await state()).toEqual(first);
    } finally {
      writer.abort();
    }
  }, 120_000);
});
