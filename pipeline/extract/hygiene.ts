import type { TextFinding } from './report.ts';
import { around } from './text.ts';

/** Personal numbers and the form's placeholders left in the published text. */
export function findTextFindings(text: string): TextFinding[] {
  const out: TextFinding[] = [];
  const push = (kind: TextFinding['kind'], value: string, offset: number) =>
    out.push({ kind, value, offset, context: around(text, offset, 20, 30) });
  for (const m of text.matchAll(/(?<![\d\w])1[3-9]\d{9}(?![\d\w])/g)) push('mobile', m[0], m.index!);
  for (const m of text.matchAll(/(?<![\d\w])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\d\w])/g)) {
    if (idChecksumOk(m[0])) push('id_card', m[0], m.index!);
  }
  for (const m of text.matchAll(/(?:账号|帐号|卡号|银行账户)[：:\s]*(\d[\d ]{14,24}\d)/g)) push('bank_account', m[1], m.index! + m[0].indexOf(m[1]));
  for (const m of text.matchAll(/例[：:]|[（(]填写[^）)]{0,20}[)）]|此处|(?<![A-Za-z])(?:XX|xx|ＸＸ|××|○○)(?![A-Za-z])/g)) {
    push('placeholder', m[0], m.index!);
  }
  return out;
}

function idChecksumOk(id: string): boolean {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const codes = '10X98765432';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * w[i];
  return codes[sum % 11] === id[17].toUpperCase();
}
