import { FORM_FIELD_WORDS, SELF_EVALUATION_NAMES, wordsRe } from './form/index.ts';
/**
 * Whether text with no title line, unit, budget table or indicators is still a
 * self-evaluation form: a form flattened into run-on text names itself (自评表,
 * 自评报告) and uses the form's own field words. A letter or a contract that
 * mentions 绩效 uses neither.
 */
const SELF_NAMES = wordsRe(SELF_EVALUATION_NAMES);
const FORM_WORDS = wordsRe(FORM_FIELD_WORDS, 'g');

export function readsAsSelfEvaluationForm(text: string): boolean {
  if (!SELF_NAMES.test(text)) return false;
  return new Set(text.match(FORM_WORDS) ?? []).size >= 2;
}
