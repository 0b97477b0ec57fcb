"""What units write in their returns: people, titles and bodies from phrase banks, and a unit's articles of a
month with flaws planted in some, before any shape lays them out. Deterministic for (seed, unit, year, month)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

from xlflow.core.schema import KIND_COUNTY
from xlflow.core.text import count_chars
from xlflow.core.units import Unit

_BODY_CHARS = (300, 1500)  # a good article's length, in characters
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

_SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
_GIVEN = (
    "伟 芳 敏 静 磊 洋 勇 军 杰 娟 涛 明 超 霞 平 刚 辉 玲 建国 建华 志强 国庆 海燕 丽华 红梅 卫东 晓明 文斌 "
    "振华 小平 立新 春生 秋菊 德胜 爱民 自力 永红 新民 光辉 跃进 振波 宏伟 亚琴 湘平"
).split()
_COUNTY_TITLES = ("局长", "党组书记、局长", "副局长", "党组副书记、副局长")
_SECTION_TITLES = ("副主任", "党组成员、副主任", "总工程师", "总经济师", "纪检组长")
_BAD_CATEGORIES = ("综合", "其它信息", "经济", "信息", "调研", "7")
_ON_PLAIN_ROWS = ("R1", "R4", "R5", "R5w", "R6", "R8", "R9")  # flaws never planted on a 经济运行 or 突发事件 row
_BLANKED = {"R3": ("signer", "signer_title"), "R7m": ("event_time",), "R9": ("title",)}  # flaws that are empty cells

# what `fill` draws, in this order: figures (low, high, decimals), two counts, one name from each bank
_FIGURES = {
    "pct": (3, 15, 1), "pct2": (5, 30, 1), "pct3": (2, 12, 1), "pct4": (3, 20, 1), "pp": (0.2, 3, 1),
    "amt": (2, 80, 1), "amt2": (0.5, 9, 2), "kwh": (0.5, 6, 2),
}
_BANKS: dict[str, list[str]] = {
    "company": (
        "华科新材料有限公司 湘北机械制造有限公司 洞庭生物科技有限公司 巴陵精细化工有限公司 君山茶业有限公司 "
        "长江港务物流有限公司 岳州电子科技有限公司 金叶纸业有限公司 楚天食品有限公司 南湖光电有限公司 "
        "新港船舶修造有限公司 恒通电缆有限公司 洞庭药业有限公司 绿源环保科技有限公司 云峰建材有限公司"
    ).split(),
    "park": "工业园 高新技术产业园 循环经济产业园 临港产业新区 食品产业园 装备制造产业园".split(),
    "project": (
        "年产十万吨精细化工项目 智能装备制造基地项目 农产品精深加工项目 新型建材生产线项目 "
        "电子信息产业园项目 生物医药产业化项目 现代物流园项目 光伏组件生产项目"
    ).split(),
    "leader": "市委书记 市长 常务副市长 分管副市长 市经信委主任 省经信委调研组 市人大常委会调研组 市政协调研组".split(),
    "expo": "中博会 湘商大会 沪洽周 港洽周 工业博览会 中小企业产品展销会".split(),
    "incident": "生产安全事故 火灾事故 停电故障 危化品泄漏险情 设备爆管事故 企业停产风波".split(),
}

# title patterns by category; each names the month ({m}: 3, {r}: 1-3月 or 1月)
TITLES: dict[str, tuple[str, ...]] = {
    "经济运行": (
        "{place}{r}规模工业增加值同比增长{pct}%", "{place}{r}完成工业投资{amt}亿元", "{place}{m}月份工业用电量同比增长{pct}%",
        "{place}{r}工业税收入库{amt}亿元", "{place}{m}月份工业经济运行情况分析", "{place}{r}工业经济呈现稳中有进态势",
        "{place}{r}规模工业实现主营业务收入{amt}亿元", "{place}{m}月份规模工业增加值增速回升{pp}个百分点",
    ),
    "政策落实": (
        "{place}{m}月份出台{n}条措施支持实体经济发展", "{place}贯彻落实全市{m}月经济工作会议精神", "{place}{m}月启动工业企业降成本专项行动",
        "{place}{m}月份兑现工业发展奖补资金{amt}万元", "{place}{m}月召开优化发展环境推进会落实惠企政策", "{place}{m}月份开展“送政策进企业”活动",
    ),
    "工作动态": (
        "{place}召开{m}月份工业经济运行调度会", "{leader}{m}月{d}日到{place}调研工业项目建设", "{place}{m}月份组织企业参加{expo}",
        "{place}{m}月开展安全生产大检查", "{place}{m}月份举办中小企业融资对接会", "{place}{m}月召开新型工业化工作讲评会",
    ),
    "新情况新问题": (
        "{place}{m}月份工业企业用工难问题值得关注", "{place}{m}月调研发现部分企业融资成本上升", "{place}{m}月推行项目建设“一站式”服务新举措",
        "{place}{m}月份部分中小企业订单下滑需引起重视", "{place}{m}月探索“园区+企业”协同招商新路子",
    ),
    "产业园区企业项目": (
        "{company}{m}月份新增生产线正式投产", "{place}{park}{m}月新签约项目{n}个", "{place}{project}{m}月完成主体工程建设",
        "{company}{m}月获批省级企业技术中心", "{place}{park}{m}月份标准厂房建设加快推进",
    ),
    "突发事件": ("{place}{company}{m}月{d}日发生{incident}", "{place}{m}月{d}日{incident}处置情况报告"),
}

_OPENING = (
    "{m}月份以来，{place}紧紧围绕全年目标任务，", "今年以来，{place}坚持把工业作为经济发展的主引擎，", "为贯彻落实市委、市政府决策部署，{place}",
    "{m}月{d}日，{place}",
)
# sentences that never report an indicator figure
_GENERAL = (
    "坚持问题导向，主动对接企业需求，帮助企业协调解决融资、用地、用工等方面的实际困难。", "组织工作专班深入园区和企业开展调研，逐一梳理企业反映的问题，建立台账，明确责任人和完成时限。",
    "进一步优化发展环境，落实“一站式”服务和“马上办”机制，推动项目审批提速、服务提质。", "加强与省市有关部门的汇报衔接，积极争取政策和资金支持，为企业发展创造良好条件。",
    "抓好安全生产和节能降耗工作，督促企业落实主体责任，及时消除各类隐患。", "积极引导企业加大技术改造投入，推进“两化融合”，提升企业核心竞争力。",
    "建立县级领导联系重点企业制度，每名领导联系一至两家企业，定期上门服务。", "围绕主导产业开展精准招商，加强与沿海发达地区的对接，着力引进一批带动力强的项目。",
    "加快园区基础设施建设，完善道路、供水、供电、污水处理等配套设施，提升园区承载能力。", "强化要素保障，协调金融机构开展银企对接，帮助中小企业解决融资难、融资贵的问题。",
    "下一步，将进一步细化工作措施，压实工作责任，确保各项目标任务按时完成。", "会议要求，各单位要统一思想、提高认识，切实把各项工作抓紧抓实抓出成效。",
    "同时，认真做好信息报送、统计监测等基础工作，为领导决策提供参考。", "在推进过程中，注重发挥企业主体作用，坚持政府引导、市场运作、多方参与。",
    "针对部分企业反映的物流成本偏高问题，协调有关部门研究提出了具体解决办法。", "通过召开座谈会、走访企业等方式，广泛听取企业意见建议，及时回应企业关切。",
    "据了解，该项目建成后将进一步延伸产业链条，带动上下游配套企业协同发展。", "目前，各项工作进展顺利，企业生产经营总体平稳，发展信心有所增强。",
)
_CATEGORY_SENTENCES: dict[str, tuple[str, ...]] = {
    "政策落实": (
        "认真贯彻落实市委、市政府关于支持实体经济发展的系列政策措施，制定了具体的实施细则。", "对照政策清单逐项梳理，将各项惠企政策送到企业手中，做到应知尽知、应享尽享。",
        "组织政策宣讲小分队深入园区企业，面对面解读政策内容和申报流程。",
    ),
    "工作动态": (
        "会议听取了各单位工作进展情况汇报，分析了当前面临的形势，安排部署了下阶段重点工作。", "调研组一行先后深入多家企业生产车间和项目建设现场，详细了解生产经营和项目推进情况。",
        "活动共吸引企业代表一百余人参加，现场达成合作意向多项。",
    ),
    "新情况新问题": (
        "调研发现，部分中小企业普遍反映招工难、留人难，熟练技术工人缺口较大。", "原材料价格波动较大，部分企业生产成本上升，利润空间受到挤压。",
        "建议进一步加大职业技能培训力度，建立校企合作长效机制，缓解企业用工压力。",
    ),
    "产业园区企业项目": (
        "项目总投资约五亿元，主要建设生产车间、仓储用房及配套设施，目前主体工程已基本完工。", "园区新签约项目涵盖装备制造、新材料、食品加工等领域，产业集聚效应逐步显现。",
        "企业新上的自动化生产线投产后，产品质量稳定性明显提高，市场订单持续增加。",
    ),
    "突发事件": (
        "事件发生后，当地政府和有关部门负责同志第一时间赶赴现场，组织开展处置工作。", "经初步核查，事件未造成人员伤亡，事故原因正在进一步调查之中。",
        "目前现场已得到有效控制，企业已按要求停产整顿，相关善后工作正在有序开展。", "下一步，将举一反三，在全行业开展隐患排查整治，坚决防止类似事件再次发生。",
    ),
}
# indicator sentences: a figure right after 增加值/增速/工业投资/用电/税收, and the analysis the notice requires
_INDICATOR_SENTENCES = (
    "全{scope}规模工业增加值同比增长{pct}%，增速比上月提高{pp}个百分点。", "完成工业投资{amt}亿元，同比增长{pct2}%，其中技改投资占比进一步提高。",
    "全社会工业用电量{kwh}亿千瓦时，同比增长{pct3}%，反映出企业开工率稳步回升。", "工业税收入库{amt2}亿元，同比增长{pct4}%，占全部税收的比重有所提高。",
)
_ANALYSIS_SENTENCES = (
    "从运行情况看，增长的主要原因是重点企业产能释放较快，新投产项目贡献明显。", "但也要看到，部分行业产品价格持续低迷，中小企业资金周转困难，经济下行压力依然较大。",
    "分析认为，下阶段应重点抓好重点企业稳产增产和新开工项目的跟踪服务，防止运行出现大的波动。", "从行业看，装备制造、食品加工和新材料行业增长较快，石化、建材行业增速有所放缓。",
)


@dataclass
class PlannedRow:
    values: dict[str, object]  # one planned article, in the columns' keys
    kind: str = ""  # the flaw planted (a BAD_KINDS entry) or ""


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def styled_name(rng: random.Random, name: str) -> str:
    """Two-character names are often typed with a full-width space between; some cells carry NBSP."""
    if len(name) == 2 and rng.random() < 0.4:
        return name[0] + "\u3000" + name[1]
    if rng.random() < 0.1:
        return name + "\u00a0"
    return name


def people(unit: Unit, seed: int) -> tuple[list[tuple[str, str]], str]:
    """The unit's signers (name, title) and its one correspondent's name, the same all year."""
    rng = random.Random(f"people:{seed}:{unit.name}")
    titles = _COUNTY_TITLES if unit.kind == KIND_COUNTY else _SECTION_TITLES
    signers = [(_name(rng), rng.choice(titles)) for _ in range(2)]
    reporter = _name(rng)
    while reporter in {name for name, _ in signers}:
        reporter = _name(rng)
    return signers, reporter


def short_name(unit: Unit) -> str:
    return unit.name.removesuffix("工信局")


def _place(unit: Unit) -> str:
    if unit.kind == KIND_COUNTY:
        return short_name(unit)
    return "市经信委" if "科" in unit.name or "室" in unit.name else unit.name


def fill(pattern: str, rng: random.Random, ctx: dict[str, object]) -> str:
    values: dict[str, object] = {k: f"{rng.uniform(lo, hi):.{dp}f}" for k, (lo, hi, dp) in _FIGURES.items()}
    values.update(n=rng.randint(3, 20), d=rng.randint(1, 28))
    values.update({key: rng.choice(bank) for key, bank in _BANKS.items()})
    values["scope"] = "县" if ctx.get("county") else "市"
    return pattern.format(**{**values, **ctx})


def _body(rng: random.Random, category: str, ctx: dict[str, object], target: int, *, indicator: bool) -> str:
    """An article body of about `target` non-whitespace characters, in sentences from the banks."""
    parts = [fill(rng.choice(_OPENING), rng, ctx)]
    if indicator:
        parts += [fill(s, rng, ctx) for s in rng.sample(_INDICATOR_SENTENCES, rng.randint(2, 4))]
        parts += rng.sample(_ANALYSIS_SENTENCES, 2)
    pool = list(_CATEGORY_SENTENCES.get(category, ())) + list(_GENERAL)
    rng.shuffle(pool)
    sentences = itertools.cycle(pool)
    while count_chars("".join(parts)) < target:
        parts.append(fill(next(sentences), rng, ctx))
    if rng.random() < 0.5:  # paragraphs as people paste them: a line break, a full-width indent
        parts.insert(len(parts) // 2, "\n\u3000\u3000")
    return "".join(parts)


def month_text(month: int) -> dict[str, object]:
    return {"m": month, "r": f"1-{month}月" if month > 1 else "1月"}


def plan(unit: Unit, year: int, month: int, *, seed: int, n_rows: int, bad: Sequence[str] = (),
         chars_only: bool = False) -> list[PlannedRow]:
    """The articles one unit sends for one month, good ones first in random order, bad ones mixed in."""
    rng = random.Random(f"plan:{seed}:{unit.name}:{year}:{month}")
    signers, reporter = people(unit, seed)
    ctx = {**month_text(month), "place": _place(unit), "county": unit.kind == KIND_COUNTY}

    weights = {"经济运行": 3, "政策落实": 2, "工作动态": 4, "新情况新问题": 2, "产业园区企业项目": 3, "突发事件": 1}
    patterns = [(cat, p) for cat, ps in TITLES.items() for p in ps]
    rng.shuffle(patterns)
    patterns.sort(key=lambda cp: -weights[cp[0]] * rng.random())
    calls = itertools.count(1)

    def article(category: str | None = None) -> PlannedRow:
        used = next(calls)
        if found := [i for i, (cat, _) in enumerate(patterns) if category in (None, cat)]:
            cat, pattern = patterns.pop(found[0])
        else:  # pool used up (large files): a numbered follow-up keeps titles unique
            cat = category or "工作动态"
            pattern = rng.choice(TITLES[cat]) + f"（之{used}）"
        title = fill(pattern, rng, ctx)
        indicator = cat == "经济运行"
        day = rng.randint(1, 28)
        date = dt.datetime(year, month, day)
        signer, signer_title = rng.choice(signers)
        values: dict[str, object] = {
            "date": date,
            "title": title,
            "category": cat,
            "body": _body(rng, cat, {**ctx, "d": day}, rng.randint(*_BODY_CHARS), indicator=indicator),
            "analysis": rng.choice(("是", "是", "有", "√")) if indicator else rng.choice(("否", "否", None)),
            "signer": styled_name(rng, signer),
            "signer_title": signer_title,
            "channel": rng.choice(("电子邮件", "电子邮件", "QQ", "传真")),
            "urgency": "一般",
            "event_time": None,
            "reporter": styled_name(rng, reporter),
            "note": None,
        }
        if cat == "突发事件":
            before = dt.timedelta(hours=rng.randint(4, 20), minutes=rng.choice((0, 15, 30)))
            values.update(urgency="紧急", event_time=date - before)
        return PlannedRow(values)

    rows = [article() for _ in range(n_rows)]
    for kind in bad:
        row = article("突发事件" if kind in ("R7", "R7m") else None)
        if kind in _ON_PLAIN_ROWS and row.values["category"] in ("经济运行", "突发事件"):
            row = article("工作动态")
        row.kind = kind
        v = row.values
        if kind == "R1":  # a fixed opening cut to 90-190 characters
            target = rng.randint(90, 190)
            body = fill(_OPENING[0], rng, ctx) + _GENERAL[0] + _GENERAL[2] + _GENERAL[10]
            while count_chars(body) > target:
                body = body[:-2]
            v["body"] = body.rstrip("，、") + "。"
        elif kind == "R2":
            v.update(category=rng.choice(("经济运行", "2", "经济运行分析")), analysis=rng.choice(("否", None)),
                     urgency="一般", event_time=None)
            v["title"] = fill(TITLES["经济运行"][0] + "（快报）", rng, ctx)
            v["body"] = _body(rng, "经济运行", ctx, rng.randint(*_BODY_CHARS), indicator=True)
        elif kind in _BLANKED:
            v.update(dict.fromkeys(_BLANKED[kind]))
        elif kind == "R4":
            v["category"] = rng.choice(_BAD_CATEGORIES)
        elif kind == "R5":
            v["date"] = rng.choice((None, "待定", f"{year}年{month}月32日", f"{year}.{month}.0"))
        elif kind == "R5w":
            v["date"] = dt.datetime(year, month, 1) - dt.timedelta(days=rng.randint(1, 3))
        elif kind == "R6":  # the same article sent again, after the row it repeats
            row.values = dict(rng.choice([r for r in rows if not r.kind]).values)
            rows.append(row)
            continue
        elif kind == "R7":
            date = v["date"]
            assert isinstance(date, dt.datetime)
            v["event_time"] = date - dt.timedelta(days=rng.randint(3, 6), hours=rng.randint(1, 9))
        elif kind == "R8":
            v.update(signer=v["reporter"], signer_title="科员")
        rows.insert(rng.randint(0, len(rows)), row)
    if chars_only:
        for row in rows:
            body = row.values.pop("body")
            n = count_chars(str(body)) if body else 0
            row.values["chars"] = rng.choice((n, n, str(n).translate(_FULLWIDTH), f"{n}字"))
    return rows
