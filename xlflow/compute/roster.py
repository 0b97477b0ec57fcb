"""The roster (通讯员名册) from the registrations read: one correspondent per unit, late and missing units. Pure.

A unit's 报送日期 is the 收到日期 the coordinator typed, else the form's 日期, else (said so) the file's
modification time — unless that time is long after the year (the files were copied or re-saved later): then the
date is unknown until the coordinator types it. Of two registrations (C8) the one with the later 日期 written on it
stands, else the one whose file name says 更正 (not 初稿), else the last modified (a copied or re-saved file gets a new
time); the date is the first one's, so a late correction of an on-time registration is not late.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from xlflow.checks.register import FIELD_LABEL
from xlflow.core.dates import parse_date
from xlflow.core.model import WARNING, Correspondent, Finding
from xlflow.core.periods import date_label
from xlflow.core.schema import RECEIVED_HEADER
from xlflow.core.units import Unit, UnitTable, by_unit
from xlflow.settings import Settings

STATUS_DONE = "已报"
STATUS_LATE = "迟报"
STATUS_MISSING = "未报"

# what decided an entry's 报送日期, as the roster shows it
BASIS_RECEIVED = "收到日期（协调人填写）"
BASIS_SIGNED = "登记表日期"
FILE_UNDATED = "按文件修改时间判断（登记表未填日期）"
FILE_UNTRUSTED = "按文件修改时间判断（登记表日期不可信）"
FILE_UNREADABLE = "按文件修改时间判断（登记表日期无法识别）"
FILE_BASES = (FILE_UNDATED, FILE_UNTRUSTED, FILE_UNREADABLE)
DATE_UNKNOWN = f"报送日期不明（请填写{RECEIVED_HEADER}）"
# why a unit's registration stands over its others (C8), as "以…的 X 为准" says it
CHOSEN_SIGNED = "登记表日期最晚"
CHOSEN_CORRECTION = "文件名写明更正"
CHOSEN_NOT_DRAFT = "文件名未写初稿、草稿"
CHOSEN_MODIFIED = "最后修改"
CHOSEN_NAME = "修改时间相同、按文件名选定"  # unpacked from one zip: the times cannot tell
CHOSEN_ROW = "靠后"
MODIFIED_WHY = "文件复制、另存后修改时间会变"
MODIFIED_STEP = "如应以另一份为准，请在那份的文件名中写明“更正”，再运行一次 xlflow register"
SIGN_DATE_EARLIEST_DAYS = 60  # a form dated this long before the deadline is an old form or a typo, not a send date
FILE_TIME_LATEST_DAYS = 365  # a file saved this long after the deadline was copied or re-saved: its time says nothing


@dataclass
class RosterEntry:
    unit: Unit
    status: str  # 已报 / 迟报 / 未报
    person: Correspondent | None = None
    superseded: list[Correspondent] = field(default_factory=list)  # other registrations of the unit, older first
    chosen: str = ""  # why `person` stands over `superseded` (CHOSEN_…)
    days_late: int = 0
    notes: list[str] = field(default_factory=list)  # why a 未报 unit has no correspondent although a file came
    sent: dt.date | None = None  # the 报送日期 lateness is judged by; None when unknown (DATE_UNKNOWN)
    basis: str = ""  # BASIS_RECEIVED, BASIS_SIGNED, one of FILE_BASES or DATE_UNKNOWN: where `sent` came from
    sent_by: Correspondent | None = None  # the registration `sent` belongs to (the first one sent)
    date_note: str = ""  # why a form's date was not used (not trusted, unreadable)
    received: dt.date | None = None  # the 收到日期 the coordinator typed in 通讯员名册, kept when it is rewritten
    # no form now: the unit's row (header -> cell) of the roster being replaced and of its 登记详情, written again
    carried: tuple[Mapping[str, object], Mapping[str, object]] | None = None

    @property
    def by_file_time(self) -> bool:
        return self.basis in FILE_BASES


@dataclass
class Roster:
    """The collected register: one entry per unit in quota-table order, and every finding."""

    year: int
    deadline: dt.date | None
    entries: list[RosterEntry]
    findings: list[Finding]

    @property
    def registered(self) -> list[RosterEntry]:
        return [e for e in self.entries if e.person is not None]

    @property
    def missing(self) -> list[RosterEntry]:
        return [e for e in self.entries if e.status == STATUS_MISSING]

    @property
    def late(self) -> list[RosterEntry]:
        return [e for e in self.entries if e.status == STATUS_LATE]

    @property
    def duplicates(self) -> list[RosterEntry]:
        return [e for e in self.entries if e.superseded]

    def names(self) -> dict[str, str]:  # unit -> correspondent, registered units only
        return {e.unit.name: e.person.name for e in self.entries if e.person is not None}


@dataclass
class Edits:
    """The coordinator's own cells in the roster being replaced, against what the forms give now."""

    kept: dict[tuple[str, str], str] = field(default_factory=dict)  # (unit, header) -> the coordinator's text
    also_sent: list[tuple[str, str, str]] = field(default_factory=list)  # of kept: the forms give another text now ("")
    unknown: list[tuple[str, str]] = field(default_factory=list)  # differs from the forms, nothing to tell by


