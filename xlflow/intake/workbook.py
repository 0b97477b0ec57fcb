"""`open_book`: the one function every reader calls. Pre-flight first, then python-calamine (ODS and XLSB in a
limited child process); whatever goes wrong, calamine's panics included, becomes one `InputFileError`."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xlflow.core.errors import ConfigError, InputFileError
from xlflow.core.model import CellError
from xlflow.core.text import clean_cell, display_name
from xlflow.intake.cells import CellFacts, cell_facts
from xlflow.intake.extent import BIFF_BOUNDSHEET, biff_records, column_number, workbook_stream
from xlflow.intake.messages import NOT_NOW, read_failure, refuse, size_text
from xlflow.intake.preflight import DEFAULT_LIMITS, Limits, check_input
from xlflow.intake.sandbox import ChildFailed, run_limited


@dataclass
class Sheet:
    """One sheet as read: its cached values (never formulas; an error result as a CellError) from A1, visibility,
    merged ranges and the rows hidden or filtered out (not known for .xlsb)."""

    name: str
    visible: bool = True
    rows: list[list[object]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1), 0-based inclusive
    chart: bool = False  # a chart sheet: no cells
    truncated: bool = False  # the sheet goes on beyond the rows read
    hidden_rows: list[int] = field(default_factory=list)  # 0-based, hidden (隐藏) or filtered out (自动筛选)
    hidden_cols: list[int] = field(default_factory=list)  # 0-based; known for .xlsx only

    @property
    def empty(self) -> bool:
        return not any(v is not None and (not isinstance(v, str) or v.strip()) for row in self.rows for v in row)


@dataclass
class Book:
    """A workbook as read by the intake."""

    path: Path
    name: str  # as shown to people: a name the file system could not decode has U+FFFD in it
    sha256: str
    mtime: float
    sheets: list[Sheet]
    date1904: bool = False  # serial numbers count from 1904, as Mac Excel may save
    # defined name -> (scope sheet or None, sheet, 0-based row, 0-based column) of the first cell it names
    defined_names: dict[str, list[tuple[str | None, str, int, int]]] = field(default_factory=dict)

    def sheet(self, preferred: str) -> Sheet:
        """The sheet called `preferred`, else the first worksheet."""
        named = next((s for s in self.sheets if s.name == preferred), None)
        return named or next((s for s in self.sheets if not s.chart), self.sheets[0])


KeyOf = Callable[[object], "str | None"]  # a header cell -> the key it names, or None


def map_columns(row: Sequence[object], key_of: KeyOf) -> dict[str, int]:
    """Key -> column of the cells of `row` that `key_of` names (the leftmost of equals)."""
    columns: dict[str, int] = {}
    for c, value in enumerate(row):
        if (key := key_of(value)) is not None:
            columns.setdefault(key, c)
    return columns


def first_header(
    rows: Sequence[Sequence[object]], key_of: KeyOf, required: Sequence[str], at_least: int = 0, two_rows: bool = False
) -> tuple[int, dict[str, int]] | None:
    """The first of `rows` naming every `required` key and `at_least` keys in all, and its `map_columns`. With
    `two_rows`, a group cell (采用情况) over its parts in the row below (采用级别 | 采用形式) makes a header of two
    rows: the index returned is then the lower one's."""
    for r, row in enumerate(rows):
        columns = map_columns(row, key_of)
        if all(key in columns for key in required) and len(columns) >= at_least:
            if two_rows and r + 1 < len(rows) and (both := _parts_below(row, rows[r + 1], columns, key_of)):
                return r + 1, both
            return r, columns
    return None


def _parts_below(upper: Sequence[object], lower: Sequence[object], columns: dict[str, int], key_of: KeyOf) -> dict[str, int] | None:
    """`columns` with the keys `lower` names under cells of `upper` that name none; None unless there are some and
    `lower` is blank (or repeats `upper`) under the cells `upper` names."""
    def cell(row: Sequence[object], c: int) -> object:
        return row[c] if c < len(row) else None

    parts = {k: c for k, c in map_columns(lower, key_of).items() if k not in columns and key_of(cell(upper, c)) is None}
    if not parts or any(clean_cell(cell(lower, c)) and cell(lower, c) != cell(upper, c) for c in columns.values()):
        return None
    return {**columns, **parts}


def rows_below(
    rows: list[list[object]], header_at: int, columns: dict[str, int]
) -> Iterator[tuple[int, dict[str, object]]]:
    """(Excel row number, key -> value) of each row below the header row `header_at`."""
    for r, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        yield r, {key: row[c] if c < len(row) else None for key, c in columns.items()}


