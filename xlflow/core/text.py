"""Pure text helpers: the normalisations every reader and rule agrees on."""

from __future__ import annotations

import math
import os
import re
import shlex
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import groupby

# C0/C1 control characters except tab, newline and carriage return, the noncharacters U+FFFE and U+FFFF (calamine
# passes them on from legacy .xls) and lone surrogates: XML 1.0 cannot hold them, Excel and openpyxl refuse them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
EXCEL_CELL_LIMIT = 32_767


def display_width(text: object) -> int:
    """Columns text takes in Excel, a console or Notepad: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def nfkc(text: str) -> str:
    """Full-width letters, digits and punctuation to their ordinary forms; \u3000 and NBSP to spaces."""
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """NFKC and every kind of whitespace removed: the form two spellings of one name share."""
    return "".join(nfkc(text).split()).replace("\u200b", "").replace("\ufeff", "")


_PROVINCES = ("北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|"
              "四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆")
# the city a name begins with, after a party body's prefix or a province: 岳阳市 of 岳阳市经信委, 湖南省岳阳市人民政府,
# 中共岳阳市委, 中国共产党岳阳市委员会, 共青团岳阳市委; none in 市政府办, 湖南日报, 岳阳都市报, 中国城市报
_CITY = re.compile(rf"(?:中国共产党|中共|共青团)?(?:(?:{_PROVINCES})省?)?([^\W\d_省市县区副]{{2,3}}?市)(?![报版场])")


def city_of(name: str) -> str:
    """The city `name` begins with (岳阳市 of 湖南岳阳市经信委, 汨罗市 of 汨罗市工信局), "" when none."""
    found = _CITY.match(squash(name))
    return found[1] if found else ""


def clean_cell(value: object) -> str:
    """A cell value as trimmed text ('' for None and for a LibreOffice NaN), control characters removed, spelling
    kept (no NFKC)."""
    if value is None or value != value:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _CONTROL.sub("", str(value).replace("\u00a0", " ").replace("\u3000", " ")).strip()


_PUNCT_MAP = str.maketrans("“”‘’《》〈〉—–－、，。：；！？（）【】", "\"\"''<><>---,,.:;!?()[]")
_ENCLOSING = ("<>", '""', "''", "「」")  # 《…》 〈…〉, “…” "…", ‘…’ '…', 「…」 as the key holds them


def normalize_title(title: str) -> str:
    """The key two submissions of one article share: NFKC, no whitespace, unified quotes and dashes, lower case,
    without marks around the whole title or a closing full stop (《标题》。 is 标题; 关于《规划》的说明 keeps its own).
    Repeated until stable: removing a space can bring a letter next to the accent NFKC then composes."""
    key = title
    for _ in range(4):
        again = squash(key).translate(_PUNCT_MAP).lower()
        if again == key:
            break
        key = again
    while True:
        bare = key.rstrip(".")
        if len(bare) > 2 and bare[0] + bare[-1] in _ENCLOSING and not set(bare[0] + bare[-1]) & set(bare[1:-1]):
            bare = bare[1:-1]
        if not bare or bare == key:
            return key
        key = bare


# in a file name: a corrected resend, never a supplement (修改补充版); 修改/修订 only as a version word, not in a topic
# (条例修订座谈会, 修改意见落实情况)
CORRECTION = re.compile(r"更正|(?:修改|修订)(?:稿|版)|(?:修改|修订)(?:补充|补报)?(?:版|稿|后)?[)）]?$")


def is_correction(name: str) -> bool:
    """The file name says 更正, 修改 or 修订: it replaces the unit's other return of the month, whatever its time (not
    a past quarter's file sent late: a 补报 whatever its name)."""
    return bool(CORRECTION.search(squash(os.path.splitext(os.path.basename(name))[0])))


def count_chars(text: str) -> int:
    """Characters of an article as the notice counts them: every character but whitespace, zero-width space and BOM
    (invisible in the cell, pasted from web pages)."""
    return len("".join(text.split())) - text.count("\u200b") - text.count("\ufeff")


def parse_int(value: object) -> int | None:
    """An integer from a cell: numbers, full-width digits (３５０), '350字', '1,200'. None when absent."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None  # NaN and ±∞ (LibreOffice, a typed 1E+309)
    text = squash(str(value)).replace(",", "")
    match = re.fullmatch(r"(\d+)(?:\.0+)?(?:字|个字)?", text)
    return int(match.group(1)) if match else None


def safe_text(value: object) -> str:
    """Text ready for a cell: control characters removed, cut to Excel's limit."""
    return _CONTROL.sub("", value if isinstance(value, str) else clean_cell(value))[:EXCEL_CELL_LIMIT]


def column_letter(index: int) -> str:
    """Excel's column name of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA, 16383 -> XFD."""
    from xlsxwriter.utility import xl_col_to_name  # not at import: `xlflow --help` does without xlsxwriter

    return xl_col_to_name(index)


_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(name: str) -> str:
    """A file-name part that stays in its folder and that Windows accepts."""
    text = _WINDOWS_FORBIDDEN.sub("_", _CONTROL.sub("", nfkc(name))).strip().strip(".").strip().replace("..", "_")
    return "未命名" if not text or text.upper() in _WINDOWS_RESERVED else text[:80]


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_sheet_title(name: str) -> str:
    """A sheet title Excel accepts: 31 characters, none of []:*?/\\, not blank."""
    text = _SHEET_FORBIDDEN.sub("_", _CONTROL.sub("", name)).strip().strip("'")
    return (text or "Sheet")[:31]


def display_name(name: str) -> str:
    """A file name as text: bytes the file system could not decode (surrogate escapes) become U+FFFD."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="replace")


def shell_word(word: str) -> str:
    """`word` quoted for a command line a message tells someone to paste; bare when it needs no quotes."""
    if word and not re.search(r"[^\w@%+=:,./\\-]", word):
        return word
    return f'"{word}"' if os.name == "nt" else shlex.quote(word)


def book_title(title: str) -> str:
    """A title as a message quotes it: in 《》, once (a title typed as 《…》 keeps its own)."""
    return title if title.startswith("《") and title.endswith("》") else f"《{title}》"


def runs(numbers: Iterable[int]) -> list[list[int]]:
    """Numbers in runs of consecutive ones, in the order given: 6, 7, 8, 15 -> [6, 7, 8], [15]."""
    pairs = enumerate(numbers)  # n - i is the same along a run
    return [[n for _, n in run] for _, run in groupby(pairs, key=lambda pair: pair[1] - pair[0])]


def row_runs(rows: list[int]) -> str:
    """Row numbers as an office writes them: 6—12、15 (a date dragged down 40 rows is one run, not 40 numbers)."""
    return "、".join(f"{r[0]}—{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs(rows))


def listing(items: Sequence[str], limit: int, noun: str) -> str:
    """a、b、c, or a、b 等 5 个 when there are more than `limit`."""
    return "、".join(items[:limit]) + (f" 等 {len(items)} {noun}" if len(items) > limit else "")
