"""Hostile inputs through the whole pipeline.

- Every hostile file of tests/hostile.py dropped into one month's inbox beside honest unit files: consolidate
  finishes (library and CLI), each hostile file gets exactly one line with its code, the honest files are counted,
  and nothing from a refused file reaches the ledger.
- The real `xlflow consolidate`, in its own process: peak memory and time on the zip bomb; killed with SIGKILL in
  the middle of the import transaction (and after it), the ledger is exactly as before (or exactly as after) and
  the workspace lock is free.
- Text from units (control characters, a 40,000-character 正文, titles starting = + - @) in every workbook
  xlflow writes from it: ledger export, receipt, bulletin, reward workbook, roster — read back with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import hostile
import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner
from helpers_bulletin import write_register, write_schedule
from helpers_ledger import REPORT_HEADER, dump, file_state, make_workspace, report_row, write_report
from helpers_workbooks import HEADER, article_row, write_ods

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.export import export
from xlflow.commands.receipts import receipt_path
from xlflow.commands.register import collect_register
from xlflow.core.errors import InputFileError
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake import register_form
from xlflow.intake import returns as readers
from xlflow.intake import workbook as intake_workbook
from xlflow.ledger import Ledger
from xlflow.lock import workspace_lock
from xlflow.settings import Settings
from xlflow.workspace import Workspace

MARCH = Period.parse("2015-03")
NOW = dt.datetime(2015, 4, 3, 9, 0)

# hostile files a parser can read, sent under a unit's name: they are read like any other return
READ_AS = {
    "valid": "平江县工信局",
    "control_characters": "湘阴县工信局",
    "control_raw": "华容县工信局",
    "xlsm_with_macro": "汨罗市工信局",
    "xls": "临湘市工信局",
    "xls_renamed_xlsx": "岳阳楼区工信局",
    "wps_et": "君山区工信局",
    "lying_dimension": "屈原区工信局",
    "xls_lying_dimensions": "云溪区工信局",
    "wide_near": "南湖风景区工信局",
}
SKIPPED = {"owner_lock_file"}  # F4: skipped and counted, not refused
# every other case: the code of its one refusal line (pre-flight's, and the reader's for the last three)
REFUSED = {
    "zip_bomb": "F10", "zip_bomb_moderate": "F10", "many_entries": "F10", "truncated_zip": "F2",
    "unusual_compression": "F2", "billion_laughs_sheet": "F2", "billion_laughs_shared_strings": "F2", "xxe_sheet": "F2",
    "xxe_shared_strings": "F2", "doctype_after_padding": "F2", "prolog_too_long": "F2", "doctype_utf16": "F2",
    "doctype_utf7": "F2", "far_cell": "F10", "far_down": "F10", "far_cell_prefixed": "F10", "far_cell_lowercase": "F10",
    "far_cell_reordered": "F10", "far_row_without_refs": "F10", "empty_file": "F1", "zero_filled": "F2",
    "html_as_xls": "F1", "bare_table_as_xls": "F1", "xml_spreadsheet_2003": "F1", "mht_as_xls": "F1",
    "csv_as_xlsx": "F1", "pdf_as_xlsx": "F1", "png_as_xlsx": "F1", "rar_as_xlsx": "F1", "docx_as_xlsx": "F1",
    "gzip_as_xlsx": "F1", "gnumeric_workbook": "F1",
    "plain_zip_as_xlsx": "F1", "encrypted_ods": "F3", "encrypted_zip_entries": "F3", "xls_with_filepass": "F3",
    "xls_far_cell": "F10", "encrypted_ooxml": "F3", "word_97_doc": "F1", "corrupt_ole2": "F2",
    "xls_without_mini_stream": "F2", "far_cell_hidden_sheet": "F10",
    "zip_bomb_understated": "F2",  # passes pre-flight (it claims 50 KB); calamine stops at the declared size
    "ods": "F5",  # a real ODS (read in a child process) holding a lone 信息标题 cell: no header
}  # fmt: skip
# what a refusal line says, by code (one of)
SAYS = {
    "F1": ("不是", "压缩包", "文件是空的"),
    "F2": ("损坏", "可能不安全，已拒收"),
    "F3": ("文件设有密码，请取消密码后重新报送",),
    "F5": ("找不到表头",),
    "F10": ("文件异常（解压后过大）", "请清除表格以外远处的内容"),
}
ODS_UNIT = "资源电力科"


def test_every_case_is_expected() -> None:
    assert set(READ_AS) | SKIPPED | set(REFUSED) == set(hostile.CASES)
    assert not set(READ_AS) & set(REFUSED)


def _file_name(case: str) -> str:
    name = hostile.CASES[case][0]
    return f"{READ_AS[case]}_{name}" if case in READ_AS else name


@pytest.fixture(scope="module")
def hostile_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every hostile case, an honest xlsx and an honest ODS return, in one folder."""
    folder = tmp_path_factory.mktemp("inbox")
    for case, (_name, builder) in hostile.CASES.items():
        builder(folder / _file_name(case))
    write_report(folder / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", [report_row("岳阳县一季度工业运行平稳")])
    rows: list[list[object]] = [["报送单位：", ODS_UNIT], ["报送月份：", "2015年3月"], HEADER, article_row(title="全市电力供应平稳")]
    write_ods(folder / f"{ODS_UNIT}.ods", rows)
    return folder


def test_consolidate_survives_every_hostile_file(tmp_path: Path, hostile_inbox: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    before = {p.name: file_state(p) for p in hostile_inbox.iterdir()}
    result = consolidate(ws, MARCH, hostile_inbox, now=NOW)

    accepted = {_file_name(c) for c in READ_AS} | {"岳阳县工信局_2015年03月.xlsx", f"{ODS_UNIT}.ods"}
    refused = {_file_name(c): code for c, code in REFUSED.items()}
    assert result.data["refused"] == refused
    assert result.data["lock_files"] == [hostile.CASES["owner_lock_file"][0]]
    assert result.exit_code == 3
    # one line per refused file, naming it, saying what is wrong
    assert len(result.refused) == len(refused)
    for line in result.refused:
        name = line.split("：", 1)[0]
        assert name in refused, line
        assert "\n" not in line and any(words in line for words in SAYS[refused[name]]), line
    far = next(line for line in result.refused if line.startswith("远处单元格.xlsx："))
    assert "请清除表格以外远处的内容" in far and "第 1,048,576 行、第 XFD 列" in far
    text = result.render()
    assert f"读取文件 {len(before) - 1} 个：接受 {len(accepted)} 个，拒收 {len(refused)} 个" in text
    assert "跳过：Excel/WPS 锁定文件 1 个" in text
    for name in refused:
        assert text.count(f"✗ {name}：") == 1

    # the honest returns are counted; the readable hostile ones are read like any other file
    assert result.data["counted"]["岳阳县工信局"] == 1
    assert result.data["counted"][ODS_UNIT] == 1  # read whole in a child process with a memory cap
    assert result.data["rows"] == {**{u: 1 for u in READ_AS.values()}, "岳阳县工信局": 1, ODS_UNIT: 1}

    # nothing from a refused file reaches the ledger: no file, no row; one stored refusal line each, for receipts
    with Ledger.open(ws.ledger_path) as ledger:
        assert {f.name for f in ledger.files("2015-03")} == accepted
        assert {a.source_file for a in ledger.file_articles(["2015-03"])} == accepted
        stored = ledger.refused("2015-03")
        assert sorted((f.file, f.code) for f in stored) == sorted(refused.items())
        titles = {a.unit: a.title for a in ledger.file_articles(["2015-03"])}
    assert titles["湘阴县工信局"] == "标题带响铃字符"  # control characters dropped on reading, so R6 keys agree
    assert {p.name: file_state(p) for p in hostile_inbox.iterdir()} == before  # unit files are only read

    # the same month again through the CLI: same answer, nothing rewritten
    runner = CliRunner()
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", str(hostile_inbox), "-w", str(ws.root)])
    assert again.exit_code == 3, again.output
    assert f"拒收 {len(refused)} 个" in again.output
    for name in refused:
        assert again.output.count(f"✗ {name}：") == 1
    assert f"台账：0 个单位写入，{len(READ_AS) + 2} 个单位与上次汇总相同未改写" in again.output


def test_a_calamine_panic_is_one_refused_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, units: UnitTable, settings: Settings) -> None:
    """Were pre-flight to miss a broken container, calamine panics (a BaseException): still one F2 line."""
    path = hostile.xls_without_mini_stream(tmp_path / "岳阳县工信局_缺迷你流.xls")
    monkeypatch.setattr(intake_workbook, "check_input", lambda *_a, **_k: "xls")
    with pytest.raises(InputFileError) as caught:
        readers.read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
    assert caught.value.code == "F2"
    assert str(caught.value).startswith("岳阳县工信局_缺迷你流.xls：文件已损坏")
    with pytest.raises(InputFileError) as caught:
        register_form.read_register_file(path, units, settings)
    assert caught.value.code == "F2"


@pytest.mark.parametrize("case", ["far_cell", "billion_laughs_sheet", "xxe_shared_strings", "zip_bomb", "far_row_without_refs"])
def test_register_forms_get_the_same_answer(case: str, tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """The roster reader (openpyxl for small forms, calamine for the rest) is behind the same pre-flight."""
    path = hostile.build(case, tmp_path)
    with pytest.raises(InputFileError) as caught:
        register_form.read_register_file(path, units, settings)
    assert caught.value.code == REFUSED[case]


# -- the real `xlflow consolidate` in its own process -------------------------------------------------

posix_only = pytest.mark.skipif(not hasattr(os, "wait4"), reason="os.wait4 (peak memory of a child) and SIGKILL are POSIX")


def _xlflow(*args: str) -> list[str]:
    return [sys.executable, "-m", "xlflow", *args]


@posix_only
def test_zip_bomb_through_the_real_command(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    inbox = ws.inbox / "2015-03"
    inbox.mkdir()
    hostile.zip_bomb(inbox / "岳阳县工信局_炸弹.xlsx")
    hostile.zip_bomb_moderate(inbox / "平江县工信局_炸弹.xlsx")
    write_report(inbox / "华容县工信局_2015年03月.xlsx", "华容县工信局", [report_row("华容县工业园区建设提速")])
    measured = hostile.run_measured(_xlflow("consolidate", "--month", "2015-03", "-w", str(ws.root)))
    out = str(measured["output"])
    assert measured["exit"] == 3, out
    assert "岳阳县工信局_炸弹.xlsx：文件异常（解压后过大）" in out and "平江县工信局_炸弹.xlsx：文件异常（解压后过大）" in out
    assert "计入稿件 1 条" in out
    # not a timing: a bomb inflated would take minutes and gigabytes; the bounds leave room for a loaded machine
    assert float(measured["seconds"]) < 60, measured["seconds"]
    assert float(measured["peak_mb"]) < 200, measured["peak_mb"]


_PAUSED = """
import importlib, sys, time
from pathlib import Path
marker, target, argv = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
module_name, attr = target.rsplit(".", 1)
module = importlib.import_module(module_name)
owner = module
for part in attr.split("/")[:-1]:
    owner = getattr(owner, part)
name = attr.split("/")[-1]
original = getattr(owner, name)
def paused(*args, **kwargs):
    result = original(*args, **kwargs)
    marker.write_text("paused", encoding="utf-8")
    time.sleep(120)
    return result
setattr(owner, name, paused)
from xlflow.cli import main
sys.argv = ["xlflow", *argv]
main()
"""


def _kill_when_paused(ws: Workspace, target: str, tmp_path: Path) -> None:
    """Run the real `xlflow consolidate` with `target` (module.attr, or module.Class/attr) pausing after it first
    runs, and SIGKILL the process there."""
    marker = tmp_path / f"paused_{time.monotonic_ns()}"
    argv = ["consolidate", "--month", "2015-03", "-w", str(ws.root)]
    process = subprocess.Popen([sys.executable, "-c", _PAUSED, str(marker), target, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the consolidate never reached the pause"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL


def _month_with_changes(ws: Workspace) -> tuple[dict[str, list[tuple[object, ...]]], Path]:
    """A consolidated March (state A), then new returns in the inbox that would change the ledger."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True, exist_ok=True)
    write_report(inbox / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", [report_row("岳阳县一季度工业运行平稳")], mtime=1_426_000_000)
    consolidate(ws, MARCH, None, now=NOW)
    state_a = dump(ws.ledger_path)
    rows = [report_row(f"岳阳县第{i}条信息：园区项目建设进展", day=1 + i % 28) for i in range(40)]
    write_report(inbox / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", rows, mtime=1_426_100_000)
    write_report(inbox / "平江县工信局_2015年03月.xlsx", "平江县工信局", rows[:5], mtime=1_426_100_000)
    return state_a, inbox


def _lock_is_free(ws: Workspace) -> bool:
    try:
        with workspace_lock(ws.lock_path, timeout=0.5):
            return True
    except Exception:
        return False


@posix_only
def test_killed_inside_the_import_transaction_leaves_the_ledger_as_it_was(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    state_a, _inbox = _month_with_changes(ws)
    _kill_when_paused(ws, "xlflow.ledger.Ledger/_insert_articles", tmp_path)  # rows written, no COMMIT yet
    assert (ws.root / "ledger.sqlite-journal").exists()  # the hot journal the killed writer left
    assert dump(ws.ledger_path) == state_a  # the next reader rolls it back: the ledger is exactly as before
    assert _lock_is_free(ws)
    result = consolidate(ws, MARCH, None, now=NOW)  # and the month imports as if nothing had happened
    assert result.data["counted"] == {"岳阳县工信局": 40, "平江县工信局": 5}
    assert dump(ws.ledger_path) != state_a


@posix_only
def test_killed_after_the_commit_keeps_the_whole_import(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    state_a, _inbox = _month_with_changes(ws)
    _kill_when_paused(ws, "xlflow.commands.receipts.write_receipt", tmp_path)  # committed, writing receipts
    state_b = dump(ws.ledger_path)
    assert state_b != state_a
    with Ledger.open(ws.ledger_path) as ledger:
        assert len(ledger.articles(["2015-03"])) == 45
    assert _lock_is_free(ws)
    again = consolidate(ws, MARCH, None, now=NOW)  # the receipts are written, the ledger left alone
    assert again.data["stats"].units_written == ()
    assert receipt_path(ws, "平江县工信局", MARCH).is_file()


@posix_only
def test_killed_while_reading_changes_nothing(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    state_a, _inbox = _month_with_changes(ws)
    _kill_when_paused(ws, "xlflow.intake.returns.read_unit_workbook", tmp_path)
    assert dump(ws.ledger_path) == state_a
    assert _lock_is_free(ws)


# -- text from units in every workbook xlflow writes ----------------------------------------------

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FORMULA_LIKE = ("=SUM(A1:A3)岳阳县调度会", "+86 岳阳县新闻发布", "-1 岳阳县项目签约", "@领导 岳阳县调研")
BELL_TITLE = "岳阳县\x07工业\x1b运行\x0b平稳"
BELL_CLEAN = "岳阳县工业运行平稳"
LONG_BODY = "岳阳县工业经济运行平稳。" * 3334  # 40,008 characters


def _cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _assert_safe(path: Path, expect: tuple[str, ...]) -> dict[str, list[openpyxl.cell.cell.Cell]]:
    """No control character anywhere; every text a unit typed is a string cell; returns the cells holding each."""
    cells = _cells(path)
    for cell in cells:
        if isinstance(cell.value, str):
            assert not CONTROL.search(cell.value), (path.name, cell.coordinate, cell.value)
    found: dict[str, list[openpyxl.cell.cell.Cell]] = {}
    for text in expect:
        found[text] = [c for c in cells if isinstance(c.value, str) and text in c.value]
        assert found[text], (path.name, text)
        assert all(c.data_type == "s" for c in found[text]), (path.name, text)
    return found


def _raw_report(path: Path, unit: str, rows: list[list[object]]) -> Path:
    """A unit workbook assembled from its XML, as a generator other than Excel may write it: a cell may hold more
    than Excel's 32,767 characters (xlsxwriter would cut it), control characters as Excel escapes them (_x0007_)."""
    def cell(value: object) -> object:
        if isinstance(value, str):
            return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", value)
        return "" if value is None else value

    path.parent.mkdir(parents=True, exist_ok=True)
    top = [["政务信息报送登记表"], [f"报送单位：{unit}", "", "", "报送月份：2015年3月"], [""], list(REPORT_HEADER)]
    body = hostile.rows_xml([[cell(v) for v in row] for row in [*top, *rows]])
    return hostile.write_zip(path, hostile.xlsx_parts(sheet=hostile.sheet_xml(body, dimension=f"A1:I{len(rows) + 4}")))


def test_text_from_units_is_safe_in_every_workbook(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)
    inbox = ws.inbox / "2015-03"
    rows = [
        report_row(BELL_TITLE),
        *(report_row(title, day=6 + i) for i, title in enumerate(FORMULA_LIKE)),
        report_row("岳阳县长篇调研报告", day=12, body=LONG_BODY),
    ]
    _raw_report(inbox / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", rows)
    adoptions = [["岳阳县工信局", t, "湖南日报", "省级", dt.date(2015, 3, 20), "全文采用", "无", ""] for t in (BELL_TITLE, *FORMULA_LIKE)]
    write_register(ws.adoption_path, adoptions)

    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.data["counted"] == {"岳阳县工信局": 6}
    assert result.data["findings"] == {"R10": 1}
    exported = export(ws, MARCH, None).paths[0]
    written = [exported, receipt_path(ws, "岳阳县工信局", MARCH), *result.data["bulletin"]]
    assert len(written) == 5  # ledger export, receipt, bulletin, 工作底稿, reward workbook
    titles = (BELL_CLEAN, *FORMULA_LIKE)
    for path in written:  # the 工作底稿 lists only the rows with findings: the long one (R10)
        _assert_safe(path, ("岳阳县长篇调研报告",) if path.name.startswith("工作底稿") else titles)

    # the 40,000-character 正文 is cut to Excel's 32,767 in the ledger export, with an R10 finding on the receipt
    export_cells = _cells(exported)
    bodies = [c.value for c in export_cells if isinstance(c.value, str) and c.value.startswith("岳阳县工业经济运行平稳。岳阳县")]
    assert [len(b) for b in bodies] == [32_767]
    receipt_text = " ".join(str(c.value) for c in _cells(receipt_path(ws, "岳阳县工信局", MARCH)))
    assert "R10" in receipt_text and "40,008" in receipt_text and "32,767" in receipt_text
    with Ledger.open(ws.ledger_path) as ledger:
        stored = {a.title: a for a in ledger.articles(["2015-03"])}
    assert len(stored["岳阳县长篇调研报告"].body) == 40_008  # the ledger keeps the whole text

    # the reward workbook: titles are text, amounts are still live formulas (the only formulas in it)
    rewards = next(p for p in written if p.name.startswith("奖励计算表"))
    formulas = [c for c in _cells(rewards) if c.data_type == "f"]
    assert formulas and not any(t in str(c.value) for c in formulas for t in FORMULA_LIKE)


def test_text_from_units_is_safe_in_the_roster(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    ws = make_workspace(root)
    forms = tmp_path / "登记表"
    forms.mkdir()
    book = xlsxwriter.Workbook(str(forms / "综合科室.xlsx"), {"strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("通讯员名单")
    for r, row in enumerate([["单位", "姓名", "手机", "通讯地址", "本人工作简历"],
                             ["人事科", "周\x07八", "13807305555", "=HYPERLINK(\"http://x\")岳阳市", "@2010 年参加工作\x1b"]]):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    result = collect_register(ws, forms)
    written = [p for p in result.paths if p.suffix == ".xlsx"]
    assert written
    for path in written:
        # openpyxl (small forms) reads Excel's escape _x0007_ as written; calamine decodes it: no control character
        # reaches the roster either way, and what the unit typed stays text
        found = _assert_safe(path, ("=HYPERLINK(\"http://x\")岳阳市", "@2010 年参加工作"))
        assert all(c.value.startswith(("=HYPERLINK", "@2010")) for cells in found.values() for c in cells)


def test_nan_and_infinite_numbers_in_a_libreoffice_file_are_read_as_bad_cells(tmp_path: Path) -> None:
    """An ODS can hold NaN and ±∞: NaN under the header is no numbering row and 字数 ∞ is no number; the file
    is read, not refused with an internal error, and the row with the ∞ says which cell to fix."""
    ws = make_workspace(tmp_path / "ws")
    folder = ws.inbox / "2015-03"
    folder.mkdir(parents=True)
    rows: list[list[object]] = [
        ["报送单位：", "岳阳县工信局", None, "报送月份：", "2015年3月"], HEADER,
        article_row(seq=float("nan")), article_row(title="岳阳县第二条信息标题", body=None, chars=float("inf")),
        article_row(title="岳阳县第三条信息标题", category=float("nan")),
    ]  # fmt: skip
    write_ods(folder / "岳阳县工信局_2015年03月.ods", rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "读取文件 1 个：接受 1 个，拒收 0 个" in result.output
    assert "计入稿件 2 条（共 3 行，1 行有错误未计入）" in result.output  # R4 is a warning: the row counts
    with Ledger.open(ws.ledger_path) as ledger:
        assert [(f.row, f.cell, f.code) for f in ledger.findings(["2015-03"])] == [(4, "F4", "R1"), (5, "D5", "R4")]
        assert ledger.findings(["2015-03"])[0].message == "字数“inf”不是数字：请填写正文字数（如 350），或粘贴正文"


def test_nan_in_a_text_column_is_an_empty_cell_not_the_text_nan(tmp_path: Path) -> None:
    """A LibreOffice NaN typed where a title or a signer belongs is no text: the row is told that the cell is
    empty, and no article titled “nan” or signed by “nan” reaches the ledger."""
    ws = make_workspace(tmp_path / "ws")
    folder = ws.inbox / "2015-03"
    folder.mkdir(parents=True)
    rows: list[list[object]] = [
        ["报送单位：", "岳阳县工信局", None, "报送月份：", "2015年3月"], HEADER,
        article_row(title=float("nan")), article_row(title="岳阳县第二条信息标题", signer=float("nan")),
    ]  # fmt: skip
    write_ods(folder / "岳阳县工信局_2015年03月.ods", rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    with Ledger.open(ws.ledger_path) as ledger:
        found = [(f.row, f.cell, f.code, f.message) for f in ledger.findings(["2015-03"])]
        titles = [a.title for a in ledger.articles(["2015-03"], counted_only=False)]
    assert found == [
        (3, "C3", "R9", "这一行有内容但没有信息标题：请补填标题后重新报送"),
        (4, "H4", "R3", "没有审签人：工信局的信息须经单位负责人审签，科室的信息须经分管领导审签，请补填后重新报送"),
    ]
    assert "nan" not in titles
