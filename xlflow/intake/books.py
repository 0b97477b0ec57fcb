"""The coordinator's own books read back: the adoption register (采用登记表), the reward schedule (奖励标准), and the
roster (通讯员名册) `xlflow register` wrote and the coordinator edits; the quota table's reader is quota_table.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Iterator
from pathlib import Path

from xlflow.compute.adoptions import (
    county_cities,
    normalize_form,
    normalize_instruction,
    normalize_level,
    other_city,
    split_instruction,
)
from xlflow.compute.rewards import EXAMPLE_SCHEDULE, NO_INSTRUCTION, RewardSchedule
from xlflow.core import schema
from xlflow.core.dates import parse_date
from xlflow.core.errors import ConfigError
from xlflow.core.model import Adoption
from xlflow.core.text import clean_cell, column_letter, normalize_title, row_runs, squash
from xlflow.core.units import Unit, UnitTable, strip_suffix, unit_keys
from xlflow.intake.returns_header import has_text
from xlflow.intake.returns_rows import fill_merged, is_note
from xlflow.intake.workbook import Sheet, first_header, own_book, rows_below


def _text(value: object) -> str:
    return squash(clean_cell(value))


def _roster_rows(path: Path, wanted: str) -> tuple[str, Iterator[tuple[int, dict[str, object]]] | None]:
    """The roster's sheet name and its rows below the header naming 单位名称 and `wanted` (None: no header)."""
    sheet = own_book(path, "通讯员名册").sheet(schema.ROSTER_SHEET)
    found = first_header(sheet.rows[:30], _text, (schema.ROSTER_UNIT_HEADER, wanted))
    return sheet.name, rows_below(sheet.rows, *found) if found else None


def read_roster(path: Path, units: UnitTable) -> dict[str, str]:
    """Unit name -> correspondent name from 通讯员名册.xlsx, a unit under an old name or an alias read as the unit
    it is now (a row under its name wins); {} when there is none (no correspondents then)."""
    if not path.is_file():
        return {}
    sheet_name, rows = _roster_rows(path, schema.ROSTER_NAME_HEADER)
    if rows is None:
        raise ConfigError(f"通讯员名册 {path.name}（工作表“{sheet_name}”）找不到“单位名称”“姓名”表头：请重新运行 xlflow register 生成")
    roster: dict[str, str] = {}
    for _, row in rows:
        typed, name = clean_cell(row[schema.ROSTER_UNIT_HEADER]), _text(row[schema.ROSTER_NAME_HEADER])
        if name and (unit := units.resolve(typed)) and (unit.name not in roster or typed == unit.name):
            roster[unit.name] = name
    return roster


def read_received_dates(path: Path, units: UnitTable, year: int) -> tuple[dict[str, dt.date], list[str]]:
    """Unit name -> the 收到日期 the coordinator typed in 通讯员名册.xlsx (optional; a yearless date is in `year`),
    and one line per value not used."""
    sheet_name, rows = _roster_rows(path, schema.RECEIVED_HEADER) if path.is_file() else ("", None)
    dates: dict[str, dt.date] = {}
    problems: list[str] = []
    for number, row in rows or ():
        raw = row[schema.RECEIVED_HEADER]
        if clean_cell(raw) == "":
            continue
        name = clean_cell(row[schema.ROSTER_UNIT_HEADER])
        where = f"通讯员名册 {path.name}（工作表“{sheet_name}”）第 {number} 行"
        unit = units.resolve(name)
        parsed = parse_date(raw, default_year=year)
        if unit is None:
            problems.append(f"{where}：单位“{name}”不在任务分配表中，其收到日期未采用")
        elif parsed.value is None:
            problems.append(
                f"{where}（{unit.name}）：收到日期“{clean_cell(raw)}”无法识别，未采用（新生成的名册中此格已清空）："
                "请写成 2015-02-26 后再运行一次 xlflow register"
            )
        else:
            dates[unit.name] = parsed.value.date()
    return dates, problems


