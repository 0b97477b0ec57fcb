"""The fillable workbooks: quota table, register form, monthly report, adoption register, reward schedule.

Every workbook is written, reopened with openpyxl, and checked cell by cell: sheets, headers, drop-downs,
protection, defined names, print setup. The committed templates/ must equal what `xlflow templates` writes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.helpers_roster import libreoffice_resave, make_workspace
from tests.helpers_setup import (
    column_width,
    fit_to,
    list_items,
    load,
    named_cell,
    named_range,
    row_values,
    small_table,
    validation_at,
    zip_parts,
)
from xlflow.checks.rows import check_file
from xlflow.cli import cli
from xlflow.commands.templates import write_templates
from xlflow.core.errors import ConfigError, WorkspaceError
from xlflow.core.periods import Period
from xlflow.core.schema import (
    ADOPTION_COLUMNS,
    ADOPTION_FORMS,
    ADOPTION_LEVEL_HINTS,
    ADOPTION_LEVELS,
    ADOPTION_SHEET,
    CATEGORIES,
    CHANNELS,
    DEFAULT_UNITS,
    EDUCATION_LEVELS,
    GENDERS,
    INSTRUCTION_LEVELS,
    KIND_BUSINESS,
    KIND_COORDINATOR,
    KIND_COUNTY,
    KIND_GENERAL,
    QUOTA_HEADERS,
    QUOTA_SHEET,
    REGISTER_FIELDS,
    REGISTER_TITLE,
    REPORT_COLUMNS,
    REPORT_HELP_SHEET,
    REPORT_SHEET,
    REWARD_POLICY_CUMULATIVE,
    REWARD_POLICY_HIGHEST,
    REWARD_SHEET,
    SIGNER_ROLE,
    UNIT_KINDS,
    URGENCY,
    UnitRow,
)
from xlflow.core.text import count_chars, safe_text
from xlflow.core.units import UnitTable
from xlflow.intake.quota_table import read_quota_workbook
from xlflow.intake.returns import read_unit_workbook
from xlflow.settings import Settings
from xlflow.workspace import Workspace
from xlflow.writers.coordinator_books import write_adoption_register, write_reward_schedule
from xlflow.writers.quota import ATTACHMENT_SHEET, write_quota_workbook
from xlflow.writers.register_form import register_slots, write_register_form
from xlflow.writers.report import NAME_MONTH, NAME_REPORTER, NAME_UNIT, chars_formula, write_report_workbook

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = ("quota_template.xlsx", "register_template.xlsx", "report_template.xlsx")
REFRESH = "xlflow templates --out templates"


# --- the committed templates ----------------------------------------------------------------------


def test_templates_command_writes_the_committed_templates(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["templates", "--out", str(tmp_path / "模板")])
    assert result.exit_code == 0, result.output
    for name in TEMPLATES:
        assert name in result.output
        fresh = (tmp_path / "模板" / name).read_bytes()
        committed = REPO / "templates" / name
        assert committed.is_file(), f"templates/{name} is missing: run `{REFRESH}` and commit it"
        if fresh == committed.read_bytes():
            continue
        # another zlib may compress the same parts differently: then every part must still be identical
        changed = [part for part, data in zip_parts(fresh).items() if zip_parts(committed.read_bytes()).get(part) != data]
        changed += sorted(set(zip_parts(committed.read_bytes())) - set(zip_parts(fresh)))
        assert not changed, f"templates/{name} differs from what the code writes ({', '.join(changed)}): run `{REFRESH}` and commit it"


def test_same_input_same_bytes(tmp_path: Path) -> None:
    for n in (1, 2):
        write_report_workbook(tmp_path / f"{n}.xlsx", unit=None, month=Period.parse("2015-03"), settings=None)
    assert (tmp_path / "1.xlsx").read_bytes() == (tmp_path / "2.xlsx").read_bytes()


# --- 信息任务分配表 ----------------------------------------------------------------------------------


@pytest.fixture
def quota_book(tmp_path: Path) -> Path:
    path = tmp_path / "quota.xlsx"
    write_quota_workbook(path, DEFAULT_UNITS)
    return path


def test_quota_table_holds_the_units_of_the_notice(quota_book: Path) -> None:
    units = read_quota_workbook(quota_book)
    assert len(units) == 34
    by_kind = {kind: [u for u in units if u.kind == kind] for kind in UNIT_KINDS}
    assert len(by_kind[KIND_COUNTY]) == 12
    assert all((u.monthly, u.annual, u.target) == (4, 48, "市经信委") for u in by_kind[KIND_COUNTY])
    assert all(u.name.endswith("工信局") for u in by_kind[KIND_COUNTY])
    assert len(by_kind[KIND_GENERAL]) == 9
    assert all((u.monthly, u.annual) == (None, 4) for u in by_kind[KIND_GENERAL])
    business = {u.name: (u.monthly, u.annual) for u in by_kind[KIND_BUSINESS]}
    assert len(business) == 12
    assert [n for n, q in business.items() if q == (1, 12)] == ["轻工业科", "企业改革科", "纪检监察室"]
    assert all(q == (4, 48) for n, q in business.items() if n not in ("轻工业科", "企业改革科", "纪检监察室"))
    (coordinator,) = by_kind[KIND_COORDINATOR]
    assert (coordinator.name, coordinator.monthly, coordinator.annual) == ("综合法规科", 5, 60)
    miluo = units.by_name("汨罗市工信局")
    assert "汩罗市工信局" in miluo.aliases
    assert units.resolve("汩罗市工信局") is miluo
    assert units.resolve(" 汩罗市 ") is miluo
    assert [u.name for u in units] == [u.name for u in DEFAULT_UNITS]


def test_quota_table_cells_and_checks(quota_book: Path) -> None:
    book = load(quota_book)
    assert book.sheetnames == [QUOTA_SHEET, ATTACHMENT_SHEET]
    assert book.active.title == QUOTA_SHEET  # the coordinator opens the table they edit
    ws = book[QUOTA_SHEET]
    assert ws["A1"].value == "信息任务分配表"
    assert row_values(ws, 3) == list(QUOTA_HEADERS)
    rows = {ws.cell(r, 2).value: r for r in range(4, 4 + 34)}
    office = rows["办公室"]
    assert ws.cell(office, 5).value == "-" and ws.cell(office, 6).value == 4
    miluo = rows["汨罗市工信局"]
    assert ws.cell(miluo, 5).value == 4 and isinstance(ws.cell(miluo, 5).value, int)
    assert ws.cell(miluo, 7).value == "汨罗市；汩罗市工信局；汩罗市"
    assert ws.cell(rows["综合法规科"], 8).value == "向上级报送"

    assert list_items(validation_at(ws, "C4")) == list(UNIT_KINDS)
    assert validation_at(ws, "C120").type == "list"  # rows below for units a city adds
    monthly = validation_at(ws, "E4")
    assert monthly.type == "custom"
    assert monthly.formula1 == 'OR(E4="-",AND(ISNUMBER(E4),E4=INT(E4),E4>=0))'
    assert monthly.prompt == "填整数（条/月）；按季度考核的单位（只有全年任务）填 -"  # as the table's 说明 says
    annual = validation_at(ws, "F4")
    assert (annual.type, annual.operator, annual.formula1) == ("whole", "greaterThanOrEqual", "0")

    (flag,) = list(ws.conditional_formatting)
    assert str(flag.sqref).startswith("E4:F")
    assert [rule.formula for rule in flag.rules] == [["AND(ISNUMBER($E4),$F4<>12*$E4)"]]

    assert ws.freeze_panes == "A4"
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == "landscape"
    assert fit_to(ws) == (1, 0)
    assert ws.print_title_rows == "$3:$3"


def test_quota_table_of_another_city_round_trips(tmp_path: Path) -> None:
    rows = small_table("甲区工信局", "=乙科", "丙 科")
    path = tmp_path / "q.xlsx"
    write_quota_workbook(path, rows)
    units = read_quota_workbook(path)
    assert [(u.name, u.monthly, u.annual) for u in units] == [("甲区工信局", 2, 24), ("=乙科", 2, 24), ("丙科", 2, 24)]  # a space typed in is none
    assert load(path)[QUOTA_SHEET]["B5"].data_type == "s"  # a name starting with = stays text


# --- 附件一 as the notice prints it -------------------------------------------------------------------

# The notice's 附件一, block by block, as printed (汨罗 spelled correctly; "-" where it has no monthly quota).
NOTICE_LEFT_BLOCK = [
    ("办公室", "-", 4), ("综合法规科", 5, 60), ("经济运行科", 4, 48), ("投资规划科", 4, 48), ("中小企业科", 4, 48),
    ("资源电力科", 4, 48), ("加速推进新型工业化科", 4, 48), ("成品油及工业物流管理科", 4, 48), ("轻工业科", 1, 12),
    ("信息化推进科", 4, 48), ("企业改革科", 1, 12), ("离退休人员管理服务科", "-", 4), ("人事科", "-", 4),
    ("财务科", "-", 4), ("机关党委", "-", 4), ("纪检监察室", 1, 12), ("工业公会", "-", 4), ("中小企业服务中心", 4, 48),
    ("能源利用监测站", "-", 4),
]
NOTICE_RIGHT_BLOCK = [
    ("机关后勤服务中心", "-", 4), ("联手帮扶办", 4, 48), ("退二进三办", "-", 4), ("岳阳县工信局", 4, 48),
    ("平江县工信局", 4, 48), ("湘阴县工信局", 4, 48), ("华容县工信局", 4, 48), ("汨罗市工信局", 4, 48),
    ("临湘市工信局", 4, 48), ("岳阳楼区工信局", 4, 48), ("君山区工信局", 4, 48), ("屈原区工信局", 4, 48),
    ("云溪区工信局", 4, 48), ("经开区工信局", 4, 48), ("南湖风景区工信局", 4, 48),
]


def attachment_block(ws: object, first_col: int) -> list[tuple[object, object, object]]:
    """(name, 每月, 全年) of one block of the 附件一 sheet, from row 5 down to its last filled row."""
    rows = []
    for r in range(5, ws.max_row + 1):  # type: ignore[attr-defined]
        values = tuple(ws.cell(r, first_col + i).value for i in range(3))  # type: ignore[attr-defined]
        if values[0] is None:
            break
        rows.append(values)
    return rows


def test_attachment_sheet_prints_the_notices_table(quota_book: Path) -> None:
    ws = load(quota_book)[ATTACHMENT_SHEET]
    assert ws["A1"].value == "附件一："
    assert ws["A2"].value == "信息任务分配表"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:F2", "A3:A4", "B3:C3", "D3:D4", "E3:F3"} <= merged
    assert [ws.cell(3, c).value for c in (1, 2, 4, 5)] == ["科室（单位）", "任务（条）", "科室（单位）", "任务（条）"]
    assert [ws.cell(4, c).value for c in (2, 3, 5, 6)] == ["每月", "全年", "每月", "全年"]

    assert attachment_block(ws, 1) == NOTICE_LEFT_BLOCK
    assert attachment_block(ws, 4) == NOTICE_RIGHT_BLOCK
    assert isinstance(ws["C5"].value, int) and ws["B5"].data_type == "s"  # numbers are numbers, "-" is text
    # the right block's empty rows still have their grid lines, as printed
    for ref in ("D20", "F23"):
        assert ws[ref].value is None and ws[ref].border.left.style == "thin" and ws[ref].border.bottom.style == "thin"
    assert ws["A24"].value is None

    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == "portrait"
    assert fit_to(ws) == (1, 1)
    assert ws.print_area == "'附件一'!$A$1:$F$23"
    assert ws.print_options.horizontalCentered is True
    assert "xlflow templates" in ws["A25"].value and "不会自动更新" in ws["A25"].value  # the note, not printed
    assert ws["A6"].font.name == "仿宋" and ws["A1"].font.name == "黑体" and ws["A2"].font.name == "宋体"
    assert column_width(ws, 1) >= 24  # 成品油及工业物流管理科 fits


def test_attachment_of_another_city_lists_its_units_in_table_order(tmp_path: Path) -> None:
    extra = small_table("甲区工信局", "=乙科")
    path = tmp_path / "q.xlsx"
    write_quota_workbook(path, [*extra, *DEFAULT_UNITS])
    ws = load(path)[ATTACHMENT_SHEET]
    assert attachment_block(ws, 1) == NOTICE_LEFT_BLOCK
    assert attachment_block(ws, 4) == [*NOTICE_RIGHT_BLOCK, ("甲区工信局", 2, 24), ("=乙科", 2, 24)]
    assert ws["D21"].data_type == "s"

    only = tmp_path / "other.xlsx"
    write_quota_workbook(only, small_table("甲区工信局", "乙科", "丙科"))
    ws = load(only)[ATTACHMENT_SHEET]
    assert attachment_block(ws, 1) == [("甲区工信局", 2, 24), ("乙科", 2, 24)]
    assert attachment_block(ws, 4) == [("丙科", 2, 24)]
    assert ws.print_area == "'附件一'!$A$1:$F$6"


def test_attachment_places_the_notices_spelling_by_its_alias(tmp_path: Path) -> None:
    """A city that kept the notice's 汩罗市工信局 as the name still gets it in the notice's place."""
    rows = [UnitRow("汩罗市工信局", KIND_COUNTY, "市经信委", 4, 48, ("汨罗市工信局",)), *small_table("甲科"),
            *small_table("岳阳县工信局")]
    path = tmp_path / "q.xlsx"
    write_quota_workbook(path, rows)
    ws = load(path)[ATTACHMENT_SHEET]
    assert attachment_block(ws, 1) == [("岳阳县工信局", 2, 24), ("汩罗市工信局", 4, 48)]
    assert attachment_block(ws, 4) == [("甲科", 2, 24)]


def test_quota_table_is_read_whichever_sheet_comes_first(quota_book: Path) -> None:
    """A coordinator who moves 附件一 to the front (and saves with it open) still has the table read."""
    book = load(quota_book)
    book.move_sheet(ATTACHMENT_SHEET, offset=-1)
    book.active = 0
    book.save(quota_book)
    assert load(quota_book).sheetnames == [ATTACHMENT_SHEET, QUOTA_SHEET]
    units = read_quota_workbook(quota_book)
    assert [(u.name, u.monthly, u.annual) for u in units][:2] == [("岳阳县工信局", 4, 48), ("平江县工信局", 4, 48)]
    assert [u.name for u in units] == [u.name for u in DEFAULT_UNITS]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_attachment_renders_on_one_portrait_a4_page(tmp_path: Path, quota_book: Path) -> None:
    book = load(quota_book)
    del book[QUOTA_SHEET]  # print the attachment alone
    alone = tmp_path / "附件一.xlsx"
    book.save(alone)
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").resolve()
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(alone)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = (out / "附件一.pdf").read_bytes()
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    boxes = {tuple(round(float(x)) for x in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)}
    assert len(pages) == 1
    assert (0, 0, 595, 842) in boxes  # A4 portrait


# --- 附件二 通讯员登记表 ------------------------------------------------------------------------------


@pytest.fixture
def register_book(tmp_path: Path) -> Path:
    path = tmp_path / "register.xlsx"
    write_register_form(path, unit="岳阳县工信局", year=2015)
    return path


def test_register_form_names_every_input_cell(register_book: Path) -> None:
    book = load(register_book)
    assert book.sheetnames == ["通讯员登记表"]
    ws = book.active
    assert (ws["A1"].value, ws["A2"].value) == ("附件二：", REGISTER_TITLE)  # captioned as the notice prints it
    inputs = set()
    for field in REGISTER_FIELDS:
        sheet, ref = named_cell(book, field.defined_name)
        assert sheet == ws.title
        assert ws[ref].protection.locked is False, field.key
        inputs.add(ref)
    assert len(inputs) == len(REGISTER_FIELDS)
    assert ws[named_cell(book, "reg_unit")[1]].value == "岳阳县工信局"
    # everything else is locked, and the sheet is protected without a password
    for row in ws.iter_rows(min_row=1, max_row=13, max_col=6):
        for cell in row:
            if cell.coordinate not in inputs and type(cell).__name__ == "Cell":
                assert cell.protection.locked is not False, cell.coordinate
    assert ws.protection.sheet is True
    assert not ws.protection.password


def test_register_form_looks_like_the_paper_form(register_book: Path) -> None:
    ws = load(register_book).active
    labels = {str(c.value).replace("\n", "").replace("\u3000", "") for row in ws.iter_rows() for c in row if c.value}
    for field in REGISTER_FIELDS:
        if field.key != "sign_date":
            assert field.label in labels, field.label
    assert "(盖章)" in labels  # the notice's signature block: (盖章), then the date line
    assert ws[named_cell(load(register_book), "reg_sign_date")[1]].value == "2015年\u3000月\u3000日"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:F2", "B3:F3", "B6:F6", "B8:F8", "B9:F9", "B10:F10", "E13:F13"} <= merged
    slots = register_slots()
    assert ws.row_dimensions[slots["resume"].row + 1].height > 200  # room for the 工作简历
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == "portrait"
    assert fit_to(ws) == (1, 1)
    assert ws.print_area == "'通讯员登记表'!$A$1:$F$13"


def test_register_form_checks_input(register_book: Path) -> None:
    book = load(register_book)
    ws = book.active
    cell = {f.key: named_cell(book, f.defined_name)[1] for f in REGISTER_FIELDS}
    assert list_items(validation_at(ws, cell["gender"])) == list(GENDERS)
    assert list_items(validation_at(ws, cell["education"])) == list(EDUCATION_LEVELS)
    assert validation_at(ws, cell["birth"]).type == "date"
    assert validation_at(ws, cell["sign_date"]).type == "date"
    for key in ("phone", "fax", "mobile"):
        assert ws[cell[key]].number_format == "@", key  # leading zeros survive
    mobile = validation_at(ws, cell["mobile"])  # the check wants a mobile number: the prompt shows one
    assert (mobile.promptTitle, mobile.prompt) == ("移动电话（必填）", "通讯员本人的 11 位手机号码，如 13807305678（固定电话填在“固定电话”格）")
    assert "0730-8715396" in validation_at(ws, cell["phone"]).prompt
    assert "yyyy" in ws[cell["birth"]].number_format


def test_filled_register_form_is_read_by_the_roster_reader(tmp_path: Path, register_book: Path, units: UnitTable) -> None:
    from xlflow.intake.register_form import read_register_file

    book = load(register_book)
    values = {"name": "张三", "gender": "男", "mobile": "13807300001", "phone": "0730-8715396"}
    for field in REGISTER_FIELDS:
        if field.key in values:
            sheet, ref = named_cell(book, field.defined_name)
            book[sheet][ref] = values[field.key]
    filled = tmp_path / "岳阳县工信局_登记表.xlsx"
    book.save(filled)
    people, _findings = read_register_file(filled, units, Settings(year=2015, register_deadline=dt.date(2015, 2, 27)))
    assert [(p.unit, p.name) for p in people] == [("岳阳县工信局", "张三")]
    assert people[0].values["phone"].startswith("0730")
    assert people[0].values["sign_date"] == ""  # the date line 2015年　月　日 left as printed: no date


# --- 信息报送登记表 ----------------------------------------------------------------------------------


@pytest.fixture
def report_book(tmp_path: Path, units: UnitTable, settings: Settings) -> Path:
    path = tmp_path / "report.xlsx"
    unit = units.by_name("岳阳县工信局")
    write_report_workbook(path, unit=unit, month=Period.parse("2015-03"), correspondent="张三", settings=settings)
    return path


def test_report_workbook_layout(report_book: Path) -> None:
    book = load(report_book)
    assert book.sheetnames == [REPORT_SHEET, REPORT_HELP_SHEET]
    assert book.active.title == REPORT_SHEET
    ws = book[REPORT_SHEET]
    assert ws["A1"].value == "岳阳市经信委政务信息报送登记表"
    assert (ws["A2"].value, ws["C2"].value) == ("报送单位：", "岳阳县工信局")
    assert (ws["D2"].value, ws["E2"].value) == ("报送月份：", "2015年3月")
    assert named_cell(book, NAME_UNIT) == (REPORT_SHEET, "C2")
    assert named_cell(book, NAME_MONTH) == (REPORT_SHEET, "E2")
    assert ws[named_cell(book, NAME_REPORTER)[1]].value == "张三"
    assert row_values(ws, 3) == [c.name for c in REPORT_COLUMNS]
    for i, column in enumerate(REPORT_COLUMNS, start=1):
        assert column_width(ws, i) == pytest.approx(column.width, abs=1), column.name
    assert ws.freeze_panes == "D4"


def test_report_workbook_input_rows(report_book: Path) -> None:
    ws = load(report_book)[REPORT_SHEET]
    col = {c.key: ws.cell(3, i).column_letter for i, c in enumerate(REPORT_COLUMNS, start=1)}
    for r in (4, 43):
        for c in range(1, len(REPORT_COLUMNS) + 1):
            assert ws.cell(r, c).protection.locked is False, ws.cell(r, c).coordinate
    assert ws.cell(44, 1).protection.locked is not False
    assert ws["A1"].protection.locked is not False
    assert ws["C2"].protection.locked is not False  # prefilled unit cannot be changed by mistake
    assert ws[f"{col['chars']}4"].value == chars_formula(f"${col['body']}4")
    assert ws[f"{col['reporter']}10"].value == f'=IF(OR(${col["title"]}10="",$H$2=""),"",$H$2)'
    assert ws[f"{col['seq']}5"].value == f'=IF(${col["title"]}5="","",COUNTA(${col["title"]}$4:${col["title"]}5))'
    for key in ("date", "title", "category", "body", "signer", "note"):
        assert ws[f"{col[key]}4"].value is None, key


def test_report_workbook_validations(report_book: Path) -> None:
    ws = load(report_book)[REPORT_SHEET]
    col = {c.key: ws.cell(3, i).column_letter for i, c in enumerate(REPORT_COLUMNS, start=1)}
    assert list_items(validation_at(ws, f"{col['category']}4")) == [c.name for c in CATEGORIES]
    assert list_items(validation_at(ws, f"{col['analysis']}43")) == ["是", "否"]
    assert list_items(validation_at(ws, f"{col['channel']}4")) == list(CHANNELS)
    assert list_items(validation_at(ws, f"{col['urgency']}4")) == list(URGENCY)
    assert validation_at(ws, f"{col['date']}4").type == "date"
    assert validation_at(ws, f"{col['event_time']}20").type == "date"
    for key in ("date", "event_time"):  # 2015.3.5 as text is read by xlflow: Excel warns, does not refuse it
        assert validation_at(ws, f"{col[key]}4").errorStyle == "warning", key
    assert validation_at(ws, f"{col['chars']}4").type == "whole"
    assert "200" in validation_at(ws, f"{col['body']}4").prompt


def test_report_workbook_protection_and_print(report_book: Path) -> None:
    ws = load(report_book)[REPORT_SHEET]
    p = ws.protection
    assert p.sheet is True and not p.password
    assert (p.insertRows, p.deleteRows, p.formatColumns, p.autoFilter) == (False, False, False, False)
    assert p.formatCells is True and p.insertColumns is True  # still protected
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == "landscape"
    assert fit_to(ws) == (1, 0)
    assert ws.print_title_rows == "$1:$3"
    help_ws = load(report_book)[REPORT_HELP_SHEET]
    assert help_ws.page_setup.paperSize == 9


def test_report_help_sheet_states_the_rules(report_book: Path) -> None:
    ws = load(report_book)[REPORT_HELP_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "不少于 200 字" in text
    assert "情况分析" in text
    assert "“报送单位”“报送月份”两格请勿改动" in text  # prefilled for this unit and month
    assert "“经济运行”类的信息都按指标类信息检查，没有选“是”的不计入" in text  # what R2 enforces
    assert "工业税收，规模工业总产值、主营业务收入和利润等指标类信息（数字写成汉字的也算，如“增长百分之七点九”" in text
    assert "补充报送的（如先报了紧急信息，月底再报其他信息）在文件名中写“补报”" in text
    assert ("改正后重报的在文件名中写“更正”，更正的文件替换本月先报的登记表，所以要列出本月全部信息（已计入的也要）；"
            "先报的紧急信息和写“补报”的文件不被替换，其中要撤回的信息请告知协调人。") in text  # review W5-1: as choose_files does
    # two plain batches: the later replaces the earlier (README), the form must not promise both count
    assert "都没写的，以后报的文件为准，先报的文件不再计入（先报的紧急信息除外）" in text
    assert "一并计入。" not in text.split("都没写的")[1]
    # R8 is a hint: the form does not say the correspondent's own signature is refused
    assert f"由{SIGNER_ROLE[KIND_COUNTY]}审签。“审签人”应为审签领导，填其姓名，“审签人职务”填其职务；不宜由通讯员本人或科员等工作人员审签（回执中会提示）。" in text
    assert "不能是通讯员本人" not in text
    assert "第一时间" in text and "小时内报送）；类别为“突发事件”的同样按此检查（续报、处置情况等除外）。" in text  # R7, 紧急 or not
    assert all(c.name in text for c in CATEGORIES)
    assert "每月 4 条" in text
    assert "8715396" in text


def test_report_template_is_blank_and_open(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_report_workbook(path, unit=None, month=None, settings=None)
    book = load(path)
    ws = book[REPORT_SHEET]
    assert ws["C2"].value is None and ws["E2"].value is None
    assert ws["C2"].protection.locked is False and ws["E2"].protection.locked is False
    text = "\n".join(str(c.value) for row in book[REPORT_HELP_SHEET].iter_rows() for c in row if c.value)
    assert all(SIGNER_ROLE[kind] in text for kind in UNIT_KINDS)
    assert "“审签人”应为审签领导，填其姓名，“审签人职务”填其职务；不宜由通讯员本人或科员等工作人员审签（回执中会提示）。" in text and "不能是通讯员本人" not in text
    assert "请在“报送单位”“报送月份”两格填写本单位名称和报送月份" in text and "两格请勿改动" not in text


def test_distributed_forms_name_the_unit_and_its_kind_once(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    result = CliRunner().invoke(cli, ["-w", str(root), "distribute", "--month", "2015-03"])
    assert result.exit_code == 0, result.output
    folder = root / "out" / "下发" / "2015年03月"
    said = {unit: load(folder / f"{unit}_2015年03月_信息报送登记表.xlsx")[REPORT_HELP_SHEET]["B3"].value
            for unit in ("综合法规科", "岳阳县工信局")}  # fmt: skip
    assert said == {"综合法规科": "综合法规科，报送对象：省经信委和市委、市政府有关部门。",  # its kind is its name
                    "岳阳县工信局": "岳阳县工信局（县市区工信局），报送对象：市经信委。"}  # fmt: skip


def test_report_for_a_quarterly_unit_states_its_quarter_quota(tmp_path: Path, units: UnitTable) -> None:
    path = tmp_path / "r.xlsx"
    write_report_workbook(path, unit=units.by_name("办公室"), month=Period.parse("2015-05"), settings=None)
    ws = load(path)[REPORT_HELP_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "每季度 1 条" in text and "分管领导" in text


def removed_by(formula: str) -> set[str]:
    """The characters a 字数 formula's SUBSTITUTE(…,"x","") and SUBSTITUTE(…,CHAR(n),"") calls remove."""
    return set(re.findall(r',"(.)",""\)', formula, re.DOTALL)) | {chr(int(n)) for n in re.findall(r',CHAR\((\d+)\),""\)', formula)}


