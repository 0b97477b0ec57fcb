"""Matching the coordinator's 采用登记表 to the articles of the ledger, and normalising what was typed in it. Pure:
reading the register and the 奖励标准 is the intake's (intake/books.py)."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from xlflow.core.dates import parse_date
from xlflow.core.model import Adoption, Article
from xlflow.core.periods import date_label, month_key, months_text
from xlflow.core.schema import ADOPTION_FORMS, ADOPTION_LEVELS, INSTRUCTION_LEVELS
from xlflow.core.text import city_of, squash

MAX_CANDIDATES = 3
NOT_FOUND = "本单位已计入的稿件中找不到这个标题"
PENDING = "尚未汇总：汇总该月后自动匹配"  # after 2015年7月: the row's article may be of a month not consolidated yet
_CANDIDATE_CUTOFF = 40.0  # rapidfuzz WRatio below this is not worth showing

# what the coordinator typed -> the first value one of whose words it contains: highest first, so that a cell naming
# two levels (国务院办公厅、市经信委) is the higher and 省委内参 is 省级 (the 委内 of 市经信委 inside it is no level)
_LEVEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("国家级", ("国家", "国办", "国务院", "部委", "中办", "中央", "工信部", "工业和信息化部", "部级")),
    ("省级", ("省级", "省委", "省政府", "省人民政府", "省办", "省人大", "省政协")),
    ("省经信委", ("省经信", "省经委", "省工信", "省工业和信息化", "省经济和信息化")),
    ("市级", ("市级", "市委", "市政府", "市人民政府", "市办", "市人大", "市政协")),
    ("市经信委", ("市经信", "市经委", "市工信", "市工业和信息化", "市经济和信息化", "委内", "本委")),
)
# a 经信/工信 body none of whose spellings above it is: not filed as 省级/市级 by its first character
_COMMISSION = ("经信", "工信", "经委", "信息化")
_FORM_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("全文采用", ("全文", "整篇", "全篇")),
    ("部分采用", ("部分", "摘要", "摘编", "摘用", "节选", "节录")),
    ("综合采用", ("综合", "合编", "汇编")),
)
# whose level a 批示 names: a leader of the state, the province or the city (市委宣传部长 is the city's)
_INSTRUCTION_WORDS = (
    ("国家级", ("国家", "中央", "中办", "国办", "国务院", "总书记", "总理", "部委", "工信部", "工业和信息化部", "全国")),
    ("省级", ("省",)),
    ("市级", ("市",)),
)
COUNTY_INSTRUCTION = "县级"  # a county-level leader's 批示: below the schedule's levels, read but not paid
_HIGHEST_FIRST = ("国家级", "省级", "市级", COUNTY_INSTRUCTION)
_COUNTY = re.compile("[县区]")  # 县长, 岳阳县委, 县领导, 开发区; a county-level city (汨罗市) is named by the quota table
_PARTS = re.compile(r"[()\[\],;+、/。]")  # 全文采用(市委书记批示), 市级、市长批示, 全文采用/市长批示 (after squash)
_BRACKETED = re.compile(r"[(\[]([^)\]]*批示)[)\]]")  # (省委常委、市委书记批示): one 批示 whatever is inside
# what the 批示 was about or said, not whose (after squash): 《标题》, “标题”, (华容县信息), 批示:内容, 就/关于/对/在…(上)批示
_ABOUT = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"|\([^)]*\)|(?<=批示):.*|(?:就|关于|对|在)[^,:]*?(?=(?:作出|做出)?批示)")
_OFFICES = re.compile("[、,;/兼]")  # one leader's two offices (省委常委、市委书记), or two leaders
_DEPARTMENTS = ("经信委", "经委", "经信厅", "工信厅", "工信局", "委内", "本委")  # its director: none of those levels
_MONTH = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月")  # 1月, 12月, 十二月 in a title key
_FIGURES = re.compile(r"\d+(?:\.\d+)?")
# marks a title key still tells apart that a copied title varies (——/—, ·/•, 1～4月/1-4月, 〔2015〕/[2015]): matched
# alike, not changed in the ledger's stored keys (core.text.normalize_title)
_VARIANTS = str.maketrans("~〜‐‑‒―−•・‧∙〔〕〖〗", "-------····[][]")
_DIGITS = "一二三四五六七八九"
# a 备注 clause that is a withdrawal (此行作废, 已撤稿; 错登，作废: its last clause), not one that says a word of it
_WITHDRAWN = re.compile("(?:此行|本行|本条|该行|此条|该条|此稿|该稿|稿件|该稿件)?已?(?:作废|撤稿|撤销|撤回|重复登记|重复|不计入?(?:采用)?)+")
_COUNTED_SAID = re.compile("采用计入|计入采用|照常计入|正常计")  # 采用计入，不计 (the reward): no withdrawal
_MENTIONS = re.compile("作废|撤稿|撤回|撤销|重复|不计")  # a note to check: 此前误登为作废, 市级采用，省级撤稿
_REWARD_ONLY = re.compile("不予?计奖|不予奖励|奖励不计|不计入?奖励|不计算奖励")  # the adoption counts, no reward (reward_held)
_NO_INSTRUCTION = ("", "无", "否", "没有", "-", "—", "/", "无批示", "未批示")


def renamed(name: str, unit: str, stored: str, months: Sequence[str], what: str = "这篇稿件") -> str:
    """`name` is now an alias of `unit`, and the ledger holds articles under the old name `stored` (consolidated
    before the rename): their `months` are to be consolidated again. Said alike by the adoptions, status and bulletin."""
    more = f"（{'、'.join(months[1:])} 也同样重新运行）" if len(months) > 1 else ""
    return (f"“{name}”现在是{unit}的别名，而{what}是改名前以“{stored}”汇总的：请重新运行 "
            f"xlflow consolidate --month {months[0]}{more}，再重新生成通报")


def _named(key: str, valid: tuple[str, ...], words: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    if key in valid:
        return key
    return next((value for value, said in words if any(w in key for w in said)), None)


def normalize_level(text: str, places: Collection[str] = (), city: str = "") -> str | None:
    """国家级 … 市经信委 from what was typed (省委办公厅 → 省级, 省工信厅 → 省经信委); None when unknown, as is a body
    of one of `places`, the county-level cities of the quota table (临湘市人民政府, 汨罗市工信局: no level of the
    schedule, the coordinator says), or, given the `city` (岳阳市), of another city (长沙市人民政府: not its 市级).
    市委各部委, 市直各部委: the city's departments, no ministry (部委)."""
    key = squash(text)
    bare = functools.reduce(lambda text, word: text.replace(word, "〇"), (*places, "各部委"), key)
    if other_city(bare, city):
        return None
    level = _named(bare, ADOPTION_LEVELS, _LEVEL_WORDS)
    if level is None and bare[:1] in ("省", "市") and not any(word in bare for word in _COMMISSION):
        return f"{bare[0]}级"
    return level


