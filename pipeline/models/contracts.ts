import type { DuckDBConnection } from '@duckdb/node-api';
import { SEVERITY_NAMES } from './severity.ts';

/**
 * Data tests, run on the new warehouse after the models and before it is swapped in (dbt's
 * `unique`, `not_null`, `accepted_values` and `relationships`). Each query returns the offending
 * rows; any row fails the build, so the previous warehouse stays in place.
 */

interface DataTest {
  name: string;
  /** rows that break the contract (empty = passes) */
  sql: string;
}

const list = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

const unique = (table: string, column: string): DataTest => ({
  name: `unique ${table}.${column}`,
  sql: `select ${column}::varchar as value, count(*) as rows from ${table} group by ${column} having count(*) > 1`,
});

const notNull = (table: string, column: string): DataTest => ({
  name: `not_null ${table}.${column}`,
  sql: `select 'null' as value from ${table} where ${column} is null`,
});

/** Nulls pass, as in dbt: `not_null` says whether a column may be empty. */
const acceptedValues = (table: string, column: string, values: readonly string[]): DataTest => ({
  name: `accepted_values ${table}.${column} (${values.join(', ')})`,
  sql: `select distinct ${column}::varchar as value from ${table} where ${column} not in (${list(values)})`,
});

const relationship = (table: string, column: string, toTable: string, toColumn: string): DataTest => ({
  name: `relationships ${table}.${column} → ${toTable}.${toColumn}`,
  sql: `select distinct t.${column}::varchar as value from ${table} as t
        where t.${column} is not null and not exists (select 1 from ${toTable} as p where p.${toColumn} = t.${column})`,
});

const REPORT_KINDS = ['department', 'project'] as const;

export const DATA_TESTS: DataTest[] = [
  unique('reports', 'report_id'),
  notNull('reports', 'report_id'),
  acceptedValues('reports', 'kind', REPORT_KINDS),
  notNull('reports', 'is_current'),
  {
    name: 'versions reports.superseded_by → a current report',
    sql: `select r.report_id as value from reports as r
          where r.superseded_by is not null and not exists (select 1 from reports as c where c.report_id = r.superseded_by and c.is_current)`,
  },
  unique('int_report_versions', 'report_id'),
  unique('units', 'unit_key'),
  notNull('units', 'unit_key'),
  unique('anomalies', 'flag_key'),
  notNull('anomalies', 'flag_key'),
  notNull('anomalies', 'report_id'),
  notNull('anomalies', 'rule_id'),
  notNull('anomalies', 'severity'),
  acceptedValues('anomalies', 'severity', SEVERITY_NAMES),
  relationship('anomalies', 'report_id', 'reports', 'report_id'),
  relationship('anomalies', 'rule_id', 'rules', 'rule_id'),
  unique('report_summary', 'report_id'),
  notNull('report_summary', 'report_id'),
  relationship('report_summary', 'report_id', 'reports', 'report_id'),
  acceptedValues('report_summary', 'worst_severity', SEVERITY_NAMES),
];

class DataTestError extends Error {
  constructor(readonly failures: { test: string; examples: string[]; count: number }[]) {
    super(
      `数据检验未通过，新仓库未替换原仓库：` +
        failures.map((f) => `${f.test}：${f.count} 行（例：${f.examples.join('，')}）`).join('；'),
    );
  }
}

/**
 * Runs every test, spread over the given connections (each takes the next test when it is free);
 * throws one error listing all that failed, in the order of the tests.
 */
export async function runDataTests(connections: DuckDBConnection | readonly DuckDBConnection[], tests: DataTest[] = DATA_TESTS): Promise<void> {
  const pool: readonly DuckDBConnection[] = 'run' in connections ? [connections] : connections;
  const results: (DataTestError['failures'][number] | null)[] = new Array(tests.length).fill(null);
  let next = 0;
  await Promise.all(
    pool.map(async (connection) => {
      while (next < tests.length) {
        const i = next++;
        const reader = await connection.runAndReadAll(`select count(*) over () as n, value from (${tests[i].sql}) limit 3`);
        const rows = reader.getRowObjects();
        if (rows.length) results[i] = { test: tests[i].name, count: Number(rows[0].n), examples: rows.map((r) => String(r.value)) };
      }
    }),
  );
  const failures = results.filter((f) => f !== null);
  if (failures.length) throw new DataTestError(failures);
}
