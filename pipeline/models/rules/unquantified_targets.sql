-- rule: unquantified_targets
-- tier: 2
-- severity: info
-- parameters: min_share = 0.5, min_rows = 3
-- title: 绩效目标未量化
-- meaning_zh: 一张指标表中至少一半（含一半）的目标值是文字（及时、良好、效果明显、有所提升、达成预期），而不是数量。
-- severity_zh: 提示
-- meaning: at least half of a table's targets are words (及时, 良好, 效果明显, 有所提升, 达成预期) rather than quantities.
-- computed: per indicator table (table rows) with at least min_rows written targets: the share of targets without any digit; flagged once when the share ≥ min_share (inclusive).
-- why: a word target cannot be missed: every such row scores full marks and the self-evaluation measures nothing.
-- not: tables under min_rows written targets, blank targets (missing_fields' matter), targets with any figure (≥95%, 12个月, 2023年底前).
with tables as (
    select report_id, project, table_no,
           count(*) as targets,
           count(*) filter (where not regexp_matches(target_text, '[0-9０-９]')) as worded,
           string_agg(target_text, '、' order by row_no) filter (where not regexp_matches(target_text, '[0-9０-９]')) as words
    from stg_indicators
    where figures_from = 'table' and trim(coalesce(target_text, '')) <> ''
    group by all
)

select
    report_id,
    project,
    'unquantified_targets' as rule_id,
    'info' as severity,
    subject_of(project) || '绩效指标表（表' || (table_no + 1) || '）' as subject,
    round(worded / targets, 4) as measured,
    worded || '/' || targets || '项目标为文字' as measured_text,
    getvariable('unquantified_targets__min_share') as threshold,
    subject_of(project) || '绩效指标表' || targets || '项目标中有' || worded || '项是文字（' || left(words, 60) || '），未量化，难以考核，请改为可度量的目标值' as message,
    left(words, 300) as evidence,
    '表' || (table_no + 1) as location
from tables
where targets >= getvariable('unquantified_targets__min_rows')
    and worded / targets >= getvariable('unquantified_targets__min_share') - 1e-9
