"""writers/smallbook.py writes the same receipt as xlsxwriter: every XML part equal, save xlsxwriter's optional
`spans` hints; and it refuses what it cannot write instead of dropping it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from helpers_bench import assert_same_workbook
from helpers_ledger import article, finding

from xlflow.config import Settings
from xlflow.model import WARNING
from xlflow.periods import Period
from xlflow.writers import receipt
from xlflow.writers.base import Formats, add_sheet, write_text
from xlflow.writers.receipt import RECEIPT_SHEET, QuotaProgress, write_receipt
from xlflow.writers.smallbook import SmallWorkbook, small_workbook

UNIT = "平江县工信局"
MARCH = Period.parse("2015-03")


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: re.sub(r' spans="[^"]*"', "", archive.read(name).decode("utf-8")) for name in archive.namelist()}


def _receipt(engine: str, articles: list, findings: list, progress: QuotaProgress) -> bytes:
    buffer = io.BytesIO()
    write_receipt(buffer, unit=UNIT, month=MARCH, articles=articles, findings=findings, progress=progress,
                  settings=Settings(year=2015), engine=engine)  # type: ignore[arg-type]  # fmt: skip
    return buffer.getvalue()


def _cases() -> list[tuple[list, list, QuotaProgress]]:
    short = finding(UNIT, 6, "R1")
    warn = dataclasses.replace(finding(UNIT, 7, "R8"), severity=WARNING, cell="I7", column="审签人", message="审签人与通讯员是同一人")
    whole = dataclasses.replace(finding(UNIT, None, "F9"), severity=WARNING, message="第二个工作表没有数据 & <说明>")
    long_message = dataclasses.replace(short, row=9, message="正文不足 200 字，" * 12 + "请补充后重新报送")
    rows = [
        article(UNIT, "=SUM(A1:A3) 平江县工业运行", 7, findings=[warn]),
        article(UNIT, "平江县召开推进会", 6, counted=False, findings=[short]),
        article(UNIT, "  前后有空格的标题 ", 9, counted=False, findings=[long_message]),
        article(UNIT, "平江县四月项目 <a&b>", 8, month="2015-04", file_month="2015-03"),
        # no date and no 字数: blank cells that keep their column's format (date, integer)
        dataclasses.replace(article(UNIT, "没有日期\x07也没有字数", 10, counted=False, findings=[short]), date=None, chars=None),
    ]
    monthly = QuotaProgress(quota=4, counted=1, period_label="2015年3月", quota_text="每月 4 条")
    quarterly = QuotaProgress(quota=1, counted=0, period_label="2015年第一季度（截至3月）", quota_text="每季度 1 条")
    return [
        (rows, [warn, short, whole, long_message], monthly),
        (rows[:1], [], quarterly),
        ([], [dataclasses.replace(whole, code="F3", severity="error")], QuotaProgress(0, 0, "2015年3月", "每月 0 条")),
    ]


@pytest.mark.parametrize("case", range(len(_cases())))
def test_receipt_parts_equal_xlsxwriter(case: int) -> None:
    articles, findings, progress = _cases()[case]
    fast = _parts(_receipt("smallbook", articles, findings, progress))
    reference = _parts(_receipt("xlsxwriter", articles, findings, progress))
    assert sorted(fast) == sorted(reference)
    for name, xml in reference.items():
        assert fast[name] == xml, name


def test_a_receipt_in_constant_memory_reads_back_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(receipt, "CONSTANT_MEMORY_ROWS", 1)
    for articles, findings, progress in _cases():
        assert_same_workbook(_receipt("smallbook", articles, findings, progress),
                             _receipt("xlsxwriter", articles, findings, progress))  # fmt: skip


def test_fast_receipt_reads_back_and_is_byte_stable() -> None:
    articles, findings, progress = _cases()[0]
    first = _receipt("smallbook", articles, findings, progress)
    assert first == _receipt("smallbook", articles, findings, progress)
    sheet = openpyxl.load_workbook(io.BytesIO(first))[RECEIPT_SHEET]
    assert sheet["B2"].value == UNIT
    assert sheet["D8"].value == "=SUM(A1:A3) 平江县工业运行" and sheet["D8"].data_type == "s"
    assert sheet["C8"].value == dt.datetime(2015, 3, 5)


def test_unsupported_features_are_refused() -> None:
    book = SmallWorkbook()
    with pytest.raises(ValueError, match="italic"):
        book.add_format({"italic": True})
    sheet = book.add_worksheet("表")
    with pytest.raises(ValueError):
        sheet.set_column(0, 1, 10, book.add_format({}))
    with pytest.raises(ValueError):
        sheet.set_row(1, 20, book.add_format({}))


def test_small_workbook_writes_a_path(tmp_path) -> None:
    path = tmp_path / "小.xlsx"
    with small_workbook(path, title="标题") as book:
        fmt = Formats(book)
        sheet = add_sheet(book, "表一")
        write_text(sheet, 0, 0, "+1 不是公式", fmt.text)
        sheet.write_number(0, 1, 0.125, fmt.percent)
    read = openpyxl.load_workbook(path)["表一"]
    assert read["A1"].value == "+1 不是公式" and read["A1"].data_type == "s"
    assert read["B1"].value == 0.125 and read["B1"].number_format == "0.0%"
    assert read["A1"].font.name == "宋体"
