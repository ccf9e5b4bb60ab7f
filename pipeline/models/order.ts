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

/**
 * Runs nodes on a pool of workers (connections to one DuckDB instance), each as soon as every node
 * whose relation it reads has finished. Among the nodes free to run, the order of sortByDependencies
 * decides, so with one worker they run exactly in that order. After a failure nothing new starts:
 * `stop` is called with the workers still running (to interrupt them), they are awaited, and the
 * first failure is thrown.
 */
export async function runByDependencies<T extends Node, W>(
  nodes: T[],
  workers: readonly W[],
  run: (node: T, worker: W) => Promise<void>,
  stop: (running: W[]) => void = () => {},
): Promise<void> {
  if (!workers.length) throw new Error('runByDependencies: no workers');
  const sorted = sortByDependencies(nodes);
  const position = new Map(sorted.map((n, i) => [n, i]));
  const byRelation = new Map(sorted.map((n) => [n.relation, n]));
  const waitingFor = new Map<T, number>();
  const dependents = new Map<T, T[]>(sorted.map((n) => [n, []]));
  for (const n of sorted) {
    const deps = [...new Set(n.reads)].filter((r) => r !== n.relation && byRelation.has(r)).map((r) => byRelation.get(r)!);
    waitingFor.set(n, deps.length);
    for (const d of deps) dependents.get(d)!.push(n);
  }
  const ready = sorted.filter((n) => waitingFor.get(n) === 0);
  const makeReady = (n: T) => {
    const at = ready.findIndex((r) => position.get(r)! > position.get(n)!);
    ready.splice(at < 0 ? ready.length : at, 0, n);
  };
  // free workers by their place in the pool: the first (the caller's connection) is used first
  const free = workers.map((_, i) => i);
  const running = new Set<number>();
  let finished = 0;
  let failure: { error: unknown } | null = null;

  await new Promise<void>((resolve, reject) => {
    const settle = () => {
      if (running.size) return;
      if (failure) reject(failure.error);
      else if (finished === sorted.length) resolve();
    };
    const start = () => {
      while (!failure && free.length && ready.length) {
        const node = ready.shift()!;
        const worker = free.shift()!;
        running.add(worker);
        run(node, workers[worker]).then(
          () => {
            running.delete(worker);
            free.push(worker);
            free.sort((a, b) => a - b);
            finished++;
            for (const d of dependents.get(node)!) {
              const left = waitingFor.get(d)! - 1;
              waitingFor.set(d, left);
              if (left === 0) makeReady(d);
            }
            start();
            settle();
          },
          (error: unknown) => {
            running.delete(worker);
            if (!failure) {
              failure = { error };
              stop([...running].map((i) => workers[i]));
            }
            settle();
          },
        );
      }
    };
    start();
    settle();
  });
}
