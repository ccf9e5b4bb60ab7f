// Rule parameters (jixiao.config.json → rules.<rule>.<parameter>) as the bureau reads them.
// The configuration keeps the English keys; the pages show these names and the values in use.
import {SEVERITIES, SEVERITY_ZH} from "./data.js";

const share = (v) => `${Math.round(v * 1000) / 10}%`;
const plain = (v) => String(v);
const times = (v) => `${v} 倍`;
const pct = (v) => `${v}%`;
const list = (v) => (Array.isArray(v) ? v.join("、") : String(v));

// a parameter set per severity (<severity>_ratio …) is named after the severity by the definition
const PER_SEVERITY = {ratio: ["倍数", times], share: ["调整幅度", share], pct: ["执行率", pct]};

export const PARAMETERS = {
  ...Object.fromEntries(SEVERITIES.flatMap((s) => Object.entries(PER_SEVERITY).map(([k, [name, show]]) => [`${s}_${k}`, [`${SEVERITY_ZH[s]}${name}`, show]]))),
  min_rows: ["最少行数", plain],
  tolerance_per_part: ["每个分项的容差（万元）", plain],
  min_tolerance: ["最小容差（万元）", plain],
  complete_share: ["分项完整比例", share],
  tolerance: ["容差（分）", plain],
  total: ["权重合计", plain],
  rate_tolerance_pct: ["执行率容差（百分点）", plain],
  score_tolerance: ["得分容差（分）", plain],
  share_of_weight: ["得分占分值比例", share],
  min_adjustment_share: ["最小调整幅度", share],
  min_share: ["最低相同比例", share],
  max_abs_z: ["偏离倍数（稳健 z 值）", plain],
  min_peers: ["最少同类单位数", plain],
  max_p: ["显著性水平 p", plain],
  min_mad: ["最小平均绝对偏差", plain],
  min_amounts: ["最少金额个数", plain],
  min_chars: ["最少相同字数", plain],
  boilerplate_unit_share: ["套话判定单位比例", share],
  from_year: ["起始年度", plain],
  tolerance_pct: ["执行率容差（百分点）", plain],
  excellent_min: ["“优”的最低分", plain],
  good_min: ["“良”的最低分", plain],
  pass_min: ["“中”的最低分", plain],
  cost_terms: ["成本字样", list],
  ecology_terms: ["环境字样", list],
  max_share: ["单项分值最高占比", share],
  min_ratio: ["倍数下限", times],
  zero_target_actual: ["目标为 0 时的实际值下限", plain],
  min_score: ["自评总分下限", plain],
  exec_below_pct: ["执行率门槛", pct],
  min_missed: ["最少未达成目标数", plain],
  amount_share: ["金额容差比例", share],
  share_tolerance: ["占比容差（百分点）", plain],
  output: ["产出指标分值", plain],
  benefit: ["效益指标分值", plain],
  satisfaction: ["满意度指标分值", plain],
  budget: ["预算执行分值", plain]
};

export const parameterName = (key) => PARAMETERS[key]?.[0] ?? "其他参数";

/** "<name> = <value>；…" for a rule's settings JSON. */
export function settingsText(json) {
  const entries = Object.entries(JSON.parse(json || "{}")).filter(([k]) => k !== "enabled");
  return entries.map(([k, v]) => `${parameterName(k)} = ${(PARAMETERS[k]?.[1] ?? plain)(v)}`).join("；") || "无参数";
}

/**
 * A severity sentence with parameter keys replaced by their names and the values in use; the spaces
 * the rule's header leaves around a key go where they stand between Chinese characters.
 */
export function severityText(text, json) {
  const settings = JSON.parse(json || "{}");
  return String(text ?? "")
    .replace(/[a-z]+(?:_[a-z]+)+/g, (k) => (k in PARAMETERS ? `${parameterName(k)}（${(PARAMETERS[k][1])(settings[k] ?? "—")}）` : k))
    .replace(/(?<=[\u3000-\u9fff\uff00-\uffef）])\s+(?=[\u3000-\u9fff\uff00-\uffef（])/g, "");
}
