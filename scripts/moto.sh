#!/usr/bin/env bash
# moto in server mode: the S3, Glue, Athena and EventBridge APIs on 127.0.0.1, for tests and local trials.
#
#   bash scripts/moto.sh start [PORT]   create the venv if needed, start on 127.0.0.1:PORT, wait until it answers
#   bash scripts/moto.sh stop [PORT]    SIGTERM, wait for it to exit
#   bash scripts/moto.sh status [PORT]  exit 0 when running, 3 when not (the LSB convention)
#
# PORT defaults to MOTO_PORT or 5000. `start` prints the endpoint (http://127.0.0.1:PORT) on stdout.
# Files: .cache/moto/<PORT>.pid and <PORT>.log. Environment: MOTO_START_TIMEOUT_S (30).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${2:-${MOTO_PORT:-5000}}"
RUN_DIR="$ROOT/.cache/moto"
PID_FILE="$RUN_DIR/$PORT.pid"
LOG_FILE="$RUN_DIR/$PORT.log"
ENDPOINT="http://127.0.0.1:$PORT"

die() { echo "moto: $*" >&2; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ && "$PORT" -ge 1 && "$PORT" -le 65535 ]] || die "port '$PORT' is not a TCP port number (1-65535)"

# The pid of our server on PORT, or nothing: a stale pid file (reboot, crash, pid reuse) does not count.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(cat "$PID_FILE")"
  if [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "moto_server.* -p $PORT"; then
    echo "$pid"
  fi
}

# A TCP connect: the listener is up once werkzeug serves (/moto-api/data.json would load every backend: slow).
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

start() {
  [[ -z "$(running_pid)" ]] || { echo "$ENDPOINT"; return 0; }
  local venv
  venv="$(bash "$ROOT/scripts/python-env.sh")"
  [[ -x "$venv/bin/moto_server" ]] || die "moto_server is missing from $venv; run: bash scripts/python-env.sh"
  mkdir -p "$RUN_DIR"
  # setsid: the server gets its own session, so it outlives this script and only `stop` ends it.
  setsid "$venv/bin/moto_server" -H 127.0.0.1 -p "$PORT" >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  local deadline=$((SECONDS + ${MOTO_START_TIMEOUT_S:-30}))
  until answers; do
    [[ -n "$(running_pid)" ]] || die "moto exited during start; see ${LOG_FILE#"$ROOT"/}: $(tail -n 5 "$LOG_FILE")"
    ((SECONDS < deadline)) || { stop; die "moto did not answer on $ENDPOINT within ${MOTO_START_TIMEOUT_S:-30} s"; }
    sleep 0.1
  done
  echo "$ENDPOINT"
}

stop() {
  local pid
  pid="$(running_pid)"
  [[ -n "$pid" ]] || { rm -f "$PID_FILE"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while [[ -r "/proc/$pid/cmdline" ]] && ((SECONDS < deadline)); do sleep 0.1; done
  [[ -r "/proc/$pid/cmdline" ]] && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) [[ -n "$(running_pid)" ]] && { echo "running on $ENDPOINT (pid $(running_pid))"; exit 0; } || exit 3 ;;
  *) die "usage: bash scripts/moto.sh start|stop|status [PORT]" ;;
esac