def read_roster_cells(path: Path, units: UnitTable, headers: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Unit name -> header -> the text in its row of 通讯员名册.xlsx, for each of `headers` the roster has (the
    first row of a unit); {} when there is no roster."""
    rows = _roster_rows(path, schema.ROSTER_NAME_HEADER)[1] if path.is_file() else None
    cells: dict[str, dict[str, str]] = {}
    for _, row in rows or ():
        if (unit := units.resolve(clean_cell(row[schema.ROSTER_UNIT_HEADER]))) and unit.name not in cells:
            cells[unit.name] = {h: _typed(row[h], h) for h in headers if h in row}
    return cells


def read_roster_rows(path: Path, units: UnitTable, known: tuple[str, ...], sheet: str = schema.ROSTER_SHEET
                     ) -> tuple[dict[str, dict[str, object]], list[str]]:
    """Unit name -> header -> cell of its first row on `sheet` of 通讯员名册.xlsx (text, a 报送日期 as read), and
    what a new roster would not carry over: a filled column not in `known`, a unit's second row, a row of no unit."""
    if not path.is_file():
        return {}, []
    book_sheet = own_book(path, "通讯员名册").sheet(sheet)
    found = first_header(book_sheet.rows[:30], _text, (schema.ROSTER_UNIT_HEADER, schema.ROSTER_NAME_HEADER))
    rows: dict[str, dict[str, object]] = {}
    filled: set[str] = set()
    dropped: list[str] = []
    count: dict[str, int] = {}
    for number, row in rows_below(book_sheet.rows, *found) if found else ():
        typed, name = clean_cell(row[schema.ROSTER_UNIT_HEADER]), _text(row[schema.ROSTER_NAME_HEADER])
        values = {h: v if h == "报送日期" and isinstance(v, dt.date) else _typed(v, h) for h, v in row.items()}
        filled |= {h for h, v in values.items() if v not in ("", None)}
        if not any(values[h] not in ("", None) for h in values if h not in ("序号", schema.ROSTER_UNIT_HEADER)):
            continue  # a blank row or a unit's name alone
        if (unit := units.resolve(typed)) is None:
            dropped.append(f"第 {number} 行（{typed or name}）")
            continue
        count[unit.name] = n = count.get(unit.name, 0) + 1
        if n > 1:
            dropped.append(f"{unit.name}的第 {n} 行" + (f"（{name}）" if name else ""))
        rows.setdefault(unit.name, values)
    return rows, [f"列“{h}”" for h in (found[1] if found else ()) if h and h not in known and h in filled] + dropped


def _typed(value: object, header: str) -> str:
    """A roster cell as text; a date Excel made of what was typed (1985-6) as the roster writes it: 1985年6月."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月" + ("" if header == "出生年月" else f"{value.day}日")
    return clean_cell(value)


# --- the adoption register ----------------------------------------------------------------------------

_HEADER_SCAN_ROWS = 20


def _header_key(value: object) -> str:
    """A header cell as compared: no whitespace, no * or （必填） marks."""
    return re.sub(r"[(（][^)）]*[)）]$", "", _text(value).replace("*", ""))


_ADOPTION_HEADERS = {_header_key(n): c.key for c in schema.ADOPTION_COLUMNS for n in (c.name, *c.aliases)}


def read_adoption_register(
    path: Path, units: UnitTable, year: int | None = None, notes: list[str] | None = None, city: str = ""
) -> list[Adoption]:
    """Every filled row of the register's sheet (采用登记表 if visible, else the first one read; a hidden one only
    when no sheet with the header is visible) and of each other visible sheet with its header (a copy for the
    next quarter, 采用登记表 (2)) whose name is no help, example, backup or other year's and whose rows are not all
    rows already read (a copy), unit resolved and values normalised; what is wrong is in `problem`. `notes` gets a
    line naming each sheet not read that may hold adoptions, and why. A 采用日期 needs its year (1月8日 may be the
    next January's); a two-digit year far from `year` is not read (10/3/15). `city`, the prefecture (岳阳市): another
    city's body is not its 市级."""
    book = own_book(path, "采用登记表")
    places = county_cities((n for u in units for n in (u.name, *u.aliases)), city)  # 汨罗市 of 汨罗市工信局
    headers = {s.name: first_header(s.rows[:_HEADER_SCAN_ROWS], lambda v: _ADOPTION_HEADERS.get(_header_key(v)), ("unit", "title"),
                                   two_rows=True)
               for s in book.sheets}  # fmt: skip
    with_header = sorted((s for s in book.sheets if headers[s.name]), key=lambda s: not s.visible)  # hidden: a backup
    named = [s for s in with_header if s.name == schema.ADOPTION_SHEET and s.visible]  # else the first one read
    passing = [s for s in with_header if not _why_not_read(s.name, s.visible, year)]
    own = next(iter(named + passing + with_header), None)
    adoptions: list[Adoption] = []
    unread, skipped, seen = [], [], set()
    for sheet in sorted(book.sheets, key=lambda s: s is not own):
        found = headers[sheet.name]
        if found is None:  # the 填写说明 and the hidden 下拉列表 sheets: no unit's name in them, not named
            if sheet.visible and any(isinstance(v, str) and units.resolve(v) for row in sheet.rows for v in row):
                unread.append(sheet.name)
            continue
        if sheet is not own and (why := _why_not_read(sheet.name, sheet.visible, year)):
            skipped.append(f"“{sheet.name}”（{why}）")
            continue
        lines: list[str] = []
        rows = _sheet_adoptions(path.name, sheet, *found, units, year, places, city, lines)
        keys = [_row_key(a) for a in rows]
        if sheet is not own and rows and seen.issuperset(keys):
            skipped.append(f"“{sheet.name}”（每一行都与已读取的登记相同，是副本）")
            continue
        seen.update(keys)
        adoptions += rows
        if notes is not None:
            notes += lines
    wanted = "、".join(c.name for c in schema.ADOPTION_COLUMNS if c.required)
    if own is None:
        sheet = book.sheet(schema.ADOPTION_SHEET).name
        raise ConfigError(f"采用登记表 {path.name}（工作表“{sheet}”）前 {_HEADER_SCAN_ROWS} 行中找不到表头：请保留表头行（{wanted}）")
    if skipped and notes is not None:
        notes.append(
            f"采用登记表 {path.name} 的工作表{'、'.join(skipped)}未读取：如其中有{year or '本'}年度未登记的采用，"
            f"请把这些行移到“{own.name}”工作表中"
        )
    if unread and notes is not None:
        notes.append(
            f"采用登记表 {path.name} 的工作表“{'”“'.join(unread)}”前 {_HEADER_SCAN_ROWS} 行中没有表头（{wanted}），其中的采用未读取："
            f"如其中登记了采用，请把“{schema.ADOPTION_SHEET}”工作表的表头行复制到其登记行上方"
        )
    return adoptions


_NOT_A_REGISTER = ("说明", "示例", "样例", "范例", "模板", "填写", "备份", "副本", "旧", "作废")  # help, an example, a backup
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)[^至到~～—－-]*[至到~～—－-]\s*((?:19|20)\d\d)(?!\d)")  # 2014.12-2015.6
_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[年.\-/]\s*(?:0?[1-9]|1[0-2])(?!\d)")  # 2016年1月, 2016.1


