import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RuleSettings } from './settings.ts';
import { runDataTests } from './contracts.ts';
import { referencedRelations, runByDependencies } from './order.ts';
import { SEVERITIES, SEVERITIES_COMMENTS_SQL, SEVERITIES_TABLE_SQL } from './severity.ts';
import { asScript } from '../load/spec.ts';

/**
 * Runs the SQL models in dbt's spirit: each `.sql` file is one model named after
 * the file. `macros.sql` runs first; `staging/` and `intermediate/` (what several
 * models share) become views, `rules/` and `marts/` tables. The rules' settings are
 * set as DuckDB variables first; `anomalies` (the union of the enabled rules) and
 * `rules` (the catalog) are built from the rule tables. Models run in the order of
 * the tables they read (order.ts), each as soon as what it reads exists, on a few
 * connections to the same DuckDB instance at once; each gets the description of its
 * header as a comment, and the data tests (contracts.ts) check the result before it
 * is kept.
 */

export const MODELS_DIR = dirname(fileURLToPath(import.meta.url));

interface Model {
  name: string;
  layer: Layer;
  sql: string;
  file: string;
}

export interface RuleHeader {
  id: string;
  tier: number;
  severity: string;
  parameters: string;
  title: string;
  meaning: string;
  /** the meaning and the severity in Chinese, for the bureau's pages */
  meaningZh: string;
  severityZh: string;
  computed: string;
  why: string;
  not: string;
}

const LAYERS = ['staging', 'intermediate', 'rules', 'marts'] as const;
type Layer = (typeof LAYERS)[number];

export function listModels(dir = MODELS_DIR): Model[] {
  return LAYERS.flatMap((layer) =>
    (existsSync(join(dir, layer)) ? readdirSync(join(dir, layer)) : [])
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => {
        const file = join(dir, layer, f);
        // the file's own trailing semicolon would end the wrapping statement
        const sql = readFileSync(file, 'utf8').trim().replace(/;\s*$/, '');
        return { name: basename(f, '.sql'), layer, sql, file };
      }),
  );
}

/** The comment header of a rule model: `-- key: value` lines, a value may go on over `-- ` lines. */
export function ruleHeader(model: Model): RuleHeader {
  const fields: Record<string, string> = {};
  let last = '';
  for (const line of model.sql.split('\n')) {
    if (!line.startsWith('--')) break;
    const m = /^--\s*(rule|tier|severity|severity_zh|parameters|title|meaning|meaning_zh|computed|why|not):\s*(.*)$/.exec(line);
    if (m) {
      last = m[1];
      fields[last] = m[2].trim();
    } else if (last) {
      fields[last] += ' ' + line.replace(/^--\s*/, '').trim();
    }
  }
  if (fields.rule !== model.name) throw new Error(`规则文件 ${model.file} 的注释头缺少 “-- rule: ${model.name}”`);
  return {
    id: model.name,
    tier: Number(fields.tier ?? 1),
    severity: fields.severity ?? '',
    parameters: fields.parameters ?? '',
    title: fields.title ?? model.name,
    meaning: fields.meaning ?? '',
    meaningZh: fields.meaning_zh ?? fields.meaning ?? '',
    severityZh: fields.severity_zh ?? fields.severity ?? '',
    computed: fields.computed ?? '',
    why: fields.why ?? '',
    not: fields.not ?? '',
  };
}

const ruleTable = (ruleId: string) => `rule_${ruleId}`;

function settingsSql(settings: RuleSettings): string[] {
  const statements: string[] = [];
  for (const [ruleId, values] of Object.entries(settings)) {
    for (const [key, value] of Object.entries(values as Record<string, number | boolean | string>)) {
      // a string setting is a list of terms separated by commas (keyword lists)
      const literal = typeof value === 'boolean' ? String(value) : typeof value === 'string' ? `${quote(value)}::varchar` : `${Number(value)}::double`;
      statements.push(`set variable ${ruleId}__${key} = ${literal}`);
    }
  }
  return statements;
}

