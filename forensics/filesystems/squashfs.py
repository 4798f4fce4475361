"""SquashFS (which TSK does not read) through PySquashfsImage: walked into FileRecords, read back by inode.

SquashFS is read-only and has no deleted files: every entry is allocated. It keeps one time (mtime).
"""

import io
import lzma
import struct
import zlib
from collections.abc import Iterator
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from PySquashfsImage import SquashFsImage  # type: ignore[import-untyped]

from forensics.base.reader import ReadAt
from forensics.base.records import FileRecord, ReadWarning, VolumeRecord, name_text
from forensics.base.timefmt import tsk_time_to_iso
from forensics.filesystems.hashed import ContentReading
from forensics.filesystems.protocol import OwnFormat

MAGIC = b"hsqs"
# What a damaged or unsupported SquashFS makes PySquashfsImage raise.
SQUASHFS_ERRORS = (
    OSError,
    ValueError,
    RuntimeError,
    KeyError,
    IndexError,
    ImportError,
    struct.error,
    zlib.error,
    lzma.LZMAError,
)


class _ImageFile(io.RawIOBase):
    """A read-only file object over `read(offset, length)` (PySquashfsImage seeks and reads)."""

    def __init__(self, read: ReadAt, size: int) -> None:
        super().__init__()
        self._read, self._size, self._position = read, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = base + offset
        return self._position

    def tell(self) -> int:
        return self._position

    def read(self, size: int = -1) -> bytes:
        want = self._size - self._position if size is None or size < 0 else size
        data = self._read(self._position, want)
        self._position += len(data)
        return data


class SquashfsVolume:
    """An opened SquashFS at `offset` of `image`. Raises one of SQUASHFS_ERRORS when it cannot be read."""

    fs_type = "squashfs"

    def __init__(self, read: ReadAt, size: int, offset: int) -> None:
        self.fs = SquashFsImage(_ImageFile(read, size), offset=offset, closefd=False)
        self.block_size = int(self.fs.sblk.block_size)
        self._by_inode: dict[int, Any] | None = None

    def open_meta(self, inode: int) -> "SquashfsFile":
        """The file with inode number `inode`, shaped like the part of a pytsk3 File that file_access uses."""
        if self._by_inode is None:
            self._by_inode = {int(f.inode.inode_number): f for f in self.fs.root.riter()}
        found = self._by_inode.get(inode)
        if found is None:
            raise OSError(f"no SquashFS inode {inode}")
        return SquashfsFile(found)


class SquashfsFile:
    def __init__(self, entry: Any) -> None:
        self._entry = entry
        size = int(entry.size) if entry.is_file else 0
        self.info = SimpleNamespace(meta=SimpleNamespace(size=size))

    def read_random(self, offset: int, length: int) -> bytes:
        """Bytes [offset, offset+length); the blocks before `offset` are decompressed too (no seek)."""
        if not self._entry.is_file:
            return b""
        parts: list[bytes] = []
        position = 0
        try:
            for block in self._entry.iter_bytes():
                end = position + len(block)
                if end > offset:
                    parts.append(block[max(0, offset - position) :])
                    if sum(map(len, parts)) >= length:
                        break
                position = end
        except SQUASHFS_ERRORS as error:
            raise OSError(f"SquashFS read failed: {error}") from error
        return b"".join(parts)[:length]


_TYPE_LETTERS = (
    ("is_dir", "d"),
    ("is_file", "r"),
    ("is_symlink", "l"),
    ("is_block_device", "b"),
    ("is_char_device", "c"),
    ("is_fifo", "p"),
    ("is_socket", "s"),
)


def _type_letter(entry: Any) -> str:
    return next((letter for attribute, letter in _TYPE_LETTERS if getattr(entry, attribute)), "-")


class SquashfsWalker:
    """Yields a FileRecord per entry, in on-disk order (sorted by name), depth first."""

    def __init__(
        self,
        volume_fs: SquashfsVolume,
        volume: VolumeRecord,
        reading: ContentReading,
    ) -> None:
        self._fs, self._volume, self._reading = volume_fs, volume, reading

    def entries(self) -> Iterator[FileRecord | ReadWarning]:
        ordinal = 0
        stack: list[tuple[Any, str]] = [(self._fs.fs.root, "")]
        while stack and not self._reading.cancelled():
            directory, path = stack.pop()
            children = list(directory.children.items())
            subdirectories: list[tuple[Any, str]] = []
            for _name, entry in children:
                record = self._record(entry, path, ordinal)
                ordinal += 1
                if entry.is_file:
                    record = self._with_content(entry, record)
                yield record
                if entry.is_dir:
                    subdirectories.append((entry, record.path))
            stack.extend(reversed(subdirectories))

    def _record(self, entry: Any, parent: str, ordinal: int) -> FileRecord:
        raw = bytes(entry._name)  # PySquashfsImage keeps the on-disk name bytes here
        name = name_text(raw)
        letter = _type_letter(entry)
        size = int(entry.size) if letter in ("r", "l") else 0
        return FileRecord(
            volume_index=self._volume.index,
            ordinal=ordinal,
            path=f"{parent}/{name}",
            parent_path=parent or "/",
            name=name,
            name_raw=raw,
            inode=int(entry.inode.inode_number),
            meta_type=letter,
            name_type=letter,
            size=size,
            name_allocated=True,
            meta_allocated=True,
            orphan=False,
            mtime=tsk_time_to_iso(int(entry.time)),
        )

    def _with_content(self, entry: Any, record: FileRecord) -> FileRecord:
        if not self._reading.wanted(record.ordinal):
            return replace(record, content="skipped")
        record = self._reading.hashed(record, entry.iter_bytes(), SQUASHFS_ERRORS)
        if record.read_error:
            record = replace(record, read_error=f"SquashFS {record.read_error}")
        return record


def recognised(read: ReadAt, offset: int) -> bool:
    return read(offset, 4) == MAGIC


SQUASHFS = OwnFormat(
    recognised,
    SquashfsVolume,
    SquashfsWalker,
    SQUASHFS_ERRORS,
    lambda error: f"SquashFS file system that cannot be read ({type(error).__name__}: {error})",
)
