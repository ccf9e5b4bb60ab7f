import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config.ts';
import { storeFiles } from './export.ts';
import { acquireLock } from '../ops/lock.ts';
import { lockPathFor } from '../ops/paths.ts';
import { RUNS } from '../load/tables.ts';
import { WarehouseWriter } from '../load/warehouse.ts';
import { modelAndReview } from './model-step.ts';
import { PARSER_VERSION } from '../extract/index.ts';
import { readReviewSheets } from '../reviews/read.ts';

/**
 * One warehouse from the stores of several shards (`jixiao build --shard k/n
 * --store DIR` on n machines): the rows are unioned and the models run once, so
 * resubmissions and units are resolved across all of them.
 */
export async function mergeStores(stores: string[], db: string, config: Config): Promise<{ reports: number; superseded: number }> {
  for (const store of stores) if (!existsSync(store)) throw new Error(`存储目录不存在：${store}`);
  const target = resolve(db);
  const release = acquireLock(lockPathFor(target));
  try {
    const writer = await WarehouseWriter.create(target, config.duckdb);
    try {
      await writer.loadStores((table) => stores.flatMap((s) => storeFiles(s, table)));
      const sheets = await readReviewSheets(resolve(config.reviews.dir));
      await modelAndReview(writer, config.rules, { sheets, previousDb: target, grades: config.reviews.grades });
      // resubmissions across every shard, as the models decided them
      const { loaded: reports, superseded } = await writer.counts();
      const now = new Date();
      await writer.append(RUNS, [
        {
          run_id: `merge-${now.toISOString()}`,
          started: now,
          finished: now,
          input_dir: stores.join(' '),
          files_seen: null,
          files_skipped: null,
          files_loaded: reports,
          files_new: null,
          files_changed: null,
          files_removed: null,
          files_superseded: superseded,
          files_failed: null,
          files_by_reference: null,
          seconds: null,
          status: 'ok',
          message: `由 ${stores.length} 个分片存储合并`,
          parser_version: PARSER_VERSION,
          fingerprint: null,
          unchanged: null,
        },
      ]);
      await writer.commit();
      return { reports, superseded };
    } catch (err) {
      writer.abort();
      throw err;
    }
  } finally {
    release();
  }
}
