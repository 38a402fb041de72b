# Starts a throw-away PostgreSQL server on 127.0.0.1 for the tests (as the postgres user: PostgreSQL refuses root)
# and exports TALLY_TEST_POSTGRES; pg_stop shuts it down and removes its files.
PG_PORT=${PG_PORT:-55432}
PG_DIR=""

pg_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then echo "warning: PostgreSQL is not installed; its tests will be skipped" >&2; return 0; fi
  # Another server (another checkout's tests) may hold the port: take the next free one.
  local tries=0
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null && [ $tries -lt 50 ]; do PG_PORT=$((PG_PORT + 1)); tries=$((tries + 1)); done
  PG_DIR=$(mktemp -d /tmp/tally-pg.XXXXXX)
  local run="sh -c"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; run="su postgres -s /bin/sh -c"; fi
  $run "'$bin/initdb' -D '$PG_DIR/data' -A trust -U postgres -E UTF8 >'$PG_DIR/initdb.log' 2>&1" || { echo "warning: initdb failed (see $PG_DIR/initdb.log); PostgreSQL's tests will be skipped" >&2; PG_DIR=""; return 0; }
  $run "'$bin/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/server.log' -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$PG_DIR' -c fsync=off -c synchronous_commit=off\" -w start >/dev/null" \
    || { echo "warning: PostgreSQL did not start (see $PG_DIR/server.log); its tests will be skipped" >&2; PG_DIR=""; return 0; }
  export TALLY_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=false"
  PG_BIN=$bin
}

pg_stop() {
  [ -n "$PG_DIR" ] && [ -n "${PG_BIN:-}" ] || return 0
  local run="sh -c"
  if [ "$(id -u)" -eq 0 ]; then run="su postgres -s /bin/sh -c"; fi
  $run "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m fast -w stop >/dev/null 2>&1" || true
  rm -rf "$PG_DIR"
}