def _parser_failed(name: str, exc: BaseException, kind: str, data: bytes) -> InputFileError:
    if isinstance(exc, MemoryError):
        return refuse(name, "parser_memory")
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return refuse(name, "password")
    # an .ods whose cells are well-formed XML calamine does not expect, indented or not: not damaged
    return refuse(name, "parser_other" if kind == "ods" and _well_formed(data, "content.xml") else "parser_failed")


def _well_formed(data: bytes, part: str) -> bool:
    """Whether the zip part `part` of `data` is well-formed XML (pre-flight has refused a DTD in it)."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as handle:
            while chunk := handle.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except Exception:  # a damaged part fails in several ways (expat, zlib, zipfile): damaged it is
        return False
    return True


def open_book(
    path: Path,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    max_rows: int | None = None,
    allow_csv: bool = False,
) -> Book:
    """Read `path` whole and safely; raise InputFileError (F1/F2/F3/F4/F10) when it cannot or must not be read.
    `max_rows` bounds the rows read per sheet; `allow_csv` reads a CSV list as one sheet."""
    name = name or display_name(path.name)
    try:
        stat = path.stat()
    except OSError as exc:
        raise read_failure(name, exc) from exc
    if stat.st_size > limits.max_file_bytes:
        raise refuse(name, "file_too_big", size=size_text(stat.st_size), limit=size_text(limits.max_file_bytes))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise read_failure(name, exc) from exc
    sha256 = hashlib.sha256(data).hexdigest()
    if allow_csv and path.suffix.lower() == ".csv":
        return Book(path, name, sha256, stat.st_mtime, [_csv_sheet(path, name, data)])
    kind = check_input(path, data=data, limits=limits, name=name)
    sheets = _read_sheets(name, kind, data, max_rows)
    names = _defined_names(data) if kind in ("xlsx", "xlsm") else {}
    return Book(path, name, sha256, stat.st_mtime, sheets, _date1904(kind, data), names)


def _read_sheets(name: str, kind: str, data: bytes, max_rows: int | None) -> list[Sheet]:
    if kind in ("ods", "xlsb"):  # not measured by pre-flight: parsed in a child process with a memory cap
        try:
            return run_limited(_all_sheets, data, max_rows, name, kind, name=name)
        except ChildFailed as exc:
            raise _parser_failed(name, exc, kind, data) from exc
    try:
        return _all_sheets(data, max_rows, name, kind)
    except (KeyboardInterrupt, SystemExit, GeneratorExit, InputFileError):
        raise
    except BaseException as exc:  # calamine raises several kinds for a broken file, and panics (BaseException)
        raise _parser_failed(name, exc, kind, data) from exc


def _all_sheets(data: bytes, max_rows: int | None, name: str, kind: str = "") -> list[Sheet]:
    """Every sheet of the workbook in `data` through calamine (also run in the child process: plain data out),
    with what calamine does not give (cells.cell_facts): an .ods's merged ranges, error results, hidden rows."""
    from python_calamine import (
        CalamineError,
        CalamineWorkbook,
        PasswordError,
        SheetTypeEnum,
        SheetVisibleEnum,
    )

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError as exc:
        raise refuse(name, "password") from exc
    except CalamineError:
        if kind != "ods":
            raise
        data = _unindented(data)  # Gnumeric indents content.xml; calamine wants nothing between a row's cells
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[Sheet] = []
    facts = cell_facts(kind, data)
    for index, meta in enumerate(book.sheets_metadata):
        sheet = Sheet(meta.name, meta.visible == SheetVisibleEnum.Visible, chart=meta.typ != SheetTypeEnum.WorkSheet)
        sheets.append(sheet)
        if sheet.chart:
            continue
        source = book.get_sheet_by_index(index)
        sheet.rows = source.to_python(skip_empty_area=False, nrows=max_rows)
        end = source.end
        sheet.truncated = bool(end) and max_rows is not None and end[0] + 1 > len(sheet.rows)
        sheet.merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in source.merged_cell_ranges or []]
        known = facts.get(meta.name, CellFacts())
        sheet.merged = sheet.merged or known.merged  # calamine has none for an .ods
        sheet.hidden_rows = [r for r in known.hidden_rows if r < len(sheet.rows)]
        sheet.hidden_cols = known.hidden_cols
        for (r, c), text in known.errors.items():  # calamine makes an empty cell of an error
            if r < len(sheet.rows) and c < len(sheet.rows[r]) and sheet.rows[r][c] in ("", None):
                sheet.rows[r][c] = CellError(text)
    return sheets


_INDENT = re.compile(rb"(<text:([ph])(?=[\s/>])(?:[^<>]*/>|.*?</text:\2>))|>[ \t\r\n]+(?=<)", re.DOTALL)


