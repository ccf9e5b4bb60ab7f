import { existsSync } from 'node:fs';
import { z } from 'zod';
import { MemoReportNotFound, writeAllMemos, writeMemo } from '../reviews/memo.ts';

const memoOptions = z
  .object({
    db: z.string().min(1),
    report: z.string().regex(/^[0-9a-f]{16}$/, '报告编号为 16 位十六进制（见 report_summary.report_id）').optional(),
    all: z.boolean().optional(),
    out: z.string().min(1),
  })
  .refine((o) => Boolean(o.report) !== Boolean(o.all), '请给出 --report ID 或 --all 之一');

/** `jixiao memo`: the 复核意见 of one report (--report ID --out FILE.docx) or of every current report (--all --out DIR). */
export async function memoCommand(raw: unknown): Promise<void> {
  const parsed = memoOptions.safeParse(raw);
  if (!parsed.success) {
    console.error(`参数有误：${z.prettifyError(parsed.error)}`);
    process.exit(2);
  }
  const { db, report, all, out } = parsed.data;
  if (!existsSync(db)) {
    console.error(`仓库不存在：${db}（先运行 jixiao build）`);
    process.exit(1);
  }
  if (all) {
    const count = await writeAllMemos(db, out);
    console.error(`已写入 ${count} 份复核意见到 ${out}/（文件名为 <report_id>.docx）`);
    return;
  }
  if (!out.toLowerCase().endsWith('.docx')) {
    console.error('参数有误：--out 须以 .docx 结尾（--all 时为目录）');
    process.exit(2);
  }
  try {
    const result = await writeMemo(db, report!, out);
    console.error(`复核意见已写入 ${out}：属实 ${result.confirmed} 项，待说明 ${result.open} 项（误报未列入）`);
  } catch (err) {
    if (err instanceof MemoReportNotFound) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
