import hashlib
import os

from conftest import run_step


def train(features, model_dir, seed="9"):
    return run_step(
        "train.py", "--seed", seed,
        env={"SM_CHANNEL_TRAIN": str(features["train"]), "SM_CHANNEL_VALIDATION": str(features["validation"]), "SM_MODEL_DIR": str(model_dir)},
    )


def digest(folder):
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in os.listdir(folder)}


def test_trains_a_model_into_sm_model_dir_and_reports_validation_auc(tmp_path, features):
    result = train(features, tmp_path / "model")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "validation:auc=" in result.stdout
    assert os.listdir(tmp_path / "model")


def test_the_same_data_and_seed_give_the_same_model_bytes(tmp_path, features):
    train(features, tmp_path / "a")
    train(features, tmp_path / "b")

    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_bad_hyperparameters_exit_65(tmp_path, features):
    result = run_step(
        "train.py", "--max_depth", "0",
        env={"SM_CHANNEL_TRAIN": str(features["train"]), "SM_CHANNEL_VALIDATION": str(features["validation"]), "SM_MODEL_DIR": str(tmp_path / "m")},
    )

    assert result.returncode == 65
