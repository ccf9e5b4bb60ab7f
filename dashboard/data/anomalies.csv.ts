import { EXPORT_COLUMNS, exportRows } from '../lib/flags-export.ts';
import { neutralizeFormula } from '../lib/warehouse.ts';

// All flags as CSV (UTF-8 with BOM so Excel reads the Chinese), formulas neutralised.
const field = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(neutralizeFormula(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const rows = await exportRows();
const lines = [EXPORT_COLUMNS.map(([, zh]) => zh), ...rows.map((r) => EXPORT_COLUMNS.map(([k]) => r[k]))].map((r) => r.map(field).join(','));
process.stdout.write('\ufeff' + lines.join('\r\n') + '\r\n');
