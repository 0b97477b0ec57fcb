"""The leaders' bulletin (通报) and the reward workbook read back with openpyxl, and `xlflow bulletin` end to end."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_bulletin import (
    HAVE_SOFFICE,
    NOW,
    OFFICE,
    PJ,
    YY,
    adoption,
    article,
    bulletin_book,
    bulletin_data,
    narrative_lines,
    printed_pages,
    row_of,
    write_register,
    write_schedule,
)
from helpers_ledger import make_workspace, report_row, write_report
from helpers_setup import fit_to

from xlflow.cli import cli
from xlflow.compute.adoptions import match_adoptions
from xlflow.compute.rates import compute_rates, silent_units
from xlflow.compute.rewards import EXAMPLE_SCHEDULE, compute_rewards
from xlflow.core.errors import ConfigError
from xlflow.core.model import ERROR, Finding
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.books import read_reward_schedule
from xlflow.narrative import render
from xlflow.settings import Settings
from xlflow.workspace import Workspace
from xlflow.writers.bulletin import (
    RATE_HEADERS,
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

_row_of = row_of


def test_the_leaders_copy_holds_the_notice_table_adoptions_categories_and_chart(units: UnitTable, settings: Settings) -> None:
    book = bulletin_book(bulletin_data(units, settings))
    assert book.sheetnames == ["通报", "完成情况", "采用明细", "分类统计", "完成率图"]  # the working lists are elsewhere


def test_bulletin_rates(units: UnitTable, settings: Settings) -> None:
    sheet = bulletin_book(bulletin_data(units, settings))["完成情况"]
    assert [c.value for c in sheet[3]][: len(RATE_HEADERS)] == list(RATE_HEADERS)
    assert sheet.max_column == len(RATE_HEADERS)  # no 考核得分 outside the annual bulletin
    yy = _row_of(sheet, YY)
    assert [c.value for c in sheet[yy]] == [YY, "县市区工信局", 24, 30, 1.25, 1, pytest.approx(1 / 30), 1]
    assert sheet.cell(yy, 5).number_format == "0.0%" and sheet.cell(yy, 7).number_format == "0.0%"
    assert sheet.cell(yy, 3).number_format == "#,##0" and sheet.cell(yy, 4).number_format == "#,##0"
    pj = _row_of(sheet, PJ)
    assert [c.value for c in sheet[pj]][2:7] == [24, 4, pytest.approx(4 / 24), 1, 0.25]
    hr = _row_of(sheet, "人事科")
    assert [c.value for c in sheet[hr]][2:7] == [2, 0, 0, 0, "—"]  # nothing sent: adoption rate not a number
    county = _row_of(sheet, "县市区工信局小计")
    assert [c.value for c in sheet[county]][2:6] == [288, 34, pytest.approx(34 / 288), 2]
    total = _row_of(sheet, "合计")
    assert [c.value for c in sheet[total]][1:6] == ["34个单位", 570, 35, pytest.approx(35 / 570), 2]
    assert sheet["A2"].value == "统计期间：2015年1—6月　　报送数为经审核计入的稿件数　　红色：未完成任务"
    # red where below quota: one rule over the unit rows, comparing 报送数 with 任务数
    (rule_range,) = list(sheet.conditional_formatting)
    assert [r.formula for r in rule_range.rules] == [["$D4<$C4"]]
    assert "A4:H15" in str(rule_range.sqref)
    notes = [c.value for c in sheet["A"][total:] if c.value]
    assert notes[0].startswith("注：1. 排名按完成率从高到低排列") and notes[1].startswith("2. 完成率＝报送数÷任务数")


def test_the_rates_table_prints_on_one_portrait_page(units: UnitTable, settings: Settings) -> None:
    book = bulletin_book(bulletin_data(units, settings))
    sheet = book["完成情况"]
    assert sheet.page_setup.orientation == "portrait"
    assert int(sheet.page_setup.paperSize) == 9
    assert fit_to(sheet) == (1, 1)
    assert sheet.print_title_rows == "$3:$3" and sheet.freeze_panes == "A4"
    total = _row_of(sheet, "合计")
    assert sheet.print_area.endswith(f"$A$1:$H${total + 3}")  # the total and both notes are printed
    assert sheet.oddHeader.center.text == "关于2015年上半年政务信息报送和采用情况的通报"
    assert sheet.oddFooter.center.text == "附件1\u3000第 &P 页"  # numbered apart from the notice


def test_bulletin_print_setup_of_the_other_sheets(units: UnitTable, settings: Settings) -> None:
    book = bulletin_book(bulletin_data(units, settings))
    adopted = book["采用明细"]
    assert adopted.page_setup.orientation == "landscape" and adopted.print_title_rows == "$3:$3"
    assert fit_to(adopted) == (1, 0)  # as wide as a page, as many pages as needed
    categories = book["分类统计"]
    assert categories.page_setup.orientation == "portrait" and categories.print_title_rows == "$3:$3"
    assert fit_to(categories) == (1, 1)
    for name in ("通报", "完成情况", "采用明细", "分类统计", "完成率图"):
        assert int(book[name].page_setup.paperSize) == 9, name
    assert book["通报"].page_setup.orientation == "portrait" and book["通报"].oddFooter.center.text == "第 &P 页"


def test_bulletin_narrative(units: UnitTable, settings: Settings) -> None:
    lines = narrative_lines(bulletin_book(bulletin_data(units, settings)))
    assert lines[0] == "关于2015年上半年政务信息报送和采用情况的通报"
    text = "\n".join(lines)
    assert "各县（市）区工信局，委各科室（单位）：" in text
    assert "超额完成任务的单位（1个）：岳阳县工信局（125.0%）" in text
    assert "平江县工信局（报送4篇，任务24篇）" in text
    assert "华容县工信局" in text  # nothing counted
    assert "本期共有2篇信息被采用，其中国家级1篇、省级1篇（" in text  # highest level first; 厅级 is no level
    assert "厅级" not in text
    assert lines[-2:] == ["岳阳市经信委\u3000\u3000", "2015年7月3日\u3000\u3000"]
    assert "李四" not in text and "张三" not in text  # no correspondent reaches the bulletin
    assert "问题稿件" not in text  # the leaders' copy does not send them to a sheet they do not have


def test_one_error_per_article_needs_no_explanation(units: UnitTable, settings: Settings) -> None:
    context = narrative_context(bulletin_data(units, settings), now=None)
    context["findings"] = dataclasses.replace(context["findings"], errors=4, row_errors=3)
    (text,) = render("通报.txt.j2", [context])
    assert "其中3条在这3篇未计入的稿件中，1条是被拒收的1个文件" in text


def test_the_notice_explains_how_the_errors_add_up(units: UnitTable, settings: Settings) -> None:
    """3 articles not counted, 5 errors: 4 on those rows (one row has two), 1 on a refused file."""
    text = "\n".join(narrative_lines(bulletin_book(bulletin_data(units, settings))))
    assert (
        "另有3篇稿件因字数不足、未审签等问题未计入。本期共发现错误5条，"
        "其中4条在这3篇未计入的稿件中（一篇稿件可能同时有几处错误），1条是被拒收的1个文件（无法读取、单位或月份不符等）。"
        "问题已在各单位的回执中逐条列明，请有关单位对照改进。"
    ) in text


def test_the_notice_summarises_the_content_categories(units: UnitTable, settings: Settings) -> None:
    text = "\n".join(narrative_lines(bulletin_book(bulletin_data(units, settings))))
    assert "按报送内容分：政策落实1篇、经济运行10篇（采用1篇）、工作动态23篇、其他1篇（采用1篇）。详见附件3。" in text


def test_category_sheet(units: UnitTable, settings: Settings) -> None:
    sheet = bulletin_book(bulletin_data(units, settings))["分类统计"]
    assert sheet["A1"].value == "2015年上半年政务信息分类统计"
    assert [c.value for c in sheet[3]] == ["序号", "信息类别", "报送内容（通知一）", "报送数", "占比", "采用数", "采用率"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=11)]
    assert [(r[0], r[1], r[3], r[5]) for r in rows] == [
        (1, "政策落实", 1, 0), (2, "经济运行", 10, 1), (3, "工作动态", 23, 0), (4, "新情况新问题", 0, 0),
        (5, "产业园区企业项目", 0, 0), (6, "突发事件", 0, 0), ("—", "其他", 1, 1), ("合计", None, 35, 2),
    ]  # fmt: skip
    assert rows[1][2].startswith("工业经济运行情况及动态分析")  # the notice's own words
    assert rows[1][4] == pytest.approx(10 / 35) and rows[1][6] == pytest.approx(0.1)
    assert rows[3][6] == "—"  # nothing sent: no adoption rate
    assert sheet["E5"].number_format == "0.0%" and sheet["G5"].number_format == "0.0%" and sheet["D5"].number_format == "#,##0"
    assert rows[7][4] == 1 and rows[7][6] == pytest.approx(2 / 35)
    note = next(c.value for c in sheet["A"] if str(c.value).startswith("注"))
    assert note.endswith("合计与附件1的报送数、采用数一致。")  # on paper that table is 附件1, not “完成情况”


def test_bulletin_unit_text_stays_text(units: UnitTable, settings: Settings) -> None:
    data = bulletin_data(units, settings)
    buffer = io.BytesIO()
    write_bulletin(buffer, data)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    titles = {c.value: c.data_type for c in book["采用明细"]["C"][3:]}
    assert titles["=SUM(A1:A3)平江"] == "s"
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheets  # the bulletin holds no formula at all


def test_an_adoption_date_that_is_not_a_date_is_printed_as_typed(units: UnitTable, settings: Settings) -> None:
    """Review Y1: a 采用日期 without its year (or unreadable) shows what was typed, as text, never as a formula."""
    data = bulletin_data(units, settings)
    (first, art), (second, art2), *rest = data.adopted
    typed = [(dataclasses.replace(first, date=None, date_text="1月12日"), art),
             (dataclasses.replace(second, date=None, date_text="=DATE(2016,1,5)"), art2), *rest]  # fmt: skip
    adopted = bulletin_book(dataclasses.replace(data, adopted=typed))["采用明细"]
    assert [(c.value, c.data_type) for c in adopted["H"][3:6]] == [
        ("1月12日", "s"), ("=DATE(2016,1,5)", "s"), (dt.datetime(2015, 4, 1), "d")
    ]


def test_bulletin_adoptions_sheet(units: UnitTable, settings: Settings) -> None:
    adopted = bulletin_book(bulletin_data(units, settings))["采用明细"]
    assert [c.value for c in adopted[3]] == ["序号", "报送单位", "信息标题", "采用单位/刊物", "采用级别", "采用形式", "领导批示", "采用日期", "稿件月份"]
    assert [c.value for c in adopted[4]][:7] == [1, YY, "岳阳县稿件0", None, "省级", "全文采用", "市级"]
    assert adopted["H4"].value == dt.datetime(2015, 4, 1)  # read by leaders: 2015年4月1日, not 2015-04-01
    assert adopted["H4"].number_format == 'yyyy"年"m"月"d"日"' and adopted.column_dimensions["H"].width >= 14
    levels = [adopted.cell(r, 5).value for r in range(4, adopted.max_row + 1)]
    assert levels == ["省级", "市级", "国家级"]  # the 厅级 row is not an adoption
    assert adopted["A2"].value == "共 3 条采用登记，涉及 2 篇稿件"


def test_bulletin_chart(units: UnitTable, settings: Settings) -> None:
    buffer = io.BytesIO()
    write_bulletin(buffer, bulletin_data(units, settings))
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        xml = archive.read(charts[0]).decode()
    assert len(charts) == 1 and "<c:barChart>" in xml
    assert "完成率图!$N$3:$N$36" in xml and "完成率图!$M$3:$M$36" in xml  # one bar per unit
    assert xml.count('<a:srgbClr val="C00000"/>') == 33  # every unit but 岳阳县 is below its half-year quota
    assert _chart_title(bulletin_data(units, settings)) == "2015年上半年各单位政务信息完成率（红色为未完成任务）"


def _chart_title(data: BulletinData) -> str:
    buffer = io.BytesIO()
    write_bulletin(buffer, data)
    with zipfile.ZipFile(buffer) as archive:
        xml = archive.read("xl/charts/chart1.xml").decode()
    return "".join(re.findall(r"<a:t>([^<]*)</a:t>", xml.split("</c:title>")[0]))


def test_annual_bulletin_has_scores(units: UnitTable, settings: Settings) -> None:
    book = bulletin_book(bulletin_data(units, settings, "2015"))
    sheet = book["完成情况"]
    assert [c.value for c in sheet[3]] == [*RATE_HEADERS, "考核得分"]
    yy = _row_of(sheet, YY)  # 30 of 48, 1 of 30 adopted: 70 × 0.625 + 30 × (0.0333 / 0.3)
    assert sheet.cell(yy, 9).value == pytest.approx(round(70 * 30 / 48 + 30 * (1 / 30) / 0.3, 1))
    assert sheet.cell(yy, 9).number_format == "0.0"
    text = "\n".join(narrative_lines(book))
    assert "四、年度考核" in text and "五、下一步工作要求" in text
    assert "台账中" not in text and "截至" not in text  # every month has data: no to-date note


EXEMPT = "退二进三办"  # a unit given no quota for the year (全年任务 0)


def test_a_unit_with_no_quota_has_no_rank_score_or_bar(units: UnitTable, settings: Settings) -> None:
    table = UnitTable([dataclasses.replace(u, annual=0) if u.name == EXEMPT else u for u in units])
    book = bulletin_book(bulletin_data(table, settings, "2015"))
    sheet = book["完成情况"]
    assert [c.value for c in sheet[_row_of(sheet, EXEMPT)]] == [EXEMPT, "委综合科室", 0, 0, "—", 0, "—", "—", "—"]
    # 岳阳县 47.1, 平江县 30.8, 办公室 17.5; the 30 others with a quota and nothing counted share 4th, as without it
    assert [c.value for c in sheet[_row_of(sheet, "机关后勤服务中心")]][7:] == [4, 0]
    assert max(c.value for c in sheet["H"][3:] if isinstance(c.value, int)) == 4
    chart = book["完成率图"]
    assert EXEMPT not in [c.value for c in chart["M"]] and chart["M36"].value is None  # 33 bars
    assert EXEMPT not in "\n".join(narrative_lines(book))


def test_a_unit_with_no_quota_through_the_command(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    quota = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    (row,) = [r for r in quota.active.iter_rows(min_row=2) if r[1].value == EXEMPT]
    row[5].value = 0
    quota.save(ws.root / "信息任务分配表.xlsx")
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015", "--date", "2016-01-08", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(ws.out / "通报_2015年.xlsx")["完成情况"]
    assert [c.value for c in sheet[_row_of(sheet, EXEMPT)]][2:] == [0, 0, "—", 0, "—", "—", "—"]
    ranks = {sheet.cell(r, 1).value: sheet.cell(r, 8).value for r in range(4, _row_of(sheet, "合计"))}
    assert (ranks[OFFICE], ranks[YY], ranks[PJ], ranks["机关后勤服务中心"]) == (1, 2, 3, 4)  # 17.5, 7.3, 1.5, 0.0
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年.xlsx")["无稿件计入单位"]
    assert papers["A2"].value.startswith("共 30 个单位本期没有稿件计入")  # 34 less 3 that sent, less the exempt one
    assert EXEMPT not in [c.value for c in papers["B"]]
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年.xlsx")
    assert not any(c.value == EXEMPT for sheet in rewards for row in sheet.iter_rows() for c in row)


def test_a_unit_with_no_quota_that_sends_articles_is_named_with_its_count(tmp_path: Path) -> None:
    """岳阳县 given no quota (全年任务 0) still sends five articles: the notice lists it among those above their quota
    with what it sent, not a completion rate of "—"."""
    ws = _workspace(tmp_path)
    quota = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    (row,) = [r for r in quota.active.iter_rows(min_row=2) if r[1].value == YY]
    row[4].value, row[5].value = 0, 0
    quota.save(ws.root / "信息任务分配表.xlsx")
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015", "--date", "2016-01-08", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    text = "\n".join(narrative_lines(openpyxl.load_workbook(ws.out / "通报_2015年.xlsx")))
    assert "超额完成任务的单位（1个）：岳阳县工信局（无报送任务，报送5篇）。" in text
    assert "（—）" not in text


def test_a_year_bulletin_in_july_says_its_figures_are_to_date(units: UnitTable, settings: Settings) -> None:
    """January–June in the ledger, the year's bulletin: the annual quota stays, nobody is 未完成 yet, and the notice,
    the table's caption and notes say which months have data."""
    data = bulletin_data(units, settings, "2015", data_months=[f"2015-0{m}" for m in range(1, 7)])
    book = bulletin_book(data)
    text = "\n".join(narrative_lines(book))
    assert (
        "目前台账中只有1—6月的数据，7—12月尚未汇总。本通报中报送数、完成率、采用率均为截至6月的累计，"
        "任务数为全年任务；尚未达到任务数的单位不作未完成认定，7—12月汇总后将重新通报。"
    ) in text
    assert "2015年（截至6月），全系统34个单位共报送政务信息35篇" in text
    assert "截至6月尚未达到2015年任务数的单位（34个）：岳阳县工信局（报送30篇，任务48篇）" in text
    assert "7—12月尚无数据，以上不作未完成认定。" in text
    assert "未完成任务的单位（" not in text
    assert "以下为截至6月的得分，全年数据汇总后以最终通报为准。" in text
    sheet = book["完成情况"]
    assert sheet["A2"].value == (
        "统计期间：2015年1—12月，数据截至6月（7—12月尚未汇总）：报送数为截至6月的累计，任务数为全年任务，未达到的暂不标红"
    )
    yy = _row_of(sheet, YY)
    assert [c.value for c in sheet[yy]][2:5] == [48, 30, 0.625]  # the annual quota, kept
    assert not list(sheet.conditional_formatting)  # every unit is below its annual quota: none red
    notes = " ".join(c.value for c in sheet["A"][_row_of(sheet, "合计"):] if c.value)
    assert (
        "3. 台账中目前只有1—6月的数据，7—12月尚未汇总：报送数、完成率、采用率为截至6月的累计，任务数为全年任务；"
        "未达到任务数的单位暂不标红，不作未完成认定。7—12月汇总后将重新通报。"
    ) in notes  # said to the reader, not an instruction to the coordinator
    assert "重新生成" not in notes and "为截至6月的得分。" in notes
    assert "（红色" not in _chart_title(data)  # no bar is red: the title does not promise one


