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
#   PROCESSES=        fleet-simulator processes they are spread over (default: as many as the open-files
#                     limit asks, at least 2: a simulated register holds three files and up to two sockets)
#   NODES=1           server nodes on the one database; with 2 the registers poll node 2 and the
#                     receipts go to node 1, so every wake crosses nodes (LISTEN/NOTIFY)
#   HEAP=1g           the server's maximum heap (-Xmx): the target is REGISTERS held within 1 GB
#   RATE=20           receipts per second while the polls are held (open loop)
#   DURATION=30       seconds of that load
#   HOLD_TIMEOUT=900  seconds to wait for every register to say hello and poll
#   GC=zgc            the server's garbage collector: zgc (-XX:+UseZGC, as docs/operations.md asks) or g1
#   SERVER_OPTS=      extra JVM options of the server (e.g. -XX:StartFlightRecording=filename=server.jfr)
#   SERVER_ARGS=      extra arguments of the server (Spring properties: --openkassa.devices.admission....)
#   DB=openkassa_fleet  the database (dropped and created)
#   SKIP_BUILD=0      1: use the jars as they are
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
# The HTTP baseline: while the receipts flow, the same number of GETs of the polling node's
# /actuator/info (a trivial Spring endpoint, no database) are timed; the wake latency is also given
# as a multiple of that round trip.
# Exit status: 0 when every register held a poll and every receipt was taken by a register, even
# if a target is missed; non-zero otherwise. Report: bench/results/fleet-<UTC time>.md with its
# latency plot; logs in bench/results/fleet-<UTC time>.tmp/ (ignored by git).
set -euo pipefail

REGISTERS=${REGISTERS:-10000}
PROCESSES=${PROCESSES:-}
NODES=${NODES:-1}
HEAP=${HEAP:-1g}
RATE=${RATE:-20}
DURATION=${DURATION:-30}
HOLD_TIMEOUT=${HOLD_TIMEOUT:-900}
SKIP_BUILD=${SKIP_BUILD:-0}

readonly SCENARIO=fleet
readonly DB=${DB:-openkassa_fleet}
readonly GROUP=demo-shop-1
readonly INN=5544332219
readonly SNO=usn_income

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
WORK="$ROOT/bench/results/fleet-$STAMP.tmp"
REPORT="$ROOT/bench/results/fleet-$STAMP.md"
PLOTS="$ROOT/bench/results/fleet-$STAMP"
SERVER_JAR="$ROOT/server/target/openkassa.jar"
EMULATOR_JAR="$ROOT/emulator/target/openkassa-emulator.jar"
BENCH_JAR="$ROOT/bench/target/openkassa-bench.jar"
PIDS=()

cleanup() {
  local pid
  kill_quietly "${PIDS[@]}"
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
on_exit cleanup

# Heap in use after a full collection and the resident set, of the server process, in MB.
heap_mb() {
  "$JCMD" "$SERVER_PID" GC.run >/dev/null
  sleep 2
  # G1 says "used 380123K,", ZGC "used 430M,"
  "$JCMD" "$SERVER_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") {
      v = $(i + 1); sub(/,$/, "", v); unit = substr(v, length(v)); n = substr(v, 1, length(v) - 1) + 0;
      printf "%.1f", unit == "K" ? n / 1024 : unit == "G" ? n * 1024 : unit == "M" ? n : v / 1048576; exit } }'
}
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
# A counter or gauge of the polling node, as a whole number (empty when the node does not answer).
node_metric() {
  curl -fsS --max-time 5 "http://127.0.0.1:$POLL_PORT/actuator/metrics/$1" 2>/dev/null \
    | sed -n 's/.*"value":\([0-9.]*\).*/\1/p' | cut -d. -f1
}
turned_away() { node_metric openkassa.devices.turned.away; }
held_polls() { node_metric openkassa.devices.polls.held; }

# "total idle postgres server fleet" ticks, machine-wide; the server is the polling node, the fleet
# every simulator process.
FLEET_PIDS=()
cpu_sample() {
  local user nice system idle iowait irq softirq steal rest fleet=0 pid
  read -r _ user nice system idle iowait irq softirq steal rest </proc/stat
  for pid in "${FLEET_PIDS[@]}"; do fleet=$((fleet + $(proc_ticks "$pid"))); done
  echo "$((user + nice + system + idle + iowait + irq + softirq + steal)) $((idle + iowait))" \
    "$(postgres_ticks "$POSTMASTER_PID") $(proc_ticks "$SERVER_PID") $fleet"
}

