"""Everything the benchmark takes from xlflow, in this one file: when xlflow's modules move, edit MODULES here.

Each function imports what it needs when it is called, so that a measured process loads what its own work loads
(the library run's import time and peak memory stay its own, the naive and floor workers load no xlflow at all).
"""

from __future__ import annotations

import datetime as dt
import importlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

# Where each module the benchmark uses lives: today's name first, then the names it had before issue 16's layout
# (benchmarks/ab.py runs the library worker under older revisions too).
MODULES: dict[str, tuple[str, ...]] = {
    "cli": ("xlflow.cli",),
    "consolidate": ("xlflow.commands.consolidate", "xlflow.pipeline.consolidate"),
    "bulletin": ("xlflow.commands.bulletin", "xlflow.pipeline.bulletin"),
    "init": ("xlflow.commands.init", "xlflow.pipeline.setup"),
    "workspace": ("xlflow.workspace", "xlflow.config"),
    "periods": ("xlflow.core.periods", "xlflow.periods"),
    "schema": ("xlflow.core.schema", "xlflow.schema"),
    "quota_reader": ("xlflow.intake.quota_table", "xlflow.intake.books", "xlflow.config"),
    "returns": ("xlflow.intake.returns", "xlflow.readers"),
    "rows": ("xlflow.checks.rows", "xlflow.rules"),
    "ledger": ("xlflow.ledger",),
    "ledger_export": ("xlflow.writers.ledger_export",),
    "quota_writer": ("xlflow.writers.quota",),
    "coordinator_books": ("xlflow.writers.coordinator_books",),
    "demo": ("xlflow.demo.returns", "xlflow.sample_data"),
}
# loaded by the warm-up (bytecode written, files in the OS cache) before anything is timed
WARM_UP = ("cli", "consolidate", "bulletin", "returns", "rows", "ledger_export")


def module(key: str) -> ModuleType:
    """The module `key` of MODULES, under the first of its names found in the xlflow package imported (looked up
    on disk: an editable install's finder would answer a name the package itself does not have)."""
    import xlflow

    root = Path(xlflow.__path__[0])
    for name in MODULES[key]:
        place = root.joinpath(*name.split(".")[1:])
        if place.with_suffix(".py").is_file() or (place / "__init__.py").is_file():
            return importlib.import_module(name)
    raise ModuleNotFoundError(f"{root} has none of {', '.join(MODULES[key])}: update MODULES in {__file__}")


# --- the corpus (benchmarks/corpus.py) ---------------------------------------------------------------------


def schema() -> Any:
    """The module with UnitRow, DEFAULT_UNITS and the KIND_* / TARGET_* constants of the quota table."""
    return module("schema")


def sample_shapes() -> tuple[str, ...]:
    return tuple(module("demo").SHAPES)


def sample_source() -> bytes:
    """The generator's source, every file of its package: a corpus is rebuilt when any of them changes."""
    folder = Path(str(module("demo").__file__)).parent
    return b"".join(p.read_bytes() for p in sorted(folder.glob("*.py")))


def generate_month(units: Any, year: int, month: int, folder: Path, **kwargs: Any) -> Any:
    """Unit workbooks of one month; the manifest lists each file's path, rows_written and rows_counted."""
    return module("demo").generate_month(units, year, month, folder, **kwargs)


def make_workspace(target: Path, year: int, units: Sequence[Any] | None) -> Any:
    """`xlflow init` in target; the quota table replaced by `units` when given. Returns the unit table."""
    module("init").init_workspace(target, year)
    quota = target / "信息任务分配表.xlsx"
    if units is not None:
        module("quota_writer").write_quota_workbook(quota, list(units))
    table = module("quota_reader").read_quota_workbook(quota)
    module("coordinator_books").write_adoption_register(target / "采用登记表.xlsx", table)
    return table


# --- measured work (benchmarks/run.py's workers) -----------------------------------------------------------


