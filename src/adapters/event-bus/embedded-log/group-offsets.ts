import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { LogCorruptError } from '../../../errors.js';
import { readTextIfExists, writeFileAtomic } from './log-files.js';
import { checkGroupId, checkTopicName } from './log-names.js';

/** Committed offset (next to read) per partition number. */
export type CommittedOffsets = Map<number, number>;

interface OffsetsFile {
  version: 1;
  group: string;
  topic: string;
  offsets: Record<string, number>;
}

/** `<root>/groups/<group>/<topic>.json`: the committed offsets of one consumer group on one topic. */
export function groupOffsetsFile(root: string, groupId: string, topic: string): string {
  return path.join(root, 'groups', checkGroupId(groupId), `${checkTopicName(topic)}.json`);
}

/** The group's committed offsets; empty when it never committed. */
export async function readCommittedOffsets(file: string): Promise<CommittedOffsets> {
  const text = await readTextIfExists(file);
  const offsets: CommittedOffsets = new Map();
  if (text === undefined) return offsets;
  let parsed: Partial<OffsetsFile>;
  try {
    parsed = JSON.parse(text) as Partial<OffsetsFile>;
  } catch (error) {
    throw new LogCorruptError(
      `${file} is not valid JSON: restore it, or delete it to re-read from offset 0`,
      {
        cause: error,
      },
    );
  }
  for (const [partition, offset] of Object.entries(parsed.offsets ?? {})) {
    if (!Number.isSafeInteger(offset) || offset < 0 || !/^\d+$/.test(partition)) {
      throw new LogCorruptError(
        `${file} holds offset ${offset} for partition ${partition}: restore it or delete it`,
      );
    }
    offsets.set(Number(partition), offset);
  }
  return offsets;
}

/** Replaces the group's committed offsets atomically (tmp file, fsync, rename). */
export async function writeCommittedOffsets(
  file: string,
  ids: { group: string; topic: string },
  offsets: CommittedOffsets,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const sorted = [...offsets].sort(([a], [b]) => a - b);
  const body: OffsetsFile = { version: 1, ...ids, offsets: Object.fromEntries(sorted) };
  await writeFileAtomic(file, `${JSON.stringify(body)}\n`);
}
