import { describe, expect, it } from 'vitest';
import { memoryConnection } from '../helpers/memory-db.ts';
import { reportColumns } from '../../pipeline/load/columns.ts';
import { appendColumnsTo } from '../../pipeline/load/chunks.ts';
import { commentSql, createTableSql, itemTable, type ColumnValue, type TableColumns, type TableShape } from '../../pipeline/load/spec.ts';
import { INGEST_ERRORS, REPORT_TABLES, RUNS, TABLES, type FileFacts } from '../../pipeline/load/tables.ts';
import { emptySummary, runRow } from '../../pipeline/ops/run-record.ts';
import { FLAG_REVIEWS, FLAGS_SEEN, READ_REVIEWS, REVIEW_ERRORS, REVIEW_TABLES } from '../../pipeline/reviews/tables.ts';
import { indicator, indicatorTable, line, report } from '../helpers/constructed.ts';

/**
 * Each table is described once (pipeline/load/spec.ts): the DDL, the comments and the columns the
 * mapping produces must agree with that description, for every table the load and the review step
 * write. The report used fills every field, so a column that reads nothing (null) is a wrong mapping.
 */

const file: FileFacts = {
  reportId: 'r1',
  fileName: '报告.docx',
  path: 'a/报告.docx',
  format: 'docx',
  encoding: 'utf-8',
  reader: 'mammoth',
  readerReason: 'altChunk',
  readNotes: '经 LibreOffice 转换',
  contentHash: 'abc',
  sizeBytes: 1234,
  fileMtime: new Date(Date.UTC(2024, 2, 1, 8, 30, 15, 250)),
  parserVersion: 'p1',
};

const fullReport = report({
  project: '道路维修',
  reportDate: '2022-03-15',
  selfScore: 96.5,
  budgetLines: [line({ project: '道路维修', initialBudget: 100, fullYearBudget: 120, adjustment: 20, actual: 110, weight: 10, execRatePct: 91.67, score: 9.2 })],
  funding: [{ project: '道路维修', sourceKey: 'fiscal_appropriation', label: '财政拨款', amount: 90, origin: 'table', evidence: '其中：财政拨款 90' }],
  spending: [{ project: '道路维修', nature: 'basic', label: '基本支出', amount: 60, origin: 'prose', evidence: '基本支出60万元' }],
  indicatorTables: [indicatorTable({ project: '道路维修', totalScore: 96.5, totalScoreText: '96.5' })],
  indicators: [
    indicator(
      { name: '维修里程', project: '道路维修', level1WeightStated: 50, weight: 10, weightText: '10', score: 9, scoreText: '9', deviation: '天气原因', actualYear: 2021 },
      { target: '≥10万元', actual: '=9万元' },
    ),
  ],
  projects: [{ name: '道路维修', tableNo: 1 }],
  amounts: [{ offset: 12, label: '支出', amount: 110, originalText: '110万元', unitWritten: '万元', comparator: '≤', sentence: '全年支出110万元。' }],
  sumStatements: [
    {
      origin: 'prose',
      totalLabel: '支出合计',
      total: 110,
      parts: [
        { label: '基本支出', amount: 60.1, role: 'part' },
        { label: '项目支出', amount: 49.9, role: 'part' },
        { label: '上年结转', amount: 5, role: 'carryover' },
      ],
      declaredComplete: true,
      evidence: '支出合计110万元，其中基本支出60.1万元，项目支出49.9万元',
      location: '第3段',
    },
  ],
  yearMentions: [{ offset: 0, year: 2021, role: 'title', snippet: '2021年度' }],
  sections: [{ kind: 'problems', heading: '存在的问题', text: '资金拨付较慢' }],
  textFindings: [{ kind: 'mobile', value: '13800000000', context: '电话13800000000', offset: 40 }],
  fieldSources: [
    { project: '道路维修', field: 'unit', value: '测试镇人民政府', source: 'table', strategy: 'own table: unit label', location: '表1 行1', evidence: '单位名称 测试镇人民政府', reason: '—' },
  ],
  text: '2021年度测试镇人民政府部门整体支出绩效自评报告',
});

