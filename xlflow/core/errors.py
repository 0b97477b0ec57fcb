"""xlflow's exceptions. Every message is Chinese, names the thing, and says what to do."""

from __future__ import annotations

import errno
from pathlib import Path


class XlflowError(Exception):
    """Base of everything xlflow raises on purpose; the CLI shows the message as it is."""


class WorkspaceError(XlflowError):
    """The workspace is missing, incomplete, or already exists."""


class ConfigError(XlflowError):
    """A settings file or the quota workbook cannot be understood."""


class PeriodError(XlflowError):
    """A period or month the user typed cannot be read."""


class BusyError(XlflowError):
    """Another xlflow process holds the workspace."""


class InputFileError(XlflowError):
    """One input file cannot be used; the run goes on with the others."""

    def __init__(self, message: str, *, code: str = "file") -> None:
        super().__init__(message)
        self.code = code


class LedgerDamagedError(WorkspaceError):
    """The ledger cannot be trusted (damaged pages, an unreadable version): refused before anything is written."""


_NO_RIGHT = ("没有写入权限", "请取消该文件夹的只读属性或换一个有写入权限的位置；如果该文件正在 Excel 或 WPS 中打开，请先关闭")
_FILE_IN_PATH = ("路径中有一级是文件而不是文件夹", "请把那个文件改名或移走")
_DISK_FULL = "请腾出磁盘空间"
# errno → (what happened, what to do), as the coordinator reads it; OutputError names the path itself
_CAUSES: dict[str, tuple[str, str]] = {
    "ENOSPC": ("磁盘已满", _DISK_FULL),
    "EDQUOT": ("磁盘配额已用完", _DISK_FULL),
    "EACCES": _NO_RIGHT,
    "EPERM": _NO_RIGHT,
    "EROFS": ("所在的磁盘是只读的", "请把工作区复制到可写的磁盘（如本机硬盘）"),
    "EISDIR": ("这个位置已经有一个同名的文件夹", "请把这个文件夹改名或移走"),
    "ENOTDIR": _FILE_IN_PATH,
    "EEXIST": _FILE_IN_PATH,
    "ENAMETOOLONG": ("文件名或路径太长", "请把工作区放到较短的路径下（如 D:/信息报送），或缩短过长的名称"),
    "ENOENT": ("所在的文件夹不存在或已被移走", "请确认工作区和输出文件夹的位置"),
    "EIO": ("磁盘读写出错", "请检查磁盘，U 盘或网络盘是否仍连接"),
    "EBUSY": ("文件正被其他程序使用", "请关闭正在使用它的程序"),
}


def describe_os_error(exc: OSError, *, new: bool = False, out: bool = False) -> tuple[str, str]:
    """(what happened, what to do) in Chinese for an operating-system error, by its errno; on a read-only disk,
    `new` (init, demo making a workspace) asks for another folder, `out` (an --out outside the workspace) another --out."""
    name = errno.errorcode.get(exc.errno or 0, "")
    if name not in _CAUSES:
        return (exc.strerror or str(exc) or type(exc).__name__), "请检查磁盘空间和文件夹权限"
    what, todo = _CAUSES[name]
    if name == "EROFS" and (new or out):
        todo = "请换一个可写的 --out 位置（如本机硬盘上的文件夹）" if out else "请在可写的磁盘（如本机硬盘）上另选一个目录"
    if name in ("ENOTDIR", "EEXIST") and exc.filename:  # the part that is a file: out/ in out/回执/2015年03月
        path = Path(str(exc.filename))
        files = [part for part in (path, *path.parents) if part.exists() and not part.is_dir()]
        what = f"{files[0] if files else exc.filename} 是一个文件，不是文件夹"
    return what, todo


class OutputError(XlflowError):
    """A file or folder could not be written: the message names the path, why (by errno) and what to do.
    `ledger_updated`: the ledger was committed first (a rerun counts nothing twice); `again`: the command that
    writes the file (`xlflow bulletin` bare is the run's own, which the CLI prints as typed); `note` ends it; `new`:
    the workspace is being made, `out`: the path is an --out outside the workspace (describe_os_error)."""

    def __init__(
        self, path: object, cause: OSError, *, ledger_updated: bool = False, verb: str = "写入", note: str = ""
    ) -> None:
        self.path = path
        self.cause = cause
        self.ledger_updated = ledger_updated
        self.verb = verb
        self.note = note
        self.again = ""
        self.new = False
        self.out = False
        super().__init__(str(path))

    def __str__(self) -> str:
        what, todo = describe_os_error(self.cause, new=self.new, out=self.out)
        again = f" {self.again}" if self.again and "--out 位置" not in todo else ""  # not the same --out again
        if self.ledger_updated:
            end = f"{again}，已记入台账的稿件不会重复记入" if again else "即可（已记入台账的稿件不会重复记入）"
            return f"台账已更新，但 {self.path} 未能{self.verb}：{what}；{todo}后重新运行{end}"
        return f"无法{self.verb} {self.path}：{what}；{todo}后重新运行{again}{self.note}"

    def __reduce__(self) -> tuple[object, ...]:  # a worker process hands it back (parallel receipts)
        return type(self), (self.path, self.cause), self.__dict__
