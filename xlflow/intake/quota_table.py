"""The quota table (信息任务分配表) read back: the units, their kinds, quotas and aliases, as the coordinator keeps them."""

from __future__ import annotations

import re
from pathlib import Path

from xlflow.core import schema
from xlflow.core.errors import ConfigError, WorkspaceError
from xlflow.core.text import clean_cell, column_letter, listing, nfkc, parse_int, row_runs, squash
from xlflow.core.units import Unit, UnitTable, unit_keys
from xlflow.intake.returns_rows import fill_merged
from xlflow.intake.workbook import Sheet, first_header, own_book, rows_below


def _key(value: object) -> str:
    """A header cell as compared: no whitespace, no trailing （条） or （必填）."""
    return re.sub(r"[(（][^)）]*[)）]$", "", squash(clean_cell(value)))


def _word(value: object) -> str:
    """A unit's name as read: an Alt+Enter line break or a space typed in it is no part of it."""
    return "".join(clean_cell(value).split())


_ALIAS_SPLIT = re.compile(r"[;；,，、/|\n]+")
_DASH = re.compile(r"[-‐‑‒–—―−─/]*")  # squashed: -, —, ——, –, ／ or blank: no monthly task (assessed by the quarter)
# typed for "none", once brackets and punctuation are gone: （无）, 无别名。, —无—, N/A, none, 0, ×, 不详, 待定, 同上
_NO_ALIAS = re.compile(r"(无|没有|暂无|尚无|暂缺|暂未|未设置?|不设|无此项|〇|缺|空|空白|略|否|不详|未知|不适用|待定|未定|待补|同上|"
                       r"na|none|null|nil|0+)?(别名|简称|别称)?")
# a row of the table that is no unit, by its 单位名称 squashed: 合计, 县市区工信局小计, 注：…, 说明：…
_NOT_A_UNIT = re.compile(r".{0,10}((?P<sub>小计)|(?P<total>合计|总计|共计))([:\d(].*)?|(?P<note>(附?注|备注|说明|填表说明)\d*:|注\d).*")
# with no 单位类别: a sign-off (填表人：张三, 制表：综合法规科) or a date under the table
_SIGN_OFF = re.compile(r"(填表人?|填报人?|制表人?|审核人?|审批人?|负责人|联系人|联系电话|电话|日期|[填制报]表日期)\d*:.*|"
                       r"\d{4}(年\d{1,2}月(\d{1,2}日)?|[-./]\d{1,2}[-./]\d{1,2})")
_NUMBERING = re.compile(r"^[(]?([一二三四五六七八九十]+|\d+)[)、.]?|[(][^)]*[)]$")  # 一、 (二) 3. … (12个)
_KINDS = {re.sub(r"[\W_]+", "", kind): kind for kind in schema.UNIT_KINDS}  # the template's dropdown, by its key


def _kind(text: str) -> str | None:
    """The category of the template's dropdown `text` is, typed with other brackets, punctuation or spaces."""
    return _KINDS.get(re.sub(r"[\W_]+", "", nfkc(text)))


def _one_column_each(sheet: Sheet, header_at: int, book_name: str, notes: list[str]) -> dict[str, int]:
    """The column read for each field headed twice (每月任务（调整前） | 每月任务（调整后）): the one not hidden, said;
    ConfigError naming the columns when more than one is shown."""
    header, hidden, chosen = sheet.rows[header_at], set(sheet.hidden_cols), {}
    for key in ("单位名称", "单位类别", "报送对象", "每月任务", "全年任务", "别名"):
        same = [c for c, value in enumerate(header) if _key(value) == key]
        shown = [c for c in same if c not in hidden] or same
        said = {c: f"{column_letter(c)} 列“{clean_cell(header[c])}”" for c in same}
        if len(shown) > 1:
            raise ConfigError(f"任务分配表 {book_name} {'和 '.join(said[c] for c in shown)}都是{key}：请删掉不用的一列（或把它的表头改掉）后重新运行")
        if len(same) > 1:
            chosen[key] = shown[0]
            notes.append(f"任务分配表 {book_name} 的{key}读取的是 {said[shown[0]]}，隐藏的 {'、'.join(said[c] for c in same if c in hidden)}未读取")
    return chosen


def _no_alias(text: str) -> bool:
    return bool(_NO_ALIAS.fullmatch(re.sub(r"[\W_]+", "", squash(text).casefold())))


