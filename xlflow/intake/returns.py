"""Reading a unit's monthly workbook (信息报送登记表) as people really send it.

`read_unit_workbook(path, units, month_hint=, settings=)` opens the file through the intake
(`intake.workbook.open_book`: sniffing, safety limits, calamine) and returns a `UnitFile`: the resolved unit and
month, what became of every sheet (`UnitFile.sheets`), where each canonical column is, and the raw cached value of
every data row. It raises `InputFileError` with a code of `model.FILE_PROBLEMS` and a Chinese message naming the
file and what to do:

    F1 不是工作簿   F2 文件损坏   F3 设有密码   F5 找不到表头   F6 单位不明   F7 月份不符
    F10 文件过大   F11 缺少必填列

Every sheet with a header is read — a hidden one too, with a warning naming it — and every row down to the sheet's
last non-empty one, blank runs included. A sheet that is not read is listed with why (a help page, empty, no
header, another month's sheet); one that may hold articles also gets a warning (F12). A row with content that is not
an article, a footer or a prefilled template row is named (F14). What the reader copes with (SPEC §5):
- .xlsx .xlsm .xls .ods and WPS-saved files, sniffed by content, cached values never formulas, both date systems;
- an instructions sheet first, extra title rows, merged title cells, a header spread over two rows, columns in any
  order, header synonyms with decorations such as “信息标题（必填）” or line breaks;
- blank rows, note and footer rows (注：…, 填表人：…, 合计), a numbering row under the header, a repeated header,
  cells merged down several data rows (the value counts for every row of the merge);
- unit and month from, in order: labelled cells above the header (“报送单位：岳阳县工信局” in one cell, or label and
  value side by side), a 报送单位 column, the title rows, the file name (a month there may have no year: 2月份, 二月);
  the month otherwise from `month_hint`. A label or a file name naming two units is ambiguous (F6) unless the rows'
  报送单位 column names one. A file whose name or label says 补报, 补充 or 增补 is a supplement (`UnitFile.supplement`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from xlflow.core.dates import parse_date, parse_month, yearless_month
from xlflow.core.errors import InputFileError
from xlflow.core.model import WARNING, CellRefs, Finding, RawRow, SheetRead, UnitFile
from xlflow.core.periods import month_key
from xlflow.core.schema import (
    COLUMNS_BY_KEY,
    LABEL_MONTH_ALIASES,
    LABEL_UNIT_ALIASES,
    REPORT_COLUMNS,
    REPORT_HELP_SHEET,
)
from xlflow.core.text import clean_cell, column_letter, nfkc, squash
from xlflow.core.units import Unit, UnitTable
from xlflow.intake.folder import is_lock_file  # noqa: F401  (the readers' lock-file rule is the intake's)
from xlflow.intake.preflight import Limits
from xlflow.intake.workbook import Book, Sheet, open_book
from xlflow.settings import Settings

HEADER_SCAN_ROWS = 30  # the header is looked for in the top rows of each sheet
MAX_FILE_BYTES = 50 * 1024 * 1024  # a monthly report is a few hundred kB; beyond this something is wrong
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # zip bombs: declared size of all parts (pre-flight, with its other limits)
ROW_SLACK = 10_000  # rows read beyond the allowed articles, for blank and note rows between them
UNIT_COLUMN = "unit"  # a 报送单位 column: used to resolve the unit, not part of RawRow.values
REQUIRED_KEYS = ("date", "title", "category", "signer")
SUBSTANTIVE_KEYS = ("title", "date", "category", "body", "chars")  # a row with none of these is not an article
PREFILLED_KEYS = frozenset({"seq", "reporter", "channel", "urgency"})  # what a blank template row may hold
SUPPLEMENT = re.compile(r"补报|补充|增补")
_HELP_WORDS = re.compile(r"说明|示例|样表|注意事项|填表|填写要求")


# --- header recognition ------------------------------------------------------------------------------

_DECORATION = re.compile(r"[(\[【<《][^)\]】>》]*[)\]】>》]")
_STRIP_CHARS = "*※★☆●:：.。、_-"


@lru_cache(maxsize=8192)
def _header_key(text: str) -> str:
    """A header cell reduced to what the names in schema share: no spacing, brackets, stars or colons."""
    key = squash(clean_cell(text))
    key = _DECORATION.sub("", key)
    return key.strip(_STRIP_CHARS).lower()


@lru_cache(maxsize=8192)
def _squash_lower(text: str) -> str:
    return squash(text).lower()


def _build_header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in REPORT_COLUMNS:
        for name in (column.name, *column.aliases):
            index.setdefault(_header_key(name), column.key)
    for alias in LABEL_UNIT_ALIASES:
        index.setdefault(_header_key(alias), UNIT_COLUMN)
    index.pop("", None)
    return index


_HEADER_INDEX = _build_header_index()
_HEADER_CELL_MAX = 40  # longer cells are never header names (and NFKC on article bodies is the costly part)


def _cell_column(value: str) -> str | None:
    """The canonical key a header cell names, or None."""
    key = _HEADER_INDEX.get(_header_key(value))
    if key is None:
        # 信息标题（必填） loses its decoration above; "标题:" its colon; try the raw squash too
        key = _HEADER_INDEX.get(_squash_lower(value))
    if len(_CELL_COLUMNS) < _CELL_CACHE_MAX:
        _CELL_COLUMNS[value] = key
    return key


_CELL_COLUMNS: dict[str, str | None] = {}  # raw cell text -> _cell_column(text): one dict lookup per cell seen before
_CELL_CACHE_MAX = 1 << 16
_UNSEEN = object()


def _map_header(row: Sequence[object]) -> dict[str, int]:
    """Canonical key -> column index for the cells of `row` that are known header names (leftmost wins)."""
    found: dict[str, int] = {}
    seen = _CELL_COLUMNS.get
    for index, value in enumerate(row):
        if value.__class__ is not str or len(value) > _HEADER_CELL_MAX:  # type: ignore[arg-type]
            continue
        key = seen(value, _UNSEEN)  # type: ignore[call-overload]
        if key is _UNSEEN:
            key = _cell_column(value)  # type: ignore[arg-type]
        if key is not None and key not in found:
            found[key] = index
    return found


# Every name of the title column (信息标题, 标题, 稿件标题, 题目, 信息名称) holds 题 or 名, so a cell naming it holds one
# of these: 题, 名, or a character NFKC turns into one (tests/test_returns.py checks both against unicodedata). A
# 50,000-row sheet then looks for a pasted header row at C speed instead of normalising every title.
_TITLE_MARKS = frozenset("题名㈴㊔")


def _is_header(mapping: dict[str, int]) -> bool:
    return "title" in mapping and len(mapping) >= 3


@dataclass
class _Header:
    sheet_index: int
    sheet: str
    first_row: int  # 0-based index of the first header row
    last_row: int  # 0-based index of the last header row (data starts below)
    columns: dict[str, int]

    @property
    def score(self) -> int:
        return len(self.columns)


def _find_header(rows: list[list[object]], sheet_index: int, sheet: str) -> _Header | None:
    best: _Header | None = None
    maps = [_map_header(row) for row in rows[: HEADER_SCAN_ROWS + 1]]  # each row mapped once
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        mapping = maps[r]
        candidate = _Header(sheet_index, sheet, r, r, mapping) if _is_header(mapping) else None
        if r + 1 < len(rows):
            # a header over two rows: a group cell (审签) above its parts (审签人 | 职务), or cells merged downwards.
            # Every name the two rows together can show is a name of one of them: when those are too few for a
            # header, so is the merged row (the common case, article rows, skips building it)
            below = rows[r + 1]
            names = mapping.keys() | maps[r + 1].keys()
            if "title" not in names or len(names) < 3:
                if candidate is not None and (best is None or candidate.score > best.score):
                    best = candidate
                continue
            width = max(len(rows[r]), len(below))
            merged = [
                below[c] if c < len(below) and _has_text(below[c]) else (rows[r][c] if c < len(rows[r]) else "")
                for c in range(width)
            ]
            both = _map_header(merged)
            if _is_header(both) and (candidate is None or len(both) > candidate.score) and len(both) > len(maps[r + 1]):
                candidate = _Header(sheet_index, sheet, r, r + 1, both)
        if candidate is not None and (best is None or candidate.score > best.score):
            best = candidate
    return best


def _has_text(value: object) -> bool:
    """clean_cell(value) != "" (without building the cleaned text for ordinary cells)."""
    if value is None:
        return False
    if value.__class__ is str:
        text = value.strip()  # type: ignore[attr-defined]
        if not text:
            return False
        if text.isprintable():
            return True
    return clean_cell(value) != ""


# --- labels above the header: 报送单位：…  报送月份：… ------------------------------------------------

def _label_pattern(aliases: Sequence[str]) -> str:
    forms = sorted({nfkc(a) for a in aliases}, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


_UNIT_LABEL = _label_pattern(LABEL_UNIT_ALIASES)
_MONTH_LABEL = _label_pattern(LABEL_MONTH_ALIASES)
_LABEL_WITH_COLON = re.compile(rf"(?P<unit>{_UNIT_LABEL})|(?P<month>{_MONTH_LABEL})")
_ANY_LABEL = re.compile(r"[\u4e00-\u9fff()（）]{2,10}\s*[:：]")
_TRAILING_NOISE = re.compile(r"[(（](盖章|章|签章|公章)[)）]$")
# labels that may follow a value in the same cell: 报送单位：岳阳县工信局 填表人：王芳 联系电话：…
_OTHER_LABELS = tuple(
    sorted(
        {nfkc(a) for a in (*LABEL_UNIT_ALIASES, *LABEL_MONTH_ALIASES)}
        | {"填报日期", "报送日期", "填表日期", "日期", "填表人", "填报人", "制表人", "联系人", "联系电话", "电话",
           "通讯员", "审核人", "审签人", "签发人", "负责人", "单位负责人", "邮箱", "传真"},
        key=len,
        reverse=True,
    )
)


def _label_kind(text: str) -> str | None:
    """'unit' or 'month' when the whole cell is a label (报送单位 / 报送月份：), else None."""
    key = squash(text).rstrip(":：")
    if key in _UNIT_KEYS:
        return "unit"
    if key in _MONTH_KEYS:
        return "month"
    return None


_UNIT_KEYS = {squash(a) for a in LABEL_UNIT_ALIASES}
_MONTH_KEYS = {squash(a) for a in LABEL_MONTH_ALIASES}


def _cut_value(rest: str) -> str:
    """The value after a label, up to the next label in the same cell."""
    colon = re.search(r"[:：]", rest)
    if colon is None:
        return rest.strip()
    before = rest[: colon.start()].rstrip()
    for label in _OTHER_LABELS:
        if before.endswith(label):
            return before[: -len(label)].strip()
    if re.search(r"\s", before.strip()):
        return before.strip().rsplit(maxsplit=1)[0].strip()
    k, n = len(before), 0
    while k > 0 and n < 4 and "\u4e00" <= before[k - 1] <= "\u9fff":
        k, n = k - 1, n + 1
    return before[:k].strip()


def _labels(rows: list[list[object]]) -> tuple[dict[str, object], list[str]]:
    """Values of the unit and month labels above the header, and the label-free texts (the title rows)."""
    found: dict[str, object] = {}
    titles: list[str] = []
    for row in rows:
        cells = [(c, v) for c, v in enumerate(row) if _has_text(v)]
        skip: set[int] = set()
        for i, (c, value) in enumerate(cells):
            if c in skip:
                continue
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            text = nfkc(clean_cell(value)).replace("\u00a0", " ")
            kind = _label_kind(text)
            if kind is not None:
                if nxt is not None and _label_kind(clean_cell(nxt[1])) is None:
                    found.setdefault(kind, nxt[1])
                    skip.add(nxt[0])
                continue
            labelled = False
            for match in _LABEL_WITH_COLON.finditer(text):
                colon = re.match(r"\s*[:：]", text[match.end() :])
                if not colon:
                    continue
                labelled = True
                kind = "unit" if match.group("unit") else "month"
                part: object = _TRAILING_NOISE.sub("", _cut_value(text[match.end() + colon.end() :])).strip()
                if not part and nxt is not None and not _ANY_LABEL.search(nfkc(clean_cell(nxt[1]))):
                    part = nxt[1]
                    skip.add(nxt[0])
                if part:
                    found.setdefault(kind, part)
            if labelled:
                continue
            other = _ANY_LABEL.search(text)
            if other is not None:
                # some other label (填报日期：…): neither a title nor, when its value is the next cell, that value
                if not text[other.end() :].strip() and nxt is not None:
                    skip.add(nxt[0])
                continue
            titles.append(text)
    return found, titles


# --- months stated in text ---------------------------------------------------------------------------

_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RANGE = re.compile(r"(?P<y>\d{4})年(?P<a>\d{1,2})月?[-~至到—–](?P<b>\d{1,2})月")
_QUARTER = re.compile(r"(?P<y>\d{4})年?(?:第)?(?P<q>[一二三四1-4])季度?(?=$|[^\d])")
_QUARTER_Q = re.compile(r"(?P<y>\d{4})[-_]?Q(?P<q>[1-4])", re.IGNORECASE)
_COMPACT_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")
_YEARLESS_RANGE = re.compile(r"(?<!\d)(?P<a>\d{1,2})月?[-~至到—–](?P<b>\d{1,2})月")


_FULL_DATE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}[日号]?|\d{4}[-./]\d{1,2}[-./]\d{1,2}|(?<!\d)\d{8}(?!\d)|(?<!\d)\d{1,2}月\d{1,2}[日号]"
)


def _stated_months_loose(text: str, near: tuple[int, int] | None = None) -> tuple[int, tuple[int, ...]] | None:
    """A month a title row or file name states (2015年3月, 3月份, 二月, 2015.2, 201502). A full date there (20150402,
    2015年4月2日) is when the file was filled or sent, usually early the next month, so it says nothing about the
    report's month."""
    return _stated_months(_FULL_DATE.sub(" ", nfkc(text)), near)


