import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { printJson, queryMasked } from '../lib/warehouse.ts';

// The SQL guide: every warehouse table and column with its comment, and the saved queries.
const tables = await queryMasked(`
  select t.table_name as name, t.comment, (select count(*) from duckdb_columns() c where c.table_name = t.table_name) as columns
  from duckdb_tables() t where t.schema_name = 'main' order by t.table_name`);
const columns = await queryMasked(`
  select table_name as "table", column_name as name, data_type as type, comment
  from duckdb_columns() where schema_name = 'main' and table_name in (select table_name from duckdb_tables())
  order by table_name, column_index`);
const dir = 'queries';
const queries = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => ({ name: basename(f, '.sql'), sql: readFileSync(join(dir, f), 'utf8') }))
  : [];
printJson({ tables, columns, queries });
