#!/bin/bash
# gnocchi-metricd in the FOREGROUND (exec). Waits until the indexer has been upgraded
# (marker written by gnocchi-api.sh, or — when the marker is not on a shared volume — the
# Gnocchi API answering, which it only does after the upgrade).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/env.sh"
"$STACK_HOME/lib/write-config.sh" gnocchi
MARK="$STACK_STATE/gnocchi/.upgraded"
for i in $(seq 1 1200); do
  [ -f "$MARK" ] && break
  [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$GN_URL/" 2>/dev/null)" = 200 ] && break
  [ "$i" = 1200 ] && { echo "metricd: indexer not upgraded after 120 s" >&2; exit 1; }
  sleep 0.1
done
exec gnocchi-metricd --config-file "$GN_CONF"
