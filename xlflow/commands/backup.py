"""`xlflow backup` and `xlflow restore`: the ledger (台账) is a year of the office's work; never lose it.

Copies are made with SQLite's online backup API (consistent even while consolidate writes, so no lock), checked
with `PRAGMA integrity_check` and moved into place. By hand: close xlflow, copy the backup over ledger.sqlite.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from collections import Counter, defaultdict
from contextlib import closing, suppress
from pathlib import Path

from xlflow.core.errors import LedgerDamagedError, OutputError, WorkspaceError
from xlflow.core.model import RunResult
from xlflow.core.periods import Period, months_span
from xlflow.core.text import listing, shell_word
from xlflow.fsutil import atomic_write_bytes
from xlflow.ledger import Ledger, health
from xlflow.ledger.health import BACKUP_DIR, copy_database, free_name, integrity_problem
from xlflow.ledger.tables import SCHEMA_VERSION, FileRecord
from xlflow.lock import workspace_lock
from xlflow.workspace import Workspace

# the tables xlflow/ledger/tables.py creates; a file without all of them is not a ledger
LEDGER_TABLES = ("schema_version", "imports", "files", "articles", "findings")
AUTO_PREFIX = "台账_自动_"  # automatic backups; the only ones xlflow ever deletes (keeping settings.backup_keep)
DAMAGED_PREFIX = "台账_恢复前_已损坏_"  # a damaged ledger's bytes, kept by restore; never offered as a backup
_NOT_SHOWN = {"id", "file_id", "article_id", "import_id", "imported_at", "mtime", "sha256", "file_sha256", "digest"}  # in no receipt or 通报: a file saved again, cells unchanged, is the same
_AUTO_NAME = re.compile(rf"^{AUTO_PREFIX}(\d{{8}}_\d{{6}})(?:_(\d+))?\.sqlite$")


def _health(path: Path) -> str:
    """What is wrong with the ledger at `path`, "" when intact; read-write, so a hot journal is rolled back."""
    try:
        with closing(health.connect_existing(path, read_only=False)) as db:
            return health.health_problem(db)
    except sqlite3.Error as exc:
        raise health.ledger_error(path, exc) from exc


def _outputs_state(path: Path) -> dict[str, Counter[tuple[object, ...]]]:
    """File month → what its receipts and 通报 are made from: its last import's file count and everything stored
    of its files, rows (also under the month a row counts in), findings and refused files (an import can change
    another month's R6 verdicts, and rewrites that month's receipts); not ids or when a run happened."""
    state: dict[str, Counter[tuple[object, ...]]] = defaultdict(Counter)
    last = "SELECT month, files_read FROM imports WHERE id IN (SELECT max(id) FROM imports GROUP BY month)"
    with closing(health.connect_existing(path, read_only=True)) as db:
        for month, files_read in db.execute(last):
            state[month][("imports", files_read)] += 1
        for table, keys in (("files", ("file_month",)), ("articles", ("file_month", "month")), ("findings", ("file_month",))):  # fmt: skip
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in _NOT_SHOWN]
            for row in db.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM {table}"):
                values = dict(zip(columns, row, strict=True))
                for month in {values[key] for key in keys}:
                    state[month][(table, *row)] += 1
    return state


def _outputs_to_redo(ws: Workspace, replaced: Path | None, since: float) -> list[str]:
    """A line for each month whose outputs in out/ the restored ledger no longer matches (its data differ from the
    `replaced` ledger's), and for each 通报 of a quarter, half or year counting one of them. `replaced` None (it was
    damaged, unreadable, or missing): the months the restored ledger has not, and those whose receipts were written after the
    backup was made (`since`, a timestamp), by a consolidate the backup does not hold."""
    from xlflow.commands.bulletin import bulletin_path, periods
    from xlflow.commands.receipts import receipt_path

    now = _outputs_state(ws.ledger_path)
    if replaced is not None:
        before = _outputs_state(replaced)
        changed = sorted(m for m in before.keys() | now.keys() if before.get(m) != now.get(m))
    else:  # a receipt written (or deleted: its folder's time) since the backup
        folders = {m: receipt_path(ws, "", Period.parse(m)).parent for m in Period(ws.settings.year, "Y", 1).month_keys}
        written = {m: max((p.stat().st_mtime for p in (f, *f.glob("*"))), default=0.0) if f.is_dir() else 0.0
                   for m, f in folders.items()}  # fmt: skip
        made = {m for m, f in folders.items() if f.is_dir() or bulletin_path(ws, Period.parse(m)).is_file()}
        changed = [m for m in folders if m in made and (m not in now or written[m] > since)]
    lines = []
    for key in changed:
        month = Period.parse(key)
        if not (bulletin_path(ws, month).is_file() or receipt_path(ws, "", month).parent.is_dir()):
            continue
        if key not in now:
            lines.append(f"{month.label}：恢复的台账中没有这个月，out/ 中该月的回执和通报已不作数（需要时重新汇总："
                         f"xlflow consolidate --month {key}）")  # fmt: skip
            continue
        why = "与恢复的台账不符（恢复前后这个月的数据不同）" if replaced else "写于这份备份之后，可能与恢复的台账不符"
        lines.append(f"{month.label}：out/ 中的回执和通报{why}" + _not_in_folder(ws, key))
    for period in periods(ws.settings.year):  # the months' own 通报 are said above
        hit = [m for m in changed if m in period.month_keys]
        if period.kind != "M" and hit and bulletin_path(ws, period).is_file():
            lines.append(f"{bulletin_path(ws, period).name} 含{months_span(hit)}的数据：要与恢复的台账一致，"
                         f"请运行 xlflow bulletin --period {period.key}")  # fmt: skip
    return lines


def _not_in_folder(ws: Workspace, key: str) -> str:
    """How to consolidate month `key` again, from the folder it was last consolidated from, or from the default
    folder when that holds more of the restored ledger's files (the restore undid a run from a wrong folder); and
    what that would undo of the restored ledger: the files it read that are no longer there (their records are
    deleted) or hold other content now (read anew), and how to keep the records."""
    from xlflow.commands.inbox import consolidate_command, last_folder, month_folder

    try:  # the month's folder in inbox/ (inbox/2015-03, inbox/2015年3月 …), else inbox/ itself, as consolidate
        default = month_folder(ws, Period.parse(key), None)[0]
    except WorkspaceError:  # no inbox/, or two folders of the month
        default = ws.inbox / key
    with Ledger.open(ws.ledger_path) as ledger:
        records = [r for r in ledger.files(key) if not r.superseded]  # a superseded file counted nothing
    looked = [(folder, _changed(folder, records)) for folder in dict.fromkeys([last_folder(ws, key) or default, default])]
    folder, (gone, other) = min(looked, key=lambda pair: len(pair[1][0]) + len(pair[1][1]))  # the first of equals
    command = consolidate_command(ws, key, folder)  # the folder written unless the plain command reads it
    where, said = str(folder), []  # its path: with -w the command line writes it from the user's folder
    if gone:
        said.append(f"恢复的台账读入的 {listing(gone, 5, '个文件')}已不在 {where} 中，重新汇总会把其记录从台账删除")
    if other:
        said.append(f"{where} 中的 {listing(other, 5, '个文件')}与恢复的台账读入时的内容不同，重新汇总会按现在的内容计")
    if not said:
        return f"：请重新运行 {command}"
    return f"；{'；'.join(said)}：要保留恢复的记录，请先把当时的文件放回 {where}，再运行 {command}"


def _changed(folder: Path, records: list[FileRecord]) -> tuple[list[str], list[str]]:
    """The `records`' files no longer in `folder`, and those there with other content now."""
    gone: list[str] = []
    other: list[str] = []
    for r in records:
        path, shown = folder / os.fsdecode(r.raw_name), f"{r.name}（{r.unit}，计入 {r.counted} 条）"
        try:
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != r.sha256:
                (other if path.is_file() else gone).append(shown)
        except OSError:  # there but unreadable now (open, being copied): consolidate says what it is
            continue
    return gone, other


