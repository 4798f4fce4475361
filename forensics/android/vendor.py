"""What the vendor partition tables (Allwinner sunxi_mbr, Rockchip parameter) have in common: named
partitions at absolute offsets, the area holding the table itself, and the notes met reading it.

Both tables count in 512-byte sectors from a base (the start of a "logical area"), and both let the
last partition run to the end of the device. Here every offset is already absolute (bytes in the image).
"""

from dataclasses import dataclass

from forensics.records import ReadWarning, VolumeRecord

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
        volumes.append(
            VolumeRecord(
                index=len(volumes),
                offset=part.offset,
                length=length,
                description=part.name,
                table=table.kind,
                slot=f"{slot} ({part.slot})" if part.slot else str(slot),
                allocation="allocated" if length > 0 else "unallocated",
            )
        )
    return volumes


def _held(offset: int, length: int | None, size: int) -> int:
    return max(0, min(length if length is not None else size - offset, size - offset))


def _beyond(kind: str, part: VendorPartition, wanted: int, length: int, index: int) -> ReadWarning:
    return ReadWarning(
        "partition-beyond-image",
        f"{kind} partition {part.name}: {wanted} bytes at {part.offset}, only {length} bytes in the image",
        index,
        details={"offset": str(part.offset), "length": str(wanted), "in_image": str(length)},
    )
