// Columnar JSON ({columns, rows}) from the data loaders → arrays of objects.
export function rowsOf(table) {
  if (!table || !table.columns) return [];
  const {columns, rows} = table;
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
}

export const SEVERITIES = ["critical", "warning", "info"];
export const SEVERITY_ZH = {critical: "严重", warning: "警告", info: "提示"};
// dark, medium and light: the three levels stay apart in grey as well
export const SEVERITY_COLOR = {critical: "#99000d", warning: "#e6842a", info: "#9ecae1", none: "#d9d9d9"};
export const severityRank = (s) => (s === "critical" ? 0 : s === "warning" ? 1 : s === "info" ? 2 : 3);

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
