#!/usr/bin/env bash
# A local single-node Apache Kafka broker (KRaft, combined mode) from Maven Central jars. No Docker.
#
#   bash scripts/kafka.sh provision   resolve the jars into .cache/kafka/lib (once; reused afterwards)
#   bash scripts/kafka.sh start       provision, format storage once, start on 127.0.0.1, wait until ready
#   bash scripts/kafka.sh stop        SIGTERM, wait for the broker to exit
#   bash scripts/kafka.sh status      exit 0 when running, 3 when not (the LSB convention)
#
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), REALTY_DATA_DIR (.realty; the broker keeps
# its files in $REALTY_DATA_DIR/kafka), JAVA_HOME (Java 17+), KAFKA_HEAP_OPTS (-Xmx1g -Xms256m),
# KAFKA_START_TIMEOUT_S (60), KAFKA_STOP_TIMEOUT_S (30). Optional: KAFKA_SCRAM_PORT adds a SASL/SCRAM-SHA-512
# listener whose user KAFKA_SCRAM_USER/KAFKA_SCRAM_PASSWORD is created when the storage is formatted.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE_DIR="$ROOT/.cache/kafka"
LIB_DIR="$CACHE_DIR/lib"
POM="$ROOT/scripts/kafka/pom.xml"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
DATA_ROOT="${REALTY_DATA_DIR:-.realty}"
[[ "$DATA_ROOT" = /* ]] || DATA_ROOT="$ROOT/$DATA_ROOT"
KAFKA_DIR="$DATA_ROOT/kafka"
LOG_DIR="$KAFKA_DIR/data"
PID_FILE="$KAFKA_DIR/broker.pid"
LOG_FILE="$KAFKA_DIR/broker.log"
CONFIG_FILE="$KAFKA_DIR/server.properties"
EXIT_FILE="$KAFKA_DIR/broker.exit"

die() { echo "kafka: $*" >&2; exit 1; }
say() { echo "kafka: $*"; }

find_java() {
  local home="${JAVA_HOME:-}"
  if [[ -z "$home" && -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then home=/usr/lib/jvm/java-17-openjdk-amd64; fi
  local java="${home:+$home/bin/}java"
  command -v "$java" >/dev/null 2>&1 ||
    die "Java not found (JAVA_HOME='${JAVA_HOME:-}'): install a Java 17+ runtime (apt-get install openjdk-17-jre-headless) or set JAVA_HOME."
  local major
  major="$("$java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p')"
  [[ -n "$major" && "$major" -ge 17 ]] ||
    die "Kafka 4 needs Java 17 or newer; $java is version '${major:-unknown}'. Set JAVA_HOME to a Java 17 installation."
  echo "$java"
}

# Resolves the broker's classpath once; a stamp holding the pom's checksum makes later calls free.
provision() {
  local stamp="$CACHE_DIR/lib.stamp" sum
  sum="$(sha256sum "$POM" | cut -d' ' -f1)"
  mkdir -p "$CACHE_DIR"
  exec 9>"$CACHE_DIR/provision.lock"
  flock 9 # concurrent starts (parallel test files) must not resolve into the same directory at once
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$sum" ]]; then exec 9>&-; return 0; fi
  command -v mvn >/dev/null 2>&1 ||
    die "Maven (mvn) not found: install Maven 3.8+ (apt-get install maven); it resolves the Kafka jars from Maven Central."
  find_java >/dev/null
  say "resolving Kafka jars from Maven Central into ${LIB_DIR#"$ROOT"/} ..."
  rm -rf "$LIB_DIR.tmp"
  mvn -B -q -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB_DIR.tmp" ||
    die "Maven could not resolve $POM (network to repo.maven.apache.org? proxy settings in ~/.m2/settings.xml?)"
  rm -rf "$LIB_DIR" && mv "$LIB_DIR.tmp" "$LIB_DIR"
  echo "$sum" >"$stamp"
  say "$(find "$LIB_DIR" -name '*.jar' | wc -l) jars ready"
  exec 9>&-
}

# The pid of our broker, or nothing: a stale pid file (reboot, crash, pid reuse) does not count.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(cat "$PID_FILE")"
  if [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$CONFIG_FILE"; then
    echo "$pid"
  fi
}

write_config() {
  mkdir -p "$LOG_DIR"
  local templates=("$ROOT/scripts/kafka/server.properties.template")
  [[ -n "${KAFKA_SCRAM_PORT:-}" ]] && templates+=("$ROOT/scripts/kafka/scram.properties.template")
  sed -e "s|@PORT@|$PORT|g" -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" -e "s|@LOG_DIR@|$LOG_DIR|g" \
    -e "s|@SCRAM_PORT@|${KAFKA_SCRAM_PORT:-}|g" "${templates[@]}" >"$CONFIG_FILE"
}

# A cluster id as kafka.tools.StorageTool random-uuid makes it (Kafka's Uuid: 16 random bytes in base64url
# without padding, never starting with "-"), without paying for a JVM start.
random_cluster_id() {
  local id="-"
  while [[ "$id" == -* ]]; do id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"; done
  echo "$id"
}

# KRaft storage is formatted once, with a cluster id kept next to the data.
format_storage() {
  local java="$1"
  [[ -f "$LOG_DIR/meta.properties" ]] && return 0
  local cluster_id
  cluster_id="$(random_cluster_id)"
  local scram=()
  # KRaft keeps SCRAM users in the metadata log; the first ones are written at format time.
  [[ -n "${KAFKA_SCRAM_PORT:-}" ]] &&
    scram=(--add-scram "SCRAM-SHA-512=[name=${KAFKA_SCRAM_USER:?set KAFKA_SCRAM_USER},password=${KAFKA_SCRAM_PASSWORD:?set KAFKA_SCRAM_PASSWORD}]")
  "$java" -cp "$LIB_DIR/*" -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.properties" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG_FILE" "${scram[@]}" >>"$LOG_FILE" 2>&1 ||
    die "formatting $LOG_DIR failed; log tail:"$'\n'"$(tail -n 20 "$LOG_FILE")"
  echo "$cluster_id" >"$KAFKA_DIR/cluster.id"
}

# True while the process runs; a zombie (exited, not yet reaped by this shell) counts as gone.
alive() { [[ -r "/proc/$1/stat" ]] && [[ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]]; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

probe() {
  local node="$ROOT/node_modules/.bin/node"
  [[ -x "$node" ]] || node=node
  "$node" "$ROOT/scripts/kafka/probe.mjs" "127.0.0.1:$PORT" 2>/dev/null
}

start() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then say "already running (pid $pid) on 127.0.0.1:$PORT"; return 0; fi
  for p in "$PORT" "$CONTROLLER_PORT"; do
    port_in_use "$p" && die "port $p on 127.0.0.1 is taken by another process; set KAFKA_PORT/KAFKA_CONTROLLER_PORT to free ports."
  done
  provision
  local java
  java="$(find_java)"
  mkdir -p "$KAFKA_DIR"
  write_config
  format_storage "$java"
  say "starting broker on 127.0.0.1:$PORT (data in ${KAFKA_DIR#"$ROOT"/}, log in ${LOG_FILE#"$ROOT"/})"
  rm -f "$PID_FILE" "$EXIT_FILE"
  # setsid: the broker outlives this script and is not killed with the caller's process group.
  # The small bash parent records the JVM's exit status, so `stop` can tell a clean exit (143) from a crash.
  # It must not inherit the lock descriptors (8, 9), or it would hold the locks for the broker's lifetime.
  # shellcheck disable=SC2016,SC2086 # $1.. expand in the child; KAFKA_HEAP_OPTS holds several JVM flags
  setsid bash -c '"${@:3}" & echo $! >"$1"; wait $!; echo $? >"$2"' kafka-broker "$PID_FILE" "$EXIT_FILE" \
    "$java" ${KAFKA_HEAP_OPTS:--Xmx1g -Xms256m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.properties" \
    -cp "$LIB_DIR/*" kafka.Kafka "$CONFIG_FILE" >>"$LOG_FILE" 2>&1 </dev/null 8>&- 9>&- &
  wait_ready
}

wait_ready() {
  local pid="" deadline=$((SECONDS + ${KAFKA_START_TIMEOUT_S:-60}))
  while ((SECONDS < deadline)); do
    if [[ -f "$EXIT_FILE" ]]; then
      rm -f "$PID_FILE"
      die "broker exited with status $(cat "$EXIT_FILE") during startup; log tail:"$'\n'"$(tail -n 30 "$LOG_FILE")"
    fi
    [[ -z "$pid" && -s "$PID_FILE" ]] && pid="$(cat "$PID_FILE")"
    if [[ -n "$pid" ]] && port_in_use "$PORT" && probe; then say "ready (pid $pid) on 127.0.0.1:$PORT"; return 0; fi
    sleep 0.5
  done
  die "broker (pid ${pid:-?}) did not answer a metadata request within ${KAFKA_START_TIMEOUT_S:-60}s; it is left running for inspection (stop it with 'bash scripts/kafka.sh stop'); log tail:"$'\n'"$(tail -n 30 "$LOG_FILE")"
}

stop() {
  local pid deadline=$((SECONDS + ${KAFKA_STOP_TIMEOUT_S:-30}))
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then rm -f "$PID_FILE"; say "not running"; return 0; fi
  # SIGTERM runs Kafka's shutdown hook (controlled shutdown, log flush); the JVM then exits with 143.
  kill -TERM "$pid"
  while alive "$pid"; do
    ((SECONDS < deadline)) ||
      die "broker (pid $pid) still running ${KAFKA_STOP_TIMEOUT_S:-30}s after SIGTERM; log tail:"$'\n'"$(tail -n 20 "$LOG_FILE")"
    sleep 0.2
  done
  rm -f "$PID_FILE"
  # The parent writes the JVM's status right after the JVM exits; give it a moment.
  while [[ ! -f "$EXIT_FILE" ]] && ((SECONDS < deadline)); do sleep 0.1; done
  local code
  code="$(cat "$EXIT_FILE" 2>/dev/null || echo unknown)"
  # 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal, Kafka's normal stop.
  [[ "$code" == 143 || "$code" == 0 ]] ||
    die "broker (pid $pid) exited with status $code after SIGTERM; log tail:"$'\n'"$(tail -n 20 "$LOG_FILE")"
  say "stopped (pid $pid, exit status $code)"
}

status() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then say "running (pid $pid) on 127.0.0.1:$PORT, data in $KAFKA_DIR"; return 0; fi
  say "not running (data dir $KAFKA_DIR)"
  return 3
}

# One start or stop at a time per data dir: two racing starts would both find the broker absent.
control_lock() { mkdir -p "$KAFKA_DIR" && exec 8>"$KAFKA_DIR/control.lock" && flock 8; }

case "${1:-}" in
  provision) provision ;;
  start) control_lock && start ;;
  stop) control_lock && stop ;;
  status) status ;;
  *) die "usage: bash scripts/kafka.sh start|stop|status|provision" ;;
esac
