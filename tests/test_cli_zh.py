"""Every text the command line prints, click's own included, is Chinese: help, usage errors, bad values, Ctrl-C.

The check: the only ASCII words in the output are names (commands, options, metavars, files, values the test typed),
so no English sentence — nor a lone "Usage:", "Error:" or "[required]" — can slip through.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from xlflow.cli import cli

COMMANDS = sorted(cli.commands)
NAMES = {
    "xlflow", *COMMANDS,
    # options, metavars and the file names and words of the help texts
    "w", "workspace", "h", "help", "V", "version", "month", "period", "date", "out", "remind", "force", "year", "recheck",
    "YYYY", "MM", "DD",
    "Q", "H", "D", "git", "C", "cd", "inbox", "backup", "templates", "sqlite", "xlsx", "Excel",
}  # fmt: skip
TYPED = {"bogus", "statu", "abc", "nowhere", "nodir", "nofile", "afile", "adir", "X", "yes"}

MISSING = {  # a required option or argument left out
    "init": ["init"],
    "distribute": ["distribute"],
    "consolidate": ["consolidate"],
    "bulletin": ["bulletin"],
    "status": ["status"],
    "export": ["export"],
    "restore": ["restore"],
}
BAD_VALUE = {
    "init": ["init", "ws", "--year", "abc"],
    "templates": ["templates", "--out", "afile"],
    "distribute": ["distribute", "--month", "2015-Q1"],
    "register": ["register", "nodir"],
    "consolidate": ["consolidate", "--month", "2015-13"],
    "bulletin": ["bulletin", "--period", "2015-X"],
    "status": ["status", "--month", "三月"],
    "export": ["export", "--period", "2015", "--out", "adir"],
    "demo": ["demo", "afile"],
    "backup": ["backup", "--out", "adir"],
    "restore": ["restore", "nofile.sqlite"],
}
OTHER_MISTAKES = [
    ["statu", "--month", "2015-03"],  # a misspelled command
    ["--bogus"],
    ["-w"],
    ["-w", "nowhere", "status", "--month", "2015-03"],
    ["status", "--month"],
    ["bulletin", "--period", "2015-H1", "--date", "2015-02-30"],
    ["status", "--month", "2015-03", "--remind=yes"],
    ["status", "--month", "2015-03", "多余"],
]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, prog_name="xlflow")


def english(output: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z_]*", output)) - NAMES - TYPED


def assert_usage_error(result: Result, command: str = "") -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"用法：xlflow {command}".rstrip()), result.output
    assert lines[1] == f"查看帮助：xlflow {command + ' ' if command else ''}-h", result.output
    assert lines[-1].startswith("错误："), result.output
    assert not english(result.output), result.output


def test_bare_xlflow_prints_the_help_and_exits_0(here: Path) -> None:
    result = run([])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：xlflow [选项] 命令 [参数]...")
    assert "选项：" in result.output and "命令：" in result.output
    assert result.output == run(["-h"]).output
    assert not english(result.output), english(result.output)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_of_every_command_is_chinese(here: Path, name: str) -> None:
    result = run([name, "-h"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"用法：xlflow {name} [选项]")
    assert "选项：" in result.output
    assert "-h, --help            显示本帮助并退出。" in result.output
    assert "-w, --workspace 目录" in result.output
    assert not english(result.output), english(result.output)


@pytest.mark.parametrize("name", COMMANDS)
def test_unknown_option_is_chinese(here: Path, name: str) -> None:
    result = run([name, "--bogus"])
    assert_usage_error(result, name)
    assert "没有 --bogus 这个选项。" in result.output


@pytest.mark.parametrize("name", sorted(MISSING))
def test_missing_option_or_argument_is_chinese(here: Path, name: str) -> None:
    result = run(MISSING[name])
    assert_usage_error(result, name)
    assert "错误：缺少" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_bad_value_is_chinese(here: Path, name: str) -> None:
    result = run(BAD_VALUE[name])
    assert_usage_error(result, name)


@pytest.mark.parametrize("args", OTHER_MISTAKES, ids=" ".join)
def test_other_mistakes_are_chinese(here: Path, args: list[str]) -> None:
    result = run(args)
    assert result.exit_code == 2, result.output
    assert not english(result.output), result.output
    assert result.output.splitlines()[-1].startswith("错误：")


def test_the_messages_say_what_is_wrong(here: Path) -> None:
    assert "错误：没有“statu”这个命令。是不是 xlflow status？" in run(["statu"]).output
    assert "错误：没有 --mnth 这个选项。是不是 --month？" in run(["status", "--mnth", "3"]).output
    assert "错误：缺少选项 --month（月份，如 2015-03）。" in run(["status"]).output
    assert "错误：缺少参数 备份文件。" in run(["restore"]).output
    assert "错误：--year：“abc”不是年份：请写四位数字，如 2015" in run(["init", "ws", "--year", "abc"]).output
    assert "错误：选项 --remind 后面不能带值。" in run(["status", "--month", "2015-03", "--remind=yes"]).output
    assert "错误：选项 --month 后面缺少值。" in run(["status", "--month"]).output
    assert "错误：-w：目录“nowhere”不存在" in run(["-w", "nowhere", "status", "--month", "2015-03"]).output
    assert "错误：文件夹：目录“nodir”不存在" in run(["register", "nodir"]).output
    assert "错误：--out：“adir”是一个目录，这里要的是文件" in run(["backup", "--out", "adir"]).output
    assert "错误：--month：这里需要一个月份，如 2015-03；“2015-Q1”是2015年第一季度" in run(["distribute", "--month", "2015-Q1"]).output
    # review L9: a --month error names only the ways to write a month, --period's all four
    assert "错误：--month：无法识别的月份“2015-13”：请写成 2015-03 或 2015年3月\n" in run(["status", "--month", "2015-13"]).output
    assert ("错误：--period：无法识别的期间“2015-13”：请写成 2015-03 或 2015年3月（月）、2015-Q1 或 2015年第一季度（季度）、"
            "2015-H1 或 2015年上半年（半年）、2015 或 2015年全年（全年）\n" in run(["export", "--period", "2015-13"]).output)  # fmt: skip
    # review W1 D6: the 通报's own label of a period is a period; a range that is none names the nearest
    assert "--period" not in run(["export", "--period", "2015年1—12月"]).output
    assert ("错误：--period：“2015年2—5月”不是一个期间（月、季度、半年或全年）：最接近的是 2015年1—3月（2015-Q1）、"
            "2015年4—6月（2015-Q2）、2015年1—6月（2015-H1），请写其中之一\n" in run(["export", "--period", "2015年2—5月"]).output)  # fmt: skip
    assert "[必填]" in run(["status", "-h"]).output


def test_an_xlflow_error_is_one_chinese_line(here: Path) -> None:
    result = run(["status", "--month", "2015-03"])
    assert result.exit_code == 1
    assert result.output.startswith("错误：") and "不是 xlflow 工作区" in result.output
    assert len(result.output.splitlines()) == 1


def test_ctrl_c_is_chinese(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xlflow.commands.templates

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(xlflow.commands.templates, "write_templates", interrupted)
    result = run(["templates"])
    assert result.exit_code == 1
    assert result.output.strip() == "已中止：没有写了一半的文件，台账未改动；请重新运行同一条命令"


def test_ctrl_c_says_how_far_distribute_got_and_what_consolidate_left(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review L6: one line: stopped, nothing half-written, the ledger (changed by consolidate only, in one
    transaction), run it again; distribute says how many forms it wrote."""
    import xlflow.commands.consolidate
    import xlflow.commands.distribute

    real, written = xlflow.commands.distribute.write_report_workbook, []

    def interrupted_at_the_third(path: Path, **kwargs: object) -> None:
        if len(written) == 2:
            raise KeyboardInterrupt
        written.append(real(path, **kwargs))

    assert run(["init", "ws", "--year", "2015"]).exit_code == 0
    monkeypatch.setattr(xlflow.commands.distribute, "write_report_workbook", interrupted_at_the_third)
    result = run(["distribute", "--month", "2015-07", "-w", "ws"])
    assert result.exit_code == 1
    assert result.output.strip() == "已中止：已写出 2 份登记表（共 34 份），没有写了一半的文件，台账未改动；请重新运行同一条命令"
    assert len(list((here / "ws" / "out" / "下发" / "2015年07月").iterdir())) == 2

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(xlflow.commands.consolidate, "_read_folder", interrupted)
    result = run(["consolidate", "--month", "2015-07", "-w", "ws"])
    assert result.exit_code == 1
    assert result.output.strip() == ("已中止：没有写了一半的文件，台账要么未改动、要么已完整更新（不会只记入一半，重新运行不会重复记入）；"
                                     "请重新运行同一条命令")  # fmt: skip


