"""Reading a unit's monthly workbook (信息报送登记表) as people really send it (SPEC §5): every sheet with a header,
a hidden one too (F13); a sheet set aside that may hold articles is named (F12)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from xlflow.checks.rows import category_of, date_in
from xlflow.core.errors import InputFileError
from xlflow.core.model import ERROR, FOR_COORDINATOR, WARNING, Finding, RawRow, SheetRead, UnitFile
from xlflow.core.periods import month_key, month_label, months_span
from xlflow.core.schema import COLUMNS_BY_KEY, REPORT_HELP_SHEET
from xlflow.core.text import (
    CORRECTION,
    book_title,
    clean_cell,
    column_letter,
    count_chars,
    is_correction,
    nfkc,
    normalize_title,
    row_runs,
    squash,
)
from xlflow.core.units import UnitTable
from xlflow.intake.messages import in_year_workspace
from xlflow.intake.preflight import Limits
from xlflow.intake.returns_header import (
    HEADER_SCAN_ROWS,
    UNIT_COLUMN,
    Header,
    column_key,
    find_header,
    has_text,
    labels_above,
)
from xlflow.intake.returns_rows import article_rows, articles_end, fill_merged, foreign, too_many_rows
from xlflow.intake.returns_unit_month import (
    SUMMED,
    SUPPLEMENT,
    SUPPLEMENT_NAME,
    Stated,
    month_version,
    months_text,
    name_months,
    own_month,
    past_span,
    repeats_counted,
    resolve_month,
    resolve_unit,
    set_aside_by_name,
    sheet_month,
    stated_months,
    supplement_of,
)
from xlflow.intake.workbook import Book, Sheet, open_book
from xlflow.settings import Settings

MAX_FILE_BYTES = 50 * 1024 * 1024  # a monthly report is a few hundred kB; beyond this something is wrong
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # zip bombs: declared size of all parts (pre-flight, with its other limits)
ROW_SLACK = 10_000  # rows read beyond the allowed articles, for blank and note rows between them
# a missing 信息类别 column reads as blank cells, 其他 (R4), named once, unless a header cell is not recognised (稿件类别)
REQUIRED_KEYS = ("date", "title", "category", "signer")
DRAFT = re.compile(r"初稿|草稿|旧版|原稿")  # an earlier version by its name: replaced even with other titles
_N = r"[\d一二两三四五六七八九十]+"
_COUNT = rf"(?:{_N}[条篇则份])?"
# a return saying it holds an emergency report, not one: 3月信息（含1篇紧急信息）, （含紧急报告）, 和紧急信息, 以及紧急事件,
# 暨紧急信息报送表, 、紧急信息, （紧急信息1条）; the joining word only after a return's name (…信息, 3月, …表, …报送),
# whatever follows but a 的 (暴雨灾情及紧急情况的报告 is a report's own name) and not in a name about one event
HOLDS_URGENT = re.compile(rf"(?:含有?|附|其中|包括|另有){_COUNT}紧急|(?:(?<=信息)|(?<=月)|(?<=月份)|(?<=表)|(?<=报送))"
                          rf"(?:以及|及|和|与|暨|、|[+＋&＆/／]){_COUNT}紧急(?:政务信息|信息|稿件|稿|情况报告|报告|事件|情况|事项)?"
                          rf"{_COUNT}(?!.*的)|{_N}[条篇则份]紧急|紧急(?:信息|稿件|报告){_N}[条篇则份]")
# a name about one event (关于…, what happened; not a day: 3月31日政务信息及紧急信息 is dated) is an emergency report
# even when it says 信息及紧急…
ONE_EVENT = re.compile(r"关于|火灾|火情|事故|爆炸|泄漏|暴雨|灾情|险情|地震|洪水|汛情|停电|停产")
_REDONE = re.compile(rf"{SUPPLEMENT.pattern}|更正|修改|修订")  # a sheet's name: articles sent again on purpose
_HELP_WORDS = re.compile(r"说明|示例|样表|注意事项|填表|填写要求")
_SPARE = re.compile(r"备份|副本|复制|copy", re.IGNORECASE)  # a sheet's name: a copy kept aside
_DEFAULT_NAME = re.compile(r"sheet\d+", re.IGNORECASE)  # Sheet2: a copy kept aside, or the form itself (Sheet1)


@dataclass
class _DataSheet:
    labels: dict[str, object]
    titles: list[str]
    rows: list[RawRow]
    unit_values: list[str]
    skipped_rows: list[Finding]
    read: SheetRead
    month_cell: str  # where its 报送月份 is written (E2), "" when not found


def read_unit_workbook(
    path: Path,
    units: UnitTable,
    *,
    month_hint: str | None,
    settings: Settings,
    name: str | None = None,
    raw_name: bytes = b"",
    other_month_ok: bool = False,
) -> UnitFile:
    """Read one unit's monthly workbook; raise InputFileError (code F1…F11) when it cannot be used. A file
    whose month is not `month_hint` is refused F7 unless `other_month_ok` (the caller then sorts it out)."""
    limits = Limits(max_file_bytes=MAX_FILE_BYTES, max_total_bytes=MAX_UNZIPPED_BYTES, max_entry_bytes=MAX_UNZIPPED_BYTES)
    book = open_book(path, name=name, limits=limits, max_rows=settings.max_rows_per_sheet + ROW_SLACK)
    name = book.name
    reports: list[SheetRead] = []
    data: list[_DataSheet] = []
    incomplete: list[str] = []
    lacking: dict[str, tuple[int, list[tuple[int, object, object]]]] = {}  # sheet -> header row, (row, title, date)
    roster_sheets: set[str] = set()
    for sheet in book.sheets:
        report = SheetRead(sheet.name, False, hidden=not sheet.visible)
        reports.append(report)
        if sheet.chart or sheet.empty:
            report.why = "图表" if sheet.chart else "空白"
        elif (header := find_header(sheet.rows)) is None:
            report.notable = not _is_help_sheet(sheet)
            report.why = f"前 {HEADER_SCAN_ROWS} 行找不到表头" if report.notable else "说明页"
            if "通讯员" in sheet.name + "".join(str(v) for row in sheet.rows[:3] for v in row if isinstance(v, str)):
                roster_sheets.add(sheet.name)  # 附件二 mailed inside the return: xlflow register's, not a form to fix
        elif missing := _missing_columns(header, _read_category(header, sheet.rows[header.last_row + 1 :])):
            report.notable = True
            report.why = f"第 {header.last_row + 1} 行的表头缺少必填列 {missing}"
            incomplete.append(f"工作表“{sheet.name}”{report.why}")
            title, date = header.columns.get("title"), header.columns.get("date")
            if filled := [(r + 1, *(row[c] if c is not None and c < len(row) else None for c in (title, date)))
                          for r, row in enumerate(sheet.rows) if r > header.last_row and any(
                    has_text(v) for c, v in enumerate(row) if title in (None, c))]:  # fmt: skip
                lacking[sheet.name] = header.last_row + 1, filled
        else:
            data.append(_read_sheet(book, sheet, header, report, settings))
    if not data and not incomplete:
        listed = "、".join(f"“{s.name}”" for s in book.sheets if not s.chart) or "（无）"
        raise InputFileError(
            f"{name}：在工作表 {listed} 的前 {HEADER_SCAN_ROWS} 行找不到表头（需要“信息标题”“报送日期”“审签人”等列名）："
            "请使用下发的信息报送登记表模板，保留表头行后重新报送",
            code="F5",
        )
    if not data:
        raise InputFileError(f"{name}：{'；'.join(incomplete)}：请按下发的模板补上这些列并填写后重新报送", code="F11")

    near = (int(month_hint[:4]), int(month_hint[5:7])) if month_hint else (settings.year, 6)  # none: mid-year
    stated = {d.read.name: said for d in data if (said := sheet_month(d.labels, d.titles, near)) is not None}
    stale = _stale_labels(name, data, stated, near, book.date1904, settings.year, month_hint)
    hidden = {d.read.name for d in data if d.read.hidden}
    shown = {sheet: said for sheet, said in stated.items() if sheet not in hidden}
    month, source, said = resolve_month(name, shown, near, month_hint, tuple(stated[s] for s in stated if s in hidden))
    if other_month_ok and not source:  # inbox/ read whole and nothing states a month: the rows' dates may
        month = _dated_month([r for d in data for r in d.rows], month, book.date1904, settings.year) or month
    elif other_month_ok and len(said[1]) > 1:  # a quarter's form sent each month: the last month it has rows of
        month = _sent_month([r for d in data for r in d.rows], said, month, book.date1904) or month
    late = month == month_hint and said is not None and past_span(said, near)  # a past quarter's, sent late: a 补报
    year, number = int(month[:4]), int(month[5:])
    # a file named for months up to this one (岳阳县_2015年01-02月.xlsx, not a year's book 1-12月): its 1月 sheet is
    # January's 补报, read as 6月补报 is
    covers = name_months(Path(name).stem, near)
    earlier = {d.read.name for d in data if (own := stated.get(d.read.name, (None,))[0] or name_months(d.read.name, near))
               and covers and covers[0] == own[0] == year and covers[1][-1] == number and set(own[1]) < set(covers[1])
               and own[1][-1] < number}  # fmt: skip
    for d in data:
        own = stated[d.read.name][0] if d.read.name in stated else None
        if own is not None and not (own[0] == year and number in own[1] or late and past_span(own, near)
                                    or supplement_of(d.read.name, own, month) or d.read.name in earlier):  # fmt: skip
            d.read.read, d.read.notable = False, True
            d.read.why = f"这张表写的是{months_text(own)}，不是{year}年{number}月"
    dated = {d.read.name for d in data if _mostly_dated(d.rows, month, book.date1904)}
    renamed = set_aside_by_name([d.read for d in data], stated.keys() | earlier, month, dated)
    other_months = {d.read.name for d in data if not d.read.read}
    for d in data:
        d.read.repeats = d.read.read and (d.read.repeats or late or d.read.name in earlier or repeats_counted(d.read.name, stated.get(d.read.name, (None,))[0], month))
    copies = _set_aside_copies(data, month, book.date1904)
    data = [d for d in data if d.read.read]
    if month_hint and month != month_hint and not other_month_ok:
        asked, told = f"{near[0]}年{near[1]}月", months_text(said or (year, (number,)))
        fix = f"填入{asked}下发的登记表" if source == "“报送月份”" else f"改正{source}"
        later = f"将按{told}另行汇总，无需重报"  # true once the coordinator files it, as told after 协调人
        todo = f"本文件{later}" if source == "文件名和各行日期" else f"如是{asked}的信息，请{fix}后重新报送；如是{told}的信息，{later}"
        raise InputFileError(
            f"{name}：{source}写的是{told}，本次汇总的是{asked}：{todo}{FOR_COORDINATOR}"
            + (in_year_workspace(month) if year != settings.year else "请放入对应月份的文件夹另行汇总）"),
            code="F7",
        )

    # a 补报 file (漏报, 补交, 补), or a 补报's own 更正
    named = bool(SUPPLEMENT_NAME.search(squash(name))) and (not is_correction(name) or corrects_supplement(name))
    aside = {d.read.name: (gone, d) for d in data if (gone := _another_year(d, stated.get(d.read.name), month,
                                                                                 book.date1904, settings.year, named))}  # fmt: skip
    unit, conflict = resolve_unit(
        name,
        units,
        [d.labels["unit"] for d in data if "unit" in d.labels],
        [v for d in data for v in d.unit_values],
        [t for d in data for t in d.titles],
        settings,
    )
    findings: list[Finding] = []

    def warn(sheet: str, code: str, text: str, column: str = "", cell: str = "") -> None:
        findings.append(Finding(name, sheet, None, column, cell, code, WARNING, text, unit.name, month))

    if conflict:
        warn("", "F6", conflict, "报送单位")
    for d in (d for d in data if stale.get(d.read.name)):
        warn(d.read.name, "F7", stale[d.read.name], "报送月份", d.month_cell)
    for sheet, said in renamed.items():
        warn(sheet, "F7", f"{name}：工作表名“{sheet}”写的是{months_text(said)}，但表中各行日期是{year}年{number}月，已按"
                          f"{year}年{number}月读取：如是沿用上月的表，下月请改正工作表名")  # fmt: skip
    alone = sum(x.read.read for x in data) == 1  # the file is this one sheet: copied as it is
    for sheet, (gone, d) in aside.items():  # last year's December sent in January: that year's workspace consolidates it
        said, last, runs = months_span(sorted({m for _, m in gone})), max(m for _, m in gone), row_runs([r for r, _ in gone])
        keep = f"删去第 {row_runs([r.row for r in d.rows])} 行，只保留表头和第 {runs} 行；" if d.rows else ""
        right = (got := stated.get(sheet, ((0, ()), ""))[0])[0] == int(last[:4]) and int(last[5:]) in got[1]  # 2015年12月
        cell = f"把 {d.month_cell} 的报送月份改为{month_label(last)}；" if d.month_cell and not right else ""
        d.read.why = "；".join(filter(None, [d.read.why, f"{'其中' if d.rows else ''}第 {runs} 行是{said}的补报，另行汇总"]))
        d.read.rows -= len(gone)  # the rows counted here, not those set aside
        warn(sheet, "F7", f"{name}：工作表“{sheet}”第 {runs} 行的报送日期在{said}，是{said}的补报，"
                          f"不计入{settings.year}年度：将按{said}另行汇总，无需重报{FOR_COORDINATOR}"
                          + in_year_workspace(last, ("请把这个文件复制一份，" if alone and not d.rows else
                                                     "请把这张表复制为单独的工作簿：右键工作表标签→移动或复制→新工作簿、建立副本；")
                                                    + f"{keep}{cell}存为“{unit.name}_{month_label(last)}补报.xlsx”，"),
             cell=f"第 {runs} 行")  # fmt: skip
    # of a sheet lacking a column, the articles not on the form read and of this month (not a 目录 of the same ones,
    # nor earlier months' 采用情况): an error to fix; with none such, the sheet is named as any set aside (F12)
    known = _titles([r for d in data for r in d.rows])
    lacking = {sheet: (at, kept) for sheet, (at, filled) in lacking.items() if (kept := [
        r for r, title, when in filled if not _on_form(normalize_title(clean_cell(title)), known)
        and ((got := date_in(when, month, book.date1904).value) is None or month_key(got.year, got.month) == month)])}
    for report in reports:
        if report.read and report.hidden:
            report.why = "隐藏的工作表"
            warn(report.name, "F13", f"{name}：工作表“{report.name}”是隐藏的，其中的信息已一并读取：如不应报送，请删除该工作表后重新报送")
        elif report.name in lacking:  # articles not read: an error to fix, as the sheet alone would be refused (F11)
            at, filled = lacking[report.name]
            findings.append(Finding(name, report.name, at, "", f"第 {at} 行（表头）", "F11", ERROR,
                                    f"{name}：工作表“{report.name}”{report.why}，表中第 {row_runs(filled)} 行的信息未读取、未计入："
                                    f"请在该表表头补上这些列、逐行填写后重新报送，或把这些信息填入“{data[0].read.name}”工作表后重新报送",
                                    unit.name, month))  # fmt: skip
        elif not report.read and report.notable:
            todo = ("" if report.name in copies else f"：如其中有{year}年{number}月的信息，请移到本月的表中重新报送"
                    if report.name in other_months else "：如其中有要报送的信息，请移到信息报送登记表中重新报送")  # fmt: skip
            own = stated.get(report.name, (None,))[0] or name_months(report.name, (year, 6))
            if report.name in other_months and own and supplement_of("补报", own, month):  # January's left out: 1月补报
                fix = f"{own[1][0]}{f'-{own[1][-1]}' if len(own[1]) > 1 else ''}月补报"
                todo += f"；如是{months_text(own)}未报送（或漏报）的信息，请把工作表名改为“{fix}”后重新报送"
            if report.name in roster_sheets:
                todo = ("：这是通讯员登记表（附件二），不是信息报送登记表（信息报送登记表照常读取）：通讯员登记表请另存为单独的文件报送"
                        f"{FOR_COORDINATOR}把它另存到工作区的 通讯员登记表/ 文件夹后运行 xlflow register）")  # fmt: skip
            warn(report.name, "F12", f"{name}：工作表“{report.name}”未读取（{report.why}）{todo}")
    rows = [row for d in data for row in d.rows]
    for d in data:
        findings.extend(dataclasses.replace(f, unit=unit.name, month=month) for f in d.skipped_rows)
    if not rows and not aside:
        warn("", "F9", f"{name}：表头下没有填写任何信息：如本月有信息，请逐行填写后重新报送")
    texts = [*(t for d in data for t in d.titles), *(str(v) for d in data for v in d.labels.values())]
    # a later month's file whose sheets read are 补报 (12月补报 beside 1月, set aside): adds its rows to the unit's
    # return, a 补报, never the return replacing it; a resend named for the sending month or of one sheet 补报 replaces
    ahead = any(month_key(s[0], s[1][0]) > month for n in other_months if (s := stated.get(n, (None,))[0] or name_months(n, near)))
    sheets_say = ahead and bool(data) and all(SUPPLEMENT_NAME.search(nfkc(d.read.name)) for d in data)
    return UnitFile(
        path=book.path, sha256=book.sha256, mtime=book.mtime, name=name, raw_name=raw_name, date1904=book.date1904,
        unit=unit.name, kind=unit.kind, month=month, sheets=reports, rows=rows, findings=findings,
        supplement=late or (named or sheets_say or any(SUPPLEMENT.search(squash(t)) for t in texts))
        and (not is_correction(name) or corrects_supplement(name)),
    )


def _set_aside_copies(data: list[_DataSheet], month: str, date1904: bool) -> set[str]:
    """A sheet read whose every article another sheet read holds, every cell read alike (a print copy, 打印版,
    信息报送登记表 (2), a 汇总 numbering them anew: 序号 is not compared): set aside and named, not read as R6 errors; of
    two identical sheets the first is read. A sheet differing in any other cell (审签人 or 报送日期 filled in) is a
    correction, and one named 补报, 更正 … never a copy. The month's own sheet (3月) is no copy of a cumulative one
    (第一季度, or a 汇总 holding more): both are read, the cumulative one as a 补报 (`SheetRead.repeats`), its rows
    repeating the month's 已在其他行计入; of a fuller version of it (3月 (2), 3月（最终版）) it is a copy. Returns the names
    of the copies."""
    held = {id(d): {_copy_key(r) for r in d.rows} for d in data}
    rank = {id(d): _spare(d, data, month, date1904) for d in data}
    copies = set()
    for d in data:
        mine = held[id(d)] if not _REDONE.search(d.read.name) else set()
        others = [o for o in data if o is not d and o.read.read and mine <= held[id(o)]]
        for o in others if mine and own_month(d.read.name, month) else ():
            o.read.repeats |= mine < held[id(o)] and not month_version(o.read.name, month)
        others = [o for o in others if not o.read.repeats]
        spare = rank[id(d)]  # a backup (备份, Sheet2) is never the original of the form's own sheet: it is its copy
        original = next((o for o in others if spare >= rank[id(o)]
                         and (mine < held[id(o)] or data.index(o) < data.index(d) or spare > rank[id(o)])), None)  # fmt: skip
        why = f"{len(d.rows)} 条信息与工作表“{original.read.name}”的完全相同，是它的副本，不重复计入" if original else ""
        if mine and original is None and spare:  # the form's articles all on it and more: rows taken out of the form
            original = next((o for o in data if o.read.read and rank[id(o)] < spare and not o.read.repeats
                             and _titles(o.rows) and _titles(o.rows) <= _titles(d.rows)), None)  # fmt: skip
            extra = [r for r in d.rows if not _titles([r]) <= _titles(original.rows)] if original else []
            why = original and f"是工作表“{original.read.name}”的备份，" + (
                f"其中第 {row_runs([r.row for r in extra])} 行{''.join(book_title(str(r.values['title'])) for r in extra)}"
                f"该表中没有，未计入：如需计入请补到工作表“{original.read.name}”并重新报送" if extra else "不重复计入")
        if mine and original is not None:
            d.read.read, d.read.notable, d.read.why = False, True, why
            copies.add(d.read.name)
    for d in data:  # Excel's 建立副本 (Sheet1 (2), Sheet1 - 副本) beside its original, one of them edited since:
        o = next((o for o in data if o.read.read and _copy_name(d.read.name, o.read.name)), None)  # the one holding
        if not d.read.read or o is None or d.read.repeats or o.read.repeats or _REDONE.search(d.read.name):  # fewer
            continue  # rows is the older, of two as long the copy; read the other when most rows are the same
        old, new = (d, o) if len(d.rows) <= len(o.rows) else (o, d)
        kept = _titles(new.rows) | {_text(r) for r in new.rows} - {""}
        extra = [r for r in old.rows if not ({normalize_title(clean_cell(r.values.get("title"))), _text(r)} & kept)]
        if 2 * len(extra) >= len(old.rows):
            continue
        said = f"是工作表“{o.read.name}”的副本" if old is d else f"工作表“{d.read.name}”是它的副本，已按“{d.read.name}”读取"
        old.read.read, old.read.notable, old.read.why = False, True, said + (
            f"，其中第 {row_runs([r.row for r in extra])} 行{''.join(book_title(str(r.values['title'])) for r in extra)}"
            f"该表中没有，未计入：如需计入请补到工作表“{new.read.name}”并重新报送" if extra else "，不重复计入")
        copies.add(old.read.name)
    return copies


def _on_form(title: str, known: set[str]) -> bool:
    """A side sheet's title (目录: 1、…, or shortened by a clerk) is one of the form's: the same without its number,
    or held in one of them or holding it (at least 6 characters)."""
    title = re.sub(r"^(?:(?:\d+|[一二三四五六七八九十]+)[、,.．)）]|\((?:\d+|[一二三四五六七八九十]+)\))", "", title)
    return title in known or len(title) >= 6 and any(title in k or k in title for k in known if len(k) >= 6)


def _copy_name(name: str, original: str) -> bool:
    """`name` is `original`'s as Excel, WPS or a clerk names its copy: Sheet1 (2), Sheet1 - 副本, Sheet1的副本, Sheet1（备份）."""
    name, original = squash(name), squash(original)
    return name.startswith(original) and bool(re.fullmatch(r"\(\d+\)|-?的?副本|\(?备份\)?", name[len(original) :]))


