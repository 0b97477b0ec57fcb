"""A refused file as the unit and the coordinator meet it later: counted as an error alike in the receipt and in
status, replaced by the unit's corrected resend, or a later month's file waiting in an earlier month's folder.
Library and CLI, read back from the receipts written."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.receipts import receipt_path
from xlflow.commands.status import status
from xlflow.core.periods import Period
from xlflow.workspace import Workspace

MARCH = Period.parse("2015-03")
NOW = dt.datetime(2015, 4, 3, 9, 0)
TODAY = dt.date(2015, 4, 3)
UNIT = "湘阴县工信局"
NO_SIGNER = "湘阴县工信局3月信息.xlsx"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _no_signer(path: Path, titles: list[str], mtime: float) -> Path:
    """A unit's own sheet without the 审签人 columns: refused F11."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "3月信息"
    sheet.append([f"报送单位：{UNIT}", "", "报送月份：2015年3月"])
    sheet.append(["序号", "报送日期", "信息标题", "信息类别", "正文"])
    for n, title in enumerate(titles, start=1):
        sheet.append([n, dt.datetime(2015, 3, n + 2), title, "工作动态", report_row(title)[4]])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    import os

    os.utime(path, (mtime, mtime))
    return path


def _receipt_lines(ws: Workspace, month: Period = MARCH) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(receipt_path(ws, UNIT, month))
    return [row for row in book["回执"].iter_rows(values_only=True) if any(v is not None for v in row)]


def _row(lines: list[str], unit: str) -> list[str]:
    return next(line for line in lines if line.split()[1:2] == [unit]).split()


def _notice(notices: list[str], unit: str) -> str:
    return next((n for n in notices if n.startswith(f"{unit}：")), "")


# --- a refused file is an error in status as in the receipt ---------------------------------------------------


def test_status_counts_a_refused_file_as_an_error_as_the_receipt_does(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / f"{UNIT}_2015年03月.xlsx", UNIT, [report_row("湘阴县三月工作情况")])
    _no_signer(inbox / f"{UNIT}_3月补报.xlsx", ["湘阴县三月第三条"], time.time())
    consolidate(ws, MARCH, None, now=NOW)
    header = _receipt_lines(ws)[3]
    assert header[7:9] == (1, 0)  # 错误, 提示
    result = status(ws, MARCH, today=TODAY)
    assert _row(result.lines, UNIT)[2:6] == ["2（拒收", "1）", "1", "1"]  # 文件, 本月计入, 错误
    assert result.data["rows"][UNIT]["errors"] == 1
    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert _row(run.output.splitlines(), UNIT)[5] == "1", run.output


# --- a refused file the unit fixed as told ------------------------------------------------------------------


def _refused_then(ws: Workspace, fixed: str) -> Path:
    """NO_SIGNER refused an hour ago, then `fixed` (the same two articles with their 审签人) sent."""
    inbox = ws.inbox / "2015-03"
    _no_signer(inbox / NO_SIGNER, ["湘阴县三月工业用地", "湘阴县三月企业服务"], time.time() - 3600)
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 3
    write_report(inbox / fixed, UNIT, [report_row("湘阴县三月工业用地", 3), report_row("湘阴县三月企业服务", 4)])
    return inbox


@pytest.mark.parametrize("fixed", ["湘阴县工信局3月信息（更正）.xlsx", "湘阴县工信局3月信息2.xlsx", "湘阴县工信局3月信息（修改）.xlsx"])
def test_a_corrected_resend_replaces_the_refused_file(ws: Workspace, fixed: str) -> None:
    _refused_then(ws, fixed)
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    assert "拒收 0 个" in run.output and "未能处理的文件" not in run.output
    assert f"{NO_SIGNER}：本文件未能汇总，已由" in run.output and f"{fixed} 替代，不再计入" in run.output
    lines = _receipt_lines(ws)
    assert lines[3][3] == "本次报送 2 行：计入 2 条，未计入 0 条" and lines[3][5:8] == (2, 0.5, 0)  # 计入, 完成率, 错误
    assert any(str(line[0]).startswith(f"文件“{NO_SIGNER}”：本文件未能汇总，已由") for line in lines)
    assert not any("拒收" in str(line[0]) for line in lines)
    result = status(ws, MARCH, remind=True, today=TODAY)
    assert _row(result.lines, UNIT)[2:8] == ["1", "2", "0", "1", "2/4", "差"]
    notice = _notice(result.data["notices"], UNIT)
    assert "2015年3月已计入2篇，尚差2篇" in notice and NO_SIGNER not in notice and "未能汇总" not in notice


