"""Hostile and strange input files for tests, built in a temporary folder, cheaply.

Every builder takes the path to write and returns it. Nothing here needs LibreOffice or Excel: workbooks are
assembled from their parts (OOXML zip parts, a minimal OLE2 compound file, BIFF8 records), so each case is exactly
the shape it claims to be and costs milliseconds — the 2 GB zip bomb is about 2 MB on disk and is built from one
compressed block repeated, its CRC computed with crc32_combine instead of over 2 GB.

CASES maps a case name to (file name, builder); tests/test_preflight.py asserts what xlflow says about each.
"""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter

from xlflow.core.text import column_letter

# -- OOXML parts ------------------------------------------------------------------------------------

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CT_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def content_types(main_type: str = CT_MAIN, *, vba: bool = False) -> str:
    vba_default = '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' if vba else ""
    return (
        XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + vba_default + f'<Override PartName="/xl/workbook.xml" ContentType="{main_type}"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    )


ROOT_RELS = (
    XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    XML_DECL + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)


def workbook_rels(*, vba: bool = False) -> str:
    vba_rel = (
        '<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
        if vba
        else ""
    )
    return (
        XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        + vba_rel
        + "</Relationships>"
    )


STYLES = (
    XML_DECL + f'<styleSheet xmlns="{NS_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/></cellXfs>'
    "</styleSheet>"
)

HEADER = ["报送日期", "信息标题", "信息类别", "字数", "审签人"]
ROWS = [["2015年3月5日", "全市规模工业增加值增长8.5%", "经济运行", 350, "张三"]]


col_letter = column_letter  # 0 -> A, 16383 -> XFD


def cell_xml(ref: str, value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def rows_xml(rows: Iterable[list[object]], start: int = 1) -> str:
    out = []
    for r, row in enumerate(rows, start=start):
        cells = "".join(cell_xml(f"{col_letter(c)}{r}", v) for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def sheet_xml(body: str, *, dimension: str = "A1:E2", prolog: str = "") -> str:
    return (
        XML_DECL + prolog + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><dimension ref="{dimension}"/>'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def shared_strings_xml(strings: list[str], *, prolog: str = "", raw: str | None = None) -> str:
    items = raw if raw is not None else "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return (
        XML_DECL + prolog + f'<sst xmlns="{NS_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )


def xlsx_parts(
    *,
    sheet: str | None = None,
    shared: str | None = None,
    main_type: str = CT_MAIN,
    vba: bytes | None = None,
) -> dict[str, bytes]:
    """The parts of a small valid workbook: header + ROWS as inline strings unless `sheet` is given."""
    parts = {
        "[Content_Types].xml": content_types(main_type, vba=vba is not None),
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": workbook_rels(vba=vba is not None),
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": shared if shared is not None else shared_strings_xml([]),
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(rows_xml([HEADER, *ROWS])),
    }
    out = {name: text.encode("utf-8") for name, text in parts.items()}
    if vba is not None:
        out["xl/vbaProject.bin"] = vba
    return out


def write_zip(path: Path, parts: dict[str, bytes], *, level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def valid_xlsx(path: Path) -> Path:
    """A small, honest workbook: the control case every hostile case differs from in one way."""
    return write_zip(path, xlsx_parts())


# -- a zip written by hand (declared sizes under our control) -------------------------------------


# crc32_combine: zlib's, which Python does not expose (CRC of A+B from the CRCs of A and B)


def _gf2_times(matrix: list[int], vector: int) -> int:
    total = 0
    i = 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A+B from crc(A), crc(B) and len(B) (zlib's crc32_combine, which Python does not expose)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    while True:
        even = _gf2_square(odd)  # first pass: one zero byte
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2




def _crc_repeated(chunk: bytes, times: int) -> int:
    """CRC-32 of `chunk * times` by doubling."""
    result, result_len = 0, 0
    power, power_len = zlib.crc32(chunk), len(chunk)
    while times:
        if times & 1:
            result = crc32_combine(result, power, power_len) if result_len else power
            result_len += power_len
        times >>= 1
        if times:
            power = crc32_combine(power, power, power_len)
            power_len *= 2
    return result


class RawEntry:
    """One zip entry whose compressed bytes, CRC and declared sizes we set ourselves."""

    def __init__(self, name: str, data: bytes, crc: int, size: int, *, method: int = 8, flags: int = 0) -> None:
        self.name, self.data, self.crc, self.size, self.method, self.flags = name, data, crc, size, method, flags

    @classmethod
    def deflated(cls, name: str, payload: bytes) -> RawEntry:
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        return cls(name, comp.compress(payload) + comp.flush(), zlib.crc32(payload), len(payload))


def write_raw_zip(path: Path, entries: list[RawEntry]) -> Path:
    """A zip from raw entries (no zip64: every size below 4 GiB)."""
    out = io.BytesIO()
    central = []
    for e in entries:
        offset = out.tell()
        name = e.name.encode("utf-8")
        flags = e.flags | 0x800
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, e.method, 0, 0x21, e.crc, len(e.data), e.size, len(name), 0))
        out.write(name)
        out.write(e.data)
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, e.method, 0, 0x21, e.crc, len(e.data), e.size, len(name), 0, 0, 0, 0, 0, offset)
            + name
        )
    cd_offset = out.tell()
    cd = b"".join(central)
    out.write(cd)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), cd_offset, 0))
    path.write_bytes(out.getvalue())
    return path


