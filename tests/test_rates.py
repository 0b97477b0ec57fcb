"""Rates against hand-computed cases: quarterly units, no submissions, over quota, double adoption, ranking."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers_bulletin import adoption, article

from xlflow.compute.rates import assessment_score, compute_rates
from xlflow.core.periods import Period
from xlflow.core.schema import KIND_COUNTY, KIND_GENERAL
from xlflow.core.units import UnitTable
from xlflow.settings import Settings

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


def test_a_unit_with_no_quota_is_neither_scored_nor_ranked(units: UnitTable) -> None:
    """退二进三办 exempted (全年任务 0): it has no completion, so no score and no rank, and it does not push the
    others down, though it sent two articles (one adopted: 30 points of adoption under the old rule)."""
    exempt = "退二进三办"
    table = UnitTable([replace(u, annual=0) if u.name == exempt else u for u in units])
    settings = Settings(year=2015, completion_weight=70, completion_cap=1.0, adoption_weight=30, adoption_target=0.3)
    articles = [*_articles(), article(exempt, "退二进三办稿件甲", "2015-03"), article(exempt, "退二进三办稿件乙", "2015-03")]
    adoptions = [*_adoptions(), adoption(exempt, "退二进三办稿件甲", "市级", row=8)]
    year = compute_rates(table, Period.parse("2015"), articles, adoptions, settings)
    row = year.row(exempt)
    assert (row.quota, row.submitted, row.adopted, row.completion) == (0, 2, 1, None)
    assert row.score is None and row.rank is None
    ranks = {r.unit: r.rank for r in year.rows}
    # 办公室 65.0, 岳阳县 38.8, 人事科 17.5 (1 of 4), 轻工业科 5.8 (1 of 12), the rest 0.0
    assert (ranks[OFFICE], ranks[YY], ranks[HR], ranks[LIGHT], ranks[PJ]) == (1, 2, 3, 4, 5)
    march = compute_rates(table, Period.parse("2015-03"), articles, adoptions, settings)
    assert march.row(exempt).quota == 0 and march.row(exempt).rank is None
    ranks = {r.unit: r.rank for r in march.rows if r.unit != exempt}
    assert (ranks[YY], ranks[OFFICE], ranks[LIGHT], ranks[PJ]) == (1, 2, 3, 4) and max(ranks.values()) == 4
    assert march.to_frame().set_index("单位名称")["排名"].isna().sum() == 1


def test_assessment_score_caps() -> None:
    settings = Settings(year=2015, completion_weight=70, completion_cap=1.0, adoption_weight=30, adoption_target=0.3)
    assert assessment_score(1.5, 0.15, settings) == pytest.approx(70 + 15)
    assert assessment_score(None, None, settings) == 0


def test_frame_has_the_bulletin_columns(units: UnitTable, settings: Settings) -> None:
    frame = compute_rates(units, Period.parse("2015-03"), _articles(), _adoptions(), settings).to_frame()
    assert list(frame.columns) == ["单位名称", "单位类别", "任务数", "报送数", "完成率", "采用数", "采用率", "排名"]
    assert len(frame) == len(units)


def test_quarterly_units_pending_until_the_quarter_ends(units: UnitTable, settings: Settings) -> None:
    from xlflow.compute.rates import achievers

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


def test_categories_by_hand(units: UnitTable, settings: Settings) -> None:
    """分类统计 counts over the same months as 完成情况: its totals are the table's."""
    from helpers_bulletin import article as make

    articles = [
        make(YY, "岳阳县经济稿", "2015-03", category="经济运行"),
        make(YY, "岳阳县动态稿", "2015-03", category="工作动态"),
        make(YY, "岳阳县不明稿", "2015-03", category="其他"),
        make(YY, "岳阳县二月稿", "2015-02", category="经济运行"),  # outside March: not counted
        make(OFFICE, "办公室二月稿", "2015-02", category="政策落实"),  # quarter-to-date in March: counted
        make(PJ, "平江县退回稿", "2015-03", category="突发事件", errors=["R1"]),  # not counted
    ]
    adopted = [adoption(YY, "岳阳县经济稿", "市级"), adoption(YY, "岳阳县经济稿", "省级"), adoption(YY, "岳阳县不明稿", "市级")]
    table = compute_rates(units, Period.parse("2015-03"), articles, adopted, settings)
    counts = {c.name: (c.code, c.submitted, c.adopted) for c in table.categories}
    assert list(counts) == ["政策落实", "经济运行", "工作动态", "新情况新问题", "产业园区企业项目", "突发事件", "其他"]
    assert counts == {
        "政策落实": (1, 1, 0), "经济运行": (2, 1, 1), "工作动态": (3, 1, 0), "新情况新问题": (4, 0, 0),
        "产业园区企业项目": (5, 0, 0), "突发事件": (6, 0, 0), "其他": (None, 1, 1),
    }  # fmt: skip
    assert sum(c.submitted for c in table.categories) == table.total.submitted == 4
    assert sum(c.adopted for c in table.categories) == table.total.adopted == 2
    assert table.categories[1].adoption == pytest.approx(1.0) and table.categories[3].adoption is None


