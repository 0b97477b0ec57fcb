"""What the coordinator wrote in the 采用登记表 beside the adoption: a 备注 withdrawing it, a date before the
article was sent, the same adoption twice."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_bulletin import H1, YY, adoption, article, march_consolidated, write_register

from xlflow.cli import cli
from xlflow.compute.adoptions import match_adoptions, reward_held
from xlflow.core.units import UnitTable
from xlflow.intake.books import read_adoption_register


def _with_sheet(path: Path, name: str, rows: list[list[object]]) -> Path:
    """The register's sheet copied under `name` (header kept), holding `rows`."""
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["采用登记表"])
    copy.title = name
    copy.delete_rows(4, copy.max_row)
    for row in rows:
        copy.append(row)
    book.save(path)
    return path


def _pending(path: Path) -> list[list[object]]:
    """The 工作底稿's 采用登记待核对 rows: 行号, 单位, 标题, 问题, 工作表."""
    sheet = openpyxl.load_workbook(path)["采用登记待核对"]
    return [[r[0], r[1], r[2], r[5], r[7]] for r in sheet.iter_rows(min_row=4, values_only=True) if r[5] is not None]


@pytest.mark.parametrize("note", ["作废", "已撤稿", "重复登记，不计", "撤销", "此行作废。", "稿件已撤回", "不计入", "该条作废",
                                  "此稿作废", "与第12行重复，作废", "错登，作废", "作废（重复登记）"])
def test_a_row_whose_note_withdraws_it_is_not_counted(note: str) -> None:
    (row,) = match_adoptions([dataclasses.replace(adoption(YY, "岳阳县稿件"), note=note)], [article(YY, "岳阳县稿件")])
    assert not row.matched and row.title_sent
    assert row.problem == f"备注为“{note}”，未计入采用数和奖励：如应计入，请删去这条备注"


def test_an_ordinary_note_counts() -> None:
    (row,) = match_adoptions([dataclasses.replace(adoption(YY, "岳阳县稿件"), note="市长在稿件上圈阅")], [article(YY, "岳阳县稿件")])
    assert row.matched and not row.problem


@pytest.mark.parametrize("note", ["不计入考核但计奖", "撤回后重新报送已采用", "非重复登记（两期均采用）", "已删除重复登记的一行",
                                  "另一篇已撤稿，本篇正常计", "撤销原稿后改写再报，已采用", "撤回后重新报送", "不是重复登记",
                                  "已核实，不属作废", "此前误登为作废", "只计一次，另一条不计", "作废后重新登记", "撤稿又恢复",
                                  "撤回重报后采用", "市级采用，省级撤稿", "采用计入，不计", "不计稿费", "撤销批示", "批示已撤销",
                                  "批示不计"])
def test_a_note_only_saying_a_word_of_a_withdrawal_counts_and_is_named(note: str) -> None:
    """Free text is not read as a withdrawal unless a clause of it is one: the row counts, and the coordinator is
    asked to check it (a withdrawal is written 作废)."""
    (row,) = match_adoptions([dataclasses.replace(adoption(YY, "岳阳县稿件"), note=note)], [article(YY, "岳阳县稿件")])
    assert row.matched
    assert row.problem == f"备注为“{note}”：采用数和奖励已照常计入；如这条采用应作废，请把备注改为“作废”"


@pytest.mark.parametrize("note", ["计入第二季度", "已核实"])
def test_a_note_naming_no_withdrawal_is_not_named(note: str) -> None:
    (row,) = match_adoptions([dataclasses.replace(adoption(YY, "岳阳县稿件"), note=note)], [article(YY, "岳阳县稿件")])
    assert row.matched and not row.problem


