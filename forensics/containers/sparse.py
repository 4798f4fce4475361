"""Android sparse images (simg), read in place: logical offsets map to chunks through an index built once.

Layout (AOSP libsparse, sparse_format.h): a 28-byte file header (magic 0xED26FF3A, version 1.x, header
sizes, block size, total blocks, total chunks), then chunks, each a 12-byte header (type, blocks,
total bytes) followed by its data: raw (the blocks), fill (a 4-byte pattern), don't care (nothing:
zeros), CRC32 (4 bytes, covers no blocks).
"""

import bisect
import struct
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

import pytsk3

from forensics.base.errors import ImageReadError
from forensics.base.hashing import Digests, TripleHasher
from forensics.base.reader import ByteSource
from forensics.base.records import ReadWarning
from forensics.containers.image import ImageFacts, ImageSpec
from forensics.containers.noatime import open_binary

ANDROID_SPARSE = "android-sparse"
MAGIC = 0xED26FF3A
MAGIC_BYTES = struct.pack("<I", MAGIC)
_FILE_HEADER = struct.Struct("<IHHHHIIII")
_CHUNK_HEADER = struct.Struct("<HHII")
RAW, FILL, DONT_CARE, CRC32 = 0xCAC1, 0xCAC2, 0xCAC3, 0xCAC4


@dataclass(frozen=True)
class Extent:
    """`length` logical bytes from `start`: raw bytes at `file_offset`, or a repeated 4-byte `fill`."""

    start: int
    length: int
    file_offset: int | None = None
    fill: bytes = b"\x00\x00\x00\x00"


@dataclass(frozen=True)
class SparseIndex:
    block_size: int
    size: int  # expanded (logical) size
    chunks: int
    extents: tuple[Extent, ...]
    damage: tuple[str, ...]  # what the container lacks; missing bytes read as zeros


def _header(handle: BinaryIO, name: str) -> tuple[int, int, int, int, int]:
    raw = handle.read(_FILE_HEADER.size)
    if len(raw) < _FILE_HEADER.size:
        raise ImageReadError(f"{name}: Android sparse header is truncated")
    magic, major, _minor, header_size, chunk_header, block, blocks, chunks, _crc = _FILE_HEADER.unpack(raw)
    if magic != MAGIC or major != 1:
        raise ImageReadError(f"{name}: not an Android sparse image of version 1 (major {major})")
    if block == 0 or block % 4 or header_size < _FILE_HEADER.size or chunk_header < _CHUNK_HEADER.size:
        raise ImageReadError(f"{name}: Android sparse header is inconsistent (block size {block})")
    return header_size, chunk_header, block, blocks, chunks


def build_index(path: Path) -> SparseIndex:
    """Walk the chunk headers once (seeking over data). Raises ImageReadError if the header is unusable."""
    file_size = path.stat().st_size
    with open_binary(path) as handle:
        header_size, chunk_header, block, blocks, chunks = _header(handle, path.name)
        extents: list[Extent] = []
        damage: list[str] = []
        position, logical = header_size, 0
        for number in range(chunks):
            handle.seek(position)
            raw = handle.read(_CHUNK_HEADER.size)
            if len(raw) < _CHUNK_HEADER.size:
                damage.append(f"chunk {number} of {chunks}: header missing at file offset {position}")
                break
            kind, _reserved, count, total = _CHUNK_HEADER.unpack(raw)
            data_at, length = position + chunk_header, count * block
            if logical + length > blocks * block:
                damage.append(f"chunk {number}: goes past the {blocks} blocks the header declares; ignored")
                break
            if kind == RAW:
                present = max(0, min(length, file_size - data_at))
                if present:
                    extents.append(Extent(logical, present, file_offset=data_at))
                if present < length:
                    damage.append(
                        f"chunk {number} (raw, {length} bytes at logical offset {logical}): "
                        f"only {present} bytes present, the container is truncated"
                    )
            elif kind == FILL:
                handle.seek(data_at)
                fill = handle.read(4)
                if len(fill) < 4:
                    damage.append(f"chunk {number} (fill): pattern missing, the container is truncated")
                    fill = b"\x00" * 4
                extents.append(Extent(logical, length, fill=fill))
            elif kind == DONT_CARE:
                extents.append(Extent(logical, length))
            elif kind == CRC32:
                pass
            else:
                damage.append(f"chunk {number}: unknown type 0x{kind:04X}; reading stopped there")
                break
            if total < chunk_header:
                damage.append(f"chunk {number}: impossible size {total}; reading stopped there")
                break
            position += total
            logical += length
        expected = blocks * block
        if logical < expected and not damage:
            damage.append(f"chunks cover {logical} of {expected} bytes; the rest reads as zeros")
    return SparseIndex(block, expected, chunks, tuple(extents), tuple(damage))


