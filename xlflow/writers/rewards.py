"""The reward workbook (奖励计算表): the schedule, one row per rewarded adoption, totals per unit and per person.

Every amount is a live formula on the 奖励标准 sheet (INDEX/MATCH of level × form, plus the 批示 bonus), written with
its cached value, so a viewer that does not recalculate still shows numbers and changing an amount in the schedule
updates every total after recalculation. Every total a reader sees is such a formula; the yellow cells of the
schedule are exactly the ones the formulas read (the policy is shown, not editable: it decides which rows exist).

Unit text is always written as text and never becomes part of a formula: the per-unit and per-person totals compare
cells with `=` inside SUMPRODUCT, because a COUNTIF/SUMIF criterion would read a name such as `*`, `<>` or `>5` as a
pattern or a comparison. The 通讯员 column holds each person's one spelling (rewards.person_key), so the per-person
formulas group as the cached values do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlflow.compute.rewards import RewardResult, RewardSchedule
from xlflow.core.model import Adoption
from xlflow.core.periods import Period
from xlflow.core.schema import (
    ADOPTION_FORMS,
    ADOPTION_LEVEL_HINTS,
    ADOPTION_LEVELS,
    INSTRUCTION_LEVELS,
    REWARD_POLICY_CUMULATIVE,
    REWARD_POLICY_HIGHEST,
    REWARD_SHEET,
)
from xlflow.writers.base import (
    FONT,
    Formats,
    Target,
    add_sheet,
    display_width,
    new_workbook,
    setup_print,
    write_text,
)
from xlflow.writers.fingerprint import FINGERPRINT_PROPERTY
from xlflow.writers.tables import Col, Formula, write_table

DETAIL_SHEET = "奖励明细"
UNIT_SHEET = "单位汇总"
PERSON_SHEET = "个人汇总"
SHEETS = (REWARD_SHEET, DETAIL_SHEET, UNIT_SHEET, PERSON_SHEET)

DETAIL_HEADERS = ("序号", "报送单位", "信息标题", "采用级别", "采用形式", "领导批示", "奖励金额", "通讯员", "说明")
UNIT_HEADERS = ("序号", "单位名称", "计奖条数", "奖励金额")
PERSON_HEADERS = ("序号", "通讯员", "所在单位", "计奖条数", "奖励金额")

# the schedule layout (0-based rows), the same as the 奖励标准.xlsx of the workspace
FORM_HEADER_ROW = 2  # A3
FIRST_LEVEL_ROW = 3  # A4..A8
BONUS_HEADER_ROW = 9  # A10
FIRST_BONUS_ROW = 10  # A11..A14
POLICY_ROW = 15  # A16
NOTE_ROW = 17
DETAIL_FIRST = 3  # first data row of 奖励明细 (row 4)

_S = f"'{REWARD_SHEET}'!"
_LEVELS = f"{_S}$A${FIRST_LEVEL_ROW + 1}:$A${FIRST_LEVEL_ROW + len(ADOPTION_LEVELS)}"
_FORMS = f"{_S}$B${FORM_HEADER_ROW + 1}:${chr(ord('A') + len(ADOPTION_FORMS))}${FORM_HEADER_ROW + 1}"
_AMOUNTS = f"{_S}$B${FIRST_LEVEL_ROW + 1}:${chr(ord('A') + len(ADOPTION_FORMS))}${FIRST_LEVEL_ROW + len(ADOPTION_LEVELS)}"
_BONUS_LABELS = f"{_S}$A${FIRST_BONUS_ROW + 1}:$A${FIRST_BONUS_ROW + len(INSTRUCTION_LEVELS)}"
_BONUS = f"{_S}$B${FIRST_BONUS_ROW + 1}:$B${FIRST_BONUS_ROW + len(INSTRUCTION_LEVELS)}"


def amount_formula(row: int) -> str:
    """The live amount of 奖励明细 row `row` (1-based): level × form from the schedule, plus the 批示 bonus."""
    return (
        f"=INDEX({_AMOUNTS},MATCH(D{row},{_LEVELS},0),MATCH(E{row},{_FORMS},0))"
        f"+IFERROR(INDEX({_BONUS},MATCH(F{row},{_BONUS_LABELS},0)),0)"
    )


@dataclass
class RewardData:
    period: Period
    schedule: RewardSchedule
    result: RewardResult
    unmatched: list[Adoption] = field(default_factory=list)  # listed as not rewarded
    office: str = ""


class _Formats(Formats):
    def __init__(self, book: Workbook) -> None:
        super().__init__(book)
        base = {"font_name": FONT, "font_size": 11, "valign": "vcenter", "border": 1}
        self.input_money = book.add_format({**base, "num_format": "#,##0", "align": "center", "bg_color": "#FFF2CC"})
        self.fixed = book.add_format({**base, "align": "center", "bg_color": "#F2F2F2"})
        self.caption_total = book.add_format(
            {"font_name": FONT, "font_size": 10, "bold": True, "valign": "vcenter", "align": "right", "num_format": '"合计 "#,##0" 元"'}
        )
        self.money0 = book.add_format({**base, "num_format": "#,##0", "align": "right"})
        self.total_label = book.add_format({**base, "bold": True, "bg_color": "#D9D9D9", "align": "center"})
        self.total_money = book.add_format({**base, "bold": True, "bg_color": "#D9D9D9", "num_format": "#,##0"})
        self.total_int = book.add_format({**base, "bold": True, "bg_color": "#D9D9D9", "num_format": "#,##0", "align": "center"})
        self.total_blank = book.add_format({**base, "bg_color": "#D9D9D9"})
        self.sheet_title = book.add_format({"font_name": FONT, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter", "text_wrap": True})
        self.caption = book.add_format({"font_name": FONT, "font_size": 10, "font_color": "#404040", "valign": "vcenter", "text_wrap": True})
        self.hint = book.add_format({**base, "font_color": "#595959", "font_size": 10})


def write_reward_workbook(target: Target, data: RewardData, *, fingerprint: str = "") -> None:
    """Write the 奖励计算表 of `data.period`; `fingerprint` is stored as a custom document property."""
    title = f"{data.period.label}政务信息采用奖励计算表"
    with new_workbook(target, title=title) as book:
        if fingerprint:
            book.set_custom_property(FINGERPRINT_PROPERTY, fingerprint)
        fmt = _Formats(book)
        _schedule_sheet(book, fmt, data)
        last = _detail_sheet(book, fmt, data, title)
        _unit_sheet(book, fmt, data, last, title)
        _person_sheet(book, fmt, data, last, title)


def _title(
    sheet: Worksheet, fmt: _Formats, ncols: int, title: str, caption: str, caption_height: float = 18, *, caption_cols: int = 0
) -> None:
    """Title over `ncols` columns; the caption under it over the first `caption_cols` (all when 0)."""
    sheet.merge_range(0, 0, 0, ncols - 1, title, fmt.sheet_title)
    sheet.set_row(0, 28)
    sheet.merge_range(1, 0, 1, (caption_cols or ncols) - 1, caption, fmt.caption)
    sheet.set_row(1, caption_height)


def _header(sheet: Worksheet, fmt: _Formats, row: int, headers: Sequence[str]) -> None:
    for c, name in enumerate(headers):
        write_text(sheet, row, c, name, fmt.header)
    sheet.set_row(row, 22)


def _schedule_sheet(book: Workbook, fmt: _Formats, data: RewardData) -> None:
    schedule = data.schedule
    sheet = add_sheet(book, REWARD_SHEET)
    label = "信息采用奖励标准" + ("（示例金额，请按奖励办法修改）" if schedule.example else "")
    _title(sheet, fmt, 5, label, "只改黄色格子。改动金额后，奖励明细、单位汇总、个人汇总随之重算（WPS、LibreOffice 可按 F9 重算）。", 30)
    _header(sheet, fmt, FORM_HEADER_ROW, ("采用级别", *ADOPTION_FORMS, "说明"))
    for i, level in enumerate(ADOPTION_LEVELS):
        r = FIRST_LEVEL_ROW + i
        write_text(sheet, r, 0, level, fmt.center)
        for c, form in enumerate(ADOPTION_FORMS, start=1):
            sheet.write_number(r, c, schedule.amount(level, form), fmt.input_money)
        write_text(sheet, r, len(ADOPTION_FORMS) + 1, ADOPTION_LEVEL_HINTS.get(level, ""), fmt.hint)
    _header(sheet, fmt, BONUS_HEADER_ROW, ("领导批示", "加奖金额"))
    for i, level in enumerate(INSTRUCTION_LEVELS):
        r = FIRST_BONUS_ROW + i
        write_text(sheet, r, 0, level, fmt.center)
        sheet.write_number(r, 1, schedule.bonus_for(level), fmt.input_money)
    # the policy decides which rows 奖励明细 has, so it cannot change here: shown grey, no drop-down, with where to set it
    write_text(sheet, POLICY_ROW, 0, "计奖方式", fmt.header)
    write_text(sheet, POLICY_ROW, 1, schedule.policy, fmt.fixed)
    sheet.merge_range(POLICY_ROW, 2, POLICY_ROW, 4, "在工作区的“奖励标准.xlsx”中设定，本表中不能改", fmt.hint)
    note = (
        f"说明：“{REWARD_POLICY_HIGHEST}”——一篇稿件被多级采用时只按最高级别奖励一次；“{REWARD_POLICY_CUMULATIVE}”——各级采用分别奖励。"
        "领导批示加奖每篇稿件计一次。计奖方式决定奖励明细有哪些行，要改请改工作区的“奖励标准.xlsx”后重新运行 xlflow bulletin。"
        "长期使用的金额也请改在工作区的“奖励标准.xlsx”中。"
    )
    sheet.merge_range(NOTE_ROW, 0, NOTE_ROW + 2, 4, note, fmt.note)
    for r in range(NOTE_ROW, NOTE_ROW + 3):
        sheet.set_row(r, 26)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, len(ADOPTION_FORMS), 12)
    sheet.set_column(len(ADOPTION_FORMS) + 1, len(ADOPTION_FORMS) + 1, 22)
    setup_print(sheet, landscape=False, fit_width=True, header=label)
    sheet.print_area(0, 0, NOTE_ROW + 2, 4)


def _detail_sheet(book: Workbook, fmt: _Formats, data: RewardData, title: str) -> int:
    """奖励明细; returns the 1-based number of its last data row (DETAIL_FIRST when there is none)."""
    rewards = data.result.rows
    sheet = add_sheet(book, DETAIL_SHEET)
    cols = (
        Col("序号", "center"), Col("报送单位", "text", 24), Col("信息标题", "wrap", 44), Col("采用级别", "center", 10, 10),
        Col("采用形式", "center", 10, 10), Col("领导批示", "center", 10, 10), Col("奖励金额", "money0", 12, 10),
        Col("通讯员", "center", 16, 10), Col("说明", "wrap", 34, 12),
    )  # fmt: skip
    ncols = len(cols)
    caption = f"计奖方式：{data.schedule.policy}　　计奖范围：计入{data.period.label}的稿件　　金额按“{REWARD_SHEET}”工作表自动计算"
    total_cols = 3  # G:I of the caption row show the live 合计 (the number is never typed text an edit leaves behind)
    _title(sheet, fmt, ncols, title, caption, caption_cols=ncols - total_cols if rewards else ncols)
    rows = [
        [i, row.unit, row.title, row.level, row.form, row.instruction, Formula(amount_formula(r), row.amount), row.correspondent, row.note]
        for i, (r, row) in enumerate(zip(range(DETAIL_FIRST + 1, DETAIL_FIRST + 1 + len(rewards)), rewards, strict=True), start=1)
    ]
    write_table(sheet, fmt, 2, cols, rows)
    r = DETAIL_FIRST + len(rewards)  # 0-based index of the row under the data == 1-based number of the last data row
    last = r
    if not rewards:
        sheet.merge_range(r, 0, r, ncols - 1, "本期没有计奖的采用登记。", fmt.center)
    else:
        sheet.merge_range(r, 0, r, 5, "合计", fmt.total_label)
        sheet.write_formula(r, 6, f"=SUM(G{DETAIL_FIRST + 1}:G{last})", fmt.total_money, data.result.total)
        sheet.write_blank(r, 7, None, fmt.total_blank)
        sheet.write_blank(r, 8, None, fmt.total_blank)
        sheet.merge_range(1, ncols - total_cols, 1, ncols - 1, "", fmt.caption_total)
        sheet.write_formula(1, ncols - total_cols, f"=G{r + 1}", fmt.caption_total, data.result.total)
    r += 1
    skipped = [*data.result.skipped, *((a, "未对应到已报送稿件，未计奖（见通报“未匹配采用”工作表）") for a in data.unmatched)]
    if skipped:
        r += 1
        sheet.merge_range(r, 0, r, ncols - 1, f"以下 {len(skipped)} 行采用登记未计奖：", fmt.label)
        for a, why in skipped:
            r += 1
            sheet.merge_range(r, 0, r, ncols - 1, "", fmt.note)
            write_text(sheet, r, 0, f"采用登记表第 {a.row} 行：{a.unit_name or a.unit}《{a.title}》——{why}", fmt.note)
    sheet.freeze_panes(DETAIL_FIRST, 0)
    setup_print(sheet, landscape=True, repeat_rows=(2, 2), fit_width=True, header=title)
    sheet.print_area(0, 0, r, ncols - 1)
    return last if rewards else DETAIL_FIRST


def _ranges(last: int) -> dict[str, str]:
    d = f"'{DETAIL_SHEET}'!"
    first = DETAIL_FIRST + 1
    return {col: f"{d}${col}${first}:${col}${last}" for col in "BGH"}


def _unit_sheet(book: Workbook, fmt: _Formats, data: RewardData, last: int, title: str) -> None:
    units = data.result.by_unit()
    sheet = add_sheet(book, UNIT_SHEET)
    ncols = len(UNIT_HEADERS)
    _title(sheet, fmt, ncols, f"{data.period.label}信息采用奖励（按单位）", "计奖条数、奖励金额由“奖励明细”自动汇总")
    _header(sheet, fmt, 2, UNIT_HEADERS)
    rng = _ranges(last)
    r = 3
    for i, u in enumerate(units, start=1):
        sheet.write_number(r, 0, i, fmt.center)
        write_text(sheet, r, 1, u.unit, fmt.text)
        same = f"--({rng['B']}=B{r + 1})"
        sheet.write_formula(r, 2, f"=SUMPRODUCT({same})", fmt.integer, u.count)
        sheet.write_formula(r, 3, f"=SUMPRODUCT({same},{rng['G']})", fmt.money0, u.amount)
        r += 1
    _total_row(sheet, fmt, r, units, first_value_col=2, label_cols=2)
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, max([display_width(u.unit) + 2 for u in units] + [16]))
    sheet.set_column(2, 3, 12)
    sheet.freeze_panes(3, 0)
    setup_print(sheet, landscape=False, repeat_rows=(2, 2), fit_width=True, header=title)


def _person_sheet(book: Workbook, fmt: _Formats, data: RewardData, last: int, title: str) -> None:
    people = data.result.by_person()
    sheet = add_sheet(book, PERSON_SHEET)
    ncols = len(PERSON_HEADERS)
    caption = "通讯员取稿件中填写的通讯员，未填写的取通讯员名册；同一单位里只差空格、全角半角的写法算同一人；金额由“奖励明细”自动汇总"
    _title(sheet, fmt, ncols, f"{data.period.label}信息采用奖励（按通讯员）", caption, 30)
    _header(sheet, fmt, 2, PERSON_HEADERS)
    rng = _ranges(last)
    r = 3
    for i, p in enumerate(people, start=1):
        sheet.write_number(r, 0, i, fmt.center)
        write_text(sheet, r, 1, p.name, fmt.text)
        write_text(sheet, r, 2, p.unit, fmt.text)
        same = f"--({rng['H']}=B{r + 1}),--({rng['B']}=C{r + 1})"
        sheet.write_formula(r, 3, f"=SUMPRODUCT({same})", fmt.integer, p.count)
        sheet.write_formula(r, 4, f"=SUMPRODUCT({same},{rng['G']})", fmt.money0, p.amount)
        r += 1
    _total_row(sheet, fmt, r, people, first_value_col=3, label_cols=3)
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, max([display_width(p.name) + 2 for p in people] + [14]))
    sheet.set_column(2, 2, max([display_width(p.unit) + 2 for p in people] + [16]))
    sheet.set_column(3, 4, 12)
    sheet.freeze_panes(3, 0)
    setup_print(sheet, landscape=False, repeat_rows=(2, 2), fit_width=True, header=title)


def _total_row(sheet: Worksheet, fmt: _Formats, r: int, items: Sequence[Any], *, first_value_col: int, label_cols: int) -> None:
    if not items:
        sheet.merge_range(r, 0, r, first_value_col + 1, "本期没有计奖的采用登记。", fmt.center)
        return
    sheet.merge_range(r, 0, r, label_cols - 1, "合计", fmt.total_label)
    count_col, money_col = first_value_col, first_value_col + 1
    for col, fmt_, value in (
        (count_col, fmt.total_int, sum(i.count for i in items)),
        (money_col, fmt.total_money, sum(i.amount for i in items)),
    ):
        letter = chr(ord("A") + col)
        sheet.write_formula(r, col, f"=SUM({letter}4:{letter}{r})", fmt_, value)
