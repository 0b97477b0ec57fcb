"""Periods of the bulletin (a month 2015-03, a quarter 2015-Q1, a half 2015-H1, a year 2015) and how the office
writes months and days: 2015年3月, 2015年1—3月, 2015年3月5日. Pure."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from xlflow.core.dates import FIRST_YEAR, LAST_YEAR
from xlflow.core.errors import PeriodError
from xlflow.core.text import runs

_SPAN = {"M": 1, "Q": 3, "H": 6, "Y": 12}  # months in one period of each kind
_WORDS = {"Q": "一二三四", "H": "上下"}  # quarters and halves as the office numbers them
_LABELS = {"M": "{}月", "Q": "第{}季度", "H": "{}半年", "Y": ""}  # after 2015年
_PATTERNS = (
    (r"(\d{4})-?(0?[1-9]|1[0-2])(?:月份?)?", "M"),
    (r"(\d{4})-?Q([1-4])", "Q"),
    (r"(\d{4})-?H([12])", "H"),
    (r"(\d{4})-?第?([一二三四1-4])季度?", "Q"),
    (r"(\d{4})-?([上下])半年", "H"),
    (r"(\d{4})(?:-?全年|-度)?()", "Y"),  # 2015, 2015年, 2015年全年, 2015全年, 2015年度
)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # "M", "Q", "H", "Y"
    index: int  # month 1-12, quarter 1-4, half 1-2, 1 for a year

    @classmethod
    def parse(cls, text: str, *, month_only: bool = False) -> Period:
        """2015-03, 2015年3月, 2015-Q1, 2015年第4季度, 2015-H1, 2015上半年, 2015, 2015年全年 (README lists them all);
        `month_only`: a month, and the message names only the ways to write one."""
        raw = unicodedata.normalize("NFKC", str(text)).strip().upper().replace(" ", "")
        raw = re.sub(r"^(\d{4})(?:年|\.|/)", r"\1-", raw).rstrip("-")
        for pattern, kind in _PATTERNS:  # the patterns exclude each other
            match = re.fullmatch(pattern, raw)
            if match and FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
                part, words = match[2] or "1", _WORDS.get(kind, "")
                period = cls(int(match[1]), kind, words.index(part) + 1 if part in words else int(part))
                break
        else:
            try:
                period = _of_months(raw, text)
            except PeriodError:
                if not month_only:
                    raise
                period = None  # 2015年2—5月 for --month: the ways to write a month, not periods it refuses
        if period is not None:
            if month_only and period.kind != "M":
                raise PeriodError(f"这里需要一个月份，如 2015-03；“{text}”是{period.label}")
            return period
        if month_only:
            raise PeriodError(f"无法识别的月份“{text}”：请写成 2015-03 或 2015年3月")
        raise PeriodError(f"无法识别的期间“{text}”：请写成 2015-03 或 2015年3月（月）、2015-Q1 或 2015年第一季度（季度）、"
                          "2015-H1 或 2015年上半年（半年）、2015 或 2015年全年（全年）")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, "M", month)

    @property
    def months(self) -> tuple[int, ...]:
        span = _SPAN[self.kind]
        return tuple(range(span * (self.index - 1) + 1, span * self.index + 1))

    @property
    def month_keys(self) -> tuple[str, ...]:
        return tuple(month_key(self.year, m) for m in self.months)

    @property
    def quarters(self) -> tuple[int, ...]:
        """Quarters this period touches (a month touches its own)."""
        return tuple(sorted({(m - 1) // 3 + 1 for m in self.months}))

    @property
    def quarter(self) -> Period:
        """The quarter a month is in: 2015-05 -> 2015-Q2."""
        return Period(self.year, "Q", self.quarters[0])

    @property
    def quarter_to_date(self) -> tuple[str, ...]:
        """The month keys of a month's quarter up to it: 2015-05 -> 2015-04, 2015-05."""
        return tuple(m for m in self.quarter.month_keys if m <= self.key)

    @property
    def last_day(self) -> dt.date:
        """The period's last day: 2015-06-30 for 2015-H1."""
        last = self.months[-1]
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    @property
    def key(self) -> str:
        """Machine form: 2015-03, 2015-Q1, 2015-H1, 2015."""
        if self.kind == "M":
            return month_key(self.year, self.index)
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.index}"

    @property
    def label(self) -> str:
        """How the office writes it: 2015年3月, 2015年第一季度, 2015年上半年, 2015年."""
        word = _WORDS[self.kind][self.index - 1] if self.kind in _WORDS else self.index
        return f"{self.year}年" + _LABELS[self.kind].format(word)

    @property
    def file_label(self) -> str:
        """For file names: 2015年03月, 2015年第一季度 …"""
        return f"{self.year}年{self.index:02d}月" if self.kind == "M" else self.label

    def __str__(self) -> str:
        return self.key


def _of_months(raw: str, text: str) -> Period | None:
    """2015年1—3月, as the 通报 labels a period: the period of those months; a range that is none is refused, naming
    the periods nearest to it; None when `raw` is no range of months."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:月份?)?[-~〜—–―至到]+(\d{1,2})月份?", raw)
    if not match or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR or not 1 <= int(match[2]) <= int(match[3]) <= 12:
        return None
    months = set(range(int(match[2]), int(match[3]) + 1))
    periods = [Period(int(match[1]), kind, i) for kind, span in _SPAN.items() for i in range(1, 12 // span + 1)]
    if found := next((p for p in periods if set(p.months) == months), None):
        return found
    covering = next(p for p in periods if months <= set(p.months))  # the smallest: _SPAN's order
    near = dict.fromkeys([*(p for p in periods if p.kind == "Q" and months & set(p.months)), covering])
    raise PeriodError(f"“{text}”不是一个期间（月、季度、半年或全年）：最接近的是 "
                      + "、".join(f"{months_span(p.month_keys)}（{p.key}）" for p in near) + "，请写其中之一")


def month_key(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def month_label(key: str) -> str:
    """2015-03 -> 2015年3月."""
    return f"{int(key[:4])}年{int(key[5:])}月"


def months_text(months: Sequence[str]) -> str:
    """Month keys of one year as runs, without the year: 1—6月, 7月, 1—3月、5月."""
    spans = runs(sorted(int(m[5:]) for m in months))
    return "、".join(f"{run[0]}月" if len(run) == 1 else f"{run[0]}—{run[-1]}月" for run in spans)


def months_span(months: Sequence[str]) -> str:
    """Consecutive month keys of one year: 2015年1—3月, or 2015年3月 for one month."""
    return f"{months[0][:4]}年{months_text(months)}"


def date_label(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
