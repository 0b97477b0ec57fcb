"""What a unit sends besides its workbook and what its 催报 says: article attachments set aside (not refused), the
file of an earlier month sent again, the rules the rows not counted broke. Library and CLI."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.receipts import receipt_path
from xlflow.commands.status import status
from xlflow.core.errors import WorkspaceError
from xlflow.core.periods import Period
from xlflow.intake.folder import scan_folder
from xlflow.ledger import Ledger
from xlflow.workspace import Workspace
from xlflow.writers.receipt import FINDINGS_SHEET

FEBRUARY = Period.parse("2015-02")
MARCH = Period.parse("2015-03")
NOW = dt.datetime(2015, 4, 3, 9, 0)
TODAY = dt.date(2015, 4, 3)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def _attachments(folder: Path, stem: str) -> list[str]:
    """The article as Word and PDF and a photo of the meeting, as a unit mails them with its workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    _docx(folder / f"{stem}.docx")
    (folder / f"{stem}.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / f"{stem}现场照片.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32)
    return [f"{stem}.docx", f"{stem}.pdf", f"{stem}现场照片.jpg"]


def _notice(notices: list[str], unit: str) -> str:
    return next(n for n in notices if n.startswith(f"{unit}："))


# --- attachments -------------------------------------------------------------------------------------------


def test_a_folder_sets_documents_aside_but_not_a_workbook_named_as_one(tmp_path: Path) -> None:
    write_report(tmp_path / "岳阳县.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    shutil.copy(tmp_path / "岳阳县.xlsx", tmp_path / "平江县登记表.doc")  # a workbook renamed: still read
    _attachments(tmp_path / "子", "岳阳县座谈会")
    (tmp_path / "说明.txt").write_text("见附件", encoding="utf-8")
    (tmp_path / "平江县.csv").write_text("a,b", encoding="utf-8")  # a table, not an attachment: read (and refused)
    scan = scan_folder(tmp_path)
    assert [e.name for e in scan.files] == ["岳阳县.xlsx", "平江县.csv", "平江县登记表.doc"]
    assert scan.documents == ["子/岳阳县座谈会.docx", "子/岳阳县座谈会.pdf", "子/岳阳县座谈会现场照片.jpg", "说明.txt"]
    assert len(scan.files) + len(scan.documents) == 7  # read or set aside: none of the seven lost


def test_attachments_beside_a_workbook_are_skipped_and_named_not_refused(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row(f"岳阳县信息{d}", d) for d in (2, 9, 16, 23)])
    names = _attachments(inbox, "岳阳县座谈会信息")
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.exit_code == 0 and result.refused == [] and result.data["refused"] == {}
    text = result.render()
    assert "读取文件 1 个：接受 1 个，拒收 0 个" in text
    assert f"跳过：稿件附件（Word、PDF、图片等） 3 个（{'、'.join(sorted(names))}）" in text
    assert "拒收" not in text.split("读取文件 1 个：接受 1 个，拒收 0 个")[1]
    row = status(ws, MARCH, today=TODAY).data["rows"]["岳阳县工信局"]
    assert (row["files"], row["refused"], row["counted"], row["errors"]) == (1, 0, 4, 0)
    notice = "".join(str(c.value) for c in openpyxl.load_workbook(ws.out / "通报_2015年03月.xlsx")["通报"]["A"] if c.value)
    assert "拒收" not in notice and "本期共发现错误" not in notice


def test_a_unit_that_sent_only_attachments_is_asked_for_the_workbook(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    _attachments(inbox, "岳阳县座谈会")  # beside its workbook: nothing to ask
    _docx(inbox / "平江县3月信息.docx")
    (inbox / "平江县").mkdir()
    (inbox / "平江县" / "园区照片.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 0

    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (
        "只发来稿件附件、没有 Excel 信息报送登记表的单位（1 个）：平江县工信局（平江县/园区照片.png、平江县3月信息.docx）："
        "稿件要逐条填入登记表才能计入，请提醒其报送登记表"
    ) in result.output
    notice = _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "平江县工信局")
    assert (
        "截至目前，综合法规科尚未收到贵单位2015年3月的政务信息报送登记表（收到的《平江县/园区照片.png》、《平江县3月信息.docx》"
        "是稿件附件，不是 Excel 登记表；稿件要逐条填入下发的信息报送登记表才能计入）。"
    ) in notice
    assert "请收到本通知后尽快报送" in notice
    other = _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "华容县工信局")
    assert "稿件附件" not in other and "尚未收到贵单位2015年3月的政务信息报送登记表。" in other


