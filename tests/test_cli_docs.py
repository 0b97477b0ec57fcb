"""Every command has Chinese help with an example and is named in the README (like sqlite-utils' test_docs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from xlflow import __version__
from xlflow.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_chinese_help_with_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "示例" in result.output
    assert f"xlflow {name}" in result.output
    summary = cli.commands[name].get_short_help_str(limit=200)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in summary), summary


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    assert f"xlflow {name}" in README


def test_version_and_group_help() -> None:
    runner = CliRunner()
    assert __version__ in runner.invoke(cli, ["--version"]).output
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "政务信息" in result.output


def test_not_a_workspace_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(tmp_path)])
    assert result.exit_code == 1
    assert "不是 xlflow 工作区" in result.output
    assert "xlflow init" in result.output


def test_bad_period_is_a_clear_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["bulletin", "--period", "2015-13", "-w", str(tmp_path)])
    assert result.exit_code == 2
    assert "错误：--period：无法识别的期间“2015-13”" in result.output and "2015-Q1" in result.output


def test_help_and_readme_document_w_and_the_exit_codes() -> None:
    help_text = CliRunner().invoke(cli, ["--help"]).output
    assert "xlflow -w D:/2015信息报送 status --month 2015-03" in help_text
    assert "退出状态：0 完成；1 无法执行" in help_text and "2 命令写错" in help_text and "3 完成，但有文件被拒收" in help_text
    assert "### 退出状态" in README and "`-w 目录` 和 `git -C 目录` 一样" in README
    for code, meaning in (("0", "完成"), ("1", "无法执行"), ("2", "命令写错"), ("3", "完成，但有文件被拒收")):
        assert f"| {code} | {meaning}" in README
    # distribute or templates keeping a file, a file not written: 1 with 请注意： lines only, as README's table says
    assert "1 无法执行（见“错误：”一行），或有文件未能写出、没有覆盖（见“请注意：”）" in help_text


def test_help_and_init_name_the_first_steps_in_the_readmes_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    help_text = CliRunner().invoke(cli, ["--help"]).output
    steps = help_text.split("一年的工作：")[1].split("不在工作区目录中时")[0]
    assert [line.split()[1] for line in steps.splitlines() if line.strip().startswith("xlflow ")] == [
        "init", "templates", "register", "distribute", "consolidate", "status", "bulletin"]  # fmt: skip
    readme = README.split("## 每月的工作")[1].split("```")[1]
    assert [line.split()[1] for line in readme.splitlines() if line.startswith("xlflow ")][:5] == [
        "init", "templates", "register", "distribute", "consolidate"]  # fmt: skip
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init", "ws", "--year", "2015"])
    assert result.exit_code == 0, result.output
    assert ("下一步：cd ws，然后 xlflow templates，把 templates/register_template.xlsx（通讯员登记表）发给各单位；收齐后放入 "
            "通讯员登记表/ 文件夹，运行 xlflow register，再 xlflow distribute --month 2015-01 给各单位下发信息报送登记表") in [
        line.strip() for line in result.output.splitlines()]  # fmt: skip
    monkeypatch.chdir(tmp_path / "ws")  # the step followed as printed: the file it names is there
    assert CliRunner().invoke(cli, ["templates"]).exit_code == 0 and Path("templates/register_template.xlsx").is_file()



@pytest.mark.parametrize("name", ["bulletin", "export"])
def test_period_help_gives_the_chinese_forms_it_accepts(name: str) -> None:
    output = " ".join(CliRunner().invoke(cli, [name, "--help"]).output.split())
    assert "2015-Q1 或 2015年第一季度（季度）" in output
    assert "2015 或 2015年全年（全年）" in output
