-- Shared helpers for every model: how numbers are written in flag messages.
-- fmt_num: at most two decimals, no trailing zeros (6132.81, 110, 5.93).
create or replace macro fmt_num(x) as
  case when x is null then '—' else rtrim(rtrim(format('{:.2f}', x::double), '0'), '.') end;
-- subject_of: how a 年度资金总额 line or a table is named in a flag.
create or replace macro subject_of(project) as
  case when project is null then '部门整体' else '项目「' || project || '」' end;
-- mask_number: keep the first 3 and last 4 characters of a personal number.
create or replace macro mask_number(v) as
  case when length(v) > 7 then left(v, 3) || repeat('*', length(v) - 7) || right(v, 4) else v end;