def _why_not_read(name: str, visible: bool, year: int | None) -> str:
    """Why a sheet with the register's header, not its own, is not read: hidden, or named as help, an example, a
    backup or another year's register ("": read). A month of the next year's (2016年1月 in 2015's register) holds
    adoptions of this year's articles registered by the month they were adopted in, a span naming this year too
    (2014年12月至2015年6月) some of this year's: read."""
    if not visible:
        return "已隐藏"
    if said := next((word for word in _NOT_A_REGISTER if word in name.replace("填写中", "")), None):  # 6月（填写中）: read
        return f"名称含“{said}”，应是说明、示例或备份"
    years = _YEAR.findall(name)  # the first decides: 2014年采用登记（2015年1月归档） is 2014's
    other = [y for y in years if int(y) != year] if year else []
    if not other or years[0] == str(year) or any(int(a) < year == int(b) for a, b in _SPAN.findall(name)):
        return ""  # 2014年12月至2015年6月: this year's too
    return "" if set(other) == {str(year + 1)} and other[0] in _YEAR_MONTH.findall(name) else f"是{years[0]}年的登记"


def _row_key(a: Adoption) -> tuple[object, ...]:
    return a.unit, a.title, a.outlet, a.level, a.date, a.form, a.instruction, a.note


# a subtotal or total line: 1月小计 | 26篇, 一季度合计（57篇）, 1月小计20条, （1月小计）, 上半年总计：144篇, 合　计 (squashed)
_TOTAL = re.compile(r"[(（]?(\S{0,8}?)(小计|合计|总计)[:：]?[(（]?共?(?:\d+[篇条]?)?[)）]?")
_COUNT = re.compile(r"[(（]?共?\d+[篇条]?[)）]?")  # 2篇 beside a 小计


