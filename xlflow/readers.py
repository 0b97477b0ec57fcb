"""Reading a unit's monthly workbook (信息报送登记表) as people really send it. The only code that opens one.

`read_unit_workbook(path, units, month_hint=, settings=)` returns a `UnitFile`: the resolved unit and month, the
sheet and header row it found, where each canonical column is, and the raw cached value of every data row. It
raises `InputFileError` with a code of `model.FILE_PROBLEMS` and a Chinese message naming the file and what to do:

    F1 不是工作簿   F2 文件损坏   F3 设有密码   F5 找不到表头   F6 单位不明   F7 月份不符
    F10 文件过大   F11 缺少必填列

What the reader copes with (SPEC §5):
- .xlsx .xlsm .xls .ods and WPS-saved files, sniffed by content (an .xlsx renamed .xls still reads), through
  python-calamine, which gives cached values and never formulas;
- an instructions sheet first, hidden sheets (skipped), extra title rows, merged title cells, a header spread over
  two rows, columns in any order, header synonyms with decorations such as “信息标题（必填）” or line breaks;
- blank rows, note and footer rows (注：…, 填表人：…, 合计), a numbering row under the header, a repeated header,
  cells merged down several data rows (the value counts for every row of the merge);
- unit and month from, in order: labelled cells above the header (“报送单位：岳阳县工信局” in one cell, or label and
  value side by side), a 报送单位 column, the title rows, the file name; the month otherwise from `month_hint`.

File-level warnings that do not refuse the file (the label and the file name name different units, no data rows)
are kept in `UnitFile.findings`.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import Settings
from .dates import parse_date, parse_month
from .errors import InputFileError
from .model import WARNING, CellRefs, Finding, RawRow, UnitFile
from .periods import month_key
from .preflight import PASSWORD, ChildFailed, Limits, check_input, run_limited
from .schema import LABEL_MONTH_ALIASES, LABEL_UNIT_ALIASES, REPORT_COLUMNS
from .textnorm import clean_cell, column_letter, nfkc, squash
from .units import Unit, UnitTable

HEADER_SCAN_ROWS = 30  # the header is looked for in the top rows of each visible sheet
BLANK_RUN_STOP = 100  # this many blank rows in a row end the data
MAX_FILE_BYTES = 50 * 1024 * 1024  # a monthly report is a few hundred kB; beyond this something is wrong
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # zip bombs: declared size of all parts (pre-flight, with its other limits)
UNIT_COLUMN = "unit"  # a 报送单位 column: used to resolve the unit, not part of RawRow.values
REQUIRED_KEYS = ("date", "title", "category", "signer")
SUBSTANTIVE_KEYS = ("title", "date", "category", "body", "chars")  # a row with none of these is not a data row

_LOCK_PREFIXES = ("~$", ".~lock.")

FIX_SAVE_AS = "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再报送"


def is_lock_file(path: Path) -> bool:
    """An Excel/WPS owner file (~$name.xlsx) or a LibreOffice lock (.~lock.name.xlsx#): never a report."""
    return path.name.startswith(_LOCK_PREFIXES)


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
# of these: 题, 名, or a character NFKC turns into one (tests/test_readers.py checks both against unicodedata). A
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
_YEARLESS = re.compile(r"(?<![\d.])(?P<m>\d{1,2})月")


_FULL_DATE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}[日号]?|\d{4}[-./]\d{1,2}[-./]\d{1,2}|(?<!\d)\d{8}(?!\d)|(?<!\d)\d{1,2}月\d{1,2}[日号]"
)


def _stated_months_loose(text: str) -> tuple[int, tuple[int, ...]] | None:
    """A month a title row or file name states. A full date there (20150402, 2015年4月2日) is when the file was
    filled or sent, usually early the next month, so it says nothing about the report's month."""
    return _stated_months(_FULL_DATE.sub(" ", nfkc(text)))


