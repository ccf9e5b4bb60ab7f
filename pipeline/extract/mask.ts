/**
 * Masks personal numbers (mobile, ID card, bank account) in text that leaves the
 * warehouse for the site or a download. The warehouse keeps them for the bureau.
 */
const keep = (s: string) => (s.length > 7 ? s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4) : s);

export function maskPersonalNumbers(text: string): string {
  return text
    .replace(/(?<![\d\w])[1-9]\d{16}[\dXx](?![\d\w])/g, keep)
    .replace(/(?<![\d\w])1[3-9]\d{9}(?![\d\w])/g, keep)
    .replace(/((?:账号|帐号|卡号|银行账户)[：:\s]*)(\d[\d ]{14,24}\d)/g, (_, label: string, digits: string) => label + keep(digits.replace(/ /g, '')));
}
