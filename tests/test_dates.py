"""Dates as people type them: every separator style with and without a time, full-width digits, both of Excel's
date systems, dates without a year. Property tests format random datetimes in each style and parse them back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlflow.core.dates import ParsedDate, closest_year, from_serial, parse_date, parse_month, yearless_month

FULL_WIDTH = str.maketrans("0123456789:/-.", "０１２３４５６７８９：／－．")

MOMENTS = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 12, 31, 23, 59)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


def typed_with_time(d: dt.datetime) -> list[str]:
    """Every way a unit writes a date with a time of day (hours and minutes)."""
    y, m, day, h, mi = d.year, d.month, d.day, d.hour, d.minute
    return [
        f"{y}/{m}/{day} {h}:{mi:02d}",
        f"{y}-{m}-{day} {h}:{mi:02d}",
        f"{y}.{m}.{day} {h}:{mi:02d}",
        f"{y}/{m:02d}/{day:02d} {h:02d}:{mi:02d}",
        f"{y}-{m:02d}-{day:02d}T{h:02d}:{mi:02d}",
        f"{y}-{m:02d}-{day:02d} {h:02d}:{mi:02d}:00",
        f"{y}年{m}月{day}日 {h}时{mi}分",
        f"{y}年{m}月{day}日{h}时{mi}分",
        f"{y}年{m}月{day}日{h}:{mi:02d}",
        f"{y}年{m}月{day}日 {h}:{mi:02d}",
        f"{y}年{m}月{day}号 {h}点{mi}分",
        f"{y}/{m}/{day}  {h}:{mi:02d}",
        f"{y}/{m}/{day}\u3000{h}:{mi:02d}",
        f"{y}/{m}/{day} {h}:{mi:02d}".translate(FULL_WIDTH),
        f"{y}年{m}月{day}日 {h}时{mi}分".translate(FULL_WIDTH),
    ]


@given(MOMENTS)
def test_every_style_with_a_time_round_trips(moment: dt.datetime) -> None:
    for text in typed_with_time(moment):
        parsed = parse_date(text)
        assert parsed.value == moment, text
        assert parsed.has_time is True and parsed.has_year is True, text


@given(MOMENTS)
def test_dates_without_a_year_keep_their_time(moment: dt.datetime) -> None:
    for text in (f"{moment.month}月{moment.day}日{moment.hour}时{moment.minute}分", f"{moment.month}月{moment.day}日 {moment.hour}:{moment.minute:02d}"):
        parsed = parse_date(text, default_year=moment.year)
        assert parsed.value == moment, text
        assert parsed.has_year is False and parsed.has_time is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015/3/2 10:00", dt.datetime(2015, 3, 2, 10, 0)),  # was read as 2015-03-21 (whitespace squeezed out)
        ("2015-3-1 18:30", dt.datetime(2015, 3, 1, 18, 30)),  # was 2015-03-11 08:30
        ("2015/2/3 10:00", dt.datetime(2015, 2, 3, 10, 0)),  # was refused as 2015-02-31
        ("2015年3月2日 10时30分", dt.datetime(2015, 3, 2, 10, 30)),
        ("2015年3月2日10:30", dt.datetime(2015, 3, 2, 10, 30)),
        ("2015年3月2日下午3点", dt.datetime(2015, 3, 2, 15, 0)),
        ("2015年3月2日 10点半", dt.datetime(2015, 3, 2, 10, 30)),
        ("2015/3/2 12:30 PM", dt.datetime(2015, 3, 2, 12, 30)),
        ("2015/3/2 12:30 am", dt.datetime(2015, 3, 2, 0, 30)),
        ("2015-03-05 08:30:00.000", dt.datetime(2015, 3, 5, 8, 30)),
        ("2015年3月2日（星期一）", dt.datetime(2015, 3, 2)),
        ("２０１５年３月５日", dt.datetime(2015, 3, 5)),
    ],
)
def test_typed_dates(text: str, expected: dt.datetime) -> None:
    assert parse_date(text).value == expected


@pytest.mark.parametrize("text", ["2015-3-210:30", "2015年3月2日 10", "2015/3/2 25:00", "2015/3/2 10:61", "2015/3/2 明天"])
def test_a_time_that_cannot_be_read_is_not_guessed(text: str) -> None:
    parsed = parse_date(text)
    assert parsed.value is None and parsed.error in ("unreadable", "impossible")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015年3月2日 10:00。", dt.datetime(2015, 3, 2, 10, 0)),  # a time ending a sentence
        ("2015/3/2 10:30.", dt.datetime(2015, 3, 2, 10, 30)),
        ("2015年3月2日下午3点。", dt.datetime(2015, 3, 2, 15, 0)),
        ("3月2日 8时30分。", dt.datetime(2015, 3, 2, 8, 30)),
    ],
)
def test_a_full_stop_after_the_time(text: str, expected: dt.datetime) -> None:
    parsed = parse_date(text, 2015)
    assert parsed.value == expected and parsed.has_time is True


def test_a_two_digit_year_is_read_only_near_the_files_year() -> None:
    assert parse_date("15.3.10", 2015).value == dt.datetime(2015, 3, 10)
    assert parse_date("15/3/10", 2015).value == dt.datetime(2015, 3, 10)
    assert parse_date("14-12-30", 2015).value == dt.datetime(2014, 12, 30)  # last December, in a January file
    assert parse_date("16.1.4", 2015).value == dt.datetime(2016, 1, 4)
    # 10/3/15 in a 2015 file: 2010-03-15, or 10 March 2015 written day first; neither is guessed
    assert parse_date("10/3/15", 2015).error == "unreadable"
    assert parse_date("13.3.15", 2015).error == "unreadable"
    assert parse_date("10/3/15").value == dt.datetime(2010, 3, 15)  # no year to compare with: as written


def test_yearless_dates_need_a_year_and_keep_the_time() -> None:
    assert parse_date("3月4日16时30分").error == "unreadable"
    parsed = parse_date("3月4日16时30分", 2015)
    assert parsed.value == dt.datetime(2015, 3, 4, 16, 30) and parsed.has_year is False and parsed.has_time is True


def test_serials_in_both_date_systems() -> None:
    # 2015-03-05 is serial 42068 in the 1900 system and 40606 in the 1904 system (Mac Excel)
    assert parse_date(42068).value == dt.datetime(2015, 3, 5)
    assert parse_date(40606, date1904=True).value == dt.datetime(2015, 3, 5)
    assert parse_date(40606).value == dt.datetime(2011, 3, 4)  # what reading it in the wrong system gives
    assert parse_date("40606", date1904=True).value == dt.datetime(2015, 3, 5)
    assert parse_date(42068.354166666664).value == dt.datetime(2015, 3, 5, 8, 30)
    assert parse_month(40606, date1904=True) == (2015, 3)


def test_serial_range_ends() -> None:
    # serials are dates only from 1990-01-01 (32874) to 2100-12-31 (73415)
    assert parse_date(32874).value == dt.datetime(1990, 1, 1)
    assert parse_date(32873).error == "unreadable"
    assert parse_date(73415).value == dt.datetime(2100, 12, 31)
    assert parse_date(73416).error == "unreadable"
    assert parse_date(float("nan")).error == "unreadable"
    assert parse_date(True).error == "unreadable"


def test_months() -> None:
    assert parse_month("2015年1月") == (2015, 1)
    assert parse_month("2015.2") == (2015, 2)
    assert parse_month("201502") == (2015, 2)
    assert parse_month("2015年13月") is None
    assert parse_month("1989年3月") is None
    assert parse_month(dt.date(2015, 12, 1)) == (2015, 12)


@pytest.mark.parametrize(
    ("text", "month"),
    [("岳阳县2月份政务信息", 2), ("平江县二月信息", 2), ("十二月报表", 12), ("十一月份", 11), ("十月", 10),
     ("元月信息", 1), ("3月", 3), ("第二月", None), ("3月5日报送", None), ("没有月份", None), ("13月", None)],
)
def test_yearless_months(text: str, month: int | None) -> None:
    assert yearless_month(text) == month


def test_invisible_characters_and_separators_people_leave() -> None:
    assert parse_date("\u200b2015年3月5日").value == dt.datetime(2015, 3, 5)
    assert parse_date("\ufeff2015-03-05").value == dt.datetime(2015, 3, 5)
    assert parse_date("2015-03-02,10:00").value == dt.datetime(2015, 3, 2, 10, 0)
    assert parse_date("2015-03-02t10:00").value == dt.datetime(2015, 3, 2, 10, 0)


def test_seconds_and_the_hours_around_noon_and_midnight() -> None:
    assert parse_date("2015年3月2日10时30分15秒").value == dt.datetime(2015, 3, 2, 10, 30, 15)
    assert parse_date("2015/3/2 10:30:15").value == dt.datetime(2015, 3, 2, 10, 30, 15)
    for word in ("凌晨", "早上", "早晨", "上午"):
        assert parse_date(f"2015年3月2日{word}12点").value == dt.datetime(2015, 3, 2, 0, 0), word
    assert parse_date("2015年3月2日中午12点").value == dt.datetime(2015, 3, 2, 12, 0)
    assert parse_date("2015年3月2日晚上8点").value == dt.datetime(2015, 3, 2, 20, 0)
    assert parse_date("2015年3月2日上午9点").value == dt.datetime(2015, 3, 2, 9, 0)
    # a 24-hour time keeps its hour whatever word comes with it
    assert parse_date("2015/3/2 13:00 am").value == dt.datetime(2015, 3, 2, 13, 0)
    assert parse_date("2015年3月2日下午13点").value == dt.datetime(2015, 3, 2, 13, 0)


def test_cell_dates_and_serials_say_whether_a_time_was_given() -> None:
    aware = dt.datetime(2015, 3, 5, 8, 30, 15, 999, tzinfo=dt.UTC)
    parsed = parse_date(aware)
    assert parsed.value == dt.datetime(2015, 3, 5, 8, 30, 15) and parsed.value.tzinfo is None and parsed.has_time
    assert parse_date(dt.datetime(2015, 3, 5)).has_time is False
    assert parse_date(42068).has_time is False
    assert parse_date(42068.5).has_time is True and parse_date(42068.5).value == dt.datetime(2015, 3, 5, 12, 0)
    assert parse_date("2015年3月5日").has_time is False and parse_date("2015年3月5日 8:00").has_time is True


def test_month_boundaries() -> None:
    assert parse_month("1990年1月") == (1990, 1)
    assert parse_month("2100年12月") == (2100, 12)
    assert parse_month("2101年1月") is None
    assert parse_month(10) is None  # a serial far outside the years a report can name
    assert (yearless_month("1月"), yearless_month("12月"), yearless_month("0月")) == (1, 12, None)


@pytest.mark.parametrize(
    ("month", "near_month", "year"),
    [(12, 1, 2014), (8, 1, 2014), (7, 1, 2015), (1, 12, 2016), (1, 8, 2016), (1, 7, 2015), (3, 3, 2015)],
)
def test_a_month_without_a_year_takes_the_closest_year(month: int, near_month: int, year: int) -> None:
    """More than six months away is the next or the previous year; six months is still the same year."""
    assert closest_year(month, 2015, near_month) == year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015年3月5日上午", dt.datetime(2015, 3, 5)),  # half a day without an hour: the date alone
        ("2015年3月6日 下午", dt.datetime(2015, 3, 6)),
        ("2015年3月9日晚", dt.datetime(2015, 3, 9)),
        ("2015年3月9日晚上", dt.datetime(2015, 3, 9)),
        ("2015年3月9日早上", dt.datetime(2015, 3, 9)),
        ("2015年3月9日早", dt.datetime(2015, 3, 9)),
        ("2015年3月9日中午", dt.datetime(2015, 3, 9)),
        ("2015/3/9 pm", dt.datetime(2015, 3, 9)),
        ("2015年3月11日（周三）上午", dt.datetime(2015, 3, 11)),
        ("2015年3月9日晚8点", dt.datetime(2015, 3, 9, 20, 0)),  # with an hour the word still counts
        ("2015年3月9日早8点", dt.datetime(2015, 3, 9, 8, 0)),
        ("2015年3月5日上午9时", dt.datetime(2015, 3, 5, 9, 0)),
        ("二〇一五年三月五日", dt.datetime(2015, 3, 5)),  # as the notice itself writes dates
        ("二○一五年十二月三十一日", dt.datetime(2015, 12, 31)),  # ○ (a circle) typed for 〇
        ("二零一五年十月二十日", dt.datetime(2015, 10, 20)),
        ("二〇一五年十一月十号", dt.datetime(2015, 11, 10)),
        ("二〇一五年二月二十八日", dt.datetime(2015, 2, 28)),
        ("二〇一五年三月三十日下午三点", dt.datetime(2015, 3, 30, 15, 0)),
        ("二〇一五年三月五日九时四十五分", dt.datetime(2015, 3, 5, 9, 45)),
        ("2015年三月十九日", dt.datetime(2015, 3, 19)),
        ("2015.3.7.", dt.datetime(2015, 3, 7)),  # a trailing full stop
        ("2015年3月7日。", dt.datetime(2015, 3, 7)),
        ("15.3.10", dt.datetime(2015, 3, 10)),  # a two-digit year
        ("15年3月10日", dt.datetime(2015, 3, 10)),
    ],
)
def test_dates_as_offices_write_them(text: str, expected: dt.datetime) -> None:
    parsed = parse_date(text)
    assert parsed.value == expected and parsed.has_year is True
    assert parsed.has_time is (expected.time() != dt.time())


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3月8日9时许", dt.datetime(2015, 3, 8, 9, 0)), ("2015年3月8日上午9时左右", dt.datetime(2015, 3, 8, 9, 0)),
     ("3月8日下午3时前后", dt.datetime(2015, 3, 8, 15, 0)), ("2015/3/8 9:30左右", dt.datetime(2015, 3, 8, 9, 30)),
     ("3月8日 9时30分许。", dt.datetime(2015, 3, 8, 9, 30)), ("3月8日下午3点 前后", dt.datetime(2015, 3, 8, 15, 0))],
)  # fmt: skip
def test_an_event_time_said_roughly_is_its_hour(text: str, expected: dt.datetime) -> None:
    """事件发生时间 as reports write it: 9时许, 9时左右, 3时前后 are the hour itself."""
    parsed = parse_date(text, 2015)
    assert (parsed.value, parsed.has_time) == (expected, True)


@pytest.mark.parametrize("text", ["3月8日许", "3月8日左右", "3月8日9时许许", "3月8日9时后", "3月8日许9时"])
def test_roughly_without_an_hour_is_not_read(text: str) -> None:
    assert parse_date(text, 2015).error == "unreadable"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3月8日约9时", dt.datetime(2015, 3, 8, 9, 0)), ("3月8日大约9时30分", dt.datetime(2015, 3, 8, 9, 30)),
     ("3月8日上午约9时", dt.datetime(2015, 3, 8, 9, 0)), ("3月8日约下午3时", dt.datetime(2015, 3, 8, 15, 0)),
     ("3月8日零时许", dt.datetime(2015, 3, 8, 0, 0)), ("3月8日零点", dt.datetime(2015, 3, 8, 0, 0)),
     ("2015年3月8日〇时30分", dt.datetime(2015, 3, 8, 0, 30)), ("3月8日9时多", dt.datetime(2015, 3, 8, 9, 0)),
     ("3月7日夜间11时许", dt.datetime(2015, 3, 7, 23, 0)), ("3月7日晚上8点", dt.datetime(2015, 3, 7, 20, 0)),
     ("3月7日晚间9时", dt.datetime(2015, 3, 7, 21, 0)), ("3月7日晚5点", dt.datetime(2015, 3, 7, 17, 0)),
     ("3月7日傍晚6点", dt.datetime(2015, 3, 7, 18, 0)), ("3月7日深夜11时", dt.datetime(2015, 3, 7, 23, 0)),
     ("3月7日夜里10点", dt.datetime(2015, 3, 7, 22, 0)), ("3月7日半夜11点", dt.datetime(2015, 3, 7, 23, 0)),
     ("3月8日凌晨3时", dt.datetime(2015, 3, 8, 3, 0)), ("3月8日凌晨两点", dt.datetime(2015, 3, 8, 2, 0)),
     ("3月8日中午12时", dt.datetime(2015, 3, 8, 12, 0)), ("3月8日中午1点", dt.datetime(2015, 3, 8, 13, 0)),
     ("3月8日中午11点半", dt.datetime(2015, 3, 8, 11, 30)), ("3月8日下午约2时左右", dt.datetime(2015, 3, 8, 14, 0)),
     # the night's small hours are the next morning: 晚上12点 is midnight, not noon
     ("3月7日晚上12点", dt.datetime(2015, 3, 8, 0, 0)), ("3月7日深夜1时许", dt.datetime(2015, 3, 8, 1, 0)),
     ("3月7日夜间4时", dt.datetime(2015, 3, 8, 4, 0)), ("3月31日晚上12点", dt.datetime(2015, 4, 1, 0, 0)),
     ("2015年12月31日夜间0时", dt.datetime(2016, 1, 1, 0, 0))],
)  # fmt: skip
def test_event_times_as_emergency_reports_write_them(text: str, expected: dt.datetime) -> None:
    """约 before the hour, 多 after it, 零时, and every part of the day with its hour read on a 24-hour clock."""
    parsed = parse_date(text, 2015)
    assert parsed == ParsedDate(expected, has_time=True, has_year=text.startswith("2015"))


@pytest.mark.parametrize(
    ("text", "latest"),
    [("3月7日凌晨", dt.datetime(2015, 3, 7, 6)), ("3月7日早上", dt.datetime(2015, 3, 7, 10)),
     ("3月7日早晨", dt.datetime(2015, 3, 7, 10)), ("3月7日早", dt.datetime(2015, 3, 7, 10)),
     ("3月7日上午", dt.datetime(2015, 3, 7, 12)), ("3/7 am", dt.datetime(2015, 3, 7, 12)),
     ("3月7日中午", dt.datetime(2015, 3, 7, 14)), ("3月7日下午", dt.datetime(2015, 3, 7, 19)),
     ("3月7日傍晚", dt.datetime(2015, 3, 7, 20)), ("3/7 pm", dt.datetime(2015, 3, 8)),
     ("3月7日晚", dt.datetime(2015, 3, 8)), ("3月7日晚上", dt.datetime(2015, 3, 8)),
     ("3月7日晚间", dt.datetime(2015, 3, 8)), ("3月7日深夜", dt.datetime(2015, 3, 8, 3)),
     ("3月7日半夜", dt.datetime(2015, 3, 8, 3)), ("3月7日夜间", dt.datetime(2015, 3, 8, 6)),
     ("3月7日夜里", dt.datetime(2015, 3, 8, 6))],
)  # fmt: skip
def test_a_part_of_the_day_without_an_hour_reaches_to_its_end(text: str, latest: dt.datetime) -> None:
    """3月7日晚 is the date (00:00, no time of day) and may mean as late as the evening's end: R7 counts from there."""
    parsed = parse_date(text, 2015)
    assert (parsed.value, parsed.has_time, parsed.value + parsed.span) == (dt.datetime(2015, 3, 7), False, latest)


