import * as v from 'valibot';
import { LINEAGE_HEADERS } from '../domain/lineage.js';
import { StoreError } from '../errors.js';
import { decodeMskRecord, parseMskEvent } from '../msk/msk-event.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { RecordRef } from '../reconciliation/reconcile-facts.js';
import { DEAD_LETTER_PREFIX } from './dead-letter.js';
import { readJson } from './reconcile-sources.js';

/** Prefix of the invocation records Lambda's on-failure destination (and the local trigger) writes. */
export const ON_FAILURE_PREFIX = 'dead-letter/on-failure/';

/** One entry per dead-letter line from `fromDay` on whose run id is one of `runIds` (or unknown). */
export async function readDeadLetterRefs(
  store: ObjectStore,
  runIds: ReadonlySet<string>,
  fromDay: string,
): Promise<RecordRef[]> {
  const refs: RecordRef[] = [];
  for await (const object of store.list(DEAD_LETTER_PREFIX)) {
    const day = /\/dt=(\d{4}-\d{2}-\d{2})\//.exec(object.key)?.[1];
    if (day !== undefined && day < fromDay) continue;
    const body = await store.get(object.key);
    if (body === undefined) continue;
    for (const line of new TextDecoder().decode(body).split('\n')) {
      if (line.trim() === '') continue;
      const entry = parseLine(object.key, line);
      const runId = entry.headers?.[LINEAGE_HEADERS.runId];
      if (runId === undefined || runIds.has(runId))
        refs.push({ topic: entry.topic, partition: entry.partition, offset: entry.offset });
    }
  }
  return refs;
}

const deadLetterLine = v.object({
  topic: v.string(),
  partition: v.pipe(v.number(), v.safeInteger()),
  offset: v.pipe(v.number(), v.safeInteger()),
  headers: v.optional(v.record(v.string(), v.string())),
});

function parseLine(key: string, line: string): v.InferOutput<typeof deadLetterLine> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new StoreError(
      `dead letter ${key} holds a line that is not JSON; restore it from the bucket's versions`,
      { cause: error },
    );
  }
  const parsed = v.safeParse(deadLetterLine, json);
  if (!parsed.success) throw new StoreError(`dead letter ${key} holds a line without topic/partition/offset`);
  return parsed.output;
}

/** One entry per record of every on-failure invocation record whose run id is one of `runIds` (or unknown). */
export async function readOnFailureRefs(
  store: ObjectStore,
  runIds: ReadonlySet<string>,
): Promise<RecordRef[]> {
  const refs: RecordRef[] = [];
  for await (const object of store.list(ON_FAILURE_PREFIX)) {
    if (!object.key.endsWith('.json')) continue;
    const record = (await readJson(store, object.key)) as { payload?: unknown };
    if (typeof record.payload !== 'string')
      throw new StoreError(`on-failure record ${object.key} has no payload`);
    const event = parseMskEvent(JSON.parse(record.payload));
    for (const group of Object.values(event.records)) {
      for (const mskRecord of group) {
        const runId = decodeMskRecord(mskRecord).headerText[LINEAGE_HEADERS.runId];
        if (runId === undefined || runIds.has(runId))
          refs.push({ topic: mskRecord.topic, partition: mskRecord.partition, offset: mskRecord.offset });
      }
    }
  }
  return refs;
}
