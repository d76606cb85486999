import { lineageHeaders } from '../domain/lineage.js';
import { RealtyError } from '../errors.js';
import { addOffset, type OffsetSet, type PartitionRanges, sortedPartitions } from '../msk/offset-ranges.js';
import type { Clock } from '../ports/clock.js';
import type { EventProducer, OutgoingRecord } from '../ports/event-bus.js';
import type { ListingSource, SearchArea, SourcePage } from '../ports/listing-source.js';
import type { ObjectStore } from '../ports/object-store.js';

export interface IngestDeps {
  source: ListingSource;
  producer: EventProducer;
  /** Where the run log is kept (`runs/ingest/<runId>.json`), for reconciliation. */
  store: ObjectStore;
  topic: string;
  clock: Clock;
  /** Called after every page, for progress bars. */
  onPage?: (progress: { area: string; fetched: number; produced: number; total: number | null }) => void;
}

export interface AreaFailure {
  area: string;
  code: string;
  message: string;
}

/** `started` until the ingest ends (a killed ingest's log stays so), then `completed`, or `failed` when an area failed. */
export type IngestStatus = 'started' | 'completed' | 'failed';

export interface IngestSummary {
  runId: string;
  status: IngestStatus;
  startedAt: number;
  /** When the ingest ended; in a `started` log, when it was last saved. */
  finishedAt: number;
  areas: number;
  pages: number;
  fetched: number;
  produced: number;
  requests: number;
  retries: number;
  rateLimited: number;
  failedAreas: AreaFailure[];
  /** Where every produced record landed, so reconciliation can name a missing one by its offset. */
  producedOffsets: PartitionRanges[];
}

/** Errors after which no other area can succeed either: stop the run instead of trying every area. */
const FATAL_CODES = new Set(['REALTY_API_AUTH', 'REALTY_API_BUDGET', 'REALTY_BUS']);

/** A running ingest saves its log after every area and at least this often, so a killed one says how far it got. */
export const RUN_LOG_SAVE_INTERVAL_MS = 5_000;

/**
 * Fetches every page of every area and produces each raw listing, keyed by property_id, with lineage. The run
 * log is written `started` before the first request, saved as the run goes, and closed `completed`/`failed`.
 */
export async function ingestListings(
  input: { runId: string; areas: readonly SearchArea[]; areaLabel: (area: SearchArea) => string },
  deps: IngestDeps,
): Promise<IngestSummary> {
  const startedAt = deps.clock();
  const summary = {
    runId: input.runId,
    startedAt,
    areas: input.areas.length,
    pages: 0,
    fetched: 0,
    produced: 0,
  };
  const failedAreas: AreaFailure[] = [];
  const landed: OffsetSet = new Map();
  const save = async (status: IngestStatus): Promise<IngestSummary> => {
    const log: IngestSummary = {
      ...summary,
      status,
      finishedAt: deps.clock(),
      ...pickStats(deps.source.stats()),
      failedAreas: [...failedAreas],
      producedOffsets: sortedPartitions(landed),
    };
    await deps.store.put(runLogKey(input.runId), new TextEncoder().encode(JSON.stringify(log)), {
      contentType: 'application/json',
    });
    return log;
  };
  let savedAt = (await save('started')).finishedAt;
  for (const [index, area] of input.areas.entries()) {
    const label = input.areaLabel(area);
    try {
      for await (const page of deps.source.pages(area)) {
        summary.pages += 1;
        summary.fetched += page.results.length;
        const records = page.results.map((result) => toOutgoingRecord(result, page, label, input.runId));
        if (records.length > 0) {
          const placed = await deps.producer.produce(deps.topic, records);
          summary.produced += placed.length;
          for (const p of placed) addOffset(landed, p.topic, p.partition, p.offset);
        }
        deps.onPage?.({
          area: label,
          fetched: summary.fetched,
          produced: summary.produced,
          total: page.total,
        });
        if (deps.clock() - savedAt >= RUN_LOG_SAVE_INTERVAL_MS) savedAt = (await save('started')).finishedAt;
      }
    } catch (error) {
      const failure = describeFailure(label, error);
      failedAreas.push(failure);
      if (FATAL_CODES.has(failure.code)) break;
    }
    if (index < input.areas.length - 1) savedAt = (await save('started')).finishedAt;
  }
  return save(failedAreas.length > 0 ? 'failed' : 'completed');
}

/** Where the ingest run `runId` keeps its log. */
export function runLogKey(runId: string): string {
  return `runs/ingest/${runId}.json`;
}

/** The raw result as the API sent it, keyed by its property_id (null when it has none: the transform rejects it). */
export function toOutgoingRecord(
  result: unknown,
  page: SourcePage,
  areaLabel: string,
  runId: string,
): OutgoingRecord {
  return {
    key: propertyIdOf(result),
    value: new TextEncoder().encode(JSON.stringify(result)),
    headers: lineageHeaders({
      source: page.source,
      searchArea: areaLabel,
      observedAt: page.fetchedAt,
      runId,
      pageOffset: page.offset,
    }),
    timestamp: page.fetchedAt,
  };
}

function propertyIdOf(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const id = (result as { property_id?: unknown }).property_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function pickStats(stats: ReturnType<ListingSource['stats']>) {
  return { requests: stats.requests, retries: stats.retries, rateLimited: stats.rateLimited };
}

function describeFailure(area: string, error: unknown): AreaFailure {
  if (error instanceof RealtyError) return { area, code: error.code, message: error.message };
  return { area, code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}
