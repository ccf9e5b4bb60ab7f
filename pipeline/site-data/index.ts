import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openWarehouse } from '../load/query.ts';
import { duckdbSchema, type DuckDBResources } from '../load/resources.ts';
import { readRunsLog } from '../ops/run-record.ts';
import { writeFlagsCsv, writeWorkbook } from './downloads.ts';
import { overview, quality, rules, schema } from './pages.ts';
import { writeRegionFiles } from './regions.ts';
import { prefixLength, writeFlagShards, writeReportFiles } from './shards.ts';
import { writeTriagePages } from './triage.ts';
import { triageTerms } from './triage-terms.ts';
import { maskedQuery } from './warehouse.ts';

/**
 * Writes every file the dashboard reads, from one warehouse connection, into `dir`:
 * - `pages/`: the small files the pages' data loaders print (overview, rules, severities, quality, SQL guide,
 *   the index of the triage ranking's pages and the index of flag shards);
 * - `static/`: copied into the site as they are and fetched by the pages when needed — the flag
 *   shards (`static/flags/`), the 单位 ranking in pages of at most TRIAGE_PAGE_ROWS reports
 *   (`static/triage/`) with its search index (`static/search/`, search.ts), one file per report (`static/reports/`), one per region
 *   (`static/regions/`, indexed by `pages/regions.json`) and the full downloads
 *   (`static/downloads/`). Every piece is written as it is read, so memory stays bounded at any
 *   number of flags.
 */

interface SiteDataOptions {
  /** the site carries a 复核意见 per report under memos/ (the unit page links to it) */
  memos?: boolean;
  /** the zone the pages show times in (IANA name) */
  timeZone?: string;
  /** DuckDB's memory limit while the files are read (config `duckdb`); it spills into `tempDirectory`, else `<dir>/spill` */
  duckdb?: DuckDBResources;
}

export async function writeSiteData(db: string, dir: string, queriesDir = 'queries', options: SiteDataOptions = {}): Promise<Record<string, number>> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  // the newest run of this warehouse, failed ones included (they leave the warehouse as it was)
  const runs = readRunsLog(db);
  const last = runs.length ? runs[runs.length - 1] : null;
  const lastRun = last ? { status: String(last.status), started: (last.started as Date).toISOString(), message: last.message === null ? null : String(last.message) } : null;
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['pages', 'static/flags', 'static/triage', 'static/reports', 'static/regions', 'static/downloads']) mkdirSync(join(dir, sub), { recursive: true });
  const sizes: Record<string, number> = {};
  const put = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, 'pages', name), content);
    sizes[name] = Buffer.byteLength(content);
  };
  const w = await openWarehouse(db);
  try {
    // without a limit DuckDB may take 80% of the machine's memory for the ordered streams below
    const resources = options.duckdb ?? duckdbSchema.parse({});
    await w.connection.run(`set memory_limit = '${resources.memoryLimit}'`);
    await w.connection.run(`set temp_directory = '${(resources.tempDirectory ?? join(dir, 'spill')).replaceAll("'", "''")}'`);
    const q = maskedQuery(w);
    // priority weights and lights as the warehouse's severities table defines them (also in severities.json)
    const terms = await triageTerms(q);
    const shards = await writeFlagShards(w.connection, join(dir, 'static', 'flags'));
    const ruleTitles = Object.fromEntries((await q(`select rule_id, title from rules`)).map((r) => [r.rule_id, r.title]));
    const [{ n }] = await q(`select count(*) as n from report_summary`);
    put('flags.json', JSON.stringify({ shards, rules: ruleTitles, total: shards.reduce((s, x) => s + x.rows, 0), memos: Boolean(options.memos) }));
    put('overview.json', JSON.stringify({ ...(await overview(q, terms)), lastRun, timeZone, reportPrefix: prefixLength(Number(n)) }));
    put('triage.json', JSON.stringify(await writeTriagePages(w.connection, join(dir, 'static', 'triage'), join(dir, 'static', 'search'), terms)));
    put('rules.json', JSON.stringify(await rules(q)));
    put('severities.json', JSON.stringify(await q(`select severity, severity_rank, severity_zh, severity_color, priority_weight, light from severities order by severity_rank`)));
    put('quality.json', JSON.stringify({ ...(await quality(q)), timeZone }));
    put('schema.json', JSON.stringify(await schema(q, queriesDir)));
    const connections: DuckDBConnection[] = [];
    const connect = async () => {
      const c = await w.instance.connect();
      connections.push(c);
      return c;
    };
    try {
      sizes.reports = await writeReportFiles(connect, join(dir, 'static', 'reports'));
      put('regions.json', JSON.stringify(await writeRegionFiles(connect, join(dir, 'static', 'regions'), terms)));
    } finally {
      for (const c of connections) c.closeSync();
    }
    await writeFlagsCsv(w.connection, join(dir, 'static', 'downloads', 'anomalies.csv'));
    await writeWorkbook(w.connection, join(dir, 'static', 'downloads', 'anomalies.xlsx'));
    sizes['anomalies.xlsx'] = statSync(join(dir, 'static', 'downloads', 'anomalies.xlsx')).size;
  } finally {
    w.close();
  }
  return sizes;
}
