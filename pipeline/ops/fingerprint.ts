import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { open } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { PARSER_VERSION } from '../extract/index.ts';
import { sourceHash } from '../extract/parser-version.ts';
import { TABLES } from '../load/tables.ts';
import { MODELS_DIR } from '../models/run.ts';
import type { FoundFile } from '../read/files.ts';

/**
 * What a warehouse was built from, as one hash: every file's path, size, time
 * and content hash, the parser version, the limits and rule settings, the
 * table layout and the models (every file of the models folder: SQL, the runner,
 * the data tests). A run whose fingerprint equals the one the
 * current warehouse carries would write the same tables, so it keeps them.
 */

export function settingsHash(config: Config, modelsDir = MODELS_DIR): string {
  const models = sourceHash(dirname(modelsDir), [basename(modelsDir)]);
  return createHash('sha256')
    .update(JSON.stringify({ parser: PARSER_VERSION, limits: config.limits, docxReader: config.docxReader, rules: config.rules, tables: TABLES, models }))
    .digest('hex');
}

async function fileEntry(file: FoundFile): Promise<string> {
  if (file.problem) return `${file.relPath}\0problem:${file.problem.code}`;
  let handle;
  try {
    handle = await open(file.fsPath, 'r');
    if (file.zipEntry) {
      // a file inside a zip: the zip's size and time and the entry's checksum, without hashing the zip once per entry
      const info = await handle.stat();
      const e = file.zipEntry;
      return `${file.relPath}\0${info.size}\0${info.mtimeMs}\0zip:${e.crc32}:${e.compressedSize}:${e.uncompressedSize}`;
    }
    const info = await handle.stat();
    const hash = createHash('sha256');
    // small files at once; a large one (a 100 MB scan) in chunks, so it does not sit in memory
    if (info.size <= 16 * 1024 * 1024) hash.update(await handle.readFile());
    else for await (const chunk of handle.createReadStream({ autoClose: false })) hash.update(chunk as Buffer);
    return `${file.relPath}\0${info.size}\0${info.mtimeMs}\0${hash.digest('hex')}`;
  } catch (err) {
    // unreadable now: the full run will say why; the fingerprint just cannot match
    return `${file.relPath}\0error:${(err as NodeJS.ErrnoException).code ?? 'unknown'}\0${Math.random()}`;
  } finally {
    await handle?.close();
  }
}

/** The fingerprint of a listing under the given settings (files are read, a few at a time). */
export async function inputsFingerprint(files: FoundFile[], config: Config, modelsDir = MODELS_DIR): Promise<string> {
  const entries: string[] = new Array(files.length);
  let next = 0;
  const reader = async () => {
    while (next < files.length) {
      const i = next++;
      entries[i] = await fileEntry(files[i]);
    }
  };
  await Promise.all(Array.from({ length: 8 }, reader));
  const hash = createHash('sha256').update(settingsHash(config, modelsDir));
  for (const entry of entries.sort()) hash.update('\n').update(entry);
  return hash.digest('hex');
}
