"""The 采用登记表 as coordinators keep it: a copied sheet for the next quarter, merged cells, a 合计 and a 填表人 line
under the rows, short unit names; and the 奖励标准 with the commission's own amounts typed in."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_bulletin import adoption, article, write_register, write_schedule
from helpers_ledger import make_workspace, report_row, write_report

import xlflow
from xlflow.cli import cli
from xlflow.compute.adoptions import match_adoptions
from xlflow.core.units import UnitTable
from xlflow.intake.books import read_adoption_register, read_reward_schedule
from xlflow.workspace import Workspace

YY = "岳阳县工信局"
PJ = "平江县工信局"
MARCH = dt.date(2015, 4, 2)


def _row(unit: str, title: str, level: str = "市级") -> list[object]:
    return [unit, title, "市委办《岳阳信息》", level, MARCH, "全文采用", "无", ""]


def _consolidated(tmp_path: Path, name: str, unit: str, rows: list[list[object]]) -> tuple[Workspace, CliRunner]:
    """A workspace whose March holds `unit`'s return `name` of `rows`, consolidated through the CLI."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / name, unit, rows)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    return ws, runner


def _with_copy(path: Path, rows: Sequence[Sequence[object]], name: str = "采用登记表 (2)", *, header: bool = True) -> Path:
    """The register's sheet copied as Excel's 移动或复制 does (采用登记表 (2)), its rows replaced by `rows`; without
    `header` the copy's title and header rows are gone too."""
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["采用登记表"])
    copy.title = name
    copy.delete_rows(1 if not header else 4, copy.max_row)
    for row in rows:
        copy.append(list(row))
    book.save(path)
    return path


def test_every_sheet_with_the_header_is_read(tmp_path: Path, units: UnitTable) -> None:
    """April–June kept in a copy of the sheet: read, its rows named by their sheet; a sheet holding units' names
    without the header is named; the 填写说明-like sheet without a unit's name is not."""
    path = write_register(tmp_path / "采用登记表.xlsx", [_row(YY, "岳阳县一月稿件"), _row(PJ, "平江县二月稿件")])
    _with_copy(path, [_row(YY, "岳阳县四月稿件"), _row("不存在的局", "某稿件")])
    _with_copy(path, [["平江县工信局", "平江县六月稿件"]], "六月", header=False)
    _with_copy(path, [["采用级别说明"], ["国家级", "国办、部委"]], "说明", header=False)
    notes: list[str] = []
    rows = read_adoption_register(path, units, 2015, notes)
    assert [(a.title, a.unit_name, a.sheet, a.row) for a in rows] == [
        ("岳阳县一月稿件", YY, "采用登记表", 4),
        ("平江县二月稿件", PJ, "采用登记表", 5),
        ("岳阳县四月稿件", YY, "采用登记表 (2)", 4),
        ("某稿件", "", "采用登记表 (2)", 5),
    ]
    assert [a.where for a in rows] == ["采用登记表第 4 行", "采用登记表第 5 行", "采用登记表 (2)第 4 行", "采用登记表 (2)第 5 行"]
    assert notes == [
        "采用登记表 采用登记表.xlsx 的工作表“六月”前 20 行中没有表头（报送单位、信息标题、采用级别、采用形式），其中的采用未读取："
        "如其中登记了采用，请把“采用登记表”工作表的表头行复制到其登记行上方"
    ]


def test_the_second_sheet_s_adoptions_count_in_the_bulletin(tmp_path: Path) -> None:
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(5)])
    write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件0"), _row(YY, "岳阳县三月稿件1")])
    _with_copy(ws.adoption_path, [_row(YY, f"岳阳县三月稿件{i}") for i in (2, 3, 4)])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 5 篇，采用率 100.0%" in result.output
    adopted = openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")["采用明细"]
    assert sorted(r[2] for r in adopted.iter_rows(min_row=4, values_only=True) if r[1] == YY) == [
        f"岳阳县三月稿件{i}" for i in range(5)
    ]


def _merge(path: Path, cells: str) -> Path:
    """What Excel's 合并后居中 leaves: the value of the merge's first cell only."""
    book = openpyxl.load_workbook(path)
    sheet = book["采用登记表"]
    first, last = cells.split(":")
    for row in sheet[cells]:
        for cell in row:
            if cell.coordinate != first:
                cell.value = None
    sheet.merge_cells(f"{first}:{last}")
    book.save(path)
    return path


def test_a_merged_unit_cell_is_every_row_s_unit(tmp_path: Path, units: UnitTable) -> None:
    """报送单位 merged over two rows of one unit (A5:A6), 采用日期 over three (E4:E6): each row has them; a title
    merged down two rows is one adoption, not two."""
    path = write_register(
        tmp_path / "采用登记表.xlsx",
        [_row(PJ, "平江县一月稿件"), _row(YY, "岳阳县一月稿件"), _row(YY, "岳阳县二月稿件"), _row(PJ, "平江县很长的稿件")],
    )
    _merge(_merge(path, "A5:A6"), "E4:E6")
    _merge(_merge(path, "B7:B8"), "A7:A8")
    rows = read_adoption_register(path, units, 2015)
    assert [(a.row, a.unit_name, a.title, a.date, a.problem) for a in rows] == [
        (4, PJ, "平江县一月稿件", MARCH, ""),
        (5, YY, "岳阳县一月稿件", MARCH, ""),
        (6, YY, "岳阳县二月稿件", MARCH, ""),
        (7, PJ, "平江县很长的稿件", MARCH, ""),
    ]


