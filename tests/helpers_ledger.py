"""Helpers for the ledger, consolidate, receipt and export tests: a workspace, records, and unit workbooks."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from helpers_workbooks import own_body

from xlflow.core.model import ERROR, Article, Finding, SheetRead, UnitFile
from xlflow.core.schema import DEFAULT_UNITS, QUOTA_HEADERS, QUOTA_SHEET
from xlflow.core.text import normalize_title
from xlflow.settings import SETTINGS_FILE, Settings, settings_text
from xlflow.workspace import Workspace

NOW = dt.datetime(2015, 4, 2, 9, 30)
BODY = "岳阳市工业经济运行平稳，" * 30  # 330 characters, well over the 200 minimum


def make_workspace(root: Path, year: int = 2015) -> Workspace:
    """A workspace as `xlflow init` leaves it: settings, the default quota table, inbox/ and out/."""
    root.mkdir(parents=True, exist_ok=True)
    settings = Settings(year=year, register_deadline=dt.date(year, 2, 27))
    (root / SETTINGS_FILE).write_text(settings_text(settings), encoding="utf-8")
    book = xlsxwriter.Workbook(str(root / "信息任务分配表.xlsx"))
    sheet = book.add_worksheet(QUOTA_SHEET)
    sheet.write_row(0, 0, QUOTA_HEADERS)
    for r, unit in enumerate(DEFAULT_UNITS, start=1):
        monthly: object = unit.monthly if unit.monthly is not None else "-"
        sheet.write_row(r, 0, [r, unit.name, unit.kind, unit.target, monthly, unit.annual, "、".join(unit.aliases), unit.note])
    book.close()
    (root / "inbox").mkdir(exist_ok=True)
    (root / "out").mkdir(exist_ok=True)
    return Workspace.open(root)


def article(
    unit: str,
    title: str,
    row: int,
    *,
    month: str = "2015-03",
    file_month: str | None = None,
    counted: bool = True,
    source_file: str | None = None,
    sha: str = "a" * 64,
    findings: Sequence[Finding] = (),
    day: int = 5,
) -> Article:
    file_month = file_month or month
    year, mon = (int(x) for x in month.split("-"))
    return Article(
        unit=unit,
        month=month,
        file_month=file_month,
        date=dt.datetime(year, mon, day),
        title=title,
        title_key=normalize_title(title),
        category="工作动态",
        category_raw="工作动态",
        chars=330,
        body=own_body(title, BODY),
        analysis=None,
        signer="张三",
        signer_title="局长",
        channel="电子邮件",
        urgent=False,
        event_time=None,
        reporter="李四",
        note="",
        source_file=source_file or f"{unit}_{file_month}.xlsx",
        sheet="信息报送登记表",
        row=row,
        file_sha256=sha,
        counted=counted,
        findings=list(findings),
    )


def finding(unit: str, row: int | None, code: str = "R1", *, file: str | None = None, month: str = "2015-03") -> Finding:
    return Finding(
        file=file or f"{unit}_{month}.xlsx",
        sheet="信息报送登记表" if row is not None else "",
        row=row,
        column="正文" if row is not None else "",
        cell=f"E{row}" if row is not None else "",
        code=code,
        severity=ERROR,
        message="正文不足 200 字，请补充后重新报送",
        unit=unit,
        month=month,
    )


def unit_file(
    unit: str, *, name: str | None = None, sha: str = "a" * 64, mtime: float = 1.0, month: str = "2015-03"
) -> UnitFile:
    return UnitFile(
        path=Path("/inbox") / (name or f"{unit}_{month}.xlsx"),
        sha256=sha,
        mtime=mtime,
        unit=unit,
        month=month,
        sheets=[SheetRead("信息报送登记表", True, header_row=3)],
        rows=[],
    )


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the ledger's tables, for exact before/after comparisons."""
    db = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        db.close()


# --- unit workbooks ---------------------------------------------------------------------------------

REPORT_HEADER = ("序号", "报送日期", "信息标题", "信息类别", "正文", "是否含情况分析", "审签人", "审签人职务", "通讯员")


def report_row(title: str, day: int = 5, *, body: str | None = None, signer: str = "张局长", month: int = 3) -> list[object]:
    body = own_body(title, BODY) if body is None else body
    return [None, f"2015年{month}月{day}日", title, "工作动态", body, "否", signer, "局长", "李四"]


def write_report(
    path: Path,
    unit: str,
    rows: Sequence[Sequence[object]],
    *,
    month: str = "2015年3月",
    mtime: float | None = None,
) -> Path:
    """A plain unit workbook: title, labelled unit and month cells, the canonical header (row 4), data from row 5."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet("信息报送登记表")
    sheet.write_string(0, 0, "政务信息报送登记表")
    sheet.write_string(1, 0, f"报送单位：{unit}")
    sheet.write_string(1, 3, f"报送月份：{month}")
    sheet.write_row(3, 0, REPORT_HEADER)
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values):
            if c == 0 and value is None:
                sheet.write_number(r, 0, r - 3)
            elif value is not None:
                sheet.write_string(r, c, str(value)) if isinstance(value, str) else sheet.write(r, c, value)
    book.close()
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def file_state(path: Path) -> tuple[bytes, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).digest(), stat.st_mtime_ns
