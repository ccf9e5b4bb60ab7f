/**
 * The severities a flag can have, most serious first: the one definition of their order, names and
 * colours. The models write it as the `severities` table; the data tests accept only these values;
 * the dashboard draws its labels, columns and colours from it (dark, medium and light, so the three
 * stay apart in grey as well).
 */
export const SEVERITIES = [
  { severity: 'critical', rank: 1, nameZh: '严重', color: '#99000d' },
  { severity: 'warning', rank: 2, nameZh: '警告', color: '#e6842a' },
  { severity: 'info', rank: 3, nameZh: '提示', color: '#9ecae1' },
] as const;

export type Severity = (typeof SEVERITIES)[number]['severity'];

export const SEVERITY_NAMES: readonly Severity[] = SEVERITIES.map((s) => s.severity);

/** Chinese name of each severity (严重 / 警告 / 提示). */
export const SEVERITY_ZH: Readonly<Record<string, string>> = Object.fromEntries(SEVERITIES.map((s) => [s.severity, s.nameZh]));

/** SQL that orders a severity column most serious first (its rank; a value not defined here last). */
export const severityRankSql = (column: string): string =>
  `case ${column} ${SEVERITIES.map((s) => `when ${quote(s.severity)} then ${s.rank}`).join(' ')} else ${SEVERITIES.length + 1} end`;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The `severities` table: severity, severity_rank (1 = most serious), severity_zh, severity_color. */
export const SEVERITIES_TABLE_SQL = `create or replace table severities as
select * from (values ${SEVERITIES.map((s) => `(${quote(s.severity)}, ${s.rank}, ${quote(s.nameZh)}, ${quote(s.color)})`).join(', ')})
  as t(severity, severity_rank, severity_zh, severity_color)`;

/** Its comments (table and every column). */
export const SEVERITIES_COMMENTS_SQL = [
  `comment on table severities is '严重程度及其顺序 / the severities a flag can have, most serious first'`,
  `comment on column severities.severity is '严重程度 ${SEVERITIES.map((s) => s.severity).join(' / ')} / severity'`,
  `comment on column severities.severity_rank is '顺序，1 为最严重 / rank, 1 = most serious'`,
  `comment on column severities.severity_zh is '中文名称 ${SEVERITIES.map((s) => s.nameZh).join(' / ')} / Chinese name'`,
  `comment on column severities.severity_color is '看板中的颜色（#rrggbb） / colour on the dashboard'`,
];
