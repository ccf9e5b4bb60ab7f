import type { Section } from './report.ts';
import { squash } from './text.ts';

const HEADING = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[、.．]\s*(?=[\u4e00-\u9fa5]{2,16}$)|第[一二三四五六七八九十]+[部章节])/;
const PROBLEMS = /存在(的)?(主要)?问题|问题及原因|问题和原因|存在问题/;
const MEASURES = /改进措施|下一步|整改措施|改进意见/;

/** The problems and the measures sections: a heading line and the lines up to the next heading. */
export function findSections(paragraphs: string[]): Section[] {
  const out: Section[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = squash(paragraphs[i]);
    if (p.length > 30) continue;
    const kind = PROBLEMS.test(p) ? 'problems' : MEASURES.test(p) && !/拟应用|结果应用/.test(p) ? 'measures' : null;
    if (!kind) continue;
    if (!HEADING.test(p) && !/^[\u4e00-\u9fa5（）()]+$/.test(p)) continue;
    const body: string[] = [];
    for (let k = i + 1; k < paragraphs.length; k++) {
      const q = squash(paragraphs[k]);
      if (HEADING.test(q) && q.length <= 30 && (PROBLEMS.test(q) || MEASURES.test(q) || /^[一二三四五六七八九十]+[、.．]|^\d+[、.．]\s*[\u4e00-\u9fa5]{2,16}(情况|措施|建议)$/.test(q))) break;
      if (/^[一二三四五六七八九十]+[、.．]/.test(q)) break;
      body.push(paragraphs[k]);
      if (body.join('').length > 4000) break;
    }
    out.push({ kind, heading: paragraphs[i], text: body.join('\n') });
  }
  return out;
}
