import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CFB from 'cfb';
import { Document as DocxDocument, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../pipeline/config.ts';
import { openWarehouse, type Warehouse } from '../../pipeline/load/query.ts';
import { buildInChild, buildInto } from '../helpers/build.ts';
import { docxWithAltChunk, docxWithBody, longTableXml, nestedTablesXml, repeatedParagraphs, workbookZip } from '../helpers/hostile.ts';
import { REPO_ROOT, SAMPLES_DIR, SEEDS_DIR } from '../helpers/paths.ts';

/**
 * A folder filled the way dozens of offices fill it: every bad file becomes
 * exactly one ingest_errors row with its code, every unusual but valid file
 * loads, and the good files beside them all load.
 */

const seed = (prefix: string) => readFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix))!), 'utf8');
const sample = (prefix: string) => readFileSync(join(SAMPLES_DIR, readdirSync(SAMPLES_DIR).find((f) => f.startsWith(prefix))!));

/** A zip whose central directory declares ~4 GB for a small entry: a zip bomb as it looks before inflating. */
async function zipBomb(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('word/document.xml', '<w:document/>');
  zip.file('word/media/image1.bin', Buffer.alloc(64 * 1024));
  const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  for (let i = 0; i < bytes.length - 4; i++) {
    const sig = bytes.readUInt32LE(i);
    if (sig === 0x04034b50) bytes.writeUInt32LE(0xfffffff0, i + 22);
    if (sig === 0x02014b50) bytes.writeUInt32LE(0xfffffff0, i + 24);
  }
  return bytes;
}

/** A password-protected .docx as Word writes it: an OLE compound file with the encrypted package inside. */
function encryptedDocx(): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/EncryptionInfo', randomBytes(256));
  CFB.utils.cfb_add(container, '/EncryptedPackage', randomBytes(4096));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

