#!/usr/bin/env bash
# Queue endurance: JOBS receipts through the queue table, each with the life the server gives it
# (accepted, leased, acked, fiscalized, delivered, with its events and callbacks), while a backlog
# of waiting receipts stays in the queue. Does claiming slow down as dead tuples and the table
# grow? pgbench drives the server's own statements (one transaction per step, as the server commits
# them) against a database migrated by the server itself, while the server runs beside it and keeps
# its queue tables as a deployed one does (QueueVacuum); pgbench prints the throughput every INTERVAL
# seconds and the report compares the first interval with the last. Before and after the run, a
# pgbench baseline of a trivial transaction on the same database: the lives per second are also
# given as a ratio to it.
#
# Usage (from anywhere in the checkout):  bash bench/queue.sh
# Options (environment variables):
#   JOBS=1000000      receipts taken through their whole life
#   BACKLOG=20000     receipts waiting in the queue throughout (filled first, never drained)
#   CLIENTS=8         pgbench clients (each runs whole lives, one after another)
#   INTERVAL=30       seconds per throughput sample
#   BASELINE=20       seconds of each baseline run (a one-row update per transaction, CLIENTS clients)
#   MAINTENANCE=tuned  tuned: the queue tables' autovacuum and fillfactor settings of the migration
#                     V18 as they are; default: PostgreSQL's defaults put back on them, for comparison
#   VACUUM=server     server: the server runs during the run with its own queue vacuum (what a deployed
#                     one does; it vacuums only while the cluster's autovacuum is off); none: it is
#                     stopped after migrating, nothing vacuums but autovacuum
#   DB=openkassa_queue  the database (dropped and created)
#   SKIP_BUILD=0      1: use the jars in server/ and bench/target as they are
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
# Exit status: 0 when every life completed (even if the target is missed). Report:
# bench/results/queue-<UTC time>.md with its plot; scripts and logs in bench/results/queue-<UTC time>.tmp/.
set -euo pipefail

JOBS=${JOBS:-1000000}
BACKLOG=${BACKLOG:-20000}
CLIENTS=${CLIENTS:-8}
INTERVAL=${INTERVAL:-30}
BASELINE=${BASELINE:-20}
MAINTENANCE=${MAINTENANCE:-tuned}
VACUUM=${VACUUM:-server}
SKIP_BUILD=${SKIP_BUILD:-0}

readonly SCENARIO=queue
readonly DB=${DB:-openkassa_queue}
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
readonly STAMP
readonly WORK="$ROOT/bench/results/queue-$STAMP.tmp"
readonly REPORT="$ROOT/bench/results/queue-$STAMP.md"
readonly PLOTS="$ROOT/bench/results/queue-$STAMP"
readonly SERVER_JAR="$ROOT/server/target/openkassa.jar"
readonly BENCH_JAR="$ROOT/bench/target/openkassa-bench.jar"
SERVER_PID=""
JAVA=""

cleanup() { stop_process "$SERVER_PID" server; }
on_exit cleanup

# The database as the server makes it: its migrations and its demo account (one group, one entity).
# With VACUUM=server the server keeps running (no registers, no requests: its janitors only).
migrate() {
  local port
  port=$(free_port)
  OPENKASSA_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" OPENKASSA_DB_USER="$PGUSER" \
    "$JAVA" -jar "$SERVER_JAR" --openkassa.demo.seed=true --server.port="$port" --logging.level.root=WARN \
    --logging.level.ru.openkassa.server.receipts.QueueVacuum=INFO >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  wait_until_up "$SERVER_PID" "$port" "$WORK/server.log"
  for _ in $(seq 1 60); do
    [[ $(psql_db -tAc "select count(*) from cash_register" 2>/dev/null || echo 0) -gt 0 ]] && break
    sleep 0.5
  done
  if [[ $VACUUM != server ]]; then
    stop_process "$SERVER_PID" server
    SERVER_PID=""
  fi
}

# The baseline: the same clients committing a trivial transaction (one row of their own updated) for
# BASELINE seconds; its transactions per second, to $1.
baseline() {
  local name=$1
  pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "$BASELINE" -f "$WORK/baseline.sql" "$DB" >"$WORK/$name.out" 2>&1 ||
    die "the baseline failed: $WORK/$name.out"
  sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/$name.out" | head -n 1 | xargs printf '%.0f'
}

