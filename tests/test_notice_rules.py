"""The rules as the notice words them, on real workbooks, through the library and `xlflow consolidate`: which
articles report an indicator (三.3, R2), an emergency reported late (三.2, R7), a signer who is no leader (三.4, R13)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import BODY, HEADER, article, article_row, unit_file, write_xlsx

from xlflow.checks.rows import check_file, indicator_in
from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.model import WARNING
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
from xlflow.settings import Settings

ANALYSIS = "是指标数据，“是否含情况分析”为“否”：指标信息必须有情况分析（原因、趋势、措施）；正文已有分析的，把这一栏改为“是”即可，没有的请补充后填“是”，再重新报送"


def unit_book(path: Path, unit: str, rows: list[dict[str, object]]) -> Path:
    """A unit's March return: 报送单位 above the template's header (row 3), one article per row from row 4."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_xlsx(path, [["报送单位：", unit], [], HEADER, *(article_row(**row) for row in rows)])


def findings_of(path: Path, units: UnitTable, settings: Settings) -> list[list[tuple[str, str]]]:
    """(code, message) of each row's findings, as the library reads and checks the workbook."""
    checked = check_file(read_unit_workbook(path, units, month_hint="2015-03", settings=settings), settings=settings)
    return [[(f.code, f.message) for f in a.findings] for a in checked]


def consolidate(root: Path) -> str:
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def receipt_rows(ws: object, unit: str) -> list[tuple[object, ...]]:
    """(信息标题, 计入/未计入, 问题) of each article on the unit's 回执."""
    book = openpyxl.load_workbook(receipt_path(ws, unit, Period.parse("2015-03")))
    return [(r[3], r[7], r[8]) for r in book["回执"].iter_rows(min_row=8, values_only=True) if r[3]]


# --- 三.3: indicator articles need 情况分析 (R2) --------------------------------------------------------------

NOT_INDICATORS = [  # policy and work news naming a tax relief or a power cost: no indicator of 三.1-2
    "平江县落实小微企业优惠政策为企业减免税收1200万元",
    "平江县推进电力直接交易为企业降低用电成本300万元",
    "平江县落实税收优惠政策为企业减负500万元",
    "平江县兑现税收返还300万元",
    "平江县工业用电价格下降5%",
    "平江县为企业减免各项税收1200万元",  # a relief word in the 8 characters before 税收, or up to its figure
    "平江县减免企业税收1200万元",
    "平江县减轻企业税收负担3000万元",
    "平江县为困难企业办理缓缴税收2000万元",
    "平江县为企业争取税收奖补资金500万元",
    "平江县落实研发费用加计扣除等税收政策，为企业节税500万元",
    "平江县为312家工业用电户节约电费三千万元",  # 用电 only as the consumption
    "平江县降低工业用电支出2000万元",
    "平江县工业用电电价每千瓦时下降5分",
    "君山区电力设施改造完工，工业用电负荷能力提高三成",
]


@pytest.mark.parametrize("text", NOT_INDICATORS)
def test_tax_relief_and_power_costs_are_no_indicator(text: str) -> None:
    assert indicator_in(text) is None