BOMB_ROW = b'<row><c t="inlineStr"><is><t>xlflow</t></is></c></row>'


def _bomb_entry(declared: int | None, inflated: int) -> RawEntry:
    """sheet1.xml inflating to about `inflated` bytes of identical rows; `declared` is what the directory says."""
    head = (XML_DECL + f'<worksheet xmlns="{NS_MAIN}"><sheetData>').encode()
    tail = b"</sheetData></worksheet>"
    chunk = BOMB_ROW * (1_048_576 // len(BOMB_ROW))
    times = max(1, (inflated - len(head) - len(tail)) // len(chunk))
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "a full flush must make the compressed chunk repeatable"
    data = first + block * times + comp.compress(tail) + comp.flush()
    size = len(head) + len(chunk) * times + len(tail)
    crc = crc32_combine(crc32_combine(zlib.crc32(head), _crc_repeated(chunk, times), len(chunk) * times), zlib.crc32(tail), len(tail))
    return RawEntry("xl/worksheets/sheet1.xml", data, crc, size if declared is None else declared)


def _workbook_with(path: Path, sheet_entry: RawEntry) -> Path:
    parts = xlsx_parts()
    entries = [RawEntry.deflated(n, d) for n, d in parts.items() if n != "xl/worksheets/sheet1.xml"]
    return write_raw_zip(path, [*entries, sheet_entry])


def zip_bomb(path: Path, inflated: int = 2 * 1024**3) -> Path:
    """A workbook whose sheet inflates to ~2 GB and honestly says so in the zip directory (~2 MB on disk)."""
    return _workbook_with(path, _bomb_entry(None, inflated))


def zip_bomb_understated(path: Path, inflated: int = 2 * 1024**3, declared: int = 50_000) -> Path:
    """The same bomb, but the directory claims the sheet is 50 KB: only a reader that trusts the stream inflates it."""
    return _workbook_with(path, _bomb_entry(declared, inflated))


def zip_bomb_moderate(path: Path, inflated: int = 150 * 1024**2) -> Path:
    """150 MB of identical rows (ratio ~1000): under the size caps, caught by the compression ratio."""
    return _workbook_with(path, _bomb_entry(None, inflated))


def many_entries(path: Path, count: int = 5000) -> Path:
    entries = [RawEntry.deflated(n, d) for n, d in xlsx_parts().items()]
    entries += [RawEntry.deflated(f"xl/media/image{i}.png", b"x") for i in range(count)]
    return write_raw_zip(path, entries)


def truncated_zip(path: Path) -> Path:
    """A workbook cut off in the middle, as an interrupted copy or a mail size limit leaves it."""
    full = io.BytesIO()
    with zipfile.ZipFile(full, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in xlsx_parts().items():
            zf.writestr(name, data)
    data = full.getvalue()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def unusual_compression(path: Path) -> Path:
    """The sheet stored with compression method 14 (LZMA), which Excel never writes."""
    entries = [RawEntry.deflated(n, d) for n, d in xlsx_parts().items()]
    sheet = entries[-1]
    sheet.method = 14
    return write_raw_zip(path, entries)


# -- XML attacks ------------------------------------------------------------------------------------

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def billion_laughs_sheet(path: Path) -> Path:
    body = rows_xml([HEADER]) + '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body, prolog=LAUGHS)))


def billion_laughs_shared_strings(path: Path) -> Path:
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    shared = shared_strings_xml(["x"], prolog=LAUGHS, raw="<si><t>&lol9;</t></si>")
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body), shared=shared))


def xxe_sheet(path: Path) -> Path:
    body = rows_xml([HEADER]) + '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body, prolog=XXE)))


def xxe_shared_strings(path: Path) -> Path:
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    shared = shared_strings_xml(["x"], prolog=XXE, raw="<si><t>&xxe;</t></si>")
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body), shared=shared))


def doctype_after_padding(path: Path) -> Path:
    """A DOCTYPE behind 20 KB of comment, past any fixed look at the first few KB."""
    prolog = "<!-- " + "x" * 20_000 + " -->\n" + XXE
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body, prolog=prolog)))


def prolog_too_long(path: Path) -> Path:
    """A DOCTYPE behind 100 KB of comment: no spreadsheet has a prolog that long, so it is refused unread."""
    prolog = "<!-- " + "x" * 100_000 + " -->\n" + XXE
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body, prolog=prolog)))


