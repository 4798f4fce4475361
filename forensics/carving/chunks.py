"""Unallocated ranges cut into chunks for the carver, and offsets in a chunk mapped back to the image.

A chunk is the concatenation of one or more unallocated ranges of one volume (as Autopsy hands
PhotoRec its Unalloc files); a carved file's runs inside the chunk become runs of the image here.
A file that crosses a chunk's end is cut there: chunks are large (docs/carving.md).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from forensics.carving.unallocated import Range


@dataclass(frozen=True)
class Chunk:
    """Chunk `index` of a volume: its image ranges, in chunk order."""

    volume_idx: int
    index: int
    ranges: tuple[Range, ...]

    @property
    def size(self) -> int:
        return sum(length for _, length in self.ranges)

    def image_runs(self, runs: Iterable[Range], size: int) -> tuple[Range, ...]:
        """The image runs holding the first `size` bytes of the chunk runs `runs` (chunk offsets)."""
        mapped: list[Range] = []
        left = size
        for offset, length in runs:
            length = min(length, left)
            mapped += self._map(offset, length)
            left -= length
            if left <= 0:
                break
        if left > 0:
            raise ValueError(f"the runs hold {size - left} of {size} bytes")
        return _joined(mapped)

    def _map(self, offset: int, length: int) -> list[Range]:
        if offset < 0 or offset + length > self.size:
            raise ValueError(f"run {offset}+{length} is outside the chunk of {self.size} bytes")
        mapped: list[Range] = []
        start = 0
        for image_offset, range_length in self.ranges:
            end = start + range_length
            if length > 0 and offset < end:
                skip = offset - start
                take = min(range_length - skip, length)
                mapped.append((image_offset + skip, take))
                offset += take
                length -= take
            start = end
        return mapped


def _joined(runs: list[Range]) -> tuple[Range, ...]:
    """Runs with each one that continues its predecessor in the image merged into it (order kept)."""
    joined: list[Range] = []
    for offset, length in runs:
        if joined and joined[-1][0] + joined[-1][1] == offset:
            joined[-1] = (joined[-1][0], joined[-1][1] + length)
        else:
            joined.append((offset, length))
    return tuple(joined)


def plan_chunks(volume_idx: int, ranges: Iterable[Range], chunk_bytes: int) -> list[Chunk]:
    """Consecutive ranges packed into chunks of at most `chunk_bytes` (a longer range is split)."""
    if chunk_bytes <= 0 or chunk_bytes % 512:
        raise ValueError("the chunk size must be a positive multiple of 512 bytes")
    chunks: list[Chunk] = []
    current: list[Range] = []
    filled = 0
    for offset, length in ranges:
        while length > 0:
            take = min(length, chunk_bytes - filled)
            current.append((offset, take))
            filled += take
            offset += take
            length -= take
            if filled == chunk_bytes:
                chunks.append(Chunk(volume_idx, len(chunks), tuple(current)))
                current, filled = [], 0
    if current:
        chunks.append(Chunk(volume_idx, len(chunks), tuple(current)))
    return chunks
