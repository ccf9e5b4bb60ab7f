import {html} from "htl";
import {SEVERITIES, SEVERITY_COLOR, SEVERITY_ZH, inkOn} from "./data.js";

/** A severity label in its colour; text goes through htl, so it is always escaped. */
export function severityBadge(severity) {
  if (!severity) return html`<span class="sev">无</span>`;
  const color = SEVERITY_COLOR[severity];
  return html`<span class="sev" data-severity=${severity} style=${color ? {background: color, color: inkOn(color)} : {}}>${SEVERITY_ZH[severity] ?? severity}</span>`;
}

/** The count of each severity after its badge, most serious first, zeros left out. */
export function severityCounts(counts) {
  const shown = SEVERITIES.filter((s) => counts[s] > 0);
  return shown.length ? html`${shown.map((s, i) => html`${i ? " " : ""}<span class="sev-count">${severityBadge(s)} ${counts[s]}</span>`)}` : "—";
}

/** The triage light: 红 with a flag of the most serious severity, 黄 with one of the next, else 绿. */
export function lightBadge(light) {
  const cls = {红: "light-red", 黄: "light-yellow", 绿: "light-green"}[light] ?? "";
  return html`<span class=${`light ${cls}`}>${light ?? "—"}</span>`;
}
