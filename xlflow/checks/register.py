"""Checks on a correspondent's register form (附件二), one person at a time. Pure: no files.

`FIELD_CHECKS` maps a field to its code and its check; `check_record` decides whether the person can be
registered at all (a 姓名 and a known unit). C8 (registered twice) and C9 (late) are compute/roster.py's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xlflow.core.dates import EXCEL_EPOCH, parse_date
from xlflow.core.model import ERROR, METHOD_LIST, WARNING, Correspondent, Finding, RegisterRecord
from xlflow.core.periods import date_label
from xlflow.core.schema import GENDERS, REGISTER_FIELDS
from xlflow.core.text import clean_cell, nfkc, squash
from xlflow.core.units import UnitTable
from xlflow.settings import Settings

REGISTER_RULES: dict[str, str] = {
    "C1": "缺少必填项", "C2": "性别有误", "C3": "出生年月有误", "C4": "手机号有误", "C5": "电话号码有误",
    "C6": "邮箱有误", "C7": "单位不明", "C8": "重复登记", "C9": "迟报", "C10": "信息不全",
}
FIELD_LABEL: dict[str, str] = {f.key: f.label for f in REGISTER_FIELDS}
# blank ones are listed in one note; fax, recommendation and the signing date may well stay blank
EXPECTED_FIELDS: tuple[str, ...] = ("gender", "birth", "major", "education", "hometown", "address", "phone", "email", "resume")
MIN_AGE, MAX_AGE = 18, 70
EMPTY_MARKS = {"", "无", "/", "-", "—", "－", "暂无", "没有", "空", "无传真", "none", "n/a"}
PLACEHOLDERS = re.compile(r"^(?:\(?盖章\)?|\d{4}年月日|年月日|\(单位盖章\)|单位盖章)$")


@dataclass(frozen=True)
class Checked:
    """A value after checking: the text to keep and what to tell the unit when something is wrong."""

    value: str
    problem: str = ""
    severity: str = ERROR


# --- value checks ---------------------------------------------------------------------------------------

_FULLWIDTH = "".join(map(chr, (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))))
_FULLWIDTH_ALNUM = str.maketrans(_FULLWIDTH + "\u3000\u00a0", "".join(chr(ord(c) - 0xFEE0) for c in _FULLWIDTH) + "  ")


def halfwidth(text: str) -> str:
    """Full-width digits and letters to ordinary ones; Chinese punctuation (，：（）) is left as typed."""
    return text.translate(_FULLWIDTH_ALNUM)


def blank(text: str) -> bool:
    """Nothing in it but a mark for nothing (无, /, —, 暂无 …)."""
    return squash(text).lower() in EMPTY_MARKS


def tidy_text(value: object, *, multiline: bool = False) -> str:
    """Stray spaces trimmed, runs of spaces collapsed, full-width digits made ordinary; line breaks kept if asked."""
    text = halfwidth(clean_cell(value).replace("\r\n", "\n").replace("\r", "\n"))
    if multiline:
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
        return "\n".join(line for line in lines if line)
    return re.sub(r"\s+", " ", text).strip()


def tidy_word(value: object) -> str:
    """A short value (name, unit, 性别, 学历, 籍贯): every space removed, full-width digits made ordinary."""
    return re.sub(r"\s+", "", halfwidth(clean_cell(value)))


def check_gender(value: object) -> Checked:
    text = tidy_word(value)
    if blank(text):
        return Checked("")
    text = {"男性": "男", "女性": "女", "m": "男", "f": "女"}.get(text.lower(), text)
    if text in GENDERS:
        return Checked(text)
    return Checked(text, f"性别“{text}”无法识别：请填写“男”或“女”")


_BIRTH_TEXT = re.compile(r"(\d{4})(?:年|[./\-])?(\d{1,2})(?:月份?)?(?:(?:[./\-])?(\d{1,2})[日号]?)?")


def parse_birth(value: object) -> tuple[tuple[int, int] | None, str]:
    """(year, month) of a birth month and, when it needed a guess, a note. 1985.06, 1985年6月, dates, serials."""
    if isinstance(value, dt.datetime | dt.date):
        return (value.year, value.month), ""
    if isinstance(value, bool) or value is None:
        return None, ""
    if isinstance(value, int | float):
        number = float(value)
        if 1900 <= number < 2100:  # typed 1985.06 and Excel kept it as a number
            year, digits = int(number), f"{number:.2f}".split(".")[1]
            if digits == "00":
                return None, "year-only"
            month = int(digits[0]) if digits[1] == "0" else int(digits)
            if digits == "10":  # Excel drops the zero of 1985.10: January or October?
                return (year, 1), f"写成数字 {number:g}，已按 {year}年1月 读取；如是 10 月，请写成文字“{year}年10月”"
            return (year, month), ""
        if 2100 <= number < 2958466:  # an Excel date serial
            stamp = EXCEL_EPOCH + dt.timedelta(days=int(number))
            return (stamp.year, stamp.month), ""
        return None, ""
    text = squash(str(value))
    match = _BIRTH_TEXT.fullmatch(text)
    if match:
        return (int(match[1]), int(match[2])), ""
    if re.fullmatch(r"\d{4}年?", text):
        return None, "year-only"
    return None, ""


def check_birth(value: object, year: int) -> Checked:
    """出生年月 as 1985年6月; a real month and an age of 18–70 in the workspace's year."""
    if isinstance(value, str) and blank(value) or value is None:
        return Checked("")
    typed = tidy_text(value) if not isinstance(value, dt.date) else value.isoformat()
    parsed, note = parse_birth(value)
    if parsed is None:
        if note == "year-only":
            return Checked(typed, f"出生年月“{typed}”只有年份：请写成“1985年6月”的样子，写明月份")
        return Checked(typed, f"出生年月“{typed}”无法识别：请写成“1985年6月”或“1985.06”")
    birth_year, month = parsed
    if not 1 <= month <= 12:
        return Checked(typed, f"出生年月“{typed}”中的月份 {month} 不存在：请改正")
    age = year - birth_year
    text = f"{birth_year}年{month}月"
    if not MIN_AGE <= age <= MAX_AGE:
        return Checked(text, f"出生年月“{typed}”不合常理（到 {year} 年为 {age} 岁）：请核对后改正")
    if note:
        return Checked(text, f"出生年月{note}", WARNING)
    return Checked(text)