def test_a_supplement_does_not_clear_the_refused_return(ws: Workspace) -> None:
    _refused_then(ws, "湘阴县工信局3月补报.xlsx")
    made = consolidate(ws, MARCH, None, now=NOW)
    assert made.exit_code == 3 and "拒收 1 个" in made.render()
    assert any(str(line[0]).startswith(f"文件“{NO_SIGNER}”：拒收，未计入") for line in _receipt_lines(ws))
    assert "表头缺少必填列 审签人" in _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], UNIT)


def test_a_later_file_of_other_articles_does_not_clear_the_refused_one(ws: Workspace) -> None:
    """reviewer revZ3 s10: the unit sends its 工业园's articles in the park's own layout (refused) at 9:00, then its
    own form with three other articles at 10:00. The form is no resend of the park's file: its two articles are
    still not counted, so the refusal stays an error the unit must fix (not 无需另行处理)."""
    inbox = ws.inbox / "2015-03"
    park = f"{UNIT}_工业园_3月信息.xlsx"
    _no_signer(inbox / park, ["湘阴县工业园新签约项目5个", "湘阴县工业园举办招聘会"], time.time() - 3600)
    write_report(inbox / f"{UNIT}_2015年03月_信息报送登记表.xlsx", UNIT,
                 [report_row(f"湘阴县三月动态{n}", n + 4) for n in (1, 2, 3)])  # fmt: skip
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert run.exit_code == 3, run.output
    assert "拒收 1 个" in run.output and "替代" not in run.output and "无需另行处理" not in run.output
    lines = _receipt_lines(ws)
    assert lines[3][3] == "本次报送 3 行：计入 3 条，未计入 0 条；另有 1 个文件被拒收（见下）" and lines[3][7] == 1  # 错误
    assert any(str(line[0]).startswith(f"文件“{park}”：拒收，未计入：") for line in lines)
    notice = _notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], UNIT)
    assert "表头缺少必填列 审签人" in notice
    # sweep Z6 D1: if the form IS the park's file resent on the template (its own name), the unit need not send again
    form = f"{UNIT}_2015年03月_信息报送登记表.xlsx"
    assert f"；如后来报送的 {form} 就是本文件改好后重新报送的，无需再报" in notice and "协调人" not in notice
    assert f"{form} 就是本文件改好后重新报送的，无需再报（协调人：请把本文件移出收件文件夹后重新汇总）" in run.output


def test_a_file_refused_after_the_one_counted_stays_refused(ws: Workspace) -> None:
    """The newer file is the broken one: the unit must fix it, the older one counts meanwhile."""
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "湘阴县工信局3月.xlsx", UNIT, [report_row("湘阴县三月工业用地", 3)], mtime=time.time() - 3600)
    _no_signer(inbox / NO_SIGNER, ["湘阴县三月工业用地", "湘阴县三月企业服务"], time.time())
    assert consolidate(ws, MARCH, None, now=NOW).exit_code == 3
    assert any(str(line[0]).startswith(f"文件“{NO_SIGNER}”：拒收，未计入") for line in _receipt_lines(ws))


# --- a later month's file in an earlier month's folder --------------------------------------------------------

FEBRUARY_FILE = f"{UNIT}_2015年02月_信息报送登记表.xlsx"


