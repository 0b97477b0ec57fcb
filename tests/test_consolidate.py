"""`consolidate`: a month's folder into the ledger, receipts, the summary; through the library and the CLI."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import BODY, dump, file_state, make_workspace, report_row, write_report
from helpers_roster import fill_template
from helpers_workbooks import HEADER, article_row, write_xlsx

from xlflow import lock
from xlflow.cli import cli
from xlflow.commands.bulletin import bulletin
from xlflow.commands.consolidate import consolidate
from xlflow.commands.receipts import receipt_path
from xlflow.core.errors import BusyError, WorkspaceError
from xlflow.core.periods import Period
from xlflow.ledger import Ledger
from xlflow.workspace import Workspace
from xlflow.writers.receipt import FINDINGS_SHEET, RECEIPT_SHEET

MARCH = Period.parse("2015-03")
APRIL = Period.parse("2015-04")
NOW = dt.datetime(2015, 4, 3, 9, 0)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _inbox(ws: Workspace, month: str = "2015-03") -> Path:
    folder = ws.inbox / month
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _fill(ws: Workspace) -> Path:
    """Three units, one short article, one duplicate, an owner lock file and a file that is no workbook."""
    inbox = _inbox(ws)
    write_report(inbox / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", [
        report_row("岳阳县一季度工业运行平稳"),
        report_row("岳阳县召开项目推进会", body="太短了"),
        report_row("岳阳县一季度工业运行平稳"),
        report_row("岳阳县新增规模企业三家", day=9),
    ], mtime=1_426_000_000)  # fmt: skip
    write_report(inbox / "平江县3月信息.xlsx", "平江县", [report_row("平江县工业园区建设提速")], mtime=1_426_000_000)
    write_report(inbox / "经济运行科.xlsx", "经济运行科", [report_row("全市工业用电情况", signer="")], mtime=1_426_000_000)
    (inbox / "~$岳阳县工信局_2015年03月.xlsx").write_bytes(b"\x00owner")
    (inbox / "华容县工信局_3月.xlsx").write_text("这不是工作簿", encoding="utf-8")
    return inbox


def test_a_month_is_read_checked_counted_and_receipted(ws: Workspace) -> None:
    inbox = _fill(ws)
    before = {p.name: file_state(p) for p in inbox.iterdir()}
    result = consolidate(ws, MARCH, None, now=NOW)

    assert result.exit_code == 3
    assert result.data["counted"] == {"岳阳县工信局": 2, "平江县工信局": 1}
    assert result.data["rows"] == {"岳阳县工信局": 4, "平江县工信局": 1, "经济运行科": 1}
    assert result.data["lock_files"] == ["~$岳阳县工信局_2015年03月.xlsx"]
    assert result.data["refused"] == {"华容县工信局_3月.xlsx": "F1"}
    assert result.data["findings"] == {"R1": 1, "R6": 1, "R3": 1}
    assert len(result.refused) == 1 and result.refused[0].startswith("华容县工信局_3月.xlsx：")
    text = result.render()
    assert "读取文件 4 个：接受 3 个，拒收 1 个" in text
    assert "跳过：Excel/WPS 锁定文件 1 个（~$岳阳县工信局_2015年03月.xlsx）" in text
    assert "计入稿件 3 条" in text
    assert "R1 字数不足 1 条，R3 未审签 1 条，R6 重复报送 1 条" in text
    # as `status` says it: a refused file was received; quarterly units stand on their own line; quota-table order
    assert "本月报送文件的单位 4/34 个，计入 3 条；其中 1 个单位的文件全部被拒收：华容县工信局" in text
    assert "按月报送、本月未报送的单位（21 个）：湘阴县工信局、汨罗市工信局、临湘市工信局" in text
    assert "按季度考核的单位 9 个（2015年第一季度，截至3月）：本季度已完成 0 个，季度已结束，未完成 9 个" in text
    assert {p.name: file_state(p) for p in inbox.iterdir()} == before  # unit files are never touched

    # receipts: one per unit that sent something, the refused one included (named from its file name)
    assert set(result.data["receipts"]) == {"岳阳县工信局", "平江县工信局", "经济运行科", "华容县工信局"}
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", MARCH))
    sheet = book[RECEIPT_SHEET]
    assert [sheet["A4"].value, *(c.value for c in sheet[4][4:7])] == ["2015年3月", 4, 2, 0.5]
    assert sheet["A5"].value == "文件“岳阳县工信局_2015年03月.xlsx”：工作表“信息报送登记表”：第 5—8 行，4 条"
    assert [c.value for c in sheet[7]][:2] == ["序号", "行号"]
    rows = [(r[1].value, r[3].value, r[7].value) for r in sheet.iter_rows(min_row=8, max_row=11)]
    assert rows == [
        (5, "岳阳县一季度工业运行平稳", "计入"),
        (6, "岳阳县召开项目推进会", "未计入"),
        (7, "岳阳县一季度工业运行平稳", "未计入"),
        (8, "岳阳县新增规模企业三家", "计入"),
    ]
    problems = [(r[3].value, r[5].value) for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[5].value]
    assert ("E6", "R1 字数不足") in problems
    assert ("C7", "R6 重复报送") in problems
    message = next(r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[3].value == "C7")
    assert "第 5 行" in message  # the duplicate names the row it repeats
    refused = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    assert "不是 Excel 工作簿" in refused[FINDINGS_SHEET]["H3"].value


def test_reimporting_the_same_folder_changes_nothing(ws: Workspace) -> None:
    _fill(ws)
    consolidate(ws, MARCH, None, now=NOW)
    before = dump(ws.ledger_path)
    again = consolidate(ws, MARCH, None, now=NOW + dt.timedelta(days=3))
    assert again.data["stats"].units_written == ()
    assert len(again.data["stats"].units_unchanged) == 3
    after = dump(ws.ledger_path)
    assert {k: v for k, v in after.items() if k != "imports"} == {k: v for k, v in before.items() if k != "imports"}
    assert again.data["counted"] == {"岳阳县工信局": 2, "平江县工信局": 1}  # R6 does not see its own rows


def test_a_corrected_file_replaces_the_units_rows(ws: Workspace) -> None:
    inbox = _fill(ws)
    consolidate(ws, MARCH, None, now=NOW)
    write_report(inbox / "经济运行科.xlsx", "经济运行科", [
        report_row("全市工业用电情况", signer="王科长"),
        report_row("全市工业投资分析", signer="王科长"),
    ], mtime=1_427_000_000)  # fmt: skip
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.data["stats"].units_written == ("经济运行科",)
    with Ledger.open(ws.ledger_path) as ledger:
        rows = [a for a in ledger.file_articles(["2015-03"]) if a.unit == "经济运行科"]
        assert [(a.title, a.counted) for a in rows] == [("全市工业用电情况", True), ("全市工业投资分析", True)]
        assert not [f for f in ledger.findings(["2015-03"]) if f.unit == "经济运行科"]


def _huarong(ws: Workspace, name: str, titles: list[str], mtime: int) -> None:
    write_report(ws.inbox / "2015-03" / name, "华容县工信局", [report_row(t, 2 + i) for i, t in enumerate(titles)], mtime=mtime)


def _counted_titles(ws: Workspace, unit: str = "华容县工信局") -> list[str]:
    with Ledger.open(ws.ledger_path) as ledger:
        return sorted(a.title for a in ledger.file_articles(["2015-03"]) if a.unit == unit and a.counted)


def test_an_emergency_sent_at_once_is_kept_when_the_months_file_follows(ws: Workspace) -> None:
    """Notice 三.2: an emergency goes out at once; the month's file comes later with other titles. Both count; a
    correction of the month's file keeps the report too, so only the coordinator can make the file replace it."""
    _huarong(ws, "华容县工信局_紧急_锅炉爆炸.xlsx", ["华容县一企业锅炉爆炸"], 1_425_300_000)
    _huarong(ws, "华容县工信局3月信息（月底）.xlsx", [f"华容县月底信息{i}" for i in (1, 2, 3)], 1_427_500_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (
        "华容县工信局3月信息（月底）.xlsx 与 华容县工信局_紧急_锅炉爆炸.xlsx 同为华容县工信局2015年3月的报送文件，"
        "其中一个是紧急信息，两者没有相同的信息标题，按补报一并计入（协调人：如 华容县工信局3月信息（月底）.xlsx 要替换 "
        "华容县工信局_紧急_锅炉爆炸.xlsx，请把后者移出收件文件夹后重新汇总）"
    ) in result.output
    assert "写明“更正”" not in result.output  # a 更正 month's file would not replace the report: not advised
    assert _counted_titles(ws) == ["华容县一企业锅炉爆炸", *(f"华容县月底信息{i}" for i in (1, 2, 3))]
    _huarong(ws, "华容县工信局3月信息（更正）.xlsx", ["华容县月底信息1", "华容县月底信息2（改）"], 1_427_000_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws) == ["华容县一企业锅炉爆炸", "华容县月底信息1", "华容县月底信息2（改）"]


def test_a_resend_with_its_only_title_edited_replaces_the_first(ws: Workspace) -> None:
    """No title in common but no emergency either: the QQ copy with a typo fixed replaces the first file."""
    _huarong(ws, "华容县3月.xlsx", ["我局召开安全生产会议"], 1_425_300_000)
    _huarong(ws, "华容县3月(1).xlsx", ["我局召开安全生产工作会议"], 1_427_500_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws) == ["我局召开安全生产工作会议"]


def test_a_topic_word_is_no_correction(ws: Workspace) -> None:
    """修订 in 条例修订座谈会 names the topic, not a corrected version: the later month's file still wins."""
    _huarong(ws, "华容县3月_条例修订座谈会.xlsx", ["华容县召开条例修订座谈会"], 1_427_500_000)
    _huarong(ws, "华容县3月.xlsx", ["华容县召开条例修订座谈会", "华容县月底信息"], 1_427_600_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws) == ["华容县召开条例修订座谈会", "华容县月底信息"]


def test_a_draft_with_other_titles_is_still_replaced(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "华容县3月（初稿）.xlsx", "华容县工信局", [report_row("华容县草拟信息")], mtime=1_425_300_000)
    write_report(inbox / "华容县3月.xlsx", "华容县工信局", [report_row("华容县定稿信息")], mtime=1_427_500_000)
    consolidate(ws, MARCH, None, now=NOW)
    with Ledger.open(ws.ledger_path) as ledger:
        rows = [a for a in ledger.file_articles(["2015-03"]) if a.unit == "华容县工信局"]
    assert [a.title for a in rows if a.counted] == ["华容县定稿信息"]


def test_a_receipt_is_rendered_again_only_when_what_it_shows_changed(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlflow.commands.receipts as module

    rendered: list[str] = []
    real = module.write_receipt
    monkeypatch.setattr(module, "write_receipt", lambda target, **kw: (rendered.append(kw["unit"]), real(target, **kw)))
    inbox = _fill(ws)
    consolidate(ws, MARCH, None, now=NOW)
    assert sorted(rendered) == ["华容县工信局", "岳阳县工信局", "平江县工信局", "经济运行科"]
    paths = {u: receipt_path(ws, u, MARCH) for u in rendered}
    stamps = {u: p.stat().st_mtime_ns for u, p in paths.items()}

    rendered.clear()
    consolidate(ws, MARCH, None, now=NOW + dt.timedelta(days=1))
    assert rendered == []  # nothing changed: no receipt rendered, none written
    assert {u: p.stat().st_mtime_ns for u, p in paths.items()} == stamps

    write_report(inbox / "经济运行科.xlsx", "经济运行科", [report_row("全市工业用电情况", signer="王科长")], mtime=1_427_000_000)
    paths["平江县工信局"].write_bytes(b"damaged")  # a receipt someone overwrote is written again
    consolidate(ws, MARCH, None, now=NOW)
    assert sorted(rendered) == ["平江县工信局", "经济运行科"]
    sheet = openpyxl.load_workbook(paths["平江县工信局"])[RECEIPT_SHEET]
    assert sheet["A5"].value == "文件“平江县3月信息.xlsx”：工作表“信息报送登记表”：第 5 行，1 条"

    rendered.clear()
    ws.receipt_index_path.write_text("{不是 JSON", encoding="utf-8")  # a damaged record: every receipt rendered again
    consolidate(ws, MARCH, None, now=NOW)
    assert len(rendered) == 4


def test_a_refused_file_leaves_the_ledger_as_it_was(ws: Workspace) -> None:
    inbox = _fill(ws)
    consolidate(ws, MARCH, None, now=NOW)
    before = dump(ws.ledger_path)
    # the county sends a "corrected" file that is broken: its earlier rows must stay
    (inbox / "岳阳县工信局_2015年03月_修改.xlsx").write_bytes(b"PK\x03\x04 broken zip")
    result = consolidate(ws, MARCH, None, now=NOW)
    assert "岳阳县工信局_2015年03月_修改.xlsx" in result.data["refused"]
    after = dump(ws.ledger_path)
    assert after["articles"] == before["articles"]
    assert after["files"] == before["files"]
    with Ledger.open(ws.ledger_path) as ledger:
        assert {f.file for f in ledger.refused("2015-03")} == {"华容县工信局_3月.xlsx", "岳阳县工信局_2015年03月_修改.xlsx"}


def test_a_file_saved_over_with_fewer_rows_names_the_rows_no_longer_counted(ws: Workspace) -> None:
    """平江县 sends its workbook again under the same name with 2 of its 5 rows: the 3 others are named in the
    summary and, as F8 warnings, in its receipt."""
    path = _inbox(ws) / "平江县工信局_2015年03月.xlsx"
    write_report(path, "平江县工信局", [report_row(f"平江县信息{d}", day=d) for d in (3, 4, 5, 6, 7)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_report(path, "平江县工信局", [report_row(f"平江县信息{d}", day=d) for d in (3, 4)])
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (
        "  ! 平江县工信局_2015年03月.xlsx（平江县工信局）与上次汇总时不同，原计入的 3 条不再计入："
        "《平江县信息5》、《平江县信息6》、《平江县信息7》\n"
    ) in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "平江县工信局", MARCH))
    assert [c.value for c in book[RECEIPT_SHEET][4][4:6]] == [4, 2]
    told = [(r[5].value, r[7].value) for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[5].value]
    assert told == [
        ("F8 重复文件", f"《平江县信息{d}》（上次汇总时在第 {d + 2} 行）不再计入：重新报送的 平江县工信局_2015年03月.xlsx "
         "中已没有这条可计入的信息；如仍要报送，请补入后重新报送")
        for d in (5, 6, 7)
    ]  # fmt: skip
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "不再计入" not in again.output and "台账：0 个单位写入，1 个单位与上次汇总相同未改写" in again.output


def test_a_row_no_longer_counted_but_still_there_is_told_by_its_own_finding(ws: Workspace) -> None:
    """平江县 saves its file over with its second article cut short, then sends it again at full length and the
    coordinator raises min_chars to 301 and consolidates the very same file again: each time the row's own R1 says
    why it no longer counts; no F8 line of a resend without it, and the unchanged file is not called different."""
    path = _inbox(ws) / "平江县工信局_2015年03月.xlsx"
    rows = [report_row("平江县信息3", day=3), report_row("平江县信息4", day=4, body="平江县" * 90)]  # 270 characters
    write_report(path, "平江县工信局", rows)
    runner, args = CliRunner(), ["consolidate", "--month", "2015-03", "-w", str(ws.root)]
    assert "计入稿件 2 条" in runner.invoke(cli, args).output

    def told() -> list[tuple[object, object]]:
        book = openpyxl.load_workbook(receipt_path(ws, "平江县工信局", MARCH))
        return [(r[5].value, r[7].value) for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[5].value]

    write_report(path, "平江县工信局", [rows[0], report_row("平江县信息4", day=4, body="太短了")])
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "  ! 平江县工信局_2015年03月.xlsx（平江县工信局）与上次汇总时不同，原计入的 1 条不再计入：《平江县信息4》\n" in result.output
    assert told() == [("R1 字数不足", "正文只有 3 字，不足 200 字：请补充后重新报送")]

    write_report(path, "平江县工信局", rows)
    assert "计入稿件 2 条" in runner.invoke(cli, args).output
    settings = ws.root / "xlflow.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("min_chars = 200", "min_chars = 301"), encoding="utf-8")
    result = runner.invoke(cli, [*args, "--recheck"])  # else March keeps the 200 it was checked with
    assert result.exit_code == 0, result.output
    assert "计入稿件 1 条（共 2 行，1 行有错误未计入）" in result.output and "与上次汇总时不同" not in result.output
    assert ("  ! 平江县工信局_2015年03月.xlsx（平江县工信局）与上次汇总时相同，因检查规则或设置变化，原计入的 1 条不再计入："
            "《平江县信息4》（原因见回执）\n") in result.output
    assert told() == [("R1 字数不足", "正文只有 270 字，不足 301 字：请补充后重新报送")]


def test_a_partial_correction_names_on_the_receipt_what_it_no_longer_counts(ws: Workspace) -> None:
    """华容县 sends its March file (2 articles, an emergency on a second sheet, a copy of a February article (R6),
    a short one (R1)), then a 更正 holding only the short one fixed. Only the 3 articles the first file counted are
    named as no longer counted, on the receipt's first sheet too, as replaced by the 更正 (not 重复文件), with
    what to do; the first file's own findings go with it."""
    write_report(_inbox(ws, "2015-02") / "华容县2月.xlsx", "华容县工信局", [report_row("华容县二期开工", 10, month=2)],
                 month="2015年2月")  # fmt: skip
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)]).exit_code == 0
    first, fix = "华容县工信局3月信息.xlsx", "华容县工信局3月信息（更正）.xlsx"
    labels = ["报送单位：", "华容县工信局", None, "报送月份：", "2015年3月"]
    rows = [article_row(seq=1, title="华容县工业会议"), article_row(seq=2, title="华容县招商成效"),
            article_row(seq=3, title="华容县二期开工", date=dt.datetime(2015, 3, 16)),
            article_row(seq=4, title="华容县增加值增长", body="增长9.8%。")]  # fmt: skip
    urgent = [h for h in HEADER if h != "信息类别"]  # F11 提示: no 信息类别 column
    write_xlsx(_inbox(ws) / first, {"信息报送登记表": [labels, HEADER, *rows],
                                    "紧急信息": [urgent, article_row(urgent, title="华容县泄漏事故", urgency="紧急",
                                                                     event_time="3月5日8时")]})  # fmt: skip
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    assert _counted_titles(ws) == ["华容县工业会议", "华容县招商成效", "华容县泄漏事故"]
    write_report(_inbox(ws) / fix, "华容县工信局", [report_row("华容县增加值增长", 26)])
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "被替换的文件中以下 3 条不再计入：《华容县工业会议》、《华容县招商成效》、《华容县泄漏事故》" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    lines = [c.value for c in book[RECEIPT_SHEET]["A"] if isinstance(c.value, str) and c.value.startswith("文件")]
    assert lines[1] == (f"文件“{first}”：已由“{fix}”替代，未计入；其中 3 条信息“{fix}”中没有，不再计入：如仍要报送，"
                        f"请补入“{fix}”后重新报送，或以文件名写“补报”的文件报送（见“问题清单”）")  # fmt: skip
    told = [(r[4], r[5], r[7]) for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[1] == first]
    assert told == [
        (None, "F8 文件已被替代", f"{first}：已由更正文件 {fix} 替代，本文件未计入；其中 3 条可计入的信息 {fix} 中没有，"
                                 f"不再计入：如仍要报送，请补入 {fix} 后重新报送，或以文件名写“补报”的文件报送"),
        *((None, "F8 文件已被替代", f"《{t}》（{first} 第 {r} 行）不再计入：更正文件 {fix} 中没有这条信息；如仍要报送，"
                                   f"请补入 {fix} 后重新报送，或以文件名写“补报”的文件报送")
          for t, r in (("华容县泄漏事故", 2), ("华容县工业会议", 3), ("华容县招商成效", 4))),
    ]  # fmt: skip


def test_two_files_of_one_unit_the_later_wins_and_the_other_is_named(ws: Workspace) -> None:
    inbox = _inbox(ws)
    write_report(inbox / "平江县_第一次.xlsx", "平江县工信局", [report_row("旧标题")], mtime=1_426_000_000)
    write_report(inbox / "平江县_更正.xlsx", "平江县工信局", [report_row("新标题一"), report_row("新标题二")],
                 mtime=1_426_500_000)  # fmt: skip
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.exit_code == 0
    assert result.data["superseded"] == {"平江县_第一次.xlsx": "平江县_更正.xlsx"}
    assert result.data["counted"] == {"平江县工信局": 2}
    assert any("平江县_第一次.xlsx 未计入" in w and "平江县_更正.xlsx" in w for w in result.warnings)
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"])] == ["新标题一", "新标题二"]
        assert ledger.senders(["2015-03"]) == {"平江县工信局": ["平江县_更正.xlsx"]}
    book = openpyxl.load_workbook(receipt_path(ws, "平江县工信局", MARCH))
    codes = [r[5].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3)]
    assert "F8 文件已被替代" in codes


def test_a_file_filled_on_another_units_template_replaces_nothing(ws: Workspace) -> None:
    """华容县 fills 湘阴县's prefilled copy and names the file after itself: refused F6, 湘阴县's own file still counts."""
    inbox = _inbox(ws)
    write_report(inbox / "湘阴县工信局_2015年03月.xlsx", "湘阴县工信局",
                 [report_row(f"湘阴县信息{d}", day=d) for d in (2, 9, 16, 23)], mtime=1_426_000_000)  # fmt: skip
    write_report(inbox / "华容县工信局3月信息报送登记表.xlsx", "湘阴县工信局",
                 [report_row(f"华容县信息{d}", day=d) for d in (3, 10)], mtime=1_426_500_000)  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert "读取文件 2 个：接受 1 个，拒收 1 个" in result.output
    assert "  ✗ 华容县工信局3月信息报送登记表.xlsx：文件名是“华容县工信局”，表格上方的“报送单位”是“湘阴县工信局”" in result.output
    assert "不再计入" not in result.output and "为准" not in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"])] == [f"湘阴县信息{d}" for d in (2, 9, 16, 23)]
        assert ledger.senders(["2015-03"]) == {"湘阴县工信局": ["湘阴县工信局_2015年03月.xlsx"]}
        assert [(f.unit, f.code) for f in ledger.refused("2015-03")] == [("华容县工信局", "F6")]
    own = openpyxl.load_workbook(receipt_path(ws, "湘阴县工信局", MARCH))
    assert [c.value for c in own[RECEIPT_SHEET][4][4:6]] == [4, 4]
    assert [r[5].value for r in own[FINDINGS_SHEET].iter_rows(min_row=3) if r[5].value] == []
    told = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))[FINDINGS_SHEET]
    assert told["H3"].value.startswith("华容县工信局3月信息报送登记表.xlsx：文件名是“华容县工信局”")