def _spare(sheet: _DataSheet, data: list[_DataSheet], month: str, date1904: bool) -> int:
    """2 for a sheet named 备份, 副本, 复制, copy, 1 for a default name (Sheet2): a copy kept aside, of the form even
    when that is Sheet1; 0 for any other, and for one holding rows dated in other months that no other sheet has
    (Sheet2 keeping the year's articles: a cumulative record, read as one, its rows counted in their months)."""
    name = nfkc(sheet.read.name).strip()
    if not (rank := 2 if _SPARE.search(name) else 1 if _DEFAULT_NAME.fullmatch(name) else 0):
        return 0
    others = _titles([r for o in data if o is not sheet for r in o.rows])
    extra = _row_dates([r for r in sheet.rows if not _titles([r]) <= others], month, date1904)
    return 0 if any(when and month_key(when.year, when.month) != month for when in extra) else rank


def _titles(rows: list[RawRow]) -> set[str]:
    return {normalize_title(text) for r in rows if (text := clean_cell(r.values.get("title")))}


def _text(row: RawRow) -> str:
    """The row's 正文 when a real text (见附件, 略, 同上 are no article's text: alike on sheets of different ones)."""
    body = squash(str(row.values.get("body") or ""))
    return body if count_chars(body) >= 30 else ""