/** What the mapping must put in each column for each column type. */
const JS_TYPE = { VARCHAR: 'string', INTEGER: 'number', DOUBLE: 'number', BOOLEAN: 'boolean', DATE: 'number', TIMESTAMP: 'number' } as const;

function expectColumnsMatch(table: TableShape, columns: TableColumns, rowCount: number): void {
  expect(columns.rowCount, table.name).toBe(rowCount);
  expect(columns.columns, table.name).toHaveLength(table.columns.length);
  table.columns.forEach((col, c) => {
    expect(columns.columns[c], `${table.name}.${col.name}`).toHaveLength(rowCount);
    for (const value of columns.columns[c]) {
      expect(value, `${table.name}.${col.name} is read from the record`).not.toBeNull();
      expect(typeof value, `${table.name}.${col.name}`).toBe(JS_TYPE[col.type]);
      if (col.type === 'INTEGER') expect(Number.isInteger(value), `${table.name}.${col.name}`).toBe(true);
    }
  });
}

const db = memoryConnection();

async function created(table: TableShape): Promise<void> {
  await db().run(`drop table if exists ${table.name}`);
  await db().run(createTableSql(table));
  for (const statement of commentSql(table)) await db().run(statement);
}

/** Appends the columns through the writer's path and reads every row back as the mapping's plain values. */
async function roundTrip(table: TableShape, columns: TableColumns): Promise<ColumnValue[][]> {
  await db().run(`delete from ${table.name}`);
  const appender = await db().createAppender(table.name);
  appendColumnsTo(appender, table, columns.columns, columns.rowCount);
  appender.closeSync();
  const select = table.columns
    .map((c) => (c.type === 'DATE' ? `epoch_ms(${c.name}::timestamp)` : c.type === 'TIMESTAMP' ? `epoch_ms(${c.name})` : c.name))
    .join(', ');
  const rows = (await db().runAndReadAll(`select ${select} from ${table.name}`)).getRows();
  return table.columns.map((_, c) => rows.map((r) => (typeof r[c] === 'bigint' ? Number(r[c]) : (r[c] as ColumnValue))));
}

const ALL_TABLES = [...TABLES, ...REVIEW_TABLES, READ_REVIEWS];

