import type { ColumnType } from './listing-record.js';

/**
 * The two meanings of the API's one `sold_price` (issue 14), as curated columns whose names say which:
 * this listing's outcome sale, or the home's sale before it. jobs/compaction/listings_history.sql fills them;
 * raw keeps `sold_price` and `last_sold_date` as the API wrote them.
 */
export const SALE_COLUMNS: readonly { name: string; type: ColumnType; comment: string }[] = [
  {
    name: 'previous_sold_price',
    type: 'int64',
    comment: "The home's sale before this listing (sold_price of a row that is not this listing's sale)",
  },
  { name: 'previous_sold_date', type: 'date', comment: 'Date of that previous sale (last_sold_date)' },
  {
    name: 'sale_price',
    type: 'int64',
    comment: "This listing's sale: sold_price of a sold row dated on or after list_date; else null",
  },
  { name: 'sale_date', type: 'date', comment: 'Date of that sale (last_sold_date of the sold row)' },
];
