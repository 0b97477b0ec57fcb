"""`xlflow register FOLDER`: read the returned 通讯员登记表, check them, write 通讯员名册.xlsx."""

from __future__ import annotations

import shutil
from contextlib import suppress
from pathlib import Path

from xlflow.commands.bulletin import kept_name
from xlflow.compute.roster import (
    CHOSEN_MODIFIED,
    CHOSEN_NAME,
    MODIFIED_STEP,
    MODIFIED_WHY,
    STATUS_DONE,
    STATUS_LATE,
    Edits,
    build_roster,
    cell_digest,
    find_edits,
)
from xlflow.core.errors import InputFileError, WorkspaceError, XlflowError
from xlflow.core.model import ERROR, FILE_PROBLEMS, Correspondent, Finding, RunResult
from xlflow.core.periods import date_label
from xlflow.core.schema import RECEIVED_HEADER
from xlflow.core.text import listing
from xlflow.fsutil import read_json, write_json
from xlflow.intake.books import read_received_dates, read_roster_cells, read_roster_rows
from xlflow.intake.folder import document_kind, scan_folder
from xlflow.intake.messages import NOT_NOW, SAVED_MAIL
from xlflow.intake.register_form import read_register_file
from xlflow.lock import workspace_lock
from xlflow.progress import Progress, no_progress
from xlflow.workspace import Workspace
from xlflow.writers.roster import (
    DETAIL_HEADERS,
    DETAIL_SHEET,
    EDITABLE_HEADERS,
    LATE_SHEET,
    MISSING_SHEET,
    PROBLEM_SHEET,
    ROSTER_HEADERS,
    roster_texts,
    write_roster,
)

SHOWN_FINDINGS = 30  # errors listed in the terminal; the workbook has them all
REGISTER_FOLDER = "通讯员登记表"  # FOLDER by default (the README's and the demo's folder)
RECORD = ".xlflow-roster.json"  # what the forms gave each roster cell last time (cell_digest): the edits are the rest
SEND_FORM = "请用附件二 Excel 登记表（xlflow templates 生成的 register_template.xlsx）填写后重新报送"


