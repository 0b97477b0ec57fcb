"""Shared fixtures. Helpers that build workbooks live in tests/helpers_*.py, one per area."""

from __future__ import annotations

import datetime as dt

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
def settings() -> Settings:
    return Settings(year=2015, register_deadline=dt.date(2015, 2, 27))

