"""The 通报 and 催报 texts, rendered from jinja2 templates; a workspace's own copy (narrative/*.j2) wins.

A template is text handed from person to person, so it is rendered in jinja2's SandboxedEnvironment: it reads
the data it is given and nothing else. Whatever goes wrong in it becomes one ConfigError line naming the file.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import traceback
from collections.abc import Mapping, Sequence
from contextlib import suppress
from itertools import pairwise
from pathlib import Path
from typing import Any

from xlflow.compute.rates import round_half_up
from xlflow.core.errors import ConfigError
from xlflow.settings import decode_text, plain_text

BULLETIN_TEMPLATE = "通报.txt.j2"
REMINDER_TEMPLATE = "催报.txt.j2"
PACKAGE_DIR = Path(__file__).resolve().parent

_WHAT = {BULLETIN_TEMPLATE: "通报模板", REMINDER_TEMPLATE: "催报模板"}
# every version of the package's templates `init` may have copied into a workspace (stock_key of its text): such a
# copy nobody edited is read as the current one. A change to a template adds its new key here (test_narrative).
STOCK_VERSIONS = {
    REMINDER_TEMPLATE: frozenset({"8eaa75931b3937e0", "50005d0a296d2cb1", "0baeebdad381be4b", "1f84a37f5126fb04",
                                  "bb89be8f06535934", "a2318e1582e19316", "8de648ab56e4f909", "dd2ceefdee88766d",
                                  "1d4c2ac9312a7e50"}),
    BULLETIN_TEMPLATE: frozenset({"5a50ea7f02bc2cb1", "1d16c7b90a772ee5", "7b3b767f593adc43", "de38b4542e279c63",
                                  "ae001aa1d69328cf", "fa1742992f38b53f", "624f7fce7c6d1239", "d3357ab6981300d9",
                                  "7601c9a12feb870b"}),
}  # fmt: skip


def stock_key(text: str) -> str:
    """A template's text as compared with the package's versions: line ends and trailing spaces aside."""
    return hashlib.sha256(plain_text(text).encode()).hexdigest()[:16]


def _edited(path: Path, name: str) -> bool:
    """Whether the workspace's copy of template `name` differs from every version the package had."""
    try:
        return stock_key(decode_text(path, path.read_bytes())) not in STOCK_VERSIONS.get(name, ())
    except (OSError, ConfigError):  # said when it is read
        return True
