#!/usr/bin/env bash
# Runs every check and test of approval-tracker on a fresh machine: installs what is
# missing, starts a throwaway PostgreSQL on a free loopback port, runs fmt, clippy and
# the tests on SQLite and on PostgreSQL (one build shared) and schemathesis, stops what it
# started. Exits non-zero on any failure.
#
# - A failing step does not stop the later ones; the last lines of the output name every
#   failed test (with the tail of its output), operation and step, then the totals.
# - Nothing is left running: everything the run starts lives in a cgroup of its own; at the
#   end anything still in it is named, killed, and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
TARGET="${CARGO_TARGET_DIR:-target}"
RUN_DIR=$(mktemp -d -t approval-tracker-test.XXXXXX)
chmod 755 "$RUN_DIR" # the postgres user reaches its data folder inside
FAILED=()  # the steps that failed, in order
REPORTS=() # LABEL=FILE: the JUnit reports the summary reads

log() { printf '\n== %s\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- what the tests need, pinned where the project chooses the version ------------------
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
missing=()
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
dpkg -s libpq-dev >/dev/null 2>&1 || missing+=(libpq-dev)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
# A real SMTP server for the mail tests (Debian's package is seen by /usr/bin/python3).
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# A real browser for the page tests.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# npm installs axe-core for the browser tests' accessibility check.
command -v npm >/dev/null 2>&1 || missing+=(npm)
# Chinese glyphs in the screenshots the page tests write.
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
command -v cargo-nextest >/dev/null 2>&1 || cargo install --locked cargo-nextest --version 0.9.143
# schemathesis and everything it imports, at the versions of scripts/requirements-test.txt,
# in a virtualenv of their own (made once per version of that file).
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/approval-tracker/venv-$(sha256sum scripts/requirements-test.txt | cut -c1-12)"
if [ ! -x "$VENV/bin/python" ]; then
  log "installing the pinned Python tools into $VENV"
  rm -rf "$VENV.part"
  python3 -m venv "$VENV.part"
  "$VENV.part/bin/python" -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt
  mv "$VENV.part" "$VENV"
fi
# axe-core, pinned, for the browser tests' accessibility check (RECIPES.md), in a cache
# folder of its own like the venv; the tests find it through AXE_CORE_JS and, with
# CI=true, fail without it rather than skip.
AXE_VERSION=4.14.1
AXE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/approval-tracker/axe-core-$AXE_VERSION"
if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
  log "installing axe-core $AXE_VERSION into $AXE_DIR"
  rm -rf "$AXE_DIR.part"
  mkdir -p "$AXE_DIR.part"
  npm install --silent --no-audit --no-fund --prefix "$AXE_DIR.part" "axe-core@$AXE_VERSION"
  mv "$AXE_DIR.part" "$AXE_DIR"
fi
export AXE_CORE_JS="$AXE_DIR/node_modules/axe-core/axe.min.js"
export CI=true

# --- from here on, everything started is this run's: a cgroup holds it ------------------
# (apt's and pip's work above is not ours to police.) Without a writable cgroup v2 the
# check falls back to the names of what the tests start, minus what ran before.
CG=""
CG_HOME=""
WATCHED='chromium|chromedriver|postgres|aiosmtpd|serve.py|approval-tracker'
BEFORE=""
cg_root=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)
if [ -n "$cg_root" ] && mkdir "$cg_root/approval-tracker-test.$$" 2>/dev/null; then
  CG="$cg_root/approval-tracker-test.$$"
  CG_HOME="$cg_root$(sed -n 's/^0:://p' /proc/$$/cgroup)"
  echo $$ >"$CG/cgroup.procs" || { rmdir "$CG"; CG=""; }
fi
[ -n "$CG" ] || BEFORE=$(pgrep -f "$WATCHED" | tr '\n' ' ' || true)

# The processes this run started that still run: "pid command line".
leftovers() {
  local pids
  if [ -n "$CG" ]; then
    pids=$(cat "$CG/cgroup.procs")
  else
    pids=$(pgrep -f "$WATCHED" || true)
  fi
  for pid in $pids; do
    [ "$pid" = "$$" ] && continue
    case " $BEFORE " in *" $pid "*) continue ;; esac
    ps -o pid=,args= -p "$pid" 2>/dev/null | cut -c1-200 || true
  done
}