def _stated_months(value: object, default_year: int | None = None) -> tuple[int, tuple[int, ...]] | None:
    """(year, months) a text states: 2015年3月, 2015-03, 2015年1-3月, 2015年第一季度, 20150305; with
    `default_year` also 3月 and 1-3月. None when it states none."""
    if value is None:
        return None
    if not isinstance(value, str):
        ym = parse_month(value)
        return (ym[0], (ym[1],)) if ym else None
    text = squash(value)
    for pattern in (_RANGE,):
        match = pattern.search(text)
        if match:
            y, a, b = int(match["y"]), int(match["a"]), int(match["b"])
            if 1990 <= y <= 2100 and 1 <= a <= b <= 12:
                return y, tuple(range(a, b + 1))
    ym = parse_month(text)
    if ym is None:
        for pattern in (_QUARTER, _QUARTER_Q):
            match = pattern.search(text)
            if match and 1990 <= int(match["y"]) <= 2100:
                q = _CN_QUARTER[match["q"]]
                return int(match["y"]), tuple(range(3 * q - 2, 3 * q + 1))
        match = _COMPACT_DATE.search(text)
        if match and 1990 <= int(match["y"]) <= 2100 and 1 <= int(match["m"]) <= 12:
            return int(match["y"]), (int(match["m"]),)
    if ym is not None:
        return ym[0], (ym[1],)
    if default_year is not None:
        match = _YEARLESS_RANGE.search(text)
        if match and 1 <= int(match["a"]) <= int(match["b"]) <= 12:
            return default_year, tuple(range(int(match["a"]), int(match["b"]) + 1))
        match = _YEARLESS.search(text)
        if match and 1 <= int(match["m"]) <= 12:
            return default_year, (int(match["m"]),)
    return None


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