def test_a_month_missing_inside_the_period_is_not_hidden_behind_until(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """January–April and June in the ledger, May not: 截至6月 would read as the whole half year to June."""
    months = ["2015-01", "2015-02", "2015-03", "2015-04", "2015-06"]
    # a workspace's copy of the template from before `gap` and `seen` reads 截至目前 where it said 截至6月
    (tmp_path / "通报.txt.j2").write_text(
        "（截至{{ to_date.until }}）|均为截至{{ to_date.until }}的累计|截至{{ to_date.until or '目前' }}尚未达到", encoding="utf-8"
    )
    (line,) = narrative_lines(bulletin_book(bulletin_data(units, settings, template_dir=tmp_path, data_months=months)))
    assert line == "\u3000\u3000（截至目前）|均为截至目前的累计|截至目前尚未达到"
    book = bulletin_book(bulletin_data(units, settings, data_months=months))
    text = "\n".join(narrative_lines(book))
    assert (
        "目前台账中只有1—4月、6月的数据，5月尚未汇总。本通报中报送数、完成率、采用率均为这5个月的累计，"
        "任务数为半年任务；尚未达到任务数的单位不作未完成认定，5月汇总后将重新通报。"
    ) in text
    assert "2015年上半年（仅含1—4月、6月，5月尚未汇总），全系统34个单位共报送政务信息35篇" in text
    assert "截至目前尚未达到2015年上半年任务数的单位（33个）：平江县工信局（报送4篇，任务24篇）" in text and "5月尚无数据，以上不作未完成认定。" in text
    sheet = book["完成情况"]
    assert sheet["A2"].value == (
        "统计期间：2015年1—6月，数据仅含1—4月、6月（5月尚未汇总）：报送数为这5个月的累计，任务数为半年任务，未达到的暂不标红"
    )
    notes = " ".join(c.value for c in sheet["A"][_row_of(sheet, "合计"):] if c.value)
    assert "3. 台账中目前只有1—4月、6月的数据，5月尚未汇总：报送数、完成率、采用率为这5个月的累计，任务数为半年任务；" in notes
    assert book["分类统计"]["A2"].value.startswith("统计期间：2015年1—6月，数据仅含1—4月、6月　　按通知")
    assert "截至6月" not in text + notes + sheet["A2"].value + book["分类统计"]["A2"].value
    year = bulletin_book(bulletin_data(units, settings, "2015", data_months=[f"2015-{m:02d}" for m in (*range(1, 11), 12)]))
    text = "\n".join(narrative_lines(year))
    assert "2015年（仅含1—10月、12月，11月尚未汇总）" in text and "均为这11个月的累计" in text
    assert "以下为截至目前的得分，全年数据汇总后以最终通报为准。" in text
    notes = " ".join(c.value for c in year["完成情况"]["A"][_row_of(year["完成情况"], "合计"):] if c.value)
    assert "不足的按比例折算，为这11个月的得分。" in notes and "截至12月" not in text + notes


def test_a_quarter_missing_its_middle_month_says_so_through_the_command(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    write_report(ws.inbox / "2015-01" / "岳阳县.xlsx", YY, [report_row(f"岳阳县一月稿件{i}", month=1) for i in range(2)],
                 month="2015年1月")  # fmt: skip
    runner = CliRunner()
    for month in ("2015-01", "2015-03"):  # February not consolidated
        assert runner.invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015-Q1", "--date", "2015-04-08", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(ws.out / "通报_2015年第一季度.xlsx")
    text = "\n".join(narrative_lines(book))
    assert "2015年第一季度（仅含1月、3月，2月尚未汇总），全系统34个单位共报送政务信息9篇" in text
    assert "均为这两个月的累计" in text and "截至3月" not in text
    assert book["完成情况"]["A2"].value == (
        "统计期间：2015年1—3月，数据仅含1月、3月（2月尚未汇总）：报送数为这两个月的累计，任务数为全季度任务，未达到的暂不标红"
    )


def test_first_month_of_a_quarter_adds_no_quarter_to_date(units: UnitTable, settings: Settings) -> None:
    text = "\n".join(narrative_lines(bulletin_book(bulletin_data(units, settings, "2015-01"))))
    assert "篇（经审核计入，下同）" in text and "累计数" not in text  # January is no 累计
    assert "委综合科室按季度考核，本通报中其任务数为一个季度的任务。" in text


@pytest.mark.parametrize(
    ("changes", "who"),
    [
        ({"经济运行科": {"monthly": None}}, "经济运行科、委综合科室"),  # one of eleven 委业务科室 is quarterly
        ({"经济运行科": {"monthly": None}, "轻工业科": {"monthly": None}}, "经济运行科、轻工业科、委综合科室"),
        ({"纪检监察室": {"kind": "委综合科室"}}, "委综合科室（纪检监察室除外）"),  # a monthly unit moved in
        ({"办公室": {"monthly": 1}, "人事科": {"monthly": 1}}, "委综合科室（办公室、人事科除外）"),
    ],
)
def test_the_quarterly_note_names_a_kind_only_where_all_its_units_are_quarterly(
    units: UnitTable, settings: Settings, changes: dict[str, dict[str, object]], who: str
) -> None:
    table = UnitTable([dataclasses.replace(u, **changes.get(u.name, {})) for u in units])
    book = bulletin_book(bulletin_data(table, settings, "2015-02"))
    text = "\n".join(narrative_lines(book))
    assert f"篇（经审核计入，{who}为2015年1—2月累计数，下同）" in text
    assert f"\u3000\u3000{who}按季度考核，本通报中其报送数为2015年1—2月累计数，任务数为一个季度的任务。" in text
    sheet = book["完成情况"]
    notes = [c.value for c in sheet["A"][_row_of(sheet, "合计") :] if c.value]
    assert notes[2] == f"3. {who}按季度考核：报送数为2015年1—2月累计数，任务数为一个季度的任务；季度未结束，未报满的不标红。"


def test_one_quarterly_unit_of_a_monthly_kind_is_named_through_the_command(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    quota = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    (row,) = [r for r in quota.active.iter_rows(min_row=2) if r[1].value == "经济运行科"]
    row[4].value, row[5].value = "-", 16
    quota.save(ws.root / "信息任务分配表.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")
    text = "\n".join(narrative_lines(book))
    assert "篇（经审核计入，经济运行科、委综合科室为2015年1—3月累计数，下同）" in text and "委业务科室、委综合科室" not in text
    assert "\u3000\u3000经济运行科、委综合科室按季度考核，本通报中其报送数为2015年1—3月累计数，任务数为一个季度的任务。" in text
    sheet = book["完成情况"]
    notes = [c.value for c in sheet["A"][_row_of(sheet, "合计") :] if c.value]
    assert notes[2] == "3. 经济运行科、委综合科室按季度考核：报送数为2015年1—3月累计数，任务数为一个季度的任务。"


def test_month_bulletin_mid_quarter(units: UnitTable, settings: Settings) -> None:
    book = bulletin_book(bulletin_data(units, settings, "2015-02"))
    text = "\n".join(narrative_lines(book))
    assert "现将2015年2月全市经信系统" in text  # a month needs no month span
    # the totals add the quarterly units' January–February to February: the headline says so
    assert "篇（经审核计入，委综合科室为2015年1—2月累计数，下同）" in text
    assert "按季度考核、本季度尚未报满的单位（8个）" in text and "请在季度末前完成报送" in text  # 办公室 sent one
    assert "未完成任务的单位（24个）" in text and "人事科" not in text.split("按季度考核、本季度尚未报满")[0]
    sheet = book["完成情况"]
    (rule_range,) = list(sheet.conditional_formatting)
    ranges = str(rule_range.sqref).split()
    assert ranges[:2] == ["A4:H15", "A17:H28"]  # every monthly unit can turn red
    office, hr = _row_of(sheet, "办公室"), _row_of(sheet, "人事科")
    assert f"A{office}:H{office}" in ranges  # 办公室 has sent its quarter's one
    assert not any(f"A{hr}" in r for r in ranges)  # 人事科 has until the end of March: not red


def test_workspace_template_wins(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    (tmp_path / "通报.txt.j2").write_text("# 自定义{{ period.label }}通报\n共{{ total.submitted }}篇\n", encoding="utf-8")
    lines = narrative_lines(bulletin_book(bulletin_data(units, settings, template_dir=tmp_path)))
    assert lines == ["自定义2015年上半年通报", "\u3000\u3000共35篇"]
    (tmp_path / "通报.txt.j2").write_text("{{ 不存在 }}", encoding="utf-8")
    with pytest.raises(ConfigError, match="不存在的数据"):
        bulletin_data(units, settings, template_dir=tmp_path)
    (tmp_path / "通报.txt.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(ConfigError, match="第 1 行"):
        bulletin_data(units, settings, template_dir=tmp_path)


def test_an_old_workspace_template_still_renders(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """A workspace made by an earlier xlflow keeps its copy of the template: every name it used is still given."""
    old_names = (
        "{{ office }}|{{ coordinator }}|{{ period.label }}|{{ span }}|{{ total.submitted }}|{{ groups | length }}|"
        "{{ over | length }}|{{ met | length }}|{{ below | length }}|{{ pending | length }}|{{ silent | names }}|"
        "{{ levels | length }}|{{ top_adopters | length }}|{{ instructions }}|{{ rejected }}|{{ annual }}|"
        "{{ top_scores | length }}|{{ quarterly_note }}|{{ min_chars }}|{{ date }}|{{ total.completion | pct }}|{{ 1.5 | num }}"
    )
    (tmp_path / "通报.txt.j2").write_text(old_names, encoding="utf-8")
    (line,) = narrative_lines(bulletin_book(bulletin_data(units, settings, template_dir=tmp_path)))
    assert line.split("|") == [
        "\u3000\u3000岳阳市经信委", "综合法规科", "2015年上半年", "1—6月", "35", "4", "1", "0", "33", "0",
        "湘阴县工信局、华容县工信局、汨罗市工信局、临湘市工信局、岳阳楼区工信局、君山区工信局、屈原区工信局、云溪区工信局、经开区工信局、"
        "南湖风景区工信局、经济运行科、投资规划科、中小企业科、资源电力科、加速推进新型工业化科、成品油及工业物流管理科、"
        "信息化推进科、中小企业服务中心、联手帮扶办、轻工业科、企业改革科、纪检监察室、离退休人员管理服务科、人事科、财务科、"
        "机关党委、工业公会、能源利用监测站、机关后勤服务中心、退二进三办、综合法规科",
        "2", "2", "1", "3", "False", "0", "", "200", "2015年7月3日", "6.1%", "1.5",
    ]  # fmt: skip




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
    lost = [adoption(YY, "《找不到的稿件》", row=9, matched=False)] if unmatched else []
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
    assert notes == [  # the list is in 工作底稿; a title typed in 《》 is not quoted twice
        "采用登记表第 9 行：岳阳县工信局《找不到的稿件》——未对应到已报送稿件；未计奖（见工作底稿“采用登记待核对”工作表）"
    ]

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
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(source)],
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


H1_OUT = ["奖励计算表_2015年上半年.xlsx", "工作底稿_2015年上半年.xlsx", "通报_2015年上半年.xlsx"]


def test_consolidate_then_bulletin_cli(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    month_bulletin = ws.out / "通报_2015年03月.xlsx"
    assert month_bulletin.is_file() and (ws.out / "奖励计算表_2015年03月.xlsx").is_file()
    assert str(ws.out / "工作底稿_2015年03月.xlsx") in result.output  # consolidate writes the 工作底稿 too
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
            ["岳阳县工信局", "岳阳县三月稿件1", "省经信厅", "厅级", dt.date(2015, 4, 9), "全文采用", "", ""],
            ["岳阳县工信局", "《岳阳县没有这篇》", "", "市级", dt.date(2015, 3, 30), "全文采用", "", ""],  # March: consolidated
        ],
    )
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert "采用登记表第 10 行 岳阳县工信局《岳阳县没有这篇》：本单位已计入的稿件中找不到这个标题" in result.output
    assert "《《" not in result.output
    assert result.exit_code == 0, result.output
    assert "采用 2 篇" in result.output
    assert "未计入稿件 1 篇（错误 1 条），拒收文件 0 个" in result.output  # one error per article: nothing to explain
    assert "采用登记表第 7 行 岳阳县工信局《岳阳县三月稿件》" in result.output
    assert "最接近：岳阳县三月稿件" in result.output
    assert "采用登记表第 8 行 平江县工信局《平江县太短》：该稿件报送时未计入（R1 字数不足），不计采用\n" in result.output  # its title found
    assert (
        "采用登记表第 9 行 岳阳县工信局《岳阳县三月稿件1》：采用级别“厅级”无法识别；"
        "采用级别应为国家级、省级、省经信委、市级、市经信委之一，改正前不计采用\n"  # its title is right: none nearer
    ) in result.output
    assert "未计入采用的采用登记 4 行" in result.output
    bulletin_file, papers_file, reward_file = (ws.out / name for name in reversed(H1_OUT))
    for path in (bulletin_file, papers_file, reward_file):
        assert str(path) in result.output
    notice = "\n".join(narrative_lines(openpyxl.load_workbook(bulletin_file)))
    assert "另有1篇稿件因字数不足未计入。" in notice  # its one reason, not a stock list
    sheet = openpyxl.load_workbook(bulletin_file)["完成情况"]
    yy = _row_of(sheet, YY)
    assert [c.value for c in sheet[yy]][2:7] == [24, 5, pytest.approx(5 / 24), 1, pytest.approx(0.2)]  # 厅级 not counted
    pj = _row_of(sheet, PJ)
    assert [c.value for c in sheet[pj]][2:7] == [24, 1, pytest.approx(1 / 24), 1, 1]
    rewards = openpyxl.load_workbook(reward_file, data_only=True)["奖励明细"]
    assert [c.value for c in rewards[4]][1:7] == [YY, "岳阳县三月稿件0", "省级", "全文采用", "市级", 400]
    assert [c.value for c in rewards[5]][1:7] == [PJ, "=平江县稿件", "市经信委", "全文采用", "无", 100]
    assert rewards["B6"].value != YY or rewards["C6"].value != "岳阳县三月稿件1"
    papers = openpyxl.load_workbook(papers_file)
    assert any(c.value == "R1 字数不足" for c in papers["问题稿件"]["I"])
    to_fix = {r[0]: r for r in papers["采用登记待核对"].iter_rows(min_row=4, values_only=True)}
    assert to_fix[9][1:5] == (YY, "岳阳县三月稿件1", "厅级", "全文采用")
    assert "改正前不计采用" in to_fix[9][5] and to_fix[9][6] == "（标题与已报送稿件相符）"  # the level is what to fix

    # the same data again: every file left as it is
    again = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert again.exit_code == 0, again.output
    for name in H1_OUT:
        assert f"{name} 内容没有变化，保留原文件" in again.output
    assert sorted(p.name for p in ws.out.glob("*上半年*")) == H1_OUT

    # another reward policy: the reward workbook changes, the old one is kept under a name that says so
    write_schedule(ws.reward_schedule_path, policy="累计")
    changed = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert changed.exit_code == 0, changed.output
    kept = sorted(p.name for p in ws.out.glob("奖励计算表_2015年上半年（旧版 *）.xlsx"))
    assert len(kept) == 1 and f"旧文件已改名保留为 {kept[0]}" in changed.output
    assert "通报_2015年上半年.xlsx 内容没有变化" in changed.output  # the policy does not change the bulletin
    assert "工作底稿_2015年上半年.xlsx 内容没有变化" in changed.output
    cumulative = openpyxl.load_workbook(reward_file, data_only=True)["奖励明细"]
    assert [c.value for c in cumulative[5]][3:7] == ["市级", "部分采用", "无", 100]  # 累计: the 市级 adoption paid too


def test_a_changed_label_renews_the_workbook_that_shows_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a workbook changed is judged on what was rendered: a label changed in any module is seen."""
    from xlflow.commands.bulletin import bulletin
    from xlflow.core import model
    from xlflow.writers import bulletin as bulletin_writer

    ws = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    bulletin(ws, Period.parse("2015-H1"), now=NOW)

    monkeypatch.setitem(model.SEVERITY_LABEL, model.ERROR, "严重错误")  # shown in the 工作底稿's 问题稿件
    lines = bulletin(ws, Period.parse("2015-H1"), now=NOW).lines
    assert any(line.startswith("工作底稿_2015年上半年.xlsx 内容有变化：旧文件已改名保留为 工作底稿_2015年上半年（旧版 ") for line in lines)
    assert "通报_2015年上半年.xlsx 内容没有变化，保留原文件" in lines
    problems = openpyxl.load_workbook(ws.out / "工作底稿_2015年上半年.xlsx")["问题稿件"]
    assert "严重错误" in {c.value for c in problems["J"]}

    monkeypatch.setattr(bulletin_writer, "RATE_HEADERS", ("单位", *bulletin_writer.RATE_HEADERS[1:]))  # the leaders' table
    lines = bulletin(ws, Period.parse("2015-H1"), now=NOW).lines
    assert any(line.startswith("通报_2015年上半年.xlsx 内容有变化") for line in lines)
    assert openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["完成情况"]["A3"].value == "单位"
    assert "工作底稿_2015年上半年.xlsx 内容没有变化，保留原文件" in lines


def test_another_day_alone_does_not_renew_the_bulletin(tmp_path: Path) -> None:
    """The notice is dated; the date is masked when judging whether the content changed."""
    from xlflow.commands.bulletin import bulletin

    ws = _workspace(tmp_path)
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    bulletin(ws, Period.parse("2015-H1"), now=NOW)
    later = bulletin(ws, Period.parse("2015-H1"), now=NOW + dt.timedelta(days=2))
    assert "通报_2015年上半年.xlsx 内容没有变化，保留原文件" in later.lines
    lines = narrative_lines(openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx"))
    assert lines[-1] == "2015年7月3日\u3000\u3000"  # the file kept is the earlier one, with its date


def test_a_year_bulletin_run_in_july_says_so_in_its_summary(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "台账中已有3月的数据，1—2月、4—12月尚未汇总：任务数为全年任务，报送数、完成率、采用率为截至目前的累计" in result.output
    assert "已达到全年任务数 0 个单位，尚未达到 34 个（1—2月、4—12月尚无数据，不作未完成认定），其中无稿件计入 31 个" in result.output
    assert "未完成 " not in result.output


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
    for name in ("通报_2015年03月.xlsx", "工作底稿_2015年03月.xlsx"):
        with zipfile.ZipFile(ws.out / name) as archive:
            text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
        assert "13800000000" not in text and "赵六" not in text, name


def test_an_unchanged_bulletin_is_recognised_by_another_process(tmp_path: Path) -> None:
    """The fingerprint must not depend on the process (string hashing, dict order)."""
    import os

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
    for name in ("通报", "工作底稿", "奖励计算表"):
        assert f"{name}_2015年第一季度.xlsx 内容没有变化，保留原文件" in again

    # an edited narrative template changes what the bulletin says: a new bulletin, the old one kept
    template = ws.narrative_dir / "通报.txt.j2"
    template.parent.mkdir(exist_ok=True)
    template.write_text("# 通报\n本期共计入{{ total.submitted }}篇。\n", encoding="utf-8")
    edited = run("3")
    assert "通报_2015年第一季度.xlsx 内容有变化" in edited
    assert "奖励计算表_2015年第一季度.xlsx 内容没有变化" in edited


@pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice or poppler-utils is not installed")
def test_the_half_year_table_prints_on_one_portrait_a4_page(tmp_path: Path) -> None:
    """The demo's half-year bulletin printed by LibreOffice: 完成情况 — title, every unit, 合计 and the notes — on
    one portrait A4 page; the leaders' copy is a handful of pages, not the coordinator's lists."""
    from xlflow.commands.demo import run_demo

    root = tmp_path / "demo"
    run_demo(root)
    pages = printed_pages(root / "out" / "通报_2015年上半年.xlsx", tmp_path)
    table = [(text, size) for text, size in pages if "单位名称" in text and "排名" in text]  # 完成情况's header
    assert len(table) == 1
    text, (width, height) = table[0]
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
    for name in ("2015年上半年政务信息报送和采用情况表", "岳阳县工信局", "退二进三办", "综合法规科小计", "34个单位", "注：1. 排名按完成率"):
        assert name in text, name
    assert len(pages) <= 10
    assert not any("问题稿件" in text or "未匹配" in text for text, _ in pages)


# --- the reward workbook -------------------------------------------------------------------------------


def test_a_changed_bulletin_open_in_excel_is_named_and_the_others_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel on Windows locks an open workbook: the old 工作底稿 cannot be renamed aside. The summary is printed,
    each of the three books says what became of it (the two unchanged are not listed as written), the failure is
    one line with the command to run again, exit 1; the open file is left as it was."""
    from xlflow.commands.bulletin import bulletin
    from xlflow.core import model

    ws = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    assert runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)]).exit_code == 0
    papers = ws.out / "工作底稿_2015年上半年.xlsx"
    before = papers.read_bytes()
    monkeypatch.setitem(model.SEVERITY_LABEL, model.ERROR, "严重错误")  # the 工作底稿 changes
    real_rename = Path.rename

    def locked(self: Path, target: object) -> Path:
        if self.name == papers.name:
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", locked)
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "--date", "2015-07-03", "-w", str(ws.root)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    out = result.output
    assert out.startswith("2015年上半年通报、工作底稿和奖励计算表：1 本未能写入（见“请注意”）\n")
    assert "  通报_2015年上半年.xlsx 内容没有变化，落款日期改为 2015年7月3日\n" in out  # only its date is new: in place
    assert "  奖励计算表_2015年上半年.xlsx 内容没有变化，保留原文件\n" in out
    assert (
        f"  ! 无法写入 {papers}：没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；"
        f"如果该文件正在 Excel 或 WPS 中打开，请先关闭后重新运行 xlflow -w {ws.root} bulletin --period 2015-H1 --date 2015-07-03\n"
    ) in out  # no errno text of the operating system; the command as it was typed
    assert out.endswith(f"已写入：\n  {ws.out / '通报_2015年上半年.xlsx'}\n")  # not the 奖励计算表 left as it was
    again = bulletin(ws, Period.parse("2015-H1"))
    assert again.exit_code == 1 and again.paths == []  # no --date: the notice keeps its 2015年7月3日
    assert again.warnings[-1] == (
        f"无法写入 {papers}：没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；"
        "如果该文件正在 Excel 或 WPS 中打开，请先关闭后重新运行 xlflow bulletin --period 2015-H1"
    )  # the whole command: run from Python, no typed line to take it from
    assert papers.read_bytes() == before
    assert not list(ws.out.glob("工作底稿_2015年上半年（旧版*")) and not list(ws.out.glob(".~xlflow-*"))


def test_an_unreadable_roster_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    ws.roster_path.write_bytes(b"PK\x03\x04 half a roster")
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "通讯员名册未能读取（" in result.output and "未填通讯员的稿件按“未填通讯员”汇总" in result.output
    assert (ws.out / "通报_2015年上半年.xlsx").is_file()


def test_a_matched_adoption_with_a_problem_is_still_named(tmp_path: Path) -> None:
    """A 采用日期 without its year (April's, or next January's?) on a matched adoption: the adoption counts, and
    the bulletin's summary asks for the date, naming the register row."""
    ws = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [["岳阳县工信局", "岳阳县三月稿件0", "市委办", "市级", "4月2日", "全文采用", "", ""]])
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output
    assert "采用登记表第 4 行 岳阳县工信局《岳阳县三月稿件0》：采用日期“4月2日”没有写年份：请在采用登记表中改正（采用已计入）" in result.output
    adopted = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["采用明细"]  # review Y1: as typed, not blank
    assert [c.value for c in adopted[4]] == [1, YY, "岳阳县三月稿件0", "市委办", "市级", "全文采用", "无", "4月2日", "2015年3月"]
    assert adopted["H4"].data_type == "s"


