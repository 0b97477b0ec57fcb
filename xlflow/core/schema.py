"""Names shared by the templates and the readers, once: columns, aliases, categories, unit kinds, the quota table."""

from __future__ import annotations

from dataclasses import dataclass

# --- the unit's monthly report (信息报送登记表), SPEC §5 -------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # identifier used in code and the ledger
    name: str  # canonical header as printed in templates
    aliases: tuple[str, ...] = ()
    required: bool = False
    width: float = 12  # column width in the template (characters)
    note: str = ""  # what the 填表说明 sheet says about it


REPORT_COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", ("编号", "No", "NO", "no"), width=6),
    Column("date", "报送日期", ("日期", "报送时间", "上报日期", "上报时间", "报送日"), True, 13, "如 2015-03-05；文字 2015年3月5日、2015.3.5 也可"),
    Column("title", "信息标题", ("标题", "稿件标题", "题目", "信息名称", "信息题目", "文章标题", "稿件名称"), True, 36, "一条信息一行，标题不要重复报送"),
    Column("category", "信息类别", ("类别", "类型", "信息类型", "信息分类", "分类", "栏目", "稿件类别", "稿件类型"), True, 14, "从下拉列表选择六类之一"),
    Column("body", "正文", ("内容", "信息内容", "正文内容", "稿件内容", "信息正文"), False, 50, "粘贴全文"),
    Column("chars", "字数", ("字 数", "正文字数", "信息字数", "字数统计"), False, 8, "填了正文自动计算；未附正文时手工填写"),
    Column("analysis", "是否含情况分析", ("情况分析", "含情况分析", "有无情况分析", "是否有情况分析", "是否情况分析", "是否含分析", "是否有分析", "有无分析", "是否分析"), False, 10, "经济运行类和指标类信息（增加值增速、工业投资、用电量、税收，规模工业总产值、主营业务收入和利润等）必须为“是”"),
    Column("signer", "审签人", ("签发人", "审核人", "审签", "签发", "单位负责人", "分管领导", "签发领导", "审核领导", "领导审签", "审签领导", "审批人", "签发人/审核人", "审核人/签发人",
                                  "审核", "领导签字", "审签人签字", "分管领导签字", "负责人签字", "签字人"), True, 10, "工信局由单位负责人审签；科室由分管领导审签"),
    Column("signer_title", "审签人职务", ("职务", "签发人职务", "审核人职务"), False, 12),
    Column("channel", "报送方式", ("方式", "报送渠道"), False, 10, "传真、电子邮件、QQ、其他"),
    Column("urgency", "紧急程度", ("是否紧急", "紧急", "缓急"), False, 10, "一般 / 紧急"),
    Column("event_time", "事件发生时间", ("发生时间", "事件时间"), False, 17, "紧急信息填写，如 2015-03-05 08:30"),
    Column("reporter", "通讯员", ("报送人", "联系人", "填报人"), False, 10),
    Column("note", "备注", ("说明",), False, 16),
)

COLUMNS_BY_KEY: dict[str, Column] = {c.key: c for c in REPORT_COLUMNS}

# label cells above the header in a unit workbook
LABEL_UNIT = "报送单位"
LABEL_MONTH = "报送月份"
LABEL_UNIT_ALIASES = ("报送单位", "填报单位", "单位名称", "单位", "科室（单位）", "科室(单位)")
LABEL_MONTH_ALIASES = ("报送月份", "月份", "报送期间", "所属月份")
REPORT_TITLE = "政务信息报送登记表"
REPORT_SHEET = "信息报送登记表"
REPORT_HELP_SHEET = "填表说明"

CHANNELS = ("传真", "电子邮件", "QQ", "其他")
URGENCY = ("一般", "紧急")
YES_NO = ("是", "否")

# --- categories (信息类别), SPEC §4 ----------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    code: int
    name: str
    description: str