def consolidate_months(
    workspace: str, months: Sequence[Sequence[str]], period: str | None, now: dt.datetime, *, again: bool = False
) -> dict[str, Any]:
    """Consolidate each month, then the bulletin of `period`, timing consolidate's steps by wrapping them.

    Returns "seconds" (imports included); the steps' wall seconds ("phases") and CPU seconds in this process
    ("phases_cpu": the worker processes that read and write at a province's scale not included); when `again`,
    the steps of consolidating the last month a second time with nothing changed, as a coordinator re-runs it
    when a late file comes in ("again", with its total); and the articles the ledger counts ("counted")."""
    started = time.perf_counter()
    c, b = module("consolidate"), module("bulletin")
    Workspace, Period = module("workspace").Workspace, module("periods").Period

    phases: dict[str, float] = {}
    cpu: dict[str, float] = {}
    hooks: list[tuple[Any, str, str]] = [
        (c, "_read_folder", "读取和检查"),  # each file is checked as it is read
        (c.Ledger, "import_month", "记入台账"),
        (c, "write_receipts", "回执"),  # as consolidate calls it
        (b, "write_bulletin_and_rewards", "月度通报"),  # consolidate imports it when it runs
    ]
    for owner, attr, label in hooks:
        _time_calls(owner, attr, label, phases, cpu)
    phases["导入模块"] = time.perf_counter() - started
    ws = Workspace.open(workspace)
    for key, folder in months:
        result = c.consolidate(ws, Period.parse(key), Path(folder), now=now)
        if result.exit_code != 0:
            raise SystemExit(f"consolidate {key}: exit {result.exit_code}: {result.refused[:3]}")
    if period:
        t, cpu_t = time.perf_counter(), time.process_time()
        b.bulletin(ws, Period.parse(period), now=now)
        phases["年度通报"], cpu["年度通报"] = time.perf_counter() - t, time.process_time() - cpu_t
    seconds = time.perf_counter() - started
    first, cpu_first, second = dict(phases), dict(cpu), {}
    if again:
        phases.clear()
        key, folder = months[-1]
        t = time.perf_counter()
        c.consolidate(ws, Period.parse(key), Path(folder), now=now)
        second = {**phases, "合计": time.perf_counter() - t}
    with c.Ledger.open(ws.ledger_path) as ledger:  # counted in any month of the year or the one before
        years = (int(months[0][0][:4]) - 1, int(months[0][0][:4]))
        counted = sum(ledger.counts([f"{y}-{m:02d}" for y in years for m in range(1, 13)]).values())
    return {"seconds": seconds, "phases": first, "phases_cpu": cpu_first, "again": second, "counted": counted}


def _time_calls(owner: Any, attr: str, label: str, phases: dict[str, float], cpu: dict[str, float]) -> None:
    original: Callable[..., Any] = getattr(owner, attr)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t, c = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            phases[label] = phases.get(label, 0.0) + time.perf_counter() - t
            cpu[label] = cpu.get(label, 0.0) + time.process_time() - c

    setattr(owner, attr, wrapper)


def read_and_check_setup(workspace: str) -> Callable[[Path], int]:
    """A function reading and checking one unit workbook (no ledger, nothing written): rows checked."""
    readers, rules = module("returns"), module("rows")
    ws = module("workspace").Workspace.open(workspace)
    units, settings = ws.units(), ws.settings

    def read_and_check(path: Path) -> int:
        unit_file = readers.read_unit_workbook(path, units, month_hint=path.parent.name, settings=settings)
        return len(rules.check_file(unit_file, settings=settings))

    return read_and_check


def ledger_export_setup(workspace: str, period: str) -> tuple[Callable[[Path], int], Path]:
    """A function writing the period's 台账 (its articles loaded from the ledger first), and the out folder."""
    ws = module("workspace").Workspace.open(workspace)
    wanted = module("periods").Period.parse(period)
    with module("ledger").Ledger.open(ws.ledger_path) as ledger:
        articles = ledger.articles(wanted.month_keys)
    units, write = ws.units(), module("ledger_export").write_ledger_export
    return (lambda target: write(target, period=wanted, articles=articles, units=units)), ws.out


def run_help() -> None:
    """`xlflow --help` in this process (to see which modules it imports)."""
    try:
        module("cli").cli.main(["--help"], prog_name="xlflow", standalone_mode=False)
    except SystemExit:
        pass
