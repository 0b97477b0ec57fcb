"""What every workbook xlflow writes shares: safe text, fixed metadata, formats, A4 print setup, atomic saving.

Text that came from a unit always goes through `write_text`: a string cell, never a formula or a link.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter
from xlsxwriter.utility import xl_range_abs
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlflow.core.text import display_width, safe_sheet_title, safe_text
from xlflow.fsutil import atomic_write_bytes
from xlflow.writers.fingerprint import FINGERPRINT_PROPERTY, FIXED_CREATED

FONT = "宋体"
FONT_SIZE = 11

Target = Path | str | BinaryIO


@contextmanager
def new_workbook(target: Target, *, title: str = "", constant_memory: bool = False,
                 fingerprint: str = "") -> Iterator[Workbook]:
    """An xlsxwriter workbook that never turns text into formulas or links, saved atomically when done;
    `fingerprint` (writers.fingerprint) is stored as a custom document property."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "nan_inf_to_errors": True,
               "in_memory": not constant_memory, "constant_memory": constant_memory}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": title, "author": "xlflow", "created": FIXED_CREATED, "comments": "由 xlflow 生成"})
    book.formats[0].set_font_name(FONT)
    book.formats[0].set_font_size(FONT_SIZE)
    if fingerprint:
        book.set_custom_property(FINGERPRINT_PROPERTY, fingerprint)
    yield book
    book.close()
    data = buffer.getvalue()
    if isinstance(target, str | Path):
        atomic_write_bytes(Path(target), data)
    else:
        target.write(data)


