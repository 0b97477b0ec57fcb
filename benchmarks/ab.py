"""What a change costs: the same corpus consolidated by two or more revisions of xlflow, runs alternating.

    python benchmarks/ab.py --scale city_year --runs 3 before=8391fc5 after=274c88f
    python benchmarks/ab.py --scale city_year before=8391fc5+xlsxwriter after=8391fc5   # one switch, one commit
    python benchmarks/ab.py --scale big --runs 2 before=8391fc5 now=.

A side is `label=REV` or `label=REV+VARIANT`: REV is checked out once under /tmp/xlflow-ab/ (`git worktree add
--detach`; "." is this checkout) and run with this checkout's Python and packages, its xlflow first on PYTHONPATH;
VARIANT is one of VARIANTS, a line run before the command (e.g. an old revision with its fast writer switched off).
Each run of a side starts from a fresh copy of the corpus workspace (less its copies of the narrative templates,
so that each revision renders its own) and runs, each in its own process (wall time,
CPU time, peak memory by os.wait4): `xlflow consolidate --month` for every month, `xlflow bulletin` of the year
for a year, `xlflow export` of the month for the big workbook, and `xlflow consolidate` of the last month again
(nothing changed: what a re-run costs). Sides take turns within a run, in reverse order every other run, so the
load of the machine falls on all of them alike. Prints a Markdown table for benchmarks/README.md.

With --steps each run is instead one process calling the library (run.py's library worker, under the side's
xlflow): the CPU time of each step of consolidate in that process, which tells a change to one step from the
noise of the others. Use it on a scale below 150 files a month (city_month, city_year): above that, reading and
receipts go to worker processes whose CPU the step does not see.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
import run  # noqa: E402  (run_measured, the corpus location)

CHECKOUTS = Path(tempfile.gettempdir()) / "xlflow-ab"
VARIANTS = {
    # revisions that still had writers/smallbook.py, with receipts and the 台账 written by xlsxwriter instead
    "xlsxwriter": "import xlflow.writers.receipt as r, xlflow.writers.ledger_export as e; "
    "r.write_receipt.__kwdefaults__['engine'] = e.write_ledger_export.__kwdefaults__['engine'] = 'xlsxwriter'",
}
STEPS = ("consolidate", "bulletin", "export", "rerun")
STEP_LABELS = {"consolidate": "每月汇总合计", "bulletin": "年度通报", "export": "xlflow export", "rerun": "再次汇总（未变）",
               "process": "整个进程"}


@dataclass
class Side:
    label: str
    rev: str
    variant: str = ""
    root: Path = field(default_factory=Path)
    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    peak: float = 0.0

    @classmethod
    def parse(cls, spec: str) -> Side:
        label, _, rest = spec.partition("=")
        rev, _, variant = rest.partition("+")
        if not label or not rev or (variant and variant not in VARIANTS):
            raise SystemExit(f"side {spec!r}: write label=REV or label=REV+VARIANT (variants: {', '.join(VARIANTS)})")
        return cls(label, rev, variant)

    def checkout(self) -> None:
        if self.rev == ".":
            self.root = HERE.parent
            return
        commit = subprocess.run(["git", "rev-parse", "--short", self.rev], cwd=HERE, check=True, capture_output=True,
                                text=True).stdout.strip()  # fmt: skip
        self.root = CHECKOUTS / commit
        if not (self.root / "xlflow").is_dir():
            CHECKOUTS.mkdir(parents=True, exist_ok=True)
            subprocess.run(["git", "worktree", "add", "--detach", str(self.root), commit], cwd=HERE, check=True,
                           capture_output=True)  # fmt: skip

    def command(self, *args: str) -> list[str]:
        prelude = VARIANTS[self.variant] + "; " if self.variant else ""
        code = f"import runpy, sys; {prelude}sys.argv = ['xlflow', *sys.argv[1:]]; runpy.run_module('xlflow', run_name='__main__')"
        return [sys.executable, "-P", "-c", code, *args]  # -P: no "" on sys.path, this checkout's xlflow/ stays out

    def measure(self, *args: str) -> run.Proc:
        return run.run_measured(self.command(*args), env={"PYTHONPATH": str(self.root)})

    def verify(self) -> None:
        """The side's xlflow is the one imported."""
        code = "import json, xlflow; print('@@' + json.dumps({'path': xlflow.__path__[0]}))"
        found = run.run_measured([sys.executable, "-P", "-c", code], env={"PYTHONPATH": str(self.root)}).report.get("path")
        if found != str(self.root / "xlflow"):
            raise SystemExit(f"{self.label}: imports xlflow from {found}, not {self.root}")

    def library(self, workspace: Path, corpus: corpus_mod.Corpus) -> run.Proc:
        """run.py's library worker, under this side's xlflow."""
        prelude = VARIANTS[self.variant] + "; " if self.variant else ""
        months = [[k, str(f)] for k, f in corpus.months]
        job = json.dumps({"workspace": str(workspace), "months": months, "period": run.year_period(corpus)}, ensure_ascii=False)
        code = f"import sys; {prelude}sys.path.insert(0, {str(HERE)!r}); import run; run.main(['--worker', 'library', sys.argv[1]])"
        return run.run_measured([sys.executable, "-P", "-c", code, job], env={"PYTHONPATH": str(self.root)})

    def record(self, step: str, proc: run.Proc) -> None:
        self.wall.setdefault(step, []).append(proc.seconds)
        self.cpu.setdefault(step, []).append(proc.cpu)
        self.peak = max(self.peak, proc.peak_mb)


