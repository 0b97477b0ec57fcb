"""Rates against hand-computed cases: quarterly units, no submissions, over quota, double adoption, ranking."""

from __future__ import annotations

import pytest
from helpers_bulletin import adoption, article

from xlflow.config import Settings
from xlflow.metrics import assessment_score, compute_rates
from xlflow.periods import Period
from xlflow.schema import KIND_COUNTY, KIND_GENERAL
from xlflow.units import UnitTable

YY = "岳阳县工信局"
PJ = "平江县工信局"
OFFICE = "办公室"  # quarterly: annual 4
HR = "人事科"  # quarterly
LIGHT = "轻工业科"  # 1 a month


def _articles() -> list:
    return [
        # 岳阳县: five counted in March (over quota 4), one in February, one refused in March
        *(article(YY, f"岳阳县三月稿件{i}", "2015-03") for i in range(5)),
        article(YY, "岳阳县二月稿件", "2015-02"),
        article(YY, "岳阳县字数不足的稿件", "2015-03", errors=["R1"]),
        # 办公室: one in February (counts quarter-to-date in March), one in May
        article(OFFICE, "办公室二月稿件", "2015-02"),
        article(OFFICE, "办公室五月稿件", "2015-05"),
        # 人事科: only April
        article(HR, "人事科四月稿件", "2015-04"),
        # 轻工业科: one in March
        article(LIGHT, "轻工业科三月稿件", "2015-03"),
    ]


def _adoptions() -> list:
    return [
        # one article adopted at two levels: counts once
        adoption(YY, "岳阳县三月稿件0", "市级", row=3),
        adoption(YY, "岳阳县三月稿件0", "省级", row=4),
        adoption(YY, "岳阳县三月稿件1", "市经信委", row=5),
        # unmatched rows never count
        adoption(YY, "岳阳县不存在的稿件", "国家级", row=6, matched=False),
        adoption(OFFICE, "办公室二月稿件", "市经信委", row=7),
    ]


def test_month_rates_by_hand(units: UnitTable, settings: Settings) -> None:
    table = compute_rates(units, Period.parse("2015-03"), _articles(), _adoptions(), settings)
    yy = table.row(YY)
    assert (yy.quota, yy.submitted, yy.adopted) == (4, 5, 2)
    assert yy.completion == pytest.approx(1.25)  # over quota kept above 100 %
    assert yy.adoption == pytest.approx(0.4)
    assert yy.levels == {"省级": 1, "市经信委": 1}  # highest level per article
    pj = table.row(PJ)
    assert (pj.quota, pj.submitted, pj.adopted) == (4, 0, 0)
    assert pj.completion == 0 and pj.adoption is None and pj.below_quota
    office = table.row(OFFICE)  # quarter-to-date (Jan–Mar) against the quarter's 1
    assert office.months == ("2015-01", "2015-02", "2015-03")
    assert (office.quota, office.submitted, office.adopted) == (1, 1, 1)
    assert office.completion == pytest.approx(1.0) and office.adoption == pytest.approx(1.0)
    assert table.row(HR).submitted == 0
    assert table.row(LIGHT).completion == pytest.approx(1.0)


def test_month_groups_and_total(units: UnitTable, settings: Settings) -> None:
    table = compute_rates(units, Period.parse("2015-03"), _articles(), _adoptions(), settings)
    assert [g.kind for g in table.groups] == ["县市区工信局", "委业务科室", "委综合科室", "综合法规科"]
    county = table.groups[0]
    assert (county.label, county.units, county.quota, county.submitted, county.adopted) == ("县市区工信局小计", 12, 48, 5, 2)
    general = next(g for g in table.groups if g.kind == KIND_GENERAL)
    assert (general.units, general.quota, general.submitted) == (9, 9, 1)
    total = table.total
    # 12×4 + 9×4 + 3×1 + 9×1 + 5 = 101
    assert (total.quota, total.submitted, total.adopted) == (101, 7, 3)
    assert total.completion == pytest.approx(7 / 101)
    assert total.adoption == pytest.approx(3 / 7)
    assert [r.unit for r in table.rows][:2] == [YY, PJ]  # quota-table order
    assert all(r.kind == KIND_COUNTY for r in table.by_kind()[0][1])


