-- rule: template_residue
-- tier: 1
-- severity: info
-- parameters: none
-- title: 残留模板占位文字
-- meaning_zh: 表格模板的占位文字未删除：“例：”、以 XX/××/○○ 代替名称或数字、“（填写…）”、“此处”。
-- severity_zh: 提示
-- meaning: the form's placeholder text is left in: 例：, XX/××/○○ in place of names or figures, （填写…）, 此处.
-- computed: text findings of the extractor: 例：, XX/××/○○ standing alone, （填写…）, 此处; one flag per distinct placeholder.
-- why: placeholder text shows the form was not filled in with care, and the passage around it says nothing about the unit.
-- not: XX inside words or codes, placeholders in the form's own instructions the extractor cannot tell apart (rare).
select
    report_id,
    null as project,
    'template_residue' as rule_id,
    'info' as severity,
    '占位文字“' || value || '”' as subject,
    count(*)::double as measured,
    count(*) || '处' as measured_text,
    null::double as threshold,
    '报告中残留模板占位文字“' || value || '”（' || count(*) || '处），请替换为实际内容' as message,
    string_agg(context, ' … ' order by char_offset) as evidence,
    '字符' || min(char_offset) as location
from stg_text_findings
where kind = 'placeholder'
group by report_id, value
