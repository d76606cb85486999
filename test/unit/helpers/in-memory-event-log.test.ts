import { randomUUID } from 'node:crypto';
import { describeEventBusContract } from '../../contract/event-bus-contract.js';
import { InMemoryEventLog, realTimeWaitFor } from '../../helpers/in-memory-event-log.js';

// The test double the trigger's unit tests read from is held to the same contract as the embedded log and Kafka.
describeEventBusContract('in-memory test double', async () => {
  const topic = `contract-${randomUUID()}`;
  const log = new InMemoryEventLog(3, topic);
  return {
    producer: log.producer(),
    consumer: async (groupId) => log.consumer(groupId, realTimeWaitFor),
    topic,
    partitions: 3,
    cleanup: async () => undefined,
  };
});
