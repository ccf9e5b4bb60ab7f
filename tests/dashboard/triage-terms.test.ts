import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, inject, it } from 'vitest';
import { SEVERITIES } from '../../pipeline/models/severity.ts';
import { writeSiteData } from '../../pipeline/site-data/index.ts';

/**
 * The review priority and the triage light come from the severity definition (pipeline/models/severity.ts,
 * the warehouse's severities table): the site data ranks by it and prints it in severities.json, which
 * the pages write the formula and the rule of the light from. A changed definition changes both.
 */

interface Term {
  severity: string;
  priority_weight: number;
  light: string;
}
type Row = Record<string, unknown>;

/** Every ranked report of the site data (the 单位 pages in order), each region file's reports, severities.json, the overview's 30. */
function siteData(dir: string) {
  const rowsOf = (t: { columns: string[]; rows: unknown[][] }): Row[] => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
  const triage = JSON.parse(readFileSync(join(dir, 'pages', 'triage.json'), 'utf8')) as { pages: { file: string }[] };
  const ranked = triage.pages.flatMap((p) => rowsOf(JSON.parse(readFileSync(join(dir, 'static', 'triage', p.file), 'utf8'))));
  const regions = readdirSync(join(dir, 'static', 'regions')).flatMap((f) => {
    const file = JSON.parse(readFileSync(join(dir, 'static', 'regions', f), 'utf8')) as { reports: { columns: string[]; rows: unknown[][] } };
    return rowsOf(file.reports);
  });
  const severities = JSON.parse(readFileSync(join(dir, 'pages', 'severities.json'), 'utf8')) as Term[];
  const overview = JSON.parse(readFileSync(join(dir, 'pages', 'overview.json'), 'utf8')) as { needReview: Row[] };
  return { ranked, regions, severities, needReview: overview.needReview };
}

/** Priority and light of a row with per-severity counts, worked out here from the terms. */
const priorityOf = (row: Row, terms: Term[]) => terms.reduce((sum, t) => sum + Number(row[t.severity]) * t.priority_weight, 0);
const lightOf = (row: Row, terms: Term[]) => terms.slice(0, -1).find((t) => Number(row[t.severity]) > 0)?.light ?? terms[terms.length - 1].light;

describe('triage priority and light', () => {
  it('follow the severity definition in the ranking, the region files, the overview and severities.json, and a changed definition in all of them', async () => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-triage-terms-'));
    const db = join(work, 'warehouse.duckdb');
    copyFileSync(inject('txtWarehouse'), db);

    // as defined
    const defined: Term[] = SEVERITIES.map((s) => ({ severity: s.severity, priority_weight: s.priorityWeight, light: s.light }));
    expect(defined.map((t) => t.priority_weight)).toEqual([100, 10, 1]);
    await writeSiteData(db, join(work, 'as-defined'));
    const before = siteData(join(work, 'as-defined'));
    expect(before.severities.map(({ severity, priority_weight, light }) => ({ severity, priority_weight, light }))).toEqual(defined);
    // the seeds have reports with each severity, and more than one light
    for (const t of defined) expect(before.ranked.some((r) => Number(r[t.severity]) > 0), t.severity).toBe(true);
    expect(new Set(before.ranked.map((r) => r.light)).size).toBeGreaterThan(1);
    for (const rows of [before.ranked, before.regions, before.needReview]) {
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.light, String(r.id)).toBe(lightOf(r, defined));
    }
    for (const r of [...before.ranked, ...before.regions]) expect(r.priority, String(r.id)).toBe(priorityOf(r, defined));

    // another definition: warnings outweigh everything, critical flags count little, info nothing; other lights
    const changed: Term[] = [
      { severity: 'critical', priority_weight: 1, light: '紫' },
      { severity: 'warning', priority_weight: 1000, light: '蓝' },
      { severity: 'info', priority_weight: 0, light: '白' },
    ];
    const instance = await DuckDBInstance.create(db);
    const c = await instance.connect();
    for (const t of changed) await c.run(`update severities set priority_weight = ${t.priority_weight}, light = '${t.light}' where severity = '${t.severity}'`);
    c.closeSync();
    instance.closeSync();
    await writeSiteData(db, join(work, 'changed'));
    const after = siteData(join(work, 'changed'));
    expect(after.severities.map(({ severity, priority_weight, light }) => ({ severity, priority_weight, light }))).toEqual(changed);
    for (const rows of [after.ranked, after.regions, after.needReview]) for (const r of rows) expect(r.light, String(r.id)).toBe(lightOf(r, changed));
    for (const r of [...after.ranked, ...after.regions]) expect(r.priority, String(r.id)).toBe(priorityOf(r, changed));
    // the ranking is by the new priority, and it is another order than before
    const priorities = after.ranked.map((r) => Number(r.priority));
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(after.ranked.map((r) => r.id)).not.toEqual(before.ranked.map((r) => r.id));
    // the overview's reports to review first: those with the most warnings lead now
    const mostWarnings = Math.max(...after.ranked.map((r) => Number(r.warning)));
    expect(Number(after.needReview[0].warning)).toBe(mostWarnings);
  });
});
