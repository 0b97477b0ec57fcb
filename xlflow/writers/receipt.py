"""The receipt (回执): one small workbook per unit and month, ready to send back.

Sheet 回执: the unit's progress against its quota, then every row the unit sent with what became of it.
Sheet 问题清单: every finding with its cell reference (F7) and the message that says what to do.
Nothing from the correspondent register appears here; unit text is written as text, never as a formula.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..config import Settings
from ..model import ERROR, SEVERITY_LABEL, Article, Finding
from ..periods import Period
from .base import (
    Formats,
    Target,
    add_sheet,
    display_width,
    fit_columns,
    new_workbook,
    setup_print,
    write_text,
    write_typed_row,
    write_value,
)
from .smallbook import small_workbook

RECEIPT_SHEET = "回执"
FINDINGS_SHEET = "问题清单"
ARTICLE_HEADERS = ("序号", "行号", "报送日期", "信息标题", "信息类别", "字数", "计入月份", "结果", "问题")
FINDING_HEADERS = ("序号", "文件", "工作表", "单元格", "信息标题", "规则", "类别", "说明")
STATUS_COUNTED = "计入"
STATUS_REJECTED = "未计入"
_DATE_SAMPLE = "2015-03-05"  # a date cell is as wide as this text
_MESSAGE_WIDTH = 60
CONSTANT_MEMORY_ROWS = 2_000  # a unit that pasted 50,000 rows gets its receipt without holding it all in memory


@dataclass(frozen=True)
class QuotaProgress:
    """A unit's progress for the receipt: articles counted against the quota of the period shown."""

    quota: float  # articles due (monthly quota, or the quarter's for a quarterly unit)
    counted: int  # counted articles in the same months
    period_label: str  # 2015年3月, or 2015年第一季度（截至3月） for a quarterly unit
    quota_text: str  # 每月 4 条 / 每季度 1 条

    @property
    def rate(self) -> float | None:
        return self.counted / self.quota if self.quota else None

    @property
    def shortfall(self) -> int:
        return max(0, int(round(self.quota)) - self.counted)


def _status(article: Article, month: Period) -> str:
    if not article.counted:
        return STATUS_REJECTED
    if article.month != month.key:
        return f"{STATUS_COUNTED}（计入{Period.parse(article.month).label}）"
    return STATUS_COUNTED


def _problems(article: Article) -> str:
    return "；".join(f"{f.label}（{f.cell}）" if f.cell else f.label for f in article.findings)


