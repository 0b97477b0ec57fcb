"""Pre-flight: look at an input file before any parser does, and refuse what no parser should see.

`inspect_input(path)` reads a few KB of the file (never a whole sheet) and returns what the file really is —
"xlsx", "xlsm", "xlsb", "xls" or "ods" — judged by its bytes, not its name; or raises
`errors.InputFileError(message, code=...)` with one Chinese line that names the file and says what to do, the
code one of `model.FILE_PROBLEMS`:

- F1 不是工作簿: empty file; Word/PDF/picture/CSV/zip renamed; HTML, "XML 电子表格 2003" or .mht saved as .xls.
- F2 文件损坏: truncated zip, broken OLE2, duplicate zip parts, compression Excel never writes, an XML part
  with a DTD (`<!DOCTYPE`, `<!ENTITY`: billion laughs, XXE) or an encoding the parsers would misread.
- F3 设有密码: encrypted OOXML (OLE2 with EncryptionInfo/EncryptedPackage), .xls with a FILEPASS record
  (also what Excel writes for a "password to modify"), ODS with encrypted parts, password-protected zip entries.
- F4 锁定文件: Excel's `~$…` owner file, LibreOffice's `.~lock.…#` (skip and count, do not refuse).
- F10 文件过大: file over `max_file_bytes`; zip with too many parts, parts or total declared too large, or a
  compression ratio no spreadsheet has (zip bombs).

The zip checks use the sizes declared in the central directory. That is enough because both parsers stop at the
declared size: a bomb that understates its size makes calamine fail with "File is larger than its declared
uncompressed size" and openpyxl (zipfile) with "Bad CRC-32", each after a few MB. WPS `.et` is a BIFF8 workbook
in an OLE2 container and comes back as "xls". An .xlsm comes back as "xlsm": its macros are never run by any
reader; the data is read as usual.

Limits (`Limits`, all overridable): 100 MB file; 2,000 zip parts; 200 MB declared uncompressed in total and per
part; compression ratio at most 200:1 for a part over 1 MB; the XML prolog (what precedes the root element) at most
64 KB. Measured: honest workbooks have ratios of 12-50:1 (xlsxwriter 50,000 rows 14:1, a 600-character 正文
column 48:1, a sheet with bordered empty cells down to row 1,048,576 12:1, its 150 MB sheet still inside the
caps); a deflate zip bomb of identical rows is ~335:1 (deflate cannot exceed ~1,030:1).

How far a sheet's values reach: check_input (measured on python-calamine 0.9.1 / calamine 0.37)
-----------------------------------------------------------------------------------------------------------------
calamine builds a dense grid from the first to the last cell holding a value, 32 bytes a cell (15.7 M cells:
511 MB, 27 M: 871 MB). A 2.6 KB workbook with one stray value at XFD1048576 beside real data at A1 asks for
1,048,576 × 16,384 cells = 512 GiB: "memory allocation failed", the process aborts (SIGABRT, no Python
exception) and with it a whole consolidate. So `check_input(path, data=…)` — inspect_input, then the reach of
every visible sheet — is what the readers call: F10 ("请清除表格以外远处的内容") when rows × columns up to the
farthest value exceed `max_cells` (5 M: ~160 MB inside calamine; an honest 100,000-row report of 30 columns is
3 M). Empty cells do not count, as calamine does not count them (self-closing <c/>, <c></c>, BLANK/MULBLANK).
- xlsx/xlsm: the worksheet parts calamine will open (workbook.xml → rels, its path rules, names folded to lower
  case) are inflated in 4 MB pieces and screened by two literal-prefix regexes: a cell written `<c r="A12"` (the
  reference first, one letter, at most five digits) cannot reach beyond 99,999 × 26. Anything else — two
  letters, six digits, no reference, attributes in another order, a namespace prefix, lower case — goes to a
  regex over plain `<c r=` cells, or, when a cell is not plain, to a walk over every tag placing cells as
  calamine does (r="…", else the row's r and the count of cells before it). Cost, in the same process as the
  read: 50,000 rows of inline strings (16 MB of XML) 60 ms against calamine's 420 ms; 50,000 rows with a
  600-character 正文 inline (108 MB) 250 ms against 1.2 s (Excel itself writes shared strings, so its sheets
  stay small); a sheet bordered down to row 1,048,576 (150 MB of XML) 1.8 s against calamine's 2.9 s. On small
  files the whole of check_input (zip directory, every part's prolog, the reach) costs ~0.25 ms a file on the
  development machine, against calamine's ~0.35 ms to open and read one.
- xls: the BOUNDSHEET records and every value record of each sheet's substream (MULRK by its last column):
  0.2 ms for a 10-row .xls, 17 ms for 5,000 rows (calamine reads it in 24 ms). An .xls cannot exceed 65,536 × 256
  = 16.7 M cells, which calamine survives (1.2 GB, 7 s through to_python); IV65536 is refused all the same.
- ods/xlsb are not measured (repeated rows and columns, binary records): the readers parse them in a child
  process, `run_limited` (~8 ms a file; 5,000 ODS rows 180 ms against 100 ms in process).

Other things the parsers do that pre-flight guards against
-----------------------------------------------------------------------------------------------------------------
- A malformed OLE2 can make calamine panic (`pyo3_runtime.PanicException`, a BaseException, not an Exception):
  the OLE2 parse below refuses the broken containers we know of, and the readers catch BaseException (letting
  KeyboardInterrupt, SystemExit and GeneratorExit through) around calamine.
- A zip bomb *under* the caps (150 MB of identical rows would be 2.9 M rows: 7.5 s, 615 MB in calamine) is
  refused by the ratio; with entropy added to stay under the ratio, the 200 MB cap bounds it to a few million
  cells, which calamine survives in a few hundred MB.
`run_limited(func, *args, max_memory_mb=…, timeout_s=…)` runs a reader function in a child process with an
address-space limit (Linux, via RLIMIT_AS), a CPU-time limit and a timeout, and turns a crash, a MemoryError or a
timeout into InputFileError F10. Forking costs ~7 ms a file on Linux (34 files: 224 ms against 11 ms in process),
too much for every file of a province's 5,000; Windows has to spawn (a few hundred ms, no memory cap there).

After pre-flight, the reader must still bound rows itself:
- calamine drops empty styled cells: a sheet bordered down to row 1,048,576 (150 MB of XML) reads as its 2 real
  rows in 3.0 s / 41 MB; rows formatted as whole rows read in 0.4 s / 19 MB. A lying <dimension> is ignored.
- openpyxl read-only trusts <dimension> (pads every row to 16,384 cells) and returns all 1,048,576 styled rows
  (46 s for bordered cells, 14 s / 476 MB for styled rows): never iterate it without a row cap and an early stop
  on a run of empty rows. openpyxl's normal mode is worse: 28.6 s / 866 MB for styled rows, over 120 s for
  bordered cells — open with openpyxl only what calamine has already read within bounds.
- calamine reads nothing from a UTF-16 sheet part (no error, no rows): pre-flight decodes UTF-16 to find DTDs.
- openpyxl refuses `&#7;` in XML (ParseError); calamine passes control characters through (strip them).
- calamine from_path trusts the extension (an .xls renamed .xlsx fails with "Could not find EOCD"); open with
  `CalamineWorkbook.from_filelike`, which sniffs the content, or by the kind returned here.
"""

