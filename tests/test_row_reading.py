"""How a row's cells are read as correspondents fill them in Excel or WPS, and what its hints then say: a hint on a
row not counted says nothing of counting; 同上 and 〃 read as the row above; a category in the notice's own words."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from helpers_ledger import make_workspace
from helpers_workbooks import article, unit_file
from test_notice_rules import consolidate, findings_of, receipt_rows, unit_book

from xlflow.checks.rows import check_file
from xlflow.commands.receipts import receipt_path
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.settings import Settings

SHORT = "字" * 120
SELF = "审签人与通讯员是同一人（王芳）：信息须由单位负责人或分管领导审签，不宜自审自签；"
CLERK = "审签人职务为“科员”，不是单位负责人：按通知，各工信局报送的信息由单位负责人审签；"


def problems(ws: object, unit: str) -> list[tuple[object, ...]]:
    """(单元格, 问题, 说明) of each line of the unit's 问题清单."""
    book = openpyxl.load_workbook(receipt_path(ws, unit, Period.parse("2015-03")))
    return [(r[3], r[5], r[7]) for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[5]]


# --- a hint on a row not counted says nothing of counting --------------------------------------------------


def test_hints_say_counted_only_on_a_counted_row(settings: Settings) -> None:
    hinted = {"category": None, "signer": "王芳", "signer_title": "科员", "urgency": "紧急", "event_time": None}
    counted, refused = check_file(unit_file([article(**hinted), article(**hinted, title="另一条", body=SHORT)]), settings=settings)
    assert counted.counted and [(f.code, f.message) for f in counted.findings] == [
        ("R4", "没有填写信息类别：本条照常计入，归“其他”类；以后请从下拉列表选择六类之一"),
        ("R11", "标为紧急，但没有填写事件发生时间，无法判断是否迟报：本条照常计入；以后请填写事件发生的日期和时间（如 2015-03-05 08:30）"),
        ("R8", f"{SELF}本条照常计入，以后请由审签领导审签"),
        ("R13", f"{CLERK}本条照常计入，以后请由单位负责人审签，并填写其姓名和职务"),
    ]
    assert not refused.counted and [(f.code, f.message) for f in refused.findings] == [
        ("R1", "正文只有 120 字，不足 200 字：请补充后重新报送"),
        ("R4", "没有填写信息类别：归“其他”类；以后请从下拉列表选择六类之一"),
        ("R11", "标为紧急，但没有填写事件发生时间，无法判断是否迟报：以后请填写事件发生的日期和时间（如 2015-03-05 08:30）"),
        ("R8", f"{SELF}以后请由审签领导审签"),
        ("R13", f"{CLERK}以后请由单位负责人审签，并填写其姓名和职务"),
    ]


def test_a_refused_rows_hints_on_the_receipt(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    ws = make_workspace(tmp_path / "ws")
    book = unit_book(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "平江县工信局", [
        {"title": "平江县召开企业座谈会", "category": None, "body": SHORT, "signer": "张三", "signer_title": "科员"},
        {"title": "平江县开展企业服务", "category": "综合", "date": "2015-03-06"}])  # fmt: skip
    said = findings_of(book, units, settings)
    assert said[0][1:] == [("R4", "没有填写信息类别：归“其他”类；以后请从下拉列表选择六类之一"),
                           ("R13", "审签人职务为“科员”，不是单位负责人：按通知，各工信局报送的信息由单位负责人审签；"
                                   "以后请由单位负责人审签，并填写其姓名和职务")]  # fmt: skip
    assert said[1] == [("R4", "信息类别“综合”不在六类之中：本条照常计入，归“其他”类；以后请从下拉列表选择类别")]
    consolidate(ws.root)
    assert receipt_rows(ws, "平江县工信局") == [
        ("平江县召开企业座谈会", "未计入", "R1 字数不足（E4）；R4 类别不明（D4）；R13 审签人职务不符（I4）"),
        ("平江县开展企业服务", "计入", "R4 类别不明（D5）")]  # fmt: skip
    lines = problems(ws, "平江县工信局")
    assert ("D4", "R4 类别不明", "没有填写信息类别：归“其他”类；以后请从下拉列表选择六类之一") in lines
    assert not [m for _, _, m in lines if "照常计入" in m and m.startswith(("没有填写", "审签人职务"))]
