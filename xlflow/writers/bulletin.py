"""The bulletin (通报) workbook leaders read and print (SPEC §9).

Sheets: 通报 (the narrative, rendered from an editable jinja2 template), 完成情况 (per unit, grouped by kind with
subtotals and a total), 完成率图 (a bar chart), 采用明细, 问题稿件, 未报送单位, 未匹配采用 (adoption rows that match no
article, with the nearest titles). Nothing of the correspondent register appears here; unit text is always text.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..config import Settings
from ..errors import ConfigError
from ..fsutil import atomic_write_bytes, cache_dir
from ..metrics import RatesTable, SilentUnit, UnitRate, achievers, months_span
from ..model import ERROR, SEVERITY_LABEL, Adoption, Article, Finding
from ..periods import Period
from .base import (
    Formats,
    Target,
    add_sheet,
    display_width,
    fit_columns,
    new_workbook,
    setup_print,
    write_text,
    write_value,
)

NARRATIVE_SHEET = "通报"
RATES_SHEET = "完成情况"
CHART_SHEET = "完成率图"
ADOPTIONS_SHEET = "采用明细"
FINDINGS_SHEET = "问题稿件"
SILENT_SHEET = "未报送单位"
UNMATCHED_SHEET = "未匹配采用"
SHEETS = (NARRATIVE_SHEET, RATES_SHEET, CHART_SHEET, ADOPTIONS_SHEET, FINDINGS_SHEET, SILENT_SHEET, UNMATCHED_SHEET)

RATE_HEADERS = ("单位名称", "单位类别", "任务数", "报送数", "完成率", "采用数", "采用率", "排名")
SCORE_HEADER = "考核得分"
ADOPTION_HEADERS = ("序号", "报送单位", "信息标题", "采用单位/刊物", "采用级别", "采用形式", "领导批示", "采用日期", "稿件月份")
FINDING_HEADERS = ("序号", "单位名称", "文件", "工作表", "行号", "单元格", "规则", "类别", "说明")
SILENT_HEADERS = ("序号", "单位名称", "单位类别", "任务数", "情况")
UNMATCHED_HEADERS = ("登记表行号", "报送单位", "信息标题", "采用级别", "问题", "最接近的已报送标题")
NONE_TEXT = "—"
FINGERPRINT_PROPERTY = "xlflow内容指纹"  # custom document property: what the workbook shows, apart from its date

TEMPLATE_NAME = "通报.txt.j2"
PACKAGE_NARRATIVE = Path(__file__).resolve().parent.parent / "narrative"

# narrative sheet geometry: one wide column, body text wraps inside it
_NARRATIVE_WIDTH = 84  # column width (characters of the default font)
_LINE_UNITS = 78  # display width (CJK = 2) that fits one printed line at 12 pt
_LINE_HEIGHT = 21  # points per line of 12 pt text
_INDENT = "\u3000\u3000"


@dataclass
class BulletinData:
    """Everything the bulletin shows, computed before writing."""

    settings: Settings
    period: Period
    rates: RatesTable
    adopted: list[tuple[Adoption, Article]]  # matched adoptions of the period's articles, register order
    unmatched: list[Adoption]
    findings: list[Finding]
    silent: list[SilentUnit]
    narrative: str = ""
    unit_order: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"关于{self.period.label}政务信息报送和采用情况的通报"


# --- the narrative ------------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return NONE_TEXT if value is None else f"{value * 100:.1f}%"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def _kinds(rows: Sequence[UnitRate]) -> str:
    return "、".join(dict.fromkeys(r.kind for r in rows))


def _names(rows: Sequence[Any]) -> str:
    return "、".join(getattr(r, "unit", str(r)) for r in rows)


def narrative_context(data: BulletinData, *, now: dt.datetime | None) -> dict[str, Any]:
    """What the template can use (documented at the top of 通报.txt.j2)."""
    rates, settings = data.rates, data.settings
    standing = achievers(rates)
    by_adopted = sorted((r for r in rates.rows if r.adopted), key=lambda r: (-r.adopted, data.unit_order.get(r.unit, 0)))
    instructions = len({(a.unit_name, a.title_key) for a, _ in data.adopted if a.instruction not in ("", "无")})
    quarterly = [r for r in rates.rows if r.quarterly]
    quarterly_note = ""
    if quarterly and data.period.kind == "M":
        quarterly_note = (
            f"{_kinds(quarterly)}按季度考核，本通报中其报送数为{months_span(quarterly[0].months)}累计数，任务数为一个季度的任务。"
        )
    scores = sorted((r for r in rates.rows if r.score is not None), key=lambda r: (-(r.score or 0), data.unit_order.get(r.unit, 0)))
    weights = (
        f"年度考核得分按完成率（满分{_num(settings.completion_weight)}分，完成率{_pct(settings.completion_cap)}封顶）"
        f"和采用率（满分{_num(settings.adoption_weight)}分，采用率达到{_pct(settings.adoption_target)}得满分）计算。"
    )
    months = data.period.month_keys
    return {
        "office": settings.office,
        "coordinator": settings.coordinator,
        "period": data.period,
        "span": "" if data.period.kind == "M" else months_span(months).removeprefix(f"{data.period.year}年"),
        "total": rates.total,
        "groups": rates.groups,
        "over": standing.over,
        "met": standing.met,
        "below": standing.below,
        "pending": standing.pending,
        "silent": [s for s in data.silent if s.unit not in {r.unit for r in standing.pending}],
        "levels": list(rates.levels.items()),
        "top_adopters": [(r.unit, r.adopted) for r in by_adopted[:5]],
        "instructions": instructions,
        "rejected": len({(f.file, f.sheet, f.row) for f in data.findings if f.row is not None and f.severity == ERROR}),
        "annual": rates.assessment,
        "top_scores": scores[:5],
        "weights": weights,
        "quarterly_note": quarterly_note,
        "rank_rule": rates.rank_rule,
        "min_chars": settings.min_chars,
        "date": f"{now.year}年{now.month}月{now.day}日" if now else "",
    }


_ENV_OPTIONS = {"trim_blocks": False, "lstrip_blocks": True, "keep_trailing_newline": False}


@functools.lru_cache(maxsize=8)
def _compiled(source: str) -> Any:
    """The template compiled once per text: kept in the cache folder (fsutil.cache_dir) as marshalled code, since
    compiling costs a fresh process ≈ 30 ms, more than rendering; a cache that cannot be read or written is passed by."""
    import marshal
    import sys
    import types

    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(**_ENV_OPTIONS, undefined=jinja2.StrictUndefined)  # type: ignore[arg-type]
    env.filters.update(pct=_pct, num=_num, names=_names)
    key = hashlib.sha256(
        "\0".join(("narrative-1", sys.version, jinja2.__version__, repr(sorted(_ENV_OPTIONS.items())), source)).encode("utf-8")
    ).hexdigest()
    cached = cache_dir() / "narrative" / f"{key}.marshal"
    code = None
    try:
        code = marshal.loads(cached.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        code = None
    if not isinstance(code, types.CodeType):
        code = None
    if code is None:
        code = env.compile(source)  # a template with a syntax error raises here, as from_string would
        try:
            atomic_write_bytes(cached, marshal.dumps(code), durable=False)
        except OSError:
            pass
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def render_narrative(context: dict[str, Any], workspace_dir: Path | None = None) -> str:
    """The narrative text: the workspace's narrative/通报.txt.j2 when present, else the package default."""
    import jinja2

    custom = workspace_dir / TEMPLATE_NAME if workspace_dir is not None else None
    path = custom if custom is not None and custom.is_file() else PACKAGE_NARRATIVE / TEMPLATE_NAME
    try:
        return _compiled(path.read_text(encoding="utf-8-sig")).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"通报模板 {path} 第 {exc.lineno} 行有误（{exc.message}）：请改正，或删除该文件以使用默认模板") from exc
    except jinja2.UndefinedError as exc:
        raise ConfigError(f"通报模板 {path} 用到了不存在的数据（{exc.message}）：可用的数据见默认模板开头的说明") from exc
    except (jinja2.TemplateError, UnicodeDecodeError) as exc:
        raise ConfigError(f"通报模板 {path} 无法使用（{exc}）：请改正，或删除该文件以使用默认模板") from exc