@pytest.mark.parametrize("text", ["3月8日约", "3月8日9时多多", "3月8日多9时", "3月8日9时约", "3月8日晚上约", "3月8日零",
                                  "3月8日两", "3月8日夜"])  # fmt: skip
def test_roughly_or_a_night_without_an_hour_is_no_time(text: str) -> None:
    assert parse_date(text, 2015).error == "unreadable"


def test_a_half_day_word_without_a_year_or_an_hour() -> None:
    assert parse_date("3月10日下午", 2015) == ParsedDate(dt.datetime(2015, 3, 10), has_year=False, span=dt.timedelta(hours=19))
    assert parse_date("三月十日", 2015) == ParsedDate(dt.datetime(2015, 3, 10), has_year=False)
    assert parse_date("三月十日").error == "unreadable"


@pytest.mark.parametrize(
    ("text", "error"),
    [("二〇一五年二月三十日", "impossible"), ("二〇一五年十三月一日", "impossible"), ("2015年3月5日下", "unreadable"),
     ("2015年3月5日午", "unreadable"), (".", "unreadable"), ("一五年三月五日", "unreadable"),
     ("2015年3月5日晚晚", "unreadable"), ("5.3.10", "unreadable"), ("2015年3月五", "unreadable"),
     ("9999年12月31日晚上12点", "impossible")],
)  # fmt: skip
def test_what_still_cannot_be_read(text: str, error: str) -> None:
    assert parse_date(text, 2015).error == error


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.12, dt.datetime(2015, 3, 12)), (12.31, dt.datetime(2015, 12, 31)), (3.05, dt.datetime(2015, 3, 5)),
     (3.04, dt.datetime(2015, 3, 4)), (2.3, dt.datetime(2015, 2, 3)), (3.4, dt.datetime(2015, 3, 4)),
     (1.09, dt.datetime(2015, 1, 9))],
)  # fmt: skip
def test_a_small_number_is_month_and_day(value: float, expected: dt.datetime) -> None:
    """3.12 in a number or date cell is 3月12日 of the file's year, as the text "3.12" is (2.3: no 2.30)."""
    assert parse_date(value, 2015) == ParsedDate(expected, has_year=False)


