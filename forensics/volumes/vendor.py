"""What the vendor partition tables (Allwinner sunxi_mbr, Rockchip parameter) have in common: named
partitions at absolute offsets, the area holding the table itself, and the notes met reading it.

Both tables count in 512-byte sectors from a base (the start of a "logical area"), and both let the
last partition run to the end of the device. Here every offset is already absolute (bytes in the image).
"""

from collections.abc import Callable
from dataclasses import dataclass

from forensics.base.reader import ReadAt
from forensics.base.records import ReadWarning, VolumeRecord
from forensics.volumes.protocol import Found

SECTOR = 512


@dataclass(frozen=True)
class VendorPartition:
    name: str
    offset: int  # absolute byte offset in the image
    length: int | None  # bytes; None: to the end of the device
    slot: str  # what the table says besides name and place, shown in the volume's `slot`


@dataclass(frozen=True)
class VendorTable:
    kind: str  # the volumes' table type (`tbl`)
    area: VendorPartition  # where the table itself lives: catalogued as a `meta` volume
    partitions: tuple[VendorPartition, ...]
    notes: tuple[ReadWarning, ...]  # checksum, copies, truncation, device facts (on the area's volume)


@dataclass(frozen=True)
class TableCopy:
    """One copy of a table, where it is and how its checksum came out."""

    number: int  # by place, from 0
    at: int  # absolute byte offset
    crc_stored: int | None  # None (stored or computed): the copy is cut short, its CRC cannot be checked
    crc_computed: int | None

    @property
    def crc_ok(self) -> bool:
        return self.crc_stored is not None and self.crc_stored == self.crc_computed


def copy_note(code: str, label: str, copy: TableCopy, used: TableCopy, cut_short: str) -> ReadWarning:
    """`{code}-checksum` for a copy whose CRC is wrong, `{code}-truncated` for one cut short."""
    outcome = f"copy {used.number} is used" if used.crc_ok else "it is used as found, no copy checks out"
    where = f"{label} copy {copy.number} at {copy.at}"
    if copy.crc_stored is None or copy.crc_computed is None:
        return ReadWarning(
            f"{code}-truncated",
            f"{where} is cut short ({cut_short}): its CRC cannot be checked; {outcome}",
            0,
        )
    return ReadWarning(
        f"{code}-checksum",
        f"{where}: CRC 0x{copy.crc_stored:08X} stored, 0x{copy.crc_computed:08X} computed; {outcome}",
        0,
        details={"stored": f"{copy.crc_stored:08X}", "computed": f"{copy.crc_computed:08X}"},
    )


def area_length(base: int, partitions: list[VendorPartition], table_bytes: int) -> int:
    """From the table's base to the first partition (or the table's own size when nothing follows)."""
    after = [p.offset - base for p in partitions if p.offset > base]
    return min(after) if after else table_bytes


def vendor_volumes(table: VendorTable, size: int, warnings: list[ReadWarning]) -> list[VolumeRecord]:
    """The table's area (index 0, `meta`) then each partition, cut to what the image holds."""
    warnings.extend(table.notes)
    area = table.area
    volumes = [
        VolumeRecord(
            0,
            area.offset,
            _held(area.offset, area.length, size),
            area.name,
            table.kind,
            area.slot or "-",
            "meta",
        )
    ]
    for slot, part in enumerate(table.partitions):
        wanted = max(0, size - part.offset) if part.length is None else part.length
        length = _held(part.offset, wanted, size)
        if length < wanted or part.offset >= size:
            warnings.append(_beyond(table.kind, part, wanted, length, len(volumes)))
        where = f"{slot} ({part.slot})" if part.slot else str(slot)
        volumes.append(partition_volume(len(volumes), part.offset, length, part.name, table.kind, where))
    return volumes


def partition_volume(index: int, offset: int, length: int, name: str, table: str, slot: str) -> VolumeRecord:
    """A partition of a table The Sleuth Kit does not read, as a volume: allocated when the image holds
    any of it (`length` is what it holds)."""
    allocation = "allocated" if length > 0 else "unallocated"
    return VolumeRecord(index, offset, length, name, table, slot, allocation)


def _held(offset: int, length: int | None, size: int) -> int:
    return max(0, min(length if length is not None else size - offset, size - offset))


def _beyond(kind: str, part: VendorPartition, wanted: int, length: int, index: int) -> ReadWarning:
    return ReadWarning(
        "partition-beyond-image",
        f"{kind} partition {part.name}: {wanted} bytes at {part.offset}, only {length} bytes in the image",
        index,
        details={"offset": str(part.offset), "length": str(wanted), "in_image": str(length)},
    )


@dataclass(frozen=True)
class VendorSystem:
    """A vendor table as a volume system (an entry of forensics/volumes/registry.py)."""

    read_table: Callable[[ReadAt], VendorTable | None]  # read_sunxi_mbr, read_rockchip_parameter

    def find(self, read: ReadAt, size: int, table: list[VolumeRecord] | None) -> Found | None:
        vendor = self.read_table(read)
        if vendor is None:
            return None
        warnings: list[ReadWarning] = []
        return Found(vendor_volumes(vendor, size, warnings), warnings)
