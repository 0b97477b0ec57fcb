"""The 采用登记表 and 奖励标准 readers, and matching adoptions to articles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_bulletin import adoption, article, write_register, write_schedule
from helpers_ledger import make_workspace, report_row, write_report

import xlflow
from xlflow.cli import cli
from xlflow.compute.adoptions import (
    county_cities,
    match_adoptions,
    normalize_form,
    normalize_instruction,
    normalize_level,
    other_city,
    split_instruction,
)
from xlflow.compute.rates import compute_rates
from xlflow.core.errors import ConfigError
from xlflow.core.model import Adoption
from xlflow.core.periods import Period
from xlflow.core.schema import ADOPTION_FORMS, ADOPTION_LEVELS
from xlflow.core.units import UnitTable
from xlflow.intake.books import read_adoption_register, read_reward_schedule
from xlflow.settings import Settings
from xlflow.workspace import Workspace

YY = "岳阳县工信局"
PJ = "平江县工信局"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("国家级", "国家级"),
        ("国办", "国家级"),
        ("工信部", "国家级"),
        ("省委办公厅", "省级"),
        ("省 级", "省级"),
        ("省工信厅", "省经信委"),
        ("省经信委", "省经信委"),
        ("市政府办", "市级"),
        ("市经信委", "市经信委"),
        ("不知道", None),
        # a 内参 of the party committee is its level, not the 委内 of 市经信委 (review R2-1)
        ("市委内参", "市级"),
        ("省委内参", "省级"),
        ("省委内刊", "省级"),
        ("本委", "市经信委"),
        ("委内刊物", "市经信委"),
        ("市经信委内参", "市经信委"),
        # two levels in one cell: the highest named
        ("国务院办公厅、市经信委", "国家级"),
        ("市委办、省经信委", "省经信委"),
        # the commission's full names and short forms, the city's and the province's (review R2-2)
        ("市经济和信息化委员会", "市经信委"),
        ("市经信", "市经信委"),
        ("市经信局", "市经信委"),
        ("市工信委", "市经信委"),
        ("岳阳市工业和信息化局", "市经信委"),
        ("省经信", "省经信委"),
        ("省工信委", "省经信委"),
        ("湖南省经济和信息化委员会", "省经信委"),
        ("湖南省工业和信息化厅", "省经信委"),
        ("省经信委信息中心", "省经信委"),
        ("经信委", None),  # whose: the coordinator says
        ("省经济与信息化委员会", None),  # a 经信 body not known by this spelling: said, never filed as 省级
        ("市信息化办", None),
        ("省发改委", "省级"),  # another provincial body: its province's level
        # full official names (review R2-4); a ministry is 国家级 (国办、部委)
        ("湖南省人民政府办公厅", "省级"),
        ("省人民政府", "省级"),
        ("岳阳市人民政府办公室", "市级"),
        ("市人民政府办公室", "市级"),
        ("中共湖南省委办公厅", "省级"),
        ("中共岳阳市委办公室", "市级"),
        ("中华人民共和国国务院办公厅", "国家级"),
        ("工业和信息化部", "国家级"),
        ("中华人民共和国工业和信息化部", "国家级"),
        # the departments of the city's or the province's committee or government are no ministry (review Z9)
        ("市委各部委", "市级"),
        ("市直各部委", "市级"),
        ("省直各部委", "省级"),
        ("国务院各部委", "国家级"),
        ("部委", "国家级"),
    ],
)
def test_normalize_level(text: str, level: str | None) -> None:
    assert normalize_level(text) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a body of a county-level city of the quota table is none of the schedule's levels (review Z9)
        ("临湘市人民政府", None),
        ("汨罗市人民政府", None),
        ("临湘市人民政府办公室", None),
        ("汨罗市委办公室", None),
        ("中共汨罗市委", None),
        ("汨罗市政府办", None),
        ("临湘市工业和信息化局", None),
        ("汨罗市经信局", None),
        ("临湘市工信委", None),
        ("汨罗市工信局", None),
        ("汨罗市经济和信息化局", None),
        ("临湘市工业和信息化局简报", None),
        # the city's own bodies keep their level
        ("市人民政府办公室", "市级"),
        ("岳阳市人民政府办公室", "市级"),
        ("中共岳阳市委办公室", "市级"),
        ("市经信委", "市经信委"),
        ("岳阳市工业和信息化局", "市经信委"),
        ("岳阳市人民政府办公室《临湘信息》", "市级"),
        ("湖南省工业和信息化厅", "省经信委"),
        ("市级", "市级"),
    ],
)
def test_a_county_level_city_s_body_is_no_level(text: str, level: str | None) -> None:
    assert normalize_level(text, ("汨罗市", "临湘市")) == level


def test_normalize_form_and_instruction() -> None:
    assert normalize_form("全文") == "全文采用"
    assert normalize_form("摘编") == "部分采用"
    assert normalize_form("综合") == "综合采用"
    assert normalize_form("转发") is None
    assert normalize_instruction("") == "无"
    assert normalize_instruction("市委书记批示") == "市级"
    assert normalize_instruction("副省长") == "省级"
    assert normalize_instruction("是") is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("市委宣传部长批示", "市级"),  # a 部 of the city party committee, not a ministry
        ("省委组织部部长批示", "省级"),
        ("市长批示", "市级"),
        ("省委书记批示", "省级"),
        ("国务院副总理批示", "国家级"),
        ("工信部部长批示", "国家级"),
        ("中央领导批示", "国家级"),
        ("国家级", "国家级"),
        ("无批示", "无"),
        # not a leader of the city, the province or the state: which level the schedule means is not said
        ("省经信委主任批示", None),
        ("市经信委主任批示", None),
        ("部长批示", None),
        ("省委常委、市委书记批示", "省级"),  # one leader's two offices: the highest decides
        # a county-level leader's (a 县/区, or a county-level city of the quota table): below 市级, no bonus
        ("县长批示", "县级"),
        ("岳阳县县长批示", "县级"),
        ("岳阳楼区区长批示", "县级"),
        ("汨罗市委书记批示", "县级"),
        ("临湘市市长批示", "县级"),
        ("岳阳市委书记批示", "市级"),  # the city itself
        ("副市长批示", "市级"),
        ("省委常委、汨罗市委书记批示", "省级"),
        ("省委书记、市委书记批示", "省级"),
        ("市委书记、君山区委书记批示", "市级"),
        ("市委常委、经开区党工委书记批示", "市级"),
        ("省委常委、副省长张三批示", "省级"),
        ("市人大常委会主任批示", "市级"),
        ("国务院办公厅", "国家级"),
        ("经信委主任批示", None),  # a 经信委 director's, as 市经信委主任批示
        ("省市场监管局局长批示", None),  # one office naming two levels (省, 市场)
        # a place or a title in the text that is not the leader's
        ("市委书记在《云溪区工业园区企业用工情况》上批示", "市级"),
        ("省委书记对华容县信息作出批示", "省级"),
        ("省委书记对汨罗市信息作出批示", "省级"),
        # what the 批示 was about or said, however it is worded, is not whose it was (review 6c)
        ("市委书记就华容县工业园区信息作出批示", "市级"),
        ("市委书记关于华容县信息的批示", "市级"),
        ("市委书记对华容县、汨罗市信息作出批示", "市级"),
        ("市委书记批示（华容县工业园区信息）", "市级"),
        ("市委书记在市经信委《工业信息》上批示", "市级"),
        ("市委书记在临湘市“工业信息”上作出批示", "市级"),
        ("市委书记批示：请华容县抓好落实", "市级"),
        ("省委常委、副省长就我市园区建设作出重要批示", "省级"),
        ("汨罗市委书记就全市园区建设作出批示", "县级"),
        ("临湘市长批示", "县级"),
        ("华容县委书记批示", "县级"),
        ("汨罗市常务副市长批示", "县级"),
        ("临湘市人民政府市长批示", "县级"),
        ("县主要领导批示", "县级"),
        ("区县领导批示", "县级"),
        ("临湘市主要领导批示", "县级"),
        ("开发区管委会主任批示", "县级"),
    ],
)
def test_an_instruction_is_read_by_whose_level_it_names(text: str, level: str | None) -> None:
    assert normalize_instruction(text, ("汨罗市", "临湘市")) == level


def test_a_county_level_city_s_instruction_is_read_from_the_quota_table(tmp_path: Path, units: UnitTable) -> None:
    """汨罗市 and 临湘市 are two of the units: their leaders' 批示 is no 市级 one, and no problem to fix."""
    path = write_register(
        tmp_path / "采用登记表.xlsx",
        [
            ["汨罗市", "汨罗稿件", "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "汨罗市委书记批示", ""],
            ["临湘市", "临湘稿件", "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "临湘市市长批示", ""],
            ["岳阳县", "岳阳县稿件", "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "岳阳市委书记批示", ""],
        ],
    )
    rows = read_adoption_register(path, units)
    assert [(a.instruction, a.problem) for a in rows] == [("县级", ""), ("县级", ""), ("市级", "")]


def test_a_county_level_city_s_body_as_the_level_is_said_from_the_quota_table(tmp_path: Path, units: UnitTable) -> None:
    """临湘市 is one of the units: its government or 工信局 typed as 采用级别 (or as the outlet, the level blank) is
    no 市级/市经信委 one; 岳阳市's are (review Z9)."""
    typed = [("临湘市人民政府", "临湘市人民政府办公室《临湘信息》"), ("", "临湘市工业和信息化局简报"),
             ("市级", "岳阳市人民政府办公室"), ("", "岳阳市工业和信息化局《工信简报》")]  # fmt: skip
    path = write_register(
        tmp_path / "采用登记表.xlsx",
        [["临湘市", f"临湘稿件{i}", outlet, level, dt.date(2015, 4, 2), "全文采用", "无", ""] for i, (level, outlet) in enumerate(typed)],
    )
    rows = read_adoption_register(path, units)
    assert [(a.level, a.problem) for a in rows] == [
        ("临湘市人民政府", "采用级别“临湘市人民政府”无法识别"), ("", ""), ("市级", ""), ("市经信委", "")
    ]  # fmt: skip


def test_read_register(tmp_path: Path, units: UnitTable) -> None:
    path = write_register(
        tmp_path / "采用登记表.xlsx",
        [
            ["岳阳县", "岳阳县 一季度工业 增长8%", "市委办《岳阳信息》", "市级", dt.date(2015, 4, 2), "全文", "", ""],
            [None, None, None, None, None, None, None, None],  # blank row: skipped
            ["平江县工信局", "平江县项目建设", "省政府办公厅", "省委办", "2015年4月9日", "部分采用", "副省长批示", "备注文字"],
            ["不存在的局", "某稿件", "", "市级", None, "全文采用", "无", ""],
            ["岳阳县工信局", "级别写错的稿件", "", "很高", None, "转发", "是", ""],
            ["岳阳县工信局", "级别空着看刊物", "湖南省经信委《工作动态》", "", None, "全文采用", "", ""],
            ["岳阳县工信局", None, "", "市级", None, "全文采用", "", ""],  # no title: kept, with a problem
            [None, "谁报的稿件", "", "市级", "四月初", "全文采用", "", ""],  # no unit, a date that is no date
        ],
    )
    rows = read_adoption_register(path, units)
    assert [a.row for a in rows] == [4, 6, 7, 8, 9, 10, 11]
    assert rows[6].problem == "缺少报送单位；采用日期“四月初”无法识别" and rows[6].date is None
    first = rows[0]
    assert (first.unit_name, first.level, first.form, first.instruction, first.date) == (YY, "市级", "全文采用", "无", dt.date(2015, 4, 2))
    assert first.title_key == "岳阳县一季度工业增长8%"
    second = rows[1]
    assert (second.unit_name, second.level, second.form, second.instruction) == (PJ, "省级", "部分采用", "省级")
    assert second.date == dt.date(2015, 4, 9) and second.note == "备注文字" and not second.problem
    assert rows[2].unit_name == "" and "不在任务分配表" in rows[2].problem
    bad = rows[3]
    assert "采用级别“很高”无法识别" in bad.problem and "采用形式“转发”无法识别" in bad.problem
    assert "领导批示“是”无法识别" in bad.problem
    assert rows[4].level == "省经信委" and not rows[4].problem  # blank level read from the outlet
    assert rows[5].problem == "缺少信息标题"


def test_adoption_dates_need_their_year(tmp_path: Path, units: UnitTable) -> None:
    path = write_register(
        tmp_path / "采用登记表.xlsx",
        [
            ["岳阳县工信局", "甲", "湖南日报", "省级", "1月8日", "全文采用", "无", ""],  # 2015's, or 2016's for a December article
            ["岳阳县工信局", "乙", "湖南日报", "省级", "15.4.9", "全文采用", "无", ""],
            ["岳阳县工信局", "丙", "湖南日报", "省级", "10/3/15", "全文采用", "无", ""],  # 2010, or day first: unread
        ],
    )
    rows = read_adoption_register(path, units, 2015)
    assert [(a.title, a.date, a.date_text, a.problem) for a in rows] == [  # review Y1: the typed text kept to print
        ("甲", None, "1月8日", "采用日期“1月8日”没有写年份"),
        ("乙", dt.date(2015, 4, 9), "", ""),
        ("丙", None, "10/3/15", "采用日期“10/3/15”无法识别"),
    ]


def test_read_register_reordered_aliases(tmp_path: Path, units: UnitTable) -> None:
    path = write_register(
        tmp_path / "r.xlsx",
        [["标题甲", "综合采用", "岳阳县工信局", "国家级*"]],
        title=False,
        header=["标题", "采用形式", "单位", "采用级别（必填）"],
    )
    (row,) = read_adoption_register(path, units)
    assert (row.row, row.title, row.form, row.unit_name) == (2, "标题甲", "综合采用", YY)


def test_read_register_without_header(tmp_path: Path, units: UnitTable) -> None:
    path = write_register(tmp_path / "r.xlsx", [["x", "y"]], title=False, header=["甲", "乙"])
    with pytest.raises(ConfigError, match="找不到表头"):
        read_adoption_register(path, units)


def test_match_by_unit_and_normalised_title() -> None:
    articles = [
        article(YY, "岳阳县：一季度工业增长８％"),
        article(YY, "岳阳县召开工业经济运行调度会"),
        article(YY, "岳阳县重点项目建设提速"),
        article(PJ, "平江县重点项目建设提速"),
        article(PJ, "平江县工业园区新签约项目五个"),
        article(YY, "太短的稿件", errors=["R1"]),
    ]
    rows = [
        adoption(YY, "岳阳县: 一季度工业增长8%", row=3),  # full-width punctuation and digits
        adoption(YY, "岳阳县召开工业经济运行调度大会", row=4),  # near miss
        adoption(PJ, "岳阳县重点项目建设提速", row=5),  # wrong unit
        adoption("某局", "平江县工业园区新签约项目", row=6, unit_name=""),  # unknown unit
        adoption(YY, "太短的稿件", row=7),  # article refused
        adoption(YY, "完全无关的一句话", row=8),
    ]
    matched = match_adoptions(rows, articles)
    assert [a.matched for a in matched] == [True, False, False, False, False, False]
    near = matched[1]
    assert near.candidates[0] == "岳阳县召开工业经济运行调度会"
    assert len(near.candidates) <= 3 and "找不到" in near.problem
    wrong_unit = matched[2]
    assert wrong_unit.candidates[0] == "岳阳县重点项目建设提速（岳阳县工信局）"
    assert "岳阳县工信局报送过同题稿件" in wrong_unit.problem
    unknown = matched[3]
    assert unknown.candidates[0] == "平江县工业园区新签约项目五个（平江县工信局）"
    assert "R1 字数不足" in matched[4].problem
    assert all(a.row for a in matched)  # nothing dropped
    assert len(matched) == len(rows)


def test_an_invalid_level_or_form_is_no_adoption(units: UnitTable, settings: Settings) -> None:
    """厅级 is no adoption level, 转发 no form: the row is not matched, so it is not in 采用数, 采用率 or the levels, and
    it says what to fix; the title is right, so no nearest title is offered."""
    articles = [article(YY, "岳阳县重点项目建设提速"), article(YY, "岳阳县工业园区扩园"), article(PJ, "平江县招商引资")]
    rows = [
        adoption(YY, "岳阳县重点项目建设提速", "厅级", row=3),
        adoption(YY, "岳阳县工业园区扩园", "市级", "转发", row=4),
        adoption(PJ, "平江县招商引资", "", row=5),  # blank: said to be missing (the reader says nothing of it)
        adoption(YY, "岳阳县重点项目建设提速", "市级", row=6),  # the same article at a valid level: counts
    ]
    matched = match_adoptions(rows, articles)
    assert [a.matched for a in matched] == [False, False, False, True]
    assert matched[0].problem == "采用级别应为国家级、省级、省经信委、市级、市经信委之一，改正前不计采用"
    assert matched[0].candidates == ()
    assert matched[1].problem == "采用形式应为全文采用、部分采用、综合采用之一，改正前不计采用"
    assert matched[2].problem == "缺少采用级别：请填写国家级、省级、省经信委、市级或市经信委，改正前不计采用"
    table = compute_rates(units, Period.parse("2015-03"), articles, matched, settings)
    assert (table.row(YY).adopted, table.row(PJ).adopted) == (1, 0)
    assert table.levels == {"市级": 1} and table.row(YY).levels == {"市级": 1}


def test_an_instruction_typed_as_the_form_is_sent_to_its_column() -> None:
    """A 批示 in 采用形式 is told to go in 领导批示 and which forms 采用形式 takes; the title is right, so it is not
    offered as the nearest, unless typed otherwise than sent (review R2-6)."""
    articles = [article(YY, "岳阳县重点项目建设提速"), article(PJ, "平江县招商引资")]
    rows = [
        adoption(YY, "岳阳县重点项目建设提速", "市级", "市委书记胡忠雄批示", row=3),
        adoption(PJ, "《平江县招商引资》", "市级", "批示", "市级", row=4),
    ]
    first, second = match_adoptions(rows, articles)
    assert not first.matched and first.candidates == ()
    assert first.problem == ("采用形式填的是领导批示：请把批示领导的级别（市级、省级或国家级）填在“领导批示”列，"
                             "采用形式填该稿件被采用的方式（全文采用、部分采用或综合采用），改正前不计采用")  # fmt: skip
    assert not second.matched and second.candidates == ("平江县招商引资",)  # typed in 《》: the title sent is shown
    assert second.problem == "采用形式填的是领导批示（已填在“领导批示”列）：请改填该稿件被采用的方式（全文采用、部分采用或综合采用），改正前不计采用"


def test_an_invalid_level_on_an_unknown_title_says_both(units: UnitTable) -> None:
    (row,) = match_adoptions([adoption(YY, "岳阳县没有报过的稿件", "厅级", row=3)], [article(YY, "岳阳县重点项目建设提速")])
    assert not row.matched
    assert row.problem == "采用级别应为国家级、省级、省经信委、市级、市经信委之一，改正前不计采用；本单位已计入的稿件中找不到这个标题"


def test_read_schedule(tmp_path: Path) -> None:
    schedule = read_reward_schedule(write_schedule(tmp_path / "s.xlsx"))
    assert schedule.amount("国家级", "全文采用") == 1000
    assert schedule.amount("市经信委", "综合采用") == 30
    assert schedule.bonus_for("省级") == 300 and schedule.bonus_for("无") == 0
    assert schedule.policy == "仅最高级别" and not schedule.cumulative
    assert not schedule.example and not schedule.problems  # not the example's amounts, whatever A1 says


def test_read_schedule_shifted_and_policy(tmp_path: Path) -> None:
    path = write_schedule(tmp_path / "s.xlsx", policy="累计", extra_row_at_top=True, bonus=(0, 50, 150, 250))
    schedule = read_reward_schedule(path)
    assert schedule.cumulative
    assert schedule.amount("省级", "部分采用") == 300
    assert schedule.bonus_for("国家级") == 250


def test_read_schedule_blank_policy_uses_settings(tmp_path: Path) -> None:
    path = write_schedule(tmp_path / "s.xlsx", policy="")
    assert read_reward_schedule(path, default_policy="累计").policy == "累计"
    assert read_reward_schedule(path).policy == "仅最高级别"


def test_a_policy_in_the_settings_that_the_schedule_contradicts_is_named(tmp_path: Path) -> None:
    """The 奖励标准 the leaders sign wins; xlflow.toml saying otherwise is not silently ignored."""
    path = write_schedule(tmp_path / "奖励标准.xlsx", policy="仅最高级别")
    schedule = read_reward_schedule(path, default_policy="累计")
    assert schedule.policy == "仅最高级别"
    assert schedule.problems == (
        "奖励标准.xlsx（工作表“奖励标准”）的计奖方式是“仅最高级别”，xlflow.toml 的 [rewards] policy 却是“累计”："
        "按奖励标准计奖；要按“累计”计，请把奖励标准中的计奖方式改为“累计”，否则把 xlflow.toml 中的 policy 改为“仅最高级别”",
    )
    assert not read_reward_schedule(path, default_policy="仅最高级别").problems


def test_the_settings_default_policy_does_not_contradict_the_schedule(tmp_path: Path) -> None:
    """The coordinator sets 累计 in the yellow cell, as the sheet says; the toml's 仅最高级别 (init's default) is not set."""
    path = write_schedule(tmp_path / "奖励标准.xlsx", policy="累计")
    schedule = read_reward_schedule(path, default_policy="仅最高级别")
    assert (schedule.policy, schedule.problems) == ("累计", ())


def test_read_schedule_errors(tmp_path: Path) -> None:
    amounts = {"国家级": ("很多", 1, 1), "省级": (1, 1, 1), "省经信委": (1, 1, 1), "市级": (1, 1, 1), "市经信委": (1, 1, 1)}
    with pytest.raises(ConfigError, match="不是金额"):
        read_reward_schedule(write_schedule(tmp_path / "a.xlsx", amounts))  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="计奖方式"):
        read_reward_schedule(write_schedule(tmp_path / "b.xlsx", policy="随便"))


@pytest.mark.parametrize("typed", ["nan", "Infinity", "1E+309", -100, "-100元"])
def test_a_schedule_amount_that_is_no_amount_is_refused(tmp_path: Path, typed: object) -> None:
    """float() takes nan, inf and 1E+309, and a negative reward is no reward: all are refused, not paid as nan 元."""
    amounts = {"国家级": (typed, 1, 1), "省级": (1, 1, 1), "省经信委": (1, 1, 1), "市级": (1, 1, 1), "市经信委": (1, 1, 1)}
    with pytest.raises(ConfigError, match=re.escape(f"“{typed}”不是金额：请填写不小于 0 的数字（元）")):
        read_reward_schedule(write_schedule(tmp_path / "a.xlsx", amounts))  # type: ignore[arg-type]


def test_a_schedule_amount_of_spaces_is_blank(tmp_path: Path) -> None:
    amounts = {"国家级": ("   ", 1, 1), "省级": (1, 1, 1), "省经信委": (1, 1, 1), "市级": (1, 1, 1), "市经信委": (1, 1, 1)}
    schedule = read_reward_schedule(write_schedule(tmp_path / "a.xlsx", amounts))  # type: ignore[arg-type]
    assert schedule.amount("国家级", "全文采用") == 0


def test_a_schedule_with_rows_or_headers_gone(tmp_path: Path) -> None:
    """The coordinator edits 奖励标准.xlsx: a deleted level row and a deleted 批示 table are warnings (0 元), a renamed
    header is an error naming the row."""
    import openpyxl

    path = write_schedule(tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    labels = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    sheet.delete_rows(labels["领导批示"], 6)  # the 批示 table: its title row and the 无/市级/省级/国家级 rows
    sheet.delete_rows(labels["省经信委"])
    book.save(path)
    schedule = read_reward_schedule(path)
    assert schedule.problems == (
        "奖励标准 s.xlsx（工作表“奖励标准”）没有“省经信委”一行，按 0 元计",
        "奖励标准 s.xlsx（工作表“奖励标准”）找不到“领导批示”加奖表，批示不加奖",
    )
    assert schedule.amount("省经信委", "全文采用") == 0 and schedule.bonus_for("国家级") == 0
    assert schedule.amount("国家级", "全文采用") == 1000  # the rows left are read as they were

    header = labels["采用级别"]
    sheet.cell(header, 3).value = "部份采用"  # a typo in the header
    book.save(path)
    with pytest.raises(ConfigError) as caught:
        read_reward_schedule(path)
    assert str(caught.value) == f"奖励标准 s.xlsx（工作表“奖励标准”）第 {header} 行缺少“部分采用”列：请保留模板的表头"
    sheet.cell(header, 1).value = "级别"
    book.save(path)
    with pytest.raises(ConfigError, match="找不到“采用级别”表头：请保留模板中“采用级别 / 全文采用 / 部分采用 / 综合采用”一行"):
        read_reward_schedule(path)


def test_a_title_typed_inside_book_marks_or_with_a_full_stop_matches() -> None:
    """The coordinator writes 《标题》, “标题” or 标题。 in the 采用登记表; the unit sent 标题 (and the other way round)."""
    articles = [
        article(YY, "岳阳县召开工业经济座谈会"),
        article(YY, "《岳阳县工业园区扩园》"),
        article(PJ, "平江县招商引资签约五个项目"),
        article(YY, "关于《规划》和《方案》的说明"),
    ]
    rows = [
        adoption(YY, "《岳阳县召开工业经济座谈会》", row=3, outlet="市委办"),  # three outlets: no row registered twice
        adoption(YY, "“岳阳县召开工业经济座谈会”", row=4, outlet="市政府办"),
        adoption(YY, "岳阳县召开工业经济座谈会。", row=5, outlet="市人大办"),
        adoption(YY, "岳阳县工业园区扩园", row=6),
        adoption(YY, "《平江县招商引资签约五个项目》", row=7),  # another unit's article: not matched, named
        adoption(YY, "规划》和《方案", row=8),  # marks inside a title are part of it
    ]
    matched = match_adoptions(rows, articles)
    assert [a.matched for a in matched] == [True, True, True, True, False, False]
    assert [a.title_key for a in matched[:4]] == ["岳阳县召开工业经济座谈会"] * 3 + ["岳阳县工业园区扩园"]  # the key itself is bare
    assert matched[4].problem.startswith("平江县工信局报送过同题稿件")
    assert matched[4].candidates[0] == "平江县招商引资签约五个项目（平江县工信局）"


def test_an_adoption_in_book_marks_counts_in_rates(units: UnitTable, settings: Settings) -> None:
    """Matched through its marks, the adoption counts for the article (rates look articles up by title key)."""
    articles = [article(YY, "岳阳县召开工业经济座谈会")]
    matched = match_adoptions([adoption(YY, "《岳阳县召开工业经济座谈会》", row=3)], articles)
    rates = compute_rates(units, Period.parse("2015-03"), articles, matched, settings)
    assert rates.row(YY).adopted == 1


def test_a_previous_year_s_article_is_sent_to_its_workspace() -> None:
    """In the 2016 workspace, a December article adopted in January (or one adopted in January or February) that
    matches nothing is 2015's: say where it belongs, and offer no 1月 article of the same series for it (review 6b)."""
    articles = [article(YY, "岳阳县1月开展安全生产大检查", "2016-01"), article(YY, "岳阳县召开安全生产工作会议", "2016-01")]

    def row(title: str, date: dt.date | None, r: int) -> Adoption:
        return dataclasses.replace(adoption(YY, title, row=r), date=date)

    rows = [
        row("岳阳县12月开展安全生产大检查", dt.date(2016, 1, 12), 4),
        row("岳阳县十一月工业运行分析", dt.date(2016, 2, 3), 5),
        row("岳阳县十二月开展安全生产大检查", dt.date(2017, 1, 8), 6),  # adopted next year: 2016's December
        row("岳阳县开展安全生产大检查", dt.date(2016, 4, 1), 7),
        row("岳阳县召开2月份工业经济运行情况", dt.date(2016, 2, 24), 8),  # names this year's February
        row("岳阳县召开工业经济运行调度会", dt.date(2016, 1, 20), 9),  # names no month: adopted in January
        row("岳阳县1-11月工业经济运行情况", dt.date(2016, 1, 20), 10),  # names a month after January
        row("岳阳县1至2月工业经济运行情况", dt.date(2016, 2, 25), 11),
        row("岳阳县12月份工业经济运行情况", dt.date(2016, 12, 20), 12),  # review 6d: this year's December
        row("岳阳县十二月工业经济运行情况", None, 13),  # undated: may be this year's, not consolidated yet
        row("岳阳县12月份工业运行分析", dt.date(2016, 3, 10), 14),  # review 6f: a December adopted in March
        row("岳阳县工业运行年度分析", dt.date(2015, 12, 29), 15),  # adopted last year
    ]
    hint = "本单位已计入的稿件中找不到这个标题；如是2015年的稿件，请登记在2015年度工作区的采用登记表中"
    matched = match_adoptions(rows, articles, 2016)
    assert [a.problem == hint for a in matched] == [True, True, False, False, False, True, True, False, False, False,
                                                    True, True]
    assert {a.problem for a in matched if a.problem != hint} == {"本单位已计入的稿件中找不到这个标题"}
    assert matched[0].candidates == ("岳阳县召开安全生产工作会议",)  # not 岳阳县1月开展安全生产大检查
    assert "岳阳县1月开展安全生产大检查" not in matched[2].candidates  # 2016's December: another article of the series
    assert "岳阳县1月开展安全生产大检查" in matched[3].candidates
    assert match_adoptions(rows[:1], articles)[0].problem == "本单位已计入的稿件中找不到这个标题"  # no year: no advice


def test_an_article_of_a_month_not_consolidated_waits_for_it() -> None:
    """Review C4: with January to June consolidated, a July article's adoption says July is not consolidated yet
    and offers no June (or January) article of the same series as the nearest. The month is the one the title names;
    naming none, those since the last consolidated up to the one it was adopted in."""
    series = "岳阳县{}月份规模工业增加值增速回升{}个百分点"
    articles = [article(YY, series.format(6, "1.0"), "2015-06"), article(YY, series.format(1, "2.6"), "2015-01"),
                article(YY, "岳阳县召开工业经济座谈会", "2015-02")]  # fmt: skip
    done = [f"2015-{m:02d}" for m in range(1, 7)]

    def row(title: str, date: dt.date | None, r: int) -> Adoption:
        return dataclasses.replace(adoption(YY, title, row=r), date=date)

    rows = [
        row(series.format(7, "1.2"), dt.date(2015, 7, 20), 4),
        row(series.format(7, "1.2"), None, 5),  # undated: the month its title names
        row("岳阳县召开项目推进会", dt.date(2015, 8, 3), 6),  # no month named: since June up to its adoption's
        row(series.format(6, "1.1"), dt.date(2015, 7, 2), 7),  # June read: a typo (June's nearest) or sent in July
        row(series.format(6, "1.1"), None, 8),
        row("岳阳县召开项目推进会", dt.date(2015, 5, 3), 9),
    ]
    matched = match_adoptions(rows, articles, 2015, done)
    assert [a.problem for a in matched] == [
        "2015年7月尚未汇总：汇总该月后自动匹配",
        "2015年7月尚未汇总：汇总该月后自动匹配",
        "本单位已计入的稿件中找不到这个标题；如是2015年7—8月报送的稿件，汇总该月后自动匹配",  # or a typo in a month read
        "本单位已计入的稿件中找不到这个标题；如是2015年7月报送的稿件，汇总该月后自动匹配",
        "本单位已计入的稿件中找不到这个标题",
        "本单位已计入的稿件中找不到这个标题",
    ]
    assert matched[0].candidates == matched[1].candidates == ("岳阳县召开工业经济座谈会",)  # not 6月份…1.0 nor 1月份…2.6
    for a in matched[3:5]:  # the same month, another figure: maybe a typo, shown
        assert a.candidates[0] == series.format(6, "1.0") and series.format(1, "2.6") not in a.candidates
    early = match_adoptions([row(series.format(3, "1.2"), dt.date(2015, 4, 9), 4), row("岳阳县召开项目推进会", dt.date(2015, 4, 9), 5)],
                            articles, 2015, done[:2])  # fmt: skip
    assert (early[0].problem, early[0].candidates) == ("2015年3月尚未汇总：汇总该月后自动匹配", ("岳阳县召开工业经济座谈会",))
    assert early[1].problem == "本单位已计入的稿件中找不到这个标题；如是2015年3—4月报送的稿件，汇总该月后自动匹配"
    assert match_adoptions(rows[:1], articles, 2015)[0].problem == "本单位已计入的稿件中找不到这个标题"  # months unknown


def test_the_bulletin_groups_the_adoptions_of_a_month_not_consolidated(tmp_path: Path) -> None:
    """Review C4 through the CLI: January consolidated, two February articles adopted: one line says February is not
    consolidated yet, the 工作底稿 says it of each row, no January title of the series is offered; consolidating
    February matches them."""
    ws = make_workspace(tmp_path / "ws")
    runner = CliRunner()
    for month in (1, 2):
        rows = [report_row(f"岳阳县{month}月份工业运行分析", month=month), report_row(f"岳阳县{month}月份项目建设情况", month=month)]
        write_report(ws.inbox / f"2015-{month:02d}" / "岳阳县.xlsx", YY, rows, month=f"2015年{month}月")
    assert runner.invoke(cli, ["consolidate", "--month", "2015-01", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[YY, f"岳阳县2月份{what}", "", "市级", dt.date(2015, 2, 26), "全文采用", "无", ""]
                                      for what in ("工业运行分析", "项目建设情况")])  # fmt: skip
    result = runner.invoke(cli, ["bulletin", "--period", "2015-02", "-w", str(ws.root), "--date", "2015-03-02"])
    assert result.exit_code == 0, result.output
    assert "  采用登记表第 4、5 行：2015年2月尚未汇总：汇总该月后自动匹配\n" in result.output
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年02月.xlsx")["采用登记待核对"]
    assert [r[5:7] for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)] == [
        ("2015年2月尚未汇总：汇总该月后自动匹配", "岳阳县1月份项目建设情况"),  # not 1月份工业运行分析: another article
        ("2015年2月尚未汇总：汇总该月后自动匹配", "岳阳县1月份工业运行分析"),
    ]
    assert runner.invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015-02", "-w", str(ws.root), "--date", "2015-03-02"])
    assert "尚未汇总" not in result.output and "采用 2 篇" in result.output


def test_an_adopted_article_a_correction_left_out_is_said_as_such(tmp_path: Path) -> None:
    """Review D2: 岳阳县's March 更正 leaves out an article the register says was adopted. It is not counted, and
    the bulletin and the 工作底稿 say the correction dropped it and how to send it again, no nearest titles (CLI);
    the API's 问题 says the same. The first quarter's bulletin, written before, is out of date for the unit's
    articles, not for the register, which nobody edited."""
    ws = make_workspace(tmp_path / "ws")
    first, fix = "岳阳县3月.xlsx", "岳阳县3月（更正）.xlsx"
    write_report(ws.inbox / "2015-03" / first, YY, [report_row("岳阳县举办融资对接会", 3), report_row("岳阳县项目建设情况", 4)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[YY, "岳阳县举办融资对接会", "", "省经信委", dt.date(2015, 3, 20), "全文采用", "无", ""]])
    quarter = runner.invoke(cli, ["bulletin", "--period", "2015-Q1", "-w", str(ws.root), "--date", "2015-04-02"])
    assert quarter.exit_code == 0 and "采用 1 篇" in quarter.output, quarter.output
    write_report(ws.inbox / "2015-03" / fix, YY, [report_row("岳阳县项目建设情况", 4)])
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    said = (f"本单位2015年3月报送过这篇稿件（{first} 第 5 行），现已不再计入，不计采用：更正文件 {fix} 中没有这条信息；"
            f"如仍要报送，请补入 {fix} 后重新报送，或以文件名写“补报”的文件报送")  # fmt: skip
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root), "--date", "2015-04-02"])
    assert result.exit_code == 0, result.output
    assert f"  采用登记表第 4 行 {YY}《岳阳县举办融资对接会》：{said}\n" in result.output
    assert (f"已有的 通报_2015年第一季度.xlsx 不是最新的：{YY}2015年3月的稿件重新汇总后，有登记了采用的稿件不再计入"
            "（通报和奖励计算表都要更新）；") in result.output  # fmt: skip
    assert "采用登记表中2015年3月稿件的采用有变化" not in result.output
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年03月.xlsx")["采用登记待核对"]
    assert [r[5:7] for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)] == [
        (said, "（标题与已报送稿件相符）")]
    frame = xlflow.Workspace(ws.root).adoptions("2015-03")
    assert list(frame["问题"]) == [said]


