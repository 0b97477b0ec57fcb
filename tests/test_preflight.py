"""Pre-flight: every hostile case gets exactly one answer — the kind it really is, or a refusal with a code and a
line the unit can act on — and what pre-flight lets through is what the parsers can be trusted with."""

from __future__ import annotations

import os
import struct
import sys
import time
import zipfile
from pathlib import Path

import hostile
import pytest

from xlflow.core.errors import InputFileError
from xlflow.intake.extent import SCREEN_BOUND, Extent, exact_extent, xml_extent
from xlflow.intake.messages import NOT_NOW, PASSWORD, TOO_BIG
from xlflow.intake.preflight import Limits, check_input, inspect_input
from xlflow.intake.sandbox import ChildFailed, run_limited

# case -> the kind inspect_input returns, or (code, fragments the message must hold)
EXPECTED: dict[str, str | tuple[str, tuple[str, ...]]] = {
    "valid": "xlsx",
    "zip_bomb": ("F10", (TOO_BIG, "xl/worksheets/sheet1.xml 解压后 2,048 MB，上限 200 MB")),
    "zip_bomb_understated": "xlsx",  # declares 50 KB: the parsers stop there (test_understated_bomb_stops_at_declared_size)
    "zip_bomb_moderate": ("F10", (TOO_BIG, "压缩比 336:1", "解压后 150 MB")),
    "many_entries": ("F10", (TOO_BIG, "文件包含 5,007 个部件，上限 2,000")),
    "truncated_zip": ("F2", ("文件已损坏或不完整（可能没有传完）", "重新保存")),
    "unusual_compression": ("F2", ("xl/worksheets/sheet1.xml 使用了 Excel 不会使用的压缩方式",)),
    "billion_laughs_sheet": ("F2", ("xl/worksheets/sheet1.xml 含有 DTD/实体声明", "可能不安全，已拒收")),
    "billion_laughs_shared_strings": ("F2", ("xl/sharedStrings.xml 含有 DTD/实体声明", "可能不安全，已拒收")),
    "xxe_sheet": ("F2", ("xl/worksheets/sheet1.xml 含有 DTD/实体声明",)),
    "xxe_shared_strings": ("F2", ("xl/sharedStrings.xml 含有 DTD/实体声明",)),
    "doctype_after_padding": ("F2", ("xl/worksheets/sheet1.xml 含有 DTD/实体声明",)),
    "prolog_too_long": ("F2", ("xl/worksheets/sheet1.xml 开头异常",)),
    "doctype_utf16": ("F2", ("xl/worksheets/sheet1.xml 含有 DTD/实体声明",)),
    "doctype_utf7": ("F2", ("xl/worksheets/sheet1.xml 使用了 Excel 不会使用的文字编码",)),
    "lying_dimension": "xlsx",
    "far_cell": "xlsx",  # harmless to pre-flight, deadly to calamine: test_far_cell_is_contained
    "far_down": "xlsx",  # the far cells pass inspect_input; check_input measures them (CHECKED below)
    "far_cell_prefixed": "xlsx",
    "far_cell_lowercase": "xlsx",
    "far_cell_reordered": "xlsx",
    "far_row_without_refs": "xlsx",
    "far_cell_hidden_sheet": "xlsx",
    "wide_near": "xlsx",
    "control_characters": "xlsx",
    "control_raw": "xlsx",
    "xlsm_with_macro": "xlsm",
    "empty_file": ("F1", ("文件是空的（0 字节）", "重新保存后报送")),
    "zero_filled": ("F2", ("文件内容全是空白（0）",)),
    "owner_lock_file": ("F4", ("临时锁定文件（~$ 开头）", "已跳过")),
    "html_as_xls": ("F1", ("这是网页格式（HTML）的表格", "“另存为”Excel 工作簿(*.xlsx)")),
    "bare_table_as_xls": ("F1", ("这是网页格式（HTML）的表格", "“另存为”Excel 工作簿(*.xlsx)")),
    "xml_spreadsheet_2003": ("F1", ("“XML 电子表格 2003”格式", "“另存为”Excel 工作簿(*.xlsx)")),
    "mht_as_xls": ("F1", ("“单个文件网页”（.mht）", "“另存为”Excel 工作簿(*.xlsx)")),
    "csv_as_xlsx": ("F1", ("这是一个文本文件（可能是 CSV）", "“另存为”Excel 工作簿(*.xlsx)")),
    "pdf_as_xlsx": ("F1", ("这是一个 PDF 文件",)),
    "png_as_xlsx": ("F1", ("这是一张图片（PNG）",)),
    "rar_as_xlsx": ("F1", ("这是一个 RAR 压缩包", "解压")),
    "gzip_as_xlsx": ("F1", ("这是一个 gzip 压缩包", "解压")),
    "gnumeric_workbook": ("F1", ("这是 Gnumeric 格式的工作簿（.gnumeric），不是 Excel 工作簿", "在 Gnumeric 中“另存为”Excel 工作簿(*.xlsx)")),
    "docx_as_xlsx": ("F1", ("这是一个 Word 文档（.docx），不是 Excel 工作簿",)),
    "plain_zip_as_xlsx": ("F1", ("这是一个压缩包，里面有 3月信息.xlsx", "解压")),
    "ods": "ods",
    "encrypted_ods": ("F3", (PASSWORD,)),
    "encrypted_zip_entries": ("F3", (PASSWORD,)),
    "xls_renamed_xlsx": "xls",
    "xls": "xls",
    "xls_with_filepass": ("F3", (PASSWORD,)),
    "xls_lying_dimensions": "xls",
    "xls_far_cell": "xls",
    "wps_et": "xls",
    "encrypted_ooxml": ("F3", ("文件设有密码，请取消密码后重新报送",)),
    "word_97_doc": ("F1", ("这是一个 Word 文档（.doc）",)),
    "corrupt_ole2": ("F2", ("文件已损坏或不完整",)),
    "xls_without_mini_stream": ("F2", ("文件已损坏或不完整",)),  # calamine would panic on it
}


