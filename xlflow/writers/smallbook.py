"""A fast writer for small workbooks written by the hundred (receipts): the part of xlsxwriter's API they use.

`consolidate` writes one receipt per unit and month: 34 for a city, ≈ 417 for a province, every month. Through
xlsxwriter a receipt of a dozen rows costs ≈ 7 ms, most of it in building and zipping the package's dozen XML
parts; this writer produces the same workbook (cells, shared strings, styles, merges, widths, row heights, frozen
header, A4 print setup, repeated header rows) in a fraction of that: the static parts (theme, rels) are
compressed once per process, the rest is joined from strings.

It implements exactly what writers/base.py's helpers and writers/receipt.py call — `add_format` with the keys of
`base.Formats`, `add_worksheet`, `write_string/number/blank/datetime`, `merge_range`, `set_row`, `set_column`,
`freeze_panes` (rows only), and the print setup of `base.setup_print` — and raises on anything else, so a writer
that needs more goes back to xlsxwriter instead of silently losing a feature. Unit text still goes through
`base.write_text` (string cells only, never formulas). Output is byte-stable: fixed creation time and zip dates.
tests/test_smallbook.py compares a receipt written both ways cell by cell.
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import struct
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..fsutil import atomic_write_bytes
from ..textnorm import EXCEL_CELL_LIMIT, column_letter, safe_text, strip_control
from .base import FIXED_CREATED, FONT, FONT_SIZE, Target, write_typed_row

_SUPPORTED = {"font_name", "font_size", "valign", "border", "bold", "align", "text_wrap", "bg_color", "num_format",
              "font_color", "locked"}  # fmt: skip
_VALIGN = {"vcenter": "center", "top": "top", "bottom": "bottom", "vjustify": "justify", "vdistributed": "distributed"}
_MAX_DIGIT_WIDTH = 7  # xlsxwriter's column width conversion (Calibri 11)
_CELL_PADDING = 5
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_EPOCH = dt.datetime(1899, 12, 31)
_STREAM_CHUNK = 1 << 20  # characters of rows a constant-memory sheet collects before handing them to be compressed


def _esc(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


_COLUMNS = [column_letter(c) for c in range(702)]  # A … ZZ, precomputed for the cell loop


def _col_letter(col: int) -> str:
    return _COLUMNS[col] if col < 702 else column_letter(col)


def _number(value: float) -> str:
    return f"{value:.16G}"


def _excel_serial(value: dt.datetime | dt.date) -> float:
    """xlsxwriter's date conversion (1900 date system, with Excel's 1900 leap-year quirk)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value.replace(tzinfo=None) - _EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400.0
    return serial + 1 if serial > 59 else serial


class SmallFormat:
    """A cell format: a dict of xlsxwriter format properties (only those of base.Formats)."""

    def __init__(self, props: dict[str, Any]) -> None:
        unknown = set(props) - _SUPPORTED
        if unknown:
            raise ValueError(f"smallbook does not support format properties {sorted(unknown)}: use xlsxwriter")
        self.props = dict(props)
        self._key: tuple[Any, ...] | None = None

    def set_font_name(self, name: str) -> None:
        self.props["font_name"] = name
        self._key = None

    def set_font_size(self, size: float) -> None:
        self.props["font_size"] = size
        self._key = None

    def key(self) -> tuple[Any, ...]:
        if self._key is None:
            self._key = tuple(sorted(self.props.items()))
        return self._key


