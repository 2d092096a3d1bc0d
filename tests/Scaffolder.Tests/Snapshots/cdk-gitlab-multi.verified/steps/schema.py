"""The data's schema: the one place that says which columns there are and what each one is for.

clean.py checks the raw data against COLUMNS, feature.py makes the model's features from it, and inference.py (the
endpoint) takes requests by it, so a column added here reaches every step and the endpoint alike.

- A column of the raw data: add it to COLUMNS with its role (the data must then have it).
- A feature computed from other columns (a ratio, a flag, a bucket): add it to DERIVED with its role and the
  function that computes it from the rows. Feature and the endpoint both compute it through derive(), so the
  model never meets a feature the endpoint cannot make. A feature computed in feature.py alone would train a model
  the endpoint cannot score: the pipeline's ServeCheck step scores held-out rows through inference.py as the
  endpoint will, and stops such a run before Register.

Roles: "id" (one column, kept for tracing, never a feature), "target" (one column of 0 and 1), "numeric" (numbers,
standardised) and "categorical" (text, one-hot encoded). Plain Python, no libraries: every container reads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from common import StepError

if TYPE_CHECKING:
    import pandas as pd

ID_ROLE = "id"
TARGET_ROLE = "target"
NUMERIC_ROLE = "numeric"
CATEGORICAL_ROLE = "categorical"
FEATURE_ROLES = (NUMERIC_ROLE, CATEGORICAL_ROLE)

# The raw data's columns, in the order of its header, and the role of each.
COLUMNS = {
    "customer_id": ID_ROLE,
    "tenure_months": NUMERIC_ROLE,
    "monthly_charges": NUMERIC_ROLE,
    "total_charges": NUMERIC_ROLE,
    "contract": CATEGORICAL_ROLE,
    "payment_method": CATEGORICAL_ROLE,
    "internet_service": CATEGORICAL_ROLE,
    "support_calls": NUMERIC_ROLE,
    "has_partner": CATEGORICAL_ROLE,
    "churned": TARGET_ROLE,
}

# Features computed from the raw columns: name -> (role, function from the rows, a pandas DataFrame with the raw
# columns, to one value per row). For example:
#   "charge_per_month": (NUMERIC_ROLE, lambda rows: rows["total_charges"] / rows["tenure_months"].clip(lower=1)),
DERIVED: dict[str, tuple[str, Callable[[pd.DataFrame], Any]]] = {}


def with_role(role: str, columns: dict[str, str] | None = None) -> list[str]:
    """The names of the columns with a role, in their order."""
    return [name for name, column_role in (COLUMNS if columns is None else columns).items() if column_role == role]


def _single(role: str) -> str:
    found = with_role(role)
    if len(found) != 1:
        raise ValueError(f"schema.py: COLUMNS needs exactly one column with the role {role!r}, found {found or 'none'}")
    return found[0]


def check() -> None:
    """A ValueError naming the mistake when COLUMNS or DERIVED is not as described above (run on import)."""
    roles = (ID_ROLE, TARGET_ROLE, *FEATURE_ROLES)
    for name, role in COLUMNS.items():
        if role not in roles:
            raise ValueError(f"schema.py: column {name} has the role {role!r}; use one of {', '.join(roles)}")
    for name, definition in DERIVED.items():
        if name in COLUMNS:
            raise ValueError(
                f"schema.py: the derived feature {name} has the name of a raw column; give it its own name"
            )
        if not (
            isinstance(definition, tuple)
            and len(definition) == 2
            and definition[0] in FEATURE_ROLES
            and callable(definition[1])
        ):
            raise ValueError(
                f"schema.py: DERIVED[{name!r}] must be (role, function) with the role {' or '.join(FEATURE_ROLES)}"
            )
    for role in (ID_ROLE, TARGET_ROLE):
        _single(role)


check()
ID_COLUMN = _single(ID_ROLE)
TARGET = _single(TARGET_ROLE)
NUMERIC = with_role(NUMERIC_ROLE)
CATEGORICAL = with_role(CATEGORICAL_ROLE)
# What a request to the endpoint must hold: the raw feature columns (the id and the target are not needed).
INPUTS = [name for name, role in COLUMNS.items() if role in FEATURE_ROLES]


def feature_columns(role: str) -> list[str]:
    """The model's input columns with a role: the raw ones, then the derived ones."""
    return with_role(role) + with_role(role, {name: definition[0] for name, definition in DERIVED.items()})


def derive(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with every derived feature added as a column (computed from the raw columns). A new frame: the
    caller's rows are left as they were (and returned as they are when there is no derived feature)."""
    if not DERIVED:
        return rows
    rows = rows.copy()
    for name, (_, function) in DERIVED.items():
        try:
            rows[name] = function(rows)
        except Exception as error:  # any failure of the user's function, named
            raise StepError(
                f"schema.py: the derived feature {name} could not be computed: {type(error).__name__}: {error}"
            ) from error
    return rows
