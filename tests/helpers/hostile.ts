import { crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

/**
 * Hostile files made inside the tests: a zip written by hand (so a part can be deflated from
 * hundreds of MB with native zlib in a second), and .docx files built around one sample's parts.
 */

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A zip with every entry deflated; sizes and CRCs are true (nothing lies: the content is the attack). */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a real .docx, with word/document.xml's body given extra XML before its own content. */
export async function docxWithBody(sample: Buffer, extraBody: Buffer | string, options: { replace?: boolean } = {}): Promise<Buffer> {
  const zip = await JSZip.loadAsync(sample);
  const entries: ZipEntry[] = [];
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    let data = await file.async('nodebuffer');
    if (name === 'word/document.xml') {
      const xml = data.toString('utf8');
      const at = xml.indexOf('<w:body>') + '<w:body>'.length;
      const end = options.replace ? xml.lastIndexOf('<w:sectPr') : at;
      data = Buffer.concat([Buffer.from(xml.slice(0, at)), Buffer.isBuffer(extraBody) ? extraBody : Buffer.from(extraBody), Buffer.from(xml.slice(end))]);
    }
    entries.push({ name, data });
  }
  return writeZip(entries);
}

export const paragraphXml = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** `count` copies of one paragraph, as one buffer (fast for hundreds of MB). */
export function repeatedParagraphs(text: string, bytes: number): Buffer {
  const one = Buffer.from(paragraphXml(text));
  return Buffer.alloc(Math.floor(bytes / one.length) * one.length, one);
}

/** A table of `rows` one-cell rows. */
export function longTableXml(rows: number): Buffer {
  const row = Buffer.from(`<w:tr><w:tc>${paragraphXml('行')}</w:tc></w:tr>`);
  return Buffer.concat([Buffer.from('<w:tbl>'), Buffer.alloc(rows * row.length, row), Buffer.from('</w:tbl>')]);
}

/** Tables inside tables, `depth` deep. */
export function nestedTablesXml(depth: number): string {
  return '<w:tbl><w:tr><w:tc>'.repeat(depth) + paragraphXml('最里层') + '</w:tc></w:tr></w:tbl>'.repeat(depth);
}

/** A minimal Excel workbook's parts, zipped: what a renamed .xlsx looks like inside. */
export function workbookZip(): Buffer {
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>') },
  ]);
}

/** A .docx whose body ends with an altChunk: an HTML part pasted in, which Word shows and readers skip. */
export async function docxWithAltChunk(sample: Buffer, html: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(sample);
  const entries: ZipEntry[] = [];
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    let text = await file.async('nodebuffer');
    if (name === 'word/document.xml') {
      const xml = text.toString('utf8');
      const at = xml.lastIndexOf('<w:sectPr');
      text = Buffer.from(xml.slice(0, at) + '<w:altChunk r:id="rIdAltChunk1"/>' + xml.slice(at));
    } else if (name === 'word/_rels/document.xml.rels') {
      text = Buffer.from(
        text.toString('utf8').replace('</Relationships>', '<Relationship Id="rIdAltChunk1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk.htm"/></Relationships>'),
      );
    } else if (name === '[Content_Types].xml') {
      text = Buffer.from(text.toString('utf8').replace('<Default ', '<Default Extension="htm" ContentType="text/html"/><Default '));
    }
    entries.push({ name, data: text });
  }
  entries.push({ name: 'word/afchunk.htm', data: Buffer.from(html) });
  return writeZip(entries);
}
