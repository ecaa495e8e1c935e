#!/bin/bash
# Stop what up.sh started (by recorded PID), then PostgreSQL. Idempotent.
#   stack/down.sh                  # stop; save a template if none exists yet (next up.sh is warm)
#   stack/down.sh --save-template  # stop and (re)save the template
#   stack/down.sh --no-template    # stop, never save a template
#   stack/down.sh --purge          # stop and delete $STACK_STATE (the template is kept)
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
opt="${1:-}"
RUN="$STACK_STATE/run"

stop_pid() {  # stop_pid NAME
  local f="$RUN/$1.pid" pid i
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$1 ($pid) did not stop on TERM within 15 s; killing its process group" >&2
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
    # leftover workers (same process group: setsid made the service a group leader)
    kill -KILL -- "-$pid" 2>/dev/null || true
    echo "stopped $1 ($pid)"
  fi
  rm -f "$f"
}

stop_pid gnocchi-metricd & stop_pid gnocchi-api & stop_pid keystone & wait
[ -d "$STACK_STATE" ] && "$STACK_HOME/bin/postgres.sh" stop

save=0
case "$opt" in
  --save-template) save=1 ;;
  --no-template|--purge) save=0 ;;
  "") [ -d "$STACK_TEMPLATE/pg/data" ] || save=1 ;;
  *) echo "usage: $0 [--save-template|--no-template|--purge]" >&2; exit 2 ;;
esac
if [ $save = 1 ]; then
  if [ -f "$STACK_STATE/pg/data/PG_VERSION" ] && [ ! -f "$STACK_STATE/pg/data/postmaster.pid" ] \
     && [ -f "$STACK_STATE/seed.json" ] && grep -q '"resources"' "$STACK_STATE/seed.json"; then
    rm -rf "$STACK_TEMPLATE.tmp"; mkdir -p "$STACK_TEMPLATE.tmp"
    cp -a "$STACK_STATE/pg" "$STACK_STATE/keystone" "$STACK_STATE/gnocchi" "$STACK_STATE/seed.json" "$STACK_TEMPLATE.tmp/"
    rm -rf "$STACK_TEMPLATE"; mv "$STACK_TEMPLATE.tmp" "$STACK_TEMPLATE"
    echo "template saved to $STACK_TEMPLATE ($(du -sh "$STACK_TEMPLATE" | cut -f1))"
  elif [ "$opt" = --save-template ]; then
    echo "no complete, stopped, seeded state in $STACK_STATE: template not saved" >&2
  fi
fi
if [ "$opt" = --purge ]; then rm -rf "$STACK_STATE"; echo "removed $STACK_STATE"; fi
exit 0
