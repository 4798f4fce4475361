"""What ContentPool costs per small file: one file per pool task, or batches of BATCH_FILES.

Usage: PYTHONPATH=. pool_tasks.py [FILES] [SIZE] (200,000 files of 700 bytes by default).
In-memory files go through ContentPool with a window of walker.MAX_PENDING files kept in walk
order, as the walker keeps them, with BATCH_FILES = 1 and = 16, alternating, three rounds.
libmagic is replaced by a fixed verdict: the time is the pool's and the three hashes'. Prints CPU
and wall per file for each run.
"""

import sys
import time
from collections import deque
from concurrent.futures import Future
from typing import Any

from forensics.base import content
from forensics.base.content import ContentPool, ContentResult
from forensics.filesystems import tsk_walker as walker


class _MemoryFile:
    """Stands for a TSK file: read_random over bytes in memory."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read_random(self, offset: int, length: int, *attr: Any) -> bytes:
        return self._data[offset : offset + length]


def _walk(files: list[_MemoryFile], size: int) -> int:
    """Submit every file, keep at most MAX_PENDING waiting, take the results in order."""
    window: deque[Future[ContentResult]] = deque()
    done = 0
    with ContentPool() as pool:
        for memory_file in files:
            window.append(pool.submit(memory_file, size, None, lambda _: None, lambda: False))
            while window and (window[0].done() or len(window) > walker.MAX_PENDING):
                done += window.popleft().result().bytes_read > 0
        while window:
            done += window.popleft().result().bytes_read > 0
    return done


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 700
    ContentPool._type_of = lambda self, head, sniffer: ("application/octet-stream", "data")  # type: ignore[method-assign]
    files = [_MemoryFile(i.to_bytes(8, "little") * (size // 8 + 1)) for i in range(count)]
    for _ in range(3):
        for batch in (1, 16):
            content.BATCH_FILES = batch
            cpu, wall = time.process_time(), time.perf_counter()
            assert _walk(files, size) == count
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            per_cpu, per_wall = 1e6 * cpu / count, 1e6 * wall / count
            print(f"BATCH_FILES={batch:2d}: {per_cpu:5.1f} us CPU, {per_wall:5.1f} us wall per file")


if __name__ == "__main__":
    main()
