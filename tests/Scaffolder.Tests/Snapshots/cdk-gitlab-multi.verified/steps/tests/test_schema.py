"""schema.py: the one place for columns and derived features, and its mistakes named on import."""

import re

import pandas as pd
import pytest

import schema
from common import StepError


def test_roles_give_the_column_lists_the_steps_use():
    assert schema.ID_COLUMN == "customer_id" and schema.TARGET == "churned"
    assert [c for c in schema.COLUMNS if c in schema.NUMERIC + schema.CATEGORICAL] == schema.INPUTS
    assert schema.ID_COLUMN not in schema.INPUTS and schema.TARGET not in schema.INPUTS


def test_a_derived_feature_follows_the_raw_ones_of_its_role_and_is_computed_on_a_copy(monkeypatch):
    monkeypatch.setattr(
        schema,
        "DERIVED",
        {"charge_per_month": (schema.NUMERIC_ROLE, lambda rows: rows["total_charges"] / rows["tenure_months"])},
    )
    rows = pd.DataFrame({"total_charges": [100.0, 30.0], "tenure_months": [10.0, 3.0]})

    derived = schema.derive(rows)

    assert schema.feature_columns(schema.NUMERIC_ROLE) == [*schema.NUMERIC, "charge_per_month"]
    assert list(derived["charge_per_month"]) == [10.0, 10.0]
    assert "charge_per_month" not in rows.columns


def test_a_derived_feature_that_cannot_be_computed_is_named(monkeypatch):
    monkeypatch.setattr(schema, "DERIVED", {"ratio": (schema.NUMERIC_ROLE, lambda rows: rows["no_such_column"] * 2)})

    with pytest.raises(StepError, match="derived feature ratio could not be computed: KeyError"):
        schema.derive(pd.DataFrame({"a": [1]}))


@pytest.mark.parametrize(
    "columns, derived, says",
    [
        pytest.param({**schema.COLUMNS, "age": "number"}, {}, "column age has the role 'number'", id="unknown role"),
        pytest.param(
            schema.COLUMNS,
            {"contract": (schema.CATEGORICAL_ROLE, len)},
            "derived feature contract has the name of a raw column",
            id="derived name taken",
        ),
        pytest.param(
            schema.COLUMNS,
            {"ratio": lambda rows: rows},
            "DERIVED['ratio'] must be (role, function)",
            id="derived without a role",
        ),
        pytest.param(
            schema.COLUMNS,
            {"ratio": (schema.TARGET_ROLE, len)},
            "DERIVED['ratio'] must be (role, function)",
            id="derived target",
        ),
        pytest.param(
            {**schema.COLUMNS, "left": "target"},
            {},
            "exactly one column with the role 'target', found ['churned', 'left']",
            id="two targets",
        ),
        pytest.param(
            {c: r for c, r in schema.COLUMNS.items() if r != "id"},
            {},
            "exactly one column with the role 'id', found none",
            id="no id",
        ),
    ],
)
def test_a_schema_mistake_is_named(monkeypatch, columns, derived, says):
    monkeypatch.setattr(schema, "COLUMNS", columns)
    monkeypatch.setattr(schema, "DERIVED", derived)

    with pytest.raises(ValueError, match=re.escape(says)):
        schema.check()
