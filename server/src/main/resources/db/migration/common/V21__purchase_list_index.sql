-- The console's purchases list: newest first by (created_at, id), keyset paging.
create index purchase_account_created on purchase (account_id, created_at, id);
