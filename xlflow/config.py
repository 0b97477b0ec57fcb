"""The workspace: where things live, its settings file, and the quota table it holds."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, WorkspaceError
from .schema import QUOTA_HEADERS, QUOTA_SHEET, REWARD_POLICY_CUMULATIVE, REWARD_POLICY_HIGHEST
from .textnorm import clean_cell, parse_int, squash
from .units import Unit, UnitTable

SETTINGS_FILE = "xlflow.toml"


@dataclass(frozen=True)
class Settings:
    year: int
    office: str = "岳阳市经信委"
    coordinator: str = "综合法规科"
    contact: str = "易振波"
    fax: str = "8715396"
    email: str = "yy8715396@163.com"
    qq_group: str = "143863243"
    min_chars: int = 200
    emergency_hours: float = 24.0
    register_deadline: dt.date | None = None
    reward_policy: str = REWARD_POLICY_HIGHEST
    # 年度考核: score = completion_weight × min(完成率, completion_cap) + adoption_weight × min(采用率/adoption_target, 1)
    completion_weight: float = 70.0
    completion_cap: float = 1.0
    adoption_weight: float = 30.0
    adoption_target: float = 0.3
    max_rows_per_sheet: int = 100_000

    @property
    def cumulative_rewards(self) -> bool:
        return self.reward_policy == REWARD_POLICY_CUMULATIVE


def settings_text(settings: Settings) -> str:
    """The settings file as a coordinator reads it: every key explained in Chinese."""
    deadline = settings.register_deadline.isoformat() if settings.register_deadline else f"{settings.year}-02-27"
    return f"""# xlflow 工作区设置。用记事本修改后保存（UTF-8）；# 后面是说明。

year = {settings.year}                 # 年度
office = "{settings.office}"       # 发文单位
coordinator = "{settings.coordinator}"      # 负责汇总的科室
contact = "{settings.contact}"            # 联系人
fax = "{settings.fax}"
email = "{settings.email}"
qq_group = "{settings.qq_group}"

[rules]
min_chars = {settings.min_chars}              # 每条信息最少字数（通知三.3：不少于200字）
emergency_hours = {settings.emergency_hours:g}         # 紧急信息：事件发生后多少小时内必须报送
max_rows_per_sheet = {settings.max_rows_per_sheet}   # 单个工作表最多读取的行数；超出的文件整份退回，请单位分成几个文件报送

[register]
deadline = {deadline}        # 通讯员登记表报送截止日期（通知三.1）

[rewards]
policy = "{settings.reward_policy}"          # “{REWARD_POLICY_HIGHEST}”：一篇稿件按最高采用级别奖励一次；“{REWARD_POLICY_CUMULATIVE}”：各级采用分别奖励

[assessment]
# 年度考核得分 = 完成率得分 + 采用率得分
completion_weight = {settings.completion_weight:g}    # 完成率满分（完成率按 completion_cap 封顶）
completion_cap = {settings.completion_cap:g}
adoption_weight = {settings.adoption_weight:g}      # 采用率满分
adoption_target = {settings.adoption_target:g}     # 采用率达到此值得满分
"""


def read_settings(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise WorkspaceError(f"找不到设置文件 {path}：请先运行 xlflow init") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"设置文件 {path} 格式有误（{exc}）：请按原样的“键 = 值”格式修改后保存为 UTF-8") from exc
    rules = data.get("rules", {})
    register = data.get("register", {})
    rewards = data.get("rewards", {})
    assessment = data.get("assessment", {})
    deadline = register.get("deadline")
    if isinstance(deadline, str):
        try:
            deadline = dt.date.fromisoformat(deadline)
        except ValueError as exc:
            raise ConfigError(f"设置文件 {path} 中 deadline 应写成 2015-02-27") from exc
    policy = rewards.get("policy", REWARD_POLICY_HIGHEST)
    if policy not in (REWARD_POLICY_HIGHEST, REWARD_POLICY_CUMULATIVE):
        raise ConfigError(f"设置文件 {path} 中 policy 只能是“{REWARD_POLICY_HIGHEST}”或“{REWARD_POLICY_CUMULATIVE}”")
    try:
        return Settings(
            year=int(data["year"]),
            office=str(data.get("office", Settings.office)),
            coordinator=str(data.get("coordinator", Settings.coordinator)),
            contact=str(data.get("contact", Settings.contact)),
            fax=str(data.get("fax", Settings.fax)),
            email=str(data.get("email", Settings.email)),
            qq_group=str(data.get("qq_group", Settings.qq_group)),
            min_chars=int(rules.get("min_chars", Settings.min_chars)),
            emergency_hours=float(rules.get("emergency_hours", Settings.emergency_hours)),
            max_rows_per_sheet=int(rules.get("max_rows_per_sheet", Settings.max_rows_per_sheet)),
            register_deadline=deadline,
            reward_policy=policy,
            completion_weight=float(assessment.get("completion_weight", Settings.completion_weight)),
            completion_cap=float(assessment.get("completion_cap", Settings.completion_cap)),
            adoption_weight=float(assessment.get("adoption_weight", Settings.adoption_weight)),
            adoption_target=float(assessment.get("adoption_target", Settings.adoption_target)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"设置文件 {path} 缺少或写错了一项（{exc}）：可参照 xlflow init 新建的设置文件修改") from exc


@dataclass(frozen=True)
class Workspace:
    """A folder holding one year's work, like a git repository holds a project."""

    root: Path
    settings: Settings = field(compare=False)

    # -- paths -----------------------------------------------------------------------------------
    @staticmethod
    def settings_path_of(root: Path) -> Path:
        return root / SETTINGS_FILE

    @property
    def quota_path(self) -> Path:
        return self.root / "信息任务分配表.xlsx"

    @property
    def adoption_path(self) -> Path:
        return self.root / "采用登记表.xlsx"

    @property
    def reward_schedule_path(self) -> Path:
        return self.root / "奖励标准.xlsx"

    @property
    def roster_path(self) -> Path:
        return self.root / "通讯员名册.xlsx"

    @property
    def ledger_path(self) -> Path:
        return self.root / "ledger.sqlite"

    @property
    def lock_path(self) -> Path:
        return self.root / ".xlflow.lock"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def narrative_dir(self) -> Path:
        return self.root / "narrative"

    def inbox_for(self, month_key: str) -> Path:
        """inbox/2015-03 when it exists, else inbox/ itself."""
        sub = self.inbox / month_key
        return sub if sub.is_dir() else self.inbox

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path | str) -> Workspace:
        root = Path(root)
        path = cls.settings_path_of(root)
        if not path.is_file():
            raise WorkspaceError(
                f"{root.resolve()} 不是 xlflow 工作区（没有 {SETTINGS_FILE}）：请先运行 xlflow init 目录 --year 年度，"
                "或用 -w 指定工作区目录"
            )
        return cls(root, read_settings(path))

    def units(self) -> UnitTable:
        return read_quota_workbook(self.quota_path)


