"""xlflow.toml as a coordinator leaves it after Notepad: every mistake is one Chinese line naming the file, the line,
the key with its section, what is allowed and what to write instead — through the library and through the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.helpers_ledger import report_row, write_report
from xlflow.cli import cli
from xlflow.commands.init import init_workspace
from xlflow.core.errors import ConfigError, WorkspaceError
from xlflow.core.schema import REWARD_POLICY_CUMULATIVE
from xlflow.settings import SETTING_KEYS, Settings, read_settings, settings_text
from xlflow.workspace import Workspace

# the file `xlflow init DIR --year 2015` writes
DEFAULT = settings_text(Settings(year=2015, register_deadline=dt.date(2015, 2, 27)))
NAMES = {"xlflow", "toml", "init", "force", "w", "inbox", "out", "UTF", "ANSI"} | {k.name for k in SETTING_KEYS} | {
    k.section for k in SETTING_KEYS
}


def write(root: Path, text: str, *, encoding: str = "utf-8") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "xlflow.toml"
    path.write_bytes(text.encode(encoding))
    return path


def edited(old: str, new: str) -> str:
    """The default file with one line changed, as in Notepad (`old` is the start of that line)."""
    lines = DEFAULT.splitlines()
    at = [i for i, line in enumerate(lines) if line.startswith(old)]
    assert len(at) == 1, old
    lines[at[0]] = new
    return "\n".join(lines) + "\n"


def refused(path: Path) -> str:
    """The library's message for the file, the path written as P."""
    with pytest.raises(ConfigError) as caught:
        read_settings(path)
    return str(caught.value).replace(str(path), "P")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="xlflow")


def refused_by_cli(path: Path) -> str:
    """A command in the workspace of `path`: exit 1, one Chinese line, no traceback; the line, the path as P."""
    result = run("-w", str(path.parent), "status", "--month", "2015-03")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert len(result.output.splitlines()) == 1 and result.output.startswith("错误："), result.output
    line = result.output.strip().removeprefix("错误：")
    typed = set(re.findall(r"[A-Za-z][A-Za-z_]*", path.read_bytes().decode("utf-8", "replace")))
    english = set(re.findall(r"[A-Za-z][A-Za-z_]*", line.replace(str(path), ""))) - NAMES - typed
    assert not english, line
    return line.replace(str(path), "P")


def both(path: Path) -> str:
    """The same one line from the library and from the command line."""
    message = refused(path)
    assert refused_by_cli(path) == message
    return message


# --- the file init writes, read back -----------------------------------------------------------------------


def test_every_settings_field_has_one_key() -> None:
    assert sorted(k.field for k in SETTING_KEYS) == sorted(f.name for f in dataclasses.fields(Settings))
    assert len({(k.section, k.name) for k in SETTING_KEYS}) == len(SETTING_KEYS)


def test_the_default_file_reads_back_as_written(tmp_path: Path) -> None:
    settings = read_settings(write(tmp_path, DEFAULT))
    assert settings == Settings(year=2015, register_deadline=dt.date(2015, 2, 27))
    assert (settings.min_chars, settings.emergency_hours, settings.backup_keep) == (200, 24.0, 10)
    assert "[backup]\nkeep = 10 " in DEFAULT


def test_settings_without_a_deadline_read_back_without_one(tmp_path: Path) -> None:
    text = settings_text(Settings(year=2015))
    assert "# deadline = 2015-02-27" in text  # shown, commented out
    assert read_settings(write(tmp_path, text)) == Settings(year=2015)


def test_changed_values_read_back_as_written(tmp_path: Path) -> None:
    changed = Settings(
        year=2016,
        office='某"市"经信委\\办',
        fax="0731-8715396",
        min_chars=0,
        emergency_hours=12.5,
        register_deadline=dt.date(2015, 12, 20),
        reward_policy=REWARD_POLICY_CUMULATIVE,
        completion_weight=60.0,
        completion_cap=1.2,
        adoption_weight=40.0,
        adoption_target=0.25,
        max_rows_per_sheet=1_000_000,
        backup_keep=1000,
    )
    assert read_settings(write(tmp_path, settings_text(changed))) == changed


def test_a_workspace_made_by_init_reads_its_settings(tmp_path: Path) -> None:
    init_workspace(tmp_path / "ws", 2015)
    assert Workspace.open(tmp_path / "ws").settings == Settings(year=2015, register_deadline=dt.date(2015, 2, 27))


