"""Review X5 D2: a 通报 and its 奖励计算表 depend on the quota table and the reward schedule as well as on the ledger:
a unit's quota or the schedule changed after they were written makes them out of date, said by consolidate, status
and bulletin until each is written again. Library and CLI."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_bulletin import write_register, write_schedule
from helpers_ledger import make_workspace, report_row, write_report

from xlflow.cli import cli
from xlflow.commands.status import status
from xlflow.core.periods import Period
from xlflow.core.schema import DEFAULT_UNITS
from xlflow.writers.quota import write_quota_workbook

YY = "岳阳县工信局"
TASK = "任务分配表中岳阳县工信局的任务有变化（任务数、完成率要更新）"
MONEY = "奖励标准有变化（奖励计算表要更新）"


def line(label: str, key: str, why: str) -> str:
    return f"已有的 通报_{label}.xlsx 不是最新的：{why}；要更新，请运行 xlflow bulletin --period {key}"


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "-w", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def _stale(output: str) -> list[str]:
    """The out-of-date lines, the command without the CLI's -w (as the library says it)."""
    return [re.sub(r"xlflow -w \S+ ", "xlflow ", line.strip().lstrip("! ")) for line in output.splitlines() if "不是最新的" in line]


def test_a_changed_quota_or_schedule_makes_the_written_bulletins_out_of_date(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)
    for month in (3, 4):
        write_report(ws.inbox / f"2015-{month:02d}" / "岳阳县.xlsx", YY, [report_row(f"岳阳县{month}月信息", month=month)],
                     month=f"2015年{month}月")  # fmt: skip
    _run(ws.root, "consolidate", "--month", "2015-03")  # writes 通报_2015年03月
    _run(ws.root, "bulletin", "--period", "2015-Q1", "--date", "2015-04-03")
    assert "不是最新的" not in _run(ws.root, "status", "--month", "2015-03")

    write_quota_workbook(ws.quota_path, [dataclasses.replace(u, monthly=6, annual=72) if u.name == YY else u
                                         for u in DEFAULT_UNITS])  # fmt: skip
    march = line("2015年03月", "2015-03", TASK.replace("）", "；回执中的任务数在重新汇总该月时更新）"))
    quarter = line("2015年第一季度", "2015-Q1", TASK)
    assert [s for s in status(ws, Period.parse("2015-03")).lines if "不是最新的" in s] == [march, quarter]
    assert _stale(_run(ws.root, "consolidate", "--month", "2015-04")) == [march, quarter]
    sheet = openpyxl.load_workbook(ws.out / "通报_2015年04月.xlsx")["完成情况"]
    assert next(r[2] for r in sheet.iter_rows(values_only=True) if r[0] == YY) == 6  # the month written now: new quota

    write_schedule(ws.reward_schedule_path, policy="累计")
    april = line("2015年04月", "2015-04", MONEY)
    assert _stale(_run(ws.root, "bulletin", "--period", "2015-03", "--date", "2015-04-03")) == [
        april, line("2015年第一季度", "2015-Q1", f"{TASK}；{MONEY}")]
    assert _stale(_run(ws.root, "bulletin", "--period", "2015-Q1", "--date", "2015-04-03")) == [april]
    assert "不是最新的" not in _run(ws.root, "status", "--month", "2015-03")


def test_a_bulletin_out_of_date_for_two_reasons_is_named_once(tmp_path: Path) -> None:
    """Review X9 D5: an adoption registered and the quota changed since March's 通报: one line naming both."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)
    for month in (3, 4):
        write_report(ws.inbox / f"2015-{month:02d}" / "岳阳县.xlsx", YY, [report_row(f"岳阳县{month}月信息", month=month)],
                     month=f"2015年{month}月")  # fmt: skip
    _run(ws.root, "consolidate", "--month", "2015-03")  # writes 通报_2015年03月
    write_register(ws.adoption_path, [[YY, "岳阳县3月信息", "市委办", "市级", "2015-04-02", "全文采用", "无"]])
    write_quota_workbook(ws.quota_path, [dataclasses.replace(u, monthly=6, annual=72) if u.name == YY else u
                                         for u in DEFAULT_UNITS])  # fmt: skip
    adopted = "采用登记表中2015年3月稿件的采用有变化（通报和奖励计算表都要更新）"
    assert _stale(_run(ws.root, "consolidate", "--month", "2015-04")) == [
        line("2015年03月", "2015-03", f"{adopted}；{TASK.replace('）', '；回执中的任务数在重新汇总该月时更新）')}")]


def test_a_schedule_that_cannot_be_read_is_neither_compared_nor_recorded(tmp_path: Path) -> None:
    """Review X8 d3/d4: 2OO typed in 奖励标准: the 奖励计算表 is not made, yet the example schedule was compared
    (every bulletin 奖励标准有变化) and recorded as March's, March stale once the typo was put right."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县3月信息", month=3)], month="2015年3月")
    _run(ws.root, "consolidate", "--month", "2015-03")  # writes 通报_2015年03月 with the schedule read
    book = openpyxl.load_workbook(ws.reward_schedule_path)
    book.active["C5"] = "2OO"
    book.save(ws.reward_schedule_path)
    for key, label in (("2015-03", "2015年03月"), ("2015-Q1", "2015年第一季度")):
        typo = CliRunner().invoke(cli, ["bulletin", "--period", key, "--date", "2015-04-03", "-w", str(ws.root)]).output
        assert f"奖励计算表_{label}.xlsx 未生成" in typo and "不是最新的" not in typo
    write_schedule(ws.reward_schedule_path)  # put right: as March's 奖励计算表 was made
    assert "不是最新的" not in _run(ws.root, "bulletin", "--period", "2015-H1", "--date", "2015-07-03")