def _copy_key(row: RawRow) -> frozenset[tuple[str, str]]:
    return frozenset((k, text) for k, v in row.values.items() if (text := clean_cell(v)) and k != "seq")


def _stale_labels(
    name: str, data: list[_DataSheet], stated: dict[str, tuple[Stated, str]], near: tuple[int, int], date1904: bool,
    year: int, hint: str | None = None,
) -> dict[str, str]:
    """Sheets whose 报送月份 is another month's while the file name and every row's date agree on one month (a
    unit reused last month's distributed workbook, whose month cell it cannot change): each is restated as that
    month, in `stated`; sheet → the warning saying so. Two witnesses against one: the file is that month's,
    whatever month is being consolidated; where they do not agree, the label stands (F7 refuses it elsewhere).
    So too, in the folder of the month its name says (`hint`), an earlier month's workbook kept as a running
    register: most rows dated that month, the others before it (read as a 补报: the rules judge those rows). A 补报
    file (7月补报.xlsx) on a later month's form is no stale form: in that month's folder it is read as that month's,
    its rows counted by their dates; elsewhere it is restated without a warning."""
    by_name = stated_months(Path(name).stem, near)
    supplement = bool(SUPPLEMENT_NAME.search(squash(name))) and (not is_correction(name) or corrects_supplement(name))
    if by_name is None or len(by_name[1]) != 1:
        return {}
    key = month_key(by_name[0], by_name[1][0])
    warnings = {}
    for d in data:
        said, source = stated.get(d.read.name, ((0, ()), ""))
        if source != "“报送月份”" or said[0] == by_name[0] and by_name[1][0] in said[1]:
            continue  # not stale
        newer = supplement and len(said[1]) == 1 and month_key(said[0], said[1][0]) > key
        if newer and hint == month_key(said[0], said[1][0]):
            continue  # this month's 补报 of last month's articles
        dates = [month_key(t.year, t.month) for t in _row_dates(d.rows, key, date1904) if t is not None]
        kept = key == hint and len(said[1]) == 1 and month_key(said[0], said[1][0]) < key == max(dates, default="")
        if (every := _dated_month(d.rows, key, date1904, year) == key) or kept and _mostly_dated(d.rows, key, date1904):
            stated[d.read.name] = (by_name, "文件名和各行日期")
            d.read.repeats = not every  # a running register: its earlier rows, counted then, are no new errors
            where, told = f"（{d.month_cell}）" if d.month_cell else "", months_text(by_name)
            warnings[d.read.name] = "" if newer else (
                f"{name}：报送月份{where}写的是{months_text(said)}，但文件名和" + ("各行日期都是" if every else "多数行的日期是")
                + f"{told}，已按{told}汇总；下月请用新下发的登记表" + ("" if every else "，只填当月的信息")
            )
    return warnings


