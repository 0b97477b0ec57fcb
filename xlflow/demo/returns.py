"""Realistic, messy unit returns for `xlflow demo` and the benchmarks — deterministic for a given seed.

    manifest = generate_month(units, 2015, 3, Path("inbox/2015-03"), seed=7)
    for f in manifest.files: f.path, f.unit, f.shape, f.rows   # per data row: Excel row, title, date, flaw planted

One workbook per unit, in table order, less `missing` units chosen by the seed; with every_unit=False a unit with
only an annual quota sends in one month of each quarter, as such units do. Everything is a function of (seed, unit,
year, month), so a month regenerates identically on its own, and a unit's titles never repeat within a year: every
title names its month, and within a month each title pattern is used once. Only the R6 rows repeat a title. What
xlflow must find in these files is not said here: the tests' oracle is tests/oracle.py.

Shapes (SPEC §5), each a way real units send the form back; `shapes=` picks some of `SHAPES` (cycled):

    canonical           the distributed template: title, 报送单位/报送月份 label cells, header, 填表说明 sheet;
                        序号 and 字数 are formulas (the reader must take their cached values)
    instructions_first  填表说明 sheet first, a hidden sheet holding last month's rows, data on "Sheet1"
    title_rows          three title rows naming unit and month, a 填报日期 label, no 报送单位 label
    merged_header       merged title, one-cell labels (报送单位：…　　报送月份：…), header over two rows with
                        group cells (审签 over 审签人/职务, 紧急信息 over 紧急程度/事件发生时间)
    reordered           columns in another order, some optional columns dropped
    synonyms            header synonyms with decorations and line breaks (标题（必填）, 信息\\n内容, 签发人 …), 是否紧急 是/否
    blank_notes         blank rows between articles, 注：and 填表人：footer rows, a 合计 row, numbered empty rows
    unit_column         a 报送单位 column (spelling varies by row) instead of the label; month label only
    filename_only       no labels, no title: unit and month only in the file name
    chars_only          no 正文 column: 字数 typed by hand, often in full-width digits (３５０) or as 350字
    merged_cells        审签人 merged down over consecutive articles (the value counts for every row)
    xls                 legacy .xls (BIFF8, via xlwt) with title rows and labels

Dates come in every form a unit types: real dates, General-format serials, 2015年3月5日, 2015.3.5, 2015/3/5,
3月5日, 2015-03-05 as text. Names carry \\u3000 and no-break spaces; unit labels use aliases, short names, 汩罗.

Flawed rows (bad_rows=True) each carry one flaw aimed at one rule (`BAD_KINDS`: R1 … R9, R5w a date in the previous
month, R7m urgent without an event time); a month has every kind when it has enough files. problem_files=True adds
files the pipeline must refuse or skip, each with its `FileManifest.file_code`: F1 text renamed .xlsx, F2 truncated,
F4 an owner lock file ~$…, F5 no header, F6 an unknown unit, F7 last month's file, F8 an older copy of a unit's file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xlflow.core.schema import COLUMNS_BY_KEY, KIND_COUNTY, REPORT_COLUMNS
from xlflow.core.text import count_chars
from xlflow.core.units import Unit, UnitTable

SHAPES: tuple[str, ...] = (
    "canonical",
    "instructions_first",
    "title_rows",
    "merged_header",
    "reordered",
    "synonyms",
    "blank_notes",
    "unit_column",
    "filename_only",
    "chars_only",
    "merged_cells",
    "xls",
)


BAD_KINDS: tuple[str, ...] = ("R1", "R2", "R3", "R4", "R5", "R5w", "R6", "R7", "R7m", "R8", "R9")
DATE_FORMS: tuple[str, ...] = ("date", "serial", "cn", "dot", "slash", "md", "iso")
_EPOCH = dt.datetime(1899, 12, 30)
_BODY_CHARS = (300, 1500)  # a good article's length, in characters

# --- what is written: manifest -----------------------------------------------------------------------

# flaws that keep an article out of the count: only for `rows_counted`, the benchmarks' totals
_NOT_COUNTED = frozenset({"R1", "R2", "R3", "R5", "R6", "R9"})


@dataclass(frozen=True)
class WrittenRow:
    row: int  # Excel row number
    title: str  # "" when the row has none
    date: object  # the article's date as planned: a datetime, or the invalid text (or None) a flaw wrote instead
    flaw: str  # the one flaw planted (a BAD_KINDS entry), "" for a good row


@dataclass
class FileManifest:
    path: Path
    unit: str  # the unit the file belongs to ("" for files that name none)
    month: str  # the month the file is for
    shape: str
    rows: list[WrittenRow] = field(default_factory=list)
    file_code: str = ""  # F1 … F8 for a problem file; "" for a normal one

    @property
    def rows_written(self) -> int:
        return len(self.rows)

    @property
    def rows_counted(self) -> int:
        return sum(1 for r in self.rows if r.flaw not in _NOT_COUNTED)


@dataclass
class MonthManifest:
    year: int
    month: int
    out_dir: Path
    files: list[FileManifest] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def unit_files(self) -> list[FileManifest]:
        """The files that should be read and counted (no problem files)."""
        return [f for f in self.files if not f.file_code]


# --- phrase banks -----------------------------------------------------------------------------------

_SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
_GIVEN = (
    "伟", "芳", "敏", "静", "磊", "洋", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "辉", "玲",
    "建国", "建华", "志强", "国庆", "海燕", "丽华", "红梅", "卫东", "晓明", "文斌", "振华", "小平", "立新",
    "春生", "秋菊", "德胜", "爱民", "自力", "永红", "新民", "光辉", "跃进", "振波", "宏伟", "亚琴", "湘平",
)
_COUNTY_TITLES = ("局长", "党组书记、局长", "副局长", "党组副书记、副局长")
_SECTION_TITLES = ("副主任", "党组成员、副主任", "总工程师", "总经济师", "纪检组长")
_COMPANIES = (
    "华科新材料有限公司", "湘北机械制造有限公司", "洞庭生物科技有限公司", "巴陵精细化工有限公司", "君山茶业有限公司",
    "长江港务物流有限公司", "岳州电子科技有限公司", "金叶纸业有限公司", "楚天食品有限公司", "南湖光电有限公司",
    "新港船舶修造有限公司", "恒通电缆有限公司", "洞庭药业有限公司", "绿源环保科技有限公司", "云峰建材有限公司",
)
_PARKS = ("工业园", "高新技术产业园", "循环经济产业园", "临港产业新区", "食品产业园", "装备制造产业园")
_PROJECTS = (
    "年产十万吨精细化工项目", "智能装备制造基地项目", "农产品精深加工项目", "新型建材生产线项目", "电子信息产业园项目",
    "生物医药产业化项目", "现代物流园项目", "光伏组件生产项目",
)
_LEADERS = ("市委书记", "市长", "常务副市长", "分管副市长", "市经信委主任", "省经信委调研组", "市人大常委会调研组", "市政协调研组")
_EXPOS = ("中博会", "湘商大会", "沪洽周", "港洽周", "工业博览会", "中小企业产品展销会")
_INCIDENTS = ("生产安全事故", "火灾事故", "停电故障", "危化品泄漏险情", "设备爆管事故", "企业停产风波")
_BAD_CATEGORIES = ("综合", "其它信息", "经济", "信息", "调研", "7")

# title patterns by category; each names the month ({m}: 3, {r}: 1-3月 or 1月)
_TITLES: dict[str, tuple[str, ...]] = {
    "经济运行": (
        "{place}{r}规模工业增加值同比增长{pct}%",
        "{place}{r}完成工业投资{amt}亿元",
        "{place}{m}月份工业用电量同比增长{pct}%",
        "{place}{r}工业税收入库{amt}亿元",
        "{place}{m}月份工业经济运行情况分析",
        "{place}{r}工业经济呈现稳中有进态势",
        "{place}{r}规模工业实现主营业务收入{amt}亿元",
        "{place}{m}月份规模工业增加值增速回升{pp}个百分点",
    ),
    "政策落实": (
        "{place}{m}月份出台{n}条措施支持实体经济发展",
        "{place}贯彻落实全市{m}月经济工作会议精神",
        "{place}{m}月启动工业企业降成本专项行动",
        "{place}{m}月份兑现工业发展奖补资金{amt}万元",
        "{place}{m}月召开优化发展环境推进会落实惠企政策",
        "{place}{m}月份开展“送政策进企业”活动",
    ),
    "工作动态": (
        "{place}召开{m}月份工业经济运行调度会",
        "{leader}{m}月{d}日到{place}调研工业项目建设",
        "{place}{m}月份组织企业参加{expo}",
        "{place}{m}月开展安全生产大检查",
        "{place}{m}月份举办中小企业融资对接会",
        "{place}{m}月召开新型工业化工作讲评会",
    ),
    "新情况新问题": (
        "{place}{m}月份工业企业用工难问题值得关注",
        "{place}{m}月调研发现部分企业融资成本上升",
        "{place}{m}月推行项目建设“一站式”服务新举措",
        "{place}{m}月份部分中小企业订单下滑需引起重视",
        "{place}{m}月探索“园区+企业”协同招商新路子",
    ),
    "产业园区企业项目": (
        "{company}{m}月份新增生产线正式投产",
        "{place}{park}{m}月新签约项目{n}个",
        "{place}{project}{m}月完成主体工程建设",
        "{company}{m}月获批省级企业技术中心",
        "{place}{park}{m}月份标准厂房建设加快推进",
    ),
    "突发事件": (
        "{place}{company}{m}月{d}日发生{incident}",
        "{place}{m}月{d}日{incident}处置情况报告",
    ),
}

_OPENING = (
    "{m}月份以来，{place}紧紧围绕全年目标任务，",
    "今年以来，{place}坚持把工业作为经济发展的主引擎，",
    "为贯彻落实市委、市政府决策部署，{place}",
    "{m}月{d}日，{place}",
)

# sentences that never report an indicator figure
_GENERAL = (
    "坚持问题导向，主动对接企业需求，帮助企业协调解决融资、用地、用工等方面的实际困难。",
    "组织工作专班深入园区和企业开展调研，逐一梳理企业反映的问题，建立台账，明确责任人和完成时限。",
    "进一步优化发展环境，落实“一站式”服务和“马上办”机制，推动项目审批提速、服务提质。",
    "加强与省市有关部门的汇报衔接，积极争取政策和资金支持，为企业发展创造良好条件。",
    "抓好安全生产和节能降耗工作，督促企业落实主体责任，及时消除各类隐患。",
    "积极引导企业加大技术改造投入，推进“两化融合”，提升企业核心竞争力。",
    "建立县级领导联系重点企业制度，每名领导联系一至两家企业，定期上门服务。",
    "围绕主导产业开展精准招商，加强与沿海发达地区的对接，着力引进一批带动力强的项目。",
    "加快园区基础设施建设，完善道路、供水、供电、污水处理等配套设施，提升园区承载能力。",
    "强化要素保障，协调金融机构开展银企对接，帮助中小企业解决融资难、融资贵的问题。",
    "下一步，将进一步细化工作措施，压实工作责任，确保各项目标任务按时完成。",
    "会议要求，各单位要统一思想、提高认识，切实把各项工作抓紧抓实抓出成效。",
    "同时，认真做好信息报送、统计监测等基础工作，为领导决策提供参考。",
    "在推进过程中，注重发挥企业主体作用，坚持政府引导、市场运作、多方参与。",
    "针对部分企业反映的物流成本偏高问题，协调有关部门研究提出了具体解决办法。",
    "通过召开座谈会、走访企业等方式，广泛听取企业意见建议，及时回应企业关切。",
    "据了解，该项目建成后将进一步延伸产业链条，带动上下游配套企业协同发展。",
    "目前，各项工作进展顺利，企业生产经营总体平稳，发展信心有所增强。",
)
_CATEGORY_SENTENCES: dict[str, tuple[str, ...]] = {
    "政策落实": (
        "认真贯彻落实市委、市政府关于支持实体经济发展的系列政策措施，制定了具体的实施细则。",
        "对照政策清单逐项梳理，将各项惠企政策送到企业手中，做到应知尽知、应享尽享。",
        "组织政策宣讲小分队深入园区企业，面对面解读政策内容和申报流程。",
    ),
    "工作动态": (
        "会议听取了各单位工作进展情况汇报，分析了当前面临的形势，安排部署了下阶段重点工作。",
        "调研组一行先后深入多家企业生产车间和项目建设现场，详细了解生产经营和项目推进情况。",
        "活动共吸引企业代表一百余人参加，现场达成合作意向多项。",
    ),
    "新情况新问题": (
        "调研发现，部分中小企业普遍反映招工难、留人难，熟练技术工人缺口较大。",
        "原材料价格波动较大，部分企业生产成本上升，利润空间受到挤压。",
        "建议进一步加大职业技能培训力度，建立校企合作长效机制，缓解企业用工压力。",
    ),
    "产业园区企业项目": (
        "项目总投资约五亿元，主要建设生产车间、仓储用房及配套设施，目前主体工程已基本完工。",
        "园区新签约项目涵盖装备制造、新材料、食品加工等领域，产业集聚效应逐步显现。",
        "企业新上的自动化生产线投产后，产品质量稳定性明显提高，市场订单持续增加。",
    ),
    "突发事件": (
        "事件发生后，当地政府和有关部门负责同志第一时间赶赴现场，组织开展处置工作。",
        "经初步核查，事件未造成人员伤亡，事故原因正在进一步调查之中。",
        "目前现场已得到有效控制，企业已按要求停产整顿，相关善后工作正在有序开展。",
        "下一步，将举一反三，在全行业开展隐患排查整治，坚决防止类似事件再次发生。",
    ),
}
# indicator sentences: a figure right after 增加值/增速/工业投资/用电/税收, and the analysis the notice requires
_INDICATOR_SENTENCES = (
    "全{scope}规模工业增加值同比增长{pct}%，增速比上月提高{pp}个百分点。",
    "完成工业投资{amt}亿元，同比增长{pct2}%，其中技改投资占比进一步提高。",
    "全社会工业用电量{kwh}亿千瓦时，同比增长{pct3}%，反映出企业开工率稳步回升。",
    "工业税收入库{amt2}亿元，同比增长{pct4}%，占全部税收的比重有所提高。",
)
_ANALYSIS_SENTENCES = (
    "从运行情况看，增长的主要原因是重点企业产能释放较快，新投产项目贡献明显。",
    "但也要看到，部分行业产品价格持续低迷，中小企业资金周转困难，经济下行压力依然较大。",
    "分析认为，下阶段应重点抓好重点企业稳产增产和新开工项目的跟踪服务，防止运行出现大的波动。",
    "从行业看，装备制造、食品加工和新材料行业增长较快，石化、建材行业增速有所放缓。",
)

# header variants for the synonyms shape
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("编号",),
    "date": ("日期", "报送时间", "上报日期"),
    "title": ("标题（必填）", "稿件标题", "信息\n标题", "题目"),
    "category": ("类型", "信息类型", "类别"),
    "body": ("信息内容", "内容", "正文内容"),
    "chars": ("字 数", "正文字数"),
    "analysis": ("情况分析", "有无情况分析"),
    "signer": ("签发人", "审核人", "审签"),
    "signer_title": ("职务", "签发人职务"),
    "channel": ("方式", "报送渠道"),
    "urgency": ("是否紧急",),
    "event_time": ("发生时间", "事件时间"),
    "reporter": ("报送人", "联系人", "填报人"),
    "note": ("说明",),
}


# --- planning: what a unit writes in a month ----------------------------------------------------------


@dataclass
class _Person:
    name: str
    title: str = ""


@dataclass
class _Row:
    """One planned article, in canonical keys; `kind` is the bad-row kind ("" for a good row)."""

    values: dict[str, object]
    kind: str = ""


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _styled_name(rng: random.Random, name: str) -> str:
    """Two-character names are often typed with a full-width space between; some cells carry NBSP."""
    if len(name) == 2 and rng.random() < 0.4:
        return name[0] + "\u3000" + name[1]
    if rng.random() < 0.1:
        return name + "\u00a0"
    return name


def _people(unit: Unit, seed: int) -> tuple[list[_Person], _Person]:
    """The unit's signers and its one correspondent, the same all year."""
    rng = random.Random(f"people:{seed}:{unit.name}")
    titles = _COUNTY_TITLES if unit.kind == KIND_COUNTY else _SECTION_TITLES
    signers = [_Person(_name(rng), rng.choice(titles)) for _ in range(2)]
    reporter = _Person(_name(rng))
    while reporter.name in {s.name for s in signers}:
        reporter = _Person(_name(rng))
    return signers, reporter