# Names, kills and counts as a failure whatever outlived the run (after a grace of 10 s
# for processes that are on their way out).
check_leftovers() {
  [ -n "$CG" ] && echo $$ >"$CG_HOME/cgroup.procs"
  local left
  for _ in $(seq 1 50); do
    left=$(leftovers)
    [ -z "$left" ] && break
    sleep 0.2
  done
  if [ -n "$left" ]; then
    log "left running by this run (killed now):"
    printf '%s\n' "$left"
    if [ -n "$CG" ] && [ -e "$CG/cgroup.kill" ]; then
      echo 1 >"$CG/cgroup.kill"
    else
      awk '{print $1}' <<<"$left" | xargs -r kill -9 2>/dev/null || true
    fi
    FAILED+=("processes left running: $(awk '{print $2}' <<<"$left" | xargs -n1 basename | sort | uniq -c | awk '{printf "%s%s ×%s", sep, $2, $1; sep=", "}')")
  fi
  if [ -n "$CG" ]; then
    for _ in $(seq 1 50); do rmdir "$CG" 2>/dev/null && break; sleep 0.2; done
  fi
}

# --- services, stopped whatever happens --------------------------------------------------
PG_DIR="$RUN_DIR/pg"
mkdir "$PG_DIR"
chown postgres:postgres "$PG_DIR"
ST_PID=""
stop_services() {
  [ -n "$ST_PID" ] && kill "$ST_PID" 2>/dev/null && wait "$ST_PID" 2>/dev/null
  ST_PID=""
  [ -d "$PG_DIR/data" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1
  return 0
}

finish() {
  local rc=$?
  set +e
  stop_services
  [ "$rc" -ne 0 ] && FAILED+=("the script itself (exit $rc; see the lines above)")
  check_leftovers
  log "summary"
  REPORT_TOTALS="$RUN_DIR/totals" python3 scripts/test-report.py "${REPORTS[@]}"
  local passed=0 failed=0
  [ -f "$RUN_DIR/totals" ] && read -r passed failed <"$RUN_DIR/totals"
  rm -rf "$RUN_DIR"
  if [ ${#FAILED[@]} -gt 0 ]; then
    printf '\nFAILED:\n'
    printf '  %s\n' "${FAILED[@]}"
    echo "tests: $passed passed, $failed failed"
    exit 1
  fi
  printf '\nall checks passed\n'
  echo "tests: $passed passed, $failed failed"
}
trap finish EXIT
trap 'exit 130' INT TERM

# A step that fails is recorded and the run goes on, so one run says everything.
step() {
  local label=$1
  shift
  log "$label"
  "$@" || FAILED+=("$label")
}

# nextest with the `ci` profile (.config/nextest.toml); its JUnit report is kept for the
# summary. Without a report the step did not build or run: the output above says why.
JUNIT=target/nextest/ci/junit.xml # the store of .config/nextest.toml, not CARGO_TARGET_DIR
nextest_step() { # LABEL SLUG BACKEND [NEXTEST ARGS...]
  local label=$1 slug=$2 backend=$3
  shift 3
  rm -f "$JUNIT"
  step "$label" env TEST_BACKEND="$backend" cargo nextest run --locked --profile ci "$@"
  if [ -f "$JUNIT" ]; then
    mv "$JUNIT" "$RUN_DIR/$slug.xml"
    REPORTS+=("$label=$RUN_DIR/$slug.xml")
  else
    FAILED+=("$label: no report at $JUNIT, so its tests cannot be counted")
  fi
}

log "starting PostgreSQL"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# PostgreSQL cannot take port 0: a port found free may be taken before it binds.
for _ in 1 2 3; do
  PG_PORT=$(free_port)
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" \
    start >/dev/null && break
  PG_PORT=""
done
[ -n "$PG_PORT" ] || { cat "$PG_DIR/log"; exit 1; }
echo "on 127.0.0.1:$PG_PORT"
export TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT"

# --- checks and tests: every test on SQLite, the integration tests again on PostgreSQL ---
step "cargo fmt --check" cargo fmt --all -- --check

# Clippy lints while the tests are built, not in a build of its own. `cargo clippy` is
# `cargo check` with clippy-driver as the compiler of the workspace's own crates and the
# lint flags in CLIPPY_ARGS; here the same wrapper and flags go to `cargo build`, which
# lints as it compiles. `cargo check` cannot reuse a build's dependencies, so clippy used
# to compile all ~400 of them a second time: 8 of a cold CI run's ~28 minutes. Exported,
# so every cargo below builds with the same settings and reuses this build.
export RUSTC_WORKSPACE_WRAPPER
RUSTC_WORKSPACE_WRAPPER=$(command -v clippy-driver) || { echo "no clippy-driver: rustup component add clippy"; exit 1; }
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
# The flags are clippy's own interface (what cargo-clippy sets): if a toolchain stopped
# reading them, lints would pass unseen. A file with a lint must fail.
clippy_lints_here() {
  printf 'fn main() {\n    let v: Vec<u8> = Vec::new();\n    if v.len() == 0 {}\n}\n' >"$RUN_DIR/lint.rs"
  if "$RUSTC_WORKSPACE_WRAPPER" --edition 2021 --crate-type bin -o "$RUN_DIR/lint" "$RUN_DIR/lint.rs" 2>/dev/null; then
    echo "clippy-driver let clippy::len_zero pass with CLIPPY_ARGS set: lints are not being denied"
    return 1
  fi
}
lint_and_build() {
  clippy_lints_here || return 1
  cargo build --all-targets --locked && return 0
  # A lint must not keep the tests from running (one run says everything): they build
  # on with lints as warnings, the workspace's own crates once more, and this step stays
  # failed.
  export CLIPPY_ARGS=""
  return 1
}
step "cargo clippy (while building the tests)" lint_and_build
nextest_step "tests on SQLite" sqlite sqlite
nextest_step "integration tests on PostgreSQL" postgres postgres --test api

# --- conformance: schemathesis against the running service ------------------------------
# No 5xx on any input, and every status, content type and body as the OpenAPI document
# says. Sessions are left out: fuzzing them would log the token out or lock it.
# One worker: with two, hypothesis parses lambdas' source from both threads at once, and
# CPython 3.11's ast.parse is not safe for that ("SystemError: AST constructor recursion
# depth mismatch", seen failing PUT /calendar/{year} in one run of five).
schemathesis() {
  local bin="$TARGET/debug/approval-tracker" dir="$RUN_DIR/schemathesis" port="" token
  mkdir -p "$dir"
  [ -x "$bin" ] || { echo "no $bin: the build failed above"; return 1; }
  # Port 0: the server names the port it took in its "listening" line.
  APP__SCHEDULER__ENABLED=false APP__LOG__LEVEL=info APP__LOG__FORMAT=json "$bin" serve \
    --database-url "sqlite://$dir/st.db" --bind "127.0.0.1:0" >"$dir/serve.log" 2>&1 &
  ST_PID=$!
  for _ in $(seq 1 100); do
    port=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    try: v = json.loads(l)
    except ValueError: continue
    if v.get("message") == "listening": print(v["port"]); break' "$dir/serve.log")
    [ -n "$port" ] && break
    kill -0 "$ST_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "the service did not start:"; cat "$dir/serve.log"; return 1; }
  printf 'Schema-test-2026\n' | "$bin" user add --username st.admin --role admin \
    --email st@zone.example.cn --database-url "sqlite://$dir/st.db" >/dev/null
  token=$(python3 - "$port" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/api/v1/sessions",
    data=json.dumps({"username": "st.admin", "password": "Schema-test-2026"}).encode(),
    headers={"content-type": "application/json"})
print(json.load(urllib.request.urlopen(req))["token"])
PY
  )
  REPORTS+=("schemathesis=$RUN_DIR/schemathesis.xml")
  "$VENV/bin/python" -m schemathesis.cli run "http://127.0.0.1:$port/api/openapi.json" \
    -H "Authorization: Bearer $token" --exclude-path-regex '/sessions' \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples 25 --seed 20261122 --workers 1 \
    --report junit --report-junit-path "$RUN_DIR/schemathesis.xml"
}
step "schemathesis against the running service" schemathesis
stop_services
