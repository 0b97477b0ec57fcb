"""(Re)create tests/fixtures/: unit monthly workbooks (信息报送登记表) saved by programs other than xlflow.

Run by a developer when a fixture has to change; CI never runs it (CI has neither LibreOffice nor Gnumeric) and
the tests only read the committed files:

    .venv/bin/python tests/make_fixtures.py                  # every fixture
    .venv/bin/python tests/make_fixtures.py libreoffice.xls  # only the named ones

Needs openpyxl (a dependency of xlflow), `soffice` (LibreOffice) and `ssconvert` (Gnumeric) on PATH. LibreOffice
runs with a throw-away profile, so a LibreOffice window that is open, or another conversion running at the same
time, does not get in the way.

The oracle is NOT this script and never xlflow: this file does not import xlflow, and
tests/fixtures/expected.json is written by hand, by reading each fixture (open it, or
`soffice --headless --convert-to pdf`) and applying SPEC §5/§6 to it. When you change a fixture here, change its
entry in expected.json by hand the same way, then run `pytest tests/test_fixtures.py`.

Every fixture is one unit's return for 2015年3月 (岳阳县工信局; the LibreOffice .xls is 平江县工信局's) with good rows
and rows that break a rule of SPEC §6. The shapes, one file each:

    libreoffice.xlsx          typed in LibreOffice Calc and saved as .xlsx (title rows, labels, the template header)
    libreoffice.xls           LibreOffice, “Excel 97-2003” (BIFF8); 字数 instead of 正文, as units that fax the text do
    libreoffice.ods           LibreOffice's own format; header synonyms (日期, 标题, 内容, 签发人 …), 是否紧急 = 是
    gnumeric.xlsx, .xls, .ods saved by Gnumeric (ssconvert); its .ods indents content.xml (white space between cells)
    excel.xlsx                the parts Excel writes: shared strings, styles, <dimension>, drop-downs, print titles,
                              label and value in neighbouring cells, 报送月份 as a date cell formatted 2015年3月
    wps.xlsx                  WPS: a 填表说明 sheet first, the data on Sheet1, unit and month only in the title row,
                              the KSOProductBuildVer property WPS stamps on every file
    mac_excel_1904.xlsx       the 1904 date system (Mac Excel): date cells, and dates typed as bare serial numbers
    two_halves.xlsx           the month on two visible sheets, 上半月 and 下半月
    hidden_data_sheet.xlsx    the rows on a hidden sheet, the visible sheet an empty copy of the header
    rows_after_blank_run.xlsx rows typed again after 150 blank rows
    text_dates.xlsx           dates and event times typed as text with times, in every separator style
    merged_cells.ods          LibreOffice .ods: one 报送日期 and one 审签人 merged down over several articles, two blank
                              rows between, a 填表说明 sheet with merges of its own before the form
    cell_shapes.xls, .ods     LibreOffice .xls and .ods: formulas whose result is an error (#VALUE!, #DIV/0!, #N/A),
                              a row hidden and a row filtered out (自动筛选)
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.datavalidation import DataValidation

HERE = Path(__file__).resolve().parent / "fixtures"
FIXED_TIME = dt.datetime(2015, 4, 2, 9, 0)  # docProps created/modified: the day the unit sent the file

TITLE = "岳阳市经信委政务信息报送登记表"
HEADER = ["序号", "报送日期", "信息标题", "信息类别", "正文", "字数", "是否含情况分析", "审签人", "审签人职务",
          "报送方式", "紧急程度", "事件发生时间", "通讯员", "备注"]  # fmt: skip
KEYS = ["seq", "date", "title", "category", "body", "chars", "analysis", "signer", "signer_title", "channel",
        "urgency", "event_time", "reporter", "note"]  # fmt: skip

# --- the articles ------------------------------------------------------------------------------------------
# Bodies are written well clear of the 200-character line (≈ 250 or ≈ 80 non-blank characters), so reading a
# fixture by hand settles R1 without counting. Only BODY_INDICATOR and BODY_ELECTRICITY report an indicator
# figure (增加值/增速/用电 followed by 9.2%, 1.35亿千瓦时 …); no other body or title does.

BODY_MEETING = (
    "3月2日，岳阳县召开2015年全县工业经济工作会议，总结去年工业经济工作，部署今年目标任务。会议指出，"
    "去年全县工业经济保持平稳较快发展，园区承载能力明显增强，一批重点项目建成投产。会议要求，今年要紧紧围绕"
    "“项目建设年”活动，坚持抓项目、扩总量、调结构、强服务，全力推进新型工业化。各乡镇、各部门要强化责任担当，"
    "落实县级领导联系重点企业制度，帮助企业解决融资、用工、用地等实际困难，切实优化发展环境。会上，县政府与"
    "各乡镇签订了工业经济目标管理责任书，并对去年工业发展先进单位进行了表彰。"
)
BODY_INDICATOR = (
    "1-2月，岳阳县规模以上工业企业完成增加值18.6亿元，同比增长9.2%，增速比去年同期回落0.8个百分点，高于全市"
    "平均水平0.5个百分点。从行业看，食品加工、生物医药、机械制造三大行业合计增长12.1%，拉动全县规模工业增长"
    "6.3个百分点。情况分析：增速回落的主要原因，一是春节因素影响，部分企业停产检修时间延长；二是市场需求偏弱，"
    "建材、化工行业产品价格下行，企业生产积极性不高。下一步，县工信局将加强运行监测调度，帮助重点企业拓展市场，"
    "推动新增规模企业尽快入库，确保一季度实现良好开局。"
)
BODY_SHORT = (
    "3月5日，岳阳县安委会组织工信、安监、消防等部门，对全县重点工业企业开展春季安全生产大检查，"
    "共检查企业二十三家，发现隐患四十余处，已全部下达整改通知书，限期整改到位。"
)
BODY_ELECTRICITY = (
    "今年以来，岳阳县工业生产逐步恢复，工业用电量稳步回升。据县供电公司统计，2月份全县工业用电量1.35亿千瓦时，"
    "同比增长6.8%，其中大工业用电量0.92亿千瓦时，同比增长8.1%。从用电结构看，食品加工、建材、造纸行业用电"
    "增长较快，三个行业合计用电占全县工业用电的六成以上。县工信局将继续做好电力供需衔接，协调供电部门保障重点"
    "企业用电需求，为企业满负荷生产创造条件，推动全县工业经济平稳运行。"
    "县工信局还将加强与供电部门的沟通协作，每月通报重点企业生产经营情况，共同做好经济运行监测分析。"
)
BODY_PARK = (
    "近日，岳阳县生物医药产业园与三家企业签订入园协议，引进中药饮片加工、医用敷料生产和保健食品研发三个项目，"
    "计划总投资约十二亿元。项目全部建成投产后，预计可新增就业岗位八百余个。为加快项目落地，园区实行“一个项目、"
    "一名领导、一套班子”的推进机制，全程代办审批手续，帮助企业协调解决用地、用水等问题。目前，三个项目均已完成"
    "规划设计，其中中药饮片加工项目已进场平整土地，力争年内建成投产。园区将以此为契机，延伸产业链条，打造全市"
    "生物医药产业集聚区。县工信局将安排专人跟踪服务，每月调度一次项目进展，及时协调解决项目建设中的困难和问题。"
)
BODY_FORUM = (
    "为进一步激发非公有制经济发展活力，岳阳县日前召开非公有制经济发展座谈会，县委、县政府主要领导与二十余家"
    "民营企业负责人面对面交流，听取企业在融资、用工、市场开拓等方面的意见和建议。座谈会上，企业负责人踊跃发言，"
    "反映了贷款难、招工难、物流成本高等突出问题。县领导逐一回应，要求相关部门建立问题台账，明确责任单位和办结"
    "时限，限期答复企业。会议强调，要把服务非公有制经济作为优化发展环境的重要抓手，真正做到企业有所呼、政府有所应。"
    "会后，县工信局对企业反映的问题进行了梳理分类，第一批已交办相关部门。"
)
BODY_LEAK = (
    "3月10日上午8时30分左右，岳阳县工业园一化工企业输送管道法兰处发生少量物料泄漏。事故发生后，企业立即启动"
    "应急预案，关闭上游阀门，组织人员对泄漏物料进行围堵和收集。县安监、环保、工信等部门负责人第一时间赶赴现场，"
    "指导企业开展处置，并对周边水体和空气进行监测，监测结果显示各项指标均未超标。事故未造成人员伤亡。目前，"
    "企业已完成管道检修并恢复生产，事故原因正在进一步调查中。县工信局已要求园区内化工企业开展隐患排查，"
    "严防类似事故再次发生，并将督促企业落实安全生产主体责任，加强日常巡检和应急演练。"
)
BODY_POLICY = (
    "近日，岳阳县出台《关于支持中小微企业加快发展的十条措施》，从财政扶持、融资服务、降低成本、人才引进等方面"
    "加大对中小微企业的支持力度。措施明确，县财政每年安排专项资金，用于中小微企业贷款贴息和担保补助；对首次"
    "升规入库的企业给予一次性奖励；对企业引进的高层次人才在住房、子女入学等方面给予保障。县工信局将会同有关"
    "部门做好政策宣传解读，建立政策兑现绿色通道，确保各项措施落地见效，切实减轻企业负担，增强企业发展信心。"
    "据了解，该措施自发布之日起施行，有效期三年，各项奖补资金将于每年年底前集中兑现。"
)
BODY_MEETING_AGAIN = (
    "3月2日，岳阳县召开2015年全县工业经济工作会议。会议总结了去年全县工业经济工作，分析了当前面临的形势，"
    "部署了今年的目标任务。会议要求，各乡镇、各部门要紧紧围绕“项目建设年”活动，坚持抓项目、扩总量、调结构、"
    "强服务，全力推进新型工业化进程；要落实县级领导联系重点企业制度，帮助企业解决融资、用工、用地等实际困难，"
    "切实优化发展环境。会上，县政府与各乡镇签订了工业经济目标管理责任书，对去年工业发展先进单位进行了表彰。"
    "县委、县政府主要领导出席会议并讲话，各乡镇、县直有关部门主要负责人参加了会议。"
)
BODY_FUSION = (
    "岳阳县把推进信息化和工业化深度融合作为转方式、调结构的重要抓手，组织县内规模工业企业开展两化融合评估，"
    "引导企业应用生产过程控制、企业资源计划等信息系统。今年以来，全县已有十二家企业上线生产管理信息系统，"
    "五家企业建成数字化车间，企业生产效率和管理水平明显提升。县工信局将继续推进“互联网+工业”行动，组织"
    "企业参加全省两化融合示范企业申报，发挥典型引领作用，带动更多企业走上智能制造之路。"
    "同时，县工信局将联合金融机构，对实施信息化改造的企业给予贷款支持，帮助企业解决资金难题，"
    "力争全年新增两化融合示范企业三家以上。"
)
BODY_INVESTMENT = (
    "3月份，岳阳县组织招商小分队赴长三角、珠三角地区开展小分队招商活动，先后拜访客商三十余批次，重点对接"
    "装备制造、食品加工、电子信息等产业项目。活动期间，招商小分队与浙江一家机械制造企业达成初步合作意向，"
    "计划在县工业园投资建设农机装备生产基地。县工信局将跟踪服务意向项目，做好项目考察、洽谈和签约各环节工作，"
    "推动意向项目尽快转化为合同项目、开工项目，为全县工业经济发展注入新的动力。"
    "下一步，该县还将组织专业招商队伍赴京津冀地区开展招商活动，进一步扩大招商引资成果，"
    "力争上半年引进亿元以上工业项目五个以上。"
)
BODY_TRAINING = (
    "为提升全县工业企业负责人经营管理水平，岳阳县日前举办2015年规模工业企业负责人培训班，邀请省内知名专家"
    "围绕企业转型升级、市场营销、财务管理等内容进行授课，全县八十余名企业负责人参加培训。培训采取集中授课、"
    "现场教学和分组讨论相结合的方式，学员们纷纷表示收获很大，将把所学知识运用到企业管理实践中。县工信局将"
    "把企业家培训作为一项常态化工作，每年分批次组织开展，不断提升企业经营管理者素质。"
    "下半年，该县还将组织部分优秀企业家赴沿海发达地区考察学习，开阔视野，更新观念，"
    "推动企业建立现代企业制度，提升核心竞争力。"
)
BODY_BROADBAND = (
    "岳阳县加快推进宽带乡村建设，县工信局会同电信、移动、联通三家运营商制定年度建设计划，今年将新建光纤接入"
    "行政村六十个，实现全县行政村光纤全覆盖。截至3月中旬，已完成十八个行政村的光缆敷设和设备安装，新增宽带"
    "用户一千二百余户。下一步，县工信局将加强督促协调，帮助运营商解决施工中遇到的杆路审批、线路迁改等问题，"
    "确保年度建设任务按期完成，为农村电子商务发展和群众生产生活提供信息化支撑。"
    "同时，县工信局将积极争取省级宽带乡村示范工程项目资金，加大对偏远山区村组的建设投入，"
    "缩小城乡数字鸿沟。"
)


def row(**values: object) -> dict[str, object]:
    """An article as column key -> value; the signer, title, channel and correspondent of a usual row."""
    base: dict[str, object] = {
        "analysis": "否", "signer": "李建国", "signer_title": "局长", "channel": "电子邮件", "urgency": "一般",
        "reporter": "王芳",
    }  # fmt: skip
    base.update(values)
    return base


def d(y: int, m: int, day: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, day, hh, mm)


# The month of 岳阳县工信局 shared by the LibreOffice, Gnumeric and Excel files: ten rows, data from Excel row 4.
MARCH_ROWS: list[dict[str, object]] = [
    row(date=d(2015, 3, 2), title="岳阳县召开2015年全县工业经济工作会议", category="工作动态", body=BODY_MEETING),
    row(date=d(2015, 3, 4), title="1-2月岳阳县规模工业增加值增长9.2%", category="经济运行", body=BODY_INDICATOR,
        analysis="是"),
    row(date=d(2015, 3, 5), title="岳阳县开展春季安全生产大检查", category="工作动态", body=BODY_SHORT),  # R1
    row(date=d(2015, 3, 9), title="岳阳县工业用电量稳步回升", category="经济运行", body=BODY_ELECTRICITY),  # R2
    row(date=d(2015, 3, 10), title="岳阳县生物医药产业园新引进项目3个", category="产业园区企业项目", body=BODY_PARK,
        signer=None, signer_title=None),  # R3
    row(date="2015年2月30日", title="岳阳县召开非公有制经济发展座谈会", category="工作动态", body=BODY_FORUM),  # R5
    row(date=d(2015, 3, 12), title="岳阳县一化工企业管道泄漏事故得到妥善处置", category="突发事件", body=BODY_LEAK,
        urgency="紧急", event_time=d(2015, 3, 10, 8, 30), channel="传真"),  # R7: 39.5 h
    row(date=d(2015, 2, 27), title="岳阳县出台支持中小微企业发展十条措施", category="政策落实", body=BODY_POLICY,
        note="2月底发文，补报"),  # R5 warning: counts in February
    row(date=d(2015, 3, 16), title="岳阳县召开2015年全县工业经济工作会议", category="工作动态",
        body=BODY_MEETING_AGAIN),  # R6: the title of the first row
    row(date=d(2015, 3, 18), title="岳阳县加快推进信息化和工业化深度融合", category="新情况新问题", body=BODY_FUSION,
        signer="王芳", signer_title="办公室主任"),  # R8: signed by the correspondent herself
]
for _number, _row in enumerate(MARCH_ROWS, start=1):
    _row["seq"] = _number

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


# --- writing ---------------------------------------------------------------------------------------------------


def _put(ws, r: int, c: int, value: object, *, date_format: str = DATE_FORMAT) -> None:  # noqa: ANN001
    if value is None:
        return
    cell = ws.cell(r, c, value)
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT if value.time() != dt.time() else date_format
    elif isinstance(value, str) and len(value) > 40:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_table(ws, rows: list[dict[str, object]], *, header: list[str] = HEADER, keys: list[str] = KEYS,  # noqa: ANN001
                top: list[list[object]] = (), first: int = 1, date_format: str = DATE_FORMAT) -> None:
    """`top` rows (title, labels), the header, then one row per article from Excel row `first`."""
    r = first
    for line in top:
        for c, value in enumerate(line, start=1):
            _put(ws, r, c, value)
        r += 1
    for c, name in enumerate(header, start=1):
        ws.cell(r, c, name).font = Font(bold=True)
    for article in rows:
        r += 1
        for c, key in enumerate(keys, start=1):
            _put(ws, r, c, article.get(key), date_format=date_format)
    widths = {"信息标题": 36, "标题": 36, "正文": 50, "内容": 50, "报送日期": 12, "日期": 12, "事件发生时间": 16}
    for c, name in enumerate(header, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = widths.get(name, 10)


def new_book(epoch: dt.datetime | None = None) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    book.properties.creator = "王芳"
    book.properties.created = book.properties.modified = FIXED_TIME
    return book


def labels_in_cells(unit: str = "岳阳县工信局") -> list[list[object]]:
    return [[TITLE], [f"报送单位：{unit}", None, None, None, "报送月份：2015年3月"]]


def march_book(rows: list[dict[str, object]] = MARCH_ROWS, *, header: list[str] = HEADER,
               keys: list[str] = KEYS, unit: str = "岳阳县工信局") -> openpyxl.Workbook:
    """The template's shape: title row merged across, the labels, the header in row 3, data from row 4."""
    book = new_book()
    ws = book.active
    ws.title = "信息报送登记表"
    write_table(ws, rows, header=header, keys=keys, top=labels_in_cells(unit))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    return book


