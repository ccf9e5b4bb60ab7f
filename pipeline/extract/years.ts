import type { YearMention } from './report.ts';

/**
 * Every year written in the text, with the role its context gives it. Only
 * `title`, `table_header` and `this_period` years claim to be the evaluated
 * year; the rest is context (document numbers, plans, comparisons, dates).
 */
export function findYearMentions(text: string, titleEnd: number, fiscalYear: number | null): YearMention[] {
  const out: YearMention[] = [];
  const re = /(?<![\d.])((?:19|20)\d{2})(?![\d.])/g;
  for (const m of text.matchAll(re)) {
    const at = m.index!;
    const year = Number(m[1]);
    const before = text.slice(Math.max(0, at - 14), at);
    const after = text.slice(at + 4, at + 24);
    // 2000万元, 2000亩, 2000份: a quantity, not a year
    if (/^\s*(万|亿|元|亩|人|份|个|平方|吨|户|次|件|名|米|公里|千)/.test(after)) continue;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const snippet = text.slice(Math.max(lineStart, at - 20), Math.min(lineEnd < 0 ? text.length : lineEnd, at + 30));
    out.push({ offset: at, year, role: roleOf(before, after, line, at < titleEnd, fiscalYear, year), snippet });
  }
  return out;
}

function roleOf(before: string, after: string, line: string, inTitle: boolean, fiscalYear: number | null, year: number): YearMention['role'] {
  // 崇财发【2022】7号, 湘工发〔2018〕20号, 渌办（2019)17号, 洪财绩2023 1号
  if (/[〔【\[［（(]\s*$/.test(before) && /^\s*[〕】\]］）)]/.test(after)) return 'document_number';
  if (/[发办字函绩通]\s*$/.test(before) && /^\s*[〕】\]）)]?\s*\d+\s*号/.test(after)) return 'document_number';
  if (/^\s*[〕】\]］）)]\s*\d+\s*号/.test(after)) return 'document_number';
  // portal index codes: 01526035-8-/2020-0828015, 11500233709436995H/2025-00204
  if (/[/A-Za-z]$/.test(before) || /^[-/]\d{3,}/.test(after)) return 'document_number';
  if (/^\s*[-—~至到]\s*(19|20)\d{2}/.test(after) || /(19|20)\d{2}\s*[-—~至到]\s*$/.test(before)) return 'plan';
  if (/十[一二三四五六]五|规划|计划纲要/.test(after.slice(0, 8))) return 'plan';
  // 2025年9月15日, 2021.5.18
  if (/^\s*年\s*\d{1,2}\s*月/.test(after) || /^[.\-/]\d{1,2}[.\-/]\d{1,2}/.test(after)) {
    return 'date';
  }
  if (/上年|去年|同比|上一年|较上|比上|前一年|上年度/.test(line) && !/^\s*年度?\s*(实际完成值|实际完成)/.test(after)) return 'comparison';
  if (/由\s*$/.test(before) || /^\s*年[^，。]{0,12}(到|至)今年/.test(after) || /(比|较)\s*$/.test(before)) return 'comparison';
  if (inTitle) return 'title';
  if (/^\s*年度?\s*(实际完成值|实际完成|完成值|项目支出|基本支出|部门整体支出|整体支出|决算支出|预算执行|支出合计|收入合计|绩效目标|部门整体绩效|度部门整体)/.test(after)) {
    return 'this_period';
  }
  if (/^\s*年度?\s*(决算数|预算数|实际)/.test(after) && fiscalYear !== null && year < fiscalYear) return 'comparison';
  return 'other';
}
