"""The workspace's settings file (xlflow.toml): one table of keys, written with comments, read back and validated."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import difflib
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlflow.core.dates import FIRST_YEAR, LAST_YEAR
from xlflow.core.errors import ConfigError, WorkspaceError
from xlflow.core.schema import REWARD_POLICY_CUMULATIVE, REWARD_POLICY_HIGHEST
from xlflow.core.text import city_of, display_width, shell_word

SETTINGS_FILE = "xlflow.toml"


@dataclass(frozen=True)
class Settings:
    year: int
    office: str = "岳阳市经信委"
    coordinator: str = "综合法规科"
    contact: str = "易振波"
    fax: str = "8715396"
    email: str = "yy8715396@163.com"
    qq_group: str = "143863243"
    min_chars: int = 200
    emergency_hours: float = 24.0
    register_deadline: dt.date | None = None
    reward_policy: str = REWARD_POLICY_HIGHEST
    # 年度考核: completion_weight × min(完成率/completion_cap, 1) + adoption_weight × min(采用率/adoption_target, 1)
    completion_weight: float = 70.0
    completion_cap: float = 1.0
    adoption_weight: float = 30.0
    adoption_target: float = 0.3
    max_rows_per_sheet: int = 100_000
    backup_keep: int = 10  # automatic ledger backups kept in backup/

    @property
    def city(self) -> str:
        """The prefecture the office is of (岳阳市 of 岳阳市经信委): whose bodies the register's 市级 means."""
        return city_of(self.office)


# One row per key of xlflow.toml: the file `init` writes, its comments, the reading and every error about it
# come from SETTING_KEYS; the defaults are Settings' own. A new setting is a field of Settings and a row.


class _Wrong(ValueError):
    """A value that does not fit its key; the message says what is wrong with it."""


@dataclass(frozen=True)
class SettingKey:
    field: str  # the Settings field it fills
    section: str  # "" for the top of the file, before any [section]
    name: str  # as written in the file
    kind: str  # "int", "number", "text", "date" or "choice"
    label: str  # what it is, in the file's comment and in the errors
    note: str = ""  # more for the comment: where the notice says so, what a value means
    low: float | None = None
    high: float | None = None
    above: bool = False  # `low` itself is not allowed
    choices: tuple[str, ...] = ()

    def allowed(self, year: int | None = None) -> str:
        """What may be written, as the errors and the file's comments say it."""
        if self.kind == "text":
            return "一段文字，加英文双引号"
        if self.kind == "choice":
            return "或".join(f"“{choice}”" for choice in self.choices) + "，加英文双引号"
        if self.kind == "date":
            within = f"{year - 1} 年 12 月或 {year} 年内的" if year else ""
            return f"{within}日期，写成 {_example(self, year)} 的样子"
        what = "整数" if self.kind == "int" else "数"
        if self.above:
            return f"大于 {_number(self.low)}、不超过 {_number(self.high)} 的{what}"
        return f"{_number(self.low)} 到 {_number(self.high)} 之间的{what}"

    def convert(self, value: object, year: int | None = None) -> object:
        """The value for Settings; _Wrong saying what is wrong when it does not fit."""
        if self.kind == "text":
            if isinstance(value, str) and not value.strip() and self.field in ("office", "coordinator", "contact"):
                raise _Wrong("是空的")  # the 通报's sender, who the receipts and reminders name; no fax or QQ群: blank
            if isinstance(value, str) and len(text := value.strip()) > 1 and {text[0], text[-1]} <= set(_QUOTES):
                raise _Wrong("多了引号")  # "＂岳阳市经信委＂": the quotes would be printed
            if isinstance(value, str):
                return value
            if isinstance(value, int) and not isinstance(value, bool):
                return str(value)  # fax = 8715396 without quotes means the same
            raise _Wrong("不是文字")
        if self.kind == "choice":
            if isinstance(value, str) and value.strip() in self.choices:
                return value.strip()
            raise _Wrong("不是可选的值")
        if self.kind == "date":
            day = _as_date(value)
            if day is None:
                raise _Wrong("不是日期")
            if year is not None and day.year != year and (day.year, day.month) != (year - 1, 12):
                raise _Wrong(f"不在 {year} 年度内")  # last year's date: a copied xlflow.toml, every form late
            return day
        whole = self.kind == "int"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Wrong("不是整数" if whole else "不是数字")
        if whole and isinstance(value, float) and not value.is_integer():
            raise _Wrong("不是整数")
        number = int(value) if whole else float(value)
        if number != number:  # nan
            raise _Wrong("不是数字")
        too_low = self.low is not None and (number <= self.low if self.above else number < self.low)
        if too_low or (self.high is not None and number > self.high):
            raise _Wrong("超出范围")
        return number