def doctype_utf7(path: Path) -> Path:
    """The XXE prolog in UTF-7, where '<!DOCTYPE' is written '+ADw-!DOCTYPE'."""
    body = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>').split("\n", 1)[1]
    prolog = XXE.replace("<", "+ADw-").replace(">", "+AD4-")
    parts = xlsx_parts()
    parts["xl/worksheets/sheet1.xml"] = ('<?xml version="1.0" encoding="UTF-7"?>\n' + prolog + body).encode("ascii")
    return write_zip(path, parts)


def doctype_utf16(path: Path) -> Path:
    """The XXE sheet encoded as UTF-16, where a byte search for '<!DOCTYPE' finds nothing."""
    text = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>', prolog=XXE)
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parts = xlsx_parts()
    parts["xl/worksheets/sheet1.xml"] = text.encode("utf-16")
    return write_zip(path, parts)


# -- strange but harmless sheets (pre-flight passes them; the reader must bound them) -------------


def lying_dimension(path: Path) -> Path:
    """Two rows of data under a <dimension> claiming the whole grid, A1:XFD1048576."""
    return write_zip(path, xlsx_parts(sheet=sheet_xml(rows_xml([HEADER, *ROWS]), dimension="A1:XFD1048576")))


def far_cell(path: Path) -> Path:
    """Real data plus one stray cell at XFD1048576: the used range really is the whole grid."""
    body = rows_xml([HEADER, *ROWS]) + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body, dimension="A1:XFD1048576")))


def far_cell_variant(path: Path, cell: str, *, row: int = 1_048_576, extra: str = "") -> Path:
    """Header and data, then `cell` (raw XML) in a row numbered `row`: the far cells written in every way calamine
    accepts — a namespace prefix, lower-case letters, attributes in another order, no reference at all."""
    body = rows_xml([HEADER, *ROWS]) + f'<row r="{row}">{cell}</row>' + extra
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body)))


def far_down(path: Path) -> Path:
    """One value at E1048576 under a five-column table: 5.2 M cells (170 MB in calamine), over the 5 M bound."""
    return far_cell_variant(path, '<c r="E1048576" t="inlineStr"><is><t>x</t></is></c>')


def far_cell_prefixed(path: Path) -> Path:
    """The far cell as <x:c …>: calamine matches local names, so it aborts on this just the same."""
    return far_cell_variant(path, f'<x:c xmlns:x="{NS_MAIN}" r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>')


def far_cell_lowercase(path: Path) -> Path:
    return far_cell_variant(path, '<c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c>')


def far_cell_reordered(path: Path) -> Path:
    """Attributes before the reference, one of them holding a '>'."""
    return far_cell_variant(path, '<c s="0" t="inlineStr" x=">" r="XFD1048576"><is><t>x</t></is></c>')


def far_row_without_refs(path: Path, columns: int = 16) -> Path:
    """Cells without r="…" in a row numbered 1,048,576: calamine places them by counting (16.7 M cells)."""
    cells = '<c t="inlineStr"><is><t>x</t></is></c>' * columns
    return far_cell_variant(path, cells)


def wide_near(path: Path) -> Path:
    """A value at XFD3, beside the data: 3 rows × 16,384 columns = 49,152 cells, harmless; read as usual."""
    body = rows_xml([HEADER, *ROWS]) + '<row r="3"><c r="XFD3" t="inlineStr"><is><t>备注</t></is></c></row>'
    return write_zip(path, xlsx_parts(sheet=sheet_xml(body)))


