"""xlflow: the government-information submission workflow of an office, run through Excel.

`xlflow.Workspace(path)` is the Python API (pandas DataFrames, see xlflow/api.py); it is imported on first use, so
that the command line (`import xlflow.cli`) starts without pandas. The errors it raises are here too (`except
xlflow.PeriodError`), all of them XlflowError.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ConfigError", "LedgerDamagedError", "OutputError", "PeriodError", "Workspace", "WorkspaceError", "XlflowError",
           "__version__"]  # fmt: skip

if TYPE_CHECKING:
    from xlflow.api import Workspace
    from xlflow.core.errors import (
        ConfigError,
        LedgerDamagedError,
        OutputError,
        PeriodError,
        WorkspaceError,
        XlflowError,
    )


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from xlflow.api import Workspace

        return Workspace
    if name in __all__ and name.endswith("Error"):
        from xlflow.core import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'xlflow' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
