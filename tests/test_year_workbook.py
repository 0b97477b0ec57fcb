"""review 6: a unit keeping one workbook for the year, one sheet a month (1月, 2月, 3月), sending it whole each
month: only the month's sheet is read, the others are named (F12), not re-read as R6 errors. Library and CLI."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import HEADER, article_row, write_xlsx

from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.model import ERROR
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
from xlflow.ledger import Ledger
from xlflow.settings import Settings

NAME = "华容县工信局信息报送登记表.xlsx"


def _sheet(month: int) -> list[list[object]]:
    return [["华容县工信局政务信息报送登记表"], HEADER,
            *(article_row(title=f"华容{month}月信息{i}", date=dt.datetime(2015, month, 4 + i)) for i in (1, 2, 3))]  # fmt: skip


def _book(path: Path, names: list[str], first: int = 1) -> Path:
    """Sheets of these names, the first one's rows dated in month `first`, the next one's in the month after …"""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_xlsx(path, {name: _sheet(month) for month, name in enumerate(names, start=first)})


def test_only_the_months_sheet_is_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = _book(tmp_path / NAME, ["1月", "2015年2月", "三月"])
    uf = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
    assert (uf.unit, uf.month, [r.values["title"] for r in uf.rows]) == ("华容县工信局", "2015-03", ["华容3月信息1", "华容3月信息2", "华容3月信息3"])
    assert [(s.name, s.read, s.why) for s in uf.sheets] == [
        ("1月", False, "工作表名写的是2015年1月，不是2015年3月"), ("2015年2月", False, "工作表名写的是2015年2月，不是2015年3月"),
        ("三月", True, "")]  # fmt: skip
    assert [(f.code, f.sheet) for f in uf.findings] == [("F12", "1月"), ("F12", "2015年2月")]
    assert uf.findings[0].message == (f"{NAME}：工作表“1月”未读取（工作表名写的是2015年1月，不是2015年3月）："
                                      "如其中有2015年3月的信息，请移到本月的表中重新报送；"
                                      "如是2015年1月未报送（或漏报）的信息，请把工作表名改为“1月补报”后重新报送")  # review W2 1


def test_a_lone_sheet_named_for_the_month_or_another_is_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    for name in ("3月", "2月"):  # 2月: last month's book reused, its sheet not renamed; the rows are March's
        uf = read_unit_workbook(_book(tmp_path / name / NAME, [name], 3), units, month_hint="2015-03", settings=settings)
        assert (uf.month, len(uf.rows), uf.findings) == ("2015-03", 3, [])


def test_february_then_march_counts_each_month_once(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    _book(ws.inbox / "2015-02" / NAME, ["1月", "2月"])
    _book(ws.inbox / "2015-03" / NAME, ["1月", "2月", "3月"])
    for month in ("2015-02", "2015-03"):
        result = CliRunner().invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)])
        assert result.exit_code == 0 and "计入稿件 3 条（共 3 行，0 行有错误未计入）" in result.output, result.output
    assert "工作表“2月”未读取（工作表名写的是2015年2月，不是2015年3月）" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    lines = [[v for v in r if v is not None] for r in book["回执"].iter_rows(values_only=True) if any(r)]
    assert lines[3][1:] == ["本次报送 3 行：计入 3 条，未计入 0 条", 4, 3, 0.75, 0, 2]
    assert lines[4][0] == (f"文件“{NAME}”：工作表“1月”：未读取（工作表名写的是2015年1月，不是2015年3月）；"
                           "工作表“2月”：未读取（工作表名写的是2015年2月，不是2015年3月）；工作表“3月”：第 3—5 行，3 条")


def _stale(path: Path) -> Path:
    """March's return made from February's book: its sheet still named 2月 holds March's articles; Sheet2 one more."""
    more = [["华容县工信局政务信息报送登记表"], HEADER, article_row(title="华容3月信息4", date=dt.datetime(2015, 3, 27))]
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_xlsx(path, {"2月": _sheet(3), "Sheet2": more})


STALE = (f"{NAME}：工作表名“2月”写的是2015年2月，但表中各行日期是2015年3月，已按2015年3月读取："
         "如是沿用上月的表，下月请改正工作表名")  # fmt: skip


