"""The coordinator's 工作底稿: the working lists behind a bulletin, kept out of the leaders' copy (SPEC §9).

Sheets: 问题稿件 (every finding of the period's files: file- and cell-level, with the month and the title so that
two rows never look alike), 无稿件计入单位 (units with nothing counted, and what became of what they sent),
采用登记待核对 (rows of the 采用登记表 not counted: no article found, or a level or form that is not valid, each with
what to fix). Unit text is always text.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from xlflow.compute.rates import count_findings
from xlflow.core.model import SEVERITY_LABEL
from xlflow.core.periods import Period
from xlflow.writers.base import Target, add_sheet, new_workbook
from xlflow.writers.bulletin import BulletinData
from xlflow.writers.fingerprint import FINGERPRINT_PROPERTY
from xlflow.writers.tables import Col, TableFormats, empty_row, sheet_title, table_print, write_table

FINDINGS_SHEET = "问题稿件"
SILENT_SHEET = "无稿件计入单位"
UNMATCHED_SHEET = "采用登记待核对"
SHEETS = (FINDINGS_SHEET, SILENT_SHEET, UNMATCHED_SHEET)

FINDING_HEADERS = ("序号", "单位名称", "月份", "文件", "工作表", "行号", "单元格", "信息标题", "规则", "类别", "说明")
SILENT_HEADERS = ("序号", "单位名称", "单位类别", "任务数", "收到文件", "情况")
UNMATCHED_HEADERS = ("登记表行号", "报送单位", "信息标题", "采用级别", "采用形式", "问题", "最接近的已报送标题")


def working_papers_title(period: Period) -> str:
    return f"{period.label}政务信息报送工作底稿"


def findings_caption(data: BulletinData) -> str:
    """错误 70 条：60 条在 60 篇未计入的稿件中 … — the same count the notice gives, with how it adds up."""
    n = count_findings(data.findings)
    if not n.errors:
        return f"没有错误；提示 {n.warnings} 条（稿件已计入，请注意改进）"
    parts = []
    if n.row_errors:
        parts.append(f"{n.row_errors} 条在 {n.rows} 篇未计入的稿件中（一篇稿件可能有几处错误）")
    if n.file_errors:
        parts.append(f"{n.file_errors} 条是被拒收的 {n.files} 个文件")
    return f"错误 {n.errors} 条：" + "，".join(parts) + f"；提示 {n.warnings} 条（稿件已计入，请注意改进）"


def write_working_papers(target: Target, data: BulletinData, *, fingerprint: str = "") -> None:
    """Write the 工作底稿 of `data.period`; `fingerprint` is stored as a custom document property."""
    title = working_papers_title(data.period)
    with new_workbook(target, title=title) as book:
        if fingerprint:
            book.set_custom_property(FINGERPRINT_PROPERTY, fingerprint)
        fmt = TableFormats(book)
        _findings_sheet(book, fmt, data, title)
        _silent_sheet(book, fmt, data, title)
        _unmatched_sheet(book, fmt, data, title)


def _findings_sheet(book: Workbook, fmt: TableFormats, data: BulletinData, title: str) -> None:
    sheet = add_sheet(book, FINDINGS_SHEET)
    cols = (
        Col("序号", "center"), Col("单位名称", "text", 20), Col("月份", "center", 11), Col("文件", "wrap", 24),
        Col("工作表", "wrap", 12), Col("行号", "center"), Col("单元格", "center"), Col("信息标题", "wrap", 28),
        Col("规则", "text", 14), Col("类别", "center"), Col("说明", "wrap", 46, 30),
    )  # fmt: skip
    order = data.unit_order
    findings = sorted(data.findings, key=lambda f: (order.get(f.unit, len(order)), f.unit, f.month, f.file, f.row or 0, f.code))
    sheet_title(sheet, fmt, len(cols), f"{data.period.label}问题稿件", findings_caption(data))
    rows = [
        [
            i, f.unit or "（单位不明）", Period.parse(f.month).label if f.month else "", f.file, f.sheet, f.row, f.cell,
            data.titles.get((f.month, f.file, f.sheet, f.row), "") if f.row is not None else "（整个文件）",
            f.label, SEVERITY_LABEL.get(f.severity, f.severity), f.message,
        ]
        for i, f in enumerate(findings, start=1)
    ]  # fmt: skip
    write_table(sheet, fmt, 2, cols, rows)
    if not rows:
        empty_row(sheet, fmt, 3, len(cols), "本期没有发现问题。")
    table_print(sheet, ncols=len(cols), last_row=2 + max(1, len(rows)), title=title)


def _silent_sheet(book: Workbook, fmt: TableFormats, data: BulletinData, title: str) -> None:
    sheet = add_sheet(book, SILENT_SHEET)
    cols = (
        Col("序号", "center"), Col("单位名称", "text", 24), Col("单位类别", "text", 14), Col("任务数", "integer", 8, 8),
        Col("收到文件", "center", 10, 10), Col("情况", "wrap", 80, 40),
    )  # fmt: skip
    caption = f"共 {len(data.silent)} 个单位本期没有稿件计入（“情况”一栏说明收到了什么、为什么没有计入、该怎么办）"
    sheet_title(sheet, fmt, len(cols), f"{data.period.label}没有稿件计入的单位", caption)
    rows = [[i, s.unit, s.kind, s.quota, len(s.files) + len(s.refused), s.note] for i, s in enumerate(data.silent, start=1)]
    write_table(sheet, fmt, 2, cols, rows)
    for i, s in enumerate(data.silent, start=3):
        sheet.write_number(i, 3, s.quota, fmt.integer if float(s.quota).is_integer() else fmt.decimal)
    if not rows:
        empty_row(sheet, fmt, 3, len(cols), "各单位本期均有稿件计入。")
    table_print(sheet, ncols=len(cols), last_row=2 + max(1, len(rows)), title=title)


def _unmatched_sheet(book: Workbook, fmt: TableFormats, data: BulletinData, title: str) -> None:
    sheet = add_sheet(book, UNMATCHED_SHEET)
    cols = (
        Col("登记表行号", "center", 10), Col("报送单位", "text", 20), Col("信息标题", "wrap", 36), Col("采用级别", "center", 10),
        Col("采用形式", "center", 10), Col("问题", "wrap", 44, 24), Col("最接近的已报送标题", "wrap", 40, 24),
    )  # fmt: skip
    command = f"xlflow bulletin --period {data.period.key}"
    caption = (
        f"采用登记表中共 {len(data.unmatched)} 行未计入采用数、采用率和奖励：请按“问题”一栏改正采用登记表后，重新运行 {command}"
    )
    sheet_title(sheet, fmt, len(cols), "采用登记中未计入采用的行", caption)
    rows = [
        [a.row, a.unit_name or a.unit, a.title, a.level, a.form, a.problem, "\n".join(a.candidates) if a.candidates else "（没有相近的标题）"]
        for a in data.unmatched
    ]
    write_table(sheet, fmt, 2, cols, rows)
    if not rows:
        empty_row(sheet, fmt, 3, len(cols), "采用登记均已计入。")
    table_print(sheet, ncols=len(cols), last_row=2 + max(1, len(rows)), title=title)

