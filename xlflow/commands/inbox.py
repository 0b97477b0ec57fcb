"""Where a month's returns are: its folder under inbox/ (or inbox/ itself, or the folder typed after the month),
what it holds, the files left beside it, and the folder each month was last consolidated from."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from xlflow.core.errors import PeriodError, WorkspaceError
from xlflow.core.periods import Period, month_key
from xlflow.core.text import listing, shell_word
from xlflow.core.units import UnitTable
from xlflow.fsutil import read_json, write_json
from xlflow.intake.folder import Entry, Scan, scan_folder
from xlflow.intake.returns_unit_month import stated_months
from xlflow.ledger.health import BACKUP_DIR
from xlflow.settings import Settings
from xlflow.workspace import Workspace


def folder_month(name: str, year: int) -> str | None:
    """The month a folder's name states as --month takes it (2015-03, 2015年03月, 2015.3, 201503, 2015_03) or as
    people write it in `year` (3月, 03月份), else None."""
    text = re.sub(r"^(\d{1,2}月份?)$", f"{year}-\\1", name.strip().replace("_", "-"))
    with contextlib.suppress(PeriodError):
        return Period.parse(text, month_only=True).key
    return None


def _month_named(month: Period, name: str) -> str | None:
    """Why a sub-folder of inbox/ is not read when inbox/ itself is read: it is a month's folder."""
    if (key := folder_month(name, month.year)) == month.key:  # inbox/ typed after --month
        return f"{month.label}的文件夹，不写文件夹运行 xlflow consolidate --month {key} 时读取"
    return None if key is None else "按月份存放的文件夹，汇总该月时读取"


def _named_folders(ws: Workspace, month: Period) -> tuple[list[Path], list[Path]]:
    """inbox/'s folders named for `month` (inbox/2015-03, inbox/2015年3月 …), and those of them holding a unit's file."""
    named = [p for p in sorted(ws.inbox.iterdir()) if p.is_dir() and folder_month(p.name, month.year) == month.key]
    return named, [p for p in named if _holds(p)]


def _holds(folder: Path) -> bool:
    """Whether `folder` holds a unit's file (a workbook, an attachment, a saved mail), not only Thumbs.db, desktop.ini,
    lock files or empty folders, which Explorer hides."""
    scan = scan_folder(folder)
    return bool(scan.files or scan.documents or scan.mails)


def two_folders(ws: Workspace, month: Period, full: Sequence[Path] | None = None) -> str:
    """Why consolidate reads none of two or more folders of `month` that hold files (`full`: those folders), or ""."""
    if full is None:
        full = _named_folders(ws, month)[1] if ws.inbox.is_dir() else []
    return "" if len(full) < 2 else (
        f"{'、'.join(ws.where(p) for p in full)} 都是{month.label}的收件文件夹，没有读取：请把其中的文件都移到 "
        f"{ws.where(ws.inbox / month.key)} 中（同名文件请核对保留哪个）后运行 xlflow consolidate --month {month.key}")


def scan_month(folder: Path, whole_inbox: bool, month: Period) -> Scan:
    """The month's folder; in a flat inbox (every month's files in inbox/), an attachment whose name says another
    month (平江县2月信息正文.docx) is that month's, named when it is consolidated."""
    scan = scan_folder(folder, skip=functools.partial(_month_named, month) if whole_inbox else None)
    if whole_inbox:
        scan.documents = [name for name in scan.documents if named_month(name, month) in (None, month.key)]
    return scan


def loose_in_inbox(ws: Workspace, month: Period, folder: Path, known: Collection[str] = ()) -> list[str]:
    """The files lying in inbox/ (or a folder of it that is no month's, inbox/补报) beside the month's folder being read
    (inbox/2015-03, inbox/2015年3月), whose name states no other month: not read, so named (README: 放进 inbox/2015-03/ 或 inbox/).
    Not an empty file, nor one the ledger holds byte for byte (`known` SHA-256: a flat inbox/'s January file, a copy
    of one read)."""
    if folder.resolve().parent != ws.inbox.resolve() or folder_month(folder.name, month.year) != month.key:
        return []
    loose = []
    for entry in scan_folder(ws.inbox, skip=functools.partial(_month_named, month)).files:
        try:
            data = entry.path.read_bytes()
        except OSError:  # there, but unreadable now: named
            data = b"?"
        if data and named_month(entry.name, month) in (None, month.key) and hashlib.sha256(data).hexdigest() not in known:
            loose.append(entry.name)
    return loose


