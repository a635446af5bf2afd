-- H2 twin of the PostgreSQL migration: no jsonb, no partial indexes.
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
    request          clob         not null,
    accepted_at      timestamp with time zone not null,
    dispatched_at    timestamp with time zone,
    fiscalized_at    timestamp with time zone,
    delivered_at     timestamp with time zone,
    failed_at        timestamp with time zone,
    error_code       integer,
    error_type       varchar(16),
    error_text       varchar(1000),
    constraint fiscal_job_external_id unique (group_id, external_id)
);

create index fiscal_job_waiting on fiscal_job (state, deadline_at);
create index fiscal_job_account_accepted on fiscal_job (account_id, accepted_at, id);
