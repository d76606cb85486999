import type { ListingRecord } from './listing-record.js';

/** The columns of a record that come from its observation, not from the API result. */
export type RecordStamp = Pick<ListingRecord, 'observed_at' | 'source' | 'search_area' | 'dt'>;
