"""Android layouts TSK does not see, as ordinary volumes: Amlogic EPT, Allwinner sunxi_mbr and Rockchip
parameter partitions, and the logical partitions of a `super` (whole image, or a GPT/EPT partition
named anything that holds LP metadata).

Logical partitions are not contiguous byte ranges of the image: each is a view (RunsImage) over its
extents. `volume_source` gives the scan and file_access the same answer for any volume offset.
"""

from dataclasses import dataclass, field
from typing import Any

from forensics.base.records import ReadWarning, VolumeRecord
from forensics.filesystems.foreign import f2fs_or_erofs
from forensics.volumes.ept import EPT_OFFSET, EptTable, mask_names, read_ept
from forensics.volumes.lp import LpError, has_geometry, read_lp_metadata
from forensics.volumes.rockchip import read_rockchip_parameter
from forensics.volumes.sunxi import read_sunxi_mbr
from forensics.volumes.vendor import partition_volume, vendor_volumes
from forensics.volumes.views import Reader, Run, RunsImage, safe_reader

EPT_TABLE = "amlogic-ept"
LP_TABLE = "android-lp"
_SCANNED = ("allocated", "whole")


@dataclass(frozen=True)
class VolumeSource:
    """Where a volume's file system is opened: an image (the evidence, or a view) and a byte offset in it."""

    image: Any
    offset: int


@dataclass
class AndroidLayout:
    volumes: list[VolumeRecord]
    views: dict[int, RunsImage] = field(default_factory=dict)  # volume index -> view over its extents
    containers: set[int] = field(default_factory=set)  # indexes of volumes holding LP metadata (super)
    warnings: list[ReadWarning] = field(default_factory=list)

    def source(self, image: Any, volume: VolumeRecord) -> VolumeSource:
        view = self.views.get(volume.index)
        return VolumeSource(view, 0) if view is not None else VolumeSource(image, volume.offset)


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


def _logical_volumes(
    image: Any, read: Reader, container: VolumeRecord, first_index: int, layout: AndroidLayout
) -> None:
    try:
        metadata = read_lp_metadata(read, container.offset, container.length)
    except LpError as error:
        layout.warnings.append(
            ReadWarning(
                "lp-metadata-unreadable",
                f"'{container.description}' holds Android dynamic-partition metadata that cannot be used "
                f"({error}); its logical partitions are not read",
                container.index,
            )
        )
        return
    for problem in metadata.problems:
        layout.warnings.append(ReadWarning("lp-metadata-damaged", problem, container.index))
    for slot, part in enumerate(metadata.partitions):
        runs = tuple(
            Run(e.length, None if e.offset is None else container.offset + e.offset) for e in part.extents
        )
        placed = [run.offset for run in runs if run.offset is not None]
        index = first_index + slot
        layout.volumes.append(
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
            layout.views[index] = RunsImage(image, runs)


def android_layout(image: Any, size: int, table: list[VolumeRecord] | None) -> AndroidLayout | None:
    """The Android view of the image, given TSK's partition table (or None); None when nothing Android.

    An EPT wins over what TSK finds (an Amlogic bootloader can look like an MBR); so does an Allwinner
    sunxi_mbr or a Rockchip parameter, except over a GPT.
    """
    read = safe_reader(image, size)
    layout = AndroidLayout([])
    ept = read_ept(read)
    vendor = None if ept is not None else read_sunxi_mbr(read) or read_rockchip_parameter(read)
    if table is not None and any(v.table == "gpt" for v in table):
        vendor = None  # newer Allwinner / Rockchip builds write a GPT: it stands
    if ept is not None:
        layout.volumes = _ept_volumes(ept, size, layout.warnings)
    elif vendor is not None:
        layout.volumes = vendor_volumes(vendor, size, layout.warnings)
    elif table is not None:
        layout.volumes = list(table)
    elif has_geometry(read, 0):
        whole = VolumeRecord(0, 0, size, "super (Android dynamic partitions)", LP_TABLE, "-", "meta")
        layout.volumes = [whole]
    elif f2fs_or_erofs(read, 0) is not None:
        return AndroidLayout(
            [VolumeRecord(0, 0, size, "whole image (no partition table)", "none", "-", "whole")]
        )
    else:
        return None
    containers = [
        v for v in layout.volumes if v.allocation in (*_SCANNED, "meta") and has_geometry(read, v.offset)
    ]
    for container in containers:
        layout.containers.add(container.index)
        _logical_volumes(image, read, container, len(layout.volumes), layout)
    if ept is None and vendor is None and table is not None and not containers:
        return None  # an ordinary MBR/GPT disk: TSK's view stands
    return layout


def volume_source(
    image: Any, size: int, table: list[VolumeRecord] | None, volume_offset: int
) -> VolumeSource:
    """Where to open the file system of the catalogued volume starting at `volume_offset`."""
    layout = android_layout(image, size, table)
    if layout is not None:
        for volume in layout.volumes:
            if volume.offset == volume_offset and volume.index in layout.views:
                return layout.source(image, volume)
    return VolumeSource(image, volume_offset)


def scanned(volume: VolumeRecord) -> bool:
    return volume.allocation in _SCANNED


def open_file_systems(layout: AndroidLayout, image: Any) -> list[tuple[VolumeRecord, Any | None]]:
    """Each volume with its opened file system (TSK's, or SquashFS), or None and the reason recorded."""
    from forensics.volumes.tsk import open_file_system, with_file_system  # local: volumes calls into android

    opened: list[tuple[VolumeRecord, Any | None]] = []
    for volume in layout.volumes:
        if not scanned(volume):
            opened.append((volume, None))
            continue
        if volume.index in layout.containers:
            why = "Android dynamic partitions (LP metadata): read as its logical partitions"
            opened.append((with_file_system(volume, None, why), None))
            continue
        source = layout.source(image, volume)
        fs, reason = open_file_system(source.image, source.offset)
        opened.append((with_file_system(volume, fs, reason or "no file system found"), fs))
    return opened


def android_volumes(
    image: Any, size: int
) -> tuple[list[tuple[VolumeRecord, Any | None]], list[ReadWarning]] | None:
    """The scan's hook: volumes with file systems and layout warnings, or None when TSK's view stands."""
    from forensics.volumes.tsk import partition_table  # local: volumes calls into android

    layout = android_layout(image, size, partition_table(image))
    if layout is None:
        return None
    return open_file_systems(layout, image), list(layout.warnings)