# --- dates -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["deadline = 2015-02-27", "deadline = 2015-02-27T17:30:00", "deadline = 2015-02-27 17:30:00+08:00",
     'deadline = "2015/2/27"', 'deadline = "2015年2月27日"'],
)  # fmt: skip
def test_a_deadline_is_a_toml_date_a_date_time_or_a_date_as_text(tmp_path: Path, written: str) -> None:
    path = write(tmp_path, edited("deadline =", written))
    assert read_settings(path).register_deadline == dt.date(2015, 2, 27)
    assert run("-w", str(tmp_path), "status", "--month", "2015-03").exit_code == 1  # no quota table: past the settings


def test_a_deadline_typed_as_a_number(tmp_path: Path) -> None:
    message = both(write(tmp_path, edited("deadline =", "deadline = 20150227")))
    assert message == (
        "设置文件 P 第 21 行 [register] 的 deadline = 20150227 不是日期：通讯员登记表报送截止日期应为 2014 年 12 月或 2015 年内的日期，"
        "写成 2015-02-27 的样子，请改成 deadline = 2015-02-27"
    )


def test_a_deadline_outside_the_year(tmp_path: Path) -> None:
    message = both(write(tmp_path, edited("deadline =", "deadline = 2051-02-27")))
    assert "第 21 行 [register] 的 deadline = 2051-02-27 不在 2015 年度内" in message
    assert "2014 年 12 月或 2015 年内的日期" in message


def test_last_years_deadline_in_a_copied_settings_file(tmp_path: Path) -> None:
    """xlflow.toml copied from 2014's workspace with only year changed: 2014-02-27 would make every form 迟报 by a
    year; a December deadline before the year is still a deadline of the year."""
    message = both(write(tmp_path, edited("deadline =", "deadline = 2014-02-27")))
    assert "第 21 行 [register] 的 deadline = 2014-02-27 不在 2015 年度内" in message
    assert message.endswith("写成 2015-02-27 的样子，如 deadline = 2015-02-27")
    assert read_settings(write(tmp_path, edited("deadline =", "deadline = 2014-12-20"))).register_deadline == dt.date(2014, 12, 20)


# --- keys that are not xlflow's ------------------------------------------------------------------------------


def test_a_typo_in_a_key_names_the_nearest_key(tmp_path: Path) -> None:
    message = both(write(tmp_path, edited("min_chars =", "min_char = 300")))
    assert message == (
        "设置文件 P 第 15 行 [rules] 的 min_char 不是 xlflow 的设置（键名写错了？）：是不是 min_chars？"
        "[rules] 下可写的有 min_chars、emergency_hours、max_rows_per_sheet；请改正键名或删掉这一行"
    )


def test_a_typo_at_the_top_names_the_key_and_its_section(tmp_path: Path) -> None:
    message = both(write(tmp_path, "year = 2015\nemergency_hour = 12\n"))
    assert "第 2 行 emergency_hour 不是 xlflow 的设置" in message
    assert "是不是 [rules] 的 emergency_hours？" in message
    assert "文件开头可写的有 year、office、coordinator、contact、fax、email、qq_group" in message


def test_a_key_in_the_wrong_section(tmp_path: Path) -> None:
    message = both(write(tmp_path, "year = 2015\nmin_chars = 300\n"))
    assert message == "设置文件 P 第 2 行 min_chars 写在了文件开头，它应写在 [rules] 下：请把这一行移到 [rules] 一行的下面"


def test_a_typo_in_a_section(tmp_path: Path) -> None:
    message = both(write(tmp_path, "year = 2015\n\n[rule]\nmin_chars = 300\n"))
    assert message.startswith("设置文件 P 第 3 行 [rule] 不是 xlflow 的设置节：是不是 [rules]？可用的节有 [rules]、")


def test_rules_given_a_value_instead_of_a_table(tmp_path: Path) -> None:
    message = both(write(tmp_path, "year = 2015\nrules = 200\n"))
    assert message == (
        "设置文件 P 第 2 行 rules = 200 有误：rules 是一节设置的名字，不能直接写值。请删掉这一行，在文件末尾写一行 [rules]，"
        "再在下一行写 min_chars = 200（[rules] 下可写 min_chars、emergency_hours、max_rows_per_sheet）"
    )


