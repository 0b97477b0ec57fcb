"""The checks of SPEC §6 on every row of a unit workbook, as a registry (`RULES`). Pure: no files, no clock.

A row is read once (`Row`); each rule yields its findings; a row with any error is not counted. R6 (a title
counted twice) is decided last, over all of a unit's rows (`checks.duplicates.mark_duplicates`, called by the
ledger).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from xlflow.core import schema
from xlflow.core.dates import ParsedDate, closest_year, parse_date
from xlflow.core.model import ERROR, WARNING, Article, CellError, Finding, RawRow, UnitFile
from xlflow.core.periods import month_key, month_label
from xlflow.core.schema import CATEGORIES, CATEGORY_OTHER, COLUMNS_BY_KEY, INDICATOR_CATEGORY
from xlflow.core.text import (
    EXCEL_CELL_LIMIT,
    clean_cell,
    count_chars,
    is_correction,
    normalize_title,
    parse_int,
    squash,
)
from xlflow.settings import Settings

_NAMES = {c.name for c in CATEGORIES}
_BY_CODE = {c.code: c.name for c in CATEGORIES}
# a category in short, as the notice words it in part (企业, 项目 alone: none); with another category named, neither
_SHORT = {"产业园区": "产业园区企业项目", "企业项目": "产业园区企业项目",
          "新情况": "新情况新问题", "新问题": "新情况新问题", "突发": "突发事件"}
_YES = {"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "含", "已含", "有分析"}
_NO = {"否", "无", "×", "✗", "n", "no", "false", "0", "不含", "没有"}
_URGENT = {"紧急", "是", "特急", "加急", "急", "√", "y", "yes", "true", "1"}
_NEGATION, _NO_LEADS = re.compile("[否无没不未非缺待]"), ("否", "无", "没有", "没含", "不含", "未含", "×", "✗")  # 是否, 有待
MAX_CHARS = 10_000_000  # a 字数 above this is no article's (1E+20, a pasted ID number): said, never stored
# 审签人 saying there is none (无, 暂无, 未审签, 待审, 无人审签 …); a cell with no letter at all (/, —, 0) names no one too
_NOBODY = re.compile(r"(?:暂|尚|还)?(?:无人?|没有人?|未经?|待|缺)(?:审签?|审核|签发?|签字|领导|审签人)?|否|空|待定|none|null|n/?a")
# ... or saying anywhere in it that it was not signed (领导未审签, 待审批, 无需审签, 出差未签, 待分管领导签批, 未经单位负责人
# 审签, 不予同意): between the negation and the signing only who was to sign, never other words (王五 未修改 同意, 待遇
# 审批科, 核对无误签发, 没有不同意见 are signed)
_WHO = r"(?:经|补|予|有|需要?|须|用|报请|呈报|提交|报送|送|报|交)?(?:单位|主要|分管|局|委|副)*(?:负责人|领导|主任|局长|书记)?"
_UNSIGNED = re.compile(rf"(?:(?<![无没有])不予?|[未没待]){_WHO}(?:[审签批核阅]|同意)|(?<!无)无(?:人|需要?|须|领导)?[审签批]")
_TITLE = re.compile(r"^(?:单位|主要|分管|副)*(?:负责人|领导|局长|主任|书记|科长)")
_APPROVED = {"同意", "已审", "已审签", "已审核", "已签", "已签发", "同意报送", "同意上报", "审核通过", "√", "✓", "✔",
             "已阅", "阅", "已审阅", "已批", "批准"}  # signed off, but no name: R12 (punctuation aside: 同意。)
# an 审签人职务 of no leader (通知 三.4: 工信局 → 单位负责人, 科室 → 分管领导): a clerk anywhere; a section's own 科长; a
# bureau's 科长, 股长, 办公室（副）主任 or 股室负责人; unless a leader's title is there too (副局长兼办公室主任, 党组成员、
# 办公室主任). By kind; "": kind not known (正科级干部 is a rank, no clerk)
_CLERK = r"副?主任科员|科员|办事员|工作人员|通讯员|信息员|联络员|一般干部|普通干部"
_NO_LEADER = {schema.KIND_COUNTY: re.compile(rf"{_CLERK}|副?科长|副?股长|(?:办公室|局办)副?主任|[股科]室负责人"),
              "": re.compile(_CLERK)}
_NO_SECTION_LEADER = re.compile(rf"{_CLERK}|副?科长|科室负责人")  # a section's own 科长 is no 分管领导
_LEADER = re.compile(r"局长|主任|书记|站长|领导|负责人|处长|部长|主席|经理|党组成员|总经济师|总工程师")  # 调研员 is a rank
_KINDS = {u.name: u.kind for u in schema.DEFAULT_UNITS}
COUNTED = "本条照常计入"  # said by a hint of a counted row only (`_uncounted`)
# a cell saying "as the row above" (同上, 〃, ", ditto): in these columns it takes the value of the row above
_DITTO = re.compile(r"同上行?|同前|仝上|[〃\"“”]+|ditto")
_DITTO_KEYS = ("signer", "signer_title", "category", "analysis", "channel", "urgency", "reporter")
# a 正文 cell saying the text is elsewhere (见附件, 详见附件《…》, 略, 全文已传真): with 字数 typed, as if left empty
_ATTACHED = re.compile(r"(?:(?:详|请)?见|另|已)?(?:附件|附后|传真件?|全文已?传真|另附)(?:《[^》]{0,40}》)?[。.]?|略|全文略")
_CLOCK = re.compile(r"(?:凌晨|早上|上午|中午|下午|晚上|夜间)?\d{1,2}(?:[:：]\d{2}(?:[:：]\d{2})?|时(?:\d{1,2}分)?|点(?:\d{1,2}分?)?)")
_ROUGHLY = re.compile(r"大?约|[余多]|左右|以上")  # 约500字, 1000余字, 500多字, 500字左右, 500字以上: the number

# an indicator named, then within a short distance a figure: 8.5%, 3个百分点, 2亿元, 1.2万千瓦时, or in words: 百分之七点九,
# 三个百分点, 两成 (\d also matches full-width digits, so the text needs no NFKC first). 用电 is the consumption
# (用电量; 工业用电 followed by 同比, 增长 …), not 用电户, 用电成本 or 电价; total output, revenue and profit only of
# 规模（以上）工业 / 规上工业 (a project's 年总产值 or a firm's 利润 is no indicator report); 税收 see `indicator_in`
_UNIT = r"(?:%|％|个百分点|个点|亿元|万元|千万元|亿千瓦时|万千瓦时|千瓦时|万度|亿度|倍|成)"
_HANZI = r"[〇零一二两三四五六七八九十百千万亿点]*[〇零一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿点]*"
INDICATOR = re.compile(
    r"(增加值|增速|工业投资|(?:工业|全社会|社会)?用电(?!成本|价|费|户|支出|负担|负荷)|税收"
    r"|规(?:模(?:以上)?|上)工业[^，,。；;！!？?\n]{0,8}?(?:总产值|主营业务收入|利润))[^。；;！!？?\n]{0,24}?"
    rf"(?:\d+(?:[.．]\d+)?\s*{_UNIT}|百分之{_HANZI}|{_HANZI}{_UNIT})"
)
# a 税收 figure that is a relief (减免企业税收, 缓缴税收: in its clause before it; 税收优惠, 税收奖补资金: right after it),
# or a project's expected yield (项目建成投产后年可实现税收: in its sentence before it), is no tax revenue
_RELIEF = re.compile(r"减免|减税|减轻|免征|免税|缓缴|降低|节税|返还|退还|奖补|奖励|优惠|加计扣除")
_RELIEF_AFTER = re.compile(r"税收(?:方面的?)?(?:优惠|减免|返还|退还|奖补|奖励|负担|政策)")
_CLAUSE_END = re.compile(r"[，,、：:（(]")
_EXPECTED = re.compile(r"(?:建成|投产|达产)后|可实现")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
# a 突发事件's follow-up, by its title (续报, 处置情况): the event is older than its first report, no late one (R7)
_FOLLOW_UP = re.compile(r"续报|进展情况|最新进展|处置情况|处理情况|善后|调查结果|原因分析")
_FOLLOWS = re.compile(r"[经据]调查|据?续报")  # ... or by how its 正文 begins


def indicator_in(text: str) -> str | None:
    """The first indicator with its figure in `text` (INDICATOR), not counting a tax relief or a project's tax."""
    start = 0
    while found := INDICATOR.search(text, start):
        sentence = _SENTENCE_END.split(text[: found.start()])[-1]
        relief = _RELIEF.search(_CLAUSE_END.split(sentence)[-1][-8:]) or _RELIEF_AFTER.match(found[0])
        if found[1] != "税收" or not (relief or _EXPECTED.search(sentence)):
            return found[0]
        start = found.start() + 1
    return None


