-- People tell groups apart by name in the console: one name once per account.
alter table register_group add constraint register_group_name_per_account unique (account_id, name);
