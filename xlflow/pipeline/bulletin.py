"""`xlflow bulletin --period P` (and the month's bulletin that `consolidate` writes): ledger + adoption register +
reward schedule → rates, rewards → the 通报 and 奖励计算表 workbooks in out/.

Adoptions belong to the period of the article they were matched to (the month it counts in), so the adoption rate
and the rewards of a period always refer to the same articles. A previous bulletin is never silently overwritten:
when its content would change, the old file is kept under a name that says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..adoptions import match_adoptions, read_adoption_register, read_reward_schedule
from ..config import Workspace
from ..errors import WorkspaceError, XlflowError
from ..fingerprint import fingerprint as content_fingerprint
from ..fingerprint import source_digest
from ..fsutil import atomic_write_bytes
from ..ledger import Ledger
from ..lock import workspace_lock
from ..metrics import RatesTable, compute_rates, months_span, silent_units
from ..model import Adoption, RunResult
from ..periods import Period
from ..rewards import EXAMPLE_SCHEDULE, RewardResult, RewardSchedule, compute_rewards
from ..units import UnitTable
from ..writers import base as writers_base
from ..writers import bulletin as writers_bulletin
from ..writers import rewards as writers_rewards
from ..writers.bulletin import (
    FINGERPRINT_PROPERTY,
    BulletinData,
    narrative_context,
    render_narrative,
    write_bulletin,
)
from ..writers.rewards import RewardData, write_reward_workbook


def bulletin_path(ws: Workspace, period: Period) -> Path:
    return ws.out / f"通报_{period.file_label}.xlsx"


def reward_path(ws: Workspace, period: Period) -> Path:
    return ws.out / f"奖励计算表_{period.file_label}.xlsx"


@dataclass
class _Outcome:
    rates: RatesTable
    rewards: RewardResult
    schedule: RewardSchedule
    unmatched: list[Adoption]
    paths: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # earlier versions renamed, not overwritten
    lines: list[str] = field(default_factory=list)  # what happened to each file
    warnings: list[str] = field(default_factory=list)
    adopted_rows: int = 0


def write_bulletin_and_rewards(ws: Workspace, period: Period, *, now: dt.datetime) -> list[Path]:
    """Write the bulletin and the reward workbook of `period`: the paths written (or left as they were), then the
    earlier versions kept under a 旧版 name, so that a caller listing the paths never hides a renamed file."""
    out = _produce(ws, period, now=now)
    return [*out.paths, *out.kept]


def bulletin(ws: Workspace, period: Period, *, now: dt.datetime | None = None) -> RunResult:
    """The bulletin and reward workbook of any period, from the ledger; a summary a coordinator can act on."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    if not ws.ledger_path.is_file():
        raise WorkspaceError(f"工作区 {ws.root} 还没有台账：请先用 xlflow consolidate --month 月份 汇总各单位报回的工作簿")
    out = _produce(ws, period, now=now)
    rates, total = out.rates, out.rates.total
    result = RunResult(title=f"{period.label}通报和奖励计算表已生成")
    below = [r for r in rates.rows if r.below_quota]
    result.lines.append(f"期间：{period.label}（{months_span(period.month_keys)}），{total.units} 个单位")
    result.lines.append(
        f"任务 {_num(total.quota)} 篇，报送（计入）{total.submitted} 篇，完成率 {_pct(total.completion)}；"
        f"采用 {total.adopted} 篇，采用率 {_pct(total.adoption)}"
    )
    result.lines.append(
        f"完成任务 {len(rates.rows) - len(below)} 个单位，未完成 {len(below)} 个，"
        f"其中无稿件计入 {sum(1 for r in rates.rows if not r.submitted and r.quota)} 个"
    )
    result.lines.append(
        f"奖励 {len(out.rewards.rows)} 条，合计 {out.rewards.total:,.0f} 元（计奖方式：{out.schedule.policy}）"
    )
    if out.unmatched:
        result.lines.append(f"未能对应到已报送稿件的采用登记 {len(out.unmatched)} 行（未计入采用数和奖励）：")
        for a in out.unmatched:
            near = "；最接近：" + " / ".join(a.candidates) if a.candidates else "；没有相近的标题"
            result.lines.append(f"  采用登记表第 {a.row} 行 {a.unit_name or a.unit or '（无单位）'}《{a.title}》：{a.problem}{near}")
    result.lines.extend(out.lines)
    result.warnings.extend(out.warnings)
    result.paths = out.paths
    result.data.update({"rates": rates, "rewards": out.rewards, "unmatched": out.unmatched, "schedule": out.schedule})
    return result


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _produce(ws: Workspace, period: Period, *, now: dt.datetime) -> _Outcome:
    with workspace_lock(ws.lock_path):
        return _produce_locked(ws, period, now=now)


