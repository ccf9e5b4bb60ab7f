/**
 * The answer key's peer outliers: the reports a careful reader would single out
 * among their peers (same fiscal year, report kind and kind of unit), computed
 * from the figures as the generator wrote them, with the definition of the
 * `peer_outlier` rule (robust z from the median and the median absolute
 * deviation). The warehouse computes the same from what was extracted, so the
 * two agree only when every figure was read right.
 */

export interface PeerFigures {
  file: string;
  /** fiscal year, report kind and kind of unit */
  group: string;
  figures: Record<string, number | null>;
}

/** The kind of unit from its name, as `stg_unit_types` tells it. */
export function unitTypeOf(unit: string): string {
  if (/(镇|乡|街道)(人民政府|办事处)?$/.test(unit)) return 'township';
  if (/(学校|中学|小学|幼儿园|学院|大学)$/.test(unit)) return 'school';
  if (/(医院|卫生院|疾病预防控制中心|疾控中心|卫生服务中心)$/.test(unit)) return 'health';
  if (/局$/.test(unit)) return 'bureau';
  if (/(办公室|委员会|部)$/.test(unit)) return 'office';
  return 'other';
}

/** The median as DuckDB computes it: the mean of the two middle values of an even count. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function peerOutliers(reports: PeerFigures[], settings: { max_abs_z: number; min_peers: number; enabled: boolean }): Set<string> {
  const outliers = new Set<string>();
  if (!settings.enabled) return outliers;
  const groups = new Map<string, { file: string; value: number }[]>();
  for (const r of reports) {
    for (const [metric, value] of Object.entries(r.figures)) {
      if (value === null) continue;
      const key = `${r.group}|${metric}`;
      const members = groups.get(key) ?? [];
      members.push({ file: r.file, value });
      groups.set(key, members);
    }
  }
  for (const members of groups.values()) {
    if (members.length - 1 < settings.min_peers) continue;
    const middle = median(members.map((m) => m.value));
    const mad = median(members.map((m) => Math.abs(m.value - middle)));
    if (!(mad > 0)) continue;
    for (const m of members) if (Math.abs((0.6745 * (m.value - middle)) / mad) >= settings.max_abs_z) outliers.add(m.file);
  }
  return outliers;
}
