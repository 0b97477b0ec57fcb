"""The unit's monthly 信息报送登记表 (SPEC §5) that `xlflow distribute` hands out and `xlflow templates` ships:
labelled 报送单位/报送月份/通讯员 cells, the `schema.REPORT_COLUMNS` header, input rows with checks, and 填表说明.
Input cells are unlocked; the rest is protected without a password (rows can still be inserted and deleted).
"""

from __future__ import annotations

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlflow.core import schema
from xlflow.core.periods import Period
from xlflow.core.units import Unit
from xlflow.settings import Settings
from xlflow.writers.base import (
    Formats,
    Target,
    add_sheet,
    date_rule,
    define_range,
    display_width,
    list_rule,
    merge_row,
    new_workbook,
    set_widths,
    setup_print,
    write_header,
    write_text,
)

# workbook-level defined names on the labelled value cells above the header
NAME_UNIT = "rpt_unit"
NAME_MONTH = "rpt_month"
NAME_REPORTER = "rpt_reporter"
LABEL_REPORTER = "通讯员"

TITLE_ROW, LABEL_ROW, HEADER_ROW = 0, 1, 2
INPUT_ROWS = 40
FIRST_INPUT = HEADER_ROW + 1
LAST_INPUT = FIRST_INPUT + INPUT_ROWS - 1
INPUT_HEIGHT = 30

COL = {c.key: i for i, c in enumerate(schema.REPORT_COLUMNS)}
LAST_COL = len(schema.REPORT_COLUMNS) - 1
# what the 字数 formula removes before counting, as core.text.count_chars does: every whitespace a cell can hold
# (tab, LF, CR, the spaces U+2000-U+200A pasted from web pages and Word, ideographic space, NBSP...), zero-width
# space and BOM
_BLANKS = " \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200C))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
_WHITESPACE = ("CHAR(9)", "CHAR(10)", "CHAR(13)", *(f'"{blank}"' for blank in _BLANKS))


def chars_formula(body_ref: str) -> str:
    """字数 as the notice counts it (core.text.count_chars): the non-whitespace characters of 正文; blank when empty."""
    stripped = body_ref
    for space in _WHITESPACE:
        stripped = f'SUBSTITUTE({stripped},{space},"")'
    return f'=IF({body_ref}="","",LEN({stripped}))'


def write_report_workbook(target: Target, *, unit: Unit | None = None, month: Period | None = None, correspondent: str = "",
                          settings: Settings | None = None) -> None:
    """Write one unit's workbook for one month; with no unit and month, the blank template."""
    settings = settings or Settings(year=0)  # the blank template: the defaults
    title = f"{settings.office}{schema.REPORT_TITLE}"
    with new_workbook(target, title=title) as book:
        fmt = Formats(book)
        sheet = add_sheet(book, schema.REPORT_SHEET)
        _write_data_sheet(book, sheet, fmt, title, unit, month, correspondent, settings)
        _write_help_sheet(add_sheet(book, schema.REPORT_HELP_SHEET), fmt, unit, month, settings)


