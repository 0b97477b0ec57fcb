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

from xlflow.ledger.health import (
    BACKUP_DIR,
    as_os_error,
    damaged_message,
    health_problem,
    ledger_error,
    newest_backup,
    restore_advice,
    sqlite_code,
    stored_version,
    suggested_month,
)
from xlflow.ledger.queries import FileRecord, ImportRecord
from xlflow.ledger.store import ImportStats, Ledger, Moved, RemovedFile
from xlflow.ledger.tables import SCHEMA_VERSION

__all__ = [
    "BACKUP_DIR",
    "SCHEMA_VERSION",
    "FileRecord",
    "ImportRecord",
    "ImportStats",
    "Ledger",
    "Moved",
    "RemovedFile",
    "as_os_error",
    "damaged_message",
    "health_problem",
    "ledger_error",
    "newest_backup",
    "restore_advice",
    "sqlite_code",
    "stored_version",
    "suggested_month",
]