SETTING_KEYS: tuple[SettingKey, ...] = (
    SettingKey("year", "", "year", "int", "年度", low=FIRST_YEAR, high=LAST_YEAR),
    SettingKey("office", "", "office", "text", "发文单位"),
    SettingKey("coordinator", "", "coordinator", "text", "负责汇总的科室"),
    SettingKey("contact", "", "contact", "text", "联系人"),
    SettingKey("fax", "", "fax", "text", "传真电话"),
    SettingKey("email", "", "email", "text", "电子邮箱"),
    SettingKey("qq_group", "", "qq_group", "text", "QQ群号"),
    SettingKey("min_chars", "rules", "min_chars", "int", "每条信息最少字数", "通知三.3：不少于200字；填 0 则不检查", 0, 5000),
    SettingKey("emergency_hours", "rules", "emergency_hours", "number", "紧急信息报送时限（小时）", "事件发生后多少小时内必须报送", 1, 720),
    SettingKey(
        "max_rows_per_sheet", "rules", "max_rows_per_sheet", "int", "单个工作表最多读取的信息行数",
        "超出的文件整份退回，请单位分成几个文件报送", 100, 1_000_000,
    ),
    SettingKey("register_deadline", "register", "deadline", "date", "通讯员登记表报送截止日期", "通知三.1"),
    SettingKey(
        "reward_policy", "rewards", "policy", "choice", "计奖方式",
        f"“{REWARD_POLICY_HIGHEST}”：一篇稿件按最高采用级别奖励一次；“{REWARD_POLICY_CUMULATIVE}”：各级采用分别奖励；"
        "奖励标准.xlsx 中填了计奖方式时以它为准",
        choices=(REWARD_POLICY_HIGHEST, REWARD_POLICY_CUMULATIVE),
    ),
    SettingKey("completion_weight", "assessment", "completion_weight", "number", "完成率满分", low=0, high=100),
    SettingKey("completion_cap", "assessment", "completion_cap", "number", "完成率封顶值", "完成率达到此值得满分，1 即 100%", 0, 10, True),
    SettingKey("adoption_weight", "assessment", "adoption_weight", "number", "采用率满分", low=0, high=100),
    SettingKey("adoption_target", "assessment", "adoption_target", "number", "采用率满分线", "采用率达到此值得满分，0.3 即 30%", 0, 1, True),
    SettingKey(
        "backup_keep", "backup", "keep", "int", "台账自动备份保留份数",
        "每次汇总改动台账前自动备份到 backup/，只留最近的这么多份；填 0 则不自动备份", 0, 1000,
    ),
)  # fmt: skip
SECTION_NOTES = {
    "rules": "检查规则",
    "register": "通讯员登记",
    "rewards": "奖励",
    "assessment": "年度考核得分 = 完成率满分 × 完成率 ÷ completion_cap（最多计满分）+ 采用率满分 × 采用率 ÷ adoption_target（最多计满分）",
    "backup": "台账自动备份",
}
_KEY_NAMED = {key.name: key for key in SETTING_KEYS}  # the names are unique across sections
_SECTIONS = tuple(dict.fromkeys(key.section for key in SETTING_KEYS if key.section))


