"""`status` (the terminal table and 催报 notices) and `export` (the 台账 workbook), library and CLI."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import article, make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.export import export
from xlflow.commands.status import status
from xlflow.core.errors import ConfigError
from xlflow.core.periods import Period
from xlflow.core.text import display_width
from xlflow.workspace import Workspace
from xlflow.writers import ledger_export
from xlflow.writers.ledger_export import LEDGER_HEADERS, LEDGER_SHEET, SUMMARY_SHEET, write_ledger_export

MARCH = Period.parse("2015-03")
JANUARY = Period.parse("2015-01")
NOW = dt.datetime(2015, 4, 3, 9, 0)
XIANGYIN_FILE = "湘阴县3月信息.xlsx"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """January and February for 办公室, March for three units and a refused file of 湘阴县: built once, copied."""
    ws = make_workspace(tmp_path_factory.mktemp("status") / "ws")
    inbox = ws.inbox / "2015-03"
    for month, day in ((1, 8), (2, 10)):
        folder = ws.inbox / f"2015-{month:02d}"
        write_report(folder / "办公室.xlsx", "办公室", [report_row(f"办公室{month}月工作", day, month=month)],
                     month=f"2015年{month}月")  # fmt: skip
        consolidate(ws, Period.parse(f"2015-{month:02d}"), folder, now=NOW)
    write_report(inbox / "平江县.xlsx", "平江县工信局", [
        report_row("平江县三月工业运行", 20),
        report_row("=平江县园区建设", 6),
        report_row("平江县短讯", body="短"),
        report_row("平江县三月招商", 12),
    ])  # fmt: skip
    write_report(inbox / "岳阳县.xlsx", "岳阳县工信局", [report_row(f"岳阳县标题{i}", i + 1) for i in range(5)])
    write_report(inbox / "经济运行科.xlsx", "经济运行科", [report_row("全市用电")])
    (inbox / XIANGYIN_FILE).write_text("湘阴县三月信息：见附件", encoding="utf-8")  # a text file renamed .xlsx: refused
    consolidate(ws, MARCH, inbox, now=NOW)
    return ws.root


@pytest.fixture
def ws(built: Path, tmp_path: Path) -> Workspace:
    shutil.copytree(built, tmp_path / "ws")
    return Workspace.open(tmp_path / "ws")


QUARTERLY_BEHIND = "离退休人员管理服务科、人事科、财务科、机关党委、工业公会、能源利用监测站、机关后勤服务中心、退二进三办"


def test_status_table(ws: Workspace) -> None:
    result = status(ws, MARCH, today=dt.date(2015, 4, 3))
    rows = result.data["rows"]
    assert rows["平江县工信局"] == {"files": 1, "refused": 0, "counted": 3, "errors": 1, "warnings": 0, "quota": 4.0,
                                 "period_counted": 3}  # fmt: skip
    assert rows["岳阳县工信局"]["counted"] == 5
    assert rows["湘阴县工信局"] == {"files": 0, "refused": 1, "counted": 0, "errors": 1, "warnings": 0, "quota": 4.0,
                                 "period_counted": 0}  # fmt: skip
    # a quarterly unit: quarter-to-date against the quarter's quota
    assert rows["办公室"]["period_counted"] == 2 and rows["办公室"]["quota"] == 1.0
    assert rows["办公室"]["files"] == 0
    assert result.data["behind"] == ["平江县工信局", "湘阴县工信局", "经济运行科"]
    assert result.data["refused"] == ["湘阴县工信局"]
    assert result.data["sent"] == ["岳阳县工信局", "平江县工信局", "湘阴县工信局", "经济运行科"]
    missing = result.data["missing"]
    assert missing[:3] == ["华容县工信局", "汨罗市工信局", "临湘市工信局"] and "湘阴县工信局" not in missing  # it sent a file
    assert "办公室" not in missing and "人事科" in missing
    lines = result.lines
    header = lines[0]
    assert header.split() == ["序号", "单位", "文件", "本月计入", "错误", "提示", "任务", "完成"]
    body = {line.split()[1]: line for line in lines[2:36]}
    assert "已完成" in body["岳阳县工信局"]
    assert "差 1 条" in body["平江县工信局"]
    assert body["湘阴县工信局"].split()[2:] == ["1（拒收", "1）", "0", "1", "0", "0/4", "文件被拒收"]
    assert "2/1（季度累计）" in body["办公室"] and "本季度已完成" in body["办公室"]
    assert body["人事科"].endswith("本季度差 1 条")
    assert body["华容县工信局"].split()[-1] == "未报送"
    # columns line up on screen: the 文件 column starts at the same display position on every row
    starts = set()
    for line in (lines[2], lines[3], lines[20]):
        unit_end = line.index("工信局") + 3 if "工信局" in line else line.index("科") + 1
        starts.add(display_width(line[:unit_end]) + (len(line[unit_end:]) - len(line[unit_end:].lstrip())))
    assert len(starts) == 1


def test_status_counts_only_units_that_sent_a_file(ws: Workspace) -> None:
    """已报送 counts the units that sent a file this month; quarterly units are reported on their own line."""
    text = status(ws, MARCH, today=dt.date(2015, 4, 3)).render()
    assert "本月报送文件的单位 4/34 个，计入 9 条；其中 1 个单位的文件全部被拒收：湘阴县工信局" in text
    assert "按月报送、本月未报送的单位（21 个）：华容县工信局、汨罗市工信局" in text
    assert "按季度考核的单位 9 个（2015年第一季度，截至3月）：本季度已完成 1 个，季度已结束，未完成 8 个：" + QUARTERLY_BEHIND in text
    assert "已报送 33/34" not in text


def test_remind_renders_a_notice_per_unit_behind(ws: Workspace) -> None:
    result = status(ws, MARCH, remind=True, today=dt.date(2015, 3, 25))
    notices = result.data["notices"]
    units = [n.splitlines()[0] for n in notices]
    assert "平江县工信局：" in units and "华容县工信局：" in units and "人事科：" in units
    assert "岳阳县工信局：" not in units and "办公室：" not in units  # done, and quarter done
    assert "综合法规科：" not in units  # the office does not remind itself
    pingjiang = next(n for n in notices if n.startswith("平江县工信局"))
    assert "已计入3篇，尚差1篇" in pingjiang and "另有1篇" in pingjiang and "请于3月31日前补报" in pingjiang
    assert "8715396" in pingjiang and "yy8715396@163.com" in pingjiang and "143863243" in pingjiang
    missing = next(n for n in notices if n.startswith("华容县工信局"))
    assert "截至目前，综合法规科尚未收到贵单位2015年3月的政务信息报送登记表" in missing and "请于3月31日前报送" in missing
    path = result.paths[0]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Notepad on an old Windows reads it as UTF-8
    assert "平江县工信局" in path.read_text(encoding="utf-8-sig")


def test_a_refused_file_is_named_with_why_and_what_to_do(ws: Workspace) -> None:
    notices = status(ws, MARCH, remind=True, today=dt.date(2015, 4, 3)).data["notices"]
    xiangyin = next(n for n in notices if n.startswith("湘阴县工信局"))
    assert (
        f"综合法规科收到了贵单位报送的《{XIANGYIN_FILE}》，但未能汇总：这是一个文本文件，不是 Excel 工作簿，"
        "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿(*.xlsx) 再报送。"
    ) in xiangyin
    assert "尚未收到" not in xiangyin
    assert "收到本通知后尽快补报" in xiangyin  # the month is over


def test_a_quarterly_unit_mid_quarter_is_given_the_quarters_end(ws: Workspace) -> None:
    """January: 人事科 owes its quarter's one by 31 March — the notice says so, as the January bulletin does."""
    result = status(ws, JANUARY, remind=True, today=dt.date(2015, 1, 25))
    hr = next(n for n in result.data["notices"] if n.startswith("人事科"))
    assert "贵单位按每季度1篇的标准报送政务信息，2015年第一季度（截至1月）已计入0篇，尚差1篇。请于3月31日前报送。" in hr
    assert "尽快" not in hr and "尚未收到" not in hr
    text = result.render()
    assert "按季度考核的单位 9 个（2015年第一季度，截至1月）：本季度已完成 1 个，尚未报满，请在季度末（3月31日）前报送 8 个：" in text
    assert "按月报送、本月未报送的单位（25 个）" in text  # only 办公室 sent a file in January, and it is quarterly
    assert "本月报送文件的单位 1/34 个" in text

    from xlflow.commands.bulletin import bulletin

    bulletin(ws, JANUARY, now=dt.datetime(2015, 1, 25, 9, 0))
    notice = "\n".join(str(c.value) for c in openpyxl.load_workbook(ws.out / "通报_2015年01月.xlsx")["通报"]["A"] if c.value)
    assert "按季度考核、本季度尚未报满的单位（8个）" in notice and "请在季度末前完成报送" in notice


