"""What every step script shares: logging, the data schema, container paths, and errors as exit codes.

Paths default to the SageMaker container layout (/opt/ml/...). The local runner sets
MLPIPELINE_CONTAINER_ROOT to the folder that stands for the container's root, and every default path is
resolved under it, so the same script runs unchanged in SageMaker and on a laptop.
"""
import json
import logging
import os
import sys

EXIT_DATA = 65
EXIT_INTERNAL = 70

TARGET = "churned"
ID_COLUMN = "customer_id"
NUMERIC = ["tenure_months", "monthly_charges", "total_charges", "support_calls"]
CATEGORICAL = ["contract", "payment_method", "internet_service", "has_partner"]
COLUMNS = [ID_COLUMN] + NUMERIC + CATEGORICAL + [TARGET]


class StepError(Exception):
    """A problem with the data or the arguments: reported in one line, exit code 65."""


def container_path(path):
    """The local stand-in of a container path such as /opt/ml/processing/input."""
    root = os.environ.get("MLPIPELINE_CONTAINER_ROOT")
    if root and path.startswith("/opt/ml/"):
        return os.path.join(root, path.lstrip("/"))
    return path


def logger(name):
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stdout,
    )
    return logging.getLogger(name)


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True)
        handle.write("\n")


def csv_files(folder):
    """The CSV files of an input folder, sorted, or a StepError that says what is there instead."""
    if not os.path.isdir(folder):
        raise StepError(f"input folder {folder} does not exist")
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".csv"))
    if not files:
        raise StepError(f"no .csv file in {folder} (found: {', '.join(sorted(os.listdir(folder))) or 'nothing'})")
    return files


def run(main, log):
    """Runs a step's main function and turns failures into exit codes with one clear log line."""
    try:
        main()
    except StepError as error:
        log.error("%s", error)
        sys.exit(EXIT_DATA)
    except Exception:  # noqa: BLE001 - the last resort: a bug gets its traceback
        log.exception("unexpected error")
        sys.exit(EXIT_INTERNAL)
