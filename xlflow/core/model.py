"""The records that flow between readers, rules, the ledger, the computations and the writers. Pure data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from xlflow.core.text import display_name

ERROR = "error"
WARNING = "warning"
SEVERITY_LABEL = {ERROR: "错误", WARNING: "提示"}
REPLACED = "F8 文件已被替代"  # F8 on a file another one replaced, or on an article such a file no longer counts

# File-level problems (F4, F8, F9 refuse nothing); row rules and register checks are named where checked.
FILE_PROBLEMS: dict[str, str] = {
    "F1": "不是工作簿",
    "F2": "文件损坏",
    "F3": "设有密码",
    "F4": "锁定文件",  # ~$ owner file: skipped and counted
    "F5": "找不到表头",
    "F6": "单位不明",
    "F7": "月份不符",
    "F8": "重复文件",  # an older file for the same unit and month: superseded, named
    "F9": "无有效数据",  # a header but no data rows
    "F10": "文件过大",  # zip bomb, too many rows, too big to read safely
    "F11": "缺少必填列",
    "F12": "工作表未读取",  # a sheet set aside that may hold articles: named, nothing refused
    "F13": "隐藏的表或行",  # a hidden sheet or hidden/filtered rows that were read: named so the unit can check them
    "F14": "行未读取",  # a row with content that is no article (only a signer, say): named, not read
    "F15": "列未读取",  # a column with values whose header is no column of the form (or a second one): named
}


# A finding's message speaks to the unit; a step only the coordinator can take (filing a file under its month,
# moving one out of the inbox, consolidating again) comes last, after this opening bracket, and is left out of
# what the unit is told.
FOR_COORDINATOR = "（协调人："


def for_unit(message: str) -> str:
    """A finding's message as the unit is told it (回执, 催报): without the coordinator's own steps."""
    return message.split(FOR_COORDINATOR, 1)[0]


@dataclass(frozen=True)
class Finding:
    """One thing wrong with one row (or one file), said so the unit can fix it."""

    file: str  # file name as received
    sheet: str
    row: int | None  # Excel row number, 1-based; None for a file-level finding
    column: str  # canonical column name (字数, 审签人 …); "" when none
    cell: str  # A1 reference ("F7"), "" when none
    code: str  # R1 … R14, F1 … F15, C1 … C10
    severity: str  # ERROR or WARNING
    message: str  # plain Chinese: what is wrong and what to do
    unit: str = ""
    month: str = ""  # 2015-03: the month of the file the finding belongs to

    @property
    def rule(self) -> str:
        from xlflow.checks.register import REGISTER_RULES  # the rules are named where they are checked
        from xlflow.checks.rows import RULE_NAMES

        return RULE_NAMES.get(self.code) or REGISTER_RULES.get(self.code) or FILE_PROBLEMS.get(self.code, "")

    @property
    def label(self) -> str:
        """R1 字数不足, as every list of findings shows it. R5's warning is a good date of another month (SPEC keeps
        R5 for it), not an invalid one; F8 on a row is an article of a file replaced (by a 更正, a later file, or
        the unit's resend), no 重复文件."""
        if self.code == "R5" and self.severity != ERROR:
            return "R5 日期不在本月"
        return REPLACED if self.code == "F8" and self.row is not None else f"{self.code} {self.rule}"

    def label_among(self, replaced: Collection[str]) -> str:
        """The label where the files another one replaced are known (`replaced`): their whole-file F8 as well."""
        return REPLACED if self.code == "F8" and self.file in replaced else self.label

    @property
    def where(self) -> str:
        """文件 …，工作表 …，第 7 行 F 列 — for one-line messages."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            parts.append(f"第 {self.row} 行" + (f"（{self.cell}，{self.column}）" if self.cell else ""))
        return "，".join(parts)


def replaced_files(superseded: Iterable[str], findings: Iterable[Finding]) -> set[str]:
    """The files another one replaced, for Finding.label_among: those `superseded`, and those with articles no longer
    counted (F8 on a row: a file that kept only its urgent articles, one saved over)."""
    return {*superseded, *(f.file for f in findings if f.code == "F8" and f.row is not None)}


def labels_text(findings: Iterable[Finding]) -> str:
    """The labels of a row's findings for one cell (台账 提示, ws.articles 问题): each once, a rule found in several
    columns naming them (R14 照抄上一行（审签人、信息类别）)."""
    columns: dict[str, list[str]] = {}
    for f in findings:
        columns.setdefault(f.label, []).append(f.column)
    named = {label: "、".join(dict.fromkeys(c for c in cols if c)) for label, cols in columns.items()}
    return "；".join(f"{label}（{named[label]}）" if len(cols) > 1 and named[label] else label for label, cols in columns.items())


@dataclass
class RawRow:
    """One data row as read: canonical column key -> the cell's cached value, and where it came from."""

    row: int  # Excel row number, 1-based
    values: dict[str, object]
    cells: Mapping[str, str] = field(default_factory=dict)  # canonical key -> A1 reference (the sheet's columns)
    sheet: str = ""


@dataclass
class SheetRead:
    """What the reader did with one sheet of a returned workbook: read (which rows) or not (and why)."""

    name: str
    read: bool
    why: str = ""  # why it was not read; for a sheet read, what to know about it (hidden)
    hidden: bool = False
    header_row: int | None = None  # Excel row number of the (last) header row
    columns: dict[str, str] = field(default_factory=dict)  # canonical key -> column letter
    first_row: int | None = None  # Excel rows of the first and the last article read
    last_row: int | None = None
    rows: int = 0  # articles read
    notable: bool = False  # a sheet not read that may hold articles: said as a warning, not only listed
    repeats: bool = False  # read as a 补报 (2月补, 1-3月, 第一季度): its rows may repeat articles counted elsewhere

    def describe(self) -> str:
        """工作表“上半月”：第 4—12 行，6 条 / 工作表“填表说明”：未读取（说明页）— one line for people."""
        if not self.read:
            return f"工作表“{self.name}”：未读取（{self.why}）"
        span = f"{self.first_row}" if self.first_row == self.last_row else f"{self.first_row}—{self.last_row}"
        where = f"第 {span} 行，{self.rows} 条" if self.first_row is not None else "表头下没有信息"  # 0 条: all set aside
        return f"工作表“{self.name}”：{where}" + (f"（{self.why}）" if self.why else "")

    def to_json(self) -> dict[str, object]:
        return {k: v for k, v in dataclasses.asdict(self).items() if v not in (None, "", {}, False, 0) or k in ("name", "read")}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> SheetRead:
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})  # type: ignore[arg-type]