CATEGORIES: tuple[Category, ...] = (
    Category(1, "政策落实", "市委、市政府中心工作及工信重要政策措施的贯彻落实情况"),
    Category(2, "经济运行", "工业经济运行情况及动态分析；规模工业增加值增速、工业投资、工业用电、工业税收等指标"),
    Category(3, "工作动态", "会议、活动、省市领导调研，季度、年度工作总结"),
    Category(4, "新情况新问题", "推进新型工业化中的新情况、新问题、新思路、新举措、新成绩、新经验"),
    Category(5, "产业园区企业项目", "重点产业、重点园区、重点企业发展和重大项目建设"),
    Category(6, "突发事件", "紧急突发性事件及进展、原因、后果和处理情况"),
)
CATEGORY_OTHER = "其他"
INDICATOR_CATEGORY = "经济运行"

# --- units (附件一 信息任务分配表), SPEC §3 --------------------------------------------------------

KIND_COUNTY = "县市区工信局"
KIND_BUSINESS = "委业务科室"
KIND_GENERAL = "委综合科室"
KIND_COORDINATOR = "综合法规科"
UNIT_KINDS: tuple[str, ...] = (KIND_COUNTY, KIND_BUSINESS, KIND_GENERAL, KIND_COORDINATOR)

TARGET_CITY = "市经信委"
TARGET_OFFICE = "委综合法规科"
TARGET_UPWARD = "省经信委和市委、市政府有关部门"  # as the notice says (二.4, 四.1)

# who signs, by kind (通知 三.4)
SIGNER_ROLE: dict[str, str] = {
    KIND_COUNTY: "单位负责人",
    KIND_BUSINESS: "分管领导",
    KIND_GENERAL: "分管领导",
    KIND_COORDINATOR: "分管领导（特别重要的报主要领导）",
}

QUOTA_SHEET = "信息任务分配表"
QUOTA_HEADERS: tuple[str, ...] = ("序号", "单位名称", "单位类别", "报送对象", "每月任务", "全年任务", "别名", "备注")


@dataclass(frozen=True)
class UnitRow:
    """One row of the quota table; `monthly` None: annual quota only (shown “-”), assessed per quarter."""

    name: str
    kind: str
    target: str
    monthly: int | None
    annual: int
    aliases: tuple[str, ...] = ()
    note: str = ""


def _county(name: str, *extra: str) -> UnitRow:
    return UnitRow(name, KIND_COUNTY, TARGET_CITY, 4, 48, (name.removesuffix("工信局"), *extra))


def _section(name: str, monthly: int | None, annual: int, *aliases: str) -> UnitRow:
    return UnitRow(name, KIND_GENERAL if monthly is None else KIND_BUSINESS, TARGET_OFFICE, monthly, annual, aliases)


DEFAULT_UNITS: tuple[UnitRow, ...] = (
    _county("岳阳县工信局"),
    _county("平江县工信局"),
    _county("湘阴县工信局"),
    _county("华容县工信局"),
    _county("汨罗市工信局", "汩罗市工信局", "汩罗市"),
    _county("临湘市工信局"),
    _county("岳阳楼区工信局"),
    _county("君山区工信局"),
    _county("屈原区工信局", "屈原管理区工信局", "屈原管理区"),
    _county("云溪区工信局"),
    _county("经开区工信局", "岳阳经济技术开发区", "经济技术开发区"),
    _county("南湖风景区工信局", "南湖新区", "南湖风景名胜区"),
    _section("经济运行科", 4, 48, "运行科"),
    _section("投资规划科", 4, 48, "规划科"),
    _section("中小企业科", 4, 48),
    _section("资源电力科", 4, 48, "电力科"),
    _section("加速推进新型工业化科", 4, 48, "新型工业化科", "新型工业化办"),
    _section("成品油及工业物流管理科", 4, 48, "成品油科", "工业物流科"),
    _section("信息化推进科", 4, 48, "信息化科"),
    _section("中小企业服务中心", 4, 48, "中小企业服务站"),
    _section("联手帮扶办", 4, 48, "帮扶办"),
    _section("轻工业科", 1, 12),
    _section("企业改革科", 1, 12, "企改科"),
    _section("纪检监察室", 1, 12, "纪检室", "监察室"),
    _section("办公室", None, 4, "委办公室"),
    _section("离退休人员管理服务科", None, 4, "离退休科", "老干科"),
    _section("人事科", None, 4),
    _section("财务科", None, 4),
    _section("机关党委", None, 4),
    _section("工业公会", None, 4, "工会"),
    _section("能源利用监测站", None, 4, "监测站", "能源监测站"),
    _section("机关后勤服务中心", None, 4, "后勤服务中心", "后勤中心"),
    _section("退二进三办", None, 4),
    UnitRow("综合法规科", KIND_COORDINATOR, TARGET_UPWARD, 5, 60, ("法规科",), "向上级报送"),
)