def _row_dates(rows: list[RawRow], month: str, date1904: bool) -> list[dt.datetime | None]:
    """Each row's 报送日期 as the rules read it (None: none or unreadable)."""
    return [date_in(row.values.get("date"), month, date1904).value for row in rows]


def _dated_month(rows: list[RawRow], month: str, date1904: bool, year: int) -> str | None:
    """The one month of the workspace's year the rows are dated in, when every row has a readable date."""
    dates = _row_dates(rows, month, date1904)
    months = {(d.year, d.month) for d in dates if d is not None and d.year == year}
    return month_key(*months.pop()) if len(months) == 1 and None not in dates else None


def _sent_month(rows: list[RawRow], said: Stated, month: str, date1904: bool) -> str | None:
    """Of a file stating several months (第二季度, 1-6月), the last of them a row is dated in: the month it was sent,
    at the earliest (a quarterly unit's one article a month on the quarter's form is that month's file)."""
    dates = [d for d in _row_dates(rows, month, date1904) if d is not None and d.year == said[0] and d.month in said[1]]
    return month_key(said[0], max(d.month for d in dates)) if dates else None


def _another_year(d: _DataSheet, said: tuple[Stated, str] | None, month: str, date1904: bool, year: int,
                  supplement: bool = False) -> list[tuple[int, str]]:  # fmt: skip
    """The rows dated in the last year's months that are that year's, as (row, month), taken out of the sheet's rows:
    on a cumulative sheet of last year (2015年1-12月, 1-12月累计 in January; 累计, 全年汇总 most of whose rows are last
    year's) all of them; on a 补报 sheet or in a 补报 file (`supplement`: 漏报.xlsx), one named for a month of last year
    (12月, 去年12月, 12月补报 in January), one stating another year's month or another 累计 (June's, a typo on it), those
    at most half a year back. On a month's own sheet, or further back, such a date is taken for a typo: it counts in
    the file's month (R5)."""
    near = (int(month[:4]), int(month[5:]))
    named = stated_months(d.read.name, near)
    summed = not named and bool(SUMMED.search(d.read.name))
    dates = _row_dates(d.rows, month, date1904)
    known = [when for when in dates if when is not None]  # a bare 累计 is last year's only when most of its rows are
    whole = len(named[1]) > 1 and named[0] < near[0] if named else summed and 2 * sum(w.year < year for w in known) > len(known)
    if not (summed or named and named[0] < near[0] or d.read.repeats or supplement or said is not None and said[0][0] != year):
        return []
    first = 0 if whole else near[0] * 12 + near[1] - 6
    dated = [(row, when if when and when.year < year and when.year * 12 + when.month > first else None)
             for row, when in zip(d.rows, dates, strict=True)]  # fmt: skip
    d.rows = [row for row, when in dated if when is None]
    return [(row.row, month_key(when.year, when.month)) for row, when in dated if when is not None]


