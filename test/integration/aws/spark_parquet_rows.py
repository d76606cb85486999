# Reads Parquet files with local PySpark (Spark 3.5.4, as AWS Glue 5.0 runs it), one Spark session for many
# jobs. Usage: python spark_parquet_rows.py JOBS_JSON, where JOBS_JSON is a list of
# {"id", "files", "rows": bool, "filters": [SQL predicate, ...]}. Prints one JSON line per job:
# {"id", "fields": [{name, type}], "count", "rows": [...] (timestamps as epoch milliseconds, dates as
# yyyy-MM-dd), "counts": [rows matching each filter]}. Filters go through Spark's Parquet filter pushdown,
# which skips row groups by their min/max statistics, so wrong statistics show as wrong counts.
import json
import sys

from pyspark.sql import SparkSession, functions as F
from pyspark.sql.types import DateType, TimestampType

spark = (
    SparkSession.builder.master("local[1]")
    .appName("realty-parquet-rows")
    .config("spark.ui.enabled", "false")
    # One short-lived JVM: C1 only and the serial collector, as the compaction job's local runs.
    .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")


def plain(field):
    column = F.col(f"`{field.name}`")
    if isinstance(field.dataType, TimestampType):
        return F.expr(f"unix_millis(`{field.name}`)").alias(field.name)
    if isinstance(field.dataType, DateType):
        return F.date_format(column, "yyyy-MM-dd").alias(field.name)
    return column


for job in json.loads(sys.argv[1]):
    frame = spark.read.parquet(*job["files"])
    out = {
        "id": job["id"],
        "fields": [{"name": f.name, "type": f.dataType.simpleString()} for f in frame.schema.fields],
        "count": frame.count(),
        "counts": [frame.where(predicate).count() for predicate in job.get("filters", [])],
    }
    if job.get("rows"):
        out["rows"] = [row.asDict() for row in frame.select(*[plain(f) for f in frame.schema.fields]).collect()]
    print(json.dumps(out), flush=True)
spark.stop()
