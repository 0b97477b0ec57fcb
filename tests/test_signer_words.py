"""review 3: a 审签人 cell saying there is no signer (无, 未审签, /, —) is R3 on the CLI's summary and the receipt;
同意 without a name is a 提示 and counts (the notice asks for a leader's sign-off, which 同意 records)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.periods import Period


def test_no_signer_words_are_r3_on_the_summary_and_the_receipt(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    signers = ["张局长", "无", "未审签", "/", "—", "同意"]
    rows = [report_row(f"岳阳县审签测试{i}", 5, signer=s) for i, s in enumerate(signers)]
    write_report(ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 2 条（共 6 行，4 行有错误未计入）" in result.output
    assert "问题：R3 未审签 5 条" in result.output
    book = openpyxl.load_workbook(receipt_path(ws, "岳阳县工信局", Period.parse("2015-03")))
    problems = [r for r in book["问题清单"].iter_rows(min_row=3, values_only=True) if r[1]]
    assert [(r[3], r[5], r[6], r[7][:14]) for r in problems] == [
        ("G6", "R3 未审签", "错误", "审签人填的是“无”，即没有审"),
        ("G7", "R3 未审签", "错误", "审签人填的是“未审签”，即没"),
        ("G8", "R3 未审签", "错误", "审签人填的是“/”，即没有审"),
        ("G9", "R3 未审签", "错误", "审签人填的是“—”，即没有审"),
        ("G10", "R3 未审签", "提示", "审签人只写了“同意”，没有审"),
    ]
