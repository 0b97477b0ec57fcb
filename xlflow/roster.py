"""Correspondents (通讯员, 附件二): reading filled register forms and lists, checking them, one per unit.

A register file arrives in one of three shapes, and every sheet of a workbook is looked at:

* the 附件二 form that `xlflow templates` writes, read by its workbook-level defined names (reg_name …);
* the same form after WPS or LibreOffice dropped the names, or retyped by hand: read by its printed labels
  (姓 名, 出 生\\n年 月 …, spacing and line breaks ignored) — the value is the next non-empty cell to the right;
* a plain list, one row per person with the form's fields as columns (header row found by scanning).

Required fields (an error finding when absent): 科室（单位）, 姓名 and 移动电话. Without a 姓名 or a unit that the
quota table knows, a record is not registered at all; a missing 移动电话 still registers the person but is
reported. Blank optional fields are listed in one gentle note per record.

Who is late, who is missing and who sent twice is decided by `build_roster`, which touches no files. Lateness is
judged by the date the form reached the office, as well as it can be known: the 收到日期 the coordinator typed in
通讯员名册 (`read_received_dates`), else the form's own 日期 (盖章/日期), else — only then, and said so — the file's
modification time, which for a mail or QQ attachment is when the coordinator saved it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .dates import parse_date
from .errors import ConfigError, InputFileError
from .intake.folder import display_name
from .intake.workbook import own_sheet
from .model import ERROR, FILE_PROBLEMS, REGISTER_RULES, WARNING, Finding
from .schema import GENDERS, REGISTER_FIELDS
from .textnorm import clean_cell, column_letter, nfkc, squash
from .units import Unit, UnitTable

FIELD_LABEL: dict[str, str] = {f.key: f.label for f in REGISTER_FIELDS}
REQUIRED_FIELDS: tuple[str, ...] = ("unit", "name", "mobile")
# blank ones are listed in one note; fax, recommendation and the signing date may well stay blank
EXPECTED_FIELDS: tuple[str, ...] = ("gender", "birth", "major", "education", "hometown", "address", "phone", "email", "resume")
MIN_AGE, MAX_AGE = 18, 70

STATUS_DONE = "已报"
STATUS_LATE = "迟报"
STATUS_MISSING = "未报"

# what decided an entry's 报送日期, as the roster shows it: the coordinator's record, the form's own date, or —
# only as a fallback, and said so wherever lateness is reported — the file's modification time
BASIS_RECEIVED = "收到日期（协调人填写）"
BASIS_SIGNED = "登记表日期"
FILE_UNDATED = "按文件修改时间判断（登记表未填日期）"
FILE_UNTRUSTED = "按文件修改时间判断（登记表日期不可信）"
FILE_UNREADABLE = "按文件修改时间判断（登记表日期无法识别）"
FILE_BASES = (FILE_UNDATED, FILE_UNTRUSTED, FILE_UNREADABLE)
SIGN_DATE_EARLIEST_DAYS = 60  # a form dated this long before the deadline is an old form or a typo, not a send date
RECEIVED_HEADER = "收到日期"  # the 通讯员名册 column the coordinator may fill in

# how a record was read, as the 登记详情 sheet shows it
METHOD_NAMES = "登记表"  # the template's defined names
METHOD_LABELS = "登记表（按栏目名识别）"  # names lost in a re-save, or a retyped form
METHOD_LIST = "名单"

# Register checks (C1 …) live in model.REGISTER_RULES; file-level problems reuse model.FILE_PROBLEMS (F1 …).

# What people write instead of the printed label, besides the label itself (compared after squash, lower-case).
LABEL_ALIASES: dict[str, tuple[str, ...]] = {
    "unit": ("科室", "单位", "单位名称", "科室名称", "报送单位", "所在单位", "工作单位", "所在科室", "部门", "单位(科室)"),
    "name": ("通讯员", "通讯员姓名", "联系人"),
    "gender": (),
    "birth": ("出生日期", "出生年月日", "生日"),
    "major": ("专业",),
    "education": ("文化程度", "最高学历"),
    "hometown": (),
    "address": ("地址", "联系地址", "通信地址", "单位地址"),
    "phone": ("办公电话", "座机", "电话", "联系电话", "固话", "电话号码"),
    "fax": ("传真号码", "传真电话", "传真号"),
    "mobile": ("手机", "手机号", "手机号码", "移动电话号码"),
    "email": ("电子邮箱", "电子邮件", "e-mail", "email", "邮件", "电子信箱", "信箱", "邮箱地址"),
    "resume": ("工作简历", "简历", "个人简历", "本人简历"),
    "recommendation": ("推荐意见", "单位意见"),
    "sign_date": ("填表日期", "填报日期", "报送日期"),
}

_EMPTY_MARKS = {"", "无", "/", "-", "—", "－", "暂无", "没有", "空", "无传真", "none", "n/a"}
_PLACEHOLDERS = re.compile(r"^(?:\(?盖章\)?|\d{4}年月日|年月日|\(单位盖章\)|单位盖章)$")
_MAX_BYTES = 20 * 1024 * 1024  # a register form is a few kB; anything this big is not one
_MAX_ROWS = 2000  # rows read of each sheet: a list of 34 people, or a one-page form
_MAX_COLS = 60


def rule_name(code: str) -> str:
    """'手机号有误' for C4, '不是工作簿' for F1."""
    return REGISTER_RULES.get(code) or FILE_PROBLEMS.get(code, ("", False))[0]


# --- records ---------------------------------------------------------------------------------------


@dataclass
class Correspondent:
    """One person named on a register form or in a list, with every value as checked and normalised."""

    unit: str  # the unit's name from the quota table
    values: dict[str, str]  # field key -> checked text (phones 0730-8715396, 出生年月 1985年6月)
    source_file: str
    mtime: float  # the file's modification time: for a mail or QQ attachment, when the coordinator saved it
    sheet: str = ""
    row: int | None = None  # list row (1-based); None for a form
    method: str = METHOD_NAMES
    unit_raw: str = ""  # the unit as typed
    cells: dict[str, str] = field(default_factory=dict)  # field key -> A1 reference
    findings: list[Finding] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.values.get("name", "")

    @property
    def modified(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.mtime).replace(microsecond=0)

    @property
    def origin(self) -> str:
        """a.xlsx or a.xlsx 第 5 行 — where the record came from."""
        return self.source_file + (f" 第 {self.row} 行" if self.row is not None else "")

    def signed(self, year: int) -> dt.date | None:
        """The form's 日期 as a date (a date without a year is in `year`); None when blank or unreadable."""
        text = self.values.get("sign_date", "")
        parsed = parse_date(text, default_year=year) if text else None
        return parsed.value.date() if parsed is not None and parsed.value is not None else None


