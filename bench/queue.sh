#!/usr/bin/env bash
# Queue endurance: JOBS receipts through the queue table, each with the life the server gives it
# (accepted, leased, acked, fiscalized, delivered, with its events and callbacks), while a backlog
# of waiting receipts stays in the queue. Does claiming slow down as dead tuples and the table
# grow? pgbench drives the server's own statements (one transaction per step, as the server commits
# them) against a database migrated by the server itself; it prints the throughput every INTERVAL
# seconds and the report compares the first interval with the last.
#
# Usage (from anywhere in the checkout):  bash bench/queue.sh
# Options (environment variables):
#   JOBS=1000000      receipts taken through their whole life
#   BACKLOG=20000     receipts waiting in the queue throughout (filled first, never drained)
#   CLIENTS=8         pgbench clients (each runs whole lives, one after another)
#   INTERVAL=30       seconds per throughput sample
#   MAINTENANCE=tuned  tuned: the queue tables' autovacuum and fillfactor settings of the migration
#                     V18 as they are; default: PostgreSQL's defaults put back on them, for comparison
#   SKIP_BUILD=0      1: use server/target/openkassa.jar as it is
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
# Exit status: 0 when every life completed (even if the target is missed). Report:
# bench/results/queue-<UTC time>.md; scripts and logs in bench/results/queue-<UTC time>.tmp/.
set -euo pipefail

JOBS=${JOBS:-1000000}
BACKLOG=${BACKLOG:-20000}
CLIENTS=${CLIENTS:-8}
INTERVAL=${INTERVAL:-30}
MAINTENANCE=${MAINTENANCE:-tuned}
SKIP_BUILD=${SKIP_BUILD:-0}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

readonly DB=openkassa_queue
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
WORK="$ROOT/bench/results/queue-$STAMP.tmp"
REPORT="$ROOT/bench/results/queue-$STAMP.md"
SERVER_JAR="$ROOT/server/target/openkassa.jar"
SERVER_PID=""

