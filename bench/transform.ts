/**
 * transform: MSK batch → validated canonical records → Parquet bytes, records per CPU-second, against the
 * decode ceiling (base64 decode + bare JSON.parse of the same values) measured in the same rounds; the cost
 * per record split into decode, validate, derive and encode; and the peak RSS of one full 6 MB batch.
 */
import { type EncoderName, encoderByName } from '../src/adapters/parquet/encoder-by-name.js';
import { SETTINGS } from '../src/config-settings.js';
import { LINEAGE_HEADERS } from '../src/domain/lineage.js';
import { RAW_COLUMNS, type RawListingRow } from '../src/domain/listing-record.js';
import { parseListing } from '../src/domain/parse-listing.js';
import { readV3Fields } from '../src/domain/read-v3-fields.js';
import { parseMskEvent } from '../src/msk/msk-event.js';
import type { MskEvent, MskRecord } from '../src/msk/msk-event-types.js';
import { classifyRecord } from '../src/pipeline/classify-record.js';
import { transformBatch } from '../src/pipeline/transform-batch.js';
import { mskBatches, sharedCorpus } from './lib/corpus.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { createCountingStore, createMemoryCatalog } from './lib/memory-ports.js';
import { interleave, perSecond, type Timed } from './lib/timing.js';
import { transformMemoryFigures } from './lib/transform-memory.js';

/** The encoder the pipeline ships with (REALTY_PARQUET_ENCODER's default), and the others worth comparing. */
export const DEFAULT_ENCODER = SETTINGS.parquetEncoder.default as EncoderName;
const ENCODERS: EncoderName[] = [...new Set<EncoderName>([DEFAULT_ENCODER, 'flat', 'hyparquet'])];
const CEILING = 'decode ceiling: base64 + JSON.parse';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Runs the transform figures on `sizes.transformRecords` sandbox listings in batches of `sizes.batchRecords`. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const corpus = await sharedCorpus(options.sizes.transformRecords);
  const events = mskBatches(corpus, options.sizes.batchRecords);
  const n = corpus.records.length;
  options.log(
    `transform: ${n} listings (mean ${Math.round(corpus.meanValueBytes)} B) in ${events.length} batches`,
  );
  const timed = await interleave(stageTasks(events), { rounds: 7, warmupRounds: 2 });
  const ceilingRate = perSecond(n, timed.ceiling.best.cpuMs);
  const figures: Figure[] = [];
  for (const name of ENCODERS) {
    const rate = perSecond(n, timed[`transform:${name}`].best.cpuMs);
    const fields = { value: round(rate, 0), unit: 'records/s (1 core)', baseline: CEILING };
    if (name === DEFAULT_ENCODER)
      figures.push(figure({ name: 'transform', ...fields, baselineValue: round(ceilingRate, 0) }));
    figures.push(figure({ name: `transform[${name}]`, ...fields, baselineValue: round(ceilingRate, 0) }));
    options.log(
      `  transform[${name}] ${Math.round(rate)} records/s = ${Math.round((100 * rate) / ceilingRate)}% of the ceiling`,
    );
  }
  const handlerRate = perSecond(n, timed.handler.best.cpuMs);
  figures.push(
    figure({
      name: 'transform-handler',
      value: round(handlerRate, 0),
      unit: `records/s (1 core, event validation + transform, ${DEFAULT_ENCODER})`,
      baseline: CEILING,
      baselineValue: round(ceilingRate, 0),
    }),
  );
  options.log(`  handler (parseMskEvent + transform) ${Math.round(handlerRate)} records/s`);
  figures.push(...costFigures(timed, n));
  figures.push(...(await transformMemoryFigures(corpus, ENCODERS, DEFAULT_ENCODER, options)));
  return figures;
}

type StageName =
  | 'ceiling'
  | 'validate-event'
  | 'decode'
  | 'validate'
  | 'validate+derive'
  | 'handler'
  | `encode:${EncoderName}`
  | `transform:${EncoderName}`;