def _stated_months(value: object, near: tuple[int, int] | None = None) -> tuple[int, tuple[int, ...]] | None:
    """(year, months) a text states: 2015年3月, 2015-03, 2015年1-3月, 2015年第一季度, 20150305; with `near` (the
    year and month the file is expected for) also 3月, 3月份, 二月 and 1-3月, in the year nearest to it. None when it
    states none."""
    if value is None:
        return None
    if not isinstance(value, str):
        ym = parse_month(value)
        return (ym[0], (ym[1],)) if ym else None
    text = squash(value)
    match = _RANGE.search(text)
    if match:
        y, a, b = int(match["y"]), int(match["a"]), int(match["b"])
        if 1990 <= y <= 2100 and 1 <= a <= b <= 12:
            return y, tuple(range(a, b + 1))
    ym = parse_month(text)
    if ym is not None:
        return ym[0], (ym[1],)
    for pattern in (_QUARTER, _QUARTER_Q):
        match = pattern.search(text)
        if match and 1990 <= int(match["y"]) <= 2100:
            q = _CN_QUARTER[match["q"]]
            return int(match["y"]), tuple(range(3 * q - 2, 3 * q + 1))
    match = _COMPACT_DATE.search(text)
    if match and 1990 <= int(match["y"]) <= 2100 and 1 <= int(match["m"]) <= 12:
        return int(match["y"]), (int(match["m"]),)
    if near is None:
        return None
    match = _YEARLESS_RANGE.search(text)
    if match and 1 <= int(match["a"]) <= int(match["b"]) <= 12:
        a, b = int(match["a"]), int(match["b"])
        return nearest_year(b, near), tuple(range(a, b + 1))
    month = yearless_month(text)
    if month is not None:
        return nearest_year(month, near), (month,)
    return None


