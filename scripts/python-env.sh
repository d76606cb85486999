#!/usr/bin/env bash
# Creates the project-local Python virtual environment .cache/venv from scripts/requirements-test.txt.
# Idempotent: a stamp holding the requirements' checksum makes a second call free. Prints the venv's path.
#
#   bash scripts/python-env.sh          create or update the venv
#   bash scripts/python-env.sh --path   print where the venv is (create nothing)
#
# Environment: PYTHON (python3; 3.9+ with the venv module), REALTY_VENV (.cache/venv).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${REALTY_VENV:-$ROOT/.cache/venv}"
REQUIREMENTS="$ROOT/scripts/requirements-test.txt"
PYTHON="${PYTHON:-python3}"

die() { echo "python-env: $*" >&2; exit 1; }

if [[ "${1:-}" == "--path" ]]; then echo "$VENV"; exit 0; fi

command -v "$PYTHON" >/dev/null 2>&1 ||
  die "$PYTHON not found: install Python 3.9+ with venv (apt-get install python3 python3-venv) or set PYTHON."

mkdir -p "$(dirname "$VENV")"
# Parallel test files may call this at once: one creates, the others wait and find it ready.
exec 9>"$VENV.lock"
flock 9

stamp="$VENV/.requirements.sha256"
sum="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [[ -x "$VENV/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$sum" ]]; then
  echo "$VENV"
  exit 0
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  echo "python-env: creating $VENV with $("$PYTHON" --version 2>&1)" >&2
  "$PYTHON" -m venv "$VENV" ||
    die "could not create a venv with $PYTHON (on Debian: apt-get install python3-venv)"
fi
echo "python-env: installing ${REQUIREMENTS#"$ROOT"/} ..." >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" >&2 ||
  die "pip could not install ${REQUIREMENTS#"$ROOT"/} (network to PyPI? proxy settings in pip.conf?)"
echo "$sum" >"$stamp"
echo "$VENV"
