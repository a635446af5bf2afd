-- A register's poll looks for receipts it acked long ago without a result, to offer them again.
create index fiscal_job_acked on fiscal_job (register_pk, lease_expires_at) where state = 'DISPATCHED' and acked_at is not null;