async function proseDocx(): Promise<Buffer> {
  const lines = seed('001').split('\n').map((l) => l.replace(/\t/g, ' ').trim()).filter(Boolean);
  const doc = new DocxDocument({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
  return Packer.toBuffer(doc);
}

const BAD: Record<string, string> = {
  'empty.docx': 'empty_file',
  'truncated.docx': 'corrupt_docx',
  'not-zip.docx': 'not_a_docx',
  'encrypted.docx': 'encrypted_docx',
  'bomb.docx': 'zip_bomb',
  'huge.txt': 'file_too_large',
  'notice.txt': 'not_a_report',
  'garbage.txt': 'undecodable_text',
  'old.doc': 'not_an_office_file',
  'wps.wps': 'not_an_office_file',
  'scan.pdf': 'not_a_pdf',
  'sheet.xls': 'not_an_office_file',
  'pipe.docx': 'not_a_file',
  'folder.docx': 'not_a_file',
  'dangling.docx': 'dangling_symlink',
  'loop.docx': 'symlink_loop',
  'root-link': 'symlink_outside_input',
};

describe('a folder of bad and unusual files', () => {
  let w: Warehouse;
  let skipped = 0;
  const gbkName = iconv.encode('郑家驿镇报告', 'gbk');

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-bad-'));
    const put = (name: string, bytes: string | Buffer) => writeFileSync(join(dir, name), bytes);
    // bad
    put('empty.docx', '');
    const good = sample('000');
    put('truncated.docx', good.subarray(0, Math.floor(good.length / 2)));
    put('not-zip.docx', '这不是一个 Word 文件');
    put('encrypted.docx', encryptedDocx());
    put('bomb.docx', await zipBomb());
    put('huge.txt', seed('000').repeat(40));
    put('notice.txt', '会议通知\n请各科室负责人于本周五下午三点到三楼会议室参加安全生产工作会议。\n办公室\n');
    put('garbage.txt', randomBytes(5000));
    for (const name of ['old.doc', 'wps.wps', 'scan.pdf', 'sheet.xls']) put(name, randomBytes(100));
    execFileSync('mkfifo', [join(dir, 'pipe.docx')]);
    mkdirSync(join(dir, 'folder.docx'));
    symlinkSync(join(dir, 'missing.docx'), join(dir, 'dangling.docx'));
    symlinkSync(join(dir, 'loop.docx'), join(dir, 'loop.docx'));
    // a link to / once walked the whole machine
    symlinkSync('/', join(dir, 'root-link'));
    // names valid in neither UTF-8 nor GB18030 once decoded to the same path and report id
    for (const byte of [0xff, 0xfe]) writeFileSync(Buffer.concat([Buffer.from(dir + '/'), Buffer.from([byte]), Buffer.from('.txt')]), seed('001'));
    // unusual but valid
    put('gbk.txt', iconv.encode(seed('002'), 'gbk'));
    put('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed('001'), 'utf16le')]));
    put('prose.docx', await proseDocx());
    put('hostile.txt', seed('004').replaceAll('中共株洲市渌口区委办公室', '中共株洲市渌口区委<script>alert(1)</script>办公室'));
    writeFileSync(Buffer.concat([Buffer.from(dir + '/'), gbkName, Buffer.from('.txt')]), seed('003'));
    put('000-first.docx', good);
    copyFileSync(join(dir, '000-first.docx'), join(dir, '000-copy.docx'));
    // the same file time for both, so the later file name decides
    for (const name of ['000-first.docx', '000-copy.docx']) utimesSync(join(dir, name), new Date('2022-03-01'), new Date('2022-03-01'));
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    put('sub/deeper/004.docx', sample('004'));
    // skipped
    put('~$000-first.docx', 'lock');
    put('.hidden.txt', seed('000'));
    const { db, summary } = await buildInto(dir, { limits: { maxFileBytes: 200 * 1024 } });
    skipped = summary.filesSkipped;
    w = await openWarehouse(db);
  }, 120_000);
  afterAll(() => w?.close());

  it('gives every bad file exactly one error row with its code and advice', async () => {
    const errors = await w.query('select path, code, message from ingest_errors order by path');
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.code]));
    expect(byPath).toEqual(BAD);
    for (const e of errors) expect(String(e.message)).toMatch(/[\u4e00-\u9fff]{4,}/);
    expect(errors.find((e) => e.path === 'encrypted.docx')?.message).toContain('加密');
    expect(errors.find((e) => e.path === 'old.doc')?.message).toContain('.docx');
  });

  it('loads the unusual files as reports', async () => {
    const reports = await w.query('select path, unit, fiscal_year, encoding, superseded_by from reports order by path');
    const byPath = Object.fromEntries(reports.map((r) => [r.path, r]));
    expect(byPath['gbk.txt']).toMatchObject({ unit: '株洲市芦淞区白关镇人民政府', fiscal_year: 2023 });
    expect(String(byPath['gbk.txt'].encoding)).toMatch(/gb/);
    expect(byPath['utf16.txt']).toMatchObject({ unit: '天城镇人民政府', encoding: 'utf-16le' });
    expect(byPath['prose.docx']).toMatchObject({ unit: '天城镇人民政府', fiscal_year: 2021 });
    expect(String(byPath['hostile.txt'].unit)).toContain('<script>');
    expect(byPath['郑家驿镇报告.txt']).toMatchObject({ unit: '桃源县郑家驿镇人民政府' });
    expect(byPath['sub/deeper/004.docx']).toMatchObject({ unit: '中共株洲市渌口区委办公室' });
  });

  it('keeps two undecodable file names apart', async () => {
    const rows = await w.query(`select path, report_id from reports where path like '%.txt' and path like '\\x%' order by path`);
    expect(rows.map((r) => r.path)).toEqual(['\\xFE.txt', '\\xFF.txt']);
    expect(new Set(rows.map((r) => r.report_id)).size).toBe(2);
  });

  it('keeps one of two identical copies current and the other superseded', async () => {
    const copies = await w.query(`select path, report_id, superseded_by from reports where path like '000-%' order by path`);
    expect(copies).toHaveLength(2);
    const [copy, first] = copies;
    // ties on date and file time go to the later file name
    expect(first.superseded_by).toBeNull();
    expect(copy.superseded_by).toBe(first.report_id);
  });

  it('skips and counts lock files and hidden files', () => {
    expect(skipped).toBe(2);
  });

  it('runs the models over the lot', async () => {
    const [{ n }] = await w.query(`select count(*) as n from anomalies where report_id in (select report_id from reports where path = 'hostile.txt')`);
    expect(Number(n)).toBeGreaterThan(0);
  });
});

/**
 * Files that used to end the whole run: a small .docx inflating to 420 MB, one that needs more
 * heap than a worker may take, 200,000 table rows, tables nested 2,000 deep, a workbook renamed to
 * .docx and a 10 MB .txt of one whitespace run. Each is one error row (or, for the .txt, a report);
 * the good files beside them land, and the process stays well under 1 GiB.
 */
