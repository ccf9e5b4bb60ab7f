-- stg_reports: the current reports (superseded resubmissions left out), the base of every rule.
with source as (
    select * from reports
),

renamed as (
    select
        report_id,
        file_name,
        unit,
        unit_key,
        region,
        fiscal_year,
        fiscal_year_source,
        kind,
        project as report_project,
        report_date,
        self_score,
        has_problems_section
    from source
    where superseded_by is null
)

select * from renamed
