"""The receipts (回执) of a consolidated month: one workbook a unit, written again only when what it shows changed,
and the small JSON records beside the ledger (which receipts are current, which folder each month came from)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlflow import __version__
from xlflow.commands.status import counted_by_month, unit_progress
from xlflow.core.errors import OutputError, describe_os_error
from xlflow.core.model import Article, Finding
from xlflow.core.periods import Period
from xlflow.core.text import safe_filename
from xlflow.core.units import Unit, UnitTable, by_unit
from xlflow.fsutil import atomic_write_bytes, read_json, write_json
from xlflow.intake.returns_unit_month import months_text, past_span, stated_months
from xlflow.ledger import ImportStats, Ledger
from xlflow.ledger.tables import FileRecord
from xlflow.settings import Settings
from xlflow.workspace import Workspace
from xlflow.writers.receipt import QuotaProgress, ReceivedFile, write_receipt

JUDGED = "min_chars"  # in the receipt index: month -> the min_chars of its last consolidate


def receipt_path(ws: Workspace, unit: str, month: Period) -> Path:
    """out/回执/2015年03月/岳阳县工信局_2015年03月_回执.xlsx. Two units never share a receipt: a name changed to
    be a file name (信息科/网站 → 信息科_网站) or with capitals (ABC科 is abc科 on Windows) gets a suffix from it."""
    part = safe_filename(unit)
    if part != unit or part != part.casefold():
        part += "_" + hashlib.sha256(unit.encode("utf-8")).hexdigest()[:6]
    return ws.out / "回执" / month.file_label / f"{part}_{month.file_label}_回执.xlsx"


@dataclass(frozen=True)
class _ReceiptJob:
    path: Path
    unit: str
    month: Period
    articles: list[Article]
    findings: list[Finding]
    progress: QuotaProgress
    settings: Settings
    files: list[ReceivedFile]
    gained: list[Article]
    notes: list[str]


def _write_receipt_file(job: _ReceiptJob) -> OutputError | None:
    """The job's receipt written, or why it could not be (open in Excel, a folder in its place): the others go on."""
    buffer = io.BytesIO()
    write_receipt(buffer, **{k: v for k, v in vars(job).items() if k != "path"})
    data = buffer.getvalue()
    try:
        if not (job.path.is_file() and job.path.stat().st_size == len(data) and job.path.read_bytes() == data):
            # a damaged or edited receipt is replaced; no fsync: a receipt can be written again from the ledger
            atomic_write_bytes(job.path, data, durable=False)
    except OutputError as exc:
        return exc
    except OSError as exc:  # the old receipt could not even be read (locked by another program)
        return OutputError(job.path, exc)
    return None


def _receipt_record(job: _ReceiptJob) -> list[Any]:
    """What the receipt shows (and the xlflow version that renders it) as a digest, then its file's size and time:
    when the index holds the same for the file as it is now, rendering it again would give the same file."""
    rows = [dataclasses.replace(a, imported_at="") for a in (*job.articles, *job.gained)]
    seen = (__version__, job.unit, job.month, rows, job.findings, job.progress, job.settings, job.files, job.notes)
    digest = hashlib.sha256(repr(seen).encode("utf-8")).hexdigest()
    try:
        stat = job.path.stat()
    except OSError:
        return [digest]
    return [digest, stat.st_size, stat.st_mtime_ns]


def write_receipts(
    ws: Workspace, ledger: Ledger, senders: set[str], units: UnitTable, month: Period, *, only: bool = False
) -> tuple[dict[str, Path], list[OutputError]]:
    """A receipt for each unit of `senders`, and the receipts that could not be written or deleted; unless `only`,
    the receipts of units that no longer sent anything this month are deleted (the month's folder is the truth).
    A receipt is written again only when what it shows changed (or its file did, or it could not be written last
    time): re-running a month after one late file renders one receipt, not 34. With `only`, the receipts written
    again are returned, not all of them."""
    index = read_json(ws.receipt_index_path)
    # the min_chars each month's rows were checked with when it was last consolidated: another month's receipt says it
    judged, settings = dict(index[JUDGED]) if isinstance(index.get(JUDGED), dict) else {}, ws.settings
    if only and isinstance(judged.get(month.key), int):
        settings = dataclasses.replace(settings, min_chars=judged[month.key])
    elif not only:
        judged[month.key] = settings.min_chars
    counted = counted_by_month(ledger, month)
    findings = by_unit(ledger.findings([month.key]))
    articles = by_unit(ledger.file_articles([month.key], with_body=False))  # receipts never show the 正文
    files = by_unit(ledger.files(month.key))
    # rows of other months' files counting in this one by their date (R5): in its 计入数, not among its rows
    gained = by_unit(a for a in ledger.articles([month.key], with_body=False) if a.file_month != month.key)
    jobs = [
        _ReceiptJob(
            receipt_path(ws, unit.name, month), unit.name, month, articles.get(unit.name, []),
            findings.get(unit.name, []), unit_progress(unit, month, counted), settings,
            [ReceivedFile(f.name, f.sheets, f.superseded_by, f.supplement) for f in files.get(unit.name, [])],
            gained.get(unit.name, []), _late_files(ledger, unit, month, files.get(unit.name, []), articles.get(unit.name, [])),
        )
        for unit in units
        if unit.name in senders
    ]  # fmt: skip
    try:
        if jobs:
            jobs[0].path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # out/回执 is a file, the disk read-only …: no receipt can be written
        return {} if only else {job.unit: job.path for job in jobs}, [OutputError(job.path, exc) for job in jobs]
    keys = {job.path.relative_to(ws.root).as_posix(): job for job in jobs}
    todo = {key: job for key, job in keys.items() if index.get(key) != _receipt_record(job)}
    outcomes = [_write_receipt_file(job) for job in todo.values()]  # each one atomically
    failed = [exc for exc in outcomes if exc is not None]
    written = {key: _receipt_record(job) for (key, job), exc in zip(todo.items(), outcomes, strict=True) if exc is None}
    try:  # one not written keeps its old record: the next run renders it again
        if written or index.get(JUDGED) != judged:
            write_json(ws.receipt_index_path, {**index, **written, JUDGED: judged})
    except OutputError:  # only saves work: without it the next run renders (and compares) every receipt
        with suppress(OSError):
            ws.receipt_index_path.unlink(missing_ok=True)
    for unit in () if only else units:
        gone = receipt_path(ws, unit.name, month)
        if unit.name not in senders and os.path.lexists(gone):  # a read-only disk refuses to delete even no file
            try:
                gone.unlink(missing_ok=True)
            except OSError as exc:  # open in Excel: deleted by the next run
                failed.append(OutputError(gone, exc, verb="删除"))
    failed += [] if only else _former_receipts(ws, units, month, index)
    return {job.unit: job.path for job in (jobs if not only else (keys[key] for key in written))}, failed


