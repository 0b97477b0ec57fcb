"""The bulletin and reward workbooks read back with openpyxl, and `xlflow bulletin` end to end."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_bulletin import adoption, article, write_register, write_schedule
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.adoptions import match_adoptions, read_reward_schedule
from xlflow.cli import cli
from xlflow.config import Settings, Workspace
from xlflow.errors import ConfigError
from xlflow.metrics import compute_rates, silent_units
from xlflow.model import ERROR, Finding
from xlflow.periods import Period
from xlflow.rewards import EXAMPLE_SCHEDULE, compute_rewards
from xlflow.units import UnitTable
from xlflow.writers.bulletin import (
    RATE_HEADERS,
    SHEETS,
    BulletinData,
    narrative_context,
    render_narrative,
    write_bulletin,
)
from xlflow.writers.rewards import (
    DETAIL_HEADERS,
    PERSON_HEADERS,
    UNIT_HEADERS,
    RewardData,
    amount_formula,
    write_reward_workbook,
)

YY = "岳阳县工信局"
PJ = "平江县工信局"
OFFICE = "办公室"
NOW = dt.datetime(2015, 7, 3, 10, 15)
HOSTILE = ("=SUM(A1:A3)", "+86 新闻", "-1 项目", "@领导 调研")


def _data(units: UnitTable, settings: Settings, period_key: str = "2015-H1", *, template_dir: Path | None = None) -> BulletinData:
    period = Period.parse(period_key)
    articles = [
        *(article(YY, f"岳阳县稿件{i}", f"2015-0{1 + i % 6}", reporter="李四") for i in range(30)),  # 30 of 24: over
        *(article(PJ, f"{title}平江", "2015-03", reporter="张三") for title in HOSTILE),  # 4 of 24: under
        article(OFFICE, "办公室稿件", "2015-02"),
    ]
    rows = [
        adoption(YY, "岳阳县稿件0", "省级", "全文采用", "市级", row=3),
        adoption(YY, "岳阳县稿件0", "市级", "部分采用", row=4),
        adoption(PJ, "=SUM(A1:A3)平江", "国家级", "综合采用", row=5),
        adoption(YY, "岳阳县稿件 零", "市级", row=6, matched=False),
    ]
    matched = match_adoptions(rows, articles)
    rates = compute_rates(units, period, articles, matched, settings)
    by_key = {(a.unit, a.title_key): a for a in articles}
    findings = [
        Finding("岳阳县_3月.xlsx", "信息报送登记表", 7, "字数", "F7", "R1", ERROR, "正文不足 200 字：请补充后重新报送", YY, "2015-03"),
        Finding("平江县.xls", "", None, "", "", "F3", ERROR, "文件设有密码：请取消密码后重新发送", PJ, "2015-03"),
    ]
    data = BulletinData(
        settings=settings,
        period=period,
        rates=rates,
        adopted=[(a, by_key[(a.unit_name, a.title_key)]) for a in matched if a.matched],
        unmatched=[a for a in matched if not a.matched],
        findings=findings,
        silent=silent_units(rates, {"华容县工信局": ["华容县.xlsx"]}),
        unit_order={u.name: u.seq for u in units},
    )
    narrative = render_narrative(narrative_context(data, now=NOW), template_dir)
    return dataclasses.replace(data, narrative=narrative)


def _book(data: BulletinData) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_bulletin(buffer, data)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def _row_of(sheet, text: str) -> int:  # noqa: ANN001
    return next(c.row for c in sheet["A"] if c.value == text)


def test_bulletin_sheets_and_rates(units: UnitTable, settings: Settings) -> None:
    book = _book(_data(units, settings))
    assert book.sheetnames == list(SHEETS)
    sheet = book["完成情况"]
    assert [c.value for c in sheet[3]][: len(RATE_HEADERS)] == list(RATE_HEADERS)
    assert sheet.max_column == len(RATE_HEADERS)  # no 考核得分 outside the annual bulletin
    yy = _row_of(sheet, YY)
    assert [c.value for c in sheet[yy]] == [YY, "县市区工信局", 24, 30, 1.25, 1, pytest.approx(1 / 30), 1]
    assert sheet.cell(yy, 5).number_format == "0.0%" and sheet.cell(yy, 7).number_format == "0.0%"
    pj = _row_of(sheet, PJ)
    assert [c.value for c in sheet[pj]][2:7] == [24, 4, pytest.approx(4 / 24), 1, 0.25]
    hr = _row_of(sheet, "人事科")
    assert [c.value for c in sheet[hr]][2:7] == [2, 0, 0, 0, "—"]  # nothing sent: adoption rate not a number
    county = _row_of(sheet, "县市区工信局小计")
    assert [c.value for c in sheet[county]][2:6] == [288, 34, pytest.approx(34 / 288), 2]
    total = _row_of(sheet, "合计")
    assert [c.value for c in sheet[total]][1:6] == ["34个单位", 570, 35, pytest.approx(35 / 570), 2]
    # red where below quota: one rule over the unit rows, comparing 报送数 with 任务数
    (rule_range,) = list(sheet.conditional_formatting)
    assert [r.formula for r in rule_range.rules] == [["$D4<$C4"]]
    assert "A4:H15" in str(rule_range.sqref)


def test_bulletin_print_setup(units: UnitTable, settings: Settings) -> None:
    book = _book(_data(units, settings))
    for name in ("完成情况", "采用明细", "问题稿件", "未报送单位", "未匹配采用"):
        sheet = book[name]
        assert sheet.freeze_panes == "A4", name
        assert sheet.print_title_rows == "$3:$3", name
        assert sheet.page_setup.orientation == "landscape", name
        assert int(sheet.page_setup.paperSize) == 9, name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.page_setup.fitToHeight in (0, "0"), name
    assert book["通报"].page_setup.orientation == "portrait"
    assert int(book["通报"].page_setup.paperSize) == 9


def test_bulletin_narrative(units: UnitTable, settings: Settings) -> None:
    sheet = _book(_data(units, settings))["通报"]
    lines = [c.value for c in sheet["A"] if c.value]
    assert lines[0] == "关于2015年上半年政务信息报送和采用情况的通报"
    text = "\n".join(lines)
    assert "各县（市）区工信局，委各科室（单位）：" in text
    assert "超额完成任务的单位（1个）：岳阳县工信局（125.0%）" in text
    assert "平江县工信局（报送4篇，任务24篇）" in text
    assert "华容县工信局" in text  # nothing counted
    assert "省级1篇、国家级1篇" not in text and "国家级1篇、省级1篇" in text  # highest level first
    assert lines[-2:] == ["岳阳市经信委\u3000\u3000", "2015年7月3日\u3000\u3000"]
    assert "李四" not in text and "张三" not in text  # no correspondent reaches the bulletin


def test_bulletin_unit_text_stays_text(units: UnitTable, settings: Settings) -> None:
    data = _data(units, settings)
    hostile_rows = [adoption(PJ, title, row=20 + i, matched=False) for i, title in enumerate(HOSTILE)]
    buffer = io.BytesIO()
    write_bulletin(buffer, dataclasses.replace(data, unmatched=data.unmatched + hostile_rows))
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    adopted = book["采用明细"]
    titles = {c.value: c.data_type for c in adopted["C"][3:]}
    assert titles["=SUM(A1:A3)平江"] == "s"
    unmatched = {c.value: c.data_type for c in book["未匹配采用"]["C"][3:]}
    assert all(unmatched[title] == "s" for title in HOSTILE)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheets  # the bulletin holds no formula at all


def test_bulletin_other_sheets(units: UnitTable, settings: Settings) -> None:
    book = _book(_data(units, settings))
    adopted = book["采用明细"]
    assert [c.value for c in adopted[3]] == ["序号", "报送单位", "信息标题", "采用单位/刊物", "采用级别", "采用形式", "领导批示", "采用日期", "稿件月份"]
    assert [c.value for c in adopted[4]][:7] == [1, YY, "岳阳县稿件0", None, "省级", "全文采用", "市级"]
    assert adopted["H4"].value == dt.datetime(2015, 4, 1) and adopted["H4"].number_format == "yyyy-mm-dd"
    findings = book["问题稿件"]
    assert [c.value for c in findings[4]] == [1, YY, "岳阳县_3月.xlsx", "信息报送登记表", 7, "F7", "R1 字数不足", "错误", "正文不足 200 字：请补充后重新报送"]
    silent = book["未报送单位"]
    names = [c.value for c in silent["B"][3:]]
    assert "华容县工信局" in names and YY not in names and PJ not in names
    huarong = next(r for r in silent.iter_rows(min_row=4, values_only=True) if r[1] == "华容县工信局")
    assert "收到 1 个文件" in huarong[4]
    unmatched = book["未匹配采用"]
    row = [c.value for c in unmatched[4]]
    assert row[:3] == [6, YY, "岳阳县稿件 零"]
    assert row[5].split("\n")[0].startswith("岳阳县稿件")


def test_bulletin_chart(units: UnitTable, settings: Settings) -> None:
    buffer = io.BytesIO()
    write_bulletin(buffer, _data(units, settings))
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        xml = archive.read(charts[0]).decode()
    assert len(charts) == 1 and "<c:barChart>" in xml
    assert "完成率图!$N$3:$N$36" in xml and "完成率图!$M$3:$M$36" in xml  # one bar per unit


def test_annual_bulletin_has_scores(units: UnitTable, settings: Settings) -> None:
    book = _book(_data(units, settings, "2015"))
    sheet = book["完成情况"]
    assert [c.value for c in sheet[3]] == [*RATE_HEADERS, "考核得分"]
    yy = _row_of(sheet, YY)  # 30 of 48, 1 of 30 adopted: 70 × 0.625 + 30 × (0.0333 / 0.3)
    assert sheet.cell(yy, 9).value == pytest.approx(round(70 * 30 / 48 + 30 * (1 / 30) / 0.3, 1))
    assert sheet.cell(yy, 9).number_format == "0.0"
    text = "\n".join(c.value for c in book["通报"]["A"] if c.value)
    assert "四、年度考核" in text and "五、下一步工作要求" in text


def test_workspace_template_wins(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    (tmp_path / "通报.txt.j2").write_text("# 自定义{{ period.label }}通报\n共{{ total.submitted }}篇\n", encoding="utf-8")
    sheet = _book(_data(units, settings, template_dir=tmp_path))["通报"]
    assert [c.value for c in sheet["A"] if c.value] == ["自定义2015年上半年通报", "\u3000\u3000共35篇"]
    (tmp_path / "通报.txt.j2").write_text("{{ 不存在 }}", encoding="utf-8")
    with pytest.raises(ConfigError, match="不存在的数据"):
        _data(units, settings, template_dir=tmp_path)
    (tmp_path / "通报.txt.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(ConfigError, match="第 1 行"):
        _data(units, settings, template_dir=tmp_path)


# --- the reward workbook -------------------------------------------------------------------------------


def _reward_bytes(units: UnitTable, *, unmatched: bool = True) -> bytes:
    articles = [
        article(YY, "岳阳稿件甲", reporter="李四"),
        article(YY, "+岳阳稿件乙", reporter=""),
        article(PJ, "=平江稿件", reporter="张三"),
    ]
    rows = [
        adoption(YY, "岳阳稿件甲", "省级", "全文采用", "市级", row=3),  # 300 + 100
        adoption(YY, "岳阳稿件甲", "市级", "全文采用", row=4),  # lower level: not paid
        adoption(YY, "+岳阳稿件乙", "市经信委", "部分采用", row=5),  # 50
        adoption(PJ, "=平江稿件", "国家级", "综合采用", "国家级", row=6),  # 200 + 500
    ]
    result = compute_rewards(rows, EXAMPLE_SCHEDULE, articles, units=units, roster={YY: "赵六"})
    lost = [adoption(YY, "找不到的稿件", row=9, matched=False)] if unmatched else []
    buffer = io.BytesIO()
    write_reward_workbook(buffer, RewardData(Period.parse("2015-H1"), EXAMPLE_SCHEDULE, result, lost))
    return buffer.getvalue()


def test_reward_workbook_formulas_and_cached_values(units: UnitTable) -> None:
    data = _reward_bytes(units)
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    assert formulas.sheetnames == ["奖励标准", "奖励明细", "单位汇总", "个人汇总"]
    detail, cached = formulas["奖励明细"], values["奖励明细"]
    assert [c.value for c in detail[3]] == list(DETAIL_HEADERS)
    assert [c.value for c in cached[4]][:8] == [1, YY, "岳阳稿件甲", "省级", "全文采用", "市级", 400, "李四"]
    assert [c.value for c in cached[5]][:8] == [2, YY, "+岳阳稿件乙", "市经信委", "部分采用", "无", 50, "赵六"]
    assert [c.value for c in cached[6]][:8] == [3, PJ, "=平江稿件", "国家级", "综合采用", "国家级", 700, "张三"]
    for r in (4, 5, 6):
        assert detail.cell(r, 7).value == amount_formula(r)
        assert detail.cell(r, 3).data_type == "s"  # titles starting with = or + stay text
    assert detail["G7"].value == "=SUM(G4:G6)" and cached["G7"].value == 1150
    assert detail["G4"].number_format == "#,##0"
    notes = [c.value for c in detail["A"] if isinstance(c.value, str) and "第 9 行" in c.value]
    assert notes and "未计奖" in notes[0]

    unit_sheet, unit_cached = formulas["单位汇总"], values["单位汇总"]
    assert [c.value for c in unit_sheet[3]] == list(UNIT_HEADERS)
    assert unit_sheet["C4"].value == "=SUMPRODUCT(--('奖励明细'!$B$4:$B$6=B4))"
    assert unit_sheet["D4"].value == "=SUMPRODUCT(--('奖励明细'!$B$4:$B$6=B4),'奖励明细'!$G$4:$G$6)"
    assert [[c.value for c in row] for row in unit_cached.iter_rows(min_row=4, max_row=6)] == [
        [1, YY, 2, 450], [2, PJ, 1, 700], ["合计", None, 3, 1150],
    ]  # fmt: skip
    person, person_cached = formulas["个人汇总"], values["个人汇总"]
    assert [c.value for c in person[3]] == list(PERSON_HEADERS)
    assert person["E4"].value == "=SUMPRODUCT(--('奖励明细'!$H$4:$H$6=B4),--('奖励明细'!$B$4:$B$6=C4),'奖励明细'!$G$4:$G$6)"
    assert [[c.value for c in row][1:] for row in person_cached.iter_rows(min_row=4, max_row=6)] == [
        ["李四", YY, 1, 400], ["赵六", YY, 1, 50], ["张三", PJ, 1, 700],
    ]  # fmt: skip


def test_reward_schedule_sheet_layout(tmp_path: Path, units: UnitTable) -> None:
    path = tmp_path / "奖励计算表.xlsx"
    path.write_bytes(_reward_bytes(units))
    sheet = openpyxl.load_workbook(path)["奖励标准"]
    assert (sheet["A3"].value, sheet["B3"].value, sheet["C3"].value, sheet["D3"].value) == ("采用级别", "全文采用", "部分采用", "综合采用")
    assert [sheet.cell(r, 1).value for r in range(4, 9)] == ["国家级", "省级", "省经信委", "市级", "市经信委"]
    assert (sheet["A10"].value, sheet["B10"].value, sheet["A16"].value, sheet["B16"].value) == ("领导批示", "加奖金额", "计奖方式", "仅最高级别")
    assert [sheet.cell(r, 1).value for r in range(11, 15)] == ["无", "市级", "省级", "国家级"]
    schedule = read_reward_schedule(path)  # the sheet reads back as the schedule it was written from
    assert dict(schedule.amounts) == dict(EXAMPLE_SCHEDULE.amounts) and dict(schedule.bonus) == dict(EXAMPLE_SCHEDULE.bonus)
    for name in ("奖励明细", "单位汇总", "个人汇总"):
        ws = openpyxl.load_workbook(path)[name]
        assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4" and int(ws.page_setup.paperSize) == 9
    assert openpyxl.load_workbook(path)["奖励明细"].page_setup.orientation == "landscape"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_reward_totals_follow_the_schedule_in_libreoffice(tmp_path: Path, units: UnitTable) -> None:
    source = tmp_path / "奖励计算表.xlsx"
    source.write_bytes(_reward_bytes(units))
    book = openpyxl.load_workbook(source)
    book["奖励标准"]["B5"] = 1000  # 省级 全文采用: 300 → 1000
    book["奖励标准"]["B14"] = 0  # 国家级 批示: 500 → 0
    book.save(source)
    out = tmp_path / "recalculated"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    values = openpyxl.load_workbook(out / source.name, data_only=True)
    assert [values["奖励明细"].cell(r, 7).value for r in (4, 5, 6, 7)] == [1100, 50, 200, 1350]
    assert [values["单位汇总"].cell(r, 4).value for r in (4, 5, 6)] == [1150, 200, 1350]
    assert [values["个人汇总"].cell(r, 5).value for r in (4, 5, 6, 7)] == [1100, 50, 200, 1350]


# --- the pipeline and the command line ---------------------------------------------------------------------


def _workspace(tmp_path: Path) -> Workspace:
    from xlflow.writers.coordinator_books import write_reward_schedule

    ws = make_workspace(tmp_path / "ws")
    write_reward_schedule(ws.reward_schedule_path)
    march = ws.inbox / "2015-03"
    write_report(march / "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(5)], month="2015年3月")
    write_report(march / "平江县.xlsx", PJ, [report_row("=平江县稿件"), report_row("平江县太短", body="短")], month="2015年3月")
    write_report(march / "办公室.xlsx", OFFICE, [report_row("办公室季度稿件")], month="2015年3月")
    return ws


def test_consolidate_then_bulletin_cli(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    month_bulletin = ws.out / "通报_2015年03月.xlsx"
    assert month_bulletin.is_file() and (ws.out / "奖励计算表_2015年03月.xlsx").is_file()
    march = openpyxl.load_workbook(month_bulletin)["完成情况"]
    row = _row_of(march, OFFICE)  # quarterly unit in a month: quarter-to-date against the quarter
    assert [c.value for c in march[row]][2:5] == [1, 1, 1]

    write_register(
        ws.adoption_path,
        [
            ["岳阳县", "岳阳县三月稿件0", "省政府办公厅", "省级", dt.date(2015, 4, 2), "全文采用", "市级", ""],
            ["岳阳县工信局", "岳阳县三月稿件0", "市委办", "市级", dt.date(2015, 4, 3), "部分采用", "", ""],
            ["平江县工信局", "=平江县稿件", "", "市经信委", dt.date(2015, 4, 3), "全文采用", "", ""],
            ["岳阳县工信局", "岳阳县三月稿件", "", "国家级", dt.date(2015, 4, 9), "全文采用", "", ""],
            ["平江县工信局", "平江县太短", "", "市级", dt.date(2015, 4, 9), "全文采用", "", ""],
        ],
    )
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 2 篇" in result.output
    assert "采用登记表第 7 行 岳阳县工信局《岳阳县三月稿件》" in result.output
    assert "最接近：岳阳县三月稿件" in result.output
    assert "采用登记表第 8 行 平江县工信局《平江县太短》：该稿件报送时未计入（R1 字数不足），不计采用" in result.output
    bulletin_file = ws.out / "通报_2015年上半年.xlsx"
    reward_file = ws.out / "奖励计算表_2015年上半年.xlsx"
    assert str(bulletin_file) in result.output and str(reward_file) in result.output
    sheet = openpyxl.load_workbook(bulletin_file)["完成情况"]
    yy = _row_of(sheet, YY)
    assert [c.value for c in sheet[yy]][2:7] == [24, 5, pytest.approx(5 / 24), 1, pytest.approx(0.2)]
    pj = _row_of(sheet, PJ)
    assert [c.value for c in sheet[pj]][2:7] == [24, 1, pytest.approx(1 / 24), 1, 1]
    rewards = openpyxl.load_workbook(reward_file, data_only=True)["奖励明细"]
    assert [c.value for c in rewards[4]][1:7] == [YY, "岳阳县三月稿件0", "省级", "全文采用", "市级", 400]
    assert [c.value for c in rewards[5]][1:7] == [PJ, "=平江县稿件", "市经信委", "全文采用", "无", 100]
    problems = openpyxl.load_workbook(bulletin_file)["问题稿件"]
    assert any(c.value == "R1 字数不足" for c in problems["G"])

    # the same data again: both files left as they are
    again = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert again.exit_code == 0, again.output
    assert "通报_2015年上半年.xlsx 内容没有变化，保留原文件" in again.output
    assert sorted(p.name for p in ws.out.glob("*上半年*")) == ["奖励计算表_2015年上半年.xlsx", "通报_2015年上半年.xlsx"]

    # one more adoption: the old files are kept under a name that says so
    write_schedule(ws.reward_schedule_path, policy="累计")
    changed = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert changed.exit_code == 0, changed.output
    kept = sorted(p.name for p in ws.out.glob("奖励计算表_2015年上半年（旧版 *）.xlsx"))
    assert len(kept) == 1 and f"旧文件已改名保留为 {kept[0]}" in changed.output
    assert "通报_2015年上半年.xlsx 内容没有变化" in changed.output  # the policy does not change the bulletin
    cumulative = openpyxl.load_workbook(reward_file, data_only=True)["奖励明细"]
    assert [c.value for c in cumulative[5]][3:7] == ["市级", "部分采用", "无", 100]  # 累计: the 市级 adoption paid too


def test_bulletin_needs_a_ledger(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    result = CliRunner().invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 1 and "还没有台账" in result.output


def test_bulletin_without_personal_data(tmp_path: Path) -> None:
    from helpers_setup import write_roster

    ws = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_roster(ws.roster_path, {YY: "赵六"})
    write_register(ws.adoption_path, [["平江县工信局", "=平江县稿件", "", "市级", None, "全文采用", "", ""]])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(ws.out / "通报_2015年03月.xlsx") as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert "13800000000" not in text and "赵六" not in text


def test_month_bulletin_mid_quarter(units: UnitTable, settings: Settings) -> None:
    book = _book(_data(units, settings, "2015-02"))
    text = "\n".join(c.value for c in book["通报"]["A"] if c.value)
    assert "现将2015年2月全市经信系统" in text  # a month needs no month span
    assert "按季度考核、本季度尚未报满的单位（8个）" in text  # 办公室 sent one in February
    assert "未完成任务的单位（24个）" in text and "人事科" not in text.split("按季度考核、本季度尚未报满")[0]
    sheet = book["完成情况"]
    (rule_range,) = list(sheet.conditional_formatting)
    ranges = str(rule_range.sqref).split()
    assert ranges[:2] == ["A4:H15", "A17:H28"]  # every monthly unit can turn red
    office, hr = _row_of(sheet, "办公室"), _row_of(sheet, "人事科")
    assert f"A{office}:H{office}" in ranges  # 办公室 has sent its quarter's one
    assert not any(f"A{hr}" in r for r in ranges)  # 人事科 has until the end of March: not red


def test_an_unchanged_bulletin_is_recognised_by_another_process(tmp_path: Path) -> None:
    """The content fingerprint is hashed from the data: it must not depend on the process's string hashing."""
    import os
    import sys

    ws = make_workspace(tmp_path / "ws")
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    write_report(inbox / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行平稳"), report_row("岳阳县短稿", body="短")])
    write_report(inbox / "平江县.xlsx", "平江县工信局", [report_row("平江县园区建设提速")])
    write_register(ws.adoption_path, [["岳阳县工信局", "岳阳县工业运行平稳", "省政府办公厅", "省级", dt.date(2015, 4, 2), "全文采用", "", ""]])

    def run(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "xlflow", "bulletin", "--period", "2015-Q1", "-w", str(ws.root)],
                              capture_output=True, text=True, env=env, check=False)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    consolidated = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert consolidated.exit_code == 0, consolidated.output
    run("1")
    again = run("2")
    assert "通报_2015年第一季度.xlsx 内容没有变化，保留原文件" in again
    assert "奖励计算表_2015年第一季度.xlsx 内容没有变化，保留原文件" in again

    # an edited narrative template changes what the bulletin says: a new bulletin, the old one kept
    template = ws.narrative_dir / "通报.txt.j2"
    template.parent.mkdir(exist_ok=True)
    template.write_text("# 通报\n本期共计入{{ total.submitted }}篇。\n", encoding="utf-8")
    edited = run("3")
    assert "通报_2015年第一季度.xlsx 内容有变化" in edited
    assert "奖励计算表_2015年第一季度.xlsx 内容没有变化" in edited


