"""Every finding a row rule can give, exactly as the unit reads it: code, severity, column, cell and the whole message.

The rows are the good article of helpers_workbooks with one value changed; the sheet's columns are the template's
(A 序号, B 报送日期, C 信息标题, D 信息类别, E 正文, F 字数, G 是否含情况分析, H 审签人, I 审签人职务, J 报送方式,
K 紧急程度, L 事件发生时间, M 通讯员, N 备注), the row is Excel row 4 of a March 2015 file. Boundaries are here too:
200 characters pass, 199 do not; an emergency reported 24 hours later passes, 24 hours and 10 seconds do not.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers_workbooks import KEYS, article, unit_file

from xlflow.checks.duplicates import mark_duplicates
from xlflow.checks.rows import category_of, check_file, is_urgent, nearest_year, yes_no
from xlflow.core.dates import ParsedDate
from xlflow.core.model import ERROR, WARNING, CellError
from xlflow.settings import Settings

E, W = ERROR, WARNING
SHORT = "字" * 199
ENOUGH = "字" * 200

CASES = [
    # (what is changed, the one finding: code, severity, column, cell, message)
    ({"body": "字" * 32768}, ("R10", W, "正文", "E4", "“正文”有 32,768 字，超过 Excel 单元格上限 32,767 字：写回表格时会被截断，请精简后重新报送")),
    ({"title": None}, ("R9", E, "信息标题", "C4", "这一行有内容但没有信息标题：请补填标题后重新报送")),
    ({"body": SHORT}, ("R1", E, "正文", "E4", "正文只有 199 字，不足 200 字：请补充后重新报送")),
    ({"body": "字", "chars": 300}, ("R1", E, "正文", "E4",  # 正文 decides when filled; a 字数 typed over the formula is named
     "字数栏填 300，但正文只有 1 字，不足 200 字：正文请粘贴全文；只传真全文时清空正文、只填字数，再重新报送")),
    ({"body": SHORT, "chars": 200}, ("R1", E, "正文", "E4",
     "字数栏填 200，但正文只有 199 字，不足 200 字：正文请粘贴全文；只传真全文时清空正文、只填字数，再重新报送")),
    ({"body": SHORT, "chars": 199}, ("R1", E, "正文", "E4", "正文只有 199 字，不足 200 字：请补充后重新报送")),  # the formula's
    ({"body": "见附件", "chars": 150}, ("R1", E, "字数", "F4", "字数为 150，不足 200 字：请补充后重新报送")),  # 字数 decides
    ({"body": "见附件", "chars": None}, ("R1", E, "正文", "E4", "正文只有 3 字，不足 200 字：请补充后重新报送")),
    ({"body": SHORT, "chars": "很多"}, ("R1", E, "正文", "E4", "正文只有 199 字，不足 200 字：请补充后重新报送")),
    ({"body": None, "chars": "很多"}, ("R1", E, "字数", "F4", "字数“很多”不是数字：请填写正文字数（如 350），或粘贴正文")),
    ({"body": None, "chars": None}, ("R1", E, "正文", "E4", "没有正文，也没有填写字数：请粘贴正文或填写字数（不少于 200 字）")),
    ({"body": None, "chars": 199}, ("R1", E, "字数", "F4", "字数为 199，不足 200 字：请补充后重新报送")),
    ({"body": None, "chars": "约150字"}, ("R1", E, "字数", "F4", "字数为 150，不足 200 字：请补充后重新报送")),
    ({"body": None, "chars": "约五百字"}, ("R1", E, "字数", "F4", "字数“约五百字”不是数字：请填写正文字数（如 350），或粘贴正文")),
    ({"category": "综合"}, ("R4", W, "信息类别", "D4", "信息类别“综合”不在六类之中：本条照常计入，归“其他”类；以后请从下拉列表选择类别")),
    ({"category": None}, ("R4", W, "信息类别", "D4", "没有填写信息类别：本条照常计入，归“其他”类；以后请从下拉列表选择六类之一")),
    ({"category": "经济运行", "analysis": "否"}, ("R2", E, "是否含情况分析", "G4",
     "这条信息属经济运行类，“是否含情况分析”为“否”：指标信息必须有情况分析（原因、趋势、措施）；"
     "正文已有分析的，把这一栏改为“是”即可，没有的请补充后填“是”，再重新报送")),
    ({"title": "岳阳县规模工业增加值增速8.5%", "analysis": None}, ("R2", E, "是否含情况分析", "G4",
     "标题中的“增加值增速8.5%”是指标数据，没有填写“是否含情况分析”：指标信息必须有情况分析（原因、趋势、措施）；"
     "正文已有分析的，把这一栏改为“是”即可，没有的请补充后填“是”，再重新报送")),
    ({"body": "一季度全县完成工业税收8000万元，同比增长12%。" + ENOUGH, "analysis": "不详"}, ("R2", E, "是否含情况分析", "G4",
     "正文中的“税收8000万元”是指标数据，“是否含情况分析”为“不详”：指标信息必须有情况分析（原因、趋势、措施）；"
     "正文已有分析的，把这一栏改为“是”即可，没有的请补充后填“是”，再重新报送")),
    ({"title": "全县用电量增长5%", "body": "工业投资12亿元。" + ENOUGH, "analysis": None}, ("R2", E, "是否含情况分析", "G4",
     "标题中的“用电量增长5%”是指标数据，没有填写“是否含情况分析”：指标信息必须有情况分析（原因、趋势、措施）；"
     "正文已有分析的，把这一栏改为“是”即可，没有的请补充后填“是”，再重新报送")),
    ({"category": "经济运行", "title": "全县用电量增长5%", "analysis": None}, ("R2", E, "是否含情况分析", "G4",
     "这条信息属经济运行类，没有填写“是否含情况分析”：指标信息必须有情况分析（原因、趋势、措施）；"
     "正文已有分析的，把这一栏改为“是”即可，没有的请补充后填“是”，再重新报送")),
    ({"signer": None}, ("R3", E, "审签人", "H4", "没有审签人：工信局的信息须经单位负责人审签，科室的信息须经分管领导审签，请补填后重新报送")),
    ({"signer": "无"}, ("R3", E, "审签人", "H4", "审签人填的是“无”，即没有审签人：工信局的信息须经单位负责人审签，"
                                                "科室的信息须经分管领导审签，请经领导审签后填写审签人姓名，再重新报送")),
    ({"signer": " — "}, ("R3", E, "审签人", "H4", "审签人填的是“—”，即没有审签人：工信局的信息须经单位负责人审签，"
                                                  "科室的信息须经分管领导审签，请经领导审签后填写审签人姓名，再重新报送")),
    ({"signer": "领导出差未签"}, ("R3", E, "审签人", "H4", "审签人填的是“领导出差未签”，即没有审签人：工信局的信息须经单位负责人审签，"
                                                          "科室的信息须经分管领导审签，请经领导审签后填写审签人姓名，再重新报送")),
    ({"signer": "同意"}, ("R12", W, "审签人", "H4", "审签人只写了“同意”，没有审签领导的姓名：以后请填写审签领导的姓名")),
    ({"signer": "已阅。"}, ("R12", W, "审签人", "H4", "审签人只写了“已阅。”，没有审签领导的姓名：以后请填写审签领导的姓名")),
    # a formula showing an error: the cell and the error named, not an empty cell
    ({"title": CellError("#N/A")}, ("R9", E, "信息标题", "C4", "C4 的公式结果是错误值 #N/A：请改为直接填写信息标题后重新报送")),
    ({"signer": CellError("#VALUE!")}, ("R3", E, "审签人", "H4", "H4 的公式结果是错误值 #VALUE!：请改为直接填写审签人后重新报送")),
    ({"date": CellError("#REF!")}, ("R5", E, "报送日期", "B4", "B4 的公式结果是错误值 #REF!：请改为直接填写报送日期后重新报送")),
    ({"category": CellError("#N/A")}, ("R4", W, "信息类别", "D4", "D4 的公式结果是错误值 #N/A：请改为直接填写信息类别后重新报送")),
    ({"body": CellError("#NAME?")}, ("R1", E, "正文", "E4", "E4 的公式结果是错误值 #NAME?：请改为直接填写正文后重新报送")),
    ({"date": None}, ("R5", E, "报送日期", "B4", "没有填写报送日期：请补填（如 2015-03-05）后重新报送")),
    ({"date": "2015年2月30日"}, ("R5", E, "报送日期", "B4", "报送日期“2015年2月30日”不存在：请改正（如 2015-03-05）后重新报送")),
    ({"date": "三月初"}, ("R5", E, "报送日期", "B4", "报送日期“三月初”无法识别：请写成 2015-03-05 或 2015年3月5日后重新报送")),
    ({"date": 3.1}, ("R5", E, "报送日期", "B4",
     "报送日期填的是数字 3.1，是 3月1日 还是 3月10日（Excel 会把 3.10 存成 3.1）无法确定：请写成 2015-03-01 或 2015-03-10 后重新报送")),
    ({"date": dt.datetime(1900, 1, 12, 7, 12)}, ("R5", E, "报送日期", "B4",  # 12.3 in a date cell
     "报送日期填的是数字 12.3，是 12月3日 还是 12月30日（Excel 会把 12.30 存成 12.3）无法确定：请写成 2015-12-03 或 2015-12-30 后重新报送")),
    ({"date": dt.datetime(2015, 2, 27, 9, 30)}, ("R5", W, "报送日期", "B4",
     "报送日期 2015-02-27 不在本表的 2015年3月：计入时算 2015年2月 的稿件；如日期填错，请改正后重新报送")),
    ({"date": dt.datetime(2014, 12, 30, 9, 30)}, ("R5", W, "报送日期", "B4",
     "报送日期 2014-12-30 不在 2015 年度：计入时算本表 2015年3月 的稿件；如日期填错，请改正后重新报送")),
    ({"urgency": "紧急", "event_time": None}, ("R11", W, "事件发生时间", "L4",
     "标为紧急，但没有填写事件发生时间，无法判断是否迟报：本条照常计入；以后请填写事件发生的日期和时间（如 2015-03-05 08:30）")),
    ({"urgency": "紧急", "event_time": "前天"}, ("R11", W, "事件发生时间", "L4", "事件发生时间“前天”无法识别，无法判断是否迟报：本条照常计入；以后请写成 2015-03-05 08:30")),
    ({"urgency": "紧急", "event_time": "上午8:30"}, ("R11", W, "事件发生时间", "L4",  # review W9 3: a time without its day
     "事件发生时间“上午8:30”只写了时刻，没有日期，无法判断是否迟报：本条照常计入；以后请写成 2015-03-05 08:30")),
    ({"urgency": "紧急", "event_time": dt.time(8, 30)}, ("R11", W, "事件发生时间", "L4",
     "事件发生时间“08:30:00”只写了时刻，没有日期，无法判断是否迟报：本条照常计入；以后请写成 2015-03-05 08:30")),
    ({"urgency": "紧急", "date": "2015-03-05 10:00", "event_time": "2015年3月3日16时30分"}, ("R7", W, "事件发生时间", "L4",
     "紧急信息：事件发生于 2015-03-03 16:30，2015-03-05 10:00 才报送，相隔约 41 小时 30 分，超过 24 小时：紧急情况须在第一时间报送")),
    ({"urgency": "紧急", "date": dt.datetime(2015, 3, 5), "event_time": dt.datetime(2015, 3, 3, 23, 59, 50)}, ("R7", W, "事件发生时间", "L4",
     "紧急信息：事件发生于 2015-03-03 23:59，2015-03-05 才报送，相隔约 24 小时 1 分，超过 24 小时：紧急情况须在第一时间报送")),
    ({"signer": "王芳", "reporter": "王 芳"}, ("R8", W, "审签人", "H4", "审签人与通讯员是同一人（王芳）：信息须由单位负责人或分管领导审签，不宜自审自签；本条照常计入，以后请由审签领导审签")),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "expected"), CASES, ids=[f"{c[1][0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_says_exactly_this(settings: Settings, changes: dict[str, object], expected: tuple[str, ...]) -> None:
    [a] = check_file(unit_file([article(**changes)]), settings=settings)
    [f] = a.findings
    assert (f.code, f.severity, f.column, f.cell, f.message) == expected
    assert (f.file, f.sheet, f.row, f.unit, f.month) == ("岳阳县工信局_2015-03.xlsx", "信息报送登记表", 4, "岳阳县工信局", "2015-03")
    assert a.counted is (expected[1] == W)


@pytest.mark.parametrize(
    "changes",
    [
        {"body": "字" * 32767},  # Excel's limit itself is no R10
        {"body": ENOUGH},  # exactly 200 characters pass
        {"body": ENOUGH, "chars": 300},  # enough 正文: a 字数 typed beside it is not named
        {"body": None, "chars": 200},
        {"body": None, "chars": "２００字"},
        {"body": None, "chars": "约200字"},  # said roughly: the number
        {"body": None, "chars": "大约200字"},
        {"body": None, "chars": "200余字"},
        {"body": None, "chars": "200多字"},
        {"body": None, "chars": "200字左右"},
        {"body": None, "chars": "200字以上"},
        {"body": None, "chars": "200 多 字"},
        {"date": "2015年3月5日下午"},
        {"date": "二〇一五年三月五日"},
        {"date": 3.12},  # a number typed for 3月12日
        {"urgency": "紧急", "date": dt.datetime(2015, 3, 5), "event_time": dt.datetime(2015, 3, 4)},  # exactly 24 h
        {"urgency": "一般", "event_time": None},  # not urgent: no event time needed
        {"urgency": "紧急", "date": dt.datetime(2015, 3, 8, 15), "event_time": "3月8日9时许"},  # as reports write it
        {"urgency": "紧急", "date": dt.datetime(2015, 3, 8, 15), "event_time": "2015年3月8日上午9时左右"},
        {"category": "经济运行", "analysis": "是"},
        {"title": "岳阳县召开经济运行调度会", "analysis": None},  # no figure: no indicator
        # review W9 1: the form asks for 正文 or 字数; 见附件 and the like beside a typed 字数 is no 正文
        {"body": "见附件", "chars": 350}, {"body": "详见附件《岳阳县工业运行分析》", "chars": 350}, {"body": "略", "chars": 300},
        {"body": "全文已传真。", "chars": "约500字"},
    ],
)
def test_what_passes(settings: Settings, changes: dict[str, object]) -> None:
    [a] = check_file(unit_file([article(**changes)]), settings=settings)
    assert a.findings == [] and a.counted


def test_lengths_said_roughly_are_the_number(settings: Settings) -> None:
    typed = ("约500字", "1000余字", "500多字", "500字左右", "500字以上", "３５０", 450.0)
    articles = check_file(unit_file([article(body=None, chars=c) for c in typed]), settings=settings)
    assert [a.chars for a in articles] == [500, 1000, 500, 500, 500, 350, 450]


def test_a_sheet_without_either_length_column(settings: Settings) -> None:
    """A sheet with neither 正文 nor 字数 (the reader refuses it, but the rule still names a column): 字数, no cell."""
    keys = tuple(k for k in KEYS if k not in ("body", "chars"))
    [a] = check_file(unit_file([article()], columns=keys), settings=settings)
    [f] = a.findings
    assert (f.code, f.column, f.cell) == ("R1", "字数", "")


def test_the_article_keeps_what_was_typed(settings: Settings) -> None:
    uf = unit_file([article(note="已电话告知", title="  ", body="字" * 250), article(seq=2, date="明天")])
    uf.supplement = True
    blank_title, unreadable = check_file(uf, settings=settings)
    assert (blank_title.note, blank_title.title_key, blank_title.title_cell) == ("已电话告知", "", "C4")
    assert blank_title.file_sha256 == "0" * 64 and blank_title.supplement is True and blank_title.position == 0
    assert (unreadable.date, unreadable.date_text, unreadable.position, unreadable.title_cell) == (None, "明天", 1, "C5")


def test_event_times_are_read_in_the_workbooks_date_system(settings: Settings) -> None:
    uf = unit_file([article(urgency="紧急", date=40606, event_time=40604.5)])  # 1904 system: 3月5日 and 3月3日 12:00
    uf.date1904 = True
    [a] = check_file(uf, settings=settings)
    assert a.date == dt.datetime(2015, 3, 5) and a.event_time == dt.datetime(2015, 3, 3, 12, 0)
    assert [f.code for f in a.findings] == ["R7"] and "相隔约 36 小时" in a.findings[0].message


def test_duplicates_name_the_copy_that_counts(settings: Settings) -> None:
    warned = article(title="岳阳县召开推进会", category="综合")  # a warning does not keep a row from competing
    late = article(seq=2, title="岳阳县召开推进会", date=dt.datetime(2015, 3, 9))
    undated = article(seq=3, title="岳阳县召开推进会", date=None)  # an error: does not compete
    untitled = article(seq=4, title=None)
    rows = check_file(unit_file([warned, late, undated, untitled]), settings=settings)
    assert mark_duplicates(rows) == [rows[1]]
    first, second, third, fourth = rows
    assert first.counted and [f.code for f in first.findings] == ["R4"]
    [r6] = [f for f in second.findings if f.code == "R6"]
    assert (r6.file, r6.sheet, r6.row, r6.column, r6.cell, r6.severity, r6.unit, r6.month) == (
        "岳阳县工信局_2015-03.xlsx", "信息报送登记表", 5, "信息标题", "C5", ERROR, "岳阳县工信局", "2015-03")
    assert r6.message == "与已计入的信息标题相同（本文件第 4 行）：同一篇信息只计一次；如是新信息，请修改标题后重新报送"
    assert second.counted is False
    assert [f.code for f in third.findings] == ["R5"] and [f.code for f in fourth.findings] == ["R9"]


def test_a_dated_copy_counts_before_an_undated_one(settings: Settings) -> None:
    one, two = check_file(unit_file([article(), article(seq=2)]), settings=settings)
    one.date = None  # as if its date could be parsed but was not kept: sorts last
    mark_duplicates([one, two])
    assert two.counted and not one.counted


@pytest.mark.parametrize(
    ("value", "category"),
    [("3", "工作动态"), ("3.工作动态", "工作动态"), ("3、经济运行", "经济运行"), ("2类.", "经济运行"), ("23", None),
     ("经济运行分析", "经济运行"), ("工作动态和经济运行", None), (True, None), (3.5, None), (3.0, "工作动态"), (7, None)],
)  # fmt: skip
def test_category_of(value: object, category: str | None) -> None:
    assert category_of(value) == category


def test_yes_no_and_urgent_marks() -> None:
    assert (yes_no("Yes"), yes_no("No"), yes_no(" 是 "), yes_no("不详"), yes_no(None), yes_no(False)) == (True, False, True, None, None, False)
    assert (is_urgent("Y"), is_urgent("特急"), is_urgent("一般"), is_urgent(None), is_urgent(True)) == (True, True, False, False, True)


def test_nearest_year_keeps_what_it_does_not_move() -> None:
    dated = ParsedDate(dt.datetime(2014, 12, 30), has_year=True)
    assert nearest_year(dated, "2015-01") is dated
    missing = ParsedDate(None, error="missing")
    assert nearest_year(missing, "2015-01") is missing
    moved = nearest_year(ParsedDate(dt.datetime(2015, 12, 30, 8, 0), has_time=True, has_year=False), "2015-01")
    assert moved == ParsedDate(dt.datetime(2014, 12, 30, 8, 0), has_time=True, has_year=False)
