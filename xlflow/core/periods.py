"""Periods of the bulletin: a month 2015-03, a quarter 2015-Q1, a half 2015-H1, a year 2015. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from xlflow.core.errors import PeriodError

_CN_NUM = "一二三四"


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # "M", "Q", "H", "Y"
    index: int  # month 1-12, quarter 1-4, half 1-2, 1 for a year

    @classmethod
    def parse(cls, text: str) -> Period:
        """2015-03, 2015-3, 2015年3月, 2015-Q1, 2015Q1, 2015-H1, 2015上半年, 2015."""
        if cls is Period and isinstance(text, str):
            return _parse_text(text)  # a month key is parsed once per row of a 50,000-row receipt: remembered
        return cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> Period:
        raw = re.sub(r"^(\d{4})年", r"\1-", str(text).strip().upper().replace(" ", "")).rstrip("-")
        patterns = (
            (r"(\d{4})-?(0?[1-9]|1[0-2])(?:月)?", "M"),
            (r"(\d{4})-?Q([1-4])", "Q"),
            (r"(\d{4})-?H([12])", "H"),
            (r"(\d{4})-?第?([一二三四])季度?", "Q"),
            (r"(\d{4})-?([上下])半年", "H"),
            (r"(\d{4})", "Y"),
        )
        for pattern, kind in patterns:
            match = re.fullmatch(pattern, raw)
            if not match:
                continue
            year = int(match.group(1))
            if kind == "Y":
                index = 1
            elif match.group(2) in _CN_NUM:
                index = _CN_NUM.index(match.group(2)) + 1
            elif match.group(2) in "上下":
                index = 1 if match.group(2) == "上" else 2
            else:
                index = int(match.group(2))
            if not 1990 <= year <= 2100:
                break
            return cls(year, kind, index)
        raise PeriodError(f"无法识别的期间“{text}”：请写成 2015-03（月）、2015-Q1（季度）、2015-H1（半年）或 2015（全年）")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, "M", month)

    @property
    def months(self) -> tuple[int, ...]:
        if self.kind == "M":
            return (self.index,)
        if self.kind == "Q":
            return tuple(range(3 * self.index - 2, 3 * self.index + 1))
        if self.kind == "H":
            return tuple(range(6 * self.index - 5, 6 * self.index + 1))
        return tuple(range(1, 13))

    @property
    def month_keys(self) -> tuple[str, ...]:
        return tuple(f"{self.year}-{m:02d}" for m in self.months)

    @property
    def quarters(self) -> tuple[int, ...]:
        """Quarters this period touches (a month touches its own)."""
        return tuple(sorted({(m - 1) // 3 + 1 for m in self.months}))

    @property
    def key(self) -> str:
        """Machine form: 2015-03, 2015-Q1, 2015-H1, 2015."""
        if self.kind == "M":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "Y":
            return str(self.year)
        return f"{self.year}-{self.kind}{self.index}"

    @property
    def label(self) -> str:
        """How the office writes it: 2015年3月, 2015年第一季度, 2015年上半年, 2015年."""
        if self.kind == "M":
            return f"{self.year}年{self.index}月"
        if self.kind == "Q":
            return f"{self.year}年第{_CN_NUM[self.index - 1]}季度"
        if self.kind == "H":
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        return f"{self.year}年"

    @property
    def file_label(self) -> str:
        """For file names: 2015年03月, 2015年第一季度 …"""
        return f"{self.year}年{self.index:02d}月" if self.kind == "M" else self.label

    def contains(self, month_key: str) -> bool:
        return month_key in self.month_keys

    def __str__(self) -> str:
        return self.key


def month_key(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


@lru_cache(maxsize=1024)
def _parse_text(text: str) -> Period:
    return Period._parse(text)  # Period is frozen: one instance may be shared; a refusal is raised each time
