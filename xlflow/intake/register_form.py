"""Reading a returned register form (通讯员登记表, 附件二), every sheet, in whatever shape it came: the form
`xlflow templates` writes, by its defined names (reg_name …); the same form without them (WPS, LibreOffice, or
retyped), by its printed labels (姓 名, 出 生\\n年 月 …); or a plain list, one row per person."""

from __future__ import annotations

import re
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from xlflow.checks.register import PLACEHOLDERS, check_record
from xlflow.core.errors import InputFileError
from xlflow.core.model import METHOD_LABELS, METHOD_LIST, METHOD_NAMES, Correspondent, Finding, RegisterRecord
from xlflow.core.schema import REGISTER_FIELDS
from xlflow.core.text import clean_cell, display_name, nfkc, squash
from xlflow.core.units import UnitTable
from xlflow.intake.returns import file_version
from xlflow.intake.returns_header import find_header
from xlflow.intake.workbook import Limits, first_header, open_book, rows_below
from xlflow.settings import Settings

# What people write instead of the printed label, besides the label itself (compared after squash, lower-case).
LABEL_ALIASES: dict[str, tuple[str, ...]] = {
    "unit": ("科室", "单位", "单位名称", "科室名称", "报送单位", "所在单位", "工作单位", "所在科室", "部门", "单位(科室)"),
    "name": ("通讯员", "通讯员姓名", "联系人"),
    "birth": ("出生日期", "出生年月日", "生日"),
    "major": ("专业",),
    "education": ("文化程度", "最高学历"),
    "address": ("地址", "联系地址", "通信地址", "单位地址"),
    "phone": ("办公电话", "座机", "电话", "联系电话", "固话", "电话号码"),
    "fax": ("传真号码", "传真电话", "传真号"),
    "mobile": ("手机", "手机号", "手机号码", "移动电话号码"),
    "email": ("电子邮箱", "电子邮件", "e-mail", "email", "邮件", "电子信箱", "信箱", "邮箱地址"),
    "resume": ("工作简历", "简历", "个人简历", "本人简历"),
    "recommendation": ("推荐意见", "单位意见"),
    "sign_date": ("填表日期", "填报日期", "报送日期"),
}

# what only the register form asks (a return may carry 手机, 邮箱 in a contact line above its table)
_PERSONAL = {"gender", "birth", "hometown", "education", "major", "resume", "recommendation"}
RETURN_METHOD = "每月信息报送登记表"  # a sheet with a monthly return's header: not a register form
_MAX_BYTES = 20 * 1024 * 1024  # a register form is a few kB; anything this big is not one
_MAX_ROWS = 2000  # rows read of each sheet: a list of 34 people, or a one-page form
_MAX_COLS = 60


def _label_key(text: str) -> str:
    return squash(text).lstrip("*＊").rstrip(":：").lower()


_LABELS = {_label_key(text): f.key for f in REGISTER_FIELDS for text in (f.label, *LABEL_ALIASES.get(f.key, ()))}


def label_of(value: object) -> tuple[str, str] | None:
    """(field key, value written after the label) when a cell holds a label: '出 生\\n年 月', '姓名：张三'."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > 60:
        return None
    if key := _LABELS.get(_label_key(text)):
        return key, ""
    head, colon, tail = nfkc(text).partition(":")
    key = _LABELS.get(_label_key(head)) if colon else None
    return (key, tail.strip()) if key else None


Found = dict[str, tuple[object, str]]  # field key -> (value, A1 reference)


def _scan_form(rows: list[list[object]]) -> Found:
    """Field key -> (value, A1) by the printed labels: the next non-empty cell to the right unless it is a
    label; for a label alone on its line (工作简历 above its text), the cell below."""
    found: Found = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            hit = label_of(value)
            if hit is None or hit[0] in found:
                continue
            key, inline = hit
            if inline:
                if not inline.startswith("请"):  # 姓名：张三, not 姓名：请填写… in a help text
                    found[key] = (inline, xl_rowcol_to_cell(r, c))
                continue
            after = next((c2 for c2 in range(c + 1, len(row)) if clean_cell(row[c2])), None)
            if after is not None:
                if label_of(row[after]) is None:
                    found[key] = (row[after], xl_rowcol_to_cell(r, after))
            elif not any(clean_cell(v) for i, v in enumerate(row) if i != c):
                below = rows[r + 1][c] if r + 1 < len(rows) and c < len(rows[r + 1]) else None
                if clean_cell(below) and label_of(below) is None:
                    found[key] = (below, xl_rowcol_to_cell(r + 1, c))
    if "sign_date" not in found:  # the form's date line carries no label: 2015年2月25日 under (盖章)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str) and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", squash(value)):
                    found["sign_date"] = (value, xl_rowcol_to_cell(r, c))
    return found


def _field_of(value: object) -> str | None:
    """The field a cell labels, unless its text after the label is a help text (姓名：请填写…)."""
    hit = label_of(value)
    return hit[0] if hit and not hit[1].startswith("请") else None


def _records_of_sheet(sheet: str, rows: list[list[object]], named: Found) -> tuple[list[RegisterRecord], str]:
    """The people on one sheet and how they were read ('' when the sheet holds neither form nor list); `named`
    holds the cells the form's defined names point at."""
    header = None if named else find_header(rows)  # a monthly return's: its 报送单位, 报送日期 and 通讯员 cells are no
    above = rows[: header.first_row] if header else []  # registration; a form names a birth, a phone … above any table
    if header is not None and not {key for row in above for v in row if (key := _field_of(v))} & _PERSONAL:
        return [], RETURN_METHOD
    labelled = sum(any(_field_of(v) for v in row) for row in rows)
    if named or labelled >= 3:
        found = _scan_form(rows)
        found.update({key: hit for key, hit in named.items() if clean_cell(hit[0]) != "" or key not in found})
        method = METHOD_NAMES if named else METHOD_LABELS
        values = {k: v for k, (v, _) in found.items()}
        cells = {k: ref for k, (_, ref) in found.items()}
        return [RegisterRecord(values, cells, sheet, None, method)], method
    header = first_header(rows, _field_of, ("name",), at_least=3)
    if header is None:
        return [], ""
    records = []
    for number, values in rows_below(rows, *header):
        if any(clean_cell(v) for v in values.values()):
            cells = {k: xl_rowcol_to_cell(number - 1, c) for k, c in header[1].items()}
            records.append(RegisterRecord(values, cells, sheet, number, METHOD_LIST))
    return records, METHOD_LIST


