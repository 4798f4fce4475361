"""Every file of the known tree is catalogued, with the right size and hashes, from real images.

The images are made by real tools (tests/imaging.py); the expected sizes, hashes and times are
computed here from the tree itself, never read back from Haechi.
"""

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import imaging
import pytest
from conftest import add_evidence, cli, file_list

from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue

Records = dict[str, dict[str, Any]]


def _by_path(records: list[dict[str, Any]], volume: int | None = None) -> Records:
    return {r["path"]: r for r in records if volume is None or r["volume"] == volume}


def _mtime_of(relative: str, fat: bool) -> str:
    """The mtime write_tree gave the file; FAT keeps even seconds only."""
    seconds = 1_700_000_000 + len(relative)
    if fat:
        seconds -= seconds % 2
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fat_deleted_path(relative: str) -> str:
    """FAT marks a deleted entry by overwriting the first byte of its short name; TSK shows '_'."""
    folder, _, name = relative.rpartition("/")
    return f"/{folder}/_{name[1:]}" if folder else f"/_{name[1:]}"


def assert_tree(
    records: Records, fat: bool = False, deleted: tuple[str, ...] = imaging.DELETED, crtime: bool = True
) -> None:
    """Present files: allocated, right size, three hashes and mtime. Deleted ones: unallocated."""
    for relative, data in imaging.present(deleted=deleted).items():
        record = records.get(f"/{relative}")
        assert record is not None, f"/{relative} not catalogued"
        assert record["allocated"] is True
        assert record["size"] == len(data), relative
        assert (record["md5"], record["sha1"], record["sha256"]) == imaging.digests(data), relative
        assert record["mtime"] == _mtime_of(relative, fat), relative
        assert record["atime"] is not None and (record["crtime"] is not None or not crtime)
    for relative in deleted:
        path = _fat_deleted_path(relative) if fat else f"/{relative}"
        record = records.get(path)
        assert record is not None, f"deleted {path} not listed"
        assert record["allocated"] is False
        assert record["size"] == len(imaging.TREE[relative])
        # nothing overwrote them since the deletion, so TSK still reads their content
        assert record["content"] == "recovered"
        assert record["sha256"] == imaging.digests(imaging.TREE[relative])[2]


def _case_db(case: Path) -> CaseDatabase:
    return CaseDatabase.open(case)


def _volumes(case: Path, evidence_id: int) -> list[dict[str, Any]]:
    db = _case_db(case)
    try:
        return Catalogue(db.conn).volumes(evidence_id)
    finally:
        db.close()


def _warnings(case: Path, evidence_id: int) -> list[dict[str, Any]]:
    db = _case_db(case)
    try:
        return Catalogue(db.conn).warnings(evidence_id)
    finally:
        db.close()


SINGLE_FS: dict[str, tuple[Callable[[], Path], str, bool]] = {
    "ext4": (imaging.ext4, "ext4", False),
    "fat12": (lambda: imaging.fat(12), "fat12", True),
    "fat16": (lambda: imaging.fat(16), "fat16", True),
    "fat32": (lambda: imaging.fat(32), "fat32", True),
    "e01-ext4": (lambda: imaging.e01(imaging.ext4()), "ext4", False),
    "e01-ext4-5-segments": (lambda: imaging.e01(imaging.ext4(), 1 << 20), "ext4", False),
    "split-raw-numeric": (lambda: imaging.split_raw(imaging.ext4(), 1 << 20), "ext4", False),
    "split-raw-alphabetic": (lambda: imaging.split_raw(imaging.fat(12), 512 << 10, True), "fat12", True),
}


