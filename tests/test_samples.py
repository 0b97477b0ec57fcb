"""The committed samples (the shapes real units send) consolidate to exactly what samples/expected.json says."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlflow.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def consolidated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    root = tmp_path_factory.mktemp("samples") / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root), "--year", "2015"]).exit_code == 0
    inbox = root / "inbox" / "2015-03"
    shutil.copytree(SAMPLES / "2015-03", inbox)
    before = {p.name: p.read_bytes() for p in inbox.iterdir()}
    result = runner.invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(root)])
    assert {p.name: p.read_bytes() for p in inbox.iterdir()} == before, "unit files must never be modified"
    return root, result.output, result.exit_code


def test_samples_count_as_expected(consolidated: tuple[Path, str, int]) -> None:
    root, output, code = consolidated
    assert code == 0, output
    counted = sum(f["rows_counted"] for f in EXPECTED["files"])
    assert f"计入稿件 {counted} 条" in output
    export = CliRunner().invoke(cli, ["export", "--period", "2015-03", "-w", str(root)])
    assert export.exit_code == 0, export.output
    book = openpyxl.load_workbook(root / "out" / "台账_2015年03月.xlsx", read_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r and "信息标题" in r)
    header = rows[header_at]
    unit_col, title_col = header.index("单位名称"), header.index("信息标题")
    got = Counter(r[unit_col] for r in rows[header_at + 1 :] if r and r[title_col])
    want = Counter()
    for f in EXPECTED["files"]:
        for row in f["rows"]:
            if row["counted"] and row["month"] == "2015-03":  # a row dated February counts there
                want[f["unit"]] += 1
    assert got == want


def test_each_receipt_names_the_right_rows(consolidated: tuple[Path, str, int]) -> None:
    root, _, _ = consolidated
    folder = root / "out" / "回执" / "2015年03月"
    for f in EXPECTED["files"]:
        receipt = next(folder.glob(f"{f['unit']}_*回执.xlsx"))
        text = "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for sheet in openpyxl.load_workbook(receipt, read_only=True).worksheets
            for row in sheet.iter_rows(values_only=True)
        )
        for row in f["rows"]:
            if row["title"]:
                assert row["title"] in text, (receipt.name, row["title"])
            for code in row["codes"]:
                assert code in text, (receipt.name, row["row"], code)