def _place(unit: Unit) -> str:
    if unit.kind == KIND_COUNTY:
        return unit.name.removesuffix("工信局")
    return "市经信委" if "科" in unit.name or "室" in unit.name else unit.name


def _short(unit: Unit) -> str:
    return unit.name.removesuffix("工信局")


def _fill(pattern: str, rng: random.Random, ctx: dict[str, object]) -> str:
    values = {
        "pct": f"{rng.uniform(3, 15):.1f}",
        "pct2": f"{rng.uniform(5, 30):.1f}",
        "pct3": f"{rng.uniform(2, 12):.1f}",
        "pct4": f"{rng.uniform(3, 20):.1f}",
        "pp": f"{rng.uniform(0.2, 3):.1f}",
        "amt": f"{rng.uniform(2, 80):.1f}",
        "amt2": f"{rng.uniform(0.5, 9):.2f}",
        "kwh": f"{rng.uniform(0.5, 6):.2f}",
        "n": rng.randint(3, 20),
        "d": rng.randint(1, 28),
        "company": rng.choice(_COMPANIES),
        "park": rng.choice(_PARKS),
        "project": rng.choice(_PROJECTS),
        "leader": rng.choice(_LEADERS),
        "expo": rng.choice(_EXPOS),
        "incident": rng.choice(_INCIDENTS),
        "scope": "县" if ctx.get("county") else "市",
    }
    values.update(ctx)
    return pattern.format(**values)


