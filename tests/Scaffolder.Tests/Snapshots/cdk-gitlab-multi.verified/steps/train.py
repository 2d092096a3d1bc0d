"""Train: an XGBoost classifier, in SageMaker script mode.

Hyperparameters arrive as command-line arguments (and in SM_HPS); data comes from the train and validation
channels (SM_CHANNEL_TRAIN, SM_CHANNEL_VALIDATION); the model goes to SM_MODEL_DIR in XGBoost's own JSON
format, which any XGBoost reads, not as a pickle. A fixed seed and one thread make the model the same, byte
for byte, every time.

With TrainingInstanceCount above 1 the job's instances train one model together with XGBoost's own collective
communication (Rabit; script mode leaves distribution to the script): each instance reads its share of the
train channel's files (ShardedByS3Key), algo-1 runs the tracker the others join, every instance builds the same trees
from histograms summed over all of them, and algo-1 saves the model.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

import xgboost as xgb

from common import TRANSFORMER_FILE, StepError, container_path, csv_files, hosts, logger, run
from csvdata import read_matrices
from scoring import auc

if TYPE_CHECKING:
    import numpy as np

log = logger("train")


def load(folder: str) -> tuple[np.ndarray, np.ndarray]:
    data = read_matrices(csv_files(folder))
    return data[:, 1:], data[:, 0]


def fit(
    args: argparse.Namespace,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_validation: np.ndarray,
    y_validation: np.ndarray,
) -> tuple[Any, float]:
    """The trained booster and its validation AUC."""
    if args.num_round < 1 or args.max_depth < 1:
        raise StepError("num_round and max_depth must be at least 1")
    params = {
        "objective": "binary:logistic",
        "eval_metric": "auc",
        "max_depth": args.max_depth,
        "eta": args.eta,
        "subsample": args.subsample,
        "seed": args.seed,
        "nthread": 1,
        "tree_method": "hist",
    }
    validation = xgb.DMatrix(x_validation, label=y_validation)
    booster = xgb.train(
        params,
        xgb.DMatrix(x_train, label=y_train),
        num_boost_round=args.num_round,
        evals=[(validation, "validation")],
        verbose_eval=False,
    )
    return booster, auc(y_validation, booster.predict(validation))


def save(model: Any, folder: str) -> None:
    model.save_model(os.path.join(folder, "xgboost-model.json"))


# Where algo-1's tracker listens on SageMaker, where each instance is a machine of its own and a fixed port is free.
# The local runner, whose instances share one machine, gives a free port and the one address of every host instead
# (MLPIPELINE_PORT, MLPIPELINE_HOST_ADDRESS).
TRACKER_PORT = 9099


@contextmanager
def cluster(host: str, every: list[str]) -> Iterator[None]:
    """Joins this instance to the job's workers for the length of the block when the job has several instances.

    algo-1 (the first host) runs XGBoost's tracker; every instance, algo-1 included, connects to it as a worker, so
    that xgb.train builds each tree from histograms summed over every instance's rows.
    """
    if len(every) == 1:
        yield
        return
    address = os.environ.get("MLPIPELINE_HOST_ADDRESS") or socket.gethostbyname(every[0])
    port = int(os.environ.get("MLPIPELINE_PORT", TRACKER_PORT))
    from xgboost.tracker import RabitTracker

    tracker = None
    if host == every[0]:
        try:
            tracker = RabitTracker(host_ip=address, n_workers=len(every), port=port, sortby="task")
        except TypeError:  # XGBoost before 1.7
            tracker = RabitTracker(hostIP=address, nslave=len(every), port=port, port_end=port + 1)  # type: ignore[call-arg]
        tracker.start(len(every))
    # The task id orders the workers by host, so the same hosts always get the same ranks.
    settings = {"DMLC_TRACKER_URI": address, "DMLC_TRACKER_PORT": port, "DMLC_TASK_ID": host}
    collective = getattr(xgb, "collective", None)
    if collective is not None:
        collective.init(**settings)
    else:  # XGBoost before 1.7
        xgb.rabit.init([f"{name}={value}".encode() for name, value in settings.items()])
    log.info("%s joined %d workers through the tracker at %s:%d", host, len(every), address, port)
    try:
        yield
    finally:
        (collective or xgb.rabit).finalize()
        if tracker is not None:
            tracker.join()


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the model.")
    parser.add_argument("--num_round", type=int, default=150)
    parser.add_argument("--max_depth", type=int, default=4)
    parser.add_argument("--eta", type=float, default=0.1)
    parser.add_argument("--subsample", type=float, default=0.9)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--train", default=os.environ.get("SM_CHANNEL_TRAIN", container_path("/opt/ml/input/data/train"))
    )
    parser.add_argument(
        "--validation", default=os.environ.get("SM_CHANNEL_VALIDATION", container_path("/opt/ml/input/data/validation"))
    )
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", container_path("/opt/ml/model")))
    parser.add_argument(
        "--transformer",
        default=os.environ.get("SM_CHANNEL_TRANSFORMER"),
        help="the fitted feature transformer, packed with the model for inference",
    )
    args, _ = parser.parse_known_args()

    host, every = hosts()
    if len(every) > 1 and not csv_files(args.train, shard=True):
        raise StepError(
            f"instance {host} of {len(every)} got no file of the train channel {args.train}: the training job has more "
            "instances than the train split has files; Feature writes as many per instance as --train-parts says "
            "(the pipeline passes TrainingInstanceCount)"
        )
    x_train, y_train = load(args.train)
    x_validation, y_validation = load(args.validation)
    if x_train.shape[1] != x_validation.shape[1]:
        raise StepError(
            f"the train split has {x_train.shape[1]} features and the validation split {x_validation.shape[1]}; "
            "make both with the same Feature step"
        )
    with cluster(host, every):
        model, validation_auc = fit(args, x_train, y_train, x_validation, y_validation)
    log.info("validation:auc=%.6f", validation_auc)
    if host != every[0]:
        return  # algo-1 saves the model every instance holds
    os.makedirs(args.model_dir, exist_ok=True)
    save(model, args.model_dir)
    if args.transformer:
        # The endpoint takes raw rows: the model archive carries the transformer's parameters that turn them into
        # features.
        source = os.path.join(args.transformer, TRANSFORMER_FILE)
        if not os.path.exists(source):
            raise StepError(f"no {TRANSFORMER_FILE} in the transformer channel {args.transformer}")
        shutil.copy(source, args.model_dir)


if __name__ == "__main__":
    run(main, log)
