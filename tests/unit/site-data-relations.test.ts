import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { referencedRelations } from '../../pipeline/models/order.ts';
import { listModels, relationOf } from '../../pipeline/models/run.ts';

/**
 * The dashboard reads marts only: every SQL text in pipeline/site-data names the marts (models/marts,
 * anomalies, rules, severities) and the run's own records (runs, ingest_errors, the reviewers'
 * decisions), never a loaded table, a staging or intermediate view or a rule's table.
 */

const SITE_DATA = join(import.meta.dirname, '..', '..', 'pipeline', 'site-data');
const RUN_RECORDS = ['runs', 'ingest_errors', 'flag_reviews'];
const allowed = new Set([...listModels().filter((m) => m.layer === 'marts').map(relationOf), 'anomalies', 'rules', 'severities', ...RUN_RECORDS]);

/** Every string and template literal of a TypeScript file that reads like SQL (interpolations as a placeholder). */
function sqlTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) texts.push(node.head.text + node.templateSpans.map((s) => ` x ${s.literal.text}`).join(''));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts.filter((t) => /\bselect\b/i.test(t) && /\bfrom\b/i.test(t));
}

describe('site data', () => {
  it('finds the relations of the SQL in a file (a raw table is caught)', () => {
    const file = join(SITE_DATA, 'pages.ts');
    const relations = new Set(sqlTexts(file).flatMap((t) => [...referencedRelations(t)]));
    expect(relations).toContain('report_summary');
    expect([...referencedRelations('select r.path from anomalies a join reports r using (report_id), stg_indicators')].filter((r) => !allowed.has(r))).toEqual(['reports', 'stg_indicators']);
  });

  it('reads marts and the run’s records only', () => {
    const files = readdirSync(SITE_DATA).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      for (const text of sqlTexts(join(SITE_DATA, f))) {
        const outside = [...referencedRelations(text)].filter((r) => !allowed.has(r));
        expect(outside, `${f}: ${text.slice(0, 200)}`).toEqual([]);
      }
    }
  });
});
