"""review 6: a unit keeping one workbook for the year, one sheet a month (1月, 2月, 3月), sending it whole each
month: only the month's sheet is read, the others are named (F12), not re-read as R6 errors. Library and CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import HEADER, article_row, write_xlsx

from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
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
                                      "如其中有2015年3月的信息，请移到本月的表中重新报送")


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
        assert "计入稿件 4 条（共 4 行，0 行有错误未计入，1 条按报送日期计入其他月份）" in result.output, result.output
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
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入，1 条按报送日期计入其他月份）" in march.output, march.output
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
