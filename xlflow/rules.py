"""The checks of SPEC §6 on every row of a unit workbook. Pure: no files, no clock.

`check_file(unit_file, settings=)` turns each `RawRow` into an `Article` carrying its findings (R6 is decided by
`mark_duplicates` over all of a unit's rows, in the ledger):

    R1 字数不足      error    fewer than settings.min_chars characters (正文 when given, else 字数)
    R2 缺少情况分析  error    an indicator article (category 经济运行, or 增加值/增速/工业投资/用电/税收 followed by a
                              figure) whose 是否含情况分析 is not 是
    R3 未审签        error    审签人 empty
    R4 类别不明      warning  category not recognised: counted under 其他
    R5 日期无效      error    报送日期 missing, unreadable or impossible; warning when outside the file's month (the
                              article then counts in its date's month, or in the file's month when the date is not
                              in the workspace's year)
    R6 重复报送      error    same unit and normalised title as another counted row (mark_duplicates, applied last
                              over all the unit's rows: the earlier 报送日期, then month, then row counts)
    R7 紧急迟报      warning  urgent and reported more than settings.emergency_hours after the event, or urgent
                              without an event time
    R8 自审自签      warning  审签人 is the 通讯员
    R9 标题为空      error    a row with content but no title
    R10 内容过长     warning  a cell over Excel's 32,767 characters

Every rule is checked on every row and each failure is its own finding; a row with any error is not counted.
R1 reads 正文 when the row has one; a row whose 正文 cell is empty falls back to 字数 (the template says “未附正文时
手工填写”), so a file that has both columns is judged on what each row actually gives.
A date typed without a year (3月5日) takes the file's year, or the neighbouring year when that is within six
months and the file's year is not (12月30日 in a January file is the December before). Plain serial numbers are
read in the workbook's own date system (UnitFile.date1904).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from .config import Settings
from .dates import ParsedDate, parse_date
from .model import ERROR, WARNING, Article, Finding, RawRow, UnitFile
from .schema import CATEGORIES, CATEGORY_OTHER, COLUMNS_BY_KEY, INDICATOR_CATEGORY
from .textnorm import EXCEL_CELL_LIMIT, clean_cell, count_chars, normalize_squashed, parse_int, squash

_NAMES = {c.name for c in CATEGORIES}
_BY_CODE = {c.code: c.name for c in CATEGORIES}
_YES = {"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "含", "已含", "有分析"}
_NO = {"否", "无", "×", "✗", "n", "no", "false", "0", "不含", "没有"}
_URGENT = {"紧急", "是", "特急", "加急", "急", "√", "y", "yes", "true", "1"}

_T = TypeVar("_T")


def _memo(func: Callable[[Any], _T]) -> Callable[[Any], _T]:
    """Remember a pure one-cell function's answers: the same few names, categories, yes/no marks and dates recur in
    every file. Keyed by type too (1, 1.0 and True are equal keys otherwise); unhashable values are computed."""
    cached = lru_cache(maxsize=8192)(lambda kind, value: func(value))

    def wrapper(value: Any) -> _T:
        try:
            return cached(value.__class__, value)
        except TypeError:
            return func(value)

    wrapper.__doc__ = func.__doc__
    return wrapper


# an indicator named, then within a short distance a figure: 8.5%, 3个百分点, 2亿元, 1.2万千瓦时
# (\d also matches full-width digits, so the text needs no NFKC first)
INDICATOR = re.compile(
    r"(增加值|增速|工业投资|用电|税收)[^。；;！!？?\n]{0,24}?"
    r"\d+(?:[.．]\d+)?\s*(?:%|％|个百分点|个点|亿元|万元|千万元|亿千瓦时|万千瓦时|千瓦时|万度|亿度|倍|成)"
)


def category_of(value: object) -> str | None:
    """The canonical category a cell means: a name, a code 1–6, or text containing exactly one name."""
    return _category_of(value)


@_memo
def _category_of(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _BY_CODE.get(int(value)) if value == int(value) else None
    text = squash(str(value))
    if not text:
        return None
    if text in _NAMES:
        return text
    code = re.fullmatch(r"(\d)(?:[.、)类]?.*)?", text)
    if code and int(code.group(1)) in _BY_CODE:
        rest = text[1:].lstrip(".、)类")
        named = [n for n in _NAMES if n in rest]
        if not rest or named == [_BY_CODE[int(code.group(1))]]:
            return _BY_CODE[int(code.group(1))]
    named = [n for n in _NAMES if n in text]
    return named[0] if len(named) == 1 else None


def yes_no(value: object) -> bool | None:
    """是/否, 有/无, √/×, True/False as a bool; None when empty or anything else."""
    return _yes_no(value)


@_memo
def _yes_no(value: object) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = squash(clean_cell(value)).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


_INDICATOR_WORDS = ("增加值", "增速", "工业投资", "用电", "税收")  # INDICATOR's first group: a text without them cannot match


def is_indicator(text: str) -> bool:
    """Does the text report an indicator figure (增加值增长8.5%, 工业投资12亿元 …)?"""
    # substring tests run at C speed; the regex (tried at every position of a 1,000-character 正文) only when one hits
    return any(word in text for word in _INDICATOR_WORDS) and INDICATOR.search(text) is not None


def _fmt(value: dt.datetime, with_time: bool) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if with_time else f"{value.year}-{value.month:02d}-{value.day:02d}"


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{int(year)}年{int(month)}月"


def check_file(unit_file: UnitFile, *, settings: Settings) -> list[Article]:
    """One Article per data row, in row order, with its findings of R1–R5 and R7–R10 and whether it counts so
    far; R6 (duplicates) is decided over all of a unit's rows by mark_duplicates."""
    file_month = unit_file.month
    articles: list[Article] = []
    source_file = unit_file.name
    date1904 = unit_file.date1904
    for position, raw in enumerate(unit_file.rows):
        findings: list[Finding] = []
        v = raw.values
        has_body_column = "body" in raw.cells

        add = _Collector(unit_file, raw, findings)

        title = clean_cell(v.get("title"))
        body = clean_cell(v.get("body"))
        category_raw = clean_cell(v.get("category"))
        signer = clean_cell(v.get("signer"))
        reporter = clean_cell(v.get("reporter"))

        # R10: an over-long cell (checked first: it explains odd text further on)
        for key, value in v.items():
            if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
                name = COLUMNS_BY_KEY[key].name if key in COLUMNS_BY_KEY else key
                add("R10", key, WARNING, f"“{name}”有 {len(value):,} 字，超过 Excel 单元格上限 32,767 字：写回表格时会被截断，请精简后重新报送")

        title_squashed = squash(title)
        signer_squashed = _squash(signer)

        # R9: content but no title
        if not title_squashed:
            add("R9", "title", ERROR, "这一行有内容但没有信息标题：请补填标题后重新报送")

        # R1: characters
        chars: int | None
        body_chars = count_chars(body) if has_body_column else 0
        if body_chars > 0:
            chars = body_chars
            if chars < settings.min_chars:
                add("R1", "body", ERROR, f"正文只有 {chars} 字，不足 {settings.min_chars} 字：请补充后重新报送")
        else:
            chars = parse_int(v.get("chars"))
            raw_chars = clean_cell(v.get("chars"))
            if chars is None:
                if raw_chars:
                    add("R1", "chars", ERROR, f"字数“{raw_chars}”不是数字：请填写正文字数（如 350），或粘贴正文")
                else:
                    where = "body" if has_body_column else "chars"
                    add("R1", where, ERROR, f"没有正文，也没有填写字数：请粘贴正文或填写字数（不少于 {settings.min_chars} 字）")
            elif chars < settings.min_chars:
                add("R1", "chars", ERROR, f"字数为 {chars}，不足 {settings.min_chars} 字：请补充后重新报送")

        # R4: category
        category = category_of(v.get("category"))
        if category is None:
            if category_raw:
                add("R4", "category", WARNING, f"信息类别“{category_raw}”不在六类之中：已计入“其他”，请从下拉列表选择类别")
            else:
                add("R4", "category", WARNING, "没有填写信息类别：已计入“其他”，请从下拉列表选择六类之一")
            category = CATEGORY_OTHER

        # R2: indicator articles need a situation analysis
        analysis = yes_no(v.get("analysis"))
        indicator_text = is_indicator(title) or is_indicator(body)
        if (category == INDICATOR_CATEGORY or indicator_text) and analysis is not True:
            why = "属经济运行类" if category == INDICATOR_CATEGORY else "报送了指标数据"
            stated = clean_cell(v.get("analysis"))
            now_text = f"“是否含情况分析”为“{stated}”" if stated else "没有填写“是否含情况分析”"
            add("R2", "analysis", ERROR, f"这条信息{why}，{now_text}：指标信息必须有情况分析（原因、趋势、措施），请补充并填“是”后重新报送")

        # R3: sign-off
        if not signer_squashed:
            add("R3", "signer", ERROR, "没有审签人：工信局的信息须经单位负责人审签，科室的信息须经分管领导审签，请补填后重新报送")

        # R5: date
        date_raw = v.get("date")
        parsed = _date_in(date_raw, file_month, date1904)
        month = file_month
        date_text = ""
        if parsed.value is None:
            shown = date_text = clean_cell(date_raw)
            if parsed.error == "missing":
                add("R5", "date", ERROR, "没有填写报送日期：请补填（如 2015-03-05）后重新报送")
            elif parsed.error == "impossible":
                add("R5", "date", ERROR, f"报送日期“{shown}”不存在：请改正（如 2015-03-05）后重新报送")
            else:
                add("R5", "date", ERROR, f"报送日期“{shown}”无法识别：请写成 2015-03-05 或 2015年3月5日后重新报送")
        else:
            dated = f"{parsed.value.year}-{parsed.value.month:02d}"
            if dated != file_month and parsed.value.year != settings.year:
                add(
                    "R5",
                    "date",
                    WARNING,
                    f"报送日期 {_fmt(parsed.value, False)} 不在 {settings.year} 年度：按本表的 {_month_label(file_month)} 计入；"
                    "如日期填错，请改正后重新报送",
                )
            elif dated != file_month:
                month = dated
                add(
                    "R5",
                    "date",
                    WARNING,
                    f"报送日期 {_fmt(parsed.value, False)} 不在本表的 {_month_label(file_month)}：按 {_month_label(month)} 计入；"
                    "如日期填错，请改正后重新报送",
                )

        # R7: emergencies reported at once
        urgent = _is_urgent(v.get("urgency"))
        event = _date_in(v.get("event_time"), file_month, date1904)
        if urgent:
            _check_emergency(add, parsed, event, v.get("event_time"), settings)

        # R8: signer is the correspondent
        if signer_squashed and signer_squashed == _squash(reporter):
            add("R8", "signer", WARNING, f"审签人与通讯员是同一人（{signer}）：信息须由单位负责人或分管领导审签，不能自审自签")

        title_key = normalize_squashed(title_squashed, title) if title_squashed else ""
        articles.append(
            Article(
                unit=unit_file.unit,
                month=month,
                file_month=file_month,
                date=parsed.value,
                title=title,
                title_key=title_key,
                category=category,
                category_raw=category_raw,
                chars=chars,
                body=body,
                analysis=analysis,
                signer=signer,
                signer_title=clean_cell(v.get("signer_title")),
                channel=clean_cell(v.get("channel")),
                urgent=urgent,
                event_time=event.value,
                reporter=reporter,
                note=clean_cell(v.get("note")),
                source_file=source_file,
                sheet=raw.sheet,
                row=raw.row,
                file_sha256=unit_file.sha256,
                counted=not any(f.severity == ERROR for f in findings),
                findings=findings,
                date_text=date_text,
                position=position,
                title_cell=raw.cells.get("title", ""),
                supplement=unit_file.supplement,
            )
        )
    return articles