@pytest.mark.parametrize("typed", ["", "平江"])
def test_a_row_of_no_known_unit_is_offered_no_other_month_of_a_series(typed: str) -> None:
    """Review W5 D8b: 报送单位 blank or not a unit (平江): the nearest titles of every unit leave out the other months
    of the series, as a named unit's do; the month's own title stays."""
    series = "平江县{}月份组织企业参加湘商大会"
    arts = [article(PJ, series.format(m), f"2015-{m:02d}") for m in (1, 10, 11)] + [article(PJ, "平江县组织企业参加湘商大会", "2015-05")]
    typo = dataclasses.replace(adoption(typed, series.format(10), unit_name=""), date=dt.date(2015, 10, 20))
    (out,) = match_adoptions([typo], arts, 2015, {"2015-01", "2015-05", "2015-10", "2015-11"})
    assert not out.matched
    assert out.candidates == (f"{series.format(10)}（{PJ}）", f"平江县组织企业参加湘商大会（{PJ}）")


def test_a_row_without_its_unit_is_offered_its_month_s_title_through_the_command(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    runner = CliRunner()
    for month in (3, 4):
        row = report_row(f"岳阳县{month}月份组织企业参加湘商大会", month=month)
        write_report(ws.inbox / f"2015-0{month}" / "岳阳县.xlsx", YY, [row], month=f"2015年{month}月")
        assert runner.invoke(cli, ["consolidate", "--month", f"2015-0{month}", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[None, "岳阳县3月份组织企业参加湘商大会", "市政府办", "市级", dt.date(2015, 4, 20), "全文采用", "无"]])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-04", "-w", str(ws.root), "--date", "2015-05-02"])
    assert result.exit_code == 0, result.output
    assert ("采用登记表第 4 行 （无单位）《岳阳县3月份组织企业参加湘商大会》：缺少报送单位；"
            f"最接近：岳阳县3月份组织企业参加湘商大会（{YY}）\n") in result.output  # fmt: skip


_SENT = ["岳阳县召开工业经济运行调度会——部署二季度工作", "中国·岳阳工业博览会5月开幕", "岳阳县召开1～4月项目建设调度会",
         "岳阳县转发〔2015〕12号文件抓落实"]
_TYPED = ["岳阳县召开工业经济运行调度会—部署二季度工作", "中国•岳阳工业博览会5月开幕", "岳阳县召开1-4月项目建设调度会",
          "岳阳县转发[2015]12号文件抓落实"]


def test_a_title_typed_with_other_dashes_dots_tildes_or_brackets_matches() -> None:
    """Review W5 D7: ——/—, ·/•, ～/-, 〔〕/[] as typed in the register are the title sent: matched, with the key
    the ledger holds (so the adoption counts in its article's month); a title the unit did not send still does not."""
    arts = [article(YY, title) for title in _SENT]
    out = match_adoptions([adoption(YY, t, row=4 + i) for i, t in enumerate([*_TYPED, "中国•岳阳工业博览会6月开幕"])], arts)
    assert [a.matched for a in out] == [True, True, True, True, False]
    assert [a.title_key for a in out[:4]] == [a.title_key for a in arts]
    assert out[4].candidates == ()  # 5月 of the series: another article, not shown


def test_a_title_typed_with_other_punctuation_counts_through_the_command(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row(title, 5 + i) for i, title in enumerate(_SENT)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[YY, t, "市政府办", "市级", dt.date(2015, 3, 25), "全文采用", "无"] for t in _TYPED])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root), "--date", "2015-04-02"])
    assert result.exit_code == 0, result.output
    assert "采用 4 篇" in result.output and "找不到这个标题" not in result.output
    detail = openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")["采用明细"]
    assert [r[2] for r in detail.iter_rows(min_row=4, values_only=True) if r[0] is not None] == _SENT


