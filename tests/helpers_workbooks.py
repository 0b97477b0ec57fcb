"""Build small unit workbooks in tmp_path for targeted reader and rule tests.

    rows = [["报送单位：", "岳阳县工信局"], [], HEADER, article_row()]
    path = write_xlsx(tmp_path / "岳阳县工信局_2015年03月.xlsx", rows, merges=["A1:D1"])

Cell values: str is written as text (never a formula), int/float as numbers, datetime/date as formatted dates,
a tuple (formula, cached result) as a formula (("=1/0", "#DIV/0!"): an error result), None as nothing. `sheets` may be a dict {sheet name: rows} for several sheets; `hidden` names sheets to hide.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from xlflow.core.model import RawRow, SheetRead, UnitFile
from xlflow.core.schema import REPORT_COLUMNS
from xlflow.core.text import normalize_title

HEADER = [c.name for c in REPORT_COLUMNS]
KEYS = [c.key for c in REPORT_COLUMNS]

BODY = (
    "今年以来，岳阳县坚持把工业作为经济发展的主引擎，围绕园区建设、项目推进和企业服务三条主线，"
    "扎实开展“企业服务年”活动，县级领导联系重点企业，帮助企业协调解决融资、用地、用工等方面困难。"
    "一季度全县新签约工业项目十二个，新开工项目八个，新投产项目五个，园区基础设施建设加快推进，"
    "标准厂房建设完成主体工程，为承接产业转移创造了条件。下一步，该县将进一步优化发展环境，"
    "强化要素保障，推动重点项目早投产、早见效，确保全年目标任务顺利完成，为全县经济发展作出更大贡献。"
)


def article(**overrides: object) -> dict[str, object]:
    """A good article as column key -> value; override any key."""
    values: dict[str, object] = {
        "seq": 1,
        "date": dt.datetime(2015, 3, 5),
        "title": "岳阳县扎实开展企业服务年活动",
        "category": "工作动态",
        "body": BODY,
        "chars": None,
        "analysis": "否",
        "signer": "李建国",
        "signer_title": "局长",
        "channel": "电子邮件",
        "urgency": "一般",
        "event_time": None,
        "reporter": "王芳",
        "note": None,
    }
    values.update(overrides)
    if "body" not in overrides:  # each title its own text: one 正文 under two titles is one article (R6)
        values["body"] = own_body(values["title"], BODY)
    return values


def own_body(title: object, body: str) -> str:
    """`body` beginning with the title (normalised: a title and its R6 copies share it), as long as `body`."""
    key = normalize_title(title) if isinstance(title, str) else ""
    return key + body[len(key) :] if len(key) < len(body) else body


def article_row(header: list[str] | None = None, **overrides: object) -> list[object]:
    """The article as a row in the order of `header` (canonical names; default the full template header)."""
    values = article(**overrides)
    by_name = {c.name: values.get(c.key) for c in REPORT_COLUMNS}
    return [by_name.get(name) for name in (header or HEADER)]


def _write_cell(book: xlsxwriter.Workbook, sheet, r: int, c: int, value: object, fmts: dict) -> None:  # noqa: ANN001
    if value is None:
        return
    if isinstance(value, dt.datetime):
        fmt = fmts["datetime"] if value.time() != dt.time() else fmts["date"]
        sheet.write_datetime(r, c, value, fmt)
    elif isinstance(value, dt.date):
        sheet.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmts["date"])
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value)
    elif isinstance(value, tuple):
        sheet.write_formula(r, c, value[0], None, value[1])
    elif isinstance(value, int | float):
        sheet.write_number(r, c, value)
    else:
        sheet.write_string(r, c, str(value))


def write_xlsx(
    path: Path,
    sheets: list[list[object]] | dict[str, list[list[object]]],
    *,
    merges: list[str] | dict[str, list[str]] | None = None,
    hidden: tuple[str, ...] = (),
    hidden_rows: tuple[int, ...] = (),
) -> Path:
    """An .xlsx with the given rows (a list: one sheet named 信息报送登记表); `hidden_rows` (0-based) hidden on
    every sheet."""
    if isinstance(sheets, list):
        sheets = {"信息报送登记表": sheets}
    if merges is None or isinstance(merges, list):
        merges = {next(iter(sheets)): merges or []}
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    fmts = {
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for ref in merges.get(name, []):
            first, last = ref.split(":")
            (r0, c0), (r1, c1) = _cell(first), _cell(last)
            sheet.merge_range(r0, c0, r1, c1, None)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                _write_cell(book, sheet, r, c, value, fmts)
        for r in hidden_rows:
            sheet.set_row(r, None, None, {"hidden": True})
        if name in hidden:
            sheet.hide()
    book.close()
    return path


def write_xls(path: Path, rows: list[list[object]], *, sheet: str = "信息报送登记表", merges: list[str] = ()) -> Path:
    """A legacy .xls (BIFF8, what old Excel and many WPS installs save) with the given rows."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    dt_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    merged_cells = set()
    for ref in merges:
        first, last = ref.split(":")
        (r0, c0), (r1, c1) = _cell(first), _cell(last)
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        ws.write_merge(r0, r1, c0, c1, value)
        merged_cells.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or (r, c) in merged_cells:
                continue
            if isinstance(value, dt.datetime):
                ws.write(r, c, value, dt_style if value.time() != dt.time() else date_style)
            elif isinstance(value, dt.date):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    book.save(str(path))
    return path


