"""Rates of a period (SPEC §8): completion and adoption per unit, subtotals per kind, a total, a ranking. Pure.

- 完成率 = counted articles / quota. Monthly units: monthly × months. Quarterly units: annual ÷ 4 per quarter; in a
  monthly period they show quarter-to-date against the quarter (Unit.count_months, Unit.quota). Above 100 % is kept.
- 采用率 = adopted counted articles / counted articles; an article counts once however often it was adopted.
- 排名: by 完成率, then 采用率, then 报送数, all descending; units equal on all three share a rank (1, 2, 2, 4).
  The annual period ranks by the year-end 考核得分 first (the score the assessment uses), then the same order.
- A period some of whose months have no data in the ledger yet (the year's bulletin run in July) keeps its full
  quota; its figures are to date, and a unit below quota is pending (尚未完成), not short (未完成): nobody is judged
  on months that have not been consolidated. So is a quarterly unit in a month that does not end its quarter.
- 分类统计: the counted articles and the adopted ones per content category (通知 一.1–6, then 其他 for R4 rows),
  counted over the same months as 完成情况, so the two tables' totals agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from xlflow.core.model import ERROR, Adoption, Article, Finding
from xlflow.core.periods import Period
from xlflow.core.schema import ADOPTION_LEVELS, CATEGORIES, CATEGORY_OTHER
from xlflow.core.units import Unit, UnitTable
from xlflow.settings import Settings

RANK_RULE = "排名按完成率从高到低排列；完成率相同的比采用率，再比报送数；三项都相同的并列同一名次。"
RANK_RULE_ANNUAL = "排名按年度考核得分从高到低排列；得分相同的比完成率、采用率、报送数；各项都相同的并列同一名次。"


@dataclass(frozen=True)
class UnitRate:
    """One line of 完成情况."""

    unit: str
    kind: str
    quota: float  # 任务数
    submitted: int  # 报送数: counted articles
    adopted: int  # 采用数: counted articles adopted at least once
    months: tuple[str, ...]  # the months counted (quarter-to-date for a quarterly unit in a month)
    quarterly: bool
    rank: int = 0
    score: float | None = None  # 年度考核得分, annual period only
    levels: Mapping[str, int] = field(default_factory=dict)  # adopted articles by highest level

    @property
    def completion(self) -> float | None:
        return self.submitted / self.quota if self.quota else None

    @property
    def adoption(self) -> float | None:
        return self.adopted / self.submitted if self.submitted else None

    @property
    def below_quota(self) -> bool:
        return self.submitted < self.quota

    @property
    def over_quota(self) -> bool:
        return self.submitted > self.quota


@dataclass(frozen=True)
class GroupRate:
    """A subtotal (one unit kind) or the total."""

    label: str
    kind: str  # "" for the total
    units: int
    quota: float
    submitted: int
    adopted: int

    @property
    def completion(self) -> float | None:
        return self.submitted / self.quota if self.quota else None

    @property
    def adoption(self) -> float | None:
        return self.adopted / self.submitted if self.submitted else None


@dataclass(frozen=True)
class CategoryCount:
    """One line of 分类统计: a content category of 通知 一 (code 1–6), or 其他 (code None)."""

    code: int | None
    name: str
    description: str
    submitted: int  # counted articles
    adopted: int  # of which adopted at least once

    @property
    def adoption(self) -> float | None:
        return self.adopted / self.submitted if self.submitted else None


@dataclass
class RatesTable:
    period: Period
    rows: list[UnitRate]  # quota-table order
    groups: list[GroupRate]  # one per unit kind, in UnitTable.kinds() order
    total: GroupRate
    assessment: bool  # the annual period: rows carry 考核得分
    rank_rule: str
    levels: dict[str, int] = field(default_factory=dict)  # adopted articles by highest level, all units
    categories: list[CategoryCount] = field(default_factory=list)  # 通知 一.1–6, then 其他
    missing_months: tuple[str, ...] = ()  # months of the period with no data in the ledger yet

    def by_kind(self) -> list[tuple[GroupRate, list[UnitRate]]]:
        return [(g, [r for r in self.rows if r.kind == g.kind]) for g in self.groups]

    def row(self, unit: str) -> UnitRate:
        return next(r for r in self.rows if r.unit == unit)

    @property
    def to_date(self) -> bool:
        """Some months of the period are not in the ledger yet: the figures are to date."""
        return bool(self.missing_months)

    @property
    def data_months(self) -> tuple[str, ...]:
        """The period's months that have data in the ledger."""
        return tuple(m for m in self.period.month_keys if m not in self.missing_months)

    def mid_quarter(self, row: UnitRate) -> bool:
        """A quarterly unit in a month that does not end its quarter."""
        return row.quarterly and self.period.kind == "M" and self.period.index % 3 != 0

    def pending(self, row: UnitRate) -> bool:
        """Below quota, but not late yet: its quarter is still running, or months of the period have no data yet."""
        return row.below_quota and (self.to_date or self.mid_quarter(row))

    def short(self, row: UnitRate) -> bool:
        """Below quota with the period over: 未完成 (shown red)."""
        return row.below_quota and not self.pending(row)

    def to_frame(self):  # -> pandas.DataFrame; imported lazily, pandas is slow to import
        """The 完成情况 table (unit rows only) as a DataFrame with the Chinese column names."""
        import pandas as pd

        records = [
            {
                "单位名称": r.unit,
                "单位类别": r.kind,
                "任务数": r.quota,
                "报送数": r.submitted,
                "完成率": r.completion,
                "采用数": r.adopted,
                "采用率": r.adoption,
                "排名": r.rank,
                **({"考核得分": r.score} if self.assessment else {}),
            }
            for r in self.rows
        ]
        return pd.DataFrame.from_records(records)


