"""What an opened file system offers the layers above; what a file-system format offers the opener list."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from forensics.base.content import ContentPool
from forensics.base.filetype import TypeSniffer
from forensics.base.reader import ByteSource, ReadAt, safe_reader
from forensics.base.records import FileRecord, ReadWarning, VolumeRecord
from forensics.filesystems.hashed import ContentReading
from forensics.filesystems.tsk_walker import WalkOptions


class Walker(Protocol):
    def entries(self) -> Iterator[FileRecord | ReadWarning]: ...


@dataclass(frozen=True)
class Walk:
    """How one walk runs: what it reads, how it types content, where it reports bytes, when it stops."""

    options: WalkOptions
    sniffer: TypeSniffer
    on_bytes: Callable[[int], None]
    cancelled: Callable[[], bool]
    pool: ContentPool | None = None  # TSK's content workers; our own readers hash in this process


class FileSystem(Protocol):
    """An opened file system: its kind, its block size, a file by inode, and a walker over every entry."""

    @property
    def fs_type(self) -> str: ...

    @property
    def block_size(self) -> int: ...

    def open_meta(self, inode: int) -> Any:
        """A pytsk3 File, or a file shaped like the part of one that file_access uses (info, read_random)."""
        ...

    def walker(self, volume: VolumeRecord, walk: Walk) -> Walker: ...


@dataclass(frozen=True)
class Attempt:
    """One format tried at one offset: opened, refused with a reason, or not this format."""

    fs: FileSystem | None = None
    reason: str | None = None  # why not; kept as the answer when no later format opens it
    conclusive: bool = False  # the format was recognised (its magic is there) yet unreadable: stop here


class FileSystemFormat(Protocol):
    """One entry of forensics/filesystems/registry.py: tries to open its format at `offset` of `image`."""

    def open(self, image: ByteSource, offset: int) -> Attempt: ...


class OwnReader(Protocol):
    """A file system read by Haechi's own code (SquashFS, EROFS, F2FS volumes)."""

    @property
    def fs_type(self) -> str: ...

    @property
    def block_size(self) -> int: ...

    def open_meta(self, inode: int) -> Any: ...


WalkerType = Callable[[Any, VolumeRecord, ContentReading], Walker]


@dataclass(frozen=True)
class OwnFileSystem:
    """An OwnReader paired with the walker that catalogues it: a FileSystem like TSK's."""

    reader: OwnReader
    walker_type: WalkerType

    @property
    def fs_type(self) -> str:
        return self.reader.fs_type

    @property
    def block_size(self) -> int:
        return self.reader.block_size

    def open_meta(self, inode: int) -> Any:
        return self.reader.open_meta(inode)

    def walker(self, volume: VolumeRecord, walk: Walk) -> Walker:
        wanted = walk.options.read_content, walk.options.content_from_ordinal
        reading = ContentReading(*wanted, walk.sniffer, walk.on_bytes, walk.cancelled)
        return self.walker_type(self.reader, volume, reading)


@dataclass(frozen=True)
class OwnFormat:
    """A format read by Haechi's own code: recognised by its magic, then opened by its reader class."""

    recognised: Callable[[ReadAt, int], bool]
    reader_type: Callable[[ReadAt, int, int], OwnReader]  # (read, image size, offset)
    walker_type: WalkerType
    errors: tuple[type[BaseException], ...]  # what the reader raises on a damaged file system
    refusal: Callable[[BaseException], str]  # the reason recorded for the volume when it does

    def open(self, image: ByteSource, offset: int) -> Attempt:
        size = int(image.get_size())
        read = safe_reader(image, size)
        if not self.recognised(read, offset):
            return Attempt()
        try:
            return Attempt(OwnFileSystem(self.reader_type(read, size, offset), self.walker_type))
        except self.errors as error:
            return Attempt(reason=self.refusal(error), conclusive=True)
