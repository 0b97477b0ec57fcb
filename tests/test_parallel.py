"""parallel.share_out: results in the items' order whoever did them; below the threshold nothing is started."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

from xlflow import parallel


def squares_with_pid(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(n * n, os.getpid()) for n in items]


def test_results_come_back_in_order_from_several_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 3)
    items = list(range(101))
    out = parallel.share_out(items, squares_with_pid, minimum=10)
    assert [value for value, _ in out] == [n * n for n in items]
    # this process did every third item; worker processes (one or two: a quick one may take both) the others
    assert {pid for i, (_, pid) in enumerate(out) if i % 3 == 0} == {os.getpid()}
    assert os.getpid() not in {pid for i, (_, pid) in enumerate(out) if i % 3 != 0}


def test_few_items_never_start_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 8)
    out = parallel.share_out(list(range(9)), squares_with_pid, minimum=10)
    assert {pid for _, pid in out} == {os.getpid()}
    assert parallel.worker_count(9, 10) == 1
    assert parallel.worker_count(1000, 10) == parallel.MAX_WORKERS
    assert parallel.worker_count(3, 1) == 3


def test_this_process_share_goes_through_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    seen: list[int] = []

    def here(share: Sequence[int]) -> list[tuple[int, int]]:
        seen.extend(share)
        return squares_with_pid(share)

    out = parallel.share_out(list(range(20)), squares_with_pid, minimum=2, here=here)
    assert seen == list(range(0, 20, 2))
    assert [v for v, _ in out] == [n * n for n in range(20)]


def test_without_worker_processes_everything_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    class NoPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("no processes here")

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoPool)
    out = parallel.share_out(list(range(50)), squares_with_pid, minimum=2)
    assert [v for v, _ in out] == [n * n for n in range(50)]
    assert {pid for _, pid in out} == {os.getpid()}
