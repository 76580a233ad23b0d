#!/usr/bin/env bash
# Installs what the tests need and the machine lacks: moto's server (PyPI) and Debian's Chromium.
# Playwright's own browser download is not reachable here; Debian's Chromium is (docs/development.md).
set -euo pipefail
if ! command -v moto_server >/dev/null 2>&1; then
  echo "moto_server not found: installing moto[server] with pip"
  python3 -m pip install --quiet 'moto[server]'
fi
if [ ! -x /usr/bin/chromium ] && [ -z "${TRAILWARDEN_CHROMIUM:-}" ]; then
  echo "Chromium not found: installing Debian's chromium"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  # Not needed by the tests themselves; handy for looking at PDF reports. Best effort.
  true
fi
echo "moto: $(command -v moto_server); chromium: ${TRAILWARDEN_CHROMIUM:-/usr/bin/chromium}"