from __future__ import annotations

import codecs
import html
import io
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Literal, TypeVar

from .errors import InputFileError

InputKind = Literal["xlsx", "xlsm", "xlsb", "xls", "ods"]
T = TypeVar("T")

KB = 1024
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much a file may claim before it is refused unread. Sizes are bytes, as declared in the zip directory."""

    max_file_bytes: int = 100 * MB
    max_entries: int = 2_000
    max_total_bytes: int = 200 * MB
    max_entry_bytes: int = 200 * MB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MB  # the ratio is judged only for parts larger than this
    max_prolog_bytes: int = 64 * KB  # what may precede an XML part's root element
    max_cells: int = 5_000_000  # rows × columns up to a sheet's farthest value (check_input): ~160 MB in calamine


DEFAULT_LIMITS = Limits()

# What a unit is told; each message starts with the file name.
PASSWORD = "文件设有密码，请取消密码后重新报送（Excel：文件→信息→保护工作簿→用密码进行加密，清空密码后保存；WPS：文件→文档加密）"
TOO_BIG = "文件异常（解压后过大），可能已损坏或不安全，请重新保存后报送"
CORRUPT = "文件已损坏或不完整（可能没有传完），请用 Excel 打开检查后重新保存报送"
SAVE_AS = "请用 Excel 打开后“另存为”Excel 工作簿(*.xlsx) 再报送"
UNSAFE_XML = "文件内容异常（{part} 含有 DTD/实体声明，Excel 不会写出这种内容），可能不安全，已拒收，请用 Excel 重新保存后报送"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_HEAD = 8 * KB


def _refuse(path: Path, code: str, text: str) -> InputFileError:
    return InputFileError(f"{path.name}：{text}", code=code)


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= 10 * MB else f"{size / MB:,.1f} MB"


def inspect_input(path: Path, *, limits: Limits = DEFAULT_LIMITS, data: bytes | None = None) -> InputKind:
    """What `path` really is, judged by its bytes; raises InputFileError (code F1/F2/F3/F4/F10) when it must not
    be parsed. Reads a few KB per part, never a whole sheet. `data`, when given, is the file's content already
    read (the file is then not opened again)."""
    return _inspect(path if isinstance(path, Path) else Path(path), limits, data)[0]


def _inspect(path: Path, limits: Limits, data: bytes | None) -> tuple[InputKind, _ZipView | None]:
    """The kind, and the parsed zip directory when the fast in-memory path read one (for check_input)."""
    try:
        if data is None:
            size = path.stat().st_size
            handle: BinaryIO = path.open("rb")
        else:
            size = len(data)
            handle = io.BytesIO(data)
        with handle:
            head = handle.read(_HEAD)
            if _is_lock_file(path, head):
                raise _refuse(path, "F4", "这是 Excel/WPS 打开文件时自动生成的临时锁定文件（~$ 开头），不是报送的工作簿，已跳过")
            if size == 0:
                raise _refuse(path, "F1", "文件是空的（0 字节），可能没有保存好或没有传完，请重新保存后报送")
            if size > limits.max_file_bytes:
                raise _refuse(path, "F10", f"{TOO_BIG}（文件 {_mb(size)}，上限 {_mb(limits.max_file_bytes)}）")
            if head.startswith(_OLE_MAGIC):
                return _inspect_ole2(path, handle, size), None
            if head.startswith(_ZIP_MAGICS):
                if data is not None:
                    fast = _inspect_zip_fast(path, data, limits)
                    if fast is not None:
                        return fast
                return _inspect_zip(path, handle if data is not None else path, size, limits), None
    except OSError as exc:
        raise _refuse(path, "F2", f"无法读取文件（{exc.strerror or exc}），请确认文件没有被其他程序占用后重试") from exc
    if not head.strip(b"\x00"):
        raise _refuse(path, "F2", "文件内容全是空白（0），可能复制或传送时损坏，请重新保存后报送")
    raise _refuse(path, "F1", _not_a_workbook(head))


def _is_lock_file(path: Path, head: bytes) -> bool:
    name = path.name
    is_lock_name = name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))
    return is_lock_name and not head.startswith((*_ZIP_MAGICS, _OLE_MAGIC))


# -- what a file that is not a workbook is ----------------------------------------------------------

_BINARY_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "这是一个 PDF 文件，不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    (b"{\\rtf", "这是一个 Word 文档（RTF 格式），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    (b"\x89PNG", "这是一张图片（PNG），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    (b"\xff\xd8\xff", "这是一张图片（JPEG），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    (b"GIF8", "这是一张图片（GIF），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    (b"II*\x00", "这是一张图片（TIFF），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    (b"MM\x00*", "这是一张图片（TIFF），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    (b"Rar!", "这是一个 RAR 压缩包，不是 Excel 工作簿，请解压后报送其中的 Excel 文件"),
    (b"7z\xbc\xaf\x27\x1c", "这是一个 7z 压缩包，不是 Excel 工作簿，请解压后报送其中的 Excel 文件"),
    (b"\x1f\x8b", "这是一个 gzip 压缩包，不是 Excel 工作簿，请解压后报送其中的 Excel 文件"),
    (b"\x00\x05\x16\x07", "这是苹果电脑复制文件时生成的附属文件（._ 开头），不是工作簿，可以删除"),
)


def _decode_head(head: bytes) -> str:
    """The first KB of a text file as text: BOMs honoured, else UTF-8, else GB18030 (what Chinese Windows saves)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    for codec in ("utf-8", "gb18030"):
        try:
            return head.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut by the end of the head
                return head[: exc.start].decode(codec)
    return ""


def _not_a_workbook(head: bytes) -> str:
    for magic, text in _BINARY_KINDS:
        if head.startswith(magic):
            return text
    text = _decode_head(head)
    start = text.lstrip().lower()[:2000]
    if start.startswith("mime-version:") or "multipart/related" in start[:400]:
        return f"这是“单个文件网页”（.mht）格式，只是扩展名为 .xls，不是 Excel 工作簿，{SAVE_AS}"
    if "urn:schemas-microsoft-com:office:spreadsheet" in start or 'progid="excel.sheet"' in start:
        return f"这是“XML 电子表格 2003”格式，不是 Excel 工作簿，{SAVE_AS}"
    if start.startswith("<") and re.search(r"<(html|!doctype html|head|body|table|meta|style|tr|td)\b", start):
        return f"这是网页格式（HTML）的表格，只是扩展名为 .xls 或 .xlsx，不是真正的 Excel 工作簿，{SAVE_AS}"
    if text and _looks_like_text(text):
        kind = "文本文件（可能是 CSV）" if ("," in text or "\t" in text) else "文本文件"
        return f"这是一个{kind}，不是 Excel 工作簿，{SAVE_AS}"
    return "无法识别的文件格式，不是 Excel 工作簿，请确认报送的是 Excel 格式的信息报送登记表"


