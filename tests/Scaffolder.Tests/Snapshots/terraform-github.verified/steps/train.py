"""Train: a gradient-boosted trees classifier (scikit-learn), in SageMaker script mode.

Hyperparameters arrive as command-line arguments (and in SM_HPS); data comes from the train and validation
channels (SM_CHANNEL_TRAIN, SM_CHANNEL_VALIDATION); the model goes to SM_MODEL_DIR. A fixed seed make the model the same, byte for byte, every time.
"""
import argparse
import os
import shutil

import joblib
import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

from common import StepError, container_path, csv_files, logger, run

log = logger("train")


def load(folder):
    data = np.loadtxt(csv_files(folder)[0], delimiter=",", ndmin=2)
    return data[:, 1:], data[:, 0]


def fit(args, x_train, y_train, x_validation, y_validation):
    """The trained model and its validation AUC."""
    if args.n_estimators < 1 or args.max_depth < 1:
        raise StepError("n_estimators and max_depth must be at least 1")
    model = GradientBoostingClassifier(
        n_estimators=args.n_estimators, max_depth=args.max_depth, learning_rate=args.learning_rate, random_state=args.seed
    ).fit(x_train, y_train)
    return model, roc_auc_score(y_validation, model.predict_proba(x_validation)[:, 1])


def save(model, folder):
    joblib.dump(model, os.path.join(folder, "model.joblib"))


def main():
    parser = argparse.ArgumentParser(description="Train the model.")
    parser.add_argument("--n_estimators", type=int, default=150)
    parser.add_argument("--max_depth", type=int, default=3)
    parser.add_argument("--learning_rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", container_path("/opt/ml/input/data/train")))
    parser.add_argument("--validation", default=os.environ.get("SM_CHANNEL_VALIDATION", container_path("/opt/ml/input/data/validation")))
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", container_path("/opt/ml/model")))
    parser.add_argument("--transformer", default=os.environ.get("SM_CHANNEL_TRANSFORMER"), help="the fitted feature transformer, packed with the model for inference")
    args, _ = parser.parse_known_args()

    model, auc = fit(args, *load(args.train), *load(args.validation))
    log.info("validation:auc=%.6f", auc)
    os.makedirs(args.model_dir, exist_ok=True)
    save(model, args.model_dir)
    if args.transformer:
        # The endpoint takes raw rows: the model archive carries the transformer that turns them into features.
        shutil.copy(os.path.join(args.transformer, "transformer.joblib"), args.model_dir)


if __name__ == "__main__":
    run(main, log)
