#!/bin/bash
# Seed the stack: seed.py (synthetic demo data: demo_instance, demo_host, fixed, users, projects,
# application credential), then seed_cloud.py (a small Ceilometer + collectd cloud beside it).
#   seed-all.sh [all|recent]     all: first seed (cold start); recent: warm start (new measures only)
# Run by up.sh and by the `seed` service of docker-compose.yaml. Progress on stderr, one summary
# line per script on stdout; the result is $STACK_STATE/seed.json.
# (Not in parallel: Ceilometer's resource types are DDL that waits on seed.py's resource inserts.)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
mode="${1:-all}"
case "$mode" in all|recent) ;; *) echo "usage: $0 [all|recent]" >&2; exit 2 ;; esac
"$PY" "$STACK_HOME/seed.py" "$mode"
"$PY" "$STACK_HOME/seed_cloud.py" "$mode"