def _where(article: Article, winner: Article) -> str:
    if winner.source_file == article.source_file and winner.file_month == article.file_month:
        return f"本文件第 {winner.row} 行"
    return f"{_month_label(winner.file_month)} {winner.source_file} 第 {winner.row} 行"


def _first_key(article: Article) -> tuple[object, ...]:
    """Which of two copies of a title counts: the earlier 报送日期, then the earlier month, then a main return before
    a supplement, then the earlier file and row."""
    return (article.date or dt.datetime.max, article.file_month, article.supplement, article.source_file, article.position)


def mark_duplicates(articles: Sequence[Article]) -> list[Article]:
    """R6 over one unit's articles (any months, any files): of the copies of a title that are otherwise free of
    errors, the first by `_first_key` counts and every other copy gets an R6 error. Mutates the losers and returns
    them. The caller removes earlier R6 findings first, so that the result does not depend on import order."""
    competing = sorted(
        (a for a in articles if a.title_key and not any(f.severity == ERROR for f in a.findings)), key=_first_key
    )
    first: dict[tuple[str, str], Article] = {}
    losers: list[Article] = []
    for article in competing:
        winner = first.setdefault((article.unit, article.title_key), article)
        if winner is article:
            continue
        article.findings.append(
            Finding(
                file=article.source_file,
                sheet=article.sheet,
                row=article.row,
                column=COLUMNS_BY_KEY["title"].name,
                cell=article.title_cell,
                code="R6",
                severity=ERROR,
                message=f"与已计入的信息标题相同（{_where(article, winner)}）：同一篇信息只计一次；如是新信息，请修改标题后重新报送",
                unit=article.unit,
                month=article.file_month,
            )
        )
        article.counted = False
        losers.append(article)
    return losers