log() { echo "[queue $(date +%H:%M:%S)] $*" >&2; }
die() { echo "[queue] ERROR: $*" >&2; exit 1; }
cleanup() { [[ -z $SERVER_PID ]] || kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

newest_java() {
  local candidate version best="" best_major=0
  for candidate in /usr/lib/jvm/*/bin/java ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)"; do
    [[ -x $candidate ]] || continue
    version=$("$candidate" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    version=${version#1.}
    version=${version%%[!0-9]*}
    [[ -n $version ]] && ((version >= 21 && version > best_major)) && best=$candidate best_major=$version
  done
  [[ -n $best ]] || die "Java 21 or newer is needed"
  echo "$best"
}

# The database as the server makes it: its migrations and its demo account (one group, one entity).
migrate() {
  local java port
  java=$(newest_java)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  OPENKASSA_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" OPENKASSA_DB_USER="$PGUSER" \
    "$java" -jar "$SERVER_JAR" --openkassa.demo.seed=true --server.port="$port" --logging.level.root=WARN \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 180); do
    if [[ $(psql_db -tAc "select count(*) from cash_register" 2>/dev/null || echo 0) -gt 0 ]]; then
      break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died: $WORK/server.log"
    sleep 0.5
  done
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
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
  # acked, fiscalized, delivered; each step a transaction with its event, as the server does them.
  cat >"$WORK/life.sql" <<EOF
\set n random(1, 9000000000000000)
\set reg random(1, 100)
$insert
begin;
select id as job from fiscal_job where state = 'ACCEPTED' and account_id = :account and legal_entity_id = :entity
  and group_id in (:grp) order by accepted_at limit 1 for update skip locked \gset
update fiscal_job set state = 'DISPATCHED', register_pk = :reg, register_id = '0000000001', dispatched_at = now(),
  lease_expires_at = now() + interval '15 s', acked_at = null, dispatch_count = dispatch_count + 1
  where id = :job and state = 'ACCEPTED';
insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail) values (:account, :job, now(), 'DISPATCHED', :reg, 'ККТ 0000000001');
commit;
begin;
update fiscal_job set acked_at = now(), lease_expires_at = now() + interval '15 s'
  where account_id = :account and id = :job and register_pk = :reg and state = 'DISPATCHED' and acked_at is null;
insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail) values (:account, :job, now(), 'ACKED', :reg, null);
commit;
begin;
update fiscal_job set state = 'FISCALIZED', fiscalized_at = now(), fd_number = :n::bigint % 1000000, fiscal_sign = 3449555941,
  shift_number = 1, number_in_shift = 1, fiscal_datetime = now(), fiscal_utc_offset = 10800, fn_number = '9999078900000001',
  registration_number = '0000000001012345', ffd_version = '1.2', ofd_inn = '7704211201', lease_expires_at = null
  where account_id = :account and id = :job and register_pk = :reg and state = 'DISPATCHED';
insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail) values (:account, :job, now(), 'FISCALIZED', :reg, 'ФД');
insert into callback_outbox (account_id, group_id, job_id, url, body, created_at, next_attempt_at)
  values (:account, :grp, :job, 'http://shop.example.ru/cb', '{"status":"done"}', now(), now());
commit;
begin;
update fiscal_job set state = 'DELIVERED', delivered_at = now() where id = :job and state = 'FISCALIZED';
insert into fiscal_job_event (account_id, job_id, at, kind, register_pk, detail) values (:account, :job, now(), 'DELIVERED', :reg, 'ОФД');
insert into callback_outbox (account_id, group_id, job_id, url, body, created_at, next_attempt_at)
  values (:account, :grp, :job, 'http://shop.example.ru/cb', '{"delivered": true}', now(), now());
commit;
update callback_outbox set delivered_at = now(), attempts = attempts + 1, last_status = 200
  where job_id = :job and delivered_at is null;
EOF
}

main() {
  command -v pgbench >/dev/null || die "pgbench is needed (Debian: postgresql-client)"
  mkdir -p "$WORK"
  if [[ $SKIP_BUILD != 1 ]]; then
    log "building the server jar"
    (cd "$ROOT" && ./mvnw -q -B -pl server -am -DskipTests package) >"$WORK/build.log" 2>&1 || die "build failed: $WORK/build.log"
  fi
  log "database: dropping and creating $DB, migrated by the server"
  psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
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

  log "life: $JOBS receipts, $CLIENTS clients, a sample every $INTERVAL s"
  local started=$SECONDS
  pgbench -n -M extended -c "$CLIENTS" -j 2 -t $((JOBS / CLIENTS)) --progress="$INTERVAL" "${vars[@]}" \
    -f "$WORK/life.sql" "$DB" >"$WORK/life.out" 2>"$WORK/life.progress" || die "the life run failed: $WORK/life.out"
  local seconds=$((SECONDS - started))
  grep '^progress' "$WORK/life.progress" >&2 || true

  local first last ratio verdict done waiting size
  first=$(grep '^progress' "$WORK/life.progress" | sed -n '1s/.* s, \([0-9.]*\) tps.*/\1/p')
  # the last complete interval (the final line may be a partial one)
  last=$(grep '^progress' "$WORK/life.progress" | tail -n 2 | head -n 1 | sed -n 's/.* s, \([0-9.]*\) tps.*/\1/p')
  ratio=$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
  verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.8 ? "PASS" : "MISS") }')
  done=$(psql_db -tAc "select count(*) from fiscal_job where state = 'DELIVERED'")
  waiting=$(psql_db -tAc "select count(*) from fiscal_job where state = 'ACCEPTED'")
  size=$(psql_db -tAc "select pg_size_pretty(pg_total_relation_size('fiscal_job')) || ' (table ' ||
      pg_size_pretty(pg_relation_size('fiscal_job')) || '), events ' || pg_size_pretty(pg_total_relation_size('fiscal_job_event'))
      || ', outbox ' || pg_size_pretty(pg_total_relation_size('callback_outbox'))")
  local vacuums
  vacuums=$(psql_db -tAc "select relname || ': ' || autovacuum_count || ' autovacuums, ' || n_dead_tup || ' dead tuples now'
      from pg_stat_user_tables where relname in ('fiscal_job', 'callback_outbox') order by relname" | paste -sd ';' -)
  {
    echo "# Queue endurance, $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
    echo
    echo "\`bash bench/queue.sh\` with JOBS=$JOBS BACKLOG=$BACKLOG CLIENTS=$CLIENTS INTERVAL=$INTERVAL MAINTENANCE=$MAINTENANCE,"
    echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) CPUs, $(psql_db -tAc 'show server_version')."
    echo
    echo "| measure | value |"
    echo "| --- | --- |"
    echo "| receipt lives completed (delivered) / waiting at the end | $done / $waiting |"
    echo "| run time | $seconds s |"
    echo "| lives per second, first $INTERVAL s / last complete $INTERVAL s | $first / $last |"
    echo "| **last ÷ first** (target ≥ 0.8: within 20 %) | **$ratio $verdict** |"
    echo "| sizes at the end | $size |"
    echo "| autovacuum | $vacuums |"
    echo "| table settings | $(paste -sd ';' "$WORK/reloptions.txt") |"
    echo "| the cluster's autovacuum (autovacuum, naptime) | $(psql_db -tAc "select current_setting('autovacuum') || ', ' || current_setting('autovacuum_naptime')") |"
    echo
    echo "Throughput over the run (lives per second, every $INTERVAL s):"
    echo
    echo '```'
    grep '^progress' "$WORK/life.progress"
    echo '```'
  } >"$REPORT"
  cat "$REPORT"
  log "report: $REPORT"
}

main "$@"
