import type { RuleSettings } from '../models/settings.ts';

/**
 * duplicate_text and boilerplate_indicators in the answer key, by the rules'
 * own definitions over what the generator wrote (the county mode shares text
 * between many units, so the key cannot come from single injections).
 * Both are grouped by passage or name: linear in the number of reports.
 */

export function crossUnitKey(
  passages: { unit: string; passages: string[] }[],
  tables: { unit: string; tables: string[][] }[],
  settings: RuleSettings,
): { index: number; rule: 'duplicate_text' | 'boilerplate_indicators' }[] {
  const out: { index: number; rule: 'duplicate_text' | 'boilerplate_indicators' }[] = [];
  const unitCount = new Set(passages.map((p) => p.unit)).size;

  const { min_chars, boilerplate_unit_share } = settings.duplicate_text;
  const unitsOf = new Map<string, Set<string>>();
  for (const r of passages)
    for (const p of r.passages) if ([...p].length >= min_chars) (unitsOf.get(p) ?? unitsOf.set(p, new Set()).get(p)!).add(r.unit);
  const shared = (p: string) => {
    const n = unitsOf.get(p)?.size ?? 0;
    return n >= 2 && n < boilerplate_unit_share * unitCount;
  };
  passages.forEach((r, index) => {
    if (r.passages.some((p) => [...p].length >= min_chars && shared(p))) out.push({ index, rule: 'duplicate_text' });
  });

  const { min_rows, min_share } = settings.boilerplate_indicators;
  const keyed = tables.map((r) => ({
    unit: r.unit,
    tables: r.tables.map((names) => [...new Set(names.map((n) => n.replace(/\s+/g, '')).filter(Boolean))]).filter((t) => t.length >= min_rows),
  }));
  const nameUnits = new Map<string, Set<string>>();
  for (const r of keyed) for (const t of r.tables) for (const n of t) (nameUnits.get(n) ?? nameUnits.set(n, new Set()).get(n)!).add(r.unit);
  keyed.forEach((r, index) => {
    const inReport = new Map<string, number>();
    for (const t of r.tables) for (const n of t) inReport.set(n, (inReport.get(n) ?? 0) + 1);
    const flagged = r.tables.some((t) => t.filter((n) => nameUnits.get(n)!.size >= 2 || inReport.get(n)! >= 2).length >= min_share * t.length - 1e-9);
    if (flagged) out.push({ index, rule: 'boilerplate_indicators' });
  });
  return out;
}
