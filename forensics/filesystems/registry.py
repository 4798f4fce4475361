"""Every file-system format Haechi opens, listed once in the order they are tried."""

from collections.abc import Callable
from dataclasses import replace

from forensics.base.content import ContentPool
from forensics.base.filetype import TypeSniffer
from forensics.base.reader import ByteSource
from forensics.base.records import VolumeRecord
from forensics.filesystems.erofs import EROFS
from forensics.filesystems.f2fs_walk import F2FS
from forensics.filesystems.protocol import FileSystem, FileSystemFormat, Walk, Walker
from forensics.filesystems.squashfs import SQUASHFS
from forensics.filesystems.tsk import TskAutodetected, TskYaffs2
from forensics.filesystems.tsk_walker import WalkOptions

FILE_SYSTEMS: tuple[FileSystemFormat, ...] = (
    TskAutodetected(),  # first: TSK reads what examiners meet most (NTFS, FAT, ext, HFS+...)
    SQUASHFS,  # then the TV-box file systems TSK does not know, each by its magic
    EROFS,
    F2FS,
    TskYaffs2(),  # last: TSK's autodetection never tries YAFFS2, which has no magic
)


def open_file_system(image: ByteSource, offset: int) -> tuple[FileSystem | None, str | None]:
    """(file system, None) for the first format that opens at `offset`, else (None, reason)."""
    reason: str | None = None
    for file_system in FILE_SYSTEMS:
        attempt = file_system.open(image, offset)
        if attempt.fs is not None:
            return attempt.fs, None
        if attempt.conclusive:
            return None, attempt.reason
        reason = reason if reason is not None else attempt.reason
    return None, reason


def with_file_system(volume: VolumeRecord, fs: FileSystem | None, reason: str | None) -> VolumeRecord:
    """`volume` with the kind and block size of its file system, or why it has none."""
    if fs is None:
        return replace(volume, fs_error=reason)
    return replace(volume, fs_type=fs.fs_type, fs_block_size=fs.block_size)


def walker_for(
    fs: FileSystem,
    volume: VolumeRecord,
    options: WalkOptions,
    sniffer: TypeSniffer,
    on_bytes: Callable[[int], None],
    cancelled: Callable[[], bool],
    pool: ContentPool | None = None,
) -> Walker:
    """The walker that catalogues `volume` through its opened file system."""
    return fs.walker(volume, Walk(options, sniffer, on_bytes, cancelled, pool))
