"""The sale-to-list ratio of a listing from what was known when it was first seen (listing_outcomes, issue 14).

Reads an export of listing_outcomes (`realty export listing_outcomes --format parquet|csv --out FILE`, or the
table's folder of Parquet files), keeps the sold episodes, and splits them in time: the latest quarter of sale
dates is held out, and only sales closed before it train. Scores scikit-learn's HistGradientBoostingRegressor
against a naive baseline, the median ratio of the zip's training sales (every training sale's median for a zip
not there). On the sandbox's simulated market this measures how well a model learns the simulator, nothing more.
"""

import os

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor

TARGET = "sale_to_list_ratio"
# All known on first_seen_dt: listing_outcomes.sql takes them from the first listed row and the week before.
FEATURES = [
    "list_price", "price_per_sqft", "price_per_sqft_vs_zip", "beds", "baths", "sqft", "lot_sqft",
    "property_age_years", "days_listed_before_first_seen", "prior_price_cuts", "list_month",
    "zip_median_price_per_sqft", "zip_median_days_on_market", "zip_months_of_supply", "zip_price_cut_share",
    "zip_active_listings",
]
HELD_OUT_FRACTION = 0.25
MIN_TRAIN, MIN_TEST = 30, 10


class OutcomesError(Exception):
    """An outcomes export that cannot be used: printed as one line, exit status 2."""


def read_outcomes(path):
    """listing_outcomes rows from a Parquet file, a CSV, or the table's folder of Parquet files."""
    if not os.path.exists(path):
        raise OutcomesError(f"--outcomes {path} does not exist; export it with "
                            "`realty export listing_outcomes --format parquet --out FILE`")
    try:
        if path.endswith(".csv"):
            rows = pd.read_csv(path, dtype={"postal_code": str})
        else:
            rows = pd.read_parquet(path)
    except Exception as error:  # noqa: BLE001 - pandas/pyarrow raise many kinds; the user needs one line
        raise OutcomesError(f"--outcomes {path} is not a readable listing_outcomes export: {error}") from error
    missing = [c for c in ["postal_code", "sale_date", TARGET, *FEATURES] if c not in rows.columns]
    if missing:
        raise OutcomesError(f"--outcomes {path} lacks the listing_outcomes column(s) {', '.join(missing)}")
    return rows


def time_split(sold):
    """Sales before the cutoff day train, the latest quarter of sale days (at least the last one) is held out."""
    days = sorted(sold["sale_day"].unique())
    if len(days) < 2:
        raise OutcomesError(f"the sold episodes span {len(days)} sale day(s); a time-based split needs two or more")
    cutoff = days[max(1, int(len(days) * (1 - HELD_OUT_FRACTION)))]
    return sold[sold["sale_day"] < cutoff], sold[sold["sale_day"] >= cutoff], cutoff


def evaluate_outcomes(path):
    """Fits and scores the ratio model and the zip-median baseline on a time-based split of the sold episodes."""
    rows = read_outcomes(os.path.abspath(path))
    sold = rows[rows[TARGET].notna() & rows["sale_date"].notna()].copy()
    sold["sale_day"] = pd.to_datetime(sold["sale_date"]).dt.strftime("%Y-%m-%d")
    train, test, cutoff = time_split(sold)
    if len(train) < MIN_TRAIN or len(test) < MIN_TEST:
        raise OutcomesError(f"too few sold episodes with a {TARGET}: {len(train)} to train ({MIN_TRAIN} needed), "
                            f"{len(test)} to test ({MIN_TEST} needed); run more market days (realty run --days N)")
    by_zip, overall = train.groupby("postal_code")[TARGET].median(), float(train[TARGET].median())
    baseline = test["postal_code"].map(by_zip).fillna(overall).astype(float)
    model = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, random_state=0, early_stopping=False)
    model.fit(train[FEATURES].astype(float), train[TARGET])
    predicted = model.predict(test[FEATURES].astype(float))
    model_mae = float(np.mean(np.abs(test[TARGET] - predicted)))
    baseline_mae = float(np.mean(np.abs(test[TARGET] - baseline)))
    return {
        "outcomes": os.path.abspath(path),
        "target": TARGET,
        "model": f"HistGradientBoostingRegressor({', '.join(FEATURES)})",
        "baseline": "median sale-to-list ratio of the zip's training sales (all training sales' median otherwise)",
        "split": {"kind": "time", "by": "sale_date", "test_from": cutoff,
                  "held_out": f"the latest {int(HELD_OUT_FRACTION * 100)}% of sale days"},
        "rows": {"episodes": int(len(rows)), "sold": int(len(sold)), "train": int(len(train)), "test": int(len(test))},
        "model_mae": round(model_mae, 5),
        "baseline_mae": round(baseline_mae, 5),
        "improvement_pct": round(100 * (1 - model_mae / baseline_mae), 1) if baseline_mae > 0 else None,
    }