# --- the workbook -----------------------------------------------------------------------------------


class _Formats(Formats):
    def __init__(self, book: Workbook) -> None:
        super().__init__(book)
        base = {"font_name": "宋体", "valign": "vcenter"}
        border = {**base, "border": 1, "font_size": 11}
        # 公文 fonts: title in bold 宋体, headings in 黑体, body in 仿宋
        self.doc_title = book.add_format({**base, "bold": True, "font_size": 18, "align": "center", "text_wrap": True})
        self.doc_heading = book.add_format({**base, "font_name": "黑体", "font_size": 12, "text_wrap": True})
        self.doc_body = book.add_format({**base, "font_name": "仿宋", "font_size": 12, "text_wrap": True, "valign": "top"})
        self.doc_right = book.add_format({**base, "font_name": "仿宋", "font_size": 12, "align": "right"})
        self.decimal = book.add_format({**border, "num_format": "#,##0.00", "align": "center"})
        self.score = book.add_format({**border, "num_format": "0.0", "align": "center"})
        self.subtotal_dec = book.add_format({**border, "bold": True, "bg_color": "#F2F2F2", "num_format": "#,##0.00", "align": "center"})
        self.subtotal_center = book.add_format({**border, "bold": True, "bg_color": "#F2F2F2", "align": "center"})
        self.total = book.add_format({**border, "bold": True, "bg_color": "#D9D9D9"})
        self.total_int = book.add_format({**border, "bold": True, "bg_color": "#D9D9D9", "num_format": "#,##0", "align": "center"})
        self.total_dec = book.add_format({**border, "bold": True, "bg_color": "#D9D9D9", "num_format": "#,##0.00", "align": "center"})
        self.total_pct = book.add_format({**border, "bold": True, "bg_color": "#D9D9D9", "num_format": "0.0%", "align": "center"})
        self.total_center = book.add_format({**border, "bold": True, "bg_color": "#D9D9D9", "align": "center"})
        self.below = book.add_format({"font_color": "#C00000"})
        self.sheet_title = book.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
        self.caption = book.add_format({**base, "font_size": 10, "font_color": "#404040"})


