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