def far_cell_hidden_sheet(path: Path) -> Path:
    """The data on a visible sheet, a stray value at XFD1048576 on a hidden one: the readers read hidden sheets
    too, so the file is refused like any other far cell, naming the hidden sheet."""
    parts = xlsx_parts()
    parts["xl/workbook.xml"] = (
        XML_DECL + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheets>'
        '<sheet name="登记表" sheetId="1" r:id="rId1"/><sheet name="草稿" sheetId="2" state="hidden" r:id="rId9"/>'
        "</sheets></workbook>"
    ).encode()
    parts["xl/_rels/workbook.xml.rels"] = workbook_rels().replace(
        "</Relationships>",
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="/xl/worksheets/sheet2.xml"/></Relationships>',
    ).encode()
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    parts["xl/worksheets/sheet2.xml"] = sheet_xml(far, dimension="XFD1048576").encode()
    parts["[Content_Types].xml"] = content_types().replace(
        "</Types>",
        '<Override PartName="/xl/worksheets/sheet2.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ).encode()
    return write_zip(path, parts)


def styled_to_bottom(path: Path, *, columns: int = 5, last_row: int = 1_048_576) -> Path:
    """Header and data, then every row down to 1,048,576 carrying bordered empty cells, as Excel writes a sheet
    where someone selected A:E and drew borders."""
    out = io.StringIO()
    out.write(rows_xml([HEADER, *ROWS]))
    first = len(ROWS) + 2
    letters = [col_letter(c) for c in range(columns)]
    for r in range(first, last_row + 1):
        out.write(f'<row r="{r}" spans="1:{columns}">')
        for letter in letters:
            out.write(f'<c r="{letter}{r}" s="1"/>')
        out.write("</row>")
    sheet = sheet_xml(out.getvalue(), dimension=f"A1:{letters[-1]}{last_row}")
    return write_zip(path, xlsx_parts(sheet=sheet))


def styled_rows_to_bottom(path: Path, *, last_row: int = 1_048_576) -> Path:
    """Header and data, then empty rows formatted as whole rows (<row s="1" customFormat="1"/>) to the bottom."""
    out = io.StringIO()
    out.write(rows_xml([HEADER, *ROWS]))
    for r in range(len(ROWS) + 2, last_row + 1):
        out.write(f'<row r="{r}" s="1" customFormat="1"/>')
    return write_zip(path, xlsx_parts(sheet=sheet_xml(out.getvalue(), dimension=f"A1:E{last_row}")))


def control_characters(path: Path) -> Path:
    """A title holding BEL and a vertical tab as Excel stores them (_x0007_, _x000B_)."""
    rows = [HEADER, ["2015-03-05", "标题_x0007_带响铃_x000B_字符", "经济运行", 350, "张三"]]
    return write_zip(path, xlsx_parts(sheet=sheet_xml(rows_xml(rows))))


def control_raw(path: Path) -> Path:
    """A raw ESC byte inside a string: not well-formed XML 1.0, yet some generators write it."""
    rows = [HEADER, ["2015-03-06", "转义\x1b字符", "工作动态", 300, "李四"]]
    return write_zip(path, xlsx_parts(sheet=sheet_xml(rows_xml(rows))))


def xlsm_with_macro(path: Path) -> Path:
    """An .xlsm carrying a vbaProject.bin (an OLE2 stream); macros are never run, the data is read."""
    return write_zip(path, xlsx_parts(main_type=CT_MACRO, vba=ole2_bytes({"VBA/dir": b"\x01" * 4096, "PROJECT": b"ID=x\r\n" * 700})))


def many_rows_fast(path: Path, rows: int = 50_000) -> Path:
    """`rows` article rows as inline strings, assembled directly (a second, where xlsxwriter takes several)."""
    data = [[f"2015年3月{r % 28 + 1}日", f"第{r}条信息标题：园区项目建设进展", "工作动态", 350 + r % 100, "张三"] for r in range(rows)]
    sheet = sheet_xml(rows_xml([HEADER, *data]), dimension=f"A1:E{rows + 1}")
    return write_zip(path, xlsx_parts(sheet=sheet))


def many_rows_xlsx(path: Path, rows: int = 50_000, *, body_chars: int = 0) -> Path:
    """A big honest workbook written by xlsxwriter (as a real generator writes it): `rows` article rows."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("信息报送登记表")
    header = [*HEADER, "正文"] if body_chars else HEADER
    ws.write_row(0, 0, header)
    text = ("岳阳市工业经济运行平稳，规模工业增加值同比增长百分之八点五。" * (body_chars // 30 + 1))[:body_chars]
    for r in range(1, rows + 1):
        ws.write_row(r, 0, [f"2015年3月{r % 28 + 1}日", f"第{r}条信息标题：园区项目建设进展", "工作动态", 350 + r % 100, "张三"])
        if body_chars:
            ws.write_string(r, 5, f"{r}{text}")
    book.close()
    return path


# -- not workbooks ----------------------------------------------------------------------------------


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def zero_filled(path: Path) -> Path:
    """What an interrupted USB copy often leaves: the right size, all zero bytes."""
    path.write_bytes(b"\x00" * 8192)
    return path


def owner_lock_file(path: Path, user: str = "zhangsan") -> Path:
    """Excel's ~$ owner file: 162 bytes holding the name of whoever has the workbook open."""
    name = user.encode("latin-1")[:53]
    data = bytes([len(name)]) + name.ljust(53, b" ") + b"\x00\x00" + user.encode("utf-16-le")
    path.write_bytes(data.ljust(162, b"\x20")[:162])
    return path


def html_as_xls(path: Path) -> Path:
    """A web page table with an .xls name, as many report systems 'export to Excel'."""
    html = (
        "\ufeff<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
        "<head><meta charset=\"utf-8\"></head><body><table><tr><td>报送日期</td><td>信息标题</td></tr>"
        "<tr><td>2015-03-05</td><td>标题</td></tr></table></body></html>"
    )
    path.write_bytes(html.encode("utf-8"))
    return path


def bare_table_as_xls(path: Path) -> Path:
    path.write_bytes("  \r\n<table border=1><tr><td>信息标题</td></tr></table>".encode("gbk"))
    return path


def xml_spreadsheet_2003(path: Path) -> Path:
    text = (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">信息标题</Data></Cell></Row></Table></Worksheet></Workbook>'
    )
    path.write_text(text, encoding="utf-8")
    return path


def mht_as_xls(path: Path) -> Path:
    path.write_bytes(b'MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n')
    return path


def csv_as_xlsx(path: Path) -> Path:
    path.write_bytes("报送日期,信息标题,信息类别\r\n2015-03-05,标题,经济运行\r\n".encode("gbk"))
    return path


def pdf_as_xlsx(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    return path


def png_as_xlsx(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40)
    return path


def rar_as_xlsx(path: Path) -> Path:
    path.write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64)
    return path


def gnumeric_workbook(path: Path) -> Path:
    """Gnumeric's own format (.gnumeric): XML, gzip-compressed as Gnumeric saves it."""
    xml = XML_DECL + '<gnm:Workbook xmlns:gnm="http://www.gnumeric.org/v10.dtd"><gnm:Version Full="1.12.55"/></gnm:Workbook>'
    path.write_bytes(gzip.compress(xml.encode(), mtime=0))
    return path


def gzip_as_xlsx(path: Path) -> Path:
    """A gzip archive of a CSV list, renamed to .xlsx."""
    path.write_bytes(gzip.compress("序号,信息标题\n1,岳阳县召开工业经济工作会议\n".encode(), mtime=0))
    return path


def docx_as_xlsx(path: Path) -> Path:
    parts = {
        "[Content_Types].xml": XML_DECL
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": ROOT_RELS.replace("xl/workbook.xml", "word/document.xml"),
        "word/document.xml": XML_DECL
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>信息</w:t></w:r></w:p></w:body></w:document>',
    }
    return write_zip(path, {k: v.encode() for k, v in parts.items()})


def plain_zip_as_xlsx(path: Path) -> Path:
    """A zip archive of the unit's files, renamed to .xlsx."""
    inner = io.BytesIO()
    write_zip_to = zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED)
    write_zip_to.writestr("3月信息.xlsx", b"PK\x03\x04" + b"\x00" * 100)
    write_zip_to.writestr("说明.txt", "见附件".encode())
    write_zip_to.close()
    path.write_bytes(inner.getvalue())
    return path


