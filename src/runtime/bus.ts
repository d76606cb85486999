import { openEmbeddedLog } from '../adapters/event-bus/embedded-log.js';
import { brokerHost, isLoopbackHost } from '../adapters/event-bus/kafka/kafka-options.js';
import type { RealtyConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import type { EventConsumer, EventProducer, TopicSpec } from '../ports/event-bus.js';
import { localPaths } from './local.js';

/** The event bus the configuration names, with what the MSK event says about where records came from. */
export interface Bus {
  producer(): EventProducer;
  consumer(options: { topic: string; groupId: string }): Promise<EventConsumer>;
  /** `eventSourceArn`/`bootstrapServers` for the MSK events the local trigger builds. */
  source: { eventSourceArn: string; bootstrapServers: string };
  close(): Promise<void>;
}

/** Opens the embedded on-disk log or connects to Kafka/MSK, by `config.bus`. */
export async function openBus(config: RealtyConfig): Promise<Bus> {
  if (config.bus === 'kafka') {
    // Loaded only when asked for: the Kafka client is large and the embedded run never needs it.
    const { createKafkaBus } = await import('../adapters/event-bus/kafka-bus.js');
    const kafka = createKafkaBus({
      brokers: config.kafkaBrokers,
      allowPlaintext: config.kafkaAllowPlaintext,
      ...kafkaSecurity(config),
    });
    return {
      producer: () => kafka.producer(),
      consumer: (options) => kafka.consumer(options),
      source: {
        // Encoded as the embedded log's path is: `host:port` would put colons in the ARN's resource part.
        eventSourceArn: `arn:aws:kafka:${config.region}:000000000000:cluster/local/${encodeURIComponent(config.kafkaBrokers.join(','))}`,
        bootstrapServers: config.kafkaBrokers.join(','),
      },
      close: async () => {},
    };
  }
  const log = await openEmbeddedLog({ dir: localPaths(config).log });
  return {
    producer: () => log.producer(),
    consumer: (options) => log.consumer(options),
    source: {
      eventSourceArn: `arn:aws:kafka:${config.region}:000000000000:cluster/embedded/${encodeURIComponent(log.dir)}`,
      bootstrapServers: 'embedded-log',
    },
    close: () => log.close(),
  };
}

/**
 * The topic a handler may create at start, with replication 1: only on the embedded log or a Kafka whose every
 * broker is on loopback (one local broker). On MSK the topic is made at deploy (serverless.yml ListingsTopic,
 * replication 3) or by the operator; a Lambda never creates it, and a missing one fails the produce by name.
 */
export function topicCreatedAtStart(
  config: Pick<RealtyConfig, 'bus' | 'kafkaBrokers' | 'topic' | 'topicPartitions'>,
): TopicSpec | undefined {
  const local =
    config.bus !== 'kafka' || config.kafkaBrokers.every((address) => isLoopbackHost(brokerHost(address)));
  if (!local) return undefined;
  return localTopicSpec(config);
}

/**
 * Partitions of a topic a local run creates when REALTY_TOPIC_PARTITIONS is unset. A raw object holds one
 * partition's records of a day, so fewer partitions make fuller objects: the default sandbox market's ~2,550
 * listings a day make objects of ~1,275 rows over 2 partitions, ~425 over 6 (docs/raw-layout.md).
 */
export const DEFAULT_LOCAL_TOPIC_PARTITIONS = 2;

/**
 * The topic a local run (embedded log, or one local broker) ensures: the configured partition count, refused
 * by name when an existing topic has another; unset, a new topic gets the default and an existing one keeps its own.
 */
export function localTopicSpec(config: Pick<RealtyConfig, 'topic' | 'topicPartitions'>): TopicSpec {
  const base = { topic: config.topic, replicationFactor: 1 };
  if (config.topicPartitions === undefined) {
    return { ...base, partitions: DEFAULT_LOCAL_TOPIC_PARTITIONS, keepExistingPartitions: true };
  }
  return {
    ...base,
    partitions: config.topicPartitions,
    partitionsSetting: 'REALTY_TOPIC_PARTITIONS (--partitions)',
  };
}

function kafkaSecurity(config: RealtyConfig) {
  if (config.kafkaAuth === 'iam') {
    return {
      tls: true,
      sasl: { mechanism: 'OAUTHBEARER' as const, provider: 'msk-iam' as const, region: config.region },
    };
  }
  if (config.kafkaAuth === 'scram') {
    if (!config.kafkaUsername || !config.kafkaPassword) {
      throw new ConfigError(
        'REALTY_KAFKA_AUTH=scram needs REALTY_KAFKA_USERNAME and REALTY_KAFKA_PASSWORD in the environment',
      );
    }
    return {
      tls: true,
      sasl: {
        mechanism: 'SCRAM-SHA-512' as const,
        username: config.kafkaUsername,
        password: config.kafkaPassword,
      },
    };
  }
  return {};
}
