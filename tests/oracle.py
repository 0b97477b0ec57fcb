"""The tests' oracle for generated workbooks: what xlflow must find in them, kept apart from the generator.

`xlflow.demo.returns.generate_month` says only what it wrote: per data row its Excel row, title, date and the one
flaw it planted ("R1" …, see `BAD_KINDS`). What each flaw must produce is written here by hand from SPEC §6, so
the rules are checked against the specification rather than against the code that made the files.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from xlflow.demo.returns import FileManifest, MonthManifest

# flaw planted -> (rule codes the checks must report, whether the article is still counted)
FLAWS: dict[str, tuple[tuple[str, ...], bool]] = {
    "": ((), True),
    "R1": (("R1",), False),  # body under 200 characters (or 字数 under 200 when there is no 正文): error
    "R2": (("R2",), False),  # 经济运行, or an indicator figure, without 情况分析: error
    "R3": (("R3",), False),  # no 审签人: error
    "R4": (("R4",), True),  # a category no rule recognises: warning, counted under 其他
    "R5": (("R5",), False),  # date missing or impossible: error
    "R5w": (("R5",), True),  # dated in the previous month: warning, counted in the month of its date
    "R6": (("R6",), False),  # the same article sent again: the second copy is the error
    "R7": (("R7",), True),  # urgent, event more than 24 h before the date: warning
    "R7m": (("R11",), True),  # urgent without an event time: a warning, not called late
    "R8": (("R13", "R8"), True),  # the signer is the correspondent, a 科员 (no leader, R13): warnings
    "R9": (("R9",), False),  # no title: error
}


@dataclass(frozen=True)
class Expected:
    row: int  # Excel row number
    title: str
    month: str  # the month the article counts in: its date's month, else the file's
    codes: tuple[str, ...]
    counted: bool


def expected_rows(f: FileManifest) -> list[Expected]:
    """Per data row of a generated file, what `check_file` (with R6 decided over the file) must report."""
    out = []
    for r in f.rows:
        codes, counted = FLAWS[r.flaw]
        month = f"{r.date.year}-{r.date.month:02d}" if isinstance(r.date, dt.datetime) else f.month
        out.append(Expected(r.row, r.title, month, codes, counted))
    return out


def expected_counted(manifest: MonthManifest) -> Counter[tuple[str, str]]:
    """(unit, month counted in) -> articles counted, over the month's normal files."""
    return Counter((f.unit, e.month) for f in manifest.unit_files for e in expected_rows(f) if e.counted)


def expected_codes(manifest: MonthManifest) -> Counter[str]:
    """Rule code -> findings, over the month's normal files."""
    return Counter(code for f in manifest.unit_files for e in expected_rows(f) for code in e.codes)
