"""`-w DIR`, like `git -C DIR`: the command runs in DIR (the caller's folder is restored when it ends), and what it
prints still works where the user typed it: one `Session` per run (click's ctx.obj) shows the paths written from the
user's folder and writes `-w DIR` into every `xlflow <command>` hint (`rewrite_hints`).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from xlflow.cli.chinese import Folder, ZhCommand, ZhGroup, ZhOption
from xlflow.core.text import shell_word as quote

# a hint is complete when the command name is followed by something other than the end or a closing punctuation
_BARE = re.compile(r"\s*(?:$|[，。；：、（）,;:()])")
_AFTER_CD = re.compile(r"(?:^|[\s：:，,；;&])cd\s")
GONE = "当前文件夹已不存在（可能已删除或 U 盘已拔出）：请 cd 到工作区所在文件夹后重新运行"


@dataclasses.dataclass
class Session:
    """One run of the command line: where it started, the `-w` folders it went into, the command and its args."""

    origin: str
    typed: list[str] = dataclasses.field(default_factory=list)
    command: str = ""
    args: list[str] = dataclasses.field(default_factory=list)

    def enter(self, directory: str) -> None:
        try:
            os.chdir(directory)
        except OSError as exc:
            if not os.path.isabs(directory) and not self.here():
                raise click.ClickException(GONE) from None
            known = {FileNotFoundError: f"目录“{directory}”不存在", NotADirectoryError: f"“{directory}”不是目录"}
            message = known.get(type(exc), f"无法进入目录“{directory}”（{exc.strerror}）")
            raise click.BadParameter(message, param_hint="-w") from None
        self.typed.append(directory)

    @staticmethod
    def here() -> bool:
        """Whether the current folder still exists (not deleted, its USB stick not pulled)."""
        try:
            return bool(os.getcwd())
        except FileNotFoundError:
            return False

    @property
    def moved(self) -> bool:
        return os.path.normcase(os.getcwd()) != os.path.normcase(self.origin)

    @property
    def workdir(self) -> str | None:
        """`-w` as the user would write it where they are (several `-w` add up, as with git -C)."""
        return os.path.join(*self.typed) if self.moved else None

    def path(self, value: str) -> Path:
        """A path the user typed, for the library: absolute once in DIR, so that what it prints is unambiguous."""
        return Path(os.path.abspath(value)) if self.moved else Path(value)

    def shown(self, path: Path) -> Path:
        """A path written, as the user reaches it from where they are: the way they wrote -w (relative or not)."""
        if not self.moved:
            return path
        absolute = os.path.abspath(path)
        if os.path.isabs(self.workdir or ""):
            return Path(absolute)
        try:
            return Path(os.path.relpath(absolute, self.origin))
        except ValueError:  # another drive
            return Path(absolute)

    def again_in(self, folder: Path, command: click.Command) -> str | None:
        """This command as typed, to run in `folder` (a workspace around or below the user's folder): its paths
        (a folder or file argument, --out) written as seen from there; None when it has none (-w alone will do)."""
        paths = [p for p in command.params if isinstance(p.type, Folder)]
        path_opts = {o for p in paths if isinstance(p, click.Option) for o in p.opts}
        valued = {o for p in command.params if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
        positional = any(isinstance(p, click.Argument) for p in paths)
        tokens = [t for a in without_workdir(self.args) for t in (a.split("=", 1) if a.split("=", 1)[0] in valued else [a])]
        pairs: list[tuple[str, bool]] = []  # each token, and whether it is a path
        rest = iter(tokens)
        for arg in rest:
            pairs += [(arg, False), (next(rest, ""), arg in path_opts)] if arg in valued else [(arg, positional and arg[:1] != "-")]
        if not any(is_path for _, is_path in pairs):
            return None

        def there(path: str) -> str:
            try:
                return path if os.path.isabs(path) else os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
            except ValueError:  # another drive
                return os.path.abspath(path)

        return " ".join(["xlflow", self.command, *(quote(there(a) if is_path else a) for a, is_path in pairs)])

    def rewrite_hints(self, text: str, commands: Iterable[str], *, workdir: str | None = None, root: str | None = None) -> str:
        """`text` with every hint `xlflow <command>` (`commands`: those that take -w) made to work where the user is;
        `workdir` (as typed) and `root` (absolute) name another workspace the hints are about (`xlflow demo`'s)."""
        workdir = workdir or self.workdir
        root = root or os.getcwd()
        names = "|".join(re.escape(name) for name in sorted(commands, key=len, reverse=True))
        hint = re.compile(rf"\bxlflow ({names})\b")
        prefix = f"xlflow -w {quote(workdir)} " if workdir else "xlflow "

        def rewrite(match: re.Match[str]) -> str:
            name = match.group(1)
            if name == self.command and _BARE.match(match.string, match.end()):
                return prefix + " ".join([name, *map(quote, without_workdir(self.args))])
            return prefix + name

        def rewrite_line(line: str) -> str:
            for match in hint.finditer(line):
                if not _AFTER_CD.search(line, 0, match.start()):
                    head, tail = line[: match.start()], line[match.start() :]
                    return head + hint.sub(rewrite, tail.replace(root + os.sep, "") if workdir else tail)
            return line

        return "\n".join(rewrite_line(line) for line in text.split("\n"))


def quote_path(text: str, path: str) -> str:
    """`path`, where it stands as a word of its own (`cd DIR，然后 …`, `xlflow demo DIR --force`), quoted when a
    shell needs it: the library writes the folder a command made as it is."""
    return re.sub(rf"(?<=\s){re.escape(path)}(?=[\s，,；;（）()]|$)", lambda m: quote(path), text, flags=re.M)


def without_workdir(args: list[str]) -> list[str]:
    """A command's arguments without its -w/--workspace (the hint writes the one -w that adds them up)."""
    out: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg in ("-w", "--workspace"):
            next(rest, None)  # its value
        elif not arg.startswith(("-w", "--workspace=")):
            out.append(arg)
    return out


class WorkdirCommand(ZhCommand):
    """A command of the group: `-w DIR` is its last option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(ZhOption(["-w", "--workspace"], **WORKDIR))

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        session = ctx.find_root().obj
        session.command, session.args = ctx.info_name or "", list(args)  # to write "this command again"
        return super().parse_args(ctx, args)


class WorkdirGroup(ZhGroup):
    """The group of xlflow's commands: one Session per run, the caller's folder restored when it ends."""

    command_class = WorkdirCommand

    def main(self, *args: Any, **kwargs: Any) -> Any:
        session = Session(os.getcwd() if Session.here() else "")  # gone: `--help` and an absolute -w still work
        try:
            return super().main(*args, obj=session, **kwargs)
        finally:
            if session.origin:
                os.chdir(session.origin)  # CliRunner runs in-process: never leave the caller elsewhere


def current() -> Session:
    """This run's Session: WorkdirGroup.main makes it the root context's object."""
    session: Session = click.get_current_context().find_root().obj
    return session


def enter_workdir(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None and not ctx.resilient_parsing:
        current().enter(value)
    if ctx.parent is not None and not ctx.resilient_parsing and not Session.here():  # the command's -w, the last
        raise click.ClickException(GONE)


WORKDIR = {
    "metavar": "目录",
    "expose_value": False,
    "is_eager": True,  # before the other parameters: FOLDER, --out … are then read in DIR
    "callback": enter_workdir,
    "help": "在该目录中运行，如同先 cd 到该目录（默认当前目录）；写在命令前后均可。",
}
workdir_option = click.option("-w", "--workspace", cls=ZhOption, **WORKDIR)  # the group's (`xlflow -w DIR status`)
