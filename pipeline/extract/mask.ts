/**
 * Masks personal numbers (mobile, ID card, bank card / account) in text that leaves the warehouse:
 * the site, its downloads, the memo and the review sheet. The warehouse keeps them for the bureau.
 *
 * Numbers are written in many ways: 139-1234-5678, 139 1234 5678, +8613912345678, TEL13912345678,
 * full-width digits, an ID number in groups (430102 19900101 123X), a 15-digit ID, a bank card in
 * groups of four. The text is read as runs of digit groups (joined by one or two spaces, tabs or
 * dashes); within a run, consecutive groups that together form one of these numbers, in a layout
 * people use for it, are masked: all digits but the first three and the last four become "*".
 */

/** Full-width digits, X, plus, dash and space read as their ASCII forms (one code unit each, so offsets hold). */
function halfWidth(text: string): string {
  return text.replace(/[\uff10-\uff19\uff38\uff58\uff0b\uff0d\u3000\u2010-\u2015]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 0x30);
    if (c === '\uff38' || c === '\uff58') return 'X';
    if (c === '\uff0b') return '+';
    if (c === '\u3000') return ' ';
    return '-';
  });
}

interface Group {
  start: number;
  digits: string;
}

const MOBILE = /^1[3-9]\d{9}$/;
const ID18 = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;
const ID15 = /^[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/;
/** ways a mobile number's 11 digits are grouped */
const MOBILE_LAYOUTS = new Set(['11', '3,4,4', '3,8', '7,4', '4,3,4']);
const ACCOUNT_LABEL = /(?:账号|帐号|卡号|账户|帐户|开户行?|银行卡)[^\d\n]{0,8}$/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digits of groups[i..j] that are a personal number: the index of the first digit of its core, or null. */
function personalNumber(groups: Group[], labelled: boolean): { coreStart: number } | null {
  const digits = groups.map((g) => g.digits).join('');
  const layout = groups.map((g) => g.digits.length);
  // mobile, with or without 86 / 0086 in front (as a group of its own or written on)
  for (const prefix of ['', '86', '0086']) {
    if (!digits.startsWith(prefix)) continue;
    const core = digits.slice(prefix.length);
    if (!MOBILE.test(core)) continue;
    let rest = layout.slice();
    if (prefix) {
      if (rest[0] === prefix.length) rest = rest.slice(1);
      else rest[0] -= prefix.length;
    }
    if (MOBILE_LAYOUTS.has(rest.join(','))) return { coreStart: prefix.length };
  }
  if (ID18.test(digits) || ID15.test(digits)) return { coreStart: 0 };
  const allDigits = /^\d+$/.test(digits);
  // a bank card: 16–19 digits written on or in groups of four, passing the card check digit
  const inFours = layout.length > 1 && layout.slice(0, -1).every((n) => n === 4) && layout[layout.length - 1] <= 4;
  if (allDigits && digits.length >= 16 && digits.length <= 19 && /^[3-6]/.test(digits) && (layout.length === 1 || inFours) && luhn(digits)) {
    return { coreStart: 0 };
  }
  // after 账号 / 卡号 / 开户行: any account number of 12–25 digits
  if (labelled && allDigits && digits.length >= 12 && digits.length <= 25) return { coreStart: 0 };
  return null;
}

export function maskPersonalNumbers(text: string): string {
  if (!/[\d\uff10-\uff19]{3}/.test(text)) return text;
  const plain = halfWidth(text);
  const out = text.split('');
  let changed = false;
  const runRe = /\d+(?:[ \t\u00a0-]{1,2}\d+)*(?:[Xx](?![A-Za-z]))?/g;
  for (const run of plain.matchAll(runRe)) {
    const groups: Group[] = [];
    for (const g of run[0].matchAll(/\d+[Xx]?/g)) groups.push({ start: run.index! + g.index!, digits: g[0].toUpperCase() });
    // an X belongs to an ID number's last group only
    const labelled = ACCOUNT_LABEL.test(plain.slice(Math.max(0, run.index! - 16), run.index!));
    for (let i = 0; i < groups.length; i++) {
      for (let j = Math.min(groups.length - 1, i + 5); j >= i; j--) {
        const span = groups.slice(i, j + 1);
        if (span.slice(0, -1).some((g) => g.digits.endsWith('X'))) continue;
        const found = personalNumber(span, labelled);
        if (!found) continue;
        // positions of the core's digits in the text; all but the first three and last four are masked
        const positions: number[] = [];
        for (const g of span) for (let k = 0; k < g.digits.length; k++) positions.push(g.start + k);
        const core = positions.slice(found.coreStart);
        for (const p of core.slice(3, Math.max(3, core.length - 4))) out[p] = '*';
        changed = true;
        i = j;
        break;
      }
    }
  }
  return changed ? out.join('') : text;
}
