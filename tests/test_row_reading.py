"""How a row's cells are read as correspondents fill them in Excel or WPS, and what its hints then say: a hint on a
row not counted says nothing of counting; 同上 and 〃 read as the row above; a category in the notice's own words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import BODY, article, unit_file
from test_notice_rules import consolidate, findings_of, receipt_rows, unit_book

import xlflow
from xlflow.checks.rows import category_of, check_file
from xlflow.cli import cli
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


def _hints(ws: object, row: int) -> list[tuple[str, str]]:
    """(代码, 说明) of one row's lines in the 工作底稿's 问题稿件 (xlflow.Workspace.findings)."""
    found = xlflow.Workspace(ws.root).findings("2015-03")  # type: ignore[attr-defined]
    return [(r.代码, r.说明) for r in found.itertuples() if r.行号 == row]


def test_a_row_left_uncounted_by_r6_says_nothing_of_counting(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    unit_book(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "平江县工信局", [
        {"title": "平江县召开工业经济调度会", "date": "2015-03-05"},
        {"title": "平江县召开工业经济调度会", "date": "2015-03-09", "category": "会议", "signer": "王芳",
         "signer_title": "科员", "body": BODY + "（又一次）"}])  # fmt: skip
    consolidate(ws.root)
    assert receipt_rows(ws, "平江县工信局")[1] == (
        "平江县召开工业经济调度会", "未计入", "R4 类别不明（D5）；R8 自审自签（H5）；R13 审签人职务不符（I5）；R6 重复报送（C5）")
    said = [("C5", "R6 重复报送", "与已计入的信息标题相同（本文件第 4 行）：同一篇信息只计一次；如是新信息，请修改标题后重新报送"),
            ("D5", "R4 类别不明", "信息类别“会议”不在六类之中：归“其他”类；以后请从下拉列表选择类别"),
            ("H5", "R8 自审自签", f"{SELF}以后请由审签领导审签"),
            ("I5", "R13 审签人职务不符", f"{CLERK}以后请由单位负责人审签，并填写其姓名和职务")]  # fmt: skip
    assert sorted(problems(ws, "平江县工信局")) == said
    assert sorted(_hints(ws, 5)) == [("R13", said[3][2]), ("R4", said[1][2]), ("R6", said[0][2]), ("R8", said[2][2])]


def test_a_resent_copy_counted_elsewhere_says_nothing_of_counting_until_it_counts(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    main = unit_book(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "平江县工信局", [{"title": "平江县开展企业服务"}])
    unit_book(ws.inbox / "2015-03" / "平江县工信局_2015年03月（补报）.xlsx", "平江县工信局",
              [{"title": "平江县开展企业服务", "category": "综合"}])  # fmt: skip
    consolidate(ws.root)
    assert receipt_rows(ws, "平江县工信局")[1:] == [("平江县开展企业服务", "计入", None),  # [0]: the header, below two files
                                                ("平江县开展企业服务", "已在其他行计入", "R4 类别不明（D4）；R6 重复报送（C4）")]
    assert _hints(ws, 4)[0] == ("R4", "信息类别“综合”不在六类之中：归“其他”类；以后请从下拉列表选择类别")
    main.unlink()  # the copy counted is gone: the resent row counts, and says so again
    consolidate(ws.root)
    assert receipt_rows(ws, "平江县工信局") == [("平江县开展企业服务", "计入", "R4 类别不明（D4）")]
    assert _hints(ws, 4) == [("R4", "信息类别“综合”不在六类之中：本条照常计入，归“其他”类；以后请从下拉列表选择类别")]


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


# --- 同上, 〃: the row above -----------------------------------------------------------------------------

RULE = "工信局的信息须经单位负责人审签，科室的信息须经分管领导审签"


def test_ditto_marks_read_as_the_row_above(settings: Settings) -> None:
    first = {"signer": "同上", "signer_title": None, "category": "〃", "analysis": "否"}  # nothing above: as empty
    indicator = {"title": "岳阳县1-2月规模工业增加值增长8.5%", "category": "经济运行", "analysis": "是"}
    marks = [(m, m, m, "同上") for m in ("同上", "〃", '"', "ditto", "同上。")]
    rows = [article(**first), article(**indicator, signer="李建国", signer_title="局长")]
    rows += [article(title=f"岳阳县1-{i + 2}月规模工业增加值增长8.5%", signer=s, signer_title=t, category=c, analysis=a)
             for i, (s, t, c, a) in enumerate(marks)]  # fmt: skip
    read = check_file(unit_file(rows), settings=settings)
    assert [(a.counted, a.signer, a.signer_title, a.category, a.analysis) for a in read] == [
        (False, "", "", "其他", False), *[(True, "李建国", "局长", "经济运行", True)] * 6]
    assert [(f.code, f.cell, f.message) for f in read[0].findings] == [
        ("R14", "H4", "“审签人”写的是“同上”，但上面没有填写审签人的行，按没有填写看：请逐行填写"),
        ("R14", "D4", "“信息类别”写的是“〃”，但上面没有填写信息类别的行，按没有填写看：请逐行填写"),
        ("R4", "D4", "没有填写信息类别：归“其他”类；以后请从下拉列表选择六类之一"),
        ("R3", "H4", f"没有审签人：{RULE}，请补填后重新报送"),
    ]
    assert read[1].findings == []
    assert [(f.code, f.cell, f.message) for f in read[3].findings] == [  # a mark under a mark: where the value is
        ("R14", "H7", "“审签人”写的是“〃”，按第 5 行的“李建国”读取：以后请逐行填写"),
        ("R14", "I7", "“审签人职务”写的是“〃”，按第 5 行的“局长”读取：以后请逐行填写"),
        ("R14", "D7", "“信息类别”写的是“〃”，按第 5 行的“经济运行”读取：以后请逐行填写"),
        ("R14", "G7", "“是否含情况分析”写的是“同上”，按第 5 行的“是”读取：以后请逐行填写"),
    ]
    assert [len(a.findings) for a in read[2:]] == [4] * 5 and all(f.code == "R14" for a in read[2:] for f in a.findings)


def test_a_ditto_mark_takes_the_row_above_in_its_sheet_only(settings: Settings) -> None:
    rows = [article(signer="同上", category="同上", analysis="同上")]  # the same marks on another sheet's first row
    other = unit_file([article(signer="王五"), *rows])
    other.rows[1].sheet = "2月补"
    kept, copied = check_file(other, settings=settings)
    assert (kept.signer, copied.signer, copied.counted) == ("王五", "", False)
    assert [f.code for f in copied.findings] == ["R14", "R14", "R14", "R4", "R3"]


def test_ditto_marks_on_the_receipt(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """A clerk typing 同上 and 〃 under the first row's signer: read as 李建国, counted, each said on the receipt."""
    ws = make_workspace(tmp_path / "ws")
    signers = [("李建国", "局长"), ("同上", "局长"), ("〃", "局长"), ("同上", "同上")]
    book = unit_book(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "平江县工信局", [
        {"title": f"平江县第{i + 1}条工作信息", "signer": s, "signer_title": t, "date": f"2015-03-{i + 2:02d}"}
        for i, (s, t) in enumerate(signers)])  # fmt: skip
    assert findings_of(book, units, settings) == [[], [("R14", "“审签人”写的是“同上”，按第 4 行的“李建国”读取：以后请逐行填写")],
        [("R14", "“审签人”写的是“〃”，按第 4 行的“李建国”读取：以后请逐行填写")],
        [("R14", "“审签人”写的是“同上”，按第 4 行的“李建国”读取：以后请逐行填写"),
         ("R14", "“审签人职务”写的是“同上”，按第 6 行的“局长”读取：以后请逐行填写")]]  # fmt: skip
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）\n  问题：R14 照抄上一行 4 条（提示）\n" in consolidate(ws.root)
    read = xlflow.Workspace(ws.root).articles("2015-03")
    assert list(read["审签人"]) == ["李建国"] * 4
    # review X5 D7: one label per rule, naming the columns copied, not "R14 照抄上一行；R14 照抄上一行"
    assert list(read["问题"]) == ["", "R14 照抄上一行", "R14 照抄上一行", "R14 照抄上一行（审签人、审签人职务）"]
    out = tmp_path / "台账.xlsx"
    result = CliRunner().invoke(cli, ["export", "--period", "2015-03", "--out", str(out), "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert [r[8] for r in openpyxl.load_workbook(out)["台账"].iter_rows(min_row=2, values_only=True)][:4] == [
        None, "R14 照抄上一行", "R14 照抄上一行", "R14 照抄上一行（审签人、审签人职务）"]
    assert receipt_rows(ws, "平江县工信局")[2] == ("平江县第3条工作信息", "计入", "R14 照抄上一行（H6）")
    assert ("H6", "R14 照抄上一行", "“审签人”写的是“〃”，按第 4 行的“李建国”读取：以后请逐行填写") in problems(ws, "平江县工信局")


# --- a date typed as a number, an emergency a little late: said as they are ----------------------------------


@pytest.mark.parametrize(("typed", "month", "example"), [
    (3.2, "2015-03", "请写成 2015-03-02 或 2015-03-20 后重新报送"), (4.1, "2015-04", "请写成 2015-04-01 或 2015-04-10 后重新报送"),
    (12.3, "2016-01", "请写成 2015-12-03 或 2015-12-30 后重新报送"), (1.2, "2016-01", "请写成 2016-01-02 或 2016-01-20 后重新报送"),
    (12.1, "2015-03", "请写成 2015-12-01 或 2015-12-10 后重新报送")])  # the workspace's year (2015), else the file's
def test_an_ambiguous_number_is_told_its_own_dates(settings: Settings, typed: float, month: str, example: str) -> None:
    [a] = check_file(unit_file([article(date=typed)], month=month), settings=settings)
    n, (m, d) = f"{typed:g}", f"{typed:g}".split(".")
    assert [(f.code, f.message) for f in a.findings] == [
        ("R5", f"报送日期填的是数字 {n}，是 {m}月{d}日 还是 {m}月{d}0日（Excel 会把 {n}0 存成 {n}）无法确定：{example}")]


def test_a_late_emergency_says_its_hours_and_minutes(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    ws = make_workspace(tmp_path / "ws")
    fire = {"urgency": "紧急", "category": "突发事件", "title": "平江县某企业发生火灾"}
    book = unit_book(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "平江县工信局", [
        {**fire, "date": "2015/3/6 0:40", "event_time": "2015/3/5 0:10"},
        {**fire, "title": "平江县某企业发生爆炸", "date": "2015/3/6 0:10", "event_time": "2015/3/5 0:10"},
        {**fire, "title": "平江县某企业发生泄漏", "date": dt.datetime(2015, 3, 6, 0, 10, 30), "event_time": "2015/3/5 0:10"},
        {**fire, "title": "平江县某企业发生停电", "date": dt.datetime(2015, 3, 6, 0, 11), "event_time": "2015/3/5 0:10"}])  # fmt: skip
    late = "紧急信息：事件发生于 2015-03-05 00:10，2015-03-06 00:40 才报送，相隔约 24 小时 30 分，超过 24 小时：紧急情况须在第一时间报送"
    minute = "紧急信息：事件发生于 2015-03-05 00:10，2015-03-06 00:11 才报送，相隔约 24 小时 1 分，超过 24 小时：紧急情况须在第一时间报送"
    # exactly 24 hours in the minutes shown (00:10:30 reads 00:10): in time
    assert findings_of(book, units, settings) == [[("R7", late)], [], [], [("R7", minute)]]
    consolidate(ws.root)
    assert [p for p in problems(ws, "平江县工信局") if p[1] == "R7 紧急迟报"] == [("L4", "R7 紧急迟报", late),
                                                                          ("L7", "R7 紧急迟报", minute)]
