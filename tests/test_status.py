"""`status` against what the ledger cannot know yet or no longer matches: workbooks in the month's folder not
consolidated, the quarter's end by today's date, rows a return counts in another month, ledger units the quota
table no longer names. Library and CLI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.commands.consolidate import consolidate
from xlflow.commands.status import status
from xlflow.core.periods import Period
from xlflow.core.schema import QUOTA_SHEET
from xlflow.workspace import Workspace

JANUARY = Period.parse("2015-01")
FEBRUARY = Period.parse("2015-02")
MARCH = Period.parse("2015-03")
JUNE = Period.parse("2015-06")
NOW = dt.datetime(2015, 4, 3, 9, 0)
TODAY = dt.date(2015, 4, 3)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _notice(notices: list[str], unit: str) -> str | None:
    return next((n for n in notices if n.startswith(f"{unit}：")), None)


# --- the quarter's end is a date ---------------------------------------------------------------------------


def _june(ws: Workspace) -> None:
    write_report(ws.inbox / "2015-06" / "岳阳县工信局_2015年06月.xlsx", "岳阳县工信局",
                 [report_row(f"岳阳县6月信息{d}", d, month=6) for d in (1, 2, 3, 4)], month="2015年6月")  # fmt: skip


QUARTERLY = "办公室、离退休人员管理服务科、人事科、财务科、机关党委、工业公会、能源利用监测站、机关后勤服务中心、退二进三办"


def test_the_quarter_has_not_ended_before_its_last_day(ws: Workspace) -> None:
    _june(ws)
    made = consolidate(ws, JUNE, None, now=dt.datetime(2015, 6, 25, 17, 0)).render()
    waiting = f"按季度考核的单位 9 个（2015年第二季度，截至6月）：本季度已完成 0 个，季度尚未结束（6月30日截止），目前未完成 9 个：{QUARTERLY}"
    assert waiting in made and "季度已结束" not in made
    result = status(ws, JUNE, remind=True, today=dt.date(2015, 6, 25))
    assert waiting in result.render()
    assert "请于6月30日前报送" in (_notice(result.data["notices"], "办公室") or "")
    assert "季度已结束" not in result.render()

    ended = status(ws, JUNE, today=dt.date(2015, 7, 1)).render()
    assert f"本季度已完成 0 个，季度已结束，未完成 9 个：{QUARTERLY}" in ended


# --- rows of the month's return that count in another month ------------------------------------------------


def test_the_reminder_says_which_rows_count_in_another_month(ws: Workspace) -> None:
    write_report(ws.inbox / "2015-03" / "平江县3月.xlsx", "平江县工信局", [
        report_row("平江县信息1", 26, month=2), report_row("平江县信息2", 27, month=2),
        report_row("平江县信息3", 5), report_row("平江县信息4", 6),
    ])  # fmt: skip
    write_report(ws.inbox / "2015-03" / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息1")])
    consolidate(ws, MARCH, None, now=NOW)
    notices = status(ws, MARCH, remind=True, today=dt.date(2015, 4, 2)).data["notices"]
    assert ("2015年3月已计入2篇（贵单位2015年3月的登记表中另有2篇按报送日期计入2015年2月），尚差2篇。") in (
        _notice(notices, "平江县工信局") or ""
    )
    assert "另有" not in (_notice(notices, "岳阳县工信局") or "")


def test_a_unit_whose_articles_came_in_a_later_months_file_is_not_told_none_came(ws: Workspace) -> None:
    """review D5: 湘阴县 sent no February file; its March 补报 holds 3 February articles, counted in February. It is
    差 1 条, not 未报送, the table says where they came from, and the 催报 says so (library and CLI)."""
    unit = "湘阴县工信局"
    write_report(ws.inbox / "2015-03" / f"{unit}_2015年03月_补报.xlsx", unit,
                 [report_row(f"湘阴县二月补报{d}", d, month=2) for d in (5, 6, 9)], month="2015年3月")  # fmt: skip
    consolidate(ws, MARCH, None, now=NOW)
    result = status(ws, FEBRUARY, remind=True, today=TODAY)
    text = result.render()
    line = next(s for s in text.splitlines() if unit in s)
    assert line.split()[1:] == [unit, "0", "3", "0", "0", "3/4", "差", "1", "条（3", "条随2015年3月的文件补报）"]
    assert "按月报送、本月未报送的单位（" in text and f"、{unit}" not in text.split("本月未报送的单位")[1].split("\n")[0]
    assert unit in next(s for s in text.splitlines() if s.strip().startswith("本月未完成任务的单位"))
    assert "本月报送文件的单位 0/34 个，计入 3 条" in text  # no file came in February
    told = "2015年2月已计入3篇（其中3篇随2015年3月的登记表补报），尚差1篇。请收到本通知后尽快补报。"
    notice = _notice(result.data["notices"], unit) or ""
    assert told in notice and "尚未收到" not in notice
    cli_run = CliRunner().invoke(cli, ["status", "--month", "2015-02", "--remind", "-w", str(ws.root)])
    assert cli_run.exit_code == 0, cli_run.output
    assert told in cli_run.output and "差 1 条（3 条随2015年3月的文件补报）" in cli_run.output


def test_a_row_of_an_earlier_months_file_is_no_sign_the_month_s_form_came(ws: Workspace) -> None:
    """sweep 9: 湘阴县 sent no March file; one row of its February file is dated 3月3日 and counts in March by 报送日期.
    It is still 未报送 for March (its March form never came) and its 催报 says so; the row counts all the same."""
    unit = "湘阴县工信局"
    write_report(ws.inbox / "2015-02" / f"{unit}_2015年02月.xlsx", unit,
                 [report_row("湘阴县二月信息", 5, month=2), report_row("湘阴县三月初信息", 3, month=3)], month="2015年2月")  # fmt: skip
    write_report(ws.inbox / "2015-03" / "平江县工信局_2015年03月.xlsx", "平江县工信局", [report_row("平江县三月信息", 4)])
    consolidate(ws, FEBRUARY, None, now=NOW)
    consolidate(ws, MARCH, None, now=NOW)
    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    line = next(s for s in text.splitlines() if unit in s)
    assert line.split()[1:] == [unit, "0", "1", "0", "0", "1/4", "未报送"]
    assert unit in text.split("本月未报送的单位")[1].split("\n")[0]
    notice = _notice(result.data["notices"], unit) or ""
    assert "尚未收到贵单位2015年3月的政务信息报送登记表" in notice and "2015年3月已计入1篇，尚差3篇。" in notice


def test_the_reminder_names_the_file_a_correction_replaced(ws: Workspace) -> None:
    """平江县's 更正 holds one of its 3 articles: the 催报 names the file it replaced and the 2 articles lost, and
    how to send them (library and CLI)."""
    first, fix = "平江县3月.xlsx", "平江县3月（更正）.xlsx"
    write_report(ws.inbox / "2015-03" / first, "平江县工信局", [report_row(f"平江县信息{d}", d) for d in (3, 4, 5)])
    write_report(ws.inbox / "2015-03" / fix, "平江县工信局", [report_row("平江县信息3", 3)])
    consolidate(ws, MARCH, None, now=NOW)
    # review R7: 2篇《平江县3月（更正）.xlsx》 read as an article's title; the articles are named
    told = (f"2015年3月已计入1篇，尚差3篇。《{first}》已由《{fix}》替代，其中2篇稿件（《平江县信息4》、《平江县信息5》）在新文件中没有，不再计入："
            f"如仍要报送，请补入《{fix}》后重新报送，或以文件名写“补报”的文件报送。")  # fmt: skip
    assert told in (_notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "平江县工信局") or "")
    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert told in result.output


# --- ledger units the quota table does not name -------------------------------------------------------------


def _rename(ws: Workspace, old: str, new: str) -> None:
    book = openpyxl.load_workbook(ws.quota_path)
    sheet = book[QUOTA_SHEET]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == old)
    cell.value = new
    book.save(ws.quota_path)


def _counted_march(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(
        inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row(f"岳阳县信息{d}", d) for d in range(1, 8)]
    )
    write_report(inbox / "中小企业服务中心3月.xlsx", "中小企业服务中心", [report_row("服务中心信息1")])
    consolidate(ws, MARCH, None, now=NOW)


def test_articles_under_a_name_the_quota_table_lost_are_named(ws: Workspace) -> None:
    _counted_march(ws)
    _rename(ws, "岳阳县工信局", "岳阳县\u2f2f信局")  # ⼯, the Kangxi radical a copy from a PDF gives
    _rename(ws, "中小企业服务中心", "企业服务中心")  # renamed mid-year
    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    assert (
        "台账中有 2 个单位不在任务分配表中，其稿件没有计入上表：中小企业服务中心（2015年3月计入 1 条）、"
        "岳阳县工信局（2015年3月计入 7 条）：任务分配表的单位名称写错了的，请改正；单位改了名称的，"
        "请在任务分配表该单位的“别名”列填上原名称，再重新运行 xlflow consolidate --month 2015-03"
    ) in text
    notices = result.data["notices"]
    # the same unit by its name's spelling: not told nothing came; a renamed unit cannot be told apart safely
    assert _notice(notices, "岳阳县\u2f2f信局") is None
    assert (
        "稿件记在台账其他名称下、未起草催报通知的单位（1 个）：岳阳县\u2f2f信局（台账中为“岳阳县工信局”）"
        in text
    )
    assert "尚未收到" in (_notice(notices, "企业服务中心") or "")

    cli_run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert cli_run.exit_code == 0, cli_run.output
    assert "台账中有 2 个单位不在任务分配表中" in cli_run.output
    clean = make_workspace(ws.root.parent / "clean")
    _counted_march(clean)
    assert "不在任务分配表中" not in status(clean, MARCH, today=TODAY).render()


# --- workbooks in the month's folder the ledger has not read -----------------------------------------------

LATE = "轻工业科3月份信息.xlsx"


def _row(result_lines: list[str], unit: str) -> str:
    return next(line for line in result_lines if line.split()[1:2] == [unit])


def _march(ws: Workspace, folder: Path) -> None:
    write_report(
        folder / "岳阳县工信局_2015年03月.xlsx",
        "岳阳县工信局",
        [report_row(f"岳阳县3月信息{d}", d) for d in (2, 3, 4, 5)],
    )
    write_report(folder / "平江县3月.xlsx", "平江县工信局", [report_row("平江县3月信息1", 6)])
    consolidate(ws, MARCH, None, now=NOW)


def test_a_late_return_in_the_month_folder_is_named_and_not_chased(ws: Workspace) -> None:
    """March consolidated; then 轻工业科's return arrives and 平江县 sends a corrected file under the same name:
    status names both as not yet consolidated, says to consolidate first, and drafts no 催报 for either."""
    inbox = ws.inbox / "2015-03"
    _march(ws, inbox)
    write_report(inbox / LATE, "轻工业科", [report_row("轻工业科3月信息1", 27)])
    write_report(
        inbox / "平江县3月.xlsx",
        "平江县工信局",
        [report_row("平江县3月信息1", 6), report_row("平江县3月信息2", 9)],
    )

    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    assert (
        "收件文件夹 inbox/2015-03 中有 2 个工作簿尚未汇总（汇总后新放入或改过）：平江县3月.xlsx、轻工业科3月份信息.xlsx："
        "请先运行 xlflow consolidate --month 2015-03，再看报送情况、发催报通知"
    ) in text
    assert _row(result.lines, "轻工业科").split()[-1] == "已收到，待汇总"
    assert _row(result.lines, "平江县工信局").endswith("差 3 条")  # what the ledger holds of it
    assert "按月报送、本月未报送的单位（22 个）：" in text and "轻工业科" not in result.data["missing"]
    assert "已收到工作簿、尚未汇总的单位（1 个）：轻工业科" in text
    notices = result.data["notices"]
    assert _notice(notices, "轻工业科") is None and _notice(notices, "平江县工信局") is None
    assert "工作簿尚未汇总、未起草催报通知的单位（2 个）：平江县工信局、轻工业科：汇总后再运行本命令" in text
    assert "尚未收到贵单位2015年3月" in (_notice(notices, "华容县工信局") or "")
    assert len(notices) == 34 - 1 - 1 - 2  # not the office itself, not 岳阳县 (done), not the two waiting

    cli_run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert cli_run.exit_code == 0, cli_run.output
    assert "平江县3月.xlsx、轻工业科3月份信息.xlsx：请先运行 xlflow -w" in cli_run.output
    assert "  轻工业科：\n" not in cli_run.output and "  华容县工信局：\n" in cli_run.output

    consolidate(ws, MARCH, None, now=NOW + dt.timedelta(days=1))
    after = status(ws, MARCH, remind=True, today=TODAY)
    assert "尚未汇总" not in after.render() and "未起草" not in after.render()
    assert after.data["rows"]["轻工业科"]["counted"] == 1
    assert _notice(after.data["notices"], "平江县工信局") is not None


def test_files_taken_out_of_a_consolidated_month_are_named(ws: Workspace) -> None:
    """Review X5 D4: a file withdrawn and a refused one moved away after March was consolidated still count in the
    ledger: status names them, until March is consolidated again."""
    inbox = ws.inbox / "2015-03"
    _march(ws, inbox)
    (inbox / "湘阴县3月信息.xlsx").write_text("见附件", encoding="utf-8")  # refused: a text file
    consolidate(ws, MARCH, None, now=NOW)
    (inbox / "平江县3月.xlsx").unlink()
    (inbox / "湘阴县3月信息.xlsx").rename(ws.root / "湘阴县3月信息.xlsx")
    gone = ("已汇总的文件《平江县3月.xlsx》《湘阴县3月信息.xlsx》已不在 inbox/2015-03 中：如已撤回，"
            "请重新运行 xlflow consolidate --month 2015-03")  # fmt: skip
    assert gone in status(ws, MARCH, today=TODAY).lines
    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    assert "已汇总的文件《平江县3月.xlsx》《湘阴县3月信息.xlsx》已不在 inbox/2015-03 中：如已撤回，请重新运行 xlflow -w" in run.output
    consolidate(ws, MARCH, None, now=NOW + dt.timedelta(days=1))
    after = status(ws, MARCH, today=TODAY)
    assert "已不在" not in after.render() and _row(after.lines, "平江县工信局").endswith("未报送")


def test_files_tidied_into_a_subfolder_are_neither_gone_nor_unread(ws: Workspace) -> None:
    """Review X8 s1: consolidated files moved into inbox/2015-03/已处理/ (one renamed on the way, same bytes) are
    still there: not "已不在", not "尚未汇总"; a changed file moved there is 尚未汇总, one taken out is gone."""
    inbox = ws.inbox / "2015-03"
    _march(ws, inbox)
    write_report(inbox / "湘阴县.xlsx", "湘阴县工信局", [report_row("湘阴县3月信息1", 7)])
    write_report(inbox / "华容县.xlsx", "华容县工信局", [report_row("华容县3月信息1", 8)])
    consolidate(ws, MARCH, None, now=NOW)
    (inbox / "已处理").mkdir()
    (inbox / "岳阳县工信局_2015年03月.xlsx").rename(inbox / "已处理" / "岳阳县工信局_2015年03月.xlsx")
    (inbox / "平江县3月.xlsx").rename(inbox / "已处理" / "平江县3月（已处理）.xlsx")
    write_report(inbox / "已处理" / "湘阴县.xlsx", "湘阴县工信局", [report_row("湘阴县3月信息1（改）", 7)])
    (inbox / "湘阴县.xlsx").unlink()
    (inbox / "华容县.xlsx").unlink()
    done = status(ws, MARCH, today=TODAY)
    assert [line for line in done.lines if "已不在" in line or "尚未汇总" in line] == [
        "收件文件夹 inbox/2015-03 中有 1 个工作簿尚未汇总（汇总后新放入或改过）：已处理/湘阴县.xlsx：请先运行 "
        "xlflow consolidate --month 2015-03，再看报送情况、发催报通知",
        "已汇总的文件《华容县.xlsx》已不在 inbox/2015-03 中：如已撤回，请重新运行 xlflow consolidate --month 2015-03",
    ]
    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert run.exit_code == 0 and "已汇总的文件《华容县.xlsx》已不在 inbox/2015-03 中" in run.output, run.output
    assert "岳阳县工信局_2015年03月" not in run.output and "平江县3月" not in run.output


def test_files_the_ledger_knows_are_not_called_new(ws: Workspace) -> None:
    """A refused file, a file set aside as consolidated in February (copied under a March name) and a file of
    another month are what the ledger read or what consolidate leaves to another month: no hint."""
    february = write_report(ws.inbox / "2015-02" / "君山区工信局_2015年02月.xlsx", "君山区工信局",
                            [report_row("君山区二月信息", 3, month=2)], month="2015年2月")  # fmt: skip
    consolidate(ws, FEBRUARY, None, now=NOW)
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    shutil.copy2(february, inbox / "君山区3月信息.xlsx")
    (inbox / "湘阴县3月信息.xlsx").write_text("见附件", encoding="utf-8")  # refused: a text file
    write_report(
        inbox / "华容县2月信息.xlsx",
        "华容县工信局",
        [report_row("华容县二月信息", month=2)],
        month="2015年2月",
    )
    consolidate(ws, MARCH, None, now=NOW)

    text = status(ws, MARCH, remind=True, today=TODAY).render()
    assert "尚未汇总" not in text and "未起草" not in text


def test_a_month_never_consolidated_says_how_many_workbooks_wait(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县工信局_2015年03月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    write_report(inbox / LATE, "轻工业科", [report_row("轻工业科信息")])
    write_report(inbox / "3月信息.xlsx", "平江县工信局", [report_row("平江县信息")])  # no unit in its name

    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    assert (
        "台账中还没有2015年3月的汇总（收件文件夹 inbox/2015-03 中有 3 个工作簿）：请先运行 xlflow consolidate --month 2015-03"
    ) in text
    # 平江县's file does not name it: who has not sent is not known before the workbooks are read
    assert result.data["notices"] == [] and not (ws.out / "催报" / "催报_2015年03月.txt").exists()
    assert (
        "未起草催报通知：收件文件夹 inbox/2015-03 中有 3 个工作簿尚未汇总，其中 1 个从文件名看不出是哪个单位的，"
        "汇总前无法确定哪些单位未报送：请先运行 xlflow consolidate --month 2015-03，再运行本命令"
    ) in text
    assert _row(result.lines, "轻工业科").split()[-1] == "已收到，待汇总"

    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    assert "未起草催报通知：" in run.output and "尚未收到" not in run.output


def test_a_flat_inbox_names_a_late_file_of_the_month(ws: Workspace) -> None:
    """inbox/ holds every month's files: a late March file (its name says 3月) is named for March; April's
    files are not March's."""
    write_report(
        ws.inbox / "岳阳县工信局_2015年03月.xlsx",
        "岳阳县工信局",
        [report_row(f"岳阳县信息{d}", d) for d in (2, 3, 4, 5)],
    )
    write_report(ws.inbox / "平江县_2015年04月.xlsx", "平江县工信局", [report_row("平江县4月信息", 8, month=4)],
                 month="2015年4月")  # fmt: skip
    consolidate(ws, MARCH, None, now=NOW)
    write_report(ws.inbox / LATE, "轻工业科", [report_row("轻工业科3月信息1", 27)])

    result = status(ws, MARCH, remind=True, today=TODAY)
    assert (
        "收件文件夹 inbox 中有 1 个工作簿尚未汇总（汇总后新放入或改过）：轻工业科3月份信息.xlsx："
        in result.render()
    )
    assert _notice(result.data["notices"], "轻工业科") is None
    assert _notice(result.data["notices"], "平江县工信局") is not None  # its April file is no March return


