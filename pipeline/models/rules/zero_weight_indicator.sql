-- rule: zero_weight_indicator
-- tier: 2
-- severity: warning
-- parameters: none
-- title: 指标分值为零或空白
-- meaning_zh: 指标行分值为 0，或在同表其他行都填了分值时分值空白（空白分值同时也是 missing_fields，两条都标）。
-- severity_zh: 警告
-- meaning: an indicator row has weight 0, or a blank weight while other rows of its table are filled (a blank weight
-- is also missing_fields; both fire).
-- computed: indicator rows with weight = 0 (table or prose), and table rows with no weight in a table where at least one other row has one.
-- why: an indicator worth nothing cannot lose points: a target listed but not scored is a target no one is held to.
-- not: tables where no row has a weight (the weight column was not read: a data-quality matter), rows without a name.
with filled as (
    select report_id, table_no, count(weight) as weighted
    from stg_indicators
    where figures_from = 'table'
    group by all
)

select
    i.report_id,
    i.project,
    'zero_weight_indicator' as rule_id,
    'warning' as severity,
    coalesce(i.level2 || '·', '') || i.name as subject,
    i.weight as measured,
    case when i.weight is null then '分值空白' else '分值为0' end as measured_text,
    0::double as threshold,
    '指标“' || i.name || '”' || case when i.weight is null then '分值空白（同表其他指标均有分值）' else '分值为0' end
    || '，该指标不参与计分，请补充分值或删去该指标' as message,
    i.evidence,
    i.location
from stg_indicators as i
left join filled as f on f.report_id = i.report_id and f.table_no = i.table_no and i.figures_from = 'table'
where coalesce(i.name_key, '') <> ''
    and (i.weight = 0 or (i.weight is null and i.figures_from = 'table' and f.weighted > 0))
