#!/usr/bin/env bash
# The integration suite in two lanes side by side, each one file at a time (vitest.config.ts names them):
#   jvm          PySpark (the Glue job, Spark reading our Parquet) and the Python model: JVM and CPU bound
#   integration  everything else: the realty command, Kafka, moto, sls, Trino, Chromium, the fault suite
# One lane's JVM start-ups overlap the other's waits on brokers and subprocesses (806 s -> about 550 s on 2
# cores). The integration lane prints as it goes; the jvm lane's output follows it. Arguments (file filters,
# vitest flags) go to both lanes. Exit status: non-zero when either lane failed.
set -uo pipefail
cd "$(dirname "$0")/.."

log="$(mktemp "${TMPDIR:-/tmp}/realty-jvm-lane.XXXXXX")"
npx vitest run --project jvm --passWithNoTests "$@" >"$log" 2>&1 &
jvm=$!
# Ctrl-C or a failing runner stops the background lane too (its own servers stop with it).
trap 'kill "$jvm" 2>/dev/null; rm -f "$log"' EXIT
trap 'exit 130' INT TERM

npx vitest run --project integration --passWithNoTests "$@"
integration=$?
wait "$jvm"
lane=$?
echo
echo "── jvm lane (PySpark, the Python model) ──"
cat "$log"
exit $((integration != 0 || lane != 0))
