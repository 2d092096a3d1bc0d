"""Shared fixtures: the step scripts on sys.path, and small real data made by data/generate.py."""

import os
import subprocess
import sys
import tarfile

import pytest

STEPS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROJECT = os.path.dirname(STEPS)
sys.path.insert(0, STEPS)


def run_step(script, *args, env=None, steps=STEPS):
    """Runs a step script as the pipeline does: a separate process with arguments (from `steps`, another copy of
    the scripts if given).

    One OpenMP thread unless OMP_NUM_THREADS says otherwise: on test-sized data more threads only cost time.
    """
    return subprocess.run(
        [sys.executable, os.path.join(str(steps), script), *args],
        capture_output=True,
        text=True,
        env={"OMP_NUM_THREADS": "1", **os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture(scope="session")
def raw_csv(tmp_path_factory):
    """A small sample of raw data, made by the project's own generator (once; tests only read it)."""
    path = tmp_path_factory.mktemp("raw") / "sample.csv"
    subprocess.run(
        [
            sys.executable,
            os.path.join(PROJECT, "data", "generate.py"),
            "--rows",
            "400",
            "--seed",
            "3",
            "--out",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    return path


@pytest.fixture(scope="session")
def features(tmp_path_factory, raw_csv):
    """Train, validation and test splits, the transformer and the test rows as the endpoint takes them (holdout), made
    by clean.py and feature.py (once; tests only read them)."""
    tmp_path = tmp_path_factory.mktemp("features")
    cleaned = tmp_path / "cleaned"
    assert run_step("clean.py", "--input-dir", str(raw_csv.parent), "--output-dir", str(cleaned)).returncode == 0
    folders = {name: tmp_path / name for name in ("train", "validation", "test", "transformer", "holdout")}
    result = run_step(
        "feature.py",
        "--input-dir",
        str(cleaned),
        "--seed",
        "5",
        *[arg for name, folder in folders.items() for arg in (f"--{name}-dir", str(folder))],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folders


def pack(archive, folder):
    """Packs the files of a folder into a .tar.gz archive, as SageMaker packs a model or a code bundle."""
    os.makedirs(os.path.dirname(str(archive)), exist_ok=True)
    with tarfile.open(str(archive), "w:gz") as tar:
        for name in sorted(os.listdir(str(folder))):
            tar.add(os.path.join(str(folder), name), arcname=name)
    return archive
