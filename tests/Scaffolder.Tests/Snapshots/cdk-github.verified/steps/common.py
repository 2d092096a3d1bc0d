"""What every step script shares: logging, the data schema, container paths, CSV in and out, the feature
transformer as plain parameters, and errors as exit codes.

The scripts run in more than one SageMaker container (steps/requirements*.txt say which, with their versions),
so this file uses only what all of them have: Python 3.8, pandas 1.1, numpy 1.19, scikit-learn 0.23 and newer.
What one step hands to another is CSV or JSON, never a pickle, so a container with other library versions can
read it. numpy and pandas are imported where they are used: the deploy-on-approval function packs this file
too, and it has neither.

Paths default to the SageMaker container layout (/opt/ml/...). The local runner sets MLPIPELINE_CONTAINER_ROOT
to the folder that stands for the container's root, and every default path is resolved under it, so the same
script runs unchanged in SageMaker and on a laptop.
"""
import json
import logging
import os
import sys

EXIT_DATA = 65
EXIT_INTERNAL = 70

TARGET = "churned"
ID_COLUMN = "customer_id"
NUMERIC = ["tenure_months", "monthly_charges", "total_charges", "support_calls"]
CATEGORICAL = ["contract", "payment_method", "internet_service", "has_partner"]
COLUMNS = [ID_COLUMN] + NUMERIC + CATEGORICAL + [TARGET]
TRANSFORMER_FILE = "transformer.json"


class StepError(Exception):
    """A problem with the data or the arguments: reported in one line, exit code 65."""


def container_path(path):
    """The local stand-in of a container path such as /opt/ml/processing/input."""
    root = os.environ.get("MLPIPELINE_CONTAINER_ROOT")
    if root and path.startswith("/opt/ml/"):
        return os.path.join(root, path.lstrip("/"))
    return path


def logger(name):
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stdout,
    )
    return logging.getLogger(name)


def write_json(path, data, sort_keys=True):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=sort_keys)
        handle.write("\n")


def read_json(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise StepError(f"cannot read {path}: {error}") from error


def csv_files(folder):
    """The CSV files of an input folder, sorted, or a StepError that says what is there instead."""
    if not os.path.isdir(folder):
        raise StepError(f"input folder {folder} does not exist")
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".csv"))
    if not files:
        raise StepError(f"no .csv file in {folder} (found: {', '.join(sorted(os.listdir(folder))) or 'nothing'})")
    return files


def numbers(values, column, source, tolerance=0.0, allow_empty=False):
    """A text column as floats, and how many of its values were not numbers (they become missing).

    More than `tolerance` of the given values being text means the column holds the wrong type: a StepError
    that names the column, the file and an example. A column with no values at all is an error too, unless
    `allow_empty`.
    """
    import pandas as pd

    parsed = pd.to_numeric(values, errors="coerce")
    given = values.notna()
    wrong = given & parsed.isna()
    if len(values) and not given.any() and not allow_empty:
        raise StepError(f"column {column} of {source} has no values")
    if wrong.sum() > tolerance * given.sum():
        example = values[wrong].iloc[0]
        raise StepError(f"column {column} of {source} should hold numbers but holds {example!r} ({int(wrong.sum())} of {int(given.sum())} values are not numbers)")
    return parsed.astype("float64"), int(wrong.sum())


def read_table(path, columns, numeric=(), strict=True):
    """A CSV file with a header: `numeric` columns as floats, the others as text (missing values are NaN).

    A StepError names the file when it is empty or not CSV, the missing columns, and (when `strict`) a numeric
    column that holds text; otherwise such a file comes back with every column as text, for the caller to sort
    out the stray values.
    """
    import numpy as np
    import pandas as pd

    try:
        header = pd.read_csv(path, nrows=0).columns
    except pd.errors.EmptyDataError:
        raise StepError(f"{path} is empty; it needs a header row ({', '.join(columns)}) and data rows") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise StepError(f"{path} is not a readable CSV file: {error}") from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise StepError(f"{path} lacks column(s) {', '.join(missing)}; expected {', '.join(columns)}")
    types = {column: (np.float64 if column in numeric else str) for column in header}
    try:
        frame = pd.read_csv(path, usecols=list(columns), dtype={c: types[c] for c in columns})
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise StepError(f"{path} is not a readable CSV file: {error}") from None
    except ValueError:
        # Text in a numeric column: read it as text to name the column or keep the stray values (slow, and only
        # on such data).
        frame = pd.read_csv(path, usecols=list(columns), dtype=str)
        for column in numeric if strict else ():
            frame[column], _ = numbers(frame[column], column, path)
    if not len(frame):
        raise StepError(f"{path} has a header but no data rows")
    for column in numeric:
        if frame[column].isna().all():
            raise StepError(f"column {column} of {path} has no values")
    return frame[list(columns)]


