import type { FoundFile } from '../read/files.ts';

/**
 * One file's line in the inputs fingerprint (see fingerprint.ts): its path, size, time and content
 * hash; for a file inside a zip the zip's size and time and the entry's checksum. Written here once,
 * for the fingerprint's own pass and for the workers, which read and hash every file anyway.
 */

export const fileInputEntry = (relPath: string, size: number, mtimeMs: number, contentHash: string): string =>
  `${relPath}\0${size}\0${mtimeMs}\0${contentHash}`;

export const zipInputEntry = (relPath: string, zipSize: number, zipMtimeMs: number, entry: NonNullable<FoundFile['zipEntry']>): string =>
  `${relPath}\0${zipSize}\0${zipMtimeMs}\0zip:${entry.crc32}:${entry.compressedSize}:${entry.uncompressedSize}`;