describe('files built to exhaust memory, stack or time', () => {
  const MB = 1024 * 1024;
  let w: Warehouse;
  let result: ReturnType<typeof buildInChild>;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-hostile-'));
    const dir = join(root, 'in');
    mkdirSync(dir);
    const put = (name: string, bytes: string | Buffer) => writeFileSync(join(dir, name), bytes);
    const base = sample('000');
    const inflating = await docxWithBody(base, repeatedParagraphs('重复的段落文字', 420 * MB));
    expect(inflating.length).toBeLessThan(2 * MB);
    put('inflating.docx', inflating);
    put('heavy.docx', await docxWithBody(base, repeatedParagraphs('需要大量内存的段落', 6 * MB)));
    put('rows.docx', await docxWithBody(base, longTableXml(200_000)));
    put('deep.docx', await docxWithBody(base, nestedTablesXml(2000)));
    put('sheet.docx', workbookZip());
    put('spaces.txt', seed('002') + '\n说明' + ' '.repeat(10 * MB) + '完\n');
    put('001.docx', sample('001'));
    put('003.txt', seed('003'));
    const db = join(root, 'warehouse.duckdb');
    // the reference reader (mammoth) needs far more heap than the direct one: it is the heavy reader here
    result = buildInChild(dir, db, { docxReader: 'mammoth', limits: { maxDocumentXmlBytes: 32 * MB, maxMegabytesPerFile: 160, maxSecondsPerFile: 50 } });
    w = await openWarehouse(db);
  }, 600_000);
  afterAll(() => w?.close());

  it('gives each one its own error row and loads the rest', async () => {
    expect(result.summary.status, result.summary.message).toBe('ok');
    const errors = await w.query('select path, code, message from ingest_errors order by path');
    expect(Object.fromEntries(errors.map((e) => [e.path, e.code]))).toEqual({
      'deep.docx': 'docx_too_complex',
      'heavy.docx': 'out_of_memory',
      'inflating.docx': 'document_too_large',
      'rows.docx': 'docx_too_complex',
      'sheet.docx': 'wrong_extension',
    });
    for (const e of errors) expect(String(e.message)).toMatch(/[\u4e00-\u9fff]{4,}/);
    expect(errors.find((e) => e.path === 'sheet.docx')?.message).toContain('Excel');
    const loaded = await w.query('select path from reports order by path');
    expect(loaded.map((r) => r.path)).toEqual(['001.docx', '003.txt', 'spaces.txt']);
  });

  it('stays under 1 GiB for the whole process, worker threads included', () => {
    expect(result.maxRssMb).toBeLessThan(1024);
  });
});

describe('a small folder reads under the same limits', () => {
  it('stops a slow file at the time limit and loads the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-slow-'));
    writeFileSync(join(dir, 'slow.docx'), await docxWithBody(sample('000'), repeatedParagraphs('很慢的段落', 8 * 1024 * 1024)));
    writeFileSync(join(dir, '001.docx'), sample('001'));
    // the reference reader takes tens of seconds over 8 MB of XML
    const { db } = await buildInto(dir, { docxReader: 'mammoth', limits: { maxDocumentXmlBytes: 32 * 1024 * 1024, maxSecondsPerFile: 5 } });
    const small = await openWarehouse(db);
    try {
      expect(await small.query('select path, code from ingest_errors')).toEqual([{ path: 'slow.docx', code: 'timeout' }]);
      expect(await small.query('select path from reports')).toEqual([{ path: '001.docx' }]);
    } finally {
      small.close();
    }
  }, 120_000);
});

describe('a folder that cannot be read', () => {
  it('is one error row and the files beside it are listed', () => {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-eacces-'));
    chmodSync(root, 0o755);
    mkdirSync(join(root, 'locked'));
    writeFileSync(join(root, 'locked', 'inside.txt'), seed('001'));
    mkdirSync(join(root, 'open'));
    writeFileSync(join(root, 'open', '002.txt'), seed('002'));
    writeFileSync(join(root, '003.txt'), seed('003'));
    chmodSync(join(root, 'locked'), 0o000);
    // root reads every folder: list without the capabilities that override permissions then (a
    // change of user would also lose access to a checkout in a private folder such as mktemp's)
    const asRoot = process.getuid?.() === 0;
    const dropCaps = ['--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search'];
    const command = asRoot ? 'setpriv' : process.execPath;
    const args = [...(asRoot ? [...dropCaps, process.execPath] : []), '--import', 'tsx', join(REPO_ROOT, 'tests', 'helpers', 'list-child.ts'), root];
    const r = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.json') } });
    chmodSync(join(root, 'locked'), 0o755);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { relPath: '003.txt', code: null },
      { relPath: 'locked', code: 'unreadable_folder' },
      { relPath: 'open/002.txt', code: null },
    ]);
  });
});

