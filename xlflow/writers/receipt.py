"""The receipt (回执), one workbook per unit and month: 回执 (progress against the quota, what became of every
file, sheet and row: rows not counted in red) and 问题清单 (every finding, its cell and what to do).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook

from xlflow.core.model import ERROR, SEVERITY_LABEL, Article, Finding, SheetRead, for_unit, replaced_files
from xlflow.core.periods import Period
from xlflow.core.text import listing
from xlflow.settings import Settings
from xlflow.writers.base import (
    Formats,
    Target,
    add_sheet,
    display_width,
    fit_columns,
    merge_row,
    new_workbook,
    rate_cell,
    setup_print,
    write_header,
    write_row,
    write_text,
)
from xlflow.writers.tables import text_lines

RECEIPT_SHEET = "回执"
FINDINGS_SHEET = "问题清单"
ARTICLE_HEADERS = ("序号", "行号", "报送日期", "信息标题", "信息类别", "字数", "计入月份", "结果", "问题")
FINDING_HEADERS = ("序号", "文件", "工作表", "单元格", "信息标题", "规则", "类别", "说明")
SUMMARY_HEADERS = ("考核期间", "", "", "本次报送情况", "任务数", "计入数", "完成率", "错误", "提示")
STATUS_COUNTED = "计入"
STATUS_REJECTED = "未计入"
GAINED = "在其他月份报送的文件中、按报送日期计入本月"
STATUS_ELSEWHERE = "已在其他行计入"  # no error of its own left: its title counts from another row (R6, 问题清单 says where)
_DATE_SAMPLE = "2015-03-05"  # a date cell is as wide as this text
_MESSAGE_WIDTH = 60
_LINE_WIDTH = 150  # display width of a text line merged across the receipt's columns
CONSTANT_MEMORY_ROWS = 2_000  # a unit that pasted 50,000 rows gets its receipt without holding it all in memory


@dataclass(frozen=True)
class QuotaProgress:
    """A unit's progress for the receipt: articles counted against the quota of the period shown."""

    quota: float  # articles due (monthly quota, or the quarter's for a quarterly unit)
    counted: int  # counted articles in the same months
    period_label: str  # 2015年3月, or 2015年第一季度（截至3月） for a quarterly unit
    months: tuple[str, ...] = ()  # the months `counted` covers (a quarterly unit: quarter-to-date); () = this month

    @property
    def rate(self) -> float | None:
        return self.counted / self.quota if self.quota else None

    @property
    def shortfall(self) -> int:
        return max(0, int(round(self.quota)) - self.counted)


@dataclass(frozen=True)
class ReceivedFile:
    """A file the unit sent this month, as the receipt describes it."""

    name: str
    sheets: tuple[SheetRead, ...] = ()
    superseded_by: str = ""
    supplement: bool = False

    def describe(self, unread: bool = False, lost: int = 0) -> str:
        """文件“岳阳县.xlsx”：工作表“信息报送登记表”：第 4—9 行，6 条；工作表“填表说明”：未读取（说明页）. `unread`: refused
        this time, its rows last read kept; `lost`: the articles of a replaced file its replacement lacks."""
        head = f"文件“{self.name}”" + ("（补报）" if self.supplement else "")
        if self.superseded_by and lost:
            by = self.superseded_by
            return (f"{head}：已由“{by}”替代，未计入；其中 {lost} 条信息“{by}”中没有，不再计入：如仍要报送，请补入“{by}”"
                    f"后重新报送，或以文件名写“补报”的文件报送（见“{FINDINGS_SHEET}”）")  # fmt: skip
        if self.superseded_by:
            return f"{head}：已由“{self.superseded_by}”替代，未计入（见“{FINDINGS_SHEET}”）"  # nothing of it lost
        if unread:
            head += f"：这次未能读入（见“{FINDINGS_SHEET}”），下列为上次读入的记录"
        return f"{head}：" + "；".join(s.describe() for s in self.sheets) if self.sheets else head


def _status(article: Article, month: Period) -> str:
    if not article.counted:
        return STATUS_REJECTED if article.errors else STATUS_ELSEWHERE
    if article.month != month.key:
        return f"{STATUS_COUNTED}{Period.parse(article.month).label}"  # 计入2015年4月: counted in another month
    return STATUS_COUNTED


def _problems(article: Article) -> str:
    return "；".join(f"{f.label}（{f.cell}）" if f.cell else f.label for f in article.findings)


