"""Builders for the bulletin and reward tests: articles, adoptions, the coordinator's two workbooks, a half year's
bulletin data with hand-known numbers, and reading back what a person would print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import xlsxwriter

from xlflow.compute.adoptions import match_adoptions
from xlflow.compute.rates import compute_rates, silent_units
from xlflow.core.model import ERROR, WARNING, Adoption, Article, Finding
from xlflow.core.periods import Period
from xlflow.core.schema import (
    ADOPTION_COLUMNS,
    ADOPTION_FORMS,
    ADOPTION_LEVELS,
    INSTRUCTION_LEVELS,
    REWARD_SHEET,
)
from xlflow.core.text import normalize_title
from xlflow.core.units import UnitTable
from xlflow.settings import Settings
from xlflow.workspace import Workspace
from xlflow.writers.bulletin import BulletinData, narrative_context, render_narrative, write_bulletin
from xlflow.writers.working_papers import write_working_papers


def article(
    unit: str,
    title: str,
    month: str = "2015-03",
    *,
    counted: bool = True,
    reporter: str = "",
    row: int = 5,
    errors: Sequence[str] = (),
    category: str = "工作动态",
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
        category=category,
        category_raw=category,
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


# --- a half year with numbers known by hand ------------------------------------------------------------------

YY = "岳阳县工信局"
PJ = "平江县工信局"
OFFICE = "办公室"
NOW = dt.datetime(2015, 7, 3, 10, 15)
HOSTILE = ("=SUM(A1:A3)", "+86 新闻", "-1 项目", "@领导 调研")
SHEET = "信息报送登记表"


def half_year_articles() -> list[Article]:
    """岳阳县 30 (10 经济运行, 20 工作动态), 平江县 4 (the first 其他), 办公室 1 (政策落实): 35 counted."""
    return [
        *(article(YY, f"岳阳县稿件{i}", f"2015-0{1 + i % 6}", reporter="李四", category="经济运行" if i % 3 == 0 else "工作动态")
          for i in range(30)),
        *(article(PJ, f"{title}平江", "2015-03", reporter="张三", category="其他" if i == 0 else "工作动态")
          for i, title in enumerate(HOSTILE)),
        article(OFFICE, "办公室稿件", "2015-02", category="政策落实"),
    ]  # fmt: skip


def half_year_adoptions() -> list[Adoption]:
    """岳阳县稿件0 adopted twice (省级 counts), 平江's formula-like title 国家级; a row matching nothing; a row at a
    level that does not exist (厅级), which must not count."""
    return [
        adoption(YY, "岳阳县稿件0", "省级", "全文采用", "市级", row=3),
        adoption(YY, "岳阳县稿件0", "市级", "部分采用", row=4),
        adoption(PJ, "=SUM(A1:A3)平江", "国家级", "综合采用", row=5),
        adoption(YY, "岳阳县稿件 零", "市级", row=6),
        adoption(YY, "岳阳县稿件1", "厅级", row=7),
    ]


def half_year_findings() -> tuple[list[Finding], dict[tuple[str, str, str, int], str]]:
    """Five errors — four on three rows (one row has two), one refused file — and one warning; the rows' titles.

    The same file name and row come in March and in April: only 月份 and 信息标题 tell them apart."""
    def row(month: str, r: int, code: str, message: str, severity: str = ERROR) -> Finding:
        return Finding("岳阳县.xlsx", SHEET, r, "正文", f"F{r}", code, severity, message, YY, month)

    findings = [
        row("2015-03", 7, "R1", "正文不足 200 字：请补充后重新报送"),
        row("2015-04", 7, "R1", "正文不足 200 字：请补充后重新报送"),
        row("2015-04", 9, "R1", "正文不足 200 字：请补充后重新报送"),
        row("2015-04", 9, "R3", "审签人为空：请经领导审签后重新报送"),
        row("2015-03", 8, "R7", "紧急信息迟报：请在事件发生后 24 小时内报送", WARNING),
        Finding("平江县.xls", "", None, "", "", "F3", ERROR, "平江县.xls：文件设有密码：请取消密码后重新发送", PJ, "2015-03"),
    ]
    titles = {
        ("2015-03", "岳阳县.xlsx", SHEET, 7): "岳阳县三月短稿",
        ("2015-04", "岳阳县.xlsx", SHEET, 7): "岳阳县四月短稿",
        ("2015-04", "岳阳县.xlsx", SHEET, 9): "岳阳县四月未审签短稿",
        ("2015-03", "岳阳县.xlsx", SHEET, 8): "岳阳县紧急信息",
    }
    return findings, titles


def bulletin_data(
    units: UnitTable,
    settings: Settings,
    period_key: str = "2015-H1",
    *,
    template_dir: Path | None = None,
    data_months: Sequence[str] | None = None,
) -> BulletinData:
    """The half year above as the bulletin sees it, the narrative rendered (the package template unless
    `template_dir` holds one); 华容县 sent a file with nothing counted, 湘阴县's file was refused."""
    period = Period.parse(period_key)
    articles = half_year_articles()
    matched = match_adoptions(half_year_adoptions(), articles)
    rates = compute_rates(units, period, articles, matched, settings, data_months=data_months)
    by_key = {(a.unit, a.title_key): a for a in articles}
    findings, titles = half_year_findings()
    refused = Finding("湘阴县3月信息目录.xlsx", "Sheet1", None, "", "", "F5", ERROR,
                      "湘阴县3月信息目录.xlsx：在工作表“Sheet1”的前 30 行找不到表头：请使用下发的信息报送登记表模板后重新报送",
                      "湘阴县工信局", "2015-03")  # fmt: skip
    data = BulletinData(
        settings=settings,
        period=period,
        rates=rates,
        adopted=[(a, by_key[(a.unit_name, a.title_key)]) for a in matched if a.matched],
        unmatched=[a for a in matched if not a.matched],
        findings=findings,
        silent=silent_units(rates, {"华容县工信局": ["华容县.xlsx"]}, {"湘阴县工信局": [refused]}),
        unit_order={u.name: u.seq for u in units},
        titles=titles,
    )
    return dataclasses.replace(data, narrative=render_narrative(narrative_context(data, now=NOW), template_dir))


