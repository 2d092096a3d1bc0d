"""Feature: split into train, validation and test with a seed, then scale and one-hot encode.

The transformer is fitted on the training split only, so nothing leaks from validation or test data.
Splits are written as CSV without a header and the target in the first column (the convention of the
SageMaker algorithms). The fitted transformer is written as parameters in transformer.json (means, scales,
categories), not as a pickle: training packs it with the model, and the endpoint, which may run another
container with other library versions, applies it with the same plain code (transformer.transform).
The features come from schema.py: a derived feature is declared there (schema.DERIVED), never computed here
alone, or the endpoint could not make it (the ServeCheck step would stop the run).
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.model_selection import train_test_split

from common import TRANSFORMER_FILE, StepError, container_path, csv_files, logger, run, write_json
from csvdata import read_table, write_csv
from schema import COLUMNS, NUMERIC, TARGET
from transformer import fit_transformer, transform

if TYPE_CHECKING:
    import pandas as pd

log = logger("feature")


def split(
    frame: pd.DataFrame, seed: int, validation_fraction: float, test_fraction: float
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    if not 0 < validation_fraction < 1 or not 0 < test_fraction < 1 or validation_fraction + test_fraction >= 1:
        raise StepError("--validation-fraction and --test-fraction must be between 0 and 1 and add up to less than 1")
    try:
        train, rest = train_test_split(
            frame, test_size=validation_fraction + test_fraction, random_state=seed, stratify=frame[TARGET]
        )
        validation, test = train_test_split(
            rest,
            test_size=test_fraction / (validation_fraction + test_fraction),
            random_state=seed,
            stratify=rest[TARGET],
        )
    except ValueError as error:  # too few rows of a class to stratify
        raise StepError(
            f"cannot split {len(frame)} rows into train, validation and test with both classes in each: {error}"
        ) from error
    return train, validation, test


def read_cleaned(path: str) -> pd.DataFrame:
    """The cleaned data, checked: every column there, numbers where numbers belong, a target of 0 or 1."""
    frame = read_table(path, COLUMNS, numeric=[*NUMERIC, TARGET])
    if not frame[TARGET].isin([0, 1]).all():
        raise StepError(f"column {TARGET} of {path} must be 0 or 1 in every row; run the Clean step first")
    if frame[TARGET].nunique() < 2:
        raise StepError(f"column {TARGET} of {path} has only one class; the model needs both")
    frame[TARGET] = frame[TARGET].astype(np.int8)
    return frame


def write(frame: pd.DataFrame, transformer: dict[str, Any], folder: str, name: str) -> None:
    os.makedirs(folder, exist_ok=True)
    features = transform(frame, transformer)
    features.insert(0, TARGET, frame[TARGET].to_numpy())
    write_csv(features, os.path.join(folder, f"{name}.csv"), header=False)


def main() -> None:
    parser = argparse.ArgumentParser(description="Split the cleaned data and make features.")
    parser.add_argument("--input-dir", default=container_path("/opt/ml/processing/input"))
    parser.add_argument("--train-dir", default=container_path("/opt/ml/processing/train"))
    parser.add_argument("--validation-dir", default=container_path("/opt/ml/processing/validation"))
    parser.add_argument("--test-dir", default=container_path("/opt/ml/processing/test"))
    parser.add_argument("--transformer-dir", default=container_path("/opt/ml/processing/transformer"))
    parser.add_argument(
        "--holdout-dir",
        help="where to write the test split's rows as the endpoint takes them (the raw columns, no target), "
        "for the serving check",
    )
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--validation-fraction", type=float, default=0.15)
    parser.add_argument("--test-fraction", type=float, default=0.15)
    args = parser.parse_args()

    frame = read_cleaned(csv_files(args.input_dir)[0])
    train, validation, test = split(frame, args.seed, args.validation_fraction, args.test_fraction)
    transformer = fit_transformer(train)
    for part, folder, name in (
        (train, args.train_dir, "train"),
        (validation, args.validation_dir, "validation"),
        (test, args.test_dir, "test"),
    ):
        write(part, transformer, folder, name)
        log.info("%s: %d rows, %.1f %% positive", name, len(part), 100 * part[TARGET].mean())
    os.makedirs(args.transformer_dir, exist_ok=True)
    write_json(os.path.join(args.transformer_dir, TRANSFORMER_FILE), transformer)
    if args.holdout_dir:
        # The rows of test.csv, in its order, as a client sends them (the columns of schema.py but the target):
        # ServeCheck scores them through inference.py as the endpoint will.
        os.makedirs(args.holdout_dir, exist_ok=True)
        write_csv(test[[c for c in COLUMNS if c != TARGET]], os.path.join(args.holdout_dir, "holdout.csv"))


if __name__ == "__main__":
    run(main, log)
