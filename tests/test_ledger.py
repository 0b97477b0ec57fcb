"""The SQLite ledger: atomic, idempotent month imports, R6 titles across months, queries; the workspace lock."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers_ledger import NOW, article, dump, finding, unit_file

from xlflow.core.errors import BusyError, LedgerDamagedError, OutputError, WorkspaceError
from xlflow.ledger import SCHEMA_VERSION, Ledger, suggested_month
from xlflow.ledger.store import RemovedFile
from xlflow.lock import workspace_lock

COUNTY = "岳阳县工信局"
SECTION = "经济运行科"


def _march() -> list[tuple[object, list[object]]]:
    bad = finding(COUNTY, 6, "R1")
    return [
        (
            unit_file(COUNTY, sha="1" * 64),
            [
                article(COUNTY, "岳阳县一季度工业经济运行", 5, sha="1" * 64),
                article(COUNTY, "岳阳县召开工业推进会", 6, counted=False, sha="1" * 64, findings=[bad]),
                article(COUNTY, "岳阳县四月初项目开工", 7, month="2015-04", file_month="2015-03", sha="1" * 64),
            ],
        ),
        (unit_file(SECTION, sha="2" * 64), [article(SECTION, "全市工业用电分析", 5, sha="2" * 64)]),
    ]


def _without_log(tables: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    return {name: rows for name, rows in tables.items() if name != "imports"}


def test_schema_has_a_version_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path):
        pass
    with Ledger.open(path):
        pass
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(WorkspaceError, match="升级 xlflow"):
        Ledger.open(path)


def test_a_damaged_ledger_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LedgerDamagedError, match="没有完好的备份：请把 ledger.sqlite 改名保存，再逐月重新汇总"):
        Ledger.open(path)
    assert path.read_bytes() == b"this is not a database" * 100


def test_damaged_pages_are_found_before_anything_is_written(tmp_path: Path) -> None:
    """The file header and the schema page intact, an index page overwritten: SQLite reads the ledger, and would
    write into it, until quick_check looks at every page."""
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    (tmp_path / "backup").mkdir()
    good = tmp_path / "backup" / "台账_20150402_0930.sqlite"
    good.write_bytes(path.read_bytes())
    db = sqlite3.connect(path)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'findings_month'").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[(root - 1) * page : root * page] = b"\xff" * page
    path.write_bytes(bytes(data))
    with pytest.raises(LedgerDamagedError) as caught:
        Ledger.open(path)
    assert f"请用最近的备份恢复：xlflow restore {good}（" in str(caught.value)
    assert path.read_bytes() == bytes(data)


def test_a_full_disk_in_the_import_is_the_error_reported(tmp_path: Path) -> None:
    """SQLite rolls the transaction back itself on SQLITE_FULL; the ROLLBACK after it must not hide that."""
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    before = dump(path)
    many = [(unit_file(COUNTY, sha="9" * 64), [article(COUNTY, f"第{i}条", 5 + i, sha="9" * 64) for i in range(300)])]
    with Ledger.open(path) as ledger:
        size = ledger._db.execute("PRAGMA page_count").fetchone()[0]
        ledger._db.execute(f"PRAGMA max_page_count = {size + 2}")
        with pytest.raises(OutputError) as caught:
            ledger.import_month("2015-03", many, [], now=NOW)  # type: ignore[arg-type]
        assert not ledger._db.in_transaction
    assert str(caught.value) == f"无法写入 {path}：磁盘已满；请腾出磁盘空间后重新运行（台账未改动）"
    assert str(caught.value.__cause__) == "database or disk is full"
    assert dump(path) == before


def test_an_output_failing_after_an_import_says_the_ledger_was_updated(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    failure = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "out/回执")
    with pytest.raises(OutputError) as caught, Ledger.open(path):
        raise OutputError(Path("out/通报.xlsx"), failure)
    assert str(caught.value).startswith("无法写入 out/通报.xlsx：磁盘已满")  # nothing was imported
    with pytest.raises(OutputError) as caught, Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        raise OutputError(Path("out/通报.xlsx"), failure)
    assert str(caught.value).startswith("台账已更新，但 out/通报.xlsx 未能写入：磁盘已满")
    with pytest.raises(OutputError) as caught, Ledger.open(path) as ledger:
        ledger.import_month("2015-04", [], [], now=NOW)
        raise failure  # a plain OSError of the caller's own
    assert str(caught.value).startswith("台账已更新，但 out/回执 未能写入：磁盘已满")


def test_the_suggested_month() -> None:
    today = dt.date(2015, 7, 3)
    assert suggested_month(["2015-02", "2015-05", "2015-03"], 2015, today) == "2015-05"
    assert suggested_month([], 2015, today) == "2015-07"
    assert suggested_month([], 2014, today) == "2014-01"


def test_import_stores_every_field_and_finding(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        stats = ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        assert set(stats.units_written) == {SECTION, COUNTY}
        assert ledger.imports()[-1].rows_written == 4
        march = ledger.articles(["2015-03"])
        assert [(a.unit, a.title, a.row) for a in march] == [
            (COUNTY, "岳阳县一季度工业经济运行", 5),
            (SECTION, "全市工业用电分析", 5),
        ]
        expected = _march()[0][1][0]
        got = march[0]
        assert got.imported_at == "2015-04-02 09:30:00"
        assert dataclasses.replace(got, imported_at="") == expected
        everything = [a for a in ledger.file_articles(["2015-03"]) if a.unit == COUNTY]
        assert [(a.row, a.counted) for a in everything] == [(5, True), (6, False), (7, True)]
        assert [f.code for f in everything[1].findings] == ["R1"]
        assert everything[1].findings[0].cell == "E6"
        # an article counts in the month of its date, whatever file it came in
        assert [a.title for a in ledger.articles(["2015-04"])] == ["岳阳县四月初项目开工"]
        assert len(ledger.articles(["2015-03"], counted_only=False)) == 3
        assert [f.code for f in ledger.findings(["2015-03"])] == ["R1"]
        assert ledger.senders(["2015-03"]) == {COUNTY: [f"{COUNTY}_2015-03.xlsx"], SECTION: [f"{SECTION}_2015-03.xlsx"]}
        records = {r.unit: r for r in ledger.files("2015-03")}
        assert records[COUNTY].rows == 3 and records[COUNTY].counted == 2
        assert records[COUNTY].sha256 == "1" * 64 and records[COUNTY].header_row == 3
        assert not records[COUNTY].superseded
        assert [(i.month, i.files_read, i.rows_written) for i in ledger.imports()] == [("2015-03", 2, 4)]
        assert ledger.months() == ["2015-03"]


def test_reimport_of_the_same_files_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    before = dump(path)
    with Ledger.open(path) as ledger:
        later = NOW.replace(day=20)
        stats = ledger.import_month("2015-03", _march(), [], now=later)  # type: ignore[arg-type]
        assert stats.units_written == ()
        assert set(stats.units_unchanged) == {COUNTY, SECTION}
        assert ledger.imports()[-1].rows_written == 0
        assert len(ledger.imports("2015-03")) == 2  # the log records the second run
    assert _without_log(dump(path)) == _without_log(before)


def test_a_corrected_file_replaces_that_units_rows(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        fixed = [
            (
                unit_file(COUNTY, sha="3" * 64, mtime=2.0),
                [
                    article(COUNTY, "岳阳县一季度工业经济运行", 5, sha="3" * 64),
                    article(COUNTY, "岳阳县召开工业推进会", 6, sha="3" * 64),
                ],
            ),
            _march()[1],  # the other unit's file is still in the folder, unchanged
        ]
        stats = ledger.import_month("2015-03", fixed, [], now=NOW.replace(day=9))  # type: ignore[arg-type]
        assert stats.units_written == (COUNTY,)
        rows = [a for a in ledger.file_articles(["2015-03"]) if a.unit == COUNTY]
        assert [(a.row, a.counted, a.file_sha256) for a in rows] == [(5, True, "3" * 64), (6, True, "3" * 64)]
        # the R1 of the old file went with it; the counted row it no longer carries is named
        assert [(f.code, f.message.split("：")[0]) for f in ledger.findings(["2015-03"])] == [
            ("F8", "《岳阳县四月初项目开工》（上次汇总时在第 7 行）不再计入")
        ]
        assert ledger.articles(["2015-04"]) == []
        # the other unit is untouched
        assert [a.title for a in ledger.articles(["2015-03"]) if a.unit == SECTION] == ["全市工业用电分析"]
        assert {r.unit: r.sha256 for r in ledger.files("2015-03")} == {COUNTY: "3" * 64, SECTION: "2" * 64}


def test_same_file_checked_differently_is_rewritten(tmp_path: Path) -> None:
    """Same bytes but other results (a threshold changed in the settings): the rows must follow."""
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        pairs = _march()
        short = finding(SECTION, 5, "R1")
        pairs[1][1][0] = dataclasses.replace(pairs[1][1][0], counted=False, findings=[short])  # type: ignore[call-overload]
        stats = ledger.import_month("2015-03", pairs, [], now=NOW)  # type: ignore[arg-type]
        assert stats.units_written == (SECTION,)
        assert [a.unit for a in ledger.articles(["2015-03"])] == [COUNTY]
        # no file was sent again: the rules changed, the row's own R1 says why, no F8 of a resend
        assert stats.dropped == ()
        assert stats.rejudged == (RemovedFile(SECTION, f"{SECTION}_2015-03.xlsx", ("全市工业用电分析",)),)
        assert [f.code for f in ledger.findings(["2015-03"]) if f.unit == SECTION] == ["R1"]


def test_a_row_still_in_a_file_saved_over_is_told_by_its_own_findings(tmp_path: Path) -> None:
    """The section saves its file over (other bytes) with the same article now too short: the file did change and
    lost a counted title (ImportStats.dropped), but the row is still there, so its R1 says why, not an F8 line."""
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        pairs = _march()
        short = finding(SECTION, 5, "R1")
        pairs[1] = (unit_file(SECTION, sha="8" * 64), [article(SECTION, "全市工业用电分析", 5, sha="8" * 64,
                                                                counted=False, findings=[short])])  # fmt: skip
        stats = ledger.import_month("2015-03", pairs, [], now=NOW)  # type: ignore[arg-type]
        assert stats.dropped == (RemovedFile(SECTION, f"{SECTION}_2015-03.xlsx", ("全市工业用电分析",)),)
        assert stats.rejudged == ()
        assert [f.code for f in ledger.findings(["2015-03"]) if f.unit == SECTION] == ["R1"]


def test_the_month_holds_what_the_folder_holds(tmp_path: Path) -> None:
    """A unit whose file is gone from the folder (a refused file of another name in its place) loses the month's
    rows; the import says so."""
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    refusal = dataclasses.replace(finding(COUNTY, None, "F3", file="岳阳县3月（加密）.xlsx"),
                                  message="文件设有密码：请取消密码后重新报送")  # fmt: skip
    with Ledger.open(path) as ledger:
        stats = ledger.import_month("2015-03", [_march()[1]], [refusal], now=NOW)  # type: ignore[list-item]
        assert ledger.imports()[-1].files_refused == 1
        assert stats.units_written == () and stats.units_unchanged == (SECTION,)
        assert [(r.unit, r.name, r.counted) for r in stats.removed] == [
            (COUNTY, f"{COUNTY}_2015-03.xlsx", ("岳阳县一季度工业经济运行", "岳阳县四月初项目开工"))
        ]
        assert ledger.refused("2015-03") == [refusal]
        assert [a.unit for a in ledger.file_articles(["2015-03"])] == [SECTION]
        assert ledger.articles(["2015-04"]) == []  # the April-dated row of the gone file went too
        assert {r.unit for r in ledger.files("2015-03")} == {SECTION}
        # the next run's refusals replace this run's
        ledger.import_month("2015-03", [_march()[1]], [], now=NOW)  # type: ignore[list-item]
        assert ledger.refused("2015-03") == []


def test_a_file_refused_now_keeps_the_rows_it_was_last_read_with(tmp_path: Path) -> None:
    """The county's file, consolidated, cannot be read this time (open in another program, still being copied, no
    permission): still in the folder, it keeps the rows it was last read with (SPEC §6: nothing half-read reaches
    the ledger, and a file that could not be read says nothing about its rows); the import names it."""
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    locked = dataclasses.replace(finding(COUNTY, None, "F2"), message="无法读取文件（Permission denied）：请关闭后重试")
    with Ledger.open(path) as ledger:
        stats = ledger.import_month("2015-03", [_march()[1]], [locked], now=NOW)  # type: ignore[list-item]
        assert stats.removed == () and stats.units_written == () and stats.units_unchanged == (SECTION,)
        assert [(r.unit, r.name, r.counted) for r in stats.kept] == [
            (COUNTY, "岳阳县工信局_2015-03.xlsx", ("岳阳县一季度工业经济运行", "岳阳县四月初项目开工"))
        ]
        assert [(a.unit, a.title, a.counted) for a in ledger.file_articles(["2015-03"])] == [
            (COUNTY, "岳阳县一季度工业经济运行", True),
            (COUNTY, "岳阳县召开工业推进会", False),
            (COUNTY, "岳阳县四月初项目开工", True),
            (SECTION, "全市工业用电分析", True),
        ]
        assert [a.title for a in ledger.articles(["2015-04"])] == ["岳阳县四月初项目开工"]
        assert ledger.refused("2015-03") == [locked]
        # readable again: its rows are what it holds now
        pairs = [(unit_file(COUNTY, sha="4" * 64), [article(COUNTY, "岳阳县一季度工业经济运行", 5, sha="4" * 64)])]
        stats = ledger.import_month("2015-03", pairs, [], now=NOW)  # type: ignore[arg-type]
        assert stats.kept == () and stats.units_written == (COUNTY,)
        assert [a.title for a in ledger.articles(["2015-03", "2015-04"]) if a.unit == COUNTY] == ["岳阳县一季度工业经济运行"]


def test_other_months_are_never_touched(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        april = [(unit_file(COUNTY, month="2015-04"), [article(COUNTY, "岳阳县四月工作", 5, month="2015-04")])]
        ledger.import_month("2015-04", april, [], now=NOW)  # type: ignore[arg-type]
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        stats = ledger.import_month("2015-03", [], [], now=NOW)
        assert {r.unit for r in stats.removed} == {COUNTY, SECTION}
        assert ledger.file_articles(["2015-03"]) == []
        assert [a.title for a in ledger.file_articles(["2015-04"])] == ["岳阳县四月工作"]


def test_a_replaced_file_is_kept_as_such_and_a_supplement_adds(tmp_path: Path) -> None:
    old = unit_file(COUNTY, name="岳阳县3月.xlsx", sha="4" * 64, mtime=100.0)
    new = unit_file(COUNTY, name="岳阳县3月(修改).xlsx", sha="5" * 64, mtime=200.0)
    extra = unit_file(COUNTY, name="岳阳县3月补报.xlsx", sha="6" * 64, mtime=50.0)
    old.superseded_by, extra.supplement = new.name, True  # what consolidate._choose_files decides
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.import_month(
            "2015-03",
            [(new, [article(COUNTY, "新标题", 5, source_file=new.name)]), (old, []),
             (extra, [article(COUNTY, "补报的一篇", 5, source_file=extra.name)])],
            [],
            now=NOW,
        )  # fmt: skip
        assert [r.name for r in ledger.files("2015-03") if r.superseded] == ["岳阳县3月.xlsx"]
        records = {r.name: (r.superseded, r.supplement, r.superseded_by) for r in ledger.files("2015-03")}
        assert records == {
            "岳阳县3月.xlsx": (True, False, "岳阳县3月(修改).xlsx"),
            "岳阳县3月(修改).xlsx": (False, False, ""),
            "岳阳县3月补报.xlsx": (False, True, ""),
        }
        assert ledger.senders(["2015-03"]) == {COUNTY: ["岳阳县3月(修改).xlsx", "岳阳县3月补报.xlsx"]}
        assert [a.title for a in ledger.articles(["2015-03"])] == ["新标题", "补报的一篇"]


def test_rows_gone_from_a_file_saved_over_under_the_same_name_are_named(tmp_path: Path) -> None:
    """The county sends its file again with fewer rows and the same name: the counted titles it no longer carries
    are named (ImportStats.dropped) and stay in the ledger as F8 warnings of that file for its receipt."""
    name = f"{COUNTY}_2015-03.xlsx"
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        pairs = _march()
        pairs[0] = (unit_file(COUNTY, sha="7" * 64), [article(COUNTY, "岳阳县召开工业推进会", 6, sha="7" * 64)])
        stats = ledger.import_month("2015-03", pairs, [], now=NOW)  # type: ignore[arg-type]
        assert stats.units_written == (COUNTY,) and stats.removed == ()
        assert [(d.unit, d.name, d.counted) for d in stats.dropped] == [
            (COUNTY, name, ("岳阳县一季度工业经济运行", "岳阳县四月初项目开工"))
        ]
        expected = [
            (name, None, "F8", "warning", "《岳阳县一季度工业经济运行》（上次汇总时在第 5 行）不再计入："
             f"重新报送的 {name} 中已没有这条可计入的信息；如仍要报送，请补入后重新报送"),
            (name, None, "F8", "warning", "《岳阳县四月初项目开工》（上次汇总时在第 7 行）不再计入："
             f"重新报送的 {name} 中已没有这条可计入的信息；如仍要报送，请补入后重新报送"),
        ]  # fmt: skip
        said = [(f.file, f.row, f.code, f.severity, f.message) for f in ledger.findings(["2015-03"]) if f.code == "F8"]
        assert said == expected
        again = ledger.import_month("2015-03", pairs, [], now=NOW)  # type: ignore[arg-type]
        assert again.units_written == () and again.dropped == ()  # the same folder again changes nothing
        said = [(f.file, f.row, f.code, f.severity, f.message) for f in ledger.findings(["2015-03"]) if f.code == "F8"]
        assert said == expected  # the receipt still tells the unit


def test_a_supplement_gone_from_the_folder_names_what_it_counted(tmp_path: Path) -> None:
    main = unit_file(COUNTY, name="岳阳县3月.xlsx", sha="4" * 64)
    extra = unit_file(COUNTY, name="岳阳县3月补报.xlsx", sha="6" * 64)
    extra.supplement = True
    first = (main, [article(COUNTY, "主文件的一篇", 5, source_file=main.name, sha="4" * 64)])
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.import_month("2015-03", [first, (extra, [article(COUNTY, "补报的一篇", 5, source_file=extra.name)])],
                            [], now=NOW)  # fmt: skip
        stats = ledger.import_month("2015-03", [first], [], now=NOW)
        assert [(r.unit, r.name, r.counted) for r in stats.removed] == [(COUNTY, "岳阳县3月补报.xlsx", ("补报的一篇",))]
        assert stats.dropped == () and [a.title for a in ledger.articles(["2015-03"])] == ["主文件的一篇"]


def test_r6_is_decided_over_the_units_history_whatever_the_order(tmp_path: Path) -> None:
    """March is consolidated first; a late February file carrying the same title comes after: February's copy was
    sent first, so it counts and March's is marked R6 — and the import says March changed."""
    march = [(unit_file(COUNTY, sha="1" * 64), [article(COUNTY, "岳阳县项目开工", 5, day=2, sha="1" * 64)])]
    february = [(unit_file(COUNTY, month="2015-02", sha="2" * 64),
                 [article(COUNTY, "岳阳县项目开工", 7, month="2015-02", day=27, sha="2" * 64)])]  # fmt: skip
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.import_month("2015-03", march, [], now=NOW)  # type: ignore[arg-type]
        assert [a.counted for a in ledger.file_articles(["2015-03"])] == [True]
        stats = ledger.import_month("2015-02", february, [], now=NOW)  # type: ignore[arg-type]
        [moved] = stats.moved
        assert (moved.file_month, moved.row, moved.title, moved.counted) == ("2015-03", 5, "岳阳县项目开工", False)
        assert "2015年2月 岳阳县工信局_2015-02.xlsx 第 7 行" in moved.why
        [a] = ledger.file_articles(["2015-03"])
        assert not a.counted and [f.code for f in a.findings] == ["R6"]
        assert [x.counted for x in ledger.file_articles(["2015-02"])] == [True]
        # March consolidated again: still February's copy counts (no dependence on the order of imports)
        again = ledger.import_month("2015-03", march, [], now=NOW)  # type: ignore[arg-type]
        assert again.units_unchanged == (COUNTY,) and not ledger.file_articles(["2015-03"])[0].counted
        # February's file withdrawn: March's copy counts again
        back = ledger.import_month("2015-02", [], [], now=NOW)
        assert [(m.file_month, m.counted) for m in back.moved] == [("2015-03", True)]
        [a] = ledger.file_articles(["2015-03"])
        assert a.counted and a.findings == []


