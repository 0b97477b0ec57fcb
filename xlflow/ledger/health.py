"""The ledger's health: a damaged ledger is refused naming the newest intact backup and the ``xlflow restore``
command; SQLite's errors become one Chinese line (``ledger_error``)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from collections.abc import Sequence
from contextlib import closing, suppress
from pathlib import Path

from xlflow.core.errors import LedgerDamagedError, OutputError, WorkspaceError, XlflowError
from xlflow.fsutil import replaced_atomically
from xlflow.ledger.tables import DamagedValue, read_time

_TIMES = ("date", "event_time", "imported_at")  # the articles table's times, ISO text

BACKUP_DIR = "backup"  # beside the ledger: xlflow backup, restore and consolidate keep their copies there
_BACKUPS_CHECKED = 20  # backups looked at, newest first, for one that is intact
BUSY_TIMEOUT = 30.0  # seconds a connection waits for another one's commit

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF) and what they mean to the coordinator
DAMAGED = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED: another connection is writing
# SQLITE_FULL, SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_IOERR
_AS_OS_ERROR = {13: errno.ENOSPC, 8: errno.EACCES, 3: errno.EACCES, 14: errno.EACCES, 10: errno.EIO}
_SAID = {11: "文件内容已损坏", 26: "不是数据库文件，或文件开头已损坏"}
# what a workspace that has used its ledger holds beside it: backups, receipts, 通报, the state files
_USED_SIGNS = (f"{BACKUP_DIR}/*.sqlite", "out/回执/*/*", "out/通报_*.xlsx", ".xlflow-receipts.json", ".xlflow-folders.json",
               ".xlflow-adoptions.json")  # fmt: skip


def _used(folder: Path) -> bool:
    """Whether `folder` holds a file a used workspace has (_USED_SIGNS): a folder at such a name is none."""
    return any(p.is_file() for sign in _USED_SIGNS for p in folder.glob(sign))


def connect_existing(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection to a database file that must already exist (never creates one)."""
    mode = "ro" if read_only else "rw"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT)


def _all_text_reads(db: sqlite3.Connection) -> bool:
    """Every cell of every table decodes, every time reads: a copy of bit rot is no cure."""
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for _ in db.execute(f'SELECT * FROM "{table}"'):
            pass
    for row in db.execute(f"SELECT {', '.join(_TIMES)} FROM articles"):  # and every date is one (DamagedValue)
        for column, text in zip(_TIMES, row, strict=True):
            read_time(column, text)
    return True


def ledger_years(path: Path) -> list[int]:
    """The years whose months a ledger file holds (files read or refused), read-only; [] for a ledger that cannot
    be read (what is wrong with it is said where it is opened)."""
    sql = "SELECT substr(file_month, 1, 4) FROM files UNION SELECT substr(file_month, 1, 4) FROM findings"
    try:
        with closing(connect_existing(path, read_only=True)) as db:
            return sorted(int(row[0]) for row in db.execute(sql) if str(row[0]).isdigit())
    except sqlite3.Error:
        return []


