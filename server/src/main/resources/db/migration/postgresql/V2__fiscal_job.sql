-- One fiscal job per receipt request. States accepted -> dispatched -> fiscalized -> delivered,
-- or failed; each state has its own timestamp column and none is ever skipped.
create table fiscal_job (
    id               uuid         primary key,
    account_id       bigint       not null,
    group_id         bigint       not null,
    group_code       varchar(64)  not null,
    legal_entity_id  bigint       not null,
    external_id      varchar(128) not null,
    operation        varchar(32)  not null,
    api_version      varchar(8)   not null,
    state            varchar(16)  not null,
    total_kopecks    bigint       not null,
    payment_time     timestamp with time zone not null,
    deadline_at      timestamp with time zone not null,
    callback_url     varchar(256),
    warnings         varchar(1000),
    -- the request body exactly as the store sent it
    request          jsonb        not null,
    accepted_at      timestamp with time zone not null,
    dispatched_at    timestamp with time zone,
    fiscalized_at    timestamp with time zone,
    delivered_at     timestamp with time zone,
    failed_at        timestamp with time zone,
    error_code       integer,
    error_type       varchar(16),
    error_text       varchar(1000),
    -- the idempotency key of the merchant API: one receipt per external_id in a group
    constraint fiscal_job_external_id unique (group_id, external_id)
);

-- The janitor and the dispatcher look only at waiting jobs: a partial index stays small.
create index fiscal_job_waiting on fiscal_job (deadline_at) where state = 'ACCEPTED';
create index fiscal_job_account_accepted on fiscal_job (account_id, accepted_at, id);
