"""The 采用登记表 as offices head and lay it out: 采用时间, 采用方式, 批示情况 for the template's headers, a column
whose header is none of them named, and block headings (一月份, 二、市经信委采用) and a header repeated per block
that are no registrations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_bulletin import write_register, write_schedule
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.core.units import UnitTable
from xlflow.intake.books import read_adoption_register
from xlflow.workspace import Workspace

YY = "岳阳县工信局"
PJ = "平江县工信局"
APRIL = dt.date(2015, 4, 2)
OWN = ["序号", "报送单位", "信息标题", "采用刊物", "采用级别", "采用时间", "采用方式", "批示情况", "备注"]
ROWS = [
    [1, YY, "岳阳县三月稿件", "市委办《岳阳信息》", "市级", APRIL, "全文采用", "市委书记批示"],
    [2, PJ, "平江县三月稿件", "省委办公厅《湖南信息》", "省级", APRIL, "部分采用", "省长批示"],
]
LEVEL = "缺少采用级别：请填写国家级、省级、省经信委、市级或市经信委，改正前不计采用"
FORM = "缺少采用形式：请填写全文采用、部分采用或综合采用，改正前不计采用"


def _march(tmp_path: Path) -> tuple[Workspace, CliRunner]:
    """A workspace whose March holds 岳阳县's and 平江县's articles, consolidated; the test's reward schedule (市级全文
    200, 省级部分 300; 批示 市级 100, 省级 300; 仅最高级别)."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件")])
    write_report(ws.inbox / "2015-03" / "平江县.xlsx", PJ, [report_row("平江县三月稿件"), report_row("平江县三月稿件2")])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_schedule(ws.reward_schedule_path)
    return ws, runner


def _bulletin(ws: Workspace, runner: CliRunner) -> str:
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    return result.output


def test_everyday_headers_are_read_as_the_template_s(tmp_path: Path, units: UnitTable) -> None:
    """采用时间, 采用方式 and 批示情况 (领导批示情况 too) are the 采用日期, 采用形式 and 领导批示 columns: the dates, forms
    and 批示 are read and nothing is said about the register's columns."""
    notes: list[str] = []
    rows = read_adoption_register(write_register(tmp_path / "采用登记表.xlsx", ROWS, header=OWN), units, 2015, notes)
    assert [(a.row, a.date, a.form, a.instruction, a.problem) for a in rows] == [
        (4, APRIL, "全文采用", "市级", ""), (5, APRIL, "部分采用", "省级", ""),
    ]  # fmt: skip
    assert notes == []
    header = [*OWN[:7], "领导批示情况", "备注"]
    rows = read_adoption_register(write_register(tmp_path / "登记2.xlsx", ROWS, header=header), units, 2015, notes)
    assert [a.instruction for a in rows] == ["市级", "省级"] and notes == []


def test_the_批示_bonus_under_an_everyday_header_is_paid(tmp_path: Path) -> None:
    """批示情况: 岳阳县 市级全文 200 + 市级批示 100, 平江县 省级部分 300 + 省级批示 300 = 900 元, in the summary and
    the 奖励计算表."""
    ws, runner = _march(tmp_path)
    write_register(ws.adoption_path, ROWS, header=OWN)
    output = _bulletin(ws, runner)
    assert "采用 2 篇" in output and "奖励 2 条，合计 900 元（计奖方式：仅最高级别）" in output
    assert "未计入采用的采用登记" not in output and "没有读取" not in output
    detail = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx", data_only=True)["奖励明细"]
    assert [r[1:7] for r in detail.iter_rows(min_row=4, max_row=5, values_only=True)] == [
        (YY, "岳阳县三月稿件", "市级", "全文采用", "市级", 300),
        (PJ, "平江县三月稿件", "省级", "部分采用", "省级", 600),
    ]


def test_a_filled_column_under_an_unknown_header_is_named_once(tmp_path: Path, units: UnitTable) -> None:
    """领导签批 (G) is none of the register's headers and the sheet has no 领导批示 column: named once, with the header
    to type; the 批示 are not read meanwhile. An unknown column left empty, and 序号, are not named."""
    header = ["报送单位", "信息标题", "采用单位/刊物", "采用级别", "采用日期", "采用形式", "领导签批", "备注", "字数", "序号"]
    notes: list[str] = []
    path = write_register(tmp_path / "采用登记表.xlsx", [[*r[1:], None, None, r[0]] for r in ROWS], header=header)
    assert [a.instruction for a in read_adoption_register(path, units, 2015, notes)] == ["无", "无"]
    assert notes == [
        "采用登记表 采用登记表.xlsx（工作表“采用登记表”）G 列“领导签批”没有读取：如是领导批示，请把表头改为“领导批示”"
    ]
    ws, runner = _march(tmp_path)
    write_register(ws.adoption_path, [[*r[1:6], "综合采用", r[7]] for r in ROWS], header=[*header[:5], "用稿情况", "领导签批"])
    output = _bulletin(ws, runner)
    assert (
        "  ! 采用登记表 采用登记表.xlsx（工作表“采用登记表”）F 列“用稿情况”、G 列“领导签批”没有读取："
        "如是采用形式、领导批示或备注，请把表头改为“采用形式”、“领导批示”或“备注”"
    ) in output
    assert "采用 0 篇" in output and "奖励 0 条，合计 0 元" in output