def test_chars_formula_removes_exactly_what_count_chars_does_not_count() -> None:
    formula = chars_formula("$E4")
    assert formula.startswith('=IF($E4="","",LEN(')
    in_a_cell = (chr(i) for i in range(0x10000) if safe_text(chr(i)))  # not a control character
    not_counted = {ch for ch in in_a_cell if count_chars(f"字{ch}字") == 2}
    assert removed_by(formula) == not_counted
    # what pasting from Word and government web pages brings: &ensp; &emsp; &thinsp;, zero-width space, BOM
    assert {" ", "\t", "\n", "\r", "\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", "\u200b", "\ufeff"} <= not_counted
    assert "\u200c" not in not_counted and "字" not in not_counted


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_forms_chars_in_libreoffice_are_what_the_reader_counts(tmp_path: Path) -> None:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "distribute", "--month", "2015-03"])
    assert result.exit_code == 0, result.output
    form = ws.root / "out" / "下发" / "2015年03月" / "岳阳县工信局_2015年03月_信息报送登记表.xlsx"
    text = "我县工业经济运行平稳向好各项指标稳步增长" * 10  # 200 characters
    bodies = {  # 正文 -> 字数, counted by hand
        text[:199] + "\u2003": 199,  # the &emsp; indent of a government web page
        "\u2002\u2002" + text[:199]: 199,
        text[:100] + "\u2009" + text[100:]: 200,
        text[:199] + "\u200b": 199,  # zero-width space
        "\ufeff" + text: 200,
        "\u3000\u3000" + text + "\u00a0": 200,
        text[:100] + "\r\n" + text[100:]: 200,
    }
    col = {c.key: i for i, c in enumerate(REPORT_COLUMNS, start=1)}
    book = load(form)
    sheet = book[REPORT_SHEET]
    for r, body in enumerate(bodies, start=4):
        row = {"date": dt.datetime(2015, 3, r), "title": f"字数测试{r}", "category": "工作动态", "body": body, "signer": "李明"}
        for key, value in row.items():
            sheet.cell(r, col[key], value)
    book.save(form)
    recalculated = libreoffice_resave(form, tmp_path / "lo")
    assert recalculated is not None
    shown = [r[0] for r in openpyxl.load_workbook(recalculated, data_only=True)[REPORT_SHEET].iter_rows(
        min_row=4, max_row=3 + len(bodies), min_col=col["chars"], max_col=col["chars"], values_only=True)]
    assert shown == list(bodies.values())
    unit_file = read_unit_workbook(recalculated, ws.units(), month_hint="2015-03", settings=ws.settings)
    read = [(a.chars, "R1" in {f.code for f in a.findings}) for a in check_file(unit_file, settings=ws.settings)]
    assert read == [(n, n < 200) for n in bodies.values()]


