"""The article rows under a header: blank, note, footer, numbering and repeated header rows left out, cells merged
down several rows filled in, and a finding (F14) for a row with content that is not an article (among them the
paragraphs of an article pasted into the rows below it)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlflow.checks.rows import yes_no
from xlflow.core.dates import parse_date
from xlflow.core.errors import InputFileError
from xlflow.core.model import WARNING, CellError, Finding, RawRow
from xlflow.core.schema import COLUMNS_BY_KEY, LABEL_UNIT
from xlflow.core.text import clean_cell, column_letter, listing, row_runs, squash
from xlflow.intake.returns_header import UNIT_COLUMN, Header, column_key, has_text, labels_above
from xlflow.intake.workbook import map_columns
from xlflow.settings import Settings

SUBSTANTIVE_KEYS = ("title", "body", "chars")  # a row with none of these is not an article (a date filled down)
PREFILLED_KEYS = frozenset({"seq", "reporter", "channel", "urgency"})  # what a blank template row may hold
# a paragraph pasted below its article, the formula's 字数; a Word table pasted there spreads to 是否含情况分析
CONTINUATION_KEYS = PREFILLED_KEYS | {"body", "chars", "analysis"}

# a footer or note: a label with its colon (注：…, 填表人：…), 注1, 合计 alone or with its figure, a 填表说明
_NOTE = re.compile(
    r"^(注[:\d一二三①]|(?:备注|说明|附注|填表人|填报人|填表|制表人|制表|审核人|审核|审签人|审签|签发人|签发|负责人|单位负责人|联系人|联系电话"
    r"|电话|手机|示例|填写示例|例)[:]|填表说明|填报说明|(?:合计|小计|总计|共计|总字数)(?:[:\d]|$))"
)
# a leader's 审核 or 签发 typed below the table (审核：李建国, 签发人：…): named, it signs no article
_APPROVAL = re.compile(r"^(?:审核|审签|签发)人?:")
_TOTAL = re.compile(r"^(合计|小计|总计|共计|总字数)")  # a footer even beside a figure in 字数
# a sign-off (footer) that is named: a date or time, a person, a seal or an opinion with at most a name
# (报送时间：2015年3月31日 16:30, 分管领导：王五（签字）, 填报单位：…（盖章）, 报送单位（公章）, 审核意见：), a bare
# date, 本月报送信息2条, 本月合计报送2条
_SEALS = "盖章|签字|签章|签名|公章|章"
_SIGN = rf"\((?:{_SEALS})\)"
_SIGNOFF = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{0,6}}(?:(?:日期|时间):[^:]{{0,15}}(?::\d\d)?|(?:人|领导|单位|审签|意见)(?:{_SIGN}$|"
    rf"(?:\(?(?:{_SEALS})\)?)?:(?:[^:]{{0,5}}|[^:]{{0,20}}{_SIGN})))|(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日"
    r"|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}|(?:(?:本月|本期)(?:共|合计)?|共|合计)(?:报送|上报).*)$"
)
# a count of the articles sent: a footer even beside the sum of 字数 (本月共报送 | =SUM(F4:F6)); also 本月共报送3条信息,
# 以上共3条, 报送数量：3条, 合计（3条）, 3条 (beside 合计 in 序号): `_counted`
_COUNTED = re.compile(r"(?:本月|本期|以上)?(?:共|合计|总计|共计)?(?:(?:报送|上报)(?:信息|稿件)?(?:数量|条数|篇数)?)?:?\(?共?(?:\d+[条篇])?(?:信息|稿件)?\)?:?")
# words that begin a footer as well as a title (以上信息经…, 以上率下…): a row with nothing more is named (F14)
_NOTE_LIKE = re.compile(r"^(以上|注意|示例|联系|手机|电话|合计|小计|总计|共计|说明|备注)")
# the form's filled-in example, never an article: its title begins 示例：, （示例）, （填写示例）, 例：…, its 序号 says so,
# or its 备注 begins 示例, or says 填写示例, 示例行, 请勿删除 (示例园区…, 备注 入选…示例项目: an article)
_EXAMPLE = re.compile(r"^(?:示例:|[(\[【]示例[)\]】]|[(\[【]?(?:填写|填表)示例|样例:|例:)")
_EXAMPLE_NOTE = re.compile(r"^(?:填写|填表)?示例(?:\W|$)|填写示例|填表示例|示例行|此行为示例|请勿删除")
# the heading an instruction above the header begins with (温馨提示：请于…, 报送要求：…), never an article's text
_INSTRUCTION = re.compile(r"^(?:温馨提示|报送要求|填报要求|填写要求|填报说明|填写说明|注:)")
# a caption in the title column, never an article: 无, 暂无, 本月无常规信息…, （本月暂无）, 二、紧急信息, 如下：
_NOTHING = r"\(?(?:(?:本月|本期)暂?无.*|暂?无)\)?"  # 无, 本月无常规信息, （本月暂无）: nothing to report
_NOTHING_RE = re.compile(_NOTHING)
_CAPTION = re.compile(_NOTHING + r"|[一二三四五六七八九十]+、.*|.*:")
_EXAMPLE_SEQ = re.compile(r"[(\[【]*(?:示例|例|样例)[)\]】]*")
# （年月日） （必填）, 如：2015-03-05, 必填, 下拉选择, 粘贴全文: a hint row under the header
_HINT_WORD = r"(?:必填|选填|非必填|可不填|下拉选择|从下拉列表选择|自动计算|自动生成|粘贴全文|粘贴正文|不超过\d+字|不少于\d+字)"
_HINT = re.compile(rf"[(\[【][^)\]】]*[)\]】]|(?:如|例如|格式):.*|{_HINT_WORD}(?:[,、;]{_HINT_WORD})*")


def _is_numbering_row(cells: dict[int, object]) -> bool:
    """The 1 2 3 4 … row some forms put under the header."""
    numbers = []
    for value in cells.values():
        if isinstance(value, str) and squash(value).isdigit():
            value = int(squash(value))
        if not isinstance(value, int | float) or isinstance(value, bool) or not float(value).is_integer():  # NaN, 1.5
            return False
        numbers.append(int(value))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def is_note(cells: dict[int, object], columns: dict[str, int]) -> bool | None:
    """True for a footer or note row (注：…, 填表人：…, 合计, a hint row of （必填）, a sign-off: see `_signoff`), None
    for one that looks like one and is named (one lone cell outside the title, date and body columns, or only a title
    like 以上信息经…), False for a row with a body, a 字数, a signer, a category or a readable date: an article
    whatever its title begins with."""
    texts = [squash(v) for v in cells.values() if isinstance(v, str)]
    hints = {c for c, v in cells.items() if isinstance(v, str) and _HINT.fullmatch(squash(v))}
    if hints == set(cells) or columns["title"] in hints and len(cells) >= 3 and set(cells) - hints <= {columns.get("date")}:
        return True  # beside the hints at most the example of a date
    title = squash(str(cells.get(columns["title"], "")))
    if texts and _NOTE.match(texts[0]) and (not title or title.endswith(":") and _NOTE.match(title)):
        return True  # 注：… in the 正文 column, 填表人：| 王芳 | 联系电话：| 0730-…, 审核：| 李建国: a footer whatever columns
    if _signoff(cells, columns):
        return True
    words = [cells.get(columns.get(k, -1)) for k in ("signer", "category")]  # not a footer's 联系电话：…, nor a — or /
    if _told(cells, columns) or any(_filled(w) and not _footer_text(w) for w in words):
        return False
    if texts and _NOTE.match(texts[0]) and (columns.get("chars") not in cells or _TOTAL.match(texts[0])):
        return True  # 合计 | 900 (the sum of 字数) is a footer, 审核：严把项目准入关 | 600 an article
    lone = len(cells) == 1 and next(iter(cells)) not in {columns.get("title"), columns.get("date"), columns.get("body")}
    # beside the title at most the 序号 the template's formula shows
    only_title = set(cells) - {columns.get("seq")} == {columns["title"]} and _NOTE_LIKE.match(title) is not None
    return None if lone or only_title else False


def _filled(value: object) -> bool:
    """A cell with a letter or a figure: not empty, nor a placeholder (—, /, -) a total row has in every column."""
    return any(ch.isalnum() for ch in clean_cell(value))


def _counted(label: str) -> bool:
    return bool(_COUNTED.fullmatch(label) and re.search(r"报|\d[条篇]", label))


def _footer_text(value: object) -> bool:
    return bool(_NOTE.match(text := squash(str(value))) or _SIGNOFF.match(text))


def _told(cells: dict[int, object], columns: dict[str, int]) -> bool:
    """A 正文 (not a footer's label) or a readable date: what makes a row an article, not a note."""
    body = cells.get(columns.get("body", -1))
    return _filled(body) and not _footer_text(body) or (columns.get(
        "date") in cells and any(parse_date(cells[columns["date"]], y).value for y in (None, 2000)))  # fmt: skip


def _signoff(cells: dict[int, object], columns: dict[str, int]) -> bool:
    """A sign-off under the table, named once per sheet: 报送时间：…, 分管领导签字：李四, 2015年3月31日, 本月报送信息2条
    alone (beside what a template row holds; 本月共报送 beside the sum of 字数 too), or a label with its colon and the name or 同意 in another column (领导审签：| 李四), with
    no 正文, 字数 or date of an article."""
    title, first = squash(str(cells.get(columns["title"], ""))), next((squash(v) for v in cells.values() if isinstance(v, str)), "")
    label = title or first
    if _NOTE.match(first) and _TOTAL.match(first) and not _SIGNOFF.match(label):
        return False  # 合计 | 3条: the silent footer a 合计 row is (is_note), no count named
    total = columns.get("chars") if _counted(label) else None  # 本月共报送 | 560: the sum of 字数
    if not (_SIGNOFF.match(label) or total is not None) or _NOTE.match(label) or _told(cells, columns) or columns.get("chars") in cells.keys() - {total}:
        return False
    kept = {c for k, c in columns.items() if k in PREFILLED_KEYS} | {columns["title"], total}  # 通讯员 by formula
    return not title or title.endswith(":") or not set(cells) - kept


def fill_merged(
    rows: list[list[object]], merged: Sequence[tuple[int, int, int, int]], start: int, title_col: int = -1
) -> None:
    """Copy the value of a cell merged down several data rows into each row of the merge (its first column only:
    a merge across columns is one cell, so a merged footer does not become a row full of copies), except into the
    rows a title merged in `title_col` covers: an article made tall by merging is one article, not a copy of itself."""
    tall = {r for r0, c0, r1, c1 in merged if c0 <= title_col <= c1 and r0 >= start for r in range(r0 + 1, r1 + 1)}
    for r0, c0, r1, _c1 in merged:
        if r1 <= r0 or r1 < start or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(max(r0 + 1, start), min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 < len(row) and not has_text(row[c0]) and r not in tall:
                row[c0] = value


def too_many_rows(name: str, sheet: str, settings: Settings) -> InputFileError:
    return InputFileError(
        f"{name}：工作表“{sheet}”的信息超过 {settings.max_rows_per_sheet} 行，过多，无法安全读取："
        "请核对是否误粘贴了大量内容，删除多余行后重新报送",
        code="F10",
    )


def article_rows(
    rows: list[list[object]], header: Header, settings: Settings, name: str, sheet: str
) -> tuple[list[RawRow], list[str], list[Finding]]:
    """The article rows below the header (to the sheet's last row; below a second table's own header, its columns
    elsewhere, by its columns), the 报送单位 column's values, and a finding for each row with content that is
    neither an article nor a footer nor a prefilled template row, one for a list of another kind below and one for
    articles above the header (F12), and one for the columns with values in articles not read (F15)."""
    out: list[RawRow] = []
    unit_values: list[str] = []
    skipped: list[Finding] = []
    signoffs: dict[int, tuple[bool, str]] = {}  # Excel row -> whether a 审核 or 签发, the sign-off's text
    table: Header | None = header
    while table is not None:
        table = _table_rows(rows, table, settings, name, sheet, (out, unit_values, skipped, signoffs))
    signed = bool(out) and all(has_text(a.values.get("signer")) for a in out)  # then a 审核 footer misleads nobody
    for approval in (False, True):  # footers, but named once: an article may look like one, a 审核 signs none
        lines = {r: text for r, (kind, text) in signoffs.items() if kind is approval}
        if lines and not (approval and signed):
            where, quoted = row_runs(list(lines)), listing([f"“{text}”" for text in lines.values()], 3, "行")
            signer = column_letter(header.columns["signer"])
            then = (f"表尾的审核、签发不算各条信息的审签，审签人须填在每条信息所在行的审签人一栏（{signer} 列）" if approval
                    else "如其中有要报送的信息，请在同一行补全正文或字数后重新报送")  # fmt: skip
            skipped.append(Finding(name, sheet, None, "", "", "F14", WARNING, f"{name}：工作表“{sheet}”第 {where} 行是表尾的"
                                   f"{'审核或签发' if approval else '落款或日期'}（{quoted}），未作为信息读取：{then}"))  # fmt: skip
    if lost := [r + 1 for r, row in enumerate(rows[: header.first_row]) if _above(row, header.columns)]:
        skipped.append(Finding(name, sheet, None, "", "", "F12", WARNING, f"{name}：工作表“{sheet}”第 {row_runs(lost)} 行在表头"
                               f"（第 {header.first_row + 1} 行）上方，没有认得出的表头，未作为信息读取：如是要报送的信息，"
                               "请移到表头下方后重新报送"))  # fmt: skip
    return out, unit_values, skipped


def _table_rows(
    rows: list[list[object]], header: Header, settings: Settings, name: str, sheet: str,
    found: tuple[list[RawRow], list[str], list[Finding], dict[int, tuple[bool, str]]],
) -> Header | None:  # fmt: skip
    """Add the rows below `header` to `found` up to the header of another table, which is returned."""
    start, columns = header.last_row + 1, header.columns
    keys = {k: c for k, c in columns.items() if k != UNIT_COLUMN}
    letters = {k: column_letter(c) for k, c in keys.items()}
    by_column = {c: k for k, c in keys.items()}
    chars_col, own = columns.get("chars"), map_columns(header.texts, column_key)  # own: as a repeat maps it
    (out, unit_values, skipped, signoffs), first, after = found, len(found[0]), None
    head = follows = -1  # the Excel row of the last article; the index of the row a paragraph of it may be in next
    for r in range(start, len(rows)):
        row = rows[r]
        cells = {  # a 字数 of 0: what LibreOffice keeps of the template's formula in an empty row of an .xls
            c: v for c, v in enumerate(row)
            if v is not None and (not isinstance(v, str) or v.strip()) and not (c == chars_col and v == 0)
        }  # fmt: skip
        if not cells or r == start and _is_numbering_row(cells):
            continue
        if any(isinstance(v, CellError) for v in cells.values()) and _prefilled(
                {c: v for c, v in cells.items() if not isinstance(v, CellError)}, by_column):  # fmt: skip
            continue  # an unused template row: its formula (=VLOOKUP of the 序号) shows #N/A
        if where := _example(cells, columns):
            skipped.append(Finding(name, sheet, r + 1, "", "", "F14", WARNING, f"{name}：工作表“{sheet}”第 {r + 1} 行是填表示例，"
                                   f"未作为信息读取：如是本月的信息，请删去{where}的示例字样后重新报送"))  # fmt: skip
            continue
        note = is_note(cells, columns)
        if note is not True and (mapped := _header_keys(row)):
            if _other_kind(row, mapped, header.texts):  # 序号 | 信息标题 | 采用刊物 …: a list, up to the next header
                end = next((e for e in range(r + 1, len(rows)) if _header_keys(rows[e])), len(rows))
                skipped.append(_other_table(name, sheet, rows, r, end, mapped))
                after = Header(end - 1, end - 1, columns, header.texts) if end < len(rows) else None  # read on
                break
            if any(own.get(k) != c for k, c in mapped.items()):  # a second table: its columns elsewhere, more or fewer
                after = Header(r, r, mapped, row)
                break
            continue  # the header pasted again, a cell left blank or misspelt (签字), or 日期 | 标题 over the form's
        pasted = r == follows and note is False and columns.get("body") in cells  # a 正文 right under an article's
        if pasted and _prefilled(cells, by_column, CONTINUATION_KEYS) and not _own_article(cells, columns, settings):
            table = columns.get("analysis") in cells
            skipped.append(_continuation(name, sheet, r + 1, head, letters["body"], table))
            follows += 1
            continue
        if note is False and _NOTHING_RE.fullmatch(squash(clean_cell(cells.get(columns["title"])))) and _prefilled(
                {c: v for c, v in cells.items() if c != columns["title"]}, by_column):  # fmt: skip
            continue  # 无 or 本月无常规信息 alone: a caption saying there is nothing, no article (二、… is a title)
        values = {k: cells.get(c) for k, c in keys.items()}
        if note is not False or all(values.get(k) is None for k in SUBSTANTIVE_KEYS):
            # not an article: F14 unless a note (注：…, 合计) or what a blank template row holds
            if note is not True and not _prefilled(cells, by_column):
                skipped.append(_skipped_row(name, sheet, r + 1, cells, by_column))
            elif note is True and any(isinstance(v, str) and _APPROVAL.match(squash(v)) for v in cells.values()):
                signoffs[r + 1] = True, " ".join(clean_cell(v) for v in cells.values() if isinstance(v, str))
            elif note is True and _signoff(cells, columns):
                signoffs[r + 1] = False, clean_cell(cells.get(columns["title"]) or next(v for v in cells.values() if isinstance(v, str)))
            continue
        if len(out) >= settings.max_rows_per_sheet:
            raise too_many_rows(name, sheet, settings)
        refs = {key: letter + str(r + 1) for key, letter in letters.items()}  # key -> A1 reference
        out.append(RawRow(r + 1, values, refs, sheet))
        head = follows = r + 1
        if has_text(unit := cells.get(columns.get(UNIT_COLUMN))):
            unit_values.append(clean_cell(unit))
    read = out[first:]
    unread = [c for c, text in enumerate(header.texts) if has_text(text) and c not in by_column and c != columns.get(
        UNIT_COLUMN) and any(c < len(rows[a.row - 1]) and has_text(rows[a.row - 1][c]) for a in read)]  # fmt: skip
    if unread:
        values = {c: {squash(clean_cell(rows[a.row - 1][c])) for a in read if c < len(rows[a.row - 1])} for c in unread}
        skipped.append(_unread_columns(name, sheet, header, unread, values))
    return after


def _own_article(cells: dict[int, object], columns: dict[str, int], settings: Settings) -> bool:
    """Under an article, a row with 是/否 in 是否含情况分析, or beside it a 正文 of an article's length: an article of
    its own whose 标题, date … were forgotten (R9, R5 …), not a table pasted under the one above."""
    analysis, body = cells.get(columns.get("analysis", -1)), clean_cell(cells.get(columns["body"]))
    return analysis is not None and (yes_no(analysis) is not None or 0 < settings.min_chars <= len(body))


def _above(row: list[object], columns: dict[str, int]) -> bool:
    """An article above the header (under no header read): a title (6 to 49 characters, not a date) beside a text of
    50 characters or more in the header's 正文 column or beside a date, in a row of three cells or more; never the
    form's example, a label (填报说明：…, 联系人：…) or a text that begins as an instruction (温馨提示：…, 报送要求：…)."""
    cells = {c: v for c, v in enumerate(row) if has_text(v)}
    long = [c for c, v in cells.items() if len(clean_cell(v)) >= 50]
    dated = any(parse_date(v).value for v in row if not isinstance(v, str) or len(v) <= 20)
    titled = any(isinstance(v, str) and 6 <= len(squash(v)) < 50 and not parse_date(v).value for v in cells.values())
    return len(cells) >= 3 and bool(long) and titled and (columns.get("body") in long or dated) and not any(
        isinstance(v, str) and _NOTE.match(squash(v)) for v in row
    ) and not any(_INSTRUCTION.match(squash(clean_cell(cells[c]))) for c in long) and not _example(cells, columns)  # fmt: skip


def articles_end(rows: list[list[object]], header: Header) -> int:
    """The row after the last article under `header` (a title beside more than its 序号, with or without its 正文:
    not a caption such as 无, 本月无常规信息 or 二、紧急信息 without a 正文 or 字数, the example, a note or a label row
    报送单位：…), 0 when none."""
    columns = header.columns
    for r in range(len(rows) - 1, header.last_row, -1):
        cells = {c: v for c, v in enumerate(rows[r]) if has_text(v) and not (c == columns.get("chars") and v == 0)}
        title = squash(clean_cell(cells.get(columns["title"])))
        written = cells.keys() & {columns.get("body"), columns.get("chars")}  # a row with a text is never a caption
        if (title and (written or not _CAPTION.fullmatch(title)) and cells.keys() - {columns["title"], columns.get("seq")}
                and not _example(cells, columns) and is_note(cells, columns) is False and not labels_above([rows[r]])[0]):  # fmt: skip
            return r + 1
    return 0


def _header_keys(row: list[object]) -> dict[str, int]:
    """The columns a header names (a row of three names or more, 信息标题 and another known), else {}."""
    names = [v for v in row if has_text(v)]
    mapped = map_columns(row, column_key) if len(names) >= 3 and all(isinstance(v, str) for v in names) else {}
    return mapped if "title" in mapped and len(mapped) > 1 else {}


def _other_kind(row: list[object], mapped: dict[str, int], texts: list[object]) -> bool:
    """A list of another kind (下月报送计划, 上月采用情况): it names a column the form has not (采用刊物, 拟报送日期,
    责任人) and none that holds an article (报送日期, 正文, 字数); a block of articles with fewer columns is read."""
    return {"date", "body", "chars"}.isdisjoint(mapped) and foreign(row, texts)


def foreign(row: list[object], texts: list[object]) -> bool:
    """A header naming a column the form's (`texts`) has not (采用刊物, 拟报送日期, 责任人)."""
    form = {squash(clean_cell(t)) for t in texts}
    return any(has_text(v) and column_key(v) is None and squash(clean_cell(v)) not in form for v in row)


def _other_table(name: str, sheet: str, rows: list[list[object]], r: int, end: int, mapped: dict[str, int]) -> Finding:
    """F12 for a list below that is no return (下月报送计划, 上月采用情况): its rows from r (its header) to `end`."""
    last = max(e for e in range(r, end) if any(has_text(v) for v in rows[e]))
    heads = "、".join(clean_cell(v) for v in rows[r] if has_text(v))
    lacks = [f"“{COLUMNS_BY_KEY[k].name}”" for k in ("date", "signer") if k not in mapped]
    lacks += [] if {"body", "chars"} & mapped.keys() else ["“正文”或“字数”"]
    return Finding(name, sheet, None, "", "", "F12", WARNING, f"{name}：工作表“{sheet}”第 {r + 1}{f'—{last + 1}' * (last > r)} 行"
                   f"是另一张表（表头：{heads}），没有{''.join(lacks)}列，不是信息报送登记表，未读取：如其中有要报送的信息，"
                   "请按登记表的各列填到表中后重新报送")  # fmt: skip


def _example(cells: dict[int, object], columns: dict[str, int]) -> str:
    """Where a row says it is the form's example (标题开头, 序号, 备注), else ""."""
    title, seq, note = (squash(clean_cell(cells.get(columns.get(k, -1)))) for k in ("title", "seq", "note"))
    marks = (("标题开头", _EXAMPLE.match(title)), ("序号", _EXAMPLE_SEQ.fullmatch(seq)), ("备注", _EXAMPLE_NOTE.search(note)))
    return next((where for where, said in marks if said), "")


def _prefilled(cells: dict[int, object], by_column: dict[int, str], keys: frozenset[str] = PREFILLED_KEYS) -> bool:
    """Only what a blank template row holds: 序号, the correspondent, 报送方式, 紧急程度 (or `keys`), or a column
    without a name."""
    return all(by_column.get(c) in keys or c not in by_column and not has_text(v) for c, v in cells.items())


def _skipped_row(name: str, sheet: str, row: int, cells: dict[int, object], by_column: dict[int, str]) -> Finding:
    filled = "、".join(
        COLUMNS_BY_KEY[by_column[c]].name if c in by_column else f"{column_letter(c)} 列" for c in sorted(cells)
    )
    held = {by_column.get(c) for c in cells}
    missing = [COLUMNS_BY_KEY[k].name for k in SUBSTANTIVE_KEYS if k not in held]  # a footer-like title: not the title
    lacks = "、".join(missing[:-1]) + "和" + missing[-1] if len(missing) > 1 else missing[0]
    return Finding(
        name, sheet, row, "", "", "F14", WARNING,
        f"第 {row} 行只填了 {filled}，没有{lacks}，未作为信息读取：如是一条信息，请在同一行补全后重新报送",
    )  # fmt: skip


def _continuation(name: str, sheet: str, row: int, head: int, letter: str, table: bool = False) -> Finding:
    """F14 for a paragraph (or a table's row) of the article in row `head` pasted into a row of its own: not joined
    (never guessed)."""
    return Finding(
        name, sheet, row, COLUMNS_BY_KEY["body"].name, f"{letter}{row}", "F14", WARNING,
        f"第 {row} 行只有正文" + (f"和右边几列，像是粘贴在第 {head} 行正文下的表格" if table else f"，像是第 {head} 行正文的续段")
        + f"，未作为信息读取：请把它合并到 {letter}{head}（双击单元格，"
        "粘贴到正文末尾），删掉这一行后重新报送；如是另一条信息，请在这一行补填信息标题、报送日期、信息类别和审签人",
    )  # fmt: skip


_APPROVALS = {"", "同意", "已审签", "已审", "审签", "已签", "已签发", "签发", "已阅", "同意报送", "同意上报", "是", "√", "✓", "✔"}


def _unread_columns(name: str, sheet: str, header: Header, unread: list[int], values: dict[int, set[str]]) -> Finding:
    """F15: columns with values in articles whose header names no column, or a column read from another one (one
    holding only approval marks, 同意 beside the 审签人's name, needs nothing)."""
    others, seconds, marks = [], [], []  # not the form's; the second of two columns for one field; 同意 only
    for c in unread:
        part = f"{column_letter(c)} 列“{clean_cell(header.texts[c])}”"
        if (key := column_key(header.texts[c])) in header.columns:
            used = header.columns[key]
            label = COLUMNS_BY_KEY[key].name if key in COLUMNS_BY_KEY else LABEL_UNIT
            read = f"（{label}已按 {column_letter(used)} 列“{clean_cell(header.texts[used])}”读取）"
            (marks if key == "signer" and values[c] <= _APPROVALS else seconds).append(part + read)
        else:
            others.append(part)
    said = [f"{'、'.join(seconds)}未读取：如其中有要报送的内容，请填到下发模板的对应列后重新报送"] if seconds else []
    said += [f"{'、'.join(marks)}只有“同意”等审签标记，未读取（不影响计数）"] if marks else []
    if others:
        said.append(f"{'、'.join(others)}不是登记表的栏目，未读取：如是登记表已有的栏目，请把表头改为下发模板的名称")
    return Finding(name, sheet, None, "", "", "F15", WARNING, f"{name}：工作表“{sheet}”的 {'；'.join(said)}")
