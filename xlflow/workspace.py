"""The workspace: a folder holding one year's work, like a git repository holds a project, and where things live in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xlflow.core.errors import WorkspaceError
from xlflow.core.units import UnitTable
from xlflow.settings import SETTINGS_FILE, Settings, init_command, read_settings


@dataclass(frozen=True)
class Workspace:
    """A folder holding one year's work, like a git repository holds a project."""

    root: Path
    settings: Settings = field(compare=False)

    # -- paths -----------------------------------------------------------------------------------
    @staticmethod
    def settings_path_of(root: Path) -> Path:
        return root / SETTINGS_FILE

    @property
    def quota_path(self) -> Path:
        return self.root / "信息任务分配表.xlsx"

    @property
    def adoption_path(self) -> Path:
        return self.root / "采用登记表.xlsx"

    @property
    def reward_schedule_path(self) -> Path:
        return self.root / "奖励标准.xlsx"

    @property
    def roster_path(self) -> Path:
        return self.root / "通讯员名册.xlsx"

    @property
    def ledger_path(self) -> Path:
        return self.root / "ledger.sqlite"

    @property
    def lock_path(self) -> Path:
        return self.root / ".xlflow.lock"

    @property
    def receipt_index_path(self) -> Path:
        """What each receipt showed when it was written (commands.consolidate), to skip rendering it again."""
        return self.root / ".xlflow-receipts.json"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def narrative_dir(self) -> Path:
        return self.root / "narrative"

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path | str) -> Workspace:
        root = Path(root)
        path = cls.settings_path_of(root)
        if not path.is_file():
            raise WorkspaceError(
                f"{root.resolve()} 不是 xlflow 工作区（没有 {SETTINGS_FILE}）：要在这里新建工作区，请运行 {init_command(root)}；"
                "工作区在别的目录时，请进入那个目录再运行，或用 -w 写明工作区目录"
            )
        return cls(root, read_settings(path))

    def units(self) -> UnitTable:
        from xlflow.intake.books import read_quota_workbook

        return read_quota_workbook(self.quota_path, year=self.settings.year)
