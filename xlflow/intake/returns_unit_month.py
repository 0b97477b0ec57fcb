"""Which unit sent a workbook and for which month: from the labels above the header, a 报送单位 column, the title
rows and the file name (a yearless month, 2月份 or 二月, takes the year nearest the month asked for)."""

from __future__ import annotations

import re
from collections.abc import Container
from pathlib import Path

from xlflow.core.dates import FIRST_YEAR, LAST_YEAR, closest_year, parse_month, yearless_month
from xlflow.core.errors import InputFileError
from xlflow.core.model import FOR_COORDINATOR, SheetRead
from xlflow.core.periods import Period, month_key, months_span
from xlflow.core.text import clean_cell, nfkc, safe_filename, squash
from xlflow.core.units import Unit, UnitTable
from xlflow.settings import Settings

Stated = tuple[int, tuple[int, ...]]  # (year, months) a text states

_RANGE = re.compile(r"(?P<y>\d{4})年(?P<a>\d{1,2})月?[-~至到—–](?P<b>\d{1,2})月")
_QUARTER = re.compile(r"(?P<y>\d{4})年?(?:第)?(?P<q>[一二三四1-4])季度?(?=$|[^\d])")
_QUARTER_Q = re.compile(r"(?P<y>\d{4})[-_]?Q(?P<q>[1-4])", re.IGNORECASE)
_HALF = re.compile(r"(?P<y>\d{4})年?(?P<q>[上下])半年")  # 2015年上半年: q as in Period's H1, H2
_COMPACT_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")
_YEARLESS_RANGE = re.compile(r"(?<!\d)(?P<a>\d{1,2})月?[-~至到—–](?P<b>\d{1,2})月")
_SEVERAL = re.compile(r"(?:[\d元一二两三四五六七八九十]+月.*){2}|[\d一二两三四五六七八九十][-~至到—–、,，和及与/+]+[\d一二两三四五六七八九十]+月")
# in a name stating several months (_SEVERAL): a span 1-2月, 1月至2月, 2月下旬-3月, and a month number before 月 or a list
_NAME_SPAN = re.compile(r"(?<!\d)(\d{1,2})(?:月份?[上中下]?旬?)?[-~至到—–](\d{1,2})(?=月)")
_NAME_MONTH = re.compile(r"(?<!\d)(\d{1,2})(?=月|[、,，和及与/+]+\d{1,2}(?:月|[、,，和及与/+]))")
_CN_NUMERAL = re.compile(r"(?:十[一二]|[一二两三四五六七八九十]|元)(?=月|[-~至到—–、,，和及与/+])")
_CN_VALUE = {w: n for n, w in enumerate("一二三四五六七八九十", 1)} | {"两": 2, "元": 1, "十一": 11, "十二": 12}
# in a title or label: a 补报; not 补充完善, 修改补充 (a revised version), 补充说明
SUPPLEMENT = re.compile(r"补报|(?<!修改|修订)补充(?!完善|修改|修订|说明)|增补|漏报|补交|补录|补送|补发|追报")
# a sheet's or file's name: those words, and a 补 standing alone (2月补, 2月（补）, （补一）, 补2月) or ending it
# (7月信息补), not 补贴, 补助, 补链, 弥补
SUPPLEMENT_NAME = re.compile(rf"{SUPPLEMENT.pattern}|(?<![^\W\d_月份])补(?=$|[\W\d_]|[一二两三四五六七八九十]+[月)）])"
                             r"|(?<![弥修填候互])补(?=$|[.)）\]】])")
_SHEET_QUARTER = re.compile(r"([一二三四1-4])季度")  # 第一季度, 一季度, 2015年1季度
SUMMED = re.compile(r"汇总|累计|合计")  # a sheet holding several sheets' or months' articles (累计, 全年汇总), not a version of one
_PART = re.compile(r"周|旬|半月|\d[日号]|\d\.\d{1,2}[-~至到—–]")  # of a month: 第一周, 上旬, 上半月, 1-15日, 3.2-3.8
_FULL_DATE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}[日号]?|\d{4}[-./]\d{1,2}[-./]\d{1,2}|(?<!\d)\d{8}(?!\d)|(?<!\d)\d{1,2}月\d{1,2}[日号]"
)


