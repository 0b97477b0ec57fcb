"""Opening the ledger, one transaction per import, and R6 decided again over a unit's history.

Rollback journal (``journal_mode=DELETE``, ``synchronous=FULL``): a process killed during an import leaves a
hot journal that the next open rolls back. Not WAL, on purpose: copying the workspace folder copies one file.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import astuple, dataclass, fields
from itertools import groupby
from pathlib import Path
from types import TracebackType

from xlflow.checks.duplicates import mark_duplicates
from xlflow.checks.rows import COUNTED
from xlflow.core.errors import LedgerDamagedError, OutputError, WorkspaceError
from xlflow.core.model import WARNING, Article, Finding, SheetRead, UnitFile
from xlflow.core.text import book_title, normalize_title, shell_word
from xlflow.fsutil import ensure_dir
from xlflow.ledger.health import (
    BACKUP_DIR,
    BUSY_TIMEOUT,
    copy_database,
    damaged_message,
    free_name,
    health_problem,
    ledger_error,
    stored_version,
)
from xlflow.ledger.tables import (
    ARTICLE_COLUMNS,
    FINDING_COLUMNS,
    INSERT_ARTICLE,
    INSERT_FINDING,
    MIGRATIONS,
    SCHEMA,
    SCHEMA_VERSION,
    FileRecord,
    ImportRecord,
    article_from_row,
    article_row,
    insert_sql,
    sheets_json,
    unit_digest,
)

_PRAGMAS = ("foreign_keys = ON", "journal_mode = DELETE", "synchronous = FULL")  # the module docstring says why
Pairs = Sequence[tuple[UnitFile, list[Article]]]  # the files read for a month, each with its checked rows
# the errors of a row whose title counts from another file (an R6 warning on it says where) are fixed: not shown
NOT_FIXED = ("(severity != 'error' OR article_id IS NULL OR article_id NOT IN"
             " (SELECT article_id FROM findings WHERE code = 'R6' AND severity = 'warning'))")
# a hint of a row not counted says nothing of counting (as check_file words a row with an error), R6's too
SHOWN = ", ".join(f"CASE WHEN article_id IN (SELECT id FROM articles WHERE counted = 0) THEN replace(replace({c},"
                  f" '{COUNTED}，', ''), '{COUNTED}；', '') ELSE {c} END" if c == "message" else c for c in FINDING_COLUMNS)


@dataclass(frozen=True)
class RemovedFile:
    """A file and the titles it had counted, for what ImportStats says of it (removed, dropped, kept, rejudged)."""

    unit: str
    name: str
    counted: tuple[str, ...]  # titles of the articles it had counted


@dataclass(frozen=True)
class Moved:
    """A row of another month whose R6 status changed with this import (a late February counts first now)."""

    unit: str
    file_month: str
    source_file: str
    row: int
    title: str
    counted: bool  # what it is now
    why: str  # the R6 message when it no longer counts, else ""
    fixed: bool | None = None  # not counted either way: no longer an error to fix (True, an R6 提示), or again one


@dataclass(frozen=True)
class ImportStats:
    """What one import did to the ledger (its counts are in the import log, Ledger.imports)."""

    units_written: tuple[str, ...]  # units whose rows were (re)written
    units_unchanged: tuple[str, ...]  # units whose files and rows were already in the ledger as they are
    removed: tuple[RemovedFile, ...] = ()  # files gone from the folder since the last import of the month
    moved: tuple[Moved, ...] = ()  # rows of other months that now count, or no longer count (R6)
    dropped: tuple[RemovedFile, ...] = ()  # files saved over whose new content lacks titles they counted
    kept: tuple[RemovedFile, ...] = ()  # files refused now, of units with no file read, that keep their last rows
    rejudged: tuple[RemovedFile, ...] = ()  # files byte-identical to last time whose titles no longer count (rules)

    @property
    def changed(self) -> bool:
        return bool(self.units_written or self.removed or self.moved)


def _in(column: str, values: Iterable[str]) -> tuple[str, list[str]]:
    """`column IN (?, …)` and its parameters, the distinct values sorted (SQLite accepts IN ())."""
    keys = sorted(set(values))
    return f"{column} IN ({', '.join('?' * len(keys))})", keys


class Ledger:
    """The workspace's SQLite ledger. Open with `Ledger.open(path)`, as a context manager. The reading methods
    answer in file month, unit, source file and row order (callers sort units into quota-table order)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self.updated = False  # a transaction of this connection has been committed
        self.upgraded: Path | None = None  # the copy in backup/ of the ledger as it was before this run upgraded it
        self._old: int | None = None  # the schema version of the file while it is read from a copy in memory

    @classmethod
    def open(cls, path: Path | str) -> Ledger:
        """Open (or create) the ledger; a damaged one is refused before anything is written into it."""
        path = Path(path)
        ensure_dir(path.parent)
        new = not path.exists()
        try:
            db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as exc:
            raise ledger_error(path, exc) from exc
        try:
            if problem := health_problem(db, new=new):  # before the first statement that could write
                raise LedgerDamagedError(damaged_message(path, problem))
            for pragma in _PRAGMAS:
                db.execute(f"PRAGMA {pragma}")
            ledger = cls(db, path)
            ledger._create_schema()
            ledger.updated = False  # what open itself wrote (a new ledger's tables) is not an update
        except BaseException as exc:
            db.close()
            if isinstance(exc, sqlite3.Error):
                raise ledger_error(path, exc) from exc
            raise
        return ledger

    def _create_schema(self) -> None:
        """Create the tables of a new ledger. An older one is brought up to SCHEMA_VERSION in a copy in memory: reading
        changes nothing (an older xlflow still reads it, a read-only share serves); the file itself is upgraded
        before the first write (_upgrade_file)."""
        version = stored_version(self._db)
        if version == SCHEMA_VERSION:
            return
        if version is not None and version > SCHEMA_VERSION:
            raise WorkspaceError(f"台账 {self.path} 由更新版本的 xlflow 建立（结构版本 {version}）：请升级 xlflow 后再运行")
        if version is not None:
            memory = sqlite3.connect(":memory:", isolation_level=None)
            self._db.backup(memory)
            self._db.close()
            self._db = memory
        self._migrate(version)
        self._old = version

    def _upgrade_file(self) -> None:
        """Upgrade the ledger file read from a copy in memory, after copying it as it is to backup/ (`upgraded`),
        unless another run did it meanwhile."""
        self._old = None
        self._db.close()
        try:
            self._db = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT, isolation_level=None)
            for pragma in _PRAGMAS:
                self._db.execute(f"PRAGMA {pragma}")
            version = stored_version(self._db)
        except sqlite3.Error as exc:
            raise ledger_error(self.path, exc, unchanged=True) from exc
        if version is None or version >= SCHEMA_VERSION:
            return
        stamp = dt.datetime.now().strftime("%Y%m%d_%H%M%S")
        copy = free_name(self.path.parent / BACKUP_DIR, f"台账_升级前_结构版本{version}_{stamp}")
        copy_database(self.path, copy, read_only=False)
        self.upgraded = copy
        self._migrate(version)

    @property
    def upgrade_note(self) -> str:
        """The line that tells the coordinator this run upgraded the ledger file, "" when it did not."""
        if self.upgraded is None:
            return ""
        copy = self.upgraded.relative_to(self.path.parent).as_posix()  # the workspace's backup/, as consolidate says
        return (f"台账已升级为本版 xlflow 的结构，旧版 xlflow 不能再读它；升级前的台账另存为 {copy}"
                f"（如要改回旧版 xlflow，先运行 xlflow restore {shell_word(copy)} 恢复，再用旧版重新汇总此后的月份）")

    def _migrate(self, version: int | None) -> None:
        self._db.create_function("normalize_title", 1, normalize_title, deterministic=True)
        with self._transaction():
            for step in range(version or SCHEMA_VERSION, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    self._db.execute(statement)
            for statement in filter(str.strip, SCHEMA.split(";")):  # tables, and indexes added since
                self._db.execute(statement)
            self._db.execute("DELETE FROM schema_version")
            self._db.execute("INSERT INTO schema_version(version) VALUES (?)", (SCHEMA_VERSION,))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, _type: type[BaseException] | None, exc: BaseException | None, _tb: TracebackType | None) -> None:
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
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception, which is raised as it happened: SQLite
        itself ends the transaction on some errors (a full disk), and a ROLLBACK then would hide the cause."""
        if self._old:
            self._upgrade_file()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ledger_error(self.path, exc, unchanged=True) from exc
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                # should the ROLLBACK fail too, closing the connection (or the next open) rolls back
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise ledger_error(self.path, exc, unchanged=True) from exc
            raise
        self.updated = True

    def counts(self, months: Iterable[str], *, by_title: bool = False) -> dict[tuple[str, ...], int]:
        """(unit, month) → counted articles, for the articles counting in `months` (by their own month);
        `by_title`: (unit, month, 信息类别, title key) → counted articles."""
        where, keys = _in("month", months)
        columns = "unit, month, category, title_key" if by_title else "unit, month"
        sql = f"SELECT {columns}, count(*) FROM articles WHERE {where} AND counted = 1 GROUP BY {columns}"
        return {tuple(row[:-1]): row[-1] for row in self._db.execute(sql, keys)}

    def articles(self, months: Iterable[str], *, counted_only: bool = True, with_body: bool = True) -> list[Article]:
        """The articles counting in `months` (by their own month), findings attached; `with_body=False` leaves
        the 正文 out (by far the largest column, only the export needs it)."""
        where, keys = _in("month", months)
        return self._select_articles(where + (" AND counted = 1" if counted_only else ""), keys, with_body)

    def title_records(self, months: Iterable[str]) -> list[Article]:
        """The articles (counted or not, without 正文) counting in `months`: what matching adoptions needs."""
        return self.articles(months, counted_only=False, with_body=False)

    def file_articles(self, file_months: Iterable[str], *, with_body: bool = True) -> list[Article]:
        """Every row (counted or not) that came in the files of `file_months`, findings attached (for receipts)."""
        return self._select_articles(*_in("file_month", file_months), with_body)

    def _select_articles(self, where: str, params: Sequence[object], with_body: bool) -> list[Article]:
        columns = ", ".join("''" if c == "body" and not with_body else c for c in ARTICLE_COLUMNS)
        sql = f"SELECT id, {columns} FROM articles WHERE {where} ORDER BY file_month, unit, source_file, row, id"
        findings = self._findings_of(where, params)
        return [article_from_row(r[1:], findings.get(r[0], [])) for r in self._db.execute(sql, params)]

    def _findings_of(self, where: str, params: Sequence[object], *, fixed: bool = False) -> dict[int, list[Finding]]:
        """Article id → its findings, for the articles `where` selects; the errors of fixed rows only if `fixed`."""
        sql = (
            f"SELECT article_id, {SHOWN} FROM findings"
            f" WHERE article_id IN (SELECT id FROM articles WHERE {where}) AND ({fixed:d} OR {NOT_FIXED})"
            " ORDER BY article_id, id"
        )
        out: dict[int, list[Finding]] = {}
        for row in self._db.execute(sql, params):
            out.setdefault(row[0], []).append(Finding(*row[1:]))
        return out

    def findings(self, file_months: Iterable[str]) -> list[Finding]:
        """Every finding of the files of `file_months`: row findings, file-level findings of accepted files, refused
        files; by unit, file and row. An F8 line of an article no longer counted is judged again against the other
        months' counted articles (intake.versions.still_lost): the result does not depend on the months' order."""
        where, keys = _in("file_month", file_months)
        found = self._select_findings(where, keys, "file_month, unit, file, row IS NOT NULL, row, id")
        if not any(f.code == "F8" and f.column == "信息标题" for f in found):
            return found
        # what decides an F8 line decides it again, imported only then
        from xlflow.intake.versions import still_lost

        units, names = _in("unit", {f.unit for f in found if f.code == "F8"})
        sql = f"SELECT DISTINCT unit, file_month, title_key FROM articles WHERE {units} AND counted = 1"
        return still_lost(found, self._db.execute(sql, names))

    def lost_title_months(self, units: Iterable[str]) -> set[str]:
        """The file months holding an F8 line of an article of `units` no longer counted (see findings())."""
        where, names = _in("unit", units)
        sql = f"SELECT DISTINCT file_month FROM findings WHERE {where} AND code = 'F8' AND \"column\" = '信息标题'"
        return {row[0] for row in self._db.execute(sql, names)}

    def refused(self, file_month: str) -> list[Finding]:
        """The findings of the files refused for `file_month` (one per refused file)."""
        return self._select_findings("file_month = ? AND refused = 1", [file_month], "file, id")

    def _select_findings(self, where: str, params: Sequence[object], order: str) -> list[Finding]:
        sql = f"SELECT {SHOWN} FROM findings WHERE {where} AND {NOT_FIXED} ORDER BY {order}"
        return [Finding(*row) for row in self._db.execute(sql, params)]

    def senders(self, file_months: Iterable[str]) -> dict[str, list[str]]:
        """unit → the names of its accepted (not superseded) files in `file_months`."""
        where, keys = _in("file_month", file_months)
        sql = f"SELECT unit, name FROM files WHERE {where} AND superseded = 0 ORDER BY unit, file_month, name"
        out: dict[str, list[str]] = {}
        for unit, name in self._db.execute(sql, keys):
            out.setdefault(unit, []).append(name)
        return out

    def files(self, file_month: str) -> list[FileRecord]:
        """Every file stored for `file_month` (superseded ones too), with its row counts and its sheets."""
        sql = (
            "SELECT f.unit, f.name, f.sha256, f.header_row, f.superseded, count(a.id), coalesce(sum(a.counted), 0),"
            " f.sheets, f.supplement, f.superseded_by, coalesce(f.raw_name, CAST(f.name AS BLOB))"  # NULL: a v1 ledger's
            " FROM files f LEFT JOIN articles a ON a.file_id = f.id WHERE f.file_month = ?"
            " GROUP BY f.id ORDER BY f.unit, f.superseded, f.name"
        )
        records = []
        for *stored, superseded, rows, counted, sheets, supplement, by, raw in self._db.execute(sql, (file_month,)):
            reads = tuple(SheetRead.from_json(x) for x in json.loads(sheets))
            records.append(FileRecord(*stored, bool(superseded), rows, counted, reads, bool(supplement), by, raw))
        return records

    def imports(self, month: str | None = None) -> list[ImportRecord]:
        """The import log, oldest first."""
        columns = ", ".join(f.name for f in fields(ImportRecord))
        sql = f"SELECT {columns} FROM imports WHERE ?1 IS NULL OR month = ?1 ORDER BY id"
        return [ImportRecord(*row) for row in self._db.execute(sql, (month,))]

    def recount_pending(self) -> str:
        """What to tell when a migration left units whose R6 the next import decides again ("" when none): until
        then a 通报 and the status still show the earlier verdicts."""
        if self._db.execute("SELECT 1 FROM recount LIMIT 1").fetchone() is None:
            return ""
        last = max(self.months(), default="")
        return ("xlflow 已更新，台账中的重复报送（R6）要在下次汇总时按新规则重新判定：请先重新汇总一个月"
                f"（如 xlflow consolidate --month {last}），回执、催报和通报才是最新的")

    def digests(self, *, besides: str = "") -> set[str]:
        """The SHA-256 of every file the ledger holds, of any month (but `besides`)."""
        return {row[0] for row in self._db.execute("SELECT sha256 FROM files WHERE file_month != ?", (besides,))}

    def months(self) -> list[str]:
        """The file months that have anything in the ledger, in order."""
        sql = "SELECT DISTINCT file_month FROM files UNION SELECT DISTINCT file_month FROM findings ORDER BY 1"
        return [row[0] for row in self._db.execute(sql)]

    def month_rules(self, month: str) -> tuple[int, float] | None:
        """The min_chars and emergency_hours `month`'s rows were checked with (None: never recorded)."""
        return self._db.execute("SELECT min_chars, emergency_hours FROM month_rules WHERE month = ?", (month,)).fetchone()

    def import_month(
        self, month: str, accepted: Pairs, refused: list[Finding], *, now: dt.datetime, rules: tuple[int, float] | None = None,
        unread: tuple[str, ...] = (),
    ) -> ImportStats:
        """Make the ledger's `month` hold what the month's folder holds now, in one transaction: each unit's rows
        of the month are replaced by its files' (a superseded file's: none), or removed when it has no file now; a
        unit whose files and checked rows are unchanged is not touched, not even its import times. `refused`
        replaces the month's refused files. R6 is then decided again over the whole history of every unit written
        or removed (or whose title keys a migration changed), whatever order the months came in. `rules`, the
        min_chars and emergency_hours the rows were checked with, are recorded as the month's (month_rules). `unread`:
        files there that this PC could not read just now, kept as a refused file is, with no refusal recorded."""
        imported_at = now.replace(microsecond=0).isoformat(sep=" ")
        order = sorted(accepted, key=lambda pair: (pair[0].unit, bool(pair[0].superseded_by), pair[0].name))
        by_unit = {unit: list(pairs) for unit, pairs in groupby(order, key=lambda pair: pair[0].unit)}
        written: list[str] = []
        unchanged: list[str] = []
        rows_written = 0
        dropped: list[RemovedFile] = []
        rejudged: list[RemovedFile] = []
        with self._transaction():
            import_id = self._insert(
                "imports", month=month, imported_at=imported_at, files_read=len(accepted),
                files_refused=len(refused), units_written=0, units_unchanged=0, rows_written=0,
            )
            if rules is not None:
                self._db.execute("INSERT OR REPLACE INTO month_rules VALUES (?, ?, ?)", (month, *rules))
            returns = {uf.unit for uf, _ in accepted if not uf.supplement}  # a 补报 never replaces a return
            removed, kept = self._remove_units_without_files(month, set(by_unit), returns, {f.file for f in refused} | set(unread))
            keep = [r.name for r in kept]
            for unit, pairs in by_unit.items():
                digest = unit_digest(pairs)
                if self._unit_unchanged(unit, month, pairs, digest, keep):
                    unchanged.append(unit)
                    continue
                before = self._db.execute(
                    "SELECT a.source_file, a.title_key, a.title, a.row, f.sha256 FROM articles a JOIN files f"
                    " ON f.id = a.file_id WHERE a.unit = ? AND a.file_month = ? AND a.counted = 1"
                    " ORDER BY a.position, a.row", (unit, month)).fetchall()  # fmt: skip
                before = [row for row in before if row[0] not in keep]
                name_in, names = _in("name", keep)
                self._db.execute(f"DELETE FROM files WHERE unit = ? AND file_month = ? AND NOT {name_in}", (unit, month, *names))
                file_ids = {}
                for unit_file, articles in pairs:
                    file_id = file_ids[unit_file.name] = self._insert_file(unit_file, month, imported_at, digest, import_id)
                    self._insert_findings(unit_file.findings, month, unit, imported_at, file_id=file_id)
                    if not unit_file.superseded_by:
                        rows_written += self._insert_articles(articles, file_id, imported_at)
                lost, same = self._lost_titles(unit, month, before, pairs, file_ids, imported_at)
                removed += [f for f in lost if f.name not in file_ids]
                dropped += [f for f in lost if f.name in file_ids]
                rejudged += same
                written.append(unit)
            if sorted(map(astuple, self.refused(month))) != sorted(map(astuple, refused)):
                self._db.execute("DELETE FROM findings WHERE file_month = ? AND refused = 1", (month,))
                self._insert_findings(refused, month, "", imported_at, refused=True)
            pending = [unit for (unit,) in self._db.execute("SELECT unit FROM recount")]
            self._db.execute("DELETE FROM recount")
            recounted = sorted({*written, *(r.unit for r in removed), *pending})
            # a unit re-judged after the title-key migration reports this month's changes too (no file of it changed)
            moved = [m for unit in recounted for m in self._recount(unit, imported_at)
                     if m.file_month != month or unit in pending and unit not in written]  # fmt: skip
            self._db.execute(
                "UPDATE imports SET units_written = ?, units_unchanged = ?, rows_written = ? WHERE id = ?",
                (len(written), len(unchanged), rows_written, import_id),
            )
        return ImportStats(tuple(written), tuple(unchanged), tuple(removed), tuple(moved), tuple(dropped), tuple(kept),
                           tuple(rejudged))

    def _remove_units_without_files(
        self, month: str, units: set[str], returns: set[str], refused: set[str]
    ) -> tuple[list[RemovedFile], list[RemovedFile]]:
        """Delete the month's rows of units that have no file read now; what each removed file had counted, and
        what each file kept had. A file still there but refused now (open in another program, half copied, saved
        over by a broken one) keeps the rows it was last read with, unless its unit has a return (not only 补报)
        read now: what cannot be read says nothing of its rows."""
        sql = "SELECT id, unit, name, superseded FROM files WHERE file_month = ? ORDER BY unit, name"
        rows = [row for row in self._db.execute(sql, (month,)).fetchall()
                if row[1] not in units or row[1] not in returns and row[2] in refused]  # fmt: skip
        sql = "SELECT title FROM articles WHERE file_id = ? AND counted = 1 ORDER BY position, row"
        removed: list[RemovedFile] = []
        kept: list[RemovedFile] = []
        for file_id, unit, name, superseded in rows:
            if not superseded:
                (kept if name in refused else removed).append(
                    RemovedFile(unit, name, tuple(t for (t,) in self._db.execute(sql, (file_id,)))))
            if superseded or name not in refused:
                self._db.execute("DELETE FROM files WHERE id = ?", (file_id,))
        return removed, kept

    def _lost_titles(
        self, unit: str, month: str, before: list[tuple[str, str, str, int, str]], pairs: Pairs,
        file_ids: dict[str, int], imported_at: str,
    ) -> tuple[list[RemovedFile], list[RemovedFile]]:
        """Per file, the titles it counted `before` that none of the unit's files now counts: of a file gone from
        the folder or saved over under its name, and of a file byte-identical to last time (the rules or settings
        changed: its rows' own findings say why). A file saved over gets an F8 warning, for the receipt, per title
        it no longer holds at all. A file replaced by another has its own F8 lines (consolidate)."""
        now = {a.title_key for uf, rows in pairs if not uf.superseded_by for a in rows if a.counted}
        replaced = {uf.name for uf, _ in pairs if uf.superseded_by}
        digests = {uf.name: uf.sha256 for uf, _ in pairs}
        held = {(uf.name, a.title_key) for uf, rows in pairs for a in rows}
        lost: dict[tuple[str, bool], list[tuple[str, int, str]]] = {}
        for name, key, title, row, digest in before:
            if key not in now and name not in replaced:
                lost.setdefault((name, digests.get(name) == digest), []).append((title, row, key))
        for (name, same), rows in lost.items():
            if name in file_ids and not same:
                self._insert_findings([
                    Finding(name, "", None, "信息标题", "", "F8", WARNING,
                            f"{book_title(title)}（上次汇总时在第 {row} 行）不再计入：重新报送的 {name} 中已没有这条可计入的信息；"
                            "如仍要报送，请补入后重新报送", unit, month)
                    for title, row, key in rows if (name, key) not in held
                ], month, unit, imported_at, file_id=file_ids[name])  # fmt: skip
        files = {same: [RemovedFile(unit, n, tuple(r[0] for r in rows)) for (n, s), rows in lost.items() if s == same]
                 for same in (False, True)}  # fmt: skip
        return files[False], files[True]

    def _recount(self, unit: str, imported_at: str) -> list[Moved]:
        """Decide R6 again over every row of `unit` (all months); store what changed; the rows whose status did."""
        sql = (
            f"SELECT a.id, a.file_id, f.supplement, f.sheets, {', '.join('a.' + c for c in ARTICLE_COLUMNS)}"
            " FROM articles a JOIN files f ON f.id = a.file_id WHERE a.unit = ? ORDER BY a.id"
        )
        rows = self._db.execute(sql, (unit,)).fetchall()
        findings = self._findings_of("unit = ?", (unit,), fixed=True)
        articles: list[Article] = []
        # as stored: counted, the R6 message, and whether it is an R6 提示 (no error to fix: fixed elsewhere, a copy)
        before: list[tuple[bool, str, bool]] = []
        for article_id, _, supplement, sheets, *values in rows:
            own = findings.get(article_id, [])
            article = article_from_row(values, [f for f in own if f.code != "R6"])
            r6 = next((f for f in own if f.code == "R6"), None)
            before.append((article.counted, r6.message if r6 else "", r6 is not None and r6.severity == WARNING))
            again = {s["name"] for s in json.loads(sheets) if s.get("repeats")}  # read as a 补报: 2月补, 第一季度
            article.supplement = bool(supplement) or article.sheet in again
            article.counted = not article.errors
            articles.append(article)
        mark_duplicates(articles)
        moved: list[Moved] = []
        for (article_id, file_id, *_), article, (was_counted, old_why, fixed_before) in zip(rows, articles, before, strict=True):
            r6 = next((f for f in article.findings if f.code == "R6"), None)
            why = r6.message if r6 else ""
            if (was_counted, old_why) == (article.counted, why):
                continue
            self._db.execute("DELETE FROM findings WHERE article_id = ? AND code = 'R6'", (article_id,))
            if r6 is not None:
                self._insert_findings([r6], article.file_month, unit, imported_at, file_id=file_id, article_id=article_id)
            fixed = r6 is not None and r6.severity == WARNING
            shown = fixed != fixed_before and not was_counted and not article.counted  # as an error, or no longer
            if was_counted != article.counted:
                self._db.execute("UPDATE articles SET counted = ? WHERE id = ?", (int(article.counted), article_id))
            if shown or was_counted != article.counted:
                moved.append(Moved(unit, article.file_month, article.source_file, article.row, article.title,
                                   article.counted, why, fixed if shown else None))  # fmt: skip
        return moved

    def _unit_unchanged(self, unit: str, month: str, pairs: Pairs, digest: str, keep: list[str]) -> bool:
        sql = "SELECT name, sha256, superseded, digest FROM files WHERE unit = ? AND file_month = ?"
        stored = [row for row in self._db.execute(sql, (unit, month)).fetchall() if row[0] not in keep]
        return sorted(stored) == sorted((uf.name, uf.sha256, int(bool(uf.superseded_by)), digest) for uf, _ in pairs)

    def _insert(self, table: str, **values: object) -> int:
        cursor = self._db.execute(insert_sql(table, list(values)), tuple(values.values()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _insert_file(self, uf: UnitFile, month: str, imported_at: str, digest: str, import_id: int) -> int:
        return self._insert(
            "files", unit=uf.unit, file_month=month, name=uf.name, sha256=uf.sha256, mtime=uf.mtime,
            sheet=uf.sheet, header_row=uf.header_row, imported_at=imported_at, digest=digest,
            import_id=import_id, superseded=int(bool(uf.superseded_by)), raw_name=uf.raw_name,
            sheets=sheets_json(uf), supplement=int(uf.supplement), superseded_by=uf.superseded_by,
        )

    def _insert_articles(self, articles: Sequence[Article], file_id: int, imported_at: str) -> int:
        """Insert one file's articles with their findings (R6 is left to _recount); how many."""
        for article in articles:
            article_id = self._db.execute(INSERT_ARTICLE, (file_id, *article_row(article, imported_at))).lastrowid
            findings = [f for f in article.findings if f.code != "R6"]
            self._insert_findings(findings, article.file_month, article.unit, imported_at, file_id=file_id,
                                  article_id=article_id)  # fmt: skip
        return len(articles)

    def _insert_findings(self, findings: Iterable[Finding], file_month: str, unit: str, imported_at: str, *,
                         file_id: int | None = None, article_id: int | None = None, refused: bool = False) -> None:  # fmt: skip
        """Findings of `unit` (else each finding's own) in `file_month`, of a file, of an article, or refused."""
        self._db.executemany(INSERT_FINDING, [
            (file_month, file_id, article_id, int(refused), imported_at, *astuple(f)[:-2], unit or f.unit,
             f.month or file_month)
            for f in findings
        ])  # fmt: skip