def _looks_like_text(text: str) -> bool:
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return printable >= 0.95 * len(text)


# -- zip containers (xlsx, xlsm, xlsb, ods) ---------------------------------------------------------


def _zip_entry_count(source: BinaryIO, size: int) -> int | None:
    """The entry count from the end-of-central-directory record (zip64 too), before zipfile builds its list."""
    handle = source
    tail_len = min(size, 22 + 65535 + 20 + 56)
    handle.seek(size - tail_len)
    tail = handle.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    count = struct.unpack_from("<H", tail, at + 10)[0]
    if count == 0xFFFF and at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":
        zip64_at = struct.unpack_from("<Q", tail, at - 20 + 8)[0]
        if zip64_at + 56 <= size:
            handle.seek(zip64_at)
            record = handle.read(56)
            if record.startswith(b"PK\x06\x06"):
                count = struct.unpack_from("<Q", record, 32)[0]
    return int(count)


def _inspect_zip(path: Path, source: Path | BinaryIO, size: int, limits: Limits) -> InputKind:
    """The thorough look, through zipfile: every refusal's wording is decided here."""
    if isinstance(source, Path):
        with source.open("rb") as handle:
            count = _zip_entry_count(handle, size)
    else:
        count = _zip_entry_count(source, size)
        source.seek(0)
    if count is None:
        raise _refuse(path, "F2", CORRUPT)
    if count > limits.max_entries:
        raise _refuse(path, "F10", f"{TOO_BIG}（文件包含 {count:,} 个部件，上限 {limits.max_entries:,}）")
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            _check_zip_bounds(path, infos, limits)
            names = {info.filename for info in infos}
            if len(names) != len(infos):
                raise _refuse(path, "F2", f"{CORRUPT}（压缩包内有重名的部件）")
            if any(info.flag_bits & 0x1 for info in infos):
                raise _refuse(path, "F3", PASSWORD)
            kind = _zip_kind(path, archive, names)
            for info in infos:
                _check_xml_part(path, archive, info, limits)
            return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, OSError, zlib.error) as exc:
        raise _refuse(path, "F2", CORRUPT) from exc


def _check_zip_bounds(path: Path, infos: Sequence[zipfile.ZipInfo | _Entry], limits: Limits) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(path, "F2", f"{CORRUPT}（部件 {info.filename} 使用了 Excel 不会使用的压缩方式）")
        if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
            raise _refuse(path, "F2", f"{CORRUPT}（部件 {info.filename} 的大小前后不一）")
        if info.file_size > limits.max_entry_bytes:
            raise _refuse(path, "F10", f"{TOO_BIG}（部件 {info.filename} 解压后 {_mb(info.file_size)}，上限 {_mb(limits.max_entry_bytes)}）")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise _refuse(path, "F10", f"{TOO_BIG}（部件 {info.filename} 压缩比 {ratio:,.0f}:1，解压后 {_mb(info.file_size)}）")
    if total > limits.max_total_bytes:
        raise _refuse(path, "F10", f"{TOO_BIG}（解压后共 {_mb(total)}，上限 {_mb(limits.max_total_bytes)}）")


