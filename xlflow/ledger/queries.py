"""The ledger's queries: what the checks, compute and the commands read back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from xlflow.core.model import ERROR, Article, Finding, SheetRead, TitleRecord
from xlflow.ledger.tables import _ARTICLE_COLUMNS, _FINDING_COLUMNS, _bool_or_none, _from_iso


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


def _placeholders(months: Iterable[str]) -> tuple[list[str], str]:
    """The distinct months, sorted, and the "?, ?, …" of an IN (…) that takes them."""
    keys = sorted(set(months))
    return keys, ", ".join("?" * len(keys))



class LedgerQueries:
    """The reading half of `Ledger` (xlflow.ledger.store)."""

    _db: sqlite3.Connection

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
