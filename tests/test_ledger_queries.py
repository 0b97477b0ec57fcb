"""The ledger queries added for speed (one query per month instead of one per unit) answer as the slow ones did."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from helpers_ledger import NOW, article, finding, unit_file

from xlflow.ledger import Ledger

COUNTY = "岳阳县工信局"
SECTION = "经济运行科"


def _fill(ledger: Ledger) -> None:
    bad = finding(COUNTY, 6, "R1")
    ledger.import_month(
        "2015-02",
        [(unit_file(COUNTY, month="2015-02", sha="2" * 64), [article(COUNTY, "岳阳县二月工作", 5, month="2015-02", sha="2" * 64)])],
        [],
        now=NOW,
    )
    ledger.import_month(
        "2015-03",
        [
            (unit_file(COUNTY, sha="1" * 64), [
                article(COUNTY, "岳阳县三月工作", 5, sha="1" * 64),
                article(COUNTY, "岳阳县召开推进会", 6, counted=False, sha="1" * 64, findings=[bad]),
                article(COUNTY, "岳阳县四月项目", 7, month="2015-04", file_month="2015-03", sha="1" * 64),
            ]),
            (unit_file(SECTION, sha="3" * 64), [article(SECTION, "运行科三月分析", 4, sha="3" * 64)]),
        ],
        [],
        now=NOW,
    )  # fmt: skip


def test_counts_match_the_articles(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        _fill(ledger)
        months = ["2015-02", "2015-03", "2015-04"]
        expected = Counter((a.unit, a.month) for a in ledger.articles(months))
        assert ledger.counts(months) == dict(expected)
        assert ledger.counts(["2015-03"]) == {(COUNTY, "2015-03"): 1, (SECTION, "2015-03"): 1}
        assert ledger.counts([]) == {}


def test_articles_without_bodies_are_the_same_rows(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        _fill(ledger)
        full = ledger.file_articles(["2015-03"])
        light = ledger.file_articles(["2015-03"], with_body=False)
        assert [a.body for a in light] == [""] * len(full)
        assert [a.body != "" for a in full] == [True] * len(full)
        assert [(a.unit, a.row, a.counted, a.findings) for a in light] == [(a.unit, a.row, a.counted, a.findings) for a in full]
        assert [a.title for a in ledger.articles(["2015-03"], with_body=False)] == ["岳阳县三月工作", "运行科三月分析"]


def test_findings_keep_their_articles_after_a_reimport(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        _fill(ledger)
        changed = [(unit_file(COUNTY, sha="9" * 64), [
            article(COUNTY, "岳阳县改过的标题", 5, counted=False, sha="9" * 64, findings=[finding(COUNTY, 5, "R3")]),
            article(COUNTY, "岳阳县另一篇", 6, sha="9" * 64),
        ])]  # fmt: skip
        section = (unit_file(SECTION, sha="3" * 64), [article(SECTION, "运行科三月分析", 4, sha="3" * 64)])
        ledger.import_month("2015-03", [*changed, section], [], now=NOW)
        rows = {a.title: [f.code for f in a.findings] for a in ledger.file_articles(["2015-03"]) if a.unit == COUNTY}
        assert rows == {"岳阳县改过的标题": ["R3"], "岳阳县另一篇": []}


def test_title_records_are_the_articles_matching_needs(tmp_path: Path) -> None:
    """Adoptions are matched against title records: the same rows, in the same order, as whole articles."""
    from xlflow.compute.adoptions import match_adoptions
    from xlflow.core.model import Adoption

    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        _fill(ledger)
        months = ["2015-02", "2015-03", "2015-04"]
        whole = ledger.articles(months, counted_only=False, with_body=False)
        records = ledger.title_records(months)
        assert [(r.unit, r.title_key, r.title, r.counted) for r in records] == [
            (a.unit, a.title_key, a.title, a.counted) for a in whole
        ]
        assert [[f.code for f in r.errors] for r in records] == [
            [] if a.counted else [f.code for f in a.errors] for a in whole
        ]
        assert any(r.errors for r in records)
        assert ledger.title_records([]) == []

        def adoption(title: str) -> Adoption:
            from xlflow.core.text import normalize_title

            return Adoption(3, COUNTY, title, "", "市级", None, "全文采用", "无", "", COUNTY, normalize_title(title))

        wanted = [adoption("岳阳县三月工作"), adoption("岳阳县召开推进会"), adoption("岳阳县三月工做")]
        assert match_adoptions(wanted, records) == match_adoptions(wanted, whole)