def test_a_topic_in_the_file_name_is_no_borrowed_template(ws: Workspace) -> None:
    """The quota table gives 财务科 the aliases 财务、财政. 岳阳县 names its file after its topic, 财政资金: it counts
    for 岳阳县 (its label). 平江县 fills a file named 财务_…: 财务 stands alone there, a name of 财务科: refused F6."""
    book = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    next(r for r in book.active.iter_rows() if r[1].value == "财务科")[6].value = "财务、财政"
    book.save(ws.root / "信息任务分配表.xlsx")
    inbox = _inbox(ws)
    write_report(inbox / "财政资金专项信息_2015年3月.xlsx", "岳阳县工信局",
                 [report_row(f"岳阳县财政资金信息{d}", day=d) for d in (2, 9, 16, 23)])  # fmt: skip
    write_report(inbox / "财务_2015年03月.xlsx", "平江县工信局", [report_row("平江县工业园区建设提速")])
    # a damaged workbook and an attachment named after the same topic: nobody's, not 财务科's
    (inbox / "财政资金使用情况.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    (inbox / "财政资金专项信息（正文）.docx").write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert "读取文件 3 个：接受 1 个，拒收 2 个" in result.output
    assert "计入稿件 4 条" in result.output
    assert "  ✗ 财务_2015年03月.xlsx：文件名是“财务科”，表格上方的“报送单位”是“平江县工信局”" in result.output
    assert "财政资金专项信息_2015年3月.xlsx：" not in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.senders(["2015-03"]) == {"岳阳县工信局": ["财政资金专项信息_2015年3月.xlsx"]}
        assert sorted((f.file, f.unit) for f in ledger.refused("2015-03")) == [
            ("财务_2015年03月.xlsx", "财务科"), ("财政资金使用情况.xlsx", "")]
    own = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", MARCH))
    assert [c.value for c in own[RECEIPT_SHEET][4][4:6]] == [4, 4]
    assert [r[5].value for r in own[FINDINGS_SHEET].iter_rows(min_row=3) if r[5].value] == []
    status = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert status.exit_code == 0, status.output
    row = next(line.split() for line in status.output.splitlines() if "岳阳县工信局" in line)
    assert row == ["1", "岳阳县工信局", "1", "4", "0", "0", "4/4", "已完成"]
    assert "只发来稿件附件" not in status.output


def test_r6_looks_back_across_months(ws: Workspace) -> None:
    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行平稳")])
    consolidate(ws, MARCH, None, now=NOW)
    write_report(_inbox(ws, "2015-04") / "岳阳县4月.xlsx", "岳阳县工信局", [
        report_row("岳阳县 工业运行平稳", month=4),  # the same title, spaced differently
        report_row("岳阳县四月新开工项目", month=4),
    ], month="2015年4月")  # fmt: skip
    result = consolidate(ws, APRIL, None, now=NOW.replace(month=5))
    assert result.data["counted"] == {"岳阳县工信局": 1}
    with Ledger.open(ws.ledger_path) as ledger:
        dup = next(a for a in ledger.file_articles(["2015-04"]) if not a.counted)
        assert [f.code for f in dup.findings] == ["R6"]
        assert "2015年3月 岳阳县.xlsx 第 5 行" in dup.findings[0].message
    # March consolidated again later: April's rows do not make March's title a duplicate of itself
    assert consolidate(ws, MARCH, None, now=NOW).data["counted"] == {"岳阳县工信局": 1}


def test_a_file_for_another_month_is_refused(ws: Workspace) -> None:
    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("四月标题", month=4)], month="2015年4月")
    write_report(_inbox(ws) / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.exit_code == 3
    assert result.data["refused"] == {"岳阳县.xlsx": "F7"}
    assert [a.unit for a in Ledger.open(ws.ledger_path).articles(["2015-03", "2015-04"])] == ["平江县工信局"]


def test_a_missing_folder_is_a_clear_error(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="找不到收件文件夹"):
        consolidate(ws, MARCH, tmp_path / "nowhere", now=NOW)


def test_the_workspace_itself_or_its_out_folder_is_no_collection_folder(ws: Workspace) -> None:
    """`xlflow consolidate --month 2015-06 .` read the workspace's 430 files (backups, receipts, 通报, forms) as
    returns, refused 272 and replaced June."""
    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息")])
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 0
    before = file_state(ws.ledger_path)
    runner = CliRunner()
    for folder, why in ((".", "它是工作区目录，其中的回执、通报和台账备份会被当作单位报回的文件读取"),
                        ("..", "它是工作区目录的上级目录，其中的回执、通报和台账备份会被当作单位报回的文件读取"),
                        ("out/回执", "它在工作区的 out/ 中，那里是 xlflow 写的文件")):  # fmt: skip
        result = runner.invoke(cli, ["-w", str(ws.root), "consolidate", "--month", "2015-03", folder])
        assert result.exit_code == 1
        assert result.output.splitlines()[-1].endswith(
            f"不是收件文件夹：{why}；请把各单位报回的工作簿放进 inbox/2015-03（或另一个文件夹）后运行 "
            f"xlflow -w {ws.root} consolidate --month 2015-03；台账未改动"
        ), result.output
    assert file_state(ws.ledger_path) == before


def test_inbox_typed_after_the_month_points_at_the_months_folder(ws: Workspace) -> None:
    """`consolidate --month 2015-03 inbox` with the returns in inbox/2015-03: the month folders inside inbox/ are not
    read, and the message said only 没有2015年3月的工作簿."""
    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息")])
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "consolidate", "--month", "2015-03", "inbox"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"错误：收件文件夹 {ws.inbox} 中没有2015年3月的工作簿：2015年3月的文件在 inbox/2015-03 中（写 inbox 时，按月份命名的子文件夹"
        f"不读）：请运行 xlflow -w {ws.root} consolidate --month 2015-03（不写文件夹）；否则请把各单位报回的工作簿放进去后再汇总；台账未改动"
    )
    assert not ws.ledger_path.exists()


def test_a_return_left_in_inbox_beside_the_month_folder_is_named(ws: Workspace) -> None:
    """review R7: with inbox/2015-03 there, a return dropped in inbox/ itself (or inbox/补报/) was never read nor named,
    and status drafted a 催报 saying it never arrived. Not named: another month's by its name, an empty file, and one
    the ledger holds byte for byte (review S3: a flat inbox/'s January file, a copy of one read)."""
    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息")])
    write_report(ws.inbox / "君山区工信局_3月.xlsx", "君山区工信局", [report_row("君山区三月信息")])
    write_report(ws.inbox / "补报" / "汨罗市工信局.xlsx", "汨罗市工信局", [report_row("汨罗市三月信息")])
    write_report(ws.inbox / "平江县4月.xlsx", "平江县工信局", [report_row("平江县四月信息", month=4)], month="2015年4月")
    (ws.inbox / "湘阴县工信局.xlsx").write_bytes(b"")
    (ws.inbox / "岳阳县副本.xlsx").write_bytes((_inbox(ws) / "岳阳县.xlsx").read_bytes())  # copied, not moved
    line = ("inbox/ 中另有 2 个文件不在 inbox/2015-03/ 中，没有读取：君山区工信局_3月.xlsx、补报/汨罗市工信局.xlsx："
            "如是2015年3月报送的，请移到 inbox/2015-03/ 后运行 xlflow consolidate --month 2015-03")
    result = consolidate(ws, MARCH, None, now=NOW)
    assert line in result.warnings and result.data["rows"] == {"岳阳县工信局": 1}
    runner = CliRunner()
    said = runner.invoke(cli, ["-w", str(ws.root), "status", "--month", "2015-03", "--remind"]).output
    assert line.replace("xlflow consolidate", f"xlflow -w {ws.root} consolidate") in said.splitlines()[1]
    notices = (ws.out / "催报" / "催报_2015年03月.txt").read_text(encoding="utf-8")
    assert "君山区工信局：" in notices  # named for the coordinator to check before sending, not taken as received
    assert ("发出前请核对：收件文件夹中有 2 个不在月份文件夹中、没有汇总的文件（君山区工信局_3月.xlsx、补报/汨罗市工信局.xlsx）；"
            "下列按未报送催报的单位如有报送了其中的文件，请先把它移进月份文件夹、汇总后再发：") in said


def test_an_empty_month_folder_names_the_returns_left_in_inbox(ws: Workspace) -> None:
    """review S3: inbox/2015-03 empty, the returns in inbox/: the refusal said only 没有2015年3月的工作簿."""
    _inbox(ws).mkdir(parents=True, exist_ok=True)
    write_report(ws.inbox / "君山区工信局_3月.xlsx", "君山区工信局", [report_row("君山区三月信息")])
    with pytest.raises(WorkspaceError) as refused:
        consolidate(ws, MARCH, None, now=NOW)
    assert str(refused.value) == (
        f"收件文件夹 {_inbox(ws)} 中没有2015年3月的工作簿：inbox/ 中另有 1 个文件不在 inbox/2015-03/ 中，没有读取：君山区工信局_3月.xlsx："
        "如是2015年3月报送的，请移到 inbox/2015-03/ 后运行 xlflow consolidate --month 2015-03；否则请把各单位报回的工作簿放进去后再汇总；台账未改动"
    )



