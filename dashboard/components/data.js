import {FileAttachment} from "observablehq:stdlib";

// Columnar JSON ({columns, rows}) from the data loaders → arrays of objects.
export function rowsOf(table) {
  if (!table || !table.columns) return [];
  const {columns, rows} = table;
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
}

// the severities, most serious first, with their Chinese names and colours: the warehouse's severities
// table (pipeline/models/severity.ts), printed by data/severities.json.js. No page names a severity or
// picks its colour itself (tests/unit/dashboard-severity.test.ts).
const severityRows = (await FileAttachment("../data/severities.json").json()).sort((a, b) => a.severity_rank - b.severity_rank);
export const SEVERITIES = severityRows.map((s) => s.severity);
export const SEVERITY_ZH = Object.fromEntries(severityRows.map((s) => [s.severity, s.severity_zh]));
/** The most serious severity. */
export const MOST_SERIOUS = SEVERITIES[0];
// a report without flags is drawn in a neutral grey, apart from every severity
export const SEVERITY_COLOR = {...Object.fromEntries(severityRows.map((s) => [s.severity, s.severity_color])), none: "#d9d9d9"};
/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function inkOn(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(String(hex).slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? "black" : "white";
}
// the colours as CSS variables (--severity-critical …), for the styles that follow a severity's colour
for (const s of SEVERITIES) document.documentElement.style.setProperty(`--severity-${s}`, SEVERITY_COLOR[s]);
/** Each severity's table column (its count), headed by its name: for Inputs.table columns and header. */
export const severityColumns = (prefix = "") => ({columns: SEVERITIES, header: Object.fromEntries(SEVERITIES.map((s) => [s, `${prefix}${SEVERITY_ZH[s]}`]))});
// the review priority and the light as the site data computes them (pipeline/site-data/triage-terms.ts),
// from the same definition: each severity's weight and light in severities.json
const PRIORITY_WEIGHT = Object.fromEntries(severityRows.map((s) => [s.severity, s.priority_weight]));
/** The priority formula, each severity by its name and weight. */
export const priorityFormula = () => SEVERITIES.map((s) => (PRIORITY_WEIGHT[s] === 1 ? SEVERITY_ZH[s] : `${SEVERITY_ZH[s]} × ${PRIORITY_WEIGHT[s]}`)).join(" + ");
/** What each light means: that of the most serious severity flagged; without, the least serious one's. */
export const lightRule = () =>
  [...severityRows.slice(0, -1).map((s) => `${s.light}灯：有${s.severity_zh}标记`), `${severityRows.at(-1).light}灯：其余`].join("；");

export const severityRank = (s) => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : SEVERITIES.length);

const wanFormat = new Intl.NumberFormat("zh-CN", {minimumFractionDigits: 2, maximumFractionDigits: 2});
/** An amount in 万元 with thousands separators; "—" where the report states none. */
export const wan = (x) => (x === null || x === undefined || Number.isNaN(x) ? "—" : `${wanFormat.format(x)} 万元`);
export const num = (x, digits = 2) =>
  x === null || x === undefined ? "—" : new Intl.NumberFormat("zh-CN", {maximumFractionDigits: digits}).format(x);

export const unitHref = (id) => `./unit.html?id=${encodeURIComponent(id)}`;
/** The page of a region, by any spelling of it (the page finds its region by containment); optionally one year. */
export const regionHref = (region, year) =>
  `./region.html?${new URLSearchParams({region, ...(year !== null && year !== undefined ? {year: String(year)} : {})})}`;

export const KIND_ZH = {department: "部门整体", project: "项目支出"};
export const kindLabel = (k) => KIND_ZH[k] ?? "类型未识别";
