#!/usr/bin/env bash
# Receipt intake benchmark: how close does OpenKassa's ATOL endpoint come to the raw insert rate of
# the same PostgreSQL? One run measures both against one fresh database `openkassa_bench`:
#   1. pgbench: one ~1 KB JSONB receipt row inserted per transaction (the baseline);
#   2. the server jar: POST /possystem/v5/demo-shop-1/sell with the same ~1 KB receipt, driven by wrk;
# then prints both rates, their ratio (target >= 0.6) and checks that every 200 answer is a row.
#
# Usage (from anywhere in the checkout):  bash bench/intake.sh
# Options (environment variables):
#   DURATION=20    measured seconds of each benchmark
#   WARMUP=30      seconds of server warm-up before the measured run (answers discarded, rows kept)
#   CLIENTS=32     concurrent pgbench clients and wrk connections
#   THREADS=2      pgbench jobs (-j) and wrk threads (-t)
#   PORT=          server port (default: a free one)
#   SKIP_BUILD=0   1: use server/target/openkassa.jar as it is
#   GC=zgc         the server's garbage collector: zgc (-XX:+UseZGC, as docs/operations.md asks) or g1
#   SERVER_OPTS=   extra JVM options of the server, e.g. a flight recording:
#                  SERVER_OPTS=-XX:StartFlightRecording=filename=server.jfr
#   OPENKASSA_JAR= run this jar instead of building the checkout's (implies SKIP_BUILD)
#   DB=openkassa_bench  the database (dropped and created)
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres   the PostgreSQL to use (trust or ~/.pgpass auth)
# Exit status: 0 when the run is valid (no error answers, no lost or extra rows), even if the ratio
# misses its target; non-zero otherwise. The report goes to bench/results/intake-<UTC time>.md,
# logs of the run to bench/results/intake-<UTC time>.tmp/ (ignored by git).
set -euo pipefail

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
CLIENTS=${CLIENTS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-}
SKIP_BUILD=${SKIP_BUILD:-0}
OPENKASSA_JAR=${OPENKASSA_JAR:-}

