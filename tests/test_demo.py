"""`xlflow demo` end to end: the README's main command builds a workspace a coordinator can explore."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlflow.cli import cli
from xlflow.commands.demo import DEMO_MARK_TEXT, _prepare, is_demo_workspace
from xlflow.commands.init import init_workspace
from xlflow.core.errors import WorkspaceError
from xlflow.core.periods import Period
from xlflow.ledger import Ledger
from xlflow.workspace import Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    root = tmp_path_factory.mktemp("demo") / "示例"
    result = CliRunner().invoke(cli, ["demo", str(root)])
    return root, result.output, result.exit_code


def test_demo_runs_and_says_where_to_look(demo: tuple[Path, str, int]) -> None:
    root, output, code = demo
    assert code == 0, output
    assert "先看这里" in output
    assert "通报_2015年上半年.xlsx" in output
    assert "被拒收" in output
    for name in ("xlflow.toml", "信息任务分配表.xlsx", "采用登记表.xlsx", "奖励标准.xlsx", "通讯员名册.xlsx", "ledger.sqlite"):
        assert (root / name).is_file(), name


def test_demo_says_the_numbers_status_and_the_bulletin_say(demo: tuple[Path, str, int]) -> None:
    """Review X8: June said 计入 123 while status said 122 (one counted in May), and 两行对不上 of 3 rows not counted."""
    root, output, _ = demo
    said = ["2015年1月：26 个文件，计入 118 条", "2015年2月：28 个文件，计入 116 条", "2015年3月：31 个文件，计入 102 条，拒收 5 个",
            "2015年4月：26 个文件，计入 120 条", "2015年5月：29 个文件，计入 122 条", "2015年6月：31 个文件，计入 122 条，拒收 5 个"]
    assert [line.strip() for line in output.splitlines() if "个文件，计入" in line] == said  # 700 in all
    june = CliRunner().invoke(cli, ["status", "--month", "2015-06", "-w", str(root)]).output
    assert "计入 122 条" in june and "报送（计入）700 篇" in output
    assert "采用登记：144 行（含一篇两级采用；2 行未计入采用，见工作底稿“采用登记待核对”）" in output
    papers = openpyxl.load_workbook(root / "out" / "工作底稿_2015年上半年.xlsx")["采用登记待核对"]
    assert [r[0] for r in papers.iter_rows(min_row=4, values_only=True) if r[5] is not None] == [146, 147]


def test_demo_bulletin_holds_every_unit_and_adoptions(demo: tuple[Path, str, int]) -> None:
    root, _, _ = demo
    book = openpyxl.load_workbook(root / "out" / "通报_2015年上半年.xlsx")
    assert book.sheetnames == ["通报", "完成情况", "采用明细", "分类统计", "完成率图"]
    papers = openpyxl.load_workbook(root / "out" / "工作底稿_2015年上半年.xlsx")
    assert papers.sheetnames == ["问题稿件", "无稿件计入单位", "采用登记待核对"]
    sheet = book["完成情况"]
    names = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert "汨罗市工信局" in names and "综合法规科" in names
    assert sum(1 for n in names if str(n).endswith("小计")) == 4
    with Ledger.open(root / "ledger.sqlite") as ledger:
        counted = ledger.articles(Period.parse("2015-H1").month_keys)
    assert len(counted) > 500
    assert all(a.counted for a in counted)
    assert book["采用明细"].max_row > 50


def test_demo_reward_workbook_has_live_formulas(demo: tuple[Path, str, int]) -> None:
    root, _, _ = demo
    book = openpyxl.load_workbook(root / "out" / "奖励计算表_2015年上半年.xlsx")
    formulas = [c.value for row in book["奖励明细"].iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas, "奖励金额 should be formulas on the schedule"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root (hidden ones too) with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_demo_never_touches_a_folder_it_did_not_make(tmp_path: Path) -> None:
    other = tmp_path / "mine"
    other.mkdir()
    (other / "重要.txt").write_text("keep", encoding="utf-8")
    for args in (["demo", str(other)], ["demo", str(other), "--force"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1
        assert "不是示例工作区" in result.output and "请换一个不存在或空的目录" in result.output
        assert (other / "重要.txt").read_text(encoding="utf-8") == "keep"


def test_demo_force_refuses_a_real_workspace_and_keeps_every_file(tmp_path: Path) -> None:
    root = tmp_path / "2015信息报送"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root), "--year", "2015"]).exit_code == 0
    with Ledger.open(root / "ledger.sqlite"):
        pass
    (root / "inbox" / "2015-03").mkdir(parents=True)
    (root / "inbox" / "2015-03" / "岳阳县工信局_3月.xlsx").write_bytes(b"PK\x03\x04 a unit's workbook")
    (root / "backup").mkdir()
    (root / "backup" / "台账_20150301_0900.sqlite").write_bytes(b"SQLite format 3\x00")
    before = snapshot(root)
    assert "ledger.sqlite" in before and "inbox/2015-03/岳阳县工信局_3月.xlsx" in before

    result = runner.invoke(cli, ["demo", str(root), "--force"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert str(root) in lines[0] and "不是示例工作区" in lines[0] and "请换一个不存在或空的目录" in lines[0]
    assert snapshot(root) == before


def test_demo_mark_must_be_the_demos_own(tmp_path: Path) -> None:
    """A file that merely has the mark's name, or a mark reached through a link, does not make a folder a demo."""
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / ".xlflow-demo").write_text("随便写的", encoding="utf-8")
    (forged / "ledger.sqlite").write_bytes(b"real")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "ledger.sqlite").write_bytes(b"real")
    real_mark = tmp_path / "mark"
    real_mark.write_text(DEMO_MARK_TEXT, encoding="utf-8")
    (linked / ".xlflow-demo").symlink_to(real_mark)
    for folder in (forged, linked):
        result = CliRunner().invoke(cli, ["demo", str(folder), "--force"])
        assert result.exit_code == 1 and "不是示例工作区" in result.output
        assert (folder / "ledger.sqlite").read_bytes() == b"real"


