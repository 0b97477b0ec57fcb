"""Unit names across the books: one name for one unit in the quota table, the adoption register read as the
returns are, and the roster and the adoption rows after a unit is renamed (its old name kept as 别名)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_bulletin import adoption, article, write_register
from helpers_ledger import make_workspace, report_row, write_report
from helpers_setup import write_roster
from helpers_workbooks import write_xls

from xlflow.cli import cli
from xlflow.commands.distribute import distribute
from xlflow.compute.adoptions import match_adoptions
from xlflow.core.errors import ConfigError
from xlflow.core.periods import Period
from xlflow.core.schema import DEFAULT_UNITS, REPORT_SHEET, UnitRow
from xlflow.intake.books import read_adoption_register, read_roster
from xlflow.intake.quota_table import read_quota_workbook
from xlflow.workspace import Workspace
from xlflow.writers.quota import write_quota_workbook

OLD, NEW = "中小企业服务中心", "中小企业发展服务中心"


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def write_table(ws: Workspace, rows: list[UnitRow]) -> None:
    write_quota_workbook(ws.quota_path, rows)  # title, note, header: the first unit is on row 4


def renamed(ws: Workspace) -> None:
    """中小企业服务中心 renamed 中小企业发展服务中心 in the quota table, its old name kept as 别名."""
    write_table(ws, [dataclasses.replace(u, name=NEW, aliases=(OLD,)) if u.name == OLD else u for u in DEFAULT_UNITS])


# --- one name, one unit -------------------------------------------------------------------------------


def test_a_new_unit_named_as_another_units_alias_is_refused(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_table(ws, [*DEFAULT_UNITS, UnitRow("电力科", "委业务科室", "委综合法规科", 4, 48)])  # 资源电力科 lists 电力科
    wanted = ("任务分配表 信息任务分配表.xlsx 第 19 行（资源电力科）和第 38 行（电力科）都用了名称“电力科”，"
              "分不清报来的文件是哪个单位的：请在第 19 行的“别名”列删去“电力科”")  # fmt: skip
    with pytest.raises(ConfigError) as caught:
        read_quota_workbook(ws.quota_path)
    assert str(caught.value) == wanted
    (ws.inbox / "2015-07").mkdir()
    result = invoke("consolidate", "--month", "2015-07", "-w", str(ws.root))
    assert result.exit_code == 1 and wanted in result.output and "Traceback" not in result.output


def test_two_aliases_or_two_names_of_one_meaning_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "信息任务分配表.xlsx"
    write_quota_workbook(path, [UnitRow("甲科", "委业务科室", "委综合法规科", 4, 48, ("综合科",)),
                                UnitRow("乙科", "委业务科室", "委综合法规科", 4, 48, ("综 合 科",))])  # fmt: skip
    with pytest.raises(ConfigError, match="第 4 行（甲科）和第 5 行（乙科，别名“综 合 科”）都用了名称“综合科”.*请在其中一行的“别名”列删去“综合科”"):
        read_quota_workbook(path)
    write_quota_workbook(path, [UnitRow("岳阳县工信局", "县市区工信局", "市经信委", 4, 48),
                                UnitRow("岳阳县", "县市区工信局", "市经信委", 4, 48)])  # fmt: skip
    with pytest.raises(ConfigError, match="第 4 行（岳阳县工信局）和第 5 行（岳阳县）都用了名称“岳阳县”.*请改正其中一行的单位名称"):
        read_quota_workbook(path)


NO_ALIAS_MARKS = ["无", "（无）", "(无)", "无。", "—无—", "无别名。", "N/A", "NA", "none", "/", "0", "～", "×", "不详", "无简称", "暂缺", "空白",
                  "〇", "无此项", "未设", "不设", "暂未"]


@pytest.mark.parametrize("mark", NO_ALIAS_MARKS)
def test_a_mark_for_no_alias_in_two_rows_is_no_alias(tmp_path: Path, mark: str) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_table(ws, [dataclasses.replace(u, aliases=(mark,)) if u.name in ("中小企业科", "轻工业科") else u for u in DEFAULT_UNITS])
    assert [(u.name, u.aliases) for u in ws.units() if u.name in ("中小企业科", "轻工业科")] == [("中小企业科", ()), ("轻工业科", ())]
    (ws.inbox / "2015-03").mkdir()
    result = invoke("status", "--month", "2015-03", "-w", str(ws.root))
    assert result.exit_code == 0 and "都用了名称" not in result.output, result.output


def test_a_clash_quotes_the_alias_cell_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "信息任务分配表.xlsx"
    write_quota_workbook(path, [UnitRow("甲科", "委业务科室", "委综合法规科", 4, 48, ("甲/综合科",)),
                                UnitRow("乙科", "委业务科室", "委综合法规科", 4, 48, ("无",)),
                                UnitRow("丙科", "委业务科室", "委综合法规科", 4, 48, ("综合科",))])  # fmt: skip
    with pytest.raises(ConfigError) as caught:
        read_quota_workbook(path)
    assert str(caught.value) == ("任务分配表 信息任务分配表.xlsx 第 4 行（甲科，别名“甲/综合科”）和第 6 行（丙科）都用了名称“综合科”，"
                                 "分不清报来的文件是哪个单位的：请在其中一行的“别名”列删去“综合科”")  # fmt: skip


def test_the_default_table_gives_every_name_to_one_unit(tmp_path: Path) -> None:
    assert len(make_workspace(tmp_path / "ws").units()) == 34  # 岳阳县 for 岳阳县工信局 twice is one unit's


# --- the adoption register: a unit as the returns name it ---------------------------------------------


def test_the_register_finds_a_unit_named_inside_what_was_typed(tmp_path: Path) -> None:
    units = make_workspace(tmp_path / "ws").units()
    typed = ["岳阳市岳阳县工信局", "市经信委经济运行科", "经济运行科（市经信委）", "岳阳县工信局（盖章）", "岳阳县、平江县", "不存在的局"]
    path = write_register(tmp_path / "采用登记表.xlsx", [[t, f"稿件{i}", "", "市级", None, "全文采用", "", ""] for i, t in enumerate(typed)])
    rows = read_adoption_register(path, units)
    assert [(a.unit, a.unit_name, a.problem) for a in rows] == [
        ("岳阳市岳阳县工信局", "岳阳县工信局", ""),
        ("市经信委经济运行科", "经济运行科", ""),
        ("经济运行科（市经信委）", "经济运行科", ""),
        ("岳阳县工信局（盖章）", "岳阳县工信局", ""),
        ("岳阳县、平江县", "", "报送单位“岳阳县、平江县”中有 2 个单位（岳阳县工信局、平江县工信局）：请只填报送该稿件的单位"),
        ("不存在的局", "", "报送单位“不存在的局”不在任务分配表中"),
    ]


def test_the_bulletin_counts_an_adoption_typed_as_the_paper_printed_the_unit(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行平稳")])
    write_report(ws.inbox / "2015-03" / "经济运行科.xlsx", "经济运行科", [report_row("全市工业经济运行调度")])
    assert invoke("consolidate", "--month", "2015-03", "-w", str(ws.root)).exit_code == 0
    write_register(ws.adoption_path, [["岳阳市岳阳县工信局", "岳阳县工业运行平稳", "", "市级", None, "全文采用", "", ""],
                                      ["经济运行科（市经信委）", "全市工业经济运行调度", "", "市级", None, "全文采用", "", ""]])  # fmt: skip
    result = invoke("bulletin", "--period", "2015-03", "-w", str(ws.root))
    assert result.exit_code == 0, result.output
    assert "采用 2 篇" in result.output and "未计入采用的采用登记" not in result.output


# --- after a rename: the roster and the adoption rows ---------------------------------------------------


def test_the_roster_is_read_through_the_units_old_names(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    renamed(ws)
    write_roster(ws.roster_path, {OLD: "张三", "岳阳县": "李四", "撤销的科": "王五"})
    assert read_roster(ws.roster_path, ws.units()) == {NEW: "张三", "岳阳县工信局": "李四"}
    write_roster(ws.roster_path, {OLD: "张三", NEW: "赵六"})  # a row under the name the unit now has wins
    assert read_roster(ws.roster_path, ws.units()) == {NEW: "赵六"}


def test_distribute_prefills_the_correspondent_of_a_renamed_unit(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    renamed(ws)
    write_roster(ws.roster_path, {OLD: "张三"})
    result = distribute(ws, Period.parse("2015-07"), None)
    assert result.data["prefilled"] == 1
    assert not any(NEW in line for line in result.lines)  # not among 名册中没有通讯员的单位
    sheet = openpyxl.load_workbook(ws.out / "下发" / "2015年07月" / f"{NEW}_2015年07月_信息报送登记表.xlsx")[REPORT_SHEET]
    assert (sheet["C2"].value, sheet["H2"].value) == (NEW, "张三")
    cli_result = invoke("distribute", "--month", "2015-08", "-w", str(ws.root))
    assert cli_result.exit_code == 0 and "通讯员已预填 1 个单位" in cli_result.output
    (missing,) = [line for line in cli_result.output.splitlines() if "名册中没有通讯员的单位" in line]
    assert missing.startswith("  名册中没有通讯员的单位 33 个，通讯员一栏留空：岳阳县工信局、") and NEW not in missing


def test_a_roster_saved_as_xls_prefills_the_reports_and_names_the_rewarded(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_xls(ws.root / "通讯员名册.xls", [["通讯员名册"], ["序号", "单位名称", "姓名", "移动电话"],
                                           [1, "岳阳县工信局", "张三", "13800000000"]], sheet="通讯员名册")  # fmt: skip
    result = invoke("distribute", "--month", "2015-07", "-w", str(ws.root))
    assert result.exit_code == 0 and "  通讯员已预填 1 个单位（来自 通讯员名册.xls）\n" in result.output, result.output
    sheet = openpyxl.load_workbook(ws.out / "下发" / "2015年07月" / "岳阳县工信局_2015年07月_信息报送登记表.xlsx")[REPORT_SHEET]
    assert sheet["H2"].value == "张三"
    row = report_row("岳阳县七月工作动态", month=7)
    write_report(ws.inbox / "2015-07" / "岳阳县.xlsx", "岳阳县工信局", [row[:-1] + [None]], month="2015年7月")  # no 通讯员
    assert invoke("consolidate", "--month", "2015-07", "-w", str(ws.root)).exit_code == 0
    write_register(ws.adoption_path, [["岳阳县工信局", "岳阳县七月工作动态", "", "市级", None, "全文采用", "", ""]])
    assert invoke("bulletin", "--period", "2015-07", "-w", str(ws.root)).exit_code == 0
    detail = openpyxl.load_workbook(ws.out / "奖励计算表_2015年07月.xlsx")["奖励明细"]
    assert (detail["B4"].value, detail["H4"].value) == ("岳阳县工信局", "张三")


def test_a_reward_falls_back_on_the_roster_row_of_the_old_name(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    renamed(ws)
    write_roster(ws.roster_path, {OLD: "张三"})
    row = report_row("中小企业发展服务中心七月工作动态", month=7)
    write_report(ws.inbox / "2015-07" / f"{NEW}.xlsx", NEW, [row[:-1] + [None]], month="2015年7月")  # no 通讯员
    assert invoke("consolidate", "--month", "2015-07", "-w", str(ws.root)).exit_code == 0
    write_register(ws.adoption_path, [[NEW, "中小企业发展服务中心七月工作动态", "", "市级", None, "全文采用", "", ""]])
    result = invoke("bulletin", "--period", "2015-07", "-w", str(ws.root))
    assert result.exit_code == 0, result.output
    detail = openpyxl.load_workbook(ws.out / "奖励计算表_2015年07月.xlsx")["奖励明细"]
    assert (detail["B4"].value, detail["C4"].value, detail["H4"].value) == (NEW, "中小企业发展服务中心七月工作动态", "张三")


def test_an_adoption_of_a_month_consolidated_before_the_rename_says_to_consolidate_again() -> None:
    articles = [article(OLD, "中小中心五月工作动态", "2015-05")]  # the ledger still has the old name
    (row,) = match_adoptions([adoption(OLD, "中小中心五月工作动态", unit_name=NEW)], articles)
    assert not row.matched
    assert row.problem == (f"“{OLD}”现在是{NEW}的别名，而这篇稿件是改名前以“{OLD}”汇总的：请重新运行 xlflow consolidate --month 2015-05，"
                           "再重新生成通报")  # fmt: skip
    (other,) = match_adoptions([adoption("中小企业科", "中小中心五月工作动态")], articles)  # another unit, really
    assert other.problem == f"{OLD}报送过同题稿件，请核对报送单位"


def test_the_bulletin_says_to_consolidate_again_after_a_rename(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-05" / "中小中心.xlsx", OLD, [report_row("中小中心五月工作动态", month=5)], month="2015年5月")
    assert invoke("consolidate", "--month", "2015-05", "-w", str(ws.root)).exit_code == 0
    write_register(ws.adoption_path, [[OLD, "中小中心五月工作动态", "", "省级", None, "全文采用", "", ""]])
    renamed(ws)
    result = invoke("bulletin", "--period", "2015-05", "-w", str(ws.root))
    assert result.exit_code == 0, result.output
    assert (f"采用登记表第 4 行 {NEW}《中小中心五月工作动态》：“{OLD}”现在是{NEW}的别名，而这篇稿件是改名前以“{OLD}”汇总的："
            f"请重新运行 xlflow -w {ws.root} consolidate --month 2015-05，再重新生成通报；最接近：中小中心五月工作动态（{OLD}）\n"
            ) in result.output  # fmt: skip
    assert invoke("consolidate", "--month", "2015-05", "-w", str(ws.root)).exit_code == 0
    again = invoke("bulletin", "--period", "2015-05", "-w", str(ws.root))
    assert again.exit_code == 0 and "采用 1 篇" in again.output and "未计入采用的采用登记" not in again.output


def test_placeholders_typed_in_the_alias_column_are_no_alias(tmp_path: Path) -> None:
    """“无”, “-”, “暂无” … typed for a unit without an alias (an office's habit for an empty cell) name nobody."""
    ws = make_workspace(tmp_path / "ws")
    marks = ["无", "-", "无", "／", "暂无", "――", "同上", "待定", "尚无", "未设置"]
    bare = range(len(marks))  # the mark replaces the aliases the unit had
    rows = list(DEFAULT_UNITS)
    for i, mark in zip(bare, marks, strict=True):
        rows[i] = dataclasses.replace(rows[i], aliases=(mark,))
    write_table(ws, rows)
    units = read_quota_workbook(ws.quota_path)
    assert len(units) == 34
    assert [list(units)[i].aliases for i in bare] == [()] * 10
    assert units.resolve("无") is None and units.resolve("-") is None and units.resolve("同上") is None
    (ws.inbox / "2015-03").mkdir()
    result = invoke("status", "--month", "2015-03", "-w", str(ws.root))
    assert result.exit_code == 0, result.output
    assert "都用了名称" not in result.output and "2015年3月报送情况" in result.output


def test_status_and_bulletin_say_the_old_name_is_already_an_alias(tmp_path: Path) -> None:
    """January and March consolidated under the old name, then renamed with it as 别名: status and the bulletin do not
    ask for the alias again, they say what the adoption check says (consolidate those months again)."""
    from xlflow.commands.status import status

    ws = make_workspace(tmp_path / "ws")
    for month in (1, 3):
        write_report(ws.inbox / f"2015-0{month}" / f"中小中心{month}月.xlsx", OLD,
                     [report_row(f"中小中心{month}月工作动态", month=month)], month=f"2015年{month}月")  # fmt: skip
        assert invoke("consolidate", "--month", f"2015-0{month}", "-w", str(ws.root)).exit_code == 0
    renamed(ws)
    again = "consolidate --month 2015-01（2015-03 也同样重新运行），再重新生成通报"
    told = f"：“{OLD}”现在是{NEW}的别名，而其稿件是改名前以“{OLD}”汇总的：请重新运行 xlflow "
    text = status(ws, Period.parse("2015-03")).render()
    assert f"台账中有 1 个单位不在任务分配表中，其稿件没有计入上表：{OLD}（2015年3月计入 1 条）{told}{again}" in text
    assert "别名”列填上" not in text
    run = invoke("status", "--month", "2015-03", "-w", str(ws.root))
    assert f"其稿件没有计入上表：{OLD}（2015年3月计入 1 条）{told}-w {ws.root} {again}" in run.output, run.output
    made = invoke("bulletin", "--period", "2015-Q1", "--date", "2015-04-03", "-w", str(ws.root))
    assert f"其稿件没有计入通报：{OLD}（2015年第一季度计入 2 条）{told}-w {ws.root} {again}" in made.output, made.output
    assert "别名”列填上" not in made.output
    for month in (1, 3):  # as told: the articles count for the unit under its new name
        assert invoke("consolidate", "--month", f"2015-0{month}", "-w", str(ws.root)).exit_code == 0
    made = invoke("bulletin", "--period", "2015-Q1", "--date", "2015-04-03", "-w", str(ws.root))
    assert "不在任务分配表中" not in made.output
    sheet = openpyxl.load_workbook(ws.out / "通报_2015年第一季度.xlsx")["完成情况"]
    assert next(r[3] for r in sheet.iter_rows(values_only=True) if r[0] == NEW) == 2  # 报送数


def test_consolidating_again_after_a_rename_deletes_the_old_names_receipt(tmp_path: Path) -> None:
    """Review X5 D1: May consolidated, the unit renamed (old name kept as 别名), May consolidated again: the receipt
    under the old name is deleted, the new one written; a file of the coordinator's own in the folder is kept."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-05" / "中小中心.xlsx", OLD, [report_row("中小中心五月工作动态", month=5)], month="2015年5月")
    assert invoke("consolidate", "--month", "2015-05", "-w", str(ws.root)).exit_code == 0
    folder = ws.out / "回执" / "2015年05月"
    assert {p.name for p in folder.iterdir()} == {f"{OLD}_2015年05月_回执.xlsx"}
    kept = {f"{OLD}_2015年05月_回执（已发出）.xlsx", f"已发-{OLD}_2015年05月_回执.xlsx", f"{OLD}(已催改)_2015年05月_回执.xlsx"}
    for name in kept:  # the coordinator's copies: not names xlflow writes
        (folder / name).write_bytes(b"kept")
    renamed(ws)
    result = invoke("consolidate", "--month", "2015-05", "-w", str(ws.root))
    assert result.exit_code == 0, result.output
    assert {p.name for p in folder.iterdir()} == {f"{NEW}_2015年05月_回执.xlsx", *kept}
