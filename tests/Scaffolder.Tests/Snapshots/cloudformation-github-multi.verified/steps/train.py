"""Train: a histogram-based gradient-boosted trees classifier (scikit-learn), in SageMaker script mode.

Hyperparameters arrive as command-line arguments (and in SM_HPS); data comes from the train and validation
channels (SM_CHANNEL_TRAIN, SM_CHANNEL_VALIDATION); the model goes to SM_MODEL_DIR as a joblib file, which only the
scikit-learn container that wrote it reads (evaluation and the endpoint run in the same container). A fixed
seed makes the model the same, byte for byte, every time.
"""

from __future__ import annotations

import argparse
import os
import shutil
from typing import TYPE_CHECKING, Any

import joblib

# The booster's OpenMP threads wait for work by sleeping, not by spinning: spinning threads hold the cores
# other processes need, which made training four times slower on a busy two-core machine; sleeping costs a
# wake-up per parallel step. Set OMP_WAIT_POLICY to override; it must be set before scikit-learn loads OpenMP.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
try:
    from sklearn.ensemble import HistGradientBoostingClassifier
except ImportError:  # scikit-learn before 1.0 still calls it experimental
    import sklearn.experimental.enable_hist_gradient_boosting  # noqa: F401 - makes the import below work
    from sklearn.ensemble import HistGradientBoostingClassifier

from common import TRANSFORMER_FILE, StepError, container_path, csv_files, logger, run
from csvdata import read_matrices
from scoring import auc

if TYPE_CHECKING:
    import numpy as np

log = logger("train")


def load(folder: str) -> tuple[np.ndarray, np.ndarray]:
    data = read_matrices(csv_files(folder))
    return data[:, 1:], data[:, 0]


def fit(
    args: argparse.Namespace,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_validation: np.ndarray,
    y_validation: np.ndarray,
) -> tuple[Any, float]:
    """The trained model and its validation AUC."""
    if args.n_estimators < 1 or args.max_depth < 1:
        raise StepError("n_estimators and max_depth must be at least 1")
    model = HistGradientBoostingClassifier(
        max_iter=args.n_estimators,
        max_depth=args.max_depth,
        learning_rate=args.learning_rate,
        early_stopping=False,
        random_state=args.seed,
    ).fit(x_train, y_train)
    return model, auc(y_validation, model.predict_proba(x_validation)[:, 1])


def save(model: Any, folder: str) -> None:
    joblib.dump(model, os.path.join(folder, "model.joblib"))


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the model.")
    parser.add_argument("--n_estimators", type=int, default=150, help="boosting iterations")
    parser.add_argument("--max_depth", type=int, default=3)
    parser.add_argument("--learning_rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--train", default=os.environ.get("SM_CHANNEL_TRAIN", container_path("/opt/ml/input/data/train"))
    )
    parser.add_argument(
        "--validation", default=os.environ.get("SM_CHANNEL_VALIDATION", container_path("/opt/ml/input/data/validation"))
    )
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", container_path("/opt/ml/model")))
    parser.add_argument(
        "--transformer",
        default=os.environ.get("SM_CHANNEL_TRANSFORMER"),
        help="the fitted feature transformer, packed with the model for inference",
    )
    args, _ = parser.parse_known_args()

    x_train, y_train = load(args.train)
    x_validation, y_validation = load(args.validation)
    if x_train.shape[1] != x_validation.shape[1]:
        raise StepError(
            f"the train split has {x_train.shape[1]} features and the validation split {x_validation.shape[1]}; "
            "make both with the same Feature step"
        )
    model, validation_auc = fit(args, x_train, y_train, x_validation, y_validation)
    log.info("validation:auc=%.6f", validation_auc)
    os.makedirs(args.model_dir, exist_ok=True)
    save(model, args.model_dir)
    if args.transformer:
        # The endpoint takes raw rows: the model archive carries the transformer's parameters that turn them into
        # features.
        source = os.path.join(args.transformer, TRANSFORMER_FILE)
        if not os.path.exists(source):
            raise StepError(f"no {TRANSFORMER_FILE} in the transformer channel {args.transformer}")
        shutil.copy(source, args.model_dir)


if __name__ == "__main__":
    run(main, log)
