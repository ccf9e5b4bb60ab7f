import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import CFB from 'cfb';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../pipeline/load/query.ts';
import { quality } from '../../pipeline/site-data/pages.ts';
import { buildInto } from '../helpers/build.ts';
import { compareWithGold, loadGold } from '../helpers/gold.ts';
import { SAMPLES_DIR } from '../helpers/paths.ts';

/**
 * A folder with bad files of every new format beside good ones: each bad file is
 * exactly one ingest_errors row with a clear code, and the good files (a portal
 * page in GBK with its menus and 索引号 box, reports inside a .zip) load with
 * every gold field.
 */

const gold = loadGold();
const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.docx')).sort();
const sample = (i: number) => readFileSync(join(SAMPLES_DIR, samples[i]));

async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook whose one sheet has 1,000,000 empty (styled) rows, as a sheet formatted down to the bottom looks. */
async function millionRows(): Promise<Buffer> {
  const base = await workbook((wb) => wb.addWorksheet('表1').getCell('A1').value = '部门整体支出绩效自评表');
  const zip = await JSZip.loadAsync(base);
  const rows: string[] = [];
  for (let r = 2; r <= 1_000_001; r++) rows.push(`<row r="${r}"><c r="A${r}" s="0"/></row>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>部门整体支出绩效自评表</t></is></c></row>${rows.join('')}</sheetData></worksheet>`;
  zip.file('xl/worksheets/sheet1.xml', sheet);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** A password-protected OOXML file as Office writes it: an OLE compound file with the encrypted package inside. */
function encryptedOoxml(): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/EncryptionInfo', randomBytes(256));
  CFB.utils.cfb_add(container, '/EncryptedPackage', randomBytes(4096));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

async function zipOf(entries: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, bytes] of Object.entries(entries)) zip.file(name, bytes);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** Patches every local and central header of a zip so that its entries declare `size` uncompressed bytes. */
function declareSize(zip: Buffer, size: number): Buffer {
  const bytes = Buffer.from(zip);
  for (let i = 0; i < bytes.length - 4; i++) {
    const sig = bytes.readUInt32LE(i);
    if (sig === 0x04034b50) bytes.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50) bytes.writeUInt32LE(size, i + 24);
  }
  return bytes;
}

/** A zip whose entry's name is `../` something: unpacking it would write outside the folder. */
async function escapingZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('ok.docx', sample(1));
  zip.file('../../etc/evil.docx', sample(2));
  return Buffer.from(await zip.generateAsync({ type: 'uint8array' }));
}