@pytest.mark.parametrize("name", ["2015年03月", "2015年3月", "2015-3", "2015.3", "201503", "2015_03", "3月", "03月份"])
def test_a_month_folder_named_as_people_write_the_month_is_that_months(ws: Workspace, name: str) -> None:
    """review V2-1: inbox/2015年03月 (the name distribute gives its own folder), 2015年3月, 3月 … was skipped as another
    month's folder while consolidating that very month (没有2015年3月的工作簿, or its units silently left out)."""
    write_report(ws.inbox / name / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息")])
    write_report(ws.inbox / "君山区工信局_3月.xlsx", "君山区工信局", [report_row("君山区三月信息")])
    write_report(ws.inbox / "2015年2月" / "平江县.xlsx", "平江县工信局", [report_row("平江县二月信息", month=2)], month="2015年2月")
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.title == f"2015年3月汇总完成（{ws.inbox / name}）"
    assert result.data["rows"] == {"岳阳县工信局": 1}
    assert receipt_path(ws, "岳阳县工信局", MARCH).is_file()
    assert (f"inbox/ 中另有 1 个文件不在 inbox/{name}/ 中，没有读取：君山区工信局_3月.xlsx：如是2015年3月报送的，请移到 "
            f"inbox/{name}/ 后运行 xlflow consolidate --month 2015-03") in result.warnings


def test_status_finds_the_month_folder_distribute_names(ws: Workspace) -> None:
    """review V2-1: with the returns in inbox/2015年03月, status --remind drafted 催报 for the units that had sent."""
    for unit in ("岳阳县工信局", "平江县工信局"):
        write_report(ws.inbox / "2015年03月" / f"{unit}_2015年03月_信息报送登记表.xlsx", unit, [report_row(f"{unit}三月信息")])
    runner, ws_opt = CliRunner(), ["-w", str(ws.root)]
    before = runner.invoke(cli, [*ws_opt, "status", "--month", "2015-03", "--remind"])
    assert "台账中还没有2015年3月的汇总（收件文件夹 inbox/2015年03月 中有 2 个工作簿）" in before.output
    assert "未起草催报通知：收件文件夹 inbox/2015年03月 中有 2 个工作簿尚未汇总" in before.output
    done = runner.invoke(cli, [*ws_opt, "consolidate", "--month", "2015-03"])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[0] == f"2015年3月汇总完成（{ws.inbox / '2015年03月'}）"
    after = runner.invoke(cli, [*ws_opt, "status", "--month", "2015-03", "--remind"])
    notices = (ws.out / "催报" / "催报_2015年03月.txt").read_text(encoding="utf-8")
    assert "尚未收到贵单位" not in notices.split("平江县工信局：")[1].split("-" * 40)[0]
    assert "湘阴县工信局：\n　　截至目前，综合法规科尚未收到贵单位2015年3月的政务信息报送登记表" in notices
    assert "收件文件夹 inbox/2015年03月 中有" not in after.output  # nothing left unread


def test_two_folders_of_the_month_are_refused_until_merged(ws: Workspace) -> None:
    """review V2-1: inbox/2015-03 and inbox/2015年3月 both holding March returns: the second was never named. Neither
    is read (the ledger's month is one folder's truth): one line names both."""
    write_report(_inbox(ws) / "湘阴县.xlsx", "湘阴县工信局", [report_row("湘阴县三月信息")])
    write_report(ws.inbox / "2015年3月" / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息")])
    (ws.inbox / "3月" / "附件").mkdir(parents=True)  # empty, as Explorer shows it: no second folder to merge
    (ws.inbox / "3月" / "Thumbs.db").write_bytes(b"\0" * 64)
    (ws.inbox / "3月" / "desktop.ini").write_text("[.ShellClassInfo]\n")
    said = ("inbox/2015-03、inbox/2015年3月 都是2015年3月的收件文件夹，没有读取：请把其中的文件都移到 inbox/2015-03 中"
            "（同名文件请核对保留哪个）后运行 xlflow consolidate --month 2015-03")
    with pytest.raises(WorkspaceError) as refused:
        consolidate(ws, MARCH, None, now=NOW)
    assert str(refused.value) == f"{said}；台账未改动"
    assert not ws.ledger_path.exists()
    runner, ws_opt = CliRunner(), ["-w", str(ws.root)]
    result = runner.invoke(cli, [*ws_opt, "consolidate", "--month", "2015-03"])
    assert result.exit_code == 1 and result.output.splitlines()[-1] == f"错误：{said}；台账未改动".replace(
        "xlflow consolidate", f"xlflow -w {ws.root} consolidate")
    status = runner.invoke(cli, [*ws_opt, "status", "--month", "2015-03", "--remind"]).output
    assert "  " + said.replace("xlflow consolidate", f"xlflow -w {ws.root} consolidate") in status.splitlines()
    assert not (ws.out / "催报").exists() and "未起草催报通知：inbox/2015-03、inbox/2015年3月 都是" in status



def test_a_register_form_saved_with_the_return_is_set_aside_for_xlflow_register(ws: Workspace) -> None:
    """review V2-3: a unit's 通讯员登记表 (附件二) mailed with its return and saved into the month's folder was refused
    as a return without header, and the unit's receipt asked it to resend. It is set aside for `xlflow register`."""
    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息")])
    fill_template(_inbox(ws) / "岳阳县工信局通讯员登记表.xlsx", {"name": "李四", "mobile": "13800000000"}, unit="岳阳县工信局")
    fill_template(_inbox(ws) / "平江县通讯员.xlsx", {"name": "王五"}, unit="平江县工信局")  # its only file this month
    said = ("通讯员登记表（附件二）2 个，不是信息报送登记表，没有汇总：岳阳县工信局通讯员登记表.xlsx、平江县通讯员.xlsx："
            "请移到工作区的 通讯员登记表/ 文件夹后运行 xlflow register")
    result = consolidate(ws, MARCH, None, now=NOW)
    assert (result.exit_code, result.refused, result.data["rows"]) == (0, [], {"岳阳县工信局": 1})
    assert result.lines[0] == "读取文件 3 个：接受 1 个，拒收 0 个，通讯员登记表 2 个（本次不汇总）"
    assert said in result.warnings
    assert not receipt_path(ws, "平江县工信局", MARCH).exists()
    receipt = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", MARCH))
    cells = [str(v) for sheet in receipt.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert not [v for v in cells if "通讯员登记表.xlsx" in v or "找不到表头" in v]
    runner, ws_opt = CliRunner(), ["-w", str(ws.root)]
    again = runner.invoke(cli, [*ws_opt, "consolidate", "--month", "2015-03"])
    typed = said.replace("xlflow register", f"xlflow -w {ws.root} register")  # as the CLI words every command
    assert again.exit_code == 0 and f"  ! {typed}" in again.output.splitlines(), again.output
    status = runner.invoke(cli, [*ws_opt, "status", "--month", "2015-03"]).output
    assert "尚未汇总" not in status and "通讯员登记表.xlsx" not in status  # not a return waiting to be consolidated
    (_inbox(ws) / "岳阳县.xlsx").unlink()
    with pytest.raises(WorkspaceError) as refused:  # the forms alone: nothing of the month to read
        consolidate(ws, MARCH, None, now=NOW)
    assert str(refused.value) == (f"收件文件夹 {_inbox(ws)} 中没有2015年3月的工作簿（只有通讯员登记表 2 个）：通讯员登记表请移到工作区的 "
                                  "通讯员登记表/ 文件夹后运行 xlflow register；请把各单位报回的工作簿放进去后再汇总；台账未改动")



def test_a_flat_inbox_by_unit_names_the_months_consolidated_and_caps_the_subfolder_list(ws: Workspace) -> None:
    """review V2-2: inbox/ kept in one folder per unit, no month folders. April's summary listed January–March files as
    其他月份的文件（请汇总对应月份时处理） though those months were consolidated, and every file of the year in one
    其中子文件夹中的文件 line. Only a file its month's ledger does not hold as it is now is left to that month."""
    units = ("岳阳县工信局", "平江县工信局", "湘阴县工信局")
    for m in (1, 2, 3, 4):
        for unit in units:
            write_report(ws.inbox / unit / f"{m}月信息.xlsx", unit, [report_row(f"{unit}{m}月信息", month=m)], month=f"2015年{m}月")
        if m < 4:
            consolidate(ws, Period.parse(f"2015-0{m}"), None, now=NOW)
    write_report(ws.inbox / "平江县工信局" / "3月信息.xlsx", "平江县工信局", [report_row("平江县三月信息改", month=3)], month="2015年3月")
    write_report(ws.inbox / "湘阴县工信局" / "5月信息.xlsx", "湘阴县工信局", [report_row("湘阴县五月信息", month=5)], month="2015年5月")
    first = [f"{unit}/4月信息.xlsx" for unit in units] + [f"{unit}/{m}月信息.xlsx" for unit in units[:2] for m in (1, 2, 3)]
    expected = [
        "读取文件 13 个：接受 3 个，拒收 0 个，其他月份 10 个（本次不汇总）",
        f"其中子文件夹中的文件 13 个：{'、'.join([*first, '湘阴县工信局/1月信息.xlsx'])} 等 13 个（各单位本月的文件列在其回执中）",
        "其他月份的文件（请汇总对应月份时处理）：平江县工信局/3月信息.xlsx（2015年3月）、湘阴县工信局/5月信息.xlsx（2015年5月）",
        "已汇总过的其他月份文件（本次不汇总）：" + "、".join(
            [f"{unit}/{m}月信息.xlsx（已于2015年{m}月汇总）" for unit in units[:1] for m in (1, 2, 3)]
            + [f"{unit}/{m}月信息.xlsx（已于2015年{m}月汇总）" for unit, m in ((units[1], 1), (units[1], 2), *((units[2], m) for m in (1, 2, 3)))]
        ),
    ]
    result = consolidate(ws, APRIL, None, now=NOW)
    assert result.lines[:4] == expected
    said = CliRunner().invoke(cli, ["-w", str(ws.root), "consolidate", "--month", "2015-04"])
    assert said.exit_code == 0 and said.output.splitlines()[1:5] == [f"  {line}" for line in expected], said.output


_HOLD = """
import time
from pathlib import Path
from xlflow.lock import workspace_lock
with workspace_lock(Path({path!r})):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_a_second_process_is_refused(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(ws)
    monkeypatch.setattr(lock, "DEFAULT_TIMEOUT", 0.3)
    holder = subprocess.Popen([sys.executable, "-c", _HOLD.format(path=str(ws.lock_path))], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(BusyError, match=f"进程 {holder.pid}"):
            consolidate(ws, MARCH, None, now=NOW)
        result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
        assert result.exit_code == 1
        assert "另一个 xlflow 正在处理此工作区" in result.output
        assert not ws.ledger_path.exists() or not Ledger.open(ws.ledger_path).articles(["2015-03"])
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert consolidate(ws, MARCH, None, now=NOW).data["counted"]  # the dead holder left nothing stuck


def test_consolidate_through_the_cli(ws: Workspace) -> None:
    inbox = _fill(ws)
    other = ws.root / "收件"
    other.mkdir()
    for p in inbox.iterdir():
        os.replace(p, other / p.name)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", str(other), "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert "拒收 1 个" in result.output
    assert "✗ 华容县工信局_3月.xlsx：" in result.output
    assert "回执 4 份" in result.output
    assert str(ws.out / "回执" / "2015年03月") in result.output
    before = dump(ws.ledger_path)
    empty = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", str(inbox), "-w", str(ws.root)])
    assert empty.exit_code == 1, empty.output  # an empty folder never wipes a month
    assert f"收件文件夹 {inbox} 中没有2015年3月的工作簿" in empty.output and "台账未改动" in empty.output
    assert dump(ws.ledger_path) == before


def test_body_is_stored_whole(ws: Workspace) -> None:
    long_body = BODY * 50
    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("长文", body=long_body)])
    consolidate(ws, MARCH, None, now=NOW)
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.articles(["2015-03"])[0].body == long_body


def test_a_generated_month_of_34_messy_files(ws: Workspace) -> None:
    """The generator writes 34 messy files; consolidate must count and receipt what tests/oracle.py says of them."""
    from oracle import expected_codes, expected_counted, expected_rows

    from xlflow.demo.returns import generate_month

    manifest = generate_month(ws.units(), 2015, 3, _inbox(ws), seed=7, problem_files=True)
    normal = manifest.unit_files
    assert len(normal) == 34
    result = consolidate(ws, MARCH, None, now=NOW)

    expected = Counter()
    for (unit, _), n in expected_counted(manifest).items():
        expected[unit] += n
    assert result.data["counted"] == dict(expected)
    assert result.data["findings"] == dict(expected_codes(manifest))
    by_code = {f.path.name: f.file_code for f in manifest.files if f.file_code}
    assert result.data["refused"] == {n: c for n, c in by_code.items() if c not in ("F4", "F8")}
    assert result.data["lock_files"] == [n for n, c in by_code.items() if c == "F4"]
    assert list(result.data["superseded"]) == [n for n, c in by_code.items() if c == "F8"]
    assert result.data["missing"] == []
    assert result.exit_code == 3
    with Ledger.open(ws.ledger_path) as ledger:
        months = sorted({m for _, m in expected_counted(manifest)})
        stored = Counter((a.unit, a.month) for a in ledger.articles(months) if a.file_month == "2015-03")
    assert stored == expected_counted(manifest)

    # every receipt names the rows of its file, whether each counted, and the rules each broke
    for f in normal:
        sheet = openpyxl.load_workbook(receipt_path(ws, f.unit, MARCH), read_only=True)[RECEIPT_SHEET]
        got = []
        table = list(sheet.iter_rows(values_only=True))
        head = next(i for i, values in enumerate(table) if values[:2] == ("序号", "行号"))
        for values in table[head + 1 :]:
            if not isinstance(values[1], int):
                break
            got.append((values[1], values[7].startswith("计入"), tuple(sorted(set(re.findall(r"R\d+", values[8] or ""))))))
        want = [(r.row, r.counted, tuple(sorted(set(r.codes)))) for r in sorted(expected_rows(f), key=lambda r: r.row)]
        assert got == want, f.path.name


def test_a_provinces_month_is_read_by_worker_processes_exactly_as_by_one(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many files (a province's ≈ 417) are read by several processes: the ledger and every receipt are what one
    process makes."""
    import shutil

    from xlflow import parallel
    from xlflow.commands import consolidate as module
    from xlflow.demo.returns import generate_month

    generate_month(ws.units(), 2015, 3, _inbox(ws), seed=11, problem_files=True)
    serial_result = consolidate(ws, MARCH, None, now=NOW)  # one process (34 files: fewer than the threshold)
    folder = receipt_path(ws, "", MARCH).parent
    serial = {p.name: p.read_bytes() for p in folder.glob("*.xlsx")}
    assert len(serial) >= 34
    serial_rows = dump(ws.ledger_path)
    shutil.rmtree(folder)
    ws.ledger_path.unlink()

    monkeypatch.setattr(module, "PARALLEL_FILES", 2)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    here: list[str] = []  # files read by this process (a forked worker appends to its own copy)
    from xlflow.intake import returns as readers

    original = readers.read_unit_workbook

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        here.append(path.name)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readers, "read_unit_workbook", counting)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert {p.name: p.read_bytes() for p in folder.glob("*.xlsx")} == serial
    assert dump(ws.ledger_path) == serial_rows
    for key in ("rows", "counted", "findings", "refused", "lock_files", "superseded", "missing"):
        assert result.data[key] == serial_result.data[key], key
    with Ledger.open(ws.ledger_path) as ledger:
        files_read = ledger.imports()[-1].files_read
    assert 0 < len(here) < files_read + len(result.data["refused"]) + len(result.data["lock_files"])


def test_work_falls_back_to_one_process_when_workers_cannot_start(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    from xlflow import parallel
    from xlflow.commands import consolidate as module

    _fill(ws)
    monkeypatch.setattr(module, "PARALLEL_FILES", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)

    class NoPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoPool)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert {"岳阳县工信局", "平江县工信局", "经济运行科"} <= set(result.data["receipts"])
    assert result.data["lock_files"] == ["~$岳阳县工信局_2015年03月.xlsx"]
    for unit in result.data["receipts"]:
        book = openpyxl.load_workbook(receipt_path(ws, unit, MARCH), read_only=True)
        assert book.sheetnames == [RECEIPT_SHEET, FINDINGS_SHEET]


def test_a_reader_bug_on_one_file_refuses_that_file_and_reads_the_others(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the reader fail on a file in a way nobody foresaw, that file is refused with one line saying what to
    do; the other units' rows are still counted and the run finishes (exit 3, no traceback)."""
    from xlflow.intake import returns as readers

    inbox = _inbox(ws)
    write_report(inbox / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行平稳")])
    write_report(inbox / "平江县.xlsx", "平江县工信局", [report_row("平江县召开推进会")])
    real = readers.read_unit_workbook

    def flaky(path: Path, *args: object, **kwargs: object):
        if path.name == "平江县.xlsx":
            raise ValueError("unexpected cell type")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(readers, "read_unit_workbook", flaky)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert "平江县.xlsx：读取时出错（ValueError: unexpected cell type）：请用 Excel 另存为 .xlsx 后重新放入" in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"])] == ["岳阳县工业运行平稳"]
        assert {f.file for f in ledger.refused("2015-03")} == {"平江县.xlsx"}


def test_a_rule_failing_on_one_file_refuses_only_that_file(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same for a check that fails on a value nobody foresaw (it crashed the run before)."""
    from xlflow.checks import rows as rules

    inbox = _inbox(ws)
    write_report(inbox / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行平稳")])
    write_report(inbox / "平江县.xlsx", "平江县工信局", [report_row("平江县召开推进会")])
    real = rules.check_file

    def flaky(unit_file: object, **kwargs: object) -> object:
        if unit_file.name == "平江县.xlsx":  # type: ignore[attr-defined]
            raise OverflowError("cannot convert float infinity to integer")
        return real(unit_file, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "check_file", flaky)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "平江县.xlsx：读取时出错（OverflowError: cannot convert float infinity to integer）" in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"])] == ["岳阳县工业运行平稳"]


def test_a_bulletin_failing_unforeseen_after_the_import_says_the_ledger_is_updated(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xlflow.commands import bulletin as bulletin_module

    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("三月稿件")])

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("synthetic")

    monkeypatch.setattr(bulletin_module, "write_bulletin_and_rewards", broken)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 1, result.output
    assert "本次操作未完成" not in result.output
    assert "台账已更新，但月度通报未能生成（xlflow 内部错误 ValueError: synthetic）：请把这一行发给 xlflow 维护人员" in result.output
    assert receipt_path(ws, "岳阳县工信局", MARCH).is_file()
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"])] == ["三月稿件"]


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (WorkspaceError("台账 ledger.sqlite 正被另一个程序使用：请关闭打开它的程序后重试"),
         "月度通报未能生成：台账 ledger.sqlite 正被另一个程序使用：请关闭打开它的程序后重试"),
        (PermissionError(13, "Permission denied", "通讯员名册.xlsx"), "无法读写 通讯员名册.xlsx：没有写入权限"),
    ],
)  # fmt: skip
def test_a_known_fault_writing_the_bulletin_keeps_the_summary_and_its_own_words(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, fault: Exception, said: str
) -> None:
    from xlflow.commands import bulletin as bulletin_module

    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("三月稿件")])
    consolidate(ws, MARCH, None, now=NOW)

    def broken(*args: object, **kwargs: object) -> None:
        raise fault

    monkeypatch.setattr(bulletin_module, "write_bulletin_and_rewards", broken)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 1, result.output
    assert "计入稿件 1 条" in result.output and said in result.output  # the summary is printed
    assert "内部错误" not in result.output and "台账已更新" not in result.output  # nothing changed this time


def test_an_old_version_kept_beside_an_emergency_report_is_told_its_own_word(ws: Workspace) -> None:
    folder = _inbox(ws)
    write_report(folder / "岳阳县工信局紧急信息.xlsx", "岳阳县工信局", [report_row("岳阳县某企业发生火灾", 3)], mtime=1_426_000_000)
    write_report(folder / "岳阳县工信局3月信息（旧版）.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息", 10)],
                 mtime=1_427_000_000)  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "岳阳县工信局3月信息（旧版）.xlsx 是旧版，正式版（文件名不写“旧版”）会替换它，请报送正式版" in result.output


def test_no_inbox_at_all_is_one_line_naming_both_folders(ws: Workspace) -> None:
    import shutil

    shutil.rmtree(ws.inbox, ignore_errors=True)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 1
    assert f"找不到收件文件夹 {ws.inbox / '2015-03'}（也没有 {ws.inbox}）" in result.output
    assert result.output.rstrip().endswith("台账未改动")
    assert not ws.ledger_path.exists() or dump(ws.ledger_path)["articles"] == []


def test_a_flat_inbox_with_only_other_months_names_them(ws: Workspace) -> None:
    ws.inbox.mkdir(exist_ok=True)
    write_report(ws.inbox / "岳阳县2月.xlsx", "岳阳县工信局", [report_row("二月稿件")], month="2015年2月")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 1
    assert f"收件文件夹 {ws.inbox} 中没有2015年3月的工作簿（其他月份的文件 1 个：岳阳县2月.xlsx（2015年2月））" in result.output


def test_a_flat_inbox_file_without_a_month_is_its_rows_month_only(ws: Workspace) -> None:
    """inbox/ without month folders: 平江县's file states no month, its rows are all dated March. It counts in March
    and is set aside, not read again, when April is consolidated."""
    ws.inbox.mkdir(exist_ok=True)
    write_report(ws.inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息")])
    write_report(ws.inbox / "岳阳县工信局4月.xlsx", "岳阳县工信局", [report_row("岳阳县四月信息", month=4)], month="2015年4月")
    write_report(ws.inbox / "平江县工信局信息报送登记表.xlsx", "平江县工信局",
                 [report_row(f"平江县三月{d}", day=d) for d in (2, 9, 16, 23)], month="")  # fmt: skip
    runner = CliRunner()
    march = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert march.exit_code == 0 and "计入稿件 5 条（共 5 行，0 行有错误未计入）" in march.output
    april = runner.invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert april.exit_code == 0, april.output
    assert "读取文件 3 个：接受 1 个，拒收 0 个，其他月份 2 个（本次不汇总）" in april.output
    assert "、平江县工信局信息报送登记表.xlsx（已于2015年3月汇总）\n" in april.output  # not to be consolidated again
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in april.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.senders(["2015-04"]) == {"岳阳县工信局": ["岳阳县工信局4月.xlsx"]}
        assert sorted(a.title for a in ledger.articles(["2015-03"]) if a.unit == "平江县工信局") == [
            "平江县三月16", "平江县三月2", "平江县三月23", "平江县三月9"]  # fmt: skip


def test_a_broken_reward_schedule_leaves_the_month_counted_and_says_so(ws: Workspace) -> None:
    """The 通报 and 工作底稿 need no 奖励标准: only the 奖励计算表 is not made (README 退出状态: 1)."""
    write_report(_inbox(ws) / "岳阳县.xlsx", "岳阳县工信局", [report_row("三月稿件")])
    ws.reward_schedule_path.write_bytes(b"PK\x03\x04 broken")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 1, result.output  # README: the ledger updated but the 奖励计算表 not written is 1
    assert "台账已更新，但奖励计算表_2015年03月.xlsx 未生成：奖励标准 奖励标准.xlsx 无法读取" in result.output
    assert receipt_path(ws, "岳阳县工信局", MARCH).is_file()
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"])] == ["三月稿件"]
    assert sorted(p.name for p in ws.out.glob("*.xlsx")) == ["工作底稿_2015年03月.xlsx", "通报_2015年03月.xlsx"]
    # again, nothing changed, an earlier 奖励计算表 in out/: not "台账已更新", and the old one is said not updated
    (ws.out / "奖励计算表_2015年03月.xlsx").write_bytes(b"earlier")
    again = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 1, again.output
    assert "台账已更新" not in again.output
    assert "奖励计算表_2015年03月.xlsx 未生成：奖励标准 奖励标准.xlsx 无法读取" in again.output
    assert "；out/ 中原有的 奖励计算表_2015年03月.xlsx 未更新" in again.output


def test_a_bulletin_open_in_excel_leaves_the_month_counted_and_says_so(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The month's 通报 is open in Excel (on Windows it can then be neither renamed nor replaced) while a changed
    month is consolidated again: the ledger and receipts are updated, the summary says so and names the file."""
    inbox = _inbox(ws)
    write_report(inbox / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row(f"岳阳县信息{d}", day=d) for d in (2, 9)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    bulletin = ws.out / "通报_2015年03月.xlsx"
    before = bulletin.read_bytes()
    write_report(inbox / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row(f"岳阳县信息{d}", day=d) for d in (2, 9, 16, 23)])
    real_rename = Path.rename

    def locked(self: Path, target: object) -> Path:
        if self.name == bulletin.name:
            raise PermissionError(1, "Operation not permitted", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", locked)
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 1
    assert "Operation not permitted" not in result.output and "Errno" not in result.output
    assert "  计入稿件 4 条（共 4 行，0 行有错误未计入）" in result.output
    assert f"  ! 台账已更新，但 {bulletin} 未能写入：没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；" \
        f"如果该文件正在 Excel 或 WPS 中打开，请先关闭后重新运行 xlflow -w {ws.root} consolidate --month 2015-03，" \
        "已记入台账的稿件不会重复记入\n" in result.output
    assert bulletin.read_bytes() == before and not list(ws.out.glob("通报_2015年03月（旧版*"))
    with Ledger.open(ws.ledger_path) as ledger:
        assert len(ledger.articles(["2015-03"])) == 4
    receipt = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", MARCH))[RECEIPT_SHEET]
    assert [c.value for c in receipt[4][4:6]] == [4, 4]

    monkeypatch.setattr(Path, "rename", real_rename)  # Excel closed: the run writes it, keeping the old one
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 0 and "台账已更新" not in again.output
    assert [p.read_bytes() for p in ws.out.glob("通报_2015年03月（旧版*")] == [before]


def test_an_unchanged_month_whose_bulletin_is_open_in_excel_names_the_command(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The month is consolidated again unchanged, but its bulletin must change (here: its old file is damaged) and
    cannot be replaced (open in Excel): the line names the file and the command that writes it, no 台账已更新."""
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    consolidate(ws, MARCH, None, now=NOW)
    bulletin = ws.out / "通报_2015年03月.xlsx"
    bulletin.write_bytes(b"not the bulletin")
    real_rename = Path.rename

    def locked(self: Path, target: object) -> Path:
        if self == bulletin:
            raise PermissionError(13, "Permission denied", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", locked)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert (result.exit_code, result.data["stats"].changed) == (1, False)
    assert result.warnings == [
        f"无法写入 {bulletin}：没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；"
        "如果该文件正在 Excel 或 WPS 中打开，请先关闭后重新运行 xlflow consolidate"
    ]


def _counted_in_receipt(ws: Workspace, unit: str) -> tuple[object, list[object]]:
    """The receipt's 计入数 (F4) and the titles of its article rows (one file: the table starts in row 8)."""
    sheet = openpyxl.load_workbook(receipt_path(ws, unit, MARCH))[RECEIPT_SHEET]
    return sheet["F4"].value, [sheet.cell(r, 4).value for r in range(8, sheet.max_row + 1) if sheet.cell(r, 2).value]


def test_a_receipt_open_in_excel_is_named_and_written_by_the_next_run(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """岳阳县's receipt is open in Excel (Windows: it cannot be replaced) while a changed month is consolidated: the
    ledger, the other receipt and the bulletin are written, the summary is whole, one line names the receipt and
    the command to run again; run again with the file closed, the stale receipt is written though nothing changed."""
    inbox = _inbox(ws)
    write_report(inbox / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row(f"岳阳县信息{d}", day=d) for d in (2, 9)])
    write_report(inbox / "平江县工信局.xlsx", "平江县工信局", [report_row("平江县信息2", day=2)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_report(inbox / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row(f"岳阳县信息{d}", day=d) for d in (2, 9, 16, 23)])
    write_report(inbox / "平江县工信局.xlsx", "平江县工信局", [report_row(f"平江县信息{d}", day=d) for d in (2, 9)])
    locked = receipt_path(ws, "岳阳县工信局", MARCH)
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == locked:
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 1, result.output
    assert "错误：" not in result.output and "Permission denied" not in result.output
    assert "  计入稿件 6 条（共 6 行，0 行有错误未计入）" in result.output
    assert "  回执 2 份（每个报送单位一份，在 2015年03月 文件夹中），其中 1 份未能写入（见下）" in result.output
    assert (
        f"  ! 台账已更新，但回执 {locked} 未能写入：没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；"
        f"如果该文件正在 Excel 或 WPS 中打开，请先关闭后重新运行 xlflow -w {ws.root} consolidate --month 2015-03，"
        "已记入台账的稿件不会重复记入\n"
    ) in result.output
    assert _counted_in_receipt(ws, "岳阳县工信局") == (2, ["岳阳县信息2", "岳阳县信息9"])  # as before: locked
    assert _counted_in_receipt(ws, "平江县工信局") == (2, ["平江县信息2", "平江县信息9"])
    assert len(list(ws.out.glob("通报_2015年03月（旧版*"))) == 1  # the bulletin was written anew
    with Ledger.open(ws.ledger_path) as ledger:
        assert len(ledger.articles(["2015-03"])) == 6

    monkeypatch.setattr(os, "replace", real_replace)  # Excel closed; the ledger has nothing to change
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 0, again.output
    assert "未能写入" not in again.output and "台账：0 个单位写入" in again.output
    assert _counted_in_receipt(ws, "岳阳县工信局") == (4, ["岳阳县信息2", "岳阳县信息9", "岳阳县信息16", "岳阳县信息23"])


def test_a_folder_where_a_receipt_goes_is_a_warning_and_the_receipt_comes_later(ws: Workspace) -> None:
    """Through the library: a folder holds 岳阳县's receipt path on the first run; the month is still imported and
    every other output written; once the folder is moved away, the unchanged month's next run writes the receipt."""
    inbox = _inbox(ws)
    write_report(inbox / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县信息2", day=2)])
    write_report(inbox / "平江县工信局.xlsx", "平江县工信局", [report_row("平江县信息2", day=2)])
    taken = receipt_path(ws, "岳阳县工信局", MARCH)
    taken.mkdir(parents=True)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.exit_code == 1
    assert result.warnings == [
        f"台账已更新，但回执 {taken} 未能写入：这个位置已经有一个同名的文件夹；请把这个文件夹改名或移走后重新运行 "
        "xlflow consolidate，已记入台账的稿件不会重复记入"
    ]
    assert _counted_in_receipt(ws, "平江县工信局") == (1, ["平江县信息2"])
    assert (ws.out / "通报_2015年03月.xlsx").is_file() and (ws.out / "工作底稿_2015年03月.xlsx").is_file()
    assert taken.is_dir() and not any(taken.iterdir())

    taken.rmdir()
    again = consolidate(ws, MARCH, None, now=NOW)
    assert (again.exit_code, again.warnings, again.data["stats"].changed) == (0, [], False)
    assert _counted_in_receipt(ws, "岳阳县工信局") == (1, ["岳阳县信息2"])


def test_a_receipt_open_in_excel_that_is_to_go_is_deleted_by_the_next_run(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """平江县's file left the folder while its receipt is open in Excel: the month is imported without it, one line
    says the receipt could not be deleted; the next run deletes it."""
    inbox = _inbox(ws)
    write_report(inbox / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县信息2", day=2)])
    write_report(inbox / "平江县工信局.xlsx", "平江县工信局", [report_row("平江县信息2", day=2)])
    consolidate(ws, MARCH, None, now=NOW)
    (inbox / "平江县工信局.xlsx").unlink()
    stale = receipt_path(ws, "平江县工信局", MARCH)
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == stale:
            raise PermissionError(13, "Permission denied", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.exit_code == 1 and result.data["counted"] == {"岳阳县工信局": 1}
    assert result.warnings[-1] == (
        f"台账已更新，但回执 {stale} 未能删除：没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；"
        "如果该文件正在 Excel 或 WPS 中打开，请先关闭后重新运行 xlflow consolidate，已记入台账的稿件不会重复记入"
    )
    assert "回执 1 份（每个报送单位一份，在 2015年03月 文件夹中）" in result.lines and stale.is_file()
    monkeypatch.setattr(Path, "unlink", real_unlink)
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 0 and not stale.exists()


def test_a_mac_zip_folder_and_an_unreadable_sub_folder_are_named(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unzipping a Mac attachment leaves __MACOSX/ with ._ copies: skipped, named. A sub-folder that cannot be opened
    is named with why; the rest of the month is read."""
    inbox = _inbox(ws)
    write_report(inbox / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行平稳")])
    (inbox / "__MACOSX").mkdir()
    (inbox / "__MACOSX" / "._岳阳县.xlsx").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    write_report(inbox / "平江县附件" / "平江县.xlsx", "平江县工信局", [report_row("平江县召开推进会")])
    real_scandir = os.scandir

    def scandir(path: object = "."):
        if Path(str(path)).name == "平江县附件":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "跳过：系统文件 1 个（__MACOSX/）" in result.output
    assert "未读取文件夹 平江县附件：无法打开（Permission denied）" in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"])] == ["岳阳县工业运行平稳"]


def test_a_chart_sheet_is_named_and_the_data_sheet_read(ws: Workspace) -> None:
    import xlsxwriter
    from helpers_ledger import BODY as body

    path = _inbox(ws) / "岳阳县工信局_2015年3月.xlsx"
    book = xlsxwriter.Workbook(str(path))
    chartsheet = book.add_chartsheet("图表")  # first, as Excel puts a chart moved to its own sheet
    sheet = book.add_worksheet("信息报送登记表")
    sheet.write_row(0, 0, ["序号", "报送日期", "信息标题", "信息类别", "正文", "审签人", "审签人职务"])
    sheet.write_row(1, 0, [1, "2015-03-05", "岳阳县工业运行平稳", "工作动态", body, "李局长", "局长"])
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "=信息报送登记表!$A$2:$A$2"})
    chartsheet.set_chart(chart)
    book.close()
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "未读取工作表“图表”（图表）：岳阳县工信局_2015年3月.xlsx" in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [(a.sheet, a.row, a.counted) for a in ledger.articles(["2015-03"])] == [("信息报送登记表", 2, True)]


def test_a_folder_of_attachments_and_lock_files_only_says_so(ws: Workspace) -> None:
    folder = _inbox(ws)
    (folder / "岳阳县3月信息.docx").write_bytes(b"PK\x03\x04")
    (folder / "平江县照片.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "~$岳阳县.xlsx").write_bytes(b"\x00")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 1
    assert (
        f"收件文件夹 {folder} 中没有2015年3月的工作簿（只有稿件附件 2 个、锁定文件 1 个）："
        "请把各单位报回的工作簿放进去后再汇总；台账未改动"
    ) in result.output


def test_a_file_of_a_renamed_unit_is_said_to_move_not_to_be_gone(ws: Workspace) -> None:
    """信息化推进科 is renamed 信息化发展科 in the quota table, its old name kept as an alias: consolidating again,
    its file (still in the folder) counts under the new name and is said so, not said to be gone."""
    name = "信息化推进科3月份政务信息.xlsx"
    write_report(_inbox(ws) / name, "信息化推进科", [report_row(f"信息化推进科三月信息{i}", 3 + i) for i in (1, 2, 3)])
    write_report(_inbox(ws) / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    book = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    [cell] = [r[1] for r in book.active.iter_rows(min_row=2) if r[1].value == "信息化推进科"]
    cell.value, book.active.cell(cell.row, 7).value = "信息化发展科", "信息化推进科"
    book.save(ws.root / "信息任务分配表.xlsx")
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 0, again.output
    assert "已不在收件文件夹中" not in again.output and "个文件已移出" not in again.output
    assert f"  ! {name}（信息化推进科）改记在 信息化发展科 名下：其稿件按 信息化发展科 计\n" in again.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert {a.unit for a in ledger.file_articles(["2015-03"]) if a.source_file == name and a.counted} == {"信息化发展科"}


def test_a_file_that_cannot_be_read_this_time_keeps_its_counted_rows(ws: Workspace) -> None:
    """屈原区's consolidated file is being copied again (half there) when March is consolidated once more: it is
    refused, and its four counted articles (its task) stay in the ledger, said truthfully, not said to be gone. 平江县's
    补报 file is half there too: the unit's readable return decides, and the line says why its article went."""
    inbox = _inbox(ws)
    quyuan = inbox / "屈原区工信局_2015年03月.xlsx"
    write_report(quyuan, "屈原区工信局", [report_row(f"屈原区三月信息{i}", 3 + i) for i in (1, 2, 3, 4)])
    write_report(inbox / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    write_report(inbox / "平江县补报.xlsx", "平江县工信局", [report_row("平江县补报信息")])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    for path in (quyuan, inbox / "平江县补报.xlsx"):
        path.write_bytes(path.read_bytes()[:2000])  # a copy not finished
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 3, again.output
    assert "已不在收件文件夹中" not in again.output and "已移出" not in again.output
    assert ("  ! 屈原区工信局_2015年03月.xlsx（屈原区工信局）这次未能读入（见拒收说明）：台账保留上次读入的记录"
            "（原计入 4 条），本月按这些记录汇总；请按拒收说明处理后重新汇总\n") in again.output
    assert ("  ! 平江县补报.xlsx（平江县工信局）这次未能读入（见拒收说明）：本月以平江县工信局能读入的文件为准，"
            "原计入的 1 条不再计入：《平江县补报信息》；请按拒收说明处理后重新汇总\n") in again.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [(a.unit, a.title) for a in ledger.articles(["2015-03"])] == [
            ("屈原区工信局", "屈原区三月信息1"), ("屈原区工信局", "屈原区三月信息2"), ("屈原区工信局", "屈原区三月信息3"),
            ("屈原区工信局", "屈原区三月信息4"), ("平江县工信局", "平江县三月信息"),
        ]
    status = runner.invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)]).output.splitlines()
    assert [line.split()[-2:] for line in status if "屈原区工信局" in line][0] == ["4/4", "已完成"]


def test_a_title_typed_in_book_marks_is_quoted_once(ws: Workspace) -> None:
    folder = _inbox(ws)
    write_report(folder / "岳阳县.xlsx", "岳阳县工信局", [report_row("《岳阳县三月信息》"), report_row("岳阳县另一条")],
                 mtime=1_426_000_000)  # fmt: skip
    write_report(folder / "岳阳县（新）.xlsx", "岳阳县工信局", [report_row("岳阳县另一条")], mtime=1_427_000_000)
    write_report(folder / "平江县.xlsx", "平江县工信局", [report_row("《平江县三月信息》")])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "以修改时间较晚的 岳阳县（新）.xlsx 为准；被替换的文件中以下 1 条不再计入：《岳阳县三月信息》\n" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", MARCH))
    told = [r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[7].value]
    assert "《岳阳县三月信息》（岳阳县.xlsx 第 5 行）不再计入：以 岳阳县（新）.xlsx 为准，其中没有这条可计入的信息；如仍要报送，请补入后重新报送" in told

    (folder / "平江县.xlsx").unlink()
    again = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "平江县.xlsx（平江县工信局）已不在收件文件夹中：其记录已从台账删除，原计入的 1 条不再计入：《平江县三月信息》\n" in again.output
    assert "《《" not in result.output + again.output


def test_a_row_left_out_of_the_newest_of_three_versions_is_listed_once(ws: Workspace) -> None:
    """review: three versions of one return; a row in both older files but not in the newest is no longer counted
    and is listed (by the newer of the two replaced files), as the row only the middle file has (library and CLI)."""
    folder, first, middle, last = _inbox(ws), "平江县3月.xlsx", "平江县3月(1).xlsx", "平江县3月 - 副本.xlsx"
    for name, n, mtime in ((first, 3, 1_426_000_000), (middle, 4, 1_426_100_000), (last, 2, 1_426_200_000)):
        write_report(folder / name, "平江县工信局", [report_row(f"平江县信息{d}", d) for d in range(1, n + 1)], mtime=mtime)
    told = f"以修改时间较晚的 {last} 为准；被替换的文件中以下 2 条不再计入：《平江县信息3》、《平江县信息4》"
    assert any(line.endswith(told) for line in consolidate(ws, MARCH, None, now=NOW).warnings)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0 and told + "\n" in result.output, result.output
    lost = [(r[1], r[3], r[7]) for r in openpyxl.load_workbook(receipt_path(ws, "平江县工信局", MARCH))[FINDINGS_SHEET]
            .iter_rows(min_row=3, values_only=True) if r[3] != "整个文件"]  # fmt: skip
    assert lost == [(middle, f"C{r}", f"《平江县信息{d}》（{middle} 第 {r} 行）不再计入：以 {last} 为准，其中没有这条可计入的信息；"
                     "如仍要报送，请补入后重新报送") for d, r in ((3, 7), (4, 8))]  # fmt: skip
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年03月.xlsx")["问题稿件"].iter_rows(min_row=4, values_only=True)
    assert [(r[3], r[5]) for r in papers if r[5]] == [(middle, 7), (middle, 8)]


def test_a_draft_saved_later_does_not_replace_the_return(ws: Workspace) -> None:
    """The final return came by mail first; the 初稿 was saved out of an old QQ chat afterwards (a later time)."""
    folder = _inbox(ws)
    write_report(folder / "岳阳县3月信息.xlsx", "岳阳县工信局",
                 [report_row("岳阳县工业运行平稳"), report_row("岳阳县召开推进会")], mtime=1_426_000_000)  # fmt: skip
    write_report(folder / "岳阳县3月信息（初稿）.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行")], mtime=1_427_000_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "以文件名未写初稿、草稿的 岳阳县3月信息.xlsx 为准；被替换的文件中以下 1 条不再计入：《岳阳县工业运行》\n" in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        counted = sorted(a.title for a in ledger.file_articles(["2015-03"], with_body=False) if a.counted)
    assert counted == ["岳阳县召开推进会", "岳阳县工业运行平稳"]


def test_a_return_named_draft_is_not_replaced_by_an_emergency_file(ws: Workspace) -> None:
    """An emergency file came first; the month's return, named 初稿, later: it has no title of the emergency file's,
    so both count (a draft gives way to its final version, not to another report)."""
    folder = _inbox(ws)
    write_report(folder / "岳阳县工信局紧急信息.xlsx", "岳阳县工信局", [report_row("岳阳县某企业发生火灾", 3)], mtime=1_426_000_000)
    write_report(folder / "岳阳县工信局3月信息（初稿）.xlsx", "岳阳县工信局",
                 [report_row(f"岳阳县三月信息{n}", 10 + n) for n in range(4)], mtime=1_427_000_000)  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 5 条" in result.output
    assert _counted_titles(ws, "岳阳县工信局") == ["岳阳县三月信息0", "岳阳县三月信息1", "岳阳县三月信息2", "岳阳县三月信息3", "岳阳县某企业发生火灾"]
    assert "请在文件名中写明“更正”" not in result.output  # the draft is the one to be replaced, by its final version
    assert ("按补报一并计入：岳阳县工信局3月信息（初稿）.xlsx 是初稿，正式版（文件名不写“初稿”）会替换它，请报送正式版"
            in result.output)  # fmt: skip


def test_a_supplement_named_draft_gives_way_to_the_supplement(ws: Workspace) -> None:
    folder = _inbox(ws)
    write_report(folder / "岳阳县工信局3月信息.xlsx", "岳阳县工信局", [report_row("岳阳县甲"), report_row("岳阳县乙")],
                 mtime=1_426_000_000)  # fmt: skip
    write_report(folder / "岳阳县工信局3月补报（初稿）.xlsx", "岳阳县工信局", [report_row("岳阳县召开工业推进会", 20)],
                 mtime=1_426_100_000)  # fmt: skip
    write_report(folder / "岳阳县工信局3月补报.xlsx", "岳阳县工信局", [report_row("岳阳县召开2015年工业经济推进会", 21)],
                 mtime=1_426_200_000)  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 3 条" in result.output
    assert "以文件名未写初稿、草稿的 岳阳县工信局3月补报.xlsx 为准；被替换的文件中以下 1 条不再计入：《岳阳县召开工业推进会》" in result.output
    assert _counted_titles(ws, "岳阳县工信局") == ["岳阳县乙", "岳阳县召开2015年工业经济推进会", "岳阳县甲"]


def test_a_unit_whose_only_file_is_a_supplement_is_read(ws: Workspace) -> None:
    """review 6f: with only a 补报 of a unit in the month, consolidate stopped with an internal IndexError."""
    write_report(_inbox(ws) / "华容县工信局3月信息补报.xlsx", "华容县工信局", [report_row("华容县召开工业推进会", 20)])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "补报文件 华容县工信局3月信息补报.xlsx（华容县工信局）：本月只收到这一个文件，计入 1 条" in result.output
    assert _counted_titles(ws, "华容县工信局") == ["华容县召开工业推进会"]


# --- bulletins of other periods this run made stale ---------------------------------------------------------

FEBRUARY = Period.parse("2015-02")


def _february(ws: Workspace, *titles: str) -> None:
    write_report(ws.inbox / "2015-02" / "岳阳县工信局.xlsx", "岳阳县工信局",
                 [report_row(t, day=10 + i, month=2) for i, t in enumerate(titles)], month="2015年2月")  # fmt: skip


def _submitted(ws: Workspace, name: str, unit: str) -> object:
    """The unit's 报送数 in the bulletin's 完成情况 table (header in row 3)."""
    sheet = openpyxl.load_workbook(ws.out / name)["完成情况"]
    return next(row[3] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0] == unit)


def test_rows_dated_in_february_name_the_bulletins_they_made_stale(ws: Workspace) -> None:
    """February is consolidated and the Q1, Q2 and year bulletins made; March's file has a row dated 26 February,
    which counts in February: February's, Q1's and the year's bulletins no longer show what the ledger holds and
    each is named with the command that renews it; Q2's and March's own (written by this run) are not."""
    _february(ws, "岳阳县二月信息")
    consolidate(ws, FEBRUARY, None, now=NOW)
    for period in ("2015-Q1", "2015-Q2", "2015"):
        bulletin(ws, Period.parse(period), now=NOW)
    write_report(_inbox(ws) / "平江县工信局.xlsx", "平江县工信局",
                 [report_row("平江县三月信息"), report_row("平江县二月底信息", day=26, month=2)])  # fmt: skip
    result = consolidate(ws, MARCH, None, now=NOW)
    assert "计入稿件 1 条（共 2 行，0 行有错误未计入，1 条按报送日期计入2015年2月）" in result.lines
    assert [w for w in result.warnings if "不是最新的" in w] == [
        "已有的 通报_2015年02月.xlsx 不是最新的：本次汇总改变了2015年2月的数据；要更新，请运行 xlflow bulletin --period 2015-02",
        "已有的 通报_2015年第一季度.xlsx 不是最新的：本次汇总改变了2015年2—3月的数据；要更新，请运行 xlflow bulletin --period 2015-Q1",
        "已有的 通报_2015年.xlsx 不是最新的：本次汇总改变了2015年2—3月的数据；要更新，请运行 xlflow bulletin --period 2015",
    ]
    assert result.exit_code == 0
    again = [w for w in consolidate(ws, MARCH, None, now=NOW).warnings if "不是最新的" in w]  # nothing changed: as recorded
    assert again == [
        "已有的 通报_2015年02月.xlsx 不是最新的：通报写出后的汇总改变了2015年2月的数据；要更新，请运行 xlflow bulletin --period 2015-02",
        "已有的 通报_2015年第一季度.xlsx 不是最新的：通报写出后的汇总改变了2015年2—3月的数据；要更新，请运行 xlflow bulletin --period 2015-Q1",
        "已有的 通报_2015年.xlsx 不是最新的：通报写出后的汇总改变了2015年2—3月的数据；要更新，请运行 xlflow bulletin --period 2015",
    ]


def test_a_month_first_consolidated_names_no_bulletin_when_there_is_none(ws: Workspace) -> None:
    write_report(_inbox(ws) / "平江县工信局.xlsx", "平江县工信局",
                 [report_row("平江县三月信息"), report_row("平江县二月底信息", day=26, month=2)])  # fmt: skip
    result = consolidate(ws, MARCH, None, now=NOW)
    assert (result.exit_code, result.warnings) == (0, [])


def test_an_r6_verdict_moved_to_march_names_marchs_bulletin_on_the_cli(ws: Workspace) -> None:
    """岳阳县 sent one title in February and again in March (R6: March's copy does not count). February's file is
    corrected without it: March's copy counts now, so March's bulletin (written when March was consolidated) is
    stale; the hint runs as printed, and once it has, the same run names nothing."""
    _february(ws, "岳阳县工业运行平稳", "岳阳县二月信息")
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行平稳")])
    runner = CliRunner()
    for month in ("2015-02", "2015-03"):
        assert runner.invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)]).exit_code == 0
    _february(ws, "岳阳县二月信息")
    result = runner.invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "2015年3月 岳阳县工信局.xlsx 第 5 行《岳阳县工业运行平稳》 改为计入（同题稿件已不在先）；该月回执已更新" in result.output
    stale = (f"  ! 已有的 通报_2015年03月.xlsx 不是最新的：本次汇总改变了2015年3月的数据；要更新，请运行 "
             f"xlflow -w {ws.root} bulletin --period 2015-03\n")  # fmt: skip
    assert stale in result.output and result.output.count("不是最新的") == 1
    assert _submitted(ws, "通报_2015年03月.xlsx", "岳阳县工信局") == 0  # as March was consolidated
    renewed = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert renewed.exit_code == 0 and "通报_2015年03月.xlsx 内容有变化" in renewed.output
    assert _submitted(ws, "通报_2015年03月.xlsx", "岳阳县工信局") == 1
    again = runner.invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)])
    assert again.exit_code == 0 and "不是最新的" not in again.output


def test_a_quarterly_units_february_counts_in_marchs_bulletin(ws: Workspace) -> None:
    """办公室 is assessed by quarter: its monthly bulletin line is the quarter to date, so February consolidated
    again with one more of its articles makes March's bulletin stale (and no other: there is none)."""
    write_report(ws.inbox / "2015-02" / "办公室.xlsx", "办公室", [report_row("办公室二月信息", month=2)], month="2015年2月")
    consolidate(ws, FEBRUARY, None, now=NOW)
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息")])
    consolidate(ws, MARCH, None, now=NOW)
    write_report(ws.inbox / "2015-02" / "办公室.xlsx", "办公室",
                 [report_row("办公室二月信息", month=2), report_row("办公室二月又一条", day=12, month=2)], month="2015年2月")  # fmt: skip
    result = consolidate(ws, FEBRUARY, None, now=NOW)
    assert result.warnings == [
        "已有的 通报_2015年03月.xlsx 不是最新的：本次汇总改变了2015年2月的数据；要更新，请运行 xlflow bulletin --period 2015-03"
    ]


def test_march_consolidated_again_names_the_quarters_bulletin_only_when_its_tallies_change(ws: Workspace) -> None:
    """Q1's bulletin counts March's rows with errors too: a row with an error added to March names it (the counted
    articles are the same); the file changed where no tally changes (its 通讯员) does not."""
    rows = [report_row("岳阳县三月信息")]
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", rows)
    consolidate(ws, MARCH, None, now=NOW)
    bulletin(ws, Period.parse("2015-Q1"), now=NOW)
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [[*rows[0][:8], "王五"]])
    resaved = consolidate(ws, MARCH, None, now=NOW)
    assert resaved.data["stats"].changed and resaved.warnings == []
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [*rows, report_row("岳阳县短讯", body="太短了")])
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.data["counted"] == {"岳阳县工信局": 1}
    assert result.warnings == [
        "已有的 通报_2015年第一季度.xlsx 不是最新的：本次汇总改变了2015年3月的数据；要更新，请运行 xlflow bulletin --period 2015-Q1"
    ]


def test_another_months_receipt_not_written_names_the_folder_that_month_came_from(
    ws: Workspace, tmp_path: Path
) -> None:
    """March came from a mail folder; consolidating February then makes a March article a repeat while March's
    receipt cannot be written: the line names the command with March's folder, and the R6 line does not claim the
    receipt was updated."""
    mail = tmp_path / "邮件 三月"
    write_report(mail / "岳阳县工信局3月信息.xlsx", "岳阳县工信局",
                 [report_row("岳阳县重点项目开工", 5), report_row("岳阳县工业园区建设", 6)])  # fmt: skip
    assert consolidate(ws, MARCH, mail, now=NOW).exit_code == 0
    write_report(_inbox(ws, "2015-02") / "岳阳县工信局2月信息.xlsx", "岳阳县工信局",
                 [report_row("岳阳县重点项目开工", 10, month=2)], month="2015年2月")  # fmt: skip
    taken = receipt_path(ws, "岳阳县工信局", MARCH)
    taken.unlink()
    taken.mkdir()
    result = consolidate(ws, Period.parse("2015-02"), None, now=NOW)
    assert result.exit_code == 1
    moved = [w for w in result.warnings if "改为重复报送" in w]
    assert moved == ["2015年3月 岳阳县工信局3月信息.xlsx 第 5 行《岳阳县重点项目开工》 改为重复报送、不再计入"
                     "（与已计入的信息标题相同（2015年2月 岳阳县工信局2月信息.xlsx 第 5 行））"]
    assert (
        f"台账已更新，但回执 {taken} 未能写入：这个位置已经有一个同名的文件夹；请把这个文件夹改名或移走后重新运行 "
        f"xlflow consolidate --month 2015-03 '{mail}'，已记入台账的稿件不会重复记入"
    ) in result.warnings


def test_a_folders_record_that_cannot_be_written_does_not_stop_the_run(ws: Workspace) -> None:
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县信息2", day=2)])
    ws.folders_path.mkdir()  # a folder where xlflow keeps which folder each month was read from
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.exit_code == 1
    assert result.warnings == [
        f"台账已更新，但 {ws.folders_path} 未能写入：这个位置已经有一个同名的文件夹；请把这个文件夹改名或移走后重新运行 "
        "xlflow consolidate，已记入台账的稿件不会重复记入"
    ]
    assert _counted_in_receipt(ws, "岳阳县工信局") == (1, ["岳阳县信息2"])
    assert (ws.out / "通报_2015年03月.xlsx").is_file()


def test_a_receipt_that_cannot_even_be_read_is_a_warning(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A program holding 岳阳县's receipt so that it cannot be read (a sharing violation on Windows)."""
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县信息2", day=2)])
    consolidate(ws, MARCH, None, now=NOW)
    locked = receipt_path(ws, "岳阳县工信局", MARCH)
    ws.receipt_index_path.unlink()  # no record of what the receipt shows: it is rendered and compared
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: real(self) if self != locked else (_ for _ in ()).throw(
        PermissionError(13, "Permission denied", str(self))))
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.exit_code == 1
    assert result.warnings == [
        f"回执 {locked} 未能写入：没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；"
        "如果该文件正在 Excel 或 WPS 中打开，请先关闭后重新运行 xlflow consolidate"
    ]


def test_a_warning_or_a_category_decides_whether_the_quarters_bulletin_is_named(ws: Workspace) -> None:
    """The 通报 shows counted articles by 信息类别 and rows with errors, not warnings (those are the 工作底稿's):
    a row that only gains a warning (self-signed, R8) names nothing; an article moved to another category does."""
    rows = [report_row("岳阳县三月信息")]
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", rows)
    consolidate(ws, MARCH, None, now=NOW)
    bulletin(ws, Period.parse("2015-Q1"), now=NOW)
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息", signer="李四")])
    warned = consolidate(ws, MARCH, None, now=NOW)
    assert warned.data["stats"].changed and [w for w in warned.warnings if "不是最新的" in w] == []
    moved = report_row("岳阳县三月信息")
    moved[3] = "重要活动"
    write_report(_inbox(ws) / "岳阳县工信局.xlsx", "岳阳县工信局", [moved])
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.warnings == [
        "已有的 通报_2015年第一季度.xlsx 不是最新的：本次汇总改变了2015年3月的数据；要更新，请运行 xlflow bulletin --period 2015-Q1"
    ]


def test_a_draft_return_sharing_the_emergency_article_is_kept_beside_it(ws: Workspace) -> None:
    """The month's return (初稿) repeats the emergency article sent at once: both files count, the repeat once (R6)."""
    folder = _inbox(ws)
    write_report(folder / "平江县工信局紧急信息.xlsx", "平江县工信局", [report_row("平江县某企业发生火灾", 3)], mtime=1_426_000_000)
    write_report(folder / "平江县工信局3月信息（初稿）.xlsx", "平江县工信局",
                 [report_row("平江县某企业发生火灾", 3), report_row("平江县B稿", 10), report_row("平江县C稿", 11)],
                 mtime=1_425_000_000)  # fmt: skip
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "平江县工信局") == ["平江县B稿", "平江县C稿", "平江县某企业发生火灾"]