@pytest.mark.parametrize(
    ("args", "said"),
    [  # review V2 #1: another command's option, or a month typed where a folder goes
        (["export", "--month", "2015-03"],
         "没有 --month 这个选项：xlflow export 的期间（月、季度、半年或全年）写在 --period 后面，如 --period 2015-03"),
        (["status", "--period", "2015-03"], "没有 --period 这个选项：xlflow status 的月份写在 --month 后面（只收月份），如 --month 2015-03"),
        (["status", "--month", "2015-03", "--period", "2015-03"],
         "没有 --period 这个选项：xlflow status 的月份写在 --month 后面（只收月份），如 --month 2015-03"),
        (["backup", "--month", "2015-03"], "没有 --month 这个选项（它是 distribute、consolidate、status 的选项）。"
                                           "xlflow backup 可用的选项：--out 文件（备份文件，默认 backup/台账_时间.sqlite）"),
        (["restore", "--month", "2015-03", "afile"], "没有 --month 这个选项（它是 distribute、consolidate、status 的选项）。"
                                                      "xlflow restore 不带选项，写法见 xlflow restore -h"),
        (["consolidate", "2015-03"], "文件夹：目录“2015-03”不存在；要汇总某月请写 --month 2015-03"),
        (["consolidate", "2015年3月"], "文件夹：目录“2015年3月”不存在；要汇总某月请写 --month 2015-03"),
        (["consolidate", "--month", "2015-03", "2015-3"], "文件夹：目录“2015-3”不存在；要汇总某月请写 --month 2015-03"),
        (["register", "2015-03"], "文件夹：目录“2015-03”不存在"),  # no month to write there
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)  # fmt: skip
def test_an_option_of_another_command_or_a_month_as_folder_names_what_to_write(here: Path, args: list[str], said: str) -> None:
    result = run(args)
    assert_usage_error(result, args[0])
    assert result.output.splitlines()[-1] == f"错误：{said}"
