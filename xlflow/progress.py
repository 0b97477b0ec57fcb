"""Progress reporting without printing: the library calls a wrapper the CLI supplies."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# wrap(items, label) yields the items while showing progress; the library never prints itself
Progress = Callable[[Sequence[T], str], Iterator[T]]


def no_progress(items: Sequence[T], label: str = "") -> Iterator[T]:
    yield from items
