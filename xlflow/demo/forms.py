"""What the demo fills in by hand in real life: correspondents' register forms and the adoption register.
Deterministic for a seed; the people are those of `demo.content`, so names agree across workbooks."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlflow.core.model import Article
from xlflow.core.schema import ADOPTION_COLUMNS, ADOPTION_FORMS, ADOPTION_LEVELS
from xlflow.core.units import UnitTable
from xlflow.demo.content import people
from xlflow.fsutil import atomic_write_bytes

_MAJORS = ("汉语言文学", "经济学", "行政管理", "计算机科学与技术", "工商管理", "新闻学", "会计学")
_EDUCATION = ("大学本科", "大学本科", "研究生", "大学专科")
_PLACES = ("湖南岳阳", "湖南平江", "湖南湘阴", "湖南华容", "湖南汨罗", "湖南临湘", "湖南长沙")
_OUTLETS = {  # by adoption level
    "国家级": "工业和信息化部《工业和信息化动态》", "省级": "省政府办公厅《湖南政务》", "省经信委": "省经信委《经信动态》",
    "市级": "市政府办《岳阳政务信息》", "市经信委": "市经信委《经信简报》",
}


def _put(cell: Any, value: object) -> None:
    """Type into an openpyxl cell as a person would: text stays text, even one that starts with "="."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _save(book: Any, path: Path) -> None:
    """Save an openpyxl workbook as every writer does: whole or not at all, a failure naming `path` (OutputError)."""
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue(), durable=False)


def write_register_forms(units: UnitTable, folder: Path, *, year: int, seed: int) -> dict[str, str]:
    """Fill the 附件二 form for most units: a few missing, two late, one with a phone to fix. Returns unit → status."""
    import openpyxl

    from xlflow.writers.register_form import SHEET, register_slots, write_register_form

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"register:{seed}")
    blank = folder / ".blank.xlsx"
    write_register_form(blank)
    all_units = list(units)
    missing = {u.name for u in rng.sample(all_units, 3)}
    late = {u.name for u in rng.sample([u for u in all_units if u.name not in missing], 2)}
    deadline = dt.datetime(year, 2, 27, 17, 0)
    status: dict[str, str] = {}
    for i, unit in enumerate(all_units):
        if unit.name in missing:
            status[unit.name] = "未报"
            continue
        name = people(unit, seed)[1]
        mobile = "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))
        values: dict[str, object] = {
            "unit": unit.name,
            "name": name,
            "gender": rng.choice(("男", "女")),
            "birth": f"{rng.randint(year - 50, year - 24)}年{rng.randint(1, 12)}月",
            "major": rng.choice(_MAJORS),
            "education": rng.choice(_EDUCATION),
            "hometown": rng.choice(_PLACES),
            "address": f"岳阳市岳阳楼区{rng.choice(('巴陵中路', '建设路', '青年中路', '五里牌路'))}{rng.randint(1, 300)}号",
            "phone": f"0730-87{rng.randint(10000, 99999)}" if i != 5 else f"87{rng.randint(10000, 99999)}",
            "fax": "0730-8715396",
            "mobile": mobile,
            "email": f"yy{rng.randint(100000, 999999)}@163.com",
            "resume": f"{year - 8}年7月参加工作，现任{unit.name}综合岗位工作人员，负责政务信息报送。",
            "recommendation": f"同意推荐{name}同志为本单位政务信息通讯员。",
        }
        signed = dt.datetime(year, 2, rng.randint(13, 26))
        sent = deadline + dt.timedelta(days=3) if unit.name in late else deadline - dt.timedelta(days=rng.randint(1, 10))
        # the form's 日期 decides lateness: signed no later than sent; of the two late units one signed
        # late, one left the date blank (judged by the file time, and said so)
        sent_day = sent.replace(hour=0, minute=0)
        if unit.name in late:
            values["sign_date"] = sent_day if unit.name == min(late) else None
        else:
            values["sign_date"] = min(signed, sent_day)
        book = openpyxl.load_workbook(blank)
        for key, slot in register_slots().items():
            _put(book[SHEET].cell(slot.row + 1, slot.first + 1), values.get(key, ""))
        path = folder / f"{unit.name}_通讯员登记表.xlsx"
        _save(book, path)
        os.utime(path, (sent.timestamp(), sent.timestamp()))
        status[unit.name] = "迟报" if unit.name in late else "已报"
    blank.unlink()
    return status


def fill_adoption_register(path: Path, articles: Sequence[Article], *, seed: int) -> int:
    """Record adoptions of about a fifth of the counted articles, one at two levels, and two rows that match
    nothing (a mistyped title, a unit not in the table), in the workspace's 采用登记表. Returns rows written."""
    import openpyxl

    from xlflow.writers.coordinator_books import ADOPTION_HEADER_ROW

    rng = random.Random(f"adopt:{seed}")
    counted = sorted((a for a in articles if a.counted), key=lambda a: (a.month, a.unit, a.row))
    chosen = rng.sample(counted, max(1, len(counted) // 5)) if counted else []
    rows = [
        _adoption_row(article, rng.choices(ADOPTION_LEVELS, weights=(1, 3, 8, 14, 30))[0], rng)
        for article in sorted(chosen, key=lambda a: (a.date or dt.datetime.min, a.unit))
    ]
    if chosen:  # one article adopted at two levels: rewarded once, at the higher
        rows.append(_adoption_row(chosen[0], "省经信委", rng, instruction="市级"))
        rows.append(_adoption_row(chosen[0], "市经信委", rng))
    if len(chosen) > 2:
        rows.append({**_adoption_row(chosen[1], "市级", rng), "title": str(chosen[1].title)[:-3] + "情况"})
        rows.append({**_adoption_row(chosen[2], "市经信委", rng), "unit": "市直某某局"})
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for r, values in enumerate(rows, start=ADOPTION_HEADER_ROW + 2):  # the first row under the header
        for c, column in enumerate(ADOPTION_COLUMNS, start=1):
            if values.get(column.key) not in (None, ""):  # typed into the template's column: its format (采用日期's)
                cell = sheet.cell(r, c)
                cell._style = copy.copy(sheet.column_dimensions[cell.column_letter]._style)
                _put(cell, values[column.key])
    _save(book, path)
    return len(rows)


def _adoption_row(article: Article, level: str, rng: random.Random, *, instruction: str = "") -> dict[str, object]:
    base = article.date or dt.datetime.strptime(article.month + "-15", "%Y-%m-%d")
    return {
        "unit": article.unit,
        "title": article.title,
        "outlet": _OUTLETS[level],
        "level": level,
        "date": (base + dt.timedelta(days=rng.randint(3, 20))).date(),
        "form": rng.choices(ADOPTION_FORMS, weights=(5, 3, 2))[0],
        "instruction": instruction or rng.choices(("无", "市级", "省级"), weights=(20, 2, 1))[0],
    }

