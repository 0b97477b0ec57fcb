"""The one table of what a unit is told when a file of theirs cannot be used, keyed by situation and grouped
by its code in `model.FILE_PROBLEMS`. Each text follows "文件名：" and says what to do."""

from __future__ import annotations

import errno
import re

from xlflow.core.errors import InputFileError
from xlflow.core.model import FOR_COORDINATOR

PASSWORD = "文件设有密码，请取消密码后重新报送（Excel：文件→信息→保护工作簿→用密码进行加密，清空密码后保存；WPS：文件→文档加密）"
TOO_BIG = "文件异常（解压后过大），可能已损坏或不安全，请重新保存后报送"
CORRUPT = "文件已损坏或不完整（可能没有传完），请用 Excel 打开检查后重新保存报送"
SAVE_AS = "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿(*.xlsx) 再报送"
SEND_EXCEL = "请报送 Excel 格式的信息报送登记表"
UNZIP = "请解压后报送其中的 Excel 文件"
UNSAFE = "可能已损坏或不安全，请重新保存后报送"
SAVED_MAIL = "这是保存下来的邮件，不是工作簿：请打开邮件，把其中的附件另存到收件文件夹"  # the coordinator's step
HIDDEN_SHEET = "（隐藏的工作表，请先取消隐藏）"  # after a sheet's name, where the sheet is hidden


def in_year_workspace(key: str, how: str = "请") -> str:
    """The coordinator's step for what belongs to `key`, a month of another year: that year's workspace (consolidate
    names it: IN_YEAR)."""
    return f"这是{key[:4]}年的信息，{how}放入{key[:4]}年度工作区的 inbox/{key} 后汇总）"


NOT_NOW = "now"  # InputFileError.code of a file this PC cannot read at the moment: not a refusal (read_failure)
IN_YEAR = re.compile(r"放入(\d{4})年度工作区的 inbox/(\d{4}-\d{2}) 后汇总）")

