import hashlib
import os

import pytest

from conftest import run_step


def train(features, model_dir, seed="9", train_dir=None):
    return run_step(
        "train.py",
        "--seed",
        seed,
        env={
            "SM_CHANNEL_TRAIN": str(train_dir or features["train"]),
            "SM_CHANNEL_VALIDATION": str(features["validation"]),
            "SM_MODEL_DIR": str(model_dir),
        },
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


def test_the_model_archive_carries_the_transformer_for_the_endpoint(tmp_path, features):
    result = run_step(
        "train.py",
        "--transformer",
        str(features["transformer"]),
        env={
            "SM_CHANNEL_TRAIN": str(features["train"]),
            "SM_CHANNEL_VALIDATION": str(features["validation"]),
            "SM_MODEL_DIR": str(tmp_path / "m"),
        },
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "m" / "transformer.json").read_bytes() == (
        features["transformer"] / "transformer.json"
    ).read_bytes()


def test_bad_hyperparameters_exit_65(tmp_path, features):
    result = run_step(
        "train.py",
        "--max_depth",
        "0",
        env={
            "SM_CHANNEL_TRAIN": str(features["train"]),
            "SM_CHANNEL_VALIDATION": str(features["validation"]),
            "SM_MODEL_DIR": str(tmp_path / "m"),
        },
    )

    assert result.returncode == 65


@pytest.mark.parametrize(
    "damage, says",
    [
        pytest.param(lambda lines: [], "is empty", id="empty file"),
        pytest.param(
            lambda lines: [",".join("abc" if i == 3 else v for i, v in enumerate(line.split(","))) for line in lines],
            "column 4",
            id="text in a column",
        ),
        pytest.param(
            lambda lines: [",".join("" if i == 2 else v for i, v in enumerate(line.split(","))) for line in lines],
            "empty values in column(s) 3",
            id="empty values",
        ),
        pytest.param(
            lambda lines: ["7" + line[1:] for line in lines], "column 1 (the target)", id="a target that is not 0 or 1"
        ),
    ],
)
def test_a_bad_split_exits_65_naming_the_file_and_the_column(tmp_path, features, damage, says):
    folder = tmp_path / "bad"
    folder.mkdir()
    lines = (features["train"] / "train.csv").read_text().splitlines()
    (folder / "train.csv").write_text("".join(line + "\n" for line in damage(lines)))

    result = train(features, tmp_path / "m", train_dir=folder)

    assert result.returncode == 65, result.stdout + result.stderr
    assert str(folder / "train.csv") in result.stdout
    assert says in result.stdout