describe('one description per table', () => {
  it('names every table and column once', () => {
    const names = ALL_TABLES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const table of ALL_TABLES) {
      const columns = table.columns.map((c) => c.name);
      expect(new Set(columns).size, table.name).toBe(columns.length);
      expect(table.columns.every((c) => c.comment.trim().length > 0), `${table.name}: every column described`).toBe(true);
    }
  });

  it('makes DDL and comments that give exactly the described columns, types and comments', async () => {
    for (const table of ALL_TABLES) {
      await created(table);
      const reader = await db().runAndReadAll(
        `select column_name, data_type, comment from duckdb_columns() where table_name = '${table.name}' order by column_index`,
      );
      expect(
        reader.getRows().map(([name, type, comment]) => ({ name, type, comment })),
        table.name,
      ).toEqual(table.columns.map((c) => ({ name: c.name, type: c.type, comment: c.comment })));
      const tableComment = await db().runAndReadAll(`select comment from duckdb_tables() where table_name = '${table.name}'`);
      expect(tableComment.getRows()[0][0], table.name).toBe(table.comment);
    }
  });

  it('maps a report into every report table: one full column per described column, each of its type, read back unchanged', async () => {
    const columns = reportColumns(file, fullReport, 'r0');
    const expectedRows: Record<string, number> = { reports: 1, report_texts: 1, sum_statements: 1 };
    expect(Object.keys(columns).sort()).toEqual(REPORT_TABLES.map((t) => t.name).sort());
    for (const table of REPORT_TABLES) {
      const produced = columns[table.name];
      expectColumnsMatch(table, produced, expectedRows[table.name] ?? 1);
      await created(table);
      expect(await roundTrip(table, produced), table.name).toEqual(produced.columns);
    }
  });

  it('reads each figure from the field it describes', () => {
    const columns = reportColumns(file, fullReport, null);
    const value = (table: string, name: string) => {
      const spec = REPORT_TABLES.find((t) => t.name === table)!;
      return columns[table].columns[spec.columns.findIndex((c) => c.name === name)][0];
    };
    expect(value('reports', 'report_id')).toBe('r1');
    expect(value('reports', 'is_current')).toBe(true);
    expect(value('reports', 'report_date')).toBe(Date.UTC(2022, 2, 15));
    expect(value('reports', 'file_mtime')).toBe(file.fileMtime.getTime());
    expect(value('reports', 'has_problems_section')).toBe(true);
    expect(value('budget_lines', 'full_year_budget')).toBe(120);
    expect(value('budget_lines', 'adjustment')).toBe(20);
    expect(value('indicators', 'target_comparator')).toBe('>=');
    expect(value('indicators', 'actual_number')).toBe(9);
    expect(value('indicators', 'level1_weight_stated')).toBe(50);
    expect(value('projects', 'project')).toBe('道路维修');
    expect(value('projects', 'indicator_count')).toBe(1);
    expect(value('sum_statements', 'parts_sum')).toBe(110);
    expect(value('sum_statements', 'parts_count')).toBe(2);
    expect(value('sum_statements', 'carryover_sum')).toBe(5);
    expect(value('sum_statements', 'parts_text')).toBe('基本支出 60.1；项目支出 49.9；上年结转 5（结转）');
    expect(value('amounts', 'char_offset')).toBe(12);
    expect(value('text_findings', 'char_offset')).toBe(40);
  });

  it('maps the rows of the run, error and review tables', async () => {
    const summary = { ...emptySummary('ok', 'run-1'), message: '—', seconds: 1.5 };
    const cases = [
      { table: RUNS, columns: RUNS.columnsOf([runRow(summary, '/in', new Date(0), 'fp')]) },
      { table: INGEST_ERRORS, columns: INGEST_ERRORS.columnsOf([{ file_name: 'x.docx', path: 'a/x.docx', code: 'empty_file', message: '空文件' }]) },
      { table: REVIEW_ERRORS, columns: REVIEW_ERRORS.columnsOf([{ file: 's.xlsx', row: 3, message: '扣分须为数字' }]) },
      {
        table: READ_REVIEWS,
        columns: READ_REVIEWS.columnsOf([
          {
            flag_key: '0'.repeat(32),
            status: '属实',
            deduction: 2,
            comment: '已核实',
            reviewer: '张三',
            reviewed_at: new Date(Date.UTC(2024, 0, 2)),
            source_file: 's.xlsx',
            source_row: 2,
            file_mtime: new Date(Date.UTC(2024, 0, 3, 9)),
          },
        ]),
      },
    ];
    for (const { table, columns } of cases) {
      expectColumnsMatch(table, columns, 1);
      await created(table);
      expect(await roundTrip(table, columns), table.name).toEqual(columns.columns);
    }
    // the decisions read from the sheets are a part of flag_reviews, described there once
    for (const col of READ_REVIEWS.columns) expect(FLAG_REVIEWS.columns).toContainEqual(col);
    expect(FLAGS_SEEN.columns.map((c) => c.name)).toContain('flag_key');
  });

  // checked by the type checker (npm run typecheck): each line below must fail to compile
  it('types each value by its column', () => {
    itemTable('t', '', (r: { n: number; s: string }) => [r], (c) => [
      c('n', 'DOUBLE', 'n / n', (r) => r.n),
      // @ts-expect-error a string cannot fill a DOUBLE column
      c('s', 'DOUBLE', 's / s', (r) => r.s),
      // @ts-expect-error a field the record does not have
      c('x', 'VARCHAR', 'x / x', (r) => r.missing),
    ]);
    // @ts-expect-error a misspelt field of a row table
    INGEST_ERRORS.columnsOf([{ file_name: 'x', path: 'x', code: 'c', mesage: 'm' }]);
    // @ts-expect-error a number cannot fill a VARCHAR column of a row table
    INGEST_ERRORS.columnsOf([{ file_name: 'x', path: 'x', code: 1, message: 'm' }]);
  });
});
