"""The coordinator's own workbooks that `xlflow init` writes: the adoption register and the reward schedule.
The coordinator edits both; the intake reads them back by the labels written here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from xlsxwriter.utility import xl_range_abs
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlflow.compute.rewards import EXAMPLE_SCHEDULE, RewardSchedule
from xlflow.core.schema import (
    ADOPTION_COLUMNS,
    ADOPTION_FORMS,
    ADOPTION_LEVEL_HINTS,
    ADOPTION_LEVELS,
    ADOPTION_SHEET,
    INSTRUCTION_LEVELS,
    REWARD_POLICY_CUMULATIVE,
    REWARD_POLICY_HIGHEST,
    REWARD_SHEET,
)
from xlflow.core.units import Unit
from xlflow.writers.base import (
    Formats,
    Target,
    add_sheet,
    date_rule,
    define_range,
    list_rule,
    merge_row,
    new_workbook,
    set_widths,
    setup_print,
    write_header,
    write_row,
    write_text,
)

# --- 采用登记表 -------------------------------------------------------------------------------------

ADOPTION_TITLE = "政务信息采用登记表"
ADOPTION_HELP_SHEET = "填写说明"
LISTS_SHEET = "下拉列表"
ADOPTION_HEADER_ROW = 2  # 0-based: title, note, header
ADOPTION_ROWS = 500
ADOPTION_NOTE = (
    "每采用一次登记一行：同一篇稿件被几级采用就登记几行。信息标题照抄报送时的标题，报送单位从下拉列表选择；"
    "采用级别由高到低：" + "、".join(f"{level}（{ADOPTION_LEVEL_HINTS[level]}）" for level in ADOPTION_LEVELS) + "。"
)


def write_adoption_register(target: Target, units: Iterable[Unit]) -> None:
    """An empty 采用登记表 with drop-downs for unit, level, form and 批示, and a sheet explaining the levels."""
    last_col = len(ADOPTION_COLUMNS) - 1
    first = ADOPTION_HEADER_ROW + 1
    with new_workbook(target, title=ADOPTION_TITLE) as book:
        fmt = Formats(book)
        column_formats = dict.fromkeys(("level", "form", "instruction"), book.add_format({**fmt.props, "align": "center"}))
        column_formats["date"] = book.add_format({**fmt.props, "align": "center", "num_format": "yyyy-mm-dd"})
        sheet = add_sheet(book, ADOPTION_SHEET)
        help_sheet = add_sheet(book, ADOPTION_HELP_SHEET)
        lists = add_sheet(book, LISTS_SHEET)

        merge_row(sheet, 0, last_col, ADOPTION_TITLE, fmt.title, 30)
        merge_row(sheet, 1, last_col, ADOPTION_NOTE, fmt.note, 36)
        write_header(sheet, fmt, ADOPTION_HEADER_ROW, [c.name for c in ADOPTION_COLUMNS], height=22)
        for c, column in enumerate(ADOPTION_COLUMNS):
            # column formats without borders: an empty register prints one page, not 500 ruled rows
            sheet.set_column(c, c, column.width, column_formats.get(column.key))

        _write_lists(book, lists, [u.name for u in units])
        _adoption_validations(sheet, first, first + ADOPTION_ROWS - 1)

        sheet.freeze_panes(first, 0)
        sheet.autofilter(ADOPTION_HEADER_ROW, 0, first + ADOPTION_ROWS - 1, last_col)
        setup_print(sheet, landscape=True, repeat_rows=(ADOPTION_HEADER_ROW, ADOPTION_HEADER_ROW))

        _write_level_help(help_sheet, fmt)


def _write_lists(book: Workbook, sheet: Worksheet, names: list[str]) -> None:
    """Drop-down sources on a hidden sheet, each behind a defined name (lists longer than 255 characters need this)."""
    columns = (
        ("list_units", "报送单位", names),
        ("list_levels", "采用级别", list(ADOPTION_LEVELS)),
        ("list_forms", "采用形式", list(ADOPTION_FORMS)),
        ("list_instructions", "领导批示", list(INSTRUCTION_LEVELS)),
    )
    for c, (name, head, values) in enumerate(columns):
        sheet.write_string(0, c, head)
        for r, value in enumerate(values, start=1):
            write_text(sheet, r, c, value)
        sheet.set_column(c, c, 24)
        define_range(book, name, LISTS_SHEET, 1, c, max(len(values), 1))
    sheet.hide()


def _adoption_validations(sheet: Worksheet, first: int, last: int) -> None:
    col = {c.key: i for i, c in enumerate(ADOPTION_COLUMNS)}
    rules = {
        # units added to the quota table later are not in this list: a warning
        "unit": {"validate": "list", "source": "=list_units", "error_type": "warning", "error_title": "报送单位",
                 "error_message": "不在单位列表中。请核对单位名称；确实无误请点“是”。"},
        "level": list_rule(
            ADOPTION_LEVELS, "采用级别", source="=list_levels", input_title="采用级别",
            input_message="；".join(f"{level}：{ADOPTION_LEVEL_HINTS[level]}" for level in ADOPTION_LEVELS),
        ),
        "form": list_rule(ADOPTION_FORMS, "采用形式", source="=list_forms"),
        "instruction": list_rule(
            INSTRUCTION_LEVELS, "领导批示", source="=list_instructions", input_title="领导批示",
            input_message="稿件得到领导批示时选择批示级别，没有选“无”",
        ),
        "date": date_rule("采用日期", "请填写日期，如 2015-03-20。"),
    }  # fmt: skip
    for key, options in rules.items():
        sheet.data_validation(first, col[key], last, col[key], options)


def _write_level_help(sheet: Worksheet, fmt: Formats) -> None:
    merge_row(sheet, 0, 2, "采用级别说明", fmt.title, 30)
    write_header(sheet, fmt, 2, ("采用级别", "指", "排序"))
    for i, level in enumerate(ADOPTION_LEVELS, start=1):
        hint = ADOPTION_LEVEL_HINTS[level]
        write_row(sheet, 2 + i, [(level, fmt.center), (hint, fmt.text), (i, fmt.integer)])
    notes = (
        "采用级别由高到低排列（排序 1 最高）。",
        "一篇稿件被多级采用时，每一级各登记一行；计奖时按“奖励标准.xlsx”中的计奖方式：仅最高级别奖励一次，或各级累计。",
        "采用形式：" + "、".join(ADOPTION_FORMS) + "。领导批示：" + "、".join(INSTRUCTION_LEVELS) + "，按批示级别加奖。",
        "登记的标题与报送时的标题对不上时，汇总结果会列出最接近的几条，供核对后改正。",
    )
    for row, text in enumerate(notes, start=4 + len(ADOPTION_LEVELS)):
        merge_row(sheet, row, 2, text, fmt.note, 34)
    set_widths(sheet, (14, 40, 10))
    setup_print(sheet)


# --- 奖励标准 --------------------------------------------------------------------------------------

REWARD_TITLE = "信息采用奖励标准（示例金额，请按《岳阳市经信委关于对调研和宣传采用文稿实行奖励的通知》修改）"
POLICY_LABEL = "计奖方式"
REWARD_NOTE = (
    "说明：以上金额仅为示例，请按奖励通知的规定修改（只改黄色格子）。"
    f"计奖方式“{REWARD_POLICY_HIGHEST}”：一篇稿件被多级采用时，只按最高的采用级别奖励一次；"
    f"“{REWARD_POLICY_CUMULATIVE}”：每一级采用分别奖励、合计发放。领导批示加奖按批示级别另计。奖励计入报送单位，同时按通讯员汇总。"
)
# 0-based rows of the layout, shared with the 奖励标准 sheet of the reward workbook (writers/rewards.py)
FORM_HEADER_ROW = 2  # A3
FIRST_LEVEL_ROW = 3  # A4..A8
BONUS_HEADER_ROW = 9  # A10
FIRST_BONUS_ROW = 10  # A11..A14
POLICY_ROW = 15  # A16
NOTE_ROW = 17  # A18
_LAST_LEVEL = FIRST_LEVEL_ROW + len(ADOPTION_LEVELS) - 1
_LAST_BONUS = FIRST_BONUS_ROW + len(INSTRUCTION_LEVELS) - 1
# what the reward workbook's formulas look up on its own 奖励标准 sheet
SCHEDULE_RANGES = tuple(f"'{REWARD_SHEET}'!" + xl_range_abs(*cells) for cells in (
    (FIRST_LEVEL_ROW, 0, _LAST_LEVEL, 0),  # levels
    (FORM_HEADER_ROW, 1, FORM_HEADER_ROW, len(ADOPTION_FORMS)),  # forms
    (FIRST_LEVEL_ROW, 1, _LAST_LEVEL, len(ADOPTION_FORMS)),  # amounts
    (FIRST_BONUS_ROW, 0, _LAST_BONUS, 0),  # 批示 levels
    (FIRST_BONUS_ROW, 1, _LAST_BONUS, 1),  # bonuses
))


def write_schedule_grid(sheet: Worksheet, fmt: Formats, schedule: RewardSchedule, amount: Any, policy: Any, *,
                        hint: Any = None, height: float | None = None) -> None:
    """The amounts per level and form, the 批示 bonus and the policy, at the rows above; `hint`: a 说明 column."""
    headers = ("采用级别", *ADOPTION_FORMS, *(("说明",) if hint else ()))
    write_header(sheet, fmt, FORM_HEADER_ROW, headers, height=height)
    for r, level in enumerate(ADOPTION_LEVELS, start=FIRST_LEVEL_ROW):
        write_text(sheet, r, 0, level, fmt.center)
        for c, form in enumerate(ADOPTION_FORMS, start=1):
            sheet.write_number(r, c, schedule.amount(level, form), amount)
        if hint:
            write_text(sheet, r, len(ADOPTION_FORMS) + 1, ADOPTION_LEVEL_HINTS.get(level, ""), hint)
    write_header(sheet, fmt, BONUS_HEADER_ROW, ("领导批示", "加奖金额"), height=height)
    for r, level in enumerate(INSTRUCTION_LEVELS, start=FIRST_BONUS_ROW):
        write_text(sheet, r, 0, level, fmt.center)
        sheet.write_number(r, 1, schedule.bonus_for(level), amount)
    write_text(sheet, POLICY_ROW, 0, POLICY_LABEL, fmt.header)
    write_text(sheet, POLICY_ROW, 1, schedule.policy, policy)


def write_reward_schedule(target: Target, policy: str = REWARD_POLICY_HIGHEST) -> None:
    """奖励标准.xlsx: one sheet, the example amounts per level and form, 批示 bonus, and the policy; amounts unlocked."""
    with new_workbook(target, title="信息采用奖励标准") as book:
        fmt = Formats(book)
        amount = book.add_format({**fmt.box_props, "num_format": "#,##0", "align": "center", "locked": False, "bg_color": "#FFF2CC"})
        choice = book.add_format({**fmt.box_props, "align": "center", "locked": False, "bg_color": "#FFF2CC"})
        title = book.add_format({**fmt.props, "font_size": 14, "bold": True, "align": "center", "text_wrap": True})
        sheet = add_sheet(book, REWARD_SHEET)

        merge_row(sheet, 0, 3, REWARD_TITLE, title, 54)
        write_schedule_grid(sheet, fmt, dataclasses.replace(EXAMPLE_SCHEDULE, policy=policy), amount, choice)
        sheet.data_validation(POLICY_ROW, 1, POLICY_ROW, 1, list_rule(
            (REWARD_POLICY_HIGHEST, REWARD_POLICY_CUMULATIVE), POLICY_LABEL, input_title=POLICY_LABEL,
            input_message=f"{REWARD_POLICY_HIGHEST}：多级采用只奖最高一级；{REWARD_POLICY_CUMULATIVE}：各级分别奖励",
            error_message=f"请选择“{REWARD_POLICY_HIGHEST}”或“{REWARD_POLICY_CUMULATIVE}”。",
        ))  # fmt: skip
        amounts = {"validate": "integer", "criteria": ">=", "value": 0, "error_title": "金额", "error_message": "请填写金额（元），非负整数。"}
        sheet.data_validation(FIRST_LEVEL_ROW, 1, _LAST_LEVEL, 3, amounts)
        sheet.data_validation(FIRST_BONUS_ROW, 1, _LAST_BONUS, 1, amounts)

        merge_row(sheet, NOTE_ROW, 3, REWARD_NOTE, fmt.note, 96)
        sheet.set_column(0, 3, 14)
        sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True, "format_rows": True})
        setup_print(sheet)
        sheet.set_selection(FIRST_LEVEL_ROW, 1, FIRST_LEVEL_ROW, 1)
