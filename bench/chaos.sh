#!/usr/bin/env bash
# Chaos run: the chain benchmark's set-up (server on PostgreSQL, OFD emulator, a fleet of virtual
# registers, an open-loop ATOL load), and while the load runs: the server node is killed (-9) and
# restarted on the same database, register processes are killed (-9) between the drive signing a
# receipt and the register reporting it, and the OFD emulator is stopped for a while. Then the
# auditor waits for the system to settle and compares three ledgers (what the store was told, what
# the server's fiscal_job says, what the registers' FN journals and the OFD hold).
#
# Usage (from anywhere in the checkout):  bash bench/chaos.sh
# Options (environment variables), besides chain.sh's PORT, OFD_PORT, OFD_HTTP_PORT, SERVER_OPTS,
# FLEET_OPTS, DB_POOL, SKIP_BUILD, PGHOST, PGPORT, PGUSER:
#   RATE=100            receipts per second offered (open loop)
#   DURATION=180        seconds of load
#   REGISTERS=50        virtual registers
#   FLEETS=2            fleet simulator processes the registers are spread over (a crash kills one)
#   SERVER_KILLS=5      kill -9 of the server during the load, each followed by a restart
#   REGISTER_CRASHES=3  kill -9 of a fleet process with one register frozen right after its drive
#                       signed a receipt (before the outcome is journaled or reported), then a restart
#   REGISTER_DOWN=20    seconds a killed fleet process stays down before its restart (longer than the
#                       server's 15 s lease: receipts given but not acknowledged go back to the queue
#                       and to the other processes' registers; an acknowledged one waits for its own)
#   OFD_DOWN=30         seconds the OFD emulator is stopped (once, mid-run; 0: never)
#   OFD_SIGNAL=TERM     how it is stopped: TERM (a clean stop) or KILL (kill -9: what it confirmed
#                       must survive all the same, its archive is a fsynced journal)
#   RETRY=120           seconds a request without an answer (or with a 5xx) is sent again with the
#                       same external_id; 0: never
#   SETTLE_TIMEOUT=300  seconds the auditor waits after the load for every receipt to be delivered
# Exit status: 0 when the auditor passes (nothing lost, nothing duplicated, everything accepted
# fiscalized and delivered), non-zero otherwise. The report goes to bench/results/chaos-<UTC time>.md,
# logs and data to bench/results/chaos-<UTC time>.tmp/ (ignored by git).
set -euo pipefail

RATE=${RATE:-100}
DURATION=${DURATION:-180}
REGISTERS=${REGISTERS:-50}
SERVER_KILLS=${SERVER_KILLS:-5}
REGISTER_CRASHES=${REGISTER_CRASHES:-3}
REGISTER_DOWN=${REGISTER_DOWN:-20}
OFD_DOWN=${OFD_DOWN:-30}
OFD_SIGNAL=${OFD_SIGNAL:-TERM}
RETRY=${RETRY:-120}
SETTLE_TIMEOUT=${SETTLE_TIMEOUT:-300}
WARMUP=0
FLEETS=${FLEETS:-2}

BENCH_SCENARIO=chaos
# shellcheck source=chain.sh
source "$(dirname "${BASH_SOURCE[0]}")/chain.sh"

EVENTS=()      # "second kind" of the planned faults
EVENT_LOG=()   # what happened, for the report

check_chaos_options() {
  local name
  for name in SERVER_KILLS REGISTER_CRASHES REGISTER_DOWN OFD_DOWN RETRY; do
    [[ ${!name} =~ ^[0-9]+$ ]] || die "$name must be a whole number, got '${!name}'"
  done
  [[ $FLEETS =~ ^[1-9][0-9]*$ ]] && ((FLEETS <= REGISTERS)) || die "FLEETS must be between 1 and REGISTERS, got '$FLEETS'"
  [[ $OFD_SIGNAL == TERM || $OFD_SIGNAL == KILL ]] || die "OFD_SIGNAL must be TERM or KILL, got '$OFD_SIGNAL'"
}

# Faults spread evenly over the load: server kills at D·i/(K+1), register crashes in between, the
# OFD's stop at 40 % of the run.
plan_events() {
  local i
  for ((i = 1; i <= SERVER_KILLS; i++)); do
    EVENTS+=("$((DURATION * i / (SERVER_KILLS + 1))) server")
  done
  for ((i = 1; i <= REGISTER_CRASHES; i++)); do
    EVENTS+=("$((DURATION * (2 * i - 1) / (2 * REGISTER_CRASHES + 1))) register")
  done
  ((OFD_DOWN == 0)) || EVENTS+=("$((DURATION * 2 / 5)) ofd")
  mapfile -t EVENTS < <(printf '%s\n' "${EVENTS[@]}" | sort -n -k1,1)
}

