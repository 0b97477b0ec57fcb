"""A title sent again inside 《》 or “” or with a closing 。 is the same title (R6), in a new ledger and in one of
schema version 2, whose stored title keys still hold the marks (migrated on open, R6 judged again at the next
consolidate); a version-2 backup put back with `xlflow restore` is migrated the same way."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_ledger import NOW, article, make_workspace, report_row, unit_file, write_report

from xlflow.cli import cli
from xlflow.ledger import SCHEMA_VERSION, Ledger
from xlflow.workspace import Workspace

COUNTY = "岳阳县工信局"
TITLE = "岳阳县召开工业经济座谈会"
OLD_KEYS = {f"《{TITLE}》": f"<{TITLE}>", f"{TITLE}。": f"{TITLE}."}  # what version 2 stored for them
R6_WHY = f"与已计入的信息标题相同（2015年3月 {COUNTY}3月.xlsx 第 5 行）"


def _march() -> list[tuple[object, list[object]]]:
    name = f"{COUNTY}3月.xlsx"
    return [(unit_file(COUNTY, name=name, sha="3" * 64), [article(COUNTY, TITLE, 5, source_file=name, sha="3" * 64)])]


def _april() -> list[tuple[object, list[object]]]:
    name = f"{COUNTY}4月.xlsx"
    rows = [article(COUNTY, t, r, month="2015-04", day=r - 3, source_file=name, sha="4" * 64)
            for r, t in ((5, f"《{TITLE}》"), (6, f"{TITLE}。"))]  # fmt: skip
    return [(unit_file(COUNTY, name=name, sha="4" * 64, month="2015-04"), rows)]


def _as_version_2(path: Path) -> None:
    """Make the ledger one xlflow wrote before this version: keys with the marks, both April copies counted, no R6,
    April's digest made from those keys (March's key, and so its digest, is the same in both versions)."""
    db = sqlite3.connect(path)
    for title, key in OLD_KEYS.items():
        db.execute("UPDATE articles SET title_key = ?, counted = 1 WHERE title = ?", (key, title))
    db.execute("DELETE FROM findings WHERE code = 'R6'")
    db.execute("UPDATE files SET digest = 'made from the old keys' WHERE file_month = '2015-04'")
    db.execute("DROP TABLE recount")
    db.execute("UPDATE schema_version SET version = 2")
    db.commit()
    db.close()


def _stored(path: Path) -> list[tuple[str, str, int]]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT file_month, title_key, counted FROM articles ORDER BY file_month, row").fetchall()
    finally:
        db.close()


def _old_ledger(tmp_path: Path) -> Path:
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        ledger.import_month("2015-04", _april(), [], now=NOW)  # type: ignore[arg-type]
    _as_version_2(path)
    assert _stored(path) == [("2015-03", TITLE, 1), ("2015-04", f"<{TITLE}>", 1), ("2015-04", f"{TITLE}.", 1)]
    return path


def test_a_title_in_book_marks_or_with_a_full_stop_is_a_duplicate(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        ledger.import_month("2015-04", _april(), [], now=NOW)  # type: ignore[arg-type]
        april = ledger.file_articles(["2015-04"])
    assert [(a.title_key, a.counted) for a in april] == [(TITLE, False), (TITLE, False)]
    assert [f.message.split("：")[0] for a in april for f in a.findings] == [R6_WHY, R6_WHY]


def test_opening_a_version_2_ledger_recomputes_the_title_keys(tmp_path: Path) -> None:
    path = _old_ledger(tmp_path)
    with Ledger.open(path) as ledger:  # read as upgraded (R6 judged by the next import); the file is not changed
        assert [(a.title_key, a.counted) for a in ledger.file_articles(["2015-04"])] == [(TITLE, True), (TITLE, True)]
        assert ledger.recount_pending().startswith("xlflow 已更新，台账中的重复报送（R6）要在下次汇总时按新规则重新判定")
    assert _stored(path) == [("2015-03", TITLE, 1), ("2015-04", f"<{TITLE}>", 1), ("2015-04", f"{TITLE}.", 1)]
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(2,)]
    db.close()


def test_consolidating_april_after_the_migration_marks_its_copies_r6(tmp_path: Path) -> None:
    path = _old_ledger(tmp_path)
    with Ledger.open(path) as ledger:
        stats = ledger.import_month("2015-04", _april(), [], now=NOW)  # type: ignore[arg-type]
        april = ledger.file_articles(["2015-04"])
    assert (stats.units_written, stats.moved, stats.dropped) == ((COUNTY,), (), ())  # no title "lost" by its new key
    assert [(a.row, a.counted, [f.code for f in a.findings]) for a in april] == [(5, False, ["R6"]), (6, False, ["R6"])]
    assert _stored(path) == [("2015-03", TITLE, 1), ("2015-04", TITLE, 0), ("2015-04", TITLE, 0)]
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)] == [(5,)]
    assert db.execute("SELECT unit FROM recount").fetchall() == []
    db.close()


def test_consolidating_march_after_the_migration_moves_aprils_copies(tmp_path: Path) -> None:
    """March itself is unchanged, but the unit is judged again: April's copies no longer count, and it is said."""
    path = _old_ledger(tmp_path)
    with Ledger.open(path) as ledger:
        stats = ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        again = ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    assert stats.units_unchanged == (COUNTY,) and again.units_unchanged == (COUNTY,)
    assert [(m.file_month, m.row, m.title, m.counted, m.why.split("：")[0]) for m in stats.moved] == [
        ("2015-04", 5, f"《{TITLE}》", False, R6_WHY),
        ("2015-04", 6, f"{TITLE}。", False, R6_WHY),
    ]
    assert again.moved == ()
    assert stats.changed and not again.changed  # the restore point of the first run is kept: it changed rows


