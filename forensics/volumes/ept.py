"""Amlogic's proprietary eMMC partition table (EPT), as documented by 7Ji/ampart and Amlogic's U-Boot.

The table sits at the start of the `reserved` partition, 36 MiB into the eMMC user area:
"MPT\\0", version "01.00.00" (12 bytes), u32 partition count, u32 checksum, then up to 32 entries
of 40 bytes (name[16], u64 size, u64 absolute offset, u32 mask flags, 4 bytes of padding).
Amlogic's checksum sums the ten u32 words of entry 0 once per partition (the loop never advances
to the next entry); tables written by Amlogic tools and by ampart carry that value.
"""

import struct
from dataclasses import dataclass

from forensics.base.reader import ReadAt
from forensics.base.records import ReadWarning, VolumeRecord
from forensics.volumes.protocol import Found
from forensics.volumes.vendor import partition_volume

EPT_OFFSET = 36 << 20
EPT_TABLE = "amlogic-ept"
MAGIC = b"MPT\x00"
VERSION = b"01.00.00"
MAX_PARTITIONS = 32
_HEADER = struct.Struct("<4s12sII")
_ENTRY = struct.Struct("<16sQQI4x")
_MASKS = {1: "boot", 2: "system", 4: "data"}


@dataclass(frozen=True)
class EptPartition:
    name: str
    offset: int
    size: int
    mask: int


@dataclass(frozen=True)
class EptTable:
    partitions: tuple[EptPartition, ...]
    checksum_stored: int
    checksum_computed: int

    @property
    def checksum_ok(self) -> bool:
        return self.checksum_stored == self.checksum_computed


def amlogic_checksum(first_entry: bytes, count: int) -> int:
    """Amlogic's checksum: entry 0's ten u32 words, added `count` times, modulo 2**32."""
    return (sum(struct.unpack("<10I", first_entry[:40])) * count) & 0xFFFFFFFF


def mask_names(mask: int) -> str:
    return "+".join(name for bit, name in _MASKS.items() if mask & bit) or "none"


def read_ept(read: ReadAt) -> EptTable | None:
    """The EPT at 36 MiB of the image behind `read(offset, length)`, or None when there is none.

    A table with a wrong checksum is still returned (the caller warns); one that does not parse
    (count out of range, unnamed entries) or has no `reserved` partition at 36 MiB is not a table.
    """
    raw = read(EPT_OFFSET, _HEADER.size + MAX_PARTITIONS * _ENTRY.size)
    if len(raw) < _HEADER.size + _ENTRY.size:
        return None
    magic, version, count, checksum = _HEADER.unpack_from(raw)
    if magic != MAGIC or not version.startswith(VERSION) or not 0 < count <= MAX_PARTITIONS:
        return None
    if len(raw) < _HEADER.size + count * _ENTRY.size:
        return None
    partitions: list[EptPartition] = []
    for index in range(count):
        name_raw, size, offset, mask = _ENTRY.unpack_from(raw, _HEADER.size + index * _ENTRY.size)
        name = name_raw.split(b"\x00", 1)[0].decode("ascii", "replace")
        if not name or not name.isprintable():
            return None
        partitions.append(EptPartition(name, offset, size, mask))
    if not any(p.name == "reserved" and p.offset == EPT_OFFSET for p in partitions):
        return None  # the table lives in `reserved`: a copy elsewhere (a file inside an image) is not it
    first = raw[_HEADER.size : _HEADER.size + _ENTRY.size]
    return EptTable(tuple(partitions), checksum, amlogic_checksum(first, count))


class AmlogicEpt:
    """Amlogic's EPT: it wins over what TSK finds (an Amlogic bootloader can look like an MBR)."""

    def find(self, read: ReadAt, size: int, table: list[VolumeRecord] | None) -> Found | None:
        ept = read_ept(read)
        if ept is None:
            return None
        warnings: list[ReadWarning] = []
        return Found(_ept_volumes(ept, size, warnings), warnings)


def _ept_volumes(table: EptTable, size: int, warnings: list[ReadWarning]) -> list[VolumeRecord]:
    if not table.checksum_ok:
        warnings.append(
            ReadWarning(
                "ept-checksum",
                f"Amlogic EPT at {EPT_OFFSET}: checksum 0x{table.checksum_stored:08X} stored, "
                f"0x{table.checksum_computed:08X} computed; the table parses and is used as found",
                next(i for i, p in enumerate(table.partitions) if p.name == "reserved"),  # where it lives
                details={
                    "stored": f"{table.checksum_stored:08X}",
                    "computed": f"{table.checksum_computed:08X}",
                },
            )
        )
    volumes: list[VolumeRecord] = []
    for slot, part in enumerate(table.partitions):
        length = max(0, min(part.size, size - part.offset))
        if length < part.size and part.size < (1 << 62):  # a huge size means "to the end of the eMMC"
            warnings.append(
                ReadWarning(
                    "partition-beyond-image",
                    f"EPT partition {part.name}: {part.size} bytes at {part.offset}, "
                    f"only {length} bytes are in the image",
                    len(volumes),
                )
            )
        where = f"{slot} ({mask_names(part.mask)})"
        volumes.append(partition_volume(len(volumes), part.offset, length, part.name, EPT_TABLE, where))
    return volumes