# The next event's time: when the fault struck, not when the restart after it was done.
FAULT_AT=""
fault_now() { FAULT_AT=$(date +%s.%N); }

event() {
  local at
  at=$(awk -v a="$LOAD_START" -v b="${FAULT_AT:-$(date +%s.%N)}" 'BEGIN { printf "%.1f", b - a }')
  FAULT_AT=""
  EVENT_LOG+=("| $at s | $* |")
  log "chaos: $*"
}

kill_server() {
  local started
  fault_now
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  started=$SECONDS
  echo "---- killed (-9) at $(date -u +%H:%M:%S) ----" >>"$WORK/server.log"
  start_server
  event "server killed (-9), UP again after $((SECONDS - started)) s"
}

# The fleet runs as FLEETS processes, each with its own share of the registers and its own switchboard,
# so that the others keep fiscalizing while one is down.
FLEET_PIDS=()
CONTROL_PORTS=()

start_fleet_process() {
  local i=$1
  (
    cd "$WORK"
    exec "$JAVA" $FLEET_OPTS -jar "$EMULATOR_JAR" registers --server "http://127.0.0.1:$PORT" \
      --ids-file "$WORK/ids-$i.txt" --inn "$INN" --sno "$SNO" --ofd "127.0.0.1:$OFD_PORT" --data "$WORK/registers" \
      --control-port "${CONTROL_PORTS[i]}" --crash-mode freeze
  ) >>"$WORK/fleet-$i.log" 2>&1 &
  FLEET_PIDS[i]=$!
}