@pytest.mark.parametrize(("date", "note"), [("3月20日", ""), (dt.date(2015, 3, 20), "此前误登为作废")])
def test_an_adopted_article_left_out_is_said_as_such_when_its_row_had_a_warning(tmp_path: Path, date: object, note: str) -> None:
    """Review W5 D6: the row as before, with a warning on it (no year in 采用日期; a 备注 to check): the bulletin
    written before is out of date for the unit's articles, not for the register, which nobody edited."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县3月.xlsx", YY, [report_row("岳阳县举办融资对接会", 3), report_row("岳阳县项目建设情况", 4)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[YY, "岳阳县举办融资对接会", "", "省经信委", date, "全文采用", "无", note]])
    quarter = runner.invoke(cli, ["bulletin", "--period", "2015-Q1", "-w", str(ws.root), "--date", "2015-04-02"])
    assert quarter.exit_code == 0 and "采用 1 篇" in quarter.output, quarter.output
    write_report(ws.inbox / "2015-03" / "岳阳县3月（更正）.xlsx", YY, [report_row("岳阳县项目建设情况", 4)])
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root), "--date", "2015-04-02"])
    assert result.exit_code == 0, result.output
    assert (f"已有的 通报_2015年第一季度.xlsx 不是最新的：{YY}2015年3月的稿件重新汇总后，有登记了采用的稿件不再计入"
            "（通报和奖励计算表都要更新）；") in result.output  # fmt: skip
    assert "采用有变化" not in result.output


def test_the_bulletin_sends_a_december_article_to_last_year_s_workspace(tmp_path: Path) -> None:
    """The reviewer's year end: the 2016 bulletin says where the December 2015 article belongs, and in the 2015
    workspace the same row, adopted 2016-01-12, counts as an adoption of December."""
    register_row = [YY, "岳阳县12月开展安全生产大检查", "市政府办《岳阳政务信息》", "市级", dt.date(2016, 1, 12), "全文采用", "无", ""]
    runner = CliRunner()
    for year, month, title in ((2016, 1, "岳阳县1月开展安全生产大检查"), (2015, 12, "岳阳县12月开展安全生产大检查")):
        ws = make_workspace(tmp_path / str(year), year=year)
        row = report_row(title, month=month)
        row[1] = f"{year}年{month}月5日"
        write_report(ws.inbox / f"{year}-{month:02d}" / "岳阳县.xlsx", YY, [row], month=f"{year}年{month}月")
        result = runner.invoke(cli, ["consolidate", "--month", f"{year}-{month:02d}", "-w", str(ws.root)])
        assert result.exit_code == 0, result.output
        write_register(ws.adoption_path, [register_row])
        result = runner.invoke(cli, ["bulletin", "--period", f"{year}-{month:02d}", "-w", str(ws.root)])
        assert result.exit_code == 0, result.output
        papers = openpyxl.load_workbook(ws.out / f"工作底稿_{year}年{month:02d}月.xlsx")["采用登记待核对"]
        listed = [r[:7] for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)]
        if year == 2016:
            problem = "本单位已计入的稿件中找不到这个标题；如是2015年的稿件，请登记在2015年度工作区的采用登记表中"
            assert f"采用登记表第 4 行 {YY}《岳阳县12月开展安全生产大检查》：{problem}；没有相近的标题" in result.output
            assert listed == [(4, YY, "岳阳县12月开展安全生产大检查", "市级", "全文采用", problem, "（没有相近的标题）")]
            assert xlflow.Workspace(ws.root).adoptions("2016-01")["问题"].tolist() == [problem]  # the library says it too
        else:
            assert "未计入采用的采用登记" not in result.output and listed == []
            adopted = openpyxl.load_workbook(ws.out / "通报_2015年12月.xlsx")["采用明细"]
            assert [r[1:3] for r in adopted.iter_rows(min_row=4, values_only=True) if r[1]] == [(YY, "岳阳县12月开展安全生产大检查")]


def test_the_leader_s_office_decides_the_instruction_bonus(tmp_path: Path) -> None:
    """A city leader's 批示 about a county's article is 市级 and paid; of two offices the highest (review 6c)."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)  # 市级 全文采用 200, 省级 500; bonus 市级 100, 省级 300
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(5)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    said = [
        ("市级", "市委书记就华容县工业园区信息作出批示"),
        ("市级", "市委书记对华容县、汨罗市工业信息作出批示"),
        ("市级", "市委书记在市经信委《工业信息》上批示"),
        ("市级", "市委书记、君山区委书记批示"),
        ("省级", "省委常委、副省长就我市园区建设作出批示"),
    ]
    write_register(
        ws.adoption_path,
        [[YY, f"岳阳县三月稿件{i}", "", level, dt.date(2015, 4, 2), "全文采用", text, ""] for i, (level, text) in enumerate(said)],
    )
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "批示" not in result.output and "奖励 5 条，合计 2,000 元" in result.output
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx", data_only=True)["奖励明细"]
    paid = {r[2]: (*r[3:7], r[8]) for r in rewards.iter_rows(min_row=4, values_only=True) if r[1] == YY}
    assert paid == {
        "岳阳县三月稿件0": ("市级", "全文采用", "市级", 300, None),
        "岳阳县三月稿件1": ("市级", "全文采用", "市级", 300, None),
        "岳阳县三月稿件2": ("市级", "全文采用", "市级", 300, None),
        "岳阳县三月稿件3": ("市级", "全文采用", "市级", 300, None),
        "岳阳县三月稿件4": ("省级", "全文采用", "省级", 800, None),
    }
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年03月.xlsx")["采用登记待核对"]
    assert [r for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)] == []


