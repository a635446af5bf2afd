#!/usr/bin/env bash
# Chain benchmark: the whole way of a receipt, store -> server -> register -> OFD, under a constant
# load. The server on PostgreSQL (fresh database `openkassa_chain`), the OFD emulator, a fleet of
# virtual registers (the emulator's fleet simulator) and an open-loop load generator (the bench
# module's Java tool: a constant rate whatever the answers do); then, from the server's own
# timestamps, how long each step took, and from the load generator's answers and the OFD's
# documents whether any receipt was lost or fiscalized twice.
#
# Usage (from anywhere in the checkout):  bash bench/chain.sh
# Options (environment variables):
#   RATE=200          receipts per second offered (open loop)
#   DURATION=60       measured seconds
#   WARMUP=10         seconds of load before the measured run (checked for loss, not timed)
#   WARMUP_RATE=      receipts per second during the warm-up (default: RATE)
#   REGISTERS=100     virtual registers in the fleet
#   SETTLE_TIMEOUT=120  seconds to wait after the load for every receipt to be fiscalized and delivered
#   DB_POOL=          the server's JDBC pool size (OPENKASSA_DB_POOL; default: the server's own, 20)
#   CALLBACKS=1       1: each receipt asks for its callbacks (service.callback_url) at a local sink; 0: none
#   BASELINE_RATE=10  GETs per second of the server's /actuator/info beside the load, timed: the HTTP
#                     baseline the latencies are also given against; 0: none
#   PORT= OFD_PORT= OFD_HTTP_PORT= SINK_PORT=   ports of the server, the OFD (TCP), its cabinet API and
#                     the callback sink (default: free ones)
#   GC=zgc            the server's garbage collector: zgc (-XX:+UseZGC, as docs/operations.md asks) or g1
#   SERVER_OPTS= FLEET_OPTS=   extra JVM options of the server and of the fleet simulator, e.g. a
#                     flight recording: SERVER_OPTS=-XX:StartFlightRecording=filename=server.jfr
#   SKIP_BUILD=0      1: use the jars in server/, emulator/ and bench/target as they are
#   DB=                the database (dropped and created; default openkassa_<scenario>)
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres   the PostgreSQL to use (trust or ~/.pgpass auth)
# Exit status: 0 when the run is valid (every accepted receipt fiscalized exactly once, no error
# answers), even if a latency target is missed; non-zero otherwise. The report goes to
# bench/results/chain-<UTC time>.md (plots next to it), logs and data of the run to
# bench/results/chain-<UTC time>.tmp/ (ignored by git).
set -euo pipefail

RATE=${RATE:-200}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-10}
WARMUP_RATE=${WARMUP_RATE:-}
REGISTERS=${REGISTERS:-100}
SETTLE_TIMEOUT=${SETTLE_TIMEOUT:-120}
CALLBACKS=${CALLBACKS:-1}
BASELINE_RATE=${BASELINE_RATE:-10}
DB_POOL=${DB_POOL:-}
PORT=${PORT:-}
OFD_PORT=${OFD_PORT:-}
OFD_HTTP_PORT=${OFD_HTTP_PORT:-}
SINK_PORT=${SINK_PORT:-}
SERVER_OPTS=${SERVER_OPTS:-}
FLEET_OPTS=${FLEET_OPTS:-}
SKIP_BUILD=${SKIP_BUILD:-0}