def test_merged_unit_cells_lose_no_adoption_in_the_bulletin(tmp_path: Path) -> None:
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(3)])
    _merge(write_register(ws.adoption_path, [_row(YY, f"岳阳县三月稿件{i}") for i in range(3)]), "A4:A6")
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 3 篇，采用率 100.0%" in result.output and "缺少报送单位" not in result.output


FOOTER = [["合计", "144篇"], ["填表人：易振波", None, None, None, None, None, None, "审核："]]


def test_total_and_footer_lines_are_no_adoptions(tmp_path: Path, units: UnitTable) -> None:
    """合计 and 填表人： under the rows are left out silently; when more adoptions were registered below them, the
    lines left out are named once."""
    path = write_register(tmp_path / "采用登记表.xlsx", [_row(YY, "岳阳县一月稿件"), [], *FOOTER])
    notes: list[str] = []
    assert [a.row for a in read_adoption_register(path, units, 2015, notes)] == [4]
    assert notes == []
    path = write_register(tmp_path / "采用登记表.xlsx", [_row(YY, "岳阳县一月稿件"), *FOOTER, _row(PJ, "平江县四月稿件")])
    assert [(a.row, a.title) for a in read_adoption_register(path, units, 2015, notes)] == [(4, "岳阳县一月稿件"), (7, "平江县四月稿件")]
    assert notes == [
        "采用登记表 采用登记表.xlsx（工作表“采用登记表”）第 5、6 行（“合计”、“填表人：易振波”）是合计或表尾，未作为采用读取，"
        "其下的登记照常读取：如是采用，请按表头逐列填写；不是的，请把它们移到所有登记的下方"
    ]


def test_footer_lines_are_in_no_bulletin_nor_reward_workbook(tmp_path: Path) -> None:
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件")])
    write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件"), [], *FOOTER])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "未计入采用的采用登记" not in result.output and "合计《" not in result.output
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年03月.xlsx")["采用登记待核对"]
    assert [r for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)] == []
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx")["奖励明细"]
    assert [c for r in rewards.iter_rows(values_only=True) for c in r if isinstance(c, str) and "采用登记表第" in c] == []


REAL = [(1000, 600, 400), (600, 400, 200), (400, 200, 100), (300, 160, 100), (200, 100, 60)]


def _type_amounts(path: Path, rows: Sequence[tuple[object, object, object]], bonus: Sequence[object] = ()) -> None:
    """The yellow cells of the 奖励标准 init writes (B4:D8, B11:B14) typed over, its locked title left as it is."""
    book = openpyxl.load_workbook(path)
    sheet = book["奖励标准"]
    for r, values in enumerate(rows, start=4):
        for column, value in zip("BCD", values, strict=True):
            sheet[f"{column}{r}"] = value
    for r, value in enumerate(bonus, start=11):
        sheet[f"B{r}"] = value
    book.save(path)


def test_real_amounts_under_the_example_title_are_no_example(tmp_path: Path) -> None:
    """The coordinator types the commission's amounts into every yellow cell; A1 (locked) still says 示例金额. The
    bulletin does not say the amounts are the example's, and the 奖励计算表 is titled without 示例金额."""
    ws = make_workspace(tmp_path / "ws")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(ws.root), "--year", "2015"]).exit_code == 0  # adds 奖励标准.xlsx
    assert "示例金额" in openpyxl.load_workbook(ws.reward_schedule_path)["奖励标准"]["A1"].value
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件")])
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件", "国家级")])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert "奖励标准.xlsx 中仍是示例金额" in result.output and "奖励 1 条，合计 500 元" in result.output  # as init wrote it
    api = xlflow.Workspace(ws.root).bulletin("2015-03")  # from Python: no typed command line to complete it
    assert any(w.endswith(f"重新运行 xlflow -w {ws.root} bulletin --period 2015-03") for w in api.warnings), api.warnings
    _type_amounts(ws.reward_schedule_path, REAL, (0, 200, 400, 1000))
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "示例" not in result.output and "奖励 1 条，合计 1,000 元" in result.output
    sheet = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx")["奖励标准"]
    assert (sheet["A1"].value, sheet["B4"].value) == ("信息采用奖励标准", 1000)


def test_a_blank_amount_cell_is_named(tmp_path: Path) -> None:
    """A blank yellow cell counts as 0 元 as before, but is named with its level and form; a blank 无 bonus is no
    omission (no bonus without a 批示)."""
    amounts = {"国家级": (1000, 600, 300), "省级": (500, 300, 150), "省经信委": (300, 200, 100), "市级": (200, 100, 50), "市经信委": (100, None, 30)}
    schedule = read_reward_schedule(write_schedule(tmp_path / "奖励标准.xlsx", amounts, bonus=(None, 100, None, 500)))  # type: ignore[arg-type]
    assert schedule.amount("市经信委", "部分采用") == 0 and schedule.bonus_for("省级") == 0
    assert schedule.problems == (
        "奖励标准.xlsx C8（市经信委 部分采用）没有填金额，按 0 元计：如不是 0 元请补填",
        "奖励标准.xlsx B13（省级领导批示 加奖金额）没有填金额，按 0 元计：如不是 0 元请补填",
    )
    ws = make_workspace(tmp_path / "ws")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(ws.root), "--year", "2015"]).exit_code == 0
    _type_amounts(ws.reward_schedule_path, [*REAL[:4], (200, None, 60)])
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件")])
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "! 奖励标准.xlsx C8（市经信委 部分采用）没有填金额，按 0 元计：如不是 0 元请补填" in result.output