# Every register said hello and long-polls (the first start), or the restarted process runs its registers.
wait_fleet() {
  local i=$1 lives=$2 ready=0
  for _ in $(seq 1 240); do
    kill -0 "${FLEET_PIDS[i]}" 2>/dev/null || died "fleet process $i" "$WORK/fleet-$i.log"
    if (($(grep -c 'virtual register(s) talking to' "$WORK/fleet-$i.log" || true) >= lives)); then
      ready=$(psql_db -tAc "select count(*) from cash_register c join register_state s on s.register_pk = c.id
                                where c.name like 'Chain %' and c.serial is not null and s.last_poll_at is not null")
      ((ready < REGISTERS)) || return 0
    fi
    sleep 0.5
  done
  die "fleet process $i: only $ready of $REGISTERS registers said hello and polled within 120 s (log: $WORK/fleet-$i.log)"
}

start_fleets() {
  local i
  log "fleet: $REGISTERS virtual registers in $FLEETS processes, OFD at 127.0.0.1:$OFD_PORT"
  for ((i = 0; i < FLEETS; i++)); do
    CONTROL_PORTS[i]=$(free_port)
    TAKEN_PORTS+="${CONTROL_PORTS[i]} "
    : >"$WORK/ids-$i.txt"
  done
  awk -v n="$FLEETS" -v dir="$WORK" '{ print > (dir "/ids-" ((NR - 1) % n) ".txt") }' "$WORK/ids.txt"
  for ((i = 0; i < FLEETS; i++)); do start_fleet_process "$i"; done
  for ((i = 0; i < FLEETS; i++)); do wait_fleet "$i" 1; done
  log "fleet: all $REGISTERS registers said hello and poll"
}

# One register, chosen at random, freezes right after its drive signs its next receipt (the fleet
# runs with --crash-mode freeze); its process is killed when the register says so, or after 30 s.
crash_register() {
  local id i before started fd="" lives
  id=$(shuf -n 1 "$WORK/ids.txt")
  for ((i = 0; i < FLEETS; i++)); do grep -qx "$id" "$WORK/ids-$i.txt" && break; done
  before=$(grep -c '^CRASH POINT' "$WORK/fleet-$i.log" || true)
  curl -fsS --max-time 5 -X POST "http://127.0.0.1:${CONTROL_PORTS[i]}/api/v1/registers/$id/switches" \
    -H 'Content-Type: application/json' -d '{"crash_after_fiscalize": true}' >/dev/null ||
    log "chaos: fleet process $i's switchboard did not take the switch of register $id"
  started=$SECONDS
  while ((SECONDS - started < 30)); do
    if (($(grep -c '^CRASH POINT' "$WORK/fleet-$i.log" || true) > before)); then
      fd=$(grep '^CRASH POINT' "$WORK/fleet-$i.log" | tail -n 1)
      break
    fi
    sleep 0.1
  done
  fault_now
  kill -KILL "${FLEET_PIDS[i]}" 2>/dev/null || true
  wait "${FLEET_PIDS[i]}" 2>/dev/null || true
  echo "---- killed (-9) at $(date -u +%H:%M:%S) ----" >>"$WORK/fleet-$i.log"
  sleep "$REGISTER_DOWN"
  started=$SECONDS
  lives=$(($(grep -c 'virtual register(s) talking to' "$WORK/fleet-$i.log" || true) + 1))
  start_fleet_process "$i"
  wait_fleet "$i" "$lives"
  if [[ -n $fd ]]; then
    event "fleet process $i of $FLEETS killed (-9) at \`${fd#CRASH POINT }\` (signed, not reported); down ${REGISTER_DOWN} s, running again in $((SECONDS - started)) s"
  else
    event "fleet process $i of $FLEETS killed (-9) with register $id armed but not at its crash point within 30 s; down ${REGISTER_DOWN} s, running again in $((SECONDS - started)) s"
  fi
}

chaos_cleanup() {
  local pid
  for pid in "${FLEET_PIDS[@]}"; do stop_process "$pid" "fleet process"; done
  cleanup
}

# A real OFD keeps what it confirmed, also when it crashes; the registers keep their documents unsent.
stop_ofd() {
  if [[ $OFD_SIGNAL == KILL ]]; then
    kill -KILL "$OFD_PID" 2>/dev/null || true
    wait "$OFD_PID" 2>/dev/null || true
    event "OFD emulator killed (-9), down for $OFD_DOWN s"
  else
    stop_process "$OFD_PID" "OFD emulator"
    event "OFD emulator stopped for $OFD_DOWN s"
  fi
  sleep "$OFD_DOWN"
  start_ofd
  event "OFD emulator started again"
}

run_chaos_load() {
  local entry at kind
  log "load: $RATE receipts/s open loop for ${DURATION}s, retries for ${RETRY}s; faults: ${EVENTS[*]}"
  LOAD_START=$(date +%s.%N)
  CHAIN_TOKEN=$ATOL_TOKEN "$JAVA" -jar "$BENCH_JAR" load --url "$SELL_URL" --rate "$RATE" --warmup 0 \
    --duration "$DURATION" --tag "$RUN_TAG" --out "$WORK/requests.csv" --timeout-seconds 10 --retry-seconds "$RETRY" \
    >"$WORK/load.out" 2>"$WORK/load.err" &
  LOADGEN_PID=$!
  for entry in "${EVENTS[@]}"; do
    read -r at kind <<<"$entry"
    while awk -v a="$LOAD_START" -v b="$(date +%s.%N)" -v t="$at" 'BEGIN { exit !(b - a < t) }'; do
      sleep 0.2
    done
    case $kind in
      server) kill_server ;;
      register) crash_register ;;
      ofd) stop_ofd ;;
    esac
  done
  wait "$LOADGEN_PID" || { cat "$WORK/load.err" >&2; die "the load generator failed"; }
  LOADGEN_PID=""
  log "load: $(load_result sent) sent, $(load_result accepted) accepted, $(load_result retried) retried," \
    "$(load_result unanswered) unanswered, $(load_result refused) refused"
}

audit() {
  log "audit: waiting for the system to settle (at most ${SETTLE_TIMEOUT}s), then three ledgers"
  AUDIT_STATUS=0
  "$JAVA" -jar "$BENCH_JAR" audit --db-url "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --db-user "$PGUSER" \
    --csv "$WORK/requests.csv" --ofd-url "http://127.0.0.1:$OFD_HTTP_PORT" --tag "$RUN_TAG" --duration "$DURATION" \
    --registers-dir "$WORK/registers" --settle-seconds "$SETTLE_TIMEOUT" --out "$WORK/audit.txt" \
    | tee "$WORK/audit.out" >&2 || AUDIT_STATUS=$?
  grep -q '^verdict ' "$WORK/audit.txt" 2>/dev/null || die "the auditor wrote no verdict ($WORK/audit.out)"
}

# The value of "<key> <value…>" in the auditor's results.
aud() { awk -v key="$1" '$1 == key { sub(/^[^ ]+ /, ""); print; found = 1 } END { if (!found) print "–" }' "$WORK/audit.txt"; }

