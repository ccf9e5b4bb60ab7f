import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from '../jobs/build.ts';
import { configSchema } from '../config.ts';
import { openWarehouse } from '../load/query.ts';
import { listModels, ruleHeader, type RuleHeader } from './run.ts';
import { ruleSettingsSchema } from './settings.ts';
import { SEVERITY_ZH, severityRankSql } from './severity.ts';

/**
 * `npm run docs:rules`: one page per rule in docs/rules/, generated from the
 * rule's own SQL header (so the page cannot drift from the model), its default
 * settings, and a real flag from the bundled samples.
 */

const REPO = resolve(import.meta.dirname, '..', '..');
const OUT = join(REPO, 'docs', 'rules');

const work = mkdtempSync(join(tmpdir(), 'jixiao-docs-'));
const db = join(work, 'samples.duckdb');
const summary = await build({ input: join(REPO, 'data', 'samples'), db, config: configSchema.parse({}), cacheDir: null });
if (summary.status !== 'ok') throw new Error(summary.message);
const w = await openWarehouse(db);
const defaults = ruleSettingsSchema.parse({}) as Record<string, Record<string, number | boolean | string>>;
const headers: RuleHeader[] = listModels()
  .filter((m) => m.layer === 'rules')
  .map(ruleHeader)
  .sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id));

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) + '…' : s);

mkdirSync(OUT, { recursive: true });
for (const h of headers) {
  const examples = await w.query(`
    select r.unit, r.fiscal_year, r.file_name, a.severity, a.subject, a.measured, a.threshold, a.message, a.evidence
    from anomalies a join reports r using (report_id) where a.rule_id = '${h.id}'
    order by ${severityRankSql('a.severity')}, r.file_name, a.subject`);
  const settings = Object.entries(defaults[h.id] ?? { enabled: true });
  const example = examples[0];
  const page = [
    `# ${h.id} · ${h.title}`,
    '',
    `层级 tier ${h.tier} · 严重程度 severity: ${h.severity} · 模型 \`pipeline/models/rules/${h.id}.sql\``,
    '',
    '## 含义 · What it means',
    '',
    h.meaning,
    '',
    '## 计算方法 · How it is computed',
    '',
    h.computed,
    '',
    'Every flag carries `subject` (the figure or row), `measured` and `threshold` (numbers where the rule has them), a one-sentence `message` in Chinese, the `evidence` it rests on and its `location`; its `flag_key` is stable across rebuilds.',
    '',
    '## 样例 · Example from the samples',
    '',
    example
      ? [
          `On the bundled samples the rule raises ${examples.length} flag(s). ${example.unit ?? '(unit not read)'} ${example.fiscal_year ?? ''} (\`${example.file_name}\`), ${SEVERITY_ZH[String(example.severity)] ?? example.severity}:`,
          '',
          `> ${example.message}`,
          '',
          `- subject: ${example.subject}`,
          `- measured: ${example.measured ?? '—'} · threshold: ${example.threshold ?? '—'}`,
          `- evidence: ${cut(String(example.evidence ?? '').replace(/\s+/g, ' '), 300)}`,
        ].join('\n')
      : `The bundled samples do not trigger this rule; \`tests/rules/\` builds constructed reports that do, edges included.`,
    '',
    '## 为何值得复核 · Why a reviewer cares',
    '',
    h.why,
    '',
    '## 设置 · Settings',
    '',
    '| key | default |',
    '|---|---|',
    ...settings.map(([k, v]) => `| \`${k}\` | ${v} |`),
    '',
    'Change them in `jixiao.config.json`; the next build uses the new values and records them in the `rules` table:',
    '',
    '```json',
    JSON.stringify({ rules: { [h.id]: Object.fromEntries(settings.filter(([k]) => k !== 'enabled').slice(0, 1).concat([['enabled', true]])) } }, null, 2),
    '```',
    '',
    '## 不标记的情况 · What it deliberately does not flag',
    '',
    h.not,
    '',
  ].join('\n');
  writeFileSync(join(OUT, `${h.id}.md`), page);
}

const index = [
  '# 规则目录 · Rule catalog',
  '',
  'Each rule is one SQL model in `pipeline/models/rules/`; its header (id, tier, severity, parameters, meaning, how it is computed, why it matters, what it does not flag) is the source of its page here (`npm run docs:rules` regenerates them). Thresholds come from `jixiao.config.json` (defaults below); the `rules` table of every warehouse records the values that build used.',
  '',
  'The `anomalies` table is the union of the enabled rules: `flag_key` (md5 of report, project, rule, subject and location: the same on every rebuild, so reviewers\' decisions can be attached to it), `report_id`, `project` (null = the whole report), `rule_id`, `severity` (critical 严重 / warning 警告 / info 提示), `subject`, `measured`, `measured_text`, `threshold`, `message`, `evidence`, `location`. Rules read current reports only (a superseded resubmission is left out). A field the reader could not find is a data-quality matter (the 数据质量 page), never a flag.',
  '',
  '| rule | title | tier | severity |',
  '|---|---|---|---|',
  ...headers.map((h) => `| [\`${h.id}\`](${h.id}.md) | ${h.title} | ${h.tier} | ${h.severity} |`),
  '',
].join('\n');
writeFileSync(join(OUT, 'README.md'), index);
w.close();
rmSync(work, { recursive: true, force: true });
console.error(`${headers.length} rule pages → ${OUT}`);
