#!/usr/bin/env bash
# Provisions everything the test suite needs beyond npm packages, on a fresh machine. Each step is
# idempotent and cached under .cache/ (git-ignored), so a second run costs seconds:
#   - a project-local Python venv (moto server, cfn-lint, pyspark, sqlglot)   scripts/python-env.sh
#   - Apache Kafka 4.x jars from Maven Central                                  scripts/kafka.sh provision
#   - Trino 476 (server tarball + CLI) from Maven Central, hive plugin only     scripts/trino.sh provision
#   - Debian's Chromium for the report test                                      scripts/chromium.sh
# Skip a step with REALTY_SKIP_PROVISION="kafka trino ..." (its tests then fail with a clear message).
set -euo pipefail
cd "$(dirname "$0")/.."

skip="${REALTY_SKIP_PROVISION:-}"
step() {
  local name="$1"; shift
  if [[ " $skip " == *" $name "* ]]; then echo "provision: skipping $name"; return 0; fi
  local started=$SECONDS
  echo "provision: $name ..."
  "$@" >".cache/provision-$name.log" 2>&1 || { echo "provision: $name failed; its log:" >&2; tail -n 40 ".cache/provision-$name.log" >&2; exit 1; }
  echo "provision: $name ready ($((SECONDS - started)) s)"
}

mkdir -p .cache
echo "provision: node $(node --version) ($(command -v node))"
# Independent downloads run side by side; each writes its own log.
step python bash scripts/python-env.sh &
py=$!
step kafka bash scripts/kafka.sh provision &
kafka=$!
step trino bash scripts/trino.sh provision &
trino=$!
step chromium bash scripts/chromium.sh
wait "$py"
wait "$kafka"
wait "$trino"