def assessment_score(completion: float | None, adoption: float | None, settings: Settings) -> float:
    """completion_weight × min(完成率, cap) + adoption_weight × min(采用率 / target, 1), rounded to 0.1."""
    done = min(completion or 0.0, settings.completion_cap)
    if settings.adoption_target > 0:
        adopted = min((adoption or 0.0) / settings.adoption_target, 1.0)
    else:
        adopted = 1.0 if adoption else 0.0
    return round(settings.completion_weight * done + settings.adoption_weight * adopted, 1)


def compute_rates(
    units: UnitTable,
    period: Period,
    articles: Iterable[Article],
    adoptions: Iterable[Adoption],
    settings: Settings,
    *,
    data_months: Iterable[str] | None = None,
) -> RatesTable:
    """The 完成情况 of `period`. `articles` must cover every unit's count months (counted ones are used);
    `adoptions` are the matched rows of the 采用登记表 (unmatched rows are ignored); `data_months` are the months
    the ledger holds (None: every month of the period), so that a period not yet over is reported to date."""
    adopted_levels: dict[tuple[str, str], str] = {}
    for a in adoptions:
        if not a.matched:
            continue
        key = (a.unit_name, a.title_key)
        current = adopted_levels.get(key)
        if current is None or _level_rank(a.level) < _level_rank(current):
            adopted_levels[key] = a.level

    by_unit: dict[str, dict[str, dict[str, str]]] = {}  # unit -> month -> title key -> category
    for article in articles:
        if article.counted:
            by_unit.setdefault(article.unit, {}).setdefault(article.month, {}).setdefault(article.title_key, article.category)

    rows: list[UnitRate] = []
    all_levels: dict[str, int] = {}
    by_category: dict[str, list[int]] = {c.name: [0, 0] for c in CATEGORIES}
    by_category[CATEGORY_OTHER] = [0, 0]
    for unit in units:
        months = by_unit.get(unit.name, {})
        rows.append(_unit_rate(unit, period, months, adopted_levels))
        for level, n in rows[-1].levels.items():
            all_levels[level] = all_levels.get(level, 0) + n
        counted = _counted(unit, period, months)
        for _, category in counted:
            by_category.get(category, by_category[CATEGORY_OTHER])[0] += 1
        for key, category in dict(reversed(counted)).items():  # an article adopted counts once, in its first month
            by_category.get(category, by_category[CATEGORY_OTHER])[1] += (unit.name, key) in adopted_levels

    annual = period.kind == "Y"
    if annual:
        rows = [_with_score(r, settings) for r in rows]
    rows = _ranked(rows, annual)
    groups = [_group(f"{kind}小计", kind, [r for r in rows if r.kind == kind]) for kind in units.kinds()]
    total = _group("合计", "", rows)
    ordered_levels = {lv: all_levels[lv] for lv in (*ADOPTION_LEVELS, *sorted(all_levels)) if lv in all_levels}
    categories = [CategoryCount(c.code, c.name, c.description, *by_category[c.name]) for c in CATEGORIES]
    categories.append(CategoryCount(None, CATEGORY_OTHER, "类别未填写或无法识别的稿件", *by_category[CATEGORY_OTHER]))
    present = set(period.month_keys if data_months is None else data_months)
    missing = tuple(m for m in period.month_keys if m not in present)
    rank_rule = RANK_RULE_ANNUAL if annual else RANK_RULE
    return RatesTable(period, rows, groups, total, annual, rank_rule, ordered_levels, categories, missing)