class SparseImage(pytsk3.Img_Info):
    """The expanded media of a sparse image, without expanding it to disk; opened read-only."""

    def __init__(self, path: Path) -> None:
        self.index = build_index(path)
        self._starts = [extent.start for extent in self.index.extents]
        self._handle = open_binary(path)
        self._lock = threading.Lock()
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, length: int) -> bytes:
        length = max(0, min(length, self.index.size - offset))
        parts: list[bytes] = []
        while length > 0:
            piece = self._piece(offset, length)
            parts.append(piece)
            offset += len(piece)
            length -= len(piece)
        return b"".join(parts)

    def _piece(self, offset: int, length: int) -> bytes:
        """Bytes from `offset` up to the end of the extent holding it (or of the gap before the next)."""
        at = bisect.bisect_right(self._starts, offset) - 1
        if at < 0 or offset >= self.index.extents[at].start + self.index.extents[at].length:
            following = self._starts[at + 1] if at + 1 < len(self._starts) else self.index.size
            return b"\x00" * min(length, following - offset)  # not covered: missing or truncated
        extent = self.index.extents[at]
        inside = offset - extent.start
        want = min(length, extent.length - inside)
        if extent.file_offset is None:
            shift = inside % 4
            return (extent.fill[shift:] + extent.fill * (want // 4 + 1))[:want]
        with self._lock:
            self._handle.seek(extent.file_offset + inside)
            data = self._handle.read(want)
        return data + b"\x00" * (want - len(data))

    def get_size(self) -> int:
        return self.index.size

    def close(self) -> None:
        self._handle.close()


class AndroidSparseContainer:
    format = ANDROID_SPARSE

    def segments(self, path: Path, head: bytes, tail: bytes) -> tuple[Path, ...] | None:
        return (path,) if head.startswith(MAGIC_BYTES) else None

    def open(self, spec: ImageSpec, sizes: tuple[int, ...]) -> tuple[ByteSource, ImageFacts]:
        sparse = SparseImage(spec.first)
        return sparse, ImageFacts(ANDROID_SPARSE, sparse.get_size(), sizes, damage=sparse.index.damage)


def container_digests(path: Path, chunk: int = 4 << 20) -> Digests:
    """MD5/SHA-1/SHA-256 of the sparse container file itself (not of the expanded media)."""
    hasher = TripleHasher()
    with open_binary(path) as handle:
        while data := handle.read(chunk):
            hasher.update(data)
    return hasher.digests()


def container_facts(path: Path) -> dict[str, str]:
    """The sparse container's own facts for the evidence record (image hashes are of the expanded media)."""
    index = build_index(path)
    digests = container_digests(path)
    return {
        "container_format": "Android sparse image (hashes below are of this container file)",
        "container_size": str(path.stat().st_size),
        "container_md5": digests.md5,
        "container_sha1": digests.sha1,
        "container_sha256": digests.sha256,
        "expanded_size": str(index.size),
        "sparse_block_size": str(index.block_size),
        "sparse_chunks": str(index.chunks),
    }


def with_container_facts(spec: ImageSpec, facts: ImageFacts) -> tuple[ImageFacts, list[ReadWarning]]:
    """The scan's hook: a sparse container's own facts added to the image facts (ImageFacts), and its
    damage as warnings (missing bytes read as zeros)."""
    damage = [
        ReadWarning(
            "container-damaged",
            f"{spec.first.name}: {note}; missing bytes read as zeros, image hash included",
            0,  # on the first volume, so a resumed import stores it once
        )
        for note in facts.damage
    ]
    if spec.format != ANDROID_SPARSE:
        return facts, damage
    return replace(facts, acquisition={**facts.acquisition, **container_facts(spec.first)}), damage
