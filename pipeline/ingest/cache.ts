import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Report } from '../extract/report.ts';

/**
 * Extraction results keyed by content hash and parser version, so an unchanged
 * file is never parsed twice. One gzipped JSON file per content hash; entries no
 * run used, and other parser versions, are pruned after a successful build.
 */

export type CachedOutcome =
  | { kind: 'report'; format: string; encoding: string | null; reader: string | null; readerReason: string | null; notes?: string[]; report: Report }
  | { kind: 'error'; code: string; message: string };

export class ExtractCache {
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string,
    readonly parserVersion: string,
  ) {}

  private pathOf(hash: string): string {
    return join(this.dir, this.parserVersion, hash.slice(0, 2), `${hash}.json.gz`);
  }

  get(hash: string): CachedOutcome | null {
    this.used.add(hash);
    try {
      return JSON.parse(gunzipSync(readFileSync(this.pathOf(hash))).toString('utf8')) as CachedOutcome;
    } catch {
      return null; // missing or unreadable entries are simply re-extracted
    }
  }

  put(hash: string, outcome: CachedOutcome): void {
    this.used.add(hash);
    const path = this.pathOf(hash);
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, gzipSync(JSON.stringify(outcome)));
    renameSync(tmp, path);
  }

  /** Marks hashes used by other threads (workers keep their own instance). */
  markUsed(hashes: Iterable<string>): void {
    for (const h of hashes) this.used.add(h);
  }

  /** Deletes entries of other parser versions and entries no file of this run used. */
  prune(): number {
    let removed = 0;
    let versions: string[];
    try {
      versions = readdirSync(this.dir);
    } catch {
      return 0;
    }
    for (const version of versions) {
      if (version !== this.parserVersion) {
        rmSync(join(this.dir, version), { recursive: true, force: true });
        removed++;
        continue;
      }
      for (const bucket of readdirSync(join(this.dir, version))) {
        for (const name of readdirSync(join(this.dir, version, bucket))) {
          const hash = name.replace(/\.json\.gz$/, '');
          if (!this.used.has(hash)) {
            rmSync(join(this.dir, version, bucket, name), { force: true });
            removed++;
          }
        }
      }
    }
    return removed;
  }
}