def _level_rank(level: str) -> int:
    return ADOPTION_LEVELS.index(level) if level in ADOPTION_LEVELS else len(ADOPTION_LEVELS)


def _counted(unit: Unit, period: Period, months: Mapping[str, Mapping[str, str]]) -> list[tuple[str, str]]:
    """The unit's counted articles in its count months, month by month: (title key, category)."""
    return [(key, months[m][key]) for m in unit.count_months(period) for key in sorted(months.get(m, {}))]


def _unit_rate(unit: Unit, period: Period, months: Mapping[str, Mapping[str, str]], adopted: Mapping[tuple[str, str], str]) -> UnitRate:
    count_months = unit.count_months(period)
    keys = [key for key, _ in _counted(unit, period, months)]
    levels: dict[str, int] = {}
    adopted_n = 0
    for key in dict.fromkeys(keys):
        level = adopted.get((unit.name, key))
        if level is not None:
            adopted_n += 1
            levels[level] = levels.get(level, 0) + 1
    return UnitRate(
        unit=unit.name,
        kind=unit.kind,
        quota=unit.quota(period),
        submitted=len(keys),
        adopted=adopted_n,
        months=count_months,
        quarterly=unit.is_quarterly,
        levels=levels,
    )


def _with_score(row: UnitRate, settings: Settings) -> UnitRate:
    return replace(row, score=assessment_score(row.completion, row.adoption, settings))


def _ranked(rows: Sequence[UnitRate], annual: bool) -> list[UnitRate]:
    """Competition ranking (1, 2, 2, 4) in the row order given."""

    def key(r: UnitRate) -> tuple[float, ...]:
        parts = (round(r.completion or 0.0, 9), round(r.adoption or 0.0, 9), float(r.submitted))
        return ((r.score or 0.0), *parts) if annual else parts

    ordered = sorted(rows, key=key, reverse=True)
    ranks: dict[str, int] = {}
    for i, r in enumerate(ordered):
        ranks[r.unit] = ranks[ordered[i - 1].unit] if i and key(ordered[i - 1]) == key(r) else i + 1
    return [replace(r, rank=ranks[r.unit]) for r in rows]


def _group(label: str, kind: str, rows: Sequence[UnitRate]) -> GroupRate:
    return GroupRate(
        label=label,
        kind=kind,
        units=len(rows),
        quota=sum(r.quota for r in rows),
        submitted=sum(r.submitted for r in rows),
        adopted=sum(r.adopted for r in rows),
    )


