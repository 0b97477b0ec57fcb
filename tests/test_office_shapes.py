"""Shapes of returned workbooks seen in offices: a date filled down past the articles, hint and total rows, an
article merged over two rows, titles that begin like a note, header synonyms and two columns for one field,
a sheet copied for printing. Read through the library and consolidated through the CLI."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import hostile
import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace
from helpers_workbooks import BODY, HEADER, article_row, own_body, write_ods, write_xlsx

from xlflow.cli import cli
from xlflow.commands.receipts import receipt_path
from xlflow.core.errors import InputFileError
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.returns import read_unit_workbook
from xlflow.intake.returns_header import column_key
from xlflow.intake.workbook import open_book
from xlflow.ledger.store import Ledger
from xlflow.settings import Settings
from xlflow.writers.receipt import FINDINGS_SHEET

LABELS = ["报送单位：", "中小企业科", None, "报送月份：", "2015年3月"]
MARCH = dt.datetime(2015, 3, 31)


def read(path: Path, units: UnitTable, settings: Settings):  # noqa: ANN201
    return read_unit_workbook(path, units, month_hint="2015-03", settings=settings)


def consolidate(root: Path) -> str:
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def _drag_filled(path: Path) -> Path:
    """Three articles; the sending date typed once and filled down to row 12 (序号 numbers beside it)."""
    rows: list[list[object]] = [LABELS, HEADER]
    rows += [article_row(seq=i + 1, date=MARCH, title=f"中小企业科3月信息{i + 1}") for i in range(3)]
    rows += [[n, MARCH] for n in range(4, 11)]  # rows 6-12: 序号 and 报送日期 only
    return write_xlsx(path, rows)


def test_a_date_filled_down_past_the_articles_names_rows_not_articles(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_drag_filled(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [r.row for r in uf.rows] == [3, 4, 5]
    assert [(f.code, f.row) for f in uf.findings] == [("F14", r) for r in range(6, 13)]
    assert uf.findings[0].message == (
        "第 6 行只填了 序号、报送日期，没有信息标题、正文和字数，未作为信息读取：如是一条信息，请在同一行补全后重新报送"
    )


def test_the_cli_counts_the_articles_and_rejects_no_empty_row(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _drag_filled(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in output
    assert "问题：无" in output
    assert "第 6—12 行有内容但不是一条完整的信息，未读取" in output
    with Ledger.open(ws.ledger_path) as ledger:
        assert len(ledger.articles(["2015-03"], counted_only=False)) == 3


def test_rows_skipped_on_two_sheets_are_said_sheet_by_sheet(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    first = [LABELS, HEADER, article_row(seq=1, date=MARCH, title="中小企业科3月信息1"), [2, MARCH], [3, MARCH]]
    second = [LABELS, HEADER, article_row(seq=1, date=MARCH, title="中小企业科3月信息2"), [2, MARCH], [3, MARCH],
              [4, MARCH]]  # fmt: skip
    write_xlsx(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx", {"工作动态": first, "经济运行": second})
    output = consolidate(ws.root)
    assert "工作表“工作动态”第 4、5 行、工作表“经济运行”第 4—6 行有内容但不是一条完整的信息" in output


def test_a_row_with_a_length_or_body_but_no_title_is_still_an_article(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    rows = [LABELS, HEADER, article_row(title=None, body=None, chars=450), article_row(seq=2, title=None, category=None)]
    uf = read(write_xlsx(tmp_path / "中小企业科_2015年03月.xlsx", rows), units, settings)
    assert [(r.row, r.values["title"], r.values["chars"]) for r in uf.rows] == [(3, None, 450), (4, None, None)]
    assert uf.findings == []


def test_hint_total_and_two_row_article_rows_are_no_articles(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    header = ["序号", "报送日期", "信息标题", "信息类别", "字数", "审签人"]
    hint = [None, "（年月日）", "（必填）", "（六类之一）", "（字）", "（分管领导）"]
    first = [1, dt.datetime(2015, 3, 5), "中小企业科信息1", "工作动态", 400, "赵主任"]
    tall = [2, dt.datetime(2015, 3, 6), "中小企业科信息2", "工作动态", 500, "赵主任"]  # merged over rows 5-6
    total = [3, None, "合计", None, 900]  # 序号 formula and =SUM of 字数 beside the word
    footer = [3, None, "以上信息均经分管领导审核"]  # beside the 序号 the formula shows: named, no article
    rows = [LABELS, header, hint, first, tall, [3], total, footer]
    merges = [f"{c}5:{c}6" for c in "BCDEF"]
    uf = read(write_xlsx(tmp_path / "中小企业科_2015年03月.xlsx", rows, merges=merges), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(4, "中小企业科信息1"), (5, "中小企业科信息2")]
    assert [(f.code, f.row) for f in uf.findings] == [("F14", 8)]


def test_a_name_column_under_a_signing_group_cell_is_the_signer(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    top = ["序号", "报送日期", "信息标题", "信息类别", "正文", "字数", "审签", None]
    bottom = [None, None, None, None, None, None, "姓名", "职务"]
    data = [1, dt.datetime(2015, 3, 5), "中小企业科信息1", "工作动态", BODY, None, "钱主任", "副主任"]
    merges = [f"{c}2:{c}3" for c in "ABCDEF"] + ["G2:H2"]
    uf = read(write_xlsx(tmp_path / "中小企业科_2015年03月.xlsx", [LABELS, top, bottom, data], merges=merges), units, settings)
    assert (uf.header_row, uf.sheets[0].columns["signer"], uf.sheets[0].columns["signer_title"]) == (3, "G", "H")
    assert [(r.row, r.values["signer"]) for r in uf.rows] == [(4, "钱主任")]
    assert uf.findings == []


def test_a_title_that_begins_like_a_note_is_an_article(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    header = ["信息标题", "报送日期", "信息类别", "正文", "审签人"]
    rows = [
        ["报送单位：纪检监察室", None, "报送月份：2015年3月"], header,
        ["以上率下 推动作风建设常态化", None, "工作动态", own_body("以上率下 推动作风建设常态化", BODY), "赵书记"],
        ["注意防范节后“四风”反弹", "2015-3-9", "工作动态", own_body("注意防范节后“四风”反弹", BODY), "赵书记"],
        ["手机APP助力廉政教育", "3月上旬", "工作动态", own_body("手机APP助力廉政教育", BODY), "赵书记"],
        ["合计12个廉政教育点挂牌", "3月10日", "工作动态", None, "赵书记"],
        ["以上信息均经分管领导审核"],  # a footer in the title column: named, not an article
        ["合计", None, None, None, None],
        ["注：信息类别从下拉列表选择"],
        ["联系人：王芳"],
    ]  # fmt: skip
    uf = read(write_xlsx(tmp_path / "纪检监察室_2015年03月.xlsx", rows), units, settings)
    assert [r.row for r in uf.rows] == [3, 4, 5, 6]
    assert [(f.code, f.row) for f in uf.findings] == [("F14", 7)]
    assert uf.findings[0].message.startswith("第 7 行只填了 信息标题，")


NOTE_WORDED = ["说明：3月份规模工业增加值增速回落的原因", "注1：一季度工业用电情况", "备注：春节后企业复工复产情况",
               "合计：一季度技改投资32亿元", "联系人：企业服务专员制度全面推行"]  # fmt: skip  (示例：… is the form's example)


def _note_worded_articles(path: Path) -> Path:
    """Complete articles (a real date, a numeric 序号) whose titles begin with a note's label and its colon."""
    rows = [LABELS, HEADER, article_row(title="中小企业科3月信息")]
    rows += [article_row(seq=i, title=title) for i, title in enumerate(NOTE_WORDED, 2)]
    rows += [[8, None, "注2：一季度工业用电量同比增长", "经济运行", None, 600]]  # no body, date nor signer: kept for the rules
    return write_xlsx(path, rows)


