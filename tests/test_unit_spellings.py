"""How units really fill in the form: 是 with words after it, an odd 分析 heading, an absurd 字数, a total row under
the articles, a LibreOffice flat XML file. Through the rules, the reader and `consolidate` (CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import HEADER, article, article_row, unit_file, write_xlsx

import xlflow
from xlflow.checks.rows import check_file, is_urgent, length_of, yes_no
from xlflow.cli import cli
from xlflow.intake.sniff import not_a_workbook
from xlflow.ledger import Ledger
from xlflow.settings import Settings
from xlflow.workspace import Workspace

ECON = ("1-2月，全县规模工业增加值同比增长8.5%，增速比上年同期回落1.2个百分点。主要原因是部分重点企业订单减少、产品价格下行，"
        "加之春节因素影响，企业开工不足。下一步将重点抓好骨干企业稳产增产，加快在建项目投产进度，积极帮助企业开拓市场。"
        "同时密切监测运行动态，及时协调解决企业生产经营中遇到的困难和问题，落实各项惠企政策，推动企业扩大产能、增加效益，"
        "确保一季度实现开门红，为全年目标任务的完成打下坚实基础。")  # fmt: skip


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _send(ws: Workspace, unit: str, rows: list[list[object]], header: list[str] = HEADER) -> None:
    folder = ws.inbox / "2015-03"
    folder.mkdir(parents=True, exist_ok=True)
    write_xlsx(folder / f"{unit}_2015年03月.xlsx", [[f"报送单位：{unit}", None, "报送月份：2015年3月"], [], header, *rows])


def _consolidate(ws: Workspace) -> tuple[str, dict[tuple[str, int], tuple[bool, list[str]]]]:
    """The CLI's output; (unit, row) -> counted, the messages of its findings, as the ledger keeps them."""
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "Traceback" not in result.output and "内部错误" not in result.output, result.output
    with Ledger.open(ws.ledger_path) as ledger:
        return result.output, {(a.unit, a.row): (a.counted, [f.message for f in a.findings]) for a in ledger.file_articles(["2015-03"])}


# --- 1. 是否含情况分析 and 紧急程度 with words or punctuation after the mark -----------------------------------

YES = ["是", "是。", "是的", "含情况分析", "有情况分析", "是（附后）", "有，见第二段", "ｙｅｓ", "√"]
NO = ["否", "否。", "无", "没有", "不含", "无情况分析", "没有分析"]
NEITHER = ["是否", "有无", "有待补充", "否（有）", "不详", "—", "", None]


def test_a_yes_or_no_with_words_after_it() -> None:
    assert [yes_no(v) for v in YES] == [True] * 9
    assert [yes_no(v) for v in NO] == [False] * 7
    assert [yes_no(v) for v in NEITHER] == [None] * 8
    assert [is_urgent(v) for v in ("紧急。", "特急件", "紧急！", "不紧急", "非紧急", "一般", "是否紧急")] == [True] * 3 + [False] * 4


def test_an_economic_article_marked_yes_with_words_counts(settings: Settings) -> None:
    rows = [article(title=f"1-2月工业运行分析{k}", category="经济运行", body=ECON + str(k), analysis=v) for k, v in enumerate(YES)]
    assert [a.counted for a in check_file(unit_file(rows), settings=settings)] == [True] * 9
    [a] = check_file(unit_file([article(category="经济运行", body=ECON, analysis="是否")]), settings=settings)
    assert not a.counted and "“是否含情况分析”为“是否”" in a.findings[0].message


def test_yes_spellings_through_the_cli(ws: Workspace) -> None:
    spelled = ["是。", "是的", "含情况分析", "有情况分析", "是（附后）", "有，见第二段", "没有"]
    rows = [article_row(title=f"1-2月工业运行分析{k}", category="经济运行", body=ECON + str(k), analysis=v) for k, v in enumerate(spelled)]
    _send(ws, "中小企业服务中心", rows)
    output, read = _consolidate(ws)
    assert "计入稿件 6 条（共 7 行，1 行有错误未计入）" in output
    assert [read[("中小企业服务中心", r)][0] for r in range(4, 11)] == [True] * 6 + [False]
    assert read[("中小企业服务中心", 10)][1] == ["这条信息属经济运行类，“是否含情况分析”为“没有”：指标信息必须有情况分析（原因、趋势、措施）；"
                                                 "正文已有分析的，把这一栏改为“是”即可，没有的请补充后填“是”，再重新报送"]  # fmt: skip


