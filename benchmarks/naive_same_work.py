"""The work of `xlflow consolidate`, done the way an analyst would script it with pandas and openpyxl.

    python naive_same_work.py month FOLDER QUOTA.xlsx OUT    # a month: a receipt per file and the month's summary
    python naive_same_work.py year OUT                       # the year's summary, from the months' summaries

The fair baseline of benchmarks/run.py, run on the same files as xlflow, one process a month as `xlflow
consolidate --month` is. For each file it finds the header row (the first row of a visible sheet naming a 标题 or 题目,
then `read_excel(header=…)`), applies the 200-character rule (正文 when the row has one, else 字数) and writes the
file's rows with a 结果 column as the unit's receipt (`to_excel`); then it counts per unit (units and their aliases
from the quota table, matched in the file name) and writes the month's summary. No xlflow code: pandas, openpyxl
(through pandas) and the standard library only. Not done, unlike xlflow: the other rules, the ledger, dates,
duplicates, formatted workbooks, the bulletin's text and the rewards.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()

import pandas as pd  # noqa: E402  (timed: the import is part of the script's run)

MIN_CHARS = 200
TITLE = ("标题", "题目")  # how the returns name the title column (信息标题, 稿件标题, 信息\n标题, 题目)


def read_units(quota: Path) -> tuple[list[str], dict[str, str]]:
    """The units in table order, and every name a file may use for one (name, name less 工信局, aliases)."""
    table = pd.read_excel(quota, header=2, engine="openpyxl")  # a title row and a note row above the header
    table = table[table["单位名称"].notna()]
    names: dict[str, str] = {}
    for name, aliases in zip(table["单位名称"], table["别名"].fillna(""), strict=True):
        for alias in [name, name.removesuffix("工信局"), *str(aliases).split("；")]:
            if alias.strip():
                names[alias.strip()] = name
    return list(table["单位名称"]), names


def unit_of(path: Path, names: dict[str, str]) -> str:
    found = [alias for alias in names if alias in path.stem]
    return names[max(found, key=len)] if found else path.stem


def read_return(path: Path) -> pd.DataFrame | None:
    """The rows of the first visible sheet with a title column in its first ten rows (None: no such sheet)."""
    book = pd.ExcelFile(path, engine="openpyxl")
    for sheet in book.sheet_names:
        if sheet == "填表说明" or book.book[sheet].sheet_state != "visible":
            continue
        top = pd.read_excel(book, sheet_name=sheet, header=None, nrows=10)
        for header, row in top.iterrows():
            if any(word in str(value) for value in row for word in TITLE):
                table = pd.read_excel(book, sheet_name=sheet, header=header)
                table.columns = [re.sub(r"\s", "", str(c)) for c in table.columns]
                return table
    return None


def judge(table: pd.DataFrame) -> pd.DataFrame:
    """The article rows (a title or a 正文, not the 合计 row), with 字数统计 and 结果 by the 200-character rule."""
    table = table[~table.astype(str).apply(lambda column: column.str.startswith("合计")).any(axis=1)]
    title = next(c for c in table.columns if any(word in c for word in TITLE))
    body = next((c for c in table.columns if ("正文" in c or "内容" in c) and "字数" not in c), None)
    typed = next((c for c in table.columns if "字数" in c), None)
    has_text = table[title].notna() if body is None else table[title].notna() | table[body].notna()
    table = table[has_text].copy()
    chars = pd.Series(0, index=table.index)
    if typed is not None:  # 350, 350.0, "350字", "３５０"
        digits = table[typed].astype(str).str.extract(r"(\d+)", expand=False)
        chars = digits.map(lambda d: int(d) if isinstance(d, str) else 0)
    if body is not None:
        length = table[body].fillna("").astype(str).str.replace(r"\s", "", regex=True).str.len()
        chars = chars.where(length == 0, length)
    table["字数统计"] = chars
    table["结果"] = ["计入" if n >= MIN_CHARS else f"不计入：字数不足 {MIN_CHARS}" for n in chars]
    return table


def month(folder: Path, quota: Path, out: Path) -> dict[str, int]:
    units, names = read_units(quota)
    receipts = out / "回执" / folder.name
    receipts.mkdir(parents=True, exist_ok=True)
    counts = []
    for path in sorted(folder.glob("*.xlsx")):
        table = read_return(path)
        if table is None:
            print(f"{path.name}：找不到表头，跳过")
            continue
        table = judge(table)
        table.to_excel(receipts / f"{path.stem}_回执.xlsx", index=False)
        counts.append({"单位": unit_of(path, names), "报送条数": len(table), "计入条数": int((table["字数统计"] >= MIN_CHARS).sum())})
    summary = pd.DataFrame(counts, columns=["单位", "报送条数", "计入条数"]).groupby("单位").sum()
    summary = summary.reindex(units, fill_value=0)
    summary.to_excel(out / f"汇总_{folder.name}.xlsx", index_label="单位")
    return {"files": len(counts), "rows": int(summary["报送条数"].sum()), "counted": int(summary["计入条数"].sum())}


def year(out: Path) -> dict[str, int]:
    months = sorted(out.glob("汇总_????-??.xlsx"))
    table = pd.concat([pd.read_excel(path, engine="openpyxl") for path in months])
    summary = table.groupby("单位", sort=False).sum()
    summary.to_excel(out / "汇总_全年.xlsx", index_label="单位")
    return {"months": len(months), "rows": int(summary["报送条数"].sum()), "counted": int(summary["计入条数"].sum())}


def main(argv: list[str]) -> int:
    if argv[:1] == ["month"] and len(argv) == 4:
        result = month(Path(argv[1]), Path(argv[2]), Path(argv[3]))
    elif argv[:1] == ["year"] and len(argv) == 2:
        result = year(Path(argv[1]))
    else:
        print(__doc__)
        return 2
    # the last line is for benchmarks/run.py
    print("@@" + json.dumps({**result, "seconds": time.perf_counter() - STARTED}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
