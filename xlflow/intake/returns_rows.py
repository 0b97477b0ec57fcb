"""The article rows under a header: blank, note, footer, numbering and repeated header rows left out, cells merged
down several rows filled in, and a finding (F14) for a row with content that is not an article."""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlflow.core.dates import parse_date
from xlflow.core.errors import InputFileError
from xlflow.core.model import WARNING, Finding, RawRow
from xlflow.core.schema import COLUMNS_BY_KEY
from xlflow.core.text import clean_cell, column_letter, squash
from xlflow.intake.returns_header import UNIT_COLUMN, column_key, has_text, is_header
from xlflow.intake.workbook import map_columns
from xlflow.settings import Settings

SUBSTANTIVE_KEYS = ("title", "date", "category", "body", "chars")  # a row with none of these is not an article
PREFILLED_KEYS = frozenset({"seq", "reporter", "channel", "urgency"})  # what a blank template row may hold


_NOTE = re.compile(
    r"^(注[:\d一二三意①]|备注[:]|说明[:]|填表说明|填报说明|填表人|填报人|制表人|制表[:]|审核人[:]|审签人[:]|签发人[:]"
    r"|负责人[:]|单位负责人|联系人|联系电话|电话[:]|手机|合计|小计|总计|共计|以上|示例|填写示例|例[:])"
)


def _is_numbering_row(cells: dict[int, object]) -> bool:
    """The 1 2 3 4 … row some forms put under the header."""
    numbers = []
    for value in cells.values():
        if isinstance(value, str) and squash(value).isdigit():
            value = int(squash(value))
        if not isinstance(value, int | float) or isinstance(value, bool) or not float(value).is_integer():  # NaN, 1.5
            return False
        numbers.append(int(value))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _is_note(cells: dict[int, object], columns: dict[str, int], worded: bool) -> bool:
    """A footer or note row: `worded` (注：…, 填表人：…, 合计), or one lone cell outside the title, date and body
    columns; never a row with a readable date."""
    lone = len(cells) == 1 and next(iter(cells)) not in {columns.get("title"), columns.get("date"), columns.get("body")}
    date_col = columns.get("date")
    return (worded or lone) and not (date_col in cells and any(parse_date(cells[date_col], y).value for y in (None, 2000)))


def fill_merged(rows: list[list[object]], merged: Sequence[tuple[int, int, int, int]], start: int) -> None:
    """Copy the value of a cell merged down several data rows into each row of the merge (its first column only:
    a merge across columns is one cell, so a merged footer does not become a row full of copies)."""
    for r0, c0, r1, _c1 in merged:
        if r1 <= r0 or r1 < start or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(max(r0 + 1, start), min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 < len(row) and not has_text(row[c0]):
                row[c0] = value


def too_many_rows(name: str, sheet: str, settings: Settings) -> InputFileError:
    return InputFileError(
        f"{name}：工作表“{sheet}”的信息超过 {settings.max_rows_per_sheet} 行，过多，无法安全读取："
        "请核对是否误粘贴了大量内容，删除多余行后重新报送",
        code="F10",
    )


def article_rows(
    rows: list[list[object]], start: int, columns: dict[str, int], settings: Settings, name: str, sheet: str
) -> tuple[list[RawRow], list[str], list[Finding]]:
    """The article rows below the header (to the sheet's last row), the 报送单位 column's values, and a finding for
    each row with content that is neither an article nor a footer nor a prefilled template row."""
    keys = {k: c for k, c in columns.items() if k != UNIT_COLUMN}
    letters = {k: column_letter(c) for k, c in keys.items()}
    by_column = {c: k for k, c in keys.items()}
    title_col, chars_col = columns["title"], columns.get("chars")
    out: list[RawRow] = []
    unit_values: list[str] = []
    skipped: list[Finding] = []
    for r in range(start, len(rows)):
        row = rows[r]
        cells = {  # a 字数 of 0: what LibreOffice keeps of the template's formula in an empty row of an .xls
            c: v for c, v in enumerate(row)
            if v is not None and (not isinstance(v, str) or v.strip()) and not (c == chars_col and v == 0)
        }  # fmt: skip
        if not cells or r == start and _is_numbering_row(cells):
            continue
        first = cells[min(cells)]
        worded = isinstance(first, str) and _NOTE.match(squash(first)) is not None
        note = _is_note(cells, columns, worded)
        if not note and column_key(cells.get(title_col)) == "title" and is_header(map_columns(row, column_key)):
            continue  # the header pasted again
        values = {k: cells.get(c) for k, c in keys.items()}
        if note or all(values.get(k) is None for k in SUBSTANTIVE_KEYS):
            # not an article: F14 unless a worded note (注：…, 合计) or what a blank template row holds
            if not worded and not _prefilled(cells, by_column):
                skipped.append(_skipped_row(name, sheet, r + 1, cells, by_column))
            continue
        if len(out) >= settings.max_rows_per_sheet:
            raise too_many_rows(name, sheet, settings)
        refs = {key: letter + str(r + 1) for key, letter in letters.items()}  # key -> A1 reference
        out.append(RawRow(r + 1, values, refs, sheet))
        if has_text(unit := cells.get(columns.get(UNIT_COLUMN))):
            unit_values.append(clean_cell(unit))
    return out, unit_values, skipped


def _prefilled(cells: dict[int, object], by_column: dict[int, str]) -> bool:
    """Only what a blank template row holds: 序号, the correspondent, 报送方式, 紧急程度, or a column without a name."""
    return all(by_column.get(c) in PREFILLED_KEYS or c not in by_column and not has_text(v) for c, v in cells.items())


def _skipped_row(name: str, sheet: str, row: int, cells: dict[int, object], by_column: dict[int, str]) -> Finding:
    filled = "、".join(
        COLUMNS_BY_KEY[by_column[c]].name if c in by_column else f"{column_letter(c)} 列" for c in sorted(cells)
    )
    return Finding(
        name, sheet, row, "", "", "F14", WARNING,
        f"第 {row} 行只填了 {filled}，没有信息标题、报送日期和正文，未作为信息读取：如是一条信息，请在同一行补全后重新报送",
    )  # fmt: skip
