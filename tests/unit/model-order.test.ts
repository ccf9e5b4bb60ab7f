import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { referencedRelations, runByDependencies, sortByDependencies } from '../../pipeline/models/order.ts';
import { listModels, relationOf } from '../../pipeline/models/run.ts';

/** The relations DuckDB's own parser finds in a query (base-table references minus the CTEs it defines). */
async function parsedRelations(sqls: string[]): Promise<Set<string>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const out: Set<string>[] = [];
    for (const sql of sqls) {
      const reader = await connection.runAndReadAll(`select json_serialize_sql('${sql.replace(/'/g, "''")}')::varchar`);
      const tree = JSON.parse(String(reader.getRows()[0][0])) as { error: boolean; error_message?: string };
      if (tree.error) throw new Error(tree.error_message);
      const tables = new Set<string>();
      const ctes = new Set<string>();
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== 'object') return;
        const o = node as Record<string, unknown>;
        if (o.type === 'BASE_TABLE' && typeof o.table_name === 'string') tables.add(o.table_name.toLowerCase());
        if (o.cte_map && typeof o.cte_map === 'object') {
          for (const entry of ((o.cte_map as { map?: { key: string }[] }).map ?? [])) ctes.add(entry.key.toLowerCase());
        }
        Object.values(o).forEach(walk);
      };
      walk(tree);
      out.push(new Set([...tables].filter((t) => !ctes.has(t))));
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const sorted = (s: Set<string>) => [...s].sort();

describe('model order', () => {
  it('reads the relations after from and join, not CTEs, comments or strings', () => {
    const sql = `-- reads from the_comment
with lines as (select * from stg_budget_lines),
  counted as (select report_id from lines join stg_reports as r using (report_id))
select 'from not_a_table', c.* from counted c, severities s left join anomalies a on true`;
    expect(sorted(referencedRelations(sql))).toEqual(['anomalies', 'severities', 'stg_budget_lines', 'stg_reports']);
  });

  it('reads a relation listed with a comma after a join condition', () => {
    const sql = `select * from a join b on a.id = b.id and a.x in (1, 2), c left join d using (id, k), e where a.y = 1`;
    expect(sorted(referencedRelations(sql))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('reads relations of subqueries and lateral joins, not function arguments or table functions', () => {
    const sql = `select extract(year from r.report_date), trim(both from r.unit), r.a is not distinct from r.b from (select * from x) as s, lateral (select * from y where y.id = s.id) l,
      range(3) as n, reports r where exists (select 1 from z where z.id in (select id from w))`;
    expect(sorted(referencedRelations(sql))).toEqual(['reports', 'w', 'x', 'y', 'z']);
  });

  it('finds in every model file exactly the relations DuckDB’s parser finds', async () => {
    const models = listModels();
    const parsed = await parsedRelations(models.map((m) => m.sql));
    for (const [i, m] of models.entries()) expect(sorted(referencedRelations(m.sql)), m.file).toEqual(sorted(parsed[i]));
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

  it('orders the project’s models so that each reads only what ran before it (relations as DuckDB parses them)', async () => {
    const models = listModels();
    const parsed = await parsedRelations(models.map((m) => m.sql));
    const nodes = models.map((m) => ({ relation: relationOf(m), reads: referencedRelations(m.sql) }));
    const relations = new Set(nodes.map((n) => n.relation));
    const position = new Map(sortByDependencies(nodes).map((n, i) => [n.relation, i]));
    for (const [i, m] of models.entries()) {
      for (const r of parsed[i]) {
        if (relations.has(r) && r !== relationOf(m)) expect(position.get(r)!, `${relationOf(m)} reads ${r}`).toBeLessThan(position.get(relationOf(m))!);
      }
    }
    // the shared intermediate model is read by a mart and by the cross-unit inputs
    expect(nodes.find((n) => n.relation === 'report_summary')?.reads).toContain('int_own_budget_lines');
  });
});

describe('running models by their dependencies on a pool', () => {
  /** Each node takes `ms` (timers, not work); the log says when each started and ended and on which worker. */
  function recorder(ms: Record<string, number>, fail: string[] = []) {
    const log: { event: 'start' | 'end'; relation: string; worker: number }[] = [];
    let running = 0;
    let most = 0;
    const run = async (node: { relation: string }, worker: number) => {
      log.push({ event: 'start', relation: node.relation, worker });
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms[node.relation] ?? 5));
      running--;
      log.push({ event: 'end', relation: node.relation, worker });
      if (fail.includes(node.relation)) throw new Error(`${node.relation} failed`);
    };
    return { log, run, most: () => most };
  }
  const graph = [
    { relation: 'stg', reads: ['reports'] },
    { relation: 'rule_a', reads: ['stg'] },
    { relation: 'rule_b', reads: ['stg'] },
    { relation: 'rule_c', reads: ['stg'] },
    { relation: 'anomalies', reads: ['rule_a', 'rule_b', 'rule_c'] },
    { relation: 'mart', reads: ['stg', 'anomalies'] },
    { relation: 'files', reads: ['reports'] },
  ];

  it('starts each node only after everything it reads has ended, and runs independent ones at once', async () => {
    const r = recorder({ rule_a: 40, rule_b: 40, rule_c: 40 });
    await runByDependencies(graph, [0, 1, 2], r.run);
    const at = (event: 'start' | 'end', relation: string) => r.log.findIndex((e) => e.event === event && e.relation === relation);
    for (const node of graph) {
      expect(at('end', node.relation), node.relation).toBeGreaterThan(-1);
      for (const read of node.reads) if (read !== 'reports') expect(at('end', read), `${node.relation} after ${read}`).toBeLessThan(at('start', node.relation));
    }
    // the three rules and the unrelated node overlap, never more than the three workers
    expect(r.most()).toBe(3);
  });

  it('runs in the order of sortByDependencies on one worker', async () => {
    const r = recorder({});
    await runByDependencies([...graph].reverse(), ['only'], (node) => r.run(node, 0));
    const started = r.log.filter((e) => e.event === 'start').map((e) => e.relation);
    expect(started).toEqual(sortByDependencies([...graph].reverse()).map((n) => n.relation));
  });

  it('starts nothing after a failure, stops and awaits the running nodes, and throws the first failure', async () => {
    const r = recorder({ rule_a: 5, rule_b: 60, rule_c: 60 }, ['rule_a']);
    const stopped: number[][] = [];
    await expect(runByDependencies(graph, [0, 1, 2], r.run, (running) => stopped.push(running))).rejects.toThrow('rule_a failed');
    const started = r.log.filter((e) => e.event === 'start').map((e) => e.relation);
    expect(started).not.toContain('anomalies');
    expect(started).not.toContain('mart');
    // rule_b and rule_c were running when rule_a failed: stopped, and ended before the error came out
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toHaveLength(2);
    expect(r.log.filter((e) => e.event === 'end').map((e) => e.relation)).toEqual(expect.arrayContaining(['rule_b', 'rule_c']));
  });
});