def settings_text(settings: Settings) -> str:
    """The settings file as a coordinator reads it in Notepad: every key with what it means and may hold."""
    lines = [
        "# xlflow 工作区设置。用记事本修改后保存即可（UTF-8 或 ANSI 均可）；# 后面是说明。",
        '# 文字加英文双引号（如 office = "岳阳市经信委"），数字和日期不加（如 min_chars = 200、deadline = 2015-02-27）。',
        "# 写错了，xlflow 的命令会停下来，指出第几行、哪一项、应该怎么写。",
        "",
    ]
    section = ""
    for key in SETTING_KEYS:
        if key.section != section:
            section = key.section
            lines += ["", f"# {SECTION_NOTES[section]}", f"[{section}]"]
        value = getattr(settings, key.field)
        if value is None:  # not set: written out commented, with what removing the # would mean
            entry, unset = f"# {key.name} = {_toml(_example(key, settings.year))}", "；去掉行首的 # 即生效"
        else:
            entry, unset = f"{key.name} = {_toml(value)}", ""
        allowed = "" if key.kind == "text" else f"，{key.allowed(settings.year)}"  # texts: see the file's head
        note = f"；{key.note}" if key.note else ""
        lines.append(f"{entry}{' ' * max(1, 31 - display_width(entry))}# {key.label}{allowed}{note}{unset}")
    return "\n".join(lines) + "\n"


def read_settings(path: Path) -> Settings:
    """The settings file as Notepad saved it, each key checked; ConfigError naming the line, key and fix."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise WorkspaceError(f"找不到设置文件 {path}：要在这里新建工作区，请运行 {init_command(path.parent)}") from exc
    except OSError as exc:
        reason = {PermissionError: "没有读取权限", IsADirectoryError: "这是一个文件夹"}.get(type(exc), "读取出错")
        raise ConfigError(f"无法读取设置文件 {path}（{reason}）：请确认它是记事本能打开的文件、没有被其他程序占用后重新运行") from exc
    text = decode_text(path, data)
    try:  # a line typed with a Chinese IME (min_chars：２００, 【rules】) is read as meant when that is all it is
        parsed = tomllib.loads(text := "\n".join(line if _parses(line) else _meant(line) for line in text.splitlines()))
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, text, exc, _typed_year(text.splitlines()) or workspace_year(path.parent)) from exc
    return _settings_from(path, parsed, text.splitlines())


def init_command(root: Path, year: int | None = None) -> str:
    """`xlflow init` for `root` as it works pasted where the user is, with the workspace's year or this."""
    return f"xlflow init {shell_word(str(root))} --year {year or dt.date.today().year}"


def year_workspaces(root: Path, year: int) -> list[Path]:
    """The workspaces of `year` beside `root`, where another year's files and periods belong: folders of its parent
    whose xlflow.toml says year = `year`, never the demo's (.xlflow-demo); the one in use first: with a ledger, named
    `{year}信息报送`, its ledger saved last."""
    from xlflow.commands.demo import is_demo_workspace  # it imports this module

    found = []
    with contextlib.suppress(OSError):
        for folder in (f for f in root.resolve().parent.iterdir() if f != root.resolve()):
            with contextlib.suppress(OSError, ConfigError):  # not a folder, no settings, unreadable
                text = decode_text(folder, (folder / SETTINGS_FILE).read_bytes())
                if _typed_year(text.splitlines()) == year and not is_demo_workspace(folder):
                    found.append(folder)

    def rank(folder: Path) -> tuple[bool, bool, float, str]:
        ledger = folder / "ledger.sqlite"
        used = ledger.is_file()
        return not used, folder.name != f"{year}信息报送", -ledger.stat().st_mtime if used else 0, folder.name

    return sorted(found, key=rank)


def year_workspace(root: Path, year: int) -> Path | None:
    """The workspace of `year` beside `root` that is in use (year_workspaces), None when there is none."""
    return next(iter(year_workspaces(root, year)), None)


