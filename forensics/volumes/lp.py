"""Android dynamic partitions: the LP metadata of a `super` partition (AOSP liblp, metadata_format.h).

`super` starts with 4096 reserved bytes, then the geometry (magic 0x616C4467) and its backup, 4096
bytes each, then `slot count` primary metadata copies of `metadata_max_size` bytes and as many
backups. A metadata copy is a header (magic 0x414C5030, SHA-256 of the header and of the tables)
followed by four tables: partitions, extents, groups, block devices. A logical partition is a list
of extents, each a run of 512-byte sectors of a block device (index 0: `super` itself).
"""

import hashlib
import struct
from dataclasses import dataclass, field
from typing import Any

from forensics.base.reader import ByteSource, ReadAt
from forensics.base.records import ReadWarning, VolumeRecord
from forensics.volumes.protocol import Found, Inside
from forensics.volumes.views import Run, RunsImage

GEOMETRY_MAGIC = 0x616C4467
HEADER_MAGIC = 0x414C5030
GEOMETRY_OFFSET = 4096
GEOMETRY_SIZE = 4096
METADATA_OFFSET = GEOMETRY_OFFSET + 2 * GEOMETRY_SIZE
SECTOR = 512
_GEOMETRY = struct.Struct("<II32sIII")
_HEADER = struct.Struct("<IHHI32sI32s12s12s12s12s")
_PARTITION = struct.Struct("<36sIIII")
_EXTENT = struct.Struct("<QIQI")
_EXTENT_LINEAR, _EXTENT_ZERO = 0, 1
_ATTRIBUTE_READONLY = 1
LP_TABLE = "android-lp"  # volumes.tbl of logical partitions


class LpError(ValueError):
    """The LP metadata cannot be used."""


@dataclass(frozen=True)
class LpExtent:
    """`length` bytes of the partition: from byte `offset` of `super`, or zeros when offset is None."""

    length: int
    offset: int | None


@dataclass(frozen=True)
class LogicalPartition:
    name: str
    readonly: bool
    extents: tuple[LpExtent, ...]

    @property
    def size(self) -> int:
        return sum(extent.length for extent in self.extents)


@dataclass(frozen=True)
class LpMetadata:
    version: str
    slot_count: int
    partitions: tuple[LogicalPartition, ...]
    problems: tuple[str, ...] = field(default=())  # damage worked around (a backup used, a bad checksum)


def has_geometry(read: ReadAt, base: int) -> bool:
    """True when `read(offset, length)` shows the LP geometry magic at `base` + 4096."""
    head = read(base + GEOMETRY_OFFSET, 4)
    return len(head) == 4 and struct.unpack("<I", head)[0] == GEOMETRY_MAGIC


def _geometry(read: ReadAt, base: int, problems: list[str]) -> tuple[int, int]:
    """(metadata_max_size, slot_count) from the primary geometry, or from its backup."""
    for copy, where in ((0, "primary"), (1, "backup")):
        raw = read(base + GEOMETRY_OFFSET + copy * GEOMETRY_SIZE, _GEOMETRY.size)
        if len(raw) < _GEOMETRY.size:
            continue
        magic, struct_size, checksum, max_size, slots, _block = _GEOMETRY.unpack(raw)
        if magic != GEOMETRY_MAGIC or struct_size != _GEOMETRY.size:
            problems.append(f"{where} LP geometry: bad magic or size")
            continue
        blank = raw[:8] + b"\x00" * 32 + raw[40:]
        if hashlib.sha256(blank).digest() != checksum:
            problems.append(f"{where} LP geometry: checksum mismatch")
            continue
        if max_size == 0 or max_size % SECTOR or not 0 < slots <= 8:
            problems.append(f"{where} LP geometry: impossible sizes ({max_size} bytes x {slots} slots)")
            continue
        return max_size, slots
    raise LpError("; ".join(problems) or "LP geometry unreadable")


def _table(tables: bytes, descriptor: bytes, entry: struct.Struct) -> list[tuple[Any, ...]]:
    offset, count, size = struct.unpack("<III", descriptor)
    if size < entry.size or offset + count * size > len(tables):
        raise LpError(f"table of {count} entries x {size} bytes does not fit")
    return [entry.unpack_from(tables, offset + i * size) for i in range(count)]


