"""Split raw images (.000/.001..., .aa/.ab...): several segments read as one byte stream."""

import bisect
import threading
from pathlib import Path
from typing import BinaryIO

import pytsk3

from forensics.base.reader import ByteSource
from forensics.containers.image import ImageFacts, ImageSpec
from forensics.containers.noatime import open_binary
from forensics.containers.segments import split_raw_segments

SPLIT_RAW = "split-raw"


class SplitRawImage(pytsk3.Img_Info):
    """Several raw segments seen as one image; each segment opened read-only, O_NOATIME."""

    def __init__(self, segments: tuple[Path, ...]) -> None:
        self._handles: list[BinaryIO] = [open_binary(path) for path in segments]
        sizes = [path.stat().st_size for path in segments]
        self._starts = [sum(sizes[:i]) for i in range(len(sizes))]
        self._size = sum(sizes)
        self._lock = threading.Lock()
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, length: int) -> bytes:
        chunks: list[bytes] = []
        with self._lock:
            while length > 0 and offset < self._size:
                index = bisect.bisect_right(self._starts, offset) - 1
                handle = self._handles[index]
                handle.seek(offset - self._starts[index])
                chunk = handle.read(length)
                if not chunk:
                    break
                chunks.append(chunk)
                offset += len(chunk)
                length -= len(chunk)
        return b"".join(chunks)

    def get_size(self) -> int:
        return self._size

    def close(self) -> None:
        for handle in self._handles:
            handle.close()


class SplitRawContainer:
    format = SPLIT_RAW

    def segments(self, path: Path, head: bytes, tail: bytes) -> tuple[Path, ...] | None:
        found = split_raw_segments(path)
        return tuple(found) if found else None

    def open(self, spec: ImageSpec, sizes: tuple[int, ...]) -> tuple[ByteSource, ImageFacts]:
        split = SplitRawImage(spec.segments)
        return split, ImageFacts(SPLIT_RAW, split.get_size(), sizes)