@pytest.mark.parametrize("note", ["不计奖", "不予计奖", "不计入奖励", "不计算奖励", "奖励不计", "计入采用，奖励不计", "不予奖励"])
def test_a_note_holding_back_the_reward_counts_the_adoption_with_nothing_to_fix(note: str) -> None:
    """review (left alone): 不计奖 means what it says, counted as adopted and paid nothing (the 奖励计算表 says so):
    not a row to put right."""
    (row,) = match_adoptions([dataclasses.replace(adoption(YY, "岳阳县稿件"), note=note)], [article(YY, "岳阳县稿件")])
    assert row.matched and not row.problem and reward_held(row.note)


def test_a_note_holding_back_the_reward_of_a_row_not_counted_gives_only_the_real_reason() -> None:
    """Not found, or registered twice: only why the row does not count."""
    rows = [dataclasses.replace(_at(r, "市级", "市委办"), note="不计奖") for r in (4, 5)]
    lost = dataclasses.replace(adoption(YY, "岳阳县没有的稿件", row=6), note="不计奖")
    first, again, missing = match_adoptions([*rows, lost], [article(YY, "岳阳县稿件")])
    assert first.matched and not first.problem
    assert not again.matched
    assert again.problem == "与采用登记表第 4 行重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），未重复计入：请删去其中一行"
    assert not missing.matched and missing.problem == "本单位已计入的稿件中找不到这个标题"


def test_a_row_noted_no_reward_counts_as_adopted_and_is_paid_nothing_through_the_command(tmp_path: Path) -> None:
    """review (left alone): 岳阳县三月稿件0 市级 全文采用 (150 元) noted 不计奖, 稿件1 the same without the note: both
    count in 采用数 (2 篇, as the 通报's 完成情况 shows), the 奖励计算表 pays 150 元 for 稿件1 only and lists 稿件0 as
    not rewarded, saying why, as the summary does once; the 工作底稿 has nothing for it to put right."""
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "无", "不计奖"],
                                      [YY, "岳阳县三月稿件1", "市委办", "市级", "2015-04-02", "全文采用", "无"]])  # fmt: skip
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 2 篇" in result.output and "奖励 1 条，合计 150 元" in result.output
    assert [line.strip() for line in result.output.splitlines() if "第 4 行" in line] == [
        "! 采用登记表第 4 行 岳阳县工信局《岳阳县三月稿件0》：备注为“不计奖”：计入采用数，不计奖"]
    rates = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["完成情况"]
    assert next(r for r in rates.iter_rows(values_only=True) if r[0] == YY)[5] == 2  # 采用数
    book = openpyxl.load_workbook(ws.out / "奖励计算表_2015年上半年.xlsx", data_only=True)
    detail = [r for r in book["奖励明细"].iter_rows(min_row=4, values_only=True) if any(v is not None for v in r)]
    assert detail[0][1:7] == (YY, "岳阳县三月稿件1", "市级", "全文采用", "无", 150)
    assert detail[1][:7] == ("合计", None, None, None, None, None, 150)
    assert [r[0] for r in detail[2:]] == ["以下 1 行采用登记未计奖：",
                                         "采用登记表第 4 行：岳阳县工信局《岳阳县三月稿件0》——备注为“不计奖”：计入采用数，不计奖"]
    assert [r[1:4] for r in book["单位汇总"].iter_rows(min_row=4, max_row=4, values_only=True)] == [(YY, 1, 150)]
    assert _pending(ws.out / "工作底稿_2015年上半年.xlsx") == []


def test_a_withdrawn_row_is_named_in_the_summary_and_the_working_papers(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "无", "作废"],
                                      [YY, "岳阳县三月稿件1", "市委办", "市级", "2015-04-02", "全文采用", "无"],
                                      [YY, "岳阳县三月稿件2", "市委办", "市级", "2015-04-02", "全文采用", "无", "非重复登记（两期均采用）"]])  # fmt: skip
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 2 篇" in result.output and "奖励 2 条，合计 300 元" in result.output
    said = "备注为“作废”，未计入采用数和奖励：如应计入，请删去这条备注"
    assert f"采用登记表第 4 行 岳阳县工信局《岳阳县三月稿件0》：{said}" in result.output
    check = "备注为“非重复登记（两期均采用）”：采用数和奖励已照常计入；如这条采用应作废，请把备注改为“作废”"
    assert _pending(ws.out / "工作底稿_2015年上半年.xlsx") == [[4, YY, "岳阳县三月稿件0", said, "采用登记表"],
                                                               [6, YY, "岳阳县三月稿件2", f"{check}；采用已计入", "采用登记表"]]


