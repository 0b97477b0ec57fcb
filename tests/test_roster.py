"""The correspondent roster: register forms read by name, by label and as lists; every check; the roster workbook."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers_ledger import report_row, write_report
from helpers_roster import (
    NOTICE_LABELS,
    PERSON,
    PERSON_READ,
    fill_template,
    hand_form,
    libreoffice_resave,
    make_workspace,
    plain_list,
    set_mtime,
    strip_names,
)
from helpers_setup import validation_at
from helpers_workbooks import write_xls, write_xlsx

from xlflow.checks.register import check_birth, check_email, check_gender, check_landline, check_mobile
from xlflow.cli import cli
from xlflow.commands.register import collect_register
from xlflow.compute.roster import STATUS_DONE, STATUS_LATE, STATUS_MISSING, build_roster
from xlflow.core.errors import InputFileError
from xlflow.core.model import ERROR, METHOD_LABELS, METHOD_LIST, METHOD_NAMES, WARNING
from xlflow.core.schema import DEFAULT_UNITS
from xlflow.core.units import UnitTable
from xlflow.intake.books import read_roster
from xlflow.intake.register_form import read_register_file
from xlflow.settings import Settings
from xlflow.workspace import Workspace
from xlflow.writers.roster import (
    DETAIL_HEADERS,
    DETAIL_SHEET,
    LATE_SHEET,
    MISSING_SHEET,
    PROBLEM_SHEET,
    ROSTER_HEADERS,
    write_roster,
)

ON_TIME = dt.datetime(2015, 2, 20, 9, 30)


def read_one(path: Path, units: UnitTable, settings: Settings):
    people, findings = read_register_file(path, units, settings)
    assert len(people) == 1, (people, findings)
    return people[0]


def messages(person) -> list[str]:
    return [f.message for f in person.findings]


def _docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# --- reading the three shapes ---------------------------------------------------------------------


def test_real_template_read_by_defined_names(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = fill_template(tmp_path / "岳阳县工信局.xlsx", PERSON)
    person = read_one(path, units, settings)
    assert person.method == METHOD_NAMES
    assert person.values == PERSON_READ
    assert person.unit == "岳阳县工信局"
    assert person.findings == []
    assert person.modified == ON_TIME


def test_template_prefilled_unit_and_typed_values(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """distribute may prefill the unit; Excel turns 1985-6 into a date and a mobile into a number."""
    values = {k: v for k, v in PERSON.items() if k != "unit"}
    values.update(birth=dt.datetime(1985, 6, 1), mobile=13807301234, phone="０７３０ ７６２２５０１")
    path = fill_template(tmp_path / "form.xlsx", values, unit="岳阳县")
    person = read_one(path, units, settings)
    assert person.unit == "岳阳县工信局"
    assert person.values["birth"] == "1985年6月"
    assert person.values["mobile"] == "13807301234"
    assert person.values["phone"] == "0730-7622501"


def test_names_lost_in_resave_read_by_labels(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = strip_names(fill_template(tmp_path / "wps.xlsx", PERSON))
    assert not openpyxl.load_workbook(path).defined_names  # really stripped
    person = read_one(path, units, settings)
    assert person.method == METHOD_LABELS
    assert person.values == PERSON_READ


def test_libreoffice_round_trip(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = fill_template(tmp_path / "lo.xlsx", {**PERSON, "birth": dt.datetime(1985, 6, 1), "mobile": 13807301234})
    saved = libreoffice_resave(source, tmp_path / "resaved")
    assert saved is not None
    person = read_one(saved, units, settings)
    assert person.values == PERSON_READ
    stripped = read_one(strip_names(saved), units, settings)
    assert stripped.method == METHOD_LABELS
    assert stripped.values == PERSON_READ


def test_form_without_its_defined_names_read_by_labels(tmp_path: Path, units: UnitTable, settings: Settings, monkeypatch) -> None:
    """A form whose names were lost (.xls, .ods, a re-save by another program) is read by its printed labels."""
    from xlflow.intake import workbook

    monkeypatch.setattr(workbook, "_defined_names", lambda data: {})
    person = read_one(fill_template(tmp_path / "big.xlsx", {**PERSON, "mobile": 13807301234}), units, settings)
    assert person.method == METHOD_LABELS
    assert person.values == PERSON_READ


def test_form_copied_to_a_second_sheet(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """Copying the sheet in Excel gives the copy sheet-scoped names; a copy without names is read by labels."""
    from openpyxl.workbook.defined_name import DefinedName

    path = fill_template(tmp_path / "two.xlsx", {**PERSON, "unit": "人事科"})
    book = openpyxl.load_workbook(path)
    scoped = book.copy_worksheet(book.worksheets[0])
    scoped.title = "第二人"
    for name, defined in list(book.defined_names.items()):
        _title, ref = next(iter(defined.destinations))
        scoped.defined_names[name] = DefinedName(name, attr_text=f"'第二人'!{ref}")
    scoped["B3"], scoped["B4"] = "财务科", "钱二"
    bare = book.copy_worksheet(book.worksheets[0])
    bare.title = "第三人"
    bare["B3"], bare["B4"] = "机关党委", "孙三"
    book.save(path)
    people, findings = read_register_file(path, units, settings)
    assert [(p.sheet, p.unit, p.name, p.method) for p in people] == [
        ("通讯员登记表", "人事科", "张三", METHOD_NAMES),
        ("第二人", "财务科", "钱二", METHOD_NAMES),
        ("第三人", "机关党委", "孙三", METHOD_LABELS),
    ]
    assert findings == []


def test_hand_made_form_with_the_notices_spaced_labels(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = hand_form(tmp_path / "retyped.xlsx", {**PERSON, "unit": "  汩罗市工信局 "})
    person = read_one(path, units, settings)
    assert person.method == METHOD_LABELS
    assert person.unit == "汨罗市工信局"  # the notice's misspelling resolves to the correct name
    assert person.values == {**PERSON_READ, "unit": "汨罗市工信局"}
    assert person.cells["mobile"] == "F7"
    assert "出 生\n年 月" in NOTICE_LABELS.values()


def test_label_with_value_in_the_same_cell(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    for row in (["单位：经济运行科"], ["姓名：李四", "性别：女"], ["手机：139 0730 5678"], ["邮箱：lisi@qq.com"]):
        ws.append(row)
    book.save(tmp_path / "inline.xlsx")
    person = read_one(tmp_path / "inline.xlsx", units, settings)
    assert (person.unit, person.name, person.values["gender"], person.values["mobile"]) == ("经济运行科", "李四", "女", "13907305678")


def test_plain_list_one_row_per_person(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    header = ["序号", "手机", "姓 名", "科室（单位）", "性别", "出生年月", "联系电话", "电子邮箱", "传真"]
    rows = [
        [1, "13807301111", "王五", "办公室", "男", "1980.03", "0730-8715301", "wangwu@163.com", None],
        [2, "138 0730 2222", "赵六", "人事科", "女", 1990.1, "(0730)8715302", "zhaoliu@126.com", "8715399"],
        [3, None, None, None, None, None, None, None, None],
        [4, "13807303333", "", "财务科", "男", None, None, None, None],
    ]
    path = plain_list(tmp_path / "科室名单.xlsx", header, rows)
    people, findings = read_register_file(path, units, settings)
    assert [(p.unit, p.name, p.method, p.row) for p in people] == [("办公室", "王五", METHOD_LIST, 4), ("人事科", "赵六", METHOD_LIST, 5)]
    wang, zhao = people
    assert wang.values["birth"] == "1980年3月"
    assert wang.values["phone"] == "0730-8715301"
    assert zhao.values["mobile"] == "13807302222"
    assert zhao.values["phone"] == "0730-8715302"
    assert zhao.values["birth"] == "1990年1月"
    assert any("10 月" in m for m in messages(zhao))  # 1990.1 may have been 1990.10
    assert any("请加区号" in m and f.column == "传真" for f in zhao.findings for m in [f.message])
    # the row without a name is not registered, and said so
    assert len(findings) == 1 and findings[0].row == 7 and "姓名未填写" in findings[0].message
    assert findings[0].unit == "财务科"


def test_csv_list(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("单位,姓名,手机,邮箱\n信息化科,孙七,13807304444,sunqi@163.com\n", encoding="gb18030")
    person = read_one(path, units, settings)
    assert (person.unit, person.name, person.values["mobile"]) == ("信息化推进科", "孙七", "13807304444")


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("报名表.docx", _docx(), "F1", "这是一个 Word 文档（.docx），不是 Excel 工作簿，请报送 Excel 格式的通讯员登记表"),
        ("说明.txt", "见附件".encode(), "F1", "不是 Excel 工作簿"),
        ("坏了.xlsx", b"this is not a zip", "F1", "这是一个文本文件，不是 Excel 工作簿"),
        # an Office container with nothing readable in it is damaged, not "password-protected" (it used to say so)
        ("坏的容器.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "F2", "损坏"),
        ("截断.xlsx", b"PK\x03\x04" + b"\0" * 100, "F2", "损坏"),
    ],
)
def test_files_that_are_not_forms_are_refused(
    tmp_path: Path, units: UnitTable, settings: Settings, name: str, content: bytes, code: str, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=words) as caught:
        read_register_file(path, units, settings)
    assert caught.value.code == code
    assert name in str(caught.value)


def test_blank_template_and_unrelated_workbook_are_refused(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    blank = fill_template(tmp_path / "空白.xlsx", {}, unit="岳阳县工信局")
    with pytest.raises(InputFileError, match="空白"):
        read_register_file(blank, units, settings)
    other = tmp_path / "别的表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["报送日期", "信息标题"])
    book.save(other)
    with pytest.raises(InputFileError, match="找不到通讯员登记表"):
        read_register_file(other, units, settings)


# --- checks: each with a passing and a failing case -----------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [("男", "男"), (" 女 ", "女"), ("女性", "女")])
def test_gender_ok(value: str, expected: str) -> None:
    assert check_gender(value) == check_gender(expected)
    assert check_gender(value).value == expected and not check_gender(value).problem


def test_gender_bad() -> None:
    checked = check_gender("未知")
    assert checked.severity == ERROR and "男" in checked.problem and "女" in checked.problem


@pytest.mark.parametrize(
    "value",
    ["1985.06", "1985年6月", "1985-6", "1985/06", "198506", "１９８５年６月", "1985年6月12日", 1985.06,
     dt.datetime(1985, 6, 12), dt.date(1985, 6, 1), 31209],
)
def test_birth_ok(value: object) -> None:
    checked = check_birth(value, 2015)
    assert checked == check_birth("1985年6月", 2015)
    assert checked.value == "1985年6月" and checked.problem == ""


@pytest.mark.parametrize(
    ("value", "words"),
    [("1985年13月", "月份 13 不存在"), ("1935.06", "80 岁"), ("2001年1月", "14 岁"), ("八五年", "无法识别"), ("1985", "只有年份")],
)
def test_birth_bad(value: object, words: str) -> None:
    checked = check_birth(value, 2015)
    assert checked.severity == ERROR and words in checked.problem, checked


def test_birth_ambiguous_number_is_read_with_a_note() -> None:
    checked = check_birth(1985.1, 2015)
    assert checked.value == "1985年1月" and checked.severity == WARNING and "10 月" in checked.problem


@pytest.mark.parametrize("value", ["13807301234", " 138 0730 1234", "138-0730-1234", "１３８０７３０１２３４", "+86 13807301234", 13807301234])
def test_mobile_ok(value: object) -> None:
    assert check_mobile(value).value == "13807301234"
    assert check_mobile(value).problem == ""


@pytest.mark.parametrize(
    ("value", "words"), [("1380730123", "现为 10 位"), ("23807301234", "不是手机号码"), ("0730-8715396", "像是固定电话"), ("13807301234、13907301234", "只填一个")]
)
def test_mobile_bad(value: str, words: str) -> None:
    checked = check_mobile(value)
    assert checked.severity == ERROR and words in checked.problem, checked


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0730-8715396", "0730-8715396"),
        ("0730 8715396", "0730-8715396"),
        ("(0730)8715396", "0730-8715396"),
        ("（0730）8715396", "0730-8715396"),
        ("０７３０－８７１５３９６", "0730-8715396"),
        ("0730—8715396", "0730-8715396"),
        ("07308715396", "0730-8715396"),
        (7308715396, "0730-8715396"),  # Excel dropped the leading zero
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("0730-8715396转801", "0730-8715396-801"),
        ("无", ""),
    ],
)
def test_landline_ok(value: object, expected: str) -> None:
    checked = check_landline(value)
    assert checked.value == expected and checked.problem == ""


def test_landline_without_area_code() -> None:
    checked = check_landline("8715396", "传真")
    assert checked.value == "8715396"
    assert checked.problem == "传真“8715396”没有区号：请加区号，如 0730-8715396"
    assert check_landline(8715396).problem.endswith("请加区号，如 0730-8715396")


def test_landline_bad() -> None:
    assert "无法识别" in check_landline("87-15").problem
    assert check_landline("87-15").severity == ERROR


@pytest.mark.parametrize(
    ("value", "expected"),
    [("zhangsan@163.com", "zhangsan@163.com"), (" yy8715396＠163.COM ", "yy8715396@163.com"), ("li.si@qq。com", "li.si@qq.com")],
)
def test_email_ok(value: str, expected: str) -> None:
    assert check_email(value).value == expected and not check_email(value).problem


@pytest.mark.parametrize(("value", "words"), [("zhangsan163.com", "不是有效"), ("123456789", "QQ 号"), ("a@b", "不是有效")])
def test_email_bad(value: str, words: str) -> None:
    assert words in check_email(value).problem


def test_full_width_digits_and_spaces_in_a_form(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    values = {**PERSON, "name": "张　三", "mobile": "１３８ ０７３０ １２３４", "address": " 岳阳县  荣家湾镇建设路１８号 "}
    person = read_one(fill_template(tmp_path / "f.xlsx", values), units, settings)
    assert person.name == "张三"
    assert person.values["mobile"] == "13807301234"
    assert person.values["address"] == "岳阳县 荣家湾镇建设路18号"
    assert person.findings == []


def test_bad_values_each_give_a_finding_naming_file_and_field(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    values = {**PERSON, "gender": "M/F", "birth": "1940年5月", "mobile": "1380730", "phone": "7622501", "email": "zhangsan"}
    person = read_one(fill_template(tmp_path / "岳阳县错误.xlsx", values), units, settings)
    by_field = {f.column: f for f in person.findings}
    assert set(by_field) == {"性别", "出生年月", "移动电话", "固定电话", "邮箱"}
    assert all(f.file == "岳阳县错误.xlsx" and f.unit == "岳阳县工信局" and f.cell for f in person.findings)
    assert by_field["固定电话"].severity == WARNING and "请加区号" in by_field["固定电话"].message
    assert by_field["移动电话"].code == "C4" and by_field["移动电话"].severity == ERROR
    assert person.name == "张三"  # still registered: the unit has named its correspondent


def test_required_fields(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    no_mobile = read_one(fill_template(tmp_path / "a.xlsx", {**PERSON, "mobile": None}), units, settings)
    assert [(f.code, f.column, f.severity) for f in no_mobile.findings] == [("C1", "移动电话", ERROR)]

    people, findings = read_register_file(fill_template(tmp_path / "b.xlsx", {**PERSON, "name": " "}), units, settings)
    assert people == [] and [(f.column, f.severity, f.unit) for f in findings] == [("姓名", ERROR, "岳阳县工信局")]

    sparse = read_one(fill_template(tmp_path / "c.xlsx", {"unit": "人事科", "name": "周八", "mobile": "13807305555"}), units, settings)
    assert [f.code for f in sparse.findings] == ["C10"]
    assert sparse.findings[0].severity == WARNING and "性别、出生年月" in sparse.findings[0].message


def test_unit_from_aliases_file_name_or_unknown(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    alias = read_one(fill_template(tmp_path / "x.xlsx", {**PERSON, "unit": "老干科"}), units, settings)
    assert alias.unit == "离退休人员管理服务科" and alias.findings == []

    by_file = read_one(fill_template(tmp_path / "君山区登记表.xlsx", {**PERSON, "unit": None}), units, settings)
    assert by_file.unit == "君山区工信局"
    assert [(f.code, f.severity) for f in by_file.findings] == [("C1", WARNING)] and "按文件名" in by_file.findings[0].message

    people, findings = read_register_file(fill_template(tmp_path / "y.xlsx", {**PERSON, "unit": "宣传部"}), units, settings)
    assert people == []
    assert findings[0].code == "C7" and "宣传部" in findings[0].message and "别名" in findings[0].message


# --- one per unit, missing, late ------------------------------------------------------------------


def _person(tmp_path: Path, name: str, unit: str, when: dt.datetime, units: UnitTable, settings: Settings):
    path = fill_template(tmp_path / f"{unit}_{name}.xlsx", {**PERSON, "unit": unit, "name": name}, when=when)
    return read_one(path, units, settings)


def test_two_forms_for_one_unit_the_last_modified_wins(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    old = _person(tmp_path, "张三", "岳阳县工信局", dt.datetime(2015, 2, 24, 10), units, settings)
    new = _person(tmp_path, "李四", "岳阳县工信局", dt.datetime(2015, 2, 26, 16), units, settings)
    roster = build_roster([new, old], units, settings)
    entry = roster.entries[0]
    assert entry.person is new and entry.superseded == [old] and entry.status == STATUS_DONE
    dup = [f for f in roster.findings if f.code == "C8"]
    assert len(dup) == 1 and "张三" in dup[0].message and "李四" in dup[0].message
    assert roster.names()["岳阳县工信局"] == "李四"


def test_the_roster_says_which_form_the_sent_date_is_from(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """张三's form came first, 李四's replaced it: the row shows 李四 with the first form's date, and says so."""
    old = _person(tmp_path, "张三", "岳阳县工信局", dt.datetime(2015, 2, 24, 10), units, settings)
    new = _person(tmp_path, "李四", "岳阳县工信局", dt.datetime(2015, 2, 26, 16), units, settings)
    write_roster(tmp_path / "名册.xlsx", build_roster([new, old], units, settings))
    sheet = openpyxl.load_workbook(tmp_path / "名册.xlsx")["通讯员名册"]
    row = dict(zip(ROSTER_HEADERS, next(r for r in _sheet_rows(sheet) if r[1] == "岳阳县工信局"), strict=True))
    assert row[ROSTER_HEADERS[4]] == "李四"
    assert row["备注"] == (
        "另收到 岳阳县工信局_张三.xlsx（张三），以本行为准（最后修改的一份）；报送日期按最早报来的 岳阳县工信局_张三.xlsx（张三）计"
    )