def test_a_complete_article_titled_like_a_note_is_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_note_worded_articles(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [
        (3, "中小企业科3月信息"), *zip(range(4, 9), NOTE_WORDED, strict=True), (9, "注2：一季度工业用电量同比增长")]  # fmt: skip
    assert uf.findings == []


def test_the_cli_counts_every_article_titled_like_a_note(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _note_worded_articles(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 6 条（共 7 行，1 行有错误未计入）" in output
    assert "问题：R2 缺少情况分析 1 条，R3 未审签 1 条，R5 日期无效 1 条" in output


def test_the_cli_refuses_a_note_worded_article_for_its_date_not_as_empty(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    header = ["信息标题", "报送日期", "信息类别", "正文", "审签人"]
    rows = [["报送单位：纪检监察室", None, "报送月份：2015年3月"], header, ["以上率下 推动作风建设常态化", None, "工作动态", BODY, "赵书记"]]
    write_xlsx(ws.inbox / "2015-03" / "纪检监察室_2015年03月.xlsx", rows)
    output = consolidate(ws.root)
    assert "计入稿件 0 条（共 1 行，1 行有错误未计入）" in output
    assert "问题：R5 日期无效 1 条" in output
    assert "表头下没有填写任何信息" not in output


@pytest.mark.parametrize(
    ("header", "key"),
    [("是否有情况分析", "analysis"), ("是否情况分析", "analysis"), ("信息字数", "chars"), ("领导审签", "signer"), ("单位负责人", "signer"), ("签发领导", "signer"), ("审核领导", "signer"),
     ("分管领导", "signer"), ("文章标题", "title"), ("稿件名称", "title"), ("信息题目", "title"),
     ("上报时间", "date"), ("信息分类", "category"), ("联系电话", None), ("签发人/审核人", "signer"), ("审批人", "signer"),
     ("分类", "category"), ("栏目", "category"), ("稿件内容", "body"), ("信息正文", "body"), ("主要内容", None), ("稿件类别", "category"),
     ("字数统计", "chars"), ("领导签字", "signer"), ("审核", "signer"), ("审签人签字", "signer"), ("分管领导签字", "signer"),
     ("负责人签字", "signer"), ("稿件类型", "category")],
)  # fmt: skip
def test_everyday_header_words(header: str, key: str | None) -> None:
    assert column_key(header) == key


def test_header_synonyms_of_the_notice_are_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    header = ["序号", "上报时间", "文章标题", "信息分类", "正文", "是否有情况分析", "领导签字"]
    row = [1, dt.datetime(2015, 3, 5), "平江县3月工业增加值增长8.5%", "经济运行", BODY, "是", "李局长"]
    labels = ["报送单位：平江县工信局", None, "报送月份：2015年3月"]
    uf = read(write_xlsx(tmp_path / "平江县工信局_2015年03月.xlsx", [labels, header, row]), units, settings)
    assert uf.sheets[0].columns == {"seq": "A", "date": "B", "title": "C", "category": "D", "body": "E",
                                    "analysis": "F", "signer": "G"}  # fmt: skip
    assert (uf.rows[0].values["analysis"], uf.rows[0].values["signer"]) == ("是", "李局长")
    assert uf.findings == []


def test_the_header_a_unit_renamed_is_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    header = ["序号", "报送日期", "信息标题", "栏目", "稿件内容", "字数统计", "签发人/审核人"]
    row = [1, dt.datetime(2015, 3, 5), "平江县召开工业项目调度会", "工作动态", BODY, 250, "李局长"]
    labels = ["报送单位：平江县工信局", None, "报送月份：2015年3月"]
    uf = read(write_xlsx(tmp_path / "平江县工信局_2015年03月.xlsx", [labels, header, row]), units, settings)
    assert uf.sheets[0].columns == {"seq": "A", "date": "B", "title": "C", "category": "D", "body": "E", "chars": "F",
                                    "signer": "G"}  # fmt: skip
    assert uf.findings == []


def _unknown_signer_header(path: Path) -> Path:
    header = ["序号", "报送日期", "信息标题", "信息类别", "正文", "把关人"]
    row = [1, dt.datetime(2015, 3, 5), "平江县召开工业项目调度会", "工作动态", BODY, "李局长"]
    return write_xlsx(path, [["报送单位：平江县工信局", None, "报送月份：2015年3月"], header, row])


def test_a_refusal_for_a_missing_column_names_the_header_not_recognised(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    with pytest.raises(InputFileError) as refused:
        read(_unknown_signer_header(tmp_path / "平江县工信局_2015年03月.xlsx"), units, settings)
    assert (refused.value.code, str(refused.value)) == ("F11", (
        "平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”第 2 行的表头缺少必填列 审签人（F 列“把关人”未能识别：如是审签人，"
        "请把表头改为“审签人”）：请按下发的模板补上这些列并填写后重新报送"))  # fmt: skip


def test_the_cli_names_the_header_not_recognised(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _unknown_signer_header(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "缺少必填列 审签人（F 列“把关人”未能识别：如是审签人，请把表头改为“审签人”）" in result.output


URGENT_UNREAD = ("临湘市工信局_2015年03月.xlsx：工作表“紧急信息”第 1 行的表头缺少必填列 审签人，表中第 2 行的信息未读取、未计入："
                 "请在该表表头补上这些列、逐行填写后重新报送，或把这些信息填入“信息报送登记表”工作表后重新报送")  # fmt: skip


def _form_and_unsigned_urgent_sheet(path: Path, urgent_rows: int = 1) -> Path:
    """review W2 9: the form, and a 紧急信息 sheet of a fire report with no 审签人 column (`urgent_rows` 0: header only)."""
    form = [["报送单位：临湘市工信局", None, "报送月份：2015年3月"], HEADER, article_row(title="临湘市召开安全生产会议")]
    urgent = [["序号", "报送日期", "信息标题", "信息类别", "正文"],
              *[[1, dt.datetime(2015, 3, 15), "临湘市某企业发生火灾", "突发事件", BODY]] * urgent_rows]  # fmt: skip
    return write_xlsx(path, {"信息报送登记表": form, "紧急信息": urgent})


def test_a_sheet_of_articles_lacking_a_column_beside_the_form_is_an_error(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review W2 9: alone it is refused (F11); beside the form its article is not read either: an error naming the
    sheet, its header row and the column, not a 提示 for the whole file; a header with no article under it stays one."""
    uf = read(_form_and_unsigned_urgent_sheet(tmp_path / "临湘市工信局_2015年03月.xlsx"), units, settings)
    assert [r.values["title"] for r in uf.rows] == ["临湘市召开安全生产会议"]
    assert [(f.code, f.severity, f.sheet, f.row, f.cell, f.message) for f in uf.findings] == [
        ("F11", "error", "紧急信息", 1, "第 1 行（表头）", URGENT_UNREAD)]
    uf = read(_form_and_unsigned_urgent_sheet(tmp_path / "临湘市工信局_2015年03月.xlsx", 0), units, settings)
    assert [(f.code, f.severity, f.row) for f in uf.findings] == [("F12", "warning", None)]


def test_a_sheet_of_articles_lacking_a_column_is_an_error_in_receipt_and_status_cli(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _form_and_unsigned_urgent_sheet(ws.inbox / "2015-03" / "临湘市工信局_2015年03月.xlsx")
    assert URGENT_UNREAD in consolidate(ws.root).replace("\n", "")
    receipt = openpyxl.load_workbook(receipt_path(ws, "临湘市工信局", Period.parse("2015-03")))
    assert [c.value for c in receipt["回执"][4]][3:] == ["本次报送 1 行：计入 1 条，未计入 0 条", 4, 1, 0.25, 1, 0]
    assert [c.value for c in receipt[FINDINGS_SHEET][3]][1:] == [
        "临湘市工信局_2015年03月.xlsx", "紧急信息", "第 1 行（表头）", None, "F11 缺少必填列", "错误", URGENT_UNREAD]
    told = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)]).output
    assert told[told.index("临湘市工信局") :].splitlines()[0].split()[1:5] == ["1", "1", "1", "0"]  # 文件 计入 错误 提示


def _form_and_side_sheet(path: Path, kind: str) -> Path:
    """review Z3 4: the form of two articles, and a side sheet without 审签人: a 目录 of the same articles, their texts
    (本月信息), earlier months' adoptions (采用情况), or one article of this month not on the form (紧急信息)."""
    titles = ["临湘市召开安全生产会议", "临湘市工业园新签约项目三个"]
    form = [["报送单位：临湘市工信局", None, "报送月份：2015年3月"], HEADER,
            *(article_row(seq=k + 1, title=t, date=dt.datetime(2015, 3, 5 + k)) for k, t in enumerate(titles))]  # fmt: skip
    side = {"目录": [["序号", "信息标题", "报送日期", "字数"], *([k + 1, t, dt.datetime(2015, 3, 5 + k), 420] for k, t in enumerate(titles))],
            "本月信息": [["序号", "信息标题", "报送日期", "正文"], *([k + 1, f" {t} ", dt.datetime(2015, 3, 5 + k), BODY] for k, t in enumerate(titles))],
            "采用情况": [["序号", "信息标题", "报送日期", "采用级别"], [1, "临湘市一月工业开门红", dt.datetime(2015, 1, 5), "市级"]],
            "目录2": [["序号", "信息标题", "报送日期", "字数"], [1, "1、临湘市召开安全生产会议", dt.datetime(2015, 3, 5), 420],
                    [2, "工业园新签约项目三个", dt.datetime(2015, 3, 6), 420]],  # sweep Z6 D2: numbered, shortened
            "紧急信息": [["序号", "信息标题", "报送日期", "正文"], [1, titles[0], dt.datetime(2015, 3, 5), BODY],
                         [2, "临湘市某企业发生火灾", dt.datetime(2015, 3, 15), BODY]]}[kind]  # fmt: skip
    return write_xlsx(path, {"信息报送登记表": form, kind: side})


def test_a_side_sheet_of_articles_already_read_or_of_other_months_stays_a_hint(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review Z3 4: a 目录, the texts kept, earlier months' adoptions: an F12 提示 as before, no F11 error to resend;
    beside them an article of this month not on the form is one, naming only its row."""
    for kind in ("目录", "目录2", "本月信息", "采用情况"):
        (tmp_path / kind).mkdir()
        uf = read(_form_and_side_sheet(tmp_path / kind / "临湘市工信局_2015年03月.xlsx", kind), units, settings)
        assert [(f.code, f.severity, f.message) for f in uf.findings] == [("F12", "warning", (
            f"临湘市工信局_2015年03月.xlsx：工作表“{kind}”未读取（第 1 行的表头缺少必填列 审签人"
            + ("、正文或字数（D 列“采用级别”未能识别：如是审签人、正文或字数，请把表头改为“审签人”、“正文”或“字数”）" if kind == "采用情况" else "")
            + "）：如其中有要报送的信息，请移到信息报送登记表中重新报送"))], kind  # fmt: skip
    uf = read(_form_and_side_sheet(tmp_path / "临湘市工信局_2015年03月.xlsx", "紧急信息"), units, settings)
    assert [(f.code, f.severity, f.row) for f in uf.findings] == [("F11", "error", 1)]
    assert "表中第 3 行的信息未读取、未计入" in uf.findings[0].message


def test_the_cli_keeps_a_side_sheet_of_the_same_articles_a_hint(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _form_and_side_sheet(ws.inbox / "2015-03" / "临湘市工信局_2015年03月.xlsx", "目录")
    assert "工作表“目录”未读取（第 1 行的表头缺少必填列 审签人）" in consolidate(ws.root).replace("\n", "")
    receipt = openpyxl.load_workbook(receipt_path(ws, "临湘市工信局", Period.parse("2015-03")))
    assert [c.value for c in receipt["回执"][4]][3:] == ["本次报送 2 行：计入 2 条，未计入 0 条", 4, 2, 0.5, 0, 1]
    assert [c.value for c in receipt[FINDINGS_SHEET][3]][5:7] == ["F12 工作表未读取", "提示"]


def _no_category_column(path: Path, extra: str = "", values: tuple[object, object] = (None, None)) -> Path:
    """The unit's own form without 信息类别; `extra`: one more column (empty, or phone numbers: not the categories)."""
    header = ["序号", "报送日期", "信息标题", "正文", "审签人", *([extra] if extra else [])]
    rows = [[i, dt.datetime(2015, 3, 5), f"平江县3月信息{i}", own_body(f"平江县3月信息{i}", BODY), "李局长", v] for i, v in zip((1, 2), values, strict=True)]
    return write_xlsx(path, [["报送单位：平江县工信局", None, "报送月份：2015年3月"], header, *rows])


def test_a_missing_category_column_reads_as_blank_categories(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_no_category_column(tmp_path / "平江县工信局_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["title"], r.values.get("category")) for r in uf.rows] == [
        (3, "平江县3月信息1", None), (4, "平江县3月信息2", None)]  # fmt: skip
    assert [(f.code, f.message) for f in uf.findings] == [("F11", (
        "平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”的表头没有“信息类别”列，各条信息计入时归“其他”类：下月请使用下发的模板，"
        "从下拉列表选择信息类别"))]  # fmt: skip


def test_the_cli_counts_the_articles_of_a_form_without_categories(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _no_category_column(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output
    assert "拒收 0 个" in output and "问题：R4 类别不明 2 条（提示）" in output
    assert "平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”的表头没有“信息类别”列，各条信息计入时归“其他”类" in output


def test_an_empty_or_phone_column_does_not_refuse_a_form_without_categories(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    """review F4: a column the coordinator fills (left empty) or phone numbers cannot be the categories."""
    no_category = ("F11", "平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”的表头没有“信息类别”列，各条信息计入时归“其他”类："
                   "下月请使用下发的模板，从下拉列表选择信息类别")  # fmt: skip
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    empty = _no_category_column(tmp_path / "a" / "平江县工信局_2015年03月.xlsx", "采用情况（由市经信委填写）")
    phone = _no_category_column(tmp_path / "b" / "平江县工信局_2015年03月.xlsx", "联系电话", ("0730-8715396", 13907301234))
    for path, said in ((empty, []), (phone, [("F15", "平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”的 F 列“联系电话”"
                                              "不是登记表的栏目，未读取：如是登记表已有的栏目，请把表头改为下发模板的名称")])):
        uf = read(path, units, settings)
        assert [r.values["title"] for r in uf.rows] == ["平江县3月信息1", "平江县3月信息2"]
        assert sorted((f.code, f.message) for f in uf.findings) == [no_category, *said]
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _no_category_column(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "采用情况（由市经信委填写）")
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output and "拒收 0 个" in output
    assert "表头没有“信息类别”列，各条信息计入时归“其他”类" in output


def _category_under_another_name(path: Path, name: str = "稿件性质", kinds: tuple[object, object] = ("经济运行", "经济运行"),
                                  second: str = "") -> Path:  # fmt: skip
    header = ["序号", "报送日期", "信息标题", name, "正文", "审签人", *([second] if second else [])]
    rows = [[i, dt.datetime(2015, 3, 5), f"平江县3月信息{i}", kind, own_body(f"平江县3月信息{i}", BODY), "李局长", kind]
            for i, kind in zip((1, 2), kinds, strict=True)]  # fmt: skip
    return write_xlsx(path, [["报送单位：平江县工信局", None, "报送月份：2015年3月"], header, *rows])


def _read_as_category(column: str) -> str:
    return (f"平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”的 {column}按信息类别读取：下月请使用下发的模板，"
            "从下拉列表选择信息类别")  # fmt: skip


@pytest.mark.parametrize(("name", "kinds", "read_as"), [
    ("稿件性质", ("工作动态", "企业项目"), ["工作动态", "产业园区企业项目"]),
    ("信息性质", ("新情况", "突发"), ["新情况新问题", "突发事件"])])  # sweep X6 c3: accepted before, never refused now
def test_a_category_column_under_another_name_is_read_as_categories(
    tmp_path: Path, units: UnitTable, settings: Settings, name: str, kinds: tuple[object, object], read_as: list[str]
) -> None:
    """A column the header does not name but plainly of categories (most values are, as R4 reads them) is read as
    信息类别, one 提示 naming it: read as no category, its 经济运行 articles would all count as 其他, escaping R2."""
    uf = read(_category_under_another_name(tmp_path / "平江县工信局_2015年03月.xlsx", name, kinds), units, settings)
    assert [r.values["category"] for r in uf.rows] == list(kinds)
    assert [(f.code, f.message) for f in uf.findings] == [("F11", _read_as_category(f"D 列“{name}”"))]
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _category_under_another_name(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", name, kinds)
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output and "拒收 0 个" in output and "R4" not in output
    assert _read_as_category(f"D 列“{name}”") in output
    with Ledger.open(ws.ledger_path) as ledger:
        assert [a.category for a in ledger.file_articles(["2015-03"]) if a.counted] == read_as


CATEGORY_REFUSED = (
    "平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”第 2 行的表头缺少必填列 信息类别（D 列“稿件性质”、G 列“类别代码”"
    "未能识别：如是信息类别，请把表头改为“信息类别”）：请按下发的模板补上这些列并填写后重新报送"
)


def test_two_columns_of_categories_under_other_names_refuse_the_file(tmp_path: Path, units: UnitTable,
                                                                     settings: Settings) -> None:  # fmt: skip
    """Which of two is the 信息类别 is not guessed: refused, both named."""
    path = _category_under_another_name(tmp_path / "平江县工信局_2015年03月.xlsx", second="类别代码")
    with pytest.raises(InputFileError) as refused:
        read(path, units, settings)
    assert (refused.value.code, str(refused.value)) == ("F11", CATEGORY_REFUSED)
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _category_under_another_name(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", second="类别代码")
    output = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).output
    assert "拒收 1 个" in output and CATEGORY_REFUSED in output and "归“其他”类" not in output


@pytest.mark.parametrize(("extra", "values"), [("类别代码", (3, 5)), ("附图张数", ("2", 1))])
def test_a_column_of_numbers_refuses_the_file(tmp_path: Path, units: UnitTable, settings: Settings, extra: str,
                                              values: tuple[object, object]) -> None:  # fmt: skip
    """Numbers may be codes 1–6 or a count (附图张数: 2 would make an article 经济运行): not guessed, refused."""
    said = (f"平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”第 2 行的表头缺少必填列 信息类别（F 列“{extra}”未能识别："
            "如是信息类别，请把表头改为“信息类别”）：请按下发的模板补上这些列并填写后重新报送")  # fmt: skip
    with pytest.raises(InputFileError) as refused:
        read(_no_category_column(tmp_path / "平江县工信局_2015年03月.xlsx", extra, values), units, settings)
    assert (refused.value.code, str(refused.value)) == ("F11", said)
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _no_category_column(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", extra, values)
    output = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)]).output
    assert "拒收 1 个" in output and said in output


NOT_CATEGORIES = [("撰稿人", ("王小明", "刘芳")), ("是否公开", ("是", "否")), ("公开属性", ("主动公开", "主动公开")),
                  ("附注", ("已报省厅", None)), ("所属科室", ("综合科", "综合科")), ("附件", ("有", "无"))]  # fmt: skip


@pytest.mark.parametrize(("extra", "values"), NOT_CATEGORIES)
def test_an_ordinary_extra_column_does_not_refuse_a_form_without_categories(
    tmp_path: Path, units: UnitTable, settings: Settings, extra: str, values: tuple[object, object]
) -> None:
    """review H4: only a column most of whose values are categories (names or codes 1–6) is taken for 信息类别."""
    uf = read(_no_category_column(tmp_path / "平江县工信局_2015年03月.xlsx", extra, values), units, settings)
    assert [r.values["title"] for r in uf.rows] == ["平江县3月信息1", "平江县3月信息2"]
    said = {f.code: f.message for f in uf.findings}
    assert sorted(said) == ["F11", "F15"] and f"F 列“{extra}”不是登记表的栏目，未读取" in said["F15"]


def test_the_cli_counts_a_form_with_an_author_column_and_no_categories(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _no_category_column(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "撰稿人", ("王小明", "刘芳"))
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output and "拒收 0 个" in output
    assert "表头没有“信息类别”列，各条信息计入时归“其他”类" in output and "F 列“撰稿人”不是登记表的栏目，未读取" in output


def _two_for_one(path: Path) -> Path:
    header = ["序号", "报送日期", "信息标题", "类型", "信息类别", "正文", "审核人", "签发人", "联系电话"]
    rows = [["报送单位：投资规划科", None, "报送月份：2015年3月"], header]
    rows += [[i, dt.datetime(2015, 3, 2 + i), f"投资规划科信息{i}", "原创", "产业园区企业项目", own_body(f"投资规划科信息{i}", BODY), None, "周副主任",
              "8715396"] for i in range(1, 4)]  # fmt: skip
    return write_xlsx(path, rows)


def test_the_canonical_or_the_filled_column_wins_and_the_others_are_named(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_two_for_one(tmp_path / "投资规划科_2015年03月.xlsx"), units, settings)
    columns = uf.sheets[0].columns
    assert (columns["category"], columns["signer"]) == ("E", "H")
    assert (uf.rows[0].values["category"], uf.rows[0].values["signer"]) == ("产业园区企业项目", "周副主任")
    [named] = uf.findings
    assert (named.code, named.severity, named.sheet, named.row) == ("F15", "warning", "信息报送登记表", None)
    assert named.message == (
        "投资规划科_2015年03月.xlsx：工作表“信息报送登记表”的 D 列“类型”（信息类别已按 E 列“信息类别”读取）未读取："
        "如其中有要报送的内容，请填到下发模板的对应列后重新报送；I 列“联系电话”不是登记表的栏目，未读取：如是登记表已有的栏目，请把表头改为下发模板的名称"
    )


def test_an_approval_column_beside_the_signer_needs_nothing(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """review 6c: 领导审签 holding 同意 beside 审签人 is an approval mark, not content to resend."""
    header = ["序号", "报送日期", "信息标题", "信息类别", "正文", "审签人", "领导审签", "审核领导"]
    rows = [["报送单位：平江县工信局", None, "报送月份：2015年3月"], header]
    rows += [[i, dt.datetime(2015, 3, 2 + i), f"平江县信息{i}", "工作动态", own_body(f"平江县信息{i}", BODY), "张局长", mark, "王局长"]
             for i, mark in ((1, "同意"), (2, "已审签"))]  # fmt: skip
    uf = read(write_xlsx(tmp_path / "平江县工信局_2015年03月.xlsx", rows), units, settings)
    assert uf.rows[0].values["signer"] == "张局长"
    [named] = uf.findings
    assert named.message == (
        "平江县工信局_2015年03月.xlsx：工作表“信息报送登记表”的 H 列“审核领导”（审签人已按 F 列“审签人”读取）未读取："
        "如其中有要报送的内容，请填到下发模板的对应列后重新报送；G 列“领导审签”（审签人已按 F 列“审签人”读取）"
        "只有“同意”等审签标记，未读取（不影响计数）"
    )


def test_the_receipt_names_the_ignored_columns(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _two_for_one(ws.inbox / "2015-03" / "投资规划科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in output
    assert "问题：无" in output
    book = openpyxl.load_workbook(receipt_path(ws, "投资规划科", Period.parse("2015-03")))
    named = [r for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert [r[5] for r in named] == ["F15 列未读取"]
    assert named[0][7].startswith("投资规划科_2015年03月.xlsx：工作表“信息报送登记表”的 D 列“类型”（信息类别已按 E 列")


def test_a_copy_on_another_sheet_names_the_sheet_of_the_counted_row(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    rows = [LABELS, HEADER, article_row(title="中小企业科信息1"), article_row(seq=2, title="中小企业科信息2")]
    sheets = {"信息报送登记表": [*rows, article_row(seq=3, title="中小企业科信息3")],  # not a mere copy (打印版): that
              "续表": [*rows, article_row(seq=3, title="中小企业科信息4")]}  # is set aside, test_sheets_set_aside
    write_xlsx(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx", sheets)
    output = consolidate(ws.root)
    assert "计入稿件 4 条（共 6 行，2 行有错误未计入）" in output
    with Ledger.open(ws.ledger_path) as ledger:
        r6 = sorted((f.sheet, f.row, f.message) for f in ledger.findings(["2015-03"]) if f.code == "R6")
    assert r6 == [
        ("续表", 3, "与已计入的信息标题相同（本文件“信息报送登记表”工作表第 3 行）：同一篇信息只计一次；如是新信息，请修改标题后重新报送"),
        ("续表", 4, "与已计入的信息标题相同（本文件“信息报送登记表”工作表第 4 行）：同一篇信息只计一次；如是新信息，请修改标题后重新报送"),
    ]


def _indented(xml: str) -> str:
    """content.xml laid out as Gnumeric saves it: each row and cell on a line of its own, indented."""
    for tag, indent in (("<table:table-row", 8), ("</table:table-row>", 8), ("<table:table-cell", 10), ("<text:p", 12)):
        xml = xml.replace(tag, "\n" + " " * indent + tag)
    return xml


def _spaced(xml: str) -> str:
    """The 备注 cell's text with spaces LibreOffice and Gnumeric keep (leading, doubled, <text:s/>, trailing) and the
    title in two spans with a space between them: white space between tags that is a cell's own text."""
    return xml.replace("<text:p>SPACES</text:p>", '<text:p> 甲  乙<text:s text:c="2"/>丙 <text:s/></text:p>').replace(
        "<text:p>TITLE</text:p>", "<text:p><text:span>中小企业科</text:span> <text:span>召开座谈会</text:span></text:p>"
    )


def _gnumeric_ods(path: Path, content: Callable[[str], str]) -> Path:
    """An .ods of one article (title TITLE, 备注 SPACES) whose content.xml is rewritten by `content`."""
    plain = write_ods(path.with_suffix(".plain.ods"), [LABELS, HEADER, article_row(title="TITLE", note="SPACES")])
    with zipfile.ZipFile(plain) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["content.xml"] = content(parts["content.xml"].decode()).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    plain.unlink()
    return path


def test_an_ods_indented_as_gnumeric_saves_it_is_read_like_libreoffices(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    indented = _gnumeric_ods(tmp_path / "中小企业科_2015年03月.ods", lambda x: _spaced(_indented(x)))
    compact = _gnumeric_ods(tmp_path / "compact.ods", _spaced)
    before = indented.read_bytes()
    rows = open_book(indented).sheets[0].rows
    assert rows[2][HEADER.index("信息标题")] == "中小企业科 召开座谈会"
    assert rows[2][HEADER.index("备注")] == " 甲  乙  丙  "
    assert open_book(indented).sheets == open_book(compact).sheets
    assert indented.read_bytes() == before  # the unit's file is read, never rewritten
    uf = read(indented, units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(3, "中小企业科 召开座谈会")]


def test_an_ods_calamine_cannot_read_is_named_damaged_only_when_it_is(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    stray = _gnumeric_ods(tmp_path / "中小企业科_2015年03月.ods", lambda x: x.replace("<table:table-cell", "x<table:table-cell"))
    with pytest.raises(InputFileError) as info:
        read(stray, units, settings)
    assert (info.value.code, str(info.value)) == (
        "F2", "中小企业科_2015年03月.ods：无法读取（可能是其他软件保存的格式）：请用 Excel 或 WPS 打开后“另存为”Excel 工作簿(*.xlsx) 再报送"
    )
    cut = _gnumeric_ods(tmp_path / "x.ods", lambda x: _indented(x)[:-60])
    with pytest.raises(InputFileError) as info:
        read(cut, units, settings)
    assert (info.value.code, str(info.value).split("：")[1]) == ("F2", "文件已损坏，无法读取")


def test_the_cli_counts_the_article_of_an_ods_gnumeric_saved(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _gnumeric_ods(ws.inbox / "2015-03" / "中小企业科_2015年03月.ods", lambda x: _spaced(_indented(x)))
    output = consolidate(ws.root)
    assert "读取文件 1 个：接受 1 个，拒收 0 个" in output
    with Ledger.open(ws.ledger_path) as ledger:
        articles = ledger.file_articles(["2015-03"])
    assert [(a.unit, a.row, a.title) for a in articles] == [("中小企业科", 3, "中小企业科 召开座谈会")]


def test_the_cli_asks_for_a_gnumeric_workbook_saved_as_xlsx(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    hostile.gnumeric_workbook(ws.inbox / "2015-03" / "中小企业科_2015年03月.gnumeric")
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 3, result.output
    assert (
        "✗ 中小企业科_2015年03月.gnumeric：这是 Gnumeric 格式的工作簿（.gnumeric），不是 Excel 工作簿，"
        "请在 Gnumeric 中“另存为”Excel 工作簿(*.xlsx) 再报送"
    ) in result.output
    assert "解压" not in result.output


def _faxed(path: Path) -> Path:
    """Three articles and two faxed ones: title, 类别 and 字数 typed, no 正文, no 审签人, date 3月上旬 or blank."""
    rows: list[list[object]] = [LABELS, HEADER]
    rows += [article_row(seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2, 3)]
    faxed = {"body": None, "analysis": None, "signer": None, "signer_title": None, "channel": "传真", "chars": 560}
    rows += [article_row(seq=4, date="3月上旬", title="中小企业科召开工业经济运行调度会", **faxed),
             article_row(seq=5, date=None, title="中小企业科开展企业帮扶月活动", **faxed)]  # fmt: skip
    return write_xlsx(path, rows)


def test_a_faxed_row_with_a_title_and_a_length_is_an_article(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_faxed(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["chars"]) for r in uf.rows] == [(3, None), (4, None), (5, None), (6, 560), (7, 560)]
    assert [f.code for f in uf.findings] == []


def test_the_cli_rejects_the_faxed_rows_for_their_date_and_signer(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _faxed(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 3 条（共 5 行，2 行有错误未计入）" in output
    assert "问题：R3 未审签 2 条，R5 日期无效 2 条" in output
    assert "有内容但不是一条完整的信息" not in output


def test_a_footer_title_is_named_without_claiming_the_title_is_missing(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    rows = [LABELS, HEADER, article_row(), [2, None, "以上信息均经单位负责人审签"], [None, None, None, None, None, 300]]
    uf = read(write_xlsx(tmp_path / "中小企业科_2015年03月.xlsx", rows), units, settings)
    assert [f.message for f in uf.findings] == [
        "第 4 行只填了 序号、信息标题，没有正文和字数，未作为信息读取：如是一条信息，请在同一行补全后重新报送",
        "第 5 行只填了 字数，没有信息标题和正文，未作为信息读取：如是一条信息，请在同一行补全后重新报送",
    ]


def _footers_in_data_columns(path: Path) -> Path:
    rows: list[list[object]] = [LABELS, HEADER]
    rows += [article_row(seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2, 3, 4)]
    rows += [[], [None, None, None, None, "注：以上第3、4条的图片另以邮件发送"],
             ["填表人：", "王芳", None, "联系电话：", "0730-8715396"], [None, None, "审核：", None, "李建国"]]  # fmt: skip
    return write_xlsx(path, rows)


def test_a_note_in_the_body_column_and_a_label_value_footer_are_no_articles(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_footers_in_data_columns(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [r.row for r in uf.rows] == [3, 4, 5, 6]
    assert uf.findings == []


def test_the_cli_counts_four_articles_above_the_footers(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _footers_in_data_columns(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in output
    assert "问题：无" in output


def _urgency_form(path: Path) -> Path:
    """An own-made form with a 缓急 column (no column of the template); the first article is 紧急."""
    header = ["序号", "报送日期", "信息标题", "信息类别", "正文", "审签人", "缓急"]
    rows: list[list[object]] = [["中小企业科2015年3月政务信息报送登记表"], header]
    rows += [[1, dt.datetime(2015, 3, 5), "中小企业科处置化工园区突发泄漏事故", "突发事件", own_body("中小企业科处置化工园区突发泄漏事故", BODY), "赵主任", "紧急"]]
    rows += [[i, dt.datetime(2015, 3, 6), f"中小企业科信息{i}", "工作动态", own_body(f"中小企业科信息{i}", BODY), "赵主任", "一般"] for i in (2, 3, 4)]
    return write_xlsx(path, rows)


FOOTERS = ["填报日期：2015年3月31日", "报送时间：2015.3.31", "单位（盖章）：", "分管领导：李四", "主要负责人（签字）：王五",
           "本月共报送信息2条", "制表日期：2015年3月31日", "审核领导：李四"]  # fmt: skip


def _footers_in_the_title_column(path: Path) -> Path:
    rows = [LABELS, HEADER, article_row(), article_row(seq=2, title="中小企业科第二条信息"), []]
    return write_xlsx(path, rows + [[None, None, footer] for footer in FOOTERS] + [[footer] for footer in FOOTERS])


def test_footers_typed_in_the_title_column_are_no_articles(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_footers_in_the_title_column(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [r.row for r in uf.rows] == [3, 4]
    assert [(f.code, f.row, f.message) for f in uf.findings] == [("F14", None, (  # named: one may be an article
        "中小企业科_2015年03月.xlsx：工作表“信息报送登记表”第 6—21 行是表尾的落款或日期（“填报日期：2015年3月31日”、"
        "“报送时间：2015.3.31”、“单位（盖章）：” 等 16 行），未作为信息读取：如其中有要报送的信息，请在同一行补全正文或字数后重新报送"))]  # fmt: skip


def test_the_cli_counts_two_articles_above_footers_in_the_title_column(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _footers_in_the_title_column(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output
    assert "问题：无" in output


def _second_table_below(path: Path) -> Path:
    """A second table pasted below the form's, under its own header in another column order."""
    rows = [LABELS, HEADER, article_row(), article_row(seq=2, title="中小企业科第二条信息"), [], ["中小企业科3月补充信息"],
            ["序号", "信息标题", "报送日期", "正文", "字数", "审签人", "信息类别"]]  # fmt: skip
    rows += [[i, f"中小企业科补充信息{i}", dt.datetime(2015, 3, 19 + i), own_body(f"中小企业科补充信息{i}", BODY), None, "刘主任", "工作动态"] for i in (1, 2)]
    return write_xlsx(path, [*rows, HEADER, article_row(seq=5, title="中小企业科第五条信息")])


def test_a_second_table_below_is_read_by_its_own_header(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_second_table_below(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    got = [(r.row, r.values["title"], r.values["date"], r.values["signer"], r.values["category"], r.cells["signer"])
           for r in uf.rows]  # fmt: skip
    assert got == [
        (3, "岳阳县扎实开展企业服务年活动", dt.date(2015, 3, 5), "李建国", "工作动态", "H3"),
        (4, "中小企业科第二条信息", dt.date(2015, 3, 5), "李建国", "工作动态", "H4"),
        (8, "中小企业科补充信息1", dt.date(2015, 3, 20), "刘主任", "工作动态", "F8"),
        (9, "中小企业科补充信息2", dt.date(2015, 3, 21), "刘主任", "工作动态", "F9"),
        (11, "中小企业科第五条信息", dt.date(2015, 3, 5), "李建国", "工作动态", "H11"),
    ]
    assert uf.findings == []


def test_the_header_pasted_again_keeps_the_columns_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """Of two columns for one field the one named as in the template is read (审签人, not 审核人): the same header
    pasted again below is no second table read by the leftmost of them."""
    header = ["序号", "报送日期", "信息标题", "信息类别", "正文", "审核人", "审签人"]
    rows: list[list[object]] = [["报送单位：投资规划科", None, "报送月份：2015年3月"], header]
    for block in ((1, 2), (3,)):
        rows += [[i, dt.datetime(2015, 3, 2 + i), f"投资规划科信息{i}", "工作动态", own_body(f"投资规划科信息{i}", BODY), None, "周副主任"] for i in block]
        rows += [header] if block == (1, 2) else []
    uf = read(write_xlsx(tmp_path / "投资规划科_2015年03月.xlsx", rows), units, settings)
    assert [(r.row, r.values["signer"]) for r in uf.rows] == [(3, "周副主任"), (4, "周副主任"), (6, "周副主任")]


def test_the_cli_counts_the_articles_of_a_second_table(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _second_table_below(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 5 条（共 5 行，0 行有错误未计入）" in output
    assert "问题：无" in output


def test_the_first_article_is_never_a_second_header_row(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_urgency_form(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert uf.header_row == 2
    assert [(r.row, r.values["title"]) for r in uf.rows][:1] == [(3, "中小企业科处置化工园区突发泄漏事故")]
    assert len(uf.rows) == 4


def test_the_cli_counts_the_first_article_of_an_own_form(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _urgency_form(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in consolidate(ws.root)


def _reporter_group(path: Path) -> Path:
    """通讯员 merged over 姓名 | 电话; the other header cells merged down over both rows."""
    top = ["序号", "报送日期", "信息标题", "信息类别", "正文", "审签人", "通讯员", None]
    bottom = [None, None, None, None, None, None, "姓名", "电话"]
    rows: list[list[object]] = [LABELS, top, bottom]
    rows += [[i, dt.datetime(2015, 3, 5), f"中小企业科信息{i}", "工作动态", own_body(f"中小企业科信息{i}", BODY), "赵主任", "王芳", "13907301234"]
             for i in (1, 2, 3, 4)]  # fmt: skip
    return write_xlsx(path, rows, merges=[f"{c}2:{c}3" for c in "ABCDEF"] + ["G2:H2"])


def test_the_rows_of_a_merged_header_are_never_findings(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_reporter_group(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["reporter"]) for r in uf.rows] == [(4, "王芳"), (5, "王芳"), (6, "王芳"), (7, "王芳")]
    assert [f.code for f in uf.findings if f.code == "F14"] == []


def test_the_cli_names_no_row_of_a_merged_header(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _reporter_group(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in output
    assert "有内容但不是一条完整的信息" not in output


def test_an_extra_phone_column_is_named_as_harmless(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    rows = [LABELS, [*HEADER, "联系电话"], *[[*article_row(seq=i, title=f"中小企业科信息{i}"), "13907301234"] for i in (1, 2)]]
    write_xlsx(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx", rows)
    output = consolidate(ws.root)
    line = "中小企业科_2015年03月.xlsx：工作表“信息报送登记表”的 O 列“联系电话”不是登记表的栏目，未读取：如是登记表已有的栏目，请把表头改为下发模板的名称"
    assert line in output
    assert "请填到下发模板的对应列" not in output
    book = openpyxl.load_workbook(receipt_path(ws, "中小企业科", Period.parse("2015-03")))
    named = [r for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert [(r[5], r[7]) for r in named] == [("F15 列未读取", line)]


@pytest.mark.parametrize(("rows", "said"), [([6, 7, 8, 9], "6—9"), ([3, 4, 8], "3、4、8"), ([2, 5, 6, 7, 10], "2、5—7、10")])
def test_skipped_rows_are_said_as_runs(rows: list[int], said: str) -> None:
    from xlflow.core.text import row_runs as _row_runs

    assert _row_runs(rows) == said


def _summary_column(path: Path) -> Path:
    """A unit's own form: 主要内容 is a one-line summary, the text is faxed and 字数 holds its length; 稿件类别."""
    header = ["序号", "报送日期", "信息标题", "稿件类别", "主要内容", "字数", "是否含情况分析", "审签人"]
    rows = [[1, dt.datetime(2015, 3, 5), "中小企业科开展企业服务月活动", "工作动态", "走访企业120家，解决问题35个", 860, "否", "李建国"],
            [2, dt.datetime(2015, 3, 9), "中小企业科召开小微企业座谈会", "工作动态", "听取20家小微企业意见", 640, "否", "李建国"]]  # fmt: skip
    return write_xlsx(path, [LABELS, header, *rows])


def test_a_summary_column_is_not_the_text(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_summary_column(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert uf.sheets[0].columns == {"seq": "A", "date": "B", "title": "C", "category": "D", "chars": "F",
                                    "analysis": "G", "signer": "H"}  # fmt: skip
    assert [(r.values["category"], r.values["chars"], r.values.get("body")) for r in uf.rows] == [
        ("工作动态", 860, None), ("工作动态", 640, None)]  # fmt: skip
    assert [(f.code, f.message) for f in uf.findings] == [("F15", (
        "中小企业科_2015年03月.xlsx：工作表“信息报送登记表”的 E 列“主要内容”不是登记表的栏目，未读取：如是登记表已有的栏目，"
        "请把表头改为下发模板的名称"))]  # fmt: skip


def test_the_cli_counts_a_form_whose_text_was_faxed(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _summary_column(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output
    assert "问题：无" in output
    assert "E 列“主要内容”不是登记表的栏目，未读取" in output


def _example_rows(path: Path) -> Path:
    """A unit's own form keeps its filled-in examples under the header (sample text, signer 张三, a date of 2015-01)."""
    rows = [LABELS, HEADER,
            article_row(seq=None, title="示例：××县召开全县工业经济运行分析会", signer="张三", date=dt.datetime(2015, 1, 1)),
            article_row(seq=None, title="（示例）××科开展企业服务月活动", signer="张三", date="2015年1月1日"),
            *(article_row(**{**EXAMPLE, **marked}) for marked in EXAMPLE_MARKS),
            article_row(seq=1, title="中小企业科开展企业服务月活动"), article_row(seq=2, title="中小企业科召开小微企业座谈会")]  # fmt: skip
    return write_xlsx(path, rows)


# review F2: the template's ways of marking its example (序号 示例 or 例, （填写示例）…, 备注 填写示例，请勿删除)
EXAMPLE = dict(title="××县召开全县工业经济运行分析会", signer="张三", date=dt.datetime(2015, 1, 1), reporter="李四")
EXAMPLE_MARKS = [{"seq": "示例"}, {"seq": "例"}, {"seq": None, "title": "（填写示例）岳阳县召开全县工业经济运行分析会"},
                 {"seq": None, "title": "××科开展企业服务月活动", "note": "填写示例，请勿删除"}]  # fmt: skip
EXAMPLES_SAID = [
    f"中小企业科_2015年03月.xlsx：工作表“信息报送登记表”第 {row} 行是填表示例，未作为信息读取：如是本月的信息，"
    f"请删去{where}的示例字样后重新报送"
    for row, where in zip(range(3, 9), ["标题开头", "标题开头", "序号", "序号", "标题开头", "备注"], strict=True)]


def test_the_forms_example_rows_are_named_not_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_example_rows(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [r.row for r in uf.rows] == [9, 10]
    assert [(f.code, f.severity, f.row, f.message) for f in uf.findings] == [
        ("F14", "warning", row, said) for row, said in zip(range(3, 9), EXAMPLES_SAID, strict=True)]


def test_the_cli_counts_no_example_row(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _example_rows(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output
    assert "其他月份" not in output and "问题：无" in output
    book = openpyxl.load_workbook(receipt_path(ws, "中小企业科", Period.parse("2015-03")))
    said = [r[7] for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert said == EXAMPLES_SAID
    # review F6: the summary says what the receipt says, apart from a row that is not a whole article
    assert "中小企业科_2015年03月.xlsx：第 3—8 行是填表示例，未作为信息读取（见回执）" in output
    assert "不是一条完整的信息" not in output
    write_xlsx(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx", [LABELS, HEADER, article_row(**{**EXAMPLE, "seq": "示例"}),
               article_row(seq=1, date=MARCH, title="中小企业科3月信息1"), [2, MARCH]])  # fmt: skip
    output = consolidate(ws.root)
    assert ("中小企业科_2015年03月.xlsx：第 5 行有内容但不是一条完整的信息，未读取（见回执）\n"
            "  ! 中小企业科_2015年03月.xlsx：第 3 行是填表示例，未作为信息读取（见回执）") in output, output  # fmt: skip


def _mentions_example(path: Path) -> Path:
    """Real articles whose 备注 mentions 示例, or whose title begins with the word 示例 (no example in the form)."""
    rows = [LABELS, HEADER, article_row(seq=1, title="中小企业科推进公共服务示范平台建设", note="入选全省“两化融合”示例项目"),
            article_row(seq=2, title="中小企业科召开小微企业座谈会", note="附示例图片2张"),
            article_row(seq=3, title="示例园区带动作用明显 岳阳县产业集群加快发展"),
            article_row(seq=4, title="中小企业科开展企业服务月活动", note="可作为典型示例推广")]  # fmt: skip
    return write_xlsx(path, rows)


def test_an_article_mentioning_example_is_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """review H3: only the form's ways of marking its example make a row the example."""
    uf = read(_mentions_example(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [r.row for r in uf.rows] == [3, 4, 5, 6] and uf.findings == []


def test_the_cli_counts_the_articles_mentioning_example(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _mentions_example(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in output and "问题：无" in output


SIGNOFFS = ["报送时间：2015年3月31日 16:30", "负责人签字：", "分管领导签字：李四", "填报单位：岳阳县工业和信息化局（盖章）",
            "2015年3月31日", "本月报送信息2条，其中经济运行类1条", "领导审签：李四"]  # fmt: skip
SIGNED = [("领导审签：", "李四"), ("分管领导意见：", "同意"), ("审核意见：", "同意报送"), ("单位负责人签字：", "李四")]
CLASSIC = ["单位负责人：李四    填表人：王芳", "审核：李四  填表：王芳", "合计"]  # footers said nothing about, as ever
SIGNOFF_SAID = ("中小企业科_2015年03月.xlsx：工作表“信息报送登记表”第 6—16 行是表尾的落款或日期（“报送时间：2015年3月31日 16:30”、"
                "“负责人签字：”、“分管领导签字：李四” 等 11 行），未作为信息读取：如其中有要报送的信息，请在同一行补全正文或字数后重新报送")  # fmt: skip


def _signed_off(path: Path) -> Path:
    """Sign-off lines under two articles: typed in the 信息标题 column, or the label there and the name or 同意 in
    the 审签人 column; then footers of the kinds always left unsaid."""
    rows = [LABELS, HEADER, article_row(), article_row(seq=2, title="中小企业科第二条信息"), []]
    rows += [[None, None, text] for text in SIGNOFFS] + [[None, None, a, *[None] * 4, b] for a, b in SIGNED]
    return write_xlsx(path, rows + [[None, None, text] for text in CLASSIC])


def test_sign_offs_under_the_table_are_named_once(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_signed_off(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [r.row for r in uf.rows] == [3, 4]
    assert [(f.code, f.severity, f.sheet, f.row, f.message) for f in uf.findings] == [
        ("F14", "warning", "信息报送登记表", None, SIGNOFF_SAID)]


def test_the_cli_counts_no_sign_off_and_the_receipt_names_them(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _signed_off(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output
    assert "问题：无" in output
    book = openpyxl.load_workbook(receipt_path(ws, "中小企业科", Period.parse("2015-03")))
    said = [r[7] for r in book[FINDINGS_SHEET].iter_rows(min_row=3, values_only=True) if r[5]]
    assert said == [SIGNOFF_SAID]


BRIEF = ["关键时间：一季度完成投资12亿元", "共上报项目12个", "审核：严把项目准入关", "签发人：王五"]


def _brief_titles(path: Path) -> Path:
    """Articles whose text went as a Word attachment: 序号, a short title with a colon or a count, and 字数 only."""
    rows = [LABELS, HEADER, article_row(title="中小企业科3月信息")]
    return write_xlsx(path, rows + [[i, None, title, None, None, 600] for i, title in enumerate(BRIEF, 2)])


def test_a_row_with_chars_is_never_a_footer(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_brief_titles(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["title"], r.values["chars"]) for r in uf.rows] == [
        (3, "中小企业科3月信息", None), *zip(range(4, 8), BRIEF, [600] * 4, strict=True)]  # fmt: skip
    assert uf.findings == []


def test_the_cli_checks_every_row_with_chars(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _brief_titles(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 1 条（共 5 行，4 行有错误未计入）" in output
    assert "问题：R3 未审签 4 条，R4 类别不明 4 条（提示），R5 日期无效 4 条" in output


def _totals_and_seals(path: Path) -> Path:
    """Three articles (one titled with 合计), then a count, a count beside the sum of 字数 (and the 通讯员 a formula
    fills in), a total of 字数, a seal without a colon and a name with （签字）."""
    rows = [LABELS, HEADER, article_row(), article_row(seq=2, title="中小企业科第二条信息"),
            article_row(seq=3, title="园区合计新签约项目12个"), [], [None, None, "本月合计报送3条"],
            [4, None, "本月共报送", None, None, 1200, *[None] * 6, "王芳"], [None, None, "总字数：1200"],
            [None, None, "报送单位（公章）"], [None, None, "分管领导：王五（签字）"]]  # fmt: skip
    return write_xlsx(path, rows)


TOTALS_SAID = ("中小企业科_2015年03月.xlsx：工作表“信息报送登记表”第 7、8、10、11 行是表尾的落款或日期（“本月合计报送3条”、"
               "“本月共报送”、“报送单位（公章）” 等 4 行），未作为信息读取：如其中有要报送的信息，请在同一行补全正文或字数后重新报送")  # fmt: skip


def test_totals_and_seals_under_the_table_are_no_articles(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_totals_and_seals(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [
        (3, "岳阳县扎实开展企业服务年活动"), (4, "中小企业科第二条信息"), (5, "园区合计新签约项目12个")]  # fmt: skip
    assert [(f.code, f.row, f.message) for f in uf.findings] == [("F14", None, TOTALS_SAID)]


def test_the_cli_counts_no_total_or_seal_row(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _totals_and_seals(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in output
    assert "问题：无" in output


def _worded_hints(path: Path) -> Path:
    """Two hint rows under the header: an example date beside bracketed hints, and the same words unbracketed."""
    rows = [LABELS, HEADER, [None, "如：2015-03-05", "（必填，不超过30字）", "（下拉选择）", "（粘贴全文）", "（自动计算）", None, "（必填）"],
            [None, "2015-03-05", "必填", "下拉选择", "粘贴全文", "自动计算", None, "必填"], article_row()]  # fmt: skip
    return write_xlsx(path, rows)


def test_hint_rows_with_an_example_date_or_unbracketed_are_no_articles(
    tmp_path: Path, units: UnitTable, settings: Settings
) -> None:
    uf = read(_worded_hints(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(5, "岳阳县扎实开展企业服务年活动")]
    assert uf.findings == []


def test_the_cli_counts_no_hint_row(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _worded_hints(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in output
    assert "问题：无" in output


def _other_lists_below(path: Path) -> Path:
    """Two articles; below them next month's plan and last month's adoptions under their own headers (no 报送日期,
    审签人 or 正文), then the form's header again over one more article."""
    rows = [LABELS, HEADER, article_row(), article_row(seq=2, title="中小企业科第二条信息"), [], ["下月信息报送计划"],
            ["序号", "信息标题", "信息类别", "拟报送日期", "责任人"], [1, "中小企业科二季度走访企业计划", "工作动态", "2015-04-10", "王五"],
            [], ["附：2月份稿件采用情况"], ["序号", "信息标题", "采用刊物", "采用时间"],
            [1, "中小企业科春节期间走访企业", "岳阳经信动态第3期", "2015-02-15"], [2, "中小企业科召开工作会", "岳阳日报", "2015-02-20"],
            HEADER, article_row(seq=3, title="中小企业科第三条信息")]  # fmt: skip
    return write_xlsx(path, rows)


OTHER_LISTS_SAID = [
    "中小企业科_2015年03月.xlsx：工作表“信息报送登记表”第 7—10 行是另一张表（表头：序号、信息标题、信息类别、拟报送日期、责任人），"
    "没有“报送日期”“审签人”“正文”或“字数”列，不是信息报送登记表，未读取：如其中有要报送的信息，请按登记表的各列填到表中后重新报送",
    "中小企业科_2015年03月.xlsx：工作表“信息报送登记表”第 11—13 行是另一张表（表头：序号、信息标题、采用刊物、采用时间），"
    "没有“报送日期”“审签人”“正文”或“字数”列，不是信息报送登记表，未读取：如其中有要报送的信息，请按登记表的各列填到表中后重新报送",
]


def test_a_list_of_another_kind_below_is_named_not_read(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_other_lists_below(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [
        (3, "岳阳县扎实开展企业服务年活动"), (4, "中小企业科第二条信息"), (15, "中小企业科第三条信息")]  # fmt: skip
    assert [(f.code, f.sheet, f.row, f.message) for f in uf.findings] == [
        ("F12", "信息报送登记表", None, said) for said in OTHER_LISTS_SAID]


def test_the_cli_counts_no_row_of_another_list_and_names_it(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _other_lists_below(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 3 条（共 3 行，0 行有错误未计入）" in output
    assert "问题：无" in output
    assert all(said in output for said in OTHER_LISTS_SAID)


SHORT = ["序号", "报送日期", "信息标题", "信息类别", "正文", "字数", "审签人"]


def _longer_table_below(path: Path, caption: str, lower: list[str]) -> Path:
    """Three articles under a short header; below a caption (紧急信息, 补报信息) a header of more columns over one."""
    rows = [LABELS, SHORT, *(article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2, 3)), [], [caption],
            lower, article_row(lower, title="中小企业科突发事件处置信息", date=dt.datetime(2015, 3, 18))]  # fmt: skip
    return write_xlsx(path, rows)


@pytest.mark.parametrize(("caption", "lower"), [("紧急信息", [*SHORT, "紧急程度", "事件发生时间"]), ("补报信息", HEADER)])
def test_the_articles_above_a_longer_table_are_read_by_their_own_header(
    tmp_path: Path, units: UnitTable, settings: Settings, caption: str, lower: list[str]
) -> None:
    uf = read(_longer_table_below(tmp_path / "中小企业科_2015年03月.xlsx", caption, lower), units, settings)
    assert [(r.row, r.values["title"], r.values["signer"]) for r in uf.rows] == [
        (3, "中小企业科3月信息1", "李建国"), (4, "中小企业科3月信息2", "李建国"), (5, "中小企业科3月信息3", "李建国"),
        (9, "中小企业科突发事件处置信息", "李建国")]  # fmt: skip
    assert (uf.header_row, uf.supplement, uf.findings) == (2, False, [])


def test_the_cli_counts_the_articles_above_a_longer_table(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _longer_table_below(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx", "补报信息", HEADER)
    output = consolidate(ws.root)
    assert "计入稿件 4 条（共 4 行，0 行有错误未计入）" in output
    assert "问题：无" in output
    assert "补报文件" not in output


def _unknown_header_above(path: Path) -> Path:
    """Two articles under a header naming no column of the form, then the form's header over one more."""
    rows = [LABELS, ["No.", "发稿日", "稿题", "稿文", "签字"], [1, MARCH, "中小企业科3月信息1", BODY, "李建国"],
            [2, MARCH, "中小企业科3月信息2", BODY, "李建国"], [], HEADER, article_row(title="中小企业科3月信息3")]  # fmt: skip
    return write_xlsx(path, rows)


UNKNOWN_ABOVE_SAID = ("中小企业科_2015年03月.xlsx：工作表“信息报送登记表”第 3、4 行在表头（第 6 行）上方，没有认得出的表头，"
                      "未作为信息读取：如是要报送的信息，请移到表头下方后重新报送")  # fmt: skip


def test_articles_above_the_header_are_named(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_unknown_header_above(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(7, "中小企业科3月信息3")]
    assert [(f.code, f.row, f.message) for f in uf.findings] == [("F12", None, UNKNOWN_ABOVE_SAID)]


def test_the_cli_names_the_articles_above_the_header(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _unknown_header_above(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in output
    assert UNKNOWN_ABOVE_SAID in output


@pytest.mark.parametrize("review", ["同意", "王科长"])
def test_the_signer_is_the_sign_off_column_not_a_review_column(tmp_path: Path, units: UnitTable, settings: Settings,
                                                                review: str) -> None:  # fmt: skip
    """审核 (同意, or the section chief) left of 签发人 (the leader's name): the 签发人 is the signer, no R12."""
    header = ["序号", "报送日期", "信息标题", "信息类别", "正文", "审核", "签发人"]
    rows = [["报送单位：平江县工信局", None, "报送月份：2015年3月"], header]
    rows += [[1, dt.datetime(2015, 3, 3), "平江县信息1", "工作动态", own_body("平江县信息1", BODY), review, "李局长"]]
    uf = read(write_xlsx(tmp_path / "平江县工信局_2015年03月.xlsx", rows), units, settings)
    assert (uf.sheets[0].columns["signer"], uf.rows[0].values["signer"]) == ("G", "李局长")
    assert [(f.code, f.column) for f in uf.findings] == [("F15", "")] and "F 列“审核”（审签人已按 G 列“签发人”读取）" in uf.findings[0].message


def _two_blocks(path: Path, second: list[object], lower: list[str] = SHORT) -> Path:
    """Two articles under the form's header; below them a second header (`second`) over two more articles written
    in the columns of `lower`."""
    rows = [LABELS, SHORT, *(article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2)), second,
            *(article_row(lower, seq=i, title=f"中小企业科3月信息{i}") for i in (3, 4))]  # fmt: skip
    return write_xlsx(path, rows)


REPEATS = {  # the form's header typed again: a cell left blank, a hand-typed sub-header, 审签人 spelt 签字
    "blank": ["序号", "报送日期", "信息标题", "信息类别", "正文", "字数", None],
    "typed": ["序号", "日期", "标题"],
    "签字": ["序号", "报送日期", "信息标题", "信息类别", "正文", "字数", "签字"],
}


@pytest.mark.parametrize("repeat", REPEATS)
def test_a_header_typed_again_in_the_forms_columns_reads_on(
    tmp_path: Path, units: UnitTable, settings: Settings, repeat: str
) -> None:
    uf = read(_two_blocks(tmp_path / "中小企业科_2015年03月.xlsx", REPEATS[repeat]), units, settings)
    assert [(r.row, r.values["title"], r.values["signer"], r.values["date"]) for r in uf.rows] == [
        (row, f"中小企业科3月信息{i}", "李建国", dt.date(2015, 3, 5)) for row, i in ((3, 1), (4, 2), (6, 3), (7, 4))]  # fmt: skip
    assert uf.findings == []


BLOCKS = {  # a block of articles with fewer columns than the form: read by its own header, each row with its errors
    "no signer": ["序号", "报送日期", "信息标题", "正文"],
    "no date": ["序号", "信息标题", "信息类别", "正文", "字数", "审签人"],
    "no body": ["序号", "报送日期", "信息标题", "信息类别", "审签人"],
    "title and body": ["序号", "信息标题", "正文", "字数"],
}


@pytest.mark.parametrize("block", BLOCKS)
def test_a_block_of_articles_with_fewer_columns_is_read_by_its_header(
    tmp_path: Path, units: UnitTable, settings: Settings, block: str
) -> None:
    lower = BLOCKS[block]
    uf = read(_two_blocks(tmp_path / "中小企业科_2015年03月.xlsx", lower, lower), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(3, "中小企业科3月信息1"), (4, "中小企业科3月信息2"),
                                                            (6, "中小企业科3月信息3"), (7, "中小企业科3月信息4")]  # fmt: skip
    lacks = {"signer": "审签人" not in lower, "date": "报送日期" not in lower, "body": "正文" not in lower}
    assert [{k: r.values.get(k) is None for k in lacks} for r in uf.rows[2:]] == [lacks, lacks]
    assert [f.code for f in uf.findings] == []


@pytest.mark.parametrize(("second", "lower", "said"), [
    (REPEATS["blank"], SHORT, ["计入稿件 4 条（共 4 行，0 行有错误未计入）", "问题：无"]),
    (BLOCKS["no signer"], BLOCKS["no signer"], ["计入稿件 2 条（共 4 行，2 行有错误未计入）", "问题：R3 未审签 2 条，R4 类别不明 2 条（提示）"]),
])  # fmt: skip
def test_the_cli_counts_the_rows_under_a_second_header(tmp_path: Path, second: list[object], lower: list[str], said: list[str]) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _two_blocks(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx", second, lower)
    output = consolidate(ws.root)
    assert all(line in output for line in said)
    assert "另一张表" not in output


LONGER = [*SHORT, "紧急程度", "事件发生时间"]
CAPTIONS = {"无": [[None, None, "无"], [None, None, "二、紧急信息"]], "暂无": [[1, None, "（本月暂无）"]],
            "如下": [[None, None, "本月无常规信息，报送紧急信息如下："]]}  # fmt: skip


def _captions_over_a_longer_table(path: Path, captions: list[list[object]]) -> Path:
    """The form's header with captions only under it (无, 二、紧急信息), then a 紧急信息 table of more columns over one."""
    rows = [LABELS, SHORT, *captions, LONGER, article_row(LONGER, title="中小企业科突发事件处置信息")]
    return write_xlsx(path, rows)


@pytest.mark.parametrize("captions", CAPTIONS)
def test_captions_under_the_form_header_are_no_articles(
    tmp_path: Path, units: UnitTable, settings: Settings, captions: str
) -> None:
    rows = CAPTIONS[captions]
    uf = read(_captions_over_a_longer_table(tmp_path / "中小企业科_2015年03月.xlsx", rows), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(len(rows) + 4, "中小企业科突发事件处置信息")]
    assert (uf.header_row, uf.findings) == (len(rows) + 3, [])


def test_the_cli_counts_no_caption_under_the_form_header(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _captions_over_a_longer_table(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx", CAPTIONS["无"])
    output = consolidate(ws.root)
    assert "计入稿件 1 条（共 1 行，0 行有错误未计入）" in output
    assert "问题：无" in output


def _distributed_with(path: Path, units: UnitTable, title: str) -> Path:
    """The form distribute wrote for 人事科 with only its first title cell (C4) filled in."""
    from xlflow.writers.report import write_report_workbook

    write_report_workbook(path, unit=units.by_name("人事科"), month=Period.parse("2015-03"), settings=Settings(year=2015))
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["C4"] = title
    book.save(path)
    return path


NOTHING_THIS_MONTH = ["无", "暂无", "本月无", "本月无信息", "本月暂无信息报送", "本月无常规信息", "（本月暂无）"]


@pytest.mark.parametrize("title", NOTHING_THIS_MONTH)
def test_a_form_saying_nothing_this_month_has_no_article(
    tmp_path: Path, units: UnitTable, settings: Settings, title: str
) -> None:
    """review R4: 无 or 本月无信息 alone in the title column is a note that there is nothing, not a failed article."""
    uf = read(_distributed_with(tmp_path / "人事科_2015年03月_信息报送登记表.xlsx", units, title), units, settings)
    assert (uf.rows, [f.code for f in uf.findings]) == ([], ["F9"])


@pytest.mark.parametrize("title", ["无人机产业园开工", "暂无限制的审批改革", "二、湘阴县化工园区发生火情已扑灭",
                                   "一、二月份全县规模工业增加值增长百分之八", "二、紧急信息", "华容县项目建设情况如下："])  # fmt: skip
def test_a_short_title_beginning_with_wu_is_an_article(
    tmp_path: Path, units: UnitTable, settings: Settings, title: str
) -> None:
    """review Z10: a title typed before its 正文 is pasted is an article (its errors said), even when it begins 一、
    or ends in ：; only 无 and 本月无… say there is nothing."""
    uf = read(_distributed_with(tmp_path / "人事科_2015年03月_信息报送登记表.xlsx", units, title), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(4, title)]


def test_the_cli_counts_no_article_in_a_form_saying_nothing(tmp_path: Path, units: UnitTable) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _distributed_with(ws.inbox / "2015-03" / "人事科_2015年03月_信息报送登记表.xlsx", units, "本月无信息")
    output = consolidate(ws.root)
    assert "计入稿件 0 条（共 0 行，0 行有错误未计入）" in output and "问题：无" in output
    assert "! 人事科_2015年03月_信息报送登记表.xlsx：表头下没有填写任何信息：如本月有信息，请逐行填写后重新报送" in output


INSTRUCTION = ["填报说明：本表请于每月25日前报送，正文请粘贴全文且不少于200字，指标类信息须含情况分析，审签人须为单位负责人。",
               None, "联系人：张三", None, "联系电话：0730-1234567"]  # fmt: skip


def _instruction_above(path: Path) -> Path:
    rows = [INSTRUCTION, LABELS, SHORT, *(article_row(SHORT, seq=i, title=f"中小企业科3月信息{i}") for i in (1, 2))]
    return write_xlsx(path, rows)


def test_an_instruction_above_the_header_is_not_named(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    uf = read(_instruction_above(tmp_path / "中小企业科_2015年03月.xlsx"), units, settings)
    assert [(r.row, r.values["title"]) for r in uf.rows] == [(4, "中小企业科3月信息1"), (5, "中小企业科3月信息2")]
    assert uf.findings == []


def test_the_cli_names_no_instruction_above_the_header(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws.inbox / "2015-03").mkdir(parents=True)
    _instruction_above(ws.inbox / "2015-03" / "中小企业科_2015年03月.xlsx")
    output = consolidate(ws.root)
    assert "计入稿件 2 条（共 2 行，0 行有错误未计入）" in output
    assert "问题：无" in output
    assert "上方" not in output


def test_a_register_form_sheet_inside_a_return_is_sent_to_register(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """review W8 4: a unit's return with its 附件二 as a second sheet: the sheet was named 找不到表头 with the advice
    to move its information into the 信息报送登记表 (to the unit too); it is the register's, said so."""
    form = [["报送单位：岳阳县工信局", None, "报送月份：2015年3月"], HEADER,
            article_row(seq=1, title="岳阳县召开安全生产会议", date=dt.datetime(2015, 3, 5))]  # fmt: skip
    roster = [["岳阳市经信委宣传和信息报送通讯员登记表"], ["科室（单位）", "岳阳县工信局", "姓名", "张三"],
              ["性别", "男", "移动电话", "13800000001"], ["填表日期", "2015年2月20日"]]  # fmt: skip
    uf = read(write_xlsx(tmp_path / "岳阳县工信局_2015年03月（含通讯员登记表）.xlsx", {"信息报送登记表": form, "通讯员登记表": roster}),
              units, settings)  # fmt: skip
    assert len(uf.rows) == 1
    [f] = [f for f in uf.findings if f.code == "F12"]
    assert f.severity == "warning" and f.message == (
        "岳阳县工信局_2015年03月（含通讯员登记表）.xlsx：工作表“通讯员登记表”未读取（前 30 行找不到表头）：这是通讯员登记表（附件二），"
        "不是信息报送登记表（信息报送登记表照常读取）：通讯员登记表请另存为单独的文件报送"
        "（协调人：把它另存到工作区的 通讯员登记表/ 文件夹后运行 xlflow register）")
