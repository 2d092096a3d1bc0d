"""Clean: check the raw data against the schema, fix types, drop duplicates, fill missing values.

Reads every CSV in --input-dir; writes cleaned.csv and clean_report.json (what it changed) to --output-dir.
"""
import argparse
import os

import pandas as pd

from common import CATEGORICAL, COLUMNS, NUMERIC, TARGET, StepError, container_path, csv_files, logger, run, write_json

log = logger("clean")


def clean(frame):
    """The cleaned frame and a report of every change."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise StepError(f"the input lacks column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")
    frame = frame[COLUMNS].copy()
    report = {"rows_in": int(len(frame))}

    for column in NUMERIC:
        before = frame[column].isna().sum()
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
        report[f"{column}_not_numeric"] = int(frame[column].isna().sum() - before)
    for column in CATEGORICAL:
        frame[column] = frame[column].astype("string").str.strip().str.lower()

    target = pd.to_numeric(frame[TARGET], errors="coerce")
    report["rows_without_target"] = int((~target.isin([0, 1])).sum())
    frame = frame[target.isin([0, 1])].copy()
    frame[TARGET] = target[target.isin([0, 1])].astype(int)

    rows = len(frame)
    frame = frame.drop_duplicates()
    report["duplicates_dropped"] = int(rows - len(frame))

    for column in NUMERIC:
        report[f"{column}_filled"] = int(frame[column].isna().sum())
        frame[column] = frame[column].fillna(frame[column].median())
    for column in CATEGORICAL:
        report[f"{column}_filled"] = int(frame[column].isna().sum())
        frame[column] = frame[column].fillna("unknown")

    report["rows_out"] = int(len(frame))
    if len(frame) < 10:
        raise StepError(f"only {len(frame)} usable rows are left after cleaning; at least 10 are needed")
    return frame.sort_values("customer_id").reset_index(drop=True), report


def main():
    parser = argparse.ArgumentParser(description="Clean the raw data.")
    parser.add_argument("--input-dir", default=container_path("/opt/ml/processing/input"))
    parser.add_argument("--output-dir", default=container_path("/opt/ml/processing/output"))
    args = parser.parse_args()

    frame = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=True) for f in csv_files(args.input_dir)], ignore_index=True)
    cleaned, report = clean(frame)
    os.makedirs(args.output_dir, exist_ok=True)
    cleaned.to_csv(os.path.join(args.output_dir, "cleaned.csv"), index=False, lineterminator="\n")
    write_json(os.path.join(args.output_dir, "clean_report.json"), report)
    for key, value in report.items():
        log.info("%s: %s", key, value)


if __name__ == "__main__":
    run(main, log)