def test_unit_text_never_becomes_a_formula(tmp_path: Path, units: UnitTable) -> None:
    path = tmp_path / "r.xlsx"
    write_report_workbook(path, unit=units.by_name("人事科"), month=Period.parse("2015-03"), correspondent="=HYPERLINK(1)", settings=None)
    ws = load(path)[REPORT_SHEET]
    assert ws["H2"].value == "=HYPERLINK(1)" and ws["H2"].data_type == "s"


# --- 采用登记表 and 奖励标准 -------------------------------------------------------------------------


def test_adoption_register(tmp_path: Path, units: UnitTable) -> None:
    path = tmp_path / "采用登记表.xlsx"
    write_adoption_register(path, units)
    book = load(path)
    assert book.sheetnames[0] == ADOPTION_SHEET and book.active.title == ADOPTION_SHEET
    ws = book[ADOPTION_SHEET]
    assert row_values(ws, 3) == [c.name for c in ADOPTION_COLUMNS]
    assert all(hint in ws["A2"].value for hint in ADOPTION_LEVEL_HINTS.values())
    col = {c.key: ws.cell(3, i).column_letter for i, c in enumerate(ADOPTION_COLUMNS, start=1)}
    lists = {"unit": "list_units", "level": "list_levels", "form": "list_forms", "instruction": "list_instructions"}
    for key, name in lists.items():
        dv = validation_at(ws, f"{col[key]}4")
        assert (dv.type, dv.formula1) == ("list", name)
    assert named_range(book, "list_units") == [u.name for u in units]
    assert named_range(book, "list_levels") == list(ADOPTION_LEVELS)
    assert named_range(book, "list_forms") == list(ADOPTION_FORMS)
    assert named_range(book, "list_instructions") == list(INSTRUCTION_LEVELS)
    hidden = book[named_cell_sheet(book, "list_units")]
    assert hidden.sheet_state == "hidden"
    assert validation_at(ws, f"{col['date']}4").type == "date"
    assert validation_at(ws, f"{col['unit']}4").errorStyle == "warning"
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.paperSize == 9 and ws.print_title_rows == "$3:$3"
    levels = book["填写说明"]
    assert [levels.cell(r, 1).value for r in range(4, 9)] == list(ADOPTION_LEVELS)