class _Formats(Formats):
    def __init__(self, book: Workbook) -> None:
        super().__init__(book)
        pink = {"font_color": "#C00000", "bg_color": "#FDE9E9"}
        self.rejected, self.rejected_int, _, _, self.rejected_center = self.row_formats(**pink)
        self.rejected_wrap = book.add_format({**self.box_props, **pink, "text_wrap": True})
        self.rejected_date = book.add_format({**self.box_props, **pink, "align": "center", "num_format": "yyyy-mm-dd"})
        # a date as typed, not a date
        self.typed_date = book.add_format({**self.box_props, "font_color": "#C00000", "align": "center"})
        self.line = book.add_format({**self.props, "font_size": 10, "text_wrap": True})


def write_receipt(target: Target, *, unit: str, month: Period, articles: Sequence[Article], findings: Sequence[Finding],
                  progress: QuotaProgress, settings: Settings, files: Sequence[ReceivedFile] = (),
                  gained: Sequence[Article] = (), notes: Sequence[str] = ()) -> None:  # fmt: skip
    """Write the receipt of `unit` for `month`: its progress, its files and sheets, its rows and findings;
    `gained`: the rows of other months' files counted in `month` (by their date), in its 计入数 but not listed;
    `notes`: lines under its files (where a late quarter's file counted)."""
    rows = sorted(articles, key=lambda a: (a.source_file, a.position, a.sheet, a.row))
    titles = {(a.source_file, a.sheet, a.row): a.title for a in rows}
    place = _place_label(rows, files)
    big = len(rows) > CONSTANT_MEMORY_ROWS  # rows go out as they are written (this writer writes rows in order)
    header = f"{unit}　{month.label}　政务信息报送回执"
    with new_workbook(target, title=f"{unit}{month.label}政务信息报送回执", constant_memory=big) as book:
        fmt = _Formats(book)
        sheet = add_sheet(book, RECEIPT_SHEET)
        ncols = len(ARTICLE_HEADERS)
        merge_row(sheet, 0, ncols - 1, f"{settings.office}政务信息报送回执", fmt.title, 28)
        write_row(sheet, 1, [("报送单位：", fmt.label), (unit, fmt.label)])
        write_text(sheet, 1, 4, f"报送月份：{month.label}", fmt.label)
        unread = {f.file for f in findings if f.row is None and f.severity == ERROR}  # refused, rows last read kept
        refused = _refused(findings, {f.name for f in files} | {a.source_file for a in rows})
        # a sheet's rows of last year's 补报, their F7 naming them (第 5—7 行): not among the rows, that year's to count
        spans = [run.partition("—") for f in findings if f.code == "F7" and f.cell.startswith("第 ") for run in f.cell[2:-2].split("、")]
        aside = sum(int(b or a) - int(a) + 1 for a, _, b in spans)
        room = _summary(sheet, fmt, rows, findings, progress, sum(1 for a in rows if a.source_file in unread), month,
                        len(refused.keys() & unread), len(gained), aside)  # fmt: skip

        numbered = len({a.source_file for a in rows}) > 1  # 行号 names a row's file by its number here
        lost = Counter(f.file for f in findings if f.code == "F8" and f.row is not None)
        described = [received.describe(received.name in unread, lost[received.name] if received.superseded_by else 0)
                     for received in files]  # fmt: skip
        if numbered:
            described = [f"文件{n}{text.removeprefix('文件')}" for n, text in enumerate(described, start=1)]
        described += notes
        if gained:  # what else its 计入数 holds
            described.append(f"{GAINED}：" + listing([f"{Period.parse(a.file_month).label}“{a.source_file}”第 {a.row} 行《{a.title}》"
                                                      for a in gained], 5, "条"))  # fmt: skip
        for r, text in enumerate([*described, *refused.values()], start=4):  # the files read, then those refused outright
            merge_row(sheet, r, ncols - 1, text, fmt.line, 15 * max(1, math.ceil(display_width(text) / _LINE_WIDTH)) + 3)
        head = 4 + len(described) + len(refused) + 1
        write_header(sheet, fmt, head, ARTICLE_HEADERS)
        table: list[list[object]] = [list(ARTICLE_HEADERS), ["报送单位："]]  # the 考核期间 label spans A:C: below
        table += [[index, place(a), a.date_text or _DATE_SAMPLE, a.title, a.category, a.chars, _status(a, month),
                   _status(a, month), _problems(a)] for index, a in enumerate(rows, start=1)]  # fmt: skip
        widths = fit_columns(sheet, table, maximum=50)
        # the 考核期间 label spans 序号, 行号 and 报送日期: those three must hold it
        label_room = display_width(progress.period_label) + 2 - sum(widths[:2])
        sheet.set_column(2, 2, max(widths[2], label_room, 12))
        sheet.set_column(3, 3, title_width := max(widths[3], 30, room))
        sheet.set_column(8, 8, problem_width := max(widths[8], 24))
        for index, article in enumerate(rows, start=1):  # title and problems wrap: Excel does not grow the row itself
            if (lines := max(text_lines(article.title, title_width), text_lines(_problems(article), problem_width))) > 1:
                sheet.set_row(head + index, 15 * lines + 3)
            _article_row(sheet, fmt, head + index, index, article, month, place(article))
        if not rows:
            sheet.merge_range(head + 1, 0, head + 1, ncols - 1, "本月没有可读取的稿件行（见“问题清单”）", fmt.center)
        notes = (
            "说明：红色为未计入的稿件，请按“问题清单”修改后重新报送：只报改好的几条，文件名写“补报”；整表重报，"
            "文件名写“更正”，已计入的也要列上。" + (f"每条信息不少于 {settings.min_chars} 字，" if settings.min_chars else "")
            + "指标类信息须有情况分析，须经审签。",
            f"联系人：{settings.coordinator} {settings.contact}　传真：{settings.fax}　"
            f"邮箱：{settings.email}　QQ群：{settings.qq_group}",
        )
        for r, text in enumerate(notes, start=head + max(len(rows), 1) + 2):
            merge_row(sheet, r, ncols - 1, text, fmt.note, 32)
        sheet.freeze_panes(head + 1, 0)
        setup_print(sheet, landscape=True, repeat_rows=(head, head), header=header)

        replaced = replaced_files([*(f.name for f in files if f.superseded_by), *refused.keys() - unread], findings)
        _write_findings(book, fmt, unit, month, findings, titles, header, replaced)