def bulletin_book(data: BulletinData) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_bulletin(buffer, data)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def working_papers_book(data: BulletinData) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_working_papers(buffer, data)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def narrative_lines(book: openpyxl.Workbook) -> list[str]:
    return [str(c.value) for c in book["通报"]["A"] if c.value]


def row_of(sheet, text: str) -> int:  # noqa: ANN001
    """The first row whose column A holds `text`."""
    return next(c.row for c in sheet["A"] if c.value == text)


# --- what LibreOffice prints -------------------------------------------------------------------------------

HAVE_SOFFICE = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


def printed_pages(workbook: Path, out_dir: Path) -> list[tuple[str, tuple[float, float]]]:
    """The workbook printed to PDF by LibreOffice: each page's text and its size in points (width, height)."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(out_dir / 'lo-profile').resolve().as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out_dir), str(workbook)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = out_dir / f"{workbook.stem}.pdf"
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True, text=True).stdout
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, _, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    pages = []
    for n, size in enumerate(sizes, start=1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout  # fmt: skip
        pages.append((text, size))
    return pages


H1 = ["bulletin", "--period", "2015-H1", "--date", "2015-07-05", "-w"]  # the half year's bulletin, -w WORKSPACE next


def march_consolidated(tmp_path: Path) -> Workspace:
    """March consolidated: 岳阳县 sent 岳阳县三月稿件0 … 2 on 2015-03-05; the 奖励标准 as init writes it (省级 全文采用
    300, 市级 150)."""
    from click.testing import CliRunner
    from helpers_ledger import make_workspace, report_row, write_report

    from xlflow.cli import cli
    from xlflow.writers.coordinator_books import write_reward_schedule

    ws = make_workspace(tmp_path / "ws")
    write_reward_schedule(ws.reward_schedule_path)
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(3)])
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    return ws
