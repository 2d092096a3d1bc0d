import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys

import pytest

from conftest import STEPS, run_step


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


@pytest.fixture(scope="module")
def train_parts(tmp_path_factory, features):
    """The training split of `features` as three files (feature.py --train-parts 3)."""
    folder = tmp_path_factory.mktemp("parts") / "train"
    cleaned = features["train"].parent / "cleaned"
    result = run_step(
        "feature.py", "--input-dir", str(cleaned), "--seed", "5", "--train-parts", "3", "--train-dir", str(folder)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def train_on_instances(base, features, train_parts, instances):
    """Runs train.py on `instances` instances side by side, as SageMaker and the local runner do: each a process with
    its host in the training resource configuration, its share of the train files (file K to instance K mod N), the
    whole validation split, and the address and port of the job's peers. Returns each host's output and model files."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hosts = [f"algo-{number + 1}" for number in range(instances)]
    running = {}
    for index, host in enumerate(hosts):
        root = base / host
        (root / "opt/ml/input/config").mkdir(parents=True)
        config = {"current_host": host, "hosts": hosts}
        (root / "opt/ml/input/config/resourceconfig.json").write_text(json.dumps(config))
        (root / "train").mkdir()
        for position, path in enumerate(sorted(train_parts.iterdir())):
            if position % instances == index:
                shutil.copy(path, root / "train")
        env = {
            "OMP_NUM_THREADS": "1",
            **os.environ,
            "MLPIPELINE_CONTAINER_ROOT": str(root),
            "MLPIPELINE_HOST_ADDRESS": "127.0.0.1",
            "MLPIPELINE_PORT": str(port),
            "SM_CHANNEL_TRAIN": str(root / "train"),
            "SM_CHANNEL_VALIDATION": str(features["validation"]),
            "SM_MODEL_DIR": str(root / "model"),
        }
        script = [sys.executable, os.path.join(STEPS, "train.py"), "--seed", "9"]
        running[host] = subprocess.Popen(script, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    outputs = {host: process.communicate(timeout=300)[0] for host, process in running.items()}
    for host, process in running.items():
        assert process.returncode == 0, f"{host}: {outputs[host]}"
    models = {host: digest(base / host / "model") if (base / host / "model").exists() else {} for host in hosts}
    return outputs, models


def validation_auc(output):
    return float(re.search(r"validation:auc=([0-9.]+)", output).group(1))


def test_several_instances_train_one_model_of_the_same_quality_saved_once_and_the_same_every_time(
    tmp_path, features, train_parts
):
    one = train(features, tmp_path / "one", train_dir=train_parts)
    outputs, models = train_on_instances(tmp_path / "a", features, train_parts, 3)
    _, again = train_on_instances(tmp_path / "b", features, train_parts, 3)

    assert one.returncode == 0, one.stdout + one.stderr
    # Every instance holds the one model trained on all the rows (the same validation AUC from its own shard), and
    # only algo-1 saves it.
    assert len({validation_auc(output) for output in outputs.values()}) == 1
    assert [host for host, files in models.items() if files] == ["algo-1"]
    assert abs(validation_auc(outputs["algo-1"]) - validation_auc(one.stdout)) <= 0.02
    assert models == again


def test_an_instance_without_a_train_file_exits_65_saying_why(tmp_path, features):
    root = tmp_path / "algo-2"
    (root / "opt/ml/input/config").mkdir(parents=True)
    hosts = {"current_host": "algo-2", "hosts": ["algo-1", "algo-2"]}
    (root / "opt/ml/input/config/resourceconfig.json").write_text(json.dumps(hosts))
    (root / "train").mkdir()

    result = run_step(
        "train.py",
        env={
            "MLPIPELINE_CONTAINER_ROOT": str(root),
            "SM_CHANNEL_TRAIN": str(root / "train"),
            "SM_CHANNEL_VALIDATION": str(features["validation"]),
            "SM_MODEL_DIR": str(root / "model"),
        },
    )

    assert result.returncode == 65, result.stdout + result.stderr
    assert "instance algo-2 of 2 got no file of the train channel" in result.stdout
    assert "--train-parts" in result.stdout
