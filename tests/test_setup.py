"""`xlflow init`, `xlflow templates` and `xlflow distribute`: through the library and through the CLI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers_ledger import report_row, write_report
from tests.helpers_setup import load, small_table, write_roster
from tests.helpers_workbooks import write_ods
from xlflow.cli import cli
from xlflow.commands.distribute import distribute, report_file_name
from xlflow.commands.init import init_workspace
from xlflow.commands.templates import write_templates
from xlflow.core.errors import WorkspaceError
from xlflow.core.periods import Period
from xlflow.core.schema import ADOPTION_SHEET, QUOTA_SHEET, REPORT_SHEET, REWARD_SHEET
from xlflow.workspace import Workspace
from xlflow.writers.quota import ATTACHMENT_SHEET, write_quota_workbook

NARRATIVE = Path(__file__).resolve().parent.parent / "xlflow" / "narrative"


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    init_workspace(tmp_path / "ws", 2015)
    return Workspace.open(tmp_path / "ws")


# --- init ------------------------------------------------------------------------------------------


def test_init_writes_a_workspace(tmp_path: Path) -> None:
    root = tmp_path / "2015信息报送"
    result = run("init", str(root), "--year", "2015")
    assert result.exit_code == 0, result.output
    assert "34 个单位" in result.output
    settings = tomllib.loads((root / "xlflow.toml").read_text(encoding="utf-8"))
    assert settings["year"] == 2015
    assert settings["rules"]["min_chars"] == 200
    assert settings["rules"]["emergency_hours"] == 24
    assert str(settings["register"]["deadline"]) == "2015-02-27"
    ws = Workspace.open(root)
    assert ws.settings.year == 2015
    assert len(ws.units()) == 34
    assert (root / "inbox").is_dir() and (root / "out").is_dir()
    assert (root / "通讯员登记表").is_dir()  # init's next step says to put the returned registers there
    empty = run("register", "-w", str(root))
    assert "中没有可以读取的通讯员登记表（文件夹是空的）" in empty.output and "工作区中没有" not in empty.output
    assert load(ws.adoption_path).sheetnames[0] == ADOPTION_SHEET
    assert load(ws.reward_schedule_path).sheetnames == [REWARD_SHEET]
    quota = load(ws.quota_path)  # the table xlflow reads, then 附件一 as the notice prints it
    assert quota.sheetnames == [QUOTA_SHEET, ATTACHMENT_SHEET] and quota.active.title == QUOTA_SHEET
    assert (quota[ATTACHMENT_SHEET]["A5"].value, quota[ATTACHMENT_SHEET]["D5"].value) == ("办公室", "机关后勤服务中心")
    shipped = sorted(p.name for p in NARRATIVE.iterdir() if p.is_file() and not p.name.startswith((".", "__")))
    assert shipped, "xlflow/narrative/ ships the bulletin templates"
    assert sorted(p.name for p in ws.narrative_dir.iterdir()) == shipped
    for name in shipped:
        assert (ws.narrative_dir / name).read_bytes() == (NARRATIVE / name).read_bytes()


def test_init_refuses_an_existing_workspace(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert run("init", str(root), "--year", "2015").exit_code == 0
    (root / "xlflow.toml").write_text("year = 2015\n# 我改过\n", encoding="utf-8")
    result = run("init", str(root), "--year", "2016")
    assert result.exit_code == 1
    assert "--force" in result.output and "已经是 2015 年度的 xlflow 工作区" in result.output
    assert (root / "xlflow.toml").read_text(encoding="utf-8") == "year = 2015\n# 我改过\n"
    with pytest.raises(WorkspaceError, match="--force"):
        init_workspace(root, 2016)


def test_a_deleted_adoption_register_is_rebuilt_alone(tmp_path: Path) -> None:
    """bulletin names the missing 采用登记表 with an init command; that command writes only what is missing."""
    root = tmp_path / "ws"
    assert run("init", str(root), "--year", "2015").exit_code == 0
    (root / "xlflow.toml").write_text("year = 2015\n# 我改过\n", encoding="utf-8")
    quota = (root / "信息任务分配表.xlsx").read_bytes()
    schedule = (root / "奖励标准.xlsx").read_bytes()
    (root / "采用登记表.xlsx").unlink()
    write_report(root / "inbox" / "2015-03" / "办公室.xlsx", "办公室", [report_row("一篇")])
    assert run("consolidate", "--month", "2015-03", "-w", str(root)).exit_code == 0

    told = run("bulletin", "--period", "2015-03", "--date", "2015-04-05", "-w", str(root))
    assert "找不到采用登记表 采用登记表.xlsx：采用数按 0 计" in told.output
    assert f"xlflow init {root} --year 2015（只补建缺少的表，其余文件不动）" in told.output
    assert "--force" not in told.output

    result = run("init", str(root), "--year", "2015")
    assert result.exit_code == 0, result.output
    assert "补建：采用登记表.xlsx" in result.output and "奖励标准为示例金额" not in result.output
    assert (root / "xlflow.toml").read_text(encoding="utf-8") == "year = 2015\n# 我改过\n"
    assert (root / "信息任务分配表.xlsx").read_bytes() == quota
    assert (root / "奖励标准.xlsx").read_bytes() == schedule
    book = load(root / "采用登记表.xlsx")
    assert book.sheetnames[0] == ADOPTION_SHEET
    assert not list(root.glob("backup/*init前*"))

    again = run("bulletin", "--period", "2015-03", "--date", "2015-04-05", "-w", str(root))
    assert "找不到采用登记表" not in again.output


def test_init_rebuilds_nothing_for_another_year(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    init_workspace(root, 2015)
    (root / "奖励标准.xlsx").unlink()
    with pytest.raises(WorkspaceError) as refused:  # `xlflow init .` without --year in 2016
        init_workspace(root, 2016)
    assert str(refused.value) == (f"{root} 是 2015 年度的工作区，没有改动任何文件：要补建缺少的奖励标准.xlsx，"
                                  f"请运行 xlflow init {root} --year 2015")  # fmt: skip
    assert not (root / "奖励标准.xlsx").exists()
    result = init_workspace(root, 2015)
    assert result.lines[:2] == ["补建：奖励标准.xlsx", "奖励标准为示例金额，请按奖励通知修改 奖励标准.xlsx"]
    assert load(root / "奖励标准.xlsx").sheetnames[0] == REWARD_SHEET
    (root / "信息任务分配表.xlsx").unlink()
    assert init_workspace(root, 2015).lines[:2] == [
        "补建：信息任务分配表.xlsx", "任务分配表按通知附件一补建（34 个单位）：原表改过单位、任务或别名的，请从回收站找回原表放回，或在补建的表中重新修改"]


def test_init_force_keeps_a_workspace_to_the_year_of_its_ledger(tmp_path: Path) -> None:
    """Starting 2016 in the 2015 workspace would judge 2016 titles against 2015's (R6) and hide 2015."""
    root = tmp_path / "2015信息报送"
    assert run("init", str(root), "--year", "2015").exit_code == 0
    write_report(root / "inbox" / "2015-03" / "办公室.xlsx", "办公室", [report_row("一篇")])
    assert run("consolidate", "--month", "2015-03", "-w", str(root)).exit_code == 0
    settings = (root / "xlflow.toml").read_bytes()
    result = run("init", str(root), "--year", "2016", "--force")
    assert result.exit_code == 1
    assert (
        f"没有把 {root} 改为 2016 年度，任何文件都未改动：ledger.sqlite 中是 2015 年的信息，一个工作区只管一年"
        "（否则今年与往年同名的稿件会被判为重复报送）。2016 年的信息请另建工作区："
        f"xlflow init {tmp_path / '2016信息报送'} --year 2016（任务分配表、奖励标准和 xlflow.toml 可以复制过去再改，"
        "xlflow.toml 中的 year 和 deadline 改为 2016 年的；采用登记表每年一本，不要复制）"
    ) in result.output.replace("\n", "")
    assert (root / "xlflow.toml").read_bytes() == settings and not list(root.glob("backup/*init前*"))
    assert run("init", str(root), "--year", "2015", "--force").exit_code == 0  # the same year: rewritten

    settings = (root / "xlflow.toml").read_text(encoding="utf-8")  # the year changed by hand: consolidate refuses
    (root / "xlflow.toml").write_text(settings.replace("year = 2015", "year = 2016", 1).replace("2015-02-27", "2016-02-27"), encoding="utf-8")
    write_report(root / "inbox" / "2016-01" / "办公室.xlsx", "办公室", [report_row("一篇")], month="2016年1月")
    ledger = (root / "ledger.sqlite").read_bytes()
    result = run("consolidate", "--month", "2016-01", "-w", str(root))
    assert result.exit_code == 1
    assert result.output.replace("\n", "").startswith(
        "错误：没有汇总2016年1月，台账未改动：ledger.sqlite 中是 2015 年的信息，一个工作区只管一年")
    assert result.output.replace("\n", "").endswith("；如果是 xlflow.toml 中的 year 改错了，请改回")
    assert (root / "ledger.sqlite").read_bytes() == ledger