def test_an_adoption_dated_before_its_article_was_sent_is_counted_and_named() -> None:
    """4月份 typed for the 3月份 article adopted in March: the April article was sent after it was adopted."""
    (row,) = match_adoptions([adoption(YY, "岳阳县四月稿件")], [article(YY, "岳阳县四月稿件", "2015-04")])  # 4-1, sent 4-5
    assert row.matched
    assert row.problem == "采用日期早于该稿件报送日期（2015年4月5日），请核对标题或日期"
    (same_day,) = match_adoptions([adoption(YY, "岳阳县三月稿件")], [article(YY, "岳阳县三月稿件", "2015-03")])
    assert same_day.matched and not same_day.problem


def test_an_adoption_dated_before_its_article_was_sent_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市委办", "市级", "2015-03-02", "全文采用", "无"]])
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output
    said = "采用日期早于该稿件报送日期（2015年3月5日），请核对标题或日期"
    assert f"采用登记表第 4 行 岳阳县工信局《岳阳县三月稿件0》：{said}（采用已计入）\n" in result.output
    assert _pending(ws.out / "工作底稿_2015年上半年.xlsx") == [[4, YY, "岳阳县三月稿件0", f"{said}；采用已计入", "采用登记表"]]


@pytest.mark.parametrize("name", ["6月采用（填写中）", "2014年12月至2015年6月", "2014.12-2015.6", "2014年12月～2015年6月", "2016年1月"])
def test_a_sheet_in_progress_or_spanning_the_year_is_read(tmp_path: Path, units: UnitTable, name: str) -> None:
    path = write_register(tmp_path / "采用登记表.xlsx", [[YY, "岳阳县四月稿件", "市委办", "市级", "2015-04-02", "全文采用"]])
    _with_sheet(path, name, [[YY, "岳阳县六月稿件", "省委办公厅", "省级", "2015-06-28", "全文采用"]])
    notes: list[str] = []
    rows = read_adoption_register(path, units, 2015, notes)
    assert [(a.sheet, a.row, a.title) for a in rows] == [("采用登记表", 4, "岳阳县四月稿件"), (name, 4, "岳阳县六月稿件")]
    assert notes == []


@pytest.mark.parametrize("name", ["2014年采用登记（2015年1月归档）", "2014年", "2014年采用（2015年整理）"])
def test_a_sheet_first_naming_another_year_is_not_read(tmp_path: Path, units: UnitTable, name: str) -> None:
    path = write_register(tmp_path / "采用登记表.xlsx", [[YY, "岳阳县四月稿件", "市委办", "市级", "2015-04-02", "全文采用"]])
    _with_sheet(path, name, [[YY, "岳阳县2014年7月工业经济运行情况", "市委办", "市级", "2014-07-20", "全文采用"]])
    notes: list[str] = []
    assert [a.title for a in read_adoption_register(path, units, 2015, notes)] == ["岳阳县四月稿件"]
    assert notes == [f"采用登记表 采用登记表.xlsx 的工作表“{name}”（是2014年的登记）未读取：如其中有2015年度未登记的采用，"
                     "请把这些行移到“采用登记表”工作表中"]  # fmt: skip


