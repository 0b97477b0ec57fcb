"""rules.check_file: every rule of SPEC §6 with a row that passes and a row that fails."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from helpers_workbooks import BODY, KEYS, article, unit_file

from xlflow.checks.duplicates import mark_duplicates
from xlflow.checks.rows import (
    INDICATOR,
    category_of,
    check_file,
    date_in,
    indicator_in,
    yes_no,
)
from xlflow.core.model import ERROR, WARNING, Article, CellError, SheetRead
from xlflow.settings import Settings

NOW = dt.datetime(2015, 4, 1, 9, 0)


def check(rows: list[dict[str, object]], settings: Settings, **kw: object) -> list[Article]:
    """check_file, then R6 within the file (the ledger decides it over all of a unit's rows)."""
    articles = check_file(unit_file(rows, **kw), settings=settings)
    mark_duplicates(articles)
    return articles


def codes(a: Article) -> list[str]:
    return [f.code for f in a.findings]


def test_a_good_row_has_no_findings_and_counts(settings: Settings) -> None:
    [a] = check([article()], settings)
    assert a.findings == [] and a.counted
    assert (a.unit, a.month, a.file_month) == ("岳阳县工信局", "2015-03", "2015-03")
    assert a.date == dt.datetime(2015, 3, 5)
    assert a.title == "岳阳县扎实开展企业服务年活动" and a.title_key == "岳阳县扎实开展企业服务年活动"
    assert (a.category, a.category_raw, a.analysis, a.urgent) == ("工作动态", "工作动态", False, False)
    assert a.chars == 228 and a.body == "岳阳县扎实开展企业服务年活动" + BODY[14:]  # the helper's text begins with the title
    assert (a.signer, a.signer_title, a.channel, a.reporter) == ("李建国", "局长", "电子邮件", "王芳")
    assert (a.source_file, a.sheet, a.row) == ("岳阳县工信局_2015-03.xlsx", "信息报送登记表", 4)


def test_finding_names_file_sheet_row_column_cell(settings: Settings) -> None:
    [a] = check([article(signer=None)], settings)
    [f] = a.findings
    assert (f.file, f.sheet, f.row, f.column, f.cell) == ("岳阳县工信局_2015-03.xlsx", "信息报送登记表", 4, "审签人", "H4")
    assert (f.code, f.severity, f.unit, f.month) == ("R3", ERROR, "岳阳县工信局", "2015-03")
    assert "审签" in f.message and "重新报送" in f.message


# R1 ---------------------------------------------------------------------------------------------------


def test_r1_counts_non_whitespace_characters_of_the_body(settings: Settings) -> None:
    ok_body = "字" * 190 + " \u3000\n" * 40 + "字" * 10  # exactly 200 without the whitespace
    short_body = "字" * 152 + " " * 100
    ok, short = check([article(body=ok_body), article(body=short_body, title="另一条")], settings)
    assert codes(ok) == [] and ok.chars == 200
    assert codes(short) == ["R1"] and not short.counted
    assert short.findings[0].message == "正文只有 152 字，不足 200 字：请补充后重新报送"
    assert short.findings[0].column == "正文" and short.findings[0].cell == "E5"


def test_r1_uses_chars_when_there_is_no_body(settings: Settings) -> None:
    columns = tuple(k for k in KEYS if k != "body")
    rows = [article(chars="３５０"), article(chars="350字", title="二"), article(chars=150, title="三"), article(chars="很多", title="四")]
    full, suffixed, few, text = check(rows, settings, columns=columns)
    assert codes(full) == [] and full.chars == 350
    assert codes(suffixed) == [] and suffixed.chars == 350
    assert codes(few) == ["R1"] and few.findings[0].column == "字数" and "150" in few.findings[0].message
    assert codes(text) == ["R1"] and "很多" in text.findings[0].message


def test_r1_empty_body_falls_back_to_chars_then_fails(settings: Settings) -> None:
    by_count, nothing = check([article(body=None, chars=420), article(body=None, title="二")], settings)
    assert codes(by_count) == [] and by_count.chars == 420
    assert codes(nothing) == ["R1"] and "没有正文" in nothing.findings[0].message


def test_r1_threshold_from_settings(settings: Settings) -> None:
    strict = dataclasses.replace(settings, min_chars=300)
    [a] = check([article()], strict)
    assert codes(a) == ["R1"] and "不足 300 字" in a.findings[0].message


# R2 ---------------------------------------------------------------------------------------------------


def test_r2_economic_category_needs_analysis(settings: Settings) -> None:
    rows = [
        article(category="经济运行", analysis="是"),
        article(category="经济运行", analysis="否", title="二"),
        article(category=2, analysis=None, title="三"),
        article(category="经济运行", analysis="√", title="四"),
    ]
    yes, no, empty, tick = check(rows, settings)
    assert codes(yes) == [] and yes.analysis is True
    assert codes(no) == ["R2"] and not no.counted and no.findings[0].column == "是否含情况分析"
    assert codes(empty) == ["R2"] and "没有填写" in empty.findings[0].message
    assert codes(tick) == []


@pytest.mark.parametrize(
    "text",
    [
        "1-2月全县规模工业增加值同比增长8.5%",
        "规模工业增加值增速比上月回落3个百分点",
        "完成工业投资12.6亿元，同比增长20%",
        "全社会工业用电量1.2万千瓦时",
        "工业税收入库2亿元",
    ],
)
def test_r2_indicator_text_needs_analysis(settings: Settings, text: str) -> None:
    assert INDICATOR.search(text)
    without, with_analysis = check(
        [article(body=BODY + text), article(body=BODY + text, analysis="是", title="二")], settings
    )
    assert codes(without) == ["R2"]
    assert codes(with_analysis) == []


def test_r2_indicator_in_the_title(settings: Settings) -> None:
    [a] = check([article(title="岳阳县1-2月规模工业增加值增长8.5%")], settings)
    assert codes(a) == ["R2"]


@pytest.mark.parametrize("text", ["加快推进工业投资项目建设", "用电安全检查", "税收优惠政策宣讲", "增加值"])
def test_r2_indicator_words_without_a_figure_are_not_indicators(text: str) -> None:
    assert not INDICATOR.search(text)


# R3 ---------------------------------------------------------------------------------------------------


def test_r3_signer_required(settings: Settings) -> None:
    ok, missing, blank = check([article(), article(signer=None, title="二"), article(signer="\u3000 ", title="三")], settings)
    assert codes(ok) == []
    assert codes(missing) == ["R3"] and not missing.counted
    assert codes(blank) == ["R3"]


@pytest.mark.parametrize(
    "said",
    ["无", "未审签", "待审", "/", "—", "-", "暂无", "无审签", "无人审签", "尚未审签", "还没有", "未经审核", "待签发", "缺签字",
     "无领导", "待审签人", "否", "空", "待定", "None", "NULL", "n/a", "NA", "——", "／", "…", "0", "×",
     # review D9: a cell saying it was not signed, wherever that is said in it
     "未审批", "待审批", "领导未审签", "没审签", "无需审签", "不需审签", "领导出差未签", "没签", "待签", "未批", "待批",
     "未核", "未阅", "不同意", "没有审签", "不用审", "不需要审签", "领导无审签", "暂时无人签字", "李四（未签字）", "待审签人李四", "张局长未签",
     # review F1: words between the negation and the signing
     "领导出差，待补签", "待领导审签", "未经领导审签", "没有领导签字", "暂无领导签字", "待分管领导签批", "不予同意", "未予审批",
     # review H2: the notice's own 单位负责人, and longer titles
     "待主要负责人审签", "未经单位负责人审签", "待分管副主任审签", "待局主要领导审定签发",
     # review J1: the step before signing named (报请, 送, 呈报, 提交)
     "尚未报请领导审签", "未报领导审签", "还未送领导审签", "尚未呈报领导审签", "未提交领导审签", "待报领导审签"],
)
def test_r3_a_signer_cell_saying_there_is_none_is_unsigned(settings: Settings, said: str) -> None:
    """review 3: 无, 未审签, /, — in 审签人 name no signer: the notice has every article signed off by a leader."""
    [a] = check([article(signer=said)], settings)
    assert codes(a) == ["R3"] and not a.counted and a.findings[0].severity == ERROR
    assert a.findings[0].message.startswith(f"审签人填的是“{said}”，即没有审签人：")


@pytest.mark.parametrize("said", ["同意", "已审", "已审签", "已审核", "已签", "已签发", "同意报送", "同意上报", "审核通过", "√", "✓", "✔",
                                  "已阅", "阅", "已审阅", "已批", "批准", "同意。", "（同意）", "已阅！",
                                  "局长（已阅）", "分管领导同意", "主任：同意"])
def test_r12_an_approval_without_a_name_is_a_warning_and_counts(settings: Settings, said: str) -> None:
    """同意 says a leader approved; only which one (单位负责人 or 分管领导, as the notice asks) is not known: R12, not
    R3 未审签, so the summary and the receipt do not call a signed article unsigned."""
    [a] = check([article(signer=said)], settings)
    assert [(f.code, f.severity, f.label) for f in a.findings] == [("R12", WARNING, "R12 审签人无姓名")] and a.counted
    assert a.findings[0].message.startswith(f"审签人只写了“{said}”，没有审签领导的姓名")


@pytest.mark.parametrize("name", ["张局长", "李建国", "吴无忌", "未来", "王同意", "宋待", "张不凡", "Li Jianguo", "李局长（同意）",
                                  "张三已阅", "同意 张三", "李建国（无不同意见）", "于未", "李未央", "王不凡", "没丹", "何待",
                                  "李建国（未在岗，王五代签）", "李未央（已签）", "无异议同意",
                                  # review H1: a name and an approving remark, with or without spaces
                                  "王五（核对无误签发）", "王五 审核无误已签", "王五（无异议签发）", "王五 无异议 签批",
                                  "王五（经审核无误签批）", "李四（没有不同意见）", "李四 没意见同意", "张三（未修改同意）",
                                  "张三 未作修改已审", "王五 不涉密 已审核", "王五 不公开 已签", "王五 未发现问题同意",
                                  "王五 待办 已签", "王五（待遇审批科）"])
def test_r3_a_name_is_signed(settings: Settings, name: str) -> None:
    [a] = check([article(signer=name)], settings)
    assert codes(a) == [] and a.counted


# R4 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("工作动态", "工作动态"), (3, "工作动态"), (3.0, "工作动态"), ("3", "工作动态"), ("经济运行分析", "经济运行"),
     ("2.经济运行", "经济运行"), ("突发事件信息", "突发事件"), ("产业园区企业项目", "产业园区企业项目")],
)
def test_r4_recognised_categories(settings: Settings, value: object, expected: str) -> None:
    assert category_of(value) == expected
    [a] = check([article(category=value, analysis="是")], settings)
    assert a.category == expected and "R4" not in codes(a)