def test_a_february_file_refused_in_january_waits_for_february(ws: Workspace) -> None:
    """January's receipt told the unit 将按2015年2月另行汇总，无需重报: February must not say nothing came."""
    january, february = Period.parse("2015-01"), Period.parse("2015-02")
    write_report(ws.inbox / "2015-01" / f"{UNIT}_2015年01月.xlsx", UNIT, [report_row("湘阴县一月工作", 25, month=1)],
                 month="2015年1月")  # fmt: skip
    write_report(ws.inbox / "2015-01" / FEBRUARY_FILE, UNIT, [report_row("湘阴县二月工作", 5, month=2)], month="2015年2月")
    assert "无需重报" in consolidate(ws, january, None, now=NOW).render()
    write_report(ws.inbox / "2015-02" / "华容县工信局_2015年02月.xlsx", "华容县工信局",
                 [report_row("华容县二月项目", 4, month=2)], month="2015年2月")  # fmt: skip
    step = (f"2015年2月的文件放在了其他月份的收件文件夹中（1 个）：inbox/2015-01/{FEBRUARY_FILE}（{UNIT}）："
            "汇总时已告诉单位无需重报，请移到 inbox/2015-02 后运行 xlflow consolidate --month 2015-02")
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-02", "-w", str(ws.root)])
    typed = step.replace("xlflow consolidate", f"xlflow -w {ws.root} consolidate")  # the CLI says it as typed
    assert typed in run.output and UNIT not in run.output.split("按月报送、本月未报送的单位")[1].split("\n")[0]
    result = status(ws, february, remind=True, today=TODAY)
    assert step in result.lines
    assert _row(result.lines, UNIT)[-1] == "已收到，待移入本月文件夹"
    assert UNIT not in result.data["missing"] and _notice(result.data["notices"], UNIT) == ""
    assert f"文件在其他月份的收件文件夹中、未起草催报通知的单位（1 个）：{UNIT}：移入本月收件文件夹、汇总后再运行本命令" in result.lines
    cli_out = CliRunner().invoke(cli, ["status", "--month", "2015-02", "--remind", "-w", str(ws.root)]).output
    assert typed in cli_out and "尚未收到贵单位2015年2月" not in cli_out.split(f"{UNIT}：")[-1][:80]

    (ws.inbox / "2015-01" / FEBRUARY_FILE).rename(ws.inbox / "2015-02" / FEBRUARY_FILE)  # as told: then counted
    assert "其他月份的收件文件夹" not in consolidate(ws, february, None, now=NOW).render()
    assert _row(status(ws, february, today=TODAY).lines, UNIT)[3] == "1"


# --- a past quarter's file sent late --------------------------------------------------------------------------