def test_init_of_another_year_on_a_used_workspace_says_the_year_first(tmp_path: Path) -> None:
    """January 2016, `xlflow init` on last year's workspace with --year 2016 or without --year (this year) (review V2
    #2): the first message says it is 2015's and how to start the new year, not --force (which is then refused)."""
    root = tmp_path / "2015信息报送"
    assert run("init", str(root), "--year", "2015").exit_code == 0
    write_report(root / "inbox" / "2015-03" / "办公室.xlsx", "办公室", [report_row("一篇")])
    assert run("consolidate", "--month", "2015-03", "-w", str(root)).exit_code == 0
    settings = (root / "xlflow.toml").read_bytes()
    this = dt.date.today().year  # init's --year when left out
    for year, typed in ((2016, ["--year", "2016"]), (this, [])):
        result = run("init", str(root), *typed)
        assert result.exit_code == 1 and result.output.replace("\n", "") == (
            f"错误：{root} 是 2015 年度的工作区，没有改动任何文件：ledger.sqlite 中是 2015 年的信息，一个工作区只管一年"
            f"（否则今年与往年同名的稿件会被判为重复报送）。{year} 年的信息请另建工作区：xlflow init {tmp_path / f'{year}信息报送'} "
            f"--year {year}（任务分配表、奖励标准和 xlflow.toml 可以复制过去再改，xlflow.toml 中的 year 和 deadline 改为 {year} 年的；"
            "采用登记表每年一本，不要复制）"
        )
    (root / "奖励标准.xlsx").unlink()
    said = run("init", str(root), "--year", "2016").output.replace("\n", "")
    assert said.endswith(f"采用登记表每年一本，不要复制）；要补建本工作区缺少的奖励标准.xlsx，请运行 xlflow init {root} --year 2015"), said
    assert (root / "xlflow.toml").read_bytes() == settings and not (root / "奖励标准.xlsx").exists()
    made = tmp_path / "新的一年"  # 2016's made already beside it (review X1 #3): named, not to be made again
    assert run("init", str(made), "--year", "2016").exit_code == 0
    assert run("init", str(root), "--year", "2016").output.replace("\n", "").endswith(
        f"。2016 年度的工作区已有：{made}，请在那里运行命令；要补建本工作区缺少的奖励标准.xlsx，请运行 xlflow init {root} --year 2015")

    fresh = tmp_path / "ws"  # no ledger yet: --force may make it 2016's, and the refusal says so
    init_workspace(fresh, 2015)
    with pytest.raises(WorkspaceError) as refused:
        init_workspace(fresh, 2016)
    assert str(refused.value) == (f"{fresh} 已经是 2015 年度的 xlflow 工作区（有 xlflow.toml），没有改动任何文件。确实要改为 2016 年度、"
                                  "重新写入设置和模板，请加 --force（台账 ledger.sqlite 和 inbox/、out/ 中的文件不会删除）")  # fmt: skip
    assert init_workspace(fresh, 2016, force=True).title == f"已重新写入工作区 {fresh}（2016 年度）"


