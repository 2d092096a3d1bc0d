"""What every step script shares: errors as exit codes, logging, container paths and JSON files.

Each step's code bundle holds its own script and the helper modules it imports (the pipeline follows the imports),
so a change to a helper reruns only the steps that use it: csvdata.py (CSV in and out), schema.py (the columns),
transformer.py (the features), scoring.py (the model). This one is in every bundle, the functions' too: keep it
small and free of libraries (the deploy-on-approval function has neither numpy nor pandas).

The scripts run in more than one SageMaker container (steps/requirements*.txt say which, with their versions),
so the helpers use only what all of them have: Python 3.8, pandas 1.1, numpy 1.19, scikit-learn 0.23 and newer.
What one step hands to another is CSV or JSON, never a pickle, so a container with other library versions can
read it.

Paths default to the SageMaker container layout (/opt/ml/...). The local runner sets MLPIPELINE_CONTAINER_ROOT
to the folder that stands for the container's root, and every default path is resolved under it, so the same
script runs unchanged in SageMaker and on a laptop.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import Any, Callable

EXIT_DATA = 65
EXIT_INTERNAL = 70

TRANSFORMER_FILE = "transformer.json"


class StepError(Exception):
    """A problem with the data or the arguments: reported in one line, exit code 65."""


def container_path(path: str) -> str:
    """The local stand-in of a container path such as /opt/ml/processing/input."""
    root = os.environ.get("MLPIPELINE_CONTAINER_ROOT")
    if root and path.startswith("/opt/ml/"):
        return os.path.join(root, path.lstrip("/"))
    return path


def logger(name: str) -> logging.Logger:
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stdout,
    )
    return logging.getLogger(name)


def write_json(path: str, data: Any, sort_keys: bool = True) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=sort_keys)
        handle.write("\n")


def read_json(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise StepError(f"cannot read {path}: {error}") from error


def csv_files(folder: str, shard: bool = False) -> list[str]:
    """The CSV files of an input folder, sorted, or a StepError that says what is there instead.

    With shard=True the input is this instance's share of a ShardedByS3Key input: when the job has several instances,
    an instance may get no file (fewer files than instances) and the list is then empty instead of an error.
    """
    if not os.path.isdir(folder):
        if shard and len(hosts()[1]) > 1:
            return []
        raise StepError(f"input folder {folder} does not exist")
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".csv"))
    if not files and not (shard and len(hosts()[1]) > 1):
        raise StepError(f"no .csv file in {folder} (found: {', '.join(sorted(os.listdir(folder))) or 'nothing'})")
    return files


def hosts() -> tuple[str, list[str]]:
    """This instance's host name and every instance's of the job, as SageMaker writes them to
    /opt/ml/config/resourceconfig.json (processing) or /opt/ml/input/config/resourceconfig.json (training); one
    instance, algo-1, where there is no such file (a test, a plain run)."""
    for path in map(container_path, ("/opt/ml/config/resourceconfig.json", "/opt/ml/input/config/resourceconfig.json")):
        if os.path.exists(path):
            config = read_json(path)
            return str(config["current_host"]), [str(host) for host in config["hosts"]]
    return "algo-1", ["algo-1"]


def part_file(name: str, extension: str = ".csv") -> str:
    """The file name of this instance's part of an output: NAME.csv when the job has one instance, NAME-HOST.csv
    when it has several, since SageMaker uploads every instance's output folder to the one S3 prefix and a name two
    instances share would keep only one of them."""
    host, every = hosts()
    return f"{name}{extension}" if len(every) == 1 else f"{name}-{host}{extension}"


def run(main: Callable[[], object], log: logging.Logger) -> None:
    """Runs a step's main function and turns failures into exit codes with one clear log line."""
    try:
        main()
    except StepError as error:
        log.error("%s", error)
        sys.exit(EXIT_DATA)
    except Exception:  # the last resort: a bug gets its traceback
        log.exception("unexpected error")
        sys.exit(EXIT_INTERNAL)