class _Collector:
    """Adds one Finding for the row being checked: add(code, column key, severity, message)."""

    def __init__(self, unit_file: UnitFile, raw: RawRow, findings: list[Finding]) -> None:
        self.unit_file, self.raw, self.findings = unit_file, raw, findings

    def __call__(self, code: str, key: str, severity: str, message: str) -> None:
        self.findings.append(
            Finding(
                file=self.unit_file.name,
                sheet=self.raw.sheet,
                row=self.raw.row,
                column=COLUMNS_BY_KEY[key].name if key in COLUMNS_BY_KEY else key,
                cell=self.raw.cells.get(key, ""),
                code=code,
                severity=severity,
                message=message,
                unit=self.unit_file.unit,
                month=self.unit_file.month,
            )
        )


_squash = _memo(squash)  # names: the same two or three signers and one correspondent per unit


@lru_cache(maxsize=8192)
def _date_cached(kind: type, value: object, file_month: str, date1904: bool) -> ParsedDate:
    return _nearest_year(parse_date(value, default_year=int(file_month[:4]), date1904=date1904), file_month)


def _date_in(value: object, file_month: str, date1904: bool = False) -> ParsedDate:
    """A cell's date as read in a file of `file_month` (yearless dates take the nearest year); remembered."""
    try:
        return _date_cached(value.__class__, value, file_month, date1904)
    except TypeError:
        return _nearest_year(parse_date(value, default_year=int(file_month[:4]), date1904=date1904), file_month)