def test_init_force_rewrites_but_keeps_ledger_inbox_out_and_edits(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    init_workspace(root, 2015)
    ws = Workspace.open(root)
    ws.ledger_path.write_bytes(b"ledger")
    (ws.inbox / "岳阳县工信局.xlsx").write_bytes(b"unit file")
    (ws.out / "通报.xlsx").write_bytes(b"bulletin")
    adoption_before = ws.adoption_path.read_bytes()
    edited = sorted(ws.narrative_dir.iterdir())[0]
    edited.write_text("我改过的通报模板", encoding="utf-8")

    result = run("init", str(root), "--year", "2016", "--force")
    assert result.exit_code == 0, result.output
    assert Workspace.open(root).settings.year == 2016
    assert ws.ledger_path.read_bytes() == b"ledger"
    assert (ws.inbox / "岳阳县工信局.xlsx").read_bytes() == b"unit file"
    assert (ws.out / "通报.xlsx").read_bytes() == b"bulletin"
    backups = sorted(p.name for p in (root / "backup").iterdir())
    assert len(backups) == 4 and any(name.startswith("采用登记表_init前_") for name in backups)
    kept = next(p for p in (root / "backup").iterdir() if p.name.startswith("采用登记表"))
    assert kept.read_bytes() == adoption_before
    assert edited.read_text(encoding="utf-8") == "我改过的通报模板"


def test_init_beside_last_year_s_workspace_says_what_differs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review W1 D4: `init 2016信息报送` beside a used 2015 workspace started from the notice's defaults (岳阳县 4 a
    month, 500 元, min_chars 200) and never said 2015's differ. It says which files and settings differ and how to
    carry them over; it copies nothing."""
    monkeypatch.chdir(tmp_path)
    assert run("init", "2015信息报送", "--year", "2015").exit_code == 0
    old = tmp_path / "2015信息报送"
    book = load(old / "信息任务分配表.xlsx")
    book[QUOTA_SHEET]["E4"], book[QUOTA_SHEET]["F4"] = 5, 60
    book.save(old / "信息任务分配表.xlsx")
    book = load(old / "奖励标准.xlsx")
    book[REWARD_SHEET]["B4"] = 800
    book.save(old / "奖励标准.xlsx")
    settings = old / "xlflow.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("min_chars = 200 ", "min_chars = 400 "), encoding="utf-8")
    write_roster(old / "通讯员名册.xlsx", {"岳阳县工信局": "张三"})
    assert Workspace.open(old).units().resolve("岳阳县工信局").monthly == 5

    result = run("init", "2016信息报送", "--year", "2016")
    assert result.exit_code == 0, result.output
    cp, new = ("copy /y", "2016信息报送\\") if os.name == "nt" else ("cp", "2016信息报送/")
    source = Path("2015信息报送")
    assert (
        "  上一年度的工作区 2015信息报送 中与本次写入的不同：信息任务分配表.xlsx、奖励标准.xlsx、通讯员名册.xlsx，"
        "xlflow.toml 中的 min_chars = 400\n"
        f"  要沿用，请复制：{cp} {source / '信息任务分配表.xlsx'} {new} && {cp} {source / '奖励标准.xlsx'} {new} && "
        f"{cp} {source / '通讯员名册.xlsx'} {new}，再把 {Path('2016信息报送') / 'xlflow.toml'} 中的这几项改成上面的值"
        "（采用登记表每年一本，不要复制）\n"
    ) in result.output
    ws = Workspace.open(tmp_path / "2016信息报送")  # nothing copied
    assert ws.units().resolve("岳阳县工信局").monthly == 4 and ws.settings.min_chars == 200
    assert not ws.roster_path.exists()
    same = run("init", "2017信息报送", "--year", "2017")
    assert "  上一年度的工作区 2016信息报送 中的 信息任务分配表.xlsx、奖励标准.xlsx、xlflow.toml 与本次写入的相同\n" in same.output


def test_init_rejects_a_file_and_a_silly_year(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(WorkspaceError, match="不是目录"):
        init_workspace(tmp_path / "f", 2015)
    with pytest.raises(WorkspaceError, match="四位年份"):
        init_workspace(tmp_path / "ws", 15)



def test_init_refuses_a_folder_inside_a_workspace(workspace: Workspace) -> None:
    inner = workspace.inbox / "2015-03"
    with pytest.raises(WorkspaceError) as caught:
        init_workspace(inner, 2016)
    assert str(caught.value).startswith(f"{inner} 在工作区 {workspace.root.resolve()} 之中，没有建立工作区")
    assert not inner.exists()


def test_init_refuses_a_folder_holding_a_workspace(tmp_path: Path) -> None:
    """init 2015信息报送, the cd forgotten, init . : the folder holding the workspace would become one itself."""
    init_workspace(tmp_path / "2015信息报送", 2015)
    with pytest.raises(WorkspaceError) as caught:
        init_workspace(tmp_path, 2015)
    assert str(caught.value) == (
        f"{tmp_path} 中已有工作区 {tmp_path / '2015信息报送'}，没有建立工作区（工作区里不能有工作区）：要用那个工作区，"
        f"请 cd {tmp_path / '2015信息报送'} 后运行命令；要另建工作区，请选一个不含工作区的目录"
    )
    init_workspace(tmp_path / "2014信息报送", 2014)
    with pytest.raises(WorkspaceError) as caught:
        init_workspace(tmp_path, 2016)
    assert str(caught.value) == (
        f"{tmp_path} 中已有工作区 {tmp_path / '2014信息报送'}、{tmp_path / '2015信息报送'}，没有建立工作区（工作区里不能有"
        f"工作区）：要用那个工作区，请 cd 到那个目录后运行命令；要另建工作区，请选一个不含工作区的目录，"
        f"如 xlflow init {tmp_path / '2016信息报送'} --year 2016"
    )
    assert not (tmp_path / "xlflow.toml").exists()
    demo_only = tmp_path / "试用"  # a folder holding only what xlflow demo made: the demo is self-contained
    init_workspace(demo_only / "xlflow示例", 2015)
    (demo_only / "xlflow示例" / ".xlflow-demo").write_text("由 xlflow demo 生成，可放心删除或重建。\n", encoding="utf-8")
    assert init_workspace(demo_only, 2015).title == f"已建立工作区 {demo_only}（2015 年度）"

def test_books_saved_by_wps_or_libreoffice_are_read(workspace: Workspace) -> None:
    """信息任务分配表.ods (LibreOffice) and 采用登记表.et (WPS), the .xlsx gone: read, not "not found"."""
    import xlwt

    from xlflow.core.schema import ADOPTION_COLUMNS

    root = workspace.root
    write_report(root / "inbox" / "2015-03" / "办公室.xlsx", "办公室", [report_row("一篇")])
    assert run("consolidate", "--month", "2015-03", "-w", str(root)).exit_code == 0
    rows = [list(row) for row in load(workspace.quota_path)[QUOTA_SHEET].iter_rows(values_only=True)]
    write_ods(root / "信息任务分配表.ods", rows, sheet=QUOTA_SHEET)
    workspace.quota_path.unlink()
    book = xlwt.Workbook()  # WPS's .et is a BIFF8 workbook
    sheet = book.add_sheet(ADOPTION_SHEET)
    for r, values in enumerate([[c.name for c in ADOPTION_COLUMNS], ["办公室", "一篇", "市委办", "市级", "2015-04-02", "全文采用"]]):
        for c, value in enumerate(values):
            sheet.write(r, c, value)
    book.save(str(root / "采用登记表.et"))
    os.utime(root / "采用登记表.et", (1_420_000_000, 1_420_000_000))  # saved before the .xlsx
    result = run("bulletin", "--period", "2015-Q1", "--date", "2015-04-05", "-w", str(root))
    assert result.exit_code == 0, result.output
    assert "采用 0 篇" in result.output and "找不到" not in result.output  # the .xlsx is read, the .et named
    assert ("! 工作区中同时有 采用登记表.xlsx 和 采用登记表.et：读的是 采用登记表.xlsx；如果最新的内容在 采用登记表.et 中，"
            "请把它另存为 采用登记表.xlsx（Excel 工作簿），再把 采用登记表.et 移出工作区") in result.output.replace("\n", "")  # fmt: skip
    workspace.adoption_path.unlink()
    result = run("bulletin", "--period", "2015-Q1", "--date", "2015-04-05", "-w", str(root))
    assert result.exit_code == 0, result.output
    assert "采用 1 篇" in result.output and "找不到" not in result.output and "同时有" not in result.output
    assert len(Workspace.open(root).units()) == 34
    assert workspace.book(workspace.adoption_path) == (root / "采用登记表.et", [])
    result = run("init", str(root), "--year", "2015")  # nothing missing: nothing rewritten
    assert result.exit_code == 1 and "已经是 xlflow 工作区" in result.output
    assert not workspace.quota_path.exists() and not workspace.adoption_path.exists()


# --- templates -------------------------------------------------------------------------------------


def test_write_templates(tmp_path: Path) -> None:
    result = write_templates(tmp_path / "t")
    assert [p.name for p in result.paths] == ["quota_template.xlsx", "register_template.xlsx", "report_template.xlsx"]
    assert all(p.is_file() and p.stat().st_size > 3000 for p in result.paths)
    assert result.exit_code == 0


def test_templates_never_replace_a_template_someone_edited(tmp_path: Path) -> None:
    out = tmp_path / "模板"
    assert run("templates", "--out", str(out)).exit_code == 0
    book = load(out / "quota_template.xlsx")
    book[QUOTA_SHEET]["E5"] = 6  # the coordinator adapts the quota template, saved by Excel
    book.save(out / "quota_template.xlsx")
    result = run("templates", "--out", str(out))
    assert result.exit_code == 1
    assert (f"! {out / 'quota_template.xlsx'} 已存在，且不是 xlflow 生成的原样（可能修改过）：没有覆盖；要重新生成，"
            f"请先把它移到别处或改名，再运行 xlflow templates") in result.output.replace("\n", "")  # fmt: skip
    assert "report_template.xlsx：每月信息报送登记表" in result.output and "quota_template.xlsx：" not in result.output
    assert load(out / "quota_template.xlsx")[QUOTA_SHEET]["E5"].value == 6
    again = write_templates(out)  # the two xlflow wrote as they are are written again
    assert ([p.name for p in again.paths], again.exit_code) == (["register_template.xlsx", "report_template.xlsx"], 1)
    assert load(out / "quota_template.xlsx")[QUOTA_SHEET]["E5"].value == 6


def test_templates_refuse_a_folder_consolidate_reads(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    said = ("输出目录 inbox/2015-06 在收件文件夹 inbox/ 中：空白模板在汇总时会被当作报回的工作簿读取；"
            "请换一个目录，或不加 --out 使用默认目录 templates")  # fmt: skip
    result = run("-w", str(workspace.root), "templates", "--out", "inbox/2015-06")
    shown = said.replace("inbox/2015-06", str(workspace.inbox / "2015-06"), 1)  # with -w: the whole path
    assert (result.exit_code, result.output.replace("\n", "")) == (1, f"错误：{shown}")
    assert not (workspace.inbox / "2015-06").exists()
    monkeypatch.chdir(workspace.root)
    with pytest.raises(WorkspaceError) as refused:
        write_templates(Path("inbox/2015-06"))
    assert str(refused.value) == said
    assert write_templates(Path("模板")).exit_code == 0  # elsewhere in the workspace: written


def test_templates_in_a_workspace_whose_table_or_settings_cannot_be_read_use_the_notice_s(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review X8 e1: a damaged or headerless quota table, a typo in xlflow.toml: exactly when a fresh template is
    wanted. The part that cannot be read is the notice's, said in one line; the rest is the workspace's."""
    book = load(workspace.quota_path)
    book.worksheets[0].delete_rows(3)  # the header row
    book.save(workspace.quota_path)
    result = run("-w", str(workspace.root), "templates")
    assert result.exit_code == 0, result.output
    assert ("! 任务分配表没有读出，空白模板中的单位按通知填写（34 个）：任务分配表 信息任务分配表.xlsx（工作表“信息任务分配表”）"
            "缺少表头 单位名称、单位类别、每月任务、全年任务：请保留模板的表头行") in result.output.replace("\n", "")  # fmt: skip
    quota = load(workspace.root / "templates" / "quota_template.xlsx")[QUOTA_SHEET]
    assert (quota["B4"].value, quota["B37"].value, quota["B38"].value) == ("岳阳县工信局", "综合法规科", None)
    write_quota_workbook(workspace.quota_path, small_table("甲科", "乙科"))
    toml = workspace.settings_path.read_text(encoding="utf-8")
    workspace.settings_path.write_text(toml.replace("min_chars = 200", "min_chars = 两百"), encoding="utf-8")
    monkeypatch.chdir(workspace.root)
    result = write_templates(Path("模板"))
    assert (result.exit_code, len(result.paths), result.warnings) == (0, 3, [
        f"设置文件没有读出，空白模板中的发文单位、联系人等按通知填写：设置文件 {workspace.settings_path} 第 15 行“min_chars = 两百”"
        "写法有误：每条信息最少字数应为 0 到 5000 之间的整数，如 min_chars = 200"])  # fmt: skip
    quota = load(Path("模板") / "quota_template.xlsx")[QUOTA_SHEET]
    assert (quota["B4"].value, quota["B5"].value, quota["B6"].value) == ("甲科", "乙科", None)  # the workspace's table


