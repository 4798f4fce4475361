"""TV-box layouts TSK does not know: Amlogic EPT eMMC dumps and Android dynamic partitions (`super`).

The EPT and the LP metadata are written by these tests from their documented layouts (ampart /
Amlogic U-Boot; AOSP liblp metadata_format.h); the partitions inside are real ext4 made by mke2fs -d.
"""

import hashlib
import os
import random
import struct
from pathlib import Path
from typing import Any

import pytest
import pytsk3
from conftest import add_evidence, cli, file_list
from imaging import digests, sh

from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue
from forensics.artifacts.keystore import read_device_keys
from forensics.containers.detect import detect_image
from forensics.file_access import EvidenceFiles, FileAddress
from forensics.filesystems.mounting import open_file_systems
from forensics.volumes.android import android_layout

MIB = 1 << 20
SYSTEM_TREE = {
    "build.prop": b"ro.product.model=X96 Max\nro.product.brand=Generic\n",
    "app/Smarters/Smarters.apk": b"PK\x03\x04" + bytes(range(256)) * 300,
    "etc/hosts": b"127.0.0.1 localhost\n",
}
DATA_TREE = {
    "data/com.nst.iptvsmarterstvbox/shared_prefs/loginPrefs.xml": b"<map><string name='url'>"
    b"http://line.iptv.invalid:8080</string></map>\n",
    "misc/wifi/WifiConfigStore.xml": b"<WifiConfigStoreData/>\n" * 40,
}
KEYS = {"mac": "00:1A:79:12:34:56", "mac_bt": "00:1A:79:12:34:57", "mac_wifi": "00:1A:79:12:34:58"}
USID = "X96MAX2026A0001"


# --- builders ---------------------------------------------------------------------------------
def ext4_of(work: Path, name: str, tree: dict[str, bytes], size_kib: int = 2048) -> Path:
    folder = work / f"{name}-tree"
    for relative, content in tree.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(content)
    image = work / f"{name}.ext4"
    sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", folder, image, f"{size_kib}k")
    return image


def _place(disk: Path, offset: int, data: bytes) -> None:
    with disk.open("r+b") as out:
        out.seek(offset)
        out.write(data)


def ept_bytes(parts: list[tuple[str, int, int, int]], checksum: int | None = None) -> bytes:
    """An EPT: header "MPT", version, count, checksum; 40-byte entries (name, size, offset, mask)."""
    entries = [
        struct.pack("<16sQQI4x", name.encode(), size, offset, mask) for name, size, offset, mask in parts
    ]
    if checksum is None:  # Amlogic's quirk: entry 0's ten words, once per partition
        checksum = sum(struct.unpack("<10I", entries[0])) * len(entries) & 0xFFFFFFFF
    return struct.pack("<4s12sII", b"MPT\x00", b"01.00.00", len(entries), checksum) + b"".join(entries)


def key_store() -> bytes:
    records = b"".join(
        f"{name}\x00".encode().ljust(32, b"\x00") + value.encode() + b"\x00" * 16
        for name, value in KEYS.items()
    )
    records += b"usid\x00".ljust(32, b"\x00") + USID.encode() + b"\x00" * 16
    return b"emmckeys".ljust(28, b"\x00") + records


def emmc_dump(work: Path, checksum: int | None = None, super_part: Path | None = None) -> Path:
    """bootloader (4 MiB) .. reserved at 36 MiB (EPT + keys) .. system, data (ext4) [.. super]."""
    system, data = ext4_of(work, "system", SYSTEM_TREE), ext4_of(work, "data", DATA_TREE)
    parts = [
        ("bootloader", 4 * MIB, 0, 0),
        ("reserved", MIB, 36 * MIB, 0),
        ("system", 2 * MIB, 37 * MIB, 2),
        ("data", 2 * MIB, 39 * MIB, 4),
    ]
    if super_part is not None:
        parts.append(("super", super_part.stat().st_size, 41 * MIB, 1))
    disk = work / "emmc.img"
    disk.write_bytes(b"")
    os.truncate(disk, 41 * MIB + (super_part.stat().st_size if super_part else 0))
    if super_part is not None:
        _place(disk, 41 * MIB, super_part.read_bytes())
    _place(disk, 0, b"\xaa" * 4096)  # a bootloader that is not a file system
    _place(disk, 36 * MIB, ept_bytes(parts, checksum))
    _place(disk, 36 * MIB + 0x4000, key_store())
    _place(disk, 37 * MIB, system.read_bytes())
    _place(disk, 39 * MIB, data.read_bytes())
    return disk


