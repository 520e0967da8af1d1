#!/usr/bin/env bash
# Installs the Debian packages the tests use, skipping those already present. Idempotent.
#   postgresql-15          real PostgreSQL for the JDBC integration tests (initdb/pg_ctl)
#   chromium, chromium-driver  the dashboard test in a real headless browser
#   prometheus             a real Prometheus scraping /metrics, and promtool for the alert rules
set -euo pipefail

packages=(postgresql-15 chromium chromium-driver prometheus)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # The Debian prometheus package starts a system service; the tests start their own instance.
  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
    systemctl stop prometheus || true
  fi
  pkill -x prometheus || true
fi
