-- Failed console logins per (client, user) and per address, so that guessing passwords is slow on
-- every node alike. Not an account's data (an address or a mistyped client belongs to none).
create table login_throttle (
    throttle_key     varchar(400) primary key,
    failures         integer not null,
    last_failure_at  timestamp with time zone not null,
    locked_until     timestamp with time zone
);
