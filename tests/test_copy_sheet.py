"""review 6: a print copy of the sheet (打印版, 信息报送登记表 (2)) in a return is set aside and named (one F12 提示),
not read again as R6 errors the unit would be told to fix. Library and CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import HEADER, article_row, write_xlsx

from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
from xlflow.ledger.store import Ledger
from xlflow.settings import Settings

NAME = "华容县工信局信息报送登记表.xlsx"


def _sheet(month: int) -> list[list[object]]:
    return [["华容县工信局政务信息报送登记表"], HEADER,
            *(article_row(title=f"华容{month}月信息{i}", date=dt.datetime(2015, month, 4 + i)) for i in (1, 2, 3))]  # fmt: skip


def test_a_copy_of_a_sheet_is_set_aside(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    main, more = _sheet(3), article_row(title="华容3月新增信息", date=dt.datetime(2015, 3, 9))
    sheets = {"第一页": main[:3], "信息报送登记表": main, "打印版": main, "加了一条": [*main[:3], more]}
    uf = read_unit_workbook(write_xlsx(tmp_path / NAME, sheets), units, month_hint="2015-03", settings=settings)
    assert [(s.name, s.read, s.why) for s in uf.sheets] == [
        ("第一页", False, "1 条信息与工作表“信息报送登记表”的完全相同，是它的副本，不重复计入"),  # before its original
        ("信息报送登记表", True, ""),
        ("打印版", False, "3 条信息与工作表“信息报送登记表”的完全相同，是它的副本，不重复计入"),  # the first of two is read
        ("加了一条", True, ""),  # an article no other sheet holds: read (its copied row is R6's to judge)
    ]
    assert [f.code for f in uf.findings] == ["F12", "F12"] and len(uf.rows) == 5


def test_a_print_copy_is_one_warning_on_the_receipt(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, {"信息报送登记表": _sheet(3), "打印版": _sheet(3)})
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in result.output and "问题：无" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    problems = [[v for v in r if v is not None] for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if any(r)]
    assert problems == [[1, NAME, "打印版", "整个文件", "F12 工作表未读取", "提示",
                         f"{NAME}：工作表“打印版”未读取（3 条信息与工作表“信息报送登记表”的完全相同，是它的副本，不重复计入）"
                         ]]  # fmt: skip  # nothing to move: its articles are counted from the original


def _corrected(signed_first: bool) -> dict[str, list[list[object]]]:
    """A return whose second sheet re-does articles of the first with 审签人 (and a proper date) filled in."""
    titles = ["华容3月信息1", "华容3月信息2"]
    first = [article_row(title=t, signer="李局长" if signed_first else None) for t in titles]
    fixed = [article_row(title=t, signer="李局长", date=dt.datetime(2015, 3, 20)) for t in titles]
    return {"信息报送登记表": [["华容县工信局政务信息报送登记表"], HEADER, *first], "补报" if signed_first else "修改后": [
        ["华容县工信局政务信息报送登记表"], HEADER, *fixed]}  # fmt: skip


def test_a_sheet_differing_in_any_cell_is_no_copy(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    for signed_first in (False, True):  # unsigned then signed; a 补报 differing only in its date
        path = write_xlsx(tmp_path / f"{signed_first}{NAME}", _corrected(signed_first))
        uf = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
        assert [(s.read, s.why) for s in uf.sheets] == [(True, ""), (True, "")] and len(uf.rows) == 4
        assert [f.code for f in uf.findings] == []


def test_a_sheet_named_a_supplement_is_never_a_copy(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    for name in ("补报", "更正", "修改后"):
        path = write_xlsx(tmp_path / f"{name}{NAME}", {"信息报送登记表": _sheet(3), name: _sheet(3)})
        uf = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
        assert ([s.read for s in uf.sheets], len(uf.rows)) == ([True, True], 6)


def test_the_cli_counts_the_corrected_copy(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, _corrected(False))
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "计入稿件 2 条（共 4 行，2 行有错误未计入）" in result.output and "问题：R3 未审签 2 条" in result.output
    assert "F12" not in result.output and "副本" not in result.output


def _weeks(names: tuple[str, str, str] = ("第一周", "第二周", "汇总")) -> dict[str, list[list[object]]]:
    """Week sheets numbering their own articles from 1, and a 汇总 numbering all four 1-4 (review F7)."""
    rows = [article_row(seq=i, title=f"华容3月信息{i}", date=dt.datetime(2015, 3, 2 + i)) for i in (1, 2, 3, 4)]
    week2 = [[row[0] - 2, *row[1:]] for row in rows[2:]]  # 序号 is the first column
    top = [["华容县工信局政务信息报送登记表"], HEADER]
    return {names[0]: [*top, *rows[:2]], names[1]: [*top, *week2], names[2]: [*top, *rows]}


# review T D5: a sheet naming the month and a part of it is no month's own sheet beside a cumulative one
PARTS = (("3月第一周", "3月第二周", "3月汇总"), ("3月上旬", "3月中旬", "3月汇总"), ("3月上半月", "3月下半月", "3月"),
         ("3月1-15日", "3月16-31日", "3月"), ("3月(3.2-3.8)", "3月(3.9-3.15)", "2015年3月"))  # fmt: skip


def test_a_sheet_renumbering_the_articles_is_a_copy(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read_unit_workbook(write_xlsx(tmp_path / NAME, _weeks()), units, month_hint="2015-03", settings=settings)
    assert [(s.name, s.read, s.why) for s in uf.sheets] == [
        ("第一周", False, "2 条信息与工作表“汇总”的完全相同，是它的副本，不重复计入"),
        ("第二周", False, "2 条信息与工作表“汇总”的完全相同，是它的副本，不重复计入"),
        ("汇总", True, "")]  # fmt: skip
    assert [(r.sheet, r.row, r.values["title"]) for r in uf.rows] == [
        ("汇总", 3, "华容3月信息1"), ("汇总", 4, "华容3月信息2"), ("汇总", 5, "华容3月信息3"), ("汇总", 6, "华容3月信息4")]
    for names in PARTS:
        (tmp_path / names[0]).mkdir()
        uf = read_unit_workbook(write_xlsx(tmp_path / names[0] / NAME, _weeks(names)), units, month_hint="2015-03",
                                settings=settings)  # fmt: skip
        assert [(s.name, s.read, s.why, s.repeats) for s in uf.sheets] == [
            (names[0], False, f"2 条信息与工作表“{names[2]}”的完全相同，是它的副本，不重复计入", False),
            (names[1], False, f"2 条信息与工作表“{names[2]}”的完全相同，是它的副本，不重复计入", False),
            (names[2], True, "", False)], names  # fmt: skip
        assert len(uf.rows) == 4, names


def test_the_cli_counts_a_summary_sheet_once(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, _weeks())
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in result.output and "问题：无" in result.output
    assert "R6" not in result.output and "重复报送" not in result.output
    write_xlsx(ws.inbox / "2015-03" / NAME, _weeks(PARTS[0]))  # 3月第一周, 3月第二周, 3月汇总
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in result.output and "问题：无" in result.output, result.output
    assert f"{NAME}：工作表“3月第一周”未读取（2 条信息与工作表“3月汇总”的完全相同，是它的副本，不重复计入）" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    lines = [[v for v in r if v is not None] for r in book["回执"].iter_rows(values_only=True) if any(r)]
    assert lines[3][1] == "本次报送 4 行：计入 4 条，未计入 0 条"
    assert lines[4][0].endswith("工作表“3月汇总”：第 3—6 行，4 条")
    assert [(r[1], r[-1]) for r in lines if isinstance(r[0], int)] == [(3, "计入"), (4, "计入"), (5, "计入"), (6, "计入")]


def test_the_cli_counts_once_a_draft_sheet_whose_title_was_retyped_since(tmp_path: Path) -> None:
    """review M5: an old draft Sheet1 (2) left beside the final sheet, its second title since retyped (3个 → 三个): no
    copy (one cell differs), but the same 正文 is the same article: R6 on the draft's row, 3 counted, not 4."""
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    text = "华容县工业园区本月新签约项目三个，总投资12亿元，" * 12
    final = [article_row(title="华容3月信息1"), article_row(title="华容县新签约项目三个", body=text), article_row(title="华容3月信息3")]
    draft = [article_row(title="华容3月信息1"), article_row(title="华容县新签约项目3个", body=text)]
    top = [["华容县工信局政务信息报送登记表"], HEADER]
    write_xlsx(ws.inbox / "2015-03" / NAME, {"信息报送登记表": [*top, *final], "Sheet1 (2)": [*top, *draft]})
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "计入稿件 3 条（共 5 行，2 行有错误未计入）" in result.output and "R6 重复报送 2 条" in result.output, result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    issues = {(r[2], r[3]): r[7] for r in book["问题清单"].iter_rows(values_only=True) if r[5] == "R6 重复报送"}
    assert issues == {
        ("Sheet1 (2)", "C3"): "与已计入的信息标题相同（本文件“信息报送登记表”工作表第 3 行）：同一篇信息只计一次；如是新信息，请修改标题后重新报送",
        ("Sheet1 (2)", "C4"): "正文与已计入的“华容县新签约项目三个”相同（本文件“信息报送登记表”工作表第 4 行）：同一篇信息只计一次："
                              "如是另一篇信息，请粘贴它自己的正文后重新报送"}  # fmt: skip


