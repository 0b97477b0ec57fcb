"""`xlflow.Workspace`: the Python API (pandas DataFrames), the README's snippet on the demo workspace, and pandas
kept out of the command line's start-up."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from helpers_bulletin import write_register
from helpers_ledger import make_workspace, report_row, write_report

import xlflow
from xlflow.cli import cli
from xlflow.commands.demo import run_demo
from xlflow.core.errors import LedgerDamagedError, PeriodError, WorkspaceError, XlflowError
from xlflow.core.model import RunResult

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
RATE_COLUMNS = ["单位名称", "单位类别", "任务数", "报送数", "完成率", "采用数", "采用率", "排名"]
YY, PJ, OFFICE = "岳阳县工信局", "平江县工信局", "办公室"


@pytest.fixture
def ws(tmp_path: Path) -> xlflow.Workspace:
    """March: 岳阳县 two articles and one too short (row 7), 平江县 one, 办公室 (assessed per quarter) one;
    the adoption register: one row matching 岳阳县's first article, one with a wrong title, one for the short one."""
    root = make_workspace(tmp_path / "ws").root
    march = root / "inbox" / "2015-03"
    write_report(march / "岳阳县.xlsx", YY, [report_row("岳阳县稿件一", 5), report_row("岳阳县稿件二", 6), report_row("岳阳县短稿", 7, body="太短")])
    write_report(march / "平江县.xlsx", PJ, [report_row("平江县稿件", 9)])
    write_report(march / "办公室.xlsx", OFFICE, [report_row("办公室季度稿件", 10)])
    write_register(
        root / "采用登记表.xlsx",
        [
            [YY, "岳阳县稿件一", "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "", ""],
            [PJ, "平江县没报过的稿件", "市委办", "市级", dt.date(2015, 4, 3), "全文采用", "", ""],
            [YY, "岳阳县短稿", "市委办", "市级", dt.date(2015, 4, 3), "部分采用", "", ""],
        ],
    )
    workspace = xlflow.Workspace(root)
    assert workspace.consolidate("2015-03").exit_code == 0
    return workspace


def test_workspace_is_exported_lazily() -> None:
    from xlflow.api import Workspace

    assert xlflow.Workspace is Workspace
    assert "Workspace" in dir(xlflow)
    with pytest.raises(AttributeError):
        xlflow.Nothing  # noqa: B018


def test_the_errors_are_caught_by_their_names_in_xlflow(ws: xlflow.Workspace) -> None:
    """review Y3 d5: `except xlflow.PeriodError` (the README's name) raised AttributeError instead."""
    try:
        ws.rates("2014-03")
    except xlflow.PeriodError as exc:
        said = str(exc)
    assert said == "2014-03 不在本工作区的年度内：本工作区是 2015 年度的，请写 2015 年内的期间，如 2015-03"
    assert xlflow.XlflowError is XlflowError and xlflow.LedgerDamagedError is LedgerDamagedError
    assert {"XlflowError", "WorkspaceError", "PeriodError", "LedgerDamagedError"} <= set(dir(xlflow))


def test_rates_are_the_completion_table(ws: xlflow.Workspace) -> None:
    rates = ws.rates("2015-03")
    assert list(rates.columns) == RATE_COLUMNS
    assert len(rates) == 34 and rates["单位名称"].iloc[0] == YY  # quota-table order
    by_unit = rates.set_index("单位名称")
    assert by_unit.loc[YY].tolist() == ["县市区工信局", 4, 2, 0.5, 1, 0.5, 2]
    assert by_unit.loc[PJ].tolist() == ["县市区工信局", 4.0, 1, 0.25, 0, 0.0, 3]
    assert by_unit.loc[OFFICE].tolist() == ["委综合科室", 1.0, 1, 1.0, 0, 0.0, 1]  # per quarter: 4 a year ÷ 4
    nothing = by_unit.loc["湘阴县工信局"]
    assert nothing["报送数"] == 0 and nothing["完成率"] == 0.0 and pd.isna(nothing["采用率"]) and nothing["排名"] == 4
    year = ws.rates("2015")
    assert list(year.columns) == [*RATE_COLUMNS, "考核得分"]
    assert year.set_index("单位名称").loc[YY, "任务数"] == 48.0


def test_a_unit_without_quota_has_no_rank_and_the_ranks_stay_whole_numbers(ws: xlflow.Workspace) -> None:
    """review (stop 26): with one unit given no quota the 排名 column became floats with NaN (2.0, nan)."""
    quota = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    (row,) = [r for r in quota.active.iter_rows(min_row=2) if r[1].value == "湘阴县工信局"]
    row[4].value, row[5].value = 0, 0
    quota.save(ws.root / "信息任务分配表.xlsx")
    ranks = ws.rates("2015-03").set_index("单位名称")["排名"]
    assert str(ranks.dtype) == "Int64"
    assert ranks[YY] == 2 and ranks[PJ] == 3 and ranks[OFFICE] == 1
    assert ranks["湘阴县工信局"] is pd.NA


def test_articles_carry_their_source(ws: xlflow.Workspace) -> None:
    articles = ws.articles("2015-03")
    assert articles["信息标题"].tolist() == ["岳阳县稿件一", "岳阳县稿件二", "平江县稿件", "办公室季度稿件"]
    first = articles.iloc[0]
    assert (first["单位名称"], first["计入月份"], first["来源文件"], first["工作表"], first["行号"]) == (YY, "2015-03", "岳阳县.xlsx", "信息报送登记表", 5)
    assert first["报送日期"] == pd.Timestamp(2015, 3, 5) and first["审签人"] == "张局长" and bool(first["是否计入"])
    everything = ws.articles("2015-Q1", counted_only=False)
    short = everything[everything["信息标题"] == "岳阳县短稿"].iloc[0]
    assert not short["是否计入"] and "R1 字数不足" in short["问题"] and short["行号"] == 7
    assert ws.articles("2015-04").empty and "来源文件" in ws.articles("2015-04").columns


def test_frames_keep_their_types_with_or_without_data(ws: xlflow.Workspace, tmp_path: Path) -> None:
    """任务数 whole numbers as integers (24, not 24.0), rates always float, 导入时间 a date-time."""
    rates = ws.rates("2015-03")
    assert rates["任务数"].dtype == "int64" and rates["任务数"].tolist()[:2] == [4, 4]
    assert (rates["完成率"].dtype, rates["采用率"].dtype) == ("float64", "float64")
    assert ws.rates("2015")["考核得分"].dtype == "float64"
    imported = ws.articles("2015-03")["导入时间"]
    assert imported.dtype == "datetime64[us]" and imported.iloc[0].year == dt.date.today().year
    empty = xlflow.Workspace(make_workspace(tmp_path / "empty").root).rates("2015-03")
    assert dict(empty.dtypes[["任务数", "完成率", "采用率"]]) == {"任务数": "int64", "完成率": "float64", "采用率": "float64"}
    assert empty["采用率"].isna().all()
    book = openpyxl.load_workbook(ws.root / "信息任务分配表.xlsx")
    sheet = book["信息任务分配表"]
    row = next(r for r in sheet.iter_rows() if r[1].value == OFFICE)
    row[5].value = 6  # 办公室: 6 a year, 1.5 a quarter
    book.save(ws.root / "信息任务分配表.xlsx")
    quotas = ws.rates("2015-03").set_index("单位名称")["任务数"]
    assert quotas.dtype == "float64" and (quotas[OFFICE], quotas[YY]) == (1.5, 4.0)


def test_findings(ws: xlflow.Workspace) -> None:
    findings = ws.findings("2015-03")
    r1 = findings[findings["代码"] == "R1"]
    assert len(r1) == 1
    assert r1.iloc[0][["单位名称", "文件", "工作表", "行号", "信息标题", "规则", "类别"]].tolist() == [YY, "岳阳县.xlsx", "信息报送登记表", 7, "岳阳县短稿", "字数不足", "错误"]
    assert ws.findings("2015-02").empty


def test_findings_are_the_working_papers_in_their_order(ws: xlflow.Workspace) -> None:
    """Units in quota-table order (岳阳县, 平江县, then 办公室), a file of no known unit last as （单位不明）."""
    march = ws.root / "inbox" / "2015-03"
    write_report(march / "平江县.xlsx", PJ, [report_row("平江县稿件", 9), report_row("平江县短稿", 10, body="太短")])
    write_report(march / "办公室.xlsx", OFFICE, [report_row("办公室季度稿件", 10), report_row("办公室短稿", 11, body="太短")])
    write_report(march / "市直某某局.xlsx", "市直某某局", [report_row("某某局稿件", 12)])
    # review S1: a date of another month (R5 日期不在本月) and a replaced file (F8 文件已被替代) labelled as the 工作底稿
    write_report(march / "岳阳县（更正）.xlsx", YY, [report_row("岳阳县稿件一", 5), report_row("岳阳县稿件二", 6),
                                                   report_row("岳阳县短稿", 7, body="太短"), report_row("岳阳县二月稿件", 27, month=2)])
    ws.consolidate("2015-03")
    findings = ws.findings("2015-03")
    r1 = findings[findings["代码"] == "R1"]
    assert r1[["单位名称", "文件月份", "行号", "信息标题"]].values.tolist() == [
        [YY, "2015-03", 7, "岳阳县短稿"], [PJ, "2015-03", 6, "平江县短稿"], [OFFICE, "2015-03", 6, "办公室短稿"],
    ]  # fmt: skip
    unknown = findings[findings["文件"] == "市直某某局.xlsx"]
    assert len(unknown) == 1 and unknown.iloc[0]["单位名称"] == "（单位不明）" and unknown.iloc[0]["信息标题"] == ""
    assert findings.index[findings["文件"] == "市直某某局.xlsx"].tolist() == [len(findings) - 1]
    ws.bulletin("2015-03", date="2015-04-05")
    sheet = openpyxl.load_workbook(ws.root / "out" / "工作底稿_2015年03月.xlsx")["问题稿件"]
    rows = [r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[1], r[3], r[5]) for r in rows] == list(zip(findings["单位名称"], findings["文件"], findings["行号"].astype(object).where(findings["行号"].notna(), None), strict=True))
    assert [r[8] for r in rows] == (findings["代码"] + " " + findings["规则"]).tolist()
    assert {"R5 日期不在本月", "F8 文件已被替代"} <= {r[8] for r in rows}