# --- 3. a 是否含情况分析 column headed otherwise ----------------------------------------------------------------


def _economic(unit: str, k: int = 0) -> list[object]:
    return article_row(title=f"{unit}1-2月工业运行{k}", category="经济运行", body=ECON + unit, analysis="是")


def test_analysis_headings_are_read(ws: Workspace) -> None:
    units = {"湘阴县工信局": "是否有分析", "君山区工信局": "有无分析", "岳阳楼区工信局": "是否分析", "屈原区工信局": "是否含分析"}
    for unit, heading in units.items():
        _send(ws, unit, [_economic(unit)], [heading if h == "是否含情况分析" else h for h in HEADER])
    output, read = _consolidate(ws)
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in output and "不是登记表的栏目" not in output
    assert all(read[(unit, 4)] == (True, []) for unit in units)


def test_an_analysis_column_not_read_is_said_so(ws: Workspace, settings: Settings) -> None:
    _send(ws, "平江县工信局", [_economic("平江县工信局")], [h.replace("是否含情况分析", "是否附分析") for h in HEADER])
    _send(ws, "湘阴县工信局", [_economic("湘阴县工信局")[:6] + _economic("湘阴县工信局")[7:]], [h for h in HEADER if h != "是否含情况分析"])
    output, read = _consolidate(ws)
    assert "G 列“是否附分析”不是登记表的栏目，未读取" in output
    assert read[("平江县工信局", 4)] == (False, [
        "这条信息属经济运行类，G 列“是否附分析”不是认得出的“是否含情况分析”一栏，未读取：指标信息必须有情况分析（原因、趋势、措施）；"
        "正文已有分析的，把 G 列的表头改为“是否含情况分析”并填“是”即可，没有的请补充后填“是”，再重新报送"])  # fmt: skip
    assert read[("湘阴县工信局", 4)] == (False, [
        "这条信息属经济运行类，登记表没有“是否含情况分析”一栏：指标信息必须有情况分析（原因、趋势、措施）；"
        "正文已有分析的，按下发模板加上“是否含情况分析”一栏并填“是”即可，没有的请补充后填“是”，再重新报送"])  # fmt: skip


# --- 4. a 字数 no article has ------------------------------------------------------------------------------------


def test_an_absurd_length_is_said_not_stored(ws: Workspace, settings: Settings) -> None:
    huge = [1e20, 99999999999999999999, "99999999999999999999", "３０００００００００００００００００００字"]
    assert [length_of(v) for v in (*huge, 350, "约500字", 10_000_000)] == [None] * 4 + [350, 500, 10_000_000]
    [a] = check_file(unit_file([article(body=None, chars=99999999999999999999)]), settings=settings)
    assert [f.message for f in a.findings] == ["字数“99999999999999999999”数字过大，不合理：请填写正文字数（如 350），或粘贴正文"]
    _send(ws, "云溪区工信局", [article_row(title="云溪区工信局工作动态")])
    _send(ws, "轻工业科", [article_row(title="轻工业科工作动态", body=None, chars=1e20)])
    output, read = _consolidate(ws)
    assert "计入稿件 1 条（共 2 行，1 行有错误未计入）" in output
    assert read[("云溪区工信局", 4)] == (True, [])
    assert read[("轻工业科", 4)] == (False, ["字数“100000000000000000000”数字过大，不合理：请填写正文字数（如 350），或粘贴正文"])


# --- 6. LibreOffice's flat XML spreadsheet --------------------------------------------------------------------

FODS = ('<?xml version="1.0" encoding="UTF-8"?>\n\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        + " ".join(f'xmlns:ns{k}="urn:example:{"x" * 60}:{k}"' for k in range(40))  # as long as LibreOffice's, past 2,000
        + ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">\n<office:body>'
        '<office:spreadsheet><table:table table:name="信息报送登记表"/></office:spreadsheet></office:body></office:document>\n')  # fmt: skip
