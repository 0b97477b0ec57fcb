"""What a file really is, judged by its bytes, not its name: a workbook kind, or the refusal naming what it is.
WPS's `.et` is BIFF8 in an OLE2 container ("xls"); an .xlsm's macros are never run."""

from __future__ import annotations

import codecs
import contextlib
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Literal

from xlflow.core.errors import InputFileError
from xlflow.intake.messages import refuse

InputKind = Literal["xlsx", "xlsm", "xlsb", "xls", "ods"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_MAGICS: tuple[tuple[bytes, str, str], ...] = (  # leading bytes, situation, what it is
    (b"%PDF", "not_excel", "一个 PDF 文件"),
    (b"{\\rtf", "not_excel", "一个 Word 文档（RTF 格式）"),
    (b"\x89PNG", "not_excel", "一张图片（PNG）"),
    (b"\xff\xd8\xff", "not_excel", "一张图片（JPEG）"),
    (b"GIF8", "not_excel", "一张图片（GIF）"),
    (b"II*\x00", "not_excel", "一张图片（TIFF）"),
    (b"MM\x00*", "not_excel", "一张图片（TIFF）"),
    (b"Rar!", "archive", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "7z"),
    (b"\x1f\x8b", "archive", "gzip"),
    (b"\x00\x05\x16\x07", "apple_double", ""),  # the ._ file a Mac leaves beside each file it copies
    (b"L\x00\x00\x00\x01\x14\x02\x00", "shortcut", ""),  # a Windows .lnk: its header size, then its CLSID
)


def not_a_workbook(name: str, head: bytes) -> InputFileError:
    """The refusal of a file that is neither a zip nor an OLE2 container, naming what it is."""
    if not head.strip(b"\x00"):
        return refuse(name, "zeros")
    if _is_gnumeric(head):
        return refuse(name, "gnumeric")
    for magic, situation, what in _MAGICS:
        if head.startswith(magic):
            return refuse(name, situation, what=what)
    text = _decode_head(head)
    start = text.lstrip().lower()[:2000]
    if "multipart/related" in start[:400]:
        return refuse(name, "mht")
    if re.match(_MAIL_HEADER, start) and re.search(r"^(from|subject):", start, re.MULTILINE):
        return refuse(name, "mail")  # a saved e-mail (.eml)
    if "urn:schemas-microsoft-com:office:spreadsheet" in start or 'progid="excel.sheet"' in start:
        return refuse(name, "xml_2003")
    if re.search(rf'<office:document\b[^>]*\boffice:mimetype="{re.escape(_ODS_MIME)}"', text):  # LibreOffice's .fods
        return refuse(name, "fods")
    if start.startswith("<") and re.search(r"<(html|!doctype html|head|body|table|meta|style|tr|td)\b", start):
        return refuse(name, "html")
    if text and sum(ch.isprintable() or ch in "\r\n\t" for ch in text) >= 0.95 * len(text):
        return refuse(name, "text", what="文本文件（可能是 CSV）" if ("," in text or "\t" in text) else "文本文件")
    return refuse(name, "unknown")


def _is_gnumeric(head: bytes) -> bool:
    """Gnumeric's own format: XML naming gnumeric, gzip-compressed as Gnumeric saves it (whatever the file's name)."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 2048)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"<?xml") and b"gnumeric" in head[:2048].lower()


_MAIL_HEADER = r"(mime-version|from|to|subject|date|received|return-path|message-id|delivered-to|reply-to):"


def _decode_head(head: bytes) -> str:
    """The head of a text file as text: a BOM's encoding, else UTF-8, else GB18030 (Chinese Windows)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    for codec in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return str(codecs.getincrementaldecoder(codec)().decode(head))
    return ""


_BOFS = (b"\x09\x08", b"\x09\x04", b"\x09\x02", b"\x09\x00")  # BIFF8/5, 4, 3, 2


def ole2_kind(name: str, handle: BinaryIO) -> InputKind:
    """"xls" for a Workbook stream (BIFF5: Book) that begins with a BOF record; F3 for an encrypted OOXML package
    or an .xls with FILEPASS (also what a "password to modify" writes); F2 for a broken container; F1 for
    other Office files. msoffcrypto does not read BIFF5's Book stream: calamine refuses an encrypted one."""
    import msoffcrypto
    import olefile

    try:
        ole = olefile.OleFileIO(handle)
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            raise refuse(name, "password")
        book = next((name for name in ("Workbook", "Book") if ole.get_type(name) == olefile.STGTY_STREAM), None)
        if book:
            stream = ole.openstream(book).read()
            if len(stream) != ole.get_size(book) or not stream.startswith(_BOFS):
                raise ValueError("the Workbook stream is not where the directory says, or lacks its BOF")
            if book == "Workbook" and msoffcrypto.OfficeFile(handle).is_encrypted():
                raise refuse(name, "password")
            return "xls"
    # olefile's errors are OSErrors; msoffcrypto raises these when the workbook globals break off
    except (OSError, ValueError, EOFError, struct.error, AssertionError, IndexError, msoffcrypto.exceptions.ParseError) as exc:
        raise refuse(name, "corrupt") from exc
    for stream, situation, what in _OTHER_OLE2:
        if ole.exists(stream):
            raise refuse(name, situation, what=what)
    raise refuse(name, "other_office")


_OTHER_OLE2 = (
    ("WordDocument", "not_excel", "一个 Word 文档（.doc）"),
    ("PowerPoint Document", "not_excel", "一个 PowerPoint 演示文稿（.ppt）"),
    ("__properties_version1.0", "mail", ""),  # an Outlook .msg
)
_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_OTHER_ZIPS = (
    ("word/document.xml", "not_excel", "一个 Word 文档（.docx）"),
    ("ppt/presentation.xml", "not_excel", "一个 PowerPoint 演示文稿"),
    ("Index/Document.iwa", "numbers", ""),
)


def zip_kind(name: str, archive: zipfile.ZipFile) -> InputKind:
    """What a zip holds, by its part names; F3 for password-protected entries or an encrypted ODS."""
    if any(info.flag_bits & 0x1 for info in archive.infolist()):
        raise refuse(name, "password")
    names = set(archive.namelist())
    if "mimetype" in names:
        mime = archive.open("mimetype").read(200).decode("ascii", errors="replace").strip()
        if not mime.startswith(_ODS_MIME):
            what = "文字文档" if ".text" in mime else ("演示文稿" if "presentation" in mime else "文档")
            raise refuse(name, "odf_other", what=what, mime=mime.rsplit(".", 1)[-1])
        if "META-INF/manifest.xml" in names and b"encryption-data" in archive.open("META-INF/manifest.xml").read(1 << 20):
            raise refuse(name, "password")
        return "ods"
    if "xl/workbook.xml" in names:
        types = archive.open("[Content_Types].xml").read(64 << 10) if "[Content_Types].xml" in names else b""
        return "xlsm" if "xl/vbaProject.bin" in names or b"macroEnabled.main" in types else "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    for marker, situation, what in _OTHER_ZIPS:
        if marker in names:
            raise refuse(name, situation, what=what)
    books = sorted(book[0] for book in zip_books(archive))
    if books:
        raise refuse(name, "zip_of_books", books="、".join(books[:3]) + ("等" if len(books) > 3 else ""))
    raise refuse(name, "no_workbook_part" if "[Content_Types].xml" in names else "zip")


def _entry_name(info: zipfile.ZipInfo) -> str:
    """An entry's name as its maker meant it. Without the UTF-8 flag zipfile reads the bytes as cp437, but Info-ZIP
    writes UTF-8 there and Chinese Windows (压缩(zipped)文件夹, WinRAR, 360压缩) GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    for codec in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return info.filename.encode("cp437").decode(codec)
    return info.filename


def zip_books(archive: zipfile.ZipFile) -> list[tuple[str, bytes, int, int]]:
    """(name, name as stored, size, CRC-32) of each workbook in a zip of files, without its folder."""
    out = []
    for info in archive.infolist():
        name = _entry_name(info).rsplit("/", 1)[-1]
        if name.lower().endswith((".xlsx", ".xls", ".xlsm", ".et", ".ods")):
            raw = info.filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
            out.append((name, raw.rsplit(b"/", 1)[-1], info.file_size, info.CRC))
    return out


def is_workbook(path: Path) -> bool:
    """Whether the bytes of `path` are a workbook whatever its name says (a .doc that is an .xls renamed)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            handle.seek(0)
            if head.startswith(OLE2_MAGIC):
                ole2_kind(path.name, handle)
            elif head.startswith(ZIP_MAGICS):
                with zipfile.ZipFile(handle) as archive:
                    zip_kind(path.name, archive)
            else:
                return False
    except (InputFileError, OSError, zipfile.BadZipFile):
        return False
    return True
