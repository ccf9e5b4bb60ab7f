-- stg_text_findings: personal numbers and form placeholders found in current reports.
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