def write_receipt(
    target: Target,
    *,
    unit: str,
    month: Period,
    articles: Sequence[Article],
    findings: Sequence[Finding],
    progress: QuotaProgress,
    settings: Settings,
    engine: Literal["smallbook", "xlsxwriter"] = "smallbook",
) -> None:
    """Write the receipt of `unit` for `month`: its rows (counted or not), findings and quota progress.

    `engine` "smallbook" (writers/smallbook.py, about ten times faster: a province writes ≈ 417 receipts a month)
    and "xlsxwriter" give the same workbook; tests/test_smallbook.py holds them to it.
    """
    rows = sorted(articles, key=lambda a: (a.source_file, a.sheet, a.row))
    titles = {(a.source_file, a.row): a.title for a in rows}
    opener: Any = small_workbook if engine == "smallbook" else new_workbook
    big = len(rows) > CONSTANT_MEMORY_ROWS  # rows go out as they are written (this writer writes rows in order)
    with opener(target, title=f"{unit}{month.label}政务信息报送回执", constant_memory=big) as book:
        fmt = Formats(book)
        sheet = add_sheet(book, RECEIPT_SHEET)
        ncols = len(ARTICLE_HEADERS)
        sheet.merge_range(0, 0, 0, ncols - 1, f"{settings.office}政务信息报送回执", fmt.title)
        write_text(sheet, 1, 0, "报送单位：", fmt.label)
        write_text(sheet, 1, 1, unit, fmt.label)
        write_text(sheet, 1, 3, f"报送月份：{month.label}", fmt.label)
        counted_here = sum(1 for a in rows if a.counted)
        errors = sum(1 for f in findings if f.severity == ERROR)
        summary_headers = ("考核期间", "任务数", "计入数", "完成率", "本次报送", "本次计入", "错误", "提示")
        summary_values: tuple[object, ...] = (
            progress.period_label,
            progress.quota,
            progress.counted,
            progress.rate,
            len(rows),
            counted_here,
            errors,
            len(findings) - errors,
        )
        for col, header in enumerate(summary_headers):
            sheet.write_string(2, col, header, fmt.header)
        value_formats = (fmt.center, fmt.number, fmt.integer, fmt.percent, fmt.integer, fmt.integer, fmt.integer,
                         fmt.integer)  # fmt: skip
        for col, (value, cell_format) in enumerate(zip(summary_values, value_formats, strict=True)):
            write_value(sheet, 3, col, value, cell_format)

        head = 5
        for col, header in enumerate(ARTICLE_HEADERS):
            sheet.write_string(head, col, header, fmt.header)
        table: list[list[object]] = [list(ARTICLE_HEADERS)]
        # the format of each column, for a value and for a blank (smallbook writes a row in one call: in constant
        # memory straight to XML, the path of a unit that pasted 50,000 rows)
        formats = [fmt.integer, fmt.integer, fmt.date, fmt.text, fmt.center, fmt.integer, fmt.center, fmt.center, fmt.text]
        for index, article in enumerate(rows, start=1):
            r = head + index
            status = _status(article, month)
            problems = _problems(article)
            counts_in = Period.parse(article.month).label if article.month else ""
            values = [index, article.row, article.date, article.title, article.category, article.chars,
                      counts_in if article.counted else "", status, problems]  # fmt: skip
            if engine == "smallbook":
                sheet.write_row(r, values, formats, formats)
            else:
                write_typed_row(sheet, r, values, formats, formats)
            table.append([index, article.row, _DATE_SAMPLE, article.title, article.category, article.chars,
                          counts_in, status, problems])  # fmt: skip
        if not rows:
            sheet.merge_range(head + 1, 0, head + 1, ncols - 1, "本月没有可读取的稿件行（见“问题清单”）", fmt.center)
        note_row = head + max(len(rows), 1) + 2
        notes = (
            f"说明：“未计入”的稿件请按“问题清单”修改后重新报送；每条信息不少于 {settings.min_chars} 字，"
            "指标类信息须有情况分析，须经审签。",
            f"联系人：{settings.coordinator} {settings.contact}　传真：{settings.fax}　"
            f"邮箱：{settings.email}　QQ群：{settings.qq_group}",
        )
        for offset, text in enumerate(notes):
            sheet.merge_range(note_row + offset, 0, note_row + offset, ncols - 1, text, fmt.note)
            sheet.set_row(note_row + offset, 32)
        widths = fit_columns(sheet, [*table, list(summary_headers)], maximum=50)
        if widths:
            sheet.set_column(8, 8, max(widths[8], 24))
        sheet.freeze_panes(head + 1, 0)
        setup_print(sheet, landscape=True, repeat_rows=(head, head), header=f"{unit} {month.label} 回执")

        _write_findings(book, fmt, findings, titles)


def _write_findings(book: Any, fmt: Formats, findings: Sequence[Finding], titles: dict[tuple[str, int], str]) -> None:
    sheet = add_sheet(book, FINDINGS_SHEET)
    for col, header in enumerate(FINDING_HEADERS):
        sheet.write_string(0, col, header, fmt.header)
    ordered = sorted(
        findings,
        key=lambda f: (f.file, f.row is not None, f.row or 0, f.severity != ERROR, f.code),
    )
    table: list[list[object]] = [list(FINDING_HEADERS)]
    for index, f in enumerate(ordered, start=1):
        title = titles.get((f.file, f.row), "") if f.row is not None else ""
        values = [index, f.file, f.sheet, f.cell or (f"第 {f.row} 行" if f.row else "整个文件"), title, f.label,
                  SEVERITY_LABEL.get(f.severity, f.severity), f.message]  # fmt: skip
        lines = max(1, math.ceil(display_width(f.message) / (_MESSAGE_WIDTH - 2)))
        sheet.set_row(index, 15 * lines + 3)  # wrapped text: Excel does not grow the row by itself
        sheet.write_number(index, 0, index, fmt.integer)
        for col, value in enumerate(values[1:], start=1):
            write_text(sheet, index, col, value, fmt.wrap if col == 7 else fmt.text)
        table.append(values)
    if not ordered:
        sheet.merge_range(1, 0, 1, len(FINDING_HEADERS) - 1, "未发现问题", fmt.center)
    fit_columns(sheet, table, maximum=40)
    sheet.set_column(7, 7, _MESSAGE_WIDTH)
    sheet.freeze_panes(1, 0)
    setup_print(sheet, landscape=True, repeat_rows=(0, 0))
