import type { Report, SumStatement } from '../extract/report.ts';
import { column, itemTable, rowTable, type ColumnBuilder, type MappedColumn, type MappedTable, type RowOf, type TableShape } from './spec.ts';

/**
 * The warehouse tables analysts see, each described once (spec.ts): names, types, comments
 * (中文 / English) and where each column's value comes from in the extracted report (typed by the
 * zod schema's inferred types). The DDL, the COMMENT ON statements and the columns the workers
 * hand to the writer are all made from these.
 */

/** What the build knows of a file besides its report. */
export interface FileFacts {
  reportId: string;
  fileName: string;
  path: string;
  format: string;
  encoding: string | null;
  /** .docx: the reader that read it (ooxml, or mammoth by choice or for a construct the direct reader leaves to it) */
  reader?: string | null;
  readerReason?: string | null;
  /** what the reader left out or went through (hidden sheets, conversion); null when nothing */
  readNotes?: string | null;
  contentHash: string;
  sizeBytes: number;
  fileMtime: Date;
  parserVersion: string;
}

/** One extracted report with its file: the record every report table is read from. */
interface ReportSource {
  file: FileFacts;
  report: Report;
  supersededBy: string | null;
}

const reportTable = <Item,>(
  name: string,
  comment: string,
  items: (r: ReportSource) => readonly Item[],
  columns: (c: ColumnBuilder<Item, ReportSource>) => readonly MappedColumn<Item, ReportSource>[],
) => itemTable(name, comment, items, columns);

const reportId: MappedColumn<unknown, ReportSource> = {
  name: 'report_id',
  type: 'VARCHAR',
  comment: '报告编号（由文件内容与路径生成） / report id, derived from the file content and path',
  value: (_, r) => r.file.reportId,
};
const PROJECT_COMMENT = '项目名称，空值表示整份报告 / project name; null = the whole report';
const project: MappedColumn<{ readonly project: string | null }, ReportSource> = { name: 'project', type: 'VARCHAR', comment: PROJECT_COMMENT, value: (item) => item.project };

/** Sum of a statement's parts of one role that carry an amount, rounded to 1e-6. */
function sumOf(statement: SumStatement, role: 'part' | 'carryover'): number {
  const total = statement.parts.reduce((sum, p) => (p.role === role && p.amount !== null ? sum + p.amount : sum), 0);
  return Math.round(total * 1e6) / 1e6;
}

