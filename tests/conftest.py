"""Shared fixtures. Helpers that build workbooks live in tests/helpers_*.py, one per area."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from xlflow.core.schema import DEFAULT_UNITS
from xlflow.core.units import Unit, UnitTable
from xlflow.settings import Settings


def default_table() -> UnitTable:
    return UnitTable(
        [
            Unit(u.name, u.kind, u.target, u.monthly, u.annual, u.aliases, u.note, seq=i + 1)
            for i, u in enumerate(DEFAULT_UNITS)
        ]
    )


@pytest.fixture
def units() -> UnitTable:
    return default_table()


@pytest.fixture
def finance_units() -> UnitTable:
    """The default table, where 财务科 also goes by 财务 and 财政: aliases that are ordinary words in a file name."""
    table = default_table()
    return UnitTable([replace(u, aliases=("财务", "财政")) if u.name == "财务科" else u for u in table])


@pytest.fixture
def settings() -> Settings:
    return Settings(year=2015, register_deadline=dt.date(2015, 2, 27))

