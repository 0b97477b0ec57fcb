"""The 台账 workbook: every counted article of a period in one filterable table (a coordinator searches one
table more easily than many sheets), units in quota-table order; 汇总 counts per unit. A big ledger is written
in xlsxwriter's constant-memory mode.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from xlflow.core.model import Article, labels_text
from xlflow.core.periods import Period, date_label, months_text
from xlflow.core.units import UnitTable
from xlflow.writers.base import (
    Formats,
    Target,
    add_sheet,
    display_width,
    merge_row,
    new_workbook,
    set_widths,
    setup_print,
    write_header,
    write_row,
    write_text,
    write_value,
)
from xlflow.writers.tables import text_lines

LEDGER_SHEET = "台账"
SUMMARY_SHEET = "汇总"
CONSTANT_MEMORY_ROWS = 10_000
_SUMMARY_WIDTHS = (6, 26, 14, 10, 10, 40)
_WIDTH_SAMPLE = 2_000  # rows looked at to size the columns
_WIDTH_CHARS = 64  # characters measured of each value: more than the widest column cap
LEDGER_HEADERS: tuple[str, ...] = (
    "序号", "单位名称", "计入月份", "报送日期", "信息标题", "信息类别", "字数", "审签人", "提示",
    "来源文件", "工作表", "行号",  # the printed columns end here
    "单位类别", "是否含情况分析", "审签人职务", "通讯员", "报送方式", "紧急程度", "事件发生时间", "备注",
    "文件月份", "导入时间", "文件SHA-256", "正文",
)  # fmt: skip
PRINTED_COLUMNS = LEDGER_HEADERS.index("行号") + 1
_EVENT_COL = LEDGER_HEADERS.index("事件发生时间")
_DATE_COL = LEDGER_HEADERS.index("报送日期")
_MONTH_COLS = tuple(LEDGER_HEADERS.index(h) for h in ("计入月份", "文件月份"))
_IMPORTED_COL = LEDGER_HEADERS.index("导入时间")
_TITLE_COL = LEDGER_HEADERS.index("信息标题")
_INTEGER_COLS = tuple(LEDGER_HEADERS.index(h) for h in ("序号", "字数", "行号"))
COLUMN_NOTES: tuple[tuple[str, str], ...] = (
    ("计入月份", "稿件按报送日期所在月份计入；报送日期在文件月份之外的稿件计入其日期所在月份"),
    ("提示", "不影响计入的提示（类别不明、紧急迟报、自审自签等）"),
    ("来源文件 / 工作表 / 行号", "该条稿件在单位报回的工作簿中的位置，可据此核对原件"),
    ("文件月份", "该条稿件所在文件的报送月份"),
    ("导入时间", "该文件记入台账的时间；同一文件重复汇总不会改变"),
    ("文件SHA-256", "来源文件的指纹，文件内容有任何改动都会不同，可用于核对原件未被改动"),
)


def sort_articles(articles: Sequence[Article], units: UnitTable) -> list[Article]:
    """Units in quota-table order (unknown units last), then date, source file and row."""
    order = {u.name: u.seq for u in units}
    return sorted(articles, key=lambda a: (order.get(a.unit, len(order) + 1), a.unit, a.date or dt.datetime.max, a.source_file, a.row))


def _first_day(key: str) -> dt.datetime:
    """A month as the date of its first day: shown 2015年3月, it sorts and groups by month (text put 10月 before 1月)."""
    return dt.datetime(int(key[:4]), int(key[5:]), 1)


def _row_values(index: int, a: Article, kind: str) -> list[object]:
    return [
        index, a.unit, _first_day(a.month), a.date, a.title, a.category, a.chars, a.signer,
        labels_text(a.warnings), a.source_file, a.sheet, a.row,
        kind, "" if a.analysis is None else ("是" if a.analysis else "否"), a.signer_title, a.reporter, a.channel,
        "紧急" if a.urgent else "一般", a.event_time, a.note, _first_day(a.file_month),
        dt.datetime.fromisoformat(a.imported_at) if a.imported_at else None,
        a.file_sha256, a.body,
    ]  # fmt: skip


def write_ledger_export(target: Target, *, period: Period, articles: Sequence[Article], units: UnitTable, note: str = "",
                        now: dt.datetime | None = None) -> int:  # fmt: skip
    """Write the 台账 of `period`; returns the number of article rows written. `note`, under the 汇总's title: the
    months of the period not consolidated yet, after the export time `now` (a later import makes it out of date)."""
    rows = sort_articles(articles, units)
    kinds = {u.name: u.kind for u in units}
    with new_workbook(target, title=f"政务信息台账 {period.label}", constant_memory=len(rows) > CONSTANT_MEMORY_ROWS) as book:
        fmt = Formats(book)
        sheet = add_sheet(book, LEDGER_SHEET)
        widths = [float(display_width(h) + 2) for h in LEDGER_HEADERS]
        for i, a in enumerate(rows[:_WIDTH_SAMPLE], start=1):
            for col, value in enumerate(_row_values(i, a, kinds.get(a.unit, ""))):
                if isinstance(value, dt.datetime):
                    w = {_EVENT_COL: 18, _IMPORTED_COL: 20}.get(col, 12)
                elif value is None:
                    continue
                else:
                    w = display_width(str(value)[:_WIDTH_CHARS]) + 2  # every cap is narrower: no need to measure 正文 whole
                widths[col] = max(widths[col], w)
        caps = {"信息标题": 60, "正文": 50, "文件SHA-256": 20, "来源文件": 40, "导入时间": 20}
        for col, (header, width) in enumerate(zip(LEDGER_HEADERS, widths, strict=True)):
            sheet.set_column(col, col, min(max(width, 6), caps.get(header, 30)))
        write_header(sheet, fmt, 0, LEDGER_HEADERS)
        # each column holds one type (Article's fields): its format; a blank is a text cell
        imported = book.add_format({**fmt.box_props, "num_format": 'yyyy"年"m"月"d"日" hh:mm', "align": "center"})
        month = book.add_format({**fmt.box_props, "num_format": 'yyyy"年"m"月"', "align": "center"})
        special = {**dict.fromkeys(_INTEGER_COLS, fmt.integer), **dict.fromkeys(_MONTH_COLS, month), _DATE_COL: fmt.date,
                   _EVENT_COL: fmt.datetime, _IMPORTED_COL: imported, _TITLE_COL: fmt.wrap}  # fmt: skip
        formats = [special.get(c, fmt.text) for c in range(len(LEDGER_HEADERS))]
        title_width = min(max(widths[_TITLE_COL], 6), caps["信息标题"])
        for r, a in enumerate(rows, start=1):
            if (lines := text_lines(a.title, title_width)) > 1:  # a long title wraps: Excel does not grow the row itself
                sheet.set_row(r, 15 * lines + 3)
            for c, value in enumerate(_row_values(r, a, kinds.get(a.unit, ""))):
                day = c == _EVENT_COL and isinstance(value, dt.datetime) and value.time() == dt.time()  # "3月7日晚": no time
                write_value(sheet, r, c, value, fmt.text if value is None or value == "" else fmt.date if day else formats[c])
        last = max(len(rows), 1)
        sheet.autofilter(0, 0, last, len(LEDGER_HEADERS) - 1)
        sheet.freeze_panes(1, 2)
        setup_print(sheet, landscape=True, repeat_rows=(0, 0), header=f"政务信息台账 {period.label}", area=(last, PRINTED_COLUMNS - 1))

        made = f"导出时间：{date_label(now)} {now:%H:%M}" if now else ""
        _write_summary(book, fmt, period, rows, units, "。".join(filter(None, (made, note))))
    return len(rows)


def _quarterly_note(period: Period, counted: tuple[str, ...]) -> str:
    """What a quarterly unit's row counts, against the bulletin of `period` (quarter to date in a month's)."""
    if period.kind != "M":
        return "按季度考核"
    said = f"按季度考核：任务数为{period.quarter.label[5:]}的"  # 第一季度
    month = f"{period.index}月"
    return said + (f"；{month}通报的报送数为{months_text(counted)}累计，本表只计{month}" if len(counted) > 1 else "")


def _write_summary(book: Any, fmt: Formats, period: Period, rows: Sequence[Article], units: UnitTable, note: str) -> None:
    sheet = add_sheet(book, SUMMARY_SHEET)
    counts = Counter(a.unit for a in rows)
    sheet.merge_range(0, 0, 0, 5, f"政务信息台账（{period.label}）", fmt.title)
    if note:
        merge_row(sheet, 1, 5, note, fmt.note, 30 if len(note) > 30 else 18)
    write_header(sheet, fmt, 2, ("序号", "单位名称", "单位类别", "任务数", "计入条数", "说明"))
    table: list[tuple[int | None, str, str, float | None, str]] = [
        (u.seq, u.name, u.kind, u.quota(period), _quarterly_note(period, u.count_months(period)) if u.is_quarterly else "")
        for u in units
    ]
    table += [(None, name, "（不在任务分配表中）", None, "") for name in sorted(set(counts) - {u.name for u in units})]
    for r, (seq, name, kind, quota, said) in enumerate(table, start=3):
        quota_fmt = fmt.integer if quota is None else fmt.count_format(quota)
        write_row(sheet, r, [(seq, fmt.integer), (name, fmt.text), (kind, fmt.text), (quota, quota_fmt),
                             (counts[name], fmt.integer), (said, fmt.wrap)])
        if (lines := text_lines(said, _SUMMARY_WIDTHS[5])) > 1:
            sheet.set_row(r, 15 * lines + 3)
    r = 3 + len(table)
    write_row(sheet, r, [(None, fmt.subtotal), ("合计", fmt.subtotal), (None, fmt.subtotal),
                         (sum(u.quota(period) for u in units), fmt.subtotal_int), (len(rows), fmt.subtotal_int), (None, fmt.subtotal)])
    r += 2
    write_text(sheet, r, 0, "说明", fmt.label)
    span = {"M": "所在季度的", "Q": "本季度的"}.get(period.kind, f"{period.label}{len(period.month_keys) // 3}个季度合计的")
    quarterly = f"季度考核的单位（每月任务为“-”）任务数为{span}任务数。"
    if period.kind == "M" and period.index % 3 != 1:  # its bulletin counts a quarterly unit's quarter to date
        so_far = months_text(period.quarter_to_date)
        quarterly += (f"本表计入条数只计{period.label}的稿件，而{period.label}通报中这些单位的报送数是{so_far}的累计（见各行说明），"
                      f"两表的报送数和合计因此不同；要与通报核对这些单位，请导出该季度：xlflow export --period {period.quarter.key}。")  # fmt: skip
    notes = [
        f"“{LEDGER_SHEET}”表列出{period.label}计入的全部稿件（有错误未计入的稿件不在其中，见各单位回执）。"
        "用表头的筛选按钮按单位、月份、类别查找。",
        quarterly,
        *(f"{name}：{text}" for name, text in COLUMN_NOTES),
    ]
    for row, text in enumerate(notes, start=r + 1):
        merge_row(sheet, row, 5, text, fmt.note, 30 if len(text) < 70 else 45)
    set_widths(sheet, _SUMMARY_WIDTHS)
    sheet.freeze_panes(3, 0)
    setup_print(sheet, repeat_rows=(2, 2))
