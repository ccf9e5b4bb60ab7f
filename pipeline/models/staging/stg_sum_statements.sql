-- stg_sum_statements: stated totals with their parts, from the prose and the tables of current reports.
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
