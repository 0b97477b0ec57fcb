"""Write the example unit workbooks in samples/: one filled 2015年3月 return for each shape real units send.

    python samples/make_samples.py            # rewrites samples/2015-03/

The files come from xlflow.demo.returns with a fixed seed, so running this again gives the same files as long as the
generator is unchanged. tests/test_samples.py holds what a person finds in the committed files, written by hand:
after regenerating, open every changed file and check that table again. Each line printed names a file, its shape and
the rule codes the tests' oracle (tests/oracle.py) expects there.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
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


def write_samples(out: Path) -> list[Path]:
    """The sample returns, written into `out` (its old .xlsx/.xls replaced only once the new ones are written)."""
    all_units = [Unit(u.name, u.kind, u.target, u.monthly, u.annual, u.aliases, u.note, seq=i + 1)
                 for i, u in enumerate(DEFAULT_UNITS)]  # fmt: skip
    units = UnitTable([u for u in all_units if u.name in SAMPLE_UNITS])
    if len(units) != len(SAMPLE_UNITS):
        raise SystemExit(f"任务分配表中找不到这些示例单位：{set(SAMPLE_UNITS) - {u.name for u in units}}")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as staging:
        manifest = generate_month(units, 2015, 3, Path(staging), seed=SEED, shapes=SHAPES, rows_per_unit=(3, 5),
                                  by_quota=False)  # fmt: skip
        for old in out.iterdir():
            if old.suffix in (".xlsx", ".xls"):
                old.unlink()
        for f in manifest.files:
            found = Counter(code for r in expected_rows(f) for code in r.codes)
            codes = " ".join(f"{code}×{n}" if n > 1 else code for code, n in sorted(found.items())) or "无问题"
            print(f"{f.path.name}\t{f.shape}\t{f.rows_counted}/{f.rows_written} 条计入\t{codes}")
            shutil.move(f.path, out / f.path.name)
    return sorted(out / f.path.name for f in manifest.files)


def main() -> int:
    written = write_samples(HERE / "2015-03")
    print(f"已写入 {HERE / '2015-03'}（{len(written)} 个文件）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