def other_city(text: str, city: str) -> str:
    """The city `text` begins with when it is not `city` (株洲市 of 株洲市委 for 岳阳市); "" when none or no `city`."""
    named = city_of(text)
    return named if city and named != city else ""


def county_cities(names: Iterable[str], city: str = "") -> set[str]:
    """The county-level cities a quota table names: a name or alias 汨罗市, and, the `city` known, one a unit's name
    begins with (汨罗市 of 汨罗市工信局) that is not the city itself."""
    names = list(names)
    return {n for n in names if n.endswith("市")} | ({c for n in names if (c := city_of(n)) != city} - {""} if city else set())


def split_instruction(text: str, valid: tuple[str, ...]) -> tuple[str, str]:
    """A 批示 typed in 采用级别 or 采用形式 apart from the rest: (全文采用, 市委书记批示) of 全文采用（市委书记批示）,
    全文采用、市长批示, or 全文采用并获市长批示 (a `valid` value first); ("", 市委书记批示) of 市委书记批示 alone; (text, "")
    when no 批示 is named."""
    key = squash(text)
    parts = [part for part in _PARTS.split(_BRACKETED.sub("、", key)) if part]
    said = _BRACKETED.findall(key) + [part for part in parts if "批示" in part]
    rest = [part for part in parts if "批示" not in part]
    if said and not rest and (value := next((v for v in valid if said[0].startswith(v)), "")):
        rest, said[0] = [value], said[0][len(value):]
    return ("".join(rest), "、".join(said)) if said else (text, "")


