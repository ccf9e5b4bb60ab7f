import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { GradeBands } from '../config.ts';
import { appendColumnsTo } from '../load/chunks.ts';
import { addColumnsSql, commentSql, createTableSql, type ColumnShape, type MappedTable, type TableShape } from '../load/spec.ts';
import { REPORT_IDENTITY_SQL } from './identity.ts';
import type { ReviewSheets } from './read.ts';
import { ANOMALY_REVIEW_COLUMNS, FLAG_REVIEWS, FLAGS_SEEN, READ_REVIEWS, REVIEW_ERRORS, SUMMARY_REVIEW_COLUMNS, type ReviewErrorRow } from './tables.ts';

/**
 * The review step, run after the models on every build (also one that kept its tables):
 * history = the previous warehouse's flag_reviews + what the sheets in the folder say now,
 * the latest decision per flag current; then anomalies.review_status, 连续 N 年 and the
 * review score in report_summary. The sheets are the source; the warehouse keeps what was
 * read from them before, so a sheet taken out of the folder does not take its decisions along.
 */

export interface ReviewInputs {
  sheets: ReviewSheets;
  /** the warehouse this build replaces (its flag_reviews and flags_seen are carried over) */
  previousDb: string | null;
  grades: GradeBands;
  now?: Date;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;


/** A catalog name as an identifier: a warehouse's catalog is its file's name (2025-区县.duckdb: "2025-区县"). */
const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function tableExists(connection: DuckDBConnection, catalog: string, table: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `select count(*) from duckdb_tables() where database_name = ${quote(catalog)} and schema_name = 'main' and table_name = ${quote(table)}`,
  );
  return Number(reader.getRows()[0][0]) > 0;
}

async function writeTable<Source>(connection: DuckDBConnection, table: MappedTable<Source>, source: Source, temp = false): Promise<void> {
  await connection.run(createTableSql(table, temp ? 'replace temp' : 'replace'));
  const { columns, rowCount } = table.columnsOf(source);
  if (rowCount) {
    const appender = await connection.createAppender(table.name, temp ? 'main' : null, temp ? 'temp' : null);
    appendColumnsTo(appender, table, columns, rowCount);
    appender.closeSync();
  }
}

/** Copies the previous warehouse's review tables into temp tables prior_<name>. */
async function carryOver(connection: DuckDBConnection, previousDb: string | null, errors: ReviewErrorRow[]): Promise<void> {
  for (const spec of [FLAG_REVIEWS, FLAGS_SEEN]) await connection.run(createTableSql({ ...spec, name: `prior_${spec.name}` }, 'replace temp'));
  const columns = (spec: TableShape, have: Set<string>) => spec.columns.map((c) => (have.has(c.name) ? c.name : `null as ${c.name}`)).join(', ');
  const copyFrom = async (catalog: string) => {
    for (const spec of [FLAG_REVIEWS, FLAGS_SEEN]) {
      if (!(await tableExists(connection, catalog, spec.name))) continue;
      const reader = await connection.runAndReadAll(
        `select column_name from duckdb_columns() where database_name = ${quote(catalog)} and schema_name = 'main' and table_name = ${quote(spec.name)}`,
      );
      const have = new Set(reader.getRows().map((r) => String(r[0])));
      await connection.run(`insert into prior_${spec.name} select ${columns(spec, have)} from ${quoteIdentifier(catalog)}.main.${spec.name}`);
    }
  };
  const own = (await connection.runAndReadAll('select current_database()')).getRows()[0][0] as string;
  // a kept warehouse (nothing changed) carries its own history; a new one reads the one it replaces
  if (await tableExists(connection, own, FLAG_REVIEWS.name)) {
    await copyFrom(own);
    return;
  }
  if (!previousDb || !existsSync(previousDb)) return;
  try {
    await connection.run(`attach ${quote(previousDb)} as previous_warehouse (read_only)`);
  } catch (err) {
    errors.push({
      file: previousDb,
      row: null,
      message: `上一仓库无法打开，复核历史只含本次复核目录中的结论：${(err as Error).message.slice(0, 200)}`,
    });
    return;
  }
  try {
    await copyFrom('previous_warehouse');
  } finally {
    await connection.run('detach previous_warehouse');
  }
}

