import { existsSync } from 'node:fs';

export const DEFAULT_DB = 'data/warehouse.duckdb';

/** The warehouse a command reads, or a clear message (not a stack trace) when there is none yet. */
export function requireWarehouse(db: string): string {
  if (!existsSync(db)) {
    console.error(`仓库文件 ${db} 不存在；请先运行 npx jixiao build（或用 --db 指定仓库）`);
    process.exit(2);
  }
  return db;
}
