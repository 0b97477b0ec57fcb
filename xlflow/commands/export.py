"""`xlflow export`: the 台账 of a period as one workbook."""

from __future__ import annotations

from pathlib import Path

from xlflow.core.model import Article, RunResult
from xlflow.core.periods import Period
from xlflow.ledger import Ledger
from xlflow.workspace import Workspace
from xlflow.writers.ledger_export import write_ledger_export


def export(ws: Workspace, period: Period, out: Path | None) -> RunResult:
    """The 台账 of `period` as one workbook: every counted article with its source file, sheet and row."""
    target = out if out is not None else ws.out / f"台账_{period.file_label}.xlsx"
    units = ws.units()
    articles: list[Article] = []
    months: list[str] = []
    if ws.ledger_path.is_file():
        with Ledger.open(ws.ledger_path) as ledger:
            articles = ledger.articles(period.month_keys)
            months = ledger.months()
    count = write_ledger_export(target, period=period, articles=articles, units=units)
    result = RunResult(title=f"{period.label}台账已导出")
    result.lines.append(f"计入稿件 {count} 条，{len({a.unit for a in articles})} 个单位")
    if not articles:
        # a month of the period the ledger does not hold yet: the hint is a command that can be pasted as it is
        first = next((m for m in period.month_keys if m not in months), period.month_keys[0])
        result.warnings.append(
            f"台账中没有{period.label}计入的稿件：请先汇总各月，如 xlflow consolidate --month {first}"
        )
    result.paths.append(target)
    result.data["rows"] = count
    return result