# --- correspondent register (附件二 通讯员登记表), SPEC §2.2 ---------------------------------------


@dataclass(frozen=True)
class RegisterField:
    key: str
    label: str  # as printed on the paper form (spaces kept out; readers ignore spacing)

    @property
    def defined_name(self) -> str:
        """The workbook-level defined name on the input cell: reg_birth."""
        return f"reg_{self.key}"


_REGISTER_LABELS = {
    "unit": "科室（单位）", "name": "姓名", "gender": "性别", "birth": "出生年月", "major": "所学专业", "education": "学历",
    "hometown": "籍贯", "address": "通讯地址", "phone": "固定电话", "fax": "传真", "mobile": "移动电话", "email": "邮箱",
    "resume": "本人工作简历", "recommendation": "单位推荐意见", "sign_date": "日期",
}  # fmt: skip
REGISTER_FIELDS: tuple[RegisterField, ...] = tuple(RegisterField(key, label) for key, label in _REGISTER_LABELS.items())
# the heading printed on the form itself (附件二); the notice's list of attachments calls it 政务信息报送通讯员登记表
REGISTER_TITLE = "岳阳市经信委宣传和信息报送通讯员登记表"
GENDERS = ("男", "女")
# the roster `xlflow register` writes (通讯员名册.xlsx) and reads back
ROSTER_SHEET = "通讯员名册"
ROSTER_UNIT_HEADER = "单位名称"
ROSTER_NAME_HEADER = "姓名"
RECEIVED_HEADER = "收到日期"  # the column the coordinator may fill in
EDUCATION_LEVELS = ("研究生", "大学本科", "大学专科", "中专", "高中", "其他")

# --- adoptions and rewards, SPEC §7 --------------------------------------------------------------

ADOPTION_SHEET = "采用登记表"
ADOPTION_COLUMNS: tuple[Column, ...] = (
    Column("unit", "报送单位", ("单位", "单位名称"), True, 18),
    Column("title", "信息标题", ("标题", "稿件标题"), True, 40),
    Column("outlet", "采用单位/刊物", ("采用单位", "刊物", "采用刊物"), False, 22),
    Column("level", "采用级别", ("级别",), True, 12),
    Column("date", "采用日期", ("日期", "采用时间", "刊发日期", "刊发时间"), False, 12),
    Column("form", "采用形式", ("形式", "采用方式", "采用类型"), True, 12),
    Column("instruction", "领导批示", ("批示", "批示情况", "领导批示情况", "批示级别", "领导批示级别"), False, 10),
    Column("note", "备注", (), False, 20),
)

# highest first
ADOPTION_LEVELS: tuple[str, ...] = ("国家级", "省级", "省经信委", "市级", "市经信委")
ADOPTION_LEVEL_HINTS: dict[str, str] = {
    "国家级": "国办、部委", "省级": "省委、省政府办公厅", "省经信委": "省经信委", "市级": "市委、市政府办", "市经信委": "市经信委",
}
ADOPTION_FORMS: tuple[str, ...] = ("全文采用", "部分采用", "综合采用")
INSTRUCTION_LEVELS: tuple[str, ...] = ("无", "市级", "省级", "国家级")

REWARD_SHEET = "奖励标准"
REWARD_POLICY_HIGHEST = "仅最高级别"
REWARD_POLICY_CUMULATIVE = "累计"