def write_bulletin(target: Target, data: BulletinData, *, fingerprint: str = "") -> None:
    """Write the bulletin workbook of `data.period`; `fingerprint` is stored as a custom document property."""
    with new_workbook(target, title=data.title) as book:
        if fingerprint:
            book.set_custom_property(FINGERPRINT_PROPERTY, fingerprint)
        fmt = _Formats(book)
        _narrative_sheet(book, fmt, data)
        _rates_sheet(book, fmt, data)
        _chart_sheet(book, fmt, data)
        _adoptions_sheet(book, fmt, data)
        _findings_sheet(book, fmt, data)
        _silent_sheet(book, fmt, data)
        _unmatched_sheet(book, fmt, data)


def _narrative_sheet(book: Workbook, fmt: _Formats, data: BulletinData) -> None:
    sheet = add_sheet(book, NARRATIVE_SHEET)
    sheet.set_column(0, 0, _NARRATIVE_WIDTH)
    sheet.hide_gridlines(2)
    r = 0
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
            text, cell_fmt = line[2:].strip(), fmt.doc_body
        elif line.startswith("> "):
            text, cell_fmt = line[2:].strip() + _INDENT, fmt.doc_right
        else:
            text, cell_fmt = _INDENT + line.strip(), fmt.doc_body
        sheet.set_row(r, height * _lines(text, units) + 4)
        write_text(sheet, r, 0, text, cell_fmt)
        r += 2 if line.startswith("# ") else 1  # a blank line under the title
    setup_print(sheet, landscape=False, fit_width=True, header="")
    sheet.set_margins(left=0.9, right=0.9, top=0.9, bottom=0.8)
    sheet.set_footer("&C第 &P 页")


def _lines(text: str, units: int) -> int:
    return max(1, math.ceil(display_width(text) / units))


def _header(sheet: Worksheet, fmt: _Formats, row: int, headers: Sequence[str], first_col: int = 0) -> None:
    for c, name in enumerate(headers, start=first_col):
        write_text(sheet, row, c, name, fmt.header)
    sheet.set_row(row, 22)