def test_a_previous_demo_is_rebuilt_with_force_only(demo: tuple[Path, str, int], tmp_path: Path) -> None:
    previous = tmp_path / "上次的示例"
    shutil.copytree(demo[0], previous)
    (previous / "out" / "我加的.txt").write_text("demo scratch", encoding="utf-8")

    refused = CliRunner().invoke(cli, ["demo", str(previous)])
    assert refused.exit_code == 1
    assert "是以前建立的示例工作区" in refused.output and "--force" in refused.output
    assert (previous / "out" / "我加的.txt").exists()

    rebuilt = CliRunner().invoke(cli, ["demo", str(previous), "--force"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert not (previous / "out" / "我加的.txt").exists()
    assert (previous / ".xlflow-demo").read_text(encoding="utf-8") == DEMO_MARK_TEXT
    assert (previous / "out" / "通报_2015年上半年.xlsx").is_file() and (previous / "通讯员名册.xlsx").is_file()


def test_an_empty_folder_is_used_and_a_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "空目录"
    empty.mkdir()
    assert is_demo_workspace(empty) is False
    _prepare(empty, force=False)  # nothing to refuse: the demo is built in it
    assert empty.is_dir()
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="是一个文件"):
        _prepare(tmp_path / "plain", force=True)
    assert (tmp_path / "plain").read_text(encoding="utf-8") == "x"


def test_a_demo_that_cannot_be_emptied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook of the old demo open in Excel stops --force: one line saying so, the old demo still there."""
    previous = tmp_path / "示例"
    previous.mkdir()
    (previous / ".xlflow-demo").write_text(DEMO_MARK_TEXT, encoding="utf-8")
    (previous / "通讯员名册.xlsx").write_bytes(b"open in Excel")

    def busy(path: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问", str(path))

    monkeypatch.setattr(shutil, "rmtree", busy)
    result = CliRunner().invoke(cli, ["demo", str(previous), "--force"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"无法清空示例工作区 {previous}（另一个程序正在使用此文件，进程无法访问）：可能有文件正在 Excel 或 WPS 中打开，请关闭后重试" in result.output
    assert (previous / "通讯员名册.xlsx").read_bytes() == b"open in Excel"


def test_a_demo_cut_short_by_a_full_disk_says_to_run_it_again_with_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up in February: the half-made demo is refused without --force, so that is what the line says."""
    import errno

    from xlflow.commands import consolidate as consolidating
    from xlflow.commands.demo import run_demo
    from xlflow.core.errors import OutputError

    def full(ws: Workspace, month: Period, *args: object, **kwargs: object) -> None:
        raise OutputError(ws.ledger_path, OSError(errno.ENOSPC, "No space left on device"), note="（台账未改动）")

    def wanted(root: Path) -> str:
        return (f"示例工作区 {root} 未建完：无法写入 {root / 'ledger.sqlite'}（磁盘已满）；"
                f"请腾出磁盘空间后运行 xlflow demo {root} --force 重新生成（只清空这个示例目录）")  # fmt: skip

    monkeypatch.setattr(consolidating, "consolidate", full)
    root = tmp_path / "示例"
    with pytest.raises(WorkspaceError) as caught:
        run_demo(root)
    assert str(caught.value) == wanted(root)
    root = tmp_path / "另一个示例"
    result = CliRunner().invoke(cli, ["demo", str(root)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count(wanted(root)) == 1, result.output
    assert "重新运行" not in result.output


def _cut_short(monkeypatch: pytest.MonkeyPatch, where: str, month: str, exc: BaseException) -> None:
    """`exc` raised while the demo writes `month`'s outputs (inside consolidate) or generates its workbooks."""
    from xlflow.commands import consolidate as consolidating
    from xlflow.demo import returns

    patched, name = (consolidating, "_write_outputs") if where == "outputs" else (returns, "generate_month")
    real = getattr(patched, name)

    def stop(*args: object, **kwargs: object) -> object:
        if any(month in getattr(a, "key", str(a)) for a in args):
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(patched, name, stop)


@pytest.mark.parametrize(("where", "month"), [("outputs", "2015-03"), ("generate", "2015-02")])
def test_a_demo_interrupted_stops_at_once_and_says_to_run_it_again_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, month: str
) -> None:
    """Ctrl-C while March's receipts are written (consolidate keeps it as a line of its summary) or while February's
    workbooks are made: the demo stops there, says 已中止 and how to make it again, exit status 1, never 已跑完."""
    from xlflow.commands.demo import run_demo

    _cut_short(monkeypatch, where, month, KeyboardInterrupt())
    root = tmp_path / "示例"
    wanted = f"示例工作区 {root} 未建完：已中止；请运行 xlflow demo {root} --force 重新生成（只清空这个示例目录）"
    with pytest.raises(WorkspaceError) as caught:
        run_demo(root)
    assert str(caught.value) == wanted
    root = tmp_path / "另一个示例"
    result = CliRunner().invoke(cli, ["demo", str(root)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output == f"错误：示例工作区 {root} 未建完：已中止；请运行 xlflow demo {root} --force 重新生成（只清空这个示例目录）\n"
    assert not (root / "inbox" / "2015-04").exists() and not (root / "out" / "通报_2015年上半年.xlsx").exists()
    assert is_demo_workspace(root)  # what the line says to run works: --force empties it


def test_a_demo_step_that_reports_a_problem_is_not_called_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """February's outputs fail (consolidate says so among its warnings, exit status 1): the demo stops, names it."""
    _cut_short(monkeypatch, "outputs", "2015-02", RuntimeError("磁头坏了"))
    root = tmp_path / "示例"
    result = CliRunner().invoke(cli, ["demo", str(root)])
    assert result.exit_code == 1 and "Traceback" not in result.output and "跑完" not in result.output
    assert result.output == (
        f"错误：示例工作区 {root} 未建完：2015年2月的汇总：台账已更新，但回执和月度通报未写完（xlflow 内部错误 RuntimeError: "
        f"磁头坏了）；请处理后运行 xlflow demo {root} --force 重新生成（只清空这个示例目录）\n"
    )
    assert not (root / "inbox" / "2015-03").exists()



def test_a_demo_step_that_fails_on_a_full_disk_says_to_free_space_and_use_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """January's receipts do not fit on the disk: consolidate says to run it again, the demo says what it needs."""
    import errno

    from xlflow.commands import receipts
    from xlflow.core.errors import OutputError

    def full(job: receipts._ReceiptJob) -> OutputError:
        return OutputError(job.path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(receipts, "_write_receipt_file", full)
    root = tmp_path / "示例"
    result = CliRunner().invoke(cli, ["demo", str(root)])
    assert result.exit_code == 1 and "跑完" not in result.output and "xlflow consolidate" not in result.output
    assert result.output.startswith(f"错误：示例工作区 {root} 未建完：2015年1月的汇总：台账已更新，但回执 26 份（"), result.output
    assert result.output.endswith(
        f"）未能写入：磁盘已满；请腾出磁盘空间后运行 xlflow demo {root} --force 重新生成（只清空这个示例目录）\n"
    ), result.output


def test_a_demo_on_a_full_disk_names_the_mark_and_its_rerun_with_force_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk is full from the start: the demo's mark cannot be written. The line names it and says to free space
    and rerun with --force; no empty mark is left that would make the folder look like someone else's; the rerun
    (space freed) makes the demo."""
    import builtins
    import errno
    import io

    root = tmp_path / "示例"
    real_open = io.open

    def full(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if any(c in mode for c in "wax") and str(file).startswith(str(root)):
            real_open(file, mode, *args, **kwargs).close()  # the file is made, its contents do not fit
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", full)
    monkeypatch.setattr(builtins, "open", full)
    result = CliRunner().invoke(cli, ["demo", str(root)])
    monkeypatch.undo()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output == (f"错误：示例工作区 {root} 未建完：无法写入 {root / '.xlflow-demo'}（磁盘已满）；请腾出磁盘空间后"
                             f"运行 xlflow demo {root} --force 重新生成（只清空这个示例目录）\n")  # fmt: skip
    assert list(root.iterdir()) == []
    again = CliRunner().invoke(cli, ["demo", str(root), "--force"])
    assert again.exit_code == 0, again.output
    assert (root / ".xlflow-demo").read_text(encoding="utf-8") == DEMO_MARK_TEXT
    assert (root / "out" / "通报_2015年上半年.xlsx").is_file()


def test_a_write_error_without_a_file_name_names_the_demo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError that carries no file name (a library writing a workbook) still says where writing failed."""
    import errno

    from xlflow.commands.demo import run_demo

    _cut_short(monkeypatch, "generate", "2015-02", OSError(errno.ENOSPC, "No space left on device"))
    root = tmp_path / "示例"
    with pytest.raises(WorkspaceError) as caught:
        run_demo(root)
    assert str(caught.value) == (f"示例工作区 {root} 未建完：无法写入 {root}（磁盘已满）；请腾出磁盘空间后运行 "
                                 f"xlflow demo {root} --force 重新生成（只清空这个示例目录）")  # fmt: skip


def test_a_demo_inside_a_workspace_is_built_and_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`xlflow demo` run in a workspace (README: 先看效果) builds xlflow示例 there: it is self-contained and no command
    of the workspace reads it. A demo made there earlier is rebuilt by --force, never left deleted."""
    ws = tmp_path / "2015信息报送"
    init_workspace(ws, 2015)
    before = snapshot(ws)
    monkeypatch.chdir(ws)
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"示例工作区已建立并跑完 2015 年上半年：{ws / 'xlflow示例'}\n")
    (ws / "xlflow示例" / "out" / "我加的.txt").write_text("demo scratch", encoding="utf-8")
    assert "是以前建立的示例工作区" in CliRunner().invoke(cli, ["demo"]).output
    rebuilt = CliRunner().invoke(cli, ["demo", "--force"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert not (ws / "xlflow示例" / "out" / "我加的.txt").exists()
    assert (ws / "xlflow示例" / "out" / "通报_2015年上半年.xlsx").is_file()
    assert Workspace.open(ws / "xlflow示例").settings.year == 2015
    assert {k: v for k, v in snapshot(ws).items() if not k.startswith("xlflow示例")} == before  # the workspace untouched


def test_a_demo_in_an_inbox_is_refused_before_anything_is_touched(demo: tuple[Path, str, int], tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """In a workspace's inbox/ the demo's workbooks would be read as returns: refused, an earlier demo there (copied
    in) kept whole with --force, no folder made."""
    from xlflow.commands.demo import run_demo

    ws = tmp_path / "2015信息报送"
    init_workspace(ws, 2015)
    march = ws / "inbox" / "2015-03"
    shutil.copytree(demo[0], march / "xlflow示例")
    before = snapshot(ws)
    monkeypatch.chdir(march)
    for args in (["demo"], ["demo", "--force"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1
        assert result.output == (
            f"错误：{march / 'xlflow示例'} 在工作区 {ws} 的 inbox/ 之中，没有建立示例，也没有改动任何文件（inbox/ 中的工作簿"
            f"会被当作各单位报送的读取）：请在 inbox/ 以外运行 xlflow demo，如 xlflow demo {tmp_path / 'xlflow示例'}\n"
        )
    assert snapshot(ws) == before
    with pytest.raises(WorkspaceError) as caught:
        run_demo(ws / "inbox", force=True)
    assert str(caught.value).startswith(f"{ws / 'inbox'} 在工作区 {ws} 的 inbox/ 之中，没有建立示例，也没有改动任何文件")
    (tmp_path / "xlflow示例").mkdir()  # the folder it would name is taken: no example
    with pytest.raises(WorkspaceError) as caught:
        run_demo(march / "新示例")
    assert str(caught.value).endswith("：请在 inbox/ 以外运行 xlflow demo")
    assert snapshot(ws) == before and not (march / "新示例").exists()


def test_the_january_bulletin_counts_the_units_with_nothing_counted_one_way(demo: tuple[Path, str, int], tmp_path: Path) -> None:
    """The summary, the notice and the 工作底稿 name the same one unit that owes its month and has nothing counted
    (综合法规科); the 7 quarterly units whose quarter is not over are not among them."""
    root = tmp_path / "示例"
    shutil.copytree(demo[0], root)
    result = CliRunner().invoke(cli, ["bulletin", "--period", "2015-01", "--date", "2015-02-05", "-w", str(root)])
    assert result.exit_code == 0, result.output
    assert "  完成任务 23 个单位，未完成 4 个（其中无稿件计入 1 个），按季度考核、季度未结束尚未报满 7 个\n" in result.output
    notice = [c.value for c in openpyxl.load_workbook(root / "out" / "通报_2015年01月.xlsx")["通报"]["A"] if c.value]
    assert "\u3000\u30001个单位本期没有稿件计入：综合法规科。请上述单位高度重视，明确专人负责，按时足额报送。" in notice
    sheet = openpyxl.load_workbook(root / "out" / "工作底稿_2015年01月.xlsx")["无稿件计入单位"]
    assert sheet["A2"].value == (
        "共 1 个单位本期没有稿件计入（“情况”一栏说明收到了什么、为什么没有计入、该怎么办）；"
        "按季度考核、季度未结束的单位 7 个（尚无稿件计入，不算未完成）列在后面"
    )
    assert [c.value for c in sheet[4]] == [1, "综合法规科", "综合法规科", 5, 0, "本期未收到报送文件"]
    assert sheet["A5"].value == "按季度考核、季度未结束的单位 7 个（尚无稿件计入，不算未完成）："
    assert [sheet.cell(r, 2).value for r in range(6, 13)] == [
        "人事科", "财务科", "机关党委", "工业公会", "能源利用监测站", "机关后勤服务中心", "退二进三办"]  # fmt: skip


def test_the_readmes_dated_half_year_bulletin_keeps_the_demos_file(demo: tuple[Path, str, int], tmp_path: Path) -> None:
    """The demo made the half year's bulletin dated 2015年7月3日: the README's --date 2015-07-03 finds nothing new,
    and keeps no 旧版 copy; another date given is written in place (the content is the same)."""
    root = tmp_path / "示例"
    shutil.copytree(demo[0], root)
    run = CliRunner().invoke(cli, ["bulletin", "--period", "2015-H1", "--date", "2015-07-03", "-w", str(root)])
    assert run.exit_code == 0, run.output
    assert "  通报_2015年上半年.xlsx 内容没有变化，保留原文件\n" in run.output
    later = CliRunner().invoke(cli, ["bulletin", "--period", "2015-H1", "--date", "2015-07-06", "-w", str(root)])
    assert "  通报_2015年上半年.xlsx 内容没有变化，落款日期改为 2015年7月6日\n" in later.output, later.output
    assert "  工作底稿_2015年上半年.xlsx 内容没有变化，保留原文件\n" in later.output
    notice = [c.value for c in openpyxl.load_workbook(root / "out" / "通报_2015年上半年.xlsx")["通报"]["A"] if c.value]
    assert notice[-1] == "2015年7月6日\u3000\u3000"
    assert not [p.name for p in (root / "out").iterdir() if "旧版" in p.name]


def test_the_demos_adoption_register_is_typed_into_the_templates_columns(demo: tuple[Path, str, int]) -> None:
    """Review Y2: empty 备注 cells were written as empty inline strings (144 validator warnings); the typed cells
    lost the template's column format (采用日期 not centred)."""
    import zipfile

    root, _, _ = demo
    sheet = openpyxl.load_workbook(root / "采用登记表.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(min_row=4, max_row=147))
    assert all(row[4].number_format == "yyyy-mm-dd" and row[4].alignment.horizontal == "center" for row in rows)
    assert [(row[3].alignment.horizontal, row[5].alignment.horizontal, row[6].alignment.horizontal) for row in rows[:2]] == [("center",) * 3] * 2
    assert {row[7].value for row in rows} == {None}
    with zipfile.ZipFile(root / "采用登记表.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert xml.count('t="inlineStr"') == xml.count('t="inlineStr"><is>')  # every text cell holds its text