def test_a_short_unit_name_is_given_the_unit_it_clearly_means(tmp_path: Path, units: UnitTable) -> None:
    """湘阴工信局, 平江, 屈原工信局, 南湖区工信局: the unit is named with the fix; 岳阳工信局 (岳阳县? 岳阳楼区?) and
    市直某某局 name none clearly: no guess."""
    typed = ["湘阴工信局", "平江", "屈原工信局", "南湖区工信局", "岳阳工信局", "市直某某局"]
    path = write_register(tmp_path / "采用登记表.xlsx", [_row(name, f"稿件{i}") for i, name in enumerate(typed)])
    fix = "，或在任务分配表“别名”列补上"
    assert [a.problem for a in read_adoption_register(path, units, 2015)] == [
        f"报送单位“湘阴工信局”不在任务分配表中：改为“湘阴县工信局”{fix}",
        f"报送单位“平江”不在任务分配表中：改为“平江县工信局”{fix}",
        f"报送单位“屈原工信局”不在任务分配表中：改为“屈原区工信局”{fix}",
        f"报送单位“南湖区工信局”不在任务分配表中：改为“南湖风景区工信局”{fix}",
        "报送单位“岳阳工信局”不在任务分配表中",
        "报送单位“市直某某局”不在任务分配表中",
    ]


def test_the_bulletin_says_which_unit_a_short_name_means(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "湘阴县.xlsx", "湘阴县工信局", [report_row("湘阴县三月稿件")])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [_row("湘阴工信局", "湘阴县三月稿件")])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "报送单位“湘阴工信局”不在任务分配表中：改为“湘阴县工信局”，或在任务分配表“别名”列补上" in result.output


def test_the_bulletin_names_the_sheet_of_a_row_and_the_sheets_and_lines_not_read(tmp_path: Path) -> None:
    """(With the caller's change) a row of the copied sheet is 采用登记表 (2)第 5 行 in the summary and the 奖励计算表; a
    sheet without the header and the 合计 line between adoptions are named."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(3)])
    write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件0"), FOOTER[0], _row(YY, "岳阳县三月稿件1")])
    _with_copy(ws.adoption_path, [_row(YY, "岳阳县三月稿件2"), _row(YY, "岳阳县没有报过的稿件")])
    _with_copy(ws.adoption_path, [[YY, "岳阳县六月稿件"]], "六月", header=False)
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 3 篇" in result.output
    assert "  采用登记表 (2)第 5 行 岳阳县工信局《岳阳县没有报过的稿件》：本单位已计入的稿件中找不到这个标题" in result.output
    assert "! 采用登记表 采用登记表.xlsx 的工作表“六月”前 20 行中没有表头" in result.output
    assert "! 采用登记表 采用登记表.xlsx（工作表“采用登记表”）第 5 行（“合计”）是合计或表尾" in result.output
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx")["奖励明细"]
    assert [c for r in rewards.iter_rows(values_only=True) for c in r if isinstance(c, str) and "第 5 行" in c] == [
        "采用登记表 (2)第 5 行：岳阳县工信局《岳阳县没有报过的稿件》——本单位已计入的稿件中找不到这个标题；"
        "如是2015年4月报送的稿件，汇总该月后自动匹配；未计奖（见工作底稿“采用登记待核对”工作表）"
    ]


def _hide(path: Path, name: str) -> Path:
    book = openpyxl.load_workbook(path)
    book[name].sheet_state = "hidden"
    book.save(path)
    return path


def test_help_backup_hidden_and_other_years_sheets_are_not_read(tmp_path: Path, units: UnitTable) -> None:
    """Beside the register's own sheet, a sheet with its header is read only when visible, not named as help, an
    example, a backup or another year's, and not a copy of rows already read; each one left is named with why."""
    own = [_row(YY, "岳阳县一月稿件"), _row(PJ, "平江县二月稿件")]
    path = write_register(tmp_path / "采用登记表.xlsx", own)
    _with_copy(path, own)  # 采用登记表 (2): a backup copy made before editing
    _with_copy(path, [_row(YY, "岳阳县去年稿件")], "2014年")
    _with_copy(path, [_row(YY, "岳阳县示例稿件")], "填写示例")
    _with_copy(path, [_row(PJ, "平江县说明稿件")], "填表说明")
    _hide(_with_copy(path, [_row(PJ, "平江县隐藏稿件")], "三季度"), "三季度")
    _with_copy(path, [own[1], _row(YY, "岳阳县四月稿件")], "二季度")  # one row more than a copy: read
    notes: list[str] = []
    rows = read_adoption_register(path, units, 2015, notes)
    assert [(a.sheet, a.row, a.title) for a in rows] == [
        ("采用登记表", 4, "岳阳县一月稿件"), ("采用登记表", 5, "平江县二月稿件"),
        ("二季度", 4, "平江县二月稿件"), ("二季度", 5, "岳阳县四月稿件"),
    ]  # fmt: skip
    assert notes == [
        "采用登记表 采用登记表.xlsx 的工作表“采用登记表 (2)”（每一行都与已读取的登记相同，是副本）、“2014年”（是2014年的登记）、"
        "“填写示例”（名称含“示例”，应是说明、示例或备份）、“填表说明”（名称含“说明”，应是说明、示例或备份）、“三季度”（已隐藏）未读取："
        "如其中有2015年度未登记的采用，请把这些行移到“采用登记表”工作表中"
    ]


