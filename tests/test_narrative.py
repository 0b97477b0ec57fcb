"""The narrative templates (通报, 催报) run in one sandbox: a template handed over with a workspace reads the data it
is given and nothing else; whatever it tries instead is one Chinese line naming the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_bulletin import bulletin_data
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.core.errors import ConfigError
from xlflow.core.units import UnitTable
from xlflow.narrative import BULLETIN_TEMPLATE, REMINDER_TEMPLATE, render
from xlflow.settings import Settings
from xlflow.workspace import Workspace

ESCAPES = {
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ cycler.__init__.__globals__.os.system('touch {marker}') }}",
    "self": "{{ self._TemplateReference__context }}",
    "format": "{{ '{0.__class__}'.format(period) }}",
}


def _marker(tmp_path: Path) -> Path:
    return tmp_path / "pwned"


@pytest.mark.parametrize("name", [BULLETIN_TEMPLATE, REMINDER_TEMPLATE])
@pytest.mark.parametrize("escape", sorted(ESCAPES))
def test_a_template_cannot_reach_python(tmp_path: Path, name: str, escape: str) -> None:
    (tmp_path / name).write_text("开头 " + ESCAPES[escape].replace("{marker}", str(_marker(tmp_path))), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        render(name, [{"period": "2015年3月", "unit": "岳阳县工信局"}], tmp_path)
    message = str(caught.value)
    assert "\n" not in message and str(tmp_path / name) in message
    assert "不允许" in message and "请改正，或删除该文件以使用默认模板" in message
    assert not _marker(tmp_path).exists()


def test_the_bulletin_refuses_a_hostile_template_in_one_line(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    (tmp_path / BULLETIN_TEMPLATE).write_text(ESCAPES["globals"].replace("{marker}", str(_marker(tmp_path))), encoding="utf-8")
    with pytest.raises(ConfigError, match="通报模板 .* 使用了模板中不允许的写法"):
        bulletin_data(units, settings, template_dir=tmp_path)
    assert not _marker(tmp_path).exists()


def _workspace_with_march(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月稿件")], month="2015年3月")
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    return ws


@pytest.mark.parametrize(
    ("name", "command", "what"),
    [
        (BULLETIN_TEMPLATE, ["bulletin", "--period", "2015-03"], "通报模板"),
        (REMINDER_TEMPLATE, ["status", "--month", "2015-03", "--remind"], "催报模板"),
    ],
)
def test_the_commands_refuse_a_hostile_template(tmp_path: Path, name: str, command: list[str], what: str) -> None:
    ws = _workspace_with_march(tmp_path)
    marker = _marker(tmp_path)
    ws.narrative_dir.mkdir(exist_ok=True)
    (ws.narrative_dir / name).write_text(ESCAPES["globals"].replace("{marker}", str(marker)), encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, "-w", str(ws.root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not marker.exists()
    (line,) = [line for line in result.output.splitlines() if what in line]
    assert str(ws.narrative_dir / name) in line and "不允许的写法" in line


def test_the_default_templates_render_in_the_sandbox(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    text = bulletin_data(units, settings).narrative
    assert text.startswith("# 关于2015年上半年政务信息报送和采用情况的通报")


def test_a_broken_or_unreadable_template_is_one_line(tmp_path: Path) -> None:
    (tmp_path / REMINDER_TEMPLATE).write_text("{{ unit }} {{ 1 / 0 }}", encoding="utf-8")
    with pytest.raises(ConfigError, match="催报模板 .* 无法生成文字（ZeroDivisionError"):
        render(REMINDER_TEMPLATE, [{"unit": "岳阳县工信局"}], tmp_path)
    (tmp_path / REMINDER_TEMPLATE).write_bytes("{{ unit }}".encode("gbk") + "催报".encode("gbk"))
    with pytest.raises(ConfigError, match="无法读取.*请保存为 UTF-8 文本"):
        render(REMINDER_TEMPLATE, [{"unit": "岳阳县工信局"}], tmp_path)


def test_only_the_sandbox_makes_a_jinja2_environment() -> None:
    """`grep -rn "jinja2.Environment(" xlflow` finds nothing: every template goes through narrative.environment()."""
    package = Path(__file__).resolve().parent.parent / "xlflow"
    offenders = [
        f"{path.relative_to(package)}:{n}"
        for path in package.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"jinja2\.Environment\(|from jinja2 import .*\bEnvironment\b|\bfrom_string\(", line)
        and path != package / "narrative" / "__init__.py"
    ]
    assert offenders == []
