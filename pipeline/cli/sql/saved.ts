import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Saved queries: the commented .sql files in the top-level queries/ folder,
 * runnable by name. The first comment line is the title, the comment lines
 * after it the description.
 */

const QUERIES_DIR = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'queries');

interface SavedQuery {
  name: string;
  title: string;
  description: string;
  sql: string;
}

function parseSaved(name: string, sql: string): SavedQuery {
  const comments: string[] = [];
  for (const line of sql.split(/\r?\n/)) {
    const m = /^\s*--\s?(.*)$/.exec(line);
    if (!m) break;
    comments.push(m[1].trim());
  }
  const [title = name, ...rest] = comments;
  return { name, title: title || name, description: rest.filter(Boolean).join(' '), sql };
}

export function listSaved(dir = QUERIES_DIR): SavedQuery[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => parseSaved(basename(f, '.sql'), readFileSync(join(dir, f), 'utf8')));
}

/** By name, with or without ".sql". */
export function findSaved(name: string, dir = QUERIES_DIR): SavedQuery | null {
  const wanted = basename(name, '.sql');
  return listSaved(dir).find((q) => q.name === wanted) ?? null;
}