def stored_version(db: sqlite3.Connection) -> int | None:
    """The schema version a ledger file holds, None for a file without xlflow's tables yet. LedgerDamagedError
    when it is not a whole number xlflow ever wrote (text, a fraction, 0)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    values = [row[0] for row in db.execute("SELECT version FROM schema_version")] if found else []
    if bad := [v for v in values if not isinstance(v, int) or v < 1]:
        shown = "二进制数据" if isinstance(bad[0], bytes) else f"“{str(bad[0])[:40]}”"
        raise LedgerDamagedError(f"结构版本无法读取（schema_version 中是{shown}）")
    return max(values, default=None)


_MONTH = "'[0-9][0-9][0-9][0-9]-[01][0-9]'"
_BAD_VALUES = (  # columns of the first schema version only: an older ledger is checked before its upgrade
    f"SELECT count(*) FROM articles WHERE month NOT GLOB {_MONTH} OR file_month NOT GLOB {_MONTH}"
    " OR typeof(row) != 'integer' OR typeof(chars) NOT IN ('integer', 'null')"
)


def health_problem(db: sqlite3.Connection, *, new: bool = False) -> str:
    """What is wrong with a ledger (SQLite's quick_check, a readable version) in a few Chinese words, "" when it is
    intact. Unless `new` (the file was just created), a file without xlflow's tables in a workspace that has used
    its ledger is damaged (emptied by a copy or a power cut that did not finish), not a new ledger to start."""
    try:
        if problem := check_failures(db.execute("PRAGMA quick_check").fetchall()):
            return problem
        if stored_version(db) is None:
            return "" if new else _emptied(db)
        if bad := db.execute(_BAD_VALUES).fetchone()[0]:  # bit rot SQLite's checks do not see; a flipped month hides a row
            return f"稿件的月份、字数或行号有 {bad} 处无法读出"
    except LedgerDamagedError as exc:
        return str(exc)
    except sqlite3.DatabaseError as exc:
        if sqlite_code(exc) in DAMAGED:
            return sqlite_problem(exc)
        raise  # not damage: busy, a read-only disk, an I/O error (ledger_error says which)
    return ""


def _emptied(db: sqlite3.Connection) -> str:
    """Why a ledger file without any table is damaged, "" when its workspace has not used a ledger yet."""
    path = Path(db.execute("PRAGMA database_list").fetchone()[2] or ".")
    tables = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'").fetchone()
    if tables or not path.is_file() or not _used(path.parent):
        return ""
    return "文件是空的（0 字节）" if path.stat().st_size == 0 else "文件中没有台账的表"


def check_failures(rows: Sequence[tuple[object, ...]]) -> str:
    """SQLite's quick_check or integrity_check answer ("ok", or rows of English, one of them maybe a hundred
    lines) as how many faults it found; "" for "ok"."""
    said = [line for row in rows for line in str(row[0]).splitlines() if line.strip() and not line.startswith("***")]
    return "" if said == ["ok"] else f"完整性检查发现 {len(said)} 处错误"


def sqlite_problem(exc: sqlite3.Error) -> str:
    """A SQLite error in Chinese with its code: its English means nothing to the coordinator."""
    code = sqlite_code(exc)
    return f"{_SAID.get(code, '数据库出错')}，SQLite 错误代码 {code}"


def _intact_copy(path: Path) -> bool:
    try:
        with closing(connect_existing(path, read_only=True)) as db:
            tables = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone()
            return bool(tables) and not health_problem(db) and stored_version(db) is not None and _all_text_reads(db)
    except (OSError, sqlite3.Error, LedgerDamagedError):
        return False


def restore_advice(ledger_path: Path, newest: str = "最近的") -> str:
    """What to do about a ledger that cannot be used: restore the newest intact backup, or rebuild."""
    folder = ledger_path.parent / BACKUP_DIR
    try:
        found = [(p.stat().st_mtime_ns, p.name, p) for p in folder.glob("*.sqlite") if not p.name.startswith(".")]
    except OSError:
        found = []
    for _, _, backup in sorted(found, reverse=True)[:_BACKUPS_CHECKED]:
        if _intact_copy(backup):
            return f"请用{newest}备份恢复：xlflow restore {backup}（恢复后，把备份之后汇总过的月份再汇总一次）"
    return (
        f"{folder} 中没有完好的备份：请把 {ledger_path.name} 改名保存，"
        "再逐月重新汇总（各月收件文件夹就是准，汇总后台账即重建）"
    )


def missing_message(ledger_path: Path) -> str:
    """Why a workspace that has used its ledger (_USED_SIGNS) has none (moved away, not copied to a new PC, deleted
    as junk) and what to do: a new ledger would start the year over. "" when it is there or never was. A folder
    at its name (a backup unzipped "into" it) is said in any workspace: SQLite cannot open it, nor create the ledger."""
    if ledger_path.is_dir():
        inner, advice = ledger_path / ledger_path.name, restore_advice(ledger_path)
        todo = (f"其中的 {inner.name} 可能就是台账：请把它移到工作区中，代替这个文件夹" if inner.is_file() else
                "请把这个文件夹改名或移出工作区，再" + (advice[1:] if advice.startswith("请用") else "逐月重新汇总"))  # fmt: skip
        return f"台账 {ledger_path} 是一个文件夹，不是台账文件：{todo}"
    if ledger_path.exists() or not _used(ledger_path.parent):
        return ""
    advice = restore_advice(ledger_path)
    if not advice.startswith("请用"):  # no intact backup
        advice = "请把它放回工作区；找不到时，逐月重新汇总（各月收件文件夹就是准，汇总后台账即重建）"
    return (f"工作区中没有台账 {ledger_path}，但这个工作区用过台账（有台账备份、回执或通报）：如果它被移走或删除了，"
            f"{advice}")  # fmt: skip


def damaged_message(ledger_path: Path, problem: str) -> str:
    return f"台账 {ledger_path} 已损坏，没有作任何改动（{problem}）：{restore_advice(ledger_path)}"


def sqlite_code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of an error (13 for "database or disk is full")."""
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def as_os_error(exc: sqlite3.Error, path: Path) -> OSError | None:
    """The operating-system error a SQLite error stands for (a full disk, no permission, an I/O error), if any."""
    number = _AS_OS_ERROR.get(sqlite_code(exc))
    return OSError(number, os.strerror(number), str(path)) if number is not None else None


