import type JSZip from 'jszip';
import { ReadError } from './errors.ts';

/**
 * The checks an Office Open XML package (.xlsx here; .docx has its own) passes
 * before anything is inflated: it is a zip, not an encrypted OLE container, and
 * the sizes its central directory declares stay under the limits.
 */

/** Compound File (OLE2) header: legacy binary Office files and password-protected OOXML files. */
const OLE_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export const isOle = (bytes: Uint8Array) => OLE_HEADER.every((b, i) => bytes[i] === b);
export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

export const sizeText = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${n} 字节`);

interface PackageEntry {
  name: string;
  /** uncompressed size as the central directory declares it */
  declared: number;
}

/** The package's entries with their declared sizes; throws `corrupt` when it is not a readable zip. */
export async function packageEntries(bytes: Uint8Array, corrupt: () => ReadError): Promise<{ zip: JSZip; entries: PackageEntry[] }> {
  let zip: JSZip;
  try {
    // loaded for the first .xlsx: a worker reading only .docx and .txt never needs it
    zip = await (await import('jszip')).default.loadAsync(bytes);
  } catch {
    throw corrupt();
  }
  // jszip keeps the central directory's sizes on each entry's (untyped) compressed data
  const entries = Object.values(zip.files).map((entry) => ({
    name: entry.name,
    declared: ((entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0) >>> 0,
  }));
  return { zip, entries };
}
