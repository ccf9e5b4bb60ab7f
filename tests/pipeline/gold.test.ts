import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../pipeline/load/query.ts';
import { compareWithGold, loadGold } from '../helpers/gold.ts';

/**
 * Every field gold/seeds.json states, compared with the warehouse built from the
 * .txt seeds and, separately, from the .docx samples.
 */

const gold = loadGold();
const accuracy = new Map<string, { right: number; total: number }>();
const tally = (field: string, ok: boolean) => {
  const a = accuracy.get(field) ?? { right: 0, total: 0 };
  a.total++;
  if (ok) a.right++;
  accuracy.set(field, a);
};

for (const format of ['txt', 'docx'] as const) {
  describe(`gold fields from the .${format} samples`, () => {
    let w: Warehouse;
    beforeAll(async () => {
      const path = inject(format === 'txt' ? 'txtWarehouse' : 'docxWarehouse');
      if (!path) throw new Error(`no .${format} sample warehouse: run npm run samples`);
      w = await openWarehouse(path);
    });
    afterAll(() => w?.close());

    it('loads all five reports and no errors', async () => {
      const [{ n }] = await w.query('select count(*) as n from reports');
      const errors = await w.query('select * from ingest_errors');
      expect(errors).toEqual([]);
      expect(n).toBe(gold.length);
    });

    for (const g of gold) {
      it(`${g.file.slice(0, 3)} ${g.unit}: every stated field`, async () => {
        const fileName = `${basename(g.file, '.txt')}.${format}`;
        expect(await compareWithGold(w, g, fileName, tally)).toEqual([]);
      });
    }
  });
}

afterAll(() => {
  const rows = [...accuracy.entries()].map(([field, a]) => `${field.padEnd(28)} ${String(a.right).padStart(4)}/${String(a.total).padEnd(4)} ${((100 * a.right) / a.total).toFixed(1)}%`);
  console.log(`\nField accuracy against gold/seeds.json (.txt and .docx together)\n${rows.join('\n')}\n`);
});
