"""Every kind of workbook xlflow writes passes the OOXML validator (ECMA-376 schemas + the SpreadsheetML rules Excel
enforces), including receipts and the 台账 for titles holding U+FFFE, U+FFFF and `_x0041_`.

The validator is not part of xlflow: it sits beside the project (../shared/tools/ooxml/validate.py) or where
XLFLOW_OOXML_VALIDATOR points, and needs lxml. Where either is missing (a CI machine) these tests are skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row
from helpers_workbooks import write_xls
from python_calamine import CalamineWorkbook

from xlflow.cli import cli

VALIDATOR = Path(os.environ.get("XLFLOW_OOXML_VALIDATOR", Path(__file__).resolve().parents[2] / "shared/tools/ooxml/validate.py"))

pytestmark = pytest.mark.skipif(not VALIDATOR.is_file(), reason=f"no OOXML validator at {VALIDATOR}")


def validate(paths: list[Path], tmp_path: Path) -> dict[Path, dict]:
    """file → the validator's verdict for it (status, findings)."""
    pytest.importorskip("lxml")
    report = tmp_path / "ooxml.json"
    subprocess.run([sys.executable, str(VALIDATOR), *map(str, paths), "--no-sdk", "-q", "--json", str(report)], check=False, capture_output=True)
    return {Path(entry["file"]).resolve(): entry for entry in json.loads(report.read_text(encoding="utf-8"))}


def invalid(verdicts: dict[Path, dict]) -> dict[str, list]:
    return {path.name: v["findings"] for path, v in verdicts.items() if v["status"] != "valid"}


def test_a_new_workspace_and_its_templates_are_valid(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root), "--year", "2015"]).exit_code == 0
    assert runner.invoke(cli, ["-w", str(root), "templates"]).exit_code == 0
    assert runner.invoke(cli, ["-w", str(root), "distribute", "--month", "2015-03"]).exit_code == 0
    books = sorted(root.rglob("*.xlsx"))
    names = {p.name for p in books}
    # the coordinator's books, 附件一 and 附件二, and one prefilled monthly workbook per unit (34)
    assert {"信息任务分配表.xlsx", "采用登记表.xlsx", "奖励标准.xlsx"} <= names
    assert len([p for p in books if p.parent.name == "2015年03月"]) == 34
    verdicts = validate(books, tmp_path)
    assert len(verdicts) == len(books)
    assert invalid(verdicts) == {}


def test_every_workbook_of_the_demo_is_valid(tmp_path: Path) -> None:
    root = tmp_path / "示例"
    assert CliRunner().invoke(cli, ["demo", str(root)]).exit_code == 0
    books = sorted(root.rglob("*.xlsx"))
    kinds = {p.name.split("_")[0] for p in books if p.parent == root / "out"}
    assert {"通报", "工作底稿", "奖励计算表", "台账"} <= kinds
    assert any(p.name.endswith("_回执.xlsx") for p in books)
    assert (root / "通讯员名册.xlsx") in books
    verdicts = validate(books, tmp_path)
    # the demo's inbox holds files that only look like workbooks: units' mistakes xlflow must refuse, and the owner
    # files Excel leaves beside a workbook it has open
    assert len(verdicts) == len(books)
    bad = sorted(p.relative_to(root).as_posix() for p in books if verdicts[p.resolve()]["status"] != "valid")
    assert bad == [
        "inbox/2015-03/~$县3月份政务信息.xlsx",
        "inbox/2015-03/岳阳县信息（请查收）.xlsx",
        "inbox/2015-03/平江县工信局_2015年03月（重发）.xlsx",
        "inbox/2015-06/~$县2015年6月信息报送表.xlsx",
        "inbox/2015-06/岳阳县信息（请查收）.xlsx",
        "inbox/2015-06/平江县工信局_2015年06月（重发）.xlsx",
    ]


def test_receipts_and_the_ledger_export_hold_any_title_and_stay_valid(tmp_path: Path) -> None:
    """A legacy .xls can carry U+FFFE and U+FFFF (calamine returns them); `_x0041_` is text a unit may type."""
    ws = make_workspace(tmp_path / "ws")
    header = ["序号", "报送日期", "信息标题", "信息类别", "信息内容", "是否经济运行分析", "审签人", "审签人职务", "报送人"]
    rows = [
        report_row("岳阳县\ufffe工业\uffff运行平稳"),
        report_row("标题_x0041_结尾"),
        report_row("岳阳县新增规模企业三家", body="太短了"),
    ]
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xls(
        ws.inbox / "2015-03" / "岳阳县工信局_2015年03月.xls",
        [["政务信息报送登记表"], ["报送单位：岳阳县工信局", None, "报送月份：2015年3月"], [], header, *rows],
    )
    runner = CliRunner()
    run = runner.invoke(cli, ["-w", str(ws.root), "consolidate", "--month", "2015-03"])
    assert run.exit_code == 0, run.output
    assert runner.invoke(cli, ["-w", str(ws.root), "export", "--period", "2015-03"]).exit_code == 0
    receipt = next((ws.out / "回执").rglob("*.xlsx"))
    export = ws.out / "台账_2015年03月.xlsx"

    titles = [r[3] for r in CalamineWorkbook.from_path(str(receipt)).get_sheet_by_name("回执").to_python()]
    assert "岳阳县工业运行平稳" in titles  # the noncharacters are dropped when read
    assert "标题_x0041_结尾" in titles  # written escaped, read back as typed
    exported = [c for r in CalamineWorkbook.from_path(str(export)).get_sheet_by_index(0).to_python() for c in r]
    assert "标题_x0041_结尾" in exported and "岳阳县工业运行平稳" in exported

    books = [receipt, export, *sorted(ws.out.glob("通报_*.xlsx")), *sorted(ws.out.glob("工作底稿_*.xlsx"))]
    verdicts = validate(books, tmp_path)
    assert len(verdicts) == 4
    assert invalid(verdicts) == {}
