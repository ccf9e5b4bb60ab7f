import {html} from "htl";
import {SEVERITY_ZH} from "./data.js";

/** A severity label; text goes through htl, so it is always escaped. */
export function severityBadge(severity) {
  if (!severity) return html`<span class="sev">无</span>`;
  return html`<span class="sev sev-${severity}">${SEVERITY_ZH[severity] ?? severity}</span>`;
}
