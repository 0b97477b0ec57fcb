"""Setting up the year and handing out workbooks: `xlflow init`, `xlflow templates`, `xlflow distribute`."""

from __future__ import annotations

import datetime as dt
import shutil
from importlib import resources
from pathlib import Path

from xlflow.errors import WorkspaceError
from xlflow.fsutil import atomic_write_bytes, atomic_write_text, ensure_dir
from xlflow.intake.books import read_quota_workbook
from xlflow.model import RunResult
from xlflow.periods import Period
from xlflow.schema import DEFAULT_UNITS
from xlflow.settings import SETTINGS_FILE, Settings, settings_text
from xlflow.textnorm import safe_filename
from xlflow.workspace import Workspace
from xlflow.writers.coordinator_books import write_adoption_register, write_reward_schedule
from xlflow.writers.quota import write_quota_workbook
from xlflow.writers.register_form import write_register_form
from xlflow.writers.report import write_report_workbook

QUOTA_TEMPLATE = "quota_template.xlsx"
REGISTER_TEMPLATE = "register_template.xlsx"
REPORT_TEMPLATE = "report_template.xlsx"
BACKUP_DIR = "backup"


def init_workspace(root: Path, year: int, *, force: bool = False) -> RunResult:
    """A new workspace: settings, quota table (SPEC §3), adoption register, reward schedule, inbox/, out/, narrative/.

    An existing workspace is refused unless `force`; then settings and workbooks are rewritten (the previous copies
    are kept in backup/), while the ledger and the files in inbox/ and out/ are never touched.
    """
    root = Path(root)
    settings_path = Workspace.settings_path_of(root)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} 是一个文件，不是目录：请换一个目录名")
    existed = settings_path.exists()
    if existed and not force:
        raise WorkspaceError(
            f"{root} 已经是 xlflow 工作区（有 {SETTINGS_FILE}），没有改动任何文件。"
            "确实要重新写入设置和模板，请加 --force（台账 ledger.sqlite 和 inbox/、out/ 中的文件不会删除）"
        )
    if not 1990 <= year <= 2100:
        raise WorkspaceError(f"年度 {year} 不合理：请写四位年份，如 --year 2015")

    settings = Settings(year=year, register_deadline=dt.date(year, 2, 27))
    ws = Workspace(root, settings)
    root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d_%H%M%S")
    kept = [_keep_previous(path, root, stamp) for path in (settings_path, ws.quota_path, ws.adoption_path, ws.reward_schedule_path)]
    kept_paths = [p for p in kept if p is not None]

    atomic_write_text(settings_path, settings_text(settings))
    write_quota_workbook(ws.quota_path, DEFAULT_UNITS)
    units = read_quota_workbook(ws.quota_path)  # what every later command will read
    write_adoption_register(ws.adoption_path, units)
    write_reward_schedule(ws.reward_schedule_path, settings.reward_policy)
    for folder in (ws.inbox, ws.out):
        folder.mkdir(exist_ok=True)
    copied = _copy_narrative(ws.narrative_dir)

    counts = {kind: sum(1 for u in units if u.kind == kind) for kind in units.kinds()}
    result = RunResult(title=f"已{'重新写入' if existed else '建立'}工作区 {root}（{year} 年度）")
    result.lines.append(f"任务分配表：{len(units)} 个单位（" + "，".join(f"{k} {n} 个" for k, n in counts.items()) + "）")
    result.lines.append(f"通讯员登记表截止日期：{settings.register_deadline:%Y年%m月%d日}（可在 {SETTINGS_FILE} 中修改）")
    result.lines.append("奖励标准为示例金额，请按奖励通知修改 奖励标准.xlsx")
    if copied:
        result.lines.append(f"通报文字模板：{len(copied)} 个（narrative/，可按需修改）")
    if kept_paths:
        result.lines.append(f"原有的 {len(kept_paths)} 个设置和表格已另存到 {BACKUP_DIR}/；台账和 inbox/、out/ 中的文件未改动")
    result.lines.append(f"下一步：cd {root}，然后 xlflow distribute --month {year}-01 给各单位下发登记表")
    result.paths += [settings_path, ws.quota_path, ws.adoption_path, ws.reward_schedule_path, ws.inbox, ws.out, *copied]
    result.data.update({"units": len(units), "kept": kept_paths})
    return result


