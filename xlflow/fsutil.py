"""Writing files so that a reader never sees half of one, and a failed write (permission denied, a full disk,
a folder in the file's place …) is one `OutputError` naming the path and what to do; and who has a workbook open."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xlflow.core.errors import OutputError

TEMP_PREFIX = ".~xlflow-"
STALE_AFTER = 600  # seconds: a temporary file this old is a killed run's, never a running one's


def ensure_dir(folder: Path) -> Path:
    """`folder` and its parents, made when missing; OutputError when the file system refuses."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(folder, exc) from exc
    return folder


@contextmanager
def replaced_atomically(path: Path, *, note: str = "") -> Iterator[Path]:
    """A temporary file beside `path` for the block to fill; moved over `path` when the block ends, removed when
    it fails. An OSError on the way becomes an OutputError naming `path` (with `note` at its end)."""
    ensure_dir(path.parent)
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        yield tmp
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):  # never hide the first error behind a second one
                tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(path, exc, note=note) from exc
        raise


def sweep_temporaries(root: Path) -> None:
    """Remove the temporary files runs killed while writing (kill -9, a power cut) left under `root`: in the
    receipts folder that goes to the units, in backup/ … A running xlflow's are younger than STALE_AFTER."""
    limit = time.time() - STALE_AFTER
    for folder, _, names in os.walk(root):
        for name in names:
            if name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    if os.stat(path := os.path.join(folder, name)).st_mtime < limit:
                        os.unlink(path)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write `data` beside `path`, flush it to disk, then move it into place; on failure `path` is as it was.
    `durable=False` skips the fsync for files every run writes again from the ledger (receipts): after a power
    cut the next run rewrites one that did not reach the disk."""
    umask = os.umask(0)  # read by setting it: put back at once
    os.umask(umask)
    with replaced_atomically(path) as tmp, open(tmp, "wb") as handle:
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the mode open() would
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    return path


def office_owner(book: Path) -> tuple[str, str] | None:
    """Who has `book` open, by the file Excel/WPS (`~$name`, a long name's first characters dropped) or LibreOffice
    (`.~lock.name#`) keeps beside it: the name written in it ("" when there is none) and that file's name; None
    when none is there. A crash leaves the file behind: it may be stale."""
    for lock in (f".~lock.{book.name}#", *(f"~${book.name[i:]}" for i in range(3))):
        try:
            data = (book.parent / lock).read_bytes()[:1024]
        except OSError:
            continue
        if lock.startswith(".~lock."):  # name,user,host,time,url;
            return data.decode("utf-8", "replace").split(",", 1)[0].strip(), lock
        size = int.from_bytes(data[54:56], "little")  # the ANSI name padded to 54 bytes, then the UTF-16 one
        return (data[56 : 56 + 2 * size].decode("utf-16-le", "replace").strip() if 0 < size <= 54 else ""), lock
    return None


def file_sha256(path: Path | None) -> str:
    """The SHA-256 of a file's bytes; "" for none, or one that cannot be read now (being copied: whoever reads it
    next says what it is)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""
    except OSError:
        return ""


def read_json(path: Path) -> dict[str, Any]:
    """One of the workspace's small JSON records; {} for none yet or a damaged one (each is only a saving of work)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict[str, Any]) -> None:
    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8"), durable=False)