@dataclass
class UnitFile:
    """A unit workbook as the reader understood it: which unit, which month, which sheets and rows."""

    path: Path
    sha256: str
    mtime: float
    unit: str  # resolved unit name from the quota table
    month: str  # 2015-03
    sheets: list[SheetRead]  # every sheet of the workbook, read or not
    rows: list[RawRow]
    findings: list[Finding] = field(default_factory=list)  # file-level warnings kept with an accepted file
    name: str = ""  # as shown: the path relative to the folder read ("附件/岳阳县.xlsx"); path.name by default
    raw_name: bytes = b""  # the same path as the file system holds it (a GBK name stays as it is)
    date1904: bool = False  # plain serial numbers count from 1904 (Mac Excel)
    supplement: bool = False  # 补报: adds its rows to the unit's other file of the month instead of replacing it
    superseded_by: str = ""  # the later file of the same unit and month that replaced this one
    kind: str = ""  # the unit's kind in the quota table (县市区工信局 …): who is to sign (R13); "" when not said

    def __post_init__(self) -> None:
        if not self.name:
            self.name = display_name(self.path.name)
        if not self.raw_name:
            self.raw_name = os.fsencode(self.path.name)

    @property
    def empty(self) -> bool:  # nothing under any header read (not rows all set aside as last year's 补报)
        return not self.rows and all(s.first_row is None for s in self.sheets if s.read)

    @property
    def sheet(self) -> str:  # the sheets read: 上半月、下半月
        return "、".join(s.name for s in self.sheets if s.read)

    @property
    def header_row(self) -> int:  # of the first sheet read
        return next((s.header_row or 0 for s in self.sheets if s.read), 0)