def test_rules_given_a_value_beside_the_table(tmp_path: Path) -> None:
    message = both(write(tmp_path, edited("year =", "year = 2015\nrules = 200")))
    assert message == (
        "设置文件 P 第 6 行的“rules = 200”与第 15 行的 [rules] 冲突：rules 是一节设置的名字，不能直接写值，"
        "请删掉第 6 行，把设置写在 [rules] 下面"
    )


def test_a_missing_year(tmp_path: Path) -> None:
    message = both(write(tmp_path, edited("year =", "")))
    assert message == "设置文件 P 缺少年度：请在文件开头（第一个 [节] 之前）加一行 year = 2015"


def test_a_blank_year_names_the_year_of_the_workspaces_ledger_else_of_its_inbox(tmp_path: Path) -> None:
    """Today's year in the fix would make a 2015 workspace refuse its own months."""
    root = tmp_path / "ws"
    init_workspace(root, 2015)
    write_report(root / "inbox" / "2015-03" / "办公室.xlsx", "办公室", [report_row("一篇")])
    blank, empty, this = edited("year =", "year ="), "", dt.date.today().year
    write(root, blank)
    assert both(root / "xlflow.toml") == "设置文件 P 第 5 行“year =”写法有误：年度应为 1990 到 2100 之间的整数，如 year = 2015"
    write(root, "year = true\n")
    assert both(root / "xlflow.toml") == "设置文件 P 第 1 行 year = true 不是整数：年度应为 1990 到 2100 之间的整数，如 year = 2015"
    write(root, empty)
    assert both(root / "xlflow.toml") == "设置文件 P 缺少年度：请在文件开头（第一个 [节] 之前）加一行 year = 2015"
    write(root, edited("year =", "year = 2015"))
    assert run("-w", str(root), "consolidate", "--month", "2015-03").exit_code == 0
    (root / "inbox" / "2015-03").rename(root / "inbox" / "2016-01")  # the ledger's year comes first
    write(root, empty)
    assert both(root / "xlflow.toml").endswith("加一行 year = 2015")
    (root / "ledger.sqlite").unlink()
    assert both(root / "xlflow.toml").endswith("加一行 year = 2016")
    (root / "inbox" / "2016-01").rename(root / "inbox" / "三月")
    write(root, blank)
    assert both(root / "xlflow.toml").endswith(f"如 year = {this}")


# --- values that do not fit --------------------------------------------------------------------------------

WRONG = [  # the line as typed; what the one line says (the key with its section, what is wrong, what is allowed, the fix)
    ('min_chars = "两百"', '第 15 行 [rules] 的 min_chars = "两百" 不是整数：每条信息最少字数应为 0 到 5000 之间的整数，不加引号，如 min_chars = 200'),
    ('emergency_hours = "24小时"', '第 16 行 [rules] 的 emergency_hours = "24小时" 不是数字：紧急信息报送时限（小时）应为 1 到 720 之间的数，不加引号，请改成 emergency_hours = 24'),
    ("min_chars = -5", "第 15 行 [rules] 的 min_chars = -5 超出范围：每条信息最少字数应为 0 到 5000 之间的整数，如 min_chars = 200"),
    ("min_chars = 200.5", "第 15 行 [rules] 的 min_chars = 200.5 不是整数：每条信息最少字数应为 0 到 5000 之间的整数，如 min_chars = 200"),
    ("emergency_hours = -24", "第 16 行 [rules] 的 emergency_hours = -24 超出范围：紧急信息报送时限（小时）应为 1 到 720 之间的数，如 emergency_hours = 24"),
    ("emergency_hours = nan", "第 16 行 [rules] 的 emergency_hours = nan 不是数字：紧急信息报送时限（小时）应为 1 到 720 之间的数，如 emergency_hours = 24"),
    ("max_rows_per_sheet = 0", "第 17 行 [rules] 的 max_rows_per_sheet = 0 超出范围：单个工作表最多读取的信息行数应为 100 到 1000000 之间的整数，如 max_rows_per_sheet = 100000"),
    ("year = true", "第 5 行 year = true 不是整数：年度应为 1990 到 2100 之间的整数，如 year = "),
    ("year = 15", "第 5 行 year = 15 超出范围：年度应为 1990 到 2100 之间的整数，如 year = "),
    ("completion_weight = -70", "第 29 行 [assessment] 的 completion_weight = -70 超出范围：完成率满分应为 0 到 100 之间的数，如 completion_weight = 70"),
    ("adoption_weight = -1", "第 31 行 [assessment] 的 adoption_weight = -1 超出范围：采用率满分应为 0 到 100 之间的数，如 adoption_weight = 30"),
    ("completion_cap = 0", "第 30 行 [assessment] 的 completion_cap = 0 超出范围：完成率封顶值应为大于 0、不超过 10 的数，如 completion_cap = 1"),
    ("adoption_target = 0", "第 32 行 [assessment] 的 adoption_target = 0 超出范围：采用率满分线应为大于 0、不超过 1 的数，如 adoption_target = 0.3"),
    ("adoption_target = 30", "第 32 行 [assessment] 的 adoption_target = 30 超出范围：采用率满分线应为大于 0、不超过 1 的数，如 adoption_target = 0.3"),
    ('policy = "最高"', '第 25 行 [rewards] 的 policy = "最高" 不是可选的值：计奖方式应为“仅最高级别”或“累计”，加英文双引号，如 policy = "仅最高级别"'),
    ("keep = -1", "第 36 行 [backup] 的 keep = -1 超出范围：台账自动备份保留份数应为 0 到 1000 之间的整数，如 keep = 10"),
    ("keep = 1001", "第 36 行 [backup] 的 keep = 1001 超出范围：台账自动备份保留份数应为 0 到 1000 之间的整数，如 keep = 10"),
    ("office = 2015-01-01", "第 6 行 office = 2015-01-01 不是文字：发文单位应为一段文字，加英文双引号，如 office = \"岳阳市经信委\""),
    ('deadline = "2015年2月30日"', '第 21 行 [register] 的 deadline = "2015年2月30日" 不是日期：通讯员登记表报送截止日期应为 2014 年 12 月或 2015 年内的日期，写成 2015-02-27 的样子，如 deadline = 2015-02-27'),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "says"), WRONG, ids=[typed for typed, _ in WRONG])
