"""CSV in and out, with errors that name the file and the column: the raw and cleaned tables, the numeric
matrices the model reads (the target first, no header), and text values made comparable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Collection, Iterable

from common import StepError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def numbers(
    values: pd.Series, column: str | int, source: str, tolerance: float = 0.0, allow_empty: bool = False
) -> tuple[pd.Series, int]:
    """A text column as floats, and how many of its values were not numbers (they become missing).

    More than `tolerance` of the given values being text means the column holds the wrong type: a StepError
    that names the column, the file and an example. A column with no values at all is an error too, unless
    `allow_empty`.
    """
    import pandas as pd

    parsed = pd.to_numeric(values, errors="coerce")
    given = values.notna()
    wrong = given & parsed.isna()
    if len(values) and not given.any() and not allow_empty:
        raise StepError(f"column {column} of {source} has no values")
    if wrong.sum() > tolerance * given.sum():
        example = values[wrong].iloc[0]
        raise StepError(
            f"column {column} of {source} should hold numbers but holds {example!r} "
            f"({int(wrong.sum())} of {int(given.sum())} values are not numbers)"
        )
    return parsed.astype("float64"), int(wrong.sum())


def read_table(
    path: str, columns: Collection[str], numeric: Collection[str] = (), strict: bool = True, hint: str = ""
) -> pd.DataFrame:
    """A CSV file with a header: `numeric` columns as floats, the others as text (missing values are NaN).

    A StepError names the file when it is empty or not CSV, the missing columns (then `hint`), and (when `strict`) a
    numeric column that holds text; otherwise such a file comes back with every column as text, for the caller to sort
    out the stray values.
    """
    import numpy as np
    import pandas as pd

    try:
        header = pd.read_csv(path, nrows=0).columns
    except pd.errors.EmptyDataError:
        raise StepError(f"{path} is empty; it needs a header row ({', '.join(columns)}) and data rows") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise StepError(f"{path} is not a readable CSV file: {error}") from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise StepError(f"{path} lacks column(s) {', '.join(missing)}; expected {', '.join(columns)}{hint}")
    types = {column: (np.float64 if column in numeric else str) for column in header}
    try:
        frame = pd.read_csv(path, usecols=list(columns), dtype={c: types[c] for c in columns})
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise StepError(f"{path} is not a readable CSV file: {error}") from None
    except ValueError:
        # Text in a numeric column: read it as text to name the column or keep the stray values (slow, and only
        # on such data).
        frame = pd.read_csv(path, usecols=list(columns), dtype=str)
        for column in numeric if strict else ():
            frame[column], _ = numbers(frame[column], column, path)
    if not len(frame):
        raise StepError(f"{path} has a header but no data rows")
    for column in numeric:
        if frame[column].isna().all():
            raise StepError(f"column {column} of {path} has no values")
    return frame[list(columns)]


def read_matrices(paths: list[str]) -> np.ndarray:
    """The rows of every file (read_matrix), one after another in the order given: the parts of a split that the
    instances of Feature wrote (train-algo-1.csv, train-algo-2.csv...), or its one file."""
    import numpy as np

    return np.vstack([read_matrix(path) for path in paths])


def read_matrix(path: str) -> np.ndarray:
    """A headerless CSV file of numbers (the target first) as a float array, or a StepError that names the file
    and the column that is empty or holds text."""
    import numpy as np
    import pandas as pd

    try:
        data = pd.read_csv(path, header=None, dtype=np.float64)
    except pd.errors.EmptyDataError:
        raise StepError(f"{path} is empty; it needs rows of numbers with the target first") from None
    except pd.errors.ParserError as error:
        raise StepError(f"{path} is not a readable CSV file: {error}") from None
    except ValueError:
        # Text where numbers belong: find the column to name it (slow, and only on bad data).
        text = pd.read_csv(path, header=None, dtype=str)
        for column in text.columns:
            numbers(text[column], column + 1, path)
        raise
    empty = [str(c + 1) for c in data.columns if data[c].isna().any()]
    if empty:
        raise StepError(f"{path} has empty values in column(s) {', '.join(empty)}")
    if data.shape[1] < 2:
        raise StepError(f"{path} has {data.shape[1]} column(s); it needs the target and at least one feature")
    values = data.to_numpy()
    if not np.isin(values[:, 0], (0.0, 1.0)).all():
        raise StepError(f"column 1 (the target) of {path} must be 0 or 1")
    return values


def write_csv(frame: pd.DataFrame, path: str, header: bool = True) -> None:
    """Writes a frame as CSV with \\n line ends (pandas calls the keyword line_terminator before 1.5, lineterminator
    after)."""
    import inspect

    import pandas as pd

    keyword = (
        "lineterminator" if "lineterminator" in inspect.signature(pd.DataFrame.to_csv).parameters else "line_terminator"
    )
    frame.to_csv(path, index=False, header=header, **{keyword: "\n"})


def normalise(values: Iterable[Any], missing: str | None = None) -> np.ndarray:
    """Text values trimmed and in lower case, and missing ones as `missing`: worked out once per distinct value."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(np.asarray(values, dtype=object))
    table = np.array([str(value).strip().lower() for value in distinct] + [missing], dtype=object)
    return table[codes]
