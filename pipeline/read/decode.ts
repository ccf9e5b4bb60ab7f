import { ReadError } from './errors.ts';

/**
 * Bytes → text for the plain-text formats. Offices save text as UTF-8, UTF-16
 * (Windows "Unicode") or GB18030/GBK (Windows "ANSI" on a Chinese system).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const bomless16 = guessUtf16(bytes);
  if (bomless16) return { text: strict(bomless16, bytes), encoding: bomless16 };
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      if (looksLikeText(text)) return { text, encoding };
    } catch {
      // try the next encoding
    }
  }
  throw new ReadError('undecodable_text', '文本无法识别编码（不是 UTF-8、UTF-16 或 GBK），请另存为 UTF-8 文本或 .docx');
}

function strict(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ReadError('undecodable_text', `文本声明为 ${encoding} 但内容无法解码，请重新保存文件`);
  }
}

/** UTF-16 without a byte-order mark: ASCII-range characters leave every other byte zero. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.2 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.2 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Decoded garbage (binary read as text) is mostly control characters and replacement marks. */
function looksLikeText(text: string): boolean {
  if (text.length === 0) return true;
  let bad = 0;
  for (const ch of text.slice(0, 20000)) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) bad++;
  }
  return bad / Math.min(text.length, 20000) < 0.02;
}
