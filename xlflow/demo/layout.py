"""How each shape of `xlflow.demo.returns.SHAPES` lays a unit's planned articles out in `Sheet`s, and the
drawing of those sheets as .xlsx (`xlsx_bytes`) or .xls (`xls_bytes`)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from xlflow.core.dates import EXCEL_EPOCH
from xlflow.core.schema import COLUMNS_BY_KEY, KIND_COUNTY, REPORT_COLUMNS
from xlflow.core.text import count_chars
from xlflow.core.units import Unit
from xlflow.demo.content import PlannedRow, people, short_name, styled_name

CONSTANT_MEMORY_ROWS = 2000  # bigger sheets are written row by row (benchmark corpora)

# header variants for the synonyms shape
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("编号",), "date": ("日期", "报送时间", "上报日期"), "title": ("标题（必填）", "稿件标题", "信息\n标题", "题目"),
    "category": ("类型", "信息类型", "类别"), "body": ("信息内容", "内容", "正文内容"), "chars": ("字 数", "正文字数"),
    "analysis": ("情况分析", "有无情况分析"), "signer": ("签发人", "审核人", "审签"), "signer_title": ("职务", "签发人职务"),
    "channel": ("方式", "报送渠道"), "urgency": ("是否紧急",), "event_time": ("发生时间", "事件时间"),
    "reporter": ("报送人", "联系人", "填报人"), "note": ("说明",),
}
# the merged_header shape's group cells, each over its column and the next
_GROUPS = {"signer": "审签", "signer_title": None, "urgency": "紧急信息", "event_time": None}

# a date as units type it: a real date, a General-format serial, or text in one of five ways
_DATE_FORMS: dict[str, Callable[[dt.datetime], object]] = {
    "date": lambda d: d,
    "serial": lambda d: float((d - EXCEL_EPOCH).days),
    "cn": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "dot": lambda d: f"{d.year}.{d.month}.{d.day}",
    "slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "md": lambda d: f"{d.month}月{d.day}日",
    "iso": lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
}


@dataclass
class Sheet:
    name: str
    rows: list[list[object]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (0-based, inclusive)
    hidden: bool = False
    header_rows: tuple[int, ...] = ()
    widths: dict[int, float] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (r, c) -> formula; rows hold the cache

    def add(self, row: list[object]) -> int:
        self.rows.append(row)
        return len(self.rows) - 1


_HELP_SHEET = Sheet("填表说明", [  # the same in every file that has one, never changed
    ["填表说明", ""],
    ["1", "每条信息填一行：报送日期、信息标题、信息类别、正文（或字数）、审签人必填。"],
    ["2", "每条信息字数不少于200字；指标类信息必须有情况分析。"],
    ["3", "工信局报送的信息由单位负责人审签；科室报送的信息由分管领导审签。"],
    ["4", "紧急信息请注明事件发生时间，第一时间报送。"],
    ["列名", "说明"],
    *([c.name, c.note] for c in REPORT_COLUMNS),
], widths={0: 14, 1: 70})


def _event_form(rng: random.Random, value: object) -> object:
    """An event time as typed: half of them a real date and time, the rest text."""
    if not isinstance(value, dt.datetime):
        return value
    form = rng.random()
    if form < 0.5:
        return value
    if form < 0.75:
        return value.strftime("%Y-%m-%d %H:%M")
    minutes = f"{value.minute}分" if value.minute else ""
    return f"{value.year}年{value.month}月{value.day}日{value.hour}时{minutes}"


def _unit_label(rng: random.Random, unit: Unit) -> str:
    """How a unit writes its own name: full, short, with \u3000, 汩罗 for 汨罗, with the commission's name."""
    choices = [unit.name, unit.name, unit.name.replace("汨罗", "汩罗")]
    if unit.kind == KIND_COUNTY:
        short = short_name(unit)
        choices += [short, short + "\u3000工信局", short + " 工信局", short + "工业和信息化局"]
    else:
        choices += ["市经信委" + unit.name, unit.name + " "]
    return rng.choice(choices)


def _month_label(rng: random.Random, year: int, month: int) -> object:
    return rng.choice((f"{year}年{month}月", f"{year}年{month:02d}月", f"{year}-{month:02d}", f"{year}.{month}",
                       f"{year}年{month}月份"))


def file_name(rng: random.Random, unit: Unit, year: int, month: int, shape: str, ext: str) -> str:
    short = short_name(unit)
    template_name = f"{unit.name}_{year}年{month:02d}月信息报送登记表{ext}"
    if shape == "canonical":
        return template_name
    if shape == "filename_only":
        return rng.choice((f"{short}_{year}年{month}月政务信息{ext}", f"{year}.{month:02d} {short}信息报送{ext}",
                           f"{unit.name}{year}{month:02d}{ext}"))
    return rng.choice((
        template_name, f"{short}{month}月份政务信息{ext}",
        f"{unit.name.replace('汨罗', '汩罗')}_{year}年{month:02d}月{ext}",
        f"政务信息报送登记表（{short}）{ext}", f"{short}{year}年{month}月信息报送表{ext}",
    ))