ONLY_PINGJIANG = (
    "只发来稿件附件、没有 Excel 信息报送登记表的单位（1 个）：平江县工信局（平江县3月信息.docx）："
    "稿件要逐条填入登记表才能计入，请提醒其报送登记表"
)


def test_a_flat_inbox_shows_the_units_that_sent_only_attachments(ws: Workspace) -> None:
    """All units' files directly in inbox/ (no inbox/2015-03): status reads the folder consolidate read, another
    month's folder in it left out as consolidate leaves it out."""
    write_report(ws.inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    _docx(ws.inbox / "平江县3月信息.docx")
    (ws.inbox / "2015-02").mkdir()
    _docx(ws.inbox / "2015-02" / "华容县2月信息.docx")
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 0

    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert ONLY_PINGJIANG + "\n" in result.output
    notice = _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "平江县工信局")
    assert "（收到的《平江县3月信息.docx》是稿件附件，不是 Excel 登记表；" in notice
    assert "华容县2月信息" not in _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "华容县工信局")


def test_in_a_flat_inbox_an_attachment_named_for_another_month_is_not_this_months(ws: Workspace) -> None:
    """March consolidated from a flat inbox; in April, 平江县's 3月 attachment is no April attachment."""
    write_report(ws.inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    _docx(ws.inbox / "平江县3月信息.docx")
    _docx(ws.inbox / "华容县2015年4月信息正文.docx")
    _docx(ws.inbox / "湘阴县1-2月工业经济运行分析.docx")  # figures of two months, sent in any month: in each
    _docx(ws.inbox / "汨罗市1月至2月工业运行.docx")
    _docx(ws.inbox / "临湘市2015-2月工作动态.docx")  # February's: a year, then the month
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 0
    april = Period.parse("2015-04")
    result = CliRunner().invoke(cli, ["status", "--month", "2015-04", "-w", str(ws.root)])
    assert "平江县3月信息" not in result.output and "华容县2015年4月信息正文.docx" in result.output
    assert "湘阴县1-2月工业经济运行分析.docx" in result.output and "汨罗市1月至2月工业运行.docx" in result.output
    assert "临湘市2015-2月工作动态" not in result.output
    notice = _notice(status(ws, april, remind=True, today=TODAY).data["notices"], "平江县工信局")
    assert "平江县3月信息" not in notice


def test_status_looks_in_the_folder_the_month_was_consolidated_from(ws: Workspace, tmp_path: Path) -> None:
    """consolidate --month 2015-03 FOLDER: status (without FOLDER) sees FOLDER's attachments, not those of the
    inbox/2015-03 the command did not read."""
    folder = tmp_path / "收件" / "3月"
    write_report(folder / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    _docx(folder / "平江县3月信息.docx")
    (ws.inbox / "2015-03").mkdir()
    _docx(ws.inbox / "2015-03" / "华容县3月信息.docx")
    runner = CliRunner()
    done = runner.invoke(cli, ["consolidate", "--month", "2015-03", str(folder), "-w", str(ws.root)])
    assert done.exit_code == 0, done.output

    result = runner.invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert ONLY_PINGJIANG + "\n" in result.output and "华容县3月信息" not in result.output
    assert "平江县3月信息.docx" in _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "平江县工信局")


def test_a_copied_workspace_keeps_the_folder_its_month_was_consolidated_from(ws: Workspace, tmp_path: Path) -> None:
    """FOLDER inside the workspace (收件/3月), the workspace then copied to another place and the original deleted:
    status in the copy still looks in the copy's 收件/3月."""
    folder = ws.root / "收件" / "3月"
    write_report(folder / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    _docx(folder / "平江县3月信息.docx")
    assert consolidate(ws, MARCH, folder, now=NOW).exit_code == 0
    copy = tmp_path / "另一台电脑" / "ws"
    shutil.copytree(ws.root, copy)
    shutil.rmtree(ws.root)
    assert ONLY_PINGJIANG in status(Workspace.open(copy), MARCH, today=TODAY).render()


# --- an earlier month's file sent again --------------------------------------------------------------------


def _february(ws: Workspace) -> Path:
    path = write_report(ws.inbox / "2015-02" / "君山区工信局_2015年02月.xlsx", "君山区工信局",
                        [report_row(f"君山区二月信息{d}", d, month=2) for d in (3, 4, 5, 6)], month="2015年2月")  # fmt: skip
    consolidate(ws, FEBRUARY, None, now=NOW)
    return path


@pytest.mark.parametrize("name", ["君山区工信局_2015年02月.xlsx", "君山区3月信息.xlsx"])
def test_a_file_already_consolidated_for_its_month_is_set_aside_not_refused(ws: Workspace, name: str) -> None:
    """君山区 sends its February file again (a copy, or the copy renamed) with its March file: set aside
    as consolidated in February, not refused; 湘阴县's February file the ledger does not hold stays refused (F7)."""
    february = _february(ws)
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(exist_ok=True)
    shutil.copy2(february, inbox / name)
    write_report(inbox / "君山区工信局_2015年03月.xlsx", "君山区工信局", [report_row("君山区三月信息")])
    write_report(inbox / "平江县3月.xlsx", "平江县工信局", [report_row("平江县信息")])
    runner = CliRunner()
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "读取文件 3 个：接受 2 个，拒收 0 个，其他月份 1 个（本次不汇总）" in result.output
    assert f"已汇总过的其他月份文件（本次不汇总，可从文件夹删除）：{name}（已于2015年2月汇总）" in result.output
    assert "报送月份" not in result.output
    march = status(ws, MARCH).data["rows"]["君山区工信局"]
    assert (march["files"], march["refused"], march["counted"]) == (1, 0, 1)
    feb = status(ws, FEBRUARY).data["rows"]["君山区工信局"]
    assert (feb["files"], feb["refused"], feb["counted"]) == (1, 0, 4)
    book = openpyxl.load_workbook(receipt_path(ws, "君山区工信局", MARCH))
    assert [r[5].value for r in book[FINDINGS_SHEET].iter_rows(min_row=3) if r[5].value] == []
    quarter = runner.invoke(cli, ["bulletin", "--period", "2015-Q1", "-w", str(ws.root)])
    assert quarter.exit_code == 0 and "拒收文件" not in quarter.output, quarter.output

    write_report(inbox / "湘阴县2月.xlsx", "湘阴县工信局", [report_row("湘阴县二月信息", month=2)], month="2015年2月")
    again = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert again.exit_code == 3, again.output
    assert "读取文件 4 个：接受 2 个，拒收 1 个，其他月份 1 个（本次不汇总）" in again.output
    assert ("湘阴县2月.xlsx：“报送月份”写的是2015年2月，本次汇总的是2015年3月：如是2015年3月的信息，请填入2015年3月下发的"
            "登记表后重新报送；如是2015年2月的信息，将按2015年2月另行汇总，无需重报"
            "（协调人：请放入对应月份的文件夹另行汇总）") in again.output  # fmt: skip
    assert status(ws, MARCH).data["rows"]["湘阴县工信局"]["refused"] == 1
    quarter = runner.invoke(cli, ["bulletin", "--period", "2015-Q1", "-w", str(ws.root)])
    assert "拒收文件 1 个" in quarter.output, quarter.output


def test_a_february_file_changed_since_is_refused_even_under_its_old_name(ws: Workspace) -> None:
    """Same name as the consolidated February file, other content (a fifth article): it belongs in February's
    consolidation, so it stays F7 and is not set aside as already consolidated."""
    february = _february(ws)
    write_report(ws.inbox / "2015-03" / february.name, "君山区工信局",
                 [report_row(f"君山区二月信息{d}", d, month=2) for d in (3, 4, 5, 6, 9)], month="2015年2月")  # fmt: skip
    write_report(ws.inbox / "2015-03" / "平江县3月.xlsx", "平江县工信局", [report_row("平江县信息")])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert "已于2015年2月汇总" not in result.output
    assert status(ws, MARCH).data["rows"]["君山区工信局"]["refused"] == 1


def test_a_month_folder_holding_only_a_file_consolidated_before_changes_nothing(ws: Workspace) -> None:
    february = _february(ws)
    (ws.inbox / "2015-03").mkdir()
    shutil.copy2(february, ws.inbox / "2015-03" / "君山区2月.xlsx")
    with pytest.raises(WorkspaceError) as caught:
        consolidate(ws, MARCH, None, now=NOW)
    assert str(caught.value) == (
        f"收件文件夹 {ws.inbox / '2015-03'} 中没有2015年3月的工作簿（其他月份的文件 1 个：君山区2月.xlsx（已于2015年2月汇总））："
        "请把各单位报回的工作簿放进去后再汇总；台账未改动"
    )
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.imports("2015-03") == [] and ledger.refused("2015-03") == []


def test_another_months_file_not_consolidated_is_explained_to_the_unit(ws: Workspace) -> None:
    write_report(ws.inbox / "2015-03" / "君山区2月.xlsx", "君山区工信局", [report_row("君山区二月信息", month=2)],
                 month="2015年2月")  # fmt: skip
    write_report(ws.inbox / "2015-03" / "平江县3月.xlsx", "平江县工信局", [report_row("平江县信息")])  # a March file
    consolidate(ws, MARCH, None, now=NOW)
    notice = _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "君山区工信局")
    assert (
        "综合法规科收到了贵单位报送的《君山区2月.xlsx》，但未能汇总：“报送月份”写的是2015年2月，本次汇总的是2015年3月："
        "如是2015年3月的信息，请填入2015年3月下发的登记表后重新报送；如是2015年2月的信息，将按2015年2月另行汇总，无需重报。"
    ) in notice
    assert "请放入对应月份的文件夹" not in notice and "协调人" not in notice


# --- why rows were not counted -----------------------------------------------------------------------------


def test_the_reminder_names_the_rules_the_rows_broke(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县.xlsx", "岳阳县工信局", [
        report_row("岳阳县信息一"), report_row("岳阳县信息一", 6), report_row("岳阳县信息二", 7),
    ])  # fmt: skip
    write_report(inbox / "平江县.xlsx", "平江县工信局", [
        report_row("平江县信息一"), report_row("平江县短讯", body="太短"), report_row("平江县无日期", 0),
    ])  # fmt: skip
    write_report(inbox / "湘阴县.xlsx", "湘阴县工信局", [report_row("湘阴县未审签", signer="")])
    consolidate(ws, MARCH, None, now=NOW)
    notices = status(ws, MARCH, remind=True, today=TODAY).data["notices"]
    assert "另有1篇因重复报送未能计入，详见回执。" in _notice(notices, "岳阳县工信局")
    assert "另有2篇因字数不足、日期无效未能计入，请按回执修改后重新报送。" in _notice(notices, "平江县工信局")
    assert "另有1篇因未审签未能计入，请按回执修改后重新报送。" in _notice(notices, "湘阴县工信局")
    assert not any("等原因" in n for n in notices)