@dataclass(frozen=True)
class Achievers:
    """Units by how they stand against their quota, each list in quota-table order."""

    over: list[UnitRate]  # above quota
    met: list[UnitRate]  # exactly on quota
    below: list[UnitRate]  # below quota
    pending: list[UnitRate]  # below quota, not late yet (RatesTable.pending): quarter running, or months without data


def achievers(table: RatesTable) -> Achievers:
    rows = [r for r in table.rows if r.quota or r.submitted]
    return Achievers(
        over=[r for r in rows if r.over_quota],
        met=[r for r in rows if not r.over_quota and not r.below_quota],
        below=[r for r in rows if table.short(r)],
        pending=[r for r in rows if table.pending(r)],
    )


@dataclass(frozen=True)
class SilentUnit:
    """A unit with nothing counted in the period (a line of 未报送单位), and what was received from it."""

    unit: str
    kind: str
    quota: float
    files: tuple[str, ...]  # files accepted in its count months (none of their rows counted)
    refused: tuple[Finding, ...]  # files refused in its count months: the refusal, with the file's name
    note: str


def refusal_reason(finding: Finding) -> str:
    """Why a file was refused and what to do, without the file name the message starts with."""
    return finding.message.removeprefix(f"{finding.file}：")


def silent_units(
    table: RatesTable, senders: Mapping[str, Sequence[str]], refused: Mapping[str, Sequence[Finding]] | None = None
) -> list[SilentUnit]:
    """Units with a quota and no counted article. `senders` maps a unit to the files accepted in its count months,
    `refused` to the refusals of its files there: the note says what was received and what became of it."""
    refused = refused or {}
    out: list[SilentUnit] = []
    for r in table.rows:
        if r.submitted or not r.quota:
            continue
        files = tuple(senders.get(r.unit, ()))
        refusals = tuple(refused.get(r.unit, ()))
        parts = [f"《{name}》中的稿件均未通过检查（见“问题稿件”）" for name in files]
        parts += [f"《{f.file}》被拒收：{refusal_reason(f)}" for f in refusals]
        note = f"收到 {len(files) + len(refusals)} 个文件：" + "；".join(parts) if parts else "本期未收到报送文件"
        if r.quarterly and table.period.kind == "M":
            note += f"（按季度考核，统计{months_span(r.months)}）"
        out.append(SilentUnit(r.unit, r.kind, r.quota, files, refusals, note))
    return out


def months_span(months: Sequence[str]) -> str:
    """2015年1—3月, or 2015年3月 for one month (month keys of one year)."""
    first, last = int(months[0][5:]), int(months[-1][5:])
    year = months[0][:4]
    return f"{year}年{first}月" if first == last else f"{year}年{first}—{last}月"


def months_text(months: Sequence[str]) -> str:
    """Month keys of one year as runs, without the year: 1—6月, 7月, 1—3月、5月."""
    numbers = sorted(int(m[5:]) for m in months)
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{run[0]}月" if len(run) == 1 else f"{run[0]}—{run[-1]}月" for run in runs)


@dataclass(frozen=True)
class FindingCounts:
    """How the findings of a period add up, said the same way in the notice and in the 工作底稿."""

    errors: int  # every error: row_errors + file_errors
    row_errors: int  # errors on rows
    rows: int  # rows with at least one error: not counted (a row can carry several errors)
    file_errors: int  # errors on whole files
    files: int  # files with an error: refused
    warnings: int  # rows or files that count, with something to improve


def count_findings(findings: Iterable[Finding]) -> FindingCounts:
    row_errors = file_errors = warnings = 0
    rows: set[tuple[str, str, str, int]] = set()
    files: set[tuple[str, str]] = set()
    for f in findings:
        if f.severity != ERROR:
            warnings += 1
        elif f.row is None:
            file_errors += 1
            files.add((f.month, f.file))
        else:
            row_errors += 1
            rows.add((f.month, f.file, f.sheet, f.row))
    return FindingCounts(row_errors + file_errors, row_errors, len(rows), file_errors, len(files), warnings)
