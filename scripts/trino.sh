#!/usr/bin/env bash
# A local single-node Trino 476 (Athena engine v3 is built on Trino) from Maven Central. No Docker.
#
#   bash scripts/trino.sh provision   fetch trino-server and trino-cli into .cache/trino (once; reused afterwards)
#   bash scripts/trino.sh start       provision, write the config, start on 127.0.0.1, wait until a query succeeds
#   bash scripts/trino.sh stop        SIGTERM, wait for the server to exit
#   bash scripts/trino.sh status      exit 0 when running, 3 when not (the LSB convention)
#   bash scripts/trino.sh cli [ARGS]  the Trino CLI against the running server (e.g. --execute 'SHOW TABLES')
#
# The `hive` catalog keeps its metastore in files and reads the bucket directory of the embedded pipeline
# ($REALTY_DATA_DIR/$REALTY_BUCKET) as its local file system: `local:///raw/listings/` is that bucket's raw/listings/.
#
# Environment: TRINO_PORT (8080), TRINO_JAVA_HOME (/usr/lib/jvm/temurin-25-jdk-amd64; Trino 476 needs Java 24+),
# REALTY_DATA_DIR (.realty; the server keeps its files in $REALTY_DATA_DIR/trino), REALTY_BUCKET (realty-data),
# TRINO_HEAP (2G), TRINO_START_TIMEOUT_S (300), TRINO_STOP_TIMEOUT_S (30).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION=476 # the newest trino-server on Maven Central (ENVIRONMENT.md)
CACHE_DIR="$ROOT/.cache/trino"
SERVER_DIR="$CACHE_DIR/trino-server-$VERSION"
CLI_JAR="$CACHE_DIR/trino-cli-$VERSION-executable.jar"
PORT="${TRINO_PORT:-8080}"
JAVA_DIR="${TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
DATA_ROOT="${REALTY_DATA_DIR:-.realty}"
[[ "$DATA_ROOT" = /* ]] || DATA_ROOT="$ROOT/$DATA_ROOT"
BUCKET_DIR="$DATA_ROOT/${REALTY_BUCKET:-realty-data}"
TRINO_DIR="$DATA_ROOT/trino"
ETC_DIR="$TRINO_DIR/etc"
PID_FILE="$TRINO_DIR/server.pid"
LOG_FILE="$TRINO_DIR/server.log"
EXIT_FILE="$TRINO_DIR/server.exit"
# Inside the bucket because the local file system is rooted there; '_' marks it hidden to Hive and Spark.
METASTORE_DIR="_trino/metastore"

die() { echo "trino: $*" >&2; exit 1; }
say() { echo "trino: $*"; }

find_java() {
  local java="$JAVA_DIR/bin/java"
  [[ -x "$java" ]] ||
    die "Java not found at $java: install a Java 24+ JDK (e.g. Temurin 25) or set TRINO_JAVA_HOME to one."
  local major
  major="$("$java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p')"
  [[ -n "$major" && "$major" -ge 24 ]] ||
    die "Trino $VERSION needs Java 24 or newer; $java is version '${major:-unknown}'. Set TRINO_JAVA_HOME to a Java 25 JDK."
  echo "$java"
}

# Copies an artifact from Maven Central (through ~/.m2, so a second provision downloads nothing) into $2.
fetch() {
  mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="$1" -DoutputDirectory="$2" >&2 ||
    die "Maven could not fetch $1 (network to repo.maven.apache.org? proxy settings in ~/.m2/settings.xml?)"
}

# Unpacks the server once; a stamp naming the version makes later calls free.
provision() {
  local stamp="$CACHE_DIR/provision.stamp"
  mkdir -p "$CACHE_DIR"
  exec 9>"$CACHE_DIR/provision.lock"
  flock 9 # concurrent starts must not unpack into the same directory at once
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$VERSION" && -d "$SERVER_DIR/plugin/hive" && -f "$CLI_JAR" ]]; then
    exec 9>&-
    return 0
  fi
  command -v mvn >/dev/null 2>&1 ||
    die "Maven (mvn) not found: install Maven 3.8+ (apt-get install maven); it fetches Trino from Maven Central."
  say "fetching io.trino:trino-server:$VERSION (about 820 MB, once) and trino-cli from Maven Central ..."
  local download="$CACHE_DIR/download"
  local tarball="$download/trino-server-$VERSION.tar.gz" cli="$download/trino-cli-$VERSION-executable.jar"
  rm -rf "$download"
  fetch "io.trino:trino-server:$VERSION:tar.gz" "$download"
  fetch "io.trino:trino-cli:$VERSION:jar:executable" "$download"
  [[ -f "$tarball" && -f "$cli" ]] || die "Maven reported success but $tarball or $cli is missing"
  rm -rf "$SERVER_DIR.tmp" && mkdir -p "$SERVER_DIR.tmp"
  # Untar whole: the tarball stores jars shared by plugins as hard links to the first copy.
  tar -xzf "$tarball" -C "$SERVER_DIR.tmp" --strip-components=1 || die "could not unpack $tarball (disk full?)"
  find "$SERVER_DIR.tmp/plugin" -mindepth 1 -maxdepth 1 -type d ! -name hive -exec rm -rf {} +
  rm -rf "$SERVER_DIR" && mv "$SERVER_DIR.tmp" "$SERVER_DIR"
  install -m 0755 "$cli" "$CLI_JAR"
  rm -rf "$download" # ~/.m2 keeps a copy
  echo "$VERSION" >"$stamp"
  say "Trino $VERSION ready in ${SERVER_DIR#"$ROOT"/} ($(du -sh "$SERVER_DIR" | cut -f1), hive plugin only)"
  exec 9>&-
}

# The pid of our server, or nothing: a stale pid file (reboot, crash, pid reuse) does not count.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(cat "$PID_FILE")"
  if [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$ETC_DIR/"; then
    echo "$pid"
  fi
}

write_config() {
  mkdir -p "$ETC_DIR/catalog" "$TRINO_DIR/var" "$BUCKET_DIR/$METASTORE_DIR"
  sed -e "s|@HEAP@|${TRINO_HEAP:-2G}|g" "$ROOT/scripts/trino/jvm.config" >"$ETC_DIR/jvm.config"
  cp "$ROOT/scripts/trino/log.properties" "$ETC_DIR/log.properties"
  sed -e "s|@PORT@|$PORT|g" -e "s|@SERVER_DIR@|$SERVER_DIR|g" -e "s|@ETC_DIR@|$ETC_DIR|g" \
    "$ROOT/scripts/trino/config.properties" >"$ETC_DIR/config.properties"
  sed -e "s|@BUCKET_DIR@|$BUCKET_DIR|g" -e "s|@METASTORE_DIR@|$METASTORE_DIR|g" \
    "$ROOT/scripts/trino/hive.properties" >"$ETC_DIR/catalog/hive.properties"
}

# True while the process runs; a zombie (exited, not yet reaped by this shell) counts as gone.
alive() { [[ -r "/proc/$1/stat" ]] && [[ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]]; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

probe() {
  local node="$ROOT/node_modules/.bin/node"
  [[ -x "$node" ]] || node=node
  "$node" "$ROOT/scripts/trino/probe.mjs" "http://127.0.0.1:$PORT"
}

start() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then say "already running (pid $pid) on http://127.0.0.1:$PORT"; return 0; fi
  port_in_use "$PORT" && die "port $PORT on 127.0.0.1 is taken by another process; set TRINO_PORT to a free port."
  provision
  local java
  java="$(find_java)"
  mkdir -p "$TRINO_DIR"
  write_config
  say "starting on http://127.0.0.1:$PORT over ${BUCKET_DIR} (log in ${LOG_FILE#"$ROOT"/})"
  rm -f "$PID_FILE" "$EXIT_FILE"
  # Trino's launcher runs the server in its data dir; relative paths (var/, heap dumps) land there.
  cd "$TRINO_DIR/var"
  # setsid: the server outlives this script and is not killed with the caller's process group.
  # The small bash parent records the JVM's exit status, so `stop` can tell a clean exit (143) from a crash.
  # shellcheck disable=SC2016,SC2046 # $1.. expand in the child; jvm.config holds one JVM flag per line
  setsid bash -c '"${@:3}" & echo $! >"$1"; wait $!; echo $? >"$2"' trino-server "$PID_FILE" "$EXIT_FILE" \
    "$java" -cp "$SERVER_DIR/lib/*" $(grep -v '^#' "$ETC_DIR/jvm.config") \
    -Dconfig="$ETC_DIR/config.properties" -Dlog.levels-file="$ETC_DIR/log.properties" \
    io.trino.server.TrinoServer >>"$LOG_FILE" 2>&1 </dev/null &
  wait_ready
}

# Ready means a query over the hive catalog finished: the port opens seconds before the node registers.
wait_ready() {
  local pid="" deadline=$((SECONDS + ${TRINO_START_TIMEOUT_S:-300})) last=""
  while ((SECONDS < deadline)); do
    if [[ -f "$EXIT_FILE" ]]; then
      rm -f "$PID_FILE"
      die "server exited with status $(cat "$EXIT_FILE") during startup; log tail:"$'\n'"$(tail -n 30 "$LOG_FILE")"
    fi
    [[ -z "$pid" && -s "$PID_FILE" ]] && pid="$(cat "$PID_FILE")"
    if [[ -n "$pid" ]] && port_in_use "$PORT"; then
      if last="$(probe 2>&1)"; then say "ready (pid $pid) on http://127.0.0.1:$PORT"; return 0; fi
    fi
    sleep 1
  done
  die "server (pid ${pid:-?}) did not answer a query within ${TRINO_START_TIMEOUT_S:-300}s (last probe: ${last:-none}); it is left running for inspection (stop it with 'bash scripts/trino.sh stop'); log tail:"$'\n'"$(tail -n 30 "$LOG_FILE")"
}

stop() {
  local pid deadline=$((SECONDS + ${TRINO_STOP_TIMEOUT_S:-30}))
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then rm -f "$PID_FILE"; say "not running"; return 0; fi
  # SIGTERM runs Trino's shutdown hooks; the JVM then exits with 143.
  kill -TERM "$pid"
  while alive "$pid"; do
    ((SECONDS < deadline)) ||
      die "server (pid $pid) still running ${TRINO_STOP_TIMEOUT_S:-30}s after SIGTERM; log tail:"$'\n'"$(tail -n 20 "$LOG_FILE")"
    sleep 0.2
  done
  rm -f "$PID_FILE"
  # The parent writes the JVM's status right after the JVM exits; give it a moment.
  while [[ ! -f "$EXIT_FILE" ]] && ((SECONDS < deadline)); do sleep 0.1; done
  local code
  code="$(cat "$EXIT_FILE" 2>/dev/null || echo unknown)"
  # 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal, a normal stop.
  [[ "$code" == 143 || "$code" == 0 ]] ||
    die "server (pid $pid) exited with status $code after SIGTERM; log tail:"$'\n'"$(tail -n 20 "$LOG_FILE")"
  say "stopped (pid $pid, exit status $code)"
}

status() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then say "running (pid $pid) on http://127.0.0.1:$PORT over $BUCKET_DIR"; return 0; fi
  say "not running (files in $TRINO_DIR)"
  return 3
}

cli() {
  [[ -f "$CLI_JAR" ]] || die "the CLI is not provisioned yet; run 'bash scripts/trino.sh provision' first."
  local java
  java="$(find_java)"
  # The CLI is an executable jar that runs on Java 17+; the server's Java serves it too.
  exec "$java" --enable-native-access=ALL-UNNAMED -jar "$CLI_JAR" --server "http://127.0.0.1:$PORT" --catalog hive --schema realty \
    --session hive.timestamp_precision=MICROSECONDS "$@"
}

case "${1:-}" in
  provision) provision ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  cli) shift; cli "$@" ;;
  *) die "usage: bash scripts/trino.sh start|stop|status|provision|cli [trino-cli args]" ;;
esac
