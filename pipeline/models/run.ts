import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RuleSettings } from './settings.ts';

/**
 * Runs the SQL models in dbt's spirit: each `.sql` file is one model named after
 * the file. `staging/` become views, `rules/` and `marts/` tables. The rules'
 * settings are set as DuckDB variables first; `anomalies` is the union of the
 * rules, built between the rules and the marts that read it.
 */

export const MODELS_DIR = dirname(fileURLToPath(import.meta.url));

export interface Model {
  name: string;
  layer: 'staging' | 'rules' | 'marts';
  sql: string;
  file: string;
}

export function listModels(dir = MODELS_DIR): Model[] {
  const layers = ['staging', 'rules', 'marts'] as const;
  return layers.flatMap((layer) =>
    readdirSync(join(dir, layer))
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

/** The rule id a rules/ model implements: `rules/spend_above_initial.sql` → `spend_above_initial`. */
export const ruleTable = (ruleId: string) => `rule_${ruleId}`;

export function settingsSql(settings: RuleSettings): string[] {
  const statements: string[] = [];
  for (const [ruleId, values] of Object.entries(settings)) {
    for (const [key, value] of Object.entries(values as Record<string, number | boolean>)) {
      statements.push(`set variable ${ruleId}__${key} = ${typeof value === 'boolean' ? value : Number(value)}`);
    }
  }
  return statements;
}

const ANOMALY_COLUMNS = 'report_id, project, rule_id, severity, subject, measured, measured_text, threshold, message, evidence, location';

export async function runModels(connection: DuckDBConnection, settings: RuleSettings, dir = MODELS_DIR): Promise<void> {
  for (const statement of settingsSql(settings)) await connection.run(statement);
  const models = listModels(dir);
  const run = async (m: Model) => {
    const kind = m.layer === 'staging' ? 'view' : 'table';
    const name = m.layer === 'rules' ? ruleTable(m.name) : m.name;
    try {
      await connection.run(`create or replace ${kind} ${name} as\n${m.sql}`);
    } catch (err) {
      throw new Error(`模型 ${m.layer}/${m.name}.sql 运行失败：${(err as Error).message}`);
    }
  };
  for (const m of models.filter((m) => m.layer === 'staging')) await run(m);
  const rules = models.filter((m) => m.layer === 'rules');
  for (const m of rules) await run(m);
  const enabled = rules.filter((m) => (settings as Record<string, { enabled?: boolean }>)[m.name]?.enabled !== false);
  const union = enabled.length
    ? enabled.map((m) => `select ${ANOMALY_COLUMNS} from ${ruleTable(m.name)}`).join('\nunion all\n')
    : `select ${ANOMALY_COLUMNS.split(', ').map((c) => `null as ${c}`).join(', ')} where false`;
  // the flag key depends only on report, project, rule and subject, so it is stable across rebuilds
  await connection.run(`create or replace table anomalies as
select md5(concat_ws('|', report_id, coalesce(project, ''), rule_id, subject)) as flag_key, ${ANOMALY_COLUMNS}
from (${union})
order by report_id, rule_id, subject`);
  for (const m of models.filter((m) => m.layer === 'marts')) await run(m);
}
