"""A month keeps the min_chars and emergency_hours it was consolidated with (review revY1 D3): raising min_chars in
July for the articles from then on does not drop May's articles already counted and reported when one unit re-sends
its May file; `--recheck` checks the month with the new settings when the coordinator wants that."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
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
from xlflow.ledger import Ledger
from xlflow.workspace import Workspace
from xlflow.writers.receipt import RECEIPT_SHEET

MARCH, APRIL = Period.parse("2015-03"), Period.parse("2015-04")
PJ = "平江县工信局"
FIRST = "平江县工信局_2015年03月.xlsx"
ROWS = [report_row("平江县信息3", day=3), report_row("平江县信息4", day=4, body="平江县" * 90)]  # 330 and 270 characters
KEPT = ("2015年3月仍按此前汇总时的设置检查（字数下限 200 字，xlflow.toml 中现在是 301 字；现在的设置用于首次汇总的月份）："
        "如要按现在的设置重新检查2015年3月，请运行 xlflow consolidate --month 2015-03 --recheck")  # fmt: skip


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """平江县's March file (2 articles, one of 270 characters) consolidated with min_chars 200, then min_chars raised
    to 301 and the very same file re-sent as a 更正."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / FIRST, PJ, ROWS)
    assert "计入稿件 2 条" in _cli(ws, "consolidate", "--month", "2015-03")
    _set_min_chars(ws, 200, 301)
    shutil.copy(ws.inbox / "2015-03" / FIRST, ws.inbox / "2015-03" / "平江县工信局_2015年03月（更正）.xlsx")
    return Workspace.open(ws.root)


def _set_min_chars(ws: Workspace, old: int, new: int) -> None:
    text = ws.settings_path.read_text(encoding="utf-8")
    ws.settings_path.write_text(text.replace(f"min_chars = {old}", f"min_chars = {new}"), encoding="utf-8")