def collect_register(ws: Workspace, folder: Path | None = None, *, progress: Progress = no_progress) -> RunResult:
    """Read every register file in `folder` (default: the workspace's 通讯员登记表/) and its sub-folders, write
    ws.roster_path, and say what happened."""
    if folder is None and not (ws.root / REGISTER_FOLDER).is_dir():
        raise WorkspaceError(
            f"工作区中没有 {REGISTER_FOLDER}/ 文件夹：请把各单位报回的通讯员登记表放进去后重新运行，或在命令后写明登记表所在的文件夹"
        )
    folder = Path(folder) if folder is not None else ws.root / REGISTER_FOLDER
    result, units, settings = RunResult("通讯员登记表汇总"), ws.units(), ws.settings
    lines = result.lines
    in_workspace = folder.resolve() == ws.root.resolve()
    own = {  # when FOLDER is the workspace itself, its own files are nobody's register form
        q.resolve() for p in (ws.roster_path, ws.quota_path, ws.adoption_path, ws.reward_schedule_path,
                              ws.settings_path, ws.ledger_path, ws.lock_path, ws.root / RECORD) for q in (p, p.with_suffix(".xls"))
    }  # fmt: skip
    # Word files, PDFs and photos are set aside (documents): named with their unit below, refused unless the unit's
    # Excel form was read too (a stamped scan mailed with it)
    scan = scan_folder(folder, skip=(lambda name: "工作区自己的文件夹") if in_workspace else None)
    files = [e for e in scan.files if e.path.resolve() not in own]
    scan.system = [name for name in scan.system if (folder / name).resolve() not in own]

    people: list[Correspondent] = []
    file_findings: list[Finding] = []
    read = forms = 0  # forms: files read as a register form, if one registering nobody (no name filled)
    unread: list[str] = []  # forms this PC cannot read just now (open in another program): the roster waits for them
    for entry in progress(files, "读取登记表"):
        try:
            found, findings = read_register_file(entry.path, units, settings, name=entry.name)
        except InputFileError as exc:
            if exc.code == NOT_NOW:
                unread.append(str(exc))
                continue
            guess = units.find_in(Path(entry.name).stem, strict=True)
            found = []
            findings = [Finding(entry.name, "", None, "", "", exc.code, ERROR, str(exc), unit=guess.name if guess else "")]
            result.refused.append(str(exc))
        else:
            forms += 1
            if not found:
                reasons = "；".join(dict.fromkeys(f.message for f in findings if f.severity == ERROR))
                result.refused.append(f"{entry.name}：未能登记任何通讯员（{reasons}）")
        file_findings.extend(findings)
        read += bool(found)
        people.extend(found)
    if unread:  # a roster without them would say their units sent nothing: the roster and its record stay as they are
        raise XlflowError(f"{'；'.join(unread)}。通讯员名册未改动：处理好后请重新运行 xlflow register，各单位的登记表一并登记")
    registered = {p.unit for p in people}
    if not registered and not forms:  # an empty or wrong folder must not replace the roster with an empty one
        more = f"；另有 {len(files) - 2} 个" if len(files) > 2 else ""
        held = [f"Excel 文件 {len(files)} 个，都未能登记：{'；'.join(result.refused[:2])}{more}"] if files else []
        held += [f"Word、PDF、图片等 {len(scan.documents)} 个（{listing(scan.documents, 3, '个')}），无法读取"] if scan.documents else []
        raise WorkspaceError(
            f"文件夹 {folder} 中没有可以读取的通讯员登记表" + (f"（{'；'.join(held)}）" if held else "（文件夹是空的）")
            + "：请确认登记表所在的文件夹后重新运行 xlflow register 文件夹；通讯员名册未改动"
        )
    beside: list[str] = []  # Word, PDF, photos of units whose Excel form was read
    for name in scan.documents:
        unit = units.find_in(name.rsplit(".", 1)[0], strict=True)
        if unit is not None and unit.name in registered:
            beside.append(name)
            continue
        kind, why = document_kind(name), f"不是 Excel 工作簿，无法读取：{SEND_FORM}"
        file_findings.append(Finding(name, "", None, "", "", "F1", ERROR, f"登记表是{kind}，{why}", unit=unit.name if unit else ""))
        result.refused.append(f"{unit.name}：登记表是{kind}（{name}），{why}" if unit else f"{name}：这是{kind}，{why}")
    unit_notes: dict[str, list[str]] = {}  # the units that sent something that could not be registered, and what
    for f in file_findings:
        if f.unit and f.severity == ERROR:
            unit_notes.setdefault(f.unit, []).append(f"收到 {f.file}，但未能登记：{f.message}")

    # the 收到日期 the coordinator typed in the roster being replaced (saved as .xls too) decide lateness, and are
    # written back: into the .xlsx, which is then the roster to edit
    typed_in, book_notes = ws.book(ws.roster_path)
    received, received_problems = read_received_dates(typed_in, units, settings.year)
    roster = build_roster(people, units, settings, findings=file_findings, unit_notes=unit_notes, received=received)
    # a unit registered in that roster (or filled in by the coordinator) whose form is not found now (moved out of
    # the folder once processed) keeps its row; what the coordinator added that a new roster has no place for is named
    old_rows, dropped = read_roster_rows(typed_in, units, ROSTER_HEADERS)
    details = read_roster_rows(typed_in, units, DETAIL_HEADERS, DETAIL_SHEET)[0] if old_rows else {}
    # (a name the coordinator typed in a 未报 row is kept as an edit, below)
    carried = [e for e in roster.entries if e.person is None and (row := old_rows.get(e.unit.name))
               and row.get("状态") in (STATUS_DONE, STATUS_LATE) and any(row.get(h) for h in EDITABLE_HEADERS[:-1])]  # fmt: skip
    for e in carried:
        e.carried, e.status = (old_rows[e.unit.name], details.get(e.unit.name, {})), STATUS_DONE
    made, record = roster_texts(roster), {u: c for u, c in read_json(ws.root / RECORD).items() if isinstance(c, dict)}
    edits = find_edits(read_roster_cells(typed_in, units, EDITABLE_HEADERS), record, made)
    with workspace_lock(ws.lock_path):
        # a roster whose cells cannot be told apart from a changed form is kept as it was
        old = kept_name(typed_in) if (edits.unknown or dropped) and typed_in == ws.roster_path else None
        try:
            if old is not None:
                shutil.copy2(typed_in, old)
            write_roster(ws.roster_path, roster, kept=edits.kept)
        except OSError as exc:
            if old is not None:  # the roster is as it was: no copy of it (a full disk may have cut the copy short)
                old.unlink(missing_ok=True)
            if isinstance(exc, PermissionError):
                raise XlflowError(f"无法写入 {ws.roster_path}（{exc.strerror}）：文件可能正在 Excel 或 WPS 中打开，请关闭后重试") from exc
            raise
        with suppress(OSError):  # a stale record would take the last forms' cells for the coordinator's: none then
            (ws.root / RECORD).unlink(missing_ok=True)
            write_json(ws.root / RECORD, {u: {h: cell_digest(t) for h, t in cells.items()} for u, cells in made.items()})
    result.paths.append(ws.roster_path)
    result.warnings.extend(book_notes)
    if typed_in != ws.roster_path:
        result.warnings.append(
            f"{typed_in.name} 中填写的{RECEIVED_HEADER}（{len(received)} 个单位）已带入新生成的 {ws.roster_path.name}：以后请在 "
            f"{ws.roster_path.name} 中填写{RECEIVED_HEADER}，{typed_in.name} 不再读取，可以移出工作区"
        )

    lines.append(f"读取登记文件 {read} 个，拒收 {len(result.refused)} 个" + (f"，跳过锁定文件 {len(scan.locks)} 个（{'、'.join(scan.locks)}）" if scan.locks else ""))
    if scan.in_subfolders:
        lines.append(f"其中子文件夹中的文件 {len(scan.in_subfolders)} 个：" + "、".join(e.name for e in scan.in_subfolders))
    if scan.system:
        lines.append(f"跳过系统文件 {len(scan.system)} 个：{'、'.join(scan.system)}")
    if beside:
        lines.append(f"跳过 Word、PDF、图片等文件 {len(beside)} 个（这些单位已报来 Excel 登记表）：{'、'.join(beside)}")
    if scan.unpacked:
        lines.append(f"跳过已解压的压缩包 {len(scan.unpacked)} 个：{'、'.join(scan.unpacked)}")
    result.warnings.extend(f"{name}：{SAVED_MAIL}后重新运行 xlflow register" for name in scan.mails)
    lines.extend(f"未读取文件夹 {name}：{why}（需要时请把文件放到 {folder} 中）" for name, why in scan.folders)
    lines.append(
        f"已登记 {len(roster.registered)}/{len(roster.entries)} 个单位"
        + (f"（截止日期 {date_label(roster.deadline)}，迟报 {len(roster.late)} 个）" if roster.deadline else "（未设置截止日期）")
    )
    if carried:
        lines.append(f"上次已登记、本次未找到登记表的单位（保留名册中的信息）：{'、'.join(e.unit.name for e in carried)}"
                     "；如某单位的登记已不适用，请清空名册中该单位的姓名、电话等栏后再运行一次 xlflow register")
    if dropped:
        result.warnings.append(f"{typed_in.name} 中添加的{'、'.join(dropped)}，新名册中没有（名册每个单位一行、列是固定的）：" + (
            f"原名册已改名保留为 {old.name}，请从中复制需要的内容" if old else f"{typed_in.name} 未改动，请从中复制需要的内容"))
    names = "、".join(e.unit.name for e in roster.missing)
    lines.append(f"未报送 {len(roster.missing)} 个：{names}（见“{MISSING_SHEET}”表）" if names else "未报送：无，各单位均已登记")
    refused_units = [e.unit.name for e in roster.missing if e.unit.name in unit_notes]
    if refused_units:  # they did send something: not the same as silence
        lines.append(f"其中 {len(refused_units)} 个单位报来了文件但未能登记：{'、'.join(refused_units)}（原因见“{MISSING_SHEET}”表）")
    if roster.late:
        names = "、".join(
            f"{e.unit.name}（迟 {e.days_late} 天" + (f"，{e.basis}" if e.by_file_time else "") + "）" for e in roster.late
        )
        lines.append(f"迟报 {len(roster.late)} 个：{names}（见“{LATE_SHEET}”表）")
        if any(e.by_file_time for e in roster.late):
            lines.append(
                f"按文件修改时间判断的迟报可能不准（邮件、QQ 附件的修改时间是保存的时间）：如实际按时收到，请在 "
                f"{ws.roster_path.name} 的“{RECEIVED_HEADER}”栏填写收到日期，再运行一次 xlflow register"
            )
    if untrusted := [e for e in roster.registered if e.date_note and e.sent is not None]:
        names = "、".join(f"{e.unit.name}（{e.date_note}）" for e in untrusted)
        lines.append(f"登记表日期未采用、改按文件修改时间判断 {len(untrusted)} 个：{names}")
    if unknown := [e for e in roster.registered if e.sent is None]:
        names = "、".join(f"{e.unit.name}（{e.date_note}）" for e in unknown)
        lines.append(
            f"报送日期不明 {len(unknown)} 个：{names}：是否迟报无法判断，请在 {ws.roster_path.name} 的“{RECEIVED_HEADER}”栏"
            "填写收到日期，再运行一次 xlflow register"
        )
    if by_received := [e for e in roster.registered if e.received is not None]:
        lines.append(f"按协调人填写的{RECEIVED_HEADER}判断 {len(by_received)} 个单位")
    result.warnings.extend(received_problems)
    for entry in roster.duplicates:
        assert entry.person is not None
        others = "、".join(f"{p.origin}（{p.name}）" for p in entry.superseded)
        lines.append(f"重复登记：{entry.unit.name} 另有 {others}，以{entry.chosen}的 {entry.person.origin}（{entry.person.name}）为准")
    if by_time := sum(e.chosen == CHOSEN_MODIFIED for e in roster.duplicates):
        lines.append(f"按最后修改选定的 {by_time} 个单位可能不准（{MODIFIED_WHY}）：{MODIFIED_STEP}")
    if by_name := sum(e.chosen == CHOSEN_NAME for e in roster.duplicates):
        lines.append(f"修改时间相同、按文件名选定的 {by_name} 个单位无法判断哪份较新：{MODIFIED_STEP}")
    _tell_edits(result, edits, typed_in.name, old)
    errors = [f for f in roster.findings if f.severity == ERROR and f.code not in FILE_PROBLEMS]
    notes = [f for f in roster.findings if f.severity != ERROR]
    lines.append(f"问题：错误 {len(errors)} 处，提示 {len(notes)} 处（全部列在“{PROBLEM_SHEET}”表）")
    for f in errors[:SHOWN_FINDINGS]:
        result.warnings.append(f"{f.where}：{f.rule}：{f.message}")
    if len(errors) > SHOWN_FINDINGS:
        result.warnings.append(f"另有 {len(errors) - SHOWN_FINDINGS} 处错误，见通讯员名册的“{PROBLEM_SHEET}”表")
    result.exit_code = 3 if result.refused else 0  # done, but some forms were refused (2: usage error)
    result.data.update(
        registered=roster.names(), missing=[e.unit.name for e in roster.missing], late=[e.unit.name for e in roster.late]
    )
    return result


