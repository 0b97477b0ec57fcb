"""The 回执 workbook, read back with openpyxl: what a unit's clerk reads, prints and faxes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import article, finding, make_workspace
from helpers_workbooks import HEADER, article_row, write_xlsx

from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.model import WARNING, SheetRead
from xlflow.core.periods import Period
from xlflow.core.text import display_width
from xlflow.settings import Settings
from xlflow.writers import receipt
from xlflow.writers.receipt import (
    ARTICLE_HEADERS,
    FINDING_HEADERS,
    FINDINGS_SHEET,
    RECEIPT_SHEET,
    QuotaProgress,
    ReceivedFile,
    write_receipt,
)

UNIT = "平江县工信局"
MARCH = Period.parse("2015-03")
FILES = (
    ReceivedFile("平江县3月.xlsx", (SheetRead("信息报送登记表", True, header_row=5, first_row=6, last_row=8, rows=3),
                                     SheetRead("填表说明", False, "说明页"))),
    ReceivedFile("平江县3月（旧）.xlsx", superseded_by="平江县3月.xlsx"),
)


def _receipt(target: Path | io.BytesIO, *, progress: QuotaProgress | None = None) -> None:
    short = finding(UNIT, 6, "R1")
    warn = dataclasses.replace(finding(UNIT, 7, "R8"), severity=WARNING, cell="I7", column="审签人", message="审签人与通讯员是同一人")
    late = dataclasses.replace(finding(UNIT, None, "F9"), severity=WARNING, message="第二个工作表没有数据")
    bad_date = dataclasses.replace(finding(UNIT, 6, "R5"), cell="B6", message="报送日期“三月初”无法识别")
    articles = [
        article(UNIT, "=SUM(A1:A3) 平江县工业运行", 7, findings=[warn]),
        dataclasses.replace(article(UNIT, "平江县召开推进会", 6, counted=False, findings=[short, bad_date]),
                            date=None, date_text="三月初"),
        article(UNIT, "平江县四月项目", 8, month="2015-04", file_month="2015-03"),
    ]  # fmt: skip
    write_receipt(
        target,
        unit=UNIT,
        month=MARCH,
        articles=articles,
        findings=[warn, short, bad_date, late],
        progress=progress or QuotaProgress(quota=4, counted=1, period_label="2015年3月"),
        settings=Settings(year=2015),
        files=FILES,
    )


def test_a_quarterly_units_earlier_months_count_in_its_receipt(tmp_path: Path) -> None:
    """review Z10: 办公室 reports by quarter; its March file's February row counts in the quarter's 计入数 beside it,
    so the line says 计入 2 条, not 计入 1 条（另有 1 条按报送日期计入2015年2月）. An April row still counts elsewhere."""
    path = tmp_path / "回执.xlsx"
    feb = article(UNIT, "平江县二月项目", 7, month="2015-02", file_month="2015-03")
    write_receipt(path, unit=UNIT, month=MARCH, articles=[article(UNIT, "平江县三月会议", 6), feb,
                  article(UNIT, "平江县四月项目", 8, month="2015-04", file_month="2015-03")], findings=[],
                  progress=QuotaProgress(1, 2, "2015年第一季度（截至3月）", ("2015-01", "2015-02", "2015-03")),
                  settings=Settings(year=2015), files=FILES)  # fmt: skip
    line = openpyxl.load_workbook(path)[RECEIPT_SHEET]["D4"].value
    assert line == "本次报送 3 行：计入 2 条（另有 1 条按报送日期计入2015年4月），未计入 0 条"


def test_rows_of_other_months_files_counted_here_are_named_and_capped(tmp_path: Path) -> None:
    """review W2: 6 rows of April's and May's files dated in March count in March's 计入数 (8 with its own 2): the
    summary says so beside its own April row, the line above the table names the first 5 and the count."""
    path = tmp_path / "回执.xlsx"
    gained = [article(UNIT, f"平江县三月补{r}", r, file_month="2015-04" if r < 10 else "2015-05",
                      source_file="平江县4月.xlsx" if r < 10 else "平江县5月.xlsx") for r in (5, 6, 7, 8, 9, 12)]
    write_receipt(path, unit=UNIT, month=MARCH, articles=[article(UNIT, "平江县三月会议", 6), article(UNIT, "平江县三月二", 7),
                  article(UNIT, "平江县四月项目", 8, month="2015-04", file_month="2015-03")], findings=[],
                  progress=QuotaProgress(4, 8, "2015年3月"), settings=Settings(year=2015), files=FILES[:1], gained=gained)  # fmt: skip
    sheet = openpyxl.load_workbook(path)[RECEIPT_SHEET]
    assert sheet["D4"].value == ("本次报送 3 行：计入 2 条（另有 1 条按报送日期计入2015年4月；另有 6 条在其他月份报送的文件中、"
                                 "按报送日期计入本月，见下），未计入 0 条")
    assert [sheet["F4"].value, sheet["A6"].value, sheet["A8"].value] == [8, (
        "在其他月份报送的文件中、按报送日期计入本月：2015年4月“平江县4月.xlsx”第 5 行《平江县三月补5》、"
        "2015年4月“平江县4月.xlsx”第 6 行《平江县三月补6》、2015年4月“平江县4月.xlsx”第 7 行《平江县三月补7》、"
        "2015年4月“平江县4月.xlsx”第 8 行《平江县三月补8》、2015年4月“平江县4月.xlsx”第 9 行《平江县三月补9》 等 6 条"), "序号"]


def test_receipt_names_rows_findings_and_progress(tmp_path: Path) -> None:
    path = tmp_path / "回执.xlsx"
    _receipt(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [RECEIPT_SHEET, FINDINGS_SHEET]
    sheet = book[RECEIPT_SHEET]
    assert sheet["A1"].value == "岳阳市经信委政务信息报送回执"
    assert sheet["B2"].value == UNIT and sheet["E2"].value == "报送月份：2015年3月"
    # progress: period (A:C), what was sent, quota, counted, rate, errors, warnings
    assert [c.value for c in sheet[3]] == ["考核期间", None, None, "本次报送情况", "任务数", "计入数", "完成率", "错误", "提示"]
    # the row dated April counts there, not in the 计入数 beside it
    assert [c.value for c in sheet[4]] == ["2015年3月", None, None, "本次报送 3 行：计入 1 条（另有 1 条按报送日期计入2015年4月），未计入 1 条",
                                          4, 1, 0.25, 2, 2]  # fmt: skip
    assert sheet["E4"].number_format == "#,##0"  # never "#,##0.##", which Excel shows as "4."
    assert sheet["G4"].number_format == "0.0%"
    # what became of each file and sheet the unit sent
    assert sheet["A5"].value == "文件“平江县3月.xlsx”：工作表“信息报送登记表”：第 6—8 行，3 条；工作表“填表说明”：未读取（说明页）"
    assert sheet["A6"].value == "文件“平江县3月（旧）.xlsx”：已由“平江县3月.xlsx”替代，未计入（见“问题清单”）"
    assert [c.value for c in sheet[8]] == list(ARTICLE_HEADERS)
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=9, max_row=11)]
    assert [(r[1], r[2], r[3], r[7]) for r in rows] == [
        (6, "三月初", "平江县召开推进会", "未计入"),  # the date as typed, not a blank cell
        (7, rows[1][2], "=SUM(A1:A3) 平江县工业运行", "计入"),
        (8, rows[2][2], "平江县四月项目", "计入2015年4月"),
    ]
    assert rows[1][2].year == 2015 and rows[1][2].month == 3 and sheet["C10"].number_format == "yyyy-mm-dd"
    assert sheet["D10"].data_type == "s"  # a title that looks like a formula stays text
    assert rows[0][8] == "R1 字数不足（E6）；R5 日期无效（B6）"
    assert rows[1][8] == "R8 自审自签（I7）"
    # a row not counted is red, on a light red fill; a counted one is not
    assert sheet["D9"].font.color.rgb == "FFC00000" and sheet["D9"].fill.fgColor.rgb == "FFFDE9E9"
    assert sheet["D10"].font.color is None or sheet["D10"].font.color.rgb != "FFC00000"
    assert sheet.freeze_panes == "A9"
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$8:$8"
    assert UNIT in sheet.oddHeader.center.text and "2015年3月" in sheet.oddHeader.center.text
    notes = " ".join(str(c.value) for row in sheet.iter_rows(min_row=12) for c in row if c.value)
    assert "易振波" in notes and "143863243" in notes and "红色为未计入的稿件" in notes
    assert "只报改好的几条，文件名写“补报”；整表重报，文件名写“更正”，已计入的也要列上" in notes

    problems = book[FINDINGS_SHEET]
    # page 2 of a fax still says whose it is: a title, and the unit and month in the page header
    assert problems["A1"].value == "平江县工信局　2015年3月　回执：问题清单"
    assert UNIT in problems.oddHeader.center.text and "2015年3月" in problems.oddHeader.center.text
    assert problems.print_title_rows == "$2:$2"
    assert [c.value for c in problems[2]] == list(FINDING_HEADERS)
    found = [[c.value for c in r] for r in problems.iter_rows(min_row=3, max_row=6)]
    # file-level first, then by row; errors before warnings
    assert [(r[3], r[4], r[5], r[6]) for r in found] == [
        ("整个文件", None, "F9 无有效数据", "提示"),
        ("E6", "平江县召开推进会", "R1 字数不足", "错误"),
        ("B6", "平江县召开推进会", "R5 日期无效", "错误"),
        ("I7", "=SUM(A1:A3) 平江县工业运行", "R8 自审自签", "提示"),
    ]
    assert found[1][7] == "正文不足 200 字，请补充后重新报送"
    assert problems["B4"].font.color.rgb == "FFC00000"  # an error's line is red too
    assert problems.freeze_panes == "A3"


def test_a_quarterly_label_fits_and_a_fractional_quota_shows_its_decimals(tmp_path: Path) -> None:
    label = "2015年第一季度（截至2月）"
    path = tmp_path / "回执.xlsx"
    _receipt(path, progress=QuotaProgress(quota=1.5, counted=1, period_label=label))
    sheet = openpyxl.load_workbook(path)[RECEIPT_SHEET]
    assert sheet["A4"].value == label and "A4:C4" in {str(m) for m in sheet.merged_cells.ranges}
    width = sum(sheet.column_dimensions[c].width for c in "ABC")
    assert width >= display_width(label) + 2  # 17 of 157 receipts clipped it
    assert 10 < sheet.column_dimensions["A"].width < 15  # “报送单位：” above it, not the label A:C holds
    assert sheet["E4"].value == 1.5 and sheet["E4"].number_format == "#,##0.00"


def test_receipt_is_byte_stable_and_takes_a_stream(tmp_path: Path) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    _receipt(first)
    _receipt(second)
    assert first.getvalue() == second.getvalue()
    assert openpyxl.load_workbook(io.BytesIO(first.getvalue()))[RECEIPT_SHEET]["B2"].value == UNIT


def test_receipt_without_rows_says_so(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    refusal = dataclasses.replace(finding(UNIT, None, "F3"), message="文件设有密码：请取消密码后重新报送")
    write_receipt(
        path,
        unit=UNIT,
        month=MARCH,
        articles=[],
        findings=[refusal],
        progress=QuotaProgress(quota=4, counted=0, period_label="2015年3月"),
        settings=Settings(year=2015),
    )
    book = openpyxl.load_workbook(path)
    # the first sheet says the file was refused and why, not "本次报送 0 行：计入 0 条，未计入 0 条"
    assert book[RECEIPT_SHEET]["D4"].value == "1 个文件被拒收，没有计入稿件（见下）"
    assert book[RECEIPT_SHEET]["A5"].value == "文件“平江县工信局_2015-03.xlsx”：拒收，未计入：文件设有密码：请取消密码后重新报送"
    assert "没有可读取的稿件" in book[RECEIPT_SHEET]["A8"].value
    assert book[FINDINGS_SHEET]["H3"].value == "文件设有密码：请取消密码后重新报送"


def test_a_late_return_says_where_its_rows_count(tmp_path: Path) -> None:
    """A March file sent with rows dated April (and one refused beside it): the summary says they count in April
    (not “计入 2 条” beside 计入数 0), each row's date is called another month's, not invalid."""
    path = tmp_path / "r.xlsx"
    april = [dataclasses.replace(finding(UNIT, r, "R5"), severity=WARNING, cell=f"B{r}", column="报送日期",
                                 message="报送日期 2015-04-08 不在本表的 2015年3月：计入时算 2015年4月 的稿件") for r in (6, 7)]
    refusal = dataclasses.replace(finding(UNIT, None, "F7", file="平江县2月.xlsx"),
                                  message="平江县2月.xlsx：文件写的是2015年2月，却放在2015年3月的文件夹中：请核对月份后重新报送")
    write_receipt(
        path,
        unit=UNIT,
        month=MARCH,
        articles=[article(UNIT, f"平江县四月{r}", r, month="2015-04", file_month="2015-03", findings=[april[r - 6]])
                  for r in (6, 7)],  # fmt: skip
        findings=[*april, refusal],
        progress=QuotaProgress(quota=4, counted=0, period_label="2015年3月"),
        settings=Settings(year=2015),
        files=FILES[:1],
    )
    book = openpyxl.load_workbook(path)
    sheet = book[RECEIPT_SHEET]
    assert [c.value for c in sheet[4]][3:7] == [
        "本次报送 2 行：计入 0 条（另有 2 条按报送日期计入2015年4月），未计入 0 条；另有 1 个文件被拒收（见下）", 4, 0, 0]
    assert sheet["A6"].value == "文件“平江县2月.xlsx”：拒收，未计入：文件写的是2015年2月，却放在2015年3月的文件夹中：请核对月份后重新报送"
    assert [(r[1], r[6], r[8]) for r in sheet.iter_rows(min_row=9, max_row=10, values_only=True)] == [
        (6, "2015年4月", "R5 日期不在本月（B6）"), (7, "2015年4月", "R5 日期不在本月（B7）")]
    assert [r[5] for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True)] == [
        "F7 月份不符", "R5 日期不在本月", "R5 日期不在本月"]


def test_the_cli_receipts_of_a_late_return_and_a_refused_file(tmp_path: Path) -> None:
    """Through the CLI: 华容县's March file holds only rows dated 2015-04-08; 岳阳县's file lacks 审签人 and is
    refused. Their receipts say so on the first sheet, where the clerk looks."""
    ws = make_workspace(tmp_path / "ws")
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    late = [article_row(seq=r, date=dt.datetime(2015, 4, 8), title=f"华容县项目{r}") for r in (1, 2)]
    write_xlsx(inbox / "华容县工信局3月信息.xlsx", [["报送单位：", "华容县工信局"], HEADER, *late])
    header = [h for h in HEADER if h != "审签人"]
    write_xlsx(inbox / "岳阳县工信局3月信息.xlsx", [["报送单位：", "岳阳县工信局"], header, article_row(header)])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    assert [c.value for c in book[RECEIPT_SHEET][4]][3:6] == [
        "本次报送 2 行：计入 0 条（另有 2 条按报送日期计入2015年4月），未计入 0 条", 4, 0]
    assert [r[8] for r in book[RECEIPT_SHEET].iter_rows(min_row=8, max_row=9, values_only=True)] == [
        "R5 日期不在本月（B3）", "R5 日期不在本月（B4）"]
    assert {r[5] for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True)} == {"R5 日期不在本月"}
    sheet = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", MARCH))[RECEIPT_SHEET]
    assert sheet["D4"].value == "1 个文件被拒收，没有计入稿件（见下）"
    assert sheet["A5"].value.startswith("文件“岳阳县工信局3月信息.xlsx”：拒收，未计入：工作表“信息报送登记表”第 2 行的表头缺少必填列 审签人")


def test_a_refused_file_keeping_its_rows_is_said_last_read(tmp_path: Path) -> None:
    """review 9a: the return refused this time keeps its 2 last-read rows, beside a 补报 read now: the summary and
    its line in the files block say the rows are those last read; the 补报's line is as always."""
    ret, extra = "平江县3月.xlsx", "平江县3月（补报）.xlsx"
    half = dataclasses.replace(finding(UNIT, None, "F4", file=ret), message="文件已损坏或不完整：请重新保存后报送")
    path = tmp_path / "r.xlsx"
    write_receipt(
        path,
        unit=UNIT,
        month=MARCH,
        articles=[article(UNIT, "平江县一", 6, source_file=ret), article(UNIT, "平江县二", 7, source_file=ret),
                  article(UNIT, "平江县补", 6, source_file=extra)],  # fmt: skip
        findings=[half],
        progress=QuotaProgress(quota=4, counted=3, period_label="2015年3月"),
        settings=Settings(year=2015),
        files=(ReceivedFile(ret, (SheetRead("信息报送登记表", True, header_row=5, first_row=6, last_row=7, rows=2),)),
               ReceivedFile(extra, (SheetRead("信息报送登记表", True, header_row=5, first_row=6, last_row=6, rows=1),),
                            supplement=True)),  # fmt: skip
    )
    sheet = openpyxl.load_workbook(path)[RECEIPT_SHEET]
    assert sheet["D4"].value == "本次报送 1 行，另有上次读入的 2 行：计入 3 条，未计入 0 条"
    assert [sheet["A5"].value, sheet["A6"].value] == [
        "文件1“平江县3月.xlsx”：这次未能读入（见“问题清单”），下列为上次读入的记录：工作表“信息报送登记表”：第 6—7 行，2 条",
        "文件2“平江县3月（补报）.xlsx”（补报）：工作表“信息报送登记表”：第 6 行，1 条",
    ]
    # rows from two files: 行号 names the file by its number above, or row 6 would be two rows
    assert [sheet.cell(r, 2).value for r in (9, 10, 11)] == ["文件1 第 6 行", "文件1 第 7 行", "文件2 第 6 行"]


