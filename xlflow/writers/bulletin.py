"""The bulletin (通报) workbook leaders read and print (SPEC §9): 通报 (the notice, from an editable jinja2
template), 完成情况 (units by kind, subtotals, total: one portrait page), 采用明细, 分类统计, 完成率图 (a bar chart).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from xlflow.compute.rates import RatesTable, SilentUnit, UnitRate, count_findings
from xlflow.core.model import Adoption, Article, Finding
from xlflow.core.periods import Period, date_label, months_span, months_text
from xlflow.core.text import column_letter, runs
from xlflow.narrative import BULLETIN_TEMPLATE, num, render
from xlflow.settings import Settings
from xlflow.writers.base import (
    Formats,
    Target,
    add_sheet,
    display_width,
    fit_columns,
    merge_row,
    new_workbook,
    rate_cell,
    set_widths,
    setup_print,
    write_header,
    write_row,
    write_text,
)
from xlflow.writers.tables import Col, sheet_title, table_print, table_sheet, text_lines

NARRATIVE_SHEET = "通报"
RATES_SHEET = "完成情况"
ADOPTIONS_SHEET = "采用明细"
CATEGORY_SHEET = "分类统计"
CHART_SHEET = "完成率图"

RATE_HEADERS = ("单位名称", "单位类别", "任务数", "报送数", "完成率", "采用数", "采用率", "排名")
SCORE_HEADER = "考核得分"
CATEGORY_HEADERS = ("序号", "信息类别", "报送内容（通知一）", "报送数", "占比", "采用数", "采用率")
WHOLE = {"Y": "全年", "H": "半年", "Q": "全季度", "M": "全月"}  # what a period's quota covers

# narrative sheet geometry: one wide column, body text wraps inside it
_NARRATIVE_WIDTH = 84  # column width (characters of the default font)
_LINE_UNITS = 82  # display width (CJK = 2) of a 12 pt line: Excel fits 84 (宋体 digits 8 px), LibreOffice more
_LINE_HEIGHT = 18  # points per line of 12 pt 仿宋 (LibreOffice's CJK fallback needs 17.4)
_INDENT = "\u3000\u3000"
_PAGE_HEIGHT = 710  # points of rows a portrait page holds: A4 less the margins set below is 719.5, less some for rounding


@dataclass
class BulletinData:
    """Everything the bulletin and the 工作底稿 show, computed before writing."""

    settings: Settings
    period: Period
    rates: RatesTable
    adopted: list[tuple[Adoption, Article]]  # matched adoptions of the period's articles, register order
    unmatched: list[Adoption]  # adoption rows not counted: no article found, or level/form not valid
    findings: list[Finding]
    silent: list[SilentUnit]  # units that owe a quota with nothing counted (silent_units)
    narrative: str = ""
    unit_order: dict[str, int] = field(default_factory=dict)
    titles: Mapping[tuple[str, str, str, int], str] = field(default_factory=dict)  # (file month, file, sheet, row) -> 信息标题
    waiting: list[SilentUnit] = field(default_factory=list)  # quarterly units, quarter not over, nothing counted yet
    superseded: Mapping[str, set[str]] = field(default_factory=dict)  # file month -> the files another one replaced
    register_notes: list[str] = field(default_factory=list)  # the 采用登记表's sheets, rows, columns not read

    @property
    def title(self) -> str:
        return f"关于{self.period.label}政务信息报送和采用情况的通报"


# --- the narrative ------------------------------------------------------------------------------------


def _quarterly_who(rows: Sequence[UnitRate]) -> str:
    """Who the quarterly `rows` are, as the notes name them: a kind all of whose units are quarterly (委综合科室), one
    with fewer monthly units than quarterly ones with its exceptions (委综合科室（纪检监察室除外）), else the units."""
    named = []
    for kind in dict.fromkeys(r.kind for r in rows if r.quarterly):
        quarterly, monthly = ([r.unit for r in rows if r.kind == kind and r.quarterly == q] for q in (True, False))
        short = f"{kind}（{'、'.join(monthly)}除外）" if len(monthly) < len(quarterly) else "、".join(quarterly)
        named.append(short if monthly else kind)
    return "、".join(named)


def to_date_note(rates: RatesTable) -> dict[str, Any] | None:
    """For a period whose months are not all in the ledger: which months have data (data, until) and which do not
    (missing), as 1—6月, 6月, 7—12月, and what the quota covers (whole: 全年); None when every month has data.
    Where a month before the last with data is missing (gap), 截至6月 would hide it: until is then 目前 (what an
    older workspace template prints), seen 仅含1—4月、6月 (else 截至6月) and upto 这5个月 (else 截至6月): what the
    figures add up, as 为…的累计 says it."""
    if not rates.to_date:
        return None
    have, missing = rates.data_months, rates.missing_months
    gap = bool(have) and missing[0] < have[-1]
    last = months_text(have[-1:])
    if gap:  # 这两个月, 这5个月; one month alone is named (3月)
        upto = months_text(have) if len(have) == 1 else f"这{'两' if len(have) == 2 else len(have)}个月"
    else:
        upto = f"截至{last or '目前'}"
    return {"data": months_text(have), "until": "目前" if gap else last, "missing": months_text(missing),
            "whole": WHOLE[rates.period.kind], "gap": gap, "seen": f"仅含{months_text(have)}" if gap else f"截至{last}",
            "upto": upto}  # fmt: skip


def _quarter_so_far(quarterly: list[UnitRate]) -> str:
    """"报送数为2015年1—3月累计数，" for quarterly units in a month after their quarter's first; "" in its first."""
    months = quarterly[0].months
    return f"报送数为{months_span(months)}累计数，" if len(months) > 1 else ""