# --- reading one cell -------------------------------------------------------------------------------------


def category_of(value: object) -> str | None:
    """The canonical category a cell means: a name, a code 1–6, or text naming exactly one, in full or in short
    (`_SHORT`), spaces and punctuation aside (新情况、新问题; 产业园区、企业、项目; 突发)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _BY_CODE.get(int(value)) if float(value).is_integer() else None  # not 1.5, NaN or ∞
    text = "".join(ch for ch in squash(str(value)) if not unicodedata.category(ch).startswith("P"))
    if text in _NAMES:
        return text
    if text[:1].isdecimal() and int(text[0]) in _BY_CODE:  # 2, 2经济运行, 2.经济运行: the code, unless text says another
        rest = text[1:].lstrip("类")
        if not rest or [n for n in _NAMES if n in rest] == [_BY_CODE[int(text[0])]]:
            return _BY_CODE[int(text[0])]
    named = {n for n in _NAMES if n in text} | {name for short, name in _SHORT.items() if short in text}
    return named.pop() if len(named) == 1 else None


def _said(value: object) -> str:  # a cell's words without spaces, punctuation or case: 是（附后） -> 是附后
    return "".join(ch for ch in squash(clean_cell(value)).lower() if not unicodedata.category(ch).startswith("P"))


def yes_no(value: object) -> bool | None:
    """是/否, 有/无, √/×, True/False, also with words after (是。 含情况分析 没有分析) as a bool; else None (是否, 有无)."""
    text, lead = _said(value), next((w for w in _NO_LEADS if _said(value).startswith(w)), "")
    yes = text in _YES or text.startswith(tuple("是有含√✓✔")) and not _NEGATION.search(text)
    return True if yes else False if text in _NO or lead and not re.search("[是有含]", text[len(lead) :]) else None


def is_urgent(value: object) -> bool:
    """紧急程度 / 是否紧急 says urgent: 紧急, 是, 特急, √ …, also with words or punctuation after it (紧急。 特急件)."""
    return (t := _said(value)) in _URGENT or t.startswith(("紧急", "特急", "加急", "急", "是", "√")) and not _NEGATION.search(t)


def length_of(value: object) -> int | None:
    """字数 as typed: 350, ３５０, 350字, or said roughly (约500字, 1000余字, 500字以上) as its number; None above MAX_CHARS."""
    number = parse_int(_ROUGHLY.sub("", squash(value)) if isinstance(value, str) else value)
    return number if number is None or number <= MAX_CHARS else None


def nearest_year(parsed: ParsedDate, file_month: str) -> ParsedDate:
    """A yearless date takes the file's year, or the nearer one (12月29日 in a January file: December)."""
    if parsed.value is None or parsed.has_year:
        return parsed
    year, month = map(int, file_month.split("-"))
    nearest = closest_year(parsed.value.month, year, month)
    if nearest == year:
        return parsed
    try:
        value = parsed.value.replace(year=nearest)
    except ValueError:  # 2月29日
        return parsed
    return ParsedDate(value, has_time=parsed.has_time, has_year=False, span=parsed.span)