def ods_file(path: Path, *, encrypted: bool = False) -> Path:
    manifest = (
        XML_DECL + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        + ('<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>' if encrypted else "")
        + "</manifest:file-entry></manifest:manifest>"
    )
    content = (
        XML_DECL + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row><table:table-cell office:value-type="string">'
        "<text:p>信息标题</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", b"\x8f\x12binary" if encrypted else content.encode(), compress_type=zipfile.ZIP_DEFLATED)
    return path


def encrypted_ods(path: Path) -> Path:
    return ods_file(path, encrypted=True)


def encrypted_zip_entries(path: Path) -> Path:
    """Workbook parts inside a password-protected zip (flag bit 0), as a zip tool's 'encrypt' leaves them."""
    entries = [RawEntry.deflated(n, d) for n, d in xlsx_parts().items()]
    for e in entries:
        e.flags = 1
    return write_raw_zip(path, entries)


# -- OLE2 compound files ----------------------------------------------------------------------------

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def ole2_bytes(streams: dict[str, bytes], *, root_clsid: bytes = b"\x00" * 16, no_mini_stream: bool = False) -> bytes:
    """A version-3 compound file holding `streams` (a name may hold one '/' for a storage), as the spec lays it out:
    streams under 4,096 bytes in the mini stream, the others in regular 512-byte sectors. Sibling links form a
    chain of right siblings (valid, if not balanced), which every reader walks. `no_mini_stream` breaks the file
    the way a careless writer does: small streams in regular sectors, where no reader will look for them."""
    entries: list[dict[str, object]] = [{"name": "Root Entry", "type": 5, "children": []}]
    storages: dict[str, int] = {}
    for full_name in streams:
        parent = 0
        if "/" in full_name:
            storage = full_name.split("/", 1)[0]
            if storage not in storages:
                storages[storage] = len(entries)
                entries.append({"name": storage, "type": 1, "children": []})
                _children(entries[0]).append(storages[storage])
            parent = storages[storage]
        index = len(entries)
        entries.append({"name": full_name.rsplit("/", 1)[-1], "type": 2, "data": streams[full_name], "children": []})
        _children(entries[parent]).append(index)

    sectors: list[bytes] = []
    fat: list[int] = []

    def add_chain(data: bytes) -> int:
        if not data:
            return ENDOFCHAIN
        start = len(sectors)
        count = -(-len(data) // SECTOR)
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\x00"))
            fat.append(start + i + 1 if i < count - 1 else ENDOFCHAIN)
        return start

    mini = bytearray()
    minifat: list[int] = []
    for e in entries:
        data = e.get("data")
        if not isinstance(data, bytes):
            continue
        e["size"] = len(data)
        if len(data) >= 4096 or no_mini_stream:
            e["start"] = add_chain(data)
        elif data:
            first = len(mini) // 64
            count = -(-len(data) // 64)
            mini += data.ljust(count * 64, b"\x00")
            minifat += [first + i + 1 if i < count - 1 else ENDOFCHAIN for i in range(count)]
            e["start"] = first
    entries[0]["start"] = add_chain(bytes(mini))
    entries[0]["size"] = len(mini)
    minifat_start = add_chain(struct.pack(f"<{len(minifat)}I", *minifat).ljust(-(-len(minifat) * 4 // SECTOR) * SECTOR, b"\xff")) if minifat else ENDOFCHAIN
    n_minifat = -(-len(minifat) * 4 // SECTOR)

    def sort_key(i: int) -> tuple[int, str]:
        name = str(entries[i]["name"])
        return len(name), name.upper()

    links = {i: [NOSTREAM, NOSTREAM, NOSTREAM] for i in range(len(entries))}  # left, right, child
    for i, e in enumerate(entries):
        children = sorted(_children(e), key=sort_key)
        if children:
            links[i][2] = children[0]
            for a, b in zip(children, children[1:], strict=False):
                links[a][1] = b
    directory = b""
    for i, e in enumerate(entries):
        name = str(e["name"]).encode("utf-16-le") + b"\x00\x00"
        clsid = root_clsid if i == 0 else b"\x00" * 16
        start = e.get("start", ENDOFCHAIN)
        size = e.get("size", 0)
        kind = e["type"]
        assert isinstance(start, int) and isinstance(size, int) and isinstance(kind, int)
        directory += (
            name.ljust(64, b"\x00")
            + struct.pack("<HBB", len(name), kind, 1)
            + struct.pack("<III", *links[i])
            + clsid
            + struct.pack("<IQQIQ", 0, 0, 0, start, size)
        )
    dir_start = add_chain(directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\x00"))
    n_fat = 1  # the FAT sectors are counted in the FAT too
    while len(sectors) + n_fat > n_fat * (SECTOR // 4):
        n_fat += 1
    assert n_fat <= 109
    fat_start = len(sectors)
    fat.extend([FATSECT] * n_fat)
    table = struct.pack(f"<{len(fat)}I", *fat).ljust(n_fat * SECTOR, b"\xff")
    sectors += [table[i * SECTOR : (i + 1) * SECTOR] for i in range(n_fat)]
    difat = [fat_start + i for i in range(n_fat)] + [FREESECT] * (109 - n_fat)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, 4096, minifat_start, n_minifat, ENDOFCHAIN, 0)
        + struct.pack("<109I", *difat)
    )
    assert len(header) == SECTOR
    return header + b"".join(sectors)


def _children(entry: dict[str, object]) -> list[int]:
    children = entry["children"]
    assert isinstance(children, list)
    return children


def biff_record(rtype: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", rtype, len(data)) + data


def _biff_string(text: str) -> bytes:
    """XLUnicodeString: 16-bit count, flags (1 = UTF-16), characters."""
    return struct.pack("<HB", len(text), 1) + text.encode("utf-16-le")


def biff_workbook_stream(
    rows: list[list[object]] | None = None, *, filepass: bool = False, dimensions: tuple[int, int] | None = None, far_cell: bool = False
) -> bytes:
    """A minimal BIFF8 Workbook stream: one sheet, strings as LABEL records, numbers as NUMBER records."""
    rows = rows if rows is not None else [HEADER, *ROWS]
    bof_globals = biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0))
    bof_sheet = biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0))
    eof = biff_record(0x000A)
    globals_records = [bof_globals]
    if filepass:
        globals_records.append(biff_record(0x002F, struct.pack("<HHH", 1, 1, 1) + b"\x00" * 48))
    globals_records.append(biff_record(0x0042, struct.pack("<H", 1200)))  # CODEPAGE: UTF-16
    globals_records += [biff_record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0))] * 16
    sheet_name = "Sheet1".encode("latin-1")

    def boundsheet(offset: int) -> bytes:
        return biff_record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet_name), 0) + sheet_name)

    offset = sum(len(r) for r in globals_records) + len(boundsheet(0)) + len(eof)
    globals_records += [boundsheet(offset), eof]
    cells = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, int | float):
                cells.append(biff_record(0x0203, struct.pack("<HHHd", r, c, 0, float(value))))
            else:
                cells.append(biff_record(0x0204, struct.pack("<HHH", r, c, 0) + _biff_string(str(value))))
    if far_cell:
        cells.append(biff_record(0x0203, struct.pack("<HHHd", 65535, 255, 0, 1.0)))
    nrows, ncols = dimensions or ((65536, 256) if far_cell else (len(rows), max((len(r) for r in rows), default=0)))
    dims = biff_record(0x0200, struct.pack("<IIHHH", 0, nrows, 0, ncols, 0))
    return b"".join(globals_records) + bof_sheet + dims + b"".join(cells) + eof