@pytest.mark.parametrize("value", [3.1, 3.2, 3.3, 12.3, 1.1])
def test_a_number_that_lost_its_trailing_zero_is_not_guessed(value: float) -> None:
    """Excel keeps 3.10 as 3.1: 3月1日 or 3月10日 cannot be told apart."""
    assert parse_date(value, 2015) == ParsedDate(None, error="ambiguous", typed=str(value))


@pytest.mark.parametrize(
    ("value", "error"),
    [(3, "unreadable"), (0, "unreadable"), (3.125, "unreadable"), (13.01, "unreadable"),
     (12.32, "impossible"), (-3.12, "unreadable"), (0.5, "impossible")],
)  # fmt: skip
def test_small_numbers_that_are_no_month_and_day(value: float, error: str) -> None:
    assert parse_date(value, 2015).error == error
    assert parse_date(3.12).error == "unreadable"  # no year to take


@pytest.mark.parametrize(
    ("cell", "date1904", "expected"),
    [
        (dt.datetime(1900, 1, 3, 2, 52, 48), False, dt.datetime(2015, 3, 12)),  # 3.12 in a date cell
        (dt.datetime(1900, 1, 12, 7, 26, 24), False, dt.datetime(2015, 12, 31)),  # 12.31
        (dt.datetime(1904, 1, 4, 2, 52, 48), True, dt.datetime(2015, 3, 12)),  # the same in the 1904 system
        (dt.datetime(1900, 1, 3, 2, 52, 48, 7), False, dt.datetime(2015, 3, 12)),  # a reader's rounding
    ],
)
def test_a_small_number_in_a_date_cell(cell: dt.datetime, date1904: bool, expected: dt.datetime) -> None:
    assert parse_date(cell, 2015, date1904=date1904).value == expected