def _leading(rows: list[UnitRate], rank: Callable[[UnitRate], int], limit: int = 5) -> tuple[list[UnitRate], Any]:
    """The first `limit` of `rows` by `rank` (ties in quota-table order) with all tied with the last of them, as
    附件1 ranks them; when that tie is too many to name: the rows above it, and the tie as (how many, its first)."""
    ordered = sorted(rows, key=rank)
    cut = rank(ordered[min(limit, len(ordered)) - 1]) if ordered else 0
    named = [r for r in ordered if rank(r) <= cut]
    if len(named) <= 2 * limit:
        return named, None
    tied = [r for r in named if rank(r) == cut]
    return named[: -len(tied)], (len(tied), tied[0])


def _share(value: float) -> str:
    """A rate of the scoring rule as its rule is written: 100%, 30%, 12.5%."""
    return f"{num(round(value * 100, 2))}%"


def narrative_context(data: BulletinData, *, now: dt.date | None) -> dict[str, Any]:
    """What the template can use (documented at the top of 通报.txt.j2); `now` is the 落款日期."""
    rates, settings = data.rates, data.settings
    rows = [r for r in rates.rows if r.quota or r.submitted]
    below = [r for r in rows if r.below_quota and not rates.mid_quarter(r)]  # to date: pending, said so by `to_date`
    pending = [r for r in rows if r.below_quota and rates.mid_quarter(r)]
    top_adopters, adopters_tie = _leading([r for r in rates.rows if r.adopted], lambda r: -r.adopted)
    instructions = len({(a.unit_name, a.title_key) for a, _ in data.adopted if a.instruction not in ("", "无")})
    quarterly = [r for r in rates.rows if r.quarterly]
    quarterly_note = quarterly_sum = ""
    if quarterly and data.period.kind == "M":
        so_far, who = _quarter_so_far(quarterly), _quarterly_who(rates.rows)
        quarterly_note = f"{who}按季度考核，本通报中其{so_far}任务数为一个季度的任务。"
        if so_far:  # the totals add a quarter-to-date to the month: the headline says so
            quarterly_sum = f"{who}为{months_span(quarterly[0].months)}累计数"
    scored = [r for r in rates.rows if r.score is not None]
    top_scores, scores_tie = _leading(scored, lambda r: r.rank)
    weights = (
        f"年度考核得分按完成率（满分{num(settings.completion_weight)}分，完成率达到{_share(settings.completion_cap)}得满分）"
        f"和采用率（满分{num(settings.adoption_weight)}分，采用率达到{_share(settings.adoption_target)}得满分）计算。"
    )
    findings = count_findings(data.findings)
    return {
        "office": settings.office, "coordinator": settings.coordinator, "period": data.period,
        "span": "" if data.period.kind == "M" else months_text(data.period.month_keys),
        "to_date": to_date_note(rates), "total": rates.total, "groups": rates.groups,
        "categories": [c for c in rates.categories if c.submitted],
        "over": [r for r in rows if r.over_quota], "met": [r for r in rows if not r.over_quota and not r.below_quota],
        "below": below, "pending": pending, "silent": data.silent,
        "levels": list(rates.levels.items()), "top_adopters": [(r.unit, r.adopted) for r in top_adopters],
        "adopters_tie": adopters_tie and {"units": adopters_tie[0], "adopted": adopters_tie[1].adopted},
        "instructions": instructions, "rejected": findings.rows, "findings": findings,
        "annual": rates.assessment, "top_scores": top_scores, "weights": weights,
        "scores_tie": scores_tie and {"units": scores_tie[0], "rank": scores_tie[1].rank, "score": scores_tie[1].score},
        "same_score": scored[0].score if scored and len({r.score for r in scored}) == 1 else None, "quarterly_note": quarterly_note,
        "quarterly_sum": quarterly_sum,
        "rank_rule": rates.rank_rule, "min_chars": settings.min_chars, "date": date_text(now) if now else "",
    }  # fmt: skip