write_scripts() {
  local request
  # a 1 KB ATOL v5 body, as stores send
  request='{"external_id":"q","timestamp":"24.11.2026 12:00:00","receipt":{"client":{"email":"buyer@example.ru"},"company":{"email":"chek@shop.example.ru","sno":"usn_income","inn":"5544332219","payment_address":"https://shop.example.ru"},"items":[{"name":"Кофе в зёрнах, 1 кг","price":1500.00,"quantity":1,"measure":0,"sum":1500.00,"payment_method":"full_payment","payment_object":1,"vat":{"type":"none"}},{"name":"Фильтры бумажные","price":150.00,"quantity":2,"measure":0,"sum":300.00,"payment_method":"full_payment","payment_object":1,"vat":{"type":"none"}}],"payments":[{"type":1,"sum":1800.00}],"total":1800.00}}'
  # time-ordered ids, as the server's (UUIDv7: 48 bits of milliseconds, then random)
  local new_id="(lpad(to_hex(floor(extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5(random()::text), 1, 20))::uuid"
  local insert="insert into fiscal_job (id, account_id, group_id, group_code, legal_entity_id, external_id, operation,
      api_version, state, total_kopecks, payment_time, deadline_at, callback_url, warnings, request, accepted_at)
    values ($new_id, :account, :grp, 'demo-shop-1', :entity, 'q-' || :client_id || '-' || :n, 'sell', 'v5', 'ACCEPTED',
      180000, now(), now() + interval '7 days', 'http://shop.example.ru/cb', null, '$request'::jsonb, clock_timestamp())
    on conflict (group_id, external_id) do nothing;"
  cat >"$WORK/fill.sql" <<EOF
\set n random(1, 9000000000000000)
$insert
EOF
  # One receipt's life: a new one arrives (so the backlog stays), the oldest waiting one is leased,
  # acked, fiscalized, delivered, each step a transaction with its event, in the statements the
  # server uses on PostgreSQL (FiscalJobRepository: the step and its journal entry in one statement,
  # the job's state in a form no partial index matches); the callbacks are stored out of the
  # poller's reach, as the node that sends them at once stores them, and their outcomes written.
  cat >"$WORK/life.sql" <<EOF
\set n random(1, 9000000000000000)
\set reg random(1, 100)
$insert
with picked as (select id from fiscal_job where state = 'ACCEPTED' and legal_entity_id = :entity and group_id in (:grp)
                order by accepted_at limit 1 for update skip locked),
     leased as (update fiscal_job set state = 'DISPATCHED', register_pk = :reg, register_id = '0000000001',
                       dispatched_at = now(), lease_expires_at = now() + interval '15 s', acked_at = null,
                       dispatch_count = dispatch_count + 1
                 where id in (select id from picked) returning id, accepted_at),
     journal as (insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail)
                 select :account, id, now(), 'DISPATCHED', :reg, 'ККТ 0000000001' from leased)
select id as job from leased \gset
with acked as (update fiscal_job set acked_at = now(), lease_expires_at = now() + interval '15 s'
                where account_id = :account and id = :job and register_pk = :reg and acked_at is null
                  and (state = 'DISPATCHED') is true returning id)
insert into fiscal_job_event (account_id, job_id, at, kind, register_pk) select :account, id, now(), 'ACKED', :reg from acked;
begin;
with done as (update fiscal_job set state = 'FISCALIZED', fiscalized_at = now(), fd_number = :n::bigint % 1000000,
                     fiscal_sign = 3449555941, shift_number = 1, number_in_shift = 1, fiscal_datetime = now(),
                     fiscal_utc_offset = 10800, fn_number = '9999078900000001', registration_number = '0000000001012345',
                     ffd_version = '1.2', ofd_inn = '7704211201', lease_expires_at = null, acked_at = coalesce(acked_at, now())
               where account_id = :account and id = :job and register_pk = :reg and (state = 'DISPATCHED') is true
              returning id, fd_number)
insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail)
select :account, id, now(), 'FISCALIZED', :reg, 'ФД ' || fd_number from done;
insert into callback_outbox (account_id, group_id, job_id, url, body, created_at, next_attempt_at)
  values (:account, :grp, :job, 'http://shop.example.ru/cb', '{"status":"done"}', now(), now() + interval '2 min');
