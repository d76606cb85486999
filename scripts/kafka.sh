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

SERVICE=kafka NOUN=broker PID_MARK="$CONFIG_FILE" ADDRESS="127.0.0.1:$PORT" SCRIPT=scripts/kafka.sh
# shellcheck source=scripts/lib/jvm-service.sh
source "$ROOT/scripts/lib/jvm-service.sh"

find_java() {
  local home="${JAVA_HOME:-}"
  if [[ -z "$home" && -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then home=/usr/lib/jvm/java-17-openjdk-amd64; fi
  require_java "${home:+$home/bin/}java" 17 \
    "Kafka 4 runs on Java 17+: install one (apt-get install openjdk-17-jre-headless) or set JAVA_HOME to it."
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

# Ready means the broker answers a metadata request, not only that its port is open.
probe() { port_in_use "$PORT" && "$(project_node)" "$ROOT/scripts/kafka/probe.mjs" "127.0.0.1:$PORT" 2>/dev/null; }

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
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several JVM flags
  launch_detached "$java" ${KAFKA_HEAP_OPTS:--Xmx1g -Xms256m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.properties" \
    -cp "$LIB_DIR/*" kafka.Kafka "$CONFIG_FILE"
  wait_ready probe "${KAFKA_START_TIMEOUT_S:-60}" 0.5
}

case "${1:-}" in
  provision) provision ;;
  start) control_lock "$KAFKA_DIR" && start ;;
  stop) control_lock "$KAFKA_DIR" && stop_service "${KAFKA_STOP_TIMEOUT_S:-30}" ;;
  status) service_status "data in $KAFKA_DIR" ;;
  *) die "usage: bash scripts/kafka.sh start|stop|status|provision" ;;
esac
