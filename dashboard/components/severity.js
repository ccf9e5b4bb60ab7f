import {html} from "htl";
import {SEVERITY_ZH} from "./data.js";

/** A severity label; text goes through htl, so it is always escaped. */
export function severityBadge(severity) {
  if (!severity) return html`<span class="sev">无</span>`;
  return html`<span class="sev sev-${severity}">${SEVERITY_ZH[severity] ?? severity}</span>`;
}

/** The triage light: 红 with any 严重 flag, 黄 with any 警告, else 绿. */
export function lightBadge(light) {
  const cls = {红: "light-red", 黄: "light-yellow", 绿: "light-green"}[light] ?? "";
  return html`<span class=${`light ${cls}`}>${light ?? "—"}</span>`;
}