# review Z1: a copy of the month's sheet with a row added, its name stating the month alone, is the fuller version
VERSIONS = ("3月 (2)", "2015年3月（最终版）", "3月（修改后）", "2015年3月修改")


def _fuller() -> list[list[object]]:
    return [*_sheet(3), article_row(title="华容3月新增信息", date=dt.datetime(2015, 3, 9))]


def test_the_months_sheet_is_a_copy_of_its_fuller_version(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    for name in VERSIONS:
        for sheets in ({"3月": _sheet(3), name: _fuller()}, {name: _fuller(), "3月": _sheet(3)}):
            (tmp_path / name).mkdir(exist_ok=True)
            uf = read_unit_workbook(write_xlsx(tmp_path / name / NAME, sheets), units, month_hint="2015-03",
                                    settings=settings)  # fmt: skip
            assert sorted((s.name, s.read, s.why, s.repeats) for s in uf.sheets) == sorted([
                ("3月", False, f"3 条信息与工作表“{name}”的完全相同，是它的副本，不重复计入", False),
                (name, True, "", False)]), name  # fmt: skip
            assert ([r.sheet for r in uf.rows], [f.code for f in uf.findings]) == ([name] * 4, ["F12"]), name
    for name in ("3月累计", "3月汇总"):  # a 汇总 or 累计 holding more stays a cumulative sheet, read as a 补报
        uf = read_unit_workbook(write_xlsx(tmp_path / f"{name}.xlsx", {"3月": _sheet(3), name: _fuller()}), units,
                                month_hint="2015-03", settings=settings)  # fmt: skip
        assert [(s.name, s.read, s.repeats) for s in uf.sheets] == [("3月", True, False), (name, True, True)], name


def test_the_cli_counts_the_fuller_version_once_without_r6(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, {"3月": _sheet(3), "3月 (2)": _fuller()})
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in result.output and "问题：无" in result.output, result.output
    assert f"{NAME}：工作表“3月”未读取（3 条信息与工作表“3月 (2)”的完全相同，是它的副本，不重复计入）" in result.output
    assert "R6" not in result.output and "重复报送" not in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    lines = [[v for v in r if v is not None] for r in book["回执"].iter_rows(values_only=True) if any(r)]
    assert lines[3][1] == "本次报送 4 行：计入 4 条，未计入 0 条"
    assert lines[4][0].endswith("工作表“3月 (2)”：第 3—6 行，4 条")
    assert [(r[1], r[-1]) for r in lines if isinstance(r[0], int)] == [(3, "计入"), (4, "计入"), (5, "计入"), (6, "计入")]


def test_a_backup_sheet_keeping_a_row_taken_out_of_the_form_is_not_read(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review X3 d3: the clerk copied the filled sheet as 备份 (or Sheet2), then deleted a withdrawn row from the
    form's sheet: the form's sheet is read, the backup is not, and the row only on it is named (not counted)."""
    for spare in ("备份", "Sheet2", "信息报送登记表 - 副本"):
        for order in (1, -1):
            sheets = dict(list({"信息报送登记表": _sheet(3)[:4], spare: _sheet(3)}.items())[::order])
            uf = read_unit_workbook(write_xlsx(tmp_path / f"{spare}{order}.xlsx", sheets), units, month_hint="2015-03",
                                    settings=settings)  # fmt: skip
            assert sorted((s.name, s.read, s.why) for s in uf.sheets) == sorted([("信息报送登记表", True, ""), (
                spare, False, "是工作表“信息报送登记表”的备份，其中第 5 行《华容3月信息3》该表中没有，未计入："
                "如需计入请补到工作表“信息报送登记表”并重新报送")]), spare  # fmt: skip
            assert [(r.sheet, r.row) for r in uf.rows] == [("信息报送登记表", 3), ("信息报送登记表", 4)]
    uf = read_unit_workbook(write_xlsx(tmp_path / "same.xlsx", {"Sheet2": _sheet(3), "信息报送登记表": _sheet(3)}), units,
                            month_hint="2015-03", settings=settings)  # fmt: skip  # a true copy before the form
    assert [(s.name, s.read, s.why) for s in uf.sheets] == [
        ("Sheet2", False, "3 条信息与工作表“信息报送登记表”的完全相同，是它的副本，不重复计入"), ("信息报送登记表", True, "")]


def test_the_cli_names_the_row_only_on_the_backup_sheet(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, {"信息报送登记表": _sheet(3)[:4], "备份": _sheet(3)})
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    told = (f"{NAME}：工作表“备份”未读取（是工作表“信息报送登记表”的备份，其中第 5 行《华容3月信息3》该表中没有，未计入："
            "如需计入请补到工作表“信息报送登记表”并重新报送）")
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in result.output and f"! {told}\n" in result.output, result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    assert [(r[2], r[5], r[7]) for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[0]] == [
        ("备份", "F12 工作表未读取", told)]
    assert [r[3] for r in book["回执"].iter_rows(min_row=7, values_only=True) if isinstance(r[0], int)] == [
        "华容3月信息1", "华容3月信息2"]


def test_a_backup_sheet_beside_a_form_named_sheet1_is_the_copy(tmp_path: Path, units: UnitTable,
                                                               settings: Settings) -> None:  # fmt: skip
    """sweep X6 h3: the form on Sheet1 (2 rows), 备份 holding them and one more: 备份 is the copy, not Sheet1."""
    sheets = {"Sheet1": _sheet(3)[:4], "备份": _sheet(3)}
    uf = read_unit_workbook(write_xlsx(tmp_path / NAME, sheets), units, month_hint="2015-03", settings=settings)
    assert [(s.name, s.read, s.why) for s in uf.sheets] == [("Sheet1", True, ""), (
        "备份", False, "是工作表“Sheet1”的备份，其中第 5 行《华容3月信息3》该表中没有，未计入：如需计入请补到工作表“Sheet1”并重新报送")]
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, sheets)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in result.output and "工作表“备份”未读取（是工作表“Sheet1”的备份" in result.output


def test_sheet2_keeping_the_year_s_articles_is_read_as_a_cumulative_sheet(tmp_path: Path) -> None:
    """sweep X6 h2: the March form and Sheet2 with February's rows above the same March rows: a record of the year,
    no backup. Read as a cumulative sheet was: February's rows count in February by their dates (R6 when February's
    file counted them), the form is its copy. Without February's file they count in February, never lost."""
    february, march = _sheet(2)[2:4], _sheet(3)[2:4]
    for sent in (True, False):
        ws = make_workspace(tmp_path / f"ws{sent}")
        for folder in ("2015-02", "2015-03"):
            (ws.inbox / folder).mkdir(parents=True)
        if sent:
            write_xlsx(ws.inbox / "2015-02" / "华容县工信局2月信息.xlsx", {"信息报送登记表": [["华容县"], HEADER, *february]})
            assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)]).exit_code == 0
        write_xlsx(ws.inbox / "2015-03" / NAME, {"信息报送登记表": [["华容县"], HEADER, *march],
                                                "Sheet2": [["华容县"], HEADER, *february, *march]})  # fmt: skip
        result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
        assert f"{NAME}：工作表“信息报送登记表”未读取（2 条信息与工作表“Sheet2”的完全相同，是它的副本，不重复计入）" in result.output
        assert "如需计入" not in result.output
        with Ledger.open(ws.ledger_path) as ledger:
            assert sorted((a.title, a.month, a.counted) for a in ledger.file_articles(["2015-03"])) == [
                ("华容2月信息1", "2015-02", not sent), ("华容2月信息2", "2015-02", not sent),
                ("华容3月信息1", "2015-03", True), ("华容3月信息2", "2015-03", True)]  # fmt: skip


