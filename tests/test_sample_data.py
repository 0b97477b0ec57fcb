"""The demo's generator: its workbooks are read and checked exactly as the tests' oracle (tests/oracle.py) says."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from oracle import expected_codes, expected_counted, expected_rows

from xlflow.checks.duplicates import mark_duplicates
from xlflow.checks.rows import INDICATOR, check_file
from xlflow.core.errors import InputFileError
from xlflow.core.model import Article
from xlflow.core.text import count_chars
from xlflow.core.units import UnitTable
from xlflow.demo import layout
from xlflow.demo.returns import BAD_KINDS, SHAPES, FileManifest, MonthManifest, generate_month
from xlflow.intake.folder import is_lock_file
from xlflow.intake.returns import read_unit_workbook
from xlflow.settings import Settings


def check(f: FileManifest, units: UnitTable, settings: Settings) -> list[Article]:
    """Read, check, and decide R6 within the file (the ledger decides it over the unit's history)."""
    unit_file = read_unit_workbook(f.path, units, month_hint=f.month, settings=settings)
    assert unit_file.unit == f.unit, f.path.name
    assert unit_file.month == f.month, f.path.name
    articles = check_file(unit_file, settings=settings)
    mark_duplicates(articles)
    return articles


def outcome(articles: list[Article]) -> list[tuple[int, str, tuple[str, ...], bool, str]]:
    return [(a.row, a.title, tuple(sorted(f.code for f in a.findings)), a.counted, a.month) for a in articles]


def expected(f: FileManifest) -> list[tuple[int, str, tuple[str, ...], bool, str]]:
    return [(r.row, r.title, tuple(sorted(r.codes)), r.counted, r.month) for r in expected_rows(f)]


@pytest.fixture(scope="module")
def march(tmp_path_factory: pytest.TempPathFactory) -> MonthManifest:
    from conftest import default_table

    return generate_month(default_table(), 2015, 3, tmp_path_factory.mktemp("march"), seed=11, problem_files=True)


def test_a_month_has_every_unit_shape_and_bad_kind(march: MonthManifest, units: UnitTable) -> None:
    normal = march.unit_files
    assert [f.unit for f in normal] == [u.name for u in units]  # one file per unit, in table order
    assert {f.shape for f in normal} == set(SHAPES)
    assert {f.path.suffix for f in normal} == {".xlsx", ".xls"}
    codes = expected_codes(march)
    for code in ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"):
        assert codes[code] >= 1, code
    assert sum(f.rows_written for f in normal) > sum(f.rows_counted for f in normal) > 0


def test_manifest_matches_what_the_reader_and_rules_find(march: MonthManifest, units: UnitTable, settings: Settings) -> None:
    for f in march.unit_files:
        assert outcome(check(f, units, settings)) == expected(f), f"{f.path.name} ({f.shape})"


def test_problem_files_get_their_codes(march: MonthManifest, units: UnitTable, settings: Settings) -> None:
    problems = {f.file_code: f for f in march.files if f.file_code}
    assert set(problems) == {"F1", "F2", "F4", "F5", "F6", "F7", "F8"}
    assert is_lock_file(problems["F4"].path)
    for code in ("F1", "F2", "F5", "F6", "F7"):
        with pytest.raises(InputFileError) as info:
            read_unit_workbook(problems[code].path, units, month_hint=march.key, settings=settings)
        assert info.value.code == code, problems[code].path.name
    old = problems["F8"]
    newer = next(f for f in march.unit_files if f.unit == old.unit)
    assert read_unit_workbook(old.path, units, month_hint=march.key, settings=settings).unit == old.unit
    assert old.path.stat().st_mtime < newer.path.stat().st_mtime


def test_counted_per_unit(march: MonthManifest, units: UnitTable, settings: Settings) -> None:
    got: Counter[tuple[str, str]] = Counter()
    for f in march.unit_files:
        for a in check(f, units, settings):
            if a.counted:
                got[(a.unit, a.month)] += 1
    assert got == expected_counted(march)
    assert any(month == "2015-02" for (_, month) in got)  # R5 warning rows count in their own month


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_alone(tmp_path: Path, units: UnitTable, settings: Settings, shape: str) -> None:
    few = UnitTable(units.units[:3] + units.units[20:22])
    manifest = generate_month(few, 2015, 7, tmp_path, seed=5, shapes=[shape])
    assert all(any(r.flaw for r in f.rows) for f in manifest.files)  # fewer files than flaw kinds: each has one
    for f in manifest.files:
        assert f.shape == shape
        assert outcome(check(f, few, settings)) == expected(f), f.path.name


def test_deterministic(tmp_path: Path, units: UnitTable) -> None:
    few = UnitTable(units.units[:6])
    a = generate_month(few, 2015, 4, tmp_path / "a", seed=3)
    b = generate_month(few, 2015, 4, tmp_path / "b", seed=3)
    c = generate_month(few, 2015, 4, tmp_path / "c", seed=4)
    assert [(f.path.name, f.rows) for f in a.files] == [(f.path.name, f.rows) for f in b.files]
    assert [f.path.read_bytes() for f in a.files] == [f.path.read_bytes() for f in b.files]
    assert [f.rows for f in a.files] != [f.rows for f in c.files]


def test_a_year_counts_as_planned_with_r6_only_where_intended(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """Twelve months, R6 decided over each unit's whole year as the ledger does: titles never repeat across months."""
    few = UnitTable([units.units[0], units.units[12], units.units[24]])
    checked: list[tuple[FileManifest, list[Article]]] = []
    for month in range(1, 13):
        manifest = generate_month(few, 2015, month, tmp_path / str(month), seed=9, rows_per_unit=(6, 8), by_quota=False)
        for f in manifest.files:
            unit_file = read_unit_workbook(f.path, few, month_hint=f.month, settings=settings)
            checked.append((f, check_file(unit_file, settings=settings)))
    mark_duplicates([a for _, articles in checked for a in articles])
    for f, articles in checked:
        assert outcome(articles) == expected(f), f.path.name
    counted = [(a.unit, a.title_key) for _, articles in checked for a in articles if a.counted]
    assert len(set(counted)) == len(counted) > 12 * 3 * 5


def test_bodies_are_realistic(march: MonthManifest, units: UnitTable, settings: Settings) -> None:
    for f in march.unit_files:
        if f.shape == "chars_only":
            continue
        for a in check(f, units, settings):
            codes = {x.code for x in a.findings}
            if "R1" in codes or "R9" in codes:
                continue
            assert 300 <= count_chars(a.body) <= 1500 + 120, (f.path.name, a.row)
            # the indicator detector agrees with the category the generator chose
            indicator = bool(INDICATOR.search(a.body) or INDICATOR.search(a.title))
            assert indicator == (a.category == "经济运行"), (f.path.name, a.row, a.title)


def test_options(tmp_path: Path, units: UnitTable) -> None:
    clean = generate_month(units, 2015, 5, tmp_path / "clean", seed=1, bad_rows=False, missing=4, rows_per_unit=(2, 2))
    assert len(clean.files) == len(units) - 4
    assert all(r.flaw == "" for f in clean.files for r in f.rows)
    with pytest.raises(ValueError, match="unknown shapes"):
        generate_month(units, 2015, 5, tmp_path / "x", seed=1, shapes=["nonsense"])
    assert set(BAD_KINDS) >= {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"}


def test_big_sheet_in_constant_memory(
    tmp_path: Path, units: UnitTable, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the title patterns (≈37 a month) titles stay unique; big sheets are written row by row."""
    monkeypatch.setattr(layout, "CONSTANT_MEMORY_ROWS", 50)
    one = UnitTable(units.units[:1])
    manifest = generate_month(one, 2015, 3, tmp_path, seed=2, rows_per_unit=(120, 120), shapes=["canonical"])
    [f] = manifest.files
    articles = check(f, one, settings)
    assert outcome(articles) == expected(f)
    assert len(articles) >= 120 and sum(a.counted for a in articles) >= 118
    assert len({a.title_key for a in articles if a.counted}) == sum(a.counted for a in articles)