def test_an_article_of_a_month_not_consolidated_yet_is_said_before_last_year(tmp_path: Path) -> None:
    """Only January consolidated, a title naming no month adopted 2015-02-10: February is waited for first (then
    last year's December); January–June consolidated, 1-6月 and 6月份 titles adopted in July: July is waited for."""
    articles = [article(YY, f"岳阳县{m}月开展安全生产大检查", f"2015-{m:02d}") for m in range(1, 7)]
    rows = [
        dataclasses.replace(adoption(YY, "岳阳县举办银企对接会", row=4), date=dt.date(2015, 2, 10)),
        dataclasses.replace(adoption(YY, "岳阳县1-6月规模工业增加值增长8.6%", row=5), date=dt.date(2015, 7, 14)),
        dataclasses.replace(adoption(YY, "岳阳县6月份工业经济运行情况分析", row=6), date=dt.date(2015, 7, 14)),
    ]
    first = match_adoptions(rows[:1], articles[:1], 2015, ("2015-01",))[0].problem
    assert first == (
        "本单位已计入的稿件中找不到这个标题；如是2015年2月报送的稿件，汇总该月后自动匹配；"
        "如是2014年的稿件，请登记在2014年度工作区的采用登记表中"
    )
    half = [f"2015-{m:02d}" for m in range(1, 7)]
    assert [a.problem for a in match_adoptions(rows[1:], articles, 2015, half)] == [
        "本单位已计入的稿件中找不到这个标题；如是2015年7月报送的稿件，汇总该月后自动匹配"
    ] * 2
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-01" / "岳阳县.xlsx", YY, [report_row("岳阳县1月开展安全生产大检查", month=1)], month="2015年1月")
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-01", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[YY, "岳阳县举办银企对接会", "市经信委《经信简报》", "市经信委", dt.date(2015, 2, 10), "全文采用", "无", ""]])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-01", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert f"采用登记表第 4 行 {YY}《岳阳县举办银企对接会》：本单位已计入的稿件中找不到这个标题；如是2015年2月报送的稿件" in result.output


