"""`xlflow distribute`: one prefilled monthly report workbook per unit of the quota table."""

from __future__ import annotations

import re
from pathlib import Path

from xlflow.core.errors import OutputError, WorkspaceError
from xlflow.core.model import RunResult
from xlflow.core.periods import Period
from xlflow.core.schema import REPORT_HELP_SHEET, REPORT_SHEET
from xlflow.core.text import safe_filename
from xlflow.fsutil import ensure_dir
from xlflow.intake.books import read_roster
from xlflow.workspace import Workspace
from xlflow.writers.fingerprint import untouched
from xlflow.writers.report import FIRST_INPUT, write_report_workbook

_CELL = re.compile(r'<c r="[A-Z]+(\d+)"[^>/]*>(.*?)</c>')  # a cell with content: its row, its XML


def report_file_name(unit_name: str, month: Period, copy: int = 1) -> str:
    """岳阳县工信局_2015年03月_信息报送登记表.xlsx — whose it is at a glance, safe on Windows; `copy` > 1 tells
    apart two units whose names differ only in characters a file name cannot hold."""
    unit = safe_filename(unit_name) + (f"（{copy}）" if copy > 1 else "")
    return f"{unit}_{month.file_label}_信息报送登记表.xlsx"


def written_by_distribute(path: Path) -> bool:
    """Whether the file at `path` is a form xlflow wrote that nobody has saved since: untouched, its two sheets, and
    no value below the header (the formulas there are empty): a unit's filled return is not, whatever wrote it."""
    _, book, sheet = untouched(path, "xl/workbook", "xl/worksheets/sheet1") or ("", "", "")
    filled = any(int(row) > FIRST_INPUT and re.sub(r"<f>.*?</f>|<[^>]*>", "", xml) for row, xml in _CELL.findall(sheet))
    sheets = re.findall(r'<sheet name="([^"]*)"', book)
    return sheets == [REPORT_SHEET, REPORT_HELP_SHEET] and not filled


def distribute(ws: Workspace, month: Period, out: Path | None) -> RunResult:
    """A form per unit in `out` (default out/下发/2015年03月); a file there xlflow did not write is never replaced."""
    units = ws.units()
    folder = Path(out) if out is not None else ws.out / "下发" / month.file_label
    if inbox := ws.collection(folder):  # inbox/, or a folder a month was consolidated from
        raise WorkspaceError(f"输出目录 {folder} 在收件文件夹 {inbox} 中：下发的空白登记表在汇总时会被当作报回的工作簿读取；"
                             f"请换一个目录，或不加 --out 使用默认目录 out/下发/{month.file_label}")  # fmt: skip
    base = ensure_dir(folder).resolve()

    roster_path, roster_notes = ws.book(ws.roster_path)  # saved as .xls: read
    roster = read_roster(roster_path, units) if roster_path.exists() else {}

    result = RunResult(title="", warnings=ws.book(ws.quota_path)[1] + units.notes + roster_notes)
    used: set[str] = set()
    prefilled = 0
    failed: list[str] = []
    try:
        for unit in units:
            copy = 1  # above 1 when two names differ only in case or in characters a file name cannot hold
            while (name := report_file_name(unit.name, month, copy)).casefold() in used:
                copy += 1
            used.add(name.casefold())
            path = folder / name
            if path.resolve().parent != base:
                raise WorkspaceError(f"单位名称“{unit.name}”无法用作文件名：请在任务分配表中改正该单位名称")
            if path.is_file() and not written_by_distribute(path):  # a unit's filled return saved under this name
                result.warnings.append(f"{path} 已存在，且不是 xlflow 下发的原样（可能是单位填好报回的）：没有覆盖，{unit.name}的"
                                       "登记表这次没有生成；确要重新生成，请先把这个文件移到别处，再运行 xlflow distribute")  # fmt: skip
                continue
            correspondent = roster.get(unit.name, "")
            try:
                write_report_workbook(path, unit=unit, month=month, correspondent=correspondent, settings=ws.settings)
            except OutputError as exc:  # this unit's form open in Excel: the others are written all the same
                failed.append(f"{exc}（{unit.name}的登记表这次没有生成）")
                continue
            prefilled += bool(correspondent)
            result.paths.append(path)
    except KeyboardInterrupt as exc:  # Ctrl-C: the CLI's line says how far it got
        exc.done = f"已写出 {len(result.paths)} 份登记表（共 {len(units)} 份）"  # type: ignore[attr-defined]
        raise

    result.title = f"已为 {len(result.paths)} 个单位生成 {month.label} 信息报送登记表"
    result.exit_code = 1 if len(result.paths) < len(units) else 0
    if failed:
        result.lines.append(f"已写出 {len(result.paths)} 份（共 {len(units)} 份），{len(failed)} 份未能写入（见下）")
        result.warnings += failed[:5] + ([f"另有 {len(failed) - 5} 份同样未能写入"] if len(failed) > 5 else [])
    if month.year != ws.settings.year:
        result.warnings.append(f"月份 {month.label} 不在工作区年度 {ws.settings.year} 年内：请确认 --month 是否写对")
    if roster:
        result.lines.append(f"通讯员已预填 {prefilled} 个单位（来自 {roster_path.name}）")
        if missing := [u.name for u in units if not roster.get(u.name)]:
            result.lines.append(f"名册中没有通讯员的单位 {len(missing)} 个，通讯员一栏留空：{'、'.join(missing)}")
    else:
        result.lines.append(f"还没有通讯员名册（{ws.roster_path.name}），通讯员一栏留空；收齐登记表后运行 xlflow register")
    result.lines.append(f"输出目录：{folder}；把各单位的文件发给对应单位，填好后报回放进 inbox/")
    result.data["prefilled"] = prefilled
    return result