@pytest.mark.parametrize("kind", sorted(SINGLE_FS))
def test_every_file_of_the_tree_is_catalogued(
    kind: str, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, fs_type, is_fat = SINGLE_FS[kind]
    summary = add_evidence(capsys, new_case, build(), "--fat-tz", "UTC")
    assert summary["status"] == "complete"
    assert summary["deleted"] >= len(imaging.DELETED) and summary["recovered"] == len(imaging.DELETED)
    [volume] = _volumes(new_case, summary["evidence_id"])
    assert volume["fs_type"] == fs_type and volume["walk_state"] == "done"
    records = _by_path(file_list(capsys, new_case))
    assert_tree(records, fat=is_fat)
    # a text file named .jpg contradicts its name; an M3U playlist (text) does not
    assert records["/fake.jpg"]["ext_mismatch"] is True and records["/fake.jpg"]["mime"].startswith("text/")
    assert records["/playlist.m3u"]["ext_mismatch"] is False
    assert records["/readme.txt"]["ext_mismatch"] is False


def test_e01_acquisition_metadata_and_stored_hashes(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = imaging.ext4()
    summary = add_evidence(capsys, new_case, imaging.e01(raw, 1 << 20))
    md5, sha1, sha256 = imaging.digests(raw.read_bytes())
    assert (summary["md5"], summary["sha1"], summary["sha256"]) == (md5, sha1, sha256)
    assert summary["stored_hashes"] == {"md5": md5, "sha1": sha1}
    assert summary["stored_hash_check"] == "verified"
    db = _case_db(new_case)
    try:
        item = Catalogue(db.conn).evidence(summary["evidence_id"])
    finally:
        db.close()
    assert item is not None and item["format"] == "ewf"
    assert len(json.loads(item["segments"])) == 5
    acquisition = json.loads(item["acquisition"])
    for key, value in imaging.E01_HEADERS.items():
        assert acquisition[key] == value


def test_ntfs_files_and_alternate_data_stream(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = add_evidence(capsys, new_case, imaging.ntfs())
    assert summary["streams"] >= 1
    records = _by_path(file_list(capsys, new_case))
    for name in imaging.NTFS_FILES:
        record = records[f"/{name}"]
        assert record["size"] == len(imaging.TREE[name]) and record["stream"] is None
        assert (record["md5"], record["sha1"], record["sha256"]) == imaging.digests(imaging.TREE[name])
        assert record["mtime"] == _mtime_of(name, fat=False)  # ntfscp -t copies the mtime
    owner, stream, data = imaging.NTFS_STREAM
    ads = records[f"/{owner}:{stream}"]
    assert ads["stream"] == stream and ads["size"] == len(data) and ads["allocated"] is True
    assert (ads["md5"], ads["sha1"], ads["sha256"]) == imaging.digests(data)
    assert records["/$MFT"]["content"] == "read"  # system files are catalogued too
    assert "/$BadClus:$Bad" not in records  # spans the whole volume; deliberately skipped
    orphans = [r for path, r in records.items() if path.startswith("/$OrphanFiles/")]
    assert orphans and all(r["orphan"] and r["meta_type"] == "r" and r["mtime"] for r in orphans)


def test_iso9660(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = add_evidence(capsys, new_case, imaging.iso9660())
    [volume] = _volumes(new_case, summary["evidence_id"])
    assert volume["fs_type"] == "iso9660"
    records = _by_path(file_list(capsys, new_case))
    for relative, data in imaging.present().items():
        record = records[f"/{relative}"]  # Joliet/Rock Ridge names, Korean included
        assert (record["size"], record["sha256"]) == (len(data), imaging.digests(data)[2])
        assert record["crtime"] is not None  # TSK reports an ISO9660 recording time as crtime


def test_ufs1(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """makefs writes the whole tree (it cannot delete), so every file is present."""
    summary = add_evidence(capsys, new_case, imaging.ufs1())
    [volume] = _volumes(new_case, summary["evidence_id"])
    assert volume["fs_type"] == "ffs1"
    assert_tree(_by_path(file_list(capsys, new_case)), deleted=(), crtime=False)  # UFS1 has none


def test_empty_exfat_volume(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only an empty volume: no Debian tool writes files into exFAT without mounting it."""
    summary = add_evidence(capsys, new_case, imaging.exfat())
    [volume] = _volumes(new_case, summary["evidence_id"])
    assert volume["fs_type"] == "exfat"
    names = {r["name"] for r in file_list(capsys, new_case)}
    assert {"$ALLOC_BITMAP", "$UPCASE_TABLE", "EVIDENCE (Volume Label Entry)"} <= names


def _fs_volumes(volumes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        v for v in volumes if v["allocation"] == "allocated" and v["description"] != "DOS Extended (0x05)"
    ]


def test_mbr_with_extended_partitions(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = imaging.mbr_parts()
    summary = add_evidence(capsys, new_case, imaging.disk(parts, "dos"), "--fat-tz", "UTC")
    assert summary["status"] == "complete"
    volumes = _fs_volumes(_volumes(new_case, summary["evidence_id"]))
    assert all(v["tbl"] == "dos" for v in volumes)
    starts = imaging.partition_starts(parts, "dos")
    assert [v["offset"] for v in volumes] == starts
    assert [v["fs_type"] for v in volumes] == ["fat16", "ext4", None, "fat12"]
    noise = volumes[2]
    [warning] = [w for w in _warnings(new_case, summary["evidence_id"]) if w["code"] == "no-file-system"]
    details = json.loads(warning["details"])
    assert warning["volume_idx"] == noise["idx"]
    assert details["offset"] == str(starts[2]) and details["length"] == str(1 << 20)
    assert details["type"] == noise["description"] and details["reason"]
    records = file_list(capsys, new_case)
    for volume, is_fat in ((volumes[0], True), (volumes[1], False), (volumes[3], True)):
        assert_tree(_by_path(records, volume["idx"]), fat=is_fat)


def test_gpt_with_three_file_systems(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = imaging.gpt_parts()
    summary = add_evidence(capsys, new_case, imaging.disk(parts, "gpt"), "--fat-tz", "UTC")
    volumes = _fs_volumes(_volumes(new_case, summary["evidence_id"]))
    assert [v["offset"] for v in volumes] == imaging.partition_starts(parts, "gpt")
    assert [v["fs_type"] for v in volumes] == ["fat32", "ext4", "ntfs"]
    assert all(v["tbl"] == "gpt" for v in volumes)
    records = file_list(capsys, new_case)
    assert_tree(_by_path(records, volumes[0]["idx"]), fat=True)
    assert_tree(_by_path(records, volumes[1]["idx"]), fat=False)
    owner, stream, data = imaging.NTFS_STREAM
    assert _by_path(records, volumes[2]["idx"])[f"/{owner}:{stream}"]["sha256"] == imaging.digests(data)[2]


def test_fat_orphan_search_is_on_by_default(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = add_evidence(capsys, new_case, imaging.fat(12))
    assert _warnings(new_case, summary["evidence_id"]) == []  # --no-orphans: tests/test_recovery.py
    records = file_list(capsys, new_case)
    assert not any(r["orphan"] for r in records)
    deleted = file_list(capsys, new_case, "--deleted-only")
    assert deleted == [r for r in records if not r["allocated"]] and len(deleted) == len(imaging.DELETED)


def test_files_as_csv_carries_the_same_records(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_evidence(capsys, new_case, imaging.fat(12))
    code, out, _ = cli(capsys, "files", str(new_case), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["path"] for r in rows] == [r["path"] for r in file_list(capsys, new_case)]
    by_path = {r["path"]: r for r in rows}
    assert by_path["/readme.txt"]["sha256"] == imaging.digests(imaging.TREE["readme.txt"])[2]
    for key in ("evidence_id", "volume", "name", "size", "allocated", "md5", "sha1", "mime", "stream"):
        assert key in rows[0]