def test_a_level_typed_as_its_body_s_name_is_paid_at_that_level(tmp_path: Path) -> None:
    """省委内参 is 省级, not the 委内 of 市经信委; of two levels in one cell the highest; the commission's full and
    short names are its level, not 市级/省级; full official names are read (review R2-1, 2, 4)."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)  # 全文采用: 国家级 1000, 省级 500, 省经信委 300, 市级 200, 市经信委 100
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(8)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    typed = ["市委内参", "省委内参", "国务院办公厅、市经信委", "市经济和信息化委员会", "省经信", "湖南省人民政府办公厅",
             "中共岳阳市委办公室", "工业和信息化部"]  # fmt: skip
    register = [[YY, f"岳阳县三月稿件{i}", "", level, dt.date(2015, 4, 2), "全文采用", "无", ""] for i, level in enumerate(typed)]
    write_register(ws.adoption_path, register)
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 8 篇" in result.output and "奖励 8 条，合计 3,800 元" in result.output
    assert "未计入采用的采用登记" not in result.output
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx", data_only=True)["奖励明细"]
    paid = {r[2]: (r[3], r[6]) for r in rewards.iter_rows(min_row=4, values_only=True) if r[1] == YY}
    assert paid == {
        "岳阳县三月稿件0": ("市级", 200),
        "岳阳县三月稿件1": ("省级", 500),
        "岳阳县三月稿件2": ("国家级", 1000),
        "岳阳县三月稿件3": ("市经信委", 100),
        "岳阳县三月稿件4": ("省经信委", 300),
        "岳阳县三月稿件5": ("省级", 500),
        "岳阳县三月稿件6": ("市级", 200),
        "岳阳县三月稿件7": ("国家级", 1000),
    }
    text = "".join(str(c) for r in openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")["通报"].iter_rows(values_only=True) for c in r if c)
    assert "本期共有8篇信息被采用，其中国家级2篇、省级2篇、省经信委1篇、市级2篇、市经信委1篇（" in text
    levels = xlflow.Workspace(ws.root).adoptions("2015-03")["采用级别"].tolist()  # the library reads them alike
    assert levels == ["市级", "省级", "国家级", "市经信委", "省经信委", "省级", "市级", "国家级"]


def test_a_county_level_city_s_body_is_not_paid_as_the_city_s(tmp_path: Path) -> None:
    """临湘市's government and 工业和信息化局 are county-level bodies: not paid as 市级/市经信委 but put to the
    coordinator; 岳阳市's are paid at their level, and so are 市直各部委, no ministry (review Z9)."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)  # 全文采用: 国家级 1000, 省级 500, 省经信委 300, 市级 200, 市经信委 100
    lx = "临湘市工信局"
    write_report(ws.inbox / "2015-03" / "临湘市.xlsx", lx, [report_row(f"临湘市三月稿件{i}") for i in range(6)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    typed = [("临湘市人民政府", "临湘市人民政府办公室《临湘信息》"), ("", "临湘市工业和信息化局简报"), ("汨罗市工信局", ""),
             ("市级", "岳阳市人民政府办公室"), ("岳阳市工业和信息化局", ""), ("市直各部委", "")]  # fmt: skip
    register = [[lx, f"临湘市三月稿件{i}", outlet, level, dt.date(2015, 4, 2), "全文采用", "无", ""] for i, (level, outlet) in enumerate(typed)]
    write_register(ws.adoption_path, register)
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 3 篇" in result.output and "奖励 3 条，合计 500 元" in result.output  # 市级 200 + 市经信委 100 + 市级 200
    assert "未计入采用的采用登记 3 行" in result.output
    assert f"采用登记表第 4 行 {lx}《临湘市三月稿件0》：采用级别“临湘市人民政府”是县级（临湘市）的单位，不是市级；采用级别应为" in result.output
    assert f"采用登记表第 5 行 {lx}《临湘市三月稿件1》：缺少采用级别：请填写国家级、省级、省经信委、市级或市经信委，改正前不计采用" in result.output
    assert f"采用登记表第 6 行 {lx}《临湘市三月稿件2》：采用级别“汨罗市工信局”是县级（汨罗市）的单位，不是市级；采用级别应为" in result.output
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx", data_only=True)["奖励明细"]
    paid = {r[2]: (r[3], r[6]) for r in rewards.iter_rows(min_row=4, values_only=True) if r[1] == lx}
    assert paid == {"临湘市三月稿件3": ("市级", 200), "临湘市三月稿件4": ("市经信委", 100), "临湘市三月稿件5": ("市级", 200)}


def test_an_instruction_typed_as_the_form_is_said_where_it_goes(tmp_path: Path) -> None:
    """The summary and the 工作底稿 say where a 批示 goes, with no nearest title for a title that is right (review R2-6)."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县三月稿件0")])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "市委办", "市级", dt.date(2015, 4, 2), "市委书记胡忠雄批示", None, ""]])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    problem = ("采用形式“市委书记胡忠雄批示”无法识别；采用形式填的是领导批示：请把批示领导的级别（市级、省级或国家级）填在“领导批示”列，"
               "采用形式填该稿件被采用的方式（全文采用、部分采用或综合采用），改正前不计采用")  # fmt: skip
    assert f"  采用登记表第 4 行 {YY}《岳阳县三月稿件0》：{problem}\n" in result.output
    assert "最接近" not in result.output and "没有相近的标题" not in result.output and "奖励 0 条" in result.output
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年03月.xlsx")["采用登记待核对"]
    listed = [r[:7] for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert listed == [(4, YY, "岳阳县三月稿件0", "市级", "市委书记胡忠雄批示", problem, "（标题与已报送稿件相符）")]


APRIL = dt.date(2015, 4, 2)
LX = "临湘市工信局"


def test_an_instruction_typed_beside_the_level_or_the_form_is_split_from_it() -> None:
    forms, levels = ADOPTION_FORMS, ADOPTION_LEVELS
    assert split_instruction("全文采用（市委书记批示）", forms) == ("全文采用", "市委书记批示")
    assert split_instruction("市级, 省长批示", levels) == ("市级", "省长批示")
    assert split_instruction("市委书记批示", levels) == ("", "市委书记批示")
    assert split_instruction("全文采用（省委常委、市委书记批示）", forms) == ("全文采用", "省委常委、市委书记批示")
    assert split_instruction("国务院办公厅、市经信委", levels) == ("国务院办公厅、市经信委", "")
    # joined by 、 / 。 or a space, or with no mark at all (review S1: the adoption was dropped)
    for typed in ("全文采用、市长批示", "全文采用/市长批示", "全文采用。市长批示", "全文采用 市长批示", "全文采用市长批示"):
        assert split_instruction(typed, forms) == ("全文采用", "市长批示"), typed
    assert split_instruction("全文采用并获市长批示", forms) == ("全文采用", "并获市长批示")
    assert split_instruction("全文采用 无批示", forms) == ("全文采用", "无批示")
    assert split_instruction("市级 市长批示", levels) == ("市级", "市长批示")
    assert normalize_instruction("并获市长批示") == "市级" and normalize_instruction("无批示") == "无"


_INSTRUCTIONS = [  # a 批示 typed with the form or the level, or as the level
    [YY, "岳阳县三月稿件0", "市委办", "市级", APRIL, "全文采用（市委书记批示）", None, ""],
    [YY, "岳阳县三月稿件1", "市委办", "市委书记批示", APRIL, "全文采用", None, ""],
    [YY, "岳阳县三月稿件2", "市委办", "市级（市长批示）", APRIL, "部分采用", None, ""],
    [YY, "岳阳县三月稿件3", "市委办", "市级", APRIL, "全文采用（省委书记批示）", "市级", ""],
    [YY, "岳阳县三月稿件4", "市委办", "市级", APRIL, "全文采用（领导批示）", None, ""],
    [YY, "岳阳县三月稿件5", "市委办", "市级", APRIL, "全文采用（有批示）", "省级", ""],  # 领导批示 says whose
]


def test_an_instruction_typed_beside_the_level_or_the_form_is_read_or_said(tmp_path: Path, units: UnitTable) -> None:
    """A 批示 typed with the form or the level counts, said to go in 领导批示, unless 领导批示 says otherwise or its
    level is not said; one typed as the level is no level (review: 全文采用（市委书记批示）)."""
    rows = read_adoption_register(write_register(tmp_path / "采用登记表.xlsx", _INSTRUCTIONS), units, 2015)
    assert [(a.level, a.form, a.instruction, a.problem) for a in rows] == [
        ("市级", "全文采用", "市级", "领导批示“市委书记批示”填在了采用形式列，已按市级批示计，应填在“领导批示”列"),
        ("市委书记批示", "全文采用", "无", "采用级别“市委书记批示”无法识别"),
        ("市级", "部分采用", "市级", "领导批示“市长批示”填在了采用级别列，已按市级批示计，应填在“领导批示”列"),
        ("市级", "全文采用", "市级",
         "采用形式中的领导批示“省委书记批示”（省级）与“领导批示”列的“市级”不一致，已按“领导批示”列计：如有误请改正"),
        ("市级", "全文采用", "无", "采用形式中的领导批示“领导批示”无法识别，未计批示奖励：请在“领导批示”列填写市级、省级或国家级"),
        ("市级", "全文采用", "省级", ""),
    ]  # fmt: skip


def _bulletin_lines(ws: Workspace, runner: CliRunner) -> dict[str, str]:
    """The register's rows the bulletin names: "采用登记表第 N 行 单位《标题》" (after "! " if counted) -> what it says."""
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    return dict(line.strip().split("：", 1) for line in result.output.splitlines() if "采用登记表第" in line)


def _paid(ws: Workspace) -> dict[str, tuple[object, ...]]:
    """Title -> (采用级别, 采用形式, 领导批示, 金额) of the 奖励明细."""
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx", data_only=True)["奖励明细"]
    return {r[2]: r[3:7] for r in rewards.iter_rows(min_row=4, values_only=True) if r[1] in (YY, LX)}


def test_an_instruction_typed_beside_the_level_or_the_form_in_the_bulletin(tmp_path: Path) -> None:
    """Through the CLI: the 批示 typed with the form or the level is paid and said to be moved; the one typed as the
    level is said to go in 领导批示; the library reads the register alike."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)  # 市级: 全文采用 200, 部分采用 100; bonus 市级 100, 省级 300
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(6)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, _INSTRUCTIONS)
    fix = "：请在采用登记表中改正（采用已计入）"
    assert _bulletin_lines(ws, runner) == {
        f"! 采用登记表第 4 行 {YY}《岳阳县三月稿件0》": f"领导批示“市委书记批示”填在了采用形式列，已按市级批示计，应填在“领导批示”列{fix}",
        f"采用登记表第 5 行 {YY}《岳阳县三月稿件1》": "采用级别“市委书记批示”无法识别；采用级别填的是领导批示：请把批示领导的级别（市级、省级或"
        "国家级）填在“领导批示”列，采用级别填采用该稿件的单位的级别（国家级、省级、省经信委、市级或市经信委），改正前不计采用",
        f"! 采用登记表第 6 行 {YY}《岳阳县三月稿件2》": f"领导批示“市长批示”填在了采用级别列，已按市级批示计，应填在“领导批示”列{fix}",
        f"! 采用登记表第 7 行 {YY}《岳阳县三月稿件3》": "采用形式中的领导批示“省委书记批示”（省级）与“领导批示”列的“市级”不一致，"
        "已按“领导批示”列计：如有误请改正（采用已计入）",
        f"! 采用登记表第 8 行 {YY}《岳阳县三月稿件4》": "采用形式中的领导批示“领导批示”无法识别，未计批示奖励：请在“领导批示”列填写"
        "市级、省级或国家级（采用已计入）",
    }  # fmt: skip
    assert _paid(ws) == {
        "岳阳县三月稿件0": ("市级", "全文采用", "市级", 300),
        "岳阳县三月稿件2": ("市级", "部分采用", "市级", 200),
        "岳阳县三月稿件3": ("市级", "全文采用", "市级", 300),
        "岳阳县三月稿件4": ("市级", "全文采用", "无", 200),
        "岳阳县三月稿件5": ("市级", "全文采用", "省级", 500),
    }
    frame = xlflow.Workspace(ws.root).adoptions("2015-03")
    assert [tuple(r) for r in frame[["登记表行号", "采用级别", "领导批示", "是否对应"]].itertuples(index=False)] == [
        (4, "市级", "市级", True), (6, "市级", "市级", True), (7, "市级", "市级", True), (8, "市级", "无", True),
        (9, "市级", "省级", True), (5, "市委书记批示", "无", False),
    ]  # fmt: skip


def test_the_county_level_cities_are_named_inside_the_quota_table_s_names() -> None:
    """临湘市 of 临湘市工信局 though no alias says 临湘市 alone; no section's name names a city."""
    names = ["临湘市工信局", "汨罗市工信局", "汩罗市", "岳阳县工信局", "经济运行科", "市经信委办公室"]
    assert county_cities(names, "岳阳市") == {"临湘市", "汨罗市", "汩罗市"}
    assert county_cities(names) == {"汩罗市"}  # the city not known: only a name that is a city (the alias)
    # review S1: 岳阳市中小企业服务中心 names the city itself, not a county-level one, whether or not it is known
    assert county_cities(["岳阳市中小企业服务中心", "临湘市工信局"], "岳阳市") == {"临湘市"}
    assert county_cities(["岳阳市中小企业服务中心", "临湘市工信局"]) == set()


def _without_alias(ws: Workspace, unit: str) -> None:
    """The quota table naming `unit` only by its name (临湘市工信局, no alias 临湘市)."""
    quota = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    next(row for row in quota.active.iter_rows(min_row=2) if row[1].value == unit)[6].value = None
    quota.save(ws.root / "信息任务分配表.xlsx")


def test_a_county_level_city_named_only_in_a_unit_s_name_is_no_level_of_the_city(tmp_path: Path) -> None:
    """The quota table names 临湘市 only in 临湘市工信局: 临湘市委 is still no 市级, its leader's 批示 县级 (no bonus)."""
    ws = make_workspace(tmp_path / "ws")
    _without_alias(ws, LX)
    write_schedule(ws.reward_schedule_path)  # 市级 全文采用 200; bonus 市级 100
    write_report(ws.inbox / "2015-03" / "临湘市.xlsx", LX, [report_row(f"临湘市三月稿件{i}") for i in range(2)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[LX, "临湘市三月稿件0", "", "临湘市委", APRIL, "全文采用", "无", ""],
                                      [LX, "临湘市三月稿件1", "市委办", "市级", APRIL, "全文采用", "临湘市委书记批示", ""]])  # fmt: skip
    rows = read_adoption_register(ws.adoption_path, ws.units(), 2015, city="岳阳市")
    assert [(a.level, a.instruction) for a in rows] == [("临湘市委", "无"), ("市级", "县级")]
    assert _bulletin_lines(ws, runner) == {
        f"采用登记表第 4 行 {LX}《临湘市三月稿件0》": "采用级别“临湘市委”是县级（临湘市）的单位，不是市级；"
        "采用级别应为国家级、省级、省经信委、市级、市经信委之一，改正前不计采用",
    }  # fmt: skip
    assert _paid(ws) == {"临湘市三月稿件1": ("市级", "全文采用", "无", 200)}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # another city's bodies are not 岳阳市's 市级: the coordinator says
        ("长沙市人民政府", None),
        ("株洲市委", None),
        ("中共株洲市委办公室", None),
        ("湖南省株洲市人民政府办公室", None),
        ("张家界市委", None),
        # the city's own, and the province's, keep their level
        ("岳阳市人民政府办公室", "市级"),
        ("中共岳阳市委", "市级"),
        ("市委办", "市级"),
        ("岳阳市工业和信息化局", "市经信委"),
        ("湖南省人民政府", "省级"),
        ("省市场监管局", "省级"),
        # review S1: a party body's, a province's or a newspaper's words before or after the city's name
        ("中国共产党岳阳市委员会", "市级"),
        ("共青团岳阳市委", "市级"),
        ("湖南岳阳市人民政府", "市级"),
        ("湖南省岳阳市人民政府办公室", "市级"),
    ],
)
def test_another_city_s_body_is_no_level_of_the_city(text: str, level: str | None) -> None:
    assert normalize_level(text, (), "岳阳市") == level