_DASHES = str.maketrans({"—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "一": "-"})


def _phone_text(value: object) -> str:  # NFKC (full-width digits, （）), every kind of dash as '-'
    return nfkc(clean_cell(value)).translate(_DASHES).strip()


def check_mobile(value: object) -> Checked:
    """11 digits starting with 1; spaces, dashes, +86 and full-width digits are tidied away."""
    text = _phone_text(value)
    if blank(text):
        return Checked("")
    digits = re.sub(r"[\s\-()]", "", text)
    digits = re.sub(r"^\+?86(?=1\d{10}$)", "", digits)
    if re.fullmatch(r"1\d{10}", digits):
        return Checked(digits)
    if re.fullmatch(r"0\d{9,11}", digits):
        return Checked(text, f"移动电话“{text}”像是固定电话：请在“移动电话”填写 1 开头的 11 位手机号码，固定电话填在“固定电话”")
    count = len(re.sub(r"\D", "", digits))
    if count > 11:
        return Checked(text, f"移动电话“{text}”有 {count} 位数字：只填一个手机号码（1 开头的 11 位数字）")
    return Checked(text, f"移动电话“{text}”不是手机号码：应为 1 开头的 11 位数字（现为 {count} 位）")


def _split_area(digits: str) -> tuple[str, str] | None:
    size = 3 if digits.startswith(("010", "02")) else 4
    area, number = digits[:size], digits[size:]
    return (area, number) if 7 <= len(number) <= 8 else None


def check_landline(value: object, label: str = "固定电话") -> Checked:
    """A number with its area code as 0730-8715396; '0730 8715396' and '(0730)8715396' are rewritten so."""
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    text = _phone_text(value)
    if blank(text):
        return Checked("")
    match = re.search(r"\s*(?:转|分机|ext\.?|-)\s*(\d{1,5})$", text, re.IGNORECASE)
    ext = match[1] if match and len(re.sub(r"\D", "", text[: match.start()])) >= 10 else ""
    body = re.sub(r"\s+", " ", text[: match.start()] if match and ext else text).strip()
    area_number: tuple[str, ...] | None = None
    split = re.fullmatch(r"\((0\d{2,3})\)[ \-]?(\d{7,8})|(0\d{2,3})[ \-]+(\d{7,8})", body)
    digits = re.sub(r"[\s\-()]", "", body)
    if split:
        area_number = tuple(g for g in split.groups() if g)
    elif re.fullmatch(r"0\d{9,11}", digits):
        area_number = _split_area(digits)
    elif numeric and re.fullmatch(r"[2-9]\d{8,10}", digits):
        area_number = _split_area("0" + digits)  # Excel dropped the leading 0 of 07308715396
    if area_number:
        return Checked(f"{area_number[0]}-{area_number[1]}" + (f"-{ext}" if ext else ""))
    if re.fullmatch(r"\d{7,8}", digits):
        return Checked(digits, f"{label}“{text}”没有区号：请加区号，如 0730-{digits}", WARNING)
    if re.fullmatch(r"1\d{10}", digits):
        return Checked(digits, f"{label}“{text}”是手机号码：{label}请填带区号的号码，如 0730-8715396", WARNING)
    return Checked(text, f"{label}“{text}”无法识别：请写成区号加号码，如 0730-8715396")


_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def check_email(value: object) -> Checked:
    text = nfkc(clean_cell(value)).strip()
    if blank(text):
        return Checked("")
    email = re.sub(r"\s+", "", text).replace("。", ".").removeprefix("mailto:").rstrip(".;；,，")
    if _EMAIL.fullmatch(email):
        local, domain = email.rsplit("@", 1)
        return Checked(f"{local}@{domain.lower()}")
    if re.fullmatch(r"[1-9]\d{4,11}", email):
        return Checked(text, f"邮箱“{text}”像是 QQ 号：请写完整的邮箱地址，如 {email}@qq.com")
    return Checked(text, f"邮箱“{text}”不是有效的邮箱地址：请写成 名字@163.com 的样子")


def check_sign_date(value: object, year: int) -> str:
    """The form's 日期 as 2015年2月25日; the printed placeholder (2015年　月　日, 盖章) is blank; anything else (a
    date without a year, a two-digit year far from `year`: 25/2/15) as typed."""
    if isinstance(value, str) and (blank(value) or PLACEHOLDERS.match(squash(value))):
        return ""
    parsed = parse_date(value, year)
    if parsed.value is not None and parsed.has_year:
        return date_label(parsed.value)
    return tidy_text(value)


FIELD_CHECKS: dict[str, tuple[str, Callable[[object, Settings], Checked]]] = {
    "gender": ("C2", lambda value, settings: check_gender(value)),
    "birth": ("C3", lambda value, settings: check_birth(value, settings.year)),
    "mobile": ("C4", lambda value, settings: check_mobile(value)),
    "phone": ("C5", lambda value, settings: check_landline(value, FIELD_LABEL["phone"])),
    "fax": ("C5", lambda value, settings: check_landline(value, FIELD_LABEL["fax"])),
    "email": ("C6", lambda value, settings: check_email(value)),
}


# --- one person -----------------------------------------------------------------------------------------


def check_record(
    record: RegisterRecord, file: str, mtime: float, units: UnitTable, settings: Settings
) -> tuple[Correspondent | None, list[Finding]]:
    """Check and normalise one person's values. None (with the reasons) when the person cannot be registered."""
    raw, cells = record.values, record.cells
    findings: list[Finding] = []
    unit_raw = tidy_text(raw.get("unit"))
    unit = units.resolve(unit_raw) or units.find_in(unit_raw or Path(file).stem)
    unit_name = unit.name if unit else ""

    def say(key: str, code: str, message: str, severity: str = ERROR, ref: str | None = None) -> None:
        ref = cells.get(key, "") if ref is None else ref
        row = record.row if record.row is not None else _row_of(ref)
        findings.append(
            Finding(file, record.sheet, row, FIELD_LABEL.get(key, ""), ref, code, severity, message, unit=unit_name)
        )

    if unit is None and unit_raw:
        say("unit", "C7", f"科室（单位）“{unit_raw}”不在任务分配表中：请按任务分配表的单位名称填写（或在任务分配表“别名”列加上这个写法）")
    elif unit is None:
        say("unit", "C7", "科室（单位）未填写，文件名也看不出是哪个单位：请填写科室（单位）后重新报送")
    elif not unit_raw:
        say("unit", "C1", f"科室（单位）未填写，已按文件名认定为“{unit.name}”：请在登记表中补填", WARNING)
    # a form on a file named for another unit (a colleague's form copied, a file misnamed): which unit it is for
    # cannot be told, and it must not outrank the other unit's own form: neither unit is registered by it
    elif record.method != METHOD_LIST and (named := units.find_in(Path(file).stem, strict=True)) and named != unit:
        unit_name = named.name  # the unit that sent it: listed as having sent a form that could not be registered
        say("unit", "C7", f"文件名是{named.name}，登记表中写的是{unit.name}：请核对（这份登记表两个单位都未采用），由报来的单位改正后重新报送")
        return None, findings
    name = tidy_word(raw.get("name"))
    values = {"unit": unit_name, "name": "" if blank(name) else name}
    if not values["name"]:
        say("name", "C1", "姓名未填写：请填写通讯员姓名后重新报送")
    if unit is None or not values["name"]:
        return None, findings

    checked = {key: check(raw.get(key), settings) for key, (_code, check) in FIELD_CHECKS.items()}
    if not checked["mobile"].value and re.fullmatch(r"1\d{10}", checked["phone"].value):
        checked["mobile"], checked["phone"] = Checked(checked["phone"].value), Checked("")  # 联系电话 holding a mobile
    for key, (code, _check) in FIELD_CHECKS.items():
        values[key] = checked[key].value
        if checked[key].problem:
            say(key, code, checked[key].problem, checked[key].severity)

    for key in ("major", "education", "hometown"):
        text = tidy_word(raw.get(key))
        values[key] = "" if blank(text) else text
    for key in ("address", "resume", "recommendation"):
        text = tidy_text(raw.get(key), multiline=key != "address")
        values[key] = "" if blank(text) or PLACEHOLDERS.match(squash(text)) else text
    values["sign_date"] = check_sign_date(raw.get("sign_date"), settings.year)

    if not values["mobile"] and not checked["mobile"].problem:
        say("mobile", "C1", "移动电话未填写：请填写通讯员的手机号码（1 开头的 11 位数字）")
    said = {f.column for f in findings}
    unfilled = [k for k in EXPECTED_FIELDS if not values.get(k) and FIELD_LABEL[k] not in said]
    if unfilled:
        where = next((cells[k] for k in unfilled if k in cells), "")
        say("", "C10", f"以下栏目未填写：{'、'.join(FIELD_LABEL[k] for k in unfilled)}。请补填", WARNING, ref=where)

    return Correspondent(unit.name, values, file, mtime, record.sheet, record.row, record.method, dict(cells), findings), []


def _row_of(ref: str) -> int | None:
    digits = re.sub(r"\D", "", ref)
    return int(digits) if digits else None
