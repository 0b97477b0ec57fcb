"""What the table sheets (通报, 工作底稿, 奖励计算表, 通讯员名册) share: a titled sheet, a table whose widths fit
its content and whose wrapped rows are tall enough, and its print setup."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlflow.writers.base import Formats, add_sheet, display_width, setup_print, write_header, write_value


def sheet_title(sheet: Worksheet, fmt: Formats, ncols: int, title: str, caption: str, *, height: float = 26,
                caption_height: float | None = None, caption_cols: int | None = None) -> None:
    """Title over `ncols` columns, the caption under it over the first `caption_cols` (all by default)."""
    sheet.merge_range(0, 0, 0, ncols - 1, title, fmt.sheet_title)
    sheet.set_row(0, height)
    sheet.merge_range(1, 0, 1, (caption_cols or ncols) - 1, caption, fmt.caption)
    if caption_height is not None:
        sheet.set_row(1, caption_height)


def table_print(sheet: Worksheet, *, ncols: int, last_row: int, title: str, landscape: bool = True,
                one_page: bool = False) -> None:
    """Header (row 3) frozen, A4 with the header repeated, one page wide (`one_page`: and tall)."""
    sheet.freeze_panes(3, 0)
    setup_print(sheet, landscape=landscape, repeat_rows=(2, 2), one_page=one_page, header=title,
                area=(max(last_row, 2), ncols - 1))


def text_lines(text: object, width: float, margin: float = 1.5) -> int:
    """Printed lines of `text` in a wrapped cell `width` wide (CJK counts two), `margin` of it unused."""
    usable = max(1.0, width - margin)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in str(text).split("\n"))


@dataclass(frozen=True)
class Formula:
    """A live formula and the value it has now (written as the cached result)."""

    text: str
    value: float


@dataclass(frozen=True)
class Col:
    header: str
    style: str = "text"  # a Formats attribute (text, wrap, center, integer, date, money0 …) or count
    max_width: float = 40
    min_width: float = 6


def _shown(value: object) -> str:
    """What a cell of `value` (or of a (value, format) pair) shows, as wide as its number format makes it."""
    if isinstance(value, tuple):
        value = value[0]
    if value is None:
        return ""
    if isinstance(value, Formula):
        return f"{value.value:,.0f}"
    if isinstance(value, dt.datetime):
        return "2015-03-05 08:30"
    if isinstance(value, dt.date):
        return "2015-03-05"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def write_table(sheet: Worksheet, fmt: Any, first_row: int, cols: Sequence[Col], rows: Sequence[Sequence[object]],
                *, header_height: float | None = 22, margin: float = 1.5, by_line: bool = False) -> list[float]:
    """Header at `first_row`, then `rows`: a `Formula` with its cached value, a (value, format) pair in a
    format of its own. Widths fit the content (`by_line`: a text's longest line); wrapped rows are made tall
    enough, `margin` of a column's width left unused."""
    widths: list[float] = []
    for c, col in enumerate(cols):
        texts = [_shown(r[c]) for r in rows if c < len(r)]
        shown = [line for text in texts for line in text.split("\n")] if by_line else texts
        longest = max(display_width(text) for text in (col.header, *shown)) + 2
        widths.append(min(max(longest, col.min_width), col.max_width))
        sheet.set_column(c, c, widths[-1])
    write_header(sheet, fmt, first_row, [col.header for col in cols], height=header_height)
    for i, values in enumerate(rows, start=first_row + 1):
        lines = 1
        for c, (col, value) in enumerate(zip(cols, values, strict=False)):
            if isinstance(value, tuple):
                value, style = value
            else:
                style = fmt.count_format(value) if col.style == "count" else getattr(fmt, col.style)
            if isinstance(value, Formula):
                sheet.write_formula(i, c, value.text, style, value.value)
            else:
                write_value(sheet, i, c, value, style)
            if col.style == "wrap" and isinstance(value, str):
                lines = max(lines, text_lines(value, widths[c], margin))
        if lines > 1:
            sheet.set_row(i, 15 * lines + 3)
    return widths


def table_sheet(book: Workbook, fmt: Formats, name: str, cols: Sequence[Col], rows: Sequence[Sequence[object]], *,
                title: str, caption: str, empty: str, header: str) -> Worksheet:
    """A sheet that is one table under `title` and `caption` (`empty` when it has no rows), in landscape."""
    sheet = add_sheet(book, name)
    sheet_title(sheet, fmt, len(cols), title, caption)
    widths = write_table(sheet, fmt, 2, cols, rows)
    if (lines := text_lines(caption, sum(widths))) > 1:  # a long caption wraps: Excel does not grow the row itself
        sheet.set_row(1, 13 * lines + 3)
    if not rows:
        sheet.merge_range(3, 0, 3, len(cols) - 1, empty, fmt.center)
    table_print(sheet, ncols=len(cols), last_row=2 + max(1, len(rows)), title=header)
    return sheet
