"""readers.read_unit_workbook on every shape of SPEC §5, and the file-level problems it refuses with a code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from helpers_workbooks import (
    HEADER,
    article_row,
    write_encrypted_ooxml,
    write_ods,
    write_xls,
    write_xlsx,
)

from xlflow.core.errors import InputFileError
from xlflow.core.model import WARNING, SheetRead, for_unit
from xlflow.core.units import UnitTable
from xlflow.intake.folder import is_lock_file
from xlflow.intake.messages import NOT_NOW
from xlflow.intake.returns import read_unit_workbook
from xlflow.intake.returns_unit_month import set_aside_by_name
from xlflow.settings import Settings

TITLE = "岳阳市经信委政务信息报送登记表"
LABELS = ["报送单位：", "岳阳县工信局", None, "报送月份：", "2015年3月"]


def read(path: Path, units: UnitTable, settings: Settings, month: str | None = "2015-03"):  # noqa: ANN201
    return read_unit_workbook(path, units, month_hint=month, settings=settings)


def refused(path: Path, units: UnitTable, settings: Settings, month: str | None = "2015-03") -> InputFileError:
    with pytest.raises(InputFileError) as info:
        read(path, units, settings, month)
    assert path.name in str(info.value), "the message names the file"
    return info.value


# --- shapes -------------------------------------------------------------------------------------------


def test_canonical_template_shape(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [[TITLE], LABELS, HEADER, article_row(), article_row(seq=2, title="岳阳县召开工业经济运行调度会")]
    path = write_xlsx(tmp_path / "岳阳县工信局_2015年03月信息报送登记表.xlsx", rows, merges=["A1:N1"])
    uf = read(path, units, settings)
    assert (uf.unit, uf.month, uf.sheet, uf.header_row) == ("岳阳县工信局", "2015-03", "信息报送登记表", 3)
    assert uf.sheets[0].columns == {key: chr(65 + i) for i, key in enumerate(
        ["seq", "date", "title", "category", "body", "chars", "analysis", "signer", "signer_title", "channel",
         "urgency", "event_time", "reporter", "note"])}
    assert [r.row for r in uf.rows] == [4, 5]
    first = uf.rows[0]
    assert first.values["title"] == "岳阳县扎实开展企业服务年活动"
    assert first.values["date"] == dt.date(2015, 3, 5)
    assert first.values["signer"] == "李建国"
    assert first.values["event_time"] is None
    assert first.cells["title"] == "C4" and first.cells["signer"] == "H4"
    assert uf.rows[1].values["title"] == "岳阳县召开工业经济运行调度会"
    assert uf.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert uf.mtime == path.stat().st_mtime
    assert uf.findings == []


def test_labels_in_one_cell_with_fullwidth_spaces(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [[TITLE], ["报送单位：岳阳县\u3000工信局\u3000\u3000\u3000报送月份：2015年3月"], HEADER, article_row()]
    uf = read(write_xlsx(tmp_path / "信息.xlsx", rows, merges=["A1:N1", "A2:N2"]), units, settings)
    assert (uf.unit, uf.month, uf.header_row) == ("岳阳县工信局", "2015-03", 3)


def test_label_and_value_side_by_side_with_variant_spelling(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [["报送单位", "汩罗市", "报送月份", dt.datetime(2015, 3, 1)], [], HEADER, article_row()]
    uf = read(write_xlsx(tmp_path / "x.xlsx", rows), units, settings)
    assert uf.unit == "汨罗市工信局"  # the notice's 汩罗 is read, the correct name is kept
    assert uf.month == "2015-03"
    assert uf.header_row == 3


def test_label_followed_by_other_labels_in_the_same_cell(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [["报送单位：经济运行科 填表人：王芳 联系电话：8715396"], HEADER, article_row()]
    uf = read(write_xlsx(tmp_path / "x_2015年3月.xlsx", rows), units, settings)
    assert uf.unit == "经济运行科"


def test_a_hidden_sheet_is_read_with_a_warning_and_help_pages_are_listed(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    help_rows = [["填表说明"], ["列名", "说明"], *([name, "说明"] for name in HEADER)]
    old = [HEADER, article_row(title="岳阳县藏起来的一条")]
    data = [LABELS, HEADER, article_row()]
    path = write_xlsx(tmp_path / "x.xlsx", {"填表说明": help_rows, "旧表": old, "Sheet1": data}, hidden=("旧表",))
    uf = read(path, units, settings)
    assert uf.sheet == "旧表、Sheet1"
    assert [(r.sheet, r.row, r.values["title"]) for r in uf.rows] == [
        ("旧表", 2, "岳阳县藏起来的一条"), ("Sheet1", 3, "岳阳县扎实开展企业服务年活动")
    ]
    assert [(s.name, s.read, s.why, s.hidden) for s in uf.sheets] == [
        ("填表说明", False, "说明页", False), ("旧表", True, "隐藏的工作表", True), ("Sheet1", True, "", False)
    ]
    [warning] = uf.findings
    assert (warning.label, warning.sheet, warning.severity) == ("F13 隐藏的表或行", "旧表", WARNING)
    assert "工作表“旧表”是隐藏的" in warning.message


def test_a_sheet_of_another_month_is_set_aside_and_named(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    february = [["报送单位：", "岳阳县工信局", None, "报送月份：", "2015年2月"], HEADER, article_row(title="二月的一条")]
    data = [LABELS, HEADER, article_row()]
    uf = read(write_xlsx(tmp_path / "x.xlsx", {"2月": february, "3月": data}, hidden=("2月",)), units, settings)
    assert [r.values["title"] for r in uf.rows] == ["岳阳县扎实开展企业服务年活动"] and uf.sheet == "3月"
    [skipped, read_sheet] = uf.sheets
    assert (skipped.read, skipped.why) == (False, "这张表写的是2015年2月，不是2015年3月")
    [warning] = uf.findings
    assert warning.label == "F12 工作表未读取" and warning.message.endswith(
        "工作表“2月”未读取（这张表写的是2015年2月，不是2015年3月）：如其中有2015年3月的信息，请移到本月的表中重新报送；"
        "如是2015年2月未报送（或漏报）的信息，请把工作表名改为“2月补报”后重新报送")


def _named(names: list[str], month: str = "2015-03", *, stated: tuple[str, ...] = (), unread: tuple[str, ...] = ()) -> list[str]:
    """set_aside_by_name on sheets of these names: each one's why, "" for a sheet still read."""
    sheets = [SheetRead(name, name not in unread, why="标签" if name in unread else "") for name in names]
    set_aside_by_name(sheets, stated, month)
    assert all(s.notable is not s.read for s in sheets if s.name not in unread)
    return [s.why for s in sheets]