def test_an_unknown_unit_name_is_explained_to_the_unit_without_the_coordinators_step(ws: Workspace) -> None:
    write_report(ws.inbox / "2015-03" / "君山区3月.xlsx", "君山工信分局", [report_row("君山区三月信息")])
    consolidate(ws, MARCH, None, now=NOW)
    notice = _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "君山区工信局")
    assert "“报送单位”填写的“君山工信分局”不在任务分配表中：请改为任务分配表中的单位名称后重新报送。" in notice
    assert "别名" not in notice and "协调人" not in notice


# --- whose a file is when neither it nor its name says (a folder per unit, a refusal of nobody's) --------------


def _unlabelled(path: Path, titles: list[str]) -> Path:
    """A return with no 报送单位 anywhere: the template's own title, its rows, and a name saying only the month."""
    write_report(path, "岳阳县工信局", [report_row(t) for t in titles])
    book = openpyxl.load_workbook(path)
    book.active["A1"], book.active["A2"] = "2015年3月份信息报送登记表", None
    book.save(path)
    return path


def test_a_return_in_a_folder_named_for_its_unit_counts_for_that_unit(ws: Workspace) -> None:
    """The coordinator saves each unit's mail in a folder named for it: the folder says whose a file is when its name
    does not; a file's own name comes first (a unit forwarding another's return)."""
    inbox = ws.inbox / "2015-03"
    _unlabelled(inbox / "资源电力科" / "附件" / "3月份信息报送登记表.xlsx", ["资源电力科信息一", "资源电力科信息二"])
    (inbox / "平江县").mkdir()
    (inbox / "平江县" / "湘阴县工信局3月信息.xls").write_bytes(b"not a workbook at all")
    (inbox / "华容县工信局" / "附件").mkdir(parents=True)
    (inbox / "华容县工信局" / "附件" / "3月信息.xls").write_bytes(b"not a workbook at all")

    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output  # the two files that are no workbooks
    assert "单位不明" not in result.output and "看不出是哪个单位" not in result.output
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.counts(["2015-03"])[("资源电力科", "2015-03")] == 2
        assert sorted((f.unit, f.file) for f in ledger.refused("2015-03")) == [
            ("华容县工信局", "华容县工信局/附件/3月信息.xls"), ("湘阴县工信局", "平江县/湘阴县工信局3月信息.xls"),
        ]  # fmt: skip
    table = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)]).output
    assert _row(table, "资源电力科").split()[2:] == ["1", "2", "0", "1", "2/4", "差", "2", "条"]  # 提示: the folder said whose
    assert _row(table, "华容县工信局").split()[-1] == "文件被拒收"


