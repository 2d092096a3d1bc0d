import json

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

from conftest import pack, run_step
from evaluation import metrics


@pytest.fixture(scope="module")
def packed(tmp_path_factory, features):
    """A trained model in model.tar.gz, as the training step leaves it."""
    tmp_path = tmp_path_factory.mktemp("packed")
    model = tmp_path / "model"
    assert (
        run_step(
            "train.py",
            env={
                "SM_CHANNEL_TRAIN": str(features["train"]),
                "SM_CHANNEL_VALIDATION": str(features["validation"]),
                "SM_MODEL_DIR": str(model),
            },
        ).returncode
        == 0
    )
    pack(tmp_path / "packed" / "model.tar.gz", model)
    return tmp_path / "packed"


def test_writes_the_model_quality_report_the_condition_reads(tmp_path, features, packed):
    result = run_step(
        "evaluation.py",
        "--model-dir",
        str(packed),
        "--test-dir",
        str(features["test"]),
        "--output-dir",
        str(tmp_path / "evaluation"),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "evaluation" / "evaluation.json").read_text())["binary_classification_metrics"]
    # AUC first: the condition checks it, and the registry shows a report's first metric as the key one.
    assert list(report) == ["auc", "accuracy", "precision", "recall", "f1"]
    assert 0.5 < report["auc"]["value"] <= 1.0
    assert report["auc"]["standard_deviation"] >= 0
    # One probability per test row, in its order, for ServeCheck to compare with the endpoint's answers.
    predictions = np.loadtxt(tmp_path / "evaluation" / "predictions.csv", ndmin=1)
    assert len(predictions) == len(np.loadtxt(features["test"] / "test.csv", delimiter=",", ndmin=2))
    assert ((predictions >= 0) & (predictions <= 1)).all()


def test_the_metrics_are_scikit_learns_metrics():
    rng = np.random.default_rng(4)
    labels = (rng.random(2000) < 0.3).astype(int)
    scores = np.round(np.clip(0.3 * labels + rng.random(2000) * 0.8, 0, 1), 2)  # rounded: ties, as real scores have

    computed = metrics(labels, scores)

    predicted = (scores >= 0.5).astype(int)
    assert np.isclose(computed["auc"], roc_auc_score(labels, scores))
    assert np.isclose(computed["accuracy"], accuracy_score(labels, predicted))
    assert np.isclose(computed["precision"], precision_score(labels, predicted))
    assert np.isclose(computed["recall"], recall_score(labels, predicted))
    assert np.isclose(computed["f1"], f1_score(labels, predicted))
    assert metrics(labels, np.zeros(2000))["precision"] == 0.0


def test_a_missing_model_exits_65(tmp_path, features):
    result = run_step(
        "evaluation.py",
        "--model-dir",
        str(tmp_path),
        "--test-dir",
        str(features["test"]),
        "--output-dir",
        str(tmp_path / "e"),
    )

    assert result.returncode == 65
    assert "no model.tar.gz" in result.stdout


def test_an_empty_test_split_exits_65_naming_it(tmp_path, packed):
    folder = tmp_path / "empty-test"
    folder.mkdir()
    (folder / "test.csv").write_text("")

    result = run_step(
        "evaluation.py", "--model-dir", str(packed), "--test-dir", str(folder), "--output-dir", str(tmp_path / "e")
    )

    assert result.returncode == 65
    assert f"{folder / 'test.csv'} is empty" in result.stdout
