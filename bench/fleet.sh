#!/usr/bin/env bash
# Fleet capacity: how many virtual registers one server node holds in long-polls, what each costs
# in heap and resident memory, and how fast a receipt wakes one of them. The server (PostgreSQL,
# fresh database `openkassa_fleet`, heap capped at HEAP), REGISTERS virtual registers in
# PROCESSES fleet-simulator processes, all in one group; then a slow open-loop load of ATOL sells,
# each of which must wake one waiting register.
#
# Usage (from anywhere in the checkout):  bash bench/fleet.sh
# Options (environment variables):
#   REGISTERS=10000   virtual registers, all long-polling the one server node
#   PROCESSES=2       fleet-simulator processes they are spread over
#   NODES=1           server nodes on the one database; with 2 the registers poll node 2 and the
#                     receipts go to node 1, so every wake crosses nodes (LISTEN/NOTIFY)
#   HEAP=1g           the server's maximum heap (-Xmx): the target is REGISTERS held within 1 GB
#   RATE=20           receipts per second while the polls are held (open loop)
#   DURATION=30       seconds of that load
#   HOLD_TIMEOUT=900  seconds to wait for every register to say hello and poll
#   SERVER_OPTS=      extra JVM options of the server (e.g. -XX:StartFlightRecording=filename=server.jfr)
#   SERVER_ARGS=      extra arguments of the server (Spring properties: --server.tomcat....)
#   SKIP_BUILD=0      1: use the jars as they are
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
# Exit status: 0 when every register held a poll and every receipt was taken by a register, even
# if a target is missed; non-zero otherwise. Report: bench/results/fleet-<UTC time>.md; logs in
# bench/results/fleet-<UTC time>.tmp/ (ignored by git).
set -euo pipefail

REGISTERS=${REGISTERS:-10000}
PROCESSES=${PROCESSES:-2}
NODES=${NODES:-1}
HEAP=${HEAP:-1g}
RATE=${RATE:-20}
DURATION=${DURATION:-30}
HOLD_TIMEOUT=${HOLD_TIMEOUT:-900}
SKIP_BUILD=${SKIP_BUILD:-0}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

readonly DB=openkassa_fleet
readonly GROUP=demo-shop-1
readonly INN=5544332219
readonly SNO=usn_income
readonly MIN_JAVA=21

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
WORK="$ROOT/bench/results/fleet-$STAMP.tmp"
REPORT="$ROOT/bench/results/fleet-$STAMP.md"
SERVER_JAR="$ROOT/server/target/openkassa.jar"
EMULATOR_JAR="$ROOT/emulator/target/openkassa-emulator.jar"
BENCH_JAR="$ROOT/bench/target/openkassa-bench.jar"
PIDS=()

log() { echo "[fleet $(date +%H:%M:%S)] $*" >&2; }
die() { echo "[fleet] ERROR: $*" >&2; exit 1; }
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

newest_java() {
  local candidate version best="" best_major=0
  for candidate in /usr/lib/jvm/*/bin/java ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)"; do
    [[ -x $candidate ]] || continue
    version=$("$candidate" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    version=${version#1.}
    version=${version%%[!0-9]*}
    [[ -n $version ]] && ((version >= MIN_JAVA && version > best_major)) && best=$candidate best_major=$version
  done
  [[ -n $best ]] || die "Java $MIN_JAVA or newer is needed (looked under /usr/lib/jvm, JAVA_HOME, PATH)"
  echo "$best"
}

# Heap in use after a full collection and the resident set, of the server process, in MB.
heap_mb() {
  "$JCMD" "$SERVER_PID" GC.run >/dev/null
  sleep 2
  "$JCMD" "$SERVER_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.1f", v / 1024; exit } }'
}
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
held_polls() {
  curl -fsS --max-time 5 "http://127.0.0.1:$POLL_PORT/actuator/metrics/openkassa.devices.polls.held" 2>/dev/null \
    | sed -n 's/.*"value":\([0-9.]*\).*/\1/p' | cut -d. -f1
}

declare -A NODE_PORT NODE_PID