def _unindented(data: bytes) -> bytes:
    """The .ods in `data` again, its content.xml without the white space between tags, but for the paragraphs
    (text:p, text:h: a cell's text) kept as they are."""
    source = io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as tight:
        for info in archive.infolist():
            part = archive.read(info)
            if info.filename == "content.xml":
                part = _INDENT.sub(lambda m: m[1] or b">", part)
            tight.writestr(info, part)
    return out.getvalue()


def _csv_sheet(path: Path, name: str, data: bytes) -> Sheet:
    import csv

    for encoding in ("utf-8-sig", "gb18030"):  # what a Chinese Windows saves a CSV in
        with contextlib.suppress(UnicodeDecodeError):
            return Sheet(path.stem, rows=[list(r) for r in csv.reader(io.StringIO(data.decode(encoding)))])
    raise refuse(name, "csv_encoding")


# --- what the cells do not say: the date system, defined names ----------------------------------------------

_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']", re.IGNORECASE)
_NULL_DATE_1904 = re.compile(rb"null-date[^>]*date-value\s*=\s*[\"']1904-01-01")
_DEFINED = re.compile(rb"<(?:\w+:)?definedName\b([^>]*)>([^<]*)</(?:\w+:)?definedName>")
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*["']([^"']*)["']""")
_SHEETS = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)")


def _part(data: bytes, name: str) -> bytes:
    """The first 4 MB of the zip part `name` (case ignored, the last of that name); b"" when there is none."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = next((i for i in reversed(archive.infolist()) if i.filename.lower() == name), None)
            return archive.read(info)[: 4 * 1024 * 1024] if info is not None else b""
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return b""


def _date1904(kind: str, data: bytes) -> bool:
    """Whether plain serial numbers in the workbook count from 1904 (Mac Excel's date system)."""
    if kind == "xls":
        return _biff_date1904(data)
    if kind == "ods":
        return bool(_NULL_DATE_1904.search(_part(data, "content.xml") + _part(data, "settings.xml")))
    return kind in ("xlsx", "xlsm") and bool(_DATE1904.search(_part(data, "xl/workbook.xml")))


def _biff_date1904(data: bytes) -> bool:
    """The DATEMODE record (0x0022) of an .xls workbook's globals: 1 means the 1904 date system."""
    try:
        stream = workbook_stream(io.BytesIO(data))
    except Exception:  # olefile raises several kinds on a damaged container; calamine has read it already
        return False
    for kind, body, length in biff_records(stream):
        if kind == 0x0022 and length >= 2:
            return int.from_bytes(stream[body : body + 2], "little") == 1
        if kind == BIFF_BOUNDSHEET:  # past the globals' DATEMODE
            return False
    return False


def _defined_names(data: bytes) -> dict[str, list[tuple[str | None, str, int, int]]]:
    """Book.defined_names from xl/workbook.xml."""
    import html

    xml = _part(data, "xl/workbook.xml")
    sheet_names = [html.unescape(dict(_ATTR.findall(m[1])).get(b"name", b"").decode("utf-8", "replace")) for m in _SHEETS.finditer(xml)]
    out: dict[str, list[tuple[str | None, str, int, int]]] = {}
    for match in _DEFINED.finditer(xml):
        attrs = {k.split(b":")[-1]: v for k, v in _ATTR.findall(match[1])}
        name = html.unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
        ref = _REF.match(html.unescape(match[2].decode("utf-8", "replace")).strip())
        if not name or ref is None:
            continue  # a name for a formula, a constant or #REF!
        sheet = (ref[1] or "").replace("''", "'") or ref[2]
        local = attrs.get(b"localSheetId", b"")
        scope = sheet_names[int(local)] if local.isdigit() and int(local) < len(sheet_names) else None
        out.setdefault(name, []).append((scope, sheet, int(ref[4]) - 1, column_number(ref[3]) - 1))
    return out


def own_book(path: Path, label: str) -> Book:
    """The coordinator's book `path` read; ConfigError naming the book `label`."""
    try:
        return open_book(path)
    except InputFileError as exc:
        if exc.code == NOT_NOW:  # open in Excel or WPS for a moment: said as it is
            raise ConfigError(f"{label} {exc}") from exc
        reason = re.split("[，：]请", str(exc).split("：", 1)[-1], maxsplit=1)[0]  # not the unit's 请…报送
        raise ConfigError(
            f"{label} {path.name} 无法读取（{reason}）。如果它正在 Excel 或 WPS 中打开，请关闭后重试；"
            "否则请用 Excel 打开检查后另存为 .xlsx"
        ) from exc