def test_fingerprint_canonical_form() -> None:
    from xlflow.fingerprint import canonical, fingerprint

    assert canonical({"b": {2, 1}, "a": (dt.date(2015, 3, 1), 0.1)}) == [
        "dict", [["a", ["2015-03-01", "0.1"]], ["b", ["set", [1, 2]]]]
    ]  # fmt: skip
    assert fingerprint({"x", "y"}) == fingerprint({"y", "x"})
    assert fingerprint(Period.parse("2015-03")) != fingerprint(Period.parse("2015-04"))
    with pytest.raises(TypeError):
        canonical(object())


def test_the_compiled_narrative_is_cached_and_a_bad_cache_is_passed_by(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from xlflow.writers import bulletin as writer

    monkeypatch.setenv("XLFLOW_CACHE_DIR", str(tmp_path / "cache"))
    text = "# 通报\n本期计入{{ n | num }}篇，完成率{{ r | pct }}。"
    want = "# 通报\n本期计入3篇，完成率125.0%。"
    writer._compiled.cache_clear()
    assert writer._compiled(text).render(n=3.0, r=1.25) == want
    cached = list((tmp_path / "cache" / "narrative").glob("*.marshal"))
    assert len(cached) == 1 and cached[0].stat().st_size > 0

    for damage in (b"", b"\x00garbage", b"i\x01\x00\x00\x00"):  # empty, not marshal, marshal of an int
        cached[0].write_bytes(damage)
        writer._compiled.cache_clear()
        assert writer._compiled(text).render(n=3.0, r=1.25) == want

    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XLFLOW_CACHE_DIR", str(tmp_path / "a-file"))  # a cache that cannot be written
    writer._compiled.cache_clear()
    assert writer._compiled(text).render(n=3.0, r=1.25) == want
    writer._compiled.cache_clear()
    with pytest.raises(ConfigError, match="第 1 行有误"):
        writer.render_narrative({}, _template_dir(tmp_path, "{% if %}"))


def _template_dir(root: Path, text: str) -> Path:
    folder = root / "narrative"
    folder.mkdir(exist_ok=True)
    (folder / "通报.txt.j2").write_text(text, encoding="utf-8")
    return folder
