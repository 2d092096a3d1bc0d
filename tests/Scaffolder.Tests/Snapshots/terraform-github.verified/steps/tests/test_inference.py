import json

import pandas as pd
import pytest

from common import TARGET, StepError
from conftest import run_step
from inference import input_fn, model_fn, output_fn, predict_fn


def test_the_endpoint_scores_raw_rows_with_the_packed_model_and_transformer(tmp_path, raw_csv, features):
    model_dir = tmp_path / "model"
    result = run_step("train.py", "--transformer", str(features["transformer"]),
                      env={"SM_CHANNEL_TRAIN": str(features["train"]), "SM_CHANNEL_VALIDATION": str(features["validation"]), "SM_MODEL_DIR": str(model_dir)})
    assert result.returncode == 0, result.stdout + result.stderr
    rows = pd.read_csv(raw_csv).drop(columns=[TARGET]).head(5)

    model = model_fn(str(model_dir))
    csv_scores = predict_fn(input_fn(rows.to_csv(index=False), "text/csv"), model)
    json_scores = predict_fn(input_fn(json.dumps(rows.to_dict(orient="records")), "application/json"), model)

    assert len(csv_scores) == 5
    assert all(0.0 <= p <= 1.0 for p in csv_scores)
    assert list(csv_scores) == list(json_scores)
    body, accept = output_fn(csv_scores, "application/json")
    assert accept == "application/json" and len(json.loads(body)["probabilities"]) == 5


def test_a_request_without_the_needed_columns_is_refused(tmp_path, raw_csv):
    rows = pd.read_csv(raw_csv).drop(columns=[TARGET, "contract"]).head(2)

    with pytest.raises(StepError, match="contract"):
        input_fn(rows.to_csv(index=False), "text/csv")
