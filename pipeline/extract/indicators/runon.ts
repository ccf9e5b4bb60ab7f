/**
 * An indicator table run together in one paragraph, its cells printed with no separator
 * ("…产出指标(70分)数量指标安装路灯10≥20盏≥20盏10质量指标…总分100100"). The level headings cut
 * it into groups; within a group a row is its name (words up to the first figure), then its
 * figures in the header's order, where a figure may end at any digit: every cut that keeps each
 * 分值 and 得分 a figure of at most 100 without a leading zero, 得分 ≤ 分值, and each target and
 * actual a measure (≥20盏, 95%, 20万元) or a text written twice (显著提升显著提升) is a reading,
 * and the table's totals choose between them (records.ts). Read only where the column after the
 * name is 分值 or 得分: a name followed by a text cannot be told from it.
 */
import { INDICATOR_COLUMNS, LEVEL1_WORDS, LEVEL2_WORDS, isMeasureUnitCell, type IndicatorColumn } from '../form/index.ts';
import { valueCell, type StreamCell } from './cells.ts';
import { settle, type BudgetRowFigures, type Group, type GroupReading, type RowsOutcome } from './records.ts';

type ValueToken = { kind: 'value'; value: ReturnType<typeof valueCell>; cell: StreamCell };

const MAX_READINGS = 400;
const COMPARATOR_RE = /^(≥|≧|>=|≤|≦|<=|>|<|＞|＜|=|═|＝|不低于|不少于|不高于|不超过|达到|大于|小于)/;
const DEVIATION_START = /^(偏差|未完成|原因|存在问题)/;
const END_WORDS = /(自评)?(总分|总得分|合计)|注[:：]|其他需要说明|其它需要说明/;
const UNIT_WORDS = ['%', '‰', '平方米', '立方米', '公里', '千米', '厘米', '毫米', '公顷', '公斤', '千克', '万人次', '万人', '人次', '万元', '亿元', '小时', '工作日', '米', '元', '个', '人', '户', '次', '天', '日', '月', '年', '项', '件', '所', '家', '座', '台', '套', '辆', '间', '张', '份', '册', '本', '篇', '场', '期', '批', '棵', '株', '亩', '吨', '条', '处', '名', '位', '村', '盏', '块', '栋', '部', '宗', '类', '㎡'];
const SUFFIX_RE = /^(及以上|以上|及以下|以下|以内)/;

// heading spellings of the indicator columns, longest first
const HEADINGS = INDICATOR_COLUMNS.flatMap((d) => [...d.contains, ...(d.startsWith ?? [])].map((w) => ({ w, col: d.column })))
  .filter((x) => x.w.length >= 2)
  .sort((a, b) => b.w.length - a.w.length);

const HEADING_QUALIFIERS = ['年度', '年初', '全年', '年终', '本年', '实际', '预期'];

const LEVEL_WORDS = [...new Set([...LEVEL1_WORDS, ...LEVEL2_WORDS])].sort((a, b) => b.length - a.length);

/** The header run together: its columns in order, and where it ends. */
function runOnHeader(s: string): { columns: IndicatorColumn[]; start: number; end: number } | null {
  const start = s.search(/一级指标|三级指标|指标名称/);
  if (start < 0) return null;
  const columns: IndicatorColumn[] = [];
  let i = start;
  while (i < s.length) {
    const skip = /^[（(][A-Za-z/+\-×*%\d]{1,8}[)）]/.exec(s.slice(i));
    if (skip) {
      i += skip[0].length;
      continue;
    }
    if (DEVIATION_START.test(s.slice(i))) {
      // the 偏差原因 heading runs on to the first level heading
      const next = levelAt(s, i + 2, true);
      if (next < 0) return null;
      columns.push('deviation');
      i = next;
      break;
    }
    // 年度指标值, 全年实际值: a qualifier before the heading word
    const qualifier = HEADING_QUALIFIERS.find((q) => s.startsWith(q, i) && HEADINGS.some((x) => s.startsWith(x.w, i + q.length)));
    if (qualifier) i += qualifier.length;
    const h = HEADINGS.find((x) => s.startsWith(x.w, i));
    if (!h) break;
    if (!columns.includes(h.col)) columns.push(h.col);
    i += h.w.length;
  }
  if (!columns.includes('name') || !(columns.includes('weight') || columns.includes('score'))) return null;
  return { columns, start, end: i };
}

/** The first level heading at or after `from` (its index), or -1. */
function levelAt(s: string, from: number, level1Only = false): number {
  for (let i = from; i < s.length; i++) if ((level1Only ? LEVEL1_WORDS : LEVEL_WORDS).some((w) => s.startsWith(w, i))) return i;
  return -1;
}

/** Every end of a figure at `i`: no leading zero, an optional decimal part. */
function numberEnds(s: string, i: number): number[] {
  const m = /^\d+(\.\d+)?/.exec(s.slice(i));
  if (!m) return [];
  const out: number[] = [];
  for (let k = 1; k <= m[0].length; k++) {
    const t = m[0].slice(0, k);
    if (/^(0|[1-9]\d*)(\.\d*[0-9])?$/.test(t)) out.push(i + k);
  }
  return out;
}