# --- conversions --------------------------------------------------------------------------------------------


# LibreOffice's setting “save a preview image” off: the thumbnail alone would triple the .ods (≈ 24 KB)
NO_THUMBNAIL = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def soffice(source: Path, target: Path, filter_name: str) -> None:
    """Open `source` in LibreOffice and save it as `target` with the export filter `filter_name`."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile")
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(NO_THUMBNAIL, encoding="utf-8")
        out = Path(tmp, "out")
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
             f"{target.suffix[1:]}:{filter_name}", "--outdir", str(out), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        shutil.move(out / f"{source.stem}{target.suffix}", target)


def ssconvert(source: Path, target: Path, export_type: str) -> None:
    """Open `source` in Gnumeric and save it as `target`."""
    subprocess.run(["ssconvert", "--export-type", export_type, str(source), str(target)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip


def via(tmp: Path, book: openpyxl.Workbook) -> Path:
    source = tmp / "source.xlsx"
    book.save(source)
    return source


# --- the fixtures -------------------------------------------------------------------------------------------


def libreoffice_xlsx(target: Path, tmp: Path) -> None:
    soffice(via(tmp, march_book()), target, "Calc MS Excel 2007 XML")


# 平江县工信局's month for the .xls, typed with 字数 and no 正文 (SPEC §5: units that fax the article fill 字数)
FAX_KEYS = [k for k in KEYS if k != "body"]
FAX_HEADER = [h for h in HEADER if h != "正文"]
PINGJIANG_ROWS: list[dict[str, object]] = [
    row(seq=1, date=d(2015, 3, 3), title="平江县召开全县工业园区建设推进会", category="工作动态", chars=860,
        signer="陈永红"),
    row(seq=2, date=d(2015, 3, 6), title="平江县1-2月规模工业增加值增速居全市前列", category="经济运行", chars=1120,
        analysis="是", signer="陈永红"),
    row(seq=3, date=d(2015, 3, 9), title="平江县石材产业集群发展势头良好", category="产业园区企业项目", chars=150,
        signer="陈永红"),  # R1: 150
    row(seq=4, date=d(2015, 3, 11), title="平江县工业税收实现开门红", category="经济运行", chars=640,
        signer="陈永红"),  # R2: 经济运行 without 情况分析
    row(seq=5, date=d(2015, 3, 13), title="平江县开展“送政策进企业”活动", category="政策落实", chars="６２０",
        signer="陈永红"),  # full-width digits, typed as text
    row(seq=6, date=d(2015, 3, 20), title="平江县食品产业园新签约项目两个", category="产业园区企业项目", chars=None,
        signer="陈永红"),  # R1: neither 正文 nor 字数
    row(seq=7, date=d(2015, 3, 24), title="平江县加强工业企业安全生产监管", category="工作动态", chars=530,
        signer=None, signer_title=None),  # R3
]
for _row in PINGJIANG_ROWS:
    _row.update(reporter="刘敏", channel="传真")


def libreoffice_xls(target: Path, tmp: Path) -> None:
    book = march_book(PINGJIANG_ROWS, header=FAX_HEADER, keys=FAX_KEYS, unit="平江县工信局")
    soffice(via(tmp, book), target, "MS Excel 97")


# the .ods: header synonyms in another order, 是否紧急 answered 是/否
ODS_HEADER = ["序号", "日期", "标题", "类别", "内容", "情况分析", "签发人", "职务", "报送方式", "是否紧急",
              "事件发生时间", "报送人", "备注"]  # fmt: skip
ODS_KEYS = ["seq", "date", "title", "category", "body", "analysis", "signer", "signer_title", "channel", "urgency",
            "event_time", "reporter", "note"]  # fmt: skip


def libreoffice_ods(target: Path, tmp: Path) -> None:
    rows = [dict(r, urgency="是" if r.get("urgency") == "紧急" else "否") for r in MARCH_ROWS]
    book = march_book(rows, header=ODS_HEADER, keys=ODS_KEYS)
    soffice(via(tmp, book), target, "calc8")


def gnumeric_xlsx(target: Path, tmp: Path) -> None:
    ssconvert(via(tmp, march_book()), target, "Gnumeric_Excel:xlsx2")


def gnumeric_xls(target: Path, tmp: Path) -> None:
    ssconvert(via(tmp, march_book()), target, "Gnumeric_Excel:excel_biff8")


def gnumeric_ods(target: Path, tmp: Path) -> None:
    ssconvert(via(tmp, march_book()), target, "Gnumeric_OpenCalc:odf")


def excel_xlsx(target: Path, tmp: Path) -> None:
    """What Excel writes (shared strings, a styles part, <dimension>, defined print titles), the drop-downs of the
    distributed template, and the labels beside their values; category by code and by a close variant."""
    rows = [dict(r) for r in MARCH_ROWS]
    rows[1]["category"] = "经济运行分析"  # a close variant of 经济运行
    rows[4]["category"] = 5  # the code of 产业园区企业项目
    book = new_book()
    ws = book.active
    ws.title = "信息报送登记表"
    top = [[TITLE], ["报送单位", "岳阳县工信局", None, "报送月份", d(2015, 3, 1)]]
    write_table(ws, rows, top=top)
    ws["E2"].number_format = 'yyyy"年"m"月"'
    ws.merge_cells("A1:N1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.freeze_panes = "D4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    for ref, items in (("D4:D200", "政策落实,经济运行,工作动态,新情况新问题,产业园区企业项目,突发事件"),
                       ("G4:G200", "是,否"), ("J4:J200", "传真,电子邮件,QQ,其他"), ("K4:K200", "一般,紧急")):
        validation = DataValidation(type="list", formula1=f'"{items}"', allow_blank=True)
        validation.add(ref)
        ws.add_data_validation(validation)
    book.save(target)


WPS_ROWS: list[dict[str, object]] = [
    row(seq=1, date=d(2015, 3, 2), title="岳阳县召开2015年全县工业经济工作会议", category="工作动态", body=BODY_MEETING),
    row(seq=2, date=d(2015, 3, 4), title="1-2月岳阳县规模工业增加值增长9.2%", category="经济运行", body=BODY_INDICATOR,
        analysis="是"),
    row(seq=3, date=d(2015, 3, 5), title="岳阳县开展春季安全生产大检查", category="工作动态", body=BODY_SHORT),  # R1
    row(seq=4, date=d(2015, 3, 17), title="岳阳县赴长三角开展小分队招商活动", category="招商引资",
        body=BODY_INVESTMENT),  # R4: not one of the six
    row(seq=5, date=d(2015, 3, 10), title="岳阳县生物医药产业园新引进项目3个", category="产业园区企业项目",
        body=BODY_PARK, signer=" ", signer_title=None),  # R3: a blank typed into 审签人
]


def wps_xlsx(target: Path, tmp: Path) -> None:
    book = new_book()
    notes = book.active
    notes.title = "填表说明"
    for r, text in enumerate([
        "填表说明",
        "1、本表每月5日前报送上月信息，一条信息填一行。",
        "2、信息类别从下拉列表中选择：政策落实、经济运行、工作动态、新情况新问题、产业园区企业项目、突发事件。",
        "3、正文粘贴全文；未附正文的，在“字数”栏手工填写字数。每条信息不少于200字。",
        "4、报送规模工业增加值增速等指标信息的，必须有情况分析，“是否含情况分析”填“是”。",
        "5、工信局的信息由单位负责人审签，科室的信息由分管领导审签。",
        "6、紧急信息须填写事件发生时间。",
    ], start=1):  # fmt: skip
        notes.cell(r, 1, text)
    notes.column_dimensions["A"].width = 90
    ws = book.create_sheet("Sheet1")
    write_table(ws, WPS_ROWS, top=[["岳阳县工信局2015年3月政务信息报送登记表"]])
    ws.merge_cells("A1:N1")
    book.custom_doc_props.append(StringProperty(name="KSOProductBuildVer", value="2052-11.1.0.9208"))
    book.save(target)
    _set_application(target, "WPS 表格")


def _set_application(path: Path, name: str) -> None:
    """docProps/app.xml's <Application> as WPS writes it (openpyxl always says Microsoft Excel)."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            if info.filename == "docProps/app.xml":
                data = data.replace(b"<Application>Microsoft Excel</Application>",
                                    f"<Application>{name}</Application>".encode())
            archive.writestr(info, data)