def xls_bytes(rows: list[list[object]] | None = None, *, filepass: bool = False) -> bytes:
    """A minimal .xls file: the BIFF8 stream in an OLE2 container."""
    return ole2_bytes({"Workbook": biff_workbook_stream(rows, filepass=filepass)})


def xls_file(path: Path, *, filepass: bool = False) -> Path:
    path.write_bytes(xls_bytes(filepass=filepass))
    return path


def xls_lying_dimensions(path: Path) -> Path:
    """Two rows under a DIMENSIONS record claiming the whole .xls grid (65,536 × 256)."""
    path.write_bytes(ole2_bytes({"Workbook": biff_workbook_stream(dimensions=(65536, 256))}))
    return path


def xls_far_cell(path: Path) -> Path:
    """Real data plus one number at IV65536, the last cell of an .xls sheet."""
    path.write_bytes(ole2_bytes({"Workbook": biff_workbook_stream(far_cell=True)}))
    return path


def xls_without_mini_stream(path: Path) -> Path:
    """A small .xls whose Workbook stream sits in regular sectors: python-calamine panics on it
    (PanicException, a BaseException) instead of raising an error."""
    path.write_bytes(ole2_bytes({"Workbook": biff_workbook_stream()}, no_mini_stream=True))
    return path


def xls_renamed_xlsx(path: Path) -> Path:
    return xls_file(path)


