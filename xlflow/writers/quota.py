"""The 信息任务分配表: sheet `schema.QUOTA_SHEET`, one row per unit, is the workspace's source of units and quotas;
sheet 附件一 is the same rows as the notice prints them (two blocks, the notice's order), never read back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlflow.core.schema import (
    QUOTA_HEADERS,
    QUOTA_SHEET,
    TARGET_CITY,
    TARGET_OFFICE,
    TARGET_UPWARD,
    UNIT_KINDS,
    UnitRow,
)
from xlflow.core.text import squash
from xlflow.writers.base import (
    Formats,
    Target,
    add_sheet,
    display_width,
    list_rule,
    merge_row,
    new_workbook,
    setup_print,
    write_header,
    write_row,
    write_value,
)

ALIAS_SEPARATOR = "；"
TITLE = "信息任务分配表"
NOTE = (
    "说明：每月任务填“-”的单位只有全年任务，按季度考核（全年 4 条即每季度 1 条）；任务为基本指标，多报不限。"
    "按月考核的单位，全年任务应为每月任务的 12 倍，不符时该行标红。别名用“；”分隔，用于识别各单位报回文件中的不同写法。"
    "“附件一”工作表是按通知格式排好的打印版，写入本表时一并生成。"
)
HEADER_ROW = 2  # 0-based: title, note, header
SPARE_ROWS = 100  # rows below the units that keep the drop-downs and checks, for units a city adds
MIN_WIDTHS = {"序号": 6, "每月任务": 10, "全年任务": 10, "备注": 16, "报送对象": 14}

# --- 附件一 as the notice prints it ---
ATTACHMENT_SHEET = "附件一"
ATTACHMENT_UNIT_HEADER = "科室（单位）"
ATTACHMENT_NOTE = (
    "说明：本页是通知附件一的印制格式，打印范围只含上面的表格。本页由 xlflow 写入本工作簿时按“信息任务分配表”"
    "工作表中的单位和任务生成（xlflow templates、xlflow init --force）；xlflow 只读取“信息任务分配表”工作表，"
    "在那里修改任务后本页不会自动更新，打印前请核对。"
)
# The order of the notice's 附件一: the left block top to bottom, then the right block (汨罗 spelled correctly).
NOTICE_LEFT: tuple[str, ...] = (
    "办公室", "综合法规科", "经济运行科", "投资规划科", "中小企业科", "资源电力科", "加速推进新型工业化科",
    "成品油及工业物流管理科", "轻工业科", "信息化推进科", "企业改革科", "离退休人员管理服务科", "人事科", "财务科",
    "机关党委", "纪检监察室", "工业公会", "中小企业服务中心", "能源利用监测站",
)
NOTICE_RIGHT: tuple[str, ...] = (
    "机关后勤服务中心", "联手帮扶办", "退二进三办", "岳阳县工信局", "平江县工信局", "湘阴县工信局", "华容县工信局",
    "汨罗市工信局", "临湘市工信局", "岳阳楼区工信局", "君山区工信局", "屈原区工信局", "云溪区工信局", "经开区工信局",
    "南湖风景区工信局",
)


def _monthly(unit: UnitRow) -> int | str:
    """每月任务, or "-" for a unit with an annual quota only (assessed per quarter)."""
    return "-" if unit.monthly is None else unit.monthly


def write_quota_workbook(target: Target, units_rows: Iterable[UnitRow]) -> None:
    """Write the quota table: title, note, header `schema.QUOTA_HEADERS`, one row per unit, checks on every column."""
    rows = list(units_rows)
    col = {name: i for i, name in enumerate(QUOTA_HEADERS)}
    with new_workbook(target, title=TITLE) as book:
        fmt = Formats(book)
        mismatch = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True})
        sheet = add_sheet(book, QUOTA_SHEET)
        last_col = len(QUOTA_HEADERS) - 1

        merge_row(sheet, 0, last_col, TITLE, fmt.title, 30)
        merge_row(sheet, 1, last_col, NOTE, fmt.note, 48)
        write_header(sheet, fmt, HEADER_ROW, QUOTA_HEADERS, height=22)

        first = HEADER_ROW + 1
        numeric = dict.fromkeys(("序号", "每月任务", "全年任务"), fmt.integer)
        table = [
            {"序号": i, "单位名称": u.name, "单位类别": u.kind, "报送对象": u.target, "每月任务": _monthly(u),
             "全年任务": u.annual, "别名": ALIAS_SEPARATOR.join(u.aliases), "备注": u.note}
            for i, u in enumerate(rows, start=1)
        ]  # fmt: skip
        for r, cells in enumerate(table, start=first):
            for name, value in cells.items():
                style = fmt.center if name == "每月任务" and value == "-" else numeric.get(name, fmt.text)
                write_value(sheet, r, col[name], value, style)
        _add_checks(sheet, first, first + len(rows) + SPARE_ROWS - 1, col, mismatch)
        for c, name in enumerate(QUOTA_HEADERS):
            longest = max(display_width(v) for v in [name, *([] if name in numeric else (cells[name] for cells in table))])
            sheet.set_column(c, c, float(min(max(longest + 3, MIN_WIDTHS.get(name, 8)), 40)))
        sheet.freeze_panes(first, 0)
        sheet.autofilter(HEADER_ROW, 0, first + max(len(rows), 1) - 1, last_col)
        setup_print(sheet, landscape=True, repeat_rows=(HEADER_ROW, HEADER_ROW))

        _write_attachment(book, attachment_blocks(rows))


def attachment_blocks(rows: Sequence[UnitRow]) -> tuple[list[UnitRow], list[UnitRow]]:
    """The left and right blocks of the printed 附件一: the notice's units in its order, then the others.
    The left block is as long as the notice's (19 rows), or half of all units when that is more."""
    notice = {squash(name): i for i, name in enumerate(NOTICE_LEFT + NOTICE_RIGHT)}

    def place(row: UnitRow) -> int | None:  # a table may keep the notice's 汩罗市工信局 as the name
        return next((notice[squash(s)] for s in (row.name, *row.aliases) if squash(s) in notice), None)

    placed = [(place(row), row) for row in rows]
    known = sorted(((i, row) for i, row in placed if i is not None), key=lambda pair: pair[0])
    others = [row for i, row in placed if i is None]
    sequence = [row for _, row in known] + others
    left_in_notice = sum(1 for i, _ in known if i < len(NOTICE_LEFT))
    split = max(left_in_notice, math.ceil(len(sequence) / 2))
    return sequence[:split], sequence[split:]