@pytest.mark.parametrize("value", ["综合", "7", "经济运行与工作动态", None, ""])
def test_r4_unknown_category_is_a_warning_counted_as_other(settings: Settings, value: object) -> None:
    [a] = check([article(category=value)], settings)
    assert codes(a) == ["R4"] and a.findings[0].severity == WARNING
    assert a.category == "其他" and a.counted


# R5 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [dt.datetime(2015, 3, 5), 42068.0, 42068, "2015年3月5日", "2015.3.5", "2015/3/5", "3月5日", "３月５日", "2015-03-05"],
)
def test_r5_every_date_form(settings: Settings, value: object) -> None:
    [a] = check([article(date=value)], settings)
    assert codes(a) == [] and a.date == dt.datetime(2015, 3, 5) and a.month == "2015-03"


@pytest.mark.parametrize(("value", "word"), [(None, "没有填写"), ("下周", "无法识别"), ("2015年2月30日", "不存在")])
def test_r5_invalid_dates_are_errors(settings: Settings, value: object, word: str) -> None:
    [a] = check([article(date=value)], settings)
    assert codes(a) == ["R5"] and a.findings[0].severity == ERROR and word in a.findings[0].message
    assert not a.counted and a.month == "2015-03" and a.date is None


def test_r5_date_outside_the_month_counts_in_its_own_month(settings: Settings) -> None:
    [a] = check([article(date="2015年2月27日")], settings)
    assert codes(a) == ["R5"] and a.findings[0].severity == WARNING and a.counted
    assert (a.month, a.file_month) == ("2015-02", "2015-03")
    assert "2015年2月" in a.findings[0].message


