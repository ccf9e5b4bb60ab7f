import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWarehouse, type PlainRow, type Warehouse } from '../../pipeline/load/query.ts';
import { buildInto } from '../helpers/build.ts';
import { compareWithGold, loadGold } from '../helpers/gold.ts';
import { convertFiles, haveLibreOffice } from '../helpers/libreoffice.ts';
import { SAMPLES_DIR } from '../helpers/paths.ts';

/**
 * The five bundled samples converted by LibreOffice into .doc, .xlsx and .xls (the
 * .html rendition opened in Calc, as a form copied into Excel looks), .pdf and .html:
 * a warehouse built from each format holds every gold field and the same tier-1
 * flags as the one built from the .docx samples.
 */

const gold = loadGold();
const FORMATS = ['doc', 'xlsx', 'xls', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const canRun = haveLibreOffice();

/**
 * Flags as comparable strings: rule, severity, subject and measured value, per sample file. A subject's
 * character offset (年份2020（位置6718）) is left out: whitespace differs between formats.
 */
async function flagKeys(w: Warehouse, rules: Set<string>): Promise<Map<string, string[]>> {
  const rows = await w.query(`select r.file_name, a.rule_id, a.severity, a.subject, a.measured from anomalies a join reports r using (report_id)`);
  const byFile = new Map<string, string[]>();
  for (const f of rows.filter((r: PlainRow) => rules.has(String(r.rule_id)))) {
    const file = String(f.file_name).replace(/\.\w+$/, '');
    byFile.set(file, [...(byFile.get(file) ?? []), `${f.rule_id} ${f.severity} ${String(f.subject).replace(/（位置\d+）/g, '')} ${f.measured}`].sort());
  }
  return byFile;
}

describe.skipIf(!canRun)('the samples in every converted format', () => {
  const warehouses = new Map<Format, Warehouse>();
  let docx: Warehouse;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-formats-'));
    const samples = readdirSync(SAMPLES_DIR)
      .filter((f) => f.endsWith('.docx'))
      .map((f) => join(SAMPLES_DIR, f));
    // one soffice call per target format, all five files in it
    convertFiles(samples, 'doc', join(root, 'doc'));
    convertFiles(samples, 'pdf', join(root, 'pdf'));
    const html = convertFiles(samples, 'html', join(root, 'html'));
    convertFiles(html, 'xlsx', join(root, 'xlsx'), { infilter: 'HTML (StarCalc)' });
    // the same sheets as Excel 97 workbooks: read through LibreOffice again, into .xlsx
    convertFiles(html, 'xls', join(root, 'xls'), { infilter: 'HTML (StarCalc)' });
    for (const format of FORMATS) {
      const { db } = await buildInto(join(root, format));
      warehouses.set(format, await openWarehouse(db));
    }
    const docxPath = inject('docxWarehouse');
    if (!docxPath) throw new Error('no .docx sample warehouse: run npm run samples');
    docx = await openWarehouse(docxPath);
  });
  afterAll(() => {
    for (const w of warehouses.values()) w.close();
    docx?.close();
  });

  for (const format of FORMATS) {
    describe(`.${format}`, () => {
      it('loads all five reports with their format and no errors', async () => {
        const w = warehouses.get(format)!;
        expect(await w.query('select code, path, message from ingest_errors')).toEqual([]);
        const reports = await w.query('select format from reports');
        expect(reports.map((r) => r.format)).toEqual(gold.map(() => format));
      });

      for (const g of gold) {
        it(`${g.file.slice(0, 3)} ${g.unit}: every gold field`, async () => {
          const fileName = `${basename(g.file, '.txt')}.${format}`;
          expect(await compareWithGold(warehouses.get(format)!, g, fileName)).toEqual([]);
        });
      }

      it('has the tier-1 flags of the .docx build, and no flag gold names that the .docx build lacks', async () => {
        const tier1 = new Set(gold.flatMap((g) => g.expected_flags.filter((e) => e.tier === 1).map((e) => e.rule)));
        expect(tier1.size).toBeGreaterThan(0);
        const mentioned = new Set(gold.flatMap((g) => [...g.expected_flags, ...g.must_not_flag].map((e) => e.rule)));
        const expected = await flagKeys(docx, tier1);
        const got = await flagKeys(warehouses.get(format)!, tier1);
        for (const g of gold) {
          const key = basename(g.file, '.txt');
          for (const e of g.expected_flags.filter((x) => x.tier === 1)) {
            expect(got.get(key)?.some((f) => f.startsWith(`${e.rule} `)), `${key} ${e.rule}`).toBe(true);
          }
        }
        expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
        const extra = await flagKeys(warehouses.get(format)!, mentioned);
        const reference = await flagKeys(docx, mentioned);
        for (const [file, flags] of extra) expect(flags.filter((f) => !reference.get(file)?.includes(f)), file).toEqual([]);
      });
    });
  }
});
