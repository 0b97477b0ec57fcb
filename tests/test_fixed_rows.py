"""A row with an error that the unit fixed and sent again in a 补报: no longer an error to fix anywhere
(receipt, 催报, bulletin); the copies of counted rows in a 补报 are 提示, not errors. Library and CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from helpers_bulletin import narrative_lines
from helpers_ledger import make_workspace, report_row, write_report
from helpers_workbooks import BODY, article, unit_file

import xlflow
from xlflow.checks.duplicates import mark_duplicates
from xlflow.checks.rows import check_file
from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.model import ERROR, WARNING, Article
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
    assert "计入稿件 3 条（共 5 行，1 行有错误未计入，1 行与已计入的稿件重复、记为提示）" in _resend(ws, [report_row(TITLES[2], 5)])  # 平江县's
    receipt = receipt_path(ws, "岳阳县工信局", MARCH)
    rows = _sheet_rows(receipt, "回执")
    assert rows[3][3:] == ("本次报送 4 行：计入 3 条，未计入 0 条，1 行已在其他行计入", 4, 3, 0.75, 0, 1)
    assert [(r[1], *r[3:]) for r in rows[7:11]] == [
        ("文件1 第 5 行", TITLES[0], "工作动态", 360, "2015年3月", "计入", None),
        ("文件1 第 6 行", TITLES[1], "工作动态", 360, "2015年3月", "计入", None),
        ("文件1 第 7 行", TITLES[2], "工作动态", 360, None, "已在其他行计入", "R6 重复报送（C7）"),
        ("文件2 第 5 行", TITLES[2], "工作动态", 360, "2015年3月", "计入", None),
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
        return [(r["代码"], r["类别"]) for _, r in found.iterrows() if r["单位名称"] == "岳阳县工信局"]

    assert codes() == [("R3", "错误")]  # as the earlier rules left it
    told = ("xlflow 已更新，台账中的重复报送（R6）要在下次汇总时按新规则重新判定：请先重新汇总一个月"
            "（如 xlflow consolidate --month 2015-03），回执、催报和通报才是最新的")  # fmt: skip
    for command in ("status", "bulletin", "export"):  # until then the status, a 通报 and an export show the earlier verdicts: said
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


# review 8a: whether two rows under one title are one article --------------------------------------------------

APRIL = Period.parse("2015-04")
SUMMARY = ("我县召开全县工业经济运行调度会，分析一季度工业经济形势，部署下一阶段稳增长工作。" * 5)[:190]  # 字数 typed 800
PART = ("本月我局围绕工业经济稳增长开展调研走访企业" * 30)[:400]
BOTH = "如是同一篇，这一行的问题无需再改；如是另一篇新信息，请修改标题后重新报送"


def _file(settings: Settings, month: str, *rows: dict[str, object], supplement: bool = False) -> list[Article]:
    made = unit_file(list(rows), month=month)
    if supplement:
        made.supplement, made.name = True, f"岳阳县{month}补报.xlsx"
    return check_file(made, settings=settings)


def _r6(row: Article) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.message) for f in row.findings]


def test_a_summary_fixed_next_month_by_a_fax_or_the_full_text_may_be_the_same_article(settings: Settings) -> None:
    """review 8a: March's 正文 is a summary (R1, 字数 800); April faxes the text, or pastes it in full, or pastes a
    text much like the summary: none can say it is the same article, so March's row is a 提示 naming both cases."""
    told = "字数栏填 800，但正文只有 190 字，不足 200 字：正文请粘贴全文；只传真全文时清空正文、只填字数，再重新报送"
    edited = SUMMARY[:100] + "乙" + SUMMARY[101:] + "会议要求各企业抓好生产" * 2  # 94% alike, but the summary is short
    for april_body, chars in ((None, 800), (BODY, None), (edited, None)):
        [march] = _file(settings, "2015-03", article(title="甲", body=SUMMARY, chars=800))
        [april] = _file(settings, "2015-04", article(title="甲", body=april_body, chars=chars, date="2015年4月3日"))
        mark_duplicates([march, april])
        assert april.counted and not march.counted and not april.findings
        assert _r6(march) == [("R1", ERROR, told), ("R6", WARNING, "已在2015年4月 岳阳县工信局_2015-04.xlsx 第 4 行计入的"
                                                                      f"信息与这一行标题相同：{BOTH}")]  # fmt: skip


def test_a_faxed_row_is_the_same_article_only_with_the_same_count(settings: Settings) -> None:
    """review 8a: an empty 正文 is in every text: a faxed row with an error is fixed by a fax of the same 字数; another
    字数 may be the text lengthened or another article; a text in another month beside it cannot tell either."""
    for chars, expected in ((350, "同一篇信息已在2015年4月 岳阳县工信局_2015-04.xlsx 第 4 行计入：这一行的问题无需再改"),
                            (520, f"已在2015年4月 岳阳县工信局_2015-04.xlsx 第 4 行计入的信息与这一行标题相同：{BOTH}")):
        [march] = _file(settings, "2015-03", article(title="甲", body=None, chars=350, signer=None))
        [april] = _file(settings, "2015-04", article(title="甲", body=None, chars=chars, date="2015年4月3日"))
        mark_duplicates([march, april])
        assert [(c, s) for c, s, _ in _r6(march)] == [("R3", ERROR), ("R6", WARNING)] and march.findings[1].message == expected
    [march] = _file(settings, "2015-03", article(title="甲", body=None, chars=350, signer=None))
    [extra] = _file(settings, "2015-03", article(title="甲"), supplement=True)  # in its month: the fix, whatever it is
    mark_duplicates([march, extra])
    assert march.findings[1].message == "同一篇信息已在2015年3月 岳阳县2015-03补报.xlsx 第 4 行计入：这一行的问题无需再改"


