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
stop_pg() {
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
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
log "all checks passed"
