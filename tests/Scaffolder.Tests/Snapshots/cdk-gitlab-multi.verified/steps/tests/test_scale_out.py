"""Clean and Feature on several instances (ProcessingInstanceCount above 1), as SageMaker and the local runner run
them: each instance a process of its own with its share of the files (ShardedByS3Key, object K to instance K mod N)
and its host in /opt/ml/config/resourceconfig.json, every instance's output gathered under one prefix. The same data
gives the same cleaned rows, splits and transformer whatever the number of instances."""

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from conftest import run_step

SPLITS = ("train", "validation", "test")


def run_instances(base, script, inputs, outputs, instances, *args):
    """Runs `script` on `instances` instances: input K's files sharded (`inputs`: name -> (folder, sharded)), each
    instance's outputs in its own folder; returns name -> {file name: bytes} gathered over the instances, checking
    that a file two instances wrote has one content (SageMaker would keep either)."""
    hosts = [f"algo-{i + 1}" for i in range(instances)]
    gathered = {name: {} for name in outputs}
    for index, host in enumerate(hosts):
        root = base / script / host
        (root / "opt/ml/config").mkdir(parents=True)
        (root / "opt/ml/config/resourceconfig.json").write_text(json.dumps({"current_host": host, "hosts": hosts}))
        arguments = []
        for name, (folder, sharded) in inputs.items():
            local = root / "input" / name
            local.mkdir(parents=True)
            for position, path in enumerate(sorted(folder.iterdir())):
                if not sharded or position % instances == index:
                    shutil.copy(path, local)
            arguments += [f"--{name}-dir", str(local)]
        arguments += [a for name in outputs for a in (f"--{name}-dir", str(root / "output" / name))]
        result = run_step(script, *arguments, *args, env={"MLPIPELINE_CONTAINER_ROOT": str(root)})
        assert result.returncode == 0, f"{script} on {host} of {instances}: {result.stdout}{result.stderr}"
        for name in outputs:
            folder = root / "output" / name
            for path in sorted(folder.iterdir()) if folder.exists() else []:
                content = path.read_bytes()
                assert gathered[name].setdefault(path.name, content) == content, f"{host} wrote another {path.name}"
    return gathered


def pipeline(tmp_path, raw, instances):
    """Clean, then Feature, on `instances` instances; the gathered outputs of both."""
    base = tmp_path / f"on-{instances}"
    cleaned = run_instances(base, "clean.py", {"input": (raw, True)}, ("output", "report"), instances, "--seed", "7")
    for name, files in cleaned.items():
        (base / name).mkdir()
        for file, content in files.items():
            (base / name / file).write_bytes(content)
    featured = run_instances(
        base,
        "feature.py",
        {"input": (base / "output", True), "statistics": (base / "report", False)},
        (*SPLITS, "transformer", "holdout"),
        instances,
        "--seed",
        "7",
    )
    return {**cleaned, **featured}


@pytest.fixture(scope="module")
def raw(tmp_path_factory, raw_csv):
    """The sample data as four files, a row of the first repeated in the last."""
    folder = tmp_path_factory.mktemp("raw-files")
    frame = pd.read_csv(raw_csv, dtype=str)
    parts = np.array_split(np.arange(len(frame)), 4)
    for number, rows in enumerate(parts):
        part = frame.iloc[rows]
        if number == 3:
            part = pd.concat([part, frame.iloc[[0]]])
        part.to_csv(folder / f"part-{number}.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def one(tmp_path_factory, raw):
    return pipeline(tmp_path_factory.mktemp("one"), raw, 1)


def lines(files, prefix):
    """The data lines of every file whose name starts with `prefix`, sorted (a header line is left out)."""
    found = []
    for name, content in files.items():
        if name.startswith(prefix):
            text = content.decode().splitlines()
            found += text[1:] if prefix in ("cleaned", "holdout") else text
    return sorted(found)


@pytest.mark.parametrize("instances", [3, 5])
def test_several_instances_clean_and_split_the_same_rows_and_fit_the_same_transformer_as_one(
    tmp_path, raw, one, instances
):
    many = pipeline(tmp_path, raw, instances)

    # Every instance wrote its own part; five instances for four files leave one without a file, which writes none.
    assert sorted(many["output"]) == [f"cleaned-algo-{i}.csv" for i in range(1, min(instances, 4) + 1)]
    assert sorted(one["output"]) == ["cleaned.csv"]
    # The same cleaned rows, the row repeated in two files kept in both (each file is cleaned on its own)...
    assert lines(many["output"], "cleaned") == lines(one["output"], "cleaned")
    repeated = pd.read_csv(sorted(raw.iterdir())[0], dtype=str).iloc[0]["customer_id"]
    assert len([line for line in lines(one["output"], "cleaned") if line.startswith(repeated + ",")]) == 2
    # ...the same rows in each split (the holdout holds the test rows as they came)...
    assert lines(many["holdout"], "holdout") == lines(one["holdout"], "holdout")
    for split in SPLITS:
        assert len(lines(many[split], split)) == len(lines(one[split], split)), split
    # ...and one transformer, the same on every instance, as fitted from all the training rows at once.
    transformer = json.loads(many["transformer"]["transformer.json"])
    expected = json.loads(one["transformer"]["transformer.json"])
    assert transformer["features"] == expected["features"]
    for column, parameters in expected["numeric"].items():
        assert transformer["numeric"][column] == pytest.approx(parameters, rel=1e-12), column
    statistics = [json.loads(content) for name, content in many["report"].items() if name.startswith("statistics")]
    assert sum(sum(part["rows"]) for part in statistics) == len(lines(one["output"], "cleaned"))
