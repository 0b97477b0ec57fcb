"""`status` against what the ledger cannot know or no longer matches: the quarter's end by today's date, rows a
return counts in another month, ledger units the quota table no longer names. Library and CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.status import status
from xlflow.core.periods import Period
from xlflow.core.schema import QUOTA_SHEET
from xlflow.workspace import Workspace

FEBRUARY = Period.parse("2015-02")
MARCH = Period.parse("2015-03")
JUNE = Period.parse("2015-06")
NOW = dt.datetime(2015, 4, 3, 9, 0)
TODAY = dt.date(2015, 4, 3)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _notice(notices: list[str], unit: str) -> str | None:
    return next((n for n in notices if n.startswith(f"{unit}：")), None)


# --- the quarter's end is a date ---------------------------------------------------------------------------


def _june(ws: Workspace) -> None:
    write_report(ws.inbox / "2015-06" / "岳阳县工信局_2015年06月.xlsx", "岳阳县工信局",
                 [report_row(f"岳阳县6月信息{d}", d, month=6) for d in (1, 2, 3, 4)], month="2015年6月")  # fmt: skip


QUARTERLY = "办公室、离退休人员管理服务科、人事科、财务科、机关党委、工业公会、能源利用监测站、机关后勤服务中心、退二进三办"


def test_the_quarter_has_not_ended_before_its_last_day(ws: Workspace) -> None:
    _june(ws)
    made = consolidate(ws, JUNE, None, now=dt.datetime(2015, 6, 25, 17, 0)).render()
    waiting = f"按季度考核的单位 9 个（2015年第二季度，截至6月）：本季度已完成 0 个，季度尚未结束（6月30日截止），目前未完成 9 个：{QUARTERLY}"
    assert waiting in made and "季度已结束" not in made
    result = status(ws, JUNE, remind=True, today=dt.date(2015, 6, 25))
    assert waiting in result.render()
    assert "请于6月30日前报送" in (_notice(result.data["notices"], "办公室") or "")
    assert "季度已结束" not in result.render()

    ended = status(ws, JUNE, today=dt.date(2015, 7, 1)).render()
    assert f"本季度已完成 0 个，季度已结束，未完成 9 个：{QUARTERLY}" in ended


# --- rows of the month's return that count in another month ------------------------------------------------


def test_the_reminder_says_which_rows_count_in_another_month(ws: Workspace) -> None:
    write_report(ws.inbox / "2015-03" / "平江县3月.xlsx", "平江县工信局", [
        report_row("平江县信息1", 26, month=2), report_row("平江县信息2", 27, month=2),
        report_row("平江县信息3", 5), report_row("平江县信息4", 6),
    ])  # fmt: skip
    write_report(ws.inbox / "2015-03" / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息1")])
    consolidate(ws, MARCH, None, now=NOW)
    notices = status(ws, MARCH, remind=True, today=dt.date(2015, 4, 2)).data["notices"]
    assert ("2015年3月已计入2篇（贵单位2015年3月的登记表中另有2篇按报送日期计入2015年2月），尚差2篇。") in (
        _notice(notices, "平江县工信局") or ""
    )
    assert "另有" not in (_notice(notices, "岳阳县工信局") or "")


# --- ledger units the quota table does not name -------------------------------------------------------------


def _rename(ws: Workspace, old: str, new: str) -> None:
    book = openpyxl.load_workbook(ws.quota_path)
    sheet = book[QUOTA_SHEET]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == old)
    cell.value = new
    book.save(ws.quota_path)


def _counted_march(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(
        inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row(f"岳阳县信息{d}", d) for d in range(1, 8)]
    )
    write_report(inbox / "中小企业服务中心3月.xlsx", "中小企业服务中心", [report_row("服务中心信息1")])
    consolidate(ws, MARCH, None, now=NOW)


def test_articles_under_a_name_the_quota_table_lost_are_named(ws: Workspace) -> None:
    _counted_march(ws)
    _rename(ws, "岳阳县工信局", "岳阳县 工信局")  # a space typed in
    _rename(ws, "中小企业服务中心", "企业服务中心")  # renamed mid-year
    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    assert (
        "台账中有 2 个单位不在任务分配表中，其稿件没有计入上表：中小企业服务中心（2015年3月计入 1 条）、"
        "岳阳县工信局（2015年3月计入 7 条）：任务分配表的单位名称写错了的，请改正；单位改了名称的，"
        "请在任务分配表该单位的“别名”列填上原名称，再重新运行 xlflow consolidate --month 2015-03"
    ) in text
    notices = result.data["notices"]
    # the same unit by its name's spelling: not told nothing came; a renamed unit cannot be told apart safely
    assert _notice(notices, "岳阳县 工信局") is None
    assert (
        "稿件记在台账其他名称下、未起草催报通知的单位（1 个）：岳阳县 工信局（台账中为“岳阳县工信局”）"
        in text
    )
    assert "尚未收到" in (_notice(notices, "企业服务中心") or "")

    cli_run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert cli_run.exit_code == 0, cli_run.output
    assert "台账中有 2 个单位不在任务分配表中" in cli_run.output
    clean = make_workspace(ws.root.parent / "clean")
    _counted_march(clean)
    assert "不在任务分配表中" not in status(clean, MARCH, today=TODAY).render()
