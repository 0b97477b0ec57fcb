"""How far each sheet's values reach (hidden sheets too): the grid calamine will allocate.

calamine builds a dense grid up to the last cell holding a value, 32 bytes a cell: one stray value at
XFD1048576 asks for 512 GiB and the process aborts (SIGABRT, no Python exception), a whole consolidate with
it. No library answers this first, so cells are placed here as calamine places them; empty ones (`<c …/>`,
`<c …></c>`, BLANK, MULBLANK) do not count. xlsx/xlsm: the worksheet parts calamine opens, inflated in
pieces. xls: the value records of each sheet's substream (MULRK by its last column).
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from defusedxml.ElementTree import ParseError, fromstring

MB = 1024 * 1024


@dataclass(frozen=True)
class Extent:
    """The last row and column (1-based) holding a value; 0 when none."""

    rows: int = 0
    cols: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.cols


FarSheet = tuple[str, bool, Extent]  # a sheet's name, whether it is visible, how far its values reach


def xlsx_too_far(archive: zipfile.ZipFile, max_cells: int) -> FarSheet | None:
    """The first sheet whose grid up to its farthest value holds more than `max_cells` cells."""
    for name, visible, info in xlsx_sheets(archive):
        extent = xml_extent(lambda info=info: xml_pieces(archive, info))  # type: ignore[misc]
        if extent is SCREEN_BOUND and extent.cells > max_cells:
            extent = exact_extent(xml_pieces(archive, info))
        if extent.cells > max_cells:
            return name, visible, extent
    return None


def xls_too_far(handle: BinaryIO, max_cells: int) -> FarSheet | None:
    """As xlsx_too_far, for an .xls; None for an encrypted one (calamine refuses it with a PasswordError)."""
    stream = workbook_stream(handle)
    measured = [(name, visible, _biff_sheet_extent(stream, offset)) for name, visible, offset in biff_sheets(stream)]
    return next((sheet for sheet in measured if sheet[2].cells > max_cells), None)


# -- worksheet XML -----------------------------------------------------------------------------------------------

_SCREEN = re.compile(rb'<c(?! r="[A-Za-z][0-9]{1,5}")[\s>]')
_SCREEN_PREFIXED = re.compile(rb":c[\s>]")
SCREEN_BOUND = Extent(99_999, 26)
_TAG = re.compile(rb"""<(/?)(?:[A-Za-z_][\w.\-]*:)?(c|row)(?=[\s/>])((?:[^<>"']|"[^"]*"|'[^']*')*)>""")
_ATTR_R = re.compile(rb"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_EMPTY_CELL = re.compile(rb"\s*</(?:[A-Za-z_][\w.\-]*:)?c\s*>")
_REF = re.compile(rb"([A-Za-z]*)([0-9]+)")


def xml_extent(pieces: Callable[[], Iterable[bytes]]) -> Extent:
    """How far the values of a worksheet part reach; `pieces()` yields its XML cut before a '<'. When every
    cell is written `<c r="A12"` (one letter, at most five digits) the answer is that bound, SCREEN_BOUND."""
    if any(_SCREEN.search(piece) or _SCREEN_PREFIXED.search(piece) for piece in pieces()):
        return exact_extent(pieces())
    return SCREEN_BOUND


def exact_extent(pieces: Iterable[bytes]) -> Extent:
    """The extent as calamine computes it: a cell's place from its r="…", else from the row's r and the cells
    before it; a cell counts when anything but whitespace stands between <c> and </c>."""
    rows = cols = 0
    row_index = col_index = 0  # 0-based, as calamine counts
    for piece in pieces:
        for tag in _TAG.finditer(piece):
            closing, name, attrs = tag.groups()
            if closing:
                if name == b"row":
                    row_index, col_index = row_index + 1, 0
                continue
            if attrs.endswith(b"/"):
                continue  # an empty element: calamine does not see it
            found = _ATTR_R.search(attrs)
            ref = _REF.fullmatch(found.group(1) if found.group(1) is not None else found.group(2)) if found else None
            if name == b"row":
                if ref and int(ref.group(2)) > 0:
                    row_index = int(ref.group(2)) - 1
                continue
            if found:
                if not ref or not ref.group(1) or int(ref.group(2)) == 0:
                    continue  # calamine refuses the reference: the file fails to read, harmlessly
                row, col = int(ref.group(2)), column_number(ref.group(1).decode())
                col_index = col - 1
            else:
                row, col = row_index + 1, col_index + 1
            col_index += 1
            if not _EMPTY_CELL.match(piece, tag.end()):
                rows, cols = max(rows, row), max(cols, col)
    return Extent(rows, cols)


def column_number(letters: str) -> int:
    """The 1-based column of A1-style letters: A -> 1, xfd -> 16384."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def xml_pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part inflated piece by piece (never past its declared size), each cut before its last '<', so that
    no tag is split between two pieces."""
    carry = b""
    with archive.open(info) as part:
        while piece := part.read(4 * MB):
            piece = carry + piece
            cut = max(piece.rfind(b"<"), 0)
            if cut:
                yield piece[:cut]
            carry = piece[cut:]
    if carry:
        yield carry


def xlsx_sheets(archive: zipfile.ZipFile) -> list[tuple[str, bool, zipfile.ZipInfo]]:
    """(name, visible, part) of the sheets calamine finds, its way: workbook.xml's <sheet> elements through
    its rels ("/xl/…" and "xl/…" as given, else under xl/), case ignored, backslashes as slashes; failing
    that, every part under xl/worksheets/."""
    exact = {info.filename: info for info in archive.infolist()}
    folded = {info.filename.replace("\\", "/").lower(): info for info in reversed(archive.infolist())}

    def find(name: str) -> zipfile.ZipInfo | None:
        return exact.get(name) or folded.get(name.lower())

    sheets: list[tuple[str, bool, zipfile.ZipInfo]] = []
    book, rels = find("xl/workbook.xml"), find("xl/_rels/workbook.xml.rels")
    if book is not None and rels is not None:
        try:
            targets = {rel.get("Id"): rel.get("Target", "") for rel in fromstring(_head(archive, rels)).iter() if _local(rel.tag) == "Relationship"}
            for sheet in fromstring(_head(archive, book)).iter():
                if _local(sheet.tag) != "sheet":
                    continue
                target = targets.get(next((v for k, v in sheet.attrib.items() if k.endswith("}id")), ""), "")
                part = target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else f"xl/{target}"
                if target and (info := find(part)) is not None:
                    sheets.append((sheet.get("name", part), sheet.get("state", "visible") == "visible", info))
        except (ParseError, ValueError):
            sheets = []
    return sheets or [(name.rsplit("/", 1)[-1], True, info) for name, info in folded.items() if name.startswith("xl/worksheets/") and name.endswith(".xml")]


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as part:
        return part.read(4 * MB)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# -- BIFF (xls) --------------------------------------------------------------------------------------------------

# records holding a cell value: FORMULA, RSTRING, LABELSST, NUMBER, LABEL, BOOLERR, RK (BLANK and MULBLANK, which
# only format a cell, are left out as calamine leaves them)
_BIFF_VALUES = frozenset({0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E})
_MULRK, BIFF_BOUNDSHEET, BIFF_EOF, _FILEPASS = 0x00BD, 0x0085, 0x000A, 0x002F
_HH = struct.Struct("<HH").unpack_from


def workbook_stream(handle: BinaryIO) -> bytes:
    """The Workbook stream (BIFF5: Book) of an OLE2 file; b"" when there is none."""
    import olefile

    handle.seek(0)
    ole = olefile.OleFileIO(handle)
    book = next((name for name in ("Workbook", "Book") if ole.exists(name)), None)
    return ole.openstream(book).read() if book else b""


def biff_records(stream: bytes, pos: int = 0) -> Iterator[tuple[int, int, int]]:
    """(type, offset of the body, length) of each BIFF record from `pos` to the end of its substream (EOF)."""
    while pos + 4 <= len(stream):
        rtype, length = _HH(stream, pos)
        yield rtype, pos + 4, length
        if rtype == BIFF_EOF:
            return
        pos += 4 + length


def biff_sheets(stream: bytes) -> list[tuple[str, bool, int]]:
    """(name, visible, offset of its substream) of each sheet the globals list; none for an encrypted workbook."""
    sheets = []
    for rtype, body, length in biff_records(stream):
        if rtype == _FILEPASS:
            return []
        if rtype == BIFF_BOUNDSHEET and length >= 8:  # offset, state, type, name
            offset, state, _type, cch, high = struct.unpack_from("<IBBBB", stream, body)
            raw = stream[body + 8 : body + 8 + cch * (2 if high & 1 else 1)]
            sheets.append((raw.decode("utf-16-le" if high & 1 else "latin-1", errors="replace"), state & 3 == 0, offset))
    return sheets


def _biff_sheet_extent(stream: bytes, pos: int) -> Extent:
    rows = cols = 0
    for rtype, body, length in biff_records(stream, pos):
        if rtype in _BIFF_VALUES and length >= 4:
            row, col = _HH(stream, body)
        elif rtype == _MULRK and length >= 6:
            row, col = _HH(stream, body)[0], _HH(stream, body + length - 2)[0]
        else:
            continue
        rows, cols = max(rows, row + 1), max(cols, col + 1)
    return Extent(rows, cols)
