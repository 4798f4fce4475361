"""Haechi's listing agrees with `fls -r -p` and `icat` of Debian's sleuthkit on the same images.

Compared per entry: path, inode, metadata type and whether the name is deleted. Every known
difference is named and explained in `_explained` below; anything else fails the test. Every
deleted regular file (or stream) whose content icat reads has the same MD5 and size in the
catalogue. test_corpus.py runs the same two checks on every third-party image.
"""

import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import imaging
import pytest
from conftest import add_evidence, file_list
from test_import_filesystems import _volumes

pytestmark = pytest.mark.skipif(shutil.which("fls") is None, reason="sleuthkit's fls is not installed")

# "r/r * 18(realloc):\tdeleted/gone.txt"  or  "r/r 64-128-4:\treadme.txt:Zone.Identifier"
_FLS_LINE = re.compile(
    r"^(?P<name_type>.)/(?P<meta_type>.) (?P<deleted>\* )?(?P<address>(?P<inode>\d+)(?:-(?P<attr>\d+)-\d+)?)"
    r"(?:\(realloc\))?:\t(?P<path>.*)$"
)
_NTFS_INDEX_ROOT = "144"  # $INDEX_ROOT: fls prints named index attributes ($O, $Q, $SDH...)

Entry = tuple[str, int, str, bool]  # path, inode, meta type letter, deleted


def fls_lines(image: list[Path], sector_offset: int) -> dict[str, re.Match[str]]:
    """fls's view: path -> its parsed line."""
    command = ["fls", "-r", "-p", "-o", str(sector_offset), *map(str, image)]
    output = subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8", "replace")
    lines: dict[str, re.Match[str]] = {}
    for line in output.splitlines():
        match = _FLS_LINE.match(line)
        assert match, f"unexpected fls line: {line!r}"
        lines["/" + match["path"]] = match
    return lines


def fls_entries(image: list[Path], sector_offset: int) -> dict[str, tuple[Entry, str | None]]:
    """fls's view: path -> (entry, NTFS attribute type or None)."""
    return {
        path: ((path, int(m["inode"]), m["meta_type"], m["deleted"] is not None), m["attr"])
        for path, m in fls_lines(image, sector_offset).items()
    }


def as_fls_prints(path: str) -> str:
    """fls prints each control character of a name as ^ (HFS+: '.HFS+ Private Directory Data\r')."""
    return re.sub(r"[\x00-\x1f]", "^", path)


def haechi_entries(records: list[dict[str, Any]], volume: int) -> dict[str, Entry]:
    return {
        as_fls_prints(r["path"]): (as_fls_prints(r["path"]), r["inode"], r["meta_type"], not r["allocated"])
        for r in records
        if r["volume"] == volume
    }


def icat_md5(image: list[Path], sector_offset: int, address: str) -> tuple[int, str] | None:
    """Size and MD5 of what icat reads at `address`, or None when it reads nothing."""
    command = ["icat", "-o", str(sector_offset), *map(str, image), address]
    done = subprocess.run(command, capture_output=True, check=False, timeout=120)
    if done.returncode != 0 or not done.stdout:
        return None
    return len(done.stdout), hashlib.md5(done.stdout).hexdigest()


def assert_deleted_content_agrees(
    image: list[Path], records: list[dict[str, Any]], volume: dict[str, Any]
) -> int:
    """Every deleted regular file or stream icat reads: same size and MD5 here. Returns how many."""
    sector_offset = volume["offset"] // imaging.SECTOR
    ours = {as_fls_prints(r["path"]): r for r in records if r["volume"] == volume["idx"]}
    compared = 0
    for path, line in fls_lines(image, sector_offset).items():
        if not line["deleted"] or line["meta_type"] != "r" or "(realloc)" in line[0] or path not in ours:
            continue  # a reallocated entry holds another file: icat would read that file
        read = icat_md5(image, sector_offset, line["address"])
        if read is None:
            continue
        record = ours[path]
        assert (record["size"], record["md5"]) == read, f"{path}: haechi {record['content']} != icat"
        compared += 1
    return compared