export async function applyReviews(connection: DuckDBConnection, inputs: ReviewInputs): Promise<void> {
  const now = inputs.now ?? new Date();
  const nowSql = `${quote(now.toISOString())}::timestamptz::timestamp`;
  const errors: ReviewErrorRow[] = inputs.sheets.errors.map((e) => ({ ...e }));
  await carryOver(connection, inputs.previousDb, errors);
  // the rest in one transaction: one write of the log instead of one per statement (about 75)
  await connection.run('begin');
  try {
    await reviewTables(connection, inputs, nowSql, errors);
    await connection.run('commit');
  } catch (err) {
    await connection.run('rollback').catch(() => {});
    throw err;
  }
}

async function reviewTables(connection: DuckDBConnection, inputs: ReviewInputs, nowSql: string, errors: ReviewErrorRow[]): Promise<void> {
  // every flag any build raised: the current ones refreshed, the earlier ones kept
  await connection.run(`create or replace temp table current_flags as
    select a.flag_key, a.report_id, r.identity as report_identity,
           r.unit_key, r.unit, r.fiscal_year, a.project, a.rule_id, a.severity, a.subject, a.message
    from anomalies a left join (select *, ${REPORT_IDENTITY_SQL} as identity from reports) r using (report_id)
    qualify row_number() over (partition by a.flag_key order by a.report_id) = 1`);
  await connection.run(createTableSql(FLAGS_SEEN, 'replace'));
  await connection.run(`insert into flags_seen
    select coalesce(c.flag_key, p.flag_key),
           ${['report_id', 'report_identity', 'unit_key', 'unit', 'fiscal_year', 'project', 'rule_id', 'severity', 'subject', 'message']
             .map((col) => `case when c.flag_key is not null then c.${col} else p.${col} end`)
             .join(', ')},
           coalesce(p.first_seen, ${nowSql}),
           case when c.flag_key is not null then ${nowSql} else p.last_seen end,
           c.flag_key is not null
    from current_flags c full outer join (select * from prior_flags_seen qualify row_number() over (partition by flag_key order by last_seen desc) = 1) p
      on c.flag_key = p.flag_key`);

  // what the sheets say now; a key no build ever raised is a reviewer's error, not a decision
  await writeTable(
    connection,
    READ_REVIEWS,
    inputs.sheets.decisions.map((d) => ({ ...d, reviewed_at: d.reviewed_at ?? d.file_mtime })),
    true,
  );
  const unknown = await connection.runAndReadAll(
    `select source_file, source_row, flag_key from read_reviews where flag_key not in (select flag_key from flags_seen) order by source_file, source_row`,
  );
  for (const [file, row, key] of unknown.getRows()) {
    errors.push({ file: String(file), row: Number(row), message: `flag_key ${String(key)} 在仓库中从未出现过（被改动，或来自另一仓库的复核表）` });
  }

  // history: the same decision read again is one row (its latest file time kept, so a decision
  // changed back and forth within one day follows the last save)
  const identity = ['flag_key', 'status', 'deduction', 'comment', 'reviewer', 'reviewed_at', 'source_file', 'source_row'];
  const same = identity.map((col) => `h.${col} is not distinct from n.${col}`).join(' and ');
  await connection.run(createTableSql(FLAG_REVIEWS, 'replace'));
  await connection.run(`insert into flag_reviews (${identity.join(', ')}, file_mtime, first_read, in_folder)
    with fresh as (
        select * from read_reviews where flag_key in (select flag_key from flags_seen)
    ),
    merged as (
        select ${identity.map((col) => `coalesce(n.${col}, h.${col}) as ${col}`).join(', ')},
               greatest(h.file_mtime, n.file_mtime) as file_mtime,
               coalesce(h.first_read, ${nowSql}) as first_read,
               n.flag_key is not null as in_folder
        from prior_flag_reviews h full outer join fresh n on ${same}
    )
    select ${identity.join(', ')}, max(file_mtime), min(first_read), bool_or(in_folder) from merged group by all`);
  await connection.run(`update flag_reviews set is_current = latest.rank = 1
    from (select rowid as id, row_number() over (partition by flag_key order by reviewed_at desc, file_mtime desc, source_file desc, source_row desc) as rank from flag_reviews) latest
    where flag_reviews.rowid = latest.id`);
  await connection.run(`update flag_reviews set flag_state = case when s.firing then 'firing' else 'resolved' end,
      report_id = s.report_id, report_identity = s.report_identity, unit = s.unit, fiscal_year = s.fiscal_year, rule_id = s.rule_id, message = s.message
    from flags_seen s where s.flag_key = flag_reviews.flag_key`);

  await writeTable(connection, REVIEW_ERRORS, errors);
  // within the transaction of reviewTables, so not asScript (which opens one)
  await connection.run([FLAG_REVIEWS, REVIEW_ERRORS, FLAGS_SEEN].flatMap(commentSql).join(';\n'));

  await annotateAnomalies(connection);
  await annotateSummary(connection, inputs.grades);
  for (const name of ['current_flags', 'read_reviews', 'prior_flag_reviews', 'prior_flags_seen']) await connection.run(`drop table if exists temp.${name}`);
}

