"""Workbooks saved by other programs (tests/fixtures/) against hand-written expectations (expected.json).

Each fixture goes through the library (readers.read_unit_workbook + rules.check_file) and through the command line
end to end (`xlflow init`, the file dropped into inbox/2015-03/, `xlflow consolidate`, the ledger read back), and
both must give exactly the rows, dates, categories and rule codes written in expected.json. The expectations were
written by reading the fixtures, never by running xlflow; tests/make_fixtures.py made the files and is not used here.
A fixture that must be refused (a password, say) carries "refused": its code, checked by test_refused_fixtures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlflow.checks.duplicates import mark_duplicates
from xlflow.checks.rows import check_file
from xlflow.cli import cli
from xlflow.core.errors import InputFileError
from xlflow.core.model import Article
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
from xlflow.ledger import Ledger
from xlflow.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED: dict[str, dict] = {
    name: entry for name, entry in json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8")).items()
    if not name.startswith("_")
}  # fmt: skip
MAX_FIXTURE_BYTES = 30 * 1024


def _cases(select: str | None = None) -> list[object]:
    """One pytest param per readable fixture (optionally only those with a non-empty `select` key)."""
    return [
        pytest.param(name, id=name)
        for name, entry in EXPECTED.items()
        if "refused" not in entry and (select is None or entry.get(select))
    ]


def _when(value: dt.datetime | None) -> str | None:
    """A stored date the way expected.json writes it: 2015-03-02, or 2015-03-02T10:00 when it has a time."""
    if value is None:
        return None
    if value.time() == dt.time():
        return value.date().isoformat()
    return value.strftime("%Y-%m-%dT%H:%M")


def _row(a: Article, file_month: str, with_event: bool) -> dict[str, object]:
    row: dict[str, object] = {
        "sheet": a.sheet, "row": a.row, "title": a.title, "category": a.category, "date": _when(a.date),
        "codes": sorted(f.code for f in a.findings), "counted": a.counted,
    }  # fmt: skip
    if with_event:
        row["event_time"] = _when(a.event_time)
    if a.month != file_month:
        row["counts_in"] = a.month
    return row


def _actual(articles: list[Article], entry: dict) -> list[dict[str, object]]:
    """The articles in expected.json's terms, in sheet order then row order (sheet order = order of sheets_read)."""
    order = {sheet: i for i, sheet in enumerate(entry["sheets_read"])}
    ordered = sorted(articles, key=lambda a: (order.get(a.sheet, len(order)), a.row))
    events = {(r["sheet"], r["row"]) for r in entry["rows"] if "event_time" in r}
    return [_row(a, entry["month"], (a.sheet, a.row) in events) for a in ordered]


# --- the folder itself --------------------------------------------------------------------------------------


def test_every_fixture_has_an_expectation_and_is_small() -> None:
    files = sorted(p.name for p in FIXTURES.iterdir() if p.name != "expected.json")
    assert files == sorted(EXPECTED)
    too_big = {name: (FIXTURES / name).stat().st_size for name in files if (FIXTURES / name).stat().st_size > MAX_FIXTURE_BYTES}
    assert too_big == {}


def test_the_fixture_maker_does_not_use_the_code_under_test() -> None:
    source = (Path(__file__).parent / "make_fixtures.py").read_text(encoding="utf-8")
    assert re.search(r"^\s*(import|from)\s+xlflow\b", source, re.MULTILINE) is None


# --- through the library ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", _cases())
def test_library_reads_and_checks_the_fixture_as_expected(name: str, units: UnitTable, settings: Settings) -> None:
    entry = EXPECTED[name]
    unit_file = read_unit_workbook(FIXTURES / name, units, month_hint="2015-03", settings=settings)
    assert (unit_file.unit, unit_file.month) == (entry["unit"], entry["month"])
    articles = check_file(unit_file, settings=settings)
    mark_duplicates(articles)
    assert _actual(articles, entry) == entry["rows"]
    for sheet in entry.get("warn_sheets", []):
        assert any(sheet in f.message for f in unit_file.findings), f"no file-level warning names the sheet {sheet}"


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if "refused" in e])
def test_refused_fixtures(name: str, units: UnitTable, settings: Settings) -> None:
    with pytest.raises(InputFileError) as caught:
        read_unit_workbook(FIXTURES / name, units, month_hint="2015-03", settings=settings)
    assert caught.value.code == EXPECTED[name]["refused"]
    assert str(caught.value).startswith(f"{name}：")


# --- through the command line -------------------------------------------------------------------------------


def _workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    result = CliRunner().invoke(cli, ["init", str(ws), "--year", "2015"])
    assert result.exit_code == 0, result.output
    return ws


def _consolidate(ws: Path, *files: str) -> str:
    inbox = ws / "inbox" / "2015-03"
    inbox.mkdir(parents=True, exist_ok=True)
    for name in files:
        shutil.copy(FIXTURES / name, inbox / name)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", _cases())
def test_consolidate_stores_the_fixture_as_expected(name: str, tmp_path: Path) -> None:
    entry = EXPECTED[name]
    ws = _workspace(tmp_path)
    output = _consolidate(ws, name)
    with Ledger.open(ws / "ledger.sqlite") as ledger:
        articles = ledger.file_articles(["2015-03"])
    assert {a.unit for a in articles} == {entry["unit"]}
    assert {a.source_file for a in articles} == {name}
    assert _actual(articles, entry) == entry["rows"]
    assert "拒收 0 个" in output
    for sheet in entry.get("warn_sheets", []):
        assert sheet in output


def _receipt_text(ws: Path, unit: str) -> str:
    [path] = (ws / "out" / "回执").rglob(f"{unit}*.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v)


@pytest.mark.parametrize("name", _cases("sheets_skipped"))
def test_a_skipped_sheet_is_named_in_the_summary_and_the_receipt(name: str, tmp_path: Path) -> None:
    entry = EXPECTED[name]
    ws = _workspace(tmp_path)
    output = _consolidate(ws, name)
    receipt = _receipt_text(ws, entry["unit"])
    for sheet in entry["sheets_skipped"]:
        assert sheet in output
        assert sheet in receipt
    for sheet in entry["sheets_read"]:
        assert f"“{sheet}”" not in output  # a sheet that was read is not listed among the skipped ones
