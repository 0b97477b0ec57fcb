"""Other months' receipts follow the ledger (review V1): a quarterly unit's quarter to date and a 补报 row dated in
another month, whatever the order the months are consolidated in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.api import Workspace as Api
from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.receipts import receipt_path
from xlflow.core.periods import Period
from xlflow.workspace import Workspace
from xlflow.writers.receipt import RECEIPT_SHEET

NOW = dt.datetime(2015, 4, 3, 9, 0)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _send(ws: Workspace, month: int, name: str, unit: str, titles: list[tuple[str, int, int]], day: int) -> None:
    """`unit`'s file `name` in inbox/2015-0M, one row (title, month, day) each, saved on day `day` of the month."""
    rows = [report_row(title, d, month=m) for title, m, d in titles]
    write_report(ws.inbox / f"2015-{month:02d}" / name, unit, rows, month=f"2015年{month}月",
                 mtime=dt.datetime(2015, month, day).timestamp())  # fmt: skip


def _cli(ws: Workspace, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    return result.output


def _progress(ws: Workspace, unit: str, month: int) -> tuple[str, int, int]:
    """考核期间, 任务数 and 计入数 as the receipt of `unit` for 2015-0M shows them."""
    row = next(openpyxl.load_workbook(receipt_path(ws, unit, Period(2015, "M", month)))[RECEIPT_SHEET].iter_rows(
        min_row=4, max_row=4, values_only=True))  # fmt: skip
    return row[0], row[4], row[5]


def _office(ws: Workspace) -> None:
    """办公室 (assessed by quarter, 1 article due) sends one article in each month of the first quarter."""
    for month in (1, 2, 3):
        _send(ws, month, f"办公室_2015年{month:02d}月.xlsx", "办公室", [(f"办公室{month}月信息", month, 10)], 20)


def test_a_quarterly_units_receipts_hold_the_quarter_to_date_whatever_the_order(ws: Workspace) -> None:
    """March, January, then February consolidated: each later receipt of the quarter is written again with the
    quarter to date (March's said 1 after March, 2 after January), and the summary names it (CLI)."""
    _office(ws)
    assert "其他月份的回执" not in _cli(ws, "consolidate", "--month", "2015-03")
    assert "  其他月份的回执随之更新 1 份：2015年3月 办公室\n" in _cli(ws, "consolidate", "--month", "2015-01")
    assert _progress(ws, "办公室", 3) == ("2015年第一季度（截至3月）", 1, 2)
    assert "  其他月份的回执随之更新 1 份：2015年3月 办公室\n" in _cli(ws, "consolidate", "--month", "2015-02")
    assert [_progress(ws, "办公室", m) for m in (1, 2, 3)] == [
        ("2015年第一季度（截至1月）", 1, 1), ("2015年第一季度（截至2月）", 1, 2), ("2015年第一季度（截至3月）", 1, 3)]
    rates = Api(ws.root).rates("2015-03")
    assert int(rates.loc[rates["单位名称"] == "办公室", "报送数"].iloc[0]) == 3


def test_a_resent_january_updates_the_quarters_later_receipts(ws: Workspace) -> None:
    """Months consolidated in order, then 办公室 resends January with one more article: February's and March's
    receipts say 3 and 4, and the summary lists both."""
    _office(ws)
    for month in (1, 2, 3):
        consolidate(ws, Period(2015, "M", month), None, now=NOW)
    _send(ws, 1, "办公室_2015年01月（更正）.xlsx", "办公室", [("办公室1月信息", 1, 10), ("办公室1月又一条", 1, 12)], 25)
    result = consolidate(ws, Period(2015, "M", 1), None, now=NOW)
    assert "其他月份的回执随之更新 2 份：2015年2月 办公室、2015年3月 办公室" in result.lines
    assert [_progress(ws, "办公室", m)[2] for m in (1, 2, 3)] == [2, 3, 4]


def test_a_supplement_dated_in_february_updates_februarys_receipt(ws: Workspace) -> None:
    """湘阴县 sends 2 articles in February, then a March 补报 of one more February article: it counts in
    February, whose receipt now says 3 (CLI), as status does."""
    unit = "湘阴县工信局"
    _send(ws, 2, f"{unit}_2015年02月.xlsx", unit, [("湘阴县二月动态1", 2, 5), ("湘阴县二月动态2", 2, 6)], 26)
    _send(ws, 3, f"{unit}_2015年03月_补报.xlsx", unit, [("湘阴县二月补报新稿", 2, 20)], 27)
    _cli(ws, "consolidate", "--month", "2015-02")
    assert "  其他月份的回执随之更新 1 份：2015年2月 湘阴县工信局\n" in _cli(ws, "consolidate", "--month", "2015-03")
    assert _progress(ws, unit, 2) == ("2015年2月", 4, 3)
    line = next(s for s in _cli(ws, "status", "--month", "2015-02").splitlines() if unit in s)
    assert line.split()[1:4] == [unit, "1", "3"]  # 文件, 本月计入