def named_cell_sheet(book: object, name: str) -> str:
    (sheet, _ref), = book.defined_names[name].destinations  # type: ignore[attr-defined]
    return sheet


def test_adoption_register_is_read_back(tmp_path: Path, units: UnitTable) -> None:
    from xlflow.intake.books import read_adoption_register

    path = tmp_path / "采用登记表.xlsx"
    write_adoption_register(path, units)
    assert read_adoption_register(path, units) == []
    book = load(path)
    book[ADOPTION_SHEET].append(["汩罗市", "汨罗市一季度工业经济运行情况", "湖南信息", "省级", dt.datetime(2015, 4, 2), "部分采用", "无"])
    book.save(path)
    (adoption,) = read_adoption_register(path, units)
    assert (adoption.row, adoption.unit_name, adoption.level, adoption.form) == (4, "汨罗市工信局", "省级", "部分采用")
    assert adoption.date == dt.date(2015, 4, 2) and adoption.problem == ""


@pytest.mark.parametrize("policy", [REWARD_POLICY_HIGHEST, REWARD_POLICY_CUMULATIVE])
def test_reward_schedule_layout(tmp_path: Path, policy: str) -> None:
    path = tmp_path / "奖励标准.xlsx"
    write_reward_schedule(path, policy)
    book = load(path)
    assert book.sheetnames == [REWARD_SHEET]
    ws = book[REWARD_SHEET]
    assert ws["A1"].value.startswith("信息采用奖励标准（示例金额")
    assert row_values(ws, 3) == ["采用级别", "全文采用", "部分采用", "综合采用"]
    amounts = [[ws.cell(r, c).value for c in range(1, 5)] for r in range(4, 9)]
    assert amounts == [
        ["国家级", 500, 300, 200],
        ["省级", 300, 200, 100],
        ["省经信委", 200, 100, 50],
        ["市级", 150, 80, 50],
        ["市经信委", 100, 50, 30],
    ]
    assert row_values(ws, 10) == ["领导批示", "加奖金额"]
    assert [[ws.cell(r, c).value for c in (1, 2)] for r in range(11, 15)] == [["无", 0], ["市级", 100], ["省级", 200], ["国家级", 500]]
    assert (ws["A16"].value, ws["B16"].value) == ("计奖方式", policy)
    assert list_items(validation_at(ws, "B16")) == [REWARD_POLICY_HIGHEST, REWARD_POLICY_CUMULATIVE]
    assert "示例" in ws["A18"].value and REWARD_POLICY_CUMULATIVE in ws["A18"].value
    for ref in ("B4", "D8", "B11", "B14", "B16"):
        assert ws[ref].protection.locked is False, ref
    assert ws["B4"].number_format == "#,##0"
    assert ws["A4"].protection.locked is not False and ws.protection.sheet is True and not ws.protection.password
    assert ws.page_setup.paperSize == 9


