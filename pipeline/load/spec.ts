/**
 * How a warehouse table is described, once: its name, its columns (name, DuckDB type, comment in
 * Chinese and English) and, for a table filled from records, where each column's value comes from.
 * The DDL, the COMMENT ON statements and the columns handed to the writer are all made from it, so
 * they cannot disagree; a column's value is typed by the column's type (a renamed record field or a
 * number read into a VARCHAR column is a compile error).
 */

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

/** The value a column of each type takes (null aside). */
export interface ValueTypes {
  VARCHAR: string;
  INTEGER: number;
  DOUBLE: number;
  BOOLEAN: boolean;
  DATE: Date;
  TIMESTAMP: Date;
}

export interface ColumnShape<Name extends string = string, Type extends ColumnType = ColumnType> {
  readonly name: Name;
  readonly type: Type;
  readonly comment: string;
}

/** A table's name, comment and columns: what the DDL and the comments are made of. */
export interface TableShape {
  readonly name: string;
  readonly comment: string;
  readonly columns: readonly ColumnShape[];
}

/** A column of a table filled from items of one kind: its value read from the item (and the record it belongs to). */
export interface MappedColumn<Item, Context> extends ColumnShape {
  readonly value: (item: Item, context: Context, index: number) => ValueTypes[ColumnType] | null;
}

/** Column values as plain data (dates as epoch milliseconds), so a worker thread can hand them over by structured clone. */
export type ColumnValue = string | number | boolean | null;

export interface TableColumns {
  rowCount: number;
  /** one array per column of the table, in its order, each `rowCount` long */
  columns: ColumnValue[][];
}

/** A table whose rows are made from a source (a report, a list of rows): its shape and the mapping. */
export interface MappedTable<Source> extends TableShape {
  columnsOf(source: Source): TableColumns;
}

export const column = <const Name extends string, const Type extends ColumnType>(name: Name, type: Type, comment: string): ColumnShape<Name, Type> => ({
  name,
  type,
  comment,
});

/** The plain form of one value of a column type (dates → epoch ms). */
const PLAIN: Record<ColumnType, (value: unknown) => ColumnValue> = {
  VARCHAR: (v) => (v === null || v === undefined ? null : String(v)),
  INTEGER: (v) => (v === null || v === undefined ? null : Number(v)),
  DOUBLE: (v) => (v === null || v === undefined ? null : Number(v)),
  BOOLEAN: (v) => (v === null || v === undefined ? null : Boolean(v)),
  DATE: (v) => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : new Date(String(v)).getTime()),
  TIMESTAMP: (v) => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : new Date(String(v)).getTime()),
};

/** Builds the columns of a table filled from items: `c(name, type, comment, (item, context, index) => value)`. */
export type ColumnBuilder<Item, Context> = <const Name extends string, const Type extends ColumnType>(
  name: Name,
  type: Type,
  comment: string,
  value: (item: Item, context: Context, index: number) => ValueTypes[Type] | null,
) => MappedColumn<Item, Context>;

/**
 * A table with one row per item of a record (a report's budget lines, its indicators, …): `items`
 * lists them, each column reads its value from the item, the record or the item's place.
 */
export function itemTable<Context, Item>(
  name: string,
  comment: string,
  items: (context: Context) => readonly Item[],
  columns: (c: ColumnBuilder<Item, Context>) => readonly MappedColumn<Item, Context>[],
): MappedTable<Context> & { readonly columns: readonly MappedColumn<Item, Context>[] } {
  const built = columns((columnName, type, columnComment, value) => ({ name: columnName, type, comment: columnComment, value }));
  const plain = built.map((col) => PLAIN[col.type]);
  return {
    name,
    comment,
    columns: built,
    columnsOf(context: Context): TableColumns {
      const list = items(context);
      return {
        rowCount: list.length,
        columns: built.map((col, c) => {
          const out = new Array<ColumnValue>(list.length);
          for (let i = 0; i < list.length; i++) out[i] = plain[c](col.value(list[i], context, i));
          return out;
        }),
      };
    },
  };
}

/** The row of a table whose records are its rows, typed from its columns (every column given, null where empty). */
export type RowOf<Columns extends readonly ColumnShape[]> = {
  [C in Columns[number] as C['name']]: ValueTypes[C['type']] | null;
};

/**
 * A table whose records are its rows, keyed by column name (runs, ingest errors): the row type is
 * derived from the columns, so a misspelt or mistyped field does not compile.
 */
export function rowTable<const Columns extends readonly ColumnShape[]>(
  name: string,
  comment: string,
  columns: Columns,
): MappedTable<readonly RowOf<Columns>[]> & { readonly columns: Columns } {
  const plain = columns.map((col) => PLAIN[col.type]);
  return {
    name,
    comment,
    columns,
    columnsOf(rows: readonly RowOf<Columns>[]): TableColumns {
      return {
        rowCount: rows.length,
        columns: columns.map((col, c) => rows.map((row) => plain[c]((row as Record<string, unknown>)[col.name]))),
      };
    },
  };
}

/** A table filled by SQL (its DDL and comments only). */
export const sqlTable = (name: string, comment: string, columns: readonly ColumnShape[]): TableShape => ({ name, comment, columns });

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The table's DDL: `create table`, or `create or replace [temp] table` for tables a step rewrites. */
export function createTableSql(table: TableShape, how: 'create' | 'replace' | 'replace temp' = 'create'): string {
  const verb = how === 'create' ? 'create table' : how === 'replace' ? 'create or replace table' : 'create or replace temp table';
  return `${verb} ${table.name} (\n  ${table.columns.map((c) => `${c.name} ${c.type.toLowerCase()}`).join(',\n  ')}\n)`;
}

/**
 * Statements sent to DuckDB as one script in one transaction: one round trip instead of one per
 * statement (a build issues about a thousand COMMENT ONs, which one by one take longer than the small
 * models), and one commit instead of one per statement (on a database file each commit writes the
 * WAL: about 4 ms a COMMENT ON, most of a small build's time).
 */
export function asScript(statements: readonly string[]): string {
  return statements.length ? ['begin transaction', ...statements, 'commit'].join(';\n') : '';
}

/** COMMENT ON the table and each of its columns. */
export function commentSql(table: TableShape): string[] {
  return [
    `comment on table ${table.name} is ${quote(table.comment)}`,
    ...table.columns.map((c) => `comment on column ${table.name}.${c.name} is ${quote(c.comment)}`),
  ];
}

/** Columns a step adds to a table the models made: drop if there, add, comment. */
export function addColumnsSql(table: string, columns: readonly ColumnShape[]): string[] {
  return columns.flatMap((c) => [
    `alter table ${table} drop column if exists ${c.name}`,
    `alter table ${table} add column ${c.name} ${c.type.toLowerCase()}`,
    `comment on column ${table}.${c.name} is ${quote(c.comment)}`,
  ]);
}