def loose_line(ws: Workspace, month: Period, folder: Path, loose: Sequence[str]) -> str:
    own = f"{ws.where(folder)}/"
    return (f"{ws.where(ws.inbox)}/ 中另有 {len(loose)} 个文件不在 {own} 中，没有读取：{listing(list(loose), 10, '个')}："
            f"如是{month.label}报送的，请移到 {own} 后运行 xlflow consolidate --month {month.key}")


def named_month(name: str, month: Period) -> str | None:
    """The one month a file name states; None for none or several (1-2月工业经济运行分析, sent in any of them)."""
    stated = stated_months(Path(name).stem, (month.year, month.index))
    return month_key(stated[0], stated[1][0]) if stated and len(stated[1]) == 1 else None


def month_folder(ws: Workspace, month: Period, folder: Path | None) -> tuple[Path, bool]:
    """The folder to read and whether it is inbox/ itself (then only files of `month` are taken); an error naming
    the folders looked at when there is none."""
    if folder is not None:
        folder = Path(folder)
        if not folder.is_dir():
            raise WorkspaceError(f"找不到收件文件夹 {folder}：请确认文件夹的位置后重新运行；台账未改动")
        if why := _not_a_collection(ws, folder):
            raise WorkspaceError(f"{folder} 不是收件文件夹：{why}；请把各单位报回的工作簿放进 {ws.where(ws.inbox / month.key)}"
                                 f"（或另一个文件夹）后运行 xlflow consolidate --month {month.key}；台账未改动")  # fmt: skip
        return folder, folder.resolve() == ws.inbox.resolve()
    own = ws.inbox / month.key
    if ws.inbox.is_dir():
        named, full = _named_folders(ws, month)
        if why := two_folders(ws, month, full):
            raise WorkspaceError(f"{why}；台账未改动")
        return ([*full, *named][0], False) if named else (ws.inbox, True)  # the one holding files first
    raise WorkspaceError(
        f"找不到收件文件夹 {own}（也没有 {ws.inbox}）：请把各单位报回的工作簿放进 {own} 后再汇总，"
        "或在命令后写出所在文件夹；台账未改动"
    )


def _not_a_collection(ws: Workspace, folder: Path) -> str:
    """Why `folder` holds xlflow's own files, which would be read as units' returns (the workspace itself, a folder
    around it, out/, backup/), or ""."""
    where, root = folder.resolve(), ws.root.resolve()
    if root.is_relative_to(where):
        return "它是工作区目录" + ("" if root == where else "的上级目录") + "，其中的回执、通报和台账备份会被当作单位报回的文件读取"
    own = next((name for name in ("out", BACKUP_DIR) if where.is_relative_to(root / name)), "")
    return f"它在工作区的 {own}/ 中，那里是 xlflow 写的文件" if own else ""


def remember_folder(ws: Workspace, month: Period, folder: Path) -> None:
    """Record the folder `month` is consolidated from, inside the workspace relative to it (a copied workspace
    keeps it), for month_scan()."""
    where = ws.where(folder)
    folders = read_json(ws.folders_path)
    if folders.get(month.key) != where:
        write_json(ws.folders_path, {**folders, month.key: where})


def last_folder(ws: Workspace, month_key: str) -> Path | None:
    """The folder `month_key` was last consolidated from (.xlflow-folders.json) while it is there."""
    last = str(read_json(ws.folders_path).get(month_key) or "")
    return ws.root / last if last and (ws.root / last).is_dir() else None


def month_scan(ws: Workspace, month: Period) -> Scan | None:
    """What the folder `xlflow consolidate --month M` reads holds now (plain_folder; with two to choose from, the one
    last read): where `status` finds the files not yet consolidated and the units that sent only attachments."""
    try:
        folder, whole_inbox = plain_folder(ws, month)  # what consolidate reads: status agrees with it
    except WorkspaceError:
        try:  # two folders to choose from: the one last read
            folder, whole_inbox = month_folder(ws, month, last_folder(ws, month.key))
        except WorkspaceError:
            return None
    return scan_month(folder, whole_inbox, month)


