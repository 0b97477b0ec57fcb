"""What the commands, the writers and the Python API read back from the ledger, in file month, unit, source
file and row order (callers sort units into quota-table order)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from xlflow.core.model import Article, Finding, SheetRead, TitleRecord
from xlflow.ledger.tables import ARTICLE_COLUMNS, FINDING_COLUMNS, article_from_row


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


def _in(months: Iterable[str]) -> tuple[list[str], str]:
    """The distinct months, sorted, and the "?, ?, …" of the IN (…) that takes them (SQLite accepts IN ())."""
    keys = sorted(set(months))
    return keys, ", ".join("?" * len(keys))


class LedgerQueries:
    """The reading half of `Ledger` (xlflow.ledger.store)."""

    _db: sqlite3.Connection

    def counts(self, months: Iterable[str]) -> dict[tuple[str, str], int]:
        """(unit, month) → counted articles, for the articles counting in `months` (by their own month)."""
        keys, marks = _in(months)
        sql = f"SELECT unit, month, count(*) FROM articles WHERE month IN ({marks}) AND counted = 1 GROUP BY unit, month"
        return {(unit, month): n for unit, month, n in self._db.execute(sql, keys)}

    def articles(self, months: Iterable[str], *, counted_only: bool = True, with_body: bool = True) -> list[Article]:
        """The articles counting in `months` (by their own month), findings attached; `with_body=False` leaves
        the 正文 out (by far the largest column, only the export needs it)."""
        keys, marks = _in(months)
        where = f"month IN ({marks})" + (" AND counted = 1" if counted_only else "")
        return self._select_articles(where, keys, with_body)

    def file_articles(
        self, file_months: Iterable[str], *, unit: str | None = None, with_body: bool = True
    ) -> list[Article]:
        """Every row (counted or not) that came in the files of `file_months`, findings attached (for receipts)."""
        keys, marks = _in(file_months)
        if unit is None:
            return self._select_articles(f"file_month IN ({marks})", keys, with_body)
        return self._select_articles(f"file_month IN ({marks}) AND unit = ?", [*keys, unit], with_body)

    def title_records(self, months: Iterable[str]) -> list[TitleRecord]:
        """Unit, title key, title and whether counted of the articles counting in `months`, with the errors of the
        uncounted ones: what matching the adoption register needs."""
        return [
            TitleRecord(a.unit, a.title_key, a.title, a.counted, tuple(a.errors))
            for a in self.articles(months, counted_only=False, with_body=False)
        ]

    def _select_articles(self, where: str, params: Sequence[object], with_body: bool) -> list[Article]:
        columns = ", ".join("''" if c == "body" and not with_body else c for c in ARTICLE_COLUMNS)
        sql = f"SELECT id, {columns} FROM articles WHERE {where} ORDER BY file_month, unit, source_file, row, id"
        findings = self._findings_of(where, params)
        return [article_from_row(r[1:], findings.get(r[0], [])) for r in self._db.execute(sql, params)]

    def _findings_of(self, where: str, params: Sequence[object]) -> dict[int, list[Finding]]:
        """Article id → its findings, for the articles `where` selects."""
        sql = (
            f"SELECT article_id, {', '.join(FINDING_COLUMNS)} FROM findings"
            f" WHERE article_id IN (SELECT id FROM articles WHERE {where}) ORDER BY article_id, id"
        )
        out: dict[int, list[Finding]] = {}
        for row in self._db.execute(sql, params):
            out.setdefault(row[0], []).append(Finding(*row[1:]))
        return out

    def findings(self, file_months: Iterable[str]) -> list[Finding]:
        """Every finding of the files of `file_months`: row findings, file-level findings of accepted files, refused
        files; by unit, file and row."""
        keys, marks = _in(file_months)
        return self._select_findings(f"file_month IN ({marks})", keys, "file_month, unit, file, row IS NOT NULL, row, id")

    def refused(self, file_month: str) -> list[Finding]:
        """The findings of the files refused for `file_month` (one per refused file)."""
        return self._select_findings("file_month = ? AND refused = 1", [file_month], "file, id")

    def _select_findings(self, where: str, params: Sequence[object], order: str) -> list[Finding]:
        sql = f"SELECT {', '.join(FINDING_COLUMNS)} FROM findings WHERE {where} ORDER BY {order}"
        return [Finding(*row) for row in self._db.execute(sql, params)]

    def senders(self, file_months: Iterable[str]) -> dict[str, list[str]]:
        """unit → the names of its accepted (not superseded) files in `file_months`."""
        keys, marks = _in(file_months)
        sql = f"SELECT unit, name FROM files WHERE file_month IN ({marks}) AND superseded = 0 ORDER BY unit, file_month, name"
        out: dict[str, list[str]] = {}
        for unit, name in self._db.execute(sql, keys):
            out.setdefault(unit, []).append(name)
        return out

    def files(self, file_month: str) -> list[FileRecord]:
        """Every file stored for `file_month` (superseded ones too), with its row counts and its sheets."""
        sql = (
            "SELECT f.unit, f.file_month, f.name, f.sha256, f.mtime, f.sheet, f.header_row, f.imported_at,"
            " f.superseded, count(a.id), coalesce(sum(a.counted), 0), f.sheets, f.supplement, f.superseded_by,"
            " f.raw_name FROM files f LEFT JOIN articles a ON a.file_id = f.id WHERE f.file_month = ?"
            " GROUP BY f.id ORDER BY f.unit, f.superseded, f.name"
        )
        records = []
        for row in self._db.execute(sql, (file_month,)):
            *stored, superseded, rows, counted, sheets, supplement, by, raw = row
            reads = tuple(SheetRead.from_json(x) for x in json.loads(sheets))
            raw_name = bytes(raw) if raw is not None else stored[2].encode("utf-8")
            records.append(
                FileRecord(*stored, bool(superseded), rows, counted, reads, bool(supplement), by, raw_name)
            )
        return records

    def imports(self, month: str | None = None) -> list[ImportRecord]:
        """The import log, oldest first."""
        sql = (
            "SELECT month, imported_at, files_read, files_refused, units_written, units_unchanged,"
            " rows_written FROM imports WHERE ?1 IS NULL OR month = ?1 ORDER BY id"
        )
        return [ImportRecord(*row) for row in self._db.execute(sql, (month,))]

    def months(self) -> list[str]:
        """The file months that have anything in the ledger, in order."""
        sql = "SELECT DISTINCT file_month FROM files UNION SELECT DISTINCT file_month FROM findings ORDER BY 1"
        return [row[0] for row in self._db.execute(sql)]
