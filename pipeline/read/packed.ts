/**
 * `items.map(f)` as an array of one V8 elements kind whichever tier runs it. Array.prototype.map makes a
 * packed array in its builtin and a holey one once TurboFan inlines it, so the code that reads arrays
 * made by one `.map` (rows of cells, above all) meets two array maps in a run, and is deoptimized
 * ("wrong map") and compiled again when the second comes after it was compiled for the first.
 * Pushing onto an array literal gives a packed array in both tiers.
 */
export function packedMap<T, U>(items: readonly T[], f: (item: T) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) out.push(f(items[i]));
  return out;
}