def _nearest_year(parsed: ParsedDate, file_month: str) -> ParsedDate:
    """A date typed without a year takes the file's year — or the year next to it when that is much nearer
    (12月29日 in a January file is the December before)."""
    if parsed.value is None or parsed.has_year:
        return parsed
    year, month = int(file_month[:4]), int(file_month[5:7])
    gap = parsed.value.month - month
    shift = -1 if gap > 6 else 1 if gap < -6 else 0
    if not shift:
        return parsed
    try:
        value = parsed.value.replace(year=year + shift)
    except ValueError:  # 2月29日
        return parsed
    return ParsedDate(value, has_time=parsed.has_time, has_year=False)


@_memo
def _is_urgent(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    return squash(clean_cell(value)).lower() in _URGENT


def _check_emergency(
    add: _Collector, reported: ParsedDate, event: ParsedDate, event_raw: object, settings: Settings
) -> None:
    if event.value is None:
        if event.error == "missing":
            add("R7", "event_time", WARNING, "标为紧急，但没有填写事件发生时间：请补填事件发生的日期和时间（如 2015-03-05 08:30）")
        else:
            add("R7", "event_time", WARNING, f"事件发生时间“{clean_cell(event_raw)}”无法识别：请写成 2015-03-05 08:30")
        return
    if reported.value is None:
        return
    hours = (reported.value - event.value).total_seconds() / 3600
    if hours > settings.emergency_hours:
        add(
            "R7",
            "event_time",
            WARNING,
            f"紧急信息：事件发生于 {_fmt(event.value, event.has_time)}，{_fmt(reported.value, reported.has_time)} 才报送，"
            f"相隔约 {hours:.0f} 小时，超过 {settings.emergency_hours:g} 小时：紧急情况须在第一时间报送",
        )