def xls_with_filepass(path: Path) -> Path:
    return xls_file(path, filepass=True)


def wps_et(path: Path) -> Path:
    """WPS 表格's .et: a BIFF8 workbook in an OLE2 container, with an extra stream of WPS's own beside it."""
    path.write_bytes(ole2_bytes({"Workbook": biff_workbook_stream(), "ETExtData": b"\x00" * 64}))
    return path


def encrypted_ooxml(path: Path) -> Path:
    """What Excel writes for 'encrypt with password': an OLE2 container with EncryptionInfo and EncryptedPackage
    (plus the \\x06DataSpaces storage), no Workbook stream."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    path.write_bytes(
        ole2_bytes(
            {
                "EncryptionInfo": info,
                "EncryptedPackage": struct.pack("<Q", 9000) + b"\x5a" * 9008,
                "\x06DataSpaces/Version": b"\x3c\x00\x00\x00",
            }
        )
    )
    return path


def word_97_doc(path: Path) -> Path:
    path.write_bytes(ole2_bytes({"WordDocument": b"\xec\xa5" + b"\x00" * 100, "1Table": b"\x00" * 100}))
    return path


def corrupt_ole2(path: Path) -> Path:
    """The OLE2 signature followed by garbage: a .xls that did not survive the trip."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    return path


# -- the catalogue ----------------------------------------------------------------------------------

Builder = Callable[[Path], Path]