BLOCKS = [
    ["一月份"],  # 4: a block heading in 报送单位
    [YY, "岳阳县三月稿件", "市委办《岳阳信息》", "市级", APRIL, "全文采用", "无"],  # 5
    [],  # 6
    ["2015年3月"],  # 7: typed as a month
    ["报送单位", "信息标题", "采用单位/刊物", "采用级别", "采用日期", "采用形式", "领导批示", "备注"],  # 8: the header again
    [PJ, "平江县三月稿件", "省委办公厅《湖南信息》", "省级", APRIL, "部分采用", "省级"],  # 9
    [None, "二、市经信委采用"],  # 10: typed in 信息标题
    ["县市区工信局"],  # 11: a group of units
    [None, "平江县三月稿件2"],  # 12: only a title: a registration to complete
    [YY],  # 13: only a unit: one too
]


def test_block_headings_and_a_repeated_header_are_no_registrations(tmp_path: Path, units: UnitTable) -> None:
    """一月份, 2015年3月, 二、市经信委采用 and the header row again are skipped; 县市区工信局 alone, no unit's name, and
    二、市经信委采用 in 信息标题, where a title could be, are named once as headings not read; a row with only a title is read and says once what its level and form lack
    (the matcher does), one with only a unit says all it lacks."""
    notes: list[str] = []
    rows = read_adoption_register(write_register(tmp_path / "采用登记表.xlsx", BLOCKS), units, 2015, notes)
    assert [(a.row, a.unit_name, a.title, a.problem) for a in rows] == [
        (5, YY, "岳阳县三月稿件", ""), (9, PJ, "平江县三月稿件", ""), (12, "", "平江县三月稿件2", "缺少报送单位"),
        (13, YY, "", "缺少信息标题；缺少采用级别；缺少采用形式"),  # not matched: the reader says all
    ]  # fmt: skip
    assert notes == [
        "采用登记表 采用登记表.xlsx（工作表“采用登记表”）第 10、11 行（“二、市经信委采用”、“县市区工信局”）只填了一格，"
        "是分段标题，未作为采用读取：如是采用，请按表头逐列填写"
    ]


def test_a_long_title_alone_numbered_like_a_heading_is_a_registration(tmp_path: Path, units: UnitTable) -> None:
    """一、二月份岳阳县工业经济运行情况 alone in 信息标题 reads 一、… but is a title, too long for a heading: a registration
    lacking its unit, listed to check; 一季度采用情况 alone there is a heading, named once, in the notes and the summary."""
    rows = [ROWS[0][1:], [None, "一季度采用情况"], [None, "一、二月份岳阳县工业经济运行情况"]]
    notes: list[str] = []
    read = read_adoption_register(write_register(tmp_path / "采用登记表.xlsx", rows), units, 2015, notes)
    assert [(a.row, a.unit_name, a.title, a.problem) for a in read] == [
        (4, YY, "岳阳县三月稿件", ""), (6, "", "一、二月份岳阳县工业经济运行情况", "缺少报送单位"),
    ]  # fmt: skip
    heading = ("采用登记表 采用登记表.xlsx（工作表“采用登记表”）第 5 行（“一季度采用情况”）只填了一格，是分段标题，"
               "未作为采用读取：如是采用，请按表头逐列填写")  # fmt: skip
    assert notes == [heading]
    ws, runner = _march(tmp_path)
    write_register(ws.adoption_path, rows)
    output = _bulletin(ws, runner)
    assert "采用 1 篇" in output and "未计入采用的采用登记 1 行" in output and f"  ! {heading}" in output
    assert f"    采用登记表第 6 行 （无单位）《一、二月份岳阳县工业经济运行情况》：缺少报送单位；{LEVEL}；{FORM}；" in output


def test_block_headings_are_in_no_list_to_fix(tmp_path: Path) -> None:
    """The bulletin counts both adoptions and pays 市级全文 200 + 省级部分 300 + 省级批示 300; only the title-only and
    unit-only rows are to check, in the summary, the 奖励计算表's 未计奖 list and the 工作底稿."""
    ws, runner = _march(tmp_path)
    write_register(ws.adoption_path, BLOCKS)
    output = _bulletin(ws, runner)
    assert "采用 2 篇" in output and "奖励 2 条，合计 800 元" in output
    assert "未计入采用的采用登记 2 行" in output and f"    采用登记表第 13 行 {YY}《》：缺少信息标题；缺少采用级别；缺少采用形式" in output
    assert f"    采用登记表第 12 行 （无单位）《平江县三月稿件2》：缺少报送单位；{LEVEL}；{FORM}；" in output
    assert "缺少采用级别；采用级别应为" not in output and "一月份" not in output and "2015年3月《" not in output and "报送单位《" not in output
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年03月.xlsx")["采用登记待核对"]
    assert [r[:3] for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)] == [(12, None, "平江县三月稿件2"), (13, YY, None)]
    detail = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx")["奖励明细"]
    unpaid = [c for r in detail.iter_rows(values_only=True) for c in r if isinstance(c, str) and c.startswith("采用登记表第")]
    assert [c.split("：")[0] for c in unpaid] == ["采用登记表第 12 行", "采用登记表第 13 行"]


def test_a_two_row_header_repeated_over_a_block_is_no_registration(tmp_path: Path, units: UnitTable) -> None:
    """The header of two rows (采用情况 over 采用级别 | 采用形式) typed again above March's rows: neither row is read."""
    upper = ["报送单位", "信息标题", "采用情况", None, "领导批示"]
    lower = [None, None, "采用级别", "采用形式"]
    row = [YY, "岳阳县三月稿件", "市级", "全文采用", "无"]
    rows = [lower, row, ["三月份"], upper, lower, row]
    path = write_register(tmp_path / "采用登记表.xlsx", rows, header=[h or "" for h in upper])
    notes: list[str] = []
    assert [(a.row, a.level, a.form, a.problem) for a in read_adoption_register(path, units, 2015, notes)] == [
        (5, "市级", "全文采用", ""), (9, "市级", "全文采用", ""),
    ]  # fmt: skip
    assert notes == []
