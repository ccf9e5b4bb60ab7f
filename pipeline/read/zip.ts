import { closeSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import type yauzl from 'yauzl';
import { ReadError } from './errors.ts';
import { sizeText } from './ooxml-package.ts';

/**
 * A unit's submission packed as a .zip: its entries are read as files of the
 * folder (path `a.zip/b.docx`). The central directory is read when the folder is
 * listed (nothing is inflated then); each entry is inflated when its turn comes,
 * from its own offset, with its output bounded. A zip is refused whole when an
 * entry would escape the folder, when it declares more than the size limit, or
 * when it has more entries than a submission has; a zip inside a zip is not opened.
 */

interface ZipLimits {
  maxEntries: number;
  /** sum of the declared uncompressed sizes */
  maxUncompressedBytes: number;
}

const ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxUncompressedBytes: 500 * 1024 * 1024 };

/** Where one entry's bytes are in its zip, as the central directory says. */
export interface ZipEntryRef {
  name: string;
  offset: number;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  crc32: number;
}

interface ZipListing {
  entries: { name: string; entry?: ZipEntryRef; problem?: { code: string; message: string } }[];
  skipped: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/** Entry names: UTF-8 when flagged or valid, else GB18030 (Chinese Windows zips record names in the local code page). */
function entryName(raw: Buffer): string {
  try {
    return utf8.decode(raw);
  } catch {
    return gb18030.decode(raw);
  }
}

/** A name that would land outside the folder it is unpacked into. */
function escapesFolder(name: string): boolean {
  const path = name.replace(/\\/g, '/');
  return path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').some((part) => part === '..');
}

const isSkipped = (name: string) => name.split('/').some((part) => part.startsWith('.') || part.startsWith('~$') || part === '__MACOSX');

/** The entries of a zip on disk, or one problem for the whole zip. */
export async function listZip(fsPath: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ZipListing | { problem: { code: string; message: string } }> {
  let fd: number;
  try {
    fd = openSync(fsPath, 'r');
  } catch (err) {
    return { problem: { code: 'unreadable', message: `无法打开压缩包（${(err as NodeJS.ErrnoException).code ?? '未知错误'}）` } };
  }
  // yauzl owns the descriptor from here and closes it with the zip
  let zip: yauzl.ZipFile;
  try {
    // loaded for the first .zip listed: most folders hold none, and readZipEntry does not use it
    const { default: yauzlLib } = await import('yauzl');
    zip = await yauzlLib.fromFdPromise(fd, { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch {
    try {
      closeSync(fd);
    } catch {
      // already closed by yauzl
    }
    return { problem: { code: 'corrupt_zip', message: '压缩包已损坏，无法打开（可能未完整上传），请重新压缩后提交' } };
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      return { problem: { code: 'zip_too_many_entries', message: `压缩包内有 ${zip.entryCount} 个文件，超过 ${limits.maxEntries} 个上限；请分开提交` } };
    }
    const listing: ZipListing = { entries: [], skipped: 0 };
    let declared = 0;
    const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
      const all: yauzl.Entry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        all.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve(all));
      zip.on('error', reject);
      zip.readEntry();
    }).catch(() => null);
    if (!entries) return { problem: { code: 'corrupt_zip', message: '压缩包目录已损坏，无法读取，请重新压缩后提交' } };
    for (const e of entries) {
      const name = entryName(e.fileName as unknown as Buffer);
      if (escapesFolder(name)) {
        return { problem: { code: 'zip_unsafe_path', message: `压缩包内的路径“${name}”指向压缩包之外（含 ../ 或绝对路径），整个压缩包未读取；请重新压缩后提交` } };
      }
      declared += e.uncompressedSize;
      if (name.endsWith('/')) continue;
      if (isSkipped(name)) {
        listing.skipped++;
        continue;
      }
      if (/\.zip$/i.test(name)) {
        listing.entries.push({ name, problem: { code: 'zip_nested', message: '压缩包内又有压缩包，只读取一层；请解压后直接提交其中的文件' } });
        continue;
      }
      if (e.generalPurposeBitFlag & 1) {
        listing.entries.push({ name, problem: { code: 'encrypted_zip', message: '压缩包内的文件已加密（设置了解压密码），请不加密重新压缩后提交' } });
        continue;
      }
      listing.entries.push({
        name,
        entry: { name, offset: e.relativeOffsetOfLocalHeader, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, method: e.compressionMethod, crc32: e.crc32 },
      });
    }
    if (declared > limits.maxUncompressedBytes) {
      return { problem: { code: 'zip_bomb', message: `压缩包解压后体积异常（声明 ${sizeText(declared)}，超过 ${sizeText(limits.maxUncompressedBytes)} 上限），未读取；请分开提交` } };
    }
    return listing;
  } finally {
    zip.close();
  }
}

/** One entry's bytes, read from its local header on and inflated with its output bounded. */
export async function readZipEntry(fsPath: Buffer, entry: ZipEntryRef, maxBytes: number): Promise<Uint8Array> {
  if (entry.uncompressedSize > maxBytes) {
    throw new ReadError('file_too_large', `压缩包内文件 ${entry.name} 解压后 ${sizeText(entry.uncompressedSize)}，超过上限 ${sizeText(maxBytes)}；请压缩图片后重新保存`);
  }
  const corrupt = () => new ReadError('corrupt_zip', `压缩包内文件 ${entry.name} 已损坏，无法解压；请重新压缩后提交`);
  const handle = await open(fsPath, 'r');
  try {
    const header = Buffer.alloc(30);
    await handle.read(header, 0, 30, entry.offset);
    if (header.readUInt32LE(0) !== 0x04034b50) throw corrupt();
    const dataStart = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const compressed = Buffer.alloc(entry.compressedSize);
    const { bytesRead } = await handle.read(compressed, 0, entry.compressedSize, dataStart);
    if (bytesRead !== entry.compressedSize) throw corrupt();
    let bytes: Buffer;
    if (entry.method === 0) bytes = compressed;
    else if (entry.method === 8) {
      try {
        // one byte more than declared: an entry that inflates past its declared size is a bomb, not a file
        bytes = inflateRawSync(compressed, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw bomb(entry);
        throw corrupt();
      }
    } else throw new ReadError('zip_unsupported', `压缩包内文件 ${entry.name} 使用了不支持的压缩方式（${entry.method}），请用常规 zip 重新压缩后提交`);
    if (bytes.length !== entry.uncompressedSize) throw bytes.length > entry.uncompressedSize ? bomb(entry) : corrupt();
    if ((crc32(bytes) >>> 0) !== entry.crc32 >>> 0) throw corrupt();
    return bytes;
  } finally {
    await handle.close();
  }
}

const bomb = (entry: ZipEntryRef) =>
  new ReadError('zip_bomb', `压缩包内文件 ${entry.name} 解压后超过其声明的大小（${sizeText(entry.uncompressedSize)}），未读取；请重新压缩后提交`);