FAR = ("F10", ("在表格以外很远的地方有内容", "请清除表格以外远处的内容", "保存后重新报送"))
# what check_input (pre-flight plus the reach of each sheet's values, hidden ones too) says where it differs from inspect_input
CHECKED: dict[str, str | tuple[str, tuple[str, ...]]] = {
    **EXPECTED,
    "far_cell": ("F10", (*FAR[1], "最远到第 1,048,576 行、第 XFD 列", "17,179,869,184 个单元格", "上限 5,000,000")),
    "far_down": ("F10", (*FAR[1], "最远到第 1,048,576 行、第 E 列", "1,048,576 行 × 5 列 = 5,242,880 个单元格")),
    "far_cell_prefixed": ("F10", (*FAR[1], "第 XFD 列")),
    "far_cell_lowercase": ("F10", (*FAR[1], "第 XFD 列")),
    "far_cell_reordered": ("F10", (*FAR[1], "第 XFD 列")),
    "far_row_without_refs": ("F10", (*FAR[1], "最远到第 1,048,576 行、第 P 列")),
    "xls_far_cell": ("F10", (*FAR[1], "最远到第 65,536 行、第 IV 列", "16,777,216 个单元格")),
    # the readers read hidden sheets too (issue 12), so a hidden sheet's reach is measured like any other's
    "far_cell_hidden_sheet": ("F10", (*FAR[1], "工作表“草稿”（隐藏的工作表，请先取消隐藏）", "第 XFD 列")),
    # measuring the sheet inflates it up to its declared 50 KB, where the CRC-32 does not match
    "zip_bomb_understated": ("F2", ("文件已损坏或不完整（可能没有传完）",)),
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {name: hostile.build(name, folder) for name in hostile.CASES}


def test_every_case_has_an_expectation() -> None:
    assert set(EXPECTED) == set(hostile.CASES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inspect_input(name: str, cases: dict[str, Path]) -> None:
    path = cases[name]
    expected = EXPECTED[name]
    if isinstance(expected, str):
        assert inspect_input(path) == expected
        return
    code, fragments = expected
    with pytest.raises(InputFileError) as caught:
        inspect_input(path)
    message = str(caught.value)
    assert caught.value.code == code, message
    assert message.startswith(f"{path.name}：")
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def _answer(call: object) -> str | tuple[str, str]:
    try:
        return call()  # type: ignore[operator, no-any-return]
    except InputFileError as exc:
        return exc.code, str(exc)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bytes_in_memory_get_the_same_answer(name: str, cases: dict[str, Path]) -> None:
    """The reader hands pre-flight the bytes it has read: the fast in-memory path answers exactly as the file path."""
    path = cases[name]
    assert _answer(lambda: inspect_input(path, data=path.read_bytes())) == _answer(lambda: inspect_input(path))


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_check_input(name: str, cases: dict[str, Path]) -> None:
    path = cases[name]
    expected = CHECKED[name]
    for data in (None, path.read_bytes()):
        answer = _answer(lambda data=data: check_input(path, data=data))  # type: ignore[misc]
        if isinstance(expected, str):
            assert answer == expected
            continue
        assert isinstance(answer, tuple), answer
        code, message = answer
        assert code == expected[0], message
        assert message.startswith(f"{path.name}：") and "\n" not in message
        for fragment in expected[1]:
            assert fragment in message


def test_real_encrypted_workbook_is_refused(tmp_path: Path) -> None:
    """msoffcrypto-tool encrypts as Excel does (agile encryption); skipped where it is not installed."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = hostile.many_rows_xlsx(tmp_path / "plain.xlsx", rows=5)
    encrypted = tmp_path / "加密.xlsx"
    with plain.open("rb") as source, encrypted.open("wb") as out:
        ooxml.OOXMLFile(source).encrypt("secret", out)
    with pytest.raises(InputFileError) as caught:
        inspect_input(encrypted)
    assert caught.value.code == "F3"
    assert str(caught.value) == f"加密.xlsx：{PASSWORD}"


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", ["libreoffice_password.xls", "libreoffice_password.ods"])
def test_workbooks_libreoffice_saved_with_a_password_are_refused(name: str) -> None:
    """Saved by LibreOffice 7 with the password "secret" (File → Save As → Save with password): the .xls carries
    an RC4 FILEPASS record, which msoffcrypto-tool finds; the .ods lists encrypted parts in its manifest."""
    path = FIXTURES / name
    for data in (None, path.read_bytes()):
        with pytest.raises(InputFileError) as caught:
            check_input(path, data=data)
        assert caught.value.code == "F3"
        assert str(caught.value) == f"{name}：{PASSWORD}"


def test_a_password_calamine_finds_after_pre_flight_is_f3_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pre-flight finds the passwords it knows; should calamine still report one, the unit is told the same line,
    not that its file is damaged (F2)."""
    import python_calamine

    from xlflow.intake.workbook import open_book

    def locked(*args: object, **kwargs: object) -> None:
        raise python_calamine.PasswordError("workbook is password protected")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", locked)
    path = hostile.many_rows_xlsx(tmp_path / "岳阳县.xlsx", rows=3)
    with pytest.raises(InputFileError) as caught:
        open_book(path)
    assert caught.value.code == "F3"
    assert str(caught.value) == f"岳阳县.xlsx：{PASSWORD}"


def test_xls_written_by_other_programs_is_xls(tmp_path: Path) -> None:
    """olefile reads the containers xlwt (always), LibreOffice and Gnumeric (where installed) write."""
    import shutil
    import subprocess

    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("3月")
    for col, value in enumerate([*hostile.HEADER]):
        sheet.write(0, col, value)
    sheet.write(1, 1, "全市规模工业增加值增长8.5%")
    book.save(str(tmp_path / "xlwt.xls"))
    made = [tmp_path / "xlwt.xls"]
    source = hostile.valid_xlsx(tmp_path / "source.xlsx")
    if shutil.which("soffice"):
        profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"  # its own: another soffice may be running
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path / "lo"), str(source)],
                       capture_output=True, timeout=120)  # fmt: skip
        made.append(tmp_path / "lo" / "source.xls")
    if shutil.which("ssconvert"):
        subprocess.run(["ssconvert", str(source), str(tmp_path / "gnumeric.xls")], capture_output=True, timeout=120)
        made.append(tmp_path / "gnumeric.xls")
    for path in made:
        assert check_input(path) == "xls", path.name
        assert run_limited(hostile.read_first_sheet, path)[1][1] == "全市规模工业增加值增长8.5%"