def nearest_year(month: int, near: tuple[int, int]) -> int:
    """The year that puts `month` nearest to `near` (year, month): 12月 near 2015年1月 is December 2014."""
    year, near_month = near
    gap = month - near_month
    return year - 1 if gap > 6 else year + 1 if gap < -6 else year
# --- rows --------------------------------------------------------------------------------------------

_NOTE = re.compile(
    r"^(注[:\d一二三意①]|备注[:]|说明[:]|填表说明|填报说明|填表人|填报人|制表人|制表[:]|审核人[:]|审签人[:]|签发人[:]"
    r"|负责人[:]|单位负责人|联系人|联系电话|电话[:]|手机|合计|小计|总计|共计|以上|示例|填写示例|例[:])"
)


def _raw(value: object) -> object:
    """The cached value as read, with empty strings (and strings of only spaces) as None."""
    if isinstance(value, str):
        return value if value.strip() else None  # str.strip() also removes \u3000 and no-break spaces
    return value


def _is_numbering_row(cells: dict[int, object]) -> bool:
    """The 1 2 3 4 … row some forms put under the header."""
    numbers = []
    for value in cells.values():
        n = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if n is None and isinstance(value, str) and squash(value).isdigit():
            n = int(squash(value))
        if n is None or n != int(n):
            return False
        numbers.append(int(n))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _squashed_head(text: str) -> str:
    """The start of squash(text), enough for _NOTE (anchored, its words at most six characters): a 900-character
    正文 in the first column is not normalised whole for it."""
    if len(text) <= 64:
        return squash(text)
    head = squash(text[:64])
    return head if len(head) >= 16 else squash(text)