@dataclass
class RosterEntry:
    unit: Unit
    status: str  # 已报 / 迟报 / 未报
    person: Correspondent | None = None
    superseded: list[Correspondent] = field(default_factory=list)  # other registrations of the unit, older first
    days_late: int = 0
    notes: list[str] = field(default_factory=list)  # why a 未报 unit has no correspondent although a file came
    sent: dt.date | None = None  # the 报送日期 lateness is judged by
    basis: str = ""  # BASIS_RECEIVED, BASIS_SIGNED or one of FILE_BASES: where `sent` came from
    sent_by: Correspondent | None = None  # the registration `sent` belongs to (the first one sent)
    date_note: str = ""  # why a form's date was not used (not trusted, unreadable)
    received: dt.date | None = None  # the 收到日期 the coordinator typed in 通讯员名册, kept when it is rewritten

    @property
    def by_file_time(self) -> bool:
        return self.basis in FILE_BASES


@dataclass
class Roster:
    """The collected register: one entry per unit in quota-table order, and every finding."""

    year: int
    deadline: dt.date | None
    entries: list[RosterEntry]
    findings: list[Finding]

    @property
    def registered(self) -> list[RosterEntry]:
        return [e for e in self.entries if e.person is not None]

    @property
    def missing(self) -> list[RosterEntry]:
        return [e for e in self.entries if e.status == STATUS_MISSING]

    @property
    def late(self) -> list[RosterEntry]:
        return [e for e in self.entries if e.status == STATUS_LATE]

    @property
    def duplicates(self) -> list[RosterEntry]:
        return [e for e in self.entries if e.superseded]

    def names(self) -> dict[str, str]:
        """unit name -> correspondent name, registered units only."""
        return {e.unit.name: e.person.name for e in self.entries if e.person is not None}


