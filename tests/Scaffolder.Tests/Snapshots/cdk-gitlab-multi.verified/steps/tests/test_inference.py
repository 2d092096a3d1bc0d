import json

import numpy as np
import pandas as pd
import pytest

from common import StepError
from conftest import run_step
from inference import input_fn, model_fn, output_fn, predict_fn
from schema import TARGET


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, features):
    """What the model archive holds: the model and the transformer's parameters, from train.py."""
    folder = tmp_path_factory.mktemp("archive") / "model"
    result = run_step(
        "train.py",
        "--transformer",
        str(features["transformer"]),
        env={
            "SM_CHANNEL_TRAIN": str(features["train"]),
            "SM_CHANNEL_VALIDATION": str(features["validation"]),
            "SM_MODEL_DIR": str(folder),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def test_the_endpoint_scores_raw_rows_with_the_packed_model_and_transformer(raw_csv, model_dir):
    rows = pd.read_csv(raw_csv).drop(columns=[TARGET]).head(5)

    model = model_fn(str(model_dir))
    csv_scores = predict_fn(input_fn(rows.to_csv(index=False), "text/csv"), model)
    json_scores = predict_fn(input_fn(json.dumps(rows.to_dict(orient="records")), "application/json"), model)

    assert len(csv_scores) == 5
    assert all(0.0 <= p <= 1.0 for p in csv_scores)
    assert list(csv_scores) == list(json_scores)
    body, accept = output_fn(csv_scores, "application/json")
    assert accept == "application/json" and len(json.loads(body)["probabilities"]) == 5


def test_the_endpoint_gives_the_scores_evaluation_gives_for_the_same_rows(raw_csv, model_dir, features):
    from clean import clean
    from scoring import load_model
    from transformer import fit_transformer, transform

    cleaned, _ = clean(pd.read_csv(raw_csv, dtype=str))
    transformer = json.loads((features["transformer"] / "transformer.json").read_text())
    rows = cleaned.head(20)

    served = predict_fn(input_fn(rows.drop(columns=[TARGET]).to_csv(index=False), "text/csv"), model_fn(str(model_dir)))
    evaluated = load_model(str(model_dir))(transform(rows, transformer).to_numpy(dtype=float))

    assert np.allclose(served, evaluated)
    assert fit_transformer(cleaned)["features"] == transformer["features"]


def test_a_request_without_the_needed_columns_is_refused(raw_csv):
    rows = pd.read_csv(raw_csv).drop(columns=[TARGET, "contract"]).head(2)

    with pytest.raises(StepError, match="contract"):
        input_fn(rows.to_csv(index=False), "text/csv")


def test_a_request_with_text_in_a_numeric_column_is_refused_and_a_missing_value_is_not(raw_csv):
    rows = pd.read_csv(raw_csv, dtype=str).drop(columns=[TARGET]).head(3)
    rows.loc[0, "total_charges"] = None
    wrong = rows.copy()
    wrong.loc[1, "tenure_months"] = "ten"

    assert len(input_fn(rows.to_csv(index=False), "text/csv")) == 3
    with pytest.raises(StepError, match="tenure_months of the request should hold numbers but holds 'ten'"):
        input_fn(wrong.to_csv(index=False), "text/csv")


def test_an_empty_request_is_refused():
    with pytest.raises(StepError, match="empty"):
        input_fn("", "text/csv")