commit;
begin;
with done as (update fiscal_job set state = 'DELIVERED', delivered_at = now()
               where register_pk = :reg and fn_number = '9999078900000001' and fd_number = :n::bigint % 1000000
                 and state = 'FISCALIZED'
              returning id, fd_number)
insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail)
select :account, id, now(), 'DELIVERED', :reg, 'ОФД подтвердил ФД ' || fd_number from done;
insert into callback_outbox (account_id, group_id, job_id, url, body, created_at, next_attempt_at)
  values (:account, :grp, :job, 'http://shop.example.ru/cb', '{"delivered": true}', now(), now() + interval '2 min');
commit;
update callback_outbox set delivered_at = now(), attempts = attempts + 1, last_status = 200
  where job_id = :job and delivered_at is null;
EOF
  # the baseline's trivial transaction: a row of the client's own, in a schema of its own
  psql_db -c "create schema if not exists pgbench_queue" \
    -c "create table if not exists pgbench_queue.counter (id int primary key, n bigint not null default 0)" \
    -c "insert into pgbench_queue.counter (id) select generate_series(0, $CLIENTS) on conflict do nothing"
  echo 'update pgbench_queue.counter set n = n + 1 where id = :client_id;' >"$WORK/baseline.sql"
}

main() {
  command -v pgbench >/dev/null || die "pgbench is needed (Debian: postgresql-client)"
  [[ $VACUUM == server || $VACUUM == none ]] || die "VACUUM must be server or none, got '$VACUUM'"
  mkdir -p "$WORK"
  find_java
  build_jars "$SERVER_JAR" "$BENCH_JAR"
  reset_database
  log "database: migrated by the server$([[ $VACUUM == server ]] && echo ", which stays up with its queue vacuum")"
  migrate
  local account grp entity
  read -r account grp entity < <(psql_db -tAF' ' -c "select account_id, id, legal_entity_id from register_group where code = 'demo-shop-1'")
  [[ -n $entity ]] || die "the demo group is missing"
  if [[ $MAINTENANCE == default ]]; then
    log "maintenance: PostgreSQL's defaults on the queue tables"
    psql_db -c "alter table fiscal_job reset (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
                  autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_insert_threshold, autovacuum_analyze_scale_factor,
                  autovacuum_analyze_threshold, autovacuum_vacuum_cost_delay)" \
      -c "alter table callback_outbox reset (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
                  autovacuum_vacuum_cost_delay)"
  fi
  psql_db -tAc "select relname, coalesce(array_to_string(reloptions, ', '), 'defaults') from pg_class
                 where relname in ('fiscal_job', 'callback_outbox', 'fiscal_job_event')" >"$WORK/reloptions.txt"
  write_scripts
  local vars=(-D "account=$account" -D "grp=$grp" -D "entity=$entity")

  log "backlog: $BACKLOG waiting receipts"
  pgbench -n -M prepared -c "$CLIENTS" -j 2 -t $((BACKLOG / CLIENTS)) "${vars[@]}" -f "$WORK/fill.sql" "$DB" \
    >"$WORK/fill.out" 2>&1 || die "filling the backlog failed: $WORK/fill.out"
  psql_db -c "vacuum analyze"

  local busy base_before base_after
  busy=$(busy_cores)
  log "baseline: a trivial transaction, $CLIENTS clients, $BASELINE s ($busy cores busy before)"
  base_before=$(baseline baseline-before)
  log "baseline: $base_before tps"

  log "life: $JOBS receipts, $CLIENTS clients, a sample every $INTERVAL s"
  local started=$SECONDS
  pgbench -n -M extended -c "$CLIENTS" -j 2 -t $((JOBS / CLIENTS)) --progress="$INTERVAL" "${vars[@]}" \
    -f "$WORK/life.sql" "$DB" >"$WORK/life.out" 2>"$WORK/life.progress" || die "the life run failed: $WORK/life.out"
  local seconds=$((SECONDS - started))
  grep '^progress' "$WORK/life.progress" >&2 || true
  [[ -z $SERVER_PID ]] || kill -0 "$SERVER_PID" 2>/dev/null || died "the server" "$WORK/server.log"

  log "baseline again after the run"
  base_after=$(baseline baseline-after)
  log "baseline: $base_after tps"

  # "seconds lives-per-second" of every interval, for the plot
  sed -n 's/^progress: \([0-9.]*\) s, \([0-9.]*\) tps.*/\1 \2/p' "$WORK/life.progress" >"$WORK/lives.txt"
  local first last ratio verdict first_base last_base norm done waiting size
  first=$(awk 'NR == 1 { print $2 }' "$WORK/lives.txt")
  # the last complete interval (the final line may be a partial one)
  last=$(tail -n 2 "$WORK/lives.txt" | head -n 1 | awk '{ print $2 }')
  ratio=$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
  verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.8 ? "PASS" : "MISS") }')
  first_base=$(awk -v a="$first" -v b="$base_before" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
  last_base=$(awk -v a="$last" -v b="$base_after" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
  # the endurance ratio with each end against its own baseline: what a change in the machine's load
  # between the two ends did not cause
  norm=$(awk -v a="$first_base" -v b="$last_base" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
  done=$(psql_db -tAc "select count(*) from fiscal_job where state = 'DELIVERED'")
  waiting=$(psql_db -tAc "select count(*) from fiscal_job where state = 'ACCEPTED'")
  size=$(psql_db -tAc "select pg_size_pretty(pg_total_relation_size('fiscal_job')) || ' (table ' ||
      pg_size_pretty(pg_relation_size('fiscal_job')) || '), events ' || pg_size_pretty(pg_total_relation_size('fiscal_job_event'))
      || ', outbox ' || pg_size_pretty(pg_total_relation_size('callback_outbox'))")
  local vacuums server_vacuums="server not running (VACUUM=none)"
  vacuums=$(psql_db -tAc "select relname || ': ' || autovacuum_count || ' autovacuums, ' || vacuum_count || ' vacuums, '
      || n_dead_tup || ' dead tuples now'
      from pg_stat_user_tables where relname in ('fiscal_job', 'callback_outbox') order by relname" | paste -sd ';' -)
  [[ $VACUUM != server ]] || server_vacuums=$(grep -c 'vacuumed ' "$WORK/server.log" || true)

  "$JAVA" -jar "$BENCH_JAR" plot rate --out "$PLOTS-lives.png" --y-title "lives per second" \
    --title "Receipt lives per second, every $INTERVAL s (baseline: $base_before / $base_after trivial tps)" \
    "lives per second=$WORK/lives.txt" >"$WORK/plot.out" 2>&1 || log "the plot failed: $WORK/plot.out"
  {
    echo "# Queue endurance, $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
    echo
    echo "\`bash bench/queue.sh\` with JOBS=$JOBS BACKLOG=$BACKLOG CLIENTS=$CLIENTS INTERVAL=$INTERVAL BASELINE=$BASELINE"
    echo "MAINTENANCE=$MAINTENANCE VACUUM=$VACUUM."
    echo
    echo "| measure | value |"
    echo "| --- | --- |"
    echo "| receipt lives completed (delivered) / waiting at the end | $done / $waiting |"
    echo "| run time | $seconds s |"
    echo "| lives per second, first $INTERVAL s / last complete $INTERVAL s | $first / $last |"
    echo "| **last ÷ first** (target ≥ 0.8: within 20 %) | **$ratio $verdict** |"
    echo "| baseline (a one-row update per transaction, $CLIENTS clients, $BASELINE s) before / after the run | $base_before / $base_after tps |"
    echo "| lives per baseline transaction: first interval ÷ baseline before / last ÷ baseline after | $first_base / $last_base |"
    echo "| last ÷ first, each against its own baseline | $norm |"
    echo "| sizes at the end | $size |"
    echo "| vacuums (pg_stat_user_tables) | $vacuums |"
    echo "| the server's queue vacuums (its log) | $server_vacuums |"
    echo "| table settings | $(paste -sd ';' "$WORK/reloptions.txt") |"
    echo "| the cluster's autovacuum (autovacuum, naptime) | $(psql_db -tAc "select current_setting('autovacuum') || ', ' || current_setting('autovacuum_naptime')") |"
    echo "| cores busy before the baseline | $busy |"
    echo
    if [[ -f $PLOTS-lives.png ]]; then
      echo "![lives per second over the run]($(basename "$PLOTS")-lives.png)"
      echo
    fi
    echo "Throughput over the run (lives per second, every $INTERVAL s):"
    echo
    echo '```'
    grep '^progress' "$WORK/life.progress"
    echo '```'
    echo
    machine_facts
  } >"$REPORT"
  cat "$REPORT"
  log "report: $REPORT"
}

main "$@"