def test_last_year_s_sheet_and_rows_count_in_no_bulletin(tmp_path: Path) -> None:
    """Last year's register kept as a sheet 2014年, and a row of 2014 left in the register: the recurring title
    matches this year's article but neither counts; the sheet and the row are named."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县召开{i}月份工业经济运行调度会") for i in (2, 3)])
    last_year = [YY, "岳阳县召开3月份工业经济运行调度会", "市委办《岳阳信息》", "市级", dt.date(2014, 3, 10), "全文采用", "无", ""]
    write_register(ws.adoption_path, [_row(YY, "岳阳县召开2月份工业经济运行调度会"), last_year])
    _with_copy(ws.adoption_path, [last_year], "2014年")
    _with_copy(ws.adoption_path, [_row(YY, "岳阳县召开2月份工业经济运行调度会")])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "奖励 1 条，合计 " in result.output
    assert (
        f"  采用登记表第 5 行 {YY}《岳阳县召开3月份工业经济运行调度会》：采用日期是2014年3月10日：请登记在2014年度工作区的采用登记表中"
        in result.output
    )
    assert "! 采用登记表 采用登记表.xlsx 的工作表“2014年”（是2014年的登记）、“采用登记表 (2)”（每一行都与已读取的登记相同，是副本）未读取" in result.output
    adopted = openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")["采用明细"]
    assert [r[2] for r in adopted.iter_rows(min_row=4, values_only=True) if r[1] == YY] == ["岳阳县召开2月份工业经济运行调度会"]


def test_a_merge_over_a_spare_row_or_two_levels(tmp_path: Path, units: UnitTable) -> None:
    """报送单位 merged over a unit's last row and a spare empty row (A5:A6): the spare row is no adoption. One
    article adopted at two levels, 报送单位 and 信息标题 merged over its two rows (A7:B8): two adoptions."""
    two_levels = [None, None, "省政府办《湖南政务》", "省级", MARCH, "部分采用", "无", ""]
    path = write_register(tmp_path / "采用登记表.xlsx", [_row(YY, "岳阳县一月稿件"), _row(YY, "岳阳县二月稿件"), [], _row(PJ, "平江县三月稿件"), two_levels])
    _merge(_merge(_merge(path, "A5:A6"), "A7:A8"), "B7:B8")
    assert [(a.row, a.unit_name, a.title, a.level, a.problem) for a in read_adoption_register(path, units, 2015)] == [
        (4, YY, "岳阳县一月稿件", "市级", ""),
        (5, YY, "岳阳县二月稿件", "市级", ""),
        (7, PJ, "平江县三月稿件", "市级", ""),
        (8, PJ, "平江县三月稿件", "省级", ""),
    ]


def test_an_article_adopted_at_two_merged_levels_is_paid_for_both(tmp_path: Path) -> None:
    ws, runner = _consolidated(tmp_path, "平江县.xlsx", PJ, [report_row("平江县三月稿件")])
    write_schedule(ws.reward_schedule_path, policy="累计")
    write_register(ws.adoption_path, [_row(PJ, "平江县三月稿件"), [None, None, "省政府办《湖南政务》", "省级", MARCH, "部分采用", "无", ""], []])
    _merge(_merge(_merge(ws.adoption_path, "A4:A5"), "B4:B5"), "A6:A6")
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "奖励 2 条，合计 500 元（计奖方式：累计）" in result.output  # 市级全文 200 + 省级部分 300
    assert "缺少" not in result.output


SUBTOTALS = [["1月小计", "26篇"], ["一季度合计", 70], ["上半年总计：144篇"], ["合　计", "144篇"]]


def test_subtotal_lines_are_no_adoptions(tmp_path: Path, units: UnitTable) -> None:
    """1月小计 and 一季度合计 between the months' rows, 上半年总计 and 合　计 under them: no adoption, nothing to move."""
    rows = [_row(YY, "岳阳县一月稿件"), SUBTOTALS[0], _row(PJ, "平江县二月稿件"), SUBTOTALS[1], _row(PJ, "平江县四月稿件"), *SUBTOTALS[2:]]
    notes: list[str] = []
    path = write_register(tmp_path / "采用登记表.xlsx", rows)
    assert [(a.row, a.title) for a in read_adoption_register(path, units, 2015, notes)] == [
        (4, "岳阳县一月稿件"), (6, "平江县二月稿件"), (8, "平江县四月稿件"),
    ]  # fmt: skip
    assert notes == []
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件")])
    write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件"), *SUBTOTALS])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "未计入采用的采用登记" not in result.output and "计《" not in result.output


def test_example_amounts_with_the_commission_s_bonuses_are_no_example(tmp_path: Path) -> None:
    """Only the 批示 bonuses typed over: no longer the example's schedule, in the bulletin nor in the 奖励计算表."""
    ws = make_workspace(tmp_path / "ws")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(ws.root), "--year", "2015"]).exit_code == 0
    assert read_reward_schedule(ws.reward_schedule_path).example
    _type_amounts(ws.reward_schedule_path, [], (0, 300, 600, 1500))
    assert not read_reward_schedule(ws.reward_schedule_path).example
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件")])
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件", "国办《政务信息》", "国家级", MARCH, "全文采用", "市委书记批示", ""]])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "示例" not in result.output and "奖励 1 条，合计 800 元" in result.output  # 国家级全文 500 + 市级批示 300
    assert openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx")["奖励标准"]["A1"].value == "信息采用奖励标准"