def test_a_value_that_does_not_fit(tmp_path: Path, typed: str, says: str) -> None:
    message = both(write(tmp_path, edited(typed.split(" =")[0] + " =", typed)))
    assert message.startswith(f"设置文件 P {says}"), message


TYPED = [  # a line typed with a Chinese IME on (or pasted from a web page) is read as meant: (line, as typed, key, read)
    ("office =", "office = “岳阳市经信委办公室”", "office", "岳阳市经信委办公室"),
    ("office =", "office = ＂岳阳市经信委办公室＂", "office", "岳阳市经信委办公室"),
    ("year =", "year ＝ 2015", "year", 2015),
    ("# 检查规则", "＃ 检查规则", "min_chars", 200),
    ("[rules]", "【rules】", "min_chars", 200),
    ("[rules]", "［rules］", "min_chars", 200),
    ("min_chars =", "min_chars：150", "min_chars", 150),
    ("min_chars =", "min_chars = １５０  ＃ 说明", "min_chars", 150),
    ("min_chars =", "min_chars\xa0=\xa0150", "min_chars", 150),
    ("min_chars =", "\u200bmin_chars\u3000=\u3000150", "min_chars", 150),
    # review S2: only the quotes are read half-width, not what they hold
    ("office =", "office = “岳阳市经信委【综合法规科】”", "office", "岳阳市经信委【综合法规科】"),
    ("office =", "office ＝ “岳阳市经信委【综合法规科】”", "office", "岳阳市经信委【综合法规科】"),
    ("contact =", "contact = “易振波（电话：０７３０－８８８８８８８）”", "contact", "易振波（电话：０７３０－８８８８８８８）"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "typed", "key", "read"), TYPED, ids=[typed for _, typed, _, _ in TYPED])
def test_a_line_typed_with_a_chinese_ime_is_read_as_meant(tmp_path: Path, old: str, typed: str, key: str, read: object) -> None:
    init_workspace(tmp_path / "ws", 2015)
    path = write(tmp_path / "ws", edited(old, typed))
    assert getattr(read_settings(path), key) == read
    result = run("-w", str(tmp_path / "ws"), "status", "--month", "2015-03")
    assert result.exit_code == 0 and result.output.startswith("2015年3月报送情况"), result.output


