"""Rates of a period (SPEC §8): completion and adoption per unit, subtotals per kind, a total, a ranking. Pure.

An article adopted several times counts once. A period whose months are not all in the ledger yet keeps its
full quota: a unit below it is then pending (尚未完成), not short (未完成), as is a quarterly unit mid-quarter.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from xlflow.core.model import ERROR, Adoption, Article, Finding
from xlflow.core.periods import Period, months_span
from xlflow.core.schema import ADOPTION_LEVELS, CATEGORIES, CATEGORY_OTHER
from xlflow.core.units import UnitTable
from xlflow.settings import Settings

RANK_RULE = "排名按完成率从高到低排列；完成率相同的比采用率，再比报送数；三项都相同的并列同一名次。"
RANK_RULE_ANNUAL = "排名按年度考核得分从高到低排列；得分相同的比完成率、采用率、报送数；各项都相同的并列同一名次。"


class _Rates:
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
class UnitRate(_Rates):
    """One line of 完成情况."""

    unit: str
    kind: str
    quota: float  # 任务数
    submitted: int  # 报送数: counted articles
    adopted: int  # 采用数: counted articles adopted at least once
    months: tuple[str, ...]  # the months counted (quarter-to-date for a quarterly unit in a month)
    quarterly: bool
    rank: int | None = None  # None: no quota in the period (nothing due), so neither ranked nor scored
    score: float | None = None  # 年度考核得分, annual period only
    levels: Mapping[str, int] = field(default_factory=dict)  # adopted articles by highest level

    @property
    def below_quota(self) -> bool:
        return self.submitted < self.quota

    @property
    def over_quota(self) -> bool:
        return self.submitted > self.quota


@dataclass(frozen=True)
class GroupRate(_Rates):
    """A subtotal (one unit kind) or the total."""

    label: str
    kind: str  # "" for the total
    units: int
    quota: float
    submitted: int
    adopted: int


@dataclass(frozen=True)
class CategoryCount:
    """One line of 分类统计: a content category of 通知 一 (code 1–6), or 其他 (code None)."""

    code: int | None
    name: str
    description: str
    submitted: int  # counted articles
    adopted: int  # of which adopted at least once
    adoption = _Rates.adoption


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
    issued: dt.date | None = None  # the 落款 date of the bulletin it is for

    def by_kind(self) -> list[tuple[GroupRate, list[UnitRate]]]:
        return [(g, [r for r in self.rows if r.kind == g.kind]) for g in self.groups]

    def row(self, unit: str) -> UnitRate:
        return next(r for r in self.rows if r.unit == unit)

    @property
    def to_date(self) -> bool:  # some months of the period are not in the ledger yet
        return bool(self.missing_months)

    @property
    def data_months(self) -> tuple[str, ...]:  # the period's months with data in the ledger
        return tuple(m for m in self.period.month_keys if m not in self.missing_months)

    def mid_quarter(self, row: UnitRate) -> bool:
        """A quarterly unit in a month bulletin whose quarter is not over: a month before its last, or a bulletin
        dated on or before the quarter's last day."""
        quarter = self.period.quarter
        return row.quarterly and self.period.kind == "M" and (
            self.period.key != quarter.month_keys[-1] or (self.issued is not None and self.issued <= quarter.last_day))

    def pending(self, row: UnitRate) -> bool:
        """Below quota, but not late yet: its quarter is still running, or months of the period have no data yet."""
        return row.below_quota and (self.to_date or self.mid_quarter(row))

    def short(self, row: UnitRate) -> bool:  # 未完成 (shown red)
        return row.below_quota and not self.pending(row)

    def to_frame(self):  # -> pandas.DataFrame
        """The 完成情况 table (unit rows only) with the Chinese column names."""
        import pandas as pd  # here: it stays out of `xlflow --help`

        columns = {"单位名称": "unit", "单位类别": "kind", "任务数": "quota", "报送数": "submitted", "完成率": "completion",
                   "采用数": "adopted", "采用率": "adoption", "排名": "rank", **({"考核得分": "score"} if self.assessment else {})}  # fmt: skip
        return pd.DataFrame.from_records([{name: getattr(r, key) for name, key in columns.items()} for r in self.rows])


def assessment_score(completion: float | None, adoption: float | None, settings: Settings) -> float:
    """completion_weight × min(完成率 / cap, 1) + adoption_weight × min(采用率 / target, 1), rounded half up to 0.1:
    each part at most its 满分 (60 at 120% and above when the cap is 1.2), as the notice says."""
    done = min((completion or 0.0) / settings.completion_cap, 1.0)
    if settings.adoption_target > 0:
        adopted = min((adoption or 0.0) / settings.adoption_target, 1.0)
    else:
        adopted = 1.0 if adoption else 0.0
    return round_half_up(settings.completion_weight * done + settings.adoption_weight * adopted)


