#!/usr/bin/env bash
# Load benchmark of approval-tracker on a zone-sized database (default 10,000 projects x 15
# steps with a year of events), release build, wrk on loopback.
#
# usage: [DURATION=10] scripts/bench.sh [--pg] [--projects N] [--keep] [--no-build]
#
#   --pg           run against a throwaway PostgreSQL (started and stopped here) instead of
#                  the default SQLite file; also runs pgbench on it (select-only and TPC-B)
#                  and prints each figure as a ratio to those ceilings, and drives two
#                  instances on the one database at once for a combined project-read figure
#   --projects N   size of the data set (default 10000; e.g. 500 for a quick run)
#   --keep         keep the work dir (database, binaries, pairs file) instead of deleting it
#   --no-build     use the release binaries already in the target dir (no cargo build)
#   --during-pass  also run the POST load again while the server runs the first scheduler
#                  pass (POST /api/v1/jobs/run, 2 s into the load): what users' writes
#                  suffer while the pass works; the later `jobs run` lines are then not first
#   --soak MINUTES a long day instead of the runs below (examples/soak.rs): a mixed load at
#                  SOAK_RATE (default 200) requests a second on --projects (default 50): 30 %
#                  project reads, 20 % list reads, 20 % events (补正 and resubmission in
#                  turn), 30 % pages (/my, /projects, a project page) signed in through the
#                  login form; the server's RSS every 10 s and each operation's p50/p99 per
#                  minute; prints RSS after two minutes and at the end, and each operation's
#                  first and last minute. Exits non-zero on any failed request
#   DURATION       seconds of load per endpoint (default 10)
#   BENCH_OUT      where the results go (default ${CARGO_TARGET_DIR:-target}/bench)
#   SERVER_WRAP    a command the server runs under, for a profile (e.g. "heaptrack -o
#                  /tmp/heap"); the RSS the soak samples is then the wrapper's child's
#   THREADS, CONNECTIONS   wrk -t / -c (default 2 / 64)
#   WRK_TIMEOUT    wrk --timeout (default 10s, not wrk's 2s: a slow endpoint's latency is
#                  then measured instead of dropped as a socket timeout)
#
# It installs wrk (and with --pg the postgresql package) if missing, builds the server and
# examples/zone_data in release, copies both to a temp dir, fills the database, starts the
# server, logs in as `bench`, runs wrk against /healthz (the machine's ceiling in the same
# run), a project, its schedule, the red-light list, the pages people open (signed in
# through the login form as a manager and a liaison, scripts/bench/pages.sh: one client and
# CONNECTIONS each) and real step transitions (scripts/bench/events.lua), then times the scheduler pass (twice: first and steady state)
# and the XLSX weekly report with the server stopped. It prints one markdown table and
# writes it to ${CARGO_TARGET_DIR:-target}/bench/results.md (raw wrk outputs beside it).
# Exit status is non-zero if a step fails, the write run had any non-2xx answer or socket
# error, or the steps it wrote are not consistent afterwards (GET errors are only reported).
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

ORIG_ARGS=("$@")
PG_MODE=0
PROJECTS=10000
KEEP=0
BUILD=1
DURING_PASS=0
SOAK=""
PROJECTS_GIVEN=0
while [ $# -gt 0 ]; do
    case "$1" in
        --pg) PG_MODE=1 ;;
        --projects) [ $# -ge 2 ] || { usage >&2; exit 2; }; PROJECTS=$2; PROJECTS_GIVEN=1; shift ;;
        --projects=*) PROJECTS=${1#*=}; PROJECTS_GIVEN=1 ;;
        --keep) KEEP=1 ;;
        --no-build) BUILD=0 ;;
        --during-pass) DURING_PASS=1 ;;
        --soak) [ $# -ge 2 ] || { usage >&2; exit 2; }; SOAK=$2; shift ;;
        --soak=*) SOAK=${1#*=} ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
if [ -n "$SOAK" ]; then
    [[ "$SOAK" =~ ^[0-9]+$ ]] && [ "$SOAK" -gt 0 ] || { echo "--soak needs a positive number of minutes" >&2; exit 2; }
    [ "$PROJECTS_GIVEN" = 1 ] || PROJECTS=50
fi
SOAK_RATE=${SOAK_RATE:-200}
[[ "$PROJECTS" =~ ^[0-9]+$ ]] && [ "$PROJECTS" -gt 0 ] || { echo "--projects needs a positive number" >&2; exit 2; }
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
[[ "$DURATION" =~ ^[0-9]+$ ]] || { echo "DURATION is a number of seconds" >&2; exit 2; }
# 20:00 in Shanghai today: outside the sending window, and the data's own "today".
JOBS_AT=$(TZ=Asia/Shanghai date +%Y-%m-%d)T12:00:00Z

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-target}
case "$TARGET" in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
OUT=${BENCH_OUT:-$TARGET/bench}
mkdir -p "$OUT"
LUA=$ROOT/scripts/bench/events.lua