def test_a_sheet_not_read_is_listed_in_the_working_papers(tmp_path: Path) -> None:
    """The terminal said it once; the 工作底稿 said 采用登记均已计入."""
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "无"]])
    _with_sheet(ws.adoption_path, "2014年", [[YY, "岳阳县稿件", "市委办", "市级", "2014-06-28", "全文采用", "无"]])
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    said = ("采用登记表 采用登记表.xlsx 的工作表“2014年”（是2014年的登记）未读取：如其中有2015年度未登记的采用，"
            "请把这些行移到“采用登记表”工作表中")  # fmt: skip
    assert said in result.output
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年上半年.xlsx")["采用登记待核对"]
    assert papers["A1"].value == "采用登记中待核对的行"
    assert papers["A2"].value == ("采用登记表中共 0 行未计入采用数、采用率和奖励，另有 1 处未读取或须核对的内容（列在最后）："
                                  "请按“问题”一栏改正采用登记表后，重新运行 xlflow bulletin --period 2015-H1")  # fmt: skip
    assert _pending(ws.out / "工作底稿_2015年上半年.xlsx") == [[None, None, None, said, None]]


def _at(row: int, level: str, outlet: str, sheet: str = "") -> object:
    return dataclasses.replace(adoption(YY, "岳阳县稿件", level, row=row, outlet=outlet), sheet=sheet)


def test_the_same_adoption_registered_twice_counts_once_and_is_named() -> None:
    first, other, again = match_adoptions(
        [_at(4, "市级", "市委办《岳阳信息》"), adoption(YY, "岳阳县另一稿件", row=5), _at(6, "市级", "市委办 《岳阳信息》")],
        [article(YY, "岳阳县稿件"), article(YY, "岳阳县另一稿件")],
    )
    assert first.matched and not first.problem and other.matched
    assert not again.matched and again.title_sent and again.candidates == ()
    assert again.problem == "与采用登记表第 4 行重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），未重复计入：请删去其中一行"


def test_a_copy_with_a_blank_date_is_the_same_adoption() -> None:
    """A quarter's sheet repeating March's row with 采用日期 left blank (or 3月20日, no year: read as none), or the
    first row blank and the copy dated: one adoption, the dated row counted."""
    march = dataclasses.replace(_at(4, "市级", "市委办《岳阳信息》", "3月"), date=dt.date(2015, 3, 20))
    again = dataclasses.replace(_at(7, "市级", "市委办《岳阳信息》", "一季度"), date=None)
    out = match_adoptions([march, again], [article(YY, "岳阳县稿件", "2015-01")])
    assert [(a.row, a.matched) for a in out] == [(4, True), (7, False)]
    assert out[1].problem == ("与采用登记表（工作表“3月”）第 4 行重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），"
                              "未重复计入：请删去其中一行")  # fmt: skip
    out = match_adoptions([dataclasses.replace(march, date=None), dataclasses.replace(again, date=dt.date(2015, 3, 20))],
                          [article(YY, "岳阳县稿件", "2015-01")])  # fmt: skip
    assert [(a.row, a.matched) for a in out] == [(4, False), (7, True)]
    assert out[0].problem.startswith("与采用登记表（工作表“一季度”）第 7 行重复登记")


def test_a_blank_dated_row_never_swallows_the_dated_issues() -> None:
    """A blank-dated copy above two issues of one outlet (5月5日, 5月19日): the two issues count, the blank row is the
    copy of the first, in whichever order the rows stand."""
    def at(row: int, date: dt.date | None) -> object:
        return dataclasses.replace(_at(row, "市级", "市委办《岳阳信息》"), date=date)

    arts = [article(YY, "岳阳县稿件", "2015-01")]
    for order in ((4, 5, 6), (5, 6, 4)):
        dates = {4: None, 5: dt.date(2015, 5, 5), 6: dt.date(2015, 5, 19)}
        out = {a.row: a for a in match_adoptions([at(r, dates[r]) for r in order], arts)}
        assert {r: a.matched for r, a in out.items()} == {4: False, 5: True, 6: True}
        assert out[4].problem.startswith("与采用登记表第 5 行重复登记") and not out[6].problem


