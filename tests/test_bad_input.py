"""Bad input is refused with exit 2 and one line, recorded in the ledger; the case stays valid."""

import shutil
from collections.abc import Callable
from pathlib import Path

import imaging
import pytest
from conftest import cli, file_list, ledger_events, ledger_intact


def _zero_bytes(folder: Path) -> Path:
    path = folder / "empty.dd"
    path.write_bytes(b"")
    return path


def _a_folder(folder: Path) -> Path:
    return folder  # random bytes or a text file are evidence now: tests/test_no_file_system.py


def _split_missing_middle(folder: Path) -> Path:
    first = imaging.split_raw(imaging.ext4(), 1 << 20)
    for segment in imaging.segments_of(first):
        if segment.suffix != ".002":
            shutil.copy(segment, folder / segment.name)
    return folder / first.name


def _e01_missing_middle(folder: Path) -> Path:
    first = imaging.e01(imaging.ext4(), 1 << 20)
    for segment in imaging.segments_of(first):
        if segment.suffix != ".E03":
            shutil.copy(segment, folder / segment.name)
    return folder / first.name


def _e01_truncated(folder: Path) -> Path:
    source = imaging.e01(imaging.ext4())
    path = folder / source.name
    path.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    return path


def _missing_file(folder: Path) -> Path:
    return folder / "no-such-image.E01"


BAD_INPUTS: dict[str, Callable[[Path], Path]] = {
    "zero-byte": _zero_bytes,
    "folder": _a_folder,
    "split-raw-missing-middle": _split_missing_middle,
    "e01-missing-middle-segment": _e01_missing_middle,
    "e01-truncated": _e01_truncated,
    "missing-file": _missing_file,
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_is_refused_in_one_line(
    kind: str, tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    image = BAD_INPUTS[kind](folder)
    code, out, err = cli(capsys, "evidence", "add", str(new_case), str(image), "--json")
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("haechi: "), err
    assert "Traceback" not in err and "internal error" not in err
    refusals = [e for e in ledger_events(capsys, new_case) if e["action"] == "input_refused"]
    assert len(refusals) == 1 and refusals[0]["details"]["image"] == str(image)
    assert refusals[0]["details"]["reason"] in lines[0]
    assert file_list(capsys, new_case) == []  # nothing half-written
    assert ledger_intact(capsys, new_case)


def test_adding_the_same_image_twice_is_refused(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = imaging.fat(12)
    assert cli(capsys, "evidence", "add", str(new_case), str(image))[0] == 0
    code, _, err = cli(capsys, "evidence", "add", str(new_case), str(image))
    assert code == 2 and "already in this case as evidence 1" in err
    assert ledger_intact(capsys, new_case)