def test_adoptions_say_whether_each_row_matched(ws: xlflow.Workspace) -> None:
    march = ws.adoptions("2015-03")
    assert march["登记表行号"].tolist() == [4, 5, 6]  # title, blank, header: data from row 4
    assert march["是否对应"].tolist() == [True, False, False]
    assert march["计入月份"].tolist()[0] == "2015-03"
    assert "找不到这个标题" in march["问题"].iloc[1]
    assert "未计入" in march["问题"].iloc[2]
    april = ws.adoptions("2015-04")  # the matched row counts in March; the unmatched ones stay listed
    assert april["登记表行号"].tolist() == [5, 6]


def test_adoptions_name_the_unit_as_the_bulletin_does_and_in_its_order(ws: xlflow.Workspace) -> None:
    """报送单位 is the quota table's name, as in 采用明细 (运行科 is 经济运行科's alias, 岳阳县 its short name); the
    register's own text is 登记的报送单位; 岳阳县 (first in the quota table) first, the row matching nothing last."""
    write_report(ws.root / "inbox" / "2015-03" / "经济运行科.xlsx", "经济运行科", [report_row("经济运行科稿件", 12)])
    ws.consolidate("2015-03")
    write_register(
        ws.root / "采用登记表.xlsx",
        [
            ["运行科", "经济运行科稿件", "市委办", "市级", dt.date(2015, 4, 2), "全文采用", "", ""],
            [PJ, "平江县没报过的稿件", "市委办", "市级", dt.date(2015, 4, 3), "全文采用", "", ""],
            ["岳阳县", "岳阳县稿件二", "市委办", "市级", dt.date(2015, 4, 3), "全文采用", "", ""],
        ],
    )
    march = ws.adoptions("2015-03")
    assert march[["登记表行号", "报送单位", "登记的报送单位", "是否对应"]].values.tolist() == [
        [6, YY, "岳阳县", True], [4, "经济运行科", "运行科", True], [5, PJ, PJ, False],
    ]  # fmt: skip
    ws.bulletin("2015-03", date="2015-04-05")
    sheet = openpyxl.load_workbook(ws.root / "out" / "通报_2015年03月.xlsx")["采用明细"]
    assert [r[1:3] for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)] == [(YY, "岳阳县稿件二"), ("经济运行科", "经济运行科稿件")]