def date_in(value: object, file_month: str, date1904: bool = False) -> ParsedDate:
    """A cell's date as read in a file of `file_month` (a yearless date takes the nearest year)."""
    return nearest_year(parse_date(value, default_year=int(file_month[:4]), date1904=date1904), file_month)


def _fmt(value: dt.datetime, with_time: bool) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if with_time else value.date().isoformat()


# --- a row, understood once -------------------------------------------------------------------------------


class Row:
    """One data row as the rules see it: every value read once."""

    def __init__(self, raw: RawRow, unit_file: UnitFile, settings: Settings, copied: Sequence[tuple[str, str, object, int]]) -> None:
        v = raw.values
        self.raw, self.file, self.settings = raw, unit_file, settings
        self.copied = copied  # (key, the mark typed, the value read, its row): `copy_down`
        self.title, self.signer, self.reporter, self.body = (self.text(k) for k in ("title", "signer", "reporter", "body"))
        self.has_body_column = "body" in raw.cells
        if _ATTACHED.fullmatch(squash(self.body)) and length_of(v.get("chars")):  # 见附件 beside a typed 字数: no 正文
            self.body = ""
        self.body_chars = count_chars(self.body)  # 0 when empty or no column
        self.chars = self.body_chars or length_of(v.get("chars"))  # the article's length: 正文's, else 字数
        self.category_raw = self.text("category")
        self.category = category_of(v.get("category"))  # one of the six, or None when not recognised
        self.analysis = yes_no(v.get("analysis"))
        self.urgent = is_urgent(v.get("urgency"))
        self.date = date_in(v.get("date"), unit_file.month, unit_file.date1904)  # 报送日期
        self.event = date_in(v.get("event_time"), unit_file.month, unit_file.date1904)  # 事件发生时间
        self.counts_in = unit_file.month  # the month the article counts in: its date's, within the workspace's year
        # came in a 补报: a file, or a 补 or cumulative sheet (SheetRead.repeats)
        self.supplement = unit_file.supplement or any(s.repeats and s.name == raw.sheet for s in unit_file.sheets)
        if self.date.value is not None and self.date.value.year == settings.year:
            self.counts_in = month_key(self.date.value.year, self.date.value.month)

    def text(self, key: str) -> str:
        return clean_cell(self.raw.values.get(key))


