-- report_text: 每份现行报告的全文 / the full text of each current report, as read (the unit page shows it
-- with the flagged sentences marked).
-- materialized: view
-- columns:
--   report_id: 报告编号 / report id
--   text: 报告全文 / the report's text
select t.report_id, t.text
from report_texts as t
join stg_reports as r using (report_id)