def test_a_copy_of_a_counted_article_in_a_later_months_return_needs_no_fix(settings: Settings) -> None:
    """review 8a: March's article listed again in April without a signer is a 提示, not an R3 error to sign; a faxed
    row there, a touched-up text or another one cannot be told from a new article (review 9a) and keeps its error."""
    touched = BODY[:100] + "县" + BODY[101:]
    for april_body, chars, fixed in ((BODY, None, True), (touched, None, False), (None, 228, False),
                                     (PART + "甲" * 100, None, False)):  # fmt: skip
        [march] = _file(settings, "2015-03", article(title="甲", body=BODY))
        [april] = _file(settings, "2015-04", article(title="甲", body=april_body, chars=chars, signer=None, date="2015年4月3日"))
        assert mark_duplicates([april, march]) == [] and march.counted and not april.counted
        assert [c for c, _, _ in _r6(april)] == (["R3", "R6"] if fixed else ["R3"]), april_body
        if fixed:
            assert april.findings[1].message == ("同一篇信息已在2015年3月 岳阳县工信局_2015-03.xlsx 第 4 行计入："
                                                 "这一行的问题无需再改")  # fmt: skip


def test_a_supplement_copy_is_the_article_only_with_the_text_or_part_of_it(settings: Settings) -> None:
    """review 8a, 9a: 补报 copies of counted rows: a text holding the other or held in it is the article sent again;
    80% alike or more (a word changed, or next month's figures under a recurring title) cannot tell, nor can a fax
    beside a text, so the 提示 says both; under 80% (79%, 60%) is another article, an error."""
    more = BODY + "会议要求各企业抓好生产" * 20  # holds BODY, 67% alike
    long = ("本月我局围绕工业经济稳增长开展调研走访企业" * 30)[:405]
    main = _file(settings, "2015-03", article(title="甲", body=PART + "甲" * 100), article(title="乙", body=PART[:300] + "甲" * 200),
                 article(title="丙"), article(title="丁", body=BODY), article(title="戊", body=more),
                 article(title="己", body=long + "甲" * 95), article(title="庚", body=PART[:395] + "甲" * 105))  # fmt: skip
    extra = _file(settings, "2015-03", article(title="甲", body=PART + "乙" * 100), article(title="乙", body=PART[:300] + "乙" * 200),
                  article(title="丙", body=None, chars=300), article(title="丁", body=more), article(title="戊", body=BODY),
                  article(title="己", body=long + "乙" * 95), article(title="庚", body=PART[:395] + "乙" * 105),
                  supplement=True)  # fmt: skip
    assert mark_duplicates([*main, *extra]) == extra and all(a.counted for a in main)
    where = "与已计入的信息标题相同（2015年3月 岳阳县工信局_2015-03.xlsx 第 {} 行）：同一篇信息只计一次"
    both, new = "；如是同一篇，无需修改；如是另一篇新信息，请修改标题后重新报送", "；如是新信息，请修改标题后重新报送"
    assert [_r6(a) for a in extra] == [
        [("R6", WARNING, where.format(4) + both)],  # 80%
        [("R6", ERROR, where.format(5) + new)],  # 60%
        [("R6", WARNING, where.format(6) + both)],
        [("R6", WARNING, where.format(7) + "，这一行不再计入，无需修改")],
        [("R6", WARNING, where.format(8) + "，这一行不再计入，无需修改")],
        [("R6", WARNING, where.format(9) + both)],  # 81%
        [("R6", ERROR, where.format(10) + new)],  # 79%
    ]


def _monthly(month: int, growth: str, above: str) -> str:
    """A templated monthly article: the same sentences each month, only the figures change (97% alike)."""
    return (f"1-{month}月，全市规模以上工业增加值同比增长{growth}%，增速比全省平均水平高{above}个百分点，居全省第三位。"
            "分行业看，石化、食品、机械、电子信息等主导产业保持较快增长，新兴产业增加值占比继续提高。"
            "分区域看，各县市区工业增长面达到百分之百，园区工业集聚效应进一步显现。"
            "下一步，市工信局将继续抓好重点企业生产调度和要素保障，确保全年目标任务顺利完成。") * 2  # fmt: skip


RECURRING = "岳阳县工业经济运行情况"


def _analysis(row: list[object]) -> list[object]:
    row[5] = "是"  # 含情况分析, as its title says
    return row


def test_next_months_article_under_a_recurring_title_is_no_fix_of_this_months_error(settings: Settings) -> None:
    """review 9a: March's unsigned 工业经济运行情况 (Feb figures) and April's (March figures), 97% alike: April's may
    be another article, so March's row is not told its error needs no fix; the 提示 says both cases."""
    [march] = _file(settings, "2015-03", article(title=RECURRING, body=_monthly(2, "5.2", "0.3"), analysis="是", signer=None))
    [april] = _file(settings, "2015-04", article(title=RECURRING, body=_monthly(3, "6.8", "1.1"), analysis="是",
                                                date="2015年4月3日"))
    assert mark_duplicates([march, april]) == [] and april.counted and not march.counted
    assert [(c, s) for c, s, _ in _r6(march)] == [("R3", ERROR), ("R6", WARNING)]
    assert march.findings[1].message == f"已在2015年4月 岳阳县工信局_2015-04.xlsx 第 4 行计入的信息与这一行标题相同：{BOTH}"


