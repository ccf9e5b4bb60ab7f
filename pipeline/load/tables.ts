/**
 * The warehouse tables analysts see: names, types and comments (中文 / English).
 * One spec drives the Arrow schema, the DDL and the COMMENT ON statements.
 */

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  comment: string;
}

export interface TableSpec {
  name: string;
  comment: string;
  columns: ColumnSpec[];
}

const c = (name: string, type: ColumnType, comment: string): ColumnSpec => ({ name, type, comment });
const reportId = c('report_id', 'VARCHAR', '报告编号（由文件内容与路径生成） / report id, derived from the file content and path');
const project = c('project', 'VARCHAR', '项目名称，空值表示整份报告 / project name; null = the whole report');

export const TABLES: TableSpec[] = [
  {
    name: 'reports',
    comment: '每个文件一行：单位、年度、类型、自评分 / one row per report file: unit, year, kind, self-score',
    columns: [
      reportId,
      c('file_name', 'VARCHAR', '文件名 / file name'),
      c('path', 'VARCHAR', '相对于输入目录的路径 / path relative to the input folder'),
      c('format', 'VARCHAR', '文件格式 txt/docx/xlsx/pdf/html/mhtml/doc/wps/odt/xls/et/ods / file format (a file inside a .zip has its own)'),
      c('encoding', 'VARCHAR', '文本编码（文本与网页） / text encoding (text files and web pages)'),
      c('reader', 'VARCHAR', '.docx 读取器：ooxml 直接读取 / mammoth 参照读取器 / which .docx reader read the file'),
      c('reader_reason', 'VARCHAR', '改用参照读取器的原因（直接读取器不处理的结构，如 altChunk、嵌入对象、脚注） / why the reference reader read it'),
      c('read_notes', 'VARCHAR', '读取说明：未读的隐藏工作表、经 LibreOffice 转换等 / what the reader left out or went through (hidden sheets, conversion)'),
      c('content_hash', 'VARCHAR', '文件内容 SHA-256 / SHA-256 of the file content'),
      c('size_bytes', 'INTEGER', '文件大小（字节） / file size in bytes'),
      c('file_mtime', 'TIMESTAMP', '文件修改时间 / file modification time'),
      c('title', 'VARCHAR', '报告标题 / report title as written'),
      c('unit', 'VARCHAR', '单位名称（原文） / unit name as written'),
      c('unit_key', 'VARCHAR', '单位标识：县级区划|单位名 / unit identity: county-level region|unit name'),
      c('region', 'VARCHAR', '所属区划（报告所写的最低一级） / region, the lowest division the report names'),
      c('fiscal_year', 'INTEGER', '评价年度 / fiscal year evaluated'),
      c('fiscal_year_source', 'VARCHAR', '年度来源：text 正文 / report_date 填报日期推定 / file_name 文件名 / where the year was read'),
      c('kind', 'VARCHAR', '类型：department 部门整体 / project 项目支出 / report kind'),
      c('project', 'VARCHAR', '项目报告的项目名称 / project name of a project report'),
      c('report_date', 'DATE', '填报日期 / report date'),
      c('self_score', 'DOUBLE', '自评总分（报告所写） / total self-score as stated'),
      c('has_problems_section', 'BOOLEAN', '是否有“存在问题”部分 / whether the report has a problems section'),
      c('superseded_by', 'VARCHAR', '被哪份重报取代（空值为现行） / report_id of the resubmission that replaces it; null = current'),
      c('is_current', 'BOOLEAN', '是否现行（未被取代） / not superseded'),
      c('parser_version', 'VARCHAR', '解析器版本 / parser version'),
    ],
  },
  {
    name: 'units',
    comment: '单位：按 unit_key 归并 / units, grouped by unit_key',
    columns: [
      c('unit_key', 'VARCHAR', '单位标识 / unit identity'),
      c('unit', 'VARCHAR', '最新报告中的单位名称 / unit name in the latest report'),
      c('region', 'VARCHAR', '所属区划 / region'),
      c('names_seen', 'VARCHAR', '出现过的名称（以“；”分隔） / names seen, separated by “；”'),
      c('report_count', 'INTEGER', '报告数（含被取代的） / number of reports, superseded included'),
    ],
  },
  {
    name: 'budget_lines',
    comment: '年度资金总额行：报告自身一行（project 为空）及每个项目表一行 / 年度资金总额 lines: the report\'s own (project null) and one per project table',
    columns: [
      reportId,
      project,
      c('line_no', 'INTEGER', '行序号 / line number within the report'),
      c('source', 'VARCHAR', '来源：table 表格 / prose 正文 / where the figures come from'),
      c('initial_budget', 'DOUBLE', '年初预算数（万元） / initial budget, 万元'),
      c('full_year_budget', 'DOUBLE', '全年预算数（调整后，万元） / full-year budget after adjustments, 万元'),
      c('adjustment', 'DOUBLE', '报告所写的预算调整数（万元） / stated budget adjustment, 万元'),
      c('actual', 'DOUBLE', '全年执行数（万元） / actual spending, 万元'),
      c('weight', 'DOUBLE', '分值 / weight (points)'),
      c('exec_rate_pct', 'DOUBLE', '执行率（%，报告所写） / execution rate as stated, percent'),
      c('score', 'DOUBLE', '得分 / score'),
      c('evidence', 'VARCHAR', '原文（表格行或句子） / source cells or sentences'),
      c('location', 'VARCHAR', '位置 / location in the report'),
    ],
  },
  {
    name: 'funding',
    comment: '资金来源（按收入性质及其中行） / funding by source (the 其中 rows)',
    columns: [
      reportId,
      project,
      c('source_key', 'VARCHAR', '来源类别 general_public_budget/government_fund/special_account_non_tax/state_capital/fiscal_appropriation/carryover/other / source category'),
      c('label', 'VARCHAR', '原文标签 / label as written'),
      c('amount', 'DOUBLE', '金额（万元） / amount, 万元'),
      c('origin', 'VARCHAR', '来源：table / prose / where it was read'),
      c('evidence', 'VARCHAR', '原文 / source text'),
    ],
  },
  {
    name: 'spending',
    comment: '按支出性质：基本支出、项目支出 / spending by nature: basic and project',
    columns: [
      reportId,
      project,
      c('nature', 'VARCHAR', 'basic 基本支出 / project 项目支出'),
      c('label', 'VARCHAR', '原文标签 / label as written'),
      c('amount', 'DOUBLE', '金额（万元） / amount, 万元'),
      c('origin', 'VARCHAR', '来源：table / prose'),
      c('evidence', 'VARCHAR', '原文 / source text'),
    ],
  },
  {
    name: 'projects',
    comment: '部门报告中的项目支出绩效自评表 / project tables inside a report',
    columns: [reportId, project, c('table_no', 'INTEGER', '表序号（从 0 起） / table number, from 0'), c('indicator_count', 'INTEGER', '指标行数 / number of indicator rows')],
  },
  {
    name: 'indicator_tables',
    comment: '绩效指标表：总分行 / indicator tables and their 总分 row',
    columns: [
      reportId,
      project,
      c('table_no', 'INTEGER', '表序号 / table number'),
      c('total_weight', 'DOUBLE', '总分行的分值 / weight written in the 总分 row'),
      c('total_score', 'DOUBLE', '总分行的得分 / score written in the 总分 row'),
      c('total_score_text', 'VARCHAR', '总分得分格原文 / the 总分 score cell as written'),
      c('has_total_row', 'BOOLEAN', '是否有总分行 / whether the table has a 总分 row'),
      c('location', 'VARCHAR', '位置 / location'),
    ],
  },
  {
    name: 'indicators',
    comment: '绩效指标行（表格及正文所述） / indicator rows, from tables and from prose',
    columns: [
      reportId,
      project,
      c('table_no', 'INTEGER', '表序号，正文为空 / table number; null for prose'),
      c('row_no', 'INTEGER', '行序号 / row number'),
      c('source', 'VARCHAR', 'table 表格 / prose 正文'),
      c('level1', 'VARCHAR', '一级指标 / level-1 indicator'),
      c('level1_weight_stated', 'DOUBLE', '一级指标旁标注的分值，如 产出指标(50分) / weight printed beside the level-1 heading'),
      c('level2', 'VARCHAR', '二级指标 / level-2 indicator'),
      c('name', 'VARCHAR', '三级指标 / level-3 indicator name'),
      c('target_text', 'VARCHAR', '年度指标值原文 / target as written'),
      c('target_comparator', 'VARCHAR', '目标比较符 >= <= = > < / target comparator'),
      c('target_number', 'DOUBLE', '目标数值 / target number'),
      c('target_unit', 'VARCHAR', '目标单位 / target unit'),
      c('actual_text', 'VARCHAR', '实际完成值原文 / actual as written'),
      c('actual_comparator', 'VARCHAR', '实际值中的比较符（写成区间时） / comparator written in the actual value'),
      c('actual_number', 'DOUBLE', '实际数值 / actual number'),
      c('actual_unit', 'VARCHAR', '实际值单位 / actual unit'),
      c('actual_is_range', 'BOOLEAN', '实际值写成区间或承诺（≥98、以上） / actual written as a range or promise'),
      c('actual_year', 'INTEGER', '正文中“XXXX年实际完成值”的年份 / year written before 实际完成值 in prose'),
      c('weight', 'DOUBLE', '分值 / weight'),
      c('weight_text', 'VARCHAR', '分值格原文 / weight cell as written'),
      c('score', 'DOUBLE', '得分 / score'),
      c('score_text', 'VARCHAR', '得分格原文 / score cell as written'),
      c('deviation', 'VARCHAR', '偏差原因分析及改进措施 / deviation note'),
      c('evidence', 'VARCHAR', '原文 / source cells or sentence'),
      c('location', 'VARCHAR', '位置 / location'),
    ],
  },
  {
    name: 'amounts',
    comment: '正文中的每个金额及其标签与句子 / every money figure in the prose, with its label and sentence',
    columns: [
      reportId,
      c('char_offset', 'INTEGER', '在报告文本中的字符位置 / character offset in the report text'),
      c('label', 'VARCHAR', '金额前的标签 / label before the figure'),
      c('amount', 'DOUBLE', '金额（万元） / amount, 万元'),
      c('original_text', 'VARCHAR', '原文写法 / as written'),
      c('unit_written', 'VARCHAR', '原文单位 万元/元/万/亿元 / unit as written'),
      c('comparator', 'VARCHAR', '金额前的比较符（目标值） / comparator before the figure (a target)'),
      c('sentence', 'VARCHAR', '所在句子 / sentence'),
    ],
  },
  {
    name: 'sum_statements',
    comment: '“总数，其中……”陈述 / stated totals with their listed parts',
    columns: [
      reportId,
      c('statement_no', 'INTEGER', '陈述序号 / statement number'),
      c('origin', 'VARCHAR', 'prose 正文 / table 表格'),
      c('total_label', 'VARCHAR', '总数标签 / label of the total'),
      c('total', 'DOUBLE', '总数（万元） / total, 万元'),
      c('parts_sum', 'DOUBLE', '各组成部分之和（不含结转） / sum of the parts, carry-overs excluded'),
      c('parts_count', 'INTEGER', '组成部分个数（不含结转） / number of parts, carry-overs excluded'),
      c('carryover_sum', 'DOUBLE', '列在其后的结转结余之和 / sum of carry-overs listed after the parts'),
      c('declared_complete', 'BOOLEAN', '表格说明要求列全 / the form says the parts must be complete'),
      c('parts_text', 'VARCHAR', '组成部分（标签 金额；…） / the parts as label amount; …'),
      c('evidence', 'VARCHAR', '原文 / source text'),
      c('location', 'VARCHAR', '位置 / location'),
    ],
  },
  {
    name: 'year_mentions',
    comment: '文中出现的每个年份及其语境角色 / every year in the text with the role its context gives it',
    columns: [
      reportId,
      c('char_offset', 'INTEGER', '字符位置 / character offset'),
      c('year', 'INTEGER', '年份 / year'),
      c('role', 'VARCHAR', 'title/table_header/this_period/document_number/plan/comparison/date/other'),
      c('snippet', 'VARCHAR', '上下文 / context'),
    ],
  },
  {
    name: 'sections',
    comment: '存在问题、改进措施等部分 / the problems and measures sections',
    columns: [reportId, c('kind', 'VARCHAR', 'problems 存在问题 / measures 改进措施'), c('heading', 'VARCHAR', '标题 / heading'), c('text', 'VARCHAR', '内容 / text')],
  },
  {
    name: 'text_findings',
    comment: '文中的个人号码与表单占位符 / personal numbers and form placeholders found in the text',
    columns: [
      reportId,
      c('kind', 'VARCHAR', 'mobile 手机号 / id_card 身份证号 / bank_account 银行账号 / placeholder 占位符'),
      c('value', 'VARCHAR', '原文值 / value as written'),
      c('context', 'VARCHAR', '上下文 / context'),
      c('char_offset', 'INTEGER', '字符位置 / character offset'),
    ],
  },
  {
    name: 'field_sources',
    comment: '每个主要字段的来源：取值、来源类型、位置与原文；未取值时写明原因 / where each headline field was read: value, kind of source, location and text; the reason where none was stored',
    columns: [
      reportId,
      project,
      c('field', 'VARCHAR', '字段：unit、region、fiscal_year、kind、project、report_date、self_score、initial_budget、full_year_budget、actual、exec_rate_pct / field name'),
      c('value', 'VARCHAR', '取值（文本形式），未取值为空 / value as text; null where none was stored'),
      c('source', 'VARCHAR', '来源类型：table 表格 / lines 逐行表格 / runon 表格文本 / label_line 标签行 / title 标题 / prose 正文 / metadata 网页信息 / report_date 填报日期推定 / file_name 文件名 / derived 由其他字段推出 / kind of source'),
      c('strategy', 'VARCHAR', '读取方法（字段读取器的策略名） / the field reader strategy that read it'),
      c('location', 'VARCHAR', '在报告中的位置（表号行号或段落） / where it stands in the report'),
      c('evidence', 'VARCHAR', '所读原文 / the text read'),
      c('reason', 'VARCHAR', '未取值原因（未找到，或多种读法无法判定） / why no value was stored'),
    ],
  },
  {
    name: 'report_texts',
    comment: '报告全文（供检索与复核） / full report text, for search and review',
    columns: [reportId, c('text', 'VARCHAR', '全文 / full text')],
  },
  {
    name: 'ingest_errors',
    comment: '无法读取的文件：每个文件一行 / files that could not be read: one row per file',
    columns: [
      c('file_name', 'VARCHAR', '文件名 / file name'),
      c('path', 'VARCHAR', '相对路径 / relative path'),
      c('code', 'VARCHAR', '错误代码 / error code'),
      c('message', 'VARCHAR', '说明与处理建议 / what happened and what to do'),
    ],
  },
  {
    name: 'runs',
    comment: '每次构建一行 / one row per build run',
    columns: [
      c('run_id', 'VARCHAR', '运行编号 / run id'),
      c('started', 'TIMESTAMP', '开始时间 / started'),
      c('finished', 'TIMESTAMP', '结束时间 / finished'),
      c('input_dir', 'VARCHAR', '输入目录 / input folder'),
      c('files_seen', 'INTEGER', '发现文件数 / files seen'),
      c('files_skipped', 'INTEGER', '跳过的锁文件与隐藏文件 / lock and hidden files skipped'),
      c('files_loaded', 'INTEGER', '成功载入 / files loaded'),
      c('files_new', 'INTEGER', '较上次新增 / new since the last run'),
      c('files_changed', 'INTEGER', '较上次内容变化 / changed since the last run'),
      c('files_removed', 'INTEGER', '较上次删除 / removed since the last run'),
      c('files_superseded', 'INTEGER', '被重报取代 / superseded by a resubmission'),
      c('files_failed', 'INTEGER', '读取失败 / failed'),
      c('files_by_reference', 'INTEGER', '.docx 因含直接读取器不处理的结构而由参照读取器（mammoth）读取 / .docx files read by the reference reader for a construct the direct reader leaves to it'),
      c('seconds', 'DOUBLE', '耗时（秒） / seconds'),
      c('status', 'VARCHAR', 'ok 成功 / failed 失败 / refused 拒绝（锁被占用、文件数骤减） / outcome'),
      c('message', 'VARCHAR', '失败或拒绝的原因 / why the run failed or was refused'),
      c('parser_version', 'VARCHAR', '解析器版本 / parser version'),
      c('fingerprint', 'VARCHAR', '输入指纹：文件、内容、设置与模型均相同的下一次运行沿用本仓库 / what the warehouse was built from; an identical next run keeps it'),
      c('unchanged', 'BOOLEAN', '输入与上次相同，沿用已有结果 / nothing changed, the tables were kept'),
    ],
  },
];

export type Row = Record<string, string | number | boolean | Date | null>;
