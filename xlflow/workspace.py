"""The workspace: a folder holding one year's work, like a git repository holds a project, and where things live in it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xlflow.core.errors import WorkspaceError
from xlflow.core.text import shell_word
from xlflow.core.units import UnitTable
from xlflow.fsutil import office_owner, read_json
from xlflow.settings import (
    SETTINGS_FILE,
    Settings,
    decode_text,
    init_command,
    plain_text,
    read_settings,
    workspace_year,
    year_workspace,
)


def _has_settings(folder: Path) -> bool:
    """Whether `folder` holds xlflow.toml, or the xlflow.toml.txt Notepad's 另存为 made of it."""
    return any((folder / name).is_file() for name in (SETTINGS_FILE, f"{SETTINGS_FILE}.txt"))


def enclosing(folder: Path) -> Path | None:
    """The workspace `folder` lies inside (the nearest parent folder with xlflow.toml), if any."""
    return next((p for p in Path(folder).resolve().parents if _has_settings(p)), None)


def contained(folder: Path) -> list[Path]:
    """The workspaces one level down in `folder`, as `folder / name` (made there, and then the cd forgotten)."""
    try:
        return sorted(p for p in Path(folder).iterdir() if _has_settings(p))
    except OSError:  # not there, or not to be read
        return []


def from_here(path: Path) -> str:
    """`path` as a Python user writes it where Python runs: relative when it lies inside that folder, else whole."""
    here = Path.cwd()
    return os.path.relpath(path, here) if Path(os.path.abspath(path)).is_relative_to(here) else str(path)


def saved_as_txt(root: Path, then: str = " 后重新运行") -> str | None:
    """What to do when Notepad's 另存为 left the settings in xlflow.toml.txt (Windows hides the .txt), alone or beside
    an xlflow.toml it differs from (the edits would not count); None when it did not."""
    txt, toml = Path(root) / f"{SETTINGS_FILE}.txt", Path(root) / SETTINGS_FILE
    if not txt.is_file() or (toml.is_file() and _text(toml) == _text(txt)):  # a copy in GBK or with CRLF: the same
        return None
    hidden = "Windows 不显示扩展名 .txt，记事本“另存为”时会加上它"
    if not toml.is_file():
        return f"{Path(root).resolve()} 中的设置文件被保存成了 {txt.name}（{hidden}）：请把它改名为 {SETTINGS_FILE}{then}"
    later = "；.txt 是后保存的" if txt.stat().st_mtime > toml.stat().st_mtime else ""
    return (f"{Path(root).resolve()} 中同时有 {SETTINGS_FILE} 和 {txt.name}，内容不同（{hidden}{later}），读的是 {SETTINGS_FILE}："
            f"修改在 {txt.name} 中的，请删去 {SETTINGS_FILE} 再把 {txt.name} 改名为 {SETTINGS_FILE}，否则请删去 {txt.name}{then}")  # fmt: skip


def _text(path: Path) -> str | None:
    """The settings file's text as Notepad shows it: its encoding, BOM and line ends aside; None if unreadable."""
    try:
        return plain_text(decode_text(path, path.read_bytes()))
    except (OSError, ValueError):
        return None


def _run_there(where: str, command: str | None, plain: str = "") -> str:
    """The advice to run a command in the workspace at `where` (as typed, shell-quoted): `command` as it runs there
    when its paths had to be rewritten, else `plain` (or cd there), or -w."""
    if command is None:
        return f"{plain or f'请 cd {where} 后运行'}，或加 -w {where}"
    return f"请 cd {where} 后运行 {command}，或运行 {command.replace('xlflow ', f'xlflow -w {where} ', 1)}"


def python_call(path: Path) -> str:
    """`xlflow.Workspace("…")` for the workspace in `path`, to paste where Python runs."""
    return f"xlflow.Workspace({from_here(path)!r})"


def _in_root(name: str) -> property:
    """A path inside the workspace folder, read as an attribute (`ws.quota_path`)."""
    return property(lambda ws: ws.root / name)