def _sheet_title(sheet: Worksheet, fmt: _Formats, ncols: int, title: str, caption: str) -> None:
    sheet.merge_range(0, 0, 0, ncols - 1, title, fmt.sheet_title)
    sheet.set_row(0, 26)
    if ncols > 1:
        sheet.merge_range(1, 0, 1, ncols - 1, caption, fmt.caption)
    else:
        write_text(sheet, 1, 0, caption, fmt.caption)


def _table_sheet(sheet: Worksheet, *, header_row: int = 2, ncols: int, landscape: bool = True, title: str = "") -> None:
    sheet.freeze_panes(header_row + 1, 0)
    setup_print(sheet, landscape=landscape, repeat_rows=(header_row, header_row), fit_width=True, header=title)
    sheet.print_area(0, 0, sheet.dim_rowmax or header_row, ncols - 1)


def _rate_value(sheet: Worksheet, r: int, c: int, value: float | None, pct_fmt: Any, blank_fmt: Any) -> None:
    if value is None:
        write_text(sheet, r, c, NONE_TEXT, blank_fmt)
    else:
        sheet.write_number(r, c, value, pct_fmt)


def _quota_value(sheet: Worksheet, r: int, c: int, value: float, int_fmt: Any, dec_fmt: Any) -> None:
    sheet.write_number(r, c, value, int_fmt if float(value).is_integer() else dec_fmt)


def _rates_sheet(book: Workbook, fmt: _Formats, data: BulletinData) -> None:
    rates = data.rates
    headers = (*RATE_HEADERS, SCORE_HEADER) if rates.assessment else RATE_HEADERS
    ncols = len(headers)
    sheet = add_sheet(book, RATES_SHEET)
    span = months_span(data.period.month_keys)
    _sheet_title(sheet, fmt, ncols, f"{data.period.label}政务信息报送和采用情况表", f"统计期间：{span}　　报送数为经审核计入的稿件数　　红色：未完成任务")
    _header(sheet, fmt, 2, headers)
    shown: list[list[object]] = [list(headers)]
    r = 3
    unit_ranges: list[tuple[int, int]] = []  # runs of unit rows that turn red below quota
    for group, rows in rates.by_kind():
        for row in rows:
            _unit_row(sheet, fmt, r, row, rates.assessment)
            shown.append([row.unit, row.kind, row.quota, row.submitted, "100.0%", row.adopted, "100.0%", row.rank, 100.0])
            if not rates.pending(row):
                if unit_ranges and unit_ranges[-1][1] == r - 1:
                    unit_ranges[-1] = (unit_ranges[-1][0], r)
                else:
                    unit_ranges.append((r, r))
            r += 1
        _group_row(sheet, r, group.label, "", group, ncols, fmt.subtotal, fmt.subtotal_int, fmt.subtotal_dec, fmt.subtotal_pct, fmt.subtotal_center)
        shown.append([group.label])
        r += 1
    _group_row(sheet, r, "合计", f"{rates.total.units}个单位", rates.total, ncols, fmt.total, fmt.total_int, fmt.total_dec, fmt.total_pct, fmt.total_center)
    last = r
    if unit_ranges:
        ranges = " ".join(f"A{a + 1}:{_col(ncols - 1)}{b + 1}" for a, b in unit_ranges)
        first_row = unit_ranges[0][0] + 1
        sheet.conditional_format(
            unit_ranges[0][0], 0, unit_ranges[0][1], ncols - 1,
            {"type": "formula", "criteria": f"=$D{first_row}<$C{first_row}", "format": fmt.below, "multi_range": ranges},
        )  # fmt: skip
    notes = ["注：1. " + rates.rank_rule]
    notes.append("2. 完成率＝报送数÷任务数，多报不限，超过100%照实计算；采用率＝被采用稿件数÷报送数，一篇稿件多次采用只计一次。")
    quarterly = [row for row in rates.rows if row.quarterly]
    if quarterly and data.period.kind == "M":
        pending = "；季度未结束，未报满的不标红" if any(rates.pending(row) for row in quarterly) else ""
        notes.append(f"3. {_kinds(quarterly)}按季度考核：报送数为{months_span(quarterly[0].months)}累计数，任务数为一个季度的任务{pending}。")
    if rates.assessment:
        s = data.settings
        notes.append(
            f"{len(notes) + 1}. 考核得分＝{_num(s.completion_weight)}×min(完成率, {_pct(s.completion_cap)})"
            f"＋{_num(s.adoption_weight)}×min(采用率÷{_pct(s.adoption_target)}, 1)。"
        )
    for i, note in enumerate(notes):
        sheet.merge_range(last + 2 + i, 0, last + 2 + i, ncols - 1, note, fmt.note)
        sheet.set_row(last + 2 + i, 30 if display_width(note) > 110 else 18)
    widths = fit_columns(sheet, shown, minimum=8, maximum=30)
    sheet.set_column(1, 1, max(widths[1], 14))
    _table_sheet(sheet, ncols=ncols, title=data.title)
    sheet.print_area(0, 0, last + 1 + len(notes), ncols - 1)