def read_quota_workbook(path: Path) -> UnitTable:
    """The units of the 信息任务分配表 in table order; ConfigError naming the bad cell."""
    if not path.is_file():
        raise WorkspaceError(  # not init --force: it also rewrites the settings, 采用登记表 and 奖励标准
            f"找不到任务分配表 {path}：如果改了名或移走了，请放回工作区并改名为 {path.name}；要重新生成通知附件一的那一份，"
            f"运行 xlflow templates --out 模板，再把其中的 quota_template.xlsx 复制到工作区、改名为 {path.name}"
            "（采用登记表、奖励标准和台账都不动）"
        )
    book = own_book(path, "任务分配表")
    headers = {s.name: first_header(s.rows[:20], _key, ("单位名称",)) for s in book.sheets}
    with_header = sorted((s for s in book.sheets if headers[s.name]), key=lambda s: not s.visible)  # hidden: a backup
    named = [s for s in with_header if s.name == schema.QUOTA_SHEET and s.visible]  # else the first visible one
    sheet = next(iter(named + with_header), None) or book.sheet(schema.QUOTA_SHEET)
    header_at, columns = headers.get(sheet.name) or (0, {})
    missing = [h for h in ("单位名称", "单位类别", "每月任务", "全年任务") if h not in columns]
    if missing:
        raise ConfigError(f"任务分配表 {path.name}（工作表“{sheet.name}”）缺少表头 {'、'.join(missing)}：请保留模板的表头行")
    others = [f"“{s.name}”{'' if s.visible else '（已隐藏）'}" for s in with_header if s is not sheet]
    book_name = path.name if sheet.name == schema.QUOTA_SHEET else f"{path.name}（工作表“{sheet.name}”）"
    notes: list[str] = [
        f"任务分配表 {path.name} 读取的是工作表“{sheet.name}”，工作表{'、'.join(others)}也有“单位名称”表头，未读取："
        f"如要按其中的单位和任务考核，请把它的内容复制到“{sheet.name}”中"
    ] if others else []  # fmt: skip
    columns.update(_one_column_each(sheet, header_at, book_name, notes))
    # 单位类别 (报送对象, a task) merged over a group, as the notice lays it out; not a name made tall by merging
    shared = {columns.get(h) for h in ("单位类别", "报送对象", "每月任务", "全年任务")}
    fill_merged(sheet.rows, [m for m in sheet.merged if m[1] in shared], header_at + 1)
    units: list[Unit] = []
    seen: set[str] = set()
    claimed: dict[str, tuple[int, Unit, str]] = {}  # a key a unit is found by -> its row, unit, name or alias
    cells: dict[int, str] = {}  # row -> its 别名 cell as typed
    hidden = set(sheet.hidden_rows)  # 0-based
    hidden_units: dict[int, str] = {}  # row -> name of a unit in a hidden row
    other_kinds: dict[str, dict[int, str]] = {}  # a 单位类别 not of the dropdown -> row -> unit
    for r, row in rows_below(sheet.rows, header_at, columns):
        name = _word(row["单位名称"])
        if not name:
            continue
        where = f"任务分配表 {book_name} 第 {r} 行（{name}）"
        if said := _NOT_A_UNIT.fullmatch(squash(name)):
            what = "小计行" if said["sub"] else "合计行" if said["total"] else "说明行"
            notes.append(f"{where}是{what}，未作为单位读取")
            continue
        kind = clean_cell(row["单位类别"])
        heading = not kind and not any(clean_cell(row[h]) for h in ("每月任务", "全年任务")) and _kind(_NUMBERING.sub("", squash(name)))
        if not kind and (heading or _SIGN_OFF.fullmatch(squash(name))):  # a group's title (综合法规科 above the unit too)
            notes.append(f"{where}是{'分组标题行' if heading else '落款行'}，未作为单位读取")
            continue
        if squash(name) in seen:
            raise ConfigError(f"{where}：单位名称重复，请删除重复的一行")
        seen.add(squash(name))
        if not kind:
            raise ConfigError(f"{where}：“单位类别”为空，请从下拉列表选择")
        if (kind := _kind(kind) or kind) not in schema.UNIT_KINDS:  # 县（市）区工信局 read as 县市区工信局; 委业务科: its own
            other_kinds.setdefault(kind, {})[r] = name  # group and 小计 in the 通报, said
        monthly_raw = clean_cell(row["每月任务"])
        no_monthly = bool(_DASH.fullmatch(squash(monthly_raw)))
        monthly = None if no_monthly else parse_int(monthly_raw)
        if not no_monthly and monthly is None:
            raise ConfigError(f"{where}：“每月任务”填的“{monthly_raw}”不是不小于 0 的整数：请填整数；按季度考核的单位（只有全年任务）填“-”")
        annual_cell = row["全年任务"]
        if isinstance(annual_cell, float) and abs(annual_cell - round(annual_cell)) < 1e-6:
            annual_cell = round(annual_cell)  # a formula's 48.00000000000001, shown as 48
        annual_raw = squash(clean_cell(annual_cell))  # 6.5 as "6.5": not a whole number; "\u200b" as blank
        blank = bool(_DASH.fullmatch(annual_raw))
        annual = monthly * 12 if blank and monthly is not None else parse_int(annual_raw)
        if annual is None and blank:
            raise ConfigError(f"{where}：“全年任务”为空：按季度考核的单位（每月任务填“-”）须填全年任务（整数）")
        if annual is None:
            raise ConfigError(f"{where}：“全年任务”填的“{annual_raw}”不是不小于 0 的整数：请填整数；"
                              "按月考核的单位可留空（按每月任务 × 12 计）")
        if not monthly_raw:  # blank, not the "-" of a quarterly unit (the table's note): the kind the annual allows, said
            monthly = annual // 12 if annual % 12 == 0 else None
            how = f"读作每月 {monthly} 条、按月考核" if monthly is not None else f"按季度考核（每季度 {annual / 4:g} 条）"
            notes.append(f"{where}的“每月任务”是空的，按全年任务 {annual} 条{how}：按月考核的单位请填每月任务，按季度考核的单位请填“-”")
        cells[r] = clean_cell(row.get("别名"))  # the whole cell first: N/A is not N and A
        spaced = [part.strip() for part in _ALIAS_SPLIT.split(cells[r]) if len(part.split()) > 1]
        parts = ("".join(part.split()) for part in _ALIAS_SPLIT.split(cells[r]))  # 临湘市 工信局: one alias
        aliases = () if _no_alias(cells[r]) else tuple(a for a in parts if a and not _no_alias(a))
        target, note = clean_cell(row.get("报送对象")), clean_cell(row.get("备注"))
        unit = Unit(seq=len(units) + 1, name=name, kind=kind, target=target, monthly=monthly, annual=annual, aliases=aliases, note=note)
        for key, typed in unit_keys(unit).items():
            if (first := claimed.setdefault(key, (r, unit, typed)))[1] is not unit:
                raise ConfigError(_clash(path, cells, first, (r, unit, typed)))
        units.append(unit)
        if spaced and not _no_alias(cells[r]):  # 监测站 能源监测站: one alias too, said
            notes.append(f"{where}的别名“{'”“'.join(spaced)}”中有空格，按一个别名读取：如是几个别名，请用“；”或“、”隔开")
        if r - 1 in hidden:  # a filter left on, or a unit no longer assessed hidden instead of deleted
            hidden_units[r] = name
    if not units:
        raise ConfigError(f"任务分配表 {book_name} 没有任何单位：请在表头下逐行填写单位")
    if hidden_units:  # one line, however many a filter hides
        names = listing(list(hidden_units.values()), 5, "个单位")
        notes.append(f"任务分配表 {book_name} 第 {row_runs(list(hidden_units))} 行（{names}）是隐藏行（隐藏或筛选），仍作为单位读取、"
                     "考核：是筛选的，取消筛选即可；不再考核的单位请删除该行")  # fmt: skip
    for kind, rows in other_kinds.items():
        notes.append(f"任务分配表 {book_name} 第 {row_runs(list(rows))} 行（{listing(list(rows.values()), 5, '个单位')}）的单位类别"
                     f"“{kind}”不是下拉列表中的类别（{'、'.join(schema.UNIT_KINDS)}），通报中单独分组、小计：是其中一类的，请从下拉列表选择")
    return UnitTable(units, notes)


def _clash(path: Path, cells: dict[int, str], *rows: tuple[int, Unit, str]) -> str:
    """Two rows of the quota table by which one name finds two units (row, unit, its name or alias): which to change;
    an alias one of several in its 别名 cell is shown with the cell as typed."""
    aliased = [(r, typed) for r, unit, typed in rows if typed != unit.name]
    said = aliased[0][1] if aliased else rows[1][2]
    cell = {r: f"，别名“{cells[r]}”" for r, typed in aliased if cells[r] != typed}
    where = "和".join(f"第 {r} 行（{unit.name}{cell.get(r, '')}）" for r, unit, _ in rows)
    todo = "请改正其中一行的单位名称" if not aliased else f"请在{'其中一行' if len(aliased) > 1 else f'第 {aliased[0][0]} 行'}的“别名”列删去“{said}”"
    return f"任务分配表 {path.name} {where}都用了名称“{said}”，分不清报来的文件是哪个单位的：{todo}"

