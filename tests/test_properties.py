"""Property tests (hypothesis) for the two parsers every row goes through: the title key and the date reader."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import assume, example, given
from hypothesis import strategies as st

from xlflow.core.dates import parse_date
from xlflow.core.schema import DEFAULT_UNITS
from xlflow.core.text import normalize_title, squash
from xlflow.core.units import Unit, UnitTable

# -- normalize_title ---------------------------------------------------------------------------------

WHITESPACE = st.sampled_from([" ", "\t", "\n", "\r\n", "\u3000", "\u00a0", "\u2002", "\u200b", "\ufeff"])
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TITLE_CHARS = st.one_of(
    CJK,
    st.characters(min_codepoint=0x21, max_codepoint=0x7E),  # ASCII letters, digits, punctuation
    st.sampled_from(list("“”‘’《》〈〉—–－、，。：；！？（）【】%％·…")),
)
titles = st.text(TITLE_CHARS, min_size=1, max_size=40)


@given(st.text())
@example("e \u0301")  # whitespace between a letter and its combining accent
@example("\u2329")  # NFKC turns it into 〈, which the punctuation map then unifies
def test_normalize_title_is_idempotent(text: str) -> None:
    key = normalize_title(text)
    assert normalize_title(key) == key


@given(titles, st.lists(st.tuples(st.integers(min_value=0, max_value=40), WHITESPACE), max_size=6))
def test_whitespace_never_matters(title: str, inserts: list[tuple[int, str]]) -> None:
    spaced = title
    for at, space in inserts:
        spaced = spaced[:at] + space + spaced[at:]
    assert normalize_title(spaced) == normalize_title(title)


@given(st.text(), st.lists(st.tuples(st.integers(min_value=0, max_value=40), WHITESPACE), max_size=4))
@example("e\u0301", [(1, " ")])
def test_whitespace_never_matters_in_any_text(text: str, inserts: list[tuple[int, str]]) -> None:
    spaced = text
    for at, space in inserts:
        spaced = spaced[:at] + space + spaced[at:]
    assert normalize_title(spaced) == normalize_title(text)


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if 0x21 <= ord(ch) <= 0x7E else ("\u3000" if ch == " " else ch) for ch in text)


@given(titles)
def test_full_width_forms_never_matter(title: str) -> None:
    assert normalize_title(_full_width(title)) == normalize_title(title)


@given(st.text(CJK, min_size=1, max_size=20), st.text(CJK, min_size=1, max_size=20))
def test_quotes_dashes_and_case_are_unified(a: str, b: str) -> None:
    assert normalize_title(f"“{a}”—{b}2015") == normalize_title(f'"{a}"-{b}２０１５')
    assert normalize_title(f"《{a}》IT{b}") == normalize_title(f"<{a}>it{b}")


@given(st.text(CJK, min_size=1, max_size=30), st.text(CJK, min_size=1, max_size=30))
def test_different_chinese_titles_stay_different(a: str, b: str) -> None:
    """The key only forgets spacing, width and punctuation style: two different Chinese titles never merge."""
    assume(a != b)
    assert normalize_title(a) != normalize_title(b)
    assert normalize_title(a) == a


@given(st.text(CJK, min_size=1, max_size=30), st.sampled_from(["《》", "“”", '""', "‘’", "「」", "〈〉"]), st.sampled_from(["", "。", "."]))
def test_marks_around_a_whole_title_never_matter(title: str, marks: str, stop: str) -> None:
    assert normalize_title(f"{marks[0]}{title}{marks[1]}{stop}") == title
    assert normalize_title(f"{title}{stop}") == title


# -- parse_date ----------------------------------------------------------------------------------------

ANY_CELL = st.one_of(
    st.none(),
    st.text(),
    st.text(st.sampled_from(list("0123456789０１２３４５６７８９年月日号.-/:时点分秒 T,")), max_size=24),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.times(),
)


@given(ANY_CELL, st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
@example(10**400, None)
@example(float("inf"), 2015)
@example("9" * 400, 2015)
@example(1.1, 1)  # 1.1 or 1.10 typed as a number: ambiguous
def test_parse_date_never_raises(value: object, year: int | None) -> None:
    parsed = parse_date(value, default_year=year)
    assert (parsed.value is None) == (parsed.error is not None)
    assert parsed.error in (None, "missing", "unreadable", "impossible", "ambiguous")


DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


def _forms(d: dt.date) -> list[str]:
    """Every way SPEC §5 says a unit writes a date (with a year)."""
    y, m, day = d.year, d.month, d.day
    return [
        f"{y}年{m}月{day}日",
        f"{y}年{m:02d}月{day:02d}日",
        f"{y}年{m}月{day}号",
        f"{y}.{m}.{day}",
        f"{y}/{m}/{day}",
        f"{y}-{m:02d}-{day:02d}",
        f"{y}{m:02d}{day:02d}",
        f" {y} 年 {m} 月 {day} 日 ",
        _full_width(f"{y}/{m}/{day}"),
        f"{y}年{m}月{day}日".translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    ]


@given(DAYS)
def test_every_written_form_round_trips(day: dt.date) -> None:
    expected = dt.datetime(day.year, day.month, day.day)
    for text in _forms(day):
        parsed = parse_date(text)
        assert parsed.value == expected, text
        assert parsed.has_time is False and parsed.has_year is True


@given(DAYS)
def test_dates_without_a_year_take_the_files(day: dt.date) -> None:
    for text in (f"{day.month}月{day.day}日", f"{day.month}.{day.day}", f"{day.month}/{day.day}"):
        parsed = parse_date(text, default_year=day.year)
        assert parsed.value == dt.datetime(day.year, day.month, day.day), text
        assert parsed.has_year is False


@given(DAYS)
def test_cell_values_round_trip(day: dt.date) -> None:
    expected = dt.datetime(day.year, day.month, day.day)
    serial = (expected - dt.datetime(1899, 12, 30)).days
    assert parse_date(serial).value == expected
    assert parse_date(float(serial)).value == expected
    assert parse_date(str(serial)).value == expected
    assert parse_date(day).value == expected
    assert parse_date(expected).value == expected


@given(DAYS, st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_times_round_trip(day: dt.date, hour: int, minute: int) -> None:
    expected = dt.datetime(day.year, day.month, day.day, hour, minute)
    for text in (f"{day.isoformat()} {hour:02d}:{minute:02d}", f"{day.year}年{day.month}月{day.day}日{hour}时{minute}分"):
        parsed = parse_date(text)
        assert parsed.value == expected, text
        assert parsed.has_time is True


@st.composite
def impossible_days(draw: st.DrawFn) -> tuple[int, int, int]:
    """(year, month, day) where the day is past the month's end: 2月29日 in a common year, 4月31日 …"""
    year = draw(st.integers(min_value=1990, max_value=2100))
    month = draw(st.sampled_from([2, 4, 6, 9, 11]))
    day = draw(st.integers(min_value=calendar.monthrange(year, month)[1] + 1, max_value=31))
    return year, month, day