def _cell(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def unit_file(rows: list[dict[str, object]], *, unit: str = "岳阳县工信局", month: str = "2015-03",
              columns: tuple[str, ...] = tuple(KEYS), first_row: int = 4) -> UnitFile:
    """A UnitFile made directly (no workbook) for rule tests: rows are key -> value dicts."""
    letters = {k: chr(65 + i) for i, k in enumerate(columns)}
    raw = [
        RawRow(first_row + i, {k: row.get(k) for k in columns}, {k: f"{letters[k]}{first_row + i}" for k in columns},
               "信息报送登记表")
        for i, row in enumerate(rows)
    ]
    sheet = SheetRead("信息报送登记表", True, header_row=first_row - 1, columns=dict(letters), rows=len(raw))
    return UnitFile(Path(f"{unit}_{month}.xlsx"), "0" * 64, 0.0, unit, month, [sheet], raw)


def write_ods(path: Path, rows: list[list[object]], *, sheet: str = "信息报送登记表") -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice and some WPS setups save): strings, numbers, dates."""
    import zipfile
    from xml.sax.saxutils import escape

    cells_xml = []
    for row in rows:
        cells = []
        for value in row:
            if value is None:
                cells.append("<table:table-cell/>")
            elif isinstance(value, dt.datetime | dt.date):
                iso = value.strftime("%Y-%m-%dT%H:%M:%S" if isinstance(value, dt.datetime) else "%Y-%m-%d")
                cells.append(f'<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>')
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>')
            else:
                cells.append(f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>')
        cells_xml.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
        + "".join(cells_xml)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def write_encrypted_ooxml(path: Path) -> Path:
    """A compound file holding EncryptionInfo and EncryptedPackage streams: how Excel and WPS store a workbook
    saved with an opening password (the payload here is filler; no reader can open it without the password)."""
    import struct

    sector = 512
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    stream_size = 4096  # at the mini-stream cutoff, so the streams live in ordinary sectors
    per_stream = stream_size // sector
    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    fat = [fat_sect, end]
    for start in (2, 2 + per_stream):
        fat += [start + i + 1 for i in range(per_stream - 1)] + [end]
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = (name.encode("utf-16-le") + b"\0\0") if name else b""
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", left, right, child)
            + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
            + struct.pack("<II", start, size) + b"\0" * 4
        )

    directory = (
        entry("Root Entry", 5, nostream, nostream, 1, end, 0)
        + entry("EncryptionInfo", 2, nostream, 2, nostream, 2, stream_size)
        + entry("EncryptedPackage", 2, nostream, nostream, nostream, 2 + per_stream, stream_size)
        + entry("", 0, nostream, nostream, nostream, 0, 0)
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + b"\x04\x00\x04\x00".ljust(stream_size, b"\0") + bytes(range(256)) * 16
    path.write_bytes(bytes(header) + body)
    return path
