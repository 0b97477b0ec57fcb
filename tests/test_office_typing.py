"""Dates and lengths as a city office types them, read through a whole month (library and CLI): half-day
words, the notice's own Chinese-numeral dates, a trailing full stop, a number typed for 3月12日, 字数 said
roughly; the template's formula rows an .xls keeps as 0; every finding code has a name."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import BODY, HEADER, article_row, write_xls, write_xlsx

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.receipts import receipt_path
from xlflow.core.model import ERROR, Finding
from xlflow.core.periods import Period
from xlflow.workspace import Workspace
from xlflow.writers.receipt import FINDINGS_SHEET, RECEIPT_SHEET

MARCH = Period.parse("2015-03")
NOW = dt.datetime(2015, 4, 3, 9, 0)
LABELS = ["报送单位：", "华容县工信局", None, "报送月份：", "2015年3月"]
DATES = ["2015年3月5日上午", "2015年3月6日 下午", "2015年3月9日晚", "3月10日下午", "二〇一五年三月五日", "2015.3.7.",
         "2015年3月11日（周三）上午", 3.12, 3.1]  # fmt: skip


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _month(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    rows = [article_row(seq=i + 1, date=d, title=f"华容县日期{i + 1}") for i, d in enumerate(DATES)]
    write_xlsx(inbox / "华容县工信局3月信息.xlsx", [LABELS, HEADER, *rows])
    lengths = ["约500字", "1000余字", "500多字", "500字左右", "500字以上", "约150字"]
    rows = [article_row(seq=i + 1, body=None, chars=c, title=f"岳阳楼区字数{i + 1}") for i, c in enumerate(lengths)]
    write_xlsx(inbox / "岳阳楼区工信局3月信息.xlsx", [["报送单位：", "岳阳楼区工信局", None, "报送月份：", "2015年3月"], HEADER, *rows])
    blank = [None, None, None, None, None, 0]
    rows = [["报送单位：", "临湘市工信局"], HEADER, article_row(title="临湘市信息"), *[blank] * 30]
    write_xls(inbox / "临湘市工信局3月.xls", rows)


def test_a_month_typed_as_offices_type(ws: Workspace) -> None:
    _month(ws)
    result = consolidate(ws, MARCH, None, now=NOW)
    assert result.data["counted"] == {"华容县工信局": 8, "岳阳楼区工信局": 5, "临湘市工信局": 1}
    assert result.data["findings"] == {"R5": 1, "R1": 1}
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    assert [r[7].value for r in book[RECEIPT_SHEET].iter_rows(min_row=6) if r[1].value in range(3, 12)] == [
        "计入"] * 8 + ["未计入"]
    [f] = [r for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert (f[3], f[5]) == ("B11", "R5 日期无效")
    assert f[7].startswith("报送日期填的是数字 3.1，是 3月1日 还是 3月10日")
    lengths = openpyxl.load_workbook(receipt_path(ws, "岳阳楼区工信局", MARCH))
    [short] = [r for r in lengths[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert (short[3], short[5], short[7]) == ("F8", "R1 字数不足", "字数为 150，不足 200 字：请补充后重新报送")
    quiet = openpyxl.load_workbook(receipt_path(ws, "临湘市工信局", MARCH))
    assert [r for r in quiet[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]] == []


def test_the_cli_counts_them_and_names_no_blank_rows(ws: Workspace) -> None:
    _month(ws)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 14 条（共 16 行，2 行有错误未计入）" in result.output
    assert "问题：R1 字数不足 1 条，R5 日期无效 1 条" in result.output
    assert "临湘市工信局3月.xls" not in result.output  # its 30 formula rows are blank, not "有内容"
    status = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    # 文件, 本月计入, 错误, 提示: the .xls has no 提示 for its blank rows
    assert re.search(r"华容县工信局\s+1\s+8\s+1\s+0\s+8/4\s+已完成", status.output), status.output
    assert re.search(r"临湘市工信局\s+1\s+1\s+0\s+0\s+1/4\s+差 3 条", status.output), status.output


def test_every_finding_code_has_a_name() -> None:
    """Each F-, R- and C-code the package gives is named (the receipt shows “F14 行未读取”, never a bare code)."""
    package = Path(__file__).parents[1] / "xlflow"
    source = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py"))
    codes = set(re.findall(r'"([FRC]\d{1,2})"', source))
    assert {f"F{n}" for n in range(1, 15)} | {f"R{n}" for n in range(1, 12)} <= codes
    unnamed = sorted(c for c in codes if not Finding("x.xlsx", "", None, "", "", c, ERROR, "").rule)
    assert unnamed == []
    assert Finding("x.xlsx", "", 8, "", "", "F14", ERROR, "").label == "F14 行未读取"
    assert Finding("x.xlsx", "", 8, "", "", "R11", ERROR, "").label == "R11 事件时间不明"  # not 迟报: no time to judge


def test_paragraphs_pasted_below_a_summary_typed_over_and_times_said_roughly(ws: Workspace) -> None:
    """Through the CLI: a Word selection pasted into the rows below its article is one article with its paragraphs
    named, not three rejected ones; a 字数 typed over the formula is named beside the short 正文; 9时许 is a time,
    and an emergency without one is not called late."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    paragraph = [None, None, None, None, "会议要求，各乡镇和有关部门要强化责任，细化措施。", 22]
    rows = [LABELS, HEADER, article_row(body="平江县召开全县工业经济工作会议，部署今年任务。" * 3), paragraph, paragraph,
            article_row(seq=2, title="华容县摘要", body="全文已传真。" * 5, chars=800),
            article_row(seq=3, title="华容县泄漏", urgency="紧急", date=dt.datetime(2015, 3, 8, 15), event_time="3月8日9时许"),
            article_row(seq=4, title="华容县停电", urgency="紧急", event_time=None)]  # fmt: skip
    write_xlsx(inbox / "华容县工信局3月信息.xlsx", rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 2 条（共 4 行，2 行有错误未计入）" in result.output
    assert "问题：R1 字数不足 2 条，R11 事件时间不明 1 条（提示）" in result.output and "迟报" not in result.output
    assert "第 4、5 行有内容但不是一条完整的信息，未读取（见回执）" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    assert book[RECEIPT_SHEET]["D4"].value == "本次报送 4 行：计入 2 条，未计入 2 条"
    found = [(r[3], r[5], r[7]) for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert [f[:2] for f in found] == [("E3", "R1 字数不足"), ("E4", "F14 行未读取"), ("E5", "F14 行未读取"),
                                      ("E6", "R1 字数不足"), ("L8", "R11 事件时间不明")]  # fmt: skip
    assert found[1][2].startswith("第 4 行只有正文，像是第 3 行正文的续段，未作为信息读取：请把它合并到 E3")
    assert found[3][2].startswith("字数栏填 800，但正文只有 30 字，不足 200 字：正文请粘贴全文；只传真全文时清空正文")


def test_a_word_table_pasted_under_an_article_is_no_article(ws: Workspace) -> None:
    """review X3 d4: a 3×3 Word table pasted under an article lands in 正文, 字数 and 是否含情况分析: its rows are
    named as part of the article above (merge them into it), not read as three articles with 15 errors."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    table = [("指标", "1-2月", "同比增长"), ("规模工业增加值", "12.3亿元", "8.5%"), ("工业用电量", "3.2亿千瓦时", "5.1%")]
    rows = [LABELS, HEADER, article_row(), *([None] * 4 + list(cells) for cells in table),
            article_row(seq=2, title="华容县第二条信息")]  # fmt: skip
    write_xlsx(inbox / "华容县工信局3月信息.xlsx", rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in result.output and "问题：无" in result.output
    assert "第 4—6 行有内容但不是一条完整的信息，未读取（见回执）" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    found = [(r[3], r[5], r[7]) for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert found == [(f"E{r}", "F14 行未读取", f"第 {r} 行只有正文和右边几列，像是粘贴在第 3 行正文下的表格，未作为信息读取："
                      "请把它合并到 E3（双击单元格，粘贴到正文末尾），删掉这一行后重新报送；如是另一条信息，请在这一行补填信息标题、"
                      "报送日期、信息类别和审签人") for r in (4, 5, 6)]  # fmt: skip
    assert any(line.endswith("第 4—6 行有内容但不是一条完整的信息，未读取（见回执）") for line in consolidate(ws, MARCH, None, now=NOW).warnings)


def test_an_article_missing_its_title_under_another_is_no_pasted_table(ws: Workspace) -> None:
    """sweep X6 i1: under an article, rows with a whole 正文 and 是/否 in 是否含情况分析 but no 标题, date, category or
    审签人 are articles whose fields were forgotten (R9, R5, R3: fix and resend), as is a short 正文 beside 是; a row of
    a table (指标 | 1-2月 | 增速) is still named as pasted under the article."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    rows = [LABELS, HEADER, article_row(), [None] * 4 + [BODY, 240, "否"], [None] * 4 + [BODY, None, "是"],
            [None] * 4 + ["指标", "1-2月", "增速"], [None] * 4 + ["全市工业经济运行平稳。", None, "是"]]  # fmt: skip
    write_xlsx(inbox / "华容县工信局3月信息.xlsx", rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 1 条（共 4 行，3 行有错误未计入）" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    found = [(r[3], r[5]) for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert [(cell, code) for cell, code in found if cell[1:] in ("4", "6")] == [
        ("H4", "R3 未审签"), ("B4", "R5 日期无效"), ("C4", "R9 标题为空"), ("D4", "R4 类别不明"), ("E6", "F14 行未读取")]
    assert [cell for cell, code in found if code == "R9 标题为空"] == ["C4", "C5", "C7"]


def test_event_times_as_emergency_reports_write_them(ws: Workspace) -> None:
    """Through the CLI: 约9时, 零时许, 夜间11时许, 9时多 are times; 3月7日晚 reported the next morning is not late,
    3月6日晚 is, counted from the evening's end and named as the unit wrote it."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    cases = [("3月8日约9时", "2015年3月8日"), ("3月8日上午约9时", "2015年3月8日"), ("3月8日零时许", "2015年3月8日"),
             ("3月7日夜间11时许", "2015年3月8日"), ("3月8日9时多", "2015年3月8日"), ("3月7日晚", "2015-03-08 10:00"),
             ("3月7日傍晚", "2015-03-08 12:00"), ("3月6日晚", "2015-03-08 10:00")]  # fmt: skip
    rows = [article_row(seq=i + 1, title=f"华容县突发事件{i + 1}", category="突发事件", urgency="紧急", date=date,
                        event_time=event) for i, (event, date) in enumerate(cases)]  # fmt: skip
    write_xlsx(inbox / "华容县工信局3月信息.xlsx", [LABELS, HEADER, *rows])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 8 条" in result.output and "问题：R7 紧急迟报 1 条（提示）" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))
    found = [(r[3], r[5], r[7]) for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert found == [("L10", "R7 紧急迟报", "紧急信息：事件发生于“3月6日晚”，2015-03-08 10:00 才报送，相隔至少 34 小时，"
                                            "超过 24 小时：紧急情况须在第一时间报送")]  # fmt: skip


def test_a_number_typed_into_the_date_cell_shows_as_typed(ws: Workspace) -> None:
    """Through the CLI: 3.1 typed into the template's date-formatted 报送日期 is stored as serial 3.1 (Excel shows
    1900-01-03): the receipt shows the 3.1 the unit typed, as 问题清单 names it, not 1900-01-03 02:24:00."""
    inbox = ws.inbox / "2015-03"
    inbox.mkdir(parents=True)
    typed = dt.datetime(1900, 1, 3, 2, 24)  # serial 3.1 in a yyyy-mm-dd hh:mm cell
    write_xlsx(inbox / "华容县工信局3月信息.xlsx", [LABELS, HEADER, article_row(date=typed, title="华容县用电量分析")])
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", MARCH))[RECEIPT_SHEET]
    [row] = [r for r in sheet.iter_rows(min_row=6, values_only=True) if r[3] == "华容县用电量分析"]
    assert (row[1], row[2], row[7], row[8]) == (3, "3.1", "未计入", "R5 日期无效（B3）")