def test_a_leader_s_instruction_is_read_by_the_office_not_by_a_city() -> None:
    """review R7: 常务副市长批示, 李副市长批示 and 并获市长批示 were taken for another city's leader's (常务副市, 李副市,
    并获市): no bonus. Another city's leader's 批示 is not told apart (株洲市委书记批示 is 市级) rather than that."""
    for typed in ("常务副市长批示", "李副市长批示", "得到市长批示", "并获市长批示", "胡忠雄市长批示", "岳阳市常务副市长批示"):
        assert normalize_instruction(typed) == "市级", typed
    assert normalize_instruction("省委常委、长沙市委书记批示") == "省级"
    assert normalize_instruction("汨罗市委书记批示", ("汨罗市",)) == "县级"
    assert other_city("常务副市长", "岳阳市") == "" and other_city("李副市长", "岳阳市") == ""


def test_the_city_is_the_office_s() -> None:
    assert Settings(year=2015).city == "岳阳市"
    assert Settings(year=2015, office="湖南岳阳市经信委").city == "岳阳市"  # review S1: not 南岳阳市
    assert Settings(year=2015, office="中共岳阳市经信委党组").city == "岳阳市"  # not 共岳阳市
    assert Settings(year=2015, office="市经信委").city == ""
    for paper in ("岳阳都市报", "中国城市报", "湖南都市报", "岳阳晚报都市版"):  # review S1: 都市, 城市 name no city
        assert other_city(paper, "岳阳市") == "", paper
    assert Settings(year=2015, office="湖南省岳阳市经济和信息化委员会").city == "岳阳市"
    assert Settings(year=2015, office="经信委").city == ""
    assert county_cities(["岳阳市经信委", "临湘市工信局"], "岳阳市") == {"临湘市"}