def _mostly_dated(rows: list[RawRow], month: str, date1904: bool) -> bool:
    """Most of the rows whose date can be read are dated in `month`."""
    dates = [d for d in _row_dates(rows, month, date1904) if d is not None]
    return 2 * sum(month_key(d.year, d.month) == month for d in dates) > len(dates)


def corrects_supplement(name: str) -> bool:
    """The name says 补报 before its 更正: a 补报's correction (7月信息（补报）更正, 补报（更正版）), itself a 补报 replacing
    only that 补报 (versions.choose_files); not 3月更正补报 (a corrected resend)."""
    before = CORRECTION.split(squash(Path(name).stem), maxsplit=1)
    return len(before) > 1 and bool(SUPPLEMENT_NAME.search(before[0]))


def draft_word(name: str) -> str:
    """The word by which the file name says it is an earlier version (初稿, 草稿, 旧版, 原稿), else ""."""
    found = DRAFT.search(Path(name).name)
    return found.group() if found else ""


def is_draft(name: str) -> bool:
    """An earlier version by its name, replaced by the unit's other return."""
    return bool(draft_word(name))


def without_draft_word(name: str) -> str:
    """The file name's stem without its 初稿 (and its brackets), squashed: 平江县3月信息（初稿） → 平江县3月信息."""
    return squash(re.sub(rf"[（(\[【]?(?:{DRAFT.pattern})[)）\]】]?", "", Path(name).stem)).strip("_-—.")