def test_missing_units_in_quota_order(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    someone = _person(tmp_path, "张三", "平江县工信局", ON_TIME, units, settings)
    roster = build_roster([someone], units, settings)
    missing = [e.unit.name for e in roster.missing]
    assert missing == [u.name for u in DEFAULT_UNITS if u.name != "平江县工信局"]


# --- lateness: the form's own date decides; the coordinator's 收到日期 wins; the file time only as a fallback --

SAVED_LATE = dt.datetime(2015, 3, 10, 16, 0)  # the coordinator saved the mail attachments on 10 March


def _signed(tmp_path: Path, unit: str, signed: object, units: UnitTable, settings: Settings, *, when: dt.datetime = SAVED_LATE):
    path = fill_template(tmp_path / f"{unit}.xlsx", {**PERSON, "unit": unit, "sign_date": signed}, when=when)
    return read_one(path, units, settings)


def _dates(roster, count: int) -> dict[str, tuple[object, ...]]:
    return {e.unit.name: (e.status, e.days_late, e.sent, e.basis) for e in roster.entries[:count]}


def test_the_forms_own_date_decides_not_the_file_time(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """Every file was saved by the coordinator on 10 March: only the dates on the forms tell who was late."""
    people = [
        _signed(tmp_path, "岳阳县工信局", dt.datetime(2015, 2, 27), units, settings),
        _signed(tmp_path, "平江县工信局", dt.datetime(2015, 2, 28), units, settings),
        _signed(tmp_path, "湘阴县工信局", "2015年3月6日", units, settings),
        _signed(tmp_path, "华容县工信局", "2月26日", units, settings),  # no year: the workspace's
    ]
    roster = build_roster(people, units, settings)
    assert _dates(roster, 5) == {
        "岳阳县工信局": (STATUS_DONE, 0, dt.date(2015, 2, 27), "登记表日期"),
        "平江县工信局": (STATUS_LATE, 1, dt.date(2015, 2, 28), "登记表日期"),
        "湘阴县工信局": (STATUS_LATE, 7, dt.date(2015, 3, 6), "登记表日期"),
        "华容县工信局": (STATUS_DONE, 0, dt.date(2015, 2, 26), "登记表日期"),
        "汨罗市工信局": (STATUS_MISSING, 0, None, ""),
    }
    late = [f for f in roster.findings if f.code == "C9"]
    assert [f.unit for f in late] == ["平江县工信局", "湘阴县工信局"]
    assert late[0].message == "登记表日期 2015年2月28日，晚于截止日期 2015年2月27日（迟 1 天）"
    assert (late[0].file, late[0].column, late[0].cell) == ("平江县工信局.xlsx", "日期", people[1].cells["sign_date"])


def test_the_file_time_is_only_a_fallback_and_says_so(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    people = [
        _signed(tmp_path, "岳阳县工信局", None, units, settings, when=dt.datetime(2015, 2, 27, 23, 59)),
        _signed(tmp_path, "平江县工信局", None, units, settings, when=dt.datetime(2015, 2, 28, 0, 1)),
        _signed(tmp_path, "湘阴县工信局", "2015年　月　日", units, settings, when=dt.datetime(2015, 3, 2, 9)),  # as printed
    ]
    roster = build_roster(people, units, settings)
    assert _dates(roster, 3) == {
        "岳阳县工信局": (STATUS_DONE, 0, dt.date(2015, 2, 27), "按文件修改时间判断（登记表未填日期）"),
        "平江县工信局": (STATUS_LATE, 1, dt.date(2015, 2, 28), "按文件修改时间判断（登记表未填日期）"),
        "湘阴县工信局": (STATUS_LATE, 3, dt.date(2015, 3, 2), "按文件修改时间判断（登记表未填日期）"),
    }
    late = [f for f in roster.findings if f.code == "C9"]
    assert late[0].message.startswith(
        "文件修改时间 2015-02-28 00:01，晚于截止日期 2015年2月27日（迟 1 天）。按文件修改时间判断（登记表未填日期）。"
    )
    assert "请在通讯员名册的“收到日期”栏填写收到日期" in late[0].message


def test_a_form_date_that_cannot_be_true_is_not_trusted(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    people = [
        _signed(tmp_path, "岳阳县工信局", dt.datetime(2015, 3, 20), units, settings, when=dt.datetime(2015, 3, 2, 9)),
        _signed(tmp_path, "平江县工信局", dt.datetime(2014, 2, 20), units, settings, when=dt.datetime(2015, 2, 25, 9)),
        _signed(tmp_path, "湘阴县工信局", dt.datetime(2014, 2, 20), units, settings, when=dt.datetime(2015, 3, 5, 9)),
        _signed(tmp_path, "华容县工信局", "2015年2月", units, settings, when=dt.datetime(2015, 2, 26, 9)),
    ]
    roster = build_roster(people, units, settings)
    untrusted, unreadable = "按文件修改时间判断（登记表日期不可信）", "按文件修改时间判断（登记表日期无法识别）"
    assert _dates(roster, 4) == {
        "岳阳县工信局": (STATUS_LATE, 3, dt.date(2015, 3, 2), untrusted),  # dated after it was saved
        "平江县工信局": (STATUS_DONE, 0, dt.date(2015, 2, 25), untrusted),  # last year's form
        "湘阴县工信局": (STATUS_LATE, 6, dt.date(2015, 3, 5), untrusted),
        "华容县工信局": (STATUS_DONE, 0, dt.date(2015, 2, 26), unreadable),
    }
    notes = {e.unit.name: e.date_note for e in roster.entries[:4]}
    assert notes == {
        "岳阳县工信局": "登记表日期 2015年3月20日 晚于文件修改时间 2015-03-02 09:00，不可能是报送日期",
        "平江县工信局": "登记表日期 2014年2月20日 早于截止日期 60 天以上，像是旧表或年份填错",
        "湘阴县工信局": "登记表日期 2014年2月20日 早于截止日期 60 天以上，像是旧表或年份填错",
        "华容县工信局": "登记表日期“2015年2月”无法识别",
    }
    late = {f.unit: f.message for f in roster.findings if f.code == "C9"}
    assert f"{untrusted}：登记表日期 2015年3月20日 晚于文件修改时间" in late["岳阳县工信局"]


def test_the_coordinators_received_date_wins_over_both(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    people = [
        _signed(tmp_path, "岳阳县工信局", dt.datetime(2015, 3, 1), units, settings, when=dt.datetime(2015, 3, 5)),
        _signed(tmp_path, "平江县工信局", dt.datetime(2015, 2, 20), units, settings, when=dt.datetime(2015, 2, 21)),
    ]
    received = {"岳阳县工信局": dt.date(2015, 2, 26), "平江县工信局": dt.date(2015, 3, 3), "华容县工信局": dt.date(2015, 2, 20)}
    roster = build_roster(people, units, settings, received=received)
    assert _dates(roster, 4) == {
        "岳阳县工信局": (STATUS_DONE, 0, dt.date(2015, 2, 26), "收到日期（协调人填写）"),
        "平江县工信局": (STATUS_LATE, 4, dt.date(2015, 3, 3), "收到日期（协调人填写）"),
        "湘阴县工信局": (STATUS_MISSING, 0, None, ""),
        "华容县工信局": (STATUS_MISSING, 0, None, ""),
    }
    assert roster.entries[3].received == dt.date(2015, 2, 20)  # kept for the rewritten roster
    (late,) = [f for f in roster.findings if f.code == "C9"]
    assert late.message == "收到日期 2015年3月3日（协调人在通讯员名册中填写），晚于截止日期 2015年2月27日（迟 4 天）"


def test_a_correction_after_the_deadline_is_not_late(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    first = fill_template(tmp_path / "a.xlsx", {**PERSON, "sign_date": dt.datetime(2015, 2, 25)}, when=dt.datetime(2015, 2, 25, 9))
    fix = fill_template(tmp_path / "b.xlsx", {**PERSON, "sign_date": dt.datetime(2015, 3, 2)}, when=dt.datetime(2015, 3, 2, 9))
    first_person, fix_person = read_one(first, units, settings), read_one(fix, units, settings)
    entry = build_roster([fix_person, first_person], units, settings).entries[0]
    assert entry.person is fix_person and entry.status == STATUS_DONE
    assert (entry.sent, entry.sent_by) == (dt.date(2015, 2, 25), first_person)


def test_no_deadline_means_nobody_is_late(tmp_path: Path, units: UnitTable) -> None:
    settings = Settings(year=2015)
    late = _person(tmp_path, "张三", "岳阳县工信局", dt.datetime(2015, 6, 1), units, settings)
    assert build_roster([late], units, settings).entries[0].status == STATUS_DONE


COPIED_YEARS_LATER = dt.datetime(2026, 11, 30, 10, 0)  # the files were copied to another PC years later


def test_a_file_time_years_after_the_deadline_is_no_date_at_all(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """Not 迟报 4 294 天: the date is unknown, said so, and the coordinator is asked to type the 收到日期."""
    people = [
        _signed(tmp_path, "岳阳县工信局", None, units, settings, when=COPIED_YEARS_LATER),
        _signed(tmp_path, "平江县工信局", dt.datetime(2014, 2, 20), units, settings, when=COPIED_YEARS_LATER),
        _signed(tmp_path, "湘阴县工信局", dt.datetime(2015, 2, 26), units, settings, when=COPIED_YEARS_LATER),
        _signed(tmp_path, "华容县工信局", None, units, settings, when=dt.datetime(2016, 2, 27, 9)),  # a year late: kept
    ]
    roster = build_roster(people, units, settings)
    unknown = "报送日期不明（请填写收到日期）"
    assert _dates(roster, 4) == {
        "岳阳县工信局": (STATUS_DONE, 0, None, unknown),
        "平江县工信局": (STATUS_DONE, 0, None, unknown),
        "湘阴县工信局": (STATUS_DONE, 0, dt.date(2015, 2, 26), "登记表日期"),  # the form's own date is still good
        "华容县工信局": (STATUS_LATE, 365, dt.date(2016, 2, 27), "按文件修改时间判断（登记表未填日期）"),
    }
    assert roster.entries[0].date_note == "文件修改时间 2026-11-30 远在截止日期 2015-02-27之后（文件可能复制或另存过），不能作为报送日期"
    assert roster.entries[1].date_note == (
        "登记表日期 2014年2月20日 早于截止日期 60 天以上，像是旧表或年份填错；"
        "文件修改时间 2026-11-30 远在截止日期 2015-02-27之后（文件可能复制或另存过），不能作为报送日期"
    )
    assert [f.unit for f in roster.findings if f.code == "C9"] == ["华容县工信局"]
    typed = build_roster(people, units, settings, received={"岳阳县工信局": dt.date(2015, 3, 2)})
    assert _dates(typed, 1)["岳阳县工信局"] == (STATUS_LATE, 3, dt.date(2015, 3, 2), "收到日期（协调人填写）")


def test_cli_register_asks_for_the_received_date_of_a_copied_form(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    inbox = tmp_path / "登记表"
    fill_template(inbox / "岳阳县.xlsx", {**PERSON, "unit": "岳阳县工信局", "sign_date": None}, when=COPIED_YEARS_LATER)
    result = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(root)])
    assert result.exit_code == 0, result.output
    assert "迟报 0 个" in result.output and "迟 " not in result.output
    assert (
        "报送日期不明 1 个：岳阳县工信局（文件修改时间 2026-11-30 远在截止日期 2015-02-27之后（文件可能复制或另存过），不能作为报送日期）："
        "是否迟报无法判断，请在 通讯员名册.xlsx 的“收到日期”栏填写收到日期，再运行一次 xlflow"
    ) in result.output
    sheet = openpyxl.load_workbook(root / "通讯员名册.xlsx")["通讯员名册"]
    row = dict(zip(ROSTER_HEADERS, next(r for r in _sheet_rows(sheet) if r[1] == "岳阳县工信局"), strict=True))
    assert (row["状态"], row["报送日期"], row["日期依据"]) == ("已报", None, "报送日期不明（请填写收到日期）")
    assert "远在截止日期 2015-02-27之后" in row["备注"]
    assert "修改时间比截止日期晚一年以上的（文件拷到了别的电脑上）不作为报送日期" in sheet["A2"].value  # the sheet says the rule


# --- the roster workbook ---------------------------------------------------------------------------


def _sheet_rows(ws) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]


def test_roster_workbook(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    a = _person(tmp_path, "张三", "岳阳县工信局", ON_TIME, units, settings)
    b = read_one(fill_template(tmp_path / "平江.xlsx", {**PERSON, "unit": "平江县工信局", "name": "李四", "sign_date": "2015.3.3"},
                               when=dt.datetime(2015, 3, 3, 10)), units, settings)
    old = _person(tmp_path, "王五", "经济运行科", dt.datetime(2015, 2, 10), units, settings)
    new = _person(tmp_path, "赵六", "经济运行科", dt.datetime(2015, 2, 12), units, settings)
    roster = build_roster([b, new, a, old], units, settings)
    target = tmp_path / "通讯员名册.xlsx"
    write_roster(target, roster)

    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["通讯员名册", DETAIL_SHEET, MISSING_SHEET, LATE_SHEET, PROBLEM_SHEET]
    ws = book["通讯员名册"]
    header = [c.value for c in ws[3]]
    assert tuple(header) == ROSTER_HEADERS
    col = {h: i for i, h in enumerate(header)}
    rows = _sheet_rows(ws)
    assert [r[col["单位名称"]] for r in rows] == [u.name for u in DEFAULT_UNITS]
    assert [r[col["序号"]] for r in rows] == list(range(1, len(DEFAULT_UNITS) + 1))
    by_unit = {r[col["单位名称"]]: r for r in rows}
    assert by_unit["岳阳县工信局"][col["状态"]] == "已报"
    assert by_unit["平江县工信局"][col["状态"]] == "迟报"
    assert by_unit["华容县工信局"][col["状态"]] == "未报" and by_unit["华容县工信局"][col["姓名"]] is None
    assert by_unit["经济运行科"][col["姓名"]] == "赵六"
    assert "王五" in by_unit["经济运行科"][col["备注"]]
    zhang = by_unit["岳阳县工信局"]
    assert zhang[col["固定电话"]] == "0730-7622501" and zhang[col["移动电话"]] == "13807301234"
    assert zhang[col["出生年月"]] == "1985年6月"
    assert zhang[col["报送日期"]] == dt.datetime(2015, 2, 16)  # the form's date (openpyxl reads a date cell as datetime)
    assert zhang[col["日期依据"]] == "登记表日期"
    assert zhang[col["收到日期"]] is None
    assert zhang[col["来源文件"]] == "岳阳县工信局_张三.xlsx"
    row_of_zhang = 4 + [u.name for u in DEFAULT_UNITS].index("岳阳县工信局")
    for name in ("固定电话", "移动电话", "传真"):
        cell = ws.cell(row=row_of_zhang, column=col[name] + 1)
        assert cell.data_type == "s", name  # phones are text: the leading 0 stays
    assert ws.freeze_panes == "C4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$3:$3"
    assert ws.column_dimensions["B"].width >= 18  # 成品油及工业物流管理科 fits

    details = book[DETAIL_SHEET]
    assert tuple(c.value for c in details[3]) == DETAIL_HEADERS
    detail_rows = _sheet_rows(details)
    assert [(r[1], r[2]) for r in detail_rows] == [("岳阳县工信局", "张三"), ("平江县工信局", "李四"), ("经济运行科", "赵六")]
    dcol = {h: i for i, h in enumerate(DETAIL_HEADERS)}
    assert detail_rows[0][dcol["本人工作简历"]] == PERSON["resume"]
    assert detail_rows[0][dcol["通讯地址"]] == PERSON["address"]
    assert detail_rows[0][dcol["填表日期"]] == "2015年2月16日"
    assert details.row_dimensions[4].height > 30  # the two-line resume is not cut off

    missing = _sheet_rows(book[MISSING_SHEET])
    assert [r[1] for r in missing] == [u.name for u in DEFAULT_UNITS if u.name not in ("岳阳县工信局", "平江县工信局", "经济运行科")]
    late = _sheet_rows(book[LATE_SHEET])
    assert [r[1:] for r in late] == [["平江县工信局", "县市区工信局", "李四", "平江.xlsx", dt.datetime(2015, 3, 3), "登记表日期", 4]]
    problems = _sheet_rows(book[PROBLEM_SHEET])
    assert {r[3] for r in problems} == {"迟报", "重复登记"}

    assert read_roster(target, units) == {"岳阳县工信局": "张三", "平江县工信局": "李四", "经济运行科": "赵六"}


def test_roster_is_byte_stable(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    a = _person(tmp_path, "张三", "岳阳县工信局", ON_TIME, units, settings)
    write_roster(tmp_path / "1.xlsx", build_roster([a], units, settings))
    write_roster(tmp_path / "2.xlsx", build_roster([a], units, settings))
    assert (tmp_path / "1.xlsx").read_bytes() == (tmp_path / "2.xlsx").read_bytes()


def test_formula_like_text_stays_text(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    person = _person(tmp_path, "张三", "岳阳县工信局", ON_TIME, units, settings)
    person.values["address"] = "=HYPERLINK(\"http://x\")"
    write_roster(tmp_path / "r.xlsx", build_roster([person], units, settings))
    cell = openpyxl.load_workbook(tmp_path / "r.xlsx")[DETAIL_SHEET]["F4"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"


def test_read_roster_absent_and_hand_edited(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    assert read_roster(tmp_path / "none.xlsx", units) == {}
    target = tmp_path / "r.xlsx"
    write_roster(target, build_roster([], units, settings))
    assert read_roster(target, units) == {}
    book = openpyxl.load_workbook(target)
    book["通讯员名册"]["E4"] = " 张 三 "  # the coordinator types in a name phoned in
    book.save(target)
    assert read_roster(target, units) == {"岳阳县工信局": "张三"}


# --- the pipeline and the command line -------------------------------------------------------------


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "登记表"
    inbox.mkdir()
    fill_template(inbox / "岳阳县.xlsx", PERSON)
    fill_template(inbox / "平江县.xlsx", {**PERSON, "unit": "平江县", "name": "李四", "phone": "7622501", "sign_date": None},
                  when=dt.datetime(2015, 3, 2, 9))  # undated: the file time decides
    strip_names(fill_template(inbox / "运行科.xlsx", {**PERSON, "unit": "运行科", "name": "王五"}))
    plain_list(inbox / "综合科室.xlsx", ["单位", "姓名", "手机"], [["人事科", "周八", "13807305555"], ["财务科", "吴九", "13807306666"]])
    (inbox / "~$岳阳县.xlsx").write_bytes(b"owner lock")
    (inbox / "说明.txt").write_text("登记表见附件", encoding="utf-8")
    return inbox


def test_collect_register(tmp_path: Path) -> None:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    result = collect_register(ws, _inbox(tmp_path))
    assert result.exit_code == 3
    assert len(result.refused) == 1 and "说明.txt" in result.refused[0]
    assert result.data["registered"] == {"岳阳县工信局": "张三", "平江县工信局": "李四", "经济运行科": "王五", "人事科": "周八", "财务科": "吴九"}
    assert result.data["late"] == ["平江县工信局"]
    assert len(result.data["missing"]) == len(DEFAULT_UNITS) - 5
    assert result.paths == [ws.roster_path]
    text = result.render()
    assert "读取登记文件 4 个，拒收 1 个，跳过锁定文件 1 个（~$岳阳县.xlsx）" in text
    assert "已登记 5/34 个单位" in text
    assert "迟报 1 个：平江县工信局（迟 3 天，按文件修改时间判断（登记表未填日期））" in text
    assert "请在 通讯员名册.xlsx 的“收到日期”栏填写收到日期，再运行一次 xlflow register" in text
    assert read_roster(ws.roster_path, ws.units()) == result.data["registered"]


def _roster_by_unit(path: Path, sheet: str = "通讯员名册") -> tuple[dict[str, int], dict[str, list[object]]]:
    ws = openpyxl.load_workbook(path)[sheet]
    col = {c.value: i for i, c in enumerate(ws[3])}
    return col, {r[col["单位名称"]]: r for r in _sheet_rows(ws)}


def test_register_lateness_read_back_from_the_roster(tmp_path: Path) -> None:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill_template(inbox / "岳阳县.xlsx", {**PERSON, "sign_date": dt.datetime(2015, 2, 26)}, when=SAVED_LATE)
    fill_template(inbox / "平江县.xlsx", {**PERSON, "unit": "平江县", "name": "李四", "sign_date": None},
                  when=dt.datetime(2015, 3, 2, 9))
    fill_template(inbox / "湘阴县.xlsx", {**PERSON, "unit": "湘阴县", "name": "王五", "sign_date": dt.datetime(2015, 3, 4)},
                  when=SAVED_LATE)
    first = collect_register(ws, inbox).render()
    assert "迟报 2 个：平江县工信局（迟 3 天，按文件修改时间判断（登记表未填日期））、湘阴县工信局（迟 5 天）" in first
    assert "“收到日期”栏填写收到日期" in first

    col, rows = _roster_by_unit(ws.roster_path)
    assert [rows["岳阳县工信局"][col[h]] for h in ("状态", "报送日期", "日期依据", "收到日期")] == [
        "已报", dt.datetime(2015, 2, 26), "登记表日期", None]
    assert [rows["平江县工信局"][col[h]] for h in ("状态", "报送日期", "日期依据")] == [
        "迟报", dt.datetime(2015, 3, 2), "按文件修改时间判断（登记表未填日期）"]
    assert [rows["湘阴县工信局"][col[h]] for h in ("状态", "报送日期", "日期依据")] == ["迟报", dt.datetime(2015, 3, 4), "登记表日期"]
    book = openpyxl.load_workbook(ws.roster_path)
    sheet = book["通讯员名册"]
    assert "收到日期" in sheet["A2"].value and "文件的修改时间" in sheet["A2"].value
    received_col = openpyxl.utils.get_column_letter(col["收到日期"] + 1)
    hint = validation_at(sheet, f"{received_col}4")
    assert hint.type == "date" and "xlflow register" in hint.prompt
    assert sheet[f"{received_col}4"].protection.locked is False
    late = _sheet_rows(book[LATE_SHEET])
    assert [r[1:] for r in late] == [
        ["平江县工信局", "县市区工信局", "李四", "平江县.xlsx", dt.datetime(2015, 3, 2), "按文件修改时间判断（登记表未填日期）", 3],
        ["湘阴县工信局", "县市区工信局", "王五", "湘阴县.xlsx", dt.datetime(2015, 3, 4), "登记表日期", 5],
    ]
    c9 = [r for r in _sheet_rows(book[PROBLEM_SHEET]) if r[3] == "迟报"]
    assert [r[1] for r in c9] == ["平江县工信局", "湘阴县工信局"]
    assert "按文件修改时间判断（登记表未填日期）" in c9[0][8] and "文件修改时间" not in c9[1][8]

    # the coordinator records when 平江县's mail came, and a date for a unit that phoned; one entry is not a date
    row_of = {u.name: 4 + i for i, u in enumerate(DEFAULT_UNITS)}
    sheet[f"{received_col}{row_of['平江县工信局']}"] = dt.datetime(2015, 2, 26)
    sheet[f"{received_col}{row_of['华容县工信局']}"] = "2月25日"
    sheet[f"{received_col}{row_of['临湘市工信局']}"] = "上周"
    book.save(ws.roster_path)
    second = collect_register(ws, inbox)
    text = second.render()
    assert second.data["late"] == ["湘阴县工信局"]
    assert "迟报 1 个：湘阴县工信局（迟 5 天）" in text and "按协调人填写的收到日期判断 1 个单位" in text
    assert f"第 {row_of['临湘市工信局']} 行（临湘市工信局）：收到日期“上周”无法识别，未采用" in text
    for _run in (1, 2):  # the recorded dates survive every rewrite of the roster
        col, rows = _roster_by_unit(ws.roster_path)
        assert [rows["平江县工信局"][col[h]] for h in ("状态", "报送日期", "日期依据", "收到日期")] == [
            "已报", dt.datetime(2015, 2, 26), "收到日期（协调人填写）", dt.datetime(2015, 2, 26)]
        assert [rows["华容县工信局"][col[h]] for h in ("状态", "收到日期")] == ["未报", dt.datetime(2015, 2, 25)]
        assert rows["临湘市工信局"][col["收到日期"]] is None
        collect_register(ws, inbox)


def test_register_carries_the_received_dates_of_a_roster_saved_as_xls(tmp_path: Path) -> None:
    """The coordinator types 平江县's 收到日期, saves the roster as .xls and deletes the .xlsx: the date decides, and is
    written into the new 通讯员名册.xlsx, which is then the one to edit; the .xls is left as it is."""
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    inbox = _inbox(tmp_path)
    assert collect_register(ws, inbox).data["late"] == ["平江县工信局"]
    col = {c.value: i for i, c in enumerate(openpyxl.load_workbook(ws.roster_path)["通讯员名册"][3])}
    values = [list(r) for r in openpyxl.load_workbook(ws.roster_path)["通讯员名册"].iter_rows(values_only=True)]
    next(r for r in values if r[col["单位名称"]] == "平江县工信局")[col["收到日期"]] = dt.datetime(2015, 2, 26)
    xls = write_xls(ws.root / "通讯员名册.xls", values, sheet="通讯员名册")
    ws.roster_path.unlink()
    result = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(ws.root)])
    assert result.exit_code == 3, result.output  # 说明.txt is refused
    assert "迟报 0 个" in result.output and "按协调人填写的收到日期判断 1 个单位" in result.output
    assert ("  ! 通讯员名册.xls 中填写的收到日期（1 个单位）已带入新生成的 通讯员名册.xlsx：以后请在 通讯员名册.xlsx 中"
            "填写收到日期，通讯员名册.xls 不再读取，可以移出工作区\n") in result.output  # fmt: skip
    col, rows = _roster_by_unit(ws.roster_path)
    assert [rows["平江县工信局"][col[h]] for h in ("状态", "报送日期", "日期依据", "收到日期")] == [
        "已报", dt.datetime(2015, 2, 26), "收到日期（协调人填写）", dt.datetime(2015, 2, 26)]
    assert xls.is_file()
    again = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(ws.root)]).output  # the .xlsx is read now
    assert "迟报 0 个" in again and "已带入" not in again
    assert "工作区中同时有 通讯员名册.xlsx 和 通讯员名册.xls：读的是 通讯员名册.xlsx" in again


def test_cli_register(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    created = CliRunner().invoke(cli, ["init", str(root), "--year", "2015"])
    assert created.exit_code == 0, created.output
    inbox = _inbox(tmp_path)
    result = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(root)])
    assert result.exit_code == 3, result.output
    assert "通讯员登记表汇总" in result.output
    assert "说明.txt" in result.output and "不是 Excel 工作簿" in result.output
    assert "未报送 29 个：湘阴县工信局、华容县工信局、汨罗市工信局" in result.output
    assert str(root / "通讯员名册.xlsx") in result.output
    assert "问题：错误 0 处" in result.output
    (inbox / "说明.txt").unlink()
    again = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(root)])
    assert again.exit_code == 0, again.output


def test_cli_register_outside_a_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["register", str(folder), "-w", str(tmp_path)])
    assert result.exit_code == 1
    assert "xlflow init" in result.output


def test_unregistrable_form_refuses_the_file_and_notes_the_unit(tmp_path: Path) -> None:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill_template(inbox / "华容县.xlsx", {**PERSON, "unit": "华容县", "name": None})
    set_mtime(inbox / "华容县.xlsx", ON_TIME)
    result = collect_register(ws, inbox)
    assert result.exit_code == 3 and "华容县.xlsx：未能登记任何通讯员（姓名未填写" in result.refused[0]
    missing = _sheet_rows(openpyxl.load_workbook(ws.roster_path)[MISSING_SHEET])
    note = next(r[4] for r in missing if r[1] == "华容县工信局")
    assert "华容县.xlsx" in note and "姓名未填写" in note


def test_a_form_whose_unit_cell_names_another_unit_than_its_file_registers_nobody(tmp_path: Path) -> None:
    """岳阳县's file carries 平江县's unit cell (a colleague's form copied): which unit it is for cannot be told, so
    it registers neither and says so; 平江县's own form, dated earlier, stands."""
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill_template(inbox / "平江县工信局_通讯员登记表.xlsx", {**PERSON, "unit": "平江县工信局", "name": "李四"})
    fill_template(inbox / "岳阳县工信局_通讯员登记表.xlsx", {**PERSON, "unit": "平江县工信局", "sign_date": dt.datetime(2015, 2, 19)},
                  when=dt.datetime(2015, 2, 25, 10))  # fmt: skip
    result = CliRunner().invoke(cli, ["register", "-w", str(ws.root), str(inbox)])
    assert result.exit_code == 3, result.output
    why = "文件名是岳阳县工信局，登记表中写的是平江县工信局：请核对（这份登记表两个单位都未采用），由报来的单位改正后重新报送"
    assert f"岳阳县工信局_通讯员登记表.xlsx：未能登记任何通讯员（{why}）" in result.output
    assert "其中 1 个单位报来了文件但未能登记：岳阳县工信局" in result.output and "重复登记" not in result.output
    assert read_roster(ws.roster_path, ws.units()) == {"平江县工信局": "李四"}
    problems = _sheet_rows(openpyxl.load_workbook(ws.roster_path)[PROBLEM_SHEET])
    assert [r[1:4] + r[6:] for r in problems] == [["岳阳县工信局", "错误", "单位不明", "B3", "科室（单位）", why]]


def test_same_unit_twice_in_one_list_keeps_the_later_row(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    path = plain_list(tmp_path / "名单.xlsx", ["单位", "姓名", "手机"], [["人事科", "周八", "13807305555"], ["人事科", "郑十", "13807307777"]])
    people, _ = read_register_file(path, units, settings)
    roster = build_roster(people, units, settings)
    entry = next(e for e in roster.entries if e.unit.name == "人事科")
    assert entry.person.name == "郑十" and [p.name for p in entry.superseded] == ["周八"]
    dup = next(f for f in roster.findings if f.code == "C8")
    assert "以靠后的 名单.xlsx 第 5 行（郑十）为准" in dup.message


def test_register_run_in_the_workspace_itself_skips_its_own_workbooks(tmp_path: Path) -> None:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    fill_template(ws.root / "岳阳县.xlsx", PERSON)
    first = collect_register(ws, ws.root)
    second = collect_register(ws, ws.root)  # the roster it wrote is not read as a register file
    rows = [list(r) for r in openpyxl.load_workbook(ws.roster_path)["通讯员名册"].iter_rows(values_only=True)]
    write_xls(ws.roster_path.with_suffix(".xls"), rows, sheet="通讯员名册")  # nor the roster saved as .xls
    third = collect_register(ws, ws.root)
    assert "读取登记文件 1 个，拒收 0 个" in third.render() and "重复登记" not in third.render()
    for result in (first, second, third):
        assert result.exit_code == 0, result.render()
        assert result.data["registered"] == {"岳阳县工信局": "张三"}
    assert "未读取文件夹 inbox：工作区自己的文件夹" in second.render()
    assert "未读取文件夹 out：工作区自己的文件夹" in second.render()


def test_distribute_prefills_the_correspondents_of_the_roster(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    inbox = _inbox(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["register", str(inbox), "-w", str(root)]).exit_code == 3
    result = runner.invoke(cli, ["distribute", "--month", "2015-03", "-w", str(root)])
    assert result.exit_code == 0, result.output
    assert "通讯员已预填 5 个单位" in result.output


def test_register_names_sub_folders_system_files_duplicates_and_refused_units(tmp_path: Path) -> None:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    inbox = tmp_path / "in"
    (inbox / "邮件附件").mkdir(parents=True)
    fill_template(inbox / "邮件附件" / "岳阳县.xlsx", PERSON, when=dt.datetime(2015, 2, 20, 9))
    fill_template(inbox / "岳阳县（更正）.xlsx", {**PERSON, "name": "张三丰"}, when=dt.datetime(2015, 2, 22, 9))
    (inbox / "Thumbs.db").write_bytes(b"thumbnails")
    (inbox / "华容县工信局.xlsx").write_bytes(b"PK\x03\x04 cut off in the mail")
    result = collect_register(ws, inbox)
    text = result.render()
    assert result.exit_code == 3 and result.data["registered"] == {"岳阳县工信局": "张三丰"}
    assert "读取登记文件 2 个，拒收 1 个" in text
    assert "其中子文件夹中的文件 1 个：邮件附件/岳阳县.xlsx" in text
    assert "跳过系统文件 1 个：Thumbs.db" in text
    assert "重复登记：岳阳县工信局 另有 邮件附件/岳阳县.xlsx（张三），以文件名写明更正的 岳阳县（更正）.xlsx（张三丰）为准" in text
    # 华容县 sent a file: it is still 未报送, but the coordinator and the roster say its file came and why it failed
    assert "其中 1 个单位报来了文件但未能登记：华容县工信局（原因见“未报送单位”表）" in text
    assert "华容县工信局.xlsx：文件已损坏或不完整" in result.refused[0]
    missing = _sheet_rows(openpyxl.load_workbook(ws.roster_path)[MISSING_SHEET])
    note = next(r[4] for r in missing if r[1] == "华容县工信局")
    assert note.startswith("收到 华容县工信局.xlsx，但未能登记：") and "文件已损坏或不完整" in note


def test_a_roster_open_in_excel_is_one_line_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path / "ws")
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill_template(inbox / "岳阳县.xlsx", PERSON)

    def locked(path: Path, roster: object, **_: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("xlflow.commands.register.write_roster", locked)
    result = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(root)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"无法写入 {root / '通讯员名册.xlsx'}（Permission denied）：文件可能正在 Excel 或 WPS 中打开，请关闭后重试" in result.output


# --- two forms of one unit: what the forms say decides, the file time last ------------------------------

COPIED = dt.datetime(2015, 3, 5, 10, 0)  # both copied from a USB stick: the file times say nothing of the order
EARLIER = dt.datetime(2015, 3, 5, 9, 0)
FEB_20, FEB_25 = dt.datetime(2015, 2, 20), dt.datetime(2015, 2, 25)


@pytest.mark.parametrize(
    ("first", "second", "kept", "why"),
    [  # (file name, 日期 on the form, file time); 张三 is on the first form, 李四 on the second
        (("岳阳县工信局通讯员登记表.xlsx", FEB_25, EARLIER), ("岳阳县工信局登记表.xlsx", FEB_20, COPIED), "张三", "登记表日期最晚"),
        (("岳阳县工信局登记表（更正）.xlsx", FEB_20, COPIED), ("岳阳县工信局登记表.xlsx", FEB_25, EARLIER), "李四", "登记表日期最晚"),
        (("岳阳县工信局登记表（更正）.xlsx", FEB_20, EARLIER), ("岳阳县工信局登记表.xlsx", FEB_20, COPIED), "张三", "文件名写明更正"),
        (("岳阳县工信局登记表修改版.xlsx", None, EARLIER), ("岳阳县工信局登记表.xlsx", FEB_25, COPIED), "张三", "文件名写明更正"),
        (("岳阳县工信局登记表（初稿）.xlsx", FEB_20, COPIED), ("岳阳县工信局登记表.xlsx", FEB_20, EARLIER), "李四", "文件名未写初稿、草稿"),
        (("岳阳县工信局通讯员登记表.xlsx", None, EARLIER), ("岳阳县工信局登记表.xlsx", None, COPIED), "李四", "最后修改"),
        # unpacked from one zip: equal times cannot tell, the name decides and the roster says so
        (("岳阳县工信局通讯员登记表.xlsx", None, COPIED), ("岳阳县工信局登记表.xlsx", None, COPIED), "张三", "修改时间相同、按文件名选定"),
        # a date that cannot be the send date (after the file was saved; 25/2/15 is not 2025) does not decide
        (("岳阳县工信局通讯员登记表.xlsx", "2015年12月16日", EARLIER), ("岳阳县工信局登记表（更正）.xlsx", FEB_25, COPIED),
         "李四", "文件名写明更正"),
        (("岳阳县工信局通讯员登记表.xlsx", "25/2/15", COPIED), ("岳阳县工信局登记表更正.xlsx", FEB_25, EARLIER),
         "李四", "文件名写明更正"),
    ],
)
def test_of_two_forms_the_one_the_forms_say_is_newer_stands(
    tmp_path: Path, units: UnitTable, settings: Settings, first: tuple, second: tuple, kept: str, why: str
) -> None:
    people = [
        read_one(fill_template(tmp_path / file, {**PERSON, "name": name, "sign_date": signed}, when=when), units, settings)
        for name, (file, signed, when) in (("张三", first), ("李四", second))
    ]
    entry = build_roster(people, units, settings).entries[0]
    other = "李四" if kept == "张三" else "张三"
    assert (entry.person.name, [p.name for p in entry.superseded]) == (kept, [other])
    assert entry.chosen == why


def test_the_duplicate_finding_gives_both_forms_dates_and_why(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    old = fill_template(tmp_path / "岳阳县工信局登记表.xlsx", {**PERSON, "name": "张三", "sign_date": FEB_20}, when=COPIED)
    new = fill_template(tmp_path / "岳阳县工信局登记表（更正）.xlsx", {**PERSON, "name": "李四", "sign_date": FEB_25}, when=EARLIER)
    roster = build_roster([read_one(old, units, settings), read_one(new, units, settings)], units, settings)
    (dup,) = [f for f in roster.findings if f.code == "C8"]
    assert (dup.file, dup.severity) == ("岳阳县工信局登记表（更正）.xlsx", WARNING)
    assert dup.message == (
        "岳阳县工信局报来 2 份通讯员登记：岳阳县工信局登记表（更正）.xlsx（李四，登记表日期 2015年2月25日，修改于 2015-03-05 09:00）；"
        "岳阳县工信局登记表.xlsx（张三，登记表日期 2015年2月20日，修改于 2015-03-05 10:00）。"
        "以登记表日期最晚的 岳阳县工信局登记表（更正）.xlsx（李四）为准；每个单位只确定 1 名通讯员，如有误请告知"
    )
    a = fill_template(tmp_path / "平江县工信局.xlsx", {**PERSON, "unit": "平江县", "sign_date": None}, when=EARLIER)
    b = fill_template(tmp_path / "平江县工信局登记表.xlsx", {**PERSON, "unit": "平江县", "sign_date": None}, when=COPIED)
    roster = build_roster([read_one(a, units, settings), read_one(b, units, settings)], units, settings)
    (dup,) = [f for f in roster.findings if f.code == "C8"]
    assert dup.message == (
        "平江县工信局报来 2 份通讯员登记：平江县工信局.xlsx（张三，修改于 2015-03-05 09:00）；"
        "平江县工信局登记表.xlsx（张三，修改于 2015-03-05 10:00）。以最后修改的 平江县工信局登记表.xlsx（张三）为准"
        "（文件复制、另存后修改时间会变）：如应以另一份为准，请在那份的文件名中写明“更正”，再运行一次 xlflow register"
    )
    c = fill_template(tmp_path / "华容县工信局.xlsx", {**PERSON, "unit": "华容县", "sign_date": None}, when=COPIED)
    d = fill_template(tmp_path / "华容县工信局登记表.xlsx", {**PERSON, "unit": "华容县", "sign_date": None}, when=COPIED)
    roster = build_roster([read_one(c, units, settings), read_one(d, units, settings)], units, settings)
    (dup,) = [f for f in roster.findings if f.code == "C8"]
    assert dup.message == (
        "华容县工信局报来 2 份通讯员登记：华容县工信局.xlsx（张三，修改于 2015-03-05 10:00）；"
        "华容县工信局登记表.xlsx（张三，修改于 2015-03-05 10:00）。以修改时间相同、按文件名选定的 华容县工信局登记表.xlsx（张三）为准"
        "：如应以另一份为准，请在那份的文件名中写明“更正”，再运行一次 xlflow register"
    )


def test_two_forms_saved_within_one_minute_show_their_seconds(tmp_path: Path, units: UnitTable, settings: Settings) -> None:
    """The later one decides; shown to the minute both would read 09:30 and 最后修改 would look arbitrary."""
    a = fill_template(tmp_path / "平江县工信局.xlsx", {**PERSON, "unit": "平江县", "sign_date": None},
                      when=dt.datetime(2015, 2, 20, 9, 30, 5))  # fmt: skip
    b = fill_template(tmp_path / "平江县工信局登记表.xlsx", {**PERSON, "unit": "平江县", "sign_date": None},
                      when=dt.datetime(2015, 2, 20, 9, 30, 25))  # fmt: skip
    roster = build_roster([read_one(a, units, settings), read_one(b, units, settings)], units, settings)
    (dup,) = [f for f in roster.findings if f.code == "C8"]
    assert dup.message.startswith(
        "平江县工信局报来 2 份通讯员登记：平江县工信局.xlsx（张三，修改于 2015-02-20 09:30:05）；"
        "平江县工信局登记表.xlsx（张三，修改于 2015-02-20 09:30:25）。以最后修改的 平江县工信局登记表.xlsx（张三）为准"
    )


def test_cli_register_keeps_the_corrected_form_of_a_copied_folder(tmp_path: Path) -> None:
    """The unit's first form and its correction, both copied from a USB stick: the first got the later time."""
    root = make_workspace(tmp_path / "ws")
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill_template(inbox / "岳阳县工信局登记表.xlsx", {**PERSON, "name": "张三", "sign_date": FEB_20}, when=COPIED)
    fill_template(inbox / "岳阳县工信局登记表（更正）.xlsx", {**PERSON, "name": "李四", "sign_date": FEB_25}, when=EARLIER)
    fill_template(inbox / "平江县.xlsx", {**PERSON, "unit": "平江县", "name": "王五", "sign_date": None}, when=EARLIER)
    fill_template(inbox / "平江县（2）.xlsx", {**PERSON, "unit": "平江县", "name": "赵六", "sign_date": None}, when=COPIED)
    fill_template(inbox / "华容县.xlsx", {**PERSON, "unit": "华容县", "name": "孙七", "sign_date": None}, when=COPIED)
    fill_template(inbox / "华容县登记.xlsx", {**PERSON, "unit": "华容县", "name": "周八", "sign_date": None}, when=COPIED)
    result = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(root)])
    assert result.exit_code == 0, result.output
    assert (
        "修改时间相同、按文件名选定的 1 个单位无法判断哪份较新：如应以另一份为准，请在那份的文件名中写明“更正”，"
        f"再运行一次 xlflow -w {root} register {inbox}" in result.output
    )
    assert (
        "重复登记：岳阳县工信局 另有 岳阳县工信局登记表.xlsx（张三），以登记表日期最晚的 岳阳县工信局登记表（更正）.xlsx（李四）为准"
        in result.output
    )
    assert "重复登记：平江县工信局 另有 平江县.xlsx（王五），以最后修改的 平江县（2）.xlsx（赵六）为准" in result.output
    assert (
        "按最后修改选定的 1 个单位可能不准（文件复制、另存后修改时间会变）：如应以另一份为准，请在那份的文件名中写明“更正”，"
        f"再运行一次 xlflow -w {root} register {inbox}" in result.output
    )
    col, rows = _roster_by_unit(root / "通讯员名册.xlsx")
    row = rows["岳阳县工信局"]
    assert [row[col[h]] for h in ("姓名", "来源文件", "报送日期", "日期依据")] == [
        "李四", "岳阳县工信局登记表（更正）.xlsx", dt.datetime(2015, 2, 20), "登记表日期"]
    assert row[col["备注"]] == (
        "另收到 岳阳县工信局登记表.xlsx（张三），以本行为准（登记表日期最晚的一份）；"
        "报送日期按最早报来的 岳阳县工信局登记表.xlsx（张三）计"
    )
    assert rows["平江县工信局"][col["备注"]] == (
        "另收到 平江县.xlsx（王五），以本行为准（最后修改的一份）；报送日期按最早报来的 平江县.xlsx（王五）计；迟报 6 天"
    )


# --- a register sent as Word, PDF, WPS text or a photo --------------------------------------------------

SEND_FORM = "请用附件二 Excel 登记表（xlflow templates 生成的 register_template.xlsx）填写后重新报送"



def _et_list(path: Path) -> Path:
    """WPS 表格's .et: an .xls (BIFF8) by its bytes, here a one-person list."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    for r, row in enumerate((["单位", "姓名", "手机"], ["临湘市工信局", "赵六", "13807307777"])):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    return set_mtime(path, ON_TIME)


def _documents_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill_template(inbox / "岳阳县工信局.xlsx", PERSON)
    (inbox / "岳阳县工信局盖章件.pdf").write_bytes(b"%PDF-1.4 stamped scan")  # beside its Excel form
    (inbox / "平江县工信局通讯员登记表.docx").write_bytes(_docx())
    (inbox / "湘阴县工信局登记表.pdf").write_bytes(b"%PDF-1.4 scan")
    (inbox / "华容县工信局登记表.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo")
    (inbox / "汨罗市工信局登记表.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (inbox / "登记表.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _et_list(inbox / "临湘市工信局登记表.et")
    return inbox


def test_register_names_the_units_that_sent_word_pdf_or_a_photo(tmp_path: Path) -> None:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    result = collect_register(ws, _documents_inbox(tmp_path))
    text = result.render()
    assert result.exit_code == 3
    assert result.data["registered"] == {"岳阳县工信局": "张三", "临湘市工信局": "赵六"}
    assert result.refused == [
        f"华容县工信局：登记表是一张图片（华容县工信局登记表.jpg），不是 Excel 工作簿，无法读取：{SEND_FORM}",
        f"平江县工信局：登记表是一个 Word 文件（平江县工信局通讯员登记表.docx），不是 Excel 工作簿，无法读取：{SEND_FORM}",
        f"汨罗市工信局：登记表是一个 WPS 文字文件（汨罗市工信局登记表.wps），不是 Excel 工作簿，无法读取：{SEND_FORM}",
        f"湘阴县工信局：登记表是一个 PDF 文件（湘阴县工信局登记表.pdf），不是 Excel 工作簿，无法读取：{SEND_FORM}",
        f"登记表.png：这是一张图片，不是 Excel 工作簿，无法读取：{SEND_FORM}",
    ]
    assert "读取登记文件 2 个，拒收 5 个" in text
    assert "跳过 Word、PDF、图片等文件 1 个（这些单位已报来 Excel 登记表）：岳阳县工信局盖章件.pdf" in text
    assert "其中 4 个单位报来了文件但未能登记：平江县工信局、湘阴县工信局、华容县工信局、汨罗市工信局（原因见“未报送单位”表）" in text

    book = openpyxl.load_workbook(ws.roster_path)
    notes = {r[1]: r[4] for r in _sheet_rows(book[MISSING_SHEET])}
    assert notes["平江县工信局"] == (
        f"收到 平江县工信局通讯员登记表.docx，但未能登记：登记表是一个 Word 文件，不是 Excel 工作簿，无法读取：{SEND_FORM}"
    )
    assert notes["华容县工信局"] == f"收到 华容县工信局登记表.jpg，但未能登记：登记表是一张图片，不是 Excel 工作簿，无法读取：{SEND_FORM}"
    assert notes["岳阳楼区工信局"] == "未收到登记表"
    problems = {(r[1], r[4]): (r[3], r[8]) for r in _sheet_rows(book[PROBLEM_SHEET])}
    assert problems[("湘阴县工信局", "湘阴县工信局登记表.pdf")] == (
        "不是工作簿", f"登记表是一个 PDF 文件，不是 Excel 工作簿，无法读取：{SEND_FORM}")
    assert (None, "登记表.png") in problems and ("岳阳县工信局", "岳阳县工信局盖章件.pdf") not in problems
    col, rows = _roster_by_unit(ws.roster_path)
    assert [rows["平江县工信局"][col[h]] for h in ("状态", "备注")] == ["未报", "收到登记表但未能登记，见“未报送单位”表"]


def test_cli_register_with_a_word_form_and_a_stamped_scan(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws")
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill_template(inbox / "岳阳县工信局.xlsx", PERSON)
    (inbox / "岳阳县工信局盖章件.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo")
    result = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(root)])
    assert result.exit_code == 0, result.output  # a scan beside the Excel form is no refusal
    assert "跳过 Word、PDF、图片等文件 1 个（这些单位已报来 Excel 登记表）：岳阳县工信局盖章件.jpg" in result.output
    (inbox / "平江县工信局通讯员登记表.docx").write_bytes(_docx())
    result = CliRunner().invoke(cli, ["register", str(inbox), "-w", str(root)])
    assert result.exit_code == 3, result.output
    assert (  # the hint names the command as it works from here
        "✗ 平江县工信局：登记表是一个 Word 文件（平江县工信局通讯员登记表.docx），不是 Excel 工作簿，无法读取："
        f"请用附件二 Excel 登记表（xlflow -w {root} templates 生成的 register_template.xlsx）填写后重新报送" in result.output
    )
    assert "其中 1 个单位报来了文件但未能登记：平江县工信局（原因见“未报送单位”表）" in result.output


def test_a_workbook_named_doc_is_read_by_its_bytes(tmp_path: Path) -> None:
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    fill_template(inbox / "form.xlsx", PERSON).rename(inbox / "岳阳县工信局登记表.doc")
    result = collect_register(ws, inbox)
    assert (result.exit_code, result.refused, result.data["registered"]) == (0, [], {"岳阳县工信局": "张三"})


def test_register_pointed_at_the_monthly_returns_registers_nobody(tmp_path: Path) -> None:
    """`xlflow register inbox/2015-03` read each return's 报送单位, 报送日期 and 通讯员 cells as a form and
    replaced the roster with 21 units and no phones. A monthly return is no register form: said so, by name."""
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    forms = tmp_path / "forms"
    fill_template(forms / "岳阳县.xlsx", PERSON)
    collect_register(ws, forms)
    roster = ws.roster_path.read_bytes()
    march = ws.inbox / "2015-03"
    for unit in ("平江县工信局", "湘阴县工信局"):
        write_report(march / f"{unit}3月.xlsx", unit, [report_row(f"{unit}三月信息")])
    header = ["序号", "报送日期", "信息标题", "信息类别", "正文", "审签人", "报送方式", "通讯员"]  # review 6g: 电子邮件,
    rows = [[i, "2015-03-05", f"岳阳县信息{i}", "工作动态", "正文", "王局长", way, "李四"]  # 传真 in 报送方式 are no
            for i, way in ((1, "电子邮件"), (2, "传真"))]  # e-mail or fax label  # fmt: skip
    contact = ["通讯员：李四", "手机：13907301234", "邮箱：ljx@163.com"]  # review 6h: a contact line is no form
    write_xlsx(march / "岳阳县工信局3月.xlsx", [["报送单位：岳阳县工信局", None, "报送月份：2015年3月"], contact, header, *rows])
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "register", "inbox/2015-03"])
    assert result.exit_code == 1
    assert result.output.startswith(f"错误：文件夹 {march} 中没有可以读取的通讯员登记表（Excel 文件 3 个，都未能登记：")
    assert (f"这是每月的信息报送登记表，不是通讯员登记表（附件二）：它由 xlflow -w {ws.root} consolidate 汇总；"
            "通讯员登记表请用登记表模板填写；") in result.output  # fmt: skip
    assert ws.roster_path.read_bytes() == roster
    for name in ("平江县工信局3月.xlsx", "岳阳县工信局3月.xlsx"):  # beside a real form: refused, the form registered
        shutil.copy(march / name, forms)
    mixed = collect_register(ws, forms)
    assert mixed.data["registered"] == {"岳阳县工信局": PERSON["name"]}
    assert sorted(mixed.refused) == [f"{name}：这是每月的信息报送登记表，不是通讯员登记表（附件二）：它由 xlflow consolidate 汇总；"
                                     "通讯员登记表请用登记表模板填写" for name in ("岳阳县工信局3月.xlsx", "平江县工信局3月.xlsx")]


def test_a_form_with_a_table_of_articles_below_is_still_a_form(tmp_path: Path) -> None:
    """review 6f: a hand-typed 附件二 (no defined names) with a 序号/信息标题/报送日期 table under it is a register form."""
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    (tmp_path / "forms").mkdir()
    path = hand_form(tmp_path / "forms" / "平江县.xlsx", {**PERSON, "unit": "平江县工信局"})
    book = openpyxl.load_workbook(path)
    for row in (["序号", "信息标题", "报送日期", "信息类别"], [1, "平江县工业运行情况", "2015-02-10", "经济运行"]):
        book.active.append(row)
    book.save(path)
    assert collect_register(ws, path.parent).data["registered"] == {"平江县工信局": PERSON["name"]}


def test_register_on_an_empty_or_wrong_folder_changes_nothing(tmp_path: Path) -> None:
    """review 4c: `xlflow register 新建文件夹` replaced a 29-unit roster with an empty one. An empty folder, or
    one holding no register form (a Word file, a workbook that is no form), is an error; the roster is untouched."""
    ws = Workspace.open(make_workspace(tmp_path / "ws"))
    forms = tmp_path / "forms"
    forms.mkdir()
    fill_template(forms / "岳阳县.xlsx", PERSON)
    assert collect_register(ws, forms).data["registered"] == {"岳阳县工信局": PERSON["name"]}
    roster = ws.roster_path.read_bytes()
    empty = ws.root / "新建文件夹"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "register", "新建文件夹"])
    assert result.exit_code == 1
    assert result.output == (
        f"错误：文件夹 {empty} 中没有可以读取的通讯员登记表（文件夹是空的）：请确认登记表所在的文件夹后重新运行 "
        f"xlflow -w {ws.root} register 文件夹；通讯员名册未改动\n"
    )
    (empty / "华容县登记表.docx").write_bytes(b"PK\x03\x04 a Word file")
    (empty / "说明.xlsx").write_text("这不是工作簿", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "register", "新建文件夹"])
    assert result.exit_code == 1
    assert result.output.startswith(
        f"错误：文件夹 {empty} 中没有可以读取的通讯员登记表（Excel 文件 1 个，都未能登记：说明.xlsx：这是一个文本文件"
    )
    assert "；Word、PDF、图片等 1 个（华容县登记表.docx），无法读取）：请确认登记表所在的文件夹后重新运行" in result.output
    assert ws.roster_path.read_bytes() == roster