export const REPORTS = reportTable(
  'reports',
  '每个文件一行：单位、年度、类型、自评分 / one row per report file: unit, year, kind, self-score',
  (r) => [r],
  (c) => [
    reportId,
    c('file_name', 'VARCHAR', '文件名 / file name', (_, r) => r.file.fileName),
    c('path', 'VARCHAR', '相对于输入目录的路径 / path relative to the input folder', (_, r) => r.file.path),
    c('format', 'VARCHAR', '文件格式 txt/docx/xlsx/pdf/html/mhtml/doc/wps/odt/xls/et/ods / file format (a file inside a .zip has its own)', (_, r) => r.file.format),
    c('encoding', 'VARCHAR', '文本编码（文本与网页） / text encoding (text files and web pages)', (_, r) => r.file.encoding),
    c('reader', 'VARCHAR', '.docx 读取器：ooxml 直接读取 / mammoth 参照读取器 / which .docx reader read the file', (_, r) => r.file.reader ?? null),
    c('reader_reason', 'VARCHAR', '改用参照读取器的原因（直接读取器不处理的结构，如 altChunk、嵌入对象、脚注） / why the reference reader read it', (_, r) => r.file.readerReason ?? null),
    c('read_notes', 'VARCHAR', '读取说明：未读的隐藏工作表、经 LibreOffice 转换等 / what the reader left out or went through (hidden sheets, conversion)', (_, r) => r.file.readNotes ?? null),
    c('content_hash', 'VARCHAR', '文件内容 SHA-256 / SHA-256 of the file content', (_, r) => r.file.contentHash),
    c('size_bytes', 'INTEGER', '文件大小（字节） / file size in bytes', (_, r) => r.file.sizeBytes),
    c('file_mtime', 'TIMESTAMP', '文件修改时间 / file modification time', (_, r) => r.file.fileMtime),
    c('title', 'VARCHAR', '报告标题 / report title as written', (_, r) => r.report.title),
    c('unit', 'VARCHAR', '单位名称（原文） / unit name as written', (_, r) => r.report.unit),
    c('unit_key', 'VARCHAR', '单位标识：县级区划|单位名 / unit identity: county-level region|unit name', (_, r) => r.report.unitKey),
    c('region', 'VARCHAR', '所属区划（报告所写的最低一级） / region, the lowest division the report names', (_, r) => r.report.region),
    c('fiscal_year', 'INTEGER', '评价年度 / fiscal year evaluated', (_, r) => r.report.fiscalYear),
    c('fiscal_year_source', 'VARCHAR', '年度来源：text 正文 / report_date 填报日期推定 / file_name 文件名 / where the year was read', (_, r) => r.report.fiscalYearSource),
    c('kind', 'VARCHAR', '类型：department 部门整体 / project 项目支出 / report kind', (_, r) => r.report.kind),
    c('project', 'VARCHAR', '项目报告的项目名称 / project name of a project report', (_, r) => r.report.project),
    c('report_date', 'DATE', '填报日期 / report date', (_, r) => (r.report.reportDate ? new Date(`${r.report.reportDate}T00:00:00Z`) : null)),
    c('self_score', 'DOUBLE', '自评总分（报告所写） / total self-score as stated', (_, r) => r.report.selfScore),
    c('has_problems_section', 'BOOLEAN', '是否有“存在问题”部分 / whether the report has a problems section', (_, r) => r.report.sections.some((s) => s.kind === 'problems')),
    c('superseded_by', 'VARCHAR', '被哪份重报取代（空值为现行） / report_id of the resubmission that replaces it; null = current', (_, r) => r.supersededBy),
    c('is_current', 'BOOLEAN', '是否现行（未被取代） / not superseded', (_, r) => r.supersededBy === null),
    c('parser_version', 'VARCHAR', '解析器版本 / parser version', (_, r) => r.file.parserVersion),
  ],
);

const BUDGET_LINES = reportTable(
  'budget_lines',
  '年度资金总额行：报告自身一行（project 为空）及每个项目表一行 / 年度资金总额 lines: the report\'s own (project null) and one per project table',
  (r) => r.report.budgetLines,
  (c) => [
    reportId,
    project,
    c('line_no', 'INTEGER', '行序号 / line number within the report', (_, __, i) => i),
    c('source', 'VARCHAR', '来源：table 表格 / prose 正文 / where the figures come from', (b) => b.source),
    c('initial_budget', 'DOUBLE', '年初预算数（万元） / initial budget, 万元', (b) => b.initialBudget),
    c('full_year_budget', 'DOUBLE', '全年预算数（调整后，万元） / full-year budget after adjustments, 万元', (b) => b.fullYearBudget),
    c('adjustment', 'DOUBLE', '报告所写的预算调整数（万元） / stated budget adjustment, 万元', (b) => b.adjustment),
    c('actual', 'DOUBLE', '全年执行数（万元） / actual spending, 万元', (b) => b.actual),
    c('weight', 'DOUBLE', '分值 / weight (points)', (b) => b.weight),
    c('exec_rate_pct', 'DOUBLE', '执行率（%，报告所写） / execution rate as stated, percent', (b) => b.execRatePct),
    c('score', 'DOUBLE', '得分 / score', (b) => b.score),
    c('evidence', 'VARCHAR', '原文（表格行或句子） / source cells or sentences', (b) => b.evidence),
    c('location', 'VARCHAR', '位置 / location in the report', (b) => b.location),
  ],
);