def test_an_emergency_draft_gives_way_to_the_final_emergency_file(ws: Workspace) -> None:
    folder = _inbox(ws)
    write_report(folder / "岳阳县工信局紧急信息（初稿）.xlsx", "岳阳县工信局", [report_row("岳阳县化工厂泄漏", 3)], mtime=1_425_000_000)
    write_report(folder / "岳阳县工信局紧急信息.xlsx", "岳阳县工信局", [report_row("岳阳县一化工企业泄漏得到处置", 3)], mtime=1_425_100_000)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "岳阳县工信局") == ["岳阳县一化工企业泄漏得到处置"]
    assert any("岳阳县工信局紧急信息（初稿）.xlsx 未计入" in w for w in result.warnings)


def _with_urgency(path: Path, unit: str, rows: list[tuple], mtime: float) -> None:
    """A return with 紧急程度 and 事件发生时间 columns: (title, day, urgent) per row, or (title, day, urgent, body)."""
    import xlsxwriter
    from helpers_ledger import REPORT_HEADER

    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet("信息报送登记表")
    sheet.write_string(1, 0, f"报送单位：{unit}")
    sheet.write_string(1, 3, "报送月份：2015年3月")
    sheet.write_row(3, 0, [*REPORT_HEADER, "紧急程度", "事件发生时间"])
    for r, (title, day, urgent, *body) in enumerate(rows, start=4):
        event = f"2015年3月{day}日 8:00" if urgent else ""
        sheet.write_row(r, 0, [*report_row(title, day, body=next(iter(body), None)), "紧急" if urgent else "一般", event])
    book.close()
    os.utime(path, (mtime, mtime))


EARLY, LATE = "华容县工信局3月信息.xlsx", "华容县工信局3月信息(1).xlsx"
LEAK, MEETING = "华容县某化工企业发生泄漏事故", "华容县召开安全生产会议"
MONTH_END = [(f"华容县第{d}日工作动态", d, False) for d in (5, 10, 15, 25)]


def test_a_later_return_keeps_the_earlier_files_urgent_article(ws: Workspace) -> None:
    """review R4, the form's 填表说明: neither 补报 nor 更正 written, the later file counts and the earlier one not,
    先报的紧急信息除外: its urgent article the later file lacks counts; its ordinary one is replaced."""
    _with_urgency(_inbox(ws) / EARLY, "华容县工信局", [(LEAK, 19, True), (MEETING, 20, False)], 1_426_800_000)
    _with_urgency(_inbox(ws) / LATE, "华容县工信局", MONTH_END, 1_427_800_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 5 条（共 5 行，0 行有错误未计入）" in result.output
    assert (f"  ! {EARLY}：与 {LATE} 同为华容县工信局2015年3月的报送文件，已按修改时间较晚的 {LATE} 汇总，本文件只计入先报的"
            f"紧急信息《{LEAK}》（{LATE} 中没有），其他信息不再计入，其中 1 条信息在 {LATE} 中没有：") in result.output
    # one line, as for a file replaced whole: not a line per article no longer counted (review)
    assert (f"（协调人：如应以本文件为准，请把 {LATE} 移出收件文件夹后重新汇总）；被替换的文件中以下 1 条不再计入：《{MEETING}》\n"
            in result.output)  # fmt: skip
    assert f"{EARLY} 未计入" not in result.output and f"  ! 《{MEETING}》" not in result.output
    assert _counted_titles(ws) == sorted([LEAK, *(t for t, _, _ in MONTH_END)])
    counted, files, whole = _huarong_receipt(ws)
    assert (counted, whole) == (5, [])
    assert f"文件2“{EARLY}”：工作表“信息报送登记表”：第 5 行，1 条（只计入先报的紧急信息，其他行以 {LATE} 为准）" in files


def test_an_urgent_article_the_later_return_repeats_counts_once(ws: Workspace) -> None:
    _with_urgency(_inbox(ws) / EARLY, "华容县工信局", [(LEAK, 19, True), (MEETING, 20, False)], 1_426_800_000)
    _with_urgency(_inbox(ws) / LATE, "华容县工信局", [(LEAK, 19, True), *MONTH_END], 1_427_800_000)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws) == sorted([LEAK, *(t for t, _, _ in MONTH_END)])
    assert result.data["superseded"] == {EARLY: LATE}