# --- distribute ------------------------------------------------------------------------------------


def test_distribute_through_the_cli(workspace: Workspace) -> None:
    result = run("distribute", "--month", "2015-03", "-w", str(workspace.root))
    assert result.exit_code == 0, result.output
    folder = workspace.out / "下发" / "2015年03月"
    files = sorted(folder.iterdir())
    assert len(files) == 34
    assert (folder / "岳阳县工信局_2015年03月_信息报送登记表.xlsx") in files
    assert "还没有通讯员名册" in result.output
    for unit in list(workspace.units())[:3] + list(workspace.units())[-2:]:
        ws = load(folder / report_file_name(unit.name, Period.parse("2015-03")))[REPORT_SHEET]
        assert (ws["C2"].value, ws["E2"].value, ws["H2"].value) == (unit.name, "2015年3月", None)


def test_distribute_follows_the_quota_table_order(workspace: Workspace, tmp_path: Path) -> None:
    result = distribute(workspace, Period.parse("2015-04"), tmp_path / "下发")
    names = [p.name.split("_")[0] for p in result.paths]
    assert names == [u.name for u in workspace.units()]
    assert all(p.parent == tmp_path / "下发" for p in result.paths)
    assert result.data["prefilled"] == 0


def test_distribute_prefills_correspondents_from_the_roster(workspace: Workspace) -> None:
    write_quota_workbook(workspace.quota_path, small_table("岳阳县工信局", "办公室", "人事科"))
    write_roster(workspace.roster_path, {"岳阳县工信局": "张三", "办公室": "李四", "别的单位": "王五"})
    result = distribute(workspace, Period.parse("2015-03"), None)
    assert result.data["prefilled"] == 2
    assert any("名册中没有通讯员的单位 1 个" in line and "人事科" in line for line in result.lines)
    by_unit = {p.name.split("_")[0]: p for p in result.paths}
    assert load(by_unit["岳阳县工信局"])[REPORT_SHEET]["H2"].value == "张三"
    assert load(by_unit["办公室"])[REPORT_SHEET]["H2"].value == "李四"
    assert load(by_unit["人事科"])[REPORT_SHEET]["H2"].value is None


