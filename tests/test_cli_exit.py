"""Exit status (SPEC §10): 0 done, 1 could not be done, 2 usage error, 3 done but files refused."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli


def invoke(*args: str) -> int:
    return CliRunner().invoke(cli, list(args), prog_name="xlflow").exit_code


def march_workspace(root: Path, *, refused: bool) -> Path:
    ws = make_workspace(root)
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月稿件")])
    if refused:
        (ws.inbox / "2015-03" / "说明.txt").write_text("不是工作簿", encoding="utf-8")
    return ws.root


def test_0_done(tmp_path: Path) -> None:
    assert invoke() == 0  # bare xlflow: the help
    assert invoke("consolidate", "--month", "2015-03", "-w", str(march_workspace(tmp_path / "ws", refused=False))) == 0


def test_1_could_not_be_done(tmp_path: Path) -> None:
    assert invoke("status", "--month", "2015-03", "-w", str(tmp_path)) == 1  # not a workspace
    assert invoke("init", str(march_workspace(tmp_path / "ws", refused=False)), "--year", "2015") == 1  # already one


def test_2_usage_error(tmp_path: Path) -> None:
    assert invoke("status") == 2
    assert invoke("status", "--month", "2015-13") == 2
    assert invoke("status", "--month", "2015-03", "--bogus") == 2
    assert invoke("statu") == 2


def test_3_done_but_files_refused(tmp_path: Path) -> None:
    root = march_workspace(tmp_path / "ws", refused=True)
    result = CliRunner().invoke(cli, ["-w", str(root), "consolidate", "--month", "2015-03"])
    assert result.exit_code == 3, result.output
    assert "拒收 1 个" in result.output and (root / "out" / "通报_2015年03月.xlsx").is_file()