def test_adoptions_of_a_month_not_consolidated_wait_for_it_as_in_the_bulletin(ws: xlflow.Workspace) -> None:
    """ws.adoptions says what the bulletin says of a title naming a month not consolidated yet, not 找不到."""
    write_register(ws.root / "采用登记表.xlsx", [[YY, "岳阳县4月份工业运行情况", "市委办", "市级", dt.date(2015, 5, 6), "全文采用", "", ""]])
    row = ws.adoptions("2015-04").iloc[0]
    assert (row["是否对应"], row["问题"]) == (False, "2015年4月尚未汇总：汇总该月后自动匹配")
    result = ws.bulletin("2015-04")
    assert "  采用登记表第 4 行：2015年4月尚未汇总：汇总该月后自动匹配" in result.render()


def test_bulletin_is_the_command_and_agrees_with_rates(ws: xlflow.Workspace) -> None:
    result = ws.bulletin("2015-Q1")
    assert isinstance(result, RunResult) and result.exit_code == 0
    book = openpyxl.load_workbook(ws.root / "out" / "通报_2015年第一季度.xlsx")["完成情况"]
    rows = {row[0]: row[2:8] for row in book.iter_rows(values_only=True) if row[0] in (YY, PJ, OFFICE)}
    assert rows[YY] == (12, 2, pytest.approx(2 / 12), 1, 0.5, rows[YY][5])
    rates = ws.rates("2015-Q1").set_index("单位名称")
    for unit, values in rows.items():
        assert tuple(rates.loc[unit, ["任务数", "报送数", "完成率", "采用数", "采用率", "排名"]]) == pytest.approx(values)
    ws.bulletin("2015-Q1", date=dt.date(2015, 4, 8))  # the 落款日期, as `--date` gives it
    notice = openpyxl.load_workbook(ws.root / "out" / "通报_2015年第一季度.xlsx")["通报"]
    assert "2015年4月8日\u3000\u3000" in [c.value for c in notice["A"]]