def test_a_unit_renamed_in_the_quota_table_is_said_as_such(tmp_path: Path) -> None:
    """review (left alone): 中小企业服务中心 renamed 企业服务中心 after March's 通报 was written made it out of date
    for 任务有变化（任务数…）; the reason is the unit's name: said as a rename when the old name is kept as 别名,
    else as a unit added and one gone. A task changed beside it is said apart (library and CLI)."""
    ws = make_workspace(tmp_path / "ws")
    write_schedule(ws.reward_schedule_path)
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县3月信息", month=3)], month="2015年3月")
    _run(ws.root, "consolidate", "--month", "2015-03")  # writes 通报_2015年03月

    def renamed(aliases: tuple[str, ...], monthly: int = 4) -> None:
        write_quota_workbook(ws.quota_path, [
            dataclasses.replace(u, name="企业服务中心", aliases=aliases) if u.name == "中小企业服务中心"
            else dataclasses.replace(u, monthly=monthly, annual=12 * monthly) if u.name == YY else u
            for u in DEFAULT_UNITS])  # fmt: skip

    then = "（通报中的单位名称要更新）"
    renamed(("中小企业服务中心",))
    said = line("2015年03月", "2015-03", f"任务分配表中的单位有变化：中小企业服务中心改名为企业服务中心{then}")
    assert [s for s in status(ws, Period.parse("2015-03")).lines if "不是最新的" in s] == [said]
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == [said]
    renamed((), 6)
    task = TASK.replace("）", "；回执中的任务数在重新汇总该月时更新）")
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == [line(
        "2015年03月", "2015-03", "任务分配表中的单位有变化：新增企业服务中心，没有了中小企业服务中心（通报中的单位名单、任务数和完成率要更新）；"
        + task)]


def test_a_unit_moved_to_another_单位类别_is_said_as_such(tmp_path: Path) -> None:
    """review Y5: 综合法规科 moved into 委业务科室 (its task unchanged) made March's 通报 stale for 任务有变化（任务数、完成率
    要更新…）, though no task, rate or receipt changes: the 完成情况's groups and 小计 do (library and CLI)."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县3月信息", month=3)], month="2015年3月")
    _run(ws.root, "consolidate", "--month", "2015-03")
    write_quota_workbook(ws.quota_path, [dataclasses.replace(u, kind="委业务科室") if u.name == "综合法规科" else u
                                         for u in DEFAULT_UNITS])  # fmt: skip
    said = line("2015年03月", "2015-03", "任务分配表中综合法规科的单位类别有变化（完成情况的分组和小计要更新）")
    assert [s for s in status(ws, Period.parse("2015-03")).lines if "不是最新的" in s] == [said]
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == [said]


def _yy_submitted(path: Path) -> object:
    sheet = openpyxl.load_workbook(path)["完成情况"]
    return next(r[3] for r in sheet.iter_rows(values_only=True) if r[0] == YY)


def test_a_consolidation_that_changed_a_written_bulletins_data_is_said_until_it_is_written_again(tmp_path: Path) -> None:
    """review W1 D3: April's file with a row dated March changes March's 通报 and Q1's; the consolidation said so
    once, later runs nothing, while the leaders' Q1 通报 still shows 1 for 岳阳县. Each 通报's tallies are recorded:
    status, bulletin and consolidate name it until it is written again (library and CLI)."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县3月信息", month=3)], month="2015年3月")
    _run(ws.root, "consolidate", "--month", "2015-03")  # writes 通报_2015年03月
    _run(ws.root, "bulletin", "--period", "2015-Q1", "--date", "2015-04-03")
    write_report(ws.inbox / "2015-04" / "岳阳县.xlsx", YY, [report_row("岳阳县4月信息", month=4),
                 report_row("岳阳县3月底补充信息", 30, month=3)], month="2015年4月")  # fmt: skip
    now = "本次汇总改变了2015年3月的数据"
    assert _stale(_run(ws.root, "consolidate", "--month", "2015-04")) == [
        line("2015年03月", "2015-03", now), line("2015年第一季度", "2015-Q1", now)]
    later = "通报写出后的汇总改变了2015年3月的数据"
    march, quarter = line("2015年03月", "2015-03", later), line("2015年第一季度", "2015-Q1", later)
    assert [s for s in status(ws, Period.parse("2015-03")).lines if "不是最新的" in s] == [march, quarter]
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == [march, quarter]
    assert _stale(_run(ws.root, "status", "--month", "2015-04")) == []  # neither counts April
    assert _stale(_run(ws.root, "bulletin", "--period", "2015-H1", "--date", "2015-07-03")) == [march, quarter]
    assert _stale(_run(ws.root, "consolidate", "--month", "2015-04")) == [march, quarter]  # nothing changed this time
    assert _yy_submitted(ws.out / "通报_2015年第一季度.xlsx") == 1  # as the leaders hold it
    assert _stale(_run(ws.root, "bulletin", "--period", "2015-Q1", "--date", "2015-04-03")) == [march]
    assert _yy_submitted(ws.out / "通报_2015年第一季度.xlsx") == 2
    assert _stale(_run(ws.root, "consolidate", "--month", "2015-03")) == []  # writes 通报_2015年03月 again
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == []


