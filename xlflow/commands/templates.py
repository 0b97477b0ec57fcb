"""`xlflow templates`: the three blank templates (the quota table with its 附件一, the register form, the monthly
report); in a workspace with its settings and units, elsewhere the notice's."""

from __future__ import annotations

from pathlib import Path

from xlflow.core.errors import WorkspaceError, XlflowError
from xlflow.core.model import RunResult
from xlflow.core.schema import DEFAULT_UNITS
from xlflow.settings import SETTINGS_FILE, Settings
from xlflow.workspace import Workspace, enclosing
from xlflow.writers.fingerprint import untouched
from xlflow.writers.quota import write_quota_workbook
from xlflow.writers.register_form import write_register_form
from xlflow.writers.report import write_report_workbook


def write_templates(out: Path) -> RunResult:
    """The templates in `out`; never into a folder consolidate reads, and never over a file xlflow did not write as
    it is (a template the coordinator adapted)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise WorkspaceError(f"{out} 是一个文件，不是目录：请用 --out 指定一个目录")
    here = Path.cwd() if (Path.cwd() / SETTINGS_FILE).is_file() else enclosing(Path.cwd())
    for root in dict.fromkeys(r for r in (here, enclosing(out)) if r is not None):
        try:
            inbox = Workspace.open(root).collection(out)
        except XlflowError:  # its settings are wrong: the commands that read it say so
            inbox = None
        if inbox:
            raise WorkspaceError(f"输出目录 {out} 在收件文件夹 {inbox} 中：空白模板在汇总时会被当作报回的工作簿读取；"
                                 "请换一个目录，或不加 --out 使用默认目录 templates")  # fmt: skip
    # its office, contact and units, as distribute uses them; none, or what cannot be read (the moment a fresh
    # template is wanted): the notice's, said
    settings, units, notes = None, DEFAULT_UNITS, []
    try:
        settings = Workspace.open(here).settings if here is not None else None
    except XlflowError as exc:
        notes.append(f"设置文件没有读出，空白模板中的发文单位、联系人等按通知填写：{exc}")
    try:
        ws = Workspace(here, settings or Settings(0)) if here is not None else None
        units = ws.units() if ws and ws.book(ws.quota_path)[0].is_file() else units
    except XlflowError as exc:
        notes.append(f"任务分配表没有读出，空白模板中的单位按通知填写（{len(units)} 个）：{exc}")
    out.mkdir(parents=True, exist_ok=True)
    quota, register, report = out / "quota_template.xlsx", out / "register_template.xlsx", out / "report_template.xlsx"
    kept = [p for p in (quota, register, report) if p.is_file() and not untouched(p)]
    if quota not in kept:
        write_quota_workbook(quota, units)
    if register not in kept:
        write_register_form(register, year=settings and settings.year, office=(settings or Settings).office)
    if report not in kept:
        write_report_workbook(report, unit=None, month=None, settings=settings)
    source = "通知" if units is DEFAULT_UNITS else "工作区的任务分配表"
    says = {quota: f"信息任务分配表（附件一，已按{source}填好 {len(units)} 个单位）", register: "通讯员登记表（附件二，可填写，A4 一页）",
            report: "每月信息报送登记表（含填表说明）"}  # fmt: skip
    written = [p for p in says if p not in kept]
    warnings = notes + [f"{p} 已存在，且不是 xlflow 生成的原样（可能修改过）：没有覆盖；要重新生成，请先把它移到别处或改名，"
                "再运行 xlflow templates" for p in kept]  # fmt: skip
    title = f"已生成空白模板（{out}）" if written else f"没有生成空白模板（{out}）"
    return RunResult(title, [f"{p.name}：{says[p]}" for p in written], written, warnings=warnings, exit_code=1 if kept else 0)
