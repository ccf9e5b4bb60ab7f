import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../pipeline/read/docx.ts';
import { REPO_ROOT, SAMPLES_DIR } from '../helpers/paths.ts';

/**
 * The direct OOXML reader against the reference reader (mammoth): every bundled
 * sample, every file of a generated corpus, the samples re-saved by LibreOffice,
 * and constructed documents with each construct the direct reader handles must
 * give the same Document; constructs it does not handle go to the reference
 * reader and say so.
 */

const SOFFICE_INSTALL = 'apt-get install -y libreoffice-writer-nogui';

async function expectSameDocument(bytes: Uint8Array, label: string, { direct = true } = {}) {
  const fast = await readDocx(bytes, {}, 'ooxml');
  const reference = await readDocx(bytes, {}, 'mammoth');
  expect(fast.blocks, label).toEqual(reference.blocks);
  // the same reading notes: what mammoth warns about, the direct reader notes in the same words
  expect(fast.notes, `${label}: reading notes`).toEqual(reference.notes);
  if (direct) expect(fast.referenceReason, `${label} read by the direct reader`).toBeUndefined();
  return fast;
}

const docxFiles = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.docx'))
    .sort()
    .map((f) => join(dir, f));

describe('direct .docx reader = mammoth on the bundled samples', () => {
  const samples = docxFiles(SAMPLES_DIR);
  it('finds the samples', () => expect(samples.length).toBeGreaterThanOrEqual(5));
  for (const file of samples) it(file.split('/').pop()!, async () => void (await expectSameDocument(readFileSync(file), file)));
});

describe('direct .docx reader = mammoth on a generated corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-differential-'));
  beforeAll(() => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'pipeline/corpus/main.ts'), '--reports', '60', '--out', dir, '--seed', '5', '--anomaly-share', '0.5'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  }, 180_000);
  it('every corpus .docx', async () => {
    const files = docxFiles(dir);
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) await expectSameDocument(readFileSync(file), file);
  });
});

describe('direct .docx reader = mammoth on LibreOffice re-saves of the samples', () => {
  const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
  if (!hasSoffice && process.env.CI === 'true') {
    it('LibreOffice is installed', () => expect.fail(`soffice not found; install it: ${SOFFICE_INSTALL}`));
    return;
  }
  const out = mkdtempSync(join(tmpdir(), 'jixiao-resave-'));
  beforeAll(() => {
    if (!hasSoffice) return;
    mkdirSync(join(out, 'docx'), { recursive: true });
    // its own profile, so that a LibreOffice already running elsewhere does not take the job
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${join(out, 'profile')}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(out, 'docx'), ...docxFiles(SAMPLES_DIR)],
      { encoding: 'utf8', timeout: 240_000 },
    );
    expect(r.status, r.stderr).toBe(0);
  }, 300_000);
  it.skipIf(!hasSoffice)(`every re-saved sample (skipped without LibreOffice: ${SOFFICE_INSTALL})`, async () => {
    const files = docxFiles(join(out, 'docx'));
    expect(files).toHaveLength(docxFiles(SAMPLES_DIR).length);
    for (const file of files) await expectSameDocument(readFileSync(file), file);
  });
});

// ------------------------------------------------------------ constructed documents

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14"';

function docxOf(body: string, extraParts: Record<string, string> = {}, documentRels = ''): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.org/" TargetMode="External"/>' +
        documentRels +
        '</Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`),
  };
  for (const [name, xml] of Object.entries(extraParts)) files[name] = strToU8(xml);
  return zipSync(files);
}

