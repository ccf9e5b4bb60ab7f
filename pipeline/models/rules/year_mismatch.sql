-- rule: year_mismatch
-- tier: 1
-- severity: warning
-- parameters: none
-- title: 年份与评价年度不符
-- meaning_zh: 应当是评价年度的年份却不是：本期成果、标题或表头中的年份。文号、规划名称、对比年份和报告日期属于正常语境，从不标记。
-- severity_zh: 警告
-- meaning: a year that should be the evaluated year is not: this period's own results, the title or a table
-- header. Document numbers, plan names, comparisons and report dates are context and never count.
-- computed: every year in the text gets a role from its context (extract/years.ts); this rule reads only title, table-header and this-period years ("2020年实际完成值", "2020年度项目支出") that differ from the fiscal year, and a year in the file name that differs from a fiscal year read from the text.
-- why: a wrong year on this period's results usually means last year's report was copied and not updated.
-- not: document numbers (〔2022〕, 【2022】, （2019)), portal index codes, plan names (十三五), comparisons (上年, 去年, 同比, 由2022年…到今年, 比/较…年), dates (a report written the next year), quantities (2000万元); a file-name year one above the fiscal year (the year of writing).
with mentions as (
    select *
    from stg_year_mentions
    where role in ('this_period', 'title', 'table_header') and fiscal_year is not null and year <> fiscal_year
),

file_years as (
    select
        report_id,
        file_name,
        fiscal_year,
        try_cast(regexp_extract(file_name, '(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)', 1) as integer) as file_year
    from stg_reports
    where fiscal_year_source = 'text'
)

select
    report_id,
    null as project,
    'year_mismatch' as rule_id,
    'warning' as severity,
    '年份' || year || '（位置' || char_offset || '）' as subject,
    year::double as measured,
    case role when 'this_period' then '本期表述' when 'title' then '标题' else '表头' end as measured_text,
    fiscal_year::double as threshold,
    '评价年度为' || fiscal_year || '年，但' ||
    case role when 'this_period' then '本期完成情况' when 'title' then '标题' else '表头' end
    || '写作' || year || '年（“' || snippet || '”），请核实是否沿用了往年材料' as message,
    snippet as evidence,
    '字符' || char_offset as location
from mentions

union all

select
    report_id,
    null as project,
    'year_mismatch' as rule_id,
    'warning' as severity,
    '文件名年份' as subject,
    file_year::double as measured,
    '文件名' as measured_text,
    fiscal_year::double as threshold,
    '报告正文的评价年度为' || fiscal_year || '年，文件名却写' || file_year || '年，请核实是否提交了正确的报告' as message,
    file_name as evidence,
    '文件名' as location
from file_years
where file_year is not null and file_year <> fiscal_year and file_year <> fiscal_year + 1