def _refused(findings: Sequence[Finding], read: set[str]) -> dict[str, str]:
    """File → a line for each file refused outright (no rows of it read, now or before): its name and why; or,
    one a later file replaced (F8, versions.supersede_refused), by which."""
    why: dict[str, str] = {}
    for f in findings:
        if f.row is None and (f.severity == ERROR or f.code == "F8") and f.file not in read:
            said = for_unit(f.message).removeprefix(f"{f.file}：")
            why.setdefault(f.file, f"文件“{f.file}”：" + ("拒收，未计入：" if f.severity == ERROR else "") + said)
    return why


def _summary(sheet: Any, fmt: _Formats, rows: Sequence[Article], findings: Sequence[Finding], progress: QuotaProgress,
             last_read: int, month: Period, refused: int, gained: int, aside: int = 0) -> int:  # fmt: skip
    """Write the summary rows; the width its line needs when longer than the usual one, else 0."""
    sheet.merge_range(2, 0, 2, 2, SUMMARY_HEADERS[0], fmt.header)
    write_header(sheet, fmt, 2, SUMMARY_HEADERS[3:], first_col=3)
    counted = sum(1 for a in rows if a.counted)
    own = progress.months or (month.key,)  # a quarterly unit's February row counts in its quarter's 计入数 as well
    other = Counter(a.month for a in rows if a.counted and a.month not in own)  # dated in another month: counted there
    rejected = sum(1 for a in rows if a.errors)
    errors = sum(1 for f in findings if f.severity == ERROR)
    sheet.merge_range(3, 0, 3, 2, progress.period_label, fmt.center)
    sent = f"本次报送 {len(rows) - last_read + aside} 行" + (f"，另有上次读入的 {last_read} 行" if last_read else "")
    sent += f"：计入 {counted - other.total()} 条"
    also = "、".join(f"{n} 条按报送日期计入{Period.parse(m).label}" for m, n in sorted(other.items()))
    if gained:  # rows of other months' files dated in this one: in its 计入数, listed below
        also += ("；另有 " if also else "") + f"{gained} 条{GAINED}，见下"
    if also:
        sent += f"（另有 {also}）"
    sent += f"，未计入 {rejected} 条"
    elsewhere = len(rows) - counted - rejected
    if elsewhere:
        sent += f"，{elsewhere} 行已在其他行计入"
    if aside:  # last year's 补报 sheet of a January file: that year's workspace counts them
        sent += f"，{aside} 行是往年的补报，另行汇总（见下）"
    if refused:
        sent = (f"{sent}；另有 {refused} 个文件被拒收" if rows else f"{refused} 个文件被拒收，没有计入稿件") + "（见下）"
    write_row(sheet, 3, [(sent, fmt.text), (progress.quota, fmt.count_format(progress.quota)),
                         (progress.counted, fmt.integer), rate_cell(progress.rate, fmt.percent, fmt.center),
                         (errors, fmt.integer), (len(findings) - errors, fmt.integer)], 3)
    return display_width(sent) + 2 if elsewhere or last_read or other or refused or gained or aside else 0