def _fill_merged(rows: list[list[object]], merged: object, start: int) -> None:
    """Copy the value of a cell merged down several data rows into each row of the merge (its first column only:
    a merge across columns is one cell, so a merged footer does not become a row full of copies)."""
    if not isinstance(merged, list):
        return
    for (r0, c0), (r1, _c1) in merged:
        if r1 <= r0 or r1 < start or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(max(r0 + 1, start), min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 < len(row) and not _has_text(row[c0]):
                row[c0] = value


# --- opening the file --------------------------------------------------------------------------------

def _refuse(code: str, message: str) -> InputFileError:
    return InputFileError(message, code=code)


def _limits() -> Limits:
    """Pre-flight's limits with this reader's own file and unzipped-size caps (read when called)."""
    return Limits(max_file_bytes=MAX_FILE_BYTES, max_total_bytes=MAX_UNZIPPED_BYTES, max_entry_bytes=MAX_UNZIPPED_BYTES)


def _calamine_failed(name: str, exc: BaseException) -> InputFileError:
    """calamine's error (or panic) on a file pre-flight let through, as the unit's refusal line."""
    if isinstance(exc, MemoryError):
        return _refuse("F10", f"{name}：文件读取时需要的内存过多，无法安全读取：请只保留信息报送登记表，另存为新文件后再报送")
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return _refuse("F3", f"{name}：{PASSWORD}")
    return _refuse("F2", f"{name}：文件已损坏，无法读取：{FIX_SAVE_AS}，或重新发送原文件")


def _open_book(path: Path, data: bytes) -> object:
    """A calamine workbook from the bytes, or InputFileError with the file-level code.

    Pre-flight decides first (preflight.check_input: what the file really is, zip bombs, DTDs, passwords, and how
    far each visible sheet's values reach, so calamine never allocates a grid that aborts the process). ODS and
    XLSB, which pre-flight does not measure, are read whole in a child process with a memory cap
    (preflight.run_limited, ~7 ms a file). calamine's panics derive from BaseException: they become F2 too.
    """
    from python_calamine import CalamineWorkbook, PasswordError

    kind = check_input(path, data=data, limits=_limits())
    if kind in ("ods", "xlsb"):
        try:
            return _Materialized(run_limited(_materialize, data, max_memory_mb=2048, timeout_s=120, name=path.name))
        except ChildFailed as exc:
            raise _calamine_failed(path.name, Exception(str(exc))) from exc
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError as exc:
        raise _refuse("F3", f"{path.name}：{PASSWORD}") from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # calamine raises several kinds for a broken file, and panics (BaseException)
        raise _calamine_failed(path.name, exc) from exc


def _materialize(data: bytes) -> list[tuple[str, str, str, list[list[object]], object, object]]:
    """In the child process: every sheet the reader may look at, read whole (name, visible, type, rows, end, merged)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    metadata = {m.name: m for m in (getattr(book, "sheets_metadata", None) or [])}
    out = []
    for index, name in _visible_sheets(book):
        sheet = book.get_sheet_by_index(index)
        meta = metadata.get(name)
        visible, typ = str(getattr(meta, "visible", "Visible")), str(getattr(meta, "typ", "WorkSheet"))
        out.append((name, visible, typ, sheet.to_python(skip_empty_area=False), sheet.end, sheet.merged_cell_ranges))
    return out


@dataclass
class _Sheet:
    """A sheet read in the child process, answering what the reader asks of a calamine sheet."""

    name: str
    visible: str
    typ: str
    rows: list[list[object]]
    end: object
    merged_cell_ranges: object

    def to_python(self, skip_empty_area: bool = False, nrows: int | None = None) -> list[list[object]]:
        return self.rows if nrows is None else self.rows[:nrows]


class _Materialized:
    """A workbook read in the child process (ODS, XLSB), answering what the reader asks of a calamine workbook."""

    def __init__(self, sheets: list[tuple[str, str, str, list[list[object]], object, object]]) -> None:
        self.sheets = [_Sheet(*sheet) for sheet in sheets]
        self.sheets_metadata = self.sheets
        self.sheet_names = [s.name for s in self.sheets]

    def get_sheet_by_index(self, index: int) -> _Sheet:
        return self.sheets[index]


def _visible_sheets(book: object) -> list[tuple[int, str]]:
    sheets: list[tuple[int, str]] = []
    metadata = getattr(book, "sheets_metadata", None) or []
    for index, meta in enumerate(metadata):
        visible = str(getattr(meta, "visible", "Visible"))
        typ = str(getattr(meta, "typ", "WorkSheet"))
        if visible.endswith("Visible") and not visible.endswith("eryHidden") and "WorkSheet" in typ:
            sheets.append((index, meta.name))
    if not sheets:
        sheets = list(enumerate(book.sheet_names))  # type: ignore[attr-defined]
    return sheets


# --- the reader --------------------------------------------------------------------------------------

def read_unit_workbook(path: Path, units: UnitTable, *, month_hint: str | None, settings: Settings) -> UnitFile:
    """Read one unit's monthly workbook; raise InputFileError (code F1…F11) when it cannot be used."""
    path = Path(path)
    name = path.name
    try:
        stat = path.stat()
    except OSError as exc:
        raise _refuse("F2", f"{name}：无法打开（{exc.strerror}）：请确认文件还在且没有被其他程序占用") from exc
    if stat.st_size > MAX_FILE_BYTES:
        mb = stat.st_size / 1024 / 1024
        raise _refuse("F10", f"{name}：文件有 {mb:.0f} MB，过大：请删除图片和多余的工作表，只保留信息报送登记表后再报送")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse("F2", f"{name}：无法读取（{exc.strerror}）：请关闭正在打开它的程序后重试") from exc
    book = _open_book(path, data)

    header: _Header | None = None
    candidates: dict[int, object] = {}
    try:
        for index, sheet_name in _visible_sheets(book):
            sheet = book.get_sheet_by_index(index)  # type: ignore[attr-defined]
            top = sheet.to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS + 1)
            found = _find_header(top, index, sheet_name)
            if found is not None and (header is None or found.score > header.score):
                header, candidates[index] = found, sheet
        if header is None:
            sheets = "、".join(f"“{s}”" for _, s in _visible_sheets(book))
            raise _refuse(
                "F5",
                f"{name}：在工作表 {sheets} 的前 {HEADER_SCAN_ROWS} 行找不到表头（需要“信息标题”“报送日期”“审签人”等列名）："
                "请使用下发的信息报送登记表模板，保留表头行后重新报送",
            )
        sheet = candidates[header.sheet_index]
        # room for the allowed rows plus blank and note rows between them; more than that is never read
        limit = header.last_row + 1 + settings.max_rows_per_sheet + BLANK_RUN_STOP + 1000
        rows = sheet.to_python(skip_empty_area=False, nrows=limit)  # type: ignore[attr-defined]
        end = getattr(sheet, "end", None)
        unread = bool(end) and end[0] + 1 > len(rows)
        merged = getattr(sheet, "merged_cell_ranges", None)
    except InputFileError:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # calamine's panics (pyo3 PanicException) derive from BaseException
        raise _calamine_failed(name, exc) from exc

    columns = header.columns
    missing = [key for key in REQUIRED_KEYS if key not in columns]
    if "body" not in columns and "chars" not in columns:
        missing.append("body")
    if missing:
        from .schema import COLUMNS_BY_KEY

        names = "、".join("正文或字数" if k == "body" else COLUMNS_BY_KEY[k].name for k in missing)
        raise _refuse(
            "F11",
            f"{name}：工作表“{header.sheet}”第 {header.last_row + 1} 行的表头缺少必填列 {names}："
            "请按下发的模板补上这些列并填写后重新报送",
        )

    data_start = header.last_row + 1
    _fill_merged(rows, merged, data_start)
    raw_rows, unit_values = _data_rows(rows, data_start, columns, settings, name, header.sheet, unread)

    labels, title_texts = _labels(rows[: header.first_row])
    unit, conflict = _resolve_unit(name, path, units, labels, unit_values, title_texts)
    month = _resolve_month(name, path, labels, title_texts, month_hint, settings)
    findings: list[Finding] = []
    if conflict:
        findings.append(Finding(name, header.sheet, None, "报送单位", "", "F6", WARNING, conflict, unit.name, month))
    if not raw_rows:
        findings.append(
            Finding(name, header.sheet, None, "", "", "F9", WARNING,
                    f"{name}：表头下没有填写任何信息：如本月有信息，请逐行填写后重新报送", unit.name, month)
        )
    return UnitFile(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        mtime=stat.st_mtime,
        unit=unit.name,
        month=month,
        sheet=header.sheet,
        header_row=header.last_row + 1,
        columns={k: column_letter(c) for k, c in columns.items() if k != UNIT_COLUMN},
        rows=raw_rows,
        findings=findings,
    )


