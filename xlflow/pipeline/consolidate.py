"""`xlflow consolidate`: a month's unit workbooks into the ledger, then receipts and the month's bulletin.

Read every file of the month's folder (owner lock files skipped and counted), refuse what cannot be
used with one line each, keep the latest file when a unit sent two, check every row (R6 against the whole ledger),
import the month in one transaction under the workspace lock, then write a receipt per unit that sent something and
the month's bulletin and reward workbook. Unit files are only read, never written.
Exit status: 0 all files used, 2 a file was refused (1, a usage error, is raised as XlflowError).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import io
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings, Workspace
from ..errors import InputFileError, WorkspaceError, XlflowError
from ..fsutil import atomic_write_bytes
from ..ledger import ImportStats, Ledger
from ..lock import workspace_lock
from ..model import ERROR, FILE_PROBLEMS, ROW_RULES, WARNING, Article, Finding, RunResult, UnitFile
from ..parallel import share_out
from ..periods import Period
from ..progress import Progress, no_progress
from ..textnorm import safe_filename
from ..units import Unit, UnitTable
from ..writers.receipt import QuotaProgress, write_receipt

EXIT_REFUSED = 2
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


# --- reading the folder -------------------------------------------------------------------------------


@dataclass
class _Reading:
    files: list[UnitFile] = field(default_factory=list)
    articles: dict[str, list[Article]] = field(default_factory=dict)  # file name -> its checked rows
    refused: list[Finding] = field(default_factory=list)
    lock_files: list[str] = field(default_factory=list)
    seen: int = 0  # files looked at, lock files included


def _candidates(folder: Path) -> list[Path]:
    """The files of the folder a unit could have sent, sorted by name; hidden and system files left out."""
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".~xlflow-")
         and p.name.lower() not in _IGNORED_NAMES and not (p.name.startswith(".") and not p.name.startswith(".~lock."))),
        key=lambda p: p.name,
    )  # fmt: skip


def _refusal(path: Path, code: str, message: str, month: Period, units: UnitTable) -> Finding:
    guess = units.find_in(path.stem)
    return Finding(path.name, "", None, "", "", code, ERROR, message, guess.name if guess else "", month.key)


PARALLEL_FILES = 150  # this many files or more (a province's month: ≈ 417) are read by several processes


def _read_folder(
    folder: Path,
    units: UnitTable,
    month: Period,
    settings: Settings,
    progress: Progress,
    *,
    seen: dict[tuple[str, str], str],
    now: dt.datetime,
) -> _Reading:
    """Read and check every file of the folder. Each file is checked as it is read: R6 compares a row with the
    ledger's counted titles of its own unit (`seen`, this month's rows left out) and with the rows above it in the
    same file; a unit has one file per month in the ledger, so no file's check depends on another's."""
    reading = _Reading()
    paths = _candidates(folder)
    work = functools.partial(_read_files, units=units, month=month, settings=settings, seen=seen, now=now)
    outcomes = share_out(paths, work, minimum=PARALLEL_FILES, here=lambda share: work(progress(share, "读取各单位工作簿")))
    for path, (kind, value) in zip(paths, outcomes, strict=True):
        reading.seen += 1
        if kind == "lock":
            reading.lock_files.append(path.name)
        elif kind == "refused":
            reading.refused.append(value)  # type: ignore[arg-type]
        else:
            unit_file, articles = value  # type: ignore[misc]
            reading.files.append(unit_file)
            reading.articles[unit_file.name] = articles
    return reading


def _read_files(
    paths: Iterable[Path],
    *,
    units: UnitTable,
    month: Period,
    settings: Settings,
    seen: dict[tuple[str, str], str],
    now: dt.datetime,
) -> list[tuple[str, object]]:
    """("file", (UnitFile, its checked rows)), ("refused", Finding) or ("lock", None) for each path: plain data, so
    that a worker process can hand it back."""
    from .. import rules

    out: list[tuple[str, object]] = []
    for path in paths:
        kind, value = _read_file(path, units, month, settings)
        if kind == "file":
            value = (value, rules.check_file(value, seen=seen, settings=settings, now=now))  # type: ignore[arg-type]
        out.append((kind, value))
    return out


def _read_file(path: Path, units: UnitTable, month: Period, settings: Settings) -> tuple[str, object]:
    from .. import readers

    if readers.is_lock_file(path):
        return "lock", None
    try:
        unit_file = readers.read_unit_workbook(path, units, month_hint=month.key, settings=settings)
    except InputFileError as exc:
        code = exc.code if exc.code in FILE_PROBLEMS else "F2"
        return "refused", _refusal(path, code, str(exc), month, units)
    except Exception as exc:  # a file the reader could not cope with must not stop the other 33
        message = f"{path.name}：读取时出错（{type(exc).__name__}: {str(exc)[:80]}）：请用 Excel 另存为 .xlsx 后重新放入；仍不行请把文件发给 xlflow 维护人员"
        return "refused", _refusal(path, "F2", message, month, units)
    if unit_file.month != month.key:
        stated = Period.parse(unit_file.month).label
        message = (
            f"{path.name}：文件写的是{stated}，不是{month.label}：请把它放到对应月份的文件夹，"
            f"或用 xlflow consolidate --month {unit_file.month} 汇总"
        )
        return "refused", Finding(path.name, "", None, "", "", "F7", ERROR, message, unit_file.unit, month.key)
    return "file", unit_file


def _latest_per_unit(files: Sequence[UnitFile]) -> tuple[list[UnitFile], list[tuple[UnitFile, UnitFile]]]:
    """One file per unit, the one modified last; the others paired with the file that replaced them."""
    by_unit: dict[str, list[UnitFile]] = {}
    for f in files:
        by_unit.setdefault(f.unit, []).append(f)
    winners: list[UnitFile] = []
    losers: list[tuple[UnitFile, UnitFile]] = []
    for group in by_unit.values():
        group.sort(key=lambda f: (f.mtime, f.name), reverse=True)
        winners.append(group[0])
        losers.extend((old, group[0]) for old in group[1:])
    return winners, losers


def _superseded_finding(old: UnitFile, winner: UnitFile, month: Period) -> Finding:
    message = (
        f"{old.name}：与 {winner.name} 同为{winner.unit}{month.label}的报送文件，已按修改时间较晚的 {winner.name} 汇总，"
        f"本文件未计入：如本文件才是正确的，请删除另一个文件后重新汇总"
    )
    return Finding(old.name, old.sheet, None, "", "", "F8", WARNING, message, old.unit, month.key)


def _checked(
    winners: Sequence[UnitFile], reading: _Reading, units: UnitTable
) -> list[tuple[UnitFile, list[Article]]]:
    """Each unit's file with its checked rows (rules R1–R10, done as it was read), in quota-table order."""
    order = {u.name: u.seq for u in units}
    return [(f, reading.articles[f.name]) for f in sorted(winners, key=lambda f: (order.get(f.unit, 0), f.name))]