def _explained(fls: dict[str, tuple[Entry, str | None]], ours: dict[str, Entry], fs_type: str) -> set[str]:
    """The paths where the two listings may legitimately differ, each for a stated reason."""
    allowed: set[str] = set()
    if fs_type == "ntfs":
        # 1. $BadClus:$Bad spans the whole volume and is not content: Haechi skips it on purpose.
        allowed.add("/$BadClus:$Bad")
        # 2. fls prints named $INDEX_ROOT attributes ($Extend/$Quota:$Q, $Secure:$SDH...) as if
        #    they were streams; Haechi's streams are named $DATA attributes only.
        allowed |= {path for path, (_, attr) in fls.items() if attr == _NTFS_INDEX_ROOT}
        # 3. A file with no unnamed $DATA ($Secure, $Extend/$ObjId...) gets no line of its own
        #    from fls, only its attributes; Haechi catalogues every MFT entry once by its name.
        allowed |= {path for path in ours if path not in fls and any(p.startswith(f"{path}:") for p in fls)}
    # '.' and '..' are printed by neither (fls without -a; Haechi skips them while walking).
    return allowed


def assert_agreement(
    image: list[Path], records: list[dict[str, Any]], volume: dict[str, Any], at_least: int = 5
) -> None:
    fls = fls_entries(image, volume["offset"] // imaging.SECTOR)
    ours = haechi_entries(records, volume["idx"])
    allowed = _explained(fls, ours, volume["fs_type"])
    for path in sorted(set(fls) | set(ours)):
        if path in allowed:
            continue
        assert path in ours, f"fls lists {path}, Haechi does not"
        assert path in fls, f"Haechi lists {path}, fls does not"
        assert ours[path] == fls[path][0], f"{path}: haechi {ours[path]} != fls {fls[path][0]}"
    assert len(fls) >= at_least and len(ours) >= at_least  # never a vacuous agreement


IMAGES: dict[str, Callable[[], Path]] = {
    "ext4": imaging.ext4,
    "fat12": lambda: imaging.fat(12),
    "fat16": lambda: imaging.fat(16),
    "fat32": lambda: imaging.fat(32),
    "ntfs": imaging.ntfs,
    "iso9660": imaging.iso9660,
    "ufs1": imaging.ufs1,
    "exfat": imaging.exfat,
    "mbr": lambda: imaging.disk(imaging.mbr_parts(), "dos"),
    "gpt": lambda: imaging.disk(imaging.gpt_parts(), "gpt"),
    "e01": lambda: imaging.e01(imaging.ext4(), 1 << 20),
    "split-raw": lambda: imaging.split_raw(imaging.fat(16), 4 << 20),
    "ntfs-deleted": imaging.ntfs_deleted,
    "fat12-deleted": lambda: imaging.fat_deleted(12),
    "fat16-deleted": lambda: imaging.fat_deleted(16),
    "fat32-deleted": lambda: imaging.fat_deleted(32),
    "exfat-deleted": imaging.exfat_deleted,
}


# Deleted regular files whose content icat reads, per image: TREE's two deleted files where the file
# system keeps their clusters (ext4 here too: 1 KiB blocks, debugfs rm keeps the block map), both in
# each partition of mbr/gpt that holds FAT or ext4; the deletion images' files, folders and streams.
ICAT_READS = {
    "e01": 2,
    "ext4": 2,
    "fat12": 2,
    "fat16": 2,
    "fat32": 2,
    "split-raw": 2,
    "mbr": 6,
    "gpt": 4,
    "ntfs-deleted": 6,
    "fat12-deleted": 5,
    "fat16-deleted": 5,
    "fat32-deleted": 6,
    "exfat-deleted": 4,
}


@pytest.mark.parametrize("kind", sorted(IMAGES))
def test_listing_agrees_with_fls(kind: str, new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = IMAGES[kind]()
    summary = add_evidence(capsys, new_case, first)
    records = file_list(capsys, new_case)
    volumes = [v for v in _volumes(new_case, summary["evidence_id"]) if v["fs_type"]]
    assert volumes
    segments = imaging.segments_of(first) if kind in ("e01", "split-raw") else [first]
    if kind == "e01":
        segments = [first]  # fls finds the other EWF segments itself
    compared = 0
    for volume in volumes:
        assert_agreement(segments, records, volume)
        compared += assert_deleted_content_agrees(segments, records, volume)
    assert compared == ICAT_READS.get(kind, 0)  # never a vacuous agreement on deleted content
