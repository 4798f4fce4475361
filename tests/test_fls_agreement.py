"""Haechi's listing agrees with `fls -r -p` of Debian's sleuthkit on the same images.

Compared per entry: path, inode, metadata type and whether the name is deleted. Every known
difference is named and explained in `_explained` below; anything else fails the test.
"""

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
    r"^(?P<name_type>.)/(?P<meta_type>.) (?P<deleted>\* )?(?P<inode>\d+)(?:-(?P<attr>\d+)-\d+)?"
    r"(?:\(realloc\))?:\t(?P<path>.*)$"
)
_NTFS_INDEX_ROOT = "144"  # $INDEX_ROOT: fls prints named index attributes ($O, $Q, $SDH...)

Entry = tuple[str, int, str, bool]  # path, inode, meta type letter, deleted


def fls_entries(image: list[Path], sector_offset: int) -> dict[str, tuple[Entry, str | None]]:
    """fls's view: path -> (entry, NTFS attribute type or None)."""
    command = ["fls", "-r", "-p", "-o", str(sector_offset), *map(str, image)]
    output = subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8", "replace")
    entries: dict[str, tuple[Entry, str | None]] = {}
    for line in output.splitlines():
        match = _FLS_LINE.match(line)
        assert match, f"unexpected fls line: {line!r}"
        path = "/" + match["path"]
        entry = (path, int(match["inode"]), match["meta_type"], match["deleted"] is not None)
        entries[path] = (entry, match["attr"])
    return entries


def haechi_entries(records: list[dict[str, Any]], volume: int) -> dict[str, Entry]:
    return {
        r["path"]: (r["path"], r["inode"], r["meta_type"], not r["allocated"])
        for r in records
        if r["volume"] == volume
    }


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
    if fs_type.startswith(("fat", "exfat")):
        # 4. fls always searches FAT for orphans; Haechi only with --fat-orphans (slow), so
        #    entries under $OrphanFiles may be missing here (a warning says the scan was off).
        allowed |= {path for path in fls if path.startswith("/$OrphanFiles/")}
    # '.' and '..' are printed by neither (fls without -a; Haechi skips them while walking).
    return allowed


def assert_agreement(image: list[Path], records: list[dict[str, Any]], volume: dict[str, Any]) -> None:
    fls = fls_entries(image, volume["offset"] // imaging.SECTOR)
    ours = haechi_entries(records, volume["idx"])
    allowed = _explained(fls, ours, volume["fs_type"])
    for path in sorted(set(fls) | set(ours)):
        if path in allowed:
            continue
        assert path in ours, f"fls lists {path}, Haechi does not"
        assert path in fls, f"Haechi lists {path}, fls does not"
        assert ours[path] == fls[path][0], f"{path}: haechi {ours[path]} != fls {fls[path][0]}"
    assert len(fls) >= 5 and len(ours) >= 5  # never a vacuous agreement


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
    for volume in volumes:
        assert_agreement(segments, records, volume)