def test_the_sheet_of_a_row_to_check_is_in_the_working_papers_and_the_api(tmp_path: Path) -> None:
    """Row 4 of two sheets: the 工作底稿 and ws.adoptions say which sheet."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件")])
    write_register(ws.adoption_path, [_row(YY, "岳阳县没有报过的一月稿件")])
    _with_copy(ws.adoption_path, [_row(YY, "岳阳县没有报过的四月稿件")], "二季度")
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年03月.xlsx")["采用登记待核对"]
    assert papers["H3"].value == "登记表工作表"
    assert [(r[0], r[2], r[7]) for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)] == [
        (4, "岳阳县没有报过的一月稿件", "采用登记表"), (4, "岳阳县没有报过的四月稿件", "二季度"),
    ]  # fmt: skip
    import xlflow

    frame = xlflow.Workspace(ws.root).adoptions("2015-03")
    assert frame[["登记表工作表", "登记表行号"]].values.tolist() == [["采用登记表", 4], ["二季度", 4]]


def test_a_register_without_the_outlet_column_and_a_blank_row(tmp_path: Path) -> None:
    """采用单位/刊物 is optional: a register kept without it and with an empty row between two months is read, in the
    library and in the bulletin, the level then read from 采用级别."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(2)])
    header = ["报送单位", "信息标题", "采用级别", "采用日期", "采用形式", "领导批示", "备注"]
    rows = [[YY, "岳阳县三月稿件0", "市级", MARCH, "全文采用", "无", ""], [], [YY, "岳阳县三月稿件1", "省级", MARCH, "部分采用", "无", ""]]
    write_register(ws.adoption_path, rows, header=header)
    assert [(a.row, a.title, a.level, a.problem) for a in read_adoption_register(ws.adoption_path, ws.units(), 2015)] == [
        (4, "岳阳县三月稿件0", "市级", ""), (6, "岳阳县三月稿件1", "省级", ""),
    ]  # fmt: skip
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 2 篇，采用率 100.0%" in result.output and "内部错误" not in result.output


def test_a_merged_row_with_values_of_its_own_is_read(tmp_path: Path) -> None:
    """报送单位 and 信息标题 merged over two rows, the second holding only its own 采用日期, 领导批示 and 备注: read as
    the article's row and named once for the 采用级别 and 采用形式 it lacks (by the matcher, not the reader too)."""
    ws, runner = _consolidated(tmp_path, "平江县.xlsx", PJ, [report_row("平江县三月稿件")])
    instruction = [None, None, None, None, dt.date(2015, 4, 20), None, "省级", "副省长批示"]
    write_register(ws.adoption_path, [_row(PJ, "平江县三月稿件"), instruction])
    _merge(_merge(ws.adoption_path, "A4:A5"), "B4:B5")
    rows = read_adoption_register(ws.adoption_path, ws.units(), 2015)
    assert [(a.row, a.unit_name, a.title, a.instruction, a.problem) for a in rows] == [
        (4, PJ, "平江县三月稿件", "无", ""), (5, PJ, "平江县三月稿件", "省级", ""),
    ]  # fmt: skip
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (f"  采用登记表第 5 行 {PJ}《平江县三月稿件》：缺少采用级别：请填写国家级、省级、省经信委、市级或市经信委，改正前不计采用；"
            "缺少采用形式：请填写全文采用、部分采用或综合采用，改正前不计采用\n") in result.output
    assert result.output.count("缺少采用级别") == 1


def test_rows_with_only_a_date_a_note_or_no_instruction_are_blank(tmp_path: Path) -> None:
    """领导批示 prefilled 无 (否, -) down the sheet, a row with only a 采用日期, one with only a 备注, and a merged row with
    its own date and 无: no adoption, in the library and in the bulletin."""
    ws, runner = _consolidated(tmp_path, "平江县.xlsx", PJ, [report_row(f"平江县三月稿件{i}") for i in range(2)])
    empty = [None] * 6
    rows = [
        _row(PJ, "平江县三月稿件0"), [*empty[:4], MARCH, None, "无", "同上"], _row(PJ, "平江县三月稿件1"),
        [*empty, "无"], [*empty, "否"], [*empty, " - "], [*empty[:4], dt.date(2015, 7, 1)], [*empty, None, "以下为三季度采用"],
    ]  # fmt: skip
    write_register(ws.adoption_path, rows)
    _merge(_merge(ws.adoption_path, "A4:A5"), "B4:B5")
    notes: list[str] = []
    assert [(a.row, a.title) for a in read_adoption_register(ws.adoption_path, ws.units(), 2015, notes)] == [
        (4, "平江县三月稿件0"), (6, "平江县三月稿件1"),
    ]  # fmt: skip
    assert notes == []
    _march_adopts_both(ws, runner)


def _march_adopts_both(ws: Workspace, runner: CliRunner) -> None:
    """The March bulletin counts both articles adopted, and no register row is left to check."""
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 2 篇，采用率 100.0%" in result.output and "未计入采用的采用登记" not in result.output