# --- the notice agrees with 附件1: leaders by the table's rank, ties named, rates rounded as Excel shows them ---------


def _year_text(units: UnitTable, settings: Settings, sent: dict[str, int], adopted: dict[str, int] | None = None) -> str:
    """The 2015 notice when each unit of `sent` has that many counted articles, the first `adopted[unit]` adopted."""
    articles = [article(unit, f"{unit}稿件{i}", f"2015-{1 + i % 12:02d}") for unit, n in sent.items() for i in range(n)]
    adoptions = [adoption(unit, f"{unit}稿件{i}") for unit, n in (adopted or {}).items() for i in range(n)]
    matched = match_adoptions(adoptions, articles)
    rates = compute_rates(units, Period.parse("2015"), articles, matched, settings)
    by_key = {(a.unit, a.title_key): a for a in articles}
    data = BulletinData(settings, Period.parse("2015"), rates, [(a, by_key[(a.unit_name, a.title_key)]) for a in matched],
                        [], [], silent_units(rates, {}), unit_order={u.name: u.seq for u in units})  # fmt: skip
    return render_narrative(narrative_context(data, now=None))


_SIX = ("办公室", "离退休人员管理服务科", "人事科", "财务科", "机关党委", "工业公会")


def test_the_leaders_follow_the_tables_rank_and_keep_the_ties(units: UnitTable, settings: Settings) -> None:
    """7 units score 100.0: 退二进三办 (200 %) ranks 1st, six tie at 2nd; all six are named, none cut after five."""
    text = _year_text(units, settings, {**dict.fromkeys(_SIX, 4), "退二进三办": 8}, {**dict.fromkeys(_SIX, 2), "退二进三办": 3})
    assert (
        "得分居前的单位：退二进三办（100.0分）、办公室（100.0分）、离退休人员管理服务科（100.0分）、人事科（100.0分）、"
        "财务科（100.0分）、机关党委（100.0分）、工业公会（100.0分）。各单位得分见附件1。"
    ) in text
    assert (
        "采用较多的单位：退二进三办（3篇）、办公室（2篇）、离退休人员管理服务科（2篇）、人事科（2篇）、财务科（2篇）、"
        "机关党委（2篇）、工业公会（2篇）。"
    ) in text


