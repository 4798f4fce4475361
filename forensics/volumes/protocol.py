"""What a volume system offers the lists in forensics/volumes/registry.py: the volumes it finds, or None."""

from dataclasses import dataclass, field
from typing import Protocol

from forensics.base.reader import ByteSource, ReadAt
from forensics.base.records import ReadWarning, VolumeRecord


@dataclass
class Found:
    """The volumes one volume system finds in an image, and what it noticed reading its table."""

    volumes: list[VolumeRecord]
    warnings: list[ReadWarning] = field(default_factory=list)
    tsk_view: bool = False  # TSK's own table: it stands as TSK sees it unless a partition holds LP metadata


class VolumeSystem(Protocol):
    def find(self, read: ReadAt, size: int, table: list[VolumeRecord] | None) -> Found | None:
        """This system's volumes in the image behind `read` (`size` bytes), given TSK's partition table
        (None when TSK finds none); None when the image does not hold this system."""
        ...


@dataclass
class Inside:
    """The volumes a volume system finds inside one volume, each read through its own view of the image."""

    volumes: list[VolumeRecord]
    views: dict[int, ByteSource] = field(default_factory=dict)  # volume index -> its bytes
    warnings: list[ReadWarning] = field(default_factory=list)


class InnerVolumeSystem(Protocol):
    """A volume system found inside a volume of another (LP metadata in a `super` partition)."""

    @property
    def held_as(self) -> str:
        """Recorded for the holding volume instead of a file system: it is read as its inner volumes."""
        ...

    def holds(self, read: ReadAt, volume: VolumeRecord) -> bool: ...

    def inside(self, image: ByteSource, read: ReadAt, container: VolumeRecord, first_index: int) -> Inside:
        """The inner volumes, numbered from `first_index`, and what reading their table noticed."""
        ...