def _faxing_book(path: Path, month: str, rows: list[list[object]]) -> None:
    """A return with a 字数 column, as a unit that faxes some texts keeps it: date, title, 正文, 字数, signer."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "信息报送登记表"
    sheet.append(["报送单位：", "岳阳县工信局", "报送月份：", month])
    sheet.append(["序号", "报送日期", "信息标题", "信息类别", "正文", "字数", "是否含情况分析", "审签人", "通讯员"])
    for seq, (date, title, body, chars, signer) in enumerate(rows, 1):
        sheet.append([seq, date, title, "工作动态", body, chars, "否", signer, "张三"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def test_a_summary_row_faxed_in_full_next_month_leaves_the_chase_cli(tmp_path: Path) -> None:
    """review 8a: the receipt told the unit to clear 正文 and fill only 字数; April's return does so: March's row is no
    longer an error to fix (receipt, status, 催报), and the 提示 still says what to do if it was another article."""
    ws = make_workspace(tmp_path / "ws")
    _faxing_book(ws.inbox / "2015-03" / "岳阳县_3月信息.xlsx", "2015年3月",
                 [["2015-03-05", "我县召开工业经济运行调度会", SUMMARY, 800, "李四"], ["2015-03-06", "乙文章", BODY, None, "李四"]])
    _faxing_book(ws.inbox / "2015-04" / "岳阳县_4月信息.xlsx", "2015年4月",
                 [["2015-04-03", "我县召开工业经济运行调度会", None, 800, "李四"], ["2015-04-06", "丙文章", BODY, None, "李四"]])
    for month in ("2015-03", "2015-04"):
        run = CliRunner().invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)])
        assert run.exit_code == 0, run.output
    assert ("2015年3月 岳阳县_3月信息.xlsx 第 3 行《我县召开工业经济运行调度会》 不再算作错误（已在2015年4月 岳阳县_4月信息.xlsx "
            "第 3 行计入的信息与这一行标题相同）；该月回执已更新") in run.output.replace("\n", "")  # fmt: skip
    receipt = receipt_path(ws, "岳阳县工信局", MARCH)
    assert _sheet_rows(receipt, "回执")[3][3:8] == ("本次报送 2 行：计入 1 条，未计入 0 条，1 行已在其他行计入", 4, 1, 0.25, 0)
    assert [r[5:] for r in _sheet_rows(receipt, "问题清单")[2:]] == [
        ("R6 重复报送", "提示", f"已在2015年4月 岳阳县_4月信息.xlsx 第 3 行计入的信息与这一行标题相同：{BOTH}")]
    told = _run(ws, "status", "--remind").output
    assert "2015年3月已计入1篇，尚差3篇。请" in told[told.index("  岳阳县工信局：") :].splitlines()[1]
    assert "另有" not in told[told.index("  岳阳县工信局：") :].splitlines()[1]


def test_a_counted_article_listed_unsigned_next_month_is_not_chased_cli(ws: Workspace) -> None:
    """review 8a: March's counted article again in April's return without a signer: a 提示, not an R3 error to sign
    (signing it would only make it a copy); April's 催报 does not chase it."""
    write_report(ws.inbox / "2015-04" / "岳阳县4月.xlsx", "岳阳县工信局",
                 [report_row(TITLES[0], 2, month=4, signer=""), report_row("岳阳县四月动态", 3, month=4)], month="2015年4月")
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    receipt = receipt_path(ws, "岳阳县工信局", APRIL)
    assert _sheet_rows(receipt, "回执")[3][3:8] == ("本次报送 2 行：计入 1 条，未计入 0 条，1 行已在其他行计入", 4, 1, 0.25, 0)
    assert [r[3:] for r in _sheet_rows(receipt, "问题清单")[2:]] == [
        ("C5", TITLES[0], "R6 重复报送", "提示", f"同一篇信息已在2015年3月 {MAIN} 第 5 行计入：这一行的问题无需再改")]
    told = CliRunner().invoke(cli, ["status", "--month", "2015-04", "--remind", "-w", str(ws.root)]).output
    notice = told[told.index("  岳阳县工信局：") :].splitlines()[1]
    assert "2015年4月已计入1篇，尚差3篇。请" in notice and "另有" not in notice


def test_a_supplement_relisting_a_touched_up_article_is_no_error_cli(ws: Workspace) -> None:
    """review 8a: the 补报 lists the return again with a typo fixed in one counted text: a 提示 (review 9a: it cannot
    tell a light edit from another article, so it says both), nothing to resend."""
    _resend(ws, [report_row(TITLES[0], 3, body="岳阳县工业经济运行平稳，" + "岳阳市工业经济运行平稳，" * 29), report_row(TITLES[1], 4),
                 report_row(TITLES[2], 5)])  # fmt: skip
    receipt = receipt_path(ws, "岳阳县工信局", MARCH)
    assert _sheet_rows(receipt, "回执")[3][3:] == ("本次报送 6 行：计入 3 条，未计入 0 条，3 行已在其他行计入", 4, 3, 0.75, 0, 3)
    assert (_sheet_rows(receipt, "问题清单")[3][3], _sheet_rows(receipt, "问题清单")[3][6:]) == (
        "C5", ("提示", f"与已计入的信息标题相同（2015年3月 {MAIN} 第 5 行）：同一篇信息只计一次；"
                      "如是同一篇，无需修改；如是另一篇新信息，请修改标题后重新报送"))
    told = _run(ws, "status", "--remind").output
    assert "另有" not in told[told.index("  岳阳县工信局：") :].splitlines()[1]