def _sheet_adoptions(
    name: str, sheet: Sheet, header_at: int, columns: dict[str, int], units: UnitTable, year: int | None,
    places: set[str], city: str, notes: list[str],
) -> list[Adoption]:
    """The adoptions below the header of one sheet of the register; subtotal lines (1月小计), block headings (一月份)
    and the header again left out, 合计 and 填表人： lines left out as a return's are, named in `notes` when adoptions
    follow them; a heading not plainly one (县市区工信局 alone, any in 信息标题) and filled columns not read named in
    `notes`."""
    rows = sheet.rows
    notes += _unread_columns(name, sheet, header_at, columns)
    own = dict(rows_below(rows, header_at, columns))  # each row's own values, before merges are filled
    blank = {r for r, row in own.items() if _blank(row)}
    fill_merged(rows, sheet.merged, header_at + 1)  # 报送单位 and 信息标题 over one article's rows, a row per level
    adoptions: list[Adoption] = []
    footers: dict[int, str] = {}  # Excel row -> its first cell: the lines left out
    headings: dict[int, str] = {}  # Excel row -> a heading named: 县市区工信局 alone
    for r, row in rows_below(rows, header_at, columns):
        values = {c.key: clean_cell(row.get(c.key)) for c in schema.ADOPTION_COLUMNS}
        if r in blank or _header_again(values):
            continue  # blank but for merged-in values; the header again over a month's rows
        cells = {c: v for c, v in enumerate(rows[r - 1]) if has_text(v)}
        total = _total(own[r])
        if total and (total.group(1) or total.group(2) == "小计"):
            continue  # 1月小计, 一季度合计: a subtotal between the months' rows
        if total or is_note(cells, columns) is True:  # 合计 | 144篇, 填表人：易振波 … 审核：
            footers[r] = clean_cell(next(iter(cells.values())))
            continue
        if (heading := _heading(cells, columns, units)) is not None:
            headings.update({r: heading} if heading else {})  # 一月份 in 报送单位 or 序号: not named
            continue
        adoptions.append(_adoption(r, values, row.get("date"), units, year, places, city, sheet.name))
    if headings:
        notes.append(f"采用登记表 {name}（工作表“{sheet.name}”）第 {'、'.join(map(str, headings))} 行"
                     f"（{'、'.join(f'“{h}”' for h in headings.values())}）只填了一格，是分段标题，未作为采用读取："
                     "如是采用，请按表头逐列填写")  # fmt: skip
    if above := [r for r in footers if adoptions and r < adoptions[-1].row]:
        notes.append(
            f"采用登记表 {name}（工作表“{sheet.name}”）第 {'、'.join(map(str, above))} 行"
            f"（{'、'.join(f'“{footers[r]}”' for r in above)}）是合计或表尾，未作为采用读取，其下的登记照常读取："
            "如是采用，请按表头逐列填写；不是的，请把它们移到所有登记的下方"
        )
    hidden = set(sheet.hidden_rows)
    if shown := [a.row for a in adoptions if a.row - 1 in hidden]:  # a filter left on, or rows hidden to print
        notes.append(f"采用登记表 {name}（工作表“{sheet.name}”）第 {row_runs(shown)} 行是隐藏行（筛选或隐藏），已照常读取："
                     "如不应计入采用，请删除这些行")  # fmt: skip
    return adoptions


