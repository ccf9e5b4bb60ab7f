import { inflateSync } from 'fflate';
import { inflateRawSync } from 'node:zlib';

/**
 * The parts of a .docx's zip for the direct reader: `unzipSync` of fflate, read the same way (the
 * same search for the end record, entry count, zip64 fields, names and local header offsets: the
 * same zips accepted, the same entries seen, the same bytes found), but each wanted part inflated by
 * Node's zlib, which takes about a third of fflate's time; fflate's `unzipSync` cannot be given
 * another inflate, and does not say where an entry's data starts.
 *
 * Not yauzl (which lists submitted zips, zip.ts): it refuses zips fflate reads (bytes after the end
 * record, a directory entry without its signature, a disk number, the strong-encryption flag) and
 * reads zip64 sizes fflate does not, so a damaged .docx would go from one reader to the other; and
 * it reads a buffer through one `setImmediate` per read, more than twice this reader's CPU.
 */

/** An entry as the central directory declares it (fflate's `UnzipFileInfo`). */
export interface DocxZipEntry {
  name: string;
  /** compressed size */
  size: number;
  /** uncompressed size */
  originalSize: number;
  /** compression method: 0 stored, 8 deflate */
  compression: number;
}

// fflate's readers of little-endian numbers: a byte past the end reads as 0
const b2 = (d: Uint8Array, b: number) => d[b] | (d[b + 1] << 8);
const b4 = (d: Uint8Array, b: number) => (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0;
const b8 = (d: Uint8Array, b: number) => b4(d, b) + b4(d, b + 4) * 4294967296;

const invalid = () => new Error('invalid zip data');
const utf8 = new TextDecoder();

/** An entry name: UTF-8 when its flag (bit 11) says so, else one character per byte (as fflate decodes it). */
function entryName(d: Uint8Array, start: number, end: number, isUtf8: boolean): string {
  const raw = d.subarray(start, end);
  return isUtf8 ? utf8.decode(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('latin1');
}

/** Sizes and offset from the zip64 extra field when the record says they are there (fflate's `z64hs`). */
function zip64Fields(d: Uint8Array, at: number, length: number, zip64: boolean, size: number, originalSize: number, offset: number): [number, number, number] {
  const nsc = size === 4294967295 ? 1 : 0;
  const nsu = originalSize === 4294967295 ? 1 : 0;
  const noff = offset === 4294967295 ? 1 : 0;
  if (zip64 && nsc + nsu + noff) {
    const end = at + length;
    for (let b = at; b + 4 < end; b += 4 + b2(d, b + 2)) {
      if (b2(d, b) === 1) {
        return [nsc ? b8(d, b + 4 + 8 * nsu) : size, nsu ? b8(d, b + 4) : originalSize, noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : offset];
      }
    }
    throw invalid();
  }
  return [size, originalSize, offset];
}

/**
 * A deflated part. zlib first; a part zlib refuses (damaged data, an empty stream) or that inflates
 * past its declared size goes to fflate's inflate into a buffer of the declared size, exactly as
 * `unzipSync` inflated it: the same cut part or the same error as before. A stream both accept
 * inflates to the same bytes.
 */
function inflatePart(compressed: Uint8Array, declared: number): Uint8Array {
  if (compressed.length > 0 && declared > 0) {
    try {
      // one output chunk for the whole part (no concatenation), bounded for a part that declares much
      return inflateRawSync(compressed, { maxOutputLength: declared, chunkSize: Math.min(Math.max(declared + 1, 64), 1 << 22) });
    } catch {
      // fflate below decides
    }
  }
  return inflateSync(compressed, { out: new Uint8Array(declared) });
}

/**
 * The entries `wanted` accepts, by name, inflated in the central directory's order (a later entry of
 * the same name replaces an earlier one); `wanted` sees every entry first and may throw to stop.
 */
export function unzipParts(data: Uint8Array, wanted: (entry: DocxZipEntry) => boolean): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let e = data.length - 22;
  for (; b4(data, e) !== 0x6054b50; --e) {
    if (!e || data.length - e > 65558) throw invalid();
  }
  let count = b2(data, e + 8);
  if (!count) return files;
  let o = b4(data, e + 16);
  let zip64 = b4(data, e - 20) === 0x7064b50;
  if (zip64) {
    const ze = b4(data, e - 12);
    zip64 = b4(data, ze) === 0x6064b50;
    if (zip64) {
      count = b4(data, ze + 32);
      o = b4(data, ze + 48);
    }
  }
  for (let i = 0; i < count; ++i) {
    const nameLength = b2(data, o + 28);
    const extraLength = b2(data, o + 30);
    const name = entryName(data, o + 46, o + 46 + nameLength, (b2(data, o + 8) & 2048) !== 0);
    const extraStart = o + 46 + nameLength;
    const [size, originalSize, offset] = zip64Fields(data, extraStart, extraLength, zip64, b4(data, o + 20), b4(data, o + 24), b4(data, o + 42));
    const compression = b2(data, o + 10);
    o = extraStart + extraLength + b2(data, o + 32);
    if (!wanted({ name, size, originalSize, compression })) continue;
    const start = offset + 30 + b2(data, offset + 26) + b2(data, offset + 28);
    const stored = data.subarray(start, start + size);
    if (compression === 0) files.set(name, stored);
    else if (compression === 8) files.set(name, inflatePart(stored, originalSize));
    else throw new Error(`unknown compression type ${compression}`);
  }
  return files;
}
