"""Reading two workbooks back with openpyxl and comparing what a person would see: cells, formats, sheet setup."""

from __future__ import annotations

import io

import openpyxl


def cells(sheet) -> list[tuple]:  # type: ignore[no-untyped-def]
    out = []
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        for c in row:
            out.append((
                c.coordinate, c.value, c.data_type, c.number_format, c.font.b, c.font.sz, c.font.name,
                c.font.color.rgb if c.font.color is not None else None, c.fill.patternType, c.fill.fgColor.rgb,
                c.border.left.style, c.border.bottom.style, c.alignment.horizontal, c.alignment.vertical,
                c.alignment.wrap_text,
            ))  # fmt: skip
    return out


def settings(sheet) -> tuple:  # type: ignore[no-untyped-def]
    return (
        sheet.dimensions, sheet.freeze_panes, sheet.auto_filter.ref, sheet.print_area, sheet.print_title_rows,
        sorted(str(m) for m in sheet.merged_cells.ranges),
        {k: v.width for k, v in sheet.column_dimensions.items() if v.customWidth},
        {k: v.height for k, v in sheet.row_dimensions.items() if v.height},
        sheet.page_setup.orientation, sheet.page_setup.paperSize, sheet.page_setup.fitToHeight,
        sheet.page_setup.fitToWidth, sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.print_options.horizontalCentered,
        (sheet.page_margins.left, sheet.page_margins.right, sheet.page_margins.top, sheet.page_margins.bottom),
        sheet.oddHeader.center.text, sheet.oddFooter.center.text,
    )  # fmt: skip



def assert_same_workbook(data: bytes, reference: bytes) -> None:
    """Same sheets in the same order, every cell and sheet setting equal."""
    fast = openpyxl.load_workbook(io.BytesIO(data))
    ref = openpyxl.load_workbook(io.BytesIO(reference))
    assert fast.sheetnames == ref.sheetnames
    for name in ref.sheetnames:
        assert cells(fast[name]) == cells(ref[name]), name
        assert settings(fast[name]) == settings(ref[name]), name


def write_sheets(path, sheets: dict[str, list[list[object]]], *, hidden: tuple[str, ...] = ()) -> None:  # type: ignore[no-untyped-def]
    """A workbook of plain rows, one sheet per entry in order (openpyxl: no xlflow code), `hidden` sheets hidden."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
