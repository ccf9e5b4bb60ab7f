import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWarehouse } from '../load/query.ts';
import { anomaliesCsv, anomaliesXlsx } from './downloads.ts';
import { anomalies, detail, overview, quality, rules, schema } from './pages.ts';
import { maskedQuery } from './warehouse.ts';

/**
 * Writes every file the dashboard reads, from one warehouse connection, into
 * `dir`. The site's data loaders print these files; computing them in one
 * process keeps the site build fast however many reports there are.
 */

export const SHARDS = '0123456789abcdef'.split('');

export async function writeSiteData(db: string, dir: string, queriesDir = 'queries'): Promise<Record<string, number>> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'detail'), { recursive: true });
  const sizes: Record<string, number> = {};
  const put = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content);
    sizes[name] = Buffer.byteLength(content);
  };
  const w = await openWarehouse(db);
  try {
    const q = maskedQuery(w);
    put('overview.json', JSON.stringify(await overview(q)));
    put('anomalies.json', JSON.stringify(await anomalies(q)));
    put('anomalies.csv', await anomaliesCsv(q));
    put('anomalies.xlsx', await anomaliesXlsx(q));
    put('rules.json', JSON.stringify(await rules(q)));
    put('quality.json', JSON.stringify(await quality(q)));
    put('schema.json', JSON.stringify(await schema(q, queriesDir)));
    for (const shard of SHARDS) put(`detail/${shard}.json`, JSON.stringify(await detail(q, shard)));
  } finally {
    w.close();
  }
  return sizes;
}