def ledger_error(ledger_path: Path, exc: sqlite3.Error, *, unchanged: bool = False) -> XlflowError:
    """One line for an error SQLite raised on the ledger: a full disk, no permission, damage, another program."""
    if ledger_path.is_dir():
        return WorkspaceError(missing_message(ledger_path))
    if sqlite_code(exc) == 8 and not os.access(ledger_path, os.W_OK) and os.access(ledger_path.parent, os.W_OK):
        # SQLITE_READONLY on a file whose folder is writable: the file's own read-only attribute
        return WorkspaceError(f"台账文件 {ledger_path} 是只读的：请在文件属性中取消“只读”后重新运行"
                              + ("（台账未改动）" if unchanged else ""))  # fmt: skip
    if cause := as_os_error(exc, ledger_path):
        return OutputError(ledger_path, cause, note="（台账未改动）" if unchanged else "")
    if sqlite_code(exc) in DAMAGED:
        return LedgerDamagedError(damaged_message(ledger_path, sqlite_problem(exc)))
    if sqlite_code(exc) in BUSY:
        return WorkspaceError(
            f"台账 {ledger_path} 正被另一个程序使用（等了 {BUSY_TIMEOUT:g} 秒仍在使用）：请关闭打开它的程序"
            "（或等另一次汇总结束）后重新运行"
            + ("；台账未改动" if unchanged else "")
        )
    if isinstance(exc, DamagedValue) or (isinstance(exc, sqlite3.OperationalError) and str(exc).startswith("Could not decode to UTF-8")):
        # bit rot inside a cell, which SQLite's checks do not see
        return LedgerDamagedError(f"台账 {ledger_path} 中有损坏的文字（无法读出）：{restore_advice(ledger_path, '损坏前的')}")
    return WorkspaceError(f"台账 {ledger_path} 无法读写（{sqlite_problem(exc)}）：{restore_advice(ledger_path)}")


def suggested_month(months: Sequence[str], year: int, today: dt.date) -> str:
    """A month for a hint (consolidate --month …): the ledger's latest, this month, or the year's January."""
    if months:
        return max(months)
    return f"{today:%Y-%m}" if today.year == year else f"{year}-01"


# --- copies (backup, restore, the copy before an upgrade) ------------------------------------------------


def free_name(folder: Path, stem: str) -> Path:
    """`folder`/`stem`.sqlite, or with _2, _3 … when that exists."""
    candidate, n = folder / f"{stem}.sqlite", 2
    while candidate.exists():
        candidate, n = folder / f"{stem}_{n}.sqlite", n + 1
    return candidate


def copy_database(source: Path, target: Path, *, read_only: bool) -> None:
    """A consistent copy of `source`, checked and moved over `target` (and over any journal an old `target` left,
    so that it is never replayed onto the copy). A failure leaves `target` as it was and no temporary file."""
    try:
        with replaced_atomically(target, note="（台账未改动）") as tmp:
            src = connect_existing(source, read_only=read_only)
            try:
                with closing(src), closing(sqlite3.connect(tmp)) as dst:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode = DELETE")
            finally:  # the copy's own journal, left beside the target when writing it failed (a full disk)
                with suppress(OSError):
                    Path(f"{tmp}-journal").unlink(missing_ok=True)
            if problem := integrity_problem(tmp):
                raise WorkspaceError(f"台账 {source} 的副本未通过完整性检查（{problem}）：原文件未改动，请检查磁盘后重试")
            for leftover in ("-journal", "-wal", "-shm"):
                Path(f"{target}{leftover}").unlink(missing_ok=True)
    except sqlite3.Error as exc:
        if cause := as_os_error(exc, target):  # a full disk, no permission: writing the copy failed
            raise OutputError(target, cause, note="（台账未改动）") from exc
        raise LedgerDamagedError(damaged_message(source, sqlite_problem(exc))) from exc


def integrity_problem(path: Path) -> str:
    """What PRAGMA integrity_check finds wrong with the database at `path`, "" when nothing."""
    with closing(connect_existing(path, read_only=True)) as db:
        return check_failures(db.execute("PRAGMA integrity_check").fetchall())
