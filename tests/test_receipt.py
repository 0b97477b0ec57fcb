"""The 回执 workbook, read back with openpyxl."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import openpyxl
from helpers_ledger import article, finding

from xlflow.config import Settings
from xlflow.model import WARNING
from xlflow.periods import Period
from xlflow.writers.receipt import (
    ARTICLE_HEADERS,
    FINDING_HEADERS,
    FINDINGS_SHEET,
    RECEIPT_SHEET,
    QuotaProgress,
    write_receipt,
)

UNIT = "平江县工信局"
MARCH = Period.parse("2015-03")


def _receipt(target: Path | io.BytesIO) -> None:
    short = finding(UNIT, 6, "R1")
    warn = dataclasses.replace(finding(UNIT, 7, "R8"), severity=WARNING, cell="I7", column="审签人", message="审签人与通讯员是同一人")
    late = dataclasses.replace(finding(UNIT, None, "F9"), severity=WARNING, message="第二个工作表没有数据")
    articles = [
        article(UNIT, "=SUM(A1:A3) 平江县工业运行", 7, findings=[warn]),
        article(UNIT, "平江县召开推进会", 6, counted=False, findings=[short]),
        article(UNIT, "平江县四月项目", 8, month="2015-04", file_month="2015-03"),
    ]
    write_receipt(
        target,
        unit=UNIT,
        month=MARCH,
        articles=articles,
        findings=[warn, short, late],
        progress=QuotaProgress(quota=4, counted=1, period_label="2015年3月", quota_text="每月 4 条"),
        settings=Settings(year=2015),
    )


def test_receipt_names_rows_findings_and_progress(tmp_path: Path) -> None:
    path = tmp_path / "回执.xlsx"
    _receipt(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [RECEIPT_SHEET, FINDINGS_SHEET]
    sheet = book[RECEIPT_SHEET]
    assert "回执" in sheet["A1"].value
    assert sheet["B2"].value == UNIT
    assert "2015年3月" in sheet["D2"].value
    # progress: period, quota, counted, rate, rows sent, rows counted, errors, warnings
    values = [c.value for c in sheet[4][:8]]
    assert values == ["2015年3月", 4, 1, 0.25, 3, 2, 1, 2]
    assert sheet["D4"].number_format == "0.0%"
    assert [c.value for c in sheet[6]] == list(ARTICLE_HEADERS)
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=7, max_row=9)]
    assert [(r[1], r[3], r[7]) for r in rows] == [
        (6, "平江县召开推进会", "未计入"),
        (7, "=SUM(A1:A3) 平江县工业运行", "计入"),
        (8, "平江县四月项目", "计入（计入2015年4月）"),
    ]
    assert sheet["D8"].data_type == "s"  # a title that looks like a formula stays text
    assert rows[0][8] == "R1 字数不足（E6）"
    assert rows[1][8] == "R8 自审自签（I7）"
    assert rows[0][2].year == 2015 and rows[0][2].month == 3
    assert sheet.freeze_panes == "A7"
    assert sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$6:$6"
    notes = " ".join(str(c.value) for row in sheet.iter_rows(min_row=10) for c in row if c.value)
    assert "易振波" in notes and "143863243" in notes

    problems = book[FINDINGS_SHEET]
    assert [c.value for c in problems[1]] == list(FINDING_HEADERS)
    found = [[c.value for c in r] for r in problems.iter_rows(min_row=2, max_row=4)]
    # file-level first, then by row
    assert [(r[3], r[4], r[5], r[6]) for r in found] == [
        ("整个文件", None, "F9 无有效数据", "提示"),
        ("E6", "平江县召开推进会", "R1 字数不足", "错误"),
        ("I7", "=SUM(A1:A3) 平江县工业运行", "R8 自审自签", "提示"),
    ]
    assert found[1][7] == "正文不足 200 字，请补充后重新报送"
    assert problems.freeze_panes == "A2"


def test_receipt_is_byte_stable_and_takes_a_stream(tmp_path: Path) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    _receipt(first)
    _receipt(second)
    assert first.getvalue() == second.getvalue()
    assert openpyxl.load_workbook(io.BytesIO(first.getvalue()))[RECEIPT_SHEET]["B2"].value == UNIT


def test_receipt_without_rows_says_so(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    refusal = dataclasses.replace(finding(UNIT, None, "F3"), message="文件设有密码：请取消密码后重新报送")
    write_receipt(
        path,
        unit=UNIT,
        month=MARCH,
        articles=[],
        findings=[refusal],
        progress=QuotaProgress(quota=4, counted=0, period_label="2015年3月", quota_text="每月 4 条"),
        settings=Settings(year=2015),
    )
    book = openpyxl.load_workbook(path)
    assert "没有可读取的稿件" in book[RECEIPT_SHEET]["A7"].value
    assert book[FINDINGS_SHEET]["H2"].value == "文件设有密码：请取消密码后重新报送"