def test_another_city_s_bodies_are_no_level_of_the_city_in_the_bulletin(tmp_path: Path) -> None:
    """长沙市人民政府 and 株洲市委 are not 岳阳市's 市级 (the city of the settings' office): not counted, said; the
    常务副市长's 批示 is 市级 (review R7)."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)  # 市级 全文采用 200; bonus 市级 100
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(3)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件0", "", "长沙市人民政府", APRIL, "全文采用", "无", ""],
                                      [YY, "岳阳县三月稿件1", "株洲市委《株洲信息》", "", APRIL, "全文采用", "无", ""],
                                      [YY, "岳阳县三月稿件2", "", "岳阳市人民政府办公室", APRIL, "全文采用", "常务副市长批示", ""]])  # fmt: skip
    invalid = "采用级别应为国家级、省级、省经信委、市级、市经信委之一，改正前不计采用"
    assert _bulletin_lines(ws, runner) == {
        f"采用登记表第 4 行 {YY}《岳阳县三月稿件0》": f"采用级别“长沙市人民政府”是长沙市的单位，不是岳阳市的；{invalid}",
        f"采用登记表第 5 行 {YY}《岳阳县三月稿件1》": "缺少采用级别：请填写国家级、省级、省经信委、市级或市经信委，改正前不计采用",
    }  # fmt: skip
    assert _paid(ws) == {"岳阳县三月稿件2": ("市级", "全文采用", "市级", 300)}  # the 常务副市长's 批示: 市级
    frame = xlflow.Workspace(ws.root).adoptions("2015-03")
    assert [tuple(r) for r in frame[["登记表行号", "采用级别", "是否对应"]].itertuples(index=False)] == [
        (6, "市级", True), (4, "长沙市人民政府", False), (5, "", False),
    ]  # fmt: skip
