"""Deleted files, deleted folders and orphans come back with their known content, as the driver left them."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import imaging
import pytest
import pytsk3
from conftest import add_evidence, file_list

from forensics.filesystems.ntfs_recovery import entry_for


def _md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def test_ntfs_deleted_files_folders_and_streams_recovered(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, imaging.ntfs_deleted())
    rows = {r["path"]: r for r in file_list(capsys, new_case)}
    owner, stream, data = imaging.DELETION_STREAM
    expected = {
        f"/{path}": content
        for path, content in imaging.DELETION_TREE.items()
        if path.startswith(imaging.NTFS_DELETED)
    }
    expected[f"/{owner}:{stream}"] = data
    assert len(expected) == 6
    for path, content in expected.items():
        record = rows[path]
        assert not record["allocated"], path
        assert (record["size"], record["md5"]) == (len(content), _md5(content)), path
        assert record["content"] == "recovered", path
        assert record["recovery"] == "sequence+1" and record["mtime"] and record["crtime"], path
    for folder in ("/gone", "/gone/sub"):  # walked by address: their files are listed under them
        assert rows[folder]["meta_type"] == "d" and rows[folder]["recovery"] == "sequence+1"
    assert rows["/keep/kept.txt"]["recovery"] is None and rows["/keep/kept.txt"]["content"] == "read"


@pytest.mark.parametrize("bits", [12, 16, 32])
def test_fat_deleted_folders_and_orphans_by_default(
    bits: int, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """mtools keeps a deleted folder's entries (`gone`) until its directory cluster is written over
    (`lost`): then TSK's orphan search is the only way to its files, and it runs without options."""
    summary = add_evidence(capsys, new_case, imaging.fat_deleted(bits))
    assert summary["warnings"] == 0
    rows = file_list(capsys, new_case)
    recovered = {r["md5"] for r in rows if not r["allocated"] and r["content"] == "recovered"}
    tree = imaging.DELETION_TREE
    wanted = [c for p, c in tree.items() if p.startswith(("gone/", "erased.bin", "lost/sub/"))]
    assert {_md5(content) for content in wanted} <= recovered
    orphans = [r for r in rows if r["orphan"] and r["content"] == "recovered"]
    assert _md5(tree["lost/sub/report.bin"]) in {r["md5"] for r in orphans}
    assert {r["recovery"] for r in orphans} == {"orphan"}
    assert all(r["mtime"] for r in rows if r["md5"] == _md5(tree["gone/sub/notes.txt"]))


def test_no_orphans_skips_the_search_and_says_so(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = add_evidence(capsys, new_case, imaging.fat_deleted(16), "--no-orphans")
    assert summary["warnings"] == 1 and summary["orphans"] == 0
    assert not [r for r in file_list(capsys, new_case) if r["orphan"]]


@dataclass(frozen=True)
class _Name:
    """A deleted directory entry as pytsk3 describes it: what the rule compares the MFT entry with."""

    meta_addr: int
    meta_seq: int
    par_addr: int
    name: bytes


@pytest.fixture(scope="module")
def deleted_ntfs() -> pytsk3.FS_Info:
    return pytsk3.FS_Info(pytsk3.Img_Info(str(imaging.ntfs_deleted())))


@pytest.mark.parametrize(
    ("name", "how"),
    [
        (_Name(71, 1, 5, b"erased.bin"), "sequence+1"),  # freed by ntfs-3g: its sequence went 1 -> 2
        (_Name(71, 2, 5, b"erased.bin"), "sequence"),
        (_Name(71, 9, 5, b"erased.bin"), "file_name"),  # sequence moved on, but $FILE_NAME agrees
        (_Name(71, 9, 5, b"other.bin"), "reallocated"),  # neither: the entry held another file since
        (_Name(71, 9, 64, b"erased.bin"), "reallocated"),  # same name, other parent
        (_Name(65, 0, 64, b"kept.txt"), "reallocated"),  # an allocated entry is always another file's
        (_Name(1 << 40, 1, 5, b"far.bin"), "none"),  # no such entry
    ],
)
def test_ntfs_match_rule(deleted_ntfs: pytsk3.FS_Info, name: _Name, how: str) -> None:
    entry, found = entry_for(deleted_ntfs, name)
    assert found == how
    assert (entry is not None) == (how in ("sequence+1", "sequence", "file_name"))


def test_exfat_deleted_folder_and_file_recovered(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_evidence(capsys, new_case, imaging.exfat_deleted())
    rows = {r["path"]: r for r in file_list(capsys, new_case)}
    for path in ("gone/photo.bin", "gone/sub/notes.txt", "gone/tiny.txt", "erased.bin"):
        record = rows[f"/{path}"]  # exFAT keeps whole names: nothing lost to the deletion mark
        content = imaging.DELETION_TREE[path]
        assert (record["size"], record["md5"], record["content"]) == (
            len(content),
            _md5(content),
            "recovered",
        )
        assert not record["allocated"] and record["recovery"] == "tsk"
