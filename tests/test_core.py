"""Periods, dates, text normalisation and unit resolution: the pure helpers everything else stands on."""

from __future__ import annotations

import datetime as dt

import pytest

from xlflow.core.dates import parse_date, parse_month
from xlflow.core.errors import PeriodError
from xlflow.core.periods import Period
from xlflow.core.text import count_chars, normalize_title, parse_int, safe_filename, safe_sheet_title


@pytest.mark.parametrize(
    ("text", "key", "label", "months"),
    [
        ("2015-03", "2015-03", "2015年3月", (3,)),
        ("2015年3月", "2015-03", "2015年3月", (3,)),
        ("２０１５-０３", "2015-03", "2015年3月", (3,)),  # review L9: full-width digits, a dot, 月份
        ("2015.03", "2015-03", "2015年3月", (3,)),
        ("2015年3月份", "2015-03", "2015年3月", (3,)),
        ("2015/3", "2015-03", "2015年3月", (3,)),
        ("2015-Q1", "2015-Q1", "2015年第一季度", (1, 2, 3)),
        ("2015q4", "2015-Q4", "2015年第四季度", (10, 11, 12)),
        ("2015-H1", "2015-H1", "2015年上半年", (1, 2, 3, 4, 5, 6)),
        ("2015下半年", "2015-H2", "2015年下半年", (7, 8, 9, 10, 11, 12)),
        ("2015", "2015", "2015年", tuple(range(1, 13))),
        # review Y1: the office's other ways to write a year and a quarter
        ("2015年全年", "2015", "2015年", tuple(range(1, 13))),
        ("2015全年", "2015", "2015年", tuple(range(1, 13))),
        ("2015年度", "2015", "2015年", tuple(range(1, 13))),
        ("２０１５年度", "2015", "2015年", tuple(range(1, 13))),
        ("2015年第4季度", "2015-Q4", "2015年第四季度", (10, 11, 12)),
        ("2015年4季度", "2015-Q4", "2015年第四季度", (10, 11, 12)),
        ("２０１５年第１季度", "2015-Q1", "2015年第一季度", (1, 2, 3)),
    ],
)
def test_period_parse(text: str, key: str, label: str, months: tuple[int, ...]) -> None:
    period = Period.parse(text)
    assert period.key == key
    assert period.label == label
    assert period.months == months


@pytest.mark.parametrize(
    ("text", "last"),
    [("2015-02", dt.date(2015, 2, 28)), ("2016-02", dt.date(2016, 2, 29)), ("2015-Q2", dt.date(2015, 6, 30)),
     ("2015-H1", dt.date(2015, 6, 30)), ("2015", dt.date(2015, 12, 31))],
)  # fmt: skip
def test_period_last_day(text: str, last: dt.date) -> None:
    assert Period.parse(text).last_day == last


def test_a_month_s_quarter_to_date() -> None:
    assert Period.parse("2015-05").quarter_to_date == ("2015-04", "2015-05")
    assert Period.parse("2015-07").quarter_to_date == ("2015-07",)


@pytest.mark.parametrize("text", ["2015-13", "15-03", "三月", "2015-Q5", "2015年第5季度", "2015年年度"])
def test_period_rejects_nonsense(text: str) -> None:
    with pytest.raises(PeriodError, match="2015-Q1"):
        Period.parse(text)


def test_a_period_is_asked_for_in_the_office_s_words_too() -> None:
    with pytest.raises(PeriodError) as caught:
        Period.parse("2015年5季度")
    assert str(caught.value) == (
        "无法识别的期间“2015年5季度”：请写成 2015-03 或 2015年3月（月）、2015-Q1 或 2015年第一季度（季度）、"
        "2015-H1 或 2015年上半年（半年）、2015 或 2015年全年（全年）"
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [("2015年1—12月", "2015"), ("2015年1-12月", "2015"), ("2015年10—12月", "2015-Q4"), ("2015年7-12月", "2015-H2"),
     ("2015年1—6月", "2015-H1"), ("2015年1-3月", "2015-Q1"), ("2015年3—3月", "2015-03"), ("2015年4月—6月", "2015-Q2"),
     ("２０１５年１～３月", "2015-Q1"), ("2015年1〜6月", "2015-H1"), ("2015年1月份至6月份", "2015-H1")],
)  # fmt: skip
def test_the_bulletin_s_own_label_of_a_period_is_read(text: str, key: str) -> None:
    # review W1 D6: the 通报 prints 2015年1—12月, 2015年10—12月; --period took none of them
    assert Period.parse(text).key == key