SAID = ("这是 LibreOffice 的“平面 XML ODF 电子表格”（.fods），Excel 和 WPS 都打不开，请用 LibreOffice 打开后“另存为”"
        "Excel 工作簿(*.xlsx) 或 ODF 电子表格(*.ods) 再报送")  # fmt: skip


def test_a_flat_ods_is_sent_back_to_libreoffice(ws: Workspace) -> None:
    assert FODS.index("office:mimetype") > 2000
    error = not_a_workbook("汨罗市工信局_3月.fods", FODS.encode()[: 8 * 1024])
    assert (error.code, str(error)) == ("F1", f"汨罗市工信局_3月.fods：{SAID}")
    (ws.inbox / "2015-03").mkdir(parents=True)
    (ws.inbox / "2015-03" / "汨罗市工信局_3月.fods").write_text(FODS, encoding="utf-8")
    output, _ = _consolidate(ws)
    assert f"汨罗市工信局_3月.fods：{SAID}" in output and "Excel 或 WPS 打开" not in output


# --- 2. a total row under the articles -----------------------------------------------------------------------

TOTALS = {  # unit -> the row under its three articles (A 序号 … H 审签人), and whether it is named as a footer
    "岳阳县工信局": ([None, None, "本月共报送3条信息", None, None, 780], True),
    "平江县工信局": ([None, None, "以上共3条", None, None, 780], True),
    "湘阴县工信局": (["合计", None, "3条", None, None, 780], False),  # review Z3 7: led by 合计, silent as it was
    "汨罗市工信局": (["合计", None, "3条"], False),
    "屈原区工信局": (["小计", None, "以上共3条"], False),
    "华容县工信局": ([None, None, "报送数量：3条"], True),
    "云溪区工信局": ([None, None, "合 计（3条）", None, None, 780], True),
    "临湘市工信局": (["合计", "—", "—", "—", "—", 780, "—", "—"], False),
    "岳阳楼区工信局": (["合计", "/", "/", "/", "/", 780, "/", "/"], False),
    "君山区工信局": ([None, None, "合计", None, None, 780, None, "/"], False),
}


def _three_and(unit: str, last: list[object]) -> list[list[object]]:
    return [article_row(seq=k + 1, title=f"{unit}工作动态{k}") for k in range(3)] + [[], last]


def test_total_rows_are_footers_not_articles(ws: Workspace) -> None:
    for unit, (total, _named) in TOTALS.items():
        _send(ws, unit, _three_and(unit, total))
    output, read = _consolidate(ws)
    assert "计入稿件 30 条（共 30 行，0 行有错误未计入）" in output and "问题：无" in output
    assert sorted(row for _unit, row in read) == sorted([4, 5, 6] * 10)
    said = "\n".join(xlflow.Workspace(ws.root).findings("2015-03")["说明"])
    for unit, (total, named) in TOTALS.items():
        footer = f"{unit}_2015年03月.xlsx：工作表“信息报送登记表”第 8 行是表尾的落款或日期（“{total[2]}”），未作为信息读取"
        assert (footer in said) is named, unit


def test_a_real_article_beside_total_words_stays_an_article(ws: Workspace) -> None:
    _send(ws, "岳阳县工信局", _three_and("岳阳县工信局", article_row(seq="合计", title="岳阳县一季度工业运行情况")))
    _send(ws, "平江县工信局", _three_and("平江县工信局", [4, "2015-03-20", "以上共3条", None, None, 780, None, "李建国"]))
    _send(ws, "湘阴县工信局", _three_and("湘阴县工信局", article_row(seq=4, title="湘阴县园区建设提速", signer="—")))
    output, read = _consolidate(ws)
    assert "计入稿件 11 条（共 12 行，1 行有错误未计入）" in output
    assert read[("岳阳县工信局", 8)] == (True, [])
    assert read[("平江县工信局", 8)] == (True, ["没有填写信息类别：本条照常计入，归“其他”类；以后请从下拉列表选择六类之一"])
    assert read[("湘阴县工信局", 8)][0] is False and read[("湘阴县工信局", 8)][1][0].startswith("审签人填的是“—”，即没有审签人")
