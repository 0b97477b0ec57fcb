"""The ledger (台账): every accepted row of every month, in one SQLite file inside the workspace.

Standard-library `sqlite3`, rollback journal (``journal_mode=DELETE``, ``synchronous=FULL``): a process killed in the
middle of an import leaves a hot journal that the next open rolls back, so the ledger is as it was before. The
journal mode is the default one on purpose: a coordinator who copies the workspace folder copies one file.

API (other modules rely on it exactly):

``Ledger.open(path) -> Ledger``
    Opens (and creates, with its schema) the ledger. Use it as a context manager: ``with Ledger.open(p) as led:``.
    Before any statement that could write, SQLite's ``quick_check`` runs and the schema version is read: a damaged
    ledger, or one whose version is not a number xlflow wrote, is refused (LedgerDamagedError, naming the newest
    intact backup in backup/ and the ``xlflow restore`` command). SQLite's errors become one line (``ledger_error``):
    a full disk says so, and that the ledger is unchanged. An ``OutputError`` (or a plain OSError) leaving the
    ``with`` after this connection committed an import says that the ledger was updated before the output failed.
``Ledger.import_month(month, accepted, refused, *, now) -> ImportStats``
    One transaction (``BEGIN IMMEDIATE … COMMIT``, rolled back on any exception) that makes the ledger's month hold
    what the month's folder holds now. ``accepted`` holds ``(UnitFile, articles)`` pairs of every file read for the
    month; a file whose ``superseded_by`` is set is stored as replaced (its articles are not kept). For every unit
    in it, that unit's rows whose ``file_month == month`` are replaced; a unit with rows of this month and no file
    now has them removed (``ImportStats.removed``). A unit whose files (names and SHA-256) and checked rows are
    unchanged is not rewritten: importing the same files again changes nothing, not even the import times.
    ``refused`` holds the file-level findings of refused files; those of the month are replaced by them. Then R6 is
    decided again over the whole history of every unit written or removed (rules.mark_duplicates), so the copy of a
    title that counts does not depend on the order months were consolidated in; rows of other months whose status
    changed are in ``ImportStats.moved``. Every import is logged.
``Ledger.articles(months, *, counted_only=True) -> list[Article]``
    Articles by the month they count in (``Article.month``), with their findings attached.
``Ledger.file_articles(file_months, *, unit=None) -> list[Article]``
    Every row that came in the files of those months, counted or not, findings attached (for receipts).
``Ledger.findings(file_months) -> list[Finding]``
    Every finding of those file months: row findings, file-level findings of accepted files, refused files.
``Ledger.refused(file_month) -> list[Finding]``
    The file-level findings of the files refused for that month.
``Ledger.senders(file_months) -> dict[unit, list[file name]]``
    The files accepted (not superseded) per unit.
``Ledger.files(file_month) -> list[FileRecord]``
    Every file stored for the month, superseded ones included, with what became of each of its sheets.
``Ledger.imports(month=None) -> list[ImportRecord]``
    The import log, oldest first.
``Ledger.months() -> list[str]``
    The file months that have anything stored.

Rows are returned in file month, unit, source file, row order; callers sort units into quota-table order.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from xlflow.core.errors import LedgerDamagedError, OutputError, WorkspaceError, XlflowError
from xlflow.core.model import ERROR, Article, Finding, SheetRead, TitleRecord, UnitFile
from xlflow.fsutil import ensure_dir

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS imports (
    id            INTEGER PRIMARY KEY,
    month         TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    files_read    INTEGER NOT NULL,
    files_refused INTEGER NOT NULL,
    units_written INTEGER NOT NULL,
    units_unchanged INTEGER NOT NULL,
    rows_written  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    id          INTEGER PRIMARY KEY,
    unit        TEXT NOT NULL,
    file_month  TEXT NOT NULL,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    mtime       REAL NOT NULL,
    sheet       TEXT NOT NULL,
    header_row  INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    superseded  INTEGER NOT NULL DEFAULT 0,
    digest      TEXT NOT NULL DEFAULT '',
    import_id   INTEGER REFERENCES imports(id),
    raw_name    BLOB,
    sheets      TEXT NOT NULL DEFAULT '[]',
    supplement  INTEGER NOT NULL DEFAULT 0,
    superseded_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS files_unit_month ON files(unit, file_month);
CREATE INDEX IF NOT EXISTS files_month ON files(file_month);
CREATE TABLE IF NOT EXISTS articles (
    id           INTEGER PRIMARY KEY,
    file_id      INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    unit         TEXT NOT NULL,
    month        TEXT NOT NULL,
    file_month   TEXT NOT NULL,
    date         TEXT,
    title        TEXT NOT NULL,
    title_key    TEXT NOT NULL,
    category     TEXT NOT NULL,
    category_raw TEXT NOT NULL,
    chars        INTEGER,
    body         TEXT NOT NULL,
    analysis     INTEGER,
    signer       TEXT NOT NULL,
    signer_title TEXT NOT NULL,
    channel      TEXT NOT NULL,
    urgent       INTEGER NOT NULL,
    event_time   TEXT,
    reporter     TEXT NOT NULL,
    note         TEXT NOT NULL,
    source_file  TEXT NOT NULL,
    sheet        TEXT NOT NULL,
    row          INTEGER NOT NULL,
    file_sha256  TEXT NOT NULL,
    counted      INTEGER NOT NULL,
    imported_at  TEXT NOT NULL,
    date_text    TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    title_cell   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS articles_month ON articles(month, counted);
CREATE INDEX IF NOT EXISTS articles_unit_month ON articles(unit, file_month);
CREATE INDEX IF NOT EXISTS articles_title ON articles(unit, title_key) WHERE counted = 1;
CREATE INDEX IF NOT EXISTS articles_file ON articles(file_id);
CREATE TABLE IF NOT EXISTS findings (
    id          INTEGER PRIMARY KEY,
    file_month  TEXT NOT NULL,
    unit        TEXT NOT NULL,
    file_id     INTEGER REFERENCES files(id) ON DELETE CASCADE,
    article_id  INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    refused     INTEGER NOT NULL DEFAULT 0,
    file        TEXT NOT NULL,
    sheet       TEXT NOT NULL,
    row         INTEGER,
    "column"    TEXT NOT NULL,
    cell        TEXT NOT NULL,
    code        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    message     TEXT NOT NULL,
    month       TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_month ON findings(file_month, unit);
CREATE INDEX IF NOT EXISTS findings_article ON findings(article_id);
CREATE INDEX IF NOT EXISTS findings_file ON findings(file_id);
"""
# what a ledger of an earlier schema version needs to become the current one
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "ALTER TABLE files ADD COLUMN raw_name BLOB",
        "ALTER TABLE files ADD COLUMN sheets TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE files ADD COLUMN supplement INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE files ADD COLUMN superseded_by TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE articles ADD COLUMN date_text TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE articles ADD COLUMN position INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE articles ADD COLUMN title_cell TEXT NOT NULL DEFAULT ''",
        "DROP INDEX IF EXISTS articles_counted_titles",  # R6 is decided per unit now (Ledger._recount)
    ),
}