def test_an_older_ledger_is_read_as_it_is_and_upgraded_with_a_copy_before_a_write(tmp_path: Path) -> None:
    """Reading a version-1 ledger changes nothing in it (an older xlflow still reads it); the first import upgrades
    it, after keeping it as it was in backup/, and says so once."""
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    db = sqlite3.connect(path)  # make it a version-1 ledger: the columns version 2 added are dropped
    for table, column in (("files", "raw_name"), ("files", "sheets"), ("files", "supplement"), ("files", "superseded_by"),
                          ("articles", "date_text"), ("articles", "position"), ("articles", "title_cell")):
        db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.execute("UPDATE schema_version SET version = 1")
    db.commit()
    db.close()
    old = path.read_bytes()
    with Ledger.open(path) as ledger:
        assert [a.title for a in ledger.articles(["2015-03"])] == ["岳阳县一季度工业经济运行", "全市工业用电分析"]
        names = [r.raw_name for r in ledger.files("2015-03")]
        assert names == [f"{COUNTY}_2015-03.xlsx".encode(), f"{SECTION}_2015-03.xlsx".encode()]
        assert ledger.upgrade_note == "" and not ledger.updated
    assert path.read_bytes() == old and not (tmp_path / "backup").exists()
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        copy = ledger.upgraded
        assert copy is not None and copy.parent == tmp_path / "backup"
        assert re.fullmatch(r"台账_升级前_结构版本1_\d{8}_\d{6}\.sqlite", copy.name), copy.name
        assert ledger.upgrade_note == (
            f"台账已升级为本版 xlflow 的结构，旧版 xlflow 不能再读它；升级前的台账另存为 backup/{copy.name}（如要改回旧版 "
            f"xlflow，先运行 xlflow restore backup/{copy.name} 恢复，再用旧版重新汇总此后的月份）")  # fmt: skip
    for file, version in ((path, SCHEMA_VERSION), (copy, 1)):
        db = sqlite3.connect(file)
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(version,)]
        db.close()
    with Ledger.open(path) as ledger:  # told once
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
        assert ledger.upgrade_note == ""
    assert [p.name for p in (tmp_path / "backup").iterdir()] == [copy.name]