def serial_1904(day: dt.date) -> int:
    """The number Mac Excel (1904 system) stores for `day`: days since 1904-01-01."""
    return (day - dt.date(1904, 1, 1)).days


MAC_ROWS: list[dict[str, object]] = [
    row(seq=1, date=d(2015, 3, 2), title="岳阳县召开2015年全县工业经济工作会议", category="工作动态", body=BODY_MEETING),
    row(seq=2, date=serial_1904(dt.date(2015, 3, 6)), title="岳阳县举办规模工业企业负责人培训班", category="工作动态",
        body=BODY_TRAINING),  # a bare serial in a General cell: 40607
    row(seq=3, date=d(2015, 3, 12), title="岳阳县一化工企业管道泄漏事故得到妥善处置", category="突发事件",
        body=BODY_LEAK, urgency="紧急", event_time=d(2015, 3, 10, 8, 30)),  # R7
    row(seq=4, date=serial_1904(dt.date(2015, 3, 19)), title="岳阳县加快推进宽带乡村建设", category="工作动态",
        body=BODY_BROADBAND),  # 40620
]


def mac_excel_1904(target: Path, tmp: Path) -> None:
    book = new_book(epoch=CALENDAR_MAC_1904)
    ws = book.active
    ws.title = "信息报送登记表"
    write_table(ws, MAC_ROWS, top=labels_in_cells())
    book.save(target)


