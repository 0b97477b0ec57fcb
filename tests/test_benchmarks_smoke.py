"""benchmarks/: the corpus generator at a toy scale, the same-work naive script on a hand-made return, and the
harness's measurements on the toy corpus (no timing asserted: speed is measured by benchmarks/run.py, not by
tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from helpers_bench import write_sheets

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import corpus as corpus_mod  # noqa: E402
import run  # noqa: E402

HEADER = ["序号", "信息标题", "正文", "字数", "备注"]


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


def _rows(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_same_work_script_applies_the_200_character_rule(tmp_path: Path) -> None:
    """The baseline does its job: header found below title rows on the visible sheet, 正文 counted without
    whitespace, 字数 typed as ３５０ or 150字 read, blank and 合计 rows dropped, one receipt per file, a summary
    per month over every unit of the quota table and one for the year."""
    quota = tmp_path / "信息任务分配表.xlsx"
    write_sheets(quota, {"信息任务分配表": [["信息任务分配表"], ["说明"], ["序号", "单位名称", "别名"],
                                            [1, "岳阳县工信局", "岳阳县"], [2, "汨罗市工信局", "汨罗市；汩罗市"]]})  # fmt: skip
    folder = tmp_path / "inbox" / "2015-03"
    folder.mkdir(parents=True)
    body_200 = "字" * 100 + " \n" + "字" * 100
    write_sheets(folder / "政务信息报送登记表（岳阳县）.xlsx", {
        "填表说明": [["填表说明"], ["信息标题", "一条信息一行"]],
        "上月": [HEADER, [1, "旧信息", "旧" * 300, None, None]],
        "Sheet1": [["岳阳市经信委政务信息报送"], ["报送单位：", "岳阳县工信局"], HEADER,
                   [1, "正好二百字", body_200, None, None], [2, "一百九十九字", "字" * 199, None, None], [None] * 5,
                   [3, "只填字数", None, "３５０", None], [4, "字数不足", None, "150字", None], ["合计", "4条", None, None, None]],
    }, hidden=("上月",))  # fmt: skip
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(BENCHMARKS / "naive_same_work.py"), "month", str(folder), str(quota), str(out)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert '"files": 1, "rows": 4, "counted": 2' in done.stdout

    receipt = _rows(out / "回执" / "2015-03" / "政务信息报送登记表（岳阳县）_回执.xlsx")
    assert receipt[0][-2:] == ("字数统计", "结果")
    assert [(r[1], r[-2], r[-1]) for r in receipt[1:]] == [
        ("正好二百字", 200, "计入"),
        ("一百九十九字", 199, "不计入：字数不足 200"),
        ("只填字数", 350, "计入"),
        ("字数不足", 150, "不计入：字数不足 200"),
    ]
    assert _rows(out / "汇总_2015-03.xlsx") == [("单位", "报送条数", "计入条数"), ("岳阳县工信局", 4, 2), ("汨罗市工信局", 0, 0)]
    subprocess.run([sys.executable, str(BENCHMARKS / "naive_same_work.py"), "year", str(out)], capture_output=True, check=True)
    assert _rows(out / "汇总_全年.xlsx") == [("单位", "报送条数", "计入条数"), ("岳阳县工信局", 4, 2), ("汨罗市工信局", 0, 0)]


def test_harness_measures_every_side(toy: corpus_mod.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "RUNS_DIR", tmp_path / "runs")
    cli, again, same = run.end_to_end(toy, 1)
    assert cli.runs[0] > 0 and cli.peaks[0] > 0 and cli.cpus[0] > 0 and again.runs[0] > 0
    assert same.runs[0] > 0 and same.inner[0] > 0 and 0 < same.counted[0] <= toy.rows
    library, library_again = run.xlflow_library(toy, 1)
    assert {"导入模块", "读取和检查", "记入台账", "回执", "月度通报"} <= set(library.phases[0])
    assert {"读取和检查", "回执", "合计"} <= set(library_again.phases[0])
    assert library.counted == [toy.counted]  # the ledger counts what the generator expects
    readcheck = run.simple("读取+检查", toy, "readcheck", 1, workspace=str(toy.workspace))
    assert readcheck.notes == [f"rows={toy.rows}"]  # every row written was read and checked
    floor = run.simple("下限", toy, "floor", 1)
    naive = run.simple("只读", toy, "naive", 1)
    assert floor.inner[0] > 0 and naive.inner[0] > 0
    startup, heavy = run.help_startup(1)
    assert heavy == []  # xlflow --help imports no pandas, openpyxl, xlsxwriter …

    measures = {"cli": cli, "again": again, "same": same, "library": library, "library_again": library_again,
                "readcheck": readcheck, "floor": floor, "naive": naive}  # fmt: skip
    figures, targets = run.render({"city_month": run.ScaleResult(toy, measures)}, None, startup, heavy, {"toy": "1 次"})
    assert toy.scale.label in figures and "同样工作的朴素脚本" in figures and "再次汇总" in figures
    assert [t[0] for t in targets] == ["市级一个月：全流程 1 s 以内（含进程启动）", "`xlflow --help` 0.15 s 以内"]

    readme = tmp_path / "README.md"
    readme.write_text(f"# 基准\n\n{run.README_START}\n旧数字\n{run.README_END}\n\n如何运行\n", encoding="utf-8")
    monkeypatch.setattr(run, "README", readme)
    run.write_readme(figures, run.machine(), 12.0)
    text = readme.read_text(encoding="utf-8")
    assert "旧数字" not in text and toy.scale.label in text and text.endswith("如何运行\n")
