#!/bin/bash
# Show what runs: PIDs, HTTP answers, state and template.
. "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
rc=0
for s in keystone gnocchi-api gnocchi-metricd; do
  f="$STACK_STATE/run/$s.pid"
  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then echo "$s: running (pid $(cat "$f"))"
  else echo "$s: stopped"; [ "$s" = gnocchi-metricd ] && [ "$STACK_METRICD" != 1 ] || rc=1; fi
done
if [ -f "$PGDATA/postmaster.pid" ]; then echo "postgres: running (pid $(head -1 "$PGDATA/postmaster.pid"), port $PG_PORT)"; else echo "postgres: stopped"; rc=1; fi
echo "GET $KS_URL/v3 -> $(curl -s -o /dev/null -m 3 -w '%{http_code}' "$KS_URL/v3")"
echo "GET $GN_URL/v1/resource -> $(curl -s -o /dev/null -m 3 -w '%{http_code}' "$GN_URL/v1/resource") (401 = up, keystone auth)"
echo "state: $STACK_STATE $( [ -f "$STACK_STATE/seed.json" ] && echo '(seeded)')   template: $( [ -d "$STACK_TEMPLATE/pg" ] && echo "$STACK_TEMPLATE" || echo none)"
exit $rc
