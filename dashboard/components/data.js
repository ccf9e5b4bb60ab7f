import {FileAttachment} from "observablehq:stdlib";

// Columnar JSON ({columns, rows}) from the data loaders → arrays of objects.
export function rowsOf(table) {
  if (!table || !table.columns) return [];
  const {columns, rows} = table;
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
}

// the severities, most serious first, with their Chinese names: the warehouse's severities table
// (pipeline/models/severity.ts), printed by data/severities.json.js
const severityRows = await FileAttachment("../data/severities.json").json();
export const SEVERITIES = severityRows.map((s) => s.severity);
export const SEVERITY_ZH = Object.fromEntries(severityRows.map((s) => [s.severity, s.severity_zh]));
// dark, medium and light: the three levels stay apart in grey as well
export const SEVERITY_COLOR = {critical: "#99000d", warning: "#e6842a", info: "#9ecae1", none: "#d9d9d9"};
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
