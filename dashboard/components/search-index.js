// The 单位 search index, shared by its builder (pipeline/site-data/search.ts) and the page (unit.md):
// what text of a report is searched, how it is cut into keys, how a key's list of reports is
// encoded, which file holds a key, and the lookup of a query.
//
// A report's searched text is its unit, region, project, year (2021年) and id, lowercased, the fields
// apart (a term never spans two). Keys are single characters and pairs of adjacent characters (code
// points, so a character outside the BMP is one). A single character's list names the reports (by
// rank in the ranking) that contain it; a pair's list also gives where in the text it starts, so a
// term of any length is found exactly: its pairs at offsets 0, 2, 4 … (and length − 2) must all
// occur at one start. Every term of the query must occur, as in matcher() (text.js).

/**
 * Matches the page shows at a time: each may be in a block of its own (rows/<n>.json, 25 rows, under
 * 8 KB at long names), so a page of results loads at most this many blocks, about 400 KB.
 */
export const RESULT_ROWS = 50;

/** The searched fields of a ranking row, in order (the page's region search uses the same ones). */
export const SEARCH_FIELDS = ["unit", "region", "project", (r) => (r.year === null || r.year === undefined ? "" : `${r.year}年`), "id"];

/** The searched text of a row as code points, the fields apart by U+0000. */
export function searchChars(row) {
  const text = SEARCH_FIELDS.map((f) => (typeof f === "function" ? f(row) : row[f]) ?? "").map(String).join("\u0000").toLowerCase();
  return Array.from(text);
}

/** The terms of a query: split on white space and lowercased, as matcher() does. */
export function searchTerms(query) {
  return String(query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

// characters never searched for (terms are split on them, fields are kept apart by U+0000)
const SKIP = /[\s\u0000]/u;
export const indexable = (ch) => !SKIP.test(ch);

// numbers as base-64 digits: 0–31 ends a number, 32–63 carries 5 more bits before it (high first);
// the alphabet needs no escaping in JSON, and a list can be cut anywhere and joined again
export const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const VALUE = new Map([...DIGITS].map((c, i) => [c, i]));

export function encodeNumber(n) {
  let out = DIGITS[n & 31];
  for (n = Math.floor(n / 32); n > 0; n = Math.floor(n / 32)) out = DIGITS[32 + (n & 31)] + out;
  return out;
}

/** The numbers of an encoded list. */
export function decodeNumbers(text) {
  const out = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const v = VALUE.get(text[i]);
    if (v === undefined) throw new Error(`search index: unexpected character ${JSON.stringify(text[i])}`);
    if (v >= 32) n = n * 32 + (v - 32);
    else {
      out.push(n * 32 + v);
      n = 0;
    }
  }
  return out;
}

/**
 * A single character's list: rank gaps (first rank, then the difference to the previous) → ranks.
 * A pair's list: per report its rank gap, how many starts and the starts (first, then gaps) → rank → starts.
 */
export function decodeRanks(text) {
  const ranks = [];
  let rank = 0;
  for (const gap of decodeNumbers(text)) ranks.push((rank += gap));
  return ranks;
}
export function decodeStarts(text) {
  const numbers = decodeNumbers(text);
  const out = new Map();
  let rank = 0;
  for (let i = 0; i < numbers.length;) {
    rank += numbers[i++];
    const count = numbers[i++];
    const starts = [];
    let at = 0;
    for (let k = 0; k < count; k++) starts.push((at += numbers[i++]));
    out.set(rank, starts);
  }
  return out;
}

/** Which bucket file holds a key (FNV-1a over its UTF-16 units). */
export function bucketOf(key, buckets) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % buckets;
}

/**
 * The keys a term needs: one character, or the pairs at offsets 0, 2, 4 … and length − 2, which
 * together cover every character of the term (so their starts one after the other spell it).
 */
export function termKeys(term) {
  const chars = Array.from(term);
  if (chars.length === 1) return [{key: chars[0], offset: 0}];
  const offsets = [];
  for (let o = 0; o + 2 <= chars.length; o += 2) offsets.push(o);
  if (chars.length % 2) offsets.push(chars.length - 2);
  return offsets.map((o) => ({key: chars[o] + chars[o + 1], offset: o}));
}

/**
 * The ranks (ascending, so in ranking order) of the reports that contain every term of the query.
 * `posting(key)` gives a key's encoded list ("" when no report has it). A term with a character that
 * is never indexed (white space cannot be one: terms are split on it) matches nothing.
 */
export async function searchRanks(query, posting) {
  const terms = searchTerms(query);
  if (!terms.length) return null;
  let result = null;
  for (const term of terms) {
    const keys = termKeys(term);
    const lists = await Promise.all(keys.map((k) => posting(k.key)));
    let ranks;
    if (keys.length === 1 && Array.from(keys[0].key).length === 1) {
      ranks = decodeRanks(lists[0]);
    } else {
      const starts = lists.map(decodeStarts);
      // walk the shortest list; a report matches where one start of the term puts every pair in place
      const order = starts.map((_, i) => i).sort((a, b) => starts[a].size - starts[b].size);
      const [first] = order;
      ranks = [];
      for (const [rank, at] of starts[first]) {
        const others = order.slice(1).map((i) => starts[i].get(rank));
        if (others.some((s) => s === undefined)) continue;
        const found = at.some((p) => {
          const begin = p - keys[first].offset;
          return order.slice(1).every((i, j) => others[j].includes(begin + keys[i].offset));
        });
        if (found) ranks.push(rank);
      }
      ranks.sort((a, b) => a - b);
    }
    result = result === null ? ranks : intersectSorted(result, ranks);
    if (!result.length) break;
  }
  return result;
}

function intersectSorted(a, b) {
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

/**
 * A key's encoded list from the index's files, `readJson(path)` reading a file under the index's
 * folder (the page fetches shards/search/…, the tests read the folder): the key's bucket, then its
 * own files if it has them, joined in order.
 */
export function postingReader(index, readJson) {
  return async (key) => {
    const bucket = await readJson(`keys/${bucketOf(key, index.buckets)}.json`);
    const entry = Object.hasOwn(bucket, key) ? bucket[key] : undefined;
    if (entry === undefined) return "";
    if (typeof entry === "string") return entry;
    return (await Promise.all(entry.files.map((f) => readJson(`own/${f}`)))).join("");
  };
}

/** The row blocks (rows/<n>.json) holding the given ranks, ascending. */
export function blocksOf(ranks, blockRows) {
  return [...new Set(ranks.map((r) => Math.floor((r - 1) / blockRows)))];
}