def round_half_up(value: float) -> float:
    """四舍五入 to 0.1 as Excel shows it (26.25 → 26.3, where round() gives 26.2); float noise past 1e-9 ignored."""
    return float(Decimal(f"{value:.9f}").quantize(Decimal("0.1"), ROUND_HALF_UP))


def compute_rates(
    units: UnitTable,
    period: Period,
    articles: Iterable[Article],
    adoptions: Iterable[Adoption],
    settings: Settings,
    *,
    data_months: Iterable[str] | None = None,
) -> RatesTable:
    """The 完成情况 of `period` from the counted `articles` of every unit's count months and the matched
    `adoptions`; `data_months`: the months in the ledger (None: all), so a period not yet over is to date."""
    adopted_levels: dict[tuple[str, str], str] = {}  # (unit, title key) -> highest level
    for a in sorted((a for a in adoptions if a.matched), key=lambda a: _level_rank(a.level)):
        adopted_levels.setdefault((a.unit_name, a.title_key), a.level)
    by_unit: dict[str, dict[str, dict[str, str]]] = {}  # unit -> month -> title key -> category
    for article in articles:
        if article.counted:
            by_unit.setdefault(article.unit, {}).setdefault(article.month, {}).setdefault(article.title_key, article.category)

    rows: list[UnitRate] = []
    submitted: Counter[str] = Counter()  # per category
    adopted: Counter[str] = Counter()
    for unit in units:
        months = by_unit.get(unit.name, {})
        counted = [(key, months[m][key]) for m in unit.count_months(period) for key in sorted(months.get(m, {}))]
        first: dict[str, str] = {}  # title key -> category, in its first month: an adopted article counts once
        for key, category in counted:
            first.setdefault(key, category)
            submitted[_category(category)] += 1
        level = {key: adopted_levels[(unit.name, key)] for key in first if (unit.name, key) in adopted_levels}
        adopted.update(_category(first[key]) for key in level)
        rows.append(
            UnitRate(unit.name, unit.kind, unit.quota(period), len(counted), len(level), unit.count_months(period),
                     unit.is_quarterly, levels=dict(Counter(level.values())))
        )  # fmt: skip

    annual = period.kind == "Y"
    if annual:
        rows = [replace(r, score=assessment_score(r.completion, r.adoption, settings)) if r.quota else r for r in rows]
    rows = _ranked(rows, annual)
    groups = [_group(f"{kind}小计", kind, [r for r in rows if r.kind == kind]) for kind in units.kinds()]
    all_levels: Counter[str] = sum((Counter(r.levels) for r in rows), Counter())
    ordered_levels = {lv: all_levels[lv] for lv in (*ADOPTION_LEVELS, *sorted(all_levels)) if lv in all_levels}
    named = [(c.code, c.name, c.description) for c in CATEGORIES] + [(None, CATEGORY_OTHER, "类别未填写或无法识别的稿件")]
    categories = [CategoryCount(*c, submitted[c[1]], adopted[c[1]]) for c in named]
    present = set(period.month_keys if data_months is None else data_months)
    missing = tuple(m for m in period.month_keys if m not in present)
    rank_rule = RANK_RULE_ANNUAL if annual else RANK_RULE
    return RatesTable(period, rows, groups, _group("合计", "", rows), annual, rank_rule, ordered_levels, categories, missing)


_CATEGORY_NAMES = {c.name for c in CATEGORIES}


def _category(name: str) -> str:
    return name if name in _CATEGORY_NAMES else CATEGORY_OTHER


def _level_rank(level: str) -> int:
    return ADOPTION_LEVELS.index(level) if level in ADOPTION_LEVELS else len(ADOPTION_LEVELS)


def _ranked(rows: Sequence[UnitRate], annual: bool) -> list[UnitRate]:
    """Competition ranking (1, 2, 2, 4): one more than the number of rows ranked strictly higher. A row without a
    quota has no completion to rank by: it stays unranked and is not counted above or below the others."""

    def key(r: UnitRate) -> tuple[float, ...]:
        parts = (round(r.completion or 0.0, 9), round(r.adoption or 0.0, 9), float(r.submitted))
        return ((r.score or 0.0), *parts) if annual else parts

    keys = [key(r) for r in rows if r.quota]
    return [replace(r, rank=1 + sum(k > key(r) for k in keys)) if r.quota else r for r in rows]