def test_an_urgent_article_in_two_earlier_files_counts_once_from_the_later(ws: Workspace) -> None:
    """review Z10: two earlier files carry the urgent article, the last return does not: it counts once, from the
    later of the two, without an R6 error on the other copy."""
    middle = "华容县工信局3月信息(0).xlsx"
    _with_urgency(_inbox(ws) / EARLY, "华容县工信局", [(LEAK, 19, True), (MEETING, 20, False)], 1_426_800_000)
    _with_urgency(_inbox(ws) / middle, "华容县工信局", [(LEAK, 19, True), ("华容县召开项目调度会", 21, False)], 1_427_000_000)
    _with_urgency(_inbox(ws) / LATE, "华容县工信局", MONTH_END, 1_427_800_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 5 条（共 5 行，0 行有错误未计入）" in result.output
    assert _counted_titles(ws) == sorted([LEAK, *(t for t, _, _ in MONTH_END)])
    assert f"{middle}：与 {LATE} 同为华容县工信局2015年3月的报送文件，已按修改时间较晚的 {LATE} 汇总，本文件只计入先报的紧急信息" \
        in result.output  # fmt: skip
    assert f"! {EARLY} 未计入：与 {LATE} 同为华容县工信局本月文件，以修改时间较晚的 {LATE} 为准；被替换的文件中以下 1 条不再计入：" \
        f"《{MEETING}》\n" in result.output  # fmt: skip


def test_an_urgent_article_the_later_return_carries_retitled_is_replaced(ws: Workspace) -> None:
    """review Z10: the return carries the urgent article's 正文 under a better title: that one counts, the earlier
    file is replaced whole, and nothing says the urgent article is no longer counted."""
    body = "华容县某化工企业3月19日发生泄漏事故，" * 12
    better = "华容县某化工企业发生泄漏事故已妥善处置"
    _with_urgency(_inbox(ws) / EARLY, "华容县工信局", [(LEAK, 19, True, body), (MEETING, 20, False)], 1_426_800_000)
    _with_urgency(_inbox(ws) / LATE, "华容县工信局", [*MONTH_END, (better, 25, True, body)], 1_427_800_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert _counted_titles(ws) == sorted([better, *(t for t, _, _ in MONTH_END)])
    assert f"《{LEAK}》" not in result.output and f"被替换的文件中以下 1 条不再计入：《{MEETING}》\n" in result.output


def test_a_draft_gives_way_to_its_final_return_whose_rows_are_all_urgent(ws: Workspace) -> None:
    """The final return keeps only the emergency article (B withdrawn): it is the draft's final version, not an
    emergency file sent beside it; B no longer counts."""
    folder = _inbox(ws)
    _with_urgency(folder / "平江县工信局3月信息（初稿）.xlsx", "平江县工信局", [("平江县某企业发生火灾", 10, True),
                  ("平江县撤回的稿件", 20, False)], 1_426_000_000)  # fmt: skip
    _with_urgency(folder / "平江县工信局3月信息.xlsx", "平江县工信局", [("平江县某企业发生火灾", 10, True)], 1_426_100_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "平江县工信局") == ["平江县某企业发生火灾"]


def test_a_draft_gives_way_to_its_final_return_when_an_emergency_file_came_last(ws: Workspace) -> None:
    folder = _inbox(ws)
    write_report(folder / "平江县工信局3月信息（初稿）.xlsx", "平江县工信局", [report_row("平江县A稿", 10), report_row("平江县撤回的B稿", 11)],
                 mtime=1_426_000_000)  # fmt: skip
    write_report(folder / "平江县工信局3月信息.xlsx", "平江县工信局", [report_row("平江县A稿", 10)], mtime=1_426_100_000)
    write_report(folder / "平江县工信局紧急信息.xlsx", "平江县工信局", [report_row("平江县某企业发生火灾", 25)], mtime=1_427_000_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "平江县工信局") == ["平江县A稿", "平江县某企业发生火灾"]


def test_a_reworded_title_names_the_quarters_bulletin(ws: Workspace) -> None:
    """An adoption is matched by title: a February article re-sent under another title changes Q1's adoptions."""
    write_report(ws.inbox / "2015-02" / "平江县2月信息.xlsx", "平江县工信局", [report_row("平江县召开工业经济调度会", 10, month=2)],
                 month="2015年2月")  # fmt: skip
    consolidate(ws, FEBRUARY, None, now=NOW)
    bulletin(ws, Period.parse("2015-Q1"), now=NOW)
    write_report(ws.inbox / "2015-02" / "平江县2月信息.xlsx", "平江县工信局", [report_row("平江县召开全县工业经济调度会", 10, month=2)],
                 month="2015年2月")  # fmt: skip
    result = consolidate(ws, FEBRUARY, None, now=NOW)
    assert [w for w in result.warnings if "不是最新的" in w] == [
        "已有的 通报_2015年第一季度.xlsx 不是最新的：本次汇总改变了2015年2月的数据；要更新，请运行 xlflow bulletin --period 2015-Q1"
    ]


def test_a_draft_return_is_kept_beside_an_emergency_report_named_otherwise(ws: Workspace) -> None:
    """突发事件快报 (its one row urgent) is no final version of 3月信息（初稿）: both count."""
    folder = _inbox(ws)
    write_report(folder / "平江县工信局3月信息（初稿）.xlsx", "平江县工信局", [report_row("平江县A稿", 10), report_row("平江县B稿", 11)],
                 mtime=1_426_000_000)  # fmt: skip
    _with_urgency(folder / "平江县工信局突发事件快报.xlsx", "平江县工信局", [("平江县某企业发生火灾", 20, True)], 1_427_000_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "平江县工信局") == ["平江县A稿", "平江县B稿", "平江县某企业发生火灾"]


def test_a_draft_gives_way_to_its_final_version_named_with_more_words(ws: Workspace) -> None:
    """3月信息（含紧急信息） is 3月信息（初稿）'s final version, though it names 紧急: the withdrawn B does not count."""
    folder = _inbox(ws)
    write_report(folder / "平江县工信局3月信息（初稿）.xlsx", "平江县工信局", [report_row("平江县A稿", 10), report_row("平江县撤回的B稿", 11)],
                 mtime=1_426_000_000)  # fmt: skip
    _with_urgency(folder / "平江县工信局3月信息（含紧急信息）.xlsx", "平江县工信局", [("平江县A稿", 10, False),
                  ("平江县某企业发生火灾", 20, True)], 1_427_000_000)  # fmt: skip
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "平江县工信局") == ["平江县A稿", "平江县某企业发生火灾"]


def test_a_draft_named_draft_first_finds_its_final_version(ws: Workspace) -> None:
    folder = _inbox(ws)
    write_report(folder / "初稿-平江县3月.xlsx", "平江县工信局", [report_row("平江县A稿", 10), report_row("平江县撤回的B稿", 11)],
                 mtime=1_426_000_000)  # fmt: skip
    write_report(folder / "平江县3月.xlsx", "平江县工信局", [report_row("平江县A稿", 10)], mtime=1_426_100_000)
    write_report(folder / "平江县紧急信息.xlsx", "平江县工信局", [report_row("平江县某企业发生火灾", 25)], mtime=1_427_000_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "平江县工信局") == ["平江县A稿", "平江县某企业发生火灾"]


def test_a_draft_return_is_kept_beside_an_emergency_file_named_like_it(ws: Workspace) -> None:
    """3月信息（紧急） is an emergency report, not the final version of 3月信息（初稿）: both count."""
    folder = _inbox(ws)
    write_report(folder / "平江县工信局3月信息（初稿）.xlsx", "平江县工信局", [report_row(f"平江县稿件{n}", 10 + n) for n in range(3)],
                 mtime=1_426_000_000)  # fmt: skip
    write_report(folder / "平江县工信局3月信息（紧急）.xlsx", "平江县工信局", [report_row("平江县某企业发生火灾", 20)], mtime=1_427_000_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "平江县工信局") == ["平江县某企业发生火灾", "平江县稿件0", "平江县稿件1", "平江县稿件2"]


def test_a_draft_gives_way_to_a_renamed_final_return_before_a_later_emergency_file(ws: Workspace) -> None:
    folder = _inbox(ws)
    write_report(folder / "岳阳县工信局3月份信息（初稿）.xlsx", "岳阳县工信局", [report_row("岳阳县A稿", 10), report_row("岳阳县B稿", 11),
                 report_row("岳阳县撤回的C稿", 12)], mtime=1_426_000_000)  # fmt: skip
    write_report(folder / "岳阳县工信局2015年3月信息报送登记表.xlsx", "岳阳县工信局",
                 [report_row("岳阳县A稿", 10), report_row("岳阳县B稿", 11)], mtime=1_426_100_000)  # fmt: skip
    write_report(folder / "岳阳县工信局紧急信息.xlsx", "岳阳县工信局", [report_row("岳阳县某企业发生火灾", 25)], mtime=1_427_000_000)
    consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws, "岳阳县工信局") == ["岳阳县A稿", "岳阳县B稿", "岳阳县某企业发生火灾"]


