# Helpers shared by the bench scripts (sourced, never run). A script sets SCENARIO (its name in log
# lines) and DB (its database) before calling them; ROOT, MIN_JAVA and the PG* variables come from here.
# shellcheck shell=bash

[[ -z ${BENCH_LIB_LOADED:-} ]] || return 0
readonly BENCH_LIB_LOADED=1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly MIN_JAVA=21
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

log() { printf '[%s %s] %s\n' "$SCENARIO" "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$SCENARIO" "$*" >&2
  exit 1
}

# The server's garbage collector, GC=zgc (the default: docs/operations.md asks for ZGC, whose
# collections run beside the requests; G1's pauses set the tail of every answer) or GC=g1.
case ${GC:=zgc} in
  zgc) GC_OPTS=-XX:+UseZGC ;;
  g1) GC_OPTS=-XX:+UseG1GC ;;
  *)
    echo "GC must be zgc or g1, not $GC" >&2
    exit 2
    ;;
esac
export GC GC_OPTS

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

# ---------------------------------------------------------------- set-up

# The major version of a java binary: 17, 21, 25 ("1.8.0_x" is 8).
java_major() {
  local version
  version=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  version=${version#1.}
  version=${version%%[!0-9]*}
  [[ -n $version ]] && echo "$version"
}

# Like the build (maven-toolchains-plugin, version [21,)): the newest JDK >= 21 installed, in JAVA;
# the default `java` may be older.
find_java() {
  local candidate major best="" best_major=0
  local candidates=(/usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java)
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME/bin/java")
  candidates+=("$(command -v java || true)")
  for candidate in "${candidates[@]}"; do
    [[ -x $candidate ]] || continue
    major=$(java_major "$candidate") || continue
    if ((major >= MIN_JAVA && major > best_major)); then
      best=$candidate
      best_major=$major
    fi
  done
  [[ -n $best ]] || die "the server needs Java $MIN_JAVA or newer and none was found (looked under /usr/lib/jvm, \
/usr/java, /opt/java, JAVA_HOME and PATH); install one, e.g. 'apt-get install -y openjdk-21-jdk-headless'"
  JAVA=$best
  log "java: $JAVA (version $best_major)"
}

# True when a file of the build (pom.xml, sources, wrapper) is newer than the jar $1; further
# arguments name more folders that do not count.
sources_newer_than() {
  local jar=$1 name prune=(-name .git -o -name target -o -name results -o -name data -o -name .idea)
  shift
  for name in "$@"; do prune+=(-o -name "$name"); done
  find "$ROOT" \( "${prune[@]}" \) -prune -o -type f -newer "$jar" -print -quit | grep -q .
}

# Builds the checkout (./mvnw -q -DskipTests package) unless every jar given is newer than every
# source file; with SKIP_BUILD=1 the jars are used as they are. The build's log goes to WORK.
build_jars() {
  local jar stale=""
  for jar in "$@"; do
    if [[ ! -f $jar ]]; then
      stale="$jar is missing"
    elif [[ -z $stale ]] && sources_newer_than "$jar"; then
      stale="sources are newer than $jar"
    fi
  done
  if ((SKIP_BUILD)); then
    [[ -z $stale || $stale != *missing ]] || die "SKIP_BUILD=1 but $stale: build with ./mvnw -DskipTests package"
    log "jars: ${*##*/} as they are (SKIP_BUILD=1)"
  elif [[ -z $stale ]]; then
    log "jars: newer than every source file, not rebuilt"
  else
    log "building ($stale): ./mvnw -q -DskipTests package (about a minute)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$WORK/build.log" 2>&1 ||
      { tail -n 40 "$WORK/build.log" >&2; die "the build failed (full log: $WORK/build.log)"; }
    for jar in "$@"; do
      [[ -f $jar ]] || die "the build succeeded but $jar is missing"
    done
  fi
}

reset_database() {
  pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null ||
    die "PostgreSQL does not answer at $PGHOST:$PGPORT (start it, or set PGHOST/PGPORT)"
  log "database: dropping and creating $DB"
  psql_admin -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
}

# A port below the kernel's ephemeral range (where the many client connections of a run take their
# local ports) that nothing uses and this run has not taken yet (TAKEN_PORTS).
TAKEN_PORTS=" "
free_port() {
  local low port
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (low - 10000)))
    [[ $TAKEN_PORTS != *" $port "* ]] || continue
    if command -v ss >/dev/null; then
      [[ -z $(ss -Htan "( sport = :$port )" 2>/dev/null) ]] || continue
    fi
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "found no free TCP port; set the ports by hand (PORT, ...)"
}

# ---------------------------------------------------------------- processes

# Runs the function $1 when the script ends, also on Ctrl-C or TERM (which end it with 130).
on_exit() {
  trap "$1" EXIT
  trap 'exit 130' INT TERM
}

# Sends TERM to the processes given (empty ones skipped), without waiting for them.
kill_quietly() {
  local pid
  for pid in "$@"; do
    [[ -z $pid ]] || kill "$pid" 2>/dev/null || true
  done
}

