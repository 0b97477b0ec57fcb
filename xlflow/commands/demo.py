"""`xlflow demo`: a sample workspace with half a year of realistic, messy unit workbooks, run end to end."""

from __future__ import annotations

import datetime as dt
import errno
import re
import shutil
from pathlib import Path

from xlflow.core.errors import OutputError, WorkspaceError, describe_os_error
from xlflow.core.model import RunResult
from xlflow.core.periods import Period
from xlflow.core.text import shell_word
from xlflow.fsutil import atomic_write_bytes
from xlflow.progress import Progress, no_progress
from xlflow.settings import SETTINGS_FILE
from xlflow.workspace import Workspace

DEMO_MARK = ".xlflow-demo"
DEMO_MARK_TEXT = "由 xlflow demo 生成，可放心删除或重建。\n"
DEMO_YEAR = 2015
DEMO_MONTHS = (1, 2, 3, 4, 5, 6)
SEED = 2015


def is_demo_workspace(root: Path) -> bool:
    """True only for a folder `xlflow demo` made: it carries the demo mark, a plain file with the demo's words."""
    mark = root / DEMO_MARK
    if root.is_symlink() or mark.is_symlink() or not mark.is_file():
        return False
    try:
        return mark.read_text(encoding="utf-8", errors="replace").startswith(DEMO_MARK_TEXT.strip())
    except OSError:
        return False


def _prepare(root: Path, force: bool) -> None:
    """A new or empty folder is used as it is; a demo made earlier is emptied, but only with `force`; any other
    folder (a real workspace above all) is refused before a single file is touched."""
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} 是一个文件，不是目录：请换一个目录，例如 xlflow demo 新目录")
    if not root.exists() or not any(root.iterdir()):
        return
    if not is_demo_workspace(root):
        raise WorkspaceError(
            f"{root} 已存在且不是示例工作区（没有 xlflow demo 的标记），没有删除或改动其中任何文件："
            "请换一个不存在或空的目录，例如 xlflow demo 新目录"
        )
    if not force:
        raise WorkspaceError(f"{root} 是以前建立的示例工作区：要清空重建请加 --force，或换一个不存在或空的目录")
    try:
        shutil.rmtree(root)
    except OSError as exc:
        raise WorkspaceError(
            f"无法清空示例工作区 {root}（{exc.strerror or exc}）：可能有文件正在 Excel 或 WPS 中打开，请关闭后重试"
        ) from exc


def _refuse_an_inbox(root: Path) -> None:
    """In a workspace's inbox/ the demo's workbooks would be read as returns: refused before anything is emptied or
    made. Anywhere else, in a workspace too, the demo is welcome: it is self-contained, no command there reads it."""
    here = root.resolve()
    inbox = next((p for p in (here, *here.parents) if p.name == "inbox" and (p.parent / SETTINGS_FILE).is_file()), None)
    if inbox is not None:
        beside = inbox.parent.parent / "xlflow示例"
        example = "" if beside.exists() else f"，如 xlflow demo {shell_word(str(beside))}"
        raise WorkspaceError(f"{here} 在工作区 {inbox.parent} 的 inbox/ 之中，没有建立示例，也没有改动任何文件（inbox/ "
                             f"中的工作簿会被当作各单位报送的读取）：请在 inbox/ 以外运行 xlflow demo{example}")  # fmt: skip


def run_demo(root: Path, *, force: bool = False, progress: Progress = no_progress) -> RunResult:
    """Build a workspace, generate January–June, collect correspondents, consolidate each month, record adoptions,
    and write the half-year bulletin, reward workbook and ledger export."""
    root = Path(root)
    _refuse_an_inbox(root)
    _prepare(root, force)
    try:  # the mark first, whole or not at all: a demo cut short is still one, a folder without it is empty
        atomic_write_bytes(root / DEMO_MARK, DEMO_MARK_TEXT.encode("utf-8"))
        return _run(root, progress)
    except KeyboardInterrupt:  # Ctrl-C: the half-made demo is made again with --force only
        failed, todo = "已中止", "请"
    except (OutputError, OSError) as exc:  # a full disk part way
        cause = exc.cause if isinstance(exc, OutputError) else exc
        what, todo = describe_os_error(cause, new=not root.exists())
        if not root.exists():  # nothing made: no half-made demo to make again with --force
            where = "目录" if cause.errno == errno.EROFS else shell_word(str(root))
            raise WorkspaceError(f"无法在 {root} 建立示例工作区：{what}；{todo}后运行 xlflow demo {where}") from exc
        path, verb = (exc.path, exc.verb) if isinstance(exc, OutputError) else (exc.filename or root, "写入")
        failed, todo = f"无法{verb} {path}（{what}）", f"{todo}后"
    except _Unfinished as exc:
        failed, todo = exc.args
    raise WorkspaceError(f"示例工作区 {root} 未建完：{failed}；{todo}运行 xlflow demo {shell_word(str(root))} --force "
                         "重新生成（只清空这个示例目录）")  # fmt: skip


class _Unfinished(Exception):
    """A step of the demo that reported a problem (exit status 1): the demo is not made."""


