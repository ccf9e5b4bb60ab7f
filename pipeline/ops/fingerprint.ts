import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { closeSync, createReadStream, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { PARSER_VERSION } from '../extract/index.ts';
import { sourceHash } from '../extract/parser-version.ts';
import { TABLES } from '../load/tables.ts';
import { MODELS_DIR } from '../models/run.ts';
import type { FoundFile } from '../read/files.ts';
import { fileInputEntry, zipInputEntry } from './input-entry.ts';

/**
 * What a warehouse was built from, as one hash: every file's path, size, time
 * and content hash, the parser version, the limits and rule settings, the
 * table layout and the models (every file of the models folder: SQL, the runner,
 * the data tests). A run whose fingerprint equals the one the
 * current warehouse carries would write the same tables, so it keeps them.
 */

function settingsHash(config: Config, modelsDir = MODELS_DIR): string {
  const models = sourceHash(dirname(modelsDir), [basename(modelsDir)]);
  return createHash('sha256')
    .update(JSON.stringify({ parser: PARSER_VERSION, limits: config.limits, docxReader: config.docxReader, rules: config.rules, tables: TABLES, models }))
    .digest('hex');
}

/**
 * A file's fingerprint line, read and hashed here (the workers give the same line for the files they
 * read). Small files are read with blocking calls: a report is a few tens of kilobytes, and four
 * round trips through libuv's thread pool per file (open, stat, read, close) cost more than the read.
 */
async function fileEntry(file: FoundFile): Promise<string> {
  if (file.problem) return `${file.relPath}\0problem:${file.problem.code}`;
  let fd: number | null = null;
  try {
    fd = openSync(file.fsPath, 'r');
    const info = fstatSync(fd);
    // a file inside a zip: the zip's size and time and the entry's checksum, without hashing the zip once per entry
    if (file.zipEntry) return zipInputEntry(file.relPath, info.size, info.mtimeMs, file.zipEntry);
    const hash = createHash('sha256');
    // small files at once; a large one (a 100 MB scan) in chunks, so it does not sit in memory
    if (info.size <= 16 * 1024 * 1024) hash.update(readFileSync(fd));
    else for await (const chunk of createReadStream('', { fd, autoClose: false })) hash.update(chunk as Buffer);
    return fileInputEntry(file.relPath, info.size, info.mtimeMs, hash.digest('hex'));
  } catch (err) {
    // unreadable now: the full run will say why; the fingerprint just cannot match
    return `${file.relPath}\0error:${(err as NodeJS.ErrnoException).code ?? 'unknown'}\0${Math.random()}`;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The fingerprint of a listing under the given settings (files read one after another: see fileEntry). */
export async function inputsFingerprint(files: FoundFile[], config: Config, modelsDir = MODELS_DIR): Promise<string> {
  const entries: string[] = [];
  for (const file of files) entries.push(await fileEntry(file));
  return fingerprintOf(entries, config, modelsDir);
}

/**
 * The fingerprint from the files' lines: the workers' where they read a file, `fileEntry` for the
 * rest (a file that failed before it was read, a worker stopped by a limit).
 */
export async function fingerprintFromEntries(files: FoundFile[], known: (string | undefined)[], config: Config, modelsDir = MODELS_DIR): Promise<string> {
  const entries: string[] = new Array(files.length);
  for (let i = 0; i < files.length; i++) entries[i] = known[i] ?? (await fileEntry(files[i]));
  return fingerprintOf(entries, config, modelsDir);
}

function fingerprintOf(entries: string[], config: Config, modelsDir: string): string {
  const hash = createHash('sha256').update(settingsHash(config, modelsDir));
  for (const entry of [...entries].sort()) hash.update('\n').update(entry);
  return hash.digest('hex');
}