def _produce_locked(ws: Workspace, period: Period, *, now: dt.datetime) -> _Outcome:
    units = ws.units()
    settings = ws.settings
    year = Period(period.year, "Y", 1)
    adoption_warnings: list[str] = []
    adoptions = _read_adoptions(ws, units, adoption_warnings)
    month_sets = {u.count_months(period) for u in units}
    # the rates, the adopted articles and the rewards need the articles of the months counted in the period; the
    # adoptions are matched against the whole year, by title records only (a monthly bulletin in December then
    # builds one month of a province's articles, not twelve)
    wanted = tuple(sorted(set(period.month_keys).union(*month_sets)))
    with Ledger.open(ws.ledger_path) as ledger:
        articles = ledger.articles(wanted, counted_only=False, with_body=False)  # no 正文 in a bulletin
        titles = ledger.title_records(year.month_keys) if adoptions else []
        findings = ledger.findings(period.month_keys)
        senders_by_months = {months: ledger.senders(months) for months in month_sets}
        ledger_months = set(ledger.months())
    senders = {u.name: senders_by_months[u.count_months(period)].get(u.name, []) for u in units}
    warnings: list[str] = []
    if not ledger_months & set(period.month_keys):
        warnings.append(f"台账中还没有{period.label}的任何数据：通报中各单位报送数均为 0")
    warnings += adoption_warnings

    matched = match_adoptions(adoptions, titles)
    schedule = _read_schedule(ws, warnings)
    roster = _read_roster(ws, warnings)

    counted = [a for a in articles if a.counted]
    by_key = {(a.unit, a.title_key): a for a in counted}
    rates = compute_rates(units, period, counted, matched, settings)
    count_months = {u.name: set(u.count_months(period)) for u in units}
    adopted = [
        (a, by_key[(a.unit_name, a.title_key)])
        for a in matched
        if a.matched
        and (a.unit_name, a.title_key) in by_key
        and by_key[(a.unit_name, a.title_key)].month in count_months.get(a.unit_name, ())
    ]
    unit_order = {u.name: u.seq for u in units}
    adopted.sort(key=lambda pair: (unit_order.get(pair[1].unit, 0), pair[1].month, pair[0].row))
    unmatched = [a for a in matched if not a.matched]  # every bulletin lists them until they are put right

    period_articles = [a for a in counted if period.contains(a.month)]
    rewards = compute_rewards(matched, schedule, period_articles, roster=roster, units=units)

    data = BulletinData(
        settings=settings,
        period=period,
        rates=rates,
        adopted=adopted,
        unmatched=unmatched,
        findings=findings,
        silent=silent_units(rates, senders),
        unit_order=unit_order,
    )
    out = _Outcome(rates=rates, rewards=rewards, schedule=schedule, unmatched=unmatched, warnings=warnings)
    out.adopted_rows = len(adopted)

    def bulletin_bytes(fingerprint: str) -> bytes:
        narrative = render_narrative(narrative_context(data, now=now), ws.narrative_dir)
        buffer = io.BytesIO()
        write_bulletin(buffer, dataclasses.replace(data, narrative=narrative), fingerprint=fingerprint)
        return buffer.getvalue()

    reward_data = RewardData(period=period, schedule=schedule, result=rewards, unmatched=unmatched, office=settings.office)

    def reward_bytes(fingerprint: str) -> bytes:
        buffer = io.BytesIO()
        write_reward_workbook(buffer, reward_data, fingerprint=fingerprint)
        return buffer.getvalue()

    for a, why in rewards.skipped:
        warnings.append(f"采用登记表第 {a.row} 行 {a.unit_name}《{a.title}》：{why}")
    # what each workbook shows apart from its date, hashed from the data (one rendering, not two): the writers' code,
    # the data, and for the bulletin the narrative as the template renders it without a date
    code = source_digest(writers_base, writers_bulletin, writers_rewards)
    undated = render_narrative(narrative_context(data, now=None), ws.narrative_dir)
    for path, fingerprint, render in (
        (bulletin_path(ws, period), content_fingerprint("通报", __version__, code, data, undated), bulletin_bytes),
        (reward_path(ws, period), content_fingerprint("奖励计算表", __version__, code, reward_data), reward_bytes),
    ):
        line, kept = _save(path, lambda fp=fingerprint, render=render: render(fp), fingerprint)
        out.paths.append(path)
        if kept is not None:
            out.kept.append(kept)
        if line:
            out.lines.append(line)
    return out


