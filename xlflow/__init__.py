"""xlflow: the government-information submission workflow of an office, run through Excel.

`xlflow.Workspace(path)` is the Python API (pandas DataFrames, see xlflow/api.py); it is imported on first use, so
that the command line (`import xlflow.cli`) starts without pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Workspace", "__version__"]

if TYPE_CHECKING:
    from xlflow.api import Workspace


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from xlflow.api import Workspace

        return Workspace
    raise AttributeError(f"module 'xlflow' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