# Cores used between two samples: "postgres server fleet other idle" ("other": the load generator,
# the baseline's client, a second node, interrupts and the rest of the machine).
cpu_cores() {
  local a b
  read -r -a a <<<"$1"
  read -r -a b <<<"$2"
  awk -v t="$((b[0] - a[0]))" -v i="$((b[1] - a[1]))" -v p="$((b[2] - a[2]))" -v s="$((b[3] - a[3]))" \
    -v f="$((b[4] - a[4]))" -v n="$(nproc)" 'BEGIN { if (t <= 0) t = 1; o = t - i - p - s - f; if (o < 0) o = 0;
      printf "%.2f / %.2f / %.2f / %.2f / %.2f", p * n / t, s * n / t, f * n / t, o * n / t, i * n / t }'
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
      exec "$JAVA" -Xmx"$HEAP" $GC_OPTS ${SERVER_OPTS:-} -jar "$SERVER_JAR" --openkassa.demo.seed="$seed" --server.port="$port" \
      --logging.level.root=WARN ${SERVER_ARGS:-}
  ) >"$WORK/server-$n.log" 2>&1 &
  NODE_PID[$n]=$!
  NODE_PORT[$n]=$port
  PIDS+=("${NODE_PID[$n]}")
  wait_until_up "${NODE_PID[$n]}" "$port" "$WORK/server-$n.log"
}