def _xls_with_globals(globals_records: bytes, tmp_path: Path, *, stream: str = "Workbook") -> Path:
    bof = hostile.biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0))
    path = tmp_path / "旧格式.xls"
    path.write_bytes(hostile.ole2_bytes({stream: bof + globals_records}))
    return path


def test_xls_whose_globals_break_off_is_damaged(tmp_path: Path) -> None:
    """msoffcrypto-tool stops where a record claims more bytes than the stream holds: F2, not a guess."""
    path = _xls_with_globals(struct.pack("<HH", 0x0042, 500) + b"\x00" * 10, tmp_path)
    with pytest.raises(InputFileError, match="文件已损坏或不完整") as caught:
        inspect_input(path)
    assert caught.value.code == "F2"


def test_biff5_book_stream_is_xls(tmp_path: Path) -> None:
    """Excel 5/95 names the stream Book; msoffcrypto-tool does not read it, the extent scan does (an encrypted
    one has nothing measured: calamine refuses it with a PasswordError)."""
    stream = hostile.biff_workbook_stream()
    path = tmp_path / "Excel95.xls"
    path.write_bytes(hostile.ole2_bytes({"Book": stream}))
    assert check_input(path) == "xls"
    path.write_bytes(hostile.ole2_bytes({"Book": hostile.biff_workbook_stream(filepass=True, far_cell=True)}))
    assert check_input(path) == "xls"