class Formats:
    """The cell formats of xlflow's workbooks (xlsxwriter saves only those a cell uses), 公文 text among
    them: title in bold 宋体, headings in 黑体, body in 仿宋; all built on `props` and `box_props` (a border)."""

    def __init__(self, book: Workbook) -> None:
        self.props: dict[str, object] = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "vcenter"}
        self.box_props = {**self.props, "border": 1}
        base, border = self.props, self.box_props
        self.book = book
        self.title = book.add_format({**base, "bold": True, "font_size": 16, "align": "center"})
        self.label = book.add_format({**base, "bold": True})
        self.header = book.add_format({**border, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#DDEBF7"})
        self.wrap = book.add_format({**border, "text_wrap": True})
        self.plain_row = self.row_formats()
        self.text, self.integer, self.decimal, self.percent, self.center = self.plain_row
        self.subtotal_row = self.row_formats(bold=True, bg_color="#F2F2F2")
        self.subtotal, self.subtotal_int = self.subtotal_row[:2]
        self.date = book.add_format({**border, "num_format": "yyyy-mm-dd", "align": "center"})
        self.date_cn = book.add_format({**border, "num_format": 'yyyy"年"m"月"d"日"', "align": "center"})  # for leaders
        self.datetime = book.add_format({**border, "num_format": "yyyy-mm-dd hh:mm", "align": "center"})
        self.note = book.add_format({**base, "font_color": "#595959", "text_wrap": True, "valign": "top"})
        self.doc_title = book.add_format({**base, "bold": True, "font_size": 18, "align": "center", "text_wrap": True})
        self.doc_heading = book.add_format({**base, "font_name": "黑体", "font_size": 12, "text_wrap": True})
        self.doc_body = book.add_format({**base, "font_name": "仿宋", "font_size": 12, "text_wrap": True, "valign": "top"})
        self.doc_right = book.add_format({**base, "font_name": "仿宋", "font_size": 12, "align": "right"})
        self.score = book.add_format({**border, "num_format": "0.0", "align": "center"})
        self.total_row = self.row_formats(bold=True, bg_color="#D9D9D9")
        self.total, self.total_int, self.total_dec, self.total_pct, self.total_center = self.total_row
        self.below = book.add_format({"font_color": "#C00000"})
        self.sheet_title = book.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
        self.caption = book.add_format({**base, "font_size": 10, "font_color": "#404040", "text_wrap": True})

    def row_formats(self, **shade: object) -> tuple[Any, ...]:
        """A table row's text, integer, decimal, percent and centred cells, `shade` (bold, fill) added."""
        box = {**self.box_props, **shade}
        numbers = [{**box, "num_format": code, "align": "center"} for code in ("#,##0", "#,##0.00", "0.0%")]
        return tuple(self.book.add_format(props) for props in (box, *numbers, {**box, "align": "center"}))

    def count_format(self, value: float) -> Any:
        """A count that may be fractional (a quarterly quota); not "#,##0.##", which shows 4 as "4."."""
        return self.integer if float(value).is_integer() else self.decimal


def write_text(sheet: Worksheet, row: int, col: int, value: object, fmt: Any = None) -> None:
    """Write `value` as a string cell (never a formula), cut to Excel's 32,767 characters; blank when empty."""
    text = safe_text(value)
    if text == "":
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_string(row, col, text, fmt)


def write_value(sheet: Worksheet, row: int, col: int, value: object, fmt: Any = None) -> None:
    """Numbers as numbers, dates as dates, everything else (None: blank) as safe text."""
    if isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    elif isinstance(value, dt.datetime | dt.date):
        sheet.write_datetime(row, col, value, fmt)
    else:
        write_text(sheet, row, col, value, fmt)


def write_row(sheet: Worksheet, row: int, cells: Sequence[tuple[object, Any]], first_col: int = 0) -> None:
    for c, (value, fmt) in enumerate(cells, start=first_col):
        write_value(sheet, row, c, value, fmt)


def rate_cell(rate: float | None, fmt: Any, none_fmt: Any) -> tuple[object, Any]:
    """A rate as a percentage, or "—" when there is none (nothing was due or sent)."""
    return ("—", none_fmt) if rate is None else (rate, fmt)


def add_sheet(book: Workbook, name: str) -> Worksheet:
    return book.add_worksheet(safe_sheet_title(name))


def merge_row(sheet: Worksheet, row: int, last_col: int, text: str, fmt: Any, height: float) -> None:
    sheet.merge_range(row, 0, row, last_col, text, fmt)
    sheet.set_row(row, height)


def write_header(sheet: Worksheet, fmt: Formats, row: int, headers: Sequence[str], first_col: int = 0,
                 height: float | None = None) -> None:
    for c, name in enumerate(headers, start=first_col):
        write_text(sheet, row, c, name, fmt.header)
    if height is not None:
        sheet.set_row(row, height)


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)


def list_rule(values: Sequence[str], title: str, **options: object) -> dict[str, object]:
    """A drop-down of `values` (`options` add to or replace its keys)."""
    message = "请从下拉列表选择：" + "、".join(values)
    return {"validate": "list", "source": list(values), "error_title": title, "error_message": message, **options}


def date_rule(title: str, message: str, first: dt.date = dt.date(2000, 1, 1), last: dt.date = dt.date(2099, 12, 31),
              **options: object) -> dict[str, object]:
    return {"validate": "date", "criteria": "between", "minimum": first, "maximum": last, "error_title": title,
            "error_message": message, **options}


def define_range(book: Workbook, name: str, sheet: str, first_row: int, col: int, last_row: int | None = None) -> None:
    """A workbook-level name for a cell (or a column's rows `first_row`..`last_row`) of sheet `sheet`."""
    book.define_name(name, f"='{sheet}'!{xl_range_abs(first_row, col, first_row if last_row is None else last_row, col)}")


def fit_columns(sheet: Worksheet, rows: list[list[object]], *, minimum: float = 6, maximum: float = 60) -> list[float]:
    """Each column as wide as its longest value (bounded), so Chinese text and numbers never show ####."""
    longest = [max((display_width(r[c]) for r in rows if c < len(r) and r[c] is not None), default=0)
               for c in range(max((len(r) for r in rows), default=0))]
    widths = [min(max(minimum, width + 2), maximum) for width in longest]
    set_widths(sheet, widths)
    return widths


def setup_print(sheet: Worksheet, *, landscape: bool = False, repeat_rows: tuple[int, int] | None = None,
                one_page: bool = False, header: str = "", footer: str | None = "&C第 &P 页，共 &N 页",
                area: tuple[int, int] | None = None) -> None:
    """A4, one page wide (`one_page`: and tall), header rows repeated, page numbers in the footer (None: no
    footer at all); `area` is the last row and column printed."""
    sheet.set_paper(9)
    if landscape:  # portrait is xlsxwriter's default
        sheet.set_landscape()
    sheet.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    if repeat_rows is not None:
        sheet.repeat_rows(*repeat_rows)
    sheet.fit_to_pages(1, 1 if one_page else 0)
    if header:
        sheet.set_header(f"&C&\"{FONT},Regular\"{header}")
    if footer is not None:
        sheet.set_footer(footer)
    sheet.center_horizontally()
    if area is not None:
        sheet.print_area(0, 0, *area)