main() {
  command -v psql >/dev/null || die "psql is needed (Debian: postgresql-client)"
  find_java
  JCMD="$(dirname "$JAVA")/jcmd"
  [[ -x $JCMD ]] || die "jcmd is needed next to $JAVA (a JDK, not a JRE)"
  mkdir -p "$WORK"
  # every held poll is a socket on both sides, and each register keeps its FN journal open
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  local files
  files=$(ulimit -n)
  # a simulated register: its lock, FN journal and job journal, its poll and its heartbeat
  local per_process=$((files - 200))
  if [[ -z $PROCESSES ]]; then
    PROCESSES=$(((REGISTERS * 5 + per_process - 1) / per_process))
    ((PROCESSES >= 2)) || PROCESSES=2
    log "fleet simulator: $PROCESSES processes ($files open files allowed, about 5 per register)"
  elif ((REGISTERS * 5 / PROCESSES > per_process)); then
    log "warning: $((REGISTERS / PROCESSES)) registers per simulator process need about $((REGISTERS * 5 / PROCESSES)) open files, $files allowed; more PROCESSES"
  fi
  # the server: a socket per held poll, and the heartbeats' connections the simulators keep open
  ((files > REGISTERS * 11 / 10 + 200)) || log "warning: only $files open files allowed; the server holding $REGISTERS polls needs about $((REGISTERS * 11 / 10 + 200))"

  build_jars "$SERVER_JAR" "$EMULATOR_JAR" "$BENCH_JAR"
  reset_database
  note_machine

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
    FLEET_PIDS+=($!)
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

  log "load: $RATE receipts/s for $DURATION s, and as many round trips of GET /actuator/info (the baseline)"
  "$JAVA" -jar "$BENCH_JAR" ping --url "http://127.0.0.1:$POLL_PORT/actuator/info" --rate "$RATE" \
    --warmup 5 --duration "$DURATION" --out "$WORK/ping.txt" >"$WORK/ping.out" 2>&1 &
  local ping_pid=$!
  PIDS+=("$ping_pid")
  local cpu_before held_cpu
  cpu_before=$(cpu_sample)
  CHAIN_TOKEN=$atol "$JAVA" -jar "$BENCH_JAR" load --url "http://127.0.0.1:$PORT/possystem/v5/$GROUP/sell" \
    --rate "$RATE" --warmup 5 --warmup-rate "$RATE" --duration "$DURATION" --tag "fleet-$STAMP" \
    --out "$WORK/requests.csv" >"$WORK/load.out" 2>"$WORK/load.err" || die "the load generator failed: $WORK/load.err"
  wait "$ping_pid" || die "the round trips of the baseline failed: $WORK/ping.out"
  held_cpu=$(cpu_cores "$cpu_before" "$(cpu_sample)")
  local accepted
  accepted=$(psql_db -tAc "select count(*) from fiscal_job")
  for _ in $(seq 1 60); do
    [[ $(psql_db -tAc "select count(*) from fiscal_job where dispatched_at is null") == 0 ]] && break
    sleep 1
  done
  local waiting wake measured="external_id like 'chain-fleet-$STAMP-m%'"
  waiting=$(psql_db -tAc "select count(*) from fiscal_job where dispatched_at is null")
  # wake latency: from the commit of the receipt to a register's poll taking it (the server's clock),
  # of the receipts of the measured window (after the load generator's 5 s warm-up, as the baseline)
  wake=$(psql_db -tAc "select round(percentile_cont(0.5) within group (order by ms)::numeric, 1) || ' / '
      || round(percentile_cont(0.99) within group (order by ms)::numeric, 1) || ' / ' || round(max(ms)::numeric, 1)
      from (select extract(epoch from dispatched_at - accepted_at) * 1000 as ms from fiscal_job
             where $measured and dispatched_at is not null) t")
  local p50 p99 ping_p50 ping_p99 ping_errors ratio50 ratio99
  p50=$(awk -F' / ' '{ print $1 }' <<<"$wake")
  p99=$(awk -F' / ' '{ print $2 }' <<<"$wake")
  ping_p50=$(ping_result p50)
  ping_p99=$(ping_result p99)
  ping_errors=$(ping_result errors)
  ratio50=$(awk -v a="$p50" -v b="$ping_p50" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
  ratio99=$(awk -v a="$p99" -v b="$ping_p99" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
  psql_db -tAc "select round(extract(epoch from dispatched_at - accepted_at) * 1000000) from fiscal_job
                 where $measured and dispatched_at is not null" >"$WORK/wake.txt"
  "$JAVA" -jar "$BENCH_JAR" plot cdf --out "$PLOTS-wake.png" \
    --title "Wake latency of $(wc -l <"$WORK/wake.txt") receipts, $REGISTERS registers held$( ((NODES == 2)) && echo ", across nodes")" \
    "accept → a register's poll took it=$WORK/wake.txt" \
    "baseline: GET /actuator/info round trip, same node, same time=$WORK/ping.txt" >"$WORK/plot.out" 2>&1 ||
    log "the plot failed: $WORK/plot.out"

  local per_heap per_rss verdict_heap verdict_wake
  per_heap=$(awk -v a="$heap_before" -v b="$heap_held" -v n="$REGISTERS" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
  per_rss=$(awk -v a="$rss_before" -v b="$rss_held" -v n="$REGISTERS" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
  verdict_heap=$(awk -v h="$heap_held" 'BEGIN { print (h <= 1024 ? "PASS" : "MISS") }')
  verdict_wake=$(awk -v p="$p99" 'BEGIN { print (p < 50 ? "PASS" : "MISS") }')

  {
    echo "# Fleet capacity, $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
    echo
    echo "\`bash bench/fleet.sh\` with REGISTERS=$REGISTERS PROCESSES=$PROCESSES NODES=$NODES HEAP=$HEAP RATE=$RATE DURATION=$DURATION."
    echo
    echo "| measure | value | target |"
    echo "| --- | --- | --- |"
    echo "| registers holding a long-poll on the one node | $held (all held $hold_seconds s after the fleet started) | $REGISTERS |"
    echo "| server heap after GC: before the fleet / holding every poll | $heap_before MB / $heap_held MB | ≤ 1024 MB held: **$verdict_heap** |"
    echo "| server RSS: before / holding | $rss_before MB / $rss_held MB | |"
    echo "| per held register: heap / RSS | $per_heap KB / $per_rss KB | |"
    echo "| receipts accepted during the load / not taken by a register after 60 s | $accepted / $waiting | 0 not taken |"
    echo "| wake latency accept → a register's poll took it, receipts of the measured $DURATION s$( ((NODES == 2)) && echo ", accepted on node 1, every register polling node 2"): p50 / p99 / max | $wake ms | p99 < 50 ms: **$verdict_wake** |"
    echo "| baseline: round trip of GET /actuator/info on the polling node during the measured $DURATION s, p50 / p99 / max | $ping_p50 / $ping_p99 / $(ping_result max) ms ($(ping_result count) answered, $ping_errors errors) | |"
    echo "| wake latency ÷ baseline round trip: p50 / p99 | $ratio50 / $ratio99 | |"
    echo "| CPU during the load, cores of $(nproc): PostgreSQL / polling server node / fleet simulator / other (load generator, baseline client, interrupts…) / idle | $held_cpu | |"
    echo
    if [[ -f $PLOTS-wake.png ]]; then
      echo "![wake latency by percentile]($(basename "$PLOTS")-wake.png)"
      echo
    fi
    echo "Server JVM: -Xmx$HEAP $GC_OPTS${SERVER_OPTS:+ $SERVER_OPTS}${SERVER_ARGS:+, arguments $SERVER_ARGS}; open files allowed: $files."
    echo "Device calls answered 503 (busy) while the fleet said hello: $(turned_away) (openkassa_devices_turned_away_total)."
    echo
    machine_facts
  } >"$REPORT"
  cat "$REPORT"
  log "report: $REPORT"
  ((waiting == 0)) || die "$waiting receipts were not taken by any register"
}

main "$@"
