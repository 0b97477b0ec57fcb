"""The reward workbook (奖励计算表): the schedule, one row per rewarded adoption, totals per unit and per person.

Every amount and total is a live formula on the 奖励标准 sheet, with its cached value. The totals compare
cells with `=` inside SUMPRODUCT: a COUNTIF/SUMIF criterion reads a name like `*`, `<>` or `>5` as a pattern.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from xlsxwriter.workbook import Workbook

from xlflow.compute.rewards import RewardResult, RewardSchedule
from xlflow.core.model import Adoption
from xlflow.core.periods import Period
from xlflow.core.schema import ADOPTION_FORMS, REWARD_POLICY_CUMULATIVE, REWARD_POLICY_HIGHEST, REWARD_SHEET
from xlflow.core.text import book_title, column_letter
from xlflow.writers.base import Formats, Target, add_sheet, new_workbook, setup_print, write_text
from xlflow.writers.coordinator_books import NOTE_ROW, POLICY_ROW, SCHEDULE_RANGES, write_schedule_grid
from xlflow.writers.tables import Col, Formula, sheet_title, table_print, write_table
from xlflow.writers.working_papers import UNMATCHED_SHEET

DETAIL_SHEET = "奖励明细"
UNIT_SHEET = "单位汇总"
PERSON_SHEET = "个人汇总"
DETAIL_COLS = (
    Col("序号", "center"), Col("报送单位", "text", 24), Col("信息标题", "wrap", 56), Col("采用级别", "center", 10, 10),
    Col("采用形式", "center", 10, 10), Col("领导批示", "center", 10, 10), Col("奖励金额", "money0", 12, 10),
    Col("通讯员", "center", 16, 10), Col("说明", "wrap", 34, 12),
)  # fmt: skip
DETAIL_HEADERS = tuple(c.header for c in DETAIL_COLS)
UNIT_HEADERS = ("序号", "单位名称", "计奖条数", "奖励金额")
PERSON_HEADERS = ("序号", "通讯员", "所在单位", "计奖条数", "奖励金额")
DETAIL_FIRST = 3  # first data row of 奖励明细 (row 4)


def amount_formula(row: int) -> str:
    """The live amount of 奖励明细 row `row` (1-based): level × form from the schedule, plus the 批示 bonus."""
    levels, forms, amounts, instructions, bonuses = SCHEDULE_RANGES
    return (
        f"=INDEX({amounts},MATCH(D{row},{levels},0),MATCH(E{row},{forms},0))"
        f"+IFERROR(INDEX({bonuses},MATCH(F{row},{instructions},0)),0)"
    )


@dataclass
class RewardData:
    period: Period
    schedule: RewardSchedule
    result: RewardResult
    unmatched: list[Adoption] = field(default_factory=list)  # the period's registrations not counted, listed


class _Formats(Formats):
    def __init__(self, book: Workbook) -> None:
        super().__init__(book)
        base = self.box_props
        self.input_money = book.add_format({**base, "num_format": "#,##0", "align": "center", "bg_color": "#FFF2CC"})
        self.fixed = book.add_format({**base, "align": "center", "bg_color": "#F2F2F2"})
        self.caption_total = book.add_format({**self.props, "font_size": 10, "bold": True, "align": "right", "num_format": '"合计 "#,##0" 元"'})
        self.money0 = book.add_format({**base, "num_format": "#,##0", "align": "right"})
        self.total_money = book.add_format({**base, "bold": True, "bg_color": "#D9D9D9", "num_format": "#,##0"})
        self.total_blank = book.add_format({**base, "bg_color": "#D9D9D9"})
        self.sheet_title = book.add_format({**self.props, "bold": True, "font_size": 14, "align": "center", "text_wrap": True})
        self.hint = book.add_format({**base, "font_color": "#595959", "font_size": 10})


def write_reward_workbook(target: Target, data: RewardData, *, fingerprint: str = "") -> None:
    """Write the 奖励计算表 of `data.period`; `fingerprint` is stored as a custom document property."""
    title = f"{data.period.label}政务信息采用奖励计算表"
    with new_workbook(target, title=title, fingerprint=fingerprint) as book:
        fmt = _Formats(book)
        _schedule_sheet(book, fmt, data)
        last = _detail_sheet(book, fmt, data, title)
        result, period = data.result, data.period.label
        units = [((u.unit,), u.count, u.amount) for u in result.by_unit()]
        _sum_sheet(book, fmt, UNIT_SHEET, UNIT_HEADERS, ("B",), (16,), units, last, title,
                   heading=f"{period}信息采用奖励（按单位）", caption="计奖条数、奖励金额由“奖励明细”自动汇总")
        people = [((p.name, p.unit), p.count, p.amount) for p in result.by_person()]
        caption = "通讯员取稿件中填写的通讯员，未填写的取通讯员名册；同一单位里只差空格、全角半角的写法算同一人；金额由“奖励明细”自动汇总"
        _sum_sheet(book, fmt, PERSON_SHEET, PERSON_HEADERS, ("H", "B"), (14, 16), people, last, title,
                   heading=f"{period}信息采用奖励（按通讯员）", caption=caption, caption_height=30)


def _schedule_sheet(book: Workbook, fmt: _Formats, data: RewardData) -> None:
    schedule = data.schedule
    sheet = add_sheet(book, REWARD_SHEET)
    label = "信息采用奖励标准" + ("（示例金额，请按奖励办法修改）" if schedule.example else "")
    caption = "只改黄色格子。改动金额后，奖励明细、单位汇总、个人汇总随之重算（WPS、LibreOffice 可按 F9 重算）。"
    sheet_title(sheet, fmt, 5, label, caption, height=28, caption_height=30)
    # the policy decides which rows 奖励明细 has, so it cannot change here: shown grey, no drop-down, with where to set it
    write_schedule_grid(sheet, fmt, schedule, fmt.input_money, fmt.fixed, hint=fmt.hint, height=22)
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
    setup_print(sheet, header=label, area=(NOTE_ROW + 2, 4))


def _detail_sheet(book: Workbook, fmt: _Formats, data: RewardData, title: str) -> int:
    """奖励明细; returns the 1-based number of its last data row (DETAIL_FIRST when there is none)."""
    rewards = data.result.rows
    sheet = add_sheet(book, DETAIL_SHEET)
    ncols = len(DETAIL_COLS)
    caption = f"计奖方式：{data.schedule.policy}　　计奖范围：计入{data.period.label}的稿件　　金额按“{REWARD_SHEET}”工作表自动计算"
    total_cols = 3  # G:I of the caption row show the live 合计 (the number is never typed text an edit leaves behind)
    sheet_title(sheet, fmt, ncols, title, caption, height=28, caption_height=18, caption_cols=ncols - total_cols if rewards else ncols)
    rows = [  # row i of the table is row DETAIL_FIRST + i of the sheet
        [i, row.unit, row.title, row.level, row.form, row.instruction,
         Formula(amount_formula(DETAIL_FIRST + i), row.amount), row.correspondent, row.note]
        for i, row in enumerate(rewards, start=1)
    ]
    write_table(sheet, fmt, 2, DETAIL_COLS, rows)
    last = r = DETAIL_FIRST + len(rewards)  # 0-based index of the row under the data == 1-based number of the last data row
    if not rewards:
        sheet.merge_range(r, 0, r, ncols - 1, "本期没有计奖的采用登记。", fmt.center)
    else:
        sheet.merge_range(r, 0, r, 5, "合计", fmt.total_center)
        sheet.write_formula(r, 6, f"=SUM(G{DETAIL_FIRST + 1}:G{last})", fmt.total_money, data.result.total)
        sheet.write_blank(r, 7, None, fmt.total_blank)
        sheet.write_blank(r, 8, None, fmt.total_blank)
        sheet.merge_range(1, ncols - total_cols, 1, ncols - 1, "", fmt.caption_total)
        sheet.write_formula(1, ncols - total_cols, f"=G{r + 1}", fmt.caption_total, data.result.total)
    r += 1
    see = f"未计奖（见工作底稿“{UNMATCHED_SHEET}”工作表）"  # why not counted: as the summary and the 工作底稿 say it
    skipped = [*data.result.skipped, *((a, f"{a.problem or '未对应到已报送稿件'}；{see}") for a in data.unmatched)]
    if skipped:
        r += 1
        sheet.merge_range(r, 0, r, ncols - 1, f"以下 {len(skipped)} 行采用登记未计奖：", fmt.label)
        for a, why in skipped:
            r += 1
            sheet.merge_range(r, 0, r, ncols - 1, "", fmt.note)
            write_text(sheet, r, 0, f"{a.where}：{a.unit_name or a.unit}{book_title(a.title)}——{why}", fmt.note)
    table_print(sheet, ncols=ncols, last_row=r, title=title)
    return last


def _sum_sheet(book: Workbook, fmt: _Formats, name: str, headers: Sequence[str], detail_cols: Sequence[str],
               min_widths: Sequence[float], rows: Sequence[tuple[tuple[str, ...], int, float]], last: int, title: str, *,
               heading: str, caption: str, caption_height: float = 18) -> None:
    """单位汇总 or 个人汇总: a row per unit (person), its texts matched against the 奖励明细 columns `detail_cols`;
    its count and amount are SUMPRODUCT formulas over 奖励明细 rows up to `last`."""
    sheet = add_sheet(book, name)
    n = len(detail_cols)
    sheet_title(sheet, fmt, len(headers), heading, caption, height=28, caption_height=caption_height)

    def detail(col: str) -> str:
        return f"'{DETAIL_SHEET}'!${col}${DETAIL_FIRST + 1}:${col}${last}"

    table: list[list[object]] = []
    for r, (texts, count, amount) in enumerate(rows, start=4):  # r: the row's 1-based number
        same = ",".join(f"--({detail(col)}={column_letter(c)}{r})" for c, col in enumerate(detail_cols, start=1))
        counted = Formula(f"=SUMPRODUCT({same})", count)
        table.append([r - 3, *texts, counted, Formula(f"=SUMPRODUCT({same},{detail('G')})", amount)])
    names = [Col(head, "text", math.inf, least) for head, least in zip(headers[1:-2], min_widths, strict=True)]
    numbers = [Col(headers[-2], "integer", 12, 12), Col(headers[-1], "money0", 12, 12)]
    write_table(sheet, fmt, 2, [Col(headers[0], "center", 6, 6), *names, *numbers], table)
    r = 3 + len(rows)
    if not rows:
        sheet.merge_range(r, 0, r, n + 2, "本期没有计奖的采用登记。", fmt.center)
    else:
        sheet.merge_range(r, 0, r, n, "合计", fmt.total_center)
        for c, style, value in ((n + 1, fmt.total_int, sum(x[1] for x in rows)), (n + 2, fmt.total_money, sum(x[2] for x in rows))):
            sheet.write_formula(r, c, f"=SUM({column_letter(c)}4:{column_letter(c)}{r})", style, value)
    sheet.freeze_panes(3, 0)
    setup_print(sheet, repeat_rows=(2, 2), header=title)
