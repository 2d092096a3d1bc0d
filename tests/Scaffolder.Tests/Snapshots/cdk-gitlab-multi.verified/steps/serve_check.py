"""ServeCheck: serve the model archive with inference.py as the endpoint will, and score the held-out rows.

SageMaker's framework container unpacks model.tar.gz into the model folder and the serving code (the archive that
SAGEMAKER_SUBMIT_DIRECTORY names) into the code folder, imports the program (SAGEMAKER_PROGRAM) from there, calls
model_fn(model_dir) once, then input_fn(body, content_type), predict_fn(data, model) and output_fn(prediction,
accept) for each request. This step does the same with the same two archives, on the test split's rows as a client
sends them (holdout.csv from Feature; the first --max-rows of them, a random sample since the split is random), in
requests of --batch-rows rows, and checks that every request is answered with one probability per row, each the one
Evaluate computed for that row (predictions.csv). A model the endpoint cannot load or score, or scores differently
from evaluation (features made one way for training and another for serving), stops the run here, before Register,
with exit code 65 and the reason. report.json says what was checked.

It imports nothing from steps/: the serving code comes from the archive only, as on the endpoint. The answer is
read as output_fn writes it: text/csv with one probability per line, or JSON (a list, or an object with one list).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import logging
import math
import os
import sys
import tarfile
import tempfile
from types import ModuleType
from typing import Any, Callable

EXIT_DATA = 65
EXIT_INTERNAL = 70

logging.basicConfig(
    level=os.environ.get("LOG_LEVEL", "INFO"),
    format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    stream=sys.stdout,
)
log = logging.getLogger("serve_check")


class CheckError(Exception):
    """The endpoint would fail or answer wrongly: reported in one line, exit code 65."""


def container_path(path: str) -> str:
    """The local stand-in of a container path (the local runner sets MLPIPELINE_CONTAINER_ROOT)."""
    root = os.environ.get("MLPIPELINE_CONTAINER_ROOT")
    return os.path.join(root, path.lstrip("/")) if root and path.startswith("/opt/ml/") else path


def unpack(folder: str, archive_name: str, into: str) -> str:
    """Unpacks the one archive of an input folder, as the container does."""
    archive = os.path.join(folder, archive_name)
    if not os.path.isfile(archive):
        found = ", ".join(sorted(os.listdir(folder))) if os.path.isdir(folder) else "no such folder"
        raise CheckError(f"no {archive_name} in {folder} (found: {found or 'nothing'})")
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            # The filter argument is in Python 3.12 and the security releases of older ones; 3.8's stubs lack it.
            tar.extractall(into, filter="data")  # type: ignore[call-arg]
        else:
            tar.extractall(into)
    return into


def load_program(code_dir: str, program: str) -> ModuleType:
    """The serving module, imported from the unpacked code the way the container imports SAGEMAKER_PROGRAM."""
    path = os.path.join(code_dir, program)
    if not os.path.isfile(path):
        raise CheckError(
            f"the serving code has no {program} (it has {', '.join(sorted(os.listdir(code_dir))) or 'nothing'})"
        )
    sys.path.insert(0, code_dir)
    spec = importlib.util.spec_from_file_location(os.path.splitext(program)[0], path)
    if spec is None or spec.loader is None:
        raise CheckError(f"the endpoint cannot import {program}: Python does not load it as a module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # whatever the import raises, the endpoint would fail to start
        raise CheckError(f"the endpoint cannot import {program}: {type(error).__name__}: {error}") from error
    missing = [
        name
        for name in ("model_fn", "input_fn", "predict_fn", "output_fn")
        if not callable(getattr(module, name, None))
    ]
    if missing:
        raise CheckError(
            f"{program} lacks {', '.join(missing)}; the endpoint calls model_fn, input_fn, predict_fn and output_fn"
        )
    return module


FEATURE_HINT = (
    "; a model trained on features the endpoint does not make fails here: compute every feature in schema.py "
    "(COLUMNS, DERIVED), which Feature and the endpoint share, not in one step alone"
)


def call(stage: str, function: Callable[..., Any], *args: Any, hint: str = "") -> Any:
    try:
        return function(*args)
    except Exception as error:  # any failure is what the endpoint would answer with
        raise CheckError(f"{stage} failed: {type(error).__name__}: {error}{hint}") from error


def read_rows(folder: str) -> tuple[str, list[str]]:
    """The header and the rows of holdout.csv (or of its parts, holdout-HOST.csv, one per instance of Feature, in the
    order of their names, as Evaluate reads the test parts), as text lines sent as they are, like a client's file."""
    names = (
        sorted(n for n in os.listdir(folder) if n.startswith("holdout") and n.endswith(".csv"))
        if os.path.isdir(folder)
        else []
    )
    header, rows = "", []  # type: tuple[str, list[str]]
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as handle:
            lines = handle.read().splitlines()
        if lines and header and lines[0] != header:
            raise CheckError(f"{name} has the header {lines[0]!r} and {names[0]} {header!r}; the parts must agree")
        header, rows = header or (lines[0] if lines else ""), rows + lines[1:]
    if not rows:
        raise CheckError(f"{folder} has no holdout rows to score (holdout.csv from Feature)")
    return header, rows


def read_predictions(path: str) -> list[float]:
    try:
        with open(path, encoding="utf-8") as handle:
            return [float(line) for line in handle.read().split()]
    except (OSError, ValueError) as error:
        raise CheckError(f"cannot read Evaluate's predictions {path}: {error}") from error