def test_a_tie_too_large_to_name_is_counted(units: UnitTable, settings: Settings) -> None:
    """Every unit on quota, 岳阳县 one article adopted: 综合法规科 (60 sent) 2nd, twenty units with 48 sent tie 3rd."""
    sent = {u.name: int(u.quota(Period.parse("2015"))) for u in units}
    text = _year_text(units, settings, sent, {YY: 1})
    assert "得分居前的单位：岳阳县工信局（72.1分）、综合法规科（70.0分），另有20个单位并列第3名（均为70.0分）。各单位得分见附件1" in text
    text = _year_text(units, settings, sent, dict.fromkeys(list(sent)[:12], 1))  # the twelve counties
    assert "12个单位各有1篇被采用。" in text and "采用较多的单位" not in text
    assert "12个单位并列第1名（均为72.1分）。各单位得分见附件1" in text and "得分居前" not in text


def test_when_every_unit_scores_the_same_the_notice_says_so(units: UnitTable, settings: Settings) -> None:
    sent = {u.name: int(u.quota(Period.parse("2015"))) for u in units}
    text = _year_text(units, settings, sent)
    assert "各单位得分均为70.0分，排名见附件1。" in text
    assert "得分居前" not in text


def test_the_notice_rounds_a_rate_half_up_as_the_table_shows_it(units: UnitTable, settings: Settings) -> None:
    """63 of 48 is 131.25 %: Excel shows 131.3 % in 附件1, so must the text; the scoring rule says 100% and 30%."""
    text = _year_text(units, settings, {"经济运行科": 63, "投资规划科": 51})
    assert "超额完成任务的单位（2个）：经济运行科（131.3%）、投资规划科（106.3%）。" in text
    assert "年度考核得分按完成率（满分70分，完成率达到100%得满分）和采用率（满分30分，采用率达到30%得满分）计算。" in text