def test_rows_of_two_week_sheets_name_their_sheet(tmp_path: Path) -> None:
    """A book with a sheet a week, and a 补报 of one sheet: 行号 says which file (by its number in the files block)
    and, for the book, which sheet's row 6 each article is; the 补报's only sheet is not named."""
    path = tmp_path / "r.xlsx"
    book, extra = "平江县3月.xlsx", "平江县3月补报.xlsx"
    first, second = article(UNIT, "平江县第一周", 6, source_file=book), article(UNIT, "平江县第二周", 6, source_file=book)
    write_receipt(
        path,
        unit=UNIT,
        month=MARCH,
        articles=[dataclasses.replace(first, sheet="第一周", position=1),
                  dataclasses.replace(second, sheet="第二周（3月9日-3月15日）", position=2, counted=False,
                                      findings=[finding(UNIT, 6)]),
                  article(UNIT, "平江县补报一条", 6, source_file=extra)],  # fmt: skip
        findings=[],
        progress=QuotaProgress(quota=4, counted=2, period_label="2015年3月"),
        settings=Settings(year=2015),
        files=(ReceivedFile(book, (SheetRead("第一周", True, header_row=5, first_row=6, last_row=6, rows=1),
                                   SheetRead("第二周（3月9日-3月15日）", True, header_row=5, first_row=6, last_row=6, rows=1))),
               ReceivedFile(extra, (SheetRead("信息报送登记表", True, header_row=5, first_row=6, last_row=6, rows=1),),
                            supplement=True)),  # fmt: skip
    )
    sheet = openpyxl.load_workbook(path)[RECEIPT_SHEET]
    assert sheet["A5"].value.startswith("文件1“平江县3月.xlsx”：工作表“第一周”") and sheet["A6"].value.startswith("文件2“平江县3月补报.xlsx”")
    assert [(sheet.cell(r, 2).value, sheet.cell(r, 4).value) for r in (9, 10, 11)] == [
        ("文件1 第一周 第 6 行", "平江县第一周"), ("文件1 第二周（3月9日-3月15日） 第 6 行", "平江县第二周"),
        ("文件2 第 6 行", "平江县补报一条")]  # fmt: skip
    assert sheet["B10"].font.color.rgb == "FFC00000"  # a row not counted is red here too
    assert sheet.column_dimensions["B"].width >= display_width("文件1 第二周（3月9日-3月15日） 第 6 行")  # not cut off