def test_an_exception_rolls_the_whole_import_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    before = dump(path)
    calls = []

    def explode(self: Ledger, articles: list[object], file_id: int, imported_at: str) -> int:
        calls.append(file_id)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, articles, file_id, imported_at)  # type: ignore[arg-type]

    original = Ledger._insert_articles
    monkeypatch.setattr(Ledger, "_insert_articles", explode)
    changed = [(unit_file(u, sha="9" * 64), [article(u, "改过的标题", 5, sha="9" * 64)]) for u in (COUNTY, SECTION)]
    with Ledger.open(path) as ledger, pytest.raises(RuntimeError):
        ledger.import_month("2015-03", changed, [], now=NOW)  # type: ignore[arg-type]
    assert len(calls) == 2
    assert dump(path) == before


_KILLED_IMPORT = """
import os, sys
sys.path.insert(0, {tests!r})
from xlflow.ledger import Ledger
from helpers_ledger import NOW, article, unit_file
calls = []
original = Ledger._insert_articles
def die(self, articles, file_id, imported_at):
    calls.append(1)
    result = original(self, articles, file_id, imported_at)
    if len(calls) == 2:
        os._exit(9)  # a killed process: no rollback, no cleanup
    return result
Ledger._insert_articles = die
ledger = Ledger.open({path!r})
pairs = [(unit_file(u, sha="9" * 64), [article(u, "改过的标题", 5, sha="9" * 64)]) for u in ("岳阳县工信局", "经济运行科", "平江县工信局")]
ledger.import_month("2015-03", pairs, [], now=NOW)
"""


