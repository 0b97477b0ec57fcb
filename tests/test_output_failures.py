"""What a command says when one of its outputs cannot be written: a record of the bulletins' basis (review W4
defect 3), the old 通报 put back (defect 5)."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_bulletin import YY, march_consolidated, write_register

from xlflow import fsutil
from xlflow.cli import cli
from xlflow.commands import bulletin as bulletin_command
from xlflow.core.errors import OutputError


def _failing(monkeypatch: pytest.MonkeyPatch, name: str, code: int = errno.ENOSPC) -> None:
    """write_json of a file called `name` fails as the operating system says `code`."""
    real = fsutil.write_json

    def write_json(path: Path, data: dict) -> None:
        if path.name == name:
            raise OutputError(path, OSError(code, os.strerror(code), str(path)))
        real(path, data)

    monkeypatch.setattr(bulletin_command, "write_json", write_json)


@pytest.mark.parametrize(("name", "what"), [(".xlflow-adoptions.json", "采用登记"), (".xlflow-basis.json", "任务和奖励标准")])
def test_a_record_not_saved_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, what: str) -> None:
    """The disk is full when the record of what 通报_2015年03月 was written from is saved: the bulletin is written, and
    a line says that the record was not saved, what later runs may then say of the bulletin, and what to do."""
    ws = march_consolidated(tmp_path)
    (ws.root / name).unlink()
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件2", "省政府办公厅", "省级", dt.date(2015, 4, 10), "全文采用", "", ""]])
    _failing(monkeypatch, name)
    result = CliRunner().invoke(cli, ["bulletin", "--period", "2015-03", "--date", "2015-04-15", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert (f"  ! 无法写入 {ws.root / name}：磁盘已满；请腾出磁盘空间后重新运行（没有记下刚写出的通报所依据的{what}：在此之前，"
            "以后的命令可能把它说成“不是最新的”）\n") in result.output
    assert (ws.out / "通报_2015年03月.xlsx").is_file() and not (ws.root / name).exists()


@pytest.mark.parametrize("fault", ["EACCES", "Ctrl-C"])
def test_an_old_bulletin_not_put_back_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    """The new 通报_2015年03月 cannot take its place (open in Excel; Ctrl-C), and putting the old one back fails too
    (the same; Ctrl-C again): out/ holds the old one only under its 旧版 name, and the line says so."""
    ws = march_consolidated(tmp_path)
    write_register(ws.adoption_path, [[YY, "岳阳县三月稿件2", "省政府办公厅", "省级", dt.date(2015, 4, 10), "全文采用", "", ""]])
    target = ws.out / "通报_2015年03月.xlsx"
    os.utime(target, (dt.datetime(2015, 4, 1, 9, 30).timestamp(),) * 2)
    real_replace, real_rename = os.replace, os.rename

    def fail(dst: object) -> None:
        if Path(str(dst)) == target:
            raise KeyboardInterrupt if fault == "Ctrl-C" else OSError(errno.EACCES, os.strerror(errno.EACCES), str(dst))

    monkeypatch.setattr(os, "replace", lambda src, dst: fail(dst) or real_replace(src, dst))
    monkeypatch.setattr(os, "rename", lambda src, dst: fail(dst) or real_rename(src, dst))
    result = CliRunner().invoke(cli, ["bulletin", "--period", "2015-03", "--date", "2015-04-15", "-w", str(ws.root)])
    assert result.exit_code == 1, result.output
    kept = "通报_2015年03月（旧版 2015-04-01 09.30）.xlsx"
    assert not target.exists() and (ws.out / kept).is_file()
    where = f"通报_2015年03月.xlsx 已不在原处，原来的文件现在是 {kept}"
    if fault == "Ctrl-C":
        assert result.output.strip() == f"已中止：{where}，没有写了一半的文件，台账未改动；请重新运行同一条命令"
    else:
        assert (f"无法写入 {target}：没有写入权限；请取消该文件夹的只读属性或换一个有写入权限的位置；如果该文件正在 Excel 或 WPS 中打开，"
                f"请先关闭后重新运行 xlflow -w {ws.root} bulletin --period 2015-03 --date 2015-04-15；{where}\n") in result.output