def _body(rng: random.Random, category: str, ctx: dict[str, object], target: int, *, indicator: bool) -> str:
    """An article body of about `target` non-whitespace characters, in sentences from the banks."""
    parts = [_fill(rng.choice(_OPENING), rng, ctx)]
    if indicator:
        for sentence in rng.sample(_INDICATOR_SENTENCES, rng.randint(2, 4)):
            parts.append(_fill(sentence, rng, ctx))
        parts.extend(rng.sample(_ANALYSIS_SENTENCES, 2))
    pool = list(_CATEGORY_SENTENCES.get(category, ())) + list(_GENERAL)
    rng.shuffle(pool)
    i = 0
    while count_chars("".join(parts)) < target:
        parts.append(_fill(pool[i % len(pool)], rng, ctx))
        i += 1
    text = "".join(parts)
    # paragraphs as people paste them: line breaks, sometimes a full-width indent
    if rng.random() < 0.5:
        cut = len(parts) // 2
        text = "".join(parts[:cut]) + "\n\u3000\u3000" + "".join(parts[cut:])
    return text


def _short_body(rng: random.Random, ctx: dict[str, object], target: int) -> str:
    text = _fill(_OPENING[0], rng, ctx) + _GENERAL[0] + _GENERAL[2] + _GENERAL[10]
    while count_chars(text) > target:
        text = text[:-2]
    return text.rstrip("，、") + "。"


