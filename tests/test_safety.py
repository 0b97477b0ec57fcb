"""`xlflow backup` / `xlflow restore`: consistent copies, nothing lost on restore, non-ledgers refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import sqlite3
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import NOW, article, dump, make_workspace, report_row, unit_file, write_report

import xlflow
from xlflow import lock
from xlflow.cli import cli
from xlflow.commands.backup import LEDGER_TABLES, auto_backup, backup, restore, settle_auto_backup
from xlflow.commands.bulletin import bulletin
from xlflow.commands.consolidate import consolidate
from xlflow.core.errors import BusyError, LedgerDamagedError, WorkspaceError
from xlflow.core.periods import Period
from xlflow.ledger import SCHEMA_VERSION, Ledger, ledger_error
from xlflow.workspace import Workspace

STAMP = dt.datetime(2015, 3, 31, 17, 0)
UNIT = "岳阳县工信局"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="fork / flock")


def fill(ws: Workspace, month: str = "2015-03", titles: tuple[str, ...] = ("园区项目建设进展", "工业用电情况")) -> None:
    with Ledger.open(ws.ledger_path) as ledger:
        pairs = [(unit_file(UNIT, month=month), [article(UNIT, t, 5 + i, month=month) for i, t in enumerate(titles)])]
        ledger.import_month(month, pairs, [], now=NOW)


def titles(path: Path) -> list[str]:
    db = sqlite3.connect(str(path))
    try:
        return [r[0] for r in db.execute("SELECT title FROM articles ORDER BY title")]
    finally:
        db.close()


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def test_ledger_tables_are_the_ledgers(ws: Workspace) -> None:
    with Ledger.open(ws.ledger_path):
        pass
    db = sqlite3.connect(str(ws.ledger_path))
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert set(LEDGER_TABLES) <= tables


# -- backup ------------------------------------------------------------------------------------------


def test_backup_copies_the_ledger(ws: Workspace) -> None:
    fill(ws)
    result = backup(ws, None, now=STAMP)
    target = ws.root / "backup" / "台账_20150331_1700.sqlite"
    assert result.paths == [target]
    assert dump(target) == dump(ws.ledger_path)
    assert titles(target) == ["园区项目建设进展", "工业用电情况"]
    assert "2 条稿件记录（2015-03 至 2015-03，共 1 个月）" in result.render()
    assert f"xlflow restore {target}" in result.render()
    assert not list((ws.root / "backup").glob(".~xlflow-*"))  # no temporary file left behind


def test_backup_never_overwrites(ws: Workspace, tmp_path: Path) -> None:
    fill(ws)
    first = backup(ws, None, now=STAMP).paths[0]
    second = backup(ws, None, now=STAMP).paths[0]
    assert second.name == "台账_20150331_1700_2.sqlite"
    assert first.exists() and second.exists()
    taken = tmp_path / "已有.sqlite"
    taken.write_bytes(b"keep me")
    with pytest.raises(WorkspaceError, match="已存在"):
        backup(ws, taken)
    assert taken.read_bytes() == b"keep me"
    ledger = ws.ledger_path.read_bytes()
    with pytest.raises(WorkspaceError, match="已存在"):  # the ledger itself is a file that exists
        backup(ws, ws.ledger_path)
    assert ws.ledger_path.read_bytes() == ledger


def test_backup_without_ledger_is_refused(ws: Workspace) -> None:
    with pytest.raises(WorkspaceError, match="还没有台账.*xlflow consolidate"):
        backup(ws, None)
    assert not (ws.root / "backup").exists()


def test_backup_during_a_write_sees_the_last_commit(ws: Workspace) -> None:
    """A consolidate in the middle of its transaction: the copy holds the ledger as it was before it."""
    fill(ws)
    writer = sqlite3.connect(str(ws.ledger_path), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE articles SET title = '改到一半'")
    during = backup(ws, None, now=STAMP).paths[0]
    writer.execute("COMMIT")
    writer.close()
    after = backup(ws, None, now=STAMP).paths[0]
    assert titles(during) == ["园区项目建设进展", "工业用电情况"]
    assert titles(after) == ["改到一半", "改到一半"]


def _killed_writer(path: str) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA cache_size = 1")  # spill changed pages into the file before commit
    db.execute("BEGIN IMMEDIATE")
    db.execute("UPDATE articles SET title = '未提交', body = ?", ("x" * 50_000,))
    os._exit(9)  # killed before COMMIT: a hot journal stays beside the ledger


@posix_only
def test_backup_after_a_killed_writer_rolls_it_back(ws: Workspace) -> None:
    fill(ws)
    before = dump(ws.ledger_path)
    child = multiprocessing.get_context("fork").Process(target=_killed_writer, args=(str(ws.ledger_path),))
    child.start()
    child.join(30)
    assert child.exitcode == 9
    assert Path(f"{ws.ledger_path}-journal").exists()
    copy = backup(ws, None, now=STAMP).paths[0]
    assert dump(copy) == before
    assert dump(ws.ledger_path) == before


# -- restore -----------------------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_the_current_one(ws: Workspace) -> None:
    fill(ws)
    saved = backup(ws, None, now=STAMP).paths[0]
    state_at_backup = dump(saved)
    fill(ws, "2015-04", ("四月的稿件",))
    state_now = dump(ws.ledger_path)
    assert state_now != state_at_backup
    result = restore(ws, saved, now=dt.datetime(2015, 4, 30, 9, 0))
    assert dump(ws.ledger_path) == state_at_backup
    kept = ws.root / "backup" / "台账_恢复前_20150430_0900.sqlite"
    assert result.paths == [ws.ledger_path, kept]
    assert dump(kept) == state_now
    assert f"xlflow restore {kept}" in result.render()
    with Ledger.open(ws.ledger_path) as ledger:  # the ledger module still opens it
        assert ledger.months() == ["2015-03"]


def test_restore_names_the_outputs_the_restored_ledger_no_longer_matches(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """March consolidated from the wrong folder (the late files only), then the first quarter's 通报 written, then
    undone by restore: out/ still holds that run's receipts and 通报 and the quarter's. Restore names them and the
    commands that make them match (from inbox/2015-03, which holds the restored ledger's files, not from 3月补交
    read last); February, the same in both ledgers, is not named. Undoing the restore again (a newer ledger back)
    names the same, March to be consolidated from 3月补交."""
    march, late = ws.inbox / "2015-03", tmp_path / "3月补交"
    write_report(ws.inbox / "2015-02" / "岳阳县.xlsx", UNIT, [report_row("岳阳县二月信息", month=2)], month="2015年2月")
    write_report(march / "岳阳县.xlsx", UNIT, [report_row("岳阳县三月信息")])
    write_report(march / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    write_report(late / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    consolidate(ws, Period.parse("2015-02"), None, now=dt.datetime(2015, 3, 3, 9, 0))
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 3, 9, 0))
    consolidate(ws, Period.parse("2015-03"), late, now=dt.datetime(2015, 4, 3, 10, 0))
    bulletin(ws, Period.parse("2015-Q1"), now=dt.datetime(2015, 4, 3, 10, 5))
    result = restore(ws, ws.root / "backup" / "台账_自动_20150403_100000.sqlite", now=dt.datetime(2015, 4, 3, 11, 0))
    redo = "2015年3月：out/ 中的回执和通报与恢复的台账不符（恢复前后这个月的数据不同）：请重新运行 xlflow consolidate --month 2015-03"
    expected = [
        f"{redo} inbox/2015-03",  # written: without a folder, consolidate reads 3月补交 typed last time
        "通报_2015年第一季度.xlsx 含2015年3月的数据：要与恢复的台账一致，请运行 xlflow bulletin --period 2015-Q1",
    ]
    assert result.warnings == expected
    monkeypatch.chdir(ws.root)
    again = CliRunner().invoke(cli, ["restore", str(result.data["saved"])])
    assert again.exit_code == 0, again.output
    expected[0] = f"{redo} {late}"  # the run from 3月补交 back: it is made again from there (review U2)
    assert "请注意：\n" + "".join(f"  ! {line}\n" for line in expected) in again.output, again.output


def test_restore_after_an_unchanged_consolidate_names_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """backup, March consolidated again with nothing changed (only the time of the run differs), restore: out/
    matches the restored ledger, nothing is to be done again."""
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", UNIT, [report_row("岳阳县三月信息")])
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 3, 9, 0))
    saved = backup(ws, None, now=STAMP).paths[0]
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 5, 9, 0))
    assert restore(ws, saved, now=dt.datetime(2015, 4, 5, 10, 0)).warnings == []
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 6, 9, 0))
    monkeypatch.chdir(ws.root)
    again = CliRunner().invoke(cli, ["restore", str(saved)])
    assert again.exit_code == 0, again.output
    assert "已恢复" in again.output and "不符" not in again.output and "请重新运行" not in again.output, again.output

def test_restore_after_a_workbook_saved_again_unchanged_names_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """review E3: after the backup 岳阳县's workbook is saved again (Ctrl-S: new bytes, the same cells) and March is
    consolidated: receipts and 通报 are the same, so restore names nothing."""
    book = ws.inbox / "2015-03" / "岳阳县.xlsx"
    write_report(book, UNIT, [report_row("岳阳县三月信息")])
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 3, 9, 0))
    saved = backup(ws, None, now=STAMP).paths[0]
    before = book.read_bytes()
    openpyxl.load_workbook(book).save(book)
    assert book.read_bytes() != before
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 5, 9, 0))
    monkeypatch.chdir(ws.root)
    result = CliRunner().invoke(cli, ["restore", str(saved)])
    assert result.exit_code == 0, result.output
    assert "已恢复" in result.output and "不符" not in result.output and "请重新运行" not in result.output, result.output


@pytest.mark.parametrize("change", ["category", "refused"])
def test_restore_names_a_month_whose_content_changed_without_new_rows(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """After the backup, 岳阳县 resends the same file name with the same titles and rows but another 信息类别, or
    平江县 sends a broken file that is refused: March's receipts and 通报 change, and the restored ledger no
    longer matches them; 岳阳县's file, not the one the restored ledger read, is named."""
    march = ws.inbox / "2015-03"
    write_report(march / "岳阳县.xlsx", UNIT, [report_row("岳阳县三月信息")])
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 3, 9, 0))
    saved = backup(ws, None, now=STAMP).paths[0]
    if change == "category":
        write_report(march / "岳阳县.xlsx", UNIT, [[*report_row("岳阳县三月信息")[:3], "产业园区企业项目",
                                                   *report_row("岳阳县三月信息")[4:]]])  # fmt: skip
    else:
        (march / "平江县.xlsx").write_bytes(b"PK\x03\x04 broken")
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 5, 9, 0))
    monkeypatch.chdir(ws.root)
    result = CliRunner().invoke(cli, ["restore", str(saved)])
    assert result.exit_code == 0, result.output
    advice = ("；inbox/2015-03 中的 岳阳县.xlsx（岳阳县工信局，计入 1 条）与恢复的台账读入时的内容不同，重新汇总会按现在的内容计："
              "要保留恢复的记录，请先把当时的文件放回 inbox/2015-03，再运行" if change == "category" else "：请重新运行")
    assert "请注意：\n  ! 2015年3月：out/ 中的回执和通报与恢复的台账不符（恢复前后这个月的数据不同）" \
           f"{advice} xlflow consolidate --month 2015-03\n" in result.output, result.output  # fmt: skip


