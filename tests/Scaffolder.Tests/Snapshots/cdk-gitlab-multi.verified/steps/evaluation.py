"""Evaluate: score the trained model on the test split and write the model-quality report.

Writes evaluation.json in SageMaker's model-quality format (binary_classification_metrics: auc, accuracy,
precision, recall, f1, each with a value and a bootstrap standard deviation). The pipeline's condition step
reads binary_classification_metrics.auc.value from it. The metrics are plain numpy, the same in every
container. Writes predictions.csv too (the probability of each test row, in order), which the ServeCheck step
compares with what the endpoint answers for the same rows.
"""

from __future__ import annotations

import argparse
import os
import tarfile
import tempfile
from typing import Any

import numpy as np

from common import StepError, container_path, csv_files, logger, run, write_json
from csvdata import read_matrices
from scoring import auc, load_model

log = logger("evaluation")
BOOTSTRAP_SAMPLES = 50


def predict(model_dir: str, features: np.ndarray) -> np.ndarray:
    """Probabilities of the positive class from the model in model.tar.gz."""
    archive = os.path.join(model_dir, "model.tar.gz")
    if not os.path.exists(archive):
        raise StepError(f"no model.tar.gz in {model_dir}")
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(archive) as tar:
            tar.extractall(folder)
        return load_model(folder)(features)


def metrics(labels: np.ndarray, scores: np.ndarray) -> dict[str, float]:
    """AUC, and accuracy, precision, recall and F1 at the 0.5 threshold (0 where undefined, as scikit-learn's
    zero_division=0)."""
    positive = labels == 1
    predicted = scores >= 0.5
    true_positives = float(np.sum(predicted & positive))
    precision = true_positives / predicted.sum() if predicted.any() else 0.0
    recall = true_positives / positive.sum() if positive.any() else 0.0
    return {
        "auc": auc(labels, scores),
        "accuracy": float(np.mean(predicted == positive)),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0,
    }


def report(labels: np.ndarray, scores: np.ndarray, seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    spread = []
    for _ in range(BOOTSTRAP_SAMPLES):
        sample = rng.integers(0, len(labels), len(labels))
        if len(np.unique(labels[sample])) == 2:
            spread.append(metrics(labels[sample], scores[sample]))
    result: dict[str, dict[str, float]] = {}
    for name, value in metrics(labels, scores).items():
        deviation = float(np.std([m[name] for m in spread])) if spread else 0.0
        result[name] = {"value": round(float(value), 6), "standard_deviation": round(float(deviation), 6)}
    return {"binary_classification_metrics": result}


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate the model on the test split.")
    parser.add_argument("--model-dir", default=container_path("/opt/ml/processing/model"))
    parser.add_argument("--test-dir", default=container_path("/opt/ml/processing/test"))
    parser.add_argument("--output-dir", default=container_path("/opt/ml/processing/evaluation"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    data = read_matrices(csv_files(args.test_dir))
    labels, features = data[:, 0].astype(int), data[:, 1:]
    if len(set(labels)) < 2:
        raise StepError("the test split has only one class; AUC is undefined")
    scores = np.asarray(predict(args.model_dir, features), dtype=np.float64)
    result = report(labels, scores, args.seed)
    os.makedirs(args.output_dir, exist_ok=True)
    # One probability per test row, in its order (the parts' rows in the order of their file names, as ServeCheck
    # reads the holdout parts): ServeCheck compares what the endpoint answers for the same rows.
    with open(os.path.join(args.output_dir, "predictions.csv"), "w", encoding="utf-8") as handle:
        handle.write("".join(f"{score!r}\n" for score in scores.tolist()))
    # In the order metrics() gives: AUC, the metric the pipeline's condition checks, first; `registry list` and
    # `runs` show a report's first metric as the model's key metric.
    write_json(os.path.join(args.output_dir, "evaluation.json"), result, sort_keys=False)
    for name, metric in result["binary_classification_metrics"].items():
        log.info("%s=%.4f (sd %.4f)", name, metric["value"], metric["standard_deviation"])


if __name__ == "__main__":
    run(main, log)
