"""Makes the sample data set: customers of a subscription service and whether they left (churned).

Deterministic: the same seed gives the same file, byte for byte. The data is realistic enough to exercise
every step: numeric and categorical columns, missing values, a few duplicate rows, and a target that
depends on the features with noise.

    python3 data/generate.py --rows 3000 --seed 7 --out data/sample.csv
"""
import argparse
import csv
import math
import random

CONTRACTS = ["month-to-month", "one-year", "two-year"]
PAYMENTS = ["card", "bank-transfer", "electronic-check", "mailed-check"]
INTERNET = ["dsl", "fiber", "none"]
COLUMNS = [
    "customer_id", "tenure_months", "monthly_charges", "total_charges", "contract",
    "payment_method", "internet_service", "support_calls", "has_partner", "churned",
]


def customer(rng, index):
    tenure = rng.randint(0, 72)
    contract = rng.choices(CONTRACTS, weights=[55, 25, 20])[0]
    internet = rng.choices(INTERNET, weights=[35, 45, 20])[0]
    monthly = round(20 + (45 if internet == "fiber" else 25 if internet == "dsl" else 0) + rng.gauss(15, 8), 2)
    payment = rng.choice(PAYMENTS)
    calls = min(12, int(rng.expovariate(0.6)))
    partner = rng.random() < 0.48
    score = (
        -1.1
        + (1.4 if contract == "month-to-month" else -0.6 if contract == "one-year" else -1.6)
        - 0.035 * tenure
        + 0.018 * (monthly - 60)
        + 0.30 * calls
        + (0.5 if payment == "electronic-check" else 0.0)
        + (0.35 if internet == "fiber" else 0.0)
        - (0.25 if partner else 0.0)
        + rng.gauss(0, 0.6)
    )
    churned = 1 if rng.random() < 1 / (1 + math.exp(-score)) else 0
    row = {
        "customer_id": f"C{index:06d}",
        "tenure_months": tenure,
        "monthly_charges": f"{monthly:.2f}",
        "total_charges": f"{monthly * max(tenure, 1):.2f}",
        "contract": contract,
        "payment_method": payment,
        "internet_service": internet,
        "support_calls": calls,
        "has_partner": "yes" if partner else "no",
        "churned": churned,
    }
    # Real exports have gaps: about 3 % of some values are missing.
    for column in ("total_charges", "payment_method", "support_calls"):
        if rng.random() < 0.03:
            row[column] = ""
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000, help="how many customers (at most 20000)")
    parser.add_argument("--seed", type=int, default=7, help="the random seed")
    parser.add_argument("--out", default="data/sample.csv", help="the CSV file to write")
    args = parser.parse_args()
    if not 10 <= args.rows <= 20000:
        parser.error("--rows must be between 10 and 20000")
    rng = random.Random(args.seed)
    rows = [customer(rng, i) for i in range(args.rows)]
    # ...and a few exact duplicates, as exports do.
    rows += [dict(rows[i]) for i in range(0, args.rows, max(1, args.rows // 20))]
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
