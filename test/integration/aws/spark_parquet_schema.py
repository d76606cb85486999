# Reads Parquet files with local PySpark (Spark 3.5.4, as AWS Glue 5.0 runs it) and prints what Spark sees:
# the schema's column types and the row count, as JSON on stdout. Usage: python spark_parquet_schema.py FILE...
import json
import sys

from pyspark.sql import SparkSession

spark = (
    SparkSession.builder.master("local[1]")
    .appName("realty-parquet-schema")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
frame = spark.read.parquet(*sys.argv[1:])
fields = [{"name": f.name, "type": f.dataType.simpleString()} for f in frame.schema.fields]
print(json.dumps({"fields": fields, "rows": frame.count()}))
spark.stop()
