-- rule: line_item_above_budget
-- tier: 2
-- severity: warning
-- parameters: min_ratio = 1.5
-- title: 支出明细超出本项预算
-- meaning_zh: 基础数据表、三公经费、公用经费的某一行，或正文中的基本支出/项目支出，决算（实际）数达到本行预算数的 1.5 倍及以上（同一行自己的预算；没有预算的行不检查）。
-- severity_zh: 警告
-- meaning: a line of a 基础数据表 / 三公经费 / 公用经费, or 基本支出 / 项目支出 in the prose, exceeds its own budget
-- column or initial budget (the budget stated for that same line; a line without one is not checked) by min_ratio or more.
-- computed: (1) in the 基础数据表 (the text after a heading with 基础数据表 and a column header 决算数 … 预算数 … 决算数, up to the next 自评表), each row named by a spending line (…经费, …支出, 公务接待, 公车购置, …维护, …费) followed by exactly three figures: the previous year 决算, this year's 预算, this year's 决算; flagged when this year's 决算 ÷ 预算 ≥ min_ratio (预算 > 0). (2) in the prose, 基本支出 and 项目支出 written in a sentence about the budget (预算, not 决算 / 实际 / 执行) and in one about spending (决算 / 实际 / 执行, or the year's 支出合计 / 总支出 in a sentence without 预算), one figure each: flagged when spending ÷ budget ≥ min_ratio. (3) a spending detail table of two money columns, its header naming the plan then the spending (计划支出数 / 预算数, then 实际支出数 / 决算数 / 执行数), up to the next numbered heading or 合计: each spending line with exactly two figures, plan and spending. (4) the 年度资金总额 table where its 基本支出 / 项目支出 rows carry their own columns: under a header 年初预算数 … 全年执行数 the first two figures (年初, 执行; 分值 and 得分 may follow), under 年初预算数 … 全年预算数 … 全年执行数 the first and the third.
-- why: a line spent at one and a half times its budget was either budgeted for show or spent outside the budget: both need the adjustment documents.
-- not: rows with a blank or zero budget cell, 基础数据表 rows with two figures (which column is empty cannot be told), the report's own 年度资金总额 line (spend_above_initial), 基本支出 / 项目支出 rows of a single figure (the form's 其中 split), ratios under min_ratio, natures stated twice with different figures in budget sentences.
with texts as (
    select t.report_id, t.text, strpos(t.text, '基础数据表') as table_start
    from report_texts as t
    where t.report_id in (select report_id from stg_reports) and contains(t.text, '基础数据表')
),

data_tables as (
    -- the 基础数据表 up to the next indicator table (at most 6000 characters)
    select report_id, substr(text, table_start, 6000) as part
    from texts
    where regexp_matches(substr(text, table_start, 6000), '决算数[\s\S]{0,60}预算数[\s\S]{0,60}决算数')
),

data_rows as (
    select report_id, m as row_text
    from (
        select report_id, unnest(regexp_extract_all(
            case when strpos(part, '自评表') > 0 then left(part, strpos(part, '自评表')) else part end,
            '[\p{Han}、，]{2,16}(?:经费|支出|接待|购置|维护|费)[：:]?[\s|｜]+[0-9]+(?:\.[0-9]+)?[\s|｜]+[0-9]+(?:\.[0-9]+)?[\s|｜]+[0-9]+(?:\.[0-9]+)?(?:[\s|｜]*(?:\n|$))')) as m
        from data_tables
    )
),

table_lines as (
    select report_id, regexp_extract(row_text, '^[\p{Han}、，]+') as line, nums[2]::double as budget, nums[3]::double as actual, row_text
    from (select *, regexp_extract_all(row_text, '[0-9]+(?:\.[0-9]+)?') as nums from data_rows)
    where len(nums) = 3
),

detail_tables as (
    -- a spending detail table of two money columns: its header names the plan then the spending
    -- (计划支出数 / 预算数, then 实际支出数 / 决算数 / 执行数), up to the next numbered heading or total
    select report_id, part
    from (
        select t.report_id, substr(t.text, strpos(t.text, h.header), 3000) as part
        from report_texts as t,
            lateral (select regexp_extract(t.text, '(?:计划支出数|预算支出数|预算数)[\s|｜]{0,6}(?:实际支出数|决算支出数|决算数|执行数)', 0) as header) as h
        where t.report_id in (select report_id from stg_reports) and h.header <> ''
    )
),

