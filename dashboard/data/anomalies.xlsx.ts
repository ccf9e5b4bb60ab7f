import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, exportRows } from '../lib/flags-export.ts';
import { neutralizeFormula } from '../lib/warehouse.ts';

// All flags as an Excel workbook, written at build time (the browser needs no spreadsheet library).
const rows = await exportRows();
const workbook = new ExcelJS.Workbook();
workbook.created = new Date(0);
const sheet = workbook.addWorksheet('异常标记');
sheet.columns = EXPORT_COLUMNS.map(([key, header]) => ({ key, header, width: key === 'message' || key === 'evidence' ? 60 : 14 }));
sheet.getRow(1).font = { bold: true };
for (const r of rows) sheet.addRow(Object.fromEntries(EXPORT_COLUMNS.map(([k]) => [k, neutralizeFormula(r[k])])));
const buffer = await workbook.xlsx.writeBuffer();
process.stdout.write(Buffer.from(buffer as ArrayBuffer));