def test_a_killed_import_leaves_the_ledger_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.import_month("2015-03", _march(), [], now=NOW)  # type: ignore[arg-type]
    before = dump(path)
    script = _KILLED_IMPORT.format(tests=str(Path(__file__).parent), path=str(path))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    assert Path(str(path) + "-journal").exists()  # the hot journal the dead process left
    with Ledger.open(path) as ledger:  # opening rolls it back
        assert [a.title for a in ledger.articles(["2015-03"])] == ["岳阳县一季度工业经济运行", "全市工业用电分析"]
    assert dump(path) == before


# --- the workspace lock -----------------------------------------------------------------------------

_HOLD_LOCK = """
import sys, time
from pathlib import Path
from xlflow.lock import workspace_lock
with workspace_lock(Path({path!r})):
    print("locked", flush=True)
    time.sleep(60)
"""


def _holder(lock: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_HOLD_LOCK.format(path=str(lock)))], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_second_process_is_refused_while_the_lock_is_held(tmp_path: Path) -> None:
    lock = tmp_path / ".xlflow.lock"
    proc = _holder(lock)
    try:
        started = time.monotonic()
        with pytest.raises(BusyError) as caught, workspace_lock(lock, timeout=0.5):
            pass
        assert time.monotonic() - started >= 0.5
        assert f"进程 {proc.pid}" in str(caught.value)
        assert "请等它结束后再运行" in str(caught.value)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # the dead holder leaves nothing stuck: the lock is taken at the first try, without waiting
    with workspace_lock(lock, timeout=0):
        assert f"{os.getpid()}" in lock.read_text(encoding="utf-8")