def test_a_sheet_named_for_last_month_with_this_months_dates_is_read(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read_unit_workbook(_stale(tmp_path / NAME), units, month_hint="2015-03", settings=settings)
    assert [r.values["title"] for r in uf.rows] == ["华容3月信息1", "华容3月信息2", "华容3月信息3", "华容3月信息4"]
    assert [(f.code, f.sheet, f.message) for f in uf.findings] == [("F7", "2月", STALE)]


def test_a_supplement_or_several_months_sheet_is_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    for name in ("2月补报", "2月补充", "2月漏报", "2月补", "2月份补交", "2月（补）", "补2月", "一月至三月", "2月下旬-3月上旬", "2月、3月"):
        uf = read_unit_workbook(_book(tmp_path / name / NAME, ["3月", name], 3), units, month_hint="2015-03",
                                settings=settings)  # fmt: skip
        assert ([s.read for s in uf.sheets], len(uf.rows), uf.findings) == ([True, True], 6, []), name


def test_the_cli_counts_a_stale_sheet_and_a_supplement(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    _stale(ws.inbox / "2015-03" / NAME)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in result.output and STALE in result.output
    feb = [["华容县工信局政务信息报送登记表"], HEADER, article_row(title="华容2月漏报信息", date=dt.datetime(2015, 2, 26))]
    for name in ("2月补报", "2月漏报", "补2月"):
        write_xlsx(ws.inbox / "2015-03" / NAME, {"3月": _sheet(3), name: feb})
        result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
        assert "计入稿件 3 条（共 4 行，0 行有错误未计入，1 条按报送日期计入2015年2月）" in result.output, result.output
        assert "未读取" not in result.output


def test_an_older_supplement_or_a_subsidy_sheet_is_set_aside(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """review H5: a supplement is to last month only (2月补 kept into April was counted in March); 补贴 is no 补."""
    for names, month, aside in ((["4月", "3月", "2月补"], 4, ["3月", "2月补"]), (["3月", "1月补报"], 3, ["1月补报"]),
                                (["3月", "2月（补贴政策专题）"], 3, ["2月（补贴政策专题）"])):  # fmt: skip
        uf = read_unit_workbook(_book(tmp_path / names[-1] / NAME, names, month), units, month_hint=f"2015-0{month}",
                                settings=settings)  # fmt: skip
        assert [s.name for s in uf.sheets if not s.read] == aside and len(uf.rows) == 3, names
        assert [(f.code, f.sheet) for f in uf.findings] == [("F12", name) for name in aside]
        assert uf.sheets[-1].why == f"工作表名写的是2015年{names[-1][0]}月，不是2015年{month}月"


def test_the_cli_reads_a_supplement_in_the_month_after_only(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    feb = [["华容县工信局政务信息报送登记表"], HEADER, article_row(title="华容2月漏报信息", date=dt.datetime(2015, 2, 26))]
    (ws.inbox / "2015-03").mkdir(parents=True), (ws.inbox / "2015-04").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, {"3月": _sheet(3), "2月补": feb})
    write_xlsx(ws.inbox / "2015-04" / NAME, {"4月": _sheet(4), "3月": _sheet(3), "2月补": feb})
    march, april = (CliRunner().invoke(cli, ["consolidate", "--month", m, "-w", str(ws.root)]) for m in ("2015-03", "2015-04"))
    assert "计入稿件 3 条（共 4 行，0 行有错误未计入，1 条按报送日期计入2015年2月）" in march.output, march.output
    assert "本月报送文件的单位 1/34 个，计入 3 条" in march.output  # the same 3: February's row is not March's
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in april.output and "问题：无" in april.output, april.output
    assert "工作表“2月补”未读取（工作表名写的是2015年2月，不是2015年4月）" in april.output


RANGE_NAMES = ("1-2月", "一月至二月", "1—2月份", "1月、2月", "1、2月")


def test_a_sheet_naming_earlier_months_is_set_aside(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """review F1: a year's book in March with a sheet 1-2月 (the months already counted): set aside, named (F12)."""
    for name in RANGE_NAMES:
        path = tmp_path / name / NAME
        path.parent.mkdir(parents=True)
        write_xlsx(path, {name: _sheet(1) + _sheet(2)[2:], "3月": _sheet(3)})
        uf = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
        assert [r.values["title"] for r in uf.rows] == ["华容3月信息1", "华容3月信息2", "华容3月信息3"], name
        assert [(s.name, s.read, s.why) for s in uf.sheets] == [
            (name, False, "工作表名写的是2015年1—2月，不是2015年3月"), ("3月", True, "")], name  # fmt: skip
        assert [(f.code, f.sheet) for f in uf.findings] == [("F12", name)], name
    for names in (["1-3月", "3月"], ["1—2月", "4月"]):  # a span holding the month; rows mostly dated in it (reused)
        uf = read_unit_workbook(_book(tmp_path / names[0] / NAME, names, 3), units, month_hint="2015-03", settings=settings)
        assert (uf.sheets[0].read, uf.sheets[0].why) == (True, ""), names


def test_the_cli_does_not_count_a_range_sheet_again(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    _book(ws.inbox / "2015-02" / NAME, ["1月", "2月"])
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, {"1-2月": _sheet(1) + _sheet(2)[2:], "3月": _sheet(3)})
    for month in ("2015-02", "2015-03"):
        result = CliRunner().invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)])
        assert result.exit_code == 0 and "计入稿件 3 条（共 3 行，0 行有错误未计入）" in result.output, result.output
    assert "工作表“1-2月”未读取（工作表名写的是2015年1—2月，不是2015年3月）" in result.output
    assert "R6" not in result.output and "R5" not in result.output


def _put(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_xlsx(path, sheets)


def _consolidate(ws: object, month: str) -> str:
    result = CliRunner().invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)])  # type: ignore[attr-defined]
    assert result.exit_code == 0, result.output
    return result.output


