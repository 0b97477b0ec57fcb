"""Realistic, messy unit returns for `xlflow demo` and the benchmarks, one workbook per unit, deterministic for
(seed, unit, year, month). A unit's titles never repeat within a year (only the R6 rows repeat one). What xlflow
must find in these files is the tests' oracle's business (tests/oracle.py)."""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xlflow.core.units import Unit, UnitTable
from xlflow.demo.content import TITLES, fill, month_text, plan, short_name
from xlflow.demo.layout import Sheet, arrange, file_name, xls_bytes, xlsx_bytes
from xlflow.fsutil import atomic_write_bytes

# the shapes of SPEC §5, each a way real units send the form back; `shapes=` picks some of them (cycled)
SHAPES: tuple[str, ...] = (
    "canonical",  # the distributed template; 序号 and 字数 are formulas (the reader takes their cached values)
    "instructions_first",  # 填表说明 sheet first, a hidden sheet holding last month's rows, data on "Sheet1"
    "title_rows",  # three title rows naming unit and month, a 填报日期 label, no 报送单位 label
    "merged_header",  # merged title, one-cell labels, header over two rows under 审签 and 紧急信息
    "reordered",  # columns in another order, some optional columns dropped
    "synonyms",  # header synonyms with decorations and line breaks (标题（必填）, 信息\n标题), 是否紧急 是/否
    "blank_notes",  # blank rows between articles, 注：and 填表人：footer rows, a 合计 row, numbered empty rows
    "unit_column",  # a 报送单位 column (spelling varies by row) instead of the label; month label only
    "filename_only",  # no labels, no title: unit and month only in the file name
    "chars_only",  # no 正文 column: 字数 typed by hand, often in full-width digits (３５０) or as 350字
    "merged_cells",  # 审签人 merged down over consecutive articles (the value counts for every row)
    "xls",  # legacy .xls (BIFF8, via xlwt) with title rows and labels
)
# one flaw per bad row, aimed at one rule: R5w a date in the previous month, R7m urgent without an event time
BAD_KINDS: tuple[str, ...] = ("R1", "R2", "R3", "R4", "R5", "R5w", "R6", "R7", "R7m", "R8", "R9")

# flaws that keep an article out of the count: only for `rows_counted`, the benchmarks' totals
_NOT_COUNTED = frozenset({"R1", "R2", "R3", "R5", "R6", "R9"})


@dataclass(frozen=True)
class WrittenRow:
    row: int  # Excel row number
    title: str  # "" when the row has none
    date: object  # as planned: a datetime, or the invalid text (or None) a flaw wrote instead
    flaw: str  # the one flaw planted (a BAD_KINDS entry), "" for a good row


@dataclass
class FileManifest:
    path: Path
    unit: str  # the unit the file belongs to ("" for files that name none)
    month: str  # the month the file is for
    shape: str
    rows: list[WrittenRow] = field(default_factory=list)
    file_code: str = ""  # F1 … F8 for a problem file; "" for a normal one

    @property
    def rows_written(self) -> int:
        return len(self.rows)

    @property
    def rows_counted(self) -> int:
        return sum(1 for r in self.rows if r.flaw not in _NOT_COUNTED)


@dataclass
class MonthManifest:
    key: str  # the month, "2015-03"
    out_dir: Path
    files: list[FileManifest] = field(default_factory=list)
    @property
    def unit_files(self) -> list[FileManifest]:
        return [f for f in self.files if not f.file_code]


