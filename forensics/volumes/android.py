"""The volumes of an image where TSK's view is not enough: the first of VOLUME_SYSTEMS
(forensics/volumes/registry.py) that finds its table (Amlogic EPT, Allwinner sunxi_mbr, Rockchip
parameter, a whole `super`), then the volumes inside any of them held by one of INNER_VOLUME_SYSTEMS (the
logical partitions of LP metadata, in a `super` partition named anything, in a GPT or an EPT).

Inner volumes are not contiguous byte ranges of the image: each is a view (RunsImage) over its extents.
`volume_source` gives the scan and file_access the same answer for any volume offset.
"""

from dataclasses import dataclass, field

from forensics.base.reader import ByteSource, ReadAt, safe_reader
from forensics.base.records import ReadWarning, VolumeRecord
from forensics.volumes.protocol import InnerVolumeSystem
from forensics.volumes.registry import INNER_VOLUME_SYSTEMS, VOLUME_SYSTEMS

_SCANNED = ("allocated", "whole")


@dataclass(frozen=True)
class VolumeSource:
    """Where a volume's file system is opened: an image (the evidence, or a view) and a byte offset in it."""

    image: ByteSource
    offset: int


@dataclass
class AndroidLayout:
    volumes: list[VolumeRecord]
    views: dict[int, ByteSource] = field(default_factory=dict)  # volume index -> view over its extents
    containers: dict[int, str] = field(default_factory=dict)  # volume index -> what it holds (held_as)
    warnings: list[ReadWarning] = field(default_factory=list)

    def source(self, image: ByteSource, volume: VolumeRecord) -> VolumeSource:
        view = self.views.get(volume.index)
        return VolumeSource(view, 0) if view is not None else VolumeSource(image, volume.offset)


def _holding(read: ReadAt, volume: VolumeRecord) -> InnerVolumeSystem | None:
    if volume.allocation not in (*_SCANNED, "meta"):
        return None
    return next((system for system in INNER_VOLUME_SYSTEMS if system.holds(read, volume)), None)


def android_layout(image: ByteSource, size: int, table: list[VolumeRecord] | None) -> AndroidLayout | None:
    """The volumes of the image, given TSK's partition table (or None); None when TSK's view stands
    (no volume system found, or TSK's own table with no LP metadata in it)."""
    read = safe_reader(image, size)
    found = next((f for system in VOLUME_SYSTEMS if (f := system.find(read, size, table)) is not None), None)
    if found is None:
        return None
    layout = AndroidLayout(found.volumes, warnings=found.warnings)
    held = [(v, system) for v in layout.volumes if (system := _holding(read, v)) is not None]
    for container, system in held:
        inside = system.inside(image, read, container, len(layout.volumes))
        layout.containers[container.index] = system.held_as
        layout.volumes += inside.volumes
        layout.views.update(inside.views)
        layout.warnings += inside.warnings
    if found.tsk_view and not held:
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