def test_r5_a_yearless_date_takes_the_nearest_year(settings: Settings) -> None:
    [a] = check([article(date="12月30日")], settings, month="2015-01")
    assert a.date == dt.datetime(2014, 12, 30)
    # outside the workspace's year (2015): it counts in the file's month, with a warning, never lost
    assert a.month == "2015-01" and a.counted and codes(a) == ["R5"] and a.findings[0].severity == WARNING
    assert "不在 2015 年度" in a.findings[0].message and "2015年1月" in a.findings[0].message
    [b] = check([article(date="1月3日")], settings, month="2015-12")
    assert b.date == dt.datetime(2016, 1, 3) and b.month == "2015-12"
    [c] = check([article(date="3月9日")], settings, month="2015-03")
    assert c.date == dt.datetime(2015, 3, 9) and codes(c) == []
    [d] = check([article(date="7月31日")], settings, month="2015-01")  # six months either way: the file's year
    assert d.date == dt.datetime(2015, 7, 31) and d.month == "2015-07"
    [e] = check([article(date="8月1日")], settings, month="2015-01")  # seven months ahead: the year before
    assert e.date == dt.datetime(2014, 8, 1) and e.month == "2015-01"
    [f] = check([article(date="6月1日")], settings, month="2015-12")  # six months back: the file's year
    assert f.date == dt.datetime(2015, 6, 1)
    [g] = check([article(date="5月31日")], settings, month="2015-12")  # seven back: the year after
    assert g.date == dt.datetime(2016, 5, 31)


