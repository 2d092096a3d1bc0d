import json

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from clean import clean
from common import StepError
from conftest import run_step
from feature import check_splits, split_rows
from schema import CATEGORICAL, NUMERIC, TARGET
from split import split_statistics
from transformer import fit, fit_transformer, statistics, transform


def test_a_rows_split_depends_on_its_id_and_the_seed_alone(raw_csv):
    frame, _ = clean(pd.read_csv(raw_csv, dtype=str))

    train, validation, test = split_rows(frame, 11)
    again = split_rows(frame, 11)
    every_other = split_rows(frame.iloc[::2], 11)
    other_seed = split_rows(frame, 12)

    assert len(train) + len(validation) + len(test) == len(frame)
    assert [len(part) / len(frame) for part in (train, validation, test)] == pytest.approx([0.7, 0.15, 0.15], abs=0.07)
    assert list(train.index) == list(again[0].index)
    # The same rows land in the same split whatever rows come with them, and another seed splits otherwise.
    assert list(every_other[2].index) == [i for i in frame.index[::2] if i in set(test.index)]
    assert list(other_seed[0].index) != list(train.index)


def test_the_transformer_fitted_from_parts_is_the_one_fitted_from_all_the_rows(raw_csv):
    frame, _ = clean(pd.read_csv(raw_csv, dtype=str))
    train, _, _ = split_rows(frame, 11)

    whole = fit_transformer(train)
    parts = fit(
        [
            statistics(train.iloc[:50]),
            statistics(train.iloc[50:51]),
            statistics(train.iloc[:0]),
            statistics(train.iloc[51:]),
        ]
    )

    assert parts["features"] == whole["features"] and parts["categorical"] == whole["categorical"]
    for column, parameters in whole["numeric"].items():
        assert parts["numeric"][column] == pytest.approx(parameters, rel=1e-12), column


def test_the_transformer_learns_from_the_training_split_only(raw_csv):
    frame, _ = clean(pd.read_csv(raw_csv, dtype=str))
    train, _, _ = split_rows(frame, 11)

    fitted = fit_transformer(train)

    assert np.allclose([fitted["numeric"][c]["mean"] for c in NUMERIC], train[NUMERIC].mean().to_numpy())
    assert np.allclose([fitted["numeric"][c]["scale"] for c in NUMERIC], train[NUMERIC].std(ddof=0).to_numpy())


def test_the_transformer_gives_what_scikit_learns_scaler_and_one_hot_encoder_give(raw_csv):
    frame, _ = clean(pd.read_csv(raw_csv, dtype=str))
    # Complete rows: how each fills a missing value differs (scikit-learn keeps it missing, transform() makes it 0).
    train, _, test = split_rows(frame.dropna(), 11)
    test = test.copy()
    test.iloc[0, test.columns.get_loc("contract")] = "a-contract-never-seen"
    reference = ColumnTransformer(
        [("numeric", StandardScaler(), NUMERIC), ("categorical", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL)]
    )
    expected = reference.fit(train[NUMERIC + CATEGORICAL]).transform(test[NUMERIC + CATEGORICAL])

    features = transform(test, json.loads(json.dumps(fit_transformer(train))))

    assert np.allclose(
        features.to_numpy(dtype=float), expected.toarray() if hasattr(expected, "toarray") else expected, atol=1e-6
    )
    assert features.iloc[0][[c for c in features.columns if c.startswith("contract=")]].sum() == 0


def test_the_script_writes_headerless_splits_with_the_target_first_and_the_transformer_as_json(features):
    train = np.loadtxt(features["train"] / "train.csv", delimiter=",")
    transformer = json.loads((features["transformer"] / "transformer.json").read_text())

    assert set(np.unique(train[:, 0])) <= {0.0, 1.0}
    assert train.shape[1] == 1 + len(transformer["features"])
    assert sorted(p.name for p in features["transformer"].iterdir()) == ["transformer.json"]