def _cli(ws: Workspace, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    return result.output.replace(f"-w {ws.root} ", "")


def _counted(ws: Workspace, month: str = "2015-03") -> list[str]:
    with Ledger.open(ws.ledger_path) as ledger:
        return [a.title for a in ledger.articles([month])]


def _footer(ws: Workspace, month: Period = MARCH) -> str:
    rows = openpyxl.load_workbook(receipt_path(ws, PJ, month))[RECEIPT_SHEET].iter_rows(values_only=True)
    return next(str(r[0]) for r in rows if r[0] and str(r[0]).startswith("说明"))


def test_a_month_consolidated_again_keeps_its_min_chars(ws: Workspace) -> None:
    """The 更正 consolidated (library): both articles still count, checked at 200 as the summary says in one line; the
    receipt says 200; the ledger records 200 for March. April, consolidated for the first time, is checked at 301."""
    text = consolidate(ws, MARCH, None, now=dt.datetime(2015, 7, 12, 9)).render()
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in text and "不再计入" not in text
    assert f"  {KEPT}\n" in text and text.count("仍按此前汇总时") == 1
    assert _counted(ws) == ["平江县信息3", "平江县信息4"]
    assert "每条信息不少于 200 字" in _footer(ws)
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.month_rules("2015-03") == (200, 24.0)
    write_report(ws.inbox / "2015-04" / "平江县工信局_2015年04月.xlsx", PJ,
                 [report_row("平江县信息5", day=6, body="平江县四月" * 54, month=4)], month="2015年4月")  # fmt: skip
    april = Api(ws.root).consolidate("2015-04").render()
    assert "计入稿件 0 条（共 1 行，1 行有错误未计入）" in april and "仍按" not in april
    assert "每条信息不少于 301 字" in _footer(ws, APRIL)
    with Ledger.open(ws.ledger_path) as ledger:
        assert (ledger.month_rules("2015-04"), ledger.month_rules("2015-05")) == ((301, 24.0), None)


def test_recheck_checks_the_month_with_the_current_settings(ws: Workspace) -> None:
    """The CLI says the same line; with --recheck the 270-character article no longer counts, the month keeps 301 from
    then on: set back to 200 (and emergency_hours to 12), March is still checked at 301 and 24 hours, as the line says."""
    output = _cli(ws, "consolidate", "--month", "2015-03")
    assert f"  {KEPT}\n" in output and _counted(ws) == ["平江县信息3", "平江县信息4"]
    output = _cli(ws, "consolidate", "--month", "2015-03", "--recheck")
    assert "计入稿件 1 条（共 2 行，1 行有错误未计入）" in output and "仍按" not in output
    assert _counted(ws) == ["平江县信息3"] and "每条信息不少于 301 字" in _footer(ws)
    _set_min_chars(ws, 301, 200)
    text = ws.settings_path.read_text(encoding="utf-8")
    ws.settings_path.write_text(text.replace("emergency_hours = 24 ", "emergency_hours = 12 "), encoding="utf-8")
    output = _cli(ws, "consolidate", "--month", "2015-03")
    assert ("  2015年3月仍按此前汇总时的设置检查（字数下限 301 字，xlflow.toml 中现在是 200 字；紧急信息时限 24 小时，"
            "xlflow.toml 中现在是 12 小时；现在的设置用于首次汇总的月份）：如要按现在的设置重新检查2015年3月，请运行 "
            "xlflow consolidate --month 2015-03 --recheck\n") in output
    assert _counted(ws) == ["平江县信息3"]


def test_an_older_ledger_keeps_the_receipts_min_chars_else_takes_the_current_one(ws: Workspace) -> None:
    """A ledger of schema version 4 records no month's settings: March takes the min_chars its receipts were written
    with (200); with no receipt record either, the current settings (301)."""
    db = sqlite3.connect(ws.ledger_path)
    with db:
        db.execute("DROP TABLE month_rules")
        db.execute("UPDATE schema_version SET version = 4")
    db.close()
    output = _cli(ws, "consolidate", "--month", "2015-03")
    assert f"  {KEPT}\n" in output and _counted(ws) == ["平江县信息3", "平江县信息4"]
    db = sqlite3.connect(ws.ledger_path)
    with db:
        db.execute("DELETE FROM month_rules")
    db.close()
    index = json.loads(ws.receipt_index_path.read_text(encoding="utf-8"))
    ws.receipt_index_path.write_text(json.dumps({k: v for k, v in index.items() if k != "min_chars"}), encoding="utf-8")
    output = _cli(ws, "consolidate", "--month", "2015-03")
    assert "计入稿件 1 条" in output and "仍按" not in output and _counted(ws) == ["平江县信息3"]


def test_consolidating_again_after_a_restore_keeps_the_restored_ledger(ws: Workspace) -> None:
    """March re-checked at 301 after a backup, the backup restored: the consolidate restore advises checks March as the
    restored ledger did (200) and changes none of its articles."""
    _cli(ws, "backup", "--out", "backup/三月.sqlite")
    assert "计入稿件 1 条" in _cli(ws, "consolidate", "--month", "2015-03", "--recheck")
    output = _cli(ws, "restore", "backup/三月.sqlite")
    assert "2015年3月：out/ 中的回执和通报与恢复的台账不符" in output and "xlflow consolidate --month 2015-03" in output
    assert _counted(ws) == ["平江县信息3", "平江县信息4"]
    output = _cli(ws, "consolidate", "--month", "2015-03")
    assert f"  {KEPT}\n" in output and _counted(ws) == ["平江县信息3", "平江县信息4"]


def test_the_month_s_通报_asks_for_the_current_minimum_either_way(ws: Workspace) -> None:
    """The 通报's 下一步工作要求 “每条信息字数不少于…字” is what units must do from now on: xlflow.toml's 301, whether the
    month's 通报 is written by consolidate (its rows still checked at 200) or by bulletin; both write the same text."""
    from xlflow.commands.bulletin import bulletin_path
    from xlflow.writers.bulletin import NARRATIVE_SHEET

    def said() -> list[str]:
        sheet = openpyxl.load_workbook(bulletin_path(ws, MARCH))[NARRATIVE_SHEET]
        return [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v and "每条信息字数不少于" in str(v)]

    assert KEPT in _cli(ws, "consolidate", "--month", "2015-03")
    assert said() == ["\u3000\u3000（二）每条信息字数不少于301字；报送规模工业增加值增速、工业投资、工业用电、工业税收等指标信息时必须有情况分析；报送前须按规定审签。"]
    first = said()
    _cli(ws, "bulletin", "--period", "2015-03", "--date", "2015-07-12")
    assert said() == first