def test_restore_names_the_files_it_read_that_the_folder_no_longer_holds(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """review K4: after the backup 平江县's file is moved out of inbox/2015-03 by mistake, 岳阳县's is saved over with
    another title, and March is consolidated again. Restore names both, what consolidating again would do to them and
    to put the files back first; put back, consolidating again keeps 平江县's restored records."""
    march = ws.inbox / "2015-03"
    write_report(march / "岳阳县.xlsx", UNIT, [report_row("岳阳县三月信息")])
    write_report(march / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息"), report_row("平江县三月信息二", 6)])
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 3, 9, 0))
    saved = backup(ws, None, now=STAMP).paths[0]
    moved = (march / "平江县.xlsx").rename(tmp_path / "平江县.xlsx")
    write_report(march / "岳阳县.xlsx", UNIT, [report_row("岳阳县三月信息（修改）")])
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 5, 9, 0))
    expected = (
        "2015年3月：out/ 中的回执和通报与恢复的台账不符（恢复前后这个月的数据不同）；恢复的台账读入的 平江县.xlsx（平江县工信局，"
        "计入 2 条）已不在 inbox/2015-03 中，重新汇总会把其记录从台账删除；inbox/2015-03 中的 岳阳县.xlsx（岳阳县工信局，计入 1 条）"
        "与恢复的台账读入时的内容不同，重新汇总会按现在的内容计：要保留恢复的记录，请先把当时的文件放回 inbox/2015-03，再运行 "
        "xlflow consolidate --month 2015-03"
    )
    monkeypatch.chdir(ws.root)
    result = CliRunner().invoke(cli, ["restore", str(saved)])
    assert result.exit_code == 0, result.output
    assert f"请注意：\n  ! {expected}\n" in result.output, result.output
    undone = restore(ws, next((ws.root / "backup").glob("台账_恢复前_*.sqlite")), now=dt.datetime(2015, 4, 5, 10, 0))
    assert undone.warnings == [  # the ledger of the later run: its files are there as it read them
        "2015年3月：out/ 中的回执和通报与恢复的台账不符（恢复前后这个月的数据不同）：请重新运行 xlflow consolidate --month 2015-03"
    ]
    inbox = str(ws.inbox / "2015-03")  # through the library: the folder's path
    assert restore(ws, saved, now=dt.datetime(2015, 4, 5, 10, 30)).warnings == [expected.replace("inbox/2015-03", inbox)]
    moved.rename(march / "平江县.xlsx")
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 5, 11, 0))
    assert titles(ws.ledger_path) == ["岳阳县三月信息（修改）", "平江县三月信息", "平江县三月信息二"]