def _is_note(cells: dict[int, object], columns: dict[str, int]) -> bool:
    """A footer or note row: 注：…, 填表人：…, 合计, or one lone cell outside the title, date and body columns."""
    first = cells[min(cells)]
    if isinstance(first, str) and _NOTE.match(_squashed_head(first)):
        note = True
    elif len(cells) == 1:
        note = next(iter(cells)) not in {columns.get("title"), columns.get("date"), columns.get("body")}
    else:
        return False
    # a row with a readable date is an article whatever its first cell says (checked last: parsing costs most)
    date_col = columns.get("date")
    return note and not (date_col is not None and date_col in cells and parse_date(cells[date_col], 2000).value is not None)


def _fill_merged(rows: list[list[object]], merged: Sequence[tuple[int, int, int, int]], start: int) -> None:
    """Copy the value of a cell merged down several data rows into each row of the merge (its first column only:
    a merge across columns is one cell, so a merged footer does not become a row full of copies)."""
    for r0, c0, r1, _c1 in merged:
        if r1 <= r0 or r1 < start or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(max(r0 + 1, start), min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 < len(row) and not _has_text(row[c0]):
                row[c0] = value


# --- the reader ---


def _limits(settings: Settings) -> Limits:
    """Pre-flight's limits with this reader's own file and unzipped-size caps (read when called)."""
    return Limits(max_file_bytes=MAX_FILE_BYTES, max_total_bytes=MAX_UNZIPPED_BYTES, max_entry_bytes=MAX_UNZIPPED_BYTES)


def _refuse(code: str, message: str) -> InputFileError:
    return InputFileError(message, code=code)


def read_unit_workbook(
    path: Path,
    units: UnitTable,
    *,
    month_hint: str | None,
    settings: Settings,
    name: str | None = None,
    raw_name: bytes = b"",
    other_month_ok: bool = False,
) -> UnitFile:
    """Read one unit's monthly workbook; raise InputFileError (code F1…F11) when it cannot be used.

    `name` is the file as shown (its path relative to the folder read); a file whose month is not `month_hint` is
    refused F7 unless `other_month_ok` (the caller then sorts it out)."""
    path = Path(path)
    book = open_book(path, name=name, limits=_limits(settings), max_rows=settings.max_rows_per_sheet + ROW_SLACK)
    return read_unit_book(book, units, month_hint=month_hint, settings=settings, raw_name=raw_name, other_month_ok=other_month_ok)


@dataclass
class _DataSheet:
    """A sheet with a header: what is above it and the rows below it."""

    sheet: Sheet
    header: _Header
    labels: dict[str, object]
    titles: list[str]
    rows: list[RawRow]
    unit_values: list[str]
    skipped_rows: list[Finding]
    read: SheetRead


def read_unit_book(
    book: Book,
    units: UnitTable,
    *,
    month_hint: str | None,
    settings: Settings,
    raw_name: bytes = b"",
    other_month_ok: bool = False,
) -> UnitFile:
    """The UnitFile of a workbook already opened by the intake (see read_unit_workbook)."""
    name = book.name
    reports: list[SheetRead] = []
    found: list[tuple[Sheet, _Header]] = []
    for sheet in book.sheets:
        if sheet.chart:
            reports.append(SheetRead(sheet.name, False, "图表", hidden=not sheet.visible))
        elif sheet.empty:
            reports.append(SheetRead(sheet.name, False, "空白", hidden=not sheet.visible))
        else:
            header = _find_header(sheet.rows[: HEADER_SCAN_ROWS + 1], sheet.index, sheet.name)
            if header is None:
                help_page = _is_help_sheet(sheet)
                why = "说明页" if help_page else f"前 {HEADER_SCAN_ROWS} 行找不到表头"
                reports.append(SheetRead(sheet.name, False, why, hidden=not sheet.visible, notable=not help_page))
            else:
                found.append((sheet, header))
                reports.append(SheetRead(sheet.name, True, hidden=not sheet.visible))
    if not found:
        listed = "、".join(f"“{s.name}”" for s in book.sheets if not s.chart) or "（无）"
        raise _refuse(
            "F5",
            f"{name}：在工作表 {listed} 的前 {HEADER_SCAN_ROWS} 行找不到表头（需要“信息标题”“报送日期”“审签人”等列名）："
            "请使用下发的信息报送登记表模板，保留表头行后重新报送",
        )

    data: list[_DataSheet] = []
    incomplete: list[str] = []
    for sheet, header in found:
        report = next(r for r in reports if r.name == sheet.name and r.read and r.header_row is None)
        missing = _missing_columns(header.columns)
        if missing:
            report.read, report.notable = False, True
            report.why = f"第 {header.last_row + 1} 行的表头缺少必填列 {missing}"
            incomplete.append(f"工作表“{sheet.name}”第 {header.last_row + 1} 行的表头缺少必填列 {missing}")
            continue
        data.append(_read_sheet(book, sheet, header, report, settings))
    if not data:
        raise _refuse("F11", f"{name}：{'；'.join(incomplete)}：请按下发的模板补上这些列并填写后重新报送")

    near = _near(month_hint, settings)
    month, source, said, stated = _resolve_month(book, data, near, month_hint)
    year, number = int(month[:4]), int(month[5:])
    for sheet_data in data:
        own = stated.get(sheet_data.sheet.name)
        if own is not None and not (own[0] == year and number in own[1]):
            sheet_data.read.read, sheet_data.read.notable = False, True
            sheet_data.read.why = f"这张表写的是{_months_text(own)}，不是{year}年{number}月"
    data = [d for d in data if d.read.read]
    if month_hint and month != month_hint and not other_month_ok:
        hint = _near(month_hint, settings)
        raise _refuse(
            "F7",
            f"{name}：{source}写的是 {_months_text(said or (year, (number,)))}，本次汇总的是 {hint[0]}年{hint[1]}月："
            "请放入对应月份的文件夹另行汇总；如填错了，请改正报送月份后重新报送",
        )

    unit, conflict = _resolve_unit(name, units, data, settings)
    findings: list[Finding] = []
    if conflict:
        findings.append(Finding(name, "", None, "报送单位", "", "F6", WARNING, conflict, unit.name, month))
    for report in reports:
        if report.read and report.hidden:
            report.why = "隐藏的工作表"
            findings.append(Finding(name, report.name, None, "", "", "F13", WARNING,
                                    f"{name}：工作表“{report.name}”是隐藏的，其中的信息已一并读取：如不应报送，请删除该工作表后重新报送",
                                    unit.name, month))  # fmt: skip
        elif not report.read and report.notable:
            findings.append(Finding(name, report.name, None, "", "", "F12", WARNING,
                                    f"{name}：工作表“{report.name}”未读取（{report.why}）：如其中有要报送的信息，请移到信息报送登记表中重新报送",
                                    unit.name, month))  # fmt: skip
    rows = [row for d in data for row in d.rows]
    for d in data:
        findings.extend(replace_unit_month(f, unit.name, month) for f in d.skipped_rows)
    if not rows:
        findings.append(
            Finding(name, "", None, "", "", "F9", WARNING,
                    f"{name}：表头下没有填写任何信息：如本月有信息，请逐行填写后重新报送", unit.name, month)
        )  # fmt: skip
    texts = [name, *(t for d in data for t in d.titles), *(str(v) for d in data for v in d.labels.values())]
    return UnitFile(
        path=book.path,
        sha256=book.sha256,
        mtime=book.mtime,
        unit=unit.name,
        month=month,
        sheets=reports,
        rows=rows,
        findings=findings,
        name=name,
        raw_name=raw_name,
        date1904=book.date1904,
        supplement=any(SUPPLEMENT.search(squash(t)) for t in texts),
        month_source=source,
    )


def replace_unit_month(finding: Finding, unit: str, month: str) -> Finding:
    import dataclasses

    return dataclasses.replace(finding, unit=unit, month=month)


def _missing_columns(columns: dict[str, int]) -> str:
    missing = [COLUMNS_BY_KEY[k].name for k in REQUIRED_KEYS if k not in columns]
    if "body" not in columns and "chars" not in columns:
        missing.append("正文或字数")
    return "、".join(missing)


def _is_help_sheet(sheet: Sheet) -> bool:
    """A page of instructions (填表说明 …), as the template and many units put beside the form."""
    if sheet.name == REPORT_HELP_SHEET or _HELP_WORDS.search(sheet.name):
        return True
    head = " ".join(clean_cell(v) for row in sheet.rows[:3] for v in row if v is not None)
    return bool(_HELP_WORDS.search(head))


def _read_sheet(book: Book, sheet: Sheet, header: _Header, report: SheetRead, settings: Settings) -> _DataSheet:
    rows = sheet.rows
    start = header.last_row + 1
    if sheet.truncated:
        raise _too_many(book.name, sheet.name, settings)
    _fill_merged(rows, sheet.merged, start)
    raw_rows, unit_values, skipped = _data_rows(rows, start, header.columns, settings, book.name, sheet.name)
    labels, titles = _labels(rows[: header.first_row])
    report.header_row = header.last_row + 1
    report.columns = {k: column_letter(c) for k, c in header.columns.items() if k != UNIT_COLUMN}
    report.rows = len(raw_rows)
    if raw_rows:
        report.first_row, report.last_row = raw_rows[0].row, raw_rows[-1].row
    return _DataSheet(sheet, header, labels, titles, raw_rows, unit_values, skipped, report)


def _too_many(name: str, sheet: str, settings: Settings) -> InputFileError:
    return _refuse(
        "F10",
        f"{name}：工作表“{sheet}”的信息超过 {settings.max_rows_per_sheet} 行，过多，无法安全读取："
        "请核对是否误粘贴了大量内容，删除多余行后重新报送",
    )


def _data_rows(
    rows: list[list[object]], start: int, columns: dict[str, int], settings: Settings, name: str, sheet: str
) -> tuple[list[RawRow], list[str], list[Finding]]:
    """The article rows below the header (to the sheet's last row), the 报送单位 column's values, and a finding for
    each row with content that is neither an article nor a footer nor a prefilled template row."""
    keys = {k: c for k, c in columns.items() if k != UNIT_COLUMN}
    key_columns = list(keys.items())
    letters = {k: column_letter(c) for k, c in key_columns}
    by_column = {c: k for k, c in keys.items()}
    title_col = columns["title"]
    unit_col = columns.get(UNIT_COLUMN)
    out: list[RawRow] = []
    unit_values: list[str] = []
    skipped: list[Finding] = []
    for r in range(start, len(rows)):
        row = rows[r]
        # the non-blank cells (what _raw keeps), inline: this loop runs once per row of every file
        cells = {c: v for c, v in enumerate(row) if v is not None and (not isinstance(v, str) or v.strip())}
        if not cells:
            continue
        if r == start and _is_numbering_row(cells):
            continue
        if _is_note(cells, columns):
            first = cells[min(cells)]
            if not (isinstance(first, str) and _NOTE.match(_squashed_head(first))) and not _prefilled(cells, by_column):
                skipped.append(_skipped_row(name, sheet, r + 1, cells, by_column))
            continue
        title_cell = row[title_col] if title_col < len(row) else None
        if (
            title_cell.__class__ is str
            and len(title_cell) <= _HEADER_CELL_MAX  # type: ignore[arg-type]
            and not _TITLE_MARKS.isdisjoint(title_cell)  # type: ignore[arg-type]
            and _HEADER_INDEX.get(_header_key(title_cell)) == "title"  # type: ignore[arg-type]
            and _is_header(_map_header(row))
        ):
            continue  # the header pasted again
        values = {k: cells.get(c) for k, c in key_columns}  # = _raw(row[c]), None beyond the row's end
        if all(values.get(k) is None for k in SUBSTANTIVE_KEYS):
            if not _prefilled(cells, by_column):
                skipped.append(_skipped_row(name, sheet, r + 1, cells, by_column))
            continue
        if len(out) >= settings.max_rows_per_sheet:
            raise _too_many(name, sheet, settings)
        out.append(RawRow(r + 1, values, CellRefs(letters, r + 1), sheet))
        if unit_col is not None and unit_col < len(row) and _has_text(row[unit_col]):
            unit_values.append(clean_cell(row[unit_col]))
    return out, unit_values, skipped


def _prefilled(cells: dict[int, object], by_column: dict[int, str]) -> bool:
    """Only what a blank template row holds: 序号, the correspondent, 报送方式, 紧急程度, or a column without a name."""
    return all(by_column.get(c) in PREFILLED_KEYS or c not in by_column and not _has_text(v) for c, v in cells.items())


def _skipped_row(name: str, sheet: str, row: int, cells: dict[int, object], by_column: dict[int, str]) -> Finding:
    filled = "、".join(
        COLUMNS_BY_KEY[by_column[c]].name if c in by_column else f"{column_letter(c)} 列" for c in sorted(cells)
    )
    return Finding(
        name, sheet, row, "", "", "F14", WARNING,
        f"第 {row} 行只填了 {filled}，没有信息标题、报送日期和正文，未作为信息读取：如是一条信息，请在同一行补全后重新报送",
    )  # fmt: skip


# --- month and unit ----------------------------------------------------------------------------------


def _near(month_hint: str | None, settings: Settings) -> tuple[int, int]:
    if month_hint:
        return int(month_hint[:4]), int(month_hint[5:7])
    return settings.year, 6


def _months_text(stated: tuple[int, tuple[int, ...]]) -> str:
    year, months = stated
    return f"{year}年{months[0]}月" if len(months) == 1 else f"{year}年{months[0]}-{months[-1]}月"


def _sheet_month(d: _DataSheet, near: tuple[int, int]) -> tuple[tuple[int, tuple[int, ...]], str] | None:
    label = d.labels.get("month")
    if label is not None:
        stated = _stated_months(label, near)
        if stated is not None:
            return stated, "“报送月份”"
    for text in d.titles:
        stated = _stated_months_loose(text, near)
        if stated is not None:
            return stated, "表格标题"
    return None


Stated = tuple[int, tuple[int, ...]]  # (year, months) a text states


def _resolve_month(
    book: Book, data: Sequence[_DataSheet], near: tuple[int, int], month_hint: str | None
) -> tuple[str, str, Stated | None, dict[str, Stated]]:
    """The file's month, where it was read, what that place said, and the month each sheet states. The sheets
    decide (a sheet stating the month asked for first); then the file name; then the month asked for."""
    stated: dict[str, Stated] = {}
    sources: dict[str, str] = {}
    for d in data:
        found = _sheet_month(d, near)
        if found is not None:
            stated[d.sheet.name], sources[d.sheet.name] = found
    hint = (int(month_hint[:4]), int(month_hint[5:7])) if month_hint else None
    if hint is not None:
        for sheet, (year, months) in stated.items():
            if year == hint[0] and hint[1] in months:
                return month_key(*hint), sources[sheet], stated[sheet], stated
    if stated:
        sheet, (year, months) = next(iter(stated.items()))
        return month_key(year, months[-1]), sources[sheet], stated[sheet], stated
    from_name = _stated_months_loose(Path(book.name).stem, near)
    if from_name is not None:
        year, months = from_name
        if hint is not None and year == hint[0] and hint[1] in months:
            return month_key(*hint), "文件名", from_name, stated
        return month_key(year, months[-1]), "文件名", from_name, stated
    if hint is None:
        raise _refuse("F7", f"{book.name}：看不出报送月份：请在表格上方填写“报送月份：2015年3月”，或汇总时用 --month 指定月份")
    return month_key(*hint), "", None, stated


def _units_in(units: UnitTable, text: object, settings: Settings) -> list[Unit]:
    """The units a text names (several when it names several); the office that receives the returns is left out
    when another unit is named too (经济运行科报综合法规科)."""
    value = clean_cell(text)
    if not value:
        return []
    exact = units.resolve(value)
    if exact is not None:
        return [exact]
    named = units.find_all(value)
    if len(named) > 1:
        named = [u for u in named if u.name != settings.coordinator] or named
    return named


def _resolve_unit(name: str, units: UnitTable, data: Sequence[_DataSheet], settings: Settings) -> tuple[Unit, str]:
    """The unit, from the labels, the 报送单位 column, the title rows, the file name — in that order; F6 when none
    names one, or when a label or the file name names several and no 报送单位 column settles it; and a warning when
    the file name names another unit."""
    labels = [d.labels["unit"] for d in data if "unit" in d.labels]
    label_units = list(dict.fromkeys(u for v in labels for u in _units_in(units, v, settings)))
    column = [v for d in data for v in d.unit_values]
    column_units = Counter(u.name for v in column for u in _units_in(units, v, settings)[:1])
    named = _units_in(units, Path(name).stem, settings)
    unit: Unit | None = None
    if len(column_units) > 1:
        listed = "、".join(column_units)
        raise _refuse("F6", f"{name}：“报送单位”列中有多个单位（{listed}）：请每个单位单独报送一个文件")
    settled = units.by_name(next(iter(column_units))) if column_units else None
    if label_units:
        if len(label_units) == 1:
            unit = label_units[0]
        elif settled is not None:
            unit = settled
        else:
            listed = "、".join(u.name for u in label_units)
            raise _refuse("F6", f"{name}：“报送单位”写了几个单位（{listed}），看不出是哪个单位报送的：请每个单位单独报送一个文件")
    elif labels:
        if settled is None:
            raise _refuse(
                "F6",
                f"{name}：“报送单位”填写的“{clean_cell(labels[0])}”不在任务分配表中："
                "请改为任务分配表中的单位名称；如是简称，请在任务分配表“别名”列补充后重新汇总",
            )
        unit = settled
    elif settled is not None:
        unit = settled
    elif column:
        raise _refuse(
            "F6",
            f"{name}：“报送单位”列填写的“{column[0]}”不在任务分配表中："
            "请改为任务分配表中的单位名称；如是简称，请在任务分配表“别名”列补充",
        )
    if unit is None:
        for d in data:
            for text in d.titles:
                titled = _units_in(units, text, settings)
                if len(titled) == 1:
                    unit = titled[0]
                    break
            if unit is not None:
                break
    if unit is None:
        if len(named) > 1:
            listed = "、".join(u.name for u in named)
            raise _refuse(
                "F6",
                f"{name}：文件名中有几个单位（{listed}），表格上方也没有“报送单位”：看不出是哪个单位报送的。"
                "请每个单位单独报送一个文件，或在表格上方填写“报送单位：单位名称”后重新报送",
            )
        unit = named[0] if named else None
    if unit is None:
        raise _refuse(
            "F6",
            f"{name}：看不出是哪个单位报送的（表头上方没有“报送单位”，文件名中也没有单位名称）："
            "请在表格上方填写“报送单位：单位名称”，或把文件名改为“单位名称_2015年03月.xlsx”后重新报送",
        )
    conflict = ""
    if len(named) == 1 and named[0] != unit:
        conflict = (
            f"{name}：文件名是“{named[0].name}”，表内报送单位是“{unit.name}”：已按“{unit.name}”计入，"
            "如不对请改正后重新报送"
        )
    return unit, conflict
