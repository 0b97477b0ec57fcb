"""The coordinator's 工作底稿, the working lists kept out of the leaders' copy (SPEC §9): 问题稿件 (every finding,
with month and title), 无稿件计入单位 (and what became of what they sent), 采用登记待核对 (adoption rows not counted, or counted
with a 批示 … to fix).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from xlsxwriter.workbook import Workbook

from xlflow.compute.rates import count_findings
from xlflow.core.model import SEVERITY_LABEL, Finding, replaced_files
from xlflow.core.periods import Period
from xlflow.writers.base import Formats, Target, new_workbook
from xlflow.writers.bulletin import BulletinData
from xlflow.writers.tables import Col, table_sheet

FINDINGS_SHEET = "问题稿件"
SILENT_SHEET = "无稿件计入单位"
UNMATCHED_SHEET = "采用登记待核对"
FINDING_COLS = (
    Col("序号", "center"), Col("单位名称", "text", 20), Col("月份", "center", 11), Col("文件", "wrap", 24),
    Col("工作表", "wrap", 12), Col("行号", "center"), Col("单元格", "center"), Col("信息标题", "wrap", 28),
    Col("规则", "text", 14), Col("类别", "center"), Col("说明", "wrap", 46, 30),
)  # fmt: skip
FINDING_HEADERS = tuple(c.header for c in FINDING_COLS)
SILENT_COLS = (
    Col("序号", "center"), Col("单位名称", "text", 24), Col("单位类别", "text", 14), Col("任务数", "count", 8, 8),
    Col("收到文件", "center", 10, 10), Col("情况", "wrap", 80, 40),
)  # fmt: skip
UNMATCHED_COLS = (
    Col("登记表行号", "center", 10), Col("报送单位", "text", 20), Col("信息标题", "wrap", 36), Col("采用级别", "center", 10),
    Col("采用形式", "center", 10), Col("问题", "wrap", 44, 24), Col("最接近的已报送标题", "wrap", 40, 24),
    Col("登记表工作表", "text", 14),
)  # fmt: skip


def findings_caption(data: BulletinData) -> str:
    """错误 70 条：60 条在 60 篇未计入的稿件中 … — the same count the notice gives, with how it adds up."""
    n = count_findings(data.findings)
    if not n.errors:
        return f"没有错误；提示 {n.warnings} 条（不影响计数，请注意改进）"
    parts = []
    if n.row_errors:
        parts.append(f"{n.row_errors} 条在 {n.rows} 篇未计入的稿件中（一篇稿件可能有几处错误）")
    if n.file_errors:
        parts.append(f"{n.file_errors} 条是被拒收的 {n.files} 个文件")
    return f"错误 {n.errors} 条：" + "，".join(parts) + f"；提示 {n.warnings} 条（不影响计数，请注意改进）"


def write_working_papers(target: Target, data: BulletinData, *, fingerprint: str = "") -> None:
    """Write the 工作底稿 of `data.period`; `fingerprint` is stored as a custom document property."""
    title = f"{data.period.label}政务信息报送工作底稿"
    with new_workbook(target, title=title, fingerprint=fingerprint) as book:
        fmt = Formats(book)
        _findings_sheet(book, fmt, data, title)
        _silent_sheet(book, fmt, data, title)
        _unmatched_sheet(book, fmt, data, title)


def sort_findings(findings: Iterable[Finding], order: Mapping[str, int]) -> list[Finding]:
    """问题稿件's order: units in quota-table order (`order`: name -> place, unknown units last), month, file, row."""
    return sorted(findings, key=lambda f: (order.get(f.unit, len(order)), f.unit, f.month, f.file, f.row or 0, f.code))


