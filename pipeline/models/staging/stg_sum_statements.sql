-- stg_sum_statements: 现行报告正文与表格中写出的总数及其组成部分 / stated totals with their parts,
-- from the prose and the tables of current reports.
-- columns:
--   report_id: 报告编号 / report id
--   statement_no: 陈述序号 / statement number
--   origin: 来源 table 表格 / prose 正文 / where it was read
--   total_label: 总数的标签 / label of the total
--   total: 总数（万元） / total, 10k yuan
--   parts_sum: 各组成部分之和（不含结转，万元） / sum of the parts, carry-overs excluded, 10k yuan
--   parts_count: 组成部分个数（不含结转） / number of parts, carry-overs excluded
--   carryover_sum: 列在其后的结转结余之和（万元） / sum of carry-overs listed after the parts, 10k yuan
--   declared_complete: 表格说明要求列全 / the form says the parts must be complete
--   parts_text: 组成部分（标签 金额；…） / the parts as label amount; …
--   evidence: 原文（表格行或句子） / source cells or sentences
--   location: 在报告中的位置 / location in the report
with source as (
    select * from sum_statements
),

renamed as (
    select
        report_id,
        statement_no,
        origin,
        total_label,
        total,
        parts_sum,
        parts_count,
        carryover_sum,
        declared_complete,
        parts_text,
        evidence,
        location
    from source
    where report_id in (select report_id from stg_reports)
)

select * from renamed