# a block's heading in the first columns: 一月份, 2015年2月, 一季度采用情况, 二、市经信委采用, （一）县市区; in 信息标题
# only a short one (一、二月份岳阳县工业经济运行情况 is a title)
_HEADING_CHARS = 10
_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、.+|[(（][一二三四五六七八九十]{1,3}[)）].+|(?=.)((19|20)\d\d年度?)?"
                      r"((\d{1,2}|[一二三四五六七八九十]{1,3})月份?|第?[一二三四1-4]季度|[上下]半年)?(采用|登记|情况)*[:：]?")


def _header_again(values: dict[str, str]) -> bool:
    """A row naming 报送单位 and 信息标题 in their columns, or only headers (the lower row of two: 采用级别 | 采用形式)."""
    said = [v for v in values.values() if v]
    key = [_ADOPTION_HEADERS.get(_header_key(v)) for v in (values["unit"], values["title"], *said)]
    return key[:2] == ["unit", "title"] or len(said) > 1 and all(key[2:])


def _heading(cells: dict[int, object], columns: dict[str, int], units: UnitTable) -> str | None:
    """A row of one cell, in or left of the 报送单位 and 信息标题 columns, that is a block's heading: "" for one plainly
    so left of 信息标题 (一月份), its text for one to name (县市区工信局: no unit's name; 二、市经信委采用 in 信息标题,
    where a title could be); None for a registration (a unit's name, or a title, alone; more than one cell)."""
    (c, value), *more = cells.items() or [(-1, None)]
    text = squash(clean_cell(value))
    if more or not text or c > max(columns["unit"], columns["title"]):
        return None
    if c == columns["title"]:
        return text if len(text) <= _HEADING_CHARS and _HEADING.fullmatch(text) else None
    return "" if _HEADING.fullmatch(text) else None if units.named(text) else text


def _unread_columns(name: str, sheet: Sheet, header_at: int, columns: dict[str, int]) -> list[str]:
    """A line naming the filled columns whose header is none of the register's (序号 aside) when a column of it
    other than 备注 is not found (批示意见 for 领导批示); [] when none."""
    missing = [c.name for c in schema.ADOPTION_COLUMNS if c.key not in columns]
    if missing in ([], [schema.ADOPTION_COLUMNS[-1].name]):
        return []
    rows, seq = sheet.rows, schema.COLUMNS_BY_KEY["seq"]
    two = header_at > 0 and any(_ADOPTION_HEADERS.get(_header_key(v)) for v in rows[header_at - 1])  # 采用情况 over its parts
    unread = []
    for c in sorted(set(range(max(map(len, rows[header_at:])))) - set(columns.values())):
        header = next((h for r in (header_at, header_at - 1)[: 1 + two] if c < len(rows[r]) and (h := _text(rows[r][c]))), "")
        filled = any(c < len(row) and has_text(row[c]) for row in rows[header_at + 1 :])
        if filled and header and _header_key(header) not in map(_header_key, (seq.name, *seq.aliases)):
            unread.append(f"{column_letter(c)} 列“{header}”")
    return [
        f"采用登记表 {name}（工作表“{sheet.name}”）{'、'.join(unread)}没有读取：如是{_either(missing)}，"
        f"请把表头改为{_either([f'“{m}”' for m in missing])}"
    ] if unread else []


def _either(items: list[str]) -> str:
    """a, a或b, a、b或c."""
    return f"{'、'.join(items[:-1])}或{items[-1]}" if len(items) > 1 else items[0]


def _total(row: dict[str, object]) -> re.Match[str] | None:
    """A row's own 报送单位 a total label (1月小计, 合计); or, no 报送单位 of its own, its 信息标题 one and no level, form or
    outlet of its own but a count (merged 岳阳县 | 小计 | 2篇): 全市用电量合计 with its unit or level is a title."""
    unit, title, *said = (squash(clean_cell(row.get(k))) for k in ("unit", "title", "level", "form", "outlet"))
    if unit or any(v and not _COUNT.fullmatch(v) for v in said):
        return _TOTAL.fullmatch(unit)
    return _TOTAL.fullmatch(title)


def _blank(row: dict[str, object]) -> bool:
    """A row with no value of its own but a 采用日期, a 备注 or a 领导批示 of 无 (the drop-down default dragged down)."""
    said = (clean_cell(row.get(k)) for k in ("unit", "title", "level", "form", "outlet"))
    return not any(said) and normalize_instruction(clean_cell(row.get("instruction"))) == NO_INSTRUCTION