const ANOMALY_COLUMNS = [
  'report_id::varchar as report_id',
  'project::varchar as project',
  'rule_id::varchar as rule_id',
  'severity::varchar as severity',
  'subject::varchar as subject',
  'measured::double as measured',
  'measured_text::varchar as measured_text',
  'threshold::double as threshold',
  'message::varchar as message',
  'evidence::varchar as evidence',
  'location::varchar as location',
];

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The relation a model creates. */
export const relationOf = (m: Model) => (m.layer === 'rules' ? ruleTable(m.name) : m.name);

/**
 * The description in a model's header (staging, intermediate, marts): the first comment line
 * `-- <name>: text` and the lines that go on from it, then optionally `-- columns:` followed by
 * `--   column: text` lines.
 */
export function modelDescription(model: Model): { table: string; columns: Map<string, string> } {
  const columns = new Map<string, string>();
  let table = '';
  let inColumns = false;
  let lastColumn = '';
  for (const [i, line] of model.sql.split('\n').entries()) {
    if (!line.startsWith('--')) break;
    const text = line.replace(/^--\s?/, '');
    if (i === 0) {
      table = text.replace(new RegExp(`^${model.name}:\\s*`), '').trim();
    } else if (/^materialized:/.test(text.trim())) {
      continue;
    } else if (/^columns:\s*$/.test(text.trim())) {
      inColumns = true;
    } else if (inColumns) {
      const m = /^\s+([a-z_][a-z0-9_]*):\s*(.*)$/.exec(text);
      if (m) columns.set((lastColumn = m[1]), m[2].trim());
      else if (lastColumn && text.trim()) columns.set(lastColumn, `${columns.get(lastColumn)} ${text.trim()}`);
    } else if (text.trim()) {
      table += ` ${text.trim()}`;
    }
  }
  return { table, columns };
}

/** The `-- …` lines a model's SQL starts with. */
function headerLines(model: Model): string[] {
  const lines = model.sql.split('\n');
  return lines.slice(0, lines.findIndex((line) => !line.startsWith('--')));
}

/**
 * What a model becomes: staging and intermediate models are views, rules and marts tables, unless a
 * mart's header says `-- materialized: view` (a mart that only passes rows on, such as the reports'
 * full texts, which a table would copy).
 */
export function materialization(model: Model): 'view' | 'table' {
  if (model.layer === 'staging' || model.layer === 'intermediate') return 'view';
  return headerLines(model).some((line) => /^--\s*materialized:\s*view\s*$/.test(line)) ? 'view' : 'table';
}

/**
 * A view that many models read (directly or through other views) is computed once per run rather
 * than once in every model that reads it, when its header says
 * `-- materialized: view; a table while the models run`: it is a table until every model has run,
 * then the view it is in the warehouse. Nothing the models read changes during the run, so the
 * table holds exactly the rows the view gives.
 */
export function stagedAsTable(model: Model): boolean {
  if (model.layer !== 'staging' && model.layer !== 'intermediate') return false;
  return headerLines(model).some((line) => /^--\s*materialized:\s*view; a table while the models run\s*$/.test(line));
}

/** Drops the table or view of that name in the main schema, whichever it is (DuckDB's DROP names the type). */
async function dropRelation(c: DuckDBConnection, relation: string): Promise<void> {
  const reader = await c.runAndReadAll(
    `select 'view' from duckdb_views() where database_name = current_database() and schema_name = 'main' and view_name = ${quote(relation)} and not internal
     union all select 'table' from duckdb_tables() where database_name = current_database() and schema_name = 'main' and table_name = ${quote(relation)}`,
  );
  for (const [type] of reader.getRows()) await c.run(`drop ${String(type)} ${relation}`);
}