def test_a_copy_with_a_blank_date_counts_once_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    row = [YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "无"]
    write_register(ws.adoption_path, [row, [*row[:4], None, *row[5:]]])
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "奖励 1 条，合计 150 元" in result.output
    said = "与采用登记表第 4 行重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），未重复计入：请删去其中一行"
    assert f"采用登记表第 5 行 岳阳县工信局《岳阳县三月稿件0》：{said}" in result.output
    adopted = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["采用明细"]
    assert [r[2] for r in adopted.iter_rows(min_row=4, values_only=True) if r[0] is not None] == ["岳阳县三月稿件0"]


def test_two_issues_and_two_unnamed_outlets_are_two_adoptions() -> None:
    """第5期 and 第9期 of 市政府办, a month apart; 市委办 and 市政府办 said only in 备注, 采用单位/刊物 blank."""
    rows = [dataclasses.replace(_at(r, "市级", outlet), date=dt.date(2015, m, d), note=note)
            for r, outlet, m, d, note in ((4, "市政府办", 2, 20, "第5期"), (5, "市政府办", 3, 20, "第9期"),
                                          (6, "", 2, 21, "市委办"), (7, "", 2, 21, "市政府办"), (8, "", 2, 21, "市政府办"))]  # fmt: skip
    out = match_adoptions(rows, [article(YY, "岳阳县稿件", "2015-01")])
    assert [(a.row, a.matched) for a in out] == [(4, True), (5, True), (6, True), (7, True), (8, False)]
    assert out[4].problem == "与采用登记表第 7 行重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），未重复计入：请删去其中一行"


def test_two_issues_of_one_outlet_count_twice_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市政府办", "市级", "2015-04-02", "全文采用", "无", "第5期"],
                                      [YY, "岳阳县三月稿件0", "市政府办", "市级", "2015-05-06", "全文采用", "无", "第9期"]])  # fmt: skip
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "奖励 1 条，合计 150 元" in result.output and "请在采用登记表中改正" not in result.output
    detail = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["采用明细"]
    assert [r[2] for r in detail.iter_rows(min_row=4, values_only=True) if r[0] is not None] == ["岳阳县三月稿件0"] * 2


def test_two_issues_dated_without_a_year_are_two_adoptions() -> None:
    """Review W5 D5: 10月10日 (第38期) and 10月26日 (第41期), no year typed: two issues, in the workspace's year;
    10月10日 again, or typed with its year, is the same issue."""
    def at(row: int, typed: str, date: dt.date | None = None) -> object:
        return dataclasses.replace(_at(row, "市级", "市政府办《岳阳政务信息》"), date=date, date_text="" if date else typed)

    rows = [at(4, "10月10日"), at(5, "10月26日"), at(6, "10月10日"), at(7, "", dt.date(2015, 10, 26))]
    out = match_adoptions(rows, [article(YY, "岳阳县稿件", "2015-10")], 2015)
    # the row with its year typed is the one kept (sweep Z5 D4: the dated row was told to be deleted)
    assert [(a.row, a.matched) for a in out] == [(4, True), (5, False), (6, False), (7, True)]
    assert out[1].problem.startswith("与采用登记表第 7 行重复登记")
    assert out[2].problem.startswith("与采用登记表第 4 行重复登记")


def test_a_december_articles_january_adoption_typed_without_a_year_is_its_dated_twin() -> None:
    """Sweep Z5 D1: 1月5日 (no year) and 2016-01-05 for one December article, outlet and level: one issue (the README
    has a December article adopted early next year registered in last year's register); it was listed twice."""
    def at(row: int, typed: str, date: dt.date | None = None) -> object:
        return dataclasses.replace(_at(row, "市级", "市政府办《岳阳政务信息》"), date=date, date_text="" if date else typed)

    out = match_adoptions([at(15, "1月5日"), at(16, "", dt.date(2016, 1, 5))], [article(YY, "岳阳县稿件", "2015-12")], 2015)
    assert [(a.row, a.matched) for a in out] == [(15, False), (16, True)]
    assert "与采用登记表第 16 行重复登记" in out[0].problem


