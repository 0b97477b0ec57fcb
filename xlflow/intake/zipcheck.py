"""Zip limits before any parser inflates a part (part count, declared sizes, ratios), and no DTD or entity
declaration in any XML part (billion laughs, XXE). Declared sizes suffice: the parsers stop there, so a bomb
understating its size fails in calamine ("larger than its declared uncompressed size") and in zipfile."""

from __future__ import annotations

import codecs
import re
import struct
import zipfile
from typing import TYPE_CHECKING, BinaryIO

from xlflow.intake.messages import refuse, size_text

if TYPE_CHECKING:
    from xlflow.intake.preflight import Limits

KB = 1024


def open_zip(name: str, handle: BinaryIO, size: int, limits: Limits) -> zipfile.ZipFile:
    """The archive, once its part count (from the end record, before zipfile lists every part), the declared
    sizes, compression ratios and methods, and the part names are what a spreadsheet has."""
    handle.seek(max(0, size - 22 - 65535))
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise refuse(name, "corrupt")
    count = struct.unpack_from("<H", tail, at + 10)[0]  # zip64 says 0xFFFF here: over the limit too
    if count > limits.max_entries:
        raise refuse(name, "too_many_parts", count=count, limit=limits.max_entries)
    archive = zipfile.ZipFile(handle)
    total = 0
    for info in archive.infolist():
        part, total = info.filename, total + info.file_size
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse(name, "compression", part=part)
        if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
            raise refuse(name, "size_mismatch", part=part)
        if info.file_size > limits.max_entry_bytes:
            raise refuse(name, "part_too_big", part=part, size=size_text(info.file_size), limit=size_text(limits.max_entry_bytes))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise refuse(name, "ratio", part=part, ratio=ratio, size=size_text(info.file_size))
    if total > limits.max_total_bytes:
        raise refuse(name, "total_too_big", size=size_text(total), limit=size_text(limits.max_total_bytes))
    if len(set(archive.namelist())) != len(archive.infolist()):
        raise refuse(name, "duplicate_parts")
    return archive


_BINARY_PARTS = (".bin", ".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".tif", ".tiff", ".bmp", ".wdp", ".odttf")
# encodings whose markup is ASCII, so '<!DOCTYPE' reads as itself; UTF-16 is told by its first bytes
_ASCII_ENCODINGS = {"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252", "gbk", "gb2312", "gb18030", "big5"}
_UTF16 = (((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"), ((b"<\x00",), "utf-16-le"), ((b"\x00<",), "utf-16-be"))
_PROLOG_STEP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
# the prolog spreadsheet programs write: a BOM, a declaration naming UTF-8 or no encoding, then the root element
_PLAIN_PROLOG = re.compile(rb"""(?:\xef\xbb\xbf)?\s*(?:<\?xml\s(?:(?!encoding)[^<>])*?(?:encoding\s*=\s*["']utf-?8["'][^<>]*?)?\?>\s*)?<[a-z_]""", re.I)


def check_xml_parts(name: str, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a part whose prolog holds a DTD or an entity declaration, or that a parser would decode otherwise.
    `<!DOCTYPE` stands only before the root element and `<!ENTITY` only in the DTD, so reading up to the root
    element (at most `max_prolog_bytes`) and a little after finds every declaration a parser would act on."""
    for info in archive.infolist():
        part = info.filename
        if info.is_dir() or not info.file_size or part == "mimetype" or part.lower().endswith(_BINARY_PARTS):
            continue
        with archive.open(info) as handle:
            raw = handle.read(4 * KB)
            if _PLAIN_PROLOG.match(raw) and b"<!" not in raw:
                continue
            raw += handle.read(limits.max_prolog_bytes)
        codec = _xml_codec(raw)
        if codec == "unknown":
            raise refuse(name, "encoding", part=part)
        verdict = _prolog_verdict(raw.decode(codec, errors="replace")) if codec else "ok"
        if verdict == "unsafe":
            raise refuse(name, "dtd", part=part)
        if verdict == "open" and len(raw) < info.file_size:
            raise refuse(name, "prolog", part=part)


def _xml_codec(raw: bytes) -> str | None:
    """How to decode an XML part's bytes; None when it is not XML (a parser fails on it, harmlessly);
    "unknown" when it declares an encoding whose markup is not ASCII (UTF-7, UTF-32 …)."""
    for starts, codec in _UTF16:
        if raw.startswith(starts):
            return codec
    stripped = raw.removeprefix(codecs.BOM_UTF8).lstrip()
    if not stripped.startswith(b"<"):
        return None
    declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']", stripped)
    try:
        if declared and codecs.lookup(declared.group(1).decode("ascii")).name not in _ASCII_ENCODINGS:
            return "unknown"
    except LookupError:
        return "unknown"
    return "utf-8-sig"


def _prolog_verdict(text: str) -> str:
    """'ok' (the root element reached, no declaration), 'unsafe' (a DTD, entity or other declaration), 'open'
    (the prolog goes on past `text`)."""
    text, pos = text.lstrip("\ufeff"), 0
    while step := _PROLOG_STEP.match(text, pos):
        pos = step.end()
    rest = text[pos:].lstrip()
    if rest.startswith(("<!--", "<?")) or rest in ("", "<", "<!", "<!-"):
        return "open"  # a comment or instruction not closed yet within `text`
    if rest.startswith("<!") or re.search(r"<!(?:DOCTYPE|ENTITY)", text[pos : pos + 4 * KB], re.IGNORECASE):
        return "unsafe"
    return "ok"