const ANOMALY_COLUMN_COMMENTS: Record<string, string> = {
  flag_key: '标记键：同一报告、规则、对象每次重建相同 / stable key of the flag',
  report_id: '报告编号 / report id',
  project: '项目名称，空值为整份报告 / project; null = whole report',
  rule_id: '规则编号，见 rules 表 / rule id',
  severity: `严重程度 ${SEVERITIES.map((s) => `${s.severity} ${s.nameZh}`).join(' / ')}（见 severities 表）`,
  subject: '对象：哪一个数字或哪一行 / the figure or row concerned',
  measured: '测得值（数字） / measured value',
  measured_text: '测得值说明 / measured value in words',
  threshold: '阈值或应有值（数字） / threshold or expected value',
  message: '一句话说明与处理建议 / one sentence to act on',
  evidence: '依据的原文或表格 / source text or cells',
  location: '位置 / location',
};

/** A step of the run: the relation it creates, what it reads, how it is made (on a given connection) and described. */
interface Step {
  relation: string;
  reads: Iterable<string>;
  label: string;
  run: (connection: DuckDBConnection) => Promise<void>;
  comments: () => string[];
}

export interface ModelRunOptions {
  /** another connection to the same DuckDB instance (the caller's connection is the first of the pool) */
  connect?: () => Promise<DuckDBConnection>;
  /** how many connections run models at once; default modelConnections(DuckDB's threads) */
  connections?: number;
}

/**
 * How many connections run the models at once. DuckDB spreads one query over its threads, but
 * most models read a few thousand rows, which one thread does, and each statement also waits on
 * its round trip through Node: one connection more than the threads keeps them busy. Node's
 * thread pool (4 by default) runs the queries, so more than 4 would only queue there.
 */
export const modelConnections = (threads: number) => Math.max(1, Math.min(4, threads + 1));