const FUNDING = reportTable(
  'funding',
  '资金来源（按收入性质及其中行） / funding by source (the 其中 rows)',
  (r) => r.report.funding,
  (c) => [
    reportId,
    project,
    c('source_key', 'VARCHAR', '来源类别 general_public_budget/government_fund/special_account_non_tax/state_capital/fiscal_appropriation/carryover/other / source category', (f) => f.sourceKey),
    c('label', 'VARCHAR', '原文标签 / label as written', (f) => f.label),
    c('amount', 'DOUBLE', '金额（万元） / amount, 万元', (f) => f.amount),
    c('origin', 'VARCHAR', '来源：table / prose / where it was read', (f) => f.origin),
    c('evidence', 'VARCHAR', '原文 / source text', (f) => f.evidence),
  ],
);

const SPENDING = reportTable(
  'spending',
  '按支出性质：基本支出、项目支出 / spending by nature: basic and project',
  (r) => r.report.spending,
  (c) => [
    reportId,
    project,
    c('nature', 'VARCHAR', 'basic 基本支出 / project 项目支出', (s) => s.nature),
    c('label', 'VARCHAR', '原文标签 / label as written', (s) => s.label),
    c('amount', 'DOUBLE', '金额（万元） / amount, 万元', (s) => s.amount),
    c('origin', 'VARCHAR', '来源：table / prose', (s) => s.origin),
    c('evidence', 'VARCHAR', '原文 / source text', (s) => s.evidence),
  ],
);

const PROJECTS = reportTable(
  'projects',
  '部门报告中的项目支出绩效自评表 / project tables inside a report',
  (r) => r.report.projects,
  (c) => [
    reportId,
    c('project', 'VARCHAR', PROJECT_COMMENT, (p) => p.name),
    c('table_no', 'INTEGER', '表序号（从 0 起） / table number, from 0', (p) => p.tableNo),
    c('indicator_count', 'INTEGER', '指标行数 / number of indicator rows', (p, r) => r.report.indicators.filter((ind) => ind.tableNo === p.tableNo).length),
  ],
);

const INDICATOR_TABLES = reportTable(
  'indicator_tables',
  '绩效指标表：总分行 / indicator tables and their 总分 row',
  (r) => r.report.indicatorTables,
  (c) => [
    reportId,
    project,
    c('table_no', 'INTEGER', '表序号 / table number', (t) => t.tableNo),
    c('total_weight', 'DOUBLE', '总分行的分值 / weight written in the 总分 row', (t) => t.totalWeight),
    c('total_score', 'DOUBLE', '总分行的得分 / score written in the 总分 row', (t) => t.totalScore),
    c('total_score_text', 'VARCHAR', '总分得分格原文 / the 总分 score cell as written', (t) => t.totalScoreText),
    c('has_total_row', 'BOOLEAN', '是否有总分行 / whether the table has a 总分 row', (t) => t.hasTotalRow),
    c('location', 'VARCHAR', '位置 / location', (t) => t.location),
  ],
);

