import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CompleterResult } from 'node:readline';
import { TEXT_FORMATS } from './export.ts';

/**
 * Tab completion: dot-commands at the start of a line; table names after
 * `.schema`; formats after `.mode`; file names after `.read` and `.output`;
 * elsewhere table names, column names (`table.col` for one table's columns)
 * and common SQL words.
 */

interface CompletionSource {
  /** table or view → its columns */
  catalog: () => Map<string, string[]>;
  dotCommands: readonly string[];
  savedQueries: () => string[];
  /** true while a statement spans several lines: a line starting with "." is then SQL */
  continuing: () => boolean;
}

const SQL_WORDS = [
  'select', 'from', 'where', 'group by', 'order by', 'having', 'limit', 'join', 'left join', 'using', 'on',
  'and', 'or', 'not', 'null', 'is null', 'is not null', 'distinct', 'count', 'sum', 'avg', 'min', 'max',
  'as', 'case', 'when', 'then', 'else', 'end', 'like', 'ilike', 'in', 'between', 'desc', 'asc', 'with',
  'union all', 'filter', 'over', 'partition by', 'describe', 'summarize', 'round', 'coalesce', 'string_agg',
];

function files(prefix: string): string[] {
  const dir = prefix.includes('/') ? dirname(prefix) : '.';
  const start = prefix.includes('/') ? basename(prefix) : prefix;
  try {
    return readdirSync(dir)
      .filter((f) => f.startsWith(start) && !f.startsWith('.'))
      .map((f) => {
        const full = dir === '.' && !prefix.startsWith('./') ? f : join(dir, f);
        return statSync(full).isDirectory() ? `${full}/` : full;
      });
  } catch {
    return [];
  }
}

const matching = (pool: Iterable<string>, word: string) => {
  const lower = word.toLowerCase();
  return [...new Set(pool)].filter((n) => n.toLowerCase().startsWith(lower)).sort();
};

export function makeCompleter(source: CompletionSource): (line: string) => CompleterResult {
  return (line: string) => {
    const dot = /^\s*(\.\S*)(\s+(.*))?$/.exec(line);
    if (dot && !source.continuing()) {
      const [, cmd, hasArg, arg = ''] = dot;
      if (!hasArg) return [matching(source.dotCommands, cmd), cmd];
      switch (cmd) {
        case '.schema':
          return [matching(source.catalog().keys(), arg), arg];
        case '.mode':
          return [matching(TEXT_FORMATS, arg), arg];
        case '.query':
          return [matching(source.savedQueries(), arg), arg];
        case '.read':
        case '.output':
          return [files(arg), arg];
        default:
          return [[], arg];
      }
    }
    const word = /[\w.]*$/.exec(line)?.[0] ?? '';
    const catalog = source.catalog();
    const qualified = /^(\w+)\.(\w*)$/.exec(word);
    if (qualified) {
      const columns = catalog.get(qualified[1]) ?? [];
      return [matching(columns, qualified[2]).map((c) => `${qualified[1]}.${c}`), word];
    }
    if (!word) return [[], word];
    const pool = [...catalog.keys(), ...[...catalog.values()].flat(), ...SQL_WORDS];
    return [matching(pool, word), word];
  };
}