def _describe(path: Path) -> str:
    """How many article rows of which file months a ledger file holds, in words."""
    with closing(health.connect_existing(path, read_only=True)) as db:
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        months = [r[0] for r in db.execute("SELECT DISTINCT file_month FROM files ORDER BY file_month")]
    span = f"{months[0]} 至 {months[-1]}，共 {len(months)} 个月" if months else "尚无月份"
    return f"{articles} 条稿件记录（{span}）"


def backup(ws: Workspace, out: Path | None, *, now: dt.datetime | None = None) -> RunResult:
    """Copy the ledger to `out` (default backup/台账_时间.sqlite) with SQLite's online backup API."""
    now = now or dt.datetime.now()
    source = ws.ledger_path
    if not source.is_file():
        if gone := health.missing_message(source):  # a folder at its name, or a used workspace's ledger moved away
            raise WorkspaceError(gone)
        month = health.suggested_month([], ws.settings.year, now.date())
        raise WorkspaceError(
            f"工作区 {ws.root} 还没有台账（{source.name}），无需备份：先运行 xlflow consolidate --month {month} 汇总一个月"
        )
    target = free_name(ws.root / BACKUP_DIR, f"台账_{now:%Y%m%d_%H%M}") if out is None else Path(out)
    if out is not None and target.exists():
        raise WorkspaceError(f"备份文件 {target} 已存在：为免覆盖以前的备份，请换一个文件名，或不加 --out 使用默认名称")
    if out is not None and (inbox := ws.collection(target)):
        raise WorkspaceError(f"{target} 在收件文件夹 {inbox} 中：汇总时会被当作单位报回的文件读取，没有备份；"
                             f"请换一个位置，或不加 --out 备份到 {BACKUP_DIR}/")  # fmt: skip
    if problem := _health(source):  # a copy of a damaged ledger restores nothing
        raise LedgerDamagedError(health.damaged_message(source, problem))
    try:
        copy_database(source, target, read_only=False)
    except OutputError as exc:  # a read-only USB stick as --out: another --out, not another disk for the workspace
        exc.out = out is not None and not ws.holds(target)
        raise
    lines = [f"备份了 {_describe(target)}", f"恢复方法：xlflow restore {shell_word(str(target))}"]
    return RunResult("台账已备份", lines=lines, paths=[target])


