"""Media without a file system (random bytes) are kept whole as unallocated space, and carving finds
what was written into them, with the right MD5, under the signature."""

import hashlib
import sqlite3
from pathlib import Path

import imaging
import pytest
from conftest import add_evidence, cli, file_list, ledger_intact


def _raw_with_picture(folder: Path) -> tuple[Path, bytes]:
    picture = folder / "photo.jpg"
    quiet = ("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi")
    imaging.sh(*quiet, "-i", "testsrc=size=320x240", "-frames:v", "1", picture)
    data = picture.read_bytes()
    blob = bytearray(imaging.noise(11, 4 * 1024 * 1024))
    blob[1024 * 1024 : 1024 * 1024 + len(data)] = data  # sector-aligned, as a file system would place it
    image = folder / "dump.raw"
    image.write_bytes(bytes(blob))
    return image, data


def test_media_without_a_file_system_is_carved_whole(
    capsys: pytest.CaptureFixture[str], new_case: Path, tmp_path: Path
) -> None:
    image, data = _raw_with_picture(tmp_path)
    before = imaging.sha256_file(image)
    add_evidence(capsys, new_case, image)
    code, out, err = cli(capsys, "carve", str(new_case), "--types", "jpg")
    assert code == 0, err
    carved = [f for f in file_list(capsys, new_case) if f["content"] == "carved"]
    assert [f["md5"] for f in carved] == [hashlib.md5(data).hexdigest()]
    assert carved[0]["path"].startswith("/$CarvedFiles/") and carved[0]["mime"] == "image/jpeg"
    assert ledger_intact(capsys, new_case)
    with sqlite3.connect(new_case / "case.sqlite") as conn:  # the carved row is committed: edits are named
        conn.execute("UPDATE files SET sha256 = ? WHERE id = ?", ("0" * 64, carved[0]["id"]))
    code, out, _ = cli(capsys, "ledger", str(new_case), "--verify")
    assert code == 1 and f"carved file {carved[0]['id']}" in out
    assert imaging.sha256_file(image) == before  # evidence untouched
