// The report's text on the unit page, paragraph by paragraph, with the flagged sentences marked.
// Paragraphs are the text's non-empty lines, numbered as the flags' places count them
// (pipeline/site-data/flags.ts). Everything goes through htl, so report text is always escaped.
import {html} from "htl";
import {SEVERITY_COLOR} from "./data.js";

const SENTENCE_END = /[。！？；!?;]/;

/** Where a flag stands in the text: its offset when it has one, else its evidence's first fragment. */
export function flagSpan(text, flag) {
  let at = typeof flag.text_offset === "number" ? flag.text_offset : -1;
  if (at < 0 && flag.evidence) {
    const fragment = flag.evidence.split(/ … | \/ /)[0].trim().slice(0, 40);
    if (fragment.length >= 6) at = text.indexOf(fragment);
  }
  if (at < 0 || at >= text.length) return null;
  let start = at;
  while (start > 0 && text[start - 1] !== "\n" && !SENTENCE_END.test(text[start - 1])) start--;
  let end = at;
  while (end < text.length && text[end] !== "\n" && !SENTENCE_END.test(text[end])) end++;
  if (end < text.length && text[end] !== "\n") end++;
  return {start, end};
}

export function markedParagraphs(text, flags, titles) {
  const spans = flags.map((f) => ({f, span: flagSpan(text, f)})).filter((x) => x.span).sort((a, b) => a.span.start - b.span.start);
  const out = [];
  let pos = 0;
  let number = 0;
  for (const line of text.split("\n")) {
    const lineStart = pos;
    const lineEnd = pos + line.length;
    pos = lineEnd + 1;
    if (!line.trim()) continue;
    number++;
    const parts = [];
    let cursor = lineStart;
    for (const {f, span} of spans) {
      if (span.start < lineStart || span.start >= lineEnd || span.start < cursor) continue;
      parts.push(text.slice(cursor, span.start));
      const end = Math.min(span.end, lineEnd);
      parts.push(html`<a class="flag-mark" href=${`#flag-${f.key}`} title=${titles[f.rule] ?? ""}><mark id=${`text-${f.key}`} class="flagged" data-severity=${f.severity} style=${{"--mark": SEVERITY_COLOR[f.severity] ?? SEVERITY_COLOR.none}}>${text.slice(span.start, end)}</mark></a>`);
      cursor = end;
    }
    parts.push(text.slice(cursor, lineEnd));
    out.push(html`<p class="para" id=${`para-${number}`}><span class="para-no">${number}</span>${parts}</p>`);
  }
  return out;
}

/** Flags grouped: several flags of one rule on one table (表n) become one group; the rest stand alone. */
export function flagGroups(flags) {
  const groups = new Map();
  for (const f of flags) {
    const table = /^表(\d+)/.exec(f.location ?? "")?.[1];
    const key = table ? `${f.rule}\u0000${table}` : `\u0001${f.key}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()];
}