def test_distribute_keeps_hostile_names_inside_the_folder(workspace: Workspace, tmp_path: Path) -> None:
    names = ("../../x", "a/b:c*", "CON", "..", "a_b_c_", "正常科")
    write_quota_workbook(workspace.quota_path, small_table(*names))
    out = tmp_path / "deep" / "下发"
    before = set(tmp_path.rglob("*"))
    result = run("distribute", "--month", "2015-03", "--out", str(out), "-w", str(workspace.root))
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert len(files) == len(names)  # a_b_c_ and a/b:c* do not overwrite each other
    assert set(tmp_path.rglob("*")) - before == {out.parent, out, *files}  # nothing landed anywhere else
    for path in files:
        assert not set('<>:"/\\|?*') & set(path.name), path.name
        assert path.name.endswith("_2015年03月_信息报送登记表.xlsx")
    units = {load(p)[REPORT_SHEET]["C2"].value for p in files}
    assert units == set(names)  # the workbook still carries the real name


def test_distribute_never_replaces_a_file_it_did_not_write(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review L1: a unit's filled return saved under its form's name is left as it is and named, that unit's form
    not written, exit 1; the forms distribute wrote are written again (a roster filled in since is prefilled)."""
    write_quota_workbook(workspace.quota_path, small_table("岳阳县工信局", "办公室"))
    out = tmp_path / "收件"
    assert distribute(workspace, Period.parse("2015-07"), out).exit_code == 0
    filled = out / report_file_name("办公室", Period.parse("2015-07"))
    book = load(filled)  # the unit fills in the form it was sent and saves it (any program changes the properties)
    book[REPORT_SHEET]["C5"] = "办公室7月动态"
    book.save(filled)
    before = filled.read_bytes()
    write_roster(workspace.roster_path, {"岳阳县工信局": "张三", "办公室": "李四"})
    monkeypatch.chdir(workspace.root)
    result = run("distribute", "--month", "2015-07", "--out", str(out))
    assert result.exit_code == 1
    assert result.output.startswith("已为 1 个单位生成 2015年7月 信息报送登记表\n")
    assert (f"  ! {filled} 已存在，且不是 xlflow 下发的原样（可能是单位填好报回的）：没有覆盖，办公室的登记表这次没有生成；"
            f"确要重新生成，请先把这个文件移到别处，再运行 xlflow distribute --month 2015-07 --out {out}\n") in result.output  # fmt: skip
    assert filled.read_bytes() == before
    assert load(out / report_file_name("岳阳县工信局", Period.parse("2015-07")))[REPORT_SHEET]["H2"].value == "张三"


def test_a_return_xlflow_itself_wrote_is_not_a_blank_form(tmp_path: Path) -> None:
    """The demo's returns carry xlflow's document properties: one with a row filled in is still not replaced."""
    from xlflow.commands.distribute import written_by_distribute
    from xlflow.writers.base import new_workbook

    with new_workbook(tmp_path / "return.xlsx") as book:
        book.add_worksheet(REPORT_SHEET).write_string(4, 2, "办公室7月动态")
        book.add_worksheet("填表说明")
    init_workspace(tmp_path / "ws", 2015)
    distribute(Workspace.open(tmp_path / "ws"), Period.parse("2015-07"), tmp_path / "forms")
    assert not written_by_distribute(tmp_path / "return.xlsx")
    assert all(written_by_distribute(form) for form in (tmp_path / "forms").iterdir())


def test_distribute_refuses_the_inbox(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review L1: blank forms in inbox/2015-07 would be read as returns: refused, nothing written."""
    monkeypatch.chdir(workspace.root)
    result = run("distribute", "--month", "2015-07", "--out", "inbox/2015-07")
    assert result.exit_code == 1
    assert result.output == ("错误：输出目录 inbox/2015-07 在收件文件夹 inbox/ 中：下发的空白登记表在汇总时会被当作报回的工作簿读取；"
                             "请换一个目录，或不加 --out 使用默认目录 out/下发/2015年07月\n")  # fmt: skip
    assert not (workspace.inbox / "2015-07").exists()
    with pytest.raises(WorkspaceError, match="在收件文件夹 inbox/ 中"):
        distribute(workspace, Period.parse("2015-07"), workspace.inbox)


def test_distribute_warns_about_a_month_of_another_year(workspace: Workspace, tmp_path: Path) -> None:
    write_quota_workbook(workspace.quota_path, small_table("甲科"))
    result = distribute(workspace, Period.parse("2016-01"), tmp_path / "o")
    assert any("不在工作区年度 2015" in w for w in result.warnings)


def test_distribute_needs_a_workspace_and_a_month(tmp_path: Path) -> None:
    result = run("distribute", "--month", "2015-03", "-w", str(tmp_path))
    assert result.exit_code == 1 and "xlflow init" in result.output
    init_workspace(tmp_path / "ws", 2015)
    result = run("distribute", "--month", "2015-Q1", "-w", str(tmp_path / "ws"))
    assert result.exit_code == 2 and "月份" in result.output  # a usage error


# --- the settings saved by Notepad as xlflow.toml.txt ------------------------------------------------------------

TXT_HIDDEN = "（Windows 不显示扩展名 .txt，记事本“另存为”时会加上它）"


def test_settings_saved_as_txt_are_named_and_init_changes_nothing(workspace: Workspace) -> None:
    root = workspace.root
    (root / "xlflow.toml").rename(root / "xlflow.toml.txt")
    books = {p: p.read_bytes() for p in (workspace.quota_path, workspace.adoption_path, workspace.reward_schedule_path)}
    said = f"{root} 中的设置文件被保存成了 xlflow.toml.txt{TXT_HIDDEN}：请把它改名为 xlflow.toml"
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(root)
    assert str(refused.value) == said + " 后重新运行"
    result = run("status", "--month", "2015-03", "-w", str(root))
    assert (result.exit_code, result.output.replace("\n", "")) == (1, f"错误：{said} 后重新运行")
    result = run("init", str(root), "--year", "2015")
    assert (result.exit_code, result.output.replace("\n", "")) == (1, f"错误：{said}，不用再运行 init（没有改动任何文件）")
    assert not (root / "xlflow.toml").exists() and not (root / "backup").exists()
    assert {p: p.read_bytes() for p in books} == books
    inside = run("-w", str(workspace.inbox), "status", "--month", "2015-03")  # from inbox/: the workspace is named
    assert inside.output.replace("\n", "") == f"错误：{workspace.inbox} 不是工作区目录，工作区在 {root}：请在那里运行，或加 -w {root}"
    with pytest.raises(WorkspaceError, match="工作区里不能再建工作区"):
        init_workspace(workspace.inbox / "2015-03", 2015)


def test_settings_edited_in_a_txt_beside_xlflow_toml(workspace: Workspace) -> None:
    root = workspace.root
    text = (root / "xlflow.toml").read_text(encoding="utf-8")
    (root / "xlflow.toml.txt").write_text(text, encoding="utf-8")  # the same: nothing lost, read as always
    assert Workspace.open(root).settings.min_chars == 200
    # the same settings saved as ANSI (GBK) with CRLF, or with a BOM: the same (review S2)
    (root / "xlflow.toml.txt").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    assert Workspace.open(root).settings.min_chars == 200
    (root / "xlflow.toml.txt").write_bytes(text.encode("utf-8-sig"))
    assert Workspace.open(root).settings.min_chars == 200
    (root / "xlflow.toml.txt").write_text(text.replace("min_chars = 200", "min_chars = 150"), encoding="utf-8")
    said = (f"{root} 中同时有 xlflow.toml 和 xlflow.toml.txt，内容不同（Windows 不显示扩展名 .txt，记事本“另存为”时会加上它），"
            "读的是 xlflow.toml：修改在 xlflow.toml.txt 中的，请删去 xlflow.toml 再把 xlflow.toml.txt 改名为 xlflow.toml，"
            "否则请删去 xlflow.toml.txt 后重新运行")  # fmt: skip
    os.utime(root / "xlflow.toml.txt", (0, 0))  # saved before xlflow.toml: no "后保存的"
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(root)
    assert str(refused.value) == said
    result = run("consolidate", "--month", "2015-03", "-w", str(root))
    assert (result.exit_code, result.output.replace("\n", "")) == (1, f"错误：{said}")


def test_init_without_settings_keeps_the_books_it_finds(workspace: Workspace) -> None:
    """xlflow.toml lost: init writes it and what else is missing, never the coordinator's books."""
    root = workspace.root
    (root / "xlflow.toml").unlink()
    workspace.reward_schedule_path.unlink()
    quota, adoption = workspace.quota_path.read_bytes(), workspace.adoption_path.read_bytes()
    (workspace.inbox / "2015-03").mkdir()  # the year the hint names: the ledger's, else the month folders'
    told = run("export", "--period", "2015", "-w", str(root))
    assert told.output.replace("\n", "") == (
        f"错误：{root} 不是 xlflow 工作区（没有 xlflow.toml）：这里有 信息任务分配表.xlsx，要补写设置文件（已有的表格和台账不动），"
        f"请运行 xlflow init {root} --year 2015；工作区在别的目录时，请进入那个目录再运行，或用 -w 写明工作区目录")
    result = run("init", str(root), "--year", "2015")
    assert result.exit_code == 0, result.output
    assert ("原有的 信息任务分配表.xlsx、采用登记表.xlsx 未改动，xlflow.toml 按默认值写入：原来改过的设置请重新修改；"
            "要按通知重写这些表格，请加 --force") in result.output.replace("\n", "")  # fmt: skip
    assert "奖励标准为示例金额" in result.output
    assert (workspace.quota_path.read_bytes(), workspace.adoption_path.read_bytes()) == (quota, adoption)
    assert load(workspace.reward_schedule_path).sheetnames == [REWARD_SHEET]
    assert Workspace.open(root).settings.year == 2015 and not (root / "backup").exists()


def test_init_s_copy_step_for_last_year_s_xls_table_removes_the_new_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sweep Z5 D3: last year's 信息任务分配表 kept as .xls (saved by LibreOffice, 岳阳县工信局 5 a month): copying it
    as told left this year's fresh .xlsx beside it, which is the one read (岳阳县 still 4). The step removes it first;
    following it, the .xls is read."""
    monkeypatch.chdir(tmp_path)
    assert run("init", "2015信息报送", "--year", "2015").exit_code == 0
    old = tmp_path / "2015信息报送"
    (old / "信息任务分配表.xlsx").unlink()
    shutil.copy(Path(__file__).parent / "coordinator_books" / "quota_table_yueyang_5.xls", old / "信息任务分配表.xls")
    result = run("init", "2016信息报送", "--year", "2016")
    assert result.exit_code == 0, result.output
    rm = "del" if os.name == "nt" else "rm"
    fresh = Path("2016信息报送") / "信息任务分配表.xlsx"
    assert f"要沿用，请先删除本次写入的 信息任务分配表.xlsx（{rm} {fresh}），再复制：" in result.output, result.output
    fresh.unlink()  # as told
    shutil.copy(old / "信息任务分配表.xls", tmp_path / "2016信息报送")
    assert Workspace.open(tmp_path / "2016信息报送").units().resolve("岳阳县工信局").monthly == 5
