"""Write the example unit workbooks in samples/: one filled 2015年3月 return for each shape real units send.

    python samples/make_samples.py            # rewrites samples/2015-03/ and samples/expected.json

The files come from xlflow.demo.returns with a fixed seed, so running this again gives the same content. Each file
holds a few good articles and, in most files, one or two rows that break a rule; samples/expected.json says per
file which unit and shape it is, which rows count, and which rule codes `xlflow consolidate` must report (from the
tests' oracle, tests/oracle.py).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))  # the tests' oracle: what xlflow must find in generated files

from oracle import expected_rows  # noqa: E402

from xlflow.core.schema import DEFAULT_UNITS  # noqa: E402
from xlflow.core.units import Unit, UnitTable  # noqa: E402
from xlflow.demo.returns import SHAPES, generate_month  # noqa: E402

SEED = 2015
# one unit per shape, county bureaus and sections mixed
SAMPLE_UNITS = (
    "岳阳县工信局",
    "平江县工信局",
    "湘阴县工信局",
    "华容县工信局",
    "汨罗市工信局",
    "临湘市工信局",
    "经济运行科",
    "投资规划科",
    "中小企业科",
    "资源电力科",
    "信息化推进科",
    "人事科",
)


def main() -> int:
    all_units = [Unit(i + 1, u.name, u.kind, u.target, u.monthly, u.annual, u.aliases, u.note) for i, u in enumerate(DEFAULT_UNITS)]
    units = UnitTable([u for u in all_units if u.name in SAMPLE_UNITS])
    out = HERE / "2015-03"
    out.mkdir(exist_ok=True)
    for old in out.iterdir():
        if old.suffix in (".xlsx", ".xls"):
            old.unlink()
    manifest = generate_month(units, 2015, 3, out, seed=SEED, shapes=SHAPES, rows_per_unit=(3, 5), by_quota=False)
    expected = {
        "month": manifest.key,
        "seed": SEED,
        "files": [
            {
                "file": f.path.name,
                "unit": f.unit,
                "shape": f.shape,
                "rows_written": f.rows_written,
                "rows_counted": f.rows_counted,
                "rows": [
                    {"row": r.row, "title": r.title, "month": r.month, "codes": list(r.codes), "counted": r.counted}
                    for r in expected_rows(f)
                ],
            }
            for f in manifest.files
        ],
    }
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for f in manifest.files:
        found = Counter(code for r in expected_rows(f) for code in r.codes)
        codes = " ".join(f"{code}×{n}" if n > 1 else code for code, n in sorted(found.items())) or "无问题"
        print(f"{f.path.name}\t{f.shape}\t{f.rows_counted}/{f.rows_written} 条计入\t{codes}")
    print(f"已写入 {out}（{len(manifest.files)} 个文件）和 {HERE / 'expected.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