_ARTICLE_COLUMNS = (
    "unit", "month", "file_month", "date", "title", "title_key", "category", "category_raw", "chars", "body",
    "analysis", "signer", "signer_title", "channel", "urgent", "event_time", "reporter", "note", "source_file",
    "sheet", "row", "file_sha256", "counted", "imported_at", "date_text", "position", "title_cell",
)  # fmt: skip
_INSERT_ARTICLE = (
    f"INSERT INTO articles(id, file_id, {', '.join(_ARTICLE_COLUMNS)}) VALUES (?, ?, {', '.join('?' * len(_ARTICLE_COLUMNS))})"
)
_INSERT_FINDING = (
    "INSERT INTO findings(file_month, unit, file_id, article_id, refused, file, sheet, row,"
    ' "column", cell, code, severity, message, month, imported_at)'
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_FINDING_COLUMNS = ("file", "sheet", "row", '"column"', "cell", "code", "severity", "message", "unit", "month")


@dataclass(frozen=True)
class RemovedFile:
    """A file whose rows left the ledger because it is no longer in the month's folder."""

    unit: str
    name: str
    counted: tuple[str, ...]  # titles of the articles it had counted


@dataclass(frozen=True)
class Moved:
    """A row of another month whose R6 status changed with this import (a late February now counts first)."""

    unit: str
    file_month: str
    source_file: str
    row: int
    title: str
    counted: bool  # what it is now
    why: str  # the R6 message when it no longer counts, else ""


@dataclass(frozen=True)
class ImportStats:
    """What one import did to the ledger."""

    month: str
    imported_at: str
    files_read: int  # accepted files, superseded ones included
    files_refused: int
    units_written: tuple[str, ...]  # units whose rows were (re)written
    units_unchanged: tuple[str, ...]  # units whose files and rows were already in the ledger as they are
    rows_written: int
    superseded: tuple[str, ...]  # names of files that lost to a later file of the same unit and month
    removed: tuple[RemovedFile, ...] = ()  # files gone from the folder since the last import of the month
    moved: tuple[Moved, ...] = ()  # rows of other months that now count, or no longer count (R6)

    @property
    def changed(self) -> bool:
        return bool(self.units_written or self.removed)


@dataclass(frozen=True)
class FileRecord:
    """One accepted file of one import, as the ledger keeps it."""

    unit: str
    file_month: str
    name: str
    sha256: str
    mtime: float
    sheet: str
    header_row: int
    imported_at: str
    superseded: bool
    rows: int
    counted: int
    sheets: tuple[SheetRead, ...] = ()
    supplement: bool = False
    superseded_by: str = ""
    raw_name: bytes = b""


@dataclass(frozen=True)
class ImportRecord:
    month: str
    imported_at: str
    files_read: int
    files_refused: int
    units_written: int
    units_unchanged: int
    rows_written: int


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(sep=" ") if value is not None else None


def _from_iso(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _bool_or_none(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _sheets_json(unit_file: UnitFile) -> str:
    return json.dumps([s.to_json() for s in unit_file.sheets], ensure_ascii=False)


def _digest(pairs: Sequence[tuple[UnitFile, list[Article]]]) -> str:
    """A fingerprint of what an import would store for one unit, import times left out: the SHA-256 of the JSON
    list of its files, findings and rows, hashed item by item (a 50,000-row file never becomes one JSON string)."""

    def items() -> Iterator[object]:
        for unit_file, articles in pairs:
            yield [unit_file.name, unit_file.raw_name.hex(), unit_file.sha256, _sheets_json(unit_file),
                   unit_file.supplement, unit_file.superseded_by]  # fmt: skip
            yield [_finding_tuple(f) for f in unit_file.findings]
            for a in articles:
                yield [_article_tuple(a, "")[:-4], a.date_text, a.position, a.title_cell,
                       [_finding_tuple(f) for f in a.findings]]  # fmt: skip

    encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
    digest = hashlib.sha256(b"[")
    for index, item in enumerate(items()):
        digest.update((", " if index else "").encode("utf-8") + encode(item).encode("utf-8"))
    digest.update(b"]")  # the bytes of json.dumps(list): "[" + ", ".join(items) + "]"
    return digest.hexdigest()


def _article_tuple(a: Article, imported_at: str) -> tuple[object, ...]:
    return (
        a.unit, a.month, a.file_month, _iso(a.date), a.title, a.title_key, a.category, a.category_raw, a.chars,
        a.body, None if a.analysis is None else int(a.analysis), a.signer, a.signer_title, a.channel, int(a.urgent),
        _iso(a.event_time), a.reporter, a.note, a.source_file, a.sheet, a.row, a.file_sha256, int(a.counted),
        imported_at, a.date_text, a.position, a.title_cell,
    )  # fmt: skip


def _placeholders(months: Iterable[str]) -> tuple[list[str], str]:
    """The distinct months, sorted, and the "?, ?, …" of an IN (…) that takes them."""
    keys = sorted(set(months))
    return keys, ", ".join("?" * len(keys))


def _finding_tuple(f: Finding) -> tuple[object, ...]:
    return (f.file, f.sheet, f.row, f.column, f.cell, f.code, f.severity, f.message, f.unit, f.month)


# -- health: what every open checks, and what a refusal tells the coordinator to do ------------------------

BACKUP_DIR = "backup"  # beside the ledger: xlflow backup, restore and consolidate keep their copies there
_HEALTHY_BACKUPS_CHECKED = 20  # backups looked at, newest first, for one that is intact

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF) and what they mean to the coordinator
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26
_AS_OS_ERROR = {
    _SQLITE_FULL: errno.ENOSPC,
    _SQLITE_READONLY: errno.EACCES,
    _SQLITE_PERM: errno.EACCES,
    _SQLITE_CANTOPEN: errno.EACCES,
    _SQLITE_IOERR: errno.EIO,
}


def stored_version(db: sqlite3.Connection) -> int | None:
    """The schema version a ledger file holds, None for a file without xlflow's tables yet. LedgerDamagedError
    when it is not a whole number xlflow ever wrote (text, a fraction, 0)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not found:
        return None
    values = [row[0] for row in db.execute("SELECT version FROM schema_version")]
    if not values:
        return None
    bad = [v for v in values if not isinstance(v, int) or v < 1]
    if bad:
        shown = "二进制数据" if isinstance(bad[0], bytes) else f"“{str(bad[0])[:40]}”"
        raise LedgerDamagedError(f"结构版本无法读取（schema_version 中是{shown}）")
    return max(values)


def health_problem(db: sqlite3.Connection) -> str:
    """What is wrong with a ledger, "" when it is intact (SQLite's quick_check, a readable version). Reads only
    (a hot journal a killed process left is rolled back first by SQLite, as at every open)."""
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
        if [row[0] for row in rows] != ["ok"]:
            return "；".join(str(row[0]) for row in rows[:3])
        stored_version(db)
    except LedgerDamagedError as exc:
        return str(exc)
    except sqlite3.DatabaseError as exc:
        if sqlite_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return str(exc)
        raise  # not damage: busy, a read-only disk, an I/O error (ledger_error says which)
    return ""


def _intact_copy(path: Path) -> bool:
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone()
        return bool(found) and not health_problem(db) and stored_version(db) is not None
    except (sqlite3.Error, LedgerDamagedError):
        return False
    finally:
        db.close()


def newest_backup(ledger_path: Path) -> Path | None:
    """The newest intact ledger copy in backup/ beside the ledger (manual, automatic, or kept by a restore)."""
    folder = ledger_path.parent / BACKUP_DIR
    try:
        found = [(p.stat().st_mtime_ns, p.name, p) for p in folder.glob("*.sqlite") if not p.name.startswith(".")]
    except OSError:
        return None
    for _, _, path in sorted(found, reverse=True)[:_HEALTHY_BACKUPS_CHECKED]:
        if _intact_copy(path):
            return path
    return None


def restore_advice(ledger_path: Path) -> str:
    """What to do about a ledger that cannot be used: the exact restore command, or how to rebuild without one."""
    backup = newest_backup(ledger_path)
    if backup is not None:
        return f"请用最近的备份恢复：xlflow restore {backup}（恢复后，把备份之后汇总过的月份再汇总一次）"
    return (
        f"{ledger_path.parent / BACKUP_DIR} 中没有完好的备份：请把 {ledger_path.name} 改名保存，"
        "再逐月重新汇总（各月收件文件夹就是准，汇总后台账即重建）"
    )


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
    code = sqlite_code(exc)
    cause = as_os_error(exc, ledger_path)
    if cause is not None:
        return OutputError(ledger_path, cause, note="（台账未改动）" if unchanged else "")
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return LedgerDamagedError(damaged_message(ledger_path, str(exc)))
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return WorkspaceError(
            f"台账 {ledger_path} 正被另一个程序使用（{exc}）：请关闭打开它的程序后重新运行"
            + ("；台账未改动" if unchanged else "")
        )
    return WorkspaceError(f"台账 {ledger_path} 无法读写（{exc}）：{restore_advice(ledger_path)}")


def suggested_month(months: Sequence[str], year: int, today: dt.date) -> str:
    """A month to put in a hint (xlflow consolidate --month …): the ledger's latest, else this month when the
    workspace is this year's, else the workspace year's January."""
    if months:
        return max(months)
    if today.year == year:
        return f"{today:%Y-%m}"
    return f"{year}-01"


class Ledger:
    """The workspace's SQLite ledger. Open with `Ledger.open(path)`; close (or leave the `with`) when done."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self.updated = False  # a transaction of this connection has been committed

    # -- opening -------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str) -> Ledger:
        """Open (or create) the ledger. A damaged one (SQLite's quick_check) or one whose version cannot be read is
        refused before anything is written into it (LedgerDamagedError, naming the newest backup to restore)."""
        path = Path(path)
        ensure_dir(path.parent)
        try:
            db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise ledger_error(path, exc) from exc
        try:
            db.execute("PRAGMA foreign_keys = ON")
            problem = health_problem(db)  # before the first statement that could write
            if problem:
                raise LedgerDamagedError(damaged_message(path, problem))
            db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = FULL")
            ledger = cls(db, path)
            ledger._create_schema()
            ledger.updated = False  # what open itself wrote (a new ledger's tables) is not an update
        except sqlite3.Error as exc:
            db.close()
            raise ledger_error(path, exc) from exc
        except BaseException:
            db.close()
            raise
        return ledger

    def _create_schema(self) -> None:
        version = self._version()
        if version == SCHEMA_VERSION:
            return
        if version is not None and version > SCHEMA_VERSION:
            raise WorkspaceError(
                f"台账 {self.path} 由更新版本的 xlflow 建立（结构版本 {version}）：请升级 xlflow 后再运行"
            )
        with self._transaction():
            if version is None:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute("INSERT INTO schema_version(version) VALUES (?)", (SCHEMA_VERSION,))
                return
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[step]:
                    self._db.execute(statement)
            for statement in _SCHEMA.split(";"):  # indexes added since
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))

    def _version(self) -> int | None:
        return stored_version(self._db)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close; an output that failed after this connection committed an import says the ledger was updated."""
        self.close()
        if not self.updated:
            return
        if isinstance(exc, OutputError):
            exc.ledger_updated = True
        elif isinstance(exc, OSError):
            raise OutputError(exc.filename or "输出文件", exc, ledger_updated=True) from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception. The exception raised is the one that happened:
        SQLite itself ends the transaction on some errors (a full disk), and a ROLLBACK then would fail with "no
        transaction is active" and hide the cause. SQLite's errors become one line that says the ledger is
        unchanged (ledger_error)."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ledger_error(self.path, exc, unchanged=True) from exc
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                # should the ROLLBACK fail as well, closing the connection (or the hot journal, at the next open)
                # rolls the transaction back: the error to report is still the first one
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise ledger_error(self.path, exc, unchanged=True) from exc
            raise
        self.updated = True

    # -- import --------------------------------------------------------------------------------------
    def import_month(
        self,
        month: str,
        accepted: list[tuple[UnitFile, list[Article]]],
        refused: list[Finding],
        *,
        now: dt.datetime,
    ) -> ImportStats:
        """Make the ledger's `month` hold what its folder holds now, in one transaction; see the module docstring."""
        imported_at = now.replace(microsecond=0).isoformat(sep=" ")
        by_unit: dict[str, list[tuple[UnitFile, list[Article]]]] = {}
        for unit_file, articles in accepted:
            by_unit.setdefault(unit_file.unit, []).append((unit_file, articles))
        written: list[str] = []
        unchanged: list[str] = []
        superseded = sorted(uf.name for uf, _ in accepted if uf.superseded_by)
        rows_written = 0
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO imports(month, imported_at, files_read, files_refused, units_written,"
                " units_unchanged, rows_written) VALUES (?, ?, ?, ?, 0, 0, 0)",
                (month, imported_at, len(accepted), len(refused)),
            )
            import_id = cursor.lastrowid
            removed = self._remove_units_without_files(month, set(by_unit))
            for unit in sorted(by_unit):
                pairs = sorted(by_unit[unit], key=lambda pair: (bool(pair[0].superseded_by), pair[0].name))
                digest = _digest(pairs)
                if self._unit_unchanged(unit, month, pairs, digest):
                    unchanged.append(unit)
                    continue
                self._db.execute("DELETE FROM files WHERE unit = ? AND file_month = ?", (unit, month))
                for unit_file, articles in pairs:
                    file_id = self._insert_file(unit_file, month, imported_at, digest, import_id)
                    self._insert_findings(unit_file.findings, month, unit, imported_at, file_id=file_id)
                    if not unit_file.superseded_by:
                        rows_written += self._insert_articles(articles, file_id, imported_at)
                written.append(unit)
            if sorted(map(_finding_tuple, self.refused(month))) != sorted(map(_finding_tuple, refused)):
                self._db.execute("DELETE FROM findings WHERE file_month = ? AND refused = 1", (month,))
                for finding in refused:
                    self._insert_findings([finding], month, finding.unit, imported_at, refused=True)
            moved: list[Moved] = []
            for unit in sorted({*written, *(r.unit for r in removed)}):
                moved.extend(m for m in self._recount(unit, imported_at) if m.file_month != month)
            self._db.execute(
                "UPDATE imports SET units_written = ?, units_unchanged = ?, rows_written = ? WHERE id = ?",
                (len(written), len(unchanged), rows_written, import_id),
            )
        return ImportStats(
            month=month,
            imported_at=imported_at,
            files_read=len(accepted),
            files_refused=len(refused),
            units_written=tuple(written),
            units_unchanged=tuple(unchanged),
            rows_written=rows_written,
            superseded=tuple(superseded),
            removed=tuple(removed),
            moved=tuple(moved),
        )

    def _remove_units_without_files(self, month: str, units: set[str]) -> list[RemovedFile]:
        """Delete the month's rows of units that have no file now; what each removed file had counted."""
        rows = self._db.execute(
            "SELECT f.id, f.unit, f.name FROM files f WHERE f.file_month = ? AND f.superseded = 0 ORDER BY f.unit, f.name",
            (month,),
        ).fetchall()
        removed: list[RemovedFile] = []
        gone: set[str] = set()
        for file_id, unit, name in rows:
            if unit in units:
                continue
            titles = tuple(t for (t,) in self._db.execute(
                "SELECT title FROM articles WHERE file_id = ? AND counted = 1 ORDER BY position, row", (file_id,)))  # fmt: skip
            removed.append(RemovedFile(unit, name, titles))
            gone.add(unit)
        for unit in sorted(gone | {u for (u,) in self._db.execute(
                "SELECT DISTINCT unit FROM files WHERE file_month = ?", (month,))} - units):  # fmt: skip
            self._db.execute("DELETE FROM files WHERE unit = ? AND file_month = ?", (unit, month))
        return removed

    def _recount(self, unit: str, imported_at: str) -> list[Moved]:
        """Decide R6 again over every row of `unit` (all months); store what changed; the rows whose status did."""
        from xlflow.checks.rows import mark_duplicates

        sql = (
            f"SELECT a.id, a.file_id, {', '.join('a.' + c for c in _ARTICLE_COLUMNS)}, f.supplement"
            " FROM articles a JOIN files f ON f.id = a.file_id WHERE a.unit = ? ORDER BY a.id"
        )
        rows = self._db.execute(sql, (unit,)).fetchall()
        if not rows:
            return []
        findings = self._findings_by_article([r[0] for r in rows])
        ids: dict[int, tuple[int, int]] = {}  # id(article) -> (article id, file id)
        before: dict[int, tuple[bool, str]] = {}
        articles: list[Article] = []
        for r in rows:
            own = findings.get(r[0], [])
            article = self._article(r[2:-1], [f for f in own if f.code != "R6"])
            article.supplement = bool(r[-1])
            article.counted = not any(f.severity == ERROR for f in article.findings)
            before[id(article)] = (bool(r[2 + _ARTICLE_COLUMNS.index("counted")]),
                                   next((f.message for f in own if f.code == "R6"), ""))  # fmt: skip
            ids[id(article)] = (r[0], r[1])
            articles.append(article)
        mark_duplicates(articles)
        moved: list[Moved] = []
        for article in articles:
            article_id, file_id = ids[id(article)]
            r6 = next((f for f in article.findings if f.code == "R6"), None)
            was_counted, old_message = before[id(article)]
            if (was_counted, old_message) == (article.counted, r6.message if r6 else ""):
                continue
            self._db.execute("DELETE FROM findings WHERE article_id = ? AND code = 'R6'", (article_id,))
            if r6 is not None:
                self._insert_findings([r6], article.file_month, unit, imported_at, file_id=file_id, article_id=article_id)
            if was_counted != article.counted:
                self._db.execute("UPDATE articles SET counted = ? WHERE id = ?", (int(article.counted), article_id))
                moved.append(Moved(unit, article.file_month, article.source_file, article.row, article.title,
                                   article.counted, r6.message if r6 else ""))  # fmt: skip
        return moved

    def _unit_unchanged(
        self, unit: str, month: str, pairs: Sequence[tuple[UnitFile, list[Article]]], digest: str
    ) -> bool:
        stored = self._db.execute(
            "SELECT name, sha256, superseded, digest FROM files WHERE unit = ? AND file_month = ?", (unit, month)
        ).fetchall()
        wanted = [(uf.name, uf.sha256, int(bool(uf.superseded_by)), digest) for uf, _ in pairs]
        return sorted(stored) == sorted(wanted)

    def _insert_file(self, uf: UnitFile, month: str, imported_at: str, digest: str, import_id: int | None) -> int:
        cursor = self._db.execute(
            "INSERT INTO files(unit, file_month, name, sha256, mtime, sheet, header_row, imported_at, superseded,"
            " digest, import_id, raw_name, sheets, supplement, superseded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uf.unit, month, uf.name, uf.sha256, uf.mtime, uf.sheet, uf.header_row, imported_at,
             int(bool(uf.superseded_by)), digest, import_id, uf.raw_name, _sheets_json(uf), int(uf.supplement),
             uf.superseded_by),
        )  # fmt: skip
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _insert_articles(self, articles: Sequence[Article], file_id: int, imported_at: str) -> int:
        """Insert one file's articles and their findings with two executemany calls: the ids are handed out here
        (the next free rowids, as SQLite would) so that each finding knows its article."""
        if not articles:
            return 0
        next_id = int(self._db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]) + 1
        rows: list[tuple[object, ...]] = []
        findings: list[tuple[object, ...]] = []
        for article_id, article in enumerate(articles, start=next_id):
            rows.append((article_id, file_id, *_article_tuple(article, imported_at)))
            findings.extend(
                (article.file_month, article.unit or f.unit, file_id, article_id, 0, f.file, f.sheet, f.row, f.column,
                 f.cell, f.code, f.severity, f.message, f.month or article.file_month, imported_at)
                for f in article.findings
                if f.code != "R6"  # decided over the unit's whole history by _recount
            )  # fmt: skip
        self._db.executemany(_INSERT_ARTICLE, rows)
        if findings:
            self._db.executemany(_INSERT_FINDING, findings)
        return len(articles)

    def _insert_findings(
        self,
        findings: Iterable[Finding],
        file_month: str,
        unit: str,
        imported_at: str,
        *,
        file_id: int | None = None,
        article_id: int | None = None,
        refused: bool = False,
    ) -> None:
        rows = [
            (file_month, unit or f.unit, file_id, article_id, int(refused), f.file, f.sheet, f.row, f.column, f.cell,
             f.code, f.severity, f.message, f.month or file_month, imported_at)
            for f in findings
        ]  # fmt: skip
        if rows:
            self._db.executemany(_INSERT_FINDING, rows)

    # -- queries -------------------------------------------------------------------------------------
    def counts(self, months: Iterable[str]) -> dict[tuple[str, str], int]:
        """(unit, month) → counted articles, for the articles counting in `months` (by their own month)."""
        keys, marks = _placeholders(months)
        if not keys:
            return {}
        sql = f"SELECT unit, month, count(*) FROM articles WHERE month IN ({marks}) AND counted = 1 GROUP BY unit, month"
        return {(unit, month): n for unit, month, n in self._db.execute(sql, keys)}

    def articles(self, months: Iterable[str], *, counted_only: bool = True, with_body: bool = True) -> list[Article]:
        """The articles counting in `months` (by their own month), findings attached; file month, unit, row order.

        `with_body=False` leaves `body` empty: the 正文 is by far the largest column and only the export needs it."""
        return self._articles_where("month", months, counted_only=counted_only, with_body=with_body)

    def file_articles(
        self, file_months: Iterable[str], *, unit: str | None = None, with_body: bool = True
    ) -> list[Article]:
        """Every row (counted or not) that came in the files of `file_months`, findings attached."""
        return self._articles_where("file_month", file_months, counted_only=False, unit=unit, with_body=with_body)

    def _articles_where(
        self, column: str, months: Iterable[str], *, counted_only: bool, unit: str | None = None, with_body: bool = True
    ) -> list[Article]:
        keys, marks = _placeholders(months)
        if not keys:
            return []
        columns = _ARTICLE_COLUMNS if with_body else tuple("''" if c == "body" else c for c in _ARTICLE_COLUMNS)
        sql = f"SELECT id, {', '.join(columns)} FROM articles WHERE {column} IN ({marks})"
        params: list[object] = list(keys)
        if counted_only:
            sql += " AND counted = 1"
        if unit is not None:
            sql += " AND unit = ?"
            params.append(unit)
        sql += " ORDER BY file_month, unit, source_file, row, id"
        rows = self._db.execute(sql, params).fetchall()
        findings = self._findings_by_article([r[0] for r in rows])
        return [self._article(r[1:], findings.get(r[0], [])) for r in rows]

    @staticmethod
    def _article(r: Sequence[Any], findings: list[Finding]) -> Article:
        (unit, month, file_month, date, title, title_key, category, category_raw, chars, body, analysis, signer,
         signer_title, channel, urgent, event_time, reporter, note, source_file, sheet, row, file_sha256, counted,
         imported_at, date_text, position, title_cell) = r  # the order of _ARTICLE_COLUMNS  # fmt: skip
        return Article(
            unit=str(unit),
            month=str(month),
            file_month=str(file_month),
            date=_from_iso(date),
            title=str(title),
            title_key=str(title_key),
            category=str(category),
            category_raw=str(category_raw),
            chars=chars,
            body=str(body),
            analysis=_bool_or_none(analysis),
            signer=str(signer),
            signer_title=str(signer_title),
            channel=str(channel),
            urgent=bool(urgent),
            event_time=_from_iso(event_time),
            reporter=str(reporter),
            note=str(note),
            source_file=str(source_file),
            sheet=str(sheet),
            row=int(row),
            file_sha256=str(file_sha256),
            counted=bool(counted),
            imported_at=str(imported_at),
            findings=findings,
            date_text=str(date_text or ""),
            position=int(position or 0),
            title_cell=str(title_cell or ""),
        )

    def title_records(self, months: Iterable[str]) -> list[TitleRecord]:
        """unit, title key, title and whether counted of the articles counting in `months`, with the errors of the
        uncounted ones: what matching the adoption register needs, without building whole articles."""
        keys, marks = _placeholders(months)
        if not keys:
            return []
        sql = (
            f"SELECT id, unit, title_key, title, counted FROM articles WHERE month IN ({marks})"
            " ORDER BY file_month, unit, source_file, row, id"
        )
        rows = self._db.execute(sql, keys).fetchall()
        errors = self._findings_by_article([r[0] for r in rows if not r[4]])
        return [
            TitleRecord(unit, title_key, title, bool(counted),
                        tuple(f for f in errors.get(id_, ()) if f.severity == ERROR))  # fmt: skip
            for id_, unit, title_key, title, counted in rows
        ]

    def _findings_by_article(self, ids: list[int]) -> dict[int, list[Finding]]:
        out: dict[int, list[Finding]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            sql = (
                f"SELECT article_id, {', '.join(_FINDING_COLUMNS)} FROM findings"
                f" WHERE article_id IN ({marks}) ORDER BY article_id, id"
            )
            for row in self._db.execute(sql, chunk):
                out.setdefault(row[0], []).append(Finding(*row[1:]))
        return out

    def findings(self, file_months: Iterable[str]) -> list[Finding]:
        """Every finding of the files of `file_months` (refused files too), by unit, file and row."""
        keys, marks = _placeholders(file_months)
        if not keys:
            return []
        sql = (
            f"SELECT {', '.join(_FINDING_COLUMNS)} FROM findings WHERE file_month IN ({marks})"
            " ORDER BY file_month, unit, file, row IS NOT NULL, row, id"
        )
        return [Finding(*row) for row in self._db.execute(sql, keys)]

    def refused(self, file_month: str) -> list[Finding]:
        """The findings of the files refused for `file_month` (one per refused file)."""
        sql = f"SELECT {', '.join(_FINDING_COLUMNS)} FROM findings WHERE file_month = ? AND refused = 1 ORDER BY file, id"
        return [Finding(*row) for row in self._db.execute(sql, (file_month,))]

    def senders(self, file_months: Iterable[str]) -> dict[str, list[str]]:
        """unit → the names of its accepted (not superseded) files in `file_months`."""
        keys, marks = _placeholders(file_months)
        if not keys:
            return {}
        sql = (
            f"SELECT unit, name FROM files WHERE file_month IN ({marks}) AND superseded = 0"
            " ORDER BY unit, file_month, name"
        )
        out: dict[str, list[str]] = {}
        for unit, name in self._db.execute(sql, keys):
            out.setdefault(unit, []).append(name)
        return out

    def files(self, file_month: str) -> list[FileRecord]:
        """Every file stored for `file_month` (superseded ones too), with its row counts and sheets."""
        sql = (
            "SELECT f.unit, f.file_month, f.name, f.sha256, f.mtime, f.sheet, f.header_row, f.imported_at,"
            " f.superseded, count(a.id), coalesce(sum(a.counted), 0), f.sheets, f.supplement, f.superseded_by,"
            " f.raw_name FROM files f LEFT JOIN articles a ON a.file_id = f.id WHERE f.file_month = ?"
            " GROUP BY f.id ORDER BY f.unit, f.superseded, f.name"
        )
        return [
            FileRecord(u, m, n, s, mt, sh, hr, ia, bool(sup), rows, counted,
                       tuple(SheetRead.from_json(x) for x in json.loads(sheets or "[]")), bool(supp), by or "",
                       bytes(raw) if raw is not None else n.encode("utf-8"))
            for u, m, n, s, mt, sh, hr, ia, sup, rows, counted, sheets, supp, by, raw
            in self._db.execute(sql, (file_month,))
        ]  # fmt: skip

    def imports(self, month: str | None = None) -> list[ImportRecord]:
        sql = (
            "SELECT month, imported_at, files_read, files_refused, units_written, units_unchanged, rows_written"
            " FROM imports"
        )
        params: tuple[object, ...] = ()
        if month is not None:
            sql += " WHERE month = ?"
            params = (month,)
        return [ImportRecord(*row) for row in self._db.execute(sql + " ORDER BY id", params)]

    def months(self) -> list[str]:
        """The file months that have anything in the ledger, in order."""
        sql = "SELECT DISTINCT file_month FROM files UNION SELECT DISTINCT file_month FROM findings ORDER BY 1"
        return [row[0] for row in self._db.execute(sql)]