def _done(result: RunResult, step: str) -> RunResult:
    """`result`, unless its step was interrupted or reported a problem: then the demo stops there."""
    if result.data.get("interrupted"):
        raise KeyboardInterrupt
    if result.exit_code == 1:  # 3 is "done, some files refused": the demo refuses a few on purpose
        problems = result.data.get("problems") or result.warnings[-1:]  # consolidate says which; else the last
        more = f"（另有 {len(problems) - 1} 处未能完成）" if len(problems) > 1 else ""
        todo = re.search("[：；](请[^；，]*?后)重新运行", problems[0])  # its own rerun is not the demo's: --force
        raise _Unfinished(f"{step}：{re.split('[：；]请', problems[0])[0]}{more}", todo[1] if todo else "请处理后")
    return result


def _run(root: Path, progress: Progress) -> RunResult:
    from xlflow.commands.bulletin import bulletin
    from xlflow.commands.consolidate import consolidate
    from xlflow.commands.distribute import distribute
    from xlflow.commands.export import export
    from xlflow.commands.init import init_workspace
    from xlflow.commands.register import REGISTER_FOLDER, collect_register
    from xlflow.commands.status import status
    from xlflow.demo.forms import fill_adoption_register, write_register_forms
    from xlflow.demo.returns import generate_month
    from xlflow.ledger import Ledger

    init_workspace(root, DEMO_YEAR, nested=True)
    ws = Workspace.open(root)
    units = ws.units()
    lines: list[str] = []

    forms = root / REGISTER_FOLDER
    write_register_forms(units, forms, year=DEMO_YEAR, seed=SEED)
    roster = _done(collect_register(ws, forms), "通讯员登记")
    lines.append(f"通讯员登记：{'；'.join(roster.lines[:2]) if roster.lines else roster.title}")
    _done(distribute(ws, Period.month(DEMO_YEAR, DEMO_MONTHS[0]), None), "下发登记表")

    refused, files = 0, []
    for month in progress(list(DEMO_MONTHS), "生成并汇总各月"):
        period = Period.month(DEMO_YEAR, month)
        generate_month(
            units, DEMO_YEAR, month, ws.inbox / period.key, seed=SEED,
            problem_files=month in (3, 6), missing=1 + month % 3, every_unit=False,
        )
        result = _done(consolidate(ws, period, None, now=dt.datetime(DEMO_YEAR, month, 28, 17, 0)), f"{period.label}的汇总")
        refused += len(result.refused)
        files.append((period, len(list((ws.inbox / period.key).iterdir())), len(result.refused)))

    half = Period.parse(f"{DEMO_YEAR}-H1")
    with Ledger.open(ws.ledger_path) as ledger:
        articles = ledger.articles(half.month_keys)
    for period, n, out in files:  # as the ledger has them at the end, as status says (a later month's 补报 counted)
        counted = sum(a.counted and a.month == period.key for a in articles)
        lines.append(f"{period.label}：{n} 个文件，计入 {counted} 条" + (f"，拒收 {out} 个" if out else ""))
    adopted = fill_adoption_register(ws.adoption_path, articles, seed=SEED)

    report = _done(bulletin(ws, half, now=dt.datetime(DEMO_YEAR, 7, 3, 9, 0)), "半年通报")
    unmatched = len(report.data.get("unmatched", []))  # type: ignore[arg-type]
    lines.append(f"采用登记：{adopted} 行（含一篇两级采用；{unmatched} 行未计入采用，见工作底稿“采用登记待核对”）")
    ledger_out = _done(export(ws, half, None, now=dt.datetime(DEMO_YEAR, 7, 3, 9, 0)), "导出台账")
    reminder = _done(status(ws, Period.month(DEMO_YEAR, DEMO_MONTHS[-1]), remind=True), "催报")
    described = (  # the bulletin's three workbooks, in the order it writes them
        "领导看的半年通报（通报正文、完成情况、采用明细、分类统计、图表）",
        "协调人的工作底稿（问题稿件、无稿件计入单位、采用登记待核对）",
        "奖励计算表（改奖励标准后自动重算）",
    )
    lines += [
        *report.lines[:4],
        f"示例中有 {refused} 个文件按规定被拒收（文本改名、文件损坏、单位不明、月份不符、无表头），见各月汇总摘要和回执",
        "先看这里：",
        *(f"  {path}  —  {text}" for path, text in zip(report.paths, described, strict=True)),
        f"  {ws.out / '回执'}  —  发回各单位的回执，逐行写明哪里要改",
        f"  {ws.inbox}  —  各单位报回的原始工作簿（各种不规范写法）",
        f"  {ws.roster_path}  —  通讯员名册（含未报、迟报单位）",
        "自己试一试：",
        f"  xlflow status --month {DEMO_YEAR}-06 --remind",
        f"  xlflow bulletin --period {DEMO_YEAR}-Q2",
        f"重新生成这个示例：xlflow demo {root} --force（只会清空 xlflow demo 建立的示例目录）",
    ]
    paths = [*report.paths, *ledger_out.paths, *reminder.paths]
    return RunResult(f"示例工作区已建立并跑完 {DEMO_YEAR} 年上半年：{root.resolve()}", lines, paths)