def two_halves(target: Path, tmp: Path) -> None:
    first, second = MARCH_ROWS[:3], [MARCH_ROWS[6], MARCH_ROWS[8], MARCH_ROWS[9]]
    book = new_book()
    ws = book.active
    ws.title = "上半月"
    write_table(ws, [dict(r, seq=i) for i, r in enumerate(first, 1)], top=labels_in_cells())
    ws = book.create_sheet("下半月")
    write_table(ws, [dict(r, seq=i) for i, r in enumerate(second, 1)], top=labels_in_cells())
    book.save(target)


def hidden_data_sheet(target: Path, tmp: Path) -> None:
    """The unit filled a copy of the form on another sheet and hid it; the visible sheet kept only the header."""
    book = new_book()
    ws = book.active
    ws.title = "信息报送登记表"
    write_table(ws, [], top=labels_in_cells())
    data = book.create_sheet("3月信息")
    write_table(data, [dict(r, seq=i) for i, r in enumerate(MARCH_ROWS[:3], 1)], top=labels_in_cells())
    data.sheet_state = "hidden"
    book.save(target)


def rows_after_blank_run(target: Path, tmp: Path) -> None:
    """Two rows, 150 empty rows (the unit scrolled down to type), then three more: rows 4-5 and 156-158."""
    book = new_book()
    ws = book.active
    ws.title = "信息报送登记表"
    write_table(ws, [dict(r, seq=i) for i, r in enumerate(MARCH_ROWS[:2], 1)], top=labels_in_cells())
    later = [MARCH_ROWS[2], MARCH_ROWS[6], MARCH_ROWS[9]]
    for r, article in enumerate(later, start=156):
        for c, key in enumerate(KEYS, start=1):
            _put(ws, r, c, article.get(key) if key != "seq" else r - 152)
    book.save(target)