def lp_metadata(parts: list[tuple[str, list[tuple[int, int]]]], super_size: int, max_size: int) -> bytes:
    """LP metadata (v10.0) for partitions made of (first sector, sector count) extents on `super`."""
    partitions, extents = b"", b""
    for name, runs in parts:
        partitions += struct.pack("<36sIIII", name.encode(), 1, len(extents) // 24, len(runs), 0)
        extents += b"".join(struct.pack("<QIQI", count, 0, first, 0) for first, count in runs)
    groups = struct.pack("<36sIQ", b"default", 0, 0)
    devices = struct.pack("<QIIQ36sI", 2048, 0, 0, super_size, b"super", 0)
    tables = partitions + extents + groups + devices
    offsets = [
        0,
        len(partitions),
        len(partitions) + len(extents),
        len(partitions) + len(extents) + len(groups),
    ]
    descriptors = b"".join(
        struct.pack("<III", offset, len(blob) // size, size)
        for offset, blob, size in zip(
            offsets, (partitions, extents, groups, devices), (52, 24, 48, 64), strict=True
        )
    )
    tables_sum = hashlib.sha256(tables).digest()
    header = (
        struct.pack("<IHHI32sI32s", 0x414C5030, 10, 0, 128, b"\0" * 32, len(tables), tables_sum) + descriptors
    )
    header = header[:12] + hashlib.sha256(header).digest() + header[44:]
    return (header + tables).ljust(max_size, b"\x00")


def lp_geometry(max_size: int, slots: int) -> bytes:
    raw = struct.pack("<II32sIII", 0x616C4467, 52, b"\0" * 32, max_size, slots, 4096)
    return (raw[:8] + hashlib.sha256(raw).digest() + raw[40:]).ljust(4096, b"\x00")


def super_image(work: Path, extra: dict[str, Path] | None = None) -> Path:
    """`super` (8 MiB + extras): system_a split in two extents stored in reverse order, vendor_a in one,
    system_b empty; each `extra` image as one more single-extent partition."""
    system, vendor = ext4_of(work, "lp-system", SYSTEM_TREE), ext4_of(work, "lp-vendor", DATA_TREE, 1024)
    blob = system.read_bytes()
    half = len(blob) // 2
    layout: list[tuple[str, list[tuple[int, int]]]] = [
        ("system_a", [(2048 + half // 512, half // 512), (2048, half // 512)]),  # second half first
        ("vendor_a", [(2048 + 2 * half // 512, vendor.stat().st_size // 512)]),
        ("system_b", []),
    ]
    cursor = 2048 * 512 + 2 * half + vendor.stat().st_size
    placed = [
        (2048 * 512 + half, blob[:half]),
        (2048 * 512, blob[half:]),
        (2048 * 512 + 2 * half, vendor.read_bytes()),
    ]
    for name, path in (extra or {}).items():
        size = -(-path.stat().st_size // 4096) * 4096
        layout.append((name, [(cursor // 512, size // 512)]))
        placed.append((cursor, path.read_bytes()))
        cursor += size
    total = cursor + MIB
    image = work / "super.img"
    image.write_bytes(b"")
    os.truncate(image, total)
    max_size, slots = 16384, 2
    metadata = lp_metadata(layout, total, max_size)
    _place(image, 4096, lp_geometry(max_size, slots) * 2)
    for copy in range(2 * slots):
        _place(image, 12288 + copy * max_size, metadata)
    for offset, data in placed:
        _place(image, offset, data)
    return image


# --- helpers ----------------------------------------------------------------------------------
def catalogue(case: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    db = CaseDatabase.open(case)
    try:
        return Catalogue(db.conn).volumes(1), Catalogue(db.conn).warnings(1)
    finally:
        db.close()


def assert_files(files: list[dict[str, Any]], volume: int, tree: dict[str, bytes]) -> None:
    by_path = {f["path"]: f for f in files if f["volume"] == volume}
    for relative, data in tree.items():
        record = by_path.get(f"/{relative}")
        assert record is not None, f"/{relative} missing from volume {volume}"
        assert (record["md5"], record["sha1"], record["sha256"]) == digests(data), relative


# --- EPT --------------------------------------------------------------------------------------
def test_amlogic_emmc_dump_with_super(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, emmc_dump(tmp_path, super_part=super_image(tmp_path)))
    volumes, warnings = catalogue(new_case)
    assert [(v["description"], v["tbl"], v["offset"]) for v in volumes[:5]] == [
        ("bootloader", "amlogic-ept", 0),
        ("reserved", "amlogic-ept", 36 * MIB),
        ("system", "amlogic-ept", 37 * MIB),
        ("data", "amlogic-ept", 39 * MIB),
        ("super", "amlogic-ept", 41 * MIB),
    ]
    assert [v["fs_type"] for v in volumes[2:4]] == ["ext4", "ext4"]
    assert volumes[4]["fs_error"].startswith("Android dynamic partitions")
    assert not [w for w in warnings if w["code"] == "ept-checksum"]
    files = file_list(capsys, new_case)
    assert_files(files, 2, SYSTEM_TREE)
    assert_files(files, 3, DATA_TREE)
    assert {f["volume_name"] for f in files if f["volume"] == 2} == {"system"}
    lp = _lp_volumes(volumes)  # the super partition's logical partitions, at absolute offsets
    assert lp["system_a"]["offset"] > 41 * MIB
    assert_files(files, lp["system_a"]["idx"], SYSTEM_TREE)


def test_ept_key_store_values(tmp_path: Path) -> None:
    keys = read_device_keys(detect_image(emmc_dump(tmp_path)))
    assert {k.name: k.value for k in keys} == {**KEYS, "usid": USID}
    assert all(36 * MIB + 0x4000 < k.offset < 36 * MIB + 0x5000 for k in keys)


def test_bad_ept_checksum_is_a_warning_and_the_table_is_used(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, emmc_dump(tmp_path, checksum=0x12345678))
    volumes, warnings = catalogue(new_case)
    assert [v["description"] for v in volumes] == ["bootloader", "reserved", "system", "data"]
    bad = [w for w in warnings if w["code"] == "ept-checksum"]
    assert len(bad) == 1 and "12345678" in bad[0]["message"]
    assert_files(file_list(capsys, new_case), 2, SYSTEM_TREE)


# --- LP super ---------------------------------------------------------------------------------
def _lp_volumes(volumes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {v["description"]: v for v in volumes if v["tbl"] == "android-lp"}


def test_sparse_super_logical_partitions_assembled_from_extents(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = tmp_path / "super.simg"  # as firmware ships it: sparse
    sh("img2simg", super_image(tmp_path), image)
    add_evidence(capsys, new_case, image)
    volumes, _warnings = catalogue(new_case)
    lp = _lp_volumes(volumes)
    assert set(lp) == {
        "super (Android dynamic partitions)",
        "system_a",
        "vendor_a",
        "system_b (empty logical partition)",
    }
    assert lp["system_a"]["fs_type"] == "ext4" and lp["vendor_a"]["fs_type"] == "ext4"
    files = file_list(capsys, new_case)
    assert_files(files, lp["system_a"]["idx"], SYSTEM_TREE)
    assert_files(files, lp["vendor_a"]["idx"], DATA_TREE)
    # content read back through the same view (the volume spans two extents in reverse order)
    apk = next(f for f in files if f["path"] == "/app/Smarters/Smarters.apk")
    reader = EvidenceFiles(detect_image(image))
    data = reader.read(FileAddress(lp["system_a"]["offset"], apk["inode"]))
    assert data == SYSTEM_TREE["app/Smarters/Smarters.apk"]


def test_super_as_a_gpt_partition(tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inner = super_image(tmp_path)
    size_mib = -(-inner.stat().st_size // MIB)
    disk = tmp_path / "gpt.img"
    disk.write_bytes(b"")
    os.truncate(disk, (size_mib + 2) * MIB)
    script = f"label: gpt\nunit: sectors\nstart=2048, size={size_mib * 2048}, type=linux, name=super\n"
    sh("sfdisk", "-q", "--no-reread", "--no-tell-kernel", disk, stdin=script.encode())
    _place(disk, MIB, inner.read_bytes())
    add_evidence(capsys, new_case, disk)
    volumes, _warnings = catalogue(new_case)
    assert "super" in [v["description"] for v in volumes if v["tbl"] == "gpt"]
    lp = _lp_volumes(volumes)
    assert lp["system_a"]["offset"] > MIB  # absolute: inside the GPT partition
    files = file_list(capsys, new_case)
    assert_files(files, lp["vendor_a"]["idx"], DATA_TREE)
    assert {f["volume_name"] for f in files if f["volume"] == lp["vendor_a"]["idx"]} == {"vendor_a"}


def test_corrupt_lp_metadata(tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = super_image(tmp_path)
    with image.open("r+b") as handle:  # damage the primary copy of slot 0: the backup is used
        handle.seek(12288 + 200)
        handle.write(b"\xff\xff")
    add_evidence(capsys, new_case, image)
    volumes, warnings = catalogue(new_case)
    assert "system_a" in _lp_volumes(volumes)
    assert any(w["code"] == "lp-metadata-damaged" and "checksum" in w["message"] for w in warnings)


def test_unusable_lp_metadata_is_a_warning(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = super_image(tmp_path)
    with image.open("r+b") as handle:  # every metadata copy damaged
        for copy in range(4):
            handle.seek(12288 + copy * 16384 + 200)
            handle.write(b"\xff\xff")
    code, _out, err = cli(capsys, "evidence", "add", str(new_case), str(image), "--json")
    assert "Traceback" not in err
    assert code == 0, err
    _volumes, warnings = catalogue(new_case)
    assert any(w["code"] == "lp-metadata-unreadable" for w in warnings)


def _bytes_at(path: Path, offset: int, length: int) -> bytes:
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read(length)


def _resigned(metadata: bytes) -> bytes:
    """LP metadata whose header and tables checksums are recomputed (damage that checksums cannot see)."""
    header, tables_size = metadata[:128], struct.unpack_from("<I", metadata, 44)[0]
    tables = metadata[128 : 128 + tables_size]
    header = header[:48] + hashlib.sha256(tables).digest() + header[80:]
    header = header[:12] + hashlib.sha256(header[:12] + b"\0" * 32 + header[44:]).digest() + header[44:]
    return header + metadata[128:]


def test_damaged_tables_never_crash(tmp_path: Path) -> None:
    """Seeded random damage to the EPT and to the LP tables (checksums made right): never a raise."""
    dump = emmc_dump(tmp_path, super_part=super_image(tmp_path))
    ept_at, lp_at = 36 * MIB, 41 * MIB + 12288
    pristine = {at: _bytes_at(dump, at, 4096) for at in (ept_at, lp_at)}
    chance = random.Random(8)
    for round_ in range(24):
        start, length = (ept_at, 24 + 5 * 40) if round_ % 2 else (lp_at + 128, 300)
        damaged = bytearray(_bytes_at(dump, start, length))
        for _ in range(chance.randint(1, 6)):
            damaged[chance.randrange(length)] = chance.randrange(256)
        _place(dump, start, bytes(damaged))
        if start != ept_at:
            _place(dump, lp_at, _resigned(_bytes_at(dump, lp_at, 4096)))
        image = pytsk3.Img_Info(str(dump))
        layout = android_layout(image, dump.stat().st_size, None)
        if layout is not None:
            open_file_systems(layout, image)
        for at, data in pristine.items():
            _place(dump, at, data)
