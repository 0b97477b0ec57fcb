"""`xlflow bulletin --period P` (and the month's bulletin `consolidate` writes): ledger, adoption register and reward
schedule → the leaders' 通报, the coordinator's 工作底稿 and the 奖励计算表. Adoptions count in the period of the article
they matched; a period not all in the ledger is reported to date. A workbook whose content changed keeps the old file
under a 旧版 name.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import hashlib
import io
import os
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from xlflow.commands.status import attachments, unlisted_line
from xlflow.compute.adoptions import PENDING, match_adoptions, note_said
from xlflow.compute.rates import achievers, compute_rates, count_findings, silent_units, unlisted_units
from xlflow.compute.rewards import EXAMPLE_SCHEDULE, RewardResult, RewardSchedule, compute_rewards
from xlflow.core.errors import ConfigError, OutputError, WorkspaceError, XlflowError
from xlflow.core.model import ERROR, Adoption, Article, Finding, RunResult
from xlflow.core.periods import Period, date_label, month_key, month_label, months_span, months_text
from xlflow.core.text import book_title, normalize_title
from xlflow.core.units import UnitTable
from xlflow.fsutil import atomic_write_bytes, read_json, write_json
from xlflow.intake.books import read_adoption_register, read_reward_schedule, read_roster
from xlflow.intake.returns_unit_month import stated_months
from xlflow.intake.versions import lost_title
from xlflow.ledger import Ledger
from xlflow.ledger.health import missing_message
from xlflow.lock import workspace_lock
from xlflow.narrative import pct
from xlflow.settings import init_command
from xlflow.workspace import Workspace
from xlflow.writers.bulletin import (
    BulletinData,
    date_text,
    narrative_context,
    render_narrative,
    to_date_note,
    write_bulletin,
)
from xlflow.writers.fingerprint import content_fingerprint, same_but_date, stored_fingerprint
from xlflow.writers.rewards import RewardData, write_reward_workbook
from xlflow.writers.working_papers import write_working_papers

UNCHANGED = "内容没有变化，保留原文件"
EARLIER = "按季度考核单位{}稿件的采用"  # in a month bulletin's 采用数 (quarter to date), paid in its own month


@dataclass
class Outcome:
    """What making a period's three workbooks did: each is written, left as it was (unchanged) or failed."""

    data: BulletinData
    rewards: RewardData
    warnings: list[str]
    paths: list[Path] = field(default_factory=list)  # written
    kept: list[Path] = field(default_factory=list)  # earlier versions renamed, not overwritten
    lines: list[str] = field(default_factory=list)  # what happened to each file
    failed: list[OutputError] = field(default_factory=list)  # could not be written (open in Excel, disk full)
    stale: list[str] = field(default_factory=list)  # other bulletins an adoption registered since changes


def bulletin_path(ws: Workspace, period: Period) -> Path:
    """out/通报_2015年03月.xlsx, out/通报_2015年第一季度.xlsx …"""
    return ws.out / f"通报_{period.file_label}.xlsx"