/** A report as a county portal publishes it: GBK, a menu, the 索引号 box, share links and a footer around the article. */
async function portalPage(docx: Buffer): Promise<Buffer> {
  const article = (await mammoth.convertToHtml({ buffer: docx })).value;
  const page = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>绩效自评报告</title>
<script>var nav = "首页";</script><style>.x{}</style></head><body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li>政务公开</li><li>财政预决算</li><li>绩效管理</li></ul></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 绩效管理</div>
<table class="xxgk_table"><tr><td>索引号：431000-2022-000123</td><td>发布机构：县财政局</td></tr><tr><td>主题分类：财政</td><td>发文日期：2022-03-01</td></tr></table>
<div class="article-content">${article}</div>
<div class="share">分享到：微信 微博</div>
<p>【字体：大 中 小】 【打印本页】 【关闭窗口】</p>
<div id="footer">版权所有：县人民政府办公室 主办单位：县人民政府办公室 ICP备12345678号</div>
</body></html>`;
  return iconv.encode(page, 'gbk');
}

/**
 * A small PDF written object by object with a correct cross-reference table. `depth` nests the page
 * tree: each level's node lists the next level's node ten times, so a file of a few hundred bytes
 * declares 10^depth pages (a PDF bomb). `content` is the page's content stream; `encrypt` adds a
 * standard security handler whose user password is not empty.
 */
function handMadePdf(options: { content?: string; depth?: number; encrypt?: boolean } = {}): Buffer {
  const content = options.content ?? 'BT /F1 12 Tf 72 720 Td (Performance self-evaluation report) Tj ET';
  const depth = options.depth ?? 0;
  // objects: 1 catalog, 2..depth+2 page tree nodes, then page, content, font
  const page = depth + 3;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level <= depth; level++) {
    const parent = level === 0 ? '' : ` /Parent ${level + 1} 0 R`;
    const kids = level === depth ? `${page} 0 R` : Array.from({ length: 10 }, () => `${level + 3} 0 R`).join(' ');
    objects.push(`<< /Type /Pages${parent} /Kids [${kids}] /Count ${10 ** (depth - level)} >>`);
  }
  objects.push(
    `<< /Type /Page /Parent ${depth + 2} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  );
  if (options.encrypt) {
    const hex = (n: number) => randomBytes(n).toString('hex');
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -4 >>`);
  }
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const encrypt = options.encrypt ? ` /Encrypt ${objects.length} 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]` : '';
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const BAD: Record<string, string> = {
  'truncated.pdf': 'corrupt_pdf',
  'encrypted.pdf': 'encrypted_pdf',
  'bomb.pdf': 'pdf_too_large',
  'scanned.pdf': 'scanned_pdf',
  'not-a-pdf.pdf': 'not_a_pdf',
  'truncated.xlsx': 'corrupt_xlsx',
  'encrypted.xlsx': 'encrypted_xlsx',
  'not-a-workbook.xlsx': 'not_an_xlsx',
  'million-rows.xlsx': 'sheet_too_large',
  'escape.zip': 'zip_unsafe_path',
  'declared-bomb.zip': 'zip_bomb',
  'lying-bomb.zip/zeros.docx': 'zip_bomb',
  'truncated.zip': 'corrupt_zip',
  'nested.zip/inner.zip': 'zip_nested',
  'empty.html': 'empty_file',
  'random.doc': 'not_an_office_file',
};

describe('a folder with bad and good files of the new formats', () => {
  let w: Warehouse;
  let skipped = 0;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-formats-bad-'));
    const put = (name: string, bytes: string | Buffer) => writeFileSync(join(dir, name), bytes);
    const good = await workbook((wb) => {
      const ws = wb.addWorksheet('表1');
      ws.getCell('A1').value = '部门整体支出绩效自评表';
    });
    put('truncated.xlsx', good.subarray(0, Math.floor(good.length / 2)));
    put('encrypted.xlsx', encryptedOoxml());
    put('not-a-workbook.xlsx', '这不是一个 Excel 文件');
    put('million-rows.xlsx', await millionRows());
    put('escape.zip', await escapingZip());
    put('declared-bomb.zip', declareSize(await zipOf({ 'a.docx': sample(0) }), 0xfffffff0));
    // declares 1,000 bytes, inflates to 20 MB
    put('lying-bomb.zip', declareSize(await zipOf({ 'zeros.docx': Buffer.alloc(20 * 1024 * 1024) }), 1000));
    const packed = await zipOf({ 'x.docx': sample(0) });
    put('truncated.zip', packed.subarray(0, packed.length - 30));
    put('nested.zip', await zipOf({ 'inner.zip': packed, [samples[2]]: sample(2) }));
    put('empty.html', '');
    const pdf = handMadePdf();
    put('truncated.pdf', pdf.subarray(0, Math.floor(pdf.length * 0.6)));
    put('encrypted.pdf', handMadePdf({ encrypt: true }));
    put('bomb.pdf', handMadePdf({ depth: 8 }));
    // a scan: the page draws an image and has no text
    put('scanned.pdf', handMadePdf({ content: 'q 500 0 0 700 50 50 cm 0.5 g 0 0 1 1 re f Q' }));
    put('not-a-pdf.pdf', '这不是 PDF');
    put('random.doc', randomBytes(200));
    // good
    put('portal.html', await portalPage(sample(3)));
    mkdirSync(join(dir, 'sub'));
    put('sub/submission.zip', await zipOf({ [`报告/${samples[0]}`]: sample(0), [samples[1]]: sample(1), '__MACOSX/._x.docx': 'mac', '~$lock.docx': 'lock' }));
    put(samples[4], sample(4));
    const { db, summary } = await buildInto(dir);
    skipped = summary.filesSkipped;
    w = await openWarehouse(db);
  }, 120_000);
  afterAll(() => w?.close());

  it('gives every bad file exactly one error row with its code and advice in Chinese', async () => {
    const errors = await w.query('select path, code, message from ingest_errors order by path');
    expect(Object.fromEntries(errors.map((e) => [e.path, e.code]))).toEqual(BAD);
    for (const e of errors) expect(String(e.message)).toMatch(/[\u4e00-\u9fff]{4,}/);
    expect(errors.find((e) => e.path === 'escape.zip')?.message).toContain('../');
  });

  it('reads the entries of a zip as files of the folder and skips its lock and resource files', async () => {
    const reports = await w.query('select path, format from reports order by path');
    expect(reports.map((r) => r.path)).toEqual([`nested.zip/${samples[2]}`, 'portal.html', samples[4], `sub/submission.zip/${samples[1]}`, `sub/submission.zip/报告/${samples[0]}`].sort());
    expect(skipped).toBe(2);
  });

  it('loads every gold field of the reports inside zips and of the portal page', async () => {
    const byFile = new Map(gold.map((g) => [basename(g.file, '.txt'), g]));
    for (const [i, fileName] of [[0, samples[0]], [1, samples[1]], [2, samples[2]], [4, samples[4]]] as const) {
      expect(await compareWithGold(w, byFile.get(basename(samples[i], '.docx'))!, fileName), fileName).toEqual([]);
    }
    expect(await compareWithGold(w, byFile.get(basename(samples[3], '.docx'))!, 'portal.html')).toEqual([]);
  });

  it('counts files per format for the 数据质量 page', async () => {
    const { formats } = await quality((sql) => w.query(sql));
    expect(formats).toEqual([
      { format: 'docx', loaded: 4, failed: 1 },
      { format: 'pdf', loaded: 0, failed: 5 },
      { format: 'xlsx', loaded: 0, failed: 4 },
      { format: 'zip', loaded: 0, failed: 4 },
      { format: 'html', loaded: 1, failed: 1 },
      { format: 'doc', loaded: 0, failed: 1 },
    ]);
  });

  it('decodes the GBK page and leaves its furniture out of the report text', async () => {
    const [page] = await w.query(`select r.encoding, t.text from reports r join report_texts t using (report_id) where r.path = 'portal.html'`);
    expect(page.encoding).toBe('gb18030');
    const text = String(page.text);
    for (const furniture of ['索引号', '发布机构', '当前位置', '分享到', '版权所有', '打印本页', '政务公开', 'var nav']) expect(text).not.toContain(furniture);
    expect(text).toContain('绩效');
  });
});