# Starts server node $1 (seeding the demo data when $2 is true) and waits until it is UP.
start_node() {
  local n=$1 seed=$2 port
  port=$(free_port)
  log "server node $n: port $port, heap $HEAP"
  (
    cd "$WORK"
    OPENKASSA_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" OPENKASSA_DB_USER="$PGUSER" \
      exec "$JAVA" -Xmx"$HEAP" ${SERVER_OPTS:-} -jar "$SERVER_JAR" --openkassa.demo.seed="$seed" --server.port="$port" \
      --server.tomcat.max-connections=$((REGISTERS * 2 + 1000)) --server.tomcat.accept-count=2000 \
      --logging.level.root=WARN ${SERVER_ARGS:-}
  ) >"$WORK/server-$n.log" 2>&1 &
  NODE_PID[$n]=$!
  NODE_PORT[$n]=$port
  PIDS+=("${NODE_PID[$n]}")
  for _ in $(seq 1 180); do
    curl -fsS --max-time 2 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"' && return
    kill -0 "${NODE_PID[$n]}" 2>/dev/null || die "server node $n died: $WORK/server-$n.log"
    sleep 0.5
  done
  die "server node $n was not UP after 90 s: $WORK/server-$n.log"
}

main() {
  command -v psql >/dev/null || die "psql is needed (Debian: postgresql-client)"
  JAVA=$(newest_java)
  JCMD="$(dirname "$JAVA")/jcmd"
  [[ -x $JCMD ]] || die "jcmd is needed next to $JAVA (a JDK, not a JRE)"
  mkdir -p "$WORK"
  # every held poll is a socket on both sides, and each register keeps its FN journal open
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  local files
  files=$(ulimit -n)
  ((files > REGISTERS * 4)) || log "warning: only $files open files allowed; $REGISTERS registers need about $((REGISTERS * 4))"

  if [[ $SKIP_BUILD != 1 ]]; then
    log "building the jars (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) >"$WORK/build.log" 2>&1 || die "build failed: $WORK/build.log"
  fi

  log "database: dropping and creating $DB"
  psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"

  ((NODES == 1 || NODES == 2)) || die "NODES must be 1 or 2"
  start_node 1 true
  PORT=${NODE_PORT[1]}
  local admin atol
  for _ in $(seq 1 30); do
    admin=$(curl -sS -X POST "http://127.0.0.1:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
      -d '{"login":"demo","password":"demo-pass"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    [[ -n $admin ]] && break
    sleep 1
  done
  [[ -n $admin ]] || die "no admin token for demo/demo-pass"
  atol=$(curl -sS -X POST "http://127.0.0.1:$PORT/possystem/v5/getToken" -H 'Content-Type: application/json' \
    -d '{"login":"demo","pass":"demo-pass"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')

  if ((NODES == 2)); then
    start_node 2 false
  fi
  # the node that holds the polls (the last one) is the one measured
  POLL_PORT=${NODE_PORT[$NODES]}
  SERVER_PID=${NODE_PID[$NODES]}

  log "registers: creating $REGISTERS in group $GROUP"
  local started=$SECONDS
  seq 1 "$REGISTERS" | xargs -P 8 -I{} curl -sS --max-time 30 -X POST "http://127.0.0.1:$PORT/api/v1/registers" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Fleet {}\",\"legal_entity_inn\":\"$INN\",\"groups\":[\"$GROUP\"]}" \
    | grep -o '"register_id":"[0-9]\{10\}"' | cut -d'"' -f4 >"$WORK/ids.txt"
  local created
  created=$(wc -l <"$WORK/ids.txt")
  ((created == REGISTERS)) || die "only $created of $REGISTERS registers were created"
  log "registers: $created created in $((SECONDS - started)) s"

  local heap_before rss_before
  heap_before=$(heap_mb)
  rss_before=$(rss_mb)
  "$JCMD" "$SERVER_PID" GC.class_histogram 2>/dev/null | head -n 40 >"$WORK/histogram-before.txt" || true
  log "server before the fleet: heap after GC $heap_before MB, RSS $rss_before MB"

  split -n "l/$PROCESSES" -d "$WORK/ids.txt" "$WORK/ids-"
  local part n=0
  for part in "$WORK"/ids-*; do
    n=$((n + 1))
    (
      cd "$WORK"
      exec "$JAVA" -jar "$EMULATOR_JAR" registers --server "http://127.0.0.1:$POLL_PORT" --ids-file "$part" \
        --inn "$INN" --sno "$SNO" --data "$WORK/registers-$n" --heartbeat-seconds 300
    ) >"$WORK/fleet-$n.log" 2>&1 &
    PIDS+=($!)
  done
  log "fleet: $REGISTERS registers in $n processes; waiting for every poll to be held"
  started=$SECONDS
  local held=0
  while ((SECONDS - started < HOLD_TIMEOUT)); do
    held=$(held_polls || echo 0)
    held=${held:-0}
    ((held >= REGISTERS)) && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died: $WORK/server-$NODES.log"
    log "fleet: $held polls held"
    sleep 5
  done
  ((held >= REGISTERS)) || die "only $held of $REGISTERS polls held after $HOLD_TIMEOUT s (logs in $WORK)"
  local hold_seconds=$((SECONDS - started))
  log "fleet: all $REGISTERS polls held after $hold_seconds s"
  sleep 10
  local heap_held rss_held
  heap_held=$(heap_mb)
  rss_held=$(rss_mb)
  "$JCMD" "$SERVER_PID" GC.class_histogram 2>/dev/null | head -n 40 >"$WORK/histogram-held.txt" || true
  log "server holding $REGISTERS polls: heap after GC $heap_held MB, RSS $rss_held MB"

  log "load: $RATE receipts/s for $DURATION s"
  CHAIN_TOKEN=$atol "$JAVA" -jar "$BENCH_JAR" load --url "http://127.0.0.1:$PORT/possystem/v5/$GROUP/sell" \
    --rate "$RATE" --warmup 5 --warmup-rate "$RATE" --duration "$DURATION" --tag "fleet-$STAMP" \
    --out "$WORK/requests.csv" >"$WORK/load.out" 2>"$WORK/load.err" || die "the load generator failed: $WORK/load.err"
  local accepted
  accepted=$(psql_db -tAc "select count(*) from fiscal_job")
  for _ in $(seq 1 60); do
    [[ $(psql_db -tAc "select count(*) from fiscal_job where dispatched_at is null") == 0 ]] && break
    sleep 1
  done
  local waiting wake
  waiting=$(psql_db -tAc "select count(*) from fiscal_job where dispatched_at is null")
  # wake latency: from the commit of the receipt to a register's poll taking it (the server's clock)
  wake=$(psql_db -tAc "select round(percentile_cont(0.5) within group (order by ms)::numeric, 1) || ' / '
      || round(percentile_cont(0.99) within group (order by ms)::numeric, 1) || ' / ' || round(max(ms)::numeric, 1)
      from (select extract(epoch from dispatched_at - accepted_at) * 1000 as ms from fiscal_job
             where dispatched_at is not null) t")
  local p99
  p99=$(awk -F' / ' '{ print $2 }' <<<"$wake")

  local per_heap per_rss verdict_heap verdict_wake
  per_heap=$(awk -v a="$heap_before" -v b="$heap_held" -v n="$REGISTERS" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
  per_rss=$(awk -v a="$rss_before" -v b="$rss_held" -v n="$REGISTERS" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
  verdict_heap=$(awk -v h="$heap_held" 'BEGIN { print (h <= 1024 ? "PASS" : "MISS") }')
  verdict_wake=$(awk -v p="$p99" 'BEGIN { print (p < 50 ? "PASS" : "MISS") }')

  {
    echo "# Fleet capacity, $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
    echo
    echo "\`bash bench/fleet.sh\` with REGISTERS=$REGISTERS PROCESSES=$PROCESSES NODES=$NODES HEAP=$HEAP RATE=$RATE DURATION=$DURATION,"
    echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -n 1)."
    echo
    echo "| measure | value | target |"
    echo "| --- | --- | --- |"
    echo "| registers holding a long-poll on the one node | $held (all held $hold_seconds s after the fleet started) | $REGISTERS |"
    echo "| server heap after GC: before the fleet / holding every poll | $heap_before MB / $heap_held MB | ≤ 1024 MB held: **$verdict_heap** |"
    echo "| server RSS: before / holding | $rss_before MB / $rss_held MB | |"
    echo "| per held register: heap / RSS | $per_heap KB / $per_rss KB | |"
    echo "| receipts accepted during the load / not taken by a register after 60 s | $accepted / $waiting | 0 not taken |"
    echo "| wake latency accept → a register's poll took it$( ((NODES == 2)) && echo ", accepted on node 1, every register polling node 2"): p50 / p99 / max | $wake ms | p99 < 50 ms: **$verdict_wake** |"
    echo
    echo "Server JVM: -Xmx$HEAP, Tomcat max-connections $((REGISTERS * 2 + 1000)); open files allowed: $files."
  } >"$REPORT"
  cat "$REPORT"
  log "report: $REPORT"
  ((waiting == 0)) || die "$waiting receipts were not taken by any register"
}

main "$@"
