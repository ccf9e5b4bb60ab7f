import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Saved queries: the commented .sql files in queries/, runnable by name. */

export const QUERIES_DIR = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'queries');

export interface SavedQuery {
  name: string;
  title: string;
  sql: string;
}

export function listSaved(dir = QUERIES_DIR): SavedQuery[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      const title = /^--\s*(.+)$/m.exec(sql)?.[1].trim() ?? basename(f, '.sql');
      return { name: basename(f, '.sql'), title, sql };
    });
}

export function findSaved(name: string, dir = QUERIES_DIR): SavedQuery | null {
  return listSaved(dir).find((q) => q.name === name) ?? null;
}