def _consolidate(ws: Workspace, month: str) -> str:
    run = CliRunner().invoke(cli, ["consolidate", "--month", month, "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    return run.output.replace("\n", "")


def _status_row(ws: Workspace, month: str) -> list[str]:
    told = CliRunner().invoke(cli, ["status", "--month", month, "-w", str(ws.root)]).output
    return told[told.index("岳阳县工信局") :].splitlines()[0].split()


def test_next_months_article_under_a_recurring_title_leaves_the_error_to_judge_cli(tmp_path: Path) -> None:
    """review 9a: March's unsigned 工业经济运行情况, then April's with new figures: March's receipt no longer says
    the row needs no fix; its 提示 says what to do if April's is another article."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / MAIN, "岳阳县工信局", [_analysis(report_row(RECURRING, body=_monthly(2, "5.2", "0.3"), signer=""))],
                 mtime=1_426_000_000)  # fmt: skip
    write_report(ws.inbox / "2015-04" / "岳阳县4月.xlsx", "岳阳县工信局",
                 [_analysis(report_row(RECURRING, 6, body=_monthly(3, "6.8", "1.1"), month=4))], month="2015年4月", mtime=1_429_000_000)
    _consolidate(ws, "2015-03")
    assert (f"2015年3月 {MAIN} 第 5 行《{RECURRING}》 不再算作错误（已在2015年4月 岳阳县4月.xlsx 第 5 行计入的信息"
            "与这一行标题相同）；该月回执已更新") in _consolidate(ws, "2015-04")  # fmt: skip
    receipt = receipt_path(ws, "岳阳县工信局", MARCH)
    assert _sheet_rows(receipt, "回执")[6][7:] == ("已在其他行计入", "R6 重复报送（C5）")
    assert [r[3:] for r in _sheet_rows(receipt, "问题清单")[2:]] == [
        ("C5", RECURRING, "R6 重复报送", "提示", f"已在2015年4月 岳阳县4月.xlsx 第 5 行计入的信息与这一行标题相同：{BOTH}")]
    assert _status_row(ws, "2015-03") == ["岳阳县工信局", "1", "0", "0", "1", "0/4", "差", "4", "条"]


def test_a_supplement_article_under_a_recurring_title_is_not_called_a_copy_cli(tmp_path: Path) -> None:
    """review 9a: April's 补报 sends April's 工业经济运行情况 (new figures, 97% like March's counted one): not "no need
    to change", and the summary does not call it the same as a counted article."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / MAIN, "岳阳县工信局", [_analysis(report_row(RECURRING, body=_monthly(2, "5.2", "0.3")))],
                 mtime=1_426_000_000)  # fmt: skip
    write_report(ws.inbox / "2015-04" / "岳阳县4月.xlsx", "岳阳县工信局", [report_row("岳阳县四月动态", 6, month=4)],
                 month="2015年4月", mtime=1_429_000_000)  # fmt: skip
    write_report(ws.inbox / "2015-04" / "岳阳县4月（补报）.xlsx", "岳阳县工信局",
                 [_analysis(report_row(RECURRING, 16, body=_monthly(3, "6.8", "1.1"), month=4))], month="2015年4月", mtime=1_429_500_000)
    _consolidate(ws, "2015-03")
    out = _consolidate(ws, "2015-04")
    assert "计入稿件 1 条（共 2 行，0 行有错误未计入，1 行与已计入的稿件重复、记为提示）" in out
    assert "与已计入的稿件相同" not in out
    receipt = receipt_path(ws, "岳阳县工信局", APRIL)
    assert [r[7:] for r in _sheet_rows(receipt, "回执")[7:9]] == [("计入", None), ("已在其他行计入", "R6 重复报送（C5）")]
    assert [r[2:] for r in _sheet_rows(receipt, "问题清单")[2:]] == [
        ("信息报送登记表", "C5", RECURRING, "R6 重复报送", "提示", f"与已计入的信息标题相同（2015年3月 {MAIN} 第 5 行）："
         "同一篇信息只计一次；如是同一篇，无需修改；如是另一篇新信息，请修改标题后重新报送")]  # fmt: skip
    assert _status_row(ws, "2015-04") == ["岳阳县工信局", "2", "1", "0", "1", "1/4", "差", "3", "条"]


TYPO, FIXED = "岳阳县召开浮标产业发展坐谈会", "岳阳县召开浮标产业发展座谈会"  # the title's typo fixed in the 补报
FLOAT = "3月20日，岳阳县召开浮标产业发展座谈会，" + "会议指出，浮标产业是岳阳县的特色产业，要进一步做大做强，加快品牌建设和市场开拓，" * 5
EDITED = FLOAT.replace("3月20日", "3月20日上午")  # a word added: 99% alike, the same figures
RESENT = ("与已计入的“岳阳县召开浮标产业发展坐谈会”标题和正文只改了几处、数字相同（2015年3月 {}）：同一篇信息只计一次，"
          "这一行不再计入，无需修改；如要台账改用这一行的标题，请改好原报送表后整表重报，文件名写“更正”")  # fmt: skip


def test_a_supplement_resending_a_counted_article_with_title_and_text_touched_up_counts_it_once(settings: Settings) -> None:
    """review R1: the 补报 sends a counted article again, its title's typo fixed and a word added to its 正文: the
    same article (a 提示 naming it and how to have the fixed title in the ledger), not a second one; from another
    sheet of the 补报 too."""
    main = _file(settings, "2015-03", article(title=TYPO, body=FLOAT, date="2015年3月20日"))
    weekly = FLOAT.replace("座谈会", "调度会")
    extra = _file(settings, "2015-03", article(title=FIXED, body=EDITED, date="2015年3月25日"),
                  article(title="岳阳县浮标出口增长"), article(title="岳阳县第一周工业动态", body=weekly),
                  article(title="岳阳县第一周工业运行动态", body=weekly.replace("日", "日下午")), supplement=True)  # fmt: skip
    extra[3].sheet = "补报二"
    assert mark_duplicates([*extra, *main]) == [extra[3], extra[0]] and main[0].counted and extra[1].counted
    assert _r6(extra[0]) == [("R6", WARNING, RESENT.format("岳阳县工信局_2015-03.xlsx 第 4 行"))]
    assert _r6(extra[3])[0][2].startswith("与已计入的“岳阳县第一周工业动态”标题和正文只改了几处、数字相同"
                                          "（本文件“信息报送登记表”工作表第 6 行）")  # fmt: skip
    assert extra[2].counted and not extra[2].findings


def test_two_alike_articles_with_other_figures_or_wording_are_two_articles(settings: Settings) -> None:
    """review R1, the other side: a 补报 row is another article when a figure differs (1-2月 and 1-3月 工业增加值;
    第一周 and 第二周 in the title), when its title or its 正文 is not 80% alike, when either is a fax, when the alike
    row is another unit's, and when it is not in a 补报 or is on the counted row's own sheet."""
    other = "3月20日，" + "岳阳县浮标协会组织企业赴外地考察学习，了解行业最新技术和市场动态，" * 6  # 28% alike, the same figures
    pairs = [("1-2月岳阳县规模工业增加值增长5.2%", _monthly(2, "5.2", "0.3"), "1-3月岳阳县规模工业增加值增长6.8%", _monthly(3, "6.8", "1.1")),
             ("岳阳县规模工业增加值稳步增长", _monthly(2, "5.2", "0.3"), "岳阳县规模工业增加值保持稳步增长", _monthly(3, "6.8", "1.1")),
             ("岳阳县第一周工业动态", FLOAT, "岳阳县第二周工业动态", EDITED), (FIXED, FLOAT, "浮标企业座谈会在岳阳县召开", EDITED),
             (TYPO, FLOAT, FIXED, other), (TYPO, None, FIXED, None)]  # fmt: skip
    for first_title, first_body, title, body in pairs:
        main = _file(settings, "2015-03", article(title=first_title, body=first_body, chars=300, analysis="是"))
        extra = _file(settings, "2015-03", article(title=title, body=body, chars=300, analysis="是"), supplement=True)
        assert mark_duplicates([*main, *extra]) == [] and main[0].counted and extra[0].counted, title
        assert extra[0].findings == []
    pingjiang = check_file(unit_file([article(title=TYPO, body=FLOAT)], unit="平江县工信局"), settings=settings)
    april = _file(settings, "2015-04", article(title=FIXED, body=EDITED, date="2015年4月3日"))
    own_sheet = _file(settings, "2015-03", article(title=TYPO, body=FLOAT), article(title=FIXED, body=EDITED), supplement=True)
    for rows in ([*pingjiang, *_file(settings, "2015-03", article(title=FIXED, body=EDITED), supplement=True)],
                 [*_file(settings, "2015-03", article(title=TYPO, body=FLOAT)), *april], own_sheet):  # fmt: skip
        assert mark_duplicates(rows) == [] and all(a.counted and not a.findings for a in rows)


def test_a_supplement_resending_a_touched_up_article_is_counted_once_cli(tmp_path: Path) -> None:
    """review R1: the 补报 resends March's article with its title's typo fixed and 上午 added (a 提示, 报送数 not
    raised), beside 1-3月's indicator report, much like 1-2月's counted one but another article (counted)."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / MAIN, "岳阳县工信局", [report_row(TYPO, 20, body=FLOAT),
                 _analysis(report_row("1-2月岳阳县规模工业增加值增长5.2%", 6, body=_monthly(2, "5.2", "0.3")))],
                 mtime=1_426_000_000)  # fmt: skip
    _consolidate(ws, "2015-03")
    write_report(ws.inbox / "2015-03" / EXTRA, "岳阳县工信局", [report_row(FIXED, 25, body=EDITED),
                 _analysis(report_row("1-3月岳阳县规模工业增加值增长6.8%", 25, body=_monthly(3, "6.8", "1.1")))],
                 mtime=1_427_000_000)  # fmt: skip
    assert "计入稿件 3 条（共 4 行，0 行有错误未计入，1 行与已计入的稿件重复、记为提示）" in _consolidate(ws, "2015-03")
    receipt = receipt_path(ws, "岳阳县工信局", MARCH)
    assert [r[2:] for r in _sheet_rows(receipt, "问题清单")[2:]] == [
        ("信息报送登记表", "C5", FIXED, "R6 重复报送", "提示", RESENT.format(f"{MAIN} 第 5 行"))]
    assert xlflow.Workspace(ws.root).rates("2015-03").set_index("单位名称").loc["岳阳县工信局", "报送数"] == 3


def _meeting(season: str) -> str:
    """A meeting's article written on the unit's template: no figures, only the season differs (97% alike)."""
    return (f"近日，岳阳县召开{season}安全生产工作会议。会议传达学习了全市安全生产工作会议精神，通报了近期全县工业企业安全生产情况，"
            f"部署了{season}安全生产重点工作。会议要求，各企业要牢固树立安全发展理念，严格落实企业主体责任，深入开展隐患排查治理，"
            "加强重点行业领域安全监管，确保全县工业企业安全生产形势持续稳定。县工信局主要负责人出席会议并讲话，各重点工业企业负责人"
            "参加会议。会议还对下一阶段安全生产大检查和安全生产宣传教育等工作进行了具体安排，要求各单位明确责任分工，细化工作措施。")  # fmt: skip


SPRING, SPRING_TYPO = "岳阳县召开春季安全生产工作会议", "岳阳县召开春季安全生产工做会议"


def test_a_supplement_article_on_the_counted_ones_template_on_another_day_is_another_article(settings: Settings) -> None:
    """review Z9: March's 春季 safety meeting is counted; a 补报 row written on its template (no figures) is another
    article when its 报送日期 is another day (夏季 in June, 汛期 on 25 March) or either 报送日期 is not read; it is
    March's article touched up (its title's typo fixed, a word added) only on the same 报送日期 (a time added aside)."""
    march = dt.datetime(2015, 3, 5)
    others = [("2015-06", "岳阳县召开夏季安全生产工作会议", _meeting("夏季"), dt.datetime(2015, 6, 5), march),
              ("2015-03", "岳阳县召开汛期安全生产工作会议", _meeting("汛期"), dt.datetime(2015, 3, 25), march),
              ("2015-03", SPRING, _meeting("春季") + "县应急局参加会议。", None, march),
              ("2015-03", SPRING, _meeting("春季") + "县应急局参加会议。", None, None)]  # fmt: skip
    for month, title, body, date, counted_date in others:
        main = _file(settings, "2015-03", article(title=SPRING_TYPO, body=_meeting("春季"), date=march))
        extra = _file(settings, month, article(title=title, body=body, date=date or march), supplement=True)
        main[0].date, extra[0].date = counted_date, date  # 报送日期 not read: an R5 error the rows cannot reach
        assert mark_duplicates([*main, *extra]) == [] and main[0].counted and extra[0].counted, title
        assert extra[0].findings == []
    main = _file(settings, "2015-03", article(title=SPRING_TYPO, body=_meeting("春季"), date=march))
    extra = _file(settings, "2015-03", article(title=SPRING, body=_meeting("春季") + "县应急局参加会议。",
                                               date=dt.datetime(2015, 3, 5, 10, 30)), supplement=True)  # fmt: skip
    assert mark_duplicates([*main, *extra]) == [extra[0]] and main[0].counted
    assert _r6(extra[0]) == [("R6", WARNING, f"与已计入的“{SPRING_TYPO}”标题和正文只改了几处、数字相同（2015年3月 "
                                             "岳阳县工信局_2015-03.xlsx 第 4 行）：同一篇信息只计一次，这一行不再计入，无需修改；"
                                             "如要台账改用这一行的标题，请改好原报送表后整表重报，文件名写“更正”")]  # fmt: skip


def test_supplements_of_articles_on_one_template_count_them_cli(tmp_path: Path) -> None:
    """review Z9: March's 春季 meeting counted; March's 补报 adds 汛期's on the same template (25 March) and 春季's
    正文 again under another title; June's 补报 adds 夏季's: 汛期 and 夏季 count, the pasted 正文 is a 提示 saying
    nothing to fix (no 更正 advice: its title is not the counted article's touched up)."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / MAIN, "岳阳县工信局", [report_row(SPRING, 5, body=_meeting("春季"))], mtime=1_426_000_000)
    _consolidate(ws, "2015-03")
    write_report(ws.inbox / "2015-03" / EXTRA, "岳阳县工信局", [report_row("岳阳县召开汛期安全生产工作会议", 25, body=_meeting("汛期")),
                 report_row("岳阳县部署春季安全生产工作", 25, body=_meeting("春季"))], mtime=1_427_000_000)  # fmt: skip
    assert "计入稿件 2 条（共 3 行，0 行有错误未计入，1 行与已计入的稿件重复、记为提示）" in _consolidate(ws, "2015-03")
    assert [r[2:] for r in _sheet_rows(receipt_path(ws, "岳阳县工信局", MARCH), "问题清单")[2:]] == [
        ("信息报送登记表", "C6", "岳阳县部署春季安全生产工作", "R6 重复报送", "提示",
         f"正文与已计入的“{SPRING}”相同（2015年3月 {MAIN} 第 5 行）：同一篇信息只计一次，这一行不再计入，无需修改")]  # fmt: skip
    write_report(ws.inbox / "2015-06" / "岳阳县工信局_2015年06月（补报）.xlsx", "岳阳县工信局",
                 [report_row("岳阳县召开夏季安全生产工作会议", 5, body=_meeting("夏季"), month=6)], month="2015年6月")  # fmt: skip
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in _consolidate(ws, "2015-06")
    rates = {m: xlflow.Workspace(ws.root).rates(m).set_index("单位名称").loc["岳阳县工信局", "报送数"] for m in ("2015-03", "2015-06")}
    assert rates == {"2015-03": 2, "2015-06": 1}


def test_a_row_fixed_under_its_title_marked_as_resent_is_found(settings: Settings) -> None:
    """review W2 6: the 补报 row's title adds （补报）, 【更正】, (修改稿) … to the title of the row with an error: it is
    that row fixed, a 提示 (with neither mark nor text in common it stays the error it is)."""
    for mark in ("（补报）", "【更正】", "(修改稿)", "（已审签）", "（补报）（更正）"):
        main = _file(settings, "2015-03", article(title="华容县开展企业走访活动", body="华容县开展企业走访活动，共走访企业20家。"))
        extra = _file(settings, "2015-03", article(title=f"华容县开展企业走访活动{mark}",
                                                   body="华容县开展企业走访活动，共走访企业20家。" + BODY), supplement=True)  # fmt: skip
        assert mark_duplicates([*main, *extra]) == [] and extra[0].counted and not main[0].counted, mark
        assert _r6(main[0])[1:] == [("R6", WARNING, "同一篇信息已在2015年3月 岳阳县2015-03补报.xlsx 第 4 行计入：这一行的问题无需再改")]
    main = _file(settings, "2015-03", article(title="华容县开展企业走访活动", body="华容县开展企业走访活动，共走访企业20家。"))
    extra = _file(settings, "2015-03", article(title="华容县开展企业走访活动（第二批）", body=BODY), supplement=True)
    mark_duplicates([*main, *extra])
    assert [c for c, _, _ in _r6(main[0])] == ["R1"]


def test_a_row_fixed_under_a_marked_title_leaves_no_error_to_chase_cli(ws: Workspace) -> None:
    """review W2 6: the unsigned row resent signed as 《…（补报）》: March's receipt and 催报 have no error left."""
    _resend(ws, [report_row(f"{TITLES[2]}（补报）", 5)])
    receipt = receipt_path(ws, "岳阳县工信局", MARCH)
    assert _sheet_rows(receipt, "回执")[3][3:] == ("本次报送 4 行：计入 3 条，未计入 0 条，1 行已在其他行计入", 4, 3, 0.75, 0, 1)
    assert _sheet_rows(receipt, "问题清单")[2][3:] == (
        "C7", TITLES[2], "R6 重复报送", "提示", f"同一篇信息已在2015年3月 {EXTRA} 第 5 行计入：这一行的问题无需再改")
    told = _run(ws, "status", "--remind").output
    assert "另有" not in told[told.index("  岳阳县工信局：") :].splitlines()[1]


def test_a_quarters_correction_listing_counted_rows_again_is_no_error(settings: Settings) -> None:
    """review W2 4: a quarterly unit resends the quarter in March as 更正, its January row listed again as told: a 提示
    saying nothing to fix; the same row in a return not named 更正 is the error it was."""
    [january] = _file(settings, "2015-01", article(title="人事科开展年度考核工作", date="2015年1月9日"))
    for name, severity, end in (("人事科_2015年第一季度（更正）.xlsx", WARNING, "，这一行不再计入，无需修改"),
                                ("人事科_2015年第一季度.xlsx", ERROR, "；如是新信息，请修改标题后重新报送")):  # fmt: skip
        made = unit_file([article(title="人事科开展年度考核工作", date="2015年1月9日")], month="2015-03")
        made.name = name
        [march] = check_file(made, settings=settings)
        mark_duplicates([january, march])
        assert january.counted and not march.counted
        assert _r6(march)[-1] == ("R6", severity, "与已计入的信息标题相同（2015年1月 岳阳县工信局_2015-01.xlsx 第 4 行）："
                                                  f"同一篇信息只计一次{end}")  # fmt: skip


def test_a_quarters_correction_listing_counted_rows_again_is_no_error_cli(tmp_path: Path) -> None:
    """review W2 4: 人事科 sends January and February, then in March the whole quarter named 更正 as the receipt
    asks (the counted rows again, one new March row): no error in March's receipt or status."""
    ws = make_workspace(tmp_path / "ws")
    rows = [report_row("人事科开展年度考核工作", 9, month=1), report_row("人事科开展干部培训", 9, month=2)]
    write_report(ws.inbox / "2015-01" / "人事科_2015年01月.xlsx", "人事科", rows[:1], month="2015年1月")
    write_report(ws.inbox / "2015-02" / "人事科_2015年02月.xlsx", "人事科", rows[1:], month="2015年2月")
    _consolidate(ws, "2015-01"), _consolidate(ws, "2015-02")
    write_report(ws.inbox / "2015-03" / "人事科_2015年第一季度（更正）.xlsx", "人事科",
                 [*rows, report_row("人事科三月公务员招录", 10)])  # on March's form  # fmt: skip
    _consolidate(ws, "2015-03")
    receipt = receipt_path(ws, "人事科", MARCH)
    assert _sheet_rows(receipt, "回执")[3][3:] == ("本次报送 3 行：计入 1 条，未计入 0 条，2 行已在其他行计入", 1, 3, 3, 0, 4)
    assert [(r[3], r[5], r[6]) for r in _sheet_rows(receipt, "问题清单")[2:] if r[5] == "R6 重复报送"] == [
        ("C5", "R6 重复报送", "提示"), ("C6", "R6 重复报送", "提示")]
    told = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)]).output
    assert told[told.index("人事科") :].splitlines()[0].split()[1:5] == ["1", "1", "0", "4"]  # 文件 本月计入 错误 提示