def _late_files(ledger: Ledger, unit: Unit, month: Period, files: Sequence[FileRecord], rows: Sequence[Article]) -> list[str]:
    """A line for each past quarter's or half year's file sent late (its name says so: 财务科_2015年第一季度信息, read
    as a 补报): where its articles counted by their dates, and that the period it states stays as it was."""
    lines, near = [], (month.year, month.index)
    for f in files:
        said = stated_months(Path(f.name).stem, near)
        if f.superseded_by or not f.supplement or said is None or not past_span(said, near):
            continue
        past = next((p for p in (Period(said[0], k, i) for k in "QH" for i in range(1, 5 if k == "Q" else 3))
                     if p.months == said[1]), None)  # fmt: skip
        label = past.label if past else months_text(said)
        counted = [a for a in rows if a.source_file == f.name and a.counted]
        into = dict.fromkeys((Period.parse(a.month).quarter if unit.is_quarterly else Period.parse(a.month)).label for a in counted)
        line = f"文件“{f.name}”写的是{label}，{month.label}才收到：" + (
            f"其中 {len(counted)} 条按报送日期计入{'、'.join(into)}" if counted else "其中没有计入的信息")
        if past is not None:
            done = sum(n for (who, _), n in ledger.counts(past.month_keys).items() if who == unit.name)
            short = max(0, round(unit.quota(past)) - done)
            line += f"；{label}已计入 {done} 篇，" + (f"差 {short} 篇" if short else "已完成") + "，不因本文件改变"
        lines.append(line)
    return lines


def _former_receipts(ws: Workspace, units: UnitTable, month: Period, index: dict[str, Any]) -> list[OutputError]:
    """Delete the month's receipts xlflow wrote for units no longer in the quota table: those its index records and
    those named after an alias (a renamed unit's old name), never a copy the coordinator renamed (已发-…); those
    that could not be deleted."""
    current, failed = {receipt_path(ws, u.name, month) for u in units}, []
    former = {receipt_path(ws, alias, month) for u in units for alias in u.aliases}
    former |= {ws.root / key for key in index if (ws.root / key).parent == receipt_path(ws, "x", month).parent}
    for path in sorted(former - current):
        if path.is_file():
            try:
                path.unlink()
            except OSError as exc:  # open in Excel: deleted by the next run
                failed.append(OutputError(path, exc, verb="删除"))
    return failed


def touched_months(ledger: Ledger, stats: ImportStats, month: Period, dated: Iterable[str]) -> dict[str, set[str]]:
    """The other months whose receipts an import of `month` may have changed, each with the units to render again
    (write_receipts(only=True) rewrites only what changed): the quarter's (a quarterly unit's quarter to date),
    the months its rows are `dated` in, those of rows counting or no longer (R6), those with an F8 line of an
    article no longer counted, which depends on the articles counted in other months (Ledger.findings)."""
    changed = {*stats.units_written, *(r.unit for r in stats.removed), *(m.unit for m in stats.moved)}
    if not changed:
        return {}
    months = {*month.quarter.month_keys, *dated, *(m.file_month for m in stats.moved), *ledger.lost_title_months(changed)}
    senders = {key: {*ledger.senders([key]), *(f.unit for f in ledger.refused(key))} & changed
               for key in sorted(months & set(ledger.months()) - {month.key})}  # fmt: skip
    return {key: units for key, units in senders.items() if units}


def receipt_problems(failed: Sequence[OutputError], again: str, updated: bool) -> list[str]:
    """A line for the receipts that could not be written or deleted for one reason (open in Excel, a full disk …),
    naming each, worded as the bulletin's, with the command that writes them: `xlflow consolidate` bare is this
    run's, which the CLI prints as it was typed."""
    groups: dict[tuple[str, str, str], list[OutputError]] = {}
    for exc in failed:
        groups.setdefault((exc.verb, *describe_os_error(exc.cause)), []).append(exc)
    lines = []
    for (verb, what, todo), errors in groups.items():
        paths = [Path(str(e.path)) for e in errors]  # one month's: one folder
        names = f"回执 {paths[0]} " if len(paths) == 1 else f"回执 {len(paths)} 份（{paths[0].parent} 中的 {'、'.join(p.name for p in paths)}）"
        text = f"{names}未能{verb}：{what}；{todo}后重新运行 {again}"
        lines.append(f"台账已更新，但{text}，已记入台账的稿件不会重复记入" if updated else text)
    return lines
