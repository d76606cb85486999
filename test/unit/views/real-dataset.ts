import { deriveFields } from '../../../src/domain/derive-fields.js';
import { eventIdFor } from '../../../src/domain/event-id.js';
import {
  LISTING_COLUMNS,
  type ListingRecord,
  type ListingStatus,
} from '../../../src/domain/listing-record.js';
import { loadFixtureText } from '../../helpers/fixtures.js';

export const REAL_DATASET = ['datasets', 'realtor-data_brokered_by_sample_12885rows.csv'] as const;
/** The dataset has no dates: its rows are taken as one observation day. */
export const REAL_DATASET_DAY = '2024-02-15';

// USPS codes of the state names the sample holds (SOURCES.md: CT, MA, PR, NY, VI, NH, RI, VT and a few strays).
export const STATE_CODES: Readonly<Record<string, string>> = {
  Connecticut: 'CT',
  Massachusetts: 'MA',
  'New Hampshire': 'NH',
  'New Jersey': 'NJ',
  'New York': 'NY',
  'Puerto Rico': 'PR',
  'Rhode Island': 'RI',
  'South Carolina': 'SC',
  Tennessee: 'TN',
  Vermont: 'VT',
  'Virgin Islands': 'VI',
  Virginia: 'VA',
};

export const numberOrNull = (text: string | undefined) =>
  text === undefined || text === '' ? null : Number(text);

/** The rows of the real "USA Real Estate Dataset" sample, each cell by its column name. */
export function realDatasetRows(): Record<string, string>[] {
  const [header = '', ...lines] = loadFixtureText(...REAL_DATASET)
    .trim()
    .split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, k) => [names[k], value])));
}

/**
 * The rows of the real "USA Real Estate Dataset" sample as canonical records observed on REAL_DATASET_DAY:
 * price, beds, baths, living area, lot and last sale as given; one listing per row (the sample repeats some).
 */
export function realDatasetRecords(): ListingRecord[] {
  const observedAt = Date.parse(`${REAL_DATASET_DAY}T12:00:00Z`);
  const empty = Object.fromEntries(LISTING_COLUMNS.map(({ name }) => [name, null]));
  return realDatasetRows().map((cell, i) => {
    const state = STATE_CODES[cell['state'] ?? ''];
    if (state === undefined) throw new Error(`row ${i + 2}: no state code for ${cell['state']}`);
    const base = {
      ...empty,
      observed_at: observedAt,
      source: 'realtor-data-csv',
      search_area: `state:${state}`,
      property_id: `csv-${i + 2}`,
      status: cell['status'] as ListingStatus,
      list_price: numberOrNull(cell['price']),
      beds: numberOrNull(cell['bed']),
      baths: numberOrNull(cell['bath']),
      sqft: numberOrNull(cell['house_size']),
      lot_acres: numberOrNull(cell['acre_lot']),
      last_sold_date: cell['prev_sold_date'] || null,
      city: cell['city'] || null,
      state_code: state,
      postal_code: cell['zip_code'] || null,
      dt: REAL_DATASET_DAY,
      state,
    } as ListingRecord;
    const record = { ...base, ...deriveFields(base, observedAt), lot_acres: base.lot_acres };
    return { ...record, event_id: eventIdFor(record) };
  });
}

/** Exact median, the mean of the two middle values for an even count. */
export function exactMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
