import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The parser version stored with every report and keying the extraction cache: a generation number
 * and a hash of every source file of the readers and extractors. Any edit there changes the version,
 * so cached extractions and an unchanged-inputs fingerprint never outlive the code that made them.
 */

/** Raised by hand when the stored shape of a report changes; the hash covers every other edit. */
const GENERATION = '1.3';

/** A hash of every file under `dirs` (relative path and content, in a fixed order), relative to `root`. */
export function sourceHash(root: string, dirs: string[]): string {
  const hash = createHash('sha256');
  const files = dirs.flatMap((dir) =>
    readdirSync(resolve(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/')),
  );
  for (const file of files.sort()) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex').slice(0, 12);
}

export const PARSER_SOURCES = ['read', 'extract'];

/**
 * The pipeline/ folder. This module also runs inside the workers' compiled bundle (under
 * node_modules/.cache), so the folder is found by walking up, not assumed beside this file.
 */
function pipelineDir(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'extract', 'parser-version.ts'))) return dir;
    if (existsSync(join(dir, 'pipeline', 'extract', 'parser-version.ts'))) return join(dir, 'pipeline');
    if (dirname(dir) === dir) throw new Error(`找不到 pipeline/extract 源文件（自 ${import.meta.dirname} 向上），无法确定解析器版本`);
  }
}

export const PARSER_VERSION = `${GENERATION}+${sourceHash(pipelineDir(), PARSER_SOURCES)}`;