const INDICATORS = reportTable(
  'indicators',
  '绩效指标行（表格及正文所述） / indicator rows, from tables and from prose',
  (r) => r.report.indicators,
  (c) => [
    reportId,
    project,
    c('table_no', 'INTEGER', '表序号，正文为空 / table number; null for prose', (ind) => ind.tableNo),
    c('row_no', 'INTEGER', '行序号 / row number', (ind) => ind.rowNo),
    c('source', 'VARCHAR', 'table 表格 / prose 正文', (ind) => ind.source),
    c('level1', 'VARCHAR', '一级指标 / level-1 indicator', (ind) => ind.level1),
    c('level1_weight_stated', 'DOUBLE', '一级指标旁标注的分值，如 产出指标(50分) / weight printed beside the level-1 heading', (ind) => ind.level1WeightStated),
    c('level2', 'VARCHAR', '二级指标 / level-2 indicator', (ind) => ind.level2),
    c('name', 'VARCHAR', '三级指标 / level-3 indicator name', (ind) => ind.name),
    c('target_text', 'VARCHAR', '年度指标值原文 / target as written', (ind) => ind.targetText),
    c('target_comparator', 'VARCHAR', '目标比较符 >= <= = > < / target comparator', (ind) => ind.target.comparator),
    c('target_number', 'DOUBLE', '目标数值 / target number', (ind) => ind.target.number),
    c('target_unit', 'VARCHAR', '目标单位 / target unit', (ind) => ind.target.unit),
    c('actual_text', 'VARCHAR', '实际完成值原文 / actual as written', (ind) => ind.actualText),
    c('actual_comparator', 'VARCHAR', '实际值中的比较符（写成区间时） / comparator written in the actual value', (ind) => ind.actual.comparator),
    c('actual_number', 'DOUBLE', '实际数值 / actual number', (ind) => ind.actual.number),
    c('actual_unit', 'VARCHAR', '实际值单位 / actual unit', (ind) => ind.actual.unit),
    c('actual_is_range', 'BOOLEAN', '实际值写成区间或承诺（≥98、以上） / actual written as a range or promise', (ind) => ind.actual.isRange),
    c('actual_year', 'INTEGER', '正文中“XXXX年实际完成值”的年份 / year written before 实际完成值 in prose', (ind) => ind.actualYear),
    c('weight', 'DOUBLE', '分值 / weight', (ind) => ind.weight),
    c('weight_text', 'VARCHAR', '分值格原文 / weight cell as written', (ind) => ind.weightText),
    c('score', 'DOUBLE', '得分 / score', (ind) => ind.score),
    c('score_text', 'VARCHAR', '得分格原文 / score cell as written', (ind) => ind.scoreText),
    c('deviation', 'VARCHAR', '偏差原因分析及改进措施 / deviation note', (ind) => ind.deviation),
    c('evidence', 'VARCHAR', '原文 / source cells or sentence', (ind) => ind.evidence),
    c('location', 'VARCHAR', '位置 / location', (ind) => ind.location),
  ],
);

const AMOUNTS = reportTable(
  'amounts',
  '正文中的每个金额及其标签与句子 / every money figure in the prose, with its label and sentence',
  (r) => r.report.amounts,
  (c) => [
    reportId,
    c('char_offset', 'INTEGER', '在报告文本中的字符位置 / character offset in the report text', (a) => a.offset),
    c('label', 'VARCHAR', '金额前的标签 / label before the figure', (a) => a.label),
    c('amount', 'DOUBLE', '金额（万元） / amount, 万元', (a) => a.amount),
    c('original_text', 'VARCHAR', '原文写法 / as written', (a) => a.originalText),
    c('unit_written', 'VARCHAR', '原文单位 万元/元/万/亿元 / unit as written', (a) => a.unitWritten),
    c('comparator', 'VARCHAR', '金额前的比较符（目标值） / comparator before the figure (a target)', (a) => a.comparator),
    c('sentence', 'VARCHAR', '所在句子 / sentence', (a) => a.sentence),
  ],
);

const SUM_STATEMENTS = reportTable(
  'sum_statements',
  '“总数，其中……”陈述 / stated totals with their listed parts',
  (r) => r.report.sumStatements,
  (c) => [
    reportId,
    c('statement_no', 'INTEGER', '陈述序号 / statement number', (_, __, i) => i),
    c('origin', 'VARCHAR', 'prose 正文 / table 表格', (s) => s.origin),
    c('total_label', 'VARCHAR', '总数标签 / label of the total', (s) => s.totalLabel),
    c('total', 'DOUBLE', '总数（万元） / total, 万元', (s) => s.total),
    c('parts_sum', 'DOUBLE', '各组成部分之和（不含结转） / sum of the parts, carry-overs excluded', (s) => sumOf(s, 'part')),
    c('parts_count', 'INTEGER', '组成部分个数（不含结转） / number of parts, carry-overs excluded', (s) => s.parts.filter((p) => p.role === 'part' && p.amount !== null).length),
    c('carryover_sum', 'DOUBLE', '列在其后的结转结余之和 / sum of carry-overs listed after the parts', (s) => sumOf(s, 'carryover')),
    c('declared_complete', 'BOOLEAN', '表格说明要求列全 / the form says the parts must be complete', (s) => s.declaredComplete),
    c('parts_text', 'VARCHAR', '组成部分（标签 金额；…） / the parts as label amount; …', (s) => s.parts.map((p) => `${p.label} ${p.amount ?? '—'}${p.role === 'carryover' ? '（结转）' : ''}`).join('；')),
    c('evidence', 'VARCHAR', '原文 / source text', (s) => s.evidence),
    c('location', 'VARCHAR', '位置 / location', (s) => s.location),
  ],
);