def _write_data_sheet(book: Workbook, sheet: Worksheet, fmt: Formats, title: str, unit: Unit | None, month: Period | None,
                      correspondent: str, settings: Settings) -> None:
    base = {**fmt.box_props, "locked": False}
    label = book.add_format({**fmt.props, "font_size": 12, "bold": True, "align": "right"})
    value_open = book.add_format({**base, "border": 0, "bottom": 1, "font_size": 12})
    value_fixed = book.add_format({**base, "border": 0, "bottom": 1, "font_size": 12, "locked": True, "bold": True})
    hint = book.add_format({**fmt.props, "font_size": 10, "font_color": "#595959"})
    title_fmt = book.add_format({**fmt.props, "font_size": 18, "bold": True, "align": "center"})
    row_fmt = book.add_format({"locked": False})
    centred = ("seq", "category", "analysis", "channel", "urgency", "signer", "reporter")
    inputs: dict[str, Format] = dict.fromkeys(centred, book.add_format({**base, "align": "center"})) | {
        "date": book.add_format({**base, "align": "center", "num_format": "yyyy-mm-dd"}),
        "title": book.add_format({**base, "text_wrap": True}),
        "body": book.add_format({**base, "text_wrap": True, "valign": "top"}),
        "chars": book.add_format({**base, "align": "center", "num_format": "0"}),
        "event_time": book.add_format({**base, "align": "center", "num_format": "yyyy-mm-dd hh:mm"}),
    }
    plain = book.add_format(base)

    merge_row(sheet, TITLE_ROW, LAST_COL, title, title_fmt, 36)
    sheet.set_row(LABEL_ROW, 26)
    sheet.merge_range(LABEL_ROW, COL["seq"], LABEL_ROW, COL["date"], f"{schema.LABEL_UNIT}：", label)
    write_text(sheet, LABEL_ROW, COL["title"], unit.name if unit else "", value_fixed if unit else value_open)
    write_text(sheet, LABEL_ROW, COL["category"], f"{schema.LABEL_MONTH}：", label)
    write_text(sheet, LABEL_ROW, COL["body"], month.label if month else "", value_fixed if month else value_open)
    sheet.merge_range(LABEL_ROW, COL["chars"], LABEL_ROW, COL["analysis"], f"{LABEL_REPORTER}：", label)
    sheet.merge_range(LABEL_ROW, COL["signer"], LABEL_ROW, COL["signer_title"], "", value_open)
    write_text(sheet, LABEL_ROW, COL["signer"], correspondent, value_open)
    sheet.merge_range(LABEL_ROW, COL["channel"], LABEL_ROW, LAST_COL, "每条信息填一行；填写前请看“填表说明”工作表。", hint)
    for name, key in ((NAME_UNIT, "title"), (NAME_MONTH, "body"), (NAME_REPORTER, "signer")):
        define_range(book, name, schema.REPORT_SHEET, LABEL_ROW, COL[key])

    write_header(sheet, fmt, HEADER_ROW, [c.name for c in schema.REPORT_COLUMNS], height=32)
    set_widths(sheet, [c.width for c in schema.REPORT_COLUMNS])

    # prepared input rows: unlocked across the whole row, so rows can be deleted on the protected sheet
    reporter_ref = xl_rowcol_to_cell(LABEL_ROW, COL["signer"], row_abs=True, col_abs=True)
    first_title = xl_rowcol_to_cell(FIRST_INPUT, COL["title"], row_abs=True, col_abs=True)
    for r in range(FIRST_INPUT, LAST_INPUT + 1):
        sheet.set_row(r, INPUT_HEIGHT, row_fmt)
        for c, column in enumerate(schema.REPORT_COLUMNS):
            sheet.write_blank(r, c, None, inputs.get(column.key, plain))
        title_ref = xl_rowcol_to_cell(r, COL["title"], col_abs=True)
        body_ref = xl_rowcol_to_cell(r, COL["body"], col_abs=True)
        sheet.write_formula(r, COL["seq"], f'=IF({title_ref}="","",COUNTA({first_title}:{title_ref}))', inputs["seq"], "")
        sheet.write_formula(r, COL["chars"], chars_formula(body_ref), inputs["chars"], "")
        sheet.write_formula(r, COL["reporter"], f'=IF(OR({title_ref}="",{reporter_ref}=""),"",{reporter_ref})', inputs["reporter"], "")

    _add_validations(sheet, month, settings)
    sheet.freeze_panes(FIRST_INPUT, COL["title"] + 1)
    sheet.autofilter(HEADER_ROW, 0, LAST_INPUT, LAST_COL)
    sheet.set_selection(FIRST_INPUT, COL["date"], FIRST_INPUT, COL["date"])
    allowed = ("insert_rows", "delete_rows", "format_columns", "format_rows", "autofilter", "select_locked_cells", "select_unlocked_cells")
    sheet.protect("", dict.fromkeys(allowed, True))
    setup_print(sheet, landscape=True, repeat_rows=(TITLE_ROW, HEADER_ROW), area=(LAST_INPUT, LAST_COL))


