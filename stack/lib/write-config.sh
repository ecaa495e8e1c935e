#!/bin/bash
# Writes keystone.conf, gnocchi.conf and Gnocchi's api-paste.ini under $STACK_STATE/etc.
#   write-config.sh [all|keystone|gnocchi]
# Cheap; run at every service start so env overrides (CORS_*, URLs) take effect.
# Files are written atomically (tmp + mv): keystone.sh and gnocchi-api.sh run it concurrently.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
what="${1:-all}"

put() {  # put PATH  (content on stdin)
  mkdir -p "$(dirname "$1")"
  local tmp; tmp="$(mktemp "$1.XXXXXX")"
  cat >"$tmp"; chmod 644 "$tmp"; mv -f "$tmp" "$1"
}

if [ "$what" = all ] || [ "$what" = keystone ]; then
mkdir -p "$STACK_STATE/keystone"
put "$KS_CONF" <<EOF
[DEFAULT]
debug = false
use_stderr = true

[database]
# PostgreSQL, not sqlite: sqlite + oslo.db NullPool breaks under a threaded server
# ("database is locked", HTTP 500).
connection = postgresql+psycopg2://postgres@$PG_HOST:$PG_PORT/keystone

[identity]
# bcrypt cost 4 instead of 12: every password check/creation is ~0.25 s cheaper (test stack only)
password_hash_rounds = 4

[token]
provider = fernet
expiration = 3600

[fernet_tokens]
key_repository = $STACK_STATE/keystone/fernet-keys
max_active_keys = 3

[fernet_receipts]
key_repository = $STACK_STATE/keystone/fernet-keys

[credential]
key_repository = $STACK_STATE/keystone/credential-keys

[cors]
# TRAP: Keystone's CORS middleware builds its own config object (oslo_config_project=keystone)
# from the default locations (/etc/keystone/keystone.conf, ~/.keystone, ...), NOT from
# OS_KEYSTONE_CONFIG_DIR, so this section is ignored while the file lives under $STACK_STATE.
# bin/keystone.sh passes the same values as OS_CORS__* environment variables.
allowed_origin = $CORS_ORIGINS
allow_headers = $KS_ALLOW_HEADERS
expose_headers = $KS_EXPOSE_HEADERS
allow_methods = $CORS_ALLOW_METHODS
max_age = $CORS_MAX_AGE
EOF
fi

if [ "$what" = all ] || [ "$what" = gnocchi ]; then
mkdir -p "$STACK_STATE/gnocchi/storage"
put "$GN_CONF" <<EOF
[DEFAULT]
debug = false
verbose = true
parallel_operations = 2
# coordination_url unset: derived from [indexer] url (tooz postgresql driver)

[api]
auth_mode = $GN_AUTH_MODE
paste_config = $GN_CONF_DIR/api-paste.ini
host = $GN_BIND_HOST
port = $GN_PORT
# only used by the gnocchi-api launcher (we run uwsgi directly): Debian's uwsgi-core has no --http
uwsgi_mode = http-socket

[indexer]
url = postgresql+psycopg2://postgres@$PG_HOST:$PG_PORT/gnocchi

[storage]
driver = file
file_basepath = $STACK_STATE/gnocchi/storage

[incoming]
driver = file
file_basepath = $STACK_STATE/gnocchi/storage

[metricd]
workers = 1
metric_processing_delay = 2
metric_cleanup_delay = 10

[keystone_authtoken]
www_authenticate_uri = $KS_PUBLIC_URL
auth_url = $KS_URL
auth_type = password
username = $GNOCCHI_USER
password = $GNOCCHI_PASS
project_name = $SERVICE_PROJECT
user_domain_id = default
project_domain_id = default
region_name = $REGION
interface = public
service_token_roles_required = true

[cors]
# Gnocchi wraps the whole app (outside auth) with oslo CORS using this file: it works here.
allowed_origin = $CORS_ORIGINS
allow_headers = $GN_ALLOW_HEADERS
# Link = pagination (rel="next") on list endpoints
expose_headers = $GN_EXPOSE_HEADERS
allow_methods = $CORS_ALLOW_METHODS
max_age = $CORS_MAX_AGE
EOF

# Debian's /etc/gnocchi/api-paste.ini plus oslo_config_file: without it keystonemiddleware and
# healthcheck would read /etc/gnocchi/gnocchi.conf (oslo_config_project=gnocchi).
put "$GN_CONF_DIR/api-paste.ini" <<EOF
[composite:gnocchi+basic]
use = egg:Paste#urlmap
/ = gnocchiversions_pipeline
/v1 = gnocchiv1+noauth
/healthcheck = healthcheck

[composite:gnocchi+keystone]
use = egg:Paste#urlmap
/ = gnocchiversions_pipeline
/v1 = gnocchiv1+keystone
/healthcheck = healthcheck

[composite:gnocchi+remoteuser]
use = egg:Paste#urlmap
/ = gnocchiversions_pipeline
/v1 = gnocchiv1+noauth
/healthcheck = healthcheck

[pipeline:gnocchiv1+noauth]
pipeline = gnocchiv1

[pipeline:gnocchiv1+keystone]
pipeline = keystone_authtoken gnocchiv1

[pipeline:gnocchiversions_pipeline]
pipeline = gnocchiversions

[app:gnocchiversions]
paste.app_factory = gnocchi.rest.app:app_factory
root = gnocchi.rest.api.VersionsController

[app:gnocchiv1]
paste.app_factory = gnocchi.rest.app:app_factory
root = gnocchi.rest.api.V1Controller

[filter:keystone_authtoken]
use = egg:keystonemiddleware#auth_token
oslo_config_project = gnocchi
oslo_config_file = $GN_CONF

[app:healthcheck]
use = egg:oslo.middleware#healthcheck
oslo_config_project = gnocchi
oslo_config_file = $GN_CONF
EOF
fi