_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_OTHER_ZIPS: tuple[tuple[str, str], ...] = (
    ("word/document.xml", "这是一个 Word 文档（.docx），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    ("ppt/presentation.xml", "这是一个 PowerPoint 演示文稿，不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表"),
    ("Index/Document.iwa", "这是苹果 Numbers 文件，不是 Excel 工作簿，请在 Numbers 中导出为 Excel 格式后报送"),
)


def _zip_kind(path: Path, archive: zipfile.ZipFile | _ZipView, names: set[str]) -> InputKind:
    if "mimetype" in names:
        mime = archive.open("mimetype").read(200).decode("ascii", errors="replace").strip()
        if mime.startswith(_ODS_MIME):
            if "META-INF/manifest.xml" in names:
                with archive.open("META-INF/manifest.xml") as handle:
                    if b"encryption-data" in handle.read(1 * MB):
                        raise _refuse(path, "F3", PASSWORD)
            return "ods"
        what = "文字文档" if ".text" in mime else ("演示文稿" if "presentation" in mime else "文档")
        raise _refuse(path, "F1", f"这是一个 WPS/LibreOffice {what}（{mime.rsplit('.', 1)[-1]}），不是电子表格，请报送 Excel 格式的信息报送登记表")
    if "xl/workbook.xml" in names:
        if "xl/vbaProject.bin" in names:
            return "xlsm"
        if "[Content_Types].xml" in names:
            with archive.open("[Content_Types].xml") as handle:
                if b"macroEnabled.main" in handle.read(64 * KB):
                    return "xlsm"
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    for marker, text in _OTHER_ZIPS:
        if marker in names:
            raise _refuse(path, "F1", text)
    books = sorted(n.rsplit("/", 1)[-1] for n in names if n.lower().endswith((".xlsx", ".xls", ".xlsm", ".et", ".ods")))
    if books:
        shown = "、".join(books[:3]) + ("等" if len(books) > 3 else "")
        raise _refuse(path, "F1", f"这是一个压缩包，里面有 {shown}，请解压后报送其中的 Excel 文件")
    if "[Content_Types].xml" in names:
        raise _refuse(path, "F2", f"{CORRUPT}（找不到工作簿部件 xl/workbook.xml）")
    raise _refuse(path, "F1", "这是一个压缩包（zip），不是 Excel 工作簿，请解压后报送其中的 Excel 文件")


_BINARY_PARTS = (".bin", ".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".tif", ".tiff", ".bmp", ".wdp", ".odttf")


def _check_xml_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """Refuse a part whose prolog holds a DTD or entity declaration, wherever the parser would find it.

    `<!DOCTYPE` may only stand before the root element, and `<!ENTITY` only inside it; text can never hold a
    literal `<`. So reading up to the root element (at most `max_prolog_bytes`) and the first chunk after it
    finds every declaration a conforming parser would act on, at the cost of a few KB per part.
    """
    if info.is_dir() or info.file_size == 0 or info.filename.lower().endswith(_BINARY_PARTS) or info.filename == "mimetype":
        return
    with archive.open(info) as handle:
        raw = handle.read(4 * KB)
        decoder = _xml_decoder(raw)
        if decoder is None:
            return  # not XML as any parser here reads it: it fails there, harmlessly
        if decoder == "unknown":
            raise _refuse(path, "F2", f"{CORRUPT}（部件 {info.filename} 使用了 Excel 不会使用的文字编码）")
        text = decoder.decode(raw)
        read = len(raw)
        while True:
            verdict = _prolog_verdict(text)
            if verdict == "unsafe":
                raise _refuse(path, "F2", UNSAFE_XML.format(part=info.filename))
            if verdict == "ok":
                return
            if read >= limits.max_prolog_bytes + 4 * KB or read >= info.file_size:
                if verdict == "open" and read < info.file_size:
                    raise _refuse(path, "F2", f"{CORRUPT}（部件 {info.filename} 开头异常）")
                return
            more = handle.read(16 * KB)
            if not more:
                return
            read += len(more)
            text += decoder.decode(more)


def _xml_decoder(raw: bytes) -> Any:
    """An incremental decoder for an XML part's bytes; None when the part is not XML as any parser here would
    read it; "unknown" when it declares an encoding other than the ASCII-based ones (UTF-7, UTF-32, EBCDIC …)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return codecs.getincrementaldecoder("utf-16")(errors="replace")
    if raw.startswith(b"<\x00"):
        return codecs.getincrementaldecoder("utf-16-le")(errors="replace")
    if raw.startswith(b"\x00<"):
        return codecs.getincrementaldecoder("utf-16-be")(errors="replace")
    stripped = raw.removeprefix(codecs.BOM_UTF8).lstrip()
    if not stripped.startswith(b"<"):
        return None
    declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']", stripped)
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            return "unknown"
        if name not in _ASCII_ENCODINGS:
            return "unknown"
    return codecs.getincrementaldecoder("utf-8")(errors="replace")


# encodings in which markup is plain ASCII (so a byte-level look finds '<!DOCTYPE'); a UTF-16 part has a BOM or
# starts with '<\x00' and is decoded as such above
_ASCII_ENCODINGS = {"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252", "gbk", "gb2312", "gb18030", "big5"}


_PROLOG_STEP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def _prolog_verdict(text: str) -> str:
    """'ok' (root element reached, no declarations), 'unsafe' (a DTD, entity or other declaration), 'open'
    (the prolog has not ended within `text`)."""
    text = text.lstrip("\ufeff")
    pos = 0
    while True:
        step = _PROLOG_STEP.match(text, pos)
        if not step:
            break
        pos = step.end()
    rest = text[pos:].lstrip()
    if rest.startswith(("<!--", "<?")) or rest in ("", "<", "<!", "<!-"):
        return "open"  # a comment or instruction not closed yet within `text`
    if rest.startswith("<!"):
        return "unsafe"
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text[pos : pos + 4 * KB], re.IGNORECASE):
        return "unsafe"
    return "ok"


# -- the same checks on a file already in memory, without zipfile -----------------------------------


class _Entry:
    """One central-directory entry, with the attribute names of zipfile.ZipInfo that the checks use."""

    __slots__ = ("filename", "flag_bits", "compress_type", "compress_size", "file_size", "start")

    def __init__(self, filename: str, flag_bits: int, compress_type: int, compress_size: int, file_size: int, start: int) -> None:
        self.filename, self.flag_bits, self.compress_type = filename, flag_bits, compress_type
        self.compress_size, self.file_size, self.start = compress_size, file_size, start

    def is_dir(self) -> bool:
        return self.filename.endswith("/")


_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # a central-directory header
_LOCAL_LENGTHS = struct.Struct("<HH")  # name and extra-field lengths of a local header, at its offset 26
_WHOLE = 16 * KB  # parts up to this size are inflated whole, once, and kept


class _ZipView:
    """A zip already in memory, its directory parsed with struct (zipfile costs ~0.1 ms a file in Python objects).

    `parse` returns None for anything unusual — zip64, several disks, a directory that does not add up — and the
    caller then takes the thorough zipfile path, which words the refusal. Parts are inflated with zlib directly and
    never beyond the size the directory declares, as both parsers do.
    """

    def __init__(self, data: bytes, entries: list[_Entry]) -> None:
        self.data, self.entries = data, entries
        self.by_name = {e.filename: e for e in entries}
        self._folded: dict[str, _Entry] | None = None
        self._whole: dict[str, bytes] = {}  # small parts already inflated whole

    @classmethod
    def parse(cls, data: bytes, max_entries: int) -> _ZipView | None:
        eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
        if eocd < 0 or eocd + 22 > len(data):
            return None
        _sig, disk, cd_disk, n_disk, count, cd_size, cd_offset, _comment = struct.unpack_from("<IHHHHIIH", data, eocd)
        if disk or cd_disk or n_disk != count or count == 0xFFFF or 0xFFFFFFFF in (cd_size, cd_offset):
            return None
        if count > max_entries or cd_offset + cd_size > eocd:
            return None  # the thorough path counts and refuses
        entries: list[_Entry] = []
        pos = cd_offset
        for _ in range(count):
            if not data.startswith(b"PK\x01\x02", pos):
                return None
            fields = _CENTRAL.unpack_from(data, pos)
            flags, method, csize, usize, nlen, elen, clen, offset = (*fields[3:5], *fields[8:13], fields[16])
            raw_name = data[pos + 46 : pos + 46 + nlen]
            pos += 46 + nlen + elen + clen
            if 0xFFFFFFFF in (csize, usize, offset) or not data.startswith(b"PK\x03\x04", offset):
                return None
            lnlen, lelen = _LOCAL_LENGTHS.unpack_from(data, offset + 26)
            start = offset + 30 + lnlen + lelen
            if start + csize > len(data):
                return None
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
            entries.append(_Entry(name, flags, method, csize, usize, start))
        return cls(data, entries)

    @classmethod
    def from_zipfile(cls, data: bytes) -> _ZipView:
        """The directory through zipfile (zip64 and other unusual zips parse's struct reading leaves out)."""
        entries = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                lnlen, lelen = struct.unpack_from("<HH", data, info.header_offset + 26)
                start = info.header_offset + 30 + lnlen + lelen
                entries.append(_Entry(info.filename, info.flag_bits, info.compress_type, info.compress_size, info.file_size, start))
        return cls(data, entries)

    def find(self, name: str) -> _Entry | None:
        """A part by name as calamine looks it up: exact, else case-insensitive with backslashes as slashes."""
        entry = self.by_name.get(name)
        if entry is None:
            if self._folded is None:
                self._folded = {e.filename.replace("\\", "/").lower(): e for e in reversed(self.entries)}
            entry = self._folded.get(name.lower())
        return entry

    def whole(self, entry: _Entry) -> bytes | None:
        """A small part inflated whole (kept for the next look), None for a larger one."""
        part = self._whole.get(entry.filename)
        if part is None and entry.file_size <= _WHOLE:
            raw = self.data[entry.start : entry.start + entry.compress_size]
            part = raw if entry.compress_type == zipfile.ZIP_STORED else zlib.decompress(raw, -15)
            if len(part) != entry.file_size:
                raise zlib.error("size differs from the directory")
            self._whole[entry.filename] = part
        return part

    def head(self, entry: _Entry, size: int) -> bytes:
        """The first `size` bytes of a part (fewer when the part is shorter)."""
        part = self._whole.get(entry.filename)
        if part is None and entry.file_size <= 2 * KB:
            part = self.whole(entry)  # as cheap as a head, and workbook.xml and its rels are read again later
        if part is not None:
            return part[:size]
        raw = self.data[entry.start : entry.start + min(entry.compress_size, size + 1024)]
        if entry.compress_type == zipfile.ZIP_STORED:
            return raw[:size]
        return zlib.decompressobj(-15).decompress(raw, size)

    def chunks(self, entry: _Entry, size: int = 4 * MB) -> Iterator[bytes]:
        """The part inflated piece by piece, never past its declared size, each piece cut after its last '<'
        ('<' never stands inside a tag, so no tag is split between two pieces)."""
        part = self.whole(entry)
        if part is not None:
            yield part
            return
        raw = memoryview(self.data)[entry.start : entry.start + entry.compress_size]
        left = entry.file_size
        if entry.compress_type == zipfile.ZIP_STORED:
            pieces: Iterator[bytes] = (bytes(raw[i : i + size]) for i in range(0, min(len(raw), left), size))
        else:
            pieces = self._inflate(raw, left, size)
        carry = b""
        for piece in pieces:
            piece = carry + piece
            cut = piece.rfind(b"<")
            if cut <= 0:
                carry = piece
                continue
            carry = piece[cut:]
            yield piece[:cut]
        if carry:
            yield carry

    @staticmethod
    def _inflate(raw: memoryview, left: int, size: int) -> Iterator[bytes]:
        inflater = zlib.decompressobj(-15)
        pos = 0
        while left > 0 and not inflater.eof:
            if inflater.unconsumed_tail:
                source = inflater.unconsumed_tail
            elif pos < len(raw):
                source, pos = raw[pos : pos + size], pos + size
            else:
                return
            out = inflater.decompress(source, min(size, left))
            if not out and source is inflater.unconsumed_tail:
                return  # no progress: a broken stream
            left -= len(out)
            if out:
                yield out

    def read(self, entry: _Entry, limit: int) -> bytes:
        """The part, or its first `limit` bytes: never more is inflated than that and one piece."""
        part = self.whole(entry)
        if part is not None:
            return part[:limit]
        out, size = [], 0
        for piece in self.chunks(entry, size=min(limit, 4 * MB)):
            out.append(piece)
            size += len(piece)
            if size >= limit:
                break
        return b"".join(out)[:limit]

    def open(self, name: str) -> io.BytesIO:
        """For _zip_kind: a part as a file (the small parts it reads: mimetype, manifest, [Content_Types].xml)."""
        entry = self.by_name[name]
        return io.BytesIO(self.read(entry, min(entry.file_size, 1 * MB)))


# a part whose prolog is plain: no '<!' anywhere in its head, an optional BOM and declaration (UTF-8 if it names
# an encoding), then the root element at once
_PLAIN_PROLOG = re.compile(
    rb"(?s)(?!.*<!)(?:\xef\xbb\xbf)?\s*(?:<\?xml\s(?:(?!encoding)[^<>])*?(?:encoding\s*=\s*[\"']utf-?8[\"'][^<>]*?)?\?>\s*)?<[a-z_]",
    re.IGNORECASE,
)


def _inspect_zip_fast(path: Path, data: bytes, limits: Limits) -> tuple[InputKind, _ZipView] | None:
    """The zip checks of _inspect_zip on bytes in memory, ~10× cheaper; None when the thorough path must decide
    (an unusual zip, or a part whose prolog is not plain: its wording and its verdict come from there)."""
    view = _ZipView.parse(data, limits.max_entries)
    if view is None:
        return None
    _check_zip_bounds(path, view.entries, limits)
    if len(view.by_name) != len(view.entries):
        raise _refuse(path, "F2", f"{CORRUPT}（压缩包内有重名的部件）")
    if any(e.flag_bits & 0x1 for e in view.entries):
        raise _refuse(path, "F3", PASSWORD)
    try:
        kind = _zip_kind(path, view, set(view.by_name))
        plain = _PLAIN_PROLOG.match
        for entry in view.entries:
            name = entry.filename
            if not entry.file_size or name.endswith("/") or name == "mimetype" or name.lower().endswith(_BINARY_PARTS):
                continue
            if plain(view.head(entry, 512)) is None:
                return None
    except zlib.error:
        return None
    return kind, view


# -- how far a sheet's values reach: what calamine will allocate ------------------------------------
#
# calamine builds a dense grid from the first to the last cell holding a value: 32 bytes a cell (measured: 15.7 M
# cells 511 MB, 27 M cells 871 MB), and one stray value at XFD1048576 asks for 512 GiB and aborts the process.
# Empty cells do not count: a self-closing <c …/>, or <c …></c> with nothing inside.

@dataclass(frozen=True)
class Extent:
    """The last row and column (1-based) holding a value; 0 when none; `cell` names the farthest such cell."""

    rows: int = 0
    cols: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.cols


# Two passes (each a regex with a literal prefix: the fastest kind) decide almost every sheet: a cell written the
# way every spreadsheet program writes it — `<c r="A12"`, the reference first, one letter, at most five digits —
# cannot make the grid larger than 99,999 rows × 26 columns. Anything else (a reference of two letters or six
# digits, a cell without a reference or with its attributes in another order, a namespace prefix) sends the sheet
# to the exact scan below.
_SCREEN = re.compile(rb'<c(?! r="[A-Za-z][0-9]{1,5}")[\s>]')
_SCREEN_PREFIXED = re.compile(rb":c[\s>]")
_SCREEN_BOUND = Extent(99_999, 26)
_ATTRS = rb"""((?:[^<>"']|"[^"]*"|'[^']*')*)"""
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.\-]*:)?(c|row)(?=[\s/>])" + _ATTRS + rb">")
_ATTR_R = re.compile(rb"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_EMPTY_CELL = re.compile(rb"\s*</(?:[A-Za-z_][\w.\-]*:)?c\s*>")
_REF = re.compile(rb"([A-Za-z]*)([0-9]+)")


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def column_letters(number: int) -> str:
    """1 -> A, 16384 -> XFD."""
    letters = ""
    while number > 0:
        number, rem = divmod(number - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _exact_extent(chunks: Iterator[bytes]) -> Extent:
    """The extent as calamine computes it: a cell's place from its r="…", else from the row's r and the cells
    before it in the row; a cell counts when anything but whitespace stands between <c> and </c>."""
    rows = cols = 0
    row_index = col_index = 0  # 0-based, as calamine counts
    for chunk in chunks:
        for tag in _TAG.finditer(chunk):
            closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
            if closing:
                if name == b"row":
                    row_index, col_index = row_index + 1, 0
                continue
            if attrs.endswith(b"/"):
                continue  # an empty element: calamine does not see it
            ref_match = _ATTR_R.search(attrs)
            ref = (ref_match.group(1) if ref_match.group(1) is not None else ref_match.group(2)) if ref_match else None
            if name == b"row":
                parsed = _REF.fullmatch(ref) if ref is not None else None
                if parsed and int(parsed.group(2)) > 0:
                    row_index = int(parsed.group(2)) - 1
                continue
            if ref is not None:
                parsed = _REF.fullmatch(ref)
                if not parsed or not parsed.group(1) or int(parsed.group(2)) == 0:
                    continue  # calamine refuses the reference: the file fails to read, harmlessly
                row, col = int(parsed.group(2)), _column_number(parsed.group(1))
                col_index = col - 1
            else:
                row, col = row_index + 1, col_index + 1
            col_index += 1
            if _EMPTY_CELL.match(chunk, tag.end()):
                continue
            rows, cols = max(rows, row), max(cols, col)
    return Extent(rows, cols)


# Every cell written `<c r="…"` (no prefix, the reference first): cells are placed by their references alone, and a
# regex finds the ones holding a value (not self-closing, not `<c …></c>`) far faster than a loop over the tags. A
# '>' inside an attribute value ends the tag early here: the cell then counts as holding a value (never too little).
_NOT_PLAIN = re.compile(rb'<c(?! r=")[\s>]')
_PLAIN_VALUE_CELL = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"[^>]*+(?<!/)>(?!\s*</(?:[A-Za-z_][\w.\-]*:)?c\s*>)')


def _plain_extent(pieces: Iterable[bytes]) -> Extent | None:
    """The extent of a part whose cells are all plain; None as soon as a piece holds any other cell."""
    rows = cols = 0
    for piece in pieces:
        if _NOT_PLAIN.search(piece) or _SCREEN_PREFIXED.search(piece):
            return None
        found = _PLAIN_VALUE_CELL.findall(piece)
        if found:
            rows = max(rows, max(int(digits) for _, digits in found))
            cols = max(cols, max(_column_number(letters) for letters in {letters for letters, _ in found}))
    return Extent(rows, cols)


def xml_extent(pieces: Callable[[], Iterable[bytes]]) -> Extent:
    """How far the values of a worksheet part reach; `pieces()` yields its XML in pieces cut before a '<' (called
    again for a closer look). When the one-pass screen finds every cell plain and near, the answer is the bound it
    proves (99,999 rows × 26 columns), not the exact extent. Three levels, each rarer and slower: the screen
    (~3 ms per MB of XML), plain cells placed by a regex (a sheet bordered down to row 1,048,576, 150 MB of XML:
    ~2 s, calamine's own read 3 s), every tag walked as calamine walks it (hand-made or hostile files)."""
    if not any(_SCREEN.search(piece) or _SCREEN_PREFIXED.search(piece) for piece in pieces()):
        return _SCREEN_BOUND
    plain = _plain_extent(pieces())
    return plain if plain is not None else _exact_extent(iter(pieces()))


_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?sheet(?=[\s/>])" + _ATTRS + rb">")
_REL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?Relationship(?=[\s/>])" + _ATTRS + rb">")
_ATTR = re.compile(rb"""([\w.:\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(text: bytes) -> dict[bytes, str]:
    out = {}
    for key, double, single in _ATTR.findall(text):
        value = (double or single).decode("utf-8", "replace")
        out[key] = html.unescape(value) if "&" in value else value
    return out


@lru_cache(maxsize=256)  # returns made from one template share these two parts: each pair is parsed once
def _sheet_parts(book: bytes, rels: bytes) -> tuple[tuple[str, bool, str], ...]:
    """(name, visible, part path) of every <sheet> of workbook.xml, its part resolved through the rels."""
    targets = {}
    for tag in _REL_TAG.finditer(rels):
        attrs = _attributes(tag[1])
        if b"Id" in attrs and b"Target" in attrs:
            targets[attrs[b"Id"]] = attrs[b"Target"]
    sheets = []
    for tag in _SHEET_TAG.finditer(book):
        attrs = _attributes(tag[1])
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), "")
        target = targets.get(rid, "")
        if target:
            part = target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else f"xl/{target}"
            sheets.append((attrs.get(b"name", part), attrs.get(b"state", "visible") == "visible", part))
    return tuple(sheets)


def _xlsx_sheets(view: _ZipView) -> list[tuple[str, bool, _Entry]]:
    """(name, visible, part) of the sheets calamine will find, its way: workbook.xml's <sheet> elements, each part
    through workbook.xml.rels ("/xl/…" and "xl/…" as given, anything else under xl/), looked up ignoring case. When
    that cannot be worked out, every part under xl/worksheets/ counts as a visible sheet."""
    book, rels = view.find("xl/workbook.xml"), view.find("xl/_rels/workbook.xml.rels")
    sheets: list[tuple[str, bool, _Entry]] = []
    if book is not None and rels is not None:
        for name, visible, part in _sheet_parts(view.read(book, 4 * MB), view.read(rels, 4 * MB)):
            entry = view.find(part)
            if entry is not None:
                sheets.append((name, visible, entry))
    if not sheets:
        folded = ((e.filename.replace("\\", "/").lower(), e) for e in view.entries)
        sheets = [(name.rsplit("/", 1)[-1], True, e) for name, e in folded if name.startswith("xl/worksheets/") and name.endswith(".xml")]
    if not any(visible for _, visible, _ in sheets):
        sheets = [(name, True, e) for name, _, e in sheets]  # the reader then reads them all
    return sheets


def _too_far(path: Path, sheet: str, extent: Extent, limits: Limits, *, hidden: bool = False) -> InputFileError:
    return _refuse(
        path,
        "F10",
        f"工作表“{sheet}”{'（隐藏的工作表，请先取消隐藏）' if hidden else ''}在表格以外很远的地方有内容（最远到第 {extent.rows:,} 行、第 {column_letters(extent.cols)} 列），"
        f"整张表要按 {extent.rows:,} 行 × {extent.cols:,} 列 = {extent.cells:,} 个单元格读取，超过上限 {limits.max_cells:,}，"
        "无法安全读取：请清除表格以外远处的内容（选中多余的行、列，右键“删除”），保存后重新报送",
    )


def check_input(path: Path, *, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS) -> InputKind:
    """inspect_input, and then how far the values of every visible sheet reach (xlsx, xlsm, xls): F10 when the
    grid calamine would allocate exceeds `limits.max_cells`. What the readers call before calamine opens a file.

    Unlike inspect_input this inflates the worksheet parts (in 4 MB pieces): measured 6.5 % of calamine's own read
    on a 50,000-row sheet, 0.03 ms a file on small ones (see the module docstring). ODS and XLSB are not scanned:
    read them through run_limited.
    """
    path = path if isinstance(path, Path) else Path(path)
    if data is None:
        kind, view = _inspect(path, limits, None)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _refuse(path, "F2", f"无法读取文件（{exc.strerror or exc}），请确认文件没有被其他程序占用后重试") from exc
    else:
        kind, view = _inspect(path, limits, data)
    try:
        if kind in ("xlsx", "xlsm"):
            view = view or _ZipView.parse(data, limits.max_entries) or _ZipView.from_zipfile(data)
            for name, visible, entry in _xlsx_sheets(view):  # hidden sheets too: the readers read them
                extent = xml_extent(lambda e=entry: view.chunks(e))  # type: ignore[misc]
                if extent is _SCREEN_BOUND and extent.cells > limits.max_cells:
                    extent = _exact_extent(view.chunks(entry))
                if extent.cells > limits.max_cells:
                    raise _too_far(path, name, extent, limits, hidden=not visible)
        elif kind == "xls":
            for name, visible, extent in _xls_extents(data):
                if extent.cells > limits.max_cells:
                    raise _too_far(path, name, extent, limits, hidden=not visible)
    except (zlib.error, ValueError, struct.error, zipfile.BadZipFile) as exc:
        raise _refuse(path, "F2", CORRUPT) from exc
    return kind


# -- OLE2 compound files (xls, WPS et, encrypted OOXML) ---------------------------------------------

_ENDOFCHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA


class _Ole2:
    """Just enough of [MS-CFB] to list the directory and read the start of one stream, every read bounded."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle, self.size = handle, size
        handle.seek(0)
        header = handle.read(512)
        if len(header) < 512:
            raise ValueError("short header")
        major, _order, shift, mini_shift = struct.unpack_from("<HHHH", header, 0x1A)
        if (major, shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
            raise ValueError("sector sizes")
        self.sector_size = 1 << shift
        (self.n_fat, self.dir_start, _tx, self.cutoff, self.minifat_start, self.n_minifat, difat_start, n_difat) = struct.unpack_from(
            "<IIIIIIII", header, 0x2C
        )
        self.n_sectors = max(0, -(-(size - self.sector_size) // self.sector_size))
        if self.n_fat > self.n_sectors:
            raise ValueError("FAT larger than file")
        self.difat = [s for s in struct.unpack_from("<109I", header, 0x4C) if s <= _MAX_SECTOR]
        sector, seen = difat_start, set()
        while sector <= _MAX_SECTOR and len(self.difat) < self.n_fat:
            if sector in seen or len(seen) > n_difat + 1:
                raise ValueError("DIFAT loop")
            seen.add(sector)
            entries = struct.unpack(f"<{self.sector_size // 4}I", self._sector(sector))
            self.difat += [s for s in entries[:-1] if s <= _MAX_SECTOR]
            sector = entries[-1]
        self._fat_cache: dict[int, tuple[int, ...]] = {}

    def _sector(self, index: int) -> bytes:
        if index >= self.n_sectors:
            raise ValueError("sector outside the file")
        self.handle.seek((index + 1) * self.sector_size)
        data = self.handle.read(self.sector_size)
        return data.ljust(self.sector_size, b"\x00")

    def _next(self, sector: int) -> int:
        per = self.sector_size // 4
        fat_index = sector // per
        if fat_index >= len(self.difat):
            raise ValueError("FAT entry outside the FAT")
        if fat_index not in self._fat_cache:
            self._fat_cache[fat_index] = struct.unpack(f"<{per}I", self._sector(self.difat[fat_index]))
        return self._fat_cache[fat_index][sector % per]

    def chain(self, start: int, max_sectors: int) -> list[int]:
        out: list[int] = []
        seen: set[int] = set()
        sector = start
        while sector <= _MAX_SECTOR and len(out) < max_sectors:
            if sector in seen:
                raise ValueError("sector loop")
            seen.add(sector)
            out.append(sector)
            sector = self._next(sector)
        return out

    def directory(self) -> list[tuple[str, int, int, int]]:
        """(name, type, start sector, size) of every entry; at most 4,096 entries are read."""
        entries = []
        for sector in self.chain(self.dir_start, max_sectors=4096 * 128 // self.sector_size):
            data = self._sector(sector)
            for at in range(0, len(data), 128):
                name_len = struct.unpack_from("<H", data, at + 64)[0]
                kind = data[at + 66]
                if kind == 0:
                    continue
                name = data[at : at + min(name_len, 64)].decode("utf-16-le", errors="replace").rstrip("\x00")
                start, size = struct.unpack_from("<IQ", data, at + 116)
                entries.append((name, kind, start, size if self.sector_size == 4096 else size & 0xFFFFFFFF))
        if not entries or entries[0][1] != 5:
            raise ValueError("no root entry")
        return entries

    def read_head(self, start: int, size: int, root_start: int, limit: int) -> bytes:
        """The first `limit` bytes of a stream, from the regular sectors or the mini stream."""
        want = min(size, limit)
        if size >= self.cutoff:
            sectors = self.chain(start, max_sectors=-(-want // self.sector_size))
            return b"".join(self._sector(s) for s in sectors)[:want]
        mini_per = self.sector_size // 64
        root_chain = self.chain(root_start, max_sectors=max(1, self.n_sectors))
        minifat_chain = self.chain(self.minifat_start, max_sectors=max(1, self.n_minifat))
        out, mini, seen = [], start, set()
        per = self.sector_size // 4
        while mini <= _MAX_SECTOR and len(out) * 64 < want:
            if mini in seen:
                raise ValueError("mini sector loop")
            seen.add(mini)
            host = mini // mini_per
            if host >= len(root_chain):
                raise ValueError("mini sector outside the mini stream")
            sector = self._sector(root_chain[host])
            offset = (mini % mini_per) * 64
            out.append(sector[offset : offset + 64])
            if mini // per >= len(minifat_chain):
                raise ValueError("mini FAT too short")
            mini = struct.unpack_from("<I", self._sector(minifat_chain[mini // per]), (mini % per) * 4)[0]
        return b"".join(out)[:want]


def _inspect_ole2(path: Path, handle: BinaryIO, size: int) -> InputKind:
    try:
        ole = _Ole2(handle, size)
        entries = ole.directory()
        names = {name.lower(): (kind, start, length) for name, kind, start, length in entries}
        if "encryptioninfo" in names or "encryptedpackage" in names:
            raise _refuse(path, "F3", PASSWORD)
        book = names.get("workbook") or names.get("book")
        if book and book[0] == 2:
            head = ole.read_head(book[1], book[2], entries[0][2], limit=16 * KB)
            if _biff_has_filepass(head):
                raise _refuse(path, "F3", PASSWORD)
            if not head.startswith((b"\x09\x08", b"\x09\x04", b"\x09\x02", b"\x09\x00")):
                raise ValueError("Workbook stream does not begin with BOF")
            return "xls"
    except (ValueError, struct.error) as exc:
        raise _refuse(path, "F2", CORRUPT) from exc
    if "worddocument" in names:
        raise _refuse(path, "F1", "这是一个 Word 文档（.doc），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表")
    if "powerpoint document" in names:
        raise _refuse(path, "F1", "这是一个 PowerPoint 演示文稿（.ppt），不是 Excel 工作簿，请报送 Excel 格式的信息报送登记表")
    raise _refuse(path, "F1", "这是一个 Office 文件，但不是 Excel 工作簿（找不到工作表数据），请报送 Excel 格式的信息报送登记表")


def _biff_has_filepass(stream: bytes) -> bool:
    """FILEPASS (0x002F) among the workbook globals before the first BOUNDSHEET: the file is encrypted."""
    pos = 0
    for _ in range(400):
        if pos + 4 > len(stream):
            return False
        rtype, length = struct.unpack_from("<HH", stream, pos)
        if rtype == 0x002F:
            return True
        if rtype == 0x0085 or (rtype == 0x000A and pos):  # BOUNDSHEET or EOF: past where FILEPASS can be
            return False
        pos += 4 + length
    return False


# BIFF records holding a cell value (BLANK and MULBLANK, formatting only, are left out as calamine leaves them)
_BIFF_CELLS = frozenset({0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E})
_BIFF_MULRK = 0x00BD


def _xls_extents(data: bytes) -> list[tuple[str, bool, Extent]]:
    """(name, visible, extent) of every sheet of a BIFF5/8 workbook, from its BOUNDSHEET records and the value
    records of each sheet's substream, as calamine places them."""
    ole = _Ole2(io.BytesIO(data), len(data))
    entries = ole.directory()
    names = {name.lower(): (kind, start, length) for name, kind, start, length in entries}
    book = names.get("workbook") or names.get("book")
    if not book:
        return []
    stream = ole.read_head(book[1], book[2], entries[0][2], limit=book[2])
    sheets: list[tuple[int, str, bool]] = []
    pos = 0
    while pos + 4 <= len(stream):
        rtype, length = struct.unpack_from("<HH", stream, pos)
        body, pos = pos + 4, pos + 4 + length
        if rtype == 0x0085 and length >= 8:  # BOUNDSHEET: offset, state, type, name
            offset, state = struct.unpack_from("<IB", stream, body)
            cch, high = stream[body + 6], stream[body + 7]
            raw = stream[body + 8 : body + 8 + cch * (2 if high & 1 else 1)]
            name = raw.decode("utf-16-le" if high & 1 else "latin-1", errors="replace")
            sheets.append((offset, name, state & 3 == 0))
        elif rtype == 0x000A:
            break
    return [(name, visible, _biff_sheet_extent(stream, offset)) for offset, name, visible in sheets]


_HH = struct.Struct("<HH").unpack_from


def _biff_sheet_extent(stream: bytes, pos: int) -> Extent:
    rows = cols = 0
    end = len(stream) - 4
    cells, mulrk = _BIFF_CELLS, _BIFF_MULRK
    while pos <= end:
        rtype, length = _HH(stream, pos)
        body = pos + 4
        pos = body + length
        if rtype in cells:
            if length >= 4:
                row, col = _HH(stream, body)
                if row >= rows:
                    rows = row + 1
                if col >= cols:
                    cols = col + 1
        elif rtype == mulrk and length >= 6:
            row, last = _HH(stream, body)[0], _HH(stream, body + length - 2)[0]
            rows, cols = max(rows, row + 1), max(cols, last + 1)
        elif rtype == 0x000A:  # EOF of the sheet's substream
            break
    return Extent(rows, cols)


# -- parsing in a child process ---------------------------------------------------------------------


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], max_memory_mb: int, cpu_seconds: float) -> None:
    import faulthandler
    import os

    faulthandler.disable()  # an abort here is expected and reported by the parent, not dumped on the terminal
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # calamine's "memory allocation … failed" and panic traces
    if sys.platform != "win32":
        import resource

        if max_memory_mb and sys.platform.startswith("linux"):
            limit = max_memory_mb * MB
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        # a child whose parent was killed outlives it, holding the inherited workspace-lock descriptor: never long
        seconds = int(cpu_seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        result: tuple[str, Any] = ("ok", func(*args))
    except InputFileError as exc:
        result = ("input", (str(exc), exc.code))
    except MemoryError:
        result = ("memory", None)
    except BaseException as exc:  # calamine's panics are BaseException: report them, never re-raise in the child
        result = ("error", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(result)
    except Exception as exc:  # an unpicklable result
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class ChildFailed(Exception):
    """The child process failed in a way that is not the file's fault as far as we can tell (bug in `func`)."""


def run_limited(
    func: Callable[..., T],
    *args: Any,
    max_memory_mb: int = 2048,
    timeout_s: float = 120.0,
    name: str = "",
) -> T:
    """`func(*args)` in a child process with an address-space cap (Linux) and a time limit.

    Returns what `func` returned (it must be picklable, and `func` importable by name where processes are
    spawned, i.e. Windows and macOS). An InputFileError raised by `func` is raised again here with its code; a
    MemoryError, a crash of the child (a parser abort) or the timeout become InputFileError F10 naming `name`;
    any other exception becomes ChildFailed carrying the child's message.
    """
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    import multiprocessing  # only ODS/XLSB reach the child process; every start-up skips the import

    ctx = multiprocessing.get_context(method)
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, max_memory_mb, timeout_s + 5), daemon=True)
    process.start()
    sender.close()
    label = f"{name}：" if name else ""
    try:
        if not receiver.poll(timeout_s):
            raise InputFileError(f"{label}文件异常（读取超过 {timeout_s:g} 秒仍未完成），可能已损坏或不安全，请重新保存后报送", code="F10")
        try:
            status, payload = receiver.recv()
        except EOFError:
            process.join(5)
            raise InputFileError(
                f"{label}文件异常（读取时程序异常退出，代码 {process.exitcode}，可能占用内存过多），可能已损坏或不安全，请重新保存后报送",
                code="F10",
            ) from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "input":
        message, code = payload
        raise InputFileError(message, code=code)
    if status == "memory":
        raise InputFileError(f"{label}文件异常（读取时需要的内存超过 {max_memory_mb} MB），可能已损坏或不安全，请重新保存后报送", code="F10")
    raise ChildFailed(payload)