# bench/chaos.sh sources this file with BENCH_SCENARIO=chaos: its own database, report and logs
readonly SCENARIO=${BENCH_SCENARIO:-chain}
readonly DB=${DB:-openkassa_$SCENARIO}
readonly GROUP=demo-shop-1
readonly INN=5544332219
readonly SNO=usn_income
# the issue's targets, in milliseconds
readonly TARGET_DISPATCH_P99=20
readonly TARGET_DONE_P99=250

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
readonly STAMP
readonly REPORT="$ROOT/bench/results/$SCENARIO-$STAMP.md"
readonly PLOTS="$ROOT/bench/results/$SCENARIO-$STAMP"
readonly WORK="$ROOT/bench/results/$SCENARIO-$STAMP.tmp"
readonly RUN_TAG=${STAMP//[^0-9]/}
readonly SERVER_JAR="$ROOT/server/target/openkassa.jar"
readonly EMULATOR_JAR="$ROOT/emulator/target/openkassa-emulator.jar"
readonly BENCH_JAR="$ROOT/bench/target/openkassa-bench.jar"

SERVER_PID=""
OFD_PID=""
FLEET_PID=""
SINK_PID=""
LOADGEN_PID=""
PING_PID=""
POSTMASTER_PID=""
JAVA=""

# ---------------------------------------------------------------- set-up

check_options() {
  local name
  for name in RATE DURATION WARMUP REGISTERS SETTLE_TIMEOUT CALLBACKS BASELINE_RATE SKIP_BUILD; do
    [[ ${!name} =~ ^[0-9]+$ ]] || die "$name must be a whole number, got '${!name}'"
  done
  for name in PORT OFD_PORT OFD_HTTP_PORT SINK_PORT; do
    [[ -z ${!name} || ${!name} =~ ^[0-9]+$ ]] || die "$name must be a port number, got '${!name}'"
  done
  [[ -z $DB_POOL || $DB_POOL =~ ^[1-9][0-9]*$ ]] || die "DB_POOL must be a positive number, got '$DB_POOL'"
  [[ -z $WARMUP_RATE || $WARMUP_RATE =~ ^[1-9][0-9]*$ ]] || die "WARMUP_RATE must be a positive number, got '$WARMUP_RATE'"
  ((RATE > 0)) || die "RATE must be at least 1 receipt per second"
  ((DURATION > 0)) || die "DURATION must be at least 1 second"
  ((REGISTERS > 0)) || die "REGISTERS must be at least 1"
}

require_tools() {
  local tool
  for tool in psql pg_isready curl git; do
    command -v "$tool" >/dev/null || die "'$tool' is needed but not installed (Debian: postgresql-client, curl, git)"
  done
}


pick_ports() {
  local name
  for name in PORT OFD_PORT OFD_HTTP_PORT SINK_PORT; do
    [[ $TAKEN_PORTS != *" ${!name} "* ]] || die "PORT, OFD_PORT, OFD_HTTP_PORT and SINK_PORT must differ"
    [[ -n ${!name} ]] || printf -v "$name" '%s' "$(free_port)"
    TAKEN_PORTS+="${!name} "
  done
}

# ---------------------------------------------------------------- the processes

start_ofd() {
  log "OFD emulator: TCP port $OFD_PORT, cabinet API on $OFD_HTTP_PORT"
  (
    cd "$WORK"
    exec "$JAVA" -jar "$EMULATOR_JAR" ofd --port "$OFD_PORT" --http-port "$OFD_HTTP_PORT" --data "$WORK/ofd"
  ) >>"$WORK/ofd.log" 2>&1 &
  OFD_PID=$!
  for _ in $(seq 1 120); do
    kill -0 "$OFD_PID" 2>/dev/null || died "the OFD emulator" "$WORK/ofd.log"
    if curl -fsS --max-time 2 "http://127.0.0.1:$OFD_HTTP_PORT/api/v1/switches" >/dev/null 2>&1; then
      return
    fi
    sleep 0.5
  done
  die "the OFD emulator's cabinet API did not answer in 60 s (log: $WORK/ofd.log)"
}

start_server() {
  log "server: starting on port $PORT against $DB${DB_POOL:+, JDBC pool $DB_POOL}"
  (
    cd "$WORK"
    [[ -z $DB_POOL ]] || export OPENKASSA_DB_POOL=$DB_POOL
    OPENKASSA_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" OPENKASSA_DB_USER="$PGUSER" \
      exec "$JAVA" $GC_OPTS $SERVER_OPTS -jar "$SERVER_JAR" --openkassa.demo.seed=true --server.port="$PORT" --logging.level.root=WARN
  ) >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  wait_until_up "$SERVER_PID" "$PORT" "$WORK/server.log"
}

ADMIN_TOKEN=""
ATOL_TOKEN=""

get_tokens() {
  local answer=""
  # the demo data is seeded right after start-up: retry a little
  for _ in $(seq 1 30); do
    kill -0 "$SERVER_PID" 2>/dev/null || died "the server" "$WORK/server.log"
    answer=$(curl -sS --max-time 5 -X POST "http://127.0.0.1:$PORT/api/v1/auth/token" \
      -H 'Content-Type: application/json' -d '{"login":"demo","password":"demo-pass"}' 2>&1) || true
    ADMIN_TOKEN=$(json_field token "$answer")
    [[ -n $ADMIN_TOKEN ]] && break
    sleep 1
  done
  [[ -n $ADMIN_TOKEN ]] || die "POST /api/v1/auth/token gave no token for demo/demo-pass (last answer: $answer)"
  answer=$(curl -sS --max-time 5 -X POST "http://127.0.0.1:$PORT/possystem/v5/getToken" \
    -H 'Content-Type: application/json' -d '{"login":"demo","pass":"demo-pass"}' 2>&1) || true
  ATOL_TOKEN=$(json_field token "$answer")
  [[ -n $ATOL_TOKEN ]] || die "getToken gave no token for demo/demo-pass (answer: $answer)"
}

# Registers "Chain 1".."Chain N" through the admin API; their IDs go to the fleet's ids file.
create_registers() {
  local i answer id
  log "registers: creating $REGISTERS in group $GROUP"
  : >"$WORK/ids.txt"
  for i in $(seq 1 "$REGISTERS"); do
    answer=$(curl -sS --max-time 10 -X POST "http://127.0.0.1:$PORT/api/v1/registers" \
      -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"name\":\"Chain $i\",\"legal_entity_inn\":\"$INN\",\"groups\":[\"$GROUP\"]}" 2>&1) || true
    id=$(json_field register_id "$answer")
    [[ $id =~ ^[0-9]{10}$ ]] || die "creating register $i failed: $answer"
    echo "$id" >>"$WORK/ids.txt"
  done
}

start_fleet() {
  log "fleet: $REGISTERS virtual registers, OFD at 127.0.0.1:$OFD_PORT"
  (
    cd "$WORK"
    exec "$JAVA" $FLEET_OPTS -jar "$EMULATOR_JAR" registers --server "http://127.0.0.1:$PORT" --ids-file "$WORK/ids.txt" \
      --inn "$INN" --sno "$SNO" --ofd "127.0.0.1:$OFD_PORT" --data "$WORK/registers"
  ) >>"$WORK/fleet.log" 2>&1 &
  FLEET_PID=$!
  local ready=0
  for _ in $(seq 1 240); do
    kill -0 "$FLEET_PID" 2>/dev/null || died "the fleet" "$WORK/fleet.log"
    # said hello (serial bound) and long-polls (last_poll_at)
    ready=$(psql_db -tAc "select count(*) from cash_register c join register_state s on s.register_pk = c.id
                              where c.name like 'Chain %' and c.serial is not null and s.last_poll_at is not null")
    if ((ready == REGISTERS)); then
      log "fleet: all $REGISTERS registers said hello and poll"
      return
    fi
    sleep 0.5
  done
  local timeouts hint=""
  timeouts=$(grep -c 'Connection is not available, request timed out' "$WORK/server.log" || true)
  ((timeouts == 0)) || hint="; the server logged $timeouts JDBC pool timeouts: try a larger DB_POOL"
  die "only $ready of $REGISTERS registers said hello and polled within 120 s (logs: $WORK/fleet.log, \
$WORK/server.log$hint)"
}

CALLBACK_URL=""

# The store's callback endpoint: answers 204 to every callback of the run.
start_sink() {
  ((CALLBACKS)) || return 0
  CALLBACK_URL="http://127.0.0.1:$SINK_PORT/atol-callback"
  log "callback sink: $CALLBACK_URL"
  "$JAVA" -jar "$BENCH_JAR" sink --port "$SINK_PORT" >"$WORK/sink.out" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 1 60); do
    kill -0 "$SINK_PID" 2>/dev/null || died "the callback sink" "$WORK/sink.out"
    grep -q '^SINK listening' "$WORK/sink.out" 2>/dev/null && return
    sleep 0.25
  done
  die "the callback sink did not start (log: $WORK/sink.out)"
}

SELL_URL=""

# One receipt through the whole chain before the load: a broken set-up fails here with a reason.
probe_chain() {
  local answer status state=""
  SELL_URL="http://127.0.0.1:$PORT/possystem/v5/$GROUP/sell"
  answer=$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST "$SELL_URL" -H "Token: $ATOL_TOKEN" \
    -H 'Content-Type: application/json; charset=utf-8' --data-binary @- <<EOF
{"external_id": "chain-$RUN_TAG-probe", "timestamp": "$(TZ=Europe/Moscow date '+%d.%m.%Y %H:%M:%S')",
 "receipt": {"company": {"email": "chek@shop.example.ru", "sno": "$SNO", "inn": "$INN", "payment_address": "https://shop.example.ru"},
  "client": {"email": "buyer@example.ru"},
  "items": [{"name": "Проба", "price": 1.00, "quantity": 1, "measure": 0, "sum": 1.00,
             "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}],
  "payments": [{"type": 1, "sum": 1.00}], "total": 1.00}}
EOF
  )
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  [[ $status == 200 && $answer == *'"status":"wait"'* ]] || die "a single sell was refused (HTTP $status): $answer"
  for _ in $(seq 1 60); do
    state=$(psql_db -tAc "select state from fiscal_job where external_id = 'chain-$RUN_TAG-probe'")
    if [[ $state == DELIVERED ]]; then
      log "probe: one receipt went the whole way (fiscalized, delivered to the OFD)"
      return
    fi
    [[ $state != FAILED ]] || die "the probe receipt failed: $(psql_db -tAc "select error_text from fiscal_job \
where external_id = 'chain-$RUN_TAG-probe'")"
    sleep 0.5
  done
  die "the probe receipt was not delivered within 30 s (state $state; logs in $WORK)"
}

# ---------------------------------------------------------------- CPU and wait-event profile

# "total idle iowait interrupts postgres server fleet ofd loadgen" ticks, machine-wide; "loadgen" is
# the store's side: the load generator and the callback sink.
cpu_sample() {
  local user nice system idle iowait irq softirq steal rest
  read -r _ user nice system idle iowait irq softirq steal rest </proc/stat
  echo "$((user + nice + system + idle + iowait + irq + softirq + steal)) $idle $iowait $((irq + softirq))" \
    "$(postgres_ticks "$POSTMASTER_PID") $(proc_ticks "$SERVER_PID") $(proc_ticks "$FLEET_PID")" \
    "$(proc_ticks "$OFD_PID") $(($(proc_ticks "$LOADGEN_PID") + $(proc_ticks "$SINK_PID")))"
}

# Cores used between two samples: "postgres server fleet ofd loadgen interrupts other iowait idle".
cpu_cores() {
  local a b
  read -r -a a <<<"$1"
  read -r -a b <<<"$2"
  awk -v t="$((b[0] - a[0]))" -v i="$((b[1] - a[1]))" -v w="$((b[2] - a[2]))" -v q="$((b[3] - a[3]))" \
    -v p="$((b[4] - a[4]))" -v s="$((b[5] - a[5]))" -v f="$((b[6] - a[6]))" -v o="$((b[7] - a[7]))" \
    -v l="$((b[8] - a[8]))" -v n="$(nproc)" 'BEGIN { if (t <= 0) t = 1; r = t - i - w - q - p - s - f - o - l;
      if (r < 0) r = 0;
      printf "%.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f", p * n / t, s * n / t, f * n / t, o * n / t, l * n / t,
        q * n / t, r * n / t, w * n / t, i * n / t }'
}

# Transactions committed in the database so far (pg_stat_database).
db_commits() { psql_admin -tAc "select xact_commit from pg_stat_database where datname = '$DB'" 2>/dev/null || echo 0; }

# The CPU split and the database's waits over the measured window (its first and last second left
# out), in the background.
start_profile() {
  local seconds=$1 trim
  trim=$((seconds >= 4 ? 1 : 0))
  (
    local before commits
    sleep "$trim"
    before=$(cpu_sample)
    commits=$(db_commits)
    sleep "$((seconds - 2 * trim))"
    cpu_cores "$before" "$(cpu_sample)" >"$WORK/load.cpu"
    awk -v a="$commits" -v b="$(db_commits)" -v s="$((seconds - 2 * trim))" \
      'BEGIN { printf "%.0f", (b - a) / s }' >"$WORK/load.commits"
  ) &
  BACKGROUND_PIDS+=($!)
  sample_waits "$seconds" "$WORK/load.waits" &
  BACKGROUND_PIDS+=($!)
}

# ---------------------------------------------------------------- the load

run_load() {
  log "load: $RATE receipts/s open loop, ${WARMUP}s warm-up${WARMUP_RATE:+ at $WARMUP_RATE/s} + ${DURATION}s measured"
  CHAIN_TOKEN=$ATOL_TOKEN "$JAVA" -jar "$BENCH_JAR" load --url "$SELL_URL" --rate "$RATE" --warmup "$WARMUP" \
    --warmup-rate "${WARMUP_RATE:-$RATE}" \
    --duration "$DURATION" --tag "$RUN_TAG" --out "$WORK/requests.csv" ${CALLBACK_URL:+--callback-url "$CALLBACK_URL"} \
    >"$WORK/load.out" 2>"$WORK/load.err" &
  LOADGEN_PID=$!
  if ((BASELINE_RATE > 0)); then
    # the same warm-up and window as the load: the round trips of the same seconds
    "$JAVA" -jar "$BENCH_JAR" ping --url "http://127.0.0.1:$PORT/actuator/info" --rate "$BASELINE_RATE" \
      --warmup "$WARMUP" --duration "$DURATION" --out "$WORK/ping.txt" >"$WORK/ping.out" 2>&1 &
    PING_PID=$!
  fi
  local profiled=0
  while kill -0 "$LOADGEN_PID" 2>/dev/null; do
    if ((!profiled)) && grep -q '^LOAD measured_start ' "$WORK/load.out" 2>/dev/null; then
      start_profile "$DURATION"
      profiled=1
    fi
    sleep 0.1
  done
  wait "$LOADGEN_PID" || { cat "$WORK/load.err" >&2; die "the load generator failed"; }
  LOADGEN_END=$(date +%s.%N)
  LOADGEN_PID=""
  if [[ -n $PING_PID ]]; then
    wait "$PING_PID" || log "the baseline's round trips failed (see $WORK/ping.out)"
    PING_PID=""
  fi
  wait_profile
  kill -0 "$SERVER_PID" 2>/dev/null || died "the server" "$WORK/server.log"
  kill -0 "$FLEET_PID" 2>/dev/null || died "the fleet" "$WORK/fleet.log"
  kill -0 "$OFD_PID" 2>/dev/null || died "the OFD emulator" "$WORK/ofd.log"
  log "load: $(load_result sent) sent, $(load_result accepted) accepted, max schedule lag $(load_result max_lag_ms) ms"
}

# A latency of the analysis ÷ the baseline's round trip at the same percentile.
per_round_trip() {
  awk -v a="$(res "$1_$2")" -v b="$(ping_result "$2")" 'BEGIN { if (a == "–" || b == "–" || b + 0 <= 0) print "–"; else printf "%.1f", a / b }'
}

load_result() { awk -v key="$1" '$1 == "LOAD" && $2 == key { print $3; found = 1 } END { if (!found) print 0 }' "$WORK/load.out"; }

# Until every receipt of the run is delivered to the OFD or failed, or SETTLE_TIMEOUT passes.
settle() {
  local open last=-1 deadline=$((SECONDS + SETTLE_TIMEOUT)) next_log=$SECONDS before
  log "settling: waiting for every receipt to be fiscalized and delivered (at most ${SETTLE_TIMEOUT}s)"
  # where the CPU goes while the backlog drains with no new receipts coming in
  before=$(cpu_sample)
  while :; do
    open=$(psql_db -tAc "select count(*) from fiscal_job
                             where external_id like 'chain-$RUN_TAG-%' and state not in ('DELIVERED', 'FAILED')")
    ((open > 0 && SECONDS < deadline)) || break
    if ((SECONDS >= next_log && open != last)); then
      log "settling: $open receipts not delivered yet"
      last=$open
      next_log=$((SECONDS + 5))
    fi
    sleep 0.1
  done
  cpu_cores "$before" "$(cpu_sample)" >"$WORK/drain.cpu"
  SETTLED_AFTER=$(awk -v a="$LOADGEN_END" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  SETTLE_OPEN=$open
  if ((open == 0)); then
    log "settled ${SETTLED_AFTER}s after the load generator ended"
  else
    log "not settled after ${SETTLE_TIMEOUT}s: $open receipts neither delivered nor failed"
  fi
}

analyze() {
  local baseline=()
  if [[ -s $WORK/ping.txt ]]; then
    baseline=(--baseline "$WORK/ping.txt")
  fi
  log "analysis: fiscal_job, the OFD's documents of every FN, the registers' journals, the load generator's answers"
  "$JAVA" -jar "$BENCH_JAR" analyze --db-url "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --db-user "$PGUSER" \
    --csv "$WORK/requests.csv" --ofd-url "http://127.0.0.1:$OFD_HTTP_PORT" --tag "$RUN_TAG" --duration "$DURATION" \
    --out "$WORK/results.txt" --plot-prefix "$PLOTS" --registers-dir "$WORK/registers" \
    "${baseline[@]}" >"$WORK/analyze.out" 2>&1 ||
    { cat "$WORK/analyze.out" >&2; die "the analysis failed"; }
  grep -q '^lost ' "$WORK/results.txt" || die "the analysis wrote no results ($WORK/results.txt)"
}

# The value of "<key> <value…>" in the analysis' results.
res() { awk -v key="$1" '$1 == key { sub(/^[^ ]+ /, ""); print; found = 1 } END { if (!found) print "–" }' "$WORK/results.txt"; }

# ---------------------------------------------------------------- verdict and report

target() { awk -v v="$1" -v t="$2" 'BEGIN { print ((v != "–" && v + 0 < t) ? "PASS" : "MISS") }'; }

judge() {
  LOST=$(res lost)
  DUPLICATED=$(res duplicated)
  ERRORS=$(($(res refused) + $(res unanswered)))
  MISSING_AT_OFD=$(res jobs_missing_at_ofd)
  DISPATCH_VERDICT=$(target "$(res dispatch_p99)" "$TARGET_DISPATCH_P99")
  DONE_VERDICT=$(target "$(res done_p99)" "$TARGET_DONE_P99")
  PROBLEMS=""
  ((LOST == 0)) || PROBLEMS+="${PROBLEMS:+; }$LOST receipts lost"
  ((DUPLICATED == 0)) || PROBLEMS+="${PROBLEMS:+; }$DUPLICATED duplicated"
  ((ERRORS == 0)) || PROBLEMS+="${PROBLEMS:+; }$ERRORS requests refused or unanswered"
  ((MISSING_AT_OFD == 0)) || PROBLEMS+="${PROBLEMS:+; }$MISSING_AT_OFD fiscalized receipts missing at the OFD"
  ((SETTLE_OPEN == 0)) || PROBLEMS+="${PROBLEMS:+; }$SETTLE_OPEN receipts neither delivered nor failed after ${SETTLE_TIMEOUT}s"
  if [[ -n $PROBLEMS ]]; then VERDICT=FAILED; else VERDICT=VALID; fi
  # what the server itself logged as errors, and JDBC pool timeouts among them
  SERVER_ERRORS=$(grep -c '^[0-9T:.-]*Z *ERROR ' "$WORK/server.log" || true)
  POOL_TIMEOUTS=$(grep -c 'Connection is not available, request timed out' "$WORK/server.log" || true)
  NOTES=""
  if awk -v o="$BUSY_BEFORE" 'BEGIN { exit !(o > 0.25) }'; then
    NOTES+="${NOTES:+$'\n'}Note: $BUSY_BEFORE cores were busy before the benchmark started."
  fi
  if awk -v o="$(cpu_part 7)" 'BEGIN { exit !(o > 0.25) }'; then
    NOTES+="${NOTES:+$'\n'}Note: other processes used $(cpu_part 7) cores during the measured run: its numbers are disturbed."
  fi
  if awk -v l="$(load_result max_lag_ms)" 'BEGIN { exit !(l > 50) }'; then
    NOTES+="${NOTES:+$'\n'}Note: the load generator sent a request up to $(load_result max_lag_ms) ms late (CPU starved): the offered rate was bumpy."
  fi
}

cpu_part() { awk -v i="$1" '{ print $i }' "$WORK/${2:-load}.cpu" 2>/dev/null || echo 0; }
cpu_split() { tr ' ' / <"$WORK/${1:-load}.cpu" | sed 's|/| / |g'; }
# Milliseconds of CPU per receipt the chain fiscalized: cores / (receipts fiscalized per second).
per_receipt() { awk -v c="$1" -v r="$(res fiscalized_rate)" 'BEGIN { printf "%.2f", (r > 0 ? 1000 * c / r : 0) }'; }

# "| name | p50 | p90 | p99 | max | target |" for a latency of the analysis.
latency_row() {
  local name=$1 key=$2 target=${3:-}
  echo "| $name | $(res "${key}_p50") | $(res "${key}_p90") | $(res "${key}_p99") | $(res "${key}_max") | ${target} |"
}

write_report() {
  local ncpu note key
  ncpu=$(nproc)
  {
    echo "# Chain benchmark, $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
    echo
    echo "\`bash bench/chain.sh\` with RATE=$RATE DURATION=$DURATION WARMUP=$WARMUP${WARMUP_RATE:+ WARMUP_RATE=$WARMUP_RATE} REGISTERS=$REGISTERS${DB_POOL:+ DB_POOL=$DB_POOL} GC=$GC${SERVER_OPTS:+ SERVER_OPTS=$SERVER_OPTS}:"
    echo "the server on PostgreSQL, the OFD emulator, $REGISTERS virtual registers (fleet simulator), an open-loop"
    echo "load of $RATE ATOL v5 sells per second. Verdict: **$VERDICT**${PROBLEMS:+ ($PROBLEMS)}."
    echo
    echo "Latencies of the $(res accepted_measured) receipts accepted in the measured ${DURATION} s, in ms; the chain's"
    echo "from the server's \`fiscal_job\` timestamps (one clock), the client's from the load generator."
    echo
    echo "| latency | p50 | p90 | p99 | max | target |"
    echo "| --- | ---: | ---: | ---: | ---: | --- |"
    latency_row "send → 2xx answer (client)" client
    latency_row "**accept → dispatched** (a register's poll took it)" dispatch "p99 < $TARGET_DISPATCH_P99 ms: **$DISPATCH_VERDICT**"
    latency_row "accept → acked (the register confirmed it has it)" acked
    latency_row "**accept → fiscalized** (report \`done\`)" "done" "p99 < $TARGET_DONE_P99 ms: **$DONE_VERDICT**"
    latency_row "accept → delivered (OFD confirmed, heartbeat)" delivered
    latency_row "step: dispatched → acked" stage_ack
    latency_row "step: acked → fiscalized (register signs, result sent)" stage_result
    latency_row "step: fiscalized → delivered" stage_ofd
    ((CALLBACKS == 0)) || latency_row "accept → the store answered the \`done\` callback" callback
    if [[ $(ping_result p50) != "–" ]]; then
      echo "| baseline: GET /actuator/info round trip, $BASELINE_RATE/s in the same seconds ($(ping_result count) answered, $(ping_result errors) errors) | $(ping_result p50) | $(ping_result p90) | $(ping_result p99) | $(ping_result max) | |"
      echo
      echo "| ÷ the baseline round trip at the same percentile | p50 | p99 |"
      echo "| --- | ---: | ---: |"
      echo "| send → 2xx answer (client) | $(per_round_trip client p50) | $(per_round_trip client p99) |"
      echo "| accept → dispatched | $(per_round_trip dispatch p50) | $(per_round_trip dispatch p99) |"
      echo "| accept → fiscalized | $(per_round_trip done p50) | $(per_round_trip done p99) |"
    fi
    echo
    echo "| count | value |"
    echo "| --- | --- |"
    echo "| requests sent (warm-up + measured) | $(res sent_warmup) + $(res sent_measured) |"
    echo "| accepted (200 \`wait\` with a uuid) | $(res accepted_warmup) + $(res accepted_measured) ($(res accepted_rate)/s measured) |"
    echo "| **chain throughput**: receipts fiscalized per second during the measured window | **$(res fiscalized_rate)/s** (accepted but not fiscalized at its end: $(res backlog_at_window_end)) |"
    echo "| the backlog after the window, fiscalized per second (no new receipts coming in) | $(res drain_rate)/s |"
    echo "| refused / unanswered | $(res refused) / $(res unanswered) |"
    echo "| the run's fiscal_job rows by state, after settling | $(res jobs_states) (settled ${SETTLED_AFTER} s after the load) |"
    echo "| **lost** (2xx, but absent or not fiscalized) | **$LOST** |"
    echo "| **duplicated**: jobs with two documents + OFD receipts no job explains + FDs claimed by two jobs + external_ids with two receipts | **$DUPLICATED** ($(res jobs_twice) + $(res ofd_unexplained) + $(res fd_reused) + $(res external_id_twice)) |"
    echo "| receipt documents at the OFD / fiscalized jobs at the server / jobs in the registers' journals (all, with the probe) | $(res ofd_receipts) / $(res fiscalized_all_jobs) / $(res register_fiscalized_jobs) (and $(res ofd_other_documents) shift documents, $(res ofd_fns) FNs) |"
    echo "| fiscalized by a register, result not at the server | $(res results_missing_at_server) |"
    echo "| fiscalized jobs whose FD the OFD lacks | $MISSING_AT_OFD |"
    echo "| fiscalized but not delivered | $(res undelivered) |"
    echo "| receipts handed out more than once (lease ran out) | $(res redispatched) |"
    ((CALLBACKS == 0)) ||
      echo "| callbacks: outbox rows / answered by the store / measured receipts whose \`done\` callback was still queued at the analysis ($(res callbacks_measured_fiscalized) fiscalized) | $(res callbacks_outbox) / $(res callbacks_delivered) / $(res callbacks_measured_pending) |"
    echo "| registers that fiscalized, receipts per register | $(res registers_used), $(res per_register_min)–$(res per_register_max) |"
    echo "| server log: ERROR lines / JDBC pool timeouts (\"Connection is not available\") | $SERVER_ERRORS / $POOL_TIMEOUTS |"
    echo "| load generator: offered rate, latest send, most in flight | $(load_result offered_rate)/s, $(load_result max_lag_ms) ms, $(load_result max_in_flight) |"
    echo "| CPU during the measured run, cores of $ncpu: PostgreSQL / server / fleet / OFD / load generator and callback sink / interrupts / other / iowait / idle | $(cpu_split) |"
    echo "| CPU per fiscalized receipt (cores ÷ chain throughput): server JVM / PostgreSQL / fleet / OFD | $(per_receipt "$(cpu_part 2)") / $(per_receipt "$(cpu_part 1)") / $(per_receipt "$(cpu_part 3)") / $(per_receipt "$(cpu_part 4)") ms |"
    echo "| CPU after the load until settled, same split | $(cpu_split drain) |"
    echo "| PostgreSQL commits per second during the measured run, per fiscalized receipt | $(cat "$WORK/load.commits" 2>/dev/null || echo –), $(awk -v c="$(cat "$WORK/load.commits" 2>/dev/null || echo 0)" -v r="$(res fiscalized_rate)" 'BEGIN { printf "%.1f", (r > 0 ? c / r : 0) }') |"
    echo "| active backends' wait events (share of samples) | $(summarize_waits "$WORK/load.waits") |"
    echo
    for key in error_1 error_2 error_3 lost_1 lost_2 lost_3 duplicate_1 duplicate_2 duplicate_3; do
      [[ $(res "$key") == "–" ]] || echo "- $key: $(res "$key")"
    done
    if [[ -n $NOTES ]]; then
      while IFS= read -r note; do echo "- $note"; done <<<"$NOTES"
    fi
    echo
    if [[ -f $PLOTS-cdf.png ]]; then
      echo "![latency by percentile]($(basename "$PLOTS")-cdf.png)"
      echo
    fi
    if [[ -f $PLOTS-time.png ]]; then
      echo "![latency over the run]($(basename "$PLOTS")-time.png)"
      echo
    fi
    machine_facts
  } >"$REPORT"
}

print_table() {
  printf '\n%-44s %10s %10s %10s %10s\n' "latency, ms" p50 p90 p99 max
  local row
  for row in "send -> 2xx (client):client" "accept -> dispatched:dispatch" "accept -> acked:acked" \
    "accept -> fiscalized (done):done" "accept -> delivered:delivered" "  dispatched -> acked:stage_ack" \
    "  acked -> fiscalized:stage_result" "  fiscalized -> delivered:stage_ofd" "accept -> done callback answered:callback"; do
    printf '%-44s %10s %10s %10s %10s\n' "${row%%:*}" "$(res "${row##*:}_p50")" "$(res "${row##*:}_p90")" \
      "$(res "${row##*:}_p99")" "$(res "${row##*:}_max")"
  done
  printf '%-44s %10s %10s %10s %10s\n' "baseline: GET /actuator/info round trip" "$(ping_result p50)" \
    "$(ping_result p90)" "$(ping_result p99)" "$(ping_result max)"
  printf '%-44s %s / %s\n' "p99 ÷ the round trip's: send -> 2xx / done" "$(per_round_trip client p99)" \
    "$(per_round_trip done p99)"
  printf '\n%-44s %s\n' "p99 accept -> dispatched < $TARGET_DISPATCH_P99 ms" "$DISPATCH_VERDICT"
  printf '%-44s %s\n' "p99 accept -> fiscalized < $TARGET_DONE_P99 ms" "$DONE_VERDICT"
  printf '%-44s %s + %s (%s/s measured)\n' "accepted (warm-up + measured)" "$(res accepted_warmup)" \
    "$(res accepted_measured)" "$(res accepted_rate)"
  printf '%-44s %s / %s\n' "refused / unanswered" "$(res refused)" "$(res unanswered)"
  printf '%-44s %s/s (backlog at the end: %s)\n' "chain throughput (fiscalized in the window)" \
    "$(res fiscalized_rate)" "$(res backlog_at_window_end)"
  printf '%-44s %s\n' "lost" "$LOST"
  printf '%-44s %s\n' "duplicated" "$DUPLICATED"
  printf '%-44s %s / %s / %s\n' "OFD receipts / server jobs / register journals" "$(res ofd_receipts)" \
    "$(res fiscalized_all_jobs)" "$(res register_fiscalized_jobs)"
  printf '%-44s %s\n' "CPU: pg/server/fleet/ofd/load/irq/other/iowait/idle" "$(cpu_split)"
  printf '%-44s %s / %s\n' "server log: ERROR lines / JDBC pool timeouts" "$SERVER_ERRORS" "$POOL_TIMEOUTS"
  [[ -z $NOTES ]] || printf '\n%s\n' "$NOTES"
  printf '\nverdict: %s%s\nreport: %s\n' "$VERDICT" "${PROBLEMS:+ ($PROBLEMS)}" "$REPORT"
}

cleanup() {
  kill_quietly "${BACKGROUND_PIDS[@]}" "$LOADGEN_PID" "$PING_PID"
  # the fleet first: it stops polling before its server goes
  stop_process "$FLEET_PID" fleet
  stop_process "$OFD_PID" "OFD emulator"
  stop_process "$SINK_PID" "callback sink"
  stop_process "$SERVER_PID" server
}

main() {
  check_options
  mkdir -p "$WORK"
  on_exit cleanup
  require_tools
  find_java
  build_jars "$SERVER_JAR" "$EMULATOR_JAR" "$BENCH_JAR"
  reset_database
  pick_ports
  note_machine
  start_ofd
  start_server
  get_tokens
  create_registers
  start_fleet
  start_sink
  probe_chain
  run_load
  settle
  analyze
  judge
  write_report
  print_table
  [[ $VERDICT == VALID ]]
}

# sourcing the file (for a look at its functions) runs nothing
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