def test_r5_a_dated_year_is_never_corrected(settings: Settings) -> None:
    [a] = check([article(date="2014年3月5日")], settings)
    assert a.date == dt.datetime(2014, 3, 5) and a.month == "2015-03" and a.counted
    assert codes(a) == ["R5"] and "不在 2015 年度" in a.findings[0].message


def test_r5_serials_in_a_1904_workbook(settings: Settings) -> None:
    uf = unit_file([article(date=40606)])  # 2015-03-05 in Mac Excel's 1904 date system
    uf.date1904 = True
    [a] = check_file(uf, settings=settings)
    assert a.date == dt.datetime(2015, 3, 5) and codes(a) == []


def test_r5_dates_with_times_typed_as_text(settings: Settings) -> None:
    for text, expected in (("2015/3/2 10:00", dt.datetime(2015, 3, 2, 10)), ("2015-3-1 18:30", dt.datetime(2015, 3, 1, 18, 30)),
                           ("2015年3月2日 10时30分", dt.datetime(2015, 3, 2, 10, 30))):
        [a] = check([article(date=text)], settings)
        assert a.date == expected and codes(a) == [], text
    [feb] = check([article(date="2015/2/3 10:00")], settings, month="2015-02")
    assert feb.date == dt.datetime(2015, 2, 3, 10) and codes(feb) == []


def test_r5_event_after_the_report_date(settings: Settings) -> None:
    # a date that cannot be right, under 日期无效 (a warning: one of the two is mistyped, the row still counts)
    # the report is dated 2015-03-05 (no time): an event on the 6th cannot have been reported on the 5th
    [a] = check([article(urgency="紧急", event_time="2015-03-06 09:00")], settings)
    assert codes(a) == ["R5"] and a.findings[0].severity == WARNING and a.counted
    assert a.findings[0].column == "事件发生时间"
    assert a.findings[0].message == (
        "事件发生时间 2015-03-06 09:00 晚于报送日期 2015-03-05：请核对事件发生时间和报送日期，改正后重新报送"
    )
    # the same day, the report without a time: reported that day, after the event
    [b] = check([article(urgency="紧急", event_time="2015-03-05 09:00")], settings)
    assert codes(b) == []
    # the same day, both with times, the event after the report
    [c] = check([article(urgency="紧急", date="2015-03-05 08:00", event_time="2015-03-05 09:00")], settings)
    assert codes(c) == ["R5"] and "晚于报送日期 2015-03-05 08:00" in c.findings[0].message
    # not urgent: 事件发生时间 is the emergencies' (a meeting announced before it takes place is no error)
    [e] = check([article(urgency="一般", event_time="2015-03-20 09:00")], settings)
    assert codes(e) == []
    # reported at the minute it happened: nothing wrong
    [d] = check([article(urgency="紧急", date="2015-03-05 09:00", event_time="2015-03-05 09:00")], settings)
    assert codes(d) == []


def test_r5_keeps_what_was_typed_when_unreadable(settings: Settings) -> None:
    [a] = check([article(date="三月初")], settings)
    assert a.date is None and a.date_text == "三月初"
    [b] = check([article()], settings)
    assert b.date_text == ""


# R6 ---------------------------------------------------------------------------------------------------


def _month(rows: list[dict[str, object]], settings: Settings, month: str, **kw: object) -> list[Article]:
    return check_file(unit_file(rows, month=month, **kw), settings=settings)


def test_r6_against_earlier_months(settings: Settings) -> None:
    [feb] = _month([article(date="2015年2月6日")], settings, "2015-02")
    dup, new = _month([article(title="岳阳县扎实开展　企业服务年活动 "), article(title="新的一条")], settings, "2015-03")
    assert mark_duplicates([dup, new, feb]) == [dup]
    assert codes(dup) == ["R6"] and not dup.counted and feb.counted
    assert "2015年2月 岳阳县工信局_2015-02.xlsx 第 4 行" in dup.findings[0].message
    assert dup.findings[0].cell == "C4" and dup.findings[0].column == "信息标题"
    assert codes(new) == []


