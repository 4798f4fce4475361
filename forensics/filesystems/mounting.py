"""Each volume the volume systems found, paired with the file system opened on it (or why there is none)."""

from forensics.base.reader import ByteSource, safe_reader
from forensics.base.records import ReadWarning, VolumeRecord
from forensics.filesystems import erofs, f2fs
from forensics.filesystems.protocol import FileSystem
from forensics.filesystems.registry import open_file_system, with_file_system
from forensics.volumes.android import AndroidLayout, android_layout, scanned
from forensics.volumes.tsk import partition_table, whole_image

Mounted = list[tuple[VolumeRecord, FileSystem | None]]


def open_file_systems(layout: AndroidLayout, image: ByteSource) -> Mounted:
    """Each volume with its opened file system, or None and the reason recorded."""
    opened: Mounted = []
    for volume in layout.volumes:
        if not scanned(volume):
            opened.append((volume, None))
            continue
        if volume.index in layout.containers:  # read as the volumes inside it
            opened.append((with_file_system(volume, None, layout.containers[volume.index]), None))
            continue
        source = layout.source(image, volume)
        fs, reason = open_file_system(source.image, source.offset)
        opened.append((with_file_system(volume, fs, reason or "no file system found"), fs))
    return opened


def android_volumes(image: ByteSource, size: int) -> tuple[Mounted, list[ReadWarning]] | None:
    """The scan's hook: volumes with file systems and layout warnings, or None when TSK's view stands.

    A partition dump holding an F2FS or EROFS (by its superblock magic) is catalogued as one volume even
    when its file system cannot be read, so the reason is on record.
    """
    table = partition_table(image)
    layout = android_layout(image, size, table)
    if layout is None and table is None:
        read = safe_reader(image, size)
        if f2fs.recognised(read, 0) or erofs.recognised(read, 0):
            layout = AndroidLayout([whole_image(size)])
    if layout is None:
        return None
    return open_file_systems(layout, image), list(layout.warnings)
