import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { topicCreatedAtStart } from '../../../src/runtime/bus.js';

describe('topicCreatedAtStart', () => {
  it('creates the topic with replication 1 on the embedded log', () => {
    // Act
    const spec = topicCreatedAtStart(loadConfig({ REALTY_BUS: 'embedded', REALTY_TOPIC_PARTITIONS: '4' }));

    // Assess
    expect(spec).toEqual({
      topic: 'realty.listings.v1',
      partitions: 4,
      replicationFactor: 1,
      partitionsSetting: 'REALTY_TOPIC_PARTITIONS (--partitions)',
    });
  });

  it('creates a new topic with 2 partitions when none is set, and keeps the count of an existing one', () => {
    // Act
    const spec = topicCreatedAtStart(loadConfig({ REALTY_BUS: 'embedded' }));

    // Assess
    expect(spec).toEqual({
      topic: 'realty.listings.v1',
      partitions: 2,
      replicationFactor: 1,
      keepExistingPartitions: true,
    });
  });

  it.each(['127.0.0.1:9092', 'localhost:9092,127.0.0.2:9093', '[::1]:9092'])(
    'creates it on a Kafka whose brokers are all on loopback (%s): one local broker',
    (brokers) => {
      // Act
      const spec = topicCreatedAtStart(loadConfig({ REALTY_BUS: 'kafka', REALTY_KAFKA_BROKERS: brokers }));

      // Assess
      expect(spec?.replicationFactor).toBe(1);
    },
  );

  // MSK: the stack makes the topic at deploy with replication 3 (AWS::MSK::Topic), never a Lambda at run time.
  // https://docs.aws.amazon.com/msk/latest/developerguide/version-upgrades-best-practices.html
  it.each([
    'boot-abc123de.c1.kafka-serverless.us-east-1.amazonaws.com:9098',
    '127.0.0.1:9092,b-1.realty.abc123.c2.kafka.us-east-1.amazonaws.com:9098',
  ])('never creates it on a remote cluster (%s)', (brokers) => {
    // Act
    const spec = topicCreatedAtStart(loadConfig({ REALTY_BUS: 'kafka', REALTY_KAFKA_BROKERS: brokers }));

    // Assess
    expect(spec).toBeUndefined();
  });
});