def stated_months(text: str, near: tuple[int, int]) -> Stated | None:
    """A month a title row or file name states. A full date there (20150402, 2015年4月2日) is when the file was
    sent, usually early the next month: it says nothing about the report's month."""
    return _stated_months(_FULL_DATE.sub(" ", nfkc(text)), near)


def _stated_months(value: object, near: tuple[int, int]) -> Stated | None:
    """(year, months) a text states: 2015年3月, 2015-03, 2015年1-3月, 2015年第一季度, 20150305, and 3月, 3月份,
    二月 and 1-3月 in the year nearest to `near` (the year and month the file is expected for)."""
    if not isinstance(value, str):
        ym = parse_month(value)
        return (ym[0], (ym[1],)) if ym else None
    text = squash(value)
    match = _RANGE.search(text)
    if match:
        y, a, b = int(match["y"]), int(match["a"]), int(match["b"])
        if FIRST_YEAR <= y <= LAST_YEAR and 1 <= a <= b <= 12:
            return y, tuple(range(a, b + 1))
    ym = parse_month(text)
    if ym is not None:
        return ym[0], (ym[1],)
    for pattern, kind in ((_QUARTER, "Q"), (_QUARTER_Q, "Q"), (_HALF, "H")):
        match = pattern.search(text)
        if match and FIRST_YEAR <= int(match["y"]) <= LAST_YEAR:
            q = int(match["q"]) if match["q"].isdigit() else "一二三四上下".index(match["q"]) % 4 + 1
            return int(match["y"]), Period(int(match["y"]), kind, q).months
    match = _COMPACT_DATE.search(text)
    if match and FIRST_YEAR <= int(match["y"]) <= LAST_YEAR and 1 <= int(match["m"]) <= 12:
        return int(match["y"]), (int(match["m"]),)
    match = _YEARLESS_RANGE.search(text)
    if match and 1 <= int(match["a"]) <= int(match["b"]) <= 12:
        a, b = int(match["a"]), int(match["b"])
        return closest_year(b, *near), tuple(range(a, b + 1))
    month = yearless_month(text)
    if month is not None:
        return closest_year(month, *near), (month,)
    return None


def months_text(stated: Stated) -> str:
    """(2015, (1, 2, 3)) -> 2015年1—3月."""
    return months_span([month_key(stated[0], m) for m in stated[1]])


def sheet_month(labels: dict[str, object], titles: list[str], near: tuple[int, int]) -> tuple[Stated, str] | None:
    """The month a sheet states, and where: its 报送月份 label, else its title rows."""
    stated = _stated_months(labels.get("month"), near)
    if stated is not None:
        return stated, "“报送月份”"
    return next(((said, "表格标题") for text in titles if (said := stated_months(text, near)) is not None), None)


def name_months(name: str, near: tuple[int, int]) -> Stated | None:
    """The months a sheet's name states: one (2月, 2015年2月, 二月; not a quarter's: `repeats_counted`), or several,
    one year's (1-2月, 一月至二月, 1月、2月, 1、2月; not 12月-1月, 2014年12月-2015年1月)."""
    said = stated_months(name, near)
    if not _SEVERAL.search(nfkc(name)):
        return said if said and len(said[1]) == 1 else None
    text = _CN_NUMERAL.sub(lambda m: str(_CN_VALUE[m[0]]), nfkc(name))
    months = {int(m) for m in _NAME_MONTH.findall(text)} | {m for a, b in _NAME_SPAN.findall(text) for m in range(int(a), int(b) + 1)}
    over = len(set(re.findall(r"\d{4}(?=年)", text))) > 1 or any(int(a) > int(b) for a, b in _NAME_SPAN.findall(text))
    return (said[0], tuple(sorted(months))) if said and months and months <= set(range(1, 13)) and not over else None


