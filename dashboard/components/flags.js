// The flags in shards (pipeline/site-data/shards.ts): the page reads the index, then only the
// shards the filter can match, up to a byte budget; a download reads every shard it needs.
import {rowsOf} from "./data.js";

/**
 * A page loads at most this many bytes of flags, the shard index included (it grows with the rules
 * and regions); beyond it, the page asks for a narrower filter.
 */
export const PAGE_BUDGET = 1_900_000;

/** What is left of the budget for shards once the index (its JSON text) is loaded. */
export const shardBudget = (indexText) => PAGE_BUDGET - new TextEncoder().encode(indexText).length;

export function shardsFor(index, {rule, region, severity, year, status}) {
  return index.shards.filter(
    (s) =>
      (!rule || s.rule === rule) &&
      (!status || !s.statuses || s.statuses.includes(status)) &&
      (region === undefined || region === null || s.region === region) &&
      (!severity || s.severities.includes(severity)) &&
      (year === null || year === undefined || s.years.includes(year))
  );
}

const cache = new Map();
const loadShard = (file) => {
  if (!cache.has(file)) cache.set(file, fetch(new URL(`shards/flags/${file}`, document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`读取标记分片 ${file} 失败（HTTP ${r.status}）`);
    return r.json();
  }).then(rowsOf));
  return cache.get(file);
};

/** Rows of the given shards; with a budget, stops before going over it and says so. */
export async function loadFlags(shards, budget = Infinity) {
  const chosen = [];
  let bytes = 0;
  for (const s of shards) {
    if (bytes + s.bytes > budget && chosen.length) break;
    chosen.push(s);
    bytes += s.bytes;
  }
  const rows = (await Promise.all(chosen.map((s) => loadShard(s.file)))).flat();
  return {rows, complete: chosen.length === shards.length, total: shards.reduce((n, s) => n + s.rows, 0)};
}