def test_policy_news_counts_without_analysis_an_indicator_does_not(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    growth = "平江县电子商务交易额增速达35%"  # a growth rate is an indicator, whatever the category
    rows = [{"title": t, "category": "政策落实", "date": f"2015-03-{i + 2:02d}"} for i, t in enumerate([*NOT_INDICATORS[:2], growth])]
    ws = make_workspace(tmp_path / "ws")
    path = unit_book(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "平江县工信局", rows)
    assert findings_of(path, units, settings) == [[], [], [("R2", f"标题中的“增速达35%”{ANALYSIS}")]]
    assert "计入稿件 2 条（共 3 行，1 行有错误未计入）\n  问题：R2 缺少情况分析 1 条\n" in consolidate(ws.root)
    assert receipt_rows(ws, "平江县工信局") == [(NOT_INDICATORS[0], "计入", None), (NOT_INDICATORS[1], "计入", None),
                                                (growth, "未计入", "R2 缺少情况分析（G6）")]  # fmt: skip


INDICATORS = [  # (title, the indicator the message quotes): figures in words, and the monthly 规模工业 indicators
    ("1-2月全市规模工业增加值同比增长百分之七点九", "增加值同比增长百分之七点九"),
    ("1-2月全市工业用电量同比增长两成", "工业用电量同比增长两成"),
    ("1-2月全市规模工业增加值增速比上月回落三个百分点", "增加值增速比上月回落三个百分点"),
    ("1-2月全市规模工业总产值增长10.2%", "规模工业总产值增长10.2%"),
    ("1-2月全市规模工业总产值三百二十亿元", "规模工业总产值三百二十亿元"),
    ("1-2月规模工业实现主营业务收入320亿元、利润15亿元", "规模工业实现主营业务收入320亿元"),
    ("1-2月全市规模以上工业利润总额十二亿元", "规模以上工业利润总额十二亿元"),
    ("1-2月，全区规模以上工业企业实现利润总额2.3亿元", "规模以上工业企业实现利润总额2.3亿元"),
    ("一季度屈原区规上工业实现利润3.2亿元", "规上工业实现利润3.2亿元"),
    ("一季度全县完成工业税收3.2亿元，增长15%", "税收3.2亿元"),
    ("全县工业税收同比减少百分之五", "税收同比减少百分之五"),  # a fall in revenue, no relief
    ("为企业减免税收200万元。全县工业税收增长5%", "税收增长5%"),  # the relief is another sentence's
    ("3月份，全县工业用电同比增长两成", "工业用电同比增长两成"),
    ("1-2月全县工业用电累计增长8.5%", "工业用电累计增长8.5%"),  # review W4: the ways offices write it
    ("全县工业用电较去年同期增长6.3%", "工业用电较去年同期增长6.3%"),
    ("全县工业用电1.2亿千瓦时，同比增长5%", "工业用电1.2亿千瓦时"),
    ("受减税降费政策影响，全县税收同比下降3.2%", "税收同比下降3.2%"),  # the relief is another clause's
    ("全市规模工业企业共完成总产值120亿元", "规模工业企业共完成总产值120亿元"),
    ("规模以上工业企业累计实现利润4.2亿元", "规模以上工业企业累计实现利润4.2亿元"),
]
NO_FIGURE = [  # an indicator's word without its figure, a figure in words without a unit, or a relief in words
    "全市规模工业产值稳步增长",
    "项目建成后可实现年产值10亿元",  # a project's output, a firm's revenue or profit: no indicator report
    "华容县某公司去年实现主营业务收入5亿元、利润1500万元",
    "全市工业用电增速居全省第一",
    "平江县为企业减免税收一千二百万元",
    "平江县企业用电成本降低两成",
    "项目达产后可实现年总产值80亿元",  # 总产值 only of 规模工业
    "临湘市浮标产业园预计全年实现总产值15亿元",
    "改制后企业实现总产值增长两成",
    "项目总投资12亿元，建成投产后年可实现税收1.2亿元",  # a project's expected tax
    "项目投产后年可实现产值30亿元、税收8000万元，新增就业1200人",
]


@pytest.mark.parametrize(("text", "quoted"), INDICATORS)
def test_indicators_in_words_and_the_monthly_indicators(text: str, quoted: str) -> None:
    assert indicator_in(text) == quoted


@pytest.mark.parametrize("text", NO_FIGURE)
def test_no_indicator_without_its_figure(text: str) -> None:
    assert indicator_in(text) is None


def test_indicators_in_words_need_analysis_on_the_receipt(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    titles = [INDICATORS[0][0], INDICATORS[1][0], INDICATORS[5][0], NO_FIGURE[0]]
    rows = [{"title": t, "date": f"2015-03-{i + 2:02d}"} for i, t in enumerate(titles)]  # 工作动态, 情况分析 否
    ws = make_workspace(tmp_path / "ws")
    path = unit_book(ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", rows)
    assert findings_of(path, units, settings) == [
        [("R2", f"标题中的“增加值同比增长百分之七点九”{ANALYSIS}")],
        [("R2", f"标题中的“工业用电量同比增长两成”{ANALYSIS}")],
        [("R2", f"标题中的“规模工业实现主营业务收入320亿元”{ANALYSIS}")],
        [],
    ]
    assert "计入稿件 1 条（共 4 行，3 行有错误未计入）\n  问题：R2 缺少情况分析 3 条\n" in consolidate(ws.root)
    assert receipt_rows(ws, "岳阳县工信局") == [(titles[0], "未计入", "R2 缺少情况分析（G4）"),
                                                (titles[1], "未计入", "R2 缺少情况分析（G5）"),
                                                (titles[2], "未计入", "R2 缺少情况分析（G6）"), (titles[3], "计入", None)]  # fmt: skip


# --- 三.2: 重大突发事件、紧急情况要在第一时间报送 (R7) -----------------------------------------------------------

SUDDEN_LATE = ("类别为突发事件：事件发生于 2015-03-18 09:00，2015-03-28 才报送，相隔约 231 小时，超过 24 小时：重大突发事件须在"
               "第一时间报送，不得延误；以后请在事件发生后 24 小时内报送，“紧急程度”选“紧急”")  # fmt: skip
URGENT_LATE = "紧急信息：事件发生于 2015-03-18 09:00，2015-03-28 才报送，相隔约 231 小时，超过 24 小时：紧急情况须在第一时间报送"


def test_an_emergency_reported_late_is_said_even_when_not_marked_urgent(tmp_path: Path, units: UnitTable,
                                                                       settings: Settings) -> None:
    early, day = dt.datetime(2015, 3, 18, 9, 0), dt.datetime(2015, 3, 28)
    rows = [
        {"title": "临湘市某化工企业发生爆炸事故", "category": "突发事件", "urgency": "一般", "event_time": early},
        {"title": "临湘市某纺织企业厂房起火", "category": "突发事件", "urgency": None, "event_time": early},
        {"title": "临湘市某建材企业发生坍塌", "category": "突发事件", "urgency": "紧急", "event_time": early},
        {"title": "临湘市某企业仓库起火", "category": "突发事件", "urgency": None, "event_time": dt.datetime(2015, 3, 27, 9)},
        {"title": "临湘市某企业发生泄漏", "category": "突发事件", "urgency": None, "event_time": None},  # nothing to judge
        {"title": "临湘市召开安全生产会议", "category": "工作动态", "urgency": "一般", "event_time": early},
    ]
    ws = make_workspace(tmp_path / "ws")
    path = unit_book(ws.inbox / "2015-03" / "临湘市工信局_2015年03月.xlsx", "临湘市工信局", [{**r, "date": day} for r in rows])
    late = [[("R7", SUDDEN_LATE)], [("R7", SUDDEN_LATE)], [("R7", URGENT_LATE)]]
    assert findings_of(path, units, settings) == [*late, [], [], []]
    assert "计入稿件 6 条（共 6 行，0 行有错误未计入）\n  问题：R7 紧急迟报 3 条（提示）\n" in consolidate(ws.root)
    assert receipt_rows(ws, "临湘市工信局") == [
        ("临湘市某化工企业发生爆炸事故", "计入", "R7 紧急迟报（L4）"), ("临湘市某纺织企业厂房起火", "计入", "R7 紧急迟报（L5）"),
        ("临湘市某建材企业发生坍塌", "计入", "R7 紧急迟报（L6）"), ("临湘市某企业仓库起火", "计入", None),
        ("临湘市某企业发生泄漏", "计入", None), ("临湘市召开安全生产会议", "计入", None),
    ]


FIRST = "3月18日9时，临湘市某化工企业发生爆炸。"
FOLLOW_UPS = [  # (title, 正文's start, 紧急程度, R7?): a follow-up of an emergency is later than the event by nature
    ("临湘市某化工企业爆炸事故续报", FIRST, "一般", None),
    ("临湘市某化工企业爆炸事故处置情况", FIRST, None, None),
    ("临湘市某化工企业爆炸事故善后工作有序推进", FIRST, "一般", None),
    ("临湘市某化工企业爆炸事故", "经调查，3月18日临湘市某化工企业爆炸系违规操作所致。", "一般", None),
    ("临湘市某化工企业发生爆炸", FIRST + "事故原因正在调查中。", "一般", SUDDEN_LATE),  # said after the first sentence
    ("临湘市某化工企业发生爆炸", "3月18日9时，临湘市某化工企业发生爆炸，2人受伤，原因正在调查。", "一般", SUDDEN_LATE),  # a first report
    ("临湘市某化工企业爆炸事故", "事故造成的后果：3人受伤。", "一般", SUDDEN_LATE),  # no follow-up word: a first report
    ("临湘市某化工企业爆炸事故续报", FIRST, "紧急", URGENT_LATE),  # marked urgent: as before
]


@pytest.mark.parametrize(("title", "start", "urgency", "message"), FOLLOW_UPS)
def test_a_follow_up_of_an_emergency_is_not_late(settings: Settings, title: str, start: str, urgency: str | None,
                                                 message: str | None) -> None:
    row = article(title=title, body=start + BODY, category="突发事件", urgency=urgency, date=dt.datetime(2015, 3, 28),
                  event_time=dt.datetime(2015, 3, 18, 9))
    [a] = check_file(unit_file([row], unit="临湘市工信局"), settings=settings)
    assert [(f.code, f.message) for f in a.findings] == ([("R7", message)] if message else [])


# --- 三.4: 各工信局由单位负责人审签，各科室由分管领导审签 (R13) --------------------------------------------------

COUNTY_RULE = "不是单位负责人：按通知，各工信局报送的信息由单位负责人审签；本条照常计入，以后请由单位负责人审签，并填写其姓名和职务"
SECTION_RULE = "不是分管领导：按通知，各科室报送的信息由分管领导审签；本条照常计入，以后请由分管领导审签，并填写其姓名和职务"
ROLES = [  # (unit, 审签人, 审签人职务, the R13 message or None)
    ("华容县工信局", "吴芳", "办公室科员", f"审签人职务为“办公室科员”，{COUNTY_RULE}"),
    ("华容县工信局", "吴芳", "主任科员", f"审签人职务为“主任科员”，{COUNTY_RULE}"),
    ("华容县工信局", "吴芳", "科长", f"审签人职务为“科长”，{COUNTY_RULE}"),
    ("华容县工信局", "吴芳", "综合股股长", f"审签人职务为“综合股股长”，{COUNTY_RULE}"),
    ("华容县工信局", "吴芳", "办公室主任", f"审签人职务为“办公室主任”，{COUNTY_RULE}"),
    ("华容县工信局", "吴芳（通讯员）", None, f"审签人填的是“吴芳（通讯员）”，{COUNTY_RULE}"),  # the role in 审签人
    ("华容县工信局", "陈科长", None, f"审签人填的是“陈科长”，{COUNTY_RULE}"),
    ("华容县工信局", "李建国", "副局长", None),
    ("华容县工信局", "李建国", "党组书记、局长", None),
    ("华容县工信局", "李建国", "副局长兼办公室主任", None),  # a leader, whatever else he is
    ("华容县工信局", "赵丽", "党组成员、办公室主任", None),
    ("华容县工信局", "赵丽", "总经济师兼办公室主任", None),
    ("华容县工信局", "赵丽", "总工程师、科长", None),
    ("华容县工信局", "赵丽", "调研员兼办公室主任", f"审签人职务为“调研员兼办公室主任”，{COUNTY_RULE}"),  # 调研员: a rank
    ("华容县工信局", "周平", "一般干部", f"审签人职务为“一般干部”，{COUNTY_RULE}"),
    ("华容县工信局", "周平", "正科级干部", None),  # a rank, not a clerk
    ("华容县工信局", "赵丽", "办公室副主任", f"审签人职务为“办公室副主任”，{COUNTY_RULE}"),
    ("华容县工信局", "赵丽", "局办主任", f"审签人职务为“局办主任”，{COUNTY_RULE}"),
    ("华容县工信局", "周平", "股室负责人", f"审签人职务为“股室负责人”，{COUNTY_RULE}"),
    ("华容县工信局", "周平", "科室负责人", f"审签人职务为“科室负责人”，{COUNTY_RULE}"),
    ("华容县工信局", "李建国", None, None),
    ("华容县工信局", "李局长", None, None),
    ("投资规划科", "陈明", "科长", f"审签人职务为“科长”，{SECTION_RULE}"),
    ("投资规划科", "周亮", "副科长", f"审签人职务为“副科长”，{SECTION_RULE}"),
    ("投资规划科", "周亮", "工作人员", f"审签人职务为“工作人员”，{SECTION_RULE}"),
    ("投资规划科", "王强", "副主任", None),
    ("投资规划科", "王强", "分管领导", None),
    ("投资规划科", "陈明", "科长（兼委副总经济师）", None),
    ("投资规划科", "陈明", "科长（四级调研员）", f"审签人职务为“科长（四级调研员）”，{SECTION_RULE}"),
    ("投资规划科", "陈明", "科室负责人", f"审签人职务为“科室负责人”，{SECTION_RULE}"),
    ("能源利用监测站", "王强", "站长", None),
    ("综合法规科", "陈明", "科长", "审签人职务为“科长”，不是分管领导：按通知，综合法规科向上级报送的信息由分管领导审签，特别重要的报主要领导"
                                 "审签；本条照常计入，以后请由分管领导审签，并填写其姓名和职务"),
    ("运行监测科", "陈明", "科长", None),  # a unit not in the notice: its kind is not known, only a clerk is said
    ("运行监测科", "陈明", "科员", "审签人职务为“科员”，不是单位负责人或分管领导：按通知，各工信局报送的信息由单位负责人审签，各科室的由"
                                 "分管领导审签；本条照常计入，以后请由单位负责人或分管领导审签，并填写其姓名和职务"),
]


@pytest.mark.parametrize(("unit", "signer", "role", "message"), ROLES)
def test_a_signer_who_is_no_leader_is_said(settings: Settings, unit: str, signer: str, role: str | None,
                                           message: str | None) -> None:
    [a] = check_file(unit_file([article(signer=signer, signer_title=role)], unit=unit), settings=settings)
    assert [(f.code, f.severity, f.column, f.message) for f in a.findings] == (
        [("R13", WARNING, "审签人职务" if role else "审签人", message)] if message else [])
    assert a.counted


def test_signers_who_are_no_leaders_on_the_receipt(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    ws = make_workspace(tmp_path / "ws")
    section = unit_book(ws.inbox / "2015-03" / "投资规划科_2015年03月.xlsx", "投资规划科", [
        {"title": "投资规划科开展项目调度", "signer": "陈明", "signer_title": "科长"},
        {"title": "投资规划科赴园区调研", "signer": "王强", "signer_title": "副主任", "date": "2015-03-06"}])  # fmt: skip
    unit_book(ws.inbox / "2015-03" / "华容县工信局_2015年03月.xlsx", "华容县工信局",
              [{"title": "华容县召开工业发展大会", "signer": "吴芳", "signer_title": "办公室科员"}])
    assert findings_of(section, units, settings) == [[("R13", f"审签人职务为“科长”，{SECTION_RULE}")], []]
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）\n  问题：R13 审签人职务不符 2 条（提示）\n" in consolidate(ws.root)
    assert receipt_rows(ws, "投资规划科") == [("投资规划科开展项目调度", "计入", "R13 审签人职务不符（I4）"),
                                              ("投资规划科赴园区调研", "计入", None)]  # fmt: skip
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    problems = [r for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[5]]
    assert [(r[3], r[5], r[6], r[7]) for r in problems] == [
        ("I4", "R13 审签人职务不符", "提示", f"审签人职务为“办公室科员”，{COUNTY_RULE}")]


def test_the_kind_the_reader_gives_decides(settings: Settings) -> None:
    """A unit renamed in the quota table (经济运行科 → 运行监测科): its kind as the reader found it there."""
    renamed = dataclasses.replace(unit_file([article(signer="陈明", signer_title="科长")], unit="运行监测科"), kind="委业务科室")
    [a] = check_file(renamed, settings=settings)
    assert [(f.code, f.message) for f in a.findings] == [("R13", f"审签人职务为“科长”，{SECTION_RULE}")]


ANY_RULE = ("不是单位负责人或分管领导：按通知，各工信局报送的信息由单位负责人审签，各科室的由分管领导审签；本条照常计入，"
            "以后请由单位负责人或分管领导审签，并填写其姓名和职务")
KINDS = [  # (单位类别 as typed in the quota table, 审签人职务, the R13 message or None)
    ("县（市）区工信局", "办公室主任", f"审签人职务为“办公室主任”，{COUNTY_RULE}"),  # a bureau, typed as the notice heads it
    ("县区工信局", "股长", f"审签人职务为“股长”，{COUNTY_RULE}"),
    ("县市区经信局", "科长", f"审签人职务为“科长”，{COUNTY_RULE}"),
    ("县（市）区工信局", "副局长", None),
    ("业务科室", "科长", None),  # a kind not known: only a clerk is said
    ("业务科室", "科员", f"审签人职务为“科员”，{ANY_RULE}"),
]


@pytest.mark.parametrize(("kind", "role", "message"), KINDS)
def test_a_kind_typed_another_way(settings: Settings, kind: str, role: str, message: str | None) -> None:
    typed = dataclasses.replace(unit_file([article(signer="陈明", signer_title=role)], unit="岳阳县工信局"), kind=kind)
    [a] = check_file(typed, settings=settings)
    assert [(f.code, f.message) for f in a.findings] == ([("R13", message)] if message else [])


def test_the_sweeps_false_hits_on_the_receipt(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """A project's output, a tax relief, a follow-up of an emergency count as they are; a bureau whose 单位类别 is typed
    县（市）区工信局 is told of its 办公室主任 as a bureau."""
    ws = make_workspace(tmp_path / "ws")
    book = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    for row in book.active.iter_rows(min_row=2):
        if row[1].value == "岳阳县工信局":
            row[2].value = "县（市）区工信局"
    book.save(ws.root / "信息任务分配表.xlsx")
    late = {"category": "突发事件", "date": "2015-03-28", "event_time": dt.datetime(2015, 3, 18, 9)}
    rows = [
        {"title": "岳阳县10个重点项目集中开工", "body": "项目达产后可实现年总产值80亿元，年可实现税收5亿元。" + BODY},
        {"title": "岳阳县为企业减免各项税收1200万元", "category": "政策落实"},
        {"title": "岳阳县规模以上工业企业实现利润总额2.3亿元"},
        {"title": "岳阳县召开工业发展大会", "signer": "赵丽", "signer_title": "办公室主任"},
        {"title": "岳阳县某化工企业爆炸事故续报", **late},
        {"title": "岳阳县某化工企业发生爆炸", **late},
    ]
    unit_book(ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局",
              [{**r, "date": r.get("date", f"2015-03-{i + 2:02d}")} for i, r in enumerate(rows)])
    assert ("计入稿件 5 条（共 6 行，1 行有错误未计入）\n  问题：R2 缺少情况分析 1 条，R7 紧急迟报 1 条（提示），"
            "R13 审签人职务不符 1 条（提示）\n") in consolidate(ws.root)
    assert receipt_rows(ws, "岳阳县工信局") == [
        ("岳阳县10个重点项目集中开工", "计入", None), ("岳阳县为企业减免各项税收1200万元", "计入", None),
        ("岳阳县规模以上工业企业实现利润总额2.3亿元", "未计入", "R2 缺少情况分析（G6）"),
        ("岳阳县召开工业发展大会", "计入", "R13 审签人职务不符（I7）"), ("岳阳县某化工企业爆炸事故续报", "计入", None),
        ("岳阳县某化工企业发生爆炸", "计入", "R7 紧急迟报（L9）"),
    ]
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", Period.parse("2015-03")))
    problems = [(r[3], r[7]) for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[5]]
    assert ("I7", f"审签人职务为“办公室主任”，{COUNTY_RULE}") in problems