describe('one large ordinary report', () => {
  it('builds with 10,000 appended lines under 1 GiB and within the per-file time limit', async () => {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-long-'));
    const dir = join(root, 'in');
    mkdirSync(dir);
    const lines = Array.from({ length: 10_000 }, (_, i) => `第${i + 1}项：本单位按照年度工作计划推进各项重点任务，严格执行预算管理制度，资金使用规范，第${i + 1}项工作已按期完成并通过验收，相关材料已归档备查，并在年终考核中接受了主管部门的检查。`);
    const long = seed('000') + '\n' + lines.join('\n') + '\n';
    expect(Buffer.byteLength(long)).toBeGreaterThan(2_500_000);
    writeFileSync(join(dir, 'long.txt'), long);
    // another unit repeats a thousand of the lines: the passages are shared and grouped
    writeFileSync(join(dir, 'copy.txt'), seed('001') + '\n' + lines.slice(0, 1000).join('\n') + '\n');
    for (const p of ['002', '003', '004']) writeFileSync(join(dir, `${p}.txt`), seed(p));
    const { summary, maxRssMb } = buildInChild(dir, join(root, 'warehouse.duckdb'));
    expect(summary.status, summary.message).toBe('ok');
    expect(summary.filesLoaded).toBe(5);
    expect(maxRssMb).toBeLessThan(1024);
    expect(summary.seconds).toBeLessThan(configSchema.parse({}).limits.maxSecondsPerFile);
  }, 300_000);
});

describe('text a reader cannot take', () => {
  it('counts content pasted as altChunk and says so in read_notes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'jixiao-altchunk-')), 'in');
    mkdirSync(dir);
    const pasted = '本部分为嵌入的问题与整改措施说明：资金拨付进度偏慢，部分项目绩效目标设置不够细化，下一步将加强预算执行监控。'.repeat(12);
    writeFileSync(join(dir, 'altchunk.docx'), await docxWithAltChunk(sample('000'), `<html><body><p>${pasted}</p><p>附：整改清单</p></body></html>`));
    const { db } = await buildInto(dir);
    const w = await openWarehouse(db);
    try {
      const [row] = await w.query('select read_notes, reader_reason from reports');
      const chars = (pasted + '附：整改清单').replace(/\s+/g, '').length;
      expect(String(row.read_notes)).toContain(`altChunk 嵌入内容 1 处（约 ${chars} 字）未读取`);
      expect(row.reader_reason).toBe('altChunk');
    } finally {
      w.close();
    }
  }, 120_000);
});

describe('bytes that are no text inside a unit name', () => {
  it('are dropped, so the copies are one unit and the resubmission rule applies', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'jixiao-stray-')), 'in');
    mkdirSync(dir);
    const unit = '天城镇人民政府';
    const txt = seed('001');
    expect(txt).toContain(unit);
    writeFileSync(join(dir, 'a-clean.txt'), txt);
    writeFileSync(join(dir, 'b-nul.txt'), txt.replaceAll(unit, '天城镇\0\0人民政府'));
    // invalid UTF-8 inside the name in word/document.xml
    const zip = await JSZip.loadAsync(sample('001'));
    const xml = await zip.file('word/document.xml')!.async('nodebuffer');
    const name = Buffer.from('天城镇');
    const at = xml.indexOf(name);
    expect(at).toBeGreaterThan(0);
    const broken = Buffer.concat([xml.subarray(0, at + name.length), Buffer.from([0xff]), xml.subarray(at + name.length)]);
    zip.file('word/document.xml', broken);
    writeFileSync(join(dir, 'c-bad-utf8.docx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const { db } = await buildInto(dir);
    const w = await openWarehouse(db);
    try {
      const rows = await w.query('select path, unit, unit_key, superseded_by, read_notes from reports order by path');
      expect(rows.map((r) => r.path)).toEqual(['a-clean.txt', 'b-nul.txt', 'c-bad-utf8.docx']);
      for (const r of rows) expect(r.unit, String(r.path)).toBe(unit);
      expect(new Set(rows.map((r) => r.unit_key)).size).toBe(1);
      expect(rows.filter((r) => r.superseded_by === null)).toHaveLength(1);
      expect(String(rows[1].read_notes)).toContain('无法识别的字符');
    } finally {
      w.close();
    }
  }, 120_000);
});
