#!/usr/bin/env bash
# Makes sure a Chromium the browser tests can drive is installed: $CHROMIUM_PATH, or Debian's
# /usr/bin/chromium. Installs Debian's package when running as root with apt-get; otherwise says how to
# get one and fails, since nothing in this project downloads a browser of its own.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH is set to $CHROMIUM_PATH, but no executable is there." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing; installing Debian's chromium package..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  if [ -x "$chromium" ]; then
    exit 0
  fi
  echo "apt-get installed chromium, but $chromium is still missing." >&2
  exit 1
fi

cat >&2 <<'EOF'
The browser tests need Chromium, and none was found at /usr/bin/chromium.
Install it with your system's package manager, for example on Debian or Ubuntu:
  sudo apt-get update && sudo apt-get install -y chromium
or point CHROMIUM_PATH at an existing Chromium or Chrome executable:
  CHROMIUM_PATH=/path/to/chromium npm test
EOF
exit 1
