"""The 台账 export, read back with openpyxl: unit text as text, control characters removed, and the same workbook
whether written whole or row by row in constant memory."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from helpers_bench import assert_same_workbook
from helpers_ledger import article, finding, make_workspace

from xlflow.core.model import WARNING
from xlflow.core.periods import Period
from xlflow.writers import ledger_export
from xlflow.writers.ledger_export import write_ledger_export

H1 = Period.parse("2015-H1")


def _articles() -> list:
    warn = dataclasses.replace(finding("岳阳县工信局", 7, "R8"), severity=WARNING, message="自审自签")
    late = dataclasses.replace(finding("岳阳县工信局", 8, "R7"), severity=WARNING, message="紧急迟报")
    rows = [
        article("岳阳县工信局", "=SUM(A1) 不是公式", 5),
        article("岳阳县工信局", "  前后有空格  ", 6, month="2015-04", file_month="2015-03", day=2),
        article("岳阳县工信局", "<标签> & 符号", 7, findings=[warn, late]),
        article("经济运行科", "运行科三月分析", 4, day=28),
        article("市直某某局", "不在任务分配表中的单位", 3),
    ]
    rows[0] = dataclasses.replace(rows[0], body="正文\x07含控制字符\r\n第二段" + "字" * 300, analysis=True, urgent=True,
                                  event_time=dt.datetime(2015, 3, 4, 8, 30), note="备注")  # fmt: skip
    rows[1] = dataclasses.replace(rows[1], chars=None, analysis=False, channel="", signer_title="")
    rows[3] = dataclasses.replace(rows[3], date=None, imported_at="2015-04-02 09:30:00")
    return rows


def _write(articles: list, units) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    assert write_ledger_export(buffer, period=H1, articles=articles, units=units) == len(articles)
    return buffer.getvalue()


def test_the_export_reads_back_cell_for_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    units = make_workspace(tmp_path / "ws").units()
    articles = _articles()
    whole = _write(articles, units)
    monkeypatch.setattr(ledger_export, "CONSTANT_MEMORY_ROWS", 2)
    assert_same_workbook(_write(articles, units), whole)  # row by row in constant memory: the same workbook
    book = openpyxl.load_workbook(io.BytesIO(whole))
    assert book.sheetnames == [ledger_export.LEDGER_SHEET, ledger_export.SUMMARY_SHEET]
    ledger = book[ledger_export.LEDGER_SHEET]
    assert ledger["E2"].value == "=SUM(A1) 不是公式" and ledger["E2"].data_type == "s"
    assert [ledger.cell(r, 5).value for r in range(2, 7)] == [
        "=SUM(A1) 不是公式", "<标签> & 符号", "  前后有空格  ", "运行科三月分析", "不在任务分配表中的单位"
    ]
    body = ledger.cell(2, len(ledger_export.LEDGER_HEADERS)).value  # units in quota-table order, then by date
    assert body.startswith("正文含控制字符") and "\x07" not in body and "第二段" in body
    assert ledger.max_row == len(articles) + 1
    summary = book[ledger_export.SUMMARY_SHEET]
    quotas = {summary.cell(r, 2).value: summary.cell(r, 4) for r in range(4, summary.max_row + 1)}
    assert quotas["岳阳县工信局"].value == 24 and quotas["岳阳县工信局"].number_format == "#,##0"
    assert quotas["办公室"].value == 2 and quotas["办公室"].number_format == "#,##0"


def test_a_big_export_streams_rows_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_export, "CONSTANT_MEMORY_ROWS", 10)
    units = make_workspace(tmp_path / "ws").units()
    many = [article("岳阳县工信局", f"第 {i} 篇信息", i + 5, day=1 + i % 28) for i in range(300)]
    path = tmp_path / "台账.xlsx"
    write_ledger_export(path, period=H1, articles=many, units=units)
    sheet = openpyxl.load_workbook(path)[ledger_export.LEDGER_SHEET]
    assert sheet.max_row == 301
    assert [sheet.cell(r, 1).value for r in (2, 301)] == [1, 300]
    assert sheet.auto_filter.ref == "A1:X301"


@pytest.mark.parametrize("streamed", [False, True])
def test_text_that_looks_like_an_escape_stays_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool) -> None:
    """A title holding _x0041_ reads back as typed (not as "A"), whole or streamed; read with calamine and LibreOffice's
    reading of the OOXML escape (openpyxl does not unescape inline strings, the form constant memory writes)."""
    from python_calamine import CalamineWorkbook

    if streamed:
        monkeypatch.setattr(ledger_export, "CONSTANT_MEMORY_ROWS", 0)
    units = make_workspace(tmp_path / "ws").units()
    rows = [article("岳阳县工信局", "标题_x0041_结尾", 5)]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(_write(rows, units))).get_sheet_by_name(ledger_export.LEDGER_SHEET)
    assert sheet.to_python()[1][4] == "标题_x0041_结尾"


def test_the_month_s_summary_says_how_it_differs_from_the_month_s_bulletin(tmp_path: Path) -> None:
    """Review C6: the March bulletin counts a quarterly unit's January to March, the March export only March. Its
    row in 汇总 and the sheet's note say so, and the first quarter's export counts what the bulletin shows."""
    from click.testing import CliRunner
    from helpers_ledger import report_row, write_report

    from xlflow.cli import cli

    ws = make_workspace(tmp_path / "ws")
    for month, titles in ((2, ("二月动态",)), (3, ("三月动态",))):
        for unit in ("办公室", "岳阳县工信局"):
            rows = [report_row(f"{unit}{title}", month=month) for title in titles]
            write_report(ws.inbox / f"2015-{month:02d}" / f"{unit}.xlsx", unit, rows, month=f"2015年{month}月")
    runner = CliRunner()
    for args in (["consolidate", "--month", "2015-02"], ["consolidate", "--month", "2015-03"],
                 ["export", "--period", "2015-03"], ["export", "--period", "2015-Q1"], ["export", "--period", "2015-01"],
                 ["export", "--period", "2015"]):  # fmt: skip
        result = runner.invoke(cli, [*args, "-w", str(ws.root)])
        assert result.exit_code == 0, result.output

    def summary(label: str) -> tuple[dict[str, tuple], list[str]]:
        sheet = openpyxl.load_workbook(ws.out / f"台账_2015年{label}.xlsx")[ledger_export.SUMMARY_SHEET]
        rows = {r[1]: r[3:6] for r in sheet.iter_rows(min_row=4, values_only=True) if r[1]}
        return rows, [r[0] for r in sheet.iter_rows(values_only=True) if r[0] and "季度考核" in str(r[0])]

    bulletin = openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")["完成情况"]
    assert next(r[2:4] for r in bulletin.iter_rows(values_only=True) if r[0] == "办公室") == (1, 2)
    march, notes = summary("03月")
    sheet = openpyxl.load_workbook(ws.out / "台账_2015年03月.xlsx")[ledger_export.SUMMARY_SHEET]
    said = [r for r in range(4, sheet.max_row + 1) if str(sheet.cell(r, 6).value).startswith("按季度考核")]
    assert said and {sheet.row_dimensions[r].height for r in said} == {33}  # 72 wide in a 40-wide 说明: 2 lines
    assert march["办公室"] == (1, 1, "按季度考核：任务数为第一季度的；3月通报的报送数为1—3月累计，本表只计3月")
    assert march["岳阳县工信局"] == (4, 1, None) and march["合计"][1] == 2
    assert notes == [
        "季度考核的单位（每月任务为“-”）任务数为所在季度的任务数。本表计入条数只计2015年3月的稿件，而2015年3月通报中这些单位的报送数是"
        "1—3月的累计（见各行说明），两表的报送数和合计因此不同；要与通报核对这些单位，请导出该季度：xlflow export --period 2015-Q1。"
    ]
    quarter, notes = summary("第一季度")
    assert notes == ["季度考核的单位（每月任务为“-”）任务数为本季度的任务数。"]
    assert quarter["办公室"] == (1, 2, "按季度考核")  # what the March bulletin shows
    january, notes = summary("01月")
    assert january["办公室"] == (1, 0, "按季度考核：任务数为第一季度的")
    assert notes == ["季度考核的单位（每月任务为“-”）任务数为所在季度的任务数。"]
    year, notes = summary("")  # the 任务数 shown is the year's four quarters
    assert year["办公室"] == (4, 2, "按季度考核") and notes == ["季度考核的单位（每月任务为“-”）任务数为2015年4个季度合计的任务数。"]


@pytest.mark.parametrize("streamed", [False, True])
def test_long_titles_wrap_and_the_import_time_is_a_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool) -> None:
    """Review Y2: a title wider than its column printed cut off; 导入时间 was text, 报送日期 a date."""
    if streamed:
        monkeypatch.setattr(ledger_export, "CONSTANT_MEMORY_ROWS", 0)
    units = make_workspace(tmp_path / "ws").units()
    long = "云溪区工信局关于贯彻落实全市工业经济工作会议精神加快推进新型工业化的情况报告" * 2  # 76 characters, 152 wide
    rows = [dataclasses.replace(article("岳阳县工信局", long, 5), imported_at="2015-04-02 09:30:00"), article("岳阳县工信局", "短标题", 6, day=6)]
    sheet = openpyxl.load_workbook(io.BytesIO(_write(rows, units)))[ledger_export.LEDGER_SHEET]
    assert sheet["E2"].value == long and sheet["E2"].alignment.wrap_text and sheet.column_dimensions["E"].width == pytest.approx(60.71, abs=0.01)
    assert [sheet.row_dimensions[r].height for r in (2, 3)] == [48, None]  # 152 wide in 58.5 usable: 3 lines
    imported = sheet.cell(2, ledger_export.LEDGER_HEADERS.index("导入时间") + 1)
    assert (imported.value, imported.number_format) == (dt.datetime(2015, 4, 2, 9, 30), 'yyyy"年"m"月"d"日" hh:mm')
    assert sheet.cell(3, ledger_export.LEDGER_HEADERS.index("导入时间") + 1).value is None  # no time: blank


@pytest.mark.parametrize("streamed", [False, True])
def test_months_are_dates_and_a_day_typed_without_a_time_shows_no_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool) -> None:
    """Review W5 1, 2: 计入月份 and 文件月份 were text, so 2015年10月 sorted before 2015年1月; 事件发生时间 typed
    "10月7日晚" read 2015-10-07 00:00, a midnight nobody typed. The months are dates shown 2015年10月, a time of 00:00
    is shown as a date, the export time stands under the 汇总's title."""
    if streamed:
        monkeypatch.setattr(ledger_export, "CONSTANT_MEMORY_ROWS", 0)
    units = make_workspace(tmp_path / "ws").units()
    rows = [dataclasses.replace(article("岳阳县工信局", "十月动态", 5, month="2015-10", file_month="2015-09"), event_time=dt.datetime(2015, 10, 7)),
            dataclasses.replace(article("岳阳县工信局", "一月动态", 6, month="2015-01"), event_time=dt.datetime(2015, 1, 4, 8, 30))]  # fmt: skip
    buffer = io.BytesIO()
    write_ledger_export(buffer, period=Period.parse("2015"), articles=rows, units=units, now=dt.datetime(2015, 11, 2, 9, 5))
    book = openpyxl.load_workbook(buffer)
    sheet = book[ledger_export.LEDGER_SHEET]

    def cells(header: str) -> list[tuple[object, str]]:
        col = ledger_export.LEDGER_HEADERS.index(header) + 1
        return [(sheet.cell(r, col).value, sheet.cell(r, col).number_format) for r in (2, 3)]

    month = 'yyyy"年"m"月"'
    assert cells("计入月份") == [(dt.datetime(2015, 1, 1), month), (dt.datetime(2015, 10, 1), month)]
    assert cells("文件月份") == [(dt.datetime(2015, 1, 1), month), (dt.datetime(2015, 9, 1), month)]
    assert cells("事件发生时间") == [(dt.datetime(2015, 1, 4, 8, 30), "yyyy-mm-dd hh:mm"), (dt.datetime(2015, 10, 7), "yyyy-mm-dd")]
    assert cells("报送日期") == [(dt.datetime(2015, 1, 5), "yyyy-mm-dd"), (dt.datetime(2015, 10, 5), "yyyy-mm-dd")]
    assert book[ledger_export.SUMMARY_SHEET]["A2"].value == "导出时间：2015年11月2日 09:05"