_WRAPPED, _TWO_WORDS = re.compile(r"\s*[\r\n]\s*"), re.compile(r"\w\w", re.ASCII)


def _one_line(text: str) -> str:
    """A title wrapped by hand on one line: the break dropped, a space kept between two words (Made in⏎Yueyang)."""
    def joined(m: re.Match[str]) -> str:
        return " " if _TWO_WORDS.fullmatch(text[max(m.start() - 1, 0) : m.start()] + text[m.end() : m.end() + 1]) else ""

    return _WRAPPED.sub(joined, text)


def _adoption(
    r: int, values: dict[str, str], raw_date: object, units: UnitTable, year: int | None, places: set[str], city: str,
    sheet: str,
) -> Adoption:
    problems: list[str] = []
    named = units.named(values["unit"])  # as a return's 报送单位 is read: 岳阳县工信局（盖章）
    unit = named[0] if len(named) == 1 else None
    if not values["unit"]:
        problems.append("缺少报送单位")
    elif len(named) > 1:
        problems.append(f"报送单位“{values['unit']}”中有 {len(named)} 个单位（{'、'.join(u.name for u in named)}）：请只填报送该稿件的单位")
    elif unit is None:
        near = f"：改为“{found.name}”，或在任务分配表“别名”列补上" if (found := _near_unit(values["unit"], units)) else ""
        problems.append(f"报送单位“{values['unit']}”不在任务分配表中{near}")
    if not values["title"]:
        problems.append("缺少信息标题")
    level_text, level_said = split_instruction(values["level"], schema.ADOPTION_LEVELS)
    form_text, form_said = split_instruction(values["form"], schema.ADOPTION_FORMS)
    level = normalize_level(level_text or ("" if level_said else values["outlet"]), places, city)  # blank: the outlet's
    form = normalize_form(form_text)
    for label, key, found in (("采用级别", "level", level), ("采用形式", "form", form)):
        other = other_city(values[key], city) if key == "level" else ""  # 长沙市人民政府, 临湘市委: not 岳阳市's
        if found is None and (values[key] or not values["title"]):  # blank: said once by the matcher (缺少…)
            said = f"是县级（{other}）的单位，不是市级" if other in places else f"是{other}的单位，不是{city}的"
            said = said if other else "无法识别"  # which skips no title
            problems.append(f"{label}“{values[key]}”{said}" if values[key] else f"缺少{label}")
    instruction = normalize_instruction(values["instruction"], places)
    if instruction is None:
        problems.append(f"领导批示“{values['instruction']}”无法识别，请填写无、市级、省级或国家级（改正前不计批示奖励）")
    for label, found, said in (("采用级别", level, level_said), ("采用形式", form, form_said)):  # 全文采用（市委书记批示）
        read = normalize_instruction(said, places) if found and said else NO_INSTRUCTION
        if read in (NO_INSTRUCTION, instruction) or read is None and instruction != NO_INSTRUCTION:
            continue  # none, the same as 领导批示's, or of no known level beside a 领导批示 that is paid
        if read is None:
            problems.append(f"{label}中的领导批示“{said}”无法识别，未计批示奖励：请在“领导批示”列填写市级、省级或国家级")
        elif instruction == NO_INSTRUCTION:
            instruction = read
            problems.append(f"领导批示“{said}”填在了{label}列，已按{read}批示计，应填在“领导批示”列")
        else:
            problems.append(f"{label}中的领导批示“{said}”（{read}）与“领导批示”列的“{values['instruction']}”不一致，"
                            "已按“领导批示”列计：如有误请改正")  # fmt: skip
    parsed = parse_date(raw_date, year)
    date = parsed.date if parsed.has_year else None  # 1月8日: of which year is a guess
    if raw_date not in (None, "") and date is None:
        problems.append(f"采用日期“{clean_cell(raw_date)}”" + ("没有写年份" if parsed.value else "无法识别"))
    return Adoption(
        row=r,
        unit=values["unit"],
        title=_one_line(values["title"]),
        outlet=values["outlet"],
        level=level or values["level"],
        date=date,
        form=form or values["form"],
        instruction=instruction or values["instruction"],
        note=values["note"],
        unit_name=unit.name if unit else "",
        title_key=normalize_title(values["title"]),
        problem="；".join(problems),
        sheet=sheet,
        date_text=clean_cell(raw_date) if date is None else "",
    )


