"""Units of the quota table and how a name a person typed is resolved to one of them. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TypeVar

from xlflow.core.periods import Period
from xlflow.core.schema import UNIT_KINDS, UnitRow
from xlflow.core.text import nfkc, squash

_SUFFIXES = ("工业和信息化局", "经济和信息化局", "经信局", "工信局")
# what an alias standing as a word of its own has on either side (find_all(strict=True))
_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[〇一二三四五六七八九十年月份])$")
_AFTER = re.compile(r"$|[^\u4e00-\u9fff]|[〇一二三四五六七八九十局]|信息|报送|登记|政务|更正|补报|补充|增补|修改|通讯员|稿件|材料|工作|紧急|正文|附件")
# a section's name ending a longer word: 轻工业科 in 轻工业科技园, 中小企业科 in 中小企业科技创新
_GLUED = re.compile(r"科[技学研普]|办(?:公(?!室)|[法理])|会[议计展]|室[内外]")
T = TypeVar("T")


@dataclass(frozen=True)
class Unit(UnitRow):
    seq: int = 0  # position in the quota table: the order every list follows

    @property
    def is_quarterly(self) -> bool:
        return self.monthly is None

    def count_months(self, period: Period) -> tuple[str, ...]:
        """Months whose articles count for this unit in `period` (a quarterly unit: quarter-to-date)."""
        if self.is_quarterly and period.kind == "M":
            return period.quarter_to_date
        return period.month_keys

    def quota(self, period: Period) -> float:
        """Articles due in `period`: monthly × months, or annual ÷ 4 per quarter touched."""
        if self.monthly is not None:
            return float(self.monthly * len(period.months))
        return self.annual / 4 * len(period.quarters)


def strip_suffix(key: str) -> str:
    return next((key[: -len(s)] for s in _SUFFIXES if key.endswith(s) and len(key) > len(s)), key)


def _name_keys(unit: Unit) -> set[str]:
    return {squash(unit.name), strip_suffix(squash(unit.name))} - {""}


def _named(key: str, at: int, alias: str, names: set[str], spaces: set[int]) -> bool:
    """A unit's name or alias at `at` of `key` names it (find_all strict)."""
    end = at + len(alias)
    if alias in names:
        return end in spaces or not _GLUED.match(key, end - 1)
    before = at in spaces or _BEFORE.search(key, 0, at) is not None
    return before and (end in spaces or _AFTER.match(key, end) is not None)


def unit_keys(unit: Unit) -> dict[str, str]:
    """Each key the unit is found by -> its name or alias it comes from: squashed, with and without 工信局, and
    退二进三办公室 for 退二进三办 (not 办公室)."""
    names = (unit.name, *unit.aliases)
    typed = [(n, n) for n in names] + [(n + "公室", n) for n in names if n.endswith("办")]
    keys: dict[str, str] = {}
    for text, name in typed:
        for key in filter(None, (squash(text), strip_suffix(squash(text)))):
            keys.setdefault(key, name)
    return keys


@dataclass
class UnitTable:
    """The quota table: units in table order, resolvable by name, alias, or spelling variant."""

    units: list[Unit]
    notes: list[str] = field(default_factory=list)  # what the reader tells of the table: a sheet or a row not read
    _index: dict[str, Unit] = field(default_factory=dict, repr=False)
    _names: set[str] = field(default_factory=set, repr=False)  # keys of the units' names, with and without 工信局
    # first character -> (name key, unit) of every key of two or more characters: the keys find_all tries at a place
    _starts: dict[str, list[tuple[str, Unit]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for unit in self.units:
            for key in unit_keys(unit):
                self._index.setdefault(key, unit)
            self._names |= _name_keys(unit)
        for alias, unit in self._index.items():
            if len(alias) >= 2:
                self._starts.setdefault(alias[0], []).append((alias, unit))

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def resolve(self, text: str | None) -> Unit | None:
        """The unit a typed name means: exact, alias, full-width/space variants, with or without 工信局."""
        key = squash(text or "")
        if not key:
            return None
        unit = self._index.get(key) or self._index.get(strip_suffix(key))
        if unit is None and key.endswith("局"):
            unit = self._index.get(strip_suffix(key.removesuffix("局") + "工信局"))
        return unit

    def named(self, text: str, receiver: str = "") -> list[Unit]:
        """The units a typed unit name means: the one it resolves to, else each unit named inside it (find_all:
        岳阳市岳阳县工信局, 经济运行科（市经信委）); `receiver`, the office the returns go to, is left out when another
        unit is named too (经济运行科报综合法规科)."""
        if (exact := self.resolve(text)) is not None:
            return [exact]
        named = self.find_all(text)
        return [u for u in named if u.name != receiver] or named

    def find_in(self, text: str, *, strict: bool = False) -> Unit | None:
        """The one unit whose name or alias appears inside `text` (a title, a file name); None when none does or
        when the text names several units. `strict` as for find_all."""
        named = self.find_all(text, strict=strict)
        return named[0] if len(named) == 1 else None

    def find_all(self, text: str, *, strict: bool = False) -> list[Unit]:
        """Every unit whose name or alias appears inside `text`, in order of appearance; a match inside a
        longer one of another unit does not count (经济运行科 is not also 运行科 of another unit).
        `strict`: a unit's name counts anywhere but as the start of a longer word (轻工业科技园), an alias only as a
        word of its own (_BEFORE, _AFTER): 财政资金 does not name a unit whose alias is 财政, 3月份财政信息 does."""
        key = squash(text)
        spaces = set(accumulate(len(squash(piece)) for piece in nfkc(text).split()))
        spans = [
            (i, i + len(alias), unit)
            for i, char in enumerate(key)
            for alias, unit in self._starts.get(char, ())
            if key.startswith(alias, i) and (not strict or _named(key, i, alias, self._names, spaces))
        ]  # in order of appearance
        kept = (
            (a, b, unit)
            for a, b, unit in spans
            if not any(c <= a and b <= d and d - c > b - a and other is not unit for c, d, other in spans)
        )
        return list(dict.fromkeys(unit for _, _, unit in kept))

    def name_in(self, unit: Unit, text: str) -> bool:
        """`text` holds the unit's own name (湘阴县工信局 or 湘阴县), not only an alias."""
        key = squash(text)
        return any(name in key for name in _name_keys(unit))

    def by_name(self, name: str) -> Unit:
        return next(u for u in self.units if u.name == name)

    def kinds(self) -> list[str]:
        """Unit kinds in table order (known kinds first in their canonical order)."""
        seen = list(dict.fromkeys(u.kind for u in self.units))
        return sorted(seen, key=lambda k: (UNIT_KINDS.index(k) if k in UNIT_KINDS else len(UNIT_KINDS), seen.index(k)))


def by_unit(items: Iterable[T]) -> dict[str, list[T]]:
    """Items (anything with a `unit` name) grouped by unit, each group in the order given."""
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(item.unit, []).append(item)  # type: ignore[attr-defined]
    return grouped