@given(impossible_days())
def test_impossible_dates_are_flagged(ymd: tuple[int, int, int]) -> None:
    year, month, day = ymd
    for text in (f"{year}年{month}月{day}日", f"{year}.{month}.{day}", f"{year}-{month:02d}-{day:02d}"):
        parsed = parse_date(text)
        assert parsed.value is None and parsed.error == "impossible", text
    no_year = parse_date(f"{month}月{day}日", default_year=year)
    assert no_year.error == "impossible"


@given(st.integers(min_value=1990, max_value=2100), st.integers(min_value=13, max_value=99), st.integers(min_value=1, max_value=28))
def test_impossible_months_are_flagged(year: int, month: int, day: int) -> None:
    assert parse_date(f"{year}年{month}月{day}日").error == "impossible"


# -- UnitTable.find_all: the first-character index finds what a scan of every name finds ----------------------

def _find_all_by_scan(table: UnitTable, text: str) -> list[Unit]:
    """find_all written plainly: every occurrence of every name key of two or more characters; an occurrence lying
    inside a longer occurrence of another unit's key is dropped; units in order of their first kept occurrence."""
    key = squash(text).replace("（", "(").replace("）", ")")
    spans = []
    for alias, unit in table._index.items():
        if len(alias) < 2:
            continue
        at = key.find(alias)
        while at >= 0:
            spans.append((at, at + len(alias), unit))
            at = key.find(alias, at + 1)
    kept = sorted(
        (s for s in spans if not any(o[2] is not s[2] and o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)),
        key=lambda s: s[0],
    )
    return list(dict.fromkeys(s[2] for s in kept))


_TABLE = UnitTable([Unit(r.name, r.kind, r.target, r.monthly, r.annual, r.aliases, seq=i + 1)
                    for i, r in enumerate(DEFAULT_UNITS)])  # fmt: skip
_NAME_PIECES = st.sampled_from(sorted({n for r in DEFAULT_UNITS for n in (r.name, *r.aliases)}
                                      | {"工信局", "局", "科", "2015年03月", "_", " ", "（", "）", "信息报送"}))  # fmt: skip


@given(st.lists(st.one_of(_NAME_PIECES, st.text(TITLE_CHARS, max_size=4)), max_size=5))
@example(["岳阳县", "平江县工信局"])
@example(["汩罗市", "_2015年03月.xlsx"])
@example(["屈原管理区", "工信局"])
def test_find_all_agrees_with_a_scan_of_every_name(pieces: list[str]) -> None:
    text = "".join(pieces)
    named = _TABLE.find_all(text)
    assert named == _find_all_by_scan(_TABLE, text)
    assert _TABLE.find_in(text) == (named[0] if len(named) == 1 else None)