def test_reward_schedule_is_read_back(tmp_path: Path) -> None:
    from xlflow.intake.books import read_reward_schedule

    path = tmp_path / "奖励标准.xlsx"
    write_reward_schedule(path, REWARD_POLICY_CUMULATIVE)
    schedule = read_reward_schedule(path, default_policy=REWARD_POLICY_CUMULATIVE)  # as init writes both
    assert schedule.policy == REWARD_POLICY_CUMULATIVE
    assert schedule.amount("国家级", "全文采用") == 500
    assert schedule.amount("市经信委", "综合采用") == 30
    assert schedule.bonus_for("省级") == 200
    assert schedule.example is True and schedule.problems == ()


def test_templates_out_naming_a_file_is_one_line(tmp_path: Path) -> None:
    taken = tmp_path / "模板.xlsx"
    taken.write_bytes(b"keep")
    result = CliRunner().invoke(cli, ["templates", "--out", str(taken)])
    assert result.exit_code == 2 and "Traceback" not in result.output  # a usage error, caught by the option
    assert f"错误：--out：“{taken}”是一个文件，这里要的是目录" in result.output
    assert taken.read_bytes() == b"keep"
    with pytest.raises(WorkspaceError, match="是一个文件，不是目录：请用 --out 指定一个目录"):
        write_templates(taken)  # the library says it too, for Python callers


