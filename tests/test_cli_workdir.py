"""`-w DIR` like `git -C DIR`: every command, before or after the command, relative paths resolved in DIR; what it
prints works where the user typed it (every `xlflow …` hint is run here as printed, from that folder)."""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from helpers_ledger import report_row, write_report
from helpers_roster import PERSON, fill_template

from xlflow.cli import cli
from xlflow.cli.workdir import Session, quote, without_workdir

PARENT = "我的 文档"  # a space: the -w written into the hints must be quoted
WS = "2015信息报送"


def run(args: list[str]) -> Result:
    before = os.getcwd()
    result = CliRunner().invoke(cli, args, prog_name="xlflow")
    assert os.getcwd() == before, "the command line left the caller in another folder"
    return result


def written(output: str) -> list[str]:
    """The paths listed under 已写入：."""
    lines = output.splitlines()
    if "已写入：" not in lines:
        return []
    return [line.strip() for line in lines[lines.index("已写入：") + 1 :] if line.startswith("  ")]


def fill_march(root: Path) -> None:
    march = root / "inbox" / "2015-03"
    write_report(march / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县三月稿件一"), report_row("岳阳县三月稿件二", day=6)])
    write_report(march / "平江县.xlsx", "平江县工信局", [report_row("平江县三月稿件", body="太短")])
    write_report(march / "华容县4月.xlsx", "华容县工信局", [report_row("华容县四月稿件", month=4)], month="2015年4月")
    (march / "说明.txt").write_text("请查收", encoding="utf-8")


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's folder; the workspaces live in ../我的 文档/."""
    (tmp_path / PARENT).mkdir()
    here = tmp_path / "桌面"
    here.mkdir()
    monkeypatch.chdir(here)
    return here


@pytest.fixture
def ws(elsewhere: Path) -> Path:
    result = run(["-w", f"../{PARENT}", "init", WS, "--year", "2015"])
    assert result.exit_code == 0, result.output
    root = elsewhere.parent / PARENT / WS
    fill_march(root)
    return root


W = f"../{PARENT}/{WS}"


@pytest.mark.parametrize("where", ["before", "after"])
def test_every_command_runs_in_the_workspace_from_another_folder(ws: Path, elsewhere: Path, where: str) -> None:
    def xlflow(command: str, *args: str) -> Result:
        argv = ["-w", W, command, *args] if where == "before" else [command, *args, "-w", W]
        return run(argv)

    (ws / "登记表").mkdir()
    fill_template(ws / "登记表" / "岳阳县.xlsx", PERSON)  # an empty folder is an error
    (ws / "收件").mkdir()
    for path in (ws / "inbox" / "2015-03").glob("*县.xlsx"):
        path.rename(ws / "收件" / path.name)

    steps = [
        (xlflow("templates", "--out", "模板"), 0, ws / "模板" / "quota_template.xlsx"),
        (xlflow("distribute", "--month", "2015-03", "--out", "下发"), 0, ws / "下发" / "岳阳县工信局_2015年03月_信息报送登记表.xlsx"),
        (xlflow("register", "登记表"), 0, ws / "通讯员名册.xlsx"),
        (xlflow("consolidate", "--month", "2015-03", "收件"), 0, ws / "out" / "通报_2015年03月.xlsx"),
        (xlflow("status", "--month", "2015-03", "--remind"), 0, ws / "out" / "催报" / "催报_2015年03月.txt"),
        (xlflow("bulletin", "--period", "2015-Q1"), 0, ws / "out" / "通报_2015年第一季度.xlsx"),
        (xlflow("export", "--period", "2015-03", "--out", "三月台账.xlsx"), 0, ws / "三月台账.xlsx"),
        (xlflow("backup", "--out", "备份.sqlite"), 0, ws / "备份.sqlite"),
        (xlflow("restore", "备份.sqlite"), 0, ws / "ledger.sqlite"),
        (xlflow("init", "../第二个", "--year", "2016"), 0, ws.parent / "第二个" / "xlflow.toml"),  # beside, not inside
    ]
    for result, code, made in steps:
        assert result.exit_code == code, result.output
        assert made.exists(), (made, result.output)
        for path in written(result.output):  # shown from the user's folder
            assert Path(path).exists(), (path, result.output)
    assert not list(elsewhere.iterdir()), "nothing is written where the user is"

    # what was read and written is what the relative paths named in the workspace
    export = openpyxl.load_workbook(ws / "三月台账.xlsx")["台账"]
    titles = sorted(row[4] for row in export.iter_rows(min_row=2, values_only=True) if row[4])
    assert titles == ["岳阳县三月稿件一", "岳阳县三月稿件二"]
    with sqlite3.connect(ws / "备份.sqlite") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3  # the short one is kept, not counted
    assert "2016" in (ws.parent / "第二个" / "xlflow.toml").read_text(encoding="utf-8")


def test_demo_with_w_builds_in_dir_and_its_hints_work_here(elsewhere: Path) -> None:
    result = run(["-w", f"../{PARENT}", "demo", "示例"])
    assert result.exit_code == 0, result.output
    root = elsewhere.parent / PARENT / "示例"
    assert (root / "ledger.sqlite").is_file()
    for path in written(result.output):
        assert Path(path).exists(), path
    assert f"xlflow -w '../{PARENT}/示例' bulletin --period 2015-Q2" in result.output
    printed = hints(result.output)
    assert ["demo", str(root), "--force"] in [args for _, args in printed]  # the absolute folder, quoted
    for cwd, args in printed:
        assert_works(cwd, args)


def test_a_folder_argument_is_shown_as_the_written_paths_are(ws: Path, elsewhere: Path) -> None:
    """-w relative: the folder read is shown from here in the summary, like the paths under 已写入; -w absolute:
    both absolute."""
    (ws / "收件").mkdir()
    (ws / "登记表").mkdir()
    for path in (ws / "inbox" / "2015-03").glob("*县.xlsx"):  # copied: inbox/2015-03 keeps March files too
        (ws / "收件" / path.name).write_bytes(path.read_bytes())
    result = run(["-w", W, "consolidate", "--month", "2015-03", "收件"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"2015年3月汇总完成（{Path(W, '收件')}）"
    assert str(Path(W, "out", "通报_2015年03月.xlsx")) in written(result.output)
    assert str(ws) not in result.output
    fill_template(ws / "登记表" / "岳阳县.xlsx", PERSON)  # an empty folder is an error
    register = run(["-w", W, "register", "登记表"])
    assert str(Path(W, "通讯员名册.xlsx")) in written(register.output) and str(ws) not in register.output
    both = run(["-w", W, "consolidate", "--month", "2015-03"])  # without a folder: 收件 typed last time, and inbox/2015-03
    assert both.exit_code != 0 and f"如 xlflow -w {shlex.quote(W)} consolidate --month 2015-03 收件；台账未改动" in both.output
    default = run(["-w", W, "consolidate", "--month", "2015-03", "inbox/2015-03"])
    assert default.output.splitlines()[0] == f"2015年3月汇总完成（{Path(W, 'inbox', '2015-03')}）"
    absolute = run(["-w", str(ws), "consolidate", "--month", "2015-03", "收件"])
    assert absolute.output.splitlines()[0] == f"2015年3月汇总完成（{ws / '收件'}）"
    assert str(ws / "out" / "通报_2015年03月.xlsx") in written(absolute.output)


def test_several_w_add_up_like_git_c(ws: Path, elsewhere: Path) -> None:
    result = run(["-w", "..", "status", "-w", f"{PARENT}/{WS}", "--month", "2015-04"])
    assert result.exit_code == 0, result.output
    assert f"请先运行 xlflow -w '../{PARENT}/{WS}' consolidate --month 2015-04" in result.output


def test_the_folder_is_restored_after_errors(ws: Path, elsewhere: Path) -> None:
    assert run(["-w", W, "status", "--month", "2015-13"]).exit_code == 2  # usage error, after entering DIR
    assert run(["-w", W, "backup"]).exit_code == 1  # no ledger yet: an xlflow error inside DIR
    assert run(["-w", W, "status", "-h"]).exit_code == 0
    assert run(["-w", "没有这个目录", "status", "--month", "2015-03"]).exit_code == 2


def test_a_deleted_current_folder_is_one_line_and_an_absolute_w_still_works(ws: Path, elsewhere: Path) -> None:
    """The USB stick pulled (the folder deleted) while the console stays in it: no traceback."""

    def lost() -> None:  # an absolute -w leaves the process in DIR: there is no folder to go back to
        (elsewhere / "U盘").mkdir()
        os.chdir(elsewhere / "U盘")
        (elsewhere / "U盘").rmdir()

    lost()
    runner, line = CliRunner(), "错误：当前文件夹已不存在（可能已删除或 U 盘已拔出）：请 cd 到工作区所在文件夹后重新运行\n"
    for args in (["status", "--month", "2015-03"], ["init", "新工作区", "--year", "2015"], ["demo"], ["-w", "工作区", "backup"]):
        result = runner.invoke(cli, args, prog_name="xlflow")
        assert (result.exit_code, result.output) == (1, line), args
    assert not (elsewhere / "新工作区").exists() and not (elsewhere / "xlflow示例").exists()
    help_ = runner.invoke(cli, ["--help"], prog_name="xlflow")
    assert help_.exit_code == 0 and "xlflow init 2015信息报送 --year 2015" in help_.output
    assert runner.invoke(cli, ["status", "-h"], prog_name="xlflow").exit_code == 0
    for args in (["-w", str(ws), "status", "--month", "2015-03"], ["status", "--month", "2015-03", "-w", str(ws)]):
        lost()
        result = runner.invoke(cli, args, prog_name="xlflow")
        assert result.exit_code == 0, result.output
        assert f"xlflow -w {quote(str(ws))} consolidate --month 2015-03" in result.output


def test_a_folder_inside_the_workspace_names_the_workspace(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    march = ws / "inbox" / "2015-03"
    monkeypatch.chdir(march)
    result = run(["consolidate", "--month", "2015-03"])
    assert result.exit_code == 1
    assert result.output == f"错误：{march} 不是工作区目录，工作区在 {ws}：请在那里运行，或加 -w ../..\n"
    assert run(["-w", "../..", "consolidate", "--month", "2015-03"]).exit_code == 3  # the advice, followed
    monkeypatch.chdir(ws.parent)
    result = run(["-w", str(march), "status", "--month", "2015-03"])  # -w written as a whole path: the whole path
    monkeypatch.chdir(march)
    assert result.output == f"错误：{march} 不是工作区目录，工作区在 {ws}：请在那里运行，或加 -w '{ws}'\n"
    before = sorted(march.iterdir())
    result = run(["init", ".", "--year", "2026"])  # what the old advice said: a workspace inside the inbox
    assert result.exit_code == 1 and sorted(march.iterdir()) == before
    assert result.output == (
        f"错误：{march} 在工作区 {ws} 之中，没有建立工作区（工作区里不能再建工作区）：要用那个工作区，请在 {ws} 中运行命令；"
        f"要另建工作区，请选一个不在工作区中的目录，如 xlflow init '{ws.parent / '2026信息报送'}' --year 2026\n"
    )
    result = run(["init", "2015", "--year", "2015"])  # beside: the workspace itself is 2015信息报送
    assert result.output.endswith("要另建工作区，请选一个不在工作区中的目录\n") and not (march / "2015").exists()


def test_a_path_typed_in_a_folder_inside_the_workspace_is_advised_from_the_workspace(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review V2 #3: in backup/, `restore 台账_….sqlite`; in inbox/3月, `consolidate --month 2015-03 .`: the advice
    writes the path as seen from the workspace, and both commands it names run; restore finds a bare name in backup/."""
    monkeypatch.chdir(ws)
    assert run(["consolidate", "--month", "2015-03"]).exit_code == 3
    name = Path(written(run(["backup"]).output)[0]).name
    assert run(["restore", name]).exit_code == 0  # the name as backup printed it, from the workspace
    monkeypatch.chdir(ws / "backup")
    result = run(["restore", name])
    assert result.exit_code == 1 and result.output == (
        f"错误：{ws / 'backup'} 不是工作区目录，工作区在 {ws}：请 cd .. 后运行 xlflow restore backup/{name}，"
        f"或运行 xlflow -w .. restore backup/{name}\n"
    )
    assert run(["-w", "..", "restore", f"backup/{name}"]).exit_code == 0  # the advice, followed
    assert run(["-w", "..", "restore", name]).exit_code == 0  # the old advice: the bare name is found in backup/
    monkeypatch.chdir(ws)
    assert run(["restore", f"backup/{name}"]).exit_code == 0  # cd .., then the command

    march = ws / "inbox" / "3月"
    march.mkdir()
    for path in (ws / "inbox" / "2015-03").glob("*.xlsx"):
        (march / path.name).write_bytes(path.read_bytes())
    monkeypatch.chdir(march)
    result = run(["consolidate", "--month", "2015-03", "."])
    assert result.exit_code == 1 and result.output == (
        f"错误：{march} 不是工作区目录，工作区在 {ws}：请 cd ../.. 后运行 xlflow consolidate --month 2015-03 inbox/3月，"
        "或运行 xlflow -w ../.. consolidate --month 2015-03 inbox/3月\n"
    )
    advice = shlex.split(result.output.rstrip().rsplit("或运行 ", 1)[1])
    assert advice[0] == "xlflow" and run(advice[1:]).exit_code == 3  # the advice, followed
    assert run(["status", "--month", "2015-03"]).output.endswith("请在那里运行，或加 -w ../..\n")  # no path: as before


def test_a_workspace_one_level_down_is_named(ws: Path, elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = ws.parent  # init 2015信息报送, then the cd forgotten
    monkeypatch.chdir(parent)
    result = run(["status", "--month", "2015-03"])
    assert result.exit_code == 1
    assert result.output == f"错误：{parent} 不是工作区目录，工作区在 2015信息报送：请 cd 2015信息报送 后运行，或加 -w 2015信息报送\n"
    assert run(["-w", WS, "consolidate", "--month", "2015-03"]).exit_code == 3  # the advice, followed
    result = run(["init", ".", "--year", "2015"])  # what the old advice said: a workspace around the workspace
    assert result.exit_code == 1 and not (parent / "xlflow.toml").exists()
    assert result.output == (
        f"错误：{parent} 中已有工作区 2015信息报送，没有建立工作区（工作区里不能有工作区）：要用那个工作区，"
        "请 cd 2015信息报送 后运行命令；要另建工作区，请选一个不含工作区的目录\n"
    )
    assert run(["init", "2014信息报送", "--year", "2014"]).exit_code == 0  # beside it: allowed
    monkeypatch.chdir(elsewhere)
    result = run(["-w", f"../{PARENT}", "status", "--month", "2015-03"])  # in -w, the whole paths
    assert result.output == (
        f"错误：{parent} 不是工作区目录，工作区在 {parent / '2014信息报送'}、{ws}：请 cd 到要用的那个后运行，或加 -w 写明，"
        f"如 -w '{parent / '2014信息报送'}'\n"
    )


def test_the_init_hint_outside_a_workspace_names_the_year_typed(elsewhere: Path) -> None:
    for args, year in ((["consolidate", "--month", "2015-06"], 2015), (["bulletin", "--period", "2014-H1"], 2014)):
        result = run(args)
        assert result.exit_code == 1
        assert f"不是 xlflow 工作区（没有 xlflow.toml）：要在这里新建工作区，请运行 xlflow init . --year {year}；" in result.output


def test_without_w_nothing_changes(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws)
    result = run(["backup", "--out", "b.sqlite"])
    assert result.exit_code == 1 and "还没有台账" in result.output and "-w" not in result.output
    assert run(["consolidate", "--month", "2015-03"]).exit_code == 3
    result = run(["backup", "--out", "b.sqlite"])
    assert result.exit_code == 0, result.output
    assert "恢复方法：xlflow restore b.sqlite" in result.output
    assert written(result.output) == ["b.sqlite"]
    again = run(["bulletin", "--period", "2015-Q1"])
    assert "请按奖励办法修改金额后重新运行 xlflow bulletin --period 2015-Q1" in again.output  # this command again


# --- every hint, run as printed ------------------------------------------------------------------------------

_HINT = re.compile(r"(?:cd (?P<cd>.+?)(?:，然后|，| &&)\s*)?xlflow (?=[-a-z])(?P<rest>.*)")


def hints(output: str) -> list[tuple[Path, list[str]]]:
    """(folder to run in, argv) of every `xlflow <command> …` in `output`: the command ends at the first word
    that is neither ASCII nor a path (给各单位下发登记表), or at Chinese punctuation."""
    found = []
    for line in output.splitlines():
        match = _HINT.search(line)
        if not match:
            continue
        text = re.split(r"[，。；（）]", match.group("rest"))[0]
        words = []
        for word in shlex.split(text):
            if not (word.isascii() or any(c in word for c in "/\\.")):
                break
            words.append(word)
        if words and (words[0] == "-w" or words[0] in cli.commands):
            cwd = Path(shlex.split(match.group("cd"))[0]) if match.group("cd") else Path.cwd()
            found.append((cwd, words))
    return found


def assert_works(cwd: Path, args: list[str]) -> None:
    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = run(args)
    finally:
        os.chdir(before)
    assert result.exit_code != 2, (args, result.output)
    assert "不是 xlflow 工作区" not in result.output, (args, result.output)


def test_every_hint_of_a_season_works_as_printed(elsewhere: Path) -> None:
    outputs = []

    def xlflow(*args: str) -> Result:
        result = run(list(args))
        assert result.exit_code in (0, 3), result.output
        outputs.append(result.output)
        for cwd, argv in hints(result.output):  # as printed, in the folder where it was printed
            assert_works(cwd, argv)
        return result

    made = xlflow("-w", f"../{PARENT}", "init", WS, "--year", "2015")
    assert hints(made.output) == [(elsewhere.parent / PARENT / WS, ["templates"])]
    fill_march(elsewhere.parent / PARENT / WS)
    xlflow("-w", W, "distribute", "--month", "2015-03")
    xlflow("-w", W, "consolidate", "--month", "2015-03")
    xlflow("-w", W, "status", "--month", "2015-03", "--remind")
    xlflow("-w", W, "status", "--month", "2015-05")
    xlflow("-w", W, "bulletin", "--period", "2015-Q1")
    xlflow("-w", W, "export", "--period", "2015-03")
    backup = xlflow("-w", W, "backup")
    restored = xlflow("-w", W, "restore", f"backup/{Path(written(backup.output)[0]).name}")  # relative to DIR
    assert written(restored.output)[0] == f"{W}/ledger.sqlite"

    printed = [argv for output in outputs for _, argv in hints(output)]
    commands = {argv[2] for argv in printed if argv[0] == "-w"}
    assert {"register", "consolidate", "bulletin", "restore"} <= commands, printed
    assert all(argv[:2] == ["-w", W] for argv in printed[1:]), printed
    assert ["-w", W, "bulletin", "--period", "2015-Q1"] in printed  # "重新运行 xlflow bulletin": this command again
    assert ["-w", W, "consolidate", "--month", "2015-05"] in printed


# --- the rewriting itself -----------------------------------------------------------------------------------


def test_rewrite_hints_touches_hints_only() -> None:
    session = Session(origin="/home/张三", typed=["../工作区 2015"], command="bulletin", args=["--period", "2015-H1", "-w", "x"])
    commands = ["consolidate", "bulletin", "restore", "status"]
    text = "\n".join(
        [
            "请先运行 xlflow consolidate --month 2015-04",
            "改好后重新运行 xlflow bulletin",
            "已另存为 /ws/backup/a.sqlite（如需撤销：xlflow restore /ws/backup/a.sqlite）",
            "下一步：cd /ws，然后 xlflow status --month 2015-01",
            "/ws 不是 xlflow 工作区；xlflow.toml；xlflow示例",
        ]
    )
    assert session.rewrite_hints(text, commands, root="/ws").splitlines() == [
        "请先运行 xlflow -w '../工作区 2015' consolidate --month 2015-04",
        "改好后重新运行 xlflow -w '../工作区 2015' bulletin --period 2015-H1",
        "已另存为 /ws/backup/a.sqlite（如需撤销：xlflow -w '../工作区 2015' restore backup/a.sqlite）",
        "下一步：cd /ws，然后 xlflow status --month 2015-01",
        "/ws 不是 xlflow 工作区；xlflow.toml；xlflow示例",
    ]


def test_quote_and_arguments() -> None:
    assert quote("2015信息报送") == "2015信息报送"
    assert quote("../a/b.sqlite") == "../a/b.sqlite"
    assert shlex.split(quote("我的 文档/ws"))[0] == "我的 文档/ws"
    assert without_workdir(["--period", "2015", "-w", "a", "--workspace", "b", "--workspace=c", "-wd", "x"]) == ["--period", "2015", "x"]
