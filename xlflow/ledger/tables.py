"""The ledger's tables: the SQLite schema, its migration, and how articles and findings become rows and back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from typing import Any

from xlflow.core.model import Article, Finding, SheetRead, UnitFile

SCHEMA_VERSION = 5
# units whose R6 the next import decides again: a migration changed their title keys
_RECOUNT = "CREATE TABLE IF NOT EXISTS recount (unit TEXT PRIMARY KEY)"

SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY, month TEXT NOT NULL, imported_at TEXT NOT NULL,
    files_read INTEGER NOT NULL, files_refused INTEGER NOT NULL,
    units_written INTEGER NOT NULL, units_unchanged INTEGER NOT NULL, rows_written INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY, unit TEXT NOT NULL, file_month TEXT NOT NULL, name TEXT NOT NULL,
    sha256 TEXT NOT NULL, mtime REAL NOT NULL, sheet TEXT NOT NULL, header_row INTEGER NOT NULL,
    imported_at TEXT NOT NULL, superseded INTEGER NOT NULL DEFAULT 0, digest TEXT NOT NULL DEFAULT '',
    import_id INTEGER REFERENCES imports(id), raw_name BLOB, sheets TEXT NOT NULL DEFAULT '[]',
    supplement INTEGER NOT NULL DEFAULT 0, superseded_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS files_unit_month ON files(unit, file_month);
CREATE INDEX IF NOT EXISTS files_month ON files(file_month);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    unit TEXT NOT NULL, month TEXT NOT NULL, file_month TEXT NOT NULL, date TEXT,
    title TEXT NOT NULL, title_key TEXT NOT NULL, category TEXT NOT NULL, category_raw TEXT NOT NULL,
    chars INTEGER, body TEXT NOT NULL, analysis INTEGER, signer TEXT NOT NULL, signer_title TEXT NOT NULL,
    channel TEXT NOT NULL, urgent INTEGER NOT NULL, event_time TEXT, reporter TEXT NOT NULL, note TEXT NOT NULL,
    source_file TEXT NOT NULL, sheet TEXT NOT NULL, row INTEGER NOT NULL, file_sha256 TEXT NOT NULL,
    counted INTEGER NOT NULL, imported_at TEXT NOT NULL,
    date_text TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0, title_cell TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS articles_month ON articles(month, counted);
CREATE INDEX IF NOT EXISTS articles_unit_month ON articles(unit, file_month);
CREATE INDEX IF NOT EXISTS articles_title ON articles(unit, title_key) WHERE counted = 1;
CREATE INDEX IF NOT EXISTS articles_file ON articles(file_id);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY, file_month TEXT NOT NULL, unit TEXT NOT NULL,
    file_id INTEGER REFERENCES files(id) ON DELETE CASCADE,
    article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE, refused INTEGER NOT NULL DEFAULT 0,
    file TEXT NOT NULL, sheet TEXT NOT NULL, row INTEGER, "column" TEXT NOT NULL, cell TEXT NOT NULL,
    code TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL, month TEXT NOT NULL, imported_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_month ON findings(file_month, unit);
CREATE INDEX IF NOT EXISTS findings_article ON findings(article_id);
CREATE INDEX IF NOT EXISTS findings_file ON findings(file_id);
CREATE TABLE IF NOT EXISTS month_rules (month TEXT PRIMARY KEY, min_chars INTEGER NOT NULL, emergency_hours REAL NOT NULL);
""" + _RECOUNT
# what a ledger of an earlier schema version needs to become the current one
MIGRATIONS: dict[int, tuple[str, ...]] = {
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
    2: (  # title keys without marks around the whole title (normalize_title, a function of the connection)
        _RECOUNT,
        "INSERT OR IGNORE INTO recount SELECT unit FROM articles WHERE title_key != normalize_title(title)",
        "UPDATE articles SET title_key = normalize_title(title) WHERE title_key != normalize_title(title)",
    ),
    3: (  # R6 tells a row fixed in another file, and a 补报's copy of a counted row, from an error: judge again
        _RECOUNT,
        "INSERT OR IGNORE INTO recount SELECT DISTINCT unit FROM articles WHERE counted = 0",
    ),
    4: (),  # month_rules (SCHEMA): a month consolidated before keeps its min_chars and emergency_hours
}

# the Article fields the articles table stores, in Article's order; the findings table's, in Finding's order
ARTICLE_COLUMNS = (
    "unit", "month", "file_month", "date", "title", "title_key", "category", "category_raw", "chars", "body",
    "analysis", "signer", "signer_title", "channel", "urgent", "event_time", "reporter", "note", "source_file",
    "sheet", "row", "file_sha256", "counted", "imported_at", "date_text", "position", "title_cell",
)  # fmt: skip
FINDING_COLUMNS = ("file", "sheet", "row", '"column"', "cell", "code", "severity", "message", "unit", "month")
_TIMES = ("date", "event_time")  # ISO text in the table
_FLAGS = ("analysis", "urgent", "counted")  # 0 and 1 in the table (analysis may be NULL)


class DamagedValue(sqlite3.DataError):
    """A stored value xlflow never writes (a date '2015-0#-10'): bit rot SQLite's checks do not see (ledger_error)."""


def insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_ARTICLE = insert_sql("articles", ("file_id", *ARTICLE_COLUMNS))
INSERT_FINDING = insert_sql("findings", ("file_month", "file_id", "article_id", "refused", "imported_at", *FINDING_COLUMNS))


def article_row(a: Article, imported_at: str) -> tuple[object, ...]:
    """The articles table's values of `a`, in ARTICLE_COLUMNS order."""
    values = {name: getattr(a, name) for name in ARTICLE_COLUMNS} | {"imported_at": imported_at}
    for name in _TIMES:
        values[name] = None if values[name] is None else values[name].isoformat(sep=" ")
    for name in _FLAGS:
        values[name] = None if values[name] is None else int(values[name])
    return tuple(values.values())


def article_from_row(row: Sequence[Any], findings: list[Finding]) -> Article:
    """The Article of an articles row read in ARTICLE_COLUMNS order."""
    values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    for name in _TIMES:
        values[name] = read_time(name, values[name])
    read_time("imported_at", values["imported_at"])  # kept as text
    for name in _FLAGS:
        values[name] = None if values[name] is None else bool(values[name])
    return Article(**values, findings=findings)


def read_time(column: str, text: str | None) -> dt.datetime | None:
    """A time the articles table holds as ISO text; DamagedValue when it is not one (bit rot)."""
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError) as exc:
        raise DamagedValue(f"articles.{column}: {text!r}") from exc


def sheets_json(unit_file: UnitFile) -> str:
    return json.dumps([s.to_json() for s in unit_file.sheets], ensure_ascii=False)


def unit_digest(pairs: Sequence[tuple[UnitFile, list[Article]]]) -> str:
    """What an import would store for one unit, import times left out, as SHA-256: existing ledgers hold
    digests made in exactly this shape (keep it)."""
    items: list[object] = []
    for unit_file, articles in pairs:
        items.append([unit_file.name, unit_file.raw_name.hex(), unit_file.sha256, sheets_json(unit_file),
                      unit_file.supplement, unit_file.superseded_by])  # fmt: skip
        items.append([astuple(f) for f in unit_file.findings])
        for a in articles:
            row = article_row(a, "")
            items.append([row[:-4], *row[-3:], [astuple(f) for f in a.findings]])  # all but imported_at
    return hashlib.sha256(json.dumps(items, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FileRecord:
    """One accepted file of one import, as the ledger keeps it."""

    unit: str
    name: str
    sha256: str
    header_row: int
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
