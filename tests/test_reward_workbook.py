"""The reward workbook (奖励计算表) read back with openpyxl: names that Excel would read as patterns, one person under
one spelling, totals that are formulas, a schedule whose yellow cells are the ones that matter.

The recalculation in LibreOffice lives in test_reward_workbook_libreoffice.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_bulletin import adoption, article, write_register, write_schedule
from helpers_ledger import make_workspace, report_row, write_report

import xlflow
from xlflow.cli import cli
from xlflow.commands.bulletin import bulletin
from xlflow.compute.rewards import EXAMPLE_SCHEDULE, compute_rewards
from xlflow.core.model import Adoption, Article
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.writers.rewards import RewardData, write_reward_workbook

YY = "岳阳县工信局"
PJ = "平江县工信局"
# a name Excel's COUNTIF/SUMIF would read as a wildcard, a comparison or an escape, or that looks like a formula
HOSTILE_PEOPLE = ("*", "<>", "~", "?", "=", "=x", "+x", "-x", "@x", ">5", "~*")
HOSTILE_UNITS = ("*", "<>", "~", "?", "=", "=A1", "+1", "-1", "@x")
YELLOW = "FFF2CC"


def hostile_inputs() -> tuple[list[Article], list[Adoption]]:
    """Articles and their adoptions (EXAMPLE_SCHEDULE amounts in the comments)."""
    articles = [
        article(YY, "岳阳稿件1", reporter="刘 军"),
        article(YY, "岳阳稿件2", reporter="刘军"),
        article(YY, "岳阳稿件3", reporter="Li Lei"),
        article(YY, "岳阳稿件4", reporter="ＬＩ\u3000ＬＥＩ"),
        *(article(YY, f"岳阳名字稿件{i}", reporter=name) for i, name in enumerate(HOSTILE_PEOPLE)),
        article(PJ, "平江稿件", reporter="刘军"),
        *(article(unit, f"{unit}的稿件", reporter="张三") for unit in HOSTILE_UNITS),
    ]
    adoptions = [
        adoption(YY, "岳阳稿件1", "国家级", "全文采用", "国家级"),  # 500 + 500
        adoption(YY, "岳阳稿件2", "市级", "全文采用"),  # 150
        adoption(YY, "岳阳稿件3", "省级", "部分采用"),  # 200
        adoption(YY, "岳阳稿件4", "省经信委", "综合采用"),  # 50
        *(adoption(YY, f"岳阳名字稿件{i}", "市级", "全文采用") for i in range(len(HOSTILE_PEOPLE))),  # 150 each
        adoption(PJ, "平江稿件", "市经信委", "全文采用"),  # 100
        *(adoption(unit, f"{unit}的稿件", "市经信委", "部分采用") for unit in HOSTILE_UNITS),  # 50 each
    ]
    return articles, adoptions


def hostile_workbook(units: UnitTable) -> bytes:
    articles, adoptions = hostile_inputs()
    result = compute_rewards(adoptions, EXAMPLE_SCHEDULE, articles, units=units)
    buffer = io.BytesIO()
    write_reward_workbook(buffer, RewardData(Period.parse("2015-H1"), EXAMPLE_SCHEDULE, result))
    return buffer.getvalue()


def load_both(data: bytes) -> tuple[openpyxl.Workbook, openpyxl.Workbook]:
    return openpyxl.load_workbook(io.BytesIO(data)), openpyxl.load_workbook(io.BytesIO(data), data_only=True)


def table(sheet, first_row: int = 4) -> list[list[object]]:  # type: ignore[no-untyped-def]
    rows = []
    for row in sheet.iter_rows(min_row=first_row, values_only=True):
        if row[0] == "合计":
            break
        rows.append(list(row))
    return rows


def test_unit_and_person_totals_with_hostile_names(units: UnitTable) -> None:
    formulas, cached = load_both(hostile_workbook(units))
    assert table(cached["单位汇总"]) == [
        [1, YY, 15, 3050], [2, PJ, 1, 100],
        *([i, unit, 1, 50] for i, unit in enumerate(HOSTILE_UNITS, start=3)),
    ]  # fmt: skip
    assert table(cached["个人汇总"]) == [
        [1, "刘军", YY, 2, 1150], [2, "LiLei", YY, 2, 250],
        *([i, name, YY, 1, 150] for i, name in enumerate(HOSTILE_PEOPLE, start=3)),
        [14, "刘军", PJ, 1, 100],  # the same name in another unit: another person
        *([i, "张三", unit, 1, 50] for i, unit in enumerate(HOSTILE_UNITS, start=15)),
    ]  # fmt: skip
    last = 3 + 25  # 25 reward rows from row 4
    assert formulas["奖励明细"][f"G{last + 1}"].value == f"=SUM(G4:G{last})" and cached["奖励明细"][f"G{last + 1}"].value == 3600
    unit_total = [c.value for c in cached["单位汇总"][4 + 11]]
    person_total = [c.value for c in cached["个人汇总"][4 + 23]]
    assert unit_total[0] == "合计" and unit_total[2:] == [25, 3600]
    assert person_total[0] == "合计" and person_total[3:] == [25, 3600]
    # names are text cells, never formulas
    for sheet, col in (("单位汇总", "B"), ("个人汇总", "B"), ("个人汇总", "C"), ("奖励明细", "B"), ("奖励明细", "H")):
        cells = [c for c in formulas[sheet][col][3:] if c.value in (*HOSTILE_PEOPLE, *HOSTILE_UNITS)]
        assert cells and all(c.data_type == "s" for c in cells), (sheet, col)


def test_formulas_never_contain_unit_text(units: UnitTable) -> None:
    formulas, _ = load_both(hostile_workbook(units))
    seen = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                seen += 1
                bare = str(cell.value).replace("'奖励明细'!", "").replace("'奖励标准'!", "")
                # cell references, function names and operators only: no quoted text, no *, <, >, ~, ?, @
                assert re.fullmatch(r"=[A-Z0-9$:,()=+\-]+", bare), (sheet.title, cell.coordinate, cell.value)
                assert not re.search(r"COUNTIF|SUMIF", bare), (sheet.title, cell.coordinate, cell.value)
    assert seen == 25 + 1 + 1 + 2 * 11 + 2 + 2 * 23 + 2  # amounts, 合计, caption total, unit rows + total, people + total
    person = formulas["个人汇总"]
    assert person["D4"].value == "=SUMPRODUCT(--('奖励明细'!$H$4:$H$28=B4),--('奖励明细'!$B$4:$B$28=C4))"
    assert person["E4"].value == "=SUMPRODUCT(--('奖励明细'!$H$4:$H$28=B4),--('奖励明细'!$B$4:$B$28=C4),'奖励明细'!$G$4:$G$28)"
    assert formulas["单位汇总"]["D4"].value == "=SUMPRODUCT(--('奖励明细'!$B$4:$B$28=B4),'奖励明细'!$G$4:$G$28)"


def test_one_person_one_spelling_in_the_detail(units: UnitTable) -> None:
    _, cached = load_both(hostile_workbook(units))
    detail = {row[2]: row for row in table(cached["奖励明细"])}
    # the detail's 通讯员 is what the per-person formulas compare: every row of a person shows the same spelling
    assert [detail[f"岳阳稿件{i}"][7] for i in (1, 2, 3, 4)] == ["刘军", "刘军", "LiLei", "LiLei"]
    assert detail["岳阳稿件1"][8] == "通讯员原写作“刘 军”"
    assert detail["岳阳稿件2"][8] is None  # typed as shown: nothing to explain
    assert detail["岳阳稿件4"][8] == "通讯员原写作“ＬＩ\u3000ＬＥＩ”"
    assert detail["平江稿件"][7] == "刘军"


def test_detail_caption_shows_no_typed_total(units: UnitTable) -> None:
    formulas, cached = load_both(hostile_workbook(units))
    detail, values = formulas["奖励明细"], cached["奖励明细"]
    caption = detail["A2"].value
    assert caption.startswith("计奖方式：仅最高级别") and not re.search(r"\d,\d{3}|合计|共 \d", caption)
    assert "A2:F2" in {str(m) for m in detail.merged_cells.ranges} and "G2:I2" in {str(m) for m in detail.merged_cells.ranges}
    # the number under the title is the live 合计 cell, shown as "合计 3,600 元"
    assert detail["G2"].value == "=G29" and values["G2"].value == 3600
    assert detail["G2"].number_format == '"合计 "#,##0" 元"'


def test_detail_without_rewards_has_no_total(units: UnitTable) -> None:
    buffer = io.BytesIO()
    write_reward_workbook(buffer, RewardData(Period.parse("2015-03"), EXAMPLE_SCHEDULE, compute_rewards([], EXAMPLE_SCHEDULE, [])))
    formulas, _ = load_both(buffer.getvalue())
    detail = formulas["奖励明细"]
    assert "A2:I2" in {str(m) for m in detail.merged_cells.ranges}
    assert detail["A4"].value == "本期没有计奖的采用登记。"
    assert not [c for sheet in formulas.worksheets for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def _fill(cell) -> str:  # type: ignore[no-untyped-def]
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else ""


def test_only_the_cells_that_matter_are_yellow(units: UnitTable) -> None:
    formulas, _ = load_both(hostile_workbook(units))
    yellow = {(s.title, c.coordinate) for s in formulas.worksheets for row in s.iter_rows() for c in row if _fill(c) == YELLOW}
    amounts = {("奖励标准", f"{col}{r}") for col in "BCD" for r in range(4, 9)}
    bonus = {("奖励标准", f"B{r}") for r in range(11, 15)}
    assert yellow == amounts | bonus
    schedule = formulas["奖励标准"]
    # the policy is shown grey, without a drop-down, with where it is set
    assert schedule["A16"].value == "计奖方式" and schedule["B16"].value == "仅最高级别"
    assert _fill(schedule["B16"]) == "F2F2F2"
    assert not schedule.data_validations.dataValidation
    assert schedule["C16"].value == "在工作区的“奖励标准.xlsx”中设定，本表中不能改"
    assert "C16:E16" in {str(m) for m in schedule.merged_cells.ranges}


# --- through the command line ------------------------------------------------------------------------------


def test_bulletin_cli_one_row_per_person(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)  # 市级 全文采用 200, 市经信委 全文采用 100
    march = ws.inbox / "2015-03"

    def row(title: str, reporter: str) -> list[object]:
        values = report_row(title)
        values[8] = reporter
        return values

    write_report(march / "岳阳县.xlsx", YY, [row("岳阳一", "刘 军"), row("岳阳二", "刘军"), row("岳阳三", "*"), row("岳阳四", "<>")])
    write_report(march / "平江县.xlsx", PJ, [row("平江一", "刘军")])
    runner = CliRunner()
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    register = [
        [unit, title, "市委办", level, dt.date(2015, 4, 2), "全文采用", "", ""]
        for unit, title, level in (
            (YY, "岳阳一", "市级"), (YY, "岳阳二", "市经信委"), (YY, "岳阳三", "市级"), (YY, "岳阳四", "市经信委"),
            (PJ, "平江一", "市级"),
        )
    ]  # fmt: skip
    write_register(ws.adoption_path, register)
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    path = ws.out / "奖励计算表_2015年03月.xlsx"
    assert str(path) in result.output
    formulas, cached = load_both(path.read_bytes())
    assert table(cached["个人汇总"]) == [
        [1, "刘军", YY, 2, 300], [2, "*", YY, 1, 200], [3, "<>", YY, 1, 100], [4, "刘军", PJ, 1, 200],
    ]  # fmt: skip
    assert [c.value for c in cached["个人汇总"][8]][3:] == [5, 800]
    assert formulas["个人汇总"]["E5"].value.startswith("=SUMPRODUCT(")


def test_a_correspondent_written_as_ditto_is_paid_as_the_row_above(tmp_path: Path) -> None:
    """通讯员 同上 / 〃 reads as the row above (R14), so the 个人汇总 pays 刘军, never a person called 同上."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)  # 市级 全文采用 200, 市经信委 全文采用 100
    rows = [report_row("岳阳一"), report_row("岳阳二"), report_row("岳阳三")]
    for values, reporter in zip(rows, ("刘军", "同上", "〃"), strict=True):
        values[8] = reporter
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, rows)
    runner = CliRunner()
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "问题：R14 照抄上一行 2 条（提示）" in result.output
    assert list(xlflow.Workspace(ws.root).articles("2015-03")["通讯员"]) == ["刘军"] * 3
    register = [[YY, t, "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "", ""] for t in ("岳阳一", "岳阳二", "岳阳三")]
    write_register(ws.adoption_path, register)
    result = runner.invoke(cli, ["bulletin", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    _, cached = load_both((ws.out / "奖励计算表_2015年03月.xlsx").read_bytes())
    assert table(cached["个人汇总"]) == [[1, "刘军", YY, 3, 600]]


def test_a_row_says_why_its_instruction_earned_no_bonus(units: UnitTable) -> None:
    """A county leader's 批示 is read and not paid; one not read is paid nothing until its level is written."""
    articles = [article(YY, f"稿件{i}") for i in range(3)]
    adoptions = [
        adoption(YY, "稿件0", "市级", instruction="县级", row=3),
        adoption(YY, "稿件1", "省级", instruction="部长批示", row=4),
        adoption(YY, "稿件2", "省级", instruction="县级", row=5),
        adoption(YY, "稿件2", "市级", instruction="省级", row=6),  # a paid 批示 of the same article: the 县级 one unsaid
    ]
    rows = compute_rewards(adoptions, EXAMPLE_SCHEDULE, articles, units=units).rows
    assert [(r.title, r.level, r.instruction, r.amount, r.note) for r in rows] == [
        ("稿件0", "市级", "无", 150, "县级领导批示，奖励标准只对市级、省级、国家级批示加奖，未计批示奖励"),
        ("稿件1", "省级", "无", 300, "领导批示“部长批示”级别无法识别，未计批示奖励：请在采用登记表中写明市级、省级或国家级"),
        ("稿件2", "省级", "省级", 500, "另有市级采用，按最高级别计奖一次"),
    ]


def test_a_registration_not_counted_says_why_in_its_own_periods_workbook(tmp_path: Path) -> None:
    """review K3: the adoption of 岳阳县's January article that was not counted (R1) is named in January's 奖励明细 with
    the reason the summary and the 工作底稿 give, and not in the second quarter's (its article is not of it); a title
    no article of the ledger has may be of any period until it is put right: named in both."""
    ws = make_workspace(tmp_path / "ws")
    short = report_row("岳阳县一月短稿", month=1, body="正文只有一句话。")
    write_report(ws.inbox / "2015-01" / "岳阳县.xlsx", YY, [report_row("岳阳县一月稿件", month=1), short], month="2015年1月")
    write_report(ws.inbox / "2015-04" / "平江县.xlsx", PJ, [report_row("平江县四月稿件", month=4)], month="2015年4月")
    runner = CliRunner()
    for month in ("2015-01", "2015-04"):
        assert runner.invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)]).exit_code == 0
    write_register(ws.adoption_path, [
        [unit, title, "市委办", "市级", dt.date(2015, month, 20), "全文采用", "无", ""]
        for unit, title, month in ((YY, "岳阳县一月短稿", 1), (PJ, "平江县四月稿件", 4), (PJ, "平江县没有报过的稿件", 4))
    ])  # fmt: skip
    short_line = "采用登记表第 4 行：岳阳县工信局《岳阳县一月短稿》——该稿件报送时未计入（R1 字数不足），不计采用；" \
                 "未计奖（见工作底稿“采用登记待核对”工作表）"  # fmt: skip
    lost_line = "采用登记表第 6 行：平江县工信局《平江县没有报过的稿件》——本单位已计入的稿件中找不到这个标题；" \
                "未计奖（见工作底稿“采用登记待核对”工作表）"  # fmt: skip

    def unrewarded(label: str) -> list[str]:
        detail = openpyxl.load_workbook(ws.out / f"奖励计算表_{label}.xlsx")["奖励明细"]
        return [v for c in detail["A"] if isinstance(v := c.value, str) and v.startswith("采用登记表第")]

    result = runner.invoke(cli, ["bulletin", "--period", "2015-01", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "采用登记表第 4 行 岳阳县工信局《岳阳县一月短稿》：该稿件报送时未计入（R1 字数不足），不计采用" in result.output
    assert unrewarded("2015年01月") == [short_line, lost_line]
    bulletin(ws, Period.parse("2015-Q2"), now=dt.datetime(2015, 7, 3, 9, 0))
    assert unrewarded("2015年第二季度") == [lost_line]
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年第二季度.xlsx")["采用登记待核对"]
    assert [r[5] for r in papers.iter_rows(min_row=4, values_only=True) if r[0] == 4] == [  # the same words
        "该稿件报送时未计入（R1 字数不足），不计采用"
    ]
