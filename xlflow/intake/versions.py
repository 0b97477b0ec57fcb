"""Which of a unit's files of the month count (SPEC §5): a file named 更正 or a final version replaces the others,
else the one modified last; a 补报 adds its rows, and an emergency report sharing no title with the return is kept
beside it. Replaced files get F8 findings naming what is no longer counted. Pure: files are already read."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

from xlflow.core.model import FOR_COORDINATOR, WARNING, Article, Finding, UnitFile
from xlflow.core.periods import Period
from xlflow.core.text import book_title, normalize_title, squash
from xlflow.core.units import by_unit
from xlflow.intake.returns import (
    DRAFT,
    corrections,
    corrects_supplement,
    draft_word,
    file_version,
    is_correction,
    is_draft,
    named_urgent,
    without_correction_word,
    without_draft_word,
)
from xlflow.intake.returns_unit_month import SUPPLEMENT_NAME


def choose_files(
    files: Sequence[tuple[UnitFile, list[Article]]], month: Period, history: Callable[[], Sequence[Article]] = tuple
) -> list[tuple[UnitFile, UnitFile]]:
    """Mark replaced files (UnitFile.superseded_by, their F8 findings); return (old, new) pairs. Of a unit's files
    one whose name says 更正/修改/修订, else one not named 初稿/草稿, else the one modified last, replaces the others
    (QQ and mail attachments get the time they were saved); supplements (补报) are all kept and add their rows (but
    one a 补报's 更正 replaces: returns.corrects_supplement), and so is an emergency
    file (named 紧急, or every counted row 紧急) that shares no title with the winner (notice 三.2). An emergency
    file named 更正 replaces only the emergency report it corrects (returns.corrections), never the month's return.
    `history`: the ledger's rows of the other months, read only when a replaced file had rows to lose (R6)."""
    articles = {uf.name: rows for uf, rows in files}
    history = cache(history)
    titles = {name: {a.title_key for a in rows if a.title_key} for name, rows in articles.items()}

    def emergency(uf: UnitFile) -> bool:
        counted = [a for a in articles[uf.name] if a.counted]
        return named_urgent(uf.name) or bool(counted) and all(a.urgent for a in counted)
    replaced: list[tuple[UnitFile, UnitFile]] = []
    told: list[tuple[UnitFile, UnitFile, list[Article], list[Article]]] = []  # F8 lines written once all are chosen

    def supersede(old: UnitFile, new: UnitFile) -> None:
        old.superseded_by = new.name
        if not old.empty:
            old.findings.clear()  # a replaced file's own findings go with it (an empty one's F9 says what to do)
        told.append((old, new, articles[old.name], []))
        replaced.append((old, new))

    def ranked(group: Iterable[UnitFile]) -> list[UnitFile]:
        return sorted(group, key=lambda f: (file_version(f.name), f.mtime, f.name), reverse=True)

    for group in by_unit(uf for uf, _ in files).values():
        extra = [f for f in group if f.supplement]  # 补报 files: all counted, but a 补报（初稿） gives way to a 补报
        finals = ranked(f for f in extra if not is_draft(f.name))
        for old in [f for f in extra if is_draft(f.name)] if finals else []:
            supersede(old, finals[0])
        for fix in (f for f in ranked(extra) if corrects_supplement(f.name)):  # a 补报's 更正 replaces only that 补报:
            earlier = [f for f in ranked(extra) if file_version(f.name) < 1 and not f.superseded_by]  # by name, title,
            named = [f for f in earlier if without_correction_word(f.name) == without_correction_word(fix.name)]
            titled = [f for f in earlier if titles[f.name] & titles[fix.name]]  # else the only one named 补报
            only = [f for f in earlier if SUPPLEMENT_NAME.search(squash(f.name))]
            if old := next(iter(named + titled + (only if len(only) == 1 else [])), None):
                supersede(old, fix)
        main = ranked(f for f in group if not f.supplement)
        empty = [f for f in main if not f.rows] if any(f.rows for f in main) else []  # never replaces a filled one
        main = [f for f in main if f not in empty]
        regular = [f for f in main if not is_draft(f.name) and not named_urgent(f.name)]
        corrected = corrections(main, emergency, titles, month.key)  # a file replaced by the emergency report named 更正 of it
        lead = next((f for f in main if f.name not in corrected and not (emergency(f) and file_version(f.name) == 1)),
                    next(iter(main), None))  # the others' measure (the month's return): not an emergency 更正, which replaces only its own
        kept_urgent: set[str] = set()  # titles and 正文 of the urgent articles an earlier file keeps (spared)
        for old in (f for f in main if f is not lead):
            final = _final_version(old, main) if is_draft(old.name) else None
            new = corrected.get(old.name) or final or (regular[0] if is_draft(old.name) and regular else lead)
            separate = titles[old.name] and titles[new.name] and not titles[old.name] & titles[new.name]
            # an emergency file sent before (or after) the return is kept beside it when they share no title; a
            # draft gives way to its final version (named as it is, without 初稿), but not to an emergency report
            if final is not None or old.name in corrected:
                kept = False
            elif is_draft(old.name) and not is_draft(new.name):
                kept = emergency(new) and not emergency(old)
            else:
                kept = (bool(separate) or file_version(old.name) > file_version(new.name)) and (emergency(old) or emergency(new))
            # the form's 填表说明: the later file counts, not the earlier, 先报的紧急信息除外: those no later file carries,
            # by title or by 正文 (main runs newest first: an urgent article in two earlier files is kept in the later)
            carried = {k for a in articles[new.name] for k in _keys(a)} | kept_urgent
            spared = [a for a in articles[old.name] if a.counted and a.urgent and not _keys(a) & carried]
            if not kept and spared and file_version(old.name) == file_version(new.name):
                old.findings[:] = [f for f in old.findings if (f.sheet, f.row) in {(a.sheet, a.row) for a in spared}]
                told.append((old, new, list(articles[old.name]), spared))
                articles[old.name][:] = spared  # its other rows are replaced: not stored, as a replaced file's
                kept_urgent.update(k for a in spared for k in _keys(a))
                for sheet in (s for s in old.sheets if s.read):  # the receipt says which rows still count
                    rows = [a.row for a in spared if a.sheet == sheet.name]
                    sheet.first_row, sheet.last_row, sheet.rows = min(rows, default=None), max(rows, default=None), len(rows)
                    sheet.why = "；".join(filter(None, [sheet.why, f"只计入先报的紧急信息，其他行以 {new.name} 为准"]))
                continue
            if kept and emergency(old) and emergency(new) and file_version(old.name) == 1:
                continue  # an emergency 更正 matching no report: corrections() told the unit how to name it
            if kept:
                shared = "两者没有相同的信息标题" if separate else "相同标题的信息只计一次"
                draft = draft_word(old.name)
                todo = (f"：{old.name} 是{draft}，正式版（文件名不写“{draft}”）会替换它，请报送正式版" if draft
                        else f"：如 {new.name} 是 {old.name} 的更正，请把它改名为 {Path(old.name).stem}（更正）"
                        f"{Path(new.name).suffix} 后重新报送"
                        if emergency(new) and emergency(old) and file_version(new.name) != 1
                        else f"（协调人：如 {new.name} 要替换 {old.name}，请把后者移出收件文件夹后重新汇总）")  # fmt: skip
                new.findings.append(Finding(
                    new.name, "", None, "", "", "F8", WARNING,
                    f"{new.name} 与 {old.name} 同为{new.unit}{month.label}的报送文件，其中一个是紧急信息，{shared}，按补报一并计入{todo}",
                    new.unit, month.key))  # fmt: skip
                continue
            supersede(old, new)
        for old in empty:
            supersede(old, lead)
    rank = {uf.name: (file_version(uf.name), uf.mtime, uf.name) for uf, _ in files}
    for old, new, rows, spared in told:  # a row no counted file carries is listed by the newest replaced file having it
        others = [articles[uf.name] for uf, _ in files if uf.unit == old.unit and uf is not old
                  and (not uf.superseded_by or rank[uf.name] > rank[old.name])]  # fmt: skip
        old.findings.extend(_replaced_findings(old, new, rows, others, month, history, spared))
    return replaced


def supersede_refused(files: Sequence[tuple[UnitFile, list[Article]]], refused: Sequence[Finding],
                      paths: dict[str, Path]) -> list[Finding]:  # fmt: skip
    """`refused`, where a file the unit sent later replaces a refused return as it would an accepted one (named
    更正, else not a draft, else modified later; a return with rows, not a 补报 or an emergency report) and is a
    resend of it (named 更正, or as it is with a version word or number: _resent_name): the refusal an F8 warning
    saying so. It is still a refused file (it came; the ledger knows it), but no error: the unit fixed it as
    told. Only a file read as a form lacking its header or columns (F5, F11) is: what a damaged or locked file
    held is not known; nor is a refused 补报 or emergency report, nor one a file of other articles follows (the
    工业园's file in its own layout, then the unit's form: the park's articles are still to be sent)."""
    out = []
    for f in refused:
        try:
            old = (file_version(f.file), paths[f.file].stat().st_mtime)
        except (KeyError, OSError):
            old = (2, 0.0)  # gone or unknown: nothing replaces it
        named = SUPPLEMENT_NAME.search(squash(f.file)) and (not is_correction(f.file) or corrects_supplement(f.file))
        after = [uf for uf, _ in files if uf.unit == f.unit and (file_version(uf.name), uf.mtime) > old
                 and uf.rows and not (uf.supplement or uf.superseded_by or named_urgent(uf.name))]  # fmt: skip
        later = [uf for uf in after if is_correction(uf.name) or _resent_name(uf.name) == _resent_name(f.file)]
        if f.unit and f.code in ("F5", "F11") and not named and not named_urgent(f.file) and later:
            new = max(later, key=lambda uf: (file_version(uf.name), uf.mtime, uf.name))
            why, _ = chosen_as(dataclasses.replace(new, name=f.file, mtime=old[1]), new)
            f = dataclasses.replace(f, code="F8", severity=WARNING,
                                    message=f"{f.file}：本文件未能汇总，已由{why} {new.name} 替代，不再计入，无需另行处理")
        elif f.unit and f.code in ("F5", "F11") and not named and after:  # resent on the form under its own name?
            f = dataclasses.replace(f, message=f"{f.message}；如后来报送的 {after[-1].name} 就是本文件改好后重新报送的，无需再报"
                                    f"{FOR_COORDINATOR}请把本文件移出收件文件夹后重新汇总）")
        out.append(f)
    return out


_VERSION = re.compile(rf"(?:[(\[【_\-—]?(?:第?\d{{1,2}}[版稿次]?|v\d+|{DRAFT.pattern}|最终版?|最新版?|终稿|定稿|正式版?|"
                      r"新版?|修改|修订|重报|重发)[)\]】]?)+$", re.IGNORECASE)


def _resent_name(name: str) -> str:
    """A file name as its resends share it: without 更正 and a version word or number at its end (湘阴县工信局3月信息
    of 湘阴县工信局3月信息（更正）, …3月信息2, …3月信息（修改）, …3月信息（终稿）)."""
    return _VERSION.sub("", without_correction_word(name)) or without_correction_word(name)


def _final_version(draft: UnitFile, files: Sequence[UnitFile]) -> UnitFile | None:
    """The file a draft is an earlier version of: the first of `files` (best first) not named as a draft whose name
    begins as the draft's does without its 初稿 (平江县3月信息（初稿） → 平江县3月信息, 平江县3月信息（含紧急信息）)."""
    base = without_draft_word(draft.name)
    return next((f for f in files if base and not is_draft(f.name) and not named_urgent(f.name)
                 and squash(Path(f.name).stem).startswith(base)), None)  # fmt: skip


def chosen_as(old: UnitFile, new: UnitFile) -> tuple[str, str]:
    """Why `new` replaced `old`: the words before its name and after it (a time tie is decided by the name, which
    is no reason a unit would recognise, so it is said to be a tie)."""
    if file_version(new.name) != file_version(old.name):
        return "文件名写明更正的" if file_version(new.name) == 1 else "文件名未写初稿、草稿的", ""
    if new.mtime == old.mtime:
        return "", "（两个文件修改时间相同，无法判断哪个较新）"
    return "修改时间较晚的", ""


def _lost(old: UnitFile, rows: Sequence[Article], others: Iterable[Sequence[Article]],
          history: Callable[[], Sequence[Article]]) -> list[Article]:  # fmt: skip
    """The articles `rows` of `old` would have counted that none of `others` carries (the unit's files that count,
    and the replaced ones newer than `old`) and that R6 did not count from another month (the copy of a February
    article is no loss: it counts in February)."""
    kept = {k for rows_ in others for a in rows_ if a.counted for k in _keys(a)}
    first: dict[str, Article] = {}  # a title twice in the file counts once (R6)
    for a in rows:
        if a.counted and not _keys(a) & kept:  # carried by its title, or its 正文 under a better title
            first.setdefault(a.title_key, a)
    lost = list(first.values())
    if not lost:
        return []
    # a row of another month counts, or would but for R6 (errors of its own hidden behind an R6 提示 do not)
    counted = [a for a in history() if a.unit == old.unit and a.file_month != old.month
               and (a.counted or a.errors and all(f.code == "R6" for f in a.errors))]  # fmt: skip
    seen = {k for a in counted for k in _keys(a)}
    return [a for a in lost if not _keys(a) & seen]


def lost_title(finding: Finding) -> str:
    """《title》 of the article an F8 title line (_replaced_findings, Ledger._lost_titles) says is no longer counted."""
    return finding.message.split(f"（{finding.file} 第 ")[0].split("（上次汇总时在第 ")[0]


def still_lost(findings: Sequence[Finding], counted: Iterable[tuple[str, str, str]]) -> list[Finding]:
    """`findings` without the F8 lines of articles no longer counted that count from another month's file now
    (`counted`: unit, file month and title key of counted rows), whichever month was consolidated first (SPEC §5:
    the same article counts in that month, not listed); a replaced file's own line says how many it still loses."""
    months: dict[tuple[str, str], set[str]] = {}
    for unit, file_month, key in counted:
        months.setdefault((unit, key), set()).add(file_month)

    def found(f: Finding) -> bool:  # 《title》 as book_title() quotes it: with or without the marks it added
        quoted = lost_title(f) if f.code == "F8" and f.column == "信息标题" else ""
        keys = {normalize_title(quoted), normalize_title(quoted[1:-1])} if quoted else set()
        return any(months.get((f.unit, key), set()) - {f.month} for key in keys)

    gone = Counter((f.unit, f.month, f.file) for f in findings if f.row is not None and found(f))
    return [_fewer_lost(f, gone[f.unit, f.month, f.file]) if f.code == "F8" and f.row is None and not f.column else f
            for f in findings if not found(f)]  # fmt: skip


def _fewer_lost(line: Finding, found: int) -> Finding:
    """A replaced file's F8 line once `found` of the articles it says are no longer counted count elsewhere."""
    said = re.search(r"其中 (\d+) 条", line.message) if found else None
    if said is None:
        return line
    left = int(said[1]) - found
    message = (f"{line.message[:said.start()]}其中 {left} 条{line.message[said.end():]}" if left > 0 else
               re.sub(r"[；，]其中 \d+ 条.*?(?=（协调人：|：如本文件才是正确的)", "", line.message, count=1))  # fmt: skip
    return dataclasses.replace(line, message=message)


def _keys(article: Article) -> set[str]:
    """What makes two rows the same article here: its title key and its 正文 (squashed), those it has."""
    return {k for k in (article.title_key, squash(article.body)) if k}


def _replaced_findings(
    old: UnitFile, new: UnitFile, rows: Sequence[Article], others: Iterable[Sequence[Article]], month: Period,
    history: Callable[[], Sequence[Article]] = tuple, spared: Sequence[Article] = (),
) -> list[Finding]:  # fmt: skip
    """The F8 lines of a replaced file: that it was replaced (but for its urgent articles `spared`), and each
    article it would have counted that the unit's remaining files do not carry (the coordinator and the unit must
    see what is no longer counted)."""
    if old.empty:  # an empty workbook beside a filled one (its F9 says what to do)
        return [Finding(old.name, "", None, "", "", "F8", WARNING, f"{old.name}：没有填写任何信息，未替换{new.unit}"
                        f"{month.label}的 {new.name}，已按 {new.name} 汇总，本文件未计入", old.unit, month.key)]
    lost = [a for a in _lost(old, rows, others, history) if a not in spared]
    why, tie = chosen_as(old, new)
    if why == "文件名写明更正的":  # a 更正 that left articles out: they come back in it, or in a 补报
        todo = f"如仍要报送，请补入 {new.name} 后重新报送，或以文件名写“补报”的文件报送"
        said = f"{old.name}：已由更正文件 {new.name} 替代，本文件未计入" + (
            f"；其中 {len(lost)} 条可计入的信息 {new.name} 中没有，不再计入：{todo}" if lost else "")
        gone = f"更正文件 {new.name} 中没有这条信息；{todo}"
    else:
        said = (f"{old.name}：与 {new.name} 同为{new.unit}{month.label}的报送文件，已按{why} {new.name} 汇总{tie}，"
                + (f"本文件只计入先报的紧急信息{''.join(book_title(a.title) for a in spared)}（{new.name} 中没有），其他信息"
                   "不再计入" if spared else "本文件未计入")
                + (f"，其中 {len(lost)} 条信息在 {new.name} 中没有{'' if spared else '，不再计入'}" if lost else "")
                + "：如本文件才是正确的，请在文件名中写明“更正”后重新报送；如是补充报送，请在文件名中写明“补报”后重新报送")
        gone = f"以 {new.name} 为准，其中没有这条可计入的信息；如仍要报送，请补入后重新报送"
    said += f"（协调人：如应以本文件为准，请把 {new.name} 移出收件文件夹后重新汇总）"
    return [Finding(old.name, "", None, "", "", "F8", WARNING, said, old.unit, month.key),
            *(Finding(old.name, a.sheet, a.row, "信息标题", a.title_cell, "F8", WARNING,
                      f"{book_title(a.title)}（{old.name} 第 {a.row} 行）不再计入：{gone}", old.unit, month.key) for a in lost)]  # fmt: skip
