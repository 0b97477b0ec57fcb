"""The command line: parses, calls one library function, prints its summary. click's own texts are Chinese through
`cli.chinese`; `-w DIR` and the rewriting of what a command prints under it live in `cli.workdir`."""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import functools
import importlib
import io
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from xlflow import __version__
from xlflow.cli.chinese import FilePath, Folder, Year, ZhOption
from xlflow.cli.workdir import WorkdirGroup, current, quote_path, workdir_option

T = TypeVar("T")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
option = functools.partial(click.option, cls=ZhOption)
# commands whose hints get `-w DIR`: not init and demo, whose argument names a new folder from where the user is
WORKSPACE_FREE = ("init", "demo")


class PeriodType(click.ParamType):
    name = "period"

    def __init__(self, *, month_only: bool = False) -> None:
        self.month_only = month_only

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from xlflow.core.errors import PeriodError
        from xlflow.core.periods import Period

        try:
            return Period.parse(value, month_only=self.month_only)
        except PeriodError as exc:
            self.fail(str(exc), param, ctx)


month_option = option("--month", required=True, type=PeriodType(month_only=True), metavar="YYYY-MM", help="月份，如 2015-03。")
period_option = option(
    "--period", required=True, type=PeriodType(), metavar="期间",
    help="期间：2015-03（月）、2015-Q1 或 2015年第一季度（季度）、2015-H1 或 2015年上半年（半年）、2015 或 2015年全年（全年）。",
)  # fmt: skip


def _command(module: str) -> Any:
    """`xlflow.commands.<module>`, imported when the command runs: `xlflow --help` stays light."""
    return importlib.import_module(f"xlflow.commands.{module}")


def _workspace() -> Any:
    """The workspace, refusing (exit 2) a --month or --period outside its year: a workspace is one year's."""
    from xlflow.core.periods import Period
    from xlflow.core.text import shell_word
    from xlflow.settings import SETTINGS_FILE, init_command, year_workspaces
    from xlflow.workspace import Workspace

    ctx = click.get_current_context()
    period = ctx.params.get("month") or ctx.params.get("period")  # a command has one at most
    again = functools.partial(current().again_in, command=ctx.command)  # the advice from a folder inside: its paths
    ws = Workspace.open(current().path("."), year=period.year if period else None, again=again)  # init hint: the year
    year = ws.settings.year
    if period is not None and period.year != year:
        from xlflow.ledger.health import ledger_years

        found, *more = year_workspaces(ws.root, period.year) or [None]  # that year's workspace here, else where to make it
        other = found or ws.root.resolve().parent / f"{period.year}信息报送"
        shown = current().shown if current().moved else lambda p: Path(os.path.relpath(p))  # as the user reaches it
        other = shown(other)
        option = "--month" if "month" in ctx.params else "--period"
        swapped = period.key.replace(str(period.year), str(year), 1)  # a typo? not when that is still to come
        example = "" if found or Period.parse(swapped).month_keys[0] > f"{dt.date.today():%Y-%m}" else f"，请写 {year} 年内的期间，如 {swapped}"
        if period.year in ledger_years(ws.ledger_path) if ws.ledger_path.is_file() else False:  # year edited wrongly
            advice = f"台账中是 {period.year} 年的数据：如果是 {SETTINGS_FILE} 中的 year 改错了，请改回 year = {period.year}"
        elif found:
            advice = (f"{period.year} 年的信息在 {period.year} 年度的工作区 {other} 中，请在那里运行："
                      f"xlflow -w {shell_word(str(other))} {ctx.command.name} {option} {period.key}")  # fmt: skip
            if more:  # a copy kept beside it (2015信息报送备份): which one was named, and how to use another
                advice += (f"（同一目录中另有 {period.year} 年度的工作区 {'、'.join(str(shown(p)) for p in more)}，"
                           "如果要用的是它，请把 -w 后的目录换成它）")  # fmt: skip
        else:
            advice = f"{period.year} 年的信息请另建工作区：{init_command(other, period.year)}"
        raise click.BadParameter(
            f"{period.key} 不在本工作区的年度内：本工作区是 {year} 年度的（{SETTINGS_FILE} 中 year = {year}）{example}；{advice}",
            ctx, param_hint=option,
        )  # fmt: skip
    return ws