def cell_digest(text: str) -> str:
    """What the record keeps of a cell the forms gave: not the personal data itself."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def find_edits(typed: Mapping[str, Mapping[str, str]], record: Mapping[str, Mapping[str, str]],
               made: Mapping[str, Mapping[str, str]]) -> Edits:
    """Of the cells `typed` in the roster (unit -> header -> text), those the coordinator changed: not blank, not
    the forms' text now (`made`) nor when the roster was last written (`record`: cell_digest of each); a cell with
    nothing in `record` (a roster of an older xlflow) that differs cannot be told apart from a changed form."""
    edits = Edits()
    for unit, cells in typed.items():
        for header, text in cells.items():
            new, before = made.get(unit, {}).get(header, ""), record.get(unit, {}).get(header)
            if not text or text == new or before == cell_digest(text):
                continue
            if before is None:
                edits.unknown.append((unit, header))
                continue
            edits.kept[unit, header] = text
            if before != cell_digest(new):  # new may be "": the forms and 收到日期 now leave the cell empty
                edits.also_sent.append((unit, header, new))
    return edits


def sent_date(person: Correspondent, year: int, deadline: dt.date | None) -> tuple[dt.date | None, str, str]:
    """(报送日期, basis, note) of one registration: the form's own date, unless it is missing, unreadable, after
    the file was saved or long before the deadline (an old form, a mistyped year): then the file time, unless that
    is more than FILE_TIME_LATEST_DAYS after the deadline (or the year's end): then None, DATE_UNKNOWN."""
    sent, basis, note = _form_or_file_date(person, year, deadline)
    limit = (deadline or dt.date(year, 12, 31)) + dt.timedelta(days=FILE_TIME_LATEST_DAYS)
    if basis in FILE_BASES and sent > limit:
        after = f"截止日期 {deadline:%Y-%m-%d}" if deadline else f"{year}年度"
        why = f"文件修改时间 {person.modified:%Y-%m-%d} 远在{after}之后（文件可能复制或另存过），不能作为报送日期"
        return None, DATE_UNKNOWN, f"{note}；{why}" if note else why
    return sent, basis, note


def _signed(person: Correspondent, year: int) -> dt.date | None:
    typed = person.values.get("sign_date", "")
    return parse_date(typed, default_year=year).date if typed else None  # a yearless date is in `year`


def _form_or_file_date(person: Correspondent, year: int, deadline: dt.date | None) -> tuple[dt.date, str, str]:
    typed, modified = person.values.get("sign_date", ""), person.modified
    signed = _signed(person, year)
    if signed is None and typed:
        return modified.date(), FILE_UNREADABLE, f"登记表日期“{typed}”无法识别"
    if signed is None:
        return modified.date(), FILE_UNDATED, ""
    if signed > modified.date():
        note = f"登记表日期 {date_label(signed)} 晚于文件修改时间 {modified:%Y-%m-%d %H:%M}，不可能是报送日期"
        return modified.date(), FILE_UNTRUSTED, note
    if deadline is not None and signed < deadline - dt.timedelta(days=SIGN_DATE_EARLIEST_DAYS):
        note = f"登记表日期 {date_label(signed)} 早于截止日期 {SIGN_DATE_EARLIEST_DAYS} 天以上，像是旧表或年份填错"
        return modified.date(), FILE_UNTRUSTED, note
    return signed, BASIS_SIGNED, ""


def build_roster(
    people: Iterable[Correspondent],
    units: UnitTable,
    settings: Settings,
    *,
    findings: Iterable[Finding] = (),
    unit_notes: dict[str, list[str]] | None = None,
    received: Mapping[str, dt.date] | None = None,
) -> Roster:
    """One entry per unit in quota-table order, late and missing marked; `received`: unit -> 收到日期 typed."""
    people_of = by_unit(people)
    received = received or {}
    all_findings: list[Finding] = list(findings)
    entries: list[RosterEntry] = []
    deadline = settings.register_deadline
    for unit in units:
        found = sorted(people_of.get(unit.name, []), key=lambda p: (p.mtime, p.source_file, p.row or 0))
        notes = list((unit_notes or {}).get(unit.name, []))
        if not found:
            entries.append(RosterEntry(unit, STATUS_MISSING, notes=notes, received=received.get(unit.name)))
            continue
        winner, chosen = _choose(found, settings.year, deadline)
        all_findings.extend(winner.findings)  # a superseded form's problems no longer matter
        older = [p for p in found if p is not winner]
        entry = RosterEntry(unit, STATUS_DONE, winner, older, chosen=chosen, notes=notes, received=received.get(unit.name))
        if older:
            minutes = {p.modified.replace(second=0, microsecond=0) for p in found}
            clock = "%Y-%m-%d %H:%M" if len(minutes) == len({p.modified for p in found}) else "%Y-%m-%d %H:%M:%S"
            listed = "；".join(f"{p.origin}（{p.name}，{_signed_text(p, settings.year)}修改于 {p.modified:{clock}}）"
                              for p in found)  # fmt: skip
            message = f"{unit.name}报来 {len(found)} 份通讯员登记：{listed}。以{chosen}的 {winner.origin}（{winner.name}）为准" + (
                f"（{MODIFIED_WHY}）：{MODIFIED_STEP}" if chosen == CHOSEN_MODIFIED
                else f"：{MODIFIED_STEP}" if chosen == CHOSEN_NAME else "") + (
                "" if len({p.name for p in found}) == 1 else "；每个单位只确定 1 名通讯员，如有误请告知")
            all_findings.append(Finding(winner.source_file, winner.sheet, winner.row, FIELD_LABEL["name"],
                                        winner.cells.get("name", ""), "C8", WARNING, message, unit=unit.name))  # fmt: skip
        _date_entry(entry, found, settings.year, deadline)
        if deadline is not None and entry.sent is not None and entry.sent > deadline:
            entry.status = STATUS_LATE
            entry.days_late = (entry.sent - deadline).days
            all_findings.append(_late_finding(entry, deadline))
        entries.append(entry)
    order = {u.name: u.seq for u in units}
    all_findings.sort(key=lambda f: (order.get(f.unit, len(order) + 1), f.file, f.row or 0, f.cell, f.code))
    return Roster(settings.year, deadline, entries, all_findings)


def _choose(found: list[Correspondent], year: int, deadline: dt.date | None) -> tuple[Correspondent, str]:
    """The registration that stands and why (CHOSEN_…), in the module docstring's order; the 日期 written on the
    forms decides only when every form has one that can be a send date (sent_date's rule); in one file, the later row."""
    if len(found) == 1:
        return found[0], ""
    signed = [date if basis == BASIS_SIGNED else None for date, basis, _ in (_form_or_file_date(p, year, deadline) for p in found)]
    dated = None not in signed

    def key(i: int) -> tuple[dt.date, int, float, str, int]:
        p = found[i]
        return (signed[i] if dated else None) or dt.date.min, p.version, p.mtime, p.source_file, p.row or 0

    ranked = sorted(range(len(found)), key=key)  # stable: of two sheets of one file, the later
    winner, best, second = found[ranked[-1]], key(ranked[-1]), key(ranked[-2])
    decided = next((i for i, (a, b) in enumerate(zip(best, second, strict=True)) if a != b), 4)
    correction = CHOSEN_CORRECTION if winner.version > 0 else CHOSEN_NOT_DRAFT
    return winner, (CHOSEN_SIGNED, correction, CHOSEN_MODIFIED, CHOSEN_NAME, CHOSEN_ROW)[decided]


def _signed_text(person: Correspondent, year: int) -> str:
    signed = _signed(person, year)
    return f"登记表日期 {date_label(signed)}，" if signed else ""


def _date_entry(entry: RosterEntry, found: list[Correspondent], year: int, deadline: dt.date | None) -> None:
    dated = [(*sent_date(p, year, deadline), p) for p in found]
    # the first sent (ties: found is in mtime order); an unknown date only when no registration has one
    sent, basis, note, person = min(dated, key=lambda d: (d[0] is None, d[0] or dt.date.min))
    entry.sent_by = person
    if entry.received is not None:
        entry.sent, entry.basis = entry.received, BASIS_RECEIVED
    else:
        entry.sent, entry.basis, entry.date_note = sent, basis, note


def _late_finding(entry: RosterEntry, deadline: dt.date) -> Finding:
    sent, person = entry.sent, entry.sent_by
    assert sent is not None and person is not None
    due = f"晚于截止日期 {date_label(deadline)}（迟 {entry.days_late} 天）"
    if entry.basis == BASIS_RECEIVED:
        message = f"收到日期 {date_label(sent)}（协调人在通讯员名册中填写），{due}"
    elif entry.basis == BASIS_SIGNED:
        message = f"登记表日期 {date_label(sent)}，{due}"
    else:
        message = (
            f"文件修改时间 {person.modified:%Y-%m-%d %H:%M}，{due}。{entry.basis}"
            + (f"：{entry.date_note}" if entry.date_note else "")
            + f"。邮件、QQ 附件的修改时间可能是保存的时间：如实际按时收到，请在通讯员名册的“{RECEIVED_HEADER}”栏"
            "填写收到日期，再运行 xlflow register"
        )
    return Finding(person.source_file, person.sheet, person.row, FIELD_LABEL["sign_date"], person.cells.get("sign_date", ""),
                   "C9", WARNING, message, unit=entry.unit.name)  # fmt: skip
