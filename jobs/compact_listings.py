"""Compacts raw listings into the curated listings_history and listings_current tables.

An AWS Glue 5.0 job (Spark 3.5.4, Python 3.11); runs the same way locally with pyspark==3.5.4 on Java 17.
The rules live in jobs/compaction/*.sql, the spec DuckDB runs too: this script only feeds them their
inputs, writes their results and records what it did. See jobs/README.md.

  --raw-path URI           listings_raw's location, e.g. s3://bucket/raw/listings
  --curated-path URI       root of the curated tables, e.g. s3://bucket/curated
  --manifest-path URI      where manifests go (<curated-path>/_manifests)
  --database NAME          Hive/Glue database of the curated tables (realty)
  --partitions LIST        (day, state) pairs with new data, "dt=YYYY-MM-DD/state=XX,..."
  --dt-from/--dt-to DAY    or: every state found in the raw files of these days (inclusive)
                           with neither, the (day, state) pairs found in raw files newer than the last
                           successful run's watermark (every file on a first run)
  --target-file-bytes N    curated files are split to stay about this size (134217728)
  --run-id ID              names the manifest; Glue's JOB_RUN_ID by default
  --watermark-ms MS        instant after which raw files are new to the next run (start - grace by default)
  --local-metastore DIR    local runs: Derby metastore and warehouse under DIR, master local[2]
Every option also answers to its underscore spelling (--raw_path ...), as Glue job parameters are written.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

PARTITION = re.compile(r"^dt=(\d{4}-\d{2}-\d{2})/state=([A-Z]{2})$")
# listings_raw is partitioned by dt only: one object per invocation and day holds every state (a column).
RAW_FILE = re.compile(r"/dt=(\d{4}-\d{2}-\d{2})/[^/]+\.parquet")
STEPS = ["listing", "deduplicating", "history", "current", "writing", "manifest"]
# Orders the rows of any partition totally, as src/adapters/compactor/duckdb-relations.ts rowOrder does.
ROW_ORDER = {"listings_history": ["property_id", "event_id"], "listings_current": ["property_id", "event_id"],
             "market_weekly": ["postal_code", "city", "week_start"],
             "price_changes": ["property_id", "change_dt"],
             "listing_outcomes": ["property_id", "event_id"]}
TABLES = {
    # name: (location under --curated-path, partition keys)
    "listings_history": ("listings_history", ["dt", "state"]),
    "listings_current": ("listings_current", ["state"]),
    "market_weekly": ("market_weekly", ["dt", "state"]),
    "price_changes": ("price_changes", ["dt", "state"]),
    "listing_outcomes": ("listing_outcomes", ["state"]),
}
# Gold tables partitioned by week (dt = its Monday): a run owns every week of its scope, also those it found empty.
WEEKLY_GOLD = ("market_weekly", "price_changes")
SPEC = ("observations", "listings_history", "listings_current", "market_weekly", "price_changes",
        "listing_outcomes")
# listing_outcomes' columns (src/pipeline/listing-outcomes-table.ts), for the empty outcomes_before of a first run.
OUTCOME_COLUMNS = (
    "event_id string, property_id string, listing_id string, city string, postal_code string, county string, "
    "property_type string, list_date timestamp, first_seen_dt string, days_listed_before_first_seen int, "
    "list_month int, season string, beds int, baths double, sqft bigint, lot_sqft bigint, year_built int, "
    "property_age_years int, stories int, garage int, lat double, lon double, is_new_construction boolean, "
    "is_foreclosure boolean, previous_sold_price bigint, previous_sold_date date, estimate bigint, "
    "list_price bigint, price_per_sqft double, market_week_start date, zip_median_price_per_sqft double, "
    "price_per_sqft_vs_zip double, zip_median_list_price double, zip_active_listings bigint, "
    "zip_new_listings bigint, zip_sold_listings bigint, zip_median_days_on_market double, "
    "zip_price_cut_share double, zip_months_of_supply double, prior_price_cuts bigint, "
    "prior_price_cut_total bigint, last_seen_dt string, days_observed int, outcome string, pending_dt string, "
    "days_to_pending int, sale_date date, sale_price bigint, days_to_sale int, sale_to_list_ratio double, "
    "sold_within_30_days boolean, sold_within_60_days boolean, sold_within_90_days boolean, price_cuts bigint, "
    "price_cut_total bigint, price_cut_pct double, state string"
)
# What listings_history.sql reads of the history rows it redoes and of listings_current.
REDONE_COLUMNS = ["property_id", "state", "dt", "previous_dt", "previous_list_price", "previous_status",
                  "list_price_change", "price_cuts", "price_cut_total", "first_cut_dt",
                  "first_contract_dt"]
# What market_weekly.sql reads of the stored week before the scope (duckdb-steps.ts WEEK_BEFORE_COLUMNS).
WEEK_BEFORE_SCHEMA = ("city string, postal_code string, week_start date, median_list_price double, "
                      "median_price_per_sqft double, active_listings bigint, median_days_on_market double, "
                      "dt string, state string")
WATERMARK_GRACE_MS = 300_000  # files being written while a run lists are picked up by the next run


def parse_args(argv):
    # No abbreviations: one of Glue's own arguments must never be read as a prefix of ours.
    parser = argparse.ArgumentParser(description="Compact raw listings into curated tables", allow_abbrev=False)
    # Each option also answers to its underscore spelling, the one Glue's getResolvedOptions expects.
    def option(name, **kwargs):
        parser.add_argument(f"--{name}", f"--{name.replace('-', '_')}", **kwargs)

    option("raw-path", required=True)
    option("curated-path", required=True)
    option("manifest-path", default="")
    option("database", default="realty")
    option("partitions", default="")
    option("dt-from", default="")
    option("dt-to", default="")
    option("target-file-bytes", type=int, default=128 * 1024 * 1024)
    option("run-id", default="")
    parser.add_argument("--JOB_RUN_ID", dest="job_run_id", default="")
    option("watermark-ms", type=int, default=None)
    option("local-metastore", default="")
    option("sql-dir", default="")
    # Glue adds its own arguments (--JOB_ID, --TempDir, --enable-glue-datacatalog ...): ignore them.
    args, _ = parser.parse_known_args(argv)
    if args.target_file_bytes < 1:
        fail(f"--target-file-bytes {args.target_file_bytes} is not a positive number of bytes; use e.g. 134217728")
    args.run_id = args.run_id or args.job_run_id or f"spark-{int(time.time() * 1000)}-{uuid.uuid4().hex[:8]}"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}", args.run_id):
        fail(f"--run-id {args.run_id!r} cannot name a manifest; use letters, digits, '_', '.' or '-'")
    for day in (args.dt_from, args.dt_to):
        if day and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            fail(f"--dt-from/--dt-to {day!r} is not a day written YYYY-MM-DD")
    args.raw_path = args.raw_path.rstrip("/")
    args.curated_path = args.curated_path.rstrip("/")
    args.manifest_path = (args.manifest_path or f"{args.curated_path}/_manifests").rstrip("/")
    return args


def emit(kind, payload):
    print(f"REALTY_{kind} {json.dumps(payload)}", flush=True)


def fail(message):
    emit("ERROR", {"message": message})
    sys.exit(2)


def progress(step):
    emit("PROGRESS", {"step": step, "done": STEPS.index(step), "total": len(STEPS)})


def spark_session(args):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("realty-compact-listings").enableHiveSupport()
    if args.local_metastore:
        home = os.path.abspath(args.local_metastore)
        builder = (
            builder.master("local[2]")
            # A local run is one short-lived JVM: C1 only, not C2 compiling Catalyst's hot paths on the same two
            # cores, and the serial collector; 76 s -> 35 s for a ten-row compaction (jobs/README.md).
            .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            # One machine: a few shuffle partitions, not the cluster default of 200.
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.warehouse.dir", os.path.join(home, "warehouse"))
            .config("spark.local.dir", os.path.join(home, "tmp"))
            .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                    f"jdbc:derby:;databaseName={os.path.join(home, 'metastore_db')};create=true")
            # No .crc side files next to the bucket's objects.
            .config("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem")
            .config("spark.hadoop.fs.file.impl.disable.cache", "true")
        )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    for key, value in {
        # Both engines and Athena run in UTC: casting a timestamp to a date depends on it.
        "spark.sql.session.timeZone": "UTC",
        # Replace only the partitions this run writes.
        "spark.sql.sources.partitionOverwriteMode": "dynamic",
        "hive.exec.dynamic.partition.mode": "nonstrict",
        # dt=2026-11-20 stays a string, as in the catalog (Spark would read a DATE).
        "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
        # INT64 micros with isAdjustedToUTC, as DuckDB writes and reads them (Spark's default is INT96).
        "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
        # Proleptic Gregorian dates as they are, like every other engine (no Julian rebase, no error).
        "spark.sql.parquet.datetimeRebaseModeInWrite": "CORRECTED",
        "spark.sql.parquet.datetimeRebaseModeInRead": "CORRECTED",
        "spark.sql.parquet.int96RebaseModeInWrite": "CORRECTED",
        "spark.sql.parquet.int96RebaseModeInRead": "CORRECTED",
        "spark.sql.parquet.compression.codec": "snappy",
        # Let adaptive execution coalesce the shuffles of the cached steps too (Spark 4 does by default).
        "spark.sql.optimizer.canChangeCachedPlanOutputPartitioning": "true",
    }.items():
        spark.conf.set(key, value)
    spark.sparkContext._jsc.hadoopConfiguration().set("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
    return spark


class Files:
    """The bucket through Hadoop's FileSystem: S3 on Glue, the local disk in tests."""

    def __init__(self, spark):
        self.jvm = spark._jvm
        self.conf = spark._jsc.hadoopConfiguration()

    def _fs(self, uri):
        path = self.jvm.org.apache.hadoop.fs.Path(uri)
        return path, path.getFileSystem(self.conf)

    def qualified(self, uri):
        """The URI as the file system spells it (file:/x for file:///x), so paths compare as strings."""
        path, fs = self._fs(uri)
        return fs.makeQualified(path).toString().rstrip("/")

    def list_files(self, uri):
        """(path relative to uri, bytes, modified ms) of every file under uri, recursively."""
        path, fs = self._fs(uri)
        if not fs.exists(path):
            return []
        root = self.qualified(uri)
        found, files = [], fs.listFiles(path, True)
        while files.hasNext():
            status = files.next()
            found.append((status.getPath().toString()[len(root):], status.getLen(), status.getModificationTime()))
        return found

    def glob_files(self, pattern):
        path, fs = self._fs(pattern)
        statuses = fs.globStatus(path) or []
        return [(s.getPath().toString(), s.getLen()) for s in statuses if s.isFile()]

    def delete(self, uri):
        path, fs = self._fs(uri)
        fs.delete(path, True)

    def children(self, uri):
        path, fs = self._fs(uri)
        return [s.getPath().toString() for s in fs.listStatus(path)] if fs.exists(path) else []

    def read_text(self, uri):
        path, fs = self._fs(uri)
        if not fs.exists(path):
            return None
        stream = fs.open(path)
        try:
            return self.jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8")
        finally:
            stream.close()

    def write_text(self, uri, text):
        path, fs = self._fs(uri)
        # S3 makes an object visible whole on close; on a local disk, write aside and rename over it.
        target = path
        if uri.startswith("file:"):
            target = self.jvm.org.apache.hadoop.fs.Path(path.getParent(), f".realty-tmp-{uuid.uuid4().hex}")
        stream = fs.create(target, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()
        if target is not path and not fs.rename(target, path):
            fs.delete(path, False)
            if not fs.rename(target, path):
                raise RuntimeError(f"could not move the manifest into {uri}")


def is_data_file(uri):
    name = uri.rsplit("/", 1)[-1]
    return name.endswith(".parquet") and not name.startswith((".", "_"))


def raw_partitions(files):
    """{dt: [(relative path, bytes, modified ms)]} of raw data files; Hive's rule: names starting with '.' or
    '_' are not data."""
    partitions = {}
    for relative, size, modified in files:
        match = RAW_FILE.fullmatch(relative)
        if match and "/." not in relative and "/_" not in relative:
            partitions.setdefault(match.group(1), []).append((relative, size, modified))
    return partitions


def day_states(spark, args, raw_files):
    """The (dt, state) pairs in `raw_files`: state is a column of the raw objects, not a path segment."""
    if not raw_files:
        return []
    uris = [args.raw_path + relative for relative, _, _ in raw_files]
    rows = spark.read.option("basePath", args.raw_path).parquet(*uris).select("dt", "state").distinct().collect()
    return sorted((row["dt"], row["state"]) for row in rows)


def explicit(args):
    """True when the caller named what to compact (partitions or days) rather than leaving it to the watermark."""
    return bool(args.partitions.strip() or args.dt_from or args.dt_to)


def changed_files(args, files_by_partition, latest):
    """The raw files whose (day, state) pairs a run without --partitions compacts: those of the days asked
    for, or those newer than the last successful run's watermark (every file on a first run)."""
    if args.dt_from or args.dt_to:
        low, high = args.dt_from or "0000-00-00", args.dt_to or "9999-99-99"
        return sorted(f for dt, group in files_by_partition.items() if low <= dt <= high for f in group)
    watermark = latest["watermarkMs"] if latest else None
    return sorted(f for group in files_by_partition.values() for f in group
                  if watermark is None or f[2] > watermark)


def explicit_partitions(args):
    requested = []
    for entry in (e.strip() for e in args.partitions.split(",")):
        match = PARTITION.match(entry)
        if not match:
            fail(f"partition {entry!r} is not written dt=YYYY-MM-DD/state=XX; separate several with commas")
        requested.append((match.group(1), match.group(2)))
    return requested


def requested_partitions(spark, args, files_by_partition, latest):
    if args.partitions.strip() and not (args.dt_from or args.dt_to):
        return explicit_partitions(args)
    return day_states(spark, args, changed_files(args, files_by_partition, latest))


def compaction_scope(requested):
    """Every raw day of a state from its earliest changed day on: a late day changes the days after it."""
    from_dt = {}
    for dt, state in requested:
        from_dt[state] = min(dt, from_dt.get(state, dt))
    return [{"state": s, "fromDt": from_dt[s]} for s in sorted(from_dt)]


def rows_per_file(target_bytes, input_bytes, input_rows):
    """The same formula as src/compaction/compaction-scope.ts rowsPerFile."""
    if input_rows <= 0 or input_bytes <= 0:
        return 2**53 - 1
    return max(1, math.floor(target_bytes / (input_bytes / input_rows)))


def empty_history(spark, raw):
    """An empty frame with listings_history's columns (raw's, the change columns, dt and state), for a first run."""
    changes = ["CAST(NULL AS STRING) AS previous_dt", "CAST(NULL AS BIGINT) AS previous_list_price",
               "CAST(NULL AS BIGINT) AS list_price_change", "CAST(NULL AS DOUBLE) AS list_price_change_pct",
               "CAST(NULL AS STRING) AS previous_status", "CAST(NULL AS BOOLEAN) AS status_changed",
               "CAST(NULL AS INT) AS days_since_listed", "CAST(NULL AS BIGINT) AS price_cuts",
               "CAST(NULL AS BIGINT) AS price_cut_total", "CAST(NULL AS STRING) AS first_cut_dt",
               "CAST(NULL AS BIGINT) AS previous_sold_price", "CAST(NULL AS DATE) AS previous_sold_date",
               "CAST(NULL AS BIGINT) AS sale_price", "CAST(NULL AS DATE) AS sale_date",
               "CAST(NULL AS STRING) AS first_contract_dt"]
    columns = [c for c in raw.columns if c not in ("dt", "state")]
    return raw.selectExpr(*columns, *changes, "dt", "state").limit(0)


def read_parquet(spark, base, uris, empty):
    if not uris:
        return empty
    # mergeSchema: files written before a column was added lack it; the merged schema has it, read as null
    # there (as Athena reads them), and a column no file has yet is added as a typed null.
    frame = spark.read.option("basePath", base).option("mergeSchema", "true").parquet(*uris)
    from pyspark.sql.functions import lit

    for field in empty.schema.fields:
        if field.name not in frame.columns:
            frame = frame.withColumn(field.name, lit(None).cast(field.dataType))
    return frame


def load_sql(args):
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [args.sql_dir, os.path.join(here, "compaction"), here, os.getcwd()]
    for directory in (c for c in candidates if c):
        if os.path.exists(os.path.join(directory, "observations.sql")):
            return {name: open(os.path.join(directory, f"{name}.sql"), encoding="utf-8").read() for name in SPEC}
    fail("the compaction spec (observations.sql ...) was not found; ship jobs/compaction/*.sql with the job "
         "(Glue: --extra-files) or pass --sql-dir")


def ensure_table(spark, files, database, name, location, frame, partition_keys):
    """An external Parquet table over `location` with the frame's columns (created once; moved if relocated)."""
    table = f"`{database}`.`{name}`"
    spark.sql(f"CREATE DATABASE IF NOT EXISTS `{database}`")
    if spark.catalog.tableExists(f"{database}.{name}"):
        described = spark.sql(f"DESCRIBE TABLE EXTENDED {table}").collect()
        where = next((r.data_type for r in described if r.col_name == "Location"), "")
        if files.qualified(where) == files.qualified(location):
            return
        spark.sql(f"DROP TABLE {table}")  # external: the files stay
    columns = ", ".join(f"`{f.name}` {f.dataType.simpleString()}" for f in frame.schema.fields)
    keys = ", ".join(f"`{k}`" for k in partition_keys)
    spark.sql(f"CREATE TABLE {table} ({columns}) USING PARQUET PARTITIONED BY ({keys}) LOCATION '{location}'")


def drop_stale_weeks(files, location, scope, written):
    """Deletes the week partitions of the scope that this run rebuilt and found empty (stale_weeks.ts's rule)."""
    from_week = {entry["state"]: week_start(entry["fromDt"]) for entry in scope}
    for relative, _, _ in files.list_files(location):
        found = re.search(r"^/?dt=(\d{4}-\d{2}-\d{2})/state=([A-Z]{2})/[^/]+$", relative)
        if not found or not is_data_file(relative):
            continue
        dt, state = found.group(1), found.group(2)
        if state in from_week and dt >= from_week[state] and (dt, state) not in written:
            files.delete(location + ("" if relative.startswith("/") else "/") + relative)


def write_table(spark, args, files, name, frame, per_file, scope):
    """Dynamic partition overwrite: only the partitions present in `frame` are replaced."""
    folder, keys = TABLES[name]
    location = f"{args.curated_path}/{folder}"
    for child in files.children(location):
        # A killed run's staging tree: Spark and Athena skip it, DuckDB's ** glob would not.
        if child.rsplit("/", 1)[-1].startswith((".spark-staging-", "_temporary")):
            files.delete(child)
    ensure_table(spark, files, args.database, name, location, frame, keys)
    counts = {tuple(r[k] for k in keys): r["count"] for r in frame.groupBy(*keys).count().collect()}
    tasks = max(1, min(len(counts), 2000))
    order = [frame[c].asc_nulls_last() for c in ROW_ORDER[name]]
    (frame.repartition(tasks, *keys).sortWithinPartitions(*[frame[k] for k in keys], *order)
        .write.option("maxRecordsPerFile", per_file).insertInto(f"`{args.database}`.`{name}`", overwrite=True))
    if name in WEEKLY_GOLD:
        drop_stale_weeks(files, location, scope, set(counts))
    partitions = []
    for values in sorted(counts):
        path = "".join(f"{k}={v}/" for k, v in zip(keys, values))
        written = [f for f in files.glob_files(f"{location}/{path}*") if is_data_file(f[0])]
        partitions.append({"values": list(values), "location": f"curated/{folder}/{path}",
                           "files": len(written), "bytes": sum(size for _, size in written),
                           "rows": counts[values]})
    return {"name": name, "location": f"curated/{folder}/", "partitionKeys": keys, "partitions": partitions}


def context_week(day):
    """The Monday of the week before day's week: the market week listing_outcomes takes a new episode's zip context from
    (src/compaction/market-context-week.ts)."""
    return (datetime.strptime(week_start(day), "%Y-%m-%d") - timedelta(days=7)).strftime("%Y-%m-%d")


def outcome_inputs(spark, args, files, scope, weekly):
    """outcomes_before (listing_outcomes of the scope's states) and market_weekly_before (the week before each
    state's from_dt week), as listing_outcomes.sql reads them."""
    read_parquet(spark, f"{args.curated_path}/market_weekly",
                 context_files(files, args, "market_weekly", scope, lambda dt, start: dt == context_week(start)),
                 weekly.limit(0)).createOrReplaceTempView("market_weekly_before")
    read_parquet(spark, f"{args.curated_path}/listing_outcomes",
                 context_files(files, args, "listing_outcomes", scope),
                 spark.createDataFrame([], OUTCOME_COLUMNS)).createOrReplaceTempView("outcomes_before")


def iso(ms):
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def week_start(day):
    """The Monday of the week of day 'YYYY-MM-DD' (date_trunc('week'))."""
    parsed = datetime.strptime(day, "%Y-%m-%d")
    return (parsed - timedelta(days=parsed.weekday())).strftime("%Y-%m-%d")


def week_before(day):
    """The Monday of the week before the week of day 'YYYY-MM-DD'."""
    return (datetime.strptime(week_start(day), "%Y-%m-%d") - timedelta(days=7)).strftime("%Y-%m-%d")


def context_files(files, args, folder, scope, days=None):
    """Curated files of the scope's states; of a dt-partitioned table, those whose day passes `days(dt, from_dt)`.
    One recursive listing of the table (a glob per state would list every day's directory once per state)."""
    from_dt = {entry["state"]: entry["fromDt"] for entry in scope}
    root = f"{args.curated_path}/{folder}"
    found = []
    for relative, _, _ in files.list_files(root):
        state = re.search(r"/state=([^/]+)/", relative)
        dt = re.search(r"/dt=([^/]+)/", relative)
        if not (state and state.group(1) in from_dt and is_data_file(relative)) or "/." in relative or "/_" in relative:
            continue
        if not days or (dt and days(dt.group(1), from_dt[state.group(1)])):
            found.append(root + relative)
    return found


def compact(spark, args, started_ms):
    files = Files(spark)
    manifests = args.manifest_path
    progress("listing")
    by_partition = raw_partitions(files.list_files(args.raw_path))
    latest_text = files.read_text(f"{manifests}/latest.json")
    latest = json.loads(latest_text) if latest_text else None
    scope = compaction_scope(requested_partitions(spark, args, by_partition, latest))
    # A raw day holds every state: the spec's join on compaction_scope keeps the states in scope.
    in_scope = {dt: f for dt, f in by_partition.items() if any(dt >= s["fromDt"] for s in scope)}
    raw_files = [f for group in in_scope.values() for f in group]
    input_bytes = sum(size for _, size, _ in raw_files)
    watermark = args.watermark_ms
    if watermark is None:
        # Explicit partitions say nothing about what else arrived: such a run keeps the previous watermark.
        watermark = (latest or {}).get("watermarkMs", 0) if explicit(args) else max(0, started_ms - WATERMARK_GRACE_MS)
    tables = []
    counts = {"rows": 0, "observations": 0}
    per_file = rows_per_file(args.target_file_bytes, input_bytes, 0)
    if raw_files:
        sql = load_sql(args)
        dirs = sorted({args.raw_path + relative.rsplit("/", 1)[0] for relative, _, _ in raw_files})
        raw = spark.read.option("basePath", args.raw_path).parquet(*dirs)
        raw.createOrReplaceTempView("raw_listings")
        spark.createDataFrame([(s["state"], s["fromDt"]) for s in scope], "state string, from_dt string") \
            .createOrReplaceTempView("compaction_scope")
        # The state: listings_current, plus the history days this run redoes (none on a daily run).
        current_base = f"{args.curated_path}/listings_current"
        history_base = f"{args.curated_path}/listings_history"
        current_files = context_files(files, args, "listings_current", scope)
        read_parquet(spark, current_base, current_files,
                     empty_history(spark, raw)).createOrReplaceTempView("current_before")
        read_parquet(spark, history_base,
                     context_files(files, args, "listings_history", scope, lambda dt, start: dt >= start),
                     empty_history(spark, raw)).createOrReplaceTempView("history_redone")
        read_parquet(spark, history_base,
                     context_files(files, args, "listings_history", scope,
                                   lambda dt, start: week_start(start) <= dt < start),
                     empty_history(spark, raw)).createOrReplaceTempView("history_week_before")
        # The stored week before the scope's first week: market_weekly pairs that week with it.
        read_parquet(spark, f"{args.curated_path}/market_weekly",
                     context_files(files, args, "market_weekly", scope,
                                   lambda dt, start: dt == week_before(start)),
                     spark.createDataFrame([], WEEK_BEFORE_SCHEMA)).createOrReplaceTempView("weekly_before")
        progress("deduplicating")
        observations = spark.sql(sql["observations"]).persist()
        observations.createOrReplaceTempView("observations")
        counts = {"rows": raw.count(), "observations": observations.count()}
        per_file = rows_per_file(args.target_file_bytes, input_bytes, counts["rows"])
        progress("history")
        # Checkpointed, not just cached: writing listings_history replaces files history_redone read, and Spark
        # re-caches whatever reads an overwritten path, so a cached frame would be computed again from the new
        # files (losing the day before the scope) when listings_current and market_weekly read it.
        history = spark.sql(sql["listings_history"]).localCheckpoint(eager=True)
        history.createOrReplaceTempView("listings_history_new")
        progress("current")
        current = spark.sql(sql["listings_current"]).localCheckpoint(eager=True)
        weekly = spark.sql(sql["market_weekly"]).localCheckpoint(eager=True)
        changes = spark.sql(sql["price_changes"]).localCheckpoint(eager=True)
        weekly.createOrReplaceTempView("market_weekly_new")
        outcome_inputs(spark, args, files, scope, weekly)
        outcomes = spark.sql(sql["listing_outcomes"]).localCheckpoint(eager=True)
        progress("writing")
        tables = [write_table(spark, args, files, name, frame, per_file, scope)
                  for name, frame in (("listings_history", history), ("listings_current", current),
                                      ("market_weekly", weekly), ("price_changes", changes),
                                      ("listing_outcomes", outcomes))]
    progress("manifest")
    manifest = {
        "version": 1, "runId": args.run_id, "engine": "spark", "database": args.database,
        "startedAt": iso(started_ms), "finishedAt": iso(int(time.time() * 1000)), "watermarkMs": watermark,
        "targetFileBytes": args.target_file_bytes, "rowsPerFile": per_file, "scope": scope,
        "input": {"partitions": len(in_scope), "files": len(raw_files), "bytes": input_bytes, **counts},
        "tables": tables,
    }
    text = json.dumps(manifest, indent=2) + "\n"
    files.write_text(f"{manifests}/runs/{args.run_id}.json", text)
    files.write_text(f"{manifests}/latest.json", text)
    emit("RESULT", {"runId": args.run_id, "manifest": f"{manifests}/runs/{args.run_id}.json"})


def main(argv):
    started_ms = int(time.time() * 1000)
    args = parse_args(argv)
    spark = spark_session(args)
    try:
        compact(spark, args, started_ms)
    except Exception as error:  # noqa: BLE001 - reported to the caller as one line, then re-raised for Glue
        emit("ERROR", {"message": str(error).split("\n")[0][:2000]})
        raise
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