def test_a_months_sheet_beside_a_cumulative_one_is_read_and_the_cumulative_one_as_a_supplement(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review M6: 3月 beside 第一季度 (or 1-3月, or a 汇总 holding it and more) listing January's, February's and
    March's rows: 3月 is no copy of it; both are read, the cumulative one and a 2月补 as a 补报 (`repeats`)."""
    quarter = [["华容县工信局政务信息报送登记表"], HEADER, *_sheet(1)[2:], *_sheet(2)[2:], *_sheet(3)[2:]]
    for name in ("第一季度", "一季度", "1-3月", "汇总"):
        path = _put(tmp_path / name / NAME, {"3月": _sheet(3), name: quarter})
        uf = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
        assert [(s.name, s.read, s.repeats) for s in uf.sheets] == [("3月", True, False), (name, True, True)], name
        assert (len(uf.rows), uf.findings) == (12, []), name
    path = _put(tmp_path / "补" / NAME, {"3月": _sheet(3), "2月补": _sheet(2), "打印版": _sheet(3)})
    uf = read_unit_workbook(path, units, month_hint="2015-03", settings=settings)
    assert [(s.name, s.read, s.repeats) for s in uf.sheets] == [("3月", True, False), ("2月补", True, True), ("打印版", False, False)]
    assert [s.name for s in read_unit_workbook(_book(tmp_path / NAME, ["3月"], 3), units, month_hint="2015-03",
                                               settings=settings).sheets if s.repeats] == []  # fmt: skip


def test_the_cli_counts_march_beside_a_cumulative_sheet_and_keeps_its_repeats_as_hints(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    for month in (1, 2):
        _book(ws.inbox / f"2015-0{month}" / NAME, [f"{month}月"], month)
        _consolidate(ws, f"2015-0{month}")
    quarter = [["华容县工信局政务信息报送登记表"], HEADER, *_sheet(1)[2:], *_sheet(2)[2:], *_sheet(3)[2:]]
    _put(ws.inbox / "2015-03" / NAME, {"3月": _sheet(3), "第一季度": quarter})
    output = _consolidate(ws, "2015-03")
    assert "计入稿件 3 条（共 12 行，0 行有错误未计入，9 行与已计入的稿件重复、记为提示）" in output, output
    assert "未读取" not in output and "副本" not in output and "R6 重复报送 9 条（提示）" in output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-03")))
    rows = [r for r in book["回执"].iter_rows(values_only=True) if isinstance(r[1], str) and "第一季度" in r[1]]
    assert len(rows) == 9 and all("已在其他行计入" in r for r in rows)
    issues = {(r[2], r[3]): r[7] for r in book["问题清单"].iter_rows(values_only=True) if r[5] == "R6 重复报送"}
    assert issues[("第一季度", "C3")] == ("与已计入的信息标题相同（2015年1月 华容县工信局信息报送登记表.xlsx 第 3 行）："
                                          "同一篇信息只计一次，这一行不再计入，无需修改")  # fmt: skip
    assert issues[("第一季度", "C9")] == "与已计入的信息标题相同（本文件“3月”工作表第 3 行）：同一篇信息只计一次，这一行不再计入，无需修改"
    _book(ws.inbox / "2015-04" / NAME, ["4月"], 4)  # April's import decides R6 again over every month: the same
    assert "2015年3月" not in _consolidate(ws, "2015-04")
    with Ledger.open(ws.root / "ledger.sqlite") as ledger:
        march = ledger.file_articles(["2015-03"])
    assert sum(a.counted for a in march) == 3 and [f for a in march for f in a.findings if f.severity == ERROR] == []


def test_the_cli_counts_a_late_article_in_a_supplement_sheet_repeating_last_months(tmp_path: Path) -> None:
    """review M6: a 2月补 sheet listing February's two counted rows again beside one it missed: no R6 error."""
    ws = make_workspace(tmp_path / "ws")
    feb = _sheet(2)
    _put(ws.inbox / "2015-02" / NAME, {"2月": feb[:4]})
    _consolidate(ws, "2015-02")
    _put(ws.inbox / "2015-03" / NAME, {"3月": _sheet(3), "2月补": feb})
    output = _consolidate(ws, "2015-03")
    assert "计入稿件 3 条（共 6 行，0 行有错误未计入，2 行与已计入的稿件重复、记为提示，1 条按报送日期计入2015年2月）" in output, output
    assert "R6 重复报送 2 条（提示）" in output


def _quarters(path: Path, first: str = "第一季度", second: str = "第二季度", unit: str = "人事科") -> Path:
    """A quarterly unit's year book sent in April: its Q1 sheet (February's and March's articles) and its Q2 one."""
    top = [[f"{unit}政务信息报送登记表"], HEADER]
    q1 = [article_row(title=f"{unit}一季度信息{m}", date=dt.datetime(2015, m, 10)) for m in (2, 3)]
    return _put(path, {first: [*top, *q1], second: [*top, article_row(title=f"{unit}二季度信息", date=dt.datetime(2015, 4, 2))]})


def test_a_past_quarters_sheet_is_read_as_a_supplement(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """review T D2: 第一季度 in April is not set aside by its name (its rows may never have been counted): it is read
    as a 补报 (`repeats`), as the current quarter's sheet is; a later quarter's is read as any sheet."""
    for first, second in (("第一季度", "第二季度"), ("一季度", "二季度"), ("2015年第一季度", "2015年第二季度")):
        uf = read_unit_workbook(_quarters(tmp_path / first / "人事科2015年信息报送登记表.xlsx", first, second), units,
                                month_hint="2015-04", settings=settings)  # fmt: skip
        assert [(s.name, s.read, s.why, s.repeats) for s in uf.sheets] == [(first, True, "", True), (second, True, "", True)]
        assert ([r.values["title"] for r in uf.rows], uf.findings) == (["人事科一季度信息2", "人事科一季度信息3", "人事科二季度信息"], [])
    uf = read_unit_workbook(_quarters(tmp_path / "q3" / NAME, "第三季度", "4月", "华容县工信局"), units,
                            month_hint="2015-04", settings=settings)  # fmt: skip
    assert [(s.name, s.read, s.repeats) for s in uf.sheets] == [("第三季度", True, False), ("4月", True, False)]


def test_the_cli_counts_a_quarterly_units_late_first_quarter_in_april(tmp_path: Path) -> None:
    """review T D2: 人事科 sends its year book for the first time in April: the Q1 rows are counted by their dates."""
    ws = make_workspace(tmp_path / "ws")
    _quarters(ws.inbox / "2015-04" / "人事科2015年信息报送登记表.xlsx")
    output = _consolidate(ws, "2015-04")
    assert "计入稿件 1 条（共 3 行，0 行有错误未计入，1 条按报送日期计入2015年2月、1 条按报送日期计入2015年3月）" in output, output
    assert "未读取" not in output and "R6" not in output
    with Ledger.open(ws.root / "ledger.sqlite") as ledger:
        counted = {a.title: a.month for a in ledger.file_articles(["2015-04"]) if a.counted}
    assert counted == {"人事科一季度信息2": "2015-02", "人事科一季度信息3": "2015-03", "人事科二季度信息": "2015-04"}


def test_the_cli_reads_a_monthly_units_first_quarter_sheet_in_april_as_hints(tmp_path: Path) -> None:
    """review T D2: a monthly unit's year book with 第一季度 (January–March, counted month by month) and 4月 in April:
    nothing is counted twice, no R6 error; the Q1 rows are 已在其他行计入 (提示)."""
    ws = make_workspace(tmp_path / "ws")
    for month in (1, 2, 3):
        _book(ws.inbox / f"2015-0{month}" / NAME, [f"{month}月"], month)
        _consolidate(ws, f"2015-0{month}")
    quarter = [["华容县工信局政务信息报送登记表"], HEADER, *_sheet(1)[2:], *_sheet(2)[2:], *_sheet(3)[2:]]
    _put(ws.inbox / "2015-04" / NAME, {"第一季度": quarter, "4月": _sheet(4)})
    output = _consolidate(ws, "2015-04")
    assert "计入稿件 3 条（共 12 行，0 行有错误未计入，9 行与已计入的稿件重复、记为提示）" in output, output
    assert "未读取" not in output and "问题：R5 日期不在本月 9 条（提示），R6 重复报送 9 条（提示）" in output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-04")))
    results = [r[7] for r in book["回执"].iter_rows(values_only=True) if isinstance(r[1], str) and "第一季度" in r[1]]
    assert results == ["已在其他行计入"] * 9
    with Ledger.open(ws.root / "ledger.sqlite") as ledger:
        articles = ledger.file_articles(["2015-01", "2015-02", "2015-03", "2015-04"])
    assert sum(a.counted for a in articles) == 12 and [f for a in articles for f in a.findings if f.severity == ERROR] == []


def _stating(said: str, month: int, unit: str = "华容县工信局") -> list[list[object]]:
    """A copy of the distributed form whose 报送月份 (E1) says `said`, holding three articles dated in `month`."""
    rows = [article_row(title=f"{unit[:2]}{month}月补报信息{i}", date=dt.datetime(2015, month, 20 + i)) for i in (1, 2, 3)]
    return [["报送单位：", unit, None, "报送月份：", said], HEADER, *rows]


def test_a_supplement_sheet_stating_last_month_or_a_past_quarter_is_read(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review Y1 D1: a July book's 6月补报 whose 报送月份 says 2015年6月 (a quarterly unit's 第二季度 saying 2015年第二季度)
    was set aside, its June articles lost: it is read as June's 补报 (`repeats`: counted by their dates); so is one
    stating an earlier month (review Y4 D1: 5月补报 of 2015年5月). Without a 补报 name, or stating a later month, a sheet
    stating another month is set aside."""
    for name, said in (("6月补报", "2015年6月"), ("补报", "2015年6月"), ("6月漏报", "2015年6月"), ("第二季度", "2015年第二季度"),
                       ("5月补报", "2015年5月"), ("补报", "2015年第一季度")):  # fmt: skip
        path = _put(tmp_path / name / said / NAME, {"7月": _stating("2015年7月", 7), name: _stating(said, 6)})
        uf = read_unit_workbook(path, units, month_hint="2015-07", settings=settings)
        assert [(s.name, s.read, s.repeats) for s in uf.sheets] == [("7月", True, False), (name, True, True)], name
        assert (len(uf.rows), uf.findings) == (6, []), name
    for name, said, dated, told, fix in (("6月", "2015年6月", 6, "2015年6月", "6月补报"), ("5月", "2015年5月", 5, "2015年5月", "5月补报"),
                                         ("第四季度", "2015年第四季度", 10, "2015年10—12月", ""),
                                         ("8月补报", "2015年8月", 7, "2015年8月", "")):  # fmt: skip
        path = _put(tmp_path / name / NAME, {"7月": _stating("2015年7月", 7), name: _stating(said, dated)})
        uf = read_unit_workbook(path, units, month_hint="2015-07", settings=settings)
        assert [(s.name, s.read) for s in uf.sheets] == [("7月", True), (name, False)] and len(uf.rows) == 3, name
        how = f"；如是{told}未报送（或漏报）的信息，请把工作表名改为“{fix}”后重新报送" if fix else ""  # review W2 1: an earlier month's
        assert [f.message for f in uf.findings] == [f"{NAME}：工作表“{name}”未读取（这张表写的是{told}，不是2015年7月）："
                                                    f"如其中有2015年7月的信息，请移到本月的表中重新报送{how}"], name


def test_the_cli_counts_a_supplement_sheet_by_its_dates_without_a_fix_the_date_hint(tmp_path: Path) -> None:
    """review Y1 D1: 6月补报 counts its June articles in June whether its 报送月份 says 2015年6月 or was left at
    2015年7月; the R5 提示 on its rows says they are a 补报, not to correct dates that are right. So too a quarterly
    unit's 第二季度 sheet stating 2015年第二季度 in its July book."""
    ws = make_workspace(tmp_path / "ws")
    late = "报送日期 2015-06-2{} 不在本表的 2015年7月：计入时算 2015年6月 的稿件（补报），无需修改"
    for said in ("2015年6月", "2015年7月"):
        _put(ws.inbox / "2015-07" / NAME, {"7月": _stating("2015年7月", 7), "6月补报": _stating(said, 6)})
        output = _consolidate(ws, "2015-07")
        assert "计入稿件 3 条（共 6 行，0 行有错误未计入，3 条按报送日期计入2015年6月）" in output, output
        assert "未读取" not in output and "如日期填错" not in output, output
        book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-07")))
        issues = [(r[2], r[3], r[5], r[7]) for r in book["问题清单"].iter_rows(values_only=True) if r[5] == "R5 日期不在本月"]
        assert issues == [("6月补报", f"B{k + 2}", "R5 日期不在本月", late.format(k)) for k in (1, 2, 3)], said
    _put(ws.inbox / "2015-07" / "人事科2015年7月信息报送登记表.xlsx",
         {"7月": _stating("2015年7月", 7, "人事科"), "第二季度": _stating("2015年第二季度", 6, "人事科")})  # fmt: skip
    assert "未读取" not in _consolidate(ws, "2015-07")
    with Ledger.open(ws.root / "ledger.sqlite") as ledger:
        counted = sorted((a.unit, a.month) for a in ledger.file_articles(["2015-07"]) if a.counted)
    assert counted == [("人事科", "2015-06")] * 3 + [("人事科", "2015-07")] * 3 + [("华容县工信局", "2015-06")] * 3 + [
        ("华容县工信局", "2015-07")] * 3  # fmt: skip


def test_the_cli_sends_last_decembers_supplement_sheet_stating_it_to_last_years_workspace(tmp_path: Path) -> None:
    """review Y1 D1: in January, 12月补报 whose 报送月份 says 2015年12月 was set aside as another month's sheet: its
    rows are last December's 补报, told to be filed in the 2015 workspace (its 报送月份 already right: not to change)."""
    ws, old = make_workspace(tmp_path / "2016信息报送", 2016), make_workspace(tmp_path / "2015信息报送", 2015).root
    late = [article_row(title=f"华容十二月补报信息{k}", date=dt.datetime(2015, 12, 28)) for k in (1, 2)]
    own = [article_row(title=f"华容一月信息{k}", date=dt.datetime(2016, 1, 5 + k)) for k in (1, 2, 3)]
    _put(ws.inbox / "2016-01" / NAME, {"1月": [["报送单位：", "华容县工信局", None, "报送月份：", "2016年1月"], HEADER, *own],
                                       "12月补报": [["报送单位：", "华容县工信局", None, "报送月份：", "2015年12月"], HEADER, *late]})  # fmt: skip
    output = _consolidate(ws, "2016-01")
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in output and "未读取" not in output, output
    assert (f"! {NAME}：工作表“12月补报”第 3、4 行的报送日期在2015年12月，是2015年12月的补报，不计入2016年度：将按2015年12月"
            "另行汇总，无需重报（协调人：这是2015年的信息，请把这张表复制为单独的工作簿：右键工作表标签→移动或复制→新工作簿、"
            f"建立副本；存为“华容县工信局_2015年12月补报.xlsx”，放入2015年度工作区 {old} 的 inbox/2015-12 后汇总："
            f"xlflow -w {old} consolidate --month 2015-12）\n") in output  # fmt: skip


def test_the_cli_counts_a_supplement_sheet_stating_two_months_back_once(tmp_path: Path) -> None:
    """review Y4 D1: a July book's 5月补报 stating 2015年5月 was set aside (told to move July's articles) and its never-sent
    May article counted nowhere. It counts in May; the same sheet again, its article already counted, adds nothing."""
    ws = make_workspace(tmp_path / "ws")
    late = [["报送单位：", "华容县工信局", None, "报送月份：", "2015年5月"], HEADER,
            article_row(title="华容五月漏报的企业技改动态", date=dt.datetime(2015, 5, 27))]  # fmt: skip
    _put(ws.inbox / "2015-07" / NAME, {"7月": _stating("2015年7月", 7), "5月补报": late})
    output = _consolidate(ws, "2015-07")
    assert "计入稿件 3 条（共 4 行，0 行有错误未计入，1 条按报送日期计入2015年5月）" in output and "未读取" not in output, output
    with Ledger.open(ws.root / "ledger.sqlite") as ledger:
        counted = sorted((a.month, a.title) for a in ledger.file_articles(["2015-07"]) if a.counted)
    assert counted == [("2015-05", "华容五月漏报的企业技改动态")] + [("2015-07", f"华容7月补报信息{i}") for i in (1, 2, 3)]
    ws = make_workspace(tmp_path / "ws2")  # a leftover: May's own file counted it
    _put(ws.inbox / "2015-05" / NAME, {"5月": late})
    _put(ws.inbox / "2015-07" / NAME, {"7月": _stating("2015年7月", 7), "5月补报": late})
    _consolidate(ws, "2015-05")
    output = _consolidate(ws, "2015-07")
    assert "计入稿件 3 条（共 4 行，0 行有错误未计入，1 行与已计入的稿件重复、记为提示）" in output, output
    with Ledger.open(ws.root / "ledger.sqlite") as ledger:
        counted = sorted((a.month, a.title) for a in ledger.file_articles(["2015-05", "2015-07"]) if a.counted)
    assert counted == [("2015-05", "华容五月漏报的企业技改动态")] + [("2015-07", f"华容7月补报信息{i}") for i in (1, 2, 3)]


def test_a_supplement_file_in_january_sets_last_decembers_rows_aside(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review Y4 D2: a January 补报 file on the January form (漏报.xlsx, 去年12月漏报信息.xlsx) holding a row dated
    2014-12-29 counted it in 2015年1月 (R5 如日期填错), where a 12月补报 sheet sets it aside as last year's 补报. So does
    the file; a month's own file keeps such a date for a typo (R5)."""
    label = ["报送单位：", "华容县工信局", None, "报送月份：", "2015年1月"]
    rows = [label, HEADER, article_row(title="华容一月信息", date=dt.datetime(2015, 1, 6)),
            article_row(title="华容去年十二月漏报的年度总结", date=dt.datetime(2014, 12, 29))]  # fmt: skip
    for name in ("华容县工信局_漏报.xlsx", "华容县工信局_去年12月漏报信息.xlsx", "华容县工信局_2015年1月.xlsx"):
        uf = read_unit_workbook(_put(tmp_path / name, {"1月": rows}), units, month_hint="2015-01", settings=settings)
        late = "2015年1月" in name
        assert [r.values["title"] for r in uf.rows] == ["华容一月信息", "华容去年十二月漏报的年度总结"][: 1 + late], name
        assert [(f.code, f.cell) for f in uf.findings] == ([] if late else [("F7", "第 4 行")]), name
    ws = make_workspace(tmp_path / "ws")
    _put(ws.inbox / "2015-01" / "华容县工信局_漏报.xlsx", {"1月": rows})
    output = _consolidate(ws, "2015-01")
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in output and "如日期填错" not in output, output
    assert ("! 华容县工信局_漏报.xlsx：工作表“1月”第 4 行的报送日期在2014年12月，是2014年12月的补报，不计入2015年度：将按"
            "2014年12月另行汇总，无需重报（协调人：这是2014年的信息，请把这张表复制为单独的工作簿：") in output, output
    # a file holding only last year's row is copied whole, not sheet by sheet
    _put(ws.inbox / "2015-01" / "华容县工信局_去年12月漏报.xlsx", {"1月": [label, HEADER, rows[-1]]})
    output = _consolidate(ws, "2015-01")
    assert ("! 华容县工信局_去年12月漏报.xlsx：工作表“1月”第 3 行的报送日期在2014年12月，是2014年12月的补报，不计入2015年度：将按"
            "2014年12月另行汇总，无需重报（协调人：这是2014年的信息，请把这个文件复制一份，把 E1 的报送月份改为2014年12月；"
            "存为“华容县工信局_2014年12月补报.xlsx”，") in output, output


def test_a_january_supplement_and_its_correction_of_last_years_row_say_it_once(tmp_path: Path) -> None:
    """sweep 10: 君山区's 去年12月漏报.xlsx (a 2014-12-29 row, unsigned) and then its 更正 (signed): the 更正 replaced it,
    but the step for last year's row was printed for both, and the replaced one was said to hold nothing (没有填写任何
    信息). Now the step is said once, of the 更正, and the first is said to be replaced by it."""
    ws = make_workspace(tmp_path / "ws")
    label = ["报送单位：", "君山区工信局", None, "报送月份：", "2015年1月"]
    month = [label, HEADER, article_row(title="君山区一月动态", date=dt.datetime(2015, 1, 5))]
    old = article_row(title="君山区去年十二月漏报的年度总结", date=dt.datetime(2014, 12, 29))
    _put(ws.inbox / "2015-01" / "君山区工信局_2015年01月.xlsx", {"1月": month})
    first = _put(ws.inbox / "2015-01" / "君山区工信局_去年12月漏报.xlsx", {"1月": [label, HEADER, article_row(
        title="君山区去年十二月漏报的年度总结", date=dt.datetime(2014, 12, 29), signer="")]})
    fixed = _put(ws.inbox / "2015-01" / "君山区工信局_去年12月漏报（更正）.xlsx", {"1月": [label, HEADER, old]})
    os.utime(first, (1_422_500_000, 1_422_500_000))
    os.utime(fixed, (1_422_600_000, 1_422_600_000))
    output = _consolidate(ws, "2015-01")
    assert "计入稿件 1 条" in output and "没有填写任何信息" not in output, output
    assert output.count("是2014年12月的补报，不计入2015年度") == 1, output
    assert "! 君山区工信局_去年12月漏报（更正）.xlsx：工作表“1月”第 3 行的报送日期在2014年12月" in output, output


def test_the_cli_sends_last_years_fourth_quarter_supplement_sheet_to_last_years_workspace(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review Y4 D3: 办公室's January book with a sheet 第四季度补报 stating 2014年第四季度 was set aside (这张表写的是
    2014年10—12月) with no step for last year's workspace, as 12月补报 has: its rows are last year's 补报, told so."""
    ws = make_workspace(tmp_path / "2015信息报送")
    label = ["报送单位：", "办公室", None, "报送月份："]
    _put(ws.inbox / "2015-01" / "办公室_2015年01月.xlsx", {
        "1月": [[*label, "2015年1月"], HEADER, article_row(title="委办公室一月动态", date=dt.datetime(2015, 1, 10))],
        "第四季度补报": [[*label, "2014年第四季度"], HEADER,
                         article_row(title="委办公室去年四季度漏报的机关建设动态", date=dt.datetime(2014, 12, 20))]})  # fmt: skip
    uf = read_unit_workbook(ws.inbox / "2015-01" / "办公室_2015年01月.xlsx", units, month_hint="2015-01", settings=settings)
    assert [(s.name, s.read, s.rows) for s in uf.sheets] == [("1月", True, 1), ("第四季度补报", True, 0)]
    assert [(f.code, f.sheet, f.cell) for f in uf.findings] == [("F7", "第四季度补报", "第 3 行")]
    output = _consolidate(ws, "2015-01")
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in output and "未读取" not in output, output
    old = tmp_path / "2014信息报送"
    assert ("! 办公室_2015年01月.xlsx：工作表“第四季度补报”第 3 行的报送日期在2014年12月，是2014年12月的补报，不计入2015年度："
            "将按2014年12月另行汇总，无需重报（协调人：这是2014年的信息，请把这张表复制为单独的工作簿：右键工作表标签→移动或复制→"
            f"新工作簿、建立副本；存为“办公室_2014年12月补报.xlsx”，另建2014年度工作区（xlflow init {old} --year 2014），"
            "放入其中的 inbox/2014-12 后汇总）\n") in output, output


def test_a_january_sheet_stating_a_span_of_last_year_is_set_aside_whole(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """sweep 10: a January book's 下半年补报 (报送月份 2014年下半年) or 1-12月 sheet (2014年1-12月) is last year's record:
    set aside whole as before, not read as a 补报 whose rows older than six months would count in January."""
    label = ["报送单位：", "云溪区工信局", None, "报送月份："]
    old = [article_row(title=f"云溪区去年{m}月动态", date=dt.datetime(2014, m, 20)) for m in (7, 8, 12)]
    for sheet, stated in (("下半年补报", "2014年下半年"), ("1-12月", "2014年1-12月")):
        path = _put(tmp_path / f"{sheet}.xlsx", {
            "1月": [[*label, "2015年1月"], HEADER, article_row(title="云溪区一月动态", date=dt.datetime(2015, 1, 10))],
            sheet: [[*label, stated], HEADER, *old]})  # fmt: skip
        uf = read_unit_workbook(path, units, month_hint="2015-01", settings=settings)
        assert [(s.name, s.read) for s in uf.sheets] == [("1月", True), (sheet, False)], sheet
        assert [r.values["title"] for r in uf.rows] == ["云溪区一月动态"], sheet


def test_a_last_month_supplement_file_on_this_months_form_is_a_supplement(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review Y4 D4: told by July's receipt to send a file named 补报, a unit sends 7月补报.xlsx on the August form
    (报送月份 2015年8月, rows dated July). In the August folder it was refused F7 (an error on August's receipt): it is
    August's 补报, its rows counted in July by their dates. Filed in the July folder it was told to use the new form
    next month, which it did: read as July's, no hint. A file not named 补报 keeps the stale-form hint."""
    book = {"信息报送登记表": _stating("2015年8月", 7, "云溪区工信局")}
    for folder, month in (("2015-08", "2015-08"), ("2015-07", "2015-07")):
        path = _put(tmp_path / folder / "云溪区工信局_7月补报.xlsx", book)
        uf = read_unit_workbook(path, units, month_hint=month, settings=settings)
        assert (uf.month, len(uf.rows), uf.supplement, uf.findings) == (month, 3, True, []), folder
    uf = read_unit_workbook(_put(tmp_path / "云溪区工信局_7月.xlsx", book), units, month_hint="2015-07", settings=settings)
    assert [f.message for f in uf.findings] == ["云溪区工信局_7月.xlsx：报送月份（E1）写的是2015年8月，但文件名和各行日期都是"
                                                "2015年7月，已按2015年7月汇总；下月请用新下发的登记表"]  # fmt: skip
    ws = make_workspace(tmp_path / "ws")
    _put(ws.inbox / "2015-08" / "云溪区工信局_7月补报.xlsx", book)
    output = _consolidate(ws, "2015-08")
    assert "计入稿件 0 条（共 3 行，0 行有错误未计入，3 条按报送日期计入2015年7月）" in output and "✗" not in output, output
    issues = openpyxl.load_workbook(receipt_path(ws, "云溪区工信局", Period.parse("2015-08")))["问题清单"]
    assert [r[7] for r in issues.iter_rows(min_row=3, values_only=True)] == [
        f"报送日期 2015-07-2{k} 不在本表的 2015年8月：计入时算 2015年7月 的稿件（补报），无需修改" for k in (1, 2, 3)]
    # sweep 10: the 补报's own 更正, on the August form too, is a 补报 as well (was refused F7)
    path = _put(tmp_path / "2015-08" / "云溪区工信局_7月补报（更正）.xlsx", book)
    uf = read_unit_workbook(path, units, month_hint="2015-08", settings=settings)
    assert (uf.month, len(uf.rows), uf.supplement, uf.findings) == ("2015-08", 3, True, [])
    ws = make_workspace(tmp_path / "ws2")
    _put(ws.inbox / "2015-07" / "云溪区工信局_7月补报.xlsx", book)
    output = _consolidate(ws, "2015-07")
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in output and "问题：无" in output, output


def test_an_earlier_months_sheet_in_a_file_named_for_both_months_is_its_supplement(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review W2 1: a unit that sent nothing in January sends 1-2月 in February, a sheet 1月 (报送月份 2015年1月, or no
    label) beside February's: read as January's 补报 (its rows counted by their dates, those counted before R6 提示).
    A file not named for January sets the sheet aside and says how to send it as January's 补报."""
    for name in ("华容县工信局_2015年01-02月_信息报送登记表.xlsx", "华容县1-2月信息.xlsx", "华容县1—2月信息.xlsx",
                 "华容县1、2月信息.xlsx", "华容县一、二月信息.xlsx"):  # fmt: skip
        for january in (_stating("2015年1月", 1), _sheet(1)):
            path = _put(tmp_path / name, {"2月": _stating("2015年2月", 2), "1月": january})
            uf = read_unit_workbook(path, units, month_hint="2015-02", settings=settings)
            assert [(s.name, s.read, s.repeats) for s in uf.sheets] == [("2月", True, False), ("1月", True, True)], name
            assert (uf.month, len(uf.rows), uf.findings) == ("2015-02", 6, []), name
    for name in ("华容县2015年1-12月信息.xlsx", "华容县工信局_2015年02月_信息报送登记表.xlsx"):  # a year's book: as before
        path = _put(tmp_path / name, {"2月": _stating("2015年2月", 2), "1月": _stating("2015年1月", 1)})
        uf = read_unit_workbook(path, units, month_hint="2015-02", settings=settings)
        assert [(s.name, s.read) for s in uf.sheets] == [("2月", True), ("1月", False)] and len(uf.rows) == 3
    assert [f.message for f in uf.findings] == [
        "华容县工信局_2015年02月_信息报送登记表.xlsx：工作表“1月”未读取（这张表写的是2015年1月，不是2015年2月）：如其中有2015年2月的信息，"
        "请移到本月的表中重新报送；如是2015年1月未报送（或漏报）的信息，请把工作表名改为“1月补报”后重新报送"]  # fmt: skip


def test_the_cli_counts_an_earlier_months_sheet_of_a_two_month_file_in_its_month(tmp_path: Path) -> None:
    """review W2 1: January's one article counted; February's 1-2月 file lists it again on its 1月 sheet with one
    January article not sent then: that one counts in January, the other is a 提示; January's status counts 2."""
    ws = make_workspace(tmp_path / "ws")
    january = _stating("2015年1月", 1)
    _put(ws.inbox / "2015-01" / "华容县工信局_2015年01月.xlsx", {"1月": january[:3]})
    _consolidate(ws, "2015-01")
    _put(ws.inbox / "2015-02" / "华容县工信局_2015年1-2月.xlsx", {"2月": _stating("2015年2月", 2), "1月": january[:4]})
    output = _consolidate(ws, "2015-02")
    assert "计入稿件 3 条（共 5 行，0 行有错误未计入，1 行与已计入的稿件重复、记为提示，1 条按报送日期计入2015年1月）" in output, output
    assert "未读取" not in output
    book = openpyxl.load_workbook(receipt_path(ws, "华容县工信局", Period.parse("2015-02")))
    assert [(r[1], r[3], r[7]) for r in book["回执"].iter_rows(values_only=True) if isinstance(r[1], str) and r[1].startswith("1月")] == [
        ("1月 第 3 行", "华容1月补报信息1", "已在其他行计入"), ("1月 第 4 行", "华容1月补报信息2", "计入2015年1月")]  # fmt: skip
    told = CliRunner().invoke(cli, ["status", "--month", "2015-01", "-w", str(ws.root)]).output
    assert told[told.index("华容县工信局") :].splitlines()[0].split()[1:3] == ["1", "2"]  # 文件 本月计入


def test_next_months_file_dropped_into_decembers_folder_adds_its_supplement_sheet(tmp_path: Path) -> None:
    """review W1 D2: January's 华容县工信局_2016年1月.xlsx (sheets 1月 and 12月补报) put whole into inbox/2015-12 and
    December consolidated again: its 12月补报 adds to December's return, it does not replace it (3 + 1 counted)."""
    ws = make_workspace(tmp_path / "ws")
    late = [["报送单位：", "华容县工信局", None, "报送月份：", "2015年12月"], HEADER,
            article_row(title="华容十二月补报的安全检查", date=dt.datetime(2015, 12, 28))]  # fmt: skip
    own = [["报送单位：", "华容县工信局", None, "报送月份：", "2016年1月"], HEADER,
           article_row(title="华容一月工业工作会议", date=dt.datetime(2016, 1, 20))]  # fmt: skip
    december = _put(ws.inbox / "2015-12" / "华容县工信局_2015年12月.xlsx", {"12月": _sheet(12)})
    os.utime(december, (1_450_000_000, 1_450_000_000))  # sent in December, before January's file
    _consolidate(ws, "2015-12")
    _put(ws.inbox / "2015-12" / "华容县工信局_2016年1月.xlsx", {"1月": own, "12月补报": late})
    output = _consolidate(ws, "2015-12")
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in output and "不再计入" not in output, output
    assert "补报文件 华容县工信局_2016年1月.xlsx（华容县工信局）：与本月其他文件一并计入，新增计入 1 条" in output
    assert "华容县工信局_2016年1月.xlsx：工作表“1月”未读取（这张表写的是2016年1月，不是2015年12月）" in output
    with Ledger.open(ws.root / "ledger.sqlite") as ledger:
        counted = sorted(a.title for a in ledger.file_articles(["2015-12"]) if a.counted)
    assert counted == [*(f"华容12月信息{i}" for i in (1, 2, 3)), "华容十二月补报的安全检查"]


def test_a_file_whose_only_sheet_read_is_a_supplement_is_a_supplement(tmp_path: Path, units: UnitTable,
                                                                       settings: Settings) -> None:  # fmt: skip
    """review W1 D2: a file whose sheets read are 补报 beside a later month's set aside, read for December, is a 补报;
    review Z3 3: not one named for the month it was sent in (2016年1月), nor one whose only sheet is named 补报."""
    late = [["报送单位：", "华容县工信局", None, "报送月份：", "2015年12月"], HEADER,
            article_row(title="华容十二月补报的安全检查", date=dt.datetime(2015, 12, 28))]  # fmt: skip
    for name, sheets, supplement in (("华容县工信局_2016年1月.xlsx", {"12月": late}, False),
                                     ("华容县工信局.xlsx", {"1月": _sheet(1), "12月补报": late}, True),
                                     ("华容县工信局_2015年12月.xlsx", {"补报": late}, False),
                                     ("华容县工信局_2015年12月.xlsx", {"12月": late}, False)):  # fmt: skip
        uf = read_unit_workbook(_put(tmp_path / name, sheets), units, month_hint="2015-12", settings=settings)
        assert (uf.month, uf.supplement) == ("2015-12", supplement), name


def test_a_resend_named_for_the_sending_month_or_of_a_supplement_sheet_replaces_the_return(tmp_path: Path) -> None:
    """review Z3 3: December's return resent in January named 2016年1月 (or its one sheet named 补报), one article
    withdrawn, replaces the earlier file: 2 counted, the withdrawn one no longer (not added as a 补报: 3)."""
    for first, resend, sheet in (("华容县工信局_2015年12月.xlsx", "华容县工信局_2016年1月.xlsx", "12月"),
                                 ("华容县工信局_2015年12月.xlsx", "华容县工信局_2015年12月（新）.xlsx", "补报")):  # fmt: skip
        ws, form = make_workspace(tmp_path / sheet), [["报送单位：", "华容县工信局", None, "报送月份：", "2015年12月"], *_sheet(12)[1:]]
        os.utime(_put(ws.inbox / "2015-12" / first, {sheet: form}), (1_450_000_000, 1_450_000_000))
        _put(ws.inbox / "2015-12" / resend, {sheet: form[:4]})
        output = _consolidate(ws, "2015-12")
        assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output and "补报文件" not in output, output
        assert f"{first} 未计入：与 {resend} 同为华容县工信局本月文件" in output.replace("\n", "")
        with Ledger.open(ws.root / "ledger.sqlite") as ledger:
            counted = sorted(a.title for a in ledger.file_articles(["2015-12"]) if a.counted)
        assert counted == ["华容12月信息1", "华容12月信息2"], sheet