@pytest.mark.parametrize(
    ("cell", "date1904"),
    [(dt.datetime(1900, 1, 3, 2, 24), False), (dt.datetime(1904, 1, 4, 2, 24), True)],  # 3.1
)
def test_a_date_cell_that_lost_its_trailing_zero(cell: dt.datetime, date1904: bool) -> None:
    assert parse_date(cell, 2015, date1904=date1904) == ParsedDate(None, error="ambiguous", typed="3.1")


@pytest.mark.parametrize(
    ("cell", "date1904"),
    [(dt.datetime(1900, 1, 13, 7, 12), False), (dt.datetime(1899, 12, 30, 12), False),
     (dt.datetime(1904, 1, 14), True), (dt.datetime(1900, 3, 5, 12), False),
     (dt.datetime(1989, 12, 31), False), (dt.datetime(2101, 1, 1), False),
     (dt.datetime(1900, 1, 3, 2, 52, 48), True)],
)  # fmt: skip
def test_date_cells_outside_the_years_a_report_names(cell: dt.datetime, date1904: bool) -> None:
    """As for serials, only 1990–2100 are dates: 65.5 in a date cell (1900-03-05) is no 报送日期."""
    assert parse_date(cell, 2015, date1904=date1904).error == "unreadable"


def test_date_cells_at_the_ends_of_the_years() -> None:
    assert parse_date(dt.datetime(1899, 12, 31, 12), 2015).error == "impossible"  # 0.5: no month 0
    assert parse_date(dt.datetime(1990, 1, 1)).value == dt.datetime(1990, 1, 1)
    assert parse_date(dt.datetime(2100, 12, 31, 23, 59)).value == dt.datetime(2100, 12, 31, 23, 59)
    assert parse_date(dt.date(1900, 1, 3)).error == "unreadable"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(20150305, dt.datetime(2015, 3, 5)), (20150305.0, dt.datetime(2015, 3, 5)), (19000101, dt.datetime(1900, 1, 1)),
     (21001231, dt.datetime(2100, 12, 31))],
)  # fmt: skip
def test_eight_digits_typed_in_a_general_cell_are_a_date(value: float, expected: dt.datetime) -> None:
    """20150305 typed where Excel keeps a number reads as the text "20150305" does."""
    assert parse_date(value, 2015) == ParsedDate(expected)


