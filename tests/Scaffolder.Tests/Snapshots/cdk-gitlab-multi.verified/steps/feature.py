"""Feature: split the cleaned rows into train, validation and test with a seed, then scale and one-hot encode.

A row's split comes from its id and the seed (split.py). The transformer is fitted on the training split only, so
nothing leaks from validation or test data. Splits are written as CSV without a header and the target in the first
column (the convention of the SageMaker algorithms). The fitted transformer is written as parameters in
transformer.json (means, scales, categories), not as a pickle: training packs it with the model, and the endpoint,
which may run another container with other library versions, applies it with the same plain code
(transformer.transform). The features come from schema.py: a derived feature is declared there (schema.DERIVED),
never computed here alone, or the endpoint could not make it (the ServeCheck step would stop the run).

With ProcessingInstanceCount above 1 each instance gets its share of the cleaned parts (ShardedByS3Key) and every
instance's statistics (--statistics-dir, written by Clean), fits the one transformer from all of them, and writes its
own part of each split (train-HOST.csv...): no instance repeats another's work, and the result is the one instance's.
Without --statistics-dir the transformer is fitted on the rows this instance reads.

--train-parts N writes each instance's training rows as N files (train-1.csv ... train-N.csv, row K in file K mod N),
so that a training job of N instances that shards the train channel by file gives every instance its share.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

import numpy as np

from common import (
    TRANSFORMER_FILE,
    StepError,
    container_path,
    csv_files,
    logger,
    part_file,
    read_json,
    run,
    write_json,
)
from csvdata import read_table, write_csv
from schema import COLUMNS, ID_COLUMN, NUMERIC, TARGET
from split import SPLITS, split_of, split_statistics
from transformer import fit, transform

if TYPE_CHECKING:
    import pandas as pd

log = logger("feature")


def split_rows(frame: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The train, validation and test rows of `frame`, each in the frame's order."""
    splits = split_of(frame[ID_COLUMN], seed)
    train, validation, test = (frame[splits == index] for index in range(len(SPLITS)))
    return train, validation, test


def check_splits(parts: list[dict[str, Any]], seed: int) -> None:
    """The statistics of every part were made with this seed, and each split has rows of both classes."""
    for part in parts:
        if part["seed"] != seed:
            raise StepError(
                f"the statistics were computed with seed {part['seed']} and Feature runs with seed {seed}; "
                "Clean and Feature must get the same Seed"
            )
    rows = [sum(part["rows"][index] for part in parts) for index in range(len(SPLITS))]
    positives = [sum(part["positives"][index] for part in parts) for index in range(len(SPLITS))]
    if sum(rows) < 10:
        raise StepError(f"only {sum(rows)} cleaned rows; at least 10 are needed")
    for name, count, positive in zip(SPLITS, rows, positives):
        if positive == 0 or positive == count:
            raise StepError(
                f"cannot split {sum(rows)} rows into train, validation and test with both classes in each: "
                f"the {name} split has {count} rows, {positive} of them positive; more rows are needed"
            )


def read_cleaned(path: str) -> pd.DataFrame:
    """The cleaned data, checked: every column there, numbers where numbers belong, a target of 0 or 1."""
    frame = read_table(path, COLUMNS, numeric=[*NUMERIC, TARGET])
    if not frame[TARGET].isin([0, 1]).all():
        raise StepError(f"column {TARGET} of {path} must be 0 or 1 in every row; run the Clean step first")
    frame[TARGET] = frame[TARGET].astype(np.int8)
    return frame


def write(frame: pd.DataFrame, transformer: dict[str, Any], folder: str, name: str, files: int = 1) -> None:
    """Writes the features of `frame` to this instance's part of a split: one file, or `files` files (NAME-1 ...)
    with row K in file K mod `files`, none of them empty."""
    os.makedirs(folder, exist_ok=True)
    features = transform(frame, transformer)
    features.insert(0, TARGET, frame[TARGET].to_numpy())
    if files == 1:
        write_csv(features, os.path.join(folder, part_file(name)), header=False)
        return
    for number in range(min(files, len(features))):
        write_csv(features.iloc[number::files], os.path.join(folder, part_file(f"{name}-{number + 1}")), header=False)


def main() -> None:
    parser = argparse.ArgumentParser(description="Split the cleaned data and make features.")
    parser.add_argument("--input-dir", default=container_path("/opt/ml/processing/input"))
    parser.add_argument(
        "--statistics-dir",
        help="Clean's report: every instance's statistics.json, to fit the transformer on the whole training split",
    )
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
    parser.add_argument(
        "--train-parts",
        type=int,
        default=1,
        help="how many files each instance writes its training rows to: the training job's instance count",
    )
    args = parser.parse_args()
    if args.train_parts < 1:
        raise StepError(f"--train-parts is {args.train_parts}; it must be at least 1 (the training instance count)")

    import pandas as pd

    paths = csv_files(args.input_dir, shard=bool(args.statistics_dir))
    frames = [read_cleaned(path) for path in paths]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({c: [] for c in COLUMNS})
    if args.statistics_dir:
        names = sorted(os.listdir(args.statistics_dir)) if os.path.isdir(args.statistics_dir) else []
        parts = [read_json(os.path.join(args.statistics_dir, n)) for n in names if n.startswith("statistics")]
        if not parts:
            raise StepError(f"no statistics.json in {args.statistics_dir}; Clean writes it there when given --seed")
    else:
        parts = [split_statistics(frame, args.seed)]
    check_splits(parts, args.seed)
    transformer = fit([part["train"] for part in parts])
    train, validation, test = split_rows(frame, args.seed)
    for part, folder, name, files in (
        (train, args.train_dir, "train", args.train_parts),
        (validation, args.validation_dir, "validation", 1),
        (test, args.test_dir, "test", 1),
    ):
        os.makedirs(folder, exist_ok=True)
        if len(part):
            write(part, transformer, folder, name, files)
        log.info("%s: %d rows, %.1f %% positive", name, len(part), 100 * part[TARGET].mean() if len(part) else 0)
    os.makedirs(args.transformer_dir, exist_ok=True)
    write_json(os.path.join(args.transformer_dir, TRANSFORMER_FILE), transformer)
    if args.holdout_dir and len(test):
        # The rows of test.csv, in its order, as a client sends them (the columns of schema.py but the target):
        # ServeCheck scores them through inference.py as the endpoint will.
        os.makedirs(args.holdout_dir, exist_ok=True)
        write_csv(test[[c for c in COLUMNS if c != TARGET]], os.path.join(args.holdout_dir, part_file("holdout")))


if __name__ == "__main__":
    run(main, log)