def test_templates_in_a_workspace_use_its_settings_and_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path / "ws")
    toml = (root / "xlflow.toml").read_text(encoding="utf-8")
    for old, new in (("\"易振波\"", "\"王小明\""), ("\"8715396\"", "\"8715000\""), ("\"岳阳市经信委\"", "\"株洲市工信局\"")):
        toml = toml.replace(old, new)
    (root / "xlflow.toml").write_text(toml, encoding="utf-8")
    write_quota_workbook(root / "信息任务分配表.xlsx", [*DEFAULT_UNITS, UnitRow("新区工信局", KIND_COUNTY, "市经信委", 4, 48)])
    result = CliRunner().invoke(cli, ["-w", str(root), "templates", "--out", "模板"])
    assert result.exit_code == 0, result.output
    assert "quota_template.xlsx：信息任务分配表（附件一，已按工作区的任务分配表填好 35 个单位）" in result.output
    out = root / "模板"
    names = [u.name for u in read_quota_workbook(out / "quota_template.xlsx")]
    assert (len(names), names[-1]) == (35, "新区工信局")
    assert load(out / "register_template.xlsx").active["A2"].value == "株洲市工信局宣传和信息报送通讯员登记表"
    assert load(out / "register_template.xlsx").active["E13"].value == "2015年　月　日"  # the workspace's year
    report = load(out / "report_template.xlsx")
    assert report[REPORT_SHEET]["A1"].value == "株洲市工信局政务信息报送登记表"
    help_text = [str(c.value) for row in report[REPORT_HELP_SHEET].iter_rows() for c in row if c.value]
    assert "传真 8715000、电子邮件 yy8715396@163.com、QQ群 143863243；联系人：株洲市工信局综合法规科 王小明。" in help_text
    monkeypatch.chdir(tmp_path)  # outside a workspace: the notice's
    lines = write_templates(tmp_path / "通知").lines
    assert lines[0] == "quota_template.xlsx：信息任务分配表（附件一，已按通知填好 34 个单位）"
    assert load(tmp_path / "通知" / "register_template.xlsx").active["A2"].value == "岳阳市经信委宣传和信息报送通讯员登记表"
    monkeypatch.chdir(root / "inbox")  # inside it, as distribute: the library too
    assert write_templates(tmp_path / "库").lines[0].endswith("填好 35 个单位）")
    assert load(tmp_path / "库" / "report_template.xlsx")[REPORT_SHEET]["A1"].value == "株洲市工信局政务信息报送登记表"


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"B5": "岳阳县工信局"}, "任务分配表 quota.xlsx 第 5 行（岳阳县工信局）：单位名称重复，请删除重复的一行"),
        ({"C5": None}, "任务分配表 quota.xlsx 第 5 行（平江县工信局）：“单位类别”为空，请从下拉列表选择"),
        ({"E5": "四条"}, "任务分配表 quota.xlsx 第 5 行（平江县工信局）：“每月任务”填的“四条”不是不小于 0 的整数："
                     "请填整数；按季度考核的单位（只有全年任务）填“-”"),  # the table's 说明: 按季度考核
        ({"E5": "2篇"}, "任务分配表 quota.xlsx 第 5 行（平江县工信局）：“每月任务”填的“2篇”不是不小于 0 的整数："
                       "请填整数；按季度考核的单位（只有全年任务）填“-”"),  # as 全年任务 50篇 is
        ({"E5": "-", "F5": None}, "任务分配表 quota.xlsx 第 5 行（平江县工信局）：“全年任务”为空：按季度考核的单位（每月任务填“-”）须填全年任务（整数）"),
        ({"F5": -5}, "任务分配表 quota.xlsx 第 5 行（平江县工信局）：“全年任务”填的“-5”不是不小于 0 的整数："
                     "请填整数；按月考核的单位可留空（按每月任务 × 12 计）"),
        ({"F5": 6.5}, "任务分配表 quota.xlsx 第 5 行（平江县工信局）：“全年任务”填的“6.5”不是不小于 0 的整数："
                      "请填整数；按月考核的单位可留空（按每月任务 × 12 计）"),  # was read as 6
        ({"F5": "50篇"}, "任务分配表 quota.xlsx 第 5 行（平江县工信局）：“全年任务”填的“50篇”不是不小于 0 的整数："
                        "请填整数；按月考核的单位可留空（按每月任务 × 12 计）"),  # was 12 × 每月任务 = 48
        ({"E3": "月任务"}, "任务分配表 quota.xlsx（工作表“信息任务分配表”）缺少表头 每月任务：请保留模板的表头行"),
    ],
)
def test_a_mistyped_quota_table_names_the_row_and_what_to_do(
    quota_book: Path, cells: dict[str, object], message: str
) -> None:
    book = openpyxl.load_workbook(quota_book)
    for ref, value in cells.items():
        book[QUOTA_SHEET][ref] = value
    book.save(quota_book)
    with pytest.raises(ConfigError) as caught:
        read_quota_workbook(quota_book)
    assert str(caught.value) == message


