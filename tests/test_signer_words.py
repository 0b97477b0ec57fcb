"""review 3: a 审签人 cell saying there is no signer (无, 未审签, /, —, 领导出差未签) is R3 on the CLI's summary and the
receipt; 同意 without a name is R12 审签人无姓名, a 提示, and counts (the notice asks for a leader's sign-off, which 同意
records): the summary and the receipt never call it 未审签 (review D9)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report
from helpers_workbooks import HEADER, article_row, write_xlsx

from xlflow.checks.rows import check_file
from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
from xlflow.settings import Settings


def test_no_signer_words_are_r3_on_the_summary_and_the_receipt(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    signers = ["张局长", "无", "未审签", "/", "—", "同意", "领导出差未签", "无需审签", "吴无忌"]
    rows = [report_row(f"岳阳县审签测试{i}", 5, signer=s) for i, s in enumerate(signers)]
    write_report(ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 3 条（共 9 行，6 行有错误未计入）" in result.output
    assert "问题：R3 未审签 6 条，R12 审签人无姓名 1 条（提示）\n" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", Period.parse("2015-03")))
    problems = [r for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[1]]
    assert [(r[3], r[5], r[6], r[7][:14]) for r in problems] == [
        ("G6", "R3 未审签", "错误", "审签人填的是“无”，即没有审"),
        ("G7", "R3 未审签", "错误", "审签人填的是“未审签”，即没"),
        ("G8", "R3 未审签", "错误", "审签人填的是“/”，即没有审"),
        ("G9", "R3 未审签", "错误", "审签人填的是“—”，即没有审"),
        ("G10", "R12 审签人无姓名", "提示", "审签人只写了“同意”，没有审"),
        ("G11", "R3 未审签", "错误", "审签人填的是“领导出差未签”"),
        ("G12", "R3 未审签", "错误", "审签人填的是“无需审签”，即"),
    ]


def test_signed_without_a_name_is_named_so_on_the_summary_and_the_receipt(tmp_path: Path) -> None:
    """review D9: two articles signed 同意 / 已阅。 count; neither the summary nor the receipt says 未审签."""
    ws = make_workspace(tmp_path / "ws")
    rows = [report_row("岳阳县审签测试甲", 5, signer="同意"), report_row("岳阳县审签测试乙", 6, signer="已阅。")]
    write_report(ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）\n  问题：R12 审签人无姓名 2 条（提示）\n" in result.output
    assert "未审签" not in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", Period.parse("2015-03")))
    table = [r for r in book["回执"].iter_rows(values_only=True) if r[1] in (5, 6)]
    assert [(r[3], r[7], r[8]) for r in table] == [
        ("岳阳县审签测试甲", "计入", "R12 审签人无姓名（G5）"),
        ("岳阳县审签测试乙", "计入", "R12 审签人无姓名（G6）"),
    ]
    problems = [r for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[1]]
    assert [(r[3], r[5], r[6], r[7]) for r in problems] == [
        ("G5", "R12 审签人无姓名", "提示", "审签人只写了“同意”，没有审签领导的姓名：以后请填写审签领导的姓名"),
        ("G6", "R12 审签人无姓名", "提示", "审签人只写了“已阅。”，没有审签领导的姓名：以后请填写审签领导的姓名"),
    ]


UNSIGNED = "R3 未审签"
NAMED_IN_TITLE = ("没有审签人：审签人职务一栏（I3）填了“李建国 局长”，审签人姓名请填在审签人一栏；工信局的信息须经单位负责人审签，"
                  "科室的信息须经分管领导审签，请补填后重新报送")  # fmt: skip
NO_SIGNER = "没有审签人：工信局的信息须经单位负责人审签，科室的信息须经分管领导审签，请补填后重新报送"
SIGNED_BELOW = ("平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”第 6—8 行是表尾的审核或签发（“审核：李建国”、"
                "“填表人：王小明 签发：王五”、“审签人：李建国”），未作为信息读取：表尾的审核、签发不算各条信息的审签，"
                "审签人须填在每条信息所在行的审签人一栏（H 列）")  # fmt: skip


def _signed_elsewhere(path: Path) -> Path:
    """review R1 D5: 审签人 empty, the name typed in 审签人职务 (row 3) or only a title there (row 4); under the table
    a 审核 typed in the 审签人 column, 填表人 and 签发 in the date and category columns, 审签人：… in the 正文 column."""
    rows = [["报送单位：", "平江县工信局", None, "报送月份：", "2015年3月"], HEADER,
            article_row(title="平江县工业经济运行平稳", signer=None, signer_title="李建国 局长"),
            article_row(seq=2, title="平江县食品产业园建设提速", signer=None), [],
            [None] * 7 + ["审核：李建国"], [None, "填表人：王小明", None, "签发：王五"], [None] * 4 + ["审签人：李建国"]]  # fmt: skip
    return write_xlsx(path, rows)


def test_a_sign_off_outside_the_signer_cell_is_said(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read_unit_workbook(_signed_elsewhere(tmp_path / "平江县工信局_2015年03月.xlsx"), units, month_hint="2015-03",
                            settings=settings)  # fmt: skip
    assert [r.row for r in uf.rows] == [3, 4]
    assert [(f.code, f.row, f.message) for f in uf.findings] == [("F14", None, SIGNED_BELOW)]
    checked = check_file(uf, settings=settings)
    assert [(a.counted, [(f.code, f.cell, f.message) for f in a.findings]) for a in checked] == [
        (False, [("R3", "H3", NAMED_IN_TITLE)]), (False, [("R3", "H4", NO_SIGNER)])]  # fmt: skip


def test_the_receipt_names_a_sign_off_outside_the_signer_cell(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _signed_elsewhere(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 0 条（共 2 行，2 行有错误未计入）\n  问题：R3 未审签 2 条\n" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "平江县工信局", Period.parse("2015-03")))
    problems = [r for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[5]]
    assert [(r[3], r[5], r[6], r[7]) for r in problems] == [
        ("整个文件", "F14 行未读取", "提示", SIGNED_BELOW),
        ("H3", UNSIGNED, "错误", NAMED_IN_TITLE),
        ("H4", UNSIGNED, "错误", NO_SIGNER),
    ]
