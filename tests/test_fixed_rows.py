"""A row with an error that the unit fixed and sent again in a 补报: no longer an error to fix anywhere
(receipt, 催报, bulletin); the copies of counted rows in a 补报 are 提示, not errors. Library and CLI."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from helpers_bulletin import narrative_lines
from helpers_ledger import make_workspace, report_row, write_report
from helpers_workbooks import article, unit_file

from xlflow.checks.rows import check_file, mark_duplicates
from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.model import ERROR, WARNING
from xlflow.core.periods import Period
from xlflow.settings import Settings
from xlflow.workspace import Workspace

MARCH = Period.parse("2015-03")
MAIN = "岳阳县工信局_2015年03月.xlsx"
EXTRA = "岳阳县工信局_2015年03月（补报）.xlsx"
TITLES = ("岳阳县工业动态一", "岳阳县工业动态二", "岳阳县工业动态三")


def test_a_fixed_row_and_a_resent_copy_get_r6_warnings(settings: Settings) -> None:
    main = check_file(unit_file([article(title="甲"), article(title="乙", signer=None)]), settings=settings)
    extra_file = unit_file([article(title="甲"), article(title="乙")])
    extra_file.supplement, extra_file.name = True, "岳阳县补报.xlsx"
    extra = check_file(extra_file, settings=settings)
    assert mark_duplicates([*main, *extra]) == [extra[0]]
    assert main[0].counted and not extra[0].counted and extra[1].counted and not main[1].counted
    assert [(f.code, f.severity) for f in main[1].findings] == [("R3", ERROR), ("R6", WARNING)]
    assert main[1].findings[1].message == "同一篇信息已在2015年3月 岳阳县补报.xlsx 第 5 行计入：这一行的问题无需再改"
    assert [(f.code, f.severity, f.message) for f in extra[0].findings] == [
        ("R6", WARNING, "与已计入的信息标题相同（2015年3月 岳阳县工信局_2015-03.xlsx 第 4 行）：同一篇信息只计一次，"
                        "这一行不再计入，无需修改")]  # fmt: skip


def test_an_error_row_is_not_fixed_by_a_copy_in_its_own_file_and_a_copy_in_a_main_file_is_an_error(
    settings: Settings,
) -> None:
    rows = check_file(unit_file([article(title="甲", signer=None), article(title="甲", seq=2)]), settings=settings)
    [feb] = check_file(unit_file([article(title="乙", date="2015年2月6日")], month="2015-02"), settings=settings)
    [march] = check_file(unit_file([article(title="乙")]), settings=settings)
    mark_duplicates([*rows, feb, march])
    assert [f.code for f in rows[0].findings] == ["R3"] and rows[1].counted
    assert [(f.code, f.severity) for f in march.findings] == [("R6", ERROR)]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """岳阳县 sends three articles, the third unsigned; 平江县 one unsigned article (a real error)."""
    ws = make_workspace(tmp_path / "ws")
    inbox = ws.inbox / "2015-03"
    write_report(inbox / MAIN, "岳阳县工信局", [report_row(TITLES[0], 3), report_row(TITLES[1], 4),
                                                report_row(TITLES[2], 5, signer="")], mtime=1_426_000_000)  # fmt: skip
    write_report(inbox / "平江县3月信息.xlsx", "平江县", [report_row("平江县工业园区建设提速", signer="")], mtime=1_426_000_000)
    assert _run(ws, "consolidate").exit_code == 0
    return ws


def _run(ws: Workspace, command: str, *more: str) -> Result:
    return CliRunner().invoke(cli, [command, "--month", "2015-03", *more, "-w", str(ws.root)])


def _resend(ws: Workspace, rows: list[list[object]]) -> str:
    write_report(ws.inbox / "2015-03" / EXTRA, "岳阳县工信局", rows, mtime=1_427_000_000)
    result = _run(ws, "consolidate")
    assert result.exit_code == 0
    return result.output


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return [r for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True) if any(v is not None for v in r)]


REAL_ERROR = ("另有1篇稿件因未审签未计入。本期共发现错误1条，其中1条在这1篇未计入的稿件中。"
              "问题已在各单位的回执中逐条列明，请有关单位对照改进。")  # fmt: skip


def _errors_paragraph(ws: Workspace, name: str) -> list[str]:
    return [line.strip("\u3000") for line in narrative_lines(openpyxl.load_workbook(ws.out / name)) if "另有" in line]


def test_the_fixed_row_resent_alone_is_no_error_in_receipt_remind_or_bulletin(ws: Workspace) -> None:
    assert "计入稿件 3 条（共 5 行，1 行有错误未计入，1 行与已计入的稿件相同）" in _resend(ws, [report_row(TITLES[2], 5)])  # 平江县's
    receipt = receipt_path(ws, "岳阳县工信局", MARCH)
    rows = _sheet_rows(receipt, "回执")
    assert rows[3][3:] == ("本次报送 4 行：计入 3 条，未计入 0 条，1 行已在其他行计入", 4, 3, 0.75, 0, 1)
    assert [(r[1], *r[3:]) for r in rows[7:11]] == [
        (5, TITLES[0], "工作动态", 360, "2015年3月", "计入", None),
        (6, TITLES[1], "工作动态", 360, "2015年3月", "计入", None),
        (7, TITLES[2], "工作动态", 360, None, "已在其他行计入", "R6 重复报送（C7）"),
        (5, TITLES[2], "工作动态", 360, "2015年3月", "计入", None),
    ]
    assert _sheet_rows(receipt, "问题清单")[2][1:] == (
        MAIN, "信息报送登记表", "C7", TITLES[2], "R6 重复报送", "提示",
        f"同一篇信息已在2015年3月 {EXTRA} 第 5 行计入：这一行的问题无需再改")  # fmt: skip

    told = _run(ws, "status", "--remind").output
    notice = told[told.index("  岳阳县工信局：") :].splitlines()[1]
    assert "2015年3月已计入3篇，尚差1篇。请" in notice and "另有" not in notice
    pingjiang = told[told.index("  平江县工信局：") :].splitlines()[1]
    assert "已计入0篇，尚差4篇。另有1篇因未审签未能计入，请按回执修改后重新报送。" in pingjiang

    assert _errors_paragraph(ws, "通报_2015年03月.xlsx") == [REAL_ERROR]


def test_the_whole_workbook_resent_as_a_supplement_leaves_only_the_other_units_error(ws: Workspace) -> None:
    _resend(ws, [report_row(TITLES[0], 3), report_row(TITLES[1], 4), report_row(TITLES[2], 5)])
    receipt = receipt_path(ws, "岳阳县工信局", MARCH)
    rows = _sheet_rows(receipt, "回执")
    assert rows[3][3:] == ("本次报送 6 行：计入 3 条，未计入 0 条，3 行已在其他行计入", 4, 3, 0.75, 0, 3)
    assert openpyxl.load_workbook(receipt)["回执"].column_dimensions["D"].width >= 59  # its line is 57 wide
    assert [r[7] for r in rows[7:13]] == ["计入", "计入", "已在其他行计入", "已在其他行计入", "已在其他行计入", "计入"]
    assert [(r[3], r[6], r[7]) for r in _sheet_rows(receipt, "问题清单")[2:]] == [
        ("C7", "提示", f"同一篇信息已在2015年3月 {EXTRA} 第 7 行计入：这一行的问题无需再改"),
        ("C5", "提示", f"与已计入的信息标题相同（2015年3月 {MAIN} 第 5 行）：同一篇信息只计一次，这一行不再计入，无需修改"),
        ("C6", "提示", f"与已计入的信息标题相同（2015年3月 {MAIN} 第 6 行）：同一篇信息只计一次，这一行不再计入，无需修改"),
    ]
    assert _errors_paragraph(ws, "通报_2015年03月.xlsx") == [REAL_ERROR]
    papers = _sheet_rows(ws.out / "工作底稿_2015年03月.xlsx", "问题稿件")
    assert [(r[1], r[6], r[9]) for r in papers[3:]] == [
        ("岳阳县工信局", "C7", "提示"), ("岳阳县工信局", "C5", "提示"), ("岳阳县工信局", "C6", "提示"),
        ("平江县工信局", "G5", "错误")]  # fmt: skip


def test_the_error_comes_back_when_the_supplement_is_taken_out(ws: Workspace) -> None:
    _resend(ws, [report_row(TITLES[2], 5)])
    (ws.inbox / "2015-03" / EXTRA).unlink()
    assert _run(ws, "consolidate").exit_code == 0
    rows = _sheet_rows(receipt_path(ws, "岳阳县工信局", MARCH), "回执")
    assert rows[3][3:] == ("本次报送 3 行：计入 2 条，未计入 1 条", 4, 2, 0.5, 1, 0)
    assert rows[8][7:] == ("未计入", "R3 未审签（G7）")


def test_a_new_article_under_a_counted_title_in_a_supplement_is_still_an_error(ws: Workspace) -> None:
    """review 6d: a 补报 row reusing a counted title with other text is a new article: change the title."""
    _resend(ws, [report_row(TITLES[0], 6, body="另一篇稿件的正文，" * 30)])
    problems = _sheet_rows(receipt_path(ws, "岳阳县工信局", MARCH), "问题清单")
    assert (problems[3][3], problems[3][6], problems[3][7]) == (
        "C5", "错误", f"与已计入的信息标题相同（2015年3月 {MAIN} 第 5 行）：同一篇信息只计一次；如是新信息，请修改标题后重新报送")


def test_a_fix_in_another_months_file_updates_that_months_receipt(ws: Workspace) -> None:
    """review 6d: March's unsigned row sent again signed in April's return; then April resent without it."""
    april = ws.inbox / "2015-04" / "岳阳县4月.xlsx"
    write_report(april, "岳阳县工信局", [report_row(TITLES[2], 2, month=4), report_row("岳阳县四月动态", 3, month=4)],
                 month="2015年4月")  # fmt: skip
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    assert (f"2015年3月 {MAIN} 第 7 行《{TITLES[2]}》 不再算作错误（同一篇信息已在2015年4月 岳阳县4月.xlsx "
            "第 5 行计入）；该月回执已更新") in run.output.replace("\n", "")  # fmt: skip
    assert "已有的 通报_2015年03月.xlsx 不是最新的：本次汇总改变了2015年3月的数据；要更新，请运行" in run.output.replace("\n", "")
    rows = _sheet_rows(receipt_path(ws, "岳阳县工信局", MARCH), "回执")
    assert rows[3][3:] == ("本次报送 3 行：计入 2 条，未计入 0 条，1 行已在其他行计入", 4, 2, 0.5, 0, 1)

    write_report(april, "岳阳县工信局", [report_row("岳阳县四月动态", 3, month=4)], month="2015年4月", mtime=1_430_000_000)
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert (f"2015年3月 {MAIN} 第 7 行《{TITLES[2]}》 改为错误，请按该月回执修改；"
            "该月回执已更新") in run.output.replace("\n", "")  # fmt: skip
    rows = _sheet_rows(receipt_path(ws, "岳阳县工信局", MARCH), "回执")
    assert rows[3][3:] == ("本次报送 3 行：计入 2 条，未计入 1 条", 4, 2, 0.5, 1, 0)


def test_a_ledger_of_the_earlier_rules_is_judged_again(ws: Workspace) -> None:
    """A ledger written before R6 knew fixed rows (schema 3) shows them fixed after its next consolidate."""
    import sqlite3

    _resend(ws, [report_row(TITLES[2], 5)])
    db = sqlite3.connect(ws.ledger_path)
    with db:
        db.execute("DELETE FROM findings WHERE code = 'R6'")
        db.execute("UPDATE schema_version SET version = 3")
    db.close()
    import xlflow

    def codes() -> list[tuple[str, str]]:
        found = xlflow.Workspace(ws.root).findings("2015-03")
        return [(r["代码"], r["级别"]) for _, r in found.iterrows() if r["单位名称"] == "岳阳县工信局"]

    assert codes() == [("R3", "错误")]  # as the earlier rules left it
    told = ("xlflow 已更新，台账中的重复报送（R6）要在下次汇总时按新规则重新判定：请先重新汇总一个月"
            "（如 xlflow consolidate --month 2015-03），回执、催报和通报才是最新的")  # fmt: skip
    for command in ("status", "bulletin"):  # until then the status and a 通报 show the earlier verdicts: said
        run = CliRunner().invoke(cli, [command, "--month" if command == "status" else "--period", "2015-03",
                                       "-w", str(ws.root)])  # fmt: skip
        assert told in run.output.replace("\n", "").replace(f"-w {ws.root} ", ""), command
    assert _run(ws, "consolidate").exit_code == 0
    assert codes() == [("R6", "提示")]
    assert told not in _run(ws, "status").output.replace("\n", "")


def test_a_later_months_row_with_an_error_is_no_fix_of_an_earlier_one(ws: Workspace) -> None:
    """review 6f: April's new, unsigned article under March's counted title keeps its R3 (it fixes nothing)."""
    april = ws.inbox / "2015-04" / "岳阳县4月.xlsx"
    write_report(april, "岳阳县工信局", [report_row(TITLES[0], 2, month=4, body="四月的另一篇稿件，" * 30, signer="")],
                 month="2015年4月")  # fmt: skip
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)]).exit_code == 0
    problems = _sheet_rows(receipt_path(ws, "岳阳县工信局", Period.parse("2015-04")), "问题清单")
    assert [(r[5], r[6]) for r in problems[2:]] == [("R3 未审签", "错误")]


def test_a_copy_made_an_error_again_rewrites_its_receipt(ws: Workspace) -> None:
    """review 6f: April's 补报 repeats March's counted row (a 提示); the unit then rewrites that row's text in March's
    return, so April's copy is a different article under the same title, an R6 error: April's receipt follows."""
    april = ws.inbox / "2015-04" / "岳阳县4月补报.xlsx"
    write_report(april, "岳阳县工信局", [report_row(TITLES[0], 3, month=4)], month="2015年4月")
    assert CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)]).exit_code == 0
    problems = _sheet_rows(receipt_path(ws, "岳阳县工信局", Period.parse("2015-04")), "问题清单")
    assert [(r[5], r[6]) for r in problems[2:]] == [("R6 重复报送", "提示")]

    write_report(ws.inbox / "2015-03" / MAIN, "岳阳县工信局", [report_row(TITLES[0], 3, body="改写后的正文，" * 40),
                 report_row(TITLES[1], 4), report_row(TITLES[2], 5, signer="")], mtime=1_428_000_000)  # fmt: skip
    out = _run(ws, "consolidate").output.replace("\n", "")
    assert "2015年4月 岳阳县4月补报.xlsx 第 5 行《岳阳县工业动态一》 改为错误，请按该月回执修改；该月回执已更新" in out
    problems = _sheet_rows(receipt_path(ws, "岳阳县工信局", Period.parse("2015-04")), "问题清单")
    assert [(r[5], r[6]) for r in problems[2:]] == [("R6 重复报送", "错误")]


def test_another_article_under_the_title_in_a_later_month_fixes_nothing(ws: Workspace) -> None:
    """review 6g: March's unsigned row and a different April article under its title: March's error stays."""
    april = ws.inbox / "2015-04" / "岳阳县4月.xlsx"
    write_report(april, "岳阳县工信局", [report_row(TITLES[2], 2, month=4, body="四月另写的一篇稿件，" * 30)],
                 month="2015年4月")  # fmt: skip
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert run.exit_code == 0 and "不再算作错误" not in run.output
    rows = _sheet_rows(receipt_path(ws, "岳阳县工信局", MARCH), "回执")
    assert rows[3][3:] == ("本次报送 3 行：计入 2 条，未计入 1 条", 4, 2, 0.5, 1, 0)


def test_a_short_row_lengthened_in_the_next_months_return_is_fixed(ws: Workspace) -> None:
    """review 6h: R1 is fixed by lengthening the text, so the copy's text holds the row's and adds to it."""
    short = "岳阳县召开工业经济运行调度会，部署二季度工作。"
    write_report(ws.inbox / "2015-03" / MAIN, "岳阳县工信局", [report_row(TITLES[0], 3), report_row(TITLES[1], 4, body=short)],
                 mtime=1_428_000_000)  # fmt: skip
    assert _run(ws, "consolidate").exit_code == 0
    april = ws.inbox / "2015-04" / "岳阳县4月.xlsx"
    write_report(april, "岳阳县工信局", [report_row(TITLES[1], 2, month=4, body=short + "会议要求各企业" * 40)],
                 month="2015年4月")  # fmt: skip
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert f"《{TITLES[1]}》 不再算作错误" in run.output.replace("\n", "")
    rows = _sheet_rows(receipt_path(ws, "岳阳县工信局", MARCH), "回执")
    assert rows[3][3:8] == ("本次报送 2 行：计入 1 条，未计入 0 条，1 行已在其他行计入", 4, 1, 0.25, 0)
