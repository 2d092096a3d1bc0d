"""Clean: check the raw data against the schema (schema.py), fix types, drop duplicates, fill missing values.

Reads every CSV in --input-dir; writes cleaned.csv and clean_report.json (what it changed) to --output-dir.
A file that is empty, lacks a column or holds text in a numeric column stops the step with exit code 65 and
the file and column named; a few stray values are set aside and counted instead.
"""

from __future__ import annotations

import argparse
import os

import pandas as pd

from common import StepError, container_path, csv_files, logger, run, write_json
from csvdata import normalise, numbers, read_table, write_csv
from schema import CATEGORICAL, COLUMNS, ID_COLUMN, NUMERIC, TARGET

log = logger("clean")

# After a missing column: where the expected columns come from, and where a computed feature goes instead.
SCHEMA_HINT = (
    " (schema.COLUMNS lists the columns the data must have;"
    " a feature computed from other columns goes in schema.DERIVED)"
)

# The share of a numeric column's values that may be text (counted and filled) before the column counts as the wrong
# type.
STRAY_VALUES = 0.5


def typed(frame: pd.DataFrame, source: str) -> tuple[pd.DataFrame, dict[str, int]]:
    """The frame's columns with their types, rows without a valid target dropped, and counts of what did not fit.

    A StepError names `source` and the column when a column is missing or holds the wrong type.
    """
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise StepError(f"{source} lacks column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}{SCHEMA_HINT}")
    counts = {"rows_in": len(frame)}
    columns = {ID_COLUMN: frame[ID_COLUMN]}
    for column in NUMERIC:
        columns[column], counts[f"{column}_not_numeric"] = numbers(
            frame[column], column, source, tolerance=STRAY_VALUES
        )
    for column in CATEGORICAL:
        columns[column] = pd.Series(normalise(frame[column]), index=frame.index)

    target = pd.to_numeric(frame[TARGET], errors="coerce")
    valid = target.isin([0, 1])
    given = frame[TARGET].notna()
    if (given & ~valid).sum() > STRAY_VALUES * given.sum():
        example = frame[TARGET][given & ~valid].iloc[0]
        raise StepError(f"column {TARGET} of {source} should hold 0 or 1 but holds {example!r}")
    counts["rows_without_target"] = int((~valid).sum())
    columns[TARGET] = target.fillna(-1).astype(int)
    # Built in one go rather than column by column: pandas copies a frame's blocks on every column it replaces.
    frame = pd.DataFrame(columns)[list(COLUMNS)]
    frame = frame[valid.to_numpy()]
    return frame, counts


def finish(parts: list[tuple[pd.DataFrame, dict[str, int]]]) -> tuple[pd.DataFrame, dict[str, int]]:
    """The cleaned frame from the typed parts: duplicates dropped, missing values filled, sorted by id."""
    frame = pd.concat([part for part, _ in parts], ignore_index=True)
    report: dict[str, int] = {}
    for _, counts in parts:
        for key, value in counts.items():
            report[key] = report.get(key, 0) + value

    rows = len(frame)
    frame = frame.drop_duplicates()
    report["duplicates_dropped"] = int(rows - len(frame))

    columns = {column: frame[column] for column in COLUMNS}
    for column in NUMERIC:
        report[f"{column}_filled"] = int(frame[column].isna().sum())
        columns[column] = frame[column].fillna(frame[column].median())
    for column in CATEGORICAL:
        report[f"{column}_filled"] = int(frame[column].isna().sum())
        columns[column] = frame[column].fillna("unknown")
    frame = pd.DataFrame(columns)

    report["rows_out"] = len(frame)
    if len(frame) < 10:
        raise StepError(f"only {len(frame)} usable rows are left after cleaning; at least 10 are needed")
    return frame.sort_values(ID_COLUMN, kind="mergesort").reset_index(drop=True), report


def clean(frame: pd.DataFrame, source: str = "the input") -> tuple[pd.DataFrame, dict[str, int]]:
    """The cleaned frame and a report of every change."""
    return finish([typed(frame, source)])


def main() -> None:
    parser = argparse.ArgumentParser(description="Clean the raw data.")
    parser.add_argument("--input-dir", default=container_path("/opt/ml/processing/input"))
    parser.add_argument("--output-dir", default=container_path("/opt/ml/processing/output"))
    args = parser.parse_args()

    # Each file is checked on its own, so an error names the file it is in.
    cleaned, report = finish(
        [
            typed(read_table(path, COLUMNS, numeric=[*NUMERIC, TARGET], strict=False, hint=SCHEMA_HINT), path)
            for path in csv_files(args.input_dir)
        ]
    )
    os.makedirs(args.output_dir, exist_ok=True)
    write_csv(cleaned, os.path.join(args.output_dir, "cleaned.csv"))
    write_json(os.path.join(args.output_dir, "clean_report.json"), report)
    for key, value in report.items():
        log.info("%s: %s", key, value)


if __name__ == "__main__":
    run(main, log)