CASES: dict[str, tuple[str, Builder]] = {
    "valid": ("正常.xlsx", valid_xlsx),
    "zip_bomb": ("炸弹.xlsx", zip_bomb),
    "zip_bomb_understated": ("炸弹_少报.xlsx", zip_bomb_understated),
    "zip_bomb_moderate": ("炸弹_150M.xlsx", zip_bomb_moderate),
    "many_entries": ("条目过多.xlsx", many_entries),
    "truncated_zip": ("没传完.xlsx", truncated_zip),
    "unusual_compression": ("LZMA.xlsx", unusual_compression),
    "billion_laughs_sheet": ("实体_表.xlsx", billion_laughs_sheet),
    "billion_laughs_shared_strings": ("实体_共享字符串.xlsx", billion_laughs_shared_strings),
    "xxe_sheet": ("XXE_表.xlsx", xxe_sheet),
    "xxe_shared_strings": ("XXE_共享字符串.xlsx", xxe_shared_strings),
    "doctype_after_padding": ("DOCTYPE_靠后.xlsx", doctype_after_padding),
    "prolog_too_long": ("开头过长.xlsx", prolog_too_long),
    "doctype_utf16": ("DOCTYPE_UTF16.xlsx", doctype_utf16),
    "doctype_utf7": ("DOCTYPE_UTF7.xlsx", doctype_utf7),
    "lying_dimension": ("虚报范围.xlsx", lying_dimension),
    "far_cell": ("远处单元格.xlsx", far_cell),
    "far_down": ("远处_下方.xlsx", far_down),
    "far_cell_prefixed": ("远处_前缀.xlsx", far_cell_prefixed),
    "far_cell_lowercase": ("远处_小写.xlsx", far_cell_lowercase),
    "far_cell_reordered": ("远处_属性次序.xlsx", far_cell_reordered),
    "far_row_without_refs": ("远处_无引用.xlsx", far_row_without_refs),
    "far_cell_hidden_sheet": ("远处_隐藏表.xlsx", far_cell_hidden_sheet),
    "wide_near": ("右侧备注.xlsx", wide_near),
    "control_characters": ("控制字符.xlsx", control_characters),
    "control_raw": ("原始控制字符.xlsx", control_raw),
    "xlsm_with_macro": ("带宏.xlsm", xlsm_with_macro),
    "empty_file": ("空文件.xlsx", empty_file),
    "zero_filled": ("全零.xlsx", zero_filled),
    "owner_lock_file": ("~$岳阳县3月.xlsx", owner_lock_file),
    "html_as_xls": ("网页.xls", html_as_xls),
    "bare_table_as_xls": ("表格网页.xls", bare_table_as_xls),
    "xml_spreadsheet_2003": ("XML表格.xls", xml_spreadsheet_2003),
    "mht_as_xls": ("单个网页.xls", mht_as_xls),
    "csv_as_xlsx": ("文本.xlsx", csv_as_xlsx),
    "pdf_as_xlsx": ("PDF.xlsx", pdf_as_xlsx),
    "png_as_xlsx": ("图片.xlsx", png_as_xlsx),
    "rar_as_xlsx": ("压缩包.xlsx", rar_as_xlsx),
    "gzip_as_xlsx": ("gzip压缩包.xlsx", gzip_as_xlsx),
    "gnumeric_workbook": ("信息报送登记表.gnumeric", gnumeric_workbook),
    "docx_as_xlsx": ("文档.xlsx", docx_as_xlsx),
    "plain_zip_as_xlsx": ("zip包.xlsx", plain_zip_as_xlsx),
    "ods": ("开放格式.ods", ods_file),
    "encrypted_ods": ("加密.ods", encrypted_ods),
    "encrypted_zip_entries": ("加密zip.xlsx", encrypted_zip_entries),
    "xls_renamed_xlsx": ("旧格式.xlsx", xls_renamed_xlsx),
    "xls": ("旧格式.xls", xls_file),
    "xls_with_filepass": ("加密旧格式.xls", xls_with_filepass),
    "xls_lying_dimensions": ("虚报范围.xls", xls_lying_dimensions),
    "xls_far_cell": ("远处单元格.xls", xls_far_cell),
    "wps_et": ("WPS表格.et", wps_et),
    "encrypted_ooxml": ("加密.xlsx", encrypted_ooxml),
    "word_97_doc": ("Word97.xls", word_97_doc),
    "corrupt_ole2": ("损坏.xls", corrupt_ole2),
    "xls_without_mini_stream": ("缺迷你流.xls", xls_without_mini_stream),
}

# built on demand only (seconds and tens of MB): the sheets styled to row 1,048,576 and the 50,000-row workbook
LARGE_CASES: dict[str, tuple[str, Builder]] = {
    "styled_to_bottom": ("格式到底.xlsx", styled_to_bottom),
    "styled_rows_to_bottom": ("整行格式到底.xlsx", styled_rows_to_bottom),
    "many_rows": ("五万行.xlsx", many_rows_xlsx),
}


def build(name: str, folder: Path) -> Path:
    file_name, builder = CASES.get(name) or LARGE_CASES[name]
    folder.mkdir(parents=True, exist_ok=True)
    return builder(folder / file_name)


def read_first_sheet(path: Path) -> list[list[object]]:
    """The first sheet's rows as calamine reads them, sniffing the format from the bytes (for run_limited)."""
    from python_calamine import CalamineWorkbook

    with path.open("rb") as handle:
        book = CalamineWorkbook.from_filelike(handle)
    return book.get_sheet_by_index(0).to_python()


# -- measuring a command in its own process ---------------------------------------------------------

_MEASURE = """
import json, os, subprocess, sys, tempfile, time
with tempfile.TemporaryFile() as out:
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[1:], stdout=out, stderr=subprocess.STDOUT)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    out.seek(0)
    text = out.read().decode("utf-8", "replace")
scale = 1024 * 1024 if sys.platform == "darwin" else 1024
print(json.dumps({"exit": os.waitstatus_to_exitcode(status), "seconds": seconds,
                  "peak_mb": usage.ru_maxrss / scale, "output": text}))
"""


def run_measured(argv: list[str], timeout: float = 120) -> dict[str, object]:
    """Run `argv` and return its exit status, wall time, peak memory (ru_maxrss, MB) and output.

    Linux counts in a process's ru_maxrss the memory of the process it was forked from, until exec: a command
    started straight from a test process that has grown to hundreds of MB would report those. So a small Python
    process starts the command and measures it with os.wait4 (POSIX only).
    """
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _MEASURE, *argv], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result
