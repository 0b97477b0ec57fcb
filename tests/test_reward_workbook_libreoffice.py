"""The reward workbook recalculated by LibreOffice (skipped where it is not installed): every formula's value equals
the cached value xlflow wrote, names such as `*` or `<>` included, and every yellow cell of the schedule changes
the amounts it should.

LibreOffice trusts the cached values of an .xlsx that says Excel saved it; a private profile whose
OOXMLRecalcMode is 0 ("always recalculate") makes it recalculate on load. The first test proves it does by breaking
a cached value on purpose.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers_bulletin import adoption, article
from test_reward_workbook import YY, hostile_workbook

from xlflow.compute.rewards import EXAMPLE_SCHEDULE, compute_rewards
from xlflow.core.periods import Period
from xlflow.core.schema import ADOPTION_FORMS, ADOPTION_LEVELS, INSTRUCTION_LEVELS
from xlflow.core.units import UnitTable
from xlflow.writers.rewards import RewardData, write_reward_workbook

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculate(sources: list[Path], out_dir: Path) -> list[Path]:
    """Each workbook opened in LibreOffice, recalculated and saved as .xlsx into `out_dir` (one soffice run)."""
    profile = out_dir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE, encoding="utf-8")
    command = [
        str(shutil.which("soffice")), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir), *map(str, sources),
    ]  # fmt: skip
    # its own process group, so a hung soffice.bin is ended with the wrapper that started it
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        pytest.fail("LibreOffice did not finish converting in 180 s")
    results = [out_dir / source.name for source in sources]
    assert all(p.is_file() for p in results), f"LibreOffice wrote no {[p.name for p in results if not p.is_file()]}"
    return results


def formula_values(data: bytes) -> dict[tuple[str, str], object]:
    """(sheet, cell) -> cached value of every formula cell."""
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    return {
        (sheet.title, cell.coordinate): values[sheet.title][cell.coordinate].value
        for sheet in formulas.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    }


def break_cached_value(data: bytes, part: str, cell: str, value: str) -> bytes:
    """The workbook with the cached value of formula `cell` in `part` (xl/worksheets/sheetN.xml) replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                text, n = re.subn(rf'(<c r="{cell}"[^>]*>.*?<v>)[^<]*(</v>)', rf"\g<1>{value}\g<2>", content.decode("utf-8"), count=1)
                assert n == 1, f"{cell} has no cached value in {part}"
                content = text.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def test_every_formula_recalculates_to_its_cached_value(tmp_path: Path, units: UnitTable) -> None:
    data = hostile_workbook(units)
    written = formula_values(data)
    assert written[("个人汇总", "E6")] == 150  # the correspondent "*" of 岳阳县工信局: one 市级 adoption
    source = tmp_path / "奖励计算表.xlsx"
    source.write_bytes(data)
    # a copy whose cached 个人汇总!E6 says 999,999: a recalculation on load puts 150 back
    broken = tmp_path / "broken" / "奖励计算表_坏.xlsx"
    broken.parent.mkdir()
    broken.write_bytes(break_cached_value(data, "xl/worksheets/sheet4.xml", "E6", "999999"))
    assert formula_values(broken.read_bytes())[("个人汇总", "E6")] == 999999

    recalculated, repaired = recalculate([source, broken], tmp_path / "lo")

    assert formula_values(repaired.read_bytes())[("个人汇总", "E6")] == 150  # LibreOffice did recalculate
    after = formula_values(recalculated.read_bytes())
    assert after.keys() == written.keys()
    differ = {key: (written[key], after[key]) for key in written if after[key] != pytest.approx(written[key])}
    assert not differ, f"recalculated ≠ cached (cached, recalculated): {differ}"


def test_every_yellow_cell_changes_the_amounts(tmp_path: Path, units: UnitTable) -> None:
    """One article per level × form, the 批示 levels in turn; the schedule edited to amounts that say which cells
    each row read: level i, form j → 1000·i + 100·j; 批示 k → k (国家级 = 1, 全文采用 = 1, 无 = 1)."""
    combos = [(level, form) for level in ADOPTION_LEVELS for form in ADOPTION_FORMS]
    instructions = [INSTRUCTION_LEVELS[i % len(INSTRUCTION_LEVELS)] for i in range(len(combos))]
    articles = [article(YY, f"稿件{i:02d}", reporter=f"通讯员{i % 2}") for i in range(len(combos))]
    adoptions = [adoption(YY, f"稿件{i:02d}", level, form, instructions[i]) for i, (level, form) in enumerate(combos)]
    result = compute_rewards(adoptions, EXAMPLE_SCHEDULE, articles, units=units)
    buffer = io.BytesIO()
    write_reward_workbook(buffer, RewardData(Period.parse("2015-03"), EXAMPLE_SCHEDULE, result))
    book = openpyxl.load_workbook(buffer)
    schedule = book["奖励标准"]
    for i in range(5):  # B4:D8, 国家级 … 市经信委
        for j in range(3):
            schedule.cell(4 + i, 2 + j).value = 1000 * (i + 1) + 100 * (j + 1)
    for k in range(4):  # B11:B14, 无 … 国家级
        schedule.cell(11 + k, 2).value = k + 1
    source = tmp_path / "改过金额.xlsx"
    book.save(source)

    (recalculated,) = recalculate([source], tmp_path / "lo")

    values = openpyxl.load_workbook(recalculated, data_only=True)
    amounts = [values["奖励明细"].cell(4 + n, 7).value for n in range(15)]
    assert amounts == [
        1101, 1202, 1303, 2104, 2201, 2302, 3103, 3204, 3301, 4102, 4203, 4304, 5101, 5202, 5303,
    ]  # fmt: skip
    assert values["奖励明细"]["G19"].value == values["奖励明细"]["G2"].value == 48_036
    assert [values["单位汇总"]["C4"].value, values["单位汇总"]["D4"].value] == [15, 48_036]
    person = [[c.value for c in row][1:] for row in values["个人汇总"].iter_rows(min_row=4, max_row=6)]
    assert person == [
        ["通讯员0", YY, 8, 1101 + 1303 + 2201 + 3103 + 3301 + 4203 + 5101 + 5303],
        ["通讯员1", YY, 7, 1202 + 2104 + 2302 + 3204 + 4102 + 4304 + 5202],
        [None, None, 15, 48_036],  # the 合计 label is in A, outside the columns read
    ]
