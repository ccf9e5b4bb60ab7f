// Data loaders print one prepared file each. `jixiao site` prepares them from the warehouse
// (JIXIAO_SITE_DATA) in one pass; see pipeline/site-data.
import {readFileSync} from "node:fs";
import {join} from "node:path";

export function emit(name) {
  const dir = process.env.JIXIAO_SITE_DATA;
  if (!dir) throw new Error("JIXIAO_SITE_DATA is not set: build the site with `npx jixiao site`");
  process.stdout.write(readFileSync(join(dir, "pages", name)));
}
