"""The command line: parses, calls one library function, prints its summary. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__

T = TypeVar("T")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
GROUP_CONTEXT = {"max_content_width": 100}


def _workspace(path: str) -> Any:
    from .config import Workspace

    return Workspace.open(Path(path))


def _period(text: str, *, month_only: bool = False) -> Any:
    from .periods import Period

    period = Period.parse(text)
    if month_only and period.kind != "M":
        from .errors import PeriodError

        raise PeriodError(f"这里需要一个月份，如 2015-03；“{text}”是{period.label}")
    return period


def _progress(items: Sequence[T], label: str) -> Iterator[T]:
    if len(items) < 2 or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


def _finish(result: Any) -> None:
    click.echo(result.render())
    if result.exit_code:
        sys.exit(result.exit_code)


def friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn xlflow's own errors into a one-line message and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import XlflowError

        try:
            return func(*args, **kwargs)
        except XlflowError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


workspace_option = click.option(
    "-w",
    "--workspace",
    "workspace",
    default=".",
    show_default="当前目录",
    type=click.Path(file_okay=False),
    help="工作区目录（xlflow init 建立的目录）。",
)


@click.group(context_settings=GROUP_CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="xlflow", message="%(prog)s %(version)s", help="显示版本并退出。")
@click.help_option("-h", "--help", help="显示帮助并退出。")
def cli() -> None:
    """xlflow：政务信息报送工作流 —— Excel 进，Excel 出。

    下发任务表和登记表，汇总各单位每月报回的工作簿，逐条检查，
    计算完成率和采用率，生成通报和奖励计算表。

    \b
    一年的工作：
      xlflow init 2015信息报送 --year 2015     建立工作区
      cd 2015信息报送
      xlflow distribute --month 2015-03        给各单位下发预填的登记表
      xlflow consolidate --month 2015-03       汇总 inbox/ 中报回的工作簿
      xlflow status --month 2015-03 --remind   谁还没报，起草催报通知
      xlflow bulletin --period 2015-H1         半年通报和奖励计算表
    \b
    先看效果：xlflow demo 示例工作区
    """


@cli.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--year", type=int, default=lambda: dt.date.today().year, show_default="今年", help="年度。")
@click.option("--force", is_flag=True, help="目录已是工作区时也重新写入（台账不会删除）。")
@friendly
def init(directory: str, year: int, force: bool) -> None:
    """建立工作区：设置文件、任务分配表、采用登记表、奖励标准、inbox/ 和 out/。

    \b
    示例：
      xlflow init 2015信息报送 --year 2015
    """
    from .pipeline.setup import init_workspace

    _finish(init_workspace(Path(directory), year, force=force))


@cli.command(context_settings=CONTEXT)
@click.option("--out", "out", default="templates", show_default=True, type=click.Path(file_okay=False), help="输出目录。")
@friendly
def templates(out: str) -> None:
    """生成空白模板：任务分配表、通讯员登记表、信息报送登记表。

    \b
    示例：
      xlflow templates --out 模板
    """
    from .pipeline.setup import write_templates

    _finish(write_templates(Path(out)))


@cli.command(context_settings=CONTEXT)
@click.option("--month", required=True, help="月份，如 2015-03。")
@click.option("--out", "out", default=None, type=click.Path(file_okay=False), help="输出目录，默认 out/下发/2015年03月。")
@workspace_option
@friendly
def distribute(month: str, out: str | None, workspace: str) -> None:
    """为每个单位生成预填好单位、月份和通讯员的信息报送登记表。

    \b
    示例：
      xlflow distribute --month 2015-03
    """
    from .pipeline.setup import distribute as run

    period = _period(month, month_only=True)
    _finish(run(_workspace(workspace), period, Path(out) if out else None))


@cli.command(context_settings=CONTEXT)
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@workspace_option
@friendly
def register(folder: str, workspace: str) -> None:
    """收集各单位报回的通讯员登记表，生成通讯员名册，列出未报和迟报单位。

    \b
    示例：
      xlflow register 通讯员登记表/
    """
    from .pipeline.register import collect_register

    _finish(collect_register(_workspace(workspace), Path(folder), progress=_progress))


@cli.command(context_settings=CONTEXT)
@click.option("--month", required=True, help="月份，如 2015-03。")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False))
@workspace_option
@friendly
def consolidate(month: str, folder: str | None, workspace: str) -> None:
    """汇总一个月各单位报回的工作簿：逐条检查，记入台账，生成月度通报、奖励计算表和回执。

    FOLDER 默认为工作区的 inbox/2015-03（不存在时为 inbox/）。

    \b
    示例：
      xlflow consolidate --month 2015-03
      xlflow consolidate --month 2015-03 D:/收件/3月
    \b
    退出状态：0 全部处理；1 无法执行（如不是工作区）；2 有文件被拒收（见摘要）。
    """
    from .pipeline.consolidate import consolidate as run

    period = _period(month, month_only=True)
    _finish(run(_workspace(workspace), period, Path(folder) if folder else None, progress=_progress))


@cli.command(context_settings=CONTEXT)
@click.option("--period", required=True, help="期间：2015-03（月）、2015-Q1（季度）、2015-H1（半年）、2015（全年）。")
@workspace_option
@friendly
def bulletin(period: str, workspace: str) -> None:
    """从台账生成任意期间的通报和奖励计算表。

    \b
    示例：
      xlflow bulletin --period 2015-H1
      xlflow bulletin --period 2015
    """
    from .pipeline.bulletin import bulletin as run

    wanted = _period(period)
    _finish(run(_workspace(workspace), wanted))


@cli.command(context_settings=CONTEXT)
@click.option("--month", required=True, help="月份，如 2015-03。")
@click.option("--remind", is_flag=True, help="为未报或未完成任务的单位起草催报通知。")
@workspace_option
@friendly
def status(month: str, remind: bool, workspace: str) -> None:
    """在终端显示某月谁已报送、谁未报送、哪些稿件有问题。

    \b
    示例：
      xlflow status --month 2015-03
      xlflow status --month 2015-03 --remind
    """
    from .pipeline.status import status as run

    period = _period(month, month_only=True)
    _finish(run(_workspace(workspace), period, remind=remind))


@cli.command(context_settings=CONTEXT)
@click.option("--period", required=True, help="期间：2015-03、2015-Q1、2015-H1 或 2015。")
@click.option("--out", "out", default=None, type=click.Path(dir_okay=False), help="输出文件，默认 out/台账_期间.xlsx。")
@workspace_option
@friendly
def export(period: str, out: str | None, workspace: str) -> None:
    """把台账中某期间计入的全部稿件导出为一个工作簿（含来源文件和行号）。

    \b
    示例：
      xlflow export --period 2015-H1
    """
    from .pipeline.export import export as run

    wanted = _period(period)
    _finish(run(_workspace(workspace), wanted, Path(out) if out else None))


@cli.command(context_settings=CONTEXT)
@click.argument("directory", required=False, default="xlflow示例", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="清空并重建以前用 xlflow demo 建立的示例工作区（其他目录一律不动）。")
@friendly
def demo(directory: str, force: bool) -> None:
    """建立一个示例工作区，生成半年的各单位工作簿（含各种不规范写法），跑完整个流程。

    \b
    示例：
      xlflow demo
      xlflow demo D:/xlflow示例
    """
    from .pipeline.demo import run_demo

    _finish(run_demo(Path(directory), force=force, progress=_progress))


@cli.command(context_settings=CONTEXT)
@click.option("--out", "out", default=None, type=click.Path(dir_okay=False), help="备份文件，默认 backup/台账_时间.sqlite。")
@workspace_option
@friendly
def backup(out: str | None, workspace: str) -> None:
    """备份台账（在汇总进行中也能得到一致的副本）。

    \b
    示例：
      xlflow backup
    恢复：xlflow restore backup/台账_20150331_1700.sqlite
    """
    from .pipeline.safety import backup as run

    _finish(run(_workspace(workspace), Path(out) if out else None))


@cli.command(context_settings=CONTEXT)
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@workspace_option
@friendly
def restore(backup_file: str, workspace: str) -> None:
    """用备份替换当前台账（当前台账先另存一份，不会丢失）。

    \b
    示例：
      xlflow restore backup/台账_20150331_1700.sqlite
    """
    from .pipeline.safety import restore as run

    _finish(run(_workspace(workspace), Path(backup_file)))


def main() -> None:
    cli(prog_name="xlflow")