def copy_down(raw: RawRow, above: dict[str, tuple[object, int]]) -> tuple[RawRow, list[tuple[str, str, object, int]]]:
    """`raw` with 同上, 〃 … in a `_DITTO_KEYS` column read as the nearest row above with it filled (`above`: key ->
    value, Excel row; updated), nothing when there is none; what was copied (key, the mark, the value, its row)."""
    values, copied = dict(raw.values), []
    for key in _DITTO_KEYS:
        typed, source = clean_cell(values.get(key)), raw.row
        if _DITTO.fullmatch(squash(typed).lower().rstrip("。.")):
            values[key], source = above.get(key, (None, 0))
            copied.append((key, typed, values[key], source))
        if clean_cell(values.get(key)) and not isinstance(values.get(key), CellError):
            above[key] = values[key], source  # a mark under a mark: the row the value is written in
    return (replace(raw, values=values) if copied else raw), copied


@dataclass(frozen=True)
class Hit:
    """What a rule found: the column it is about, the message, and a severity when not the rule's own."""

    column: str  # canonical column key
    message: str
    severity: str = ""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str  # the usual severity; a Hit may say otherwise (R5 outside the month is a warning)
    check: Callable[[Row], Iterator[Hit]] | None  # None: decided elsewhere (R6, over a unit's rows)


# --- the rules --------------------------------------------------------------------------------------------


def _formula_error(row: Row, key: str) -> Hit | None:
    """A formula whose result is an error (#VALUE!, #N/A) in `key`'s cell: said as it is, never as an empty cell."""
    value, name = row.raw.values.get(key), COLUMNS_BY_KEY[key].name
    if isinstance(value, CellError):
        return Hit(key, f"{row.raw.cells.get(key, name)} 的公式结果是错误值 {value}：请改为直接填写{name}后重新报送")
    return None


def _copied(row: Row) -> Iterator[Hit]:
    for key, typed, value, source in row.copied:
        name = COLUMNS_BY_KEY[key].name
        yield Hit(key, f"“{name}”写的是“{typed}”，按第 {source} 行的“{clean_cell(value)}”读取：以后请逐行填写" if source
                  else f"“{name}”写的是“{typed}”，但上面没有填写{name}的行，按没有填写看：请逐行填写")  # fmt: skip