def test_train_parts_split_the_training_rows_over_that_many_files_row_k_in_file_k_mod_n(tmp_path, features):
    cleaned = features["train"].parent / "cleaned"
    folders = {name: tmp_path / name for name in ("train", "validation", "test", "transformer")}
    arguments = [arg for name, folder in folders.items() for arg in (f"--{name}-dir", str(folder))]

    result = run_step("feature.py", "--input-dir", str(cleaned), "--seed", "5", "--train-parts", "3", *arguments)

    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in folders["train"].iterdir()) == ["train-1.csv", "train-2.csv", "train-3.csv"]
    whole = (features["train"] / "train.csv").read_text().splitlines()
    for number in range(3):
        assert (folders["train"] / f"train-{number + 1}.csv").read_text().splitlines() == whole[number::3]
    # The other splits and the transformer are the one-file run's.
    for name, file in (("validation", "validation.csv"), ("test", "test.csv"), ("transformer", "transformer.json")):
        assert (folders[name] / file).read_bytes() == (features[name] / file).read_bytes()


def test_train_parts_below_one_exit_65_naming_the_option(tmp_path, features):
    cleaned = features["train"].parent / "cleaned"

    result = run_step("feature.py", "--input-dir", str(cleaned), "--seed", "5", "--train-parts", "0")

    assert result.returncode == 65
    assert "--train-parts is 0; it must be at least 1" in result.stdout


@pytest.mark.parametrize(
    "damage, says",
    [
        pytest.param(lambda frame: frame.iloc[:0], "has a header but no data rows", id="no rows"),
        pytest.param(
            lambda frame: frame.drop(columns=["support_calls"]), "lacks column(s) support_calls", id="missing column"
        ),
        pytest.param(
            lambda frame: frame.assign(monthly_charges="n/a"), "column monthly_charges", id="text in a numeric column"
        ),
        pytest.param(lambda frame: frame.assign(churned=2), "column churned", id="a target that is not 0 or 1"),
    ],
)
def test_cleaned_data_that_is_not_clean_exits_65_naming_the_file_and_the_column(tmp_path, raw_csv, damage, says):
    cleaned, _ = clean(pd.read_csv(raw_csv, dtype=str))
    folder = tmp_path / "cleaned"
    folder.mkdir()
    damage(cleaned).to_csv(folder / "cleaned.csv", index=False)

    result = run_step(
        "feature.py",
        "--input-dir",
        str(folder),
        "--seed",
        "1",
        *[a for n in ("train", "validation", "test", "transformer") for a in (f"--{n}-dir", str(tmp_path / n))],
    )

    assert result.returncode == 65, result.stdout + result.stderr
    assert str(folder / "cleaned.csv") in result.stdout
    assert says in result.stdout


def test_an_empty_file_exits_65_naming_it(tmp_path):
    folder = tmp_path / "cleaned"
    folder.mkdir()
    (folder / "cleaned.csv").write_text("")

    result = run_step("feature.py", "--input-dir", str(folder), "--seed", "1", "--train-dir", str(tmp_path / "t"))

    assert result.returncode == 65
    assert f"{folder / 'cleaned.csv'} is empty" in result.stdout


def test_too_few_rows_of_a_class_to_split_is_a_clear_error(raw_csv):
    frame, _ = clean(pd.read_csv(raw_csv, dtype=str))
    frame = pd.concat([frame[frame[TARGET] == 0], frame[frame[TARGET] == 1].head(1)])

    with pytest.raises(
        StepError, match=r"cannot split .* the (train|validation|test) split has .* rows, 0 of them positive"
    ):
        check_splits([split_statistics(frame, 11)], 11)


def test_statistics_of_another_seed_are_refused(raw_csv):
    frame, _ = clean(pd.read_csv(raw_csv, dtype=str))

    with pytest.raises(
        StepError,
        match=r"computed with seed 11 and Feature runs with seed 12; Clean and Feature must get the same Seed",
    ):
        check_splits([split_statistics(frame, 11)], 12)