def test_r6_the_earlier_date_counts_whatever_the_order(settings: Settings) -> None:
    """A late February file imported after March: its copy was sent first, so it counts and March's does not."""
    [march] = _month([article(date="2015年3月2日")], settings, "2015-03")
    [late_feb] = _month([article(date="2015年2月27日")], settings, "2015-02")
    for order in ([march, late_feb], [late_feb, march]):
        for a in order:
            a.findings, a.counted = [], True
        mark_duplicates(order)
        assert late_feb.counted and not march.counted and codes(march) == ["R6"]
    # same date: the earlier month, then the earlier row
    one, two = _month([article(), article(seq=2)], settings, "2015-03")
    mark_duplicates([two, one])
    assert one.counted and not two.counted and "本文件第 4 行" in two.findings[0].message


def test_r6_a_copy_on_another_sheet_names_the_sheet_of_the_counted_row(settings: Settings) -> None:
    one, two = _month([article(), article(seq=2)], settings, "2015-03")
    two.sheet, two.row = "打印版", 4  # the sheet copied for printing: its row 4 is row 4 of the original
    mark_duplicates([two, one])
    assert one.counted and codes(two) == ["R6"]
    assert "（本文件“信息报送登记表”工作表第 4 行）" in two.findings[0].message


def test_r6_a_main_return_counts_before_its_supplement(settings: Settings) -> None:
    [main] = _month([article()], settings, "2015-03")
    supplement_file = unit_file([article()], month="2015-03")
    supplement_file.supplement, supplement_file.name = True, "岳阳县补报.xlsx"
    [extra] = check_file(supplement_file, settings=settings)
    mark_duplicates([extra, main])
    assert main.counted and codes(extra) == ["R6"] and "岳阳县工信局_2015-03.xlsx 第 4 行" in extra.findings[0].message


def test_r6_is_per_unit(settings: Settings) -> None:
    [a] = _month([article()], settings, "2015-03")
    [b] = _month([article()], settings, "2015-03", unit="平江县工信局")
    assert mark_duplicates([a, b]) == [] and a.counted and b.counted


def test_r6_the_same_text_under_another_title_is_the_same_article(settings: Settings) -> None:
    """review M5: a row pasted twice and its title retyped (3个 / 三个): one article; spaces and line breaks in the
    text do not matter; two rows without a text (字数 only) or under different texts are two articles."""
    text = "临湘市工业园区本月新签约项目三个，总投资12亿元，" * 12
    rows = [article(title="临湘市工业园区新签约项目3个", body=text), article(title="临湘市工业园区新签约项目三个", body=text.replace("，", "，\n ")),
            article(title="传真一", body=None, chars=300), article(title="传真二", body=None, chars=300), article(title="另一篇")]  # fmt: skip
    first, again, *others = check(rows, settings)
    assert first.counted and not again.counted and all(a.counted for a in others) and codes(again) == ["R6"]
    assert (again.findings[0].cell, again.findings[0].severity) == ("C5", ERROR)
    assert again.findings[0].message == ("正文与已计入的“临湘市工业园区新签约项目3个”相同（本文件第 4 行）：同一篇信息只计一次："
                                         "如是另一篇信息，请粘贴它自己的正文后重新报送")  # fmt: skip
    [main] = _month([article(title="甲", body=text)], settings, "2015-03")
    supplement_file = unit_file([article(title="乙", body=text)], month="2015-03")
    supplement_file.supplement, supplement_file.name = True, "岳阳县补报.xlsx"
    [extra] = check_file(supplement_file, settings=settings)
    assert mark_duplicates([extra, main]) == [extra] and main.counted and [f.severity for f in extra.findings] == [WARNING]
    assert extra.findings[0].message == ("正文与已计入的“甲”相同（2015年3月 岳阳县工信局_2015-03.xlsx 第 4 行）："
                                         "同一篇信息只计一次，这一行不再计入，无需修改")  # fmt: skip
    # a row with an error of its own, in another file, whose text is counted under another title: nothing to fix
    other = unit_file([article(title="丙", body=text, signer=None)], month="2015-03")
    other.name = "岳阳县3月（二）.xlsx"
    [broken] = check_file(other, settings=settings)
    assert mark_duplicates([main, broken]) == [] and codes(broken) == ["R3", "R6"] and not broken.counted
    assert broken.findings[-1].severity == WARNING and broken.findings[-1].message.startswith("同一篇信息已在")
    # a 补报 row repeating a counted row of its own sheet is an error there, not a hint (only another file's or
    # sheet's rows are sent again)
    again_file = unit_file([article(title="丁", body=text), article(title="戊", body=text)], month="2015-03")
    again_file.supplement, again_file.name = True, "岳阳县补报二.xlsx"
    first_row, second_row = check_file(again_file, settings=settings)
    mark_duplicates([first_row, second_row])
    assert first_row.counted and [f.severity for f in second_row.findings] == [ERROR]