def _col(c: int) -> str:
    return xl_rowcol_to_cell(0, c)[:-1]


def _unit_row(sheet: Worksheet, fmt: _Formats, r: int, row: UnitRate, assessment: bool) -> None:
    write_text(sheet, r, 0, row.unit, fmt.text)
    write_text(sheet, r, 1, row.kind, fmt.text)
    _quota_value(sheet, r, 2, row.quota, fmt.integer, fmt.decimal)
    sheet.write_number(r, 3, row.submitted, fmt.integer)
    _rate_value(sheet, r, 4, row.completion, fmt.percent, fmt.center)
    sheet.write_number(r, 5, row.adopted, fmt.integer)
    _rate_value(sheet, r, 6, row.adoption, fmt.percent, fmt.center)
    sheet.write_number(r, 7, row.rank, fmt.integer)
    if assessment:
        sheet.write_number(r, 8, row.score or 0.0, fmt.score)


def _group_row(sheet: Worksheet, r: int, label: str, kind: str, group: Any, ncols: int, text: Any, integer: Any, dec: Any, pct: Any, center: Any) -> None:
    write_text(sheet, r, 0, label, text)
    write_text(sheet, r, 1, kind, text)
    _quota_value(sheet, r, 2, group.quota, integer, dec)
    sheet.write_number(r, 3, group.submitted, integer)
    _rate_value(sheet, r, 4, group.completion, pct, center)
    sheet.write_number(r, 5, group.adopted, integer)
    _rate_value(sheet, r, 6, group.adoption, pct, center)
    for c in range(7, ncols):
        sheet.write_blank(r, c, None, center)