def _read_adoptions(ws: Workspace, units: UnitTable, warnings: list[str]) -> list[Adoption]:
    if not ws.adoption_path.is_file():
        warnings.append(f"找不到采用登记表 {ws.adoption_path.name}：采用数按 0 计。可用 xlflow init --force 重新生成空表")
        return []
    return read_adoption_register(ws.adoption_path, units)


def _read_schedule(ws: Workspace, warnings: list[str]) -> RewardSchedule:
    default = ws.settings.reward_policy
    if not ws.reward_schedule_path.is_file():
        warnings.append(f"找不到奖励标准 {ws.reward_schedule_path.name}：奖励按示例金额计算。可用 xlflow init --force 重新生成")
        return dataclasses.replace(EXAMPLE_SCHEDULE, policy=default)
    schedule = read_reward_schedule(ws.reward_schedule_path, default_policy=default)
    warnings.extend(schedule.problems)
    if schedule.example:
        warnings.append(f"{ws.reward_schedule_path.name} 中仍是示例金额：请按奖励办法修改金额后重新运行 xlflow bulletin")
    return schedule


def _read_roster(ws: Workspace, warnings: list[str]) -> dict[str, str]:
    if not ws.roster_path.is_file():
        return {}
    from ..roster import read_roster

    try:
        return read_roster(ws.roster_path)
    except XlflowError as exc:
        warnings.append(f"通讯员名册未能读取（{exc}）：未填通讯员的稿件按“未填通讯员”汇总")
        return {}


# --- saving without losing an earlier version ------------------------------------------------------


def _old_fingerprint(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("docProps/custom.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    match = re.search(rf'name="{FINGERPRINT_PROPERTY}"[^>]*>\s*<vt:lpwstr>([0-9a-f]+)</vt:lpwstr>', xml)
    return match.group(1) if match else None


def kept_name(path: Path) -> Path:
    """通报_2015年上半年（旧版 2015-07-03 10.15）.xlsx, from the old file's modification time; never an existing name."""
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H.%M")
    candidate = path.with_name(f"{path.stem}（旧版 {stamp}）{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}（旧版 {stamp} 之{n}）{path.suffix}")
        n += 1
    return candidate


def _save(path: Path, render: Callable[[], bytes], fingerprint: str) -> tuple[str, Path | None]:
    """Write `path` unless it already holds the same content; keep a different old file under kept_name().

    Returns the summary line ("" for a plain first write) and the kept old file, if any.
    """
    if path.exists():
        if _old_fingerprint(path) == fingerprint:
            return f"{path.name} 内容没有变化，保留原文件", None
        old = kept_name(path)
        try:
            path.rename(old)
        except OSError as exc:
            raise WorkspaceError(f"{path} 无法改名保留（{exc}）：如果它正在 Excel 或 WPS 中打开，请关闭后重新运行") from exc
        try:
            atomic_write_bytes(path, render())
        except OSError as exc:
            raise WorkspaceError(f"无法写入 {path}（{exc}）：请检查磁盘空间和文件夹权限后重新运行") from exc
        return f"{path.name} 内容有变化：旧文件已改名保留为 {old.name}", old
    try:
        atomic_write_bytes(path, render())
    except OSError as exc:
        raise WorkspaceError(f"无法写入 {path}（{exc}）：请检查磁盘空间和文件夹权限后重新运行") from exc
    return "", None
