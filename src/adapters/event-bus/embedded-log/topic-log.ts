import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BusError, LogCorruptError } from '../../../errors.js';
import { committedEnds } from './committed-ends.js';
import { readTextIfExists, syncDir, writeFileAtomic } from './log-files.js';
import { checkTopicName } from './log-names.js';
import { PartitionLog, type PartitionLogOptions } from './partition-log.js';

interface TopicMeta {
  version: 1;
  topic: string;
  partitions: number;
}

/** The partitions of one topic under `<root>/topics/<topic>/<partition>/`, with `topic.json` naming their count. */
export class TopicLog {
  private constructor(
    readonly name: string,
    readonly partitions: readonly PartitionLog[],
  ) {}

  /** Opens a topic that exists on disk; undefined when it does not. */
  static async open(root: string, name: string, options: PartitionLogOptions): Promise<TopicLog | undefined> {
    const dir = topicDir(root, checkTopicName(name));
    const meta = await readMeta(dir);
    if (meta === undefined) return undefined;
    const partitions: PartitionLog[] = [];
    const committed = await committedEnds(root, name);
    for (let p = 0; p < meta.partitions; p++) {
      partitions.push(await PartitionLog.open(path.join(dir, String(p)), options, committed.get(p)));
    }
    return new TopicLog(name, partitions);
  }

  /** Creates the topic's directories, then (last, atomically) its metadata, and opens it. */
  static async create(
    root: string,
    name: string,
    partitions: number,
    options: PartitionLogOptions,
  ): Promise<TopicLog> {
    const dir = topicDir(root, checkTopicName(name));
    for (let p = 0; p < partitions; p++) await mkdir(path.join(dir, String(p)), { recursive: true });
    await syncDir(dir);
    await syncDir(path.dirname(dir));
    const meta: TopicMeta = { version: 1, topic: name, partitions };
    await writeFileAtomic(path.join(dir, 'topic.json'), `${JSON.stringify(meta)}\n`);
    const topic = await TopicLog.open(root, name, options);
    if (topic === undefined)
      throw new BusError(`topic ${name} vanished right after it was created in ${dir}`);
    return topic;
  }

  /** The partition, or a BusError naming the valid range. */
  partition(partition: number): PartitionLog {
    const log = Number.isInteger(partition) ? this.partitions[partition] : undefined;
    if (log === undefined) {
      throw new BusError(
        `topic ${this.name} has partitions 0 to ${this.partitions.length - 1}, not ${partition}: use one of those`,
      );
    }
    return log;
  }

  async refresh(): Promise<void> {
    for (const partition of this.partitions) await partition.refresh();
  }

  async close(): Promise<void> {
    for (const partition of this.partitions) await partition.close();
  }
}

function topicDir(root: string, name: string): string {
  return path.join(root, 'topics', name);
}

async function readMeta(dir: string): Promise<TopicMeta | undefined> {
  const file = path.join(dir, 'topic.json');
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  let meta: Partial<TopicMeta> | undefined;
  try {
    meta = JSON.parse(text) as Partial<TopicMeta>;
  } catch (error) {
    throw new LogCorruptError(`${file} is not valid JSON: restore it or move the log directory aside`, {
      cause: error,
    });
  }
  const partitions = meta.partitions;
  if (
    meta.version !== 1 ||
    typeof partitions !== 'number' ||
    !Number.isInteger(partitions) ||
    partitions < 1
  ) {
    throw new LogCorruptError(`${file} does not describe a topic (version 1, partitions >= 1): restore it`);
  }
  return { version: 1, topic: String(meta.topic), partitions };
}
