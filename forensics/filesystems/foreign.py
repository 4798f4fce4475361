"""File systems found on TV boxes that TSK does not read: SquashFS, EROFS and F2FS, read here.

`open_other_file_system` is called by forensics.volumes.tsk.open_file_system after TSK declines a volume;
`walker_for` picks the walker for whatever was opened.
"""

import struct
from collections.abc import Callable
from typing import Any

from forensics.base.filetype import TypeSniffer
from forensics.base.records import VolumeRecord
from forensics.filesystems.erofs import ErofsVolume, ErofsWalker
from forensics.filesystems.f2fs import F2fsVolume
from forensics.filesystems.f2fs_walk import F2FS_ERRORS, F2fsWalker
from forensics.filesystems.hashed import ContentReading
from forensics.filesystems.squashfs import MAGIC as SQUASHFS_MAGIC
from forensics.filesystems.squashfs import SQUASHFS_ERRORS, SquashfsVolume, SquashfsWalker
from forensics.filesystems.tsk_walker import FileSystemWalker, WalkOptions
from forensics.volumes.views import safe_reader

# Superblock magics at byte 1024 of the volume (f2fs.h F2FS_SUPER_MAGIC, erofs_fs.h EROFS_SUPER_MAGIC_V1).
_AT_1024 = {
    0xF2F52010: "F2FS (Flash-Friendly File System, superblock magic 0xF2F52010 at byte 1024)",
    0xE0F5E1E2: "EROFS (Enhanced Read-Only File System, superblock magic 0xE0F5E1E2 at byte 1024)",
}
FOREIGN_FILE_SYSTEMS = (SquashfsVolume, ErofsVolume, F2fsVolume)  # opened here, not by TSK
_FOREIGN_WALKERS: dict[type, Any] = {
    SquashfsVolume: SquashfsWalker,
    ErofsVolume: ErofsWalker,
    F2fsVolume: F2fsWalker,
}


def f2fs_or_erofs(read: Callable[[int, int], bytes], offset: int) -> str | None:
    """The name of the F2FS or EROFS at `offset` (by superblock magic), else None."""
    raw = read(offset + 1024, 4)
    return _AT_1024.get(struct.unpack("<I", raw)[0]) if len(raw) == 4 else None


def open_other_file_system(image: Any, offset: int) -> tuple[Any | None, str | None]:
    """(SquashFS, EROFS or F2FS volume, None); (None, reason) naming a damaged one; (None, None)."""
    read = safe_reader(image, int(image.get_size()))
    if read(offset, 4) == SQUASHFS_MAGIC:
        try:
            return SquashfsVolume(read, int(image.get_size()), offset), None
        except SQUASHFS_ERRORS as error:
            return None, f"SquashFS file system that cannot be read ({type(error).__name__}: {error})"
    name = f2fs_or_erofs(read, offset)
    if name is not None and name.startswith("EROFS"):
        try:
            return ErofsVolume(read, int(image.get_size()), offset), None
        except OSError as error:
            return None, f"{name}: not read ({error}); its files are NOT catalogued"
    if name is not None:
        try:
            return F2fsVolume(read, int(image.get_size()), offset), None
        except F2FS_ERRORS as error:
            return None, f"{name}: cannot be read ({error}); its files are NOT catalogued"
    return None, None


def walker_for(
    fs: Any,
    volume: VolumeRecord,
    options: WalkOptions,
    sniffer: TypeSniffer,
    on_bytes: Callable[[int], None],
    cancelled: Callable[[], bool],
    *more: Any,
) -> Any:
    """The walker for an opened file system: TSK's (given `more` of its arguments), or one of ours."""
    walker = _FOREIGN_WALKERS.get(type(fs))
    if walker is not None:
        reading = ContentReading(
            options.read_content, options.content_from_ordinal, sniffer, on_bytes, cancelled
        )
        return walker(fs, volume, reading)
    return FileSystemWalker(fs, volume, options, sniffer, on_bytes, cancelled, *more)
