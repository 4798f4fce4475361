"""Unallocated space of a volume as byte ranges of the image, from TSK's block list (`blkls -l -A`).

blkls is The Sleuth Kit's own tool run as a child process: its native code never runs in ours, and it
lists exactly the blocks TSK calls unallocated (Autopsy's Unalloc files come from the same walk).
"""

import subprocess
from collections.abc import Iterable, Iterator

from forensics.base.errors import ImageReadError
from forensics.containers.ewf import EWF
from forensics.containers.image import ImageSpec
from forensics.containers.raw import RAW
from forensics.containers.split_raw import SPLIT_RAW

Range = tuple[int, int]  # (image offset, length)

# Containers TSK's command-line tools open themselves; the others (Android sparse) are not mapped.
_TSK_IMAGE_TYPES = {RAW: "raw", SPLIT_RAW: "split", EWF: "ewf"}
_SECTOR = 512


def tsk_image_type(spec: ImageSpec) -> str | None:
    return _TSK_IMAGE_TYPES.get(spec.format)


def coalesce(ranges: Iterable[Range]) -> list[Range]:
    """Sorted ranges with touching or overlapping neighbours merged."""
    merged: list[Range] = []
    for offset, length in sorted(r for r in ranges if r[1] > 0):
        if merged and offset <= merged[-1][0] + merged[-1][1]:
            last_offset, last_length = merged[-1]
            merged[-1] = (last_offset, max(last_length, offset + length - last_offset))
        else:
            merged.append((offset, length))
    return merged


def _block_runs(lines: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(first block, count) of each run of consecutive unallocated blocks in blkls -l output."""
    start = previous = -2
    for line in lines:
        address, _, flag = line.strip().partition("|")
        if flag != "f" or not address.isdigit():
            continue  # the header lines, or an allocated block
        block = int(address)
        if block != previous + 1:
            if start >= 0:
                yield start, previous - start + 1
            start = block
        previous = block
    if start >= 0:
        yield start, previous - start + 1


def blkls_ranges(spec: ImageSpec, volume_offset: int, volume_length: int, block_size: int) -> list[Range]:
    """The unallocated blocks of the file system at `volume_offset`, as image byte ranges.

    Raises ImageReadError when blkls cannot read it (its reason in the message)."""
    image_type = tsk_image_type(spec)
    if image_type is None:
        raise ImageReadError(f"The Sleuth Kit's tools do not open {spec.format} images")
    if volume_offset % _SECTOR or block_size <= 0:
        raise ImageReadError(f"volume offset {volume_offset} is not on a 512-byte sector")
    command = ["blkls", "-l", "-A", "-i", image_type, "-o", str(volume_offset // _SECTOR)]
    segments = spec.segments[:1] if image_type == "ewf" else spec.segments  # libewf finds the rest
    command += [str(path) for path in segments]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace"
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        runs = [
            (volume_offset + first * block_size, count * block_size)
            for first, count in _block_runs(process.stdout)
        ]
        reason = process.stderr.read().strip()
    if process.returncode != 0:
        raise ImageReadError(
            f"blkls failed ({process.returncode}): {reason.splitlines()[0] if reason else ''}"
        )
    end = volume_offset + volume_length
    outside = [r for r in runs if r[0] < volume_offset or r[0] + r[1] > end]
    if outside:
        raise ImageReadError(f"blkls listed {len(outside)} ranges outside the volume: not trusted")
    return coalesce(runs)


def uncovered(size: int, covered: Iterable[Range]) -> list[Range]:
    """The parts of [0, size) that no range covers (media space outside every volume)."""
    gaps: list[Range] = []
    position = 0
    for offset, length in coalesce(covered):
        if offset > position:
            gaps.append((position, offset - position))
        position = max(position, offset + length)
    if position < size:
        gaps.append((position, size - position))
    return gaps