def _row(output: str, unit: str) -> str:
    return next(line for line in output.splitlines() if line.split()[1:2] == [unit])


def test_the_unit_of_a_file_is_its_name_s_else_its_nearest_folder_s(ws: Workspace) -> None:
    from xlflow.intake.returns_unit_month import named_unit

    units = ws.units()
    assert named_unit("资源电力科/附件/3月份信息报送登记表.xlsx", units).name == "资源电力科"
    assert named_unit("2015年3月/电力科/3月信息.xlsx", units).name == "资源电力科"  # an alias as a folder's name
    assert named_unit("平江县/湘阴县工信局3月信息.xls", units).name == "湘阴县工信局"
    assert named_unit("岳阳县 平江县/3月信息.xlsx", units) is None  # the nearest folder naming any names two
    assert named_unit("附件/3月信息.xlsx", units) is None


FORWARDED = (
    "办公室转来/3月份信息报送登记表.xlsx：文件中没有写报送单位，按所在文件夹“办公室转来”认作办公室的报送："
    "如不是，请在文件中填写报送单位后重新报送"
)
FORWARDED_TODO = "（协调人：如知道是哪个单位的，可在文件名中写上单位名称后重新汇总）"


def test_a_unit_taken_from_a_folder_name_is_said(ws: Workspace) -> None:
    """The folder's name says whose a file is only as a guess (a forwarded return of another section): a 提示 names
    the folder and the unit; a file whose own name or label names its unit needs none."""
    from xlflow.core.model import WARNING
    from xlflow.intake.returns import read_unit_workbook

    inbox = ws.inbox / "2015-03"
    path = _unlabelled(inbox / "办公室转来" / "3月份信息报送登记表.xlsx", ["全市中小企业融资对接会召开"])
    uf = read_unit_workbook(path, ws.units(), month_hint="2015-03", settings=ws.settings,
                            name="办公室转来/3月份信息报送登记表.xlsx")  # fmt: skip
    assert uf.unit == "办公室"
    assert [(f.code, f.severity, f.sheet, f.row, f.message) for f in uf.findings] == [
        ("F6", WARNING, "", None, FORWARDED + FORWARDED_TODO)
    ]
    named = _unlabelled(inbox / "办公室" / "办公室3月信息.xlsx", ["办公室信息"])
    uf = read_unit_workbook(named, ws.units(), month_hint="2015-03", settings=ws.settings, name="办公室/办公室3月信息.xlsx")
    assert (uf.unit, uf.findings) == ("办公室", [])


