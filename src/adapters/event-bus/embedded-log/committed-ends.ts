import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LogCorruptError } from '../../../errors.js';
import { groupOffsetsFile, readCommittedOffsets } from './group-offsets.js';

/** The furthest offset any consumer group committed on a partition, and which group: the log held at least that much. */
export interface CommittedEnd {
  offset: number;
  group: string;
}

/** Per partition of `topic`, the highest committed offset of all the groups under `<root>/groups/`. */
export async function committedEnds(root: string, topic: string): Promise<Map<number, CommittedEnd>> {
  const ends = new Map<number, CommittedEnd>();
  const groups = await readdir(path.join(root, 'groups')).catch(() => [] as string[]);
  for (const group of groups) {
    const offsets = await readCommittedOffsets(groupOffsetsFile(root, group, topic)).catch(
      (error: unknown) => {
        if (error instanceof LogCorruptError) throw error;
        return new Map<number, number>();
      },
    );
    for (const [partition, offset] of offsets) {
      if (offset > (ends.get(partition)?.offset ?? 0)) ends.set(partition, { offset, group });
    }
  }
  return ends;
}

/** The error for a partition that ends before what a group already read from it: acknowledged records are gone. */
export function lostAcknowledgedRecords(
  dir: string,
  endOffset: number,
  committed: CommittedEnd,
): LogCorruptError {
  return new LogCorruptError(
    `${dir} ends at offset ${endOffset}, but consumer group ${committed.group} had already read and committed up to ` +
      `offset ${committed.offset}: records ${endOffset} to ${committed.offset - 1} were acknowledged and are gone ` +
      '(a segment was cut short or deleted). Nothing is dropped or overwritten silently: restore the segment from a copy, ' +
      'or go on in a new data dir (--data-dir); the records already transformed are in raw/',
  );
}
