"""Builders for the bulletin and reward tests: articles, adoptions, the coordinator's two workbooks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from xlflow.model import ERROR, Adoption, Article, Finding
from xlflow.schema import ADOPTION_COLUMNS, ADOPTION_FORMS, ADOPTION_LEVELS, INSTRUCTION_LEVELS, REWARD_SHEET
from xlflow.textnorm import normalize_title


def article(
    unit: str,
    title: str,
    month: str = "2015-03",
    *,
    counted: bool = True,
    reporter: str = "",
    row: int = 5,
    errors: Sequence[str] = (),
) -> Article:
    year, mon = (int(p) for p in month.split("-"))
    findings = [
        Finding(f"{unit}.xlsx", "信息报送登记表", row, "字数", f"F{row}", code, ERROR, "字数不足", unit, month) for code in errors
    ]
    return Article(
        unit=unit,
        month=month,
        file_month=month,
        date=dt.datetime(year, mon, 5),
        title=title,
        title_key=normalize_title(title),
        category="工作动态",
        category_raw="工作动态",
        chars=300,
        body="",
        analysis=None,
        signer="李局长",
        signer_title="局长",
        channel="电子邮件",
        urgent=False,
        event_time=None,
        reporter=reporter,
        note="",
        source_file=f"{unit}_{month}.xlsx",
        sheet="信息报送登记表",
        row=row,
        counted=counted and not errors,
        findings=findings,
    )


def adoption(
    unit: str,
    title: str,
    level: str = "市级",
    form: str = "全文采用",
    instruction: str = "无",
    *,
    row: int = 3,
    matched: bool = True,
    outlet: str = "",
    unit_name: str | None = None,
) -> Adoption:
    return Adoption(
        row=row,
        unit=unit,
        title=title,
        outlet=outlet,
        level=level,
        date=dt.date(2015, 4, 1),
        form=form,
        instruction=instruction,
        note="",
        unit_name=unit if unit_name is None else unit_name,
        title_key=normalize_title(title),
        matched=matched,
    )


def write_register(path: Path, rows: Sequence[Sequence[object]], *, title: bool = True, header: Sequence[str] | None = None) -> Path:
    """A 采用登记表 like the coordinator keeps it: optional title row, then the header, then rows."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet("采用登记表")
    r = 0
    if title:
        sheet.write(0, 0, "2015年政务信息采用登记表")
        r = 2
    for c, name in enumerate(header or [col.name for col in ADOPTION_COLUMNS]):
        sheet.write_string(r, c, name)
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for i, values in enumerate(rows, start=r + 1):
        for c, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write_datetime(i, c, dt.datetime(value.year, value.month, value.day), date_format)
            elif value is not None:
                sheet.write(i, c, value)
    book.close()
    return path


def write_schedule(
    path: Path,
    amounts: dict[str, tuple[float, float, float]] | None = None,
    bonus: Sequence[float] = (0, 100, 300, 500),
    policy: str = "仅最高级别",
    *,
    extra_row_at_top: bool = False,
) -> Path:
    """奖励标准.xlsx in the layout `xlflow init` writes (A1 title, header row 3 …); optionally shifted one row down."""
    amounts = amounts or {"国家级": (1000, 600, 300), "省级": (500, 300, 150), "省经信委": (300, 200, 100), "市级": (200, 100, 50), "市经信委": (100, 50, 30)}
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(REWARD_SHEET)
    shift = 1 if extra_row_at_top else 0
    sheet.write(0, 0, "政务信息采用奖励标准（示例金额）")
    if shift:
        sheet.write(1, 0, "说明：协调员插入的一行")
    sheet.write_row(2 + shift, 0, ["采用级别", *ADOPTION_FORMS])
    for i, level in enumerate(ADOPTION_LEVELS):
        sheet.write_row(3 + shift + i, 0, [level, *amounts[level]])
    sheet.write_row(9 + shift, 0, ["领导批示", "加奖金额"])
    for i, level in enumerate(INSTRUCTION_LEVELS):
        sheet.write_row(10 + shift + i, 0, [level, bonus[i]])
    sheet.write_row(15 + shift, 0, ["计奖方式", policy])
    book.close()
    return path