const YEAR_MENTIONS = reportTable(
  'year_mentions',
  '文中出现的每个年份及其语境角色 / every year in the text with the role its context gives it',
  (r) => r.report.yearMentions,
  (c) => [
    reportId,
    c('char_offset', 'INTEGER', '字符位置 / character offset', (y) => y.offset),
    c('year', 'INTEGER', '年份 / year', (y) => y.year),
    c('role', 'VARCHAR', 'title/table_header/this_period/document_number/plan/comparison/date/other', (y) => y.role),
    c('snippet', 'VARCHAR', '上下文 / context', (y) => y.snippet),
  ],
);

const SECTIONS = reportTable(
  'sections',
  '存在问题、改进措施等部分 / the problems and measures sections',
  (r) => r.report.sections,
  (c) => [
    reportId,
    c('kind', 'VARCHAR', 'problems 存在问题 / measures 改进措施', (s) => s.kind),
    c('heading', 'VARCHAR', '标题 / heading', (s) => s.heading),
    c('text', 'VARCHAR', '内容 / text', (s) => s.text),
  ],
);

const TEXT_FINDINGS = reportTable(
  'text_findings',
  '文中的个人号码与表单占位符 / personal numbers and form placeholders found in the text',
  (r) => r.report.textFindings,
  (c) => [
    reportId,
    c('kind', 'VARCHAR', 'mobile 手机号 / id_card 身份证号 / bank_account 银行账号 / placeholder 占位符', (t) => t.kind),
    c('value', 'VARCHAR', '原文值 / value as written', (t) => t.value),
    c('context', 'VARCHAR', '上下文 / context', (t) => t.context),
    c('char_offset', 'INTEGER', '字符位置 / character offset', (t) => t.offset),
  ],
);

const FIELD_SOURCES = reportTable(
  'field_sources',
  '每个主要字段的来源：取值、来源类型、位置与原文；未取值时写明原因 / where each headline field was read: value, kind of source, location and text; the reason where none was stored',
  (r) => r.report.fieldSources,
  (c) => [
    reportId,
    project,
    c('field', 'VARCHAR', '字段：unit、region、fiscal_year、kind、project、report_date、self_score、initial_budget、full_year_budget、actual、exec_rate_pct、indicators（指标行数；某张指标表未读时另有一行写明原因） / field name (indicators: rows read; a table left unread has a row of its own with the reason)', (f) => f.field),
    c('value', 'VARCHAR', '取值（文本形式），未取值为空 / value as text; null where none was stored', (f) => f.value),
    c('source', 'VARCHAR', '来源类型：table 表格 / lines 逐行表格 / runon 表格文本 / label_line 标签行 / title 标题 / prose 正文 / metadata 网页信息 / report_date 填报日期推定 / file_name 文件名 / derived 由其他字段推出 / kind of source', (f) => f.source),
    c('strategy', 'VARCHAR', '读取方法（字段读取器的策略名） / the field reader strategy that read it', (f) => f.strategy),
    c('location', 'VARCHAR', '在报告中的位置（表号行号或段落） / where it stands in the report', (f) => f.location),
    c('evidence', 'VARCHAR', '所读原文 / the text read', (f) => f.evidence),
    c('reason', 'VARCHAR', '未取值原因（未找到，或多种读法无法判定） / why no value was stored', (f) => f.reason),
  ],
);

