import { column as c, rowTable, sqlTable, type RowOf } from '../load/spec.ts';

/**
 * The review tables: reviewers' decisions (with their history), the rows that could
 * not be taken, and every flag ever seen (so a decision on a flag that has since gone
 * still names its unit and rule). Written after the models on every build.
 */

/** The columns of flag_reviews, by name (the sheet's decisions fill the first nine). */
const REVIEW = {
  flag_key: c('flag_key', 'VARCHAR', '标记键，对应 anomalies.flag_key / the flag decided on'),
  status: c('status', 'VARCHAR', '复核结论：属实 / 误报 / 已整改 / 待复核（撤回） / decision'),
  deduction: c('deduction', 'DOUBLE', '扣分（仅“属实”计入复核得分） / points deducted (counted when 属实)'),
  comment: c('comment', 'VARCHAR', '复核意见 / reviewer comment'),
  reviewer: c('reviewer', 'VARCHAR', '复核人 / reviewer'),
  reviewed_at: c('reviewed_at', 'DATE', '复核日期（未填时取文件修改日期） / review date (the file date when left empty)'),
  source_file: c('source_file', 'VARCHAR', '复核表文件（相对复核目录） / review sheet, relative to the reviews folder'),
  source_row: c('source_row', 'INTEGER', '复核表中的行号 / row in the sheet'),
  file_mtime: c('file_mtime', 'TIMESTAMP', '读到该结论时复核表的修改时间 / the sheet file time when the decision was read'),
  first_read: c('first_read', 'TIMESTAMP', '首次读到的时间 / when this decision was first read'),
  in_folder: c('in_folder', 'BOOLEAN', '本次构建仍在复核目录中读到 / read again from the folder by this build'),
  is_current: c('is_current', 'BOOLEAN', '是否为该标记的现行结论 / the current decision of its flag'),
  flag_state: c('flag_state', 'VARCHAR', 'firing 标记仍存在 / resolved 标记已消失（报告已更正） / whether the flag still fires'),
  report_id: c('report_id', 'VARCHAR', '标记所在报告（最后一次出现时） / report of the flag when last seen'),
  report_identity: c('report_identity', 'VARCHAR', '报告标识：单位|年度|类型|项目（更正重报后不变） / the report across corrections'),
  unit: c('unit', 'VARCHAR', '单位 / unit'),
  fiscal_year: c('fiscal_year', 'INTEGER', '年度 / fiscal year'),
  rule_id: c('rule_id', 'VARCHAR', '规则编号 / rule id'),
  message: c('message', 'VARCHAR', '标记说明（最后一次出现时） / flag message when last seen'),
} as const;

export const FLAG_REVIEWS = sqlTable(
  'flag_reviews',
  '复核结论（全部历史）：复核表每读到一个不同的结论记一行，每个标记以复核日期最晚（同日以文件时间）者为现行 / every review decision ever read; the latest per flag_key (by 复核日期, then file time) is current',
  Object.values(REVIEW),
);

/** What the sheets in the folder say now (a temp table the history is merged from): the decisions as read. */
export const READ_REVIEWS = rowTable('read_reviews', '', [
  REVIEW.flag_key,
  REVIEW.status,
  REVIEW.deduction,
  REVIEW.comment,
  REVIEW.reviewer,
  REVIEW.reviewed_at,
  REVIEW.source_file,
  REVIEW.source_row,
  REVIEW.file_mtime,
] as const);

export const REVIEW_ERRORS = rowTable(
  'review_errors',
  '复核表中未能采用的行（其余行照常计入） / review sheet rows that could not be taken (the rest of the sheet still counts)',
  [
    c('file', 'VARCHAR', '复核表文件（相对复核目录） / review sheet file'),
    c('row', 'INTEGER', '行号，空值表示整个文件 / row; null = the whole file'),
    c('message', 'VARCHAR', '原因与处理办法 / what is wrong and what to do'),
  ] as const,
);
export type ReviewErrorRow = RowOf<typeof REVIEW_ERRORS.columns>;

export const FLAGS_SEEN = sqlTable(
  'flags_seen',
  '出现过的全部标记（跨构建保留），用于核对复核表中的 flag_key / every flag any build has raised, kept across builds',
  [
    c('flag_key', 'VARCHAR', '标记键 / flag key'),
    c('report_id', 'VARCHAR', '报告编号（最后一次出现时） / report when last seen'),
    c('report_identity', 'VARCHAR', '报告标识：单位|年度|类型|项目（更正重报后不变） / the report across corrections: unit|year|kind|project'),
    c('unit_key', 'VARCHAR', '单位标识 / unit identity'),
    c('unit', 'VARCHAR', '单位 / unit'),
    c('fiscal_year', 'INTEGER', '年度 / fiscal year'),
    c('project', 'VARCHAR', '项目 / project'),
    c('rule_id', 'VARCHAR', '规则编号 / rule id'),
    c('severity', 'VARCHAR', '严重程度 / severity'),
    c('subject', 'VARCHAR', '对象 / subject'),
    c('message', 'VARCHAR', '说明 / message'),
    c('first_seen', 'TIMESTAMP', '首次出现 / first raised'),
    c('last_seen', 'TIMESTAMP', '最后一次出现 / last raised'),
    c('firing', 'BOOLEAN', '本次构建仍然出现 / raised by this build'),
  ],
);

/** Columns the review step adds to `anomalies` and `report_summary` (comments in Chinese and English). */
export const ANOMALY_REVIEW_COLUMNS = [
  c('review_status', 'VARCHAR', '复核结论：待复核（无人复核） / 属实 / 误报 / 已整改 / current review decision'),
  c('review_deduction', 'DOUBLE', '复核扣分 / points deducted by the reviewer'),
  c('review_comment', 'VARCHAR', '复核意见 / reviewer comment'),
  c('reviewer', 'VARCHAR', '复核人 / reviewer'),
  c('reviewed_at', 'DATE', '复核日期 / review date'),
  c('consecutive_years', 'INTEGER', '同一单位同一规则连续出现的年数（截至本年度，1 为仅本年） / consecutive fiscal years this unit has been flagged by this rule, up to this one'),
];

export const SUMMARY_REVIEW_COLUMNS = [
  c('self_grade', 'VARCHAR', '自评等级：优 / 良 / 中 / 差（按自评分，等级线见配置 reviews.grades） / grade of the self-score'),
  c('review_deduction', 'DOUBLE', '属实标记的扣分合计 / deductions of confirmed flags'),
  c('review_score', 'DOUBLE', '复核得分 = 自评分 − 属实标记扣分 / self-score minus the deductions of confirmed flags'),
  c('review_grade', 'VARCHAR', '复核等级 / grade of the review score'),
  c('pending_flags', 'INTEGER', '待复核标记数 / flags nobody has decided'),
  c('confirmed_flags', 'INTEGER', '属实标记数 / confirmed flags'),
  c('dismissed_flags', 'INTEGER', '误报标记数 / dismissed flags'),
  c('corrected_flags', 'INTEGER', '已整改标记数 / flags the unit corrected'),
  c('resolved_reviews', 'INTEGER', '已复核但标记已消失的数目（报告已更正） / decided flags that no longer fire'),
];

export const REVIEW_TABLES = [FLAG_REVIEWS, REVIEW_ERRORS, FLAGS_SEEN];