def test_a_text_in_quotes_or_blank_is_refused(tmp_path: Path) -> None:
    """xlflow's fix for office = ＂岳阳市经信委＂ was office = "＂岳阳市经信委＂": the bulletin printed the ＂."""
    message = both(write(tmp_path, edited("office =", 'office = "＂岳阳市经信委＂"')))
    assert message == '设置文件 P 第 6 行 office = "＂岳阳市经信委＂" 多了引号：发文单位应为一段文字，加英文双引号，请改成 office = "岳阳市经信委"'
    message = both(write(tmp_path, edited("contact =", 'contact = ""')))  # printed in every reminder: never blank
    assert message == '设置文件 P 第 8 行 contact = "" 是空的：联系人应为一段文字，加英文双引号，如 contact = "易振波"'
    assert read_settings(write(tmp_path, edited("office =", 'office = "“十三五”规划办"'))).office == "“十三五”规划办"
    assert read_settings(write(tmp_path, edited("qq_group =", 'qq_group = ""'))).qq_group == ""  # an office without one


def test_a_number_for_a_text_is_taken_as_written(tmp_path: Path) -> None:
    settings = read_settings(write(tmp_path, edited("fax =", "fax = 8715396")))
    assert settings.fax == "8715396"


# --- encodings Notepad saves -------------------------------------------------------------------------------

NOTEPAD = [("utf-8", b""), ("utf-8-sig", b"\xef\xbb\xbf"), ("gbk", b""), ("utf-16", b"\xff\xfe")]


@pytest.mark.parametrize(("encoding", "bom"), NOTEPAD, ids=[e for e, _ in NOTEPAD])
def test_a_file_saved_by_notepad_in_any_encoding_is_read(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = edited("office =", 'office = "某某市经济和信息化委员会"').replace("岳阳", "巴陵")
    path = write(tmp_path / "ws", text, encoding=encoding)
    assert path.read_bytes().startswith(bom)
    settings = read_settings(path)
    assert (settings.office, settings.year, settings.min_chars) == ("某某市经济和信息化委员会", 2015, 200)
    result = run("-w", str(tmp_path / "ws"), "status", "--month", "2015-03")
    assert "找不到任务分配表" in result.output  # read, and the next thing missing is the quota table


def test_an_unreadable_encoding_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "ws" / "xlflow.toml"
    path.parent.mkdir()
    path.write_bytes(b'year = 2015\noffice = "\x80\xff"\n')
    message = both(path)
    assert message == (
        "设置文件 P 不是能识别的文字（既不是 UTF-8，也不是 ANSI）：请用记事本打开它，点“文件 → 另存为”，编码选“UTF-8”后保存"
    )


def test_a_gbk_file_with_a_mistake_names_the_key(tmp_path: Path) -> None:
    message = both(write(tmp_path, edited("min_chars =", 'min_chars = "两百字"'), encoding="gbk"))
    assert message.startswith('设置文件 P 第 15 行 [rules] 的 min_chars = "两百字" 不是整数')


# --- TOML syntax: the line and the line as it should be -----------------------------------------------------

SYNTAX = [
    ("office = 岳阳市经信委", "第 6 行“office = 岳阳市经信委”写法有误：文字要加英文双引号，请改成 office = \"岳阳市经信委\""),
    ('office = "岳阳市经信委', "第 6 行“office = \"岳阳市经信委”写法有误：文字要加英文双引号，请改成 office = \"岳阳市经信委\""),
    ("fax = 0731-8715396", "第 9 行“fax = 0731-8715396”写法有误：文字要加英文双引号，请改成 fax = \"0731-8715396\""),
    ("年度 = 2015", "第 5 行“年度 = 2015”写法有误：键名应为 year；这一项只写数字，说明写在 # 后面，请改成 year = 2015"),
    ("min_chars = 200字", "第 15 行“min_chars = 200字”写法有误：这一项只写数字，说明写在 # 后面，请改成 min_chars = 200"),
    ("deadline = 2015/2/27", "第 21 行“deadline = 2015/2/27”写法有误：日期写成 2015-02-27 的样子（月、日写两位），请改成 deadline = 2015-02-27"),
    ("[rules", "第 14 行“[rules”写法有误：节名单独一行写成 [节名]，请改成 [rules]"),
    ("office =", "第 6 行“office =”写法有误：发文单位应为一段文字，加英文双引号，如 office = \"岳阳市经信委\""),
    ("min_chars：两百", "第 15 行“min_chars：两百”写法有误：每条信息最少字数应为 0 到 5000 之间的整数，如 min_chars = 200"),
    # a date that does not exist: TOML cannot read the file, the example still takes the year the file says
    ("deadline = 2015-02-30", "第 21 行“deadline = 2015-02-30”写法有误：通讯员登记表报送截止日期应为 2014 年 12 月或 2015 年内的日期，写成 2015-02-27 的样子，如 deadline = 2015-02-27"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "says"), SYNTAX, ids=[typed for typed, _ in SYNTAX])
def test_a_syntax_error_gives_the_line_and_its_fix(tmp_path: Path, typed: str, says: str) -> None:
    old = {"年度 = 2015": "year =", "[rules": "[rules]", "min_chars：两百": "min_chars ="}.get(typed)
    message = both(write(tmp_path, edited(old or typed.split(" ")[0] + " =", typed)))
    assert message == f"设置文件 P {says}"


def test_a_key_written_twice(tmp_path: Path) -> None:
    message = both(write(tmp_path, edited("min_chars =", "min_chars = 200\nmin_chars = 300")))
    assert message == "设置文件 P 第 15 行和第 16 行都写了 [rules] 的 min_chars：请删掉其中一行"


def test_a_section_written_twice(tmp_path: Path) -> None:
    message = both(write(tmp_path, DEFAULT + "\n[rules]\nmin_chars = 300\n"))
    assert message == "设置文件 P 第 14 行和第 38 行都是 [rules]：一节只能写一次，请把第 38 行下面的设置移到第 14 行的下面，再删掉第 38 行"


def test_an_unreadable_settings_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "xlflow.toml").mkdir()
    with pytest.raises(ConfigError, match="这是一个文件夹"):
        read_settings(tmp_path / "xlflow.toml")


