"""One xlflow process per workspace: a lock file the operating system releases when its holder dies.

`fcntl.flock` or `msvcrt.locking` belong to the open file, so a killed process never leaves the workspace
locked. The holder's process id is written inside, to say who is busy. Re-entrant within one process
(consolidate writes the bulletin under the lock it holds)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from xlflow.core.errors import BusyError, OutputError
from xlflow.fsutil import ensure_dir, sweep_temporaries

DEFAULT_TIMEOUT = 3.0  # seconds a second process waits before it gives up
_POLL = 0.1
# Windows locks a byte range; the pid text stays readable at the start of the file, the lock sits far beyond it
_WIN_LOCK_OFFSET = 1 << 20

_held: set[Path] = set()  # the workspace locks this process holds


def _os_lock(handle: IO[bytes], *, release: bool = False) -> None:
    """Take the lock on `handle` without waiting (OSError when another process holds it), or release it."""
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_WIN_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK if release else msvcrt.LK_NBLCK, 1)
        finally:
            handle.seek(0)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN if release else fcntl.LOCK_EX | fcntl.LOCK_NB)


def _holder(path: Path) -> str:
    try:
        text = path.read_bytes().decode("utf-8", errors="replace").strip()
    except OSError:
        return ""
    return (text.splitlines() or [""])[0]


@contextmanager
def workspace_lock(path: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the workspace lock at `path`; wait up to `timeout` seconds (DEFAULT_TIMEOUT), then raise BusyError."""
    key = path.resolve()
    if key in _held:  # taken again by this process: it does not wait on itself
        yield
        return
    ensure_dir(path.parent)
    try:
        # held open for the whole context; unbuffered, so a write that fails (a full disk) fails where it is made
        # and leaves nothing behind to be flushed, and fail again, when the lock is released
        handle = open(path, "a+b", buffering=0)
    except OSError as exc:
        raise OutputError(path, exc) from exc
    with handle:
        deadline = time.monotonic() + (DEFAULT_TIMEOUT if timeout is None else timeout)
        while True:
            try:
                _os_lock(handle)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise BusyError(f"另一个 xlflow 正在处理此工作区（进程 {_holder(path) or '未知'}），请等它结束后再运行") from None
                time.sleep(_POLL)
        try:
            try:
                handle.seek(0)
                handle.truncate()
                started = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
                handle.write(f"{os.getpid()}，始于 {started}\n".encode())
            except OSError as exc:  # no space left even for the holder's line: nothing has been changed yet
                raise OutputError(path, exc) from exc
            _held.add(key)
            sweep_temporaries(path.parent)  # what a run killed in this workspace left
            yield
        finally:
            _held.discard(key)
            with contextlib.suppress(OSError):  # emptying the holder's line must not hide what went wrong
                handle.seek(0)
                handle.truncate()
            _os_lock(handle, release=True)
