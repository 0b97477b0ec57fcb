"""The coordinator's own books read back: the quota table (信息任务分配表), and the roster (通讯员名册) that
`xlflow register` wrote and the coordinator may have edited (a correspondent's name, the 收到日期 column)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from xlflow.dates import parse_date
from xlflow.errors import ConfigError, WorkspaceError
from xlflow.intake.workbook import own_sheet
from xlflow.schema import (
    QUOTA_HEADERS,
    QUOTA_SHEET,
    RECEIVED_HEADER,
    ROSTER_NAME_HEADER,
    ROSTER_SHEET,
    ROSTER_UNIT_HEADER,
)
from xlflow.settings import init_command
from xlflow.textnorm import clean_cell, parse_int, squash
from xlflow.units import Unit, UnitTable


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


_ALIAS_SPLIT = re.compile(r"[;；,，、/|\n]+")


def read_quota_workbook(path: Path, *, year: int | None = None) -> UnitTable:
    """The units of the workspace's 信息任务分配表, in table order. Raises ConfigError naming the bad cell.
    `year`: the workspace's, for the command that rewrites a missing table."""
    if not path.is_file():
        raise WorkspaceError(
            f"找不到任务分配表 {path}：请运行 {init_command(path.parent, year, force=True)} 重新生成"
            "（设置和各表按默认重写，原有的先另存到 backup/；台账和 inbox/、out/ 中的文件不动）"
        )

    sheet_name, rows = own_sheet(path, QUOTA_SHEET, "任务分配表")
    header_at, columns = None, {}
    for r, row in enumerate(rows[:20]):
        names = [squash(clean_cell(v)) for v in row]
        if "单位名称" in names:
            header_at = r
            columns = {h: names.index(h) for h in QUOTA_HEADERS if h in names}
            break
    missing = [h for h in ("单位名称", "单位类别", "每月任务", "全年任务") if h not in columns]
    if header_at is None or missing:
        raise ConfigError(f"任务分配表 {path.name}（工作表“{sheet_name}”）缺少表头 {'、'.join(missing or ['单位名称'])}：请保留模板的表头行")

    def cell(row: list[object], header: str) -> object:
        index = columns.get(header)
        return row[index] if index is not None and index < len(row) else None

    units: list[Unit] = []
    seen: set[str] = set()
    for r, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        name = clean_cell(cell(row, "单位名称"))
        if not name:
            continue
        where = f"任务分配表 {path.name} 第 {r} 行（{name}）"
        if squash(name) in seen:
            raise ConfigError(f"{where}：单位名称重复，请删除重复的一行")
        seen.add(squash(name))
        kind = clean_cell(cell(row, "单位类别"))
        if not kind:
            raise ConfigError(f"{where}：“单位类别”为空，请从下拉列表选择")
        monthly_raw = clean_cell(cell(row, "每月任务"))
        monthly = None if monthly_raw in ("", "-", "—", "－", "/") else parse_int(monthly_raw)
        annual = parse_int(cell(row, "全年任务"))
        if monthly_raw not in ("", "-", "—", "－", "/") and monthly is None:
            raise ConfigError(f"{where}：“每月任务”应为整数，只按年度考核的单位填“-”")
        if annual is None:
            annual = monthly * 12 if monthly is not None else None
        if annual is None:
            raise ConfigError(f"{where}：“全年任务”应为整数")
        aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(clean_cell(cell(row, "别名"))) if a.strip())
        units.append(
            Unit(
                seq=len(units) + 1,
                name=name,
                kind=kind,
                target=clean_cell(cell(row, "报送对象")),
                monthly=monthly,
                annual=annual,
                aliases=aliases,
                note=clean_cell(cell(row, "备注")),
            )
        )
    if not units:
        raise ConfigError(f"任务分配表 {path.name} 没有任何单位：请在表头下逐行填写单位")
    return UnitTable(units)