def normalize_form(text: str) -> str | None:
    return _named(squash(text), ADOPTION_FORMS, _FORM_WORDS)


def normalize_instruction(text: str, places: Collection[str] = ()) -> str | None:
    """无/市级/省级/国家级 from 市委书记批示, 省长批示, blank (→ 无); 县级 from a county-level leader's (县长批示, or one
    of `places`, the county-level cities of the quota table: 汨罗市委书记批示). The leader's office decides, not what
    the 批示 was about (市委书记就华容县信息作出批示 is 市级); of two offices the highest (省委常委、市委书记: 省级).
    None where no level is said (是, 部长批示, 市经信委主任批示) or one office names two: the coordinator says. Another
    city's leader is not told apart: 常务副市长, 胡忠雄市长 and 并获市长 read as city names do."""
    key = squash(text)
    if key in _NO_INSTRUCTION or key in INSTRUCTION_LEVELS:
        return INSTRUCTION_LEVELS[0] if key in _NO_INSTRUCTION else key
    offices = [_office_levels(office, places) for office in _OFFICES.split(_ABOUT.sub("", key))]
    if any(len(named) > 1 for named in offices):
        return None
    named = set().union(*offices)
    return next((level for level in _HIGHEST_FIRST if level in named), None)


def _office_levels(office: str, places: Collection[str]) -> set[str]:
    """The levels one office names: none for a 经信委 director's (none of the schedule's), 县级 for a county's."""
    if any(word in office for word in _DEPARTMENTS):
        return set()
    bare = functools.reduce(lambda text, place: text.replace(place, "〇"), places, office)  # 汨罗市副市长: no 市级
    named = {value for value, said in _INSTRUCTION_WORDS if any(w in bare for w in said)}
    if _COUNTY.search(office) or any(place in office for place in places):
        named = (named - {"市级"}) | {COUNTY_INSTRUCTION}
    return named


_A_YEAR_ON = 330  # days from sending to a next year's adoption beyond which a recurring title is next year's