export async function runModels(connection: DuckDBConnection, settings: RuleSettings, dir = MODELS_DIR, options: ModelRunOptions = {}): Promise<void> {
  // `set variable` is per connection; macros (not temp) and tables are in the database, seen by all
  const variables = asScript(settingsSql(settings));
  if (variables) await connection.run(variables);
  // one script, one transaction (asScript): each commit writes the database's log to disk
  await connection.run(asScript([readFileSync(join(dir, 'macros.sql'), 'utf8').trim().replace(/;\s*$/, ''), SEVERITIES_TABLE_SQL, ...SEVERITIES_COMMENTS_SQL]));
  const models = listModels(dir);
  const rules = models.filter((m) => m.layer === 'rules');
  const headers = rules.map(ruleHeader);
  const settingOf = (id: string) => (settings as Record<string, Record<string, number | boolean | string> | undefined>)[id];
  const enabled = rules.filter((m) => settingOf(m.name)?.enabled !== false);

  const viewComments = (m: Model, kind: 'view' | 'table', relation: string) => {
    const d = modelDescription(m);
    return [
      ...(d.table ? [`comment on ${kind} ${relation} is ${quote(d.table)}`] : []),
      ...[...d.columns].map(([column, text]) => `comment on column ${relation}.${column} is ${quote(text)}`),
    ];
  };
  const staged = models.filter(stagedAsTable);

  const modelStep = (m: Model): Step => {
    const kind = materialization(m);
    const relation = relationOf(m);
    if (stagedAsTable(m)) {
      return {
        relation,
        reads: referencedRelations(m.sql),
        label: `${m.layer}/${m.name}.sql`,
        // a view of an earlier run (or a table of a failed one) makes way for this run's table
        run: async (c) => {
          await dropRelation(c, relation);
          await c.run(`create table ${relation} as\n${m.sql}`);
        },
        // the comments go on the view that replaces the table at the end of the run
        comments: () => [],
      };
    }
    return {
      relation,
      reads: referencedRelations(m.sql),
      label: `${m.layer}/${m.name}.sql`,
      // a disabled rule does no work: its table keeps the rule's columns and no rows, and `limit 0`
      // lets DuckDB plan an empty result instead of computing the query
      run: async (c) => {
        const sql = m.layer === 'rules' && settingOf(m.name)?.enabled === false ? `select * from (\n${m.sql}\n) limit 0` : m.sql;
        await c.run(`create or replace ${kind} ${relation} as\n${sql}`);
      },
      comments: () => {
        if (m.layer === 'rules') {
          const h = ruleHeader(m);
          return [
            `comment on table ${relation} is ${quote(`规则 ${h.id}：${h.title} / ${h.meaning}`)}`,
            ...Object.entries(ANOMALY_COLUMN_COMMENTS)
              .filter(([column]) => column !== 'flag_key')
              .map(([column, text]) => `comment on column ${relation}.${column} is ${quote(text)}`),
          ];
        }
        return viewComments(m, kind, relation);
      },
    };
  };

  const union = enabled.length
    ? enabled.map((m) => `select ${ANOMALY_COLUMNS.join(', ')} from ${ruleTable(m.name)}`).join('\nunion all\n')
    : `select ${ANOMALY_COLUMNS.map((c) => c.replace(/^\w+/, 'null')).join(', ')} where false`;
  const anomalies: Step = {
    relation: 'anomalies',
    reads: [...rules.map(relationOf), 'int_report_versions'],
    label: 'anomalies',
    // the key depends only on the report's identity (unit, year, kind, project: the same across a
    // corrected resubmission, so a reviewer's decision follows it), project, rule, subject and place;
    // a report without a known unit or year falls back to its report_id
    run: async (c) =>
      void (await c.run(`create or replace table anomalies as
select md5(concat_ws('|', coalesce(i.identity, f.report_id), coalesce(f.project, ''), f.rule_id, f.subject, coalesce(f.location, ''))) as flag_key, f.*
from (${union}) as f
left join (
  -- one current version per identity (int_report_versions); the guard keeps two flags from sharing a
  -- key should two current reports ever share one
  select report_id, case when count(*) over (partition by report_identity) = 1 then report_identity end as identity
  from int_report_versions where is_current
) as i on i.report_id = f.report_id
order by f.report_id, f.rule_id, f.subject`)),
    comments: () => [
      `comment on table anomalies is '异常标记：各规则结果的并集 / flags: the union of all rules'`,
      ...Object.entries(ANOMALY_COLUMN_COMMENTS).map(([column, text]) => `comment on column anomalies.${column} is ${quote(text)}`),
    ],
  };
  const catalog: Step = {
    relation: 'rules',
    reads: ['anomalies'],
    label: 'rules',
    // one statement: the headers as a VALUES list (in file order) and one pass over anomalies for the counts
    run: async (c) => {
      const rows = headers.map((h, i) => {
        const { enabled: on = true, ...params } = settingOf(h.id) ?? {};
        return `(${i}, ${quote(h.id)}, ${h.tier}, ${quote(h.title)}, ${quote(h.severity)}, ${on}, ${quote(JSON.stringify(params))}, ${quote(h.parameters)},
    ${quote(h.meaning)}, ${quote(`docs/rules/${h.id}.md`)}, ${quote(h.meaningZh)}, ${quote(h.severityZh)})`;
      });
      const create = `create or replace table rules (
  rule_id varchar, tier integer, title varchar, default_severity varchar, enabled boolean,
  settings varchar, default_parameters varchar, meaning varchar, doc varchar, reports_flagged integer, flags integer,
  meaning_zh varchar, severity_zh varchar)`;
      const insert = `insert into rules
select h.rule_id, h.tier, h.title, h.default_severity, h.enabled, h.settings, h.default_parameters, h.meaning, h.doc,
       coalesce(f.reports_flagged, 0), coalesce(f.flags, 0), h.meaning_zh, h.severity_zh
from (values ${rows.join(',\n  ')})
  as h(position, rule_id, tier, title, default_severity, enabled, settings, default_parameters, meaning, doc, meaning_zh, severity_zh)
left join (select rule_id, count(distinct report_id) as reports_flagged, count(*) as flags from anomalies group by rule_id) as f using (rule_id)
order by h.position`;
      // within the step's transaction, so not asScript (which opens one)
      await c.run(rows.length ? [create, insert].join(';\n') : create);
    },
    comments: () => CATALOG_COMMENTS,
  };

  const byLayer = (layer: Layer) => models.filter((m) => m.layer === layer).map(modelStep);
  const steps = [...byLayer('staging'), ...byLayer('intermediate'), ...byLayer('rules'), anomalies, catalog, ...byLayer('marts')];

  const threads = Number((await connection.runAndReadAll(`select current_setting('threads')`)).getRows()[0][0]);
  const size = options.connect ? Math.max(1, options.connections ?? modelConnections(threads)) : 1;
  const pool = [connection];
  try {
    while (pool.length < size) {
      const extra = await options.connect!();
      pool.push(extra);
      if (variables) await extra.run(variables);
    }
    // a step and its comments are one transaction on one connection; those that read it start once it is committed
    await runByDependencies(
      steps,
      pool,
      async (step, c) => {
        try {
          await c.run('begin');
          await step.run(c);
          const comments = step.comments();
          if (comments.length) await c.run(comments.join(';\n'));
          await c.run('commit');
        } catch (err) {
          await c.run('rollback').catch(() => {});
          throw new Error(`模型 ${step.label} 运行失败：${(err as Error).message}`, { cause: err });
        }
      },
      (running) => running.forEach((c) => c.interrupt()),
    );
    // the tables that stood in for views while the models ran become the views again, with their comments
    if (staged.length) {
      await connection.run(
        asScript(
          staged.flatMap((m) => [`drop table ${relationOf(m)}`, `create view ${relationOf(m)} as\n${m.sql}`, ...viewComments(m, 'view', relationOf(m))]),
        ),
      );
    }
    await publishVersions(connection);
    await runDataTests(pool);
  } finally {
    for (const extra of pool.slice(1)) extra.closeSync();
  }
}

