/** Header names of the lineage every produced listing carries, so the transform knows where it came from. */
export const LINEAGE_HEADERS = {
  source: 'realty-source',
  searchArea: 'realty-search-area',
  observedAt: 'realty-observed-at',
  runId: 'realty-run-id',
  pageOffset: 'realty-page-offset',
} as const;

export interface Lineage {
  source: string;
  searchArea: string;
  observedAt: number;
  runId: string;
  pageOffset: number;
}

/** The headers of one produced record. */
export function lineageHeaders(lineage: Lineage): Record<string, string> {
  return {
    [LINEAGE_HEADERS.source]: lineage.source,
    [LINEAGE_HEADERS.searchArea]: lineage.searchArea,
    [LINEAGE_HEADERS.observedAt]: String(lineage.observedAt),
    [LINEAGE_HEADERS.runId]: lineage.runId,
    [LINEAGE_HEADERS.pageOffset]: String(lineage.pageOffset),
  };
}

/**
 * Reads lineage back from decoded headers. Records produced by other tools may lack it: the Kafka
 * timestamp then stands in for the observation time and the source is 'unknown'.
 */
export function readLineage(headers: ReadonlyMap<string, string>, recordTimestamp: number): Lineage {
  const observedAt = Number(headers.get(LINEAGE_HEADERS.observedAt));
  const pageOffset = Number(headers.get(LINEAGE_HEADERS.pageOffset));
  return {
    source: headers.get(LINEAGE_HEADERS.source) ?? 'unknown',
    searchArea: headers.get(LINEAGE_HEADERS.searchArea) ?? 'unknown',
    observedAt: Number.isFinite(observedAt) && observedAt > 0 ? observedAt : recordTimestamp,
    runId: headers.get(LINEAGE_HEADERS.runId) ?? 'unknown',
    pageOffset: Number.isFinite(pageOffset) ? pageOffset : -1,
  };
}
