#!/bin/bash
# Native orchestrator: PostgreSQL + Keystone + Gnocchi API + gnocchi-metricd on 127.0.0.1, seeded.
#   stack/up.sh                  # idempotent: exits 0 at once when the stack is already up
#   STACK_FRESH=1 stack/up.sh    # ignore the template (cold start; the state must be empty)
#   STACK_METRICD=0 stack/up.sh  # no metricd (seed processes measures with ?refresh=true)
# Cold start (no $STACK_STATE): initdb, Keystone init, gnocchi-upgrade, full seed.
# Warm start ($STACK_TEMPLATE exists, saved by down.sh): copy it, start, post the measures since the template.
# Seed: seed-all.sh = seed.py (synthetic demo data) then seed_cloud.py (Ceilometer/collectd cloud).
# Stop with stack/down.sh. Needs root. Timings: $STACK_STATE/log/timings.txt
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
T_START=$(now)
RUN="$(run_dir)"; LOG="$(log_dir)"
SERVICES=(keystone gnocchi-api); [ "$STACK_METRICD" = 1 ] && SERVICES+=(gnocchi-metricd)

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }
code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null; }
pg_up() { [ -f "$PGDATA/postmaster.pid" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }
summary() {
  echo "Keystone: $KS_PUBLIC_URL/v3   Gnocchi: $GN_PUBLIC_URL   PostgreSQL: $PG_HOST:$PG_PORT   CORS origins: $CORS_ORIGINS"
  echo "users: admin/$ADMIN_PASS (admin)  grafana/$DEMO_PASS (member, $DEMO_PROJECT)  other/$OTHER_PASS (member, $OTHER_PROJECT)  app credential $APPCRED_NAME/$APPCRED_SECRET"
  echo "ids: $STACK_STATE/seed.json   logs: $LOG   stop: $STACK_HOME/down.sh"
}

# ---- already up?
all_alive=1; any_alive=0
for s in "${SERVICES[@]}"; do if alive "$s"; then any_alive=1; else all_alive=0; fi; done
if [ $all_alive = 1 ] && pg_up && [ "$(code "$KS_URL/v3")" = 200 ] && [ "$(code "$GN_URL/v1/resource")" = 401 ] \
   && [ -f "$STACK_STATE/seed.json" ]; then
  echo "stack already up"; summary; exit 0
fi
if [ $any_alive = 1 ]; then
  echo "stack partially running: stopping it first"; "$STACK_HOME/down.sh" --no-template
fi

for p in "$KS_PORT" "$GN_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is already in use (not by this stack)" >&2; exit 1; fi
done
if ! pg_up && (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then echo "port $PG_PORT is already in use" >&2; exit 1; fi

: >"$LOG/timings.txt"
phase() { printf '%-34s %6.2f s\n' "$1" "$(echo "$(now) - $2" | bc)" | tee -a "$LOG/timings.txt"; }

# ---- state: template copy (warm) or nothing (cold)
WARM=0
if [ ! -f "$PGDATA/PG_VERSION" ] && [ "$STACK_FRESH" != 1 ] && [ -f "$STACK_TEMPLATE/pg/data/PG_VERSION" ]; then
  t=$(now)
  rm -rf "$STACK_STATE/pg" "$STACK_STATE/keystone" "$STACK_STATE/gnocchi"
  cp -a "$STACK_TEMPLATE/pg" "$STACK_TEMPLATE/keystone" "$STACK_TEMPLATE/gnocchi" "$STACK_TEMPLATE/seed.json" "$STACK_STATE/"
  phase "copy template" "$t"
fi
[ -f "$STACK_STATE/keystone/.initialised" ] && [ -f "$STACK_STATE/gnocchi/.upgraded" ] && \
  [ -f "$STACK_STATE/seed.json" ] && grep -q '"resources"' "$STACK_STATE/seed.json" && WARM=1
echo "$( [ $WARM = 1 ] && echo warm || echo cold ) start; state $STACK_STATE"


launch() {  # launch NAME SCRIPT: background, own session, PID = the service itself (scripts exec)
  setsid "$STACK_HOME/bin/$2" >"$LOG/$1.log" 2>&1 </dev/null &
  echo $! >"$RUN/$1.pid"
}
fail() {  # fail NAME
  echo "$1 failed to start; see $LOG/$1.log" >&2
  tail -20 "$LOG/$1.log" >&2
  echo "(stop what did start with $STACK_HOME/down.sh)" >&2
  exit 1
}
wait_code() {  # wait_code NAME URL CODE TIMEOUT_S
  local i c=000
  for i in $(seq 1 $(( $4 * 10 ))); do
    alive "$1" || fail "$1"
    c=$(code "$2"); [ "$c" = "$3" ] && return 0
    sleep 0.1
  done
  echo "timeout after $4 s waiting for $2 (last HTTP code $c)" >&2; fail "$1"
}

t=$(now)
"$STACK_HOME/lib/write-config.sh" all
# Services first: on a cold start their init imports overlap initdb (they wait for the DB).
launch keystone keystone.sh
launch gnocchi-api gnocchi-api.sh
"$STACK_HOME/bin/postgres.sh" start || { echo "postgres failed to start; see $LOG/postgres.log" >&2; tail -20 "$LOG/postgres.log" >&2
  echo "(stop what did start with $STACK_HOME/down.sh)" >&2; exit 1; }
phase "postgres (init+)start" "$t"
wait_code keystone "$KS_URL/v3" 200 120
phase "keystone up" "$t"
wait_code gnocchi-api "$GN_URL/" 200 120
wait_code gnocchi-api "$GN_URL/v1/resource" 401 60
phase "gnocchi-api up" "$t"
[ "$STACK_METRICD" = 1 ] && launch gnocchi-metricd gnocchi-metricd.sh

t=$(now)
if [ $WARM = 1 ]; then mode=recent; else mode=all; fi
# seed.py (synthetic demo data) then seed_cloud.py (Ceilometer/collectd cloud)
if ! "$STACK_HOME/seed-all.sh" "$mode" 2>"$LOG/seed.log" | tee -a "$LOG/seed.log"; then
  echo "seed-all.sh $mode failed; see $LOG/seed.log" >&2; tail -20 "$LOG/seed.log" >&2; exit 1
fi
[ "$STACK_METRICD" = 1 ] && { alive gnocchi-metricd || fail gnocchi-metricd; }
phase "seed ($mode)" "$t"
phase "TOTAL up.sh ($( [ $WARM = 1 ] && echo warm || echo cold ))" "$T_START"
summary
