"""Pure date parsing: every way a unit writes a date, a month, or an event time.

A cell holds a real date, an Excel serial (of the workbook's date system: the caller passes `date1904`), or text
as typed: 2015-03-05, 2015年3月5号, 20150305, 15.3.5, 2015/3/2 10:00, 二〇一五年三月五日, 3月8日9时许 …; the night's
small hours are the next morning (晚上12点 is midnight, 深夜1时 one o'clock after it). A part of the day without an
hour (3月7日晚) is the date at 00:00 without a time, and `span` reaches to the end of that part (_DAYPART): the
latest an office would still call it so, so that a report made within 24 h of it is never called late (R7).
Whitespace separates a date from its time, never just removed (``2015/3/2 10:00`` is the 2nd at ten, not the
21st). A text without a year takes `default_year`, and so does a small number typed for a date (3.12 is 3月12日,
as the text "3.12" is); a two-digit year (15.3.10) is read only within a year of `default_year`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # serial 0 of the 1900 system (Excel's 1900 leap-day bug included)
EXCEL_EPOCH_1904 = dt.datetime(1904, 1, 1)  # serial 0 of the 1904 system (Mac Excel)
EXCEL_DAY_ZERO = dt.datetime(1899, 12, 31)  # serials 0–59 as readers show them (3.12 is 1900-01-03)
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a report can plausibly name


@dataclass(frozen=True)
class ParsedDate:
    """A date read from a cell. `value` is None when nothing usable was there; `error` says why."""

    value: dt.datetime | None
    has_time: bool = False
    has_year: bool = True
    error: str | None = None  # "missing", "unreadable", "impossible", "ambiguous"
    typed: str = ""  # the number an ambiguous date was typed as (3.1: 3月1日 or 3月10日)
    span: dt.timedelta = dt.timedelta(0)  # 3月7日晚: from `value` to the latest moment the text may mean

    @property
    def date(self) -> dt.date | None:
        return self.value.date() if self.value else None


MISSING = ParsedDate(None, error="missing")
UNREADABLE = ParsedDate(None, error="unreadable")
IMPOSSIBLE = ParsedDate(None, error="impossible")

_DAY_END = r"(?:\s*(?P<end>[日号]))?"
_WITH_YEAR = re.compile(
    r"(?P<y>\d{4}|\d{2})\s*[年./\-。]\s*(?P<m>\d{1,2})\s*[月./\-。]\s*(?P<d>\d{1,2})" + _DAY_END
)
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?P<end>)")
_NO_YEAR = re.compile(r"(?P<m>\d{1,2})\s*[月./\-。]\s*(?P<d>\d{1,2})" + _DAY_END)  # 。: the Chinese IME's full stop
_WEEKDAY = re.compile(r"[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]?")
# a part of the day: the first hour of the twelve its 1–12 o'clock name (晚上1点 is 25: one in the next morning),
# and the hour it ends (after midnight: over 24)
_DAYPART = {"凌晨": (0, 6), "早上": (0, 10), "早晨": (0, 10), "早": (0, 10), "上午": (0, 12), "am": (0, 12),
            "中午": (11, 14), "下午": (12, 19), "傍晚": (12, 20), "pm": (12, 24), "晚上": (17, 24), "晚间": (17, 24),
            "晚": (17, 24), "深夜": (17, 27), "半夜": (17, 27), "夜间": (17, 30), "夜里": (17, 30)}  # fmt: skip
_TIME = re.compile(
    r"(?:大?约)?\s*(?P<before>凌晨|早上|早晨|早|上午|中午|下午|傍晚|晚上|晚间|晚|深夜|半夜|夜间|夜里)?\s*(?:大?约)?\s*"
    r"(?P<H>\d{1,2})\s*"
    r"(?:(?P<colon>:)\s*(?P<M>\d{1,2})(?:\s*:\s*(?P<S>\d{1,2})(?:\.\d+)?)?"
    r"|(?P<hour>[时点])\s*(?:(?P<half>半)|(?P<M2>\d{1,2})\s*分?(?:\s*(?P<S2>\d{1,2})\s*秒?)?)?)"
    r"\s*(?P<after>am|pm)?\s*(?:许|多|左右|前后)?"  # 约9时, 9时许, 9时多, 9时左右, 9时前后: the hour an event time names
)
_BEFORE_TIME = re.compile(r"^[\s,，t.。]+")  # after a date: spaces, a comma, ISO's T, a full stop
_SERIAL_TEXT = re.compile(r"\d{4,6}(?:\.\d+)?")
# Chinese numerals of a date and time: a four-figure year (二〇一五, 二零一五), a month, day, hour or minute (十二, 三十一)
_CN_NUMBER = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)|(?:[二三四五]?十[一二三四五六七八九]?|[〇○零一两二三四五六七八九])(?=[月日号时点分])")
_CN_DIGITS = dict(zip("〇○零一两二三四五六七八九", "0001223456789", strict=True))  # 零时, 两点


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u200b", "").replace("\ufeff", "")
    text = _WEEKDAY.sub(" ", text)
    return " ".join(text.split()).lower()


def _arabic(match: re.Match[str]) -> str:
    """二〇一五 -> 2015, 五 -> 5, 十 -> 10, 十二 -> 12, 二十 -> 20, 三十一 -> 31."""
    text = match[0]
    text = ("一" + text if text.startswith("十") else text) + ("〇" if text.endswith("十") else "")
    return "".join(_CN_DIGITS[c] for c in text.replace("十", ""))


def _clock(rest: str) -> tuple[int, int, int, int] | None:
    """(days, hour, minute, second) of a time of day as typed after a date (深夜1时: one day on); None when no time."""
    match = _TIME.fullmatch(rest)
    if match is None:
        return None
    g = match.groupdict()
    hour = int(g["H"])
    minute = 30 if g["half"] else int(g["M"] or g["M2"] or 0)
    second = int(g["S"] or g["S2"] or 0)
    part = g["before"] or g["after"]
    days = 0
    if part is not None and hour <= 12:  # 12 in the morning is midnight, 12 in the afternoon noon
        first = _DAYPART[part][0]
        days, hour = divmod(first + (hour - first) % 12, 24)
    return days, hour, minute, second


def parse_date(value: object, default_year: int | None = None, *, date1904: bool = False) -> ParsedDate:
    """A date from a cell: datetime, date, Excel serial (of the workbook's date system), or text as typed."""
    if value is None:
        return MISSING
    if isinstance(value, dt.date):
        value = dt.datetime.combine(value, dt.time()) if not isinstance(value, dt.datetime) else value
        value = value.replace(microsecond=0, tzinfo=None)
        # only 1990–2100, as for serials; but 3.12 typed into a date cell shows as 1900-01-03
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            serial = (value - (EXCEL_EPOCH_1904 if date1904 else EXCEL_DAY_ZERO)) / dt.timedelta(1)
            return _month_day(serial, default_year) if serial < 13 else UNREADABLE
        return ParsedDate(value, has_time=value.time() != dt.time())
    if isinstance(value, bool | dt.time | dt.timedelta):
        return UNREADABLE
    if isinstance(value, int | float):
        if 19000101 <= value <= 21001231 and float(value).is_integer():  # 20150305 typed in a General cell
            return parse_date(str(int(value)), default_year)
        return _month_day(value, default_year) if value < 13 else from_serial(value, date1904=date1904)
    text = _normal(str(value))
    if not text:
        return MISSING
    text = _CN_NUMBER.sub(_arabic, text)
    if _SERIAL_TEXT.fullmatch(text):  # a serial kept as text ("42068"); eight digits (20150305) are a date
        return from_serial(float(text), date1904=date1904)
    for pattern in (_WITH_YEAR, _COMPACT):
        if match := pattern.match(text):
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)  # 15.3.10 is 2015
            if len(match["y"]) == 2 and default_year is not None and abs(year - default_year) > 1:
                return UNREADABLE  # 10/3/15 in a 2015 file: 2010, or 10 March 2015 written the Western way
            return _from_match(match, text, year, has_year=True)
    match = _NO_YEAR.match(text)
    if match and default_year is not None:
        return _from_match(match, text, default_year, has_year=False)
    return UNREADABLE


