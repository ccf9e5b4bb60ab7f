-- rule: score_recompute_mismatch
-- tier: 2
-- severity: warning
-- parameters: tolerance = 0.5
-- title: 指标得分与标准计分方法不符
-- meaning_zh: 按财预〔2020〕10号的计分方法重算指标得分，与自评得分相差超过 0.5 分（恰好 0.5 分不标记）。定量指标：下限目标达成得满分，未达成按 实际÷目标×分值；上限目标达成得满分，超出不到一倍按 (1−超出比例)×分值，超出一倍及以上得 0 分；等于目标的仅相等时满分；目标为 0 时实际不大于 0 才得满分。定性指标仅在实际值写明“达成/部分达成/未达成”时按 100–80%、80–60%、60–0% 的区间检查。
-- severity_zh: 警告
-- meaning: an indicator row's score differs by more than the tolerance from the score the standard method
-- (财预〔2020〕10号) gives for its target and actual value.
-- computed: quantitative rows (target and actual numbers in the same unit, the actual a measured value, not a range): a floor (≥, 以上, a bare count or rate) met → full weight, missed → actual ÷ target × weight; a ceiling (≤, 以下, a bare amount of money under 成本指标) met → full weight, target < actual < 2 × target → (1 − (actual − target) ÷ target) × weight, actual ≥ 2 × target → 0; `=` met only when equal, otherwise as a floor below the target and as a ceiling above it; a target of 0 (not written as a floor) → full weight only if the actual is ≤ 0, else 0. Qualitative rows whose actual is exactly 达成 / 部分达成 / 未达成 (年度指标) are checked against the bands 80–100%, 60–80%, 0–60% of the weight, the gap being the distance to the band. Flagged when the gap exceeds tolerance (exactly the tolerance is within). Table and narrated rows alike.
-- why: the self-score is the sum of the rows' scores: a row scored off the method inflates (or deflates) the total a reviewer relies on.
-- not: rows whose target and actual cannot be compared (different units, a word target, an actual written as a range), qualitative rows that state no level (及时 / 及时), gaps of at most the tolerance, rows without weight or score.
with rows as (
    select
        *,
        regexp_matches(coalesce(target_text, ''), '≥|≧|>|以上|不低于|不少于|大于') as written_floor,
        regexp_replace(coalesce(actual_text, ''), '\s+', '', 'g') as actual_key
    from stg_indicators
    where weight > 0 and score is not null
),

quantitative as (
    select
        *,
        case
            when target_number = 0 and not written_floor then
                case when actual_number <= 0 then weight else 0 end
            when target_met then weight
            when target_comparator in ('>=', '>') or (target_comparator = '=' and actual_number < target_number) then
                case when target_number > 0 then greatest(actual_number, 0) / target_number * weight end
            when actual_number >= 2 * target_number then 0
            when target_number > 0 then (1 - (actual_number - target_number) / target_number) * weight
        end as standard_score
    from rows
    where target_met is not null and not coalesce(actual_is_range, false)
),

qualitative as (
    select
        *,
        case
            when regexp_matches(actual_key, '^未达成(年度指标|目标)?$') then [0, 0.6]
            when regexp_matches(actual_key, '^部分达成(年度指标|目标)?$') then [0.6, 0.8]
            when regexp_matches(actual_key, '^(已|全部)?达成(年度指标|目标)?$') then [0.8, 1.0]
        end as band
    from rows
    where actual_number is null
),

checked as (
    select *, standard_score as low, standard_score as high, fmt_num(standard_score) || '分' as expected_text
    from quantitative
    where standard_score is not null
    union all by name
    select *, band[1] * weight as low, band[2] * weight as high,
           fmt_num(band[1] * weight) || '–' || fmt_num(band[2] * weight) || '分' as expected_text
    from qualitative
    where band is not null
)

select
    report_id,
    project,
    'score_recompute_mismatch' as rule_id,
    'warning' as severity,
    coalesce(level2 || '·', '') || name as subject,
    score as measured,
    '得分' as measured_text,
    round(case when score < low then low else high end, 2) as threshold,
    '指标“' || name || '”目标' || coalesce(nullif(target_text, ''), '（未写）') || '，实际' || actual_text || '，按标准计分方法应得'
    || expected_text || '（分值' || fmt_num(weight) || '分），自评得' || fmt_num(score) || '分，相差'
    || fmt_num(greatest(low - score, score - high)) || '分，请核实评分' as message,
    evidence,
    location
from checked
where greatest(low - score, score - high) > getvariable('score_recompute_mismatch__tolerance') + 1e-9