/**
 * `reports.superseded_by` and `reports.is_current`, the columns analysts filter on, as
 * int_report_versions decides. Where `reports` is a view over exported Parquet (`jixiao models
 * --parquet`), the export already carries them.
 */
async function publishVersions(connection: DuckDBConnection): Promise<void> {
  const reader = await connection.runAndReadAll(`select count(*) from duckdb_tables() where schema_name = 'main' and table_name = 'reports'`);
  if (!Number(reader.getRows()[0][0])) return;
  await connection.run(`update reports set superseded_by = v.superseded_by, is_current = v.is_current
    from int_report_versions as v
    where v.report_id = reports.report_id
      and (reports.superseded_by is distinct from v.superseded_by or reports.is_current is distinct from v.is_current)`);
}

/**
 * How many loaded files a newer version supersedes, by the versions model alone: for a shard's store,
 * which runs no models (a build and a merge count reports.superseded_by once the models have run).
 */
export async function supersededCount(connection: DuckDBConnection, dir = MODELS_DIR): Promise<number> {
  const versions = listModels(dir).find((m) => m.name === 'int_report_versions');
  if (!versions) throw new Error(`模型 intermediate/int_report_versions.sql 不存在：${dir}`);
  const reader = await connection.runAndReadAll(`select count(*) from (\n${versions.sql}\n) where not is_current`);
  return Number(reader.getRows()[0][0]);
}

const CATALOG_COMMENTS = [
  `comment on table rules is '规则目录及当前阈值 / rule catalog with current thresholds'`,
  `comment on column rules.rule_id is '规则编号 / rule id'`,
  `comment on column rules.tier is '层级 1/2 / tier'`,
  `comment on column rules.title is '规则名称 / title'`,
  `comment on column rules.default_severity is '严重程度规则 / how severity is set'`,
  `comment on column rules.enabled is '是否启用 / enabled'`,
  `comment on column rules.settings is '当前阈值（JSON） / current thresholds'`,
  `comment on column rules.default_parameters is '默认参数 / default parameters'`,
  `comment on column rules.meaning is '含义 / what it means'`,
  `comment on column rules.doc is '说明文档 / documentation page'`,
  `comment on column rules.meaning_zh is '含义（中文） / what it means, in Chinese'`,
  `comment on column rules.severity_zh is '严重程度规则（中文） / how severity is set, in Chinese'`,
  `comment on column rules.reports_flagged is '被标记的报告数 / reports flagged'`,
  `comment on column rules.flags is '标记数 / flags'`,
];
