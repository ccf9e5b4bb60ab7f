// Rule parameters (jixiao.config.json → rules.<rule>.<parameter>) as the bureau reads them.
// The configuration keeps the English keys; the pages show these names and the values in use.

const share = (v) => `${Math.round(v * 1000) / 10}%`;
const plain = (v) => String(v);
const times = (v) => `${v} 倍`;
const pct = (v) => `${v}%`;

export const PARAMETERS = {
  warning_ratio: ["警告倍数", times],
  critical_ratio: ["严重倍数", times],
  min_rows: ["最少行数", plain],
  tolerance_per_part: ["每个分项的容差（万元）", plain],
  min_tolerance: ["最小容差（万元）", plain],
  complete_share: ["分项完整比例", share],
  tolerance: ["容差（分）", plain],
  total: ["权重合计", plain],
  rate_tolerance_pct: ["执行率容差（百分点）", plain],
  score_tolerance: ["得分容差（分）", plain],
  share_of_weight: ["得分占分值比例", share],
  warning_share: ["警告调整幅度", share],
  critical_share: ["严重调整幅度", share],
  min_adjustment_share: ["最小调整幅度", share],
  warning_pct: ["警告执行率", pct],
  critical_pct: ["严重执行率", pct],
  min_share: ["最低相同比例", share],
  max_abs_z: ["偏离倍数（稳健 z 值）", plain],
  min_peers: ["最少同类单位数", plain],
  max_p: ["显著性水平 p", plain],
  min_mad: ["最小平均绝对偏差", plain],
  min_amounts: ["最少金额个数", plain],
  min_chars: ["最少相同字数", plain],
  boilerplate_unit_share: ["套话判定单位比例", share]
};

export const parameterName = (key) => PARAMETERS[key]?.[0] ?? "其他参数";

/** "警告调整幅度 = 20%；严重调整幅度 = 100%" for a rule's settings JSON. */
export function settingsText(json) {
  const entries = Object.entries(JSON.parse(json || "{}")).filter(([k]) => k !== "enabled");
  return entries.map(([k, v]) => `${parameterName(k)} = ${(PARAMETERS[k]?.[1] ?? plain)(v)}`).join("；") || "无参数";
}

/** A severity sentence with parameter keys replaced by their names and the values in use. */
export function severityText(text, json) {
  const settings = JSON.parse(json || "{}");
  return String(text ?? "").replace(/[a-z]+(?:_[a-z]+)+/g, (k) => (k in PARAMETERS ? `${parameterName(k)}（${(PARAMETERS[k][1])(settings[k] ?? "—")}）` : k));
}