# -- automatic backups, before each consolidate that changes the ledger ----------------------------------------


def auto_backup(ws: Workspace, *, now: dt.datetime) -> Path | None:
    """The copy consolidate makes before an import (`settle_auto_backup` keeps or removes it); None without a
    ledger or with backup_keep 0."""
    if ws.settings.backup_keep <= 0 or not ws.ledger_path.is_file():
        return None
    target = free_name(ws.root / BACKUP_DIR, f"{AUTO_PREFIX}{now:%Y%m%d_%H%M%S}")
    try:
        copy_database(ws.ledger_path, target, read_only=False)
    except OutputError as exc:
        exc.note = "（这是汇总前的自动备份；台账未改动）"
        raise
    return target


def settle_auto_backup(ws: Workspace, path: Path | None, *, changed: bool) -> None:
    """After the import: its copy removed when the ledger was not changed (nothing new, or the import refused or
    failed), else only the newest settings.backup_keep automatic backups kept: a run that changed nothing never
    deletes an older restore point."""
    if path is None:
        return
    found = [(m.group(1), int(m.group(2) or 1), p) for p in path.parent.glob(f"{AUTO_PREFIX}*.sqlite")
             if (m := _AUTO_NAME.match(p.name))]  # fmt: skip
    doomed = [p for _, _, p in sorted(found, reverse=True)[ws.settings.backup_keep :]] if changed else [path]
    for old in doomed:
        with suppress(OSError):  # a copy that cannot be deleted now is deleted by a later run
            old.unlink(missing_ok=True)


# -- restore ---------------------------------------------------------------------------------------------


