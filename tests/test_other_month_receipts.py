"""Other months' receipts follow the ledger (review V1): a quarterly unit's quarter to date, a 补报 row dated in
another month, and an F8 line of an article no longer counted that another month counts, whatever the order the
months are consolidated in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.api import Workspace as Api
from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.receipts import receipt_path
from xlflow.commands.status import status
from xlflow.core.model import WARNING, Finding
from xlflow.core.periods import Period
from xlflow.core.text import normalize_title
from xlflow.intake.versions import lost_title, still_lost
from xlflow.workspace import Workspace
from xlflow.writers.receipt import FINDINGS_SHEET, RECEIPT_SHEET

NOW = dt.datetime(2015, 4, 3, 9, 0)
JS = "君山区工信局"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _send(ws: Workspace, month: int, name: str, unit: str, titles: list[tuple[str, int, int]], day: int) -> None:
    """`unit`'s file `name` in inbox/2015-0M, one row (title, month, day) each, saved on day `day` of the month."""
    rows = [report_row(title, d, month=m) for title, m, d in titles]
    write_report(ws.inbox / f"2015-{month:02d}" / name, unit, rows, month=f"2015年{month}月",
                 mtime=dt.datetime(2015, month, day).timestamp())  # fmt: skip


def _cli(ws: Workspace, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    return result.output


def _progress(ws: Workspace, unit: str, month: int) -> tuple[str, int, int]:
    """考核期间, 任务数 and 计入数 as the receipt of `unit` for 2015-0M shows them."""
    row = next(openpyxl.load_workbook(receipt_path(ws, unit, Period(2015, "M", month)))[RECEIPT_SHEET].iter_rows(
        min_row=4, max_row=4, values_only=True))  # fmt: skip
    return row[0], row[4], row[5]


def _office(ws: Workspace) -> None:
    """办公室 (assessed by quarter, 1 article due) sends one article in each month of the first quarter."""
    for month in (1, 2, 3):
        _send(ws, month, f"办公室_2015年{month:02d}月.xlsx", "办公室", [(f"办公室{month}月信息", month, 10)], 20)


def test_a_quarterly_units_receipts_hold_the_quarter_to_date_whatever_the_order(ws: Workspace) -> None:
    """March, January, then February consolidated: each later receipt of the quarter is written again with the
    quarter to date (March's said 1 after March, 2 after January), and the summary names it (CLI)."""
    _office(ws)
    assert "其他月份的回执" not in _cli(ws, "consolidate", "--month", "2015-03")
    assert "  其他月份的回执随之更新 1 份：2015年3月 办公室\n" in _cli(ws, "consolidate", "--month", "2015-01")
    assert _progress(ws, "办公室", 3) == ("2015年第一季度（截至3月）", 1, 2)
    assert "  其他月份的回执随之更新 1 份：2015年3月 办公室\n" in _cli(ws, "consolidate", "--month", "2015-02")
    assert [_progress(ws, "办公室", m) for m in (1, 2, 3)] == [
        ("2015年第一季度（截至1月）", 1, 1), ("2015年第一季度（截至2月）", 1, 2), ("2015年第一季度（截至3月）", 1, 3)]
    rates = Api(ws.root).rates("2015-03")
    assert int(rates.loc[rates["单位名称"] == "办公室", "报送数"].iloc[0]) == 3


def test_a_resent_january_updates_the_quarters_later_receipts(ws: Workspace) -> None:
    """Months consolidated in order, then 办公室 resends January with one more article: February's and March's
    receipts say 3 and 4, and the summary lists both."""
    _office(ws)
    for month in (1, 2, 3):
        consolidate(ws, Period(2015, "M", month), None, now=NOW)
    _send(ws, 1, "办公室_2015年01月（更正）.xlsx", "办公室", [("办公室1月信息", 1, 10), ("办公室1月又一条", 1, 12)], 25)
    result = consolidate(ws, Period(2015, "M", 1), None, now=NOW)
    assert "其他月份的回执随之更新 2 份：2015年2月 办公室、2015年3月 办公室" in result.lines
    assert [_progress(ws, "办公室", m)[2] for m in (1, 2, 3)] == [2, 3, 4]


def test_a_supplement_dated_in_february_updates_februarys_receipt(ws: Workspace) -> None:
    """湘阴县 sends 2 articles in February, then a March 补报 of one more February article: it counts in
    February, whose receipt now says 3 (CLI), as status does."""
    unit = "湘阴县工信局"
    _send(ws, 2, f"{unit}_2015年02月.xlsx", unit, [("湘阴县二月动态1", 2, 5), ("湘阴县二月动态2", 2, 6)], 26)
    _send(ws, 3, f"{unit}_2015年03月_补报.xlsx", unit, [("湘阴县二月补报新稿", 2, 20)], 27)
    _cli(ws, "consolidate", "--month", "2015-02")
    assert "  其他月份的回执随之更新 1 份：2015年2月 湘阴县工信局\n" in _cli(ws, "consolidate", "--month", "2015-03")
    assert _progress(ws, unit, 2) == ("2015年2月", 4, 3)
    line = next(s for s in _cli(ws, "status", "--month", "2015-02").splitlines() if unit in s)
    assert line.split()[1:4] == [unit, "1", "3"]  # 文件, 本月计入


@pytest.mark.parametrize("order", [(2, 3), (3, 2)])
def test_februarys_receipt_names_the_march_row_it_counts(ws: Workspace, order: tuple[int, int]) -> None:
    """review W2: the March 补报's February row makes February's 计入数 3 while February's receipt lists 2 rows: the
    receipt says why, naming the file, row and title, whichever month was consolidated first (March's through the
    CLI); March's receipt still says the row counts in February."""
    unit = "湘阴县工信局"
    _send(ws, 2, f"{unit}_2015年02月.xlsx", unit, [("湘阴县二月动态1", 2, 5), ("湘阴县二月动态2", 2, 6)], 26)
    _send(ws, 3, f"{unit}_2015年03月_补报.xlsx", unit, [("湘阴县三月动态", 3, 3), ("湘阴县二月补报新稿", 2, 20)], 27)
    for month in order:
        if month == 3:
            _cli(ws, "consolidate", "--month", "2015-03")
        else:
            consolidate(ws, Period(2015, "M", 2), None, now=NOW)
    sheet = openpyxl.load_workbook(receipt_path(ws, unit, Period(2015, "M", 2)))[RECEIPT_SHEET]
    assert [sheet["D4"].value, sheet["F4"].value] == [
        "本次报送 2 行：计入 2 条（另有 1 条在其他月份报送的文件中、按报送日期计入本月，见下），未计入 0 条", 3]
    assert [sheet.cell(r, 1).value for r in (5, 6, 7, 8)] == [
        f"文件“{unit}_2015年02月.xlsx”：工作表“信息报送登记表”：第 5—6 行，2 条",
        f"在其他月份报送的文件中、按报送日期计入本月：2015年3月“{unit}_2015年03月_补报.xlsx”第 6 行《湘阴县二月补报新稿》",
        None, "序号"]
    march = openpyxl.load_workbook(receipt_path(ws, unit, Period(2015, "M", 3)))[RECEIPT_SHEET]
    assert march["D4"].value == "本次报送 2 行：计入 1 条（另有 1 条按报送日期计入2015年2月），未计入 0 条"
    assert [march["A6"].value, march["A7"].value] == [None, "序号"]


def _junshan(ws: Workspace) -> None:
    """君山区's February file (T and A) is replaced by a 更正 holding only A; its March file carries T again."""
    _send(ws, 2, f"{JS}_2015年02月.xlsx", JS, [("君山区食品产业发展", 2, 9), ("君山区二月稿", 2, 10)], 26)
    _send(ws, 2, f"{JS}_2015年02月（更正）.xlsx", JS, [("君山区二月稿", 2, 10)], 28)
    _send(ws, 3, f"{JS}_2015年03月.xlsx", JS, [("君山区食品产业发展", 3, 9), ("君山区三月稿", 3, 10)], 28)


@pytest.mark.parametrize("order", [(2, 3), (3, 2)])
def test_an_article_counted_in_march_is_not_lost_in_february_whatever_the_order(
    ws: Workspace, order: tuple[int, int]
) -> None:
    """T counts in March: February's receipt, its 问题清单, the 工作底稿's findings, status and the 催报 do not say
    it is no longer counted, whichever month was consolidated first (CLI); February first, March's run rewrites
    February's receipt and says so."""
    _junshan(ws)
    outputs = [_cli(ws, "consolidate", "--month", f"2015-{m:02d}") for m in order]
    if order == (2, 3):
        assert "  其他月份的回执随之更新 1 份：2015年2月 君山区工信局\n" in outputs[1]
    old, fix = f"{JS}_2015年02月.xlsx", f"{JS}_2015年02月（更正）.xlsx"
    said = f"{old}：已由更正文件 {fix} 替代，本文件未计入"  # the unit's receipt leaves the coordinator's part out
    book = openpyxl.load_workbook(receipt_path(ws, JS, Period(2015, "M", 2)))
    lines = [c.value for c in book[RECEIPT_SHEET]["A"] if isinstance(c.value, str) and c.value.startswith("文件")]
    assert lines == [f"文件“{fix}”：工作表“信息报送登记表”：第 5 行，1 条",
                     f"文件“{old}”：已由“{fix}”替代，未计入（见“问题清单”）"]  # fmt: skip
    assert [r[7] for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True)] == [said]
    whole = f"{said}（协调人：如应以本文件为准，请把 {fix} 移出收件文件夹后重新汇总）"
    assert list(Api(ws.root).findings("2015-02")["说明"]) == [whole]
    _cli(ws, "bulletin", "--period", "2015-Q1")
    papers = openpyxl.load_workbook(ws.out / "工作底稿_2015年第一季度.xlsx")["问题稿件"]
    assert [whole in r for r in papers.iter_rows(values_only=True) if r[1] == JS] == [True]
    result = status(ws, Period(2015, "M", 2), remind=True, today=dt.date(2015, 4, 3))
    assert "不再计入" not in "".join(result.data["notices"])
    line = next(s for s in _cli(ws, "status", "--month", "2015-02").splitlines() if JS in s)
    assert line.split()[1:6] == [JS, "1", "1", "0", "1"]  # 文件, 本月计入, 错误, 提示: the file's own F8 line


