"""The coordinator's 采用登记表 and 奖励标准: reading them, and matching adoptions to the articles of the ledger.

`read_adoption_register` and `read_reward_schedule` read them through the intake; `match_adoptions` is pure.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from xlflow.dates import parse_date
from xlflow.errors import ConfigError
from xlflow.model import Adoption, Article, TitleRecord
from xlflow.rewards import RewardSchedule
from xlflow.schema import (
    ADOPTION_COLUMNS,
    ADOPTION_FORMS,
    ADOPTION_LEVELS,
    ADOPTION_SHEET,
    INSTRUCTION_LEVELS,
    REWARD_POLICY_CUMULATIVE,
    REWARD_POLICY_HIGHEST,
    REWARD_SHEET,
)
from xlflow.textnorm import clean_cell, normalize_title, squash
from xlflow.units import UnitTable

MAX_CANDIDATES = 3
_CANDIDATE_CUTOFF = 40.0  # rapidfuzz WRatio below this is not worth showing

# --- normalising what the coordinator typed ---------------------------------------------------------

# checked in this order: the commission levels before the plain 省级/市级 they contain
_LEVEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("省经信委", ("省经信委", "省经委", "省经信厅", "省工信厅", "省工业和信息化厅", "省经济和信息化委")),
    ("市经信委", ("市经信委", "市经委", "市工信局", "委内", "本委")),
    ("国家级", ("国家", "国办", "国务院", "部委", "中办", "中央", "工信部", "工业和信息化部", "部级")),
    ("省级", ("省级", "省委", "省政府", "省办", "省人大", "省政协")),
    ("市级", ("市级", "市委", "市政府", "市办", "市人大", "市政协")),
)
_FORM_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("全文采用", ("全文", "整篇", "全篇")),
    ("部分采用", ("部分", "摘要", "摘编", "摘用", "节选", "节录")),
    ("综合采用", ("综合", "合编", "汇编")),
)
_NO_INSTRUCTION = ("", "无", "否", "没有", "-", "—", "/", "无批示", "未批示")


def normalize_level(text: str) -> str | None:
    """国家级 … 市经信委 from what was typed (省委办公厅 → 省级, 省工信厅 → 省经信委); None when unknown."""
    key = squash(text)
    if key in ADOPTION_LEVELS:
        return key
    for level, words in _LEVEL_WORDS:
        if any(w in key for w in words):
            return level
    if key.startswith("省"):
        return "省级"
    if key.startswith("市"):
        return "市级"
    return None


def normalize_form(text: str) -> str | None:
    key = squash(text)
    if key in ADOPTION_FORMS:
        return key
    for form, words in _FORM_WORDS:
        if any(w in key for w in words):
            return form
    return None


def normalize_instruction(text: str) -> str | None:
    """无/市级/省级/国家级 from 市委书记批示, 省长批示, 是 (→ None: the level is not said), blank (→ 无)."""
    key = squash(text)
    if key in _NO_INSTRUCTION:
        return INSTRUCTION_LEVELS[0]
    if key in INSTRUCTION_LEVELS:
        return key
    for level, words in (("国家级", ("国家", "中央", "国务院", "部")), ("省级", ("省",)), ("市级", ("市",))):
        if any(w in key for w in words):
            return level
    return None


# --- the adoption register ----------------------------------------------------------------------------

_HEADER_SCAN_ROWS = 20


def _header_key(value: object) -> str:
    """A header cell as compared: no whitespace, no * or （必填） marks."""
    text = squash(clean_cell(value)).replace("*", "")
    return re.sub(r"[(（][^)）]*[)）]$", "", text)


def _find_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]] | None:
    names = {c.key: {_header_key(n) for n in (c.name, *c.aliases)} for c in ADOPTION_COLUMNS}
    for r, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        cells = [_header_key(v) for v in row]
        columns: dict[str, int] = {}
        for key, accepted in names.items():
            for c, cell in enumerate(cells):
                if cell in accepted and c not in columns.values():
                    columns[key] = c
                    break
        if "unit" in columns and "title" in columns:
            return r, columns
    return None


def read_adoption_register(path: Path, units: UnitTable) -> list[Adoption]:
    """Every filled row of the 采用登记表, unit resolved and values normalised; what is wrong is in `problem`."""
    from xlflow.intake.workbook import own_sheet

    sheet, rows = own_sheet(path, ADOPTION_SHEET, "采用登记表")
    found = _find_header(rows)
    if found is None:
        wanted = "、".join(c.name for c in ADOPTION_COLUMNS if c.required)
        raise ConfigError(f"采用登记表 {path.name}（工作表“{sheet}”）前 {_HEADER_SCAN_ROWS} 行中找不到表头：请保留表头行（{wanted}）")
    header_at, columns = found

    def cell(row: Sequence[object], key: str) -> object:
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    adoptions: list[Adoption] = []
    for r, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {c.key: clean_cell(cell(row, c.key)) for c in ADOPTION_COLUMNS}
        if not any(values[k] for k in ("unit", "title", "level", "form", "outlet")):
            continue  # blank or a note row
        adoptions.append(_adoption(r, values, cell(row, "date"), units))
    return adoptions


def _adoption(r: int, values: dict[str, str], raw_date: object, units: UnitTable) -> Adoption:
    problems: list[str] = []
    unit = units.resolve(values["unit"])
    if not values["unit"]:
        problems.append("缺少报送单位")
    elif unit is None:
        problems.append(f"报送单位“{values['unit']}”不在任务分配表中")
    if not values["title"]:
        problems.append("缺少信息标题")
    level = normalize_level(values["level"]) if values["level"] else None
    if level is None and not values["level"] and values["outlet"]:
        level = normalize_level(values["outlet"])  # 采用级别 left blank: the outlet usually says it
    if level is None:
        problems.append(f"采用级别“{values['level']}”无法识别" if values["level"] else "缺少采用级别")
    form = normalize_form(values["form"]) if values["form"] else None
    if form is None:
        problems.append(f"采用形式“{values['form']}”无法识别" if values["form"] else "缺少采用形式")
    instruction = normalize_instruction(values["instruction"])
    if instruction is None:
        problems.append(f"领导批示“{values['instruction']}”无法识别，请填写无、市级、省级或国家级")
    date = parse_date(raw_date).date if raw_date not in (None, "") else None
    if raw_date not in (None, "") and date is None:
        problems.append(f"采用日期“{clean_cell(raw_date)}”无法识别")
    return Adoption(
        row=r,
        unit=values["unit"],
        title=values["title"],
        outlet=values["outlet"],
        level=level or values["level"],
        date=date,
        form=form or values["form"],
        instruction=instruction or values["instruction"],
        note=values["note"],
        unit_name=unit.name if unit else "",
        title_key=normalize_title(values["title"]) if values["title"] else "",
        problem="；".join(problems),
    )


# --- matching ---------------------------------------------------------------------------------------


def match_adoptions(adoptions: Iterable[Adoption], articles: Iterable[Article | TitleRecord]) -> list[Adoption]:
    """Each adoption matched to a counted article by resolved unit and normalised title.

    A row that matches nothing keeps matched=False, says why in `problem`, and carries up to three nearest
    titles: of its own unit, or of every unit when the unit is unknown (then written “标题（单位）”). A row whose
    采用级别 or 采用形式 is not a valid one is not matched either, its article found or not: `problem` says what
    to fix.
    """
    articles = list(articles)
    counted: dict[tuple[str, str], Article] = {}
    uncounted: dict[tuple[str, str], Article] = {}
    titles_by_unit: dict[str, dict[str, str]] = {}  # unit -> title_key -> title
    units_by_title: dict[str, list[str]] = {}
    for article in articles:
        key = (article.unit, article.title_key)
        if article.counted:
            counted.setdefault(key, article)
            titles_by_unit.setdefault(article.unit, {}).setdefault(article.title_key, article.title)
            units_by_title.setdefault(article.title_key, []).append(article.unit)
        else:
            uncounted.setdefault(key, article)
    all_titles = {
        f"{unit}\x00{key}": f"{title}（{unit}）" for unit, titles in titles_by_unit.items() for key, title in titles.items()
    }

    out: list[Adoption] = []
    for adoption in adoptions:
        if not adoption.title_key:
            out.append(dataclasses.replace(adoption, matched=False))
            continue
        key = (adoption.unit_name, adoption.title_key)
        # an adoption at no valid level or in no valid form is no adoption: not in 采用数, 采用率 or the levels,
        # listed for the coordinator with what to fix, whether or not its article is found
        invalid = _invalid_level_or_form(adoption)
        if adoption.unit_name and key in counted and not invalid:
            out.append(dataclasses.replace(adoption, matched=True))
            continue
        problems = [p for p in (adoption.problem, *invalid) if p]
        if adoption.unit_name and key in counted:  # the article it names, shown as the nearest title
            out.append(dataclasses.replace(adoption, matched=False, candidates=(counted[key].title,), problem="；".join(problems)))
            continue
        candidates: list[str] = []
        if adoption.unit_name and key in uncounted:
            reasons = "、".join(dict.fromkeys(f.label for f in uncounted[key].errors)) or "未通过检查"
            problems.append(f"该稿件报送时未计入（{reasons}），不计采用")
        elif adoption.unit_name:
            others = [u for u in units_by_title.get(adoption.title_key, []) if u != adoption.unit_name]
            if others:
                problems.append(f"{'、'.join(dict.fromkeys(others))}报送过同题稿件，请核对报送单位")
                candidates.extend(f"{counted[(u, adoption.title_key)].title}（{u}）" for u in dict.fromkeys(others))
            else:
                problems.append("本单位已计入的稿件中找不到这个标题")
            own = titles_by_unit.get(adoption.unit_name, {})
            candidates.extend(own[k] for k in _nearest(adoption.title_key, list(own)))
        else:
            candidates.extend(all_titles[k] for k in _nearest(adoption.title_key, list(all_titles), split=True))
        out.append(
            dataclasses.replace(
                adoption,
                matched=False,
                candidates=tuple(dict.fromkeys(candidates))[:MAX_CANDIDATES],
                problem="；".join(problems),
            )
        )
    return out


def _invalid_level_or_form(adoption: Adoption) -> list[str]:
    """What to fix when the row's 采用级别 or 采用形式 is not one of the valid values (empty list: both valid); the
    reader has already said which value it could not read."""
    fixes = []
    if adoption.level not in ADOPTION_LEVELS:
        fixes.append(f"采用级别应为{'、'.join(ADOPTION_LEVELS)}之一，改正前不计采用")
    if adoption.form not in ADOPTION_FORMS:
        fixes.append(f"采用形式应为{'、'.join(ADOPTION_FORMS)}之一，改正前不计采用")
    return fixes


def _nearest(title_key: str, keys: list[str], *, split: bool = False) -> list[str]:
    """Up to three of `keys` nearest to `title_key` (keys may be 'unit\\x00title_key' when `split`)."""
    if not keys:
        return []
    # imported here: only a row that matches nothing needs it (~25 ms a process otherwise)
    from rapidfuzz import fuzz, process

    def processor(choice: str) -> str:
        return choice.split("\x00", 1)[1] if split and "\x00" in choice else choice

    hits = process.extract(
        title_key, keys, scorer=fuzz.WRatio, processor=processor, limit=MAX_CANDIDATES, score_cutoff=_CANDIDATE_CUTOFF
    )
    return [choice for choice, _score, _index in hits]


# --- the reward schedule ------------------------------------------------------------------------------


def read_reward_schedule(path: Path, *, default_policy: str = REWARD_POLICY_HIGHEST) -> RewardSchedule:
    """The 奖励标准 sheet, found by its labels (采用级别, 领导批示, 计奖方式), wherever the rows are."""
    from xlflow.intake.workbook import own_sheet

    sheet, rows = own_sheet(path, REWARD_SHEET, "奖励标准")
    where = f"奖励标准 {path.name}（工作表“{sheet}”）"
    grid = [[squash(clean_cell(v)) for v in row] for row in rows]

    def locate(label: str) -> tuple[int, int] | None:
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if value == label:
                    return r, c
        return None

    def number(r: int, c: int) -> float:
        value = rows[r][c] if c < len(rows[r]) else None
        if value in (None, ""):
            return 0.0
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        text = squash(str(value)).replace(",", "").removesuffix("元")
        try:
            return float(text)
        except ValueError:
            raise ConfigError(f"{where} 第 {r + 1} 行第 {c + 1} 列“{value}”不是金额：请填写数字（元）") from None

    problems: list[str] = []
    level_at = locate("采用级别")
    if level_at is None:
        raise ConfigError(f"{where} 找不到“采用级别”表头：请保留模板中“采用级别 / 全文采用 / 部分采用 / 综合采用”一行")
    hr, hc = level_at
    form_cols = {form: grid[hr].index(form) for form in ADOPTION_FORMS if form in grid[hr]}
    for form in ADOPTION_FORMS:
        if form not in form_cols:
            raise ConfigError(f"{where} 第 {hr + 1} 行缺少“{form}”列：请保留模板的表头")
    amounts: dict[tuple[str, str], float] = {}
    for r in range(hr + 1, len(grid)):
        label = grid[r][hc] if hc < len(grid[r]) else ""
        level = label if label in ADOPTION_LEVELS else None
        if level is None:
            if label and label not in ("领导批示", "计奖方式"):
                level = normalize_level(label)
            if level is None:
                if label:
                    break
                continue
        for form, c in form_cols.items():
            amounts.setdefault((level, form), number(r, c))
    for level in ADOPTION_LEVELS:
        if (level, ADOPTION_FORMS[0]) not in amounts:
            problems.append(f"{where} 没有“{level}”一行，按 0 元计")

    bonus: dict[str, float] = {}
    bonus_at = locate("领导批示")
    if bonus_at is None:
        problems.append(f"{where} 找不到“领导批示”加奖表，批示不加奖")
    else:
        br, bc = bonus_at
        amount_col = grid[br].index("加奖金额") if "加奖金额" in grid[br] else bc + 1
        for r in range(br + 1, len(grid)):
            label = grid[r][bc] if bc < len(grid[r]) else ""
            if not label:
                if bonus:
                    break
                continue
            instruction = label if label in INSTRUCTION_LEVELS else normalize_instruction(label)
            if instruction is None:
                break
            bonus.setdefault(instruction, number(r, amount_col))
    bonus.setdefault(INSTRUCTION_LEVELS[0], 0.0)

    policy = default_policy
    policy_at = locate("计奖方式")
    if policy_at is not None:
        pr, pc = policy_at
        value = next((v for v in grid[pr][pc + 1 :] if v), "")
        if value:
            if REWARD_POLICY_CUMULATIVE in value:
                policy = REWARD_POLICY_CUMULATIVE
            elif "最高" in value:
                policy = REWARD_POLICY_HIGHEST
            else:
                raise ConfigError(
                    f"{where} 第 {pr + 1} 行“计奖方式”为“{value}”：请填写“{REWARD_POLICY_HIGHEST}”或“{REWARD_POLICY_CUMULATIVE}”"
                )
    example = any("示例" in v for row in grid[:2] for v in row)
    return RewardSchedule(amounts=amounts, bonus=bonus, policy=policy, example=example, problems=tuple(problems))