def test_lock_name_on_a_real_workbook_is_read(tmp_path: Path) -> None:
    """Only the content decides: a workbook someone named ~$… is still a workbook."""
    assert inspect_input(hostile.valid_xlsx(tmp_path / "~$岳阳县.xlsx")) == "xlsx"


def test_libreoffice_lock_file(tmp_path: Path) -> None:
    lock = tmp_path / ".~lock.岳阳县3月.xlsx#"
    lock.write_text("zhangsan,PC,/home/zs,26.11.2026 10:00,file:///home/zs/.config;", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        inspect_input(lock)
    assert caught.value.code == "F4"


def test_unreadable_path(tmp_path: Path) -> None:
    """A file gone when it is read is the coordinator's to put back, not a damaged file of the unit's (F2)."""
    with pytest.raises(InputFileError) as caught:
        inspect_input(tmp_path / "不存在.xlsx")
    assert caught.value.code == NOT_NOW
    assert str(caught.value) == "不存在.xlsx：读取时已不在原处（已被移走、改名或删除）：请确认它还在这个文件夹中后重新运行"


def test_limits_are_overridable(tmp_path: Path) -> None:
    valid = hostile.valid_xlsx(tmp_path / "正常.xlsx")
    with pytest.raises(InputFileError, match="上限 3") as caught:
        inspect_input(valid, limits=Limits(max_entries=3))
    assert caught.value.code == "F10"
    with pytest.raises(InputFileError, match="文件有 0.0 MB，超过上限 0.0 MB：请删除图片") as caught:
        inspect_input(valid, limits=Limits(max_file_bytes=100))
    assert caught.value.code == "F10"
    moderate = hostile.zip_bomb_moderate(tmp_path / "m.xlsx")
    assert inspect_input(moderate, limits=Limits(max_ratio=1000)) == "xlsx"


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="peak memory of a child through os.wait4 (POSIX)")
def test_zip_bomb_is_refused_unread(cases: dict[str, Path]) -> None:
    """Peak memory of refusing the 2 GB bomb, measured in a fresh interpreter: the directory decides."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from xlflow.core.errors import InputFileError\n"
        "from xlflow.intake.preflight import inspect_input\n"
        "try:\n"
        "    inspect_input(Path(sys.argv[1])); print('passed')\n"
        "except InputFileError as exc:\n"
        "    print(exc.code)\n"
    )
    measured = hostile.run_measured([sys.executable, "-c", code, str(cases["zip_bomb"])], timeout=60)
    assert str(measured["output"]).strip() == "F10"
    assert float(measured["peak_mb"]) < 200


def test_inspect_input_reads_only_the_head_of_each_part(tmp_path: Path) -> None:
    """A 50,000-row sheet whose deflate stream breaks halfway: inspect_input, which reads a few KB of each part,
    passes it; check_input, which measures the whole sheet, finds the damage."""
    honest = hostile.many_rows_fast(tmp_path / "五万行.xlsx", rows=50_000)
    entries = []
    with zipfile.ZipFile(honest) as archive:
        for name in archive.namelist():
            entry = hostile.RawEntry.deflated(name, archive.read(name))
            if name == "xl/worksheets/sheet1.xml":
                half = len(entry.data) // 2
                entry.data = entry.data[:half] + b"\xff" * (len(entry.data) - half)
            entries.append(entry)
    broken = hostile.write_raw_zip(tmp_path / "后半截损坏.xlsx", entries)
    assert inspect_input(broken) == "xlsx"
    with pytest.raises(InputFileError, match="文件已损坏或不完整") as caught:
        check_input(broken)
    assert caught.value.code == "F2"


def test_sheet_styled_to_the_last_row_passes(tmp_path: Path) -> None:
    """Empty formatted rows down to 1,048,576 are honest: pre-flight passes them and calamine drops them."""
    path = hostile.styled_rows_to_bottom(tmp_path / "整行格式到底.xlsx")
    assert inspect_input(path) == "xlsx"
    rows = run_limited(hostile.read_first_sheet, path)
    assert len(rows) == 2
    assert rows[1][1] == "全市规模工业增加值增长8.5%"


# -- what reaches the parser --------------------------------------------------------------------------

PASSED = ["valid", "xlsm_with_macro", "ods", "xls", "xls_renamed_xlsx", "wps_et", "lying_dimension", "control_characters"]


@pytest.mark.parametrize("name", PASSED)
def test_what_preflight_passes_calamine_reads(name: str, cases: dict[str, Path]) -> None:
    rows = run_limited(hostile.read_first_sheet, cases[name])
    assert rows[0][0] in ("报送日期", "信息标题")
    if name != "ods":
        assert rows[1][2] == "经济运行"


def test_broken_ole2_makes_calamine_panic(cases: dict[str, Path]) -> None:
    """Why pre-flight parses OLE2 itself: calamine panics (a BaseException) on this file instead of raising."""
    with pytest.raises(ChildFailed, match="PanicException"):
        run_limited(hostile.read_first_sheet, cases["xls_without_mini_stream"])


def test_control_characters_reach_the_reader_unstripped(cases: dict[str, Path]) -> None:
    """calamine decodes _x0007_ to BEL and passes a raw ESC through: the reader must strip them."""
    assert run_limited(hostile.read_first_sheet, cases["control_characters"])[1][1] == "标题\x07带响铃\x0b字符"
    assert run_limited(hostile.read_first_sheet, cases["control_raw"])[1][1] == "转义\x1b字符"


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory cap via RLIMIT_AS is Linux-only")


@linux_only
def test_far_cell_is_contained(cases: dict[str, Path]) -> None:
    """One cell at XFD1048576 makes calamine allocate 512 GiB and abort: only the child dies."""
    with pytest.raises(InputFileError) as caught:
        run_limited(hostile.read_first_sheet, cases["far_cell"], max_memory_mb=1024, name="远处单元格.xlsx")
    assert caught.value.code == "F10"
    assert str(caught.value).startswith("远处单元格.xlsx：文件异常（读取时程序异常退出")


@linux_only
def test_understated_bomb_stops_at_declared_size(cases: dict[str, Path]) -> None:
    """The bomb that claims 50 KB: calamine stops at the declared size with an error (inside a 512 MB cap)."""
    with pytest.raises(ChildFailed, match="larger than its declared"):
        run_limited(hostile.read_first_sheet, cases["zip_bomb_understated"], max_memory_mb=512)


# -- run_limited itself ------------------------------------------------------------------------------


def _add(a: int, b: int) -> int:
    return a + b


def _refuse_f7() -> None:
    raise InputFileError("甲.xlsx：月份不符", code="F7")


def _sleep(pid_file: Path, seconds: float) -> None:
    pid_file.write_text(str(os.getpid()))
    time.sleep(seconds)


def _grab_memory(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def _broken() -> None:
    raise KeyError("bug")


def test_run_limited_returns_the_result() -> None:
    assert run_limited(_add, 2, 3) == 5


def test_run_limited_keeps_the_input_error_code() -> None:
    with pytest.raises(InputFileError) as caught:
        run_limited(_refuse_f7)
    assert caught.value.code == "F7"
    assert str(caught.value) == "甲.xlsx：月份不符"


def test_run_limited_timeout(tmp_path: Path) -> None:
    """A child still at work when the timeout comes is refused F10 and killed, not waited for."""
    pid_file = tmp_path / "child.pid"
    with pytest.raises(InputFileError, match="读取超过 0.5 秒") as caught:
        run_limited(_sleep, pid_file, 600, timeout_s=0.5, name="慢.xlsx")
    assert caught.value.code == "F10"
    if os.name == "posix":
        with pytest.raises(ProcessLookupError):  # killed and reaped
            os.kill(int(pid_file.read_text()), 0)


@linux_only
def test_run_limited_memory_cap() -> None:
    with pytest.raises(InputFileError, match="内存超过 300 MB") as caught:
        run_limited(_grab_memory, 1024, max_memory_mb=300, name="大.xlsx")
    assert caught.value.code == "F10"


def test_run_limited_reports_a_bug_as_such() -> None:
    with pytest.raises(ChildFailed, match="KeyError"):
        run_limited(_broken)


# -- how far a sheet's values reach (check_input) ----------------------------------------------------


def _calamine_extent(path: Path) -> tuple[int, int]:
    from python_calamine import CalamineWorkbook

    end = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).end
    assert end is not None
    return end[0] + 1, end[1] + 1


FAR_FORMS = {  # the last value at row 700, column AD (30), written in every way calamine accepts
    "plain": ('<c r="AD700" t="inlineStr"><is><t>x</t></is></c>', ""),
    "prefixed": (f'<x:c xmlns:x="{hostile.NS_MAIN}" r="AD700"><x:v>1</x:v></x:c>', ""),
    "lowercase": ('<c r="ad700"><v>1</v></c>', ""),
    "reordered": ("<c s='0' t='n' x='>' r = 'AD700'><v>1</v></c>", ""),
    "no_refs": ('<c><v>1</v></c>' * 30, ""),
    "beyond_empty_cells": (
        '<c r="AD700"><v>1</v></c><c r="AE700" s="0"/><c r="AF700" s="0"></c><c r="AG700"> </c>',
        '<row r="900"><c r="XFD900" s="0"/></row><row r="901" s="0" customFormat="1"/>',
    ),
}


@pytest.mark.parametrize("form", sorted(FAR_FORMS))
def test_the_exact_scan_agrees_with_calamine(form: str, tmp_path: Path) -> None:
    """Where the one-pass screen gives up, the exact scan places every cell as calamine does (calamine can read
    these: 700 × 30 cells)."""
    cell, extra = FAR_FORMS[form]
    path = hostile.far_cell_variant(tmp_path / f"{form}.xlsx", cell, row=700, extra=extra)
    data = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    extent = xml_extent(lambda: [data])
    assert (extent.rows, extent.cols) == _calamine_extent(path) == (700, 30)
    assert check_input(path, limits=Limits(max_cells=700 * 30)) == "xlsx"
    with pytest.raises(InputFileError, match="最远到第 700 行、第 AD 列") as caught:
        check_input(path, limits=Limits(max_cells=700 * 30 - 1))
    assert caught.value.code == "F10"


def test_the_screen_proves_a_bound_for_plain_near_cells() -> None:
    plain = b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="Z99999"><v>1</v></c></row>'
    assert xml_extent(lambda: [plain]) == Extent(99_999, 26)  # the bound, not the exact extent: cheaper
    assert xml_extent(lambda: [plain.replace(b"Z99999", b"AA9")]) == Extent(9, 27)
    assert xml_extent(lambda: [plain.replace(b"Z99999", b"B100000")]) == Extent(100_000, 2)


def test_the_screen_bound_is_made_exact_under_a_small_cap(tmp_path: Path) -> None:
    valid = hostile.valid_xlsx(tmp_path / "正常.xlsx")  # 2 rows × 5 columns
    assert check_input(valid, limits=Limits(max_cells=10)) == "xlsx"
    with pytest.raises(InputFileError, match="2 行 × 5 列 = 10 个单元格"):
        check_input(valid, limits=Limits(max_cells=9))


def test_xls_blank_cells_do_not_count(tmp_path: Path) -> None:
    """MULBLANK and BLANK (borders, formats) down to row 65,536 are no values: calamine ignores them, so does the scan."""
    stream = hostile.biff_workbook_stream()
    blanks = hostile.biff_record(0x00BE, struct.pack("<HH", 65535, 0) + b"\x00\x00" * 256 + struct.pack("<H", 255))
    blanks += hostile.biff_record(0x0201, struct.pack("<HHH", 65535, 255, 0))
    path = tmp_path / "边框到底.xls"
    path.write_bytes(hostile.ole2_bytes({"Workbook": stream[:-4] + blanks + stream[-4:]}))
    assert check_input(path) == "xls"
    assert _calamine_extent(path) == (2, 5)


def test_the_screen_decides_an_honest_big_sheet(tmp_path: Path) -> None:
    """A 50,000-row sheet as xlsxwriter writes it is decided by the one-pass screen (the bound it proves), never
    by the slower scans; its real extent is well inside the limit all the same."""
    big = hostile.many_rows_xlsx(tmp_path / "五万行.xlsx", rows=50_000)
    sheet = zipfile.ZipFile(big).read("xl/worksheets/sheet1.xml")
    assert xml_extent(lambda: [sheet]) is SCREEN_BOUND
    assert exact_extent([sheet]) == Extent(50_001, 5)
    assert check_input(big, data=big.read_bytes()) == "xlsx"