write_chaos_report() {
  local row
  {
    echo "# Chaos run, $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
    echo
    echo "\`bash bench/chaos.sh\` with RATE=$RATE DURATION=$DURATION REGISTERS=$REGISTERS FLEETS=$FLEETS SERVER_KILLS=$SERVER_KILLS"
    echo "REGISTER_CRASHES=$REGISTER_CRASHES REGISTER_DOWN=$REGISTER_DOWN OFD_DOWN=$OFD_DOWN OFD_SIGNAL=$OFD_SIGNAL RETRY=$RETRY SETTLE_TIMEOUT=$SETTLE_TIMEOUT."
    echo "Auditor's verdict: **$(aud verdict)**$( [[ $(aud verdict) == PASS ]] || echo " ($(aud problems))")."
    echo
    echo "| ledger check | value |"
    echo "| --- | --- |"
    echo "| requests sent / retried (same external_id) / unanswered in the end / refused | $(load_result sent) / $(load_result retried) / $(aud unanswered) / $(aud refused) |"
    echo "| **accepted** (200 \`wait\` with a uuid, or error 33 with the uuid on a retry) | **$(aud accepted)** |"
    echo "| of those, accepted on a retry answered \"exists\" (error 33: an earlier attempt was stored, its answer lost in a kill) | $(aud accepted_on_retry_as_existing) |"
    echo "| **fiscalized** (of those accepted) | **$(aud accepted_fiscalized)** |"
    echo "| **delivered** to the OFD (of those accepted) | **$(aud accepted_delivered)** |"
    echo "| **lost** (accepted, but absent, failed or not fiscalized) | **$(aud lost)** |"
    echo "| **duplicated**: job with two documents + OFD receipt no job explains + FD claimed twice + external_id twice + OFD listing twice | **$(aud duplicated)** ($(aud jobs_twice) + $(aud ofd_unexplained) + $(aud fd_reused) + $(aud external_id_twice) + $(aud ofd_listed_twice)) |"
    echo "| receipts at the OFD / fiscalized at the server / in the registers' FN job journals | $(aud ofd_receipts) / $(aud fiscalized_all_jobs) / $(aud register_fiscalized_jobs) |"
    echo "| stored by the server without the store hearing of it (answer lost in a kill) | $(aud jobs_without_2xx) |"
    echo "| handed to a register more than once (lease ran out or register restarted) | $(aud redispatched) |"
    echo "| fiscal_job states of the run | $(aud jobs_states) |"
    echo "| settled after the load (all delivered) | $(aud settle_seconds) s, open at the end: $(aud unsettled) |"
    echo "| server log: ERROR lines | $(grep -c '^[0-9T:.-]*Z *ERROR ' "$WORK/server.log" || true) |"
    echo
    for key in lost_1 lost_2 lost_3 duplicate_1 duplicate_2 duplicate_3 error_1 error_2 error_3; do
      [[ $(aud "$key") == "–" ]] || echo "- $key: $(aud "$key")"
    done
    echo
    echo "Faults, seconds after the load began (when each struck):"
    echo
    echo "| at | fault |"
    echo "| --- | --- |"
    for row in "${EVENT_LOG[@]}"; do echo "$row"; done
    echo
    if [[ -f $PLOTS-cdf.png ]]; then
      echo "Latencies of the accepted receipts, from the server's timestamps (kills and the OFD's stop included):"
      echo
      echo "![latency by percentile]($(basename "$PLOTS")-cdf.png)"
      echo
      echo "![latency over the run]($(basename "$PLOTS")-time.png)"
      echo
    fi
    machine_facts
  } >"$REPORT"
}

chaos_main() {
  check_options
  check_chaos_options
  mkdir -p "$WORK"
  on_exit chaos_cleanup
  require_tools
  command -v shuf >/dev/null || die "'shuf' is needed (coreutils)"
  find_java
  build_jars "$SERVER_JAR" "$EMULATOR_JAR" "$BENCH_JAR"
  reset_database
  pick_ports
  POSTMASTER_PID=$(postmaster_pid)
  plan_events
  start_ofd
  start_server
  get_tokens
  create_registers
  start_fleets
  probe_chain
  run_chaos_load
  audit
  # latencies and plots of the same run (chain.sh's analysis); the verdict is the auditor's
  (analyze) || log "the analysis for the plots failed (see $WORK/analyze.out)"
  write_chaos_report
  printf '\nfaults:\n' >&2
  printf '%s\n' "${EVENT_LOG[@]}" >&2
  printf '\nverdict: %s\nreport: %s\n' "$(aud verdict)" "$REPORT" >&2
  ((AUDIT_STATUS == 0))
}

# one line: bash reads a script as it runs it, so an edit during a run cannot run past this line
chaos_main "$@"; exit
