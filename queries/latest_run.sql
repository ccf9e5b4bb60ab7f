-- 最近的构建记录
-- 最近 10 次构建：开始时间、状态、看到与载入的文件数、新增/变更/删除/被取代/失败的文件数和用时。
select
    started,
    status,
    files_seen,
    files_loaded,
    files_new,
    files_changed,
    files_removed,
    files_superseded,
    files_failed,
    seconds,
    message
from runs
order by started desc
limit 10;
