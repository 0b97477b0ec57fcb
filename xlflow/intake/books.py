"""The coordinator's own books read back: the roster (通讯员名册) that `xlflow register` wrote and the coordinator may
have edited (a correspondent's name, the 收到日期 column)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dates import parse_date
from ..errors import ConfigError
from ..schema import RECEIVED_HEADER, ROSTER_NAME_HEADER, ROSTER_SHEET, ROSTER_UNIT_HEADER
from ..textnorm import clean_cell, squash
from ..units import UnitTable
from .workbook import own_sheet


def read_roster(path: Path) -> dict[str, str]:
    """Unit name -> correspondent name from a 通讯员名册.xlsx written by `xlflow register` (and perhaps edited).

    An absent file gives {}: the workbooks are then written without correspondents.
    """
    path = Path(path)
    if not path.is_file():
        return {}
    sheet_name, rows = own_sheet(path, ROSTER_SHEET, "通讯员名册")
    for r, row in enumerate(rows[:30]):
        names = [squash(clean_cell(v)) for v in row]
        if ROSTER_UNIT_HEADER in names and ROSTER_NAME_HEADER in names:
            unit_col, name_col = names.index(ROSTER_UNIT_HEADER), names.index(ROSTER_NAME_HEADER)
            result: dict[str, str] = {}
            for data in rows[r + 1 :]:
                unit = clean_cell(data[unit_col]) if unit_col < len(data) else ""
                name = squash(clean_cell(data[name_col])) if name_col < len(data) else ""
                if unit and name:
                    result[unit] = name
            return result
    raise ConfigError(f"通讯员名册 {path.name}（工作表“{sheet_name}”）找不到“单位名称”“姓名”表头：请重新运行 xlflow register 生成")


def read_received_dates(path: Path, units: UnitTable, year: int) -> tuple[dict[str, dt.date], list[str]]:
    """Unit name -> the 收到日期 the coordinator typed in 通讯员名册.xlsx, and one line per value not used.

    The column is optional: an absent file, or a roster without it, gives ({}, []). A date typed without a year
    (2月26日) is in `year`, the workspace's year.
    """
    path = Path(path)
    if not path.is_file():
        return {}, []
    sheet_name, rows = own_sheet(path, ROSTER_SHEET, "通讯员名册")
    for r, row in enumerate(rows[:30]):
        names = [squash(clean_cell(v)) for v in row]
        if ROSTER_UNIT_HEADER not in names or RECEIVED_HEADER not in names:
            continue
        unit_col, date_col = names.index(ROSTER_UNIT_HEADER), names.index(RECEIVED_HEADER)
        dates: dict[str, dt.date] = {}
        problems: list[str] = []
        for number, data in enumerate(rows[r + 1 :], start=r + 2):
            raw = data[date_col] if date_col < len(data) else None
            if raw is None or clean_cell(raw) == "":
                continue
            name = clean_cell(data[unit_col]) if unit_col < len(data) else ""
            where = f"通讯员名册 {path.name}（工作表“{sheet_name}”）第 {number} 行"
            unit = units.resolve(name) if name else None
            parsed = parse_date(raw, default_year=year)
            if unit is None:
                problems.append(f"{where}：单位“{name}”不在任务分配表中，其收到日期未采用")
            elif parsed.value is None:
                problems.append(
                    f"{where}（{unit.name}）：收到日期“{clean_cell(raw)}”无法识别，未采用（新生成的名册中此格已清空）："
                    "请写成 2015-02-26 后再运行一次 xlflow register"
                )
            else:
                dates[unit.name] = parsed.value.date()
        return dates, problems
    return {}, []
