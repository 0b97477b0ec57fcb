"""How a row's cells are read as correspondents fill them in Excel or WPS, and what its hints then say: a hint on a
row not counted says nothing of counting; 同上 and 〃 read as the row above; a category in the notice's own words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from helpers_ledger import make_workspace
from helpers_workbooks import article, unit_file
from test_notice_rules import consolidate, findings_of, receipt_rows, unit_book

import xlflow
from xlflow.checks.rows import category_of, check_file
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


# --- a category in the notice's own words ------------------------------------------------------------------

CATEGORY_WORDS = [  # (typed, read as)
    ("新情况、新问题", "新情况新问题"), ("新情况，新问题类", "新情况新问题"), ("新问题", "新情况新问题"),
    ("产业园区、企业、项目", "产业园区企业项目"), ("园区企业项目", "产业园区企业项目"), ("企业项目", "产业园区企业项目"),
    ("产业园区", "产业园区企业项目"), ("突发", "突发事件"), ("（突发）", "突发事件"), ("政策 落实。", "政策落实"),
    # what was read before stays read
    ("工作动态类", "工作动态"), ("3", "工作动态"), (3, "工作动态"), ("3.工作动态", "工作动态"), ("三、工作动态", "工作动态"),
    ("经济运行分析", "经济运行"), ("2类.", "经济运行"), ("突发事件", "突发事件"),
    # not one category: 其他 (R4)
    ("企业", None), ("项目", None), ("园区", None), ("动态", None), ("工作信息", None), ("综合", None),
    ("工作动态/政策落实", None), ("经济运行、新问题", None), ("23", None),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "category"), CATEGORY_WORDS)
def test_a_category_in_the_notices_words(typed: object, category: str | None) -> None:
    assert category_of(typed) == category


def test_categories_in_the_notices_words_on_the_ledger(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """突发 is 突发事件: reported 30 hours after the event it is late (R7) though not marked 紧急."""
    ws = make_workspace(tmp_path / "ws")
    typed = ["新情况、新问题", "产业园区、企业、项目", "园区企业项目", "突发", "企业"]
    rows = [{"title": f"平江县第{i + 1}条信息", "category": c, "date": f"2015-03-{i + 2:02d}"} for i, c in enumerate(typed)]
    rows[3].update(date=dt.datetime(2015, 3, 5, 16), event_time=dt.datetime(2015, 3, 4, 10))
    book = unit_book(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "平江县工信局", rows)
    assert [[c for c, _ in row] for row in findings_of(book, units, settings)] == [[], [], [], ["R7"], ["R4"]]
    assert "计入稿件 5 条（共 5 行，0 行有错误未计入）\n  问题：R4 类别不明 1 条（提示），R7 紧急迟报 1 条（提示）\n" in consolidate(ws.root)
    read = xlflow.Workspace(ws.root).articles("2015-03")
    assert list(read["信息类别"]) == ["新情况新问题", "产业园区企业项目", "产业园区企业项目", "突发事件", "其他"]
    assert receipt_rows(ws, "平江县工信局")[3:] == [("平江县第4条信息", "计入", "R7 紧急迟报（L7）"),
                                                    ("平江县第5条信息", "计入", "R4 类别不明（D8）")]  # fmt: skip
