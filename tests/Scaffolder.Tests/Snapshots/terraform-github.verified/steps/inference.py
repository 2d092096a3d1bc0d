"""Inference: what the endpoint runs. SageMaker's framework container calls these four functions.

The model archive holds the trained model and the fitted feature transformer, so the endpoint takes raw
rows (the columns of the input data, without the target) as CSV with a header or as JSON records, and
answers the probability of the positive class for each row.
"""
import io
import json
import os

import joblib
import pandas as pd

from common import CATEGORICAL, NUMERIC, StepError


def model_fn(model_dir):
    transformer = joblib.load(os.path.join(model_dir, "transformer.joblib"))
    if os.path.exists(os.path.join(model_dir, "xgboost-model.json")):
        import xgboost as xgb

        booster = xgb.Booster()
        booster.load_model(os.path.join(model_dir, "xgboost-model.json"))
        return {"transformer": transformer, "predict": lambda x: booster.predict(xgb.DMatrix(x))}
    model = joblib.load(os.path.join(model_dir, "model.joblib"))
    return {"transformer": transformer, "predict": lambda x: model.predict_proba(x)[:, 1]}


def input_fn(body, content_type):
    text = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else body
    if content_type == "text/csv":
        frame = pd.read_csv(io.StringIO(text))
    elif content_type == "application/json":
        frame = pd.DataFrame(json.loads(text))
    else:
        raise StepError(f"content type {content_type} is not supported; send text/csv with a header or application/json records")
    missing = [c for c in NUMERIC + CATEGORICAL if c not in frame.columns]
    if missing:
        raise StepError(f"the request lacks column(s) {', '.join(missing)}")
    for column in NUMERIC:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    for column in CATEGORICAL:
        frame[column] = frame[column].astype("string").str.strip().str.lower().fillna("unknown")
    return frame[NUMERIC + CATEGORICAL]


def predict_fn(data, model):
    return model["predict"](model["transformer"].transform(data))


def output_fn(prediction, accept):
    if accept == "application/json":
        return json.dumps({"probabilities": [round(float(p), 6) for p in prediction]}), accept
    return "\n".join(f"{float(p):.6f}" for p in prediction) + "\n", "text/csv"
