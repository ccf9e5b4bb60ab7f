import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * Past one machine as docs/operations.md runs it: four `jixiao build --shard k/4 --store …`
 * processes at once, one `jixiao merge`, against one `jixiao build` of the same folder.
 */

const CLI = join(REPO_ROOT, 'bin', 'jixiao.mjs');
const env = { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: 'true' };

function run(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stderr }));
  });
}

async function contents(db: string) {
  const w = await openWarehouse(db);
  try {
    const tables = (await w.query(`select table_name from duckdb_tables() where schema_name = 'main' order by table_name`)).map((r) => String(r.table_name));
    const counts: Record<string, number> = {};
    for (const t of tables.filter((t) => t !== 'runs')) counts[t] = Number((await w.query(`select count(*) as n from ${t}`))[0].n);
    const flags = await w.query(
      `select flag_key, report_id, rule_id, severity, subject, cast(measured as varchar) as measured, cast(threshold as varchar) as threshold, message from anomalies order by flag_key`,
    );
    const reports = await w.query(`select report_id, path, unit_key, fiscal_year, superseded_by from reports order by report_id`);
    return { counts, flags, reports };
  } finally {
    w.close();
  }
}

describe('four shards as separate processes, then one merge', () => {
  it('gives the warehouse a single build gives (every table’s row count, every flag, every report)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-shards-'));
    const corpus = join(dir, 'corpus');
    const generated = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--reports', '48', '--out', corpus, '--seed', '3', '--anomaly-share', '0.5'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(generated.status, generated.stderr).toBe(0);
    const input = join(corpus, 'reports');
    const stores = [1, 2, 3, 4].map((k) => join(dir, 'stores', `shard-${k}`));
    const shards = await Promise.all(stores.map((store, i) => run(['build', '--input', input, '--shard', `${i + 1}/4`, '--store', store, '--workers', '1', '--no-progress'])));
    for (const s of shards) expect(s.status, s.stderr).toBe(0);
    // every shard read some files, and together all of them
    const loaded = shards.map((s) => Number(/载入 (\d+)/.exec(s.stderr)?.[1]));
    for (const n of loaded) expect(n).toBeGreaterThan(0);
    expect(loaded.reduce((a, b) => a + b, 0)).toBe(readdirSync(input).length);

    const merged = join(dir, 'merged.duckdb');
    const merge = await run(['merge', ...stores, '--db', merged]);
    expect(merge.status, merge.stderr).toBe(0);
    const whole = join(dir, 'whole.duckdb');
    const single = await run(['build', '--input', input, '--db', whole, '--no-progress']);
    expect(single.status, single.stderr).toBe(0);

    const a = await contents(merged);
    const b = await contents(whole);
    expect(a.counts).toEqual(b.counts);
    expect(b.counts.reports).toBe(readdirSync(input).length);
    expect(b.flags.length).toBeGreaterThan(10);
    expect(a.flags).toEqual(b.flags);
    expect(a.reports).toEqual(b.reports);
  }, 600_000);
});