def _data_rows(
    rows: list[list[object]],
    start: int,
    columns: dict[str, int],
    settings: Settings,
    name: str,
    sheet: str,
    unread: bool = False,
) -> tuple[list[RawRow], list[str]]:
    too_many = _refuse(
        "F10",
        f"{name}：工作表“{sheet}”的信息超过 {settings.max_rows_per_sheet} 行，过多，无法安全读取："
        "请核对是否误粘贴了大量内容，删除多余行后重新报送",
    )
    keys = {k: c for k, c in columns.items() if k != UNIT_COLUMN}
    key_columns = list(keys.items())
    letters = {k: column_letter(c) for k, c in key_columns}
    title_col = columns["title"]
    unit_col = columns.get(UNIT_COLUMN)
    out: list[RawRow] = []
    unit_values: list[str] = []
    blank_run = 0
    ended = False
    for r in range(start, len(rows)):
        row = rows[r]
        # the non-blank cells (what _raw keeps), inline: this loop runs once per row of every file
        cells = {c: v for c, v in enumerate(row) if v is not None and (not isinstance(v, str) or v.strip())}
        if not cells:
            blank_run += 1
            if blank_run >= BLANK_RUN_STOP:
                ended = True
                break
            continue
        blank_run = 0
        if _is_note(cells, columns) or (r == start and _is_numbering_row(cells)):
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
            continue  # only prefilled cells (序号, 报送方式 …)
        if len(out) >= settings.max_rows_per_sheet:
            raise too_many
        out.append(RawRow(r + 1, values, CellRefs(letters, r + 1)))
        if unit_col is not None and unit_col < len(row) and _has_text(row[unit_col]):
            unit_values.append(clean_cell(row[unit_col]))
    if unread and not ended:
        raise too_many  # rows beyond what may be read, and the data had not ended
    return out, unit_values


