-- stg_text_findings: 现行报告中的个人号码与表格占位文字 / personal numbers and form placeholders found in current reports.
-- columns:
--   report_id: 报告编号 / report id
--   kind: 类型 mobile 手机号 / id_card 身份证号 / bank_account 银行账号 / placeholder 占位符 / what was found
--   value: 原文值 / value as written
--   context: 上下文 / surrounding text
--   char_offset: 在全文中的字符位置 / character offset in the report's text
with source as (
    select * from text_findings
),

renamed as (
    select
        report_id,
        kind,
        value,
        context,
        char_offset
    from source
    where report_id in (select report_id from stg_reports)
)

select * from renamed
