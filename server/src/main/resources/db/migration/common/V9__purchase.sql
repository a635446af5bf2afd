-- Multi-fiscal purchases: one purchase of goods of several legal entities, one fiscal job per
-- entity. The purchase row and all its jobs are written in one transaction.
create table purchase (
    id             uuid         primary key,
    account_id     bigint       not null,
    external_id    varchar(128) not null,
    total_kopecks  bigint       not null,
    payment_time   timestamp with time zone not null,
    -- the request as the store sent it: the split is deterministic, so the allocation and every
    -- refund plan are derived from it again rather than stored twice
    request        text         not null,
    created_at     timestamp with time zone not null,
    -- the idempotency key: one purchase per external_id in an account
    constraint purchase_external_id unique (account_id, external_id)
);

-- The fiscal jobs of a purchase (its sale) and of its refunds, one per legal entity each.
create table purchase_receipt (
    job_id         uuid         primary key,
    account_id     bigint       not null,
    purchase_id    uuid         not null references purchase (id),
    refund_id      uuid,
    entity_inn     varchar(12)  not null,
    -- the allocation's order: ascending amounts for cash first, descending for card first
    receipt_order  integer      not null
);
create index purchase_receipt_purchase on purchase_receipt (purchase_id, receipt_order);
