"""TV-box layouts of older Allwinner and Rockchip boxes: sunxi_mbr ("softw411") and the `parameter`
blob ("PARM" with mtdparts=).

The tables are written by these tests from their documented layouts (Allwinner U-Boot sunxi_mbr.h;
Rockchip U-Boot part_rkparm.c and the "Introduction to Partition" guide); the partitions inside are
real ext4 made by mke2fs -d; the dumps are assembled with truncate and writes at fixed offsets.
"""

import json
import os
import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytsk3
from conftest import add_evidence, cli, file_list
from imaging import sh, sha256_file
from test_android_layouts import DATA_TREE, SYSTEM_TREE, assert_files, catalogue, ext4_of

from forensics.filesystems.mounting import open_file_systems
from forensics.volumes.android import android_layout
from forensics.volumes.tsk import partition_table

MIB = 1 << 20
SECTOR = 512

# --- Allwinner sunxi_mbr ----------------------------------------------------------------------
SUNXI_BASE = 20 * MIB  # eMMC logical area (sector 40960)
# name, classname, first logical sector, sectors (0 on the last: the rest of the device), keydata
SUNXI_PARTS = [
    ("bootloader", "DISK", 0x800, 0x800, 0),
    ("env", "DISK", 0x1000, 0x100, 0),
    ("system", "DISK", 0x1800, 0x1000, 0),
    ("UDISK", "DISK", 0x2800, 0, 0),
]


def sunxi_copy(parts: list[tuple[str, str, int, int, int]], index: int, crc: int | None = None) -> bytes:
    """One 16 KiB sunxi_mbr copy: CRC-32 (zlib) of the other 16380 bytes, version 0x200, "softw411",
    copy count 4, this copy's index, partition count, stamp; 128-byte partition entries."""
    entries = b"".join(
        struct.pack(
            "<IIII16s16sIII", 0, first, 0, sectors, cls.encode(), name.encode(), 0x8000, keydata, 0
        ).ljust(128, b"\x00")
        for name, cls, first, sectors, keydata in parts
    )
    body = (struct.pack("<I8sIIII", 0x200, b"softw411", 4, index, len(parts), 0) + entries).ljust(
        16 * 1024 - 4, b"\x00"
    )
    return struct.pack("<I", zlib.crc32(body) if crc is None else crc) + body


def _place(disk: Path, offset: int, data: bytes) -> None:
    with disk.open("r+b") as out:
        out.seek(offset)
        out.write(data)


def sunxi_dump(work: Path, bad_crc: tuple[int, ...] = (), other_copy2: bool = False) -> Path:
    """eMMC user area: boot0 at 8 KiB, sunxi_mbr (4 copies) at 20 MiB, bootloader, env, system (ext4),
    UDISK (ext4, the rest of the device)."""
    system, data = ext4_of(work, "system", SYSTEM_TREE), ext4_of(work, "udisk", DATA_TREE)
    disk = work / "allwinner.img"
    disk.write_bytes(b"")
    os.truncate(disk, SUNXI_BASE + 0x2800 * SECTOR + data.stat().st_size)
    _place(disk, 8192, b"eGON.BT0" + b"\xaa" * 4096)  # boot0: not a file system
    for index in range(4):
        parts = SUNXI_PARTS
        if other_copy2 and index == 2:
            parts = [*SUNXI_PARTS[:2], ("system", "DISK", 0x1800, 0x1001, 0), SUNXI_PARTS[3]]
        crc = 0xDEADBEEF if index in bad_crc else None
        _place(disk, SUNXI_BASE + index * 16 * 1024, sunxi_copy(parts, index, crc))
    _place(disk, SUNXI_BASE + 0x1000 * SECTOR, b"bootdelay=0\nbootcmd=run setargs_nand boot_normal\n")
    _place(disk, SUNXI_BASE + 0x1800 * SECTOR, system.read_bytes())
    _place(disk, SUNXI_BASE + 0x2800 * SECTOR, data.read_bytes())
    return disk


# --- Rockchip parameter -----------------------------------------------------------------------
PARAMETER_AT = 0x2000 * SECTOR  # eMMC: sector 0x2000; partition offsets count from here
MTDPARTS = (
    "0x00000800@0x00002000(misc),0x00000800@0x00002800(boot),"
    "0x00001000@0x00003000(system),-@0x00004000(userdata:grow)"
)
IDENTITY = {
    "FIRMWARE_VER": "4.4.2",
    "MACHINE_MODEL": "MXQ-4K",
    "MACHINE_ID": "007",
    "MANUFACTURER": "RK3229",
}


