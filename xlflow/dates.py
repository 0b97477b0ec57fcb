"""Pure date parsing: every way a unit writes a date, a month, or an event time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .textnorm import squash

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# serials a report can plausibly hold: 1990-01-01 .. 2100-12-31
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415


@dataclass(frozen=True)
class ParsedDate:
    """A date read from a cell. `value` is None when nothing usable was there; `error` says why."""

    value: dt.datetime | None
    has_time: bool = False
    has_year: bool = True
    error: str | None = None  # "missing", "unreadable", "impossible"

    @property
    def date(self) -> dt.date | None:
        return self.value.date() if self.value else None


MISSING = ParsedDate(None, error="missing")

_FULL = re.compile(
    r"(?P<y>\d{4})[年./\-](?P<m>\d{1,2})[月./\-](?P<d>\d{1,2})[日号]?"
    r"(?:(?:T|,)?(?P<H>\d{1,2})[:时点](?P<M>\d{1,2})?(?:[:分](?P<S>\d{1,2})?)?秒?(?:分)?)?$"
)
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_NO_YEAR = re.compile(
    r"(?P<m>\d{1,2})[月./\-](?P<d>\d{1,2})[日号]?"
    r"(?:(?P<H>\d{1,2})[:时点](?P<M>\d{1,2})?(?:[:分](?P<S>\d{1,2})?)?秒?(?:分)?)?$"
)
_MONTH = re.compile(r"(?P<y>\d{4})(?:[年./\-_]|(?=\d{2}(?:\D|$)))(?P<m>\d{1,2})(?:月(?:份)?)?")


def _build(y: int, m: int, d: int, hh: str | None, mm: str | None, ss: str | None, has_year: bool) -> ParsedDate:
    try:
        value = dt.datetime(y, m, d, int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return ParsedDate(None, error="impossible")
    return ParsedDate(value, has_time=hh is not None, has_year=has_year)


def parse_date(value: object, default_year: int | None = None) -> ParsedDate:
    """A date from a cell: datetime, Excel serial, or text such as 2015年3月5日, 2015.3.5, 3月5日, 2015-03-05 08:30."""
    if value is None:
        return MISSING
    if isinstance(value, dt.datetime):
        return ParsedDate(value, has_time=value.time() != dt.time())
    if isinstance(value, dt.date):
        return ParsedDate(dt.datetime(value.year, value.month, value.day))
    if isinstance(value, dt.time):
        return ParsedDate(None, error="unreadable")
    if isinstance(value, bool):
        return ParsedDate(None, error="unreadable")
    if isinstance(value, int | float):
        try:
            return _from_serial(float(value))
        except OverflowError:  # an integer too large for a float is no date either
            return ParsedDate(None, error="unreadable")
    text = squash(str(value))
    if not text:
        return MISSING
    if re.fullmatch(r"\d+(?:\.\d+)?", text) and "." not in text[:5] and len(text) != 8:
        return _from_serial(float(text))
    for pattern in (_FULL, _COMPACT):
        match = pattern.match(text)
        if match:
            g = match.groupdict()
            return _build(int(g["y"]), int(g["m"]), int(g["d"]), g.get("H"), g.get("M"), g.get("S"), True)
    match = _NO_YEAR.match(text)
    if match and default_year:
        g = match.groupdict()
        return _build(default_year, int(g["m"]), int(g["d"]), g["H"], g["M"], g["S"], False)
    return ParsedDate(None, error="unreadable")


def _from_serial(serial: float) -> ParsedDate:
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        return ParsedDate(None, error="unreadable")
    value = _EXCEL_EPOCH + dt.timedelta(days=serial)
    value = value.replace(microsecond=0)
    return ParsedDate(value, has_time=serial != int(serial))


def parse_month(value: object) -> tuple[int, int] | None:
    """(year, month) from 2015年3月, 2015-03, 2015.3, 201503, a date, or a file name containing one."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.year, value.month
    if isinstance(value, int | float) and not isinstance(value, bool):
        parsed = _from_serial(float(value))
        return (parsed.value.year, parsed.value.month) if parsed.value else None
    text = squash(str(value))
    for match in _MONTH.finditer(text):
        year, month = int(match.group("y")), int(match.group("m"))
        if 1990 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    return None


def month_label(year: int, month: int) -> str:
    """2015年3月 — how the office writes a month."""
    return f"{year}年{month}月"
