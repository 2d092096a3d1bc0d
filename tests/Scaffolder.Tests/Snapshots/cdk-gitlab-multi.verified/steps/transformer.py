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


def statistics(frame: pd.DataFrame) -> dict[str, Any]:
    """What fitting the transformer needs from some rows (with the raw columns of schema.py), in parts that add up: the
    count, mean and sum of squared deviations of each numeric feature's values, and the categories of each categorical
    one, the derived features of schema.DERIVED included. Clean writes them for its part of the training split, and
    Feature fits one transformer from every part's (fit), as if from all the rows at once."""
    import numpy as np

    frame = derive(frame)
    numeric = {}
    for column in feature_columns(NUMERIC_ROLE):
        values = frame[column].to_numpy(dtype=np.float64)
        values = values[~np.isnan(values)]
        mean = float(values.mean()) if len(values) else 0.0
        numeric[column] = {"count": len(values), "mean": mean, "squares": float(((values - mean) ** 2).sum())}
    categorical = {
        column: sorted(set(normalise(frame[column], "unknown"))) for column in feature_columns(CATEGORICAL_ROLE)
    }
    return {"rows": len(frame), "numeric": numeric, "categorical": categorical}


def fit(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """The feature transformer from the statistics of every part of the training split, as parameters: the mean and
    scale (standard deviation) of each numeric feature and the categories of each categorical one. The parts are
    combined as Chan, Golub and LeVeque's pairwise update does, so the result does not depend on how the rows were
    split into parts but for rounding. JSON, so any container reads it whatever its library versions."""
    numeric = {}
    for column in feature_columns(NUMERIC_ROLE):
        count, mean, squares = 0, 0.0, 0.0
        for part in parts:
            other = part["numeric"][column]
            if count == 0:
                count, mean, squares = other["count"], other["mean"], other["squares"]
                continue
            if other["count"] == 0:
                continue
            total = count + other["count"]
            delta = other["mean"] - mean
            mean += delta * other["count"] / total
            squares += other["squares"] + delta * delta * count * other["count"] / total
            count = total
        scale = (squares / count) ** 0.5 if count else 0.0
        numeric[column] = {"mean": mean if count else float("nan"), "scale": scale if scale > 0 else 1.0}
    categorical = {
        column: sorted({category for part in parts for category in part["categorical"][column]})
        for column in feature_columns(CATEGORICAL_ROLE)
    }
    features = list(numeric) + [f"{column}={category}" for column in categorical for category in categorical[column]]
    return {"numeric": numeric, "categorical": categorical, "features": features}


def fit_transformer(frame: pd.DataFrame) -> dict[str, Any]:
    """The feature transformer fitted on `frame` (rows with the raw columns of schema.py): fit of its statistics."""
    return fit([statistics(frame)])


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
