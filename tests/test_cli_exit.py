"""Exit status (SPEC §10): 0 done, 1 could not be done, 2 usage error, 3 done but files refused; and the console
never fails: a summary redirected to a file from a GBK console is written whole."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.commands.demo import DEMO_MARK_TEXT
from xlflow.settings import year_workspace, year_workspaces


def invoke(*args: str) -> int:
    return CliRunner().invoke(cli, list(args), prog_name="xlflow").exit_code


def march_workspace(root: Path, *, refused: bool) -> Path:
    ws = make_workspace(root)
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月稿件")])
    if refused:
        (ws.inbox / "2015-03" / "说明.xlsx").write_text("不是工作簿", encoding="utf-8")  # a .txt is an attachment
    return ws.root


def test_0_done(tmp_path: Path) -> None:
    assert invoke() == 0  # bare xlflow: the help
    assert invoke("consolidate", "--month", "2015-03", "-w", str(march_workspace(tmp_path / "ws", refused=False))) == 0


def test_1_could_not_be_done(tmp_path: Path) -> None:
    assert invoke("status", "--month", "2015-03", "-w", str(tmp_path)) == 1  # not a workspace
    assert invoke("init", str(tmp_path / "ws"), "--year", "2015") == 0
    assert invoke("init", str(tmp_path / "ws"), "--year", "2015") == 1  # already one, nothing missing


def test_1_a_fault_nobody_foresaw_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xlflow.commands.status as status_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(status_module, "status", broken)
    ws = march_workspace(tmp_path / "ws", refused=False)
    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws)], prog_name="xlflow")
    assert result.exit_code == 1
    assert result.output == (
        "错误：xlflow 内部错误（RuntimeError: something unforeseen）：本次操作未完成；"
        "请把这一行和所处理的文件发给 xlflow 维护人员\n"
    )


def test_2_usage_error(tmp_path: Path) -> None:
    assert invoke("status") == 2
    assert invoke("status", "--month", "2015-13") == 2
    assert invoke("status", "--month", "2015-03", "--bogus") == 2
    assert invoke("statu") == 2


@pytest.mark.parametrize(
    ("args", "example"),
    [
        (["consolidate", "--month", "2016-01"], "2015-01"),
        (["bulletin", "--period", "2016"], "2015"),
        (["status", "--month", "2016-03"], "2015-03"),
        (["export", "--period", "2016-Q1"], "2015-Q1"),
        (["distribute", "--month", "2014-12"], "2015-12"),
    ],
)
def test_2_a_period_outside_the_workspace_s_year(tmp_path: Path, args: list[str], example: str) -> None:
    """A workspace is one year's: 2016's returns in it would mix two years' receipts and bulletins into one ledger."""
    root = march_workspace(tmp_path / "ws", refused=False)
    assert invoke("consolidate", "--month", "2015-03", "-w", str(root)) == 0
    ledger, out = (root / "ledger.sqlite").read_bytes(), sorted(p.name for p in (root / "out").rglob("*"))
    result = CliRunner().invoke(cli, [*args, "-w", str(root)], prog_name="xlflow")
    assert result.exit_code == 2, result.output
    year = args[2][:4]
    assert result.output.splitlines()[-1] == (
        f"错误：{args[1]}：{args[2]} 不在本工作区的年度内：本工作区是 2015 年度的（xlflow.toml 中 year = 2015），"
        f"请写 2015 年内的期间，如 {example}；{year} 年的信息请另建工作区：xlflow init {tmp_path / f'{year}信息报送'} --year {year}"
    )
    assert (root / "ledger.sqlite").read_bytes() == ledger
    assert sorted(p.name for p in (root / "out").rglob("*")) == out


def test_2_another_year_s_period_is_sent_to_that_year_s_workspace(tmp_path: Path) -> None:
    """The turn of the year (review X1 #2): --month of last December in this year's workspace names last year's
    workspace beside it (found by its xlflow.toml, whatever its folder's name) and the command to run there, and
    suggests neither this December (still to come) nor a new workspace; with none beside it, how to make one."""
    this = dt.date.today().year
    new, old = make_workspace(tmp_path / f"{this + 1}年", this + 1).root, make_workspace(tmp_path / "去年", this).root

    def said(*args: str) -> str:
        result = CliRunner().invoke(cli, [*args, "-w", str(new)], prog_name="xlflow")
        assert result.exit_code == 2, result.output
        return result.output.splitlines()[-1]

    start = f"不在本工作区的年度内：本工作区是 {this + 1} 年度的（xlflow.toml 中 year = {this + 1}）；{this} 年的信息"
    assert said("consolidate", "--month", f"{this}-12") == (
        f"错误：--month：{this}-12 {start}在 {this} 年度的工作区 {old} 中，请在那里运行："
        f"xlflow -w {old} consolidate --month {this}-12")  # fmt: skip
    assert said("bulletin", "--period", f"{this}-Q4").endswith(f"请在那里运行：xlflow -w {old} bulletin --period {this}-Q4")
    (old / "xlflow.toml").unlink()
    assert said("consolidate", "--month", f"{this}-12") == (
        f"错误：--month：{this}-12 {start}请另建工作区：xlflow init {tmp_path / f'{this}信息报送'} --year {this}")


