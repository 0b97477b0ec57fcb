"""Rewards: highest level only or 累计, the 批示 bonus, correspondents, what earns nothing."""

from __future__ import annotations

import dataclasses

import pytest
from helpers_bulletin import adoption, article

from xlflow.compute.rewards import EXAMPLE_SCHEDULE, UNKNOWN_CORRESPONDENT, RewardSchedule, compute_rewards
from xlflow.core.schema import ADOPTION_FORMS
from xlflow.core.units import UnitTable

YY = "岳阳县工信局"
PJ = "平江县工信局"
_AMOUNTS = {"国家级": (1000, 600, 300), "省级": (500, 300, 150), "省经信委": (300, 200, 100), "市级": (200, 100, 50), "市经信委": (100, 50, 30)}
SCHEDULE = RewardSchedule(
    amounts={(level, form): float(v[i]) for level, v in _AMOUNTS.items() for i, form in enumerate(ADOPTION_FORMS)},
    bonus={"无": 0.0, "市级": 100.0, "省级": 300.0, "国家级": 500.0},
)
CUMULATIVE = dataclasses.replace(SCHEDULE, policy="累计")


def _articles() -> list:
    return [
        article(PJ, "平江稿件", reporter="张三"),
        article(YY, "岳阳稿件甲", reporter="李四"),
        article(YY, "岳阳稿件乙", reporter=""),
        article(YY, "二月稿件", month="2015-02", reporter="李四"),
    ]


def _adoptions() -> list:
    return [
        adoption(YY, "岳阳稿件甲", "市级", "全文采用", "市级", row=3),  # 200, but 省级 is higher
        adoption(YY, "岳阳稿件甲", "省级", "部分采用", row=4),  # 300
        adoption(YY, "岳阳稿件乙", "市经信委", "综合采用", row=5),  # 30
        adoption(PJ, "平江稿件", "国家级", "全文采用", "省级", row=6),  # 1000 + 300
        adoption(PJ, "平江稿件", "国家级", "部分采用", row=7),  # same level again: once
        adoption(YY, "不在台账里的稿件", "国家级", row=8, matched=False),
        adoption(YY, "岳阳稿件乙", "很高", row=9),  # level unknown: earns nothing
    ]


def test_highest_level_only(units: UnitTable) -> None:
    result = compute_rewards(_adoptions(), SCHEDULE, _articles(), units=units)
    rows = {(r.unit, r.title): r for r in result.rows}
    assert len(result.rows) == 3
    yy = rows[(YY, "岳阳稿件甲")]
    # highest level 省级 部分采用 300 + the 市级 批示 bonus 100 (carried from the 市级 row)
    assert (yy.level, yy.form, yy.instruction, yy.base, yy.bonus, yy.amount) == ("省级", "部分采用", "市级", 300, 100, 400)
    assert "另有市级采用" in yy.note
    pj = rows[(PJ, "平江稿件")]
    assert (pj.level, pj.form, pj.amount) == ("国家级", "全文采用", 1300)
    assert "同级别登记 2 次" in pj.note
    assert rows[(YY, "岳阳稿件乙")].amount == 30
    assert result.total == 1730
    assert [r.unit for r in result.rows] == [YY, YY, PJ]  # quota-table order
    (skipped,) = result.skipped
    assert skipped[0].row == 9 and "采用级别不明" in skipped[1]


def test_cumulative(units: UnitTable) -> None:
    result = compute_rewards(_adoptions(), CUMULATIVE, _articles(), units=units)
    yy = [r for r in result.rows if r.title == "岳阳稿件甲"]
    assert [(r.level, r.amount, r.instruction) for r in yy] == [("省级", 400, "市级"), ("市级", 200, "无")]
    assert "批示加奖已计入" in yy[1].note
    assert result.total == 400 + 200 + 30 + 1300


def test_correspondents(units: UnitTable) -> None:
    result = compute_rewards(_adoptions(), SCHEDULE, _articles(), units=units, roster={PJ: "王五"})
    people = {(p.name, p.unit): (p.count, p.amount) for p in result.by_person()}
    assert people == {("李四", YY): (1, 400), (UNKNOWN_CORRESPONDENT, YY): (1, 30), ("张三", PJ): (1, 1300)}
    roster = compute_rewards(_adoptions(), SCHEDULE, _articles(), units=units, roster={YY: "赵六"})
    assert {r.title: r.correspondent for r in roster.rows}["岳阳稿件乙"] == "赵六"  # the article names none
    units_total = {u.unit: (u.count, u.amount) for u in result.by_unit()}
    assert units_total == {YY: (2, 430), PJ: (1, 1300)}


