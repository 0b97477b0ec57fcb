"""`xlflow status`: who has sent, who has not, what failed — a table for the terminal; `--remind` drafts 催报 notices."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ..config import Workspace
from ..errors import ConfigError
from ..fsutil import atomic_write_bytes
from ..ledger import Ledger
from ..model import ERROR, WARNING, RunResult
from ..periods import Period
from ..units import Unit, UnitTable
from ..writers.base import display_width
from ..writers.receipt import QuotaProgress
from .consolidate import counted_by_month, number, unit_progress

REMIND_TEMPLATE = "催报.txt.j2"


@dataclass(frozen=True)
class _UnitStatus:
    unit: Unit
    files: list[str]
    refused: int
    counted: int
    errors: int
    warnings: int
    progress: QuotaProgress
    rejected: int

    @property
    def missing(self) -> bool:
        """Sent nothing this month (a quarterly unit whose quarter is already done is not chased)."""
        return not self.files and not (self.unit.is_quarterly and not self.behind)

    @property
    def behind(self) -> bool:
        """Fewer counted articles than the quota (quarter-to-date for a quarterly unit)."""
        return self.progress.counted < self.progress.quota


def _pad(text: object, width: int, *, right: bool = False) -> str:
    s = str(text)
    gap = " " * max(0, width - display_width(s))
    return gap + s if right else s + gap


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int]) -> list[str]:
    widths = [max(display_width(h), *(display_width(r[i]) for r in rows)) for i, h in enumerate(headers)]
    out = ["  ".join(_pad(h, widths[i], right=i in numeric) for i, h in enumerate(headers)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for row in rows:
        out.append("  ".join(_pad(v, widths[i], right=i in numeric) for i, v in enumerate(row)).rstrip())
    return out


def _statuses(ledger: Ledger, units: UnitTable, month: Period) -> list[_UnitStatus]:
    counted = counted_by_month(ledger, month)
    senders = ledger.senders([month.key])
    findings = ledger.findings([month.key])
    refused = Counter(f.unit for f in ledger.refused(month.key))
    rejected = Counter(a.unit for a in ledger.file_articles([month.key], with_body=False) if not a.counted)
    errors = Counter(f.unit for f in findings if f.severity == ERROR)
    warnings = Counter(f.unit for f in findings if f.severity == WARNING)
    return [
        _UnitStatus(
            unit=u,
            files=senders.get(u.name, []),
            refused=refused[u.name],
            counted=counted.get((u.name, month.key), 0),
            errors=errors[u.name],
            warnings=warnings[u.name],
            progress=unit_progress(u, month, counted),
            rejected=rejected[u.name],
        )
        for u in units
    ]


def status(ws: Workspace, month: Period, *, remind: bool = False) -> RunResult:
    """Who has sent, who has not, what failed — a table for the terminal; with `remind`, 催报 notices."""
    units = ws.units()
    if not ws.ledger_path.is_file():
        rows: list[_UnitStatus] = []
        imported = False
    else:
        with Ledger.open(ws.ledger_path) as ledger:
            rows = _statuses(ledger, units, month)
            imported = bool(ledger.imports(month.key))
    result = RunResult(title=f"{month.label}报送情况")
    if not imported:
        result.lines.append(f"台账中还没有{month.label}的汇总：请先运行 xlflow consolidate --month {month.key}")
        rows = rows or [
            _UnitStatus(u, [], 0, 0, 0, 0, unit_progress(u, month, {}), 0) for u in units
        ]
    headers = ("序号", "单位", "文件", "本月计入", "错误", "提示", "任务", "完成")
    table_rows: list[list[object]] = []
    for s in rows:
        p = s.progress
        quota = f"{p.counted}/{number(p.quota)}" + ("（季度累计）" if s.unit.is_quarterly else "")
        if s.missing:
            done = "未报送"
        elif not s.behind:
            done = "本季度已完成" if s.unit.is_quarterly and not s.files else "已完成"
        else:
            done = f"差 {p.shortfall} 条"
        files = str(len(s.files)) + (f"（拒收 {s.refused}）" if s.refused else "")
        table_rows.append([s.unit.seq, s.unit.name, files, s.counted, s.errors, s.warnings, quota, done])
    result.lines.extend(_table(headers, table_rows, numeric={0, 3, 4, 5}))
    missing = [s.unit.name for s in rows if s.missing]
    behind = [s.unit.name for s in rows if not s.missing and s.behind]
    result.lines.append("")
    result.lines.append(f"已报送 {len(rows) - len(missing)}/{len(rows)} 个单位，计入 {sum(s.counted for s in rows)} 条")
    result.lines.append(f"未报送单位（{len(missing)} 个）：" + ("、".join(missing) if missing else "无"))
    if behind:
        result.lines.append(f"未完成任务的单位（{len(behind)} 个）：" + "、".join(behind))
    result.data.update(
        {
            "rows": {s.unit.name: {"files": len(s.files), "counted": s.counted, "errors": s.errors,
                                   "warnings": s.warnings, "quota": s.progress.quota,
                                   "period_counted": s.progress.counted} for s in rows},
            "missing": missing,
            "behind": behind,
        }
    )  # fmt: skip
    if remind:
        due = [s for s in rows if s.behind and s.unit.name != ws.settings.coordinator]  # not the office itself
        notices = _reminders(ws, month, due)
        path = ws.out / "催报" / f"催报_{month.file_label}.txt"
        text = ("\n\n" + "-" * 40 + "\n\n").join(notices) + "\n"
        atomic_write_bytes(path, ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
        result.lines.append("")
        result.lines.append(f"催报通知（{len(notices)} 份，可直接复制到邮件或 QQ）：")
        result.lines.append("")
        result.lines.extend(text.rstrip("\n").splitlines())
        result.paths.append(path)
        result.data["notices"] = notices
    return result


def _remind_template(ws: Workspace) -> tuple[str, str]:
    own = ws.narrative_dir / REMIND_TEMPLATE
    if own.is_file():
        try:
            return own.read_text(encoding="utf-8-sig"), str(own)
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"催报模板 {own} 无法读取（{exc}）：请保存为 UTF-8 文本，或删除它以使用默认模板") from exc
    default = resources.files("xlflow").joinpath("narrative", REMIND_TEMPLATE)
    return default.read_text(encoding="utf-8"), "默认催报模板"


def _deadline(month: Period, today: dt.date) -> str:
    nxt = dt.date(month.year + month.index // 12, month.index % 12 + 1, 1)
    end = nxt - dt.timedelta(days=1)
    return f"于{end.month}月{end.day}日前" if today <= end else "收到本通知后尽快"


def _reminders(ws: Workspace, month: Period, rows: Sequence[_UnitStatus]) -> list[str]:
    import jinja2

    source, where = _remind_template(ws)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=False,
                             keep_trailing_newline=False, autoescape=False)  # fmt: skip
    try:
        template = env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"{where} 第 {exc.lineno} 行写法有误（{exc.message}）：请对照默认模板修改") from exc
    s = ws.settings
    deadline = _deadline(month, dt.date.today())
    notices = []
    for row in rows:
        p = row.progress
        context = {
            "unit": row.unit.name, "month": month.label, "period": p.period_label, "missing": row.missing,
            "quarterly": row.unit.is_quarterly, "quota": number(p.quota), "sent": p.counted,
            "shortfall": p.shortfall, "rejected": row.rejected, "deadline": deadline, "office": s.office,
            "coordinator": s.coordinator, "contact": s.contact, "fax": s.fax, "email": s.email,
            "qq_group": s.qq_group,
        }  # fmt: skip
        try:
            notices.append(template.render(**context).strip())
        except jinja2.TemplateError as exc:
            raise ConfigError(f"{where} 无法生成催报通知（{exc}）：请检查 {{{{ }}}} 中的名字，可用的有 {'、'.join(context)}") from exc
    return notices
