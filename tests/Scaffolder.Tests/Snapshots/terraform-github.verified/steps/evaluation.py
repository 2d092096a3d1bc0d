"""Evaluate: score the trained model on the test split and write the model-quality report.

Writes evaluation.json in SageMaker's model-quality format (binary_classification_metrics: auc, accuracy,
precision, recall, f1, each with a value and a bootstrap standard deviation). The pipeline's condition step
reads binary_classification_metrics.auc.value from it.
"""
import argparse
import os
import tarfile
import tempfile

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

from common import StepError, container_path, csv_files, logger, run, write_json

log = logger("evaluation")


def predict(model_dir, features):
    """Probabilities of the positive class from the model in model.tar.gz."""
    archive = os.path.join(model_dir, "model.tar.gz")
    if not os.path.exists(archive):
        raise StepError(f"no model.tar.gz in {model_dir}")
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(archive) as tar:
            tar.extractall(folder)
        if os.path.exists(os.path.join(folder, "xgboost-model.json")):
            import xgboost as xgb

            booster = xgb.Booster()
            booster.load_model(os.path.join(folder, "xgboost-model.json"))
            return booster.predict(xgb.DMatrix(features))
        import joblib

        return joblib.load(os.path.join(folder, "model.joblib")).predict_proba(features)[:, 1]


def report(labels, scores, seed):
    predicted = (scores >= 0.5).astype(int)
    metrics = {
        "auc": lambda y, s, p: roc_auc_score(y, s),
        "accuracy": lambda y, s, p: accuracy_score(y, p),
        "precision": lambda y, s, p: precision_score(y, p, zero_division=0),
        "recall": lambda y, s, p: recall_score(y, p, zero_division=0),
        "f1": lambda y, s, p: f1_score(y, p, zero_division=0),
    }
    rng = np.random.default_rng(seed)
    samples = [rng.integers(0, len(labels), len(labels)) for _ in range(50)]
    result = {}
    for name, metric in metrics.items():
        value = metric(labels, scores, predicted)
        spread = [metric(labels[i], scores[i], predicted[i]) for i in samples if len(set(labels[i])) == 2]
        result[name] = {"value": round(float(value), 6), "standard_deviation": round(float(np.std(spread)), 6)}
    return {"binary_classification_metrics": result}


def main():
    parser = argparse.ArgumentParser(description="Evaluate the model on the test split.")
    parser.add_argument("--model-dir", default=container_path("/opt/ml/processing/model"))
    parser.add_argument("--test-dir", default=container_path("/opt/ml/processing/test"))
    parser.add_argument("--output-dir", default=container_path("/opt/ml/processing/evaluation"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    data = np.loadtxt(csv_files(args.test_dir)[0], delimiter=",", ndmin=2)
    labels, features = data[:, 0].astype(int), data[:, 1:]
    if len(set(labels)) < 2:
        raise StepError("the test split has only one class; AUC is undefined")
    result = report(labels, predict(args.model_dir, features), args.seed)
    os.makedirs(args.output_dir, exist_ok=True)
    write_json(os.path.join(args.output_dir, "evaluation.json"), result)
    for name, metric in result["binary_classification_metrics"].items():
        log.info("%s=%.4f (sd %.4f)", name, metric["value"], metric["standard_deviation"])


if __name__ == "__main__":
    run(main, log)