def _read_sheets(path: Path, name: str) -> tuple[list[tuple[list[RegisterRecord], str]], float]:
    """The records of each visible sheet and of a hidden one holding the form's defined names (and how they
    were read), and the file's modification time."""
    try:  # a Word file, a PDF, a photo is named by its bytes (sniff)
        book = open_book(path, name=name, limits=Limits(max_file_bytes=_MAX_BYTES), max_rows=_MAX_ROWS, allow_csv=True)
    except InputFileError as exc:
        raise InputFileError(str(exc).replace("信息报送登记表", "通讯员登记表"), code=exc.code) from exc
    named: dict[str, Found] = {}
    by_name = {sheet.name: sheet for sheet in book.sheets}
    for f in REGISTER_FIELDS:
        for scope, sheet_name, r, c in book.defined_names.get(f.defined_name, []):
            sheet = by_name.get(scope or sheet_name)
            if sheet is None:
                continue
            value = sheet.rows[r][c] if r < len(sheet.rows) and c < len(sheet.rows[r]) else None
            named.setdefault(sheet.name, {}).setdefault(f.key, (value, xl_rowcol_to_cell(r, c)))
    sheets = [
        _records_of_sheet(sheet.name, [row[:_MAX_COLS] for row in sheet.rows], named.get(sheet.name, {}))
        for sheet in book.sheets
        if not sheet.chart and (sheet.visible or sheet.name in named)
    ]
    return sheets, book.mtime


def read_register_file(
    path: Path, units: UnitTable, settings: Settings, *, name: str = ""
) -> tuple[list[Correspondent], list[Finding]]:
    """The people in one returned file who can be registered, and the findings of those who cannot (no 姓名, an
    unknown unit); InputFileError when the file cannot be used at all (not a workbook, blank, no form)."""
    shown = name or display_name(path.name)
    sheets, mtime = _read_sheets(path, shown)
    people: list[Correspondent] = []
    findings: list[Finding] = []
    version = file_version(shown)
    for records, method in sheets:
        for record in records:
            if method != METHOD_LIST and _is_blank_form(record):
                continue
            person, problems = check_record(record, shown, mtime, units, settings)
            if person is None:
                findings.extend(problems)
            else:
                person.version = version
                people.append(person)
    if not people and not findings:
        if any(method == RETURN_METHOD for _, method in sheets) and all(method in ("", RETURN_METHOD) for _, method in sheets):
            raise InputFileError(
                f"{shown}：这是每月的信息报送登记表，不是通讯员登记表（附件二）：它由 xlflow consolidate 汇总；"
                "通讯员登记表请用登记表模板填写", code="F5"
            )
        if any(method for _, method in sheets):
            raise InputFileError(f"{shown}：登记表是空白的，请填写后重新报送", code="F9")
        raise InputFileError(
            f"{shown}：找不到通讯员登记表的内容（没有“姓名”“性别”“移动电话”等栏目），请用登记表模板填写", code="F5"
        )
    return people, findings


def _is_blank_form(record: RegisterRecord) -> bool:
    """Nothing filled in but the unit, the date and the form's placeholders ((盖章), 年月日)."""
    filled = [v for k, v in record.values.items() if k not in ("unit", "sign_date") and clean_cell(v) != ""]
    return all(isinstance(v, str) and PLACEHOLDERS.match(squash(v)) for v in filled)