def test_a_range_of_months_that_is_no_period_names_the_nearest() -> None:
    with pytest.raises(PeriodError) as caught:
        Period.parse("2015年2—5月")
    assert str(caught.value) == (
        "“2015年2—5月”不是一个期间（月、季度、半年或全年）：最接近的是 2015年1—3月（2015-Q1）、2015年4—6月（2015-Q2）、"
        "2015年1—6月（2015-H1），请写其中之一"
    )
    with pytest.raises(PeriodError, match="^“2015年11—12月”不是一个期间.*：最接近的是 2015年10—12月（2015-Q4），请写其中之一$"):
        Period.parse("2015年11—12月")
    with pytest.raises(PeriodError, match="^这里需要一个月份，如 2015-03；“2015年1—3月”是2015年第一季度$"):
        Period.parse("2015年1—3月", month_only=True)
    # sweep Z5 D2: --month named quarters that --month then refused; it asks for a month in a month's words
    with pytest.raises(PeriodError, match="^无法识别的月份“2015年2—5月”：请写成 2015-03 或 2015年3月$"):
        Period.parse("2015年2—5月", month_only=True)


def test_a_month_is_asked_for_in_a_month_s_words() -> None:
    with pytest.raises(PeriodError, match="^无法识别的月份“2015-13”：请写成 2015-03 或 2015年3月$"):
        Period.parse("2015-13", month_only=True)
    with pytest.raises(PeriodError, match="^这里需要一个月份，如 2015-03；“2015上半年”是2015年上半年$"):
        Period.parse("2015上半年", month_only=True)
    assert Period.parse("２０１５年３月份", month_only=True) == Period.month(2015, 3)


@pytest.mark.parametrize(
    ("value", "expected", "has_time"),
    [
        ("2015年3月5日", dt.datetime(2015, 3, 5), False),
        ("2015.3.5", dt.datetime(2015, 3, 5), False),
        ("2015/3/5", dt.datetime(2015, 3, 5), False),
        ("３月５日", dt.datetime(2015, 3, 5), False),
        (42068, dt.datetime(2015, 3, 5), False),
        ("42068", dt.datetime(2015, 3, 5), False),
        ("2015-03-05 08:30", dt.datetime(2015, 3, 5, 8, 30), True),
        (dt.date(2015, 3, 5), dt.datetime(2015, 3, 5), False),
    ],
)
def test_parse_date_forms(value: object, expected: dt.datetime, has_time: bool) -> None:
    parsed = parse_date(value, default_year=2015)
    assert parsed.value == expected
    assert parsed.has_time is has_time


def test_parse_date_problems() -> None:
    assert parse_date("2015年2月30日").error == "impossible"
    assert parse_date("下周").error == "unreadable"
    assert parse_date(None).error == "missing"
    assert parse_date("3月5日").error == "unreadable"  # no year to take it from
    assert parse_date("3月5日", 2015).has_year is False


def test_parse_month() -> None:
    assert parse_month("报送月份：2015年3月") == (2015, 3)
    assert parse_month("岳阳县工信局_2015年03月_信息报送登记表") == (2015, 3)
    assert parse_month("201503") == (2015, 3)
    assert parse_month("没有月份") is None


def test_text_helpers() -> None:
    assert normalize_title(" 岳阳县　工业 经济（一季度）") == normalize_title("岳阳县工业经济(一季度)")
    assert count_chars("一 二\n三\u3000四") == 4
    assert count_chars("\ufeff\u2003一\u2002二\u200b三\u2009四\r\n") == 4  # pasted from a web page: invisible
    assert parse_int("３５０") == 350
    assert parse_int("1,200字") == 1200
    assert parse_int("很多") is None
    assert parse_int(float("inf")) is None and parse_int(float("-inf")) is None and parse_int(float("nan")) is None
    assert safe_filename("../..\\CON") not in ("", "CON")


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("《岳阳县召开工业经济座谈会》", "岳阳县召开工业经济座谈会"),
        ("岳阳县召开工业经济座谈会。", "岳阳县召开工业经济座谈会"),
        ("“岳阳县召开工业经济座谈会”", "岳阳县召开工业经济座谈会"),
        ('"岳阳县召开工业经济座谈会"', "岳阳县召开工业经济座谈会"),
        ("‘岳阳县召开工业经济座谈会’", "岳阳县召开工业经济座谈会"),
        ("「岳阳县召开工业经济座谈会」", "岳阳县召开工业经济座谈会"),
        ("《 岳阳县召开工业经济座谈会 》。", "岳阳县召开工业经济座谈会"),
        ("“《岳阳县召开工业经济座谈会》”", "岳阳县召开工业经济座谈会"),
        ("岳阳县召开工业经济座谈会.", "岳阳县召开工业经济座谈会"),
        ("关于《规划》和《方案》的说明", "关于<规划>和<方案>的说明"),  # marks inside a title are part of it
        ("《规划》和《方案》", "<规划>和<方案>"),
        ("“十三五”规划", '"十三五"规划'),
        ("《》", "<>"),
        ("。", "."),
    ],
)
def test_a_title_key_drops_the_marks_around_the_whole_title(typed: str, key: str) -> None:
    assert normalize_title(typed) == key
    assert "/" not in safe_filename("a/b") and ".." not in safe_filename("../x")
    assert safe_sheet_title("a[b]:c*?/\\" + "x" * 40) == ("a_b__c____" + "x" * 40)[:31]