def _too_long(row: Row) -> Iterator[Hit]:
    for key, value in row.raw.values.items():
        if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
            name = COLUMNS_BY_KEY[key].name
            yield Hit(key, f"“{name}”有 {len(value):,} 字，超过 Excel 单元格上限 32,767 字：写回表格时会被截断，请精简后重新报送")


def _no_title(row: Row) -> Iterator[Hit]:
    if hit := _formula_error(row, "title"):
        yield hit
    elif not squash(row.title):
        yield Hit("title", "这一行有内容但没有信息标题：请补填标题后重新报送")


def _too_short(row: Row) -> Iterator[Hit]:
    least = row.settings.min_chars
    if hit := _formula_error(row, "body") or (not row.body_chars and _formula_error(row, "chars")):
        yield hit
        return
    if row.body_chars > 0:
        typed = length_of(row.raw.values.get("chars"))  # not the formula's count: a number typed over it (全文已传真)
        if row.body_chars < least and typed is not None and typed >= least:
            yield Hit("body", f"字数栏填 {typed}，但正文只有 {row.body_chars} 字，不足 {least} 字："
                              "正文请粘贴全文；只传真全文时清空正文、只填字数，再重新报送")
        elif row.body_chars < least:
            yield Hit("body", f"正文只有 {row.body_chars} 字，不足 {least} 字：请补充后重新报送")
        return
    typed = row.text("chars")
    if row.chars is None:
        if typed:
            what = "数字过大，不合理" if parse_int(_ROUGHLY.sub("", squash(typed))) else "不是数字"  # above MAX_CHARS
            yield Hit("chars", f"字数“{typed}”{what}：请填写正文字数（如 350），或粘贴正文")
        else:
            where = "body" if row.has_body_column else "chars"
            yield Hit(where, f"没有正文，也没有填写字数：请粘贴正文或填写字数（不少于 {least} 字）")
    elif row.chars < least:
        yield Hit("chars", f"字数为 {row.chars}，不足 {least} 字：请补充后重新报送")


def _unknown_category(row: Row) -> Iterator[Hit]:
    if row.category is None:
        if hit := _formula_error(row, "category"):
            yield hit
        elif row.category_raw:
            yield Hit("category", f"信息类别“{row.category_raw}”不在六类之中：{COUNTED}，归“其他”类；以后请从下拉列表选择类别")
        else:
            yield Hit("category", f"没有填写信息类别：{COUNTED}，归“其他”类；以后请从下拉列表选择六类之一")


def _no_analysis(row: Row) -> Iterator[Hit]:
    figures = ((where, indicator_in(text)) for where, text in (("标题", row.title), ("正文", row.body)))
    why = "这条信息属经济运行类" if row.category == INDICATOR_CATEGORY else next(
        (f"{where}中的“{found}”是指标数据" for where, found in figures if found), None)  # fmt: skip
    if why and row.analysis is not True:  # no column read: the unread one named (F15), if any
        stated, read = row.text("analysis"), "analysis" in row.raw.cells
        unread = " ".join(f.message for f in row.file.findings if f.code == "F15" and f.sheet == row.raw.sheet)
        col = re.search(r"([A-Z]+) 列“[^”]*分析[^”]*”", unread)  # 是否附分析: a column the reader did not know
        now = (f"“是否含情况分析”为“{stated}”" if stated else "没有填写“是否含情况分析”") if read else (
            f"{col[0]}不是认得出的“是否含情况分析”一栏，未读取" if col else "登记表没有“是否含情况分析”一栏")  # fmt: skip
        fix = ("把这一栏改为“是”" if read else f"把 {col[1]} 列的表头改为“是否含情况分析”并填“是”" if col
               else "按下发模板加上“是否含情况分析”一栏并填“是”")  # fmt: skip
        yield Hit("analysis", f"{why}，{now}：指标信息必须有情况分析（原因、趋势、措施）；"
                              f"正文已有分析的，{fix}即可，没有的请补充后填“是”，再重新报送")