def _findings_sheet(book: Workbook, fmt: Formats, data: BulletinData, title: str) -> None:
    findings = sort_findings(data.findings, data.unit_order)
    replaced = {m: replaced_files(names, (f for f in findings if f.month == m)) for m, names in data.superseded.items()}
    rows = [
        [
            i, f.unit or "（单位不明）", Period.parse(f.month).label if f.month else "", f.file, f.sheet, f.row, f.cell,
            data.titles.get((f.month, f.file, f.sheet, f.row), "") if f.row is not None else "（整个文件）",
            f.label_among(replaced.get(f.month, ())), SEVERITY_LABEL.get(f.severity, f.severity), f.message,
        ]
        for i, f in enumerate(findings, start=1)
    ]  # fmt: skip
    table_sheet(book, fmt, FINDINGS_SHEET, FINDING_COLS, rows, title=f"{data.period.label}问题稿件",
                caption=findings_caption(data), empty="本期没有发现问题。", header=title)


def _silent_sheet(book: Workbook, fmt: Formats, data: BulletinData, title: str) -> None:
    """The units that owe their quota and have nothing counted, as the notice counts them; under them, apart, the
    quarterly units with nothing counted yet whose quarter is not over (not late)."""
    caption = f"共 {len(data.silent)} 个单位本期没有稿件计入（“情况”一栏说明收到了什么、为什么没有计入、该怎么办）" if data.silent else ""
    waiting = f"按季度考核、季度未结束的单位 {len(data.waiting)} 个（尚无稿件计入，不算未完成）" if data.waiting else ""
    caption = "；".join(c for c in (caption or (waiting and "本期应完成任务的单位都有稿件计入"), waiting and f"{waiting}列在后面") if c)
    rows = [[[i, s.unit, s.kind, s.quota, len(s.files) + len(s.refused) + len(s.late), s.note] for i, s in enumerate(group, start=1)]
            for group in (data.silent, data.waiting)]  # fmt: skip
    sheet = table_sheet(book, fmt, SILENT_SHEET, SILENT_COLS, rows[0] + ([[("", fmt.subtotal)] * 6] if waiting else []) + rows[1],
                        title=f"{data.period.label}没有稿件计入的单位", caption=caption, empty="各单位本期均有稿件计入。",
                        header=title)  # fmt: skip
    if waiting:
        sheet.merge_range(3 + len(rows[0]), 0, 3 + len(rows[0]), len(SILENT_COLS) - 1, f"{waiting}：", fmt.subtotal)


def _unmatched_sheet(book: Workbook, fmt: Formats, data: BulletinData, title: str) -> None:
    command = f"xlflow bulletin --period {data.period.key}"
    to_fix = [a for a, _ in data.adopted if a.problem]  # counted, but the register says something unread (a 批示 …)
    notes = data.register_notes  # sheets, rows, columns of the register not read: listed last, no row of their own
    caption = (
        f"采用登记表中共 {len(data.unmatched)} 行未计入采用数、采用率和奖励"
        + (f"，另有 {len(to_fix)} 行已计入采用但须改正" if to_fix else "")
        + (f"，另有 {len(notes)} 处未读取或须核对的内容（列在最后）" if notes else "")
        + f"：请按“问题”一栏改正采用登记表后，重新运行 {command}"
    )
    sheets = list(dict.fromkeys(a.sheet for a in (*data.unmatched, *to_fix)))
    rows = sorted(
        [
            *([a.row, a.unit_name or a.unit, a.title, a.level, a.form, a.problem,
               "\n".join(a.candidates) or ("（标题与已报送稿件相符）" if a.title_sent else "（没有相近的标题）"), a.sheet]
              for a in data.unmatched),
            *([a.row, a.unit_name, a.title, a.level, a.form, f"{a.problem}；采用已计入", "（已对应到已报送稿件）", a.sheet]
              for a in to_fix),
        ],  # fmt: skip
        key=lambda row: (sheets.index(row[-1]), row[0]),  # the register's own sheet first, as read
    ) + [["", "", "", "", "", note, "", ""] for note in notes]
    heading = "采用登记中待核对的行" if to_fix or notes else "采用登记中未计入采用的行"
    table_sheet(book, fmt, UNMATCHED_SHEET, UNMATCHED_COLS, rows, title=heading, caption=caption,
                empty="采用登记均已计入。", header=title)