@dataclass(frozen=True)
class Workspace:
    root: Path
    settings: Settings = field(compare=False)

    settings_path = _in_root(SETTINGS_FILE)
    quota_path = _in_root("信息任务分配表.xlsx")
    adoption_path = _in_root("采用登记表.xlsx")
    reward_schedule_path = _in_root("奖励标准.xlsx")
    roster_path = _in_root("通讯员名册.xlsx")
    ledger_path = _in_root("ledger.sqlite")
    lock_path = _in_root(".xlflow.lock")
    receipt_index_path = _in_root(".xlflow-receipts.json")  # what each receipt showed: skip rendering it again
    folders_path = _in_root(".xlflow-folders.json")  # the folder each month was last consolidated from (status)
    adoption_record_path = _in_root(".xlflow-adoptions.json")  # the adoptions as last read (stale bulletins)
    inbox = _in_root("inbox")
    out = _in_root("out")
    narrative_dir = _in_root("narrative")

    @classmethod
    def open(
        cls, root: Path | str, *, year: int | None = None, python: bool = False, again: Callable[[Path], str | None] | None = None
    ) -> Workspace:
        """The workspace in `root`; `year` (of the --month typed) is the one a hint to create it here names; `python`:
        the advice is for a Python user (xlflow.Workspace), not for the command line; `again`: the command typed as it
        runs in a given folder (its paths as seen from there; None without paths), for the advice to run it in the
        workspace found around or inside `root`."""
        root = Path(root)
        path = root / SETTINGS_FILE
        if (txt := saved_as_txt(root)) is not None:
            raise WorkspaceError(txt)
        if not path.is_file():
            if (around := enclosing(root)) is not None:  # run from a folder inside it (inbox/2015-06)
                where = str(around) if root.is_absolute() else os.path.relpath(around, root.resolve())
                todo = f"请用 {python_call(around)}" if python else _run_there(shell_word(where), again and again(around), "请在那里运行")
                raise WorkspaceError(f"{root.resolve()} 不是工作区目录，工作区在 {around}：{todo}")
            if inner := contained(root):  # `init 2015信息报送` and no cd
                first = shell_word(str(inner[0]))
                todo = _run_there(first, again and again(inner[0])) if len(inner) == 1 else f"请 cd 到要用的那个后运行，或加 -w 写明，如 -w {first}"
                if python:
                    todo = f"请用 {python_call(inner[0])}" + ("" if len(inner) == 1 else " 这样写明要用的那个")
                names = "、".join(map(from_here if python else str, inner))
                raise WorkspaceError(f"{root.resolve()} 不是工作区目录，工作区在 {names}：{todo}")
            used = [p.name for p in (root / "ledger.sqlite", root / "信息任务分配表.xlsx") if p.is_file()]  # its settings lost
            year = year or workspace_year(root)
            todo = (f"请在终端运行 {init_command(Path(from_here(root)), year)}；工作区在别的目录时，请用 xlflow.Workspace(\"工作区目录\") 写明"
                    if python else f"请运行 {init_command(root, year)}；工作区在别的目录时，请进入那个目录再运行，或用 -w 写明工作区目录")  # fmt: skip
            what = f"这里有 {'、'.join(used)}，要补写设置文件（已有的表格和台账不动）" if used else "要在这里新建工作区"
            raise WorkspaceError(f"{root.resolve()} 不是 xlflow 工作区（没有 {SETTINGS_FILE}）：{what}，{todo}")
        return cls(root, read_settings(path))

    def where(self, path: Path) -> str:
        """A folder or file as the coordinator knows it: inside the workspace relative to it (inbox/2015-03), else
        the whole path; what a copied workspace keeps."""
        path, root = path.resolve(), self.root.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    def holds(self, path: Path) -> bool:
        """Whether `path` lies in the workspace folder."""
        return path.resolve().is_relative_to(self.root.resolve())

    def collection(self, path: Path) -> str | None:
        """The folder consolidate reads that `path` lies in, as the coordinator knows it (inbox/ or a folder a month
        was consolidated from, .xlflow-folders.json): a file put there would be read as a unit's return."""
        folders = [self.inbox, *(self.root / str(f) for f in read_json(self.folders_path).values() if f)]
        return next((f"{self.where(f)}/" for f in folders if path.resolve().is_relative_to(f.resolve())), None)

    def refuse_another_year(self, ledger: Path, year: int, refusal: str, advice: str = "", also: str = "") -> None:
        """WorkspaceError when the ledger file holds months of a year other than `year`: a workspace is one year's,
        and R6 would judge this year's titles against last year's."""
        from xlflow.ledger.health import ledger_years

        others = [y for y in ledger_years(ledger) if y != year] if ledger.is_file() else []
        if others:
            new = init_command(self.root.resolve().parent / f"{year}信息报送", year)
            new = (f"{year} 年度的工作区已有：{found}，请在那里运行命令" if (found := year_workspace(self.root, year)) else
                   f"{year} 年的信息请另建工作区：{new}（任务分配表、奖励标准和 xlflow.toml 可以复制过去再改，xlflow.toml 中的 "
                   f"year 和 deadline 改为 {year} 年的；采用登记表每年一本，不要复制）")  # fmt: skip
            raise WorkspaceError(
                f"{refusal}：{ledger.name} 中是 {'、'.join(map(str, others))} 年的信息，一个工作区只管一年（否则今年与"
                f"往年同名的稿件会被判为重复报送）。" + (advice or new) + also
            )

    def book(self, path: Path) -> tuple[Path, list[str]]:
        """The coordinator's book `path` as it is to be read, and what to tell about it: saved as .xls, WPS .et or
        LibreOffice .ods instead (that is read), one beside it (which one is read), open in Excel/WPS (its unsaved
        changes are not read)."""
        others, notes, wanted = [p for p in map(path.with_suffix, (".xls", ".et", ".ods")) if p.is_file()], [], path.name
        if others and not path.is_file():
            path = others.pop(0)
        for other in others:
            later = f"（{other.suffix} 是后保存的）" if other.stat().st_mtime > path.stat().st_mtime else ""
            notes.append(f"工作区中同时有 {path.name} 和 {other.name}{later}：读的是 {path.name}；如果最新的内容在 {other.name} 中，"
                         f"请把它另存为 {wanted}（Excel 工作簿），再把 {other.name} 移出工作区")  # fmt: skip
        if (found := office_owner(path)) is not None:
            owner, lock = found
            notes.append(f"{path.name} 可能正在 Excel/WPS 中打开{f'（{owner}）' if owner else ''}：未保存的修改不会计入，请先保存；"
                         f"如没有人打开它，请删去隐藏文件 {lock}")  # fmt: skip
        return path, notes

    def units(self) -> UnitTable:
        from xlflow.intake.quota_table import read_quota_workbook

        return read_quota_workbook(self.book(self.quota_path)[0])