def test_only_articles_given(units: UnitTable) -> None:
    """Adoptions of articles outside the period's articles earn nothing in this period."""
    articles = [a for a in _articles() if a.title != "平江稿件"]
    result = compute_rewards(_adoptions(), SCHEDULE, articles, units=units)
    assert {r.unit for r in result.rows} == {YY}
    assert result.total == pytest.approx(430)


def test_example_schedule_is_what_init_writes(tmp_path) -> None:
    from xlflow.intake.books import read_reward_schedule
    from xlflow.writers.coordinator_books import write_reward_schedule

    write_reward_schedule(tmp_path / "奖励标准.xlsx")
    schedule = read_reward_schedule(tmp_path / "奖励标准.xlsx")
    assert dict(schedule.amounts) == dict(EXAMPLE_SCHEDULE.amounts)
    assert dict(schedule.bonus) == dict(EXAMPLE_SCHEDULE.bonus)
    assert schedule.example and not schedule.problems and schedule.policy == "仅最高级别"


def test_people_are_grouped_after_nfkc_and_without_spaces(units: UnitTable) -> None:
    articles = [
        article(YY, "稿件甲", reporter="刘 军"),
        article(YY, "稿件乙", reporter="刘\u3000军"),
        article(YY, "稿件丙", reporter="刘军"),
        article(YY, "稿件丁", reporter="王\u00a0芳"),
        article(PJ, "稿件戊", reporter="刘军"),
    ]
    adoptions = [adoption(a.unit, a.title, "市经信委", "全文采用") for a in articles]  # 100 each
    result = compute_rewards(adoptions, SCHEDULE, articles, units=units)
    people = [(p.name, p.unit, p.count, p.amount) for p in result.by_person()]
    # one person is (unit, name): the same name in another unit is another person
    assert people == [("刘军", YY, 3, 300), ("王芳", YY, 1, 100), ("刘军", PJ, 1, 100)]
    assert [r.correspondent for r in result.rows] == ["刘军", "刘军", "刘军", "王芳", "刘军"]
    assert [r.note for r in result.rows] == ["通讯员原写作“刘 军”", "通讯员原写作“刘\u3000军”", "", "通讯员原写作“王\u00a0芳”", ""]


def test_cumulative_rows_carry_the_bonus_the_formula_reads(units: UnitTable) -> None:
    """Under 累计, a lower level's row shows 领导批示 无 and gets the 无 bonus, as its formula computes it."""
    schedule = dataclasses.replace(CUMULATIVE, bonus={**CUMULATIVE.bonus, "无": 20.0})
    articles = [article(YY, "稿件")]
    adoptions = [adoption(YY, "稿件", "省级", "全文采用", "市级", row=3), adoption(YY, "稿件", "市级", "全文采用", row=4)]
    result = compute_rewards(adoptions, schedule, articles, units=units)
    # 省级 全文采用 500 + the 市级 批示 100; 市级 全文采用 200 + the 无 bonus 20 (before: 200, while its formula said 220)
    assert [(r.level, r.instruction, r.amount) for r in result.rows] == [("省级", "市级", 600), ("市级", "无", 220)]


def test_a_row_noted_no_reward_is_paid_nothing_and_said(units: UnitTable) -> None:
    """review (left alone): 备注 不计奖 on 岳阳稿件甲's 省级 row (部分采用 300, 市级 批示 on the other row): that row earns
    nothing, listed with why; the article's 市级 全文采用 row is paid as the only level left (200 + 批示 100). A row
    noted 不予奖励 alone earns nothing at all."""
    rows = [dataclasses.replace(a, note="不计奖") if a.row == 4 else a for a in _adoptions()]
    rows.append(dataclasses.replace(adoption(PJ, "平江稿件", "市级", row=10), note="不予奖励"))
    result = compute_rewards(rows, SCHEDULE, _articles(), units=units)
    paid = {(r.unit, r.title): (r.level, r.form, r.instruction, r.amount) for r in result.rows}
    assert paid == {(YY, "岳阳稿件甲"): ("市级", "全文采用", "市级", 300), (YY, "岳阳稿件乙"): ("市经信委", "综合采用", "无", 30),
                    (PJ, "平江稿件"): ("国家级", "全文采用", "省级", 1300)}  # fmt: skip
    assert result.total == 1630
    assert [(a.row, why) for a, why in result.skipped] == [
        (4, "备注为“不计奖”：计入采用数，不计奖"),
        (9, "采用级别不明，未计奖：请在采用登记表中从下拉列表选择采用级别"),
        (10, "备注为“不予奖励”：计入采用数，不计奖"),
    ]
