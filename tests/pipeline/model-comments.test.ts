import { describe, expect, inject, it } from 'vitest';
import { openWarehouse } from '../../pipeline/load/query.ts';
import { listModels, modelDescription, relationOf } from '../../pipeline/models/run.ts';

describe('descriptions of the warehouse', () => {
  it('every table and view, and every column of each, carries a comment (the models’ from their headers)', async () => {
    const warehouse = await openWarehouse(inject('txtWarehouse'));
    try {
      const relations = await warehouse.query(`
        select table_name as name, comment from duckdb_tables() where schema_name = 'main'
        union all select view_name, comment from duckdb_views() where schema_name = 'main' and not internal`);
      const columns = await warehouse.query(`
        select table_name as relation, column_name as name, comment from duckdb_columns() where schema_name = 'main' and not internal`);
      const names = new Set(relations.map((r) => String(r.name)));
      // every model made its relation, so none escapes the check below
      for (const m of listModels()) expect(names, m.file).toContain(relationOf(m));
      expect(relations.filter((r) => !String(r.comment ?? '').trim()).map((r) => r.name)).toEqual([]);
      expect(columns.filter((c) => !String(c.comment ?? '').trim()).map((c) => `${c.relation}.${c.name}`)).toEqual([]);
    } finally {
      warehouse.close();
    }
  });

  it('a staging, intermediate or mart model’s header describes exactly the columns it makes', async () => {
    const warehouse = await openWarehouse(inject('txtWarehouse'));
    try {
      for (const m of listModels().filter((x) => x.layer !== 'rules')) {
        // the columns the model's query makes (later steps may add their own, e.g. the review score)
        const made = await warehouse.query(`describe select * from (\n${m.sql}\n)`);
        expect([...modelDescription(m).columns.keys()].sort(), m.file).toEqual(made.map((c) => String(c.column_name)).sort());
      }
    } finally {
      warehouse.close();
    }
  });
});
