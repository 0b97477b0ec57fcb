"""Build filled 通讯员登记表 for the roster tests: the real template, a hand-made form, a plain list, a workspace."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from xlflow.commands.init import init_workspace
from xlflow.core.schema import REGISTER_FIELDS, REGISTER_TITLE
from xlflow.writers.register_form import write_register_form

NAMES = {f.key: f.defined_name for f in REGISTER_FIELDS}

# a correspondent with every field filled in the way the form asks
PERSON: dict[str, object] = {
    "unit": "岳阳县工信局",
    "name": "张三",
    "gender": "男",
    "birth": "1985年6月",
    "major": "汉语言文学",
    "education": "大学本科",
    "hometown": "湖南岳阳",
    "address": "岳阳县荣家湾镇建设路18号",
    "phone": "0730-7622501",
    "fax": "0730-7622502",
    "mobile": "13807301234",
    "email": "zhangsan@163.com",
    "resume": "2008年7月至2012年6月 岳阳县工信局办公室科员\n2012年7月至今 岳阳县工信局综合股副股长",
    "recommendation": "同意推荐张三同志为我局政务信息通讯员。",
    "sign_date": dt.datetime(2015, 2, 16),  # before the file is saved (fill_template: 2015-02-20), as in life
}
# how the reader gives each of PERSON's values back
PERSON_READ: dict[str, str] = {**{k: str(v) for k, v in PERSON.items()}, "sign_date": "2015年2月16日"}

# the labels exactly as the notice's 附件二 prints them: spaced, with line breaks
NOTICE_LABELS = {
    "unit": "科室\n\n（单位）",
    "name": "姓 名",
    "gender": "性 别",
    "birth": "出 生\n年 月",
    "major": "所 学\n专 业",
    "education": "学 历",
    "hometown": "籍 贯",
    "address": "通 讯\n地 址",
    "phone": "固 定\n电 话",
    "fax": "传 真",
    "mobile": "移 动\n电 话",
    "email": "邮 箱",
    "resume": "本人\n工作\n简历",
    "recommendation": "单位\n推荐\n意见",
}


def set_mtime(path: Path, when: dt.datetime) -> Path:
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def fill_template(path: Path, values: dict[str, object], *, when: dt.datetime | None = None, unit: str = "") -> Path:
    """The real register_template.xlsx, filled through its defined names as a person in Excel would."""
    write_register_form(path, unit=unit)
    book = openpyxl.load_workbook(path)
    for key, value in values.items():
        title, ref = next(iter(book.defined_names[NAMES[key]].destinations))
        book[title][ref.replace("$", "")].value = value
    book.save(path)
    return set_mtime(path, when or dt.datetime(2015, 2, 20, 9, 30))


def strip_names(path: Path) -> Path:
    """What a WPS or LibreOffice re-save that lost the defined names leaves: the same cells, no names."""
    stamp = path.stat().st_mtime
    book = openpyxl.load_workbook(path)
    for name in list(book.defined_names):
        del book.defined_names[name]
    for ws in book.worksheets:
        for name in list(ws.defined_names):
            del ws.defined_names[name]
    book.save(path)
    os.utime(path, (stamp, stamp))
    return path


def hand_form(path: Path, values: dict[str, object], *, when: dt.datetime | None = None) -> Path:
    """The 附件二 form retyped by hand: the notice's spaced labels, merged value cells, no defined names."""
    book = openpyxl.Workbook()
    ws: Worksheet = book.active
    ws.title = "Sheet1"
    ws["A1"] = REGISTER_TITLE
    ws.merge_cells("A1:F1")
    layout = (
        (3, (("unit", "B", "F"),)),
        (4, (("name", "B", "B"), ("gender", "D", "D"), ("birth", "F", "F"))),
        (5, (("major", "B", "B"), ("education", "D", "D"), ("hometown", "F", "F"))),
        (6, (("address", "B", "F"),)),
        (7, (("phone", "B", "B"), ("fax", "D", "D"), ("mobile", "F", "F"))),
        (8, (("email", "B", "F"),)),
        (9, (("resume", "B", "F"),)),
        (10, (("recommendation", "B", "F"),)),
    )
    for row, fields in layout:
        for key, first, last in fields:
            label_col = chr(ord(first) - 1)
            ws[f"{label_col}{row}"] = NOTICE_LABELS[key]
            if first != last:
                ws.merge_cells(f"{first}{row}:{last}{row}")
            if values.get(key) is not None:
                ws[f"{first}{row}"] = values[key]
    ws["E12"] = "(盖章)"
    sign = values.get("sign_date")
    ws["E13"] = f"{sign.year}年{sign.month}月{sign.day}日" if isinstance(sign, dt.date) else "2015年　月　日"
    book.save(path)
    return set_mtime(path, when or dt.datetime(2015, 2, 20, 9, 30))


def plain_list(path: Path, header: list[str], rows: list[list[object]], *, when: dt.datetime | None = None) -> Path:
    """A table one office sends instead of forms: a title row, a blank row, then the header and one row per person."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "通讯员名单"
    ws["A1"] = "各科室政务信息通讯员名单"
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return set_mtime(path, when or dt.datetime(2015, 2, 20, 9, 30))


def libreoffice_resave(path: Path, out_dir: Path) -> Path | None:
    """Round-trip a workbook through LibreOffice (as a user re-saving it would); None when soffice is absent."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / "lo-profile").resolve()
    command = [
        soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
        "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir), str(path),
    ]
    # its own process group, so a hung soffice.bin is ended with the wrapper script that started it
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None
    result = out_dir / path.name
    return result if result.is_file() else None


def make_workspace(root: Path, *, year: int = 2015) -> Path:
    """A workspace as `xlflow init` makes it (register deadline 2015-02-27, the 34 units of 附件一)."""
    init_workspace(root, year)
    return root