def test_remind_uses_the_workspace_template(ws: Workspace) -> None:
    ws.narrative_dir.mkdir(exist_ok=True)
    (ws.narrative_dir / "催报.txt.j2").write_text("{{ unit }}请补报{{ shortfall }}篇，联系{{ contact }}", encoding="utf-8")
    notices = status(ws, MARCH, remind=True).data["notices"]
    assert "平江县工信局请补报1篇，联系易振波" in notices
    (ws.narrative_dir / "催报.txt.j2").write_text("{{ unit }} {{ nonsense }}", encoding="utf-8")
    with pytest.raises(ConfigError, match="可用的有"):
        status(ws, MARCH, remind=True)


def test_status_through_the_cli(ws: Workspace) -> None:
    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "平江县工信局" in result.output and "按月报送、本月未报送的单位（21 个）" in result.output
    reminded = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert reminded.exit_code == 0
    assert "催报通知" in reminded.output and "尚未收到贵单位2015年3月" in reminded.output
    assert f"收到了贵单位报送的《{XIANGYIN_FILE}》" in reminded.output
    empty = CliRunner().invoke(cli, ["status", "--month", "2015-06", "-w", str(ws.root)])
    assert empty.exit_code == 0
    assert f"请先运行 xlflow -w {ws.root} consolidate --month 2015-06" in empty.output


