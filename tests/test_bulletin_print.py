"""What a leader holding the printed 通报 sees (review of 2026-11-30): the 落款日期 the coordinator chose, narrative
rows as tall as their text, each attachment numbering its own pages, an attachment list that makes sense on paper,
short titles on one row, notes without formula notation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_bulletin import (
    HAVE_SOFFICE,
    OFFICE,
    PJ,
    YY,
    adoption,
    article,
    bulletin_book,
    bulletin_data,
    narrative_lines,
    printed_pages,
)
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.compute.rewards import EXAMPLE_SCHEDULE, compute_rewards
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.settings import Settings
from xlflow.workspace import Workspace
from xlflow.writers.rewards import RewardData, write_reward_workbook

H1 = Period.parse("2015-H1")
# a real title of 23 characters (46 display units): one line in any viewer
LONG_TITLE = "省经信委调研组4月12日到岳阳楼区调研工业项目建设"


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


def test_a_date_given_redates_a_notice_in_place(tmp_path: Path) -> None:
    """The date is not content: the same notice dated today, then with --date of today, is unchanged; another date
    given is written over it with no 旧版 copy (nothing else differs); a later run without --date keeps it."""
    from xlflow.commands.bulletin import bulletin

    ws = _workspace(tmp_path)
    bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 0))
    same = bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 5), date=dt.date(2026, 11, 30))
    assert "通报_2015年上半年.xlsx 内容没有变化，保留原文件" in same.lines
    dated = bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 5), date=dt.date(2015, 7, 3))
    assert "通报_2015年上半年.xlsx 内容没有变化，落款日期改为 2015年7月3日" in dated.lines
    assert "工作底稿_2015年上半年.xlsx 内容没有变化，保留原文件" in dated.lines  # it has no date
    assert ws.out / "通报_2015年上半年.xlsx" in dated.paths
    assert _notice(ws)[-1] == "2015年7月3日\u3000\u3000"
    assert not [p.name for p in ws.out.iterdir() if "旧版" in p.name]
    again = bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 10), date=dt.date(2015, 7, 3))
    assert "通报_2015年上半年.xlsx 内容没有变化，保留原文件" in again.lines
    later = bulletin(ws, H1, now=dt.datetime(2026, 12, 2, 9, 0))  # no --date: the file keeps the date it has
    assert "通报_2015年上半年.xlsx 内容没有变化，保留原文件" in later.lines and _notice(ws)[-1] == "2015年7月3日\u3000\u3000"
    assert not any("落款日期是今天" in w for w in later.warnings)


def test_an_edited_notice_redated_is_kept_as_an_old_version(tmp_path: Path) -> None:
    """review Z5: a 通报 whose text someone changed and saved (the stored fingerprint kept, as Excel keeps custom
    properties), then --date of another day: the edit is not lost, the old file is kept as 旧版."""
    import zipfile

    from xlflow.commands.bulletin import bulletin

    ws = _workspace(tmp_path)
    bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 0), date=dt.date(2015, 7, 1))
    path = ws.out / "通报_2015年上半年.xlsx"
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace("2015年7月1日".encode(), "2015年7月1日（科长已改）".encode())
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    dated = bulletin(ws, H1, now=dt.datetime(2026, 11, 30, 9, 5), date=dt.date(2015, 7, 3))
    [kept] = [p for p in ws.out.iterdir() if "旧版" in p.name and p.name.startswith("通报")]
    assert f"通报_2015年上半年.xlsx 内容没有变化，落款日期改为 2015年7月3日；原文件改动过（另存过），已改名保留为 {kept.name}" in dated.lines
    assert "2015年7月1日（科长已改）\u3000\u3000" in narrative_lines(openpyxl.load_workbook(kept))
    assert _notice(ws)[-1] == "2015年7月3日\u3000\u3000"


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
    assert "--date YYYY-MM-DD     通报的落款日期，如 2015-07-03；默认今天。" in result.output
    assert "xlflow bulletin --period 2015-H1 --date 2015-07-03" in result.output


# --- B: the printed notice and its attachments --------------------------------------------------------


def test_narrative_rows_are_as_tall_as_their_lines(units: UnitTable, settings: Settings) -> None:
    """82 display units (41 characters of 12 pt) to a line, 18 pt a line and 4 pt to spare; xlsxwriter stores
    heights to the pixel (22 pt → 21.75, 40 → 39.75, 130 → 129.75)."""
    sheet = bulletin_book(bulletin_data(units, settings))["通报"]
    heights = {str(c.value): sheet.row_dimensions[c.row].height for c in sheet["A"] if c.value}
    # 16 characters: one line
    assert heights["\u3000\u3000一、总体情况"] == 21.75
    # 2 + 29 + 1 (“。”) characters, 62 units: one line
    assert heights["\u3000\u3000采用较多的单位：岳阳县工信局（1篇）、平江县工信局（1篇）。"] == 21.75
    # 117 units: two lines
    opening = next(t for t in heights if t.startswith("\u3000\u3000根据《关于加强政务信息报送工作的通知》"))
    assert heights[opening] == 39.75
    # 31 unit names after the lead-in: 512 units, more than six lines of 82, so seven (18 × 7 + 4 = 130)
    silent = next(t for t in heights if t.startswith("\u3000\u300031个单位本期没有稿件计入"))
    assert heights[silent] == 129.75


def test_pages_break_before_a_heading_and_keep_the_attachments_and_sign_off_with_the_text(
    units: UnitTable, settings: Settings
) -> None:
    """Review Y2: 三、信息采用情况 ended page 1 alone; the 落款 was alone on the last page. A page holds 710 pt of
    rows: title 34 + blank 15, then 22 a line (40 for two lines); pages are set, not fitted (fitting ignores breaks)."""
    lines = ["# 通报", "| 各单位：", *[f"第{i}段。" for i in range(27)], "## 三、信息采用情况", "采用" * 25,
             *[f"第{i}条。" for i in range(27)], "| 附件：1. 情况表", "> 岳阳市经信委", "> 2015年7月3日"]  # fmt: skip
    data = dataclasses.replace(bulletin_data(units, settings), narrative="\n".join(lines))
    sheet = bulletin_book(data)["通报"]
    # rows 3-29 end at 665, the heading (row 30) at 687, its two-line paragraph would end at 727: both on page 2;
    # page 2 from 62 to 656 (row 58), 附件 678, 落款 700 and 722: the last paragraph goes over with them
    assert [b.id for b in sheet.row_breaks.brk] == [30, 58]
    assert sheet.cell(31, 1).value == "\u3000\u3000三、信息采用情况" and sheet.cell(59, 1).value == "\u3000\u3000第26条。"
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage


def test_rows_kept_together_taller_than_a_page_break_where_they_must() -> None:
    from xlflow.writers.bulletin import page_breaks

    assert page_breaks([300, 500, 20], [True, False, False], 710) == [1]  # a heading over a 500 pt paragraph: 800
    assert page_breaks([300, 22, 400], [False, True, False], 710) == [1]  # the heading goes with its paragraph


def test_the_attachment_list_names_what_is_printed(units: UnitTable, settings: Settings) -> None:
    lines = narrative_lines(bulletin_book(bulletin_data(units, settings)))
    start = lines.index("附件：1. 2015年上半年政务信息报送和采用情况表")
    assert lines[start + 1 : start + 4] == [
        "\u3000\u3000\u30002. 2015年上半年信息采用明细",
        "\u3000\u3000\u30003. 2015年上半年政务信息分类统计",
        "\u3000\u3000\u30004. 2015年上半年各单位政务信息完成率图",
    ]
    assert not any("工作表" in line for line in lines)  # means nothing on paper
    assert any(line.endswith("详见附件3。") for line in lines)


def test_the_notice_and_each_attachment_number_their_own_pages(units: UnitTable, settings: Settings) -> None:
    book = bulletin_book(bulletin_data(units, settings))
    footers = {name: book[name].oddFooter.center.text for name in book.sheetnames}
    assert footers == {
        "通报": "第 &P 页", "完成情况": "附件1\u3000第 &P 页", "采用明细": "附件2\u3000第 &P 页",
        "分类统计": "附件3\u3000第 &P 页", "完成率图": "附件4\u3000第 &P 页",
    }  # fmt: skip
    for name in book.sheetnames:  # page 1 again, not running on from the sheet before
        setup = book[name].page_setup
        assert setup.useFirstPageNumber and (setup.firstPageNumber or 1) == 1, name


def test_a_title_that_fits_one_line_gets_one_row(units: UnitTable, settings: Settings) -> None:
    data = bulletin_data(units, settings)
    a, art = data.adopted[0]
    data = dataclasses.replace(data, adopted=[(a, dataclasses.replace(art, title=LONG_TITLE)), *data.adopted[1:]])
    sheet = bulletin_book(data)["采用明细"]
    assert sheet["C4"].value == LONG_TITLE
    assert sheet.row_dimensions[4].height is None  # the default height: one line


def test_a_reward_title_that_fits_one_line_gets_one_row(units: UnitTable) -> None:
    articles = [article(YY, LONG_TITLE, reporter="李四")]
    result = compute_rewards([adoption(YY, LONG_TITLE, "市级", "全文采用")], EXAMPLE_SCHEDULE, articles, units=units)
    buffer = io.BytesIO()
    write_reward_workbook(buffer, RewardData(H1, EXAMPLE_SCHEDULE, result))
    sheet = openpyxl.load_workbook(buffer)["奖励明细"]
    row = next(c.row for c in sheet["C"] if c.value == LONG_TITLE)
    assert sheet.row_dimensions[row].height is None


def test_the_rates_notes_are_one_row_each_when_one_line(units: UnitTable, settings: Settings) -> None:
    """The second note fits the table's width: no second line left blank under it."""
    sheet = bulletin_book(bulletin_data(units, settings))["完成情况"]
    note = next(c for c in sheet["A"] if str(c.value).startswith("2. "))
    assert note.value == "2. 完成率＝报送数÷任务数，多报不限，超过100%照实计算；采用率＝采用数÷报送数，多次采用计一次。"
    assert sheet.row_dimensions[note.row].height == 18  # 15 pt a line + 3


