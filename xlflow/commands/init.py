"""`xlflow init`: a new workspace."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from xlflow.commands.demo import is_demo_workspace
from xlflow.core.dates import FIRST_YEAR, LAST_YEAR
from xlflow.core.errors import OutputError, WorkspaceError, XlflowError
from xlflow.core.model import RunResult
from xlflow.core.schema import DEFAULT_UNITS
from xlflow.core.text import shell_word
from xlflow.core.units import UnitTable
from xlflow.fsutil import atomic_write_bytes, ensure_dir
from xlflow.ledger.health import BACKUP_DIR
from xlflow.settings import (
    SETTINGS_FILE,
    Settings,
    init_command,
    read_settings,
    settings_text,
    year_workspace,
)
from xlflow.workspace import Workspace, contained, enclosing, saved_as_txt
from xlflow.writers.coordinator_books import write_adoption_register, write_reward_schedule
from xlflow.writers.quota import write_quota_workbook


def init_workspace(root: Path, year: int, *, force: bool = False, nested: bool = False) -> RunResult:
    """A new workspace: settings, quota table (SPEC §3), adoption register, reward schedule, inbox/, out/, narrative/.
    An existing one only with `force`: settings and workbooks are rewritten (the old ones kept in backup/), the
    ledger and the files in inbox/ and out/ are never touched. Without xlflow.toml but with books (the settings lost),
    only what is missing is written. Never in or around another workspace, but `nested`: the demo's,
    self-contained, may lie in one (outside its inbox/)."""
    root = Path(root)
    settings_path = root / SETTINGS_FILE
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} 是一个文件，不是目录：请换一个目录名")
    if (txt := saved_as_txt(root, "，不用再运行 init（没有改动任何文件）")) is not None:  # the settings are there, as .txt
        raise WorkspaceError(txt)
    existed = settings_path.exists()
    if existed and not force:
        return _complete(root, year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise WorkspaceError(f"年度 {year} 不合理：请写四位年份，如 --year 2015")
    if not existed and not nested and (around := enclosing(root)) is not None:  # its books would be read as returns
        beside = around.parent / f"{year}信息报送"
        example = "" if beside.exists() else f"，如 {init_command(beside, year)}"
        raise WorkspaceError(f"{root.resolve()} 在工作区 {around} 之中，没有建立工作区（工作区里不能再建工作区）：要用那个工作区，"
                             f"请在 {around} 中运行命令；要另建工作区，请选一个不在工作区中的目录{example}")  # fmt: skip
    if not existed and (inner := [p for p in contained(root) if not is_demo_workspace(p)]):  # init 2015信息报送, no cd
        beside = root / f"{year}信息报送"
        example = "" if beside.exists() else f"，如 {init_command(beside, year)}"
        use = f"请 cd {shell_word(str(inner[0]))} 后运行命令" if len(inner) == 1 else "请 cd 到那个目录后运行命令"
        raise WorkspaceError(f"{root.resolve()} 中已有工作区 {'、'.join(map(str, inner))}，没有建立工作区（工作区里不能有工作区）："
                             f"要用那个工作区，{use}；要另建工作区，请选一个不含工作区的目录{example}")  # fmt: skip

    settings = Settings(year=year, register_deadline=dt.date(year, 2, 27))
    ws = Workspace(root, settings)
    ws.refuse_another_year(ws.ledger_path, year, f"没有把 {root} 改为 {year} 年度，任何文件都未改动")
    with _run_again(root, year, force=force, new=not existed):  # a full disk part way: init completes it
        ensure_dir(root)
        stamp = dt.datetime.now().strftime("%Y%m%d_%H%M%S")
        # a folder with books but no xlflow.toml (lost, or saved as .txt): the books are the coordinator's, kept
        found = [p for p in (ws.quota_path, ws.adoption_path, ws.reward_schedule_path) if not force and ws.book(p)[0].is_file()]
        books = [p for p in (settings_path, ws.quota_path, ws.adoption_path, ws.reward_schedule_path) if p not in found]
        # never lose the coordinator's edits: a copy in backup/ of each file about to be rewritten
        kept = [atomic_write_bytes(root / BACKUP_DIR / f"{p.stem}_init前_{stamp}{p.suffix}", p.read_bytes())
                for p in books if p.is_file()]  # fmt: skip

        atomic_write_bytes(settings_path, settings_text(settings).encode("utf-8"))
        copied = _make_folders(ws)
        # the books last: stopped before they are all there (a full disk), init again completes the workspace
        if ws.quota_path in books:
            write_quota_workbook(ws.quota_path, DEFAULT_UNITS)
        units = ws.units()  # what every later command will read
        if ws.adoption_path in books:
            write_adoption_register(ws.adoption_path, units)
        if ws.reward_schedule_path in books:
            write_reward_schedule(ws.reward_schedule_path, settings.reward_policy)

    counts = {kind: sum(1 for u in units if u.kind == kind) for kind in units.kinds()}
    result = RunResult(title=f"已{'重新写入' if existed else '建立'}工作区 {root}（{year} 年度）")
    result.lines.append(f"任务分配表：{len(units)} 个单位（" + "，".join(f"{k} {n} 个" for k, n in counts.items()) + "）")
    result.lines.append(f"通讯员登记表截止日期：{settings.register_deadline:%Y年%m月%d日}（可在 {SETTINGS_FILE} 中修改）")
    if ws.reward_schedule_path in books:
        result.lines.append("奖励标准为示例金额，请按奖励通知修改 奖励标准.xlsx")
    if found:
        result.lines.append(f"原有的 {'、'.join(ws.book(p)[0].name for p in found)} 未改动，{SETTINGS_FILE} 按默认值写入："
                            "原来改过的设置请重新修改；要按通知重写这些表格，请加 --force")  # fmt: skip
    if copied:
        result.lines.append(f"通报文字模板：{len(copied)} 个（narrative/，可按需修改）")
    if kept:
        result.lines.append(f"原有的 {len(kept)} 个设置和表格已另存到 {BACKUP_DIR}/；台账和 inbox/、out/ 中的文件未改动")
    if (last := year_workspace(root, year - 1)) is not None and not found:
        result.lines += _last_year(ws, units, last)
    result.lines.append(f"下一步：cd {root}，然后 xlflow templates，把 templates/register_template.xlsx（通讯员登记表）发给各单位；"
                        f"收齐后放入 通讯员登记表/ 文件夹，运行 xlflow register，再 xlflow distribute --month {year}-01 "
                        "给各单位下发信息报送登记表")  # as README's 每月的工作
    result.paths += [*books, ws.inbox, ws.out, *copied]
    return result


def _last_year(ws: Workspace, units: UnitTable, last: Path) -> list[str]:
    """Last year's workspace beside this new one: which of its books and settings differ from what init wrote, and
    how to carry them over. Nothing is copied: this year's notice may have changed them."""
    from xlflow.intake.books import read_reward_schedule

    old, shown = Workspace(last, ws.settings), last if ws.root.is_absolute() else Path(os.path.relpath(last))
    differ, read = [], []  # what differs; what could be read to compare (a book that cannot be read is not offered)
    with contextlib.suppress(XlflowError, OSError):
        if old.units().units != units.units:
            differ.append(old.book(old.quota_path)[0])
        read.append(ws.quota_path.name)
    with contextlib.suppress(XlflowError, OSError):
        then, now = (read_reward_schedule(b.book(b.reward_schedule_path)[0]) for b in (old, ws))
        if (then.amounts, then.bonus, then.policy) != (now.amounts, now.bonus, now.policy):
            differ.append(old.book(old.reward_schedule_path)[0])
        read.append(ws.reward_schedule_path.name)
    if (roster := old.book(old.roster_path)[0]).is_file() and not ws.roster_path.exists():
        differ.append(roster)
    settings, year = ws.settings, ws.settings.year
    with contextlib.suppress(XlflowError, OSError):
        before, day = read_settings(last / SETTINGS_FILE), settings.register_deadline
        with contextlib.suppress(ValueError):  # 2月29日: this year's default
            day = (due := before.register_deadline) and due.replace(year=due.year + year - before.year)
        settings = dataclasses.replace(before, year=year, register_deadline=day)
        read.append(SETTINGS_FILE)
    pairs = zip(settings_text(settings).splitlines(), settings_text(ws.settings).splitlines(), strict=True)
    keys = [re.split(r"\s+#", a)[0] for a, b in pairs if a != b and not a.startswith("#")]
    unread = "、".join(n for n in (ws.quota_path.name, ws.reward_schedule_path.name, SETTINGS_FILE) if n not in read)
    unread = f"（其中的 {unread} 读不出，没有比较）" if unread else ""
    if not differ and not keys:
        return [f"上一年度的工作区 {shown} 中的 {'、'.join(read)} 与本次写入的相同{unread}" if read else
                f"上一年度的工作区 {shown} 中的表格和设置读不出，没有与本次写入的比较"]  # fmt: skip
    cp, into = ("copy /y", f"{ws.root}\\") if os.name == "nt" else ("cp", f"{ws.root}/")
    steps = ["复制：" + " && ".join(f"{cp} {shell_word(str(shown / p.name))} {shell_word(into)}" for p in differ)] * bool(differ)
    # last year's .xls beside this year's .xlsx: the .xlsx would still be read (and both named)
    fresh = [ws.root / f"{p.stem}.xlsx" for p in differ if p.suffix.lower() != ".xlsx" and (ws.root / f"{p.stem}.xlsx").is_file()]
    rm = "del" if os.name == "nt" else "rm"
    steps[:0] = [f"先删除本次写入的 {'、'.join(f.name for f in fresh)}（{rm} {' '.join(shell_word(str(f)) for f in fresh)}）"] * bool(fresh)
    steps += [f"把 {shell_word(str(ws.settings_path))} 中的这几项改成上面的值"] * bool(keys)
    named = "，".join(filter(None, ["、".join(p.name for p in differ), f"{SETTINGS_FILE} 中的 {'、'.join(keys)}" * bool(keys)]))
    return [f"上一年度的工作区 {shown} 中与本次写入的不同：{named}{unread}",
            f"要沿用，请{'，再'.join(steps)}（采用登记表每年一本，不要复制）"]  # fmt: skip


