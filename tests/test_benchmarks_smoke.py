"""benchmarks/: the corpus generator at a toy scale and the harness's measurements on it (no timing asserted:
speed is measured by benchmarks/run.py, not by tests)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import corpus as corpus_mod  # noqa: E402
import run  # noqa: E402


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> corpus_mod.Corpus:
    return corpus_mod.build("toy", tmp_path_factory.mktemp("corpus"))


def test_toy_corpus_is_generated_once_and_reused(toy: corpus_mod.Corpus) -> None:
    assert len(toy.files) == 34 and all(p.suffix == ".xlsx" for p in toy.files)
    assert toy.rows >= 34 * 2 and 0 < toy.counted <= toy.rows
    assert (toy.workspace / "xlflow.toml").is_file()
    again = corpus_mod.build("toy", toy.root.parent)
    assert again.seconds == 0 and again.files == toy.files and again.rows == toy.rows


def test_province_units_fill_a_quota_table() -> None:
    rows = corpus_mod.province_units()
    assert len(rows) == 417 and len({r.name for r in rows}) == 417
    assert sum(1 for r in rows if r.kind == "县市区工信局") == 122


def test_harness_measures_every_side(toy: corpus_mod.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "RUNS_DIR", tmp_path / "runs")
    cli = run.xlflow_cli(toy, 1)
    assert cli.runs[0] > 0 and cli.peaks[0] > 0 and cli.cpus[0] > 0
    library = run.xlflow_library(toy, 1)
    assert {"读取和检查", "记入台账", "回执", "月度通报"} <= set(library.phases[0])
    readcheck = run.simple("读取+检查", toy, "readcheck", 1, workspace=str(toy.workspace))
    assert readcheck.notes == [f"rows={toy.rows}"]  # every row written was read and checked
    floor = run.simple("下限", toy, "floor", 1)
    naive = run.simple("朴素", toy, "naive", 1)
    assert floor.inner[0] > 0 and naive.inner[0] > 0
    startup, heavy = run.help_startup(1)
    assert heavy == []  # xlflow --help imports no pandas, openpyxl, xlsxwriter …

    result = run.ScaleResult(toy, {"cli": cli, "library": library, "readcheck": readcheck, "floor": floor, "naive": naive})
    figures, targets = run.render({"city_month": result}, None, startup, heavy, {"toy": "1 次"}, quick=True)
    assert toy.scale.label in figures and "读取+检查" in figures
    assert [t[0] for t in targets] == ["市级一个月：全流程 1 s 以内（含进程启动）", "`xlflow --help` 0.15 s 以内"]

    readme = tmp_path / "README.md"
    readme.write_text(f"# 基准\n\n{run.README_START}\n旧数字\n{run.README_END}\n\n如何运行\n", encoding="utf-8")
    monkeypatch.setattr(run, "README", readme)
    run.write_readme(figures, run.machine(), 12.0)
    text = readme.read_text(encoding="utf-8")
    assert "旧数字" not in text and toy.scale.label in text and text.endswith("如何运行\n")