def test_half_year_quarterly_units(units: UnitTable, settings: Settings) -> None:
    table = compute_rates(units, Period.parse("2015-H1"), _articles(), _adoptions(), settings)
    office = table.row(OFFICE)
    assert (office.quota, office.submitted) == (2, 2)  # annual 4 ÷ 4 × 2 quarters
    assert table.row(HR).completion == pytest.approx(0.5)
    yy = table.row(YY)
    assert (yy.quota, yy.submitted) == (24, 6)
    assert yy.completion == pytest.approx(0.25)
    assert table.row(LIGHT).quota == 6
    assert not table.assessment and all(r.score is None for r in table.rows)


def test_ranking_shares_ranks_on_ties(units: UnitTable, settings: Settings) -> None:
    table = compute_rates(units, Period.parse("2015-03"), _articles(), _adoptions(), settings)
    ranks = {r.unit: r.rank for r in table.rows}
    assert ranks[YY] == 1  # 125 %
    assert ranks[OFFICE] == 2  # 100 %, adoption 100 %
    assert ranks[LIGHT] == 3  # 100 %, adoption 0 %
    # every other unit has 0 %, 0 submissions: they share rank 4
    assert ranks[PJ] == ranks[HR] == 4
    assert max(ranks.values()) == 4
    assert "并列" in table.rank_rule


def test_annual_score(units: UnitTable) -> None:
    settings = Settings(year=2015, completion_weight=70, completion_cap=1.0, adoption_weight=30, adoption_target=0.3)
    table = compute_rates(units, Period.parse("2015"), _articles(), _adoptions(), settings)
    assert table.assessment
    office = table.row(OFFICE)  # 2 of 4 = 50 %; 1 of 2 adopted = 50 % ≥ 30 % target → full 30
    assert office.score == pytest.approx(70 * 0.5 + 30)
    yy = table.row(YY)  # 6 of 48 = 12.5 %; 2 of 6 adopted = 33 % → full 30
    assert yy.score == pytest.approx(round(70 * 0.125 + 30, 1))
    assert table.row(PJ).score == 0
    assert office.rank == 1 and yy.rank == 2  # the annual ranking follows the score
    assert "考核得分" in table.rank_rule


def test_assessment_score_caps() -> None:
    settings = Settings(year=2015, completion_weight=70, completion_cap=1.0, adoption_weight=30, adoption_target=0.3)
    assert assessment_score(1.5, 0.15, settings) == pytest.approx(70 + 15)
    assert assessment_score(None, None, settings) == 0


def test_frame_has_the_bulletin_columns(units: UnitTable, settings: Settings) -> None:
    frame = compute_rates(units, Period.parse("2015-03"), _articles(), _adoptions(), settings).to_frame()
    assert list(frame.columns) == ["单位名称", "单位类别", "任务数", "报送数", "完成率", "采用数", "采用率", "排名"]
    assert len(frame) == len(units)


def test_quarterly_units_pending_until_the_quarter_ends(units: UnitTable, settings: Settings) -> None:
    from xlflow.metrics import achievers

    january = compute_rates(units, Period.parse("2015-01"), _articles(), _adoptions(), settings)
    hr = january.row(HR)
    assert hr.below_quota and january.pending(hr)
    standing = achievers(january)
    assert HR in {r.unit for r in standing.pending} and HR not in {r.unit for r in standing.below}
    assert PJ in {r.unit for r in standing.below}  # a monthly unit is never pending
    march = compute_rates(units, Period.parse("2015-03"), _articles(), _adoptions(), settings)
    assert not march.pending(march.row(HR))  # the quarter is over: 人事科 is simply below quota
    assert HR in {r.unit for r in achievers(march).below}
    assert OFFICE in {r.unit for r in achievers(march).met}