def test_bracketed_and_unit_subtotals_are_no_adoptions(tmp_path: Path) -> None:
    """一季度合计（57篇）, 一季度小计（共57篇）, 1月小计20条, （1月小计）, and a unit's 小计 | 2篇 line under its merged
    报送单位: no adoption, in the library and in the bulletin."""
    ws, runner = _consolidated(tmp_path, "平江县.xlsx", PJ, [report_row(f"平江县三月稿件{i}") for i in range(2)])
    labels = [["一季度合计（57篇）"], ["一季度小计（共57篇）"], ["1月小计20条"], ["（1月小计）", 20]]
    write_register(ws.adoption_path, [*labels, _row(PJ, "平江县三月稿件0"), _row(PJ, "平江县三月稿件1"), [None, "小计", "2篇"]])
    _merge(ws.adoption_path, "A8:A10")
    notes: list[str] = []
    assert [(a.row, a.title) for a in read_adoption_register(ws.adoption_path, ws.units(), 2015, notes)] == [
        (8, "平江县三月稿件0"), (9, "平江县三月稿件1"),
    ]  # fmt: skip
    assert notes == []
    _march_adopts_both(ws, runner)


def test_real_titles_ending_in_a_total_word_are_adoptions(tmp_path: Path) -> None:
    """全市用电量合计, 岳阳县招商引资合计 with their unit, and （岳阳县工业用电量合计） under a merged 报送单位 with its own
    level and form: adoptions, in the library and in the bulletin; a unit's 小计 | 2篇 line is still none."""
    ws = make_workspace(tmp_path / "ws")
    titles = ["全市用电量合计", "岳阳县招商引资合计", "（岳阳县工业用电量合计）"]
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row(t) for t in titles])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    rows = [_row(YY, titles[0]), _row(YY, titles[1]), [None, *_row(YY, titles[2])[1:]], [None, "小计", "2篇"]]
    write_register(ws.adoption_path, rows)
    _merge(ws.adoption_path, "A5:A7")
    notes: list[str] = []
    assert [(a.row, a.unit_name, a.title) for a in read_adoption_register(ws.adoption_path, ws.units(), 2015, notes)] == [
        (4, YY, titles[0]), (5, YY, titles[1]), (6, YY, titles[2]),
    ]  # fmt: skip
    assert notes == []
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 3 篇，采用率 100.0%" in result.output and "奖励 3 条" in result.output
    assert "未计入采用的采用登记" not in result.output


def test_without_a_sheet_named_for_the_register_this_year_s_sheet_is_read(tmp_path: Path) -> None:
    """One workbook across years, sheets 2014年 (first) and 2015年, none called 采用登记表: 2015年 is the register,
    2014年 is named as last year's, in the library and in the bulletin."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件")])
    write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件")])
    _with_copy(ws.adoption_path, [[YY, "岳阳县2014年稿件", "市委办《岳阳信息》", "市级", dt.date(2014, 3, 2), "全文采用", "无", ""]], "2014年")
    book = openpyxl.load_workbook(ws.adoption_path)
    book["采用登记表"].title = "2015年"
    book.move_sheet("2014年", offset=-1)
    book.save(ws.adoption_path)
    notes: list[str] = []
    assert [(a.sheet, a.row, a.title) for a in read_adoption_register(ws.adoption_path, ws.units(), 2015, notes)] == [("2015年", 4, "岳阳县三月稿件")]
    assert notes == [
        "采用登记表 采用登记表.xlsx 的工作表“2014年”（是2014年的登记）未读取：如其中有2015年度未登记的采用，请把这些行移到“2015年”工作表中"
    ]
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇，采用率 100.0%" in result.output and "未计入采用的采用登记" not in result.output


def test_a_year_to_date_copy_for_the_next_quarter_is_read(tmp_path: Path) -> None:
    """二季度 copied from the register keeping its rows (a year-to-date sheet), an adoption added on it only: the
    sheet is read, its new row counts and the rows it repeats count once, in the library and in the bulletin."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(4)])
    first = [_row(YY, f"岳阳县三月稿件{i}") for i in (0, 1)]
    write_register(ws.adoption_path, first)
    _with_copy(ws.adoption_path, [*first, _row(YY, "岳阳县三月稿件2")], "二季度")
    notes: list[str] = []
    assert [(a.sheet, a.row) for a in read_adoption_register(ws.adoption_path, ws.units(), 2015, notes)] == [
        ("采用登记表", 4), ("采用登记表", 5), ("二季度", 4), ("二季度", 5), ("二季度", 6),
    ]  # fmt: skip
    assert notes == []
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 3 篇，采用率 75.0%" in result.output and "副本" not in result.output


def test_last_year_s_year_typed_in_january_counts_with_a_warning(tmp_path: Path) -> None:
    """A January adoption typed 2014-01-20 (last year's year, a January habit) matching a counted January article:
    counted and the year named, in the library and in the bulletin; 2014-03-10 on a March article still does not."""
    jan = [YY, "岳阳县一月稿件", "省政府办《湖南政务》", "省级", dt.date(2014, 1, 20), "全文采用", "无", ""]
    units = make_workspace(tmp_path / "lib").units()
    path = write_register(tmp_path / "采用登记表.xlsx", [jan, [YY, "岳阳县三月稿件", *jan[2:4], dt.date(2014, 3, 10), *jan[5:]]])
    articles = [article(YY, "岳阳县一月稿件", "2015-01"), article(YY, "岳阳县三月稿件", "2015-03")]
    matched = match_adoptions(read_adoption_register(path, units, 2015), articles, 2015, ("2015-01", "2015-03"))
    assert [(a.row, a.matched, a.problem) for a in matched] == [
        (4, True, "采用日期写的是2014年1月20日：如是年份写错，请改为2015年"),
        (5, False, "采用日期是2014年3月10日：请登记在2014年度工作区的采用登记表中"),
    ]
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-01" / "岳阳县.xlsx", YY, [report_row("岳阳县一月稿件", month=1)], month="2015年1月")
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-01", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [jan])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-01", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇，采用率 100.0%" in result.output and "奖励 1 条" in result.output
    assert f"采用登记表第 4 行 {YY}《岳阳县一月稿件》：采用日期写的是2014年1月20日：如是年份写错，请改为2015年" in result.output


