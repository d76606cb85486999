-- price_history: every change of list price of every listing, day by day, with its amount and percent.
-- One text for Athena/Trino and DuckDB (jobs/views/README.md lists the dialect rules it keeps).
--
-- A change is a day whose list price differs from the listing's previous observation day (listings_history
-- computes the previous day across compaction runs). Days without a price on either side are not changes.
--   change_amount  list_price - previous_list_price: negative for a cut
--   change_pct     change_amount in percent of previous_list_price (a double; null when that was 0)
--   is_cut         the price went down
--
-- A thin view over the gold table price_changes, which compaction builds incrementally for the weeks new
-- data touches (jobs/compaction/price_changes.sql picks the change days): the view never reads the history.
SELECT
  property_id, state, city, postal_code, address_line, property_type, status,
  change_dt AS dt, CAST(change_dt AS DATE) AS change_date, previous_dt,
  previous_list_price, list_price,
  list_price_change AS change_amount,
  list_price_change_pct AS change_pct,
  list_price_change < 0 AS is_cut,
  days_since_listed
FROM price_changes