# --- receipts ------------------------------------------------------------------------------------------


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def unit_progress(unit: Unit, month: Period, counted_by_month: dict[tuple[str, str], int]) -> QuotaProgress:
    """Counted against quota for `month`; a quarterly unit quarter-to-date against its quarter."""
    months = unit.count_months(month)
    counted = sum(counted_by_month.get((unit.name, m), 0) for m in months)
    quota = unit.quota(month)
    if unit.is_quarterly:
        quarter = Period(month.year, "Q", (month.index - 1) // 3 + 1)
        label = f"{quarter.label}（截至{month.index}月）"
        text = f"每季度 {number(quota)} 条"
    else:
        label = month.label
        text = f"每月 {unit.monthly} 条"
    return QuotaProgress(quota=quota, counted=counted, period_label=label, quota_text=text)


def counted_by_month(ledger: Ledger, month: Period) -> dict[tuple[str, str], int]:
    """(unit, month) → counted articles, for the months of `month`'s quarter up to `month`."""
    first = 3 * ((month.index - 1) // 3) + 1
    months = [f"{month.year}-{m:02d}" for m in range(first, month.index + 1)]
    return ledger.counts(months)


def missing_units(ledger: Ledger, units: UnitTable, month: Period) -> list[str]:
    """Units that sent nothing for `month`, in table order; a quarterly unit whose quarter is done is not missing."""
    senders = ledger.senders([month.key])
    counted = counted_by_month(ledger, month)
    return [
        u.name
        for u in units
        if u.name not in senders
        and not (u.is_quarterly and unit_progress(u, month, counted).counted >= u.quota(month))
    ]


def receipt_path(ws: Workspace, unit: str, month: Period) -> Path:
    return ws.out / "回执" / month.file_label / f"{safe_filename(unit)}_{month.file_label}_回执.xlsx"


PARALLEL_RECEIPTS = 150  # this many receipts or more (a province's month: ≈ 417) are written by several processes


@dataclass(frozen=True)
class _ReceiptJob:
    path: Path
    unit: str
    month: Period
    articles: list[Article]
    findings: list[Finding]
    progress: QuotaProgress
    settings: Settings


def _write_receipt_file(job: _ReceiptJob) -> None:
    buffer = io.BytesIO()
    write_receipt(
        buffer,
        unit=job.unit,
        month=job.month,
        articles=job.articles,
        findings=job.findings,
        progress=job.progress,
        settings=job.settings,
    )
    data = buffer.getvalue()
    path = job.path
    if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
        # an unchanged receipt keeps its file time; a receipt is rewritten by every run, so no fsync per file (a
        # province writes ≈ 417 a month); a damaged one differs from what the next run renders and is replaced
        atomic_write_bytes(path, data, durable=False)


def _write_receipt_files(jobs: Sequence[_ReceiptJob]) -> list[None]:
    return [_write_receipt_file(job) for job in jobs]


def _write_receipts(
    ws: Workspace, ledger: Ledger, senders: Iterable[str], units: UnitTable, month: Period
) -> dict[str, Path]:
    counted = counted_by_month(ledger, month)
    findings: dict[str, list[Finding]] = {}
    for f in ledger.findings([month.key]):
        findings.setdefault(f.unit, []).append(f)
    articles: dict[str, list[Article]] = {}
    for a in ledger.file_articles([month.key], with_body=False):  # one query; receipts never show the 正文
        articles.setdefault(a.unit, []).append(a)
    wanted = set(senders)
    jobs = [
        _ReceiptJob(
            path=receipt_path(ws, unit.name, month),
            unit=unit.name,
            month=month,
            articles=articles.get(unit.name, []),
            findings=findings.get(unit.name, []),
            progress=unit_progress(unit, month, counted),
            settings=ws.settings,
        )
        for unit in units
        if unit.name in wanted
    ]
    if jobs:
        jobs[0].path.parent.mkdir(parents=True, exist_ok=True)
    share_out(jobs, _write_receipt_files, minimum=PARALLEL_RECEIPTS)  # each file still written atomically
    return {job.unit: job.path for job in jobs}


def _write_bulletin(ws: Workspace, month: Period, now: dt.datetime) -> tuple[list[Path], str]:
    """The month's bulletin and reward workbook, when the bulletin module is installed."""
    if importlib.util.find_spec("xlflow.pipeline.bulletin") is None:
        return [], "通报模块尚未安装：本次没有生成月度通报和奖励计算表"
    from . import bulletin

    writer = getattr(bulletin, "write_bulletin_and_rewards", None)
    if writer is None:
        return [], "通报模块尚未就绪：本次没有生成月度通报和奖励计算表"
    try:
        return list(writer(ws, month, now=now)), ""
    except XlflowError as exc:
        return [], f"台账已更新，但月度通报未能生成：{exc}"


# --- the run's summary ------------------------------------------------------------------------------------


def _rule_counts(findings: Iterable[Finding]) -> list[str]:
    counts = Counter(f.code for f in findings if f.code in ROW_RULES)

    def order(code: str) -> int:
        return int(code[1:]) if code[1:].isdigit() else 99

    return [f"{code} {ROW_RULES[code][0]} {counts[code]} 条" for code in sorted(counts, key=order)]


def consolidate(
    ws: Workspace,
    month: Period,
    folder: Path | None,
    *,
    progress: Progress = no_progress,
    now: dt.datetime | None = None,
) -> RunResult:
    """Read a month's unit workbooks into the ledger; write receipts, the bulletin and the reward workbook."""
    started = time.perf_counter()
    now = (now or dt.datetime.now()).replace(microsecond=0)
    folder = Path(folder) if folder is not None else ws.inbox_for(month.key)
    if not folder.is_dir():
        raise WorkspaceError(
            f"找不到收件文件夹 {folder}：请把各单位报回的工作簿放进 {ws.inbox / month.key}，或在命令后写出所在文件夹"
        )
    units = ws.units()
    settings = ws.settings
    with workspace_lock(ws.lock_path), Ledger.open(ws.ledger_path) as ledger:
        # every unit's counted titles in one query, the rows this import replaces (this file month) left out: R6
        seen = ledger.counted_titles(exclude_month=month.key)
        reading = _read_folder(folder, units, month, settings, progress, seen=seen, now=now)
        winners, losers = _latest_per_unit(reading.files)
        checked = _checked(winners, reading, units)
        for old, winner in losers:
            old.findings.append(_superseded_finding(old, winner, month))
            checked.append((old, []))
        stats = ledger.import_month(month.key, checked, reading.refused, now=now)
        senders = {f.unit for f in reading.files} | {f.unit for f in reading.refused if f.unit}
        receipts = _write_receipts(ws, ledger, senders, units, month)
        missing = missing_units(ledger, units, month)
        bulletin_paths, bulletin_problem = _write_bulletin(ws, month, now)

    articles = [a for _, rows in checked for a in rows]
    result = RunResult(title=f"{month.label}汇总完成（{folder}）")
    _summarise(result, reading, articles, losers, stats, missing, units, month)
    receipt_dir = receipt_path(ws, "", month).parent
    result.paths = [receipt_dir, *bulletin_paths] if receipts else list(bulletin_paths)
    if receipts:
        result.lines.append(f"回执 {len(receipts)} 份（每个报送单位一份，在 {receipt_dir.name} 文件夹中）")
    if bulletin_problem:
        result.warnings.append(bulletin_problem)
    result.refused = [f.message for f in reading.refused]
    result.exit_code = EXIT_REFUSED if reading.refused else 0
    result.data.update(
        {
            "stats": stats,
            "rows": dict(Counter(a.unit for a in articles)),
            "counted": dict(Counter(a.unit for a in articles if a.counted)),
            "counted_in_month": dict(Counter(a.unit for a in articles if a.counted and a.month == month.key)),
            "findings": dict(Counter(f.code for a in articles for f in a.findings)),
            "refused": {f.file: f.code for f in reading.refused},
            "lock_files": list(reading.lock_files),
            "superseded": {old.name: new.name for old, new in losers},
            "missing": missing,
            "receipts": receipts,
            "bulletin": bulletin_paths,
            "seconds": time.perf_counter() - started,
        }
    )
    return result


def _summarise(
    result: RunResult,
    reading: _Reading,
    articles: Sequence[Article],
    losers: Sequence[tuple[UnitFile, UnitFile]],
    stats: ImportStats,
    missing: Sequence[str],
    units: UnitTable,
    month: Period,
) -> None:
    lines = result.lines
    lines.append(
        f"读取文件 {reading.seen} 个：接受 {len(reading.files)} 个，拒收 {len(reading.refused)} 个，"
        f"跳过 Excel/WPS 锁定文件（~$ 开头）{len(reading.lock_files)} 个"
    )
    counted = [a for a in articles if a.counted]
    elsewhere = sum(1 for a in counted if a.month != month.key)
    rejected = len(articles) - len(counted)
    text = f"计入稿件 {len(counted)} 条（共 {len(articles)} 行，{rejected} 行有错误未计入"
    text += f"，{elsewhere} 条按报送日期计入其他月份）" if elsewhere else "）"
    lines.append(text)
    rule_counts = _rule_counts(f for a in articles for f in a.findings)
    lines.append("问题：" + ("，".join(rule_counts) if rule_counts else "无"))
    sent = len(units) - len(missing)
    lines.append(f"已报送单位 {sent}/{len(units)} 个")
    if missing:
        lines.append(f"未报送单位（{len(missing)} 个）：" + "、".join(missing))
    for old, new in losers:
        result.warnings.append(f"{old.name} 未计入：与 {new.name} 同为{new.unit}本月文件，以修改时间较晚的 {new.name} 为准")
    lines.append(
        f"台账：{len(stats.units_written)} 个单位写入，{len(stats.units_unchanged)} 个单位与上次汇总相同未改写"
    )