def match_adoptions(
    adoptions: Iterable[Adoption], articles: Iterable[Article], year: int | None = None, consolidated: Collection[str] = (),
    dropped: Mapping[tuple[str, str], str] | None = None,
) -> list[Adoption]:
    """Each adoption matched to a counted article by unit and normalised title. A row that matches nothing or
    has an invalid 采用级别/采用形式 stays unmatched, says why in `problem` and carries up to three nearest titles,
    none of which differs from it only by the month (and figures): another article of the same series.
    `year`, the workspace's: a row that may be the previous year's article (a December title, or adopted in
    January or February) says where it belongs; given the month keys `consolidated`, one whose article may be of a
    month not consolidated yet (its title's month to its adoption's) says so, ending in PENDING. `dropped`: (unit, title
    key) → why an article the unit sent is no longer counted (a file replacing its file left it out): said instead."""
    dropped = {(unit, _fold(key)): why for (unit, key), why in (dropped or {}).items()}
    counted: dict[tuple[str, str], Article] = {}
    uncounted: dict[tuple[str, str], Article] = {}
    titles_by_unit: dict[str, dict[str, str]] = {}  # unit -> title_key -> title
    for article in articles:
        key = (article.unit, _fold(article.title_key))
        if article.counted:
            counted.setdefault(key, article)
            titles_by_unit.setdefault(article.unit, {}).setdefault(key[1], article.title)
        else:
            uncounted.setdefault(key, article)
    all_titles = {f"{title}（{unit}）": key for unit, titles in titles_by_unit.items() for key, title in titles.items()}

    out: list[Adoption] = []
    for adoption in adoptions:
        unit, key = adoption.unit_name, (adoption.unit_name, _fold(adoption.title_key))
        found = bool(unit) and key in counted
        if unit and (sent_as := counted.get(key) or uncounted.get(key)):  # its article's key, as typed otherwise
            adoption = dataclasses.replace(adoption, title_key=sent_as.title_key)
        invalid = _invalid_level_or_form(adoption) + _withdrawn(adoption.note)  # no adoption, article found or not
        if found and year is not None and (date := adoption.date) and date.year < year:  # a recurring title, last year's
            sent = counted[key].date  # this year's date may not be before the article was sent
            after = sent is None or (year, date.month, date.day) >= (sent.year, sent.month, sent.day)
            if date.year == year - 1 and date.month <= 2 and month_key(year, date.month) >= counted[key].month and after:
                typo = f"采用日期写的是{date_label(date)}：如是年份写错，请改为{year}年"  # January habit
                adoption = dataclasses.replace(adoption, problem="；".join(p for p in (adoption.problem, typo) if p))
            else:
                invalid.append(f"采用日期是{date_label(date)}：请登记在{date.year}年度工作区的采用登记表中")
        elif found and year is not None and (date := adoption.date) and date.year > year and (sent := counted[key].date) \
                and (date - sent.date()).days >= _A_YEAR_ON and not _names_year(adoption.title, year):  # 召开1月份…调度会
            invalid.append(f"采用日期是{date_label(date)}，该稿件是{date_label(sent.date())}报送的，相隔近一年："
                           f"如是{date.year}年的同名稿件，请登记在{date.year}年度工作区的采用登记表中")
        elif found and (date := adoption.date) and (sent := counted[key].date) and date < sent.date():  # 4月 typed for 3月?
            early = f"采用日期早于该稿件报送日期（{date_label(sent)}），请核对标题或日期"
            adoption = dataclasses.replace(adoption, problem="；".join(p for p in (adoption.problem, early) if p))
        if not adoption.title_key or (found and not invalid):
            out.append(dataclasses.replace(adoption, matched=bool(adoption.title_key)))
            continue
        problems = [p for p in (adoption.problem, *invalid) if p]
        candidates: list[str] = []
        if found:  # the article it names, shown as the nearest title when typed otherwise than sent (in 《》)
            candidates += [counted[key].title] if squash(adoption.title) != squash(counted[key].title) else []
        elif unit and key in uncounted:
            reasons = "、".join(dict.fromkeys(f.label for f in uncounted[key].errors)) or "未通过检查"
            problems.append(f"该稿件报送时未计入（{reasons}），不计采用")
        elif unit and key in dropped:
            problems.append(dropped[key])
        elif unit:
            others = list(dict.fromkeys(u for u, title_key in counted if title_key == key[1] and u != unit))
            waiting, pending = _months_waiting(adoption, year, consolidated) if year is not None else ([], False)
            soon = bool(waiting) and (date := adoption.date) is not None and max(waiting) <= month_key(date.year, date.month)
            last = [f"如是{year - 1}年的稿件，请登记在{year - 1}年度工作区的采用登记表中"] if year and _of_last_year(adoption, year) else []
            if old := [u for u in others if squash(u) == squash(adoption.unit)]:  # typed as the ledger has it: an alias now
                problems.append(renamed(adoption.unit, unit, old[0], [counted[(old[0], key[1])].month]))
            elif others:
                problems.append(f"{'、'.join(others)}报送过同题稿件，请核对报送单位")
            elif last and not soon:  # adopted after a month not read yet: that month's article first, then last year's
                problems += [NOT_FOUND, *last]
            elif pending:  # its title's month is not read yet: nothing to match it with
                problems.append(f"{year}年{months_text(waiting)}{PENDING}")
            elif waiting:  # a typo in a month read, or an article of a month not read yet: both said, nearest shown
                problems += [NOT_FOUND, f"如是{year}年{months_text(waiting)}报送的稿件，汇总该月后自动匹配", *last]
            else:
                problems.append(NOT_FOUND)
            candidates.extend(f"{counted[(u, key[1])].title}（{u}）" for u in others)
            own = {title: key for key, title in titles_by_unit.get(unit, {}).items()}
            candidates += _nearest(key[1], own)
        else:
            candidates.extend(_nearest(key[1], all_titles))
        candidates = list(dict.fromkeys(candidates))[:MAX_CANDIDATES]
        sent = found or bool(unit) and (key in uncounted or key in dropped)  # the title is right: no "no title near it" to say
        out.append(dataclasses.replace(adoption, matched=False, candidates=tuple(candidates), problem="；".join(problems), title_sent=sent))
    return [dataclasses.replace(a, problem="；".join(filter(None, (a.problem, said)))) if a.matched and (said := note_said(a.note))
            else a for a in _repeated(out, year)]  # fmt: skip


def reward_held(note: str) -> bool:
    """The 备注 holds back the reward alone (不计奖, 奖励不计, 不予奖励): the adoption counts, it is paid nothing."""
    return bool(_REWARD_ONLY.search(note))