def _complete(root: Path, year: int) -> RunResult:
    """`init` on an existing workspace of the same year writes only the books that are missing (a deleted 采用登记表
    or 奖励标准) and leaves every existing file as it is; with nothing missing it refuses, as before."""
    def refusal(was: int = year) -> str:
        years = ("", "") if was == year else (f" {was} 年度的", f"改为 {year} 年度、")
        return (f"{root} 已经是{years[0]} xlflow 工作区（有 {SETTINGS_FILE}），没有改动任何文件。确实要{years[1]}重新写入设置和模板，"
                "请加 --force（台账 ledger.sqlite 和 inbox/、out/ 中的文件不会删除）")  # fmt: skip

    try:
        ws = Workspace.open(root)
    except WorkspaceError:
        raise WorkspaceError(refusal()) from None
    books = (ws.quota_path, ws.adoption_path, ws.reward_schedule_path)
    missing = [p for p in books if not ws.book(p)[0].is_file()]  # saved as .xls: there, every command reads it
    if ws.settings.year != year:  # --year left out (this year's) or the new year's: with a ledger, that year first
        fill = f"缺少的{'、'.join(p.name for p in missing)}，请运行 {init_command(root, ws.settings.year)}"
        refused = f"{root} 是 {ws.settings.year} 年度的工作区，没有改动任何文件"
        ws.refuse_another_year(ws.ledger_path, year, refused, also=f"；要补建本工作区{fill}" if missing else "")
        if missing:
            raise WorkspaceError(f"{refused}：要补建{fill}")
    if not missing:
        raise WorkspaceError(refusal(ws.settings.year))
    with _run_again(root, year, force=False, new=False):
        if ws.quota_path in missing:
            write_quota_workbook(ws.quota_path, DEFAULT_UNITS)
        if ws.adoption_path in missing:
            write_adoption_register(ws.adoption_path, ws.units())
        if ws.reward_schedule_path in missing:
            write_reward_schedule(ws.reward_schedule_path, ws.settings.reward_policy)
        copied = _make_folders(ws)
    result = RunResult(title=f"已补建工作区 {root} 缺少的表格（{year} 年度）")
    result.lines.append("补建：" + "、".join(p.name for p in missing))
    if ws.quota_path in missing:
        result.lines.append(f"任务分配表按通知附件一补建（{len(DEFAULT_UNITS)} 个单位）：原表改过单位、任务或别名的，"
                            "请从回收站找回原表放回，或在补建的表中重新修改")  # fmt: skip
    if ws.reward_schedule_path in missing:
        result.lines.append("奖励标准为示例金额，请按奖励通知修改 奖励标准.xlsx")
    result.lines.append("其余的设置、表格、台账和 inbox/、out/ 中的文件都未改动")
    result.paths += [*missing, *copied]
    return result