@dataclass
class Article:
    """One checked row: the values as understood, where it came from, and whether it counts."""

    unit: str
    month: str  # the month the article counts in (its date's month; the file's month if the date is unusable)
    file_month: str  # the month of the file it came in
    date: dt.datetime | None
    title: str
    title_key: str  # normalised title (core.text.normalize_title)
    category: str  # one of schema.CATEGORIES names, or 其他
    category_raw: str
    chars: int | None
    body: str
    analysis: bool | None
    signer: str
    signer_title: str
    channel: str
    urgent: bool
    event_time: dt.datetime | None
    reporter: str
    note: str
    source_file: str
    sheet: str
    row: int
    file_sha256: str = ""
    counted: bool = False
    imported_at: str = ""  # ISO time of the import
    findings: list[Finding] = field(default_factory=list)
    date_text: str = ""  # what the unit typed in 报送日期 when it could not be read as a date
    position: int = 0  # the row's place among the articles of its file (sheets in order, then rows)
    title_cell: str = ""  # A1 reference of the 信息标题 cell
    supplement: bool = False  # came in a 补报 file or sheet (SheetRead.repeats)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]


# how a correspondent's record was read, as the roster's 登记详情 sheet shows it
METHOD_NAMES = "登记表"  # the template's defined names
METHOD_LABELS = "登记表（按栏目名识别）"  # names lost in a re-save, or a retyped form
METHOD_LIST = "名单"


@dataclass
class RegisterRecord:
    """One person's raw values as a register form or a list row holds them, before checking."""

    values: dict[str, object]
    cells: dict[str, str]
    sheet: str
    row: int | None  # list row (1-based); None for a form
    method: str


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
    cells: dict[str, str] = field(default_factory=dict)  # field key -> A1 reference
    findings: list[Finding] = field(default_factory=list)
    version: int = 0  # what the file name says: 1 更正/修改稿…, -1 初稿/草稿… (intake.returns), 0 neither

    @property
    def name(self) -> str:
        return self.values.get("name", "")

    @property
    def modified(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.mtime).replace(microsecond=0)

    @property
    def origin(self) -> str:  # a.xlsx, or a.xlsx 第 5 行
        return self.source_file + (f" 第 {self.row} 行" if self.row is not None else "")


@dataclass(frozen=True)
class Adoption:
    """One row of the coordinator's 采用登记表, matched (or not) to an article."""

    row: int
    unit: str  # as typed
    title: str
    outlet: str
    level: str
    date: dt.date | None
    form: str
    instruction: str  # 领导批示: 无/市级/省级/国家级
    note: str
    unit_name: str = ""  # resolved unit
    title_key: str = ""
    matched: bool = False
    candidates: tuple[str, ...] = ()  # nearest titles when unmatched
    title_sent: bool = False  # unmatched, yet its title is one its unit sent: the level, form or date is what to fix
    problem: str = ""
    sheet: str = ""  # the register's sheet the row is in
    date_text: str = ""  # what was typed in 采用日期 when it could not be read as a date (1月12日: no year)

    @property
    def where(self) -> str:  # 采用登记表第 5 行, 采用登记表 (2)第 5 行, 采用登记表（工作表“二季度”）第 5 行
        said = self.sheet if "采用登记" in self.sheet else f"采用登记表（工作表“{self.sheet}”）" if self.sheet else "采用登记表"
        return f"{said}第 {self.row} 行"


@dataclass
class RunResult:
    """What a command did: a title, summary lines, the paths written, the files refused, and the exit status."""

    title: str
    lines: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one line per refused file
    warnings: list[str] = field(default_factory=list)
    exit_code: int = 0
    data: dict[str, object] = field(default_factory=dict)  # for tests and for chained commands

    def render(self) -> str:
        out = [self.title, *(f"  {line}" for line in self.lines)]
        parts = ((f"未能处理的文件（{len(self.refused)} 个）：", "✗ ", self.refused), ("请注意：", "! ", self.warnings),
                 ("已写入：", "", self.paths))  # fmt: skip
        for heading, mark, items in parts:
            if items:
                out += [heading, *(f"  {mark}{item}" for item in items)]
        return "\n".join(out)


class CellError(str):
    """A formula whose result is an error, as the program shows it (#VALUE!, #N/A, Err:502): kept as that text, not
    as the empty cell calamine makes of it, so what is said about the row names it."""