# Stops a process (TERM, then KILL after 30 s) and reaps it.
stop_process() {
  local pid=$1 name=$2
  [[ -n $pid ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: stopping (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# The last lines of a log, then the end: "<what> exited (log: <file>)".
died() {
  tail -n 40 "$2" >&2
  die "$1 exited (log: $2)"
}

# Waits until the server (pid $1, port $2, log $3) says UP on /actuator/health, 90 s at the most.
wait_until_up() {
  local pid=$1 port=$2 server_log=$3 url="http://127.0.0.1:$2/actuator/health"
  for _ in $(seq 1 180); do
    kill -0 "$pid" 2>/dev/null || died "the server" "$server_log"
    if curl -fsS --max-time 2 "$url" 2>/dev/null | grep -q '"status":"UP"'; then
      log "server: UP"
      return
    fi
    sleep 0.5
  done
  tail -n 40 "$server_log" >&2
  die "the server was not UP at $url after 90 s (log: $server_log)"
}

# The value of "PING <key> <value>" in the output of the bench tools' ping (the HTTP baseline),
# $WORK/ping.out; "–" without it.
ping_result() {
  awk -v key="$1" '$1 == "PING" && $2 == key { print $3; found = 1 } END { if (!found) print "–" }' \
    "$WORK/ping.out" 2>/dev/null || echo "–"
}

# A JSON string field of an answer (good enough for the flat answers used here).
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$2" | head -n 1; }

# ---------------------------------------------------------------- CPU and wait events

# utime+stime of a process in clock ticks (0 when it is gone); with "children", also the ticks of
# its reaped children, so that exited PostgreSQL backends stay counted.
proc_ticks() {
  local line fields
  if [[ -z $1 ]] || ! read -r line 2>/dev/null <"/proc/$1/stat"; then
    echo 0
    return
  fi
  read -r -a fields <<<"${line##*) }" # fields[0] is stat's 3rd field (state)
  if [[ ${2:-} == children ]]; then
    echo $((fields[11] + fields[12] + fields[13] + fields[14]))
  else
    echo $((fields[11] + fields[12]))
  fi
}

postmaster_pid() {
  local dir pid=""
  dir=$(psql_admin -tAc "show data_directory" 2>/dev/null) || return 0
  [[ -r $dir/postmaster.pid ]] && read -r pid <"$dir/postmaster.pid"
  echo "$pid"
}

# PostgreSQL's ticks: the postmaster with its reaped children, plus its live children.
postgres_ticks() {
  local postmaster=$1 total stat line fields
  [[ -n $postmaster ]] || {
    echo 0
    return
  }
  total=$(proc_ticks "$postmaster" children)
  for stat in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat" || continue
    read -r -a fields <<<"${line##*) }"
    if [[ ${fields[1]} == "$postmaster" ]]; then
      total=$((total + fields[11] + fields[12]))
    fi
  done
  echo "$total"
}

# Every second for $1 seconds: what the active backends of the database are doing, appended to $2.
sample_waits() {
  local seconds=$1 out=$2
  for _ in $(seq 1 "$seconds"); do
    sleep 1
    psql_admin -tAc "select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, 'running')
                       from pg_stat_activity
                      where datname = '$DB' and state = 'active' and pid <> pg_backend_pid()" >>"$out" 2>/dev/null || true
  done
}

# "Name share%, …" of the sampled wait events, most frequent first.
summarize_waits() {
  [[ -s $1 ]] || {
    echo "no samples"
    return
  }
  sort "$1" | uniq -c | sort -rn | head -n 5 |
    awk -v total="$(wc -l <"$1")" '{ printf "%s%s %d%%", (NR > 1 ? ", " : ""), $2, 100 * $1 / total }'
}

# Cores busy on the machine over the next two seconds (before a benchmark: anything else running on
# a 2-core machine shows directly in the numbers).
busy_cores() {
  local user nice system idle iowait irq softirq steal rest t0 i0
  read -r _ user nice system idle iowait irq softirq steal rest </proc/stat
  t0=$((user + nice + system + idle + iowait + irq + softirq + steal)) i0=$((idle + iowait))
  sleep 2
  read -r _ user nice system idle iowait irq softirq steal rest </proc/stat
  awk -v t="$((user + nice + system + idle + iowait + irq + softirq + steal - t0))" -v i="$((idle + iowait - i0))" \
    -v n="$(nproc)" 'BEGIN { if (t <= 0) t = 1; printf "%.2f", (t - i) * n / t }'
}

# BUSY_BEFORE and POSTMASTER_PID, what a run's CPU figures are read against.
note_machine() {
  BUSY_BEFORE=$(busy_cores)
  log "machine: $BUSY_BEFORE of $(nproc) cores busy before the benchmark"
  POSTMASTER_PID=$(postmaster_pid)
  [[ -n $POSTMASTER_PID ]] || log "PostgreSQL's processes are not visible here: its CPU share will read 0"
}

# Waits for the profile's background samplers (BACKGROUND_PIDS).
BACKGROUND_PIDS=()
wait_profile() {
  local pid
  for pid in "${BACKGROUND_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  BACKGROUND_PIDS=()
}

# ---------------------------------------------------------------- report

# The machine's table of a report; arguments are extra rows ("| name | value |").
machine_facts() {
  local cpu_model mem_gib pg_version java_version commit dirty="" row
  cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  mem_gib=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
  pg_version=$(psql_admin -tAc "show server_version")
  java_version=$("$JAVA" -version 2>&1 | head -n 1)
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  [[ -n $(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null) ]] && dirty=" (with uncommitted changes outside bench/)"
  cat <<EOF
| machine | value |
| --- | --- |
| CPUs (nproc) | $(nproc) × ${cpu_model:-unknown} |
| memory | ${mem_gib} GiB |
| PostgreSQL | $pg_version at $PGHOST:$PGPORT, database $DB (fsync $(psql_admin -tAc "show fsync"), synchronous_commit $(psql_admin -tAc "show synchronous_commit")) |
| Java | $java_version ($JAVA) |
| commit | $commit$dirty |
EOF
  for row in "$@"; do echo "$row"; done
}
