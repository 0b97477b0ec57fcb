"""The ledger (台账): every accepted row of every month, in one SQLite file inside the workspace.

The month folder is the truth: ``Ledger.import_month`` makes the ledger's month hold what the folder holds now, in
one transaction; importing the same files again changes nothing. tables.py is the schema, store.py the import
and what the commands read back, health.py the refusal of a damaged ledger and SQLite's errors.
"""

from xlflow.ledger.health import ledger_error, suggested_month
from xlflow.ledger.store import ImportStats, Ledger
from xlflow.ledger.tables import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "ImportStats", "Ledger", "ledger_error", "suggested_month"]