def note_said(note: str) -> str:
    """What a counted row's 备注 asks to check: one naming a withdrawal without being one (此前误登为作废, 市级采用，
    省级撤稿): the row counts, the coordinator decides. Not one holding back the reward (reward_held): it says it all."""
    if reward_held(note):
        return ""
    if _MENTIONS.search(note):
        return f"备注为“{note}”：采用数和奖励已照常计入；如这条采用应作废，请把备注改为“作废”"
    return ""


def _names_year(title: str, year: int) -> bool:
    """Whether `title` names `year` as a year (2015年全年…, 2015一季度…; not 2015万元): an article of that year,
    however long after it was sent the next year adopted it; a recurring title (召开1月份…调度会) names none."""
    return bool(re.search(rf"(?<![\d.]){year}(?![\d.%万亿元吨])", title))


def _repeated(rows: list[Adoption], year: int | None = None) -> list[Adoption]:
    """A matched row registered again (same article, outlet, level and date, and 备注 when no outlet is named: a row
    copied, a quarter's sheet repeating the months') not counted again, naming the first; one of the same article and
    outlet at another level named. Two issues of one outlet (another date) are two adoptions; a 采用日期 without a
    year (10月10日, 10月26日) is its month and day, the same issue as a dated row of that month and day (a December
    article's 1月5日 and 2016-01-05), which is the one kept; a blank one (the copy's left empty) is any date."""
    def same(a: Adoption) -> tuple[object, ...]:
        outlet = squash(a.outlet)
        return a.unit_name, a.title_key, a.level, outlet, "" if outlet else squash(a.note)

    def day(a: Adoption) -> tuple[int, int] | None:
        date = a.date or (parse_date(a.date_text, year).date if year and a.date_text else None)
        return (date.month, date.day) if date else None

    first: dict[tuple[object, ...], Adoption] = {}  # the first dated row of each issue, then the first of any
    for a in sorted((a for a in rows if a.matched), key=lambda a: a.date is None):  # a year typed first
        first.setdefault((*same(a), day(a)), a)
        if day(a) is not None:
            first.setdefault(same(a), a)
    level_of: dict[tuple[str, str, str], Adoption] = {}
    out: list[Adoption] = []
    for a in rows:
        outlet = squash(a.outlet)
        # a dated row repeats the first of its date; one left blank the first dated, else the first blank: whichever
        # stands first in the register, a blank one never swallows the dated issues
        seen = first.get((*same(a), d)) if (d := day(a)) is not None else first.get(same(a)) or first.get((*same(a), None))
        seen = None if seen is a else seen
        if a.matched and seen:
            again = f"与{seen.where}重复登记（同一稿件、同一采用单位/刊物、同一采用级别和采用日期），未重复计入：请删去其中一行"
            a = dataclasses.replace(a, matched=False, title_sent=True, problem="；".join(filter(None, (a.problem, again))))
        elif a.matched and outlet and (seen := level_of.setdefault((a.unit_name, a.title_key, outlet), a)).level != a.level:
            other = f"{seen.where}登记同一稿件被{a.outlet}采用的级别是{seen.level}，这一行却是{a.level}：请核对，改正或删去其中一行"
            a = dataclasses.replace(a, problem="；".join(filter(None, (a.problem, other))))
        out.append(a)
    return out


def _fold(key: str) -> str:
    """A title key with the marks a copied title varies in made alike (_VARIANTS; a run of dashes one)."""
    return re.sub("-+", "-", key.translate(_VARIANTS))


def _of_series(key: str, other: str) -> bool:
    """Whether two title keys differ only by the month they name (and figures): 6月 and 7月 of a series, two articles."""
    bare = [_FIGURES.sub("#", _MONTH.sub("月", k)) for k in (key, other)]
    return _MONTH.findall(key) != _MONTH.findall(other) and bare[0] == bare[1]


