"""What a cell says beyond its value: merged ranges of an .ods (LibreOffice), formulas whose result is an error,
rows the correspondent hid or filtered out. Read through the library and consolidated through the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import HEADER, article_row, write_xlsx

from xlflow.checks.rows import check_file
from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.model import CellError
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
from xlflow.intake.workbook import open_book
from xlflow.settings import Settings
from xlflow.writers.receipt import FINDINGS_SHEET

FIXTURES = Path(__file__).parent / "fixtures"
LABELS = ["报送单位：", "岳阳县工信局", None, "报送月份：", "2015年3月"]


def test_the_merged_ranges_of_an_ods_are_read_sheet_by_sheet() -> None:
    """merged_cells.ods (LibreOffice): covered cells, repeated columns and two blank rows written as one repeated
    row all placed as LibreOffice shows them; the 填表说明 sheet's B4:B8 stays on that sheet."""
    book = open_book(FIXTURES / "merged_cells.ods")
    merged = {sheet.name: sorted(sheet.merged) for sheet in book.sheets}
    assert merged == {
        "填表说明": [(0, 0, 0, 2), (3, 1, 7, 1)],  # A1:C1, B4:B8
        "信息报送登记表": [(0, 0, 0, 13), (3, 1, 5, 1), (3, 7, 5, 7), (3, 8, 5, 8),  # A1:N1, B4:B6, H4:H6, I4:I6
                     (8, 1, 9, 1), (8, 7, 9, 7), (8, 8, 9, 8)],  # B9:B10, H9:H10, I9:I10
    }


def test_the_merge_of_an_ods_gnumeric_saved_is_read() -> None:
    """gnumeric.ods: the title A1:N1 (number-columns-spanned="14", covered cells), content.xml indented."""
    assert [sheet.merged for sheet in open_book(FIXTURES / "gnumeric.ods").sheets] == [[(0, 0, 0, 13)]]


# --- formulas whose result is an error ------------------------------------------------------------------------


def _errors_and_hidden_rows(path: Path) -> Path:
    """Four articles from row 3: 报送日期 #VALUE! in row 4, 字数 #DIV/0! and no 正文 in row 5, rows 4 and 6 hidden."""
    rows: list[list[object]] = [LABELS, HEADER, article_row(seq=1, title="甲一")]
    rows.append(article_row(seq=2, title="甲二", date=('=DATEVALUE("abc")', "#VALUE!")))
    rows.append(article_row(seq=3, title="甲三", body=None, chars=("=1/0", "#DIV/0!")))
    rows.append(article_row(seq=4, title="甲四"))
    return write_xlsx(path, rows, hidden_rows=(3, 5))


@pytest.mark.parametrize(("name", "date_error"), [("cell_shapes.xls", "#VALUE!"), ("cell_shapes.ods", "Err:502")])
def test_a_formula_error_is_read_as_the_text_the_program_shows(name: str, date_error: str) -> None:
    """B5 =DATEVALUE("abc"), F6 =1/0, D8 =NA() as LibreOffice saved them (Err:502 is its #VALUE! in an .ods)."""
    rows = open_book(FIXTURES / name).sheets[0].rows
    errors = {ref: rows[r][c] for ref, r, c in (("B5", 4, 1), ("F6", 5, 5), ("D8", 7, 3))}
    assert errors == {"B5": date_error, "F6": "#DIV/0!", "D8": "#N/A"}
    assert all(isinstance(v, CellError) for v in errors.values())
    assert rows[3][1] == dt.date(2015, 3, 2) and not isinstance(rows[3][2], CellError)  # a plain row stays plain


def test_an_xlsx_formula_error_is_read_as_its_text(tmp_path: Path) -> None:
    rows = open_book(_errors_and_hidden_rows(tmp_path / "岳阳县工信局_2015年03月.xlsx")).sheets[0].rows
    assert (rows[3][1], rows[4][5]) == ("#VALUE!", "#DIV/0!")
    assert isinstance(rows[3][1], CellError) and isinstance(rows[4][5], CellError)


@pytest.mark.parametrize("name", ["cell_shapes.xls", "cell_shapes.ods"])
def test_the_row_messages_name_the_error_not_an_empty_cell(name: str, units: UnitTable, settings: Settings) -> None:
    unit_file = read_unit_workbook(FIXTURES / name, units, month_hint="2015-03", settings=settings)
    said = {(f.row, f.code): f.message for a in check_file(unit_file, settings=settings) for f in a.findings}
    shown = "Err:502" if name.endswith(".ods") else "#VALUE!"
    assert shown in said[(5, "R5")] and "没有填写" not in said[(5, "R5")]
    assert "#DIV/0!" in said[(6, "R1")] and "没有正文" not in said[(6, "R1")]
    assert "#N/A" in said[(8, "R4")] and "没有填写" not in said[(8, "R4")]


