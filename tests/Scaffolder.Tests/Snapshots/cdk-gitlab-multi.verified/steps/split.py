"""The split of the cleaned rows into train, validation and test.

A row's split comes from a hash of its id with the seed: it depends on the row alone, not on the other rows or on
which file or instance the row came through. So Clean (which sums up the training rows for the transformer) and
Feature (which writes the splits) agree without seeing each other's rows, a run on three instances splits as a run on
one does, and a row repeated in two files lands in one split, never in both training and test. The shares are about
VALIDATION_FRACTION and TEST_FRACTION of the rows, closer the more rows there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from schema import ID_COLUMN, TARGET
from transformer import statistics

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

VALIDATION_FRACTION = 0.15
TEST_FRACTION = 0.15
SPLITS = ("train", "validation", "test")


def split_of(ids: pd.Series, seed: int) -> np.ndarray:
    """The split of each row (0 train, 1 validation, 2 test) from its id and the seed."""
    import numpy as np
    import pandas as pd

    # pandas' SipHash of the id's text, keyed by the seed (the key must be 16 characters).
    key = f"{seed:016d}"[-16:]
    hashed = pd.util.hash_pandas_object(ids.astype(str), index=False, hash_key=key).to_numpy(dtype=np.uint64)
    position = hashed.astype(np.float64) / 2.0**64
    return np.where(
        position < 1 - VALIDATION_FRACTION - TEST_FRACTION, 0, np.where(position < 1 - TEST_FRACTION, 1, 2)
    ).astype(np.int8)


def split_statistics(frame: pd.DataFrame, seed: int) -> dict[str, Any]:
    """What Feature needs to know of some cleaned rows: the rows and positives of each split, and the statistics of
    the training split's rows (transformer.statistics), with the seed that made the split. Clean writes them for its
    part of the data; Feature adds up every part's."""
    splits = split_of(frame[ID_COLUMN], seed)
    return {
        "seed": seed,
        "rows": [int((splits == index).sum()) for index in range(len(SPLITS))],
        "positives": [int(frame[TARGET][splits == index].sum()) for index in range(len(SPLITS))],
        "train": statistics(frame[splits == 0]),
    }
