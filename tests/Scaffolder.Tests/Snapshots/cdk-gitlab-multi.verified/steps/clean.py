"""Clean: check the raw data against the schema (schema.py), fix types, drop each file's repeated rows.

Reads every CSV in --input-dir; writes cleaned.csv to --output-dir and clean_report.json (what it changed) to
--report-dir (the output folder unless given). A file
that is empty, lacks a column or holds text in a numeric column stops the step with exit code 65 and the file and
column named; a few stray values are set aside and counted instead. Missing values stay missing: Feature's
transformer fills them from the training split alone (a number with its mean, a category with "unknown").

Every change is made file by file, so the cleaned rows do not depend on how the files are shared out: with
ProcessingInstanceCount above 1 each instance gets its share of the files (ShardedByS3Key) and writes its own part
(cleaned-HOST.csv, clean_report-HOST.json). With --seed it also sums up its part of the training split (split.py) in
statistics.json (statistics-HOST.json) beside the report, for Feature, which fits one transformer from every
instance's sums. The output folder holds the cleaned rows alone, so Feature can share out its files in turn.
"""

from __future__ import annotations

import argparse
import os

import pandas as pd

from common import StepError, container_path, csv_files, hosts, logger, part_file, run, write_json
from csvdata import normalise, numbers, read_table, write_csv
from schema import CATEGORICAL, COLUMNS, ID_COLUMN, NUMERIC, TARGET
from split import split_statistics

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


def finish(
    parts: list[tuple[pd.DataFrame, dict[str, int]]], least_rows: int = 10
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The cleaned frame from the typed parts (one per file): each part's repeated rows dropped, sorted by id.

    A StepError when fewer than `least_rows` rows are left.
    """
    report: dict[str, int] = {}
    for _, counts in parts:
        for key, value in counts.items():
            report[key] = report.get(key, 0) + value
    frames = [part.drop_duplicates() for part, _ in parts]
    report["duplicates_dropped"] = sum(len(part) for part, _ in parts) - sum(len(frame) for frame in frames)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({column: [] for column in COLUMNS})
    for column in [*NUMERIC, *CATEGORICAL]:
        report[f"{column}_missing"] = int(frame[column].isna().sum())
    report["rows_out"] = len(frame)
    if len(frame) < least_rows:
        raise StepError(f"only {len(frame)} usable rows are left after cleaning; at least {least_rows} are needed")
    return frame.sort_values(ID_COLUMN, kind="mergesort").reset_index(drop=True), report


def clean(frame: pd.DataFrame, source: str = "the input") -> tuple[pd.DataFrame, dict[str, int]]:
    """The cleaned frame and a report of every change."""
    return finish([typed(frame, source)])


def main() -> None:
    parser = argparse.ArgumentParser(description="Clean the raw data.")
    parser.add_argument("--input-dir", default=container_path("/opt/ml/processing/input"))
    parser.add_argument("--output-dir", default=container_path("/opt/ml/processing/output"))
    parser.add_argument("--report-dir", help="where to write the report and the statistics (default: --output-dir)")
    parser.add_argument(
        "--seed",
        type=int,
        help="the seed of the split, as Feature gets it: write the statistics of this part of the training split",
    )
    args = parser.parse_args()

    # Each file is checked on its own, so an error names the file it is in. With several instances, one may get no
    # file (fewer files than instances) and another few rows: the least number of rows is Feature's to check, over all.
    several = len(hosts()[1]) > 1
    cleaned, report = finish(
        [
            typed(read_table(path, COLUMNS, numeric=[*NUMERIC, TARGET], strict=False, hint=SCHEMA_HINT), path)
            for path in csv_files(args.input_dir, shard=True)
        ],
        least_rows=0 if several else 10,
    )
    os.makedirs(args.output_dir, exist_ok=True)
    if len(cleaned):
        write_csv(cleaned, os.path.join(args.output_dir, part_file("cleaned")))
    report_dir = args.report_dir or args.output_dir
    os.makedirs(report_dir, exist_ok=True)
    write_json(os.path.join(report_dir, part_file("clean_report", ".json")), report)
    if args.seed is not None:
        write_json(os.path.join(report_dir, part_file("statistics", ".json")), split_statistics(cleaned, args.seed))
    for key, value in report.items():
        log.info("%s: %s", key, value)


if __name__ == "__main__":
    run(main, log)
