"""Reading a catalogued file's bytes back from the evidence: by volume offset, inode and attribute,
or (a carved file) by byte runs of the image.

Runs in a child process (see app/evidence/reader.py): TSK is native code.
"""

from dataclasses import dataclass
from typing import Any

from forensics.base.errors import ImageReadError
from forensics.base.reader import safe_reader
from forensics.containers.image import ImageSpec
from forensics.containers.opening import open_image
from forensics.filesystems.protocol import FileSystem
from forensics.filesystems.registry import open_file_system
from forensics.volumes.android import volume_source
from forensics.volumes.tsk import partition_table

MAX_READ = 64 << 20  # one request returns at most this much; callers page through larger files


@dataclass(frozen=True)
class FileAddress:
    """Where a catalogued file's content lives: volume byte offset, inode, NTFS attribute (type, id);
    or, when `runs` is given, the (image offset, length) runs that hold it in order (a carved file)."""

    volume_offset: int
    inode: int
    attr_type: int | None = None
    attr_id: int | None = None
    runs: tuple[tuple[int, int], ...] | None = None


def runs_address(runs: tuple[tuple[int, int], ...]) -> FileAddress:
    """The address of content that is the concatenation of these image byte runs."""
    return FileAddress(0, 0, runs=tuple((int(offset), int(length)) for offset, length in runs))


class EvidenceFiles:
    """An opened image whose files can be read by address; file systems are opened once each."""

    def __init__(self, spec: ImageSpec) -> None:
        self._image, self.facts = open_image(spec)
        self._file_systems: dict[int, FileSystem] = {}
        self._read_image = safe_reader(self._image, self.facts.size)

    def _fs(self, offset: int) -> FileSystem:
        if offset not in self._file_systems:
            table = partition_table(self._image)
            source = volume_source(self._image, self.facts.size, table, offset)
            fs, reason = open_file_system(source.image, source.offset)
            if fs is None:
                raise ImageReadError(f"no file system readable at offset {offset} ({reason})")
            self._file_systems[offset] = fs
        return self._file_systems[offset]

    def read(self, address: FileAddress, offset: int = 0, length: int = MAX_READ) -> bytes:
        """Up to `length` bytes from `offset`; fewer at the end of the file or where TSK stops reading."""
        if address.runs is not None:
            return self._read_runs(address.runs, offset, min(length, MAX_READ))
        fs = self._fs(address.volume_offset)
        try:
            tsk_file = fs.open_meta(inode=address.inode)
            size = _size(tsk_file, address)
        except OSError as error:
            raise ImageReadError(f"inode {address.inode} cannot be opened ({error})") from error
        length = max(0, min(length, MAX_READ, size - offset))
        chunks: list[bytes] = []
        while length > 0:
            want = min(length, 1 << 20)
            data = _read_random(tsk_file, address, offset, want)
            if not data:
                break
            chunks.append(data)
            offset += len(data)
            length -= len(data)
        return b"".join(chunks)

    def _read_runs(self, runs: tuple[tuple[int, int], ...], offset: int, length: int) -> bytes:
        """Bytes [offset, offset + length) of the runs' concatenation; short where the image ends."""
        chunks: list[bytes] = []
        start = 0
        for run_offset, run_length in runs:
            end = start + run_length
            if length > 0 and offset < end:
                skip = max(0, offset - start)
                take = min(run_length - skip, length)
                data = self._read_image(run_offset + skip, take)
                chunks.append(data)
                offset += len(data)
                length -= len(data)
                if len(data) < take:
                    break
            start = end
        return b"".join(chunks)

    def size(self, address: FileAddress) -> int:
        if address.runs is not None:
            return sum(length for _, length in address.runs)
        fs = self._fs(address.volume_offset)
        try:
            return _size(fs.open_meta(inode=address.inode), address)
        except OSError as error:
            raise ImageReadError(f"inode {address.inode} cannot be opened ({error})") from error


def _size(tsk_file: Any, address: FileAddress) -> int:
    if address.attr_type is None:
        meta = tsk_file.info.meta
        return int(meta.size) if meta is not None and meta.size > 0 else 0
    for attribute in tsk_file:
        if int(attribute.info.type) == address.attr_type and int(attribute.info.id) == address.attr_id:
            return int(attribute.info.size)
    return 0


def _read_random(tsk_file: Any, address: FileAddress, offset: int, length: int) -> bytes:
    try:
        if address.attr_type is None:
            return bytes(tsk_file.read_random(offset, length))
        return bytes(tsk_file.read_random(offset, length, address.attr_type, address.attr_id))
    except OSError:
        return b""  # a damaged run ends the read; the caller sees the short result
