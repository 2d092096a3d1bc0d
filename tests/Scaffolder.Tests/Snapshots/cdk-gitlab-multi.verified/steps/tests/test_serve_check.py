"""ServeCheck: the model archive served with inference.py as the endpoint will, on the test split's rows."""

import json
import os
import shutil

import numpy as np
import pytest

from conftest import STEPS, pack, run_step


def serving_code(archive, steps=STEPS):
    """The serving code archive as the pipeline uploads it for the endpoint: inference.py and the helpers beside it."""
    folder = os.path.join(os.path.dirname(str(archive)), "code")
    os.makedirs(folder)
    for name in os.listdir(str(steps)):
        if name.endswith(".py"):
            shutil.copy(os.path.join(str(steps), name), folder)
    return pack(archive, folder)


def pipeline(tmp_path, train, validation, test, transformer, steps=STEPS):
    """Train, Evaluate and the serving code, as the pipeline leaves them for ServeCheck: the folders of its inputs."""
    model = tmp_path / "model"
    trained = run_step(
        "train.py",
        "--transformer",
        str(transformer),
        steps=steps,
        env={"SM_CHANNEL_TRAIN": str(train), "SM_CHANNEL_VALIDATION": str(validation), "SM_MODEL_DIR": str(model)},
    )
    assert trained.returncode == 0, trained.stdout + trained.stderr
    pack(tmp_path / "packed" / "model.tar.gz", model)
    evaluated = run_step(
        "evaluation.py",
        "--model-dir",
        str(tmp_path / "packed"),
        "--test-dir",
        str(test),
        "--output-dir",
        str(tmp_path / "evaluation"),
        steps=steps,
    )
    assert evaluated.returncode == 0, evaluated.stdout + evaluated.stderr
    serving_code(tmp_path / "serving" / "sourcedir.tar.gz", steps)
    return {"model": tmp_path / "packed", "code": tmp_path / "serving", "predictions": tmp_path / "evaluation"}


def serve_check(inputs, holdout, output, *args, steps=STEPS):
    return run_step(
        "serve_check.py",
        "--model-dir",
        str(inputs["model"]),
        "--code-dir",
        str(inputs["code"]),
        "--holdout-dir",
        str(holdout),
        "--predictions-dir",
        str(inputs["predictions"]),
        "--output-dir",
        str(output),
        *args,
        steps=steps,
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, features):
    return pipeline(
        tmp_path_factory.mktemp("served"),
        features["train"],
        features["validation"],
        features["test"],
        features["transformer"],
    )