@pytest.mark.parametrize(
    ("value", "error"),
    [(20150230, "impossible"), (19000100, "unreadable"), (21001232, "unreadable"), (20150305.5, "unreadable")],
)  # fmt: skip
def test_eight_digit_numbers_that_are_no_date(value: float, error: str) -> None:
    """Only a whole number from 19000101 to 21001231 is read as yyyymmdd; others stay serials (out of range)."""
    assert parse_date(value, 2015).error == error


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2015。3。9", dt.datetime(2015, 3, 9)), ("2015。03。10", dt.datetime(2015, 3, 10)),
     ("2015。3。9。", dt.datetime(2015, 3, 9)), ("2015。3。9 10:30", dt.datetime(2015, 3, 9, 10, 30)),
     ("3。9", dt.datetime(2015, 3, 9))],
)  # fmt: skip
def test_the_chinese_full_stop_between_year_month_and_day(text: str, expected: dt.datetime) -> None:
    """The Chinese IME types 。 for the full stop: 2015。3。9 is 2015.3.9."""
    assert parse_date(text, 2015).value == expected


def test_a_serial_is_of_the_1900_system_unless_told() -> None:
    """42068 is 2015-03-05 in the 1900 system (Windows Excel, WPS), 2019-03-06 in the 1904 one."""
    assert from_serial(42068).value == dt.datetime(2015, 3, 5)
    assert from_serial(42068, date1904=True).value == dt.datetime(2019, 3, 6)
    assert (parse_month(42068), parse_month(42068, date1904=True)) == ((2015, 3), (2019, 3))
