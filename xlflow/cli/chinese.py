"""click in Simplified Chinese, through click's own hooks (no patching): the help's headings, usage line and
``[必填]``; refusals of extra arguments, unknown commands and options; parameter types that fail in Chinese; and
`ZhGroup.main`, which writes every click exception (usage error, exit 2; ``Error:``; Ctrl-C) in Chinese.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数", "Positional arguments": "参数"}


class ZhFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """click's option list, aligned by the width a console shows (目录 is four columns, not two)."""
        from xlflow.core.text import display_width

        rows = list(rows)
        first_col = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            gap = first_col - display_width(first)
            lead = " " * gap if gap >= col_spacing else "\n" + indent + " " * first_col
            lines = click.formatting.wrap_text(second, max(self.width - first_col - 2, 10), preserve_paragraphs=True)
            head, *rest = lines.splitlines() or [""]
            self.write(f"{indent}{first}{lead}{head}\n" if second else f"{indent}{first}\n")
            for line in rest:
                self.write(f"{indent}{' ' * first_col}{line}\n")


class ZhContext(click.Context):
    formatter_class = ZhFormatter


class ZhOption(click.Option):
    """An option whose help line says 必填 (click appends an English ``[required]``)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        text = "  ".join(filter(None, (self.help, "[必填]" if self.required else "")))
        return None if record is None else (record[0], text)


class _Chinese:
    """What a command and a group share: the context class, the usage metavar and the help option's text."""

    context_class = ZhContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        except click.UsageError as exc:
            if exc.ctx is None:  # the option parser raises without one: the message then names the command
                exc.ctx = ctx
            raise

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


class ZhCommand(_Chinese, click.Command):
    allow_extra_args = True  # refused below, in Chinese

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise click.UsageError(f"多余的参数：{' '.join(rest)}（如果路径中有空格，请用引号括起来）", ctx)
        return rest


class ZhGroup(_Chinese, click.Group):
    command_class = ZhCommand

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            close = difflib.get_close_matches(name, self.list_commands(ctx))
            guess = f"是不是 {' 或 '.join(f'{ctx.command_path} {c}' for c in close)}？" if close else ""
            raise click.UsageError(f"没有“{name}”这个命令。{guess}", ctx)
        return super().resolve_command(ctx, args)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            value = super().main(*args, standalone_mode=False, **kwargs)
        except click.ClickException as exc:
            show_error(exc)
            sys.exit(exc.exit_code)
        except click.Abort as exc:
            click.echo(interrupted(exc.__cause__), err=True)
            sys.exit(1)
        # non-standalone, click returns the exit code of an `Exit` (--help, --version) or the command's value
        sys.exit(value if isinstance(value, int) else 0)


def interrupted(cause: BaseException | None) -> str:
    """The line after Ctrl-C. Every file is written beside its place and moved in whole (fsutil), and the ledger
    changes in one transaction per command: only consolidate and restore change it. `done`: how far a command got."""
    done = getattr(cause, "done", "")
    ledger = "台账要么未改动、要么已完整更新（不会只记入一半，重新运行不会重复记入）"
    ledger = ledger if getattr(cause, "command", None) in ("consolidate", "restore") else "台账未改动"
    return f"已中止：{done}{'，' if done else ''}没有写了一半的文件，{ledger}；请重新运行同一条命令"


# --- errors ----------------------------------------------------------------------------------------------


def show_error(exc: click.ClickException) -> None:
    """Write a click exception the way click does (usage line, where to find help, the error), in Chinese."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            click.echo(f"查看帮助：{ctx.command_path} -h", err=True)
        click.echo(err=True)
    click.echo(f"错误：{error_message(exc)}", err=True)


def error_message(exc: click.ClickException) -> str:
    """The Chinese message of one of click's exceptions (xlflow's own already carry a Chinese message)."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        param = exc.param
        if isinstance(param, click.Argument):
            return f"缺少参数 {_hint(param)}。"
        about = f"（{param.help.rstrip('。')}）" if isinstance(param, click.Option) and param.help else ""
        return f"缺少选项 {_hint(param)}{about}。"
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint if isinstance(exc.param_hint, str) else None
        if hint is None and exc.param is not None:
            hint = _hint(exc.param)
        return f"{hint}：{exc.message}" if hint else exc.message
    if isinstance(exc, click.NoSuchOption):
        if (meant := _another_commands(exc.option_name, ctx)) is not None:
            return f"没有 {exc.option_name} 这个选项{meant}"
        close = exc.possibilities or []
        guess = f"是不是 {' 或 '.join(close)}？" if close else f"可用的选项见 {ctx.command_path} -h。" if ctx else ""
        return f"没有 {exc.option_name} 这个选项。{guess}"
    if isinstance(exc, click.BadOptionUsage):
        params = ctx.command.get_params(ctx) if ctx else []
        flags = [(*p.opts, *p.secondary_opts) for p in params if isinstance(p, click.Option) and p.is_flag]
        flag = any(exc.option_name in names for names in flags)
        return f"选项 {exc.option_name} 后面{'不能带值' if flag else '缺少值'}。"
    return exc.format_message()