def _notes(settings: Settings) -> dict[str, str]:
    """Each column's note as the form shows it: the 正文's least length is the workspace's (none when 0: no check)."""
    least = settings.min_chars
    return {c.key: (c.note or "") + (f"；不少于 {least} 字" if c.key == "body" and least else "") for c in schema.REPORT_COLUMNS}


def _add_validations(sheet: Worksheet, month: Period | None, settings: Settings) -> None:
    columns, notes = schema.COLUMNS_BY_KEY, _notes(settings)

    def validate(key: str, options: dict[str, object]) -> None:
        if notes[key]:
            options = {"input_title": columns[key].name, "input_message": notes[key], **options}
        sheet.data_validation(FIRST_INPUT, COL[key], LAST_INPUT, COL[key], options)

    day = f"{month.year}-{month.index:02d}-05" if month else "2015-03-05"
    for key, example in (("date", day), ("event_time", f"{day} 08:30")):
        validate(key, date_rule(columns[key].name, f"请填写日期，如 {example}（也可输入 2015/3/5）。要填写文字日期（如 2015.3.5）请点“是”。",
                                error_type="warning"))  # text dates are read too: warn, do not refuse
    choices = {"category": [c.name for c in schema.CATEGORIES], "analysis": schema.YES_NO,
               "channel": schema.CHANNELS, "urgency": schema.URGENCY}
    for key, values in choices.items():
        validate(key, list_rule(values, columns[key].name))
    validate("chars", {"validate": "integer", "criteria": ">=", "value": 0, "error_title": "字数",
                       "error_message": "请填整数，如 350；填了正文会自动计算，不必填写。"})  # fmt: skip
    for key in ("title", "body", "signer"):
        validate(key, {"validate": "any"})