def _not_signed(row: Row) -> Iterator[Hit]:
    signer, rule = squash(row.signer).lower(), "工信局的信息须经单位负责人审签，科室的信息须经分管领导审签"
    if hit := _formula_error(row, "signer"):
        yield hit
    elif not signer:  # a name typed in 审签人职务 (李建国 局长) said: it is not where the name is read
        held, cell = squash(row.text("signer_title")), row.raw.cells.get("signer_title", "")
        moved = f"审签人职务一栏（{cell}）填了“{row.text('signer_title')}”，审签人姓名请填在审签人一栏；" if held and not (
            _TITLE.fullmatch(held) or _NOBODY.fullmatch(held)) else ""  # fmt: skip
        yield Hit("signer", f"没有审签人：{moved}{rule}，请补填后重新报送")
    elif _UNSIGNED.search(signer) or not _approved(row) and (_NOBODY.fullmatch(signer) or not any(map(str.isalpha, signer))):
        yield Hit("signer", f"审签人填的是“{row.signer}”，即没有审签人：{rule}，请经领导审签后填写审签人姓名，再重新报送")


def _approved(row: Row) -> bool:
    """同意, 已阅, √ … in 审签人: a leader approved, but by whom (单位负责人 or 分管领导, as the notice asks) is not said."""
    said = "".join(ch for ch in squash(row.signer) if not unicodedata.category(ch).startswith("P"))
    return said in _APPROVED or _TITLE.sub("", said) in _APPROVED  # 局长（已阅）: a title, still no name


def _no_signer_name(row: Row) -> Iterator[Hit]:
    if _approved(row):  # counted: R12, a 提示, not R3 未审签 (the article was signed off)
        yield Hit("signer", f"审签人只写了“{row.signer}”，没有审签领导的姓名：以后请填写审签领导的姓名")


def _bad_date(row: Row) -> Iterator[Hit]:
    date, file_month = row.date, row.file.month
    if date.value is None:
        shown = row.text("date")
        if hit := _formula_error(row, "date"):
            yield hit
        elif date.error == "missing":
            yield Hit("date", "没有填写报送日期：请补填（如 2015-03-05）后重新报送")
        elif date.error == "impossible":
            yield Hit("date", f"报送日期“{shown}”不存在：请改正（如 2015-03-05）后重新报送")
        elif date.error == "ambiguous":  # 3.1: Excel keeps 3.10 as a number without its zero
            n = date.typed
            m, d = n.split(".")
            year = closest_year(int(m), int(file_month[:4]), int(file_month[5:]))  # in the workspace's year, else the file's
            ym = f"{year if year == row.settings.year else file_month[:4]}-{int(m):02d}"  # 12.1 in March: this December
            yield Hit("date", f"报送日期填的是数字 {n}，是 {m}月{d}日 还是 {m}月{d}0日（Excel 会把 {n}0 存成 {n}）无法确定："
                              f"请写成 {ym}-0{d} 或 {ym}-{d}0 后重新报送")
        else:
            yield Hit("date", f"报送日期“{shown}”无法识别：请写成 2015-03-05 或 2015年3月5日后重新报送")
        return
    dated = month_key(date.value.year, date.value.month)
    if dated != file_month:  # a date outside the workspace's year counts in the file's month: never lost
        where = (f"不在 {row.settings.year} 年度：计入时算本表 {month_label(file_month)}" if row.counts_in == file_month
                 else f"不在本表的 {month_label(file_month)}：计入时算 {month_label(dated)}")  # fmt: skip
        fix = "；如日期填错，请改正后重新报送"  # a 更正 re-lists earlier rows as told, or adds one dated wrong:
        if row.counts_in < file_month and (row.supplement or is_correction(row.file.name)):  # R5 cannot tell which
            fix = "（补报），无需修改" if row.supplement else f"：如是已报送过的稿件在更正中重列，无需修改{fix}"
        yield Hit("date", f"报送日期 {_fmt(date.value, False)} {where} 的稿件{fix}", WARNING)
    event = row.event.value if row.urgent else None  # 事件发生时间 is the emergencies' (a meeting to come is no error)
    if event is not None and (event.date() > date.value.date() or (date.has_time and event > date.value)):
        yield Hit(
            "event_time",
            f"事件发生时间 {_fmt(event, row.event.has_time)} 晚于报送日期 {_fmt(date.value, date.has_time)}："
            "请核对事件发生时间和报送日期，改正后重新报送",
            WARNING,
        )


