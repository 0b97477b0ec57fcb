"""The 信息任务分配表 (附件一) as a clean table: one row per unit, the workspace's source of units and quotas.

`config.read_quota_workbook` reads it back: it scans the first rows for the header, so the title rows above it
are free. The coordinator edits this table; everything later follows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from ..schema import QUOTA_HEADERS, QUOTA_SHEET, TARGET_CITY, TARGET_OFFICE, TARGET_UPWARD, UNIT_KINDS
from .base import (
    Formats,
    Target,
    add_sheet,
    display_width,
    new_workbook,
    setup_print,
    write_text,
    write_value,
)

ALIAS_SEPARATOR = "；"
TITLE = "信息任务分配表"
NOTE = (
    "说明：每月任务填“-”的单位只有全年任务，按季度考核（全年 4 条即每季度 1 条）；任务为基本指标，多报不限。"
    "按月考核的单位，全年任务应为每月任务的 12 倍，不符时该行标红。别名用“；”分隔，用于识别各单位报回文件中的不同写法。"
)
HEADER_ROW = 2  # 0-based: title, note, header
SPARE_ROWS = 100  # rows below the units that keep the drop-downs and checks, for units a city adds
MIN_WIDTHS = {"序号": 6, "每月任务": 10, "全年任务": 10, "备注": 16, "报送对象": 14}


class QuotaRow(Protocol):
    """What a quota row needs; schema.UnitRow and units.Unit both qualify."""

    name: str
    kind: str
    target: str
    monthly: int | None
    annual: int
    aliases: tuple[str, ...]
    note: str


def write_quota_workbook(target: Target, units_rows: Iterable[QuotaRow]) -> None:
    """Write the quota table: title, note, header `schema.QUOTA_HEADERS`, one row per unit, checks on every column."""
    rows = list(units_rows)
    col = {name: i for i, name in enumerate(QUOTA_HEADERS)}
    with new_workbook(target, title=TITLE) as book:
        fmt = Formats(book)
        mismatch = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True})
        sheet = add_sheet(book, QUOTA_SHEET)
        last_col = len(QUOTA_HEADERS) - 1

        sheet.merge_range(0, 0, 0, last_col, TITLE, fmt.title)
        sheet.set_row(0, 30)
        sheet.merge_range(1, 0, 1, last_col, NOTE, fmt.note)
        sheet.set_row(1, 48)
        for c, name in enumerate(QUOTA_HEADERS):
            sheet.write_string(HEADER_ROW, c, name, fmt.header)
        sheet.set_row(HEADER_ROW, 22)

        first = HEADER_ROW + 1
        for i, unit in enumerate(rows):
            r = first + i
            sheet.write_number(r, col["序号"], i + 1, fmt.integer)
            write_text(sheet, r, col["单位名称"], unit.name, fmt.text)
            write_text(sheet, r, col["单位类别"], unit.kind, fmt.text)
            write_text(sheet, r, col["报送对象"], unit.target, fmt.text)
            if unit.monthly is None:
                sheet.write_string(r, col["每月任务"], "-", fmt.center)
            else:
                sheet.write_number(r, col["每月任务"], unit.monthly, fmt.integer)
            write_value(sheet, r, col["全年任务"], unit.annual, fmt.integer)
            write_text(sheet, r, col["别名"], ALIAS_SEPARATOR.join(unit.aliases), fmt.text)
            write_text(sheet, r, col["备注"], unit.note, fmt.text)
        last = first + len(rows) + SPARE_ROWS - 1
        _add_checks(sheet, first, last, col, mismatch)

        widths = _widths(rows)
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
        sheet.freeze_panes(first, 0)
        sheet.autofilter(HEADER_ROW, 0, first + max(len(rows), 1) - 1, last_col)
        setup_print(sheet, landscape=True, repeat_rows=(HEADER_ROW, HEADER_ROW))


def _add_checks(sheet: Worksheet, first: int, last: int, col: dict[str, int], mismatch: Format) -> None:
    kind_col, target_col = col["单位类别"], col["报送对象"]
    monthly_col, annual_col = col["每月任务"], col["全年任务"]
    sheet.data_validation(
        first, kind_col, last, kind_col,
        {
            "validate": "list",
            "source": list(UNIT_KINDS),
            "input_title": "单位类别",
            "input_message": "从下拉列表选择；可在此表增加新的单位",
            "error_title": "单位类别",
            "error_message": "请从下拉列表选择：" + "、".join(UNIT_KINDS),
        },
    )
    sheet.data_validation(
        first, target_col, last, target_col,
        {
            "validate": "list",
            "source": [TARGET_CITY, TARGET_OFFICE, TARGET_UPWARD],
            "error_type": "warning",
            "error_title": "报送对象",
            "error_message": "不在常用列表中。确实如此请点“是”。",
        },
    )
    m = xl_rowcol_to_cell(first, monthly_col)
    sheet.data_validation(
        first, monthly_col, last, monthly_col,
        {
            "validate": "custom",
            "value": f'=OR({m}="-",AND(ISNUMBER({m}),{m}=INT({m}),{m}>=0))',
            "ignore_blank": True,
            "input_title": "每月任务",
            "input_message": "填整数（条/月）；只按年度考核的单位填 -",
            "error_title": "每月任务",
            "error_message": "请填非负整数，只有全年任务的单位填“-”。",
        },
    )
    sheet.data_validation(
        first, annual_col, last, annual_col,
        {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "input_title": "全年任务",
            "input_message": "填整数（条/年）；按月考核的单位为每月任务 × 12",
            "error_title": "全年任务",
            "error_message": "请填非负整数。",
        },
    )
    # flag rows whose annual quota is not 12 × the monthly one
    m_abs = xl_rowcol_to_cell(first, monthly_col, col_abs=True)
    a_abs = xl_rowcol_to_cell(first, annual_col, col_abs=True)
    sheet.conditional_format(
        first, monthly_col, last, annual_col,
        {"type": "formula", "criteria": f"=AND(ISNUMBER({m_abs}),{a_abs}<>12*{m_abs})", "format": mismatch},
    )


def _widths(rows: list[QuotaRow]) -> list[float]:
    widths: list[float] = []
    for name in QUOTA_HEADERS:
        values: list[object] = [name]
        if name == "单位名称":
            values += [u.name for u in rows]
        elif name == "单位类别":
            values += [u.kind for u in rows]
        elif name == "报送对象":
            values += [u.target for u in rows]
        elif name == "别名":
            values += [ALIAS_SEPARATOR.join(u.aliases) for u in rows]
        elif name == "备注":
            values += [u.note for u in rows]
        longest = max(display_width(v) for v in values)
        widths.append(float(min(max(longest + 3, MIN_WIDTHS.get(name, 8)), 40)))
    return widths