def answer_values(body: Any, accept: str) -> list[float]:
    """The probabilities in an answer of output_fn, whatever it returned: a body, or (body, content type)."""
    if isinstance(body, tuple):
        body = body[0]
    text = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else str(body)
    try:
        if accept == "application/json":
            values = json.loads(text)
            if isinstance(values, dict) and len(values) == 1:
                values = next(iter(values.values()))
            return [float(v[0] if isinstance(v, list) else v) for v in values]
        rows = [row for row in csv.reader(io.StringIO(text)) if row]
        if any(len(row) != 1 for row in rows):
            raise ValueError("a line holds more than one value")
        return [float(row[0]) for row in rows]
    except (TypeError, ValueError) as error:
        raise CheckError(
            f"output_fn's answer is not one probability per row as {accept}: {error}: {text[:200]!r}"
        ) from error


def check(
    module: ModuleType,
    model_dir: str,
    header: str,
    rows: list[str],
    expected: list[float],
    content_type: str,
    accept: str,
    batch_rows: int,
    tolerance: float,
) -> dict[str, Any]:
    """Scores the rows through the serving functions and compares; the report, or a CheckError naming the row."""
    model = call("model_fn (loading the model archive)", module.model_fn, model_dir)
    worst = 0.0
    requests = 0
    for start in range(0, len(rows), batch_rows):
        batch = rows[start : start + batch_rows]
        span = f"rows {start + 1}-{start + len(batch)}"
        body = ("\n".join([header, *batch]) + "\n").encode("utf-8")
        data = call(f"input_fn ({content_type}, {span})", module.input_fn, body, content_type)
        prediction = call(f"predict_fn ({span})", module.predict_fn, data, model, hint=FEATURE_HINT)
        values = answer_values(call(f"output_fn ({accept}, {span})", module.output_fn, prediction, accept), accept)
        requests += 1
        if len(values) != len(batch):
            raise CheckError(f"the endpoint answered {len(values)} value(s) for {len(batch)} rows ({span})")
        for offset, (served, evaluated) in enumerate(zip(values, expected[start : start + len(batch)])):
            row = start + offset + 1
            if not (math.isfinite(served) and 0.0 <= served <= 1.0):
                raise CheckError(
                    f"the endpoint answered {served!r} for row {row} ({rows[row - 1][:60]}); "
                    "a probability is between 0 and 1"
                )
            difference = abs(served - evaluated)
            if difference > tolerance:
                raise CheckError(
                    f"the endpoint scores row {row} ({rows[row - 1][:60]}) {served:.6f} "
                    f"and Evaluate scored it {evaluated:.6f}: training and serving make different features; "
                    "compute every feature in schema.py (see its docstring), not in one step alone"
                )
            worst = max(worst, difference)
    return {
        "rows": len(rows),
        "requests": requests,
        "content_type": content_type,
        "accept": accept,
        "largest_difference": round(worst, 9),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Serve the model archive with the serving code as the endpoint will, and score held-out rows."
    )
    parser.add_argument(
        "--model-dir", default=container_path("/opt/ml/processing/model"), help="the folder of model.tar.gz"
    )
    parser.add_argument(
        "--code-dir",
        default=container_path("/opt/ml/processing/serving"),
        help="the folder of the serving code's sourcedir.tar.gz",
    )
    parser.add_argument("--program", default="inference.py", help="the serving program (SAGEMAKER_PROGRAM)")
    parser.add_argument("--holdout-dir", default=container_path("/opt/ml/processing/holdout"))
    parser.add_argument("--predictions-dir", default=container_path("/opt/ml/processing/predictions"))
    parser.add_argument("--output-dir", default=container_path("/opt/ml/processing/report"))
    parser.add_argument("--content-type", default="text/csv")
    parser.add_argument("--accept", default="text/csv")
    parser.add_argument("--batch-rows", type=int, default=100, help="rows per request")
    parser.add_argument(
        "--max-rows",
        type=int,
        default=5000,
        help="how many held-out rows to score at most (0: all); the test split is in random order",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=1e-5,
        help="the largest difference allowed from Evaluate's probability (the answer has 6 decimals)",
    )
    args = parser.parse_args()
    if args.batch_rows < 1 or args.max_rows < 0:
        raise CheckError("--batch-rows must be at least 1 and --max-rows at least 0")

    header, rows = read_rows(args.holdout_dir)
    expected = read_predictions(os.path.join(args.predictions_dir, "predictions.csv"))
    if len(rows) != len(expected):
        raise CheckError(
            f"holdout.csv has {len(rows)} rows and predictions.csv {len(expected)}; "
            "both come from the test split and must match"
        )
    total = len(rows)
    if args.max_rows:
        rows, expected = rows[: args.max_rows], expected[: args.max_rows]
    with tempfile.TemporaryDirectory() as temp:
        model_dir = unpack(args.model_dir, "model.tar.gz", os.path.join(temp, "model"))
        code_dir = unpack(args.code_dir, "sourcedir.tar.gz", os.path.join(temp, "code"))
        module = load_program(code_dir, args.program)
        report = check(
            module, model_dir, header, rows, expected, args.content_type, args.accept, args.batch_rows, args.tolerance
        )
    report["held_out_rows"] = total
    os.makedirs(args.output_dir, exist_ok=True)
    with open(os.path.join(args.output_dir, "report.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2, sort_keys=True)
        handle.write("\n")
    log.info(
        "the endpoint answered %d of %d held-out rows in %d request(s) as Evaluate scored them "
        "(largest difference %.1e)",
        report["rows"],
        total,
        report["requests"],
        report["largest_difference"],
    )


if __name__ == "__main__":
    try:
        main()
    except CheckError as error:
        log.error("%s", error)
        sys.exit(EXIT_DATA)
    except Exception:  # the last resort: a bug gets its traceback
        log.exception("unexpected error")
        sys.exit(EXIT_INTERNAL)
