import type { ListingStatus } from '../domain/listing-record.js';

/** Where to search: a postal code, or a city in a state, with the statuses to ask for. */
export type SearchArea =
  | { kind: 'postal_code'; postalCode: string; statuses: readonly ListingStatus[] }
  | { kind: 'city'; city: string; stateCode: string; statuses: readonly ListingStatus[] };

/** One page of raw API results, untouched: parsing and validation happen in the transform. */
export interface SourcePage {
  area: SearchArea;
  /** Offset of the first result of this page in the area's result set. */
  offset: number;
  /** The total the API reported for the area, when it reported one. */
  total: number | null;
  /** Raw result objects exactly as the API returned them. */
  results: unknown[];
  /** When the page was received (epoch ms). */
  fetchedAt: number;
  /** Name of the API the page came from, e.g. 'realty-in-us/v3'. */
  source: string;
}

/** Counters a source keeps over one run, for the summary and reconciliation. */
export interface SourceStats {
  requests: number;
  retries: number;
  rateLimited: number;
  failedAreas: number;
}

/** A source of listings: pages through every search area. */
export interface ListingSource {
  /** Yields every page of one area, following offset/limit paging until the reported total. */
  pages(area: SearchArea, options?: { signal?: AbortSignal }): AsyncIterable<SourcePage>;
  /** Counters since this source was created. */
  stats(): SourceStats;
}
