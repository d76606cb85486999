"""A first price model with an honest score (issue 14): `npm run model -- [--json] [--train FILE --test FILE]`.

Trains scikit-learn's HistGradientBoostingRegressor on home facts and zip (bed, bath, acre_lot, house_size,
zip_code) to predict the listed `price`, and scores it on held-out rows against a naive baseline: the median
price of the same zip in the training rows. By default it reads the real "USA Real Estate Dataset" sample
(REALTY_MODEL_DATASET, ../shared/fixtures/datasets/...) and holds out a seeded 20% of its rows; see
docs/data-science.md for why that split is not time-based. Exit status 2 for a bad file or column.
With `--outcomes FILE` (an export of listing_outcomes) it also scores a sale-to-list ratio model on a
time-based split of the sold episodes (jobs/model/outcomes_model.py), under the key "listing_outcomes".
"""

import argparse
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import KFold, train_test_split

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from outcomes_model import OutcomesError, evaluate_outcomes  # noqa: E402 - next to this script

FEATURES = ["bed", "bath", "acre_lot", "house_size"]
REQUIRED = ["price", "zip_code", *FEATURES]
SEED = 42
TEST_FRACTION = 0.2
DEFAULT_DATASET = os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "shared", "fixtures", "datasets",
    "realtor-data_brokered_by_sample_12885rows.csv",
)
SPLIT_WHY = (
    "seeded random: every row is a for-sale listing from one scrape, so its price has no date; "
    "prev_sold_date dates the previous sale (a feature, missing in 2 rows of 3), not the price being predicted"
)


class UsageError(Exception):
    """A file or column the user gave that cannot be used: printed as one line, exit status 2."""


def read_rows(path, role):
    """The rows of one CSV in the dataset's columns, price and zip_code as the model needs them."""
    if not os.path.isfile(path):
        raise UsageError(f"{role} file {path} does not exist; give a CSV in the dataset's columns ({', '.join(REQUIRED)})")
    try:
        rows = pd.read_csv(path, dtype={"zip_code": str})
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise UsageError(f"{role} file {path} is not a readable CSV: {error}") from error
    missing = [c for c in REQUIRED if c not in rows.columns]
    if missing:
        raise UsageError(f"{role} file {path} lacks the column(s) {', '.join(missing)}; it has {', '.join(map(str, rows.columns))}")
    for column in ["price", *FEATURES]:
        rows[column] = pd.to_numeric(rows[column], errors="coerce")
    rows["zip_code"] = rows["zip_code"].str.strip().str.zfill(5)
    return rows


def usable(rows):
    """Rows with a positive price and a zip: the only ones a price can be learned from or scored on."""
    return rows[(rows["price"] > 0) & rows["zip_code"].notna()].copy()


def zip_medians(train):
    return train.groupby("zip_code")["price"].median(), float(train["price"].median())


def zip_median_of(rows, medians):
    by_zip, overall = medians
    return rows["zip_code"].map(by_zip).fillna(overall).astype(float)


def out_of_fold_zip_median(train):
    """Each training row's zip median from the other folds, so the model never sees its own price in a feature."""
    values = pd.Series(index=train.index, dtype=float)
    for fit_idx, held_idx in KFold(n_splits=5, shuffle=True, random_state=SEED).split(train):
        values.iloc[held_idx] = zip_median_of(train.iloc[held_idx], zip_medians(train.iloc[fit_idx])).to_numpy()
    return values


def features(rows, zip_median):
    frame = rows[FEATURES].copy()
    frame["zip_number"] = pd.to_numeric(rows["zip_code"], errors="coerce")
    frame["log_zip_median"] = np.log(zip_median)
    return frame


