#!/bin/bash
# Keystone (identity) API in the FOREGROUND (exec uwsgi). Container command as is; up.sh
# backgrounds it with setsid and records the PID.
# First run (no $STACK_STATE/keystone/.initialised): db_sync, fernet_setup, credential_setup and
# bootstrap, all in one Python process (lib/keystone-init.py; ~3 s instead of ~9 s).
# The script may start before PostgreSQL is up: it waits for the database (120 s).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/env.sh"
"$STACK_HOME/lib/write-config.sh" keystone
export OS_KEYSTONE_CONFIG_DIR="$STACK_STATE/etc/keystone"

MARK="$STACK_STATE/keystone/.initialised"
if [ -f "$MARK" ]; then
  wait_db keystone 120
else  # keystone-init.py waits for the database itself, after its imports
  echo "keystone: first run: db_sync + keys + bootstrap"
  t=$(now)
  # db_sync, bootstrap are idempotent; fernet/credential_setup keep existing keys
  "$PY" "$STACK_HOME/lib/keystone-init.py" "$KS_CONF" \
    db_sync \
    "fernet_setup --keystone-user root --keystone-group root" \
    "credential_setup --keystone-user root --keystone-group root" \
    "bootstrap --bootstrap-username $ADMIN_USER --bootstrap-password $ADMIN_PASS \
      --bootstrap-project-name $ADMIN_PROJECT --bootstrap-role-name admin \
      --bootstrap-service-name keystone --bootstrap-region-id $REGION \
      --bootstrap-public-url $KS_PUBLIC_URL --bootstrap-internal-url $KS_PUBLIC_URL \
      --bootstrap-admin-url $KS_PUBLIC_URL" \
    >"$(log_dir)/keystone-init.log" 2>&1 || {
      echo "keystone: init failed; see $(log_dir)/keystone-init.log" >&2
      tail -20 "$(log_dir)/keystone-init.log" >&2; exit 1; }
  touch "$MARK"
  echo "keystone: init done in $(echo "$(now) - $t" | bc) s"
fi

# TRAP: Keystone's CORS middleware ignores [cors] in a config file outside /etc/keystone;
# the oslo.config environment source (OS_<GROUP>__<OPTION>) works.
export OS_CORS__ALLOWED_ORIGIN="$CORS_ORIGINS" \
       OS_CORS__ALLOW_HEADERS="$KS_ALLOW_HEADERS" \
       OS_CORS__EXPOSE_HEADERS="$KS_EXPOSE_HEADERS" \
       OS_CORS__ALLOW_METHODS="$CORS_ALLOW_METHODS" \
       OS_CORS__MAX_AGE="$CORS_MAX_AGE"
# "Connection: close": uwsgi --http-socket speaks HTTP/1.1 but closes after each response;
# clients that reuse the socket get "connection reset" otherwise.
exec uwsgi --plugin python3 --http-socket "$KS_BIND_HOST:$KS_PORT" \
  --wsgi-file /usr/bin/keystone-wsgi-public \
  --master --processes 2 --threads 4 --enable-threads --lazy-apps --die-on-term \
  --buffer-size 65535 --add-header "Connection: close"
