-- A client account its dealer deleted: kept with its history (receipts, audit), but nobody logs in
-- to it and it is found by neither number nor name.
alter table account add column closed_at timestamp with time zone;