def test_sheets_named_for_another_month_are_set_aside() -> None:
    """review 6: a year's workbook, one sheet a month, sent whole each month: only this month's sheet is read."""
    assert _named(["1月", "2月", "3月"]) == ["工作表名写的是2015年1月，不是2015年3月", "工作表名写的是2015年2月，不是2015年3月", ""]
    assert _named(["2015年2月", "二月", "2月份", "元月", "2015-04", "信息报送登记表", "打印版"]) == [
        *(f"工作表名写的是2015年{m}月，不是2015年3月" for m in (2, 2, 2, 1, 4)), "", ""]
    assert _named(["1月", "12月"], "2015-12") == ["工作表名写的是2015年1月，不是2015年12月", ""]  # the year's January
    assert _named(["12月", "1月"], "2015-01") == ["工作表名写的是2015年12月，不是2015年1月", ""]
    assert _named(["1-3月", "3月"]) == ["", ""]  # a span holding March: both read
    # several months holding March (a span, a list) or a 补报: read, R5 counts its articles by their dates
    assert _named(["3月", "一月至三月", "2月下旬-3月上旬", "2月、3月", "2月补报", "2月增补", "1-2月补报"]) == [""] * 7
    assert _named(["3月", "1、2月", "元月至二月", "十一月、十二月"]) == [  # several, none of them March (review F1)
        "", *(f"工作表名写的是2015年{m}，不是2015年3月" for m in ("1—2月", "1—2月", "11—12月"))]
    assert _named(["1月", "2014年12月-2015年1月", "12月-1月"], "2015-01") == ["", "", ""]  # across the year: read
    # a supplement however named: 漏报, 补交, a bare 补 (review F3); to last month only, 补贴 is none (review H5)
    assert _named(["3月", "2月漏报", "2月补", "2月份补交", "2月（补）", "补2月"]) == [""] * 6
    assert _named(["3月", "1月增补", "2月（补贴政策专题）", "12月补"]) == [
        "", *(f"工作表名写的是{m}，不是2015年3月" for m in ("2015年1月", "2015年2月", "2014年12月"))]  # last December's
    assert _named(["1月", "12月补"], "2015-01") == ["", ""]  # last December's supplement
    # a quarter's sheet beside the month's is never set aside by its name (review T D2: a quarterly unit's late rows
    # were lost): a past or current quarter's is read as a 补报 (repeats_counted)
    assert _named(["第一季度", "4月"], "2015-04") == ["", ""]
    assert _named(["一季度", "二季度"], "2015-04") == ["", ""]
    assert _named(["第二季度", "4月"], "2015-04") == ["", ""]
    assert _named(["一季度补报", "4月"], "2015-04") == ["", ""]  # last month's quarter, supplemented


def test_a_sheet_name_alone_does_not_set_aside_what_is_left() -> None:
    """A lone sheet named for last month (a stale name), or every sheet so named, is read: nothing would be left.
    A sheet whose 报送月份 or title stated a month was decided by it, whatever its name says."""
    assert _named(["3月"]) == [""] and _named(["2月"]) == [""] and _named(["1月", "2月"]) == ["", ""]
    assert _named(["2月", "3月"], stated=("2月",)) == ["", ""]
    assert _named(["1月", "Sheet1"], unread=("Sheet1",)) == ["", "标签"]  # set aside by its label: 1月 is what is left


def test_two_visible_sheets_are_both_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    first = [LABELS, HEADER, article_row(title="上半月的一条")]
    second = [HEADER, article_row(title="下半月的一条"), article_row(title="下半月的第二条")]
    uf = read(write_xlsx(tmp_path / "x.xlsx", {"上半月": first, "下半月": second}), units, settings)
    assert [(r.sheet, r.values["title"]) for r in uf.rows] == [
        ("上半月", "上半月的一条"), ("下半月", "下半月的一条"), ("下半月", "下半月的第二条")
    ]
    assert [(s.name, s.first_row, s.last_row, s.rows) for s in uf.sheets] == [("上半月", 3, 3, 1), ("下半月", 2, 3, 2)]
    assert uf.findings == []


