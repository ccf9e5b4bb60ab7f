import type { Block, Document } from './document.ts';

/**
 * Characters that are no text: NUL and other control characters (a .txt padded with NUL bytes),
 * and U+FFFD, which a decoder puts where bytes were not valid UTF-8. Left in, they become part of a
 * unit's name and make a phantom unit that escapes the resubmission rule. They are removed; between
 * two digits they become a space, so that no two figures are joined into a wrong one.
 */
const STRAY = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]+/g;

function clean(text: string, count: { n: number }): string {
  if (!STRAY.test(text)) return text;
  STRAY.lastIndex = 0;
  return text.replace(STRAY, (run, offset: number) => {
    count.n += run.length;
    const before = text[offset - 1] ?? '';
    const after = text[offset + run.length] ?? '';
    return /\d/.test(before) && /\d/.test(after) ? ' ' : '';
  });
}

export function withoutStrayCharacters(doc: Document): Document {
  const count = { n: 0 };
  const blocks: Block[] = doc.blocks.map((b) =>
    b.kind === 'paragraph' ? { ...b, text: clean(b.text, count) } : { ...b, rows: b.rows.map((r) => r.map((c) => ({ ...c, text: clean(c.text, count) }))) },
  );
  if (!count.n) return doc;
  return { ...doc, blocks, notes: [...(doc.notes ?? []), `删除了 ${count.n} 个无法识别的字符（控制字符或无效编码）`] };
}