def _near_unit(typed: str, units: UnitTable) -> Unit | None:
    """The one unit a short name not in the quota table clearly means (湘阴工信局, 平江, 南湖区工信局): its name or an
    alias, 工信局 aside, close (rapidfuzz, as the titles) and no other unit's near."""
    from rapidfuzz import fuzz  # only a unit name that resolves to none needs it

    typed = strip_suffix(squash(typed))
    score = {u.name: max(fuzz.ratio(typed, key) for key in unit_keys(u)) for u in units}
    best, second = [*sorted(score.values(), reverse=True), 0, 0][:2]
    return next(u for u in units if score[u.name] == best) if best >= 70 and second < 50 else None


# --- the reward schedule ------------------------------------------------------------------------------


def _unknown_row(where: str, r: int, label: str, what: str, valid: tuple[str, ...]) -> str:
    """A row of the schedule whose label is none of `valid` (新华社内参, 县级, 委领导): not read, named."""
    return (f"{where}第 {r + 1} 行“{label}”不是已知的{what}，未读取：{what}只能是{'、'.join(valid)}；"
            f"如是其中之一，请把“{label}”改为它的名称，否则删去这一行")  # fmt: skip


_NOTE = ("注", "说明", "备注")  # a note row under a table of the 奖励标准 (注 | 金额为税前): no level