@pytest.mark.parametrize("workdir", [False, True])
def test_restore_looks_in_the_folder_the_month_was_consolidated_from(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workdir: bool
) -> None:
    """review U2: March was consolidated from 收件/3月 (named on the command line); after the backup 平江县's file
    is moved out of it and March is consolidated again from there. Restore names only 平江县's file, in 收件/3月,
    and the command with that folder; 岳阳县's file, still there, is not named. Review Z2: with -w the folder is
    written from the user's folder (ws/收件/3月, as consolidate shows it), the command's FOLDER from the workspace."""
    march = ws.root / "收件" / "3月"
    write_report(march / "岳阳县.xlsx", UNIT, [report_row("岳阳县三月信息")])
    write_report(march / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息"), report_row("平江县三月信息二", 6)])
    consolidate(ws, Period.parse("2015-03"), march, now=dt.datetime(2015, 4, 3, 9, 0))
    saved = backup(ws, None, now=STAMP).paths[0]
    (march / "平江县.xlsx").rename(tmp_path / "平江县.xlsx")
    consolidate(ws, Period.parse("2015-03"), march, now=dt.datetime(2015, 4, 5, 9, 0))
    said = (
        "2015年3月：out/ 中的回执和通报与恢复的台账不符（恢复前后这个月的数据不同）；恢复的台账读入的 平江县.xlsx（平江县工信局，"
        "计入 2 条）已不在 {0} 中，重新汇总会把其记录从台账删除：要保留恢复的记录，请先把当时的文件放回 {0}，再运行 "
        "xlflow {1}consolidate --month 2015-03 收件/3月"
    )
    monkeypatch.chdir(tmp_path if workdir else ws.root)
    result = CliRunner().invoke(cli, ["-w", "ws", "restore", "backup/台账_20150331_1700.sqlite"] if workdir else ["restore", str(saved)])
    assert result.exit_code == 0, result.output
    expected = said.format("ws/收件/3月", "-w ws ") if workdir else said.format("收件/3月", "")
    assert f"请注意：\n  ! {expected}\n" in result.output, result.output
    restore(ws, next((ws.root / "backup").glob("台账_恢复前_*.sqlite")), now=dt.datetime(2015, 4, 5, 10, 0))  # undone
    warnings = restore(ws, saved, now=dt.datetime(2015, 4, 5, 10, 30)).warnings  # through the library: its path
    assert warnings == [said.format(ws.root / "收件" / "3月", "")]


def test_restore_names_a_month_the_restored_ledger_has_not(ws: Workspace) -> None:
    """April consolidated after the backup: restored, the ledger has no April, and its receipts are left over."""
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", UNIT, [report_row("岳阳县三月信息")])
    write_report(ws.inbox / "2015-04" / "岳阳县.xlsx", UNIT, [report_row("岳阳县四月信息", month=4)], month="2015年4月")
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 3, 9, 0))
    saved = backup(ws, None, now=STAMP).paths[0]
    consolidate(ws, Period.parse("2015-04"), None, now=dt.datetime(2015, 5, 4, 9, 0))
    assert restore(ws, saved, now=dt.datetime(2015, 5, 4, 10, 0)).warnings == [
        "2015年4月：恢复的台账中没有这个月，out/ 中该月的回执和通报已不作数（需要时重新汇总：xlflow consolidate --month 2015-04）"
    ]


