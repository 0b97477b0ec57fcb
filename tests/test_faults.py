"""Faults a coordinator's PC produces: a full disk, a read-only folder, a folder where a file goes, a name too long,
a damaged ledger, two units whose names make one file name. Each is reproduced in tmp_path and must end in one
Chinese line naming the path (or the backup to restore) with exit status 1, no traceback, the ledger as it was
before (or, when only a later output failed, as after), and no output half written.

The tests may run as root (CI), which ignores permissions: a read-only folder or a full disk is then made by letting
the call the operating system would fail raise the real OSError at that point; where not root, read-only folders are
also made for real with chmod.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import io
import os
import pickle
import re
import shlex
import shutil
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner, Result
from helpers_ledger import BODY, dump, make_workspace, report_row, write_report
from helpers_workbooks import own_body

from xlflow import lock
from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.export import export
from xlflow.commands.receipts import receipt_path
from xlflow.core.errors import ConfigError, LedgerDamagedError, OutputError, WorkspaceError
from xlflow.core.periods import Period
from xlflow.core.schema import DEFAULT_UNITS, QUOTA_HEADERS, QUOTA_SHEET
from xlflow.fsutil import atomic_write_bytes
from xlflow.intake.books import read_adoption_register
from xlflow.intake.quota_table import read_quota_workbook
from xlflow.ledger import Ledger
from xlflow.workspace import Workspace
from xlflow.writers.coordinator_books import write_adoption_register
from xlflow.writers.receipt import RECEIPT_SHEET

MARCH = Period.parse("2015-03")
NOW = dt.datetime(2015, 4, 2, 9, 30)
as_root = hasattr(os, "geteuid") and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(as_root or sys.platform == "win32", reason="root ignores chmod")


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A workspace with two units' March returns, the current folder (hints are then exactly what is printed)."""
    workspace = make_workspace(tmp_path / "ws")
    inbox = workspace.inbox / "2015-03"
    write_report(inbox / "岳阳县工信局_3月.xlsx", "岳阳县工信局", [report_row("岳阳县一季度工业运行平稳")])
    write_report(inbox / "平江县工信局_3月.xlsx", "平江县工信局", [report_row("平江县工业园区建设提速")])
    monkeypatch.chdir(workspace.root)
    return Workspace.open(".")


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def refused(*args: str) -> str:
    """Run a command that must fail: exit 1 and one line 错误：…; that line."""
    result = run(*args)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误："), result.output
    return lines[0]


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: what a failed command must leave as it was."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temporary_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".~xlflow-*")]


def os_error(number: int, path: object) -> OSError:
    """The exception the operating system raises (PermissionError, IsADirectoryError … by errno)."""
    return OSError(number, os.strerror(number), str(path))


def fail_replace_into(monkeypatch: pytest.MonkeyPatch, part: str, number: int) -> list[str]:
    """os.replace into a path containing `part` fails with `number`, as the OS does when the disk is full or the
    folder read-only at the moment a finished file is moved into place; the targets it refused."""
    real = os.replace
    hit: list[str] = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if part in str(dst):
            hit.append(str(dst))
            raise os_error(number, dst)
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return hit


