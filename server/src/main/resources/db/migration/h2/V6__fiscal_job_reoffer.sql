-- H2 twin: a plain index.
create index fiscal_job_acked on fiscal_job (register_pk, lease_expires_at);