# R7 ---------------------------------------------------------------------------------------------------


def test_r7_urgent_reported_in_time(settings: Settings) -> None:
    rows = [
        article(urgency="紧急", event_time=dt.datetime(2015, 3, 4, 9, 0)),  # 15 h before 3-5 00:00
        article(urgency="是", event_time="2015-03-04 08:30", title="二"),
        article(urgency="一般", event_time=dt.datetime(2015, 2, 1), title="三"),  # not urgent: no check
    ]
    for a in check(rows, settings):
        assert codes(a) == []
    assert check(rows, settings)[0].urgent and not check(rows, settings)[2].urgent


def test_r7_urgent_reported_late(settings: Settings) -> None:
    [a] = check([article(urgency="紧急", event_time="2015年3月3日16时30分")], settings)
    assert codes(a) == ["R7"] and a.findings[0].severity == WARNING and a.counted
    assert "2015-03-03 16:30" in a.findings[0].message and "24 小时" in a.findings[0].message
    assert a.event_time == dt.datetime(2015, 3, 3, 16, 30)


def test_r7_date_without_time_is_midnight_and_hours_configurable(settings: Settings) -> None:
    row = article(urgency="紧急", event_time=dt.datetime(2015, 3, 3, 23, 0))  # 25 h before 3-5 00:00
    assert codes(check([row], settings)[0]) == ["R7"]
    relaxed = dataclasses.replace(settings, emergency_hours=48)
    assert codes(check([row], relaxed)[0]) == []


def test_r7_a_part_of_the_day_counts_from_its_end(settings: Settings) -> None:
    """3月7日晚 may be 23:59: a report at 10:00 the next morning is in time; 3月6日晚 is late from 3月7日 00:00."""
    rows = [article(urgency="紧急", date="2015-03-08 10:00", event_time="3月7日晚"),
            article(urgency="紧急", date="2015-03-08 12:00", event_time="3月7日傍晚", title="二"),  # till 20:00
            article(urgency="紧急", date="2015-03-08 21:00", event_time="3月8日晚", title="三"),  # not after the report
            article(urgency="紧急", date="2015-03-08 10:00", event_time="3月6日晚", title="四"),
            article(urgency="紧急", date="2015-03-08 21:00", event_time="3月7日傍晚", title="五")]  # fmt: skip
    evening, dusk, tonight, late, late_dusk = check(rows, settings)
    assert (codes(evening), codes(dusk), codes(tonight)) == ([], [], [])
    assert evening.event_time == dt.datetime(2015, 3, 7)  # the date, as a date alone is
    assert codes(late) == ["R7"] and late.findings[0].message == (
        "紧急信息：事件发生于“3月6日晚”，2015-03-08 10:00 才报送，相隔至少 34 小时，超过 24 小时：紧急情况须在第一时间报送")
    assert codes(late_dusk) == ["R7"] and "事件发生于“3月7日傍晚”" in late_dusk.findings[0].message
    assert "相隔至少 25 小时" in late_dusk.findings[0].message


def test_r7_a_part_of_the_day_keeps_its_end_in_the_nearest_year(settings: Settings) -> None:
    [a] = check([article(urgency="紧急", date="2015-01-01 10:00", event_time="12月31日晚")], settings, month="2015-01")
    assert a.event_time == dt.datetime(2014, 12, 31) and codes(a) == []  # 10 h after the evening's end


def test_r11_urgent_without_a_readable_event_time_is_not_called_late(settings: Settings) -> None:
    rows = [article(urgency="紧急", event_time=None), article(urgency="紧急", event_time="当天上午", title="二"),
            article(urgency="紧急", event_time="3月8日9时许", date=None, title="三")]  # fmt: skip
    missing, unreadable, undated = check(rows, settings)
    assert codes(missing) == ["R11"] and missing.findings[0].label == "R11 事件时间不明" and missing.counted
    assert "事件发生时间" in missing.findings[0].message and missing.findings[0].column == "事件发生时间"
    assert codes(unreadable) == ["R11"] and "“当天上午”无法识别" in unreadable.findings[0].message
    assert codes(undated) == ["R5"]  # a readable event time and no 报送日期: nothing to compare