def _no_event_time(row: Row) -> Iterator[Hit]:
    if row.urgent and row.event.error == "missing":
        yield Hit("event_time", f"标为紧急，但没有填写事件发生时间，无法判断是否迟报：{COUNTED}；以后请填写事件发生的日期和时间（如 2015-03-05 08:30）")
    elif row.urgent and row.event.value is None:
        typed = row.text("event_time")
        what = "只写了时刻，没有日期" if _CLOCK.fullmatch(squash(typed)) else "无法识别"  # 08:30, 上午8:30, 8时30分
        yield Hit("event_time", f"事件发生时间“{typed}”{what}，无法判断是否迟报：{COUNTED}；以后请写成 2015-03-05 08:30")


def _late_emergency(row: Row) -> Iterator[Hit]:
    """紧急, or of the category 突发事件 though not marked 紧急 (通知 三.2: 重大突发事件、紧急情况要在第一时间报送)."""
    event, reported, limit = row.event, row.date, row.settings.emergency_hours
    sudden = not row.urgent and row.category == "突发事件"  # unless a follow-up: 续报 in its title or first sentence
    if sudden and (_FOLLOW_UP.search(row.title) or _FOLLOWS.match(row.body.lstrip())):
        return
    if not (row.urgent or sudden) or event.value is None or reported.value is None:
        return
    shown = [t.replace(second=0, microsecond=0) for t in (reported.value, event.value)]  # the minutes the hint shows
    minutes = math.ceil((shown[0] - shown[1] - event.span).total_seconds() / 60)  # 3月7日晚: from its end
    if minutes > limit * 60:
        hours = f"{minutes // 60} 小时" + (f" {minutes % 60} 分" if minutes % 60 else "")  # 24 小时 30 分, never 24
        when = f"“{row.text('event_time')}”" if event.span else f" {_fmt(event.value, event.has_time)}"
        said = (f"{_fmt(reported.value, reported.has_time)} 才报送，相隔{'至少' if event.span else '约'} {hours}，"
                f"超过 {limit:g} 小时：")  # fmt: skip
        yield Hit("event_time", f"类别为突发事件：事件发生于{when}，{said}重大突发事件须在第一时间报送，不得延误；"
                                f"以后请在事件发生后 {limit:g} 小时内报送，“紧急程度”选“紧急”" if sudden else
                                f"紧急信息：事件发生于{when}，{said}紧急情况须在第一时间报送")  # fmt: skip


def _self_signed(row: Row) -> Iterator[Hit]:
    signer = squash(row.signer)
    if signer and signer == squash(row.reporter):
        yield Hit("signer", f"审签人与通讯员是同一人（{row.signer}）：信息须由单位负责人或分管领导审签，不宜自审自签；{COUNTED}，以后请由审签领导审签")


def _wrong_role(row: Row) -> Iterator[Hit]:
    kind = squash(row.file.kind) or _KINDS.get(row.file.unit, "")  # 县（市）区工信局 typed: a bureau; 运行科室: not known
    kind = schema.KIND_COUNTY if kind.endswith(("工信局", "经信局")) else kind if kind in schema.UNIT_KINDS else ""
    roles, typed = _NO_LEADER.get(kind, _NO_SECTION_LEADER), row.text("signer_title")
    key, said = ("signer_title", typed) if squash(typed) else ("signer", row.signer)  # 吴芳（科员） in 审签人
    if not squash(row.signer) or not roles.search(squash(said)) or _LEADER.search(roles.sub("", squash(said))):
        return
    who = "单位负责人" if kind == schema.KIND_COUNTY else "分管领导" if kind else "单位负责人或分管领导"
    rule = {schema.KIND_COUNTY: "各工信局报送的信息由单位负责人审签", "": "各工信局报送的信息由单位负责人审签，各科室的由分管领导审签",
            schema.KIND_COORDINATOR: "综合法规科向上级报送的信息由分管领导审签，特别重要的报主要领导审签"}.get(kind, "各科室报送的信息由分管领导审签")
    yield Hit(key, f"{'审签人职务为' if key == 'signer_title' else '审签人填的是'}“{said}”，不是{who}：按通知，{rule}；"
                   f"{COUNTED}，以后请由{who}审签，并填写其姓名和职务")  # fmt: skip