def _keep_previous(path: Path, root: Path, stamp: str) -> Path | None:
    """Copy a file about to be rewritten into backup/ (never lose the coordinator's edits)."""
    if not path.is_file():
        return None
    target = root / BACKUP_DIR / f"{path.stem}_init前_{stamp}{path.suffix}"
    atomic_write_bytes(target, path.read_bytes())
    return target


def _copy_narrative(target: Path) -> list[Path]:
    """Copy the package's narrative templates; a copy already in the workspace (maybe edited) is left alone."""
    source = resources.files("xlflow") / "narrative"
    copied: list[Path] = []
    if not source.is_dir():
        return copied
    target.mkdir(parents=True, exist_ok=True)
    for item in sorted(source.iterdir(), key=lambda i: i.name):
        if not item.is_file() or item.name.startswith((".", "__")):
            continue
        dest = target / item.name
        if dest.exists():
            continue
        with resources.as_file(item) as path:
            shutil.copyfile(path, dest)
        copied.append(dest)
    return copied


def write_templates(out: Path) -> RunResult:
    """The three blank templates into `out`."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise WorkspaceError(f"{out} 是一个文件，不是目录：请用 --out 指定一个目录")
    out.mkdir(parents=True, exist_ok=True)
    quota, register, report = out / QUOTA_TEMPLATE, out / REGISTER_TEMPLATE, out / REPORT_TEMPLATE
    write_quota_workbook(quota, DEFAULT_UNITS)
    write_register_form(register)
    write_report_workbook(report, unit=None, month=None, settings=None)
    result = RunResult(title=f"已生成空白模板（{out}）")
    result.lines += [
        f"{QUOTA_TEMPLATE}：信息任务分配表（附件一，已按通知填好 {len(DEFAULT_UNITS)} 个单位）",
        f"{REGISTER_TEMPLATE}：通讯员登记表（附件二，可填写，A4 一页）",
        f"{REPORT_TEMPLATE}：每月信息报送登记表（含填表说明）",
    ]
    result.paths += [quota, register, report]
    return result


def report_file_name(unit_name: str, month: Period, copy: int = 1) -> str:
    """岳阳县工信局_2015年03月_信息报送登记表.xlsx — whose it is at a glance, safe on Windows.

    `copy` > 1 tells apart two units whose names differ only in characters a file name cannot hold.
    """
    unit = safe_filename(unit_name) + (f"（{copy}）" if copy > 1 else "")
    return f"{unit}_{month.file_label}_信息报送登记表.xlsx"


def distribute(ws: Workspace, month: Period, out: Path | None) -> RunResult:
    """One prefilled report workbook per unit of the quota table (unit, month, correspondent when known)."""
    units = ws.units()
    folder = ensure_dir(Path(out) if out is not None else ws.out / "下发" / month.file_label)
    base = folder.resolve()

    roster: dict[str, str] = {}
    if ws.roster_path.exists():
        from xlflow.intake.books import read_roster

        roster = read_roster(ws.roster_path)

    result = RunResult(title=f"已为 {len(units)} 个单位生成 {month.label} 信息报送登记表")
    used: set[str] = set()
    prefilled = 0
    for unit in units:
        copy = 1
        name = report_file_name(unit.name, month)
        while name.casefold() in used:  # two names that differ only in forbidden characters or case
            copy += 1
            name = report_file_name(unit.name, month, copy)
        used.add(name.casefold())
        path = folder / name
        if path.resolve().parent != base:
            raise WorkspaceError(f"单位名称“{unit.name}”无法用作文件名：请在任务分配表中改正该单位名称")
        correspondent = roster.get(unit.name, "")
        prefilled += bool(correspondent)
        write_report_workbook(path, unit=unit, month=month, correspondent=correspondent, settings=ws.settings)
        result.paths.append(path)

    if month.year != ws.settings.year:
        result.warnings.append(f"月份 {month.label} 不在工作区年度 {ws.settings.year} 年内：请确认 --month 是否写对")
    if roster:
        result.lines.append(f"通讯员已预填 {prefilled} 个单位（来自 {ws.roster_path.name}）")
        missing = [u.name for u in units if not roster.get(u.name)]
        if missing:
            result.lines.append(f"名册中没有通讯员的单位 {len(missing)} 个，通讯员一栏留空：{'、'.join(missing)}")
    else:
        result.lines.append(f"还没有通讯员名册（{ws.roster_path.name}），通讯员一栏留空；收齐登记表后运行 xlflow register")
    result.lines.append(f"输出目录：{folder}；把各单位的文件发给对应单位，填好后报回放进 inbox/")
    result.data.update({"folder": folder, "prefilled": prefilled})
    return result