def arrange(unit: Unit, year: int, month: int, shape: str, rows: list[PlannedRow],
            seed: int) -> tuple[list[Sheet], list[int]]:
    """The sheets of the file and the Excel row number of each planned row (same order as `rows`)."""
    from xlflow.writers.report import chars_formula  # the template's own 字数 formula

    rng = random.Random(f"layout:{seed}:{unit.name}:{year}:{month}:{shape}")
    keys = [c.key for c in REPORT_COLUMNS]
    if shape == "chars_only":
        keys.remove("body")
    elif shape == "reordered":
        for drop in ("seq", "channel", "note"):
            if rng.random() < 0.6:
                keys.remove(drop)
        rng.shuffle(keys)
    elif shape == "unit_column":
        keys.insert(1, "unit")
    width = len(keys)
    col = {k: i for i, k in enumerate(keys)}
    headers = [
        "报送单位" if k == "unit" else rng.choice(_SYNONYMS[k]) if shape == "synonyms" else COLUMNS_BY_KEY[k].name
        for k in keys
    ]
    sheet = Sheet("信息报送登记表")
    sheets = [sheet]
    forms = tuple(_DATE_FORMS)[: 5 if shape == "xls" else None]
    title = "岳阳市经信委政务信息报送登记表"

    def pad(*cells: object) -> list[object]:
        return [*cells, *[None] * (width - len(cells))]

    if shape == "title_rows":
        sheet.add(pad("岳阳市经济和信息化委员会"))
        sheet.add(pad(f"{_unit_label(rng, unit)}{year}年{month}月政务信息报送登记表"))
        sheet.merges += [(0, 0, 0, width - 1), (1, 0, 1, width - 1)]
        sheet.add([None] * (width - 3) + ["填报日期：", f"{year}年{month % 12 + 1}月2日", None])
    elif shape == "merged_header":
        sheet.add(pad(title))
        sheet.add(pad(f"报送单位：{_unit_label(rng, unit)}\u3000\u3000\u3000报送月份：{year}年{month}月"))
        sheet.merges += [(0, 0, 0, width - 1), (1, 0, 1, width - 1)]
    elif shape == "instructions_first":
        # last month's sheet kept in the file: read, and set aside as another month's
        last = dt.date(year, month, 1) - dt.timedelta(days=1)
        old_rows = [pad("报送单位", unit.name, None, "报送月份", f"{last.year}年{last.month}月"), headers]
        old_rows += [pad(k, f"{year - 1}-12-0{k}", f"上年旧信息{k}", "工作动态", "旧内容" * 80) for k in range(1, 4)]
        sheets[:0] = [_HELP_SHEET, Sheet("上月", old_rows, hidden=True, header_rows=(1,))]
        sheet.name = "Sheet1"
        sheet.add(pad("报送单位", _unit_label(rng, unit), None, "报送月份", _month_label(rng, year, month)))
        sheet.add(pad())
    elif shape != "filename_only":  # the template's title and label row
        sheet.add(pad(title))
        sheet.merges.append((0, 0, 0, width - 1))
        unit_cells = ("报送单位：", _unit_label(rng, unit)) if shape != "unit_column" else (None, None)
        month_label = f"{year}年{month}月" if shape == "xls" else _month_label(rng, year, month)
        sheet.add(pad(*unit_cells, None, "报送月份：", month_label))

    if shape == "merged_header":
        r = sheet.add([_GROUPS[k] if k in _GROUPS else h for k, h in zip(keys, headers, strict=True)])
        sheet.add([h if k in _GROUPS else None for k, h in zip(keys, headers, strict=True)])
        for c, k in enumerate(keys):
            if k not in _GROUPS:
                sheet.merges.append((r, c, r + 1, c))
            elif _GROUPS[k]:
                sheet.merges.append((r, c, r, c + 1))
        sheet.header_rows = (r, r + 1)
    else:
        sheet.header_rows = (sheet.add(headers),)

    unit_spellings = [_unit_label(rng, unit) for _ in range(3)]
    excel_rows: list[int] = []
    first_data = len(sheet.rows)
    for n, planned in enumerate(rows, start=1):
        if shape == "blank_notes" and n > 1 and rng.random() < 0.4:
            sheet.add(pad())
        values = {**planned.values, "seq": n}
        date = values.get("date")
        if isinstance(date, dt.datetime):
            values["date"] = _DATE_FORMS[rng.choice(forms)](date)
        values["event_time"] = _event_form(rng, values.get("event_time"))
        values["unit"] = rng.choice(unit_spellings)
        if shape == "synonyms":
            values["urgency"] = "是" if values.get("urgency") == "紧急" else rng.choice(("否", None))
        r = sheet.add([values.get(k) for k in keys])
        excel_rows.append(r + 1)
        if shape == "canonical":
            body = values.get("body")
            sheet.rows[r][col["chars"]] = count_chars(str(body)) if body else ""
            sheet.formulas[(r, col["seq"])] = f'=IF(C{r + 1}="","",COUNTA(C${first_data + 1}:C{r + 1}))'
            sheet.formulas[(r, col["chars"])] = chars_formula(f"E{r + 1}")

    if shape == "merged_cells":  # 审签人 merged down over runs of consecutive good rows that share a signer
        c = col["signer"]
        signers = [i if p.kind else p.values["signer"] for i, p in enumerate(rows)]  # a flawed row runs on its own
        for _, run in itertools.groupby(range(len(rows)), key=signers.__getitem__):
            first, *rest = (excel_rows[i] - 1 for i in run)
            if rest:
                sheet.merges.append((first, c, rest[-1], c))
                for r in rest:
                    sheet.rows[r][c] = None
    if shape == "blank_notes":
        sheet.add(pad())
        sheet.rows += [pad(k) for k in range(len(rows) + 1, len(rows) + 4)]  # numbered rows left empty
        sheet.add(pad("合计", None, f"{len(rows)}条"))
        sheet.add(pad("注：1.信息类别从下拉列表选择；2.指标类信息须含情况分析。"))
        sheet.add(pad(f"填表人：{styled_name(rng, people(unit, seed)[1])}", None, None, "联系电话：0730-8715396"))
    elif shape in ("canonical", "title_rows", "xls") and rng.random() < 0.5:
        sheet.add(pad())
        sheet.add(pad(f"填表人：{people(unit, seed)[1]}"))
    if shape == "canonical":
        sheets.append(_HELP_SHEET)
    sheet.widths = {c: {"title": 36, "body": 50, "date": 12}.get(k, 10) for c, k in enumerate(keys)}
    return sheets, excel_rows


