import json

import pandas as pd
import pytest

from clean import clean
from common import StepError
from conftest import run_step
from schema import COLUMNS


def test_fixes_types_drops_repeated_rows_and_leaves_missing_values_to_the_transformer(raw_csv):
    frame = pd.read_csv(raw_csv, dtype=str)
    frame.loc[1, "tenure_months"] = "twelve"

    cleaned, report = clean(frame)

    assert report["duplicates_dropped"] == 20
    assert report["tenure_months_not_numeric"] == 1
    assert report["rows_out"] == 400
    # A value that is missing or was set aside stays missing: Feature's transformer fills it from the training split.
    assert report["tenure_months_missing"] == cleaned["tenure_months"].isna().sum() >= 1
    assert set(cleaned["has_partner"].dropna()) <= {"yes", "no"}
    assert list(cleaned.columns) == list(COLUMNS)


def test_rows_without_a_valid_target_are_dropped(raw_csv):
    frame = pd.read_csv(raw_csv, dtype=str)
    frame.loc[:4, "churned"] = "maybe"

    cleaned, report = clean(frame)

    assert report["rows_without_target"] == 5
    assert set(cleaned["churned"]) == {0, 1}


def test_missing_columns_are_a_clear_error(raw_csv):
    frame = pd.read_csv(raw_csv, dtype=str).drop(columns=["contract"])

    with pytest.raises(StepError, match=r"lacks column.*contract"):
        clean(frame)


def test_a_numeric_column_of_text_is_the_wrong_type_not_missing_values(raw_csv):
    frame = pd.read_csv(raw_csv, dtype=str)
    frame["monthly_charges"] = "high"

    with pytest.raises(StepError, match=r"monthly_charges of sample\.csv should hold numbers but holds 'high'"):
        clean(frame, source="sample.csv")


def test_the_script_writes_data_and_report_and_exits_65_on_bad_input(tmp_path, raw_csv):
    ok = run_step("clean.py", "--input-dir", str(raw_csv.parent), "--output-dir", str(tmp_path / "out"))
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = run_step("clean.py", "--input-dir", str(empty), "--output-dir", str(tmp_path / "out2"))

    assert ok.returncode == 0, ok.stderr
    assert json.loads((tmp_path / "out" / "clean_report.json").read_text())["rows_out"] == 400
    assert bad.returncode == 65
    assert "no .csv file" in bad.stdout


def header(text):
    return text.split("\n")[0]


def with_text_in(column, text):
    """Every row's value in `column` replaced by the word x."""
    lines = [line.split(",") for line in text.split("\n") if line]
    index = lines[0].index(column)
    return (
        "\n".join(
            ",".join("x" if i == index and n > 0 else v for i, v in enumerate(line)) for n, line in enumerate(lines)
        )
        + "\n"
    )


@pytest.mark.parametrize(
    "damage, says",
    [
        pytest.param(lambda text: "", ["is empty"], id="empty file"),
        pytest.param(lambda text: header(text) + "\n", ["has a header but no data rows"], id="header only"),
        pytest.param(
            lambda text: text.replace(",contract,", ",agreement,", 1),
            ["lacks column(s) contract", "schema.DERIVED"],
            id="missing column",
        ),
        pytest.param(
            lambda text: with_text_in("tenure_months", text),
            ["column tenure_months", "should hold numbers", "'x'"],
            id="text in a numeric column",
        ),
        pytest.param(
            lambda text: with_text_in("churned", text),
            ["column churned", "should hold 0 or 1", "'x'"],
            id="text in the target",
        ),
    ],
)
def test_a_file_with_bad_data_exits_65_naming_the_file_and_the_column(tmp_path, raw_csv, damage, says):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "a-good.csv").write_text(raw_csv.read_text())
    bad = folder / "b-bad.csv"
    bad.write_text(damage(raw_csv.read_text()))

    result = run_step("clean.py", "--input-dir", str(folder), "--output-dir", str(tmp_path / "out"))

    assert result.returncode == 65, result.stdout + result.stderr
    assert str(bad) in result.stdout
    for words in says:
        assert words in result.stdout
    assert not (tmp_path / "out" / "cleaned.csv").exists()