def repeats_counted(name: str, said: Stated | None, month: str) -> bool:
    """A sheet read as a 补报, its rows perhaps articles counted before: its name says 补 (2月补), or names a quarter of
    this year begun by `month` (第一季度 in March or April: a quarterly unit's late rows are counted by their dates, a
    monthly unit's counted ones are hints), or its name, label or title states several months, `month` among them
    (1-3月, 报送月份 2015年1—3月: a cumulative record)."""
    year, number = int(month[:4]), int(month[5:])
    quarter, typed = _SHEET_QUARTER.search(nfkc(name)), re.findall(r"(?:19|20)\d\d", nfkc(name))
    begun = quarter and int(typed[0] if typed else year) == year and "一二三四1234".index(quarter[1]) % 4 * 3 < number
    held = [s for s in (name_months(name, (year, 6)), said) if s and s[0] == year and number in s[1]]
    return bool(SUPPLEMENT_NAME.search(nfkc(name)) or begun) or any(len(s[1]) > 1 for s in held)


def own_month(name: str, month: str) -> bool:
    """The sheet's name states `month` alone (3月, 2015年3月, 三月), not a part of it (3月第一周, 3月上旬, 3月1-15日)."""
    return name_months(name, (int(month[:4]), 6)) == (int(month[:4]), (int(month[5:]),)) and not _PART.search(nfkc(name))


def month_version(name: str, month: str) -> bool:
    """The sheet's name states `month` alone and no 汇总, 累计, 合计 (3月 (2), 2015年3月（最终版）, 3月修改): a version of the
    month's own sheet; holding it and more, it is the fuller version, not a cumulative sheet."""
    return own_month(name, month) and not SUMMED.search(name)


def set_aside_by_name(sheets: list[SheetRead], stated: Container[str], month: str, dated: Container[str] = ()
                      ) -> dict[str, Stated]:  # fmt: skip
    """A year's workbook, one sheet a month (1月, 2月, 3月): each sheet read whose name states other months than
    `month` (2月; 1-2月, 1月、2月: those months' record, already counted; not 1—3月 in March) is set aside, as one
    whose 报送月份 does (`sheet_month`), unless its label or title stated a month (`stated`: those decided), its
    name says 补报 for the month before (2月补 in March: R5 counts its articles by their dates; in April it was
    counted in March), or no sheet would be left (a lone sheet's name, left from last month, is not enough). One
    whose rows are mostly dated in `month` (`dated`: last month's sheet reused, not renamed) is read and returned:
    name → the month its name says."""
    year, number = int(month[:4]), int(month[5:])
    read, last = [s for s in sheets if s.read], _month_before(month)
    other: dict[str, Stated] = {}
    for s in (s for s in read if s.name not in stated):
        # a yearless name takes the month's own year (near its June): 1月 in a December return is this January; a
        # supplement's is the nearest (12月补 in March is last December's)
        supplement = bool(SUPPLEMENT_NAME.search(nfkc(s.name)))
        said = name_months(s.name, (year, number) if supplement else (year, 6))
        if said and not (said[0] == year and number in said[1]) and not (supplement and said[0] == last[0] and last[1] in said[1]):
            other[s.name] = said
    if len(other) == len(read):
        return {}
    for sheet in (s for s in read if s.name in other and s.name not in dated):
        sheet.read, sheet.notable = False, True
        sheet.why = f"工作表名写的是{months_text(other[sheet.name])}，不是{year}年{number}月"
    return {name: said for name, said in other.items() if name in dated}


def _month_before(month: str) -> tuple[int, int]:
    return int(month[:4]) - (month[5:] == "01"), (int(month[5:]) - 2) % 12 + 1


def supplement_of(name: str, said: Stated, month: str) -> bool:
    """The sheet's name makes it a 补报 (6月补报, 补报, 第二季度: `repeats_counted`) and its label or title states
    months ending last month (第四季度补报 of 2014年第四季度 in January), or any earlier month, quarter or half year of
    this year (5月补报 of 2015年5月 in July): it is read as theirs, its rows counted by their dates (those counted
    before are R6 hints, not counted twice; last year's go to its workspace: `_another_year`)."""
    last, year = _month_before(month), int(month[:4])
    # of last year only its last quarter's months (12月, 11-12月, 第四季度): a 下半年 or 1-12月 sheet left in a January
    # book is last year's record, set aside whole, not a 补报 whose older rows would count in January
    ends_last = (said[0], said[1][-1]) == last and (said[0] == year or said[1][0] >= 10)
    return repeats_counted(name, None, month) and (ends_last or said[0] == year and said[1][-1] < int(month[5:]))