function pointsEnds(s: string, i: number): number[] {
  return numberEnds(s, i).flatMap((e) => {
    if (Number(s.slice(i, e)) > 100) return [];
    return s[e] === '分' ? [e, e + 1] : [e];
  });
}

/** Ends of a target or actual written as a measure: comparator, figure, unit, 以上. */
function measureEnds(s: string, i: number): number[] {
  const cmp = COMPARATOR_RE.exec(s.slice(i));
  const at = i + (cmp ? cmp[0].length : 0);
  const out: number[] = [];
  // a target or actual takes its figure whole (only 分值 and 得分 are cut from a run of digits)
  for (const e of numberEnds(s, at).filter((e) => !/\d/.test(s[e] ?? ''))) {
    const units = UNIT_WORDS.filter((u) => s.startsWith(u, e)).map((u) => e + u.length);
    for (const u of [e, ...units]) {
      const suffix = SUFFIX_RE.exec(s.slice(u));
      out.push(suffix ? u + suffix[0].length : u);
    }
  }
  return out;
}

const isFigureStart = (s: string, i: number) => /\d/.test(s[i] ?? '') || COMPARATOR_RE.test(s.slice(i));

/** The words from `i` up to the next figure or comparator. */
function wordsRun(s: string, i: number): number {
  let k = i;
  while (k < s.length && !isFigureStart(s, k)) k++;
  return k;
}

interface RunOnRow {
  name: [number, number];
  cells: Partial<Record<IndicatorColumn, [number, number]>>;
  cost: number;
}

/** The rows of one group (between two level headings). */
function groupRows(s: string, valueColumns: IndicatorColumn[]): RunOnRow[][] {
  const memo = new Map<number, RunOnRow[][]>();
  const from = (i: number): RunOnRow[][] => {
    if (i === s.length) return [[]];
    const hit = memo.get(i);
    if (hit) return hit;
    const out: RunOnRow[][] = [];
    const nameEnd = wordsRun(s, i);
    if (nameEnd - i >= 2 && nameEnd < s.length && !isMeasureUnitCell(s.slice(i, nameEnd))) {
      const values = (k: number, ci: number, acc: RunOnRow['cells'], cost: number) => {
        if (out.length > MAX_READINGS) return;
        if (ci === valueColumns.length) {
          const w = acc.weight ? Number(s.slice(...acc.weight).replace('分', '')) : null;
          const sc = acc.score ? Number(s.slice(...acc.score).replace('分', '')) : null;
          if (w !== null && sc !== null && sc > w) return;
          if (k < s.length && isFigureStart(s, k)) return;
          for (const rest of from(k)) out.push([{ name: [i, nameEnd], cells: acc, cost }, ...rest]);
          return;
        }
        const col = valueColumns[ci];
        if (col === 'weight' || col === 'score') {
          for (const e of pointsEnds(s, k)) values(e, ci + 1, { ...acc, [col]: [k, e] }, cost);
          return;
        }
        // target or actual
        if (isFigureStart(s, k)) {
          for (const e of measureEnds(s, k)) values(e, ci + 1, { ...acc, [col]: [k, e] }, cost);
          return;
        }
        const run = wordsRun(s, k);
        const text = s.slice(k, run);
        const bothText = col === 'target' && valueColumns[ci + 1] === 'actual';
        if (bothText && text.length % 2 === 0 && text.slice(0, text.length / 2) === text.slice(text.length / 2)) {
          const mid = k + text.length / 2;
          values(run, ci + 2, { ...acc, target: [k, mid], actual: [mid, run] }, cost);
        } else if (bothText && text.length >= 2) {
          // two texts run together: where one ends cannot be told, neither is stored
          values(run, ci + 2, acc, cost + 1);
        } else if (text.length >= 2 && !isMeasureUnitCell(text)) values(run, ci + 1, { ...acc, [col]: [k, run] }, cost);
      };
      values(nameEnd, 0, {}, 0);
    }
    const least = Math.min(...out.map((r) => r.reduce((a, x) => a + x.cost, 0)));
    const kept = out.filter((r) => r.reduce((a, x) => a + x.cost, 0) === least);
    memo.set(i, kept);
    return kept;
  };
  return from(0);
}

/** The 总分 row's figures run together (100100): 分值 then 得分, 得分 ≤ 分值 ≤ 100. */
function totalFigures(s: string): { weight: number; score: number } | null {
  const pairs = numberEnds(s, 0).flatMap((e) => {
    const w = Number(s.slice(0, e));
    if (w > 100) return [];
    return numberEnds(s, e)
      .filter((f) => f === e + (/^\d+(\.\d+)?/.exec(s.slice(e))?.[0].length ?? 0))
      .map((f) => ({ weight: w, score: Number(s.slice(e, f)) }))
      .filter((p) => p.score <= p.weight);
  });
  return pairs.length === 1 ? pairs[0] : null;
}

