"""Helpers for the setup tests: read back what the writers put in a workbook (openpyxl), build small inputs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xlflow.core.schema import UnitRow


def load(path: Path) -> Workbook:
    return openpyxl.load_workbook(path)


def row_values(ws: Worksheet, row: int) -> list[object]:
    """Values of one 1-based row, trailing blanks dropped."""
    values = [c.value for c in ws[row]]
    while values and values[-1] is None:
        values.pop()
    return values


def validation_at(ws: Worksheet, cell: str) -> DataValidation:
    """The one data validation covering `cell` (fails when there is none or more than one)."""
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{ws.title}!{cell}: {len(found)} validations"
    return found[0]


def list_items(dv: DataValidation) -> list[str]:
    """The items of an inline list validation: '"a,b,c"' -> [a, b, c]."""
    assert dv.type == "list"
    text = dv.formula1
    assert text.startswith('"') and text.endswith('"'), text
    return text[1:-1].split(",")


def named_cell(book: Workbook, name: str) -> tuple[str, str]:
    """(sheet title, 'B4') a workbook-level defined name points at."""
    destinations = list(book.defined_names[name].destinations)
    assert len(destinations) == 1, destinations
    sheet, ref = destinations[0]
    return sheet, ref.replace("$", "")


def named_range(book: Workbook, name: str) -> list[object]:
    """Values of the cells a defined name covers, row by row."""
    (sheet, ref), = book.defined_names[name].destinations
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    ws = book[sheet]
    return [ws.cell(r, c).value for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]


def column_width(ws: Worksheet, index: int) -> float | None:
    """Width of the 1-based column `index` (xlsxwriter writes neighbours of equal width as one <col> range)."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.max is not None and dim.min <= index <= dim.max and dim.customWidth:
            return float(dim.width)
    return None


def fit_to(ws: Worksheet) -> tuple[int, int]:
    """(pages wide, pages tall) when the sheet is set to fit; openpyxl leaves Excel's default 1 as None."""
    assert ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    width, height = ws.page_setup.fitToWidth, ws.page_setup.fitToHeight
    return (1 if width is None else int(width), 1 if height is None else int(height))


def zip_parts(data: bytes) -> dict[str, bytes]:
    """The uncompressed parts of an xlsx (what it says, independent of how zlib compressed it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_roster(path: Path, people: dict[str, str]) -> Path:
    """A minimal 通讯员名册.xlsx as `xlflow register` writes it: a title row, then 单位名称 / 姓名."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("通讯员名册")
    sheet.write_row(0, 0, ["通讯员名册"])
    sheet.write_row(1, 0, ["序号", "单位名称", "姓名", "移动电话"])
    for i, (unit, name) in enumerate(people.items(), start=1):
        sheet.write_row(1 + i, 0, [i, unit, name, "13800000000"])
    book.close()
    return path


def small_table(*names: str) -> list[UnitRow]:
    """A quota table of a few monthly units with the given names (another city, or hostile names)."""
    return [UnitRow(name, "委业务科室", "委综合法规科", 2, 24, ()) for name in names]
