"""A volume that is not one contiguous byte range of its image, seen as an image of its own."""

import bisect
from dataclasses import dataclass

import pytsk3

from forensics.base.reader import ByteSource


@dataclass(frozen=True)
class Run:
    """`length` bytes taken from `offset` of the underlying image, or zeros when offset is None."""

    length: int
    offset: int | None


class RunsImage(pytsk3.Img_Info):
    """Concatenated runs of an underlying image (a logical partition assembled from its extents)."""

    def __init__(self, image: ByteSource, runs: tuple[Run, ...]) -> None:
        self._image = image
        runs = tuple(run for run in runs if run.length > 0)
        self._runs = runs
        self._starts = [sum(run.length for run in runs[:i]) for i in range(len(runs))]
        self._size = sum(run.length for run in runs)
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, length: int) -> bytes:
        length = max(0, min(length, self._size - offset))
        parts: list[bytes] = []
        while length > 0:
            at = bisect.bisect_right(self._starts, offset) - 1
            run = self._runs[at]
            inside = offset - self._starts[at]
            want = min(length, run.length - inside)
            if run.offset is None:
                data = b"\x00" * want
            else:
                data = bytes(self._image.read(run.offset + inside, want))
                if not data:
                    break  # the underlying image ends: a short read, as from any image
            parts.append(data)
            offset += len(data)
            length -= len(data)
        return b"".join(parts)

    def get_size(self) -> int:
        return self._size

    def close(self) -> None:
        """The underlying image belongs to the caller."""
