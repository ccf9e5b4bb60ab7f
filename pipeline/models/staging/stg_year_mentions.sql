-- stg_year_mentions: 现行报告中写出的年份及其上下文所示的作用 / years written in current reports,
-- with the role their context gives them.
-- columns:
--   report_id: 报告编号 / report id
--   char_offset: 在全文中的字符位置 / character offset in the report's text
--   year: 年份 / year
--   role: 作用 title 标题 / table_header 表头 / this_period 本期 / document_number 文号 / plan 计划 / comparison 对比 / date 日期 / other 其他 / role of the year
--   snippet: 上下文 / surrounding text
--   fiscal_year: 报告的评价年度 / the report's fiscal year
with source as (
    select * from year_mentions
),

renamed as (
    select
        y.report_id,
        y.char_offset,
        y.year,
        y.role,
        y.snippet,
        r.fiscal_year
    from source as y
    join stg_reports as r using (report_id)
)

select * from renamed