const p = (inner: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${inner}</w:p>`;
const r = (inner: string) => `<w:r>${inner}</w:r>`;
const t = (s: string) => r(`<w:t xml:space="preserve">${s}</w:t>`);
const tc = (inner: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${inner}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;
const textBox = (inner: string) =>
  `<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wps:txbx><w:txbxContent>${p(t('选择分支文字'))}</w:txbxContent></wps:txbx></wp:anchor></w:drawing></mc:Choice>` +
  `<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>`;

const CONSTRUCTS: Record<string, string> = {
  'runs, tabs, breaks and hyphens':
    p(t('项目名称') + r('<w:tab/>') + t('农村道路') + r('<w:br/>') + t('第二行') + r('<w:br w:type="page"/>') + t('分页后') + r('<w:noBreakHyphen/><w:softHyphen/><w:cr/>') + t('尾')),
  'hyperlinks and smart tags': p(`<w:hyperlink r:id="rIdLink">${t('链接文字')}</w:hyperlink><w:smartTag w:element="place">${t('湖南省')}</w:smartTag>${t('结束')}`),
  'complex fields keep their result, not their code':
    p(t('页') + r('<w:fldChar w:fldCharType="begin"/>') + r('<w:instrText> PAGE </w:instrText>') + r('<w:fldChar w:fldCharType="separate"/>') + t('3') + r('<w:fldChar w:fldCharType="end"/>') + t('共')) +
    p(r('<w:fldChar w:fldCharType="begin"/>') + r('<w:instrText> HYPERLINK "http://example.org/" </w:instrText>') + r('<w:fldChar w:fldCharType="separate"/>') + t('链接') + r('<w:fldChar w:fldCharType="end"/>')),
  'content controls and checkboxes':
    `<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent>${p(t('某某镇人民政府'))}</w:sdtContent></w:sdt>` +
    p(`<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr><w:sdtContent>${t('☒')}</w:sdtContent></w:sdt>${t('是')}`),
  'tracked insertions kept, deletions dropped, deleted paragraph marks joined':
    p(`<w:ins w:id="1" w:author="a">${t('新增')}</w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>${t('保留')}`) +
    p(t('上一段'), '<w:rPr><w:del w:id="3" w:author="a"/></w:rPr>') +
    p(t('下一段')) +
    `<w:moveFrom>${r('<w:t>移走</w:t>')}</w:moveFrom>`,
  'text boxes follow their paragraph': p(t('正文前') + r(textBox(p(t('文本框一')) + p(t('文本框二')))) + t('正文后')) + p(t('下一段')),
  'symbols': p(r('<w:sym w:font="Wingdings" w:char="F0FC"/>') + t('完成')),
  'bookmarks and proofing marks': p(`<w:bookmarkStart w:id="0" w:name="_Toc1"/>${t('标题')}<w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellStart"/>${t('文')}<w:proofErr w:type="spellEnd"/>`),
  'gridSpan and vMerge':
    tbl(
      tr(tc(p(t('一级指标')), '<w:vMerge w:val="restart"/>'), tc(p(t('二级指标')), '<w:gridSpan w:val="2"/>'), tc(p(t('分值')))),
      tr(tc(p(''), '<w:vMerge/>'), tc(p(t('数量'))), tc(p(t('质量'))), tc(p(t('10')))),
      tr(tc(p(''), '<w:vMerge w:val="continue"/>'), tc(p(t('时效'))), tc(p(t('成本'))), tc(p(t('20')))),
    ),
  'cell lines, empty lines inside and at the ends': tbl(tr(tc(p('') + p(t('第一行')) + p('') + p(t('第二行')) + p('')), tc(p(t('a') + r('<w:br/>') + t('b'))))),
  'nested tables': tbl(tr(tc(p(t('外层')) + tbl(tr(tc(p(t('内一'))), tc(p(t('内二')))), tr(tc(p(t('内三')), '<w:gridSpan w:val="2"/>'))) + p('')), tc(p(t('右'))))),
  'a bookmark among rows leaves merges unresolved':
    tbl(`<w:bookmarkStart w:id="1" w:name="表1"/>`, tr(tc(p(t('甲')), '<w:vMerge w:val="restart"/>'), tc(p(t('乙')))), tr(tc(p(t('续')), '<w:vMerge/>'), tc(p(t('丙'))))),
  'deleted rows dropped': tbl(tr(tc(p(t('保留行')))), `<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr>${tc(p(t('删除行')))}</w:tr>`),
  'content controls around rows and cells': tbl(`<w:sdt><w:sdtContent>${tr(`<w:sdt><w:sdtContent>${tc(p(t('控件单元格')))}</w:sdtContent></w:sdt>`, tc(p(t('普通'))))}</w:sdtContent></w:sdt>`),
  'first-level list items in a cell':
    tbl(tr(tc(p(t('第一项'), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>') + p(t('第二项'), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')))) +
    p(t('正文列表'), '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'),
  'drawings and unknown elements carry no text': p(r('<w:drawing><wp:inline><wp:docPr id="1" name="图" descr="说明"/></wp:inline></w:drawing>') + '<w:permStart w:id="1"/>' + t('后')),
  'entities and whitespace': p(t('A &amp; B &lt;C&gt; &#x4E00;') + t('  两个空格  ') + r('<w:t>\u3000全角空格</w:t>')),
};

