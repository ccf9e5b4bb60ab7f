import { readFileSync } from 'node:fs';
import { openWarehouse } from '../load/query.ts';

/** Report-level recall and precision of every rule against a corpus's answer key. */

interface RuleScore {
  rule: string;
  expected: number;
  flagged: number;
  found: number;
  recall: number;
  precision: number;
}

export async function scoreAgainstKey(db: string, keyFile: string): Promise<RuleScore[]> {
  const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { reports: string[]; flags: { file: string; rule: string }[] };
  const w = await openWarehouse(db);
  try {
    const flags = await w.query('select distinct r.file_name, a.rule_id from anomalies a join reports r using (report_id)');
    const rules = [...new Set([...key.flags.map((k) => k.rule), ...flags.map((f) => String(f.rule_id))])].sort();
    return rules.map((rule) => {
      const expected = new Set(key.flags.filter((k) => k.rule === rule).map((k) => k.file));
      const flagged = new Set(flags.filter((f) => f.rule_id === rule).map((f) => String(f.file_name)));
      const found = [...expected].filter((f) => flagged.has(f)).length;
      return {
        rule,
        expected: expected.size,
        flagged: flagged.size,
        found,
        recall: expected.size ? found / expected.size : 1,
        precision: flagged.size ? found / flagged.size : 1,
      };
    });
  } finally {
    w.close();
  }
}
