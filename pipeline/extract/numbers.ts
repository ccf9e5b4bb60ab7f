import type { Measure } from './report.ts';
import { squash } from './text.ts';

/** A plain number in a cell ("1,035.02", "10分", "100%") or null. */
export function parseNumber(s: string | null | undefined): number | null {
  if (s == null) return null;
  const t = squash(s).replace(/,/g, '');
  const m = /^[^\d\-]*(-?\d+(?:\.\d+)?)/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
}

/** A cell that is only a number, with at most a unit of points or percent. */
export function parseCellNumber(s: string | null | undefined): number | null {
  if (s == null) return null;
  const t = squash(s).replace(/,/g, '');
  const m = /^(-?\d+(?:\.\d+)?)(?:分|%|万元|万|元)?$/.exec(t);
  return m ? Number(m[1]) : null;
}

export type MoneyUnit = '万元' | '元' | '万' | '亿元';

/** Converts an amount in the unit written to 万元, rounded to the cent. */
export function toWan(value: number, unit: MoneyUnit): number {
  const wan = unit === '元' ? value / 10000 : unit === '亿元' ? value * 10000 : value;
  return Math.round(wan * 1e6) / 1e6;
}

/** Rounds to two decimals, the precision reports use. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

const COMPARATORS: [RegExp, Measure['comparator']][] = [
  [/^(≥|≧|>=|＞=|不低于|不少于|大于等于|达到|至少)/, '>='],
  [/^(≤|≦|<=|＜=|不高于|不超过|不多于|小于等于|控制在)/, '<='],
  [/^(>|＞|超过|大于|高于)/, '>'],
  [/^(<|＜|低于|少于|小于)/, '<'],
  [/^(=|═|＝|等于)/, '='],
];

/**
 * Target or actual text → comparator, number and unit. "≥95%", "≧98%",
 * "300篇以上", "90%以上", "≤10%", "1035.02万元", "及时" (no number).
 */
export function parseMeasure(raw: string): Measure {
  let t = squash(raw).replace(/,/g, '');
  let comparator: Measure['comparator'] = null;
  for (const [re, c] of COMPARATORS) {
    const m = re.exec(t);
    if (m) {
      comparator = c;
      t = t.slice(m[0].length);
      break;
    }
  }
  let suffixComparator: Measure['comparator'] = null;
  const suffix = /(以上|及以上|以下|及以下|以内)$/.exec(t);
  if (suffix) {
    suffixComparator = suffix[1].endsWith('上') ? '>=' : '<=';
    t = t.slice(0, -suffix[1].length);
  }
  const m = /^(-?\d+(?:\.\d+)?)(.*)$/.exec(t);
  const number = m ? Number(m[1]) : null;
  const unit = m ? m[2].replace(/^[（(]|[)）]$/g, '') || null : null;
  const finalComparator = comparator ?? suffixComparator;
  return {
    comparator: finalComparator,
    number: number !== null && Number.isFinite(number) ? number : null,
    unit: m ? unit : null,
    isRange: finalComparator !== null && finalComparator !== '=',
  };
}