def test_restore_into_a_workspace_without_ledger(ws: Workspace, tmp_path: Path) -> None:
    other = make_workspace(tmp_path / "other")
    fill(other)
    copy = backup(other, None, now=STAMP).paths[0]
    result = restore(ws, copy)
    assert dump(ws.ledger_path) == dump(copy)
    assert "原来没有台账" in result.render()
    assert result.data["saved"] is None


def test_restore_refuses_another_years_backup(ws: Workspace, tmp_path: Path) -> None:
    """A 2015 backup restored into the 2016 workspace would swap in last year's rows without a word."""
    old = make_workspace(tmp_path / "old")
    fill(old)
    copy = backup(old, None, now=STAMP).paths[0]
    new = make_workspace(tmp_path / "new", year=2016)
    fill(new, "2016-01", ("一月的稿件",))
    before = dump(new.ledger_path)
    run = CliRunner().invoke(cli, ["restore", str(copy), "-w", str(new.root)])
    assert run.exit_code == 1
    assert (
        f"没有恢复，当前台账未改动（本工作区是 2016 年度的）：{copy.name} 中是 2015 年的信息，一个工作区只管一年"
        "（否则今年与往年同名的稿件会被判为重复报送）。往年的备份请恢复到那一年的工作区"
    ) in run.output.replace("\n", "")
    assert dump(new.ledger_path) == before and not list((new.root / "backup").glob("*恢复前*"))
    restore(old, copy)  # into its own year's workspace it goes


def test_restore_removes_a_stale_journal(ws: Workspace) -> None:
    fill(ws)
    saved = backup(ws, None, now=STAMP).paths[0]
    journal = Path(f"{ws.ledger_path}-journal")
    journal.write_bytes(b"\x00" * 512)  # what a crash could leave; it must never be replayed onto the restored file
    restore(ws, saved)
    assert not journal.exists()
    assert dump(ws.ledger_path) == dump(saved)


def _plain_database(path: Path) -> Path:
    db = sqlite3.connect(str(path))
    db.execute("CREATE TABLE people (name TEXT)")
    db.execute("INSERT INTO people VALUES ('张三')")
    db.commit()
    db.close()
    return path


def _newer_ledger(ws: Workspace, path: Path) -> Path:
    fill(ws)
    copy = backup(ws, path).paths[0]
    db = sqlite3.connect(str(copy))
    db.execute("INSERT INTO schema_version(version) VALUES (?)", (SCHEMA_VERSION + 1,))
    db.commit()
    db.close()
    return copy


def _text_file(path: Path) -> Path:
    path.write_text("这不是数据库，只是改了扩展名的文本文件。" * 20, encoding="utf-8")
    return path


def _empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("other-sqlite", "不是 xlflow 台账备份（缺少表 schema_version、imports、files、articles、findings）"),
        ("text", "不是 xlflow 台账备份（不是数据库文件，或文件开头已损坏，SQLite 错误代码 26）"),
        ("empty", "不是 xlflow 台账备份（缺少表"),
        ("newer-schema", "由更新版本的 xlflow 建立"),
    ],
)
def test_restore_refuses_what_is_not_a_ledger(ws: Workspace, tmp_path: Path, make: str, message: str) -> None:
    path = tmp_path / "候选.sqlite"
    if make == "newer-schema":
        candidate = _newer_ledger(ws, path)
    else:
        candidate = {"other-sqlite": _plain_database, "text": _text_file, "empty": _empty_file}[make](path)
    fill(ws, "2015-05", ("五月",))
    before = ws.ledger_path.read_bytes()
    backups_before = sorted((ws.root / "backup").glob("*")) if (ws.root / "backup").exists() else []
    with pytest.raises(WorkspaceError) as caught:
        restore(ws, candidate)
    assert message in str(caught.value)
    assert ws.ledger_path.read_bytes() == before
    backups_after = sorted((ws.root / "backup").glob("*")) if (ws.root / "backup").exists() else []
    assert backups_after == backups_before


