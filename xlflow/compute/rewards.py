"""Rewards for adopted articles (SPEC §7). Pure: matched adoptions + the schedule + the articles → reward rows.

An article is rewarded once, at its highest level, or once per level under 累计. The 领导批示 bonus is paid once, at
the highest 批示, on the row of the highest level. The correspondent is the article's 通讯员, else the roster's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from xlflow.compute.adoptions import COUNTY_INSTRUCTION, reward_held
from xlflow.core.model import Adoption, Article
from xlflow.core.schema import (
    ADOPTION_FORMS,
    ADOPTION_LEVELS,
    INSTRUCTION_LEVELS,
    REWARD_POLICY_CUMULATIVE,
    REWARD_POLICY_HIGHEST,
)
from xlflow.core.text import squash
from xlflow.core.units import UnitTable

NO_INSTRUCTION = INSTRUCTION_LEVELS[0]  # 无
UNKNOWN_CORRESPONDENT = "（未填通讯员）"


@dataclass(frozen=True)
class RewardSchedule:
    """Amount per 采用级别 × 采用形式, bonus per 领导批示 level, and the policy."""

    amounts: Mapping[tuple[str, str], float]
    bonus: Mapping[str, float]
    policy: str = REWARD_POLICY_HIGHEST
    example: bool = False  # the shipped example amounts, not the commission's own
    problems: tuple[str, ...] = ()  # what the reader had to assume (a missing row read as 0 …)

    @property
    def cumulative(self) -> bool:
        return self.policy == REWARD_POLICY_CUMULATIVE

    def amount(self, level: str, form: str) -> float:
        return float(self.amounts.get((level, form), 0.0))

    def bonus_for(self, instruction: str) -> float:
        return float(self.bonus.get(instruction or NO_INSTRUCTION, 0.0))


# An example, labelled so wherever it is shown: the amounts of 《岳阳市经信委关于对调研和宣传采用文稿实行奖励的通知》 are
# not known to us. The 奖励标准.xlsx that `xlflow init` writes (writers/coordinator_books.py) shows the same.
_EXAMPLE_AMOUNTS: dict[str, tuple[float, float, float]] = {
    "国家级": (500, 300, 200),
    "省级": (300, 200, 100),
    "省经信委": (200, 100, 50),
    "市级": (150, 80, 50),
    "市经信委": (100, 50, 30),
}
EXAMPLE_SCHEDULE = RewardSchedule(
    amounts={(level, form): float(_EXAMPLE_AMOUNTS[level][i]) for level in ADOPTION_LEVELS for i, form in enumerate(ADOPTION_FORMS)},
    bonus={"无": 0.0, "市级": 100.0, "省级": 200.0, "国家级": 500.0},
    example=True,
)


@dataclass(frozen=True)
class RewardRow:
    """One rewarded adoption: what the 奖励明细 sheet shows on one line."""

    unit: str
    title: str
    level: str
    form: str
    instruction: str  # the 批示 level whose bonus this row carries (无 on the other rows of the article)
    base: float
    bonus: float
    correspondent: str  # the person's one spelling (see person_key)
    month: str  # the month the article counts in
    outlet: str
    note: str = ""

    @property
    def amount(self) -> float:
        return self.base + self.bonus


@dataclass(frozen=True)
class RewardTotal:
    """What a unit, or one correspondent of it (`name`), earned."""

    unit: str
    count: int
    amount: float
    name: str = ""


@dataclass
class RewardResult:
    rows: list[RewardRow] = field(default_factory=list)
    skipped: list[tuple[Adoption, str]] = field(default_factory=list)  # matched rows that earn nothing, and why

    @property
    def total(self) -> float:
        return sum(r.amount for r in self.rows)

    def by_unit(self) -> list[RewardTotal]:
        """Per unit, in the order the rows are in (quota-table order)."""
        return self._totals(people=False)

    def by_person(self) -> list[RewardTotal]:
        """Per correspondent (unit and person_key of the name), in row order, under the first name met."""
        return self._totals(people=True)

    def _totals(self, *, people: bool) -> list[RewardTotal]:
        groups: dict[tuple[str, str], list[RewardRow]] = {}
        for row in self.rows:
            groups.setdefault((row.unit, person_key(row.correspondent) if people else ""), []).append(row)
        return [
            RewardTotal(unit, len(rows), sum(r.amount for r in rows), rows[0].correspondent if people else "")
            for (unit, _), rows in groups.items()
        ]


def person_key(name: str) -> str:
    """What two spellings of one name share: NFKC, no whitespace, case ignored (as Excel's `=` does)."""
    return squash(name).lower()


def compute_rewards(
    adoptions: Iterable[Adoption],
    schedule: RewardSchedule,
    articles: Iterable[Article],
    *,
    roster: Mapping[str, str] | None = None,
    units: UnitTable | None = None,
) -> RewardResult:
    """Reward rows for the matched adoptions whose article is among `articles`. `roster` maps a unit to its
    registered correspondent, for an article that names none; `units` orders the rows (else `articles` does)."""
    by_key: dict[tuple[str, str], Article] = {}
    for article in articles:
        key = (article.unit, article.title_key)
        if key not in by_key or (article.counted and not by_key[key].counted):
            by_key[key] = article
    order = {key: i for i, key in enumerate(by_key)}
    unit_seq = {u.name: u.seq for u in units} if units is not None else {}

    result = RewardResult()
    groups: dict[tuple[str, str], list[Adoption]] = {}
    for adoption in adoptions:
        key = (adoption.unit_name, adoption.title_key)
        if not adoption.matched or key not in by_key:  # or matched to an article of another period
            continue
        if reward_held(adoption.note):  # 采用数 counts it all the same
            result.skipped.append((adoption, f"备注为“{adoption.note}”：计入采用数，不计奖"))
            continue
        if adoption.level not in ADOPTION_LEVELS:
            result.skipped.append((adoption, "采用级别不明，未计奖：请在采用登记表中从下拉列表选择采用级别"))
            continue
        if adoption.form not in ADOPTION_FORMS:
            result.skipped.append((adoption, "采用形式不明，未计奖：请填写全文采用、部分采用或综合采用"))
            continue
        groups.setdefault(key, []).append(adoption)

    for key in sorted(groups, key=lambda key: (unit_seq.get(key[0], len(unit_seq) + 1), order[key])):
        result.rows.extend(_article_rewards(by_key[key], groups[key], schedule, _correspondent(by_key[key], roster)))
    result.rows = _one_spelling_per_person(result.rows)
    return result


def _correspondent(article: Article, roster: Mapping[str, str] | None) -> str:
    name = article.reporter.strip()
    if not name and roster:
        name = (roster.get(article.unit) or "").strip()
    return name or UNKNOWN_CORRESPONDENT


def _one_spelling_per_person(rows: list[RewardRow]) -> list[RewardRow]:
    """Each correspondent as the person's first spelling, squashed; another typed one is kept and noted."""
    shown: dict[tuple[str, str], str] = {}
    out: list[RewardRow] = []
    for row in rows:
        typed = row.correspondent
        name = typed if typed == UNKNOWN_CORRESPONDENT else squash(typed)
        name = shown.setdefault((row.unit, person_key(typed)), name)
        if name == typed:
            out.append(row)
            continue
        note = "；".join(filter(None, (row.note, f"通讯员原写作“{typed}”")))
        out.append(replace(row, correspondent=name, note=note))
    return out


def _article_rewards(article: Article, rows: list[Adoption], schedule: RewardSchedule, person: str) -> list[RewardRow]:
    """One article's reward rows: its highest level only, or one per level under 累计."""
    known = (a.instruction for a in rows if a.instruction in INSTRUCTION_LEVELS)
    instruction = max(known, key=INSTRUCTION_LEVELS.index, default=NO_INSTRUCTION)
    # the best row of each level: the form paying most, then the earliest register row
    best: dict[str, Adoption] = {}
    for adoption in sorted(rows, key=lambda a: (-schedule.amount(a.level, a.form), a.row)):
        best.setdefault(adoption.level, adoption)
    levels = sorted(best, key=ADOPTION_LEVELS.index)
    chosen = levels if schedule.cumulative else levels[:1]
    out: list[RewardRow] = []
    for i, level in enumerate(chosen):
        adoption = best[level]
        carries_bonus = i == 0
        row_instruction = instruction if carries_bonus else NO_INSTRUCTION
        notes: list[str] = []
        if not schedule.cumulative and len(levels) > 1:
            notes.append(f"另有{'、'.join(levels[1:])}采用，按最高级别计奖一次")
        if schedule.cumulative and not carries_bonus and instruction != NO_INSTRUCTION:
            notes.append("批示加奖已计入本稿件最高级别一行")
        if carries_bonus:
            notes.extend(_unpaid_instruction(a.instruction, instruction) for a in rows if a.instruction not in INSTRUCTION_LEVELS)
        same_level = [a.row for a in rows if a.level == level]
        if len(same_level) > 1:
            notes.append(f"同级别登记 {len(same_level)} 次，计奖一次")
        out.append(
            RewardRow(
                unit=article.unit,
                title=article.title,
                level=level,
                form=adoption.form,
                instruction=row_instruction,
                base=schedule.amount(level, adoption.form),
                bonus=schedule.bonus_for(row_instruction),
                correspondent=person,
                month=article.month,
                outlet=adoption.outlet,
                note="；".join(dict.fromkeys(filter(None, notes))),
            )
        )
    return out


def _unpaid_instruction(typed: str, paid: str) -> str:
    """Why a 批示 the register names earned no bonus (a county leader's is not said beside a paid one)."""
    if typed != COUNTY_INSTRUCTION:
        return f"领导批示“{typed}”级别无法识别，未计批示奖励：请在采用登记表中写明市级、省级或国家级"
    return "" if paid != NO_INSTRUCTION else "县级领导批示，奖励标准只对市级、省级、国家级批示加奖，未计批示奖励"
