import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbeddedLog } from '../../../../src/adapters/event-bus/embedded-log.js';
import { describeEventBusContract } from '../../../contract/event-bus-contract.js';

describeEventBusContract('embedded log', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-log-contract-'));
  const log = await openEmbeddedLog({ dir });
  const topic = 'realty.listings.v1';
  return {
    producer: log.producer(),
    consumer: (groupId) => log.consumer({ topic, groupId }),
    topic,
    partitions: 6,
    cleanup: async () => {
      await log.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
