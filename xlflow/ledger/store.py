"""The ledger's store: opening it, one transaction per import, and R6 decided again over a unit's history."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from xlflow.core.errors import LedgerDamagedError, OutputError, WorkspaceError
from xlflow.core.model import ERROR, Article, Finding, UnitFile
from xlflow.fsutil import ensure_dir
from xlflow.ledger.health import damaged_message, health_problem, ledger_error, stored_version
from xlflow.ledger.queries import LedgerQueries
from xlflow.ledger.tables import (
    _ARTICLE_COLUMNS,
    _INSERT_ARTICLE,
    _INSERT_FINDING,
    _MIGRATIONS,
    _SCHEMA,
    SCHEMA_VERSION,
    _article_tuple,
    _digest,
    _finding_tuple,
    _sheets_json,
)


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


class Ledger(LedgerQueries):
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
