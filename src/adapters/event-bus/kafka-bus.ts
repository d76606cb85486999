import type { EventConsumer, EventProducer } from '../../ports/event-bus.js';
import type { ClientOptionsExtras } from './kafka/client-options.js';
import { type KafkaConsumerTarget, openKafkaConsumer } from './kafka/kafka-consumer.js';
import {
  type KafkaBusOptions,
  parseKafkaBusOptions,
  type ResolvedKafkaOptions,
} from './kafka/kafka-options.js';
import { createKafkaProducer } from './kafka/kafka-producer.js';

export type { KafkaBusOptions } from './kafka/kafka-options.js';

/** The EventBus port on Apache Kafka / Amazon MSK. */
export interface KafkaBus {
  readonly options: ResolvedKafkaOptions;
  /** A new idempotent producer; close it when done. */
  producer(): EventProducer;
  /** Joins `groupId` on `topic` and returns the member; close it to leave the group. */
  consumer(target: KafkaConsumerTarget): Promise<EventConsumer>;
}

/** Validates the options (ConfigError on any problem, e.g. plaintext to a non-loopback broker) and returns the bus. */
export function createKafkaBus(input: KafkaBusOptions, extras: ClientOptionsExtras = {}): KafkaBus {
  const options = parseKafkaBusOptions(input);
  return {
    options,
    producer: () => createKafkaProducer(options, extras),
    consumer: (target) => openKafkaConsumer(options, target, extras),
  };
}
