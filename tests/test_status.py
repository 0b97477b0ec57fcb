"""`status` against what the ledger cannot know or no longer matches: the quarter's end by today's date, rows a
return counts in another month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.commands.consolidate import consolidate
from xlflow.commands.status import status
from xlflow.core.periods import Period
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