def _cells(spec: Sheet) -> Iterator[tuple[tuple[int, ...], object, str]]:
    """What to draw, row by row, as (where, value, style): each cell outside the merges, then the merges that
    start on its row, `where` their (r0, c0, r1, c1). Cells are ruled in the table, blank ones too."""
    merged = {(r, c) for r0, c0, r1, c1 in spec.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    first_data = max(spec.header_rows, default=-1) + 1
    for r, row in enumerate(spec.rows):
        part = "header" if r in spec.header_rows else "table" if r >= first_data else "top"
        for c, value in enumerate(row):
            if (r, c) in merged or (value is None and not (spec.header_rows and part == "table")):
                continue
            if isinstance(value, dt.datetime):
                style = "datetime" if value.time() != dt.time() else "date"
            else:
                style = "wrap" if isinstance(value, str) and len(value) > 60 and part == "table" else part
            yield (r, c), value, style
        for merge in (m for m in spec.merges if m[0] == r):
            yield merge, spec.rows[r][merge[1]], "title" if part == "top" else part


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    from xlflow.writers.base import new_workbook

    # constant memory writes row by row: only when no merge reaches down past its first row
    big = sum(len(s.rows) for s in sheets) > CONSTANT_MEMORY_ROWS and all(
        r1 == r0 for s in sheets for (r0, _, r1, _) in s.merges
    )
    buffer = io.BytesIO()
    with new_workbook(buffer, title="政务信息报送登记表", constant_memory=big) as book:
        formats = {
            "date": book.add_format({"num_format": "yyyy-mm-dd", "border": 1}),
            "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm", "border": 1}),
            "table": book.add_format({"border": 1, "valign": "vcenter"}),
            "wrap": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
            "header": book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                                       "text_wrap": True}),
            "title": book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}),
            "top": None,
        }
        for spec in sheets:
            ws = book.add_worksheet(spec.name)
            for c, w in spec.widths.items():
                ws.set_column(c, c, w)
            for where, value, style in _cells(spec):
                if len(where) == 4:
                    ws.merge_range(*where, "" if value is None else str(value), formats[style])
                elif where in spec.formulas:
                    ws.write_formula(*where, spec.formulas[where], formats[style], "" if value is None else value)
                elif isinstance(value, str):
                    ws.write_string(*where, value, formats[style])
                else:  # a number, a date, or a ruled blank
                    ws.write(*where, value, formats[style])
            if spec.hidden:
                ws.hide()
            if spec.header_rows:
                ws.freeze_panes(max(spec.header_rows) + 1, 0)
    return buffer.getvalue()


def xls_bytes(sheets: list[Sheet]) -> bytes:
    """The sheets as a legacy .xls (BIFF8): bold headers and merged titles, no rules (the xls shape only)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    header_style = xlwt.easyxf("font: bold on; align: horiz center, wrap on")
    styles = {
        "date": xlwt.easyxf(num_format_str="YYYY-MM-DD"),
        "datetime": xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM"),
        "header": header_style,
    }
    for spec in sheets:
        ws = book.add_sheet(spec.name, cell_overwrite_ok=True)
        for where, value, style in _cells(spec):
            if len(where) == 4:
                r0, c0, r1, c1 = where
                ws.write_merge(r0, r1, c0, c1, "" if value is None else value, header_style)
            elif value is not None:
                ws.write(*where, value, styles.get(style, xlwt.Style.default_style))
        for c, w in spec.widths.items():
            ws.col(c).width = int(256 * w)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