def _cells(cells: list[tuple[str, str]]) -> str:
    """岳阳县工信局（移动电话、备注）、平江县工信局（姓名）"""
    units = {unit: [h for u, h in cells if u == unit] for unit, _ in cells}
    return "、".join(f"{unit}（{'、'.join(headers)}）" for unit, headers in units.items())


def _tell_edits(result: RunResult, edits: Edits, name: str, old: Path | None) -> None:
    if edits.kept:
        result.lines.append(f"保留协调人在 {name} 中改过的 {len(edits.kept)} 处（与登记表不同，以名册为准）：{_cells(list(edits.kept))}")
    result.warnings.extend(
        f"{unit}的{header}：" + (f"按现在的登记表应为“{new}”" if new else "按现在的登记表和收到日期，这一格应为空")
        + f"（与上次生成名册时不同），名册中协调人改的“{edits.kept[unit, header]}”仍保留；"
        + ("如应以登记表为准，请清空名册中这一格后再运行一次 xlflow register" if new else "如已不适用，请清空名册中这一格")
        for unit, header, new in edits.also_sent
    )
    if edits.unknown:
        result.warnings.append(
            f"{name} 中有 {len(edits.unknown)} 处与登记表不同：{_cells(edits.unknown)}；没有上次生成名册时的记录（旧版本 xlflow "
            "生成的名册没有），分不出是否为协调人所改，新名册按登记表填写，" + (f"原名册已改名保留为 {old.name}" if old else f"{name} 未改动")
            + "：如是协调人改的，请在新名册中再改一次，以后重新生成时保留"
        )
