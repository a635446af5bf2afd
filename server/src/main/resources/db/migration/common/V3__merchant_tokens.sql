-- Merchant API tokens: only a hash is kept, so a database dump does not hand out live tokens.
create table api_token (
    token_hash     varchar(64) primary key,
    account_id     bigint not null references account (id),
    credential_id  bigint not null references api_credential (id),
    issued_at      timestamp with time zone not null,
    expires_at     timestamp with time zone not null
);
create index api_token_expiry on api_token (expires_at);