def test_the_lock_is_reentrant_within_a_process(tmp_path: Path) -> None:
    lock = tmp_path / ".xlflow.lock"
    with workspace_lock(lock, timeout=0.2), workspace_lock(lock, timeout=0.2):
        pass
    with workspace_lock(lock, timeout=0.2):
        pass


def test_a_return_refused_now_keeps_its_rows_beside_a_supplement_read(tmp_path: Path) -> None:
    """review 9a: the county's return and its 补报 were consolidated; the return cannot be read this time, the 补报 can.
    A 补报 never replaces a return: the return keeps the rows it was last read with."""
    ret, extra = f"{COUNTY}3月信息.xlsx", f"{COUNTY}3月信息（补报）.xlsx"
    supplement = (dataclasses.replace(unit_file(COUNTY, name=extra, sha="5" * 64), supplement=True),
                  [article(COUNTY, "岳阳县补报信息", 5, source_file=extra, sha="5" * 64)])  # fmt: skip
    first = [(unit_file(COUNTY, name=ret), [article(COUNTY, f"岳阳县三月信息{i}", 4 + i, source_file=ret) for i in (1, 2)]),
             supplement]  # fmt: skip
    half = dataclasses.replace(finding(COUNTY, None, "F4", file=ret), message="文件已损坏或不完整：请重新保存后报送")
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        ledger.import_month("2015-03", first, [], now=NOW)  # type: ignore[arg-type]
        stats = ledger.import_month("2015-03", [supplement], [half], now=NOW)  # type: ignore[list-item]
        assert stats.removed == () and stats.dropped == ()
        assert [(r.unit, r.name, r.counted) for r in stats.kept] == [(COUNTY, ret, ("岳阳县三月信息1", "岳阳县三月信息2"))]
        assert sorted((a.source_file, a.title) for a in ledger.file_articles(["2015-03"]) if a.counted) == [
            (ret, "岳阳县三月信息1"), (ret, "岳阳县三月信息2"), (extra, "岳阳县补报信息"),
        ]  # fmt: skip
        assert sorted(r.name for r in ledger.files("2015-03")) == [ret, extra]