def test_export_writes_one_filterable_table_with_sources(ws: Workspace) -> None:
    result = export(ws, Period.parse("2015-Q1"), None)
    assert result.paths == [ws.out / "台账_2015年第一季度.xlsx"]
    assert result.data["rows"] == 11
    book = openpyxl.load_workbook(result.paths[0])
    assert book.sheetnames == [LEDGER_SHEET, SUMMARY_SHEET]
    sheet = book[LEDGER_SHEET]
    header = [c.value for c in sheet[1]]
    assert header == list(LEDGER_HEADERS)
    col = {name: i for i, name in enumerate(header)}
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    # quota-table order (岳阳县, 平江县, 经济运行科, 办公室), then by date
    assert [(r[col["单位名称"]], r[col["信息标题"]]) for r in rows[5:9]] == [
        ("平江县工信局", "=平江县园区建设"),
        ("平江县工信局", "平江县三月招商"),
        ("平江县工信局", "平江县三月工业运行"),
        ("经济运行科", "全市用电"),
    ]
    assert [r[col["单位名称"]] for r in rows[:5]] == ["岳阳县工信局"] * 5
    assert [r[col["计入月份"]] for r in rows[9:]] == [dt.datetime(2015, 1, 1), dt.datetime(2015, 2, 1)]  # shown 2015年1月
    assert sheet.cell(11, col["计入月份"] + 1).number_format == 'yyyy"年"m"月"'
    first = rows[5]
    assert first[col["来源文件"]] == "平江县.xlsx" and first[col["工作表"]] == "信息报送登记表" and first[col["行号"]] == 6
    assert isinstance(first[col["报送日期"]], dt.datetime) and first[col["报送日期"]].day == 6
    assert isinstance(first[col["字数"]], int)
    assert len(first[col["文件SHA-256"]]) == 64
    assert first[col["导入时间"]] == dt.datetime(2015, 4, 3, 9, 0)  # a date-time cell, as 报送日期
    assert sheet.cell(7, col["导入时间"] + 1).number_format == 'yyyy"年"m"月"d"日" hh:mm'
    assert sheet.cell(7, col["信息标题"] + 1).data_type == "s"  # "=…" stayed text
    assert "平江县短讯" not in {r[col["信息标题"]] for r in rows}  # only counted rows
    assert sheet.auto_filter.ref == f"A1:X{len(rows) + 1}"
    assert sheet.freeze_panes == "C2"
    assert sheet.page_setup.paperSize == 9 and sheet.print_title_rows == "$1:$1"
    summary = book[SUMMARY_SHEET]
    counts = {r[1].value: r[4].value for r in summary.iter_rows(min_row=4, max_row=38)}
    assert counts["岳阳县工信局"] == 5 and counts["平江县工信局"] == 3 and counts["办公室"] == 2
    assert counts["合计"] == 11