const REPORT_TEXTS = reportTable(
  'report_texts',
  '报告全文（供检索与复核） / full report text, for search and review',
  (r) => [r],
  (c) => [
    reportId,
    c('text', 'VARCHAR', '全文 / full text', (_, r) => r.report.text),
  ],
);

export const INGEST_ERRORS = rowTable('ingest_errors', '无法读取的文件：每个文件一行 / files that could not be read: one row per file', [
  column('file_name', 'VARCHAR', '文件名 / file name'),
  column('path', 'VARCHAR', '相对路径 / relative path'),
  column('code', 'VARCHAR', '错误代码 / error code'),
  column('message', 'VARCHAR', '说明与处理建议 / what happened and what to do'),
] as const);

export const RUNS = rowTable('runs', '每次构建一行 / one row per build run', [
  column('run_id', 'VARCHAR', '运行编号 / run id'),
  column('started', 'TIMESTAMP', '开始时间 / started'),
  column('finished', 'TIMESTAMP', '结束时间 / finished'),
  column('input_dir', 'VARCHAR', '输入目录 / input folder'),
  column('files_seen', 'INTEGER', '发现文件数 / files seen'),
  column('files_skipped', 'INTEGER', '跳过的锁文件与隐藏文件 / lock and hidden files skipped'),
  column('files_loaded', 'INTEGER', '成功载入 / files loaded'),
  column('files_new', 'INTEGER', '较上次新增 / new since the last run'),
  column('files_changed', 'INTEGER', '较上次内容变化 / changed since the last run'),
  column('files_removed', 'INTEGER', '较上次删除 / removed since the last run'),
  column('files_superseded', 'INTEGER', '被重报取代 / superseded by a resubmission'),
  column('files_failed', 'INTEGER', '读取失败 / failed'),
  column('files_by_reference', 'INTEGER', '.docx 因含直接读取器不处理的结构而由参照读取器（mammoth）读取 / .docx files read by the reference reader for a construct the direct reader leaves to it'),
  column('seconds', 'DOUBLE', '耗时（秒） / seconds'),
  column('status', 'VARCHAR', 'ok 成功 / failed 失败 / refused 拒绝（锁被占用、文件数骤减） / outcome'),
  column('message', 'VARCHAR', '失败或拒绝的原因 / why the run failed or was refused'),
  column('parser_version', 'VARCHAR', '解析器版本 / parser version'),
  column('fingerprint', 'VARCHAR', '输入指纹：文件、内容、设置与模型均相同的下一次运行沿用本仓库 / what the warehouse was built from; an identical next run keeps it'),
  column('unchanged', 'BOOLEAN', '输入与上次相同，沿用已有结果 / nothing changed, the tables were kept'),
] as const);
/** The tables made from each report, in the warehouse's order. */
export const REPORT_TABLES = [
  REPORTS,
  BUDGET_LINES,
  FUNDING,
  SPENDING,
  PROJECTS,
  INDICATOR_TABLES,
  INDICATORS,
  AMOUNTS,
  SUM_STATEMENTS,
  YEAR_MENTIONS,
  SECTIONS,
  TEXT_FINDINGS,
  FIELD_SOURCES,
  REPORT_TEXTS,
] as const satisfies readonly MappedTable<ReportSource>[];

export type RunRow = RowOf<typeof RUNS.columns>;

/** Every table the load writes, in the order they are created (units is a model: models/marts/units.sql). */
export const TABLES: readonly TableShape[] = [
  REPORTS,
  BUDGET_LINES,
  FUNDING,
  SPENDING,
  PROJECTS,
  INDICATOR_TABLES,
  INDICATORS,
  AMOUNTS,
  SUM_STATEMENTS,
  YEAR_MENTIONS,
  SECTIONS,
  TEXT_FINDINGS,
  FIELD_SOURCES,
  REPORT_TEXTS,
  INGEST_ERRORS,
  RUNS,
];
