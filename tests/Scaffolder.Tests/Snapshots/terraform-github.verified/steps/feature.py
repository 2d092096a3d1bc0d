"""Feature: split into train, validation and test with a seed, then scale and one-hot encode.

The transformer is fitted on the training split only, so nothing leaks from validation or test data.
Splits are written as CSV without a header and the target in the first column (the convention of the
SageMaker algorithms); the fitted transformer is saved for inference.
"""
import argparse
import json
import os

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from common import CATEGORICAL, NUMERIC, TARGET, StepError, container_path, csv_files, logger, run

log = logger("feature")


def split(frame, seed, validation_fraction, test_fraction):
    if not 0 < validation_fraction < 1 or not 0 < test_fraction < 1 or validation_fraction + test_fraction >= 1:
        raise StepError("--validation-fraction and --test-fraction must be between 0 and 1 and add up to less than 1")
    train, rest = train_test_split(frame, test_size=validation_fraction + test_fraction, random_state=seed, stratify=frame[TARGET])
    validation, test = train_test_split(rest, test_size=test_fraction / (validation_fraction + test_fraction), random_state=seed, stratify=rest[TARGET])
    return train, validation, test


def transformer():
    return ColumnTransformer(
        [
            ("numeric", StandardScaler(), NUMERIC),
            ("categorical", OneHotEncoder(handle_unknown="ignore", sparse_output=False), CATEGORICAL),
        ]
    )


def write(frame, fitted, folder, name):
    os.makedirs(folder, exist_ok=True)
    features = pd.DataFrame(fitted.transform(frame[NUMERIC + CATEGORICAL]))
    features.insert(0, TARGET, frame[TARGET].to_numpy())
    features.to_csv(os.path.join(folder, f"{name}.csv"), index=False, header=False, float_format="%.8g", lineterminator="\n")


def main():
    parser = argparse.ArgumentParser(description="Split the cleaned data and make features.")
    parser.add_argument("--input-dir", default=container_path("/opt/ml/processing/input"))
    parser.add_argument("--train-dir", default=container_path("/opt/ml/processing/train"))
    parser.add_argument("--validation-dir", default=container_path("/opt/ml/processing/validation"))
    parser.add_argument("--test-dir", default=container_path("/opt/ml/processing/test"))
    parser.add_argument("--transformer-dir", default=container_path("/opt/ml/processing/transformer"))
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--validation-fraction", type=float, default=0.15)
    parser.add_argument("--test-fraction", type=float, default=0.15)
    args = parser.parse_args()

    frame = pd.read_csv(csv_files(args.input_dir)[0])
    train, validation, test = split(frame, args.seed, args.validation_fraction, args.test_fraction)
    fitted = transformer().fit(train[NUMERIC + CATEGORICAL])
    for part, folder, name in ((train, args.train_dir, "train"), (validation, args.validation_dir, "validation"), (test, args.test_dir, "test")):
        write(part, fitted, folder, name)
        log.info("%s: %d rows, %.1f %% positive", name, len(part), 100 * part[TARGET].mean())
    os.makedirs(args.transformer_dir, exist_ok=True)
    joblib.dump(fitted, os.path.join(args.transformer_dir, "transformer.joblib"))
    with open(os.path.join(args.transformer_dir, "features.json"), "w", encoding="utf-8") as handle:
        json.dump(list(fitted.get_feature_names_out()), handle, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    run(main, log)
