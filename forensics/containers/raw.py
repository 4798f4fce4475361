"""A raw (dd) image: one file, the media byte for byte; the last entry of forensics/containers/registry.py."""

import os
from pathlib import Path

import pytsk3

from forensics.base.reader import ByteSource
from forensics.containers.image import ImageFacts, ImageSpec
from forensics.containers.noatime import open_fd

RAW = "raw"


class RawImage(pytsk3.Img_Info):
    """One raw file read with pread on a descriptor opened O_NOATIME (TSK's own open has no such flag);
    pread takes its offset, so threads share the descriptor without a lock."""

    def __init__(self, path: Path) -> None:
        self._fd = open_fd(path)
        self._size = os.fstat(self._fd).st_size
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, length: int) -> bytes:
        return os.pread(self._fd, max(0, min(length, self._size - offset)), offset)

    def get_size(self) -> int:
        return self._size

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class RawContainer:
    format = RAW

    def segments(self, path: Path, head: bytes, tail: bytes) -> tuple[Path, ...] | None:
        return (path,)

    def open(self, spec: ImageSpec, sizes: tuple[int, ...]) -> tuple[ByteSource, ImageFacts]:
        raw = RawImage(spec.first)
        return raw, ImageFacts(RAW, raw.get_size(), sizes)