def evaluate(train, test, split):
    """Fits the model on `train`, scores it and the zip-median baseline on `test` (mean absolute error, $)."""
    train, test = usable(train), usable(test)
    if len(train) < 50 or len(test) < 10:
        raise UsageError(f"too few rows with a price and a zip: {len(train)} to train (50 needed), {len(test)} to test (10 needed)")
    medians = zip_medians(train)
    model = HistGradientBoostingRegressor(max_iter=300, learning_rate=0.05, random_state=0, early_stopping=False)
    model.fit(features(train, out_of_fold_zip_median(train)), np.log(train["price"]))
    test_median = zip_median_of(test, medians)
    predicted = np.exp(model.predict(features(test, test_median)))
    model_mae = float(np.mean(np.abs(test["price"] - predicted)))
    baseline_mae = float(np.mean(np.abs(test["price"] - test_median)))
    return {
        "target": "price",
        "model": "HistGradientBoostingRegressor(log price; bed, bath, acre_lot, house_size, zip_code, out-of-fold zip median)",
        "baseline": "median price of the zip in the training rows (all training rows' median for a zip not there)",
        "split": split,
        "rows": {"train": int(len(train)), "test": int(len(test))},
        "model_mae": round(model_mae, 2),
        "baseline_mae": round(baseline_mae, 2),
        "improvement_pct": round(100 * (1 - model_mae / baseline_mae), 1),
        "test_zips_unseen_in_train": int((~test["zip_code"].isin(train["zip_code"])).sum()),
    }


def run(args):
    if (args.train is None) != (args.test is None):
        raise UsageError("give --train and --test together (two CSVs in the dataset's columns), or neither")
    if args.train is not None:
        split = {"kind": "given files", "train": os.path.abspath(args.train), "test": os.path.abspath(args.test)}
        return evaluate(read_rows(args.train, "--train"), read_rows(args.test, "--test"), split)
    dataset = os.path.abspath(args.dataset)
    rows = read_rows(dataset, "dataset")
    train, test = train_test_split(rows, test_size=TEST_FRACTION, random_state=SEED)
    split = {"kind": "seeded_random", "test_fraction": TEST_FRACTION, "seed": SEED, "why": SPLIT_WHY}
    return {"dataset": dataset, "rows_in_file": int(len(rows)), **evaluate(train, test, split)}


def describe(result):
    rows = result["rows"]
    return "\n".join([
        f"price model on {result.get('dataset', result['split'].get('train'))}",
        f"  split          {result['split']['kind']}: {rows['train']} rows to train, {rows['test']} held out",
        f"  model MAE      ${result['model_mae']:,.0f}  ({result['model']})",
        f"  baseline MAE   ${result['baseline_mae']:,.0f}  ({result['baseline']})",
        f"  improvement    {result['improvement_pct']}% lower error than the baseline",
        *describe_outcomes(result.get("listing_outcomes")),
    ])


def describe_outcomes(result):
    if result is None:
        return []
    rows = result["rows"]
    return [
        f"sale-to-list ratio model on {result['outcomes']}",
        f"  split          by sale date: {rows['train']} sales before {result['split']['test_from']} to train, "
        f"{rows['test']} from it held out ({rows['sold']} sold of {rows['episodes']} episodes)",
        f"  model MAE      {result['model_mae']:.4f}",
        f"  baseline MAE   {result['baseline_mae']:.4f}  ({result['baseline']})",
    ]


def main(argv):
    parser = argparse.ArgumentParser(prog="npm run model --", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--train", help="CSV of training rows in the dataset's columns")
    parser.add_argument("--test", help="CSV of held-out rows in the dataset's columns")
    parser.add_argument("--dataset", default=os.environ.get("REALTY_MODEL_DATASET", DEFAULT_DATASET),
                        help="the CSV split 80/20 when --train/--test are not given")
    parser.add_argument("--outcomes", help="an export of listing_outcomes (Parquet, CSV, or the table's folder): "
                        "also scores a sale-to-list ratio model on a time-based split of its sales")
    args = parser.parse_args(argv)
    try:
        result = run(args)
        if args.outcomes is not None:
            result["listing_outcomes"] = evaluate_outcomes(args.outcomes)
    except (UsageError, OutcomesError) as error:
        print(f"model: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else describe(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
