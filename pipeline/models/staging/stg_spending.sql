-- stg_spending: 现行报告按性质分列的支出（基本支出 / 项目支出） / spending by nature (基本支出 / 项目支出) of current reports.
-- columns:
--   report_id: 报告编号 / report id
--   project: 项目名称，空值为整份报告 / project name; null = the whole report
--   nature: 支出性质 basic 基本支出 / project 项目支出 / spending nature
--   label: 原文标签 / label as written
--   amount: 金额（万元） / amount, 10k yuan
--   origin: 来源 table 表格 / prose 正文 / where it was read
--   evidence: 原文（表格行或句子） / source cells or sentences
with source as (
    select * from spending
),

renamed as (
    select
        report_id,
        project,
        nature,
        label,
        amount,
        origin,
        evidence
    from source
    where report_id in (select report_id from stg_reports)
)

select * from renamed