def _backup_then_edited() -> dict[str, list[list[object]]]:
    """review W3 #5: Excel's 建立副本 put Sheet1 (2) before Sheet1; then Sheet1 had a title corrected and a row added."""
    text = "华容县工业园区本月新签约项目三个，总投资12亿元，" * 12
    old = [article_row(title="华容3月信息1"), article_row(title="华容3月信息2", body=text), article_row(title="华容3月信息3")]
    new = [old[0], article_row(title="华容3月信息2（改正标题）", body=text), old[2], article_row(title="华容3月新增信息")]
    return {"Sheet1 (2)": [["华容县工信局政务信息报送登记表"], HEADER, *old], "Sheet1": [["华容县工信局政务信息报送登记表"], HEADER, *new]}


def test_an_excel_copy_of_a_sheet_since_edited_is_set_aside(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    for copy in ("Sheet1 (2)", "Sheet1(2)", "Sheet1 - 副本", "Sheet1的副本", "Sheet1（备份）"):
        sheets = _backup_then_edited()
        sheets = {copy: sheets["Sheet1 (2)"], "Sheet1": sheets["Sheet1"]}
        uf = read_unit_workbook(write_xlsx(tmp_path / f"{copy}.xlsx", sheets), units, month_hint="2015-03", settings=settings)
        assert [(s.name, s.read, s.why) for s in uf.sheets] == [
            (copy, False, "是工作表“Sheet1”的副本，不重复计入"), ("Sheet1", True, "")], copy
        assert [r.values["title"] for r in uf.rows] == ["华容3月信息1", "华容3月信息2（改正标题）", "华容3月信息3", "华容3月新增信息"]
    edited = [*_sheet(3)[:4], article_row(title="华容3月信息3（改）"), article_row(title="华容3月新增信息")]
    sheets = {"3月": _sheet(3), "3月 (2)": edited}
    uf = read_unit_workbook(write_xlsx(tmp_path / "fuller.xlsx", sheets), units, month_hint="2015-03", settings=settings)
    assert [(s.name, s.read, s.why) for s in uf.sheets] == [("3月", False, (  # the copy edited and fuller: the original is older
        "工作表“3月 (2)”是它的副本，已按“3月 (2)”读取，其中第 5 行《华容3月信息3》该表中没有，未计入："
        "如需计入请补到工作表“3月 (2)”并重新报送")), ("3月 (2)", True, "")]  # fmt: skip


def test_the_cli_reads_the_sheet_edited_after_its_excel_copy(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, _backup_then_edited())
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    told = f"{NAME}：工作表“Sheet1 (2)”未读取（是工作表“Sheet1”的副本，不重复计入）"
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in result.output and f"! {told}\n" in result.output, result.output
    assert "R6" not in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    assert [(r[2], r[5], r[7]) for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[0]] == [
        ("Sheet1 (2)", "F12 工作表未读取", told)]
    assert [r[3] for r in book["回执"].iter_rows(min_row=7, values_only=True) if isinstance(r[0], int)] == [
        "华容3月信息1", "华容3月信息2（改正标题）", "华容3月信息3", "华容3月新增信息"]


def _two_sheets_see_attachment() -> dict[str, list[list[object]]]:
    """review Z3 5: Sheet1 and Excel's Sheet1 (2) of different articles, every 正文 only 见附件 (字数 filled)."""
    top = [["华容县工信局政务信息报送登记表"], HEADER]
    return {"Sheet1": [*top, *(article_row(title=f"华容县工信局动态{k}", body="见附件", chars=800) for k in (1, 2, 3))],
            "Sheet1 (2)": [*top, *(article_row(title=f"华容县工业园动态{k}", body="见附件", chars=600) for k in (1, 2))]}


def test_sheets_alike_only_in_a_placeholder_text_are_both_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read_unit_workbook(write_xlsx(tmp_path / NAME, _two_sheets_see_attachment()), units, month_hint="2015-03",
                            settings=settings)  # fmt: skip
    assert [(s.name, s.read, s.why) for s in uf.sheets] == [("Sheet1", True, ""), ("Sheet1 (2)", True, "")]
    assert [r.values["title"] for r in uf.rows] == [*(f"华容县工信局动态{k}" for k in (1, 2, 3)), "华容县工业园动态1", "华容县工业园动态2"]
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, _two_sheets_see_attachment())
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    # none set aside; each row counts by its 字数 (review W9 1: 见附件 beside a typed 字数 is no 正文)
    assert "计入稿件 5 条（共 5 行，0 行有错误未计入）" in result.output and "副本" not in result.output, result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    assert [c.value for c in book["回执"][4]][3:] == ["本次报送 5 行：计入 5 条，未计入 0 条", 4, 5, 1.25, 0, 0]