def _help_lines(unit: Unit | None, month: Period | None, settings: Settings) -> list[tuple[str, str]]:
    office = settings.office
    lines: list[tuple[str, str]] = []
    if unit is not None:
        kind = "" if unit.kind == unit.name else f"（{unit.kind}）"  # 综合法规科 is a kind of its own
        lines.append(("本单位", f"{unit.name}{kind}，报送对象：{unit.target or office}。"))
        quota = (f"全年 {unit.annual} 条，按季度考核（每季度 {unit.annual / 4:g} 条）" if unit.monthly is None
                 else f"每月 {unit.monthly} 条（全年 {unit.annual} 条）")
        lines.append(("本单位任务", f"{quota}；多报不限。"))
    if month is not None:
        lines.append(("报送月份", f"{month.label}。本月每报送一条信息，在“{schema.REPORT_SHEET}”工作表登记一行。"))
    lines += [
        ("怎么填", "每条信息填一行：报送日期、信息标题、信息类别、正文（或字数）、审签人必填。" + (
            f"表头和“{schema.LABEL_UNIT}”“{schema.LABEL_MONTH}”两格请勿改动；" if unit is not None else
            f"请在“{schema.LABEL_UNIT}”“{schema.LABEL_MONTH}”两格填写本单位名称和报送月份，表头请勿改动；")
            + "行不够时可插入行。填好后连同稿件报回。"),
        ("报送内容（六类）", "；".join(f"{c.code}. {c.name}：{c.description}" for c in schema.CATEGORIES) + "。"),
        ("字数", (f"每条信息字数不少于 {settings.min_chars} 字（不计空格）。" if settings.min_chars else "")
                 + "填了正文，“字数”自动计算；未附正文时手工填写字数。"),
        ("情况分析", "报送规模工业增加值增速、工业投资、工业用电、工业税收，规模工业总产值、主营业务收入和利润等指标类信息（数字写成汉字的也算，"
                     "如“增长百分之七点九”“回落三个百分点”），必须要有情况分析，“是否含情况分析”选“是”；"
                     "“经济运行”类的信息都按指标类信息检查，没有选“是”的不计入。"),
        ("再次报送", "同一月份再报文件时：补充报送的（如先报了紧急信息，月底再报其他信息）在文件名中写“补报”，与先报的一并计入；"
                     "改正后重报的在文件名中写“更正”，更正的文件替换本月先报的登记表，所以要列出本月全部信息（已计入的也要）；"
                     "先报的紧急信息和写“补报”的文件不被替换，其中要撤回的信息请告知协调人。"
                     "都没写的，以后报的文件为准，先报的文件不再计入（先报的紧急信息除外）。"),
    ]
    signer = ("“审签人”应为审签领导，填其姓名，“审签人职务”填其职务；不宜由通讯员本人或科员等工作人员审签"
              "（回执中会提示）。")  # R8, R13 are hints, not refusals
    if unit is not None and unit.kind in schema.SIGNER_ROLE:
        lines.append(("审签", f"本单位报送的信息由{schema.SIGNER_ROLE[unit.kind]}审签。{signer}"))
    else:
        signers = schema.SIGNER_ROLE
        roles = "；".join(f"{kind}由{signers[kind]}审签" for kind in schema.UNIT_KINDS if kind in signers)
        lines.append(("审签", f"报送的信息要严格把关：{roles}。{signer}"))
    lines += [
        ("紧急信息", "重大突发事件、紧急情况要在第一时间报送，不得延误：“紧急程度”选“紧急”，"
                     f"填写事件发生时间（发生后 {settings.emergency_hours:g} 小时内报送）；类别为“突发事件”的同样按此检查（续报、处置情况等除外）。"),
        ("质量", "主题鲜明，文题相符，内容真实，数据准确，文字精练，重点突出；同一条信息不要重复报送。"),
        ("报送方式", f"传真 {settings.fax}、电子邮件 {settings.email}、QQ群 {settings.qq_group}；联系人：{office}{settings.coordinator} {settings.contact}。"),
        ("通报", f"{office}每半年通报信息报送和采用情况，完成情况纳入年度考核，作为年终评先的重要依据；采用的稿件按规定奖励。"),
    ]
    return lines


def _write_help_sheet(sheet: Worksheet, fmt: Formats, unit: Unit | None, month: Period | None, settings: Settings) -> None:
    set_widths(sheet, (18, 84, 20))
    label_top = fmt.book.add_format({**fmt.props, "bold": True, "valign": "top"})
    merge_row(sheet, 0, 2, schema.REPORT_HELP_SHEET, fmt.title, 32)
    lines = _help_lines(unit, month, settings)
    for row, (name, text) in enumerate(lines, start=2):
        sheet.write_string(row, 0, name, label_top)
        sheet.merge_range(row, 1, row, 2, "", fmt.note)
        write_text(sheet, row, 1, text, fmt.note)
        sheet.set_row(row, 16 * max(1, -(-display_width(text) // 100)) + 6)
    header_row = 2 + len(lines) + 2  # a blank row, then the columns' own heading
    sheet.write_string(header_row - 1, 0, "各列填写说明", fmt.label)
    write_header(sheet, fmt, header_row, ("列名", "说明", "是否必填"))
    notes = _notes(settings)
    for row, column in enumerate(schema.REPORT_COLUMNS, start=header_row + 1):
        sheet.write_string(row, 0, column.name, fmt.text)
        write_text(sheet, row, 1, notes[column.key], fmt.wrap)
        required = "必填" if column.required else ("正文与字数至少填一项" if column.key in ("body", "chars") else "")
        sheet.write_string(row, 2, required, fmt.wrap)
        sheet.set_row(row, 16 * max(1, -(-display_width(notes[column.key]) // 80)) + 2)  # 84 wide: a long note wraps
    sheet.hide_gridlines(2)
    setup_print(sheet, repeat_rows=(header_row, header_row), area=(row, 2))
