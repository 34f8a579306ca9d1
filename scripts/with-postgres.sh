#!/usr/bin/env bash
# Run a command with TEST_DATABASE_URL pointing at a throw-away PostgreSQL on loopback.
# The server refuses to run as root, so initdb and pg_ctl run as the postgres user.
# The suite makes one database per pytest-xdist worker beside hys_test (hys_test_gw0, ...) and drops them.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-54329}
if [ ! -x "$PGBIN/initdb" ] && [ "$(id -u)" = "0" ]; then
  # apt's list is refreshed only if the install cannot find the package without it.
  install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
  install || { apt-get update -qq && install; }
fi
PGDATA=$(mktemp -d /tmp/hys-pg.XXXXXX)
chmod 755 "$PGDATA"
as_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$PGDATA"; fi
cleanup() { as_pg "$PGBIN/pg_ctl -D $PGDATA -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$PGDATA"; }
trap cleanup EXIT
as_pg "$PGBIN/initdb -D $PGDATA -U postgres -A trust --no-sync -E UTF8 >/dev/null"
as_pg "$PGBIN/pg_ctl -D $PGDATA -w -l $PGDATA/server.log -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >/dev/null" \
  || { echo "PostgreSQL did not start; its log:" >&2; cat "$PGDATA/server.log" >&2; exit 1; }
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres hys_test
export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/hys_test"
echo "PostgreSQL ready: $TEST_DATABASE_URL"
"$@"