@contextmanager
def _run_again(root: Path, year: int, *, force: bool, new: bool) -> Iterator[None]:
    """A file or folder init could not write names `xlflow init` to run again (it completes what is missing), or,
    for a new workspace on a read-only disk, says to choose another folder."""
    try:
        yield
    except (OutputError, OSError) as exc:
        error = exc if isinstance(exc, OutputError) else OutputError(exc.filename or root, exc)
        error.new = new
        error.verb = "建立" if new and Path(str(error.path)) == root else error.verb
        elsewhere = new and error.cause.errno == errno.EROFS
        error.again = f"xlflow init 目录 --year {year}" if elsewhere else init_command(root, year) + " --force" * force
        if error is exc:
            raise
        raise error from exc


def _make_folders(ws: Workspace) -> list[Path]:
    """inbox/, out/, 通讯员登记表/ (register reads it) and the package's narrative templates copied into narrative/
    (returned); a copy already in the workspace (maybe edited) is left alone."""
    from xlflow.commands.register import REGISTER_FOLDER

    for folder in (ws.inbox, ws.out, ws.root / REGISTER_FOLDER, ws.narrative_dir):
        folder.mkdir(exist_ok=True)
    copied: list[Path] = []
    for item in sorted((resources.files("xlflow") / "narrative").iterdir(), key=lambda i: i.name):
        dest = ws.narrative_dir / item.name
        if item.is_file() and not item.name.startswith((".", "__")) and not dest.exists():
            atomic_write_bytes(dest, item.read_bytes())  # never a template cut short by a full disk
            copied.append(dest)
    return copied
