# Shared settings for the real Keystone + Gnocchi stack. Sourced by every script in stack/.
# Every variable can be overridden from the environment (docker-compose sets hostnames,
# the native scripts use the 127.0.0.1 defaults). Nothing is ever written to /etc.

STACK_HOME="${STACK_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
STACK_STATE="${STACK_STATE:-/tmp/gnocchi-ds-stack}"                 # runtime state: DBs, keys, storage, logs, pids
STACK_TEMPLATE="${STACK_TEMPLATE:-/tmp/gnocchi-ds-stack-template}"  # snapshot of an initialised + seeded state
STACK_METRICD="${STACK_METRICD:-1}"                                 # 0: no gnocchi-metricd (seed uses ?refresh=true)
STACK_FRESH="${STACK_FRESH:-0}"                                     # 1: ignore the template on up.sh

# Debian's interpreter: `python3` on PATH may be pyenv's, which cannot import keystone/gnocchi.
PY="${PY:-/usr/bin/python3}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# Where the services listen.
KS_BIND_HOST="${KS_BIND_HOST:-127.0.0.1}"; KS_PORT="${KS_PORT:-5000}"
GN_BIND_HOST="${GN_BIND_HOST:-127.0.0.1}"; GN_PORT="${GN_PORT:-8041}"
PG_HOST="${PG_HOST:-127.0.0.1}";           PG_PORT="${PG_PORT:-5433}"   # private cluster (not Debian's 5432 'main')
PG_LISTEN="${PG_LISTEN:-$PG_HOST}"          # listen_addresses; 0.0.0.0 in a container

# URLs the services and seed.py use to reach each other ...
KS_URL="${KS_URL:-http://127.0.0.1:$KS_PORT}"
GN_URL="${GN_URL:-http://127.0.0.1:$GN_PORT}"
# ... and the URLs a browser uses (Keystone catalog: identity endpoints = KS_PUBLIC_URL,
# public endpoint of the `metric` service = GN_PUBLIC_URL).
KS_PUBLIC_URL="${KS_PUBLIC_URL:-$KS_URL}"
GN_PUBLIC_URL="${GN_PUBLIC_URL:-$GN_URL}"

# CORS (both services). Comma separated, no spaces.
CORS_ORIGINS="${CORS_ORIGINS:-http://localhost:3000,http://127.0.0.1:3000}"
CORS_EXTRA_HEADERS="${CORS_EXTRA_HEADERS:-}"   # e.g. X-Grafana-Org-Id,X-Grafana-Device-Id
KS_ALLOW_HEADERS="${KS_ALLOW_HEADERS:-X-Auth-Token,X-Openstack-Request-Id,X-Subject-Token,X-Project-Id,X-Project-Name,X-Project-Domain-Id,X-Project-Domain-Name,X-Domain-Id,X-Domain-Name,Openstack-Auth-Receipt,Content-Type}"
KS_EXPOSE_HEADERS="${KS_EXPOSE_HEADERS:-X-Auth-Token,X-Openstack-Request-Id,X-Subject-Token,Openstack-Auth-Receipt}"
GN_ALLOW_HEADERS="${GN_ALLOW_HEADERS:-Authorization,X-Auth-Token,X-Subject-Token,X-User-Id,X-Domain-Id,X-Project-Id,X-Roles,Content-Type,X-Openstack-Request-Id}"
GN_EXPOSE_HEADERS="${GN_EXPOSE_HEADERS:-X-Openstack-Request-Id,Link}"
CORS_ALLOW_METHODS="${CORS_ALLOW_METHODS:-GET,PUT,POST,DELETE,PATCH,HEAD}"
CORS_MAX_AGE="${CORS_MAX_AGE:-3600}"
if [ -n "$CORS_EXTRA_HEADERS" ]; then
  case ",$KS_ALLOW_HEADERS," in *",$CORS_EXTRA_HEADERS,"*) ;; *) KS_ALLOW_HEADERS="$KS_ALLOW_HEADERS,$CORS_EXTRA_HEADERS" ;; esac
  case ",$GN_ALLOW_HEADERS," in *",$CORS_EXTRA_HEADERS,"*) ;; *) GN_ALLOW_HEADERS="$GN_ALLOW_HEADERS,$CORS_EXTRA_HEADERS" ;; esac