_DELETE = "或删除该文件恢复默认模板"
_FIX = f"请改正该行，{_DELETE}"
_BLOCKS = frozenset({"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "trans"})  # with an end tag
_COMMON = ("if", "elif", "else", "endif", "for", "endfor", "set")  # what a template here uses: guessed first
_TAGS = sorted({*_BLOCKS, *(f"end{b}" for b in _BLOCKS), "elif", "else", "set", "endset", "print", "include", "import",
                "from", "extends"})  # fmt: skip  # every tag jinja2 knows


def pct(value: float | None) -> str:
    """125.0%, rounded half up as the tables' 0.0% shows it, or — when there is no rate."""
    return "—" if value is None else f"{round_half_up(value * 100):.1f}%"


def num(value: float) -> str:
    """24, or 1.5: no decimals for a whole number."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def names(rows: Sequence[Any]) -> str:
    """Unit names joined with 、 (rows with a `unit` attribute, or names)."""
    return "、".join(getattr(r, "unit", str(r)) for r in rows)


_FILTERS = {"pct": pct, "num": num, "names": names}


def render(name: str, contexts: Sequence[Mapping[str, Any]], workspace_dir: Path | None = None) -> list[str]:
    """Template `name` (BULLETIN_TEMPLATE or REMINDER_TEMPLATE) rendered once per context, compiled once."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    path = PACKAGE_DIR / name
    if workspace_dir is not None and (workspace_dir / name).is_file() and _edited(workspace_dir / name, name):
        path = workspace_dir / name  # not an earlier version of the package's nobody changed: that reads as today's
    what = f"{_WHAT.get(name, '文字模板')} {path}"
    try:
        source = decode_text(path, path.read_bytes())  # as Notepad saves it: UTF-8, ANSI (GBK) or "Unicode"
    except OSError as exc:
        reason = "没有读取权限" if isinstance(exc, PermissionError) else "读取出错"
        raise ConfigError(f"{what} 无法读取（{reason}）：请确认它没有被其他程序占用后重新运行；{_DELETE}") from exc
    except ConfigError as exc:
        raise ConfigError(f"{what} 不是能识别的文字（既不是 UTF-8，也不是 ANSI）：请用记事本另存为 UTF-8；{_DELETE}") from exc
    lines = source.splitlines()
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters.update(_FILTERS)
    try:
        template = env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:  # a TemplateAssertionError too: a filter no template has
        said = _unknown(lines, exc.lineno, str(exc)) or _tag_fault(env, source, lines, exc)
        raise ConfigError(f"{what} {said or f'{_at(lines, exc.lineno)}有语法错误：{_FIX}'}") from exc
    out: list[str] = []
    for context in contexts:
        try:
            out.append(template.render(**context))
        except Exception as exc:  # the sandbox refused, a name not given, the template's own code failed (1/0 …)
            line = _template_line(exc)
            at, unknown = _at(lines, line), _unknown(lines, line, str(exc))
            if unknown and isinstance(exc, jinja2.TemplateRuntimeError):  # a filter or test inside an {% if %}
                raise ConfigError(f"{what} {unknown}") from exc
            if isinstance(exc, SecurityError):
                raise ConfigError(f"{what} {at}有不允许的写法：模板只能使用说明中列出的数据和过滤器；{_FIX}") from exc
            if isinstance(exc, jinja2.UndefinedError):
                quoted = re.findall(r"'([^']*)'", exc.message or "")
                at = _at(lines, line, quoted[-1] if quoted else "")
                raise ConfigError(f"{what} {at}用到了不存在的数据{f' {quoted[-1]}' if quoted else ''}："
                                  f"可用的有 {'、'.join(context)}；{_FIX}") from exc  # fmt: skip
            reason, near = _failed(exc, _line(lines, line))
            short = line is None or len(_line(lines, line).strip()) <= 60  # all of it quoted: it holds the fault
            at = _at(lines, line, near) if near or short else f"第 {line} 行"  # not a part without the fault
            raise ConfigError(f"{what} {at}计算出错{reason}：{_FIX}") from exc
    return out


def _template_line(exc: BaseException) -> int | None:
    """The template's line where rendering failed: jinja2 puts the template's frames into the traceback."""
    lines = [line for frame, line in traceback.walk_tb(exc.__traceback__) if frame.f_code.co_filename == "<template>"]
    return lines[-1] if lines else None


def _failed(exc: BaseException, text: str) -> tuple[str, str]:
    """（除数为 0） for a calculation that failed, and the expression on the template's line `text` that failed where
    only one there can be it (1/0 in jinja2's traceback has only the line)."""
    frames = (frame for frame, _ in traceback.walk_tb(exc.__traceback__))
    filter_frame = next((frame for frame in frames if frame.f_code in (pct.__code__, num.__code__)), None)
    if filter_frame is not None:  # `| pct` on a text or on nothing
        name, value = filter_frame.f_code.co_name, filter_frame.f_locals.get("value")
        return f"（过滤器 {name} 只能用于数字{f'，这里是“{value}”' if isinstance(value, str) else ''}）", _only(rf"\|\s*{name}\b", text)
    if isinstance(exc, ZeroDivisionError):
        return "（除数为 0）", _only(r"(?:/|%)\s*0+(?:\.0*)?(?![\w.])", text)
    return "", ""


def _only(pattern: str, text: str) -> str:
    found = re.findall(pattern, text)
    return found[0] if len(found) == 1 else ""


def _unknown(lines: list[str], number: int | None, message: str) -> str:
    """第 38 行（…）没有名为 pctt 的过滤器… for jinja2's unknown filter or test (at compiling, or inside an
    {% if %} at rendering), else ""."""
    found = re.search(r"No (filter|test) named '([^']*)'", message)
    if not found:
        return ""
    kind = f"过滤器（可用 {'、'.join(_FILTERS)} 和 jinja2 自带的过滤器）" if found[1] == "filter" else "判断（is 之后的写法）"
    return f"{_at(lines, number, found[2])}没有名为 {found[2]} 的{kind}：{_FIX}"


def _tags(env: Any, source: str) -> list[tuple[str, int]]:
    """The block tags' names and lines, as jinja2's lexer reads them (a lexer error further on: what was read counts)."""
    tags: list[tuple[str, int]] = []
    with suppress(Exception):
        for first, name in pairwise(env.lexer.tokenize(source)):
            if first.type == "block_begin" and name.type == "name":
                tags.append((name.value, name.lineno))
    return tags


def _open_blocks(tags: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], int | None]:
    """The blocks open at the first end tag that does not close the innermost one (and its index), as jinja2 pairs
    them, or at the end (None)."""
    stack: list[tuple[str, int]] = []
    for i, (name, line) in enumerate(tags):
        if name in _BLOCKS:
            stack.append((name, line))
        elif name.startswith("end") and name[3:] in _BLOCKS:
            if not stack or stack[-1][0] != name[3:]:
                return stack, i
            stack.pop()
    return stack, None


def _tag_fault(env: Any, source: str, lines: list[str], exc: Any) -> str:
    """第 36 行的 {% endfi %} 不是模板认得的写法…, 第 40 行多了一个 {% endif %}…, 第 35 行（{% if to_date %}）的
    {% if %} 没有结束… for a misspelt tag, an end tag closing no open block, a block without its end tag; else ""."""
    message, number = exc.message or "", exc.lineno
    found = re.match(r"Encountered unknown tag '(\w+)'", message)
    block = re.search(r"needs to be closed is '(\w+)'", message)
    if found and found[1] not in _TAGS:  # a misspelt tag: the one it is closest to
        written = re.search(r"\{%[-+]?\s*" + re.escape(found[1]) + r"\b.*?%\}", _line(lines, number))
        guess = (["elif"] if re.fullmatch(r"else_?if|elsif", found[1]) else  # {% elseif %}: not {% else %}
                 difflib.get_close_matches(found[1], _COMMON, n=1) or difflib.get_close_matches(found[1], _TAGS, n=1))
        said = f"第 {number} 行的 {written[0] if written else f'{{% {found[1]} %}}'} 不是模板认得的写法"
        return f"{said}{f'（是不是 {{% {guess[0]} %}}？）' if guess else ''}：{_FIX}"
    if not (found and found[1].startswith("end")) and not (block and message.startswith("Unexpected end of template")):
        return ""
    tags = _tags(env, source)
    stack, at = _open_blocks(tags)
    if found:
        if at is None or tags[at] != (found[1], number):
            return ""
        rest, after = _open_blocks(tags[:at] + tags[at + 1 :])
        if stack and found[1][3:] not in (name for name, _ in stack) and not (after is None and not rest):
            inner, opened = stack[-1]  # {% if %} … {% endfor %}: the end tag of another block
            return (f"第 {number} 行的 {{% {found[1]} %}} 结束不了{_at(lines, opened, inner)}的 {{% {inner} %}}："
                    f"请改成 {{% end{inner} %}}，{_DELETE}")  # fmt: skip
        if found[1][3:] not in (name for name, _ in stack) or (after is None and not rest):  # without it all pair up
            tag = found[1][3:]
            return (f"第 {number} 行多了一个 {{% end{tag} %}}（它前面没有对应的 {{% {tag} %}}）："
                    f"请删去它或补上漏掉的 {{% {tag} … %}}，{_DELETE}")  # fmt: skip
    if not block:
        return ""
    tag = block[1]  # the innermost block, open where the template or the block around it ends
    opened = stack[-1][1] if stack and stack[-1][0] == tag else None
    where = f"{_at(lines, opened, tag)}的" if opened else "有"
    before = f"在{_at(lines, number, found[1])}之前" if found else "在它该结束的地方"
    return f"{where} {{% {tag} %}} 没有结束：请{before}补上 {{% end{tag} %}}，{_DELETE}"


def _line(lines: list[str], number: int | None) -> str:
    return lines[number - 1] if number and 1 <= number <= len(lines) else ""


def _at(lines: list[str], number: int | None, near: str = "") -> str:
    """第 3 行（{{ 1/0 }}）: the line as the coordinator wrote it; of a long line, the part around `near`."""
    if number is None or not 1 <= number <= len(lines):
        return f"第 {number} 行" if number else ""
    text = lines[number - 1].strip()
    start = max(0, min(text.find(near) - 20, len(text) - 60)) if near and near in text else 0
    return f"第 {number} 行（{'…' if start else ''}{text[start:start + 60]}{'…' if len(text) > start + 60 else ''}）"
