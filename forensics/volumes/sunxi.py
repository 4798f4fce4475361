"""Allwinner's sunxi_mbr partition table ("softw411"), as described by Allwinner's U-Boot headers
(include/sunxi_mbr.h) and flashing code, and by the linux-sunxi wiki.

The table sits at the start of the logical area: on eMMC and SD cards 20 MiB into the user area
(sector 40960, U-Boot's CONFIG_MMC_LOGICAL_OFFSET), on a dump of a NAND's logical disk at 0.
Four 16 KiB copies follow one another. A copy: u32 CRC-32 (zlib's, over the copy's other 16380
bytes), u32 version, "softw411", u32 copy count, u32 copy index, u32 partition count, u32 stamp, then
up to 120 partitions of 128 bytes: u32 addrhi, addrlo, lenhi, lenlo (512-byte sectors counted from
the start of the logical area), classname[16], name[16], u32 user_type, keydata, ro, then signature
fields and padding. The last partition (UDISK) is written with length 0: the rest of the device.
"""

import struct
import zlib
from dataclasses import dataclass

from forensics.base.reader import ReadAt
from forensics.base.records import ReadWarning
from forensics.volumes.vendor import SECTOR, TableCopy, VendorPartition, VendorTable, area_length, copy_note

SUNXI_TABLE = "allwinner-sunxi"
MAGIC = b"softw411"
MBR_SIZE = 16 * 1024
COPIES = 4
MAX_PARTITIONS = 120
ENTRY_SIZE = 128
LOGICAL_AREAS = (40960 * SECTOR, 0)  # eMMC / SD user area; a NAND logical-disk dump
_HEADER = struct.Struct("<II8sIIII")  # crc32, version, magic, copy, index, count, stamp
# addrhi, addrlo, lenhi, lenlo, classname, name, user_type, keydata, ro (the rest of 128 bytes unused here)
_ENTRY = struct.Struct("<IIII16s16sIII")


@dataclass(frozen=True)
class SunxiCopy(TableCopy):
    version: int
    partitions: tuple[VendorPartition, ...]


def read_sunxi_mbr(read: ReadAt) -> VendorTable | None:
    """The sunxi_mbr of the image behind `read(offset, length)`, or None when there is none."""
    for base in LOGICAL_AREAS:
        found = {n: _parse_copy(read(base + n * MBR_SIZE, MBR_SIZE), n, base) for n in range(COPIES)}
        copies = [copy for copy in found.values() if copy is not None]
        if copies:
            return _table(base, copies, [n for n, copy in found.items() if copy is None])
    return None


def _parse_copy(raw: bytes, number: int, base: int) -> SunxiCopy | None:
    if len(raw) < _HEADER.size or raw[8:16] != MAGIC:
        return None
    crc, version, _magic, _copies, _index, count, _stamp = _HEADER.unpack_from(raw)
    if not 0 < count <= MAX_PARTITIONS:
        return None
    listed = min(count, (len(raw) - _HEADER.size) // ENTRY_SIZE)  # a cut copy: the entries it holds
    partitions: list[VendorPartition] = []
    for slot in range(listed):
        part = _parse_entry(raw, slot, base, last=slot == count - 1)
        if part is None:
            return None
        partitions.append(part)
    computed = zlib.crc32(raw[4:]) if len(raw) == MBR_SIZE else None
    return SunxiCopy(number, base + number * MBR_SIZE, crc, computed, version, tuple(partitions))


def _parse_entry(raw: bytes, slot: int, base: int, last: bool) -> VendorPartition | None:
    fields = _ENTRY.unpack_from(raw, _HEADER.size + slot * ENTRY_SIZE)
    addrhi, addrlo, lenhi, lenlo, classname, name_raw, user_type, keydata, ro = fields
    name = _text(name_raw)
    if not name:
        return None  # an unnamed or unprintable entry: not a sunxi_mbr
    sectors = (lenhi << 32) | lenlo
    flags = [_text(classname) or "-", f"user_type 0x{user_type:X}"]
    flags += ["keydata"] * bool(keydata) + ["ro"] * bool(ro)
    return VendorPartition(
        name,
        base + ((addrhi << 32) | addrlo) * SECTOR,
        None if sectors == 0 and last else sectors * SECTOR,
        ", ".join(flags),
    )


def _text(raw: bytes) -> str:
    text = raw.split(b"\x00", 1)[0].decode("ascii", "replace")
    return text if text.isprintable() else ""


def _table(base: int, copies: list[SunxiCopy], missing: list[int]) -> VendorTable:
    good = [copy for copy in copies if copy.crc_ok]
    used = good[0] if good else copies[0]
    notes = [
        copy_note("sunxi-mbr", "sunxi_mbr", copy, used, _cut_short(copy))
        for copy in copies
        if not copy.crc_ok
    ]
    notes += [
        ReadWarning(
            "sunxi-mbr-copies-differ",
            f"sunxi_mbr copy {copy.number} at {copy.at} lists other partitions than copy {used.number} "
            f"(used); both checksums are right",
            0,
        )
        for copy in good
        if copy.partitions != used.partitions
    ]
    if missing:
        places = ", ".join(str(base + n * MBR_SIZE) for n in missing)
        what = f"sunxi_mbr copies {missing} missing or unreadable (at {places})"
        notes.append(ReadWarning("sunxi-mbr-copy-missing", what, 0))
    parts = list(used.partitions)
    area_slot = f"copy {used.number} used, version 0x{used.version:X}"
    area = VendorPartition("sunxi_mbr", base, area_length(base, parts, COPIES * MBR_SIZE), area_slot)
    return VendorTable(SUNXI_TABLE, area, tuple(parts), tuple(notes))


def _cut_short(copy: SunxiCopy) -> str:
    return f"by the end of the image; only the {len(copy.partitions)} partitions it holds in full are read"