def read_reward_schedule(path: Path, *, default_policy: str = schema.REWARD_POLICY_HIGHEST) -> RewardSchedule:
    """The 奖励标准 sheet, found by its labels (采用级别, 领导批示, 计奖方式), wherever the rows are."""
    sheet = own_book(path, "奖励标准").sheet(schema.REWARD_SHEET)
    rows, where = sheet.rows, f"{'' if '奖励标准' in path.name else '奖励标准 '}{path.name}（工作表“{sheet.name}”）"
    grid = [[_text(v) for v in row] for row in rows]

    def locate(label: str) -> tuple[int, int] | None:
        cells = ((r, c) for r, row in enumerate(grid) for c, value in enumerate(row) if value == label)
        return next(cells, None)

    blank: list[str] = []  # the amount cells left empty, read as 0 元

    def cell(r: int, c: int) -> object:
        return rows[r][c] if c < len(rows[r]) else None

    def number(r: int, c: int, what: str) -> float:
        value = cell(r, c)
        if not squash(clean_cell(value)):  # empty, or only spaces
            blank.extend([f"{path.name} {column_letter(c)}{r + 1}（{what}）没有填金额，按 0 元计：如不是 0 元请补填"] if what else [])
            return 0.0
        text = squash(str(value)).replace(",", "").removesuffix("元").lstrip("¥")  # ￥300, 300元 (squash: NFKC)
        with contextlib.suppress(ValueError):
            amount = float(text)
            if math.isfinite(amount) and amount >= 0:  # float() also takes nan, inf, 1E+309
                return amount
        raise ConfigError(f"{where}{column_letter(c)}{r + 1}“{clean_cell(value)}”不是金额：请填写不小于 0 的数字（元）")

    level_at = locate("采用级别")
    if level_at is None:
        raise ConfigError(f"{where}找不到“采用级别”表头：请保留模板中“采用级别 / 全文采用 / 部分采用 / 综合采用”一行")
    hr, hc = level_at
    heads = [_header_key(v) for v in grid[hr]]  # 全文采用（元）
    for form in schema.ADOPTION_FORMS:
        if form not in heads:
            raise ConfigError(f"{where}第 {hr + 1} 行缺少“{form}”列：请保留模板的表头")
    form_cols = {form: heads.index(form) for form in schema.ADOPTION_FORMS}
    amounts: dict[tuple[str, str], float] = {}
    unknown: list[str] = []
    for r in range(hr + 1, len(grid)):
        label = grid[r][hc] if hc < len(grid[r]) else ""
        if not label or label.startswith(_NOTE):
            continue
        level = normalize_level(label)
        if level is None:  # 新华社内参 or 县级 inserted: named, the rows below read
            if _header_key(label) in ("领导批示", "计奖方式") or not any(has_text(cell(r, c)) for c in form_cols.values()):
                break  # the table's end: the next table, or a note below it
            unknown.append(_unknown_row(where, r, label, "采用级别", schema.ADOPTION_LEVELS))
            continue
        for form, c in form_cols.items():
            if (level, form) not in amounts:
                amounts[level, form] = number(r, c, f"{level} {form}")
    first_form = schema.ADOPTION_FORMS[0]
    problems = unknown + [f"{where}没有“{level}”一行，按 0 元计" for level in schema.ADOPTION_LEVELS if (level, first_form) not in amounts]

    bonus: dict[str, float] = {}
    bonus_at = locate("领导批示")
    if bonus_at is None:
        problems.append(f"{where}找不到“领导批示”加奖表，批示不加奖")
    else:
        br, bc = bonus_at
        heads = [_header_key(v) for v in grid[br]]
        amount_col = heads.index("加奖金额") if "加奖金额" in heads else bc + 1
        for r in range(br + 1, len(grid)):
            label = grid[r][bc] if bc < len(grid[r]) else ""
            if not label:
                if bonus:
                    break
                continue
            if label.startswith(_NOTE):
                continue
            instruction = normalize_instruction(label)
            if instruction not in schema.INSTRUCTION_LEVELS:  # 委领导 inserted: named, the rows below read
                if _header_key(label) == "计奖方式" or not has_text(cell(r, amount_col)):
                    break  # the table's end: the policy, or a note below it
                problems.append(_unknown_row(where, r, label, "领导批示级别", schema.INSTRUCTION_LEVELS))
                continue
            if instruction not in bonus:  # 无 left blank: no bonus, as it says
                bonus[instruction] = number(r, amount_col, "" if instruction == NO_INSTRUCTION else f"{instruction}领导批示 加奖金额")
        problems += [f"{where}“领导批示”加奖表中没有“{level}”一行，{level}批示不加奖" for level in schema.INSTRUCTION_LEVELS[1:]
                     if level not in bonus]  # fmt: skip
    bonus.setdefault(NO_INSTRUCTION, 0.0)
    problems += blank

    policy = default_policy
    policy_at = locate("计奖方式")
    value = next((v for v in grid[policy_at[0]][policy_at[1] + 1 :] if v), "") if policy_at else ""
    highest, cumulative = schema.REWARD_POLICY_HIGHEST, schema.REWARD_POLICY_CUMULATIVE
    rest = re.sub("(?:非|不(?:予|得|重复|可|能|再)?)累计", "", value)  # 不累计, 不予累计: no 累计 (不封顶累计 is)
    said = {p for p, named in ((highest, "最高" in value or rest != value), (cumulative, cumulative in rest)) if named}
    if re.search("不[^，,；;。]{1,3}累计", re.sub("不(?:封顶|分级|设上限)累计", "", rest)):  # 不作累计: no guess
        said = {highest, cumulative}
    if len(said) == 1:
        policy = said.pop()
    elif value:  # neither, or both (最高级别累计): which is meant is the coordinator's to say
        raise ConfigError(f"{where}第 {policy_at[0] + 1} 行“计奖方式”为“{value}”：请填写“{highest}”或“{cumulative}”")
    if policy != default_policy != highest:  # the sheet wins; a settings policy set otherwise than init's is named
        problems.append(
            f"{path.name}（工作表“{sheet.name}”）的计奖方式是“{policy}”，xlflow.toml 的 [rewards] policy 却是“{default_policy}”：按奖励标准计奖；"
            f"要按“{default_policy}”计，请把奖励标准中的计奖方式改为“{default_policy}”，否则把 xlflow.toml 中的 policy 改为“{policy}”"
        )
    # the amounts and bonuses init wrote, whatever the locked title still says
    example = amounts == EXAMPLE_SCHEDULE.amounts and bonus == EXAMPLE_SCHEDULE.bonus
    return RewardSchedule(amounts=amounts, bonus=bonus, policy=policy, example=example, problems=tuple(problems))