def _parse_copy(raw: bytes, where: str, problems: list[str]) -> LpMetadata:
    if len(raw) < _HEADER.size:
        raise LpError(f"{where} LP metadata: truncated")
    magic, major, minor, header_size, header_sum, tables_size, tables_sum, *descriptors = _HEADER.unpack_from(
        raw
    )
    if magic != HEADER_MAGIC or major != 10 or not _HEADER.size <= header_size <= len(raw):
        raise LpError(f"{where} LP metadata: bad header (magic 0x{magic:08X}, version {major}.{minor})")
    header = raw[:header_size]
    if hashlib.sha256(header[:12] + b"\x00" * 32 + header[44:]).digest() != header_sum:
        raise LpError(f"{where} LP metadata: header checksum mismatch")
    tables = raw[header_size : header_size + tables_size]
    if len(tables) < tables_size or hashlib.sha256(tables).digest() != tables_sum:
        raise LpError(f"{where} LP metadata: tables checksum mismatch")
    partitions = _table(tables, descriptors[0], _PARTITION)
    extents = _table(tables, descriptors[1], _EXTENT)
    found = _partitions(partitions, extents, where, problems)
    return LpMetadata(f"{major}.{minor}", 0, found, tuple(problems))


def _partitions(
    partitions: list[tuple[Any, ...]], extents: list[tuple[Any, ...]], where: str, problems: list[str]
) -> tuple[LogicalPartition, ...]:
    found: list[LogicalPartition] = []
    for raw_name, attributes, first, count, _group in partitions:
        name = raw_name.split(b"\x00", 1)[0].decode("ascii", "replace")
        if first + count > len(extents):
            raise LpError(f"{where} LP metadata: partition {name} points past the extent table")
        runs: list[LpExtent] = []
        for sectors, target, data, device in extents[first : first + count]:
            if target == _EXTENT_LINEAR and device != 0:
                problems.append(f"{name}: an extent lies on block device {device} (another disk); zeros")
                target = _EXTENT_ZERO
            offset = data * SECTOR if target == _EXTENT_LINEAR else None
            runs.append(LpExtent(sectors * SECTOR, offset))
        found.append(LogicalPartition(name, bool(attributes & _ATTRIBUTE_READONLY), tuple(runs)))
    return tuple(found)


def read_lp_metadata(read: ReadAt, base: int, size: int) -> LpMetadata:
    """The slot-0 metadata of the `super` at byte `base` (of `size` bytes), read through `read`.

    Falls back to the backup geometry and the backup metadata copy; raises LpError when none is usable.
    """
    problems: list[str] = []
    max_size, slots = _geometry(read, base, problems)
    copies = ((METADATA_OFFSET, "primary"), (METADATA_OFFSET + max_size * slots, "backup"))
    for offset, where in copies:
        try:
            metadata = _parse_copy(read(base + offset, max_size), where, problems)
        except (LpError, struct.error) as error:
            problems.append(str(error))
            continue
        beyond = [p.name for p in metadata.partitions for e in p.extents if (e.offset or 0) + e.length > size]
        if beyond:
            raise LpError(f"partitions {', '.join(sorted(set(beyond)))} extend beyond the super partition")
        return LpMetadata(metadata.version, slots, metadata.partitions, tuple(problems))
    raise LpError("; ".join(problems))


class LpSuper:
    """A whole image that is an Android `super` (LP metadata at its start): read as its logical partitions.

    LP metadata inside a partition of another system is found by forensics/volumes/android.py.
    """

    def find(self, read: ReadAt, size: int, table: list[VolumeRecord] | None) -> Found | None:
        if not has_geometry(read, 0):
            return None
        return Found([VolumeRecord(0, 0, size, "super (Android dynamic partitions)", LP_TABLE, "-", "meta")])


class LpContainer:
    """LP metadata inside a volume (a `super` partition named anything, or a whole `super`): each logical
    partition is a view (RunsImage) over its extents."""

    held_as = "Android dynamic partitions (LP metadata): read as its logical partitions"

    def holds(self, read: ReadAt, volume: VolumeRecord) -> bool:
        return has_geometry(read, volume.offset)

    def inside(self, image: ByteSource, read: ReadAt, container: VolumeRecord, first_index: int) -> Inside:
        found = Inside([])
        try:
            metadata = read_lp_metadata(read, container.offset, container.length)
        except LpError as error:
            found.warnings.append(
                ReadWarning(
                    "lp-metadata-unreadable",
                    f"'{container.description}' holds Android dynamic-partition metadata that cannot be used "
                    f"({error}); its logical partitions are not read",
                    container.index,
                )
            )
            return found
        for problem in metadata.problems:
            found.warnings.append(ReadWarning("lp-metadata-damaged", problem, container.index))
        for slot, part in enumerate(metadata.partitions):
            runs = tuple(
                Run(e.length, None if e.offset is None else container.offset + e.offset) for e in part.extents
            )
            placed = [run.offset for run in runs if run.offset is not None]
            index = first_index + slot
            found.volumes.append(
                VolumeRecord(
                    index=index,
                    offset=placed[0] if placed else container.offset,
                    length=part.size,
                    description=part.name if placed else f"{part.name} (empty logical partition)",
                    table=LP_TABLE,
                    slot=f"lp:{slot}" + (" ro" if part.readonly else ""),
                    allocation="allocated" if placed else "unallocated",
                )
            )
            if placed:
                found.views[index] = RunsImage(image, runs)
        return found
