"""`xlflow status`: who has sent, who has not, what failed — a table for the terminal; `--remind` drafts 催报 notices.

A unit whose file was refused is told which file and why, never "not received"; one that sent only its articles
(Word, PDF, photos) is told the Excel 登记表 is missing. A quarterly unit is measured quarter-to-date, with the
quarter's last day as its deadline. Workbooks in the month's folder the ledger has not read, and ledger units the
quota table does not name, are said, and no 催报 is drafted on what the ledger cannot know yet; refused files of no
known unit head the notices, which are drafted all the same. A saved e-mail named for a unit holds its 催报 like a
workbook not read yet; one naming no unit is a caveat on the screen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path

from xlflow.compute.adoptions import renamed
from xlflow.compute.rates import refusal_reason, unlisted_units
from xlflow.core.errors import OutputError, WorkspaceError
from xlflow.core.model import ERROR, WARNING, Finding, RunResult, for_unit
from xlflow.core.periods import Period
from xlflow.core.text import display_width, is_correction, squash
from xlflow.core.units import Unit, UnitTable, by_unit
from xlflow.fsutil import atomic_write_bytes, file_sha256
from xlflow.intake.folder import MAIL_SUFFIXES, Entry, Scan
from xlflow.intake.returns_unit_month import SUPPLEMENT_NAME, named_unit
from xlflow.intake.versions import lost_title
from xlflow.ledger import Ledger
from xlflow.ledger.health import missing_message
from xlflow.narrative import REMINDER_TEMPLATE, render
from xlflow.workspace import Workspace
from xlflow.writers.receipt import QuotaProgress


@dataclass(frozen=True)
class _UnitStatus:
    unit: Unit
    files: list[str]  # accepted this month
    counted: int
    errors: int
    warnings: int
    progress: QuotaProgress
    rejected: int
    refusals: list[Finding] = field(default_factory=list)  # files refused this month, one finding each
    reasons: tuple[str, ...] = ()  # the rules the rejected rows broke (字数不足, 重复报送 …), in rule order
    elsewhere: tuple[tuple[str, int], ...] = ()  # (month, rows) of this month's files counted outside the period
    pending: tuple[str, ...] = ()  # workbooks named for it in the month's folder that the ledger has not read
    # (file, the file replacing it, the titles of its articles no longer counted, whether it kept its urgent ones)
    replaced: tuple[tuple[str, str, tuple[str, ...], bool], ...] = ()
    later: tuple[tuple[str, int], ...] = ()  # (month, rows) of later months' files counted in this month (a 补报)
    # its files of this month refused (F7) in another month's folder (finding.month): told 无需重报, to be moved here
    misfiled: tuple[Finding, ...] = ()

    @property
    def sent_file(self) -> bool:  # a file came this month (accepted or refused)
        return bool(self.files or self.refusals)

    @property
    def received(self) -> bool:  # a file, or articles counting in this month that came in another month's file
        return self.sent_file or bool(self.later)

    @property
    def all_refused(self) -> bool:
        return bool(self.refusals) and not self.files

    @property
    def behind(self) -> bool:  # fewer counted articles than the quota (quarter-to-date for a quarterly unit)
        return self.progress.counted < self.progress.quota

    @property
    def waiting(self) -> bool:  # none of its files accepted, a workbook of its waits (in the month's folder, or misfiled)
        return not self.files and bool(self.pending or self.misfiled)

    @property
    def in_mail(self) -> bool:  # all that waits for it is in saved e-mails, no workbook of its
        return bool(self.pending) and all(name.lower().endswith(MAIL_SUFFIXES) for name in self.pending)

    @property
    def missing(self) -> bool:
        """No file at all this month, and still something due (a quarterly unit whose quarter is done, a unit with no
        task (本期任务数 0) are not chased)."""
        due = self.behind or not self.unit.is_quarterly and self.progress.quota > 0
        return not self.received and not self.pending and not self.misfiled and due


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def unit_progress(unit: Unit, month: Period, counted_by_month: dict[tuple[str, str], int]) -> QuotaProgress:
    """Counted against quota for `month`; a quarterly unit quarter-to-date against its quarter."""
    months = unit.count_months(month)
    counted = sum(counted_by_month.get((unit.name, m), 0) for m in months)
    label = f"{month.quarter.label}（截至{month.index}月）" if unit.is_quarterly else month.label
    return QuotaProgress(unit.quota(month), counted, label, months)


def counted_by_month(ledger: Ledger, month: Period) -> dict[tuple[str, ...], int]:
    """(unit, month) → counted articles, for the months of `month`'s quarter up to `month`."""
    return ledger.counts([m for m in month.quarter.month_keys if m <= month.key])


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int]) -> list[str]:
    """Columns as wide as their widest cell on screen (a Chinese character is two), numbers right-aligned."""
    widths = [max(display_width(h), *(display_width(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[object]) -> str:
        out = []
        for i, cell in enumerate(cells):
            gap = " " * (widths[i] - display_width(cell))
            out.append(f"{gap}{cell}" if i in numeric else f"{cell}{gap}")
        return "  ".join(out).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *map(line, rows)]


def _statuses(ledger: Ledger, units: UnitTable, month: Period) -> list[_UnitStatus]:
    from xlflow.checks.rows import RULE_NAMES

    counted = counted_by_month(ledger, month)
    senders: dict[str, list[str]] = {}  # under the quota table's name now (a unit renamed since, its alias kept)
    for name, files in ledger.senders([month.key]).items():
        senders.setdefault(unit.name if (unit := units.resolve(name)) else name, []).extend(files)
    findings = ledger.findings([month.key])
    refused = by_unit(known for known in _refusals(ledger, units, month) if known.unit)
    sent_rows = ledger.file_articles([month.key], with_body=False)
    rejected_rows = [a for a in sent_rows if not a.counted and a.errors]  # not a row whose title counts elsewhere
    elsewhere = Counter((a.unit, a.month) for a in sent_rows if a.counted and a.month != month.key)
    # rows of a later month's file (a 补报) counted in this month: the unit did send them; an earlier file's row dated
    # in this month (a slip of the date) is no sign that its form for this month came
    later = Counter((a.unit, a.file_month) for a in ledger.articles([month.key], with_body=False) if a.file_month > month.key)
    rejected = Counter(a.unit for a in rejected_rows)
    broken = {(a.unit, f.code) for a in rejected_rows for f in a.errors}
    reasons = {u.name: tuple(name for code, name in RULE_NAMES.items() if (u.name, code) in broken) for u in units}
    errors = Counter(f.unit for f in findings if f.severity == ERROR)  # a refused file too, as its receipt counts
    warnings = Counter(f.unit for f in findings if f.severity == WARNING)
    lost: dict[tuple[str, str], tuple[str, ...]] = {}  # (unit, file) -> 《title》 of each article it no longer counts
    for f in findings:
        if f.code == "F8" and f.row is not None:
            lost[f.unit, f.file] = (*lost.get((f.unit, f.file), ()), lost_title(f))
    records = ledger.files(month.key)
    misfiled = by_unit(f for m in ledger.months() if m != month.key for f in _refusals(ledger, units, Period.parse(m))
                       if f.code == "F7" and f"写的是{month.label}，" in f.message and f.file not in {r.name for r in records})
    said = {(f.unit, f.file): f.message for f in findings if f.code == "F8" and f.row is None}
    # a file that kept only its urgent articles is replaced all the same: its F8 names the file the rest count from
    replaced = [(r.unit, r.name, r.superseded_by or next((o.name for o in records if o.unit == r.unit
                 and f"{r.name}：与 {o.name} 同为" in said.get((r.unit, r.name), "")), ""), not r.superseded)
                for r in records]  # fmt: skip
    return [
        _UnitStatus(u, files=senders.get(u.name, []), counted=counted.get((u.name, month.key), 0),
                    errors=errors[u.name], warnings=warnings[u.name], progress=unit_progress(u, month, counted),
                    rejected=rejected[u.name], refusals=refused.get(u.name, []), reasons=reasons[u.name],
                    elsewhere=tuple((m, n) for (unit, m), n in sorted(elsewhere.items())
                                    if unit == u.name and m not in u.count_months(month)),
                    later=tuple((m, n) for (unit, m), n in sorted(later.items()) if unit == u.name),
                    misfiled=tuple(misfiled.get(u.name, ())),
                    replaced=tuple((name, by, lost[unit, name], spared) for unit, name, by, spared in replaced
                                   if unit == u.name and by and (unit, name) in lost))
        for u in units
    ]


def _refusals(ledger: Ledger, units: UnitTable, month: Period) -> list[Finding]:
    """The month's refusals under the unit of the quota table they are of now: a stored name through the aliases (a
    unit renamed since), a file stored with no unit by its name (named_unit); unit "" when none."""
    def whose(f: Finding) -> Unit | None:
        return units.resolve(f.unit) if f.unit else named_unit(f.file, units)

    return [replace(f, unit=u.name if (u := whose(f)) else "") for f in ledger.refused(month.key)
            if f.severity == ERROR]  # not one the unit's fixed file replaced (versions.supersede_refused)


def deadline(unit: Unit, month: Period, today: dt.date) -> str:
    """于3月31日前 (the month's end, or the quarter's for a quarterly unit), or 收到本通知后尽快 once it has passed."""
    end = (month.quarter if unit.is_quarterly else month).last_day
    return f"于{end.month}月{end.day}日前" if today <= end else "收到本通知后尽快"


def _done(s: _UnitStatus, month: Period) -> str:
    if s.waiting and s.behind:
        return "已收到，待汇总" if s.pending else "已收到，待移入本月文件夹"
    if s.unit.is_quarterly:
        return "本季度已完成" if not s.behind else f"本季度差 {s.progress.shortfall} 条"
    if not s.behind:
        return "已完成"
    if not s.received:
        return "未报送"
    if s.all_refused:
        return "文件被拒收"
    came = "、".join(f"{n} 条随{Period.parse(m).label}的文件补报" for m, n in s.later)
    return f"差 {s.progress.shortfall} 条" + (f"（{came}）" if came else "")


def status(ws: Workspace, month: Period, *, remind: bool = False, today: dt.date | None = None) -> RunResult:
    from xlflow.commands.bulletin import basis_since  # bulletin imports this module
    from xlflow.commands.inbox import (  # inbox imports receipts, which imports this module
        consolidate_again,
        is_register_form,
        loose_in_inbox,
        loose_line,
        month_scan,
        named_month,
        two_folders,
    )

    today = today or dt.date.today()
    units = ws.units()
    rows, imported = [_UnitStatus(u, [], 0, 0, 0, unit_progress(u, month, {}), 0) for u in units], False
    scan, unlisted, advice, finished, nobody = month_scan(ws, month), {}, [], set(), []
    clash = two_folders(ws, month)  # consolidate reads none of them
    flat = scan is not None and scan.folder.resolve() == ws.inbox.resolve()  # every month's files in inbox/
    written = ws.ledger_path.stat().st_mtime if ws.ledger_path.is_file() else 0.0  # before it is opened
    with Ledger.open(ws.ledger_path) if ws.ledger_path.is_file() else nullcontext() as ledger:
        if ledger is not None:
            rows, imported = _statuses(ledger, units, month), bool(ledger.imports(month.key))
            unlisted = unlisted_units(ledger.counts([month.key]), units)
            nobody = [f for f in _refusals(ledger, units, month) if not f.unit]
            advice = [line for line in (unlisted_line(ledger, unlisted, month.label, "上表", units), ledger.recount_pending()) if line]
            if month.index % 3:  # an earlier month of a quarter: who made the quarter in a later month
                last = Period.parse(month.quarter.month_keys[-1])
                whole = counted_by_month(ledger, last)
                finished = {u.name for u in units if u.is_quarterly
                            and (p := unit_progress(u, last, whole)).counted >= p.quota}
        unread = _unread(ledger, scan, month, flat, written, lambda e: is_register_form(e.path, e.name, units, ws.settings))
        removed = _gone(ledger, scan, month) if ledger is not None and scan is not None else []
        known = ledger.digests() if ledger is not None else set()
    loose = loose_in_inbox(ws, month, scan.folder, known) if scan else []  # in inbox/ beside inbox/2015-03: not read
    # the saved e-mails consolidate sets aside for the coordinator; in a flat inbox/ not another month's
    mails = [name for name in (scan.mails if scan else [])
             if not flat or named_month(name, month) in (None, month.key)]  # fmt: skip
    pending, mailed = _named_units(unread, units), _named_units(mails, units)
    # a unit whose return may be in a saved mail is not chased, unless a file of its was accepted this month (a
    # refused file's resend may be the mail)
    rows = [replace(s, pending=(*pending.get(s.unit.name, ()), *(() if s.files else mailed.get(s.unit.name, ()))))
            for s in rows]  # fmt: skip
    received = {s.unit.name for s in rows if s.received or s.pending}
    documents = {u: names for u, names in _named_units(scan.documents if scan else [], units).items() if u not in received}
    result = RunResult(title=f"{month.label}报送情况", warnings=ws.book(ws.quota_path)[1] + units.notes)
    result.warnings[:0] = [gone] if (gone := missing_message(ws.ledger_path)) else []  # not "nothing consolidated"
    folder = f"收件文件夹 {ws.where(scan.folder)} 中有 {len(unread)} 个工作簿" if scan else ""
    command = consolidate_again(ws, month.key)  # with the folder the month was read from: not inbox/ by default
    consolidate_first = f"请先运行 {command}"
    if not imported:
        result.lines.append(f"台账中还没有{month.label}的汇总" + (f"（{folder}）" if unread else "") + f"：{consolidate_first}")
    elif unread:
        result.lines.append(f"{folder}尚未汇总（汇总后新放入或改过）：{'、'.join(unread)}：{consolidate_first}，再看报送情况、发催报通知")
    if imported and removed:
        result.lines.append(f"已汇总的文件{''.join(f'《{name}》' for name in removed)}已不在 {ws.where(scan.folder)} 中：如已撤回，请重新运行 {command}")
    if mails:
        result.lines.append(f"收件文件夹中有保存的邮件（{len(mails)} 个）：{'、'.join(mails)}：请打开邮件，把其中的附件另存到"
                            f"收件文件夹，再运行 {command}")
    result.lines += advice + ([loose_line(ws, month, scan.folder, loose)] if scan and loose else []) + ([clash] if clash else [])
    result.lines += basis_since(ws, units, month.year, None, within=month.key)  # a quota changed since a 通报 was written
    headers = ("序号", "单位", "文件", "本月计入", "错误", "提示", "任务", "完成")
    table_rows: list[list[object]] = []
    for s in rows:
        p = s.progress
        quota = f"{p.counted}/{number(p.quota)}" + ("（季度累计）" if s.unit.is_quarterly else "")
        files = str(len({*s.files, *(f.file for f in s.refusals)})) + (f"（拒收 {len(s.refusals)}）" if s.refusals else "")
        late = s.unit.name in finished and s.behind  # behind at this month, the quarter made later
        done = f"截至{month.index}月差{s.progress.shortfall}条，全季已完成" if late else _done(s, month)
        table_rows.append([s.unit.seq, s.unit.name, files, s.counted, s.errors, s.warnings, quota, done])
    result.lines += [*_table(headers, table_rows, numeric={0, 3, 4, 5}), "", *_summary(rows, month, today)]
    result.lines += misfiled_lines(ws, rows, month, scan.folder if scan else None)
    if documents:
        listed = "、".join(f"{unit}（{'、'.join(names)}）" for unit, names in documents.items())
        result.lines.append(
            f"只发来稿件附件、没有 Excel 信息报送登记表的单位（{len(documents)} 个）：{listed}："
            "稿件要逐条填入登记表才能计入，请提醒其报送登记表"
        )
    again = f"，再运行 {command}"
    # F6 "“报送单位”填写的“市直某某局”不在任务分配表中：…": the name it states, else nothing to go by
    stated = {f.file: head for f in nobody if (head := refusal_reason(f).split("：")[0]).endswith("不在任务分配表中")}
    if blind := [f.file for f in nobody if f.file not in stated]:  # any unit may be the one told 尚未收到
        fix = "“报送单位”写的是简称的，也可在任务分配表“别名”列补上；不是各单位报送的文件请移出收件文件夹"
        result.lines.append(f"被拒收、看不出是哪个单位的文件（{len(blind)} 个）：{'、'.join(blind)}：请打开看是哪个单位的，"
                            f"在文件名中写上单位名称（{fix}）{again}")
    if stated:
        listed = "、".join(f"{file}（{head.removesuffix('不在任务分配表中')}）" for file, head in stated.items())
        result.lines.append(f"被拒收、“报送单位”不在任务分配表中的文件（{len(stated)} 个）：{listed}：不是本系统单位的，请移出收件"
                            f"文件夹；是某单位改了名称或写了简称的，请在任务分配表“别名”列补上{again}")
    result.data.update(
        rows={s.unit.name: {"files": len(s.files), "refused": len(s.refusals), "counted": s.counted,
                            "errors": s.errors, "warnings": s.warnings, "quota": s.progress.quota,
                            "period_counted": s.progress.counted} for s in rows},
        sent=[s.unit.name for s in rows if s.sent_file], missing=[s.unit.name for s in rows if s.missing],
        refused=[s.unit.name for s in rows if s.all_refused],
        behind=[s.unit.name for s in rows if not s.unit.is_quarterly and s.received and s.behind],
    )  # fmt: skip
    unknown = [name for name in unread if not any(name in names for names in pending.values())]
    if remind and clash:
        result.lines += ["", f"未起草催报通知：{clash}，再运行本命令"]
        result.data["notices"] = []
    elif remind and unread and (unknown or not imported):  # who has not sent is not known before they are read
        whose = f"，其中 {len(unknown)} 个从文件名看不出是哪个单位的" if unknown else ""
        result.lines += ["", f"未起草催报通知：{folder}尚未汇总{whose}，汇总前无法确定哪些单位未报送：{consolidate_first}，再运行本命令"]
        result.data["notices"] = []
    elif remind:
        due = [s for s in rows if s.behind and s.unit.name != ws.settings.coordinator]  # not the office itself
        made = [s.unit.name for s in due if s.unit.name in finished]  # made its quarter after this month
        due = [s for s in due if s.unit.name not in finished]
        # a unit whose articles the ledger holds under its old name: the same unit by the reader's own resolution
        renamed = {unit.name: old for old in unlisted if (unit := units.resolve(old)) is not None}
        waiting = [s.unit.name for s in due if s.pending and not s.in_mail]
        in_mail = [s.unit.name for s in due if s.pending and s.in_mail]
        held = [f"{s.unit.name}（台账中为“{renamed[s.unit.name]}”）" for s in due if s.unit.name in renamed]
        moved = [s.unit.name for s in due if s.misfiled and not s.pending]
        drafted = [s for s in due if not s.pending and not s.misfiled and s.unit.name not in renamed]
        notices = _reminders(ws, month, drafted, today, documents)
        told = [s.unit.name for s in drafted if not s.received]  # any of them may have sent a file refused as nobody's
        nameless = [m for m in mails if named_unit(m, units) is None]
        doubts = (([f.file for f in nobody], "个被拒收、对不上任务分配表中单位的文件", "报送了其中的文件，请先处理该文件再发"),
                  (nameless, "个看不出是哪个单位的保存的邮件", "用其中的邮件报送，请先把附件另存到收件文件夹、汇总后再发"),
                  (loose, "个不在月份文件夹中、没有汇总的文件", "报送了其中的文件，请先把它移进月份文件夹、汇总后再发"))  # fmt: skip
        caveat = [f"发出前请核对：收件文件夹中有 {len(files)} {what}（{'、'.join(files)}）；下列按未报送催报的单位如有{then}："
                  f"{'、'.join(told)}" for files, what, then in doubts if files and told]  # fmt: skip
        path = ws.out / "催报" / f"催报_{month.file_label}.txt"
        text = ("\n\n" + "-" * 40 + "\n\n").join(notices) + "\n"
        try:
            atomic_write_bytes(path, ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))  # no caveat: this is sent
            result.paths.append(path)
        except OutputError as exc:  # the table and the notices below are still worth printing
            exc.again = "xlflow status"  # the CLI writes it out as typed
            result.warnings.append(f"{exc}；本次的催报通知已在上面列出，可直接复制")
            result.exit_code = 1
        not_drafted = (("工作簿尚未汇总", waiting, "：汇总后再运行本命令"),
                       ("报送的文件在保存的邮件中", in_mail, "：把邮件中的附件另存到收件文件夹、汇总后再运行本命令"),
                       ("文件在其他月份的收件文件夹中", moved, "：移入本月收件文件夹、汇总后再运行本命令"),
                       ("季度内其后已报满", made, f"（全季情况见{month.quarter.months[-1]}月）"),
                       ("稿件记在台账其他名称下", held, ""))  # fmt: skip
        result.lines += ["", *(f"{why}、未起草催报通知的单位（{len(names)} 个）：{'、'.join(names)}{then}"
                               for why, names, then in not_drafted if names)]  # fmt: skip
        result.lines += [*caveat, f"催报通知（{len(notices)} 份，可直接复制到邮件或 QQ）：", "", *text.rstrip("\n").splitlines()]
        result.data["notices"] = notices
    return result


def standing(ledger: Ledger, units: UnitTable, month: Period, today: dt.date, ws: Workspace, folder: Path,
             unread: Sequence[str] = ()) -> tuple[list[str], list[str]]:  # fmt: skip
    """The lines `status` prints under its table (who sent a file this month, who did not, how quarterly units
    stand, the month's files in another month's folder), and the units still missing: what `consolidate` (of
    `folder`) says at its end too; `unread`, the files it could not read just now: their units' files came."""
    pending = _named_units(unread, units)
    rows = [replace(s, pending=pending.get(s.unit.name, ())) for s in _statuses(ledger, units, month)]
    return _summary(rows, month, today) + misfiled_lines(ws, rows, month, folder), [s.unit.name for s in rows if s.missing]


def misfiled_lines(ws: Workspace, rows: Sequence[_UnitStatus], month: Period, folder: Path | None) -> list[str]:
    """The month's files refused (F7) in another month's folder, whose units were told 无需重报: where each waits
    and the coordinator's step, to move them into the month's `folder` (else the one consolidate would read)."""
    from xlflow.commands.inbox import consolidate_command, last_folder, month_folder

    if not (waiting := [(f, s.unit.name) for s in rows for f in s.misfiled]):
        return []
    if folder is None:
        with suppress(WorkspaceError):
            folder = month_folder(ws, month, None)[0]
    folder = folder or ws.inbox / month.key
    counted = {s.unit.name: s.files for s in rows if s.files}  # its return of the month counts: a plain file replaces it

    def caution(f: Finding, unit: str) -> str:
        if unit not in counted or is_correction(f.file) or SUPPLEMENT_NAME.search(squash(f.file)):
            return ""
        return f"；{unit}本月已有计入的 {counted[unit][0]}，移入后以修改时间较晚的为准：如是旧表的副本，不要移入"

    listed = "、".join(f"{ws.where(last_folder(ws, f.month) or ws.inbox / f.month)}/{f.file}（{unit}{caution(f, unit)}）"
                      for f, unit in waiting)  # fmt: skip
    return [f"{month.label}的文件放在了其他月份的收件文件夹中（{len(waiting)} 个）：{listed}：汇总时已告诉单位无需重报，"
            f"请移到 {ws.where(folder)} 后运行 {consolidate_command(ws, month.key, folder)}"]


def _summary(rows: Sequence[_UnitStatus], month: Period, today: dt.date) -> list[str]:
    """已报送 counts the units owing a task this month that sent a file (those with none named apart, as the 通报
    leaves them out of 无稿件计入); quarterly units are reported on their own line; a quarter has ended only after
    its last day."""
    monthly = [s for s in rows if not s.unit.is_quarterly]
    quarterly = [s for s in rows if s.unit.is_quarterly]
    owing = [s for s in rows if s.progress.quota > 0]  # a unit with no task this month (任务数 0) owes nothing
    free = [s for s in rows if s.progress.quota <= 0]
    sent = [s for s in owing if s.sent_file]
    refused = [s.unit.name for s in rows if s.all_refused and not s.waiting]
    missing = [s.unit.name for s in monthly if s.missing]
    also = f"，其中 {n} 个也报送了文件" if (n := sum(s.sent_file for s in free)) else ""
    text = (f"本月报送文件的单位 {len(sent)}/{len(owing)} 个"
            + (f"（另有本月无任务的单位 {len(free)} 个，不计在内：{'、'.join(s.unit.name for s in free)}{also}）" if free else "")
            + f"，计入 {sum(s.counted for s in rows)} 条")  # fmt: skip
    lines = [
        text + (f"；其中 {len(refused)} 个单位的文件全部被拒收：{'、'.join(refused)}" if refused else ""),
        f"按月报送、本月未报送的单位（{len(missing)} 个）：" + ("、".join(missing) if missing else "无"),
    ]
    named = (("已收到工作簿、尚未汇总的单位", [s for s in rows if s.waiting and s.pending and not s.in_mail]),
             ("报送的文件在保存的邮件中、尚未汇总的单位", [s for s in rows if s.waiting and s.in_mail]),
             ("本月未完成任务的单位", [s for s in monthly if s.received and s.behind]))  # fmt: skip
    lines += [f"{what}（{len(of)} 个）：" + "、".join(s.unit.name for s in of) for what, of in named if of]
    if quarterly:
        end = month.quarter.last_day
        quarter_behind = [s.unit.name for s in quarterly if s.behind and not s.waiting]  # waiting: said above
        done = len([s for s in quarterly if not s.behind])
        line = f"按季度考核的单位 {len(quarterly)} 个（{month.quarter.label}，截至{month.index}月）：本季度已完成 {done} 个"
        if quarter_behind:
            if month.index % 3:  # counted up to this month only: the quarter's own month says how it ended
                when = (f"截至{month.index}月尚未报满（全季情况见{end.month}月）" if today > end
                        else f"尚未报满，请在季度末（{end.month}月{end.day}日）前报送")
            else:
                when = "季度已结束，未完成" if today > end else f"季度尚未结束（{end.month}月{end.day}日截止），目前未完成"
            line += f"，{when} {len(quarter_behind)} 个：" + "、".join(quarter_behind)
        lines.append(line)
    return lines


def unlisted_line(ledger: Ledger, unlisted: dict[str, int], period: str, where: str, units: UnitTable) -> str:
    """What to do about the ledger units the quota table does not name (`unlisted`: unit → articles counted in
    `period`), said alike by status and bulletin: each month whose files the ledger holds under such a name is to be
    consolidated again, after the name is put in the table (unless it is an alias there already). "" when none."""
    held = {m: {r.unit for r in ledger.files(m)} & unlisted.keys() for m in ledger.months()}
    if not (months := [m for m, names in held.items() if names]):
        return ""
    listed = "、".join(f"{name}（{period}计入 {n} 条）" for name, n in unlisted.items())
    aliases = {name: u.name for name in unlisted  # renamed, the old name entered as 别名 (not a name mistyped)
               if (u := units.resolve(name)) and squash(name) in map(squash, u.aliases)}  # fmt: skip
    advice = [renamed(name, unit, name, [m for m in months if name in held[m]], "其稿件") for name, unit in aliases.items()]
    if others := [m for m in months if held[m] - aliases.keys()]:
        again = f"再重新运行 xlflow consolidate --month {others[0]}" + (f"（{'、'.join(others[1:])} 也同样重新运行）" if len(others) > 1 else "")
        advice.append(f"任务分配表的单位名称写错了的，请改正；单位改了名称的，请在任务分配表该单位的“别名”列填上原名称，{again}；"
                      f"单位已撤销、不再考核的，请把它的文件移出{'、'.join(others)} 的收件文件夹，{again}")  # fmt: skip
    return f"台账中有 {len(unlisted)} 个单位不在任务分配表中，其稿件没有计入{where}：{listed}：" + "；".join(advice)


def _named_units(names: Sequence[str], units: UnitTable) -> dict[str, list[str]]:
    """Unit → the files (attachments, workbooks not read yet) whose file or folder name names it (named_unit), in
    quota-table order: how status tells whose they are without reading them."""
    found: dict[str, list[str]] = {}
    for name in names:
        if (unit := named_unit(name, units)) is not None:
            found.setdefault(unit.name, []).append(name)
    return {u.name: found[u.name] for u in units if u.name in found}


def attachments(ws: Workspace, units: UnitTable, months: Iterable[str]) -> dict[tuple[str, str], list[str]]:
    """(unit, month) → the article attachments named for the unit in the folder each of `months` was consolidated
    from, as status finds them: what the 工作底稿 says a unit with nothing counted sent."""
    from xlflow.commands.inbox import month_scan

    found: dict[tuple[str, str], list[str]] = {}
    for key in months:
        if (scan := month_scan(ws, Period.parse(key))) is not None:
            found.update({(unit, key): names for unit, names in _named_units(scan.documents, units).items()})
    return found


def _gone(ledger: Ledger, scan: Scan, month: Period) -> list[str]:
    """The files the ledger read for `month` (accepted or refused) no longer in the folder: withdrawn or moved away,
    they still count until the month is consolidated again."""
    there = {*(e.name for e in scan.files), *scan.documents, *scan.mails, *scan.unpacked, *scan.locks, *scan.system}
    kept = {name.rsplit("/", 1)[-1] for name in there}  # tidied into a subfolder (已处理/): still there
    read = [(r.name, r.sha256) for r in ledger.files(month.key)] + [(f.file, "") for f in ledger.refused(month.key)]
    away = [(name, sha) for name, sha in read if name and name not in there and name.rsplit("/", 1)[-1] not in kept]
    digests = {file_sha256(e.path) for e in scan.files} if any(sha for _, sha in away) else set()  # moved and renamed
    return sorted({name for name, sha in away if not sha or sha not in digests})



def _unread(
    ledger: Ledger | None, scan: Scan | None, month: Period, flat: bool, written: float, register_form: Callable[[Entry], bool]
) -> list[str]:
    """The workbooks of the month's folder the ledger has not read as they are now: new, or changed since the month
    was consolidated (by name and content). A file refused, of which the ledger keeps only the name, or one whose
    name states another month (set aside, or read as this month's by its 报送月份), only when saved after the ledger
    was last `written`; not a file set aside as another month's it holds byte for byte, nor a `register_form` it
    saw (a 通讯员登记表, set aside for xlflow register). In a flat inbox/ only those
    whose name states `month` (the others are told apart only by reading them)."""
    from xlflow.commands.inbox import named_month

    if scan is None:
        return []
    stored = {m: ledger.files(m) for m in ledger.months()} if ledger is not None else {}
    read = {(r.name, r.sha256) for r in stored.get(month.key, [])}
    refused = {f.file for f in ledger.refused(month.key)} if ledger is not None else set()
    before = {r.sha256 for m, records in stored.items() if m != month.key for r in records}  # other months'
    # and this month's files moved within the folder (into 已处理/), their bytes as read
    names = {e.name for e in scan.files}
    before |= {r.sha256 for r in stored.get(month.key, [])} - {sha for name, sha in read if name in names}
    unread = []
    for entry in scan.files:
        named = named_month(entry.name, month)
        if flat and named != month.key:
            continue
        try:
            if (entry.name in refused or named not in (None, month.key)) and entry.path.stat().st_mtime <= written:
                continue  # the last consolidate saw it as it is
            digest = hashlib.sha256(entry.path.read_bytes()).hexdigest()
        except OSError:  # there, but unreadable now (being copied): consolidate will say what it is
            digest = ""
        if (entry.name, digest) not in read and digest not in before:
            with suppress(OSError):
                if entry.path.stat().st_mtime <= written and register_form(entry):
                    continue
            unread.append(entry.name)
    return unread


def _reminders(
    ws: Workspace, month: Period, rows: Sequence[_UnitStatus], today: dt.date, documents: dict[str, list[str]]
) -> list[str]:
    s = ws.settings
    contexts = []
    for row in rows:
        p = row.progress
        # why a file was refused, for the unit: the coordinator's own steps left out
        refused = [{"file": f.file, "reason": for_unit(refusal_reason(f)).rstrip("。")} for f in row.refusals]
        contexts.append({
            "unit": row.unit.name, "month": month.label, "period": p.period_label,
            "missing": not row.received, "quarterly": row.unit.is_quarterly,
            "quota": number(p.quota), "sent": p.counted, "shortfall": p.shortfall, "rejected": row.rejected,
            "reasons": list(row.reasons), "fixable": any(r != "重复报送" for r in row.reasons),
            "refused_files": refused, "documents": documents.get(row.unit.name, []),
            "elsewhere": [{"month": Period.parse(m).label, "count": n} for m, n in row.elsewhere],
            "later": [{"month": Period.parse(m).label, "count": n, "late": m > month.key} for m, n in row.later],
            "replaced": [{"file": name, "by": by, "count": len(titles), "titles": list(titles), "spared": spared}
                         for name, by, titles, spared in row.replaced],
            "deadline": deadline(row.unit, month, today), "office": s.office, "coordinator": s.coordinator,
            "contact": s.contact, "fax": s.fax, "email": s.email, "qq_group": s.qq_group,
        })  # fmt: skip
    return [text.strip() for text in render(REMINDER_TEMPLATE, contexts, ws.narrative_dir)]