class _Styles:
    """Fonts, fills, borders, number formats and cell xfs, numbered in order of first use (as xlsxwriter does)."""

    def __init__(self, default: SmallFormat) -> None:
        self.default = default
        self.fonts: dict[tuple[Any, ...], int] = {}
        self.fills: dict[str, int] = {}
        self.borders: dict[int, int] = {}
        self.num_formats: dict[str, int] = {}
        self.xfs: dict[tuple[Any, ...], int] = {}
        self.xf_parts: list[str] = []
        self.by_id: dict[int, int] = {}  # id(format) -> xf index, for the formats of this workbook
        self._xf(default)

    def index(self, fmt: SmallFormat | None) -> int:
        if fmt is None:
            return 0
        found = self.by_id.get(id(fmt))
        if found is None:
            found = self.xfs.get(fmt.key())
            if found is None:
                found = self._xf(fmt)
            self.by_id[id(fmt)] = found
        return found

    def _xf(self, fmt: SmallFormat) -> int:
        p = {"font_name": "Calibri", "font_size": 11, **fmt.props}  # xlsxwriter's defaults for a new format
        font_key = (bool(p.get("bold")), p.get("font_size", FONT_SIZE), str(p.get("font_color") or ""), p.get("font_name", FONT))
        font_id = self.fonts.setdefault(font_key, len(self.fonts))
        fill = str(p.get("bg_color") or "")
        fill_id = self.fills.setdefault(fill, len(self.fills) + 2) if fill else 0
        border = int(p.get("border") or 0)
        border_id = self.borders.setdefault(border, len(self.borders) + 1) if border else 0
        num = p.get("num_format")
        num_id = self.num_formats.setdefault(str(num), 164 + len(self.num_formats)) if num else 0
        attrs = f'numFmtId="{num_id}" fontId="{font_id}" fillId="{fill_id}" borderId="{border_id}" xfId="0"'
        if num_id:
            attrs += ' applyNumberFormat="1"'
        if font_id:
            attrs += ' applyFont="1"'
        if fill_id:
            attrs += ' applyFill="1"'
        if border_id:
            attrs += ' applyBorder="1"'
        align = ""
        if p.get("align"):
            align += f' horizontal="{p["align"]}"'
        if p.get("valign"):
            align += f' vertical="{_VALIGN[p["valign"]]}"'
        if p.get("text_wrap"):
            align += ' wrapText="1"'
        inner = ""
        if align:
            attrs += ' applyAlignment="1"'
            inner += f"<alignment{align}/>"
        if p.get("locked") is False:
            attrs += ' applyProtection="1"'
            inner += '<protection locked="0"/>'
        index = len(self.xf_parts)
        self.xf_parts.append(f"<xf {attrs}>{inner}</xf>" if inner else f"<xf {attrs}/>")
        self.xfs[fmt.key()] = index
        return index

    def xml(self) -> str:
        out = [_XML_HEAD, f"<styleSheet {_MAIN_NS}>"]
        if self.num_formats:
            out.append(f'<numFmts count="{len(self.num_formats)}">')
            out += [f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>' for code, i in self.num_formats.items()]
            out.append("</numFmts>")
        out.append(f'<fonts count="{len(self.fonts)}">')
        for bold, size, color, name in self.fonts:
            rgb = f'<color rgb="FF{color.lstrip("#").upper()}"/>' if color else '<color theme="1"/>'
            scheme = '<scheme val="minor"/>' if name == "Calibri" else ""
            out.append(f'<font>{"<b/>" if bold else ""}<sz val="{_number(size)}"/>{rgb}<name val="{_attr(name)}"/><family val="2"/>{scheme}</font>')
        out.append(f'</fonts><fills count="{len(self.fills) + 2}"><fill><patternFill patternType="none"/></fill>'
                   '<fill><patternFill patternType="gray125"/></fill>')  # fmt: skip
        for color in self.fills:
            out.append(f'<fill><patternFill patternType="solid"><fgColor rgb="FF{color.lstrip("#").upper()}"/>'
                       '<bgColor indexed="64"/></patternFill></fill>')  # fmt: skip
        out.append(f'</fills><borders count="{len(self.borders) + 1}"><border><left/><right/><top/><bottom/><diagonal/></border>')
        for _ in self.borders:  # border style 1: thin on every side
            side = '{0} style="thin"><color auto="1"/></{0}>'
            out.append("<border>" + "".join("<" + side.format(s) for s in ("left", "right", "top", "bottom")) + "<diagonal/></border>")
        out.append('</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>')
        out.append(f'<cellXfs count="{len(self.xf_parts)}">' + "".join(self.xf_parts) + "</cellXfs>")
        out.append('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>'
                   '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
                   "</styleSheet>")  # fmt: skip
        return "".join(out)


class _RowStyles:
    """The fixed pieces of a streamed row's cells for one set of formats: `<c r="D` + row number + tail."""

    def __init__(self, key: tuple[int, ...], index: Any, blanks: Sequence[SmallFormat | None], formats: Sequence[SmallFormat | None]) -> None:
        def attr(fmt: SmallFormat | None) -> str:  # the default format is written without s=
            xf = index(fmt)
            return f' s="{xf}"' if xf else ""

        self.key = key
        styles = [attr(f) for f in formats]
        self.heads = [f'<c r="{_col_letter(col)}' for col in range(len(formats))]
        self.blank_tails = [None if b is None else f'"{attr(b)}/>' for b in blanks]  # None: no cell at all
        self.empty_tails = [f'"{style}/>' for style in styles]
        self.text_tails = [f'"{style} t="inlineStr"><is><t>' for style in styles]
        self.number_tails = [f'"{style}><v>' for style in styles]


class SmallSheet:
    """A worksheet: cells kept as (kind, value, format) until the workbook is closed — or, in a constant-memory
    workbook, written out (inline strings, compressed) as soon as a later row is started, rows in order only."""

    def __init__(self, book: SmallWorkbook, name: str, index: int) -> None:
        self.book, self.name, self.index = book, name, index
        self.cells: dict[int, dict[int, tuple[str, Any, SmallFormat | None]]] = {}
        self.heights: dict[int, float] = {}
        self.widths: dict[int, float] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.frozen: tuple[int, int] = (0, 0)
        self.paper = 0
        self.orientation = ""
        self.margins: tuple[float, float, float, float] | None = None
        self.title_rows: tuple[int, int] | None = None
        self.fit: tuple[int, int] | None = None
        self.header = ""
        self.footer = ""
        self.centered = False
        self.filter_range: tuple[int, int, int, int] | None = None
        self.area: tuple[int, int, int, int] | None = None
        self.extent: tuple[int, int, int, int] | None = None  # first row, first col, last row, last col used
        self.stream: _Deflater | None = _Deflater() if book.constant_memory else None
        self._next_row = 0  # constant memory: rows before this one are written out
        self._pending: list[str] = []
        self._pending_size = 0
        self._row_styles: _RowStyles | None = None

    # -- cells (the subset of xlsxwriter's Worksheet API the helpers use) ----------------------------
    def _put(self, row: int, col: int, kind: str, value: Any, fmt: SmallFormat | None) -> int:
        if self.stream is None:  # all cells stay in self.cells: the extent is taken from them when written
            cells = self.cells.get(row)
            if cells is None:
                cells = self.cells[row] = {}
            cells[col] = (kind, value, fmt)
            return 0
        if row < self._next_row:
            raise ValueError(f"smallbook (constant memory) writes rows in order: row {row + 1} is already written")
        if row > self._next_row and self.cells:
            self._flush(row)
        self.cells.setdefault(row, {})[col] = (kind, value, fmt)
        ext = self.extent
        self.extent = (row, col, row, col) if ext is None else (min(ext[0], row), min(ext[1], col), max(ext[2], row), max(ext[3], col))
        return 0

    def _used(self) -> tuple[int, int, int, int] | None:
        """First row, first column, last row, last column with a cell."""
        if self.stream is not None or not self.cells:
            return self.extent
        rows = [r for r, cells in self.cells.items() if cells]
        if not rows:
            return self.extent
        cols = [c for r in rows for c in self.cells[r]]
        return (min(rows), min(cols), max(rows), max(cols))

    def write_string(self, row: int, col: int, string: str, cell_format: SmallFormat | None = None) -> int:
        if self.stream is not None:
            return self._put(row, col, "i", string, cell_format)
        return self._put(row, col, "s", self.book._string(string), cell_format)

    def write_number(self, row: int, col: int, number: float, cell_format: SmallFormat | None = None) -> int:
        return self._put(row, col, "n", number, cell_format)

    def write_blank(self, row: int, col: int, blank: Any = None, cell_format: SmallFormat | None = None) -> int:
        if cell_format is None:
            return 0  # xlsxwriter ignores a blank cell without a format
        return self._put(row, col, "b", None, cell_format)

    def write_datetime(self, row: int, col: int, date: dt.datetime | dt.date, cell_format: SmallFormat | None = None) -> int:
        return self._put(row, col, "n", _excel_serial(date), cell_format)

    def write_row(self, row: int, values: Sequence[object], formats: Sequence[SmallFormat | None],
                  blank: SmallFormat | None | Sequence[SmallFormat | None]) -> None:  # fmt: skip
        """base.write_typed_row in one call: None and "" a blank cell in `blank` (one format, or one per column),
        dates and times as dates, numbers as numbers, anything else as text (base.write_text: never a formula,
        control characters removed, cut to 32,767 characters); formats[i] for a value in column i.

        In a constant-memory sheet the row goes straight to XML: the path of a 50,000-row ledger or receipt."""
        blanks = blank if isinstance(blank, list | tuple) else [blank] * len(values)
        if self.stream is not None and not self.cells.get(row):
            self._stream_row(row, values, formats, blanks)
            return
        write_typed_row(self, row, values, formats, blanks)  # type: ignore[arg-type]

    def _stream_row(self, row: int, values: Sequence[object], formats: Sequence[SmallFormat | None],
                    blanks: Sequence[SmallFormat | None]) -> None:  # fmt: skip
        if row < self._next_row:
            raise ValueError(f"smallbook (constant memory) writes rows in order: row {row + 1} is already written")
        if self.cells or any(r < row for r in self.heights if r >= self._next_row):
            self._flush(row)
        cached = self._row_styles
        key = (*map(id, blanks), *map(id, formats))
        if cached is None or cached.key != key:
            cached = self._row_styles = _RowStyles(key, self.book.styles().index, blanks, formats)
        heads, blank_tails, empty_tails, text_tails, number_tails = (
            cached.heads, cached.blank_tails, cached.empty_tails, cached.text_tails, cached.number_tails)  # fmt: skip
        rn = str(row + 1)
        height = self.heights.get(row)
        out = [f'<row r="{rn}" ht="{height:.16g}" customHeight="1">' if height is not None else f'<row r="{rn}">']
        first = last = -1
        for col, value in enumerate(values):
            if value is None or value == "":
                blank_tail = blank_tails[col]
                if blank_tail is None:
                    continue
                out.append(f"{heads[col]}{rn}{blank_tail}")
            elif isinstance(value, str):  # as textnorm.safe_text, inline: this is the loop of a big ledger
                text = strip_control(value)  # a printable text comes back as it is
                if len(text) > EXCEL_CELL_LIMIT:
                    text = text[:EXCEL_CELL_LIMIT]
                if text == "":
                    out.append(f"{heads[col]}{rn}{empty_tails[col]}")
                else:
                    if "&" in text:
                        text = text.replace("&", "&amp;")
                    if "<" in text:
                        text = text.replace("<", "&lt;")
                    if ">" in text:
                        text = text.replace(">", "&gt;")
                    if "\r" in text:  # of the control characters, safe_text leaves tab, line feed and CR
                        text = text.replace("\r", "_x000D_")
                    if text[0].isspace() or text[-1].isspace():
                        out.append(f'{heads[col]}{rn}{text_tails[col][:-1]} xml:space="preserve">{text}</t></is></c>')
                    else:
                        out.append(f"{heads[col]}{rn}{text_tails[col]}{text}</t></is></c>")
            elif isinstance(value, dt.datetime | dt.date):
                out.append(f"{heads[col]}{rn}{number_tails[col]}{_number(_excel_serial(value))}</v></c>")
            elif isinstance(value, int | float):
                out.append(f"{heads[col]}{rn}{number_tails[col]}{_number(value)}</v></c>")
            else:
                text = safe_text(value)[0]
                if text == "":
                    out.append(f"{heads[col]}{rn}{empty_tails[col]}")
                else:
                    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
                    out.append(f'{heads[col]}{rn}{text_tails[col][:-1]}{space}>{_esc(text)}</t></is></c>')
            last = col
            if first < 0:
                first = col
        out.append("</row>")
        xml = "".join(out)
        self._pending.append(xml)
        self._pending_size += len(xml)
        self._next_row = row + 1
        if first >= 0:
            ext = self.extent
            self.extent = (row, first, row, last) if ext is None else (min(ext[0], row), min(ext[1], first), row, max(ext[3], last))
        if self._pending_size > _STREAM_CHUNK:
            self._write_pending()

    def _write_pending(self) -> None:
        assert self.stream is not None
        self.stream.write("".join(self._pending).encode("utf-8"))
        self._pending = []
        self._pending_size = 0

    def merge_range(self, first_row: int, first_col: int, last_row: int, last_col: int, data: Any,
                    cell_format: SmallFormat | None = None) -> int:  # fmt: skip
        self.merges.append((first_row, first_col, last_row, last_col))
        for r in range(first_row, last_row + 1):
            for c in range(first_col, last_col + 1):
                self.write_blank(r, c, None, cell_format)
        if isinstance(data, str) and data != "":
            self.write_string(first_row, first_col, data, cell_format)
        elif isinstance(data, int | float) and not isinstance(data, bool):
            self.write_number(first_row, first_col, data, cell_format)
        elif data not in (None, ""):
            raise TypeError(f"smallbook.merge_range takes text or a number, not {type(data).__name__}")
        return 0

    def set_row(self, row: int, height: float | None = None, *args: Any) -> int:
        if args:
            raise ValueError("smallbook.set_row supports a height only")
        if self.stream is not None and row < self._next_row:
            raise ValueError(f"smallbook (constant memory) writes rows in order: row {row + 1} is already written")
        if height is not None:
            self.heights[row] = int(height * 4.0 / 3.0 + 0.5) * 0.75  # xlsxwriter rounds to whole pixels
        return 0

    def set_column(self, first_col: int, last_col: int, width: float | None = None, *args: Any) -> int:
        if args:
            raise ValueError("smallbook.set_column supports a width only")
        if width is not None:
            pixels = int(width * (_MAX_DIGIT_WIDTH + _CELL_PADDING) + 0.5) if width < 1 else int(width * _MAX_DIGIT_WIDTH + 0.5) + _CELL_PADDING
            for col in range(first_col, last_col + 1):
                self.widths[col] = (pixels * 256 // _MAX_DIGIT_WIDTH) / 256.0
        return 0

    def freeze_panes(self, row: int, col: int = 0) -> None:
        self.frozen = (row, col)

    def autofilter(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.filter_range = (first_row, first_col, last_row, last_col)

    def print_area(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.area = (first_row, first_col, last_row, last_col)

    # -- print setup (base.setup_print) ----------------------------------------------------------
    def set_paper(self, paper: int) -> None:
        self.paper = paper

    def set_landscape(self) -> None:
        self.orientation = "landscape"

    def set_portrait(self) -> None:
        self.orientation = "portrait"

    def set_margins(self, left: float = 0.7, right: float = 0.7, top: float = 0.75, bottom: float = 0.75) -> None:
        self.margins = (left, right, top, bottom)

    def repeat_rows(self, first_row: int, last_row: int | None = None) -> None:
        self.title_rows = (first_row, first_row if last_row is None else last_row)

    def fit_to_pages(self, width: int, height: int) -> None:
        self.fit = (width, height)

    def set_header(self, header: str = "", *args: Any) -> None:
        self.header = header

    def set_footer(self, footer: str = "", *args: Any) -> None:
        self.footer = footer

    def center_horizontally(self) -> None:
        self.centered = True

    # -- XML -----------------------------------------------------------------------------------
    def _rows_xml(self, rows: Sequence[int], styles: _Styles) -> list[str]:
        """<row> elements of `rows` (held cells and set heights), in order."""
        out: list[str] = []
        append = out.append
        index = styles.index
        attrs: dict[int, str] = {}  # id(format) -> ' s="n"' ('' for the default format)
        columns = _COLUMNS
        for r in rows:
            rn = str(r + 1)
            height = self.heights.get(r)
            ht = f' ht="{height:.16g}" customHeight="1"' if height is not None else ""
            cells = self.cells.get(r)
            if not cells:
                append(f'<row r="{rn}"{ht}/>')
                continue
            append(f'<row r="{rn}"{ht}>')
            for c in sorted(cells):
                kind, value, fmt = cells[c]
                ref = (columns[c] if c < 702 else _col_letter(c)) + rn
                style = attrs.get(id(fmt))
                if style is None:
                    xf = index(fmt)
                    style = attrs[id(fmt)] = f' s="{xf}"' if xf else ""
                if kind == "s":
                    append(f'<c r="{ref}"{style} t="s"><v>{value}</v></c>')
                elif kind == "n":
                    append(f'<c r="{ref}"{style}><v>{_number(value)}</v></c>')
                elif kind == "i":
                    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
                    append(f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_esc(value)}</t></is></c>')
                else:
                    append(f'<c r="{ref}"{style}/>')
            append("</row>")
        return out

    def _flush(self, before: int | None = None) -> None:
        """Constant memory: write out the held rows (and rows with only a height) before row `before` (all: None)."""
        assert self.stream is not None
        rows = sorted(r for r in set(self.cells) | set(self.heights) if r >= self._next_row and (before is None or r < before))
        written = self._rows_xml(rows, self.book.styles())
        self._pending += written
        self._pending_size += sum(map(len, written))
        for r in rows:
            self.cells.pop(r, None)
        if self._pending_size > _STREAM_CHUNK or before is None:
            self._write_pending()
        if rows:
            self._next_row = rows[-1] + 1
        if before is not None:
            self._next_row = max(self._next_row, before)

    def _head(self) -> str:
        out = [_XML_HEAD, f"<worksheet {_MAIN_NS} {_REL_NS}>"]
        if self.fit is not None:
            out.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        used = self._used()
        if used is not None:
            r0, c0, r1, c1 = used
            first, last = f"{_col_letter(c0)}{r0 + 1}", f"{_col_letter(c1)}{r1 + 1}"
            out.append(f'<dimension ref="{first if first == last else first + ":" + last}"/>')
        else:
            out.append('<dimension ref="A1"/>')
        selected = ' tabSelected="1"' if self.index == 0 else ""
        out.append(f"<sheetViews><sheetView{selected} workbookViewId=\"0\"{'/' if self.frozen == (0, 0) else ''}>")
        if self.frozen != (0, 0):
            out.append(_pane(*self.frozen) + "</sheetView>")
        out.append("</sheetViews>")
        out.append('<sheetFormatPr defaultRowHeight="15"/>')
        if self.widths:
            out.append("<cols>")
            ordered = sorted(self.widths)
            start = ordered[0]
            for i, col in enumerate(ordered):
                nxt = ordered[i + 1] if i + 1 < len(ordered) else None
                if nxt == col + 1 and self.widths[nxt] == self.widths[col]:
                    continue
                out.append(f'<col min="{start + 1}" max="{col + 1}" width="{self.widths[col]:.16g}" customWidth="1"/>')
                start = nxt if nxt is not None else start
            out.append("</cols>")
        out.append("<sheetData>")
        return "".join(out)

    def _tail(self) -> str:
        out = ["</sheetData>"]
        if self.filter_range is not None:
            out.append(f'<autoFilter ref="{_range(*self.filter_range)}"/>')
        if self.merges:
            out.append(f'<mergeCells count="{len(self.merges)}">')
            for r0, c0, r1, c1 in self.merges:
                out.append(f'<mergeCell ref="{_col_letter(c0)}{r0 + 1}:{_col_letter(c1)}{r1 + 1}"/>')
            out.append("</mergeCells>")
        if self.centered:
            out.append('<printOptions horizontalCentered="1"/>')
        left, right, top, bottom = self.margins or (0.7, 0.7, 0.75, 0.75)
        out.append(f'<pageMargins left="{left:g}" right="{right:g}" top="{top:g}" bottom="{bottom:g}" header="0.3" footer="0.3"/>')
        setup = ""
        if self.paper:
            setup += f' paperSize="{self.paper}"'
        if self.fit is not None:
            if self.fit[0] != 1:
                setup += f' fitToWidth="{self.fit[0]}"'
            if self.fit[1] != 1:
                setup += f' fitToHeight="{self.fit[1]}"'
        if self.orientation:
            setup += f' orientation="{self.orientation}"'
        if setup:
            out.append(f"<pageSetup{setup}/>")
        if self.header or self.footer:
            out.append("<headerFooter>")
            if self.header:
                out.append(f"<oddHeader>{_esc(self.header)}</oddHeader>")
            if self.footer:
                out.append(f"<oddFooter>{_esc(self.footer)}</oddFooter>")
            out.append("</headerFooter>")
        out.append("</worksheet>")
        return "".join(out)

    def part(self, styles: _Styles) -> str | tuple[bytes, int, int]:
        """The sheet's XML; for a constant-memory sheet, already compressed (deflate data, CRC-32, size)."""
        if self.stream is None:
            rows = sorted(set(self.cells) | set(self.heights))
            return self._head() + "".join(self._rows_xml(rows, styles)) + self._tail()
        self._flush()
        return self.stream.around(self._head().encode("utf-8"), self._tail().encode("utf-8"))


def _range(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{_col_letter(c0)}{r0 + 1}:{_col_letter(c1)}{r1 + 1}"


def _pane(row: int, col: int) -> str:
    """The frozen <pane> and its selections, as xlsxwriter writes them."""
    top_left = f"{_col_letter(col)}{row + 1}"
    split = (f' xSplit="{col}"' if col else "") + (f' ySplit="{row}"' if row else "")
    if row and col:
        return (f'<pane{split} topLeftCell="{top_left}" activePane="bottomRight" state="frozen"/>'
                f'<selection pane="topRight" activeCell="{_col_letter(col)}1" sqref="{_col_letter(col)}1"/>'
                f'<selection pane="bottomLeft" activeCell="A{row + 1}" sqref="A{row + 1}"/><selection pane="bottomRight"/>')  # fmt: skip
    pane = "topRight" if col else "bottomLeft"
    return f'<pane{split} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/><selection pane="{pane}"/>'


class SmallWorkbook:
    """The workbook: sheets, shared strings, formats, document properties."""

    def __init__(self, *, constant_memory: bool = False) -> None:
        self.constant_memory = constant_memory
        self.sheets: list[SmallSheet] = []
        self.strings: dict[str, int] = {}
        self.string_count = 0
        self.formats = [SmallFormat({"font_name": FONT, "font_size": FONT_SIZE})]
        self.title = ""
        self._styles: _Styles | None = None

    def styles(self) -> _Styles:
        """The styles, numbered in order of first use (created at the first use: the default font is set by then)."""
        if self._styles is None:
            self._styles = _Styles(self.formats[0])
        return self._styles

    def _string(self, text: str) -> int:
        self.string_count += 1
        index = self.strings.get(text)
        if index is None:
            index = self.strings[text] = len(self.strings)
        return index

    def discard(self) -> None:
        """Give up the workbook: the compressing threads of its constant-memory sheets are stopped."""
        for sheet in self.sheets:
            if sheet.stream is not None:
                try:
                    sheet.stream.close()
                except Exception:  # noqa: BLE001 - the workbook is thrown away; the caller's error is the one raised
                    pass

    def add_format(self, properties: dict[str, Any] | None = None) -> SmallFormat:
        fmt = SmallFormat(properties or {})
        self.formats.append(fmt)
        return fmt

    def add_worksheet(self, name: str) -> SmallSheet:
        sheet = SmallSheet(self, name, len(self.sheets))
        self.sheets.append(sheet)
        return sheet

    def set_properties(self, properties: dict[str, Any]) -> None:
        self.title = str(properties.get("title", ""))

    def package(self) -> bytes:
        """The .xlsx bytes."""
        styles = self.styles()
        sheet_parts = [(f"xl/worksheets/sheet{i + 1}.xml", s.part(styles)) for i, s in enumerate(self.sheets)]
        names = [s.name for s in self.sheets]
        defined = _defined_names(self.sheets)
        parts: list[tuple[str, str | bytes | tuple[bytes, int, int]]] = [
            ("[Content_Types].xml", _content_types(len(self.sheets), bool(self.strings))),
            ("_rels/.rels", _ROOT_RELS),
            ("docProps/app.xml", _app(names, [f"{sheet}!{name[6:]}" for name, _, sheet, _, hidden in defined if not hidden])),
            ("docProps/core.xml", _core(self.title)),
            ("xl/workbook.xml", _workbook(names, defined)),
            ("xl/_rels/workbook.xml.rels", _workbook_rels(len(self.sheets), bool(self.strings))),
            ("xl/styles.xml", ""),  # after the sheets: their cells number the formats
            ("xl/theme/theme1.xml", b""),
            *sheet_parts,
        ]
        if self.strings:
            parts.append(("xl/sharedStrings.xml", _shared_strings(self.strings, self.string_count)))
        styles_xml = styles.xml()
        parts = [(n, styles_xml if n == "xl/styles.xml" else d) for n, d in parts]
        return _zip(parts)


def _defined_names(sheets: Sequence[SmallSheet]) -> list[tuple[str, int, str, str, bool]]:
    """(name, sheet index, sheet name, reference, hidden) of the filter ranges, print areas and print titles, in
    xlsxwriter's order."""
    from xlsxwriter.utility import quote_sheetname

    found: list[tuple[str, int, str, str, bool]] = []
    for i, s in enumerate(sheets):
        quoted = quote_sheetname(s.name)
        if s.filter_range is not None:
            r0, c0, r1, c1 = s.filter_range
            found.append(("_xlnm._FilterDatabase", i, s.name, f"{quoted}!${_col_letter(c0)}${r0 + 1}:${_col_letter(c1)}${r1 + 1}", True))
        if s.area is not None:
            r0, c0, r1, c1 = s.area
            found.append(("_xlnm.Print_Area", i, s.name, f"{quoted}!${_col_letter(c0)}${r0 + 1}:${_col_letter(c1)}${r1 + 1}", False))
        if s.title_rows is not None:
            found.append(("_xlnm.Print_Titles", i, s.name, f"{quoted}!${s.title_rows[0] + 1}:${s.title_rows[1] + 1}", False))
    return sorted(found, key=lambda d: (d[0].removeprefix("_xlnm.").lower(), d[2].lower()))


@contextmanager
def small_workbook(target: Target, *, title: str = "", constant_memory: bool = False) -> Iterator[SmallWorkbook]:
    """Like base.new_workbook, for the workbooks this module can write: saved atomically when done."""
    book = SmallWorkbook(constant_memory=constant_memory)
    book.set_properties({"title": title})
    try:
        yield book
        data = book.package()
    except BaseException:
        book.discard()  # stop the compressing threads of constant-memory sheets; nothing is written
        raise
    if isinstance(target, str | Path):
        atomic_write_bytes(Path(target), data)
    else:
        target.write(data)


# --- package parts --------------------------------------------------------------------------------------

_ROOT_RELS = (
    _XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)


def _content_types(sheets: int, strings: bool) -> str:
    ct = "application/vnd.openxmlformats-officedocument"
    out = [_XML_HEAD, '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
           '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
           '<Default Extension="xml" ContentType="application/xml"/>'
           f'<Override PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/>'
           '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
           f'<Override PartName="/xl/styles.xml" ContentType="{ct}.spreadsheetml.styles+xml"/>'
           f'<Override PartName="/xl/theme/theme1.xml" ContentType="{ct}.theme+xml"/>'
           f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.spreadsheetml.sheet.main+xml"/>']  # fmt: skip
    out += [f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="{ct}.spreadsheetml.worksheet+xml"/>' for i in range(sheets)]
    if strings:
        out.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.spreadsheetml.sharedStrings+xml"/>')
    out.append("</Types>")
    return "".join(out)


def _app(sheets: list[str], named: list[str]) -> str:
    pairs = f"<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(sheets)}</vt:i4></vt:variant>"
    size = 2
    if named:
        pairs += f"<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(named)}</vt:i4></vt:variant>"
        size = 4
    parts = "".join(f"<vt:lpstr>{_esc(n)}</vt:lpstr>" for n in (*sheets, *named))
    return (
        _XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>'
        f'<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="{size}" baseType="variant">{pairs}'
        f'</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="{len(sheets) + len(named)}" baseType="lpstr">{parts}'
        "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>"
    )


def _core(title: str) -> str:
    stamp = FIXED_CREATED.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        _XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + (f"<dc:title>{_esc(title)}</dc:title>" if title else "")
        + "<dc:creator>xlflow</dc:creator><dc:description>由 xlflow 生成</dc:description><cp:lastModifiedBy>xlflow</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )


_HIDDEN = ' hidden="1"'


def _workbook(sheets: list[str], defined: list[tuple[str, int, str, str, bool]]) -> str:
    listed = "".join(f'<sheet name="{_attr(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
    names = ""
    if defined:
        names = "<definedNames>" + "".join(
            f'<definedName name="{name}" localSheetId="{i}"{_HIDDEN if hidden else ""}>{_esc(ref)}</definedName>'
            for name, i, _, ref, hidden in defined
        ) + "</definedNames>"
    return (
        _XML_HEAD + f"<workbook {_MAIN_NS} {_REL_NS}>"
        '<fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/><workbookPr defaultThemeVersion="124226"/>'
        '<bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews>'
        f'<sheets>{listed}</sheets>{names}<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _workbook_rels(sheets: int, strings: bool) -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    out = [_XML_HEAD, '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    out += [f'<Relationship Id="rId{i + 1}" Type="{base}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(sheets)]
    out.append(f'<Relationship Id="rId{sheets + 1}" Type="{base}/theme" Target="theme/theme1.xml"/>')
    out.append(f'<Relationship Id="rId{sheets + 2}" Type="{base}/styles" Target="styles.xml"/>')
    if strings:
        out.append(f'<Relationship Id="rId{sheets + 3}" Type="{base}/sharedStrings" Target="sharedStrings.xml"/>')
    out.append("</Relationships>")
    return "".join(out)


def _shared_strings(strings: dict[str, int], count: int) -> str:
    out = [_XML_HEAD, f'<sst {_MAIN_NS} count="{count}" uniqueCount="{len(strings)}">']
    for text in strings:  # insertion order is index order
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        out.append(f"<si><t{space}>{_esc(text)}</t></si>")
    out.append("</sst>")
    return "".join(out)


# --- zip -----------------------------------------------------------------------------------------------

_ZIP_TIME = (0, (0 << 9) | (1 << 5) | 1)  # 1980-01-01 00:00, as xlsxwriter writes
_compressed_cache: dict[str, tuple[bytes, int, int]] = {}


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _packed(raw: bytes) -> tuple[bytes, int, int]:
    return _deflate(raw), zlib.crc32(raw), len(raw)


def _theme() -> tuple[bytes, int, int]:
    cached = _compressed_cache.get("theme")
    if cached is None:
        from xlsxwriter.theme import THEME_XML_2007

        cached = _compressed_cache["theme"] = _packed(THEME_XML_2007.encode("utf-8"))
    return cached


_REPEATING = ("[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
              "xl/styles.xml")  # fmt: skip


def _zip(parts: list[tuple[str, str | bytes | tuple[bytes, int, int]]]) -> bytes:
    """A deflated zip of the parts, in order, with fixed dates (byte-stable)."""
    body = bytearray()
    central = bytearray()
    for name, data in parts:
        raw = b"" if isinstance(data, tuple) else data.encode("utf-8") if isinstance(data, str) else data
        if isinstance(data, tuple):  # compressed already (a constant-memory sheet)
            packed, crc, size = data
        elif name == "xl/theme/theme1.xml":
            packed, crc, size = _theme()
        elif name in _REPEATING:  # the same for every receipt: compressed once
            key = f"{name}\n{data}"
            cached = _compressed_cache.get(key)
            if cached is None:
                if len(_compressed_cache) > 256:
                    _compressed_cache.clear()
                cached = _compressed_cache[key] = _packed(raw)
            packed, crc, size = cached
        else:
            packed, crc, size = _packed(raw)
        encoded = name.encode("utf-8")
        offset = len(body)
        flags = 0x800 if not encoded.isascii() else 0
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, _ZIP_TIME[0], _ZIP_TIME[1], crc, len(packed), size,
                            len(encoded), 0)  # fmt: skip
        body += encoded
        body += packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, 8, _ZIP_TIME[0], _ZIP_TIME[1], crc,
                               len(packed), size, len(encoded), 0, 0, 0, 0, 0o600 << 16, offset)  # fmt: skip
        central += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(body), 0)
    return bytes(body + central + end)


class _Deflater:
    """A constant-memory sheet's rows, compressed as they are written. The sheet's head (dimension, panes,
    columns) is only known at the end: head, rows and tail are compressed as separate deflate runs joined in
    order (each run flushed to a byte boundary, none marked final but the last), and their CRC-32s combined.

    The rows are compressed in a thread of their own: zlib and crc32 release the interpreter lock, so on a
    machine with two cores a 50,000-row ledger is compressed while its next rows are being built (0.8 s of its
    3.5 s). At most `QUEUED` pieces wait, so memory stays constant."""

    LEVEL = 3  # the rows of a big ledger: several times faster than level 6 for a slightly larger file
    QUEUED = 4

    def __init__(self) -> None:
        self.packer = zlib.compressobj(self.LEVEL, zlib.DEFLATED, -15)
        self.chunks: list[bytes] = []
        self.crc = 0
        self.size = 0
        self._queue: queue.Queue[bytes | None] | None = None
        self._thread: threading.Thread | None = None
        self._failed: BaseException | None = None

    def write(self, data: bytes) -> None:
        if self._failed is not None:
            raise self._failed
        if self._queue is None:
            self._queue = queue.Queue(self.QUEUED)
            self._thread = threading.Thread(target=self._work, name="xlflow-deflate", daemon=True)
            self._thread.start()
        self._queue.put(data)

    def _work(self) -> None:
        assert self._queue is not None
        while True:
            data = self._queue.get()
            if data is None:
                return
            if self._failed is not None:
                continue  # drain what is queued; the writer raises
            try:
                self.chunks.append(self.packer.compress(data))
                self.crc = zlib.crc32(data, self.crc)
                self.size += len(data)
            except BaseException as exc:  # handed to the writing thread, which raises it
                self._failed = exc

    def close(self) -> None:
        """Wait for the rows queued so far (and stop the thread); raise what compressing them raised."""
        if self._queue is not None and self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._queue = self._thread = None
        if self._failed is not None:
            raise self._failed

    def around(self, head: bytes, tail: bytes) -> tuple[bytes, int, int]:
        """The whole part: head + rows + tail, as (deflate data, CRC-32, size)."""
        self.close()
        first = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed_head = first.compress(head) + first.flush(zlib.Z_SYNC_FLUSH)
        self.chunks.append(self.packer.flush(zlib.Z_SYNC_FLUSH))
        last = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed_tail = last.compress(tail) + last.flush(zlib.Z_FINISH)
        crc = crc32_combine(crc32_combine(zlib.crc32(head), self.crc, self.size), zlib.crc32(tail), len(tail))
        return packed_head + b"".join(self.chunks) + packed_tail, crc, len(head) + self.size + len(tail)


def _gf2_times(matrix: list[int], vector: int) -> int:
    total = 0
    i = 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A+B from crc(A), crc(B) and len(B) (zlib's crc32_combine, which Python does not expose)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    while True:
        even = _gf2_square(odd)  # first pass: one zero byte
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2