# an option of another command typed for one that has its counterpart: what this one takes instead
_CONFUSED = {
    "--month": ("--period", "期间（月、季度、半年或全年）写在 --period 后面，如 --period 2015-03"),
    "--period": ("--month", "月份写在 --month 后面（只收月份），如 --month 2015-03"),
}


def _options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and p.name != "workspace"]


def _another_commands(name: str, ctx: click.Context | None) -> str | None:
    """How the message goes on when `name` is an option of other commands of the group (rather than click's guess,
    a look-alike of this command's): the counterpart this command has (_CONFUSED), else the options it takes."""
    if ctx is None or not isinstance(group := getattr(ctx.parent, "command", None), click.Group):
        return None
    others = [n for n, c in group.commands.items() if c is not ctx.command and any(name in p.opts for p in _options(c))]
    if not others:
        return None
    own = _options(ctx.command)
    if (confused := _CONFUSED.get(name)) and any(confused[0] in p.opts for p in own):
        return f"：{ctx.command_path} 的{confused[1]}"
    listed = "、".join(f"{' '.join(filter(None, (p.opts[-1], p.metavar)))}（{(p.help or '').rstrip('。')}）" for p in own)
    takes = f"可用的选项：{listed}" if own else f"不带选项，写法见 {ctx.command_path} -h"
    return f"（它是 {'、'.join(others)} 的选项）。{ctx.command_path} {takes}"


def _hint(param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        return " / ".join(param.opts)
    return (param.metavar or param.human_readable_name).strip("[].").upper()


# --- parameter types that fail in Chinese ---------------------------------------------------------------


class Folder(click.ParamType):
    """A directory (that must exist with `exists`). The value stays the text typed."""

    name, noun, other = "directory", "目录", "文件"
    is_this, is_other = staticmethod(os.path.isdir), staticmethod(os.path.isfile)

    def __init__(self, *, exists: bool = False) -> None:
        self.exists = exists

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = os.fspath(value)
        if self.is_other(text):
            self.fail(f"“{text}”是一个{self.other}，这里要的是{self.noun}", param, ctx)
        if self.exists and not self.is_this(text):
            self.fail(f"{self.noun}“{text}”不存在{_a_month(text, ctx)}", param, ctx)
        return text


def _a_month(text: str, ctx: click.Context | None) -> str:
    """`consolidate 2015年3月`: a month where the folder goes, for a command that takes --month, says where it goes."""
    from xlflow.core.errors import PeriodError
    from xlflow.core.periods import Period

    if ctx is None or not any(p.name == "month" for p in ctx.command.params):
        return ""
    try:
        return f"；要汇总某月请写 --month {Period.parse(text, month_only=True).key}"
    except PeriodError:
        return ""


class FilePath(Folder):
    """A file (that must exist with `exists`). The value stays the text typed, but for a name not found here that is
    in `look_in` (a backup's bare name: the one in backup/)."""

    name, noun, other = "file", "文件", "目录"
    is_this, is_other = staticmethod(os.path.isfile), staticmethod(os.path.isdir)

    def __init__(self, *, exists: bool = False, look_in: str = "") -> None:
        super().__init__(exists=exists)
        self.look_in = look_in

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        there = os.path.join(self.look_in, os.fspath(value))
        found = bool(self.look_in) and not os.path.exists(value) and os.path.isfile(there)
        return there if found else super().convert(value, param, ctx)


class Year(click.ParamType):
    name = "year"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip()  # the default is the current year as an int
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            self.fail(f"“{value}”不是年份：请写四位数字，如 2015", param, ctx)
        return int(text)
