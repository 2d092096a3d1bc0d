import numpy as np
import pandas as pd

from clean import clean
from common import NUMERIC, TARGET
from feature import split, transformer


def test_splits_are_stratified_and_repeatable(raw_csv):
    frame, _ = clean(pd.read_csv(raw_csv, dtype=str))

    train, validation, test = split(frame, 11, 0.15, 0.15)
    again = split(frame, 11, 0.15, 0.15)

    assert len(train) + len(validation) + len(test) == len(frame)
    assert abs(train[TARGET].mean() - test[TARGET].mean()) < 0.05
    assert list(train.index) == list(again[0].index)


def test_the_transformer_learns_from_the_training_split_only(raw_csv):
    frame, _ = clean(pd.read_csv(raw_csv, dtype=str))
    train, _, _ = split(frame, 11, 0.15, 0.15)

    fitted = transformer().fit(train[NUMERIC + ["contract", "payment_method", "internet_service", "has_partner"]])

    scaler = fitted.named_transformers_["numeric"]
    assert np.allclose(scaler.mean_, train[NUMERIC].mean().to_numpy())


def test_the_script_writes_headerless_splits_with_the_target_first(features):
    train = np.loadtxt(features["train"] / "train.csv", delimiter=",")

    assert set(np.unique(train[:, 0])) <= {0.0, 1.0}
    assert (features["transformer"] / "transformer.joblib").exists()