def test_a_unit_taken_from_a_folder_name_is_in_the_summary_and_the_receipt(ws: Workspace) -> None:
    _unlabelled(ws.inbox / "2015-03" / "办公室转来" / "3月份信息报送登记表.xlsx", ["全市中小企业融资对接会召开"])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert FORWARDED + FORWARDED_TODO in result.output
    sheet = openpyxl.load_workbook(receipt_path(ws, "办公室", MARCH))[FINDINGS_SHEET]
    rows = [(r[1].value, r[5].value, r[7].value) for r in sheet.iter_rows(min_row=3) if r[1].value]
    assert rows == [("办公室转来/3月份信息报送登记表.xlsx", "F6 单位不明", FORWARDED)]
    with Ledger.open(ws.ledger_path) as ledger:
        assert ledger.counts(["2015-03"])[("办公室", "2015-03")] == 1


REFUSED_NOBODY = (
    "被拒收、看不出是哪个单位的文件（1 个）：新建 Microsoft Excel 工作表.xlsx：请打开看是哪个单位的，在文件名中写上"
    "单位名称（“报送单位”写的是简称的，也可在任务分配表“别名”列补上；不是各单位报送的文件请移出收件文件夹），再运行 xlflow consolidate --month 2015-03"
)
REFUSED_STRANGER = (
    "被拒收、“报送单位”不在任务分配表中的文件（1 个）：市直某某局3月.xlsx（“报送单位”填写的“市直某某局”）：不是本系统单位的，"
    "请移出收件文件夹；是某单位改了名称或写了简称的，请在任务分配表“别名”列补上，再运行 xlflow consolidate --month 2015-03"
)
CAVEAT = (
    "发出前请核对：收件文件夹中有 2 个被拒收、对不上任务分配表中单位的文件（市直某某局3月.xlsx、新建 Microsoft Excel 工作表.xlsx）；"
    "下列按未报送催报的单位如有报送了其中的文件，请先处理该文件再发："
)


