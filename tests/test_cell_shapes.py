"""What a cell says beyond its value: merged ranges of an .ods (LibreOffice), formulas whose result is an error,
rows the correspondent hid or filtered out. Read through the library and consolidated through the CLI."""

from __future__ import annotations

from pathlib import Path

from xlflow.intake.workbook import open_book

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_merged_ranges_of_an_ods_are_read_sheet_by_sheet() -> None:
    """merged_cells.ods (LibreOffice): covered cells, repeated columns and two blank rows written as one repeated
    row all placed as LibreOffice shows them; the 填表说明 sheet's B4:B8 stays on that sheet."""
    book = open_book(FIXTURES / "merged_cells.ods")
    merged = {sheet.name: sorted(sheet.merged) for sheet in book.sheets}
    assert merged == {
        "填表说明": [(0, 0, 0, 2), (3, 1, 7, 1)],  # A1:C1, B4:B8
        "信息报送登记表": [(0, 0, 0, 13), (3, 1, 5, 1), (3, 7, 5, 7), (3, 8, 5, 8),  # A1:N1, B4:B6, H4:H6, I4:I6
                     (8, 1, 9, 1), (8, 7, 9, 7), (8, 8, 9, 8)],  # B9:B10, H9:H10, I9:I10
    }