def past_span(said: Stated, near: tuple[int, int]) -> bool:
    """Several months of `near`'s year, all before its month: a past quarter's or half year's record (第一季度 or
    1-3月 in April, 上半年 in July), sent late."""
    return said[0] == near[0] and len(said[1]) > 1 and said[1][-1] < near[1]


def resolve_month(
    name: str, by_sheet: dict[str, tuple[Stated, str]], near: tuple[int, int], month_hint: str | None,
    hidden: tuple[tuple[Stated, str], ...] = (),
) -> tuple[str, str, Stated | None]:
    """The file's month, where it was read, and what that place said. The visible sheets decide, else the file
    name, else the hidden sheets (`hidden`: a leftover of last month's workbook does not outweigh what the file
    shows): a place stating the month asked for first, then one stating a past quarter or half year (`past_span`:
    a late file, the month asked for), else the first place's last month; else the month asked for."""
    places = list(by_sheet.values())
    if not places and (from_name := stated_months(Path(name).stem, near)) is not None:
        places = [(from_name, "文件名")]
    places = places or list(hidden)
    mine = [place for place in places if place[0][0] == near[0] and near[1] in place[0][1]]
    if month_hint and (found := next(iter(mine + [p for p in places if past_span(p[0], near)]), None)):
        return month_key(*near), found[1], found[0]
    if places:
        said, source = places[0]
        return month_key(said[0], said[1][-1]), source, said
    if not month_hint:
        raise InputFileError(f"{name}：看不出报送月份：请在表格上方填写“报送月份：2015年3月”，或汇总时用 --month 指定月份", code="F7")
    return month_key(*near), "", None


def _units_in(units: UnitTable, text: object, settings: Settings) -> list[Unit]:
    return units.named(clean_cell(text), settings.coordinator)


def named_unit(name: str, units: UnitTable) -> Unit | None:
    """Whose a file is by its path in the month's folder: the unit its name names (a name, or an alias as a word:
    find_all strict), else the nearest folder naming one (资源电力科/附件/3月份信息报送登记表.xlsx); None when
    the first of them naming any names several. The file's rows and labels, when read, come first."""
    *folders, file = name.split("/")
    for text in (file.rsplit(".", 1)[0], *reversed(folders)):
        # 办公室_人事科 is 办公室/人事科 as a file name (distribute writes it so), not 办公室 inside it
        spelt = [u for u in units if (own := safe_filename(u.name)) != u.name and own in text]
        if named := spelt or units.find_all(text, strict=True):
            return named[0] if len(named) == 1 else None
    return None


def _unclear(name: str, text: str) -> InputFileError:
    return InputFileError(f"{name}：{text}", code="F6")


