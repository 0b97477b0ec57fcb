"""What else lands in the month's folder besides a workbook: a zip made on Chinese Windows (GBK names), a zip left
beside what the coordinator unpacked from it, a saved e-mail, a desktop shortcut. Library and CLI."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report
from helpers_roster import PERSON, fill_template
from helpers_roster import make_workspace as roster_workspace

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.receipts import receipt_path
from xlflow.commands.status import status
from xlflow.core.errors import InputFileError
from xlflow.core.periods import Period
from xlflow.intake import sniff
from xlflow.intake.folder import scan_folder
from xlflow.intake.messages import SAVED_MAIL
from xlflow.workspace import Workspace
from xlflow.writers.receipt import FINDINGS_SHEET

MARCH = Period.parse("2015-03")
NOW = dt.datetime(2015, 4, 3, 9, 0)
TODAY = dt.date(2015, 4, 3)
MAIL_TODO = "这是保存下来的邮件，不是工作簿：请打开邮件，把其中的附件另存到收件文件夹后重新汇总"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _report(path: Path, unit: str, n: int = 4) -> Path:
    return write_report(path, unit, [report_row(f"{unit[:3]}园区建设第{d}篇", d) for d in range(2, 2 + n)])


class _LegacyName(zipfile.ZipInfo):
    """An entry name written as `raw` bytes with the UTF-8 flag clear, as zip programs on Chinese Windows do."""

    __slots__ = ("raw",)

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 (zipfile's name)
        return (self.raw, self.flag_bits & ~0x800) if self.raw else super()._encodeFilenameFlags()


def _zip(path: Path, entries: dict[str, bytes], encoding: str | None) -> Path:
    """A zip whose entry names are stored in `encoding` without the UTF-8 flag (Chinese Windows: gbk; Info-ZIP:
    utf-8), or as Python writes them (flag set) when None."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = _LegacyName(name, (2015, 3, 30, 9, 0, 0))
            info.raw = name.encode(encoding) if encoding else b""
            archive.writestr(info, data)
    if encoding:
        with zipfile.ZipFile(path) as archive:
            assert not any(i.flag_bits & 0x800 for i in archive.infolist())
    return path


def _receipt_messages(ws: Workspace, unit: str) -> list[tuple[str, str, str]]:
    """(文件, 规则, 说明) of each row of the unit's receipt findings."""
    sheet = openpyxl.load_workbook(receipt_path(ws, unit, MARCH))[FINDINGS_SHEET]
    return [(r[1].value, r[5].value, r[7].value) for r in sheet.iter_rows(min_row=3) if r[1].value]


def _notice(ws: Workspace, unit: str) -> str:
    notices = status(ws, MARCH, remind=True, today=TODAY).data["notices"]
    return next(n for n in notices if n.startswith(f"{unit}："))


# --- zip entry names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", None])
def test_a_zip_names_its_workbooks_as_they_were_named(tmp_path: Path, encoding: str | None) -> None:
    path = _zip(tmp_path / "a.zip", {"岳阳楼区工信局3月信息报送登记表.xlsx": b"x", "稿件/园区建设情况.docx": b"y"}, encoding)
    with zipfile.ZipFile(path) as archive, pytest.raises(InputFileError) as caught:
        sniff.zip_kind("a.zip", archive)
    assert str(caught.value) == "a.zip：这是一个压缩包，里面有 岳阳楼区工信局3月信息报送登记表.xlsx，请解压后报送其中的 Excel 文件"