def test_bulletin_takes_a_datetime_as_its_date_and_refuses_a_number(ws: xlflow.Workspace) -> None:
    for given, shown in ((dt.datetime(2015, 4, 6, 9, 30), "2015年4月6日"), (pd.Timestamp("2015-04-07"), "2015年4月7日")):
        assert ws.bulletin("2015-Q1", date=given).exit_code == 0
        notice = openpyxl.load_workbook(ws.root / "out" / "通报_2015年第一季度.xlsx")["通报"]
        assert f"{shown}\u3000\u3000" in [c.value for c in notice["A"]]
    with pytest.raises(PeriodError, match=r"^落款日期“20150405”看不懂：请写成 \"2015-07-05\" 这样的文字，或 datetime.date\(2015, 7, 5\)$"):
        ws.bulletin("2015-Q1", date=20150405)  # type: ignore[arg-type]
    with pytest.raises(PeriodError, match=r"^落款日期是空值（NaT）"):  # a date column's empty cell
        ws.bulletin("2015-Q1", date=pd.NaT)


def test_a_damaged_ledgers_restore_command_works_where_python_runs(ws: xlflow.Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workspace named from its parent folder: the hint is `xlflow -w ws restore backup/…`, as the CLI writes it."""
    (ws.root / "backup").mkdir(exist_ok=True)
    (ws.root / "backup" / "台账_手动.sqlite").write_bytes((ws.root / "ledger.sqlite").read_bytes())
    (ws.root / "ledger.sqlite").write_bytes(b"")
    monkeypatch.chdir(ws.root.parent)
    for call in (lambda w: w.rates("2015-03"), lambda w: w.bulletin("2015-03")):
        with pytest.raises(LedgerDamagedError) as caught:
            call(xlflow.Workspace("ws"))
        assert "请用最近的备份恢复：xlflow -w ws restore backup/台账_手动.sqlite（" in str(caught.value)
    done = CliRunner().invoke(cli, ["-w", "ws", "restore", "backup/台账_手动.sqlite"])
    assert done.exit_code == 0, done.output
    assert xlflow.Workspace("ws").rates("2015-03").set_index("单位名称").loc[YY, "报送数"] == 2


def test_consolidate_wants_a_month(ws: xlflow.Workspace) -> None:
    with pytest.raises(PeriodError):
        ws.consolidate("2015-Q1")


def test_another_years_period_and_an_unreadable_date_are_refused_in_chinese(ws: xlflow.Workspace) -> None:
    """As the CLI refuses them: a 2015 workspace has no 2016, so no table of zeros all ranked 1."""
    for call in (ws.rates, ws.articles, ws.findings, ws.adoptions, ws.bulletin, ws.consolidate):
        with pytest.raises(PeriodError, match="^2016-03 不在本工作区的年度内：本工作区是 2015 年度的，请写 2015 年内的期间，如 2015-03$"):
            call("2016-03")
    with pytest.raises(PeriodError, match="落款日期“下周一”看不懂：请写成 2015-07-05 或 2015年7月5日"):
        ws.bulletin("2015-Q1", date="下周一")
    for typed, shown in (("2015-04-09", "2015年4月9日"), ("2015年4月10日", "2015年4月10日"), ("2015/04/11", "2015年4月11日")):
        ws.bulletin("2015-Q1", date=typed)  # as --date reads them
        notice = openpyxl.load_workbook(ws.root / "out" / "通报_2015年第一季度.xlsx")["通报"]
        assert f"{shown}\u3000\u3000" in [c.value for c in notice["A"]]


def test_not_a_workspace_and_no_ledger(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="不是 xlflow 工作区"):
        xlflow.Workspace(tmp_path)
    empty = xlflow.Workspace(make_workspace(tmp_path / "ws").root)
    assert empty.rates("2015-03")["报送数"].sum() == 0
    assert empty.articles("2015-03").empty and empty.findings("2015-03").empty and empty.adoptions("2015-03").empty
    assert not (tmp_path / "ws" / "ledger.sqlite").exists(), "reading never creates a ledger"


# --- the README on the demo workspace ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    run_demo(folder / "xlflow示例")
    return folder


def readme_snippet() -> str:
    section = README.split("## 在 Python 里使用", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_readme_documents_every_method() -> None:
    section = README.split("## 在 Python 里使用", 1)[1].split("\n## ", 1)[0]
    for method in ("rates", "articles", "findings", "adoptions", "consolidate", "bulletin"):
        assert f"ws.{method}(" in section, method


def test_readme_snippet_runs_on_the_demo(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(demo)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_snippet(), "README.md", "exec"), {})
    printed = out.getvalue()
    assert "完成率" in printed and "经济运行" in printed and "字数不足" in printed
    assert "2015年第二季度通报" in printed and "out/通报_2015年第二季度.xlsx" in printed  # its summary, as the command prints it
    assert (demo / "xlflow示例" / "out" / "通报_2015年第二季度.xlsx").is_file()


def test_readme_numbers_are_the_bulletins(demo: Path) -> None:
    """The README's claims: the half year's articles by 信息类别 are the 分类统计; a month's articles miss what a
    quarterly unit counts in the month's bulletin (人事科: 3 in March's, none sent in March, 3 in the quarter)."""
    assert "即上半年通报“分类统计”中各类的报送数" in readme_snippet()
    assert "3 月通报报送数 3，\n`ws.articles(\"2015-03\")` 中 0 篇，`ws.articles(\"2015-Q1\")` 中 3 篇" in README
    ws = xlflow.Workspace(demo / "xlflow示例")
    out = demo / "xlflow示例" / "out"
    sheet = openpyxl.load_workbook(out / "通报_2015年上半年.xlsx")["分类统计"]
    counted = {row[1]: row[3] for row in sheet.iter_rows(min_row=3, values_only=True) if row[1] and isinstance(row[3], int)}
    assert len(counted) == 7 and ws.articles("2015-H1").groupby("信息类别").size().to_dict() == counted
    march = openpyxl.load_workbook(out / "通报_2015年03月.xlsx")["完成情况"]
    assert next(row[3] for row in march.iter_rows(values_only=True) if row[0] == "人事科") == 3
    assert ws.rates("2015-03").set_index("单位名称").loc["人事科", "报送数"] == 3
    assert (ws.articles("2015-03")["单位名称"] == "人事科").sum() == 0
    assert (ws.articles("2015-Q1")["单位名称"] == "人事科").sum() == 3


def test_demo_rates_are_the_bulletins(demo: Path) -> None:
    ws = xlflow.Workspace(demo / "xlflow示例")
    sheet = openpyxl.load_workbook(demo / "xlflow示例" / "out" / "通报_2015年上半年.xlsx")["完成情况"]
    rates = ws.rates("2015-H1").set_index("单位名称")
    rows = [row for row in sheet.iter_rows(values_only=True) if row[0] in rates.index]
    assert len(rows) == 34
    for row in rows:
        expected = [0.0 if v is None else v for v in row[2:8]]
        actual = [0.0 if pd.isna(v) else v for v in rates.loc[row[0], RATE_COLUMNS[2:]]]
        assert actual == pytest.approx(expected), row[0]


def test_the_command_line_starts_without_pandas() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for code in ("import xlflow.cli", "import sys; sys.argv = ['xlflow', '--help']; import xlflow.cli as c; c.main()"):
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False)
        imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line]
        assert "xlflow.cli" in imported, done.stderr[-2000:]
        assert not [m for m in imported if m.split(".")[0] in ("pandas", "numpy")], "pandas is imported by: " + code


def test_a_results_hints_work_where_python_runs(ws: xlflow.Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """review Z5: the summary's `xlflow bulletin --period 2015-Q1` written with `-w ws`, as the command line writes
    it, so that it runs from the folder Python runs in."""
    monkeypatch.chdir(ws.root.parent)
    here = xlflow.Workspace("ws")
    here.bulletin("2015-Q1", date="2015-04-05")
    write_report(here.root / "inbox" / "2015-03" / "平江县（补报）.xlsx", PJ, [report_row("平江县补报稿件", 5)])
    said = here.consolidate("2015-03").render()
    assert "要更新，请运行 xlflow -w ws bulletin --period 2015-Q1" in said and "请运行 xlflow bulletin" not in said
    assert CliRunner().invoke(cli, ["-w", "ws", "bulletin", "--period", "2015-Q1"]).exit_code == 0


def test_a_workspace_stays_bound_to_its_folder_after_chdir(ws: xlflow.Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review R5: Workspace(".") then os.chdir (a notebook's %cd) read the other folder's workspace."""
    other = make_workspace(tmp_path / "other").root
    monkeypatch.chdir(ws.root)
    here = xlflow.Workspace(".")
    assert repr(here) == f"xlflow.Workspace({str(tmp_path / 'ws')!r})"
    monkeypatch.chdir(other)
    assert here.rates("2015-03").set_index("单位名称").loc[YY, "报送数"] == 2
    assert here.articles("2015-03")["信息标题"].tolist()[0] == "岳阳县稿件一"
    monkeypatch.chdir(tmp_path)
    named = xlflow.Workspace("ws")
    monkeypatch.chdir(other)  # its bulletin still the workspace's, its hints written from where Python runs now
    write_report(tmp_path / "ws" / "inbox" / "2015-03" / "平江县（补报）.xlsx", PJ, [report_row("平江县补报稿件", 5)])
    named.bulletin("2015-Q1", date="2015-04-05")
    assert (tmp_path / "ws" / "out" / "通报_2015年第一季度.xlsx").is_file() and not (other / "out" / "通报_2015年第一季度.xlsx").exists()
    said = named.consolidate("2015-03").render()
    assert f"要更新，请运行 xlflow -w {tmp_path / 'ws'} bulletin --period 2015-Q1" in said


