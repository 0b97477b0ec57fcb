"""xlflow's exceptions. Every message is Chinese, names the thing, and says what to do."""

from __future__ import annotations


class XlflowError(Exception):
    """Base of everything xlflow raises on purpose; the CLI shows the message as it is."""


class WorkspaceError(XlflowError):
    """The workspace is missing, incomplete, or already exists."""


class ConfigError(XlflowError):
    """A settings file or the quota workbook cannot be understood."""


class PeriodError(XlflowError):
    """A period or month the user typed cannot be read."""


class BusyError(XlflowError):
    """Another xlflow process holds the workspace."""


class InputFileError(XlflowError):
    """One input file cannot be used; the run goes on with the others."""

    def __init__(self, message: str, *, code: str = "file") -> None:
        super().__init__(message)
        self.code = code