TEXT_DATE_ROWS: list[dict[str, object]] = [
    row(date="2015/3/2 10:00", title="岳阳县召开2015年全县工业经济工作会议", category="工作动态", body=BODY_MEETING),
    row(date="2015-3-1 18:30", title="岳阳县出台支持中小微企业发展十条措施", category="政策落实", body=BODY_POLICY),
    row(date="2015.3.2 10:00", title="1-2月岳阳县规模工业增加值增长9.2%", category="经济运行", body=BODY_INDICATOR,
        analysis="是"),
    row(date="2015年3月2日 10时30分", title="岳阳县召开非公有制经济发展座谈会", category="工作动态", body=BODY_FORUM),
    row(date="2015年3月2日10:30", title="岳阳县生物医药产业园新引进项目3个", category="产业园区企业项目", body=BODY_PARK),
    row(date="２０１５年３月６日　９：３０", title="岳阳县举办规模工业企业负责人培训班", category="工作动态",
        body=BODY_TRAINING),  # full-width digits and space
    row(date="3月19日", title="岳阳县加快推进宽带乡村建设", category="工作动态", body=BODY_BROADBAND),  # no year
    row(date="2015/3/12 9:00", title="岳阳县一化工企业管道泄漏事故得到妥善处置", category="突发事件", body=BODY_LEAK,
        urgency="紧急", event_time="2015/3/10 8:30"),  # R7: 48.5 h
    row(date="2015-3-18 16:00", title="岳阳县加快推进信息化和工业化深度融合", category="新情况新问题", body=BODY_FUSION,
        urgency="紧急", event_time="2015年3月17日 20时00分"),  # 20 h: in time
]


