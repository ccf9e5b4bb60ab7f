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