def test_two_files_saved_in_the_same_second_say_the_time_cannot_tell(ws: Workspace) -> None:
    """Files unpacked from one zip carry the same time: the later one cannot be told, so the message does not claim
    that the kept file was modified later, and says how to choose."""
    _huarong(ws, "华容县工信局3月信息.xlsx", ["华容县信息甲"], 1_427_000_000)
    _huarong(ws, "华容县工信局3月信息（报送稿）.xlsx", ["华容县信息乙"], 1_427_000_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    kept, dropped = "华容县工信局3月信息（报送稿）.xlsx", "华容县工信局3月信息.xlsx"  # the tie goes to the name
    assert _counted_titles(ws) == ["华容县信息乙"]
    assert "修改时间较晚" not in result.output
    assert (f"{dropped} 未计入：与 {kept} 同为华容县工信局本月文件，以 {kept} 为准（两个文件修改时间相同，无法判断哪个较新）"
            f"（如应以 {dropped} 为准，请把 {kept} 移出收件文件夹后重新汇总）；"
            "被替换的文件中以下 1 条不再计入：《华容县信息甲》") in result.output  # fmt: skip
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    told = [r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[7].value]
    assert (f"{dropped}：与 {kept} 同为华容县工信局2015年3月的报送文件，已按 {kept} 汇总（两个文件修改时间相同，"
            "无法判断哪个较新），本文件未计入，其中 1 条信息在 " + kept + " 中没有，不再计入：如本文件才是正确的，"
            "请在文件名中写明“更正”后重新报送；如是补充报送，请在文件名中写明“补报”后重新报送") in told  # fmt: skip
    assert not [t for t in told if "协调人" in t or "汇总）" in t or "收件文件夹" in t]  # the coordinator's steps
    with Ledger.open(ws.ledger_path) as ledger:  # … stay in the ledger (and the 工作底稿)
        [replaced] = [f for f in ledger.findings(["2015-03"]) if f.code == "F8" and f.row is None]
    assert replaced.message.endswith(f"（协调人：如应以本文件为准，请把 {kept} 移出收件文件夹后重新汇总）")


def test_a_correction_of_an_emergency_report_replaces_it(ws: Workspace) -> None:
    """README: a file named 更正 is the one to go by, whatever its time: the corrected emergency report replaces
    the first one although their titles differ (the correction reworded it)."""
    _huarong(ws, "华容县工信局_紧急_锅炉爆炸.xlsx", ["华容县一企业锅炉爆炸"], 1_425_300_000)
    _huarong(ws, "华容县工信局_紧急_锅炉爆炸（更正）.xlsx", ["华容县一企业锅炉爆炸致二人受伤"], 1_425_400_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert _counted_titles(ws) == ["华容县一企业锅炉爆炸致二人受伤"]
    assert "按补报一并计入" not in result.output
    assert ("华容县工信局_紧急_锅炉爆炸.xlsx 未计入：与 华容县工信局_紧急_锅炉爆炸（更正）.xlsx 同为华容县工信局本月文件，"
            "以文件名写明更正的 华容县工信局_紧急_锅炉爆炸（更正）.xlsx 为准") in result.output  # fmt: skip


def test_an_emergency_correction_replaces_the_emergency_report_not_the_return(ws: Workspace) -> None:
    """An emergency report sent after the month's return is kept beside it (notice 三.2), and the unit is given no
    step that would make it replace the return; the emergency report corrected (更正) replaces only the emergency
    report, and the return's articles still count (CLI, receipt)."""
    _huarong(ws, "华容县工信局3月信息.xlsx", [f"华容县月底信息{i}" for i in (1, 2, 3)], 1_425_300_000)
    _huarong(ws, "华容县工信局_紧急_锅炉爆炸.xlsx", ["华容县一企业锅炉爆炸"], 1_427_500_000)
    first = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert first.exit_code == 0, first.output
    told = ("华容县工信局_紧急_锅炉爆炸.xlsx 与 华容县工信局3月信息.xlsx 同为华容县工信局2015年3月的报送文件，其中一个是紧急信息，"
            "两者没有相同的信息标题，按补报一并计入")  # fmt: skip
    assert told + "（协调人：" in first.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    assert [r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[7].value] == [told]
    assert _counted_titles(ws) == ["华容县一企业锅炉爆炸", *(f"华容县月底信息{i}" for i in (1, 2, 3))]
    _huarong(ws, "华容县工信局_紧急_锅炉爆炸（更正）.xlsx", ["华容县一企业锅炉爆炸致二人受伤"], 1_427_600_000)
    again = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 0, again.output
    assert _counted_titles(ws) == ["华容县一企业锅炉爆炸致二人受伤", *(f"华容县月底信息{i}" for i in (1, 2, 3))]
    assert "华容县工信局3月信息.xlsx 未计入" not in again.output


def test_a_corrected_emergency_report_leaves_a_return_that_holds_an_emergency(ws: Workspace) -> None:
    _huarong(ws, "华容县工信局_紧急_锅炉爆炸.xlsx", ["华容县一企业锅炉爆炸"], 1_425_300_000)
    _huarong(ws, "华容县工信局3月信息（含紧急信息）.xlsx", [f"华容县月底信息{i}" for i in (1, 2, 3)], 1_427_500_000)
    _huarong(ws, "华容县工信局_紧急_锅炉爆炸（更正）.xlsx", ["华容县一企业锅炉爆炸致二人受伤"], 1_427_600_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert _counted_titles(ws) == ["华容县一企业锅炉爆炸致二人受伤", *(f"华容县月底信息{i}" for i in (1, 2, 3))]


def _huarong_receipt(ws: Workspace) -> tuple[int, list[str], list[str]]:
    """The receipt's 计入数, its file lines (文件“…”, numbered when rows come from several), and the files its 问题清单 says were replaced."""
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    sheet = book[RECEIPT_SHEET]
    files = [str(c.value) for c in sheet["A"] if isinstance(c.value, str) and re.match(r"文件\d*“", c.value)]  # 文件2“…”
    whole = [r[1].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[3].value == "整个文件"
             and r[5].value == "F8 文件已被替代" and "本文件未计入" in r[7].value]  # fmt: skip
    return sheet[4][5].value, files, whole


def _status_row(ws: Workspace) -> list[str]:
    status = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert status.exit_code == 0, status.output
    return next(line.split() for line in status.output.splitlines() if "华容县工信局" in line)


def test_an_emergency_correction_replaces_only_the_report_it_corrects(ws: Workspace) -> None:
    """Two emergency reports on two events, then the first corrected, then the month's return: the correction
    replaces the report of its own name (火灾), not the other event's (停电) nor the return (CLI, receipt, status)."""
    fire, power = "华容县紧急信息（3月5日火灾）.xlsx", "华容县紧急信息（3月20日停电）.xlsx"
    fix = "华容县紧急信息（3月5日火灾）更正.xlsx"
    _huarong(ws, fire, ["华容县某化工企业发生火灾"], 1_425_500_000)
    _huarong(ws, power, ["华容县工业园区大面积停电"], 1_426_800_000)
    _huarong(ws, fix, ["华容县某化工企业发生火灾（续报更正）"], 1_426_900_000)
    _huarong(ws, "华容县3月信息.xlsx", ["华容县三月工业运行", "华容县项目建设"], 1_427_500_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (f"{fire} 未计入：与 {fix} 同为华容县工信局本月文件，以文件名写明更正的 {fix} 为准；"
            "被替换的文件中以下 1 条不再计入：《华容县某化工企业发生火灾》") in result.output  # fmt: skip
    assert f"{power} 未计入" not in result.output and "华容县3月信息.xlsx 未计入" not in result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县工业园区大面积停电", "华容县某化工企业发生火灾（续报更正）", "华容县项目建设"]
    counted, files, whole = _huarong_receipt(ws)
    assert counted == 4
    assert [line for line in files if "替代" in line] == [
        f"文件4“{fire}”：已由“{fix}”替代，未计入；其中 1 条信息“{fix}”中没有，不再计入：如仍要报送，请补入“{fix}”后重新报送，"
        "或以文件名写“补报”的文件报送（见“问题清单”）"]
    assert [name for name in whole if name != fire] == []
    assert _status_row(ws)[2:4] == ["3", "4"]  # 3 files counted, 4 articles


def test_an_emergency_correction_named_otherwise_replaces_the_report_sharing_its_title(ws: Workspace) -> None:
    """紧急信息（更正） is named like no earlier report: it replaces the one with its title (停电), not the other."""
    _huarong(ws, "华容县紧急信息（火灾）.xlsx", ["华容县某化工企业发生火灾"], 1_425_500_000)
    _huarong(ws, "华容县紧急信息（停电）.xlsx", ["华容县工业园区大面积停电"], 1_426_800_000)
    _huarong(ws, "华容县紧急信息（更正）.xlsx", ["华容县工业园区大面积停电", "华容县停电已恢复"], 1_426_900_000)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.data["counted"] == {"华容县工信局": 3}
    assert _counted_titles(ws) == ["华容县停电已恢复", "华容县工业园区大面积停电", "华容县某化工企业发生火灾"]
    assert [w for w in result.warnings if "未计入：与" in w] == [
        "华容县紧急信息（停电）.xlsx 未计入：与 华容县紧急信息（更正）.xlsx 同为华容县工信局本月文件，以文件名写明更正的 "
        "华容县紧急信息（更正）.xlsx 为准"
    ]


def test_two_emergency_reports_are_told_how_one_corrects_the_other(ws: Workspace) -> None:
    """Two emergency reports without a common title both count; the unit is told the name under which the later
    one would replace the earlier, and sent so, it does (CLI, receipt, ledger)."""
    first, later = "华容县紧急信息（火灾）.xlsx", "华容县紧急信息_化工企业.xlsx"
    _huarong(ws, first, ["华容县某化工企业发生火灾"], 1_425_500_000)
    _huarong(ws, later, ["华容县化工企业火灾已扑灭"], 1_426_000_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    told = (f"{later} 与 {first} 同为华容县工信局2015年3月的报送文件，其中一个是紧急信息，两者没有相同的信息标题，按补报一并计入："
            f"如 {later} 是 {first} 的更正，请把它改名为 华容县紧急信息（火灾）（更正）.xlsx 后重新报送")  # fmt: skip
    assert told in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    assert [r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[7].value] == [told]
    assert _counted_titles(ws) == ["华容县化工企业火灾已扑灭", "华容县某化工企业发生火灾"]
    (ws.inbox / "2015-03" / later).rename(ws.inbox / "2015-03" / "华容县紧急信息（火灾）（更正）.xlsx")
    again = consolidate(ws, MARCH, None, now=NOW)
    assert _counted_titles(ws) == ["华容县化工企业火灾已扑灭"]
    assert again.data["superseded"] == {first: "华容县紧急信息（火灾）（更正）.xlsx"}


@pytest.mark.parametrize("name", ["华容县工信局3月信息（含紧急信息）", "华容县工信局3月信息（含1条紧急信息）",
                                  "华容县工信局3月信息（附紧急信息）", "华容县工信局3月信息及紧急信息",
                                  "华容县工信局3月政务信息（其中紧急信息1条）", "华容县工信局3月信息和紧急信息",
                                  "华容县工信局3月信息与紧急信息", "华容县工信局3月份信息、紧急信息",
                                  "华容县工信局3月信息（另有紧急信息1条）", "华容县工信局3月信息+紧急信息",
                                  "华容县工信局3月信息（紧急信息1条）"])  # fmt: skip
@pytest.mark.parametrize("earlier", [False, True])
def test_an_emergency_correction_never_replaces_a_return_naming_its_emergency(
    ws: Workspace, name: str, earlier: bool
) -> None:
    """However the month's return says it holds an emergency report, a corrected emergency report does not replace
    it: it replaces the emergency report sent before, if any, else nothing (summary, receipt, ledger)."""
    if earlier:
        _huarong(ws, "华容县工信局紧急信息.xlsx", ["华容县某化工企业发生爆炸"], 1_425_300_000)
    _huarong(ws, f"{name}.xlsx", ["华容县三月工业运行", "华容县项目建设", "华容县某化工企业发生火灾"], 1_426_800_000)
    _huarong(ws, "华容县工信局紧急信息（更正）.xlsx", ["华容县某化工企业发生火灾（更正）"], 1_426_900_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert f"{name}.xlsx 未计入" not in result.output
    assert ("华容县工信局紧急信息.xlsx 未计入：与 华容县工信局紧急信息（更正）.xlsx" in result.output) is earlier
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县某化工企业发生火灾", "华容县某化工企业发生火灾（更正）", "华容县项目建设"]
    counted, files, whole = _huarong_receipt(ws)
    assert counted == 4
    assert whole == (["华容县工信局紧急信息.xlsx"] if earlier else [])


@pytest.mark.parametrize("name", ["华容县工信局3月信息（附紧急信息）", "华容县工信局3月信息（含1条紧急信息）",
                                  "华容县工信局3月信息和紧急信息", "华容县工信局3月信息及紧急事件", "华容县工信局3月信息和紧急情况",
                                  "华容县工信局3月信息及紧急政务信息", "华容县工信局3月信息与紧急情况报告",
                                  "华容县工信局3月信息及紧急事项"])  # fmt: skip
def test_a_draft_gives_way_to_its_final_version_naming_its_emergency(ws: Workspace, name: str) -> None:
    """3月信息（附紧急信息） is the final version of 3月信息（初稿）, as 3月信息（含紧急信息） and 3月信息及紧急事件 are
    (review 8a): the draft's withdrawn article no longer counts, and the unit is not asked for a final version."""
    _huarong(ws, "华容县工信局3月信息（初稿）.xlsx", ["华容县三月工业运行", "华容县项目建设", "华容县撤回的稿件"], 1_426_000_000)
    _huarong(ws, f"{name}.xlsx", ["华容县3月工业运行情况", "华容县项目建设", "华容县某化工企业发生火灾"], 1_426_200_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (f"华容县工信局3月信息（初稿）.xlsx 未计入：与 {name}.xlsx 同为华容县工信局本月文件，以文件名未写初稿、草稿的 "
            f"{name}.xlsx 为准") in result.output  # fmt: skip
    assert "请报送正式版" not in result.output and "R6" not in result.output
    assert _counted_titles(ws) == ["华容县3月工业运行情况", "华容县某化工企业发生火灾", "华容县项目建设"]
    assert _huarong_receipt(ws)[0] == 3


@pytest.mark.parametrize("return_fixed_last", [True, False])
def test_an_emergency_report_and_the_return_both_corrected(ws: Workspace, return_fixed_last: bool) -> None:
    """The unit corrects its emergency report and its month's return: each correction replaces its own first
    version, whichever came last; the wrong emergency report no longer counts (summary, receipt, status)."""
    em, em_fix = "华容县工信局紧急信息.xlsx", "华容县工信局紧急信息（更正）.xlsx"
    ret, ret_fix = "华容县工信局3月信息.xlsx", "华容县工信局3月信息（更正）.xlsx"
    _huarong(ws, em, ["华容县某化工企业发生火灾造成3人受伤"], 1_425_500_000)
    _huarong(ws, em_fix, ["华容县某化工企业发生火灾造成1人受伤"], 1_425_600_000 if return_fixed_last else 1_427_700_000)
    _huarong(ws, ret, ["华容县三月工业运行", "华容县项目建设"], 1_427_400_000)
    _huarong(ws, ret_fix, ["华容县三月工业运行情况", "华容县项目建设"], 1_427_500_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (f"{em} 未计入：与 {em_fix} 同为华容县工信局本月文件，以文件名写明更正的 {em_fix} 为准；"
            "被替换的文件中以下 1 条不再计入：《华容县某化工企业发生火灾造成3人受伤》") in result.output  # fmt: skip
    assert (f"{ret} 未计入：与 {ret_fix} 同为华容县工信局本月文件，以文件名写明更正的 {ret_fix} 为准；"
            "被替换的文件中以下 1 条不再计入：《华容县三月工业运行》") in result.output  # fmt: skip
    assert _counted_titles(ws) == ["华容县三月工业运行情况", "华容县某化工企业发生火灾造成1人受伤", "华容县项目建设"]
    counted, files, whole = _huarong_receipt(ws)
    assert counted == 3
    assert sorted(whole) == [ret, em]
    assert _status_row(ws)[2:4] == ["2", "3"]


# --- the month of a file, and what the unit is told ------------------------------------------------------


def test_a_flat_inbox_leaves_next_months_file_with_a_hidden_leftover_sheet_to_its_month(ws: Workspace) -> None:
    """inbox/ holds April and May: May's workbook, its April sheet left hidden (上月), is May's, and does not
    replace the unit's April file when April is consolidated."""
    write_report(ws.inbox / "云溪区工信局_2015年04月.xlsx", "云溪区工信局", [report_row(f"云溪区四月信息{d}", d, month=4)
                 for d in (3, 8)], month="2015年4月", mtime=1_430_000_000)  # fmt: skip
    may = ws.inbox / "云溪区5月份政务信息.xlsx"
    write_report(may, "云溪区工信局", [report_row("云溪区五月信息", 6, month=5)], month="2015年5月", mtime=1_433_000_000)
    book = openpyxl.load_workbook(may)  # add the leftover: last month's sheet, hidden
    leftover = book.copy_worksheet(book.worksheets[0])
    leftover.title, leftover.sheet_state = "上月", "hidden"
    leftover["D2"], leftover["C5"], leftover["B5"] = "报送月份：2015年4月", "云溪区四月旧稿", "2015年4月2日"
    book.save(may)
    os.utime(may, (1_433_000_000, 1_433_000_000))
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "其他月份的文件（请汇总对应月份时处理）：云溪区5月份政务信息.xlsx（2015年5月）" in result.output
    assert "未计入：与" not in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert sorted(a.title for a in ledger.file_articles(["2015-04"]) if a.unit == "云溪区工信局" and a.counted) == [
            "云溪区四月信息3", "云溪区四月信息8"]


def test_a_reused_workbook_with_last_months_label_counts_in_its_month(ws: Workspace) -> None:
    """A unit fills March's articles into February's workbook (报送月份 still 2015年2月, in D2 here) and names it
    March: counted in March, the receipt says why and what to do next month; put into February's folder, it is
    March's file there and leaves February's return alone."""
    write_report(ws.inbox / "2015-02" / "岳阳县工信局_2015年02月.xlsx", "岳阳县工信局",
                 [report_row("岳阳县二月信息", 6, month=2)], month="2015年2月", mtime=1_425_000_000)  # fmt: skip
    reused = "岳阳县工信局_2015年03月_信息报送登记表.xlsx"
    write_report(ws.inbox / "2015-03" / reused, "岳阳县工信局", [report_row("岳阳县三月信息甲", 3),
                 report_row("岳阳县三月信息乙", 9)], month="2015年2月", mtime=1_427_000_000)  # fmt: skip
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 2 条" in result.output
    assert "报送月份（D2）写的是2015年2月，但文件名和各行日期都是2015年3月，已按2015年3月汇总" in result.output  # the coordinator too
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", MARCH))
    rows = [[c.value for c in r] for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[0].value]
    assert [(r[2], r[3], r[5], r[6], r[7]) for r in rows] == [(
        "信息报送登记表", "D2", "F7 月份不符", "提示",
        f"{reused}：报送月份（D2）写的是2015年2月，但文件名和各行日期都是2015年3月，已按2015年3月汇总；下月请用新下发的登记表",
    )]  # fmt: skip
    os.replace(ws.inbox / "2015-03" / reused, ws.inbox / "2015-02" / reused)
    again = runner.invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)])
    assert again.exit_code == 0, again.output
    assert f"{reused}（已于2015年3月汇总）" in again.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.file_articles(["2015-02"]) if a.unit == "岳阳县工信局" and a.counted] == [
            "岳阳县二月信息"]


def test_a_running_register_counts_its_new_rows_in_its_month(ws: Workspace) -> None:
    """review X3 d6: March's workbook kept as a running register (报送月份 still 2015年3月), March's two rows left
    in and three April rows added, named 4月 in April's folder and the only file: consolidated for April, its April
    rows count, March's are 已在其他行计入, and the receipt names the stale label (library and CLI)."""
    march = [report_row(f"平江县三月信息{d}", d) for d in (5, 6)]
    write_report(_inbox(ws) / "平江县工信局3月信息.xlsx", "平江县工信局", march)
    write_report(_inbox(ws, "2015-04") / "平江县工信局4月信息.xlsx", "平江县工信局",
                 [*march, *(report_row(f"平江县四月信息{d}", d, month=4) for d in (7, 8, 9))])  # fmt: skip
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 0
    told = ("平江县工信局4月信息.xlsx：报送月份（D2）写的是2015年3月，但文件名和多数行的日期是2015年4月，已按2015年4月汇总；"
            "下月请用新下发的登记表，只填当月的信息")
    assert any(line.endswith(told) for line in consolidate(ws, APRIL, None, now=NOW).warnings)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 3 条（共 5 行，0 行有错误未计入，2 行与已计入的稿件重复、记为提示）" in result.output and told in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "平江县工信局", APRIL))
    assert [(r[1], r[3], r[7]) for r in book[RECEIPT_SHEET].iter_rows(min_row=7, values_only=True) if isinstance(r[0], int)] == [
        (5, "平江县三月信息5", "已在其他行计入"), (6, "平江县三月信息6", "已在其他行计入"),
        *((r, f"平江县四月信息{d}", "计入") for r, d in ((7, 7), (8, 8), (9, 9)))]  # fmt: skip
    assert [r[7] for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5] == "F7 月份不符"] == [told]


def test_a_reused_workbook_filed_in_last_months_folder_asks_the_unit_for_nothing(ws: Workspace) -> None:
    """The same reused workbook (name and dates March, 报送月份 February) filed by the coordinator under February
    before March is consolidated: the unit's file is right, so its receipt says it counts in March and asks for
    nothing; filing it under March is the coordinator's step, and done so it counts there."""
    feb = Period.parse("2015-02")
    write_report(ws.inbox / "2015-02" / "岳阳县工信局_2015年02月.xlsx", "岳阳县工信局",
                 [report_row("岳阳县二月信息", 6, month=2)], month="2015年2月", mtime=1_425_000_000)  # fmt: skip
    reused = "岳阳县工信局_2015年03月_信息报送登记表.xlsx"
    write_report(ws.inbox / "2015-02" / reused, "岳阳县工信局", [report_row("岳阳县三月信息甲", 3),
                 report_row("岳阳县三月信息乙", 9)], month="2015年2月", mtime=1_427_000_000)  # fmt: skip
    runner = CliRunner()
    result = runner.invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    told = (f"{reused}：文件名和各行日期写的是2015年3月，本次汇总的是2015年2月：本文件将按2015年3月另行汇总，无需重报")
    assert f"✗ {told}（协调人：请放入对应月份的文件夹另行汇总）\n" in result.output
    assert "改正" not in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", feb))
    assert [r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[0].value] == [told]
    os.replace(ws.inbox / "2015-02" / reused, _inbox(ws) / reused)  # the coordinator's step
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.title for a in ledger.file_articles(["2015-03"]) if a.unit == "岳阳县工信局" and a.counted] == [
            "岳阳县三月信息甲", "岳阳县三月信息乙"]


def test_last_year_s_file_is_sent_to_last_year_s_workspace(tmp_path: Path) -> None:
    """January 2016 (review X1 #2): 轻工业科's late 2015年12月 file put in the 2016 workspace's inbox/2016-01 belongs
    in the 2015 workspace: the summary names it beside this one and the command to consolidate it there (none
    beside: how to make one), not a month folder here; the unit is told only that it need not send it again."""
    ws, january = make_workspace(tmp_path / "2016信息报送", 2016), Period.parse("2016-01")
    late = "轻工业科_2015年12月_信息报送登记表.xlsx"
    write_report(ws.inbox / "2016-01" / late, "轻工业科", [report_row("轻工业科十二月信息", 30, month=12)], month="2015年12月")
    row = report_row("岳阳县一月信息", month=1)
    write_report(ws.inbox / "2016-01" / "岳阳县工信局_2016年01月.xlsx", "岳阳县工信局", [[None, "2016年1月8日", *row[2:]]],
                 month="2016年1月")  # fmt: skip
    told = (f"{late}：“报送月份”写的是2015年12月，本次汇总的是2016年1月：如是2016年1月的信息，请填入2016年1月下发的登记表"
            "后重新报送；如是2015年12月的信息，将按2015年12月另行汇总，无需重报")  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2016-01", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert (f"✗ {told}（协调人：这是2015年的信息，请另建2015年度工作区（xlflow init {tmp_path / '2015信息报送'} --year 2015），"
            "放入其中的 inbox/2015-12 后汇总）\n") in result.output  # fmt: skip
    book = openpyxl.load_workbook(receipt_path(ws, "轻工业科", january))
    assert [r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[0].value] == [told]

    old = make_workspace(tmp_path / "去年的工作区", 2015).root  # made by hand, named otherwise: its xlflow.toml tells
    assert consolidate(ws, january, None).refused == [
        f"{told}（协调人：这是2015年的信息，请放入2015年度工作区 {old} 的 inbox/2015-12 后汇总：xlflow -w {old} consolidate "
        "--month 2015-12）"]  # fmt: skip
    (old / "inbox" / "2015-12").mkdir()
    os.replace(ws.inbox / "2016-01" / late, old / "inbox" / "2015-12" / late)  # the coordinator's step, as told
    assert CliRunner().invoke(cli, ["-w", str(old), "consolidate", "--month", "2015-12"]).exit_code == 0
    with Ledger.open(old / "ledger.sqlite") as ledger:
        assert [a.title for a in ledger.file_articles(["2015-12"]) if a.counted] == ["轻工业科十二月信息"]

    loose = make_workspace(tmp_path / "放在inbox中", 2016)  # inbox/ read whole: the 2015 file is set aside, with the step
    write_report(loose.inbox / late, "轻工业科", [report_row("轻工业科十二月信息", 30, month=12)], month="2015年12月")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2016-01", "-w", str(loose.root)])
    assert result.exit_code == 1 and (f"（其他月份的文件 1 个：{late}（2015年12月））：这是2015年的信息，请放入2015年度工作区 {old} "
                                      f"的 inbox/2015-12 后汇总：xlflow -w {old} consolidate --month 2015-12；否则请把") in (
                                          result.output.replace("\n", ""))  # fmt: skip
    write_report(loose.inbox / "岳阳县工信局_2016年01月.xlsx", "岳阳县工信局", [[None, "2016年1月8日", *row[2:]]],
                 month="2016年1月")  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2016-01", "-w", str(loose.root)])
    assert result.exit_code == 0, result.output
    assert "读取文件 2 个：接受 1 个，拒收 0 个，其他月份 1 个（本次不汇总）" in result.output
    assert (f"其他年度的文件 {late}（2015年12月）：这是2015年的信息，请放入2015年度工作区 {old} 的 inbox/2015-12 后汇总："
            f"xlflow -w {old} consolidate --month 2015-12\n") in result.output  # fmt: skip


def test_last_december_s_supplement_sheet_goes_to_last_year_s_workspace(tmp_path: Path) -> None:
    """January 2016 (review X1 #1): 云溪区's January return carries a sheet 12月补报 of two 2015-12-28 articles. They
    are 2015年12月's: not counted in the 2016 workspace (4, not 6), one finding names their rows, where they go (the
    2015 workspace beside it) and says nothing of a wrong date. A 2015 date on the month's own sheet is a typo: it
    counts in January with the R5 提示. The sheet filed as told, the 2015 workspace counts the two in December."""
    ws, january = make_workspace(tmp_path / "2016信息报送", 2016), Period.parse("2016-01")
    old = make_workspace(tmp_path / "2015信息报送", 2015).root
    name = "云溪区工信局_2016年01月_信息报送登记表.xlsx"
    labels = ["报送单位：", "云溪区工信局", None, "报送月份：", "2016年1月"]
    own = [article_row(seq=k, title=f"云溪区一月信息{k}", date=dt.datetime(2016, 1, 5 + k)) for k in (1, 2, 3)]
    own.append(article_row(seq=4, title="云溪区一月信息4", date=dt.datetime(2015, 1, 9)))  # 2015 typed for 2016
    late = [article_row(seq=k, title=f"云溪区十二月补报信息{k}", date=dt.datetime(2015, 12, 28)) for k in (1, 2)]
    typo = article_row(seq=3, title="云溪区一月补报信息", date=dt.datetime(2015, 1, 4))  # a year back: 2015 for 2016
    write_xlsx(_inbox(ws, "2016-01") / name, {"1月": [labels, HEADER, *own], "12月补报": [labels, HEADER, *late, typo]})
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2016-01", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 5 条（共 5 行，0 行有错误未计入）" in result.output
    told = (f"{name}：工作表“12月补报”第 3、4 行的报送日期在2015年12月，是2015年12月的补报，不计入2016年度："
            "将按2015年12月另行汇总，无需重报")  # fmt: skip
    assert (f"! {told}（协调人：这是2015年的信息，请把这张表复制为单独的工作簿：右键工作表标签→移动或复制→新工作簿、建立副本；"
            "删去第 5 行，只保留表头和第 3、4 行；把 E1 的报送月份改为2015年12月；"
            f"存为“云溪区工信局_2015年12月补报.xlsx”，放入2015年度工作区 {old} 的 inbox/2015-12 后汇总："
            f"xlflow -w {old} consolidate --month 2015-12）\n") in result.output  # fmt: skip
    book = openpyxl.load_workbook(receipt_path(ws, "云溪区工信局", january))  # the rows add up (review X9 D7)
    assert book["回执"]["D4"].value == "本次报送 7 行：计入 5 条，未计入 0 条，2 行是往年的补报，另行汇总（见下）"
    assert book["回执"]["A5"].value == (f"文件“{name}”：工作表“1月”：第 3—6 行，4 条；工作表“12月补报”：第 3—5 行，1 条"
                                       "（其中第 3、4 行是2015年12月的补报，另行汇总）")  # fmt: skip
    assert [r[2:] for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[0]] == [
        ("12月补报", "第 3、4 行", None, "F7 月份不符", "提示", told),
        ("12月补报", "B5", "云溪区一月补报信息", "R5 日期不在本月", "提示",
         "报送日期 2015-01-04 不在 2016 年度：计入时算本表 2016年1月 的稿件；如日期填错，请改正后重新报送"),
        ("1月", "B6", "云溪区一月信息4", "R5 日期不在本月", "提示",
         "报送日期 2015-01-09 不在 2016 年度：计入时算本表 2016年1月 的稿件；如日期填错，请改正后重新报送")]  # fmt: skip
    with Ledger.open(ws.ledger_path) as ledger:
        assert {(a.title, a.month) for a in ledger.file_articles(["2016-01"]) if a.counted} == {
            ("云溪区一月信息1", "2016-01"), ("云溪区一月信息2", "2016-01"), ("云溪区一月信息3", "2016-01"),
            ("云溪区一月信息4", "2016-01"), ("云溪区一月补报信息", "2016-01")}  # fmt: skip

    (old / "inbox" / "2015-12").mkdir()  # the step followed to the letter (review X9 D2): row 5 counts in 2016 only
    step = re.search(r"新工作簿、建立副本；删去第 (\d+) 行，只保留表头和第 3、4 行；把 (E1) 的报送月份改为(2015年12月)；", result.output)
    assert step is not None, result.output
    book = openpyxl.load_workbook(_inbox(ws, "2016-01") / name)
    book.remove(book["1月"])
    book["12月补报"].delete_rows(int(step[1]))
    book["12月补报"][step[2]] = step[3]
    book.save(old / "inbox" / "2015-12" / "云溪区工信局_2015年12月补报.xlsx")
    again = CliRunner().invoke(cli, ["-w", str(old), "consolidate", "--month", "2015-12"])
    assert again.exit_code == 0 and "计入稿件 2 条（共 2 行，0 行有错误未计入）" in again.output and "!" not in again.output
    with Ledger.open(old / "ledger.sqlite") as ledger:
        assert [a.title for a in ledger.file_articles(["2015-12"]) if a.counted] == ["云溪区十二月补报信息1", "云溪区十二月补报信息2"]


def test_sheets_of_last_year_in_a_january_file_are_last_year_s(tmp_path: Path) -> None:
    """January 2016 (sweep X6 e3): beside the month's sheet, a sheet named for last December (12月, yearless: in a
    January file last year's) and cumulative sheets of last year (累计, 2015年1-12月) hold 2015 rows: none counts in
    2016, whatever their month, each sheet named. The typo on the month's own sheet still counts in January (R5)."""
    ws = make_workspace(tmp_path / "2016信息报送", 2016)
    name = "云溪区工信局_2016年01月_信息报送登记表.xlsx"
    labels = ["报送单位：", "云溪区工信局", None, "报送月份：", "2016年1月"]

    def rows(tag: str, *days: tuple[int, int, int]) -> list[list[object]]:
        return [article_row(seq=k, title=f"云溪区{tag}信息{k}", date=dt.datetime(*day)) for k, day in enumerate(days, 1)]

    write_xlsx(_inbox(ws, "2016-01") / name, {
        "1月": [labels, HEADER, *rows("一月", (2016, 1, 6), (2015, 1, 9))],
        "12月": [labels, HEADER, *rows("十二月", (2015, 12, 20), (2015, 12, 22))],
        "累计": [labels, HEADER, *rows("累计", (2015, 3, 15), (2015, 8, 15), (2015, 12, 15))],
        "2015年1-12月": [labels, HEADER, *rows("全年", (2015, 2, 15), (2015, 11, 15))]})  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2016-01", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in result.output
    for sheet, where, said in (("12月", "3、4", "2015年12月"), ("累计", "3—5", "2015年3月、8月、12月"),
                               ("2015年1-12月", "3、4", "2015年2月、11月")):  # fmt: skip
        assert (f"! {name}：工作表“{sheet}”第 {where} 行的报送日期在{said}，是{said}的补报，不计入2016年度：将按{said}另行汇总"
                in result.output)  # fmt: skip
    with Ledger.open(ws.ledger_path) as ledger:
        assert sorted((a.title, a.month) for a in ledger.file_articles(["2016-01"]) if a.counted) == [
            ("云溪区一月信息1", "2016-01"), ("云溪区一月信息2", "2016-01")]


def test_a_year_typo_on_a_mid_year_cumulative_sheet_counts_this_year(tmp_path: Path) -> None:
    """June 2016: a 累计 sheet of this year's rows, one typed 2015-03-15, is no record of last year (most rows are
    2016's): the typo, further back than half a year, counts in June (R5), as on a 补报 sheet."""
    ws = make_workspace(tmp_path / "2016信息报送", 2016)
    name = "云溪区工信局_2016年06月_信息报送登记表.xlsx"
    labels = ["报送单位：", "云溪区工信局", None, "报送月份：", "2016年6月"]

    def rows(tag: str, *days: tuple[int, int, int]) -> list[list[object]]:
        return [article_row(seq=k, title=f"云溪区{tag}信息{k}", date=dt.datetime(*day)) for k, day in enumerate(days, 1)]

    write_xlsx(_inbox(ws, "2016-06") / name, {
        "6月": [labels, HEADER, *rows("六月", (2016, 6, 6))],
        "累计": [labels, HEADER, *rows("累计", (2016, 1, 15), (2015, 3, 15), (2016, 6, 5))]})  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2016-06", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 3 条（共 4 行，0 行有错误未计入，1 条按报送日期计入2016年1月）" in result.output
    assert "不计入2016年度" not in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert sorted((a.title, a.month) for a in ledger.file_articles(["2016-01", "2016-06"]) if a.counted) == [
            ("云溪区六月信息1", "2016-06"), ("云溪区累计信息1", "2016-01"), ("云溪区累计信息2", "2016-06"),
            ("云溪区累计信息3", "2016-06")]


def test_a_receipt_gives_the_unit_only_its_own_steps(ws: Workspace) -> None:
    """华容县 mails its February file with March's; 岳阳县 sends two versions. The receipts, which go to the units,
    say what the unit can do; filing a file and consolidating again stay the coordinator's, in the summary."""
    write_report(ws.inbox / "2015-03" / "华容县2月信息.xlsx", "华容县工信局", [report_row("华容县二月信息", 6, month=2)],
                 month="2015年2月", mtime=1_425_000_000)  # fmt: skip
    write_report(ws.inbox / "2015-03" / "岳阳县3月信息（初稿）.xlsx", "岳阳县工信局",
                 [report_row("岳阳县三月信息甲"), report_row("岳阳县删去的一条", 7)], mtime=1_427_000_000)  # fmt: skip
    write_report(ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", [report_row("岳阳县三月信息甲")],
                 mtime=1_427_100_000)  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert ("华容县2月信息.xlsx：“报送月份”写的是2015年2月，本次汇总的是2015年3月：如是2015年3月的信息，请填入2015年3月"
            "下发的登记表后重新报送；如是2015年2月的信息，将按2015年2月另行汇总，无需重报"
            "（协调人：请放入对应月份的文件夹另行汇总）") in result.output  # fmt: skip

    def told(unit: str) -> list[str]:
        book = openpyxl.load_workbook(receipt_path(ws, unit, MARCH))
        return [r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[0].value]

    assert told("华容县工信局") == [
        "华容县2月信息.xlsx：“报送月份”写的是2015年2月，本次汇总的是2015年3月：如是2015年3月的信息，"
        "请填入2015年3月下发的登记表后重新报送；如是2015年2月的信息，将按2015年2月另行汇总，无需重报"
    ]
    assert told("岳阳县工信局") == [
        "岳阳县3月信息（初稿）.xlsx：与 岳阳县工信局_2015年03月.xlsx 同为岳阳县工信局2015年3月的报送文件，已按文件名未写初稿、草稿的"
        " 岳阳县工信局_2015年03月.xlsx 汇总，本文件未计入，其中 1 条信息在 岳阳县工信局_2015年03月.xlsx 中没有，不再计入："
        "如本文件才是正确的，请在文件名中写明“更正”后重新报送；如是补充报送，请在文件名中写明“补报”后重新报送",
        "《岳阳县删去的一条》（岳阳县3月信息（初稿）.xlsx 第 6 行）不再计入：以 岳阳县工信局_2015年03月.xlsx 为准，"
        "其中没有这条可计入的信息；如仍要报送，请补入后重新报送",
    ]


# --- a folder holding none of the month's files (review 4c) ---------------------------------------------------


def _two_months(ws: Workspace) -> None:
    """March and April consolidated, each from its own folder: 岳阳县 and 平江县 each month, 湘阴县 in April."""
    for month, label, units in ((3, "2015年3月", ("岳阳县工信局", "平江县工信局")),
                                (4, "2015年4月", ("岳阳县工信局", "平江县工信局", "湘阴县工信局"))):  # fmt: skip
        for unit in units:
            write_report(_inbox(ws, f"2015-0{month}") / f"{unit}_{month}月.xlsx", unit,
                         [report_row(f"{unit}{month}月信息", month=month)], month=label)  # fmt: skip
    consolidate(ws, MARCH, None, now=NOW)
    consolidate(ws, APRIL, None, now=NOW.replace(month=5))


def test_another_months_folder_changes_nothing_and_names_the_right_command(ws: Workspace) -> None:
    """`--month 2015-04 inbox/2015-03` (March's folder typed for April): an error; April keeps its 3 articles and
    receipts. The files are March's (consolidated there): the command names March, read from its own folder."""
    _two_months(ws)
    before = dump(ws.ledger_path)
    receipts = sorted(p.name for p in receipt_path(ws, "", APRIL).parent.iterdir())
    assert len(receipts) == 3
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "consolidate", "--month", "2015-04", "inbox/2015-03"])
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"错误：收件文件夹 {ws.inbox / '2015-03'} 中没有2015年4月的工作簿（其他月份的文件 2 个：岳阳县工信局_3月.xlsx（已于2015年3月汇总）、"
        "平江县工信局_3月.xlsx（已于2015年3月汇总））：如要汇总2015年3月，请运行 xlflow -w "
        f"{ws.root} consolidate --month 2015-03；否则请把各单位报回的工作簿放进去后再汇总；台账未改动\n"
    )
    assert dump(ws.ledger_path) == before
    assert sorted(p.name for p in receipt_path(ws, "", APRIL).parent.iterdir()) == receipts


