"""Inference: what the endpoint runs. SageMaker's framework container calls these four functions.

The model archive holds the trained model and the feature transformer's parameters (transformer.json, plain
JSON that any container reads), so the endpoint takes raw rows (the columns of the input data, without the
target) as CSV with a header or as JSON records, and answers the probability of the positive class for each
row.
"""

from __future__ import annotations

import io
import json
import os
from typing import Any, Iterable

import numpy as np
import pandas as pd

from common import TRANSFORMER_FILE, StepError, read_json
from csvdata import numbers
from schema import INPUTS, NUMERIC
from scoring import load_model
from transformer import transform


def model_fn(model_dir: str) -> dict[str, Any]:
    path = os.path.join(model_dir, TRANSFORMER_FILE)
    if not os.path.exists(path):
        raise StepError(f"the model archive has no {TRANSFORMER_FILE}; train with the transformer channel")
    return {"transformer": read_json(path), "predict": load_model(model_dir)}


def input_fn(body: str | bytes | bytearray, content_type: str) -> pd.DataFrame:
    text = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else body
    if content_type == "text/csv":
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str)
        except pd.errors.EmptyDataError:
            raise StepError("the request is empty; send a header row and one row per prediction") from None
    elif content_type == "application/json":
        try:
            frame = pd.DataFrame(json.loads(text))
        except ValueError as error:
            raise StepError(f"the request is not JSON records: {error}") from None
    else:
        raise StepError(
            f"content type {content_type} is not supported; send text/csv with a header or application/json records"
        )
    missing = [c for c in INPUTS if c not in frame.columns]
    if missing:
        raise StepError(f"the request lacks column(s) {', '.join(missing)}")
    frame = frame[INPUTS].copy()
    for column in NUMERIC:
        frame[column], _ = numbers(
            frame[column].astype(object).where(frame[column].notna()), column, "the request", allow_empty=True
        )
    return frame


def predict_fn(data: pd.DataFrame, model: dict[str, Any]) -> np.ndarray:
    return model["predict"](transform(data, model["transformer"]).to_numpy(dtype=np.float64))


def output_fn(prediction: Iterable[float], accept: str) -> tuple[str, str]:
    if accept == "application/json":
        return json.dumps({"probabilities": [round(float(p), 6) for p in prediction]}), accept
    return "\n".join(f"{float(p):.6f}" for p in prediction) + "\n", "text/csv"
