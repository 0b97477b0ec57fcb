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

QUOTA_TEMPLATE = "quota_template.xlsx"
REGISTER_TEMPLATE = "register_template.xlsx"
REPORT_TEMPLATE = "report_template.xlsx"


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
