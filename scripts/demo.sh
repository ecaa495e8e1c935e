#!/bin/bash
# Run the product from a fresh clone without Docker: packages, npm ci, build, the real stack, a
# curl-level proof of the browser flow (Keystone token with CORS, catalog, Gnocchi data), then the
# playground on http://localhost:3000. With Docker: `docker compose up --build` (README.md).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

step "Debian packages"; ensure_packages;     step_done
step "npm ci";          ensure_node_modules; step_done
step "build the plugin (dist/)"; npm run -s build; step_done
step "real stack";      bash stack/up.sh;    step_done

. stack/lib/env.sh
step "proof: what the plugin does from the browser, with curl"
H=$(mktemp)
BODY='{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"grafana","domain":{"id":"default"},"password":"grafana-secret"}}},"scope":{"project":{"name":"grafana-demo","domain":{"id":"default"}}}}}'
curl -sf -D "$H" -o /tmp/gnocchi-ds-token.json -H 'Origin: http://localhost:3000' \
  -H 'Content-Type: application/json' -d "$BODY" "$KS_URL/v3/auth/tokens"
TOKEN=$(sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *//p' "$H" | tr -d '\r')
echo "Keystone: token issued; CORS: $(grep -i '^access-control-expose-headers' "$H" | tr -d '\r')"
GN=$(jq -r '.token.catalog[] | select(.type=="metric") | .endpoints[] | select(.interface=="public") | .url' /tmp/gnocchi-ds-token.json)
echo "Gnocchi public endpoint from the catalog: $GN"
echo "Mean CPU per host over the last hour (POST $GN/v1/aggregates, groupby=host):"
curl -sf -H "X-Auth-Token: $TOKEN" -H 'Accept: application/json' -H 'Content-Type: application/json' \
  -d '{"operations":"(aggregate mean (metric cpu_util mean))","resource_type":"demo_instance","search":{}}' \
  "$GN/v1/aggregates?groupby=host&granularity=3600&start=$(date -u -d '-3 hours' +%Y-%m-%dT%H:00:00Z)" \
  | jq -c '.[] | {host: .group.host, points: [.measures.measures.aggregated[] | [.[0], .[2]]]}'
rm -f "$H" /tmp/gnocchi-ds-token.json

cat <<MSG

The stack is running:
  Keystone  $KS_URL/v3      (users: grafana/grafana-secret, app credential grafana-plugin/appcred-secret)
  Gnocchi   $GN_URL
  CORS      $CORS_ORIGINS

Now serving the playground (the built plugin loaded the way Grafana loads it, its config editor with
Save & test, its query editor and a time-series panel): open http://localhost:${HOST_PORT:-3000}/
The provisioned demo dashboard on Grafana's dashboard engine (@grafana/scenes: variables, ad hoc
filters, lifecycle annotations, panel edit): http://localhost:${HOST_PORT:-3000}/d/gnocchi-demo
Ctrl-C stops the playground; \`npm run stack:down\` stops the stack.
MSG
step "playground"
exec npm run -s playground