def test_the_endpoint_answers_every_held_out_row_as_evaluation_scored_it(tmp_path, inputs, features):
    rows = len(np.loadtxt(features["test"] / "test.csv", delimiter=",", ndmin=2))

    result = serve_check(inputs, features["holdout"], tmp_path / "report", "--batch-rows", "7")

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert report["rows"] == rows
    assert report["requests"] == -(-rows // 7)
    assert report["largest_difference"] <= 1e-5


def test_at_most_max_rows_are_scored(tmp_path, inputs, features):
    result = serve_check(inputs, features["holdout"], tmp_path / "report", "--max-rows", "10", "--batch-rows", "4")

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert (report["rows"], report["requests"]) == (10, 3)
    assert report["held_out_rows"] > 10


def test_the_json_answer_is_read_too(tmp_path, inputs, features):
    result = serve_check(inputs, features["holdout"], tmp_path / "report", "--accept", "application/json")

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_model_trained_on_a_feature_the_endpoint_cannot_make_stops_the_run(tmp_path, features):
    # feature.py made one more (useful) column than the endpoint's transformer makes: the model relies on it, the
    # endpoint cannot make it. scikit-learn refuses the shorter rows; XGBoost scores them as if the value were missing,
    # so only the comparison with Evaluate's scores tells.
    rng = np.random.default_rng(7)
    splits = {}
    for name in ("train", "validation", "test"):
        data = np.loadtxt(features[name] / f"{name}.csv", delimiter=",", ndmin=2)
        (tmp_path / name).mkdir()
        extra = data[:, 0] + rng.normal(0, 0.5, len(data))
        np.savetxt(tmp_path / name / f"{name}.csv", np.column_stack([data, extra]), delimiter=",", fmt="%.6f")
        splits[name] = tmp_path / name
    inputs = pipeline(tmp_path, splits["train"], splits["validation"], splits["test"], features["transformer"])

    result = serve_check(inputs, features["holdout"], tmp_path / "report")

    assert result.returncode == 65, result.stdout + result.stderr
    assert "predict_fn (rows 1-" in result.stdout or "training and serving make different features" in result.stdout
    assert not (tmp_path / "report" / "report.json").exists()


def test_an_answer_that_differs_from_evaluation_names_the_row(tmp_path, inputs, features):
    predictions = (inputs["predictions"] / "predictions.csv").read_text().split()
    predictions[2] = str(
        min(1.0, float(predictions[2]) + 0.01) if float(predictions[2]) < 0.5 else float(predictions[2]) - 0.01
    )
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation" / "predictions.csv").write_text("\n".join(predictions) + "\n")

    result = serve_check(dict(inputs, predictions=tmp_path / "evaluation"), features["holdout"], tmp_path / "report")

    assert result.returncode == 65
    assert "row 3 " in result.stdout and "training and serving make different features" in result.stdout


def test_a_serving_program_without_the_endpoints_functions_is_refused(tmp_path, inputs, features):
    folder = tmp_path / "code"
    folder.mkdir()
    (folder / "inference.py").write_text("def model_fn(model_dir):\n    return None\n")
    pack(tmp_path / "serving" / "sourcedir.tar.gz", folder)

    result = serve_check(dict(inputs, code=tmp_path / "serving"), features["holdout"], tmp_path / "report")

    assert result.returncode == 65
    assert "inference.py lacks input_fn, predict_fn, output_fn" in result.stdout


def test_a_derived_feature_declared_in_the_schema_reaches_training_and_the_endpoint(tmp_path, raw_csv):
    # What a user does to add a feature: one entry in schema.py, nothing else.
    steps = tmp_path / "steps"
    steps.mkdir()
    for name in os.listdir(STEPS):
        if name.endswith(".py"):
            shutil.copy(os.path.join(STEPS, name), steps)
    schema = (steps / "schema.py").read_text()
    empty = "\nDERIVED: dict[str, tuple[str, Callable[[pd.DataFrame], Any]]] = {}\n"
    assert empty in schema
    (steps / "schema.py").write_text(
        schema.replace(
            empty,
            empty[: -len("{}\n")] + '{"charge_per_month": '
            '(NUMERIC_ROLE, lambda rows: rows["total_charges"] / rows["tenure_months"].clip(lower=1))}\n',
        )
    )
    folders = {name: tmp_path / name for name in ("train", "validation", "test", "transformer", "holdout")}
    assert (
        run_step(
            "clean.py", "--input-dir", str(raw_csv.parent), "--output-dir", str(tmp_path / "cleaned"), steps=steps
        ).returncode
        == 0
    )
    made = run_step(
        "feature.py",
        "--input-dir",
        str(tmp_path / "cleaned"),
        "--seed",
        "5",
        *[arg for name, folder in folders.items() for arg in (f"--{name}-dir", str(folder))],
        steps=steps,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    inputs = pipeline(
        tmp_path, folders["train"], folders["validation"], folders["test"], folders["transformer"], steps=steps
    )

    result = serve_check(inputs, folders["holdout"], tmp_path / "report", steps=steps)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "charge_per_month" in json.loads((folders["transformer"] / "transformer.json").read_text())["features"]
    # The request holds the raw columns only: the endpoint computed the feature itself.
    assert "charge_per_month" not in (folders["holdout"] / "holdout.csv").read_text().splitlines()[0]
