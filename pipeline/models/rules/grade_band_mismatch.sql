-- rule: grade_band_mismatch
-- tier: 2
-- severity: warning
-- parameters: excellent_min = 90, good_min = 80, pass_min = 60
-- title: 评价等级与总分不符
-- meaning_zh: 报告所写的评价等级（优/良/中/差，也写作 优秀/良好/合格·中等/不合格·较差）与所写总分不符：优 ≥90，良 80–89.99，中 60–79.99，差 <60。未写等级不标记。
-- severity_zh: 警告
-- meaning: the stated grade (优 / 良 / 中 / 差, also written 优秀 / 良好 / 合格·中等 / 不合格·较差) does not match
-- the stated total score: 优 ≥ 90, 良 80–89.99, 中 60–79.99, 差 < 60.
-- computed: the grade is read from the report text where a grade keyword introduces it (自评等级 / 评价等级 / 绩效等级 / 评定等级 / 评价等次 / 自评结果 / 评价结果, then 为 / 是 / ：, then the grade), or where it follows the total score in brackets (总分96（优）, 自评得分95分，等级为优); the band of the stated self-score by excellent_min, good_min and pass_min; flagged when the two differ.
-- why: the grade is what the bureau's summary reports: a grade above the score's band overstates the unit's result.
-- not: reports without a stated grade or without a stated total score; grades written elsewhere (a 评为优秀 award in the narrative is not the evaluation grade).
with stated as (
    select
        t.report_id,
        r.self_score,
        coalesce(
            nullif(regexp_extract(t.text, '(?:自评等级|评价等级|绩效等级|评定等级|评价等次|自评等次|自评结果|评价结果|综合评价|评价级别)\s*(?:为|是|：|:|评定为|确定为)?\s*[“"「]?(不合格|较差|优秀|良好|合格|中等|优|良|中|差)(?:[”"」]|等|级|$|[，。；,;\s）)])', 1), ''),
            nullif(regexp_extract(t.text, '(?:总分|自评得分|自评分|综合得分|评价得分)\s*[：:为]?\s*\d+(?:\.\d+)?\s*分?\s*[（(]\s*(不合格|较差|优秀|良好|合格|中等|优|良|中|差)\s*[）)]', 1), '')
        ) as grade_text,
        regexp_extract(t.text, '.{0,40}(?:自评等级|评价等级|绩效等级|评定等级|评价等次|自评等次|自评结果|评价结果|综合评价|评价级别|总分|自评得分|自评分|综合得分|评价得分)\s*(?:为|是|：|:|评定为|确定为)?\s*[“"「]?[\d.分（(\s]*(?:不合格|较差|优秀|良好|合格|中等|优|良|中|差).{0,10}') as snippet
    from report_texts as t
    join stg_reports as r using (report_id)
    where r.self_score is not null
),

graded as (
    select
        *,
        case
            when grade_text in ('优', '优秀') then 'A'
            when grade_text in ('良', '良好') then 'B'
            when grade_text in ('中', '中等', '合格') then 'C'
            when grade_text in ('差', '较差', '不合格') then 'D'
        end as stated_band,
        case
            when self_score >= getvariable('grade_band_mismatch__excellent_min') - 1e-9 then 'A'
            when self_score >= getvariable('grade_band_mismatch__good_min') - 1e-9 then 'B'
            when self_score >= getvariable('grade_band_mismatch__pass_min') - 1e-9 then 'C'
            else 'D'
        end as score_band
    from stated
    where grade_text is not null
)

select
    report_id,
    null as project,
    'grade_band_mismatch' as rule_id,
    'warning' as severity,
    '评价等级' as subject,
    self_score as measured,
    '等级“' || grade_text || '”' as measured_text,
    case stated_band
        when 'A' then getvariable('grade_band_mismatch__excellent_min')
        when 'B' then getvariable('grade_band_mismatch__good_min')
        when 'C' then getvariable('grade_band_mismatch__pass_min')
        else 0
    end as threshold,
    '报告自评总分' || fmt_num(self_score) || '分，按分档应为“' || case score_band when 'A' then '优' when 'B' then '良' when 'C' then '中' else '差' end
    || '”，却写作“' || grade_text || '”，请核实等级' as message,
    coalesce(nullif(snippet, ''), '等级：' || grade_text) as evidence,
    '正文' as location
from graded
where stated_band <> score_band
