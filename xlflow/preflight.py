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

What pre-flight cannot see, measured on python-calamine 0.9.1 (calamine 0.37) and openpyxl 3.1.5
-----------------------------------------------------------------------------------------------------------------
- A 2.6 KB workbook with one stray cell at XFD1048576 (beside real data at A1) makes calamine allocate the dense
  bounding box, 1,048,576 × 16,384 cells = 512 GiB: "memory allocation failed", the process aborts (SIGABRT,
  no Python exception). Any cell far right or far down does the same in proportion; only a full scan of every
  cell reference could bound it, which costs ~30 % of calamine's own read (0.14 s against 0.47 s on 50,000
  rows) — not a pre-flight. openpyxl (not read-only) survives it (37 MB).
- A malformed OLE2 can make calamine panic (`pyo3_runtime.PanicException`, a BaseException, not an Exception):
  the OLE2 parse below refuses the broken containers we know of, but catch BaseException around calamine.
- A zip bomb *under* the caps (150 MB of identical rows would be 2.9 M rows: 7.5 s, 615 MB in calamine) is
  refused by the ratio; with entropy added to stay under the ratio, the 200 MB cap bounds it to a few million
  cells, which calamine survives in a few hundred MB.
So parsing must be isolated: `run_limited(func, *args, max_memory_mb=…, timeout_s=…)` runs a reader function in a
child process with an address-space limit (Linux, via RLIMIT_AS) and a timeout, and turns a crash, a MemoryError
or a timeout into InputFileError F10. Forking costs ~10-20 ms a file on Linux; Windows has to spawn (a few
hundred ms, and no memory cap there — the 512 GiB allocation still fails at once and kills only the child).

After pre-flight, the reader must still bound rows itself:
- calamine drops empty styled cells: a sheet bordered down to row 1,048,576 (150 MB of XML) reads as its 2 real
  rows in 3.0 s / 41 MB; rows formatted as whole rows read in 0.4 s / 19 MB. A lying <dimension> is ignored.
- openpyxl read-only trusts <dimension> (pads every row to 16,384 cells) and returns all 1,048,576 styled rows
  (46 s for bordered cells, 14 s / 476 MB for styled rows): never iterate it without a row cap and an early stop
  on a run of empty rows. openpyxl's normal mode is worse: 28.6 s / 866 MB for styled rows, over 120 s for
  bordered cells — open with openpyxl only what calamine has already read within bounds.
- A BIFF .xls with one number at IV65536 reads as 65,536 × 256 cells: 1.2 GB and 7 s through to_python()
  (calamine survives; `to_python(nrows=…)` and run_limited's cap bound it).
- calamine reads nothing from a UTF-16 sheet part (no error, no rows): pre-flight decodes UTF-16 to find DTDs.
- openpyxl refuses `&#7;` in XML (ParseError); calamine passes control characters through (strip them).
- calamine from_path trusts the extension (an .xls renamed .xlsx fails with "Could not find EOCD"); open with
  `CalamineWorkbook.from_filelike`, which sniffs the content, or by the kind returned here.
"""

from __future__ import annotations

import codecs
import multiprocessing
import re
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
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


def inspect_input(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> InputKind:
    """What `path` really is, judged by its bytes; raises InputFileError (code F1/F2/F3/F4/F10) when it must not
    be parsed. Reads a few KB per part, never a whole sheet."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
            if _is_lock_file(path, head):
                raise _refuse(path, "F4", "这是 Excel/WPS 打开文件时自动生成的临时锁定文件（~$ 开头），不是报送的工作簿，已跳过")
            if size == 0:
                raise _refuse(path, "F1", "文件是空的（0 字节），可能没有保存好或没有传完，请重新保存后报送")
            if size > limits.max_file_bytes:
                raise _refuse(path, "F10", f"{TOO_BIG}（文件 {_mb(size)}，上限 {_mb(limits.max_file_bytes)}）")
            if head.startswith(_OLE_MAGIC):
                return _inspect_ole2(path, handle, size)
            if head.startswith(_ZIP_MAGICS):
                return _inspect_zip(path, size, limits)
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


def _zip_entry_count(path: Path, size: int) -> int | None:
    """The entry count from the end-of-central-directory record (zip64 too), before zipfile builds its list."""
    with path.open("rb") as handle:
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


def _inspect_zip(path: Path, size: int, limits: Limits) -> InputKind:
    count = _zip_entry_count(path, size)
    if count is None:
        raise _refuse(path, "F2", CORRUPT)
    if count > limits.max_entries:
        raise _refuse(path, "F10", f"{TOO_BIG}（文件包含 {count:,} 个部件，上限 {limits.max_entries:,}）")
    try:
        with zipfile.ZipFile(path) as archive:
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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise _refuse(path, "F2", CORRUPT) from exc


def _check_zip_bounds(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
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


def _zip_kind(path: Path, archive: zipfile.ZipFile, names: set[str]) -> InputKind:
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


# -- parsing in a child process ---------------------------------------------------------------------


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], max_memory_mb: int) -> None:
    import faulthandler
    import os

    faulthandler.disable()  # an abort here is expected and reported by the parent, not dumped on the terminal
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # calamine's "memory allocation … failed" and panic traces
    if max_memory_mb and sys.platform.startswith("linux"):
        import resource

        limit = max_memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
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
    ctx = multiprocessing.get_context(method)
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, max_memory_mb), daemon=True)
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
