import json
import tarfile

from conftest import run_step


def test_writes_the_model_quality_report_the_condition_reads(tmp_path, features):
    model = tmp_path / "model"
    assert run_step("train.py", env={"SM_CHANNEL_TRAIN": str(features["train"]), "SM_CHANNEL_VALIDATION": str(features["validation"]), "SM_MODEL_DIR": str(model)}).returncode == 0
    packed = tmp_path / "packed"
    packed.mkdir()
    with tarfile.open(packed / "model.tar.gz", "w:gz") as archive:
        for item in model.iterdir():
            archive.add(item, arcname=item.name)

    result = run_step("evaluation.py", "--model-dir", str(packed), "--test-dir", str(features["test"]), "--output-dir", str(tmp_path / "evaluation"))

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "evaluation" / "evaluation.json").read_text())["binary_classification_metrics"]
    assert set(report) == {"auc", "accuracy", "precision", "recall", "f1"}
    assert 0.5 < report["auc"]["value"] <= 1.0
    assert report["auc"]["standard_deviation"] >= 0


def test_a_missing_model_exits_65(tmp_path, features):
    result = run_step("evaluation.py", "--model-dir", str(tmp_path), "--test-dir", str(features["test"]), "--output-dir", str(tmp_path / "e"))

    assert result.returncode == 65
    assert "no model.tar.gz" in result.stdout
