import { z } from 'zod';
import { openWarehouse } from '../load/query.ts';
import { renderTable, type Cell } from './render.ts';
import { requireWarehouse } from './warehouse-path.ts';
import { SEVERITY_NAMES, SEVERITY_ZH, severityRankSql, type Severity } from '../models/severity.ts';

const checkOptionsSchema = z.object({
  db: z.string().min(1),
  json: z.boolean().optional(),
  severity: z.enum([...SEVERITY_NAMES] as [Severity, ...Severity[]]).optional(),
  rule: z.string().optional(),
});

const SEVERITY_RANK = severityRankSql('severity');

/** `jixiao check`: the flags of every current report, grouped by report, or as JSON for scripts. */
export async function checkCommand(raw: unknown): Promise<void> {
  const options = checkOptionsSchema.parse(raw);
  const w = await openWarehouse(requireWarehouse(options.db));
  try {
    const known = await w.query('select rule_id, title from rules order by rule_id');
    const titles = new Map(known.map((r) => [String(r.rule_id), String(r.title)]));
    if (options.rule && !titles.has(options.rule)) {
      console.error(`没有名为 ${options.rule} 的规则。可用的规则：\n${known.map((r) => `  ${r.rule_id}  ${r.title}`).join('\n')}`);
      process.exitCode = 2;
      return;
    }
    const where = [
      options.severity ? `severity = '${options.severity}'` : null,
      options.rule ? `rule_id = '${options.rule.replace(/'/g, "''")}'` : null,
    ].filter(Boolean);
    const flags = await w.query(`
      select a.flag_key, a.report_id, r.file_name, r.unit, r.fiscal_year, a.project, a.rule_id, a.severity, a.subject,
             a.measured, a.threshold, a.message, a.evidence, a.location
      from anomalies a join reports r using (report_id)
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by r.unit, r.fiscal_year, r.file_name, ${SEVERITY_RANK}, a.rule_id, a.subject`);
    if (options.json) {
      process.stdout.write(JSON.stringify(flags, null, 2) + '\n');
      console.error(`${flags.length} 条标记`);
      return;
    }
    const byReport = new Map<string, typeof flags>();
    for (const f of flags) byReport.set(String(f.report_id), [...(byReport.get(String(f.report_id)) ?? []), f]);
    for (const reportFlags of byReport.values()) {
      const first = reportFlags[0];
      console.log(`\n${first.unit ?? '（单位未识别）'} ${first.fiscal_year ?? ''}年  ${first.file_name}  （${reportFlags.length} 条）`);
      // the rule's Chinese title (its id is in --json and on the 规则 page)
      const rows: Cell[][] = reportFlags.map((f) => [SEVERITY_ZH[String(f.severity)] ?? f.severity, titles.get(String(f.rule_id)) ?? f.rule_id, f.message]);
      console.log(renderTable({ columns: ['严重程度', '规则', '说明'], rows }, process.stdout.isTTY ? undefined : 400));
    }
    const [{ reports }] = await w.query('select count(*) as reports from reports where superseded_by is null');
    const count = (s: string) => flags.filter((f) => f.severity === s).length;
    console.error(
      `\n现行报告 ${reports} 份，其中 ${byReport.size} 份有标记；共 ${flags.length} 条：严重 ${count('critical')}，警告 ${count('warning')}，提示 ${count('info')}`,
    );
  } finally {
    w.close();
  }
}
