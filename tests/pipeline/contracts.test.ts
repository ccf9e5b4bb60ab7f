import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { configSchema } from '../../pipeline/config.ts';
import { build } from '../../pipeline/jobs/build.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { DATA_TESTS } from '../../pipeline/models/contracts.ts';
import { MODELS_DIR } from '../../pipeline/models/run.ts';
import { REPORT_IDENTITY_SQL } from '../../pipeline/reviews/identity.ts';
import { SEEDS_DIR } from '../helpers/paths.ts';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A rule that breaks two contracts: every flag twice (same key) and a severity nobody defined. */
const BROKEN_RULE = `-- rule: zz_broken
-- tier: 1
-- severity: urgent
-- parameters: none
-- title: 测试用
-- meaning: a rule that breaks the contracts.
-- computed: one row per current report, twice.
-- why: to show the data tests stop the build.
-- not: anything real.
with once as (
    select
        report_id,
        null as project,
        'zz_broken' as rule_id,
        'urgent' as severity,
        '整份报告' as subject,
        null::double as measured,
        null as measured_text,
        null::double as threshold,
        '测试' as message,
        null as evidence,
        null as location
    from stg_reports
)

select * from once
union all
select * from once
`;

describe('data tests', () => {
  it('a duplicated flag_key or an unknown severity stops the build before the swap and keeps the previous warehouse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-contracts-'));
    const db = join(dir, 'warehouse.duckdb');
    const config = configSchema.parse({});
    const first = await build({ input: SEEDS_DIR, db, config, allowShrink: true });
    expect(first.status, first.message).toBe('ok');
    const before = sha256(db);

    const models = join(dir, 'models');
    cpSync(MODELS_DIR, models, { recursive: true });
    writeFileSync(join(models, 'rules', 'zz_broken.sql'), BROKEN_RULE);
    const second = await build({ input: SEEDS_DIR, db, config, allowShrink: true, full: true, modelsDir: models });

    expect(second.status).toBe('failed');
    expect(second.message).toContain('unique anomalies.flag_key');
    expect(second.message).toContain('accepted_values anomalies.severity');
    // the other contracts held, so they are not named
    expect(second.message).not.toContain('relationships anomalies.report_id');
    expect(sha256(db)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.building-'))).toEqual([]);
    const warehouse = await openWarehouse(db);
    try {
      const runs = await warehouse.query('select count(*)::int as n from runs');
      expect(runs[0].n).toBe(1);
      const broken = await warehouse.query(`select count(*)::int as n from anomalies where rule_id = 'zz_broken'`);
      expect(broken[0].n).toBe(0);
    } finally {
      warehouse.close();
    }
  });

  it('report versions: the identity int_report_versions gives is the one review decisions are kept by, and reports.is_current follows it', async () => {
    const warehouse = await openWarehouse(inject('txtWarehouse'));
    try {
      const differing = await warehouse.query(`
        select r.report_id from reports r join int_report_versions v using (report_id)
        where v.report_identity is distinct from (${REPORT_IDENTITY_SQL}) or v.is_current <> r.is_current
           or v.superseded_by is distinct from r.superseded_by`);
      expect(differing).toEqual([]);
      const [{ identified }] = await warehouse.query('select count(report_identity)::int as identified from int_report_versions');
      expect(identified).toBeGreaterThan(0);
    } finally {
      warehouse.close();
    }
  });

  it('pass on the sample warehouse (every contract checked on real output)', async () => {
    const warehouse = await openWarehouse(inject('txtWarehouse'));
    try {
      // the tests have something to check: flags exist and carry known severities
      const flags = await warehouse.query('select count(*)::int as n, count(distinct severity)::int as severities from anomalies');
      expect(flags[0].n).toBeGreaterThan(0);
      for (const test of DATA_TESTS) expect(await warehouse.query(test.sql), test.name).toEqual([]);
    } finally {
      warehouse.close();
    }
  });
});
