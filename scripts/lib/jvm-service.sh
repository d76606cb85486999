# Sourced by scripts/kafka.sh and scripts/trino.sh: the life cycle of one local JVM server (a pid file, a
# detached start whose exit status is recorded, readiness by probe, stop by SIGTERM with a deadline).
#
# The sourcing script sets, before calling these functions:
#   SERVICE     name in messages ("kafka")            NOUN       what it is in messages ("broker", "server")
#   PID_FILE    the JVM's pid                          EXIT_FILE  its exit status, written when it exits
#   LOG_FILE    its stdout and stderr                  PID_MARK   a string only our JVM's command line holds
#   ADDRESS     where it serves, for messages          SCRIPT     the script, for the "stop it with" hint

die() { echo "$SERVICE: $*" >&2; exit 1; }
say() { echo "$SERVICE: $*"; }

# The java at $1 when its major version is at least $2, else a message ending with the hint $3.
require_java() {
  local java="$1" min="$2" hint="$3"
  command -v "$java" >/dev/null 2>&1 || die "Java not found at '$java': $hint"
  local major
  major="$("$java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p')"
  [[ -n "$major" && "$major" -ge "$min" ]] ||
    die "$SERVICE needs Java $min or newer; $java is version '${major:-unknown}'. $hint"
  echo "$java"
}

# The pid of our JVM, or nothing: a stale pid file (reboot, crash, pid reuse) does not count.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(cat "$PID_FILE")"
  if [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$PID_MARK"; then
    echo "$pid"
  fi
}

# True while the process runs; a zombie (exited, not yet reaped by this shell) counts as gone.
alive() { [[ -r "/proc/$1/stat" ]] && [[ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]]; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The Node the npm scripts use (Node 22 from devDependencies), else the one on PATH: for the probes.
project_node() {
  local node="$ROOT/node_modules/.bin/node"
  [[ -x "$node" ]] || node=node
  echo "$node"
}

log_tail() { tail -n "${1:-30}" "$LOG_FILE"; }

# Starts the command "$@" detached. setsid: it outlives this script and is not killed with the caller's
# process group. A small bash parent writes the JVM's pid, and its exit status when it ends, so `stop` can
# tell a clean exit (143) from a crash. Descriptors 8 and 9 (our locks) are not inherited: the server would
# hold the locks for its lifetime.
launch_detached() {
  rm -f "$PID_FILE" "$EXIT_FILE"
  # shellcheck disable=SC2016 # $1.. expand in the child
  setsid bash -c '"${@:3}" & echo $! >"$1"; wait $!; echo $? >"$2"' "$SERVICE-$NOUN" "$PID_FILE" "$EXIT_FILE" \
    "$@" >>"$LOG_FILE" 2>&1 </dev/null 8>&- 9>&- &
}

# Waits until `$1` (a command: the readiness probe) succeeds, for at most $2 seconds, polling every $3.
# Dies with the log's tail when the JVM exits first or the time runs out (then leaving it running).
wait_ready() {
  local probe="$1" timeout_s="$2" every="$3" pid="" last="" deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    if [[ -f "$EXIT_FILE" ]]; then
      rm -f "$PID_FILE"
      die "$NOUN exited with status $(cat "$EXIT_FILE") during startup; log tail:"$'\n'"$(log_tail 30)"
    fi
    [[ -z "$pid" && -s "$PID_FILE" ]] && pid="$(cat "$PID_FILE")"
    if [[ -n "$pid" ]] && last="$($probe 2>&1)"; then say "ready (pid $pid) on $ADDRESS"; return 0; fi
    sleep "$every"
  done
  die "$NOUN (pid ${pid:-?}) was not ready within ${timeout_s}s (last probe: ${last:-none}); it is left running for inspection (stop it with 'bash $SCRIPT stop'); log tail:"$'\n'"$(log_tail 30)"
}

# SIGTERM runs the JVM's shutdown hooks; it then exits with 143 (128 + SIGTERM), a normal stop. Waits at
# most $1 seconds, and dies when it does not end or ends with another status.
stop_service() {
  local timeout_s="$1" pid deadline=$((SECONDS + $1))
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then rm -f "$PID_FILE"; say "not running"; return 0; fi
  kill -TERM "$pid"
  while alive "$pid"; do
    ((SECONDS < deadline)) ||
      die "$NOUN (pid $pid) still running ${timeout_s}s after SIGTERM; log tail:"$'\n'"$(log_tail 20)"
    sleep 0.2
  done
  rm -f "$PID_FILE"
  # The parent writes the JVM's status right after the JVM exits; give it a moment.
  while [[ ! -f "$EXIT_FILE" ]] && ((SECONDS < deadline)); do sleep 0.1; done
  local code
  code="$(cat "$EXIT_FILE" 2>/dev/null || echo unknown)"
  [[ "$code" == 143 || "$code" == 0 ]] ||
    die "$NOUN (pid $pid) exited with status $code after SIGTERM; log tail:"$'\n'"$(log_tail 20)"
  say "stopped (pid $pid, exit status $code)"
}

# Exit 0 and say where when running; exit 3 (the LSB convention) when not. $1 describes its files.
service_status() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then say "running (pid $pid) on $ADDRESS, $1"; return 0; fi
  say "not running ($1)"
  return 3
}

# One start or stop at a time per data dir ($1): two racing starts would both find the server absent.
control_lock() { mkdir -p "$1" && exec 8>"$1/control.lock" && flock 8; }