def one_run(side: Side, corpus: corpus_mod.Corpus, tag: str) -> None:
    ws = run.fresh_workspace(corpus, f"ab-{side.label}-{tag}")
    shutil.rmtree(ws / "narrative")  # each revision renders its own package's templates
    totals: dict[str, run.Proc] = {}

    def step(name: str, *args: str, ok: tuple[int, ...] = (0,)) -> None:
        proc = side.measure(*args, "-w", str(ws))
        if proc.code not in ok:
            raise SystemExit(f"{side.label}: xlflow {' '.join(args)}: exit {proc.code}\n{proc.stderr}")
        if name in totals:
            totals[name] = run.Proc(totals[name].seconds + proc.seconds, max(totals[name].peak_mb, proc.peak_mb),
                                    0, cpu=totals[name].cpu + proc.cpu)  # fmt: skip
        else:
            totals[name] = proc

    for key, folder in corpus.months:
        step("consolidate", "consolidate", "--month", key, str(folder))
    if len(corpus.months) > 1:
        step("bulletin", "bulletin", "--period", str(corpus_mod.YEAR))
    if corpus.scale.units == "one":
        step("export", "export", "--period", corpus.months[0][0])
    key, folder = corpus.months[-1]
    step("rerun", "consolidate", "--month", key, str(folder))
    for name, proc in totals.items():
        side.record(name, proc)
    shutil.rmtree(ws, ignore_errors=True)


def one_library_run(side: Side, corpus: corpus_mod.Corpus, tag: str) -> None:
    ws = run.fresh_workspace(corpus, f"ab-{side.label}-{tag}")
    shutil.rmtree(ws / "narrative")
    proc = side.library(ws, corpus)
    if proc.code != 0:
        raise SystemExit(f"{side.label}: library worker: exit {proc.code}\n{proc.stderr}")
    for step, cpu in proc.report["phases_cpu"].items():
        side.wall.setdefault(step, []).append(proc.report["phases"][step])
        side.cpu.setdefault(step, []).append(cpu)
    side.record("process", proc)
    shutil.rmtree(ws, ignore_errors=True)


def table(sides: list[Side]) -> str:
    steps = [s for s in STEPS if s in sides[0].wall] or list(sides[0].wall)
    base = sides[0]
    lines = ["| 版本 | " + " | ".join(STEP_LABELS.get(s, s) for s in steps) + " | 峰值内存 |",
             "| --- |" + " ---: |" * (len(steps) + 1)]  # fmt: skip
    for side in sides:
        cells = []
        for s in steps:
            wall, cpu = statistics.median(side.wall[s]), statistics.median(side.cpu[s])
            text = f"{wall:.2f} s（CPU {cpu:.2f} s）"
            if side is not base:
                text += f"，{cpu - statistics.median(base.cpu[s]):+.2f} s CPU"
            cells.append(text)
        name = f"{side.label}（{side.rev}{'+' + side.variant if side.variant else ''}）"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {side.peak:.0f} MB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="city_year", choices=[s for s in corpus_mod.SCALES])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", action="store_true", help="CPU time of each step of consolidate in one library process")
    parser.add_argument("sides", nargs="+", help="label=REV or label=REV+VARIANT; the first is the base")
    args = parser.parse_args(argv)
    sides = [Side.parse(spec) for spec in args.sides]
    corpus = corpus_mod.build(args.scale, run.CORPUS_DIR, log=print)
    run.RUNS_DIR.mkdir(parents=True, exist_ok=True)
    for side in sides:
        side.checkout()
        # bytecode written and files read once before anything is timed
        run.run_measured([sys.executable, "-m", "compileall", "-q", str(side.root / "xlflow")])
        side.measure("--help")
        side.verify()
    load = os.getloadavg()[0]
    for i in range(args.runs):
        for side in sides if i % 2 == 0 else sides[::-1]:
            (one_library_run if args.steps else one_run)(side, corpus, str(i))
            print(f"run {i + 1}/{args.runs} {side.label}: " + ", ".join(f"{s} {side.wall[s][-1]:.2f} s" for s in side.wall))
    print(f"\n{corpus.scale.label}，各 {args.runs} 次，中位数；负载（1 分钟平均）开始 {load:.2f}，结束 {os.getloadavg()[0]:.2f}\n")
    print(table(sides))
    return 0


if __name__ == "__main__":
    sys.exit(main())
