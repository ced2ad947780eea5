#!/usr/bin/env bash
# Install everything the tests need (Python packages; Debian's Chromium and the fonts a user has, so hanzi and
# icons render in screenshots; DejaVu Sans, which the handout PDF embeds; poppler-utils, whose pdftoppm renders the
# downloaded handout and home plan in the browser tests; zbar-tools, whose zbarimg reads the class's and the home
# plan's QR codes back in the tests; HAProxy for the deployment test; PostgreSQL's server binaries, from which harness/pgserver.py starts a throwaway
# server for the class store's tests; Node.js, which lints, tests and bundles the map's browser modules with the
# npm packages in ui/component/package-lock.json) and run lint, types and all tests, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
NEED=()
[ -x /usr/bin/chromium ] || NEED+=(chromium)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || NEED+=(haproxy)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || NEED+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || NEED+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || NEED+=(zbar-tools)
command -v node >/dev/null 2>&1 || NEED+=(nodejs)
command -v npm >/dev/null 2>&1 || NEED+=(npm)
for pkg in fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || NEED+=("$pkg")
done
if [ ${#NEED[@]} -gt 0 ]; then
  echo "Installing from Debian's packages: ${NEED[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${NEED[@]}" >/dev/null
fi
npm ci --prefix ui/component --no-audit --no-fund --loglevel=error
npm --prefix ui/component run --silent lint
npm --prefix ui/component test --silent
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
