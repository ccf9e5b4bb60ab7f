/**
 * The order the models run in, from the tables each one reads: every `from` / `join` of a model's
 * SQL that names another model (or a table built from models) is an edge, and the models are sorted
 * so each runs after what it reads. Names of the model's own CTEs and of loaded tables are not edges.
 */

/** The SQL without comments and string literals, so neither can look like a table reference. */
function code(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''");
}

/** Relations a query reads: identifiers after `from` or `join` (and after commas in a `from` list), minus its CTEs. */
export function referencedRelations(sql: string): Set<string> {
  const text = code(sql).toLowerCase();
  const ctes = new Set([...text.matchAll(/(?:\bwith\s+(?:recursive\s+)?|,\s*)([a-z_][a-z0-9_]*)\s+as\s*(?:not\s+)?(?:materialized\s+)?\(/g)].map((m) => m[1]));
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:from|join)\s+((?:[a-z_][a-z0-9_.]*(?:\s+(?:as\s+)?[a-z_][a-z0-9_]*)?\s*,\s*)*[a-z_][a-z0-9_.]*)/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+/)[0].split('.').at(-1)!;
      if (!ctes.has(name)) found.add(name);
    }
  }
  return found;
}

export interface Node {
  /** the relation it creates */
  relation: string;
  /** relations it reads (any name; only those created by other nodes order it) */
  reads: Iterable<string>;
}

/**
 * Nodes sorted so that each comes after every node whose relation it reads; among nodes free to run,
 * the given order is kept. A cycle is an error naming the models in it.
 */
export function sortByDependencies<T extends Node>(nodes: T[]): T[] {
  const byRelation = new Map(nodes.map((n) => [n.relation, n]));
  const deps = new Map(nodes.map((n) => [n, [...new Set(n.reads)].filter((r) => r !== n.relation && byRelation.has(r)).map((r) => byRelation.get(r)!)]));
  const done = new Set<T>();
  const visiting = new Set<T>();
  const sorted: T[] = [];
  const visit = (n: T, path: T[]) => {
    if (done.has(n)) return;
    if (visiting.has(n)) {
      const cycle = [...path.slice(path.indexOf(n)), n].map((x) => x.relation).join(' → ');
      throw new Error(`模型之间存在循环依赖：${cycle}`);
    }
    visiting.add(n);
    for (const d of deps.get(n)!) visit(d, [...path, n]);
    visiting.delete(n);
    done.add(n);
    sorted.push(n);
  };
  for (const n of nodes) visit(n, []);
  return sorted;
}