def text_dates(target: Path, tmp: Path) -> None:
    book = new_book()
    ws = book.active
    ws.title = "信息报送登记表"
    write_table(ws, [dict(r, seq=i) for i, r in enumerate(TEXT_DATE_ROWS, 1)], top=labels_in_cells())
    book.save(target)


def merged_cells_ods(target: Path, tmp: Path) -> None:
    """Rows 4-6 share 报送日期 B4:B6, 审签人 H4:H6 and 职务 I4:I6; rows 7-8 are blank; rows 9-10 share B9:B10,
    H9:H10 and I9:I10. ODS writes the cells under a merge as covered cells and blank rows as one repeated row."""
    book = new_book()
    help_sheet = book.active
    help_sheet.title = "填表说明"
    help_sheet["A1"], help_sheet["B4"] = "填表说明", "每条信息填一行，同一天报送的可合并报送日期单元格"
    help_sheet.merge_cells("A1:C1")
    help_sheet.merge_cells("B4:B8")  # a merge where the form has blank rows: must stay on this sheet
    ws = book.create_sheet("信息报送登记表")
    first = [dict(MARCH_ROWS[i], date=d(2015, 3, 5)) for i in (0, 1, 4)]
    first[2].update(signer="李建国", signer_title="局长")
    write_table(ws, [dict(r, seq=i) for i, r in enumerate(first, 1)], top=labels_in_cells())
    second = [dict(MARCH_ROWS[i], date=d(2015, 3, 12), signer="陈永红", signer_title="副局长") for i in (5, 7)]
    for r, article in enumerate(second, start=9):
        for c, key in enumerate(KEYS, start=1):
            _put(ws, r, c, article.get(key) if key != "seq" else r - 5)
    for top, bottom in ((4, 6), (9, 10)):
        for letter in "BHI":
            ws.merge_cells(f"{letter}{top}:{letter}{bottom}")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    soffice(via(tmp, book), target, "calc8")


