import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWarehouse, type PlainRow, type Warehouse } from '../../pipeline/load/query.ts';
import { loadGold, type GoldReport } from '../helpers/gold.ts';

/**
 * The flags gold/seeds.json expects (tier 1) and forbids, on the warehouses built
 * from the .txt seeds and from the .docx samples. Prints recall and precision.
 */

const gold = loadGold();

/** Figures a gold evidence text names (6132.81, 5.93, 17700593679), for matching a flag's text. */
const figuresIn = (text: string) => [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]).filter((s) => s.length >= 2);

const flagText = (f: PlainRow) => [f.subject, f.message, f.evidence, f.measured_text, f.measured, f.threshold].map(String).join(' ');

const concerns = (f: PlainRow, figure: number) =>
  new RegExp(`(?<![\\d.])${String(figure).replace('.', '\\.')}(?![\\d.])`).test(String(f.subject)) || f.measured === figure || f.threshold === figure;

/**
 * The figures a must-not entry is about: its `not_on`, or, where the same rule is also expected on the
 * report, the figures its `why` names (gold/README.md); null = the whole rule.
 */
function forbiddenFigures(g: GoldReport, n: GoldReport['must_not_flag'][number]): number[] | null {
  if (n.not_on) return n.not_on;
  if (!g.expected_flags.some((e) => e.rule === n.rule)) return null;
  return figuresIn(n.why ?? '').map(Number);
}

for (const format of ['txt', 'docx'] as const) {
  describe(`gold flags on the .${format} samples`, () => {
    let w: Warehouse;
    let flags: (PlainRow & { file: string })[] = [];
    beforeAll(async () => {
      const path = inject(format === 'txt' ? 'txtWarehouse' : 'docxWarehouse');
      if (!path) throw new Error(`no .${format} sample warehouse`);
      w = await openWarehouse(path);
      flags = (await w.query(`select a.*, r.file_name from anomalies a join reports r using (report_id)`)).map((f) => ({
        ...f,
        file: basename(String(f.file_name)).replace(/\.\w+$/, ''),
      }));
    });
    afterAll(() => w?.close());

    const stats = { expected: 0, found: 0, relevant: 0, right: 0 };

    for (const g of gold) {
      const key = basename(g.file, '.txt');
      describe(`${key.slice(0, 3)} ${g.unit}`, () => {
        for (const e of g.expected_flags.filter((x) => x.tier === 1)) {
          it(`fires ${e.rule}${e.severity ? ` (${e.severity})` : ''}`, () => {
            stats.expected++;
            const mine = flags.filter((f) => f.file === key && f.rule_id === e.rule);
            expect(mine.length, `no ${e.rule} flag; gold: ${e.evidence}`).toBeGreaterThan(0);
            if (e.severity) expect(mine.map((f) => f.severity)).toContain(e.severity);
            const figures = figuresIn(e.evidence ?? '');
            if (figures.length) {
              const named = mine.some((f) => figures.some((x) => flagText(f).includes(x)));
              expect(named, `evidence names none of ${figures.join(', ')}`).toBe(true);
            }
            for (const f of mine) {
              expect(String(f.message).length).toBeGreaterThan(10);
              expect(f.evidence).toBeTruthy();
            }
            stats.found++;
          });
        }
        for (const n of g.must_not_flag) {
          it(`does not fire ${n.rule}${n.not_on ? ` on ${n.not_on.join(', ')}` : ''}`, () => {
            const mine = flags.filter((f) => f.file === key && f.rule_id === n.rule);
            const figures = forbiddenFigures(g, n);
            const wrong = figures ? mine.filter((f) => figures.some((x) => concerns(f, x))) : mine;
            expect(wrong.map((f) => f.message), n.why).toEqual([]);
          });
        }
      });
    }

    it('scores recall and precision over the gold flags', () => {
      for (const g of gold) {
        const key = basename(g.file, '.txt');
        const expectedRules = new Set(g.expected_flags.map((e) => e.rule));
        const mentioned = new Set([...expectedRules, ...g.must_not_flag.map((n) => n.rule)]);
        for (const f of flags.filter((x) => x.file === key && mentioned.has(String(x.rule_id)))) {
          stats.relevant++;
          const forbidden = g.must_not_flag.find((n) => {
            const figures = forbiddenFigures(g, n);
            return n.rule === f.rule_id && (!figures || figures.some((x) => concerns(f, x)));
          });
          if (!expectedRules.has(String(f.rule_id)) || forbidden) console.log(`  not in gold: ${key.slice(0, 3)} ${f.rule_id} ${f.subject}`);
          if (expectedRules.has(String(f.rule_id)) && !forbidden) stats.right++;
        }
      }
      const tier1 = gold.flatMap((g) => g.expected_flags.filter((e) => e.tier === 1)).length;
      const recall = stats.found / tier1;
      const precision = stats.relevant ? stats.right / stats.relevant : 1;
      console.log(`\n.${format}: tier-1 recall ${stats.found}/${tier1} = ${(recall * 100).toFixed(1)}%, precision ${stats.right}/${stats.relevant} = ${(precision * 100).toFixed(1)}%\n`);
      expect(recall).toBe(1);
      expect(precision).toBe(1);
    });
  });
}
