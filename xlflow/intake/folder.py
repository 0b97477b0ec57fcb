"""The files of a folder that someone may have sent, and what is left out and why (lock and system files, for
every reader; the articles a unit attaches beside its workbook, saved e-mails and zips already unpacked, for the
monthly returns and the register forms). A name the file system holds in another encoding (GBK from a Windows
zip) is shown with replacement characters and kept losslessly as bytes."""

from __future__ import annotations

import contextlib
import os
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xlflow.core.text import display_name
from xlflow.fsutil import TEMP_PREFIX  # xlflow's own temporaries: never a lock file
from xlflow.intake.sniff import is_workbook, zip_books

# Excel/WPS owner files, LibreOffice locks, WPS and Word temporaries
LOCK_PREFIXES = ("~$", ".~lock.", ".~", "~wrl")
# besides hidden files: .DS_Store, a Mac's ._name companions, xlflow's own .~xlflow- temporaries
SYSTEM_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})
SYSTEM_FOLDERS = frozenset({"__macosx", ".git", ".svn", "$recycle.bin", "system volume information"})
# the article itself, its scan or its photos, mailed with the workbook as the template's 填表说明 asks; by what
# a person calls each kind
DOCUMENT_KINDS: dict[str, tuple[str, ...]] = {
    "一个 Word 文件": (".doc", ".docx", ".docm", ".dot", ".dotx", ".rtf", ".odt"),
    "一个 WPS 文字文件": (".wps", ".wpt"),
    "一个 PDF 文件": (".pdf",),
    "一个 OFD 文件": (".ofd",),
    "一个文本文件": (".txt",),
    "一张图片": (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp"),
    "一个演示文稿": (".ppt", ".pptx", ".dps"),
    "一段视频": (".mp4", ".mov", ".avi", ".wmv"),
}
DOCUMENT_SUFFIXES = frozenset(suffix for suffixes in DOCUMENT_KINDS.values() for suffix in suffixes)
MAIL_SUFFIXES = (".eml", ".msg")  # a mail saved with its attachment: the coordinator is to save the attachment


def is_lock_file(name: str | os.PathLike[str]) -> bool:
    """An owner or lock file an office program leaves beside an open workbook: never a return."""
    lowered = Path(name).name.lower()
    return lowered.startswith(LOCK_PREFIXES) and not lowered.startswith(TEMP_PREFIX)


def document_kind(name: str) -> str:
    """What a file set aside as a document is, as a person says it: 一个 Word 文件, 一张图片 …"""
    suffix = Path(name).suffix.lower()
    return next(kind for kind, suffixes in DOCUMENT_KINDS.items() if suffix in suffixes)


def is_owner_name(name: str) -> bool:
    """Excel/WPS's `~$…` owner file or LibreOffice's `.~lock.…#`: the names pre-flight refuses (F4) unless the
    content is a workbook after all."""
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


@dataclass(frozen=True)
class Entry:
    path: Path  # one file to read
    name: str  # display path relative to the folder, "/" between parts
    raw: bytes  # the relative path as the file system holds it


@dataclass
class Scan:
    """What a folder holds: the files to read and everything left out, each with the reason."""

    folder: Path
    files: list[Entry] = field(default_factory=list)
    locks: list[str] = field(default_factory=list)  # display names of lock files
    system: list[str] = field(default_factory=list)  # display names of system and hidden files
    documents: list[str] = field(default_factory=list)  # display names of article attachments (Word, PDF, photos)
    mails: list[str] = field(default_factory=list)  # display names of saved e-mails (MAIL_SUFFIXES)
    unpacked: list[str] = field(default_factory=list)  # display names of zips whose workbooks are in the folder
    folders: list[tuple[str, str]] = field(default_factory=list)  # (display name, why) of folders not read

    @property
    def in_subfolders(self) -> list[Entry]:
        return [e for e in self.files if "/" in e.name]


FolderRule = Callable[[str], "str | None"]  # display name of a sub-folder -> why it is not read, or None


def scan_folder(folder: Path, *, skip: FolderRule | None = None) -> Scan:
    """The files of `folder` and its sub-folders, sorted by their shown path; `skip(name)` may return why a
    top-level sub-folder is not read (e.g. another month's folder under inbox/). A file named as a document
    (DOCUMENT_SUFFIXES) or a mail (MAIL_SUFFIXES) is set aside, unless its bytes are a workbook, and so is a zip
    whose workbooks all lie in the folder (解压到当前文件夹 leaves it beside them)."""
    scan = Scan(folder)
    _walk(folder, "", b"", scan, skip, {os.path.realpath(folder)})
    scan.files.sort(key=lambda e: e.name)
    _set_aside_unpacked(scan)
    for names in (scan.locks, scan.system, scan.documents, scan.mails):
        names.sort()
    return scan


def _set_aside_unpacked(scan: Scan) -> None:
    """Zips whose every workbook is in the folder by name (as shown or as stored), size and content (CRC-32):
    already unpacked. A corrected workbook of the same size (.xls grows in 512-byte blocks) keeps its zip read."""
    held: dict[str | bytes, list[Path]] = {}
    for e in scan.files:
        for key in (e.name.rsplit("/", 1)[-1], e.raw.rsplit(b"/", 1)[-1]):
            held.setdefault(key, []).append(e.path)

    def unpacked(name: str, raw: bytes, size: int, crc: int) -> bool:
        for path in held.get(name, []) + held.get(raw, []):
            with contextlib.suppress(OSError):  # gone since the walk: consolidate says so when it reads it
                if path.stat().st_size == size and zlib.crc32(path.read_bytes()) == crc:
                    return True
        return False

    for e in [e for e in scan.files if e.name.lower().endswith(".zip")]:
        try:
            with zipfile.ZipFile(e.path) as archive:
                books = zip_books(archive)
        except (OSError, ValueError, EOFError, zipfile.BadZipFile):
            continue
        if books and all(unpacked(*book) for book in books):
            scan.files.remove(e)
            scan.unpacked.append(e.name)


def _walk(folder: Path, prefix: str, raw_prefix: bytes, scan: Scan, skip: FolderRule | None, seen: set[str]) -> None:
    """Read `folder` into `scan`; `seen`: the real paths of the folders read, so that a link (a symlink, a Windows
    junction) to one of them, or to a folder around them (`ln -s . 自环目录`), is named and not read again."""
    try:
        # folder links last: the folders themselves are read, the links to them are named
        children = sorted(os.scandir(folder), key=lambda d: (d.is_symlink() or getattr(d, "is_junction", bool)(), d.name))
    except OSError as exc:
        scan.folders.append((prefix.rstrip("/") or str(folder), f"无法打开（{exc.strerror or exc}）"))
        return
    for child in children:
        shown = prefix + display_name(child.name)
        raw = raw_prefix + os.fsencode(child.name)
        try:
            is_dir = child.is_dir()
            is_file = child.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            lowered = child.name.lower()
            if lowered in SYSTEM_FOLDERS or lowered.startswith("."):
                scan.system.append(shown + "/")
                continue
            if skip is not None and not prefix and (why := skip(shown)) is not None:
                scan.folders.append((shown, why))
                continue
            real = os.path.realpath(child.path)
            if real in seen or any(s.startswith(real.rstrip(os.sep) + os.sep) for s in seen):
                scan.folders.append((shown, "是文件夹链接，指向已读取的文件夹或其上级，没有重复读取"))
                continue
            seen.add(real)
            _walk(Path(child.path), shown + "/", raw + b"/", scan, skip, seen)
        elif is_file:
            suffix = Path(child.name).suffix.lower()
            aside = scan.documents if suffix in DOCUMENT_SUFFIXES else scan.mails if suffix in MAIL_SUFFIXES else None
            if is_lock_file(child.name):
                scan.locks.append(shown)
            elif child.name.lower() in SYSTEM_NAMES or child.name.startswith("."):
                scan.system.append(shown)
            elif aside is not None and not is_workbook(Path(child.path)):
                aside.append(shown)
            else:
                scan.files.append(Entry(Path(child.path), shown, raw))
