"""Nothing read partly is called complete: unreadable content and a cut image are warnings (issue 16)."""

from pathlib import Path

import imaging
import pytest
from conftest import add_evidence, cli, file_list, ledger_events


def _cut(source: Path, folder: Path, at: int) -> Path:
    image = folder / source.name
    image.write_bytes(source.read_bytes()[: at // imaging.SECTOR * imaging.SECTOR])
    return image


def _inside_clip(image: Path) -> int:
    """A cut 10,000 bytes into media/clip.bin's content: that file is read only in part."""
    return image.read_bytes().index(imaging.TREE["media/clip.bin"][:4096]) + 10_000


def _warnings(capsys: pytest.CaptureFixture[str], case: Path) -> list[dict[str, str]]:
    return [e["details"] for e in ledger_events(capsys, case) if e["action"] == "warning"]


@pytest.mark.parametrize("kind", ["iso9660", "ext4"])
def test_a_cut_image_and_each_unreadable_file_are_warnings(
    kind: str, tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = imaging.iso9660() if kind == "iso9660" else imaging.ext4()
    clean = add_evidence(capsys, new_case, whole)
    assert clean["warnings"] == 0
    readable = {r["path"] for r in file_list(capsys, new_case) if r["content"] == "read"}

    case = tmp_path / "cut-case"
    assert cli(capsys, "case", "new", str(case), "--number", "2026-CUT", "--title", "cut image")[0] == 0
    summary = add_evidence(capsys, case, _cut(whole, tmp_path, _inside_clip(whole)))
    warnings = _warnings(capsys, case)
    assert summary["warnings"] == len(warnings) > 1
    assert "image-short" in [w["code"] for w in warnings]
    damaged = {w["path"] for w in warnings if w["code"] in ("content-unreadable", "content-partial")}
    rows = {r["path"]: r for r in file_list(capsys, case)}
    not_whole = {p for p in readable if p in rows and rows[p]["content"] != "read"}
    assert damaged == not_whole and "/media/clip.bin" in damaged  # each file that lost bytes, no other
    assert all(rows[p]["content"] in ("partial", "unreadable") for p in damaged)


def test_a_disk_cut_inside_its_last_partition_says_so(  # the logical FAT12 ends at 96 %
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = imaging.disk(imaging.mbr_parts(), "dos")
    summary = add_evidence(capsys, new_case, _cut(disk, tmp_path, disk.stat().st_size * 93 // 100))
    short = [w for w in _warnings(capsys, new_case) if w["code"] == "image-short"]
    assert short and any("bytes are missing" in w["message"] for w in short)
    assert summary["warnings"] >= len(short)


def test_an_unreadable_root_still_lists_what_is_found_by_address(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 16 item 2: the root inode cleared; every file is found by its address under $OrphanFiles,
    and the files of a folder found that way keep their names."""
    summary = add_evidence(capsys, new_case, imaging.ext4_without_root())
    assert [w["code"] for w in _warnings(capsys, new_case)] == ["root-unreadable"]
    rows = file_list(capsys, new_case)
    assert summary["entries"] == len(rows) >= len(imaging.TREE)
    found = {r["md5"] for r in rows}
    assert {imaging.digests(content)[0] for content in imaging.TREE.values() if content} <= found
    [note] = [r for r in rows if r["path"].endswith("/a/b/c/note.txt")]
    assert note["path"].startswith("/$OrphanFiles/OrphanFile-") and note["orphan"]
    assert note["md5"] == imaging.digests(imaging.TREE["deep/a/b/c/note.txt"])[0]
