import { describe, expect, it } from 'vitest';
import { referencedRelations, sortByDependencies } from '../../pipeline/models/order.ts';
import { listModels, relationOf } from '../../pipeline/models/run.ts';

describe('model order', () => {
  it('reads the relations after from and join, not CTEs, comments or strings', () => {
    const sql = `-- reads from the_comment
with lines as (select * from stg_budget_lines),
  counted as (select report_id from lines join stg_reports as r using (report_id))
select 'from not_a_table', c.* from counted c, severities s left join anomalies a on true`;
    expect([...referencedRelations(sql)].sort()).toEqual(['anomalies', 'severities', 'stg_budget_lines', 'stg_reports']);
  });

  it('puts every model after the ones it reads, keeping the given order otherwise', () => {
    const nodes = [
      { relation: 'c', reads: ['b'] },
      { relation: 'a', reads: ['reports'] },
      { relation: 'b', reads: ['a', 'unknown'] },
      { relation: 'd', reads: [] },
    ];
    expect(sortByDependencies(nodes).map((n) => n.relation)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('names the models of a cycle', () => {
    expect(() => sortByDependencies([
      { relation: 'x', reads: ['y'] },
      { relation: 'y', reads: ['x'] },
    ])).toThrow(/x → y → x/);
  });

  it('orders the project’s models so that each reads only what ran before it', () => {
    const models = listModels();
    const nodes = models.map((m) => ({ relation: relationOf(m), reads: referencedRelations(m.sql), layer: m.layer }));
    const sorted = sortByDependencies(nodes);
    const seen = new Set<string>();
    const relations = new Set(nodes.map((n) => n.relation));
    for (const n of sorted) {
      for (const r of n.reads) if (relations.has(r) && r !== n.relation) expect(seen, `${n.relation} reads ${r}`).toContain(r);
      seen.add(n.relation);
    }
    // the shared intermediate model is read by a mart and by the cross-unit inputs
    expect(nodes.find((n) => n.relation === 'report_summary')?.reads).toContain('int_own_budget_lines');
  });
});