def fail_temp_files_in(monkeypatch: pytest.MonkeyPatch, part: str, number: int) -> None:
    """No temporary file can be made in a folder whose path contains `part` (read-only folder, full disk)."""
    real = tempfile.mkstemp

    def mkstemp(*args: object, dir: str | os.PathLike[str] | None = None, **kwargs: object) -> tuple[int, str]:  # noqa: A002
        if dir is not None and part in str(dir):
            raise os_error(number, Path(dir) / ".~xlflow-tmp")
        return real(*args, dir=dir, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def damage(path: Path, *, keep_first_page: bool) -> None:
    """Overwrite a ledger's interior as a failing disk does, the 100-byte file header left intact: every page after
    the first (the schema stays readable), or everything after the header."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    start = page if keep_first_page else 100
    assert len(data) > start + 2 * page
    pattern = b"\x00\xde\xad\xbe\xef" * (len(data) // 5 + 1)
    data[start:] = pattern[: len(data) - start]
    path.write_bytes(bytes(data))


# --- one error boundary: file-system errors while writing ----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (errno.ENOSPC, "磁盘已满；请腾出磁盘空间后重新运行"),
        (errno.EACCES, "没有写入权限；请取消该文件夹的只读属性"),
        (errno.EROFS, "所在的磁盘是只读的"),
        (errno.EISDIR, "这个位置已经有一个同名的文件夹；请把这个文件夹改名或移走"),
        (errno.ENAMETOOLONG, "文件名或路径太长"),
    ],
)
def test_a_failed_write_names_the_path_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, said: str
) -> None:
    target = tmp_path / "out" / "通报.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"the old bulletin")
    fail_replace_into(monkeypatch, "通报", number)
    with pytest.raises(OutputError) as caught:
        atomic_write_bytes(target, b"the new one")
    assert str(caught.value).startswith(f"无法写入 {target}：{said}")
    assert target.read_bytes() == b"the old bulletin"
    assert not temporary_files(tmp_path)


def test_a_folder_in_the_files_place_and_a_name_too_long_for_real(tmp_path: Path) -> None:
    taken = tmp_path / "台账_2015年03月.xlsx"
    taken.mkdir()
    with pytest.raises(OutputError, match="同名的文件夹"):
        atomic_write_bytes(taken, b"x")
    long_name = tmp_path / ("很长的单位名称" * 40 + ".xlsx")  # 840 bytes: more than any file system takes
    with pytest.raises(OutputError, match="文件名或路径太长"):
        atomic_write_bytes(long_name, b"x")
    a_file = tmp_path / "out"
    a_file.write_bytes(b"not a folder")
    with pytest.raises(OutputError, match=f"{a_file} 是一个文件，不是文件夹"):
        atomic_write_bytes(a_file / "回执" / "x.xlsx", b"x")
    assert not temporary_files(tmp_path)


def test_consolidate_with_receipts_that_cannot_be_written(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ledger is committed first: the summary is printed, a line says it was updated and which receipt failed
    (exit 1); running again after the disk has room writes the receipts and counts nothing twice. Receipts written
    before stay whole."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    earlier = {name: data for name, data in files(ws.out).items() if "回执" in name}
    write_report(ws.inbox / "2015-03" / "平江县工信局_3月.xlsx", "平江县工信局",
                 [report_row("平江县工业园区建设提速"), report_row("平江县新签约项目五个", day=9)])  # fmt: skip
    with monkeypatch.context() as patch:
        hit = fail_replace_into(patch, "回执", errno.ENOSPC)
        result = run("consolidate", "--month", "2015-03")
    assert hit == [str(receipt_path(ws, "平江县工信局", MARCH))] and result.exit_code == 1
    assert f"  ! 台账已更新，但回执 {hit[0]} 未能写入：磁盘已满；请腾出磁盘空间后重新运行 xlflow consolidate --month 2015-03，" \
        "已记入台账的稿件不会重复记入\n" in result.output
    assert {name: data for name, data in files(ws.out).items() if "回执" in name} == earlier  # whole, not half rewritten
    assert not temporary_files(ws.root)
    with Ledger.open(ws.ledger_path) as ledger:  # the ledger is as after the import
        assert [a.title for a in ledger.articles(["2015-03"]) if a.unit == "平江县工信局"] == [
            "平江县工业园区建设提速",
            "平江县新签约项目五个",
        ]
    after = dump(ws.ledger_path)
    again = run("consolidate", "--month", "2015-03")
    assert again.exit_code == 0, again.output
    assert {k: v for k, v in dump(ws.ledger_path).items() if k != "imports"} == {
        k: v for k, v in after.items() if k != "imports"
    }
    receipt = openpyxl.load_workbook(receipt_path(ws, "平江县工信局", MARCH))[RECEIPT_SHEET]
    assert [receipt.cell(r, 4).value for r in (8, 9)] == ["平江县工业园区建设提速", "平江县新签约项目五个"]


def test_consolidate_when_the_months_bulletin_cannot_be_written(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The receipts are out and the ledger updated, but the bulletin could not be saved: the summary of what was
    counted, that line among its warnings, and exit status 1 (README: a file open in Excel)."""
    with monkeypatch.context() as patch:
        hit = fail_replace_into(patch, "通报_", errno.EACCES)
        result = run("consolidate", "--month", "2015-03")
    assert hit and result.exit_code == 1
    assert "  计入稿件 2 条（共 2 行，0 行有错误未计入）" in result.output
    assert "  ! 台账已更新，但 out/通报_2015年03月.xlsx 未能写入：没有写入权限；" in result.output  # not the temporary name
    assert "已写入：\n  out/回执/2015年03月\n  out/工作底稿_2015年03月.xlsx\n  out/奖励计算表_2015年03月.xlsx\n" in result.output
    assert not temporary_files(ws.root) and not (ws.out / "通报_2015年03月.xlsx").exists()
    assert run("consolidate", "--month", "2015-03").exit_code == 0


def test_consolidate_when_a_receipt_folder_cannot_be_made(ws: Workspace) -> None:
    """out/回执 is a file: mkdir fails in consolidate itself; the ledger's context says the ledger was updated."""
    (ws.out / "回执").write_bytes(b"somebody's file")
    result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 1 and "  计入稿件 2 条（共 2 行，0 行有错误未计入）\n" in result.output  # the summary all the same
    assert (
        "  ! 台账已更新，但回执 2 份（out/回执/2015年03月 中的 岳阳县工信局_2015年03月_回执.xlsx、平江县工信局_2015年03月_回执.xlsx）"
        "未能写入：out/回执 是一个文件，不是文件夹；请把那个文件改名或移走后重新运行 xlflow consolidate --month 2015-03，"
        "已记入台账的稿件不会重复记入\n"
    ) in result.output
    assert "已写入：\n  out/通报_2015年03月.xlsx\n" in result.output  # no receipt folder listed
    assert (ws.out / "回执").read_bytes() == b"somebody's file"
    with Ledger.open(ws.ledger_path) as ledger:
        assert len(ledger.articles(["2015-03"])) == 2


def test_consolidate_when_a_receipt_path_is_a_folder(ws: Workspace) -> None:
    """The other receipt, the bulletin and the ledger are written; the warning names the folder in the way."""
    taken = receipt_path(ws, "岳阳县工信局", MARCH)
    taken.mkdir(parents=True)
    result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 1 and "错误：" not in result.output
    assert (
        f"  ! 台账已更新，但回执 {taken} 未能写入：这个位置已经有一个同名的文件夹；请把这个文件夹改名或移走"
        "后重新运行 xlflow consolidate --month 2015-03，已记入台账的稿件不会重复记入\n"
    ) in result.output
    assert taken.is_dir() and not any(taken.iterdir())
    assert receipt_path(ws, "平江县工信局", MARCH).is_file() and (ws.out / "通报_2015年03月.xlsx").is_file()


def test_a_folder_at_the_bulletin_s_name_is_refused_not_kept_as_an_old_version(ws: Workspace) -> None:
    """Review L5: a folder made at the 通报's name (`mkdir out/通报_2015年03月.xlsx`) is not an old 通报: it is left
    as it is and named, as receipts and export do, exit 1; nothing is renamed 旧版."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    taken = ws.out / "通报_2015年03月.xlsx"
    taken.unlink()
    taken.mkdir()
    (taken / "批示.txt").write_text("领导批示扫描", encoding="utf-8")
    result = run("bulletin", "--period", "2015-03", "--date", "2015-04-03")
    assert result.exit_code == 1
    assert (f"  ! 无法写入 {taken}：这个位置已经有一个同名的文件夹；请把这个文件夹改名或移走后重新运行 "
            "xlflow bulletin --period 2015-03 --date 2015-04-03\n") in result.output  # fmt: skip
    assert "旧版" not in result.output and not list(ws.out.glob("*旧版*"))
    assert (taken / "批示.txt").read_text(encoding="utf-8") == "领导批示扫描"
    assert not temporary_files(ws.root)


@needs_permissions
def test_consolidate_into_a_read_only_out_folder(ws: Workspace) -> None:
    ws.out.chmod(0o555)
    try:
        line = refused("consolidate", "--month", "2015-03")
    finally:
        ws.out.chmod(0o755)
    assert line.startswith("错误：台账已更新，但 ") and "没有写入权限" in line
    assert not temporary_files(ws.root)


def test_export_out_never_replaces_a_file(ws: Workspace) -> None:
    """Review L1: `export --out` onto the quota table, the ledger, a 通报 or a unit's return refuses as
    `backup --out` does, exit 1, every file as it was; a name other than .xlsx and a new file in the inbox too."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    before = files(ws.root)
    again = "请换一个文件名，或不加 --out 使用默认名称 out/台账_2015年03月.xlsx"
    for name in ("信息任务分配表.xlsx", "ledger.sqlite", "out/通报_2015年03月.xlsx", "inbox/2015-03/岳阳县工信局_3月.xlsx"):
        assert refused("export", "--period", "2015-03", "--out", name) == f"错误：{name} 已存在：为免覆盖这个文件，没有导出；{again}"
    for name in ("台账.xls", "台账.csv"):
        assert refused("export", "--period", "2015-03", "--out", name) == (
            f"错误：{name} 不是 .xlsx 文件：导出的台账是 Excel 工作簿，请写成 台账.xlsx，或不加 --out")
    line = refused("export", "--period", "2015-03", "--out", "inbox/2015-03/台账.xlsx")
    assert line == ("错误：inbox/2015-03/台账.xlsx 在收件文件夹 inbox/ 中：汇总时会被当作单位报回的工作簿读取，没有导出；"
                    "请换一个位置（收件文件夹以外），或不加 --out 使用默认名称 out/台账_2015年03月.xlsx")  # fmt: skip
    with pytest.raises(WorkspaceError, match="^信息任务分配表.xlsx 已存在：为免覆盖这个文件，没有导出"):
        export(ws, MARCH, Path("信息任务分配表.xlsx"))
    assert files(ws.root) == before
    assert run("status", "--month", "2015-03").exit_code == 0  # the books still read
    assert run("export", "--period", "2015-03", "--out", "三月台账.XLSX").exit_code == 0


def test_no_out_into_a_folder_consolidate_reads(ws: Workspace) -> None:
    """review R5: `backup --out` into inbox/2015-03, `export --out` into the folder March was consolidated from
    (.xlflow-folders.json): the next consolidate refused the coordinator's own file as a unit's return."""
    write_report(ws.root / "收件" / "3月" / "岳阳县工信局_3月.xlsx", "岳阳县工信局", [report_row("岳阳县一季度工业运行平稳")])
    assert run("consolidate", "--month", "2015-03", "收件/3月").exit_code == 0
    before = files(ws.root)
    assert refused("export", "--period", "2015-03", "--out", "收件/3月/3月台账.xlsx") == (
        "错误：收件/3月/3月台账.xlsx 在收件文件夹 收件/3月/ 中：汇总时会被当作单位报回的工作簿读取，没有导出；"
        "请换一个位置（收件文件夹以外），或不加 --out 使用默认名称 out/台账_2015年03月.xlsx")  # fmt: skip
    for name, folder in (("inbox/2015-03/台账备份.sqlite", "inbox/"), ("收件/3月/台账备份.sqlite", "收件/3月/")):
        assert refused("backup", "--out", name) == (f"错误：{name} 在收件文件夹 {folder} 中：汇总时会被当作单位报回的文件读取，"
                                                    "没有备份；请换一个位置，或不加 --out 备份到 backup/")  # fmt: skip
    with pytest.raises(WorkspaceError, match="^收件/3月/台账.xlsx 在收件文件夹 收件/3月/ 中"):
        export(ws, MARCH, Path("收件/3月/台账.xlsx"))
    assert refused("distribute", "--month", "2015-04", "--out", "收件/3月/下发") == (
        "错误：输出目录 收件/3月/下发 在收件文件夹 收件/3月/ 中：下发的空白登记表在汇总时会被当作报回的工作簿读取；"
        "请换一个目录，或不加 --out 使用默认目录 out/下发/2015年04月")  # fmt: skip
    assert files(ws.root) == before
    assert run("backup", "--out", "收件/台账备份.sqlite").exit_code == 0  # beside the folder read: nothing refused
    again = run("consolidate", "--month", "2015-03", "收件/3月")
    assert again.exit_code == 0 and "拒收 0 个" in again.output


def test_export_out_writes_again_its_own_untouched_export(ws: Workspace) -> None:
    """Review U3: the 台账 exported for the leader as 3月台账_报领导.xlsx, March changed, exported again to that name:
    written again; `--out out/台账_2015年03月.xlsx`, the default name, is written even after someone saved it. Once
    the leader has saved 3月台账_报领导.xlsx it is refused, with what to do, and left as it was."""
    def titles(path: str) -> list[str]:
        return [r[4] for r in openpyxl.load_workbook(path)["台账"].iter_rows(min_row=2, values_only=True) if r[4]]

    assert run("consolidate", "--month", "2015-03").exit_code == 0
    assert run("export", "--period", "2015-03", "--out", "3月台账_报领导.xlsx").exit_code == 0
    (ws.inbox / "2015-03" / "平江县工信局_3月.xlsx").unlink()
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    again = run("export", "--period", "2015-03", "--out", "3月台账_报领导.xlsx")
    assert again.exit_code == 0, again.output
    assert titles("3月台账_报领导.xlsx") == ["岳阳县一季度工业运行平稳"]
    assert run("export", "--period", "2015-03").exit_code == 0
    book = openpyxl.load_workbook("out/台账_2015年03月.xlsx")  # someone opens the default export and saves it
    book.save("out/台账_2015年03月.xlsx")
    default = run("export", "--period", "2015-03", "--out", "out/台账_2015年03月.xlsx")
    assert default.exit_code == 0, default.output
    assert titles("out/台账_2015年03月.xlsx") == ["岳阳县一季度工业运行平稳"]
    book = openpyxl.load_workbook("3月台账_报领导.xlsx")  # the leader notes on it and saves it
    book["台账"]["A1"] = "序号（已阅）"
    book.save("3月台账_报领导.xlsx")
    before = files(ws.root)
    assert refused("export", "--period", "2015-03", "--out", "3月台账_报领导.xlsx") == (
        "错误：3月台账_报领导.xlsx 已存在，且不是 xlflow 导出后未经改动的台账：为免覆盖这个文件，没有导出；请先把它移到别处或"
        "删除后重新导出，或者换一个文件名，或不加 --out 使用默认名称 out/台账_2015年03月.xlsx")  # fmt: skip
    with pytest.raises(WorkspaceError, match="^3月台账_报领导.xlsx 已存在，且不是 xlflow 导出后未经改动的台账"):
        export(ws, MARCH, Path("3月台账_报领导.xlsx"))
    assert files(ws.root) == before


def test_export_onto_a_folder_or_a_full_disk(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    ledger = ws.ledger_path.read_bytes()
    exported = ws.out / "台账_2015年第一季度.xlsx"
    exported.mkdir()
    line = refused("export", "--period", "2015-Q1")
    assert line.startswith(f"错误：无法写入 {exported}：这个位置已经有一个同名的文件夹")
    exported.rmdir()
    assert run("export", "--period", "2015-Q1").exit_code == 0
    old = exported.read_bytes()
    fail_replace_into(monkeypatch, "台账_2015年第一季度", errno.ENOSPC)
    line = refused("export", "--period", "2015-Q1")
    assert line == f"错误：无法写入 {exported}：磁盘已满；请腾出磁盘空间后重新运行 xlflow export --period 2015-Q1"
    assert exported.read_bytes() == old
    assert ws.ledger_path.read_bytes() == ledger
    assert not temporary_files(ws.root)


def test_an_out_on_a_read_only_disk_says_to_choose_another_out(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review R5: export/backup --out onto a write-protected USB stick said to copy the workspace to a writable disk;
    the workspace is writable, the --out is not. In the workspace the old advice stands."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    fail_temp_files_in(monkeypatch, "usb", errno.EROFS)
    fail_replace_into(monkeypatch, "台账_2015年03月", errno.EROFS)
    todo = "所在的磁盘是只读的；请换一个可写的 --out 位置（如本机硬盘上的文件夹）后重新运行"
    assert refused("export", "--period", "2015-03", "--out", str(usb / "3月台账.xlsx")) == f"错误：无法写入 {usb / '3月台账.xlsx'}：{todo}"
    assert refused("backup", "--out", str(usb / "台账备份.sqlite")) == f"错误：无法写入 {usb / '台账备份.sqlite'}：{todo}（台账未改动）"
    assert list(usb.iterdir()) == []
    assert refused("export", "--period", "2015-03") == (f"错误：无法写入 {ws.out / '台账_2015年03月.xlsx'}：所在的磁盘是只读的；"
                                                        "请把工作区复制到可写的磁盘（如本机硬盘）后重新运行 xlflow export --period 2015-03")  # fmt: skip


def test_status_remind_into_a_read_only_folder(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    fail_temp_files_in(monkeypatch, "催报", errno.EACCES)
    result = run("status", "--month", "2015-03", "--remind")
    assert result.exit_code == 1, result.output
    assert "岳阳县工信局" in result.output and "催报通知（" in result.output  # the table and the drafts still shown
    line = next(line for line in result.output.splitlines() if "无法写入" in line)
    assert line.startswith(f"  ! 无法写入 {Path('out') / '催报' / '催报_2015年03月.txt'}：没有写入权限")
    assert line.endswith("如果该文件正在 Excel 或 WPS 中打开，请先关闭后重新运行 xlflow status --month 2015-03 --remind"
                         "；本次的催报通知已在上面列出，可直接复制")
    assert not (ws.out / "催报" / "催报_2015年03月.txt").exists()


@needs_permissions
def test_status_remind_and_distribute_with_chmod(ws: Workspace) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    ws.out.chmod(0o555)
    try:
        reminded = run("status", "--month", "2015-03", "--remind")
        assert reminded.exit_code == 1 and "没有写入权限" in reminded.output
        assert "没有写入权限" in refused("distribute", "--month", "2015-04")
    finally:
        ws.out.chmod(0o755)


def test_distribute_into_a_file_or_onto_a_full_disk(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    (ws.out / "下发").write_bytes(b"a file named like the folder")
    line = refused("distribute", "--month", "2015-04")
    assert "下发" in line and "是一个文件，不是文件夹" in line
    (ws.out / "下发").unlink()
    # review W4 4: the second unit's form cannot be put in place (open in Excel; the disk full for it): the other 33
    # are written, and the summary says which one is not and what to do
    for number, why in ((errno.EACCES, "没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；如果该文件正在 Excel 或 WPS 中"
                                       "打开，请先关闭"), (errno.ENOSPC, "磁盘已满；请腾出磁盘空间")):  # fmt: skip
        hit = fail_replace_into(monkeypatch, "平江县", number)
        result = run("distribute", "--month", "2015-04")
        assert result.exit_code == 1, result.output
        assert "  已写出 33 份（共 34 份），1 份未能写入（见下）\n" in result.output
        assert f"请注意：\n  ! 无法写入 {hit[0]}：{why}后重新运行（平江县工信局的登记表这次没有生成）\n" in result.output
        written = sorted(p.name for p in (ws.out / "下发" / "2015年04月").iterdir())
        assert len(written) == 33 and "平江县工信局_2015年04月_信息报送登记表.xlsx" not in written
        assert openpyxl.load_workbook(ws.out / "下发" / "2015年04月" / written[0]).sheetnames  # whole, it opens
        assert not temporary_files(ws.root)
        shutil.rmtree(ws.out / "下发" / "2015年04月")


class _FullDiskFile(io.FileIO):
    """The lock file on a disk with 0 bytes free: opening works, writing the holder's line does not."""

    def write(self, data: object) -> int:
        raise os_error(errno.ENOSPC, self.name)


def test_taking_the_lock_on_a_full_disk(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(lock, "open", lambda path, mode, buffering: _FullDiskFile(path, "a+"), raising=False)
        line = refused("consolidate", "--month", "2015-03")
    assert line == f"错误：无法写入 {ws.lock_path}：磁盘已满；请腾出磁盘空间后重新运行 xlflow consolidate --month 2015-03"
    assert not ws.ledger_path.exists()
    with lock.workspace_lock(ws.root.resolve() / ".xlflow.lock", timeout=0):  # released: taken at once
        pass


def _small_disk(monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    """The ledger's disk fills up `pages` pages after it is opened: SQLite's own "database or disk is full"."""
    real = Ledger.open.__func__  # type: ignore[attr-defined]

    def open_on_a_small_disk(cls: type[Ledger], path: Path | str) -> Ledger:
        ledger = real(cls, path)
        size = ledger._db.execute("PRAGMA page_count").fetchone()[0]
        ledger._db.execute(f"PRAGMA max_page_count = {size + pages}")
        return ledger

    monkeypatch.setattr(Ledger, "open", classmethod(open_on_a_small_disk))


def test_a_full_disk_during_the_import_says_so_and_changes_nothing(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    before = dump(ws.ledger_path)
    for month in ("2015-04", "2015-05"):
        write_report(ws.inbox / month / "岳阳县工信局.xlsx", "岳阳县工信局",
                     [report_row(f"岳阳县{month}第{i}条信息", month=int(month[-1]), body="工业" * 2000)
                      for i in range(30)], month=f"2015年{int(month[-1])}月")  # fmt: skip
    _small_disk(monkeypatch, 3)
    line = refused("consolidate", "--month", "2015-04")
    assert line == f"错误：无法写入 {ws.ledger_path}：磁盘已满；请腾出磁盘空间后重新运行 xlflow consolidate --month 2015-04（台账未改动）"
    assert "rollback" not in line
    assert dump(ws.ledger_path) == before


def test_the_transaction_reports_the_error_that_happened(tmp_path: Path) -> None:
    """SQLite ends the transaction itself on a full disk; the ROLLBACK after it must not replace the cause."""
    ledger = Ledger.open(tmp_path / "ledger.sqlite")
    ledger._db.execute("PRAGMA max_page_count = 1")
    with pytest.raises(OutputError) as caught, ledger._transaction():
        ledger._db.execute("CREATE TABLE filler(x TEXT)")
        ledger._db.executemany("INSERT INTO filler VALUES (?)", [("x" * 4000,)] * 10)
    ledger.close()
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    assert str(caught.value.__cause__) == "database or disk is full"
    assert "磁盘已满" in str(caught.value) and "台账未改动" in str(caught.value)


# --- ledger health ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("keep_first_page", [True, False])
def test_a_damaged_ledger_is_refused_by_every_command_and_restored(
    ws: Workspace, keep_first_page: bool
) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    (restore_point,) = (ws.root / "backup").glob("台账_自动_*.sqlite")
    write_report(ws.inbox / "2015-03" / "平江县工信局_3月.xlsx", "平江县工信局",
                 [report_row("平江县工业园区建设提速"), report_row("平江县新签约项目五个", day=9)])  # fmt: skip
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    newest = max((ws.root / "backup").glob("台账_自动_*.sqlite"), key=lambda p: p.stat().st_mtime_ns)
    assert newest != restore_point
    damage(ws.ledger_path, keep_first_page=keep_first_page)
    damaged = ws.ledger_path.read_bytes()
    outputs = files(ws.out)
    backups = sorted(p.name for p in (ws.root / "backup").iterdir())
    hint = f"xlflow restore {Path('backup') / newest.name}"
    for command in (
        ["consolidate", "--month", "2015-03"],
        ["bulletin", "--period", "2015-Q1"],
        ["export", "--period", "2015-Q1"],
        ["status", "--month", "2015-03"],
        ["status", "--month", "2015-03", "--remind"],
        ["backup"],
    ):
        line = refused(*command)
        assert line.startswith(f"错误：台账 {ws.ledger_path} 已损坏，没有作任何改动（"), command
        assert f"请用最近的备份恢复：{hint}（" in line, command
        assert ws.ledger_path.read_bytes() == damaged  # nothing is ever written into it
    assert files(ws.out) == outputs
    assert sorted(p.name for p in (ws.root / "backup").iterdir()) == backups
    with pytest.raises(LedgerDamagedError):
        Ledger.open(ws.ledger_path)

    done = run(*shlex.split(hint)[1:])  # the hint, as printed
    assert done.exit_code == 0, done.output
    assert "不能用来恢复" in done.output
    (kept,) = (ws.root / "backup").glob("台账_恢复前_已损坏_*.sqlite")
    assert kept.read_bytes() == damaged
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    with Ledger.open(ws.ledger_path) as ledger:
        assert sorted(a.title for a in ledger.articles(["2015-03"])) == sorted(
            ["岳阳县一季度工业运行平稳", "平江县工业园区建设提速", "平江县新签约项目五个"]
        )


def test_a_damaged_ledger_without_backups_says_how_to_rebuild(ws: Workspace) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    for path in (ws.root / "backup").iterdir():
        path.unlink()
    damage(ws.ledger_path, keep_first_page=True)
    line = refused("status", "--month", "2015-03")
    assert f"{Path('backup')} 中没有完好的备份：请把 ledger.sqlite 改名保存，再逐月重新汇总" in line


def test_a_damaged_backup_is_never_the_one_named(ws: Workspace) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    (good,) = (ws.root / "backup").glob("台账_自动_*.sqlite")
    bad = ws.root / "backup" / "台账_20150402_1000.sqlite"
    bad.write_bytes(good.read_bytes())
    damage(bad, keep_first_page=True)
    os.utime(bad, (good.stat().st_mtime + 60, good.stat().st_mtime + 60))  # newer, but damaged
    damage(ws.ledger_path, keep_first_page=True)
    assert f"xlflow restore {Path('backup') / good.name}（" in refused("bulletin", "--period", "2015-03")


def _no_tables(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as db:  # a SQLite file, header and all, without a table
        db.execute("PRAGMA user_version = 7")


@pytest.mark.parametrize(("empty", "said"), [(lambda p: p.write_bytes(b""), "文件是空的（0 字节）"),
                                             (_no_tables, "文件中没有台账的表")])  # fmt: skip
def test_an_emptied_ledger_in_a_used_workspace_is_damaged_not_new(ws: Workspace, empty: object, said: str) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    assert run("backup").exit_code == 0
    newest = max((ws.root / "backup").glob("台账_*.sqlite"), key=lambda p: p.stat().st_mtime_ns)
    empty(ws.ledger_path)  # type: ignore[operator]
    emptied, outputs = ws.ledger_path.read_bytes(), files(ws.out)
    backups = sorted(p.name for p in (ws.root / "backup").iterdir())
    hint = f"xlflow restore {Path('backup') / newest.name}"
    for command in (["consolidate", "--month", "2015-03"], ["bulletin", "--period", "2015-Q1"],
                    ["status", "--month", "2015-03"], ["backup"]):  # fmt: skip
        line = refused(*command)
        assert line.startswith(f"错误：台账 {ws.ledger_path} 已损坏，没有作任何改动（{said}）：请用最近的备份恢复：{hint}（"), line
        assert ws.ledger_path.read_bytes() == emptied
    assert files(ws.out) == outputs
    assert sorted(p.name for p in (ws.root / "backup").iterdir()) == backups
    assert run(*shlex.split(hint)[1:]).exit_code == 0
    with Ledger.open(ws.ledger_path) as ledger:
        assert sorted(a.title for a in ledger.articles(["2015-03"])) == ["岳阳县一季度工业运行平稳", "平江县工业园区建设提速"]


def test_a_used_workspace_without_its_ledger_says_so(ws: Workspace) -> None:
    """review R5: ledger.sqlite moved away (not copied to the new PC, deleted as junk) with backup/ and out/ full:
    bulletin said 还没有台账 (consolidate first), as in a new workspace."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    assert run("backup").exit_code == 0
    saved = max((ws.root / "backup").glob("台账_*.sqlite"), key=lambda p: p.stat().st_mtime_ns)
    assert not saved.name.startswith("台账_自动_")
    ws.ledger_path.unlink()
    said = "错误：工作区中没有台账 ledger.sqlite，但这个工作区用过台账（有台账备份、回执或通报）：如果它被移走或删除了，"
    assert refused("bulletin", "--period", "2015-Q1") == (
        f"{said}请用最近的备份恢复：xlflow restore {Path('backup') / saved.name}（恢复后，把备份之后汇总过的月份再汇总一次）")
    for path in (ws.root / "backup").iterdir():  # no backup: the receipts and 通报 in out/ still say it was used
        path.unlink()
    assert refused("bulletin", "--period", "2015-Q1") == (
        f"{said}请把它放回工作区；找不到时，逐月重新汇总（各月收件文件夹就是准，汇总后台账即重建）")
    assert not ws.ledger_path.exists()


def test_consolidate_without_the_ledger_of_a_used_workspace_says_so_and_keeps_the_backups(ws: Workspace) -> None:
    """review R5: consolidate started an empty ledger without a word, and kept a backup of that empty ledger, which
    the restore advice then named as the newest."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    assert run("backup").exit_code == 0
    saved = sorted(p.name for p in (ws.root / "backup").iterdir())
    newest = max((ws.root / "backup").glob("台账_*.sqlite"), key=lambda p: p.stat().st_mtime_ns)
    ws.ledger_path.unlink()
    said = "工作区中没有台账 ledger.sqlite，但这个工作区用过台账"
    done = run("status", "--month", "2015-03")  # not "nothing consolidated"
    assert done.exit_code == 0 and said in done.output.split("请注意：")[1].splitlines()[1], done.output
    export = ws.out / "台账_2015年03月.xlsx"
    assert run("export", "--period", "2015-03").exit_code == 1 and not export.exists()  # review S2: no empty one
    result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 0, result.output
    warnings = result.output.split("请注意：")[1].splitlines()
    assert warnings[1] == (
        "  ! 工作区中没有台账 ledger.sqlite，但这个工作区用过台账（有台账备份、回执或通报）：如果它被移走或删除了，"
        f"请用最近的备份恢复：xlflow restore {Path('backup') / newest.name}（恢复后，把备份之后汇总过的月份再汇总一次）。"
        "本次汇总新建了台账，其中只有2015年3月的数据"
    )
    assert sorted(p.name for p in (ws.root / "backup").iterdir()) == saved  # no copy of an empty ledger
    assert "不是最新的" not in result.output  # not against the empty ledger: restoring comes first (review S2)
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.months() == ["2015-03"]
    again = run("consolidate", "--month", "2015-03")  # the new ledger is there now: nothing more to say
    assert "没有台账" not in again.output


def test_an_empty_ledger_file_in_a_new_workspace_or_none_at_all_is_a_new_ledger(ws: Workspace) -> None:
    ws.ledger_path.write_bytes(b"")  # a first consolidate stopped before it made the tables
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    ws.ledger_path.rename(ws.root / "ledger_旧.sqlite")  # what the advice without a backup says to do
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    with Ledger.open(ws.ledger_path) as ledger:
        assert len(ledger.articles(["2015-03"])) == 2


@pytest.mark.parametrize(
    ("value", "shown"), [("二", "“二”"), ("2.0.1", "“2.0.1”"), (2.5, "“2.5”"), (0, "“0”"), (b"\x00\x01", "二进制数据")]
)
def test_an_unreadable_schema_version_is_refused(ws: Workspace, value: object, shown: str) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    db = sqlite3.connect(ws.ledger_path)
    db.execute("UPDATE schema_version SET version = ?", (value,))
    db.commit()
    db.close()
    before = ws.ledger_path.read_bytes()
    (point,) = (ws.root / "backup").glob("台账_自动_*.sqlite")
    for command in (["consolidate", "--month", "2015-03"], ["export", "--period", "2015-03"], ["backup"]):
        line = refused(*command)
        assert f"结构版本无法读取（schema_version 中是{shown}）" in line, line
        assert f"xlflow restore {Path('backup') / point.name}（" in line
    assert ws.ledger_path.read_bytes() == before
    copy = ws.root / "坏版本.sqlite"
    copy.write_bytes(before)
    line = refused("restore", str(copy))
    assert line.startswith(f"错误：备份 {copy} 已损坏（结构版本无法读取")
    assert run("restore", str(point)).exit_code == 0  # restoring over it is how it is repaired
    assert run("status", "--month", "2015-03").exit_code == 0


# --- automatic backups ------------------------------------------------------------------------------------


def _with_keep(ws: Workspace, keep: int) -> Workspace:
    return dataclasses.replace(ws, settings=dataclasses.replace(ws.settings, backup_keep=keep))


def _autos(ws: Workspace) -> list[str]:
    return sorted(p.name for p in (ws.root / "backup").glob("台账_自动_*.sqlite"))


def test_a_backup_before_each_consolidate_that_changes_the_ledger(ws: Workspace) -> None:
    ws = _with_keep(ws, 2)
    consolidate(ws, MARCH, None, now=dt.datetime(2015, 4, 1, 9, 0, 0))
    assert _autos(ws) == ["台账_自动_20150401_090000.sqlite"]
    first = dump(ws.ledger_path)
    consolidate(ws, MARCH, None, now=dt.datetime(2015, 4, 1, 9, 5, 0))  # the same files: nothing changes
    assert _autos(ws) == ["台账_自动_20150401_090000.sqlite"]
    manual = ws.root / "backup" / "台账_20150401_0906.sqlite"
    manual.write_bytes(ws.ledger_path.read_bytes())
    inbox = ws.inbox / "2015-03"
    for n, minute in enumerate((10, 20, 30), start=1):
        write_report(inbox / "平江县工信局_3月.xlsx", "平江县工信局",
                     [report_row(f"平江县第{i}条信息", day=i) for i in range(1, n + 2)])  # fmt: skip
        consolidate(ws, MARCH, None, now=dt.datetime(2015, 4, 1, 9, minute, 0))
    assert _autos(ws) == ["台账_自动_20150401_092000.sqlite", "台账_自动_20150401_093000.sqlite"]
    assert manual.exists()  # a backup the coordinator made is never deleted
    # the newest holds the ledger as it was right before the last consolidate: three of 平江县's articles
    with Ledger.open(ws.root / "backup" / "台账_自动_20150401_093000.sqlite") as copy:
        assert [a.title for a in copy.articles(["2015-03"]) if a.unit == "平江县工信局"] == [
            "平江县第1条信息",
            "平江县第2条信息",
            "平江县第3条信息",
        ]
    with Ledger.open(ws.root / "backup" / "台账_自动_20150401_092000.sqlite") as copy:
        assert {k: v for k, v in dump(copy.path).items() if k != "imports"} != {
            k: v for k, v in first.items() if k != "imports"
        }
    assert not temporary_files(ws.root)


def test_no_automatic_backups_when_backup_keep_is_0(ws: Workspace) -> None:
    consolidate(_with_keep(ws, 0), MARCH, None, now=NOW)
    assert not (ws.root / "backup").exists()


def test_a_full_disk_for_the_automatic_backup_changes_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    before = dump(ws.ledger_path)
    write_report(ws.inbox / "2015-03" / "平江县工信局_3月.xlsx", "平江县工信局", [report_row("平江县改过的信息")])
    fail_temp_files_in(monkeypatch, "backup", errno.ENOSPC)
    line = refused("consolidate", "--month", "2015-03")
    assert line.startswith(f"错误：无法写入 {Path('backup') / '台账_自动_'}")
    assert line.endswith("：磁盘已满；请腾出磁盘空间后重新运行 xlflow consolidate --month 2015-03（这是汇总前的自动备份；台账未改动）")
    assert dump(ws.ledger_path) == before


def test_a_full_disk_for_backup_out_leaves_no_journal(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review R5 M1: backup --out to a nearly full USB stick left SQLite's .~xlflow-….sqlite-journal beside it."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    usb, real = tmp_path / "usb", sqlite3.connect
    usb.mkdir()

    def connect(database: str | os.PathLike[str], *args: object, **kwargs: object) -> sqlite3.Connection:
        if "usb" not in str(database):
            return real(database, *args, **kwargs)  # type: ignore[arg-type]

        class FullDisk(sqlite3.Connection):
            def close(self) -> None:
                super().close()
                Path(f"{database}-journal").write_bytes(b"\0" * 512)  # what SQLite leaves when the disk fills up

        db = real(database, *args, factory=FullDisk, **kwargs)  # type: ignore[arg-type]
        db.execute("PRAGMA max_page_count = 1")
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)
    target = usb / "备份.sqlite"
    assert refused("backup", "--out", str(target)) == (
        f"错误：无法写入 {target}：磁盘已满；请腾出磁盘空间后重新运行 xlflow backup --out {target}（台账未改动）")
    assert list(usb.iterdir()) == []


# --- unique output names ----------------------------------------------------------------------------------

TWINS = ("信息科/网站", "信息科_网站", "ABC科", "abc科")


def _workspace_with_twins(root: Path) -> Workspace:
    ws = make_workspace(root)
    book = xlsxwriter.Workbook(str(ws.quota_path))
    sheet = book.add_worksheet(QUOTA_SHEET)
    sheet.write_row(0, 0, QUOTA_HEADERS)
    units = [(u.name, u.kind, u.target, u.monthly, u.annual) for u in DEFAULT_UNITS[:2]]
    units += [(name, "委业务科室", "市经信委", 4, 48) for name in TWINS]
    for r, (name, kind, target, monthly, annual) in enumerate(units, start=1):
        sheet.write_row(r, 0, [r, name, kind, target, monthly, annual, "", ""])
    book.close()
    for i, name in enumerate(TWINS):
        write_report(ws.inbox / "2015-03" / f"报表{i + 1}.xlsx", name, [report_row(f"{name}的三月信息")])
    return Workspace.open(root)


def test_units_whose_names_make_one_file_name_get_their_own_receipts(tmp_path: Path) -> None:
    ws = _workspace_with_twins(tmp_path / "ws")
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.data["counted"] == {name: 1 for name in TWINS}
    paths = result.data["receipts"]
    assert set(paths) == set(TWINS)
    assert len({str(p).casefold() for p in paths.values()}) == 4  # distinct even where case is ignored
    for name, path in paths.items():
        assert path == receipt_path(ws, name, MARCH)  # stable: the same name every run
        sheet = openpyxl.load_workbook(path)[RECEIPT_SHEET]
        assert (sheet["B2"].value, sheet["D8"].value) == (name, f"{name}的三月信息")
    assert receipt_path(ws, "信息科_网站", MARCH).name == "信息科_网站_2015年03月_回执.xlsx"  # unchanged names stay
    assert receipt_path(ws, "岳阳县工信局", MARCH).name == "岳阳县工信局_2015年03月_回执.xlsx"
    assert len(list((ws.out / "回执" / "2015年03月").iterdir())) == 4


def test_distribute_gives_such_units_their_own_files(tmp_path: Path) -> None:
    from xlflow.commands.distribute import distribute

    ws = _workspace_with_twins(tmp_path / "ws")
    result = distribute(ws, Period.parse("2015-04"), None)
    names = [p.name for p in result.paths]
    assert len({n.casefold() for n in names}) == len(names) == 6


def test_units_named_with_a_slash_get_their_distributed_forms_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review R4: 办公室/机要室 added to the quota table: its form, 办公室_机要室_…, is its own, not 办公室's."""
    ws = make_workspace(tmp_path / "ws")
    book = openpyxl.load_workbook(ws.quota_path)
    for seq, name in ((35, "办公室/机要室"), (36, "综合法规科/法制办")):
        book[QUOTA_SHEET].append([seq, name, "委综合科室", "委综合法规科", "-", 4])
    book.save(ws.quota_path)
    monkeypatch.chdir(ws.root)
    assert run("distribute", "--month", "2015-03").exit_code == 0
    (ws.inbox / "2015-03").mkdir(exist_ok=True)
    for name in ("办公室", "办公室_机要室", "综合法规科_法制办"):
        form = openpyxl.load_workbook(ws.out / "下发" / "2015年03月" / f"{name}_2015年03月_信息报送登记表.xlsx")
        unit = form.worksheets[0]["C2"].value
        for column, value in zip("BCDEH", (dt.datetime(2015, 3, 5), f"{unit}的三月信息", "工作动态", own_body(unit, BODY), "李明"), strict=True):
            form.worksheets[0][f"{column}4"] = value
        form.save(ws.inbox / "2015-03" / f"{name}_2015年03月_信息报送登记表.xlsx")
    result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 0, result.output
    assert "读取文件 3 个：接受 3 个，拒收 0 个" in result.output and "计入稿件 3 条（共 3 行，0 行有错误未计入）" in result.output
    counted = consolidate(Workspace.open(ws.root), MARCH, None, now=NOW).data["counted"]
    assert counted == {"办公室": 1, "办公室/机要室": 1, "综合法规科/法制办": 1}


# --- hints that can be pasted -----------------------------------------------------------------------------


def test_the_export_hint_is_a_complete_command(ws: Workspace) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    done = run("export", "--period", "2015-Q2")
    assert done.exit_code == 0
    (hint,) = [line for line in done.output.splitlines() if "xlflow consolidate" in line]
    assert hint.endswith("请先汇总各月，如 xlflow consolidate --month 2015-04")
    write_report(ws.inbox / "2015-04" / "岳阳县工信局_4月.xlsx", "岳阳县工信局",
                 [report_row("岳阳县四月信息", month=4)], month="2015年4月")  # fmt: skip
    pasted = run(*shlex.split(hint.split("如 ", 1)[1])[1:])
    assert pasted.exit_code == 0, pasted.output
    assert "2015年4月汇总完成" in pasted.output


# --- the command line's last resort -----------------------------------------------------------------------


def test_a_stray_os_error_is_one_line_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("文件").write_bytes(b"a file where a folder would go")
    line = refused("init", str(Path("文件") / "2015信息报送"), "--year", "2015")  # init names itself to run again
    assert line == (
        f"错误：无法建立 {Path('文件') / '2015信息报送'}：文件 是一个文件，不是文件夹；请把那个文件改名或移走后重新运行 "
        f"xlflow init {Path('文件') / '2015信息报送'} --year 2015"
    )
    import xlflow.commands.templates

    def stray(*args: object, **kwargs: object) -> None:
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(Path("文件") / "模板"))

    monkeypatch.setattr(xlflow.commands.templates, "write_templates", stray)
    assert refused("templates", "--out", "模板") == (
        f"错误：无法读写 {Path('文件') / '模板'}：文件 是一个文件，不是文件夹；请把那个文件改名或移走后重新运行 xlflow templates --out 模板"
    )


def test_a_stray_sqlite_error_names_the_backup(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Damage quick_check cannot see (an index that disagrees with its table) surfaces in a query."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    (point,) = (ws.root / "backup").glob("台账_自动_*.sqlite")

    def malformed(*args: object, **kwargs: object) -> None:
        exc = sqlite3.DatabaseError("database disk image is malformed")
        exc.sqlite_errorcode = 11  # SQLITE_CORRUPT, as SQLite sets it
        raise exc

    monkeypatch.setattr(Ledger, "articles", malformed)
    line = refused("export", "--period", "2015-03")
    assert line.startswith("错误：台账 ledger.sqlite 已损坏，没有作任何改动（文件内容已损坏，SQLite 错误代码 11）：")
    assert f"xlflow restore {Path('backup') / point.name}（" in line


def test_an_output_error_crosses_a_process_boundary() -> None:
    """Receipts of a province's month are written by worker processes: their OutputError comes back whole."""
    error = OutputError(Path("out/回执/x.xlsx"), os_error(errno.ENOSPC, "out/回执/x.xlsx"), note="（台账未改动）")
    error.ledger_updated = True
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and str(again).startswith("台账已更新，但 out/回执/x.xlsx 未能写入：磁盘已满")


@pytest.mark.parametrize(
    "command",
    [["consolidate", "--month", "2015-03"], ["status", "--month", "2015-03"], ["bulletin", "--period", "2015-03"],
     ["backup"], ["export", "--period", "2015-03"]],
)  # fmt: skip
def test_a_ledger_held_by_another_program_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """The coordinator has ledger.sqlite open in a database browser that holds a write lock: every command says which
    file and what to do, and the ledger is as it was."""
    from xlflow.ledger import health, store

    monkeypatch.setattr(health, "BUSY_TIMEOUT", 0.2)
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.2)
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县工业运行平稳")])
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    write_report(ws.inbox / "2015-03" / "平江县.xlsx", "平江县工信局", [report_row("平江县召开推进会")])
    before = dump(ws.ledger_path)
    browser = sqlite3.connect(str(ws.ledger_path), isolation_level=None)
    browser.execute("BEGIN EXCLUSIVE")
    try:
        result = CliRunner().invoke(cli, [*command, "-w", str(ws.root)])
    finally:
        browser.execute("ROLLBACK")
        browser.close()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (f"台账 {ws.ledger_path} 正被另一个程序使用（等了 0.2 秒仍在使用）：请关闭打开它的程序（或等另一次汇总结束）"
            "后重新运行") in result.output
    assert dump(ws.ledger_path) == before


def test_a_ledger_damaged_in_many_pages_is_still_one_chinese_line(ws: Workspace) -> None:
    """quick_check answers a damaged interior with one row of a hundred lines of English: the line says what and
    what to do, and names the backup."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    (point,) = (ws.root / "backup").glob("台账_自动_*.sqlite")
    with closing(sqlite3.connect(ws.ledger_path)) as db, db:  # a ledger of many pages, as a year's is
        db.execute("CREATE TABLE padding (n INTEGER PRIMARY KEY, text TEXT)")
        db.executemany("INSERT INTO padding (text) VALUES (?)", [("填充" * 50,) for _ in range(3000)])
    data = bytearray(ws.ledger_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[2 * page : 22 * page] = b"A" * (20 * page)  # pages 3 to 22 overwritten, as by a bad sector
    ws.ledger_path.write_bytes(bytes(data))
    for command in (["status", "--month", "2015-03"], ["backup"]):
        line = refused(*command)
        assert line.startswith(f"错误：台账 {ws.ledger_path} 已损坏，没有作任何改动（完整性检查发现 "), line
        assert line.endswith(f"请用最近的备份恢复：xlflow restore {Path('backup') / point.name}（恢复后，把备份之后汇总过的月份再汇总一次）")
        said = line.replace(str(ws.ledger_path), "").replace(f"xlflow restore {Path('backup') / point.name}", "")
        assert not re.search(r"[A-Za-z]{3,}", said), line  # no SQLite English


def test_a_template_that_cannot_be_written_names_the_command_to_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fail_replace_into(monkeypatch, "quota_template", errno.ENOSPC)
    line = refused("templates", "--out", "模板")
    assert line == f"错误：无法写入 {Path('模板') / 'quota_template.xlsx'}：磁盘已满；请腾出磁盘空间后重新运行 xlflow templates --out 模板"


def test_backup_keep_0_in_the_settings_means_no_automatic_backups(ws: Workspace) -> None:
    toml = ws.settings_path
    toml.write_text(toml.read_text(encoding="utf-8").replace("keep = 10 ", "keep = 0  "), encoding="utf-8")
    assert Workspace.open(".").settings.backup_keep == 0
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    write_report(ws.inbox / "2015-03" / "平江县工信局_3月.xlsx", "平江县工信局", [report_row("平江县新签约项目五个")])
    assert run("consolidate", "--month", "2015-03").exit_code == 0  # changes the ledger: no copy made before
    assert not list(ws.root.glob("backup/台账_自动_*"))


def test_a_missing_quota_table_is_made_again_without_touching_the_other_books(ws: Workspace) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    register = ws.root / "采用登记表.xlsx"
    register.write_bytes(b"the coordinator's adoptions")  # init --force would replace it
    ws.quota_path.unlink()
    line = refused("status", "--month", "2015-03")
    assert line == (
        "错误：找不到任务分配表 信息任务分配表.xlsx：如果改了名或移走了，请放回工作区并改名为 信息任务分配表.xlsx；"
        "要重新生成通知附件一的那一份，运行 xlflow templates --out 模板，再把其中的 quota_template.xlsx 复制到工作区、"
        "改名为 信息任务分配表.xlsx（采用登记表、奖励标准和台账都不动）"
    )
    assert run("templates", "--out", "模板").exit_code == 0  # the hint, followed
    (ws.root / "模板" / "quota_template.xlsx").rename(ws.quota_path)
    assert run("status", "--month", "2015-03").exit_code == 0
    assert register.read_bytes() == b"the coordinator's adoptions"


# --- the 通报, 工作底稿 and 奖励计算表: each written, or left whole (review 4c) -----------------------------------


def _changed_march(ws: Workspace) -> None:
    """March consolidated, then 平江县 sends a second article: the month's three books will change."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    write_report(ws.inbox / "2015-03" / "平江县工信局_3月.xlsx", "平江县工信局",
                 [report_row("平江县工业园区建设提速"), report_row("平江县新签约项目五个", day=9, body="太短")])  # fmt: skip


def test_a_full_disk_while_the_bulletin_is_written_leaves_the_old_one(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new workbook is written beside the old before the old moves aside: no room for it leaves every old
    book where it was, no 旧版 copy, no temporary file; each of the three is named, exit 1."""
    _changed_march(ws)
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    books = {name: data for name, data in files(ws.out).items() if "/" not in name}
    with monkeypatch.context() as patch:
        fail_temp_files_in(patch, "out", errno.ENOSPC)
        result = run("bulletin", "--period", "2015-03", "--date", "2015-04-03")  # a date given: the 通报 changes
    assert result.exit_code == 1
    assert "  ! 无法写入 out/通报_2015年03月.xlsx：磁盘已满；请腾出磁盘空间后重新运行 xlflow bulletin --period 2015-03 " \
        "--date 2015-04-03\n" in result.output
    assert {name: data for name, data in files(ws.out).items() if "/" not in name} == books
    assert not temporary_files(ws.root) and "已写入：" not in result.output


def test_ctrl_c_between_writing_and_moving_the_bulletin_leaves_the_old_one(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted as the new 通报 is moved into place: the old 通报 is back under its own name."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    path = ws.out / "通报_2015年03月.xlsx"
    before = path.read_bytes()
    real = os.replace

    def interrupted(src: str, dst: str | os.PathLike[str]) -> None:
        if Path(dst) == path:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        from xlflow.commands.bulletin import bulletin

        bulletin(ws, MARCH, date=dt.date(2015, 4, 3))
    assert path.read_bytes() == before
    assert not list(ws.out.glob("通报_2015年03月（旧版*")) and not temporary_files(ws.root)


def test_consolidate_with_the_working_papers_open_writes_the_other_two(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 工作底稿 open in Excel (cannot be renamed aside): the 通报 and 奖励计算表 are written and listed, the
    工作底稿 is named with what to do, exit 1."""
    _changed_march(ws)
    papers = ws.out / "工作底稿_2015年03月.xlsx"
    before = papers.read_bytes()
    real = Path.rename

    def locked(self: Path, target: object) -> Path:
        if self.name == papers.name:
            raise os_error(errno.EACCES, self)
        return real(self, target)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "rename", locked)
    result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 1
    assert "  ! 台账已更新，但 out/工作底稿_2015年03月.xlsx 未能写入：没有写入权限；" in result.output
    written = result.output.split("已写入：\n")[1].splitlines()
    assert written[:2] == ["  out/回执/2015年03月", "  out/通报_2015年03月.xlsx"] and len(written) == 3
    assert written[2].startswith("  out/通报_2015年03月（旧版 ")
    assert "  奖励计算表_2015年03月.xlsx 内容没有变化，保留原文件\n" in result.output  # said, not listed as written
    assert papers.read_bytes() == before
    assert "  通报_2015年03月.xlsx 内容有变化：旧文件已改名保留为 通报_2015年03月（旧版 " in result.output


# --- after the ledger is committed: the run says what it did, whatever stops it (review 4c) ------------------


def test_ctrl_c_after_the_commit_prints_what_changed_and_what_is_not_written(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted while the 通报 is made: the ledger is updated (平江县's file is gone from it), and the summary
    says so, names the file removed and what is not written, with the command; exit 1, not only “已中止。”."""
    from xlflow.commands import bulletin

    assert run("consolidate", "--month", "2015-03").exit_code == 0
    (ws.inbox / "2015-03" / "平江县工信局_3月.xlsx").unlink()

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bulletin, "write_bulletin_and_rewards", interrupted)
    result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 1
    assert "  ! 平江县工信局_3月.xlsx（平江县工信局）已不在收件文件夹中：其记录已从台账删除，原计入的 1 条不再计入：《平江县工业园区建设提速》\n" \
        in result.output
    assert "  ! 台账已更新，但月度通报未写完（已中止）：请重新运行 xlflow consolidate --month 2015-03，已记入台账的稿件不会重复记入\n" \
        in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.unit for a in ledger.articles(["2015-03"])] == ["岳阳县工信局"]


def test_ctrl_c_while_the_receipts_are_written(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from xlflow.commands import consolidate as command

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "write_receipts", interrupted)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.exit_code == 1 and result.data["receipts"] == {}
    assert result.warnings == ["台账已更新，但回执和月度通报未写完（已中止）：请重新运行 xlflow consolidate，已记入台账的稿件不会重复记入"]
    assert "  台账：2 个单位写入，0 个单位与上次汇总相同未改写" in result.render()


def test_a_full_disk_for_the_receipts_names_them_and_drops_the_receipt_index(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills as the receipts are written: one is written, the other not, nor xlflow's own index of them.
    The summary, the line naming the receipt, the 通报 written; the index is gone (not a stale one), so the next
    run writes every receipt again."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    assert ws.receipt_index_path.is_file()
    for receipt in receipt_path(ws, "", MARCH).parent.iterdir():
        receipt.unlink()
    write_report(ws.inbox / "2015-03" / "平江县工信局_3月.xlsx", "平江县工信局",
                 [report_row("平江县工业园区建设提速"), report_row("平江县新签约项目五个", day=9)])  # fmt: skip
    with monkeypatch.context() as patch:
        fail_replace_into(patch, "平江县工信局_2015年03月_回执", errno.ENOSPC)
        fail_replace_into(patch, ".xlflow-receipts", errno.ENOSPC)
        result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 1
    assert (
        "  ! 台账已更新，但回执 out/回执/2015年03月/平江县工信局_2015年03月_回执.xlsx "
        "未能写入：磁盘已满；请腾出磁盘空间后重新运行 xlflow consolidate --month 2015-03，已记入台账的稿件不会重复记入\n"
    ) in result.output
    assert ".xlflow-receipts" not in result.output and "  计入稿件 3 条（共 3 行，0 行有错误未计入）\n" in result.output
    assert not ws.receipt_index_path.exists() and (ws.out / "通报_2015年03月.xlsx").is_file()
    again = run("consolidate", "--month", "2015-03")
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in receipt_path(ws, "", MARCH).parent.iterdir()) == [
        "岳阳县工信局_2015年03月_回执.xlsx", "平江县工信局_2015年03月_回执.xlsx"]  # fmt: skip


# --- what a killed run leaves behind -------------------------------------------------------------------------------


def test_a_killed_runs_temporary_files_are_removed_by_the_next_run(ws: Workspace) -> None:
    """kill -9 or a power cut while writing leaves .~xlflow-… files (visible on Windows, in the receipts folder that
    goes to the units); the next run holding the workspace lock removes them, even one that rewrites nothing there,
    but not a running one's (just made), nor anything else."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    receipts, backup = ws.out / "回执" / "2015年03月", ws.root / "backup"
    left = [receipts / ".~xlflow-k3j9x.xlsx", backup / ".~xlflow-a8b2.sqlite", backup / ".~xlflow-a8b2.sqlite-journal"]
    kept = [receipts / ".~xlflow-q7w1.xlsx", receipts / "~$县工信局_3月.xlsx", backup / "说明.txt"]
    for path in left + kept:
        path.write_bytes(b"")
    hour_ago = os.stat(ws.root / "xlflow.toml").st_mtime - 3600
    for path in left + kept[1:]:
        os.utime(path, (hour_ago, hour_ago))
    again = run("consolidate", "--month", "2015-03")
    assert again.exit_code == 0 and "台账：0 个单位写入" in again.output  # nothing written into either folder
    assert [p for p in left if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []
    assert sorted(p.name for p in temporary_files(ws.root)) == [".~xlflow-q7w1.xlsx"]

    stale = ws.out / ".~xlflow-z1.xlsx"
    stale.write_bytes(b"")
    os.utime(stale, (hour_ago, hour_ago))
    with lock.workspace_lock(ws.lock_path):  # the library's commands, whichever takes the lock
        assert not stale.exists()


def fill_up_zip_files_named(monkeypatch: pytest.MonkeyPatch, part: str) -> None:
    """A workbook saved straight into a file whose name contains `part` fills the disk (no file name in the error,
    as the OS's write gives none); one saved in memory does not."""
    import zipfile

    real = zipfile.ZipFile.__init__

    def init(self: zipfile.ZipFile, file: object, mode: str = "r", *args: object, **kwargs: object) -> None:
        real(self, file, mode, *args, **kwargs)  # type: ignore[arg-type]
        if mode == "w" and part in str(file):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "__init__", init)


@pytest.mark.parametrize("part", ["_通讯员登记表.xlsx", str(Path("inbox") / "2015-01")])
def test_a_full_disk_in_the_demo_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    """A correspondent's form or a unit's return the demo makes: the disk fills up while writing it."""
    fill_up_zip_files_named(monkeypatch, part)
    real = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:  # straight into the file: no file name in the error
        if part in str(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    hit = fail_replace_into(monkeypatch, part, errno.ENOSPC)
    line = refused("demo", str(tmp_path / "示例"))
    root = tmp_path / "示例"  # made again with --force only: what the line says
    assert len(hit) == 1 and line == (f"错误：示例工作区 {root} 未建完：无法写入 {hit[0]}（磁盘已满）；"
                                      f"请腾出磁盘空间后运行 xlflow demo {root} --force 重新生成（只清空这个示例目录）")
    assert Path(hit[0]).is_relative_to(tmp_path / "示例") and Path(hit[0]).suffix in (".xls", ".xlsx")
    assert temporary_files(tmp_path) == []


def test_a_full_disk_while_the_demo_fills_the_adoption_register_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers_bulletin import article

    from xlflow.core.units import UnitTable
    from xlflow.demo.forms import fill_adoption_register
    from xlflow.writers.coordinator_books import write_adoption_register

    register = tmp_path / "采用登记表.xlsx"
    write_adoption_register(register, UnitTable(DEFAULT_UNITS))
    before = register.read_bytes()
    fill_up_zip_files_named(monkeypatch, "采用登记表.xlsx")
    fail_replace_into(monkeypatch, "采用登记表.xlsx", errno.ENOSPC)
    with pytest.raises(OutputError) as caught:
        fill_adoption_register(register, [article("岳阳县工信局", "岳阳县一季度工业运行平稳")], seed=1)
    assert str(caught.value) == f"无法写入 {register}：磁盘已满；请腾出磁盘空间后重新运行"
    assert register.read_bytes() == before and temporary_files(tmp_path) == []


@pytest.mark.parametrize(
    ("part", "made"), [("采用登记表.xlsx", "采用登记表.xlsx、奖励标准.xlsx"),
                       ("通报.txt.j2", "信息任务分配表.xlsx、采用登记表.xlsx、奖励标准.xlsx")]  # the books come last
)  # fmt: skip
def test_init_on_a_full_disk_names_the_init_that_completes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: str, made: str
) -> None:
    monkeypatch.chdir(tmp_path)
    real = os.replace
    fail_replace_into(monkeypatch, part, errno.ENOSPC)
    line = refused("init", "2015信息报送", "--year", "2015")
    where = Path("2015信息报送") / ("narrative/" if part.endswith(".j2") else "") / part
    assert line == f"错误：无法写入 {where}：磁盘已满；请腾出磁盘空间后重新运行 xlflow init 2015信息报送 --year 2015"
    monkeypatch.setattr(os, "replace", real)  # space freed
    done = run(*shlex.split(line.split("重新运行 ")[1])[1:])  # the command, as printed
    assert done.exit_code == 0, done.output
    assert f"补建：{made}\n" in done.output
    ws = Workspace.open("2015信息报送")
    assert openpyxl.load_workbook(ws.adoption_path).sheetnames[0] == "采用登记表"
    package = Path(__file__).resolve().parent.parent / "xlflow" / "narrative"
    for name in ("通报.txt.j2", "催报.txt.j2"):
        assert (ws.narrative_dir / name).read_bytes() == (package / name).read_bytes()


def test_init_and_demo_on_a_read_only_disk_say_to_choose_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    real = Path.mkdir

    def mkdir(self: Path, *args: object, **kwargs: object) -> None:
        if self.name in ("2015信息报送", "示例"):
            raise os_error(errno.EROFS, self)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", mkdir)
    assert refused("init", "2015信息报送", "--year", "2015") == (
        "错误：无法建立 2015信息报送：所在的磁盘是只读的；请在可写的磁盘（如本机硬盘）上另选一个目录后重新运行 xlflow init 目录 --year 2015"
    )
    assert refused("demo", "示例") == (
        "错误：无法在 示例 建立示例工作区：所在的磁盘是只读的；请在可写的磁盘（如本机硬盘）上另选一个目录后运行 xlflow demo 目录"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("book", "damage_it", "command", "reason"),
    [
        ("信息任务分配表.xlsx", lambda p: os.truncate(p, 3000), ["status", "--month", "2015-03"], "文件已损坏或不完整（可能没有传完）"),
        ("信息任务分配表.xlsx", lambda p: p.write_text("单位名称,每月任务\n", encoding="utf-8"), ["consolidate", "--month", "2015-03"],
         "这是一个文本文件（可能是 CSV），不是 Excel 工作簿"),
        ("采用登记表.xlsx", lambda p: os.truncate(p, 3000), ["bulletin", "--period", "2015-03"], "文件已损坏或不完整（可能没有传完）"),
    ],
)  # fmt: skip
def test_a_damaged_coordinator_book_says_why_and_the_coordinators_todo_once(
    ws: Workspace, book: str, damage_it: object, command: list[str], reason: str
) -> None:
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    if not (ws.root / book).exists():
        write_adoption_register(ws.adoption_path, ws.units())
    damage_it(ws.root / book)  # type: ignore[operator]
    label = "任务分配表" if book.startswith("信息") else "采用登记表"
    expected = (f"{label} {book} 无法读取（{reason}）。如果它正在 Excel 或 WPS 中打开，请关闭后重试；"
                "否则请用 Excel 打开检查后另存为 .xlsx")  # fmt: skip
    assert refused(*command) == f"错误：{expected}"
    with pytest.raises(ConfigError) as caught:
        if label == "任务分配表":
            read_quota_workbook(ws.root / book)
        else:
            read_adoption_register(ws.root / book, ws.units(), 2015)
    assert str(caught.value) == expected


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need a privilege on Windows")
def test_a_folder_link_to_a_folder_already_read_is_named_not_read_again(ws: Workspace) -> None:
    """`ln -s . 自环目录` (a junction loop on Windows) in the month folder: read once, not 41 times over."""
    inbox = ws.inbox / "2015-03"
    (inbox / "自环目录").symlink_to(".", target_is_directory=True)
    (inbox / "收件").mkdir()
    write_report(inbox / "收件" / "华容县.xlsx", "华容县工信局", [report_row("华容县工业用电情况")])
    (inbox / "华容县副本").symlink_to("收件", target_is_directory=True)
    (inbox / "收件" / "上级").symlink_to("../..", target_is_directory=True)  # inbox/, around the month folder
    result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 0, result.output
    assert "读取文件 3 个：接受 3 个，拒收 0 个" in result.output
    why = "是文件夹链接，指向已读取的文件夹或其上级，没有重复读取"
    assert [line.strip() for line in result.output.splitlines() if "未读取文件夹" in line] == [
        f"未读取文件夹 {name}：{why}" for name in ("收件/上级", "华容县副本", "自环目录")
    ]
    assert "华容县工信局            1" in run("status", "--month", "2015-03").output


def test_a_read_only_out_folder_names_no_receipt_that_never_existed(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a read-only disk deleting a file that is not there fails with EROFS, not ENOENT: the receipts of the units
    that sent nothing never existed, and a run that changed nothing exits as it would elsewhere."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    before, out, unlink = files(ws.out), ws.out.resolve(), Path.unlink

    def read_only(self: Path, missing_ok: bool = False) -> None:
        if out in self.resolve().parents:
            raise os_error(errno.EROFS, self)
        unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", read_only)
    result = run("consolidate", "--month", "2015-03")
    assert result.exit_code == 0, result.output
    assert "未能删除" not in result.output and "只读" not in result.output
    assert files(ws.out) == before


@pytest.mark.skipif(sys.platform == "win32", reason="mkfifo")
def test_export_out_onto_a_pipe_or_a_device_is_refused_not_read(ws: Workspace) -> None:
    """Reading a FIFO to see whether it is an export of ours blocks forever, /dev/zero fills the memory."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    os.mkfifo("导出.xlsx")
    again = "请换一个文件名，或不加 --out 使用默认名称 out/台账_2015年03月.xlsx"
    for out in ["导出.xlsx", *(["/dev/zero"] if Path("/dev/zero").exists() else [])]:
        line = refused("export", "--period", "2015-03", "--out", out)
        assert line == f"错误：{out} 已存在，且不是普通文件（是管道或设备）：没有导出；{again}"
    assert Path("导出.xlsx").is_fifo() and not (ws.out / "台账_2015年03月.xlsx").exists()


def test_a_read_only_ledger_file_is_named_as_such(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """ledger.sqlite with the read-only attribute (its folder writable): the file is named, without the Excel/WPS
    advice of a workbook; nothing changes, not even in backup/ (no automatic copy made, none pruned)."""
    assert run("consolidate", "--month", "2015-03").exit_code == 0
    write_report(ws.inbox / "2015-03" / "华容县工信局_3月.xlsx", "华容县工信局", [report_row("华容县工业用电情况")])
    before = files(ws.root)
    connect, access = sqlite3.connect, os.access

    def read_only(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(database).endswith("ledger.sqlite"):
            database, kwargs["uri"] = f"{Path(database).resolve().as_uri()}?mode=ro", True
        return connect(str(database).replace("ledger.sqlite?mode=rw", "ledger.sqlite?mode=ro"), *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only)
    monkeypatch.setattr(os, "access", lambda path, mode: not (Path(path).name == "ledger.sqlite" and mode == os.W_OK) and access(path, mode))
    line = refused("consolidate", "--month", "2015-03")
    assert line == "错误：台账文件 ledger.sqlite 是只读的：请在文件属性中取消“只读”后重新运行（台账未改动）"
    assert files(ws.root) == before