def plain_text(text: str) -> str:
    """`text` as two copies of one file are compared: line ends and trailing spaces aside."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip()


def decode_text(path: Path, data: bytes) -> str:
    """Whatever Notepad saves: UTF-8 with or without BOM, "Unicode" (UTF-16 with BOM), "ANSI" (GBK on a Chinese
    Windows; GB18030 is its superset)."""
    boms = {codecs.BOM_UTF16_LE: "utf-16", codecs.BOM_UTF16_BE: "utf-16", codecs.BOM_UTF8: "utf-8-sig"}
    encodings = next(((name,) for bom, name in boms.items() if data.startswith(bom)), ("utf-8", "gb18030"))
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ConfigError(
        f"设置文件 {path} 不是能识别的文字（既不是 UTF-8，也不是 ANSI）："
        "请用记事本打开它，点“文件 → 另存为”，编码选“UTF-8”后保存"
    )


def _settings_from(path: Path, data: dict[str, object], lines: list[str]) -> Settings:
    """Settings from the parsed file: unknown keys first (in the file's order), then each value in the table's order
    (the year first: the deadline's range depends on it)."""
    raw: dict[SettingKey, object] = {}
    for name, value in data.items():
        if name not in _SECTIONS:
            section, items = "", {name: value}
        elif isinstance(value, dict):
            section, items = name, value
        else:
            raise _section_as_value(path, lines, name, value)
        for key_name, item in items.items():
            key = _KEY_NAMED.get(key_name)
            if key is None or key.section != section:
                raise _unknown(path, lines, section, key_name, item)
            raw[key] = item
    if not any(key.field == "year" for key in raw):
        deadline = next((_as_date(v) for k, v in raw.items() if k.kind == "date"), None)
        year = deadline.year if deadline else workspace_year(path.parent)
        raise ConfigError(f"设置文件 {path} 缺少年度：请在文件开头（第一个 [节] 之前）加一行 year = {year}")
    values: dict[str, Any] = {}
    for key in filter(raw.__contains__, SETTING_KEYS):
        year = values.get("year")
        try:
            values[key.field] = key.convert(raw[key], year)
        except _Wrong as wrong:
            found = _wrong_value(path, lines, key, raw[key], str(wrong), year or workspace_year(path.parent))
            held = _ledger_year(path.parent)
            if year and key.kind == "date" and held and held != year and str(held) in str(raw[key]):
                found = ConfigError(f"{found}；如果是 year 改错了（台账中是 {held} 年的数据），请改回 year = {held}")
            raise found from None
    return Settings(**values)


def _unknown(path: Path, lines: list[str], section: str, name: str, value: object) -> ConfigError:
    """A key or a section xlflow does not have, with the nearest one it has."""
    at = _at(lines, section, name)
    if not section and isinstance(value, dict):  # [rule] for [rules]
        near = difflib.get_close_matches(name.lower(), _SECTIONS, n=1)
        guess = f"是不是 [{near[0]}]？" if near else ""
        listed = "、".join(f"[{s}]" for s in _SECTIONS)
        return ConfigError(f"设置文件 {path}{_at(lines, name)} [{name}] 不是 xlflow 的设置节：{guess}可用的节有 {listed}")
    if name in _KEY_NAMED:  # a key of another section
        home = _KEY_NAMED[name].section
        move = f"移到 [{home}] 一行的下面" if home else "移到文件开头（第一个 [节] 之前）"
        return ConfigError(f"设置文件 {path}{at} {name} 写在了{_under(section)}，它应写在{_under(home)}：请把这一行{move}")
    names = [k.name for k in SETTING_KEYS if k.section == section]
    near = difflib.get_close_matches(name.lower(), names, n=1)
    if near:
        guess = f"是不是 {near[0]}？"
    else:
        near = difflib.get_close_matches(name.lower(), [k.name for k in SETTING_KEYS], n=1)
        guess = f"是不是 {_where(_KEY_NAMED[near[0]].section, near[0])}？" if near else ""
    return ConfigError(
        f"设置文件 {path}{at} {_where(section, name)} 不是 xlflow 的设置（键名写错了？）：{guess}"
        f"{_under(section).lstrip()}可写的有 {'、'.join(names)}；请改正键名或删掉这一行"
    )


def _section_as_value(path: Path, lines: list[str], name: str, value: object) -> ConfigError:
    """`rules = 200`: a section's name used as a key."""
    first = next(k for k in SETTING_KEYS if k.section == name)
    try:
        meant = _toml(first.convert(value))
    except _Wrong:
        meant = _toml(_example(first, None))
    names = "、".join(k.name for k in SETTING_KEYS if k.section == name)
    return ConfigError(
        f"设置文件 {path}{_at(lines, '', name)} {name} = {_toml(value)} 有误：{name} 是一节设置的名字，不能直接写值。"
        f"请删掉这一行，在文件末尾写一行 [{name}]，再在下一行写 {first.name} = {meant}（[{name}] 下可写 {names}）"
    )


def _wrong_value(path: Path, lines: list[str], key: SettingKey, value: object, problem: str, year: int | None) -> ConfigError:
    unquote = "，不加引号" if isinstance(value, str) and key.kind in ("int", "number") else ""
    meant = _salvage(key, value, year)
    if meant is not None and meant != value:
        fix = f"请改成 {key.name} = {_toml(meant)}"
    else:
        fix = f"如 {key.name} = {_toml(_example(key, year))}"
    at = _at(lines, key.section, key.name)
    return ConfigError(
        f"设置文件 {path}{at} {_where(key.section, key.name)} = {_toml(value)} {problem}："
        f"{key.label}应为{_spaced(key.allowed(year))}{unquote}，{fix}"
    )


# --- a syntax error: the line, and that line as it should be -----------------------------------------------

_HALF_WIDTH = str.maketrans(  # what a Chinese IME types for = # [ ] " and spaces, and its digits
    {"＝": "=", "＃": "#", "［": "[", "］": "]", "【": "[", "】": "]", "“": '"', "”": '"', "‘": '"', "’": '"', "「": '"',
     "」": '"', "＂": '"', "\u3000": " ", "\xa0": " ", "\u200b": "", "\ufeff": "", **{chr(0xFF10 + d): str(d) for d in range(10)}}
)  # fmt: skip
_QUOTES = "\"'“”‘’「」＂"
_YEAR_LINE = re.compile(r"^\s*year\s*=\s*(\d{4})\s*(?:#.*)?$")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]#]*?)\s*\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"^\s*[\"']?([^\"'=\s]+)[\"']?\s*=")
_KIND_HINTS = {"date": "日期写成 2015-02-27 的样子（月、日写两位）", "text": "文字要加英文双引号", "choice": "文字要加英文双引号"}
_HOW = (
    '每行写成“键 = 值”：文字加英文双引号（如 office = "岳阳市经信委"），数字和日期不加（如 min_chars = 200、'
    "deadline = 2015-02-27），说明写在 # 后面"
)


def _ledger_year(root: Path) -> int | None:
    """The last year the workspace's ledger holds months of, None without one."""
    from xlflow.ledger.health import ledger_years

    ledger = root / "ledger.sqlite"
    found = ledger_years(ledger) if ledger.is_file() else []
    return found[-1] if found else None


def workspace_year(root: Path) -> int:
    """The year a workspace whose year cannot be read is of: its ledger's, else its inbox month folders', else this."""
    found = [held] if (held := _ledger_year(root)) else []
    if not found and (root / "inbox").is_dir():
        found = sorted(int(p.name[:4]) for p in (root / "inbox").iterdir() if re.fullmatch(r"\d{4}-\d{2}", p.name))
    return found[-1] if found and FIRST_YEAR <= found[-1] <= LAST_YEAR else dt.date.today().year


def _syntax_error(path: Path, text: str, exc: tomllib.TOMLDecodeError, year: int) -> ConfigError:
    """The first line that is wrong on its own, with its fix; else the two lines that clash; else where tomllib
    stopped (its message is English and often says only "at end of document")."""
    lines = text.splitlines()
    for n, line in enumerate(lines, start=1):
        if not _parses(line):
            shown = line.strip() if line.lstrip().startswith(("#", "＃")) else line.split(" #", 1)[0].strip()
            shown = shown if len(shown) <= 60 else shown[:60] + "…"
            return ConfigError(f"设置文件 {path} 第 {n} 行“{shown}”写法有误：{_line_fix(line, year)}")
    if clash := _clash(lines):
        return ConfigError(f"设置文件 {path} {clash}")
    position = re.search(r"at line (\d+)", str(exc))
    at = f" 第 {position.group(1)} 行" if position else " "
    return ConfigError(f"设置文件 {path}{at}写法有误：{_HOW}")


def _meant(line: str) -> str:
    """A line TOML cannot read as it would read with half-width quotes only (what is inside kept: office =
    “岳阳市经信委【综合法规科】”), else with half-width symbols, when it then can; else the line as typed."""
    quoted = re.sub(f"[{_QUOTES[2:]}]", '"', line).replace("＝", "=", 1)
    return quoted if _parses(quoted) else half if _parses(half := _half(line)) else line


def _parses(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


def _typed_year(lines: list[str]) -> int | None:
    """The workspace's year as typed in a file TOML cannot read, for the examples a fix shows."""
    found = next((m for m in map(_YEAR_LINE.match, lines) if m), None)
    return int(found.group(1)) if found and FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR else None


def _line_fix(line: str, year: int) -> str:
    """What is wrong with a line that TOML cannot read, and the line as it should be written."""
    written = line.strip()
    half = _half(written)
    why = ["等号、引号、# 和方括号要用英文半角符号"] if half != written else []
    if half.startswith("#"):
        return f"{why[0]}，请改成 {half}" if why else _HOW
    header = _HEADER.match(half)
    if header and half.startswith("["):
        name = header.group(1).strip().strip(_QUOTES)
        near = difflib.get_close_matches(name.lower(), _SECTIONS, n=1)  # a section's own name is its nearest
        name = near[0] if near else name
        fixed = f"[{name}]"
        return f"节名单独一行写成 [节名]，请改成 {fixed}" if _parses(fixed) else _HOW
    key_text, equals, rest = half.partition("=")
    key = _key_written(key_text.strip())
    if not equals or key is None:
        return _HOW
    if key.name != key_text.strip().strip(_QUOTES):
        why.append(f"键名应为 {key.name}")
    meant = _salvage(key, _value_text(rest), year)
    if meant is None:
        return f"{key.label}应为{_spaced(key.allowed(year))}，如 {key.name} = {_toml(_example(key, year))}"
    fixed = f"{key.name} = {_toml(meant)}"
    if not why or not _parses(half):
        why.append(_KIND_HINTS.get(key.kind, "这一项只写数字，说明写在 # 后面"))
    return f"{'；'.join(why)}，请改成 {fixed}"


def _half(line: str) -> str:
    """`line` as meant when typed with a Chinese IME: half-width symbols and digits, `key：value` for key = value."""
    half = line.translate(_HALF_WIDTH)
    colon = re.match(r"^(\s*[A-Za-z_][\w ]*?)\s*[：:]", half) if "=" not in half else None
    return f"{colon.group(1)} ={half[colon.end():]}" if colon else half


def _key_written(text: str) -> SettingKey | None:
    """The key meant by `text`: its name in any case, with spaces for underscores, or its Chinese label (年度)."""
    name = re.sub(r"\s+", "_", text.strip(_QUOTES).strip()).lower()
    return _KEY_NAMED.get(name) or next((k for k in SETTING_KEYS if k.label == text), None)


def _value_text(rest: str) -> str:
    """The value of a `key = value  # note` line, without the note and the quotes."""
    rest = rest.strip()
    if rest[:1] in _QUOTES:
        closing = next((i for i, c in enumerate(rest[1:], start=1) if c in _QUOTES), None)
        return (rest[1:closing] if closing else rest[1:].split("#", 1)[0]).strip()
    return rest.split("#", 1)[0].strip()


def _clash(lines: list[str]) -> str:
    """Lines each right on their own that TOML refuses together: a key or a section written twice, `rules = 200`
    beside [rules]."""
    seen: dict[tuple[str, str | None], int] = {}  # (section, key name or None for the [section] line) → line
    for n, section, name in _entries(lines):
        if name is not None and lines[n - 1].lstrip().startswith("#"):
            continue
        first = seen.setdefault((section, name), n)
        if name is None and first != n:
            return (
                f"第 {first} 行和第 {n} 行都是 [{section}]：一节只能写一次，"
                f"请把第 {n} 行下面的设置移到第 {first} 行的下面，再删掉第 {n} 行"
            )
        if name is None and ("", section) in seen:
            first = seen["", section]
            return (
                f"第 {first} 行的“{lines[first - 1].strip()}”与第 {n} 行的 [{section}] 冲突："
                f"{section} 是一节设置的名字，不能直接写值，请删掉第 {first} 行，把设置写在 [{section}] 下面"
            )
        if first != n:
            return f"第 {first} 行和第 {n} 行都写了 {_where(section, name or '')}：请删掉其中一行"
    return ""


def _entries(lines: list[str]) -> Iterator[tuple[int, str, str | None]]:
    """(line number, section, key name) of each line that looks like a key; (n, section, None) of a header."""
    section = ""
    for n, line in enumerate(lines, start=1):
        header = _HEADER.match(line) if line.strip().startswith("[") else None
        if header:
            section = header.group(1).strip().strip(_QUOTES)
            yield n, section, None
        elif key := _KEY_LINE.match(line):
            yield n, section, key.group(1)


# --- small pieces ------------------------------------------------------------------------------------------

_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_NUMBER_TEXT = re.compile(r"^[+-]?\d+(?:\.\d+)?")


def _where(section: str, name: str) -> str:
    return f"[{section}] 的 {name}" if section else name


def _under(section: str) -> str:
    return f" [{section}] 下" if section else "文件开头"


def _spaced(text: str) -> str:
    """`text` after a Chinese word: a space before a number or a name, as the other messages write them."""
    return f" {text}" if text[:1].isascii() and text[:1].isalnum() else text


def _at(lines: list[str], section: str, name: str | None = None) -> str:
    """" 第 12 行" where `name` (or, without it, the header of `section`) is written; " 中" when it cannot be found."""
    found = (n for n, current, key in _entries(lines) if (current, key) == (section, name))
    return next((f" 第 {n} 行" for n in found), " 中")


def _example(key: SettingKey, year: int | None) -> object:
    """The value an error or a commented line shows: the year, 2月27日 (通知三.1), else the default."""
    year = year or dt.date.today().year
    if key.field == "year":
        return year
    if key.kind == "date":
        return dt.date(year, 2, 27)
    return getattr(Settings, key.field)


def _salvage(key: SettingKey, value: object, year: int | None) -> object | None:
    """What `value` (as parsed, or the text of a line TOML could not read) was meant to be: 24 for "24小时", the
    date of 20150227 or 2015/2/27, the text without its quotes; None when nothing fitting can be read from it."""
    meant: object = value
    if isinstance(value, str):
        text = value.strip().strip(_QUOTES).strip()
        if key.kind in ("int", "number"):
            number = _NUMBER_TEXT.match(text)
            meant = float(number.group()) if number else None
        elif key.kind == "date":
            meant = _as_date(text)
        else:
            meant = text
    elif key.kind == "date" and isinstance(value, int) and not isinstance(value, bool):
        meant = _as_date(str(value))
    try:  # None, when nothing was read, is not a value of any kind
        return key.convert(meant, year)
    except _Wrong:
        return None


def _as_date(value: object) -> dt.date | None:
    """A TOML date, the day of a TOML date-time, or a date written as text (2015-02-27, 2015/2/27, 2015年2月27日)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        found = _DATE_TEXT.search(value) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value.strip())
        if found:
            try:
                return dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                return None
    return None


def _number(value: float) -> str:
    return str(int(value)) if isinstance(value, int) or value.is_integer() else repr(value)


def _toml(value: object) -> str:
    """`value` written as TOML (the settings file's values, and the values the errors quote)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")  # JSON's escapes are TOML's
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name} = {_toml(item)}" for name, item in value.items()) + "}"
    return str(value)
