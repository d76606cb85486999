import { BusError } from '../../../errors.js';

// Kafka's topic name rule (org.apache.kafka.common.internals.Topic): [a-zA-Z0-9._-], at most 249 characters,
// and not "." or "..". The same rule keeps group ids safe to use as file names.
const LEGAL = /^[a-zA-Z0-9._-]{1,249}$/;

function check(kind: 'topic' | 'consumer group id', name: string): string {
  if (typeof name !== 'string' || !LEGAL.test(name) || name === '.' || name === '..') {
    throw new BusError(
      `${kind} ${JSON.stringify(name)} is not allowed: use 1 to 249 of the characters a-z A-Z 0-9 . _ - ` +
        '(not "." or ".."), as Kafka requires for topic names',
    );
  }
  return name;
}

/** The topic name, when Kafka would accept it (which also makes it a safe directory name). */
export function checkTopicName(name: string): string {
  return check('topic', name);
}

/** The group id, when it is safe as a file name under the Kafka topic-name rule. */
export function checkGroupId(name: string): string {
  return check('consumer group id', name);
}