def bulletin(ws: Workspace, period: Period, *, now: dt.datetime | None = None, date: dt.date | None = None) -> RunResult:
    """The bulletin and reward workbook of any period, from the ledger; a summary a coordinator can act on.
    `date` is the notice's 落款日期 (default: the day it is made, `now`)."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    if not ws.ledger_path.is_file():
        month = period.month_keys[0]
        raise WorkspaceError(missing_message(ws.ledger_path) or  # a used workspace's, gone: not "not yet"
                             f"工作区 {ws.root} 还没有台账：请先汇总各单位报回的工作簿，如 xlflow consolidate --month {month}")
    again = f"xlflow bulletin --period {period.key}" + (f" --date {date:%Y-%m-%d}" if date else "")  # from Python too
    try:
        with workspace_lock(ws.lock_path):
            out = write_bulletin_and_rewards(ws, period, now=now, date=date)
    except OutputError as exc:  # open in Excel …
        exc.again = again
        raise
    ended = period.last_day + dt.timedelta(days=1)
    if date is None and bulletin_path(ws, period) in out.paths and now.date() > Period.month(ended.year, ended.month).last_day:
        out.warnings.append(f"通报的落款日期是今天（{date_text(now)}）：如要写发文的日期，请加 --date，如 --date {ended:%Y-%m-%d}")
    end = period.last_day  # a date within a period reported to date is meant; before it began, or ended, is not
    if date is not None and date < end and (date < dt.date(period.year, period.months[0], 1) or not out.data.rates.to_date):
        out.warnings.append(f"落款日期 {date_label(date)} 早于{period.label}结束（{end.month}月{end.day}日）：请核对 --date")
    if date is not None and date > end + dt.timedelta(days=366):  # a year mistyped: 2051 for 2015
        out.warnings.append(f"落款日期 {date_label(date)} 比{period.label}结束（{end.month}月{end.day}日）晚一年以上：请核对 --date（年份是否写错）")
    rates, rewards, unmatched = out.data.rates, out.rewards.result, out.data.unmatched
    total = rates.total
    for exc in out.failed:
        exc.again = again
    failed = f"：{len(out.failed)} 本未能写入（见“请注意”）" if out.failed else "已生成"
    result = RunResult(f"{period.label}通报、工作底稿和奖励计算表{failed}", paths=out.paths,
                       warnings=out.warnings + [str(exc) for exc in out.failed], exit_code=1 if out.failed else 0)  # fmt: skip
    lines, standing, to_date = result.lines, achievers(rates), to_date_note(rates)
    lines.append(f"期间：{period.label}{'' if period.kind == 'M' else f'（{months_span(period.month_keys)}）'}，{total.units} 个单位")
    if to_date:
        have = f"台账中已有{to_date['data']}的数据" if to_date["data"] else "台账中还没有本期的数据"
        lines.append(f"{have}，{to_date['missing']}尚未汇总：任务数为{to_date['whole']}任务，报送数、完成率、采用率为截至目前的累计")
    lines.append(
        f"任务 {_num(total.quota)} 篇，报送（计入）{total.submitted} 篇，完成率 {pct(total.completion)}；"
        f"采用 {total.adopted} 篇，采用率 {pct(total.adoption)}"
    )
    done = len(standing.over) + len(standing.met)
    nothing = len(out.data.silent)  # of the units short (to date: pending), as the notice and the 工作底稿 count them
    if to_date:
        lines.append(
            f"已达到{to_date['whole']}任务数 {done} 个单位，尚未达到 {len(standing.pending)} 个（{to_date['missing']}尚无数据，"
            f"不作未完成认定），其中无稿件计入 {nothing} 个"
        )
    else:
        waiting = f"，按季度考核、季度未结束尚未报满 {len(standing.pending)} 个" if standing.pending else ""
        silent = f"（其中无稿件计入 {nothing} 个）" if nothing else ""
        lines.append(f"完成任务 {done} 个单位，未完成 {len(standing.below)} 个{silent}{waiting}")
    errors = count_findings(out.data.findings)
    if errors.errors:
        lines.append(
            f"未计入稿件 {errors.rows} 篇（错误 {errors.row_errors} 条"
            + ("，一篇可能有几处错误）" if errors.row_errors > errors.rows else "）") + "，"
            f"拒收文件 {errors.files} 个：明细见工作底稿“问题稿件”"
        )
    if any(isinstance(exc, _NotMade) for exc in out.failed):
        lines.append("奖励未计算：奖励标准填错（见“请注意”）")
    else:
        earlier = sorted({art.month for _, art in out.data.adopted if art.month not in period.month_keys})
        paid = sum(1 for _, art in out.data.adopted if art.month in earlier)
        paid_there = f"；另有{EARLIER.format(months_text(earlier))} {paid} 条，奖励列在{months_text(earlier)}的奖励计算表中" if paid else ""
        lines.append(f"奖励 {len(rewards.rows)} 条，合计 {rewards.total:,.0f} 元（计奖方式：{out.rewards.schedule.policy}）{paid_there}")
    if unmatched:
        lines.append(f"未计入采用的采用登记 {len(unmatched)} 行（未计入采用数和奖励，见工作底稿“采用登记待核对”）：")
        unread: dict[tuple[str, str], list[int]] = {}  # a month not consolidated yet: one line for its rows of a sheet
        for a in unmatched:
            if a.problem.endswith(PENDING):
                unread.setdefault((a.where.rsplit("第 ", 1)[0], a.problem), []).append(a.row)
                continue
            near = "；最接近：" + " / ".join(a.candidates) if a.candidates else "" if a.title_sent else "；没有相近的标题"
            lines.append(f"  {a.where} {a.unit_name or a.unit or '（无单位）'}{book_title(a.title)}：{a.problem}{near}")
        for (sheet, problem), rows in unread.items():
            more = f" 等 {len(rows)}" if len(rows) > 5 else ""
            lines.append(f"  {sheet}第 {'、'.join(map(str, rows[:5]))}{more} 行：{problem}")
    lines.extend(out.lines)
    result.warnings += out.stale
    result.data.update({"rates": rates, "rewards": rewards, "unmatched": unmatched, "schedule": out.rewards.schedule})
    return result


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _sent_late(ledger: Ledger, count_months: dict[str, tuple[str, ...]], year: int) -> dict[str, list[str]]:
    """Unit → what became of its files whose name states months it is counted in for the period, kept in another
    month's folder: 第三季度的文件《…》10月9日报送，按报送日期计入2015年10月."""
    out: dict[str, list[str]] = {}
    for folder in ledger.months():
        by_file: dict[tuple[str, str], list[Article]] | None = None  # the folder's rows, read once when a file needs them
        for f in ledger.files(folder):
            ours = count_months.get(f.unit, (folder,))
            stated = None if f.superseded or folder in ours else stated_months(Path(f.name).stem, (year, int(folder[5:])))
            if not stated or stated[0] != year or not {month_key(year, m) for m in stated[1]} & set(ours):
                continue
            quarter = Period(year, "Q", (stated[1][0] + 2) // 3)
            what = quarter.label[5:] if stated[1] == quarter.months else months_text([month_key(year, m) for m in stated[1]])
            if by_file is None:
                by_file = {}
                for a in ledger.file_articles([folder], with_body=False):
                    by_file.setdefault((a.unit, a.source_file), []).append(a)
            rows = by_file.get((f.unit, f.name), [])
            days = "、".join(sorted({f"{a.date.month}月{a.date.day}日" for a in rows if a.date}))
            months = "、".join(month_label(m) for m in sorted({a.month for a in rows if a.counted}))
            sent = f"{days}报送，" if days else f"在{month_label(folder)}汇总，"
            counted = (f"按报送日期计入{months}" if days else f"计入{months}") if months else "其中的稿件都未计入"
            out.setdefault(f.unit, []).append(f"{what}的文件《{f.name}》{sent}{counted}")
    return out


def dropped_titles(ledger: Ledger, units: set[str]) -> dict[tuple[str, str], str]:
    """(unit, title key) → what an adoption says of an article of `units` no longer counted, as its F8 line has it:
    the file replacing (or saved over) the one it was sent in left it out, and how the unit sends it again."""
    found = ledger.findings(sorted(ledger.lost_title_months(units))) if units else []
    said: dict[tuple[str, str], str] = {}
    for f in (f for f in found if f.code == "F8" and f.column == "信息标题"):
        where, _, why = f.message.removeprefix(title := lost_title(f)).partition("不再计入：")
        said[f.unit, normalize_title(title)] = f"本单位{month_label(f.month)}报送过这篇稿件{where}，现已不再计入，不计采用：{why}"
    return said


def write_bulletin_and_rewards(
    ws: Workspace, period: Period, *, now: dt.datetime, date: dt.date | None = None
) -> Outcome:
    """Read, compute and save the bulletin, the 工作底稿 and the reward workbook of `period`, each whatever became
    of the others, the notice dated `date` (default `now`); the caller holds the workspace lock. The date is
    not content: a file the same but for its date is kept, unless a date is given and differs (then it is
    written in place)."""
    given, date = date is not None, date or now.date()
    units, settings = ws.units(), ws.settings
    warnings: list[str] = ws.book(ws.quota_path)[1] + units.notes
    adoptions, register_notes = _read_adoptions(ws, units, warnings)
    count_months = {u.name: u.count_months(period) for u in units}
    month_sets = set(count_months.values())
    # rates, adoptions and rewards need the articles of the months counted in the period; the adoptions are matched
    # against the whole year's titles only
    wanted = tuple(sorted(set(period.month_keys).union(*month_sets)))
    with Ledger.open(ws.ledger_path) as ledger:
        articles = ledger.title_records(wanted)  # no 正文 in a bulletin
        titles = ledger.title_records(Period(period.year, "Y", 1).month_keys) if adoptions else []
        dropped = dropped_titles(ledger, {a.unit_name for a in adoptions})
        findings = ledger.findings(period.month_keys)
        senders_by_months = {months: ledger.senders(months) for months in month_sets}
        refused = [f for m in wanted for f in ledger.refused(m) if f.severity == ERROR]  # not one a fixed file replaced
        late = _sent_late(ledger, count_months, period.year)
        ledger_months = set(ledger.months())
        finding_titles = _finding_titles(ledger, articles, findings, period)
        superseded = {m: {r.name for r in ledger.files(m) if r.superseded} for m in period.month_keys}
        if unlisted := unlisted_line(ledger, unlisted_units(ledger.counts(period.month_keys), units), period.label, "通报", units):
            warnings.append(unlisted)  # a renamed unit's articles: not in the bulletin
        if pending := ledger.recount_pending():
            warnings.append(pending)
    senders = {name: senders_by_months[months].get(name, []) for name, months in count_months.items()}
    refused_by_unit = {name: [f for f in refused if f.unit == name and f.month in months]
                       for name, months in count_months.items()}  # fmt: skip
    sent = attachments(ws, units, sorted(ledger_months & set(wanted)))  # Word, PDF, photos: no 登记表
    documents = {name: [d for m in months for d in sent.get((name, m), [])] for name, months in count_months.items()}
    if not ledger_months & set(period.month_keys):  # said before what the adoption register was found to lack
        warnings.insert(0, f"台账中还没有{period.label}的任何数据：通报中各单位报送数均为 0")

    matched = match_adoptions(adoptions, titles, period.year, ledger_months, dropped)
    schedule, unread = _read_schedule(ws, warnings, period)
    roster = _read_roster(ws, units, warnings)

    counted = [a for a in articles if a.counted]
    by_key = {(a.unit, a.title_key): a for a in counted}
    rates = compute_rates(units, period, counted, matched, settings, data_months=ledger_months)
    rates.issued = date  # a month bulletin dated before its quarter's end: quarterly units are not late yet
    adopted = []
    for a in matched:
        article = by_key.get((a.unit_name, a.title_key))
        if a.matched and article is not None and article.month in count_months.get(a.unit_name, ()):
            adopted.append((a, article))
    unit_order = {u.name: u.seq for u in units}
    adopted.sort(key=lambda pair: (unit_order.get(pair[1].unit, 0), pair[1].month, pair[0].row))
    unmatched = [a for a in matched if not a.matched]  # every bulletin lists them until they are put right

    period_articles = [a for a in counted if a.month in period.month_keys]
    rewards = RewardResult() if unread else compute_rewards(matched, schedule, period_articles, roster=roster, units=units)

    data = BulletinData(
        settings=settings, period=period, rates=rates, adopted=adopted, unmatched=unmatched, findings=findings,
        silent=silent_units(rates, senders, refused_by_unit, documents, late=late), unit_order=unit_order, titles=finding_titles,
        waiting=silent_units(rates, senders, refused_by_unit, documents, waiting=True), superseded=superseded,
        register_notes=register_notes,
    )  # fmt: skip
    data = dataclasses.replace(data, narrative=render_narrative(narrative_context(data, now=date), ws.narrative_dir))
    named: dict[tuple[str, str], str] = {}  # the month of the article a registration names, a counted one first
    for t in sorted(titles, key=lambda t: not t.counted):
        named.setdefault((t.unit, t.title_key), t.month)
    # a row not counted is this period's as an adoption is, by its article's month; one naming none, every period's
    ours = [a for a in unmatched if (m := named.get((a.unit_name, a.title_key))) is None
            or m in count_months.get(a.unit_name, period.month_keys)]  # fmt: skip
    reward_data = RewardData(period=period, schedule=schedule, result=rewards, unmatched=ours)
    out = Outcome(data, reward_data, warnings)
    for a, why in rewards.skipped:
        warnings.append(f"{a.where} {a.unit_name}{book_title(a.title)}：{why}")
    warnings.extend(f"{a.where} {a.unit_name}{book_title(a.title)}：{_counted_anyway(a.problem)}" for a in matched if a.matched and a.problem)
    for a, article in adopted:  # a quarterly unit's earlier month: in the 采用数 (quarter to date), paid in its month
        if article.month not in period.month_keys:
            rewards.skipped.append((a, f"{EARLIER.format(months_text([article.month]))}：计入本通报的采用数，"
                                       f"奖励列在{months_text([article.month])}的奖励计算表中"))  # fmt: skip

    writers: tuple[tuple[Path, Callable[[io.BytesIO, str], None]], ...] = (
        (bulletin_path(ws, period), lambda target, fp: write_bulletin(target, data, fingerprint=fp)),
        (ws.out / f"工作底稿_{period.file_label}.xlsx", lambda target, fp: write_working_papers(target, data, fingerprint=fp)),
        (ws.out / f"奖励计算表_{period.file_label}.xlsx", lambda target, fp: write_reward_workbook(target, reward_data, fingerprint=fp)),
    )
    if unread:  # 奖励标准 filled in wrong: the 通报 and 工作底稿 need none of it
        path = writers[-1][0]
        kept = f"；out/ 中原有的 {path.name} 未更新" if path.is_file() else ""
        out.failed.append(_NotMade(path, f"{path.name} 未生成：{unread}；改好后运行 xlflow bulletin --period {period.key}{kept}"))
        writers = writers[:-1]
    for path, write in writers:  # each one, whatever became of the one before
        try:
            line, kept = _save(path, write, date=date_text(date), redate=given)
        except OutputError as exc:
            out.failed.append(exc)
            continue
        out.paths += [] if line.endswith(UNCHANGED) else [path]
        out.kept += [kept] if kept else []
        out.lines += [line] if line else []
    written = not any(exc.path == bulletin_path(ws, period) for exc in out.failed)
    out.stale = _adoptions_since(ws, units, period, matched, titles, written=written)
    out.stale = _per_file(out.stale + basis_since(ws, units, period.year, None if unread else schedule,
                                                  made=period if written else None, save=True))  # fmt: skip
    return out


def _per_file(lines: list[str]) -> list[str]:
    """One line per bulletin out of date: the reasons (adoptions, tasks, 奖励标准 changed) of its lines joined."""
    why: dict[str, list[str]] = {}
    todo: dict[str, str] = {}
    for line in (line for line in lines if " 不是最新的：" in line):  # the others (a record not saved): after, as they are
        head, _, rest = line.partition(" 不是最新的：")
        said, _, todo[head] = rest.rpartition("；要更新，")
        why.setdefault(head, []).append(said)
    return [f"{head} 不是最新的：{'；'.join(said)}；要更新，{todo[head]}" for head, said in why.items()] + [x for x in lines if " 不是最新的：" not in x]


def _counted_anyway(problem: str) -> str:
    """A counted registration's problem as the summary says it: what to do said once, and that it counted."""
    if "照常计入" in problem:  # a 备注 naming a withdrawal without being one: says so itself
        return problem
    if "请" not in problem.rsplit("；", 1)[-1]:  # 采用日期“4月2日”没有写年份
        return f"{problem}：请在采用登记表中改正（采用已计入）"
    return f"{problem[:-1]}；采用已计入）" if problem.endswith("）") else f"{problem}（采用已计入）"


def stale_bulletins(
    ws: Workspace, units: UnitTable, made: Period, before: Counter[tuple[str, str, str]],
    after: Counter[tuple[str, str, str]], why: str, since: dict[str, Counter[tuple[str, str, str]]] | None = None,
) -> list[str]:  # fmt: skip
    """A line for each bulletin in out/, other than `made`'s (being written), of a period counting a month whose
    tallies (unit, month, what) changed (`why` says how, {} the months) from `before`, or from those it was written
    from (`since`, by period key): it is named, not rewritten, as a leader may hold the printed one."""
    lines = []
    for period in periods(made.year):
        path, old = bulletin_path(ws, period), (since or {}).get(period.key, before)
        if period == made or not path.is_file():
            continue
        changed = {(unit, m) for unit, m, what in old.keys() | after.keys() if old[unit, m, what] != after[unit, m, what]}
        counted = {u.name: u.count_months(period) for u in units}  # a quarterly unit's month: quarter to date
        if hit := sorted({m for unit, m in changed if m in counted.get(unit, period.month_keys)}):
            lines.append(f"已有的 {path.name} 不是最新的：{why.format(months_span(hit))}；"
                         f"要更新，请运行 xlflow bulletin --period {period.key}")  # fmt: skip
    return lines


def basis_since(ws: Workspace, units: UnitTable, year: int, schedule: RewardSchedule | None, *, made: Period | None = None,
                within: str = "", save: bool = False, tallies: Counter[tuple[str, str, str]] | None = None) -> list[str]:  # fmt: skip
    """A line for each bulletin in out/ (of a period holding month `within`) written with other tasks of a unit,
    another reward schedule (None: not compared, nor recorded: status, or a 奖励标准 that could not be read, its
    奖励计算表 not made) or other ledger tallies (consolidate's, by default the ledger's now) than now. Each
    bulletin's basis is recorded when it is `made` (or `save`: the tasks and tallies only, the schedule None); one
    written before any was recorded is taken as it is now."""
    path, lines = ws.adoption_record_path.with_name(".xlflow-basis.json"), []
    record, kept = read_json(path), {}
    written = any(bulletin_path(ws, p).is_file() for p in periods(year))  # none in out/: nothing to compare
    if tallies is None and written and ws.ledger_path.is_file():  # none: a lost ledger is said elsewhere, not compared
        from xlflow.commands.consolidate import ledger_tallies  # consolidate imports this module
        with Ledger.open(ws.ledger_path) as ledger:
            tallies = ledger_tallies(ledger, Period(year, "Y", 1))
    for period in periods(year):
        if not bulletin_path(ws, period).is_file():
            continue
        tasks = {u.name: repr((u.kind, u.quota(period), u.is_quarterly)) for u in units}
        money = schedule and hashlib.sha256(repr(
            (sorted(schedule.amounts.items()), sorted(schedule.bonus.items()), schedule.policy)).encode()).hexdigest()[:16]
        prev = record.get(period.key) if isinstance(record.get(period.key), dict) else {}
        old = prev if period != made else {}
        then = old["任务"] if isinstance(old.get("任务"), dict) else tasks  # a damaged record: as it is now
        data = _digests(tallies, units, period) if tallies is not None else None
        basis = old["数据"] if isinstance(old.get("数据"), dict) else prev.get("数据") if data is None else data  # as now
        kept[period.key] = {"任务": then, "奖励标准": (old.get("奖励标准") or money) if money else prev.get("奖励标准"), "数据": basis}
        changed = [n for n in tasks if n in then and tasks[n] != then[n]]
        regrouped = [n for n in changed if _kind_only(tasks[n], then[n])]  # its 单位类别 alone: not its task
        changed = [n for n in changed if n not in regrouped]
        added, gone = [n for n in tasks if n not in then], [n for n in then if n not in tasks]
        moved = {was: unit.name for was in gone if (unit := units.resolve(was)) and unit.name in added}  # was: an alias now
        fresh, lost = [n for n in added if n not in moved.values()], [n for n in gone if n not in moved]
        names = [f"{was}改名为{now}" for was, now in moved.items()][:3] + ([f"等 {len(moved)} 个单位改名"] if len(moved) > 3 else [])
        names += [f"{what}{_few(them)}" for what, them in (("新增", fresh), ("没有了", lost)) if them]
        update = "单位名单、任务数和完成率" if fresh or lost else "单位名称"  # a unit added or gone changes the totals
        hit = sorted(m for m in basis.keys() | data.keys() if basis.get(m) != data.get(m)) if data is not None else []
        why = [f"通报写出后的汇总改变了{months_span(hit)}的数据"] if hit else []
        why += [f"任务分配表中的单位有变化：{'，'.join(names)}（通报中的{update}要更新）"] if names else []
        why += [f"任务分配表中{_few(changed)}的任务有变化"
                f"（任务数、完成率要更新{'；回执中的任务数在重新汇总该月时更新' if period.kind == 'M' else ''}）"] if changed else []  # fmt: skip
        why += [f"任务分配表中{_few(regrouped)}的单位类别有变化（完成情况的分组和小计要更新）"] if regrouped else []
        why += ["奖励标准有变化（奖励计算表要更新）"] if money and kept[period.key]["奖励标准"] not in (None, money) else []
        if why and (not within or within in period.month_keys):
            lines.append(f"已有的 {bulletin_path(ws, period).name} 不是最新的：{'；'.join(why)}；要更新，请运行 xlflow bulletin --period {period.key}")
    if (schedule is not None or save) and kept != record:
        try:
            write_json(path, kept)
        except OutputError as exc:  # not recorded: the bulletins are compared with the older record
            lines.append(f"{exc}（没有记下刚写出的通报所依据的任务和奖励标准：在此之前，以后的命令可能把它说成“不是最新的”）")
    return lines


def _digests(tallies: Counter[tuple[str, str, str]], units: UnitTable, period: Period) -> dict[str, str]:
    """Month → a digest of what `period`'s 通报 counts in it (a quarterly unit's earlier months too), by the unit's
    place in the quota table (a rename is said as one) and 信息类别, not title (adoptions are _adoptions_since's)."""
    counted, rows = {u.name: u.count_months(period) for u in units}, {}
    for (name, m, what), n in tallies.items():  # a name the ledger still holds (not consolidated since): its alias
        if m in counted.get(name, period.month_keys):
            rows.setdefault(m, Counter())[str(u.seq if (u := units.resolve(name)) else name), what.split(" ", 1)[0]] += n
    return {m: hashlib.sha256(repr(sorted(them.items())).encode()).hexdigest()[:12] for m, them in rows.items()}


def _kind_only(now: str, then: str) -> bool:
    """Whether two recorded tasks (basis_since: repr of (单位类别, 任务数, quarterly)) differ by the 单位类别 alone."""
    try:
        new, old = ast.literal_eval(now), ast.literal_eval(then)
    except (ValueError, SyntaxError):  # an older or damaged record: a task change, as before
        return False
    return isinstance(new, tuple) and isinstance(old, tuple) and len(new) == len(old) == 3 and new[1:] == old[1:]


def _few(names: list[str]) -> str:
    """岳阳县工信局、平江县工信局, or the first three and 等 5 个单位."""
    return "、".join(names[:3]) + (f"等 {len(names)} 个单位" if len(names) > 3 else "")


def periods(year: int) -> list[Period]:
    return [Period(year, kind, i) for kind, n in (("M", 12), ("Q", 4), ("H", 2), ("Y", 1)) for i in range(1, n + 1)]


def _adoptions_since(
    ws: Workspace, units: UnitTable, period: Period, matched: list[Adoption], titles: list[Article], *, written: bool
) -> list[str]:
    """The bulletins in out/ that an adoption registered (or changed) since each was written makes out of date, until
    it is written again: an adoption counts in its article's month, so a June article adopted in July changes the
    first half's bulletin. The record keeps, per bulletin, the adoptions it was written from (`written`: this one).
    An adoption whose row is as it was but whose article no longer counts (a 更正 left it out) is said as such."""
    month_of = {(a.unit, a.title_key): a.month for a in titles if a.counted}

    def digest(a: Adoption, problem: str) -> str:
        text = repr((a.title, a.outlet, a.level, a.date, a.form, a.instruction, a.note, problem))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def was(a: Adoption) -> set[str]:  # the row as recorded while its article counted: the reader's warnings, a 备注's
        parts = a.problem.split("；") if a.problem else []
        return {digest(a, "；".join(filter(None, ("；".join(parts[:i]), said)))) for i in range(len(parts) + 1)
                for said in ("", note_said(a.note))}  # fmt: skip

    after = Counter((a.unit_name, month_of[a.unit_name, a.title_key], digest(a, a.problem))
                    for a in matched if (a.unit_name, a.title_key) in month_of)  # fmt: skip
    ghosts = {(a.unit_name, d) for a in matched if (a.unit_name, a.title_key) not in month_of for d in was(a)}
    record, path = read_json(ws.adoption_record_path), ws.adoption_record_path
    states: dict[str, list[list[str]]] = record.get("states", {})
    rows = [list(row) for row in sorted(after.elements())]
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    states[digest] = rows
    if "adoptions" in record:  # an older record: the adoptions as last read, for every bulletin then in out/
        states["before"] = record["adoptions"]
    kept = {p.key: record.get("bulletins", {}).get(p.key, "before" if "adoptions" in record else digest)
            for p in periods(period.year) if bulletin_path(ws, p).is_file()}  # fmt: skip
    kept.update({period.key: digest} if written else {})
    since = {key: Counter(tuple(row) for row in states[d]) for key, d in kept.items() if d != digest and d in states}
    try:
        write_json(path, {"bulletins": kept, "states": {d: states[d] for d in set(kept.values()) if d in states}})
        unsaved = []
    except OutputError as exc:  # not recorded: the next run compares with the older record
        unsaved = [f"{exc}（没有记下刚写出的通报所依据的采用登记：在此之前，以后的命令可能把它说成“不是最新的”）"]
    gone = {key: Counter({row: n for row, n in old.items() if (row[0], row[2]) in ghosts}) for key, old in since.items()}
    lines = stale_bulletins(ws, units, period, after, after, "采用登记表中{}稿件的采用有变化（通报和奖励计算表都要更新）",
                            {key: old - gone[key] for key, old in since.items()})  # fmt: skip
    for key, rows in ((key, rows) for key, rows in gone.items() if rows):  # rows as they were, their articles not counted now
        whose = "、".join(dict.fromkeys(unit for unit, _, _ in rows))
        lines += stale_bulletins(ws, units, period, after, after, f"{whose}{{}}的稿件重新汇总后，有登记了采用的稿件不再计入"
                                 "（通报和奖励计算表都要更新）", {key: after + rows})  # fmt: skip
    return lines + unsaved


def _finding_titles(
    ledger: Ledger, articles: list[Article], findings: list[Finding], period: Period
) -> dict[tuple[str, str, str, int], str]:
    """(file month, file, sheet, row) → 信息标题 of each row with a finding, so the 工作底稿 can name the article."""
    titles = {(a.file_month, a.source_file, a.sheet, a.row): a.title for a in articles}
    wanted = {(f.month, f.file, f.sheet, f.row) for f in findings if f.row is not None}
    if not wanted <= titles.keys():  # a row counted in a month outside the bulletin's (its date's month)
        rows = ledger.file_articles(period.month_keys, with_body=False)
        titles.update({(a.file_month, a.source_file, a.sheet, a.row): a.title for a in rows})
    return {key: titles[key] for key in wanted if key in titles}


def _missing_book(ws: Workspace, what: str, path: Path, meanwhile: str, rebuild: str) -> str:
    return (
        f"找不到{what} {path.name}：{meanwhile}。如是误删，请从 backup/ 或回收站找回；要{rebuild}，"
        f"可运行 {init_command(ws.root, ws.settings.year)}（只补建缺少的表，其余文件不动）"
    )


def _read_adoptions(ws: Workspace, units: UnitTable, warnings: list[str]) -> tuple[list[Adoption], list[str]]:
    """The register's rows, and what its reader said of sheets, rows and columns not read (the 工作底稿 lists them)."""
    path, notes = ws.book(ws.adoption_path)
    if not path.is_file():
        warnings.append(_missing_book(ws, "采用登记表", path, "采用数按 0 计", "重建空表"))
        return [], []
    warnings += notes
    said: list[str] = []
    adoptions = read_adoption_register(path, units, ws.settings.year, said, ws.settings.city)
    warnings += said
    return adoptions, said


def _read_schedule(ws: Workspace, warnings: list[str], period: Period) -> tuple[RewardSchedule, str]:
    """The schedule, and why it could not be read ("": it was; the 奖励计算表 is not made then)."""
    default, (path, notes) = ws.settings.reward_policy, ws.book(ws.reward_schedule_path)
    if not path.is_file():
        warnings.append(_missing_book(ws, "奖励标准", path, "奖励按示例金额计算", "重建"))
        return dataclasses.replace(EXAMPLE_SCHEDULE, policy=default), ""
    warnings.extend(notes)
    try:
        schedule = read_reward_schedule(path, default_policy=default)
    except ConfigError as exc:
        return dataclasses.replace(EXAMPLE_SCHEDULE, policy=default), str(exc)
    warnings.extend(schedule.problems)
    if schedule.example:
        warnings.append(f"{path.name} 中仍是示例金额：请按奖励办法修改金额后重新运行 xlflow bulletin --period {period.key}")
    return schedule, ""


class _NotMade(OutputError):
    """A workbook not made for a reason of its content, not of the disk (奖励标准 filled in wrong): said as `why`."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(path, OSError(why))
        self.why = why

    def __str__(self) -> str:
        return ("台账已更新，但" if self.ledger_updated else "") + self.why  # consolidate's


def _read_roster(ws: Workspace, units: UnitTable, warnings: list[str]) -> dict[str, str]:
    path, notes = ws.book(ws.roster_path)  # saved as .xls: read
    if not path.is_file():
        return {}
    warnings += notes
    try:
        return read_roster(path, units)
    except XlflowError as exc:
        warnings.append(f"通讯员名册未能读取（{exc}）：未填通讯员的稿件按“未填通讯员”汇总")
        return {}


# --- saving without losing an earlier version ------------------------------------------------------


def kept_name(path: Path) -> Path:
    """通报_2015年上半年（旧版 2015-07-03 10.15）.xlsx, from the old file's modification time; never an existing name."""
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H.%M")
    candidate, n = path.with_name(f"{path.stem}（旧版 {stamp}）{path.suffix}"), 2
    while candidate.exists():
        candidate, n = path.with_name(f"{path.stem}（旧版 {stamp} 之{n}）{path.suffix}"), n + 1
    return candidate


def _save(path: Path, write: Callable[[io.BytesIO, str], None], *, date: str, redate: bool) -> tuple[str, Path | None]:
    """Write the workbook to `path` unless the file there shows the same (its `date`, as written, aside); keep a
    different old file under kept_name(). Only the date differing, a date given (`redate`) is written over the old
    file, which shows nothing else. Returns the summary line ("" for a first write) and the kept file.
    The new workbook is on disk beside `path` before the old one moves aside: a full disk or Ctrl+C on the way
    leaves the old file where it was."""

    def render(fingerprint: str) -> bytes:
        buffer = io.BytesIO()
        write(buffer, fingerprint)
        return buffer.getvalue()

    fingerprint = content_fingerprint(render(""), masked=(date,))
    same, redated, edited, new = path.is_file() and stored_fingerprint(path) == fingerprint, False, False, b""
    if same and redate:  # another date given, nothing else new: the old file is not worth keeping, unless edited
        with suppress(OSError):
            disk = path.read_bytes()
            redated = content_fingerprint(disk) != content_fingerprint(new := render(fingerprint))
            edited = redated and not same_but_date(disk, new, date)  # its text changed by hand, saved in Excel
    if same and not redated:
        return f"{path.name} {UNCHANGED}", None
    # only a file is an old version: a folder of that name is refused by os.replace below (EISDIR)
    old = kept_name(path) if path.is_file() and (edited or not redated) else None
    staged = path.with_name(f".~xlflow-{path.name}")
    try:
        atomic_write_bytes(staged, new or render(fingerprint))
        if old is not None:
            path.rename(old)  # open in Excel on Windows: refused, and the new workbook cannot take its place either
        os.replace(staged, path)
    except BaseException as exc:
        with suppress(OSError, KeyboardInterrupt):  # Ctrl-C again: the first stop (or failure) stands
            staged.unlink(missing_ok=True)
            if old is not None and old.exists() and not path.exists():
                old.rename(path)
        lost = f"{path.name} 已不在原处，原来的文件现在是 {old.name}" if old and old.exists() and not path.exists() else ""  # not put back
        cause = exc.cause if isinstance(exc, OutputError) else exc
        if isinstance(cause, OSError):
            raise OutputError(path, cause, note=f"；{lost}" if lost else "") from exc
        exc.done = lost or getattr(exc, "done", "")  # type: ignore[attr-defined]  # where the old file is: on the Ctrl-C line
        raise
    if redated:
        kept = f"；原文件改动过（另存过），已改名保留为 {old.name}" if old else ""
        return f"{path.name} 内容没有变化，落款日期改为 {date}{kept}", old
    return (f"{path.name} 内容有变化：旧文件已改名保留为 {old.name}" if old else ""), old