def test_restore_refuses_the_ledger_itself(ws: Workspace) -> None:
    fill(ws)
    with pytest.raises(WorkspaceError, match="就是当前台账"):
        restore(ws, ws.ledger_path)


@posix_only
def test_restore_waits_for_the_workspace_lock(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    fill(ws)
    saved = backup(ws, None, now=STAMP).paths[0]
    fill(ws, "2015-04", ("四月的稿件",))
    before = dump(ws.ledger_path)
    monkeypatch.setattr(lock, "DEFAULT_TIMEOUT", 0.3)
    with open(ws.lock_path, "a+b") as held:  # another process's consolidate, as the OS sees it
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(BusyError):
            restore(ws, saved)
    assert dump(ws.ledger_path) == before


# -- the command line --------------------------------------------------------------------------------


def test_cli_backup_and_restore(ws: Workspace) -> None:
    fill(ws)
    runner = CliRunner()
    done = runner.invoke(cli, ["backup", "-w", str(ws.root)])
    assert done.exit_code == 0, done.output
    assert "台账已备份" in done.output
    made = sorted((ws.root / "backup").glob("台账_*.sqlite"))
    assert len(made) == 1 and str(made[0]) in done.output
    state = dump(ws.ledger_path)
    fill(ws, "2015-04", ("四月的稿件",))
    done = runner.invoke(cli, ["restore", str(made[0]), "-w", str(ws.root)])
    assert done.exit_code == 0, done.output
    assert "台账已恢复" in done.output and "恢复前的台账已另存为" in done.output
    assert dump(ws.ledger_path) == state


def test_cli_backup_out(ws: Workspace, tmp_path: Path) -> None:
    fill(ws)
    target = tmp_path / "u盘" / "台账.sqlite"
    done = CliRunner().invoke(cli, ["backup", "--out", str(target), "-w", str(ws.root)])
    assert done.exit_code == 0, done.output
    assert dump(target) == dump(ws.ledger_path)


@pytest.mark.skipif(os.name == "nt", reason="POSIX shell quoting")
def test_the_restore_commands_printed_can_be_pasted(tmp_path: Path) -> None:
    """A backup on 'U盘 备份' and a workspace under '2015 信息': the printed restore commands are quoted."""
    ws = make_workspace(tmp_path / "2015 信息")
    fill(ws)
    target = tmp_path / "U盘 备份" / "台账 2015.sqlite"
    done = CliRunner().invoke(cli, ["backup", "--out", str(target), "-w", str(ws.root)])
    assert done.exit_code == 0, done.output
    assert f"恢复方法：xlflow -w '{tmp_path}/2015 信息' restore '{tmp_path}/U盘 备份/台账 2015.sqlite'\n" in done.output
    result = restore(ws, target, now=dt.datetime(2015, 4, 30, 9, 0))
    assert f"（如需撤销：xlflow restore '{tmp_path}/2015 信息/backup/台账_恢复前_20150430_0900.sqlite'）" in result.render()


def test_cli_refusals(ws: Workspace, tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(cli, ["backup", "-w", str(ws.root)])
    assert done.exit_code == 1
    assert "还没有台账" in done.output
    fill(ws)
    before = ws.ledger_path.read_bytes()
    bogus = _plain_database(tmp_path / "名册.sqlite")
    done = runner.invoke(cli, ["restore", str(bogus), "-w", str(ws.root)])
    assert done.exit_code == 1
    assert "不是 xlflow 台账备份" in done.output
    assert ws.ledger_path.read_bytes() == before


def test_backup_without_ledger_names_a_month_to_consolidate(ws: Workspace) -> None:
    with pytest.raises(WorkspaceError, match="先运行 xlflow consolidate --month 2015-03 汇总一个月"):
        backup(ws, None, now=STAMP)
    with pytest.raises(WorkspaceError, match="先运行 xlflow consolidate --month 2015-01 汇总一个月"):
        backup(ws, None, now=dt.datetime(2016, 5, 1))  # another year's workspace: its January


def test_restore_over_a_damaged_ledger_keeps_its_bytes(ws: Workspace) -> None:
    fill(ws)
    saved = backup(ws, None, now=STAMP).paths[0]
    data = bytearray(ws.ledger_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\x00" * (len(data) - page)  # every page but the first
    ws.ledger_path.write_bytes(bytes(data))
    with pytest.raises(LedgerDamagedError, match=f"xlflow restore {saved}"):
        backup(ws, None, now=STAMP)
    result = restore(ws, saved, now=dt.datetime(2015, 4, 30, 9, 0))
    kept = ws.root / "backup" / "台账_恢复前_已损坏_20150430_0900.sqlite"
    assert result.data["saved"] == kept and kept.read_bytes() == bytes(data)
    assert dump(ws.ledger_path) == dump(saved)
    assert f"xlflow restore {kept}" not in result.render()  # a damaged copy is never offered to restore


def test_restore_over_a_damaged_ledger_names_the_outputs_made_since_the_backup(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """review R5: the damaged-ledger error names a backup; restoring it listed none of the outputs in out/ a normal
    restore lists. The damaged ledger cannot be read: March's receipts written after the backup (its second
    consolidate) may not match, April's are of a month the backup has not; February's, older, are not named."""
    write_report(ws.inbox / "2015-02" / "岳阳县.xlsx", UNIT, [report_row("岳阳县二月信息", month=2)], month="2015年2月")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", UNIT, [report_row("岳阳县三月信息")])
    consolidate(ws, Period.parse("2015-02"), None, now=dt.datetime(2015, 3, 3, 9, 0))
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 3, 9, 0))
    saved = backup(ws, None, now=STAMP).paths[0]
    write_report(ws.inbox / "2015-03" / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    write_report(ws.inbox / "2015-04" / "岳阳县.xlsx", UNIT, [report_row("岳阳县四月信息", month=4)], month="2015年4月")
    consolidate(ws, Period.parse("2015-03"), None, now=dt.datetime(2015, 4, 4, 9, 0))
    consolidate(ws, Period.parse("2015-04"), None, now=dt.datetime(2015, 5, 4, 9, 0))
    bulletin(ws, Period.parse("2015-Q1"), now=dt.datetime(2015, 5, 4, 9, 30))
    data = bytearray(ws.ledger_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    ws.ledger_path.write_bytes(bytes(data[:page]) + b"\x00" * (len(data) - page))
    monkeypatch.chdir(ws.root)
    done = CliRunner().invoke(cli, ["restore", str(saved.relative_to(ws.root))])
    assert done.exit_code == 0, done.output
    assert "不能用来恢复" in done.output and "请注意：\n" + "".join(f"  ! {line}\n" for line in [
        "2015年3月：out/ 中的回执和通报写于这份备份之后，可能与恢复的台账不符：请重新运行 xlflow consolidate --month 2015-03",
        "2015年4月：恢复的台账中没有这个月，out/ 中该月的回执和通报已不作数（需要时重新汇总：xlflow consolidate --month 2015-04）",
        "通报_2015年第一季度.xlsx 含2015年3月的数据：要与恢复的台账一致，请运行 xlflow bulletin --period 2015-Q1",
    ]) + "已写入：" in done.output, done.output  # fmt: skip


def _damaged(ws: Workspace, sql: str) -> Path:
    """The workspace filled and backed up, then one stored value damaged by `sql` where SQLite's checks do not look
    (they still say ok); the backup made before the damage, dated older than any copy made after it."""
    fill(ws)
    good = backup(ws, None, now=STAMP).paths[0]
    os.utime(good, (1e9, 1e9))
    db = sqlite3.connect(ws.ledger_path)
    db.execute(sql)
    db.commit()
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()
    return good


def test_text_with_damaged_bytes_stops_naming_a_backup_made_before_the_damage(ws: Workspace) -> None:
    """Bit rot inside a stored title (SQLite's checks still say ok) is loud, not read as U+FFFD (a row dropped
    from status and the 通报 without a word): status and export stop naming the backup made before the damage,
    not the newer copy of the damage; restoring it succeeds (exit 0)."""
    # 园, then 区 with its first byte lost
    good = _damaged(ws, "UPDATE articles SET title = CAST(X'E59BADFF8CBA' AS TEXT) WHERE title = '园区项目建设进展'")
    runner, where = CliRunner(), ["-w", str(ws.root)]
    assert runner.invoke(cli, ["backup", *where]).exit_code == 0  # a copy of the damage, newer than `good`
    wanted = f"中有损坏的文字（无法读出）：请用损坏前的备份恢复：xlflow -w {ws.root} restore backup/{good.name}（"
    for args in (["status", "--month", "2015-03"], ["export", "--period", "2015-03"]):
        done = runner.invoke(cli, [*args, *where])
        assert done.exit_code != 0 and wanted in done.output and "Traceback" not in done.output, done.output
    with pytest.raises(sqlite3.OperationalError) as caught, Ledger.open(ws.ledger_path) as ledger:
        ledger.articles(["2015-03"])
    said = str(ledger_error(ws.ledger_path, caught.value))
    assert said.startswith(f"台账 {ws.ledger_path} 中有损坏的文字（无法读出）：请用损坏前的备份恢复：xlflow restore {good}（")
    done = runner.invoke(cli, ["restore", str(good), *where])
    assert done.exit_code == 0 and "台账已恢复" in done.output, done.output
    assert titles(ws.ledger_path) == ["园区项目建设进展", "工业用电情况"]
    assert "恢复前的台账已另存为" in done.output and "错误" not in done.output


def test_a_damaged_date_stops_every_read_naming_a_backup_made_before_the_damage(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """review Y3 d3: one bit flipped in a stored date (2015-03-05 read back as 2015-0#-05; SQLite's checks say ok)
    raised ValueError from every read (the CLI: xlflow 内部错误). It is the damaged text's line, and the backup made
    after the damage (a copy of it) is not the one named."""
    good = _damaged(ws, "UPDATE articles SET date = substr(date, 1, 6) || '#' || substr(date, 8) WHERE title = '园区项目建设进展'")
    runner, where = CliRunner(), ["-w", str(ws.root)]
    assert runner.invoke(cli, ["backup", *where]).exit_code == 0  # a copy of the damage, newer than `good`
    wanted = f"错误：台账 {ws.ledger_path} 中有损坏的文字（无法读出）：请用损坏前的备份恢复：xlflow -w {ws.root} restore backup/{good.name}（"
    for args in (["status", "--month", "2015-03"], ["export", "--period", "2015-03"], ["bulletin", "--period", "2015-03"]):
        done = runner.invoke(cli, [*args, *where])
        assert done.exit_code == 1 and done.output.startswith(wanted), done.output
    monkeypatch.chdir(ws.root)
    for read in (xlflow.Workspace(".").rates, xlflow.Workspace(".").articles):
        with pytest.raises(LedgerDamagedError) as caught:
            read("2015-03")
        assert str(caught.value).startswith(f"台账 {ws.ledger_path} 中有损坏的文字（无法读出）：请用损坏前的备份恢复：xlflow restore {good}（")


@pytest.mark.parametrize("damage", [
    "UPDATE articles SET chars = '三百' WHERE title = '园区项目建设进展'",  # text in an integer column: a pandas ValueError
    "UPDATE articles SET month = '2015-0#' WHERE title = '园区项目建设进展'",  # a flipped month: the row silently gone
])  # fmt: skip
def test_a_damaged_number_or_month_stops_every_read(ws: Workspace, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """stop 30 left alone: bit rot in 字数 raised pandas' ValueError from ws.articles; a flipped month made one
    article vanish from status, the 通报 and the API (299 counted of 300) while SQLite's checks said ok. Both are
    the damaged-ledger line naming the backup made before the damage."""
    good = _damaged(ws, damage)
    wanted = (f"错误：台账 {ws.ledger_path} 已损坏，没有作任何改动（稿件的月份、字数或行号有 1 处无法读出）："
              f"请用最近的备份恢复：xlflow -w {ws.root} restore backup/{good.name}（")  # fmt: skip
    for args in (["status", "--month", "2015-03"], ["bulletin", "--period", "2015-03"]):
        done = CliRunner().invoke(cli, [*args, "-w", str(ws.root)])
        assert done.exit_code == 1 and done.output.startswith(wanted), done.output
    monkeypatch.chdir(ws.root)
    with pytest.raises(LedgerDamagedError) as caught:
        xlflow.Workspace(".").articles("2015-03")
    assert "稿件的月份、字数或行号有 1 处无法读出）：请用最近的备份恢复：xlflow restore " in str(caught.value)


def test_a_folder_at_the_ledgers_name_is_said_everywhere(ws: Workspace) -> None:
    """review Y3 d6: a folder named ledger.sqlite (a backup unzipped "into" it) was read by the API as an empty ledger
    without a word, and `xlflow export` wrote an empty 台账 over the one exported before."""
    fill(ws)
    saved = backup(ws, None, now=STAMP).paths[0]
    runner, where = CliRunner(), ["-w", str(ws.root)]
    assert runner.invoke(cli, ["export", "--period", "2015-03", *where]).exit_code == 0
    exported = (ws.out / "台账_2015年03月.xlsx").read_bytes()
    write_report(ws.inbox / "2015-03" / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    ws.ledger_path.unlink()
    ws.ledger_path.mkdir()
    said = (f"台账 {ws.ledger_path} 是一个文件夹，不是台账文件：请把这个文件夹改名或移出工作区，再用最近的备份恢复："
            f"xlflow -w {ws.root} restore backup/{saved.name}（恢复后，把备份之后汇总过的月份再汇总一次）")  # fmt: skip
    for args, after in ((["export", "--period", "2015-03"], "；没有导出"), (["bulletin", "--period", "2015-03"], ""),
                        (["consolidate", "--month", "2015-03"], ""), (["backup"], "")):  # fmt: skip
        done = runner.invoke(cli, [*args, *where])
        assert (done.exit_code, done.output) == (1, f"错误：{said}{after}\n")
    assert (ws.out / "台账_2015年03月.xlsx").read_bytes() == exported
    assert f"请注意：\n  ! {said}\n" in runner.invoke(cli, ["status", "--month", "2015-03", *where]).output
    with pytest.warns(UserWarning) as caught:
        assert xlflow.Workspace(ws.root).rates("2015-03")["报送数"].sum() == 0
    assert [str(w.message) for w in caught] == [said]
    (ws.ledger_path / "ledger.sqlite").write_bytes(saved.read_bytes())
    with pytest.warns(UserWarning, match=f"^台账 {ws.ledger_path} 是一个文件夹，不是台账文件：其中的 ledger.sqlite 可能就是台账："
                                         "请把它移到工作区中，代替这个文件夹$"):  # fmt: skip
        xlflow.Workspace(ws.root).articles("2015-03")


def test_automatic_backups_are_pruned_by_name_and_only_they(ws: Workspace) -> None:
    fill(ws)
    folder = ws.root / "backup"
    folder.mkdir()
    for name in ("台账_自动_20150301_090000.sqlite", "台账_自动_20150301_090000_2.sqlite", "台账_自动_说明.sqlite",
                 "台账_20150301_0800.sqlite", "台账_恢复前_20150301_0700.sqlite"):  # fmt: skip
        (folder / name).write_bytes(b"")
    few = dataclasses.replace(ws, settings=dataclasses.replace(ws.settings, backup_keep=2))
    made = auto_backup(few, now=dt.datetime(2015, 3, 2, 8, 0, 0))
    assert made == folder / "台账_自动_20150302_080000.sqlite"
    assert dump(made) == dump(ws.ledger_path)
    assert len(list(folder.glob("台账_自动_2*"))) == 3  # pruned only once the import changed the ledger
    settle_auto_backup(few, made, changed=True)
    assert sorted(p.name for p in folder.iterdir()) == [
        "台账_20150301_0800.sqlite",
        "台账_恢复前_20150301_0700.sqlite",
        "台账_自动_20150301_090000_2.sqlite",
        "台账_自动_20150302_080000.sqlite",
        "台账_自动_说明.sqlite",
    ]
    settle_auto_backup(few, made, changed=False)
    assert not made.exists()


def test_a_consolidate_refused_by_a_read_only_ledger_keeps_every_backup(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that cannot write the ledger (read-only, held by another program) leaves backup/ as it was: no new
    automatic copy, and none of the older restore points pruned however often it is run."""
    fill(ws)
    folder = ws.root / "backup"
    few = dataclasses.replace(ws, settings=dataclasses.replace(ws.settings, backup_keep=2))
    for name in ("台账_自动_20150301_090000.sqlite", "台账_自动_20150302_090000.sqlite"):
        backup(ws, folder / name)
    before, ledger = {p.name: p.read_bytes() for p in folder.iterdir()}, ws.ledger_path.read_bytes()
    write_report(ws.inbox / "2015-03" / "平江县.xlsx", "平江县工信局", [report_row("平江县三月信息")])
    connect = sqlite3.connect

    def read_only(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if database == str(ws.ledger_path):
            return connect(f"{ws.ledger_path.as_uri()}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]
        return connect(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only)
    for hour in (10, 11, 12):
        with pytest.raises(Exception, match="ledger.sqlite"):
            consolidate(few, Period.parse("2015-03"), None, now=dt.datetime(2015, 3, 3, hour, 0))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert ws.ledger_path.read_bytes() == ledger


# -- a copy that fails ---------------------------------------------------------------------------------------


def test_a_backup_copy_that_fails_its_check_leaves_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(ws)
    before = dump(ws.ledger_path)
    monkeypatch.setattr("xlflow.ledger.health.integrity_problem", lambda path: "Page 3 is never used")
    with pytest.raises(WorkspaceError) as caught:
        backup(ws, None, now=STAMP)
    assert str(caught.value) == (
        f"台账 {ws.ledger_path} 的副本未通过完整性检查（Page 3 is never used）：原文件未改动，请检查磁盘后重试"
    )
    assert list((ws.root / "backup").iterdir()) == []  # neither the copy nor a temporary file
    assert dump(ws.ledger_path) == before



def test_reading_a_ledger_an_older_xlflow_wrote_changes_nothing_even_read_only(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ledger an older xlflow wrote (schema 2) is read by status, export and the Python API as it is, byte for
    byte unchanged (an older xlflow on another PC still reads it), also where it cannot be written (SQLite opens it
    read-only on a read-only share); the next consolidate keeps it as it was in backup/ before upgrading it."""
    import xlflow

    write_report(ws.inbox / "2015-03" / "岳阳县3月.xlsx", UNIT, [report_row("园区项目建设进展")])
    runner, where = CliRunner(), ["-w", str(ws.root)]
    assert runner.invoke(cli, ["consolidate", "--month", "2015-03", *where]).exit_code == 0
    db = sqlite3.connect(ws.ledger_path)
    db.execute("DROP TABLE recount")
    db.execute("UPDATE schema_version SET version = 2")
    db.commit()
    db.close()
    old, backups, tables = ws.ledger_path.read_bytes(), {p.name for p in (ws.root / "backup").iterdir()}, dump(ws.ledger_path)
    connect = sqlite3.connect

    def read_only(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if database == str(ws.ledger_path):
            return connect(f"{ws.ledger_path.as_uri()}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]
        return connect(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only)
    status = runner.invoke(cli, ["status", "--month", "2015-03", *where])
    assert status.exit_code == 0, status.output
    export = runner.invoke(cli, ["export", "--period", "2015-03", *where])
    assert export.exit_code == 0 and "计入稿件 1 条，1 个单位" in export.output, export.output
    assert xlflow.Workspace(ws.root).rates("2015-03").set_index("单位名称").loc[UNIT, "报送数"] == 1
    assert ws.ledger_path.read_bytes() == old and {p.name for p in (ws.root / "backup").iterdir()} == backups
    monkeypatch.undo()

    upgrade = runner.invoke(cli, ["consolidate", "--month", "2015-03", *where])
    assert upgrade.exit_code == 0, upgrade.output
    [copy] = [p for p in (ws.root / "backup").iterdir() if p.name not in backups and "自动" not in p.name]
    assert copy.name.startswith("台账_升级前_结构版本2_") and dump(copy) == tables  # schema 2
    assert (f"  ! 台账已升级为本版 xlflow 的结构，旧版 xlflow 不能再读它；升级前的台账另存为 backup/{copy.name}（如要改回旧版 "
            f"xlflow，先运行 xlflow -w {ws.root} restore backup/{copy.name} 恢复，再用旧版重新汇总此后的月份）") in upgrade.output
    db = sqlite3.connect(ws.ledger_path)
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    db.close()