def read_matrix(path):
    """A headerless CSV file of numbers (the target first) as a float array, or a StepError that names the file
    and the column that is empty or holds text."""
    import numpy as np
    import pandas as pd

    try:
        data = pd.read_csv(path, header=None, dtype=np.float64)
    except pd.errors.EmptyDataError:
        raise StepError(f"{path} is empty; it needs rows of numbers with the target first") from None
    except pd.errors.ParserError as error:
        raise StepError(f"{path} is not a readable CSV file: {error}") from None
    except ValueError:
        # Text where numbers belong: find the column to name it (slow, and only on bad data).
        text = pd.read_csv(path, header=None, dtype=str)
        for column in text.columns:
            numbers(text[column], column + 1, path)
        raise
    empty = [str(c + 1) for c in data.columns if data[c].isna().any()]
    if empty:
        raise StepError(f"{path} has empty values in column(s) {', '.join(empty)}")
    if data.shape[1] < 2:
        raise StepError(f"{path} has {data.shape[1]} column(s); it needs the target and at least one feature")
    values = data.to_numpy()
    if not np.isin(values[:, 0], (0.0, 1.0)).all():
        raise StepError(f"column 1 (the target) of {path} must be 0 or 1")
    return values


def write_csv(frame, path, header=True):
    """Writes a frame as CSV with \\n line ends (pandas calls the keyword line_terminator before 1.5, lineterminator after)."""
    import inspect

    import pandas as pd

    keyword = "lineterminator" if "lineterminator" in inspect.signature(pd.DataFrame.to_csv).parameters else "line_terminator"
    frame.to_csv(path, index=False, header=header, **{keyword: "\n"})


def fit_transformer(frame):
    """The feature transformer, fitted on `frame`, as parameters: the mean and scale of each numeric column and
    the categories of each categorical one. JSON, so any container reads it whatever its library versions."""
    import numpy as np

    numeric = {}
    for column in NUMERIC:
        values = frame[column].to_numpy(dtype=np.float64)
        scale = float(np.nanstd(values))
        numeric[column] = {"mean": float(np.nanmean(values)), "scale": scale if scale > 0 else 1.0}
    categorical = {column: sorted(set(normalise(frame[column], "unknown"))) for column in CATEGORICAL}
    features = NUMERIC + [f"{column}={category}" for column in CATEGORICAL for category in categorical[column]]
    return {"numeric": numeric, "categorical": categorical, "features": features}


def transform(frame, transformer):
    """The features of `frame`: each numeric column standardised (missing values become the mean, 0) and rounded
    to 6 decimals, then one 0/1 column per known category (a category not seen in training is all zeros)."""
    import numpy as np
    import pandas as pd

    columns = {}
    for column in NUMERIC:
        parameters = transformer["numeric"][column]
        scaled = (frame[column].to_numpy(dtype=np.float64) - parameters["mean"]) / parameters["scale"]
        columns[column] = np.round(np.where(np.isnan(scaled), 0.0, scaled), 6)
    for column in CATEGORICAL:
        categories = transformer["categorical"][column]
        found = pd.Categorical(normalise(frame[column], "unknown"), categories=categories).codes
        for index, category in enumerate(categories):
            columns[f"{column}={category}"] = (found == index).astype(np.int8)
    return pd.DataFrame(columns, index=frame.index)[transformer["features"]]


def normalise(values, missing=None):
    """Text values trimmed and in lower case, and missing ones as `missing`: worked out once per distinct value."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(np.asarray(values, dtype=object))
    table = np.array([str(value).strip().lower() for value in distinct] + [missing], dtype=object)
    return table[codes]


def load_model(folder):
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


def auc(labels, scores):
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


def run(main, log):
    """Runs a step's main function and turns failures into exit codes with one clear log line."""
    try:
        main()
    except StepError as error:
        log.error("%s", error)
        sys.exit(EXIT_DATA)
    except Exception:  # noqa: BLE001 - the last resort: a bug gets its traceback
        log.exception("unexpected error")
        sys.exit(EXIT_INTERNAL)