def test_a_late_quarter_file_says_where_it_counted_and_that_its_quarter_stays(ws: Workspace) -> None:
    """财务科 (1 a quarter) sends its 第一季度 file on 4月3日: it counts in the second quarter by its date."""
    april = Period.parse("2015-04")
    name = "财务科_2015年第一季度信息.xlsx"
    write_report(ws.inbox / "2015-04" / name, "财务科", [report_row("财务科一季度预算执行情况", 3, month=4)],
                 month="2015年第一季度")  # fmt: skip
    run = CliRunner().invoke(cli, ["consolidate", "--month", "2015-04", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    book = openpyxl.load_workbook(receipt_path(ws, "财务科", april))["回执"]
    lines = [str(row[0]) for row in book.iter_rows(values_only=True) if row[0] is not None]
    assert (f"文件“{name}”写的是2015年第一季度，2015年4月才收到：其中 1 条按报送日期计入2015年第二季度；"
            "2015年第一季度已计入 0 篇，差 1 篇，不因本文件改变") in lines
    assert book["D4"].value == "本次报送 1 行：计入 1 条，未计入 0 条" and book["F4"].value == 1


def test_the_working_papers_do_not_call_a_replaced_refusal_refused(ws: Workspace) -> None:
    """fixer W2b noticed: the 工作底稿's 无稿件计入单位 read every refusal of the month, so a unit whose 更正 replaced
    its refused return (and whose rows then all had errors) was listed as 《湘阴县工信局3月信息.xlsx》被拒收."""
    inbox = ws.inbox / "2015-03"
    _no_signer(inbox / NO_SIGNER, ["湘阴县三月工业用地"], time.time() - 3600)
    consolidate(ws, MARCH, None, now=NOW)
    fixed = "湘阴县工信局3月信息（更正）.xlsx"
    write_report(inbox / fixed, UNIT, [report_row("湘阴县三月工业用地", 3, body="太短")])  # R1: counts nothing
    consolidate(ws, MARCH, None, now=NOW)
    run = CliRunner().invoke(cli, ["bulletin", "--period", "2015-03", "--date", "2015-04-03", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    book = openpyxl.load_workbook(ws.out / "工作底稿_2015年03月.xlsx")
    rows = [r for r in book["无稿件计入单位"].iter_rows(values_only=True) if UNIT in r]
    assert len(rows) == 1 and fixed in " ".join(map(str, rows[0])), rows
    assert "被拒收" not in " ".join(map(str, rows[0])), rows


def test_no_move_advice_for_a_unit_whose_return_of_that_month_counts(ws: Workspace) -> None:
    """sweep Z4 D1: a reused February form (2 of the 4 counted rows) refused F7 in March's folder made February's
    status say 请移到 inbox/2015-02; doing so replaced the counted return (4/4 → 2/4). A unit whose return of the month
    counts gets no such advice."""
    february = Period.parse("2015-02")
    rows = [report_row(f"湘阴县二月工作{n}", n, month=2) for n in range(1, 5)]
    write_report(ws.inbox / "2015-02" / FEBRUARY_FILE, UNIT, rows, month="2015年2月")
    consolidate(ws, february, None, now=NOW)
    write_report(ws.inbox / "2015-03" / f"{UNIT}_2015年03月.xlsx", UNIT, [report_row("湘阴县三月工作")])
    write_report(ws.inbox / "2015-03" / f"{UNIT}_2015年02月（上月）.xlsx", UNIT, rows[:2], month="2015年2月")
    consolidate(ws, MARCH, None, now=NOW)
    result = status(ws, february, today=TODAY)
    [step] = [line for line in result.lines if "其他月份的收件文件夹" in line]
    assert (f"inbox/2015-03/{UNIT}_2015年02月（上月）.xlsx（{UNIT}；{UNIT}本月已有计入的 {FEBRUARY_FILE}，"
            "移入后以修改时间较晚的为准：如是旧表的副本，不要移入）") in step, step
    assert _row(result.lines, UNIT)[3] == "4"


def test_a_misfiled_correction_or_supplement_of_a_counted_unit_is_named(ws: Workspace) -> None:
    """sweep Z7 D1: the advice was dropped for every unit with a counted return, so its February 补报 left in March's
    folder (told 无需重报) was never named and its article never counted. A 补报 or 更正 is named as any file."""
    february = Period.parse("2015-02")
    write_report(ws.inbox / "2015-02" / FEBRUARY_FILE, UNIT, [report_row("湘阴县二月工作", 5, month=2)], month="2015年2月")
    consolidate(ws, february, None, now=NOW)
    write_report(ws.inbox / "2015-03" / f"{UNIT}_2015年03月.xlsx", UNIT, [report_row("湘阴县三月工作")])
    late = f"{UNIT}_2015年2月补报.xlsx"
    write_report(ws.inbox / "2015-03" / late, UNIT, [report_row("湘阴县二月补报一条", 26, month=2)], month="2015年2月")
    consolidate(ws, MARCH, None, now=NOW)
    [step] = [line for line in status(ws, february, today=TODAY).lines if "其他月份的收件文件夹" in line]
    assert f"inbox/2015-03/{late}（{UNIT}）：汇总时已告诉单位无需重报，请移到 inbox/2015-02 后运行" in step, step
