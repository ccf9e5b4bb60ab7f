/**
 * A pure function of a short string, remembered. Every reader looks at the same cells (each label
 * reader asks each cell whether it is a label), and the forms' headings recur in every report, so
 * most calls repeat one made before. Only for functions whose result is a string, a number, a
 * boolean or null (nothing a caller could change). Bounded: strings longer than `longest` are not
 * kept, and past `size` entries the memory starts afresh.
 */
export function remembered<R extends string | number | boolean | null>(fn: (s: string) => R, size = 20_000, longest = 120): (s: string) => R {
  const seen = new Map<string, R>();
  return (s) => {
    if (s.length > longest) return fn(s);
    let r = seen.get(s);
    if (r === undefined) {
      r = fn(s);
      if (seen.size >= size) seen.clear();
      seen.set(copyOf(s), r);
    }
    return r;
  };
}

/**
 * A string of its own: a cell's text is often a slice of the whole document's text, and V8 keeps the
 * whole text alive while any slice of it is kept, so a remembered slice would hold every document it
 * came from until the memory starts afresh.
 */
const copyOf = (s: string) => Buffer.from(s, 'utf16le').toString('utf16le');

/**
 * A table of UTF-16 code units: `mark` set for each code unit of each string. A test before a
 * remembered function's map: most cells (figures, sentences) cannot be what the function looks
 * for, and a look-up among thousands of remembered strings costs cache misses a scan of a short
 * cell does not.
 */
export function codeUnitTable(marks: Iterable<[string, number]>): Uint8Array {
  const table = new Uint8Array(65_536);
  for (const [chars, mark] of marks) for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] |= mark;
  return table;
}

/**
 * `remembered(fn)` where `fn` gives `none` for every string that does not hold the first and the
 * last code unit of one of `words` (a heading that names a column holds the whole word; the
 * functions only take characters away before they look): such strings get `none` without the map.
 * Each word is a bit (32 of them; more share bits, which only lets more strings through).
 */
export function rememberedWhereWords<R extends string | number | boolean | null>(words: readonly string[], none: R, fn: (s: string) => R): (s: string) => R {
  const first = new Int32Array(65_536);
  const last = new Int32Array(65_536);
  words.forEach((w, k) => {
    first[w.charCodeAt(0)] |= 1 << k % 32;
    last[w.charCodeAt(w.length - 1)] |= 1 << k % 32;
  });
  const memo = remembered(fn);
  return (s) => {
    let starts = 0;
    let ends = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      starts |= first[c];
      ends |= last[c];
    }
    return starts & ends ? memo(s) : none;
  };
}
