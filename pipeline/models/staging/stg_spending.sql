-- stg_spending: spending by nature (基本支出 / 项目支出) of current reports.
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