def test_a_reminder_file_that_cannot_be_written_keeps_the_table_and_the_notices(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县工信局3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息1", 1)])
    consolidate(ws, MARCH, None, now=NOW)
    (ws.out / "催报").mkdir(parents=True, exist_ok=True)
    (ws.out / "催报").rmdir()
    (ws.out / "催报").write_text("a file where the folder belongs")
    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert run.exit_code == 1, run.output
    assert "岳阳县工信局" in run.output and "截至目前" in run.output  # the table and the notices are printed
    warning = next(line for line in run.output.splitlines() if line.startswith("  ! 无法写入"))
    assert "是一个文件，不是文件夹" in warning and warning.endswith("；本次的催报通知已在上面列出，可直接复制"), warning
    assert "Traceback" not in run.output


# --- a return the last consolidate did not take, sent again ---------------------------------------------------

YUNXI = "云溪区工信局_2015年03月信息报送登记表.xlsx"


def _after_ledger(ws: Workspace, path: Path) -> None:
    """`path` saved after the ledger was last written (as a file resent after consolidate is)."""
    later = ws.ledger_path.stat().st_mtime + 60
    os.utime(path, (later, later))


def test_a_refused_return_sent_again_under_its_name_waits(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    (inbox / YUNXI).write_bytes(b"PK\x03\x04garbage")  # damaged: refused
    consolidate(ws, MARCH, None, now=NOW)
    refused = status(ws, MARCH, remind=True, today=TODAY)
    assert "尚未汇总" not in refused.render() and _row(refused.lines, "云溪区工信局").split()[-1] == "文件被拒收"
    assert "文件已损坏" in (_notice(refused.data["notices"], "云溪区工信局") or "")

    write_report(inbox / YUNXI, "云溪区工信局", [report_row(f"云溪区信息{d}", d) for d in (2, 3, 4, 5)])
    _after_ledger(ws, inbox / YUNXI)
    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    assert f"收件文件夹 inbox/2015-03 中有 1 个工作簿尚未汇总（汇总后新放入或改过）：{YUNXI}：" in text
    assert _row(result.lines, "云溪区工信局").split()[-1] == "已收到，待汇总"
    assert "已收到工作簿、尚未汇总的单位（1 个）：云溪区工信局" in text and "全部被拒收" not in text
    assert _notice(result.data["notices"], "云溪区工信局") is None
    assert "工作簿尚未汇总、未起草催报通知的单位（1 个）：云溪区工信局：汇总后再运行本命令" in text

    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    assert f"尚未汇总（汇总后新放入或改过）：{YUNXI}：请先运行 xlflow -w" in run.output
    assert "  云溪区工信局：\n" not in run.output

    consolidate(ws, MARCH, None, now=NOW + dt.timedelta(days=1))
    after = status(ws, MARCH, today=TODAY)
    assert "尚未汇总" not in after.render() and after.data["rows"]["云溪区工信局"]["counted"] == 4


def test_a_return_whose_name_states_another_month_is_read_as_the_folders(ws: Workspace) -> None:
    """云溪区4月份报送信息.xlsx in inbox/2015-03 says 报送月份 2015年3月: consolidate counts it as March's, so status
    names it until then, and drafts no 尚未收到 for 云溪区."""
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    consolidate(ws, MARCH, None, now=NOW)
    late = inbox / "云溪区4月份报送信息.xlsx"
    write_report(late, "云溪区工信局", [report_row(f"云溪区信息{d}", d) for d in (2, 3, 4, 5)])
    _after_ledger(ws, late)

    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    assert "中有 1 个工作簿尚未汇总（汇总后新放入或改过）：云溪区4月份报送信息.xlsx：" in text
    assert _row(result.lines, "云溪区工信局").split()[-1] == "已收到，待汇总"
    assert _notice(result.data["notices"], "云溪区工信局") is None and "云溪区工信局" not in result.data["missing"]
    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert run.exit_code == 0 and "云溪区4月份报送信息.xlsx：请先运行 xlflow -w" in run.output, run.output

    consolidate(ws, MARCH, None, now=NOW + dt.timedelta(days=1))
    after = status(ws, MARCH, today=TODAY)
    assert "尚未汇总" not in after.render() and after.data["rows"]["云溪区工信局"]["counted"] == 4


def test_a_quarterly_return_waiting_is_not_also_called_late(ws: Workspace) -> None:
    inbox = ws.inbox / "2015-03"
    write_report(inbox / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    consolidate(ws, MARCH, None, now=NOW)
    write_report(inbox / "工业公会_2015年03月.xlsx", "工业公会", [report_row("工业公会信息")])

    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    assert _row(result.lines, "工业公会").split()[-1] == "已收到，待汇总"
    assert "已收到工作簿、尚未汇总的单位（1 个）：工业公会" in text
    assert (
        "按季度考核的单位 9 个（2015年第一季度，截至3月）：本季度已完成 0 个，季度已结束，未完成 8 个："
        "办公室、离退休人员管理服务科、人事科、财务科、机关党委、能源利用监测站、机关后勤服务中心、退二进三办"
    ) in text
    run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert run.exit_code == 0 and "未完成 8 个：" in run.output, run.output
    assert _row(run.output.splitlines(), "工业公会").endswith("（季度累计）  已收到，待汇总")


def test_an_earlier_month_of_an_ended_quarter_is_not_given_its_end(ws: Workspace) -> None:
    """February looked at in April: the quarter is over (the 催报 says 收到本通知后尽快), but February's figures are
    not the quarter's: no unit is said to have failed it, March says how it ended."""
    write_report(ws.inbox / "2015-02" / "岳阳县2月.xlsx", "岳阳县工信局", [report_row("岳阳县信息", month=2)],
                 month="2015年2月")  # fmt: skip
    consolidate(ws, FEBRUARY, None, now=NOW)
    late = status(ws, FEBRUARY, remind=True, today=TODAY)
    assert f"本季度已完成 0 个，截至2月尚未报满（全季情况见3月） 9 个：{QUARTERLY}" in late.render()
    assert "季度已结束" not in late.render()
    assert "请收到本通知后尽快报送" in (_notice(late.data["notices"], "工业公会") or "")
    assert "人事科" in (_notice(late.data["notices"], "人事科") or "")
    write_report(ws.inbox / "2015-03" / "人事科3月.xlsx", "人事科", [report_row("人事科一季度信息", 20)])
    consolidate(ws, MARCH, None, now=NOW)  # 人事科 made its quarter in March: no 催报 for February's quarter-to-date
    assert _notice(status(ws, FEBRUARY, remind=True, today=TODAY).data["notices"], "人事科") is None
    early = status(ws, FEBRUARY, today=dt.date(2015, 2, 27)).render()
    assert f"本季度已完成 0 个，尚未报满，请在季度末（3月31日）前报送 9 个：{QUARTERLY}" in early
    run = CliRunner().invoke(cli, ["status", "--month", "2015-02", "-w", str(ws.root)])
    assert run.exit_code == 0 and "截至2月尚未报满（全季情况见3月） 9 个" in run.output, run.output


def test_a_quarter_made_later_is_not_chased_for_an_earlier_month(ws: Workspace) -> None:
    """人事科 sends its first-quarter article in March. February's reminder, in the quarter (27 March) or after it,
    chases no 人事科, and says why beside the table that shows February's count."""
    write_report(ws.inbox / "2015-02" / "岳阳县2月.xlsx", "岳阳县工信局", [report_row("岳阳县信息", month=2)],
                 month="2015年2月")  # fmt: skip
    consolidate(ws, FEBRUARY, None, now=NOW)
    write_report(ws.inbox / "2015-03" / "人事科3月.xlsx", "人事科", [report_row("人事科一季度信息", 20)])
    consolidate(ws, MARCH, None, now=NOW)
    for today in (dt.date(2015, 3, 27), TODAY):
        result = status(ws, FEBRUARY, remind=True, today=today)
        assert _notice(result.data["notices"], "人事科") is None, today
        assert _notice(result.data["notices"], "财务科") is not None, today
        assert _row(result.lines, "人事科").split()[-1] == "截至2月差1条，全季已完成", today
        assert "季度内其后已报满、未起草催报通知的单位（1 个）：人事科（全季情况见3月）" in result.render(), today
    write_report(ws.inbox / "2015-01" / "财务科1月.xlsx", "财务科", [report_row("财务科一季度信息", 20, month=1)],
                 month="2015年1月")  # fmt: skip
    consolidate(ws, JANUARY, None, now=NOW)  # 财务科 made its quarter in January: February says so plainly
    plain = status(ws, FEBRUARY, today=dt.date(2015, 3, 27))
    assert _row(plain.lines, "财务科").split()[-1] == "本季度已完成"
    assert _row(plain.lines, "人事科").split()[-1] == "截至2月差1条，全季已完成"
    assert _row(plain.lines, "财务科").split()[-1] == "本季度已完成"
    assert _row(plain.lines, "机关党委").endswith("本季度差 1 条")


def test_a_renamed_unit_is_told_every_month_to_consolidate_again(ws: Workspace) -> None:
    for month in (1, 3):
        write_report(ws.inbox / f"2015-0{month}" / f"中小企业服务中心{month}月.xlsx", "中小企业服务中心",
                     [report_row(f"服务中心{month}月信息", month=month)], month=f"2015年{month}月")  # fmt: skip
        consolidate(ws, Period.parse(f"2015-0{month}"), None, now=NOW)
    _rename(ws, "中小企业服务中心", "企业服务中心")
    advice = "请在任务分配表该单位的“别名”列填上原名称，再重新运行 xlflow consolidate --month 2015-01（2015-03 也同样重新运行）"
    text = status(ws, MARCH, today=TODAY).render()
    assert "其稿件没有计入上表：中小企业服务中心（2015年3月计入 1 条）：" in text and advice in text

    from xlflow.commands.bulletin import bulletin

    made = bulletin(ws, Period.parse("2015-Q1"), date=dt.date(2015, 4, 3))
    assert (
        "台账中有 1 个单位不在任务分配表中，其稿件没有计入通报：中小企业服务中心（2015年第一季度计入 2 条）："
    ) in made.render() and advice in made.render()
    run = CliRunner().invoke(cli, ["bulletin", "--period", "2015-Q1", "--date", "2015-04-03", "-w", str(ws.root)])
    assert run.exit_code == 0 and "其稿件没有计入通报：中小企业服务中心" in run.output, run.output
    clean = bulletin(ws, Period.parse("2015-02"), date=dt.date(2015, 3, 3)).render()
    assert "不在任务分配表中" not in clean  # no February article under the old name


def test_a_unit_deleted_from_the_quota_table_is_told_how_to_drop_its_records(ws: Workspace) -> None:
    """review Y5: a unit with articles deleted from the quota table (no longer assessed) kept them in the ledger,
    named after every run, with advice only for a typo or a rename. The advice says how to drop them too, and
    following it (its file moved out of the month's folder, the month consolidated again) leaves no such line."""
    _counted_march(ws)
    book = openpyxl.load_workbook(ws.quota_path)
    sheet = book[QUOTA_SHEET]
    sheet.delete_rows(next(c.row for row in sheet.iter_rows() for c in row if c.value == "中小企业服务中心"))
    book.save(ws.quota_path)
    text = status(ws, MARCH, today=TODAY).render()
    assert ("中小企业服务中心（2015年3月计入 1 条）：任务分配表的单位名称写错了的，请改正；单位改了名称的，请在任务分配表该单位的"
            "“别名”列填上原名称，再重新运行 xlflow consolidate --month 2015-03；单位已撤销、不再考核的，请把它的文件移出"
            "2015-03 的收件文件夹，再重新运行 xlflow consolidate --month 2015-03") in text  # fmt: skip
    (ws.inbox / "2015-03" / "中小企业服务中心3月.xlsx").rename(ws.root / "中小企业服务中心3月.xlsx")
    consolidate(ws, MARCH, None, now=NOW)
    assert "不在任务分配表中" not in status(ws, MARCH, today=TODAY).render()


def test_the_reminder_file_not_written_is_named_as_typed(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    write_report(ws.inbox / "2015-03" / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    consolidate(ws, MARCH, None, now=NOW)
    (ws.out / "催报" / "催报_2015年03月.txt").mkdir(parents=True)
    monkeypatch.chdir(ws.root.parent)
    run = CliRunner().invoke(cli, ["-w", "ws", "status", "--month", "2015-03", "--remind"])
    assert run.exit_code == 1, run.output
    warning = next(line for line in run.output.splitlines() if "无法写入" in line)
    assert warning.startswith("  ! 无法写入 ws/out/催报/催报_2015年03月.txt：") and str(ws.root) not in run.output, warning
    assert "重新运行 xlflow -w ws status --month 2015-03 --remind；" in warning


def _notice_text(ws: Workspace, name: str) -> str:
    return "\n".join(str(c.value) for c in openpyxl.load_workbook(ws.out / name)["通报"]["A"] if c.value)


def test_a_month_bulletin_dated_before_the_quarters_end_does_not_call_it_late(ws: Workspace) -> None:
    """consolidate on 30 March: its summary says the quarter has not ended, and so does the 通报 it writes."""
    write_report(ws.inbox / "2015-03" / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息")])
    made = consolidate(ws, MARCH, None, now=dt.datetime(2015, 3, 30, 10, 0)).render()
    assert f"季度尚未结束（3月31日截止），目前未完成 9 个：{QUARTERLY}" in made
    text = _notice_text(ws, "通报_2015年03月.xlsx")
    assert "按季度考核、本季度尚未报满的单位（9个）" in text and "请在季度末前完成报送" in text
    assert "工业公会" not in next(line for line in text.splitlines() if "未完成任务的单位" in line)

    from xlflow.commands.bulletin import bulletin

    late = bulletin(ws, MARCH, date=dt.date(2015, 4, 3)).data["rates"]
    assert late.short(late.row("工业公会")) and not late.pending(late.row("工业公会"))
    run = CliRunner().invoke(cli, ["bulletin", "--period", "2015-03", "--date", "2015-04-03", "-w", str(ws.root)])
    assert run.exit_code == 0, run.output
    unfinished = next(line for line in _notice_text(ws, "通报_2015年03月.xlsx").splitlines() if "未完成任务的单位" in line)
    assert "工业公会（报送0篇，任务1篇）" in unfinished and "本季度尚未报满" not in _notice_text(ws, "通报_2015年03月.xlsx")


def test_the_reminder_names_the_file_that_kept_only_its_urgent_article(ws: Workspace) -> None:
    """review: 华容县's earlier file keeps only its urgent article (先报的紧急信息除外) after the later return replaced
    it: the 催报 names it and its ordinary article no longer counted, as for a file replaced whole (library and CLI)."""
    from test_consolidate import EARLY, LATE, LEAK, MEETING, _with_urgency

    _with_urgency(ws.inbox / "2015-03" / EARLY, "华容县工信局", [(LEAK, 19, True), (MEETING, 20, False)], 1_426_800_000)
    _with_urgency(ws.inbox / "2015-03" / LATE, "华容县工信局", [("华容县第5日工作动态", 5, False)], 1_427_800_000)
    consolidate(ws, MARCH, None, now=NOW)
    told = (f"2015年3月已计入2篇，尚差2篇。《{EARLY}》（先报的紧急信息除外）已由《{LATE}》替代，其中1篇稿件（《{MEETING}》）在新文件中没有，"
            f"不再计入：如仍要报送，请补入《{LATE}》后重新报送，或以文件名写“补报”的文件报送。")  # fmt: skip
    assert told in (_notice(status(ws, MARCH, remind=True, today=TODAY).data["notices"], "华容县工信局") or "")
    result = CliRunner().invoke(cli, ["status", "--month", "2015-03", "--remind", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert told in result.output


def test_a_refused_file_of_a_unit_named_with_a_slash_is_that_units(ws: Workspace) -> None:
    """review: 办公室/人事科's file, named as distribute names it (办公室_人事科_…), cannot be read: status and its 催报
    put it under 办公室/人事科, not under 办公室 whose name it holds (library and CLI)."""
    _rename(ws, "人事科", "办公室/人事科")
    name = "办公室_人事科_2015年03月信息报送登记表.xlsx"
    write_report(ws.inbox / "2015-03" / "岳阳县3月.xlsx", "岳阳县工信局", [report_row("岳阳县信息1")])
    (ws.inbox / "2015-03" / name).write_bytes(b"not a workbook")
    consolidate(ws, MARCH, None, now=NOW)
    result = status(ws, MARCH, remind=True, today=TODAY)
    assert result.data["refused"] == ["办公室/人事科"]
    assert (result.data["rows"]["办公室/人事科"]["refused"], result.data["rows"]["办公室"]["refused"]) == (1, 0)
    assert f"收到了贵单位报送的《{name}》，但未能汇总" in (_notice(result.data["notices"], "办公室/人事科") or "")
    assert name not in (_notice(result.data["notices"], "办公室") or "")
    out = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)]).output
    assert "其中 1 个单位的文件全部被拒收：办公室/人事科\n" in out


def test_a_unit_with_no_task_is_not_missing_nor_chased(ws: Workspace) -> None:
    """中小企业科 given no quota (每月任务 0, 全年任务 0) sends nothing: its row reads 0/0 已完成, and it is neither
    among the monthly units that sent nothing nor sent a 催报, in the library and the CLI."""
    book = openpyxl.load_workbook(ws.quota_path)
    (row,) = [r for r in book[QUOTA_SHEET].iter_rows(min_row=2) if r[1].value == "中小企业科"]
    row[4].value, row[5].value = 0, 0
    book.save(ws.quota_path)
    _counted_march(ws)
    result = status(ws, MARCH, remind=True, today=TODAY)
    text = result.render()
    assert "按月报送、本月未报送的单位（22 个）：" in text and "中小企业科" not in text.split("按月报送、本月未报送的单位")[1]
    assert "中小企业科" not in result.data["missing"] and _notice(result.data["notices"], "中小企业科") is None
    assert result.data["rows"]["中小企业科"]["quota"] == 0 and "中小企业科" not in result.data["sent"]
    cli_run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert cli_run.exit_code == 0, cli_run.output
    assert "按月报送、本月未报送的单位（22 个）：" in cli_run.output and "、中小企业科" not in cli_run.output


def _no_task(ws: Workspace, *names: str) -> None:
    book = openpyxl.load_workbook(ws.quota_path)
    for row in book[QUOTA_SHEET].iter_rows(min_row=2):
        if row[1].value in names:
            row[4].value, row[5].value = 0, 0
    book.save(ws.quota_path)


def test_units_with_no_task_are_not_in_the_count_of_units_that_sent(ws: Workspace) -> None:
    """review (left alone): 中小企业科 and 人事科 owe nothing in March (任务数 0); 岳阳县 and 中小企业服务中心 sent, and
    so did 人事科. The first line counts the 32 units that owe a task, as the 未报送 list below it (30 of the 32) and the
    通报's 无稿件计入 do, and names the two apart (library and CLI, the consolidate summary alike)."""
    _no_task(ws, "中小企业科", "人事科")
    write_report(ws.inbox / "2015-03" / "人事科3月.xlsx", "人事科", [report_row("人事科信息1")])
    _counted_march(ws)
    line = "本月报送文件的单位 2/32 个（另有本月无任务的单位 2 个，不计在内：中小企业科、人事科，其中 1 个也报送了文件），计入 9 条"
    assert line in status(ws, MARCH, today=TODAY).lines
    cli_run = CliRunner().invoke(cli, ["status", "--month", "2015-03", "-w", str(ws.root)])
    assert cli_run.exit_code == 0, cli_run.output
    assert f"{line}\n" in cli_run.output and "按月报送、本月未报送的单位（22 个）：" in cli_run.output
    again = CliRunner().invoke(cli, ["consolidate", "--month", "2015-03", "-w", str(ws.root)])
    assert f"{line}\n" in again.output
