"""Pre-flight, before any parser sees a file: what it really is (sniff), its zip limits and DTDs (zipcheck),
how far each sheet's values reach (extent). ODS and XLSB are not measured: read them via `sandbox`."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from xlflow.core.text import column_letter
from xlflow.intake import extent, sniff, zipcheck
from xlflow.intake.folder import is_owner_name
from xlflow.intake.messages import HIDDEN_SHEET, read_failure, refuse, size_text
from xlflow.intake.sniff import InputKind

KB, MB = 1024, 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much a file may claim before it is refused unread. Sizes are bytes, as declared in the zip directory."""

    max_file_bytes: int = 100 * MB
    max_entries: int = 2_000
    max_total_bytes: int = 200 * MB
    max_entry_bytes: int = 200 * MB
    max_ratio: float = 200.0  # honest workbooks compress 12-50:1; a deflate bomb of identical rows ~335:1
    ratio_floor_bytes: int = 1 * MB  # the ratio is judged only for parts larger than this
    max_prolog_bytes: int = 64 * KB  # what may precede an XML part's root element
    max_cells: int = 5_000_000  # rows × columns up to a sheet's farthest value: ~160 MB inside calamine


DEFAULT_LIMITS = Limits()
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, OSError, zlib.error)


def inspect_input(path: Path, *, limits: Limits = DEFAULT_LIMITS, data: bytes | None = None) -> InputKind:
    """What `path` (or its content `data`) really is; InputFileError (F1/F2/F3/F4/F10) when it must not be
    parsed. Reads the zip directory and a few KB per part, never a whole sheet."""
    return check_input(path, data=data, limits=limits, measure=False)


def check_input(
    path: Path, *, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS, name: str = "", measure: bool = True
) -> InputKind:
    """inspect_input, then F10 when the grid calamine would allocate for a sheet (hidden ones too) holds more
    than `limits.max_cells` cells. Messages name the file `name` (default: its file name)."""
    name = name or path.name
    try:
        with io.BytesIO(data) if data is not None else path.open("rb") as handle:
            kind, far = _inspect(path, name, handle, limits, measure)
    except OSError as exc:  # the file could not be read now; bytes in memory that fail so are damaged
        raise (read_failure(name, exc) if data is None else refuse(name, "corrupt")) from exc
    if far is not None:
        sheet, visible, reach = far
        fields = {"rows": reach.rows, "cols": reach.cols, "cells": reach.cells, "column": column_letter(reach.cols - 1)}
        raise refuse(name, "far_cells", sheet=sheet, hidden="" if visible else HIDDEN_SHEET, limit=limits.max_cells, **fields)
    return kind


def _inspect(path: Path, name: str, handle: BinaryIO, limits: Limits, measure: bool) -> tuple[InputKind, extent.FarSheet | None]:
    size = handle.seek(0, io.SEEK_END)
    handle.seek(0)
    head = handle.read(8 * KB)
    if is_owner_name(path.name) and not head.startswith((*sniff.ZIP_MAGICS, sniff.OLE2_MAGIC)):
        raise refuse(name, "lock_file")
    if size == 0:
        raise refuse(name, "empty")
    if size > limits.max_file_bytes:
        raise refuse(name, "file_too_big", size=size_text(size), limit=size_text(limits.max_file_bytes))
    if head.startswith(sniff.OLE2_MAGIC):
        kind = sniff.ole2_kind(name, handle)
        try:
            return kind, extent.xls_too_far(handle, limits.max_cells) if measure else None
        except (OSError, ValueError, struct.error) as exc:
            raise refuse(name, "corrupt") from exc
    if not head.startswith(sniff.ZIP_MAGICS):
        raise sniff.not_a_workbook(name, head)
    try:
        with zipcheck.open_zip(name, handle, size, limits) as archive:
            kind = sniff.zip_kind(name, archive)
            zipcheck.check_xml_parts(name, archive, limits)
            measured = measure and kind in ("xlsx", "xlsm")
            return kind, extent.xlsx_too_far(archive, limits.max_cells) if measured else None
    except _ZIP_ERRORS as exc:
        raise refuse(name, "corrupt") from exc
