#!/usr/bin/env bash
# Installs Debian's Chromium when it is missing: the report test (test/integration/report.test.ts) opens the
# market report in it, headless. Idempotent: prints the browser's path and exits at once when it is there.
#
#   bash scripts/chromium.sh          install when missing, print the path
#   bash scripts/chromium.sh --path   print where the browser is expected (install nothing)
#
# Environment: CHROMIUM (/usr/bin/chromium). Installing needs root (apt-get), as on CI and the dev machines.
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

die() { echo "chromium: $*" >&2; exit 1; }

if [[ "${1:-}" == "--path" ]]; then echo "$CHROMIUM"; exit 0; fi
if [[ -x "$CHROMIUM" ]]; then echo "$CHROMIUM"; exit 0; fi

command -v apt-get >/dev/null 2>&1 || die "$CHROMIUM is missing and there is no apt-get; install Chromium and set CHROMIUM."
[[ "$(id -u)" == 0 ]] || die "$CHROMIUM is missing; run as root (or: sudo apt-get install -y chromium)."

# Parallel callers (test files, provisioning) wait for one install instead of fighting over dpkg's lock.
exec 9>/tmp/realty-chromium.lock
flock 9
if [[ ! -x "$CHROMIUM" ]]; then
  echo "chromium: installing Debian's chromium package ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed (network to the Debian mirror?)"
  apt-get install -y -qq chromium >&2 || die "apt-get install chromium failed"
fi
[[ -x "$CHROMIUM" ]] || die "chromium was installed but $CHROMIUM is not there; set CHROMIUM to its path."
echo "$CHROMIUM"