def test_a_folder_of_files_refused_as_another_months_is_no_month_either(ws: Workspace) -> None:
    """Files of another month not yet consolidated (refused F7 when some file of the month is there) and a file
    that is no workbook: still no April file, so nothing changes; the folder outside inbox/ is in the command."""
    _two_months(ws)
    before = dump(ws.ledger_path)
    folder = ws.root / "收件" / "五月"
    for unit in ("岳阳县工信局", "平江县工信局"):
        write_report(folder / f"{unit}5月.xlsx", unit, [report_row(f"{unit}5月信息", month=5)], month="2015年5月")
    (folder / "华容县工信局.xlsx").write_text("这不是工作簿", encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        consolidate(ws, APRIL, folder, now=NOW.replace(month=6))
    assert str(caught.value) == (
        f"收件文件夹 {folder} 中没有2015年4月的工作簿（其他月份的文件 2 个：岳阳县工信局5月.xlsx（2015年5月）、"
        "平江县工信局5月.xlsx（2015年5月）；另有无法读取的文件 1 个：华容县工信局.xlsx）：如要汇总2015年5月，请运行 "
        "xlflow consolidate --month 2015-05 收件/五月；否则请把各单位报回的工作簿放进去后再汇总；台账未改动"
    )
    assert dump(ws.ledger_path) == before


def test_a_flat_inbox_whose_only_april_rows_are_in_hidden_sheets_of_may_files(ws: Workspace) -> None:
    """inbox/ holds May's files only, one with a hidden sheet 上月 still saying April: not an April file (the
    reviewer's flat inbox, --month 04 typed for 05): April keeps its rows."""
    _two_months(ws)
    before = dump(ws.ledger_path)
    write_report(ws.inbox / "岳阳县工信局5月.xlsx", "岳阳县工信局", [report_row("岳阳县5月信息", month=5)], month="2015年5月")
    header = ["序号", "报送日期", "信息标题", "信息类别", "正文", "是否含情况分析", "审签人"]
    april = [["报送单位：平江县工信局", None, None, "报送月份：2015年4月"], header, [1, "2015年4月8日", "平江县四月旧稿"]]
    may = [["报送单位：平江县工信局", None, None, "报送月份：2015年5月"], header]
    write_xlsx(ws.inbox / "平江县5月份政务信息.xlsx", {"Sheet1": may, "上月": april}, hidden=("上月",))
    # inbox/2015-04 moved away: inbox/ is April's folder now
    (ws.inbox / "2015-04").rename(ws.root / "四月已归档")
    with pytest.raises(WorkspaceError) as caught:
        consolidate(ws, APRIL, None, now=NOW.replace(month=6))
    assert str(caught.value).startswith(
        f"收件文件夹 {ws.inbox} 中没有2015年4月的工作簿（其他月份的文件 2 个：岳阳县工信局5月.xlsx（2015年5月）、"
        "平江县5月份政务信息.xlsx（2015年5月））：如要汇总2015年5月，请运行 xlflow consolidate --month 2015-05；"
    )
    assert dump(ws.ledger_path) == before


def test_a_month_losing_most_of_its_units_says_how_to_undo_it(ws: Workspace) -> None:
    """Re-consolidating April from a folder holding 1 of its 3 units' files is allowed (the folder is the truth)
    but said first, with the automatic backup to restore; losing 1 of 3 is an ordinary change, not warned."""
    _two_months(ws)
    (_inbox(ws, "2015-04") / "湘阴县工信局_4月.xlsx").unlink()
    one_gone = consolidate(ws, APRIL, None, now=dt.datetime(2015, 5, 4, 9, 0))
    assert not any("选错了" in w for w in one_gone.warnings)
    (_inbox(ws, "2015-04") / "平江县工信局_4月.xlsx").rename(ws.root / "平江县工信局_4月.xlsx")
    write_report(_inbox(ws, "2015-04") / "湘阴县工信局_4月.xlsx", "湘阴县工信局", [report_row("湘阴县4月信息", month=4)],
                 month="2015年4月")  # fmt: skip
    (_inbox(ws, "2015-04") / "岳阳县工信局_4月.xlsx").unlink()
    result = consolidate(ws, APRIL, None, now=dt.datetime(2015, 5, 5, 9, 0))
    assert result.warnings[0] == (
        f"{ws.inbox / '2015-04'} 中只有2015年4月 1 个单位的文件，台账中这个月另外 2 个单位的文件已不在其中，其记录已删除（见下）："
        "如果选错了文件夹或月份，请运行 xlflow restore backup/台账_自动_20150505_090000.sqlite 恢复汇总前的台账"
    )
    assert (ws.root / "backup" / "台账_自动_20150505_090000.sqlite").is_file()
    assert result.data["counted"] == {"湘阴县工信局": 1}


def _fire_and_power(ws: Workspace, fix: str, title: str = "华容县某化工企业发生火灾造成1人受伤") -> None:
    """Two emergency reports (火灾 3人受伤, 停电), a correction of one named `fix`, then the month's return."""
    _huarong(ws, "华容县紧急信息（火灾）.xlsx", ["华容县某化工企业发生火灾造成3人受伤"], 1_425_500_000)
    _huarong(ws, "华容县紧急信息（停电）.xlsx", ["华容县工业园区大面积停电"], 1_425_600_000)
    _huarong(ws, fix, [title], 1_425_700_000)
    _huarong(ws, "华容县3月信息.xlsx", ["华容县三月工业运行", "华容县项目建设"], 1_427_500_000)


@pytest.mark.parametrize("fix", ["华容县紧急信息（火灾）（第二次更正）", "华容县紧急信息（火灾）（再次更正）",
                                 "华容县紧急信息（火灾）（更正后）", "华容县紧急信息（火灾）（已更正）",
                                 "华容县紧急信息（火灾）（紧急更正）", "华容县紧急信息（火灾）更正2",
                                 "华容县紧急信息（火灾）更正：受伤人数"])  # fmt: skip
def test_an_emergency_correction_is_known_by_its_name_however_the_correction_is_worded(ws: Workspace, fix: str) -> None:
    """The correction names its report as offices write it (第二次更正, 更正后, 更正2 …) with another title: it
    replaces that report (火灾), not the other one (停电), nor the return (CLI summary, ledger, status)."""
    _fire_and_power(ws, f"{fix}.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (f"华容县紧急信息（火灾）.xlsx 未计入：与 {fix}.xlsx 同为华容县工信局本月文件，以文件名写明更正的 {fix}.xlsx 为准；"
            "被替换的文件中以下 1 条不再计入：《华容县某化工企业发生火灾造成3人受伤》") in result.output  # fmt: skip
    assert "华容县紧急信息（停电）.xlsx 未计入" not in result.output and "华容县3月信息.xlsx 未计入" not in result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县工业园区大面积停电", "华容县某化工企业发生火灾造成1人受伤", "华容县项目建设"]
    assert _status_row(ws)[2:4] == ["3", "4"]  # 3 files counted, 4 articles


def test_an_emergency_corrected_twice_counts_as_its_last_correction(ws: Workspace) -> None:
    first, fix, fix2 = "华容县工信局紧急信息.xlsx", "华容县工信局紧急信息（更正）.xlsx", "华容县工信局紧急信息（第二次更正）.xlsx"
    _huarong(ws, first, ["华容县某化工企业发生火灾造成3人受伤"], 1_425_500_000)
    _huarong(ws, fix, ["华容县某化工企业发生火灾造成1人受伤"], 1_425_600_000)
    _huarong(ws, fix2, ["华容县某化工企业火灾造成1人轻伤"], 1_425_700_000)
    _huarong(ws, "华容县工信局3月信息.xlsx", ["华容县三月工业运行", "华容县项目建设"], 1_427_500_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert f"{first} 未计入：与 {fix} 同为" in result.output and f"{fix} 未计入：与 {fix2} 同为" in result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县某化工企业火灾造成1人轻伤", "华容县项目建设"]
    assert _status_row(ws)[2:4] == ["2", "3"]


def test_an_emergency_correction_matching_nothing_replaces_nothing_and_says_so(ws: Workspace) -> None:
    """关于…的紧急信息 then 紧急信息（更正） with its figure changed: neither name nor title matches. Guessing replaced
    a unit's whole return when its rows were all 紧急 (review 6h): both count, and the unit is told how to name it."""
    first, fix = "华容县工信局关于某化工企业火灾的紧急信息.xlsx", "华容县工信局紧急信息（更正）.xlsx"
    _huarong(ws, first, ["华容县某化工企业发生火灾造成3人受伤"], 1_425_500_000)
    _huarong(ws, fix, ["华容县某化工企业发生火灾造成1人受伤"], 1_425_600_000)
    _huarong(ws, "华容县工信局3月信息.xlsx", ["华容县三月工业运行", "华容县项目建设", "华容县企业座谈"], 1_427_500_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert f"{fix} 的文件名和信息标题都对不上本单位本月先报的紧急信息 {first}，未替换其中任何一份" in result.output
    assert "未计入：与" not in result.output
    assert _status_row(ws)[2:4] == ["3", "5"]


def test_an_emergency_correction_matching_none_of_several_reports_replaces_none_and_says_so(ws: Workspace) -> None:
    _fire_and_power(ws, "华容县紧急信息（更正）.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert ("华容县紧急信息（更正）.xlsx 的文件名和信息标题都对不上本单位本月先报的紧急信息 华容县紧急信息（火灾）.xlsx、"
            "华容县紧急信息（停电）.xlsx，未替换其中任何一份") in result.output  # fmt: skip
    assert "未计入：与" not in result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县工业园区大面积停电", "华容县某化工企业发生火灾造成1人受伤",
                                   "华容县某化工企业发生火灾造成3人受伤", "华容县项目建设"]  # fmt: skip
    assert _status_row(ws)[2:4] == ["4", "5"]
    again = consolidate(ws, MARCH, None, now=NOW)  # the library says the same
    assert again.data["counted"] == {"华容县工信局": 5} and again.data["superseded"] == {}
    assert sum("对不上本单位本月先报的紧急信息" in w for w in again.warnings) == 1


@pytest.mark.parametrize(("name", "category"), [("华容县工信局关于某化工企业火灾及紧急处置情况的报告", "工作动态"),
                                              ("华容县工信局3月5日火灾信息及紧急情况报告", "工作动态")])
def test_an_emergency_report_sent_first_is_kept_beside_the_months_return(ws: Workspace, name: str, category: str) -> None:
    """填表说明: an emergency report sent first is kept (先报的紧急信息除外): 及紧急处置 in its name is no return saying
    it holds an emergency. (突发, 快报 and rows of 突发事件 are not enough: a month's return may be a 信息快报.)"""
    row = report_row("华容县某化工企业发生火灾")
    row[3] = category
    write_report(ws.inbox / "2015-03" / f"{name}.xlsx", "华容县工信局", [row], mtime=1_425_500_000)
    _huarong(ws, "华容县工信局3月信息.xlsx", ["华容县三月工业运行", "华容县项目建设", "华容县企业座谈"], 1_427_500_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "未计入：与" not in result.output
    assert f"华容县工信局3月信息.xlsx 与 {name}.xlsx 同为华容县工信局2015年3月的报送文件，其中一个是紧急信息" in result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县企业座谈", "华容县某化工企业发生火灾", "华容县项目建设"]
    assert _status_row(ws)[2:4] == ["2", "4"]


@pytest.mark.parametrize("name", ["华容县工信局3月信息和紧急信息", "华容县工信局3月信息与紧急信息", "华容县工信局3月份信息、紧急信息",
                                  "华容县工信局3月信息（另有紧急信息1条）", "华容县工信局3月信息+紧急信息",
                                  "华容县工信局3月信息（紧急信息1条）", "华容县工信局3月信息及紧急信息"])  # fmt: skip
def test_an_emergency_correction_of_an_article_in_the_return_keeps_the_return(ws: Workspace, name: str) -> None:
    """The return names the emergency article it holds; the unit then sends 紧急信息（更正） of that article: the
    return is no emergency report, so it is not replaced and its other articles still count (summary, status)."""
    _huarong(ws, f"{name}.xlsx", ["华容县三月工业运行", "华容县项目建设", "华容县某化工企业发生火灾"], 1_426_800_000)
    _huarong(ws, "华容县工信局紧急信息（更正）.xlsx", ["华容县某化工企业发生火灾"], 1_426_900_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "未计入：与" not in result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县某化工企业发生火灾", "华容县项目建设"]
    assert _status_row(ws)[2:4] == ["2", "3"]


@pytest.mark.parametrize("name", ["华容县工信局3月份政务信息及紧急信息更正", "华容县工信局3月份政务信息以及紧急信息（更正）"])
def test_a_corrected_return_named_with_its_emergency_item_replaces_the_return(ws: Workspace, name: str) -> None:
    """review 11a: the whole return sent again, one wrong row dropped and an emergency item added, under a name saying
    it holds an emergency item: it replaces the first return; the dropped row no longer counts."""
    _huarong(ws, "华容县工信局3月份政务信息.xlsx", ["华容县项目建设", "华容县错报的稿件", "华容县企业座谈"], 1_426_000_000)
    _huarong(ws, f"{name}.xlsx", ["华容县项目建设", "华容县企业座谈", "华容县化工厂泄漏"], 1_426_100_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）\n" in result.output
    assert "其中一个是紧急信息" not in result.output and "R6" not in result.output
    assert _counted_titles(ws) == ["华容县企业座谈", "华容县化工厂泄漏", "华容县项目建设"]


@pytest.mark.parametrize(("name", "category"), [("华容县工信局3月信息", "突发事件"), ("华容县工信局信息快报（2015年3月）", "工作动态")])
def test_a_return_of_incidents_or_named_kuaibao_is_no_emergency_report_to_replace(
    ws: Workspace, name: str, category: str
) -> None:
    """review 6h: a return whose rows are all 突发事件, or a month's return called 信息快报, lost its 3 articles to an
    emergency 更正 that matched nothing."""
    rows = [report_row(t, d) for t, d in (("华容县化工厂火灾", 4), ("华容县暴雨影响企业", 6), ("华容县停电", 8))]
    for row in rows:
        row[3] = category
    write_report(ws.inbox / "2015-03" / f"{name}.xlsx", "华容县工信局", rows, mtime=1_425_500_000)
    _huarong(ws, "华容县工信局紧急信息（更正）.xlsx", ["华容县某企业发生事故造成1人受伤"], 1_425_600_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "未计入：与" not in result.output
    assert _status_row(ws)[2:4] == ["2", "4"]


@pytest.mark.parametrize("name", ["华容县工信局3月政务信息（含紧急政务信息）", "华容县工信局3月信息（含紧急报告）",
                                  "华容县工信局3月份信息（含1篇紧急信息）", "华容县工信局3月信息（含紧急情况报告）"])
def test_more_return_names_holding_an_emergency(ws: Workspace, name: str) -> None:
    """review 6h: 含紧急政务信息, 含1篇…: the return still is the month's return, which a 紧急信息（更正） never replaces."""
    _huarong(ws, f"{name}.xlsx", ["华容县某化工企业发生火灾造成3人受伤", "华容县三月工业运行", "华容县项目建设"], 1_425_500_000)
    _huarong(ws, "华容县工信局紧急信息（更正）.xlsx", ["华容县某化工企业发生火灾造成3人受伤"], 1_425_600_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert f"{name}.xlsx 未计入" not in result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县某化工企业发生火灾造成3人受伤", "华容县项目建设"]


def test_a_draft_gives_way_to_a_final_called_kuaibao(ws: Workspace) -> None:
    """review 6h: 3月信息（初稿） then 3月份信息快报: the draft's withdrawn article no longer counts."""
    _huarong(ws, "华容县工信局3月信息（初稿）.xlsx", ["撤回的稿件", "华容县三月工业运行"], 1_425_500_000)
    _huarong(ws, "华容县工信局3月份信息快报.xlsx", ["华容县三月工业运行", "华容县项目建设", "华容县企业座谈"], 1_425_600_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县企业座谈", "华容县项目建设"]


# --- review 8a/8d: emergency names, a supplement's draft, empty workbooks, other months' refusals ----------


def test_an_unmatched_emergency_correction_gets_one_piece_of_advice(ws: Workspace) -> None:
    """review 8a: an emergency 更正 under another name with a reworded title: both count, and the unit is told once
    to rename the correction, never to rename the first report as a correction of the correction (CLI, receipt)."""
    first, fix = "华容县紧急信息.xlsx", "华容县紧急信息_火灾情况更正.xlsx"
    _huarong(ws, first, ["华容县某化工厂火灾情况"], 1_425_500_000)
    _huarong(ws, fix, ["华容县某化工厂火灾伤亡情况"], 1_425_600_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    told = (f"{fix} 的文件名和信息标题都对不上本单位本月先报的紧急信息 {first}，未替换其中任何一份，都计入："
            "请把它改名为“被更正的文件名（更正）”后重新报送（协调人：也可把被更正的那份移出收件文件夹后重新汇总）")
    assert [w for w in result.output.splitlines() if first in w] == [f"  ! {told}"]
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    assert [r[7].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[7].value] == [told.split("（协调人")[0]]
    assert _counted_titles(ws) == ["华容县某化工厂火灾伤亡情况", "华容县某化工厂火灾情况"]


def test_a_supplement_and_its_draft_alone_say_the_supplement_is_the_only_file(ws: Workspace) -> None:
    """review 8a: 补报（初稿） then 补报, nothing else: the 补报 is the unit's file of the month; the replaced draft gets
    no 补报 line of its own."""
    _huarong(ws, "华容县工信局3月信息补报（初稿）.xlsx", ["华容县甲文章"], 1_425_500_000)
    _huarong(ws, "华容县工信局3月信息补报.xlsx", ["华容县甲文章", "华容县乙文章"], 1_425_600_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert [line.strip() for line in result.output.splitlines() if line.strip().startswith("补报文件")] == [
        "补报文件 华容县工信局3月信息补报.xlsx（华容县工信局）：本月只收到这一个文件，计入 2 条"]
    assert ("华容县工信局3月信息补报（初稿）.xlsx 未计入：与 华容县工信局3月信息补报.xlsx 同为华容县工信局本月文件，"
            "以文件名未写初稿、草稿的 华容县工信局3月信息补报.xlsx 为准") in result.output
    assert _counted_titles(ws) == ["华容县乙文章", "华容县甲文章"]


def _prefilled(ws: Workspace, path: Path, unit: str, mtime: int) -> None:
    """The workbook `distribute` sends the unit, untouched: its header and no rows."""
    from xlflow.writers.report import write_report_workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    write_report_workbook(path, unit=ws.units().by_name(unit), month=MARCH, settings=ws.settings)
    os.utime(path, (mtime, mtime))


@pytest.mark.parametrize("empty_last", [True, False])
def test_an_empty_workbook_never_replaces_the_units_filled_return(ws: Workspace, empty_last: bool) -> None:
    """review 8d: the unit sends its return, then (by mistake) the untouched prefilled workbook: the empty one
    replaced the return by its later time, 0 of 3 counted. The return counts; the empty one is named (summary,
    receipt, status)."""
    empty, filled = "华容县工信局_2015年03月_信息报送登记表.xlsx", "华容县工信局3月信息.xlsx"
    _huarong(ws, filled, ["华容县三月工业运行", "华容县项目建设", "华容县企业座谈"], 1_427_000_000)
    _prefilled(ws, ws.inbox / "2015-03" / empty, "华容县工信局", 1_427_700_000 if empty_last else 1_426_000_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in result.output
    assert f"  ! {empty} 没有填写任何信息，未替换同为华容县工信局本月文件的 {filled}，本文件未计入" in result.output
    assert f"{filled} 未计入" not in result.output
    assert _counted_titles(ws) == ["华容县三月工业运行", "华容县企业座谈", "华容县项目建设"]
    counted, _, whole = _huarong_receipt(ws)
    assert (counted, whole) == (3, [empty])
    assert _status_row(ws)[2:4] == ["1", "3"]  # its one file counted, 3 articles
    library = consolidate(ws, MARCH, None, now=NOW)
    assert library.data["superseded"] == {empty: filled} and library.data["counted"] == {"华容县工信局": 3}


def test_an_empty_workbook_alone_is_named_in_the_summary(ws: Workspace) -> None:
    """review 8d: a unit mails back the prefilled workbook unchanged: the summary says so, not only its receipt."""
    _prefilled(ws, ws.inbox / "2015-03" / "中小企业服务中心3月信息.xlsx", "中小企业服务中心", 1_427_000_000)
    write_report(ws.inbox / "2015-03" / "岳阳县工信局3月信息.xlsx", "岳阳县工信局", [report_row("岳阳县三月工业运行")])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "  ! 中小企业服务中心3月信息.xlsx：表头下没有填写任何信息：如本月有信息，请逐行填写后重新报送" in result.output
    assert "岳阳县工信局3月信息.xlsx：表头下没有填写任何信息" not in result.output


def test_a_flat_inbox_leaves_other_months_unreadable_files_to_their_month(ws: Workspace) -> None:
    """review 8d: inbox/ without month folders: February's zip and CSV are February's files, listed and not
    refused in March (README: 其他月份的文件…不算拒收); a CSV of March's is refused as before (CLI, receipts)."""
    import zipfile

    write_report(ws.inbox / "岳阳县工信局3月信息.xlsx", "岳阳县工信局", [report_row("岳阳县三月工业运行")])
    with zipfile.ZipFile(ws.inbox / "岳阳楼区工信局2月份报送.zip", "w") as archive:
        archive.writestr("岳阳楼区工信局2月信息.xlsx", b"PK")
    (ws.inbox / "华容县工信局2月信息.csv").write_bytes("序号,报送日期,信息标题\n1,2015/2/5,x\n".encode("gbk"))
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "读取文件 3 个：接受 1 个，拒收 0 个，其他月份 2 个（本次不汇总）" in result.output
    assert ("其他月份的文件（请汇总对应月份时处理）：华容县工信局2月信息.csv（2015年2月）、"
            "岳阳楼区工信局2月份报送.zip（2015年2月）") in result.output
    assert not receipt_path(ws, "华容县工信局", MARCH).exists()
    assert not receipt_path(ws, "岳阳楼区工信局", MARCH).exists()
    (ws.inbox / "华容县工信局3月信息.csv").write_bytes("序号,报送日期,信息标题\n1,2015/3/5,x\n".encode("gbk"))
    again = consolidate(ws, MARCH, None, now=NOW)
    assert (again.exit_code, list(again.data["refused"])) == (3, ["华容县工信局3月信息.csv"])
    assert receipt_path(ws, "华容县工信局", MARCH).is_file()


def test_an_emergency_report_named_and_emergency_situation_stays_beside_the_return(ws: Workspace) -> None:
    """review 9a: “…关于暴雨灾情及紧急情况的报告” is an emergency report (a report's name goes on after 紧急情况), not a
    return that also holds one: it is counted beside the month's return sent before it, not in its place."""
    folder = _inbox(ws)
    write_report(folder / "平江县工信局3月信息.xlsx", "平江县工信局",
                 [report_row(f"平江县工业动态{i}", 3 + i) for i in range(3)], mtime=1_426_000_000)  # fmt: skip
    write_report(folder / "平江县工信局关于暴雨灾情及紧急情况的报告.xlsx", "平江县工信局",
                 [report_row("平江县遭遇特大暴雨工业企业受灾", 20)], mtime=1_427_000_000)  # fmt: skip
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）\n" in result.output
    assert "不再计入" not in result.output and "未计入：与" not in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        counted = sorted((a.source_file, a.title) for a in ledger.file_articles(["2015-03"], with_body=False) if a.counted)
    assert counted == [
        ("平江县工信局3月信息.xlsx", "平江县工业动态0"), ("平江县工信局3月信息.xlsx", "平江县工业动态1"),
        ("平江县工信局3月信息.xlsx", "平江县工业动态2"), ("平江县工信局关于暴雨灾情及紧急情况的报告.xlsx", "平江县遭遇特大暴雨工业企业受灾"),
    ]  # fmt: skip


def test_a_return_that_cannot_be_read_keeps_its_rows_beside_its_supplement(ws: Workspace) -> None:
    """review 9a: 岳阳县's return and its 补报 were consolidated; the return is then half copied. A 补报 never replaces a
    return: the return's 3 counted articles stay (4/4), and the 补报 is not said to be the month's only file."""
    folder = _inbox(ws)
    ret = folder / "岳阳县工信局3月信息.xlsx"
    write_report(ret, "岳阳县工信局", [report_row(f"岳阳县工业动态{i}", 3 + i) for i in range(3)], mtime=1_426_000_000)
    write_report(folder / "岳阳县工信局3月信息（补报）.xlsx", "岳阳县工信局", [report_row("岳阳县工业动态补", 20)],
                 mtime=1_427_000_000)  # fmt: skip
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    ret.write_bytes(ret.read_bytes()[:300])
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 3, again.output
    assert ("  ! 岳阳县工信局3月信息.xlsx（岳阳县工信局）这次未能读入（见拒收说明）：台账保留上次读入的记录"
            "（原计入 3 条），本月按这些记录汇总；请按拒收说明处理后重新汇总\n") in again.output  # fmt: skip
    assert "  补报文件 岳阳县工信局3月信息（补报）.xlsx（岳阳县工信局）：与本月其他文件一并计入，新增计入 1 条\n" in again.output
    assert "不再计入" not in again.output and "只收到这一个文件" not in again.output
    with Ledger.open(ws.ledger_path) as ledger:
        counted = sorted(a.title for a in ledger.file_articles(["2015-03"], with_body=False) if a.counted)
    assert counted == ["岳阳县工业动态0", "岳阳县工业动态1", "岳阳县工业动态2", "岳阳县工业动态补"]
    status = runner.invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)]).output.splitlines()
    assert [line.split()[2:] for line in status if "岳阳县工信局" in line][0] == ["2（拒收", "1）", "4", "1", "0", "4/4", "已完成"]


def test_a_refused_file_keeping_its_rows_is_one_file_said_last_read(ws: Workspace) -> None:
    """review 9a: a consolidated return saved over by a CSV of the same name keeps its 4 rows: status counts one file
    (not 2), and the receipt says in its files block that the file could not be read and the rows are the last read."""
    path = _inbox(ws) / "岳阳县工信局3月信息.xlsx"
    write_report(path, "岳阳县工信局", [report_row(f"岳阳县工业动态{i}", 3 + i) for i in range(4)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    path.write_bytes("序号,报送日期,信息标题\n1,2015/3/5,岳阳县工业动态0\n".encode("gbk"))
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "（原计入 4 条），本月按这些记录汇总" in again.output
    status = runner.invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)]).output.splitlines()
    assert [line.split()[2:] for line in status if "岳阳县工信局" in line][0] == ["1（拒收", "1）", "4", "1", "0", "4/4", "已完成"]
    sheet = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", MARCH))[RECEIPT_SHEET]
    assert sheet["H4"].value == 1  # 错误: the refusal, as status counts it
    assert sheet["D4"].value == "本次报送 0 行，另有上次读入的 4 行：计入 4 条，未计入 0 条"
    assert sheet["A5"].value == ("文件“岳阳县工信局3月信息.xlsx”：这次未能读入（见“问题清单”），下列为上次读入的记录："
                                 "工作表“信息报送登记表”：第 5—8 行，4 条")  # fmt: skip
    assert sheet["A6"].value is None and sheet["A7"].value == "序号"
    assert [sheet.cell(r, 4).value for r in range(8, 12)] == [f"岳阳县工业动态{i}" for i in range(4)]


# --- quarter forms (review R3) -------------------------------------------------------------------------------


def test_a_flat_inbox_quarter_form_sent_each_month_is_each_months_file(ws: Workspace) -> None:
    """inbox/ without month folders: 离退休人员管理服务科 sends one article a month, each on the quarter's form
    (报送月份 2015年第二季度, QQ's names (1), (2), (3)), each month consolidated as it comes. Each file is the month
    its rows are dated in: none replaces another, and April consolidated again keeps April's article."""
    ws.inbox.mkdir(exist_ok=True)
    runner, unit = CliRunner(), "离退休人员管理服务科"
    for i, month in enumerate((4, 5, 6), 1):
        write_report(ws.inbox / f"离退休科第二季度信息({i}).xlsx", unit, [report_row(f"离退休科{month}月开展老干部活动", 10,
                     month=month)], month="2015年第二季度", mtime=dt.datetime(2015, month, 10).timestamp())  # fmt: skip
        result = runner.invoke(cli, ["consolidate", "--month", f"2015-0{month}", "-w", str(ws.root)])
        assert result.exit_code == 0, result.output
        assert "未计入：与" not in result.output and "不再计入" not in result.output
        assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in result.output
    april = runner.invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert april.exit_code == 0, april.output
    assert ("已汇总过的其他月份文件（本次不汇总）：离退休科第二季度信息(2).xlsx（已于2015年5月汇总）、离退休科第二季度信息(3).xlsx"
            "（已于2015年6月汇总）") in april.output  # fmt: skip
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.senders(["2015-04", "2015-05", "2015-06"]) == {unit: [
            "离退休科第二季度信息(1).xlsx", "离退休科第二季度信息(2).xlsx", "离退休科第二季度信息(3).xlsx"]}  # fmt: skip
        assert [(a.month, a.title) for a in ledger.articles(Period.parse("2015-Q2").month_keys)] == [
            ("2015-04", "离退休科4月开展老干部活动"), ("2015-05", "离退休科5月开展老干部活动"),
            ("2015-06", "离退休科6月开展老干部活动")]  # fmt: skip


def test_a_quarter_file_consolidated_in_may_is_not_read_again_in_june(ws: Workspace) -> None:
    """机关党委's 2015年第二季度 file, consolidated in May, copied into June's folder too: its label covers June,
    but the ledger holds it, byte for byte, in May. June sets it aside as a monthly file is (已于2015年5月汇总): no
    June file, no June receipt for 机关党委."""
    quarter = "机关党委2015年第二季度信息.xlsx"
    may = write_report(_inbox(ws, "2015-05") / quarter, "机关党委", [report_row("机关党委第二季度党建工作", 12, month=5)],
                       month="2015年第二季度", mtime=dt.datetime(2015, 5, 12).timestamp())  # fmt: skip
    write_report(_inbox(ws, "2015-06") / "岳阳县工信局6月.xlsx", "岳阳县工信局", [report_row("岳阳县六月信息", month=6)],
                 month="2015年6月")  # fmt: skip
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-05", "-w", str(ws.root)]).exit_code == 0
    (ws.inbox / "2015-06" / quarter).write_bytes(may.read_bytes())
    result = runner.invoke(cli, ["consolidate", "--month", "2015-06", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "读取文件 2 个：接受 1 个，拒收 0 个，其他月份 1 个（本次不汇总）" in result.output
    assert f"已汇总过的其他月份文件（本次不汇总，可从文件夹删除）：{quarter}（已于2015年5月汇总）" in result.output
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in result.output
    assert not receipt_path(ws, "机关党委", Period.parse("2015-06")).exists()
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.senders(["2015-06"]) == {"岳阳县工信局": ["岳阳县工信局6月.xlsx"]}
        assert ledger.senders(["2015-05"]) == {"机关党委": [quarter]}


def test_a_late_quarter_or_half_year_file_is_read_as_a_supplement_in_the_month_it_came(ws: Workspace) -> None:
    """人事科 sends its 第一季度 file in April (its one article dated April 3), 财务科 and 办公室 their half year's in
    July, one writing 上半年, the other 1-6月: each is read in the month it came as a 补报, its rows counted by their
    dates (README: 迟交的一季度信息 count in their own months), never refused with advice to file it elsewhere."""
    write_report(_inbox(ws, "2015-04") / "人事科2015年第一季度信息.xlsx", "人事科",
                 [report_row("人事科第一季度干部培训工作", 3, month=4)], month="2015年第一季度")  # fmt: skip
    half = [report_row("一季度预算执行情况", 10, month=2), report_row("二季度财务管理工作", 15, month=5)]
    write_report(_inbox(ws, "2015-07") / "财务科2015年上半年信息.xlsx", "财务科", half, month="2015年上半年")
    write_report(_inbox(ws, "2015-07") / "办公室2015年1-6月信息.xlsx", "办公室",
                 [[r[0], r[1], f"办公室{r[2]}", *r[3:]] for r in half], month="")  # fmt: skip
    runner = CliRunner()
    april = runner.invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert april.exit_code == 0, april.output
    assert "✗" not in april.output and "另行汇总" not in april.output
    assert "补报文件 人事科2015年第一季度信息.xlsx（人事科）：本月只收到这一个文件，计入 1 条" in april.output
    july = runner.invoke(cli, ["consolidate", "--month", "2015-07", "-w", str(ws.root)])
    assert july.exit_code == 0, july.output
    assert "读取文件 2 个：接受 2 个，拒收 0 个" in july.output and "另行汇总" not in july.output
    assert "计入稿件 0 条（共 4 行，0 行有错误未计入，2 条按报送日期计入2015年2月、2 条按报送日期计入2015年5月）" in july.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.senders(["2015-04", "2015-07"]) == {"人事科": ["人事科2015年第一季度信息.xlsx"], "办公室": [
            "办公室2015年1-6月信息.xlsx"], "财务科": ["财务科2015年上半年信息.xlsx"]}  # fmt: skip
        assert sorted((a.unit, a.month, a.title) for a in ledger.articles(Period.parse("2015").month_keys)) == [
            ("人事科", "2015-04", "人事科第一季度干部培训工作"),
            ("办公室", "2015-02", "办公室一季度预算执行情况"), ("办公室", "2015-05", "办公室二季度财务管理工作"),
            ("财务科", "2015-02", "一季度预算执行情况"), ("财务科", "2015-05", "二季度财务管理工作")]  # fmt: skip


def test_a_late_quarter_file_named_correction_never_replaces_the_month_file(ws: Workspace) -> None:
    """In April 岳阳县 sends its April return (2 articles) and 岳阳县1-3月信息（更正）.xlsx (报送月份 2015年1-3月): the late
    file is a 补报 whatever its name says, its rows counted by their dates (the one repeating a counted March article is
    an R6 hint), and April's return still counts its 2 articles, replaced by nothing."""
    write_report(_inbox(ws) / "岳阳县3月信息.xlsx", "岳阳县工信局", [report_row("岳阳县三月会议")])
    april = _inbox(ws, "2015-04")
    write_report(april / "岳阳县4月信息.xlsx", "岳阳县工信局",
                 [report_row("岳阳县四月会议", month=4), report_row("岳阳县四月项目", 6, month=4)], month="2015年4月")  # fmt: skip
    write_report(april / "岳阳县1-3月信息（更正）.xlsx", "岳阳县工信局",
                 [report_row("岳阳县三月会议"), report_row("岳阳县三月补充", 28)], month="2015年1-3月")  # fmt: skip
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "岳阳县4月信息.xlsx 未计入" not in result.output and "另行汇总" not in result.output
    assert "补报文件 岳阳县1-3月信息（更正）.xlsx（岳阳县工信局）：与本月其他文件一并计入，新增计入 1 条" in result.output
    assert "本月报送文件的单位 1/34 个，计入 2 条" in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert sorted((a.month, a.title) for a in ledger.articles(["2015-03", "2015-04"])) == [
            ("2015-03", "岳阳县三月会议"), ("2015-03", "岳阳县三月补充"),
            ("2015-04", "岳阳县四月会议"), ("2015-04", "岳阳县四月项目")]  # fmt: skip


# --- one label for a finding wherever it is shown ------------------------------------------------------------


def _labels(path: Path, sheet: str, first: int, file_col: int, label_col: int) -> set[tuple[str, str]]:
    """(file, label) of every finding a workbook's sheet lists."""
    rows = openpyxl.load_workbook(path)[sheet].iter_rows(min_row=first, values_only=True)
    return {(r[file_col], r[label_col]) for r in rows if r[label_col]}


def test_a_finding_has_one_label_in_the_summary_receipt_and_working_papers(ws: Workspace) -> None:
    """review: R5's hint (a good date of April) is 日期不在本月 and F8 on a file a 更正 (or a later file, its urgent
    article kept) replaced is 文件已被替代 on the receipt, in the 工作底稿 and in the summary alike; the summary's 问题
    line counts R5's errors apart from its hints (library and CLI)."""
    inbox = _inbox(ws)
    write_report(inbox / "岳阳县3月.xlsx", "岳阳县工信局",
                 [report_row("岳阳县信息1", 5), report_row("岳阳县信息2", 6, month=4), report_row("岳阳县信息3", 40)])  # fmt: skip
    write_report(inbox / "平江县3月.xlsx", "平江县工信局", [report_row(f"平江县信息{d}", d) for d in (3, 4)])
    write_report(inbox / "平江县3月（更正）.xlsx", "平江县工信局", [report_row("平江县信息3", 3)])
    _with_urgency(inbox / EARLY, "华容县工信局", [(LEAK, 19, True), (MEETING, 20, False)], 1_426_800_000)
    _with_urgency(inbox / LATE, "华容县工信局", MONTH_END, 1_427_800_000)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "  问题：R5 日期无效 1 条，R5 日期不在本月 1 条（提示）\n" in result.output
    assert "问题：R5 日期无效 1 条，R5 日期不在本月 1 条（提示）" in consolidate(ws, MARCH, None, now=NOW).lines
    told = {("岳阳县3月.xlsx", "R5 日期不在本月"), ("岳阳县3月.xlsx", "R5 日期无效"),
            ("平江县3月.xlsx", "F8 文件已被替代"), (EARLY, "F8 文件已被替代")}  # fmt: skip
    receipts = set().union(*(_labels(receipt_path(ws, unit, MARCH), FINDINGS_SHEET, 3, 1, 5)
                             for unit in ("岳阳县工信局", "平江县工信局", "华容县工信局")))  # fmt: skip
    assert receipts == told
    assert _labels(ws.out / "工作底稿_2015年03月.xlsx", "问题稿件", 4, 3, 8) == told


def test_the_summary_counts_a_rules_errors_apart_from_its_hints(ws: Workspace) -> None:
    """review: a title twice in the return is an R6 error (not counted), a 补报 repeating a counted article an R6
    hint: the 问题 line says how many rows are really not counted, as the receipt does (library and CLI)."""
    write_report(_inbox(ws) / "平江县3月.xlsx", "平江县工信局",
                 [report_row("平江县信息1", 3), report_row("平江县信息1", 3), report_row("平江县信息2", 4)])  # fmt: skip
    write_report(_inbox(ws) / "平江县3月补报.xlsx", "平江县工信局", [report_row("平江县信息2", 4), report_row("平江县信息5", 6)])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "  问题：R6 重复报送 1 条，R6 重复报送 1 条（提示）\n" in result.output
    assert "问题：R6 重复报送 1 条，R6 重复报送 1 条（提示）" in consolidate(ws, MARCH, None, now=NOW).lines
    receipt = openpyxl.load_workbook(receipt_path(ws, "平江县工信局", MARCH))[FINDINGS_SHEET]
    assert sorted((r[5], r[6]) for r in receipt.iter_rows(min_row=3, values_only=True)) == [
        ("R6 重复报送", "提示"), ("R6 重复报送", "错误")]  # fmt: skip


def test_a_month_read_from_a_typed_folder_is_read_from_it_again(ws: Workspace) -> None:
    """review V4-D3: March consolidated from 收件/3月; a resend arrives there and a stray copy lands in inbox/. status
    said "请先运行 xlflow consolidate --month 2015-03"; run as said, it read inbox/ and deleted the other units' March
    records. Without a folder the month is read from the one typed last time while only it holds workbooks; with
    workbooks in both (also: files moved to inbox/2015-03, one left behind) neither is read, both are named."""
    folder = ws.root / "收件" / "3月"
    for unit in ("岳阳县工信局", "平江县工信局", "湘阴县工信局"):
        write_report(folder / f"{unit}.xlsx", unit, [report_row(f"{unit}三月信息")])
    runner, ws_opt = CliRunner(), ["-w", str(ws.root)]
    assert runner.invoke(cli, [*ws_opt, "consolidate", "--month", "2015-03", str(folder)]).exit_code == 0
    write_report(folder / "华容县工信局.xlsx", "华容县工信局", [report_row("华容县三月信息")])  # arrives later
    said = runner.invoke(cli, [*ws_opt, "status", "--month", "2015-03"]).output
    assert "consolidate --month 2015-03 收件/3月，再看报送情况" in said
    plain = [*ws_opt, "consolidate", "--month", "2015-03"]
    again = runner.invoke(cli, plain)
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[0] == f"2015年3月汇总完成（{folder}）"
    units = ["华容县工信局", "岳阳县工信局", "平江县工信局", "湘阴县工信局"]
    write_report(ws.inbox / "岳阳县工信局.xlsx", "岳阳县工信局", [report_row("岳阳县工信局三月补充信息")])  # a late one
    both = "2015年3月上次汇总读的是 收件/3月，现在它和 {} 中都有2015年3月的工作簿，没有读取：要读哪一个请写在命令后，如 "
    refused = runner.invoke(cli, plain)
    assert refused.exit_code != 0 and both.format("inbox") in refused.output, refused.output
    (ws.inbox / "岳阳县工信局.xlsx").unlink()
    (ws.inbox / "2015-03").mkdir()
    for path in list(folder.iterdir())[1:]:  # moved to inbox/2015-03, one left behind
        path.rename(ws.inbox / "2015-03" / path.name)
    refused = runner.invoke(cli, plain)
    assert refused.exit_code != 0 and both.format("inbox/2015-03") in refused.output, refused.output
    with Ledger.open(ws.ledger_path) as ledger:  # untouched
        assert sorted(a.unit for a in ledger.articles(["2015-03"])) == units
    for path in list(folder.iterdir()):
        path.rename(ws.inbox / "2015-03" / path.name)
    moved = runner.invoke(cli, plain)  # all moved: the month's folder in inbox/
    assert moved.output.splitlines()[0] == f"2015年3月汇总完成（{ws.inbox / '2015-03'}）", moved.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert sorted(a.unit for a in ledger.articles(["2015-03"])) == units


def test_what_is_no_return_in_inbox_does_not_compete_with_the_typed_folder(ws: Workspace) -> None:
    """review W4-5/7: March read from 收件/3月; inbox/ then held only an empty 新建 Microsoft Excel 工作表.xlsx, a copy of
    a file already read and a 通讯员登记表, and the plain run refused as if two folders held March returns. And with
    the typed folder emptied but for desktop.ini, status looked there while consolidate reads inbox/2015-03."""
    folder = ws.root / "收件" / "3月"
    for unit in ("岳阳县工信局", "平江县工信局"):
        write_report(folder / f"{unit}.xlsx", unit, [report_row(f"{unit}三月信息")])
    runner, ws_opt = CliRunner(), ["-w", str(ws.root)]
    assert runner.invoke(cli, [*ws_opt, "consolidate", "--month", "2015-03", str(folder)]).exit_code == 0
    (ws.inbox / "新建 Microsoft Excel 工作表.xlsx").write_bytes(b"")
    (ws.inbox / "岳阳县工信局.xlsx").write_bytes((folder / "岳阳县工信局.xlsx").read_bytes())  # a copy of one read
    fill_template(ws.inbox / "湘阴县通讯员登记表.xlsx", {"name": "王五"}, unit="湘阴县工信局")
    plain = [*ws_opt, "consolidate", "--month", "2015-03"]
    again = runner.invoke(cli, plain)
    assert again.exit_code == 0 and again.output.splitlines()[0] == f"2015年3月汇总完成（{folder}）", again.output
    for path in ws.inbox.iterdir():
        path.unlink()
    for path in list(folder.iterdir()):
        path.unlink()
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    write_report(ws.inbox / "2015-03" / "华容县工信局.xlsx", "华容县工信局", [report_row("华容县三月信息")])  # a late return
    said = runner.invoke(cli, [*ws_opt, "status", "--month", "2015-03", "--remind"]).output
    assert "收件文件夹 inbox/2015-03 中有 1 个工作簿尚未汇总" in said, said
    notices = (ws.out / "催报" / "催报_2015年03月.txt").read_text(encoding="utf-8")
    assert "岳阳县工信局：" in notices and "华容县工信局：" not in notices  # not chased: its file is there


def test_articles_a_later_months_file_counts_in_the_month_are_said_beside_its_own(ws: Workspace) -> None:
    """review W1 D5: September's file has 2 rows, October's a row dated 29 September. September consolidated again
    said 计入稿件 2 条 and, two lines on, 计入 3 条: the third is said to have come with October's file (library, CLI)."""
    september, october = Period.parse("2015-09"), Period.parse("2015-10")
    write_report(_inbox(ws, "2015-09") / "岳阳县工信局_2015年9月.xlsx", "岳阳县工信局",
                 [report_row("岳阳县9月工业运行", 3, month=9), report_row("岳阳县9月项目推进", 9, month=9)],
                 month="2015年9月")  # fmt: skip
    write_report(_inbox(ws, "2015-10") / "岳阳县工信局_2015年10月.xlsx", "岳阳县工信局",
                 [report_row("岳阳县9月底安全检查", 29, month=9), report_row("岳阳县10月项目推进", 9, month=10)],
                 month="2015年10月")  # fmt: skip
    first = consolidate(ws, september, None, now=NOW)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in first.lines  # October not consolidated yet: nothing more
    consolidate(ws, october, None, now=NOW)
    again = consolidate(ws, september, None, now=NOW)
    said = "计入稿件 2 条（共 2 行，0 行有错误未计入）；另有 1 条随2015年10月的文件报送、按报送日期计入本月"
    assert said in again.lines
    assert next(line for line in again.lines if line.startswith("本月报送文件的单位")).endswith("计入 3 条")
    output = CliRunner().invoke(cli, ["consolidate", "--month", "2015-09", "-w", str(ws.root)]).output
    assert f"  {said}\n" in output