def test_a_period_with_months_not_in_the_ledger_is_to_date(units: UnitTable, settings: Settings) -> None:
    """The year with January–June in the ledger: the annual quota stays, nobody below it is short (未完成) yet."""
    months = [f"2015-0{m}" for m in range(1, 7)]
    table = compute_rates(units, Period.parse("2015"), _articles(), _adoptions(), settings, data_months=months)
    assert table.to_date and table.missing_months == tuple(f"2015-{m:02d}" for m in range(7, 13))
    assert table.data_months == tuple(months)
    yy = table.row(YY)
    assert (yy.quota, yy.submitted) == (48, 6)  # the annual quota
    assert table.pending(yy) and not table.short(yy)
    from xlflow.compute.rates import achievers

    standing = achievers(table)
    assert standing.below == [] and len(standing.pending) == 34
    complete = compute_rates(units, Period.parse("2015-H1"), _articles(), _adoptions(), settings, data_months=months)
    assert not complete.to_date and complete.short(complete.row(YY)) and not complete.pending(complete.row(YY))
    assert YY in {r.unit for r in achievers(complete).below}


def test_months_text() -> None:
    from xlflow.core.periods import months_text

    assert months_text(["2015-01", "2015-02", "2015-03", "2015-04", "2015-05", "2015-06"]) == "1—6月"
    assert months_text(["2015-07"]) == "7月"
    assert months_text(["2015-01", "2015-02", "2015-04", "2015-05", "2015-06", "2015-08"]) == "1—2月、4—6月、8月"


def test_silent_units_say_what_was_received(units: UnitTable, settings: Settings) -> None:
    from xlflow.compute.rates import silent_units
    from xlflow.core.model import ERROR, Finding

    table = compute_rates(units, Period.parse("2015-03"), _articles(), _adoptions(), settings)
    refused = Finding("平江县.xls", "", None, "", "", "F3", ERROR, "平江县.xls：文件设有密码：请取消密码后重新发送", PJ, "2015-03")
    silent = {s.unit: s for s in silent_units(table, {"华容县工信局": ["华容县.xlsx"]}, {PJ: [refused]})}
    assert silent[PJ].note == "收到 1 个文件：《平江县.xls》被拒收：文件设有密码：请取消密码后重新发送"
    assert silent[PJ].refused == (refused,) and silent[PJ].files == ()
    assert silent["华容县工信局"].note == "收到 1 个文件：《华容县.xlsx》中的稿件都未计入本期（原因见“问题稿件”）"
    assert silent["湘阴县工信局"].note == "本期未收到报送文件"
    assert silent[HR].note == "本期未收到报送文件（按季度考核，统计2015年1—3月）"
    assert YY not in silent and OFFICE not in silent


def test_finding_counts() -> None:
    from xlflow.compute.rates import count_findings
    from xlflow.core.model import ERROR, WARNING, Finding

    def f(file: str, row: int | None, severity: str = ERROR, month: str = "2015-03") -> Finding:
        return Finding(file, "表", row, "", "", "R1", severity, "", YY, month)

    counts = count_findings([
        f("a.xlsx", 5), f("a.xlsx", 5), f("a.xlsx", 6), f("a.xlsx", 5, month="2015-04"),  # 4 errors, 3 rows
        f("b.xls", None), f("c.xls", None), f("a.xlsx", 7, WARNING),
    ])  # fmt: skip
    assert (counts.errors, counts.row_errors, counts.rows, counts.file_errors, counts.files, counts.warnings) == (6, 4, 3, 2, 2, 1)


