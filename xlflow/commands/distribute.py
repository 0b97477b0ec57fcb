"""`xlflow distribute`: one prefilled monthly report workbook per unit of the quota table."""

from __future__ import annotations

from pathlib import Path

from xlflow.core.errors import WorkspaceError
from xlflow.core.model import RunResult
from xlflow.core.periods import Period
from xlflow.core.text import safe_filename
from xlflow.fsutil import ensure_dir
from xlflow.intake.books import read_roster
from xlflow.workspace import Workspace
from xlflow.writers.report import write_report_workbook


def report_file_name(unit_name: str, month: Period, copy: int = 1) -> str:
    """岳阳县工信局_2015年03月_信息报送登记表.xlsx — whose it is at a glance, safe on Windows; `copy` > 1 tells
    apart two units whose names differ only in characters a file name cannot hold."""
    unit = safe_filename(unit_name) + (f"（{copy}）" if copy > 1 else "")
    return f"{unit}_{month.file_label}_信息报送登记表.xlsx"


def distribute(ws: Workspace, month: Period, out: Path | None) -> RunResult:
    units = ws.units()
    folder = ensure_dir(Path(out) if out is not None else ws.out / "下发" / month.file_label)
    base = folder.resolve()

    roster_path, roster_notes = ws.book(ws.roster_path)  # saved as .xls: read
    roster = read_roster(roster_path, units) if roster_path.exists() else {}

    warnings = ws.book(ws.quota_path)[1] + roster_notes
    result = RunResult(title=f"已为 {len(units)} 个单位生成 {month.label} 信息报送登记表", warnings=warnings)
    used: set[str] = set()
    prefilled = 0
    for unit in units:
        copy = 1  # above 1 when two names differ only in case or in characters a file name cannot hold
        while (name := report_file_name(unit.name, month, copy)).casefold() in used:
            copy += 1
        used.add(name.casefold())
        path = folder / name
        if path.resolve().parent != base:
            raise WorkspaceError(f"单位名称“{unit.name}”无法用作文件名：请在任务分配表中改正该单位名称")
        correspondent = roster.get(unit.name, "")
        prefilled += bool(correspondent)
        write_report_workbook(path, unit=unit, month=month, correspondent=correspondent, settings=ws.settings)
        result.paths.append(path)

    if month.year != ws.settings.year:
        result.warnings.append(f"月份 {month.label} 不在工作区年度 {ws.settings.year} 年内：请确认 --month 是否写对")
    if roster:
        result.lines.append(f"通讯员已预填 {prefilled} 个单位（来自 {roster_path.name}）")
        missing = [u.name for u in units if not roster.get(u.name)]
        if missing:
            result.lines.append(f"名册中没有通讯员的单位 {len(missing)} 个，通讯员一栏留空：{'、'.join(missing)}")
    else:
        result.lines.append(f"还没有通讯员名册（{ws.roster_path.name}），通讯员一栏留空；收齐登记表后运行 xlflow register")
    result.lines.append(f"输出目录：{folder}；把各单位的文件发给对应单位，填好后报回放进 inbox/")
    result.data["prefilled"] = prefilled
    return result
