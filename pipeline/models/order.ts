/**
 * The order the models run in, from the tables each one reads: every relation a model's FROM
 * clauses name (after `from`, after `join`, and after a comma of the FROM list, also one that follows
 * a join's `on` condition) that another model creates is an edge, and the models are sorted so each
 * runs after what it reads. Names of the model's own CTEs and of loaded tables are not edges.
 */

/** The SQL without comments and string literals, so neither can look like a table reference. */
function code(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''");
}

/** Words that end a FROM clause at its own depth. */
const CLAUSE_END = new Set(['where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'union', 'except', 'intersect', 'select', 'returning']);
/** Words that may stand between `from` / `join` / a comma and the relation's name. */
const BEFORE_NAME = new Set(['lateral', 'only']);

interface Group {
  /** a query (the statement, or a parenthesis opening with select / with / from), not function arguments */
  query: boolean;
  /** inside this group's FROM clause, after its last relation or join condition */
  inFrom: boolean;
  /** the next name is a relation */
  expectName: boolean;
}

/**
 * Relations a query reads: names after `from` or `join` and after the commas of a FROM list, at the
 * depth of that FROM clause (a comma inside parentheses or after `on a = b` at the same depth both
 * count), minus its CTEs. `from` inside function arguments (`extract(year from d)`) or in
 * `is [not] distinct from` is not a clause.
 */
export function referencedRelations(sql: string): Set<string> {
  const tokens = code(sql).toLowerCase().match(/[a-z_][a-z0-9_$]*(?:\.[a-z_][a-z0-9_$]*)*|"[^"]*"|[(),[\]]|[^\s\w(),[\]"]+/g) ?? [];
  const ctes = new Set<string>();
  const found = new Set<string>();
  const stack: Group[] = [{ query: true, inFrom: false, expectName: false }];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const top = stack[stack.length - 1];
    if (t === '(' || t === '[') {
      const next = tokens[i + 1];
      if (top.expectName) top.expectName = false; // a subquery or table function in place of a name
      stack.push({ query: t === '(' && (next === 'select' || next === 'with' || next === 'from' || next === 'values'), inFrom: false, expectName: false });
      continue;
    }
    if (t === ')' || t === ']') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    // a CTE: `with name as (`, `, name as (` (optionally `as [not] materialized (`)
    if (/^[a-z_]/.test(t) && tokens[i + 1] === 'as' && (tokens[i - 1] === 'with' || tokens[i - 1] === 'recursive' || tokens[i - 1] === ',')) {
      let j = i + 2;
      while (tokens[j] === 'not' || tokens[j] === 'materialized') j++;
      if (tokens[j] === '(') {
        ctes.add(t);
        continue;
      }
    }
    if (!top.query) continue;
    // `a is [not] distinct from b` compares, it does not start a FROM clause
    const comparison = t === 'from' && tokens[i - 1] === 'distinct' && (tokens[i - 2] === 'is' || tokens[i - 2] === 'not');
    if ((t === 'from' && !comparison) || t === 'join') {
      top.inFrom = true;
      top.expectName = true;
      continue;
    }
    if (!top.inFrom) continue;
    if (top.expectName) {
      if (BEFORE_NAME.has(t)) continue;
      top.expectName = false;
      if (/^[a-z_]/.test(t) && tokens[i + 1] !== '(') found.add(t.split('.').at(-1)!);
      continue;
    }
    if (t === ',') top.expectName = true;
    else if (t === 'on' || t === 'using') continue; // a join condition: the FROM list goes on after it
    else if (CLAUSE_END.has(t)) top.inFrom = false;
  }
  for (const cte of ctes) found.delete(cte);
  return found;
}

interface Node {
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
