-- fiscal_job_account_accepted covered every receipt whatever its state, so every step of the queue
-- (accepted, leased, acked, fiscalized, delivered: none a HOT update, see V22) added an entry to it,
-- and the intake paid one index insert in five for it. The two partial indexes of V22 cover the
-- same (account_id, accepted_at, id) for finished receipts and for those on their way; the
-- console's counts read both parts (ReceiptStats).
drop index fiscal_job_account_accepted;