def _chart_sheet(book: Workbook, fmt: _Formats, data: BulletinData) -> None:
    """A bar chart of completion by unit on one portrait page; its data sit to the right, outside the print area."""
    rows = data.rates.rows
    sheet = add_sheet(book, CHART_SHEET)
    data_col = 12  # M: the chart's data, beside the printed chart
    sheet.set_column(0, data_col - 2, 9.5)
    sheet.set_column(data_col - 1, data_col - 1, 3)
    write_text(sheet, 0, data_col, "图表数据（由“完成情况”生成）", fmt.label)
    _header(sheet, fmt, 1, ("单位名称", "完成率", "报送数/任务数"), first_col=data_col)
    for i, row in enumerate(rows, start=2):
        write_text(sheet, i, data_col, row.unit, fmt.text)
        sheet.write_number(i, data_col + 1, row.completion or 0.0, fmt.percent)
        write_text(sheet, i, data_col + 2, f"{row.submitted}/{_num(row.quota)}", fmt.center)
    sheet.set_column(data_col, data_col, max([display_width(r.unit) for r in rows] + [10]) + 2)
    sheet.set_column(data_col + 1, data_col + 2, 13)
    if rows:
        chart = book.add_chart({"type": "bar"})
        last = 2 + len(rows) - 1
        chart.add_series(
            {
                "name": "完成率",
                "categories": [sheet.name, 2, data_col, last, data_col],
                "values": [sheet.name, 2, data_col + 1, last, data_col + 1],
                "fill": {"color": "#4472C4"},
                "border": {"none": True},
                "points": [{"fill": {"color": "#C00000" if r.below_quota else "#4472C4"}} for r in rows],
                "data_labels": {"value": True, "num_format": "0%", "font": {"size": 8}},
                "gap": 50,
            }
        )
        chart.set_title({"name": f"{data.period.label}各单位政务信息完成率（红色为未完成任务）", "name_font": {"size": 12, "bold": True}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": {"size": 9}, "major_tick_mark": "none"})
        top = max(1.0, max((r.completion or 0.0) for r in rows))
        chart.set_x_axis(
            {
                "num_format": "0%",
                "min": 0,
                "max": math.ceil(top * 4) / 4,
                "major_unit": 0.25 if top <= 2 else 0.5,
                "num_font": {"size": 9},
                "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            }
        )
        chart.set_chartarea({"border": {"none": True}})
        chart.set_size({"width": 680, "height": max(420, min(960, 24 * len(rows) + 110))})
        sheet.insert_chart(0, 0, chart, {"object_position": 3})
    setup_print(sheet, landscape=False, fit_width=False, header=data.title)
    sheet.fit_to_pages(1, 1)
    sheet.print_area(0, 0, 50, data_col - 2)


# --- plain tables: widths from their content, row heights from their wrapped text ------------------------


@dataclass(frozen=True)
class Formula:
    """A live formula and the value it has now (written as the cached result)."""

    text: str
    value: float


@dataclass(frozen=True)
class Col:
    header: str
    style: str = "text"  # a Formats attribute: text, wrap, center, integer, date, money0 …
    max_width: float = 40
    min_width: float = 6


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        return f"{value.value:,.0f}"
    if isinstance(value, dt.date):
        return "2015-03-05"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def text_lines(text: str, width: float) -> int:
    """Printed lines of `text` in a wrapped column `width` characters wide (CJK counts two)."""
    usable = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in str(text).split("\n"))


def write_table(sheet: Worksheet, fmt: Any, first_row: int, cols: Sequence[Col], rows: Sequence[Sequence[object]]) -> list[float]:
    """Header at `first_row`, then `rows`; column widths fit the content, wrapped rows are made tall enough.

    Text goes through write_text (never a formula); a `Formula` is written with its cached value.
    """
    widths: list[float] = []
    for c, col in enumerate(cols):
        longest = max([display_width(col.header) + 2, *(display_width(_shown(r[c])) + 2 for r in rows if c < len(r))])
        widths.append(min(max(longest, col.min_width), col.max_width))
        sheet.set_column(c, c, widths[-1])
    for c, col in enumerate(cols):
        write_text(sheet, first_row, c, col.header, fmt.header)
    sheet.set_row(first_row, 22)
    for i, values in enumerate(rows, start=first_row + 1):
        lines = 1
        for c, (col, value) in enumerate(zip(cols, values, strict=False)):
            style = getattr(fmt, col.style)
            if isinstance(value, Formula):
                sheet.write_formula(i, c, value.text, style, value.value)
            elif isinstance(value, str) or value is None:
                write_text(sheet, i, c, value or "", style)
            else:
                write_value(sheet, i, c, value, style)
            if col.style == "wrap" and isinstance(value, str):
                lines = max(lines, text_lines(value, widths[c]))
        if lines > 1:
            sheet.set_row(i, 15 * lines + 3)
    return widths


def _empty_row(sheet: Worksheet, fmt: _Formats, row: int, ncols: int, text: str) -> None:
    sheet.merge_range(row, 0, row, ncols - 1, text, fmt.center)


def _adoptions_sheet(book: Workbook, fmt: _Formats, data: BulletinData) -> None:
    sheet = add_sheet(book, ADOPTIONS_SHEET)
    cols = (
        Col("序号", "center"), Col("报送单位", "text", 24), Col("信息标题", "wrap", 46), Col("采用单位/刊物", "wrap", 26),
        Col("采用级别", "center", 10), Col("采用形式", "center", 10), Col("领导批示", "center", 10),
        Col("采用日期", "date", 12, 12), Col("稿件月份", "center", 12),
    )  # fmt: skip
    count = len({(a.unit_name, a.title_key) for a, _ in data.adopted})
    _sheet_title(sheet, fmt, len(cols), f"{data.period.label}信息采用明细", f"共 {len(data.adopted)} 条采用登记，涉及 {count} 篇稿件")
    rows = [
        [i, art.unit, art.title, a.outlet, a.level, a.form, a.instruction or "无", a.date, Period.parse(art.month).label]
        for i, (a, art) in enumerate(data.adopted, start=1)
    ]
    write_table(sheet, fmt, 2, cols, rows)
    if not rows:
        _empty_row(sheet, fmt, 3, len(cols), "本期没有已核对的采用登记。")
    _table_sheet(sheet, ncols=len(cols), title=data.title)


def _findings_sheet(book: Workbook, fmt: _Formats, data: BulletinData) -> None:
    sheet = add_sheet(book, FINDINGS_SHEET)
    cols = (
        Col("序号", "center"), Col("单位名称", "text", 22), Col("文件", "wrap", 30), Col("工作表", "text", 16),
        Col("行号", "center"), Col("单元格", "center"), Col("规则", "text", 16), Col("类别", "center"), Col("说明", "wrap", 60, 40),
    )  # fmt: skip
    order = data.unit_order
    findings = sorted(data.findings, key=lambda f: (order.get(f.unit, len(order)), f.unit, f.file, f.row or 0, f.code))
    errors = sum(1 for f in findings if f.severity == ERROR)
    caption = f"错误 {errors} 条（该行或该文件未计入）、提示 {len(findings) - errors} 条（已计入，请注意改进）"
    _sheet_title(sheet, fmt, len(cols), f"{data.period.label}问题稿件", caption)
    rows = [
        [i, f.unit, f.file, f.sheet, f.row, f.cell, f.label, SEVERITY_LABEL.get(f.severity, f.severity), f.message]
        for i, f in enumerate(findings, start=1)
    ]
    write_table(sheet, fmt, 2, cols, rows)
    if not rows:
        _empty_row(sheet, fmt, 3, len(cols), "本期没有发现问题。")
    _table_sheet(sheet, ncols=len(cols), title=data.title)


def _silent_sheet(book: Workbook, fmt: _Formats, data: BulletinData) -> None:
    sheet = add_sheet(book, SILENT_SHEET)
    cols = (Col("序号", "center"), Col("单位名称", "text", 26), Col("单位类别", "text", 16), Col("任务数", "integer", 8, 8), Col("情况", "wrap", 60, 30))
    _sheet_title(sheet, fmt, len(cols), f"{data.period.label}未报送单位", f"本期没有稿件计入的单位共 {len(data.silent)} 个")
    rows = [[i, s.unit, s.kind, s.quota, s.note] for i, s in enumerate(data.silent, start=1)]
    write_table(sheet, fmt, 2, cols, rows)
    for i, s in enumerate(data.silent, start=3):
        _quota_value(sheet, i, 3, s.quota, fmt.integer, fmt.decimal)
    if not rows:
        _empty_row(sheet, fmt, 3, len(cols), "各单位本期均有稿件计入。")
    _table_sheet(sheet, ncols=len(cols), landscape=True, title=data.title)


def _unmatched_sheet(book: Workbook, fmt: _Formats, data: BulletinData) -> None:
    sheet = add_sheet(book, UNMATCHED_SHEET)
    cols = (
        Col("登记表行号", "center", 10), Col("报送单位", "text", 22), Col("信息标题", "wrap", 40), Col("采用级别", "center", 10),
        Col("问题", "wrap", 36, 20), Col("最接近的已报送标题", "wrap", 50, 30),
    )  # fmt: skip
    caption = f"共 {len(data.unmatched)} 行，未计入采用数和奖励：请在采用登记表中核对单位和标题后重新生成"
    _sheet_title(sheet, fmt, len(cols), "未能对应到已报送稿件的采用登记", caption)
    rows = [
        [a.row, a.unit_name or a.unit, a.title, a.level, a.problem, "\n".join(a.candidates) if a.candidates else "（没有相近的标题）"]
        for a in data.unmatched
    ]
    write_table(sheet, fmt, 2, cols, rows)
    if not rows:
        _empty_row(sheet, fmt, 3, len(cols), "采用登记均已对应到已报送稿件。")
    _table_sheet(sheet, ncols=len(cols), title=data.title)
