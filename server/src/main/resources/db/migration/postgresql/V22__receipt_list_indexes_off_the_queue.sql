-- Every step of a receipt (leased, acked, fiscalized) rewrites its row with a new version in every
-- index whose predicate the new version meets: the queue's state is in the predicates of the
-- queue's partial indexes, so no step is a HOT update. The receipts list's indexes of V20 thus
-- cost four index entries each per receipt, and made PostgreSQL's work per receipt three to four
-- times what it was (bench/chain.sh). The list mostly reads finished receipts, which never change:
-- its indexes cover finished receipts only, and one small index serves the receipts still on their
-- way (the list reads both and merges them).
drop index fiscal_job_account_state;
drop index fiscal_job_group_accepted;
drop index fiscal_job_register_accepted;
drop index fiscal_job_account_external;
drop index fiscal_job_account_total;

create index fiscal_job_done_account on fiscal_job (account_id, accepted_at, id) where state in ('DELIVERED', 'FAILED');
create index fiscal_job_done_failed on fiscal_job (account_id, accepted_at, id) where state = 'FAILED';
create index fiscal_job_done_group on fiscal_job (group_id, accepted_at, id) where state in ('DELIVERED', 'FAILED');
create index fiscal_job_done_register on fiscal_job (register_pk, accepted_at, id) where state in ('DELIVERED', 'FAILED');
create index fiscal_job_done_external on fiscal_job (account_id, external_id) where state in ('DELIVERED', 'FAILED');
create index fiscal_job_done_total on fiscal_job (account_id, total_kopecks, accepted_at, id)
    where state in ('DELIVERED', 'FAILED');
create index fiscal_job_on_the_way on fiscal_job (account_id, accepted_at, id)
    where state in ('ACCEPTED', 'DISPATCHED', 'FISCALIZED');