def _lookup(units: UnitTable, text: object) -> Unit | None:
    value = clean_cell(text)
    if not value:
        return None
    return units.resolve(value) or units.find_in(value)


def _resolve_unit(
    name: str,
    path: Path,
    units: UnitTable,
    labels: dict[str, object],
    column_values: list[str],
    titles: list[str],
) -> tuple[Unit, str]:
    """The unit, from the label, the 报送单位 column, the title rows, the file name — in that order; and a
    warning when the file name names another unit."""
    from_name = units.find_in(path.stem)
    label = labels.get("unit")
    unit = _lookup(units, label) if label is not None else None
    if unit is None and column_values:
        resolved = [_lookup(units, v) for v in column_values]
        known = Counter(u.name for u in resolved if u is not None)
        if len(known) > 1:
            listed = "、".join(known)
            raise _refuse("F6", f"{name}：“报送单位”列中有多个单位（{listed}）：请每个单位单独报送一个文件")
        if known:
            unit = units.by_name(next(iter(known)))
        elif label is None:
            raise _refuse(
                "F6",
                f"{name}：“报送单位”列填写的“{column_values[0]}”不在任务分配表中："
                "请改为任务分配表中的单位名称；如是简称，请在任务分配表“别名”列补充",
            )
    if unit is None and label is None:
        for text in titles:
            unit = units.find_in(text)
            if unit is not None:
                break
    if unit is None and label is None:
        unit = from_name
    if unit is None:
        if label is not None:
            raise _refuse(
                "F6",
                f"{name}：“报送单位”填写的“{clean_cell(label)}”不在任务分配表中："
                "请改为任务分配表中的单位名称；如是简称，请在任务分配表“别名”列补充后重新汇总",
            )
        raise _refuse(
            "F6",
            f"{name}：看不出是哪个单位报送的（表头上方没有“报送单位”，文件名中也没有单位名称）："
            "请在表格上方填写“报送单位：单位名称”，或把文件名改为“单位名称_2015年03月.xlsx”后重新报送",
        )
    conflict = ""
    if from_name is not None and from_name != unit:
        conflict = (
            f"{name}：文件名是“{from_name.name}”，表内报送单位是“{unit.name}”：已按“{unit.name}”计入，"
            "如不对请改正后重新报送"
        )
    return unit, conflict


def _resolve_month(
    name: str, path: Path, labels: dict[str, object], titles: list[str], month_hint: str | None, settings: Settings
) -> str:
    """The month, from the label, the title rows, the file name, the hint — F7 when the file says another."""
    hint: tuple[int, int] | None = None
    if month_hint:
        y, m = month_hint.split("-")[:2]
        hint = (int(y), int(m))
    default_year = hint[0] if hint else settings.year
    stated: tuple[int, tuple[int, ...]] | None = None
    source = ""
    label = labels.get("month")
    if label is not None:
        stated, source = _stated_months(label, default_year), "“报送月份”"
    if stated is None:
        for text in titles:
            stated = _stated_months_loose(text)
            if stated is not None:
                source = "表格标题"
                break
    if stated is None:
        stated, source = _stated_months_loose(path.stem), "文件名"
    if stated is None:
        if hint is None:
            raise _refuse(
                "F7",
                f"{name}：看不出报送月份：请在表格上方填写“报送月份：2015年3月”，或汇总时用 --month 指定月份",
            )
        return month_key(*hint)
    year, months = stated
    if hint is None:
        return month_key(year, months[-1])
    if year == hint[0] and hint[1] in months:
        return month_key(*hint)
    said = f"{year}年{months[0]}月" if len(months) == 1 else f"{year}年{months[0]}-{months[-1]}月"
    raise _refuse(
        "F7",
        f"{name}：{source}写的是 {said}，本次汇总的是 {hint[0]}年{hint[1]}月：请放入对应月份的文件夹另行汇总；"
        "如填错了，请改正报送月份后重新报送",
    )
