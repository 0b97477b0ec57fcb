"""Dates as people type them: every separator style with and without a time, full-width digits, both of Excel's
date systems, dates without a year. Property tests format random datetimes in each style and parse them back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlflow.core.dates import closest_year, parse_date, parse_month, yearless_month

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