def cell_shapes_book() -> openpyxl.Workbook:
    """Rows 4-9: 报送日期 =DATEVALUE("abc") in row 5 (#VALUE!), 字数 =1/0 and no 正文 in row 6 (#DIV/0!), 信息类别
    =NA() in row 8 (#N/A); row 7 hidden, row 9 filtered out by the 自动筛选 on 审签人 (LibreOffice computes the
    formulas when it opens the file)."""
    rows = [dict(MARCH_ROWS[i], seq=n) for n, i in enumerate((0, 1, 3, 4, 6, 9), 1)]
    rows[1].update(date='=DATEVALUE("abc")')
    rows[2].update(body=None, chars="=1/0", analysis="是")
    rows[3].update(signer="李建国", signer_title="局长")
    rows[4].update(category="=NA()")
    rows[5].update(signer="陈永红", signer_title="副局长")
    book = march_book(rows)
    ws = book.active
    ws.row_dimensions[7].hidden = True
    ws.auto_filter.ref = "A3:N9"
    ws.auto_filter.add_filter_column(7, ["李建国"])  # H: 审签人; row 9 (陈永红) filtered out
    ws.row_dimensions[9].hidden = True
    return book


def cell_shapes_xls(target: Path, tmp: Path) -> None:
    soffice(via(tmp, cell_shapes_book()), target, "MS Excel 97")