/** One task per stage over the same records; each stage gets its input prepared outside the timing. */
function stageTasks(events: readonly MskEvent[]): Record<StageName, () => Promise<void> | void> {
  const records = events.flatMap((event) => Object.values(event.records).flat());
  const raws = records.map((record) => JSON.parse(valueText(record)) as Record<string, unknown>);
  const contexts = records.map(lineageContext);
  const groups = groupsOf(events);
  const handlerDeps = transformDeps(DEFAULT_ENCODER);
  const tasks: Record<string, () => Promise<void> | void> = {
    // What the Lambda handler does before the use-case: validate the whole MSK event at the edge.
    'validate-event': () => {
      for (const event of events) parseMskEvent(event);
    },
    handler: async () => {
      for (const event of events) await transformBatch(parseMskEvent(event), handlerDeps);
    },
    ceiling: () => {
      for (const record of records)
        JSON.parse(Buffer.from(record.value as string, 'base64').toString('utf8'));
    },
    decode: () => {
      for (const record of records) JSON.parse(utf8.decode(Buffer.from(record.value as string, 'base64')));
    },
    validate: () => {
      for (let i = 0; i < raws.length; i++) readV3Fields(raws[i] as Record<string, unknown>, 2026);
    },
    'validate+derive': () => {
      for (let i = 0; i < raws.length; i++) parseListing(raws[i], contexts[i] as (typeof contexts)[number]);
    },
  };
  for (const name of ENCODERS) {
    const encoder = encoderByName(name);
    tasks[`encode:${name}`] = async () => {
      for (const group of groups) await encoder.encode(group, RAW_COLUMNS);
    };
    const deps = transformDeps(name);
    tasks[`transform:${name}`] = async () => {
      for (const event of events) await transformBatch(event, deps);
    };
  }
  return tasks as Record<StageName, () => Promise<void> | void>;
}

/**
 * Per-record CPU cost of each stage, against the ceiling's: decode, validate and derive (derive is
 * validate+derive minus validate) for every encoder, then per encoder its encode, the rest of transformBatch
 * (grouping, keys, catalog, and the GC of a batch's records kept until they are written) and the total.
 */
function costFigures(timed: Record<StageName, Timed>, n: number): Figure[] {
  const us = (stage: StageName) => (timed[stage].best.cpuMs * 1000) / n;
  const shared: [string, number][] = [
    ['validate-event', us('validate-event')],
    ['decode', us('decode')],
    ['validate', us('validate')],
    ['derive', Math.max(0, us('validate+derive') - us('validate'))],
  ];
  const parts = [...shared];
  const before = shared.slice(1).reduce((sum, [, cost]) => sum + cost, 0);
  for (const name of ENCODERS) {
    const encode = us(`encode:${name}`);
    const total = us(`transform:${name}`);
    parts.push(
      [`encode[${name}]`, encode],
      [`other[${name}]`, Math.max(0, total - before - encode)],
      [`total[${name}]`, total],
    );
  }
  const ceiling = round(us('ceiling'), 2);
  return parts.map(([part, cost]) =>
    figure(
      {
        name: `transform-cost-${part}`,
        value: round(cost, 2),
        unit: 'µs/record (CPU)',
        baseline: CEILING,
        baselineValue: ceiling,
      },
      'lowerIsBetter',
    ),
  );
}

function transformDeps(encoder: EncoderName) {
  return {
    store: createCountingStore(),
    catalog: createMemoryCatalog(),
    encoder: encoderByName(encoder),
    clock: Date.now,
    database: 'realty',
  };
}

/** The Parquet groups transformBatch would write for each event: per topic-partition, dt and state. */
function groupsOf(events: readonly MskEvent[]): RawListingRow[][] {
  return events.flatMap((event) => {
    const groups = new Map<string, RawListingRow[]>();
    for (const record of Object.values(event.records).flat()) {
      const classified = classifyRecord(record);
      if (!classified.ok) continue;
      const id = `${record.partition}/${classified.record.dt}/${classified.record.state}`;
      groups.set(id, [...(groups.get(id) ?? []), classified.record]);
    }
    return [...groups.values()];
  });
}

function valueText(record: MskRecord): string {
  return Buffer.from(record.value as string, 'base64').toString('utf8');
}

function lineageContext(record: MskRecord) {
  const header = (name: string) => {
    const bytes = record.headers.find((h) => name in h)?.[name];
    return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
  };
  return {
    source: header(LINEAGE_HEADERS.source) ?? 'unknown',
    searchArea: header(LINEAGE_HEADERS.searchArea) ?? 'unknown',
    observedAt: Number(header(LINEAGE_HEADERS.observedAt) ?? record.timestamp),
  };
}
