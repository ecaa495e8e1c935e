#!/bin/bash
# Private PostgreSQL 15 cluster for Keystone and Gnocchi ($STACK_STATE/pg/data).
#   postgres.sh start       # init if missing, pg_ctl start -w, return (native orchestration)
#   postgres.sh foreground  # init if missing, exec postgres in the foreground (container command)
#   postgres.sh stop        # pg_ctl stop -m fast (no error when not running)
# Creates the databases `keystone` and `gnocchi` if missing. Trust auth, fsync off: test use only.
# Needs root (initdb/postgres run as user postgres via runuser).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/env.sh"
mode="${1:-start}"
LOG="$(log_dir)/postgres.log"; touch "$LOG"; chown postgres:postgres "$LOG"
PGOPTS=(-c "listen_addresses=$PG_LISTEN" -p "$PG_PORT" -c "unix_socket_directories=$STACK_STATE/pg"
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200
        -c wal_level=minimal -c max_wal_senders=0 -c min_wal_size=32MB -c max_wal_size=256MB)
asuser() { runuser -u postgres -- "$@"; }

if [ "$mode" = stop ]; then
  if [ -f "$PGDATA/postmaster.pid" ]; then
    asuser "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null && echo "stopped postgres"
  fi
  exit 0
fi

if [ ! -f "$PGDATA/PG_VERSION" ]; then
  rm -rf "$PGDATA"
  mkdir -p "$STACK_STATE/pg" && chown postgres:postgres "$STACK_STATE/pg" && chmod 700 "$STACK_STATE/pg"
  asuser "$PG_BIN/initdb" -D "$PGDATA" --auth=trust --username=postgres --encoding=UTF8 \
    --locale=C.UTF-8 -N >"$(log_dir)/initdb.log" 2>&1
  # containers: clients come from other hosts (listen_addresses limits exposure natively)
  echo "host all all all trust" >>"$PGDATA/pg_hba.conf"
  # create the databases in single-user mode: no server round trip needed, works for both modes
  printf 'CREATE DATABASE keystone;\nCREATE DATABASE gnocchi;\n' |
    asuser "$PG_BIN/postgres" --single -D "$PGDATA" -c fsync=off template1 >>"$(log_dir)/initdb.log" 2>&1
fi
chown postgres:postgres "$STACK_STATE/pg"

case "$mode" in
  start)
    if [ -f "$PGDATA/postmaster.pid" ] && asuser "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      echo "postgres already running"
    else
      asuser "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 60 -o "${PGOPTS[*]}" start >/dev/null
    fi
    for db in keystone gnocchi; do
      if [ -z "$(stack_psql -d postgres -tAc "select 1 from pg_database where datname='$db'")" ]; then
        stack_psql -d postgres -c "CREATE DATABASE $db"
      fi
    done
    ;;
  foreground)
    exec runuser -u postgres -- "$PG_BIN/postgres" -D "$PGDATA" "${PGOPTS[@]}"
    ;;
  *) echo "usage: $0 start|foreground|stop" >&2; exit 2 ;;
esac
