"""Outputs written whole or not at all, also when they are made piece by piece."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from digimandate.cli.output import SPOOL_IN_MEMORY, spool, stage, write_atomic
from digimandate.cli.run import write_outputs
from digimandate.errors import UsageError


def pieces(n: int, fail_at: int | None = None) -> Iterator[str]:
    for i in range(n):
        if i == fail_at:
            raise RuntimeError("a renderer broke")
        yield f"stuk {i} é\n"


def test_pieces_are_written_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, pieces(20000))
    assert target.read_text(encoding="utf-8") == "".join(pieces(20000))
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_failure_while_making_one_output_leaves_every_output_unwritten(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    with pytest.raises(RuntimeError, match="a renderer broke"):
        write_outputs([(good, pieces(10)), (None, pieces(10)), (bad, pieces(10, fail_at=5))], force=False)
    assert list(tmp_path.iterdir()) == []  # no file, not even the one made in full, and no temporary file
    assert capsys.readouterr().out == ""


def test_standard_output_is_written_after_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.sarif"
    write_outputs([(None, pieces(3)), (target, iter(["{}\n"]))], force=False)
    assert capsys.readouterr().out == "stuk 0 é\nstuk 1 é\nstuk 2 é\n"
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_a_large_standard_output_goes_through_a_temporary_file() -> None:
    count = SPOOL_IN_MEMORY // 8
    with spool(pieces(count)) as data:
        assert data._rolled  # type: ignore[attr-defined]  # on disk, not in memory
        data.seek(0)
        assert data.read().decode("utf-8") == "".join(pieces(count))


def test_a_staged_file_is_never_put_over_one_that_appeared_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    staged = stage(target, "new")
    target.write_text("the user's", encoding="utf-8")
    with pytest.raises(UsageError):
        staged.commit()
    staged.discard()
    assert target.read_text(encoding="utf-8") == "the user's"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