detail_lines as (
    select report_id, regexp_extract(row_text, '^[\p{Han}、，]+') as line, nums[1]::double as budget, nums[2]::double as actual, row_text
    from (
        select report_id, row_text, regexp_extract_all(row_text, '[0-9]+(?:\.[0-9]+)?') as nums
        from (
            select report_id, unnest(regexp_extract_all(
                regexp_replace(part, '\n(?:[一二三四五六七八九十]+、|合计|总计)[\s\S]*$', ''),
                '[\p{Han}、，]{1,16}(?:经费|支出|接待|购置|维护|费)[：:]?[\s|｜]+[0-9]+(?:\.[0-9]+)?[\s|｜]+[0-9]+(?:\.[0-9]+)?(?:[\s|｜]*(?:\n|$))')) as row_text
            from detail_tables
        )
    )
    where len(nums) = 2
),

budget_tables as (
    -- the 年度资金总额 table where its rows by nature carry their own columns: 年初预算数 … 全年执行数
    -- (two money columns, then 分值 / 得分) or 年初预算数 … 全年预算数 … 全年执行数 (three)
    select report_id, part, regexp_matches(header, '全年预算|调整后预算') as three_columns
    from (
        select t.report_id, h.header,
            regexp_replace(substr(t.text, strpos(t.text, h.header), 1500), '\n年度总体目标[\s\S]*$', '') as part
        from report_texts as t,
            lateral (select regexp_extract(t.text, '年初预算数?[^\n]{0,80}?(?:全年执行数|执行数)', 0) as header) as h
        where t.report_id in (select report_id from stg_reports) and h.header <> ''
    )
),

budget_table_lines as (
    select report_id, line, nums[1]::double as budget, (case when three_columns then nums[3] else nums[2] end)::double as actual, row_text
    from (
        select report_id, three_columns, row_text,
            regexp_extract(row_text, '(基本支出|项目支出)', 1) as line,
            regexp_extract_all(regexp_replace(row_text, '^[^0-9]*', ''), '[0-9]+(?:\.[0-9]+)?') as nums
        from (
            select report_id, three_columns,
                unnest(regexp_extract_all(part, '(?:^|\n|\t)(?:其中[：:]?)?(?:基本支出|项目支出)[：:]?[\t |｜]+[0-9]+(?:\.[0-9]+)?[\t |｜]+[0-9]+(?:\.[0-9]+)?(?:[\t |｜]+[0-9]+(?:\.[0-9]+)?)?')) as row_text
            from budget_tables
        )
    )
    where len(nums) >= case when three_columns then 3 else 2 end
),

prose as (
    select report_id, regexp_replace(label, '\s+', '', 'g') as nature, amount, sentence,
        case
            -- the year's spending total (支出合计) is a spending sentence unless it is the budget's
            when regexp_matches(sentence, '决算|实际|执行') then 'actual'
            when regexp_matches(sentence, '支出合计|总支出') and not regexp_matches(regexp_replace(sentence, '一般公共预算|政府性基金预算|国有资本经营预算|财政专户管理资金预算', '', 'g'), '预算') then 'actual'
            -- 一般公共预算 and the like name a kind of funds, not a budget figure
            when regexp_matches(regexp_replace(sentence, '一般公共预算|政府性基金预算|国有资本经营预算|财政专户管理资金预算', '', 'g'), '预算') then 'budget'
        end as side
    from amounts
    where report_id in (select report_id from stg_reports) and comparator is null
        and regexp_replace(label, '\s+', '', 'g') in ('基本支出', '项目支出')
),

prose_lines as (
    select report_id, nature as line,
        any_value(amount) filter (where side = 'budget') as budget,
        any_value(amount) filter (where side = 'actual') as actual,
        -- ordered, so that the evidence reads the same on every build (distinct alone leaves the order to the plan)
        string_agg(distinct sentence, ' … ' order by sentence) as row_text
    from prose
    where side is not null
    group by report_id, nature
    having count(distinct amount) filter (where side = 'budget') = 1 and count(distinct amount) filter (where side = 'actual') = 1
),

lines as (
    select *, '基础数据表' as place from table_lines
    union all
    select *, '支出明细表' from detail_lines
    union all
    select *, '年度资金总额表' from budget_table_lines
    union all
    select *, '正文' from prose_lines
)

select
    report_id,
    null as project,
    'line_item_above_budget' as rule_id,
    'warning' as severity,
    line || '（' || place || '）' as subject,
    round(actual / budget, 4) as measured,
    '决算÷预算' as measured_text,
    getvariable('line_item_above_budget__min_ratio') as threshold,
    place || '中' || line || '决算' || fmt_num(actual) || '万元，为本项预算' || fmt_num(budget) || '万元的' || fmt_num(actual / budget)
    || '倍，超出预算较多，请核实预算调整依据' as message,
    left(regexp_replace(row_text, '\s+', ' ', 'g'), 300) as evidence,
    place as location
from lines
where budget > 0 and actual is not null and actual / budget >= getvariable('line_item_above_budget__min_ratio') - 1e-9
qualify row_number() over (partition by report_id, line, place order by actual / budget desc) = 1