def test_the_month_of_the_copies_unchanged_reports_them_too(tmp_path: Path) -> None:
    """April consolidated again with its files as they were (digest from the new keys): its own copies move."""
    path = _old_ledger(tmp_path)
    db = sqlite3.connect(path)
    db.execute("UPDATE files SET digest = ? WHERE file_month = '2015-04'", (_april_digest(),))
    db.commit()
    db.close()
    with Ledger.open(path) as ledger:
        stats = ledger.import_month("2015-04", _april(), [], now=NOW)  # type: ignore[arg-type]
    assert stats.units_unchanged == (COUNTY,) and stats.changed
    assert [(m.file_month, m.row, m.counted) for m in stats.moved] == [("2015-04", 5, False), ("2015-04", 6, False)]


def _april_digest() -> str:
    from xlflow.ledger.store import unit_digest

    return unit_digest(_april())  # type: ignore[arg-type]


# -- through the CLI ---------------------------------------------------------------------------------------


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / f"{COUNTY}3月.xlsx", COUNTY, [report_row(TITLE)])
    write_report(ws.inbox / "2015-04" / f"{COUNTY}4月.xlsx", COUNTY,
                 [report_row(f"《{TITLE}》", 2, month=4), report_row(f"{TITLE}。", 3, month=4)], month="2015年4月")  # fmt: skip
    return ws


def _run(ws: Workspace, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    return result.output


def _consolidated_by_version_2(ws: Workspace) -> None:
    _run(ws, "consolidate", "--month", "2015-03")
    _run(ws, "consolidate", "--month", "2015-04")
    _as_version_2(ws.ledger_path)


def test_the_cli_counts_the_copies_sent_again_in_marks_once(ws: Workspace) -> None:
    _run(ws, "consolidate", "--month", "2015-03")
    out = _run(ws, "consolidate", "--month", "2015-04")
    assert "计入稿件 0 条（共 2 行，2 行有错误未计入）" in out
    assert "问题：R6 重复报送 2 条" in out


def test_the_cli_judges_april_again_after_the_upgrade(ws: Workspace) -> None:
    _consolidated_by_version_2(ws)
    out = _run(ws, "consolidate", "--month", "2015-04")
    assert "计入稿件 0 条（共 2 行，2 行有错误未计入）" in out
    assert "问题：R6 重复报送 2 条" in out
    assert "不再计入" not in out  # its rows are not taken for titles gone from the file
    assert _stored(ws.ledger_path) == [("2015-03", TITLE, 1), ("2015-04", TITLE, 0), ("2015-04", TITLE, 0)]


def test_a_version_2_backup_restored_is_migrated_and_judged_again(ws: Workspace, tmp_path: Path) -> None:
    _consolidated_by_version_2(ws)
    backup = shutil.copy(ws.ledger_path, tmp_path / "台账_旧版.sqlite")
    _run(ws, "consolidate", "--month", "2015-04")  # the ledger now right; then the old backup put back
    assert "已用" in _run(ws, "restore", str(backup))
    out = _run(ws, "consolidate", "--month", "2015-03")
    for where in ("第 5 行《岳阳县召开工业经济座谈会》", "第 6 行《岳阳县召开工业经济座谈会。》"):
        assert f"2015年4月 {COUNTY}4月.xlsx {where} 改为重复报送、不再计入（{R6_WHY}）；该月回执已更新" in out
    assert _stored(ws.ledger_path) == [("2015-03", TITLE, 1), ("2015-04", TITLE, 0), ("2015-04", TITLE, 0)]