def test_scores_and_rates_round_half_up_as_excel_shows_them() -> None:
    """70 × 18/48 = 26.25 is 26.3 (四舍五入), not Python's 26.2; 63/48 = 131.25 % is 131.3 %, as 0.0% shows it."""
    from xlflow.narrative import pct

    settings = Settings(year=2015, completion_weight=70, completion_cap=1.0, adoption_weight=30, adoption_target=0.3)
    assert assessment_score(18 / 48, None, settings) == 26.3
    assert assessment_score(30 / 48, 1 / 30, settings) == 47.1  # 43.75 + 3.333…
    assert (pct(63 / 48), pct(51 / 48), pct(29 / 200), pct(1 / 3), pct(None)) == ("131.3%", "106.3%", "14.5%", "33.3%", "—")


def test_a_silent_unit_that_sent_only_attachments_is_told_so(units: UnitTable, settings: Settings) -> None:
    from xlflow.compute.rates import silent_units

    table = compute_rates(units, Period.parse("2015-03"), _articles(), _adoptions(), settings)
    docs = {"湘阴县工信局": ["湘阴县3月信息.docx", "湘阴县/座谈会.jpg"], "华容县工信局": ["华容县附件.pdf"]}
    silent = {s.unit: s for s in silent_units(table, {"华容县工信局": ["华容县.xlsx"]}, {}, docs)}
    assert silent["湘阴县工信局"].note == (
        "收到 2 个稿件附件（《湘阴县3月信息.docx》、《湘阴县/座谈会.jpg》），没有 Excel 信息报送登记表："
        "稿件要逐条填入登记表才能计入，请提醒其报送登记表"
    )
    assert silent["华容县工信局"].note == "收到 1 个文件：《华容县.xlsx》中的稿件都未计入本期（原因见“问题稿件”）"


def test_a_quarterly_unit_mid_quarter_is_waiting_not_silent(units: UnitTable, settings: Settings) -> None:
    """Nothing counted in January: the 25 monthly units owe their month; the 9 quarterly ones have until 31 March,
    and are listed apart. In March they owe it too, unless the bulletin is dated before the quarter's end."""
    import dataclasses
    import datetime as dt

    from xlflow.compute.rates import silent_units

    quarterly = ["办公室", "离退休人员管理服务科", HR, "财务科", "机关党委", "工业公会", "能源利用监测站", "机关后勤服务中心", "退二进三办"]
    january = compute_rates(units, Period.parse("2015-01"), [], [], settings)
    silent = [s.unit for s in silent_units(january, {})]
    assert len(silent) == 25 and YY in silent and LIGHT in silent and HR not in silent
    waiting = silent_units(january, {HR: ["人事科1月.xlsx"]}, waiting=True)
    assert [s.unit for s in waiting] == quarterly
    assert waiting[2].note == "收到 1 个文件：《人事科1月.xlsx》中的稿件都未计入本期（原因见“问题稿件”）（按季度考核，统计2015年1月）"
    march = compute_rates(units, Period.parse("2015-03"), [], [], settings)
    assert len(silent_units(march, {})) == 34 and silent_units(march, {}, waiting=True) == []
    early = dataclasses.replace(march, issued=dt.date(2015, 3, 25))  # dated before the quarter is over
    assert len(silent_units(early, {})) == 25 and [s.unit for s in silent_units(early, {}, waiting=True)] == quarterly


def test_the_completion_part_never_exceeds_its_full_marks() -> None:
    """满分60分、完成率120%封顶: 120% and above score the 60, below it in proportion (60 × 60% ÷ 120% = 30)."""
    settings = Settings(year=2015, completion_weight=60, completion_cap=1.2, adoption_weight=40, adoption_target=0.1)
    assert assessment_score(2.0, 0.05, settings) == 80.0  # 60 + 40 × 0.05 ÷ 0.1
    assert assessment_score(1.2, 0.1, settings) == 100.0
    assert assessment_score(0.6, 0.0, settings) == 30.0
    assert assessment_score(0.9, 0.2, settings) == 85.0  # 45 + 40
