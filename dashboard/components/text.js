// Chinese text helpers for the pages: substring search and pinyin order.

/** Options in pinyin order (ICU's Chinese collation), numbers by value, missing values last. */
export const pinyin = new Intl.Collator("zh-u-co-pinyin", {numeric: true});
export const pinyinSort = (values) =>
  [...values].sort((a, b) => (a === null ? 1 : b === null ? -1 : typeof a === "number" && typeof b === "number" ? a - b : pinyin.compare(String(a), String(b))));

/**
 * Substring search: every whitespace-separated term must occur somewhere in the row's fields.
 * (Inputs.search matches a term only after a non-letter, and Chinese characters are letters, so
 * "龙潭镇" would not find "桃源县龙潭镇人民政府".)
 */
export function matcher(query, fields) {
  const terms = String(query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return () => true;
  return (row) => {
    const hay = fields.map((f) => (typeof f === "function" ? f(row) : row[f]) ?? "").join("\u0000").toLowerCase();
    return terms.every((t) => hay.includes(t));
  };
}

/** The page's filters in its address, so a filtered view can be bookmarked or sent. */
export function keepInUrl(values) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== "") params.set(k, String(v));
  const search = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${search ? `?${search}` : ""}${location.hash}`);
}
