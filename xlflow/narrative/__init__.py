"""The 通报 and 催报 texts, rendered from jinja2 templates; a workspace's own copy (narrative/*.j2) wins.

A template is text handed from person to person, so it is rendered in jinja2's SandboxedEnvironment: it reads
the data it is given and nothing else. Whatever goes wrong in it becomes one ConfigError line naming the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from xlflow.compute.rates import round_half_up
from xlflow.core.errors import ConfigError

BULLETIN_TEMPLATE = "通报.txt.j2"
REMINDER_TEMPLATE = "催报.txt.j2"
PACKAGE_DIR = Path(__file__).resolve().parent

_WHAT = {BULLETIN_TEMPLATE: "通报模板", REMINDER_TEMPLATE: "催报模板"}
_FIX = "请改正，或删除该文件以使用默认模板"


def pct(value: float | None) -> str:
    """125.0%, rounded half up as the tables' 0.0% shows it, or — when there is no rate."""
    return "—" if value is None else f"{round_half_up(value * 100):.1f}%"


def num(value: float) -> str:
    """24, or 1.5: no decimals for a whole number."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def names(rows: Sequence[Any]) -> str:
    """Unit names joined with 、 (rows with a `unit` attribute, or names)."""
    return "、".join(getattr(r, "unit", str(r)) for r in rows)


def environment() -> Any:
    """The one environment every narrative template is rendered in (a jinja2 SandboxedEnvironment)."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters.update(pct=pct, num=num, names=names)
    return env


def render(name: str, contexts: Sequence[Mapping[str, Any]], workspace_dir: Path | None = None) -> list[str]:
    """Template `name` (BULLETIN_TEMPLATE or REMINDER_TEMPLATE) rendered once per context, compiled once."""
    import jinja2
    from jinja2.sandbox import SecurityError

    path = PACKAGE_DIR / name
    if workspace_dir is not None and (workspace_dir / name).is_file():
        path = workspace_dir / name
    what = f"{_WHAT.get(name, '文字模板')} {path}"
    try:
        source = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{what} 无法读取（{exc}）：请保存为 UTF-8 文本，或删除该文件以使用默认模板") from exc
    try:
        template = environment().from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"{what} 第 {exc.lineno} 行有误（{exc.message}）：{_FIX}") from exc
    out: list[str] = []
    for context in contexts:
        try:
            out.append(template.render(**context))
        except SecurityError as exc:
            raise ConfigError(
                f"{what} 使用了模板中不允许的写法（{exc}）：模板只能使用说明中列出的数据和过滤器；{_FIX}"
            ) from exc
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"{what} 用到了不存在的数据（{exc.message}）：可用的有 {'、'.join(context)}；{_FIX}") from exc
        except Exception as exc:  # the template's own code failed (1/0, a filter on the wrong value …)
            raise ConfigError(f"{what} 无法生成文字（{type(exc).__name__}: {exc}）：{_FIX}") from exc
    return out
