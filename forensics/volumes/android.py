"""The volumes of an image where TSK's view is not enough: the first volume system of
forensics/volumes/registry.py that finds its table (Amlogic EPT, Allwinner sunxi_mbr, Rockchip parameter,
a whole `super`), and the logical partitions of every volume holding LP metadata (a `super` partition
named anything, in a GPT or an EPT).

Logical partitions are not contiguous byte ranges of the image: each is a view (RunsImage) over its
extents. `volume_source` gives the scan and file_access the same answer for any volume offset.
"""

from dataclasses import dataclass, field

from forensics.base.reader import ByteSource, ReadAt, safe_reader
from forensics.base.records import ReadWarning, VolumeRecord
from forensics.volumes.lp import LP_TABLE, LpError, has_geometry, read_lp_metadata
from forensics.volumes.registry import VOLUME_SYSTEMS
from forensics.volumes.views import Run, RunsImage

_SCANNED = ("allocated", "whole")


@dataclass(frozen=True)
class VolumeSource:
    """Where a volume's file system is opened: an image (the evidence, or a view) and a byte offset in it."""

    image: ByteSource
    offset: int


@dataclass
class AndroidLayout:
    volumes: list[VolumeRecord]
    views: dict[int, RunsImage] = field(default_factory=dict)  # volume index -> view over its extents
    containers: set[int] = field(default_factory=set)  # indexes of volumes holding LP metadata (super)
    warnings: list[ReadWarning] = field(default_factory=list)

    def source(self, image: ByteSource, volume: VolumeRecord) -> VolumeSource:
        view = self.views.get(volume.index)
        return VolumeSource(view, 0) if view is not None else VolumeSource(image, volume.offset)


def _logical_volumes(
    image: ByteSource, read: ReadAt, container: VolumeRecord, first_index: int, layout: AndroidLayout
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


def android_layout(image: ByteSource, size: int, table: list[VolumeRecord] | None) -> AndroidLayout | None:
    """The volumes of the image, given TSK's partition table (or None); None when TSK's view stands
    (no volume system found, or TSK's own table with no LP metadata in it)."""
    read = safe_reader(image, size)
    found = next((f for system in VOLUME_SYSTEMS if (f := system.find(read, size, table)) is not None), None)
    if found is None:
        return None
    layout = AndroidLayout(found.volumes, warnings=found.warnings)
    containers = [
        v for v in layout.volumes if v.allocation in (*_SCANNED, "meta") and has_geometry(read, v.offset)
    ]
    for container in containers:
        layout.containers.add(container.index)
        _logical_volumes(image, read, container, len(layout.volumes), layout)
    if found.tsk_view and not containers:
        return None  # an ordinary MBR/GPT disk: TSK's view stands
    return layout


def volume_source(
    image: ByteSource, size: int, table: list[VolumeRecord] | None, volume_offset: int
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