def _place_label(rows: Sequence[Article], files: Sequence[ReceivedFile]) -> Callable[[Article], int | str]:
    """What the 行号 column shows: the row number, or, where one number would name two rows, “第二周 第 5 行” (a
    file's rows of several sheets) and “文件2 第 5 行” (rows of several files, numbered as the files above)."""
    numbers = {f.name: f"文件{i}" for i, f in enumerate(files, start=1)}
    several = len({a.source_file for a in rows}) > 1
    sheets = {name: len({a.sheet for a in rows if a.source_file == name}) > 1 for name in {a.source_file for a in rows}}
    if not several and not any(sheets.values()):
        return lambda a: a.row
    return lambda a: " ".join([numbers.get(a.source_file, a.source_file)] * several + [a.sheet] * sheets[a.source_file]
                              + [f"第 {a.row} 行"])  # fmt: skip


def _article_row(sheet: Any, fmt: _Formats, r: int, index: int, a: Article, month: Period, place: int | str) -> None:
    counted = a.counted or not a.errors  # not red: nothing to fix (a row counted elsewhere has no error left)
    text, center, integer = (fmt.wrap, fmt.center, fmt.integer) if counted else (fmt.rejected_wrap, fmt.rejected_center, fmt.rejected_int)
    if a.date is not None:
        date = (a.date, fmt.date if counted else fmt.rejected_date)
    else:  # a date as typed, not a date
        date = (a.date_text, fmt.typed_date if counted else fmt.rejected_center)
    month_label = Period.parse(a.month).label if a.counted and a.month else ""
    write_row(sheet, r, [(index, integer), (place, integer if isinstance(place, int) else center), date, (a.title, text), (a.category, center),
                         (a.chars, integer), (month_label, center), (_status(a, month), center),
                         (_problems(a), text)])


def _code_order(code: str) -> tuple[str, int]:
    """R2 before R10."""
    return code[:1], int(code[1:]) if code[1:].isdigit() else 0


def _write_findings(book: Workbook, fmt: _Formats, unit: str, month: Period, findings: Sequence[Finding],
                    titles: dict[tuple[str, str, int], str], header: str, replaced: Collection[str]) -> None:
    sheet = add_sheet(book, FINDINGS_SHEET)
    ncols = len(FINDING_HEADERS)
    merge_row(sheet, 0, ncols - 1, f"{unit}　{month.label}　回执：问题清单", fmt.title, 26)
    write_header(sheet, fmt, 1, FINDING_HEADERS)
    ordered = sorted(findings, key=lambda f: (f.file, f.row is not None, f.row or 0, f.severity != ERROR, _code_order(f.code)))
    # the unit's own steps (for_unit): filing and consolidating again are the coordinator's
    table: list[list[object]] = [list(FINDING_HEADERS)] + [
        [index, f.file, f.sheet, f.cell or (f"第 {f.row} 行" if f.row else "整个文件"),
         titles.get((f.file, f.sheet, f.row), "") if f.row is not None else "", f.label_among(replaced),
         SEVERITY_LABEL.get(f.severity, f.severity), for_unit(f.message)]
        for index, f in enumerate(ordered, start=1)
    ]  # fmt: skip
    widths = fit_columns(sheet, table, maximum=40)
    sheet.set_column(7, 7, _MESSAGE_WIDTH)
    for r, (f, values) in enumerate(zip(ordered, table[1:], strict=True), start=2):
        lines = max(1, math.ceil(display_width(values[7]) / (_MESSAGE_WIDTH - 2)), text_lines(values[4], widths[4]))
        sheet.set_row(r, 15 * lines + 3)  # wrapped text: Excel does not grow the row by itself
        text, wrap = (fmt.rejected, fmt.rejected_wrap) if f.severity == ERROR else (fmt.text, fmt.wrap)
        formats = [fmt.rejected_int if f.severity == ERROR else fmt.integer, text, text, text, wrap, text, text, fmt.wrap]
        write_row(sheet, r, list(zip(values, formats, strict=True)))
    if not ordered:
        sheet.merge_range(2, 0, 2, ncols - 1, "未发现问题", fmt.center)
    sheet.freeze_panes(2, 0)
    setup_print(sheet, landscape=True, repeat_rows=(1, 1), header=header)