def resolve_unit(
    name: str, units: UnitTable, labels: list[object], column: list[str], titles: list[str], settings: Settings
) -> tuple[Unit, str]:
    """The unit, from the labels, the 报送单位 column, the title rows, the file name, the folders the file is in
    (named_unit) in that order (else F6), and a warning when the column settled a file name naming another unit (by
    name or alias as a word: find_all strict) or when only a folder's name named the unit."""
    label_units = list(dict.fromkeys(u for v in labels for u in _units_in(units, v, settings)))
    column_units = list(dict.fromkeys(u for v in column for u in _units_in(units, v, settings)[:1]))
    named = _units_in(units, Path(name).stem, settings)
    if len(named) > 1:  # 平江县工信局财政资金信息: 平江县, not also the unit whose alias is 财政; and a unit's full
        # name before another's alias (湘阴县工信局3月份工会工作信息: 湘阴县, 工会 being 工业公会's alias)
        named = [u for u in units.find_all(Path(name).stem, strict=True) if u in named] or named
        full = [u for u in named if units.name_in(u, Path(name).stem)]
        named = full if len(full) == 1 and full[0] == named[0] else named  # the sender's name leads the file name
    alias = f"请改为任务分配表中的单位名称后重新报送{FOR_COORDINATOR}如是简称，可在任务分配表“别名”列补充后重新汇总）"
    if len(column_units) > 1:
        raise _unclear(name, f"“报送单位”列中有多个单位（{'、'.join(u.name for u in column_units)}）：请每个单位单独报送一个文件")
    settled = column_units[0] if column_units else None
    unit = label_units[0] if len(label_units) == 1 else settled
    if unit is None and label_units:
        listed = "、".join(u.name for u in label_units)
        raise _unclear(name, f"“报送单位”写了几个单位（{listed}），看不出是哪个单位报送的：请每个单位单独报送一个文件")
    if unit is None and labels:
        raise _unclear(name, f"“报送单位”填写的“{clean_cell(labels[0])}”不在任务分配表中：{alias}")
    if unit is None and column:
        raise _unclear(name, f"“报送单位”列填写的“{column[0]}”不在任务分配表中：{alias}")
    if unit is None:
        titled = (_units_in(units, text, settings) for text in titles)
        unit = next((found[0] for found in titled if len(found) == 1), None)
    if unit is None and len(named) > 1:
        raise _unclear(
            name,
            f"文件名中有几个单位（{'、'.join(u.name for u in named)}），表格上方也没有“报送单位”：看不出是哪个单位报送的。"
            "请每个单位单独报送一个文件，或在表格上方填写“报送单位：单位名称”后重新报送",
        )
    said_by_folder = ""
    if unit is None and not named and (unit := named_unit(name, units)) and not units.find_all(Path(name).stem, strict=True):
        folder = next(f for f in reversed(name.split("/")[:-1]) if units.find_all(f, strict=True))  # named_unit's
        said_by_folder = (
            f"{name}：文件中没有写报送单位，按所在文件夹“{folder}”认作{unit.name}的报送：如不是，请在文件中填写报送单位后"
            f"重新报送{FOR_COORDINATOR}如知道是哪个单位的，可在文件名中写上单位名称后重新汇总）"
        )
    unit = unit or (named[0] if named else None)
    if unit is None:
        raise _unclear(
            name,
            "看不出是哪个单位报送的（表头上方没有“报送单位”，文件名中也没有单位名称）："
            "请在表格上方填写“报送单位：单位名称”，或把文件名改为“单位名称_2015年03月.xlsx”后重新报送",
        )
    # 报综合法规科_3月信息.xlsx names the addressee; 财政资金专项信息.xlsx names no unit whose alias is 财政; the unit's
    # own name as distribute writes it (办公室_机要室 for 办公室/机要室) names no other unit inside it
    own = safe_filename(unit.name)
    own = own if own in Path(name).stem else ""
    others = [u for u in units.find_all(Path(name).stem, strict=True) if u.name != settings.coordinator
              and (u == unit or not (own and any(word in own for word in (u.name, *u.aliases))))]  # fmt: skip
    if len(others) != 1 or others[0] == unit:
        return unit, said_by_folder
    # a name and a label or title naming two units: a copy of another unit's prefilled workbook, which counted as
    # either unit would replace that unit's file. Only the rows' 报送单位 column settles it (SPEC §5 F6).
    where = "表格上方的“报送单位”" if label_units else "表格标题"
    said = f"文件名是“{others[0].name}”，" + ("" if unit == settled and not label_units else f"{where}是“{unit.name}”，")
    if settled is None:
        raise _unclear(
            name,
            f"{said}看不出是哪个单位报送的（可能用了其他单位的登记表），未计入：请把“报送单位”改为本单位名称"
            "（或改正文件名）后重新报送",
        )
    return settled, f"{name}：{said}表中“报送单位”列是“{settled.name}”：已按“{settled.name}”计入，如不对请改正后重新报送"