const NUMBERING =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>' +
  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';

describe('direct .docx reader = mammoth on constructed documents', () => {
  for (const [name, body] of Object.entries(CONSTRUCTS)) {
    it(name, async () => {
      const doc = await expectSameDocument(docxOf(body, { 'word/numbering.xml': NUMBERING }), name);
      expect(doc.blocks.length).toBeGreaterThan(0);
    });
  }

  it('reads what the constructs mean (not only what mammoth reads)', async () => {
    const doc = await readDocx(docxOf(Object.values(CONSTRUCTS).join('')), {}, 'ooxml');
    const all = JSON.stringify(doc.blocks);
    for (const kept of ['农村道路', '链接文字', '湖南省', '某某镇人民政府', '新增', '保留', '上一段下一段', '文本框一', '文本框二', '内三', '控件单元格', 'A & B <C> 一'])
      expect(all).toContain(kept);
    for (const dropped of ['删除', 'PAGE', '☒', '选择分支文字', '删除行', '移走']) expect(all).not.toContain(dropped);
    const merged = doc.blocks.find((b) => b.kind === 'table' && b.rows[0][0].text === '一级指标');
    expect(merged?.kind === 'table' && merged.rows.map((row) => row.map((c) => c.continuation ?? c.text))).toEqual([
      ['一级指标', '二级指标', 'left', '分值'],
      ['above', '数量', '质量', '10'],
      ['above', '时效', '成本', '20'],
    ]);
  });
});

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="标题 1"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="HEADING 2"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="ListPara"><w:name w:val="List Paragraph"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="正文 &amp; 表格"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Unnamed"/>' +
  '<w:style w:type="character" w:styleId="Emph"><w:name w:val="Emphasis"/></w:style>' +
  '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>' +
  '<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/></w:style>' +
  '</w:styles>';