def is_register_form(path: Path, name: str, units: UnitTable, settings: Settings) -> bool:
    """A 通讯员登记表 (附件二) a unit mailed with its return, saved into the month's folder: `xlflow register` reads it."""
    from xlflow.intake.register_form import read_register_file

    try:
        read_register_file(path, units, settings, name=name)
    except Exception:  # not one (a return, a broken file …): refused as a return
        return False
    return True


def plain_folder(ws: Workspace, month: Period) -> tuple[Path, bool]:
    """What `xlflow consolidate --month M` without a folder reads, and whether it is inbox/ itself: the folder outside
    inbox/ typed when `month` was last consolidated, while it holds workbooks, else the month's folder in inbox/
    (month_folder). Both holding workbooks (files moved to inbox/2015-03, one left behind; a late return in inbox/)
    is an error naming both: either read alone would delete the other's records."""
    last = last_folder(ws, month.key)
    typed = {} if last is None or last.resolve().is_relative_to(ws.inbox.resolve()) else _workbooks(last, False, month)
    a_return = _returns(ws)
    if last is None or not any(map(a_return, typed.values())):
        return month_folder(ws, month, None)
    try:
        default, whole_inbox = month_folder(ws, month, None)
    except WorkspaceError:  # no inbox/, or two folders of the month there: the one typed last time
        return last, False
    known = (typed.keys() - {""}) | _ledger_digests(ws, month)  # a copy of a file in the typed folder, a flat inbox/'s January file
    new = [entry for digest, entry in _workbooks(default, whole_inbox, month).items() if digest not in known]
    if any(map(a_return, new)):
        raise WorkspaceError(
            f"{month.label}上次汇总读的是 {ws.where(last)}，现在它和 {ws.where(default)} 中都有{month.label}的工作簿，没有读取："
            f"要读哪一个请写在命令后，如 xlflow consolidate --month {month.key} {shell_word(ws.where(last))}；台账未改动")
    return last, False


_BOOKS = (".xlsx", ".xls", ".xlsm", ".xlsb", ".et", ".ods")


def _workbooks(folder: Path, whole_inbox: bool, month: Period) -> dict[str, Entry]:
    """The workbooks to read as `month`'s in `folder` by SHA-256 ("" for one unreadable now: consolidate says what it
    is): not empty, in inbox/ itself one whose name says no other month."""
    found: dict[str, Entry] = {}
    for entry in scan_month(folder, whole_inbox, month).files:
        if not entry.name.lower().endswith(_BOOKS) or whole_inbox and named_month(entry.name, month) not in (None, month.key):
            continue
        try:
            data = entry.path.read_bytes()
        except OSError:  # there, unreadable now (being copied)
            found[""] = entry
            continue
        if data:
            found[hashlib.sha256(data).hexdigest()] = entry
    return found


def _returns(ws: Workspace) -> Callable[[Entry], bool]:
    """Whether a workbook is a return, not a 通讯员登记表 (the quota table read once, when first asked)."""
    units = functools.cache(ws.units)
    return lambda entry: not is_register_form(entry.path, entry.name, units(), ws.settings)


def _ledger_digests(ws: Workspace, month: Period) -> set[str]:
    """The SHA-256 of the files the ledger holds for other months than `month` (a flat inbox/'s January files)."""
    from xlflow.ledger import Ledger

    if not ws.ledger_path.is_file():
        return set()
    with Ledger.open(ws.ledger_path) as ledger:
        return ledger.digests(besides=month.key)


def consolidate_command(ws: Workspace, month_key: str, folder: Path | None) -> str:
    """`xlflow consolidate --month M`, with `folder` written unless it is the month's folder in inbox/ and the command
    without one reads it (plain_folder: not while a folder typed last time holds workbooks)."""
    month = Period.parse(month_key)
    try:
        plain = {month_folder(ws, month, None)[0].resolve(), plain_folder(ws, month)[0].resolve()}
    except WorkspaceError:  # two folders to choose from: say which
        plain = set()
    same = folder is None or plain == {folder.resolve()}
    return f"xlflow consolidate --month {month_key}" + ("" if same else f" {shell_word(ws.where(folder))}")


def consolidate_again(ws: Workspace, month_key: str) -> str:
    """The command that consolidates `month_key` again from the folder it was last read from."""
    return consolidate_command(ws, month_key, last_folder(ws, month_key))
