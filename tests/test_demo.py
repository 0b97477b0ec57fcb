"""`xlflow demo` end to end: the README's main command builds a workspace a coordinator can explore."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlflow.cli import cli
from xlflow.ledger import Ledger
from xlflow.periods import Period


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    root = tmp_path_factory.mktemp("demo") / "示例"
    result = CliRunner().invoke(cli, ["demo", str(root)])
    return root, result.output, result.exit_code


def test_demo_runs_and_says_where_to_look(demo: tuple[Path, str, int]) -> None:
    root, output, code = demo
    assert code == 0, output
    assert "先看这里" in output
    assert "通报_2015年上半年.xlsx" in output
    assert "被拒收" in output
    for name in ("xlflow.toml", "信息任务分配表.xlsx", "采用登记表.xlsx", "奖励标准.xlsx", "通讯员名册.xlsx", "ledger.sqlite"):
        assert (root / name).is_file(), name


def test_demo_bulletin_holds_every_unit_and_adoptions(demo: tuple[Path, str, int]) -> None:
    root, _, _ = demo
    book = openpyxl.load_workbook(root / "out" / "通报_2015年上半年.xlsx")
    assert {"通报", "完成情况", "采用明细", "问题稿件", "未报送单位"} <= set(book.sheetnames)
    sheet = book["完成情况"]
    names = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert "汨罗市工信局" in names and "综合法规科" in names
    assert sum(1 for n in names if str(n).endswith("小计")) == 4
    with Ledger.open(root / "ledger.sqlite") as ledger:
        counted = ledger.articles(Period.parse("2015-H1").month_keys)
    assert len(counted) > 500
    assert all(a.counted for a in counted)
    assert book["采用明细"].max_row > 50


def test_demo_reward_workbook_has_live_formulas(demo: tuple[Path, str, int]) -> None:
    root, _, _ = demo
    book = openpyxl.load_workbook(root / "out" / "奖励计算表_2015年上半年.xlsx")
    formulas = [c.value for row in book["奖励明细"].iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas, "奖励金额 should be formulas on the schedule"


def test_demo_rebuilds_its_own_folder_but_not_others(demo: tuple[Path, str, int], tmp_path: Path) -> None:
    other = tmp_path / "mine"
    other.mkdir()
    (other / "重要.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(cli, ["demo", str(other)])
    assert result.exit_code == 1
    assert "不是示例工作区" in result.output
    assert (other / "重要.txt").read_text(encoding="utf-8") == "keep"