def test_a_relative_folder_is_in_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review R5: ws.consolidate(month, folder="收件/3月") reads the workspace's 收件/3月, as `xlflow -w ws consolidate
    --month 2015-03 收件/3月` does, not the one in the folder Python runs in."""
    root = make_workspace(tmp_path / "ws").root
    write_report(root / "收件" / "3月" / "岳阳县.xlsx", YY, [report_row("岳阳县稿件一", 5)])
    write_report(root / "收件" / "4月" / "岳阳县.xlsx", YY, [report_row("岳阳县四月稿件", 5, month=4)], month="2015年4月")
    monkeypatch.chdir(tmp_path)
    ws = xlflow.Workspace("ws")
    assert ws.consolidate("2015-03", folder="收件/3月").exit_code == 0
    assert ws.consolidate("2015-04", folder=root / "收件" / "4月").exit_code == 0  # a whole path as it is
    assert ws.articles("2015-03")["来源文件"].tolist() == ["岳阳县.xlsx"]
    assert ws.articles("2015-04")["信息标题"].tolist() == ["岳阳县四月稿件"]
    # review S2: written from the folder Python runs in, as before, when the workspace has no such folder
    write_report(tmp_path / "ws" / "收件" / "5月" / "岳阳县.xlsx", YY, [report_row("岳阳县五月稿件", 5, month=5)], month="2015年5月")
    assert ws.consolidate("2015-05", folder="ws/收件/5月").exit_code == 0
    assert ws.articles("2015-05")["信息标题"].tolist() == ["岳阳县五月稿件"]


def test_not_a_workspace_advice_is_for_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review R5: the API's errors said `请在那里运行，或加 -w ..` / `请 cd 到…`, advice for the command line."""
    make_workspace(tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    cases = {
        "ws/inbox": f"{tmp_path / 'ws' / 'inbox'} 不是工作区目录，工作区在 {tmp_path / 'ws'}：请用 xlflow.Workspace('ws')",
        ".": f"{tmp_path} 不是工作区目录，工作区在 ws：请用 xlflow.Workspace('ws')",
        "别处": f"目录“别处”不存在（{tmp_path / '别处'}）：请检查目录名",
        "空": f"{tmp_path / '空'} 不是 xlflow 工作区（没有 xlflow.toml）：要在这里新建工作区，请在终端运行 xlflow init 空 "
        f"--year {dt.date.today().year}；工作区在别的目录时，请用 xlflow.Workspace(\"工作区目录\") 写明",
    }
    (tmp_path / "空").mkdir()
    for typed, said in cases.items():
        with pytest.raises(WorkspaceError) as caught:
            xlflow.Workspace(typed)
        assert str(caught.value) == said
    make_workspace(tmp_path / "ws2")
    with pytest.raises(WorkspaceError, match=r"工作区在 ws、ws2：请用 xlflow.Workspace\('ws'\) 这样写明要用的那个$"):
        xlflow.Workspace(".")


def test_a_folder_not_there_is_said_so_naming_a_workspace_like_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review Y3 d2: a typo (示列 for 示例) was told to `xlflow init xlflow示列`; ~ was not the home folder."""
    make_workspace(tmp_path / "xlflow示例")
    (tmp_path / "笔记.txt").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cases = {
        "xlflow示列": f"目录“xlflow示列”不存在（{tmp_path / 'xlflow示列'}）：是不是 xlflow.Workspace('xlflow示例')？",
        "笔记.txt": f"{tmp_path / '笔记.txt'} 是一个文件，不是工作区目录：请写工作区所在的目录",
    }
    for typed, said in cases.items():
        with pytest.raises(WorkspaceError) as caught:
            xlflow.Workspace(typed)
        assert str(caught.value) == said
    monkeypatch.setenv("HOME", str(tmp_path))
    assert xlflow.Workspace("~/xlflow示例").root == tmp_path / "xlflow示例"


def test_a_used_workspace_without_its_ledger_warns(ws: xlflow.Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review R5: the ledger moved away, backup/ and out/ full: the API gave zeros without a word."""
    (ws.root / "backup").mkdir(exist_ok=True)
    (ws.root / "backup" / "台账_手动.sqlite").write_bytes((ws.root / "ledger.sqlite").read_bytes())
    (ws.root / "ledger.sqlite").unlink()
    monkeypatch.chdir(tmp_path)
    with pytest.warns(UserWarning) as caught:
        assert xlflow.Workspace("ws").rates("2015-03")["报送数"].sum() == 0
    assert str(caught[0].message) == (
        f"工作区中没有台账 {tmp_path / 'ws' / 'ledger.sqlite'}，但这个工作区用过台账（有台账备份、回执或通报）："
        "如果它被移走或删除了，请用最近的备份恢复：xlflow -w ws restore backup/台账_手动.sqlite（恢复后，把备份之后汇总过的月份再汇总一次）")
    assert caught[0].filename == __file__  # where the user called it
    with pytest.warns(UserWarning, match="^工作区中没有台账"):  # the register's rows are not all 找不到 (review Y3 d1)
        assert xlflow.Workspace("ws").adoptions("2015-03").empty
    new = xlflow.Workspace(make_workspace(tmp_path / "new").root)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a new workspace: no ledger yet, nothing to warn about
        assert new.articles("2015-03").empty


def test_adoptions_before_the_first_consolidate_are_an_empty_table(tmp_path: Path) -> None:
    """review Y3 d1: an adoption registered before January is consolidated was listed as 本单位已计入的稿件中找不到这个标题;
    the README: without a ledger the tables are empty."""
    root = make_workspace(tmp_path / "ws").root
    write_register(root / "采用登记表.xlsx", [[YY, "岳阳县1月份工业经济运行情况分析", "市委办", "市级", dt.date(2015, 1, 25), "全文采用", "", ""]])
    new = xlflow.Workspace(root)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a new workspace: nothing to warn about
        adoptions = new.adoptions("2015-01")
        assert adoptions.empty and adoptions.columns[-4:].tolist() == ["是否对应", "计入月份", "问题", "最接近的标题"]
        assert new.rates("2015-01").set_index("单位名称").loc[YY, ["报送数", "采用数"]].tolist() == [0, 0]
    assert not (root / "ledger.sqlite").exists()


def test_a_year_typed_beyond_pandas_nanoseconds_is_read(tmp_path: Path) -> None:
    """review Y3 d3: 6015年3月9日 typed for 2015 (counted in the file's month, with a 提示) raised pandas'
    OutOfBoundsDatetime from ws.articles while `xlflow export` lists it: the dates are microseconds."""
    root = make_workspace(tmp_path / "ws").root
    typo = report_row("年份打错的稿件", 9)
    typo[1] = "6015年3月9日"
    write_report(root / "inbox" / "2015-03" / "平江县.xlsx", PJ, [typo])
    workspace = xlflow.Workspace(root)
    assert workspace.consolidate("2015-03").exit_code == 0
    row = workspace.articles("2015-03").iloc[0]
    assert (row["信息标题"], row["报送日期"], row["是否计入"]) == ("年份打错的稿件", pd.Timestamp(6015, 3, 9), True)
    assert workspace.rates("2015-03").set_index("单位名称").loc[PJ, "报送数"] == 1


def _rename(root: Path, old: str, new: str) -> None:
    """The quota table names `old` unit `new`, with `old` as its 别名."""
    book = openpyxl.load_workbook(root / "信息任务分配表.xlsx")
    for row in book.worksheets[0].iter_rows(min_row=2):
        if row[1].value == old:
            row[1].value, row[6].value = new, old
    book.save(root / "信息任务分配表.xlsx")


def test_reading_warns_of_what_the_bulletin_warns_of(ws: xlflow.Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review Y3 d4: a unit renamed in the quota table (its articles under the old name count nowhere) and a ledger
    whose R6 is to be judged again were told by `xlflow bulletin`, not by the API reading the same numbers."""
    _rename(ws.root, YY, "岳阳县工业和信息化局")
    monkeypatch.chdir(tmp_path)
    renamed = ("台账中有 1 个单位不在任务分配表中，其稿件没有计入通报：岳阳县工信局（{}计入 2 条）：“岳阳县工信局”现在是"
               "岳阳县工业和信息化局的别名，而其稿件是改名前以“岳阳县工信局”汇总的：请重新运行 xlflow -w ws consolidate --month 2015-03，"
               "再重新生成通报")  # fmt: skip
    moved = xlflow.Workspace("ws")
    for read, period in ((moved.rates, "2015年3月"), (moved.articles, "2015年3月"), (moved.adoptions, "2015年第一季度")):
        with pytest.warns(UserWarning) as caught:
            read("2015-03" if period == "2015年3月" else "2015-Q1")
        assert [str(w.message) for w in caught] == [renamed.format(period)] and caught[0].filename == __file__
    with pytest.warns(UserWarning):
        assert moved.rates("2015-03").set_index("单位名称").loc["岳阳县工业和信息化局", "报送数"] == 0
    assert renamed.format("2015年3月") in moved.bulletin("2015-03", date="2015-04-02").warnings  # what the bulletin says
    _rename(ws.root, "岳阳县工业和信息化局", YY)
    db = sqlite3.connect(ws.root / "ledger.sqlite")  # as the xlflow before the recount left it
    db.execute("DROP TABLE recount")
    db.execute("UPDATE schema_version SET version = 2")
    db.commit()
    db.close()
    with pytest.warns(UserWarning) as caught:
        moved.rates("2015-03")
    assert [str(w.message) for w in caught] == [
        "xlflow 已更新，台账中的重复报送（R6）要在下次汇总时按新规则重新判定：请先重新汇总一个月"
        "（如 xlflow -w ws consolidate --month 2015-03），回执、催报和通报才是最新的"
    ]


def test_rows_not_counted_belong_to_the_month_of_their_file(tmp_path: Path) -> None:
    """review (stop 28): a March file's February-dated row with an error was listed by ws.articles under February
    (its date's month) while the March 通报, receipt and ws.findings report it in March, the file's month."""
    root = make_workspace(tmp_path / "ws").root
    write_report(root / "inbox" / "2015-03" / "屈原区.xlsx", "屈原区工信局",
                 [report_row("三月稿", 3), report_row("二月底短稿", 21, body="太短。", month=2), report_row("二月底好稿", 22, month=2)])  # fmt: skip
    workspace = xlflow.Workspace(root)
    assert workspace.consolidate("2015-03").exit_code == 0
    march, february = workspace.articles("2015-03", counted_only=False), workspace.articles("2015-02", counted_only=False)
    assert march[["信息标题", "是否计入"]].values.tolist() == [["二月底短稿", False], ["三月稿", True]]  # by date
    assert february[["信息标题", "是否计入"]].values.tolist() == [["二月底好稿", True]]
    found = workspace.findings("2015-03")
    assert sorted(found.loc[found["类别"] == "错误", "信息标题"]) == ["二月底短稿"] and workspace.findings("2015-02").empty
    quarter = workspace.articles("2015-Q1", counted_only=False)
    assert sorted(quarter["信息标题"]) == ["三月稿", "二月底好稿", "二月底短稿"]