_TEXTS: dict[str, dict[str, str]] = {
    "F1": {  # not a workbook, and what it is instead
        "empty": "文件是空的（0 字节），可能没有保存好或没有传完，请重新保存后报送",
        "not_excel": f"这是{{what}}，不是 Excel 工作簿，{SEND_EXCEL}",
        "archive": f"这是一个 {{what}} 压缩包，不是 Excel 工作簿，{UNZIP}",
        "mail": SAVED_MAIL,
        "shortcut": (
            "这是快捷方式，不是文件本身，请报送它指向的 Excel 文件本身"
            f"{FOR_COORDINATOR}快捷方式指向本机的文件时，请把它指向的文件复制到收件文件夹后重新汇总）"
        ),
        "apple_double": "这是苹果电脑复制文件时生成的附属文件（._ 开头），不是工作簿，可以删除",
        "mht": f"这是“单个文件网页”（.mht）格式，只是扩展名为 .xls，不是 Excel 工作簿，{SAVE_AS}",
        "gnumeric": "这是 Gnumeric 格式的工作簿（.gnumeric），不是 Excel 工作簿，请在 Gnumeric 中“另存为”Excel 工作簿(*.xlsx) 再报送",
        "xml_2003": f"这是“XML 电子表格 2003”格式，不是 Excel 工作簿，{SAVE_AS}",
        "fods": "这是 LibreOffice 的“平面 XML ODF 电子表格”（.fods），Excel 和 WPS 都打不开，请用 LibreOffice 打开后“另存为”"
        "Excel 工作簿(*.xlsx) 或 ODF 电子表格(*.ods) 再报送",
        "html": f"这是网页格式（HTML）的表格，只是扩展名为 .xls 或 .xlsx，不是真正的 Excel 工作簿，{SAVE_AS}",
        "text": f"这是一个{{what}}，不是 Excel 工作簿，{SAVE_AS}",
        "unknown": "无法识别的文件格式，不是 Excel 工作簿，请确认报送的是 Excel 格式的信息报送登记表",
        "other_office": f"这是一个 Office 文件，但不是 Excel 工作簿（找不到工作表数据），{SEND_EXCEL}",
        "numbers": "这是苹果 Numbers 文件，不是 Excel 工作簿，请在 Numbers 中导出为 Excel 格式后报送",
        "odf_other": f"这是一个 WPS/LibreOffice {{what}}（{{mime}}），不是电子表格，{SEND_EXCEL}",
        "zip_of_books": f"这是一个压缩包，里面有 {{books}}，{UNZIP}",
        "zip": f"这是一个压缩包（zip），不是 Excel 工作簿，{UNZIP}",
    },
    "F2": {  # damaged, or built in a way no spreadsheet program writes
        "csv_encoding": f"无法识别文字编码：{SAVE_AS}",
        "zeros": "文件内容全是空白（0），可能复制或传送时损坏，请重新保存后报送",
        "corrupt": CORRUPT,
        "duplicate_parts": f"{CORRUPT}（压缩包内有重名的部件）",
        "no_workbook_part": f"{CORRUPT}（找不到工作簿部件 xl/workbook.xml）",
        "compression": f"{CORRUPT}（部件 {{part}} 使用了 Excel 不会使用的压缩方式）",
        "size_mismatch": f"{CORRUPT}（部件 {{part}} 的大小前后不一）",
        "prolog": f"{CORRUPT}（部件 {{part}} 开头异常）",
        "encoding": f"{CORRUPT}（部件 {{part}} 使用了 Excel 不会使用的文字编码）",
        "dtd": "文件内容异常（{part} 含有 DTD/实体声明，Excel 不会写出这种内容），可能不安全，已拒收，请用 Excel 重新保存后报送",
        "parser_failed": f"文件已损坏，无法读取：{SAVE_AS}，或重新发送原文件",
        "parser_other": f"无法读取（可能是其他软件保存的格式）：{SAVE_AS}",
    },
    NOT_NOW: {  # there when the folder was listed, unreadable on this PC now: the coordinator's, never the unit's
        "held": "暂时无法读取（{reason}）：请关闭正在使用它的程序后重新运行；没有程序打开它时，请检查它的读取权限",
        "gone": "读取时已不在原处（已被移走、改名或删除）：请确认它还在这个文件夹中后重新运行",
    },
    "F3": {"password": PASSWORD},
    "F4": {"lock_file": "这是 Excel/WPS 打开文件时自动生成的临时锁定文件（~$ 开头），不是报送的工作簿，已跳过"},
    "F10": {  # more than any spreadsheet of a unit needs
        "file_too_big": "文件有 {size}，超过上限 {limit}：请删除图片和多余的工作表，只保留需要的表格后再报送",
        "too_many_parts": f"{TOO_BIG}（文件包含 {{count:,}} 个部件，上限 {{limit:,}}）",
        "part_too_big": f"{TOO_BIG}（部件 {{part}} 解压后 {{size}}，上限 {{limit}}）",
        "ratio": f"{TOO_BIG}（部件 {{part}} 压缩比 {{ratio:,.0f}}:1，解压后 {{size}}）",
        "total_too_big": f"{TOO_BIG}（解压后共 {{size}}，上限 {{limit}}）",
        "far_cells": (
            "工作表“{sheet}”{hidden}在表格以外很远的地方有内容（最远到第 {rows:,} 行、第 {column} 列），"
            "整张表要按 {rows:,} 行 × {cols:,} 列 = {cells:,} 个单元格读取，超过上限 {limit:,}，"
            "无法安全读取：请清除表格以外远处的内容（选中多余的行、列，右键“删除”），保存后重新报送"
        ),
        "timeout": f"文件异常（读取超过 {{seconds:g}} 秒仍未完成），{UNSAFE}",
        "crashed": f"文件异常（读取时程序异常退出，代码 {{exitcode}}，可能占用内存过多），{UNSAFE}",
        "memory_cap": f"文件异常（读取时需要的内存超过 {{limit}} MB），{UNSAFE}",
        "parser_memory": "文件读取时需要的内存过多，无法安全读取：请只保留需要的工作表，另存为新文件后再报送",
    },
}
MESSAGES = {situation: (code, text) for code, texts in _TEXTS.items() for situation, text in texts.items()}


def refuse(name: str, situation: str, **fields: object) -> InputFileError:
    """The InputFileError for `situation` (a key of MESSAGES), its text after the file name `name`."""
    code, text = MESSAGES[situation]
    text = text.format(**fields)
    return InputFileError(f"{name}：{text}" if name else text, code=code)


def read_failure(name: str, exc: OSError) -> InputFileError:
    """The InputFileError (code NOT_NOW) for a file that could not be read just now: moved away (ENOENT), held by
    another program or not readable by this user (EACCES), a disk error. Nothing to do with the unit's file."""
    if exc.errno == errno.ENOENT:
        return refuse(name, "gone")
    held = exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY)
    return refuse(name, "held", reason="正被其他程序使用或没有读取权限" if held else "磁盘读写出错" if exc.errno == errno.EIO else exc.strerror or exc)


def size_text(size: int) -> str:
    """A byte count as a unit reads it: 2,048 MB, 1.5 MB."""
    mb = size / (1024 * 1024)
    return f"{mb:,.0f} MB" if mb >= 10 else f"{mb:,.1f} MB"
