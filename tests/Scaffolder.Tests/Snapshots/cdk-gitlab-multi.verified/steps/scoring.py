"""The trained model as a function from features to probabilities, and the AUC: what training, evaluation and the
endpoint share about the model."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Iterable

from common import StepError

if TYPE_CHECKING:
    import numpy as np


def load_model(folder: str) -> Callable[[np.ndarray], np.ndarray]:
    """The trained model in a folder as a function from features to the probability of the positive class:
    XGBoost's own format (xgboost-model.json) in the XGBoost container, a joblib file written by the same
    scikit-learn container that reads it otherwise."""
    booster_path = os.path.join(folder, "xgboost-model.json")
    if os.path.exists(booster_path):
        import xgboost as xgb

        booster = xgb.Booster()
        booster.load_model(booster_path)
        return lambda features: booster.predict(xgb.DMatrix(features))
    model_path = os.path.join(folder, "model.joblib")
    if not os.path.exists(model_path):
        raise StepError(f"no model in {folder}: neither xgboost-model.json nor model.joblib")
    import joblib

    model = joblib.load(model_path)
    return lambda features: model.predict_proba(features)[:, 1]


def auc(labels: Iterable[float], scores: Iterable[float]) -> float:
    """The area under the ROC curve (the Mann-Whitney statistic, ties counted half), as roc_auc_score gives it."""
    import numpy as np
    import pandas as pd

    positive = np.asarray(labels) == 1
    count = int(positive.sum())
    others = len(positive) - count
    if count == 0 or others == 0:
        raise StepError("AUC needs both classes among the labels")
    ranks = pd.Series(np.asarray(scores, dtype=np.float64)).rank().to_numpy()
    return float((ranks[positive].sum() - count * (count + 1) / 2) / (count * others))
