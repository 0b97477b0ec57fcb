"""xlflow's Python API: a workspace's numbers as pandas DataFrames, and the commands' own work as methods
(the README's "在 Python 里使用" shows each one). The numbers come from the functions the commands use, under
the workbooks' Chinese column names. Reading never writes: without a ledger the tables are empty and the rates 0."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import os
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from xlflow import settings as config
from xlflow import workspace
from xlflow.compute.adoptions import match_adoptions
from xlflow.compute.rates import compute_rates
from xlflow.core.dates import parse_date
from xlflow.core.errors import OutputError, PeriodError, WorkspaceError, XlflowError
from xlflow.core.model import (
    SEVERITY_LABEL,
    Adoption,
    Article,
    Finding,
    RunResult,
    labels_text,
    replaced_files,
)
from xlflow.core.periods import Period
from xlflow.core.units import UnitTable
from xlflow.intake.books import read_adoption_register
from xlflow.ledger import Ledger, health
from xlflow.writers.ledger_export import sort_articles
from xlflow.writers.working_papers import sort_findings

ARTICLE_COLUMNS = (
    "单位名称", "单位类别", "计入月份", "报送日期", "信息标题", "信息类别", "字数", "是否含情况分析", "审签人",
    "审签人职务", "通讯员", "报送方式", "紧急程度", "事件发生时间", "备注", "正文", "是否计入", "问题",
    "来源文件", "工作表", "行号", "文件月份", "导入时间", "文件SHA-256",
)  # fmt: skip
FINDING_COLUMNS = (
    "单位名称", "文件月份", "文件", "工作表", "行号", "列", "单元格", "信息标题", "代码", "规则", "类别", "说明",
)  # fmt: skip
UNKNOWN_UNIT = "（单位不明）"  # as the 工作底稿 writes a file whose unit is not in the quota table
DATETIME = "datetime64[us]"  # not [ns]: a year typed 6015 (counted, with a 提示) fits
ADOPTION_COLUMNS = (
    "登记表行号", "登记表工作表", "报送单位", "登记的报送单位", "信息标题", "采用单位/刊物", "采用级别", "采用日期",
    "采用形式", "领导批示", "备注", "是否对应", "计入月份", "问题", "最接近的标题",
)  # fmt: skip


class Workspace:
    """A workspace made by `xlflow init` (or `xlflow demo`). `period` is "2015-03", "2015-Q1", "2015-H1" or "2015"."""

    def __init__(self, path: str | os.PathLike[str] = ".") -> None:
        # bound to the folder it names now: a later os.chdir (%cd) does not make it read another workspace
        root = Path(os.path.abspath(os.path.expanduser(path)))
        if not root.is_dir():  # a typo: not a folder to make a workspace in
            raise WorkspaceError(_no_folder(os.fspath(path), root))
        self._ws = workspace.Workspace.open(root, python=True)  # WorkspaceError if not one

    def __repr__(self) -> str:
        return f"xlflow.Workspace({str(self.root)!r})"

    @property
    def root(self) -> Path:
        return self._ws.root

    @property
    def settings(self) -> config.Settings:
        return self._ws.settings

    def rates(self, period: str | Period) -> pd.DataFrame:
        """完成情况 of `period`, one row per unit in quota-table order: 单位名称, 单位类别, 任务数, 报送数, 完成率,
        采用数, 采用率, 排名, and for a year 考核得分. Rates are fractions (1.25 is 125 %), empty when undefined.
        A month counts a quarterly unit's quarter so far, as the bulletin does (articles(month) has the month's rows)."""
        period = self._period(period)
        units = self._ws.units()
        adoptions = self._adoption_rows(units)
        wanted = sorted(set(period.month_keys).union(*(u.count_months(period) for u in units)))
        with self._ledger() as ledger:
            counted = ledger.articles(wanted, with_body=False) if ledger else []
            titles = ledger.title_records(Period(period.year, "Y", 1).month_keys) if ledger and adoptions else []
            read = ledger.months() if ledger else []
            self._warn_unlisted(ledger, period, units)
        matched = match_adoptions(adoptions, titles, period.year, read)
        frame = compute_rates(units, period, counted, matched, self._ws.settings).to_frame()
        whole = bool((frame["任务数"] % 1 == 0).all())  # 24, not 24.0; a fractional quota (4.5) stays as it is
        rates = {"完成率": float, "采用率": float, **({"考核得分": float} if "考核得分" in frame else {})}
        # float even when all are empty (None); 排名 whole numbers, empty for a unit without quota
        return frame.astype({"任务数": int if whole else float, "排名": "Int64", **rates})

    def articles(self, period: str | Period, *, counted_only: bool = True) -> pd.DataFrame:
        """The ledger's articles counting in `period`, units in quota-table order, then by date; 来源文件, 工作表 and
        行号 say where each came from. counted_only=False adds the rows not counted of the period's files (as the
        通报 and ws.findings count them: a March file's February-dated row with an error is March's). A month gives
        that month's articles only: the month's bulletin (and rates) counts a quarterly unit's quarter so far,
        which articles of the quarter give."""
        period = self._period(period)
        with self._ledger() as ledger:
            found = ledger.articles(period.month_keys) if ledger else []
            if ledger and not counted_only:
                found += [a for a in ledger.file_articles(period.month_keys) if not a.counted]
            self._warn_unlisted(ledger, period, units := self._ws.units())
        kinds = {u.name: u.kind for u in units}
        records = [_article_record(a, kinds.get(a.unit, "")) for a in sort_articles(found, units)]
        return pd.DataFrame.from_records(records, columns=list(ARTICLE_COLUMNS)).astype(
            {"字数": "Int64", "行号": "Int64", "是否含情况分析": "boolean", "是否计入": bool,
             "报送日期": DATETIME, "事件发生时间": DATETIME, "导入时间": DATETIME}  # fmt: skip
        )

    def findings(self, period: str | Period) -> pd.DataFrame:
        """Everything the checks found in the files of `period` (refused files too): the 工作底稿's 问题稿件, in its
        order (quota-table order, then month, file, row)."""
        period = self._period(period)
        with self._ledger() as ledger:
            found = ledger.findings(period.month_keys) if ledger else []
            rows = ledger.file_articles(period.month_keys, with_body=False) if found else []
            superseded = {m: {r.name for r in ledger.files(m) if r.superseded} for m in period.month_keys} if found else {}
        titles = {(a.file_month, a.source_file, a.sheet, a.row): a.title for a in rows}
        order = {u.name: u.seq for u in self._ws.units()}
        replaced = {m: replaced_files(names, (f for f in found if f.month == m)) for m, names in superseded.items()}
        records = [_finding_record(f, titles.get((f.month, f.file, f.sheet, f.row), ""), replaced.get(f.month, set()))
                   for f in sort_findings(found, order)]  # fmt: skip
        return pd.DataFrame.from_records(records, columns=list(FINDING_COLUMNS)).astype({"行号": "Int64"})

    def adoptions(self, period: str | Period) -> pd.DataFrame:
        """The 采用登记表 rows whose article counts in `period` (a quarterly unit: its quarter so far), as the
        bulletin's 采用明细 lists them (quota-table order, then month, row), then every row that matches no article
        (是否对应 False, with 问题 and the nearest titles) in the register's order, as the 工作底稿 lists them."""
        from xlflow.commands.bulletin import dropped_titles

        period = self._period(period)
        units = self._ws.units()
        rows = self._adoption_rows(units)
        with self._ledger() as ledger:
            rows = rows if ledger else []  # no ledger (none yet, or lost): an empty table, not every row 找不到
            titles = ledger.title_records(Period(period.year, "Y", 1).month_keys) if ledger and rows else []
            read = ledger.months() if ledger else []
            dropped = dropped_titles(ledger, {a.unit_name for a in rows}) if ledger else {}
            self._warn_unlisted(ledger, period, units)
        month_of = {(a.unit, a.title_key): a.month for a in titles if a.counted}
        months = {u.name: set(u.count_months(period)) for u in units}
        order = {u.name: u.seq for u in units}
        adopted, unmatched = [], []
        for a in match_adoptions(rows, titles, period.year, read, dropped):  # as the bulletin matches them
            month = month_of.get((a.unit_name, a.title_key)) if a.matched else None
            if not a.matched:
                unmatched.append(_adoption_record(a, None))
            elif month in months.get(a.unit_name, ()):
                adopted.append((order.get(a.unit_name, 0), month, a.row, _adoption_record(a, month)))
        records = [record for *_, record in sorted(adopted, key=lambda item: item[:3])] + unmatched
        frame = pd.DataFrame.from_records(records, columns=list(ADOPTION_COLUMNS))
        return frame.astype({"登记表行号": "Int64", "是否对应": bool, "采用日期": DATETIME})

    def consolidate(
        self, month: str | Period, folder: str | os.PathLike[str] | None = None, *, recheck: bool = False
    ) -> RunResult:
        """`xlflow consolidate --month M [FOLDER] [--recheck]`: the same function, the same result (`.render()` is the
        summary the command prints, `.paths` the files written, `.exit_code` 3 when files were refused). A relative
        `folder` is in the workspace, as the command line's under `-w`."""
        from xlflow.commands.consolidate import consolidate

        period = self._period(month)
        if period.kind != "M":
            raise PeriodError(f"这里需要一个月份，如 2015-03；“{month}”是{period.label}")
        with self._hints():
            return self._hinted(consolidate(self._ws, period, self._folder(folder) if folder is not None else None,
                                          recheck=recheck))

    def _folder(self, folder: str | os.PathLike[str]) -> Path:
        """`folder` in the workspace, as `-w` reads it; one that is not there but is in the folder Python runs in
        (as this API read it before) is that one."""
        inside = self.root / folder
        return Path(os.path.abspath(folder)) if not inside.is_dir() and Path(folder).is_dir() else inside

    def bulletin(self, period: str | Period, *, date: dt.date | str | None = None) -> RunResult:
        """`xlflow bulletin --period P [--date D]`: the same function, the same result (the bulletin and reward
        workbook); `date` is the notice's 落款日期 (default today): a date (a datetime or pandas Timestamp: its
        date) or "2015-07-05"."""
        from xlflow.commands.bulletin import bulletin

        if isinstance(date, str):  # as --date reads it: 2015-07-05, 2015年7月5日, 2015/7/5
            text, date = date, parse_date(date).date
            if date is None:
                raise PeriodError(f"落款日期“{text}”看不懂：请写成 2015-07-05 或 2015年7月5日")
        elif isinstance(date, dt.datetime):  # pandas' Timestamp is one too; NaT (an empty cell's) is none
            if pd.isna(date):
                raise PeriodError("落款日期是空值（NaT）：请给一个日期，如 datetime.date(2015, 7, 5)；不给则用今天")
            date = date.date()
        elif date is not None and not isinstance(date, dt.date):
            raise PeriodError(f"落款日期“{date}”看不懂：请写成 \"2015-07-05\" 这样的文字，或 datetime.date(2015, 7, 5)")
        with self._hints():
            return self._hinted(bulletin(self._ws, self._period(period), date=date))

    def _period(self, value: str | Period) -> Period:
        """A period of the workspace's year; another year's is refused as the CLI refuses it."""
        period = value if isinstance(value, Period) else Period.parse(value)
        year = self._ws.settings.year
        if period.year != year:
            raise PeriodError(
                f"{period.key} 不在本工作区的年度内：本工作区是 {year} 年度的，"
                f"请写 {year} 年内的期间，如 {period.key.replace(str(period.year), str(year), 1)}"
            )
        return period

    @contextlib.contextmanager
    def _ledger(self) -> Iterator[Ledger | None]:
        path = self._ws.ledger_path
        if missing := health.missing_message(path):  # a used workspace's ledger gone: the empty tables say so
            warnings.warn(self._rewrite(missing), UserWarning, stacklevel=4)  # at the caller
        with self._hints(), Ledger.open(path) if path.is_file() else contextlib.nullcontext() as ledger:
            try:
                yield ledger  # never create one by reading
            except sqlite3.Error as exc:  # bit rot SQLite's checks do not see (a title's bytes, a date): as the CLI says
                raise health.ledger_error(path, exc) from exc

    def _warn_unlisted(self, ledger: Ledger | None, period: Period, units: UnitTable) -> None:
        """What `xlflow bulletin` warns of the ledger: a unit not in the quota table (renamed: its articles are not
        in the rates), R6 to be judged again (_ledger warns of a lost ledger)."""
        from xlflow.commands.status import unlisted_line
        from xlflow.compute.rates import unlisted_units

        if ledger is not None:
            unlisted = unlisted_units(ledger.counts(period.month_keys), units)
            for text in filter(None, (unlisted_line(ledger, unlisted, period.label, "通报", units), ledger.recount_pending())):
                warnings.warn(self._rewrite(text), UserWarning, stacklevel=3)  # at the caller

    def _rewrite(self, text: str) -> str:
        """`text` with its hints (`xlflow restore backup/…`) written as the command line writes them under `-w`, so
        that they work from the folder Python runs in now (the workspace may be elsewhere)."""
        root, workdir = str(self.root), workspace.from_here(self.root)
        if workdir == ".":
            return text
        from xlflow.cli import WORKSPACE_FREE, cli
        from xlflow.cli.workdir import Session

        commands = [name for name in cli.commands if name not in WORKSPACE_FREE]
        return Session(os.getcwd()).rewrite_hints(text, commands, workdir=workdir, root=root)

    @contextlib.contextmanager
    def _hints(self) -> Iterator[None]:
        """An error's hints rewritten (_rewrite)."""
        try:
            yield
        except XlflowError as exc:
            if not isinstance(exc, OutputError):  # OutputError writes its own text
                exc.args = (self._rewrite(str(exc)),)
            raise

    def _hinted(self, result: RunResult) -> RunResult:
        """`result` with the hints of its summary rewritten (_rewrite), as the command prints them."""
        return dataclasses.replace(result, lines=[*map(self._rewrite, result.lines)],
                                   warnings=[*map(self._rewrite, result.warnings)])  # fmt: skip

    def _adoption_rows(self, units: UnitTable) -> list[Adoption]:
        path = self._ws.book(self._ws.adoption_path)[0]  # saved as .xls: read
        return read_adoption_register(path, units, self._ws.settings.year, city=self._ws.settings.city) if path.is_file() else []