def test_unit_resolution(units) -> None:  # type: ignore[no-untyped-def]
    assert units.resolve("汩罗市工信局").name == "汨罗市工信局"
    assert units.resolve(" 岳阳县 ").name == "岳阳县工信局"
    assert units.resolve("岳阳县工信局").name == "岳阳县工信局"
    assert units.resolve("ＱＱ") is None
    assert units.resolve("经济运行科").name == "经济运行科"
    assert units.find_in("岳阳楼区工信局_2015年03月.xlsx").name == "岳阳楼区工信局"
    assert units.find_in("汩罗市3月信息").name == "汨罗市工信局"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("财政资金专项信息_2015年3月", []),  # an alias glued inside a longer word names no unit
        ("2015年3月企业财务信息", []),
        ("财务_2015年03月", ["财务科"]),
        ("3月份财务信息", ["财务科"]),
        ("（财政）专项资金", ["财务科"]),
        ("财政 专项资金", ["财务科"]),
        ("二月财务报送", ["财务科"]),
        ("华容县工信局_财政资金信息", ["华容县工信局"]),
        ("华容县_财政资金信息", ["华容县工信局"]),
        ("运行科3月信息", ["经济运行科"]),
        ("报综合法规科_3月信息", ["综合法规科"]),
        # an alias before the words a file is named with, or before 局
        ("电力科通讯员登记表", ["资源电力科"]),
        ("帮扶办工作动态", ["联手帮扶办"]),
        ("电力科稿件3月", ["资源电力科"]),
        ("帮扶办材料", ["联手帮扶办"]),
        ("电力科补充信息", ["资源电力科"]),
        ("汩罗市局3月信息", ["汨罗市工信局"]),
        ("财政资金使用情况", []),
        # a section's name as the start of a longer word
        ("轻工业科技园项目信息_2015年3月", []),
        ("中小企业科技创新专题", []),
        ("轻工业科3月信息", ["轻工业科"]),
        ("联手帮扶办公室3月份信息", ["联手帮扶办"]),  # an 办's office, not the unit 办公室
        ("退二进三办公室2015年3月信息", ["退二进三办"]),
        ("帮扶办公室3月信息", ["联手帮扶办"]),  # an alias's office too
        ("办公室3月信息", ["办公室"]),
    ],
)
def test_a_strict_search_takes_an_alias_only_as_a_word_of_its_own(
    finance_units, text: str, named: list[str]  # type: ignore[no-untyped-def]
) -> None:
    assert [u.name for u in finance_units.find_all(text, strict=True)] == named


def test_a_loose_search_still_finds_an_alias_inside_a_word(finance_units) -> None:  # type: ignore[no-untyped-def]
    assert [u.name for u in finance_units.find_all("财政资金专项信息_2015年3月")] == ["财务科"]


def test_quota_periods(units) -> None:  # type: ignore[no-untyped-def]
    county = units.resolve("岳阳县")
    office = units.resolve("办公室")
    assert county.quota(Period.parse("2015-03")) == 4
    assert county.quota(Period.parse("2015-H1")) == 24
    assert office.quota(Period.parse("2015-03")) == 1  # quarter-to-date against the quarter
    assert office.count_months(Period.parse("2015-03")) == ("2015-01", "2015-02", "2015-03")
    assert office.count_months(Period.parse("2015-05")) == ("2015-04", "2015-05")
    assert office.quota(Period.parse("2015-H1")) == 2
    assert office.quota(Period.parse("2015")) == 4
    assert len(units) == 34


def test_column_letter() -> None:
    from xlflow.core.text import column_letter

    assert [column_letter(i) for i in (0, 25, 26, 701, 702, 16383)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