date_text = date_label  # the bulletin's date as written (masked when judging whether the content changed)


def render_narrative(context: dict[str, Any], workspace_dir: Path | None = None) -> str:
    """The notice's text: the workspace's narrative/通报.txt.j2 when present, else the package default (sandboxed)."""
    return render(BULLETIN_TEMPLATE, [context], workspace_dir)[0]


# --- the workbook -----------------------------------------------------------------------------------


def write_bulletin(target: Target, data: BulletinData, *, fingerprint: str = "") -> None:
    """Write the leaders' bulletin workbook of `data.period`; `fingerprint` is stored as a custom document property."""
    with new_workbook(target, title=data.title, fingerprint=fingerprint) as book:
        fmt = Formats(book)
        _narrative_sheet(book, fmt, data)
        _rates_sheet(book, fmt, data)
        _adoptions_sheet(book, fmt, data)
        _category_sheet(book, fmt, data)
        _chart_sheet(book, fmt, data)
        for n, sheet in enumerate(book.worksheets()[1:], start=1):  # each attachment numbers its own pages
            sheet.set_footer(f"&C附件{n}　第 &P 页")
            sheet.set_start_page(1)


def _narrative_sheet(book: Workbook, fmt: Formats, data: BulletinData) -> None:
    sheet = add_sheet(book, NARRATIVE_SHEET)
    sheet.set_column(0, 0, _NARRATIVE_WIDTH)
    sheet.hide_gridlines(2)
    r = 0
    heights: list[float] = []
    keep: list[bool] = []  # printed on the page of the row below: the title, a heading, the rows above 附件 and 落款
    for raw in data.narrative.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        height, units = _LINE_HEIGHT, _LINE_UNITS
        if line.startswith("# "):
            text, cell_fmt, height, units = line[2:].strip(), fmt.doc_title, 30, _LINE_UNITS * 12 // 18
        elif line.startswith("## "):
            text, cell_fmt = _INDENT + line[3:].strip(), fmt.doc_heading
        elif line.startswith("| "):
            text, cell_fmt = line[2:].strip(" "), fmt.doc_body  # an ideographic indent stays
        elif line.startswith("> "):
            text, cell_fmt = line[2:].strip() + _INDENT, fmt.doc_right
        else:
            text, cell_fmt = _INDENT + line.strip(), fmt.doc_body
        if line.startswith(("| ", "> ")) and keep:  # the 附件 list and the 落款 go with the paragraph above
            keep[-1] = True
        heights.append(height * text_lines(text, units, margin=0) + 4)
        keep.append(line.startswith("#"))
        sheet.set_row(r, heights[-1])
        write_text(sheet, r, 0, text, cell_fmt)
        if line.startswith("# "):  # a blank line under the title
            heights.append(15)
            keep.append(True)
        r = len(heights)
    setup_print(sheet, footer="&C第 &P 页")
    sheet.set_print_scale(100)  # not fitted to the page: Excel and LibreOffice would ignore the page breaks
    sheet.set_h_pagebreaks(page_breaks(heights, keep, _PAGE_HEIGHT))
    sheet.set_start_page(1)
    sheet.set_margins(left=0.9, right=0.9, top=0.9, bottom=0.8)


