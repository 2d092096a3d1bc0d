import json

import pandas as pd
import pytest

from clean import clean
from common import COLUMNS, StepError
from conftest import run_step


def test_fixes_types_drops_duplicates_and_fills_missing_values(raw_csv):
    frame = pd.read_csv(raw_csv, dtype=str)
    frame.loc[1, "tenure_months"] = "twelve"

    cleaned, report = clean(frame)

    assert report["duplicates_dropped"] == 20
    assert report["tenure_months_not_numeric"] == 1
    assert report["rows_out"] == 400
    assert not cleaned.isna().any().any()
    assert set(cleaned["has_partner"]) <= {"yes", "no"}
    assert list(cleaned.columns) == COLUMNS


def test_rows_without_a_valid_target_are_dropped(raw_csv):
    frame = pd.read_csv(raw_csv, dtype=str)
    frame.loc[:4, "churned"] = "maybe"

    cleaned, report = clean(frame)

    assert report["rows_without_target"] == 5
    assert set(cleaned["churned"]) == {0, 1}


def test_missing_columns_are_a_clear_error(raw_csv):
    frame = pd.read_csv(raw_csv, dtype=str).drop(columns=["contract"])

    with pytest.raises(StepError, match="lacks column.*contract"):
        clean(frame)


def test_the_script_writes_data_and_report_and_exits_65_on_bad_input(tmp_path, raw_csv):
    ok = run_step("clean.py", "--input-dir", str(raw_csv.parent), "--output-dir", str(tmp_path / "out"))
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = run_step("clean.py", "--input-dir", str(empty), "--output-dir", str(tmp_path / "out2"))

    assert ok.returncode == 0, ok.stderr
    assert json.loads((tmp_path / "out" / "clean_report.json").read_text())["rows_out"] == 400
    assert bad.returncode == 65
    assert "no .csv file" in bad.stdout