def _write_attachment(book: Workbook, blocks: tuple[list[UnitRow], list[UnitRow]]) -> None:
    """附件一 as the notice prints it: heading, title, two blocks 科室（单位）｜任务（条）每月/全年; A4 portrait, one page."""
    sheet = add_sheet(book, ATTACHMENT_SHEET)
    base = {"valign": "vcenter", "font_size": 12}
    cell = {**base, "font_name": "仿宋", "border": 1, "align": "center"}
    heading = book.add_format({**base, "font_name": "黑体", "font_size": 16})
    title = book.add_format({**base, "font_name": "宋体", "font_size": 22, "bold": True, "align": "center"})
    header = book.add_format({**cell, "bold": True, "text_wrap": True})
    name_fmt = book.add_format({**cell, "align": "left", "indent": 1})
    number = book.add_format({**cell, "num_format": "0"})
    blank = book.add_format(cell)
    note = book.add_format({**base, "font_name": "宋体", "font_size": 10, "font_color": "#595959", "text_wrap": True, "valign": "top"})

    left, right = blocks
    names = [u.name for u in left + right] + [ATTACHMENT_UNIT_HEADER]
    name_width = float(max(18, max(display_width(n) for n in names) + 4))
    sheet.write_string(0, 0, "附件一：", heading)
    sheet.set_row(0, 27)
    merge_row(sheet, 1, 5, TITLE, title, 48)
    for first in (0, 3):  # the two blocks' merged header cells, as the notice draws them
        sheet.set_column(first, first, name_width)
        sheet.set_column(first + 1, first + 2, 8)
        sheet.merge_range(2, first, 3, first, ATTACHMENT_UNIT_HEADER, header)
        sheet.merge_range(2, first + 1, 2, first + 2, "任务（条）", header)
        for offset, sub in enumerate(("每月", "全年"), start=1):
            sheet.write_string(3, first + offset, sub, header)
    sheet.set_row(2, 24)
    sheet.set_row(3, 24)

    body_rows = max(len(left), len(right), 1)
    for i in range(body_rows):
        sheet.set_row(4 + i, 27)
        for first, block in ((0, left), (3, right)):
            if i < len(block):
                unit = block[i]
                write_row(sheet, 4 + i, [(unit.name, name_fmt), (_monthly(unit), number), (unit.annual, number)], first)
            else:
                write_row(sheet, 4 + i, [(None, blank)] * 3, first)
    last = 4 + body_rows - 1
    merge_row(sheet, last + 2, 5, ATTACHMENT_NOTE, note, 45)

    setup_print(sheet, one_page=True, footer=None, area=(last, 5))
    sheet.set_margins(left=0.75, right=0.75, top=1.0, bottom=0.8)
    sheet.hide_gridlines(2)


def _add_checks(sheet: Worksheet, first: int, last: int, col: dict[str, int], mismatch: Format) -> None:
    m = xl_rowcol_to_cell(first, col["每月任务"])
    rules = {
        "单位类别": list_rule(UNIT_KINDS, "单位类别", input_title="单位类别", input_message="从下拉列表选择；可在此表增加新的单位"),
        "报送对象": list_rule((TARGET_CITY, TARGET_OFFICE, TARGET_UPWARD), "报送对象", error_type="warning",
                          error_message="不在常用列表中。确实如此请点“是”。"),
        "每月任务": {
            "validate": "custom", "value": f'=OR({m}="-",AND(ISNUMBER({m}),{m}=INT({m}),{m}>=0))', "ignore_blank": True,
            "input_title": "每月任务", "input_message": "填整数（条/月）；按季度考核的单位（只有全年任务）填 -",
            "error_title": "每月任务", "error_message": "请填非负整数，只有全年任务的单位填“-”。",
        },
        "全年任务": {
            "validate": "integer", "criteria": ">=", "value": 0,
            "input_title": "全年任务", "input_message": "填整数（条/年）；按月考核的单位为每月任务 × 12",
            "error_title": "全年任务", "error_message": "请填非负整数。",
        },
    }  # fmt: skip
    for name, options in rules.items():
        sheet.data_validation(first, col[name], last, col[name], options)
    # flag rows whose annual quota is not 12 × the monthly one
    m_abs = xl_rowcol_to_cell(first, col["每月任务"], col_abs=True)
    a_abs = xl_rowcol_to_cell(first, col["全年任务"], col_abs=True)
    sheet.conditional_format(first, col["每月任务"], last, col["全年任务"],
                             {"type": "formula", "criteria": f"=AND(ISNUMBER({m_abs}),{a_abs}<>12*{m_abs})", "format": mismatch})
