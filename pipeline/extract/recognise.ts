import { FORM_FIELD_WORDS, SELF_EVALUATION_NAMES, wordsRe } from './form/index.ts';
import type { Report } from './report.ts';
/**
 * Whether text with no title line, unit, budget table or indicators is still a
 * self-evaluation form: a form flattened into run-on text names itself (自评表,
 * 自评报告) and uses the form's own field words. A letter or a contract that
 * mentions 绩效 uses neither.
 */
const SELF_NAMES = wordsRe(SELF_EVALUATION_NAMES);
const FORM_WORDS = wordsRe(FORM_FIELD_WORDS, 'g');

function readsAsSelfEvaluationForm(text: string): boolean {
  if (!SELF_NAMES.test(text)) return false;
  return new Set(text.match(FORM_WORDS) ?? []).size >= 2;
}

// 绩效 / 自评 in either script: a report in traditional characters is still one
const PERFORMANCE_WORDS = /绩效|自评|績效|自評/;

/** Whether the extracted text is a self-evaluation report at all. */
export function looksLikeReport(report: Report): boolean {
  if (!PERFORMANCE_WORDS.test(report.text)) return false;
  if (report.title !== null || report.budgetLines.length > 0 || report.indicators.length > 0 || report.unit !== null) return true;
  return readsAsSelfEvaluationForm(report.text);
}
