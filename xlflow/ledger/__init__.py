"""The ledger (台账): every accepted row of every month, in one SQLite file inside the workspace.

The month folder is the truth: ``Ledger.import_month`` makes the ledger's month hold what the folder holds now, in
one transaction, and importing the same files again changes nothing. Read it in this order:

- ``tables.py``   the schema, its migration, and how an article or a finding becomes a row and back;
- ``store.py``    ``Ledger.open`` (a damaged ledger is refused before anything is written), the transaction, the
                  import, and R6 decided again over a unit's whole history;
- ``queries.py``  what the commands read back: articles, findings, refused files, senders, files, the import log;
- ``health.py``   quick_check, the restore command a refusal names, SQLite's errors as one Chinese line.

Backups and restore are the ``xlflow backup`` command (xlflow/commands/backup.py).
"""

from xlflow.ledger.health import ledger_error, suggested_month
from xlflow.ledger.store import ImportStats, Ledger
from xlflow.ledger.tables import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "ImportStats", "Ledger", "ledger_error", "suggested_month"]
