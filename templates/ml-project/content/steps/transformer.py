"""The feature transformer: fitted by feature.py on the training split, applied by feature.py to every split and by
inference.py (the endpoint) to each request, with the same code, so training and serving make the same features.
Its parameters are plain JSON (transformer.json, packed with the model), so any container reads them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from common import StepError
from csvdata import normalise
from schema import CATEGORICAL_ROLE, NUMERIC_ROLE, derive, feature_columns

if TYPE_CHECKING:
    import pandas as pd


def fit_transformer(frame: pd.DataFrame) -> dict[str, Any]:
    """The feature transformer, fitted on `frame` (rows with the raw columns of schema.py), as parameters: the mean
    and scale of each numeric feature and the categories of each categorical one, the derived features of
    schema.DERIVED included. JSON, so any container reads it whatever its library versions."""
    import numpy as np

    frame = derive(frame)
    numeric = {}
    for column in feature_columns(NUMERIC_ROLE):
        values = frame[column].to_numpy(dtype=np.float64)
        scale = float(np.nanstd(values))
        numeric[column] = {"mean": float(np.nanmean(values)), "scale": scale if scale > 0 else 1.0}
    categorical = {
        column: sorted(set(normalise(frame[column], "unknown"))) for column in feature_columns(CATEGORICAL_ROLE)
    }
    features = list(numeric) + [f"{column}={category}" for column in categorical for category in categorical[column]]
    return {"numeric": numeric, "categorical": categorical, "features": features}


def transform(frame: pd.DataFrame, transformer: dict[str, Any]) -> pd.DataFrame:
    """The features of `frame` (rows with the raw columns): the derived features computed, each numeric feature
    standardised (missing values become the mean, 0) and rounded to 6 decimals, then one 0/1 column per known
    category (a category not seen in training is all zeros), in the order the transformer was fitted with.

    The transformer says which features the model was trained on; one that this code cannot make (a derived
    feature no longer in schema.py) is a StepError that names it."""
    import numpy as np
    import pandas as pd

    frame = derive(frame)
    unknown = [c for c in list(transformer["numeric"]) + list(transformer["categorical"]) if c not in frame.columns]
    if unknown:
        raise StepError(
            f"the model was trained on feature(s) {', '.join(unknown)}, which these rows lack "
            "and schema.py does not derive; "
            "declare every column in schema.COLUMNS and every computed feature in schema.DERIVED"
        )
    columns = {}
    for column, parameters in transformer["numeric"].items():
        scaled = (frame[column].to_numpy(dtype=np.float64) - parameters["mean"]) / parameters["scale"]
        columns[column] = np.round(np.where(np.isnan(scaled), 0.0, scaled), 6)
    for column, categories in transformer["categorical"].items():
        found = pd.Categorical(normalise(frame[column], "unknown"), categories=categories).codes
        for index, category in enumerate(categories):
            columns[f"{column}={category}"] = (found == index).astype(np.int8)
    return pd.DataFrame(columns, index=frame.index)[transformer["features"]]