def test_last_year_s_january_date_before_the_article_was_sent_is_last_year_s(tmp_path: Path) -> None:
    """A recurring title sent 2015-01-22, registered as adopted 2014-01-08: as 2015-01-08 it would be adopted before
    it was sent, so it is last year's adoption, not counted, in the library and in the bulletin; 2014-01-22, the day
    it was sent, is still a year typo."""
    title = "岳阳县召开1月份工业经济运行调度会"
    units = make_workspace(tmp_path / "lib").units()
    rows = [[YY, title, "省政府办《湖南政务》", "省级", dt.date(2014, 1, d), "全文采用", "无", ""] for d in (8, 22)]
    path = write_register(tmp_path / "采用登记表.xlsx", rows)
    sent = dataclasses.replace(article(YY, title, "2015-01"), date=dt.datetime(2015, 1, 22, 9, 30))
    assert [(a.row, a.matched, a.problem) for a in match_adoptions(read_adoption_register(path, units, 2015), [sent], 2015)] == [
        (4, False, "采用日期是2014年1月8日：请登记在2014年度工作区的采用登记表中"),
        (5, True, "采用日期写的是2014年1月22日：如是年份写错，请改为2015年"),
    ]
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-01" / "岳阳县.xlsx", YY, [report_row(title, 22, month=1)], month="2015年1月")
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-01", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, rows[:1])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-01", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 0 篇" in result.output and "奖励 0 条" in result.output
    assert f"采用登记表第 4 行 {YY}《{title}》：采用日期是2014年1月8日：请登记在2014年度工作区的采用登记表中" in result.output


def test_a_hidden_original_gives_way_to_the_visible_copy(tmp_path: Path) -> None:
    """The register's sheet hidden as a backup and its copy 采用登记表 (2) edited (a row deleted, a level corrected):
    the visible copy is the register, the hidden sheet is named as not read, in the library and in the bulletin."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(2)])
    write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件0"), _row(YY, "岳阳县三月稿件1")])
    _with_copy(ws.adoption_path, [_row(YY, "岳阳县三月稿件1", "省级")])
    book = openpyxl.load_workbook(ws.adoption_path)
    book.active = book.sheetnames.index("采用登记表 (2)")
    book["采用登记表"].sheet_state = "hidden"
    book.save(ws.adoption_path)
    notes: list[str] = []
    rows = read_adoption_register(ws.adoption_path, ws.units(), 2015, notes)
    assert [(a.sheet, a.row, a.title, a.level) for a in rows] == [("采用登记表 (2)", 4, "岳阳县三月稿件1", "省级")]
    said = (
        "采用登记表 采用登记表.xlsx 的工作表“采用登记表”（已隐藏）未读取：如其中有2015年度未登记的采用，"
        "请把这些行移到“采用登记表 (2)”工作表中"
    )
    assert notes == [said]
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇，采用率 50.0%" in result.output and f"! {said}" in result.output
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx")["奖励明细"]
    assert [r[2:4] for r in rewards.iter_rows(values_only=True) if r[1] == YY] == [("岳阳县三月稿件1", "省级")]


def _two_row_header(path: Path) -> Path:
    """The register's header over rows 3–4 as office forms have it: 采用情况 merged over 采用单位/刊物 … 采用形式 in
    row 4, the other headers merged down both rows."""
    book = openpyxl.load_workbook(path)
    sheet = book["采用登记表"]
    sheet.insert_rows(4)
    for c in range(3, 7):  # C:F — 采用单位/刊物, 采用级别, 采用日期, 采用形式
        sheet.cell(4, c).value, sheet.cell(3, c).value = sheet.cell(3, c).value, None
    sheet["C3"] = "采用情况"
    sheet.merge_cells("C3:F3")
    for c in "ABGH":
        sheet.merge_cells(f"{c}3:{c}4")
    book.save(path)
    return path


def test_a_header_over_two_rows_is_read(tmp_path: Path, units: UnitTable) -> None:
    path = _two_row_header(write_register(tmp_path / "采用登记表.xlsx", [_row(YY, "岳阳县一月稿件", "省级"), _row(PJ, "平江县二月稿件")]))
    rows = read_adoption_register(path, units, 2015)
    assert [(a.row, a.unit_name, a.title, a.outlet, a.level, a.date, a.form, a.problem) for a in rows] == [
        (5, YY, "岳阳县一月稿件", "市委办《岳阳信息》", "省级", MARCH, "全文采用", ""),
        (6, PJ, "平江县二月稿件", "市委办《岳阳信息》", "市级", MARCH, "全文采用", ""),
    ]


def test_adoptions_under_a_two_row_header_count_in_the_bulletin(tmp_path: Path) -> None:
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(2)])
    _two_row_header(write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件0"), _row(YY, "岳阳县三月稿件1")]))
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 2 篇，采用率 100.0%" in result.output and "待核对" not in result.output


def test_hidden_and_filtered_register_rows_are_read_and_named(tmp_path: Path) -> None:
    """A filter left on the register (省级 shown only) or rows hidden to print: they are adoptions all the same,
    counted, and the bulletin says which rows they were."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(4)])
    write_register(ws.adoption_path, [_row(YY, f"岳阳县三月稿件{i}") for i in range(4)])
    book = openpyxl.load_workbook(ws.adoption_path)
    for r in (5, 6, 7):  # rows 4–7 hold the adoptions
        book["采用登记表"].row_dimensions[r].hidden = True
    book.save(ws.adoption_path)
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 4 篇" in result.output
    assert ("! 采用登记表 采用登记表.xlsx（工作表“采用登记表”）第 5—7 行是隐藏行（筛选或隐藏），已照常读取："
            "如不应计入采用，请删除这些行") in result.output