def test_a_bulletin_written_before_its_tallies_were_recorded_is_no_false_alarm(tmp_path: Path) -> None:
    """An older xlflow's record has no tallies: nothing is said until a consolidation changes the data (those before
    it are recorded then); from then on the 通报 it changed is named as above."""
    ws = make_workspace(tmp_path / "ws")
    write_report(ws.inbox / "2015-03" / "岳阳县.xlsx", YY, [report_row("岳阳县3月信息", month=3)], month="2015年3月")
    _run(ws.root, "consolidate", "--month", "2015-03")
    _run(ws.root, "bulletin", "--period", "2015-Q1", "--date", "2015-04-03")
    record = ws.root / ".xlflow-basis.json"
    older = {key: {k: v for k, v in basis.items() if k != "数据"} for key, basis in json.loads(record.read_text("utf-8")).items()}
    record.write_text(json.dumps(older, ensure_ascii=False), "utf-8")
    write_report(ws.inbox / "2015-03" / "平江县.xlsx", "平江县工信局", [report_row("平江县3月信息")])
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == []
    write_report(ws.inbox / "2015-04" / "岳阳县.xlsx", YY, [report_row("岳阳县3月底补充信息", 30, month=3)], month="2015年4月")
    now = "本次汇总改变了2015年3月的数据"
    assert _stale(_run(ws.root, "consolidate", "--month", "2015-04")) == [
        line("2015年03月", "2015-03", now), line("2015年第一季度", "2015-Q1", now)]
    later = "通报写出后的汇总改变了2015年3月的数据"
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == [
        line("2015年03月", "2015-03", later), line("2015年第一季度", "2015-Q1", later)]


def test_a_reworded_title_or_a_rename_is_no_lasting_data_change(tmp_path: Path) -> None:
    """sweep Z4 D5/D4: a title reworded in a resend (counts unchanged, never adopted) was named "通报写出后的汇总改变了
    2015年3月的数据" on every later run, though rewriting the 通报 kept it ("内容没有变化"); so was a renamed unit beside
    its rename reason. The recorded tallies are by 信息类别 and the unit's place in the quota table."""
    ws = make_workspace(tmp_path / "ws")
    path = ws.inbox / "2015-03" / "岳阳县.xlsx"
    write_report(path, YY, [report_row("岳阳县3月信息", month=3)], month="2015年3月")
    _run(ws.root, "consolidate", "--month", "2015-03")
    _run(ws.root, "bulletin", "--period", "2015-Q1", "--date", "2015-04-03")
    write_report(path, YY, [report_row("岳阳县三月份信息", month=3)], month="2015年3月")
    _run(ws.root, "consolidate", "--month", "2015-03")
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == []
    units = [dataclasses.replace(u, name="岳阳县工业和信息化局", aliases=(YY,)) if u.name == YY else u for u in DEFAULT_UNITS]
    write_quota_workbook(ws.quota_path, units)
    why = "任务分配表中的单位有变化：岳阳县工信局改名为岳阳县工业和信息化局（通报中的单位名称要更新）"
    renamed = [line("2015年第一季度", "2015-Q1", why)]  # sweep Z7 D3: before consolidating, no data change either
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == [line("2015年03月", "2015-03", why), *renamed]
    _run(ws.root, "consolidate", "--month", "2015-03")  # 岳阳县's rows now under its new name
    assert _stale(_run(ws.root, "status", "--month", "2015-03")) == renamed
