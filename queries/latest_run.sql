-- 最近的构建记录
-- The latest build runs: files seen, loaded, failed and how long it took.
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