def test_a_sheet_of_last_year_s_rows_counts_none_of_them_here(tmp_path: Path) -> None:
    """review (left alone): a January 2016 file of 云溪区 with a sheet 12月补报 holding only two 2015-12-28 rows. Its
    line said “第 3—4 行，2 条（第 3、4 行是2015年12月的补报…）”, counting the rows set aside; now 0 条 (none counts
    here), and 1 条 of three where one row of the sheet does count (library reading through the CLI)."""
    ws = make_workspace(tmp_path / "2016信息报送", 2016)
    name = "云溪区工信局_2016年01月_信息报送登记表.xlsx"
    labels = ["报送单位：", "云溪区工信局", None, "报送月份：", "2016年1月"]
    own = [article_row(seq=k, title=f"云溪区一月信息{k}", date=dt.datetime(2016, 1, 5 + k)) for k in (1, 2)]
    late = [article_row(seq=k, title=f"云溪区十二月补报信息{k}", date=dt.datetime(2015, 12, 28)) for k in (1, 2)]
    (ws.inbox / "2016-01").mkdir(parents=True)
    write_xlsx(ws.inbox / "2016-01" / name, {"1月": [labels, HEADER, *own], "12月补报": [labels, HEADER, *late]})
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2016-01", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(receipt_path(ws, "云溪区工信局", Period.parse("2016-01")))[RECEIPT_SHEET]
    assert sheet["D4"].value == "本次报送 4 行：计入 2 条，未计入 0 条，2 行是往年的补报，另行汇总（见下）"
    assert sheet["A5"].value == (f"文件“{name}”：工作表“1月”：第 3—4 行，2 条；工作表“12月补报”：第 3—4 行，0 条"
                                 "（第 3、4 行是2015年12月的补报，另行汇总）")  # fmt: skip