def test_a_quarters_correction_re_listing_earlier_rows_says_their_dates_need_no_fix(settings: Settings) -> None:
    """fixer W2a: the R5 提示 on a 更正's January row re-listed in March says nothing to fix if it was sent before;
    R5 cannot tell it from a new article dated wrong (reviewer revZ3 s11: 华容县召开3月27日项目推进会 dated
    2015-02-27), so it says both; in a return not named 更正 it asks whether the date is a typo."""
    both = "：如是已报送过的稿件在更正中重列，无需修改；如日期填错，请改正后重新报送"
    for name, end in (("人事科_2015年第一季度（更正）.xlsx", both),
                      ("人事科_2015年第一季度.xlsx", "；如日期填错，请改正后重新报送")):  # fmt: skip
        made = unit_file([article(title="人事科开展年度考核工作", date="2015年1月9日")], month="2015-03")
        made.name = name
        [march] = check_file(made, settings=settings)
        assert [f.message for f in march.findings if f.code == "R5"] == [
            f"报送日期 2015-01-09 不在本表的 2015年3月：计入时算 2015年1月 的稿件{end}"], name


def test_a_quarters_correction_re_listing_earlier_rows_says_their_dates_need_no_fix_cli(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    rows = [report_row("人事科开展年度考核工作", 9, month=1), report_row("人事科开展干部培训", 9, month=2)]
    write_report(ws.inbox / "2015-01" / "人事科_2015年01月.xlsx", "人事科", rows[:1], month="2015年1月")
    write_report(ws.inbox / "2015-02" / "人事科_2015年02月.xlsx", "人事科", rows[1:], month="2015年2月")
    _consolidate(ws, "2015-01"), _consolidate(ws, "2015-02")
    write_report(ws.inbox / "2015-03" / "人事科_2015年第一季度（更正）.xlsx", "人事科", [*rows, report_row("人事科三月公务员招录", 10)])
    _consolidate(ws, "2015-03")
    assert [(r[3], r[7]) for r in _sheet_rows(receipt_path(ws, "人事科", MARCH), "问题清单")[2:] if r[5] == "R5 日期不在本月"] == [
        ("B5", "报送日期 2015-01-09 不在本表的 2015年3月：计入时算 2015年1月 的稿件：如是已报送过的稿件在更正中重列，无需修改；"
               "如日期填错，请改正后重新报送"),
        ("B6", "报送日期 2015-02-09 不在本表的 2015年3月：计入时算 2015年2月 的稿件：如是已报送过的稿件在更正中重列，无需修改；"
               "如日期填错，请改正后重新报送")]  # fmt: skip


def test_a_new_article_under_a_recurring_title_in_a_correction_is_still_an_error(settings: Settings) -> None:
    """reviewer revZ3 s2: a March 更正 adds March's 经济运行 article under February's title, the text much alike
    (shared boilerplate, other figures): not the row sent again as it was, so an error asking for another title,
    as in a return not named 更正; a faxed row (no text to compare) too. A 补报 keeps its 提示 saying both."""
    february = "2月全县规模工业增加值同比增长8%，" + BODY
    march_text = "3月全县规模工业增加值同比增长9%，" + BODY
    either = "；如是同一篇，无需修改；如是另一篇新信息，请修改标题后重新报送"  # sweep Z6: or a typo fixed in a 更正
    for body, chars, supplement, severity, end in (
            (march_text, None, False, ERROR, either), (None, 300, False, ERROR, either),
            (march_text, None, True, WARNING, either)):  # fmt: skip
        [counted] = _file(settings, "2015-02", article(title="华容县工业经济运行情况", body=february, date="2015年2月5日", analysis="是"))
        made = unit_file([article(title="华容县工业经济运行情况", body=body, chars=chars, date="2015年3月20日", analysis="是")],
                         month="2015-03")  # fmt: skip
        made.name, made.supplement = ("岳阳县3月补报.xlsx", True) if supplement else ("岳阳县3月信息（更正）.xlsx", False)
        [again] = check_file(made, settings=settings)
        mark_duplicates([counted, again])
        assert counted.counted and not again.counted
        assert _r6(again)[-1] == ("R6", severity, "与已计入的信息标题相同（2015年2月 岳阳县工信局_2015-02.xlsx 第 4 行）："
                                                  f"同一篇信息只计一次{end}"), body  # fmt: skip


def test_a_new_article_under_a_recurring_title_in_a_correction_is_still_an_error_cli(tmp_path: Path) -> None:
    """reviewer revZ3 s2: the 更正's new March article under February's title is an R6 error in March's receipt."""
    ws = make_workspace(tmp_path / "ws")
    title, unit = "华容县工业经济运行情况", "华容县工信局"
    rows = [report_row(title, 5, month=2, body="2月全县规模工业增加值同比增长8%，" + BODY),
            report_row("华容县召开项目建设推进会", 5), report_row(title, 20, body="3月全县规模工业增加值同比增长9%，" + BODY)]
    for row in (rows[0], rows[2]):
        row[5] = "是"  # 是否含情况分析: an indicator article
    write_report(ws.inbox / "2015-02" / f"{unit}_2015年02月.xlsx", unit, rows[:1], month="2015年2月")
    _consolidate(ws, "2015-02")
    write_report(ws.inbox / "2015-03" / f"{unit}_2015年03月（更正）.xlsx", unit, rows[1:])
    _consolidate(ws, "2015-03")
    problems = _sheet_rows(receipt_path(ws, unit, MARCH), "问题清单")
    assert [(r[3], r[5], r[6], r[7]) for r in problems[2:]] == [
        ("C6", "R6 重复报送", "错误", f"与已计入的信息标题相同（2015年2月 {unit}_2015年02月.xlsx 第 5 行）：同一篇信息只计一次"
                                  "；如是同一篇，无需修改；如是另一篇新信息，请修改标题后重新报送")]  # fmt: skip
