"""The 台账 export through writers/smallbook.py (the default) reads back exactly as through xlsxwriter, both as a
small workbook and row by row in constant memory; every cell, format and sheet setting compared with openpyxl."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import threading
import zlib
from pathlib import Path

import openpyxl
import pytest
from helpers_bench import assert_same_workbook
from helpers_ledger import article, finding, make_workspace

from xlflow.model import WARNING
from xlflow.periods import Period
from xlflow.writers import ledger_export, smallbook
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


def _write(engine: str, articles: list, units) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    count = write_ledger_export(buffer, period=H1, articles=articles, units=units, engine=engine)  # type: ignore[arg-type]
    assert count == len(articles)
    return buffer.getvalue()


@pytest.mark.parametrize("constant_memory", [False, True])
def test_smallbook_export_reads_back_as_xlsxwriter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, constant_memory: bool) -> None:
    if constant_memory:
        monkeypatch.setattr(ledger_export, "CONSTANT_MEMORY_ROWS", 2)
    units = make_workspace(tmp_path / "ws").units()
    articles = _articles()
    data = _write("smallbook", articles, units)
    assert_same_workbook(data, _write("xlsxwriter", articles, units))
    fast = openpyxl.load_workbook(io.BytesIO(data))
    assert fast.sheetnames == [ledger_export.LEDGER_SHEET, ledger_export.SUMMARY_SHEET]
    ledger = fast[ledger_export.LEDGER_SHEET]
    assert ledger["E2"].value == "=SUM(A1) 不是公式" and ledger["E2"].data_type == "s"
    body = ledger.cell(2, len(ledger_export.LEDGER_HEADERS)).value
    assert body.startswith("正文含控制字符") and "\x07" not in body and "第二段" in body
    assert ledger.max_row == len(articles) + 1


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


def _deflate_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "xlflow-deflate"]


def test_rows_compressed_piece_by_piece_in_their_thread_read_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # every row its own piece: the queue to the compressing thread fills and drains many times
    monkeypatch.setattr(smallbook, "_STREAM_CHUNK", 50)
    monkeypatch.setattr(smallbook._Deflater, "QUEUED", 1)
    units = make_workspace(tmp_path / "ws").units()
    articles = _articles() * 40
    data = _write("smallbook", articles, units)
    assert_same_workbook(data, _write("xlsxwriter", articles, units))
    sheet = openpyxl.load_workbook(io.BytesIO(data))[ledger_export.LEDGER_SHEET]
    assert sheet.max_row == len(articles) + 1
    titles = [sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)]
    assert titles.count("  前后有空格  ") == 40  # xml:space="preserve" on the streamed path
    assert sheet.cell(len(articles) + 1, 1).value == len(articles)
    assert _deflate_threads() == []


def test_a_workbook_given_up_half_way_writes_nothing_and_stops_its_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(smallbook, "_STREAM_CHUNK", 10)
    target = tmp_path / "台账.xlsx"
    with pytest.raises(RuntimeError, match="中途出错"), smallbook.small_workbook(target, constant_memory=True) as book:
        sheet = book.add_worksheet("台账")
        text = book.add_format({"border": 1})
        for r in range(50):
            sheet.write_row(r, [r, f"第 {r} 行"], [text, text], text)
        assert _deflate_threads() == ["xlflow-deflate"]
        raise RuntimeError("中途出错")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    assert _deflate_threads() == []


@pytest.mark.parametrize("piece", [10, 1 << 20], ids=["while writing rows", "while packaging"])
def test_a_compression_failure_in_the_thread_is_raised_to_the_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int) -> None:
    monkeypatch.setattr(smallbook, "_STREAM_CHUNK", piece)

    class Broken:
        def compress(self, data: bytes) -> bytes:
            raise zlib.error("压缩失败")

        def flush(self, mode: int = 0) -> bytes:
            return b""

    target = tmp_path / "台账.xlsx"
    with pytest.raises(zlib.error, match="压缩失败"), smallbook.small_workbook(target, constant_memory=True) as book:
        sheet = book.add_worksheet("台账")
        assert sheet.stream is not None
        sheet.stream.packer = Broken()  # type: ignore[assignment]
        for r in range(200):
            sheet.write_row(r, [r, f"第 {r} 行"], [None, None], None)
        other = book.add_worksheet("汇总")  # a second streamed sheet, its thread started: stopped all the same
        for r in range(200):
            other.write_row(r, [r], [None], None)
        assert other.stream is not None
        other.stream.write(b"<row/>")
    assert not target.exists()
    assert _deflate_threads() == []