def test_the_notice_names_the_reasons_its_articles_were_not_counted(units: UnitTable, settings: Settings) -> None:
    data = bulletin_data(units, settings)
    only_r2 = [Finding("岳阳县.xlsx", "信息报送登记表", 7, "是否含情况分析", "F7", "R2", ERROR, "缺少情况分析", YY, "2015-03")]
    (text,) = render("通报.txt.j2", [narrative_context(dataclasses.replace(data, findings=only_r2), now=None)])
    assert "另有1篇稿件因缺少情况分析未计入。本期共发现错误1条" in text
    assert "字数不足" not in text and "等问题" not in text


def test_a_department_head_s_instruction_is_paid_at_its_city_or_province(tmp_path: Path) -> None:
    """市委宣传部长 is the city's, 省委组织部部长 the province's (a "部" is no ministry); a 经信委 director's 批示 names
    none of the schedule's levels: flagged, no bonus, the adoption still paid."""
    ws = _workspace(tmp_path)
    write_schedule(ws.reward_schedule_path)  # bonus 市级 100, 省级 300, 国家级 500
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(
        ws.adoption_path,
        [
            [YY, "岳阳县三月稿件0", "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "市委宣传部长批示", ""],
            [YY, "岳阳县三月稿件1", "省委办公厅", "省级", dt.date(2015, 4, 3), "全文采用", "省委组织部部长批示", ""],
            [YY, "岳阳县三月稿件2", "省经信委", "省经信委", dt.date(2015, 4, 3), "全文采用", "省经信委主任批示", ""],
        ],
    )
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用登记表第 6 行 岳阳县工信局《岳阳县三月稿件2》：领导批示“省经信委主任批示”无法识别" in result.output
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年上半年.xlsx", data_only=True)["奖励明细"]
    paid = {r[2]: r[3:7] for r in rewards.iter_rows(min_row=4, values_only=True) if r[1] == YY}
    assert paid == {
        "岳阳县三月稿件0": ("市级", "全文采用", "市级", 300),  # 200 + 100, not the 500 of 国家级
        "岳阳县三月稿件1": ("省级", "全文采用", "省级", 800),  # 500 + 300
        "岳阳县三月稿件2": ("省经信委", "全文采用", "无", 300),  # no bonus until the level is said
    }


def test_a_county_leader_s_or_an_unread_instruction_says_why_it_earns_no_bonus(tmp_path: Path) -> None:
    """汨罗市 is a county-level city (one of the units): its 市委书记's 批示 is no 市级 one. An unread 批示 is listed
    in the 工作底稿 with what to fix, and the 奖励计算表 says why it earned no bonus (review 5b)."""
    ws = _workspace(tmp_path)
    write_schedule(ws.reward_schedule_path)  # bonus 市级 100, 省级 300, 国家级 500
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(
        ws.adoption_path,
        [
            [YY, "岳阳县三月稿件0", "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "汨罗市委书记批示", ""],
            [YY, "岳阳县三月稿件1", "省委办公厅", "省级", dt.date(2015, 4, 3), "全文采用", "部长批示", ""],
            [YY, "岳阳县三月稿件2", "市委办", "市级", dt.date(2015, 4, 3), "全文采用", "岳阳市委书记批示", ""],
        ],
    )
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年上半年.xlsx", data_only=True)["奖励明细"]
    paid = {r[2]: (*r[3:7], r[8]) for r in rewards.iter_rows(min_row=4, values_only=True) if r[1] == YY}
    assert paid == {
        "岳阳县三月稿件0": ("市级", "全文采用", "无", 200, "县级领导批示，奖励标准只对市级、省级、国家级批示加奖，未计批示奖励"),
        "岳阳县三月稿件1": (
            "省级", "全文采用", "无", 500, "领导批示“部长批示”级别无法识别，未计批示奖励：请在采用登记表中写明市级、省级或国家级"
        ),
        "岳阳县三月稿件2": ("市级", "全文采用", "市级", 300, None),
    }
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年上半年.xlsx")["采用登记待核对"]
    listed = [r for r in papers.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert (papers["A1"].value, papers["A2"].value) == (
        "采用登记中待核对的行",
        "采用登记表中共 0 行未计入采用数、采用率和奖励，另有 1 行已计入采用但须改正：请按“问题”一栏改正采用登记表后，"
        "重新运行 xlflow bulletin --period 2015-H1",
    )
    assert listed == [
        (5, YY, "岳阳县三月稿件1", "省级", "全文采用",
         "领导批示“部长批示”无法识别，请填写无、市级、省级或国家级（改正前不计批示奖励）；采用已计入", "（已对应到已报送稿件）", "采用登记表"),
    ]  # fmt: skip
    bulletin = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["采用明细"]
    shown = {r[2]: r[6] for r in bulletin.iter_rows(values_only=True) if r[1] == YY}
    assert shown == {"岳阳县三月稿件0": "县级", "岳阳县三月稿件1": "部长批示", "岳阳县三月稿件2": "市级"}


def test_bulletin_is_quiet_when_the_schedule_sets_the_policy_init_left_at_its_default(tmp_path: Path) -> None:
    """The coordinator sets 累计 in 奖励标准.xlsx as its note says; xlflow.toml as init wrote it is no contradiction."""
    ws = _workspace(tmp_path)
    write_schedule(ws.reward_schedule_path, policy="累计")
    assert 'policy = "仅最高级别"' in ws.settings_path.read_text(encoding="utf-8")  # as init writes it
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计奖方式：累计" in result.output and "xlflow.toml 的 [rewards] policy" not in result.output


def test_bulletin_says_when_the_settings_policy_is_not_the_schedule_s(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)  # its 奖励标准 says 仅最高级别
    toml = ws.settings_path
    toml.write_text(toml.read_text(encoding="utf-8").replace('policy = "仅最高级别"', 'policy = "累计"    '), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "的计奖方式是“仅最高级别”，xlflow.toml 的 [rewards] policy 却是“累计”：按奖励标准计奖" in result.output


# --- an adoption registered after its period's bulletin (review 4a) ----------------------------------------


def test_an_adoption_registered_after_the_half_year_bulletin_names_the_bulletins_it_changes(tmp_path: Path) -> None:
    """A March article adopted in July is registered after the H1 bulletin was made. It counts in March (its
    article's month), so the July consolidation names the March, first-quarter and first-half bulletins in out/
    as out of date, and does not rewrite them; the bulletin it makes itself (July) is not named. Every later run
    names them again until each is written again (review C5)."""
    from xlflow.commands.bulletin import bulletin
    from xlflow.commands.consolidate import consolidate

    ws = _workspace(tmp_path)
    now = dt.datetime(2015, 7, 3, 9, 0)
    consolidate(ws, Period.parse("2015-03"), None, now=now)
    for period in ("2015-Q1", "2015-H1"):
        assert bulletin(ws, Period.parse(period), now=now).exit_code == 0
    h1 = (ws.out / "通报_2015年上半年.xlsx").read_bytes()
    write_register(ws.adoption_path, [["岳阳县工信局", "岳阳县三月稿件2", "省政府办公厅", "省级", dt.date(2015, 7, 10), "全文采用", "", ""]])
    write_report(ws.inbox / "2015-07" / "岳阳县.xlsx", YY, [report_row("岳阳县七月稿件", month=7)], month="2015年7月")
    july = consolidate(ws, Period.parse("2015-07"), None, now=now.replace(month=8))
    assert [w for w in july.warnings if "不是最新的" in w] == [
        f"已有的 通报_2015年{name}.xlsx 不是最新的：采用登记表中2015年3月稿件的采用有变化（通报和奖励计算表都要更新）；"
        f"要更新，请运行 xlflow bulletin --period {key}"
        for name, key in (("03月", "2015-03"), ("第一季度", "2015-Q1"), ("上半年", "2015-H1"))
    ]
    assert (ws.out / "通报_2015年上半年.xlsx").read_bytes() == h1
    runner = CliRunner()
    for period, named in (("2015-07", "03月、第一季度、上半年"), ("2015-H1", "03月、第一季度"), ("2015-06", "03月、第一季度"),
                          ("2015-Q1", "03月"), ("2015-03", "")):  # fmt: skip
        result = runner.invoke(cli, ["-w", str(ws.root), "bulletin", "--period", period, "--date", "2015-07-03"])
        assert result.exit_code == 0, result.output  # review C5: named on every run until each is written again
        stale = re.findall(r"已有的 通报_2015年(\S+)\.xlsx 不是最新的：采用登记表中2015年3月稿件", result.output)
        assert "、".join(stale) == named, period
    adopted = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["采用明细"]
    assert "岳阳县三月稿件2" in [c.value for row in adopted.iter_rows() for c in row]


def test_a_record_of_an_older_version_still_names_its_bulletins(tmp_path: Path) -> None:
    """A workspace whose .xlflow-adoptions.json is the older one (the adoptions as last read, for all bulletins):
    the bulletins in out/ are compared with it, on every run until each is written again."""
    ws = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    ws.adoption_record_path.write_text('{"adoptions": []}', encoding="utf-8")
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件2", "省政府办公厅", "省级", dt.date(2015, 4, 10), "全文采用", "", ""]])
    for period, stale in (("2015-Q1", True), ("2015-Q1", True), ("2015-03", False), ("2015-Q1", False)):
        result = runner.invoke(cli, ["bulletin", "--period", period, "-w", str(ws.root), "--date", "2015-04-15"])
        assert result.exit_code == 0, result.output
        assert ("已有的 通报_2015年03月.xlsx 不是最新的：采用登记表中2015年3月稿件的采用有变化" in result.output) is stale


def test_a_date_before_the_period_ends_is_questioned(tmp_path: Path) -> None:
    """Review C8: a 2015 Q1 notice signed 2014年4月3日 (last year's year typed), or (review L9) more than a year after
    the period (2051), is written with a warning; a date within a period reported to date (the half year in April,
    only March consolidated) is meant: no warning."""
    ws = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    said = {}
    for period, date in (("2015-03", "2014-04-03"), ("2015-03", "2015-03-20"), ("2015-03", "2015-03-31"),
                         ("2015-H1", "2015-04-10"), ("2015-H1", "2051-07-03"), ("2015-H1", "2016-06-30"),
                         ("2015-H1", "2014-07-03")):  # fmt: skip
        result = runner.invoke(cli, ["bulletin", "--period", period, "-w", str(ws.root), "--date", date])
        assert result.exit_code == 0, result.output
        said[period, date] = [line.strip() for line in result.output.splitlines() if "! 落款日期" in line]
    assert said == {
        ("2015-03", "2014-04-03"): ["! 落款日期 2014年4月3日 早于2015年3月结束（3月31日）：请核对 --date"],
        ("2015-03", "2015-03-20"): ["! 落款日期 2015年3月20日 早于2015年3月结束（3月31日）：请核对 --date"],
        ("2015-03", "2015-03-31"): [],
        ("2015-H1", "2015-04-10"): [],
        ("2015-H1", "2014-07-03"): ["! 落款日期 2014年7月3日 早于2015年上半年结束（6月30日）：请核对 --date"],
        # review L9: a year mistyped the other way (2051 for 2015); a year after the period is still meant
        ("2015-H1", "2051-07-03"): ["! 落款日期 2051年7月3日 比2015年上半年结束（6月30日）晚一年以上：请核对 --date（年份是否写错）"],
        ("2015-H1", "2016-06-30"): [],
    }
    notice = openpyxl.load_workbook(ws.out / "通报_2015年上半年.xlsx")["通报"]
    assert "2014年7月3日\u3000\u3000" in [c.value for row in notice.iter_rows() for c in row]  # warned, not refused


def test_the_adoptions_of_a_quarterly_unit_s_earlier_month_are_told_apart(tmp_path: Path) -> None:
    """Review C6: the March bulletin's 采用明细 lists the adoption of a quarterly unit's February article (quarter to
    date), the March reward workbook does not (paid in February's): the caption says which and how many."""
    ws = make_workspace(tmp_path / "ws")
    for month in (2, 3):
        write_report(ws.inbox / f"2015-{month:02d}" / "办公室.xlsx", "办公室", [report_row(f"办公室{month}月动态", month=month)],
                     month=f"2015年{month}月")  # fmt: skip
    runner = CliRunner()
    for month in ("2015-02", "2015-03"):
        assert runner.invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [["办公室", f"办公室{m}月动态", "", "市级", dt.date(2015, 3, 25), "全文采用", "", ""] for m in (2, 3)])
    february = runner.invoke(cli, ["bulletin", "--period", "2015-02", "-w", str(ws.root), "--date", "2015-04-03"])
    assert february.exit_code == 0, february.output
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root), "--date", "2015-04-03"])
    assert result.exit_code == 0, result.output
    assert "  期间：2015年3月，34 个单位\n" in result.output  # not 2015年3月（2015年3月）
    adopted = openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")["采用明细"]
    assert adopted["A2"].value == ("共 2 条采用登记，涉及 2 篇稿件；其中 1 条是按季度考核单位2月稿件的采用：计入本通报的采用数，"
                                   "奖励列在2月的奖励计算表中")  # fmt: skip
    rewards = openpyxl.load_workbook(ws.out / "奖励计算表_2015年03月.xlsx")["奖励明细"]
    assert [r[2] for r in rewards.iter_rows(min_row=4, values_only=True) if r[1] == "办公室"] == ["办公室3月动态"]
    # review X5 D6: listed as not paid here, with where it is paid, as the summary says
    notes = [r[0] for r in rewards.iter_rows(min_row=4, values_only=True) if isinstance(r[0], str)]
    assert notes[-2:] == ["以下 1 行采用登记未计奖：", "采用登记表第 4 行：办公室《办公室2月动态》——"
                          "按季度考核单位2月稿件的采用：计入本通报的采用数，奖励列在2月的奖励计算表中"]  # fmt: skip
    assert [line for line in result.output.splitlines() if line.startswith("  奖励 ")] == [
        "  奖励 1 条，合计 150 元（计奖方式：仅最高级别）；另有按季度考核单位2月稿件的采用 1 条，奖励列在2月的奖励计算表中"]
    february = openpyxl.load_workbook(ws.out / "奖励计算表_2015年02月.xlsx")["奖励明细"]
    assert [r[2] for r in february.iter_rows(min_row=4, values_only=True) if r[1] == "办公室"] == ["办公室2月动态"]


