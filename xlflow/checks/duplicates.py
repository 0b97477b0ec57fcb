"""R6 (SPEC §6): a title or 正文 counted twice among one unit's rows, decided after the row rules (`checks.rows`),
over all of one unit's rows (called by the ledger). Pure: no files, no clock."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from xlflow.core import text as core_text
from xlflow.core.model import ERROR, WARNING, Article, Finding
from xlflow.core.periods import month_label
from xlflow.core.schema import COLUMNS_BY_KEY
from xlflow.core.text import squash

_DIGITS = re.compile(r"\d+")  # the figures of a 正文 (NFKC): 3月20日, 8.5%
_NUMERALS = re.compile(r"[\d〇零一二三四五六七八九十百千万亿两]+")  # ... of a title: 1-3月, 一季度, 第二周, 三个
_DAY = re.compile(r"\d+月\d+日")  # a 正文 naming the day it tells of: 3月20日
# a mark added to the title of a row sent again (（补报）, 【更正】, (修改稿), （已审签）): the row it fixes is found without it
_RESENT_MARK = re.compile(r"(?:[(\[](?:补报|补|更正|修改|修订|重报|已审签|已修改|已更正)(?:稿|版|后)?[)\]])+$")


def _where(article: Article, winner: Article) -> str:
    if not _other_file(article, winner):
        sheet = f"“{winner.sheet}”工作表" if winner.sheet != article.sheet else ""  # a copy of the sheet (打印版)
        return f"本文件{sheet}第 {winner.row} 行"
    return f"{month_label(winner.file_month)} {winner.source_file} 第 {winner.row} 行"


def _first_key(article: Article) -> tuple[object, ...]:
    """Of two copies of a title the first counts: by 报送日期, month, main return before supplement, file, row."""
    return (article.date or dt.datetime.max, article.file_month, article.supplement, article.source_file, article.position)


def mark_duplicates(articles: Sequence[Article]) -> list[Article]:
    """R6 over one unit's articles: of the error-free copies of a title, or of a 正文 (squashed; error-free, so
    never an empty or placeholder one), the first counts, each other one gets an R6 error (mutated, returned); a
    warning when it came in a 补报 (a file, or a 补 or cumulative sheet: SheetRead.repeats), the copy counted is
    another file's or sheet's and may be the same article (`_same_article`; in a 更正, not a 补报, only when it is:
    a text much alike under a recurring title is a new article), or a 补报 row is that
    article touched up (`_touched_up`: a typo fixed in its title and 正文; the counted title stays). A row with errors
    whose title or 正文 counts from another file gets an R6 warning naming where when that copy is in its month,
    is the same article, or, in a later month, may be (a fix): the ledger shows that instead of its errors. The
    caller drops earlier R6 findings first, so import order is moot."""
    broken = [a for a in articles if a.title_key and a.errors]
    competing = sorted((a for a in articles if a.title_key and not a.errors), key=_first_key)
    first: dict[tuple[str, str], Article] = {}  # (unit, title key) -> the copy counted
    texts: dict[tuple[str, str], Article] = {}  # (unit, 正文) -> the copy counted: error-free, at least R1's length
    bare: dict[tuple[str, str], Article] = {}  # (unit, title key without a 补报 mark) -> the copy counted
    losers: list[Article] = []
    for article in competing:
        winner = first.get((article.unit, article.title_key)) or texts.get((article.unit, squash(article.body)))
        near = winner is None and article.supplement  # a 补报 resending a counted row touched up (a typo fixed)?
        winner = winner or (_touched_up(article, first.values()) if near else None)
        if winner is None:
            first[(article.unit, article.title_key)] = article
            bare.setdefault((article.unit, _RESENT_MARK.sub("", article.title_key)), article)
            if squash(article.body):
                texts.setdefault((article.unit, squash(article.body)), article)
            continue
        resent = article.supplement or core_text.is_correction(article.source_file)  # a 更正 lists the counted rows too
        again = resent and (_other_file(article, winner) or article.sheet != winner.sheet)
        same = again and (near or _same_article(article, winner))
        # a 更正 lists counted rows as they were: one only alike stays the error, said as either (a typo fixed, or a
        # new article under a recurring title)
        said, same = same, same if article.supplement else bool(same)
        titled = winner.title_key == article.title_key
        ends = {True: "，这一行不再计入，无需修改", False: "；如是新信息，请修改标题后重新报送",
                None: "；如是同一篇，无需修改；如是另一篇新信息，请修改标题后重新报送"}  # fmt: skip
        what = ("与已计入的信息标题相同" if titled else f"正文与已计入的“{winner.title}”相同" if not near
                else f"与已计入的“{winner.title}”标题和正文只改了几处、数字相同")  # fmt: skip
        end = ends[said] if titled or said else "：如是另一篇信息，请粘贴它自己的正文后重新报送"
        end += "；如要台账改用这一行的标题，请改好原报送表后整表重报，文件名写“更正”" if near else ""
        _mark(article, ERROR if same is False else WARNING, f"{what}（{_where(article, winner)}）：同一篇信息只计一次{end}")
        losers.append(article)
    for article in broken:  # fixed in another file of its month, or in another month's copy of the same article
        winner = (first.get((article.unit, article.title_key)) or texts.get((article.unit, squash(article.body)))
                  or bare.get((article.unit, _RESENT_MARK.sub("", article.title_key))))  # 标题（补报）
        if winner is None or not _other_file(article, winner):
            continue
        same = _same_article(article, winner)
        if same is None and winner.file_month > article.file_month:  # a fix may change the text or its 字数
            _mark(article, WARNING, f"已在{_where(article, winner)}计入的信息与这一行标题相同："
                                    "如是同一篇，这一行的问题无需再改；如是另一篇新信息，请修改标题后重新报送")
        elif same or winner.file_month == article.file_month:
            _mark(article, WARNING, f"同一篇信息已在{_where(article, winner)}计入：这一行的问题无需再改")
    return losers


def _same_article(article: Article, other: Article) -> bool | None:
    """Whether `article` is `other` sent again: the same 正文 or one holding the other, or faxed both with one 字数;
    None when the rows cannot tell (a fax beside a text, two faxes' 字数, `article`'s 正文 a summary, R1, or texts
    80% alike: a light edit, or next month's figures under a recurring title)."""
    mine, theirs = squash(article.body), squash(other.body)
    if not mine or not theirs:
        return (not mine and not theirs and article.chars == other.chars) or None
    if mine in theirs or theirs in mine:
        return True
    if any(f.code == "R1" for f in article.findings):
        return None
    return None if _alike(mine, theirs) else False


def _alike(one: str, other: str) -> bool:
    return SequenceMatcher(a=one, b=other, autojunk=False).ratio() >= 0.8


def _touched_up(article: Article, counted: Iterable[Article]) -> Article | None:
    """The counted row of the unit's other file or sheet that `article` (a 补报's) sends again with its title and 正文
    touched up (a typo fixed, a word added): both 80% alike and every figure the same (in the title also 一, 二 …), so
    1-2月's and 1-3月's indicator report, or 第一周's and 第二周's, are two articles however alike their wording; and
    the same day: both 报送日期 read (a row without one sorts after those with one) and the same, or the 正文 naming it
    (3月20日, whatever the dates), so articles on one template without figures (春季 and 夏季 安全生产工作会议) sent on
    other days are two."""
    mine = squash(article.body)
    for other in counted:
        theirs = squash(other.body)
        if (other.unit == article.unit and (_other_file(article, other) or other.sheet != article.sheet) and mine
                and _DIGITS.findall(mine) == _DIGITS.findall(theirs)
                and _NUMERALS.findall(article.title_key) == _NUMERALS.findall(other.title_key)
                and (_DAY.search(mine) or article.date is not None and article.date.date() == other.date.date())
                and _alike(article.title_key, other.title_key) and _alike(mine, theirs)):  # fmt: skip
            return other
    return None


def _other_file(article: Article, winner: Article) -> bool:
    return (winner.source_file, winner.file_month) != (article.source_file, article.file_month)


def _mark(article: Article, severity: str, message: str) -> None:
    article.findings.append(
        Finding(article.source_file, article.sheet, article.row, COLUMNS_BY_KEY["title"].name, article.title_cell,
                "R6", severity, message, unit=article.unit, month=article.file_month)
    )  # fmt: skip
    article.counted = False