_ALIAS_SPLIT = re.compile(r"[;；,，、/|\n]+")


def read_quota_workbook(path: Path) -> UnitTable:
    """The units of the workspace's 信息任务分配表, in table order. Raises ConfigError naming the bad cell."""
    if not path.is_file():
        raise WorkspaceError(f"找不到任务分配表 {path}：请从 templates/quota_template.xlsx 复制一份，或重新运行 xlflow init --force")
    from .intake.workbook import own_sheet

    sheet_name, rows = own_sheet(path, QUOTA_SHEET, "任务分配表")
    header_at, columns = None, {}
    for r, row in enumerate(rows[:20]):
        names = [squash(clean_cell(v)) for v in row]
        if "单位名称" in names:
            header_at = r
            columns = {h: names.index(h) for h in QUOTA_HEADERS if h in names}
            break
    missing = [h for h in ("单位名称", "单位类别", "每月任务", "全年任务") if h not in columns]
    if header_at is None or missing:
        raise ConfigError(f"任务分配表 {path.name}（工作表“{sheet_name}”）缺少表头 {'、'.join(missing or ['单位名称'])}：请保留模板的表头行")

    def cell(row: list[object], header: str) -> object:
        index = columns.get(header)
        return row[index] if index is not None and index < len(row) else None

    units: list[Unit] = []
    seen: set[str] = set()
    for r, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        name = clean_cell(cell(row, "单位名称"))
        if not name:
            continue
        where = f"任务分配表 {path.name} 第 {r} 行（{name}）"
        if squash(name) in seen:
            raise ConfigError(f"{where}：单位名称重复，请删除重复的一行")
        seen.add(squash(name))
        kind = clean_cell(cell(row, "单位类别"))
        if not kind:
            raise ConfigError(f"{where}：“单位类别”为空，请从下拉列表选择")
        monthly_raw = clean_cell(cell(row, "每月任务"))
        monthly = None if monthly_raw in ("", "-", "—", "－", "/") else parse_int(monthly_raw)
        annual = parse_int(cell(row, "全年任务"))
        if monthly_raw not in ("", "-", "—", "－", "/") and monthly is None:
            raise ConfigError(f"{where}：“每月任务”应为整数，只按年度考核的单位填“-”")
        if annual is None:
            annual = monthly * 12 if monthly is not None else None
        if annual is None:
            raise ConfigError(f"{where}：“全年任务”应为整数")
        aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(clean_cell(cell(row, "别名"))) if a.strip())
        units.append(
            Unit(
                seq=len(units) + 1,
                name=name,
                kind=kind,
                target=clean_cell(cell(row, "报送对象")),
                monthly=monthly,
                annual=annual,
                aliases=aliases,
                note=clean_cell(cell(row, "备注")),
            )
        )
    if not units:
        raise ConfigError(f"任务分配表 {path.name} 没有任何单位：请在表头下逐行填写单位")
    return UnitTable(units)
