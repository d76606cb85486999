-- market_summary: the for-sale market of every zip code, week by week (weeks start on Monday, UTC).
-- One text for Athena/Trino and DuckDB (jobs/views/README.md lists the dialect rules it keeps).
--
-- Stock measures describe each listing as it stood on the week's last observed day in its state (a
-- listing not seen that day has left the market); flows count every observed day of the week.
--   observed_days           days of the week with observations in the state: a partial week's flows cover only these
--   active_listings         for sale (for_sale, ready_to_build, new_community) and not under contract
--   new_listings            sale listings seen this week whose list date (UTC) falls in this week
--   pending_listings        under contract: status pending/contingent, or the is_pending/is_contingent flag
--   sold_listings           seen sold this week with a sold date (last_sold_date, else the day seen) in this week
--   median_list_price, median_price_per_sqft, median_days_on_market: exact medians over the active listings
--   price_cut_share         share of the active listings cut at least once: the is_price_reduced flag, a
--                           price_reduced_amount, or a lower list price seen in the history so far
--   months_of_supply        active_listings / monthly sales pace, the pace being sold_listings per observed
--                           day times 30.4375 (365.25 / 12); null in a week without sales
--
-- A thin view over the gold table market_weekly, which compaction builds incrementally for the weeks new
-- data touches (jobs/compaction/market_weekly.sql holds the rules): the view reads one small row per zip
-- code and week, never the history.
SELECT
  state, city, postal_code, week_start, observed_days,
  active_listings, new_listings, pending_listings, sold_listings,
  median_list_price, median_price_per_sqft, median_days_on_market,
  price_cut_share, months_of_supply
FROM market_weekly
