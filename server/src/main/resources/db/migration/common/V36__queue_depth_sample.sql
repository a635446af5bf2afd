-- The queue's depth per account, sampled once a minute for the overview's 24-hour chart: receipts
-- waiting for a register and receipts given to one but not yet fiscalized. A row only for an account
-- with something in its queue; rows older than two days are pruned. Counting past minutes from
-- fiscal_job would need an index on its state times, and every index there costs each receipt writes.
create table queue_depth_sample (
    account_id   bigint  not null references account (id),
    sampled_at   timestamp with time zone not null,
    waiting      integer not null,
    at_register  integer not null,
    primary key (account_id, sampled_at)
);