def _progress(items: Sequence[T], label: str) -> Iterator[T]:
    if len(items) < 2 or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


def _hints(text: str, **workspace: str) -> str:
    return current().rewrite_hints(text, [name for name in cli.commands if name not in WORKSPACE_FREE], **workspace)


def _finish(result: Any, *, made: str | None = None, folder: Path | None = None, **workspace: str) -> None:
    """Print the summary (paths and hints as they work where the user is, `made`: the folder init or demo made,
    `folder`: the folder read, or the workspace, shown as the paths written are); exit with the result's status."""
    shown = dataclasses.replace(result, paths=[current().shown(p) for p in result.paths])
    text = _hints(shown.render(), **workspace)
    if folder is not None:
        text = text.replace(str(folder), str(current().shown(folder)))
    click.echo(quote_path(text, made) if made else text)
    if result.exit_code:
        sys.exit(result.exit_code)


def _path(value: str | None) -> Path | None:
    return current().path(value) if value else None


def _again(ctx: click.Context) -> str:
    """This command, for "…后重新运行 xlflow status": `_hints` writes it out as typed (not init and demo's)."""
    return "" if ctx.invoked_subcommand in WORKSPACE_FREE else f"xlflow {ctx.invoked_subcommand}"


class XlflowGroup(WorkdirGroup):
    def invoke(self, ctx: click.Context) -> Any:
        """xlflow's own errors become one Chinese line and exit status 1; a file-system or SQLite error that still
        escaped the library (fsutil, ledger) gets the same wording, never a traceback."""
        import sqlite3

        from xlflow.core.errors import OutputError, XlflowError

        try:
            return super().invoke(ctx)
        except XlflowError as exc:
            if isinstance(exc, OutputError) and not exc.again:  # "…后重新运行" says what to run: this command, as typed
                exc.again = _again(ctx)
            raise click.ClickException(_hints(str(exc))) from exc
        except OSError as exc:
            stray = OutputError(exc.filename or "文件", exc, verb="读写")
            stray.again = _again(ctx)
            raise click.ClickException(_hints(str(stray))) from exc
        except sqlite3.Error as exc:  # damage SQLite's quick check at the open could not see (an index)
            from xlflow.ledger import ledger_error

            ledger = current().path(".") / "ledger.sqlite"  # Workspace.ledger_path: commands run in the workspace
            raise click.ClickException(_hints(str(ledger_error(ledger, exc)))) from exc
        except KeyboardInterrupt as exc:  # for `interrupted`: which command was stopped
            exc.command = ctx.invoked_subcommand  # type: ignore[attr-defined]
            raise
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a fault nobody foresaw: still one line, never a traceback
            raise click.ClickException(
                f"xlflow 内部错误（{type(exc).__name__}: {str(exc)[:120]}）：本次操作未完成；"
                "请把这一行和所处理的文件发给 xlflow 维护人员"
            ) from exc


# --- the commands -----------------------------------------------------------------------------------------