def _months_waiting(adoption: Adoption, year: int, consolidated: Collection[str]) -> tuple[list[str], bool]:
    """The months not `consolidated` yet whose article the row may name, and whether its title's own month is one:
    the month its title names (the last of 1-6月), else those after it up to the month it was adopted in (6月份…分析
    is sent in July); for a title that names none, those since the last one consolidated up to its adoption's."""
    named = [int(m) if m.isdigit() else _month_number(m) for m in _MONTH.findall(adoption.title_key)]
    titled, date = max([m for m in named if 1 <= m <= 12], default=0), adoption.date
    if not consolidated or not titled and (date is None or date.year < year):
        return [], False
    if titled and month_key(year, titled) not in consolidated:
        return [month_key(year, titled)], True
    if titled:
        later = range(titled + 1, date.month + 1) if date is not None and date.year == year else ()
        return [k for k in (month_key(year, m) for m in later) if k not in consolidated], False
    adopted = date.month if date.year == year else 12
    return sorted(itertools.takewhile(lambda m: m not in consolidated, (month_key(year, m) for m in range(adopted, 0, -1)))), False


def _of_last_year(adoption: Adoption, year: int) -> bool:
    """Whether an unmatched row of the `year` workspace may name an article of the year before: adopted last year;
    its title names December and it was adopted before December; or it was adopted in January or February and
    names no month or a later one (1-11月 adopted in January; not 2月份 adopted in February). Adopted in the next
    year, or undated: no."""
    date = adoption.date
    months = {int(m) if m.isdigit() else _month_number(m) for m in _MONTH.findall(adoption.title_key)} - {0}
    if date is None or date.year != year:  # undated: a December title may be this year's, not consolidated yet
        return date is not None and date.year < year
    if 12 in months and date.month < 12:  # a December adopted before December: last year's
        return True
    return date.month <= 2 and max(months, default=12) > date.month


def _month_number(chinese: str) -> int:
    """一 … 九, 十, 十一, 十二 as a number (0 for what is no month)."""
    if chinese[0] == "十":
        return 10 + (_DIGITS.find(chinese[1:]) + 1 if chinese[1:] else 0)
    return _DIGITS.find(chinese) + 1


def _invalid_level_or_form(adoption: Adoption) -> list[str]:
    """What to fix when the 采用级别 or 采用形式 is blank, a 批示 (市委书记批示 typed where the level or form goes) or
    not a valid value (the reader said which it could not read)."""
    said: list[str] = []
    for name, value, valid, what in (("采用级别", adoption.level, ADOPTION_LEVELS, "采用该稿件的单位的级别"),
                                     ("采用形式", adoption.form, ADOPTION_FORMS, "该稿件被采用的方式")):  # fmt: skip
        choices = f"{'、'.join(valid[:-1])}或{valid[-1]}"
        if "批示" in value:  # no valid value says 批示
            where = ("（已填在“领导批示”列）：请改填" if adoption.instruction != INSTRUCTION_LEVELS[0]
                     else f"：请把批示领导的级别（市级、省级或国家级）填在“领导批示”列，{name}填")  # fmt: skip
            said.append(f"{name}填的是领导批示{where}{what}（{choices}），改正前不计采用")
        elif value not in valid:
            said.append((f"缺少{name}：请填写{choices}" if not value else f"{name}应为{'、'.join(valid)}之一") + "，改正前不计采用")
    return said


def _withdrawn(note: str) -> list[str]:
    """Why a row whose 备注 withdraws it is not counted: a clause of it is a withdrawal and nothing else (作废, 已撤稿,
    重复登记，不计; 错登，作废; 作废（重复登记）), and it does not say the adoption counts; [] when it is not."""
    clauses = [c for c in re.split(r"[\W_]+", squash(note)) if c]
    said = any(_WITHDRAWN.fullmatch(c) for c in clauses) and not _COUNTED_SAID.search(note)
    return [f"备注为“{note}”，未计入采用数和奖励：如应计入，请删去这条备注"] if said else []


def _nearest(title_key: str, choices: dict[str, str]) -> list[str]:
    """Up to three of `choices` (the title as shown -> its title key) whose key is nearest to `title_key`, none of
    another month of its series (_of_series)."""
    choices = {shown: key for shown, key in choices.items() if not _of_series(title_key, key)}
    if not choices:
        return []
    from rapidfuzz import fuzz, process  # only a row that matches nothing needs it

    hits = process.extract(title_key, choices, scorer=fuzz.WRatio, limit=MAX_CANDIDATES, score_cutoff=_CANDIDATE_CUTOFF)
    return [shown for _key, _score, shown in hits]
