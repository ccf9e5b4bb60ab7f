import stringWidth from 'string-width';

/**
 * Query results as text: aligned tables that fit the terminal (CJK characters
 * count double, wide columns are cut with "…"), CSV, JSON and Markdown.
 */

export type Cell = string | number | boolean | null;
export interface ResultSet {
  columns: string[];
  rows: Cell[][];
}

export const cellText = (v: Cell): string => (v === null ? 'NULL' : typeof v === 'number' ? formatNumber(v) : String(v));

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/** Cuts text to a display width, marking the cut with "…". */
function truncate(text: string, width: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  if (stringWidth(flat) <= width) return flat;
  let out = '';
  for (const ch of flat) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

const pad = (text: string, width: number, right: boolean) => {
  const gap = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return right ? gap + text : text + gap;
};

export function renderTable(result: ResultSet, maxWidth = process.stdout.columns || 120): string {
  const { columns, rows } = result;
  if (!columns.length) return '';
  const texts = rows.map((r) => r.map(cellText));
  const natural = columns.map((c, i) => Math.max(stringWidth(c), ...texts.map((r) => stringWidth(r[i].replace(/\s*\n\s*/g, ' ')))));
  const widths = [...natural];
  const budget = maxWidth - (3 * columns.length + 1);
  // shrink the widest column until the table fits (never below 6)
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= 6) break;
    widths[widest]--;
  }
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const line = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const row = (cells: string[], header = false) =>
    '│' + cells.map((c, i) => ' ' + pad(truncate(c, widths[i]), widths[i], !header && numeric[i]) + ' ').join('│') + '│';
  return [line('┌', '┬', '┐'), row(columns, true), line('├', '┼', '┤'), ...texts.map((t) => row(t)), line('└', '┴', '┘')].join('\n');
}

const csvField = (v: Cell) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const renderCsv = ({ columns, rows }: ResultSet) => [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';

export const renderJson = ({ columns, rows }: ResultSet) =>
  JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))), null, 2) + '\n';

export function renderMarkdown({ columns, rows }: ResultSet): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${columns.map(esc).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((v) => esc(cellText(v))).join(' | ')} |`),
  ].join('\n') + '\n';
}
