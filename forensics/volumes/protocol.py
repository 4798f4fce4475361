"""What a volume system offers the list in forensics/volumes/registry.py: the volumes it finds, or None."""

from dataclasses import dataclass, field
from typing import Protocol

from forensics.base.reader import ReadAt
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
