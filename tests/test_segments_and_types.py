"""Split-image segment discovery and extension/content mismatch rules."""

from pathlib import Path

import pytest

from forensics.base.errors import MissingSegment
from forensics.base.filetype import extension_mismatch
from forensics.containers.segments import split_raw_segments


def _touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_bytes(b"x")


def test_numeric_segments_from_any_member(tmp_path: Path) -> None:
    _touch(tmp_path, "disk.001", "disk.002", "disk.003")
    expected = [tmp_path / f"disk.00{i}" for i in (1, 2, 3)]
    assert split_raw_segments(tmp_path / "disk.001") == expected
    assert split_raw_segments(tmp_path / "disk.002") == expected


def test_zero_based_and_alphabetic_segments(tmp_path: Path) -> None:
    _touch(tmp_path, "a.000", "a.001", "b.aa", "b.ab", "b.ac")
    assert [p.name for p in split_raw_segments(tmp_path / "a.000") or []] == ["a.000", "a.001"]
    assert [p.name for p in split_raw_segments(tmp_path / "b.aa") or []] == ["b.aa", "b.ab", "b.ac"]


def test_a_lone_numbered_file_is_not_split(tmp_path: Path) -> None:
    _touch(tmp_path, "single.001", "plain.dd")
    assert split_raw_segments(tmp_path / "single.001") is None
    assert split_raw_segments(tmp_path / "plain.dd") is None


def test_a_gap_is_refused(tmp_path: Path) -> None:
    _touch(tmp_path, "disk.001", "disk.002", "disk.004")
    with pytest.raises(MissingSegment, match=r"disk\.003 is missing"):
        split_raw_segments(tmp_path / "disk.001")


def test_a_missing_first_segment_is_refused(tmp_path: Path) -> None:
    _touch(tmp_path, "disk.002", "disk.003")
    with pytest.raises(MissingSegment):
        split_raw_segments(tmp_path / "disk.002")


@pytest.mark.parametrize(
    ("name", "mime", "mismatch"),
    [
        ("photo.jpg", "image/jpeg", False),
        ("report.pdf", "image/png", True),
        ("notes.txt", "text/plain", False),
        ("movie.mp4", "text/plain", True),
        ("data.csv", "text/plain", False),
        ("app.apk", "application/zip", False),
        ("iptv_smarters_multi_user.db", "application/vnd.sqlite3", False),
        ("channel.ts", "video/mp2t", False),
        ("README", "text/plain", False),
        ("blob.xyzzy", "image/png", False),
        ("archive.zip", "application/octet-stream", False),
    ],
)
def test_extension_mismatch(name: str, mime: str, mismatch: bool) -> None:
    assert extension_mismatch(name, mime) is mismatch
