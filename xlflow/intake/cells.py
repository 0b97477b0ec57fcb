"""What calamine does not tell of a sheet's cells, read from the file itself: the merged ranges of an .ods, formula
results that are errors (calamine reads #VALUE! as an empty cell), rows hidden or filtered out (自动筛选).

Each reader streams the sheet parts once and costs little more than inflating them when a file has none of these;
sheets are named as calamine names them. .xlsb is not read (none of these facts)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from xlflow.intake.extent import (
    biff_records,
    biff_sheets,
    column_number,
    workbook_stream,
    xlsx_sheets,
    xml_pieces,
)


@dataclass
class CellFacts:
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1), 0-based inclusive
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column), 0-based -> the error's text
    hidden_rows: list[int] = field(default_factory=list)  # 0-based, in order
    hidden_cols: list[int] = field(default_factory=list)  # 0-based (an .xlsx's <col hidden="1">)


def cell_facts(kind: str, data: bytes) -> dict[str, CellFacts]:
    """Sheet name -> its CellFacts ({} for a kind not read)."""
    if kind == "ods":
        return _ods(data)
    if kind in ("xlsx", "xlsm"):
        return _xlsx(data)
    return _xls(data) if kind == "xls" else {}


# -- ODS: content.xml ------------------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CALCEXT_TYPE = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"
_MAX_REPEATS = 1024  # error cells written as one repeated cell: more than any form has columns


def _ods(data: bytes) -> dict[str, CellFacts]:
    """Cells and rows placed by counting them (covered cells too) with their number-rows/columns-repeated: merges
    from number-rows/columns-spanned, errors from calcext:value-type="error" (LibreOffice's; the text shown),
    hidden rows from table:visibility (collapse, filter). Streamed; a table nested in a shape is passed over."""
    from defusedxml.ElementTree import iterparse

    sheets: dict[str, CellFacts] = {}
    depth = row = col = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as part:
        for event, element in iterparse(part, events=("start", "end")):
            tag, get = element.tag, element.get
            if tag == _TABLE + "table":
                depth += 1 if event == "start" else -1
                if event == "start" and depth == 1:
                    row, facts = 0, sheets.setdefault(get(_TABLE + "name", ""), CellFacts())
            elif depth != 1:
                continue
            elif tag == _TABLE + "table-row":
                repeated = _count(get(_TABLE + "number-rows-repeated"))
                if event == "start" and get(_TABLE + "visibility", "visible") != "visible":
                    facts.hidden_rows.extend(range(row, row + min(repeated, _MAX_REPEATS)))
                if event == "end":
                    row += repeated
                    element.clear()
                col = 0
            elif tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                repeated = _count(get(_TABLE + "number-columns-repeated"))
                if event == "end":
                    if get(_CALCEXT_TYPE) == "error":
                        text = "".join(element.itertext()).strip() or "#VALUE!"
                        facts.errors.update(((row, c), text) for c in range(col, col + min(repeated, _MAX_REPEATS)))
                    col += repeated
                    continue
                rows, cols = _count(get(_TABLE + "number-rows-spanned")), _count(get(_TABLE + "number-columns-spanned"))
                if rows > 1 or cols > 1:
                    facts.merged.append((row, col, row + rows - 1, col + cols - 1))
    return sheets


def _count(value: str | None) -> int:
    """An ODS count attribute (number-rows-repeated …): 1 when absent or not a number, as LibreOffice reads it."""
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


# -- xlsx: the worksheet parts --------------------------------------------------------------------------------

# what an error cell or a hidden row writes ("e" may stand for something else: the part is then read for nothing)
_WORTH_READING = (b'"e"', b"'e'", b'hidden="1"', b'hidden="true"', b"hidden='1'", b"hidden='true'")
_TAG = re.compile(rb"""<(/?)(?:[A-Za-z_][\w.\-]*:)?(c|col|row|v)(?=[\s/>])((?:[^<>"']|"[^"]*"|'[^']*')*)>([^<]*)""")
_ATTRS = re.compile(rb"""\b(r|t|hidden|min|max)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]+)")


def _xlsx(data: bytes) -> dict[str, CellFacts]:
    """`<c t="e"><v>#N/A</v></c>` and `<row hidden="1">`, placed as calamine places cells (r="…", else counted);
    a part with neither is only inflated and searched."""
    sheets: dict[str, CellFacts] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name, _visible, info in xlsx_sheets(archive):
            if any(mark in piece for piece in xml_pieces(archive, info) for mark in _WORTH_READING):
                sheets[name] = _xlsx_sheet(xml_pieces(archive, info))
    return sheets


def _xlsx_sheet(pieces: Iterator[bytes]) -> CellFacts:
    facts = CellFacts()
    row = col = 0  # 0-based: the current row, the next cell's column
    error = None  # where the error cell being read is
    for piece in pieces:
        for closing, name, attrs, text in _TAG.findall(piece):
            if closing:
                row, col = (row + 1, 0) if name == b"row" else (row, col)
                continue
            found = {k: a or b for k, a, b in _ATTRS.findall(attrs)}
            if name == b"row":
                row, col = int(found[b"r"]) - 1 if found.get(b"r", b"").isdigit() else row, 0
                if found.get(b"hidden") in (b"1", b"true"):
                    facts.hidden_rows.append(row)
                row += attrs.endswith(b"/")  # <row …/>: no </row> follows
            elif name == b"col" and found.get(b"hidden") in (b"1", b"true") and found.get(b"min", b"").isdigit():
                first = int(found[b"min"]) - 1
                last = int(found[b"max"]) if found.get(b"max", b"").isdigit() else first + 1
                facts.hidden_cols.extend(range(first, min(last, first + _MAX_REPEATS)))
            elif name == b"c":
                ref = _REF.fullmatch(found.get(b"r", b""))
                at = (int(ref[2]) - 1, column_number(ref[1].decode()) - 1) if ref else (row, col)
                error, col = at if found.get(b"t") == b"e" and not attrs.endswith(b"/") else None, at[1] + 1
            elif error is not None and text.strip():  # the <v> of an error cell
                facts.errors[error] = text.decode("utf-8", "replace").strip()
                error = None
    return facts


# -- xls: BIFF records -------------------------------------------------------------------------------------------

_ROW, _FORMULA, _BOOLERR = 0x0208, 0x0006, 0x0205
_BIFF_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}


def _xls(data: bytes) -> dict[str, CellFacts]:
    """ROW records with fDyZero (a hidden or filtered-out row), FORMULA records whose cached result is an error,
    BOOLERR records holding an error, of each sheet's substream."""
    stream = workbook_stream(io.BytesIO(data))
    return {name: _xls_sheet(stream, offset) for name, _visible, offset in biff_sheets(stream)}


def _xls_sheet(stream: bytes, offset: int) -> CellFacts:
    facts = CellFacts()
    for rtype, body, length in biff_records(stream, offset):
        record = stream[body : body + length]
        if rtype == _ROW and length >= 16 and record[12] & 0x20:
            facts.hidden_rows.append(int.from_bytes(record[:2], "little"))
        elif rtype == _FORMULA and length >= 14 and record[6] == 2 and record[12:14] == b"\xff\xff":
            facts.errors[_place(record)] = _BIFF_ERRORS.get(record[8], "#VALUE!")
        elif rtype == _BOOLERR and length >= 8 and record[7] == 1:
            facts.errors[_place(record)] = _BIFF_ERRORS.get(record[6], "#VALUE!")
    return facts


def _place(record: bytes) -> tuple[int, int]:
    return int.from_bytes(record[:2], "little"), int.from_bytes(record[2:4], "little")
