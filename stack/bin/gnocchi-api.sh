#!/bin/bash
# Gnocchi API in the FOREGROUND (exec uwsgi). Container command as is; up.sh backgrounds it.
# First run (no $STACK_STATE/gnocchi/.upgraded): gnocchi-upgrade (indexer schema + storage).
# The script may start before PostgreSQL is up: it waits for the database (120 s).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/env.sh"
"$STACK_HOME/lib/write-config.sh" gnocchi

MARK="$STACK_STATE/gnocchi/.upgraded"
if [ -f "$MARK" ]; then
  wait_db gnocchi 120
else
  echo "gnocchi: first run: gnocchi-upgrade"
  t=$(now)
  # lib/gnocchi-upgrade.py = gnocchi-upgrade that imports first, then waits for the database.
  # TRAP: gnocchi-upgrade retries forever on a bad indexer URL: bound it.
  timeout 180 "$PY" "$STACK_HOME/lib/gnocchi-upgrade.py" --config-file "$GN_CONF" >"$(log_dir)/gnocchi-upgrade.log" 2>&1 || {
    echo "gnocchi: gnocchi-upgrade failed; see $(log_dir)/gnocchi-upgrade.log" >&2
    tail -20 "$(log_dir)/gnocchi-upgrade.log" >&2; exit 1; }
  touch "$MARK"
  echo "gnocchi: upgrade done in $(echo "$(now) - $t" | bc) s"
fi

# Same as Debian's init script minus its .ini; "Connection: close" see keystone.sh.
exec uwsgi --plugin python3 --http-socket "$GN_BIND_HOST:$GN_PORT" \
  --wsgi gnocchi.rest.wsgi --pyargv "--config-file $GN_CONF" \
  --master --processes 2 --threads 2 --enable-threads --lazy-apps --die-on-term \
  --buffer-size 65535 --add-header "Connection: close"
