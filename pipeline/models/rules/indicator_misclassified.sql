-- rule: indicator_misclassified
-- tier: 2
-- severity: warning
-- parameters: cost_terms, ecology_terms (keyword lists)
-- title: 指标归类不当
-- meaning_zh: 成本指标行没有任何金额或成本字样（万元、元、成本、费用、经费、资金、单价、预算）；满意度指标不是百分比（写成“满意”“非常满意”）；生态效益指标没有任何环境字样（环境、生态、绿化、污染、排放、节能、节水、垃圾、植被、水质、空气、河道、保洁、碳）。关键词可在设置中改。
-- severity_zh: 警告
-- meaning: a 成本指标 row has no money or cost unit or word; a row under the 满意度 level is not a percentage
-- (满意 / 非常满意 instead of ≥90%); a 生态效益 row has no environmental term.
-- computed: per indicator row with a name: under 成本 (level 1 or 2), no amount (a figure followed by 万 counts), none of cost_terms (by default also 概算, 投资, 价格: a ratio to the approved estimate is a cost target) in its name, target and actual and no money unit; under 满意 (level 1 or 2) with a target written, the target not in % (no % sign, no % unit, and not a bare figure up to 100 such as ≥95 or 100, a rate whose % the column or the writer left out); under 生态 (level 2), none of ecology_terms in its name and target. The term lists are comma-separated settings. One flag per row, naming the first reason.
-- why: a misfiled indicator is usually an output count moved to fill a level the form requires: the cost or the satisfaction it should measure is not measured at all.
-- not: rows without a name or (for 满意度) without a target, 满意度 targets written as a rate in words with a % figure or as a bare figure up to 100, cost rows that name any cost term.
with rows as (
    select
        *,
        coalesce(name, '') || ' ' || coalesce(target_text, '') || ' ' || coalesce(actual_text, '') as row_text,
        coalesce(level1, '') || ' ' || coalesce(level2, '') as levels
    from stg_indicators
    where coalesce(name, '') <> ''
),

checked as (
    select
        *,
        case
            when contains(levels, '成本')
                and coalesce(target_unit, '') not in ('万元', '元', '亿元', '万') and coalesce(actual_unit, '') not in ('万元', '元', '亿元', '万')
                -- an amount written 5万 is money too
                and not regexp_matches(coalesce(target_text, '') || ' ' || coalesce(actual_text, ''), '[0-9]\s*万')
                and len(list_filter(string_split(getvariable('indicator_misclassified__cost_terms'), ','), t -> t <> '' and contains(row_text, trim(t)))) = 0
                then 'cost'
            when contains(levels, '满意') and trim(coalesce(target_text, '')) <> ''
                and not regexp_matches(target_text, '[%％]') and coalesce(target_unit, '') not in ('%', '％')
                -- a bare figure up to 100 (≥95, 100) is a rate whose % sign the form's column carries or the writer left out
                and not regexp_matches(trim(target_text), '^[≥≧>＞=═＝]?\s*(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)$')
                then 'satisfaction'
            when contains(coalesce(level2, ''), '生态')
                and len(list_filter(string_split(getvariable('indicator_misclassified__ecology_terms'), ','), t -> t <> '' and contains(coalesce(name, '') || coalesce(target_text, ''), trim(t)))) = 0
                then 'ecology'
        end as reason
    from rows
)

select
    report_id,
    project,
    'indicator_misclassified' as rule_id,
    'warning' as severity,
    coalesce(level2 || '·', '') || name as subject,
    null::double as measured,
    case reason when 'cost' then '成本指标无金额' when 'satisfaction' then '满意度非百分比' else '生态指标无环境内容' end as measured_text,
    null::double as threshold,
    '指标“' || name || '”（目标' || coalesce(nullif(target_text, ''), '未写') || '）' ||
    case reason
        when 'cost' then '列在成本指标下，却没有金额或成本内容，请改为真正的成本指标'
        when 'satisfaction' then '列在满意度指标下，目标却不是百分比，请改为可度量的满意率'
        else '列在生态效益指标下，却与环境无关，请核实指标归类'
    end as message,
    evidence,
    location
from checked
where reason is not null
