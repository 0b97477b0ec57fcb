"""Whether a written workbook shows something new: a hash of every part of the package, its date masked,
stored in the workbook as a custom document property (which the hash leaves out); and whether a workbook xlflow
wrote is still as written (`untouched`: nobody saved it since).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

# every workbook carries this creation time, so the same input gives the same bytes
FIXED_CREATED = dt.datetime(2015, 1, 1, 0, 0, 0)
FINGERPRINT_PROPERTY = "xlflow内容指纹"  # custom document property: what the workbook shows, apart from its date
_CUSTOM_PART = "docProps/custom.xml"
_DATE_MASK = "（日期）".encode()
# the document properties xlflow writes; Excel, WPS, LibreOffice and openpyxl change them when they save a file
_UNTOUCHED = ("<cp:lastModifiedBy>xlflow</cp:lastModifiedBy>", f">{FIXED_CREATED:%Y-%m-%dT%H:%M:%SZ}</dcterms:modified>")
_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")  # the generation date as written (date_label)


def content_fingerprint(workbook: bytes, *, masked: Iterable[str] = ()) -> str:
    """SHA-256 (hex) of an .xlsx package's parts, by name, with every text of `masked` (the generation date as it
    is written, e.g. 2015年7月3日) replaced by one placeholder; the custom properties (the fingerprint) left out."""
    texts = sorted({t.encode("utf-8") for t in masked if t}, key=len, reverse=True)
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(workbook)) as package:
        for name in sorted(package.namelist()):
            if name == _CUSTOM_PART:
                continue
            data = package.read(name)
            for text in texts:
                data = data.replace(text, _DATE_MASK)
            digest.update(name.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()


def stored_fingerprint(path: Path) -> str | None:
    """The fingerprint an earlier run stored in the workbook at `path`; None when there is none or it is unreadable."""
    try:
        with zipfile.ZipFile(path) as package:
            xml = package.read(_CUSTOM_PART).decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    match = re.search(rf'name="{FINGERPRINT_PROPERTY}"[^>]*>\s*<vt:lpwstr>([0-9a-f]+)</vt:lpwstr>', xml)
    return match.group(1) if match else None


def same_but_date(old: bytes, new: bytes, date: str) -> bool:
    """Whether the workbook `old` shows what `new` (dated `date`, as written) does, but for a date of its own: as
    xlflow wrote it. A workbook saved again by Excel or LibreOffice never is, changed or not."""
    with zipfile.ZipFile(io.BytesIO(old)) as package:
        texts = (package.read(n).decode("utf-8", "replace") for n in package.namelist() if n != _CUSTOM_PART)
        dates = {d for text in texts for d in _DATE.findall(text)}
    want = content_fingerprint(new, masked=(date,))
    return any(content_fingerprint(old, masked=(d,)) == want for d in dates)


def untouched(path: Path, *parts: str) -> list[str]:
    """The XML of docProps/core and of `parts` of the workbook at `path` when xlflow wrote it and nobody has saved it
    since (its document properties), else []."""
    try:
        with zipfile.ZipFile(path) as package:
            xml = [package.read(f"{part}.xml").decode("utf-8") for part in ("docProps/core", *parts)]
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return []
    return xml if all(mark in xml[0] for mark in _UNTOUCHED) else []