def without_correction_word(name: str) -> str:
    """The file name's stem without its 更正 (and its brackets), squashed: 紧急信息（5日火灾）更正 → 紧急信息(5日火灾),
    as 紧急信息（第二次更正）, （再次更正）, （已更正）, （更正后）, 更正2, 更正：伤亡人数 → 紧急信息."""
    word = rf"(?:第{_N}次|再次|已|紧急)?(?:{CORRECTION.pattern})(?:稿|版|后|{_N}|[:：][^)\]】]*)?"
    return re.sub(rf"[(\[【_\-—]?{word}[)\]】]?", "", squash(Path(name).stem)).strip("_-—.")


def named_urgent(name: str) -> bool:
    """An emergency report by its name (3月信息（紧急）), not a return saying it holds one (3月信息（附紧急信息）). 突发
    and 快报 are not enough: offices call a month's return 信息快报, and 突发事件 is an ordinary 信息类别."""
    stem = Path(name).stem
    return "紧急" in stem and bool(ONE_EVENT.search(stem)) or "紧急" in HOLDS_URGENT.sub("", stem)


def corrections(files: Sequence[UnitFile], emergency: Callable[[UnitFile], bool], titles: dict[str, set[str]],
                month: str) -> dict[str, UnitFile]:  # fmt: skip
    """Of a unit's files (best first), the earlier one each emergency report named 更正 corrects and replaces: the one
    named as it is without 更正 (紧急信息（5日火灾）更正 → 紧急信息（5日火灾）), else an emergency report sharing a title;
    else none (never guessed: a return full of 紧急 rows is no report to replace), and an F8 finding on the
    correction names the emergency reports it might correct."""
    fixes = [f for f in files if emergency(f) and is_correction(f.name)]
    corrected: dict[str, UnitFile] = {}
    for fix in fixes:
        earlier = [f for f in files[files.index(fix) + 1 :] if f.name not in corrected]
        named = [f for f in earlier if without_correction_word(f.name) == without_correction_word(fix.name)]
        if found := next(iter(named + [f for f in earlier if emergency(f) and titles[f.name] & titles[fix.name]]), None):
            corrected[found.name] = fix
    for fix in (f for f in fixes if f not in corrected.values()):
        reports = [f for f in files[files.index(fix) + 1 :] if f.name not in corrected and emergency(f)]
        if reports:
            fix.findings.append(Finding(
                fix.name, "", None, "", "", "F8", WARNING,
                f"{fix.name} 的文件名和信息标题都对不上本单位本月先报的紧急信息 {'、'.join(f.name for f in reversed(reports))}，"
                f"未替换其中任何一份，都计入：请把它改名为“被更正的文件名（更正）”后重新报送{FOR_COORDINATOR}也可把被更正的那份移出收件文件夹后重新汇总）",
                fix.unit, month))  # fmt: skip
    return corrected


