-- Diagnostics a person asks of a register from its page ("check connection", "status"): a task given
-- to the register once through its long-poll and answered once, or not at all by its deadline.
-- Kept a few days: they are for looking at a register now, not a history.
create table register_diagnostic (
    id            uuid primary key,
    account_id    bigint      not null references account (id),
    register_pk   bigint      not null references cash_register (id),
    kind          varchar(16) not null,
    requested_by  varchar(64) not null,
    requested_at  timestamp with time zone not null,
    deadline_at   timestamp with time zone not null,
    given_at      timestamp with time zone,
    answered_at   timestamp with time zone,
    -- the register's answer as it sent it (the result's "diagnostics" object)
    answer        varchar(4000)
);
create index register_diagnostic_register on register_diagnostic (register_pk, requested_at);