# --- the coordinator's books as they are on disk: open in Excel/WPS, saved as .xls -----------------------------------


def excel_owner_file(path: Path, user: str) -> Path:
    """The owner file Excel/WPS keeps beside an open workbook: the user's name in ANSI padded to 54 bytes, then its
    length and the name in UTF-16, padded with spaces."""
    ansi = user.encode("gbk")
    wide = user.encode("utf-16-le")
    path.write_bytes(bytes([len(ansi)]) + ansi.ljust(53, b" ") + len(user).to_bytes(2, "little") + wide + " ".encode("utf-16-le") * (54 - len(user)))
    return path


def _consolidated_with_one_adoption(tmp_path: Path) -> Workspace:
    ws = _workspace(tmp_path)
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [["岳阳县工信局", "岳阳县三月稿件0", "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "", ""]])
    return ws


def test_books_open_in_excel_or_wps_are_named_with_who_has_them(tmp_path: Path) -> None:
    """Unsaved adoptions or amounts are not in the saved file: the bulletin says so, with the name in the owner file."""
    from xlflow.commands.bulletin import bulletin

    ws = _consolidated_with_one_adoption(tmp_path)
    excel_owner_file(ws.root / "~$用登记表.xlsx", "王芳")  # Excel drops a long name's first characters
    (ws.root / ".~lock.奖励标准.xlsx#").write_text("李明,liming,PC-07,01.04.2015 09:30,file:///C:/奖励标准.xlsx;", encoding="utf-8")
    (ws.root / "~$信息任务分配表.xlsx").write_bytes(b"owner")  # no name to read in it
    result = bulletin(Workspace.open(ws.root), Period.parse("2015-Q1"), date=dt.date(2015, 4, 5))
    assert result.exit_code == 0
    assert ("采用登记表.xlsx 可能正在 Excel/WPS 中打开（王芳）：未保存的修改不会计入，请先保存；"
            "如没有人打开它，请删去隐藏文件 ~$用登记表.xlsx") in result.warnings  # a crash leaves the owner file
    assert ("奖励标准.xlsx 可能正在 Excel/WPS 中打开（李明）：未保存的修改不会计入，请先保存；"
            "如没有人打开它，请删去隐藏文件 .~lock.奖励标准.xlsx#") in result.warnings
    assert ("信息任务分配表.xlsx 可能正在 Excel/WPS 中打开：未保存的修改不会计入，请先保存；"
            "如没有人打开它，请删去隐藏文件 ~$信息任务分配表.xlsx") in result.warnings

    for lock in ("~$用登记表.xlsx", ".~lock.奖励标准.xlsx#", "~$信息任务分配表.xlsx"):
        (ws.root / lock).unlink()
    (ws.root / ".~lock.采用登记表.xlsx#").write_text(",,PC-07,01.04.2015 09:30,file:///C:/x;", encoding="utf-8")
    out = CliRunner().invoke(cli, ["bulletin", "--period", "2015-Q1", "-w", str(ws.root)]).output
    assert ("  ! 采用登记表.xlsx 可能正在 Excel/WPS 中打开：未保存的修改不会计入，请先保存；"
            "如没有人打开它，请删去隐藏文件 .~lock.采用登记表.xlsx#\n") in out
    assert out.count("正在 Excel/WPS 中打开") == 1, out


def test_consolidate_status_and_distribute_name_the_books_open_or_beside_an_xls(tmp_path: Path) -> None:
    """consolidate rewrites the month's 通报 and 奖励计算表 from the coordinator's books: what bulletin says about them it
    says too; status and distribute read the quota table and say what concerns it."""
    from xlflow.commands.consolidate import consolidate

    ws = _consolidated_with_one_adoption(tmp_path)
    excel_owner_file(ws.root / "~$采用登记表.xlsx", "王芳")
    (ws.root / "信息任务分配表.xls").write_bytes(b"an older copy")
    beside = "工作区中同时有 信息任务分配表.xlsx 和 信息任务分配表.xls"
    result = consolidate(Workspace.open(ws.root), Period.parse("2015-03"), None)
    assert sum("正在 Excel/WPS 中打开（王芳）" in w for w in result.warnings) == 1, result.warnings
    assert sum(w.startswith(beside) for w in result.warnings) == 1, result.warnings
    runner = CliRunner()
    for args in (["consolidate", "--month", "2015-03"], ["status", "--month", "2015-03"], ["distribute", "--month", "2015-04"]):
        out = runner.invoke(cli, ["-w", str(ws.root), *args])
        assert out.exit_code == 0, out.output
        assert out.output.count(f"  ! {beside}") == 1, (args, out.output)
        assert ("正在 Excel/WPS 中打开（王芳）" in out.output) == (args[0] == "consolidate"), (args, out.output)


def _as_xls(path: Path, rows: list[list[object]]) -> Path:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("采用登记表")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            sheet.write(r, c, value)
    book.save(str(path))
    return path


def test_an_adoption_register_saved_as_xls_is_read_and_an_older_xlsx_named(tmp_path: Path) -> None:
    import os

    from xlflow.core.schema import ADOPTION_COLUMNS

    ws = _consolidated_with_one_adoption(tmp_path)
    header = [c.name for c in ADOPTION_COLUMNS]
    rows = [["岳阳县工信局", f"岳阳县三月稿件{i}", "市委办", "市级", "2015-04-02", "全文采用", "", ""] for i in (0, 1)]
    xls = _as_xls(ws.root / "采用登记表.xls", [header, *rows])
    os.utime(ws.adoption_path, (1_420_000_000, 1_420_000_000))  # the .xlsx saved before the .xls
    runner = CliRunner()
    both = runner.invoke(cli, ["bulletin", "--period", "2015-Q1", "-w", str(ws.root)])
    assert both.exit_code == 0, both.output
    assert "采用 1 篇" in both.output  # the .xlsx is what is read …
    assert (
        "  ! 工作区中同时有 采用登记表.xlsx 和 采用登记表.xls（.xls 是后保存的）：读的是 采用登记表.xlsx；"
        "如果最新的内容在 采用登记表.xls 中，请把它另存为 采用登记表.xlsx（Excel 工作簿），再把 采用登记表.xls 移出工作区"
    ) in both.output

    ws.adoption_path.unlink()  # saved as .xls instead: read, not a bulletin of 0 adoptions
    only = runner.invoke(cli, ["bulletin", "--period", "2015-Q1", "-w", str(ws.root)])
    assert only.exit_code == 0, only.output
    assert "采用 2 篇" in only.output
    assert "找不到采用登记表" not in only.output and "同时有" not in only.output
    from xlflow.commands.bulletin import bulletin

    result = bulletin(Workspace.open(ws.root), Period.parse("2015-Q1"))
    assert result.data["rates"].total.adopted == 2
    assert xls.is_file()


def _saved_as_xls(path: Path) -> Path:
    """`path` saved as Excel 97-2003 (values only, every sheet) and the .xlsx removed, as the coordinator may do."""
    import xlwt

    book, xls = xlwt.Workbook(), path.with_suffix(".xls")
    for sheet in openpyxl.load_workbook(path, data_only=True):
        out = book.add_sheet(sheet.title)
        for r, row in enumerate(sheet.iter_rows(values_only=True)):
            for c, value in enumerate(row):
                if value is not None:
                    out.write(r, c, value if isinstance(value, (int, float, str)) else str(value))
    book.save(str(xls))
    path.unlink()
    return xls


def test_init_and_the_api_take_books_saved_as_xls_as_present(tmp_path: Path) -> None:
    """init only rebuilds a missing book: one saved as .xls is there (every command reads it), and so it reads for the API."""
    import xlflow

    ws = _consolidated_with_one_adoption(tmp_path)
    for book in (ws.quota_path, ws.adoption_path):
        _saved_as_xls(book)
    result = CliRunner().invoke(cli, ["init", str(ws.root), "--year", "2015"])
    assert result.exit_code == 1, result.output
    assert "已经是 xlflow 工作区" in result.output and "回收站" not in result.output
    assert not ws.quota_path.exists() and not ws.adoption_path.exists()
    (ws.root / "奖励标准.xlsx").unlink()
    result = CliRunner().invoke(cli, ["init", str(ws.root), "--year", "2015"])
    assert result.exit_code == 0, result.output
    assert "补建：奖励标准.xlsx" in result.output and "回收站" not in result.output
    assert not ws.quota_path.exists() and not ws.adoption_path.exists()
    adopted = xlflow.Workspace(ws.root).adoptions("2015-03")
    assert list(adopted["信息标题"]) == ["岳阳县三月稿件0"]


def test_one_month_of_data_after_missing_ones_is_named(units: UnitTable, settings: Settings) -> None:
    """Only March in the ledger for the half year: the figures are March's, not 这1个月's."""
    text = "\n".join(narrative_lines(bulletin_book(bulletin_data(units, settings, data_months=["2015-03"]))))
    assert "目前台账中只有3月的数据，1—2月、4—6月尚未汇总。本通报中报送数、完成率、采用率均为3月的累计，" in text
    assert "这1个月" not in text


def test_a_completion_above_the_cap_scores_the_full_marks_and_no_more(tmp_path: Path) -> None:
    """completion_weight 60, completion_cap 1.2: 办公室 with 5 of its 4 (125%) scores the 60 the notice promises
    (满分60分), not 72; 岳阳县 with 5 of 48 scores 60 × 5/48 ÷ 1.2 = 5.2; the note says so in words."""
    ws = make_workspace(tmp_path / "ws")
    toml = ws.root / "xlflow.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r"completion_cap = [\d.]+", "completion_cap = 1.2",
                           re.sub(r"completion_weight = [\d.]+", "completion_weight = 60", text)), encoding="utf-8")  # fmt: skip
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row(f"岳阳县三月稿件{i}") for i in range(5)])
    write_report(ws.inbox / "2015-03" / "办公室.xlsx", OFFICE, [report_row(f"办公室季度稿件{i}") for i in range(5)])
    runner = CliRunner()
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = runner.invoke(cli, ["bulletin", "--period", "2015", "--date", "2016-01-08", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(ws.out / "通报_2015年.xlsx")
    sheet = book["完成情况"]
    assert [c.value for c in sheet[_row_of(sheet, OFFICE)]][2:] == [4, 5, 1.25, 0, 0, 1, 60]
    yy = [c.value for c in sheet[_row_of(sheet, YY)]][2:]
    assert yy[:2] + yy[3:] == [48, 5, 0, 0, 2, 5.2] and yy[2] == pytest.approx(5 / 48)
    assert any("完成率得分满分60分，完成率达到120%得满分，不足的按比例折算；" in str(c.value) for c in sheet["A"])
    assert "年度考核得分按完成率（满分60分，完成率达到120%得满分）和采用率" in "\n".join(narrative_lines(book))