RULES: tuple[Rule, ...] = (
    Rule("R10", "内容过长", WARNING, _too_long),  # first: it explains odd text further on
    Rule("R14", "照抄上一行", WARNING, _copied),  # 同上, 〃: read as the row above, before the rules see the value
    Rule("R9", "标题为空", ERROR, _no_title),  # a row with content but no title cannot be counted or de-duplicated
    Rule("R1", "字数不足", ERROR, _too_short),
    Rule("R4", "类别不明", WARNING, _unknown_category),
    Rule("R2", "缺少情况分析", ERROR, _no_analysis),
    Rule("R3", "未审签", ERROR, _not_signed),
    Rule("R12", "审签人无姓名", WARNING, _no_signer_name),  # 同意, 已阅, √: signed off, counted
    Rule("R5", "日期无效", ERROR, _bad_date),
    Rule("R7", "紧急迟报", WARNING, _late_emergency),
    Rule("R11", "事件时间不明", WARNING, _no_event_time),  # not 迟报: without a readable time there is nothing to judge
    Rule("R8", "自审自签", WARNING, _self_signed),
    Rule("R13", "审签人职务不符", WARNING, _wrong_role),  # a clerk, or a section's own 科长: counted
    Rule("R6", "重复报送", ERROR, None),  # decided last, over a unit's rows: mark_duplicates
)
RULE_NAMES: dict[str, str] = {rule.code: rule.name for rule in RULES}


# --- a file -------------------------------------------------------------------------------------------------


def check_file(unit_file: UnitFile, *, settings: Settings) -> list[Article]:
    """One Article per data row, in row order, with the findings of every rule but R6 and whether it counts so far."""
    articles, above = [], {}  # sheet -> what `copy_down` takes
    for position, typed in enumerate(unit_file.rows):
        raw, copied = copy_down(typed, above.setdefault(typed.sheet, {}))
        row = Row(raw, unit_file, settings, copied)
        findings = [_finding(unit_file, raw, rule, hit) for rule in RULES if rule.check for hit in rule.check(row)]
        if any(f.severity == ERROR for f in findings):
            findings = _uncounted(findings)
        articles.append(_article(row, position, findings))
    return articles


def _uncounted(findings: list[Finding]) -> list[Finding]:
    """A row not counted: its hints say nothing of being counted (本条照常计入 is said of a counted row only)."""
    return [replace(f, message=re.sub(f"{COUNTED}[，；]", "", f.message)) for f in findings]


def _finding(unit_file: UnitFile, raw: RawRow, rule: Rule, hit: Hit) -> Finding:
    column, cell = COLUMNS_BY_KEY[hit.column].name, raw.cells.get(hit.column, "")
    return Finding(unit_file.name, raw.sheet, raw.row, column, cell, rule.code, hit.severity or rule.severity,
                   hit.message, unit=unit_file.unit, month=unit_file.month)  # fmt: skip


def _article(row: Row, position: int, findings: list[Finding]) -> Article:
    unit_file, raw = row.file, row.raw
    return Article(
        unit=unit_file.unit,
        month=row.counts_in,
        file_month=unit_file.month,
        date=row.date.value,
        title=row.title,
        title_key=normalize_title(row.title) if squash(row.title) and not isinstance(raw.values.get("title"), CellError) else "",
        category=row.category or CATEGORY_OTHER,
        category_raw=row.category_raw,
        chars=row.chars,
        body=row.body,
        analysis=row.analysis,
        signer=row.signer,
        signer_title=row.text("signer_title"),
        channel=row.text("channel"),
        urgent=row.urgent,
        event_time=row.event.value,
        reporter=row.reporter,
        note=row.text("note"),
        source_file=unit_file.name,
        sheet=raw.sheet,
        row=raw.row,
        file_sha256=unit_file.sha256,
        counted=not any(f.severity == ERROR for f in findings),
        findings=findings,
        date_text=(row.date.typed or row.text("date")) if row.date.value is None else "",  # 3.1, not 1900-01-03
        position=position,
        title_cell=raw.cells.get("title", ""),
        supplement=row.supplement,
    )
