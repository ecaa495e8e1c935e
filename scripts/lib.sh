# Shared helpers for scripts/*.sh (sourced).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

step_start=0
step() {  # step "title"
  step_start=$(date +%s)
  printf '\n\033[1m==> %s\033[0m\n' "$1"
}
step_done() { printf '    (%ss)\n' "$(( $(date +%s) - step_start ))"; }

# Debian packages (Keystone, Gnocchi, PostgreSQL, uwsgi, Chromium): install what is missing.
ensure_packages() {
  if [ "$(id -u)" = 0 ]; then
    bash stack/install.sh
  else
    bash stack/install.sh || { echo "run as root, or install the packages listed above with apt-get" >&2; return 1; }
  fi
}

# node_modules from package-lock.json (npm ci), unless already installed from this lockfile; then
# the playground host's dependency trees.
ensure_node_modules() {
  if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    echo "node_modules up to date"
  else
    npm ci --no-audit --no-fund
  fi
  ensure_host_deps
}

# The playground host's dependency trees (e2e/host/deps/<tree>: @grafana/* + React + @grafana/scenes
# of one Grafana version, each its own package-lock.json; e2e/README.md), each with `npm ci --prefix`
# unless already installed from its lockfile.
ensure_host_deps() {
  local dir
  for dir in e2e/host/deps/*/; do
    dir=${dir%/}
    [ -f "$dir/package-lock.json" ] || continue
    if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
      echo "$dir/node_modules up to date"
    else
      npm ci --prefix "$dir" --no-audit --no-fund
    fi
  done
}
