"""What a leader holding the printed 通报 sees (review of 2026-11-30): the 落款日期 the coordinator chose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_bulletin import (
    OFFICE,
    PJ,
    YY,
    narrative_lines,
)
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.core.periods import Period
from xlflow.workspace import Workspace

H1 = Period.parse("2015-H1")


def _workspace(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    march = ws.inbox / "2015-03"
    write_report(march / "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(5)], month="2015年3月")
    write_report(march / "平江县.xlsx", PJ, [report_row("平江县稿件")], month="2015年3月")
    write_report(march / "办公室.xlsx", OFFICE, [report_row("办公室季度稿件")], month="2015年3月")
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    return ws


def _notice(ws: Workspace) -> list[str]:
    return narrative_lines(openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx"))


# --- A: the 落款日期 -------------------------------------------------------------------------------------


def test_the_notice_is_dated_as_the_coordinator_says(tmp_path: Path) -> None:
    from xlflow.commands.bulletin import bulletin

    ws = _workspace(tmp_path)
    result = bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 0), date=dt.date(2015, 7, 3))
    assert _notice(ws)[-2:] == ["岳阳市经信委\u3000\u3000", "2015年7月3日\u3000\u3000"]
    assert not any("落款日期" in w for w in result.warnings)


def test_a_bulletin_made_long_after_its_period_says_how_to_date_it(tmp_path: Path) -> None:
    from xlflow.commands.bulletin import bulletin

    ws = _workspace(tmp_path)
    late = bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 0))
    assert _notice(ws)[-1] == "2026年11月30日\u3000\u3000"  # today, as before, but said
    assert "通报的落款日期是今天（2026年11月30日）：如要写发文的日期，请加 --date，如 --date 2015-07-01" in late.warnings
    in_time = bulletin(ws, H1, now=dt.datetime(2015, 7, 31, 9, 0))  # within the month after the half year
    assert not any("落款日期" in w for w in in_time.warnings)


def test_a_date_given_renews_a_notice_of_another_date(tmp_path: Path) -> None:
    """Today's date alone does not renew the file (it is masked); a date the coordinator gives is content."""
    from xlflow.commands.bulletin import bulletin

    ws = _workspace(tmp_path)
    bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 0))
    dated = bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 5), date=dt.date(2015, 7, 3))
    assert any(line.startswith("通报_2015年上半年.xlsx 内容有变化") for line in dated.lines)
    assert _notice(ws)[-1] == "2015年7月3日\u3000\u3000"
    again = bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 10), date=dt.date(2015, 7, 3))
    assert "通报_2015年上半年.xlsx 内容没有变化，保留原文件" in again.lines


@pytest.mark.parametrize("typed", ["2015-07-03", "2015年7月3日", "2015/7/3"])
def test_cli_date_option(tmp_path: Path, typed: str) -> None:
    ws = _workspace(tmp_path)
    result = CliRunner().invoke(cli, ["bulletin", "--period", "2015-H1", "--date", typed, "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert _notice(ws)[-1] == "2015年7月3日\u3000\u3000"
    assert "落款日期" not in result.output


def test_cli_bad_date_is_one_chinese_line(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    result = CliRunner().invoke(cli, ["bulletin", "--period", "2015-H1", "--date", "2015-02-30", "-w", str(ws.root)])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "错误：--date：“2015-02-30”不是日期：请写成 2015-07-03 或 2015年7月3日"
    assert not (ws.out / "通报_2015年上半年.xlsx").exists()


def test_cli_help_shows_the_date_option() -> None:
    result = CliRunner().invoke(cli, ["bulletin", "-h"])
    assert "--date YYYY-MM-DD    通报的落款日期，如 2015-07-03；默认今天。" in result.output
    assert "xlflow bulletin --period 2015-H1 --date 2015-07-03" in result.output
