"""Makes the sample data set: customers of a subscription service and whether they left (churned).

Deterministic: the same seed and row count give the same file, byte for byte. The data is realistic enough to
exercise every step: numeric and categorical columns, missing values, a few duplicate rows, and a target that
depends on the features with noise. Vectorised with numpy and written in blocks of 250,000 rows, so ten
million rows take about a minute and a half on two cores, in a few hundred megabytes.

    python3 data/generate.py --rows 3000 --seed 7 --out data/sample.csv
"""

import argparse
import inspect
import shutil
import tempfile

import numpy as np
import pandas as pd

CONTRACTS = ["month-to-month", "one-year", "two-year"]
PAYMENTS = ["card", "bank-transfer", "electronic-check", "mailed-check"]
INTERNET = ["dsl", "fiber", "none"]
COLUMNS = [
    "customer_id",
    "tenure_months",
    "monthly_charges",
    "total_charges",
    "contract",
    "payment_method",
    "internet_service",
    "support_calls",
    "has_partner",
    "churned",
]
MAX_ROWS = 100_000_000
BLOCK = 250_000


def pick(uniform, choices, weights):
    """One of `choices` per uniform draw, with the given weights."""
    edges = np.cumsum(weights) / np.sum(weights)
    return np.array(choices, dtype=object)[np.minimum(np.searchsorted(edges, uniform, side="right"), len(choices) - 1)]


def normal(rng, count, mean, sd):
    """Normal draws by the Box-Muller transform of uniform draws (the same numbers in every numpy version)."""
    u1, u2 = 1.0 - rng.random(count), rng.random(count)
    return mean + sd * np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def customers(rng, first, count):
    """A block of `count` customers numbered from `first`; every draw is derived from uniform numbers."""
    tenure = np.floor(rng.random(count) * 73).astype(np.int64)
    contract = pick(rng.random(count), CONTRACTS, [55, 25, 20])
    internet = pick(rng.random(count), INTERNET, [35, 45, 20])
    monthly = np.round(
        20 + np.where(internet == "fiber", 45, np.where(internet == "dsl", 25, 0)) + normal(rng, count, 15, 8), 2
    )
    payment = pick(rng.random(count), PAYMENTS, [1, 1, 1, 1])
    calls = np.minimum(12, np.floor(-np.log(1.0 - rng.random(count)) / 0.6)).astype(np.int64)
    partner = rng.random(count) < 0.48
    score = (
        -1.1
        + np.where(contract == "month-to-month", 1.4, np.where(contract == "one-year", -0.6, -1.6))
        - 0.035 * tenure
        + 0.018 * (monthly - 60)
        + 0.30 * calls
        + np.where(payment == "electronic-check", 0.5, 0.0)
        + np.where(internet == "fiber", 0.35, 0.0)
        - np.where(partner, 0.25, 0.0)
        + normal(rng, count, 0, 0.6)
    )
    churned = (rng.random(count) < 1 / (1 + np.exp(-score))).astype(np.int64)
    frame = pd.DataFrame(
        {
            "customer_id": "C" + pd.Series(np.arange(first, first + count)).astype(str).str.zfill(6),
            "tenure_months": tenure,
            "monthly_charges": monthly,
            "total_charges": np.round(monthly * np.maximum(tenure, 1), 2),
            "contract": contract,
            "payment_method": payment,
            "internet_service": internet,
            "support_calls": pd.array(calls, dtype="Int64"),
            "has_partner": np.where(partner, "yes", "no"),
            "churned": churned,
        }
    )
    # Real exports have gaps: about 3 % of some values are missing.
    for column in ("total_charges", "payment_method", "support_calls"):
        frame.loc[rng.random(count) < 0.03, column] = None
    return frame


def write(frame, handle, header):
    keyword = (
        "lineterminator" if "lineterminator" in inspect.signature(pd.DataFrame.to_csv).parameters else "line_terminator"
    )
    frame.to_csv(handle, index=False, header=header, **{keyword: "\n"})


def generate(rows, seed, out):
    """Writes `rows` customers, then about 5 % of them again (exact duplicates, as exports have); returns the rows
    written. Block by block: the duplicates wait in an anonymous temporary file, so memory stays that of a block."""
    rng = np.random.default_rng(seed)
    every = max(1, rows // 20)
    duplicates = 0
    with open(out, "w", newline="", encoding="utf-8") as handle, tempfile.TemporaryFile(
        "w+", newline="", encoding="utf-8"
    ) as again:
        for first in range(0, rows, BLOCK):
            block = customers(rng, first, min(BLOCK, rows - first))
            write(block, handle, header=first == 0)
            repeated = block[(np.arange(first, first + len(block)) % every) == 0]
            write(repeated, again, header=False)
            duplicates += len(repeated)
        again.seek(0)
        shutil.copyfileobj(again, handle)
    return rows + duplicates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000, help=f"how many customers (10 to {MAX_ROWS:,})")
    parser.add_argument("--seed", type=int, default=7, help="the random seed")
    parser.add_argument("--out", default="data/sample.csv", help="the CSV file to write")
    args = parser.parse_args()
    if not 10 <= args.rows <= MAX_ROWS:
        parser.error(f"--rows must be between 10 and {MAX_ROWS:,}")
    print(f"wrote {generate(args.rows, args.seed, args.out)} rows to {args.out}")


if __name__ == "__main__":
    main()