def test_a_sheet_with_content_but_no_header_is_a_warning(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    notes = [["岳阳县三月份的几点情况"], ["一是……"], ["二是……"]]
    uf = read(write_xlsx(tmp_path / "x.xlsx", {"登记表": [LABELS, HEADER, article_row()], "Sheet2": notes, "Sheet3": []}),
              units, settings)  # fmt: skip
    assert [(s.name, s.read, s.why) for s in uf.sheets] == [
        ("登记表", True, ""), ("Sheet2", False, "前 30 行找不到表头"), ("Sheet3", False, "空白")
    ]
    assert [f.code for f in uf.findings] == ["F12"] and "工作表“Sheet2”未读取" in uf.findings[0].message


def test_title_rows_give_unit_and_month_and_other_labels_are_ignored(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    rows = [
        ["岳阳市经济和信息化委员会"],
        ["平江县工信局2015年3月政务信息报送登记表"],
        [None, None, None, None, None, "填报日期：", "2015年4月2日"],
        HEADER,
        article_row(),
    ]
    path = write_xlsx(tmp_path / "政务信息.xlsx", rows, merges=["A1:N1", "A2:N2"])
    uf = read(path, units, settings)
    assert (uf.unit, uf.month, uf.header_row) == ("平江县工信局", "2015-03", 4)


def test_header_over_two_rows_with_group_cells(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    top = ["序号", "报送日期", "信息标题", "信息类别", "正文", "是否含情况分析", "审签", None, "通讯员"]
    bottom = [None, None, None, None, None, None, "审签人", "职务", None]
    data = [1, dt.datetime(2015, 3, 5), "岳阳县新增规模企业五家", "工作动态", "正文" * 150, "否", "李建国", "局长", "王芳"]
    merges = ["A1:I1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:H3", "I3:I4"]
    path = write_xlsx(tmp_path / "岳阳县_2015年3月.xlsx", [[TITLE], LABELS, top, bottom, data], merges=merges)
    uf = read(path, units, settings)
    assert uf.header_row == 4
    assert uf.sheets[0].columns["signer"] == "G" and uf.sheets[0].columns["signer_title"] == "H" and uf.sheets[0].columns["reporter"] == "I"
    assert uf.rows[0].row == 5
    assert uf.rows[0].values["signer"] == "李建国" and uf.rows[0].values["signer_title"] == "局长"


def test_reordered_columns_synonyms_and_decorations(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    header = ["标题（必填）", "类型", "信息\n内容", "日期", "签发人", "职务", "报送人", "情况分析", "是否紧急", "发生时间", "*字 数"]
    row = ["岳阳县召开工业经济运行调度会", "工作动态", "内容" * 120, "2015.3.5", "李建国", "局长", "王芳", "否", "否", None, "２４０"]
    uf = read(write_xlsx(tmp_path / "岳阳县工信局_2015年03月.xlsx", [header, row]), units, settings)
    assert uf.sheets[0].columns == {
        "title": "A", "category": "B", "body": "C", "date": "D", "signer": "E", "signer_title": "F",
        "reporter": "G", "analysis": "H", "urgency": "I", "event_time": "J", "chars": "K",
    }
    values = uf.rows[0].values
    assert values["date"] == "2015.3.5"  # raw: the rules parse it
    assert values["chars"] == "２４０"
    assert uf.rows[0].cells["chars"] == "K2"


def test_blank_note_footer_and_numbering_rows_are_skipped(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [
        [TITLE],
        LABELS,
        HEADER,
        list(range(1, 15)),  # the 1 2 3 … row some forms print under the header
        article_row(),
        [],
        [],
        article_row(seq=2, title="岳阳县第二条信息"),
        [3],  # a numbered but empty row
        HEADER,  # the header pasted again
        article_row(seq=4, title="岳阳县第三条信息"),
        ["合计", None, "3条"],
        ["注：1.信息类别从下拉列表选择；2.指标类信息须含情况分析。"],
        ["填表人：王芳", None, None, "联系电话：8715396"],
        [None, None, None, None, None, None, None, None, None, None, None, None, None, "页脚说明"],
    ]
    uf = read(write_xlsx(tmp_path / "岳阳县工信局_2015年03月.xlsx", rows, merges=["A1:N1"]), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [
        (5, "岳阳县扎实开展企业服务年活动"),
        (8, "岳阳县第二条信息"),
        (11, "岳阳县第三条信息"),
    ]


def test_a_row_without_title_is_kept_for_the_rules(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [LABELS, HEADER, article_row(title=None)]
    uf = read(write_xlsx(tmp_path / "x.xlsx", rows), units, settings)
    assert len(uf.rows) == 1 and uf.rows[0].values["title"] is None


def test_rows_after_a_long_run_of_blank_rows_are_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [LABELS, HEADER, article_row(), *([[]] * 150), article_row(title="岳阳县隔了很远的一行")]
    uf = read(write_xlsx(tmp_path / "x.xlsx", rows), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(3, "岳阳县扎实开展企业服务年活动"), (154, "岳阳县隔了很远的一行")]
    assert (uf.sheets[0].first_row, uf.sheets[0].last_row) == (3, 154)


def test_a_row_that_is_not_an_article_is_named(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    only_signer = [None, None, None, None, None, None, None, "李建国", "局长"]
    prefilled = [4, None, None, None, None, None, None, None, None, "电子邮件", "一般"]
    rows = [LABELS, HEADER, article_row(), only_signer, prefilled, ["填表人：王芳"]]
    uf = read(write_xlsx(tmp_path / "x.xlsx", rows), units, settings)
    assert [r.row for r in uf.rows] == [3]
    [skipped] = uf.findings
    assert (skipped.code, skipped.row, skipped.sheet) == ("F14", 4, "信息报送登记表")
    assert "第 4 行只填了 审签人、审签人职务" in skipped.message


def test_paragraphs_pasted_into_the_rows_below_are_a_continuation(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """A Word selection pasted across rows (Excel's habit outside the cell): the paragraphs under an article, with
    at most the 字数 formula's count beside them, are not articles; each is named once, pointing at the article."""
    only_body = [None, None, None, None, "会议指出，今年全县工业要坚持稳中求进。", 19]
    prefilled = [None, None, None, None, "会议要求，各乡镇要强化责任。", None, None, None, None, "电子邮件", "一般", None, "王芳"]
    signed = [None, None, None, None, "岳阳县另一条没有标题的信息。", None, None, "李建国"]
    rows = [LABELS, HEADER, article_row(), only_body, only_body[:5], article_row(seq=2, title="岳阳县第二条信息"),
            prefilled, [], only_body, signed]  # fmt: skip
    uf = read(write_xlsx(tmp_path / "x.xlsx", rows), units, settings)
    assert [r.row for r in uf.rows] == [3, 6, 9, 10]  # after a blank row, or with a signer: an article for the rules
    assert [(f.code, f.severity, f.row, f.column, f.cell) for f in uf.findings] == [
        ("F14", WARNING, 4, "正文", "E4"), ("F14", WARNING, 5, "正文", "E5"), ("F14", WARNING, 7, "正文", "E7")]
    assert uf.findings[1].message == (
        "第 5 行只有正文，像是第 3 行正文的续段，未作为信息读取：请把它合并到 E3（双击单元格，粘贴到正文末尾），"
        "删掉这一行后重新报送；如是另一条信息，请在这一行补填信息标题、报送日期、信息类别和审签人"
    )
    assert "像是第 6 行正文的续段" in uf.findings[2].message and "合并到 E6" in uf.findings[2].message


def test_a_formula_zero_in_chars_is_a_blank_row(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """LibreOffice saves the template's 字数 formula of an empty row as 0 in an .xls: the row is blank, no F14;
    a 0 beside other content is no length either (R1 then asks for one)."""
    blank = [None, None, None, None, None, 0]
    zero = article_row(title="岳阳县第二条信息", body=None, chars=0)
    rows = [LABELS, HEADER, article_row(), blank, blank, zero, blank]
    uf = read(write_xls(tmp_path / "岳阳县工信局3月.xls", rows), units, settings)
    assert [(r.row, r.values["title"], r.values["chars"]) for r in uf.rows] == [
        (3, "岳阳县扎实开展企业服务年活动", None), (6, "岳阳县第二条信息", None)]
    assert uf.findings == []
    text_zero = [LABELS, HEADER, article_row(), blank[:5] + ["0"]]
    typed = read(write_xlsx(tmp_path / "x.xlsx", text_zero), units, settings)
    assert [f.code for f in typed.findings] == ["F14"]  # a 0 typed as text is something the unit wrote


def test_unit_column_instead_of_label(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    header = ["序号", "报送单位", *HEADER[1:]]
    rows = [["报送月份：2015年3月"], header]
    for i, name in enumerate(["华容县工信局", "华容县\u3000工信局", "华容县"]):
        row = article_row(title=f"华容县信息{i}")
        rows.append([row[0], name, *row[1:]])
    uf = read(write_xlsx(tmp_path / "信息报送.xlsx", rows), units, settings)
    assert uf.unit == "华容县工信局"
    assert "unit" not in uf.sheets[0].columns and "unit" not in uf.rows[0].values
    assert uf.sheets[0].columns["date"] == "C"


def test_unit_column_naming_two_units_is_refused(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    header = ["报送单位", *HEADER]
    rows = [header, ["华容县工信局", *article_row()], ["临湘市工信局", *article_row(title="另一条")]]
    error = refused(write_xlsx(tmp_path / "合并.xlsx", rows), units, settings)
    assert error.code == "F6" and "华容县工信局" in str(error) and "临湘市工信局" in str(error)


def test_unit_and_month_only_in_file_name(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = write_xlsx(tmp_path / "君山区_2015年3月政务信息.xlsx", [HEADER, article_row()])
    uf = read(path, units, settings, month=None)
    assert (uf.unit, uf.month, uf.header_row) == ("君山区工信局", "2015-03", 1)


def test_month_from_hint_when_the_file_states_none(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = write_xlsx(tmp_path / "经济运行科.xlsx", [HEADER, article_row()])
    assert read(path, units, settings, month="2015-05").month == "2015-05"
    error = refused(path, units, settings, month=None)
    assert error.code == "F7" and "--month" in str(error)


def test_quarter_label_accepts_any_month_of_the_quarter(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [["报送单位：人事科", None, None, "报送月份：2015年第一季度"], HEADER, article_row()]
    path = write_xlsx(tmp_path / "人事科.xlsx", rows)
    assert read(path, units, settings, month="2015-03").month == "2015-03"
    early = write_xlsx(tmp_path / "人事科二季度.xlsx", [["报送单位：人事科", None, None, "报送月份：2015年第二季度"], HEADER,
                       article_row()])  # fmt: skip
    assert refused(early, units, settings, month="2015-03").code == "F7"  # a quarter to come: its own months


def test_a_past_quarters_file_is_a_late_supplement(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """A file whose 报送月份, title or name states a past quarter or half year of the year (第一季度 in April, 上半年
    or 1-6月 in July) is a late file: read in the month it came, as a 补报 (its rows counted by their dates, adding to
    the unit's file of the month, not replacing it), whichever way the half year is written."""
    def late(name: str, label: str | None, month: str, sheet: str = "信息报送登记表"):  # noqa: ANN202
        top = [["报送单位：人事科", None, None, f"报送月份：{label}"]] if label else [["报送单位：人事科"]]
        path = write_xlsx(tmp_path / name, {sheet: [*top, HEADER, article_row(date=dt.datetime(2015, 4, 3))]})
        uf = read(path, units, settings, month=month)
        return uf.month, uf.supplement, [(s.name, s.read, s.repeats) for s in uf.sheets]

    assert late("人事科2015年第一季度信息.xlsx", "2015年第一季度", "2015-04", "第一季度") == (
        "2015-04", True, [("第一季度", True, True)])  # fmt: skip
    assert late("人事科信息.xlsx", "2015年第一季度", "2015-04") == ("2015-04", True, [("信息报送登记表", True, True)])
    assert late("人事科2015年上半年信息.xlsx", "2015年上半年", "2015-07", "上半年") == ("2015-07", True, [("上半年", True, True)])
    assert late("人事科2015年1-6月信息.xlsx", None, "2015-07", "1-6月") == ("2015-07", True, [("1-6月", True, True)])
    assert late("人事科半年信息.xlsx", "2015年上半年", "2015-06")[:2] == ("2015-06", False)  # its last month: on time
    assert late("人事科1-3月信息（更正）.xlsx", "2015年1-3月", "2015-04")[:2] == ("2015-04", True)  # never replaces April's
    assert late("人事科3月信息（更正）.xlsx", "2015年3月", "2015-03")[:2] == ("2015-03", False)  # on time: it replaces


def test_a_quarter_label_in_inbox_read_whole_is_the_month_of_its_rows(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """inbox/ read whole (other_month_ok): a form saying 2015年第二季度 is the last month of the quarter its rows are
    dated in, whatever month is consolidated; with no row dated in the quarter, the month asked for, as before."""
    def month_of(name: str, *days: dt.datetime, asked: str = "2015-05") -> str:
        rows = [["报送单位：离退休人员管理服务科", None, None, "报送月份：2015年第二季度"], HEADER,
                *(article_row(title=f"离退休科活动{i}", date=d) for i, d in enumerate(days))]
        path = write_xlsx(tmp_path / name, rows)
        return read_unit_workbook(path, units, month_hint=asked, settings=settings, other_month_ok=True).month

    assert month_of("离退休科第二季度信息(1).xlsx", dt.datetime(2015, 4, 10)) == "2015-04"
    assert month_of("离退休科第二季度信息(3).xlsx", dt.datetime(2015, 6, 10), asked="2015-07") == "2015-06"
    assert month_of("离退休科第二季度信息.xlsx", dt.datetime(2015, 4, 10), dt.datetime(2015, 5, 8)) == "2015-05"
    assert month_of("离退休科第二季度.xlsx", dt.datetime(2015, 3, 30)) == "2015-05"


def test_legacy_xls(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    pytest.importorskip("xlwt")
    rows = [[TITLE], LABELS, HEADER, article_row(date=42068.0), article_row(title="岳阳县第二条", date=dt.datetime(2015, 3, 6))]
    path = write_xls(tmp_path / "岳阳县工信局_2015年03月.xls", rows, merges=["A1:N1"])
    uf = read(path, units, settings)
    assert (uf.unit, uf.month, uf.header_row) == ("岳阳县工信局", "2015-03", 3)
    assert uf.rows[0].values["date"] in (42068, 42068.0)  # a General-format serial stays a number
    assert uf.rows[1].values["date"] == dt.date(2015, 3, 6)
    assert uf.rows[0].values["title"] == "岳阳县扎实开展企业服务年活动"
    cut = tmp_path / "岳阳县工信局（半截）.xls"
    cut.write_bytes(path.read_bytes()[:1500])
    assert refused(cut, units, settings).code == "F2"


def test_legacy_xls_in_the_1904_date_system(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """The DATEMODE record of an .xls saved by Mac Excel says its serial numbers count from 1904."""
    xlwt = pytest.importorskip("xlwt")
    path = tmp_path / "岳阳县工信局_2015年03月.xls"
    for dates_1904 in (True, False):
        book = xlwt.Workbook(encoding="utf-8")
        book.dates_1904 = dates_1904
        sheet = book.add_sheet("信息报送登记表")
        for r, row in enumerate([LABELS, HEADER, article_row(date=40606.0)]):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
        book.save(str(path))
        uf = read(path, units, settings)
        assert uf.date1904 is dates_1904
        assert uf.rows[0].values["date"] == 40606


def test_xlsx_saved_under_xls_and_xlsm_names(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    source = write_xlsx(tmp_path / "a.xlsx", [LABELS, HEADER, article_row()])
    for suffix in (".xls", ".xlsm", ".et"):
        renamed = tmp_path / f"岳阳县{suffix}"
        shutil.copy(source, renamed)
        assert read(renamed, units, settings).rows[0].values["title"] == "岳阳县扎实开展企业服务年活动"


def test_ods(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = write_ods(tmp_path / "岳阳县.ods", [LABELS, HEADER, article_row()])
    uf = read(path, units, settings)
    assert (uf.unit, uf.header_row) == ("岳阳县工信局", 2)
    assert uf.rows[0].values["date"] == dt.datetime(2015, 3, 5)
    assert uf.rows[0].values["title"] == "岳阳县扎实开展企业服务年活动"


def test_cells_merged_down_count_for_every_row(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [LABELS, HEADER, article_row(), article_row(title="第二条", signer=None), article_row(title="第三条", signer=None)]
    uf = read(write_xlsx(tmp_path / "x.xlsx", rows, merges=["H3:H5"]), units, settings)
    assert [r.values["signer"] for r in uf.rows] == ["李建国"] * 3


def test_a_merged_footer_is_not_a_data_row(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [LABELS, HEADER, article_row(), [], ["报送单位（盖章）"], []]
    uf = read(write_xlsx(tmp_path / "x.xlsx", rows, merges=["A5:N6"]), units, settings)
    assert [r.row for r in uf.rows] == [3]


def test_formulas_are_read_as_cached_values(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    import xlsxwriter

    path = tmp_path / "x.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for c, value in enumerate(LABELS):
        if value:
            sheet.write_string(0, c, value)
    for c, name in enumerate(HEADER):
        sheet.write_string(1, c, name)
    for c, value in enumerate(article_row()):
        if isinstance(value, str):
            sheet.write_string(2, c, value)
    sheet.write_formula(2, 0, '=IF(C3="","",1)', None, 1)
    sheet.write_formula(2, 5, '=LEN(E3)', None, 228)
    book.close()
    values = read(path, units, settings).rows[0].values
    assert values["seq"] == 1 and values["chars"] == 228


def test_the_distributed_template_reads_as_empty(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    from xlflow.core.periods import Period
    from xlflow.writers.report import write_report_workbook

    path = tmp_path / "临湘市工信局_2015年03月信息报送登记表.xlsx"
    write_report_workbook(path, unit=units.by_name("临湘市工信局"), month=Period.parse("2015-03"), settings=settings)
    uf = read(path, units, settings)
    assert (uf.unit, uf.month, uf.header_row, uf.rows) == ("临湘市工信局", "2015-03", 3, [])
    assert [(f.code, f.severity) for f in uf.findings] == [("F9", WARNING)]


def test_file_name_and_label_naming_two_units_is_refused(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """平江县 filled 岳阳县's prefilled copy: counted as either unit it could replace the other's file (SPEC §5 F6)."""
    error = refused(write_xlsx(tmp_path / "平江县工信局_2015年03月.xlsx", [LABELS, HEADER, article_row()]), units, settings)
    assert error.code == "F6"
    assert str(error) == (
        "平江县工信局_2015年03月.xlsx：文件名是“平江县工信局”，表格上方的“报送单位”是“岳阳县工信局”，看不出是哪个单位"
        "报送的（可能用了其他单位的登记表），未计入：请把“报送单位”改为本单位名称（或改正文件名）后重新报送"
    )
    titled = [["岳阳县工信局2015年3月政务信息报送登记表"], HEADER, article_row()]
    error = refused(write_xlsx(tmp_path / "平江县工信局3月.xlsx", titled), units, settings)
    assert error.code == "F6" and "表格标题是“岳阳县工信局”" in str(error)


@pytest.mark.parametrize("unit", ["办公室/机要室", "办公室:机要室"])
def test_a_unit_named_with_a_slash_reads_its_own_distributed_file(
    tmp_path: Path, units: UnitTable, settings: Settings, unit: str
) -> None:
    """review R4: distribute names 办公室/机要室's form 办公室_机要室_…: 办公室 in that name is no second unit."""
    added = UnitTable([*units.units, dataclasses.replace(units.by_name("办公室"), name=unit, aliases=(), seq=35)])
    rows = [["报送单位：", unit, None, "报送月份：", "2015年3月"], HEADER, article_row()]
    uf = read(write_xlsx(tmp_path / "办公室_机要室_2015年03月_信息报送登记表.xlsx", rows), added, settings)
    assert (uf.unit, len(uf.rows), [f.code for f in uf.findings]) == (unit, 1, [])
    error = refused(write_xlsx(tmp_path / "办公室_2015年03月_信息报送登记表.xlsx", rows), added, settings)
    assert error.code == "F6" and f"文件名是“办公室”，表格上方的“报送单位”是“{unit}”" in str(error)


def test_a_file_name_addressed_to_the_coordinator_is_no_second_unit(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """报综合法规科_3月信息.xlsx from 岳阳县工信局 (its label): the coordinator in the name is the addressee."""
    uf = read(write_xlsx(tmp_path / f"报{settings.coordinator}_3月信息.xlsx", [LABELS, HEADER, article_row()]), units, settings)
    assert uf.unit == "岳阳县工信局" and len(uf.rows) == 1
    assert not [f for f in uf.findings if f.code == "F6"]


@pytest.mark.parametrize("name", ["财政资金专项信息_2015年3月.xlsx", "2015年3月企业财务信息.xlsx"])
def test_an_alias_inside_a_topic_word_of_the_file_name_is_no_second_unit(
    tmp_path: Path, finance_units: UnitTable, settings: Settings, name: str
) -> None:
    """岳阳县 (its label) names its file after a topic; 财政/财务 are also aliases of 财务科 in this quota table, but
    glued into 财政资金/企业财务 they name no unit: the file counts for 岳阳县, with no F6."""
    uf = read(write_xlsx(tmp_path / name, [LABELS, HEADER, article_row()]), finance_units, settings)
    assert (uf.unit, uf.month, len(uf.rows)) == ("岳阳县工信局", "2015-03", 1)
    assert uf.findings == []


@pytest.mark.parametrize("name", ["财务_2015年03月.xlsx", "3月份财务信息.xlsx", "（财政）3月.xlsx"])
def test_an_alias_standing_alone_in_the_file_name_still_contradicts_the_label(
    tmp_path: Path, finance_units: UnitTable, settings: Settings, name: str
) -> None:
    error = refused(write_xlsx(tmp_path / name, [LABELS, HEADER, article_row()]), finance_units, settings)
    assert error.code == "F6"
    assert str(error) == (
        f"{name}：文件名是“财务科”，表格上方的“报送单位”是“岳阳县工信局”，看不出是哪个单位报送的（可能用了其他单位的"
        "登记表），未计入：请把“报送单位”改为本单位名称（或改正文件名）后重新报送"
    )


def test_a_topic_word_in_the_file_name_does_not_hide_a_borrowed_template(
    tmp_path: Path, finance_units: UnitTable, settings: Settings
) -> None:
    """华容县 filled 岳阳县's copy and put its own name and a topic in the file name: still refused F6."""
    path = write_xlsx(tmp_path / "华容县工信局_财政资金信息.xlsx", [LABELS, HEADER, article_row()])
    error = refused(path, finance_units, settings)
    assert error.code == "F6"
    assert str(error).startswith("华容县工信局_财政资金信息.xlsx：文件名是“华容县工信局”，表格上方的“报送单位”是“岳阳县工信局”，")


def test_with_only_the_file_name_an_alias_finds_the_unit(
    tmp_path: Path, finance_units: UnitTable, settings: Settings
) -> None:
    uf = read(write_xlsx(tmp_path / "财务3月信息.xlsx", [HEADER, article_row()]), finance_units, settings)
    assert (uf.unit, uf.month, len(uf.rows)) == ("财务科", "2015-03", 1)


def test_without_a_label_a_units_full_name_beats_another_units_alias(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """工会 is an alias of 工业公会, standing as a word here; 湘阴县工信局 is written out in full: the file is 湘阴县's."""
    for name in ("湘阴县工信局3月份工会工作信息.xlsx", "湘阴县3月份工会工作信息.xlsx"):
        uf = read(write_xlsx(tmp_path / name, [HEADER, article_row()]), units, settings)
        assert (uf.unit, len(uf.rows), uf.findings) == ("湘阴县工信局", 1, [])


def test_without_a_label_a_county_in_a_sections_topic_is_still_two_units(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """运行科 (经济运行科's alias) sends a file about 岳阳县: the county's name does not win over the sender's alias."""
    error = refused(write_xlsx(tmp_path / "运行科3月信息（岳阳县工业运行情况）.xlsx", [HEADER, article_row()]), units, settings)
    assert error.code == "F6" and "文件名中有几个单位（经济运行科、岳阳县工信局）" in str(error)


def test_an_offices_full_name_in_the_file_name_is_that_office(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """退二进三办 writes its office's name in full (退二进三办公室): not also the unit 办公室."""
    uf = read(write_xlsx(tmp_path / "退二进三办公室2015年3月信息.xlsx", [HEADER, article_row()]), units, settings)
    assert (uf.unit, len(uf.rows), uf.findings) == ("退二进三办", 1, [])


def test_without_a_label_a_topic_word_beside_the_units_name_is_no_second_unit(
    tmp_path: Path, finance_units: UnitTable, settings: Settings
) -> None:
    path = write_xlsx(tmp_path / "平江县工信局财政资金专项信息_2015年3月.xlsx", [HEADER, article_row()])
    uf = read(path, finance_units, settings)
    assert (uf.unit, len(uf.rows), uf.findings) == ("平江县工信局", 1, [])


@pytest.mark.parametrize("column", ["平江县工信局", "岳阳县工信局"])
def test_the_unit_column_settles_a_name_and_label_of_two_units(
    tmp_path: Path, units: UnitTable, settings: Settings, column: str
) -> None:
    header = ["报送单位", *HEADER]
    rows = [LABELS, header, [column, *article_row()], [column, *article_row(title="另一条")]]
    uf = read(write_xlsx(tmp_path / "平江县工信局_2015年03月.xlsx", rows), units, settings)
    assert uf.unit == column and len(uf.rows) == 2
    assert [(f.code, f.severity) for f in uf.findings] == [("F6", WARNING)]
    assert uf.findings[0].message == (
        "平江县工信局_2015年03月.xlsx：文件名是“平江县工信局”，表格上方的“报送单位”是“岳阳县工信局”，"
        f"表中“报送单位”列是“{column}”：已按“{column}”计入，如不对请改正后重新报送"
    )


def test_in_a_flat_inbox_a_file_stating_no_month_is_of_its_rows_month(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """No month in the name, label or title, every row dated March: read for April from inbox/ itself it is March's
    file (set aside); in April's own folder the coordinator put it there, and it is read as April's."""
    rows = [["报送单位：", "平江县工信局", None, "报送月份：", None], HEADER,
            article_row(date=dt.datetime(2015, 3, 2)), article_row(date="3月16日", title="另一条")]  # fmt: skip
    path = write_xlsx(tmp_path / "平江县工信局信息报送登记表.xlsx", rows)
    flat = read_unit_workbook(path, units, month_hint="2015-04", settings=settings, other_month_ok=True)
    assert (flat.unit, flat.month) == ("平江县工信局", "2015-03")
    assert read(path, units, settings, "2015-04").month == "2015-04"
    mixed = write_xlsx(tmp_path / "平江县信息.xlsx", [*rows, article_row(date=dt.datetime(2015, 4, 1), title="四月的")])
    assert read_unit_workbook(mixed, units, month_hint="2015-04", settings=settings, other_month_ok=True).month == "2015-04"


# --- file-level problems --------------------------------------------------------------------------------


def test_text_renamed_xlsx_is_not_a_workbook(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = tmp_path / "岳阳县工信局.xlsx"
    path.write_text("本月信息见附件", encoding="utf-8")
    assert refused(path, units, settings).code == "F1"
    html = tmp_path / "导出.xls"
    html.write_text("<html><table><tr><td>信息标题</td></tr></table></html>", encoding="utf-8")
    error = refused(html, units, settings)
    assert error.code == "F1" and "另存为" in str(error)


def test_word_document_is_not_a_workbook(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    import zipfile

    path = tmp_path / "信息.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    error = refused(path, units, settings)
    assert error.code == "F1" and "Word" in str(error)


def test_truncated_files_are_damaged_and_empty_ones_no_workbook(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    good = write_xlsx(tmp_path / "a.xlsx", [LABELS, HEADER, article_row()])
    cut = tmp_path / "岳阳县工信局（重发）.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert refused(cut, units, settings).code == "F2"
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    assert refused(empty, units, settings).code == "F1"  # 文件是空的: nothing was saved, so it is no workbook
    cut_xls = tmp_path / "半截.xls"
    cut_xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    assert refused(cut_xls, units, settings).code == "F2"  # a compound file with nothing readable in it


def test_password_protected_workbook(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    error = refused(write_encrypted_ooxml(tmp_path / "岳阳县工信局_2015年03月.xlsx"), units, settings)
    assert error.code == "F3" and "请取消密码后重新报送" in str(error).replace("（文件→信息→保护工作簿→用密码进行加密，清空密码）", "")


def test_no_header_found(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = write_xlsx(tmp_path / "岳阳县3月信息目录.xlsx", [["本月信息"], ["1、岳阳县召开调度会"], ["2、岳阳县开展安全检查"]])
    error = refused(path, units, settings)
    assert error.code == "F5" and "信息标题" in str(error)


def test_header_below_the_scanned_rows_is_not_found(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [*([["说明文字"]] * 35), HEADER, article_row()])
    assert refused(path, units, settings).code == "F5"


def test_missing_required_column(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    header = [h for h in HEADER if h not in ("审签人", "信息类别")]
    path = write_xlsx(tmp_path / "岳阳县工信局.xlsx", [header, article_row(header)])
    error = refused(path, units, settings)
    assert error.code == "F11" and "审签人" in str(error) and "信息类别" not in str(error)  # read as blank: 其他
    no_text = [h for h in HEADER if h not in ("正文", "字数")]
    error = refused(write_xlsx(tmp_path / "岳阳县工信局2.xlsx", [no_text, article_row(no_text)]), units, settings)
    assert error.code == "F11" and "正文或字数" in str(error)


def test_unknown_unit(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    labelled = write_xlsx(tmp_path / "某局信息.xlsx", [["报送单位：", "市直某某局"], HEADER, article_row()])
    error = refused(labelled, units, settings)
    assert error.code == "F6" and "市直某某局" in str(error) and "别名" in str(error)
    assert for_unit(str(error)).endswith("不在任务分配表中：请改为任务分配表中的单位名称后重新报送")  # 别名: the coordinator's
    nothing = write_xlsx(tmp_path / "信息报送登记表.xlsx", [HEADER, article_row()])
    error = refused(nothing, units, settings)
    assert error.code == "F6" and "报送单位" in str(error)


def test_month_mismatch(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    rows = [["报送单位：", "岳阳县工信局", None, "报送月份：", "2015年2月"], HEADER, article_row()]
    error = refused(write_xlsx(tmp_path / "岳阳县工信局.xlsx", rows), units, settings)
    assert error.code == "F7" and "2015年2月" in str(error) and "2015年3月" in str(error)
    by_name = write_xlsx(tmp_path / "岳阳县工信局_2015年02月.xlsx", [HEADER, article_row()])
    assert refused(by_name, units, settings).code == "F7"


def test_too_many_rows(tmp_path: Path, units: UnitTable) -> None:
    settings = Settings(year=2015, max_rows_per_sheet=3)
    rows = [LABELS, HEADER, *(article_row(title=f"信息{i}") for i in range(5))]
    error = refused(write_xlsx(tmp_path / "x.xlsx", rows), units, settings)
    assert error.code == "F10" and "3" in str(error)
    spaced = [LABELS, HEADER]
    for i in range(3):
        spaced += [article_row(title=f"信息{i}"), [], ["注：空行和说明行不占行数"]]
    assert len(read(write_xlsx(tmp_path / "y.xlsx", spaced), units, settings).rows) == 3
    settings_1 = Settings(year=2015, max_rows_per_sheet=1)
    from xlflow.intake import returns as readers

    with pytest.MonkeyPatch.context() as mp:  # rows beyond what may be read: never cut silently
        mp.setattr(readers, "ROW_SLACK", 2)
        far = [LABELS, HEADER, article_row(), *([["注：说明"]] * 5)]
        assert refused(write_xlsx(tmp_path / "z.xlsx", far), units, settings_1).code == "F10"


def test_missing_file(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    assert refused(tmp_path / "不存在.xlsx", units, settings).code == NOT_NOW  # gone now: no damaged file (F2)


def test_lock_files() -> None:
    assert is_lock_file(Path("~$岳阳县工信局_2015年03月.xlsx"))
    assert is_lock_file(Path(".~lock.岳阳县.xlsx#"))
    assert not is_lock_file(Path("岳阳县~$.xlsx"))


def test_mtime_is_the_files(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [LABELS, HEADER, article_row()])
    os.utime(path, (1_426_000_000, 1_426_000_000))
    assert read(path, units, settings).mtime == 1_426_000_000


def test_a_sending_date_in_the_name_or_title_is_not_the_month(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    named = write_xlsx(tmp_path / "岳阳县工信局信息20150402.xlsx", [HEADER, article_row()])
    assert read(named, units, settings).month == "2015-03"
    titled = write_xlsx(tmp_path / "信息.xlsx", [["岳阳县工信局政务信息（2015年4月2日报送）"], HEADER, article_row()])
    uf = read(titled, units, settings)
    assert (uf.unit, uf.month) == ("岳阳县工信局", "2015-03")


def test_zip_that_unpacks_too_big(tmp_path: Path, units: UnitTable, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from xlflow.intake import returns as readers

    path = write_xlsx(tmp_path / "岳阳县工信局.xlsx", [LABELS, HEADER, article_row()])
    monkeypatch.setattr(readers, "MAX_UNZIPPED_BYTES", 2000)
    assert refused(path, units, settings).code == "F10"
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    assert refused(path, units, settings).code == "F10"


@pytest.mark.parametrize(
    ("text", "near", "expected"),
    [
        ("2015年1-3月", (2015, 3), (2015, (1, 2, 3))),  # a quarterly unit's label
        ("2015年1月至3月", (2015, 3), (2015, (1, 2, 3))),
        ("2015年3-1月", (2015, 3), (2015, (3,))),  # not a range: the month it names first
        ("2015年第一季度", (2015, 3), (2015, (1, 2, 3))),
        ("2015Q2", (2015, 6), (2015, (4, 5, 6))),
        ("20150305", (2015, 3), (2015, (3,))),  # a compact date in a label: its month
        ("1-3月", (2015, 3), (2015, (1, 2, 3))),  # yearless range: the year nearest the month asked for
        ("10-12月", (2016, 1), (2015, (10, 11, 12))),  # December's return read in January: last year
        ("2015年13月", (2015, 3), None),
    ],
)
def test_a_label_states_its_months(text: str, near: tuple[int, int], expected: object) -> None:
    from xlflow.intake.returns_unit_month import _stated_months

    assert _stated_months(text, near) == expected


def test_a_sending_date_in_a_file_name_says_nothing_of_the_month() -> None:
    from xlflow.intake.returns_unit_month import stated_months

    assert stated_months("岳阳县20150402报送", (2015, 3)) is None
    assert stated_months("岳阳县3月份（2015年4月2日报）", (2015, 3)) == (2015, (3,))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("报送单位：岳阳县工信局　联系人：张三", {"unit": "岳阳县工信局"}),
        ("报送单位：岳阳县工信局填表人：张三", {"unit": "岳阳县工信局"}),
        ("报送单位：经济运行科审核：李四", {"unit": "经济运行科"}),  # once cut to “经济运”: F6, a wrong unit name
        ("报送单位：经济运行科报送时间：2015-04-02", {"unit": "经济运行科"}),
        ("报送单位：平江县工信局  报送月份：2015年3月", {"unit": "平江县工信局", "month": "2015年3月"}),
        ("报送单位：经济运行科复核：李四", {"unit": "经济运行科复核"}),  # a label no list knows stays: the unit is inside
    ],
)
def test_a_label_cell_holding_other_labels_gives_the_unit_whole(cell: str, expected: dict[str, str]) -> None:
    from xlflow.intake.returns_header import labels_above

    assert labels_above([[cell]]) == (expected, [])


def test_a_blank_unit_label_does_not_take_the_next_label_as_the_unit() -> None:
    from xlflow.intake.returns_header import labels_above

    assert labels_above([["报送单位：", None, "报送月份：2015年3月"]]) == ({"month": "2015年3月"}, [])
    assert labels_above([["报送单位", "报送月份：2015年3月"]]) == ({"month": "2015年3月"}, [])
    assert labels_above([["报送单位：", "岳阳县工信局联系人：张三"]])[0] == {"unit": "岳阳县工信局联系人：张三"}


def test_a_blank_unit_label_leaves_the_unit_to_the_file_name(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    top = [["报送单位：", None, "报送月份：2015年3月"]]
    uf = read(write_xlsx(tmp_path / "岳阳县工信局信息.xlsx", {"信息报送登记表": [*top, HEADER, article_row()]}), units, settings)
    assert uf.unit == "岳阳县工信局" and uf.month == "2015-03"


def test_a_label_nobody_listed_after_the_unit_still_finds_the_unit(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    top = [["报送单位：经济运行科复核：李四"], ["报送月份：2015年3月复核：李四"]]
    uf = read(write_xlsx(tmp_path / "信息报送表.xlsx", {"信息报送登记表": [*top, HEADER, article_row()]}), units, settings)
    assert uf.unit == "经济运行科" and uf.month == "2015-03"


# --- the month: a leftover sheet, a stale 报送月份 ---------------------------------------------------------


def _labels(month: str) -> list[object]:
    return ["报送单位：", "岳阳县工信局", None, "报送月份：", month]


def test_a_hidden_leftover_sheet_does_not_outweigh_the_visible_sheet(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """May's workbook carrying April's sheet hidden (上月): a May file, whichever month is consolidated."""
    april = [_labels("2015年4月"), HEADER, article_row(title="四月的一条", date=dt.datetime(2015, 4, 8))]
    may = [_labels("2015年5月"), HEADER, article_row(title="五月的一条", date=dt.datetime(2015, 5, 6))]
    path = write_xlsx(tmp_path / "岳阳县5月份政务信息.xlsx", {"Sheet1": may, "上月": april}, hidden=("上月",))
    for asked in ("2015-04", "2015-05"):
        uf = read_unit_workbook(path, units, month_hint=asked, settings=settings, other_month_ok=True)
        assert (uf.month, [r.values["title"] for r in uf.rows]) == ("2015-05", ["五月的一条"])
        assert [(s.name, s.read, s.why) for s in uf.sheets] == [
            ("Sheet1", True, ""), ("上月", False, "这张表写的是2015年4月，不是2015年5月")
        ]
    error = refused(path, units, settings, month="2015-04")  # in April's folder: May's file, not April's
    assert error.code == "F7" and "“报送月份”写的是2015年5月，本次汇总的是2015年4月" in str(error)
    # only the hidden sheet states a month: it still decides
    unnamed = write_xlsx(tmp_path / "岳阳县工信局.xlsx", {"Sheet1": [HEADER, article_row()], "上月": april}, hidden=("上月",))
    assert read(unnamed, units, settings, month="2015-04").month == "2015-04"
    assert refused(unnamed, units, settings, month="2015-03").code == "F7"


def test_a_stale_month_label_gives_way_to_the_file_name_and_the_dates(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """Last month's distributed workbook reused: 报送月份 (E2, locked) still says February, the name and every row
    say March. Read as March with a warning naming the cell; in February (or a flat inbox asked for February) it is
    March's file."""
    rows = [[TITLE], _labels("2015年2月"), HEADER, article_row(date=dt.datetime(2015, 3, 2)),
            article_row(title="岳阳县第二条", date="2015年3月9日")]  # fmt: skip
    path = write_xlsx(tmp_path / "岳阳县工信局_2015年03月_信息报送登记表.xlsx", rows)
    uf = read(path, units, settings)
    assert (uf.month, len(uf.rows)) == ("2015-03", 2)
    [warning] = uf.findings
    assert (warning.code, warning.severity, warning.sheet, warning.cell, warning.column) == (
        "F7", WARNING, "信息报送登记表", "E2", "报送月份")
    assert warning.message == (
        "岳阳县工信局_2015年03月_信息报送登记表.xlsx：报送月份（E2）写的是2015年2月，但文件名和各行日期都是2015年3月，"
        "已按2015年3月汇总；下月请用新下发的登记表"
    )
    error = refused(path, units, settings, month="2015-02")
    assert (error.code, str(error)) == ("F7",  # the unit's file is right: nothing for it to fix
        "岳阳县工信局_2015年03月_信息报送登记表.xlsx：文件名和各行日期写的是2015年3月，本次汇总的是2015年2月："
        "本文件将按2015年3月另行汇总，无需重报（协调人：请放入对应月份的文件夹另行汇总）")  # fmt: skip
    flat = read_unit_workbook(path, units, month_hint="2015-02", settings=settings, other_month_ok=True)
    assert flat.month == "2015-03"


def test_a_month_label_stays_refused_when_the_evidence_is_not_all_another_month(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """F7 where the label is not alone: the name says nothing, or one row is dated February."""
    march_rows = [article_row(date=dt.datetime(2015, 3, 2)), article_row(title="第二条", date=dt.datetime(2015, 3, 9))]
    nameless = write_xlsx(tmp_path / "岳阳县工信局.xlsx", [_labels("2015年2月"), HEADER, *march_rows])
    assert refused(nameless, units, settings).code == "F7"
    mixed = [_labels("2015年2月"), HEADER, march_rows[0], article_row(title="第二条", date=dt.datetime(2015, 2, 26))]
    assert refused(write_xlsx(tmp_path / "岳阳县工信局_2015年03月.xlsx", mixed), units, settings).code == "F7"
    february = [_labels("2015年2月"), HEADER, article_row(date=dt.datetime(2015, 2, 6))]
    error = refused(write_xlsx(tmp_path / "岳阳县工信局_2015年02月.xlsx", february), units, settings)
    assert str(error) == (
        "岳阳县工信局_2015年02月.xlsx：“报送月份”写的是2015年2月，本次汇总的是2015年3月：如是2015年3月的信息，"
        "请填入2015年3月下发的登记表后重新报送；如是2015年2月的信息，将按2015年2月另行汇总，无需重报"
        "（协调人：请放入对应月份的文件夹另行汇总）"
    )


def test_a_running_register_named_for_its_month_is_read_in_that_months_folder(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review X3 d6: March's workbook kept as a running register (报送月份 2015年3月, its 2 March rows left, 3 April
    rows added), named 4月 and filed in April's folder: read for April, the March rows as a 补报's (the rules judge
    them), the stale label named; without a majority of April rows the label stands."""
    march = [article_row(title=f"岳阳县三月信息{d}", date=dt.datetime(2015, 3, d)) for d in (5, 6)]
    april = [article_row(title=f"岳阳县四月信息{d}", date=dt.datetime(2015, 4, d)) for d in (5, 6, 7)]
    path = write_xlsx(tmp_path / "岳阳县工信局4月信息.xlsx", [[TITLE], _labels("2015年3月"), HEADER, *march, *april])
    uf = read(path, units, settings, month="2015-04")
    assert (uf.month, [r.row for r in uf.rows], [s.repeats for s in uf.sheets]) == ("2015-04", [4, 5, 6, 7, 8], [True])
    assert [(f.code, f.severity, f.cell, f.message) for f in uf.findings] == [("F7", WARNING, "E2",
        "岳阳县工信局4月信息.xlsx：报送月份（E2）写的是2015年3月，但文件名和多数行的日期是2015年4月，已按2015年4月汇总；"
        "下月请用新下发的登记表，只填当月的信息")]  # fmt: skip
    even = write_xlsx(tmp_path / "岳阳县工信局4月.xlsx", [[TITLE], _labels("2015年3月"), HEADER, *march, *april[:2]])
    assert refused(even, units, settings, month="2015-04").code == "F7"  # two rows each: the label stands


@pytest.mark.parametrize(("name", "urgent"), [
    ("3月信息及紧急事件.xlsx", False), ("3月信息和紧急情况.xlsx", False), ("3月信息及紧急政务信息.xlsx", False),
    ("3月信息与紧急情况报告.xlsx", False), ("3月信息及紧急事项.xlsx", False), ("3月信息、紧急稿件.xlsx", False),
    ("3月信息（含紧急信息）.xlsx", False), ("3月信息（紧急信息1条）.xlsx", False),
    ("紧急信息.xlsx", True), ("3月紧急信息.xlsx", True), ("3月信息（紧急）.xlsx", True), ("火灾及紧急处置情况.xlsx", True),
    ("3月信息快报.xlsx", False), ("突发事件报告.xlsx", False),
    ("平江县工信局关于暴雨灾情及紧急情况的报告.xlsx", True), ("岳阳县3月信息及紧急事件.xlsx", False),
    ("岳阳县工信局3月份政务信息及紧急情况.xlsx", False), ("3月信息及紧急情况（修改版）.xlsx", False),
    ("3月信息和紧急信息_v2.xlsx", False), ("暴雨灾情和紧急事件.xlsx", True), ("关于火灾及紧急情况报告.xlsx", True),
    ("3月信息及紧急情况的说明.xlsx", True),
    # review 10a: a return's name going on after the emergency words is still a return
    ("岳阳县工信局3月份信息及紧急信息报送登记表.xlsx", False), ("岳阳县3月信息和紧急信息汇总.xlsx", False),
    ("湘阴县3月政务信息及紧急信息登记表.xlsx", False), ("3月份信息报送登记表及紧急信息.xlsx", False),
    ("岳阳县3月信息及紧急情况的报告.xlsx", True),
    # review 11a: 以及/暨/&, a name going on with anything (报表, a date, the unit, 终稿, 更正), 报送及紧急信息报送
    ("3月政务信息以及紧急信息.xlsx", False), ("3月政务信息暨紧急信息报送表.xlsx", False), ("3月份信息&紧急信息.xlsx", False),
    ("3月政务信息及紧急信息报表.xlsx", False), ("政务信息及紧急信息2015年3月.xlsx", False),
    ("3月份政务信息及紧急信息岳阳县工信局.xlsx", False), ("3月份政务信息及紧急信息　岳阳县.xlsx", False),
    ("3月份政务信息及紧急信息终稿.xlsx", False), ("3月份政务信息及紧急信息更正.xlsx", False),
    ("3月份信息报送及紧急信息报送登记表.xlsx", False), ("3月份信息及两篇紧急信息.xlsx", False),
    ("岳阳县工信局3月31日政务信息及紧急信息.xlsx", False),
    # …and a name about one event (关于, a day, what happened) is a report even with 信息及紧急
    ("3月5日火灾信息及紧急情况报告.xlsx", True), ("关于3月份信息及紧急情况报告.xlsx", True),
    ("临湘化工厂爆炸事故信息及紧急事件报送表.xlsx", True), ("3月份紧急信息及续报.xlsx", True),
])  # fmt: skip
def test_a_name_says_an_emergency_report_or_a_return_holding_one(name: str, urgent: bool) -> None:
    """review 8a: 3月信息及紧急事件 / 和紧急情况 / 及紧急政务信息 is a return that also holds an emergency item, not an
    emergency report; a topic (火灾及紧急处置情况) and a name ending 紧急 still are one; 突发 and 快报 are not enough."""
    from xlflow.intake.returns import named_urgent

    assert named_urgent(name) is urgent
