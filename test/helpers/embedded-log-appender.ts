// Child process for the crash tests: appends to an embedded log until killed, printing what each produce() acked.
// Usage: node --import tsx test/helpers/embedded-log-appender.ts <log dir>
import { openEmbeddedLog } from '../../src/adapters/event-bus/embedded-log.js';
import {
  type AckLine,
  APPENDER_PARTITIONS,
  APPENDER_TOPIC,
  appenderRecord,
} from './embedded-log-appender-records.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: embedded-log-appender.ts <log dir>');

const log = await openEmbeddedLog({ dir, segmentBytes: 64 * 1024 });
const producer = log.producer();
await producer.ensureTopic({ topic: APPENDER_TOPIC, partitions: APPENDER_PARTITIONS, replicationFactor: 1 });
process.stdout.write('ready\n');

for (let seq = 0; ; ) {
  const count = 1 + (seq % 13);
  const records = Array.from({ length: count }, (_, i) => appenderRecord(seq + i));
  const landed = await producer.produce(APPENDER_TOPIC, records);
  const line: AckLine = landed.map((l, i) => [seq + i, l.partition, l.offset]);
  process.stdout.write(`${JSON.stringify(line)}\n`);
  seq += count;
}
