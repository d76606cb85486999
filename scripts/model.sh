#!/usr/bin/env bash
# `npm run model -- [--json] [--train FILE --test FILE]`: the baseline price model (jobs/model/baseline_model.py)
# in the project's Python venv, created or updated first by scripts/python-env.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="$(bash "$ROOT/scripts/python-env.sh")"
exec "$VENV/bin/python" "$ROOT/jobs/model/baseline_model.py" "$@"