def _check_ledger_file(path: Path) -> None:
    """Refuse anything that is not an intact xlflow ledger this version reads."""
    where = f"{path} 不是 xlflow 台账备份"
    hint = f"请选择 {BACKUP_DIR}/ 目录下的 台账_时间.sqlite 文件"
    if not path.is_file():
        raise WorkspaceError(f"找不到备份文件 {path}：{hint}")
    try:
        with closing(health.connect_existing(path, read_only=True)) as db:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if missing := [t for t in LEDGER_TABLES if t not in tables]:
                raise WorkspaceError(f"{where}（缺少表 {'、'.join(missing)}）：{hint}")
            version = health.stored_version(db)
    except LedgerDamagedError as exc:
        raise WorkspaceError(f"备份 {path} 已损坏（{exc}）：请选择另一个备份") from exc
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{where}（{health.sqlite_problem(exc)}）：{hint}") from exc
    if version is None:
        raise WorkspaceError(f"{where}（没有结构版本）：{hint}")
    if version > SCHEMA_VERSION:
        raise WorkspaceError(f"备份 {path} 由更新版本的 xlflow 建立（结构版本 {version}）：请升级 xlflow 后再恢复")
    if problem := integrity_problem(path):
        raise WorkspaceError(f"备份 {path} 已损坏（{problem}）：请选择另一个备份")


def _keep_current(ws: Workspace, now: dt.datetime) -> Path:
    """The current ledger saved in backup/ before it is replaced: a consistent copy, or its bytes when damaged."""
    ledger = ws.ledger_path
    with suppress(LedgerDamagedError):  # damaged, even where the quick check did not see it: its bytes below
        if not _health(ledger):
            saved = free_name(ws.root / BACKUP_DIR, f"台账_恢复前_{now:%Y%m%d_%H%M}")
            copy_database(ledger, saved, read_only=False)
            return saved
    try:
        data = ledger.read_bytes()
    except OSError as exc:
        raise OutputError(ledger, exc, verb="读取") from exc
    return atomic_write_bytes(free_name(ws.root / BACKUP_DIR, f"{DAMAGED_PREFIX}{now:%Y%m%d_%H%M}"), data)


def restore(ws: Workspace, backup_file: Path, *, now: dt.datetime | None = None) -> RunResult:
    """Replace the ledger by `backup_file`, after saving the current ledger as a backup."""
    now = now or dt.datetime.now()
    backup_file = Path(backup_file)
    ledger = ws.ledger_path
    if backup_file.exists() and ledger.exists() and backup_file.resolve() == ledger.resolve():
        raise WorkspaceError(f"{backup_file} 就是当前台账：请选择 {BACKUP_DIR}/ 目录下的备份文件")
    _check_ledger_file(backup_file)
    year = ws.settings.year
    ws.refuse_another_year(backup_file, year, f"没有恢复，当前台账未改动（本工作区是 {year} 年度的）",
                           "往年的备份请恢复到那一年的工作区")  # fmt: skip
    with workspace_lock(ws.lock_path):
        saved = _keep_current(ws, now) if ledger.is_file() else None
        copy_database(backup_file, ledger, read_only=True)
    if saved is None:
        kept = "工作区原来没有台账，已直接放入备份"
    elif saved.name.startswith(DAMAGED_PREFIX):
        kept = f"原来已损坏的台账按原样另存为 {saved}（不能用来恢复，留待需要时查看）"
    else:
        kept = f"恢复前的台账已另存为 {saved}（如需撤销：xlflow restore {shell_word(str(saved))}）"
    lines = [f"已用 {backup_file} 恢复台账：{_describe(ledger)}", kept]
    paths = [ledger] if saved is None else [ledger, saved]
    known = saved if saved is not None and not saved.name.startswith(DAMAGED_PREFIX) else None  # else damaged or none
    try:
        redo = _outputs_to_redo(ws, known, since=backup_file.stat().st_mtime)
    except sqlite3.Error:  # the replaced ledger unreadable after all: the ledger is restored all the same
        redo = _outputs_to_redo(ws, None, since=backup_file.stat().st_mtime)
    return RunResult("台账已恢复", lines=lines, paths=paths, warnings=redo, data={"saved": saved})