# --- E: the year table's score note --------------------------------------------------------------------


def test_the_score_note_is_written_in_words(units: UnitTable, settings: Settings) -> None:
    sheet = bulletin_book(bulletin_data(units, settings, "2015"))["完成情况"]
    notes = [str(c.value) for c in sheet["A"] if str(c.value).startswith(("注：", "2. ", "3. ", "4. "))]
    assert (
        "考核得分为完成率得分与采用率得分之和：完成率得分满分70分，完成率达到100%得满分，不足的按比例折算；"
        "采用率得分满分30分，采用率达到30%得满分，不足的按比例折算"
    ) in notes[-1]
    assert not any("min(" in n or "×" in n for n in notes)


# --- what LibreOffice prints -----------------------------------------------------------------------------


@pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice or poppler-utils is not installed")
def test_printed_pages_are_numbered_per_document(tmp_path: Path) -> None:
    from xlflow.commands.demo import run_demo

    root = tmp_path / "demo"
    run_demo(root)
    pages = ["".join(text.split()) for text, _ in printed_pages(root / "out" / "通报_2015年上半年.xlsx", tmp_path)]
    assert "第1页" in pages[0] and "第2页" in pages[1]  # the notice: two pages, its last with the 落款
    assert "2015年7月3日" in pages[1] and "附件1第" not in pages[1]  # the demo dates its bulletin 2015-07-03
    assert pages[1].startswith("四、下一步工作要求")  # not left alone at the foot of page 1
    assert "单位名称" in pages[2] and "附件1第1页" in pages[2]
    assert "附件2第1页" in pages[3] and "附件2第2页" in pages[4]
    assert any("附件4第1页" in text for text in pages[5:])