def test_export_through_the_cli(ws: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "我的台账.xlsx"
    result = CliRunner().invoke(cli, ["export", "--period", "2015-03", "--out", str(target), "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "计入稿件 9 条" in result.output
    assert str(target) in result.output
    rows = list(openpyxl.load_workbook(target)[LEDGER_SHEET].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 9


def test_export_of_a_period_not_over_says_which_months_are_missing(ws: Workspace) -> None:
    """review R5 M2: the half year exported with January to March consolidated gave the half year's 任务数 beside
    three months' counts without a word; the bulletin says it, so do the summary and the 汇总 sheet."""
    said = "台账中已有1—3月的数据，4—6月尚未汇总：任务数为半年任务，计入条数为截至目前的累计"
    result = CliRunner().invoke(cli, ["export", "--period", "2015-H1", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert f"计入稿件 11 条，4 个单位\n  {said}\n" in result.output
    assert re.fullmatch(rf"导出时间：\d+年\d+月\d+日 \d\d:\d\d。{said}", openpyxl.load_workbook(ws.out / "台账_2015年上半年.xlsx")[SUMMARY_SHEET]["A2"].value)
    whole = export(ws, Period.parse("2015-Q1"), None, now=dt.datetime(2015, 4, 3, 16, 45))  # every month consolidated
    assert whole.lines == ["计入稿件 11 条，4 个单位"]
    assert openpyxl.load_workbook(whole.paths[0])[SUMMARY_SHEET]["A2"].value == "导出时间：2015年4月3日 16:45"


@pytest.mark.parametrize(("typed", "name", "rows"), [
    ("2015年全年", "台账_2015年.xlsx", 11), ("2015年度", "台账_2015年.xlsx", 11),
    ("２０１５年第１季度", "台账_2015年第一季度.xlsx", 11), ("2015年4季度", "台账_2015年第四季度.xlsx", 0),
])  # fmt: skip
def test_export_and_bulletin_take_the_office_s_words_for_a_period(ws: Workspace, typed: str, name: str, rows: int) -> None:
    result = CliRunner().invoke(cli, ["export", "--period", typed, "-w", str(ws.root)])  # review Y1
    assert result.exit_code == 0, result.output
    assert len(list(openpyxl.load_workbook(ws.out / name)[LEDGER_SHEET].iter_rows(min_row=2))) == rows
    bulletin = CliRunner().invoke(cli, ["bulletin", "--period", typed, "--date", "2016-01-08", "-w", str(ws.root)])
    assert bulletin.exit_code == 0, bulletin.output
    assert (ws.out / name.replace("台账", "通报")).exists()


def test_a_big_ledger_is_written_in_constant_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, units) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ledger_export, "CONSTANT_MEMORY_ROWS", 5)
    articles = [article("岳阳县工信局", f"标题{i:02d}", i + 5, day=1 + i % 28) for i in range(12)]
    path = tmp_path / "big.xlsx"
    assert write_ledger_export(path, period=MARCH, articles=articles, units=units) == 12
    sheet = openpyxl.load_workbook(path)[LEDGER_SHEET]
    titles = [r[4] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(a.title for a in articles) and len(titles) == 12
    assert sheet.auto_filter.ref == "A1:X13"


def test_consolidate_names_the_exports_it_made_out_of_date(ws: Workspace) -> None:
    """Review W5 3: a 更正 consolidated after the month's export left out/台账_2015年03月.xlsx listing withdrawn articles,
    and nothing said so. consolidate names each export in out/ of a period holding a month it changed."""
    for key in ("2015-01", "2015-03", "2015-Q1", "2015"):
        export(ws, Period.parse(key), None, now=dt.datetime(2015, 4, 2, 9, 30))
    again = consolidate(ws, MARCH, ws.inbox / "2015-03", now=NOW)  # nothing changed: nothing to say
    assert not [w for w in again.warnings if "台账_" in w]
    refused = ws.inbox / "2015-03" / "岳阳县_2015年04月.xlsx"  # sweep Z7 D2: a refusal (F7) going lists no other row
    write_report(refused, "岳阳县工信局", [report_row("岳阳县四月信息", 2, month=4)], month="2015年4月")
    assert consolidate(ws, MARCH, ws.inbox / "2015-03", now=NOW).refused
    refused.unlink()
    again = consolidate(ws, MARCH, ws.inbox / "2015-03", now=NOW)
    assert not [w for w in again.warnings if "台账_" in w]
    write_report(ws.inbox / "2015-03" / "平江县.xlsx", "平江县工信局", [report_row("平江县三月招商", 12)])  # a 更正: 2 of 3 withdrawn
    result = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert "Traceback" not in result.output
    stale = [line.strip() for line in result.output.splitlines() if "台账_" in line]
    assert [re.sub(r"xlflow -w \S+ ", "xlflow ", line) for line in stale] == [
        f"! 已有的 台账_2015年{name}.xlsx 不是最新的：本次汇总改变了2015年3月的数据；要更新，请运行 xlflow export --period {key}"
        for name, key in (("03月", "2015-03"), ("第一季度", "2015-Q1"), ("", "2015"))
    ]


def test_export_warns_of_a_unit_renamed_since_it_was_consolidated(ws: Workspace) -> None:
    """Review W5 4: 岳阳县工信局 renamed in the quota table, its old name kept as 别名: export listed its articles as
    （不在任务分配表中） without a word, the bulletin warned. Export says what the bulletin says."""
    book = openpyxl.load_workbook(ws.quota_path)
    row = next(r for r in book.worksheets[0].iter_rows(min_row=2) if r[1].value == "岳阳县工信局")
    row[1].value, row[6].value = "岳阳县工业和信息化局", "岳阳县工信局"
    book.save(ws.quota_path)
    result = CliRunner().invoke(cli, ["export", "--period", "2015-03", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    said = re.sub(r"xlflow -w \S+ ", "xlflow ", result.output)
    assert ("! 台账中有 1 个单位不在任务分配表中，其稿件没有计入“汇总”表各单位的计入条数：岳阳县工信局（2015年3月计入 5 条）："
            "“岳阳县工信局”现在是岳阳县工业和信息化局的别名，而其稿件是改名前以“岳阳县工信局”汇总的：请重新运行 "
            "xlflow consolidate --month 2015-03，再重新生成通报") in said
    assert "不在任务分配表" not in export(ws, Period.parse("2015-01"), None).render()  # January holds none of its files