def test_a_gbk_zip_is_refused_naming_its_workbook_in_the_summary_receipt_and_reminder(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    data = _report(ws.root / "ret.xlsx", "岳阳楼区工信局").read_bytes()
    _zip(inbox / "岳阳楼区工信局3月份报送.zip", {"岳阳楼区工信局3月信息报送登记表.xlsx": data}, "gbk")
    told = "这是一个压缩包，里面有 岳阳楼区工信局3月信息报送登记表.xlsx，请解压后报送其中的 Excel 文件"
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert f"✗ 岳阳楼区工信局3月份报送.zip：{told}" in result.output
    assert _receipt_messages(ws, "岳阳楼区工信局") == [("岳阳楼区工信局3月份报送.zip", "F1 不是工作簿", f"岳阳楼区工信局3月份报送.zip：{told}")]
    assert f"但未能汇总：{told}。" in _notice(ws, "岳阳楼区工信局")


# --- a zip left beside what was unpacked from it ------------------------------------------------------------


def _unpacked_beside(inbox: Path) -> None:
    """解压到当前文件夹: 岳阳楼区's workbook beside its zip; 君山区's zip held a folder, unpacked as that folder."""
    book = _report(inbox / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局")
    _zip(inbox / "岳阳楼区工信局3月份报送.zip", {"岳阳楼区工信局3月信息.xlsx": book.read_bytes()}, "gbk")
    book = _report(inbox / "君山区工信局3月份报送" / "君山区工信局3月信息.xlsx", "君山区工信局")
    entries = {"君山区工信局3月份报送/君山区工信局3月信息.xlsx": book.read_bytes(), "君山区工信局3月份报送/说明.docx": b"d"}
    _zip(inbox / "君山区工信局3月份报送.zip", entries, None)


def test_a_zip_whose_workbooks_sit_unpacked_in_the_folder_is_set_aside(tmp_path: Path) -> None:
    _unpacked_beside(tmp_path)
    scan = scan_folder(tmp_path)
    assert [e.name for e in scan.files] == ["君山区工信局3月份报送/君山区工信局3月信息.xlsx", "岳阳楼区工信局3月信息.xlsx"]
    assert scan.unpacked == ["君山区工信局3月份报送.zip", "岳阳楼区工信局3月份报送.zip"]


def test_a_zip_holding_another_version_of_the_workbook_beside_it_is_read(tmp_path: Path) -> None:
    book = _report(tmp_path / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局")
    _zip(tmp_path / "岳阳楼区工信局3月份报送.zip", {"岳阳楼区工信局3月信息.xlsx": book.read_bytes() + b"\x00"}, "gbk")
    _zip(tmp_path / "君山区3月.zip", {"君山区工信局3月信息.xlsx": book.read_bytes()}, None)  # not unpacked here
    scan = scan_folder(tmp_path)
    assert scan.unpacked == []
    assert [e.name for e in scan.files] == ["君山区3月.zip", "岳阳楼区工信局3月份报送.zip", "岳阳楼区工信局3月信息.xlsx"]


def _same_size_other(data: bytes) -> bytes:
    """A corrected copy of the same size (an .xls saved in 512-byte blocks after one cell was edited)."""
    return data[:-1] + bytes([data[-1] ^ 0xFF])


def test_a_zip_holding_a_corrected_workbook_of_the_same_name_and_size_is_not_set_aside(tmp_path: Path) -> None:
    book = _report(tmp_path / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局")
    data = book.read_bytes()
    _zip(tmp_path / "岳阳楼区工信局3月份报送.zip", {"岳阳楼区工信局3月信息.xlsx": _same_size_other(data)}, "gbk")
    _zip(tmp_path / "岳阳楼区工信局3月份报送(1).zip", {"岳阳楼区工信局3月信息.xlsx": data}, None)  # the same copy
    scan = scan_folder(tmp_path)
    assert scan.unpacked == ["岳阳楼区工信局3月份报送(1).zip"]
    assert [e.name for e in scan.files] == ["岳阳楼区工信局3月份报送.zip", "岳阳楼区工信局3月信息.xlsx"]


def test_a_corrected_zip_beside_the_old_unpacked_copy_is_refused_not_skipped(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    data = _report(inbox / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局").read_bytes()
    _zip(inbox / "岳阳楼区工信局3月份报送.zip", {"岳阳楼区工信局3月信息.xlsx": _same_size_other(data)}, "gbk")
    told = "这是一个压缩包，里面有 岳阳楼区工信局3月信息.xlsx，请解压后报送其中的 Excel 文件"
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert f"✗ 岳阳楼区工信局3月份报送.zip：{told}" in result.output
    assert "已解压的压缩包" not in result.output
    assert _receipt_messages(ws, "岳阳楼区工信局") == [("岳阳楼区工信局3月份报送.zip", "F1 不是工作簿", f"岳阳楼区工信局3月份报送.zip：{told}")]


def test_a_zip_left_beside_its_unpacked_workbook_is_no_refusal(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    _unpacked_beside(inbox)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert (result.exit_code, result.refused) == (0, [])
    text = result.render()
    assert "读取文件 2 个：接受 2 个，拒收 0 个" in text
    assert "跳过：已解压的压缩包 2 个（君山区工信局3月份报送.zip、岳阳楼区工信局3月份报送.zip）" in text
    for unit in ("岳阳楼区工信局", "君山区工信局"):
        row = status(ws, MARCH, today=TODAY).data["rows"][unit]
        assert (row["files"], row["refused"], row["counted"]) == (1, 0, 4)
        assert [code for _, code, _ in _receipt_messages(ws, unit) if code.startswith("F1")] == []
    notice = "".join(str(c.value) for c in openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")["通报"]["A"] if c.value)
    assert "拒收" not in notice

    cli_result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert cli_result.exit_code == 0, cli_result.output
    assert "已解压的压缩包 2 个" in cli_result.output and "✗" not in cli_result.output


# --- a saved e-mail, a shortcut -----------------------------------------------------------------------------


def _eml(path: Path, attachment: bytes, *, mime_first: bool) -> Path:
    message = EmailMessage()
    if mime_first:  # header order as many clients save it
        message["MIME-Version"] = "1.0"
    message["From"], message["To"], message["Subject"] = "unit@163.com", "yy8715396@163.com", "3月信息报送登记表"
    message.set_content("附件为本单位3月信息报送登记表，请查收。")
    message.add_attachment(attachment, maintype="application", subtype="octet-stream", filename="3月信息报送登记表.xlsx")
    path.write_bytes(message.as_bytes(policy=policy.SMTP))
    return path


def _lnk(path: Path) -> Path:
    """A Windows shell link: HeaderSize 0x4C, LinkCLSID 00021401-0000-0000-C000-000000000046."""
    header = struct.pack("<I", 0x4C) + bytes.fromhex("0114020000000000c000000000000046") + b"\x9b\x00\x08\x00"
    path.write_bytes(header + b"\x00" * 256)
    return path


@pytest.mark.parametrize("mime_first", [True, False])
def test_a_saved_mail_is_named_as_one(tmp_path: Path, mime_first: bool) -> None:
    head = _eml(tmp_path / "a.xls", b"PK\x03\x04", mime_first=mime_first).read_bytes()[:8192]
    assert str(sniff.not_a_workbook("a.xls", head)) == "a.xls：这是保存下来的邮件，不是工作簿：请打开邮件，把其中的附件另存到收件文件夹"
    mht = b'MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n'
    assert "（.mht）" in str(sniff.not_a_workbook("b.xls", mht))
    ie = b"From: <Saved by Windows Internet Explorer 8>\r\nSubject: t\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\r\n"
    assert "（.mht）" in str(sniff.not_a_workbook("c.xls", ie))


def test_a_shortcut_is_named_as_one() -> None:
    head = struct.pack("<I", 0x4C) + bytes.fromhex("0114020000000000c000000000000046") + b"\x00" * 60
    assert str(sniff.not_a_workbook("a.lnk", head)) == (
        "a.lnk：这是快捷方式，不是文件本身，请报送它指向的 Excel 文件本身"
        "（协调人：快捷方式指向本机的文件时，请把它指向的文件复制到收件文件夹后重新汇总）"
    )


def test_saved_mails_are_the_coordinators_to_open_not_the_units_refusals(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    book = _report(ws.root / "y.xlsx", "云溪区工信局").read_bytes()
    _eml(inbox / "云溪区工信局3月份信息.eml", book, mime_first=True)
    only = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert only.exit_code == 1 and "中没有2015年3月的工作簿（只有保存的邮件 1 个）" in only.output, only.output
    _eml(inbox / "屈原区工信局报送3月信息.eml", book, mime_first=False)
    _report(inbox / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局")
    assert scan_folder(inbox).mails == ["云溪区工信局3月份信息.eml", "屈原区工信局报送3月信息.eml"]

    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "读取文件 1 个：接受 1 个，拒收 0 个" in result.output and "✗" not in result.output
    assert f"! 云溪区工信局3月份信息.eml：{MAIL_TODO}" in result.output
    assert f"! 屈原区工信局报送3月信息.eml：{MAIL_TODO}" in result.output
    for unit in ("云溪区工信局", "屈原区工信局"):
        assert status(ws, MARCH, today=TODAY).data["rows"][unit]["refused"] == 0
        assert not receipt_path(ws, unit, MARCH).exists()


def test_status_waits_for_a_saved_mail_instead_of_chasing_its_unit(ws: Workspace) -> None:
    """The return is in the mail: its unit is not told 尚未收到; a mail naming no unit is a caveat on the screen."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    book = _report(ws.root / "y.xlsx", "云溪区工信局").read_bytes()
    _eml(inbox / "云溪区工信局3月份信息.eml", book, mime_first=True)
    _eml(inbox / "3月信息报送.eml", book, mime_first=False)
    _report(inbox / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局")
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0

    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    mail_line = next(line for line in lines if line.startswith("收件文件夹中有保存的邮件"))
    assert mail_line.startswith("收件文件夹中有保存的邮件（2 个）：3月信息报送.eml、云溪区工信局3月份信息.eml：请打开邮件，"
                                "把其中的附件另存到收件文件夹，再运行 xlflow ")
    assert mail_line.endswith(" consolidate --month 2015-03"), mail_line
    assert "报送的文件在保存的邮件中、未起草催报通知的单位（1 个）：云溪区工信局：把邮件中的附件另存到收件文件夹、汇总后再运行本命令" in lines
    assert not any(line.startswith("工作簿尚未汇总") for line in lines)
    assert "报送的文件在保存的邮件中、尚未汇总的单位（1 个）：云溪区工信局" in lines  # review G8: no 工作簿 said received
    assert not any(line.startswith("已收到工作簿") for line in lines)
    caveat = next(line for line in lines if "保存的邮件（3月信息报送.eml）" in line)
    assert caveat.startswith("发出前请核对：收件文件夹中有 1 个看不出是哪个单位的保存的邮件（3月信息报送.eml）；")
    assert "云溪区工信局" not in caveat and "屈原区工信局" in caveat
    data = status(ws, MARCH, remind=True, today=TODAY).data
    assert "云溪区工信局" not in data["missing"] and "屈原区工信局" in data["missing"]
    assert not any(n.startswith("云溪区工信局：") for n in data["notices"])
    text = (ws.out / "催报" / "催报_2015年03月.txt").read_text(encoding="utf-8-sig")
    assert "云溪区工信局：" not in text and "屈原区工信局：" in text and "发出前请核对" not in text


def test_a_mail_beside_a_refused_file_holds_the_notice(ws: Workspace) -> None:
    """review G8: 云溪区's workbook was refused (damaged); its resend came as a mail the coordinator saved: the unit is
    not asked to resend what it has resent."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    (inbox / "云溪区工信局3月信息.xlsx").write_bytes(b"PK\x03\x04 broken")
    _eml(inbox / "云溪区工信局3月信息（重发）.eml", _report(ws.root / "y.xlsx", "云溪区工信局").read_bytes(), mime_first=True)
    _report(inbox / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局")
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 3
    data = status(ws, MARCH, remind=True, today=TODAY).data
    assert not any(n.startswith("云溪区工信局：") for n in data["notices"])
    assert "云溪区工信局" not in data["missing"]


def test_a_mail_left_after_its_workbook_was_read_holds_no_notice(ws: Workspace) -> None:
    """review E4: 岳阳楼区's workbook (2 of its 4) was saved out of its mail and consolidated; the mail stays in the
    folder. The unit is still told it is 2 short, and no line says its file waits in the mail."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    book = _report(inbox / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局", n=2)
    _eml(inbox / "岳阳楼区工信局3月信息.eml", book.read_bytes(), mime_first=True)
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).exit_code == 0
    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "保存的邮件中、未起草催报通知" not in result.output and "工作簿尚未汇总" not in result.output
    assert "2015年3月已计入2篇，尚差2篇" in _notice(ws, "岳阳楼区工信局")


def test_a_shortcut_is_refused_telling_the_unit_to_send_the_file(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    name = "南湖风景区工信局3月信息.xlsx - 快捷方式.lnk"
    _lnk(inbox / name)
    _report(inbox / "岳阳楼区工信局3月信息.xlsx", "岳阳楼区工信局")
    unit_part = "这是快捷方式，不是文件本身，请报送它指向的 Excel 文件本身"
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert f"✗ {name}：{unit_part}（协调人：快捷方式指向本机的文件时，请把它指向的文件复制到收件文件夹后重新汇总）" in result.output
    assert _receipt_messages(ws, "南湖风景区工信局") == [(name, "F1 不是工作簿", f"{name}：{unit_part}")]
    notice = _notice(ws, "南湖风景区工信局")
    assert f"但未能汇总：{unit_part}。" in notice and "协调人" not in notice


def test_register_names_the_unpacked_zip_and_the_saved_mail_and_refuses_neither(tmp_path: Path) -> None:
    root = roster_workspace(tmp_path / "ws")
    inbox = tmp_path / "登记表"
    form = fill_template(inbox / "岳阳县通讯员登记表.xlsx", PERSON)
    _zip(inbox / "岳阳县登记表.zip", {"岳阳县通讯员登记表.xlsx": form.read_bytes()}, "gbk")
    _eml(inbox / "平江县登记表.eml", form.read_bytes(), mime_first=True)
    result = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(root)])
    assert result.exit_code == 0, result.output
    assert "读取登记文件 1 个，拒收 0 个" in result.output
    assert "跳过已解压的压缩包 1 个：岳阳县登记表.zip" in result.output
    assert f"! 平江县登记表.eml：{SAVED_MAIL}后重新运行 xlflow" in result.output
