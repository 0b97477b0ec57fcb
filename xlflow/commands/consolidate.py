"""`xlflow consolidate`: make the ledger's month hold what the month's folder holds (sub-folders too), then write
the receipts and the month's bulletin. Of two files of one unit the later replaces the earlier unless it is a
supplement (补报); the month is imported in one transaction under the workspace lock. Unit files are only read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xlflow.commands.backup import auto_backup, settle_auto_backup
from xlflow.commands.inbox import (
    consolidate_again,
    consolidate_command,
    is_register_form,
    loose_in_inbox,
    loose_line,
    month_folder,
    named_month,
    plain_folder,
    remember_folder,
    scan_month,
)
from xlflow.commands.receipts import JUDGED, receipt_path, receipt_problems, write_receipts
from xlflow.commands.register import REGISTER_FOLDER
from xlflow.commands.status import standing
from xlflow.core.errors import InputFileError, OutputError, WorkspaceError, XlflowError
from xlflow.core.model import ERROR, FILE_PROBLEMS, Article, Finding, RunResult, UnitFile
from xlflow.core.periods import Period
from xlflow.core.text import book_title, listing, row_runs, shell_word
from xlflow.core.units import UnitTable
from xlflow.fsutil import file_sha256, read_json
from xlflow.intake.folder import Entry, Scan
from xlflow.intake.messages import IN_YEAR, NOT_NOW, SAVED_MAIL, in_year_workspace
from xlflow.intake.returns_unit_month import named_unit
from xlflow.intake.versions import choose_files, chosen_as, lost_title, supersede_refused
from xlflow.ledger import ImportStats, Ledger, ledger_error
from xlflow.ledger.health import missing_message
from xlflow.lock import workspace_lock
from xlflow.parallel import share_out
from xlflow.progress import Progress, no_progress
from xlflow.settings import Settings, init_command, year_workspace
from xlflow.workspace import Workspace

EXIT_REFUSED = 3  # done, but some files were refused (2 is click's usage error)
PARALLEL_FILES = 150  # this many files or more are read by several processes


# --- reading the folder -------------------------------------------------------------------------------


@dataclass
class _Reading:
    scan: Scan
    files: list[tuple[UnitFile, list[Article]]] = field(default_factory=list)  # accepted, with their checked rows
    refused: list[Finding] = field(default_factory=list)
    other_months: list[tuple[str, str]] = field(default_factory=list)  # (file, month key) set aside (inbox/ read whole)
    another_month: list[tuple[UnitFile, Finding]] = field(default_factory=list)  # refused F7 unless consolidated before
    repeated: list[tuple[str, str]] = field(default_factory=list)  # (file, month key) already consolidated in its month
    register_forms: list[str] = field(default_factory=list)  # 通讯员登记表 mailed with a return: xlflow register's
    whole_inbox: bool = False  # inbox/ read whole: every month's files stay there
    other_years: list[str] = field(default_factory=list)  # another year's files (inbox/ read whole): where they go
    unread: list[tuple[str, str]] = field(default_factory=list)  # (file, why) this PC could not read now: not refused


def _read_folder(
    folder: Path, units: UnitTable, month: Period, settings: Settings, progress: Progress, *, whole_inbox: bool
) -> _Reading:
    """Read and check every file of the folder (and of its sub-folders). No file's check depends on another's:
    R6, the one rule across files, is decided by the ledger."""
    scan = scan_month(folder, whole_inbox, month)
    reading = _Reading(scan, whole_inbox=whole_inbox)
    work = functools.partial(_read_files, units=units, month=month, settings=settings, whole_inbox=whole_inbox)
    outcomes = share_out(scan.files, work, minimum=PARALLEL_FILES, here=lambda share: work(progress(share, "读取各单位工作簿")))
    for kind, value in outcomes:
        getattr(reading, kind).append(value)
    if whole_inbox:  # a file named for another month that cannot be read is that month's too (README), not refused
        later = {f.file: key for f in reading.refused if (key := named_month(f.file, month)) not in (None, month.key)}
        reading.other_months += later.items()
        reading.refused = [f for f in reading.refused if f.file not in later]
    return reading


def _read_files(
    entries: Iterable[Entry], *, units: UnitTable, month: Period, settings: Settings, whole_inbox: bool
) -> list[tuple[str, object]]:
    """(the _Reading list it goes to, what goes there) for each entry: plain data a worker process can hand back."""
    from xlflow.checks import rows as rules
    from xlflow.intake import returns as readers

    out: list[tuple[str, object]] = []
    for entry in entries:
        read = functools.partial(
            readers.read_unit_workbook, entry.path, units, month_hint=month.key, settings=settings, name=entry.name,
            raw_name=entry.raw,
        )  # fmt: skip
        try:
            unit_file = read(other_month_ok=whole_inbox)
            checked = rules.check_file(unit_file, settings=settings) if unit_file.month == month.key else []
        except InputFileError as exc:
            if exc.code == NOT_NOW:  # open in another program, moved away: the coordinator's, not the unit's (README)
                out.append(("unread", (entry.name, str(exc))))
                continue
            if exc.code == "F5" and is_register_form(entry.path, entry.name, units, settings):
                out.append(("register_forms", entry.name))
                continue
            code, message = exc.code if exc.code in FILE_PROBLEMS else "F2", str(exc)
        except Exception as exc:  # a file the reader or a rule could not cope with must not stop the other 33
            code, message = "F2", (
                f"{entry.name}：读取时出错（{type(exc).__name__}: {str(exc)[:80]}）：请用 Excel 另存为 .xlsx 后重新放入；"
                "仍不行请把文件发给 xlflow 维护人员"
            )
        else:
            if unit_file.month != month.key:
                out.append(("other_months", (entry.name, unit_file.month)))
            else:
                out.append(("files", (unit_file, checked)))
            continue
        guess = named_unit(entry.name, units)
        refusal = Finding(entry.name, "", None, "", "", code, ERROR, message, guess.name if guess else "", month.key)
        try:  # another month's file in a month's folder: the ledger decides whether it was consolidated before
            out.append(("another_month", (read(other_month_ok=True), refusal)) if code == "F7" and not whole_inbox
                        else ("refused", refusal))  # fmt: skip
        except Exception:  # unreadable the second time (changed, gone): refused as the first read said
            out.append(("refused", refusal))
    return out


def _set_aside_repeats(ledger: Ledger, reading: _Reading, month: Period) -> None:
    """A file of another month the ledger already holds, byte for byte, for its unit and month (the unit sent its
    February file again with March's) is set aside, not refused; any other stays refused (F7): a February file
    changed since, even under the same name, must be consolidated in February. So is a file of `month` with rows
    the ledger holds for its unit in another month (a 第二季度 file consolidated in May, its copy in June's folder)."""
    held = {(r.unit, r.sha256): key for key in Period(month.year, "Y", 1).month_keys if key != month.key
            for r in ledger.files(key) if not r.superseded}  # fmt: skip
    again = {uf.name: key for uf, _ in reading.files if uf.rows and (key := held.get((uf.unit, uf.sha256)))}
    reading.repeated += again.items()
    reading.files = [pair for pair in reading.files if pair[0].name not in again]
    for uf, refusal in reading.another_month:
        stored = [r for r in ledger.files(uf.month) if r.unit == uf.unit and not r.superseded]
        if any(r.sha256 == uf.sha256 for r in stored):
            reading.repeated.append((uf.name, uf.month))
        else:
            reading.refused.append(refusal)
    reading.refused.sort(key=lambda f: f.file)  # folder order, as read
    # inbox/ read whole: another month's file the ledger holds as it is now was consolidated in its month
    stored = {(key, r.name, r.sha256) for key in {key for _, key in reading.other_months} for r in ledger.files(key)}
    paths = {e.name: e.path for e in reading.scan.files}
    done = [(name, key) for name, key in reading.other_months if (key, name, file_sha256(paths.get(name))) in stored]
    reading.repeated += done
    reading.other_months = [pair for pair in reading.other_months if pair not in done]


def _name_year_workspaces(ws: Workspace, reading: _Reading) -> None:
    """Another year's file or sheet: the coordinator is told where it goes (`_in_year`); inbox/ read whole, its
    files are listed so, not as months to consolidate here."""
    reading.refused = [dataclasses.replace(f, message=_in_year(ws, f.message)) for f in reading.refused]
    for uf, _ in reading.files:
        uf.findings[:] = (dataclasses.replace(f, message=_in_year(ws, f.message)) for f in uf.findings)
    theirs = [(name, key) for name, key in reading.other_months if key[:4] != str(ws.settings.year)]
    reading.other_years = [f"{name}（{Period.parse(key).label}）：{_in_year(ws, in_year_workspace(key))[:-1]}" for name, key in theirs]
    reading.other_months = [pair for pair in reading.other_months if pair not in theirs]


def _in_year(ws: Workspace, text: str) -> str:
    """`text` with another year's step (intake.messages.in_year_workspace) naming that year's workspace beside this
    one and the command to consolidate there, or how to make it."""

    def step(match: re.Match[str]) -> str:
        year, key = int(match[1]), match[2]
        found = year_workspace(ws.root, year)
        where = found or ws.root.resolve().parent / f"{year}信息报送"
        if found:
            return f"放入{year}年度工作区 {where} 的 inbox/{key} 后汇总：xlflow -w {shell_word(str(where))} consolidate --month {key}）"
        return f"另建{year}年度工作区（{init_command(where, year)}），放入其中的 inbox/{key} 后汇总）"

    return IN_YEAR.sub(step, text)


def _nothing_of_month(reading: _Reading, month: Period) -> bool:
    """No file of `month` while the folder holds other months' files, or nothing readable at all: the folder is
    the wrong one (or empty), and taking it as the month's truth would empty the month in the ledger."""
    return not reading.files and bool(reading.other_months or reading.other_years or reading.another_month or not (reading.refused or reading.unread))


def _nothing_to_read(ws: Workspace, folder: Path, month: Period, reading: _Reading) -> WorkspaceError:
    scan, hint = reading.scan, ""
    kinds = (("稿件附件", scan.documents), ("保存的邮件", scan.mails), ("锁定文件", scan.locks), ("系统文件", scan.system),
             ("通讯员登记表", reading.register_forms))  # fmt: skip
    left = "、".join(f"{what} {len(names)} 个" for what, names in kinds if names)
    why = f"（只有{left}）" if left else ""
    repeated = {name for name, _ in reading.repeated}
    pending = [*reading.other_months, *((uf.name, uf.month) for uf, _ in reading.another_month if uf.name not in repeated)]
    if pending or reading.repeated:
        named = f"{_other_months_text(pending)}、{_other_months_text(reading.repeated, said='已于')}".strip("、")
        unread = [f.file for f in reading.refused if f.code != "F7"]
        more = f"；另有无法读取的文件 {len(unread)} 个：{listing(unread, 3, '个')}" if unread else ""
        why = f"（其他月份的文件 {len(pending) + len(reading.repeated)} 个：{named}{more}）"
    months = Counter(key for _, key in [*pending, *reading.repeated])
    key, n = months.most_common(1)[0] if months else ("", 0)
    where, inside = ws.where(folder), folder.resolve().is_relative_to(ws.inbox.resolve())
    default = where in (f"{ws.inbox.name}/{key}", ws.inbox.name if not (ws.inbox / key).is_dir() else "")
    if 2 * n > sum(months.values()) and (default or not inside):  # never another month's folder as this one's truth
        hint = f"如要汇总{Period.parse(key).label}，请运行 xlflow consolidate --month {key}"
        hint += ("" if default else f" {shell_word(where)}") + "；否则"
        hint = hint if key[:4] == str(month.year) else f"{_in_year(ws, in_year_workspace(key))[:-1]}；否则"
    typed_inbox = folder.resolve() == ws.inbox.resolve()  # `inbox` typed after --month; the month folder's files:
    if typed_inbox and (own := month_folder(ws, month, None)[0]) != ws.inbox and any(own.iterdir()):
        hint = (f"{month.label}的文件在 {ws.where(own)} 中（写 {where} 时，按月份命名的子文件夹不读）：请运行 "
                f"xlflow consolidate --month {month.key}（不写文件夹）；否则")  # fmt: skip
    if loose := loose_in_inbox(ws, month, folder):
        hint = f"{loose_line(ws, month, folder, loose)}；否则"
    if reading.register_forms:
        hint = f"通讯员登记表请移到工作区的 {REGISTER_FOLDER}/ 文件夹后运行 xlflow register；{hint}"
    return WorkspaceError(
        f"收件文件夹 {folder} 中没有{month.label}的工作簿{why}：{hint}请把各单位报回的工作簿放进去后再汇总；台账未改动"
    )


def _exported_rows(ledger: Ledger, year: int) -> dict[str, str]:
    """Month → a digest of its counted rows as a 台账 export lists them (all but the import time)."""
    rows: dict[str, list[object]] = {}
    for a in ledger.articles(Period(year, "Y", 1).month_keys):
        rows.setdefault(a.month, []).append(repr(dataclasses.replace(a, imported_at="")))
    return {m: hashlib.sha256(repr(sorted(them)).encode()).hexdigest() for m, them in rows.items()}


def ledger_tallies(ledger: Ledger, month: Period) -> Counter[tuple[str, str, str]]:
    """What a 通报 counts, by (unit, month, what): the articles counted in each month of the year by 信息类别 and title
    (adoptions match by title), and each month's file errors by rule (a fix in another month's file changes them)."""
    counted = ledger.counts(months := Period(month.year, "Y", 1).month_keys, by_title=True)  # a reworded title
    tallies = Counter({(unit, m, f"{category} {title}"): n for (unit, m, category, title), n in counted.items()})
    tallies.update((f.unit, f.month, f.code) for f in ledger.findings(months) if f.severity == ERROR)
    return tallies


def _rule_counts(findings: Iterable[Finding]) -> list[str]:
    """R5 日期无效 1 条，R5 日期不在本月 2 条（提示）: errors (rows not counted) and hints (counted all the same) apart,
    labelled as the receipt labels them."""
    from xlflow.checks.rows import RULE_NAMES

    counts = Counter((f.code, f.severity != ERROR, f.label) for f in findings if f.code in RULE_NAMES)
    return [f"{label} {counts[code, hint, label]} 条" + ("（提示）" if hint else "")
            for code, hint, label in sorted(counts, key=lambda key: (int(key[0][1:]), key[1]))]


def _month_rules(ws: Workspace, month: Period, folder: Path, recheck: bool) -> tuple[Workspace, str]:
    """The workspace with the min_chars and emergency_hours `month` is checked with, and the summary's line on them:
    a month consolidated before keeps those it was checked with then (the ledger's record; an older ledger's, the
    receipts' min_chars), unless `recheck`; a month consolidated for the first time takes xlflow.toml's."""
    kept, now = None, (ws.settings.min_chars, ws.settings.emergency_hours)
    if not recheck and ws.ledger_path.is_file():
        with Ledger.open(ws.ledger_path) as ledger:
            kept = ledger.month_rules(month.key)
        judged = read_json(ws.receipt_index_path).get(JUDGED)
        if kept is None and isinstance(judged, dict) and isinstance(judged.get(month.key), int):
            kept = judged[month.key], now[1]
    if kept is None or tuple(kept) == now:
        return ws, ""
    said = "；".join(f"{name} {old:g} {unit}，xlflow.toml 中现在是 {new:g} {unit}" for (name, unit), old, new
                    in zip((("字数下限", "字"), ("紧急信息时限", "小时")), kept, now, strict=True) if old != new)  # fmt: skip
    return dataclasses.replace(ws, settings=dataclasses.replace(ws.settings, min_chars=kept[0], emergency_hours=kept[1])), (
        f"{month.label}仍按此前汇总时的设置检查（{said}；现在的设置用于首次汇总的月份）：如要按现在的设置重新检查"
        f"{month.label}，请运行 {consolidate_command(ws, month.key, folder)} --recheck")


def consolidate(
    ws: Workspace, month: Period, folder: Path | None, *, progress: Progress = no_progress, now: dt.datetime | None = None,
    recheck: bool = False,
) -> RunResult:  # fmt: skip
    """Make the ledger's `month` hold what the month's folder holds; write receipts, the bulletin and rewards.
    `recheck`: check the month with xlflow.toml's min_chars and emergency_hours even if it was checked with others."""
    from xlflow.commands.bulletin import basis_since, stale_bulletins
    from xlflow.commands.export import stale_exports

    now = (now or dt.datetime.now()).replace(microsecond=0)
    ws.refuse_another_year(ws.ledger_path, month.year, f"没有汇总{month.label}，台账未改动", also="；如果是 xlflow.toml 中的 year 改错了，请改回")
    folder, whole_inbox = month_folder(ws, month, folder) if folder is not None else plain_folder(ws, month)
    told, (ws, kept_rules) = ws, _month_rules(ws, month, folder, recheck)  # told: what the 通报 asks from now on
    units = ws.units()
    reading = _read_folder(folder, units, month, ws.settings, progress, whole_inbox=whole_inbox)
    if not reading.another_month and _nothing_of_month(reading, month):  # else the ledger tells repeats first
        raise _nothing_to_read(ws, folder, month, reading)
    order = {u.name: u.seq for u in units}
    reading.files.sort(key=lambda pair: (order.get(pair[0].unit, 0), pair[0].name))
    gone = missing_message(ws.ledger_path)  # a used workspace's ledger moved away: the new one starts empty
    with workspace_lock(ws.lock_path), Ledger.open(ws.ledger_path) as ledger:
        _set_aside_repeats(ledger, reading, month)
        _name_year_workspaces(ws, reading)
        # what a replaced file loses, its copies of other months' articles aside (R6)
        replaced = choose_files(reading.files, month, lambda: ledger.file_articles(m for m in ledger.months() if m != month.key))
        reading.refused = supersede_refused(reading.files, reading.refused, {e.name: e.path for e in reading.scan.files})
        if _nothing_of_month(reading, month):
            raise _nothing_to_read(ws, folder, month, reading)
        exported = any(ws.out.glob("台账_*.xlsx"))  # only an export in out/ is said stale: no reading for none
        before, listed = ledger_tallies(ledger, month), _exported_rows(ledger, month.year) if exported else {}
        if not gone:  # a 通报 whose tallies were not recorded yet (an older xlflow's): those before this import
            basis_since(ws, units, month.year, None, save=True, tallies=before)
        # the ledger as it was, kept only when the import changes it; one made for a lost one would be newer than
        # the backups the warning names
        restore_point = None if gone else auto_backup(ws, now=now)
        try:
            rules = ws.settings.min_chars, ws.settings.emergency_hours
            stats = ledger.import_month(month.key, reading.files, reading.refused, now=now, rules=rules,
                                        unread=tuple(name for name, _ in reading.unread))
        except BaseException:  # refused (read-only, busy), failed, Ctrl-C: no copy left, no older one deleted
            settle_auto_backup(ws, restore_point, changed=False)
            raise
        settle_auto_backup(ws, restore_point, changed=stats.changed)
        upgraded = ledger.upgrade_note  # an older ledger's file upgraded by this import, a copy kept in backup/
        # the ledger lost (gone): no 通报 is out of date against its empty replacement; restoring comes first
        after = ledger_tallies(ledger, month)
        stale = [] if gone else stale_bulletins(ws, units, month, before, after, "本次汇总改变了{}的数据")
        # a 台账 export lists every field of the counted rows (not a refusal or an uncounted row's errors)
        now_listed = _exported_rows(ledger, month.year) if exported else {}
        changed = {m for m in listed.keys() | now_listed.keys() if listed.get(m) != now_listed.get(m)}
        stale += [] if gone else stale_exports(ws, changed, month.year)
        standing_lines, missing = standing(ledger, units, month, now.date(), ws, folder, [n for n, _ in reading.unread])
        rows = ledger.file_articles([month.key], with_body=False)
        came = Counter(a.file_month for a in ledger.articles([month.key], with_body=False) if a.file_month != month.key)
        known = ledger.digests()  # for the files left in inbox/
        out = _Outputs()
        try:  # the ledger is committed: whatever stops the outputs now, the summary says what was done
            _write_outputs(ws, ledger, out, reading, stats, units, month, folder, now, told)
        except (KeyboardInterrupt, Exception) as exc:
            out.interrupted = isinstance(exc, KeyboardInterrupt)  # a caller running more steps stops too (demo)
            why = "已中止" if out.interrupted else f"xlflow 内部错误 {type(exc).__name__}: {str(exc)[:80]}"
            why += f"；{exc.done}" if getattr(exc, "done", "") else ""  # the old 通报 not put back: where it is
            out.problems.append(("台账已更新，但" if stats.changed else "") + f"{out.stage}未写完（{why}）：请重新运行 "
                                "xlflow consolidate，已记入台账的稿件不会重复记入")  # fmt: skip

    result = RunResult(title=f"{month.label}汇总完成（{folder}）")
    _summarise(result, reading, rows, replaced, stats, standing_lines, month, out.not_updated, came)
    result.lines += [kept_rules] if kept_rules else []
    result.warnings += [upgraded] if upgraded else []
    present = {uf.unit for uf, _ in reading.files}
    lost = {r.unit for r in stats.removed} - present
    if len(lost) > len(present):  # most of the month gone: a wrong folder or month, more likely than a real change
        undo = (f"请运行 xlflow restore {shell_word(restore_point.relative_to(ws.root).as_posix())} 恢复汇总前的台账"
                if restore_point else "请把这些文件放回后重新汇总")  # fmt: skip
        result.warnings.insert(0, f"{folder} 中只有{month.label} {len(present)} 个单位的文件，台账中这个月另外 {len(lost)} 个单位"
                                  f"的文件已不在其中，其记录已删除（见下）：如果选错了文件夹或月份，{undo}")  # fmt: skip
    if gone:
        result.warnings.insert(0, f"{gone}。本次汇总新建了台账，其中只有{month.label}的数据")
    if loose := loose_in_inbox(ws, month, folder, known):
        result.warnings.append(loose_line(ws, month, folder, loose))
    receipt_dir = receipt_path(ws, "", month).parent
    result.paths = [receipt_dir, *out.paths] if len(out.receipts) > out.unwritten else list(out.paths)
    if out.receipts:
        result.lines.append(f"回执 {len(out.receipts)} 份（每个报送单位一份，在 {receipt_dir.name} 文件夹中）"
                            + (f"，其中 {out.unwritten} 份未能写入（见下）" if out.unwritten else ""))  # fmt: skip
    result.lines += out.lines  # the 通报 and its two books: left as they were, or the old one kept
    named = {line.split(' 不是最新的')[0] for line in stale}  # by the ledger's change: not twice for an adoption
    books = [note for book in (ws.quota_path, ws.adoption_path, ws.reward_schedule_path) for note in ws.book(book)[1]] + units.notes
    later = [] if gone else [line for line in out.stale if line.split(" 不是最新的")[0] not in named]  # gone: restore first
    result.warnings += out.problems + books + stale + later
    result.refused = [f.message for f in reading.refused if f.severity == ERROR]  # not one replaced since
    result.exit_code = 1 if out.problems or reading.unread else EXIT_REFUSED if result.refused else 0  # 1: README
    result.data.update(
        stats=stats, missing=missing, receipts=out.receipts, bulletin=out.paths, lock_files=list(reading.scan.locks),
        rows=dict(Counter(a.unit for a in rows)), counted=dict(Counter(a.unit for a in rows if a.counted)),
        findings=dict(Counter(f.code for a in rows for f in a.findings)),
        refused={f.file: f.code for f in reading.refused}, superseded={old.name: new.name for old, new in replaced},
        problems=out.problems, interrupted=out.interrupted,
    )  # fmt: skip
    return result


@dataclass
class _Outputs:
    """What became of a run's receipts and 通报 after the ledger was committed, filled as they are written."""

    stage: str = "回执和月度通报"  # what is not yet written
    receipts: dict[str, Path] = field(default_factory=dict)
    unwritten: int = 0
    problems: list[str] = field(default_factory=list)
    interrupted: bool = False  # Ctrl-C while they were written
    not_updated: set[tuple[str, str]] = field(default_factory=set)  # (unit, month) of another month's receipt not written
    paths: list[Path] = field(default_factory=list)  # the 通报 and its books written, then the old ones kept
    lines: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def _write_outputs(
    ws: Workspace, ledger: Ledger, out: _Outputs, reading: _Reading, stats: ImportStats, units: UnitTable,
    month: Period, folder: Path, now: dt.datetime, told: Workspace,
) -> None:  # fmt: skip
    """The receipts (this month's, and other months' the import changed), then the month's 通报, 工作底稿 and
    奖励计算表; a file that cannot be written is a line in out.problems, the others are written all the same."""
    from xlflow.commands.bulletin import bulletin_path, write_bulletin_and_rewards
    from xlflow.commands.receipts import touched_months

    def said(exc: OutputError) -> str:  # as a receipt's: the CLI prints `xlflow consolidate` as typed
        exc.ledger_updated, exc.again = stats.changed, "xlflow consolidate"
        return str(exc)

    try:  # only for status and for hints: a failure is said, the run goes on
        remember_folder(ws, month, folder)
    except OutputError as exc:
        out.problems.append(said(exc))
    senders = {uf.unit for uf, _ in reading.files} | {f.unit for f in reading.refused if f.unit} | {r.unit for r in stats.kept}
    out.receipts, failed = write_receipts(ws, ledger, senders, units, month)
    out.unwritten = sum(1 for exc in failed if exc.verb == "写入")
    out.problems[:0] = receipt_problems(failed, "xlflow consolidate", stats.changed)
    again = []  # other months' receipts this import changed (a quarter to date, a row counting there now …)
    for other, whose in touched_months(ledger, stats, month, {a.month for _, rows in reading.files for a in rows}).items():
        written, elsewhere = write_receipts(ws, ledger, whose, units, Period.parse(other), only=True)
        again += [f"{Period.parse(other).label} {unit}" for unit in sorted(written)]
        out.problems += receipt_problems(elsewhere, consolidate_again(ws, other), True)
        out.not_updated |= {(u, other) for u in whose for exc in elsewhere
                            if exc.path == receipt_path(ws, u, Period.parse(other))}  # fmt: skip
    out.lines = [f"其他月份的回执随之更新 {len(again)} 份：{listing(again, 5, '份')}"] if again else []
    out.stage = "月度通报"
    # a coordinator's book that cannot be understood (a broken template, an unreadable adoption register) or
    # a bulletin that cannot be saved (open in Excel) is a warning: the ledger is updated, the receipts are out
    not_made = ""  # why the 通报 could not be made at all
    try:
        made = write_bulletin_and_rewards(told, month, now=now)
        out.paths, out.lines = [*made.paths, *made.kept], [*out.lines, *made.lines]
        out.problems += [said(exc) for exc in made.failed]  # the others are written all the same
        out.stale = made.stale  # an adoption registered since: the bulletins it changes
    except XlflowError as exc:  # a book that cannot be understood, the ledger busy …
        not_made = f"：{exc}"
    except OSError as exc:  # one no reader wrapped: worded as the CLI words it
        out.problems.append(said(OutputError(Path(exc.filename or "文件"), exc, verb="读写")))
    except sqlite3.Error as exc:
        not_made = f"：{ledger_error(ws.ledger_path, exc)}"
    except Exception as exc:  # a fault nobody foresaw: what was done is said all the same
        not_made = f"（xlflow 内部错误 {type(exc).__name__}: {str(exc)[:120]}）：请把这一行发给 xlflow 维护人员"
    if not_made:
        old = bulletin_path(ws, month)
        earlier = f"；out/ 中的 {old.name} 等是此前生成的，未按本次汇总更新" if old.is_file() else ""
        out.problems.append(("台账已更新，但" if stats.changed else "") + f"月度通报未能生成{not_made}{earlier}")
    out.stage = ""


def _other_months_text(other: Sequence[tuple[str, str]], limit: int = 5, said: str = "") -> str:
    """a.xlsx（2015年4月）, or with said="已于" and "汇总", a.xlsx（已于2015年2月汇总）."""
    return listing([f"{name}（{said}{Period.parse(key).label}{said and '汇总'}）" for name, key in other], limit, "个")


def _titles(titles: Sequence[str]) -> str:
    return listing([book_title(t) for t in titles], 10, "条")


def _no_longer(lost: Sequence[Finding]) -> str:
    """What the F8 lines of a replaced file's articles say, in one line: "" when it lost none."""
    return f"；被替换的文件中以下 {len(lost)} 条不再计入：{_titles([lost_title(f) for f in lost])}" if lost else ""


def _skipped_sheets(files: Sequence[UnitFile]) -> list[str]:
    """One line per kind of sheet not read (a help page, an empty sheet …), naming the sheet and its files; the
    sheets that may hold articles are warned about one by one (F12)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for uf in files:
        for sheet in uf.sheets:
            if not sheet.read and not sheet.notable:
                groups.setdefault((sheet.name, sheet.why), []).append(uf.name)
    return [f"未读取工作表“{sheet}”（{why}）：{listing(names, 3, '个文件')}" for (sheet, why), names in groups.items()]


def _summarise(
    result: RunResult, reading: _Reading, articles: Sequence[Article], replaced: Sequence[tuple[UnitFile, UnitFile]],
    stats: ImportStats, standing_lines: Sequence[str], month: Period, not_updated: Collection[tuple[str, str]],
    came: Counter[str],  # file month → articles of its files counted in `month` (by their date)
) -> None:
    lines, warnings, scan = result.lines, result.warnings, reading.scan
    files = [uf for uf, _ in reading.files]
    other = len(reading.other_months) + len(reading.other_years) + len(reading.repeated)
    forms = reading.register_forms
    replaced_refused = [f.message for f in reading.refused if f.severity != ERROR]  # the unit sent a fixed file
    text = (f"读取文件 {len(files) + len(reading.refused) + len(reading.unread) + other + len(forms)} 个：接受 {len(files)} 个，"
            f"拒收 {len(reading.refused) - len(replaced_refused)} 个" + (f"，未能汇总、已被替代 {len(replaced_refused)} 个" if replaced_refused else ""))
    text += f"，暂时无法读取 {len(reading.unread)} 个（见下）" if reading.unread else ""
    warnings += replaced_refused
    if other:
        text += f"，其他月份 {other} 个（本次不汇总）"
    lines.append(text + (f"，通讯员登记表 {len(forms)} 个（本次不汇总）" if forms else ""))
    if forms:
        warnings.append(f"通讯员登记表（附件二）{len(forms)} 个，不是信息报送登记表，没有汇总：{listing(forms, 10, '个')}："
                        f"请移到工作区的 {REGISTER_FOLDER}/ 文件夹后运行 xlflow register")
    if scan.in_subfolders:  # this month's first; each unit's receipt lists its files
        mine = {uf.name for uf in files} | {f.file for f in reading.refused}
        nested = sorted((e.name for e in scan.in_subfolders), key=lambda name: name not in mine)
        lines.append(f"其中子文件夹中的文件 {len(nested)} 个：{listing(nested, 10, '个')}" +
                     ("（各单位本月的文件列在其回执中）" if len(nested) > 10 else ""))  # fmt: skip
    kinds = (("Excel/WPS 锁定文件", scan.locks), ("系统文件", scan.system), ("稿件附件（Word、PDF、图片等）", scan.documents),
             ("已解压的压缩包", scan.unpacked))  # fmt: skip
    warnings.extend(f"{name}：{SAVED_MAIL}后重新汇总" for name in scan.mails)
    if skipped := [f"{what} {len(names)} 个（{listing(names, 10, '个')}）" for what, names in kinds if names]:
        lines.append("跳过：" + "；".join(skipped))
    if scan.documents:  # status names the units that sent only attachments; its 催报 asks them for the workbook
        lines.append(
            "稿件附件不计入（稿件要逐条填入 Excel 登记表）：只发来附件、没有登记表的单位由 "
            f"xlflow status --month {month.key} --remind 列出并催报"
        )
    lines.extend(f"未读取文件夹 {name}：{why}" for name, why in scan.folders)
    if reading.other_months:
        lines.append(f"其他月份的文件（请汇总对应月份时处理）：{_other_months_text(reading.other_months, 20)}")
    lines.extend(f"其他年度的文件 {line}" for line in reading.other_years)
    if reading.repeated:  # inbox/ read whole keeps every month's files: none to delete, ten named
        drop, limit = ("", 10) if reading.whole_inbox else ("，可从文件夹删除", 20)
        lines.append(f"已汇总过的其他月份文件（本次不汇总{drop}）：{_other_months_text(reading.repeated, limit, '已于')}")
    counted = [a for a in articles if a.counted]
    elsewhere = Counter(a.month for a in counted if a.month != month.key)  # as the receipts: counted in that month
    rejected = sum(1 for a in articles if a.errors)  # not a row whose title counts from another row
    text = f"计入稿件 {len(counted) - elsewhere.total()} 条（共 {len(articles)} 行，{rejected} 行有错误未计入"
    repeats = len(articles) - len(counted) - rejected  # the same article counted from another row: no error
    text += f"，{repeats} 行与已计入的稿件重复、记为提示" if repeats else ""
    also = "、".join(f"{n} 条按报送日期计入{Period.parse(m).label}" for m, n in sorted(elsewhere.items()))
    text += (f"，{also}" if also else "") + "）"
    came_in = "、".join(f"{n} 条随{Period.parse(m).label}的文件报送" for m, n in sorted(came.items()))
    text += f"；另有 {came_in}、按报送日期计入本月" if came else ""
    lines.append(text)
    lines.append("问题：" + ("，".join(_rule_counts(f for a in articles for f in a.findings)) or "无"))
    lines.extend(standing_lines)
    for uf in [uf for uf in files if uf.supplement and not uf.superseded_by]:
        added = sum(1 for a in articles if a.source_file == uf.name and a.counted)
        alone = not any(f.unit == uf.unit and f is not uf and not f.superseded_by for f in files) and not any(
            f.unit == uf.unit for f in reading.refused)  # its only file kept, none refused
        lines.append(f"补报文件 {uf.name}（{uf.unit}）：{'本月只收到这一个文件，计入' if alone else '与本月其他文件一并计入，新增计入'} {added} 条")
    lines.extend(_skipped_sheets(files))
    for uf in files:
        spared = [f for f in uf.findings if f.code == "F8" and f.row is not None]  # it kept only its urgent articles
        warnings.extend(f.message + (_no_longer(spared) if f.code == "F8" else "") for f in uf.findings
                        if f.code in ("F6", "F7", "F11", "F12", "F13", "F15")
                        or (f.code in ("F8", "F9") and not uf.superseded_by and f.row is None))  # fmt: skip
        for example in (False, True):  # as the receipt's F14 says: a row not a whole article, the form's example
            skipped: dict[str, list[int]] = {}
            for f in uf.findings:
                if f.code == "F14" and f.row is not None and ("是填表示例" in f.message) == example:
                    skipped.setdefault(f.sheet, []).append(f.row)
            if skipped:
                where = "、".join(f"{f'工作表“{sheet}”' if len(skipped) > 1 else ''}第 {row_runs(rows)} 行"
                                 for sheet, rows in skipped.items())
                said = "是填表示例，未作为信息读取" if example else "有内容但不是一条完整的信息，未读取"
                warnings.append(f"{uf.name}：{where}{said}（见回执）")
    for old, new in replaced:
        if old.empty:
            warnings.append(f"{old.name} 没有填写任何信息，未替换同为{new.unit}本月文件的 {new.name}，本文件未计入")
            continue
        lost = [f for f in old.findings if f.code == "F8" and f.row is not None]
        why, tie = chosen_as(old, new)
        text = f"{old.name} 未计入：与 {new.name} 同为{new.unit}本月文件，以{why} {new.name} 为准{tie}"
        if tie:  # the coordinator's step: only the inbox decides
            text += f"（如应以 {old.name} 为准，请把 {new.name} 移出收件文件夹后重新汇总）"
        warnings.append(text + _no_longer(lost))
    now_of = {uf.name: uf.unit for uf in files}  # a file whose unit was renamed in the quota table is still here
    now_unread = dict(reading.unread)  # still here, but unreadable just now: what the ledger kept follows why
    unread = {f.file for f in reading.refused} | now_unread.keys()  # still here, but refused this time
    gone = [r for r in stats.removed if r.name not in now_of and r.name not in unread]
    for r in [*stats.kept, *(r for r in stats.removed if r.name in unread)]:
        text = (f"台账保留上次读入的记录（原计入 {len(r.counted)} 条），本月按这些记录汇总" if r in stats.kept else
                f"本月以{r.unit}能读入的文件为准，原计入的 {len(r.counted)} 条不再计入：" + _titles(r.counted))
        warnings.append(f"{now_unread.pop(r.name)}。{r.unit}：{text}" if r.name in now_unread
                        else f"{r.name}（{r.unit}）这次未能读入（见拒收说明）：{text}；请按拒收说明处理后重新汇总")
    warnings += [f"{why}（本月尚未计入这个文件）" for why in now_unread.values()]
    warnings += [f"{r.name}（{r.unit}）改记在 {now_of[r.name]} 名下：其稿件按 {now_of[r.name]} 计"
                 for r in stats.removed if r.name in now_of]  # fmt: skip
    for removed in gone:
        text = f"{removed.name}（{removed.unit}）已不在收件文件夹中：其记录已从台账删除"
        if removed.counted:
            text += f"，原计入的 {len(removed.counted)} 条不再计入：" + _titles(removed.counted)
        warnings.append(text)
    for saved_over in stats.dropped:
        warnings.append(f"{saved_over.name}（{saved_over.unit}）与上次汇总时不同，原计入的 {len(saved_over.counted)} 条"
                        "不再计入：" + _titles(saved_over.counted))  # fmt: skip
    warnings += [f"{same.name}（{same.unit}）与上次汇总时相同，因检查规则或设置变化，原计入的 {len(same.counted)} 条不再计入："
                 + _titles(same.counted) + "（原因见回执）" for same in stats.rejudged]  # fmt: skip
    for moved in stats.moved:
        where = f"{Period.parse(moved.file_month).label} {moved.source_file} 第 {moved.row} 行{book_title(moved.title)}"
        told = "" if (moved.unit, moved.file_month) in not_updated else "；该月回执已更新"  # else: why, below
        why = moved.why.split("：")[0]
        if moved.fixed is not None:
            change = f"不再算作错误（{why}）" if moved.fixed else "改为错误，请按该月回执修改"
        else:
            change = "改为计入（同题稿件已不在先）" if moved.counted else f"改为重复报送、不再计入（{why}）"
        warnings.append(f"{where} {change}{told}")
    lines.append(
        f"台账：{len(stats.units_written)} 个单位写入，{len(stats.units_unchanged)} 个单位与上次汇总相同未改写"
        + (f"，{len(gone)} 个文件已移出" if gone else "")
    )
