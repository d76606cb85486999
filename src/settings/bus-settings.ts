import * as v from 'valibot';
import { choice, flag, positiveInt, text } from './value-schemas.js';

/** The event bus: the embedded log or Kafka/MSK. */
export const BUS_SETTINGS = {
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
    // Unset: a new topic gets 2 (fuller raw objects, docs/raw-layout.md) and an existing one keeps its count.
    default: undefined,
    schema: positiveInt(1000),
    doc: 'Partitions of the topic a local run creates; unset: 2 for a new topic, and an existing topic keeps its count (a set count that differs is refused)',
  },
  consumerGroup: {
    env: 'REALTY_CONSUMER_GROUP',
    flag: 'consumer-group',
    default: 'realty-transform',
    schema: text,
    doc: 'Consumer group of the transform',
  },
} as const;
