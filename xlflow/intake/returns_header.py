"""Finding the header row of a unit's monthly workbook (one or two rows naming `schema.REPORT_COLUMNS`,
decorations ignored: “信息标题（必填）”), and reading the labels (“报送单位：…”) and title rows above it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from xlflow.core.schema import LABEL_MONTH_ALIASES, LABEL_UNIT_ALIASES, REPORT_COLUMNS
from xlflow.core.text import clean_cell, nfkc, squash
from xlflow.intake.workbook import map_columns

HEADER_SCAN_ROWS = 30  # the header is looked for in the top rows of each sheet
UNIT_COLUMN = "unit"  # a 报送单位 column: used to resolve the unit, not part of RawRow.values

_DECORATION = re.compile(r"[(\[【<《][^)\]】>》]*[)\]】>》]")
_STRIP_CHARS = "*※★☆●:：.。、_-"


def header_key(text: str) -> str:
    """A header cell reduced to what the names in schema share: no spacing, brackets, stars or colons."""
    return _DECORATION.sub("", squash(clean_cell(text))).strip(_STRIP_CHARS).lower()


# the names and aliases of the columns, and of a 报送单位 column (no two share a key)
HEADER_INDEX = {header_key(name): c.key for c in REPORT_COLUMNS for name in (c.name, *c.aliases)}
HEADER_INDEX |= {header_key(alias): UNIT_COLUMN for alias in LABEL_UNIT_ALIASES}
_CANONICAL = {c.key: header_key(c.name) for c in REPORT_COLUMNS} | {UNIT_COLUMN: header_key(LABEL_UNIT_ALIASES[0])}
_WEAK = {header_key("审核")}  # a column of 同意 or a section chief's name as often as the signing leader's


def column_key(value: object) -> str | None:
    """The canonical key (schema's Column.key, or UNIT_COLUMN) a header cell names, or None."""
    if not isinstance(value, str) or len(value) > 40:  # longer cells are never header names
        return None
    return HEADER_INDEX.get(header_key(value))


def is_header(mapping: dict[str, int]) -> bool:
    return "title" in mapping and len(mapping) >= 3


@dataclass
class Header:
    first_row: int  # 0-based index of the first header row
    last_row: int  # 0-based index of the last header row (data starts below)
    columns: dict[str, int]  # canonical key -> 0-based column
    texts: list[object] = field(default_factory=list)  # the header cell of each column (of two rows: the lower)


def find_header(rows: list[list[object]]) -> Header | None:
    """The header with the most known column names in the top HEADER_SCAN_ROWS rows (the first of equals)."""
    best: Header | None = None
    maps = [map_columns(row, column_key) for row in rows[: HEADER_SCAN_ROWS + 1]]
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        candidate = Header(r, r, maps[r], rows[r]) if is_header(maps[r]) else None
        if r + 1 < len(rows) and is_header(maps[r] | maps[r + 1]) and not any(map(_data_like, rows[r + 1])):
            # a header over two rows: a group cell (审签) above its parts (审签人 | 职务), or cells merged downwards
            # (the merged row can only name what the two rows name); a part that names no column (姓名) under a
            # group cell that does (审签) is that column
            merged = [low if has_text(low) and (column_key(low) or not column_key(high)) else high
                      for high, low in zip_longest(rows[r], rows[r + 1], fillvalue="")]  # fmt: skip
            both = map_columns(merged, column_key)
            if is_header(both) and len(both) > max(len(candidate.columns) if candidate else 0, len(maps[r + 1])):
                candidate = Header(r, r + 1, both, merged)
        if candidate is not None and (best is None or len(candidate.columns) > len(best.columns)):
            best = candidate
    if best is not None:
        best.columns = _settle(best.texts, rows[best.last_row + 1 :])
    return best


def _settle(texts: list[object], below: list[list[object]]) -> dict[str, int]:
    """Key -> column of the header cells `texts`. Of two columns naming one key (类型 and 信息类别, 审核人 and
    签发人) the one with values below wins, then the one under the canonical name, then one not under a weak name
    (审核, often 同意 beside the 签发人's name), then the leftmost."""
    keys = [column_key(text) for text in texts]
    twice = {key for key in keys if key is not None and keys.count(key) > 1}
    filled = {c for row in below for c, v in enumerate(row) if has_text(v)} if twice else set()
    ranks: dict[str, tuple[bool, bool, bool, int]] = {}
    for c, key in enumerate(keys):
        name = header_key(str(texts[c]))
        rank = (c not in filled, name != _CANONICAL.get(key), name in _WEAK, c)
        if key is not None and rank <= ranks.get(key, rank):
            ranks[key] = rank
    return {key: rank[-1] for key, rank in ranks.items()}


def _data_like(value: object) -> bool:
    """A cell no header holds (a number, a date, a long title, 3月5日) but an article row does (紧急 is both)."""
    text = squash(clean_cell(value))
    return has_text(value) and (not isinstance(value, str) or not column_key(text) and (
        len(text) > 8 or any(ch.isdigit() for ch in text)))  # fmt: skip


def has_text(value: object) -> bool:
    return clean_cell(value) != ""


# --- labels above the header: 报送单位：…  报送月份：… ------------------------------------------------

def _label_pattern(aliases: Sequence[str]) -> str:
    return "|".join(re.escape(f) for f in sorted({nfkc(a) for a in aliases}, key=len, reverse=True))


_LABEL_WITH_COLON = re.compile(
    rf"(?P<unit>{_label_pattern(LABEL_UNIT_ALIASES)})|(?P<month>{_label_pattern(LABEL_MONTH_ALIASES)})"
)
_ANY_LABEL = re.compile(r"[\u4e00-\u9fff()（）]{2,10}\s*[:：]")
_TRAILING_NOISE = re.compile(r"[(（](盖章|章|签章|公章)[)）]$")
# labels that may follow a value in the same cell: 报送单位：岳阳县工信局 填表人：王芳 联系电话：…
_OTHER_LABELS = sorted(
    {nfkc(a) for a in (*LABEL_UNIT_ALIASES, *LABEL_MONTH_ALIASES)}
    | {"填报日期", "报送日期", "填表日期", "报送时间", "日期", "时间", "填表人", "填报人", "制表人", "报送人", "经办人",
       "联系人", "联系电话", "联系方式", "电话", "手机", "通讯员", "审核人", "审核", "审签人", "审签", "签发人", "签发",
       "负责人", "单位负责人", "邮箱", "传真"},
    key=len,
    reverse=True,
)
_STARTS_WITH_LABEL = re.compile(rf"\s*(?:{'|'.join(map(re.escape, _OTHER_LABELS))})\s*[:：]")  # 报送单位：(blank) 报送月份：…
_LABEL_KINDS = {**{squash(a): "month" for a in LABEL_MONTH_ALIASES}, **{squash(a): "unit" for a in LABEL_UNIT_ALIASES}}


def _label_kind(text: str) -> str | None:
    """'unit' or 'month' when the whole cell is a label (报送单位 / 报送月份：), else None."""
    return _LABEL_KINDS.get(squash(text).rstrip(":："))


def _cut_value(rest: str) -> str:
    """The value after a label, up to the next label in the same cell."""
    colon = re.search(r"[:：]", rest)
    if colon is None:
        return rest.strip()
    before = rest[: colon.start()].strip()
    for label in _OTHER_LABELS:
        if before.endswith(label):
            return before[: -len(label)].strip()
    # an unknown label after a space goes; one right after the value stays: the unit and the month are found inside
    return before.rsplit(maxsplit=1)[0] if before else ""


def labels_above(rows: list[list[object]]) -> tuple[dict[str, object], list[str]]:
    """Values of the unit and month labels above the header, and the label-free texts (the title rows)."""
    found: dict[str, object] = {}
    titles: list[str] = []
    for row in rows:
        cells = [(c, v) for c, v in enumerate(row) if has_text(v)]
        skip: set[int] = set()
        for i, (c, value) in enumerate(cells):
            if c in skip:
                continue
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            text = nfkc(clean_cell(value))
            kind = _label_kind(text)
            if kind is not None:
                if nxt is not None and _label_kind(clean_cell(nxt[1])) is None and not _STARTS_WITH_LABEL.match(nfkc(clean_cell(nxt[1]))):
                    found.setdefault(kind, nxt[1])
                    skip.add(nxt[0])
                continue
            colons = ((m, re.match(r"\s*[:：]", text[m.end() :])) for m in _LABEL_WITH_COLON.finditer(text))
            labels = [(match, colon) for match, colon in colons if colon]
            for match, colon in labels:
                kind = "unit" if match.group("unit") else "month"
                part: object = _TRAILING_NOISE.sub("", _cut_value(text[match.end() + colon.end() :])).strip()
                if not part and nxt is not None and not _ANY_LABEL.search(nfkc(clean_cell(nxt[1]))):
                    part = nxt[1]
                    skip.add(nxt[0])
                if part:
                    found.setdefault(kind, part)
            if labels:
                continue
            other = _ANY_LABEL.search(text)
            if other is not None:
                # some other label (填报日期：…): neither a title nor, when its value is the next cell, that value
                if not text[other.end() :].strip() and nxt is not None:
                    skip.add(nxt[0])
                continue
            titles.append(text)
    return found, titles
