// Inputs.table as the pages use it: an empty selection says so in Chinese, with the reason and what
// to do (Inputs writes "No results."), and a header's tooltip is its Chinese header, not the column key.
import * as Inputs from "@observablehq/inputs";
import {html} from "htl";

/** `rows` as a table, or `empty` (text or a node) in a paragraph with id `emptyId` when there are none. */
export function table(rows, options, {empty = "没有符合条件的记录。", emptyId} = {}) {
  if (!rows.length) return html`<p class="empty" id=${emptyId ?? null}>${empty}</p>`;
  const form = Inputs.table(rows, options);
  const header = options.header ?? {};
  for (const th of form.querySelectorAll("thead th[title]")) {
    const key = th.getAttribute("title");
    if (key in header) th.setAttribute("title", typeof header[key] === "string" ? header[key] : th.textContent);
  }
  return form;
}