# R8 ---------------------------------------------------------------------------------------------------


def test_r8_signer_is_the_correspondent(settings: Settings) -> None:
    same, other = check([article(signer="王\u3000芳", reporter="王芳 "), article(title="二")], settings)
    assert codes(same) == ["R8"] and same.findings[0].severity == WARNING and same.counted
    assert codes(other) == []


# R9, R10 ----------------------------------------------------------------------------------------------


def test_r9_content_without_title(settings: Settings) -> None:
    [a] = check([article(title=None)], settings)
    assert codes(a) == ["R9"] and not a.counted and a.title_key == ""


def test_r10_overlong_cell(settings: Settings) -> None:
    [a] = check([article(body="字" * 33_000)], settings)
    assert codes(a) == ["R10"] and a.counted


# all rules at once ------------------------------------------------------------------------------------


def test_every_failure_is_its_own_finding(settings: Settings) -> None:
    row = article(body="短", signer="王芳", reporter="王芳", category="经济运行", analysis="否", date="下周",
                  urgency="紧急", event_time=None)
    [a] = check([row], settings)
    assert sorted(codes(a)) == ["R1", "R11", "R2", "R5", "R8"]
    assert not a.counted and len(a.errors) == 3 and len(a.warnings) == 2


def test_yes_no_values() -> None:
    assert [yes_no(v) for v in ("是", "有", "√", "否", "无", "×", None, "不详", True)] == [
        True, True, True, False, False, False, None, None, True
    ]


# edges found by mutation testing (tests/README.md) ------------------------------------------------------


def test_a_row_not_counted_drops_counted_from_each_hint(settings: Settings) -> None:
    """本条照常计入 goes with the separator after it, ， or ；, and nothing is put in its place."""
    row = article(body="字" * 120, category=None, urgency="紧急", event_time=None, signer="王芳", reporter="王芳")
    [a] = check([row], settings)
    assert not a.counted and [(f.code, f.message) for f in a.findings] == [
        ("R1", "正文只有 120 字，不足 200 字：请补充后重新报送"),
        ("R4", "没有填写信息类别：归“其他”类；以后请从下拉列表选择六类之一"),
        ("R11", "标为紧急，但没有填写事件发生时间，无法判断是否迟报：以后请填写事件发生的日期和时间（如 2015-03-05 08:30）"),
        ("R8", "审签人与通讯员是同一人（王芳）：信息须由单位负责人或分管领导审签，不宜自审自签；以后请由审签领导审签"),
    ]


def test_date_in_reads_a_serial_in_the_1900_system_unless_told() -> None:
    assert date_in(42068, "2015-03").value == dt.datetime(2015, 3, 5)
    assert date_in(42068, "2015-03", True).value == dt.datetime(2019, 3, 6)


def test_r14_a_ditto_mark_takes_the_nearest_row_above_with_a_value(settings: Settings) -> None:
    """A formula error above is no value to copy; Ditto。 is read as ditto; a mark under a mark names the row the
    value is written in."""
    signers = [CellError("#N/A"), "同上", "李建国", "Ditto。", "〃"]
    rows = [article(title=f"岳阳县第{i}条工作信息", signer=s) for i, s in enumerate(signers)]
    read = check(rows, settings)
    assert [(a.signer, a.counted) for a in read] == [
        ("#N/A", False), ("", False), ("李建国", True), ("李建国", True), ("李建国", True)]  # fmt: skip
    assert [[(f.code, f.cell, f.message) for f in a.findings] for a in read[1:]] == [
        [("R14", "H5", "“审签人”写的是“同上”，但上面没有填写审签人的行，按没有填写看：请逐行填写"),
         ("R3", "H5", "没有审签人：工信局的信息须经单位负责人审签，科室的信息须经分管领导审签，请补填后重新报送")],
        [],
        [("R14", "H7", "“审签人”写的是“Ditto。”，按第 6 行的“李建国”读取：以后请逐行填写")],
        [("R14", "H8", "“审签人”写的是“〃”，按第 6 行的“李建国”读取：以后请逐行填写")],
    ]  # fmt: skip


