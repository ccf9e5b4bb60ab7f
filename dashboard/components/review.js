// Review decisions on the pages: the status of a flag (待复核 / 属实 / 误报 / 已整改), its deduction
// and comment, and 连续 N 年 when the unit was flagged by the same rule in consecutive years.
import {html} from "htl";

export const REVIEW_STATUSES = ["待复核", "属实", "误报", "已整改"];
const STATUS_CLASS = {待复核: "review-pending", 属实: "review-confirmed", 误报: "review-dismissed", 已整改: "review-corrected"};

export function statusBadge(status) {
  const s = status ?? "待复核";
  return html`<span class=${`review ${STATUS_CLASS[s] ?? ""}`}>${s}</span>`;
}

export function streakBadge(streak) {
  return streak >= 2 ? html`<span class="streak" title="同一单位同一规则连续出现的年数">连续 ${streak} 年</span>` : "";
}

/** Status, deduction and comment of one flag, for a table cell. */
export function reviewCell(f) {
  return html`<span class="review-cell">${statusBadge(f.status)}${f.deduction ? html` <b>扣 ${f.deduction} 分</b>` : ""}${f.comment ? html`<br><small>${f.comment}</small>` : ""}</span>`;
}
