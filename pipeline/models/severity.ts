/**
 * The severities a flag can have, most serious first: the one definition of their order, names,
 * colours and triage terms. The models write it as the `severities` table; the data tests accept
 * only these values; the dashboard draws its labels, columns and colours from it (dark, medium and
 * light, so the three stay apart in grey as well), and the site data ranks reports by it
 * (pipeline/site-data/triage-terms.ts):
 * - `priorityWeight`: a report's review priority is the sum over severities of its flags of that
 *   severity × the weight (100 / 10 / 1: one flag more serious outranks up to nine less serious);
 * - `light`: a report's triage light is that of the most serious severity it has a flag of; a report
 *   without flags has the least serious one's (绿: nothing to look at first).
 */
export const SEVERITIES = [
  { severity: 'critical', rank: 1, nameZh: '严重', color: '#99000d', priorityWeight: 100, light: '红' },
  { severity: 'warning', rank: 2, nameZh: '警告', color: '#e6842a', priorityWeight: 10, light: '黄' },
  { severity: 'info', rank: 3, nameZh: '提示', color: '#9ecae1', priorityWeight: 1, light: '绿' },
] as const;

export type Severity = (typeof SEVERITIES)[number]['severity'];

export const SEVERITY_NAMES: readonly Severity[] = SEVERITIES.map((s) => s.severity);

/** A severity's rank, 0 the most serious (as severityRankSql ranks it); a name it does not know comes last. */
export function severityRank(name: string): number {
  const rank = (SEVERITY_NAMES as readonly string[]).indexOf(name);
  return rank < 0 ? SEVERITY_NAMES.length : rank;
}

/** Chinese name of each severity (严重 / 警告 / 提示). */
export const SEVERITY_ZH: Readonly<Record<string, string>> = Object.fromEntries(SEVERITIES.map((s) => [s.severity, s.nameZh]));

/** SQL that orders a severity column most serious first (its rank; a value not defined here last). */
export const severityRankSql = (column: string): string =>
  `case ${column} ${SEVERITIES.map((s) => `when ${quote(s.severity)} then ${s.rank}`).join(' ')} else ${SEVERITIES.length + 1} end`;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The `severities` table: severity, severity_rank (1 = most serious), severity_zh, severity_color, priority_weight, light. */
export const SEVERITIES_TABLE_SQL = `create or replace table severities as
select * from (values ${SEVERITIES.map((s) => `(${quote(s.severity)}, ${s.rank}, ${quote(s.nameZh)}, ${quote(s.color)}, ${s.priorityWeight}, ${quote(s.light)})`).join(', ')})
  as t(severity, severity_rank, severity_zh, severity_color, priority_weight, light)`;

/** Its comments (table and every column). */
export const SEVERITIES_COMMENTS_SQL = [
  `comment on table severities is '严重程度及其顺序 / the severities a flag can have, most serious first'`,
  `comment on column severities.severity is '严重程度 ${SEVERITIES.map((s) => s.severity).join(' / ')} / severity'`,
  `comment on column severities.severity_rank is '顺序，1 为最严重 / rank, 1 = most serious'`,
  `comment on column severities.severity_zh is '中文名称 ${SEVERITIES.map((s) => s.nameZh).join(' / ')} / Chinese name'`,
  `comment on column severities.severity_color is '看板中的颜色（#rrggbb） / colour on the dashboard'`,
  `comment on column severities.priority_weight is '复核优先级中每个此类标记的分值 / weight of each flag of it in the review priority'`,
  `comment on column severities.light is '最严重标记为此类时报告的指示灯；无标记的报告取最末一级的灯 / triage light of a report whose most serious flag has it; a report without flags takes the last one'`,
];
