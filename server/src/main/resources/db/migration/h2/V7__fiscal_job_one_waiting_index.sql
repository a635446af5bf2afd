-- H2 twin: the deadline scan uses the claim index.
drop index fiscal_job_waiting;
