#!/bin/bash
# Install what the real stack needs from Debian 12 packages (libraries only: the `keystone`,
# `gnocchi-api`, `gnocchi-metricd` service packages are NOT needed). Idempotent: installs only
# what is missing, never upgrades. python3-ceilometer (Zed, the library only: 20 packages, 3 MB to
# download, 18.6 MB installed, sudo among them) lets seed_cloud.py create Ceilometer's resource types
# and archive policies with Ceilometer's own code; ceilometer-common (`ceilometer-upgrade`) is not
# needed, and its postinst would add the users ceilometer and nova and write /etc/ceilometer.
#   sudo stack/install.sh                  # everything (incl. chromium for browser checks)
#   sudo SKIP_CHROMIUM=1 stack/install.sh  # no browser (~113 MB less download)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PKGS=(python3-keystone python3-gnocchi python3-ceilometer uwsgi-core uwsgi-plugin-python3 python3-psycopg2
      postgresql-15 curl jq bc)
[ "${SKIP_CHROMIUM:-0}" = 1 ] || PKGS+=(chromium)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then echo "all packages already installed"; exit 0; fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  exec sudo -n env SKIP_CHROMIUM="${SKIP_CHROMIUM:-0}" "$0" "$@"
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing packages: ${missing[*]}" >&2
  echo "run as root:  DEBIAN_FRONTEND=noninteractive $cmd   (or: sudo $0)" >&2
  exit 1
fi

# No systemd here: keep postinst scripts from starting services (postgresql would start its
# 'main' cluster on 5432). Created only for the duration of the install.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created_policy=1
fi
trap 'if [ $created_policy = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT

need_update=0
for p in "${missing[@]}"; do
  apt-cache show "$p" >/dev/null 2>&1 || { need_update=1; break; }
done
[ $need_update = 1 ] && apt-get update
echo "installing: ${missing[*]}"
$cmd