/** What mammoth warns about while reading (and the direct reader notes in the same words). */
const NOTED: Record<string, string> = {
  'paragraph styles: mapped, unmapped, undefined, and list paragraphs':
    p(t('正文'), '<w:pStyle w:val="BodyText"/>') +
    p(t('标题'), '<w:pStyle w:val="Heading1"/>') +
    p(t('二级标题'), '<w:pStyle w:val="a3"/>') +
    p(t('列表'), '<w:pStyle w:val="ListPara"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>') +
    p(t('深层列表'), '<w:pStyle w:val="ListPara"/><w:numPr><w:ilvl w:val="6"/><w:numId w:val="1"/></w:numPr>') +
    p(t('未编号列表'), '<w:pStyle w:val="ListPara"/>') +
    p(t('转义名称'), '<w:pStyle w:val="Plain"/>') +
    p(t('无名样式'), '<w:pStyle w:val="Unnamed"/>') +
    p(t('缺失样式'), '<w:pStyle w:val="Missing"/>') +
    p(t('普通'), '<w:pStyle w:val="Normal"/>'),
  'run and table styles': tbl(tr(tc(p(r('<w:rPr><w:rStyle w:val="Emph"/></w:rPr><w:t>强调</w:t>') + r('<w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>加粗</w:t>') + r('<w:rPr><w:rStyle w:val="NoRun"/></w:rPr><w:t>缺</w:t>'))))).replace('<w:tblPr/>', '<w:tblPr><w:tblStyle w:val="NoTable"/></w:tblPr>') +
    tbl(tr(tc(p(t('有样式表'))))).replace('<w:tblPr/>', '<w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr>'),
  'unknown elements in runs, paragraphs, rows and shapes':
    p(r('<w:cr/><w:t>甲</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>') + '<w:permStart w:id="1"/>' + t('乙') + '<w:permEnd w:id="1"/>') +
    tbl(`<w:tr><w:tblPrEx><w:tblW w:w="0"/></w:tblPrEx>${tc(p(t('行')))}</w:tr>`) +
    p(t('图前') + r(`<w:pict><v:shape><v:fill/><o:lock/><v:textbox><w:txbxContent>${p(t('框内'), '<w:pStyle w:val="BodyText"/>')}</w:txbxContent></v:textbox></v:shape></w:pict>`)),
  'breaks, symbols and fields mammoth cannot take':
    p(t('甲') + r('<w:br w:type="odd"/>') + r('<w:sym w:font="Arial" w:char="0041"/>') + t('乙')) +
    p(r('<w:fldChar w:fldCharType="end"/>') + r('<w:fldChar w:fldCharType="separate"/>') + t('丙')),
  'cells next to a bookmark in a row leave merges unresolved': tbl(tr(`<w:bookmarkStart w:id="2" w:name="格"/>`, tc(p(t('甲')))), tr(tc(p(t('乙'))))),
  'nothing of a deleted row is read': tbl(tr(tc(p(t('保留行')))), `<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr>${tc(p('<w:permStart w:id="3"/>' + t('删除行'), '<w:pStyle w:val="Missing2"/>'))}</w:tr>`),
  'a deleted paragraph mark: its runs read with the next paragraph':
    p(r('<w:rPr><w:rStyle w:val="Emph"/></w:rPr><w:t>上</w:t>'), '<w:pStyle w:val="BodyText"/><w:rPr><w:del w:id="3" w:author="a"/></w:rPr>') + p(t('下'), '<w:pStyle w:val="Plain"/>'),
};

describe('reading notes: the direct reader notes what mammoth warns about, in its words', () => {
  const parts = { 'word/numbering.xml': NUMBERING, 'word/styles.xml': STYLES };
  for (const [name, body] of Object.entries(NOTED)) {
    it(name, async () => {
      const doc = await expectSameDocument(docxOf(body, parts), name);
      if (name.startsWith('nothing of a deleted row')) expect(doc.notes).toBeUndefined();
      else expect(doc.notes?.[0], name).toMatch(/^读取提示 \d+ 条：/);
    });
  }

  it('every construct at once: the same count, the same first five in the same order', async () => {
    const doc = await expectSameDocument(docxOf(Object.values(NOTED).join('') + Object.values(CONSTRUCTS).join(''), parts), 'all');
    expect(doc.notes?.[0]).toMatch(/^读取提示 (\d+) 条：.*；…$/);
    expect(Number(/^读取提示 (\d+)/.exec(doc.notes![0])![1])).toBeGreaterThan(10);
  });

  it('says what each note is about', async () => {
    const notes = async (body: string) => (await readDocx(docxOf(body, parts), {}, 'ooxml')).notes ?? [];
    expect(await notes(NOTED['paragraph styles: mapped, unmapped, undefined, and list paragraphs'])).toEqual([
      // six distinct (the undefined style is also unmapped), the first five shown: a list level 7 and a
      // list style without numbering are unmapped, a level-1 list paragraph and the headings are not
      "读取提示 6 条：Paragraph style with ID Missing was referenced but not defined in the document；Unrecognised paragraph style: 'Body Text' (Style ID: BodyText)；" +
        "Unrecognised paragraph style: 'List Paragraph' (Style ID: ListPara)；Unrecognised paragraph style: '正文 & 表格' (Style ID: Plain)；Unrecognised paragraph style: 'null' (Style ID: Unnamed)；…",
    ]);
    expect(await notes(p(t('无提示'), '<w:pStyle w:val="Heading1"/>') + p(t('正文')))).toEqual([]);
    // images are never read by either reader: no note about them
    expect(await notes(p(r('<w:pict><v:shape><v:imagedata o:title="图"/></v:shape></w:pict>') + t('后')))).toEqual([]);
  });
});

