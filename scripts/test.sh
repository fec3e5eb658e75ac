#!/usr/bin/env bash
# Runs every check and test of approval-tracker on a fresh machine: installs what is
# missing, starts a throwaway PostgreSQL on a free loopback port, runs fmt, clippy and
# the tests on SQLite and on PostgreSQL (one build shared), stops what it started.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

log() { printf '\n== %s\n' "$*"; }

# --- what the tests need from Debian --------------------------------------------------
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
# Chinese glyphs in the screenshots the page tests write.
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
command -v cargo-nextest >/dev/null 2>&1 || cargo install --locked cargo-nextest

# --- a throwaway PostgreSQL -------------------------------------------------------------
PG_DIR=$(mktemp -d)
chmod 755 "$PG_DIR"
chown postgres:postgres "$PG_DIR"
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ST_PID=""
stop_all() {
  [ -n "$ST_PID" ] && kill "$ST_PID" 2>/dev/null || true
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_all EXIT
log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
export TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT"

# --- checks -----------------------------------------------------------------------------
log "cargo fmt --check"
cargo fmt --all -- --check
log "cargo clippy"
cargo clippy --all-targets --locked -- -D warnings

# --- tests: every test on SQLite, the integration tests again on PostgreSQL -------------
log "tests on SQLite"
TEST_BACKEND=sqlite cargo nextest run --locked --no-fail-fast
log "integration tests on PostgreSQL"
TEST_BACKEND=postgres cargo nextest run --locked --no-fail-fast --test api
# --- conformance: schemathesis against the running service ------------------------------
# No 5xx on any input, and every status, content type and body as the OpenAPI document
# says. Sessions are left out: fuzzing them would log the token out or lock it.
log "schemathesis against the running service"
python3 -m pip install --quiet --disable-pip-version-check schemathesis >/dev/null 2>&1 \
  || python3 -m pip install --disable-pip-version-check schemathesis
BIN="${CARGO_TARGET_DIR:-target}/debug/approval-tracker"
ST_DIR="$PG_DIR/schemathesis"
mkdir -p "$ST_DIR"
ST_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
APP__SCHEDULER__ENABLED=false APP__LOG__LEVEL=warn "$BIN" serve \
  --database-url "sqlite://$ST_DIR/st.db" --bind "127.0.0.1:$ST_PORT" > "$ST_DIR/serve.log" 2>&1 &
ST_PID=$!
for _ in $(seq 1 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$ST_PORT/healthz')" 2>/dev/null && break
  sleep 0.2
done
printf 'Schema-test-2026\n' | "$BIN" user add --username st.admin --role admin \
  --email st@zone.example.cn --database-url "sqlite://$ST_DIR/st.db" >/dev/null
TOKEN=$(python3 - "$ST_PORT" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/api/v1/sessions",
    data=json.dumps({"username": "st.admin", "password": "Schema-test-2026"}).encode(),
    headers={"content-type": "application/json"})
print(json.load(urllib.request.urlopen(req))["token"])
PY
)
python3 -m schemathesis.cli run "http://127.0.0.1:$ST_PORT/api/openapi.json" \
  -H "Authorization: Bearer $TOKEN" --exclude-path-regex '/sessions' \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples 25 --seed 20261122 --workers 2
kill "$ST_PID" 2>/dev/null || true
ST_PID=""

log "all checks passed"
