"""What sits above the header read (the one with the most columns): a whole form's articles over a longer table are
read by their own header; an example block, a list of another kind, a caption (无) and an instruction line are not
articles, and the 报送单位 label between is still the unit's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import article_row, write_xlsx

from xlflow.cli import cli
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
from xlflow.settings import Settings

LABELS = ["报送单位：", "中小企业科", None, "报送月份：", "2015年3月"]
SHORT = ["序号", "报送日期", "信息标题", "信息类别", "正文", "字数", "审签人"]
LONGER = [*SHORT, "紧急程度", "事件发生时间"]
NAME = "3月信息报送登记表.xlsx"  # no unit in the name: the label says whose it is
EXAMPLE = ["示例", "2015-03-01", "示例：XX县召开XX会议", "工作动态", "（正文全文）" + "X" * 60, 300, "张XX"]


def read(path: Path, units: UnitTable, settings: Settings):  # noqa: ANN201
    return read_unit_workbook(path, units, month_hint="2015-03", settings=settings)


def consolidate(tmp_path: Path, rows: list[list[object]]) -> str:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    write_xlsx(ws.inbox / "2015-03" / NAME, rows)
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    return result.output


def _form(i: int) -> list[object]:
    return [*article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}"), None]


BLOCKS = {  # above the label and the form's header with 备注: the example, or one article under the form's header
    "example": [["填写示例："], SHORT, EXAMPLE, []],
    "urgent": [["一、紧急信息"], SHORT, article_row(SHORT, title="中小企业科突发事件处置信息"), []],
}


def _block_above_the_label(block: str) -> list[list[object]]:
    return [*BLOCKS[block], LABELS, [*SHORT, "备注"], *(_form(i) for i in (1, 2, 3))]


@pytest.mark.parametrize(("block", "read_rows"), [
    ("example", [(7, "中小企业科3月信息1"), (8, "中小企业科3月信息2"), (9, "中小企业科3月信息3")]),
    ("urgent", [(3, "中小企业科突发事件处置信息"), (7, "中小企业科3月信息1"), (8, "中小企业科3月信息2"),
                (9, "中小企业科3月信息3")]),
])  # fmt: skip
def test_a_block_above_the_label_leaves_the_label_the_units(
    tmp_path: Path, units: UnitTable, settings: Settings, block: str, read_rows: list[tuple[int, str]]
) -> None:
    uf = read(write_xlsx(tmp_path / NAME, _block_above_the_label(block)), units, settings)
    assert (uf.unit, [(r.row, r.values["title"]) for r in uf.rows], uf.findings) == ("中小企业科", read_rows, [])


@pytest.mark.parametrize(("block", "said"), [("example", "计入稿件 3 条（共 3 行，0 行有错误未计入）"),
                                             ("urgent", "计入稿件 4 条（共 4 行，0 行有错误未计入）")])  # fmt: skip
def test_the_cli_accepts_a_block_above_the_label(tmp_path: Path, block: str, said: str) -> None:
    output = consolidate(tmp_path, _block_above_the_label(block))
    assert said in output and "问题：无" in output
    assert "看不出是哪个单位" not in output


ADOPTED = [["上月信息采用情况"], ["序号", "报送日期", "信息标题", "信息类别", "采用刊物", "字数", "审签人"],
           [1, dt.datetime(2015, 2, 10), "中小企业科2月信息被省厅采用", "工作动态", "湖南经信", 300, "李建国"], []]  # fmt: skip


def _adopted_above(label_first: bool) -> list[list[object]]:
    top = [LABELS, *ADOPTED] if label_first else [*ADOPTED, LABELS]
    return [*top, SHORT, *(article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2))]


@pytest.mark.parametrize("label_first", [True, False])
def test_a_list_of_another_kind_above_the_form_is_not_read(
    tmp_path: Path, units: UnitTable, settings: Settings, label_first: bool
) -> None:
    uf = read(write_xlsx(tmp_path / NAME, _adopted_above(label_first)), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(7, "中小企业科3月信息1"), (8, "中小企业科3月信息2")]
    assert (uf.unit, uf.findings) == ("中小企业科", [])


def test_the_cli_counts_no_row_of_a_list_above_the_form(tmp_path: Path) -> None:
    output = consolidate(tmp_path, _adopted_above(True))
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output and "问题：无" in output


NOTHING = {  # the form's row saying there is no ordinary article this month, its date and signer filled in as usual
    "无": [1, dt.datetime(2015, 3, 25), "无", None, None, None, "李建国"],
    "本月无常规信息": [1, None, "本月无常规信息", None, None, None, "李建国"],
    "暂无": [None, dt.datetime(2015, 3, 25), "（本月暂无）"],
}


def _nothing_over_urgent(row: list[object]) -> list[list[object]]:
    return [LABELS, ["一、政务信息"], SHORT, row, ["二、紧急信息"], LONGER,
            article_row(LONGER, title="中小企业科突发事件处置信息")]  # fmt: skip


@pytest.mark.parametrize("nothing", NOTHING)
def test_a_row_saying_nothing_above_a_longer_table_is_no_article(
    tmp_path: Path, units: UnitTable, settings: Settings, nothing: str
) -> None:
    uf = read(write_xlsx(tmp_path / NAME, _nothing_over_urgent(NOTHING[nothing])), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(7, "中小企业科突发事件处置信息")]
    assert (uf.header_row, uf.findings) == (6, [])


def test_the_cli_counts_only_the_urgent_article(tmp_path: Path) -> None:
    output = consolidate(tmp_path, _nothing_over_urgent(NOTHING["无"]))
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in output and "问题：无" in output


LINES = {  # an instruction line above the header, beside a deadline or a name
    "温馨提示": ["温馨提示：请于每月25日前报送，正文须粘贴全文且不少于200字，指标类信息须有情况分析，审签人须为单位负责人，未经审签的不予统计。",
             None, None, "截止日期", "2015-03-25"],
    "报送要求": ["报送要求：每条信息须粘贴全文且不少于200字，指标类信息须有情况分析，并经单位负责人审签；请于每月25日前将本表报综合法规科。",
             None, None, None, "2015年3月25日", "易振波"],
    "说明": ["关于报送2015年3月份政务信息的说明：本月共报送信息4条，均为工作动态类，已经局主要负责人审签，请市经信委综合法规科审阅。",
           None, None, None, dt.datetime(2015, 3, 25), "李建国"],
}  # fmt: skip


def _line_above(line: str) -> list[list[object]]:
    return [["岳阳市经信委政务信息报送登记表"], LINES[line], LABELS, SHORT,
            *(article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2))]  # fmt: skip


@pytest.mark.parametrize("line", LINES)
def test_an_instruction_beside_a_date_or_a_name_is_not_named(
    tmp_path: Path, units: UnitTable, settings: Settings, line: str
) -> None:
    uf = read(write_xlsx(tmp_path / NAME, _line_above(line)), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(5, "中小企业科3月信息1"), (6, "中小企业科3月信息2")]
    assert uf.findings == []


@pytest.mark.parametrize("line", LINES)
def test_the_cli_names_no_instruction_beside_a_date(tmp_path: Path, line: str) -> None:
    output = consolidate(tmp_path, _line_above(line))
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output and "问题：无" in output
    assert "上方" not in output


NO_BODY = article_row(SHORT, seq=3, title="中小企业科召开企业家座谈会", body=None)  # the date, category, signer only


def _no_body_over_urgent(alone: bool) -> list[list[object]]:
    upper = [NO_BODY] if alone else [*(article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2)), NO_BODY]
    return [LABELS, SHORT, *upper, [], ["二、紧急信息"], LONGER, article_row(LONGER, title="中小企业科突发事件处置信息")]


@pytest.mark.parametrize(("alone", "read_rows"), [
    (True, [(3, "中小企业科召开企业家座谈会"), (7, "中小企业科突发事件处置信息")]),
    (False, [(3, "中小企业科3月信息1"), (4, "中小企业科3月信息2"), (5, "中小企业科召开企业家座谈会"),
             (9, "中小企业科突发事件处置信息")]),
])  # fmt: skip
def test_the_upper_forms_last_article_without_its_body_is_read(
    tmp_path: Path, units: UnitTable, settings: Settings, alone: bool, read_rows: list[tuple[int, str]]
) -> None:
    uf = read(write_xlsx(tmp_path / NAME, _no_body_over_urgent(alone)), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == read_rows
    assert (uf.unit, uf.findings) == ("中小企业科", [])


@pytest.mark.parametrize(("alone", "said"), [(True, "计入稿件 1 条（共 2 行，1 行有错误未计入）"),
                                             (False, "计入稿件 3 条（共 4 行，1 行有错误未计入）")])  # fmt: skip
def test_the_cli_names_the_article_without_its_body(tmp_path: Path, alone: bool, said: str) -> None:
    output = consolidate(tmp_path, _no_body_over_urgent(alone))
    assert said in output and "问题：R1 字数不足 1 条" in output


ABOVE = {  # an article typed above the header: its title or its 正文 begins as an instruction would
    "关于…说明": ("关于我市一季度工业用电量增长情况的说明", None),
    "提示": ("提示企业防范汛期安全生产风险", None),
    "正文以请开头": ("中小企业科一季度工业用电量增长明显", "请" + "中小企业科一季度工业用电量同比增长百分之十二。" * 5),
}


def _article_above(kind: str) -> list[list[object]]:
    title, body = ABOVE[kind]
    return [LABELS, article_row(SHORT, seq=None, title=title, **({"body": body} if body else {})), SHORT,
            *(article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2))]  # fmt: skip


@pytest.mark.parametrize("kind", ABOVE)
def test_an_article_above_the_header_is_named_whatever_its_title(
    tmp_path: Path, units: UnitTable, settings: Settings, kind: str
) -> None:
    uf = read(write_xlsx(tmp_path / NAME, _article_above(kind)), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(4, "中小企业科3月信息1"), (5, "中小企业科3月信息2")]
    assert [(f.code, f.message) for f in uf.findings] == [("F12", f"{NAME}：工作表“信息报送登记表”第 2 行在表头（第 3 行）上方，"
                                                                  "没有认得出的表头，未作为信息读取：如是要报送的信息，请移到表头下方后重新报送")]  # fmt: skip


@pytest.mark.parametrize("kind", ABOVE)
def test_the_cli_names_an_article_above_the_header(tmp_path: Path, kind: str) -> None:
    output = consolidate(tmp_path, _article_above(kind))
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output
    assert "第 2 行在表头（第 3 行）上方，没有认得出的表头，未作为信息读取" in output


def _label_inside_the_upper_form() -> list[list[object]]:
    first, second = (article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2))
    return [SHORT, first, LABELS, second, [], LONGER, article_row(LONGER, title="中小企业科突发事件处置信息")]


def test_a_label_row_between_the_upper_forms_articles_is_the_units(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(write_xlsx(tmp_path / NAME, _label_inside_the_upper_form()), units, settings)
    read_rows = [(2, "中小企业科3月信息1"), (4, "中小企业科3月信息2"), (7, "中小企业科突发事件处置信息")]
    assert ([(r.row, r.values["title"]) for r in uf.rows], uf.unit, uf.findings) == (read_rows, "中小企业科", [])


def test_the_cli_reads_no_article_from_the_label_row(tmp_path: Path) -> None:
    output = consolidate(tmp_path, _label_inside_the_upper_form())
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in output and "问题：无" in output


@pytest.mark.parametrize("title", ["二、经济运行情况：一季度规模工业增加值增长8%", "临湘市一季度工业经济运行情况如下：", "本月无较大及以上安全生产事故发生", "无"])
def test_the_upper_forms_last_article_titled_like_a_caption_is_read(
    tmp_path: Path, units: UnitTable, settings: Settings, title: str
) -> None:
    """review Z6: with its 正文, a title like a caption (二、…, ending in ：, 本月无…, even 无) is an article, also last
    in the upper form above 二、紧急信息 and a longer table."""
    rows = [SHORT, _form(1)[:-1], article_row(SHORT, seq=2, title=title), [], ["二、紧急信息"], LONGER,
            article_row(LONGER, title="中小企业科突发事件处置信息")]  # fmt: skip
    uf = read(write_xlsx(tmp_path / "中小企业科_2015年03月.xlsx", rows), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(2, "中小企业科3月信息1"), (3, title), (7, "中小企业科突发事件处置信息")]
