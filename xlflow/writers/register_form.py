"""The correspondent register form (附件二 通讯员登记表), laid out like the paper form on one A4 portrait page.
Every input cell has a defined name (`schema.REGISTER_FIELDS`): the reader finds it whatever the layout
became. Input cells are unlocked, the rest is protected without a password.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from xlflow.core.schema import EDUCATION_LEVELS, GENDERS, REGISTER_FIELDS, REGISTER_TITLE
from xlflow.settings import Settings
from xlflow.writers.base import (
    FONT,
    Target,
    add_sheet,
    date_rule,
    define_range,
    list_rule,
    merge_row,
    new_workbook,
    set_widths,
    setup_print,
    write_text,
)

SHEET = "通讯员登记表"
BIRTH_FORMAT = 'yyyy"年"m"月"'
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
WIDTHS = (13, 20, 11, 16, 11, 20)  # A..F: label, value, label, value, label, value

# labels as the paper form prints them (readers rely on the defined names, not on these)
PAPER_LABELS = {
    "unit": "科室\n（单位）", "name": "姓　名", "gender": "性　别", "birth": "出生\n年月", "major": "所学\n专业",
    "education": "学　历", "hometown": "籍　贯", "address": "通讯\n地址", "phone": "固定\n电话", "fax": "传　真",
    "mobile": "移动\n电话", "email": "邮　箱", "resume": "本人\n工作\n简历", "recommendation": "单位\n推荐\n意见",
}  # fmt: skip


class Slot(NamedTuple):
    """Where one field's input cell is (0-based; a merged cell's first column)."""

    row: int
    first: int


# one line of the paper form per tuple: (row, height, fields as (key, value first col, value last col))
_LAYOUT: tuple[tuple[int, float, tuple[tuple[str, int, int], ...]], ...] = (
    (2, 46, (("unit", 1, 5),)),
    (3, 46, (("name", 1, 1), ("gender", 3, 3), ("birth", 5, 5))),
    (4, 46, (("major", 1, 1), ("education", 3, 3), ("hometown", 5, 5))),
    (5, 46, (("address", 1, 5),)),
    (6, 46, (("phone", 1, 1), ("fax", 3, 3), ("mobile", 5, 5))),
    (7, 46, (("email", 1, 5),)),
    (8, 320, (("resume", 1, 5),)),
    (9, 170, (("recommendation", 1, 5),)),
)
STAMP_ROW = 11
DATE_ROW = 12


def register_slots() -> dict[str, Slot]:
    """Field key -> its input cell, for tests and readers that want coordinates of the blank form."""
    slots = {key: Slot(row, first) for row, _h, fields in _LAYOUT for key, first, _last in fields}
    slots["sign_date"] = Slot(DATE_ROW, 4)
    return slots


def write_register_form(target: Target, *, unit: str = "", year: int | None = None, office: str = Settings.office) -> None:
    """Write the 附件二 form; `unit` prefills 科室（单位）, `year` the date line (2015年　月　日, as the notice prints it),
    `office` the title (岳阳市经信委宣传和信息报送通讯员登记表)."""
    title = office + REGISTER_TITLE.removeprefix(Settings.office)
    with new_workbook(target, title=title) as book:
        base = {"font_name": FONT, "font_size": 12, "valign": "vcenter", "text_wrap": True}
        border = {**base, "border": 1}
        caption_fmt = book.add_format({**base, "font_name": "黑体", "font_size": 16})
        title_fmt = book.add_format({**base, "font_size": 18, "bold": True, "align": "center"})
        label_fmt = book.add_format({**border, "align": "center"})
        value_fmt = book.add_format({**border, "locked": False, "align": "center"})
        left_fmt = book.add_format({**border, "locked": False, "align": "left", "indent": 1})
        block_fmt = book.add_format({**border, "locked": False, "align": "left", "valign": "top", "indent": 1})
        text_fmt = book.add_format({**border, "locked": False, "align": "center", "num_format": "@"})
        birth_fmt = book.add_format({**border, "locked": False, "align": "center", "num_format": BIRTH_FORMAT})
        stamp_fmt = book.add_format({**base, "align": "center"})
        date_fmt = book.add_format({**base, "locked": False, "align": "center", "num_format": DATE_FORMAT})
        date_label_fmt = book.add_format({**base, "align": "right"})

        sheet = add_sheet(book, SHEET)
        sheet.hide_gridlines(2)
        set_widths(sheet, WIDTHS)
        sheet.write_string(0, 0, "附件二：", caption_fmt)  # as the notice captions it, like 附件一
        sheet.set_row(0, 27)
        merge_row(sheet, 1, 5, title, title_fmt, 44)

        formats = {"unit": left_fmt, "address": left_fmt, "email": left_fmt, "resume": block_fmt, "recommendation": block_fmt,
                   "birth": birth_fmt, "phone": text_fmt, "fax": text_fmt, "mobile": text_fmt}
        for row, height, fields in _LAYOUT:
            sheet.set_row(row, height)
            for key, first, last in fields:
                sheet.write_string(row, first - 1, PAPER_LABELS[key], label_fmt)
                fmt = formats.get(key, value_fmt)
                if first != last:
                    sheet.merge_range(row, first, row, last, "", fmt)
                write_text(sheet, row, first, unit if key == "unit" else "", fmt)

        sheet.set_row(10, 16)
        sheet.merge_range(STAMP_ROW, 4, STAMP_ROW, 5, "(盖章)", stamp_fmt)
        sheet.set_row(STAMP_ROW, 28)
        sheet.write_string(DATE_ROW, 3, "日期：", date_label_fmt)  # not on the paper form: read when the names are lost
        # the notice's date line, typed over with the date; left as it is, it reads as no date (checks.register)
        sheet.merge_range(DATE_ROW, 4, DATE_ROW, 5, f"{year or '　　　　'}年　月　日", date_fmt)
        sheet.set_row(DATE_ROW, 28)

        _add_checks(sheet)
        slots = register_slots()
        for field in REGISTER_FIELDS:
            define_range(book, field.defined_name, SHEET, *slots[field.key])

        sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True})
        setup_print(sheet, one_page=True, footer="", area=(DATE_ROW, 5))
        sheet.set_selection(2, 1, 2, 1)


def _add_checks(sheet: Worksheet) -> None:
    slots = register_slots()
    email = xl_rowcol_to_cell(*slots["email"])
    phone_hint = "按文字填写，区号前的 0 会保留，如 0730-8715396"
    rules = {
        "gender": list_rule(GENDERS, "性别", error_message="请从下拉列表选择：男 或 女"),
        "education": list_rule(EDUCATION_LEVELS, "学历"),
        "birth": date_rule("出生年月", "请填写日期，如 1985-6 或 1985/6/1。", dt.date(1930, 1, 1), dt.date(2020, 12, 31),
                           input_title="出生年月", input_message="如 1985-6（即 1985年6月）"),
        "phone": {"validate": "any", "input_title": "固定电话", "input_message": phone_hint},
        "fax": {"validate": "any", "input_title": "传真", "input_message": phone_hint},
        "mobile": {"validate": "any", "input_title": "移动电话（必填）",
                   "input_message": "通讯员本人的 11 位手机号码，如 13807305678（固定电话填在“固定电话”格）"},
        "email": {"validate": "custom", "value": f"=ISNUMBER(FIND(\"@\",{email}))", "error_type": "warning", "error_title": "邮箱",
                  "error_message": "邮箱地址中应有 @，如 yy8715396@163.com。确实无误请点“是”。"},
        "sign_date": date_rule("日期", "请填写日期，如 2015-2-26。", input_title="填表日期", input_message="如 2015-2-26"),
    }  # fmt: skip
    for key, options in rules.items():
        sheet.data_validation(*slots[key], *slots[key], options)