readonly SCENARIO=intake
readonly DB=${DB:-openkassa_bench}
readonly GROUP=demo-shop-1
readonly TARGET_RATIO=0.6
# seconds wrk keeps running after a phase's window so that the requests still in flight get their
# answers: wrk sends nothing new after the window, and a request cut off unanswered would make
# the row count ambiguous
readonly DRAIN=5

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
readonly STAMP
readonly REPORT="$ROOT/bench/results/intake-$STAMP.md"
readonly WORK="$ROOT/bench/results/intake-$STAMP.tmp"
readonly PLOTS="$ROOT/bench/results/intake-$STAMP"
readonly BENCH_JAR="$ROOT/bench/target/openkassa-bench.jar"
readonly RUN_TAG=${STAMP//[^0-9]/}

SERVER_PID=""
LOADGEN_PID=""
JAVA=""
JAR=""

# ---------------------------------------------------------------- set-up

check_options() {
  local name
  for name in DURATION WARMUP CLIENTS THREADS SKIP_BUILD; do
    [[ ${!name} =~ ^[0-9]+$ ]] || die "$name must be a whole number, got '${!name}'"
  done
  [[ -z $PORT || $PORT =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$PORT'"
  ((DURATION > 0)) || die "DURATION must be at least 1 second"
  ((THREADS > 0 && CLIENTS >= THREADS)) || die "CLIENTS ($CLIENTS) must be at least THREADS ($THREADS) > 0"
}

require_tools() {
  local tool
  for tool in psql pgbench curl git; do
    command -v "$tool" >/dev/null || die "'$tool' is needed but not installed (Debian: postgresql-client, curl, git)"
  done
  command -v wrk >/dev/null || install_wrk
}

install_wrk() {
  log "wrk (the HTTP load generator) is missing: installing the Debian package"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "wrk is missing and this user cannot install it: run 'apt-get install -y wrk' as root"
    sudo=(sudo -n)
  fi
  "${sudo[@]}" apt-get install -y -q wrk >/dev/null 2>&1 ||
    { "${sudo[@]}" apt-get update -q >/dev/null 2>&1 && "${sudo[@]}" apt-get install -y -q wrk >/dev/null 2>&1; } ||
    die "could not install wrk with apt-get: install the Debian package 'wrk' (or wrk 4.x from source) and run again"
  command -v wrk >/dev/null || die "apt-get finished but wrk is still not on PATH"
}

build_jar() {
  if [[ -n $OPENKASSA_JAR ]]; then
    [[ -f $OPENKASSA_JAR ]] || die "OPENKASSA_JAR=$OPENKASSA_JAR does not exist"
    JAR=$(cd "$(dirname "$OPENKASSA_JAR")" && pwd)/$(basename "$OPENKASSA_JAR")
    log "jar: $JAR (OPENKASSA_JAR, not built)"
    return
  fi
  JAR="$ROOT/server/target/openkassa.jar"
  if ((SKIP_BUILD)); then
    [[ -f $JAR ]] || die "SKIP_BUILD=1 but $JAR does not exist: build it with ./mvnw -DskipTests package"
    log "jar: $JAR (SKIP_BUILD=1)"
  elif [[ -f $JAR ]] && ! sources_newer_than "$JAR" bench; then
    log "jar: $JAR (newer than every source file, not rebuilt)"
  else
    log "building the server: ./mvnw -q -DskipTests package (about a minute)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$WORK/build.log" 2>&1 ||
      { tail -n 40 "$WORK/build.log" >&2; die "the build failed (full log: $WORK/build.log)"; }
    [[ -f $JAR ]] || die "the build succeeded but $JAR is missing"
  fi
}

# ---------------------------------------------------------------- the receipt

# Everything of the ATOL body after external_id and timestamp: ~1 KB, sums consistent
# (sum = price x quantity, total = sum of sums = payments). No `:` directly before a letter,
# so that pgbench reads none of it as a variable.
receipt_tail() {
  printf '%s' '"service": {"callback_url": "https://shop.example.ru/atol-callback"}, '\
'"receipt": {"client": {"email": "buyer@example.ru", "phone": "+79001234567"}, '\
'"company": {"email": "chek@shop.example.ru", "sno": "usn_income", "inn": "5544332219", "payment_address": "https://shop.example.ru"}, '\
'"items": ['\
'{"name": "Чай зелёный байховый «Сенча», 100 г", "price": 150.00, "quantity": 2, "measure": 0, "sum": 300.00, '\
'"payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}, '\
'{"name": "Печенье овсяное с изюмом, 300 г", "price": 89.90, "quantity": 3, "measure": 0, "sum": 269.70, '\
'"payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}, '\
'{"name": "Чайник заварочный стеклянный, 0,8 л", "price": 1249.00, "quantity": 1, "measure": 0, "sum": 1249.00, '\
'"payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}], '\
'"payments": [{"type": 1, "sum": 1818.70}], "total": 1818.70}}'
}

moscow_now() { TZ=Europe/Moscow date '+%d.%m.%Y %H:%M:%S'; }

# Seconds east of UTC of Moscow time (UTC+3 since 2014; from tzdata when it is installed).
moscow_offset() {
  local z
  z=$(TZ=Europe/Moscow date +%z)
  [[ -e /usr/share/zoneinfo/Europe/Moscow && $z =~ ^([+-])([0-9]{2})([0-9]{2})$ ]] || {
    echo 10800
    return
  }
  echo "$((${BASH_REMATCH[1]}1 * (10#${BASH_REMATCH[2]} * 3600 + 10#${BASH_REMATCH[3]} * 60)))"
}

receipt_body() { printf '{"external_id": "%s", "timestamp": "%s", %s' "$1" "$2" "$(receipt_tail)"; }

# ---------------------------------------------------------------- CPU and wait-event profile

# "total idle interrupts postgres server loadgen" ticks, machine-wide (all CPUs). Interrupt
# time (mostly the loopback network's softirqs) belongs to no process.
cpu_sample() {
  local loadgen=$1 user nice system idle iowait irq softirq steal rest
  read -r _ user nice system idle iowait irq softirq steal rest </proc/stat
  echo "$((user + nice + system + idle + iowait + irq + softirq + steal)) $((idle + iowait)) $((irq + softirq))" \
    "$(postgres_ticks "$POSTMASTER_PID") $(proc_ticks "${SERVER_PID:-0}") $(proc_ticks "$loadgen")"
}

# Cores used between two samples: "postgres server loadgen interrupts other idle".
cpu_cores() {
  local t0 i0 q0 p0 s0 l0 t1 i1 q1 p1 s1 l1
  read -r t0 i0 q0 p0 s0 l0 <<<"$1"
  read -r t1 i1 q1 p1 s1 l1 <<<"$2"
  awk -v t="$((t1 - t0))" -v i="$((i1 - i0))" -v q="$((q1 - q0))" -v p="$((p1 - p0))" -v s="$((s1 - s0))" \
    -v l="$((l1 - l0))" -v n="$(nproc)" 'BEGIN { if (t <= 0) t = 1; o = t - i - q - p - s - l; if (o < 0) o = 0;
      printf "%.2f %.2f %.2f %.2f %.2f %.2f", p * n / t, s * n / t, l * n / t, q * n / t, o * n / t, i * n / t }'
}

# Profiles the window of a load generator (pid) in the background: the CPU split and the
# database's wait events each second. The first and last second are left out (connecting,
# ending), so that every process is alive at both CPU samples.
start_profile() {
  local name=$1 seconds=$2 loadgen=$3
  local trim=$((seconds >= 4 ? 1 : 0))
  (
    local before
    sleep "$trim"
    before=$(cpu_sample "$loadgen")
    sleep "$((seconds - 2 * trim))"
    cpu_cores "$before" "$(cpu_sample "$loadgen")" >"$WORK/$name.cpu"
  ) &
  BACKGROUND_PIDS+=($!)
  sample_waits "$seconds" "$WORK/$name.waits" &
  BACKGROUND_PIDS+=($!)
}

# ---------------------------------------------------------------- 1. pgbench baseline

PGBENCH_TPS=""
PGBENCH_LATENCY=""
PGBENCH_TX=""

run_pgbench() {
  log "pgbench: $CLIENTS clients, ${DURATION}s, one ~1 KB JSONB insert per transaction"
  # its own schema: Flyway later migrates an empty `public`
  psql_db >/dev/null <<'SQL'
create schema pgbench_intake;
create table pgbench_intake.receipt (
    id          uuid         primary key default gen_random_uuid(),
    external_id varchar(128) not null unique,
    request     jsonb        not null,
    accepted_at timestamptz  not null default now()
);
SQL
  {
    echo '\set r random(1, 9000000000000000000)'
    printf '%s' "insert into pgbench_intake.receipt (external_id, request) values ('pgb-'::text || :client_id || '-' || :r, "
    printf '%s' "('{\"external_id\": \"pgb-'::text || :client_id || '-' || :r || '\", \"timestamp\": \"$(moscow_now)\", "
    printf '%s' "$(receipt_tail)"
    printf "')::jsonb);\n"
  } >"$WORK/pgbench.sql"
  psql_db -c checkpoint >/dev/null
  # a twentieth of the transactions' latencies logged, for the plot
  pgbench -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -l --sampling-rate=0.05 \
    --log-prefix="$WORK/pgbench-log" -f "$WORK/pgbench.sql" "$DB" \
    >"$WORK/pgbench.out" 2>&1 &
  LOADGEN_PID=$!
  start_profile pgbench "$DURATION" "$LOADGEN_PID"
  wait "$LOADGEN_PID" || { cat "$WORK/pgbench.out" >&2; die "pgbench failed"; }
  LOADGEN_PID=""
  wait_profile
  PGBENCH_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.out" | head -n 1 | xargs -r printf '%.1f')
  PGBENCH_LATENCY=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$WORK/pgbench.out")
  PGBENCH_TX=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench.out")
  [[ -n $PGBENCH_TPS ]] || { cat "$WORK/pgbench.out" >&2; die "could not read the TPS from pgbench's output"; }
  if grep -q '^number of failed transactions: [1-9]' "$WORK/pgbench.out"; then
    cat "$WORK/pgbench.out" >&2
    die "pgbench had failed transactions"
  fi
  log "pgbench: $PGBENCH_TPS tps (latency average $PGBENCH_LATENCY ms)"
}

# ---------------------------------------------------------------- 2. the server

start_server() {
  [[ -n $PORT ]] || PORT=$(free_port)
  log "server: starting on port $PORT against $DB"
  (
    cd "$WORK"
    # shellcheck disable=SC2086 # SERVER_OPTS is a list of options
    OPENKASSA_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" OPENKASSA_DB_USER="$PGUSER" \
      exec "$JAVA" $GC_OPTS ${SERVER_OPTS:-} -jar "$JAR" --openkassa.demo.seed=true --server.port="$PORT" --logging.level.root=WARN
  ) >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
}

TOKEN=""

get_token() {
  local answer=""
  # the demo data is seeded right after start-up: retry a little
  for _ in $(seq 1 30); do
    kill -0 "$SERVER_PID" 2>/dev/null || died "the server" "$WORK/server.log"
    answer=$(curl -sS --max-time 5 -X POST "http://127.0.0.1:$PORT/possystem/v5/getToken" \
      -H 'Content-Type: application/json' -d '{"login":"demo","pass":"demo-pass"}' 2>&1) || true
    TOKEN=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$answer")
    [[ -n $TOKEN ]] && return
    sleep 1
  done
  die "getToken gave no token for demo/demo-pass (last answer: $answer)"
}

SELL_URL=""

# One request by hand first: a wrong body fails here with the server's own explanation.
probe_sell() {
  local answer status
  SELL_URL="http://127.0.0.1:$PORT/possystem/v5/$GROUP/sell"
  receipt_body "bench-$RUN_TAG-probe" "$(moscow_now)" >"$WORK/probe.json"
  BODY_BYTES=$(wc -c <"$WORK/probe.json")
  answer=$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST "$SELL_URL" -H "Token: $TOKEN" \
    -H 'Content-Type: application/json; charset=utf-8' --data-binary "@$WORK/probe.json")
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  [[ $status == 200 && $answer == *'"status":"wait"'* ]] ||
    die "a single sell was refused (HTTP $status): $answer"
  log "server: a single sell is accepted (body $BODY_BYTES bytes)"
}

write_wrk_script() {
  local phase=$1 window=$2 out=$3
  cat >"$out" <<LUA
-- generated by bench/intake.sh: ATOL sell requests, each with its own external_id
local PHASE, WINDOW, MSK_OFFSET, RUN_TAG = "$phase", $window, $(moscow_offset), "$RUN_TAG"
local LATENCIES = "$WORK/$phase.latencies"
local TAIL = [==[$(receipt_tail)]==]
LUA
  cat >>"$out" <<'LUA'
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } intake_timespec;
  int clock_gettime(int clock, intake_timespec *t);
]]
local timespec = ffi.new("intake_timespec")
local function now()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) / 1e9
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
wrk.headers["Token"] = os.getenv("INTAKE_TOKEN")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

