"""The coordinator's own corrections in 通讯员名册.xlsx (a phone, a 备注, a name taken by phone) survive `xlflow
register`: kept over the forms and said so; a unit's new form for the same cell is named; a roster nobody can tell
apart (an older xlflow's) is kept as 旧版."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from helpers_roster import PERSON, fill_template, make_workspace, set_mtime

from xlflow.cli import cli
from xlflow.commands.register import collect_register
from xlflow.intake.books import read_roster
from xlflow.workspace import Workspace

KEPT_LINE = "保留协调人在 通讯员名册.xlsx 中改过的 {} 处（与登记表不同，以名册为准）："


def _edit(path: Path, changes: dict[str, dict[str, object]]) -> None:
    """Type `changes` (unit -> header -> value) into the roster sheet, as the coordinator does in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book["通讯员名册"]
    col = {c.value: c.column for c in sheet[3]}
    row = {sheet.cell(r, col["单位名称"]).value: r for r in range(4, sheet.max_row + 1)}
    for unit, cells in changes.items():
        for header, value in cells.items():
            sheet.cell(row[unit], col[header]).value = value  # None: cleared
    book.save(path)


def _cells(path: Path, unit: str, *headers: str) -> list[object]:
    sheet = openpyxl.load_workbook(path)["通讯员名册"]
    col = {c.value: c.column for c in sheet[3]}
    r = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, col["单位名称"]).value == unit)
    return [sheet.cell(r, col[h]).value for h in headers]


def _workspace(tmp_path: Path) -> tuple[Workspace, Path]:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    inbox = ws.root / "通讯员登记表"
    inbox.mkdir(exist_ok=True)  # init makes it
    fill_template(inbox / "岳阳县.xlsx", PERSON)
    fill_template(inbox / "平江县.xlsx", {**PERSON, "unit": "平江县", "name": "李四", "mobile": "13807302222"})
    return ws, inbox


def test_the_coordinators_corrections_are_kept_over_the_forms(tmp_path: Path) -> None:
    ws, inbox = _workspace(tmp_path)
    collect_register(ws)
    _edit(ws.roster_path, {
        "岳阳县工信局": {"移动电话": "13900000000", "备注": "手机号已变更（3月5日电话告知）"},
        "湘阴县工信局": {"姓名": "王五"},  # 未报: the coordinator took the name on the phone
    })  # fmt: skip
    fill_template(inbox / "华容县.xlsx", {**PERSON, "unit": "华容县", "name": "赵六"})  # a new form meanwhile

    for _run in (1, 2):  # kept, and kept again
        text = collect_register(ws).render()
        assert KEPT_LINE.format(3) + "岳阳县工信局（移动电话、备注）、湘阴县工信局（姓名）" in text
        assert _cells(ws.roster_path, "岳阳县工信局", "姓名", "移动电话", "备注") == ["张三", "13900000000", "手机号已变更（3月5日电话告知）"]
        assert _cells(ws.roster_path, "平江县工信局", "姓名", "移动电话", "备注") == ["李四", "13807302222", None]
        assert _cells(ws.roster_path, "湘阴县工信局", "状态", "姓名") == ["未报", "王五"]
        assert _cells(ws.roster_path, "华容县工信局", "状态", "姓名") == ["已报", "赵六"]
        # what distribute pre-fills from
        assert read_roster(ws.roster_path, ws.units()) == {"岳阳县工信局": "张三", "平江县工信局": "李四",
                                                           "湘阴县工信局": "王五", "华容县工信局": "赵六"}  # fmt: skip
    assert [p.name for p in ws.root.glob("*旧版*")] == []

    # 岳阳县 sends a correction with yet another phone: the coordinator's still stands, the form's is named
    fill_template(inbox / "岳阳县（更正）.xlsx", {**PERSON, "mobile": "13807309999", "sign_date": dt.datetime(2015, 3, 6)},
                  when=dt.datetime(2015, 3, 6, 9))  # fmt: skip
    text = collect_register(ws).render()
    assert ("  ! 岳阳县工信局的移动电话：按现在的登记表应为“13807309999”（与上次生成名册时不同），名册中协调人改的“13900000000”"
            "仍保留；如应以登记表为准，请清空名册中这一格后再运行一次 xlflow register\n") in text  # fmt: skip
    assert ("  ! 岳阳县工信局的备注：按现在的登记表应为“另收到 岳阳县.xlsx（张三），以本行为准（登记表日期最晚的一份）；报送日期按最早报来的 "
            "岳阳县.xlsx（张三）计”（与上次生成名册时不同），名册中协调人改的“手机号已变更（3月5日电话告知）”仍保留；如应以登记表为准，请清空名册中这一格后再"
            "运行一次 xlflow register\n") in text  # fmt: skip
    assert _cells(ws.roster_path, "岳阳县工信局", "移动电话") == ["13900000000"]

    # the coordinator agrees with the form: clearing the cell brings the form's phone back
    _edit(ws.roster_path, {"岳阳县工信局": {"移动电话": None}})
    text = collect_register(ws).render()
    assert KEPT_LINE.format(2) + "岳阳县工信局（备注）、湘阴县工信局（姓名）" in text and "！" not in text
    assert _cells(ws.roster_path, "岳阳县工信局", "移动电话", "备注") == ["13807309999", "手机号已变更（3月5日电话告知）"]