def _f8(message: str, row: int | None, file: str = "a.xlsx", column: str = "信息标题") -> Finding:
    return Finding(file, "Sheet1" if row else "", row, column if row or column else "", "", "F8", WARNING, message, JS, "2015-03")


def test_a_replaced_files_line_counts_only_what_is_still_lost() -> None:
    """Of 3 articles a replaced file lost, 2 count in February now: its line says 1, the 2 lines go; when none is
    left the clause goes (both wordings); a saved-over file's line (上次汇总时) goes the same way."""
    head = "a.xlsx：与 b.xlsx 同为君山区工信局2015年3月的报送文件，已按修改时间较晚的 b.xlsx 汇总，本文件未计入"
    tail = "：如本文件才是正确的，请在文件名中写明“更正”后重新报送"
    lines = [_f8(f"{head}，其中 3 条信息在 b.xlsx 中没有，不再计入{tail}", None, column=""),
             *(_f8(f"《动态{i}》（a.xlsx 第 {i + 2} 行）不再计入：以 b.xlsx 为准", i + 2) for i in (1, 2, 3))]  # fmt: skip
    counted = [(JS, "2015-02", "动态1"), (JS, "2015-02", "动态2"), (JS, "2015-03", "动态3")]  # 动态3: this month's
    assert [f.message for f in still_lost(lines, counted)] == [
        f"{head}，其中 1 条信息在 b.xlsx 中没有，不再计入{tail}", "《动态3》（a.xlsx 第 5 行）不再计入：以 b.xlsx 为准"]
    assert [f.message for f in still_lost(lines, [*counted, (JS, "2015-04", "动态3")])] == [f"{head}{tail}"]
    fixed = "a.xlsx：已由更正文件 b.xlsx 替代，本文件未计入"
    correction = [_f8(f"{fixed}；其中 1 条可计入的信息 b.xlsx 中没有，不再计入：如仍要报送，请补入 b.xlsx 后重新报送"
                      "（协调人：如应以本文件为准）", None, column=""),
                  _f8("《关于《规划》的说明》（a.xlsx 第 4 行）不再计入：更正文件 b.xlsx 中没有这条信息", 4)]  # fmt: skip
    assert [f.message for f in still_lost(correction, [(JS, "2015-01", normalize_title("关于《规划》的说明"))])] == [
        f"{fixed}（协调人：如应以本文件为准）"]
    saved_over = _f8("《动态1》（上次汇总时在第 4 行）不再计入：重新报送的 a.xlsx 中已没有这条可计入的信息", None)
    assert lost_title(saved_over) == "《动态1》"
    assert still_lost([saved_over], counted) == []