def test_two_issues_dated_without_a_year_are_listed_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    row = [YY, "岳阳县三月稿件0", "市政府办", "市级", "4月10日", "全文采用", "无", "第38期"]
    write_register(ws.adoption_path, [row, [*row[:4], "4月26日", *row[5:7], "第41期"], row])
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    said = "与采用登记表第 4 行重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），未重复计入：请删去其中一行"
    assert f"采用登记表第 6 行 岳阳县工信局《岳阳县三月稿件0》：采用日期“4月10日”没有写年份；{said}\n" in result.output
    assert "第 5 行 岳阳县工信局《岳阳县三月稿件0》：采用日期“4月26日”没有写年份：请在采用登记表中改正（采用已计入）" in result.output
    detail = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["采用明细"]
    assert [(r[2], r[7]) for r in detail.iter_rows(min_row=4, values_only=True) if r[0] is not None] == [
        ("岳阳县三月稿件0", "4月10日"), ("岳阳县三月稿件0", "4月26日")]


def test_a_title_wrapped_by_hand_is_read_on_one_line(tmp_path: Path, units: UnitTable) -> None:
    """Review W5 D8a: a title copied from a wrapped cell: the break dropped between Chinese characters, a space
    between two words; the row registered twice is named on one line of the summary and the 工作底稿."""
    path = write_register(tmp_path / "采用登记表.xlsx", [[YY, t, "市委办", "市级", "2015-04-02", "全文采用", "无"]
                                                         for t in ("岳阳县三月\n稿件0", "Made in \r\nYueyang 岳阳县稿件")])  # fmt: skip
    assert [a.title for a in read_adoption_register(path, units, 2015)] == ["岳阳县三月稿件0", "Made in Yueyang 岳阳县稿件"]
    ws = march_consolidated(tmp_path)
    row = [YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "无"]
    write_register(ws.adoption_path, [row, [YY, "岳阳县三月\n稿件0", *row[2:]]])
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    said = "与采用登记表第 4 行重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），未重复计入：请删去其中一行"
    assert f"  采用登记表第 5 行 岳阳县工信局《岳阳县三月稿件0》：{said}\n" in result.output
    assert _pending(ws.out / "工作底稿_2015年上半年.xlsx") == [[5, YY, "岳阳县三月稿件0", said, "采用登记表"]]


def test_the_same_outlet_at_another_level_on_another_sheet_is_named() -> None:
    """A quarter's sheet repeating June's with the level corrected: both counted (the highest paid), the later named."""
    june, quarter, province = match_adoptions(
        [_at(4, "市级", "市委办《岳阳信息》", "6月"), _at(7, "省级", "市委办《岳阳信息》", "二季度"), _at(8, "省级", "省委办公厅", "二季度")],
        [article(YY, "岳阳县稿件")],
    )
    assert june.matched and not june.problem and province.matched and not province.problem  # two levels, two outlets
    assert quarter.matched
    assert quarter.problem == ("采用登记表（工作表“6月”）第 4 行登记同一稿件被市委办《岳阳信息》采用的级别是市级，这一行却是省级："
                               "请核对，改正或删去其中一行")  # fmt: skip


def test_a_row_registered_twice_is_listed_once_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    row = [YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "无"]
    write_register(ws.adoption_path, [row, [YY, "岳阳县三月稿件1", "市委办", "市级", "2015-04-02", "全文采用", "无"], row])
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 2 篇" in result.output and "奖励 2 条，合计 300 元" in result.output
    said = "与采用登记表第 4 行重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），未重复计入：请删去其中一行"
    assert f"采用登记表第 6 行 岳阳县工信局《岳阳县三月稿件0》：{said}\n" in result.output
    assert _pending(ws.out / "工作底稿_2015年上半年.xlsx") == [[6, YY, "岳阳县三月稿件0", said, "采用登记表"]]
    adopted = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["采用明细"]
    titles = [r[2] for r in adopted.iter_rows(min_row=4, values_only=True) if r[0] is not None]
    assert titles == ["岳阳县三月稿件0", "岳阳县三月稿件1"]