def test_a_kept_note_the_forms_no_longer_give_is_named(tmp_path: Path) -> None:
    """review W2: 平江县 signed its form 3 days late; the coordinator adds to the 备注 "迟报 3 天", then types a 收到日期
    that makes it on time: the 备注 is kept, and the run (CLI) says it should now be empty, once; a kept cell the forms
    left empty all along is not named."""
    ws, inbox = _workspace(tmp_path)
    fill_template(inbox / "平江县.xlsx", {**PERSON, "unit": "平江县", "name": "李四", "sign_date": dt.datetime(2015, 3, 2)},
                  when=dt.datetime(2015, 3, 2, 9))  # fmt: skip
    collect_register(ws)
    assert _cells(ws.roster_path, "平江县工信局", "状态", "备注") == ["迟报", "迟报 3 天"]
    _edit(ws.roster_path, {"平江县工信局": {"备注": "迟报 3 天（已电话说明原因）"}, "岳阳县工信局": {"备注": "3月5日电话确认"}})
    assert " ! " not in collect_register(ws).render()

    _edit(ws.roster_path, {"平江县工信局": {"收到日期": dt.datetime(2015, 2, 26)}})
    runner = CliRunner()
    result = runner.invoke(cli, ["register", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert ("  ! 平江县工信局的备注：按现在的登记表和收到日期，这一格应为空（与上次生成名册时不同），名册中协调人改的“迟报 3 天（已电话"
            "说明原因）”仍保留；如已不适用，请清空名册中这一格\n") in result.output  # fmt: skip
    assert result.output.count(" ! ") == 1
    assert _cells(ws.roster_path, "平江县工信局", "状态", "备注") == ["已报", "迟报 3 天（已电话说明原因）"]
    assert " ! " not in runner.invoke(cli, ["register", "-w", str(ws.root)]).output  # said once, as a changed form is


def test_cli_keeps_a_roster_it_cannot_tell_apart_as_旧版(tmp_path: Path) -> None:
    """A roster of an older xlflow (no record of what the forms gave): a cell differing from the forms may be the
    coordinator's or an older form's: the new roster follows the forms, the old one is kept and the cells named."""
    ws, _ = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["register", "-w", str(ws.root)]).exit_code == 0
    (ws.root / ".xlflow-roster.json").unlink()
    _edit(ws.roster_path, {"平江县工信局": {"移动电话": 13900000000, "备注": "3月5日电话告知"}})
    set_mtime(ws.roster_path, dt.datetime(2015, 3, 5, 10, 15))

    result = runner.invoke(cli, ["register", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert ("  ! 通讯员名册.xlsx 中有 2 处与登记表不同：平江县工信局（移动电话、备注）；没有上次生成名册时的记录（旧版本 xlflow 生成的"
            "名册没有），分不出是否为协调人所改，新名册按登记表填写，原名册已改名保留为 通讯员名册（旧版 2015-03-05 10.15）.xlsx：如是协调人改的，"
            "请在新名册中再改一次，以后重新生成时保留\n") in result.output  # fmt: skip
    kept = ws.root / "通讯员名册（旧版 2015-03-05 10.15）.xlsx"
    assert _cells(kept, "平江县工信局", "移动电话", "备注") == [13900000000, "3月5日电话告知"]
    assert _cells(ws.roster_path, "平江县工信局", "移动电话", "备注") == ["13807302222", None]

    # typed again in the new roster: from now on kept, and no other copy
    _edit(ws.roster_path, {"平江县工信局": {"移动电话": "13900000000"}})
    result = runner.invoke(cli, ["register", "-w", str(ws.root)])
    assert KEPT_LINE.format(1) + "平江县工信局（移动电话）" in result.output and "旧版" not in result.output
    assert _cells(ws.roster_path, "平江县工信局", "移动电话") == ["13900000000"]
    assert sorted(p.name for p in ws.root.glob("*旧版*")) == [kept.name]


def test_a_birth_month_excel_made_a_date_is_kept_as_the_roster_writes_it(tmp_path: Path) -> None:
    """Typed 1986-7 in Excel, the cell holds a date: kept as 1986年7月, not "1986-07-01 00:00:00"."""
    ws, _ = _workspace(tmp_path)
    collect_register(ws)
    _edit(ws.roster_path, {"岳阳县工信局": {"出生年月": dt.datetime(1986, 7, 1)}})
    text = collect_register(ws).render()
    assert KEPT_LINE.format(1) + "岳阳县工信局（出生年月）" in text
    assert _cells(ws.roster_path, "岳阳县工信局", "出生年月") == ["1986年7月"]


def test_a_full_disk_leaves_no_旧版_copy_and_the_roster_as_it_was(tmp_path: Path, monkeypatch) -> None:
    """The disk fills up while the new roster is written: the roster is as it was, so the copy kept of it (a
    truncated one when the copy itself ran out of space) is removed, and the user reads one line."""
    import errno

    import xlflow.commands.register as register

    ws, _ = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["register", "-w", str(ws.root)]).exit_code == 0
    (ws.root / ".xlflow-roster.json").unlink()
    _edit(ws.roster_path, {"平江县工信局": {"移动电话": 13900000000}})
    before = ws.roster_path.read_bytes()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(register, "write_roster", full)
    result = runner.invoke(cli, ["register", "-w", str(ws.root)])
    assert result.exit_code == 1
    assert "磁盘已满" in result.output and "Traceback" not in result.output
    assert [p.name for p in ws.root.glob("*旧版*")] == []
    assert ws.roster_path.read_bytes() == before


def test_cli_keeps_the_rows_of_units_whose_forms_were_moved_out(tmp_path: Path) -> None:
    """The processed forms moved to 已处理登记表/, one late form put in: the units registered before keep their rows
    as they were in the roster (the coordinator's phone and the name taken by phone too), and are named."""
    ws, inbox = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["register", "-w", str(ws.root)]).exit_code == 0
    _edit(ws.roster_path, {"平江县工信局": {"移动电话": "13911112222"}, "湘阴县工信局": {"姓名": "赵六", "移动电话": "13700000003"}})
    (ws.root / "已处理登记表").mkdir()
    for form in inbox.glob("*.xlsx"):
        form.rename(ws.root / "已处理登记表" / form.name)
    fill_template(inbox / "华容县.xlsx", {**PERSON, "unit": "华容县", "name": "孙八"})

    for _run in (1, 2):  # and again: nothing changes
        result = runner.invoke(cli, ["register", "-w", str(ws.root)])
        assert result.exit_code == 0, result.output
        assert ("  上次已登记、本次未找到登记表的单位（保留名册中的信息）：岳阳县工信局、平江县工信局；如某单位的登记已不适用，"
                "请清空名册中该单位的姓名、电话等栏后再运行一次 xlflow") in result.output  # fmt: skip
        assert "（与登记表不同，以名册为准）：湘阴县工信局（姓名、移动电话）\n" in result.output  # typed by the coordinator
        assert "未报送 31 个：湘阴县工信局、汨罗市工信局、" in result.output
        assert _cells(ws.roster_path, "岳阳县工信局", "状态", "姓名", "移动电话", "来源文件") == ["已报", "张三", "13807301234", "岳阳县.xlsx"]
        assert _cells(ws.roster_path, "平江县工信局", "状态", "姓名", "移动电话") == ["已报", "李四", "13911112222"]
        assert _cells(ws.roster_path, "湘阴县工信局", "状态", "姓名", "移动电话") == ["未报", "赵六", "13700000003"]
        assert read_roster(ws.roster_path, ws.units()) == {"岳阳县工信局": "张三", "平江县工信局": "李四",
                                                           "湘阴县工信局": "赵六", "华容县工信局": "孙八"}  # fmt: skip
        details = openpyxl.load_workbook(ws.roster_path)["登记详情"]
        assert [[c.value for c in row][1:4] for row in details.iter_rows(min_row=4)] == [
            ["岳阳县工信局", "张三", "汉语言文学"], ["平江县工信局", "李四", "汉语言文学"], ["华容县工信局", "孙八", "汉语言文学"]]
    assert [p.name for p in ws.root.glob("*旧版*")] == []


def test_cli_names_a_column_and_a_row_the_coordinator_added_and_keeps_the_old_roster(tmp_path: Path) -> None:
    ws, _ = _workspace(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["register", "-w", str(ws.root)]).exit_code == 0
    book = openpyxl.load_workbook(ws.roster_path)
    sheet = book["通讯员名册"]
    sheet.insert_cols(13)  # after 邮箱
    sheet.cell(3, 13).value, sheet.cell(4, 13).value = "QQ号", "12345678"
    sheet.cell(sheet.max_row + 1, 2).value = "岳阳县工信局"
    sheet.cell(sheet.max_row, 5).value = "周九"
    book.save(ws.roster_path)
    set_mtime(ws.roster_path, dt.datetime(2015, 3, 5, 10, 15))

    result = runner.invoke(cli, ["register", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert ("  ! 通讯员名册.xlsx 中添加的列“QQ号”、岳阳县工信局的第 2 行（周九），新名册中没有（名册每个单位一行、列是固定的）：原名册已改名"
            "保留为 通讯员名册（旧版 2015-03-05 10.15）.xlsx，请从中复制需要的内容\n") in result.output  # fmt: skip
    kept = openpyxl.load_workbook(ws.root / "通讯员名册（旧版 2015-03-05 10.15）.xlsx")["通讯员名册"]
    assert kept["M3"].value == "QQ号" and kept["M4"].value == "12345678"
    assert _cells(ws.roster_path, "岳阳县工信局", "姓名", "邮箱") == ["张三", "zhangsan@163.com"]
    assert read_roster(ws.roster_path, ws.units())["岳阳县工信局"] == "张三"
    assert "旧版" not in runner.invoke(cli, ["register", "-w", str(ws.root)]).output  # once: the new roster has none
