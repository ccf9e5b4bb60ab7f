import * as Plot from "@observablehq/plot";
import {SEVERITIES, SEVERITY_COLOR, SEVERITY_ZH, unitHref, wan} from "./data.js";

const severityScale = {
  legend: true,
  domain: [...SEVERITIES, "none"],
  range: [...SEVERITIES, "none"].map((s) => SEVERITY_COLOR[s]),
  tickFormat: (s) => SEVERITY_ZH[s] ?? "无标记"
};

const wanTickFormat = new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 2});
// log axes: label powers of ten and their 2× and 5× only, so ticks do not crowd
const wanTick = (d) => (/^[125]/.test(String(d)) ? wanTickFormat.format(d) : "");

/** Initial budget against actual spending, log scales, guide lines at 1×, 1.5× and 3×. */
export function budgetScatter(reports, {width} = {}) {
  const points = reports.filter((r) => r.initial > 0 && r.actual > 0).map((r) => ({...r, worst: r.worst ?? "none"}));
  const values = points.flatMap((r) => [r.initial, r.actual]);
  const lo = values.length ? Math.min(...values) / 1.5 : 1;
  const hi = values.length ? Math.max(...values) * 1.5 : 10;
  const guides = [1, 1.5, 3].map((k) => ({k, x1: lo, y1: lo * k, x2: hi, y2: hi * k}));
  return Plot.plot({
    title: "年初预算与实际支出（每点一份报告）",
    width,
    height: 420,
    marginLeft: 64, // room for "20,000"-wide tick labels
    // amounts with thousands separators (the default log ticks read "1k 10k")
    x: {type: "log", label: "年初预算（万元）→", domain: [lo, hi], grid: true, tickFormat: wanTick},
    y: {type: "log", label: "↑ 实际支出（万元）", domain: [lo, hi * 3], grid: true, tickFormat: wanTick},
    color: severityScale,
    marks: [
      // strokeDasharray is a constant option in Plot, not a channel: solid 1× and dashed 1.5×/3× are two marks
      Plot.link(guides.filter((d) => d.k === 1), {x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: "#888"}),
      Plot.link(guides.filter((d) => d.k !== 1), {x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: "#888", strokeDasharray: "4,3"}),
      Plot.text(guides, {x: "x2", y: "y2", text: (d) => `${d.k}×`, dx: -14, dy: 10, fill: "#555"}),
      Plot.dot(points, {
        x: "initial",
        y: "actual",
        r: 5,
        fill: "worst",
        stroke: "#333",
        strokeWidth: 0.5,
        href: (d) => unitHref(d.id),
        title: (d) => `${d.unit ?? "（未识别单位）"} ${d.year ?? ""}\n年初预算 ${wan(d.initial)}\n实际支出 ${wan(d.actual)}\n标记 ${d.flags} 条`
      })
    ]
  });
}

/** Self-score against the number of flags. */
export function scoreVsFlags(reports, {width} = {}) {
  const points = reports.filter((r) => r.score !== null && r.score !== undefined).map((r) => ({...r, worst: r.worst ?? "none"}));
  return Plot.plot({
    title: "自评分与标记数",
    width,
    height: 320,
    // inset: a report scored 100 or with the most flags is drawn whole, not cut by the frame
    x: {label: "自评总分 →", grid: true, nice: true, inset: 12},
    y: {label: "↑ 标记数", grid: true, zero: true, nice: true, inset: 8},
    color: severityScale,
    marks: [
      Plot.dot(points, {
        x: "score",
        y: "flags",
        r: 5,
        fill: "worst",
        stroke: "#333",
        strokeWidth: 0.5,
        href: (d) => unitHref(d.id),
        title: (d) => `${d.unit ?? "（未识别单位）"} ${d.year ?? ""}：自评 ${d.score} 分，${d.flags} 条标记`
      })
    ]
  });
}

