import { describe, expect, it } from 'vitest';
import { EventError } from '../../../src/errors.js';
import { parseMskEvent } from '../../../src/msk/msk-event.js';
import { loadFixture } from '../../helpers/fixtures.js';

type KafkaEvent = { eventSource: string; eventSourceArn?: string };

// MSK events carry "aws:kafka" (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html). Self-managed Kafka
// events carry "aws:SelfManagedKafka" in the samples of https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html
// (and in Powertools' KafkaSelfManagedEventSchema, aws-lambda-rust-runtime's fixtures), "SelfManagedKafka" in
// newer pages and in what middy's ECS poller builds. A spelling refused would fail every batch of the mapping.
describe('parseMskEvent: the eventSource spellings of real Kafka events', () => {
  it.each(['powertools-python_kafkaEventMsk.json', 'powertools-typescript_kafka_default.json'])(
    'accepts the real MSK event %s as AWS sent it',
    (fixture) => {
      // Prepare
      const event = loadFixture<KafkaEvent>('aws-events', fixture);

      // Act
      const parsed = parseMskEvent(event);

      // Assess
      expect(parsed.eventSource).toBe('aws:kafka');
      expect(Object.keys(parsed.records).length).toBeGreaterThan(0);
    },
  );

  it.each(['aws:SelfManagedKafka', 'SelfManagedKafka'])(
    'accepts a self-managed Kafka event whose eventSource is %s, with no eventSourceArn',
    (eventSource) => {
      // Prepare
      const event = loadFixture<KafkaEvent>('aws-events', 'powertools-python_kafkaEventMsk.json');
      event.eventSource = eventSource;
      delete event.eventSourceArn;

      // Act
      const parsed = parseMskEvent(event);

      // Assess
      expect(parsed.eventSource).toBe(eventSource);
    },
  );

  it.each(['aws:sqs', 'aws:SelfManagedkafka', 'kafka', ''])(
    'refuses the eventSource %j, naming the field',
    (eventSource) => {
      // Prepare
      const event = loadFixture<KafkaEvent>('aws-events', 'powertools-python_kafkaEventMsk.json');
      event.eventSource = eventSource;

      // Act
      const act = () => parseMskEvent(event);

      // Assess
      expect(act).toThrow(EventError);
      expect(act).toThrow(/eventSource/);
    },
  );
});
