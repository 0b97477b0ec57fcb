"""`xlflow export`: the 台账 of a period as one workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

from xlflow.commands.status import unlisted_line
from xlflow.compute.rates import unlisted_units
from xlflow.core.errors import OutputError, WorkspaceError
from xlflow.core.model import Article, RunResult
from xlflow.core.periods import Period, months_span, months_text
from xlflow.ledger import Ledger
from xlflow.ledger.health import missing_message
from xlflow.workspace import Workspace
from xlflow.writers.bulletin import WHOLE
from xlflow.writers.fingerprint import untouched
from xlflow.writers.ledger_export import write_ledger_export


def export(ws: Workspace, period: Period, out: Path | None, *, now: dt.datetime | None = None) -> RunResult:
    """The 台账 of `period` as one workbook: every counted article with its source file, sheet and row. An `out`
    that is not .xlsx or is in the inbox is refused; so is one that exists, unless it is the default name or a 台账
    export writes and nobody has saved since: export never replaces a file it did not write. `now`: the export time
    written in its 汇总."""
    default = ws.out / f"台账_{period.file_label}.xlsx"
    target = out if out is not None else default
    if out is not None and out.resolve() != default.resolve():
        again = f"换一个文件名，或不加 --out 使用默认名称 out/台账_{period.file_label}.xlsx"
        where = out.resolve()
        books = {p.resolve() for p in (ws.quota_path, ws.adoption_path, ws.reward_schedule_path, ws.roster_path)}
        # the workspace's own files: never to be moved or deleted to make room for an export
        own = out.suffix.lower() != ".xlsx" or where in books or any(where.is_relative_to(d.resolve()) for d in (ws.inbox, ws.out))
        if out.exists() and not (out.is_file() or out.is_dir()):  # a pipe, a device: reading it would never end
            raise WorkspaceError(f"{out} 已存在，且不是普通文件（是管道或设备）：没有导出；请{again}")
        if out.exists() and "<dc:title>政务信息台账 " not in "".join(untouched(out)):  # a 台账 export writes
            raise WorkspaceError(f"{out} 已存在：为免覆盖这个文件，没有导出；请{again}" if own else
                                 f"{out} 已存在，且不是 xlflow 导出后未经改动的台账：为免覆盖这个文件，没有导出；"
                                 f"请先把它移到别处或删除后重新导出，或者{again}")  # fmt: skip
        if out.suffix.lower() != ".xlsx":
            raise WorkspaceError(f"{out} 不是 .xlsx 文件：导出的台账是 Excel 工作簿，请写成 {out.with_suffix('.xlsx').name}，或不加 --out")
        if inbox := ws.collection(out):
            raise WorkspaceError(f"{out} 在收件文件夹 {inbox} 中：汇总时会被当作单位报回的工作簿读取，没有导出；"
                                 f"请换一个位置（收件文件夹以外），或不加 --out 使用默认名称 {ws.where(default)}")  # fmt: skip
    if gone := missing_message(ws.ledger_path):  # an empty export over the last good one: no (as bulletin)
        raise WorkspaceError(f"{gone}；没有导出")
    units = ws.units()
    articles: list[Article] = []
    months: list[str] = []
    unlisted = ""  # a unit renamed since its files were consolidated: its rows are under the old name (as bulletin)
    pending = ""  # an older ledger's R6 to be judged again at the next consolidate: said as status and bulletin say it
    if ws.ledger_path.is_file():
        with Ledger.open(ws.ledger_path) as ledger:
            articles = ledger.articles(period.month_keys)
            months = ledger.months()
            counts = unlisted_units(ledger.counts(period.month_keys), units)
            unlisted = unlisted_line(ledger, counts, period.label, "“汇总”表各单位的计入条数", units)
            pending = ledger.recount_pending()
    have = [m for m in period.month_keys if m in months]
    missing = [m for m in period.month_keys if m not in months]
    to_date = (f"台账中已有{months_text(have)}的数据，{months_text(missing)}尚未汇总：任务数为{WHOLE[period.kind]}任务，"
               "计入条数为截至目前的累计") if have and missing else ""  # as the bulletin says it  # fmt: skip
    try:
        count = write_ledger_export(target, period=period, articles=articles, units=units, note=to_date,
                                    now=(now or dt.datetime.now()).replace(microsecond=0))  # fmt: skip
    except OutputError as exc:  # a read-only USB stick as --out: another --out, not another disk for the workspace
        exc.out = out is not None and not ws.holds(target)
        raise
    result = RunResult(title=f"{period.label}台账已导出")
    result.lines.append(f"计入稿件 {count} 条，{len({a.unit for a in articles})} 个单位")
    result.lines += [to_date] if to_date else []
    result.warnings += [line for line in (unlisted, pending) if line]
    if not articles:
        # a month of the period the ledger does not hold yet: the hint is a command that can be pasted as it is
        first = (missing or period.month_keys)[0]
        result.warnings.append(f"台账中没有{period.label}计入的稿件：请先汇总各月，如 xlflow consolidate --month {first}")
    result.paths.append(target)
    result.data["rows"] = count
    return result


def stale_exports(ws: Workspace, months: Collection[str], year: int) -> list[str]:
    """A line for each 台账 export in out/ (its default name) of a period holding one of `months`, whose data an
    import has just changed: named, not rewritten, as the leader may hold the printed one (as stale_bulletins)."""
    from xlflow.commands.bulletin import periods

    lines = []
    for period in periods(year):
        if (path := ws.out / f"台账_{period.file_label}.xlsx").is_file() and (hit := sorted(set(months) & set(period.month_keys))):
            lines.append(f"已有的 {path.name} 不是最新的：本次汇总改变了{months_span(hit)}的数据；要更新，请运行 xlflow export --period {period.key}")
    return lines