COMMAND="DURATION=$DURATION"
[ "$THREADS" != 2 ] && COMMAND+=" THREADS=$THREADS"
[ "$CONNECTIONS" != 64 ] && COMMAND+=" CONNECTIONS=$CONNECTIONS"
[ "$WRK_TIMEOUT" != 10s ] && COMMAND+=" WRK_TIMEOUT=$WRK_TIMEOUT"
COMMAND+=" scripts/bench.sh${ORIG_ARGS[*]:+ ${ORIG_ARGS[*]}}"

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- cleanup -------------------------------------------------------------------------------
WORK=""
PGDIR=""
PGBIN=""
SERVER_PID=""
SECOND_PID=""  # with --pg, the second instance of the two-instance run

as_pg() {  # PostgreSQL refuses to run as root
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
stop_second() {
    [ -n "$SECOND_PID" ] || return 0
    kill -TERM "$SECOND_PID" 2>/dev/null || true
    wait "$SECOND_PID" 2>/dev/null || true
    SECOND_PID=""
}

# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
    local rc=$?
    set +e
    stop_second
    stop_server
    if [ -n "$PGDIR" ]; then
        as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1
        rm -rf "$PGDIR"
    fi
    if [ -n "$WORK" ]; then
        if [ "$KEEP" = 1 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null && return
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        ss -ltnH "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
    done
}

apt_install() {  # update the lists only if a plain install fails
    apt-get install -y "$@" || { apt-get update && apt-get install -y "$@"; }
}

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# --- 1. tools and, with --pg, a throwaway PostgreSQL ---------------------------------------
command -v wrk >/dev/null || { log "installing wrk"; apt_install wrk; }
command -v curl >/dev/null || { log "installing curl"; apt_install curl; }
# To check the steps' event sequences after the write run.
[ "$PG_MODE" = 1 ] || command -v sqlite3 >/dev/null || { log "installing sqlite3"; apt_install sqlite3; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/approval-bench.XXXXXX")
mkdir -p "$WORK/bin"

if [ "$PG_MODE" = 1 ]; then
    pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
    PGBIN=$(pg_bin)
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
        log "installing postgresql"
        apt_install postgresql
        PGBIN=$(pg_bin)
        [ -x "$PGBIN/initdb" ] || die "no initdb under /usr/lib/postgresql/*/bin"
    fi
    PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/approval-bench-pg.XXXXXX")
    chmod 755 "$PGDIR"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDIR"
    PGPORT=$(free_port)
    log "starting PostgreSQL ($PGBIN) on 127.0.0.1:$PGPORT"
    as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$OUT/pg-initdb.log" 2>&1 \
        || { cat "$OUT/pg-initdb.log" >&2; die "initdb failed"; }
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
        -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null \
        || { cat "$PGDIR/log" >&2; die "PostgreSQL did not start"; }
    PSQL=$PGBIN/psql
    [ -x "$PSQL" ] || PSQL=psql
    "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'create database zone'
    DB_URL="postgres://postgres@127.0.0.1:$PGPORT/zone"
    DB_KIND="PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }')"
else
    DB_URL="sqlite://$WORK/zone.db"   # $WORK is absolute: sqlite:///tmp/...
    DB_KIND="SQLite"
fi

# --- 2. release build, copied away so a rebuild cannot replace them under the server -------
if [ "$BUILD" = 1 ]; then
    log "cargo build --release --bin approval-tracker --example zone_data --example soak"
    cargo build --release --bin approval-tracker --example zone_data --example soak
fi
cp "$TARGET/release/approval-tracker" "$WORK/bin/approval-tracker"
cp "$TARGET/release/examples/zone_data" "$WORK/bin/zone_data"
[ -z "$SOAK" ] || cp "$TARGET/release/examples/soak" "$WORK/bin/soak"
BIN=$WORK/bin/approval-tracker

# --- 3. the zone-sized database ------------------------------------------------------------
PAIRS=$WORK/pairs.txt
log "filling $DB_KIND with $PROJECTS projects"
t0=$(now)
"$WORK/bin/zone_data" "$DB_URL" "$PROJECTS" "$PAIRS" | tee "$OUT/zone_data.txt" >&2
FILL_SECS=$(secs "$t0" "$(now)")
NPAIRS=$(grep -c . "$PAIRS" || true)
[ "$NPAIRS" -gt 0 ] || die "zone_data wrote no steps in review to $PAIRS"
PROJECT_ID=$(awk 'NR == 1 { print $1 }' "$PAIRS")
min_pairs=$((THREADS * (CONNECTIONS / THREADS) * 4))
[ "$NPAIRS" -ge "$min_pairs" ] \
    || log "warning: only $NPAIRS steps in review for $CONNECTIONS connections: transitions may collide"

# --- 4. the server -------------------------------------------------------------------------
start_instance() {  # start_instance PORT LOG: one server on the database, in the background ($!)
    APP__SERVER__BIND=127.0.0.1:$1 APP__LOG__LEVEL=warn APP__SCHEDULER__ENABLED=false \
        ${SERVER_WRAP:-} "$BIN" serve --database-url "$DB_URL" >"$2" 2>&1 &
}
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
log "starting the server on $BASE"
start_instance "$PORT" "$OUT/server.log"
SERVER_PID=$!
wait_healthy() {  # wait_healthy BASE PID LOG: until the server at BASE answers /healthz
    for i in $(seq 600); do
        curl -fsS -o /dev/null "$1/healthz" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || { tail -n 30 "$3" >&2; die "the server on $1 exited"; }
        [ "$i" -lt 600 ] || die "no /healthz from $1 after 60 s"
        sleep 0.1
    done
}
wait_healthy "$BASE" "$SERVER_PID" "$OUT/server.log"
# Under a wrapper, the server is its child: sampled and stopped as itself.
[ -z "${SERVER_WRAP:-}" ] || SERVER_PID=$(pgrep -n -f "^$BIN serve")

login=$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"Zone-load-2026"}' "$BASE/api/v1/sessions")
[ "$(tail -n 1 <<<"$login")" = 201 ] || die "login answered: $login"
TOKEN=$(head -n -1 <<<"$login" | sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "no token in: $login"
AUTH="Authorization: Bearer $TOKEN"

# --- the soak (--soak), instead of the runs below -----------------------------------------
if [ -n "$SOAK" ]; then
    # shellcheck source=scripts/bench/login.sh
    . "$ROOT/scripts/bench/login.sh"
    cookie=$(form_login manager00)
    log "soak: $SOAK minutes at $SOAK_RATE requests a second on $PROJECTS projects ($DB_KIND)"
    soak_rc=0
    SOAK_TOKEN=$TOKEN SOAK_COOKIE=${cookie#Cookie: } "$WORK/bin/soak" "$BASE" "$SERVER_PID" \
        "$SOAK" "$SOAK_RATE" "$PAIRS" | tee "$OUT/soak.txt" || soak_rc=$?
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$OUT/server.log" >&2; die "the server died in the soak"; }
    {
        echo "## Soak: $SOAK minutes, $SOAK_RATE req/s, $PROJECTS projects, $DB_KIND"
        echo
        echo "- command: \`$COMMAND\`"
        awk '/^SOAK_SUMMARY/ { printf "- sent %s requests (%s a second); RSS after two minutes %s MB, at the end %s MB (x %s); errors %s\n", $5, $7, $9, $11, $13, $15 }' "$OUT/soak.txt"
        echo
        echo "| operation | first minute p50 / p99 (ms) | last minute p50 / p99 (ms) | last / first p99 | errors |"
        echo "|---|---:|---:|---:|---:|"
        awk '/^SOAK_OP/ { printf "| %s | %s / %s | %s / %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8 }' "$OUT/soak.txt"
    } | tee "$OUT/results.md"
    exit "$soak_rc"
fi

# --- 5./6. load ----------------------------------------------------------------------------
NAMES=()
HWM=()  # "tag MB": the server's peak RSS after each run
declare -A RPS P50 P99 ERR DRAIN SERVER_LOG

server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
wait_idle() {  # prints the seconds the server stayed busy (over 4 % of a core)
    local t0 a b
    t0=$(now)
    for _ in $(seq 600); do
        a=$(server_ticks); sleep 0.5; b=$(server_ticks)
        [ $((b - a)) -le 2 ] && break
    done
    secs "$t0" "$(now)"
}
check_get() {  # one request first: a wrong URL or token should not be measured
    local body code
    body=$(curl -sS -w '\n%{http_code}' -H "$AUTH" "$BASE$1")
    code=$(tail -n 1 <<<"$body")
    [ "$code" = 200 ] || die "GET $1 answered $code: $(head -c 500 <<<"$body")"
}

run_wrk() {  # run_wrk LABEL FILE-TAG PATH [LUA-SCRIPT [SCRIPT ARGS...]]
    local label=$1 tag=$2 path=$3
    shift 3
    local script=()
    if [ $# -gt 0 ]; then script=(-s "$1"); shift; fi
    local out=$OUT/wrk-$tag.txt
    local log_from
    log_from=$(($(wc -l <"$OUT/server.log") + 1))
    # WRK_T, WRK_C, WRK_H: this run's threads, connections and header (pages: a cookie).
    local t=${WRK_T:-$THREADS} c=${WRK_C:-$CONNECTIONS} h=${WRK_H:-$AUTH}
    log "wrk -t$t -c$c -d${DURATION}s --timeout $WRK_TIMEOUT --latency $label"
    # wrk's script arguments come after the URL and "--".
    wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout "$WRK_TIMEOUT" --latency -H "$h" \
        "${script[@]}" "$BASE$path" -- "$@" >"$out" 2>"$out.err" \
        || { cat "$out" "$out.err" >&2; die "wrk failed on $label"; }
    cat "$out" >&2
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$OUT/server.log" >&2; die "the server died under $label"; }
    # Requests wrk gave up on (timeouts, closed at the end) still run in the server: let
    # them finish so they do not weigh on the next endpoint, and say how long it took.
    local drain
    drain=$(wait_idle)
    DRAIN[$label]=$drain
    # What the server logged (level warn and up) during the run and the drain.
    SERVER_LOG[$label]=$(tail -n +"$log_from" "$OUT/server.log" \
        | sed -E 's/^[0-9T:.-]+Z +//; s/ (request_id|id|elapsed_ms)=[^ ]*//g' \
        | sort | uniq -c | sort -rn | head -n 5 | awk '{ $1 = $1 " ×"; print }' | paste -sd ';' -)
    local rps p50 p99 non2xx sock detail total
    total=$(awk '/ requests in / { print $1 }' "$out")
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    p50=$(awk '$1 == "50%" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    [ -n "$rps" ] && [ -n "$p50" ] && [ -n "$p99" ] || die "could not parse $out"
    sock=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
    sock=${sock:-0}
    if grep -q '^BENCH_NON2XX' "$out"; then
        non2xx=$(awk '/^BENCH_NON2XX/ { print $2 }' "$out")
        detail=$(awk '/^BENCH_STATUSES/ { $1 = ""; sub(/^ /, ""); print }' "$out")
        [ "$detail" = none ] && detail=""
    else
        non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
        non2xx=${non2xx:-0}
        detail=""
    fi
    local e=$((non2xx + sock)) text
    text=$e
    if [ "$e" -gt 0 ]; then
        text+=" ("
        [ "$non2xx" -gt 0 ] && text+="${non2xx} of ${total:-?} answers non-2xx${detail:+: $detail}"
        [ "$non2xx" -gt 0 ] && [ "$sock" -gt 0 ] && text+="; "
        [ "$sock" -gt 0 ] && text+="${sock} socket errors"
        text+=")"
    fi
    NAMES+=("$label")
    HWM+=("$tag $(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status")")
    RPS[$label]=$rps P50[$label]=$p50 P99[$label]=$p99 ERR[$label]=$text
}

check_get /healthz
check_get "/api/v1/projects/$PROJECT_ID"
check_get "/api/v1/projects/$PROJECT_ID/schedule"
check_get "/api/v1/projects?light=red"

run_wrk "GET /healthz" healthz /healthz
run_wrk "GET /api/v1/projects/$PROJECT_ID" project "/api/v1/projects/$PROJECT_ID"
run_wrk "GET /api/v1/projects/$PROJECT_ID/schedule" schedule "/api/v1/projects/$PROJECT_ID/schedule"
run_wrk "GET /api/v1/projects?light=red" red "/api/v1/projects?light=red"
# --- 5a. the pages ---------------------------------------------------------------------------
# shellcheck source=bench/pages.sh
. "$ROOT/scripts/bench/pages.sh"

# --- 5b. with --pg: two instances on the one database, both driven at once -----------------
# The README's layout without its proxy: a second server beside the first, and one wrk per
# instance (half the threads and connections each) for the same seconds; the figure is
# their sum. Both run on this machine's cores with PostgreSQL and wrk, so it says what a
# second instance adds here, not on a machine of its own.
TWO_TEXT=""
TWO_RPS=""
TWO_EACH=()
if [ "$PG_MODE" = 1 ]; then
    PORT2=$(free_port)
    BASE2=http://127.0.0.1:$PORT2
    log "starting a second instance on $BASE2"
    start_instance "$PORT2" "$OUT/server2.log"
    SECOND_PID=$!
    wait_healthy "$BASE2" "$SECOND_PID" "$OUT/server2.log"
    TWO_PATH=/api/v1/projects/$PROJECT_ID
    # The session is in the database: the token signed in on the first works on the second.
    code=$(curl -sS -o /dev/null -w '%{http_code}' -H "$AUTH" "$BASE2$TWO_PATH")
    [ "$code" = 200 ] || die "GET $TWO_PATH on the second instance answered $code"
    half_t=$(( THREADS > 1 ? THREADS / 2 : 1 ))
    half_c=$(( CONNECTIONS / 2 ))
    log "wrk -t$half_t -c$half_c -d${DURATION}s on each instance at once: GET $TWO_PATH"
    wrk_pids=()
    for n in 1 2; do
        base=$BASE; [ "$n" = 2 ] && base=$BASE2
        wrk -t"$half_t" -c"$half_c" -d"${DURATION}s" --timeout "$WRK_TIMEOUT" --latency -H "$AUTH" \
            "$base$TWO_PATH" >"$OUT/wrk-two-$n.txt" 2>&1 &
        wrk_pids+=("$!")
    done
    for pid in "${wrk_pids[@]}"; do wait "$pid" || die "wrk failed on the two-instance run"; done
    cat "$OUT/wrk-two-1.txt" "$OUT/wrk-two-2.txt" >&2
    TWO_RPS=0
    for n in 1 2; do
        r=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$OUT/wrk-two-$n.txt")
        [ -n "$r" ] || { cat "$OUT/wrk-two-$n.txt" >&2; die "could not parse wrk-two-$n.txt"; }
        TWO_EACH+=("$r")
        TWO_RPS=$((TWO_RPS + r))
    done
    stop_second
    TWO_TEXT="two instances on one PostgreSQL, \`GET $TWO_PATH\` on both at once (wrk -t$half_t -c$half_c each, ${DURATION} s): $TWO_RPS req/s together (${TWO_EACH[0]} + ${TWO_EACH[1]}; one instance alone: ${RPS["GET $TWO_PATH"]})"
fi

sql() {  # one query, columns separated by |
    if [ "$PG_MODE" = 1 ]; then
        "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U postgres -d zone -XtAc "$1"
    else
        sqlite3 -readonly "$WORK/zone.db" "$1"
    fi
}
EVENTS_BEFORE=$(sql 'select coalesce(max(id), 0) from step_events')
POST_LABEL="POST /api/v1/projects/{id}/steps/{key}/events"
run_wrk "$POST_LABEL" events /api/v1/projects "$LUA" "$PAIRS" "$THREADS"
POST_SAMPLE=$(awk '/^BENCH_SAMPLE/ { $1 = ""; sub(/^ /, ""); print }' "$OUT/wrk-events.txt")
POST_REQUESTS=$(awk '/^BENCH_REQUESTS/ { print $2 }' "$OUT/wrk-events.txt")
POST_HELD=$(awk '/^BENCH_HELD/ { print $2 }' "$OUT/wrk-events.txt")
POST_OK=$((POST_REQUESTS - $(awk '/^BENCH_NON2XX/ { print $2 }' "$OUT/wrk-events.txt")))

# VmHWM is the peak resident set since the process started.
RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.0f", k / 1024 }')

# --- 7. WAL after the writes ---------------------------------------------------------------
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
if [ "$PG_MODE" = 0 ]; then
    WAL_MB=$(mb "$(stat -c %s "$WORK/zone.db-wal" 2>/dev/null || echo 0)")
    DB_MB=$(mb "$(stat -c %s "$WORK/zone.db")")
    WAL_TEXT="$WAL_MB MB (zone.db: $DB_MB MB)"
else
    WAL_TEXT="n/a (PostgreSQL)"
fi

# Did every 200 leave a consistent step? Per step, the events recorded during the run must
# alternate request_materials/resubmit from request_materials, and the step's status fit
# the last one. The server may record up to CONNECTIONS more events than the 200s wrk saw
# (requests in flight when wrk stopped still run).
IFS='|' read -r RECORDED OUT_OF_ORDER WRONG_STATUS < <(sql "
with b as (
  select step_id, action,
         lag(action) over (partition by step_id order by id) as prev,
         row_number() over (partition by step_id order by id desc) as rn
  from step_events where id > $EVENTS_BEFORE)
select (select count(*) from b),
       (select count(*) from b where action not in ('request_materials', 'resubmit')
           or (prev is null and action <> 'request_materials') or prev = action),
       (select count(*) from b join steps s on s.id = b.step_id where b.rn = 1
           and s.status <> case b.action when 'request_materials' then 'awaiting_applicant'
                                         else 'in_review' end)")
[[ "$RECORDED$OUT_OF_ORDER$WRONG_STATUS" =~ ^[0-9]+$ ]] || die "could not check the recorded events"
CONSISTENCY="server recorded $RECORDED events for $POST_OK 2xx seen by wrk; $OUT_OF_ORDER out of sequence, $WRONG_STATUS steps whose status does not fit their last event"
CONSISTENT=1
if [ "$OUT_OF_ORDER" -ne 0 ] || [ "$WRONG_STATUS" -ne 0 ] || [ "$RECORDED" -lt "$POST_OK" ] \
    || [ "$RECORDED" -gt $((POST_OK + CONNECTIONS)) ]; then
    CONSISTENT=0
fi

# --- 7b. the writes again, while the server runs the first scheduler pass ------------------
PASS_TEXT=""
if [ "$DURING_PASS" = 1 ]; then
    PASS_LABEL="$POST_LABEL, first scheduler pass running"
    # The steps in review now (the first run left some with the applicant).
    PASS_PAIRS=$WORK/pairs-pass.txt
    sql "select project_id || ' ' || key from steps where status = 'in_review' order by project_id, key" >"$PASS_PAIRS"
    (
        sleep 2
        curl -sS -o "$OUT/pass.json" -w '%{http_code} %{time_total}' -X POST -H "$AUTH" \
            -H 'Content-Type: application/json' -d "{\"at\":\"$JOBS_AT\"}" \
            "$BASE/api/v1/jobs/run" >"$OUT/pass-time.txt"
    ) &
    PASS_PID=$!
    run_wrk "$PASS_LABEL" events-pass /api/v1/projects "$LUA" "$PASS_PAIRS" "$THREADS"
    wait "$PASS_PID" || die "the in-server pass failed"
    PASS_CODE=$(awk '{ print $1 }' "$OUT/pass-time.txt")
    PASS_SECS=$(awk '{ print $2 }' "$OUT/pass-time.txt")
    [ "$PASS_CODE" = 200 ] || die "POST /api/v1/jobs/run answered $PASS_CODE: $(head -c 300 "$OUT/pass.json")"
    PASS_TEXT="first scheduler pass in the server, 2 s into the load: $(printf '%.2f' "$PASS_SECS") s, $(head -c 200 "$OUT/pass.json")"
fi

# --- 8. scheduler pass and weekly report, server stopped ------------------------------------
log "stopping the server"
stop_server

"$BIN" jobs run --help | grep -q -- '--at' || die "'jobs run' has no --at"
weekly_help=$("$BIN" report weekly --help)
grep -q -- '--output' <<<"$weekly_help" && grep -q -- '--format' <<<"$weekly_help" \
    || die "'report weekly' has no --output/--format: $weekly_help"

export APP__LOG__LEVEL=warn APP__SCHEDULER__ENABLED=false
run_timed() {  # run_timed TAG CMD...: prints "wall s (CPU s)"; its output in $OUT/TAG.txt
    local tag=$1 rc=0 times TIMEFORMAT='%R %U %S'
    shift
    # bash's `time`: wall clock, and the CPU used (user + sys) to tell work from waiting.
    times=$({ time "$@" >"$OUT/$tag.txt" 2>&1; } 2>&1) || rc=$?
    [ "$rc" = 0 ] || { cat "$OUT/$tag.txt" >&2; die "$* exited $rc"; }
    awk '{ printf "%.2f s (CPU %.2f s)", $1, $2 + $3 }' <<<"$times"
}
log "jobs run --at $JOBS_AT (first pass)"
JOBS1=$(run_timed jobs-first "$BIN" jobs run --at "$JOBS_AT" --database-url "$DB_URL")
# The pass alone, as it records itself (the command's wall time adds the process's start,
# its connections and the migrations check).
pass_ms() { sql "select last_duration_ms from job_state where name = 'scheduler'"; }
JOBS1+=", the pass itself $(pass_ms) ms"
log "jobs run --at $JOBS_AT (steady state)"
JOBS2=$(run_timed jobs-steady "$BIN" jobs run --at "$JOBS_AT" --database-url "$DB_URL")
JOBS2+=", the pass itself $(pass_ms) ms"
JOBS1_OUT=$(grep -m1 'alerts raised' "$OUT/jobs-first.txt" || tail -n 1 "$OUT/jobs-first.txt")
JOBS2_OUT=$(grep -m1 'alerts raised' "$OUT/jobs-steady.txt" || tail -n 1 "$OUT/jobs-steady.txt")
log "report weekly --format xlsx"
XLSX=$WORK/weekly.xlsx
WEEKLY=$(run_timed weekly "$BIN" report weekly --format xlsx --output "$XLSX" --database-url "$DB_URL")
[ -s "$XLSX" ] || die "no XLSX written"
WEEKLY_OUT="$(grep -m1 'weekly report' "$OUT/weekly.txt" | sed 's/ written to .*//' || true), $(mb "$(stat -c %s "$XLSX")") MB"

# --- 8b. PostgreSQL's own ceilings on this machine, the same hour --------------------------
# pgbench on a database of its own: select-only (one-row reads by key) and TPC-B (five
# statements a transaction, one commit), 16 clients like a pool of 16 busy workers. Each
# figure of the product is printed as a ratio to the ceiling it is bounded by.
PGB_TEXT=""
if [ "$PG_MODE" = 1 ]; then
    PGBENCH=$PGBIN/pgbench
    [ -x "$PGBENCH" ] || PGBENCH=pgbench
    "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'create database pgb'
    log "pgbench -i -s 10"
    "$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U postgres -i -s 10 -q pgb >"$OUT/pgbench-init.txt" 2>&1 \
        || { cat "$OUT/pgbench-init.txt" >&2; die "pgbench -i failed"; }
    pgb_tps() {  # pgb_tps TAG ARGS...: transactions a second, without connection time
        "$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U postgres -c 16 -j "$THREADS" -T "$DURATION" "${@:2}" pgb \
            >"$OUT/pgbench-$1.txt" 2>&1 || { cat "$OUT/pgbench-$1.txt" >&2; die "pgbench $1 failed"; }
        awk -F'= ' '/^tps/ { split($2, a, " "); printf "%.0f", a[1]; exit }' "$OUT/pgbench-$1.txt"
    }
    log "pgbench -S (select-only)"
    PGB_S=$(pgb_tps select -S)
    log "pgbench TPC-B"
    PGB_B=$(pgb_tps tpcb)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
    PGB_TEXT="pgbench on this server (scale 10, 16 clients, ${DURATION} s): select-only $PGB_S tps, TPC-B $PGB_B tps. "
    PGB_TEXT+="Ratios: a project $(ratio "${RPS["GET /api/v1/projects/$PROJECT_ID"]}" "$PGB_S") of select-only, "
    PGB_TEXT+="its schedule $(ratio "${RPS["GET /api/v1/projects/$PROJECT_ID/schedule"]}" "$PGB_S"), "
    PGB_TEXT+="the red list $(ratio "${RPS["GET /api/v1/projects?light=red"]}" "$PGB_S"), "
    PGB_TEXT+="POST events $(ratio "${RPS[$POST_LABEL]}" "$PGB_B") of TPC-B"
    [ -n "$TWO_RPS" ] && PGB_TEXT+=", two instances' project reads $(ratio "$TWO_RPS" "$PGB_S") of select-only"
fi

# --- 9. the table --------------------------------------------------------------------------
HEALTHZ_RPS=${RPS["GET /healthz"]}
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n 1)" ] && COMMIT+=" (uncommitted changes)"
{
    echo "### approval-tracker load, $DB_KIND, $PROJECTS projects ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "| what | req/s | p50 | p99 | ratio to /healthz | errors |"
    echo "|---|---:|---:|---:|---:|---|"
    for n in "${NAMES[@]}"; do
        ratio=$(awk -v a="${RPS[$n]}" -v b="$HEALTHZ_RPS" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        echo "| \`$n\` | ${RPS[$n]} | ${P50[$n]} | ${P99[$n]} | $ratio | ${ERR[$n]} |"
    done
    echo
    [ -n "$PASS_TEXT" ] && echo "- $PASS_TEXT"
    echo "- scheduler pass, $([ "$DURING_PASS" = 1 ] && echo "after the in-server one" || echo first) (\`jobs run --at $JOBS_AT\`): $JOBS1 — $JOBS1_OUT"
    echo "- scheduler pass, steady state (same again): $JOBS2 — $JOBS2_OUT"
    [ -n "$PGB_TEXT" ] && echo "- $PGB_TEXT"
    [ -n "$TWO_TEXT" ] && echo "- $TWO_TEXT"
    echo "- $PAGES_TEXT"
    echo "- weekly report XLSX (\`report weekly --format xlsx\`): $WEEKLY — $WEEKLY_OUT"
    echo "- server peak RSS (VmHWM after all runs): $RSS_MB MB (after each run: $(printf '%s MB, ' "${HWM[@]}" | sed 's/, $//'))"
    echo "- SQLite WAL after the write run: $WAL_TEXT"
    echo "- data: $PROJECTS projects, $NPAIRS steps in review at start (POST walks them: $POST_REQUESTS requests), filled in $FILL_SECS s: $(tail -n 1 "$OUT/zone_data.txt")"
    [ -n "$POST_SAMPLE" ] && echo "- first non-2xx answer of the POST run: \`$POST_SAMPLE\`"
    echo "- POST run check: $CONSISTENCY$([ "$CONSISTENT" = 1 ] && echo " (consistent)" || echo " (INCONSISTENT)")"
    [ "${POST_HELD:-0}" -gt 0 ] && echo "- POST run: $POST_HELD requests held back so a step is not sent again within 2 s of its previous send: the data set is too small for the rate, the POST req/s is capped by it"
    for n in "${NAMES[@]}"; do
        awk -v d="${DRAIN[$n]}" 'BEGIN { exit !(d > 1.5) }' \
            && echo "- \`$n\`: the server stayed busy ${DRAIN[$n]} s after wrk stopped (requests already given up on)"
        [ -n "${SERVER_LOG[$n]}" ] && echo "- server log during \`$n\`: ${SERVER_LOG[$n]}"
    done
    echo "- load: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout $WRK_TIMEOUT --latency\` on loopback (pages also \`-t1 -c1\`, signed in through the login form as \`manager00\` and \`liaison00\`), one endpoint at a time (each after the server is idle again), release build"
    echo "- machine: $(nproc) cores, $CPU, kernel $(uname -r), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- commit: $COMMIT"
    echo "- command: \`$COMMAND\`"
} >"$OUT/results.md"
echo
cat "$OUT/results.md"
log "written to $OUT/results.md"

# --- 10. verdict ---------------------------------------------------------------------------
failed=0
# Any error of the write run fails the script. A GET's errors (a slow endpoint's timeouts,
# or 503s when its requests wait longer than the pool allows) are a measurement: in the
# table and warned about, not a failure; the GETs were each checked once before the load.
for n in "${NAMES[@]}"; do
    [ "${ERR[$n]}" = 0 ] && continue
    if [ "$n" = "$POST_LABEL" ]; then
        log "error: $n had ${ERR[$n]}"
        failed=1
    else
        log "warning: $n had ${ERR[$n]}"
    fi
done
[ "$CONSISTENT" = 1 ] || { log "error: after the POST run: $CONSISTENCY"; failed=1; }
exit "$failed"