@dataclass(frozen=True)
class Checked:
    """A value after checking: the text to keep and, when something is wrong, what to tell the unit."""

    value: str
    problem: str = ""
    severity: str = ERROR


# --- value checks (pure) ---------------------------------------------------------------------------

_FULLWIDTH_ALNUM = str.maketrans(
    {
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)},
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)},
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)},
        "\u3000": " ",
        "\u00a0": " ",
    }
)


def halfwidth(text: str) -> str:
    """Full-width digits and letters to ordinary ones; Chinese punctuation (，：（）) is left as typed."""
    return text.translate(_FULLWIDTH_ALNUM)


def _blank(text: str) -> bool:
    return squash(text).lower() in _EMPTY_MARKS


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
    if _blank(text):
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
            stamp = dt.datetime(1899, 12, 30) + dt.timedelta(days=int(number))
            return (stamp.year, stamp.month), ""
        return None, ""
    text = squash(str(value))
    match = _BIRTH_TEXT.fullmatch(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        return (year, month), ""
    if re.fullmatch(r"\d{4}年?", text):
        return None, "year-only"
    return None, ""


def check_birth(value: object, year: int) -> Checked:
    """出生年月 as 1985年6月; a real month and an age of 18–70 in the workspace's year."""
    if isinstance(value, str) and _blank(value) or value is None:
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


def _phone_text(value: object) -> str:
    """NFKC (full-width digits, （）) and every kind of dash as '-'."""
    return nfkc(clean_cell(value)).translate(_DASHES).strip()


def check_mobile(value: object) -> Checked:
    """11 digits starting with 1; spaces, dashes, +86 and full-width digits are tidied away."""
    text = _phone_text(value)
    if _blank(text):
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
    if _blank(text):
        return Checked("")
    ext = ""
    match = re.search(r"\s*(?:转|分机|ext\.?|-)\s*(\d{1,5})$", text, re.IGNORECASE)
    if match and len(re.sub(r"\D", "", text[: match.start()])) >= 10:
        ext, text_body = match.group(1), text[: match.start()]
    else:
        text_body = text
    body = re.sub(r"\s+", " ", text_body).strip()
    area_number: tuple[str, str] | None = None
    split = re.fullmatch(r"\((0\d{2,3})\)[ \-]?(\d{7,8})|(0\d{2,3})[ \-]+(\d{7,8})", body)
    digits = re.sub(r"[\s\-()]", "", body)
    if split:
        groups = [g for g in split.groups() if g]
        area_number = (groups[0], groups[1])
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
    if _blank(text):
        return Checked("")
    email = re.sub(r"\s+", "", text).replace("。", ".").removeprefix("mailto:").rstrip(".;；,，")
    if _EMAIL.fullmatch(email):
        local, domain = email.rsplit("@", 1)
        return Checked(f"{local}@{domain.lower()}")
    if re.fullmatch(r"[1-9]\d{4,11}", email):
        return Checked(text, f"邮箱“{text}”像是 QQ 号：请写完整的邮箱地址，如 {email}@qq.com")
    return Checked(text, f"邮箱“{text}”不是有效的邮箱地址：请写成 名字@163.com 的样子")


def check_sign_date(value: object) -> str:
    """The form's 日期 as 2015年2月25日; the printed placeholder (2015年　月　日, 盖章) is blank; anything else as typed."""
    if isinstance(value, str) and (_blank(value) or _PLACEHOLDERS.match(squash(value))):
        return ""
    parsed = parse_date(value)
    if parsed.value is not None:
        return f"{parsed.value.year}年{parsed.value.month}月{parsed.value.day}日"
    return tidy_text(value)


# --- reading files ---------------------------------------------------------------------------------


def _label_key(text: str) -> str:
    return squash(text).lstrip("*＊").rstrip(":：").lower()


_LABELS: dict[str, str] = {}
for _f in REGISTER_FIELDS:
    for _text in (_f.label, *LABEL_ALIASES.get(_f.key, ())):
        _LABELS.setdefault(_label_key(_text), _f.key)


def label_of(value: object) -> tuple[str, str] | None:
    """(field key, value written after the label) when a cell holds a label: '出 生\\n年 月', '姓名：张三'."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 60:
        return None
    key = _LABELS.get(_label_key(text))
    if key:
        return key, ""
    flat = nfkc(text)
    if ":" in flat:
        head, tail = flat.split(":", 1)
        key = _LABELS.get(_label_key(head))
        if key:
            return key, tail.strip()
    return None


def _a1(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


@dataclass
class _Sheet:
    name: str
    rows: list[list[object]]
    named: dict[str, tuple[object, str]] = field(default_factory=dict)  # key -> (value, A1) from defined names


@dataclass
class _Record:
    """Raw values of one person as found, before checking."""

    values: dict[str, object]
    cells: dict[str, str]
    sheet: str
    row: int | None
    method: str


def _scan_form(sheet: _Sheet) -> dict[str, tuple[object, str]]:
    """Field key -> (value, A1) by the printed labels: the next non-empty, non-label cell to the right."""
    found: dict[str, tuple[object, str]] = {}
    rows = sheet.rows
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            hit = label_of(value)
            if hit is None or hit[0] in found:
                continue
            key, inline = hit
            if inline:
                if not inline.startswith("请"):  # 姓名：张三, not 姓名：请填写… in a help text
                    found[key] = (inline, _a1(r, c))
                continue
            for c2 in range(c + 1, len(row)):
                other = row[c2]
                if other is None or clean_cell(other) == "":
                    continue
                if label_of(other) is None:
                    found[key] = (other, _a1(r, c2))
                break
            else:
                # a label standing alone on its line (工作简历 above its text): the cell below
                alone = all(v is None or clean_cell(v) == "" for i, v in enumerate(row) if i != c)
                if alone and r + 1 < len(rows) and c < len(rows[r + 1]):
                    below = rows[r + 1][c]
                    if below is not None and clean_cell(below) and label_of(below) is None:
                        found[key] = (below, _a1(r + 1, c))
    if "sign_date" not in found:  # the form's date line carries no label: 2015年2月25日 under (盖章)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str) and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", squash(value)):
                    found["sign_date"] = (value, _a1(r, c))
    return found


def _label_rows(rows: list[list[object]]) -> dict[int, list[tuple[int, str]]]:
    hits: dict[int, list[tuple[int, str]]] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            hit = label_of(value)
            if hit and not hit[1].startswith("请"):  # 姓名：请填写… is a help text, not a form
                hits.setdefault(r, []).append((c, hit[0]))
    return hits


def _records_of_sheet(sheet: _Sheet) -> tuple[list[_Record], str]:
    """The people on one sheet and how they were read ('' when the sheet holds neither form nor list)."""
    hits = _label_rows(sheet.rows)
    if sheet.named or len(hits) >= 3:
        found = _scan_form(sheet)
        method = METHOD_LABELS
        if sheet.named:
            method = METHOD_NAMES
            for key, (value, ref) in sheet.named.items():
                if clean_cell(value) != "" or key not in found:
                    found[key] = (value, ref)
        values = {k: v for k, (v, _) in found.items()}
        cells = {k: ref for k, (_, ref) in found.items()}
        return [_Record(values, cells, sheet.name, None, method)], method
    for r, row_hits in sorted(hits.items()):
        keys = {k for _, k in row_hits}
        if "name" in keys and len(keys) >= 3:
            return _list_records(sheet, r, row_hits), METHOD_LIST
    return [], ""


def _list_records(sheet: _Sheet, header: int, row_hits: list[tuple[int, str]]) -> list[_Record]:
    columns: dict[str, int] = {}
    for c, key in row_hits:
        columns.setdefault(key, c)
    records = []
    for r in range(header + 1, len(sheet.rows)):
        row = sheet.rows[r]
        values = {k: row[c] if c < len(row) else None for k, c in columns.items()}
        if all(v is None or clean_cell(v) == "" for v in values.values()):
            continue
        cells = {k: _a1(r, c) for k, c in columns.items()}
        records.append(_Record(values, cells, sheet.name, r + 1, METHOD_LIST))
    return records


def _load_sheets(path: Path, name: str) -> tuple[list[_Sheet], float]:
    """The sheets of a register file as the intake reads it (every visible sheet, and a hidden one that holds the
    form's defined names), and the file's modification time."""
    from .intake.workbook import Limits, open_book

    suffix = path.suffix.lower()
    if suffix in (".doc", ".docx", ".wps", ".rtf", ".pdf"):
        raise InputFileError(
            f"{name}：不是 Excel 工作簿（Word 文档请把内容填到 Excel 登记表 register_template.xlsx 中），请用登记表模板填写后重新报送",
            code="F1",
        )
    try:
        book = open_book(path, name=name, limits=Limits(max_file_bytes=_MAX_BYTES), max_rows=_MAX_ROWS, allow_csv=True)
    except InputFileError as exc:
        raise InputFileError(str(exc).replace("信息报送登记表", "通讯员登记表"), code=exc.code) from exc
    named: dict[str, dict[str, tuple[object, str]]] = {}
    by_name = {sheet.name: sheet for sheet in book.sheets}
    for f in REGISTER_FIELDS:
        for scope, sheet_name, ref in book.defined_names.get(f.defined_name, []):
            sheet = by_name.get(scope or sheet_name)
            if sheet is None:
                continue
            r, c = _cell_index(ref)
            value = sheet.rows[r][c] if r < len(sheet.rows) and c < len(sheet.rows[r]) else None
            named.setdefault(sheet.name, {}).setdefault(f.key, (value, ref))
    sheets = [
        _Sheet(sheet.name, [list(row[:_MAX_COLS]) for row in sheet.rows], named.get(sheet.name, {}))
        for sheet in book.sheets
        if not sheet.chart and (sheet.visible or sheet.name in named)
    ]
    return sheets, book.mtime


def _cell_index(ref: str) -> tuple[int, int]:
    """0-based (row, column) of an A1 reference."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int("".join(ch for ch in ref if ch.isdigit())) - 1, col - 1


def read_register_file(
    path: Path, units: UnitTable, settings: Settings, *, name: str = ""
) -> tuple[list[Correspondent], list[Finding]]:
    """The correspondents in one returned file, each with its own findings, and the file's other findings.

    Raises InputFileError (with a model.FILE_PROBLEMS code) when the file cannot be used at all: not a
    workbook, damaged, password-protected, blank, or without anything like the form. People who cannot be
    registered (no 姓名, unknown unit) come back as findings only; with nobody registered the caller refuses the file.
    """
    path = Path(path)
    shown = name or display_name(path.name)
    sheets, mtime = _load_sheets(path, shown)
    people: list[Correspondent] = []
    findings: list[Finding] = []
    saw_form = False
    for sheet in sheets:
        records, method = _records_of_sheet(sheet)
        saw_form = saw_form or bool(method)
        for record in records:
            if method != METHOD_LIST and _is_blank_form(record):
                continue
            person, problems = _check_record(record, shown, mtime, units, settings)
            if person is None:
                findings.extend(problems)
            else:
                people.append(person)
    if not people and not findings:
        if saw_form:
            raise InputFileError(f"{shown}：登记表是空白的，请填写后重新报送", code="F9")
        raise InputFileError(
            f"{shown}：找不到通讯员登记表的内容（没有“姓名”“性别”“移动电话”等栏目），请用登记表模板填写", code="F5"
        )
    return people, findings


def _is_blank_form(record: _Record) -> bool:
    filled = [k for k, v in record.values.items() if k not in ("unit", "sign_date") and clean_cell(v) != ""]
    return not [k for k in filled if not (isinstance(record.values[k], str) and _PLACEHOLDERS.match(squash(str(record.values[k]))))]


def _check_record(
    record: _Record, file: str, mtime: float, units: UnitTable, settings: Settings
) -> tuple[Correspondent | None, list[Finding]]:
    """Check and normalise one person's values. None (with the reasons) when the person cannot be registered."""
    raw = record.values
    cells = record.cells
    findings: list[Finding] = []
    unit_name = ""

    def say(key: str, code: str, message: str, severity: str = ERROR) -> None:
        ref = cells.get(key, "")
        row = record.row if record.row is not None else _row_of(ref)
        findings.append(
            Finding(file, record.sheet, row, FIELD_LABEL.get(key, ""), ref, code, severity, message, unit=unit_name)
        )

    values: dict[str, str] = {}
    unit_raw = tidy_text(raw.get("unit"))
    unit = units.resolve(unit_raw) or (units.find_in(unit_raw) if unit_raw else None)
    if unit is None and not unit_raw:
        unit = units.find_in(Path(file).stem)
        if unit is not None:
            unit_name = unit.name
            say("unit", "C1", f"科室（单位）未填写，已按文件名认定为“{unit.name}”：请在登记表中补填", WARNING)
    if unit is not None:
        unit_name = unit.name
        values["unit"] = unit.name
    name = tidy_word(raw.get("name"))
    values["name"] = "" if _blank(name) else name

    if unit is None:
        if unit_raw:
            say("unit", "C7", f"科室（单位）“{unit_raw}”不在任务分配表中：请按任务分配表的单位名称填写（或在任务分配表“别名”列加上这个写法）")
        else:
            say("unit", "C7", "科室（单位）未填写，文件名也看不出是哪个单位：请填写科室（单位）后重新报送")
    if not values["name"]:
        say("name", "C1", "姓名未填写：请填写通讯员姓名后重新报送")
    if unit is None or not values["name"]:
        return None, findings

    checked = check_gender(raw.get("gender"))
    values["gender"] = checked.value
    if checked.problem:
        say("gender", "C2", checked.problem, checked.severity)
    checked = check_birth(raw.get("birth"), settings.year)
    values["birth"] = checked.value
    if checked.problem:
        say("birth", "C3", checked.problem, checked.severity)

    mobile = check_mobile(raw.get("mobile"))
    phone = check_landline(raw.get("phone"), FIELD_LABEL["phone"])
    if not mobile.value and re.fullmatch(r"1\d{10}", phone.value):
        mobile, phone = Checked(phone.value), Checked("")  # a 联系电话 column holding the mobile number
    values["mobile"] = mobile.value
    if mobile.problem:
        say("mobile", "C4", mobile.problem, mobile.severity)
    values["phone"] = phone.value
    if phone.problem:
        say("phone", "C5", phone.problem, phone.severity)
    fax = check_landline(raw.get("fax"), FIELD_LABEL["fax"])
    values["fax"] = fax.value
    if fax.problem:
        say("fax", "C5", fax.problem, fax.severity)
    email = check_email(raw.get("email"))
    values["email"] = email.value
    if email.problem:
        say("email", "C6", email.problem, email.severity)

    for key in ("major", "education", "hometown"):
        text = tidy_word(raw.get(key))
        values[key] = "" if _blank(text) else text
    for key in ("address", "resume", "recommendation"):
        text = tidy_text(raw.get(key), multiline=key != "address")
        values[key] = "" if _blank(text) or _PLACEHOLDERS.match(squash(text)) else text
    values["sign_date"] = check_sign_date(raw.get("sign_date"))

    if not values["mobile"] and not mobile.problem:
        say("mobile", "C1", "移动电话未填写：请填写通讯员的手机号码（1 开头的 11 位数字）")
    blank = [k for k in EXPECTED_FIELDS if not values.get(k) and not _raw_problem(findings, k)]
    if blank:
        where = next((cells[k] for k in blank if k in cells), "")
        findings.append(
            Finding(file, record.sheet, record.row if record.row is not None else _row_of(where), "", where, "C10",
                    WARNING, f"以下栏目未填写：{'、'.join(FIELD_LABEL[k] for k in blank)}。请补填", unit=unit_name)
        )

    person = Correspondent(
        unit=unit.name,
        values=values,
        source_file=file,
        mtime=mtime,
        sheet=record.sheet,
        row=record.row,
        method=record.method,
        unit_raw=unit_raw,
        cells=dict(cells),
        findings=findings,
    )
    return person, []


def _raw_problem(findings: Sequence[Finding], key: str) -> bool:
    return any(f.column == FIELD_LABEL[key] for f in findings)


def _row_of(ref: str) -> int | None:
    digits = re.sub(r"\D", "", ref)
    return int(digits) if digits else None


# --- one correspondent per unit (pure) -----------------------------------------------------------


def sign_date_problem(signed: dt.date, modified: dt.datetime, deadline: dt.date | None) -> str:
    """Why a form's own date cannot be when it was sent ('' when it can): dated after the file was last saved
    (a date in the future when it was written), or long before the deadline (an old form, a mistyped year)."""
    text = f"{signed.year}年{signed.month}月{signed.day}日"
    if signed > modified.date():
        return f"登记表日期 {text} 晚于文件修改时间 {modified:%Y-%m-%d %H:%M}，不可能是报送日期"
    if deadline is not None and signed < deadline - dt.timedelta(days=SIGN_DATE_EARLIEST_DAYS):
        return f"登记表日期 {text} 早于截止日期 {SIGN_DATE_EARLIEST_DAYS} 天以上，像是旧表或年份填错"
    return ""


def sent_date(person: Correspondent, year: int, deadline: dt.date | None) -> tuple[dt.date, str, str]:
    """(报送日期, basis, note) of one registration: the form's own date when it is trustworthy, else the file time."""
    signed = person.signed(year)
    if signed is None:
        typed = person.values.get("sign_date", "")
        if typed:
            return person.modified.date(), FILE_UNREADABLE, f"登记表日期“{typed}”无法识别"
        return person.modified.date(), FILE_UNDATED, ""
    problem = sign_date_problem(signed, person.modified, deadline)
    if problem:
        return person.modified.date(), FILE_UNTRUSTED, problem
    return signed, BASIS_SIGNED, ""


def build_roster(
    people: Iterable[Correspondent],
    units: UnitTable,
    settings: Settings,
    *,
    findings: Iterable[Finding] = (),
    unit_notes: dict[str, list[str]] | None = None,
    received: Mapping[str, dt.date] | None = None,
) -> Roster:
    """One entry per unit in quota-table order: the last-modified registration wins; late and missing marked.

    A unit is late when its 报送日期 is after the deadline day: the `received` date the coordinator recorded
    (unit name -> date), else the earliest date of its registrations (`sent_date`: the form's own date, the file
    time only as a fallback). A correction sent after the deadline does not make an on-time unit late.
    """
    by_unit: dict[str, list[Correspondent]] = {}
    for person in people:
        by_unit.setdefault(person.unit, []).append(person)
    received = received or {}
    all_findings: list[Finding] = list(findings)
    entries: list[RosterEntry] = []
    deadline = settings.register_deadline
    for unit in units:
        found = sorted(by_unit.get(unit.name, []), key=lambda p: (p.mtime, p.source_file, p.row or 0))
        notes = list((unit_notes or {}).get(unit.name, []))
        if not found:
            entries.append(RosterEntry(unit, STATUS_MISSING, notes=notes, received=received.get(unit.name)))
            continue
        winner, older = found[-1], found[:-1]
        all_findings.extend(winner.findings)  # a superseded form's problems no longer matter
        entry = RosterEntry(unit, STATUS_DONE, winner, older, notes=notes, received=received.get(unit.name))
        if older:
            listed = "；".join(f"{p.origin}（{p.name}，修改于 {p.modified:%Y-%m-%d %H:%M}）" for p in found)
            same = len({p.name for p in found}) == 1
            message = (
                f"{unit.name}报来 {len(found)} 份通讯员登记：{listed}。"
                + (f"以最后修改的 {winner.origin}" if len({p.source_file for p in found}) > 1 else f"以靠后的 {winner.origin}")
                + f"（{winner.name}）为准"
                + ("" if same else "；每个单位只确定 1 名通讯员，如有误请告知")
            )
            all_findings.append(
                Finding(winner.source_file, winner.sheet, winner.row, FIELD_LABEL["name"], winner.cells.get("name", ""),
                        "C8", WARNING, message, unit=unit.name)
            )
        _date_entry(entry, found, settings.year, deadline)
        if deadline is not None and entry.sent is not None and entry.sent > deadline:
            entry.status = STATUS_LATE
            entry.days_late = (entry.sent - deadline).days
            all_findings.append(_late_finding(entry, deadline))
        entries.append(entry)
    order = {u.name: u.seq for u in units}
    all_findings.sort(key=lambda f: (order.get(f.unit, len(order) + 1), f.file, f.row or 0, f.cell, f.code))
    return Roster(settings.year, deadline, entries, all_findings)


def _date_entry(entry: RosterEntry, found: list[Correspondent], year: int, deadline: dt.date | None) -> None:
    """Set the entry's 报送日期 and its basis: the recorded 收到日期, else the earliest registration's date."""
    dated = [(*sent_date(p, year, deadline), p) for p in found]
    sent, basis, note, person = min(dated, key=lambda d: d[0])  # ties: the first sent (found is in mtime order)
    entry.sent_by = person
    if entry.received is not None:
        entry.sent, entry.basis = entry.received, BASIS_RECEIVED
    else:
        entry.sent, entry.basis, entry.date_note = sent, basis, note


def _late_finding(entry: RosterEntry, deadline: dt.date) -> Finding:
    sent, person = entry.sent, entry.sent_by
    assert sent is not None and person is not None
    due = f"晚于截止日期 {deadline.year}年{deadline.month}月{deadline.day}日（迟 {entry.days_late} 天）"
    if entry.basis == BASIS_RECEIVED:
        message = f"收到日期 {sent.year}年{sent.month}月{sent.day}日（协调人在通讯员名册中填写），{due}"
    elif entry.basis == BASIS_SIGNED:
        message = f"登记表日期 {sent.year}年{sent.month}月{sent.day}日，{due}"
    else:
        message = (
            f"文件修改时间 {person.modified:%Y-%m-%d %H:%M}，{due}。{entry.basis}"
            + (f"：{entry.date_note}" if entry.date_note else "")
            + f"。邮件、QQ 附件的修改时间可能是保存的时间：如实际按时收到，请在通讯员名册的“{RECEIVED_HEADER}”栏"
            "填写收到日期，再运行 xlflow register"
        )
    return Finding(person.source_file, person.sheet, person.row, FIELD_LABEL["sign_date"], person.cells.get("sign_date", ""),
                   "C9", WARNING, message, unit=entry.unit.name)


# --- the roster as written -----------------------------------------------------------------------

ROSTER_SHEET = "通讯员名册"
ROSTER_UNIT_HEADER = "单位名称"
ROSTER_NAME_HEADER = "姓名"


def read_roster(path: Path) -> dict[str, str]:
    """Unit name -> correspondent name from a 通讯员名册.xlsx written by `xlflow register` (and perhaps edited).

    An absent file gives {}: the workbooks are then written without correspondents.
    """
    path = Path(path)
    if not path.is_file():
        return {}
    sheet_name, rows = own_sheet(path, ROSTER_SHEET, "通讯员名册")
    for r, row in enumerate(rows[:30]):
        names = [squash(clean_cell(v)) for v in row]
        if ROSTER_UNIT_HEADER in names and ROSTER_NAME_HEADER in names:
            unit_col, name_col = names.index(ROSTER_UNIT_HEADER), names.index(ROSTER_NAME_HEADER)
            result: dict[str, str] = {}
            for data in rows[r + 1 :]:
                unit = clean_cell(data[unit_col]) if unit_col < len(data) else ""
                name = squash(clean_cell(data[name_col])) if name_col < len(data) else ""
                if unit and name:
                    result[unit] = name
            return result
    raise ConfigError(f"通讯员名册 {path.name}（工作表“{sheet_name}”）找不到“单位名称”“姓名”表头：请重新运行 xlflow register 生成")


def read_received_dates(path: Path, units: UnitTable, year: int) -> tuple[dict[str, dt.date], list[str]]:
    """Unit name -> the 收到日期 the coordinator typed in 通讯员名册.xlsx, and one line per value not used.

    The column is optional: an absent file, or a roster without it, gives ({}, []). A date typed without a year
    (2月26日) is in `year`, the workspace's year.
    """
    path = Path(path)
    if not path.is_file():
        return {}, []
    sheet_name, rows = own_sheet(path, ROSTER_SHEET, "通讯员名册")
    for r, row in enumerate(rows[:30]):
        names = [squash(clean_cell(v)) for v in row]
        if ROSTER_UNIT_HEADER not in names or RECEIVED_HEADER not in names:
            continue
        unit_col, date_col = names.index(ROSTER_UNIT_HEADER), names.index(RECEIVED_HEADER)
        dates: dict[str, dt.date] = {}
        problems: list[str] = []
        for number, data in enumerate(rows[r + 1 :], start=r + 2):
            raw = data[date_col] if date_col < len(data) else None
            if raw is None or clean_cell(raw) == "":
                continue
            name = clean_cell(data[unit_col]) if unit_col < len(data) else ""
            where = f"通讯员名册 {path.name}（工作表“{sheet_name}”）第 {number} 行"
            unit = units.resolve(name) if name else None
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
    return {}, []

