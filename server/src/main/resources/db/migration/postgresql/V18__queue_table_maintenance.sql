-- The queue tables change every row several times within seconds (a receipt is leased, acked,
-- fiscalized, delivered; a callback is queued and sent) and then never again. With PostgreSQL's
-- defaults a table is vacuumed only once a fifth of it is dead: at millions of rows that is
-- hundreds of thousands of dead versions in the partial indexes the claim query walks. Vacuum
-- them after a fixed number of changes instead, without the cost-based pauses, and leave room on
-- each page for the next version of a row (bench/queue.sh measures both).
alter table fiscal_job set (
    fillfactor = 85,
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 20000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 50000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 50000,
    autovacuum_vacuum_cost_delay = 0
);
alter table callback_outbox set (
    fillfactor = 90,
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 20000,
    autovacuum_vacuum_cost_delay = 0
);