def file_version(name: str) -> int:
    """What a file name says of its version: 1 a correction, -1 a draft, 0 neither (how two files of a unit rank
    before their modification times do)."""
    return 1 if is_correction(name) else -1 if is_draft(name) else 0


def _read_category(header: Header, rows: list[list[object]]) -> bool:
    """Without a 信息类别, the one header cell naming no column most of whose values in `rows` are categories as R4
    reads them (信息性质: 新情况, 突发; 稿件性质: 经济运行) is read as it: set in `header.columns` (named by
    _read_sheet). True when 信息类别 is missing: two such columns, or one of numbers (类别代码: 3, or a count); an
    empty, 撰稿人 or 是否公开 one is no category (none: 其他, named)."""
    if "category" in header.columns:
        return False
    unknown = [c for c, t in enumerate(header.texts) if isinstance(t, str) and has_text(t) and column_key(t) is None]
    texts = {c: [row[c] for row in rows if c < len(row) and has_text(row[c])] for c in unknown}
    kinds = [c for c, held in texts.items() if 2 * sum(category_of(v) is not None for v in held) > len(held)]
    words = [c for c in kinds if 2 * sum(isinstance(v, str) and not v.strip().isdigit() and category_of(v) is not None
                                         for v in texts[c]) > len(texts[c])]  # 附图张数 1, 2, 3: no codes guessed
    if len(kinds) == 1 and words:
        header.columns["category"] = kinds[0]
        return False
    return bool(kinds)