def _from_match(match: re.Match[str], text: str, year: int, *, has_year: bool) -> ParsedDate:
    after = text[match.end() :]
    if after[:1].isdigit() and not match["end"]:
        return UNREADABLE  # 2015-3-210:30: where the day ends is a guess
    rest = _BEFORE_TIME.sub("", after).rstrip("。. ")  # 10:00。 ends a sentence
    span = dt.timedelta(hours=_DAYPART[rest][1]) if rest in _DAYPART else dt.timedelta(0)
    rest = "" if span else rest  # 上午, 下午, 晚 without an hour: the date alone, reaching to the end of that part
    clock = _clock(rest) if rest else (0, 0, 0, 0)
    if clock is None:
        return UNREADABLE
    try:
        value = dt.datetime(year, int(match["m"]), int(match["d"]), *clock[1:]) + dt.timedelta(clock[0])
    except (ValueError, OverflowError):  # 2015年2月30日; 9999年12月31日晚上12点
        return IMPOSSIBLE
    return ParsedDate(value, has_time=bool(rest), has_year=has_year, span=span)


def _month_day(number: float, default_year: int | None) -> ParsedDate:
    """A small number typed for a date: 3.12 is 3月12日 of `default_year`, as the text "3.12" is. Excel
    keeps 3.10 as 3.1: one decimal is ambiguous when ten times its day is a date too (3.1, not 2.3)."""
    typed = f"{number:g}"  # 3.12 -> "3.12", 3.1 -> "3.1", 3.0 -> "3"
    if len(typed.partition(".")[2]) == 1 and parse_date(typed + "0", default_year).value:
        return ParsedDate(None, error="ambiguous", typed=typed)
    return parse_date(typed, default_year)