def test_r1_a_formula_error_in_chars_is_moot_when_the_body_is_there(settings: Settings) -> None:
    """字数 as =LEN(E4) showing #VALUE!: the 正文 is counted, the 字数 cell not read."""
    counted, faxed = check([article(chars=CellError("#VALUE!")), article(title="二", body=None, chars=CellError("#VALUE!"))], settings)
    assert counted.findings == [] and counted.counted and counted.chars == 228
    assert [(f.code, f.cell, f.message) for f in faxed.findings] == [
        ("R1", "F5", "F5 的公式结果是错误值 #VALUE!：请改为直接填写字数后重新报送")]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("新情况、新问题", "新情况新问题"), ("新问题", "新情况新问题"), ("产业园区、企业、项目", "产业园区企业项目"),
     ("企业项目", "产业园区企业项目"), ("（突发）", "突发事件"), ("企业", None), ("经济运行、新问题", None)],
)  # fmt: skip
def test_r4_a_category_in_the_notices_short_words(typed: str, expected: str | None) -> None:
    """The notice words two categories in part (新情况、新问题; 产业园区、企业、项目; 突发): one of them named, the category;
    企业 alone, or two categories named, none."""
    assert category_of(typed) == expected


def test_r7_lateness_in_the_minutes_the_hint_shows(settings: Settings) -> None:
    """Seconds are not shown, so not counted: 24 hours and 30 seconds is 24 hours, in time; a minute more is late."""
    fire = {"urgency": "紧急", "event_time": dt.datetime(2015, 3, 5, 0, 10)}
    rows = [article(**fire, date=dt.datetime(2015, 3, 6, 0, 10)), article(**fire, title="二", date=dt.datetime(2015, 3, 6, 0, 10, 30)),
            article(**fire, title="三", date=dt.datetime(2015, 3, 6, 0, 11))]  # fmt: skip
    exact, seconds, minute = check(rows, settings)
    assert (exact.findings, seconds.findings) == ([], [])
    assert [(f.code, f.message) for f in minute.findings] == [("R7", "紧急信息：事件发生于 2015-03-05 00:10，2015-03-06 00:11 才报送，"
                                                                     "相隔约 24 小时 1 分，超过 24 小时：紧急情况须在第一时间报送")]


def test_r14_a_ditto_mark_reads_the_row_above_in_its_own_sheet(settings: Settings) -> None:
    read = unit_file([article(signer="王五"), article(title="二", signer="同上"), article(title="三", signer="同上")])
    read.rows[1].sheet = read.rows[2].sheet = "2月补"
    first, other, below = check_file(read, settings=settings)
    assert [(a.signer, a.counted) for a in (first, other, below)] == [("王五", True), ("", False), ("", False)]
    assert [f.message for f in below.findings if f.code == "R14"] == ["“审签人”写的是“同上”，但上面没有填写审签人的行，按没有填写看：请逐行填写"]


@pytest.mark.parametrize(("typed", "month", "example"), [
    (12.3, "2016-01", "请写成 2015-12-03 或 2015-12-30 后重新报送"), (1.2, "2014-12", "请写成 2015-01-02 或 2015-01-20 后重新报送")])  # fmt: skip
def test_r5_an_ambiguous_number_near_the_turn_of_the_year(settings: Settings, typed: float, month: str, example: str) -> None:
    """The example dates are in the month nearest the file's, in the workspace's year (2015) when that is it."""
    [a] = check([article(date=typed)], settings, month=month)
    n, (m, d) = f"{typed:g}", f"{typed:g}".split(".")
    assert [(f.code, f.message) for f in a.findings] == [
        ("R5", f"报送日期填的是数字 {n}，是 {m}月{d}日 还是 {m}月{d}0日（Excel 会把 {n}0 存成 {n}）无法确定：{example}")]


def test_r9_a_title_formula_error_gives_no_title_key(settings: Settings) -> None:
    """#N/A in 信息标题 is no title: nothing to match copies by (R6), as for an empty title."""
    [a] = check([article(title=CellError("#N/A"), body=BODY)], settings)
    assert (codes(a), a.title, a.title_key, a.counted) == (["R9"], "#N/A", "", False)


def test_r6_only_the_rows_of_a_repeating_sheet_are_a_supplement(settings: Settings) -> None:
    """A 2月补 sheet beside the month's form: its rows are a 补报 (may repeat counted ones), the form's are not."""
    read = unit_file([article(), article(title="二")])
    read.rows[1].sheet = "2月补"
    read.sheets.append(SheetRead("2月补", True, repeats=True))
    assert [a.supplement for a in check_file(read, settings=settings)] == [False, True]


def test_r2_a_relief_word_further_back_in_the_clause_is_about_something_else() -> None:
    """Only a relief in the last 8 characters before 税收 makes it one: 降低能耗 nine back is no tax relief."""
    assert indicator_in("在降低能耗的同时全县税收增长12%") == "税收增长12%"