fi

# Credentials (all in the Keystone 'default' domain).
REGION="${REGION:-RegionOne}"
ADMIN_USER="${ADMIN_USER:-admin}";       ADMIN_PASS="${ADMIN_PASS:-admin-secret}";     ADMIN_PROJECT="${ADMIN_PROJECT:-admin}"
DEMO_USER="${DEMO_USER:-grafana}";       DEMO_PASS="${DEMO_PASS:-grafana-secret}";     DEMO_PROJECT="${DEMO_PROJECT:-grafana-demo}"
OTHER_USER="${OTHER_USER:-other}";       OTHER_PASS="${OTHER_PASS:-other-secret}";     OTHER_PROJECT="${OTHER_PROJECT:-other-demo}"
GNOCCHI_USER="${GNOCCHI_USER:-gnocchi}"; GNOCCHI_PASS="${GNOCCHI_PASS:-gnocchi-secret}"; SERVICE_PROJECT="${SERVICE_PROJECT:-service}"
APPCRED_NAME="${APPCRED_NAME:-grafana-plugin}"; APPCRED_SECRET="${APPCRED_SECRET:-appcred-secret}"

KS_CONF="$STACK_STATE/etc/keystone/keystone.conf"
# Gnocchi auth mode (keystone | basic) and config dir: a second gnocchi-api in basic mode can
# share the indexer and storage with its own GN_PORT and GN_CONF_DIR (used by the tests).
GN_AUTH_MODE="${GN_AUTH_MODE:-keystone}"
GN_CONF_DIR="${GN_CONF_DIR:-$STACK_STATE/etc/gnocchi}"
GN_CONF="$GN_CONF_DIR/gnocchi.conf"
PGDATA="$STACK_STATE/pg/data"

export STACK_HOME STACK_STATE STACK_TEMPLATE STACK_METRICD STACK_FRESH PY PG_BIN \
  KS_BIND_HOST KS_PORT GN_BIND_HOST GN_PORT PG_HOST PG_PORT PG_LISTEN \
  KS_URL GN_URL KS_PUBLIC_URL GN_PUBLIC_URL \
  CORS_ORIGINS CORS_EXTRA_HEADERS KS_ALLOW_HEADERS KS_EXPOSE_HEADERS GN_ALLOW_HEADERS GN_EXPOSE_HEADERS \
  CORS_ALLOW_METHODS CORS_MAX_AGE REGION \
  ADMIN_USER ADMIN_PASS ADMIN_PROJECT DEMO_USER DEMO_PASS DEMO_PROJECT OTHER_USER OTHER_PASS OTHER_PROJECT \
  GNOCCHI_USER GNOCCHI_PASS SERVICE_PROJECT APPCRED_NAME APPCRED_SECRET KS_CONF GN_CONF GN_CONF_DIR GN_AUTH_MODE PGDATA

log_dir() { mkdir -p "$STACK_STATE/log" && echo "$STACK_STATE/log"; }
run_dir() { mkdir -p "$STACK_STATE/run" && echo "$STACK_STATE/run"; }
now() { date +%s.%N; }
# psql as the superuser of the private cluster
stack_psql() { "$PG_BIN/psql" -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"; }
# wait_db DBNAME TIMEOUT_S: until the database accepts queries
wait_db() {
  local i
  for i in $(seq 1 $(( ${2:-60} * 10 ))); do
    stack_psql -d "$1" -tAc 'select 1' >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "database $1 on $PG_HOST:$PG_PORT not reachable after ${2:-60}s" >&2; return 1
}
