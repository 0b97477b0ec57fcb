"""A content fingerprint computed from the data a workbook is written from, not from the written bytes. Pure.

The bulletin and the reward workbook are never silently overwritten: a run that would write the same content keeps
the file, a run that would change it keeps the old one under another name. Rendering a workbook once to learn its
fingerprint and again to write it cost as much as the rest of a month's bulletin; hashing the data it is made of
costs a small fraction of one rendering. The hash must not depend on the process: sets and dicts are hashed in a
sorted order (Python's string hashes change from process to process), and an object the hash does not know how to
read is an error rather than a silently varying repr.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def canonical(value: Any) -> Any:
    """`value` as plain JSON data (dataclasses by field, sets and dict items sorted), the same in every process."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return repr(value)  # json would write nan / inf as invalid JSON; repr is exact and stable
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, [canonical(getattr(value, f.name)) for f in dataclasses.fields(value)]]
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, Mapping):
        return ["dict", sorted(([canonical(k), canonical(v)] for k, v in value.items()), key=_sort_key)]
    if isinstance(value, set | frozenset):
        return ["set", sorted((canonical(v) for v in value), key=_sort_key)]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"no canonical form for {type(value).__name__}")


def _sort_key(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def fingerprint(*parts: Any) -> str:
    """SHA-256 (hex) of the canonical form of `parts`."""
    text = json.dumps([canonical(p) for p in parts], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_digest(*modules: Any) -> str:
    """SHA-256 of the source files of `modules`: a writer whose code changed writes a new file."""
    digest = hashlib.sha256()
    for module in modules:
        path = getattr(module, "__file__", None)
        if path:
            try:
                digest.update(Path(path).read_bytes())
            except OSError:
                digest.update(str(path).encode("utf-8"))
    return digest.hexdigest()
