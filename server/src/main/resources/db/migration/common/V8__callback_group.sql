-- The group signs its callbacks: kept on the row so that sending needs no lookup of the receipt.
alter table callback_outbox add column group_id bigint not null default 0;
update callback_outbox set group_id = (select j.group_id from fiscal_job j where j.id = callback_outbox.job_id);
