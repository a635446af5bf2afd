-- The console's receipts list at 1 M receipts: fills fiscal_job of a scratch database migrated by
-- the server (never a real one) and times the list's queries with EXPLAIN ANALYZE.
--   createdb -h 127.0.0.1 -U postgres openkassa_bench_list
--   pg_dump -h 127.0.0.1 -U postgres --schema-only <a migrated database> | psql -h 127.0.0.1 -U postgres -q openkassa_bench_list
--   psql -h 127.0.0.1 -U postgres -f bench/receipts-list.sql openkassa_bench_list
-- Account 1: 1 M receipts over 100 days in 4 groups (2 legal entities) on 20 registers, 97 % delivered;
-- account 2: 100 000 more, so that the account condition matters. Each query is the finished half
-- of a page; the half still on its way is the first query (see FiscalJobRepository.page).
\timing off
truncate fiscal_job, fiscal_job_event;
insert into fiscal_job (id, account_id, group_id, group_code, legal_entity_id, external_id, operation, api_version,
                        state, total_kopecks, payment_time, deadline_at, request, accepted_at, register_pk, register_id)
select gen_random_uuid(), case when n <= 1000000 then 1 else 2 end, n % 4 + 1 + case when n <= 1000000 then 0 else 10 end,
       'g' || (n % 4), n % 2 + 1, 'ext-' || n, 'sell', 'v5',
       case when n % 100 < 97 then 'DELIVERED' when n % 100 < 99 then 'FISCALIZED' else 'FAILED' end,
       (n::bigint * 7919) % 500000 + 100, t, t + interval '5 minutes', '{}'::jsonb, t, n % 20 + 1, lpad((n % 20 + 1)::text, 10, '0')
  from (select n, timestamptz '2026-08-16 00:00+03' + n * interval '8.64 seconds' as t
          from generate_series(1, 1100000) n) s;
analyze fiscal_job;

\echo receipts on their way (the second half of every page)
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1
   and state in ('ACCEPTED', 'DISPATCHED', 'FISCALIZED') order by accepted_at desc, id desc limit 51;
\echo first page, no filter
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED')
 order by accepted_at desc, id desc limit 51;
\echo deep page (keyset after a row half-way back)
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED')
   and accepted_at <= timestamptz '2026-10-05 00:00+03'
   and (accepted_at < timestamptz '2026-10-05 00:00+03' or id < '00000000-0000-0000-0000-000000000000')
 order by accepted_at desc, id desc limit 51;
\echo state FAILED (1 %)
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED') and state = 'FAILED'
 order by accepted_at desc, id desc limit 51;
\echo group
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED') and group_id = 3
 order by accepted_at desc, id desc limit 51;
\echo register, deep page
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED') and register_pk = 7
   and accepted_at <= timestamptz '2026-09-05 00:00+03'
   and (accepted_at < timestamptz '2026-09-05 00:00+03' or id < '00000000-0000-0000-0000-000000000000')
 order by accepted_at desc, id desc limit 51;
\echo legal entity and a day
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED') and legal_entity_id = 2
   and accepted_at >= timestamptz '2026-09-01 00:00+03' and accepted_at < timestamptz '2026-09-02 00:00+03'
 order by accepted_at desc, id desc limit 51;
\echo external_id
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED') and external_id = 'ext-123456'
 order by accepted_at desc, id desc limit 51;
\echo amount (a few rows)
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED') and total_kopecks = 12345
 order by accepted_at desc, id desc limit 51;
\echo amount nobody paid
explain (analyze, buffers, costs off) select * from fiscal_job where account_id = 1 and state in ('DELIVERED', 'FAILED') and total_kopecks = 99
 order by accepted_at desc, id desc limit 51;