describe('constructs the direct reader leaves to the reference reader', () => {
  const cases: Record<string, [string, Record<string, string>?, string?]> = {
    altChunk: [p(t('前')) + '<w:altChunk r:id="rIdChunk"/>', {}, '<Relationship Id="rIdChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.html"/>'],
    embedded_object: [p(r('<w:object><v:shape><v:imagedata/></v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12"/></w:object>') + t('表'))],
    note_reference: [
      p(t('脚注') + r('<w:footnoteReference w:id="1"/>')),
      {
        'word/footnotes.xml':
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
          '<w:footnote w:id="1"><w:p><w:r><w:t>资料来源：统计年鉴</w:t></w:r></w:p></w:footnote></w:footnotes>',
      },
      '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>',
    ],
    nested_list_in_cell: [tbl(tr(tc(p(t('父项'), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>') + p(t('子项'), '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>')))), { 'word/numbering.xml': NUMBERING }],
    namespace_prefix: ['<w:p><w:r><w:t xmlns:w="urn:other">改绑</w:t></w:r></w:p>'],
  };
  for (const [reason, [body, parts, rels]] of Object.entries(cases)) {
    it(`${reason}: read by mammoth and counted`, async () => {
      const bytes = docxOf(body, parts, rels);
      const fast = await readDocx(bytes, {}, 'ooxml');
      expect(fast.referenceReason).toBe(reason === 'namespace_prefix' ? 'namespace_prefix' : reason);
      expect(fast.docxReader).toBe('mammoth');
      expect(fast.blocks).toEqual((await readDocx(bytes, {}, 'mammoth')).blocks);
    });
  }

  it('keeps the result of a simple field, which mammoth drops (the one deliberate difference)', async () => {
    const bytes = docxOf(p(t('单位：') + `<w:fldSimple w:instr=" DOCPROPERTY Company "><w:r><w:t>某某局</w:t></w:r></w:fldSimple>`));
    expect((await readDocx(bytes, {}, 'ooxml')).blocks).toEqual([{ kind: 'paragraph', text: '单位：某某局' }]);
    expect((await readDocx(bytes, {}, 'mammoth')).blocks).toEqual([{ kind: 'paragraph', text: '单位：' }]);
  });

  it('a zip the fast inflater refuses is judged by the reference reader (corrupt stays corrupt)', async () => {
    const bytes = docxOf(p(t('正文')));
    const truncated = bytes.slice(0, bytes.length - 30);
    await expect(readDocx(truncated, {}, 'ooxml')).rejects.toMatchObject({ code: 'corrupt_docx' });
  });

  it('refuses a declared size above the limit before inflating anything', async () => {
    await expect(readDocx(docxOf(p(t('正文'))), { maxUncompressedBytes: 100 }, 'ooxml')).rejects.toMatchObject({ code: 'zip_bomb' });
  });

  it('holds the direct reader to the same caps as the reference reader', async () => {
    const table = docxOf(tbl(tr(tc(p(t('一'))), tc(p(t('二')))), tr(tc(p(t('三'))), tc(p(t('四'))))));
    for (const reader of ['ooxml', 'mammoth'] as const) {
      await expect(readDocx(table, { maxTableRows: 1 }, reader)).rejects.toMatchObject({ code: 'docx_too_complex' });
      await expect(readDocx(table, { maxTableCells: 3 }, reader)).rejects.toMatchObject({ code: 'docx_too_complex' });
      await expect(readDocx(table, { maxDocumentXmlBytes: 200 }, reader)).rejects.toMatchObject({ code: 'document_too_large' });
      const workbook = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
      await expect(readDocx(workbook, {}, reader)).rejects.toMatchObject({ code: 'wrong_extension' });
    }
  });

  it('requires the samples folder to exist', () => expect(existsSync(SAMPLES_DIR)).toBe(true));
});