def parameter_text(mtdparts: str = MTDPARTS) -> bytes:
    lines = [f"{key}: {value}" for key, value in IDENTITY.items()]
    lines += [
        "MAGIC: 0x5041524B",
        "ATAG: 0x60000800",
        "MACHINE: 3229",
        "CHECK_MASK: 0x80",
        "#KERNEL_IMG: 0x0",
    ]
    lines.append(f"CMDLINE: console=ttyFIQ0 androidboot.hardware=rk30board mtdparts=rk29xxnand:{mtdparts}")
    return ("\r\n".join(lines) + "\r\n").encode()  # parameter.txt files are often written on Windows


def bitwise_rockchip_crc(data: bytes) -> int:
    """Rockchip's CRC-32 as documented: polynomial 0x04C10DB7 MSB first, initial 0, no final xor."""
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C10DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def parm_blob(text: bytes, crc: int | None = None) -> bytes:
    checksum = bitwise_rockchip_crc(text) if crc is None else crc
    return b"PARM" + struct.pack("<I", len(text)) + text + struct.pack("<I", checksum)


def rockchip_dump(work: Path, bad_crc: tuple[int, ...] = (), text: bytes | None = None) -> Path:
    """eMMC: IDB at sector 64, two parameter copies 0x400 sectors apart from sector 0x2000, then
    misc, boot, system (ext4) and userdata (ext4, the rest of the device) placed by mtdparts."""
    system, data = ext4_of(work, "system", SYSTEM_TREE), ext4_of(work, "userdata", DATA_TREE)
    disk = work / "rockchip.img"
    disk.write_bytes(b"")
    os.truncate(disk, PARAMETER_AT + 0x4000 * SECTOR + data.stat().st_size)
    _place(disk, 64 * SECTOR, b"\x3b\x8c\xdc\xfc" + b"\xbb" * 2044)  # an (encrypted) IDB: no file system
    for copy in range(2):
        blob = parm_blob(text or parameter_text(), 0x0BADC0DE if copy in bad_crc else None)
        _place(disk, PARAMETER_AT + copy * 0x400 * SECTOR, blob)
    _place(disk, PARAMETER_AT + 0x2000 * SECTOR, b"bootloader\x00".ljust(2048, b"\x00"))  # misc
    _place(disk, PARAMETER_AT + 0x3000 * SECTOR, system.read_bytes())
    _place(disk, PARAMETER_AT + 0x4000 * SECTOR, data.read_bytes())
    return disk


# --- helpers ----------------------------------------------------------------------------------
def import_unchanged(capsys: pytest.CaptureFixture[str], case: Path, image: Path) -> None:
    """`evidence add` succeeds and leaves the image byte for byte and time for time as it was."""
    before = (sha256_file(image), image.stat().st_mtime_ns)
    add_evidence(capsys, case, image)
    assert (sha256_file(image), image.stat().st_mtime_ns) == before


def layout_of(volumes: list[dict[str, Any]]) -> list[tuple[str, str, int, int]]:
    return [(v["description"], v["tbl"], v["offset"], v["length"]) for v in volumes]


def assert_system_and_data(
    capsys: pytest.CaptureFixture[str], case: Path, volumes: list[dict[str, Any]], data_name: str
) -> None:
    """Volumes 3 and 4 are the ext4 `system` and data partitions, every file there with its hashes."""
    assert [(v["description"], v["fs_type"]) for v in volumes[3:]] == [
        ("system", "ext4"),
        (data_name, "ext4"),
    ]
    files = file_list(capsys, case)
    assert_files(files, 3, SYSTEM_TREE)
    assert_files(files, 4, DATA_TREE)
    assert {f["volume_name"] for f in files if f["volume"] == 4} == {data_name}


def json_details(warning: dict[str, Any]) -> dict[str, str]:
    details: dict[str, str] = json.loads(warning["details"])
    return details