def test_a_refused_file_of_no_known_unit_is_listed_and_the_reminders_carry_a_caveat(ws: Workspace) -> None:
    """Whose the refused file is the ledger cannot tell: the notices are drafted all the same (one stray file must
    not stop every 催报), headed by a line naming the files and the units told nothing came."""
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县工信局3月信息.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    _unlabelled(inbox / "新建 Microsoft Excel 工作表.xlsx", ["轻工业科信息一"])
    write_report(inbox / "市直某某局3月.xlsx", "市直某某局", [report_row("某某局信息")])  # a name not in the table
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 3

    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert REFUSED_NOBODY.split("，再运行")[0] + "，再运行 xlflow -w " in result.output  # the command as typed
    assert REFUSED_STRANGER.split("，再运行")[0] + "，再运行 xlflow -w " in result.output
    assert "未起草催报通知" not in result.output
    caveat = next(line.strip() for line in result.output.splitlines() if line.strip().startswith("发出前请核对"))
    assert caveat.startswith(CAVEAT)
    told = caveat.removeprefix(CAVEAT).split("、")
    assert "轻工业科" in told and "财务科" in told and "岳阳县工信局" not in told  # 岳阳县 sent a file
    text = (ws.out / "催报" / "催报_2015年03月.txt").read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert "发出前请核对" not in text  # the file is what is sent: the caveat is the coordinator's
    assert "轻工业科：\n" in text and "尚未收到贵单位2015年3月的政务信息报送登记表" in _notice_in(text, "轻工业科")

    library = status(ws, MARCH, remind=True, today=TODAY)
    assert any(line.startswith(CAVEAT) for line in library.lines)
    notices = library.data["notices"]
    assert len(notices) == len(told) + 1 and _notice(notices, "岳阳县工信局")  # 1 of 1 counted: 岳阳县 is behind
    assert REFUSED_NOBODY in status(ws, MARCH, today=TODAY).lines

    (inbox / "新建 Microsoft Excel 工作表.xlsx").rename(inbox / "轻工业科3月信息.xlsx")  # as the line says
    (inbox / "市直某某局3月.xlsx").unlink()
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 0
    again = status(ws, MARCH, remind=True, today=TODAY)
    assert not any("看不出是哪个单位" in line or "发出前请核对" in line for line in again.lines)
    assert "轻工业科" not in [n.split("：")[0] for n in again.data["notices"]] and len(again.data["notices"]) > 20
    assert not (ws.out / "催报" / "催报_2015年03月.txt").read_text(encoding="utf-8-sig").startswith("发出前")


def _notice_in(text: str, unit: str) -> str:
    return next(n for n in text.split("-" * 40) if n.strip().startswith(f"{unit}："))


def test_a_refused_file_of_a_renamed_unit_stays_that_unit_s(ws: Workspace) -> None:
    """The ledger keeps the unit's old name; the quota table's new name (the alias kept) is the same unit: its
    refused file is said to it, not listed as nobody's."""
    inbox = ws.inbox / "2015-03"
    (inbox / "岳阳县信息（请查收）.xlsx").parent.mkdir(parents=True)
    (inbox / "岳阳县信息（请查收）.xlsx").write_bytes(b"not a workbook at all")
    write_report(inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 3
    book = openpyxl.load_workbook(ws.quota_path)
    cell = next(c for row in book.active.iter_rows() for c in row if c.value == "岳阳县工信局")
    cell.value = "岳阳县工业和信息化局"
    book.save(ws.quota_path)

    result = status(ws, MARCH, remind=True, today=TODAY)
    assert not any("看不出是哪个单位" in line or "发出前请核对" in line for line in result.lines)
    assert result.data["rows"]["岳阳县工业和信息化局"]["refused"] == 1
    assert result.data["rows"]["岳阳县工业和信息化局"]["files"] == 1  # its accepted file, kept under the old name
    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert run.exit_code == 0 and "看不出是哪个单位" not in run.output and "发出前请核对" not in run.output
    assert "未起草催报通知的单位（1 个）：岳阳县工业和信息化局（台账中为“岳阳县工信局”）" in run.output
