"""Baseline: the data-quality baseline of the training data, in the files SageMaker Model Monitor reads.

It describes the columns the endpoint takes (schema.INPUTS, as a client sends them) over the cleaned data the
model's splits are drawn from, and writes two files that the pipeline's Register step records with the model version:

- statistics.json: the number of rows, and per column its type (Integral, Fractional or String), how many values
  are present and missing, and for numbers the mean, sum, standard deviation, minimum, maximum and distribution
  (ten buckets and a KLL quantile sketch), for text the distinct values and their counts;
- constraints.json: what captured requests must satisfy: each column's type and completeness, numbers that are
  never negative stay so, text stays within the values seen (for columns with few of them), and the thresholds
  Model Monitor's checks use (monitoring_config).

A data-quality monitoring schedule compares the endpoint's captured requests with these two files.
Plain pandas and numpy of the oldest container (pandas 1.1): this runs in the scikit-learn container.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

import numpy as np

from common import StepError, container_path, csv_files, logger, run, write_json
from csvdata import read_table
from schema import CATEGORICAL, INPUTS, NUMERIC

if TYPE_CHECKING:
    import pandas as pd

log = logger("baseline")

STATISTICS_FILE = "statistics.json"
CONSTRAINTS_FILE = "constraints.json"

# The distribution Model Monitor draws: ten buckets between the minimum and the maximum, and a KLL sketch with the
# parameters of its own analyzer (k items per level, each level's capacity shrinking by c).
BUCKETS = 10
KLL_K = 2048
KLL_C = 0.64

# Text columns with at most this many distinct values get a domain: a value outside it is a violation.
MAX_DOMAIN = 20

MONITORING_CONFIG = {
    "evaluate_constraints": "Enabled",
    "emit_metrics": "Enabled",
    "datatype_check_threshold": 0.1,
    "domain_content_threshold": 0.1,
    "distribution_constraints": {
        "perform_comparison": "Enabled",
        "comparison_threshold": 0.1,
        "comparison_method": "Robust",
    },
}


def kll_levels(values: np.ndarray) -> list[list[float]]:
    """A KLL sketch of the values: level h holds items of weight 2**h.

    A level over its capacity (k * c**(height - h - 1), at least 2) is sorted and every second item moves up a level,
    as KLL compacts; the item left over stays. Deterministic (the first of each pair goes up), so the same data
    gives the same file. Up to k values the sketch is exact: every value, at level 0.
    """
    levels: list[list[float]] = [[float(v) for v in values]]
    while True:
        height = len(levels)
        full = [h for h, level in enumerate(levels) if len(level) > max(2, int(KLL_K * KLL_C ** (height - h - 1)))]
        if not full:
            return [sorted(level) for level in levels]
        h = full[0]
        level = sorted(levels[h])
        if h + 1 == height:
            levels.append([])
        levels[h + 1].extend(level[0 : len(level) - len(level) % 2 : 2])
        levels[h] = level[len(level) - len(level) % 2 :]


def buckets(values: np.ndarray) -> list[dict[str, Any]]:
    """Ten buckets of equal width from the minimum to the maximum, each with its count (the last includes the maximum;
    a column of one value has all of them in the first)."""
    low, high = float(values.min()), float(values.max())
    edges = np.linspace(low, high, BUCKETS + 1)
    counts = [len(values)] + [0] * (BUCKETS - 1)
    if high > low:
        counts = [int(n) for n in np.histogram(values, bins=edges)[0]]
    return [
        {"lower_bound": float(lower), "upper_bound": float(upper), "count": count}
        for lower, upper, count in zip(edges[:-1], edges[1:], counts)
    ]


def common_counts(column: pd.Series) -> dict[str, int]:
    present = int(column.notna().sum())
    return {"num_present": present, "num_missing": int(len(column) - present)}


def numeric_feature(name: str, column: pd.Series) -> tuple[dict[str, Any], dict[str, Any]]:
    values = column.dropna().to_numpy(dtype=float)
    if not len(values) or not np.isfinite(values).all():
        raise StepError(f"column {name} needs numbers, and finite ones, for a baseline; run the Clean step first")
    integral = bool(np.all(values == np.floor(values)))
    kind = "Integral" if integral else "Fractional"
    statistics = {
        "name": name,
        "inferred_type": kind,
        "numerical_statistics": {
            "common": common_counts(column),
            "mean": float(values.mean()),
            "sum": float(values.sum()),
            "std_dev": float(values.std()),
            "min": float(values.min()),
            "max": float(values.max()),
            "distribution": {
                "kll": {
                    "buckets": buckets(values),
                    "sketch": {"parameters": {"c": KLL_C, "k": KLL_K}, "data": kll_levels(values)},
                }
            },
        },
    }
    constraints = {
        "name": name,
        "inferred_type": kind,
        "completeness": len(values) / len(column),
        "num_constraints": {"is_non_negative": bool(values.min() >= 0)},
    }
    return statistics, constraints


def string_feature(name: str, column: pd.Series) -> tuple[dict[str, Any], dict[str, Any]]:
    present = column.dropna()
    counts = present.value_counts()
    # Most frequent first, ties by value, so the same data gives the same file.
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    statistics = {
        "name": name,
        "inferred_type": "String",
        "string_statistics": {
            "common": common_counts(column),
            "distinct_count": len(counts),
            "distribution": {"categorical": {"buckets": [{"value": str(v), "count": int(n)} for v, n in ordered]}},
        },
    }
    constraints: dict[str, Any] = {
        "name": name,
        "inferred_type": "String",
        "completeness": len(present) / len(column),
    }
    if len(counts) <= MAX_DOMAIN:
        constraints["string_constraints"] = {"domains": sorted(str(v) for v in counts.index)}
    return statistics, constraints


def baseline(frame: pd.DataFrame) -> tuple[dict[str, Any], dict[str, Any]]:
    """The statistics and the constraints of the endpoint's input columns of a frame, in Model Monitor's format."""
    features = [(numeric_feature if name in NUMERIC else string_feature)(name, frame[name]) for name in INPUTS]
    statistics = {"version": 0, "dataset": {"item_count": len(frame)}, "features": [s for s, _ in features]}
    constraints = {"version": 0, "features": [c for _, c in features], "monitoring_config": MONITORING_CONFIG}
    return statistics, constraints


def main() -> None:
    parser = argparse.ArgumentParser(description="Compute the data-quality baseline of the training data.")
    parser.add_argument("--input-dir", default=container_path("/opt/ml/processing/input"))
    parser.add_argument("--output-dir", default=container_path("/opt/ml/processing/output"))
    args = parser.parse_args()

    import pandas as pd

    # Every part of the cleaned data (one per instance of Clean), as one table.
    frame = pd.concat(
        [read_table(path, INPUTS, numeric=NUMERIC) for path in csv_files(args.input_dir)], ignore_index=True
    )
    statistics, constraints = baseline(frame)
    os.makedirs(args.output_dir, exist_ok=True)
    write_json(os.path.join(args.output_dir, STATISTICS_FILE), statistics, sort_keys=False)
    write_json(os.path.join(args.output_dir, CONSTRAINTS_FILE), constraints, sort_keys=False)
    log.info(
        "%d rows, %d columns (%d numeric, %d text)",
        len(frame),
        len(INPUTS),
        len([c for c in INPUTS if c in NUMERIC]),
        len([c for c in INPUTS if c in CATEGORICAL]),
    )


if __name__ == "__main__":
    run(main, log)
