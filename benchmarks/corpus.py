"""Benchmark corpora: deterministic unit workbooks in the shapes of SPEC §5, at four scales, cached on disk.

    from corpus import build
    c = build("city_month", Path("benchmarks/corpus"))     # generated once, reused while the recipe is unchanged
    c.workspace        # a workspace template (settings + quota table, no ledger): copy it before a run
    c.months           # [(month key, inbox folder)] in month order
    c.files            # every unit workbook, all months
    c.rows             # data rows written (bad rows included)

Scales (SCALES): city_month (34 files × 6 rows), city_year (408 × 6), province_year (≈ 5,000 × 8: twelve
months of the 417 units of a province-wide quota table, see `province_units`), big (one workbook of 50,000 rows).
The shapes are those of xlflow's sample generator less "xls": the naive baseline reads with openpyxl, which cannot
open .xls, and both sides must read the same files. Bodies are 300–1,500 characters of realistic Chinese text.

Everything is a function of the scale's recipe (seed, units, months, rows): a corpus whose recipe file matches is
reused as it is; otherwise it is rebuilt from scratch.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlflow_api as xa

YEAR = 2015
SEED = 2015
RECIPE_FILE = "recipe.json"
CORPUS_VERSION = 1  # bump when the generator changes what it writes

# Hunan's 14 cities and prefectures with their 122 county-level divisions
PROVINCE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("长沙市", ("芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市")),
    ("株洲市", ("荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县")),
    ("湘潭市", ("雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市")),
    ("衡阳市", ("珠晖区", "雁峰区", "石鼓区", "蒸湘区", "南岳区", "衡阳县", "衡南县", "衡山县", "衡东县", "祁东县", "耒阳市", "常宁市")),
    ("邵阳市", ("双清区", "大祥区", "北塔区", "邵东市", "新邵县", "邵阳县", "隆回县", "洞口县", "绥宁县", "新宁县", "城步苗族自治县", "武冈市")),
    ("岳阳市", ("岳阳楼区", "云溪区", "君山区", "岳阳县", "华容县", "湘阴县", "平江县", "汨罗市", "临湘市")),
    ("常德市", ("武陵区", "鼎城区", "安乡县", "汉寿县", "澧县", "临澧县", "桃源县", "石门县", "津市市")),
    ("张家界市", ("永定区", "武陵源区", "慈利县", "桑植县")),
    ("益阳市", ("资阳区", "赫山区", "南县", "桃江县", "安化县", "沅江市")),
    ("郴州市", ("北湖区", "苏仙区", "桂阳县", "宜章县", "永兴县", "嘉禾县", "临武县", "汝城县", "桂东县", "安仁县", "资兴市")),
    ("永州市", ("零陵区", "冷水滩区", "祁阳市", "东安县", "双牌县", "道县", "江永县", "宁远县", "蓝山县", "新田县", "江华瑶族自治县")),
    ("怀化市", ("鹤城区", "中方县", "沅陵县", "辰溪县", "溆浦县", "会同县", "麻阳苗族自治县", "新晃侗族自治县", "芷江侗族自治县",
               "靖州苗族侗族自治县", "通道侗族自治县", "洪江市")),
    ("娄底市", ("娄星区", "双峰县", "新化县", "冷水江市", "涟源市")),
    ("湘西州", ("吉首市", "泸溪县", "凤凰县", "花垣县", "保靖县", "古丈县", "永顺县", "龙山县")),
)
# the sections every city's commission has (SPEC §3 less the coordinator): name, monthly quota (None: quarterly)
CITY_SECTIONS: tuple[tuple[str, int | None], ...] = (
    ("经济运行科", 4), ("投资规划科", 4), ("中小企业科", 4), ("资源电力科", 4), ("加速推进新型工业化科", 4),
    ("成品油及工业物流管理科", 4), ("信息化推进科", 4), ("中小企业服务中心", 4), ("联手帮扶办", 4),
    ("轻工业科", 1), ("企业改革科", 1), ("纪检监察室", 1),
    ("办公室", None), ("离退休人员管理服务科", None), ("人事科", None), ("财务科", None), ("机关党委", None),
    ("工业公会", None), ("能源利用监测站", None), ("机关后勤服务中心", None), ("退二进三办", None),
)  # fmt: skip


def province_units() -> list[Any]:
    """A province-wide quota table (xlflow's UnitRow): 122 county bureaus, 21 sections in each of 14 cities, one
    coordinator: 417."""
    s = xa.schema()
    rows: list[Any] = []
    for city, counties in PROVINCE:
        for county in counties:
            short = city + county
            aliases = (short, short.replace("汨罗", "汩罗")) if "汨罗" in short else (short,)  # the notice's 汩罗
            rows.append(s.UnitRow(short + "工信局", s.KIND_COUNTY, s.TARGET_CITY, 4, 48, aliases))
    for city, _ in PROVINCE:
        for section, monthly in CITY_SECTIONS:
            kind = s.KIND_GENERAL if monthly is None else s.KIND_BUSINESS
            rows.append(s.UnitRow(city + section, kind, s.TARGET_OFFICE, monthly, 4 if monthly is None else monthly * 12))
    rows.append(s.UnitRow("省经信委综合法规处", s.KIND_COORDINATOR, s.TARGET_UPWARD, 5, 60, ("综合法规处",), "向上级报送"))
    return rows


@dataclass(frozen=True)
class Scale:
    name: str
    label: str  # for the table
    units: str  # "city" (the 34 default units) or "province" (province_units) or "one" (a single unit)
    months: tuple[int, ...]
    rows_per_unit: tuple[int, int]
    bad_rows: bool = True


SCALES: dict[str, Scale] = {
    s.name: s
    for s in (
        Scale("city_month", "市级一个月（34 个文件 × 6 行）", "city", (3,), (6, 6)),
        Scale("city_year", "市级全年（408 个文件 × 6 行）", "city", tuple(range(1, 13)), (6, 6)),
        Scale("province_year", "省级全年（≈5,000 个文件 × 8 行）", "province", tuple(range(1, 13)), (7, 8)),
        Scale("big", "一个 50,000 行的工作簿", "one", (3,), (50_000, 50_000), bad_rows=False),
        # toy scales for --quick and the smoke test
        Scale("toy", "玩具规模（34 个文件 × 2 行）", "city", (3,), (2, 2)),
        Scale("big_quick", "一个 5,000 行的工作簿", "one", (3,), (5_000, 5_000), bad_rows=False),
    )
}


@dataclass
class Corpus:
    scale: Scale
    root: Path
    months: list[tuple[str, Path]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    rows: int = 0
    counted: int = 0
    seconds: float = 0.0  # generation time (0 when reused)

    @property
    def workspace(self) -> Path:
        return self.root / "workspace"

    def bytes(self) -> int:
        return sum(p.stat().st_size for p in self.files)


def _recipe(scale: Scale) -> dict[str, object]:
    return {"version": CORPUS_VERSION, "scale": scale.__dict__ | {"months": list(scale.months)}, "seed": SEED,
            "year": YEAR, "shapes": list(_shapes()), "demo": hashlib.sha256(xa.sample_source()).hexdigest()[:16],
            "units": hashlib.sha256(repr(province_units()).encode()).hexdigest()[:16] if scale.units == "province" else ""}  # fmt: skip


def _shapes() -> tuple[str, ...]:
    return tuple(s for s in xa.sample_shapes() if s != "xls")


def _make_workspace(scale: Scale, target: Path) -> Any:
    """A workspace (xlflow init) whose quota table holds the scale's units; returns its unit table."""
    units = {"province": province_units(), "one": [xa.schema().DEFAULT_UNITS[0]]}.get(scale.units)
    table = xa.make_workspace(target, YEAR, units)
    shutil.rmtree(target / "backup", ignore_errors=True)
    return table


def _load(root: Path, scale: Scale) -> Corpus | None:
    recipe = root / RECIPE_FILE
    if not recipe.is_file():
        return None
    try:
        saved = json.loads(recipe.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if saved.get("recipe") != json.loads(json.dumps(_recipe(scale))):
        return None
    corpus = Corpus(scale, root, rows=saved["rows"], counted=saved["counted"])
    corpus.months = [(key, root / "inbox" / key) for key in saved["months"]]
    corpus.files = [root / "inbox" / name for name in saved["files"]]
    if not all(p.is_file() for p in corpus.files) or not (corpus.workspace / "xlflow.toml").is_file():
        return None
    return corpus


def build(name: str, base: Path, *, log: Callable[[str], None] = lambda _: None) -> Corpus:
    """The corpus of scale `name` under base/name, generated when missing or when its recipe changed."""
    scale = SCALES[name]
    root = Path(base) / name
    cached = _load(root, scale)
    if cached is not None:
        return cached
    log(f"generating corpus {name} in {root} …")
    started = time.perf_counter()
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    units = _make_workspace(scale, root / "workspace")
    corpus = Corpus(scale, root)
    for month in scale.months:
        key = f"{YEAR}-{month:02d}"
        folder = root / "inbox" / key
        manifest = xa.generate_month(
            units, YEAR, month, folder, seed=SEED, rows_per_unit=scale.rows_per_unit, bad_rows=scale.bad_rows,
            shapes=list(_shapes()) if scale.units != "one" else ["canonical"], by_quota=False,
        )  # fmt: skip
        corpus.months.append((key, folder))
        corpus.files += [f.path for f in manifest.files]
        corpus.rows += sum(f.rows_written for f in manifest.files)
        corpus.counted += sum(f.rows_counted for f in manifest.files)
    corpus.seconds = time.perf_counter() - started
    saved = {
        "recipe": _recipe(scale),
        "months": [key for key, _ in corpus.months],
        "files": [str(p.relative_to(root / "inbox")) for p in corpus.files],
        "rows": corpus.rows,
        "counted": corpus.counted,
        "seconds": corpus.seconds,
    }
    (root / RECIPE_FILE).write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
    log(f"  {len(corpus.files)} files, {corpus.rows} rows in {corpus.seconds:.1f} s")
    return corpus