@pytest.mark.parametrize("streamed", [False, True])
def test_long_titles_wrap_in_both_sheets_with_the_rows_grown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool) -> None:
    """Review Y2: a title wider than its column (50 in 回执, 40 in 问题清单) printed cut off; it wraps, its row two lines
    (also in a receipt written row by row in constant memory)."""
    if streamed:
        monkeypatch.setattr(receipt, "CONSTANT_MEMORY_ROWS", 0)
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    counted = "平江县" + "工业经济运行情况" * 4 + "的报告"  # 38 characters, 76 wide
    short = "平江县" + "中小企业融资对接情况" * 3 + "汇总报告"  # 37 characters, 74 wide: its body is too short (R1)
    rows = [article_row(seq=1, title=counted), article_row(seq=2, title=short, body="太短")]
    write_xlsx(ws.inbox / "2015-03" / "平江县工信局3月信息.xlsx", [["报送单位：", "平江县工信局"], HEADER, *rows])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(receipt_path(ws, "平江县工信局", MARCH))
    sheet = book[RECEIPT_SHEET]
    assert [sheet.cell(r, 4).value for r in (8, 9)] == [counted, short]
    assert [(sheet.cell(r, 4).alignment.wrap_text, sheet.row_dimensions[r].height) for r in (8, 9)] == [(True, 33)] * 2
    assert sheet.column_dimensions["D"].width == 50.7109375  # 76 wide in 48.5 usable: 2 lines of 15pt + 3
    issues = book[FINDINGS_SHEET]
    mine = [r for r in range(3, issues.max_row + 1) if issues.cell(r, 5).value == short]
    assert mine and {(issues.cell(r, 5).alignment.wrap_text, issues.row_dimensions[r].height) for r in mine} == {(True, 33)}
    assert issues.column_dimensions["E"].width == 40.7109375  # 74 wide in 38.5 usable: 2 lines
