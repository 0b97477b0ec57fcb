"""Sharing a long list of independent pieces of work (a province's files or receipts) among processes.

Below `minimum` items (a city's month) the work runs here; above it the items are dealt out round-robin to
this process and up to three workers, results in the items' order. When workers cannot start, everything is
done here: the work must be repeatable, and importable by name (a module-level function or a partial of one).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4


def worker_count(items: int, minimum: int) -> int:
    """How many processes (this one included) share `items` pieces of work."""
    if items < minimum:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS, items))


def share_out(
    items: Sequence[T],
    work: Callable[[Sequence[T]], list[R]],
    *,
    minimum: int,
    here: Callable[[Sequence[T]], list[R]] | None = None,
) -> list[R]:
    """work(items), one result per item in order, shared among processes from `minimum` items on; `here`
    (default `work`) does this process's share, for instance with progress shown."""
    local = here or work
    workers = worker_count(len(items), minimum)
    if workers == 1:
        return list(local(items))
    import concurrent.futures
    import multiprocessing

    shares = [list(items[i::workers]) for i in range(workers)]
    context: Any = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
            futures = [pool.submit(work, share) for share in shares[1:]]
            results = [list(local(shares[0]))]  # this process does its share meanwhile
            results += [list(f.result()) for f in futures]
    except (OSError, concurrent.futures.process.BrokenProcessPool):
        return list(local(items))  # no worker processes here: all of it in this process
    out: list[Any] = [None] * len(items)
    for index, result in enumerate(results):
        out[index::workers] = result
    return out