def from_serial(serial: float, *, date1904: bool = False) -> ParsedDate:
    """An Excel serial number as a date, in the 1900 or the 1904 date system; only years 1990–2100 are dates."""
    try:
        seconds = round(float(serial) * 86400)  # to the nearest second
        value = (EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH) + dt.timedelta(seconds=seconds)
    except (OverflowError, ValueError):  # too large for a timedelta, NaN, infinity
        return UNREADABLE
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        return UNREADABLE
    return ParsedDate(value, has_time=seconds % 86400 != 0)


# --- months -------------------------------------------------------------------------------------------

_MONTH = re.compile(r"(?P<y>\d{4})(?:\s*[年./\-_]\s*|(?=\d{2}(?:\D|$)))(?P<m>\d{1,2})(?:\s*月(?:份)?)?")
_CN_MONTHS = {word: n for n, word in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12, "元": 1}
_CN_MONTH = re.compile(r"(?<![一二三四五六七八九十\d第])(?P<m>十[一二]|[一二三四五六七八九十]|元)月")
_YEARLESS_MONTH = re.compile(r"(?<![\d.])(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")


def parse_month(value: object, *, date1904: bool = False) -> tuple[int, int] | None:
    """(year, month) from 2015年3月, 2015-03, 2015.3, 201503, a date, or a file name containing one."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.year, value.month
    if isinstance(value, int | float) and not isinstance(value, bool):
        parsed = from_serial(value, date1904=date1904)
        return (parsed.value.year, parsed.value.month) if parsed.value else None
    text = _normal(str(value))
    for match in _MONTH.finditer(text):
        year, month = int(match["y"]), int(match["m"])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return year, month
    return None


def yearless_month(text: str) -> int | None:
    """The month a text names without a year: 2月份, 2月, 二月, 十二月, 元月 (January). None when it names none."""
    text = _normal(text)
    match = _YEARLESS_MONTH.search(text)
    if match and 1 <= int(match["m"]) <= 12:
        return int(match["m"])
    match = _CN_MONTH.search(text)
    return _CN_MONTHS[match["m"]] if match else None


def closest_year(month: int, year: int, near_month: int) -> int:
    """The year that puts `month` nearest to `near_month` of `year`: 12月 near 2015年1月 is 2014."""
    gap = month - near_month
    return year - 1 if gap > 6 else year + 1 if gap < -6 else year