def page_breaks(heights: Sequence[float], keep: Sequence[bool], page: float) -> list[int]:
    """The rows (0-based) a new page starts at, each page holding rows up to `page` points tall, so that a row kept
    with the one below it (`keep`) never ends a page; rows kept together taller than a page are not kept."""
    runs: list[list[int]] = [[]]
    for r, kept in enumerate(keep):
        runs[-1].append(r)
        if not kept:
            runs.append([])
    breaks: list[int] = []
    used = 0.0
    for run in filter(None, runs):
        for part in [run] if sum(heights[r] for r in run) <= page else [[r] for r in run]:
            height = sum(heights[r] for r in part)
            if used and used + height > page:
                breaks.append(part[0])
                used = 0.0
            used += height
    return breaks


def _rate_cells(sheet: Worksheet, r: int, label: str, kind: str, item: Any, styles: tuple[Any, ...], ncols: int = 7) -> None:
    """Columns A..G of 完成情况 for a unit, a group or the total (`styles`: fmt.*_row), blank up to `ncols`."""
    text, integer, decimal, percent, center = styles
    quota = integer if float(item.quota).is_integer() else decimal
    write_row(sheet, r, [(label, text), (kind, text), (item.quota, quota), (item.submitted, integer),
                         rate_cell(item.completion, percent, center), (item.adopted, integer),
                         rate_cell(item.adoption, percent, center), *[(None, center)] * (ncols - 7)])


def _rates_sheet(book: Workbook, fmt: Formats, data: BulletinData) -> None:
    """完成情况: one portrait A4 page for a city's 34 units (fit to one page wide and tall, header repeated)."""
    rates = data.rates
    headers = (*RATE_HEADERS, SCORE_HEADER) if rates.assessment else RATE_HEADERS
    ncols = len(headers)
    sheet = add_sheet(book, RATES_SHEET)
    span = months_span(data.period.month_keys)
    to_date = to_date_note(rates)
    if to_date:
        caption = (
            f"统计期间：{span}，数据{to_date['seen']}（{to_date['missing']}尚未汇总）：报送数为{to_date['upto']}的累计，"
            f"任务数为{to_date['whole']}任务，未达到的暂不标红"
        ) if to_date["data"] else f"统计期间：{span}（台账中还没有本期数据）"
    else:
        caption = f"统计期间：{span}　　报送数为经审核计入的稿件数　　红色：未完成任务"
    sheet_title(sheet, fmt, ncols, f"{data.period.label}政务信息报送和采用情况表", caption)
    sheet.set_row(1, 28 if display_width(caption) > 90 else 18)
    write_header(sheet, fmt, 2, headers, height=22)
    shown: list[list[object]] = [list(headers)]
    r = 3
    red: list[int] = []  # unit rows that turn red below quota
    for group, rows in rates.by_kind():
        for row in rows:
            _rate_cells(sheet, r, row.unit, row.kind, row, fmt.plain_row)
            ranked = [rate_cell(row.rank, fmt.integer, fmt.center), rate_cell(row.score, fmt.score, fmt.center)]
            write_row(sheet, r, ranked[: ncols - 7], 7)  # "—": no quota, nothing to rank or score
            shown.append([row.unit, row.kind, row.quota, row.submitted, "100.0%", row.adopted, "100.0%", row.rank, 100.0])
            if not rates.pending(row):
                red.append(r)
            r += 1
        _rate_cells(sheet, r, group.label, "", group, fmt.subtotal_row, ncols)
        shown.append([group.label])
        r += 1
    _rate_cells(sheet, r, "合计", f"{rates.total.units}个单位", rates.total, fmt.total_row, ncols)
    last = r
    if red:
        ranges = " ".join(f"A{run[0] + 1}:{column_letter(ncols - 1)}{run[-1] + 1}" for run in runs(red))
        first = red[0] + 1
        sheet.conditional_format(ranges.split()[0], {"type": "formula", "criteria": f"=$D{first}<$C{first}",
                                                     "format": fmt.below, "multi_range": ranges})
    notes = [  # one line under the table (a second, blank line looked like a stray row)
        rates.rank_rule, "完成率＝报送数÷任务数，多报不限，超过100%照实计算；采用率＝采用数÷报送数，多次采用计一次。",
    ]
    quarterly = [row for row in rates.rows if row.quarterly]
    if quarterly and data.period.kind == "M":
        pending = "；季度未结束，未报满的不标红" if any(rates.pending(row) and rates.mid_quarter(row) for row in quarterly) else ""
        notes.append(f"{_quarterly_who(rates.rows)}按季度考核：{_quarter_so_far(quarterly)}任务数为一个季度的任务{pending}。")
    if to_date:
        have = f"台账中目前只有{to_date['data']}的数据" if to_date["data"] else "台账中还没有本期的数据"
        notes.append(
            f"{have}，{to_date['missing']}尚未汇总：报送数、完成率、采用率为{to_date['upto']}的累计，任务数为{to_date['whole']}任务；"
            f"未达到任务数的单位暂不标红，不作未完成认定。{to_date['missing']}汇总后将重新通报。"
        )
    if rates.assessment:
        s = data.settings
        notes.append(
            f"考核得分为完成率得分与采用率得分之和：完成率得分满分{num(s.completion_weight)}分，完成率达到"
            f"{_share(s.completion_cap)}得满分，不足的按比例折算；采用率得分满分{num(s.adoption_weight)}分，"
            f"采用率达到{_share(s.adoption_target)}得满分，不足的按比例折算" + (f"，为{to_date['upto']}的得分。" if to_date else "。")
        )
    widths = fit_columns(sheet, shown, minimum=8, maximum=30)
    widths[1] = max(widths[1], 14)
    sheet.set_column(1, 1, widths[1])
    line_units = sum(widths) * 1.1  # display width of one note line across the table (notes are in a smaller font)
    for i, note in enumerate(notes):
        text = f"{'注：' if i == 0 else ''}{i + 1}. {note}"
        row = last + 2 + i
        merge_row(sheet, row, ncols - 1, text, fmt.note, 15 * text_lines(text, line_units, margin=0) + 3)
    table_print(sheet, ncols=ncols, last_row=last + 1 + len(notes), title=data.title, landscape=False, one_page=True)