def test_a_sheet_named_for_a_month_of_next_year_is_read(tmp_path: Path) -> None:
    """December's articles adopted in January, registered by month on a sheet 2016年1月 of the 2015 register: read
    (the library and the bulletin count it); sheets 2014年12月 and 2017.1 are other years' and named as such."""
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件"), report_row("岳阳县三月第二篇稿件")])
    write_register(ws.adoption_path, [_row(YY, "岳阳县三月稿件")])
    later = [YY, "岳阳县三月第二篇稿件", "省委办《湖南信息》", "省级", dt.date(2016, 1, 12), "全文采用", "无", ""]
    _with_copy(ws.adoption_path, [later], "2016年1月")
    _with_copy(ws.adoption_path, [[*later[:4], dt.date(2014, 12, 5), *later[5:]]], "2014年12月")
    _with_copy(ws.adoption_path, [[*later[:4], dt.date(2017, 1, 5), *later[5:]]], "2017.1")
    notes: list[str] = []
    rows = read_adoption_register(ws.adoption_path, ws.units(), 2015, notes)
    assert [(a.sheet, a.row, a.title) for a in rows] == [("采用登记表", 4, "岳阳县三月稿件"), ("2016年1月", 4, "岳阳县三月第二篇稿件")]
    assert notes == [
        "采用登记表 采用登记表.xlsx 的工作表“2014年12月”（是2014年的登记）、“2017.1”（是2017年的登记）未读取："
        "如其中有2015年度未登记的采用，请把这些行移到“采用登记表”工作表中"
    ]
    result = runner.invoke(cli, ["bulletin", "--period", "2015", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 2 篇" in result.output and "“2016年1月”" not in result.output


def test_a_next_year_sheet_does_not_give_a_year_old_article_a_same_titled_adoption(tmp_path: Path) -> None:
    """Titles recur every year (召开3月份…调度会): a row on the 2016年3月 sheet adopted 2016-03-20 names next year's
    article of that title, not 2015's sent 2015-03-05 (more than ten months before): not counted, and said where it
    belongs. A row adopted 2016-01-12 of the same article (ten months on) still counts."""
    title = "岳阳县召开3月份工业经济运行调度会"
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(title)])
    write_register(ws.adoption_path, [])
    _with_copy(ws.adoption_path, [[YY, title, "省委办《湖南信息》", "省级", dt.date(2016, 3, 20), "全文采用", "无", ""]], "2016年3月")
    result = runner.invoke(cli, ["bulletin", "--period", "2015", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 0 篇" in result.output
    assert ("采用日期是2016年3月20日，该稿件是2015年3月5日报送的，相隔近一年：如是2016年的同名稿件，请登记在2016年度工作区的"
            "采用登记表中") in result.output
    write_register(ws.adoption_path, [])
    _with_copy(ws.adoption_path, [[YY, title, "省委办《湖南信息》", "省级", dt.date(2016, 1, 12), "全文采用", "无", ""]], "2016年1月")
    result = runner.invoke(cli, ["bulletin", "--period", "2015", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "相隔近一年" not in result.output


def test_a_next_year_adoption_of_a_title_naming_the_year_counts(tmp_path: Path) -> None:
    """《岳阳县2015年一季度工业经济运行分析》 sent 2015-03-05 and adopted 2016-04-15 is 2015's article (its title
    says so), however long after: counted, not sent to the 2016 workspace. Library: 2015年全年… adopted 2016-11-25."""
    title = "岳阳县2015年一季度工业经济运行分析"
    ws, runner = _consolidated(tmp_path, "岳阳县.xlsx", YY, [report_row(title)])
    write_register(ws.adoption_path, [])
    _with_copy(ws.adoption_path, [[YY, title, "省委办《湖南信息》", "省级", dt.date(2016, 4, 15), "全文采用", "无", ""]], "2016年4月")
    result = runner.invoke(cli, ["bulletin", "--period", "2015", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "相隔近一年" not in result.output
    whole = "岳阳县2015年全年工业经济运行情况分析"
    late = dataclasses.replace(adoption(YY, whole), date=dt.date(2016, 11, 25))
    (row,) = match_adoptions([late], [article(YY, whole)], 2015)
    assert row.matched and not row.problem
    money = dataclasses.replace(adoption(YY, "岳阳县工业投资完成2015万元"), date=dt.date(2016, 3, 20))
    (row,) = match_adoptions([money], [article(YY, "岳阳县工业投资完成2015万元")], 2015)
    assert not row.matched and "相隔近一年" in row.problem