def test_the_cli_names_the_error_value_in_the_summary_and_the_receipt(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _errors_and_hidden_rows(ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 2 条（共 4 行，2 行有错误未计入）" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", Period.parse("2015-03")))
    rows = book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True)
    said = {r[3]: (r[5], r[7]) for r in rows if str(r[5]).startswith("R")}  # the row rules' findings
    assert sorted(said) == ["B4", "F5"]
    assert said["B4"][0] == "R5 日期无效" and "#VALUE!" in said["B4"][1] and "没有填写" not in said["B4"][1]
    assert said["F5"][0] == "R1 字数不足" and "#DIV/0!" in said["F5"][1] and "没有正文" not in said["F5"][1]


# --- rows hidden or filtered out --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cell_shapes.xls", "cell_shapes.ods"])
def test_rows_hidden_by_a_filter_are_known(name: str) -> None:
    """Rows 7 and 9 hidden by LibreOffice's 自动筛选 (an .ods says filter, an .xls sets the row's fDyZero flag)."""
    [sheet] = open_book(FIXTURES / name).sheets
    assert sheet.hidden_rows == [6, 8]


def test_hidden_rows_of_an_xlsx_are_known(tmp_path: Path) -> None:
    book = open_book(_errors_and_hidden_rows(tmp_path / "岳阳县工信局_2015年03月.xlsx"))
    assert book.sheets[0].hidden_rows == [3, 5]  # Excel rows 4 and 6


def test_no_row_is_hidden_in_a_plain_workbook() -> None:
    assert [s.hidden_rows for s in open_book(FIXTURES / "merged_cells.ods").sheets] == [[], []]
    assert [s.hidden_rows for s in open_book(FIXTURES / "libreoffice.xlsx").sheets] == [[]]


# --- what the reading edge cannot say alone (see the fix-cells report): strict xfails until the rule lands ----


def test_a_title_or_signer_that_is_an_error_is_not_counted(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows: list[list[object]] = [LABELS, HEADER, article_row(title=("=VLOOKUP(1,Z1:Z2,2,0)", "#N/A"))]
    rows.append(article_row(seq=2, title="甲二", signer=("=NA()", "#N/A")))
    path = write_xlsx(tmp_path / "岳阳县工信局_2015年03月.xlsx", rows)
    unit_file = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
    said = [(a.counted, [(f.code, f.message) for f in a.findings]) for a in check_file(unit_file, settings=settings)]
    assert said == [
        (False, [("R9", "C3 的公式结果是错误值 #N/A：请改为直接填写信息标题后重新报送")]),
        (False, [("R3", "H4 的公式结果是错误值 #N/A：请改为直接填写审签人后重新报送")]),
    ]


def test_hidden_rows_are_counted_and_named_once_per_sheet(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = _errors_and_hidden_rows(tmp_path / "岳阳县工信局_2015年03月.xlsx")
    unit_file = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
    assert [r.row for r in unit_file.rows] == [3, 4, 5, 6]  # the unit's articles, hidden or not
    assert [f.message for f in unit_file.findings if "隐藏" in f.message] == [
        "岳阳县工信局_2015年03月.xlsx：工作表“信息报送登记表”的第 4、6 行是隐藏行（筛选或隐藏），已照常读取，"
        "请核对：如不应报送，请删除这些行后重新报送"
    ]


def _lookups_filled_down(path: Path) -> Path:
    """Two articles; the template's =VLOOKUP filled down 8 more rows shows #N/A in the 信息标题 (rows 5-8) or the
    审签人职务 (rows 9-12) of each unused row, beside its 序号."""
    rows: list[list[object]] = [LABELS, HEADER, article_row(seq=1, title="甲一"), article_row(seq=2, title="甲二")]
    rows += [[n, None, ("=VLOOKUP(A1,Z1:Z2,2,0)", "#N/A")] for n in range(3, 7)]
    rows += [[n, *[None] * 7, ("=VLOOKUP(H1,Z1:Z2,2,0)", "#N/A")] for n in range(7, 11)]
    return write_xlsx(path, rows)


def test_an_unused_template_row_showing_an_error_is_blank(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = _lookups_filled_down(tmp_path / "岳阳县工信局_2015年03月.xlsx")
    unit_file = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
    assert [(r.row, r.values["title"]) for r in unit_file.rows] == [(3, "甲一"), (4, "甲二")]
    assert unit_file.findings == []


def test_the_cli_counts_two_articles_above_rows_of_errors(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _lookups_filled_down(ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in result.output
    assert "问题：无" in result.output and "有内容但不是一条完整的信息" not in result.output
