-- rule: pii_published
-- tier: 1
-- severity: warning for a mobile number, critical for an ID-card or bank-account number
-- parameters: none
-- title: 公开文本含个人信息
-- meaning_zh: 报告中出现手机号码、身份证号或银行账号，公开发布前应删除。
-- severity_zh: 手机号为警告，身份证号或银行账号为严重
-- meaning: a mainland mobile number, an ID-card number or a bank account appears in the report.
-- computed: text findings of the extractor: mainland mobile numbers (1[3-9] + 9 digits), ID-card numbers with a valid checksum, bank account numbers after 账号/卡号; one flag per distinct number.
-- why: published reports must not carry personal data; the bureau must have it removed before publication.
-- not: landline numbers of offices (0752-2829637), numbers inside longer digit runs, ID-like numbers with a wrong checksum.
select
    report_id,
    null as project,
    'pii_published' as rule_id,
    case when kind = 'mobile' then 'warning' else 'critical' end as severity,
    case kind when 'mobile' then '手机号' when 'id_card' then '身份证号' else '银行账号' end || ' ' || mask_number(value) as subject,
    count(*)::double as measured,
    count(*) || '处' as measured_text,
    null::double as threshold,
    '报告中出现' || case kind when 'mobile' then '手机号' when 'id_card' then '身份证号' else '银行账号' end || mask_number(value)
    || '（' || count(*) || '处），公开前请删除或脱敏' as message,
    string_agg(context, ' … ' order by char_offset) as evidence,
    '字符' || min(char_offset) as location
from stg_text_findings
where kind in ('mobile', 'id_card', 'bank_account')
group by report_id, kind, value