/** Units × rules: how many flags each unit has under each rule. */
export function unitRuleMatrix(cells, {width} = {}) {
  // the unit with the most flags first, as the caption (标记最多的 40 个单位) promises
  const totals = new Map();
  for (const d of cells) totals.set(d.unit ?? d.unit_key, (totals.get(d.unit ?? d.unit_key) ?? 0) + d.flags);
  const units = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a) || String(a).localeCompare(String(b), "zh"));
  // and the rule with the most flags leftmost
  const ruleTotals = new Map();
  for (const d of cells) ruleTotals.set(d.rule, (ruleTotals.get(d.rule) ?? 0) + d.flags);
  const rules = [...ruleTotals.keys()].sort((a, b) => ruleTotals.get(b) - ruleTotals.get(a) || String(a).localeCompare(String(b)));
  const titles = new Map(cells.map((d) => [d.rule, d.title ?? d.rule]));
  const most = Math.max(1, ...cells.map((d) => d.flags));
  // rule titles stand upright under their column: at -45° neighbouring titles of thirty-odd rules ran
  // into each other; the bottom margin fits the longest title (11 px a character)
  const longest = Math.max(2, ...[...titles.values()].map((t) => t.length));
  return Plot.plot({
    title: "单位 × 规则（标记数）",
    width,
    height: 50 + 11 * longest + 28 * Math.max(1, units.length),
    marginLeft: 210,
    marginBottom: 14 + 11 * longest,
    x: {label: null, domain: rules, tickRotate: -90, tickFormat: (r) => titles.get(r) ?? r},
    // long unit names are shortened on the axis; the cell's tooltip keeps the full name
    y: {label: null, domain: units, tickFormat: (u) => (u.length > 14 ? u.slice(0, 13) + "…" : u)},
    color: {scheme: "oranges", legend: true, label: "标记数"},
    marks: [
      Plot.cell(cells, {x: "rule", y: (d) => d.unit ?? d.unit_key, fill: "flags", title: (d) => `${d.unit ?? d.unit_key}\n${d.title ?? d.rule}：${d.flags} 条`}),
      // white figures on the darkest cells, so they stay legible
      Plot.text(cells, {x: "rule", y: (d) => d.unit ?? d.unit_key, text: "flags", fill: (d) => (d.flags >= 0.6 * most ? "white" : "black")})
    ]
  });
}

/** The budget path of one line: initial → full-year → actual. */
export function budgetPath(line, {width, label} = {}) {
  const steps = [
    {step: "年初预算", value: line.initial},
    {step: "全年预算", value: line.full_year},
    {step: "实际支出", value: line.actual}
  ].filter((d) => d.value !== null && d.value !== undefined);
  return Plot.plot({
    title: `预算路径：${label ?? (line.project ? `项目「${line.project}」` : "部门整体")}`,
    // the page width is 0 while the page is still being laid out: keep the plot area positive
    width: Math.max(320, Math.min(width || 640, 640)),
    height: 220,
    marginLeft: 80,
    marginRight: 110,
    x: {label: "万元 →", grid: true, tickFormat: (d) => d.toLocaleString("zh-CN")},
    y: {label: null, domain: ["年初预算", "全年预算", "实际支出"]},
    marks: [
      Plot.barX(steps, {x: "value", y: "step", fill: "#4e79a7"}),
      Plot.text(steps, {x: "value", y: "step", text: (d) => wan(d.value), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}

const GRADES = ["优", "良", "中", "差", "未填"];
const GRADE_COLOR = ["#238b45", "#74c476", "#fdae6b", "#d94801", "#bdbdbd"];

/** How many reports of each self-score grade (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below; 未填: no self-score). */
export function gradeMix(reports, {width} = {}) {
  const counts = GRADES.map((g) => ({grade: g, reports: reports.filter((r) => (r.grade ?? "未填") === g).length}));
  return Plot.plot({
    title: "自评等次分布（份）",
    width,
    height: 200,
    marginLeft: 50,
    x: {label: "报告（份）→", grid: true, tickFormat: (d) => (Number.isInteger(d) ? String(d) : "")},
    y: {label: null, domain: GRADES},
    color: {domain: GRADES, range: GRADE_COLOR},
    marks: [
      Plot.barX(counts, {x: "reports", y: "grade", fill: "grade"}),
      Plot.text(counts, {x: "reports", y: "grade", text: (d) => String(d.reports), dx: 10, fill: "#333"}),
      Plot.ruleX([0])
    ]
  });
}