def _group(label: str, kind: str, rows: Sequence[UnitRate]) -> GroupRate:
    total = (sum(r.quota for r in rows), sum(r.submitted for r in rows), sum(r.adopted for r in rows))
    return GroupRate(label, kind, len(rows), *total)


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
    late: tuple[str, ...] = ()  # what became of its files for the period kept in another month (silent_units)


def refusal_reason(finding: Finding) -> str:
    """Why a file was refused and what to do, without the file name the message starts with."""
    return finding.message.removeprefix(f"{finding.file}：")


def silent_units(
    table: RatesTable, senders: Mapping[str, Sequence[str]], refused: Mapping[str, Sequence[Finding]] | None = None,
    documents: Mapping[str, Sequence[str]] | None = None, *, waiting: bool = False, late: Mapping[str, Sequence[str]] = {},
) -> list[SilentUnit]:
    """Units that owe a quota and have no counted article (无稿件计入), each with a note on what was received from
    it and what to do; `waiting`: instead the quarterly units with nothing counted yet whose quarter is not over.
    Unit -> in its count months: `senders` the files accepted, `refused` the refusals, `documents` the article
    attachments (Word, PDF); `late`: what became of its files for the period kept in another month (sent 9 October)."""
    refused, documents = refused or {}, documents or {}
    out: list[SilentUnit] = []
    for r in table.rows:
        if r.submitted or not r.quota or table.mid_quarter(r) != waiting:
            continue
        files = tuple(senders.get(r.unit, ()))
        refusals = tuple(refused.get(r.unit, ()))
        parts = [f"《{name}》中的稿件都未计入本期（原因见“问题稿件”）" for name in files]
        parts += [f"《{f.file}》被拒收：{refusal_reason(f)}" for f in refusals]
        parts += (later := late.get(r.unit, []))  # received all the same: counted with the rest
        note = f"收到 {len(parts)} 个文件：" + "；".join(parts) if parts else "本期未收到报送文件"
        if not parts and (sent := documents.get(r.unit)):  # as status says it
            note = (f"收到 {len(sent)} 个稿件附件（{'、'.join(f'《{name}》' for name in sent)}），没有 Excel 信息报送登记表："
                    "稿件要逐条填入登记表才能计入，请提醒其报送登记表")
        if r.quarterly and table.period.kind == "M":
            note += f"（按季度考核，统计{months_span(r.months)}）"
        out.append(SilentUnit(r.unit, r.kind, r.quota, files, refusals, note, tuple(later)))
    return out


def unlisted_units(counts: Mapping[tuple[str, ...], int], units: UnitTable) -> dict[str, int]:
    """Unit → counted articles, for the units of `counts` ((unit, month, …) → articles, as Ledger.counts answers)
    that the quota table does not name: renamed, or mistyped in the table. Said, or their articles vanish."""
    names = {u.name for u in units}
    out: dict[str, int] = {}
    for (unit, *_), n in sorted(counts.items()):
        if unit not in names:
            out[unit] = out.get(unit, 0) + n
    return out


@dataclass(frozen=True)
class FindingCounts:
    """How the findings of a period add up, said the same way in the notice and in the 工作底稿."""

    errors: int  # every error: row_errors + file_errors
    row_errors: int  # errors on rows
    rows: int  # rows with at least one error: not counted (a row can carry several errors)
    file_errors: int  # errors on whole files
    files: int  # files with an error: refused
    warnings: int  # rows or files that count, with something to improve
    reasons: tuple[str, ...] = ()  # why those rows were not counted (字数不足 …), by how many rows, most first


def count_findings(findings: Iterable[Finding]) -> FindingCounts:
    findings = list(findings)
    errors = [f for f in findings if f.severity == ERROR]
    on_rows = [f for f in errors if f.row is not None]
    on_files = [f for f in errors if f.row is None]
    per_row = dict.fromkeys((f.month, f.file, f.sheet, f.row, f.rule) for f in on_rows if f.rule)  # a rule once a row
    return FindingCounts(
        errors=len(errors),
        row_errors=len(on_rows),
        rows=len({(f.month, f.file, f.sheet, f.row) for f in on_rows}),
        file_errors=len(on_files),
        files=len({(f.month, f.file) for f in on_files}),
        warnings=len(findings) - len(errors),
        reasons=tuple(rule for rule, _ in Counter(key[-1] for key in per_row).most_common()),
    )