def _chart_sheet(book: Workbook, fmt: Formats, data: BulletinData) -> None:
    """A bar chart of completion by unit on one portrait page; its data sit to the right, outside the print area."""
    rows = [r for r in data.rates.rows if r.quota]  # a unit with nothing due has no completion to draw
    sheet = add_sheet(book, CHART_SHEET)
    data_col = 12  # M: the chart's data, beside the printed chart
    sheet.set_column(0, data_col - 2, 9.5)
    sheet.set_column(data_col - 1, data_col - 1, 3)
    write_text(sheet, 0, data_col, "图表数据（由“完成情况”生成）", fmt.label)
    write_header(sheet, fmt, 1, ("单位名称", "完成率", "报送数/任务数"), first_col=data_col, height=22)
    for i, row in enumerate(rows, start=2):
        write_row(sheet, i, [(row.unit, fmt.text), (row.completion or 0.0, fmt.percent),
                             (f"{row.submitted}/{num(row.quota)}", fmt.center)], data_col)
    sheet.set_column(data_col, data_col, max([display_width(r.unit) for r in rows] + [10]) + 2)
    sheet.set_column(data_col + 1, data_col + 2, 13)
    if rows:
        chart = book.add_chart({"type": "bar"})
        last = 2 + len(rows) - 1
        chart.add_series({
            "name": "完成率", "categories": [sheet.name, 2, data_col, last, data_col], "values": [sheet.name, 2, data_col + 1, last, data_col + 1],
            "fill": {"color": "#4472C4"}, "border": {"none": True},
            "points": [{"fill": {"color": "#C00000" if data.rates.short(r) else "#4472C4"}} for r in rows],
            "data_labels": {"value": True, "num_format": "0%", "font": {"size": 8}}, "gap": 50,
        })  # fmt: skip
        red = "（红色为未完成任务）" if any(data.rates.short(r) for r in rows) else ""
        chart.set_title({"name": f"{data.period.label}各单位政务信息完成率{red}", "name_font": {"size": 12, "bold": True}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": {"size": 9}, "major_tick_mark": "none"})
        top = max(1.0, max((r.completion or 0.0) for r in rows))
        chart.set_x_axis({
            "num_format": "0%", "min": 0, "max": math.ceil(top * 4) / 4, "major_unit": 0.25 if top <= 2 else 0.5,
            "num_font": {"size": 9}, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        })  # fmt: skip
        chart.set_chartarea({"border": {"none": True}})
        chart.set_size({"width": 680, "height": max(420, min(960, 24 * len(rows) + 110))})
        sheet.insert_chart(0, 0, chart, {"object_position": 3})
    setup_print(sheet, one_page=True, header=data.title, area=(50, data_col - 2))


def _adoptions_sheet(book: Workbook, fmt: Formats, data: BulletinData) -> None:
    cols = (
        Col("序号", "center"), Col("报送单位", "text", 24), Col("信息标题", "wrap", 56), Col("采用单位/刊物", "wrap", 26),
        Col("采用级别", "center", 10), Col("采用形式", "center", 10), Col("领导批示", "center", 10),
        Col("采用日期", "date_cn", 15, 15), Col("稿件月份", "center", 12),
    )  # fmt: skip
    count = len({(a.unit_name, a.title_key) for a, _ in data.adopted})
    rows = [
        [i, art.unit, art.title, a.outlet, a.level, a.form, a.instruction or "无", a.date or a.date_text,
         Period.parse(art.month).label]
        for i, (a, art) in enumerate(data.adopted, start=1)
    ]
    earlier = sorted({art.month for _, art in data.adopted if art.month not in data.period.month_keys})  # quarter to date
    before = sum(1 for _, art in data.adopted if art.month in earlier)
    caption = f"共 {len(data.adopted)} 条采用登记，涉及 {count} 篇稿件" + (
        f"；其中 {before} 条是按季度考核单位{months_text(earlier)}稿件的采用：计入本通报的采用数，奖励列在{months_text(earlier)}的奖励计算表中"
        if earlier else "")
    table_sheet(book, fmt, ADOPTIONS_SHEET, cols, rows, title=f"{data.period.label}信息采用明细",
                caption=caption, empty="本期没有已核对的采用登记。", header=data.title)


def _category_sheet(book: Workbook, fmt: Formats, data: BulletinData) -> None:
    """分类统计: counted and adopted articles per content category of 通知 一 (1–6), then 其他; one portrait page."""
    rates = data.rates
    sheet = add_sheet(book, CATEGORY_SHEET)
    ncols = len(CATEGORY_HEADERS)
    span = months_span(data.period.month_keys)
    to_date = to_date_note(rates)
    until = f"，数据{to_date['seen']}" if to_date and to_date["data"] else ""
    sheet_title(sheet, fmt, ncols, f"{data.period.label}政务信息分类统计", f"统计期间：{span}{until}　　按通知“一、报送内容”的六类统计，报送数为经审核计入的稿件数")
    write_header(sheet, fmt, 2, CATEGORY_HEADERS, height=22)
    total = rates.total
    for r, c in enumerate(rates.categories, start=3):
        share = c.submitted / total.submitted if total.submitted else None
        write_row(sheet, r, [(c.code or "—", fmt.center), (c.name, fmt.text),
                             (c.description, fmt.wrap), (c.submitted, fmt.integer),
                             rate_cell(share, fmt.percent, fmt.center), (c.adopted, fmt.integer),
                             rate_cell(c.adoption, fmt.percent, fmt.center)])
        sheet.set_row(r, 15 * text_lines(c.description, 40) + 5)
    r = 3 + len(rates.categories)
    write_row(sheet, r, [("合计", fmt.total_center), (None, fmt.total), (None, fmt.total),
                         (sum(c.submitted for c in rates.categories), fmt.total_int),
                         rate_cell(1.0 if total.submitted else None, fmt.total_pct, fmt.total_center),
                         (sum(c.adopted for c in rates.categories), fmt.total_int),
                         rate_cell(total.adoption, fmt.total_pct, fmt.total_center)])
    set_widths(sheet, (7, 16, 40, 8, 8, 8, 8))
    note = "注：类别按各单位填写的“信息类别”归类；未填写或无法识别的计入“其他”。合计与附件1的报送数、采用数一致。"
    merge_row(sheet, r + 2, ncols - 1, note, fmt.note, 33)
    table_print(sheet, ncols=ncols, last_row=r + 2, title=data.title, landscape=False, one_page=True)