def generate_month(units: UnitTable, year: int, month: int, out_dir: Path, *, seed: int,
                   rows_per_unit: tuple[int, int] = (3, 7), bad_rows: bool = True,
                   shapes: Sequence[str] | None = None, problem_files: bool = False, missing: int = 0,
                   by_quota: bool = True, every_unit: bool = True) -> MonthManifest:
    """Write one workbook per unit for `month` into `out_dir`, less `missing` units the seed picks; return what
    each holds, row by row."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"month:{seed}:{year}:{month}")
    chosen = list(shapes or SHAPES)
    if unknown := [s for s in chosen if s not in SHAPES]:
        raise ValueError(f"unknown shapes {unknown}; choose from {SHAPES}")
    all_units = list(units)
    skipped = {u.name for u in rng.sample(all_units, min(missing, len(all_units)))}
    # a unit with only an annual quota sends in one month of each quarter, the same one all year
    sending = [u for u in all_units if u.name not in skipped and (
        every_unit or u.monthly is not None or (month - 1) % 3 == sum(map(ord, u.name)) % 3)]

    # which files get bad rows: enough to cover every kind, then a share of the rest
    order = list(range(len(sending)))
    rng.shuffle(order)
    n_bad = max(min(len(BAD_KINDS), len(sending)), round(len(sending) / 2)) if bad_rows else 0
    bad_by_file: dict[int, list[str]] = {}
    for j, i in enumerate(order[:n_bad]):
        kinds = [BAD_KINDS[j % len(BAD_KINDS)]]
        if rng.random() < 0.3:
            kinds.append(rng.choice(BAD_KINDS))
        bad_by_file[i] = kinds
    shape_offset = rng.randrange(len(chosen))

    manifest = MonthManifest(f"{year}-{month:02d}", out_dir)
    for i, unit in enumerate(sending):
        unit_rng = random.Random(f"unit:{seed}:{unit.name}:{year}:{month}")
        shape = chosen[(i + shape_offset) % len(chosen)]
        few = by_quota and (unit.monthly is None or unit.monthly < 4)  # a small quota sends one or two
        n_rows = unit_rng.randint(*((1, 2) if few else rows_per_unit))
        planned = plan(unit, year, month, seed=seed, n_rows=n_rows, bad=bad_by_file.get(i, []),
                       chars_only=shape == "chars_only")
        ext = ".xls" if shape == "xls" else ".xlsx"
        name = file_name(unit_rng, unit, year, month, shape, ext)
        if name in {f.path.name for f in manifest.files}:
            name = f"{unit.name}_{year}年{month:02d}月{ext}"
        path = out_dir / name
        sheets, excel_rows = arrange(unit, year, month, shape, planned, seed)
        atomic_write_bytes(path, (xls_bytes if ext == ".xls" else xlsx_bytes)(sheets), durable=False)
        written = [WrittenRow(r, str(p.values.get("title") or ""), p.values.get("date"), p.kind)
                   for p, r in zip(planned, excel_rows, strict=True)]
        manifest.files.append(FileManifest(path, unit.name, manifest.key, shape, written))
    if problem_files and sending:
        _problem_files(manifest, sending, rng, seed, year, month)
    return manifest


def _problem_files(manifest: MonthManifest, sending: list[Unit], rng: random.Random, seed: int, year: int,
                   month: int) -> None:
    """The files an inbox also holds that are not a unit's return, or not this month's, or not the latest."""

    def add(name: str, data: bytes, code: str, unit: str = "") -> Path:
        path = manifest.out_dir / name
        atomic_write_bytes(path, data, durable=False)
        manifest.files.append(FileManifest(path, unit, manifest.key, "problem", [], code))
        return path

    def canonical(unit: Unit, year: int, month: int, seed: int, n_rows: int) -> bytes:
        planned = plan(unit, year, month, seed=seed, n_rows=n_rows)
        return xlsx_bytes(arrange(unit, year, month, "canonical", planned, seed)[0])

    # F1: a text file with a workbook's name
    add(f"{short_name(sending[0])}信息（请查收）.xlsx", "各位领导：本月信息见附件正文。".encode(), "F1")
    # F2: a workbook cut off in transfer
    victim = sending[1 % len(sending)]
    data = canonical(victim, year, month, seed + 1, 2)
    add(f"{victim.name}_{year}年{month:02d}月（重发）.xlsx", data[: len(data) // 2], "F2", victim.name)
    # F4: an owner lock file left beside an open workbook
    owner = manifest.files[0]
    lock = b"\x08" + "王芳".encode("utf-16-le").ljust(108, b"\x20") + b"\x00" * 53
    add(f"~${owner.path.name[2:]}", lock, "F4", owner.unit)
    # F5: no header, just text
    victim = sending[2 % len(sending)]
    line = "1、" + fill(TITLES["工作动态"][0], rng, {**month_text(month), "place": "本县"})
    data = xlsx_bytes([Sheet("Sheet1", [["本月信息"], [line]])])
    add(f"{short_name(victim)}{month}月信息目录.xlsx", data, "F5", victim.name)
    # F6: a unit that is not in the quota table
    fake = Unit("市直某某局", "其他", "", 4, 48)
    add(f"市直某某局_{year}年{month:02d}月信息报送登记表.xlsx", canonical(fake, year, month, seed, 2), "F6")
    # F7: last month's file sent again
    prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
    victim = sending[3 % len(sending)]
    data = canonical(victim, prev_year, prev_month, seed, 2)
    add(f"{victim.name}_{prev_year}年{prev_month:02d}月信息报送登记表（上月）.xlsx", data, "F7", victim.name)
    # F8: an older copy of a unit's file, superseded by the file already written (its time a day earlier)
    target = manifest.unit_files[-1]
    victim = next(u for u in sending if u.name == target.unit)
    data = canonical(victim, year, month, seed + 2, 1)
    path = add(f"{victim.name}_{year}年{month:02d}月（初稿）.xlsx", data, "F8", victim.name)
    newer = target.path.stat().st_mtime
    os.utime(path, (newer - 86400, newer - 86400))
