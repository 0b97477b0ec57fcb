"""Parsing in a child process with memory, CPU and time limits, for ODS and XLSB, whose reach is not measured
before calamine reads them: a crash of the child (calamine aborting on an allocation) takes only the child."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

from xlflow.core.errors import InputFileError
from xlflow.intake.messages import refuse

T = TypeVar("T")


class ChildFailed(Exception):
    """The child process failed in a way that is not the file's fault as far as we can tell (a bug in `func`)."""


def run_limited(func: Callable[..., T], *args: Any, max_memory_mb: int = 2048, timeout_s: float = 120.0, name: str = "") -> T:
    """`func(*args)` (a picklable result; `func` importable where processes are spawned) in a child process
    with an address-space cap (Linux only), a CPU-time limit and a timeout. The child's InputFileError is
    raised again; a MemoryError, a crash or the timeout become F10 naming the file `name`; anything else
    becomes ChildFailed."""
    import multiprocessing  # only files read in a child need it: start-up skips the import

    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, max_memory_mb, timeout_s + 5), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout_s):
            raise refuse(name, "timeout", seconds=timeout_s)
        try:
            status, payload = receiver.recv()
        except EOFError:
            process.join(5)
            raise refuse(name, "crashed", exitcode=process.exitcode) from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "input":
        raise InputFileError(payload[0], code=payload[1])
    if status == "memory":
        raise refuse(name, "memory_cap", limit=max_memory_mb)
    raise ChildFailed(payload)


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], max_memory_mb: int, cpu_seconds: float) -> None:
    import faulthandler
    import os

    faulthandler.disable()  # an abort here is expected and reported by the parent, not dumped on the terminal
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # calamine's "memory allocation … failed" and panic traces
    if sys.platform != "win32":
        import resource

        if max_memory_mb and sys.platform.startswith("linux"):
            resource.setrlimit(resource.RLIMIT_AS, (max_memory_mb << 20, max_memory_mb << 20))
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