def test_other_months_receipts_are_not_claimed_when_none_can_be_written(ws: Workspace) -> None:
    """review W3-4: out/回执 cannot be made (a file of that name): no receipt is written, and the summary does not
    say that other months' receipts were updated."""
    _office(ws)
    for month in (1, 2, 3):
        consolidate(ws, Period(2015, "M", month), None, now=NOW)
    receipts = receipt_path(ws, "办公室", Period(2015, "M", 1)).parent.parent
    for folder in receipts.iterdir():
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    receipts.rmdir()
    receipts.write_text("not a folder")
    _send(ws, 1, "办公室_2015年01月.xlsx", "办公室", [("办公室1月信息", 1, 10), ("办公室1月信息二", 1, 12)], 25)
    text = consolidate(ws, Period(2015, "M", 1), None, now=NOW).render()
    assert "未能写入" in text and "其他月份的回执随之更新" not in text


def _footer(ws: Workspace, unit: str, month: int) -> str:
    rows = openpyxl.load_workbook(receipt_path(ws, unit, Period(2015, "M", month)))[RECEIPT_SHEET].iter_rows(values_only=True)
    return next(str(r[0]) for r in rows if r[0] and str(r[0]).startswith("说明"))


def test_a_raised_min_chars_rewrites_no_other_months_receipt(ws: Workspace) -> None:
    """Review X5 D3: min_chars raised to 800 and March consolidated again: March's article is now too short; January's
    and February's receipts (checked at 200, the quarter to date unchanged) are not rewritten with 800 in the footer."""
    _office(ws)
    for month in ("2015-01", "2015-02", "2015-03"):
        _cli(ws, "consolidate", "--month", month)
    settings = ws.root / "xlflow.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("min_chars = 200", "min_chars = 800"), encoding="utf-8")
    output = _cli(ws, "consolidate", "--month", "2015-03", "--recheck")  # else March keeps the 200 it was checked with
    assert "计入稿件 0 条" in output and "其他月份的回执" not in output
    assert "每条信息不少于 200 字" in _footer(ws, "办公室", 1) and "每条信息不少于 200 字" in _footer(ws, "办公室", 2)
    assert "每条信息不少于 800 字" in _footer(ws, "办公室", 3)
    assert [_progress(ws, "办公室", m)[2] for m in (1, 2, 3)] == [1, 2, 2]