def cell_shapes_ods(target: Path, tmp: Path) -> None:
    soffice(via(tmp, cell_shapes_book()), target, "calc8")


FIXTURES: dict[str, Callable[[Path, Path], None]] = {
    "libreoffice.xlsx": libreoffice_xlsx,
    "libreoffice.xls": libreoffice_xls,
    "libreoffice.ods": libreoffice_ods,
    "gnumeric.xlsx": gnumeric_xlsx,
    "gnumeric.xls": gnumeric_xls,
    "gnumeric.ods": gnumeric_ods,
    "excel.xlsx": excel_xlsx,
    "wps.xlsx": wps_xlsx,
    "mac_excel_1904.xlsx": mac_excel_1904,
    "two_halves.xlsx": two_halves,
    "hidden_data_sheet.xlsx": hidden_data_sheet,
    "rows_after_blank_run.xlsx": rows_after_blank_run,
    "text_dates.xlsx": text_dates,
    "merged_cells.ods": merged_cells_ods,
    "cell_shapes.xls": cell_shapes_xls,
    "cell_shapes.ods": cell_shapes_ods,
}


def main(names: list[str]) -> None:
    unknown = [n for n in names if n not in FIXTURES]
    if unknown:
        sys.exit(f"unknown fixture(s): {', '.join(unknown)}; known: {', '.join(FIXTURES)}")
    HERE.mkdir(exist_ok=True)
    for name in names or FIXTURES:
        with tempfile.TemporaryDirectory() as tmp:
            FIXTURES[name](HERE / name, Path(tmp))
        print(f"{name}: {(HERE / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
