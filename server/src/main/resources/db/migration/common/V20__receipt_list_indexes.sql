-- The console's receipts list: newest first by (accepted_at, id), keyset paging, one index per
-- filter that may select a small share of an account's receipts, so that a page never scans the
-- account's whole history. Date ranges and legal entities (a handful per account) use
-- fiscal_job_account_accepted.
create index fiscal_job_account_state on fiscal_job (account_id, state, accepted_at, id);
create index fiscal_job_group_accepted on fiscal_job (group_id, accepted_at, id);
create index fiscal_job_register_accepted on fiscal_job (register_pk, accepted_at, id);
create index fiscal_job_account_external on fiscal_job (account_id, external_id);
create index fiscal_job_account_total on fiscal_job (account_id, total_kopecks, accepted_at, id);
