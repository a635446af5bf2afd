-- The claim index already holds exactly the waiting jobs; the janitor's deadline scan reads it
-- too (the set of waiting jobs is small), so a separate deadline index only cost every insert.
drop index fiscal_job_waiting;