-- per thread; done() reads them with thread:get
counter, ok, ok_in_window, bad, samples = 0, 0, 0, 0, ""
local deadline, stamp_second, stamp

function init(args)
  deadline = now() + WINDOW
end

function request()
  local second = os.time()
  if second ~= stamp_second then
    stamp_second = second
    stamp = os.date("!%d.%m.%Y %H:%M:%S", second + MSK_OFFSET)
  end
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"external_id": "bench-' .. RUN_TAG .. '-' .. PHASE .. tid .. '-' .. counter
    .. '", "timestamp": "' .. stamp .. '", ' .. TAIL)
end

-- after the window a connection sends nothing more: its last request is answered, none is cut off
function delay()
  if now() >= deadline then return 3600000 end
  return 0
end

function response(status, headers, body)
  if status == 200 and body:find('"status":"wait"', 1, true) and body:find('"uuid":"', 1, true) then
    ok = ok + 1
    if now() < deadline then ok_in_window = ok_in_window + 1 end
  else
    bad = bad + 1
    if bad <= 5 then samples = samples .. "HTTP " .. status .. " " .. body:sub(1, 400):gsub("\n", " ") .. "\n" end
  end
end

function done(summary, latency, requests)
  local total = { ok = 0, ok_in_window = 0, bad = 0 }
  local errors = ""
  for _, thread in ipairs(threads) do
    for key in pairs(total) do total[key] = total[key] + thread:get(key) end
    errors = errors .. thread:get("samples")
  end
  local e = summary.errors
  io.write(string.format("BENCH ok %d\nBENCH ok_in_window %d\nBENCH bad %d\n", total.ok, total.ok_in_window, total.bad))
  io.write(string.format("BENCH rate %.1f\n", total.ok_in_window / WINDOW))
  -- connect/read/write errors and answers slower than --timeout: each a request without its answer
  io.write(string.format("BENCH socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  for _, p in ipairs({ 50, 90, 99 }) do
    io.write(string.format("BENCH p%d %.1f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("BENCH max %.1f\nBENCH mean %.1f\n", latency.max / 1000, latency.mean / 1000))
  -- the distribution for the plot: 10 000 evenly spaced quantiles in microseconds, each standing for
  -- as many requests (wrk keeps a histogram, not the requests)
  local file = io.open(LATENCIES, "w")
  for i = 0, 9999 do file:write(string.format("%d\n", latency:percentile((i + 0.5) / 100))) end
  file:close()
  for line in errors:gmatch("[^\n]+") do io.write("BENCH_ERROR " .. line .. "\n") end
end
LUA
}

# Runs one wrk phase; its numbers end up in $WORK/<phase>.out as "BENCH key value" lines. With
# "profile", the CPU split and database waits of its window too.
run_wrk() {
  local phase=$1 window=$2 profile=${3:-}
  write_wrk_script "$phase" "$window" "$WORK/$phase.lua"
  INTAKE_TOKEN=$TOKEN wrk -t "$THREADS" -c "$CLIENTS" -d "$((window + DRAIN))s" --timeout "${DRAIN}s" --latency \
    -s "$WORK/$phase.lua" "$SELL_URL" >"$WORK/$phase.out" 2>&1 &
  LOADGEN_PID=$!
  [[ -z $profile ]] || start_profile server "$window" "$LOADGEN_PID"
  wait "$LOADGEN_PID" || { cat "$WORK/$phase.out" >&2; die "wrk failed"; }
  LOADGEN_PID=""
  wait_profile
  grep -q '^BENCH ok ' "$WORK/$phase.out" || { cat "$WORK/$phase.out" >&2; die "wrk printed no results"; }
}

# The value of "BENCH <key> <value>" in a phase's output.
result() {
  awk -v key="$2" '$1 == "BENCH" && $2 == key { print $3; found = 1 } END { if (!found) print 0 }' "$WORK/$1.out"
}

run_server_load() {
  if ((WARMUP > 0)); then
    log "server: warm-up, $CLIENTS connections, ${WARMUP}s"
    run_wrk warmup "$WARMUP"
  else
    : >"$WORK/warmup.out"
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || died "the server" "$WORK/server.log"
  psql_db -c checkpoint >/dev/null
  log "server: measured run, $CLIENTS connections, ${DURATION}s (+${DRAIN}s to collect the last answers)"
  run_wrk measured "$DURATION" profile
  log "server: $(result measured rate) receipts/s"
}

# ---------------------------------------------------------------- 3. verdict and report

# "a / b / c" of a profile's CPU split, and its parts by name.
cpu_split() { tr ' ' / <"$WORK/$1.cpu" | sed 's|/| / |g'; }
cpu_part() { awk -v i="$2" '{ print $i }' "$WORK/$1.cpu"; }
# Milliseconds of CPU per unit of work: cores / (units per second).
per_unit() { awk -v c="$1" -v r="$2" 'BEGIN { printf "%.3f", (r > 0 ? 1000 * c / r : 0) }'; }

# The server's answers and the baseline's transactions by percentile, on one chart (with the bench
# tools, built with the server unless SKIP_BUILD or OPENKASSA_JAR left them out).
plot_latencies() {
  [[ -f $BENCH_JAR ]] || {
    log "no plot: $BENCH_JAR is missing (./mvnw -DskipTests package)"
    return 0
  }
  cat "$WORK"/pgbench-log.* 2>/dev/null | awk '{ print $3 }' >"$WORK/pgbench.latencies" || true
  "$JAVA" -jar "$BENCH_JAR" plot cdf --out "$PLOTS-latency.png" \
    --title "Intake latency: the server's answers and the baseline's inserts ($CLIENTS clients)" \
    "server: ATOL sell, send → answer=$WORK/measured.latencies" \
    "baseline: pgbench, one insert per transaction=$WORK/pgbench.latencies" >"$WORK/plot.out" 2>&1 ||
    log "the plot failed: $WORK/plot.out"
}

write_report() {
  local ncpu note
  ncpu=$(nproc)
  {
    echo "# Intake benchmark, $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
    echo
    echo "\`bash bench/intake.sh\` with DURATION=$DURATION WARMUP=$WARMUP CLIENTS=$CLIENTS THREADS=$THREADS GC=$GC${SERVER_OPTS:+ SERVER_OPTS=$SERVER_OPTS};"
    echo "receipt body $BODY_BYTES bytes. Verdict: **$VERDICT**${PROBLEMS:+ ($PROBLEMS)}."
    echo
    echo "| measure | value |"
    echo "| --- | --- |"
    echo "| pgbench, one 1 KB JSONB insert per transaction | $PGBENCH_TPS tps (latency average $PGBENCH_LATENCY ms, $PGBENCH_TX transactions) |"
    echo "| server, ATOL v5 sell | $SERVER_RATE receipts/s (answers within the ${DURATION} s window / ${DURATION} s) |"
    echo "| ratio server / pgbench | **$RATIO** (target ≥ $TARGET_RATIO: $RATIO_VERDICT) |"
    echo "| server latency p50 / p90 / p99 / max | $(result measured p50) / $(result measured p90) / $(result measured p99) / $(result measured max) ms |"
    echo "| server error answers | $ERRORS (and $SOCKET_ERRORS socket errors or timeouts) |"
    echo "| fiscal_job rows / 200 answers (1 probe + $WARM_OK warm-up + $MEASURED_OK measured) | $ROWS / $EXPECTED_ROWS |"
    echo "| CPU during pgbench, cores of $ncpu: PostgreSQL / server / pgbench / interrupts / other / idle | $(cpu_split pgbench) |"
    echo "| CPU during the measured server run, cores of $ncpu: PostgreSQL / server / wrk / interrupts / other / idle | $(cpu_split server) |"
    echo "| CPU time per pgbench transaction: PostgreSQL | $(per_unit "$(cpu_part pgbench 1)" "$PGBENCH_TPS") ms |"
    echo "| CPU time per receipt: server JVM / PostgreSQL | $(per_unit "$(cpu_part server 2)" "$SERVER_RATE") / $(per_unit "$(cpu_part server 1)" "$SERVER_RATE") ms |"
    echo "| active backends' wait events during pgbench (share of samples) | $(summarize_waits "$WORK/pgbench.waits") |"
    echo "| active backends' wait events during the server run | $(summarize_waits "$WORK/server.waits") |"
    echo
    if [[ -n $NOTES ]]; then
      while IFS= read -r note; do echo "- $note"; done <<<"$NOTES"
      echo
    fi
    if [[ -n $ERROR_LINES ]]; then
      echo "First error answers:"
      echo
      echo '```'
      echo "$ERROR_LINES"
      echo '```'
      echo
    fi
    if [[ -f $PLOTS-latency.png ]]; then
      echo "![latency by percentile]($(basename "$PLOTS")-latency.png)"
      echo
    fi
    machine_facts "| jar | ${JAR#"$ROOT"/} |"
  } >"$REPORT"
}

print_table() {
  printf '\n%-42s %s\n' "pgbench TPS (1 KB JSONB insert)" "$PGBENCH_TPS"
  printf '%-42s %s\n' "server receipts/s (ATOL v5 sell)" "$SERVER_RATE"
  printf '%-42s %s  (target >= %s: %s)\n' "ratio server / pgbench" "$RATIO" "$TARGET_RATIO" "$RATIO_VERDICT"
  printf '%-42s %s / %s ms\n' "server latency p50 / p99" "$(result measured p50)" "$(result measured p99)"
  printf '%-42s %s\n' "server errors" "$ERRORS error answers, $SOCKET_ERRORS socket errors/timeouts"
  printf '%-42s %s / %s\n' "fiscal_job rows / 200 answers" "$ROWS" "$EXPECTED_ROWS"
  printf '%-42s %s\n' "CPU cores pgbench: pg/-/pgbench/irq/other/idle" "$(cpu_split pgbench)"
  printf '%-42s %s\n' "CPU cores server: pg/server/wrk/irq/other/idle" "$(cpu_split server)"
  printf '%-42s %s / %s ms\n' "CPU per receipt: server JVM / PostgreSQL" "$(per_unit "$(cpu_part server 2)" "$SERVER_RATE")" \
    "$(per_unit "$(cpu_part server 1)" "$SERVER_RATE")"
  [[ -z $NOTES ]] || printf '\n%s\n' "$NOTES"
  [[ -z $ERROR_LINES ]] || printf '\nfirst error answers:\n%s\n' "$ERROR_LINES"
  printf '\nverdict: %s%s\nreport: %s\n' "$VERDICT" "${PROBLEMS:+ ($PROBLEMS)}" "$REPORT"
}

judge() {
  local phase other
  WARM_OK=$(result warmup ok)
  MEASURED_OK=$(result measured ok)
  SERVER_RATE=$(result measured rate)
  ERRORS=$(($(result warmup bad) + $(result measured bad)))
  SOCKET_ERRORS=$(($(result warmup socket_errors) + $(result measured socket_errors)))
  ERROR_LINES=$(grep -h '^BENCH_ERROR ' "$WORK/warmup.out" "$WORK/measured.out" | cut -c 13- | head -n 5 || true)
  EXPECTED_ROWS=$((1 + WARM_OK + MEASURED_OK))
  ROWS=$(psql_db -tAc "select count(*) from fiscal_job")
  RATIO=$(awk -v s="$SERVER_RATE" -v p="$PGBENCH_TPS" 'BEGIN { printf "%.2f", s / p }')
  RATIO_VERDICT=$(awk -v r="$RATIO" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t ? "PASS" : "MISS") }')
  PROBLEMS=""
  ((ERRORS == 0)) || PROBLEMS+="${PROBLEMS:+; }$ERRORS error answers"
  ((SOCKET_ERRORS == 0)) || PROBLEMS+="${PROBLEMS:+; }$SOCKET_ERRORS requests without an answer (socket errors, timeouts)"
  ((ROWS == EXPECTED_ROWS)) || PROBLEMS+="${PROBLEMS:+; }$ROWS fiscal_job rows for $EXPECTED_ROWS accepted receipts"
  if [[ -n $PROBLEMS ]]; then VERDICT=FAILED; else VERDICT=VALID; fi
  NOTES=""
  if awk -v o="$BUSY_BEFORE" 'BEGIN { exit !(o > 0.25) }'; then
    NOTES+="${NOTES:+$'\n'}Note: $BUSY_BEFORE cores were busy before the benchmark started."
  fi
  for phase in pgbench server; do
    other=$(cpu_part "$phase" 5)
    if awk -v o="$other" 'BEGIN { exit !(o > 0.25) }'; then
      NOTES+="${NOTES:+$'\n'}Note: during the $phase run other processes used $other cores: its numbers are disturbed."
    fi
  done
}

cleanup() {
  kill_quietly "${BACKGROUND_PIDS[@]}" "$LOADGEN_PID"
  stop_process "$SERVER_PID" server
}

main() {
  check_options
  mkdir -p "$WORK"
  on_exit cleanup
  require_tools
  find_java
  build_jar
  reset_database
  note_machine
  run_pgbench
  start_server
  wait_until_up "$SERVER_PID" "$PORT" "$WORK/server.log"
  get_token
  probe_sell
  run_server_load
  judge
  plot_latencies
  write_report
  print_table
  [[ $VERDICT == VALID ]]
}

# sourcing the file (for a look at its functions) runs nothing
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
