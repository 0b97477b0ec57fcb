"""The 通讯员名册 workbook: one row per unit in quota-table order, then who has not sent, who was late, the
problems. The only workbook with a correspondent's personal data (birth month, phones, address, e-mail).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from xlsxwriter.worksheet import Worksheet

from xlflow.checks.register import FIELD_LABEL
from xlflow.compute.roster import BASIS_RECEIVED, STATUS_LATE, STATUS_MISSING, Roster, RosterEntry
from xlflow.core.model import SEVERITY_LABEL
from xlflow.core.periods import date_label
from xlflow.core.schema import RECEIVED_HEADER, ROSTER_NAME_HEADER, ROSTER_SHEET, ROSTER_UNIT_HEADER
from xlflow.core.text import clean_cell
from xlflow.writers.base import Formats, Target, add_sheet, date_rule, merge_row, new_workbook, setup_print
from xlflow.writers.tables import Col, write_table

MISSING_SHEET = "未报送单位"
LATE_SHEET = "迟报单位"
PROBLEM_SHEET = "问题"
HEADER_ROW = 2  # 0-based: title, note, header
PRIVACY_NOTE = "本表含通讯员个人信息，仅供内部工作使用，请勿外传。"

# The roster sheet is the contact list a coordinator prints on one A4 landscape page; the longer fields
# (专业, 籍贯, 地址, 简历, 推荐意见) follow on 登记详情, one row per registered unit in the same order.
_CONTACT_FIELDS: tuple[str, ...] = ("name", "gender", "birth", "education", "mobile", "phone", "fax", "email")
_DETAIL_FIELDS: tuple[str, ...] = ("name", "major", "hometown", "address", "resume", "recommendation", "sign_date")
SENT_HEADER = "报送日期"
BASIS_HEADER = "日期依据"
DATE_RULE = (
    "报送日期以协调人填写的“收到日期”为准，其次为登记表上填写的日期；两者都没有、或登记表日期不可信时才按登记表文件的"
    "修改时间，并在“日期依据”中注明（邮件、QQ 附件的修改时间可能是协调人保存的时间）；修改时间比截止日期晚一年以上的"
    "（文件拷到了别的电脑上）不作为报送日期，“日期依据”写“报送日期不明”，请填写收到日期。"
)
RECEIVED_HINT = (
    "协调人可填写：收到该单位登记表的日期（如邮件的日期）。填写后保存，再运行 xlflow register，以此判断是否迟报；"
    "重新生成名册时保留。"
)


def _header(key: str) -> str:
    return {"name": ROSTER_NAME_HEADER, "sign_date": "填表日期"}.get(key, FIELD_LABEL[key])


ROSTER_HEADERS: tuple[str, ...] = (
    "序号", ROSTER_UNIT_HEADER, "单位类别", "状态", *(_header(k) for k in _CONTACT_FIELDS), "来源文件", SENT_HEADER, BASIS_HEADER,
    RECEIVED_HEADER, "备注",
)  # fmt: skip
EDITABLE_HEADERS = (*(_header(k) for k in _CONTACT_FIELDS), "备注")  # the coordinator's edits there are kept
_ROSTER_STYLES = [  # Formats attributes; 状态 and 收到日期 have formats of their own
    "center", "text", "text", "center",
    *("center" if key in ("gender", "birth", "education") else "text" for key in _CONTACT_FIELDS),
    "wrap", "date", "wrap", "center", "wrap",
]
_ROSTER_WRAP = {FIELD_LABEL["email"]: 24, "来源文件": 24, BASIS_HEADER: 18, "备注": 24}
DETAIL_SHEET = "登记详情"
DETAIL_HEADERS: tuple[str, ...] = ("序号", ROSTER_UNIT_HEADER, *(_header(k) for k in _DETAIL_FIELDS), "读取方式")
_DETAIL_WRAP = {FIELD_LABEL["address"]: 22, FIELD_LABEL["resume"]: 40, FIELD_LABEL["recommendation"]: 24}
MISSING_HEADERS = ("序号", "单位名称", "单位类别", "报送对象", "说明")
LATE_HEADERS = ("序号", "单位名称", "单位类别", "姓名", "来源文件", SENT_HEADER, BASIS_HEADER, "迟报天数")
PROBLEM_HEADERS = ("序号", "单位名称", "程度", "问题类别", "文件", "工作表", "位置", "栏目", "说明")


def _date_text(roster: Roster) -> str:
    d = roster.deadline
    return date_label(d) if d else "未设置（见 xlflow.toml 的 [register] deadline）"


def _table(book: Any, fmt: Formats, name: str, title: str, note: str, headers: tuple[str, ...],
           styles: list[str], wrap: dict[str, float], rows: list[list[object]], *, note_height: float = 32,
           landscape: bool = True, empty: str = "") -> Worksheet:
    """One sheet: title, note, and the table of `rows` (`styles`: each column's Formats attribute), or a row
    saying `empty`; the `wrap` columns (header: widest width) wrapped, the others at most 60 wide."""
    sheet = add_sheet(book, name)
    cols = [Col(h, "wrap" if h in wrap else s, wrap.get(h, 60)) for h, s in zip(headers, styles, strict=True)]
    merge_row(sheet, 0, len(cols) - 1, title, fmt.title, 28)
    merge_row(sheet, 1, len(cols) - 1, note, fmt.note, note_height)
    if empty and not rows:  # the text under 单位名称
        blanks = [("", fmt.wrap if col.style == "wrap" else fmt.text) for col in cols[2:]]
        rows = [[("", fmt.center), (empty, fmt.text), *blanks]]
    write_table(sheet, fmt, HEADER_ROW, cols, rows, header_height=None, margin=1, by_line=True)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + len(rows), len(cols) - 1)
    setup_print(sheet, landscape=landscape, repeat_rows=(HEADER_ROW, HEADER_ROW))
    return sheet


def roster_texts(roster: Roster) -> dict[str, dict[str, str]]:
    """Unit -> header -> what the forms give each EDITABLE_HEADERS cell of the roster sheet."""
    rows = ((e.unit.name, zip(ROSTER_HEADERS, _roster_row(e, None, None), strict=True)) for e in roster.entries)
    return {unit: {h: clean_cell(v) for h, v in row if h in EDITABLE_HEADERS} for unit, row in rows}


def write_roster(target: Target, roster: Roster, *, kept: Mapping[tuple[str, str], str] | None = None) -> None:
    """Write 通讯员名册.xlsx: the roster (contact list), 登记详情, 未报送单位, 迟报单位 and 问题 sheets; `kept`:
    (unit, header) -> the coordinator's text, written over the forms'."""
    with new_workbook(target, title=f"{roster.year}年政务信息报送通讯员名册") as book:
        fmt = Formats(book)
        cell = {**fmt.box_props, "align": "center"}
        status_formats = {
            STATUS_MISSING: book.add_format({**cell, "bg_color": "#FFC7CE", "font_color": "#9C0006"}),
            STATUS_LATE: book.add_format({**cell, "bg_color": "#FFEB9C", "font_color": "#9C5700"}),
        }
        received_fmt = book.add_format({**cell, "num_format": "yyyy-mm-dd", "bg_color": "#FFF2CC", "locked": False})
        carried = [e for e in roster.entries if e.carried is not None]
        summary = (
            f"截止日期：{_date_text(roster)}。应报 {len(roster.entries)} 个单位，已报 {len(roster.registered)} 个"
            f"（其中迟报 {len(roster.late)} 个），未报 {len(roster.missing)} 个。"
            + (f"另有 {len(carried)} 个单位本次未找到登记表，沿用上次名册中的信息。" if carried else "") + f"{DATE_RULE}{PRIVACY_NOTE}"
        )
        rows = [
            [(kept or {}).get((e.unit.name, h), v)
             for h, v in zip(ROSTER_HEADERS, _roster_row(e, status_formats.get(e.status, fmt.center), received_fmt), strict=True)]
            for e in roster.entries
        ]  # fmt: skip
        sheet = _table(book, fmt, ROSTER_SHEET, f"{roster.year}年政务信息报送通讯员名册", summary, ROSTER_HEADERS,
                       _ROSTER_STYLES, _ROSTER_WRAP, rows, note_height=48)
        received_col = ROSTER_HEADERS.index(RECEIVED_HEADER)
        received = date_rule(RECEIVED_HEADER, "请填写日期，如 2015-02-26。", dt.date(roster.year - 1, 1, 1),
                             dt.date(roster.year + 1, 12, 31), input_title=RECEIVED_HEADER, input_message=RECEIVED_HINT)
        sheet.data_validation(HEADER_ROW + 1, received_col, HEADER_ROW + len(rows), received_col, received)

        details = [
            [e.unit.seq, e.unit.name, *(e.person.values.get(k, "") for k in _DETAIL_FIELDS), e.person.method]
            if e.person is not None else [e.unit.seq, e.unit.name, *(e.carried[1].get(h, "") for h in DETAIL_HEADERS[2:])]
            for e in roster.entries if e.person is not None or (e.carried is not None and e.carried[1])
        ]
        _table(book, fmt, DETAIL_SHEET, f"{roster.year}年政务信息报送通讯员登记详情", PRIVACY_NOTE, DETAIL_HEADERS,
               ["center", *["text"] * 4, *["wrap"] * 3, "center", "center"], _DETAIL_WRAP, details, empty="无")

        missing = [
            [i, e.unit.name, e.unit.kind, e.unit.target, "；".join(e.notes) or "未收到登记表"]
            for i, e in enumerate(roster.missing, start=1)
        ]
        _table(book, fmt, MISSING_SHEET, "未报送通讯员登记表的单位", f"截止日期：{_date_text(roster)}。按任务分配表顺序排列。",
               MISSING_HEADERS, ["center", *["text"] * 4], {"说明": 40}, missing, landscape=False,
               empty="无：各单位均已报送")

        late = [
            [i, e.unit.name, e.unit.kind, e.person.name, e.sent_by.origin, e.sent,
             e.basis + (f"：{e.date_note}" if e.date_note else ""), e.days_late]
            for i, e in enumerate(roster.late, start=1) if e.person is not None and e.sent_by is not None
        ]
        _table(book, fmt, LATE_SHEET, "迟报通讯员登记表的单位", f"截止日期：{_date_text(roster)}（当天为按时）。{DATE_RULE}",
               LATE_HEADERS, ["center", *["text"] * 4, "date", "wrap", "integer"], {BASIS_HEADER: 22}, late,
               note_height=48, landscape=False, empty="无")

        problems = [
            [i, f.unit, SEVERITY_LABEL.get(f.severity, f.severity), f.rule, f.file, f.sheet,
             f.cell or (f"第 {f.row} 行" if f.row is not None else ""), f.column, f.message]
            for i, f in enumerate(roster.findings, start=1)
        ]
        _table(book, fmt, PROBLEM_SHEET, "登记表问题清单", "“错误”须请单位改正后重新报送；“提示”请核对。位置为登记表中的单元格。",
               PROBLEM_HEADERS, ["center", "text", "center", *["text"] * 3, "center", "text", "wrap"],
               {"说明": 60}, problems, empty="无")


def _roster_row(entry: RosterEntry, status_fmt: Any, received_fmt: Any) -> list[object]:
    """The roster sheet's row of `entry`: its status and 收到日期 cells in formats of their own."""
    person = entry.person
    row: list[object] = [entry.unit.seq, entry.unit.name, entry.unit.kind, (entry.status, status_fmt)]
    received = (entry.received, received_fmt)
    if entry.carried is not None:  # as the coordinator last saw it: the status its own
        status = clean_cell(entry.carried[0].get("状态")) or entry.status
        row[3] = (status, status_fmt)
        return [*row, *(received if h == RECEIVED_HEADER else entry.carried[0].get(h, "") for h in ROSTER_HEADERS[4:])]
    if person is None:
        return [*row, *[""] * len(_CONTACT_FIELDS), "", None, "", received,
                f"收到登记表但未能登记，见“{MISSING_SHEET}”表" if entry.notes else ""]
    row.extend(person.values.get(key, "") for key in _CONTACT_FIELDS)
    notes: list[str] = []
    if entry.superseded:
        older = "、".join(f"{p.origin}（{p.name}）" for p in entry.superseded)
        notes.append(f"另收到 {older}，以本行为准（{entry.chosen}的一份）")
        if entry.sent_by is not None and entry.sent_by is not person and entry.basis != BASIS_RECEIVED:
            notes.append(f"报送日期按最早报来的 {entry.sent_by.origin}（{entry.sent_by.name}）计")
    if entry.days_late:
        notes.append(f"迟报 {entry.days_late} 天")
    if entry.date_note:
        notes.append(entry.date_note)
    problems = [f for f in person.findings if f.severity == "error"]
    if problems:
        notes.append(f"{len(problems)} 处错误，见“{PROBLEM_SHEET}”表")
    row.extend([person.origin, entry.sent, entry.basis, received, "；".join(notes)])
    return row
