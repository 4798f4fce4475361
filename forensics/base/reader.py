"""The one reader protocol every layer shares: bytes read at an offset, and a size."""

from collections.abc import Callable
from typing import Protocol

ReadAt = Callable[[int, int], bytes]  # read(offset, length): the function form, bounds already checked


class ByteSource(Protocol):
    """A byte range read by offset and length, with a size: an opened container or a volume view.

    pytsk3.Img_Info and its subclasses have this shape, so TSK reads every ByteSource it is given.
    """

    def read(self, offset: int, length: int) -> bytes: ...

    def get_size(self) -> int: ...

    def close(self) -> None: ...


def safe_reader(source: ByteSource, size: int) -> ReadAt:
    """`read(offset, length)` on `source`: fewer bytes (or none) past the end or on a read error."""

    def read(offset: int, length: int) -> bytes:
        length = min(length, size - offset)
        if offset < 0 or length <= 0:
            return b""
        try:
            return bytes(source.read(offset, length))
        except OSError:
            return b""

    return read
