import * as v from 'valibot';
import { ENCODER_NAMES } from './adapters/parquet/encoder-by-name.js';

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const positiveInt = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(max, `must be at most ${max}`),
  );
const intFrom = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^-?\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const flag = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false'),
  v.transform((s) => s === 'true' || s === '1' || s === 'yes'),
);
const list = v.pipe(
  v.string(),
  v.transform((s) =>
    s
      .split(/[;\s]+/)
      .map((p) => p.trim())
      .filter(Boolean),
  ),
);
const choice = <const T extends readonly [string, ...string[]]>(options: T) =>
  v.pipe(v.string(), v.trim(), v.picklist(options, `must be one of ${options.join(', ')}`));

/**
 * Every setting, once: its config key, environment variable, CLI flag, default and meaning.
 * The CLI, the handlers and the README's configuration table are all derived from this list.
 */
export const SETTINGS = {
  dataDir: {
    env: 'REALTY_DATA_DIR',
    flag: 'data-dir',
    default: '.realty',
    schema: text,
    doc: 'Directory of the embedded log, bucket and catalog',
  },
  bus: {
    env: 'REALTY_BUS',
    flag: 'bus',
    default: 'embedded',
    schema: choice(['embedded', 'kafka']),
    doc: 'Event bus: the embedded on-disk log or Kafka/MSK',
  },
  kafkaBrokers: {
    env: 'REALTY_KAFKA_BROKERS',
    flag: 'brokers',
    default: '127.0.0.1:9092',
    schema: v.pipe(
      v.string(),
      v.transform((s) =>
        s
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean),
      ),
    ),
    doc: 'Kafka bootstrap servers, comma-separated',
  },
  kafkaAuth: {
    env: 'REALTY_KAFKA_AUTH',
    flag: 'kafka-auth',
    default: 'none',
    schema: choice(['none', 'iam', 'scram']),
    doc: 'Kafka authentication: none (loopback only), iam (MSK IAM), scram (SCRAM-SHA-512)',
  },
  kafkaAllowPlaintext: {
    env: 'REALTY_KAFKA_ALLOW_PLAINTEXT',
    flag: 'kafka-allow-plaintext',
    default: 'false',
    schema: flag,
    doc: 'Allow plaintext Kafka to a non-loopback broker',
  },
  kafkaUsername: {
    env: 'REALTY_KAFKA_USERNAME',
    flag: undefined,
    default: undefined,
    schema: text,
    doc: 'SCRAM-SHA-512 user (environment only)',
  },
  kafkaPassword: {
    env: 'REALTY_KAFKA_PASSWORD',
    flag: undefined,
    default: undefined,
    schema: text,
    doc: 'SCRAM-SHA-512 password (environment only, never logged)',
  },
  topic: {
    env: 'REALTY_TOPIC',
    flag: 'topic',
    default: 'realty.listings.v1',
    schema: v.pipe(text, v.regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a valid Kafka topic name')),
    doc: 'Topic of raw listings (key = property_id)',
  },
  topicPartitions: {
    env: 'REALTY_TOPIC_PARTITIONS',
    flag: 'partitions',
    default: '6',
    schema: positiveInt(1000),
    doc: 'Partitions when the topic is created',
  },
  consumerGroup: {
    env: 'REALTY_CONSUMER_GROUP',
    flag: 'consumer-group',
    default: 'realty-transform',
    schema: text,
    doc: 'Consumer group of the transform',
  },
  store: {
    env: 'REALTY_STORE',
    flag: 'store',
    default: 'local',
    schema: choice(['local', 's3']),
    doc: 'Object store: a local directory (under REALTY_DATA_DIR) or S3 (REALTY_BUCKET, REALTY_REGION; REALTY_S3_ENDPOINT for S3-compatible servers)',
  },
  bucket: {
    env: 'REALTY_BUCKET',
    flag: 'bucket',
    default: 'realty-data',
    schema: v.pipe(text, v.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')),
    doc: 'Bucket name (also the directory name under the data dir)',
  },
  s3Endpoint: {
    env: 'REALTY_S3_ENDPOINT',
    flag: 's3-endpoint',
    default: undefined,
    schema: v.pipe(text, v.url('must be a URL')),
    doc: 'S3-compatible endpoint (tests, MinIO); AWS when unset',
  },
  catalog: {
    env: 'REALTY_CATALOG',
    flag: 'catalog',
    default: 'local',
    schema: choice(['local', 'glue']),
    doc: 'Catalog: a local catalog file (under REALTY_DATA_DIR) or the Glue Data Catalog (REALTY_REGION; REALTY_GLUE_ENDPOINT for Glue-API-compatible servers)',
  },
  glueEndpoint: {
    env: 'REALTY_GLUE_ENDPOINT',
    flag: 'glue-endpoint',
    default: undefined,
    schema: v.pipe(text, v.url('must be a URL')),
    doc: 'Glue-API-compatible endpoint (tests); AWS when unset',
  },
  region: { env: 'REALTY_REGION', flag: 'region', default: 'us-east-1', schema: text, doc: 'AWS region' },
  database: {
    env: 'REALTY_DATABASE',
    flag: 'database',
    default: 'realty',
    schema: v.pipe(text, v.regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case identifier')),
    doc: 'Glue/Hive database',
  },
  engine: {
    env: 'REALTY_ENGINE',
    flag: 'engine',
    default: 'duckdb',
    schema: choice(['duckdb', 'athena', 'trino']),
    doc: 'Query engine',
  },
  parquetEncoder: {
    env: 'REALTY_PARQUET_ENCODER',
    flag: 'parquet-encoder',
    default: 'flat',
    schema: choice(ENCODER_NAMES),
    doc: "Parquet writer used by the transform: `flat` (the project's own, fastest: docs/performance.md), `hyparquet` (hyparquet-writer) or `parquetjs-lite`",
  },
  apiUrl: {
    env: 'REALTY_API_URL',
    flag: 'api-url',
    default: undefined,
    schema: v.pipe(text, v.url('must be a URL')),
    doc: 'Realtor API base URL; unset: `realty run` starts the built-in sandbox',
  },
  apiKey: {
    env: 'REALTY_API_KEY',
    flag: undefined,
    default: undefined,
    schema: text,
    doc: 'RapidAPI key (environment only, never a flag, never logged)',
  },
  apiHost: {
    env: 'REALTY_API_HOST',
    flag: 'api-host',
    default: 'realty-in-us.p.rapidapi.com',
    schema: text,
    doc: 'X-RapidAPI-Host header',
  },
  apiPageSize: {
    env: 'REALTY_API_PAGE_SIZE',
    flag: 'page-size',
    default: '200',
    schema: positiveInt(200),
    doc: 'Results per API request (the API allows 200)',
  },
  apiTimeoutMs: {
    env: 'REALTY_API_TIMEOUT_MS',
    flag: 'api-timeout-ms',
    default: '10000',
    schema: positiveInt(300_000),
    doc: 'Timeout of one API request',
  },
  apiRequestBudget: {
    env: 'REALTY_API_REQUEST_BUDGET',
    flag: 'request-budget',
    default: '5000',
    schema: positiveInt(10_000_000),
    doc: 'Most API requests one ingest run may make',
  },
  searchAreas: {
    env: 'REALTY_SEARCH_AREAS',
    flag: 'areas',
    default: '',
    schema: list,
    doc: 'Search areas separated by spaces, e.g. "postal:90004:for_sale,sold city:Salt+Lake+City,UT:for_rent" (+ for a space in a city); unset: every sandbox area',
  },
  batchSize: {
    env: 'REALTY_BATCH_SIZE',
    flag: 'batch-size',
    default: '100',
    schema: positiveInt(10_000),
    doc: 'MSK event source mapping BatchSize',
  },
  batchWindowSeconds: {
    env: 'REALTY_BATCH_WINDOW_SECONDS',
    flag: 'batch-window-seconds',
    default: undefined,
    schema: intFrom(0, 300),
    doc: "MaximumBatchingWindowInSeconds; unset: AWS's MSK default of 500 ms",
  },
  maxRetryAttempts: {
    env: 'REALTY_MAX_RETRY_ATTEMPTS',
    flag: 'max-retry-attempts',
    default: '3',
    schema: intFrom(-1, 10_000),
    doc: 'MaximumRetryAttempts of a failing batch (-1: until the record expires)',
  },
  maxRecordAgeSeconds: {
    env: 'REALTY_MAX_RECORD_AGE_SECONDS',
    flag: 'max-record-age-seconds',
    default: '-1',
    schema: intFrom(-1, 604_800),
    doc: 'MaximumRecordAgeInSeconds (-1: no limit)',
  },
  bisectOnError: {
    env: 'REALTY_BISECT_ON_ERROR',
    flag: 'bisect-on-error',
    default: 'true',
    schema: flag,
    doc: 'BisectBatchOnFunctionError',
  },
  listings: {
    env: 'REALTY_LISTINGS',
    flag: 'listings',
    default: '3000',
    schema: positiveInt(2_000_000),
    doc: 'Size of the sandbox market',
  },
  seed: {
    env: 'REALTY_SEED',
    flag: 'seed',
    default: '42',
    schema: intFrom(0, 2 ** 31 - 1),
    doc: 'Seed of the sandbox market',
  },
  faults: {
    env: 'REALTY_FAULTS',
    flag: 'faults',
    default: '',
    // Parsed by `realty run` (parseFaultSpec), so a bad spec is one line naming the bad fault or value.
    schema: v.pipe(v.string(), v.trim()),
    doc: 'Faults `realty run` injects into the sandbox and embedded pieces, e.g. `api5xx=0.1,api429=0.1,malformed=0.02,kill-consumer=3` (empty: none)',
  },
  logLevel: {
    env: 'REALTY_LOG_LEVEL',
    flag: 'log-level',
    default: 'info',
    schema: choice(['debug', 'info', 'warn', 'error', 'silent']),
    doc: 'Log level',
  },
  athenaWorkgroup: {
    env: 'REALTY_ATHENA_WORKGROUP',
    flag: 'athena-workgroup',
    default: 'realty',
    schema: v.pipe(text, v.regex(/^[a-zA-Z0-9._-]{1,128}$/, 'must be an Athena workgroup name')),
    doc: 'Athena workgroup the queries run in (the stack creates realty-<stage>)',
  },
  athenaOutputLocation: {
    env: 'REALTY_ATHENA_OUTPUT',
    flag: 'athena-output',
    default: undefined,
    schema: v.pipe(
      text,
      v.regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*$/, 'must be an s3://bucket/prefix/ URI'),
    ),
    doc: "Athena result location; unset: the workgroup's",
  },
  athenaEndpoint: {
    env: 'REALTY_ATHENA_ENDPOINT',
    flag: 'athena-endpoint',
    default: undefined,
    schema: v.pipe(text, v.url('must be a URL')),
    doc: 'Athena-API-compatible endpoint (tests); AWS when unset',
  },
  athenaTimeoutMs: {
    env: 'REALTY_ATHENA_TIMEOUT_MS',
    flag: 'athena-timeout-ms',
    default: '300000',
    schema: positiveInt(3_600_000),
    doc: 'Stop an Athena query still running after this long',
  },
  awsMaxAttempts: {
    env: 'REALTY_AWS_MAX_ATTEMPTS',
    flag: 'aws-max-attempts',
    default: '5',
    schema: positiveInt(20),
    doc: 'Attempts per AWS API call (the SDK retries throttling and 5xx with backoff)',
  },
  glueJobName: {
    env: 'REALTY_GLUE_JOB',
    flag: 'glue-job',
    default: 'realty-compact-listings',
    schema: v.pipe(text, v.regex(/^[\w .:/-]{1,255}$/, 'must be a Glue job name')),
    doc: 'Glue compaction job the compact-trigger starts and catalog-sync follows',
  },
  compactLookbackDays: {
    env: 'REALTY_COMPACT_LOOKBACK_DAYS',
    flag: 'compact-lookback-days',
    default: '2',
    schema: intFrom(0, 366),
    doc: 'Days before the schedule day a compaction run rewrites (late records land in earlier dt partitions)',
  },
  apiKeyParameter: {
    env: 'REALTY_API_KEY_PARAMETER',
    flag: undefined,
    default: undefined,
    schema: v.pipe(
      text,
      v.regex(/^\/[\w./-]{1,1010}$/, 'must be an SSM parameter name like /realty/prod/api-key'),
    ),
    doc: 'SSM parameter (SecureString) holding the API key, read once per Lambda container when REALTY_API_KEY is unset',
  },
  trinoUrl: {
    env: 'REALTY_TRINO_URL',
    flag: 'trino-url',
    default: 'http://127.0.0.1:8080',
    schema: v.pipe(
      text,
      v.url('must be a URL'),
      v.regex(/^https?:\/\//, 'must start with http:// or https://'),
    ),
    doc: 'Trino coordinator of --engine trino (`npm run trino:start` serves the default)',
  },
  trinoUser: {
    env: 'REALTY_TRINO_USER',
    flag: 'trino-user',
    default: 'realty',
    schema: text,
    doc: 'Trino user (X-Trino-User) the queries run as',
  },
  trinoTimeoutMs: {
    env: 'REALTY_TRINO_TIMEOUT_MS',
    flag: 'trino-timeout-ms',
    default: '300000',
    schema: positiveInt(3_600_000),
    doc: 'Cancel a Trino query still running after this long',
  },
  compactEngine: {
    env: 'REALTY_COMPACT_ENGINE',
    flag: 'compact-engine',
    default: 'duckdb',
    schema: choice(['duckdb', 'spark']),
    doc: 'Compaction engine of `realty compact` and `realty run`: DuckDB, or local PySpark running the Glue job (`realty compact --engine`)',
  },
  targetFileBytes: {
    env: 'REALTY_TARGET_FILE_BYTES',
    flag: 'target-file-bytes',
    default: '134217728',
    schema: positiveInt(2 ** 40),
    doc: 'Curated Parquet files are split to stay about this size; small partitions become one file',
  },
  sparkPython: {
    env: 'REALTY_SPARK_PYTHON',
    flag: 'spark-python',
    default: '.cache/venv/bin/python',
    schema: text,
    doc: 'Python with pyspark 3.5.4 for the Spark compactor (`bash scripts/python-env.sh` creates it)',
  },
  sparkJavaHome: {
    env: 'REALTY_SPARK_JAVA_HOME',
    flag: 'spark-java-home',
    default: '/usr/lib/jvm/java-17-openjdk-amd64',
    schema: text,
    doc: 'Java 17 home for the Spark compactor (Spark 3.5 fails on Java 25)',
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
