/**
 * Where typed SQL stops: a statement is complete when the input ends with ";"
 * outside quotes and comments (a ";" inside '…', "…", -- … or a block comment does not count).
 */

type Kind = 'code' | 'single' | 'double' | 'line' | 'block';

interface Segment {
  kind: Kind;
  text: string;
}

/** Splits SQL text into code, quoted strings and comments. */
function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let kind = 'code' as Kind;
  let start = 0;
  const cut = (end: number, next: Kind) => {
    if (end > start) out.push({ kind, text: text.slice(start, end) });
    kind = next;
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    switch (kind) {
      case 'code':
        if (c === '-' && next === '-') cut(i++, 'line');
        else if (c === '/' && next === '*') cut(i++, 'block');
        else if (c === "'") cut(i, 'single');
        else if (c === '"') cut(i, 'double');
        break;
      case 'single': // '' inside a string closes and reopens it: same segments
        if (c === "'" && i > start) cut(i + 1, 'code');
        break;
      case 'double':
        if (c === '"' && i > start) cut(i + 1, 'code');
        break;
      case 'line':
        if (c === '\n') cut(i, 'code');
        break;
      case 'block':
        if (c === '*' && next === '/' && i > start + 1) cut(++i + 1, 'code');
        break;
    }
  }
  cut(text.length, 'code');
  return out;
}

interface InputState {
  /** ends with a ";" followed only by blanks or comments */
  complete: boolean;
  /** nothing but blanks and comments */
  empty: boolean;
}

export function scanInput(text: string): InputState {
  const parts = segments(text);
  const meaningful = parts.filter((s) => !(s.kind === 'line' || s.kind === 'block' || (s.kind === 'code' && !s.text.trim())));
  const last = meaningful.at(-1);
  const closed = (s: Segment) =>
    s.kind === 'code' || s.kind === 'line' || (s.kind === 'block' ? s.text.endsWith('*/') && s.text.length >= 4 : false);
  const tail = parts.at(-1);
  return {
    complete: !!last && last.kind === 'code' && last.text.trimEnd().endsWith(';') && !!tail && closed(tail),
    empty: meaningful.length === 0,
  };
}

/**
 * The statement on one line, for the history file: line comments become block
 * comments so that nothing after them is commented out, line breaks become spaces.
 */
export function oneLine(sql: string): string {
  return segments(sql.trim())
    .map((s) => (s.kind === 'line' ? `/* ${s.text.slice(2).trim()} */` : s.text))
    .join('')
    .replace(/\s*\r?\n\s*/g, ' ');
}
