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

SERVICE=trino NOUN=server PID_MARK="$ETC_DIR/" ADDRESS="http://127.0.0.1:$PORT" SCRIPT=scripts/trino.sh
# shellcheck source=scripts/lib/jvm-service.sh
source "$ROOT/scripts/lib/jvm-service.sh"

find_java() {
  require_java "$JAVA_DIR/bin/java" 24 \
    "Trino $VERSION runs on Java 24+: install a JDK such as Temurin 25, or set TRINO_JAVA_HOME to one."
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

write_config() {
  mkdir -p "$ETC_DIR/catalog" "$TRINO_DIR/var" "$BUCKET_DIR/$METASTORE_DIR"
  sed -e "s|@HEAP@|${TRINO_HEAP:-2G}|g" "$ROOT/scripts/trino/jvm.config" >"$ETC_DIR/jvm.config"
  cp "$ROOT/scripts/trino/log.properties" "$ETC_DIR/log.properties"
  sed -e "s|@PORT@|$PORT|g" -e "s|@SERVER_DIR@|$SERVER_DIR|g" -e "s|@ETC_DIR@|$ETC_DIR|g" \
    "$ROOT/scripts/trino/config.properties" >"$ETC_DIR/config.properties"
  sed -e "s|@BUCKET_DIR@|$BUCKET_DIR|g" -e "s|@METASTORE_DIR@|$METASTORE_DIR|g" \
    "$ROOT/scripts/trino/hive.properties" >"$ETC_DIR/catalog/hive.properties"
}

# Ready means a query over the hive catalog finished: the port opens seconds before the node registers.
probe() { port_in_use "$PORT" && "$(project_node)" "$ROOT/scripts/trino/probe.mjs" "http://127.0.0.1:$PORT"; }

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
  # Trino's launcher runs the server in its data dir; relative paths (var/, heap dumps) land there.
  cd "$TRINO_DIR/var"
  # shellcheck disable=SC2046 # jvm.config holds one JVM flag per line
  launch_detached "$java" -cp "$SERVER_DIR/lib/*" $(grep -v '^#' "$ETC_DIR/jvm.config") \
    -Dconfig="$ETC_DIR/config.properties" -Dlog.levels-file="$ETC_DIR/log.properties" \
    io.trino.server.TrinoServer
  wait_ready probe "${TRINO_START_TIMEOUT_S:-300}" 1
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
  start) control_lock "$TRINO_DIR" && start ;;
  stop) control_lock "$TRINO_DIR" && stop_service "${TRINO_STOP_TIMEOUT_S:-30}" ;;
  status) service_status "over $BUCKET_DIR, files in $TRINO_DIR" ;;
  cli) shift; cli "$@" ;;
  *) die "usage: bash scripts/trino.sh start|stop|status|provision|cli [trino-cli args]" ;;
esac
