"""File systems The Sleuth Kit reads (NTFS, FAT, exFAT, ext2/3/4, HFS+, ISO 9660, UFS, YAFFS2...)."""

import pytsk3

from forensics.base.reader import ByteSource
from forensics.base.records import VolumeRecord
from forensics.base.tsk_names import fs_type_name
from forensics.filesystems.protocol import Attempt, Walk
from forensics.filesystems.tsk_walker import FileSystemWalker


class TskFileSystem(pytsk3.FS_Info):
    """pytsk3's FS_Info, with what every opened file system offers (forensics/filesystems/protocol.py)."""

    @property
    def fs_type(self) -> str:
        return fs_type_name(self.info.ftype)

    @property
    def block_size(self) -> int:
        return int(self.info.block_size)

    def walker(self, volume: VolumeRecord, walk: Walk) -> FileSystemWalker:
        return FileSystemWalker(
            self, volume, walk.options, walk.sniffer, walk.on_bytes, walk.cancelled, walk.pool
        )


class TskAutodetected:
    """Whatever TSK's autodetection recognises. Its refusal is the reason kept when nothing else opens."""

    def open(self, image: ByteSource, offset: int) -> Attempt:
        try:
            return Attempt(TskFileSystem(image, offset=offset))
        except OSError as error:
            return Attempt(reason=str(error))


class TskYaffs2:
    """YAFFS2, which TSK's autodetection never tries: asked for by name, last."""

    def open(self, image: ByteSource, offset: int) -> Attempt:
        try:
            return Attempt(TskFileSystem(image, offset=offset, type=pytsk3.TSK_FS_TYPE_YAFFS2))
        except OSError:
            return Attempt()
