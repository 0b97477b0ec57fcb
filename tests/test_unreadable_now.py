"""A unit's file the coordinator's PC cannot read for a moment (open in another program: EACCES; moved away mid-run:
ENOENT) is the coordinator's to retry, never a refusal charged to the unit (review W4 defects 1 and 2)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report
from helpers_roster import PERSON, fill_template
from helpers_roster import make_workspace as make_roster_workspace

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.receipts import receipt_path
from xlflow.core.errors import ConfigError, InputFileError
from xlflow.core.periods import Period
from xlflow.intake.messages import NOT_NOW
from xlflow.intake.workbook import open_book, own_book
from xlflow.ledger import Ledger
from xlflow.workspace import Workspace
from xlflow.writers.receipt import FINDINGS_SHEET

MARCH = Period.parse("2015-03")
HELD = "暂时无法读取（正被其他程序使用或没有读取权限）：请关闭正在使用它的程序后重新运行；没有程序打开它时，请检查它的读取权限"


def _unreadable(monkeypatch: pytest.MonkeyPatch, part: str, code: int = errno.EACCES) -> None:
    """Reading a unit's file (not in out/) whose name holds `part` fails as the operating system says `code` (root
    ignores chmod)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if part in self.name and "out" not in self.parts:
            raise OSError(code, os.strerror(code), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def test_a_file_held_by_another_program_is_no_damaged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_report(tmp_path / "屈原区工信局_2015年03月.xlsx", "屈原区工信局", [report_row("屈原区三月信息")])
    _unreadable(monkeypatch, "屈原区")
    with pytest.raises(InputFileError) as caught:
        open_book(path)
    assert (caught.value.code, str(caught.value)) == (NOT_NOW, f"屈原区工信局_2015年03月.xlsx：{HELD}")
    _unreadable(monkeypatch, "屈原区", errno.ENOENT)
    with pytest.raises(InputFileError) as caught:
        open_book(path)
    assert (caught.value.code, str(caught.value)) == (
        NOT_NOW, "屈原区工信局_2015年03月.xlsx：读取时已不在原处（已被移走、改名或删除）：请确认它还在这个文件夹中后重新运行")
    with pytest.raises(ConfigError) as told:  # the coordinator's own book: the same words, once
        own_book(path, "任务分配表")
    assert str(told.value) == ("任务分配表 屈原区工信局_2015年03月.xlsx：读取时已不在原处（已被移走、改名或删除）："
                               "请确认它还在这个文件夹中后重新运行")


def test_a_consolidated_return_unreadable_now_keeps_its_rows_and_is_not_refused(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """屈原区's return was consolidated; it is open in another program when March is consolidated again: the summary
    tells the coordinator to close it and run again, the ledger keeps its 4 articles, its receipt says nothing of it,
    and the exit status says the run is not complete (1)."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    write_report(inbox / "屈原区工信局_2015年03月.xlsx", "屈原区工信局", [report_row(f"屈原区三月信息{i}", 3 + i) for i in (1, 2, 3, 4)])
    write_report(inbox / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    _unreadable(monkeypatch, "屈原区")
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 1, again.output
    assert "  读取文件 2 个：接受 1 个，拒收 0 个，暂时无法读取 1 个（见下）\n" in again.output
    assert (f"  ! 屈原区工信局_2015年03月.xlsx：{HELD}。屈原区工信局：台账保留上次读入的记录（原计入 4 条），"
            "本月按这些记录汇总\n") in again.output
    assert "✗" not in again.output and "F2" not in again.output and "拒收说明" not in again.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"]) if a.unit == "屈原区工信局"] == [
            "屈原区三月信息1", "屈原区三月信息2", "屈原区三月信息3", "屈原区三月信息4"]
        assert ledger.refused("2015-03") == []
    problems = openpyxl.load_workbook(receipt_path(ws, "屈原区工信局", MARCH))[FINDINGS_SHEET]
    assert [row[0] for row in problems.iter_rows(min_row=3, values_only=True) if any(row)] == ["未发现问题"]


def test_a_new_file_unreadable_now_is_named_for_the_coordinator(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file never read before, moved away while March is read (ENOENT): named, no receipt, the unit not refused."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    write_report(inbox / "屈原区工信局_2015年03月.xlsx", "屈原区工信局", [report_row("屈原区三月信息")])
    write_report(inbox / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    _unreadable(monkeypatch, "屈原区", errno.ENOENT)
    result = consolidate(ws, MARCH, None)
    assert result.exit_code == 1 and result.refused == []
    assert ("屈原区工信局_2015年03月.xlsx：读取时已不在原处（已被移走、改名或删除）：请确认它还在这个文件夹中后重新运行"
            "（本月尚未计入这个文件）") in result.warnings
    assert not receipt_path(ws, "屈原区工信局", MARCH).exists()
    # sweep Z4 D2: its file came, only unread: not 本月未报送 (OLD counted it as a refused file's unit)
    missing = next(line for line in result.lines if line.startswith("按月报送、本月未报送的单位"))
    assert "屈原区工信局" not in missing and "已收到工作簿、尚未汇总的单位（1 个）：屈原区工信局" in result.lines
    assert "屈原区工信局" not in result.data["missing"]


def test_a_register_form_open_elsewhere_leaves_the_roster_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """平江县's 通讯员登记表 is open in another program when register runs: the roster is not rewritten with 平江县 未报
    and 文件损坏, its record stays, and the next run, the form readable again, names no changed form."""
    ws = Workspace.open(make_roster_workspace(tmp_path / "ws"))
    forms = ws.root / "通讯员登记表"
    forms.mkdir(exist_ok=True)
    fill_template(forms / "岳阳县.xlsx", PERSON)
    fill_template(forms / "平江县.xlsx", {**PERSON, "unit": "平江县", "name": "李四", "mobile": "13807302222"})
    runner = CliRunner()
    assert runner.invoke(cli, ["register", "-w", str(ws.root)]).exit_code == 0
    book = openpyxl.load_workbook(ws.roster_path)
    sheet = book["通讯员名册"]
    col = {c.value: c.column for c in sheet[3]}
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, col["单位名称"]).value == "平江县工信局")
    sheet.cell(row, col["移动电话"]).value = "13900000000"  # the coordinator's correction
    book.save(ws.roster_path)
    roster, record = ws.roster_path.read_bytes(), (ws.root / ".xlflow-roster.json").read_bytes()

    _unreadable(monkeypatch, "平江县")
    held = runner.invoke(cli, ["register", "-w", str(ws.root)])
    assert held.exit_code == 1
    assert held.output == (f"错误：平江县.xlsx：{HELD}。通讯员名册未改动：处理好后请重新运行 xlflow -w {ws.root} register，"
                           "各单位的登记表一并登记\n")
    assert (ws.roster_path.read_bytes(), (ws.root / ".xlflow-roster.json").read_bytes()) == (roster, record)

    monkeypatch.undo()
    again = runner.invoke(cli, ["register", "-w", str(ws.root)])
    assert again.exit_code == 0, again.output
    assert " ! " not in again.output and "保留协调人在 通讯员名册.xlsx 中改过的 1 处（与登记表不同，以名册为准）：平江县工信局（移动电话）" in again.output
    sheet = openpyxl.load_workbook(ws.roster_path)["通讯员名册"]
    assert [sheet.cell(row, col[h]).value for h in ("状态", "姓名", "移动电话")] == ["已报", "李四", "13900000000"]
