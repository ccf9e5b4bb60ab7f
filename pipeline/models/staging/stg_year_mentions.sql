-- stg_year_mentions: years written in current reports, with the role their context gives them.
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