def codes(warnings: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [w for w in warnings if w["code"] == code]


# --- Allwinner tests --------------------------------------------------------------------------
def test_allwinner_emmc_dump(tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = sunxi_dump(tmp_path)
    import_unchanged(capsys, new_case, image)
    volumes, warnings = catalogue(new_case)
    base, udisk_at = SUNXI_BASE, SUNXI_BASE + 0x2800 * SECTOR
    assert layout_of(volumes) == [
        ("sunxi_mbr", "allwinner-sunxi", base, 0x800 * SECTOR),
        ("bootloader", "allwinner-sunxi", base + 0x800 * SECTOR, MIB),
        ("env", "allwinner-sunxi", base + 0x1000 * SECTOR, 0x100 * SECTOR),
        ("system", "allwinner-sunxi", base + 0x1800 * SECTOR, 2 * MIB),
        ("UDISK", "allwinner-sunxi", udisk_at, image.stat().st_size - udisk_at),  # length 0: the rest
    ]
    assert (
        volumes[0]["slot"] == "copy 0 used, version 0x200"
        and volumes[4]["slot"] == "3 (DISK, user_type 0x8000)"
    )
    assert not [w for w in warnings if w["code"].startswith("sunxi")]
    assert_system_and_data(capsys, new_case, volumes, "UDISK")


def test_sunxi_copies_that_disagree(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, sunxi_dump(tmp_path, other_copy2=True))
    volumes, warnings = catalogue(new_case)
    assert volumes[3]["length"] == 2 * MIB  # copy 0's table
    differ = codes(warnings, "sunxi-mbr-copies-differ")
    assert len(differ) == 1 and "copy 2" in differ[0]["message"]


def test_sunxi_table_cut_by_the_end_of_the_dump(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = sunxi_dump(tmp_path)
    os.truncate(image, SUNXI_BASE + 8192)  # the dump stops inside the first copy
    code, _out, err = cli(capsys, "evidence", "add", str(new_case), str(image), "--json")
    assert code == 0 and "Traceback" not in err, err
    volumes, warnings = catalogue(new_case)
    assert [v["description"] for v in volumes] == ["sunxi_mbr", "bootloader", "env", "system", "UDISK"]
    assert {v["allocation"] for v in volumes[1:]} == {"unallocated"}
    assert len(codes(warnings, "sunxi-mbr-truncated")) == 1
    assert len(codes(warnings, "sunxi-mbr-copy-missing")) == 1
    assert len(codes(warnings, "partition-beyond-image")) == 4


# --- Rockchip tests ---------------------------------------------------------------------------
def test_rockchip_emmc_dump(tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = rockchip_dump(tmp_path)
    import_unchanged(capsys, new_case, image)
    volumes, warnings = catalogue(new_case)
    userdata_at = PARAMETER_AT + 0x4000 * SECTOR
    assert layout_of(volumes) == [
        ("parameter", "rockchip-parameter", PARAMETER_AT, 4 * MIB),
        ("misc", "rockchip-parameter", PARAMETER_AT + 0x2000 * SECTOR, MIB),  # 0x2000 + 0x2000 sectors
        ("boot", "rockchip-parameter", PARAMETER_AT + 0x2800 * SECTOR, MIB),
        ("system", "rockchip-parameter", PARAMETER_AT + 0x3000 * SECTOR, 2 * MIB),
        ("userdata", "rockchip-parameter", userdata_at, image.stat().st_size - userdata_at),  # `-`: the rest
    ]
    assert volumes[0]["slot"] == "copy 0 used, 2 found" and volumes[4]["slot"] == "3 (grow)"
    facts = codes(warnings, "rockchip-parameter")
    assert len(facts) == 1 and "MACHINE_MODEL MXQ-4K" in facts[0]["message"]
    details = json_details(facts[0])
    assert {key: details[key] for key in IDENTITY} == IDENTITY and "rk30board" in details["CMDLINE"]
    assert not [w for w in warnings if w["code"].startswith("rockchip-parameter-")]
    assert_system_and_data(capsys, new_case, volumes, "userdata")


def test_rockchip_partition_list_cut_short(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text whose mtdparts list breaks off inside the last entry: the partitions before it are used."""
    cut = parameter_text(MTDPARTS[: MTDPARTS.index("-@") + 5])
    add_evidence(capsys, new_case, rockchip_dump(tmp_path, text=cut))
    volumes, warnings = catalogue(new_case)
    assert [v["description"] for v in volumes] == ["parameter", "misc", "boot", "system"]
    assert len(codes(warnings, "rockchip-mtdparts-damaged")) == 1
    assert_files(file_list(capsys, new_case), 3, SYSTEM_TREE)


def test_rockchip_parameter_cut_by_the_end_of_the_dump(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = rockchip_dump(tmp_path)
    os.truncate(image, PARAMETER_AT + 8 + parameter_text().index(b"-@0x") + 4)  # inside the mtdparts list
    code, _out, err = cli(capsys, "evidence", "add", str(new_case), str(image), "--json")
    assert code == 0 and "Traceback" not in err, err
    volumes, warnings = catalogue(new_case)
    assert [v["description"] for v in volumes] == ["parameter", "misc", "boot", "system"]
    assert len(codes(warnings, "rockchip-parameter-truncated")) == 1
    assert len(codes(warnings, "rockchip-mtdparts-damaged")) == 1
    assert len(codes(warnings, "partition-beyond-image")) == 3


def test_damaged_vendor_tables_never_crash(tmp_path: Path) -> None:
    """Seeded random damage to the sunxi_mbr entries and the parameter text: never a raise."""
    chance = random.Random(11)
    for build, start, length in (
        (sunxi_dump, SUNXI_BASE, 32 + 4 * 128),
        (rockchip_dump, PARAMETER_AT, 8 + len(parameter_text())),
    ):
        dump = build(tmp_path)
        pristine = dump.read_bytes()[start : start + length]
        for _round in range(16):
            damaged = bytearray(pristine)
            for _ in range(chance.randint(1, 8)):
                damaged[chance.randrange(length)] = chance.randrange(256)
            _place(dump, start, bytes(damaged))
            image = pytsk3.Img_Info(str(dump))
            layout = android_layout(image, dump.stat().st_size, None)
            if layout is not None:
                open_file_systems(layout, image)


# --- both -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Vendor:
    build: Callable[..., Path]
    checksum_code: str
    wrong_crc: str  # as the builder writes it into a damaged copy
    volume_names: list[str]
    right_crc: Callable[[int], int]  # of copy n


VENDORS = {
    "sunxi": Vendor(
        sunxi_dump,
        "sunxi-mbr-checksum",
        "DEADBEEF",
        ["sunxi_mbr", "bootloader", "env", "system", "UDISK"],
        lambda n: zlib.crc32(sunxi_copy(SUNXI_PARTS, n)[4:]),
    ),
    "rockchip": Vendor(
        rockchip_dump,
        "rockchip-parameter-checksum",
        "0BADC0DE",
        ["parameter", "misc", "boot", "system", "userdata"],
        lambda _n: bitwise_rockchip_crc(parameter_text()),
    ),
}


@pytest.mark.parametrize(
    ("vendor", "bad"), [("sunxi", (0,)), ("sunxi", (0, 1, 2, 3)), ("rockchip", (0,)), ("rockchip", (0, 1))]
)
def test_bad_crc_is_a_warning_and_the_table_is_used(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str], vendor: str, bad: tuple[int, ...]
) -> None:
    """A wrong CRC on the first copy: the next one is used; on every copy: the first, as found."""
    layout = VENDORS[vendor]
    add_evidence(capsys, new_case, layout.build(tmp_path, bad_crc=bad))
    volumes, warnings = catalogue(new_case)
    assert [v["description"] for v in volumes] == layout.volume_names
    notes = codes(warnings, layout.checksum_code)
    assert [json_details(note)["stored"] for note in notes] == [layout.wrong_crc] * len(bad)
    assert [json_details(note)["computed"] for note in notes] == [f"{layout.right_crc(n):08X}" for n in bad]
    used = "copy 1 is used" if len(bad) == 1 else "no copy checks out"
    assert all(used in note["message"] for note in notes)
    assert_files(file_list(capsys, new_case), 3, SYSTEM_TREE)


# --- where the tables are looked for ------------------------------------------------------------
def test_nand_dumps_count_from_sector_zero(tmp_path: Path) -> None:
    """A NAND logical-disk dump holds the sunxi_mbr (or, rknand, the parameter) at 0: offsets count from 0."""
    system = ext4_of(tmp_path, "system", SYSTEM_TREE)
    sunxi = tmp_path / "nand-sunxi.img"
    sunxi.write_bytes(sunxi_copy([("system", "DISK", 0x800, 0x1000, 0)], 0))
    rknand = tmp_path / "rknand.img"
    rknand.write_bytes(parm_blob(parameter_text("0x00001000@0x00000800(system)")))
    for dump in (sunxi, rknand):
        os.truncate(dump, 0x800 * SECTOR + system.stat().st_size)
        _place(dump, 0x800 * SECTOR, system.read_bytes())
        image = pytsk3.Img_Info(str(dump))
        layout = android_layout(image, dump.stat().st_size, None)
        assert layout is not None
        assert [(v.description, v.offset, v.length) for v in layout.volumes] == [
            (layout.volumes[0].description, 0, 0x800 * SECTOR),
            ("system", 0x800 * SECTOR, 2 * MIB),
        ]
        assert [fs is not None for _volume, fs in open_file_systems(layout, image)] == [False, True]


def test_a_gpt_beside_the_vendor_table_stands(tmp_path: Path) -> None:
    """Newer builds write a GPT (Rockchip, Allwinner's converted sunxi_mbr): TSK's GPT is kept."""
    disk = sunxi_dump(tmp_path)
    udisk_sectors = (disk.stat().st_size - SUNXI_BASE) // SECTOR - 0x2800 - 34
    script = (
        "label: gpt\nunit: sectors\n"
        f"start={SUNXI_BASE // SECTOR + 0x1800}, size={0x1000}, type=linux, name=system\n"
        f"start={SUNXI_BASE // SECTOR + 0x2800}, size={udisk_sectors}, type=linux, name=UDISK\n"
    )
    sh("sfdisk", "-q", "--no-reread", "--no-tell-kernel", disk, stdin=script.encode())
    image = pytsk3.Img_Info(str(disk))
    assert android_layout(image, disk.stat().st_size, partition_table(image)) is None