/**
 * The rows of an indicator table run together in `text`, or why none can be read.
 * Null where the text holds no header of the indicator table.
 */
export function readRunOnTable(text: string, location: string, budget: BudgetRowFigures): { outcome: RowsOutcome; headerText: string } | null {
  const s = text.replace(/[\s\u3000\u00a0]+/g, '');
  const header = runOnHeader(s);
  if (!header) return null;
  const headerText = s.slice(header.start, header.end);
  const first = header.columns.indexOf('name');
  const afterName = header.columns[first + 1];
  if (afterName !== 'weight' && afterName !== 'score') {
    return { outcome: { ok: false, reason: '绩效指标表的单元格连写在一段文字中，指标名称之后是文字列，名称在何处结束无法确定，未读取' }, headerText };
  }
  const valueColumns = header.columns.filter((c): c is 'weight' | 'score' | 'target' | 'actual' => c === 'weight' || c === 'score' || c === 'target' || c === 'actual');
  const endAt = s.slice(header.end).search(END_WORDS);
  const body = (endAt < 0 ? s.slice(header.end) : s.slice(header.end, header.end + endAt)).replace(/[…．.·]{2,}|…/g, '');
  const totalMatch = endAt < 0 ? null : /^(自评)?(总分|总得分|合计)(\d[\d.]*)/.exec(s.slice(header.end + endAt));
  const totals = totalMatch ? totalFigures(totalMatch[3]) : null;

  // groups between level headings
  const groups: { text: string; level1: string | null; level1Weight: number | null; level2: string | null }[] = [];
  let level1: string | null = null;
  let level1Weight: number | null = null;
  let level2: string | null = null;
  let i = 0;
  let groupStart = 0;
  const close = (end: number) => {
    if (end > groupStart) groups.push({ text: body.slice(groupStart, end), level1, level1Weight, level2 });
  };
  while (i < body.length) {
    const w = LEVEL_WORDS.find((x) => body.startsWith(x, i));
    if (!w) {
      i++;
      continue;
    }
    close(i);
    let end = i + w.length;
    const weight = /^[（(](\d+(?:\.\d+)?)分[)）]/.exec(body.slice(end));
    if (weight) end += weight[0].length;
    const nextIsLevel2 = LEVEL2_WORDS.some((x) => body.startsWith(x, end));
    if (LEVEL1_WORDS.includes(w) && (!LEVEL2_WORDS.includes(w) || nextIsLevel2)) {
      level1 = w;
      level1Weight = weight ? Number(weight[1]) : null;
      level2 = null;
    } else level2 = w;
    i = end;
    groupStart = end;
  }
  close(body.length);
  if (!groups.length) return { outcome: { ok: false, reason: '表头之后没有指标行' }, headerText };

  const token = (a: number, b: number, g: string): ValueToken => ({ kind: 'value', value: valueCell(g.slice(a, b)), cell: { text: g.slice(a, b), location } });
  const perGroup: { g: Group; readings: GroupReading[] }[] = [];
  for (const g of groups) {
    const readings = groupRows(g.text, valueColumns);
    if (!readings.length) return { outcome: { ok: false, reason: `“${g.text.slice(0, 20)}”连写的单元格排不进表头的各列（${g.level2 ?? g.level1 ?? '表头后'}）` }, headerText };
    // a row that lost points usually says why after its 得分, where the next row's name begins: not told apart
    const asGroup: GroupReading[] = readings.map((rows) => ({
      rows: rows.map((r) => ({
        name: token(...r.name, g.text),
        span: [token(r.name[0], Math.max(...Object.values(r.cells).map((c) => c[1]), r.name[1]), g.text)],
        cells: Object.fromEntries(Object.entries(r.cells).map(([col, [a, b]]) => [col, token(a, b, g.text)])),
      })),
      cost: rows.reduce((a, x) => a + x.cost, 0),
    }));
    perGroup.push({ g: { values: [], level1: g.level1, level1Weight: g.level1Weight, level2: g.level2 }, readings: asGroup });
  }
  const outcome = settle(perGroup, valueColumns, {
      totalWeight: totals?.weight ?? null,
      totalScore: totals?.score ?? null,
      hasTotalRow: totalMatch !== null,
      budget,
      weighted: valueColumns.includes('weight'),
      leftOver: 0,
  });
  // a row that lost points usually says why after its 得分, where the next row's name begins: the two cannot be told apart
  if (outcome.ok && header.columns.includes('deviation')) {
    const rows = outcome.table.rows;
    const early = rows.find((r, k) => k + 1 < rows.length && rows[k + 1].group === r.group && (r.cells.score?.value.points ?? 0) < (r.cells.weight?.value.points ?? 0));
    if (early) return { outcome: { ok: false, reason: `连写的指标行“${early.name.value.text}”失分，其后的偏差原因与下一行的名称无法分开，未读取` }, headerText };
  }
  return { outcome, headerText };
}

