import json

import numpy as np
import pandas as pd
import pytest

from baseline import BUCKETS, KLL_K, MAX_DOMAIN, baseline, kll_levels
from common import StepError
from conftest import run_step
from schema import INPUTS, NUMERIC


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory, raw_csv):
    folder = tmp_path_factory.mktemp("baseline") / "cleaned"
    result = run_step("clean.py", "--input-dir", str(raw_csv.parent), "--output-dir", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def weight(levels):
    """How many values a KLL sketch stands for: an item of level h counts 2**h times."""
    return sum(len(level) * 2**h for h, level in enumerate(levels))


def quantile(levels, q):
    """The q-quantile a reader of the sketch gets: the weighted items in order."""
    items = sorted((value, 2**h) for h, level in enumerate(levels) for value in level)
    target, seen = q * weight(levels), 0
    for value, w in items:
        seen += w
        if seen >= target:
            return value
    return items[-1][0]


def test_the_script_writes_statistics_and_constraints_of_every_input_column(tmp_path, cleaned):
    result = run_step("baseline.py", "--input-dir", str(cleaned), "--output-dir", str(tmp_path / "out"))

    assert result.returncode == 0, result.stdout + result.stderr
    statistics = json.loads((tmp_path / "out" / "statistics.json").read_text())
    constraints = json.loads((tmp_path / "out" / "constraints.json").read_text())
    frame = pd.read_csv(cleaned / "cleaned.csv")
    assert statistics["version"] == 0 and constraints["version"] == 0
    assert statistics["dataset"]["item_count"] == len(frame)
    # The columns a client sends, in their order: not the id, not the target.
    assert [f["name"] for f in statistics["features"]] == INPUTS
    assert [f["name"] for f in constraints["features"]] == INPUTS
    for feature in statistics["features"]:
        column = frame[feature["name"]]
        # Clean leaves missing values missing, as the endpoint's requests may have them.
        present = int(column.notna().sum())
        if feature["name"] in NUMERIC:
            numbers = feature["numerical_statistics"]
            assert numbers["common"] == {"num_present": present, "num_missing": len(frame) - present}
            assert numbers["mean"] == pytest.approx(column.mean())
            assert numbers["sum"] == pytest.approx(column.sum())
            assert numbers["std_dev"] == pytest.approx(column.std(ddof=0))
            assert (numbers["min"], numbers["max"]) == (column.min(), column.max())
            kll = numbers["distribution"]["kll"]
            assert len(kll["buckets"]) == BUCKETS
            assert sum(b["count"] for b in kll["buckets"]) == present
            assert kll["buckets"][0]["lower_bound"] == column.min()
            assert kll["buckets"][-1]["upper_bound"] == column.max()
            assert weight(kll["sketch"]["data"]) == present
        else:
            strings = feature["string_statistics"]
            assert feature["inferred_type"] == "String"
            assert strings["distinct_count"] == column.nunique()
            counts = {b["value"]: b["count"] for b in strings["distribution"]["categorical"]["buckets"]}
            assert counts == column.value_counts().to_dict()
    types = {f["name"]: f["inferred_type"] for f in constraints["features"]}
    assert types["tenure_months"] == "Integral" and types["monthly_charges"] == "Fractional"
    assert types == {f["name"]: f["inferred_type"] for f in statistics["features"]}
    assert constraints["monitoring_config"]["evaluate_constraints"] == "Enabled"


def test_the_same_data_gives_the_same_files(tmp_path, cleaned):
    for out in ("a", "b"):
        assert run_step("baseline.py", "--input-dir", str(cleaned), "--output-dir", str(tmp_path / out)).returncode == 0

    for name in ("statistics.json", "constraints.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def frame_of(**columns):
    """A frame with every input column: the given ones, the others constant."""
    size = len(next(iter(columns.values())))
    data = {name: columns.get(name, [1.0 if name in NUMERIC else "x"] * size) for name in INPUTS}
    return pd.DataFrame(data)


def test_missing_values_lower_completeness_and_a_negative_number_lifts_non_negative():
    frame = frame_of(tenure_months=[1.0, np.nan, 3.0, 4.0], monthly_charges=[-1.5, 2.0, 3.0, 4.0])

    statistics, constraints = baseline(frame)

    by_name = {f["name"]: f for f in constraints["features"]}
    assert by_name["tenure_months"]["completeness"] == 0.75
    assert by_name["tenure_months"]["num_constraints"]["is_non_negative"] is True
    assert by_name["monthly_charges"]["num_constraints"]["is_non_negative"] is False
    tenure = next(f for f in statistics["features"] if f["name"] == "tenure_months")["numerical_statistics"]
    assert tenure["common"] == {"num_present": 3, "num_missing": 1}
    assert tenure["mean"] == pytest.approx(8 / 3)


def test_a_text_column_gets_a_domain_only_when_it_has_few_values():
    few = ["a", "b", "a", "c"] * (MAX_DOMAIN + 1)
    many = [f"v{i}" for i in range(len(few))]

    _, constraints = baseline(frame_of(contract=few, payment_method=many))

    by_name = {f["name"]: f for f in constraints["features"]}
    assert by_name["contract"]["string_constraints"]["domains"] == ["a", "b", "c"]
    assert "string_constraints" not in by_name["payment_method"]


def test_a_column_of_one_value_has_all_rows_in_its_first_bucket():
    statistics, _ = baseline(frame_of(tenure_months=[5.0] * 7))

    tenure = next(f for f in statistics["features"] if f["name"] == "tenure_months")
    kll = tenure["numerical_statistics"]["distribution"]["kll"]
    assert [b["count"] for b in kll["buckets"]] == [7] + [0] * (BUCKETS - 1)


def test_the_sketch_of_many_values_is_compacted_and_keeps_their_weight_and_quantiles():
    values = np.random.RandomState(7).lognormal(size=50_000)

    levels = kll_levels(values)

    assert len(levels) > 1 and sum(len(level) for level in levels) < 4 * KLL_K
    assert weight(levels) == len(values)
    for q in (0.1, 0.5, 0.9):
        assert abs(np.mean(values <= quantile(levels, q)) - q) < 0.01


def test_infinite_numbers_are_refused_with_the_column_named():
    with pytest.raises(StepError, match="column total_charges needs numbers, and finite ones"):
        baseline(frame_of(total_charges=[1.0, np.inf]))


def test_an_input_without_csv_files_exits_65(tmp_path):
    (tmp_path / "empty").mkdir()

    result = run_step("baseline.py", "--input-dir", str(tmp_path / "empty"), "--output-dir", str(tmp_path / "out"))

    assert result.returncode == 65
    assert "no .csv file" in result.stdout
