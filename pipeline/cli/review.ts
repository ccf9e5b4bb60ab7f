import { existsSync } from 'node:fs';
import { z } from 'zod';
import { exportReviewSheet } from '../reviews/export.ts';

const reviewExportOptions = z.object({
  db: z.string().min(1),
  out: z.string().regex(/\.xlsx$/i, '输出文件须以 .xlsx 结尾'),
});

/** `jixiao review export`: the review sheet of every current flag. */
export async function reviewExportCommand(raw: unknown): Promise<void> {
  const parsed = reviewExportOptions.safeParse(raw);
  if (!parsed.success) {
    console.error(`参数有误：${z.prettifyError(parsed.error)}`);
    process.exit(2);
  }
  const { db, out } = parsed.data;
  if (!existsSync(db)) {
    console.error(`仓库不存在：${db}（先运行 jixiao build）`);
    process.exit(1);
  }
  const result = await exportReviewSheet(db, out);
  console.error(`复核表已写入 ${out}：${result.rows} 个标记，其中 ${result.decided} 个已有复核结论。填好后放入复核目录（默认 data/reviews/），下次构建时读入。`);
}