async function addColumns(connection: DuckDBConnection, table: string, columns: readonly ColumnShape[]): Promise<void> {
  for (const statement of addColumnsSql(table, columns)) await connection.run(statement);
}

/** anomalies: the current decision of each flag (待复核 when none) and how many years in a row it fired. */
async function annotateAnomalies(connection: DuckDBConnection): Promise<void> {
  await addColumns(connection, 'anomalies', ANOMALY_REVIEW_COLUMNS);
  await connection.run(`update anomalies set review_status = '待复核'`);
  await connection.run(`update anomalies set review_status = d.status, review_deduction = d.deduction, review_comment = d.comment,
      reviewer = d.reviewer, reviewed_at = d.reviewed_at
    from flag_reviews d where d.is_current and d.flag_key = anomalies.flag_key`);
  // islands of consecutive years per unit and rule: year − its rank is constant within a run of years
  await connection.run(`update anomalies set consecutive_years = s.streak
    from (
        with fired as (
            select distinct r.unit_key, a.rule_id, r.fiscal_year
            from anomalies a join reports r using (report_id)
            where r.unit_key is not null and r.fiscal_year is not null
        ),
        islands as (
            select *, fiscal_year - row_number() over (partition by unit_key, rule_id order by fiscal_year) as island from fired
        )
        select unit_key, rule_id, fiscal_year, row_number() over (partition by unit_key, rule_id, island order by fiscal_year) as streak
        from islands
    ) s, reports r
    where r.report_id = anomalies.report_id and s.unit_key = r.unit_key and s.rule_id = anomalies.rule_id and s.fiscal_year = r.fiscal_year`);
  await connection.run(`update anomalies set consecutive_years = 1 where consecutive_years is null`);
}

const gradeSql = (score: string, g: GradeBands) =>
  `case when ${score} is null then null when ${score} >= ${g.excellent} then '优' when ${score} >= ${g.good} then '良' when ${score} >= ${g.fair} then '中' else '差' end`;

/** report_summary: review counts, 复核得分 = self-score − deductions of confirmed flags, and both grades. */
async function annotateSummary(connection: DuckDBConnection, grades: GradeBands): Promise<void> {
  await addColumns(connection, 'report_summary', SUMMARY_REVIEW_COLUMNS);
  await connection.run(`update report_summary set review_deduction = 0, pending_flags = 0, confirmed_flags = 0, dismissed_flags = 0,
      corrected_flags = 0, resolved_reviews = 0`);
  await connection.run(`update report_summary set
      review_deduction = c.deduction, pending_flags = c.pending, confirmed_flags = c.confirmed,
      dismissed_flags = c.dismissed, corrected_flags = c.corrected
    from (
        select report_id,
               coalesce(sum(review_deduction) filter (where review_status = '属实'), 0) as deduction,
               count(*) filter (where review_status = '待复核') as pending,
               count(*) filter (where review_status = '属实') as confirmed,
               count(*) filter (where review_status = '误报') as dismissed,
               count(*) filter (where review_status = '已整改') as corrected
        from anomalies group by report_id
    ) c
    where c.report_id = report_summary.report_id`);
  // a decided flag that is gone belongs to the report by identity (a corrected file has a new report_id)
  await connection.run(`update report_summary set resolved_reviews = c.resolved
    from (
        select r.report_id, count(*) as resolved
        from flag_reviews d
        join (select report_id, ${REPORT_IDENTITY_SQL} as identity from reports where superseded_by is null) r on r.identity = d.report_identity
        where d.is_current and d.flag_state = 'resolved' and d.status <> '待复核'
        group by r.report_id
    ) c
    where c.report_id = report_summary.report_id`);
  await connection.run(`update report_summary set review_score = case when self_score is not null then round(self_score - review_deduction, 2) end`);
  await connection.run(`update report_summary set self_grade = ${gradeSql('self_score', grades)}, review_grade = ${gradeSql('review_score', grades)}`);
}
