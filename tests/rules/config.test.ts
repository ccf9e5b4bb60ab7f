import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../pipeline/config.ts';
import { build } from '../../pipeline/jobs/build.ts';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { SEEDS_DIR } from '../helpers/paths.ts';

describe('configuration file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-config-'));
  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };

  it('fills defaults and rejects unknown keys and bad values with a readable message', () => {
    expect(loadConfig(write('empty.json', {})).rules.spend_above_initial.warning_ratio).toBe(1.5);
    expect(() => loadConfig(write('typo.json', { rules: { spend_above_inital: {} } }))).toThrow(ConfigError);
    expect(() => loadConfig(write('neg.json', { rules: { low_execution: { warning_pct: -1 } } }))).toThrow(/low_execution/);
    expect(() => loadConfig(write('broken.json', '{'))).toThrow(/JSON/);
  });

  it('a threshold changed in the file changes the flags of the next build', async () => {
    const count = async (configFile: string) => {
      const db = join(mkdtempSync(join(tmpdir(), 'jixiao-config-wh-')), 'w.duckdb');
      const summary = await build({ input: SEEDS_DIR, db, config: loadConfig(configFile) });
      expect(summary.status).toBe('ok');
      const w = await openWarehouse(db);
      const rows = await w.query(`select r.settings, (select count(*) from anomalies where rule_id = 'spend_above_initial') as flags from rules r where rule_id = 'spend_above_initial'`);
      w.close();
      return rows[0];
    };
    const before = await count(write('default.json', {}));
    const after = await count(write('tuned.json', { rules: { spend_above_initial: { warning_ratio: 2.5 } } }));
    // 002's 2.30× and 004's 1.51× fall below the raised threshold
    expect(Number(before.flags) - Number(after.flags)).toBe(2);
    expect(JSON.parse(String(after.settings)).warning_ratio).toBe(2.5);
  });
});
