"""`xlflow templates`: the three blank templates (the quota table with its 附件一, the register form, the monthly
report)."""

from __future__ import annotations

from pathlib import Path

from xlflow.core.errors import WorkspaceError
from xlflow.core.model import RunResult
from xlflow.core.schema import DEFAULT_UNITS
from xlflow.writers.quota import write_quota_workbook
from xlflow.writers.register_form import write_register_form
from xlflow.writers.report import write_report_workbook


def write_templates(out: Path) -> RunResult:
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise WorkspaceError(f"{out} 是一个文件，不是目录：请用 --out 指定一个目录")
    out.mkdir(parents=True, exist_ok=True)
    quota, register, report = out / "quota_template.xlsx", out / "register_template.xlsx", out / "report_template.xlsx"
    write_quota_workbook(quota, DEFAULT_UNITS)
    write_register_form(register)
    write_report_workbook(report, unit=None, month=None, settings=None)
    lines = [
        f"{quota.name}：信息任务分配表（附件一，已按通知填好 {len(DEFAULT_UNITS)} 个单位）",
        f"{register.name}：通讯员登记表（附件二，可填写，A4 一页）",
        f"{report.name}：每月信息报送登记表（含填表说明）",
    ]
    return RunResult(f"已生成空白模板（{out}）", lines, [quota, register, report])
