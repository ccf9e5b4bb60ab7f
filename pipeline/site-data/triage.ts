import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlainRow } from '../load/query.ts';
import { streamRows } from './flags.ts';
import { triageColumnsSql } from './pages.ts';
import { SearchIndexBuilder, type SearchIndex } from './search.ts';
import type { TriageTerms } from './triage-terms.ts';

/**
 * The 单位 page's ranking of every current report, in fixed-size pages: `static/triage/<n>.json`
 * holds ranks n × TRIAGE_PAGE_ROWS + 1 … (n + 1) × TRIAGE_PAGE_ROWS, and `pages/triage.json` is
 * the index the page reads first (how many reports, which file holds which ranks, how many bytes
 * each is). The page shows one ranking page at a time; its search reads the search index written
 * from the same stream (search.ts: the keys of the query, then only the blocks of rows it shows), so
 * no page load fetches more than about 2 MB however many reports there are. One ranking page in
 * memory at a time (the search index grows with the reports' searched text).
 *
 * Priority (documented in docs/dashboard.md): each severity's flags × its weight (严重 × 100 + 警告 × 10 +
 * 提示, as the severities table defines them, triage-terms.ts), then the overspend in 万元 (实际支出 −
 * 年初预算, when positive); the light is 红 with any 严重, 黄 with any 警告, else 绿 (the table's lights).
 * The grade follows the self-score (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below).
 */

/** Reports per ranking file: about 150 KB at the corpus's names, under 700 KB at 200-character ones. */
export const TRIAGE_PAGE_ROWS = 1000;

const COLUMNS = ['id', 'unit', 'region', 'year', 'kind', 'project', 'critical', 'warning', 'info',
  'overspend', 'score', 'grade', 'priority', 'light'] as const;

const rankingSql = (terms: TriageTerms) => `
  select s.report_id as id, s.unit, s.region, s.fiscal_year as year, s.kind, s.project,
         s.critical_flags as critical, s.warning_flags as warning, s.info_flags as info,
         ${triageColumnsSql(terms)}
  from report_summary s
  order by priority desc, overspend desc nulls last, s.unit, s.report_id`;

interface TriagePage {
  file: string;
  /** rank of the file's first report, from 1 */
  first: number;
  rows: number;
  bytes: number;
}

export interface TriageIndex {
  total: number;
  pageRows: number;
  columns: readonly string[];
  pages: TriagePage[];
  /** the search index (`static/search/`) */
  search: SearchIndex;
}

export async function writeTriagePages(connection: DuckDBConnection, dir: string, searchDir: string, terms: TriageTerms): Promise<TriageIndex> {
  mkdirSync(dir, { recursive: true });
  const search = new SearchIndexBuilder(searchDir, COLUMNS);
  const pages: TriagePage[] = [];
  let rows: PlainRow[] = [];
  let total = 0;
  const flush = () => {
    if (!rows.length) return;
    const file = `${String(pages.length).padStart(5, '0')}.json`;
    const body = JSON.stringify({ columns: COLUMNS, rows: rows.map((r) => COLUMNS.map((c) => r[c] ?? null)) });
    writeFileSync(join(dir, file), body);
    pages.push({ file, first: total - rows.length + 1, rows: rows.length, bytes: Buffer.byteLength(body) });
    rows = [];
  };
  for await (const chunk of streamRows(connection, rankingSql(terms))) {
    for (const row of chunk) {
      rows.push(row);
      total++;
      search.add(total, row);
      if (rows.length >= TRIAGE_PAGE_ROWS) flush();
    }
  }
  flush();
  return { total, pageRows: TRIAGE_PAGE_ROWS, columns: COLUMNS, pages, search: search.finish() };
}
