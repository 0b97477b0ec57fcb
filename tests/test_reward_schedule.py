"""The 奖励标准 the coordinator edits, read back: the policy as worded, rows inserted, amounts as typed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_bulletin import H1, YY, march_consolidated, write_register, write_schedule
from helpers_ledger import report_row, write_report

from xlflow.cli import cli
from xlflow.core.errors import ConfigError
from xlflow.intake.books import read_reward_schedule


def _edited(path: Path, edit) -> Path:  # noqa: ANN001
    book = openpyxl.load_workbook(path)
    edit(book.worksheets[0])
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("typed", "policy"),
    [("仅最高级别（不累计）", "仅最高级别"), ("最高级别，不累计", "仅最高级别"), ("非累计", "仅最高级别"),
     ("不予累计", "仅最高级别"), ("不重复累计", "仅最高级别"), ("不得累计，按最高级别", "仅最高级别"),
     ("累计计奖", "累计"), ("仅最高级别", "仅最高级别"), ("不可累计", "仅最高级别"), ("不能累计", "仅最高级别"),
     ("不再累计", "仅最高级别"), ("各级采用均计奖，不封顶累计", "累计"), ("不分级累计", "累计")],
)  # fmt: skip
def test_a_policy_that_says_not_cumulative_is_the_highest_only(tmp_path: Path, typed: str, policy: str) -> None:
    """不累计 contains 累计: read as 累计 it paid 550 instead of 400."""
    path = write_schedule(tmp_path / "奖励标准.xlsx", policy=typed)
    assert read_reward_schedule(path, default_policy="累计" if policy == "仅最高级别" else "仅最高级别").policy == policy


@pytest.mark.parametrize("typed", ["最高级别累计", "不作累计", "不进行累计", "不允许累计", "不宜累计"])
def test_a_policy_naming_both_or_an_unknown_negation_is_named(tmp_path: Path, typed: str) -> None:
    """Not guessed either way: 不作累计 read as 累计 paid every level; the coordinator says which is meant."""
    path = write_schedule(tmp_path / "奖励标准.xlsx", policy=typed)
    with pytest.raises(ConfigError) as caught:
        read_reward_schedule(path)
    assert str(caught.value) == f"奖励标准.xlsx（工作表“奖励标准”）第 16 行“计奖方式”为“{typed}”：请填写“仅最高级别”或“累计”"


def test_not_cumulative_pays_the_highest_level_once_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "无"],
                                      [YY, "岳阳县三月稿件0", "省委办公厅", "省级", "2015-04-20", "全文采用", "无"]])  # fmt: skip
    _edited(ws.reward_schedule_path, lambda sheet: sheet.cell(16, 2, "仅最高级别（不累计）"))
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "奖励 1 条，合计 300 元（计奖方式：仅最高级别）" in result.output
    detail = openpyxl.load_workbook(ws.out / "奖励计算表_2015年上半年.xlsx")["奖励明细"]
    assert [c.value for c in detail[4]][3:6] == ["省级", "全文采用", "无"] and detail["C5"].value is None


def _bonus_row_inserted(sheet) -> None:  # noqa: ANN001
    """委领导 | 50 under 无, the 市级 … 国家级 rows moved down onto the blank row above 计奖方式."""
    sheet.move_range("A12:B14", rows=1)
    sheet["A12"], sheet["B12"] = "委领导", 50


UNKNOWN_BONUS = ("奖励标准.xlsx（工作表“奖励标准”）第 12 行“委领导”不是已知的领导批示级别，未读取：领导批示级别只能是"
                 "无、市级、省级、国家级；如是其中之一，请把“委领导”改为它的名称，否则删去这一行")  # fmt: skip


def test_an_unknown_bonus_row_is_named_and_the_rows_below_read(tmp_path: Path) -> None:
    path = _edited(write_schedule(tmp_path / "奖励标准.xlsx"), _bonus_row_inserted)
    schedule = read_reward_schedule(path)
    assert dict(schedule.bonus) == {"无": 0, "市级": 100, "省级": 300, "国家级": 500}
    assert schedule.problems == (UNKNOWN_BONUS,)


def _notes(sheet) -> None:  # noqa: ANN001
    """A note under each table, its text in the amount column: 注 | 金额为税前, 说明：市长批示按次加奖 | 按次."""
    sheet.insert_rows(9)
    sheet["A9"], sheet["B9"], sheet["A16"], sheet["B16"] = "注", "金额为税前", "说明：市长批示按次加奖", "按次"


def test_a_note_row_under_a_table_is_skipped_silently(tmp_path: Path) -> None:
    schedule = read_reward_schedule(_edited(write_schedule(tmp_path / "奖励标准.xlsx"), _notes))
    assert schedule.amount("市经信委", "全文采用") == 100 and schedule.bonus_for("市级") == 100
    assert dict(schedule.bonus) == {"无": 0, "市级": 100, "省级": 300, "国家级": 500}
    assert schedule.problems == () and schedule.policy == "仅最高级别"


def test_a_note_row_is_not_named_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "市长批示"]])
    _edited(ws.reward_schedule_path, _notes)
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "奖励 1 条，合计 250 元（计奖方式：仅最高级别）" in result.output and "删去这一行" not in result.output


def test_a_bonus_row_deleted_is_named(tmp_path: Path) -> None:
    path = _edited(write_schedule(tmp_path / "奖励标准.xlsx"), lambda sheet: sheet.delete_rows(13))  # 省级
    schedule = read_reward_schedule(path)
    assert dict(schedule.bonus) == {"无": 0, "市级": 100, "国家级": 500}
    assert schedule.problems == ("奖励标准.xlsx（工作表“奖励标准”）“领导批示”加奖表中没有“省级”一行，省级批示不加奖",)


def test_a_bonus_below_an_unknown_row_is_paid_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市委办", "市级", "2015-04-02", "全文采用", "副省长批示"]])
    _edited(ws.reward_schedule_path, _bonus_row_inserted)
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "奖励 1 条，合计 350 元（计奖方式：仅最高级别）" in result.output  # 市级 全文采用 150 + 省级批示 200
    assert UNKNOWN_BONUS in result.output


def _level_row(at: int, label: str):  # noqa: ANN202
    def edit(sheet) -> None:  # noqa: ANN001
        sheet.insert_rows(at)
        for c, value in enumerate((label, 300, 200, 100), start=1):
            sheet.cell(at, c, value)

    return edit


def _unknown_level(row: int, label: str) -> str:
    return (f"奖励标准.xlsx（工作表“奖励标准”）第 {row} 行“{label}”不是已知的采用级别，未读取：采用级别只能是国家级、省级、"
            f"省经信委、市级、市经信委；如是其中之一，请把“{label}”改为它的名称，否则删去这一行")  # fmt: skip


@pytest.mark.parametrize(("at", "label"), [(6, "新华社内参"), (9, "县级")])
def test_an_unknown_level_row_is_named_and_the_rows_below_read(tmp_path: Path, at: int, label: str) -> None:
    """Inserted between 省级 and 省经信委, or under 市经信委: the levels below are not 0 元, none said missing."""
    schedule = read_reward_schedule(_edited(write_schedule(tmp_path / "奖励标准.xlsx"), _level_row(at, label)))
    assert schedule.amount("省经信委", "全文采用") == 300 and schedule.amount("市经信委", "综合采用") == 30
    assert schedule.amount("国家级", "全文采用") == 1000 and schedule.bonus_for("国家级") == 500
    assert schedule.problems == (_unknown_level(at, label),)


def test_a_level_below_an_unknown_row_is_paid_through_the_command(tmp_path: Path) -> None:
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "省经信委《经信动态》", "省经信委", "2015-04-02", "全文采用", "无"]])
    _edited(ws.reward_schedule_path, _level_row(6, "新华社内参"))
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "奖励 1 条，合计 200 元（计奖方式：仅最高级别）" in result.output  # the example's 省经信委 全文采用
    assert _unknown_level(6, "新华社内参") in result.output and "没有“" not in result.output


def test_amounts_typed_with_a_currency_sign_or_unit_are_read(tmp_path: Path) -> None:
    def edit(sheet) -> None:  # noqa: ANN001
        sheet["B3"], sheet["C3"], sheet["B10"] = "全文采用（元）", "部分采用(元)", "加奖金额（元）"
        sheet["B5"], sheet["C5"], sheet["D5"], sheet["B14"] = "￥400", "300元", "150.00", "¥ 600"

    schedule = read_reward_schedule(_edited(write_schedule(tmp_path / "奖励标准.xlsx"), edit))
    assert [schedule.amount("省级", form) for form in ("全文采用", "部分采用", "综合采用")] == [400, 300, 150]
    assert schedule.bonus_for("国家级") == 600 and not schedule.problems


BAD = "奖励标准.xlsx（工作表“奖励标准”）B5“二百元”不是金额：请填写不小于 0 的数字（元）"


def test_a_bad_amount_fails_only_the_reward_workbook(tmp_path: Path) -> None:
    """As the README's 退出状态 says: the summary is printed, the 通报 and 工作底稿 are written, the exit status is 1."""
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "省委办公厅", "省级", "2015-04-02", "全文采用", "无"]])
    _edited(ws.reward_schedule_path, lambda sheet: sheet.cell(5, 2, "二百元"))
    result = CliRunner().invoke(cli, [*H1, str(ws.root)])
    assert result.exit_code == 1, result.output
    assert "2015年上半年通报、工作底稿和奖励计算表：1 本未能写入（见“请注意”）" in result.output
    assert "采用 1 篇" in result.output and "奖励未计算：奖励标准填错（见“请注意”）" in result.output
    assert f"! 奖励计算表_2015年上半年.xlsx 未生成：{BAD}；改好后运行 xlflow -w {ws.root} bulletin --period 2015-H1" in result.output
    assert sorted(p.name for p in ws.out.glob("*_2015年上半年.xlsx")) == ["工作底稿_2015年上半年.xlsx", "通报_2015年上半年.xlsx"]
    adopted = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["采用明细"]
    assert adopted["C4"].value == "岳阳县三月稿件0"

    write_report(ws.inbox / "2015-04" / "岳阳县.xlsx", YY, [report_row("岳阳县四月稿件", month=4)], month="2015年4月")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert result.exit_code == 1, result.output
    assert f"奖励计算表_2015年04月.xlsx 未生成：{BAD}；改好后运行 xlflow -w {ws.root} bulletin --period 2015-04" in result.output
    assert sorted(p.name for p in ws.out.glob("*_2015年04月.xlsx")) == ["工作底稿_2015年04月.xlsx", "通报_2015年04月.xlsx"]