def _month_text(year: int, month: int) -> dict[str, object]:
    return {"m": month, "r": f"1-{month}月" if month > 1 else "1月", "year": year}


def _plan(unit: Unit, year: int, month: int, *, seed: int, n_rows: int, bad: Sequence[str], chars_only: bool) -> list[_Row]:
    """The articles one unit sends for one month, good ones first in random order, bad ones mixed in."""
    rng = random.Random(f"plan:{seed}:{unit.name}:{year}:{month}")
    signers, reporter = _people(unit, seed)
    ctx = {**_month_text(year, month), "place": _place(unit), "county": unit.kind == KIND_COUNTY}

    weights = {"经济运行": 3, "政策落实": 2, "工作动态": 4, "新情况新问题": 2, "产业园区企业项目": 3, "突发事件": 1}
    patterns = [(cat, p) for cat, ps in _TITLES.items() for p in ps]
    rng.shuffle(patterns)
    patterns.sort(key=lambda cp: -weights[cp[0]] * rng.random())
    used = 0

    def next_pattern(category: str | None = None) -> tuple[str, str]:
        nonlocal used
        for i, (cat, pattern) in enumerate(patterns):
            if category is None or cat == category:
                patterns.pop(i)
                used += 1
                return cat, pattern
        used += 1  # pool exhausted (very large files): a numbered follow-up keeps titles unique
        cat = category or "工作动态"
        return cat, rng.choice(_TITLES[cat]) + f"（之{used}）"

    def article(category: str | None = None, *, urgent: bool = False) -> _Row:
        cat, pattern = next_pattern(category)
        title = _fill(pattern, rng, ctx)
        indicator = cat == "经济运行"
        day = rng.randint(1, 28)
        signer = rng.choice(signers)
        values: dict[str, object] = {
            "date": dt.datetime(year, month, day),
            "title": title,
            "category": cat,
            "body": _body(rng, cat, {**ctx, "d": day}, rng.randint(*_BODY_CHARS), indicator=indicator),
            "analysis": rng.choice(("是", "是", "有", "√")) if indicator else rng.choice(("否", "否", None)),
            "signer": _styled_name(rng, signer.name),
            "signer_title": signer.title,
            "channel": rng.choice(("电子邮件", "电子邮件", "QQ", "传真")),
            "urgency": "一般",
            "event_time": None,
            "reporter": _styled_name(rng, reporter.name),
            "note": None,
        }
        if cat == "突发事件" or urgent:
            values["urgency"] = "紧急"
            values["category"] = "突发事件"
            date = values["date"]
            assert isinstance(date, dt.datetime)
            values["event_time"] = date - dt.timedelta(hours=rng.randint(4, 20), minutes=rng.choice((0, 15, 30)))
        return _Row(values)

    rows = [article() for _ in range(n_rows)]
    for kind in bad:
        row = article("突发事件" if kind in ("R7", "R7m") else None)
        row.kind = kind
        v = row.values
        if kind in ("R1", "R4", "R5", "R5w", "R6", "R8", "R9") and v["category"] in ("经济运行", "突发事件"):
            row = article("工作动态")
            row.kind, v = kind, row.values
        if kind == "R1":
            v["body"] = _short_body(rng, ctx, rng.randint(90, 190))
        elif kind == "R2":
            v["category"] = rng.choice(("经济运行", "2", "经济运行分析"))
            v["analysis"] = rng.choice(("否", None))
            v["urgency"], v["event_time"] = "一般", None
            v["title"] = _fill("{place}{r}规模工业增加值同比增长{pct}%（快报）", rng, ctx)
            v["body"] = _body(rng, "经济运行", ctx, rng.randint(*_BODY_CHARS), indicator=True)
        elif kind == "R3":
            v["signer"] = None
            v["signer_title"] = None
        elif kind == "R4":
            v["category"] = rng.choice(_BAD_CATEGORIES)
        elif kind == "R5":
            v["date"] = rng.choice((None, "待定", f"{year}年{month}月32日", f"{year}.{month}.0"))
        elif kind == "R5w":
            prev = dt.datetime(year, month, 1) - dt.timedelta(days=rng.randint(1, 3))
            v["date"] = prev
        elif kind == "R6":
            originals = [r for r in rows if not r.kind]
            if originals:
                # the same article sent again
                row.values = dict(rng.choice(originals).values)
            else:
                row.kind = ""
        elif kind == "R7":
            date = v["date"]
            assert isinstance(date, dt.datetime)
            v["event_time"] = date - dt.timedelta(days=rng.randint(3, 6), hours=rng.randint(1, 9))
        elif kind == "R7m":
            v["event_time"] = None
        elif kind == "R8":
            v["signer"] = v["reporter"]
            v["signer_title"] = "科员"
        elif kind == "R9":
            v["title"] = None
        if kind == "R6":
            rows.append(row)  # after the row it repeats
        else:
            rows.insert(rng.randint(0, len(rows)), row)
    if chars_only:
        for row in rows:
            body = row.values.pop("body")
            n = count_chars(str(body)) if body else 0
            row.values["chars"] = rng.choice((n, n, str(n).translate(_FULLWIDTH), f"{n}字"))
    return rows


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _date_form(rng: random.Random, value: object, forms: Sequence[str]) -> object:
    """A date as one unit types it."""
    if not isinstance(value, dt.datetime):
        return value
    form = rng.choice(forms)
    if form == "serial":
        return float((value - _EPOCH).days)
    if form == "cn":
        return f"{value.year}年{value.month}月{value.day}日"
    if form == "dot":
        return f"{value.year}.{value.month}.{value.day}"
    if form == "slash":
        return f"{value.year}/{value.month}/{value.day}"
    if form == "md":
        return f"{value.month}月{value.day}日"
    if form == "iso":
        return f"{value.year}-{value.month:02d}-{value.day:02d}"
    return value