def test_2_last_year_s_workspace_is_never_the_demo_and_a_second_one_is_named(tmp_path: Path) -> None:
    """review W1 D1: 信息报送2015, xlflow示例 (`xlflow demo`, also 2015, with a ledger) and 信息报送2016 in one folder:
    2016's hints sent 2015's rows to the demo. Never the demo; a workspace with a ledger before one without (the
    newest ledger first); a second real one is named, with the one used."""
    new = make_workspace(tmp_path / "信息报送2016", 2016).root
    real = make_workspace(tmp_path / "信息报送2015", 2015).root
    demo = make_workspace(tmp_path / "xlflow示例", 2015).root
    (demo / ".xlflow-demo").write_text(DEMO_MARK_TEXT, encoding="utf-8")
    (demo / "ledger.sqlite").write_bytes(b"demo")
    assert year_workspaces(new, 2015) == [real.resolve()]
    assert year_workspace(new, 2015) == real.resolve()
    spare = make_workspace(tmp_path / "2015信息报送备份", 2015).root  # sorts first by name
    (spare / "ledger.sqlite").write_bytes(b"copy")
    assert year_workspace(new, 2015) == spare.resolve()  # the only one with a ledger
    (real / "ledger.sqlite").write_bytes(b"real")
    os.utime(spare / "ledger.sqlite", (1_400_000_000, 1_400_000_000))  # copied a while ago
    assert year_workspaces(new, 2015) == [real.resolve(), spare.resolve()]

    result = CliRunner().invoke(cli, ["bulletin", "--period", "2015", "-w", str(new)], prog_name="xlflow")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        "错误：--period：2015 不在本工作区的年度内：本工作区是 2016 年度的（xlflow.toml 中 year = 2016）；2015 年的信息在 "
        f"2015 年度的工作区 {real.resolve()} 中，请在那里运行：xlflow -w {real.resolve()} bulletin --period 2015"
        f"（同一目录中另有 2015 年度的工作区 {spare.resolve()}，如果要用的是它，请把 -w 后的目录换成它）"
    )


def test_2_a_year_edited_away_from_the_ledger_s_says_to_put_it_back(tmp_path: Path) -> None:
    """review R6: year = 2026 typed in a 2015 workspace; --month 2015-06 was told to make a new 2015 workspace."""
    root = march_workspace(tmp_path / "ws", refused=False)
    assert invoke("consolidate", "--month", "2015-03", "-w", str(root)) == 0
    settings = root / "xlflow.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("year = 2015", "year = 2026"), encoding="utf-8")  # the deadline says 2015 first
    said = CliRunner().invoke(cli, ["status", "--month", "2015-06", "-w", str(root)], prog_name="xlflow").output
    assert said.splitlines()[-1].endswith("；如果是 year 改错了（台账中是 2015 年的数据），请改回 year = 2015"), said
    settings.write_text(text.replace("2015", "2026"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["status", "--month", "2015-06", "-w", str(root)], prog_name="xlflow")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        "错误：--month：2015-06 不在本工作区的年度内：本工作区是 2026 年度的（xlflow.toml 中 year = 2026），请写 2026 年内的期间，"
        "如 2026-06；台账中是 2015 年的数据：如果是 xlflow.toml 中的 year 改错了，请改回 year = 2015"
    )


def test_3_done_but_files_refused(tmp_path: Path) -> None:
    root = march_workspace(tmp_path / "ws", refused=True)
    result = CliRunner().invoke(cli, ["-w", str(root), "consolidate", "--month", "2015-03"])
    assert result.exit_code == 3, result.output
    assert "拒收 1 个" in result.output and (root / "out" / "通报_2015年03月.xlsx").is_file()


def run_module(root: Path, encoding: str, log: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    with log.open("wb") as out:  # `xlflow consolidate > 汇总.txt`
        return subprocess.run(
            [sys.executable, "-m", "xlflow", "-w", str(root), "consolidate", "--month", "2015-03"],
            stdout=out, stderr=subprocess.PIPE, env=env, timeout=300, check=False,
        )  # fmt: skip


def test_summary_redirected_from_a_gbk_console_is_complete(tmp_path: Path) -> None:
    root = march_workspace(tmp_path / "ws", refused=True)
    log = tmp_path / "汇总.txt"
    done = run_module(root, "cp936", log)
    assert done.returncode == 3, done.stderr.decode("gbk", "replace")
    assert done.stderr == b""
    text = log.read_bytes().decode("gbk")  # the file is GBK, as Notepad on a Chinese Windows reads it
    assert text.startswith("2015年3月汇总完成")
    assert "  × 说明.xlsx：" in text  # ✗ is not in GBK: its look-alike
    assert text.rstrip().endswith("奖励计算表_2015年03月.xlsx")  # the last line of 已写入


def test_a_utf8_console_keeps_every_character(tmp_path: Path) -> None:
    root = march_workspace(tmp_path / "ws", refused=True)
    log = tmp_path / "汇总.txt"
    done = run_module(root, "utf-8", log)
    assert done.returncode == 3
    assert "  ✗ 说明.xlsx：" in log.read_text(encoding="utf-8")


def test_ctrl_c_hides_the_collectors_traceback_of_a_workbook_stopped_mid_write(tmp_path: Path) -> None:
    # a ZipFile whose file was closed under it by Ctrl-C: its __del__ raises later ("Exception ignored in …")
    script = (
        "import signal, sys\n"
        "from xlflow.cli import on_interrupt\n"
        "class Half:\n"
        "    def __del__(self):\n"
        "        raise ValueError('I/O operation on closed file.')\n"
        "try:\n"
        "    half = Half()\n"
        "    on_interrupt(signal.SIGINT, None)\n"
        "except KeyboardInterrupt:\n"
        "    print('已中止')\n"
        "del half\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout == "已中止\n"
    assert done.stderr == ""


def test_ctrl_c_ignored_by_the_parent_stays_ignored(tmp_path: Path) -> None:
    """review S1: a run started with SIGINT ignored (bash's `cmd &` in a script) ran on through a Ctrl-C before the
    handler was installed; it must still."""
    script = (
        "import os, signal, sys\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "sys.argv = ['xlflow', '--version']\n"
        "from xlflow.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "print('还在运行')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.endswith("还在运行\n"), done.stdout + done.stderr
