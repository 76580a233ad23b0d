#!/usr/bin/env bash
# Installs what the tests need and the machine lacks: moto's server and schemathesis (PyPI) and
# Debian's Chromium.
# Playwright's own browser download is not reachable here; Debian's Chromium is (docs/development.md).
set -euo pipefail
cd "$(dirname "$0")/.."
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
# schemathesis (PyPI) for the API fuzzing step, pinned, in a virtual environment of its own.
SCHEMATHESIS_VERSION="4.32.5"
if [ "$(.venv-test-tools/bin/schemathesis --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
  echo "Installing schemathesis $SCHEMATHESIS_VERSION into .venv-test-tools"
  python3 -m venv .venv-test-tools
  .venv-test-tools/bin/pip install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  # Not needed by the tests themselves; handy for looking at PDF reports. Best effort.
  true
fi
echo "moto: $(command -v moto_server); chromium: ${TRAILWARDEN_CHROMIUM:-/usr/bin/chromium}; schemathesis: .venv-test-tools/bin/schemathesis"