def _no_folder(typed: str, root: Path) -> str:
    """The folder typed is not there (or is a file): say so, and name a workspace beside it with a name like it."""
    if root.exists():
        return f"{root} 是一个文件，不是工作区目录：请写工作区所在的目录"
    near = difflib.get_close_matches(root.name, [p.name for p in workspace.contained(root.parent)], n=1)
    todo = f"是不是 {workspace.python_call(root.parent / near[0])}？" if near else "请检查目录名"
    return f"目录“{typed}”不存在（{root}）：{todo}"


def _article_record(a: Article, kind: str) -> tuple[object, ...]:
    return (
        a.unit, kind, a.month, a.date, a.title, a.category, a.chars, a.analysis, a.signer,
        a.signer_title, a.reporter, a.channel, "紧急" if a.urgent else "一般", a.event_time, a.note, a.body,
        a.counted, labels_text(a.findings),
        a.source_file, a.sheet, a.row, a.file_month, a.imported_at, a.file_sha256,
    )  # fmt: skip


def _finding_record(f: Finding, title: str, replaced: set[str]) -> tuple[object, ...]:
    rule = f.label_among(replaced).partition(" ")[2]  # 日期不在本月, 文件已被替代: as the 工作底稿 says
    return (f.unit or UNKNOWN_UNIT, f.month, f.file, f.sheet, f.row, f.column, f.cell, title, f.code, rule,
            SEVERITY_LABEL.get(f.severity, f.severity), f.message)  # fmt: skip


def _adoption_record(a: Adoption, month: str | None) -> tuple[object, ...]:
    return (
        a.row, a.sheet, a.unit_name or a.unit, a.unit, a.title, a.outlet, a.level, a.date, a.form,
        a.instruction, a.note, a.matched, month, a.problem, "；".join(a.candidates),
    )  # fmt: skip