def _event_form(rng: random.Random, value: object) -> object:
    if not isinstance(value, dt.datetime):
        return value
    form = rng.random()
    if form < 0.5:
        return value
    if form < 0.75:
        return f"{value.year}-{value.month:02d}-{value.day:02d} {value.hour:02d}:{value.minute:02d}"
    return f"{value.year}年{value.month}月{value.day}日{value.hour}时{value.minute}分" if value.minute else (
        f"{value.year}年{value.month}月{value.day}日{value.hour}时"
    )


# --- layout: the sheets of one file -------------------------------------------------------------------


@dataclass
class _Sheet:
    name: str
    rows: list[list[object]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (0-based, inclusive)
    hidden: bool = False
    header_rows: tuple[int, ...] = ()
    widths: dict[int, float] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (r, c) -> formula; rows hold the cache

    def add(self, row: list[object]) -> int:
        self.rows.append(row)
        return len(self.rows) - 1


_HELP_LINES = (
    ("填表说明", ""),
    ("1", "每条信息填一行：报送日期、信息标题、信息类别、正文（或字数）、审签人必填。"),
    ("2", "每条信息字数不少于200字；指标类信息必须有情况分析。"),
    ("3", "工信局报送的信息由单位负责人审签；科室报送的信息由分管领导审签。"),
    ("4", "紧急信息请注明事件发生时间，第一时间报送。"),
    ("列名", "说明"),
    *((c.name, c.note) for c in REPORT_COLUMNS),
)


def _help_sheet(name: str = "填表说明") -> _Sheet:
    sheet = _Sheet(name)
    for a, b in _HELP_LINES:
        sheet.add([a, b])
    sheet.widths = {0: 14, 1: 70}
    return sheet


def _unit_label(rng: random.Random, unit: Unit) -> str:
    """How a unit writes its own name: full, short, with \u3000, 汩罗 for 汨罗, with the commission's name."""
    choices = [unit.name, unit.name, unit.name.replace("汨罗", "汩罗")]
    if unit.kind == KIND_COUNTY:
        short = _short(unit)
        choices += [short, short + "\u3000工信局", short + " 工信局", short + "工业和信息化局"]
    else:
        choices += ["市经信委" + unit.name, unit.name + " "]
    return rng.choice(choices)


def _month_label(rng: random.Random, year: int, month: int) -> object:
    return rng.choice(
        (f"{year}年{month}月", f"{year}年{month:02d}月", f"{year}-{month:02d}", f"{year}.{month}", f"{year}年{month}月份")
    )


def _file_name(rng: random.Random, unit: Unit, year: int, month: int, shape: str, ext: str) -> str:
    short = _short(unit)
    if shape == "canonical":
        return f"{unit.name}_{year}年{month:02d}月信息报送登记表{ext}"
    if shape == "filename_only":
        return rng.choice(
            (f"{short}_{year}年{month}月政务信息{ext}", f"{year}.{month:02d} {short}信息报送{ext}", f"{unit.name}{year}{month:02d}{ext}")
        )
    return rng.choice(
        (
            f"{unit.name}_{year}年{month:02d}月信息报送登记表{ext}",
            f"{short}{month}月份政务信息{ext}",
            f"{unit.name.replace('汨罗', '汩罗')}_{year}年{month:02d}月{ext}",
            f"政务信息报送登记表（{short}）{ext}",
            f"{short}{year}年{month}月信息报送表{ext}",
        )
    )


def _columns_for(shape: str, rng: random.Random) -> list[str]:
    keys = [c.key for c in REPORT_COLUMNS]
    if shape == "chars_only":
        keys.remove("body")
    if shape == "reordered":
        for drop in ("seq", "channel", "note"):
            if rng.random() < 0.6:
                keys.remove(drop)
        rng.shuffle(keys)
    if shape == "unit_column":
        keys.insert(1, "unit")
    return keys


def _header_text(key: str, shape: str, rng: random.Random) -> str:
    if key == "unit":
        return "报送单位"
    if shape == "synonyms":
        return rng.choice(_SYNONYMS[key])
    return COLUMNS_BY_KEY[key].name


def _layout(unit: Unit, year: int, month: int, shape: str, rows: list[_Row], seed: int) -> tuple[list[_Sheet], list[int]]:
    """The sheets of the file and the Excel row number of each planned row (same order as `rows`)."""
    from xlflow.writers.report import chars_formula  # the template's own 字数 formula

    rng = random.Random(f"layout:{seed}:{unit.name}:{year}:{month}:{shape}")
    keys = _columns_for(shape, rng)
    width = len(keys)
    col = {k: i for i, k in enumerate(keys)}
    headers = [_header_text(k, shape, rng) for k in keys]
    sheet = _Sheet("信息报送登记表")
    sheets = [sheet]
    forms = DATE_FORMS if shape != "xls" else ("date", "serial", "cn", "dot", "slash")
    title = "岳阳市经信委政务信息报送登记表"

    if shape in ("canonical", "blank_notes", "unit_column", "chars_only", "merged_cells", "reordered", "synonyms"):
        sheet.add([title] + [None] * (width - 1))
        sheet.merges.append((0, 0, 0, width - 1))
        labels: list[object] = [None] * width
        if shape != "unit_column":
            labels[0], labels[min(1, width - 1)] = "报送单位：", _unit_label(rng, unit)
        labels[min(3, width - 1)], labels[min(4, width - 1)] = "报送月份：", _month_label(rng, year, month)
        sheet.add(labels)
    elif shape == "title_rows":
        sheet.add(["岳阳市经济和信息化委员会"] + [None] * (width - 1))
        sheet.add([f"{_unit_label(rng, unit)}{year}年{month}月政务信息报送登记表"] + [None] * (width - 1))
        sheet.merges += [(0, 0, 0, width - 1), (1, 0, 1, width - 1)]
        sheet.add([None] * (width - 3) + ["填报日期：", f"{year}年{month % 12 + 1}月2日", None])
    elif shape == "merged_header":
        sheet.add([title] + [None] * (width - 1))
        sheet.merges.append((0, 0, 0, width - 1))
        sheet.add([f"报送单位：{_unit_label(rng, unit)}\u3000\u3000\u3000报送月份：{year}年{month}月"] + [None] * (width - 1))
        sheet.merges.append((1, 0, 1, width - 1))
    elif shape == "instructions_first":
        sheets.insert(0, _help_sheet())
        old = _Sheet("上月", hidden=True)  # last month's sheet kept in the file: read, and set aside as another month's
        last = dt.date(year, month, 1) - dt.timedelta(days=1)
        old.add(["报送单位", unit.name, None, "报送月份", f"{last.year}年{last.month}月"] + [None] * (width - 5))
        old.header_rows = (old.add(headers),)
        for k in range(3):
            old.add([k + 1, f"{year - 1}-12-0{k + 1}", f"上年旧信息{k + 1}", "工作动态", "旧内容" * 80] + [None] * (width - 5))
        sheets.insert(1, old)
        sheet.name = "Sheet1"
        sheet.add(["报送单位", _unit_label(rng, unit), None, "报送月份", _month_label(rng, year, month)] + [None] * (width - 5))
        sheet.add([None] * width)
    elif shape == "xls":
        sheet.add([f"{title}"] + [None] * (width - 1))
        sheet.merges.append((0, 0, 0, width - 1))
        sheet.add(["报送单位：", _unit_label(rng, unit), None, "报送月份：", f"{year}年{month}月"] + [None] * (width - 5))
    # filename_only: no rows above the header

    if shape == "merged_header":
        groups = {"signer": ("审签", ("signer", "signer_title")), "urgency": ("紧急信息", ("urgency", "event_time"))}
        top: list[object] = [None] * width
        bottom: list[object] = [None] * width
        r = len(sheet.rows)
        for k, c in col.items():
            group = next((g for g in groups.values() if k in g[1]), None)
            if group is None:
                top[c] = headers[c]
                sheet.merges.append((r, c, r + 1, c))
            else:
                bottom[c] = headers[c]
                if k == group[1][0]:
                    top[c] = group[0]
                    sheet.merges.append((r, c, r, c + 1))
        sheet.add(top)
        sheet.add(bottom)
        sheet.header_rows = (r, r + 1)
    else:
        sheet.header_rows = (sheet.add(headers),)

    yes_no_urgency = shape == "synonyms"
    unit_spellings = [_unit_label(rng, unit) for _ in range(3)]
    excel_rows: list[int] = []
    first_data = len(sheet.rows)
    for n, planned in enumerate(rows, start=1):
        if shape == "blank_notes" and n > 1 and rng.random() < 0.4:
            sheet.add([None] * width)
        values = dict(planned.values)
        values["seq"] = n
        values["date"] = _date_form(rng, values.get("date"), forms)
        values["event_time"] = _event_form(rng, values.get("event_time"))
        values["unit"] = rng.choice(unit_spellings)
        if yes_no_urgency:
            values["urgency"] = "是" if values.get("urgency") == "紧急" else rng.choice(("否", None))
        r = sheet.add([values.get(k) for k in keys])
        excel_rows.append(r + 1)
        if shape == "canonical":
            sheet.formulas[(r, col["seq"])] = f'=IF(C{r + 1}="","",COUNTA(C${first_data + 1}:C{r + 1}))'
            if "body" in col and "chars" in col:
                body = values.get("body")
                sheet.rows[r][col["chars"]] = count_chars(str(body)) if body else ""
                sheet.formulas[(r, col["chars"])] = chars_formula(f"E{r + 1}")

    if shape == "merged_cells":
        # 审签人 merged down over runs of consecutive good rows that share a signer
        c = col["signer"]
        run_start = None
        for i in range(len(rows) + 1):
            ok = i < len(rows) and not rows[i].kind and rows[i].values.get("signer") is not None
            same = ok and run_start is not None and rows[i].values["signer"] == rows[run_start].values["signer"]
            if run_start is not None and not same:
                if i - run_start >= 2:
                    r0, r1 = excel_rows[run_start] - 1, excel_rows[i - 1] - 1
                    sheet.merges.append((r0, c, r1, c))
                    for rr in range(r0 + 1, r1 + 1):
                        sheet.rows[rr][c] = None
                run_start = None
            if ok and run_start is None:
                run_start = i
    if shape == "blank_notes":
        sheet.add([None] * width)
        for k in range(len(rows) + 1, len(rows) + 4):
            sheet.add([k] + [None] * (width - 1))  # numbered rows left empty
        sheet.add(["合计", None, f"{len(rows)}条"] + [None] * (width - 3))
        sheet.add(["注：1.信息类别从下拉列表选择；2.指标类信息须含情况分析。"] + [None] * (width - 1))
        sheet.add([f"填表人：{_styled_name(rng, _people(unit, seed)[1].name)}", None, None, "联系电话：0730-8715396"] + [None] * (width - 4))
    elif shape in ("canonical", "title_rows", "xls") and rng.random() < 0.5:
        sheet.add([None] * width)
        sheet.add([f"填表人：{_people(unit, seed)[1].name}"] + [None] * (width - 1))
    if shape == "canonical":
        sheets.append(_help_sheet())
    for k in keys:
        sheet.widths[col[k]] = {"title": 36, "body": 50, "date": 12}.get(k, 10)
    return sheets, excel_rows


# --- writing -----------------------------------------------------------------------------------------


CONSTANT_MEMORY_ROWS = 2000  # bigger sheets are written row by row (benchmark corpora)


def _write_xlsx(path: Path, sheets: list[_Sheet]) -> None:
    from xlflow.writers.base import new_workbook

    # constant memory writes row by row: only when no merge reaches down past its first row
    big = sum(len(s.rows) for s in sheets) > CONSTANT_MEMORY_ROWS and all(
        r1 == r0 for s in sheets for (r0, _, r1, _) in s.merges
    )
    buffer = io.BytesIO()  # sample files need no fsync each: thousands are written for benchmarks
    with new_workbook(buffer, title="政务信息报送登记表", constant_memory=big) as book:
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd", "border": 1})
        datetime_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm", "border": 1})
        cell_fmt = book.add_format({"border": 1, "valign": "vcenter"})
        wrap_fmt = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        header_fmt = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
        title_fmt = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
        for spec in sheets:
            ws = book.add_worksheet(spec.name)
            for c, w in spec.widths.items():
                ws.set_column(c, c, w)
            merges_at: dict[int, list[tuple[int, int, int, int]]] = {}
            for m in spec.merges:
                merges_at.setdefault(m[0], []).append(m)
            merged_cells = {(r, c) for (r0, c0, r1, c1) in spec.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
            first_data = max(spec.header_rows, default=-1) + 1
            for r, row in enumerate(spec.rows):
                is_header = r in spec.header_rows
                for c, value in enumerate(row):
                    if (r, c) in merged_cells:
                        continue
                    fmt = header_fmt if is_header else (cell_fmt if r >= first_data else None)
                    formula = spec.formulas.get((r, c))
                    if formula is not None:
                        ws.write_formula(r, c, formula, fmt, "" if value is None else value)
                    elif value is None:
                        if fmt is not None and r >= first_data and spec.header_rows:
                            ws.write_blank(r, c, None, fmt)
                    elif isinstance(value, dt.datetime):
                        ws.write_datetime(r, c, value, datetime_fmt if value.time() != dt.time() else date_fmt)
                    elif isinstance(value, bool):
                        ws.write_boolean(r, c, value, fmt)
                    elif isinstance(value, int | float):
                        ws.write_number(r, c, value, fmt)
                    else:
                        text = str(value)
                        ws.write_string(r, c, text, wrap_fmt if len(text) > 60 and r >= first_data else fmt)
                for (r0, c0, r1, c1) in merges_at.get(r, ()):
                    value = spec.rows[r0][c0]
                    fmt = header_fmt if r0 in spec.header_rows else (title_fmt if r0 < first_data else cell_fmt)
                    ws.merge_range(r0, c0, r1, c1, "", fmt)
                    if isinstance(value, dt.datetime):
                        ws.write_datetime(r0, c0, value, date_fmt)
                    elif isinstance(value, int | float):
                        ws.write_number(r0, c0, value, fmt)
                    elif value is not None:
                        ws.write_string(r0, c0, str(value), fmt)
            if spec.hidden:
                ws.hide()
            if spec.header_rows:
                ws.freeze_panes(max(spec.header_rows) + 1, 0)
    path.write_bytes(buffer.getvalue())


def _write_xls(path: Path, sheets: list[_Sheet]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    datetime_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    header_style = xlwt.easyxf("font: bold on; align: horiz center, wrap on")
    for spec in sheets:
        ws = book.add_sheet(spec.name, cell_overwrite_ok=True)
        merged_cells = set()
        for (r0, c0, r1, c1) in spec.merges:
            value = spec.rows[r0][c0]
            ws.write_merge(r0, r1, c0, c1, "" if value is None else value, header_style)
            merged_cells.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in merged_cells:
                    continue
                if isinstance(value, dt.datetime):
                    ws.write(r, c, value, datetime_style if value.time() != dt.time() else date_style)
                elif r in spec.header_rows:
                    ws.write(r, c, value, header_style)
                else:
                    ws.write(r, c, value)
        for c, w in spec.widths.items():
            ws.col(c).width = int(256 * w)
        if spec.hidden:
            ws.visibility = 1
    book.save(str(path))


# --- the month -----------------------------------------------------------------------------------------


def _sends_in(unit: Unit, month: int) -> bool:
    """A unit with only an annual quota (1 a quarter) sends in one month of each quarter, the same one all year."""
    if unit.monthly is not None:
        return True
    return (month - 1) % 3 == sum(map(ord, unit.name)) % 3


def _rows_for(unit: Unit, rng: random.Random, rows_per_unit: tuple[int, int], by_quota: bool) -> int:
    if by_quota and (unit.monthly is None or unit.monthly < 4):
        return rng.randint(1, 2)
    return rng.randint(*rows_per_unit)


def generate_month(
    units: UnitTable,
    year: int,
    month: int,
    out_dir: Path,
    *,
    seed: int,
    rows_per_unit: tuple[int, int] = (3, 7),
    bad_rows: bool = True,
    shapes: Sequence[str] | None = None,
    problem_files: bool = False,
    missing: int = 0,
    by_quota: bool = True,
    every_unit: bool = True,
) -> MonthManifest:
    """Write one workbook per unit for `month` into `out_dir`; return what each holds, row by row."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"month:{seed}:{year}:{month}")
    chosen = list(shapes or SHAPES)
    unknown = [s for s in chosen if s not in SHAPES]
    if unknown:
        raise ValueError(f"unknown shapes {unknown}; choose from {SHAPES}")
    all_units = list(units)
    skipped = set(u.name for u in rng.sample(all_units, min(missing, len(all_units))))
    sending = [u for u in all_units if u.name not in skipped and (every_unit or _sends_in(u, month))]

    # which files get bad rows: enough to cover every kind, then a share of the rest
    order = list(range(len(sending)))
    rng.shuffle(order)
    n_bad = max(min(len(BAD_KINDS), len(sending)), round(len(sending) / 2)) if bad_rows else 0
    bad_by_file: dict[int, list[str]] = {}
    for j, i in enumerate(order[:n_bad]):
        kinds = [BAD_KINDS[j % len(BAD_KINDS)]]
        if rng.random() < 0.3:
            kinds.append(rng.choice(BAD_KINDS))
        bad_by_file[i] = kinds
    shape_offset = rng.randrange(len(chosen))

    manifest = MonthManifest(year, month, out_dir)
    names_used: set[str] = set()
    for i, unit in enumerate(sending):
        unit_rng = random.Random(f"unit:{seed}:{unit.name}:{year}:{month}")
        shape = chosen[(i + shape_offset) % len(chosen)]
        n_rows = _rows_for(unit, unit_rng, rows_per_unit, by_quota)
        bad = list(bad_by_file.get(i, []))
        if "R6" in bad and n_rows == 0:
            bad.remove("R6")
        planned = _plan(unit, year, month, seed=seed, n_rows=n_rows, bad=bad,
                        chars_only=shape == "chars_only")
        ext = ".xls" if shape == "xls" else ".xlsx"
        name = _file_name(unit_rng, unit, year, month, shape, ext)
        if name in names_used:
            name = f"{unit.name}_{year}年{month:02d}月{ext}"
        names_used.add(name)
        path = out_dir / name
        sheets, excel_rows = _layout(unit, year, month, shape, planned, seed)
        (_write_xls if ext == ".xls" else _write_xlsx)(path, sheets)
        written = [
            WrittenRow(r, str(p.values.get("title") or ""), p.values.get("date"), p.kind) for p, r in zip(planned, excel_rows, strict=True)
        ]
        manifest.files.append(FileManifest(path, unit.name, manifest.key, shape, written))
    if problem_files and sending:
        _problem_files(manifest, sending, rng, seed, names_used)
    return manifest


def _problem_files(
    manifest: MonthManifest, sending: list[Unit], rng: random.Random, seed: int, names: set[str]
) -> None:
    year, month, out_dir = manifest.year, manifest.month, manifest.out_dir
    key = manifest.key

    def add(path: Path, code: str, unit: str = "", shape: str = "problem") -> None:
        manifest.files.append(FileManifest(path, unit, key, shape, [], code))

    # F1: a text file with a workbook's name
    path = out_dir / f"{_short(sending[0])}信息（请查收）.xlsx"
    path.write_text("各位领导：本月信息见附件正文。", encoding="utf-8")
    add(path, "F1")
    # F2: a workbook cut off in transfer
    victim = sending[1 % len(sending)]
    planned = _plan(victim, year, month, seed=seed + 1, n_rows=2, bad=(), chars_only=False)
    sheets, _ = _layout(victim, year, month, "canonical", planned, seed + 1)
    tmp = out_dir / "~tmp-f2.xlsx"
    _write_xlsx(tmp, sheets)
    data = tmp.read_bytes()
    tmp.unlink()
    path = out_dir / f"{victim.name}_{year}年{month:02d}月（重发）.xlsx"
    path.write_bytes(data[: len(data) // 2])
    add(path, "F2", victim.name)
    # F4: an owner lock file left beside an open workbook
    owner = manifest.files[0].path.name
    path = out_dir / f"~${owner[2:]}"
    path.write_bytes(b"\x08" + "王芳".encode("utf-16-le").ljust(108, b"\x20") + b"\x00" * 53)
    add(path, "F4", manifest.files[0].unit)
    # F5: no header, just text
    path = out_dir / f"{_short(sending[2 % len(sending)])}{month}月信息目录.xlsx"
    _write_xlsx(path, [_Sheet("Sheet1", [["本月信息"], ["1、" + _fill(_TITLES["工作动态"][0], rng, {**_month_text(year, month), "place": "本县"})]])])
    add(path, "F5", sending[2 % len(sending)].name)
    # F6: a unit that is not in the quota table
    fake = Unit(0, "市直某某局", "其他", "", 4, 48)
    planned = _plan(fake, year, month, seed=seed, n_rows=2, bad=(), chars_only=False)
    sheets, _ = _layout(fake, year, month, "canonical", planned, seed)
    path = out_dir / f"市直某某局_{year}年{month:02d}月信息报送登记表.xlsx"
    _write_xlsx(path, sheets)
    add(path, "F6")
    # F7: last month's file sent again
    prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
    victim = sending[3 % len(sending)]
    planned = _plan(victim, prev_year, prev_month, seed=seed, n_rows=2, bad=(), chars_only=False)
    sheets, _ = _layout(victim, prev_year, prev_month, "canonical", planned, seed)
    path = out_dir / f"{victim.name}_{prev_year}年{prev_month:02d}月信息报送登记表（上月）.xlsx"
    _write_xlsx(path, sheets)
    add(path, "F7", victim.name)
    # F8: an older copy of a unit's file, superseded by the file already written
    target = manifest.unit_files[-1]
    victim = next(u for u in sending if u.name == target.unit)
    planned = _plan(victim, year, month, seed=seed + 2, n_rows=1, bad=(), chars_only=False)
    sheets, _ = _layout(victim, year, month, "canonical", planned, seed + 2)
    path = out_dir / f"{victim.name}_{year}年{month:02d}月（初稿）.xlsx"
    _write_xlsx(path, sheets)
    newer = target.path.stat().st_mtime
    os.utime(path, (newer - 86400, newer - 86400))
    add(path, "F8", victim.name)
