-- rule: weights_off_template
-- tier: 2
-- severity: info
-- parameters: output = 50, benefit = 30, satisfaction = 10, budget = 10
-- title: 一级指标分值偏离标准模板
-- meaning_zh: 一级指标分值与标准自评模板不同（产出 50 / 效益 30 / 满意度 10 / 预算执行 10）；正文所述指标未写预算执行分值时取 100 减其余。省级模板可在设置中改。
-- severity_zh: 提示
-- meaning: the level-1 weights of an indicator set differ from the standard self-evaluation template
-- (产出 50 / 效益 30 / 满意度 10 / 预算执行 10; in prose, where the budget row's weight is not stated, it is 100
-- minus the others). A province's own template is a setting.
-- computed: per table (and per report's narrated set), each level-1 group (产出, 效益, 满意度, 成本 as its own level where a form has one) weighs its stated heading weight (产出指标(50分)), else the sum of its rows' weights; the budget-execution weight is the 年度资金总额 line's 分值 of the same table (project), else 100 minus the others. Checked only where the weights total 100 (a set that does not is weights_inconsistent, or incompletely read); flagged once per table when any group differs from the template, including a level the template does not have.
-- why: a form that moves points from 效益 to 产出 (or invents a 成本 level) makes the unit's scores incomparable with its peers and can hide weak results.
-- not: sets whose weights do not total 100, tables whose budget-execution 分值 was not read, rows without a level-1 heading, tables without 产出 and 效益 rows.
with rows as (
    select
        report_id, project, figures_from, coalesce(table_no, -1) as table_no, weight, level1_weight_stated,
        case
            when level1 like '%产出%' then 'output'
            when level1 like '%效益%' or level1 like '%效果%' then 'benefit'
            when level1 like '%满意%' then 'satisfaction'
            when level1 like '%成本%' then 'cost'
        end as level
    from stg_indicators
    where level1 is not null
),

levels as (
    select report_id, project, figures_from, table_no, level,
           coalesce(max(level1_weight_stated), sum(weight)) as level_weight
    from rows
    where level is not null
    group by all
),

budget_weights as (
    select report_id, project, figures_from, max(weight) as budget_weight
    from stg_budget_lines
    where weight is not null
    group by all
),

sets as (
    select
        l.report_id, l.project, l.figures_from, l.table_no,
        coalesce(max(level_weight) filter (where level = 'output'), 0) as output_weight,
        coalesce(max(level_weight) filter (where level = 'benefit'), 0) as benefit_weight,
        coalesce(max(level_weight) filter (where level = 'satisfaction'), 0) as satisfaction_weight,
        coalesce(max(level_weight) filter (where level = 'cost'), 0) as cost_weight,
        any_value(b.budget_weight) as stated_budget_weight,
        count(*) filter (where level in ('output', 'benefit')) as core_levels
    from levels as l
    left join budget_weights as b on b.report_id = l.report_id and b.project is not distinct from l.project and b.figures_from = l.figures_from
    group by all
),

completed as (
    select *,
        coalesce(stated_budget_weight, 100 - output_weight - benefit_weight - satisfaction_weight - cost_weight) as budget_weight
    from sets
    -- a table's budget row must be read; only a narrated set takes 100 minus the others
    where core_levels = 2 and (stated_budget_weight is not null or figures_from = 'prose')
)

select
    report_id,
    project,
    'weights_off_template' as rule_id,
    'info' as severity,
    subject_of(project) || '一级指标分值' || case when figures_from = 'table' then '（表' || (table_no + 1) || '）' else '（正文）' end as subject,
    output_weight as measured,
    '产出' || fmt_num(output_weight) || '/效益' || fmt_num(benefit_weight) || '/满意度' || fmt_num(satisfaction_weight)
    || case when cost_weight > 0 then '/成本' || fmt_num(cost_weight) else '' end || '/预算执行' || fmt_num(budget_weight) as measured_text,
    getvariable('weights_off_template__output') as threshold,
    subject_of(project) || '一级指标分值为 产出' || fmt_num(output_weight) || '、效益' || fmt_num(benefit_weight) || '、满意度' || fmt_num(satisfaction_weight)
    || case when cost_weight > 0 then '、成本' || fmt_num(cost_weight) else '' end || '、预算执行' || fmt_num(budget_weight)
    || '，与标准模板（产出' || fmt_num(getvariable('weights_off_template__output')) || '、效益' || fmt_num(getvariable('weights_off_template__benefit'))
    || '、满意度' || fmt_num(getvariable('weights_off_template__satisfaction')) || '、预算执行' || fmt_num(getvariable('weights_off_template__budget'))
    || '）不同，请核实所用模板' as message,
    '产出 ' || fmt_num(output_weight) || '；效益 ' || fmt_num(benefit_weight) || '；满意度 ' || fmt_num(satisfaction_weight) || '；成本 ' || fmt_num(cost_weight)
    || '；预算执行 ' || fmt_num(budget_weight) || case when stated_budget_weight is null then '（100减其余）' else '' end as evidence,
    case when figures_from = 'table' then '表' || (table_no + 1) else '正文' end as location
from completed
where abs(output_weight + benefit_weight + satisfaction_weight + cost_weight + budget_weight - 100) < 0.01
    and (abs(output_weight - getvariable('weights_off_template__output')) > 1e-9
        or abs(benefit_weight - getvariable('weights_off_template__benefit')) > 1e-9
        or abs(satisfaction_weight - getvariable('weights_off_template__satisfaction')) > 1e-9
        or abs(budget_weight - getvariable('weights_off_template__budget')) > 1e-9
        or cost_weight > 1e-9)