@pytest.mark.parametrize("typed", [None, "  ", "\u200b", "-", "—", 48.00000000000001, "=E5*12"])
def test_a_monthly_units_annual_quota_left_blank_or_dashed_is_twelve_months(quota_book: Path, typed: object) -> None:
    book = openpyxl.load_workbook(quota_book)
    book[QUOTA_SHEET]["F5"] = typed  # openpyxl stores no value for the formula: read as blank
    book.save(quota_book)
    assert next(u for u in read_quota_workbook(quota_book) if u.name == "平江县工信局").annual == 48


def test_a_quota_table_monthly_only_and_empty(quota_book: Path) -> None:
    book = openpyxl.load_workbook(quota_book)
    book[QUOTA_SHEET]["F5"] = None  # 全年 left blank by a monthly unit: twelve months of it
    book.save(quota_book)
    assert next(u for u in read_quota_workbook(quota_book) if u.name == "平江县工信局").annual == 48
    sheet = book[QUOTA_SHEET]
    sheet.delete_rows(4, sheet.max_row)
    book.save(quota_book)
    with pytest.raises(ConfigError, match="任务分配表 quota.xlsx 没有任何单位：请在表头下逐行填写单位"):
        read_quota_workbook(quota_book)


def test_the_form_states_the_workspaces_least_length_and_wraps_long_notes(tmp_path: Path) -> None:
    """review W5-3/4: with min_chars = 300 the 填表说明 said 300 but the 正文 prompt and its column note said 200;
    with 0 (no check) they said "不少于 0 字". The 是否含情况分析 note was clipped to one 18 pt line."""
    path = tmp_path / "form.xlsx"
    write_report_workbook(path, unit=None, month=Period.parse("2015-03"), settings=Settings(year=2015, min_chars=300))
    book = openpyxl.load_workbook(path)
    prompts = {v.promptTitle: v.prompt for v in book["信息报送登记表"].data_validations.dataValidation if v.promptTitle}
    assert prompts["正文"] == "粘贴全文；不少于 300 字"
    help_sheet = book["填表说明"]
    notes = {r[0].value: r[1] for r in help_sheet.iter_rows() if r[0].value in ("正文", "是否含情况分析")}
    assert notes["正文"].value == "粘贴全文；不少于 300 字"
    assert help_sheet.row_dimensions[notes["是否含情况分析"].row].height > 30  # two lines, not 18 pt
    write_report_workbook(path, unit=None, month=Period.parse("2015-03"), settings=Settings(year=2015, min_chars=0))
    book = openpyxl.load_workbook(path)
    prompts = {v.promptTitle: v.prompt for v in book["信息报送登记表"].data_validations.dataValidation if v.promptTitle}
    texts = [c.value for row in book["填表说明"].iter_rows() for c in row if isinstance(c.value, str)]
    assert prompts["正文"] == "粘贴全文" and not any("不少于 0 字" in t for t in texts)