def _missing_columns(header: Header, no_category: bool) -> str:
    """The required columns the header lacks (信息类别 only when `no_category`: `_read_category`), and its cells that
    name no column: （H 列“签字人”未能识别：如是审签人，请把表头改为“审签人”）."""
    unknown = [f"{column_letter(c)} 列“{clean_cell(t)}”" for c, t in enumerate(header.texts) if isinstance(t, str)
               and has_text(t) and column_key(t) is None and c != header.columns.get("category")]  # fmt: skip
    missing = {COLUMNS_BY_KEY[k].name: f"“{COLUMNS_BY_KEY[k].name}”" for k in REQUIRED_KEYS
               if k not in header.columns and (k != "category" or no_category)}  # fmt: skip
    if "body" not in header.columns and "chars" not in header.columns:
        missing["正文或字数"] = "“正文”或“字数”"
    hint = f"（{'、'.join(unknown)}未能识别：如是{'、'.join(missing)}，请把表头改为{'、'.join(missing.values())}）"
    return "、".join(missing) + (hint if missing and unknown else "")


def _is_help_sheet(sheet: Sheet) -> bool:
    """A page of instructions (填表说明 …), as the template and many units put beside the form."""
    head = " ".join(clean_cell(v) for row in sheet.rows[:3] for v in row if v is not None)
    return sheet.name == REPORT_HELP_SHEET or bool(_HELP_WORDS.search(f"{sheet.name} {head}"))


def _read_sheet(book: Book, sheet: Sheet, header: Header, report: SheetRead, settings: Settings) -> _DataSheet:
    """The articles under `header`, and those of a whole form's header above it (the form over a 紧急信息 or 补报
    table of more columns): each table read by its own header. Above the form's header (not a list of another kind,
    采用刊物 …) only its rows down to the last article (a title not a caption, with or without its 正文) are read; a caption
    (无, 二、紧急信息), the example and the labels (报送单位：…) between are left to the labels above, as is all that sits
    above a header no article follows."""
    top, name = sheet.rows[: header.first_row], book.name
    upper = find_header(top)
    if upper and (_missing_columns(upper, _read_category(upper, top[upper.last_row + 1 :])) or foreign(upper.texts, header.texts)):
        upper = None
    end = articles_end(top, upper) if upper else 0
    first = upper if upper is not None and end else header  # the table read first
    if sheet.truncated:
        raise too_many_rows(name, sheet.name, settings)
    fill_merged(sheet.rows, sheet.merged, first.last_row + 1, first.columns["title"])
    raw_rows, unit_values, skipped = article_rows([[]] * end + sheet.rows[end:], header, settings, name, sheet.name)
    # 报送单位：| … | 报送月份：| … between the upper form's articles: a label row, no article
    inside = {r for r in range(first.last_row + 1, end) if (pairs := labels_above([top[r]]))[0] and not pairs[1]}
    if first is not header:
        above = article_rows([[] if r in inside else row for r, row in enumerate(top[:end])], first, settings, name, sheet.name)
        raw_rows, unit_values, skipped = above[0] + raw_rows, above[1] + unit_values, above[2] + skipped
    hidden = set(sheet.hidden_rows)
    if shown := [raw.row for raw in raw_rows if raw.row - 1 in hidden]:  # counted: they are the unit's articles
        skipped.append(Finding(book.name, sheet.name, None, "", "", "F13", WARNING,
                               f"{book.name}：工作表“{sheet.name}”的第 {row_runs(shown)} 行是隐藏行（筛选或隐藏），已照常读取，"
                               "请核对：如不应报送，请删除这些行后重新报送"))  # fmt: skip
    if (kind := header.columns.get("category")) is None or column_key(header.texts[kind]) != "category":  # 信息性质
        said = "表头没有“信息类别”列，各条信息计入时归“其他”类" if kind is None else (
            f" {column_letter(kind)} 列“{clean_cell(header.texts[kind])}”按信息类别读取")  # fmt: skip
        skipped.append(Finding(book.name, sheet.name, None, COLUMNS_BY_KEY["category"].name, "", "F11", WARNING,
                               f"{book.name}：工作表“{sheet.name}”的{said}：下月请使用下发的模板，从下拉列表选择信息类别"))
    labels, titles = labels_above(top[: first.first_row])
    if end:  # 报送单位：… between the form's articles and the longer table: a label, no title (补报信息 is a caption)
        labels = labels_above(top[end:] + [top[r] for r in sorted(inside)])[0] | labels
    said = labels.get("month")
    cells = [(f"{column_letter(c)}{r + 1}", v) for r, row in enumerate(sheet.rows[: header.first_row]) for c, v in enumerate(row)]
    month_cell = next((ref for ref, v in cells if v is said), "") or next(  # its own cell, else 报送月份：2015年2月
        (ref for ref, v in cells if isinstance(said, str) and isinstance(v, str) and said in nfkc(v)), "")
    report.read = True
    report.header_row = first.last_row + 1
    report.columns = {k: column_letter(c) for k, c in first.columns.items() if k != UNIT_COLUMN}
    report.rows = len(raw_rows)
    if raw_rows:
        report.first_row, report.last_row = raw_rows[0].row, raw_rows[-1].row
    return _DataSheet(labels, titles, raw_rows, unit_values, skipped, report, month_cell)

