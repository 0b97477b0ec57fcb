"""The coordinator's 工作底稿 read back with openpyxl: the working lists that are not in the leaders' copy."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from helpers_bulletin import HOSTILE, PJ, YY, adoption, bulletin_data, working_papers_book
from helpers_setup import fit_to

from xlflow.core.units import UnitTable
from xlflow.settings import Settings
from xlflow.writers.working_papers import FINDING_HEADERS, write_working_papers


def test_the_working_papers_hold_the_coordinators_lists(units: UnitTable, settings: Settings) -> None:
    book = working_papers_book(bulletin_data(units, settings))
    assert book.sheetnames == ["问题稿件", "无稿件计入单位", "采用登记待核对"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3", sheet.title
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9, sheet.title
        assert fit_to(sheet) == (1, 0), sheet.title
        assert sheet.oddHeader.center.text == "2015年上半年政务信息报送工作底稿", sheet.title


def test_findings_name_the_month_and_the_title(units: UnitTable, settings: Settings) -> None:
    """The same file name and row in March and April: 月份 and 信息标题 tell the two findings apart."""
    sheet = working_papers_book(bulletin_data(units, settings))["问题稿件"]
    assert [c.value for c in sheet[3]] == list(FINDING_HEADERS)
    rows = [list(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert rows == [
        [1, YY, "2015年3月", "岳阳县.xlsx", "信息报送登记表", 7, "F7", "岳阳县三月短稿", "R1 字数不足", "错误", "正文不足 200 字：请补充后重新报送"],
        [2, YY, "2015年3月", "岳阳县.xlsx", "信息报送登记表", 8, "F8", "岳阳县紧急信息", "R7 紧急迟报", "提示", "紧急信息迟报：请在事件发生后 24 小时内报送"],
        [3, YY, "2015年4月", "岳阳县.xlsx", "信息报送登记表", 7, "F7", "岳阳县四月短稿", "R1 字数不足", "错误", "正文不足 200 字：请补充后重新报送"],
        [4, YY, "2015年4月", "岳阳县.xlsx", "信息报送登记表", 9, "F9", "岳阳县四月未审签短稿", "R1 字数不足", "错误", "正文不足 200 字：请补充后重新报送"],
        [5, YY, "2015年4月", "岳阳县.xlsx", "信息报送登记表", 9, "F9", "岳阳县四月未审签短稿", "R3 未审签", "错误", "审签人为空：请经领导审签后重新报送"],
        [6, PJ, "2015年3月", "平江县.xls", None, None, None, "（整个文件）", "F3 设有密码", "错误", "平江县.xls：文件设有密码：请取消密码后重新发送"],
    ]  # fmt: skip
    assert len({tuple(r[1:]) for r in rows}) == len(rows)  # no two rows look alike


def test_findings_caption_adds_up_as_the_notice_does(units: UnitTable, settings: Settings) -> None:
    sheet = working_papers_book(bulletin_data(units, settings))["问题稿件"]
    assert sheet["A1"].value == "2015年上半年问题稿件"
    assert sheet["A2"].value == (
        "错误 5 条：4 条在 3 篇未计入的稿件中（一篇稿件可能有几处错误），1 条是被拒收的 1 个文件；提示 1 条（不影响计数，请注意改进）"
    )


def test_units_without_counted_articles_say_what_was_received(units: UnitTable, settings: Settings) -> None:
    sheet = working_papers_book(bulletin_data(units, settings))["无稿件计入单位"]
    assert [c.value for c in sheet[3]] == ["序号", "单位名称", "单位类别", "任务数", "收到文件", "情况"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["湘阴县工信局"][2:] == (
        "县市区工信局", 24, 1,
        "收到 1 个文件：《湘阴县3月信息目录.xlsx》被拒收：在工作表“Sheet1”的前 30 行找不到表头：请使用下发的信息报送登记表模板后重新报送",
    )  # fmt: skip
    assert rows["华容县工信局"][4:] == (1, "收到 1 个文件：《华容县.xlsx》中的稿件都未计入本期（原因见“问题稿件”）")
    assert rows["汨罗市工信局"][4:] == (0, "本期未收到报送文件")
    assert YY not in rows and PJ not in rows
    assert sheet["D4"].number_format == "#,##0"


def test_adoption_rows_to_put_right(units: UnitTable, settings: Settings) -> None:
    """The row matching nothing and the row at a level that does not exist (厅级), each with what to do."""
    sheet = working_papers_book(bulletin_data(units, settings))["采用登记待核对"]
    assert sheet["A2"].value == (
        "采用登记表中共 2 行未计入采用数、采用率和奖励：请按“问题”一栏改正采用登记表后，重新运行 xlflow bulletin --period 2015-H1"
    )
    rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert set(rows) == {6, 7}
    assert rows[6][1:3] == (YY, "岳阳县稿件 零") and rows[6][5] == "本单位已计入的稿件中找不到这个标题"
    assert rows[6][6].split("\n")[0].startswith("岳阳县稿件")
    assert rows[7][1:5] == (YY, "岳阳县稿件1", "厅级", "全文采用")
    assert rows[7][5] == "采用级别应为国家级、省级、省经信委、市级、市经信委之一，改正前不计采用"
    assert rows[7][6] == "（标题与已报送稿件相符）"  # the article it names was found: the level is what to fix


def test_working_papers_keep_unit_text_as_text(units: UnitTable, settings: Settings) -> None:
    data = bulletin_data(units, settings)
    hostile = [adoption(PJ, title, row=20 + i) for i, title in enumerate(HOSTILE)]
    buffer = io.BytesIO()
    write_working_papers(buffer, dataclasses.replace(data, unmatched=data.unmatched + hostile))
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheets


@pytest.mark.parametrize("empty", ["findings", "silent", "unmatched"])
def test_an_empty_list_says_so(units: UnitTable, settings: Settings, empty: str) -> None:
    data = dataclasses.replace(bulletin_data(units, settings), **{empty: []})
    book = working_papers_book(data)
    sheet, text = {
        "findings": ("问题稿件", "本期没有发现问题。"),
        "silent": ("无稿件计入单位", "各单位本期均有稿件计入。"),
        "unmatched": ("采用登记待核对", "采用登记均已计入。"),
    }[empty]
    assert book[sheet]["A4"].value == text
    assert "共 0 个" not in str(book[sheet]["A2"].value)  # no caption counting nothing above "均有稿件计入"


def test_quarterly_units_mid_quarter_are_listed_apart(units: UnitTable, settings: Settings) -> None:
    """January: the units that owe their month and have nothing counted, then, under their own line, the quarterly
    units with nothing counted yet (not late: their quarter ends in March); the caption counts each."""
    from xlflow.compute.rates import silent_units

    data = bulletin_data(units, settings, "2015-01")
    data = dataclasses.replace(data, waiting=silent_units(data.rates, {"人事科": ["人事科1月.xlsx"]}, waiting=True))
    sheet = working_papers_book(data)["无稿件计入单位"]
    assert sheet["A2"].value == (
        "共 24 个单位本期没有稿件计入（“情况”一栏说明收到了什么、为什么没有计入、该怎么办）；"
        "按季度考核、季度未结束的单位 9 个（尚无稿件计入，不算未完成）列在后面"
    )
    assert sheet.row_dimensions[2].height >= 29  # two printed lines: the caption's row is made tall enough
    assert [sheet.cell(r, 2).value for r in (4, 27)] == ["平江县工信局", "综合法规科"]
    assert sheet["A28"].value == "按季度考核、季度未结束的单位 9 个（尚无稿件计入，不算未完成）：" and "A28:F28" in sheet.merged_cells
    rows = list(sheet.iter_rows(min_row=29, values_only=True))
    assert rows[0] == (1, "办公室", "委综合科室", 1, 0, "本期未收到报送文件（按季度考核，统计2015年1月）")
    assert rows[2][:5] == (3, "人事科", "委综合科室", 1, 1) and len(rows) == 9
    only = working_papers_book(dataclasses.replace(data, silent=[]))["无稿件计入单位"]
    assert only["A2"].value == (
        "本期应完成任务的单位都有稿件计入；按季度考核、季度未结束的单位 9 个（尚无稿件计入，不算未完成）列在后面"
    )
    assert only["A4"].value == "按季度考核、季度未结束的单位 9 个（尚无稿件计入，不算未完成）：" and only["B5"].value == "办公室"


def test_a_quarter_s_file_sent_after_it_says_where_it_counts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """人事科's third-quarter file arrives 9 October (inbox/2015-10): its row counts in October by its date, so the
    third quarter has nothing of it; the 情况 says what came and where it counts, not 本期未收到报送文件, and 收到文件
    counts it (review, left alone: it said 0 beside the file it named)."""
    import openpyxl
    from click.testing import CliRunner
    from helpers_ledger import make_workspace, report_row, write_report

    from xlflow.cli import cli

    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-09" / "岳阳县.xlsx", YY, [report_row("岳阳县九月稿件", month=9)], month="2015年9月")
    late = "人事科_2015年第三季度信息报送登记表.xlsx"
    write_report(ws.inbox / "2015-10" / late, "人事科", [report_row("人事科三季度稿件", 9, month=10)], month="2015年第三季度")
    # 财务科: a September file refused, then its third quarter's sent 10 October: two files received, both said
    (ws.inbox / "2015-09" / "财务科_2015年09月.xlsx").write_bytes(b"not a workbook")
    again = "财务科_2015年第三季度信息报送登记表.xlsx"
    write_report(ws.inbox / "2015-10" / again, "财务科", [report_row("财务科三季度稿件", 10, month=10)], month="2015年第三季度")
    # 工业公会's third quarter, sent 8 October, holds only a row too short to count (R1): counted nowhere
    short = "工业公会_2015年第三季度信息报送登记表.xlsx"
    write_report(ws.inbox / "2015-10" / short, "工业公会", [report_row("工业公会三季度稿件", 8, month=10, body="太短")],
                 month="2015年第三季度")  # fmt: skip
    runner = CliRunner()
    for month, code in (("2015-09", 3), ("2015-10", 0)):
        assert runner.invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)]).exit_code == code
    result = runner.invoke(cli, ["bulletin", "--period", "2015-Q3", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(ws.out / "工作底稿_2015年第三季度.xlsx")["无稿件计入单位"]
    (row,) = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "人事科"]
    assert row[3:] == (1, 1, f"收到 1 个文件：第三季度的文件《{late}》10月9日报送，按报送日期计入2015年10月")
    (row,) = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "财务科"]
    assert row[4] == 2 and row[5].startswith("收到 2 个文件：《财务科_2015年09月.xlsx》被拒收：")
    assert row[5].endswith(f"；第三季度的文件《{again}》10月10日报送，按报送日期计入2015年10月")
    (row,) = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "工业公会"]
    assert row[4:] == (1, f"收到 1 个文件：第三季度的文件《{short}》10月8日报送，其中的稿件都未计入")
    office = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "办公室")
    assert office[5] == "本期未收到报送文件"