# bare `xlflow`: the callback prints the help, exit 0
@click.group(cls=XlflowGroup, context_settings=CONTEXT, invoke_without_command=True, subcommand_metavar="命令 [参数]...")
@workdir_option
@click.version_option(__version__, "-V", "--version", prog_name="xlflow", message="%(prog)s %(version)s", help="显示版本并退出。")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """xlflow：政务信息报送工作流 —— Excel 进，Excel 出。

    下发任务表和登记表，汇总各单位每月报回的工作簿，逐条检查，计算完成率和采用率，生成通报和奖励计算表。

    \b
    一年的工作：
      xlflow init 2015信息报送 --year 2015     建立工作区
      cd 2015信息报送
      xlflow templates --out 模板              空白模板，其中的通讯员登记表发给各单位
      xlflow register                          收齐的通讯员登记表 → 通讯员名册.xlsx
      xlflow distribute --month 2015-03        给各单位下发预填的登记表
      xlflow consolidate --month 2015-03       汇总 inbox/ 中报回的工作簿
      xlflow status --month 2015-03 --remind   谁还没报，起草催报通知
      xlflow bulletin --period 2015-H1         半年通报和奖励计算表
    \b
    不在工作区目录中时，用 -w 指定工作区（如同 git -C，写在命令前后都可以）：
      xlflow -w D:/2015信息报送 status --month 2015-03
    \b
    退出状态：0 完成；1 无法执行（见“错误：”一行），或有文件未能写出、没有覆盖（见“请注意：”）；
              2 命令写错；3 完成，但有文件被拒收（摘要中逐个列出）。
    \b
    先看效果：xlflow demo 建立示例工作区
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@cli.command()
@click.argument("directory", type=Folder(), metavar="目录")
@option("--year", type=Year(), default=lambda: dt.date.today().year, metavar="YYYY", help="年度，默认今年。")
@option("--force", is_flag=True, help="目录已是工作区时也重新写入（台账不会删除）。")
def init(directory: str, year: int, force: bool) -> None:
    """建立工作区：设置文件、任务分配表、采用登记表、奖励标准、inbox/ 和 out/。

    目录已是同一年度的工作区时，只补建缺少的表格（如误删的采用登记表），已有的文件都不动。

    \b
    示例：
      xlflow init 2015信息报送 --year 2015
    """
    root = current().path(directory)
    _finish(_command("init").init_workspace(root, year, force=force), made=str(root))


@cli.command()
@option("--out", default="templates", type=Folder(), metavar="目录", help="输出目录，默认 templates。")
def templates(out: str) -> None:
    """生成空白模板：任务分配表、通讯员登记表、信息报送登记表。

    \b
    示例：
      xlflow templates --out 模板
    """
    _finish(_command("templates").write_templates(current().path(out)))


@cli.command()
@month_option
@option("--out", default=None, type=Folder(), metavar="目录", help="输出目录，默认 out/下发/2015年03月。")
def distribute(month: Any, out: str | None) -> None:
    """为每个单位生成预填好单位、月份和通讯员的信息报送登记表。

    \b
    示例：
      xlflow distribute --month 2015-03
    """
    _finish(_command("distribute").distribute(_workspace(), month, _path(out)))


@cli.command()
@click.argument("folder", required=False, type=Folder(exists=True), metavar="[文件夹]")
def register(folder: str | None) -> None:
    """收集各单位报回的通讯员登记表，生成通讯员名册，列出未报和迟报单位。

    文件夹默认为工作区的 通讯员登记表/。

    \b
    示例：
      xlflow register
      xlflow register D:/收件/通讯员登记表
    \b
    退出状态：0 完成；1 无法执行；3 完成，但有登记表被拒收（见摘要）。
    """
    result = _command("register").collect_register(_workspace(), _path(folder), progress=_progress)
    _finish(result, folder=_path(folder) or current().path("."))


@cli.command()
@month_option
@option("--recheck", is_flag=True, help="按设置文件现在的字数下限和紧急信息时限重新检查这个月（默认按这个月此前汇总时的设置）。")
@click.argument("folder", required=False, type=Folder(exists=True), metavar="[文件夹]")
def consolidate(month: Any, folder: str | None, recheck: bool) -> None:
    """汇总一个月各单位报回的工作簿：逐条检查，记入台账，生成月度通报、奖励计算表和回执。

    文件夹默认为工作区的 inbox/<月份>，如 inbox/2015-03（不存在时为 inbox/）。

    \b
    示例：
      xlflow consolidate --month 2015-03
      xlflow consolidate --month 2015-03 D:/收件/3月
      xlflow consolidate --month 2015-03 --recheck
    \b
    退出状态：0 全部处理；1 无法执行（如不是工作区），或已记入台账但通报、回执未能写入（见摘要）；
              3 完成，但有文件被拒收（见摘要）。
    """
    result = _command("consolidate").consolidate(_workspace(), month, _path(folder), progress=_progress, recheck=recheck)
    _finish(result, folder=_path(folder) or current().path("."))


class DateType(click.ParamType):
    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from xlflow.core.dates import parse_date

        day = parse_date(str(value)).date
        if day is None:
            self.fail(f"“{value}”不是日期：请写成 2015-07-03 或 2015年7月3日", param, ctx)
        return day


@cli.command()
@period_option
@option("--date", type=DateType(), metavar="YYYY-MM-DD", help="通报的落款日期，如 2015-07-03；默认今天。")
def bulletin(period: Any, date: Any) -> None:
    """从台账生成任意期间的通报和奖励计算表。

    \b
    示例：
      xlflow bulletin --period 2015-H1
      xlflow bulletin --period 2015
      xlflow bulletin --period 2015-H1 --date 2015-07-03
    """
    _finish(_command("bulletin").bulletin(_workspace(), period, date=date))


@cli.command()
@month_option
@option("--remind", is_flag=True, help="为未报或未完成任务的单位起草催报通知。")
def status(month: Any, remind: bool) -> None:
    """在终端显示某月谁已报送、谁未报送、哪些稿件有问题。

    \b
    示例：
      xlflow status --month 2015-03
      xlflow status --month 2015-03 --remind
    """
    _finish(_command("status").status(_workspace(), month, remind=remind), folder=current().path("."))  # 催报's path


@cli.command()
@period_option
@option("--out", default=None, type=FilePath(), metavar="文件", help="输出文件，默认 out/台账_期间.xlsx。")
def export(period: Any, out: str | None) -> None:
    """把台账中某期间计入的全部稿件导出为一个工作簿（含来源文件和行号）。

    \b
    示例：
      xlflow export --period 2015-H1
    """
    _finish(_command("export").export(_workspace(), period, _path(out)))


@cli.command()
@click.argument("directory", required=False, default="xlflow示例", type=Folder(), metavar="[目录]")
@option("--force", is_flag=True, help="清空并重建以前用 xlflow demo 建立的示例工作区（其他目录一律不动）。")
def demo(directory: str, force: bool) -> None:
    """建立一个示例工作区，生成半年的各单位工作簿（含各种不规范写法），跑完整个流程。

    目录默认为 xlflow示例。

    \b
    示例：
      xlflow demo
      xlflow demo D:/xlflow示例
    """
    session = current()
    root = session.path(directory)
    result = _command("demo").run_demo(root, force=force, progress=_progress)
    # its hints are about the new workspace, reached from the user's folder
    _finish(result, made=str(root), workdir=str(session.shown(root)), root=os.path.abspath(root))


@cli.command()
@option("--out", default=None, type=FilePath(), metavar="文件", help="备份文件，默认 backup/台账_时间.sqlite。")
def backup(out: str | None) -> None:
    """备份台账（在汇总进行中也能得到一致的副本）。

    \b
    示例：
      xlflow backup
    恢复：xlflow restore backup/台账_20150331_1700.sqlite
    """
    _finish(_command("backup").backup(_workspace(), _path(out)))


@cli.command()
@click.argument("backup_file", type=FilePath(exists=True, look_in="backup"), metavar="备份文件")
def restore(backup_file: str) -> None:
    """用备份替换当前台账（当前台账先另存一份，不会丢失）。

    \b
    示例：
      xlflow restore backup/台账_20150331_1700.sqlite
    """
    _finish(_command("backup").restore(_workspace(), current().path(backup_file)), folder=current().path("."))


# --- the console ------------------------------------------------------------------------------------------

# what a console without these characters (GBK on a Chinese Windows, redirected to a file) shows instead
CONSOLE_SUBSTITUTES = {"✗": "×", "✓": "√", "✔": "√", "•": "·"}


def _console_substitute(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = "".join(CONSOLE_SUBSTITUTES.get(char, "?") for char in exc.object[exc.start : exc.end])
    return text.encode(exc.encoding, "replace").decode(exc.encoding), exc.end  # a look-alike it lacks too: "?"


def console_never_fails() -> None:
    """Write what the console's encoding lacks as a look-alike or "?" instead of dying after the work is done."""
    codecs.register_error("xlflow.console", _console_substitute)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="xlflow.console")


def on_interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: the work stops with the CLI's one line (`interrupted`). A workbook stopped mid-write is closed later by
    the collector, whose "Exception ignored … Traceback" about its closed file is no concern of the user's."""
    sys.unraisablehook = lambda unraisable: None
    raise KeyboardInterrupt


def main() -> None:
    console_never_fails()
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started with Ctrl-C ignored (cmd &)
        signal.signal(signal.SIGINT, on_interrupt)
    cli(prog_name="xlflow")