# --- hints that work where they are printed ------------------------------------------------------------------


def printed_command(output: str) -> list[str]:
    """The arguments of the `xlflow …` a message says to run, as a shell splits them: up to the first word that is
    neither ASCII nor a path (重新生成), as tests/test_cli_workdir.py reads hints."""
    match = re.search(r"请运行 xlflow (.+?)(?:[；。（]|$)", output.strip())
    assert match, output
    words = []
    for word in shlex.split(match.group(1)):
        if not (word.isascii() or any(c in word for c in "/\\.")):
            break
        words.append(word)
    return words


def test_not_a_workspace_hints_init_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(".")
    argv = printed_command(str(caught.value))
    assert argv[:2] == ["init", "."] and argv[2] == "--year" and re.fullmatch(r"\d{4}", argv[3])
    result = run("status", "--month", "2015-03")  # the year typed, not this year
    assert result.exit_code == 1 and printed_command(result.output) == ["init", ".", "--year", "2015"]
    assert run(*printed_command(result.output)).exit_code == 0  # pasted where it was printed
    assert (tmp_path / "xlflow.toml").is_file()
    assert run("status", "--month", "2015-03").exit_code == 0


def test_not_a_workspace_under_w_hints_init_of_that_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "我的 文档").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run("-w", "我的 文档", "status", "--month", "2015-03")
    assert result.exit_code == 1, result.output
    argv = printed_command(result.output)
    assert argv[:2] == ["init", os.path.abspath("我的 文档")]
    assert run(*argv).exit_code == 0  # pasted where it was printed
    assert (tmp_path / "我的 文档" / "xlflow.toml").is_file()


def test_the_readme_lists_every_key_with_its_range() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("`xlflow.toml` 用记事本改", 1)[1].split("\n## ", 1)[0]
    for key in SETTING_KEYS:
        row = next((line for line in table.splitlines() if f"`{key.name}`" in line), None)
        assert row is not None, key.name
        assert (f"`[{key.section}]`" if key.section else "（文件开头）") in row, key.name
        if key.low is not None:
            low, high = int(key.low), int(key.high or 0)  # every bound is whole
            assert (f"大于 {low}、不超过 {high}" if key.above else f"{low} 到 {high}") in row, key.name


def test_a_deadline_of_another_year_without_a_ledger_names_no_ledger_year(tmp_path: Path) -> None:
    """The 改回 year advice only where the ledger holds the date's year (review of bd9dc77)."""
    init_workspace(tmp_path / "ws", 2015)
    this = dt.date.today().year  # what the workspace's year falls back to without a ledger
    path = write(tmp_path / "ws", edited("deadline =", f"deadline = {this}-02-27"))
    with pytest.raises(ConfigError) as refused:
        read_settings(path)
    assert "台账中是" not in str(refused.value)
